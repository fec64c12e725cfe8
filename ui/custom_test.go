package ui

import (
	"strings"
	"testing"

	"leadq/domain"
	"leadq/ui/i18n"
)

// customLeads are the test leads with custom fields on Anna Schmidt: one
// of two lines, one with a tab as a spreadsheet leaves it.
func customLeads() []*domain.Lead {
	leads := testLeads()
	leads[4].Custom = map[string]string{
		"interesse": "Wartungsvertrag",
		"notiz":     "Zeile eins\nZeile zwei",
		"crm_id":    "A-17\tB",
	}
	return leads
}

func TestCustomFieldsOnTheLeadScreen(t *testing.T) {
	m := newTestApp(t, openStore(t, customLeads()), 100, 80)
	openByName(t, m, "Anna Schmidt")
	v := shown(m)
	want := "CUSTOM FIELDS\n  crm_id: A-17 B\n  interesse: Wartungsvertrag\n  notiz: Zeile eins\n    Zeile zwei\n"
	if !strings.Contains(trimLines(v), want) {
		t.Fatalf("the lead lacks its custom fields, sorted by key, of several lines indented:\n%s", v)
	}
	if notes, custom, plan := strings.Index(v, "ENRICHMENT NOTES"), strings.Index(v, "CUSTOM FIELDS"), strings.Index(v, "OPPORTUNITY PLAN"); !(notes < custom && custom < plan) {
		t.Fatalf("the custom fields are not between the enrichment notes and the plan:\n%s", v)
	}
	press(t, m, "esc", "esc") // back, and the search cleared
	openByName(t, m, "Björn Schäfer")
	if v := shown(m); strings.Contains(v, "CUSTOM FIELDS") {
		t.Fatalf("a lead without custom fields shows the section:\n%s", v)
	}
}

// flat is text with every run of blanks and line breaks one blank, for
// what a screen wraps.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// A value kept from before the store refused control characters cannot
// take over the terminal, and an input dropping them is no edit.
func TestCustomFieldsAreMadeSafe(t *testing.T) {
	l := testLeads()[4]
	l.Custom = map[string]string{"farbe": "\x1b]0;pwned\x07rot\u202e"}
	styles := NewStyles(DefaultTheme())
	v := renderLead(l, &styles, i18n.For(i18n.English), 100, testNow)
	if strings.ContainsAny(v, "\x1b\x07\u202e") || !strings.Contains(v, `farbe: \x1b]0;pwned\x07rot\u202e`) {
		t.Fatalf("a hostile custom field reaches the terminal:\n%q", v)
	}
	c := customValuesOf(l)
	c.values[0] = "]0;pwnedrot\u202e" // as the input keeps it
	if c.dirty() {
		t.Fatal("what the input drops counts as an edit")
	}
}

func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// contactFields is how many inputs the contact and company groups have
// before the custom fields.
const contactFields = 18

func TestEditCustomFields(t *testing.T) {
	st := openStore(t, customLeads())
	m := newTestApp(t, st, 100, 40)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "E")
	for range contactFields {
		press(t, m, "enter")
	}
	v := shown(m)
	for _, want := range []string{"Custom fields", "crm_id", "interesse", "notiz", "New field"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the custom fields group lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "enter") // crm_id, with its tab shown as a blank: no edit
	press(t, m, "ctrl+u")
	typeText(t, m, "Neubau") // interesse
	press(t, m, "enter")
	press(t, m, "enter") // notiz, two lines, untouched
	typeText(t, m, "Lieblingsfarbe")
	if !strings.Contains(shown(m), "kept as lieblingsfarbe") {
		t.Fatalf("the new field does not say its key:\n%s", shown(m))
	}
	press(t, m, "enter")
	typeText(t, m, "Blau")
	press(t, m, "enter")
	if m.leadScreen().form() != nil {
		t.Fatalf("the form is still open:\n%s", shown(m))
	}
	l := mustGet(t, st, id)
	want := map[string]string{"crm_id": "A-17\tB", "interesse": "Neubau", "notiz": "Zeile eins\nZeile zwei", "lieblingsfarbe": "Blau"}
	for k, v := range want {
		if l.Custom[k] != v {
			t.Errorf("custom.%s = %q, want %q", k, l.Custom[k], v)
		}
	}
	last := l.History[len(l.History)-1]
	if last.Kind != domain.EventContactEdited || len(last.Changes) != 2 {
		t.Fatalf("last event %+v, want a contact edit of two fields", last)
	}
	press(t, m, "G")
	if v := shown(m); !strings.Contains(flat(v), "Contact edited — custom.interesse Wartungsvertrag → Neubau, custom.lieblingsfarbe Blau") {
		t.Fatalf("the history lacks the custom field edit:\n%s", v)
	}
	if v := shown(m); !strings.Contains(v, "lieblingsfarbe: Blau") {
		t.Fatalf("the lead does not show the new field:\n%s", v)
	}

	// An emptied value removes the field.
	press(t, m, "E")
	for range contactFields + 1 { // crm_id
		press(t, m, "enter")
	}
	press(t, m, "ctrl+u") // interesse
	for range 4 {         // interesse, notiz, lieblingsfarbe, the new pair
		press(t, m, "enter")
	}
	if m.leadScreen().form() != nil {
		press(t, m, "enter")
	}
	l = mustGet(t, st, id)
	if _, ok := l.Custom["interesse"]; ok || m.leadScreen().form() != nil {
		t.Fatalf("an emptied custom field stays: %v", l.Custom)
	}
	press(t, m, "G")
	if v := shown(m); !strings.Contains(v, "Contact edited — custom.interesse removed") {
		t.Fatalf("the history lacks the removal:\n%s", v)
	}

	// A new key the lead has already is refused at its input.
	press(t, m, "E")
	for range contactFields + 3 { // crm_id, lieblingsfarbe, notiz
		press(t, m, "enter")
	}
	typeText(t, m, "Notiz")
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "there is a field notiz already") || m.leadScreen().form() == nil {
		t.Fatalf("a new field under an existing key was accepted:\n%s", v)
	}
}
