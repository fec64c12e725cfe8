//go:build ignore

// make_fixture writes leads.db, a schema-1 database, with the code of
// leadq as it was when schema 1 was current (commit 2d87c8e). It is kept
// for the record: it no longer builds against today's code, and the file
// it made is what the migration tests read.
//
//	go run testdata/schema1/make_fixture.go testdata/schema1/leads.db
package main

import (
	"fmt"
	"os"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
)

var base = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CET", 3600))

func main() {
	path := os.Args[1]
	os.Remove(path)
	now := base
	clock := func() time.Time { return now }
	st, err := store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: clock, By: "Anna Berger"})
	must(err)
	defer st.Close()

	// 40 synthetic leads: stage histories, activities of every inbound
	// kind, BANT, notes, consent, callbacks, next touches and plans.
	g := synth.New(7, base)
	_, err = st.AddBulk(g.Lead, 40)
	must(err)

	// A lead worked through every form of the lead screen.
	worked := &domain.Lead{
		Name: "Jürgen Müller-Lüdenscheidt", Title: "Geschäftsführer",
		Email: "J.Mueller@Müller-Bau.de", Phone: "030 48163277", Mobile: "+49 171 2345678",
		Company: domain.Company{Name: "Müller Bau GmbH & Co. KG", Website: "https://www.mueller-bau.de",
			Industry: "Bau", Employees: 240, AnnualRevenue: 48_000_000, Country: "DE", PostalCode: "10115", City: "Berlin"},
		Source: "Messe: BAU München", Owner: "Anna Berger",
		ExternalIDs: map[string]string{"salesforce": "00Q5g00000AbCdE"},
		Custom:      map[string]string{"CRM-ID": "4711", "Interesse": "Fassade"},
		BANT:        domain.BANT{RepEstimate: -1},
		Activities: []domain.Activity{
			{Kind: domain.KindEvent, At: base.Add(-30 * 24 * time.Hour), Note: "Gespräch am Messestand", By: "Anna Berger"},
			{Kind: domain.KindDownload, At: base.Add(-20 * 24 * time.Hour), Note: "Whitepaper Fassaden", Funnel: domain.FunnelConsideration},
			{Kind: domain.KindWebVisit, At: base.Add(-19 * 24 * time.Hour), Note: "/preise"},
			{Kind: domain.KindBlogRead, At: base.Add(-18 * 24 * time.Hour), Note: "5 Tipps", Funnel: domain.FunnelAwareness},
			{Kind: domain.KindWebinar, At: base.Add(-17 * 24 * time.Hour), Note: "Webinar BIM", Funnel: domain.FunnelDecision},
			{Kind: domain.KindDemoRequest, At: base.Add(-16 * 24 * time.Hour)},
			{Kind: domain.KindQuoteRequest, At: base.Add(-15 * 24 * time.Hour), Note: "Angebot Halle 3"},
		},
		Created: base.Add(-31 * 24 * time.Hour),
	}
	id, err := st.Add(worked)
	must(err)
	step := func(d time.Duration, fn func(l *domain.Lead) error) {
		now = now.Add(d)
		_, err := st.Update(id, fn)
		must(err)
	}
	at := func(l *domain.Lead) time.Time { return now }
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeNoAnswer, "", time.Time{}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeBusy, "", time.Time{}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeCallback, "nach der Baubesprechung", base.Add(26*time.Hour), at(l), "Anna Berger")
	})
	step(time.Hour, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeReached, "Interesse an Fassadenmodul, Budget freigegeben", time.Time{}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeWrongNumber, "Zentrale", time.Time{}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error { return l.SetFit(domain.FitLow, "klein für uns", at(l), "Anna Berger") })
	step(time.Minute, func(l *domain.Lead) error { return l.SetFit(domain.FitGood, "", at(l), "Anna Berger") })
	step(time.Minute, func(l *domain.Lead) error {
		return l.SaveBANT(domain.BANT{BudgetAmount: 1235, BudgetCurrency: "EUR", Authority: domain.AuthorityInfluencer,
			AuthorityRole: "Leiter Technik", Need: "Fassadenplanung", Urgency: domain.UrgencyMedium, Timeline: "Q3/2027", RepEstimate: -1}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.SaveBANT(domain.BANT{BudgetAmount: 250000, BudgetCurrency: "EUR", BudgetConfirmed: true, Authority: domain.AuthorityDecisionMaker,
			Need: "Fassadenplanung", Urgency: domain.UrgencyHigh, Timeline: "15.03.2027", RepEstimate: 60}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.SetConsent(domain.Consent{Status: domain.ConsentOptIn, Source: "Messe-Formular"}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.SetConsent(domain.Consent{Status: domain.ConsentDoubleOptIn, Source: "Bestätigungsmail", Date: at(l).Add(-time.Hour)}, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogTouch(domain.KindNewsletter, "Newsletter November", false, domain.CadenceDay, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogTouch(domain.KindMeeting, "Termin vor Ort", false, domain.CadenceDay, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.LogTouch(domain.KindNote, "Sekretariat: Frau Kaya", false, domain.CadenceDay, at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.AddNote(domain.Note{Kind: domain.NoteTeamPage, URL: "https://www.mueller-bau.de/team", Text: "Durchwahl Technik 030 4816-32"}, at(l))
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.AddNote(domain.Note{Kind: domain.NoteNewsletter, Text: "Newsletter abonniert\nerscheint monatlich"}, at(l))
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.AddNote(domain.Note{Kind: domain.NotePress, URL: "https://presse.example.de/x", Text: "Neue Halle"}, at(l))
	})
	step(time.Minute, func(l *domain.Lead) error {
		return l.EditNote(1, domain.Note{Kind: domain.NoteNewsletter, Text: "Newsletter abonniert (monatlich)"}, at(l))
	})
	step(time.Minute, func(l *domain.Lead) error { l.Updated = at(l); return l.DeleteNote(2) })
	for _, to := range []domain.Stage{domain.StageMQL, domain.StageSAL, domain.StageSQL, domain.StageOpportunity} {
		step(time.Minute, func(l *domain.Lead) error { return l.Move(to, "", at(l), "Anna Berger") })
	}
	step(time.Minute, func(l *domain.Lead) error {
		return l.Move(domain.StageSQL, "Budget doch nicht freigegeben", at(l), "Anna Berger")
	})
	step(time.Minute, func(l *domain.Lead) error { return l.Move(domain.StageOpportunity, "", at(l), "Anna Berger") })
	step(time.Minute, func(l *domain.Lead) error {
		p := domain.NewPlanFromLead(l)
		p.Team.Lead = "Anna Berger"
		must(p.AddMember(domain.TeamMember{Name: "Tobias Wolf", Role: "Technik"}))
		must(p.AddMember(domain.TeamMember{Name: "Kanzlei Roth", Role: "Vertragsrecht", External: true}))
		p.Profile = domain.CustomerProfile{BusinessAreas: "Hochbau, Fassaden", Products: "Fertigteile", Financials: "48 Mio € Umsatz",
			Customers: "Kommunen", Competitors: "Bauer AG", ContactPoints: "Zentrale, Technik"}
		p.Summary.Problems = "Planung dauert zu lange\nFehler in der Mengenermittlung"
		p.Summary.ActNow = "Förderprogramm läuft aus"
		p.Summary.Consequences = "Verzug"
		p.Summary.Schedule = "Q1 2027"
		p.Summary.ExpectedResults = "30 % schneller"
		must(p.AddMilestone(domain.Milestone{Name: "Angebot", Due: base.Add(72 * time.Hour), Calculation: true, Owner: "Anna Berger"}))
		must(p.AddMilestone(domain.Milestone{Name: "Rechtsprüfung", Due: base.Add(240 * time.Hour), LegalReview: true, Owner: "Kanzlei Roth"}))
		must(p.AddMilestone(domain.Milestone{Name: "Erstgespräch", Done: true}))
		must(p.AddKeyPerson(domain.KeyPerson{Name: "Jürgen Müller-Lüdenscheidt", Title: "Geschäftsführer", Role: "budget holder", Familiarity: 4,
			Attitude: "offen", Opinion: "positiv", Benefits: "Zeitgewinn\nweniger Fehler", Criteria: "Preis, Termintreue"}))
		must(p.AddKeyPerson(domain.KeyPerson{Name: "Petra Schulz", Role: "champion", Familiarity: 3, Criteria: "Bedienbarkeit"}))
		must(p.AddCompetitor(domain.Competitor{Name: "Bauer AG", History: "seit 2019 Lieferant", Positioning: "billig", Strategy: "Preis",
			Strengths: "Preis", Weaknesses: "Service", Objections: "zu teuer", PlanToWin: "Referenzbesuch"}))
		p.Updated = at(l)
		l.Plan = p
		return nil
	})
	// The contact edit of the lead screen (E) changes fields in place.
	step(time.Minute, func(l *domain.Lead) error { l.Phone = "+49 30 48163277"; return nil })

	// A lead rated no fit (disqualified), one requalified, a customer.
	addWorked := func(name, company string, fn func(l *domain.Lead) error) {
		l := &domain.Lead{Name: name, Company: domain.Company{Name: company, Country: "AT", City: "Wien", PostalCode: "1010"},
			BANT: domain.BANT{RepEstimate: -1}, Created: now}
		id, err := st.Add(l)
		must(err)
		now = now.Add(time.Minute)
		_, err = st.Update(id, fn)
		must(err)
	}
	addWorked("Lena Hofer", "Hofer Reisen KG", func(l *domain.Lead) error { return l.SetFit(domain.FitNone, "B2C, kein Bedarf", now, "Anna Berger") })
	addWorked("Karl Gruber", "Gruber Druck", func(l *domain.Lead) error {
		if err := l.Move(domain.StageDisqualified, "doppelt angelegt", now, "Anna Berger"); err != nil {
			return err
		}
		return l.Move(domain.StageNurture, "doch eigener Standort", now.Add(time.Second), "Anna Berger")
	})
	addWorked("王 小明", "Shanghai Trading Co.", func(l *domain.Lead) error {
		for _, to := range []domain.Stage{domain.StageSAL, domain.StageSQL, domain.StageOpportunity, domain.StageCustomer} {
			if err := l.Move(to, "", now, "Anna Berger"); err != nil {
				return err
			}
		}
		l.NextTouch = now.Add(48 * time.Hour)
		return nil
	})
	addWorked("Ирина Петрова", "", func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeCallback, "", now.Add(2*time.Hour), now, "Anna Berger")
	})
	fmt.Println("wrote", path)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
