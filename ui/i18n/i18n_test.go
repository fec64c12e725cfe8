package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"leadq/domain"
)

// TestEveryMessageInEveryLanguage fails when a message exists in one
// language and not in another, or takes other arguments there.
func TestEveryMessageInEveryLanguage(t *testing.T) {
	en, de := For(English), For(German)
	if len(en.msgs) < 50 {
		t.Fatalf("English has %d messages: the message files were not read", len(en.msgs))
	}
	for _, pair := range [][2]*Catalog{{en, de}, {de, en}} {
		a, b := pair[0], pair[1]
		for id, m := range a.msgs {
			o, ok := b.msgs[id]
			if !ok {
				t.Errorf("%s is in %s but not in %s", id, a.lang, b.lang)
				continue
			}
			if (m.one == "") != (o.one == "") {
				t.Errorf("%s has a plural form in %s but not in %s", id, a.lang, b.lang)
			}
			for _, form := range []string{m.one, m.other} {
				if form == "" {
					continue
				}
				if got, want := verbs(form), verbs(o.other); !reflect.DeepEqual(got, want) {
					t.Errorf("%s takes %v in %s (%q) but %v in %s (%q)", id, got, a.lang, form, want, b.lang, o.other)
				}
			}
			if strings.TrimSpace(m.other) == "" {
				t.Errorf("%s is blank in %s", id, a.lang)
			}
		}
	}
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs are a message's arguments as index → verb letter, so "%s of %d"
// and "%[2]d von %[1]s" take the same.
func verbs(s string) map[int]string {
	out := map[int]string{}
	next := 1
	for _, v := range verbRE.FindAllStringSubmatch(s, -1) {
		if strings.HasSuffix(v[0], "%") {
			continue
		}
		i := next
		if v[1] != "" {
			i, _ = strconv.Atoi(strings.Trim(v[1], "[]"))
		}
		out[i] = v[0][len(v[0])-1:]
		next = i + 1
	}
	return out
}

// TestMessageFilesParseAsWritten guards against a table that go-i18n reads
// as one message (a key named like a plural form) swallowing the others.
func TestMessageFilesParseAsWritten(t *testing.T) {
	names, _ := fs.Glob(files, "locales/*.toml")
	perLang := map[string]int{}
	for _, name := range names {
		var raw map[string]any
		buf, _ := fs.ReadFile(files, name)
		if _, err := toml.Decode(string(buf), &raw); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		perLang[strings.Split(filepath.Base(name), ".")[1]] += leaves(raw)
	}
	for _, l := range Langs {
		if got, want := len(For(l).msgs), perLang[string(l)]; got != want {
			t.Errorf("%s: %d messages read, the files hold %d", l, got, want)
		}
	}
}

// leaves counts the messages in a parsed file: a string, or a table of
// plural forms.
func leaves(v any) int {
	m, ok := v.(map[string]any)
	if !ok {
		return 1
	}
	if _, plural := m["other"]; plural {
		return 1
	}
	n := 0
	for _, c := range m {
		n += leaves(c)
	}
	return n
}

// TestEveryMessageUsedExists reads the source of the whole module for
// T("id"), F("id", …), N("id", …) and domain.Problemf("id", …) and fails
// for an id no catalog has.
func TestEveryMessageUsedExists(t *testing.T) {
	root := filepath.Join("..", "..")
	en := For(English)
	fset := token.NewFileSet()
	used := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			if name != "T" && name != "F" && name != "N" && name != "Problemf" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			id, _ := strconv.Unquote(lit.Value)
			if name == "Problemf" && len(call.Args) > 1 {
				// The domain's English must be the English catalog's.
				if f, ok := call.Args[1].(*ast.BasicLit); ok && f.Kind == token.STRING {
					english, _ := strconv.Unquote(f.Value)
					if en.Has(id) && en.T(id) != english {
						t.Errorf("%s: %s says %q in the domain but %q in the English catalog", fset.Position(lit.Pos()), id, english, en.T(id))
					}
				}
			}
			if !strings.Contains(id, ".") || strings.ContainsAny(id, " %") {
				return true // not a message id (a test's t.F, say)
			}
			used++
			if !en.Has(id) {
				t.Errorf("%s: message %s is in no catalog", fset.Position(lit.Pos()), id)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used == 0 {
		t.Fatal("no message use found: the source was not read")
	}
}

// TestLabelsHaveWords fails when a typed value has no word in a language.
func TestLabelsHaveWords(t *testing.T) {
	for _, l := range Langs {
		c := For(l)
		v := reflect.ValueOf(c.labels)
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			check := func(s string) {
				if s == "" || (strings.Contains(s, ".") && !c.Has(s) && strings.ToLower(s) == s && !strings.Contains(s, " ")) {
					t.Errorf("%s: label %s has no word: %q", l, v.Type().Field(i).Name, s)
				}
			}
			if f.Kind() == reflect.String {
				check(f.String())
				continue
			}
			for j := 0; j < f.Len(); j++ {
				check(f.Index(j).String())
			}
		}
	}
}

func TestGermanWordsAsRepsUseThem(t *testing.T) {
	de := For(German)
	for got, want := range map[string]string{
		de.Stage(domain.StageInquiry):         "Anfrage",
		de.Stage(domain.StageCustomer):        "Kunde",
		de.Stage(domain.StageNurture):         "Nurturing",
		de.Stage(domain.StageDisqualified):    "Disqualifiziert",
		de.Activity(domain.KindCall):          "Anruf",
		de.Outcome(domain.OutcomeCallback):    "Rückruf",
		de.Outcome(domain.OutcomeNoAnswer):    "nicht erreicht",
		de.Outcome(domain.OutcomeBusy):        "besetzt",
		de.Outcome(domain.OutcomeWrongNumber): "falsche Nummer",
		de.Fit(domain.FitGood):                "passt gut",
		de.Fit(domain.FitLow):                 "geringe Chance",
		de.Fit(domain.FitNone):                "passt nicht",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestNumbersAndMoney(t *testing.T) {
	de, en := For(German), For(English)
	eur := func(c int64) domain.Money { return domain.Money{Cents: c, Currency: "EUR"} }
	for _, tc := range []struct{ got, want string }{
		{de.Number(2702), "2.702"},
		{en.Number(2702), "2,702"},
		{de.Number(1234567), "1.234.567"},
		{en.Number(-1234567), "-1,234,567"},
		{de.Number(999), "999"},
		{de.Money(eur(5000000)), "50.000 €"},
		{de.Money(eur(123456)), "1.234,56 €"},
		{en.Money(eur(5000000)), "€50,000"},
		{en.Money(eur(123456)), "€1,234.56"},
		{en.Money(eur(-105)), "€-1.05"},
		{de.Money(domain.Money{Cents: 100000, Currency: "CHF"}), "1.000 CHF"},
		{en.Money(domain.Money{Cents: 100000, Currency: "CHF"}), "CHF 1,000"},
		{de.Money(domain.Money{Cents: 100000}), "1.000"},
		{de.Decimal(2.5, 1), "2,5"},
		{en.Decimal(2.5, 1), "2.5"},
		{de.Signed(-12, 1), "-12"},
		{de.Signed(3.25, 2), "+3,25"},
		{de.Percent(40), "40 %"},
		{en.Percent(40), "40%"},
		{de.N("test.leads", 1), "1 Lead"},
		{de.N("test.leads", 2702), "2.702 Leads"},
		{en.N("test.leads", 0), "0 leads"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	de, en := For(German), For(English)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	fri := time.Date(2026, 12, 4, 14, 30, 0, 0, time.UTC)
	nextYear := time.Date(2027, 12, 3, 14, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{de.DateTime(now, fri), "Fr 04.12. 14:30"},
		{de.DateTime(now, nextYear), "Fr 03.12.2027 14:30"},
		{en.DateTime(now, fri), "Fri 4 Dec 14:30"},
		{en.DateTime(now, nextYear), "Fri 3 Dec 2027 14:30"},
		{de.When(now, now.Add(5*time.Hour)), "heute 14:00"},
		{en.When(now, now.Add(-20*time.Hour)), "yesterday 13:00"},
		{de.When(now, now.Add(24*time.Hour)), "morgen 09:00"},
		{de.Day(now, fri), "04.12."},
		{en.Day(now, fri), "4 Dec"},
		{de.Stamp(fri, time.UTC), "04.12.2026 14:30"},
		{en.Stamp(fri, time.UTC), "4 Dec 2026 14:30"},
		{de.Ago(now, now.Add(-3*time.Hour)), "3 Std."},
		{en.Ago(now, now.Add(-3*time.Hour)), "3h"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		configured string
		env        func(string) string
		want       Lang
	}{
		{"", env(), English},
		{"", env("LANG", "de_DE.UTF-8"), German},
		{"", env("LANG", "de_AT.UTF-8"), German},
		{"", env("LANG", "de_CH"), German},
		{"", env("LANG", "C"), English},
		{"", env("LANG", "fr_FR.UTF-8"), English},
		{"", env("LC_ALL", "C", "LANG", "de_DE.UTF-8"), English},
		{"", env("LC_MESSAGES", "de_DE.UTF-8", "LANG", "en_US.UTF-8"), German},
		{"en", env("LANG", "de_DE.UTF-8"), English},
		{"de", env("LC_ALL", "C"), German},
	} {
		if got := Detect(tc.configured, tc.env); got != tc.want {
			t.Errorf("Detect(%q, …) = %s, want %s", tc.configured, got, tc.want)
		}
	}
}

// TestLookupCostsNoAllocation keeps the catalog out of a frame's cost:
// a label or a plain message is read without allocating.
func TestLookupCostsNoAllocation(t *testing.T) {
	de := For(German)
	if n := testing.AllocsPerRun(100, func() {
		_ = de.Stage(domain.StageCustomer)
		_ = de.Badge(domain.TierHot, true)
		_ = de.T("date.today")
	}); n != 0 {
		t.Errorf("a lookup allocates %v times", n)
	}
}

func BenchmarkLabel(b *testing.B) {
	de := For(German)
	for b.Loop() {
		_ = de.Stage(domain.StageCustomer)
	}
}

func BenchmarkPlural(b *testing.B) {
	de := For(German)
	for b.Loop() {
		_ = de.N("test.leads", 2702)
	}
}
