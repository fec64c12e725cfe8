// Package i18n holds every word leadq shows a person, in German and
// English, and the locale's way of writing dates, numbers and money.
//
// The words are go-i18n message files (locales/*.<lang>.toml), one per
// area of the app, with CLDR plural forms. A Catalog is built once per
// language from them: a lookup is a map read and, for a message with
// arguments, one fmt.Sprintf, so no frame pays for templates or matching.
//
// Messages use fmt verbs for their arguments (with explicit indexes,
// "%[2]s", where a language needs another order). A plural message is
// chosen by its count, which is passed to it as its first argument,
// already written the locale's way ("2.702").
//
// Machine output (JSON, export files, the import mapping file, exit codes)
// does not come from here: it stays the same whatever the language.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Lang is a language the app speaks.
type Lang string

const (
	English Lang = "en"
	German  Lang = "de"
)

// Langs are the languages there are catalogs for.
var Langs = []Lang{English, German}

// Parse reads a language from a config value or a locale name:
// "de", "de_DE.UTF-8", "de-AT", "en_GB", "C". ok is false for a
// language leadq does not speak.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_-.@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "de":
		return German, true
	case "en", "c", "posix":
		return English, true
	}
	return English, false
}

// Detect is the language to speak: the configured one if there is one,
// else the first locale variable that is set (LC_ALL, LC_MESSAGES, LANG,
// as the C library reads them), else English. A locale leadq has no
// catalog for is English.
func Detect(configured string, getenv func(string) string) Lang {
	if configured != "" {
		l, _ := Parse(configured)
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			l, _ := Parse(s)
			return l
		}
	}
	return English
}

//go:embed locales/*.toml
var files embed.FS

// Catalog is one language's words and ways of writing.
type Catalog struct {
	lang   Lang
	tag    language.Tag
	msgs   map[string]message
	labels labels
}

// message is one message's text in its plural forms; a message without
// plural forms has only other.
type message struct {
	one, other string
}

var (
	loadOnce sync.Once
	loaded   map[Lang]*Catalog
	loadErr  error
)

// For is the catalog of a language, built on first use. The message files
// are part of the binary and tested, so a broken one is a programming
// error and panics.
func For(l Lang) *Catalog {
	loadOnce.Do(func() { loaded, loadErr = load(files) })
	if loadErr != nil {
		panic(loadErr)
	}
	if c, ok := loaded[l]; ok {
		return c
	}
	return loaded[English]
}

// load parses every message file and builds a catalog per language.
func load(fsys fs.FS) (map[Lang]*Catalog, error) {
	names, err := fs.Glob(fsys, "locales/*.toml")
	if err != nil {
		return nil, err
	}
	unmarshal := map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal}
	out := map[Lang]*Catalog{}
	for _, l := range Langs {
		out[l] = &Catalog{lang: l, tag: language.Make(string(l)), msgs: map[string]message{}}
	}
	for _, name := range names {
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		mf, err := goi18n.ParseMessageFileBytes(buf, path.Base(name), unmarshal)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c, ok := out[Lang(mf.Tag.String())]
		if !ok {
			return nil, fmt.Errorf("%s: no language %q", name, mf.Tag)
		}
		for _, m := range mf.Messages {
			if _, dup := c.msgs[m.ID]; dup {
				return nil, fmt.Errorf("%s: message %s is defined twice", name, m.ID)
			}
			c.msgs[m.ID] = message{one: m.One, other: m.Other}
		}
	}
	for _, c := range out {
		c.labels = newLabels(c)
	}
	return out, nil
}

// Lang is the catalog's language.
func (c *Catalog) Lang() Lang { return c.lang }

// T is a message without arguments. A message missing from the catalog
// shows as its id, which the tests keep from happening.
func (c *Catalog) T(id string) string {
	if m, ok := c.msgs[id]; ok {
		return m.other
	}
	return id
}

// F is a message with arguments, formatted as by fmt.Sprintf.
func (c *Catalog) F(id string, args ...any) string {
	return fmt.Sprintf(c.T(id), args...)
}

// N is a message in the plural form for n: "1 lead", "2.702 Leads". Its
// first argument is n written the locale's way, then args.
func (c *Catalog) N(id string, n int, args ...any) string {
	m, ok := c.msgs[id]
	if !ok {
		return id
	}
	form := m.other
	if m.one != "" && c.pluralOne(n) {
		form = m.one
	}
	return fmt.Sprintf(form, append([]any{c.Number(n)}, args...)...)
}

// pluralOne is whether n takes the CLDR plural form "one" in the
// catalog's language.
func (c *Catalog) pluralOne(n int) bool {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(c.tag, n, 0, 0, 0, 0) == plural.One
}

// Has is whether the catalog has a message.
func (c *Catalog) Has(id string) bool {
	_, ok := c.msgs[id]
	return ok
}
