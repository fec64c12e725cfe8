package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"strings"
	"testing"

	"leadq/domain"
)

// selectLeads gives Anna Schmidt answers that are not the first option of
// their select: a team-page note, a low fit, double opt-in.
func selectLeads() []*domain.Lead {
	leads := testLeads()
	for _, l := range leads {
		if l.Name == "Anna Schmidt" {
			l.Notes = []domain.Note{{Kind: domain.NoteTeamPage, Text: "Durchwahl -214", Created: testNow}}
			l.Fit, l.FitReason = domain.FitLow, "klein"
			l.Consent = domain.Consent{Status: domain.ConsentDoubleOptIn, Source: "Webformular", Date: testNow}
		}
	}
	return leads
}

// leave closes whatever is open over the lead screen.
func leave(t *testing.T, m *Model) {
	t.Helper()
	for i := 0; m.leadScreen().form() != nil || m.leadScreen().notesOpen() || m.leadScreen().asking() != nil; i++ {
		if i > 10 {
			t.Fatalf("cannot leave:\n%s", shown(m))
		}
		if m.leadScreen().asking() != nil {
			press(t, m, "y")
			continue
		}
		press(t, m, "esc")
	}
}

// Every select shows the option it would save on its first frame, with
// the options before it, at a roomy size and in a tiny terminal.
func TestSelectsDrawTheirSelectionFirst(t *testing.T) {
	cases := []struct {
		name   string
		keys   []string
		chosen string   // the line of the selected option
		above  []string // options before it, shown at 80×24
	}{
		{"new note", []string{"e", "a"}, "> Website", nil},
		{"edited note", []string{"e", "enter"}, "> Team page / direct dial", []string{"Website"}},
		{"touch", []string{"t"}, "> sales · email", nil},
		{"fit", []string{"f"}, "> low chance", []string{"good fit"}},
		{"consent", []string{"o"}, "> double opt-in confirmed", []string{"no consent", "opt-in"}},
		{"stage", []string{"s"}, "> MQL", nil},
	}
	for _, size := range [][2]int{{80, 24}, {20, 5}} {
		m := newTestApp(t, openStore(t, selectLeads()), size[0], size[1])
		openByName(t, m, "Anna Schmidt")
		for _, c := range cases {
			press(t, m, c.keys...)
			v := shown(m)
			chosen := c.chosen
			if size[0] == 20 {
				chosen = chosen[:min(len(chosen), 12)]
			}
			if !strings.Contains(v, chosen) {
				t.Errorf("%v %s: first frame lacks %q:\n%s", size, c.name, chosen, v)
			}
			if size[0] == 80 {
				for _, a := range c.above {
					if !strings.Contains(v, "  "+a) {
						t.Errorf("%v %s: first frame hides %q above the selection:\n%s", size, c.name, a, v)
					}
				}
			}
			leave(t, m)
		}
	}
}

// What the first frame shows is what enter saves.
func TestSelectsSaveWhatTheyShow(t *testing.T) {
	st := openStore(t, selectLeads())
	m := newTestApp(t, st, 80, 24)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	// The edited note keeps its kind.
	press(t, m, "e", "enter", "enter", "enter", "ctrl+u")
	typeText(t, m, "Durchwahl -215")
	press(t, m, "enter")
	if n := mustGet(t, st, id).Notes[0]; n.Kind != domain.NoteTeamPage || n.Text != "Durchwahl -215" {
		t.Fatalf("edited note saved as %+v", n)
	}
	// A new note is about the website, as shown.
	press(t, m, "a", "enter", "enter")
	typeText(t, m, "Shop mit Preisliste")
	press(t, m, "enter")
	if n := mustGet(t, st, id).Notes; len(n) != 2 || n[1].Kind != domain.NoteWebsite {
		t.Fatalf("new note saved as %+v", n)
	}
	press(t, m, "esc")
	// The touch form logs the sales email it shows.
	press(t, m, "t", "enter")
	typeText(t, m, "Angebot")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if last := l.History[len(l.History)-1]; last.Touch == nil || last.Touch.Kind != domain.KindEmail || last.Touch.Note != "Angebot" {
		t.Fatalf("touch saved as %+v", last)
	}
	// The consent form saved unchanged keeps double opt-in.
	press(t, m, "o", "enter", "enter", "enter")
	if c := mustGet(t, st, id).Consent; c.Status != domain.ConsentDoubleOptIn {
		t.Fatalf("consent saved as %+v", c)
	}
}

func ctrlS(t *testing.T, m *Model) {
	t.Helper()
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	run(t, m, cmd)
}

// Every form saves with ctrl+s from any field, and shows one help bar
// that says so.
func TestFormsSaveWithCtrlSFromAnyField(t *testing.T) {
	st := openStore(t, planLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	oneHelpBar := func(form string) {
		t.Helper()
		v := shown(m)
		if strings.Count(v, "ctrl+s save") != 1 || strings.Count(v, "esc cancel") != 1 || strings.Count(v, "↑ up") > 1 {
			t.Errorf("%s: want one help bar with ctrl+s save:\n%s", form, v)
		}
	}
	// BANT: only the budget, saved from its field.
	press(t, m, "b")
	oneHelpBar("BANT")
	typeText(t, m, "2,5")
	ctrlS(t, m)
	if b := mustGet(t, st, id).BANT; b.Budget != (domain.Money{Cents: 250, Currency: "EUR"}) || b.BudgetStatus != domain.BudgetEstimated || m.leadScreen().form() != nil {
		t.Fatalf("ctrl+s in BANT saved %+v %v", b.Budget, b.BudgetStatus)
	}
	// The contact form, from its first field of three groups.
	press(t, m, "E")
	oneHelpBar("contact")
	press(t, m, "ctrl+u")
	typeText(t, m, "Frau")
	ctrlS(t, m)
	if l := mustGet(t, st, id); l.Salutation != "Frau" || m.leadScreen().form() != nil {
		t.Fatalf("ctrl+s in the contact form: salutation %q", l.Salutation)
	}
	// An answer the save refuses keeps the form open and says why.
	press(t, m, "f", "down", "down")
	ctrlS(t, m)
	if m.leadScreen().form() == nil || mustGet(t, st, id).Fit == domain.FitNone || !strings.Contains(shown(m), "not saved") {
		t.Fatalf("no fit without a reason was saved by ctrl+s:\n%s", shown(m))
	}
	leave(t, m)
	// A note, from its kind.
	press(t, m, "e", "a", "down")
	oneHelpBar("note")
	ctrlS(t, m)
	if m.leadScreen().form() == nil || len(mustGet(t, st, id).Notes) != 0 {
		t.Fatal("a note without text was saved")
	}
	leave(t, m)
	press(t, m, "e", "a", "down", "enter", "enter")
	typeText(t, m, "Zentrale -0")
	ctrlS(t, m)
	if n := mustGet(t, st, id).Notes; len(n) != 1 || n[0].Kind != domain.NoteTeamPage {
		t.Fatalf("notes after ctrl+s: %+v", n)
	}
	leave(t, m)
	// The touch form, from the kind.
	press(t, m, "t", "down")
	oneHelpBar("touch")
	ctrlS(t, m)
	if l := mustGet(t, st, id); countKind(l, domain.KindMeeting) != 1 {
		t.Fatalf("ctrl+s in the touch form did not log the meeting")
	}
	// The consent form, from its select.
	press(t, m, "o", "down")
	ctrlS(t, m)
	if c := mustGet(t, st, id).Consent; c.Status != domain.ConsentOptIn {
		t.Fatalf("consent after ctrl+s: %+v", c)
	}
	// The stage form, from its select.
	press(t, m, "s")
	oneHelpBar("stage")
	ctrlS(t, m)
	if s := mustGet(t, st, id).Stage; s != domain.StageMQL {
		t.Fatalf("stage after ctrl+s: %v", s)
	}
	// The plan: a list item from its first field.
	press(t, m, "esc", "esc")
	openPlan(t, m, "Jürgen Müller")
	pid := m.leadScreen().lead.ID
	press(t, m, "a")
	oneHelpBar("plan member")
	typeText(t, m, "Clara Technik")
	ctrlS(t, m)
	if ms := mustGet(t, st, pid).Plan.Team.Members; len(ms) != 2 || ms[1].Name != "Clara Technik" {
		t.Fatalf("members after ctrl+s: %+v", ms)
	}
}

// From SQL, s enter enter moves forward; a move out of the queue asks
// first, and a customer can be corrected back with a reason.
func TestStageFormForwardFirstAsksBeforeLeavingTheQueue(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Jürgen Müller") // at SQL
	id := m.leadScreen().lead.ID
	press(t, m, "s", "enter", "enter")
	if s := mustGet(t, st, id).Stage; s != domain.StageOpportunity || m.leadScreen().asking() != nil {
		t.Fatalf("s enter enter from SQL: stage %v, want Opportunity without a question", s)
	}
	// Opportunity → Customer asks; n keeps the lead and the form.
	press(t, m, "s")
	if !strings.Contains(shown(m), "> Customer") {
		t.Fatalf("Customer is not offered first from Opportunity:\n%s", shown(m))
	}
	press(t, m, "enter", "enter")
	if m.leadScreen().asking() == nil || !strings.Contains(shown(m), "leaves the queue") {
		t.Fatalf("a move to Customer did not ask:\n%s", shown(m))
	}
	press(t, m, "n")
	if s := mustGet(t, st, id).Stage; s != domain.StageOpportunity || m.leadScreen().form() == nil {
		t.Fatalf("after n: stage %v, form open %v", s, m.leadScreen().form() != nil)
	}
	ctrlS(t, m)
	press(t, m, "y")
	if s := mustGet(t, st, id).Stage; s != domain.StageCustomer {
		t.Fatalf("after y: stage %v, want Customer", s)
	}
	// Customer → Opportunity is a correction with a reason.
	press(t, m, "s", "enter", "enter")
	if !strings.Contains(shown(m), "this move needs a reason") {
		t.Fatalf("a correction without a reason was not refused:\n%s", shown(m))
	}
	typeText(t, m, "falscher Kunde")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if mv := lastMove(t, l); l.Stage != domain.StageOpportunity || mv.From != domain.StageCustomer || mv.Reason != "falscher Kunde" {
		t.Fatalf("correction: stage %v, move %+v", l.Stage, mv)
	}
	// Disqualified asks too.
	press(t, m, "s")
	for range 4 {
		press(t, m, "down")
	}
	press(t, m, "enter")
	typeText(t, m, "Projekt gestoppt")
	press(t, m, "enter")
	if m.leadScreen().asking() == nil || mustGet(t, st, id).Stage != domain.StageOpportunity {
		t.Fatalf("a move to Disqualified did not ask:\n%s", shown(m))
	}
	press(t, m, "y")
	if s := mustGet(t, st, id).Stage; s != domain.StageDisqualified {
		t.Fatalf("stage %v, want Disqualified", s)
	}
}

// A new fit starts with an empty reason, from its field or from ctrl+s.
func TestFitFormClearsTheReasonWhenTheFitChanges(t *testing.T) {
	st := openStore(t, selectLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt") // low chance, "klein"
	id := m.leadScreen().lead.ID
	press(t, m, "f", "down", "enter")
	if v := shown(m); strings.Contains(v, "klein") {
		t.Fatalf("no fit kept the old reason:\n%s", v)
	}
	press(t, m, "enter")
	if !strings.Contains(shown(m), "say why this lead is no fit") {
		t.Fatalf("no fit without a reason was not refused:\n%s", shown(m))
	}
	leave(t, m)
	press(t, m, "f", "up")
	ctrlS(t, m)
	if l := mustGet(t, st, id); l.Fit != domain.FitGood || l.FitReason != "" {
		t.Fatalf("good fit saved with reason %q", l.FitReason)
	}
}

// A budget is exact to the cent and shown back as read before it is saved.
func TestBANTAmountsExactAndShownBack(t *testing.T) {
	for _, tc := range []struct {
		typed, shown string
		cents        int64
	}{
		{"1.5", "reads as 1.50", 150},
		{"2,5", "reads as 2.50", 250},
		{"99,99", "reads as 99.99", 9999},
		{"1.234,56", "reads as 1,234.56", 123456},
		{"1,234.56", "reads as 1,234.56", 123456},
		{"1.234", "reads as 1,234 (1234.00)", 123400},
		{"0", "reads as: there is no budget", 0},
	} {
		st := openStore(t, testLeads())
		m := newTestApp(t, st, 100, 30)
		openByName(t, m, "Anna Schmidt")
		id := m.leadScreen().lead.ID
		press(t, m, "b")
		typeText(t, m, tc.typed)
		if v := shown(m); !strings.Contains(v, tc.shown) {
			t.Errorf("%s: the form does not say %q:\n%s", tc.typed, tc.shown, v)
		}
		ctrlS(t, m)
		b := mustGet(t, st, id).BANT
		if b.Budget.Cents != tc.cents {
			t.Errorf("%s saved as %d cents, want %d", tc.typed, b.Budget.Cents, tc.cents)
		}
		// 0 is the answer "no budget", not a budget removed.
		if want := map[bool]domain.BudgetStatus{true: domain.BudgetNone, false: domain.BudgetEstimated}[tc.cents == 0]; b.BudgetStatus != want {
			t.Errorf("%s saved with the budget status %v, want %v", tc.typed, b.BudgetStatus, want)
		}
	}
}

// A save refused with ctrl+s leaves the cursor in the field the rep was
// in, so what they type next goes where they look.
func TestRefusedSaveKeepsTheCursorWhereItWas(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "b")
	typeText(t, m, "abc") // not an amount
	press(t, m, "tab")
	before := m.leadScreen().form().e.form.GetFocusedField()
	ctrlS(t, m)
	f := m.leadScreen().form()
	if f == nil || !strings.Contains(shown(m), "not saved") {
		t.Fatalf("the refused save:\n%s", shown(m))
	}
	if after := f.e.form.GetFocusedField(); after != before {
		t.Fatalf("the cursor moved from %q to %q", before.GetKey(), after.GetKey())
	}
}
