package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// planLeads adds an opportunity with a small plan to the test leads.
func planLeads() []*domain.Lead {
	leads := testLeads()
	l := leads[0] // Jürgen Müller, at SQL
	l.Plan = &domain.OpportunityPlan{
		Team:       domain.AccountTeam{Lead: "Anna Vertrieb", Members: []domain.TeamMember{{Name: "Ben Presales", Role: "Presales"}}},
		Summary:    domain.OpportunitySummary{Project: "Rüstzeiten halbieren", Budget: "80.000 EUR (confirmed)"},
		Milestones: []domain.Milestone{{Name: "Workshop", Due: testNow.Add(48 * time.Hour), Owner: "Anna"}, {Name: "Angebot", Due: testNow.Add(240 * time.Hour)}},
	}
	return leads
}

func openPlan(t *testing.T, m *Model, name string) {
	t.Helper()
	openByName(t, m, name)
	press(t, m, "p")
	if m.leadScreen().planOpen() == nil {
		t.Fatalf("p did not open the plan:\n%s", shown(m))
	}
}

func TestPlanOnlyFromSQL(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openByName(t, m, "Anna Schmidt") // Inquiry
	press(t, m, "p")
	if m.leadScreen().planOpen() != nil || !strings.Contains(m.status, "SQL") {
		t.Fatalf("plan opened at Inquiry, status %q", m.status)
	}
}

func TestPlanMilestoneListEditing(t *testing.T) {
	st := openStore(t, planLeads())
	m := newTestApp(t, st, 110, 40)
	openPlan(t, m, "Jürgen Müller")
	id := m.leadScreen().lead.ID
	press(t, m, "4") // milestones
	if !strings.Contains(shown(m), "Milestones and buying process") || !strings.Contains(shown(m), "Workshop") {
		t.Fatalf("milestones section:\n%s", shown(m))
	}
	// Add: name, due, owner, three confirms.
	press(t, m, "a")
	typeText(t, m, "Rechtliche Prüfung 📜 „Vertrag“")
	press(t, m, "enter")
	typeText(t, m, "31.02.2027") // does not exist
	press(t, m, "enter")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "31.02.2027") {
		t.Fatalf("an impossible due date was accepted:\n%s", shown(m))
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "Q1/2027")
	press(t, m, "enter")
	typeText(t, m, "Sören")
	press(t, m, "enter", "enter", "left", "enter", "enter") // calc no, legal yes, done no
	ms := mustGet(t, st, id).Plan.Milestones
	if len(ms) != 3 || ms[2].Name != "Rechtliche Prüfung 📜 „Vertrag“" || !ms[2].LegalReview || ms[2].Calculation || ms[2].Owner != "Sören" ||
		!ms[2].Due.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, ms[2].Due.Location())) {
		t.Fatalf("milestones after add: %+v", ms)
	}
	// Reorder: the new one up, to second place.
	press(t, m, "G", "K")
	ms = mustGet(t, st, id).Plan.Milestones
	if ms[1].Name != "Rechtliche Prüfung 📜 „Vertrag“" || ms[2].Name != "Angebot" || m.leadScreen().planOpen().item() != 1 {
		t.Fatalf("after K: %v, cursor %d", names(ms), m.leadScreen().planOpen().item())
	}
	// Edit: rename the first.
	press(t, m, "g", "enter", "ctrl+u")
	typeText(t, m, "Workshop Anforderungen")
	press(t, m, "enter", "enter", "enter", "enter", "enter", "enter")
	if got := mustGet(t, st, id).Plan.Milestones[0]; got.Name != "Workshop Anforderungen" || got.Owner != "Anna" {
		t.Fatalf("after edit: %+v", got)
	}
	// Cancel an edit: esc with changes asks, y discards.
	press(t, m, "enter", "ctrl+u")
	typeText(t, m, "verworfen")
	press(t, m, "esc", "y")
	if got := mustGet(t, st, id).Plan.Milestones[0].Name; got != "Workshop Anforderungen" || m.leadScreen().form() != nil {
		t.Fatalf("cancelled edit saved %q", got)
	}
	// Delete asks; n keeps, y deletes.
	press(t, m, "d", "n")
	if len(mustGet(t, st, id).Plan.Milestones) != 3 {
		t.Fatal("n deleted the milestone")
	}
	press(t, m, "d", "y")
	ms = mustGet(t, st, id).Plan.Milestones
	if len(ms) != 2 || ms[0].Name != "Rechtliche Prüfung 📜 „Vertrag“" {
		t.Fatalf("after delete: %v", names(ms))
	}
	// The milestone's due date puts it in the Due tab when due.
	due := mustGet(t, st, id).DueItems()
	found := false
	for _, d := range due {
		found = found || d.What == domain.DueMilestone && d.Note == ms[0].Name
	}
	if !found {
		t.Fatalf("open milestone not among the due items: %+v", due)
	}
	// Every edit is in the history, naming the item.
	var got []string
	for _, e := range mustGet(t, st, id).History {
		if e.Plan != nil {
			got = append(got, e.Plan.Action.String()+" "+e.Plan.Item)
		}
	}
	want := []string{"added Rechtliche Prüfung 📜 „Vertrag“", "moved-up Rechtliche Prüfung 📜 „Vertrag“", "edited Workshop Anforderungen", "deleted Workshop Anforderungen"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("plan events %q, want %q", got, want)
	}
	press(t, m, "esc", "G")
	if v := shown(m); !strings.Contains(v, "Plan — Milestones and buying process: Workshop Anforderungen deleted") {
		t.Fatalf("lead screen lacks the plan edit:\n%s", v)
	}
}

func names(ms []domain.Milestone) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func TestPlanFieldsAndCompetitor(t *testing.T) {
	st := openStore(t, planLeads())
	m := newTestApp(t, st, 110, 40)
	openPlan(t, m, "Jürgen Müller")
	id := m.leadScreen().lead.ID
	// Summary: a multi-line project text with umlauts and emoji, byte for byte.
	press(t, m, "3", "enter", "ctrl+u")
	long := "Einführung MES in 3 Werken 🏭\nPhase 1: Köln, Phase 2: Ulm"
	first, second, _ := strings.Cut(long, "\n")
	typeText(t, m, first)
	_, cmd := m.Update(keyAltEnter())
	run(t, m, cmd)
	typeText(t, m, second)
	press(t, m, "enter")
	if got := mustGet(t, st, id).Plan.Summary.Project; got != long {
		t.Fatalf("project = %q, want %q", got, long)
	}
	// Competition: add one with a plan to win.
	press(t, m, "6", "a")
	typeText(t, m, "proALPHA")
	press(t, m, "enter")
	for i := 0; i < 6; i++ {
		press(t, m, "enter")
	}
	typeText(t, m, "Referenzbesuch bei Kunde in Ulm")
	press(t, m, "enter")
	cs := mustGet(t, st, id).Plan.Competitors
	if len(cs) != 1 || cs[0].Name != "proALPHA" || cs[0].PlanToWin != "Referenzbesuch bei Kunde in Ulm" {
		t.Fatalf("competitors = %+v", cs)
	}
	// Completeness shows per section and overall on the screen.
	_, overall := mustGet(t, st, id).Plan.Completeness(domain.PlanSections)
	if !strings.Contains(shown(m), "% complete") || !strings.Contains(shown(m), "6 Competition 2/3") {
		t.Fatalf("completeness not shown (overall %d):\n%s", overall, shown(m))
	}
}

func TestPlanHiddenSectionsDoNotShow(t *testing.T) {
	st := openStore(t, planLeads())
	cfg := domain.DefaultConfig()
	cfg.Plan.Sections = []string{"summary", "milestones"}
	m, err := New(st, Options{Config: cfg, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(teaSize(110, 30))
	run(t, m, m.Init())
	openPlan(t, m, "Jürgen Müller")
	v := shown(m)
	if !strings.Contains(v, "1 Summary") || !strings.Contains(v, "2 Milestones") || strings.Contains(v, "Team") || strings.Contains(v, "Competition") {
		t.Fatalf("hidden sections shown:\n%s", v)
	}
}

func TestPlanExportWritesMarkdown(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	st := openStore(t, planLeads())
	m := newTestApp(t, st, 110, 40)
	openPlan(t, m, "Jürgen Müller")
	press(t, m, "x")
	if !strings.Contains(m.status, "plan written to") {
		t.Fatalf("status %q", m.status)
	}
	path := strings.TrimPrefix(m.status, "plan written to ")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := mustGet(t, st, m.leadScreen().lead.ID)
	if string(data) != l.Plan.Markdown(l, domain.PlanSections, testNow) {
		t.Fatal("exported file differs from the plan's Markdown")
	}
}

// A long message wraps onto a second line rather than losing its end.
func TestLongErrorIsReadInFull(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 60, 20)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "p")
	v := shown(m)
	if !strings.Contains(strings.ReplaceAll(v, "\n", " "), "move the lead first") {
		t.Fatalf("the end of the message is lost:\n%s", v)
	}
	if n := strings.Count(m.View(), "\n") + 1; n != 20 {
		t.Fatalf("view is %d lines, want 20", n)
	}
}

// The plan and the notes list are not text fields: ? helps and q quits there.
func TestQuitAndHelpFromPlanAndNotes(t *testing.T) {
	for _, mode := range []string{"p", "e"} {
		m := newTestApp(t, openStore(t, planLeads()), 100, 30)
		openByName(t, m, "Jürgen Müller")
		press(t, m, mode, "?")
		if !m.fullHelp || !strings.Contains(shown(m), "KEYS") {
			t.Fatalf("%s then ?: no help:\n%s", mode, shown(m))
		}
		press(t, m, "?", "q")
		if !m.quitting {
			t.Fatalf("q in mode %s did not quit", mode)
		}
	}
}

// A key person's second line of benefits stays indented under the first.
func TestPlanDetailIndentsContinuationLines(t *testing.T) {
	leads := planLeads()
	leads[0].Plan.KeyPersons = []domain.KeyPerson{{Name: "Petra Einkauf", Benefits: "Zeit sparen\nweniger Fehler"}}
	m := newTestApp(t, openStore(t, leads), 100, 30)
	openPlan(t, m, "Jürgen Müller")
	press(t, m, "5", "j")
	v := shown(m)
	if !strings.Contains(v, "\n    weniger Fehler") {
		t.Fatalf("the second line of benefits is not indented:\n%s", v)
	}
}
