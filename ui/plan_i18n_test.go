package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"leadq/domain"
	"leadq/ui/i18n"
)

// planScreen opens Jürgen Müller's plan in lang at w×h and presses keys.
func planScreen(t *testing.T, leads []*domain.Lead, lang i18n.Lang, w, h int, keys ...string) (*Model, []byte) {
	t.Helper()
	m := newTestAppIn(t, openStore(t, leads), w, h, lang)
	openPlan(t, m, "Jürgen Müller")
	press(t, m, keys...)
	return m, []byte(m.View())
}

// planPersonsLeads are planLeads with key persons and a competitor.
func planPersonsLeads() []*domain.Lead {
	leads := planLeads()
	p := leads[0].Plan
	p.KeyPersons = []domain.KeyPerson{
		{Name: "Petra Einkauf", Title: "Leiterin Einkauf", Role: "budget holder", Familiarity: 3, Opinion: "offen",
			Attitude: "vorsichtig", Benefits: "kürzere Rüstzeiten", Criteria: "Preis, Service"},
		{Name: "Jürgen Müller", Title: "Geschäftsführer", Role: "champion", Familiarity: 5, Opinion: "begeistert"},
	}
	p.Competitors = []domain.Competitor{{Name: "Schnell & Co", Positioning: "billig", Strengths: "Preis", Weaknesses: "Service", PlanToWin: "Referenzbesuch"}}
	return leads
}

func TestGoldenPlanGermanMilestones100x30(t *testing.T) {
	_, v := planScreen(t, planLeads(), i18n.German, 100, 30, "4", "j")
	golden.RequireEqual(t, v)
}

func TestGoldenPlanGermanTeam80x24(t *testing.T) {
	_, v := planScreen(t, planLeads(), i18n.German, 80, 24)
	golden.RequireEqual(t, v)
}

func TestGoldenPlanGermanPersons100x30(t *testing.T) {
	_, v := planScreen(t, planPersonsLeads(), i18n.German, 100, 30, "5")
	golden.RequireEqual(t, v)
}

func TestGoldenPlanPersons100x30(t *testing.T) {
	_, v := planScreen(t, planPersonsLeads(), i18n.English, 100, 30, "5")
	golden.RequireEqual(t, v)
}

func TestGoldenPlanGermanSummary100x30(t *testing.T) {
	_, v := planScreen(t, planLeads(), i18n.German, 100, 30, "3")
	golden.RequireEqual(t, v)
}

// TestPlanGermanHasNoEnglishLeft walks every section of the German plan
// and looks for the English words the editor used to show.
func TestPlanGermanHasNoEnglishLeft(t *testing.T) {
	m, _ := planScreen(t, planPersonsLeads(), i18n.German, 140, 40)
	english := []string{"OPPORTUNITY PLAN", "complete", "Account team", "Team lead", "Member", "External", "Profile", "Summary",
		"Milestones", "Persons", "Competition", "Step", "Due", "Owner", "Done", "Title", "Knows us", "Opinion", "Positioning",
		"Strengths", "Weaknesses", "plan to win", "budget holder", "champion", "Attitude", "Benefits", "Decision criteria",
		"edit", "add", "delete", "move up", "next tab", "export Markdown", "Their ", "Problems", "Expected", "Business areas", " yet:"}
	for _, sec := range []string{"1", "2", "3", "4", "5", "6"} {
		press(t, m, sec, "j")
		v := shown(m)
		for _, w := range english {
			if strings.Contains(v, w) {
				t.Errorf("section %s shows English %q:\n%s", sec, w, v)
			}
		}
	}
}

// TestPlanGermanEditing adds, refuses and deletes a milestone through the
// German editor: the form, its error, the question and the status speak German.
func TestPlanGermanEditing(t *testing.T) {
	st := openStore(t, planLeads())
	m := newTestAppIn(t, st, 110, 40, i18n.German)
	openPlan(t, m, "Jürgen Müller")
	id := m.leadScreen().lead.ID
	press(t, m, "4")
	if v := shown(m); !strings.Contains(v, "Meilensteine und Kaufprozess") || !strings.Contains(v, "22.11.") || !strings.Contains(v, "Fällig") {
		t.Fatalf("milestones section:\n%s", v)
	}
	press(t, m, "a")
	if v := shown(m); !strings.Contains(v, "Neuer Meilenstein") || !strings.Contains(v, "Schritt") || !strings.Contains(v, "z. B. Freigabe Einkauf") {
		t.Fatalf("new milestone form:\n%s", v)
	}
	typeText(t, m, "Freigabe Einkauf")
	press(t, m, "enter")
	typeText(t, m, "31.02.2027") // does not exist
	press(t, m, "enter")
	if m.leadScreen().form() == nil {
		t.Fatalf("an impossible due date was accepted:\n%s", shown(m))
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "4.12.2027")
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Verantwortlich") {
		t.Fatalf("owner field:\n%s", v)
	}
	typeText(t, m, "Sören")
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Braucht es eine Kalkulation oder Freigabe?") || !strings.Contains(v, "nein") {
		t.Fatalf("yes/no question:\n%s", v)
	}
	press(t, m, "enter", "enter", "enter")
	ms := mustGet(t, st, id).Plan.Milestones
	if len(ms) != 3 || ms[2].Name != "Freigabe Einkauf" || ms[2].Owner != "Sören" || ms[2].Due.Year() != 2027 || ms[2].Due.Day() != 4 {
		t.Fatalf("milestones after add: %+v", ms)
	}
	if v := shown(m); !strings.Contains(v, "04.12.2027") {
		t.Fatalf("a due day in another year shows its year:\n%s", v)
	}
	press(t, m, "G", "d")
	if v := shown(m); !strings.Contains(v, "Diesen Meilenstein löschen? j löschen · n behalten") {
		t.Fatalf("delete question:\n%s", v)
	}
	press(t, m, "j")
	if n := len(mustGet(t, st, id).Plan.Milestones); n != 2 {
		t.Fatalf("%d milestones after delete", n)
	}
	// An empty list says so, with the key that adds one.
	press(t, m, "6")
	if v := shown(m); !strings.Contains(v, "noch keine Wettbewerber: a fügt einen hinzu") {
		t.Fatalf("empty competition:\n%s", v)
	}
}

// TestPlanRefusedNamesTheStageKey: before SQL the plan does not open, in
// the rep's language, and the status names the key that moves the lead.
func TestPlanRefusedNamesTheStageKey(t *testing.T) {
	for lang, want := range map[i18n.Lang]string{
		i18n.German:  "ein Opportunity-Plan beginnt bei SQL: Anna Schmidt steht auf Anfrage – den Lead zuerst weiterschieben (s)",
		i18n.English: "an opportunity plan starts at SQL: Anna Schmidt is at Inquiry — move the lead first (s)",
	} {
		m := newTestAppIn(t, openStore(t, testLeads()), 140, 30, lang)
		openByName(t, m, "Anna Schmidt")
		press(t, m, "p")
		if m.leadScreen().planOpen() != nil || m.status != want {
			t.Errorf("%s: status %q, want %q", lang, m.status, want)
		}
	}
}

// TestPlanWordsInBothLanguages: every id the plan's specs name (fields,
// columns, list words) has words in both languages; the scan of T("…")
// calls does not see them.
func TestPlanWordsInBothLanguages(t *testing.T) {
	var ids []string
	for _, s := range planSpecs {
		for _, f := range s.fields {
			ids = append(ids, f.label)
		}
		if l := s.list; l != nil {
			ids = append(ids, l.header...)
			w := l.words
			ids = append(ids, w.noun, w.add, w.edit, w.empty, w.del, w.deleted)
		}
	}
	for _, lang := range i18n.Langs {
		tr := i18n.For(lang)
		for _, id := range ids {
			if !tr.Has(id) {
				t.Errorf("%s has no %s", lang, id)
			}
		}
		for _, r := range domain.KeyPersonRoles {
			if roleLabel(tr, r) == r && lang == i18n.German {
				t.Errorf("role %q has no German word", r)
			}
		}
		for _, key := range domain.PlanSections {
			if planSectionName(tr, key) == key || planSectionTitle(tr, key) == key {
				t.Errorf("%s: section %q has no words", lang, key)
			}
		}
	}
}

// A plan started from the lead writes BANT's budget in the rep's
// language, on screen and in what the first edit stores.
func TestNewPlanBudgetInTheRepsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{{i18n.German, "80.000 € (bestätigt)"}, {i18n.English, "€80,000 (confirmed)"}} {
		leads := testLeads() // Jürgen Müller: SQL, 80,000 EUR confirmed, no plan
		st := openStore(t, leads)
		m := newTestAppIn(t, st, 100, 30, tc.lang)
		openPlan(t, m, "Jürgen Müller")
		press(t, m, "3")
		if v := shown(m); !strings.Contains(v, tc.want) {
			t.Fatalf("%s: the new plan's budget is not %q:\n%s", tc.lang, tc.want, v)
		}
		press(t, m, "1", "enter")
		typeText(t, m, "Anna")
		press(t, m, "enter")
		ctrlS(t, m)
		got := mustGet(t, st, leads[0].ID).Plan
		if got == nil || got.Summary.Budget != tc.want {
			t.Fatalf("%s: stored plan %+v, want budget %q", tc.lang, got, tc.want)
		}
	}
}
