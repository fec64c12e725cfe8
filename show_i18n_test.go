package main

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
	"leadq/ui/page"
)

// withLang runs leadq as if started with LANG=lang and no other locale
// variable set.
func withLang(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

// showLabels are the lead screen's labels for a lead: the facts and the
// section titles of the one page both show.
func showLabels(t *testing.T, db string, id uint64, c *i18n.Catalog) []string {
	t.Helper()
	s, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel(), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	p := page.Build(c, l, time.Now())
	var labels []string
	for _, f := range p.Facts {
		labels = append(labels, f.Label)
	}
	for _, sec := range p.Sections {
		labels = append(labels, sec.Title)
	}
	return labels
}

// LANG=de_DE.UTF-8 leadq show is the lead page in German, with the lead
// screen's labels; LANG=C is English with no German label; --json stays
// the same in both.
func TestShowSpeaksTheLocale(t *testing.T) {
	db := seededDB(t, 12)
	withLang(t, "de_DE.UTF-8")
	de := mustLeadq(t, "show", "5", "--db", db)
	deJSON := mustLeadq(t, "show", "5", "--json", "--db", db)
	for _, label := range showLabels(t, db, 5, i18n.For(i18n.German)) {
		if !strings.Contains(de, label) {
			t.Errorf("German show lacks the lead screen's label %q:\n%s", label, de)
		}
	}
	for _, want := range []string{"Warum dieser Score", "Verlauf (neueste zuerst)", "Status", "Einwilligung", "Passung"} {
		if !strings.Contains(de, want) {
			t.Errorf("German show lacks %q:\n%s", want, de)
		}
	}
	for _, english := range []string{"Why this score", "History", "Stage ", "Consent", "Came in", "none yet", "nothing yet", " ago"} {
		if strings.Contains(de, english) {
			t.Errorf("German show says %q:\n%s", english, de)
		}
	}
	plan := mustLeadq(t, "plan", "5", "--db", db)
	if !strings.HasPrefix(plan, "# Opportunity-Plan") || !strings.Contains(plan, "**Vollständig:**") {
		t.Errorf("German plan:\n%s", plan)
	}

	withLang(t, "C")
	en := mustLeadq(t, "show", "5", "--db", db)
	for _, label := range showLabels(t, db, 5, i18n.For(i18n.English)) {
		if !strings.Contains(en, label) {
			t.Errorf("English show lacks the lead screen's label %q:\n%s", label, en)
		}
	}
	for _, german := range []string{"Warum", "Verlauf", "Einwilligung", "Passung", "Eingang", "noch", "vor "} {
		if strings.Contains(en, german) {
			t.Errorf("English show says %q:\n%s", german, en)
		}
	}
	if enJSON := mustLeadq(t, "show", "5", "--json", "--db", db); enJSON != deJSON {
		t.Errorf("show --json differs with the locale:\n%s\n----\n%s", deJSON, enJSON)
	}
	if plan := mustLeadq(t, "plan", "5", "--db", db); !strings.HasPrefix(plan, "# Opportunity plan") {
		t.Errorf("English plan:\n%s", plan)
	}
}

// hostileDB is the schema-1 fixture with lead 1's name, company, a note
// and a custom field full of escape sequences, as an older leadq let
// them in.
func hostileDB(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "schema1", "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "leads.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	key := binary.BigEndian.AppendUint64(nil, 1)
	err = raw.Update(func(tx *bolt.Tx) error {
		var rec map[string]any
		if err := json.Unmarshal(tx.Bucket([]byte("leads")).Get(key), &rec); err != nil {
			return err
		}
		rec["name"] = "Esc\x1b[2J\x1b]0;pwned\x07Name"
		rec["company"].(map[string]any)["name"] = "\x1b]52;c;cHduZWQ=\x07ClipCo\u202e"
		rec["notes"] = []any{map[string]any{"kind": "other", "text": "Link \x1b]8;;https://evil.example\x07hier\x1b]8;;\x07\nzweite \x1b[31mZeile", "created": "2026-11-12T10:00:00+01:00"}}
		v, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		return tx.Bucket([]byte("leads")).Put(key, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// leadq show prints lead text from elsewhere as visible escapes in every
// language: nothing that could clear, retitle or recolour the terminal.
func TestShowMakesLeadTextSafe(t *testing.T) {
	db := hostileDB(t)
	for _, lang := range []string{"de_DE.UTF-8", "C"} {
		withLang(t, lang)
		out := mustLeadq(t, "show", "1", "--db", db)
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("LANG=%s: escape sequences reach the terminal:\n%q", lang, out)
		}
		for _, want := range []string{`Esc\x1b[2J\x1b]0;pwned\x07Name`, `\x1b]52;c;cHduZWQ=\x07ClipCo\u202e`,
			`Link \x1b]8;;https://evil.example\x07hier`, `zweite \x1b[31mZeile`} {
			if !strings.Contains(out, want) {
				t.Errorf("LANG=%s: show lacks %q:\n%s", lang, want, out)
			}
		}
	}
}
