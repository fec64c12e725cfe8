package main

import (
	"strings"
	"testing"
	"time"

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
