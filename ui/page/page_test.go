package page_test

import (
	"strings"
	"testing"
	"time"

	"leadq/domain"
	"leadq/ui/i18n"
	"leadq/ui/page"
	"leadq/ui/words"
)

var langs = []*i18n.Catalog{i18n.For(i18n.English), i18n.For(i18n.German)}

// The names and field words built at run time have words in both
// languages: default rules, fields, plan sections and plan fields.
func TestRunTimeIDsHaveWords(t *testing.T) {
	var ids []string
	for _, k := range domain.DefaultRuleKeys() {
		ids = append(ids, "score.rule."+k)
	}
	for _, f := range words.Fields {
		ids = append(ids, "history.field."+f)
	}
	for _, r := range domain.KeyPersonRoles {
		ids = append(ids, "lead.role."+strings.ReplaceAll(r, " ", "-"))
	}
	for _, s := range words.PlanSections {
		ids = append(ids, "md.section."+s)
	}
	for _, f := range []string{"lead", "business_areas", "products", "financials", "customers", "competitors",
		"contact_points", "project", "budget", "problems", "act_now", "consequences", "schedule", "expected_results"} {
		ids = append(ids, "history.plan-field."+f)
	}
	for _, c := range langs {
		for _, id := range ids {
			if !c.Has(id) {
				t.Errorf("%s has no %s", c.Lang(), id)
			}
		}
	}
	if len(domain.DefaultRuleKeys()) != len(domain.DefaultScoringModel().Fit)+len(domain.DefaultScoringModel().Engagement) {
		t.Errorf("not every default rule has a key")
	}
}

var now = time.Date(2026, 12, 4, 14, 30, 0, 0, time.UTC)

// Every rule the default model fires is worded per language; a rule the
// config names is shown as written; generated reasons are worded from
// their field and bounds; and the low-chance cut is typed.
func TestScoreReasonsPerLanguage(t *testing.T) {
	m := domain.DefaultScoringModel()
	m.Fit = append(m.Fit,
		domain.FitRule{Field: "employees", Min: ptr(50), Max: ptr(5000), Points: 1},
		domain.FitRule{Field: "industry", In: []string{"Software", "Logistik"}, Points: 1},
		domain.FitRule{Field: "title", Contains: []string{"CEO", "Leiter"}, Points: 1},
		domain.FitRule{Name: "Meine Regel", Field: "country", In: []string{"DE"}, Points: 1})
	m.Engagement = append(m.Engagement, domain.EngagementRule{Kind: "web-visit", Every: 10, Points: 1},
		domain.EngagementRule{Kind: "download", Funnel: "decision", Points: 1})
	l := &domain.Lead{Title: "Leiter IT", Fit: domain.FitLow, Company: domain.Company{Employees: 250, Industry: "Software", Country: "DE"},
		BANT: domain.BANT{Authority: domain.AuthorityDecisionMaker, BudgetStatus: domain.BudgetConfirmed, Budget: domain.Money{Cents: 100, Currency: "EUR"}}}
	for range 12 {
		l.History = append(l.History, domain.Event{Kind: domain.EventTouch, At: now, Touch: &domain.Touch{Kind: domain.KindWebVisit}})
	}
	l.History = append(l.History, domain.Event{Kind: domain.EventTouch, At: now, Touch: &domain.Touch{Kind: domain.KindDownload, Funnel: domain.FunnelDecision}})
	sc := domain.Score(l, m, now)
	got := map[i18n.Lang]string{}
	for _, c := range langs {
		var lines []string
		for _, r := range sc.Rules {
			lines = append(lines, page.Part(c, r.Part)+" "+page.Rule(c, r))
		}
		got[c.Lang()] = strings.Join(lines, "\n")
	}
	for _, want := range []string{"Passung 50–5.000 Mitarbeiter", "Passung Zielbranche", "Passung Führungsposition",
		"Passung DACH-Region", "Passung Mitarbeiter 50–5.000", "Passung Branche aus {Software, Logistik}",
		"Passung Position enthält CEO/Leiter", "Passung Meine Regel", "Engagement je 10 Seitenaufrufe ×12",
		"Engagement Website-Besuch je 10 ×12", "Engagement Download (Entscheidung)", "BANT BANT: 2 von 4 beantwortet",
		"BANT Budget bestätigt", "BANT Gespräch mit dem Entscheider", "Passung geringe Chance ×0,5"} {
		if !strings.Contains(got[i18n.German], want) {
			t.Errorf("German reasons lack %q:\n%s", want, got[i18n.German])
		}
	}
	for _, want := range []string{"fit 50–5000 employees", "fit employees 50–5,000", "fit industry in {Software, Logistik}",
		"fit title contains CEO/Leiter", "fit Meine Regel", "engagement Web visit per 10 ×12", "BANT talking to the decision maker",
		"fit low chance ×0.5"} {
		if !strings.Contains(got[i18n.English], want) {
			t.Errorf("English reasons lack %q:\n%s", want, got[i18n.English])
		}
	}
}

// A fired rule from before rules had words (no Says) still shows, as
// its text was kept, in every language.
func TestOldFiredRuleShowsAsStored(t *testing.T) {
	old := domain.FiredRule{Part: "fit", Rule: "employees 50–500", Points: 15}
	for _, c := range langs {
		if got := page.Rule(c, old); got != "employees 50–500" {
			t.Errorf("%s: an old rule shows as %q", c.Lang(), got)
		}
	}
	l := &domain.Lead{Name: "Anna", BANT: domain.BANT{RepEstimate: -1}, Score: domain.ScoreResult{Total: 15, Fit: 15, Rules: []domain.FiredRule{old}, At: now}}
	var b strings.Builder
	de := i18n.For(i18n.German)
	if err := page.WriteText(&b, de, page.Build(de, l, now)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), "Passung +15 employees 50–500") {
		t.Errorf("the page lacks the old rule:\n%s", b.String())
	}
}

func ptr(f float64) *float64 { return &f }

func testPlan() (*domain.OpportunityPlan, *domain.Lead) {
	p := &domain.OpportunityPlan{
		Team:    domain.AccountTeam{Lead: "Anna Becker", Members: []domain.TeamMember{{Name: "Tobias Krämer", Role: "Presales", External: true}}},
		Summary: domain.OpportunitySummary{Project: "ERP-Ablösung", Budget: "250.000 EUR"},
		Milestones: []domain.Milestone{{Name: "Angebot", Due: now.AddDate(0, 0, -2), Calculation: true},
			{Name: "Workshop", Due: now.AddDate(0, 0, -9), Done: true}},
		KeyPersons:  []domain.KeyPerson{{Name: "Jürgen Müller", Role: "champion", Familiarity: 3}},
		Competitors: []domain.Competitor{{Name: "Schmid", Strengths: "Preis"}},
	}
	l := &domain.Lead{Name: "Jürgen Müller", Company: domain.Company{Name: "Müller GmbH"}, Stage: domain.StageOpportunity,
		Score: domain.ScoreResult{Total: 2702, Tier: domain.TierHot, At: now}, Plan: p}
	return p, l
}

// The plan's Markdown speaks the catalog's language: headings, labels,
// table heads, dates and numbers; the English catalog writes what
// Markdown (the English words in domain) writes.
func TestPlanMarkdownInBothLanguages(t *testing.T) {
	p, l := testPlan()
	en := p.MarkdownIn(i18n.For(i18n.English), l, domain.PlanSections, now)
	if old := p.Markdown(l, domain.PlanSections, now); en != old {
		t.Errorf("English catalog and domain's English words differ:\n%s\n----\n%s", en, old)
	}
	var empty *domain.OpportunityPlan // and not scored: every other English word
	if a, b := empty.MarkdownIn(i18n.For(i18n.English), nil, domain.PlanSections, now), empty.Markdown(nil, domain.PlanSections, now); a != b {
		t.Errorf("English catalog and domain's English words differ:\n%s\n----\n%s", a, b)
	}
	for _, want := range []string{"# Opportunity plan: Müller GmbH — Jürgen Müller", "**Stage:** Opportunity · **Score:** 2,702 (HOT) · **Complete:**",
		"**As of:** 4 Dec 2026", "## Account team (2/2)", "**Team lead:** Anna Becker", "| Name | Role | External |",
		"| Tobias Krämer | Presales | yes |", "| 1 | Angebot | 2 Dec 2026 (overdue) | yes |", "## Competition"} {
		if !strings.Contains(en, want) {
			t.Errorf("English Markdown lacks %q:\n%s", want, en)
		}
	}
	de := p.MarkdownIn(i18n.For(i18n.German), l, domain.PlanSections, now)
	for _, want := range []string{"# Opportunity-Plan: Müller GmbH — Jürgen Müller",
		"**Status:** Opportunity · **Score:** 2.702 (HEISS) · **Vollständig:**", "**Stand:** 04.12.2026",
		"## Account-Team (2/2)", "**Teamleitung:** Anna Becker", "| Name | Rolle | Extern |", "| Tobias Krämer | Presales | ja |",
		"## Kundenprofil", "_noch nichts_", "**Projekt:** ERP-Ablösung", "**Jetzt handeln oder warten:** —",
		"| # | Schritt | Fällig | Kalkulation/Freigabe | Rechtsprüfung | Verantwortlich | Erledigt |",
		"| 1 | Angebot | 02.12.2026 (überfällig) | ja |", "## Schlüsselpersonen und Entscheidungskriterien",
		"| Name | Position | Rolle | Kennt uns (1–5) |", "| **Jürgen Müller** | — | Fürsprecher | 3 |", "## Wettbewerb", "| So gewinnen wir |"} {
		if !strings.Contains(de, want) {
			t.Errorf("German Markdown lacks %q:\n%s", want, de)
		}
	}
	for _, english := range []string{"Team lead", "Complete", "As of", "nothing yet", "overdue", "Step", "Due", "Competition", "yes"} {
		if strings.Contains(de, english) {
			t.Errorf("German Markdown says %q:\n%s", english, de)
		}
	}
}
