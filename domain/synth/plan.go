package synth

import (
	"slices"
	"strconv"
	"time"

	"leadq/domain"
)

// planChance is the percent of opportunities and customers with a plan:
// most opportunities have one, customers only where the rep kept it up.
const (
	planChanceOpportunity = 80
	planChanceCustomer    = 30
)

// plan returns a partly filled opportunity plan for a lead at Opportunity
// or Customer, or nil. Milestones run in the order of the buying process
// and their due dates rise with it; an opportunity's lie around now (some
// done, some overdue, some in the coming weeks), a customer's before the
// deal was won, all done. It may move l.Updated to the plan's last edit.
func (g *Generator) plan(l *domain.Lead) *domain.OpportunityPlan {
	chance := planChanceOpportunity
	switch l.Stage {
	case domain.StageOpportunity:
	case domain.StageCustomer:
		chance = planChanceCustomer
	default:
		return nil
	}
	if g.n(100) >= chance {
		return nil
	}
	p := domain.NewPlanFromLead(l)
	p.Summary.Budget = budgetText(l.BANT)
	g.planTeam(p, l.Owner)
	g.planProfile(p, l)
	g.planSummary(p, l)
	g.planPersons(p, l)
	g.planMilestones(p, l)
	g.planCompetitors(p)

	// The plan was last saved with the lead, or when its latest step was ticked off.
	p.Updated = l.Updated
	for _, m := range p.Milestones {
		if at := m.Due.Add(17 * time.Hour); m.Done && at.After(p.Updated) && !at.After(g.now) {
			p.Updated = at
		}
	}
	l.Updated = p.Updated
	return p
}

func (g *Generator) chance(percent int) bool { return g.n(100) < percent }

func (g *Generator) pick(s []string) string { return s[g.n(len(s))] }

func (g *Generator) planTeam(p *domain.OpportunityPlan, owner string) {
	n := 1 + g.n(3)
	external := g.chance(30)
	if external {
		n--
	}
	start := g.n(len(owners))
	for i := 0; i < len(owners) && len(p.Team.Members) < n; i++ {
		name := owners[(start+i)%len(owners)]
		if name == owner {
			continue
		}
		p.Team.Members = append(p.Team.Members, domain.TeamMember{Name: name, Role: g.pick(teamRoles)})
	}
	if external {
		a := &advisors[g.n(len(advisors))]
		p.Team.Members = append(p.Team.Members, domain.TeamMember{Name: a.name, Role: a.role, External: true})
	}
}

func (g *Generator) planProfile(p *domain.OpportunityPlan, l *domain.Lead) {
	c := &p.Profile
	if g.chance(55) {
		c.BusinessAreas = l.Company.Industry + ": " + g.pick(businessFocus)
	}
	if g.chance(40) {
		c.Products = g.pick(productLines)
	}
	if g.chance(45) {
		c.Financials = financials(l.Company.AnnualRevenue, l.Company.Employees)
	}
	if g.chance(40) {
		c.Customers = g.pick(customerBases)
	}
	if g.chance(30) {
		c.Competitors = g.pick(marketCompetitors)
	}
}

// financials reads like a rep's note: "Umsatz ca. 48,2 Mio. EUR, 230 Mitarbeitende".
func financials(revenue int64, employees int) string {
	tenths := (revenue + 50_000) / 100_000
	b := append([]byte("Umsatz ca. "), strconv.FormatInt(tenths/10, 10)...)
	b = append(b, ',', byte('0'+tenths%10))
	b = append(b, " Mio. EUR, "...)
	b = strconv.AppendInt(b, int64(employees), 10)
	b = append(b, " Mitarbeitende"...)
	return string(b)
}

func (g *Generator) planSummary(p *domain.OpportunityPlan, l *domain.Lead) {
	s := &p.Summary
	s.Project = g.pick(projects)
	if s.Budget == "" && g.chance(60) {
		// No BANT budget: the rep's own estimate, scaled with headcount.
		amt := min(max(int64(l.Company.Employees)*(300+g.n64(900)), 5_000), 1_500_000) / 5_000 * 5_000
		s.Budget = budgetText(domain.BANT{Budget: domain.Money{Cents: amt * 100, Currency: "EUR"}, BudgetStatus: domain.BudgetEstimated})
	}
	if s.Problems == "" && g.chance(50) {
		s.Problems = g.pick(planProblems)
	}
	if g.chance(45) {
		s.ActNow = g.pick(actNow)
	}
	if g.chance(35) {
		s.Consequences = g.pick(consequences)
	}
	if s.Schedule == "" && g.chance(40) {
		at := g.now.AddDate(0, 1+g.n(9), 0)
		s.Schedule = "Entscheidung bis Q" + strconv.Itoa((int(at.Month())+2)/3) + " " + strconv.Itoa(at.Year())
	}
	if g.chance(40) {
		s.ExpectedResults = g.pick(expectedResults)
	}
}

// planPersons names 1–4 key persons, usually with a champion (often the
// lead) and a budget holder.
func (g *Generator) planPersons(p *domain.OpportunityPlan, l *domain.Lead) {
	n := 1 + g.n(4)
	champion, budget := g.chance(85), g.chance(75)
	var taken []string // names already in the plan
	person := func(role string, ts []title) domain.KeyPerson {
		name, female := g.germanName(&taken)
		t := &ts[g.n(len(ts))]
		k := domain.KeyPerson{Name: name, Title: t.m, Role: role}
		if female {
			k.Title = t.f
		}
		return k
	}
	var ks []domain.KeyPerson
	if champion {
		if g.chance(60) {
			taken = append(taken, l.Name)
			ks = append(ks, domain.KeyPerson{Name: l.Name, Title: l.Title, Role: "champion"})
		} else {
			ks = append(ks, person("champion", championTitles))
		}
	}
	if budget {
		ks = append(ks, person("budget holder", budgetTitles))
	}
	for len(ks) < n {
		switch x := g.n(100); {
		case x < 30:
			ks = append(ks, person("decision maker", deciderTitles))
		case x < 60:
			ks = append(ks, person("influencer", championTitles))
		case x < 85:
			ks = append(ks, person("user", userTitles))
		default:
			a := &advisors[g.n(len(advisors))]
			if slices.Contains(taken, a.name) {
				continue
			}
			taken = append(taken, a.name)
			ks = append(ks, domain.KeyPerson{Name: a.name, Title: a.role, Role: "external"})
		}
	}
	for i := range ks {
		k := &ks[i]
		if g.chance(85) {
			k.Familiarity = 1 + g.n(5)
			if k.Role == "champion" {
				k.Familiarity = 3 + g.n(3)
			}
		}
		if g.chance(50) {
			k.Attitude = g.pick(attitudes)
		}
		if g.chance(50) {
			k.Opinion = g.pick(opinions)
		}
		if g.chance(40) {
			k.Benefits = g.pick(benefits)
		}
		if g.chance(55) {
			k.Criteria = g.pick(criteria)
		}
	}
	p.KeyPersons = ks
}

// germanName is a German first and last name not yet in taken.
func (g *Generator) germanName(taken *[]string) (name string, female bool) {
	cu := &cultures[cGerman]
	for {
		fn := &cu.first[g.n(len(cu.first))]
		name = fn.s + " " + cu.last[g.n(len(cu.last))].s
		if !slices.Contains(*taken, name) {
			*taken = append(*taken, name)
			return name, fn.female
		}
	}
}

// planMilestones picks 2–5 steps of the buying process, in its order, with
// rising due dates.
func (g *Generator) planMilestones(p *domain.OpportunityPlan, l *domain.Lead) {
	k := 2 + g.n(4)
	won := l.Stage == domain.StageCustomer
	// Days from the anchor: around now for an opportunity, before the win for a customer.
	anchor, from, span := g.now, int64(-35), int64(105)
	if won {
		moves := l.StageMoves()
		anchor, from, span = moves[len(moves)-1].At, -100, 99
	}
	days := g.sortedOffsets(k, span)
	y, mo, d := g.now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, g.now.Location())
	// A step is owned on our side or the customer's.
	var who []string
	if p.Team.Lead != "" {
		who = append(who, p.Team.Lead)
	}
	for _, m := range p.Team.Members {
		if !m.External {
			who = append(who, m.Name)
		}
	}
	for _, kp := range p.KeyPersons {
		who = append(who, kp.Name)
	}
	ms := make([]domain.Milestone, 0, k)
	left := k
	for i := range buyingSteps {
		// Selection sampling: each step is kept with the chance that leaves exactly k.
		if g.n(len(buyingSteps)-i) >= left {
			continue
		}
		left--
		st := &buyingSteps[i]
		at := anchor.AddDate(0, 0, int(from+days[len(ms)]))
		m := domain.Milestone{
			Name:        st.name,
			Due:         time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, at.Location()),
			Calculation: st.calc,
			LegalReview: st.legal,
		}
		if g.chance(70) {
			m.Owner = who[g.n(len(who))]
		}
		m.Done = won || (m.Due.Before(today) && g.chance(70))
		ms = append(ms, m)
	}
	p.Milestones = ms
}

// planCompetitors names 0–3 competitors, each with a few notes.
func (g *Generator) planCompetitors(p *domain.OpportunityPlan) {
	n := g.n(4)
	var cs []domain.Competitor
	for len(cs) < n {
		c := &rivals[g.n(len(rivals))]
		dup := false
		for _, x := range cs {
			dup = dup || x.Name == c.name
		}
		if dup {
			continue
		}
		x := domain.Competitor{Name: c.name}
		if g.chance(40) {
			x.History = g.pick(rivalHistory)
		}
		if g.chance(45) {
			x.Positioning = c.positioning
		}
		if g.chance(30) {
			x.Strategy = g.pick(rivalStrategy)
		}
		if g.chance(55) {
			x.Strengths = c.strengths
		}
		if g.chance(50) {
			x.Weaknesses = c.weaknesses
		}
		if g.chance(35) {
			x.Objections = g.pick(rivalObjections)
		}
		if g.chance(45) {
			x.PlanToWin = g.pick(plansToWin)
		}
		cs = append(cs, x)
	}
	p.Competitors = cs
}

var teamRoles = []string{"Presales", "Lösungsberatung", "Vertriebsinnendienst", "Projektleitung", "Technischer Vertrieb", "Key Account"}

var advisors = []struct{ name, role string }{
	{"Dr. Klaus Wendt", "Externer ERP-Berater"},
	{"Wendt & Partner Unternehmensberatung", "Auswahlberatung"},
	{"Systemhaus Nord GmbH", "Implementierungspartner"},
	{"Kanzlei Herold & Kühn", "Vertragsprüfung"},
	{"Sabine Roth", "IT-Beraterin (extern)"},
}

var businessFocus = []string{
	"Serienfertigung mit eigenem Service",
	"Projektgeschäft und Wartung",
	"Standardprodukte mit vielen Varianten",
	"Handel und Eigenfertigung an zwei Standorten",
	"Sondermaschinen, Exportanteil über 60 %",
	"Auftragsfertigung für die Automobilindustrie",
}

var productLines = []string{
	"Drehteile und Baugruppen",
	"Ersatzteile und Wartungsverträge",
	"Eigene Produktlinie plus Handelsware",
	"Komplettanlagen inkl. Montage und Schulung",
	"Dienstleistungen im Abo-Modell",
}

var customerBases = []string{
	"Mittelständische Industriekunden in DACH",
	"Tier-1-Zulieferer der Automobilindustrie",
	"Kommunen und öffentliche Auftraggeber",
	"Fachhandel und Großhandel",
	"Krankenhäuser und Pflegeeinrichtungen",
}

var marketCompetitors = []string{
	"Zwei regionale Wettbewerber, ein Konzern",
	"Preisdruck durch Anbieter aus Osteuropa",
	"Wenige, aber etablierte Marktbegleiter",
}

var projects = []string{
	"Ablösung des Alt-ERP",
	"Digitalisierung der Auftragsabwicklung",
	"Einführung eines Kundenportals",
	"Zentrale Lagerverwaltung für alle Standorte",
	"Konsolidierung von drei Insellösungen",
	"Automatisierte Angebotserstellung",
	"Umstellung der Finanzbuchhaltung auf die Cloud",
}

var planProblems = []string{
	"Doppelte Datenpflege zwischen Vertrieb und Fertigung",
	"Excel-Listen statt einer gemeinsamen Datenbasis",
	"Lange Durchlaufzeiten bei Angeboten",
	"Kein Überblick über Lagerbestände",
}

var actNow = []string{
	"Wartungsvertrag des Altsystems läuft aus",
	"Förderprogramm Digitalisierung nur noch dieses Jahr",
	"Neuer Standort geht in Betrieb",
	"Kann warten, aber das Budget ist jetzt freigegeben",
}

var consequences = []string{
	"Verlängerung des Altsystems zu deutlich höheren Kosten",
	"Weiter Überstunden im Innendienst",
	"Liefertermine werden weiter verpasst",
	"Wissen hängt an zwei Personen, die bald in Rente gehen",
}

var expectedResults = []string{
	"Eine Datenbasis für alle Standorte",
	"Angebote in einem Tag statt einer Woche",
	"Durchlaufzeit minus 20 %",
	"Liefertreue über 95 %",
}

var (
	championTitles = []title{
		{m: "Leiter IT", f: "Leiterin IT"}, {m: "Head of Operations", f: "Head of Operations"},
		{m: "Leiter Produktion", f: "Leiterin Produktion"}, {m: "Projektmanager", f: "Projektmanagerin"},
		{m: "Vertriebsleiter", f: "Vertriebsleiterin"},
	}
	budgetTitles = []title{
		{m: "CFO", f: "CFO"}, {m: "Kaufmännischer Leiter", f: "Kaufmännische Leiterin"},
		{m: "Leiter Finanzen", f: "Leiterin Finanzen"}, {m: "Geschäftsführer", f: "Geschäftsführerin"},
	}
	deciderTitles = []title{
		{m: "Geschäftsführer", f: "Geschäftsführerin"}, {m: "Prokurist", f: "Prokuristin"},
		{m: "CTO", f: "CTO"}, {m: "Werkleiter", f: "Werkleiterin"},
	}
	userTitles = []title{
		{m: "Sachbearbeiter Einkauf", f: "Sachbearbeiterin Einkauf"}, {m: "Disponent", f: "Disponentin"},
		{m: "IT-Administrator", f: "IT-Administratorin"}, {m: "Teamleiter Innendienst", f: "Teamleiterin Innendienst"},
	}
)

var attitudes = []string{"treibt das Projekt", "offen für Veränderung", "abwartend", "skeptisch", "will erst Zahlen sehen"}

var opinions = []string{"positiv nach der Demo", "kennt uns kaum", "neutral", "hatte Ärger mit dem Vorgänger", "schätzt unseren Service"}

var benefits = []string{
	"weniger manuelle Arbeit im Team", "Transparenz über Kosten", "Sichtbarkeit gegenüber der Geschäftsführung",
	"schnellere Angebote", "ein System statt drei",
}

var criteria = []string{
	"Gesamtkosten über 5 Jahre", "Referenzen in der Branche", "Einführung in unter 6 Monaten",
	"Betrieb im eigenen Rechenzentrum", "Schnittstelle zur Maschinensteuerung", "Festpreis",
}

// buyingSteps are a customer's buying process in its usual order.
var buyingSteps = []struct {
	name        string
	calc, legal bool
}{
	{name: "Erstgespräch Fachbereich"},
	{name: "Workshop Anforderungen"},
	{name: "Präsentation Lösungskonzept"},
	{name: "Teststellung im Werk"},
	{name: "Angebot abgeben", calc: true},
	{name: "Wirtschaftlichkeitsrechnung", calc: true},
	{name: "Freigabe Einkauf", calc: true},
	{name: "Rechtliche Prüfung Vertrag", legal: true},
	{name: "Entscheidung Geschäftsführung"},
	{name: "Vertragsunterzeichnung", legal: true},
}

var rivals = []struct{ name, positioning, strengths, weaknesses string }{
	{"SAP", "Konzernstandard, zunehmend im Mittelstand", "Marke, Funktionsumfang", "Preis, lange Einführung"},
	{"proALPHA", "ERP für den Mittelstand in der Fertigung", "Branchenkenntnis Fertigung", "Oberfläche wirkt altbacken"},
	{"Abas", "Flexibles ERP für Auftragsfertiger", "Anpassbarkeit", "Abhängigkeit vom Partner vor Ort"},
	{"Local IT-Partner GmbH", "Systemhaus aus der Region, betreut die IT seit Jahren", "Nähe, persönlicher Kontakt", "Wenig Projekterfahrung in dieser Größe"},
	{"Microsoft Dynamics 365", "Cloud-Plattform mit großem Partnernetz", "Office-Integration", "Qualität hängt am Partner"},
	{"Sage", "Kaufmännische Standardsoftware", "Günstiger Einstieg", "Grenzen bei Fertigungsprozessen"},
	{"Eigenentwicklung", "Die eigene IT baut selbst weiter", "Kennt die Prozesse", "Hängt an zwei Entwicklern"},
}

var rivalHistory = []string{
	"Bestandslieferant seit 2015", "Hat 2023 ein Angebot abgegeben", "Kein bisheriger Kontakt",
	"Pilotprojekt im Vertrieb lief enttäuschend",
}

var rivalStrategy = []string{"Kampfpreis mit Rabatt im ersten Jahr", "Über die Geschäftsführung", "Bündelt mit Hardware und Service"}

var rivalObjections = []string{
	"„Zu klein für ein Projekt dieser Größe“", "„Keine Referenzen in Ihrer Branche“", "„Teurer im Betrieb“",
}

var plansToWin = []string{
	"Referenzbesuch bei einem Kunden aus der Branche", "Festpreisangebot für die Einführung",
	"Teststellung mit echten Daten", "Champion mit Zahlen für die Geschäftsführung ausstatten",
}

// budgetText is BANT's budget as a German rep writes it into a plan:
// "50.000 EUR (geschätzt)", "kein Budget".
func budgetText(b domain.BANT) string {
	switch {
	case b.BudgetStatus == domain.BudgetNone:
		return "kein Budget"
	case !b.HasBudget():
		return ""
	case b.BudgetStatus == domain.BudgetConfirmed:
		return domain.FormatMoney(b.Budget, true) + " (bestätigt)"
	}
	return domain.FormatMoney(b.Budget, true) + " (geschätzt)"
}
