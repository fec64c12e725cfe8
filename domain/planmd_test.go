package domain

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

var planNow = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

const longText = "Die Müller Präzisionstechnik GmbH & Co. KG fertigt Drehteile für die Automobil- und Medizintechnik 🚗⚕️.\n" +
	"Größte Schmerzpunkte: Excel-Listen, doppelte Datenpflege, Rückfragen zwischen Vertrieb und Fertigung — „so kann es nicht weitergehen“.\n" +
	"\n" +
	"Ziel für 2027: Durchlaufzeit −20 %, Liefertreue ≥ 98 % 📈✅; Ansprechpartnerin Zoë Weiß (Straße 12, 80331 München). 👩🏽‍💼 ß ẞ \u00c5 A\u030a"

func fullPlan() *OpportunityPlan {
	d := func(day int) time.Time { return time.Date(2026, 11, day, 0, 0, 0, 0, time.UTC) }
	return &OpportunityPlan{
		Team: AccountTeam{Lead: "Anna Becker", Members: []TeamMember{
			{Name: "Tobias Krämer", Role: "Presales"},
			{Name: "Dr. Klaus Wendt", Role: "Berater | ERP", External: true},
		}},
		Profile: CustomerProfile{
			BusinessAreas: longText, Products: "Drehteile, Baugruppen", Financials: "ca. 48 Mio. EUR Umsatz",
			Customers: "Tier-1-Zulieferer", Competitors: "Schmid Drehtechnik", ContactPoints: "Jürgen Müller, Geschäftsführer",
		},
		Summary: OpportunitySummary{
			Project: "Ablösung des Alt-ERP 🏭", Budget: "250.000 EUR (estimated)", Problems: "Doppelte Datenpflege",
			ActNow: "Wartungsvertrag läuft 06/2027 aus", Consequences: "Verlängerung zu Höchstpreisen",
			Schedule: "Entscheidung Q1 2027", ExpectedResults: "Eine Datenbasis\nfür alle Standorte",
		},
		Milestones: []Milestone{
			{Name: "Workshop Anforderungen", Due: d(3), Owner: "Tobias Krämer", Done: true},
			{Name: "Angebot abgeben", Due: d(20), Calculation: true, Owner: "Anna Becker"},
			{Name: "Rechtliche Prüfung Vertrag", Due: d(22), LegalReview: true},
			{Name: "Entscheidung Geschäftsführung"},
		},
		KeyPersons: []KeyPerson{
			{Name: "Jürgen Müller", Title: "Geschäftsführer", Role: "decision maker", Familiarity: 3, Criteria: "ROI < 2 Jahre"},
			{Name: "Zoë Weiß", Title: "Leiterin IT", Role: "Champion", Familiarity: 5, Attitude: "treibt das Projekt", Opinion: "sehr positiv 👍", Benefits: "weniger Schnittstellen", Criteria: "Cloud | On-Prem"},
			{Name: "Petra Schäfer", Title: "CFO", Role: "budget holder", Criteria: "Festpreis"},
			{Name: "Wendt Consulting", Role: "external"},
		},
		Competitors: []Competitor{
			{Name: "SAP", History: "Angebot 2024 abgelehnt", Positioning: "Marktführer", Strengths: "Marke", Weaknesses: "Preis\nEinführungsdauer", PlanToWin: "Mittelstandsreferenzen zeigen"},
			{Name: "proALPHA", Strategy: "Preisnachlass", Objections: "„zu klein“"},
		},
		Updated: time.Date(2026, 11, 20, 14, 5, 0, 0, time.UTC),
	}
}

func planLead() *Lead {
	return &Lead{Name: "Jürgen Müller", Company: Company{Name: "Müller Präzisionstechnik GmbH"}, Stage: StageOpportunity,
		Score: ScoreResult{Total: 72, Tier: TierHot, At: planNow}}
}

// sectionOf cuts the text of the section headed title out of doc.
func sectionOf(t *testing.T, doc, title string) string {
	t.Helper()
	i := strings.Index(doc, "\n## "+title+" (")
	if i < 0 {
		t.Fatalf("no section %q in\n%s", title, doc)
	}
	s := doc[i+1:]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return s
}

func headings(doc string) []string {
	var out []string
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func TestMarkdownHeadingsFollowTheConfig(t *testing.T) {
	tests := []struct {
		name     string
		sections []string
		want     []string
	}{
		{"all", PlanSections, []string{
			"# Opportunity plan: Müller Präzisionstechnik GmbH — Jürgen Müller",
			"## Account team (2/2)",
			"## Customer profile (6/6)",
			"## Opportunity summary (7/7)",
			"## Milestones and buying process (1/3)",
			"## Key persons and decision criteria (3/4)",
			"## Competition (1/3)",
		}},
		{"a team's pick, in its order", []string{"competition", "summary"}, []string{
			"# Opportunity plan: Müller Präzisionstechnik GmbH — Jürgen Müller",
			"## Competition (1/3)",
			"## Opportunity summary (7/7)",
		}},
		{"none", nil, []string{"# Opportunity plan: Müller Präzisionstechnik GmbH — Jürgen Müller"}},
	}
	for _, tt := range tests {
		doc := fullPlan().Markdown(planLead(), tt.sections, planNow)
		if got := headings(doc); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestMarkdownStatusLine(t *testing.T) {
	doc := fullPlan().Markdown(planLead(), PlanSections, planNow)
	// 2+6+7+1+3+1 = 20 of 25 checks.
	want := "**Stage:** Opportunity · **Score:** 72 (HOT) · **Complete:** 80% · **As of:** 22 Nov 2026\n"
	if !strings.Contains(doc, "\n\n"+want) {
		t.Errorf("status line missing; want %q in\n%s", want, doc)
	}
	doc = fullPlan().Markdown(planLead(), []string{"team"}, planNow)
	if !strings.Contains(doc, "**Complete:** 100%") {
		t.Errorf("completeness counts hidden sections:\n%s", doc)
	}
	unscored := planLead()
	unscored.Score = ScoreResult{}
	if doc := fullPlan().Markdown(unscored, nil, planNow); !strings.Contains(doc, "**Score:** not scored yet") {
		t.Errorf("an unscored lead shows a score:\n%s", doc)
	}
}

func TestMarkdownTables(t *testing.T) {
	doc := fullPlan().Markdown(planLead(), PlanSections, planNow)
	tests := []struct {
		title string
		want  string
	}{
		{"Account team", "## Account team (2/2)\n\n" +
			"**Team lead:** Anna Becker\n\n" +
			"| Name | Role | External |\n" +
			"| --- | --- | --- |\n" +
			"| Tobias Krämer | Presales | — |\n" +
			"| Dr. Klaus Wendt | Berater \\| ERP | yes |\n"},
		{"Milestones and buying process", "## Milestones and buying process (1/3)\n\n" +
			"| # | Step | Due | Calculation/approval | Legal review | Owner | Done |\n" +
			"| --- | --- | --- | --- | --- | --- | --- |\n" +
			"| 1 | Workshop Anforderungen | 3 Nov 2026 | — | — | Tobias Krämer | ✓ |\n" +
			"| 2 | Angebot abgeben | 20 Nov 2026 (overdue) | yes | — | Anna Becker | — |\n" +
			"| 3 | Rechtliche Prüfung Vertrag | 22 Nov 2026 | — | yes | — | — |\n" +
			"| 4 | Entscheidung Geschäftsführung | — | — | — | — | — |\n"},
		{"Key persons and decision criteria", "## Key persons and decision criteria (3/4)\n\n" +
			"| Name | Title | Role | Knows us (1–5) | Attitude | Opinion of us | Benefits | Decision criteria |\n" +
			"| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
			"| Jürgen Müller | Geschäftsführer | decision maker | 3 | — | — | — | ROI < 2 Jahre |\n" +
			"| **Zoë Weiß** | Leiterin IT | champion | 5 | treibt das Projekt | sehr positiv 👍 | weniger Schnittstellen | Cloud \\| On-Prem |\n" +
			"| **Petra Schäfer** | CFO | budget holder | — | — | — | — | Festpreis |\n" +
			"| Wendt Consulting | — | external | — | — | — | — | — |\n"},
		{"Competition", "## Competition (1/3)\n\n" +
			"| Name | History with the account | Positioning | Strategy | Strengths | Weaknesses | Objections against us | Our plan to win |\n" +
			"| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
			"| SAP | Angebot 2024 abgelehnt | Marktführer | — | Marke | Preis<br>Einführungsdauer | — | Mittelstandsreferenzen zeigen |\n" +
			"| proALPHA | — | — | Preisnachlass | — | — | „zu klein“ | — |\n"},
	}
	for _, tt := range tests {
		got := sectionOf(t, doc, tt.title)
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.title, got, tt.want)
		}
	}
}

func TestMarkdownRowsFollowTheListOrder(t *testing.T) {
	p := fullPlan()
	if err := p.MoveMilestone(3, -3); err != nil {
		t.Fatal(err)
	}
	if err := p.MoveCompetitor(1, -1); err != nil {
		t.Fatal(err)
	}
	doc := p.Markdown(planLead(), PlanSections, planNow)
	ms := sectionOf(t, doc, "Milestones and buying process")
	order := []string{"| 1 | Entscheidung Geschäftsführung |", "| 2 | Workshop Anforderungen |", "| 3 | Angebot abgeben |", "| 4 | Rechtliche Prüfung Vertrag |"}
	last := -1
	for _, row := range order {
		i := strings.Index(ms, row)
		if i <= last {
			t.Errorf("row %q missing or out of order in\n%s", row, ms)
		}
		last = i
	}
	cs := sectionOf(t, doc, "Competition")
	if a, b := strings.Index(cs, "| proALPHA |"), strings.Index(cs, "| SAP |"); a < 0 || b < a {
		t.Errorf("competitors out of order:\n%s", cs)
	}
}

func TestMarkdownTextFields(t *testing.T) {
	doc := fullPlan().Markdown(planLead(), PlanSections, planNow)
	for _, want := range []string{
		"**Business areas:** " + hardBreaks(longText) + "\n", // its lines end in a hard break
		"**Project:** Ablösung des Alt-ERP 🏭\n",
		"**Expected results:** Eine Datenbasis  \nfür alle Standorte\n", // multi-line text keeps its lines
		"**Contact points:** Jürgen Müller, Geschäftsführer\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in\n%s", want, doc)
		}
	}
	// Bytes, not a look-alike: NFC Å and NFD Å, the ZWJ emoji, ẞ all stay as typed.
	if !bytes.Contains([]byte(doc), []byte(hardBreaks(longText))) {
		t.Error("the long text did not survive byte for byte")
	}

	p := &OpportunityPlan{Summary: OpportunitySummary{Project: "ERP"}}
	sum := sectionOf(t, p.Markdown(nil, []string{"summary"}, planNow), "Opportunity summary")
	want := "## Opportunity summary (1/7)\n\n**Project:** ERP\n\n**Budget:** —\n\n**Problems we solve:** —\n\n" +
		"**Act now or wait:** —\n\n**Consequences of not acting:** —\n\n**Schedule:** —\n\n**Expected results:** —\n"
	if sum != want {
		t.Errorf("a partly filled summary:\n got %q\nwant %q", sum, want)
	}
}

func TestMarkdownEmptySections(t *testing.T) {
	doc := (&OpportunityPlan{}).Markdown(&Lead{Name: "Jürgen Müller", Company: Company{Name: "Müller GmbH"}}, PlanSections, planNow)
	for _, s := range PlanSections {
		title := PlanSectionTitle(s)
		got := sectionOf(t, doc, title)
		if !strings.HasSuffix(got, ")\n\n_nothing yet_\n") {
			t.Errorf("empty %s section: %q", s, got)
		}
	}
	if !strings.Contains(doc, "**Complete:** 0%") {
		t.Errorf("empty plan:\n%s", doc)
	}
	var nilPlan *OpportunityPlan
	if doc := nilPlan.Markdown(nil, []string{"team"}, planNow); !strings.HasPrefix(doc, "# Opportunity plan\n\n") || !strings.Contains(doc, "_nothing yet_") {
		t.Errorf("nil plan and lead:\n%s", doc)
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"eins\nzwei", "eins<br>zwei"},
		{"eins\r\nzwei\rdrei", "eins<br>zwei<br>drei"},
		{"  ", "—"},
		{"Müller & Söhne 🛠️ *fett*", "Müller & Söhne 🛠️ *fett*"},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Inside a table no user text can add a column or end the row.
	doc := fullPlan().Markdown(planLead(), []string{"persons", "competition"}, planNow)
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "| ") {
			if n := strings.Count(line, " | "); n != 7 { // an escaped one reads " \| "
				t.Errorf("%d separators in %q", n, line)
			}
		}
	}
}

func TestOverdueIsByDay(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		due  time.Time
		want bool
	}{
		{at(21, 23), true},
		{at(22, 0), false}, // due today is not overdue yet
		{at(22, 9), false},
		{at(23, 0), false},
	}
	for _, tt := range tests {
		if got := dayBefore(tt.due, planNow); got != tt.want {
			t.Errorf("due %v at %v: overdue %v", tt.due, planNow, got)
		}
	}
}

func TestPlanJSONRoundTrip(t *testing.T) {
	p := fullPlan()
	p.Summary.Problems = "Fehler 🐛🔥 in der Auftragsabwicklung; Umlaute äöüÄÖÜß; \"Zitat\" <tag> & \\ \t Ende"
	a, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back OpportunityPlan
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(&back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("marshal → unmarshal → marshal changed the bytes:\n%s\n%s", a, b)
	}
	if !reflect.DeepEqual(*p, back) {
		t.Errorf("the plan came back different:\n%+v\n%+v", *p, back)
	}
	if back.Profile.BusinessAreas != longText {
		t.Error("the long text came back different")
	}
}

func TestMarkdownKeepsLineBreaksInFields(t *testing.T) {
	p := &OpportunityPlan{Profile: CustomerProfile{BusinessAreas: "Maschinenbau\nService"}}
	doc := p.Markdown(planLead(), []string{"profile"}, planNow)
	if !strings.Contains(doc, "Maschinenbau  \nService") {
		t.Fatalf("the two lines run into one paragraph:\n%s", doc)
	}
}
