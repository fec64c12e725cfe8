package domain

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// jurgen is the lead the work tests start from: an opted-in MQL who
// downloaded a whitepaper ten days before wed.
func jurgen() Lead {
	created := at(2027, 2, 28, 9, 0)
	return Lead{
		ID: 7, Name: "Jürgen Müller", Phone: "+49 89 1234567", Mobile: "0171 1234567",
		Company: Company{Name: "Müller Maschinenbau GmbH", Country: "DE", PostalCode: "80331"},
		Created: created, Updated: created,
		Stage:      StageMQL,
		Consent:    Consent{Status: ConsentOptIn, Source: "Website form", Date: created},
		BANT:       BANT{RepEstimate: -1},
		Activities: []Activity{{Kind: KindDownload, At: created, Note: "Whitepaper Rüstzeiten", Funnel: FunnelConsideration}},
	}
}

func snapshot(t *testing.T, l *Lead) string {
	t.Helper()
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// refused runs op, which must fail with an error containing want, and
// checks that it left the lead exactly as it was.
func refused(t *testing.T, name string, l Lead, want string, op func(l *Lead) error) {
	t.Helper()
	before := snapshot(t, &l)
	err := op(&l)
	if err == nil {
		t.Errorf("%s: not refused", name)
		return
	}
	wantErr(t, name, err, want)
	if after := snapshot(t, &l); after != before {
		t.Errorf("%s: refused but changed the lead\nbefore %s\nafter  %s", name, before, after)
	}
}

// sameLead compares a lead with the one expected.
func sameLead(t *testing.T, name string, got, want Lead) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\ngot  %s\nwant %s", name, snapshot(t, &got), snapshot(t, &want))
	}
}

func TestLogCall(t *testing.T) {
	tomorrow2 := at(2027, 3, 11, 14, 0)
	tests := []struct {
		name     string
		setup    func(l *Lead)
		outcome  CallOutcome
		note     string
		callback time.Time
		want     func(l *Lead) // the changes expected besides Updated = wed
	}{
		{"reached", nil, OutcomeReached, " interessiert an Demo ", time.Time{}, func(l *Lead) {
			l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeReached, Note: "interessiert an Demo", By: "anna"})
		}},
		{"a callback time goes only with the callback outcome", nil, OutcomeBusy, "", tomorrow2, func(l *Lead) {
			l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeBusy, By: "anna"})
		}},
		{"no answer settles a callback that was due",
			func(l *Lead) { l.Callback = &Callback{At: wed.Add(-time.Hour), Note: "vormittags"} },
			OutcomeNoAnswer, "", time.Time{}, func(l *Lead) {
				l.Callback = nil
				l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeNoAnswer, By: "anna"})
			}},
		{"a callback due this very moment is due",
			func(l *Lead) { l.Callback = &Callback{At: wed} },
			OutcomeReached, "", time.Time{}, func(l *Lead) {
				l.Callback = nil
				l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeReached, By: "anna"})
			}},
		{"busy keeps a callback still ahead",
			func(l *Lead) { l.Callback = &Callback{At: tomorrow2, Note: "nach 14 Uhr"} },
			OutcomeBusy, "", time.Time{}, func(l *Lead) {
				l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeBusy, By: "anna"})
			}},
		{"callback", nil, OutcomeCallback, "nach 14 Uhr", tomorrow2, func(l *Lead) {
			l.Callback = &Callback{At: tomorrow2, Note: "nach 14 Uhr"}
			l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeCallback, Note: "callback 11.03.2027 14:00: nach 14 Uhr", By: "anna"})
		}},
		{"callback replaces the one that was due",
			func(l *Lead) { l.Callback = &Callback{At: wed.Add(-time.Hour), Note: "alt"} },
			OutcomeCallback, "", tomorrow2, func(l *Lead) {
				l.Callback = &Callback{At: tomorrow2}
				l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeCallback, Note: "callback 11.03.2027 14:00", By: "anna"})
			}},
		{"callback time given in UTC is written in now's location", nil, OutcomeCallback, "", tomorrow2.UTC(), func(l *Lead) {
			l.Callback = &Callback{At: tomorrow2.UTC()}
			l.Activities = append(l.Activities, Activity{Kind: KindCall, At: wed, Outcome: OutcomeCallback, Note: "callback 11.03.2027 14:00", By: "anna"})
		}},
		{"wrong number notes the numbers to check", nil, OutcomeWrongNumber, "Pizzeria", time.Time{}, func(l *Lead) {
			l.Activities = append(l.Activities,
				Activity{Kind: KindCall, At: wed, Outcome: OutcomeWrongNumber, Note: "Pizzeria", By: "anna"},
				Activity{Kind: KindNote, At: wed, Note: "wrong number: check the phone numbers (phone +49 89 1234567, mobile 0171 1234567)", By: "anna"})
		}},
		{"wrong number without numbers on file",
			func(l *Lead) { l.Phone, l.Mobile = "", "" },
			OutcomeWrongNumber, "", time.Time{}, func(l *Lead) {
				l.Activities = append(l.Activities,
					Activity{Kind: KindCall, At: wed, Outcome: OutcomeWrongNumber, By: "anna"},
					Activity{Kind: KindNote, At: wed, Note: "wrong number: check the phone numbers", By: "anna"})
			}},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		want := l
		want.Activities = append([]Activity(nil), l.Activities...)
		tt.want(&want)
		want.Updated = wed
		if err := l.LogCall(tt.outcome, tt.note, tt.callback, wed, "anna"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sameLead(t, tt.name, l, want)
	}

	due := jurgen()
	due.Callback = &Callback{At: wed.Add(-time.Hour)}
	for _, r := range []struct {
		name     string
		outcome  CallOutcome
		callback time.Time
		err      string
	}{
		{"no outcome", OutcomeNone, time.Time{}, "say how the call went"},
		{"unknown outcome", CallOutcome(9), time.Time{}, "say how the call went"},
		{"callback without a time", OutcomeCallback, time.Time{}, "a callback needs a time"},
		{"callback in the past", OutcomeCallback, wed.Add(-time.Minute), "the callback at 10.03.2027 10:14 is not in the future"},
		{"callback now", OutcomeCallback, wed, "is not in the future"},
	} {
		refused(t, "LogCall: "+r.name, due, r.err, func(l *Lead) error { return l.LogCall(r.outcome, "x", r.callback, wed, "anna") })
	}
}

func TestSetFit(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(l *Lead)
		fit    Fit
		reason string
		want   func(l *Lead)
	}{
		{"unrated to good", nil, FitGood, "", func(l *Lead) {
			l.Fit = FitGood
			l.Activities = append(l.Activities, Activity{Kind: KindFitChange, At: wed, Note: "unrated → good fit", By: "anna"})
		}},
		{"good to low chance with a reason", func(l *Lead) { l.Fit = FitGood }, FitLow, " nur 8 Mitarbeiter ", func(l *Lead) {
			l.Fit, l.FitReason = FitLow, "nur 8 Mitarbeiter"
			l.Activities = append(l.Activities, Activity{Kind: KindFitChange, At: wed, Note: "good fit → low chance: nur 8 Mitarbeiter", By: "anna"})
		}},
		{"same fit, new reason", func(l *Lead) { l.Fit, l.FitReason = FitLow, "klein" }, FitLow, "zu klein", func(l *Lead) {
			l.FitReason = "zu klein"
			l.Activities = append(l.Activities, Activity{Kind: KindFitChange, At: wed, Note: "low chance → low chance: zu klein", By: "anna"})
		}},
		{"no fit disqualifies", func(l *Lead) { l.Fit, l.Stage = FitGood, StageSQL }, FitNone, "kein Budget", func(l *Lead) {
			l.Fit, l.FitReason, l.Stage = FitNone, "kein Budget", StageDisqualified
			l.StageHistory = append(l.StageHistory, StageMove{From: StageSQL, To: StageDisqualified, At: wed, By: "anna", Reason: "kein Budget"})
			l.Activities = append(l.Activities,
				Activity{Kind: KindFitChange, At: wed, Note: "good fit → no fit: kein Budget", By: "anna"},
				Activity{Kind: KindStageChange, At: wed, Note: "SQL → Disqualified: kein Budget", By: "anna"})
		}},
		{"no fit loses an opportunity", func(l *Lead) { l.Fit, l.Stage = FitGood, StageOpportunity }, FitNone, "Wettbewerber gewählt", func(l *Lead) {
			l.Fit, l.FitReason, l.Stage = FitNone, "Wettbewerber gewählt", StageDisqualified
			l.StageHistory = append(l.StageHistory, StageMove{From: StageOpportunity, To: StageDisqualified, At: wed, By: "anna", Reason: "Wettbewerber gewählt"})
			l.Activities = append(l.Activities,
				Activity{Kind: KindFitChange, At: wed, Note: "good fit → no fit: Wettbewerber gewählt", By: "anna"},
				Activity{Kind: KindStageChange, At: wed, Note: "Opportunity → Disqualified: Wettbewerber gewählt", By: "anna"})
		}},
		{"no fit for a lead already disqualified moves nothing", func(l *Lead) { l.Fit, l.Stage = FitLow, StageDisqualified }, FitNone, "B2C", func(l *Lead) {
			l.Fit, l.FitReason = FitNone, "B2C"
			l.Activities = append(l.Activities, Activity{Kind: KindFitChange, At: wed, Note: "low chance → no fit: B2C", By: "anna"})
		}},
		{"good fit again leaves a disqualified lead where it is", func(l *Lead) { l.Fit, l.FitReason, l.Stage = FitNone, "B2C", StageDisqualified }, FitGood, "doch B2B", func(l *Lead) {
			l.Fit, l.FitReason = FitGood, "doch B2B"
			l.Activities = append(l.Activities, Activity{Kind: KindFitChange, At: wed, Note: "no fit → good fit: doch B2B", By: "anna"})
		}},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		want := l
		want.Activities = append([]Activity(nil), l.Activities...)
		tt.want(&want)
		want.Updated = wed
		if err := l.SetFit(tt.fit, tt.reason, wed, "anna"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sameLead(t, tt.name, l, want)
	}

	good := jurgen()
	good.Fit = FitGood
	customer := good
	customer.Stage = StageCustomer
	refused(t, "no fit without a reason", good, "rating Jürgen Müller no fit: this move needs a reason", func(l *Lead) error {
		err := l.SetFit(FitNone, "  ", wed, "anna")
		if !errors.Is(err, ErrReasonRequired) {
			t.Errorf("no fit without a reason: %v does not wrap ErrReasonRequired", err)
		}
		return err
	})
	refused(t, "no fit for a customer", customer, "Jürgen Müller cannot be rated no fit: a lead at Customer cannot move any more", func(l *Lead) error {
		return l.SetFit(FitNone, "Insolvenz", wed, "anna")
	})
	refused(t, "the same fit again", good, "Jürgen Müller is already rated good fit", func(l *Lead) error {
		return l.SetFit(FitGood, "", wed, "anna")
	})
	refused(t, "unknown fit", good, "unknown fit", func(l *Lead) error { return l.SetFit(Fit(9), "x", wed, "anna") })
}

func TestSaveBANT(t *testing.T) {
	filled := func(l *Lead) {
		l.BANT = BANT{BudgetAmount: 50000, BudgetCurrency: "EUR", BudgetConfirmed: true, Authority: AuthorityDecisionMaker,
			Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0),
			RepEstimate: 40, Updated: at(2027, 3, 1, 9, 0)}
	}
	tests := []struct {
		name  string
		setup func(l *Lead)
		in    func(b *BANT) // the form's answers, starting from the lead's
		want  BANT          // BANT after saving, Updated aside
		note  string
	}{
		{"budget and authority; currency defaults to EUR", nil,
			func(b *BANT) { b.BudgetAmount, b.BudgetConfirmed, b.Authority = 50000, true, AuthorityDecisionMaker },
			BANT{BudgetAmount: 50000, BudgetCurrency: "EUR", BudgetConfirmed: true, Authority: AuthorityDecisionMaker, RepEstimate: -1},
			"budget 50,000 EUR (confirmed), authority decision maker"},
		{"estimated budget in another currency, authority with its role", nil,
			func(b *BANT) {
				b.BudgetAmount, b.BudgetCurrency = 80000, " chf "
				b.Authority, b.AuthorityRole = AuthorityInfluencer, " Leiter Einkauf "
			},
			BANT{BudgetAmount: 80000, BudgetCurrency: "CHF", Authority: AuthorityInfluencer, AuthorityRole: "Leiter Einkauf", RepEstimate: -1},
			"budget 80,000 CHF (estimated), authority influencer (Leiter Einkauf)"},
		{"a typed quarter gets its first day", nil,
			func(b *BANT) { b.Timeline = "q3/2027" },
			BANT{Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0), RepEstimate: -1},
			"timeline Q3 2027"},
		{"a typed date is normalised", nil,
			func(b *BANT) { b.Timeline = "15.03.2027" },
			BANT{Timeline: "2027-03-15", TimelineDate: at(2027, 3, 15, 0, 0), RepEstimate: -1},
			"timeline 2027-03-15"},
		{"need with urgency, and the rep's estimate", nil,
			func(b *BANT) { b.Need, b.Urgency, b.RepEstimate = " Rüstzeiten halbieren ", UrgencyHigh, 40 },
			BANT{Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, RepEstimate: 40},
			"need Rüstzeiten halbieren (urgency high), rep's estimate 40%"},
		{"need without urgency", nil,
			func(b *BANT) { b.Need = "ERP ablösen" },
			BANT{Need: "ERP ablösen", RepEstimate: -1},
			"need ERP ablösen"},
		{"only the budget confirmed now", filled,
			func(b *BANT) { b.BudgetConfirmed = false },
			BANT{BudgetAmount: 50000, BudgetCurrency: "EUR", Authority: AuthorityDecisionMaker,
				Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0), RepEstimate: 40},
			"budget 50,000 EUR (estimated)"},
		{"edited timeline text gets a new date, not the old one", filled,
			func(b *BANT) { b.Timeline = "Q4 2027" },
			BANT{BudgetAmount: 50000, BudgetCurrency: "EUR", BudgetConfirmed: true, Authority: AuthorityDecisionMaker,
				Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q4 2027", TimelineDate: at(2027, 10, 1, 0, 0), RepEstimate: 40},
			"timeline Q4 2027"},
		{"an imported timeline that is no date is kept while other answers change",
			func(l *Lead) { l.BANT.Timeline = "nach der Messe" },
			func(b *BANT) { b.Need = "ERP ablösen" },
			BANT{Need: "ERP ablösen", Timeline: "nach der Messe", RepEstimate: -1},
			"need ERP ablösen"},
		{"everything removed", filled,
			func(b *BANT) { *b = BANT{BudgetCurrency: "EUR", BudgetConfirmed: true, RepEstimate: -1} },
			BANT{RepEstimate: -1},
			"budget removed, authority unknown, need removed, timeline removed, rep's estimate removed"},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		b := l.BANT
		tt.in(&b)
		want := l
		want.Activities = append([]Activity(nil), l.Activities...)
		want.BANT = tt.want
		want.BANT.Updated = wed
		want.Updated = wed
		want.Activities = append(want.Activities, Activity{Kind: KindBANTUpdate, At: wed, Note: tt.note, By: "anna"})
		if err := l.SaveBANT(b, wed, "anna"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sameLead(t, tt.name, l, want)
	}

	l := jurgen()
	filled(&l)
	before := snapshot(t, &l)
	if err := l.SaveBANT(l.BANT, wed, "anna"); err != nil || snapshot(t, &l) != before {
		t.Errorf("saving unchanged answers: %v, or the lead changed", err)
	}

	// A day stored in UTC (an import) and the same text read again in
	// Berlin by the form are the same answer: nothing to record.
	l = jurgen()
	filled(&l)
	l.BANT.TimelineDate = time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC)
	before = snapshot(t, &l)
	b := l.BANT
	b.TimelineDate = at(2027, 7, 1, 0, 0)
	if err := l.SaveBANT(b, wed, "anna"); err != nil || snapshot(t, &l) != before {
		t.Errorf("saving an unchanged timeline worked out in another location: %v, or the lead changed\nbefore %s\nafter  %s", err, before, snapshot(t, &l))
	}

	for _, r := range []struct {
		name string
		in   func(b *BANT)
		err  string
	}{
		{"negative budget", func(b *BANT) { b.BudgetAmount = -1 }, "below zero"},
		{"estimate above 100", func(b *BANT) { b.RepEstimate = 101 }, "the estimate 101% is not a percentage"},
		{"estimate below -1", func(b *BANT) { b.RepEstimate = -2 }, "not a percentage"},
		{"unknown authority", func(b *BANT) { b.Authority = Authority(9) }, "unknown authority"},
		{"unknown urgency", func(b *BANT) { b.Urgency = Urgency(9) }, "unknown urgency"},
		{"timeline that is no date", func(b *BANT) { b.Timeline, b.TimelineDate = "29.02.2027", time.Time{} }, "February 2027 has 28 days"},
		{"timeline text that is no date beside the old date", func(b *BANT) { b.Timeline = "nächstes Jahr" }, "nächstes Jahr is not a timeline"},
	} {
		l := jurgen()
		filled(&l)
		refused(t, "SaveBANT: "+r.name, l, r.err, func(l *Lead) error {
			b := l.BANT
			r.in(&b)
			return l.SaveBANT(b, wed, "anna")
		})
	}
}

func TestProbability(t *testing.T) {
	// now is wed, 10 March 2027 10:15:30; three months on is 10 June
	// 10:15:30, twelve months on 10 March 2028 10:15:30.
	day := func(y int, m time.Month, d int) time.Time { return at(y, m, d, 0, 0) }
	tests := []struct {
		name string
		b    BANT
		want int
	}{
		{"nothing answered", BANT{RepEstimate: -1}, 0},
		{"the rep's estimate is no answer", BANT{RepEstimate: 80}, 0},
		{"urgency without a need is no answer", BANT{Urgency: UrgencyHigh}, 0},
		{"budget estimated", BANT{BudgetAmount: 1000}, 5 + 10},
		{"budget confirmed", BANT{BudgetAmount: 1000, BudgetConfirmed: true}, 5 + 20},
		{"decision maker", BANT{Authority: AuthorityDecisionMaker}, 5 + 20},
		{"influencer", BANT{Authority: AuthorityInfluencer}, 5 + 10},
		{"user", BANT{Authority: AuthorityUser}, 5 + 5},
		{"gatekeeper", BANT{Authority: AuthorityGatekeeper}, 5 + 5},
		{"need, urgency high", BANT{Need: "x", Urgency: UrgencyHigh}, 5 + 15},
		{"need, urgency medium", BANT{Need: "x", Urgency: UrgencyMedium}, 5 + 10},
		{"need, urgency low", BANT{Need: "x", Urgency: UrgencyLow}, 5 + 5},
		{"need, urgency unknown", BANT{Need: "x"}, 5 + 5},
		{"timeline already begun", BANT{Timeline: "Q1 2027", TimelineDate: day(2027, 1, 1)}, 5 + 20},
		{"timeline in two months", BANT{Timeline: "05/2027", TimelineDate: day(2027, 5, 1)}, 5 + 20},
		{"timeline on the last day within 3 months", BANT{Timeline: "2027-06-10", TimelineDate: day(2027, 6, 10)}, 5 + 20},
		{"timeline the day after", BANT{Timeline: "2027-06-11", TimelineDate: day(2027, 6, 11)}, 5 + 10},
		{"timeline within 12 months", BANT{Timeline: "2028-03-10", TimelineDate: day(2028, 3, 10)}, 5 + 10},
		{"timeline later", BANT{Timeline: "2028-03-11", TimelineDate: day(2028, 3, 11)}, 5 + 5},
		{"timeline without a date", BANT{Timeline: "nach der Messe"}, 5 + 5},
		{"all four at their best", BANT{BudgetAmount: 1, BudgetConfirmed: true, Authority: AuthorityDecisionMaker,
			Need: "x", Urgency: UrgencyHigh, Timeline: "Q2 2027", TimelineDate: day(2027, 4, 1)}, 5 + 20 + 20 + 15 + 20},
		{"all four at their weakest", BANT{BudgetAmount: 1, Authority: AuthorityGatekeeper,
			Need: "x", Timeline: "2030", TimelineDate: day(2030, 1, 1)}, 5 + 10 + 5 + 5 + 5},
	}
	for _, tt := range tests {
		if got := tt.b.Probability(wed); got != tt.want {
			t.Errorf("%s: Probability = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestMove(t *testing.T) {
	l := jurgen()
	want := jurgen()
	want.Stage = StageSAL
	want.Updated = wed
	want.StageHistory = []StageMove{{From: StageMQL, To: StageSAL, At: wed, By: "anna"}}
	want.Activities = append(want.Activities, Activity{Kind: KindStageChange, At: wed, Note: "MQL → SAL", By: "anna"})
	if err := l.Move(StageSAL, "", wed, "anna"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "MQL → SAL", l, want)

	later := wed.Add(time.Hour)
	want.Stage = StageNurture
	want.Updated = later
	want.StageHistory = append(want.StageHistory, StageMove{From: StageSAL, To: StageNurture, At: later, By: "ben", Reason: "kein Projekt vor 2028"})
	want.Activities = append(want.Activities, Activity{Kind: KindStageChange, At: later, Note: "SAL → Nurture: kein Projekt vor 2028", By: "ben"})
	if err := l.Move(StageNurture, " kein Projekt vor 2028 ", later, "ben"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "SAL → Nurture with a reason", l, want)

	sal := jurgen()
	sal.Stage = StageSAL
	refused(t, "sales rejection without a reason", sal, "this move needs a reason", func(l *Lead) error { return l.Move(StageNurture, "", wed, "anna") })
	refused(t, "a move the lifecycle does not have", jurgen(), "cannot move from MQL to Customer", func(l *Lead) error { return l.Move(StageCustomer, "", wed, "anna") })
	refused(t, "to where it is", jurgen(), "already at MQL", func(l *Lead) error { return l.Move(StageMQL, "", wed, "anna") })
}

func TestNotes(t *testing.T) {
	first := at(2027, 3, 1, 9, 0)
	l := jurgen()
	if err := l.AddNote(Note{Kind: NoteTeamPage, URL: " https://mueller-mb.de/team ", Text: " Durchwahl -120 ", Updated: first}, first); err != nil {
		t.Fatal(err)
	}
	want := jurgen()
	want.Updated = first
	want.Notes = []Note{{Kind: NoteTeamPage, URL: "https://mueller-mb.de/team", Text: "Durchwahl -120", Created: first}}
	sameLead(t, "AddNote", l, want)

	if err := l.AddNote(Note{Kind: NoteNewsletter, Text: "abonniert"}, wed); err != nil {
		t.Fatal(err)
	}
	want.Updated = wed
	want.Notes = append(want.Notes, Note{Kind: NoteNewsletter, Text: "abonniert", Created: wed})
	sameLead(t, "AddNote without a link", l, want)

	refused(t, "AddNote without text", l, "a note needs text", func(l *Lead) error { return l.AddNote(Note{Text: " \t"}, wed) })
	refused(t, "AddNote with a bad link", l, "mueller-mb.de/team is not a web address", func(l *Lead) error {
		return l.AddNote(Note{Text: "Team", URL: "mueller-mb.de/team"}, wed)
	})

	edited := wed.Add(time.Hour)
	kept := l.Notes // a store may still hold the old slice
	if err := l.EditNote(0, Note{Kind: NoteTeamPage, URL: "www.mueller-mb.de/team", Text: "Durchwahl -121", Created: edited}, edited); err != nil {
		t.Fatal(err)
	}
	want.Updated = edited
	want.Notes = []Note{
		{Kind: NoteTeamPage, URL: "www.mueller-mb.de/team", Text: "Durchwahl -121", Created: first, Updated: edited},
		{Kind: NoteNewsletter, Text: "abonniert", Created: wed},
	}
	sameLead(t, "EditNote keeps Created", l, want)
	if kept[0].Text != "Durchwahl -120" {
		t.Errorf("EditNote changed the notes slice in place: %q", kept[0].Text)
	}

	for _, i := range []int{-1, 2} {
		refused(t, "EditNote out of range", l, "there is no note", func(l *Lead) error { return l.EditNote(i, Note{Text: "x"}, wed) })
		refused(t, "DeleteNote out of range", l, "there is no note", func(l *Lead) error { return l.DeleteNote(i) })
	}
	refused(t, "EditNote without text", l, "a note needs text", func(l *Lead) error { return l.EditNote(1, Note{}, wed) })

	if err := l.AddNote(Note{Text: "Pressemitteilung", Kind: NotePress}, wed); err != nil {
		t.Fatal(err)
	}
	kept = l.Notes
	if err := l.DeleteNote(1); err != nil {
		t.Fatal(err)
	}
	if len(l.Notes) != 2 || l.Notes[0].Text != "Durchwahl -121" || l.Notes[1].Text != "Pressemitteilung" {
		t.Errorf("DeleteNote(1) left %+v", l.Notes)
	}
	if kept[1].Text != "abonniert" {
		t.Errorf("DeleteNote changed the notes slice in place: %q", kept[1].Text)
	}
	if err := l.DeleteNote(1); err != nil {
		t.Fatal(err)
	}
	if err := l.DeleteNote(0); err != nil {
		t.Fatal(err)
	}
	if l.Notes != nil {
		t.Errorf("after deleting every note: %+v, want nil", l.Notes)
	}
}

func TestSetConsent(t *testing.T) {
	none := jurgen()
	none.Consent = Consent{}
	tests := []struct {
		name string
		from Lead
		in   Consent
		want Consent
		note string
	}{
		{"opt-in without a date is dated now", none,
			Consent{Status: ConsentOptIn, Source: " Messe Hannover "},
			Consent{Status: ConsentOptIn, Source: "Messe Hannover", Date: wed},
			"consent no consent → opt-in (Messe Hannover, 10.03.2027)"},
		{"double opt-in confirmed", jurgen(),
			Consent{Status: ConsentDoubleOptIn, Source: "Website form", Date: at(2027, 3, 2, 8, 0)},
			Consent{Status: ConsentDoubleOptIn, Source: "Website form", Date: at(2027, 3, 2, 8, 0)},
			"consent opt-in → double opt-in confirmed (Website form, 02.03.2027)"},
		{"withdrawn on a given day", jurgen(),
			Consent{Status: ConsentWithdrawn, Date: at(2027, 3, 8, 17, 0)},
			Consent{Status: ConsentWithdrawn, Date: at(2027, 3, 8, 17, 0)},
			"consent opt-in → withdrawn (08.03.2027)"},
		{"withdrawn without a date is dated now", jurgen(),
			Consent{Status: ConsentWithdrawn, Source: "Anruf"},
			Consent{Status: ConsentWithdrawn, Source: "Anruf", Date: wed},
			"consent opt-in → withdrawn (Anruf, 10.03.2027)"},
		{"back to none needs no date", jurgen(),
			Consent{},
			Consent{},
			"consent opt-in → no consent"},
	}
	for _, tt := range tests {
		l := tt.from
		want := l
		want.Consent = tt.want
		want.Updated = wed
		want.Activities = append(append([]Activity(nil), l.Activities...), Activity{Kind: KindNote, At: wed, Note: tt.note, By: "anna"})
		if err := l.SetConsent(tt.in, wed, "anna"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sameLead(t, tt.name, l, want)
	}

	l := jurgen()
	before := snapshot(t, &l)
	if err := l.SetConsent(l.Consent, wed, "anna"); err != nil || snapshot(t, &l) != before {
		t.Errorf("saving the same consent: %v, or the lead changed", err)
	}
	refused(t, "consent dated in the future", jurgen(), "the consent date 11.03.2027 is in the future", func(l *Lead) error {
		return l.SetConsent(Consent{Status: ConsentOptIn, Date: at(2027, 3, 11, 9, 0)}, wed, "anna")
	})
	refused(t, "unknown consent", jurgen(), "unknown consent status", func(l *Lead) error {
		return l.SetConsent(Consent{Status: ConsentStatus(9)}, wed, "anna")
	})
}

func TestCheckTouch(t *testing.T) {
	// wed is in ISO week 10 of 2027, Monday 8 to Sunday 14 March.
	touch := func(k ActivityKind, at time.Time) func(l *Lead) {
		return func(l *Lead) { l.Activities = append(l.Activities, Activity{Kind: k, At: at}) }
	}
	consent := func(c Consent) func(l *Lead) { return func(l *Lead) { l.Consent = c } }
	stage := func(s Stage) func(l *Lead) { return func(l *Lead) { l.Stage = s } }
	tests := []struct {
		name   string
		setup  []func(l *Lead)
		kind   ActivityKind
		window string
		now    time.Time
		warn   string
		err    string
	}{
		{"a call needs no consent", []func(*Lead){consent(Consent{})}, KindCall, CadenceDay, wed, "", ""},
		{"a meeting after the hand-off is sales' own", []func(*Lead){stage(StageSQL)}, KindMeeting, CadenceDay, wed, "", ""},
		{"a second call today is no marketing", []func(*Lead){touch(KindCall, at(2027, 3, 10, 9, 0))}, KindCall, CadenceDay, wed, "", ""},
		{"opted in, first newsletter", nil, KindNewsletter, CadenceDay, wed, "", ""},
		{"double opt-in, email", []func(*Lead){consent(Consent{Status: ConsentDoubleOptIn})}, KindEmail, CadenceDay, wed, "", ""},

		{"no consent", []func(*Lead){consent(Consent{})}, KindNewsletter, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller has not opted in"},
		{"withdrawn", []func(*Lead){consent(Consent{Status: ConsentWithdrawn, Date: at(2026, 3, 12, 23, 30)})}, KindEmail, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller withdrew consent on 12.03.2026"},
		{"withdrawn, day in now's location", []func(*Lead){consent(Consent{Status: ConsentWithdrawn, Date: time.Date(2026, 3, 12, 23, 30, 0, 0, time.UTC)})}, KindEmail, CadenceDay, wed, "",
			"withdrew consent on 13.03.2026"},
		{"withdrawn, no date", []func(*Lead){consent(Consent{Status: ConsentWithdrawn})}, KindEmail, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller withdrew consent"},
		{"no name", []func(*Lead){consent(Consent{}), func(l *Lead) { l.Name = "" }}, KindEmail, CadenceDay, wed, "",
			"this lead has not opted in"},
		{"at SAL", []func(*Lead){stage(StageSAL)}, KindNewsletter, CadenceDay, wed, "",
			"marketing stops after the hand-off to sales: Jürgen Müller is at SAL"},
		{"at SQL", []func(*Lead){stage(StageSQL)}, KindEmail, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"at Opportunity", []func(*Lead){stage(StageOpportunity)}, KindEmail, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"at Customer", []func(*Lead){stage(StageCustomer)}, KindEmail, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"in nurturing marketing goes on", []func(*Lead){stage(StageNurture)}, KindNewsletter, CadenceDay, wed, "", ""},
		{"an inquiry may be marketed to", []func(*Lead){stage(StageInquiry)}, KindNewsletter, CadenceDay, wed, "", ""},
		{"consent is checked before the hand-off", []func(*Lead){stage(StageSQL), consent(Consent{})}, KindEmail, CadenceDay, wed, "",
			"has not opted in"},

		{"day: a newsletter this morning", []func(*Lead){touch(KindNewsletter, at(2027, 3, 10, 9, 12))}, KindNewsletter, CadenceDay, wed,
			"Jürgen Müller already had a newsletter today (09:12): send another?", ""},
		{"day: an email this morning, now a newsletter", []func(*Lead){touch(KindEmail, at(2027, 3, 10, 9, 12))}, KindNewsletter, CadenceDay, wed,
			"Jürgen Müller already had an email today (09:12): send a newsletter too?", ""},
		{"day: just after midnight here, still yesterday in UTC", []func(*Lead){touch(KindNewsletter, time.Date(2027, 3, 9, 23, 30, 0, 0, time.UTC))}, KindEmail, CadenceDay, wed,
			"Jürgen Müller already had a newsletter today (00:30): send an email too?", ""},
		{"day: the latest touch today is named", []func(*Lead){touch(KindEmail, at(2027, 3, 10, 8, 0)), touch(KindNewsletter, at(2027, 3, 10, 9, 0))}, KindNewsletter, CadenceDay, wed,
			"already had a newsletter today (09:00)", ""},
		{"day: yesterday evening is another day", []func(*Lead){touch(KindNewsletter, at(2027, 3, 9, 23, 59))}, KindNewsletter, CadenceDay, wed, "", ""},
		{"day is the default window", []func(*Lead){touch(KindNewsletter, at(2027, 3, 10, 9, 12))}, KindNewsletter, "", wed,
			"already had a newsletter today (09:12)", ""},
		{"week: Monday's newsletter", []func(*Lead){touch(KindNewsletter, at(2027, 3, 8, 9, 12))}, KindNewsletter, CadenceWeek, wed,
			"Jürgen Müller already had a newsletter this week (Mon 08.03. 09:12): send another?", ""},
		{"week: yesterday's is named, not Monday's", []func(*Lead){touch(KindNewsletter, at(2027, 3, 9, 7, 0)), touch(KindEmail, at(2027, 3, 8, 9, 0))}, KindEmail, CadenceWeek, wed,
			"already had a newsletter this week (Tue 09.03. 07:00): send an email too?", ""},
		{"week: last Sunday is last week", []func(*Lead){touch(KindNewsletter, at(2027, 3, 7, 20, 0))}, KindNewsletter, CadenceWeek, wed, "", ""},
		{"day: Monday's newsletter is another day", []func(*Lead){touch(KindNewsletter, at(2027, 3, 8, 9, 12))}, KindNewsletter, CadenceDay, wed, "", ""},
		{"week across the new year: ISO week 53 of 2026", []func(*Lead){touch(KindNewsletter, at(2026, 12, 28, 10, 0))}, KindNewsletter, CadenceWeek, at(2027, 1, 1, 12, 0),
			"already had a newsletter this week (Mon 28.12. 10:00)", ""},
		{"week: same week number, other year", []func(*Lead){touch(KindNewsletter, at(2026, 3, 4, 10, 0))}, KindNewsletter, CadenceWeek, wed, "", ""},
		{"unknown window", nil, KindNewsletter, "month", wed, "", `unknown cadence window "month"`},
	}
	for _, tt := range tests {
		l := jurgen()
		for _, f := range tt.setup {
			f(&l)
		}
		before := snapshot(t, &l)
		warn, err := l.CheckTouch(tt.kind, tt.window, tt.now)
		if !wantErr(t, tt.name, err, tt.err) && warn != "" {
			t.Errorf("%s: a warning beside the error: %q", tt.name, warn)
		}
		if tt.warn == "" && warn != "" || tt.warn != "" && !strings.Contains(warn, tt.warn) {
			t.Errorf("%s: warning %q, want %q", tt.name, warn, tt.warn)
		}
		if snapshot(t, &l) != before {
			t.Errorf("%s: CheckTouch changed the lead", tt.name)
		}
	}
}

func TestLogTouch(t *testing.T) {
	morning := at(2027, 3, 10, 9, 12)
	l := jurgen()
	want := jurgen()
	want.Updated = wed
	want.Activities = append(want.Activities, Activity{Kind: KindNewsletter, At: wed, Note: "März-Ausgabe", By: "anna"})
	if err := l.LogTouch(KindNewsletter, " März-Ausgabe ", false, CadenceDay, wed, "anna"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "first newsletter", l, want)

	sent := jurgen()
	sent.Activities = append(sent.Activities, Activity{Kind: KindNewsletter, At: morning})
	refused(t, "second newsletter today, unconfirmed", sent, "Jürgen Müller already had a newsletter today (09:12): send another?", func(l *Lead) error {
		err := l.LogTouch(KindNewsletter, "", false, CadenceDay, wed, "anna")
		if !errors.Is(err, ErrNeedsConfirmation) {
			t.Errorf("unconfirmed second newsletter: %v does not wrap ErrNeedsConfirmation", err)
		}
		return err
	})
	l = sent
	l.Activities = append([]Activity(nil), sent.Activities...)
	if err := l.LogTouch(KindNewsletter, "", true, CadenceDay, wed, "anna"); err != nil {
		t.Errorf("second newsletter today, confirmed: %v", err)
	}
	if n := len(l.Activities); n != 3 || l.Activities[2].Kind != KindNewsletter || !l.Updated.Equal(wed) {
		t.Errorf("second newsletter today, confirmed: %+v", l.Activities)
	}

	noConsent := jurgen()
	noConsent.Consent = Consent{}
	refused(t, "confirming does not replace consent", noConsent, "has not opted in", func(l *Lead) error {
		err := l.LogTouch(KindEmail, "", true, CadenceDay, wed, "anna")
		if errors.Is(err, ErrNeedsConfirmation) {
			t.Error("a refusal for want of consent asks for confirmation")
		}
		return err
	})
	sql := jurgen()
	sql.Stage = StageSQL
	refused(t, "newsletter after the hand-off", sql, "marketing stops after the hand-off to sales", func(l *Lead) error {
		return l.LogTouch(KindNewsletter, "", true, CadenceDay, wed, "anna")
	})
	refused(t, "a call is logged with its outcome", jurgen(), "log a call with its outcome", func(l *Lead) error {
		return l.LogTouch(KindCall, "", false, CadenceDay, wed, "anna")
	})
	refused(t, "a stage change is no touch", jurgen(), "a stage change is recorded by the change itself", func(l *Lead) error {
		return l.LogTouch(KindStageChange, "", false, CadenceDay, wed, "anna")
	})
	refused(t, "unknown kind", jurgen(), "unknown activity kind", func(l *Lead) error {
		return l.LogTouch(ActivityKind(99), "", false, CadenceDay, wed, "anna")
	})
	refused(t, "unknown window", jurgen(), "unknown cadence window", func(l *Lead) error {
		return l.LogTouch(KindEmail, "", false, "fortnight", wed, "anna")
	})

	l = noConsent
	l.Stage = StageSQL
	if err := l.LogTouch(KindMeeting, "Demo vor Ort", false, CadenceDay, wed, "anna"); err != nil {
		t.Errorf("a meeting at SQL without marketing consent: %v", err)
	}
}
