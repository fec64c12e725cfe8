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
		Stage:   StageMQL,
		Consent: Consent{Status: ConsentOptIn, Source: "Website form", Date: created},
		BANT:    BANT{RepEstimate: -1},
		History: []Event{{Kind: EventTouch, At: created, Touch: &Touch{Kind: KindDownload, Note: "Whitepaper Rüstzeiten", Funnel: FunnelConsideration}}},
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
	call := func(o CallOutcome, note string) Event {
		return Event{Kind: EventTouch, At: wed, By: "anna", Touch: &Touch{Kind: KindCall, Outcome: o, Note: note}}
	}
	callback := func(note string, at time.Time) Event {
		e := call(OutcomeCallback, note)
		e.Touch.Callback = at
		return e
	}
	tests := []struct {
		name     string
		setup    func(l *Lead)
		outcome  CallOutcome
		note     string
		callback time.Time
		want     func(l *Lead) // the changes expected besides Updated = wed
	}{
		{"reached", nil, OutcomeReached, " interessiert an Demo ", time.Time{}, func(l *Lead) {
			l.History = append(l.History, call(OutcomeReached, "interessiert an Demo"))
		}},
		{"a callback time goes only with the callback outcome", nil, OutcomeBusy, "", tomorrow2, func(l *Lead) {
			l.History = append(l.History, call(OutcomeBusy, ""))
		}},
		{"no answer keeps a callback that was due",
			func(l *Lead) { l.Callback = &Callback{At: wed.Add(-time.Hour), Note: "vormittags"} },
			OutcomeNoAnswer, "", time.Time{}, func(l *Lead) {
				l.History = append(l.History, call(OutcomeNoAnswer, ""))
			}},
		{"a wrong number keeps a callback that was due",
			func(l *Lead) { l.Callback = &Callback{At: wed.Add(-time.Hour), Note: "vormittags"} },
			OutcomeWrongNumber, "", time.Time{}, func(l *Lead) {
				l.History = append(l.History, call(OutcomeWrongNumber, ""))
			}},
		{"a callback due this very moment is settled by reaching the lead",
			func(l *Lead) { l.Callback = &Callback{At: wed} },
			OutcomeReached, "", time.Time{}, func(l *Lead) {
				l.Callback = nil
				l.History = append(l.History, call(OutcomeReached, ""))
			}},
		{"reaching the lead settles a callback still ahead too",
			func(l *Lead) { l.Callback = &Callback{At: tomorrow2, Note: "nach 14 Uhr"} },
			OutcomeReached, "", time.Time{}, func(l *Lead) {
				l.Callback = nil
				l.History = append(l.History, call(OutcomeReached, ""))
			}},
		{"busy keeps a callback still ahead",
			func(l *Lead) { l.Callback = &Callback{At: tomorrow2, Note: "nach 14 Uhr"} },
			OutcomeBusy, "", time.Time{}, func(l *Lead) {
				l.History = append(l.History, call(OutcomeBusy, ""))
			}},
		{"callback", nil, OutcomeCallback, "nach 14 Uhr", tomorrow2, func(l *Lead) {
			l.Callback = &Callback{At: tomorrow2, Note: "nach 14 Uhr"}
			l.History = append(l.History, callback("nach 14 Uhr", tomorrow2))
		}},
		{"callback replaces the one that was due",
			func(l *Lead) { l.Callback = &Callback{At: wed.Add(-time.Hour), Note: "alt"} },
			OutcomeCallback, "", tomorrow2, func(l *Lead) {
				l.Callback = &Callback{At: tomorrow2}
				l.History = append(l.History, callback("", tomorrow2))
			}},
		{"callback time given in UTC is kept as given", nil, OutcomeCallback, "", tomorrow2.UTC(), func(l *Lead) {
			l.Callback = &Callback{At: tomorrow2.UTC()}
			l.History = append(l.History, callback("", tomorrow2.UTC()))
		}},
		{"wrong number is one call and no extra note", nil, OutcomeWrongNumber, "Pizzeria", time.Time{}, func(l *Lead) {
			l.History = append(l.History, call(OutcomeWrongNumber, "Pizzeria"))
		}},
		{"wrong number without numbers on file",
			func(l *Lead) { l.Phone, l.Mobile = "", "" },
			OutcomeWrongNumber, "", time.Time{}, func(l *Lead) {
				l.History = append(l.History, call(OutcomeWrongNumber, ""))
			}},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		want := l
		want.History = append([]Event(nil), l.History...)
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

func TestLogCallKeepsTheCallbackUntilTheLeadIsReached(t *testing.T) {
	promised := at(2027, 3, 10, 9, 0) // due an hour before wed
	l := jurgen()
	l.Callback = &Callback{At: promised, Note: "vormittags"}
	for i, o := range []CallOutcome{OutcomeNoAnswer, OutcomeBusy, OutcomeWrongNumber} {
		if err := l.LogCall(o, "", time.Time{}, wed.Add(time.Duration(i)*time.Minute), "anna"); err != nil {
			t.Fatal(err)
		}
		if l.Callback == nil || !l.Callback.At.Equal(promised) || l.Callback.Note != "vormittags" {
			t.Fatalf("after %s the callback is %+v, want it kept", o, l.Callback)
		}
		if due := l.DueItems(); len(due) != 1 || due[0].What != DueCallback {
			t.Fatalf("after %s due %+v, want the callback", o, due)
		}
	}
	if err := l.LogCall(OutcomeReached, "", time.Time{}, wed.Add(time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if l.Callback != nil {
		t.Fatalf("reaching the lead left the callback %+v", l.Callback)
	}
	if n := len(l.History); n != 5 {
		t.Errorf("%d events, want the download and four calls", n)
	}
}

func TestSetFit(t *testing.T) {
	fit := func(from, to Fit, reason string) Event {
		return Event{Kind: EventFitSet, At: wed, By: "anna", Fit: &FitChange{From: from, To: to, Reason: reason}}
	}
	move := func(from, to Stage, reason string) Event {
		return Event{Kind: EventStageMoved, At: wed, By: "anna", Stage: &StageMove{From: from, To: to, Reason: reason}}
	}
	tests := []struct {
		name   string
		setup  func(l *Lead)
		fit    Fit
		reason string
		want   func(l *Lead)
	}{
		{"unrated to good", nil, FitGood, "", func(l *Lead) {
			l.Fit = FitGood
			l.History = append(l.History, fit(FitUnrated, FitGood, ""))
		}},
		{"good to low chance with a reason", func(l *Lead) { l.Fit = FitGood }, FitLow, " nur 8 Mitarbeiter ", func(l *Lead) {
			l.Fit, l.FitReason = FitLow, "nur 8 Mitarbeiter"
			l.History = append(l.History, fit(FitGood, FitLow, "nur 8 Mitarbeiter"))
		}},
		{"same fit, new reason", func(l *Lead) { l.Fit, l.FitReason = FitLow, "klein" }, FitLow, "zu klein", func(l *Lead) {
			l.FitReason = "zu klein"
			l.History = append(l.History, fit(FitLow, FitLow, "zu klein"))
		}},
		{"no fit disqualifies", func(l *Lead) { l.Fit, l.Stage = FitGood, StageSQL }, FitNone, "kein Budget", func(l *Lead) {
			l.Fit, l.FitReason, l.Stage = FitNone, "kein Budget", StageDisqualified
			l.History = append(l.History, fit(FitGood, FitNone, "kein Budget"), move(StageSQL, StageDisqualified, "kein Budget"))
		}},
		{"no fit loses an opportunity", func(l *Lead) { l.Fit, l.Stage = FitGood, StageOpportunity }, FitNone, "Wettbewerber gewählt", func(l *Lead) {
			l.Fit, l.FitReason, l.Stage = FitNone, "Wettbewerber gewählt", StageDisqualified
			l.History = append(l.History, fit(FitGood, FitNone, "Wettbewerber gewählt"), move(StageOpportunity, StageDisqualified, "Wettbewerber gewählt"))
		}},
		{"no fit for a lead already disqualified moves nothing", func(l *Lead) { l.Fit, l.Stage = FitLow, StageDisqualified }, FitNone, "B2C", func(l *Lead) {
			l.Fit, l.FitReason = FitNone, "B2C"
			l.History = append(l.History, fit(FitLow, FitNone, "B2C"))
		}},
		{"good fit again leaves a disqualified lead where it is", func(l *Lead) { l.Fit, l.FitReason, l.Stage = FitNone, "B2C", StageDisqualified }, FitGood, "doch B2B", func(l *Lead) {
			l.Fit, l.FitReason = FitGood, "doch B2B"
			l.History = append(l.History, fit(FitNone, FitGood, "doch B2B"))
		}},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		want := l
		want.History = append([]Event(nil), l.History...)
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
	refused(t, "no fit for a customer", customer, "Jürgen Müller cannot be rated no fit: cannot move from Customer to Disqualified: from Customer a lead may go to Opportunity", func(l *Lead) error {
		return l.SetFit(FitNone, "Insolvenz", wed, "anna")
	})
	refused(t, "the same fit again", good, "Jürgen Müller is already rated good fit", func(l *Lead) error {
		return l.SetFit(FitGood, "", wed, "anna")
	})
	refused(t, "unknown fit", good, "unknown fit", func(l *Lead) error { return l.SetFit(Fit(9), "x", wed, "anna") })
}

// eur is an amount of whole euros.
func eur(units int64) Money { return Money{Cents: units * 100, Currency: "EUR"} }

func TestSaveBANT(t *testing.T) {
	filled := func(l *Lead) {
		l.BANT = BANT{Budget: eur(50000), BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker,
			Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0),
			RepEstimate: 40, Updated: at(2027, 3, 1, 9, 0)}
	}
	type fc = FieldChange
	tests := []struct {
		name    string
		setup   func(l *Lead)
		in      func(b *BANT) // the form's answers, starting from the lead's
		want    BANT          // BANT after saving, Updated aside
		changes []FieldChange
	}{
		{"budget and authority; currency defaults to EUR", nil,
			func(b *BANT) {
				b.Budget, b.BudgetStatus, b.Authority = Money{Cents: 5_000_000}, BudgetConfirmed, AuthorityDecisionMaker
			},
			BANT{Budget: eur(50000), BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker, RepEstimate: -1},
			[]fc{{"budget_status", "not-asked", "confirmed"}, {"budget", "", "50000.00 EUR"}, {"authority", "unknown", "decision-maker"}}},
		{"estimated budget in another currency, authority with its role", nil,
			func(b *BANT) {
				b.Budget, b.BudgetStatus = Money{Cents: 8_000_000, Currency: " chf "}, BudgetEstimated
				b.Authority, b.AuthorityRole = AuthorityInfluencer, " Leiter Einkauf "
			},
			BANT{Budget: Money{Cents: 8_000_000, Currency: "CHF"}, BudgetStatus: BudgetEstimated, Authority: AuthorityInfluencer,
				AuthorityRole: "Leiter Einkauf", RepEstimate: -1},
			[]fc{{"budget_status", "not-asked", "estimated"}, {"budget", "", "80000.00 CHF"},
				{"authority", "unknown", "influencer"}, {"authority_role", "", "Leiter Einkauf"}}},
		{"a budget is kept to the cent", nil,
			func(b *BANT) { b.Budget, b.BudgetStatus = Money{Cents: 123456, Currency: "EUR"}, BudgetEstimated },
			BANT{Budget: Money{Cents: 123456, Currency: "EUR"}, BudgetStatus: BudgetEstimated, RepEstimate: -1},
			[]fc{{"budget_status", "not-asked", "estimated"}, {"budget", "", "1234.56 EUR"}}},
		{"no budget is an answer without an amount", nil,
			func(b *BANT) { b.BudgetStatus = BudgetNone },
			BANT{BudgetStatus: BudgetNone, RepEstimate: -1},
			[]fc{{"budget_status", "not-asked", "none"}}},
		{"no budget drops the amount that was there", filled,
			func(b *BANT) { b.BudgetStatus = BudgetNone },
			BANT{BudgetStatus: BudgetNone, Authority: AuthorityDecisionMaker,
				Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0), RepEstimate: 40},
			[]fc{{"budget_status", "confirmed", "none"}, {"budget", "50000.00 EUR", ""}}},
		{"a typed quarter gets its first day", nil,
			func(b *BANT) { b.Timeline = "q3/2027" },
			BANT{Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0), RepEstimate: -1},
			[]fc{{"timeline", "", "Q3 2027"}}},
		{"a typed date is normalised", nil,
			func(b *BANT) { b.Timeline = "15.03.2027" },
			BANT{Timeline: "2027-03-15", TimelineDate: at(2027, 3, 15, 0, 0), RepEstimate: -1},
			[]fc{{"timeline", "", "2027-03-15"}}},
		{"need with urgency, and the rep's estimate", nil,
			func(b *BANT) { b.Need, b.Urgency, b.RepEstimate = " Rüstzeiten halbieren ", UrgencyHigh, 40 },
			BANT{Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, RepEstimate: 40},
			[]fc{{"need", "", "Rüstzeiten halbieren"}, {"urgency", "", "high"}, {"rep_estimate", "", "40"}}},
		{"need without urgency", nil,
			func(b *BANT) { b.Need = "ERP ablösen" },
			BANT{Need: "ERP ablösen", RepEstimate: -1},
			[]fc{{"need", "", "ERP ablösen"}}},
		{"only the budget's status changes", filled,
			func(b *BANT) { b.BudgetStatus = BudgetEstimated },
			BANT{Budget: eur(50000), BudgetStatus: BudgetEstimated, Authority: AuthorityDecisionMaker,
				Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q3 2027", TimelineDate: at(2027, 7, 1, 0, 0), RepEstimate: 40},
			[]fc{{"budget_status", "confirmed", "estimated"}}},
		{"edited timeline text gets a new date, not the old one", filled,
			func(b *BANT) { b.Timeline = "Q4 2027" },
			BANT{Budget: eur(50000), BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker,
				Need: "Rüstzeiten halbieren", Urgency: UrgencyHigh, Timeline: "Q4 2027", TimelineDate: at(2027, 10, 1, 0, 0), RepEstimate: 40},
			[]fc{{"timeline", "Q3 2027", "Q4 2027"}}},
		{"an imported timeline that is no date is kept while other answers change",
			func(l *Lead) { l.BANT.Timeline = "nach der Messe" },
			func(b *BANT) { b.Need = "ERP ablösen" },
			BANT{Need: "ERP ablösen", Timeline: "nach der Messe", RepEstimate: -1},
			[]fc{{"need", "", "ERP ablösen"}}},
		{"everything removed; an amount left in a budget not asked about goes too", filled,
			func(b *BANT) { *b = BANT{Budget: eur(50000), RepEstimate: -1} },
			BANT{RepEstimate: -1},
			[]fc{{"budget_status", "confirmed", "not-asked"}, {"budget", "50000.00 EUR", ""}, {"authority", "decision-maker", "unknown"},
				{"need", "Rüstzeiten halbieren", ""}, {"urgency", "high", ""}, {"timeline", "Q3 2027", ""}, {"rep_estimate", "40", ""}}},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		b := l.BANT
		tt.in(&b)
		want := l
		want.BANT = tt.want
		want.BANT.Updated = wed
		want.Updated = wed
		want.History = append(append([]Event(nil), l.History...), Event{Kind: EventBANTChanged, At: wed, By: "anna", Changes: tt.changes})
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
		{"negative budget", func(b *BANT) { b.Budget.Cents = -1 }, "below zero"},
		{"confirmed budget without an amount", func(b *BANT) { b.Budget = Money{} }, "a confirmed budget needs an amount; or say there is no budget"},
		{"estimated budget without an amount", func(b *BANT) { b.Budget, b.BudgetStatus = Money{Currency: "EUR"}, BudgetEstimated }, "an estimated budget needs an amount"},
		{"unknown budget status", func(b *BANT) { b.BudgetStatus = BudgetStatus(9) }, "unknown budget status"},
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
		{"an amount nobody asked about is no answer", BANT{Budget: eur(1000)}, 0},
		{"no budget is an answer worth nothing", BANT{BudgetStatus: BudgetNone}, 5},
		{"budget estimated", BANT{Budget: eur(1000), BudgetStatus: BudgetEstimated}, 5 + 10},
		{"budget confirmed", BANT{Budget: eur(1000), BudgetStatus: BudgetConfirmed}, 5 + 20},
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
		{"all four at their best", BANT{Budget: eur(1), BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker,
			Need: "x", Urgency: UrgencyHigh, Timeline: "Q2 2027", TimelineDate: day(2027, 4, 1)}, 5 + 20 + 20 + 15 + 20},
		{"all four at their weakest", BANT{BudgetStatus: BudgetNone, Authority: AuthorityGatekeeper,
			Need: "x", Timeline: "2030", TimelineDate: day(2030, 1, 1)}, 5 + 0 + 5 + 5 + 5},
		{"all four, the budget estimated", BANT{Budget: eur(1), BudgetStatus: BudgetEstimated, Authority: AuthorityGatekeeper,
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
	want.History = append(want.History, Event{Kind: EventStageMoved, At: wed, By: "anna", Stage: &StageMove{From: StageMQL, To: StageSAL}})
	if err := l.Move(StageSAL, "", wed, "anna"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "MQL → SAL", l, want)

	later := wed.Add(time.Hour)
	want.Stage = StageNurture
	want.Updated = later
	want.History = append(want.History, Event{Kind: EventStageMoved, At: later, By: "ben", Stage: &StageMove{From: StageSAL, To: StageNurture, Reason: "kein Projekt vor 2028"}})
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
	noteEvent := func(k EventKind, when time.Time, old, new *NoteText) Event {
		return Event{Kind: k, At: when, By: "anna", Note: &NoteChange{Old: old, New: new}}
	}
	l := jurgen()
	if err := l.AddNote(Note{Kind: NoteTeamPage, URL: " https://mueller-mb.de/team ", Text: " Durchwahl -120 ", Updated: first}, first, "anna"); err != nil {
		t.Fatal(err)
	}
	want := jurgen()
	want.Updated = first
	want.Notes = []Note{{Kind: NoteTeamPage, URL: "https://mueller-mb.de/team", Text: "Durchwahl -120", Created: first}}
	team120 := &NoteText{Kind: NoteTeamPage, URL: "https://mueller-mb.de/team", Text: "Durchwahl -120"}
	want.History = append(want.History, noteEvent(EventNoteAdded, first, nil, team120))
	sameLead(t, "AddNote", l, want)

	if err := l.AddNote(Note{Kind: NoteNewsletter, Text: "abonniert"}, wed, "anna"); err != nil {
		t.Fatal(err)
	}
	want.Updated = wed
	want.Notes = append(want.Notes, Note{Kind: NoteNewsletter, Text: "abonniert", Created: wed})
	want.History = append(want.History, noteEvent(EventNoteAdded, wed, nil, &NoteText{Kind: NoteNewsletter, Text: "abonniert"}))
	sameLead(t, "AddNote without a link", l, want)

	refused(t, "AddNote without text", l, "a note needs text", func(l *Lead) error { return l.AddNote(Note{Text: " \t"}, wed, "anna") })
	refused(t, "AddNote with a bad link", l, "ftp://mueller-mb.de/team is not a web address", func(l *Lead) error {
		return l.AddNote(Note{Text: "Team", URL: "ftp://mueller-mb.de/team"}, wed, "anna")
	})

	edited := wed.Add(time.Hour)
	kept := l.Notes // a store may still hold the old slice
	if err := l.EditNote(0, Note{Kind: NoteTeamPage, URL: "www.mueller-mb.de/team", Text: "Durchwahl -121", Created: edited}, edited, "anna"); err != nil {
		t.Fatal(err)
	}
	want.Updated = edited
	want.Notes = []Note{
		{Kind: NoteTeamPage, URL: "www.mueller-mb.de/team", Text: "Durchwahl -121", Created: first, Updated: edited},
		{Kind: NoteNewsletter, Text: "abonniert", Created: wed},
	}
	team121 := &NoteText{Kind: NoteTeamPage, URL: "www.mueller-mb.de/team", Text: "Durchwahl -121"}
	want.History = append(want.History, noteEvent(EventNoteEdited, edited, team120, team121))
	sameLead(t, "EditNote keeps Created and records before and after", l, want)
	if kept[0].Text != "Durchwahl -120" {
		t.Errorf("EditNote changed the notes slice in place: %q", kept[0].Text)
	}

	before := snapshot(t, &l)
	if err := l.EditNote(0, Note{Kind: NoteTeamPage, URL: " www.mueller-mb.de/team", Text: "Durchwahl -121 "}, edited.Add(time.Hour), "ben"); !errors.Is(err, ErrNothingChanged) {
		t.Errorf("EditNote without a change: %v, want ErrNothingChanged", err)
	}
	if after := snapshot(t, &l); after != before {
		t.Errorf("EditNote without a change changed the lead\nbefore %s\nafter  %s", before, after)
	}

	for _, i := range []int{-1, 2} {
		refused(t, "EditNote out of range", l, "there is no note", func(l *Lead) error { return l.EditNote(i, Note{Text: "x"}, wed, "anna") })
		refused(t, "DeleteNote out of range", l, "there is no note", func(l *Lead) error { return l.DeleteNote(i, wed, "anna") })
	}
	refused(t, "EditNote without text", l, "a note needs text", func(l *Lead) error { return l.EditNote(1, Note{}, wed, "anna") })

	if err := l.AddNote(Note{Text: "Pressemitteilung", Kind: NotePress}, edited, "anna"); err != nil {
		t.Fatal(err)
	}
	kept = l.Notes
	deleted := edited.Add(2 * time.Hour)
	if err := l.DeleteNote(1, deleted, "ben"); err != nil {
		t.Fatal(err)
	}
	if len(l.Notes) != 2 || l.Notes[0].Text != "Durchwahl -121" || l.Notes[1].Text != "Pressemitteilung" {
		t.Errorf("DeleteNote(1) left %+v", l.Notes)
	}
	if kept[1].Text != "abonniert" {
		t.Errorf("DeleteNote changed the notes slice in place: %q", kept[1].Text)
	}
	last := l.History[len(l.History)-1]
	if wantDel := (Event{Kind: EventNoteDeleted, At: deleted, By: "ben", Note: &NoteChange{Old: &NoteText{Kind: NoteNewsletter, Text: "abonniert"}}}); !reflect.DeepEqual(last, wantDel) {
		t.Errorf("DeleteNote recorded %+v %+v, want what the note said", last, last.Note)
	}
	if !l.Updated.Equal(deleted) {
		t.Errorf("DeleteNote left Updated at %v", l.Updated)
	}
	if err := l.DeleteNote(1, deleted, "ben"); err != nil {
		t.Fatal(err)
	}
	if err := l.DeleteNote(0, deleted, "ben"); err != nil {
		t.Fatal(err)
	}
	if l.Notes != nil {
		t.Errorf("after deleting every note: %+v, want nil", l.Notes)
	}
	kinds := map[EventKind]int{}
	for _, e := range l.History {
		kinds[e.Kind]++
	}
	if kinds[EventNoteAdded] != 3 || kinds[EventNoteEdited] != 1 || kinds[EventNoteDeleted] != 3 {
		t.Errorf("note events %v, want 3 added, 1 edited, 3 deleted", kinds)
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
	}{
		{"opt-in without a date is dated now", none,
			Consent{Status: ConsentOptIn, Source: " Messe Hannover "},
			Consent{Status: ConsentOptIn, Source: "Messe Hannover", Date: wed}},
		{"double opt-in confirmed", jurgen(),
			Consent{Status: ConsentDoubleOptIn, Source: "Website form", Date: at(2027, 3, 2, 8, 0)},
			Consent{Status: ConsentDoubleOptIn, Source: "Website form", Date: at(2027, 3, 2, 8, 0)}},
		{"withdrawn on a given day", jurgen(),
			Consent{Status: ConsentWithdrawn, Date: at(2027, 3, 8, 17, 0)},
			Consent{Status: ConsentWithdrawn, Date: at(2027, 3, 8, 17, 0)}},
		{"withdrawn without a date is dated now", jurgen(),
			Consent{Status: ConsentWithdrawn, Source: "Anruf"},
			Consent{Status: ConsentWithdrawn, Source: "Anruf", Date: wed}},
		{"back to none needs no date", jurgen(),
			Consent{},
			Consent{}},
		{"a new source alone is a change", jurgen(),
			Consent{Status: ConsentOptIn, Source: "Messe", Date: jurgen().Consent.Date},
			Consent{Status: ConsentOptIn, Source: "Messe", Date: jurgen().Consent.Date}},
	}
	for _, tt := range tests {
		l := tt.from
		want := l
		want.Consent = tt.want
		want.Updated = wed
		want.History = append(append([]Event(nil), l.History...),
			Event{Kind: EventConsentChanged, At: wed, By: "anna", Consent: &ConsentChange{From: tt.from.Consent, To: tt.want}})
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
		return func(l *Lead) { l.History = append(l.History, touchAt(k, at)) }
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
		{"a rep's email needs no consent", []func(*Lead){consent(Consent{})}, KindEmail, CadenceDay, wed, "", ""},
		{"a rep's email to a withdrawn lead is sales contact", []func(*Lead){consent(Consent{Status: ConsentWithdrawn})}, KindEmail, CadenceDay, wed, "", ""},
		{"a letter needs no consent", []func(*Lead){consent(Consent{})}, KindLetter, CadenceDay, wed, "", ""},
		{"a meeting after the hand-off is sales' own", []func(*Lead){stage(StageSQL)}, KindMeeting, CadenceDay, wed, "", ""},
		{"a rep's email after the hand-off is sales' own", []func(*Lead){stage(StageSQL)}, KindEmail, CadenceDay, wed, "", ""},
		{"a second call today is no marketing", []func(*Lead){touch(KindCall, at(2027, 3, 10, 9, 0))}, KindCall, CadenceDay, wed, "", ""},
		{"a second rep's email today is no marketing", []func(*Lead){touch(KindEmail, at(2027, 3, 10, 9, 0))}, KindEmail, CadenceDay, wed, "", ""},
		{"opted in, first newsletter", nil, KindNewsletter, CadenceDay, wed, "", ""},
		{"double opt-in, campaign mail", []func(*Lead){consent(Consent{Status: ConsentDoubleOptIn})}, KindMailing, CadenceDay, wed, "", ""},

		{"no consent", []func(*Lead){consent(Consent{})}, KindNewsletter, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller has not opted in"},
		{"no consent, campaign mail", []func(*Lead){consent(Consent{})}, KindMailing, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller has not opted in"},
		{"withdrawn", []func(*Lead){consent(Consent{Status: ConsentWithdrawn, Date: at(2026, 3, 12, 23, 30)})}, KindMailing, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller withdrew consent on 12.03.2026"},
		{"withdrawn, day in now's location", []func(*Lead){consent(Consent{Status: ConsentWithdrawn, Date: time.Date(2026, 3, 12, 23, 30, 0, 0, time.UTC)})}, KindMailing, CadenceDay, wed, "",
			"withdrew consent on 13.03.2026"},
		{"withdrawn, no date", []func(*Lead){consent(Consent{Status: ConsentWithdrawn})}, KindMailing, CadenceDay, wed, "",
			"no marketing without consent: Jürgen Müller withdrew consent"},
		{"no name", []func(*Lead){consent(Consent{}), func(l *Lead) { l.Name = "" }}, KindMailing, CadenceDay, wed, "",
			"this lead has not opted in"},
		{"named by first and last name", []func(*Lead){consent(Consent{}), func(l *Lead) { l.Name, l.FirstName, l.LastName = "", "Jürgen", "Müller" }}, KindMailing, CadenceDay, wed, "",
			"Jürgen Müller has not opted in"},
		{"at SAL", []func(*Lead){stage(StageSAL)}, KindNewsletter, CadenceDay, wed, "",
			"marketing stops after the hand-off to sales: Jürgen Müller is at SAL"},
		{"at SQL", []func(*Lead){stage(StageSQL)}, KindMailing, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"at Opportunity", []func(*Lead){stage(StageOpportunity)}, KindMailing, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"at Customer", []func(*Lead){stage(StageCustomer)}, KindMailing, CadenceDay, wed, "", "marketing stops after the hand-off to sales"},
		{"in nurturing marketing goes on", []func(*Lead){stage(StageNurture)}, KindNewsletter, CadenceDay, wed, "", ""},
		{"an inquiry may be marketed to", []func(*Lead){stage(StageInquiry)}, KindNewsletter, CadenceDay, wed, "", ""},
		{"consent is checked before the hand-off", []func(*Lead){stage(StageSQL), consent(Consent{})}, KindMailing, CadenceDay, wed, "",
			"has not opted in"},

		{"day: a newsletter this morning", []func(*Lead){touch(KindNewsletter, at(2027, 3, 10, 9, 12))}, KindNewsletter, CadenceDay, wed,
			"Jürgen Müller already had a newsletter today (09:12): send another?", ""},
		{"day: a campaign mail this morning, now a newsletter", []func(*Lead){touch(KindMailing, at(2027, 3, 10, 9, 12))}, KindNewsletter, CadenceDay, wed,
			"Jürgen Müller already had a campaign mail today (09:12): send a newsletter too?", ""},
		{"day: a rep's email this morning does not count", []func(*Lead){touch(KindEmail, at(2027, 3, 10, 9, 12))}, KindNewsletter, CadenceDay, wed, "", ""},
		{"day: just after midnight here, still yesterday in UTC", []func(*Lead){touch(KindNewsletter, time.Date(2027, 3, 9, 23, 30, 0, 0, time.UTC))}, KindMailing, CadenceDay, wed,
			"Jürgen Müller already had a newsletter today (00:30): send a campaign mail too?", ""},
		{"day: the latest touch today is named", []func(*Lead){touch(KindMailing, at(2027, 3, 10, 8, 0)), touch(KindNewsletter, at(2027, 3, 10, 9, 0))}, KindNewsletter, CadenceDay, wed,
			"already had a newsletter today (09:00)", ""},
		{"day: the latest marketing is named, not a later call", []func(*Lead){touch(KindNewsletter, at(2027, 3, 10, 8, 0)), touch(KindCall, at(2027, 3, 10, 9, 0))}, KindNewsletter, CadenceDay, wed,
			"already had a newsletter today (08:00)", ""},
		{"day: yesterday evening is another day", []func(*Lead){touch(KindNewsletter, at(2027, 3, 9, 23, 59))}, KindNewsletter, CadenceDay, wed, "", ""},
		{"day is the default window", []func(*Lead){touch(KindNewsletter, at(2027, 3, 10, 9, 12))}, KindNewsletter, "", wed,
			"already had a newsletter today (09:12)", ""},
		{"week: Monday's newsletter", []func(*Lead){touch(KindNewsletter, at(2027, 3, 8, 9, 12))}, KindNewsletter, CadenceWeek, wed,
			"Jürgen Müller already had a newsletter this week (Mon 08.03. 09:12): send another?", ""},
		{"week: yesterday's is named, not Monday's", []func(*Lead){touch(KindNewsletter, at(2027, 3, 9, 7, 0)), touch(KindMailing, at(2027, 3, 8, 9, 0))}, KindMailing, CadenceWeek, wed,
			"already had a newsletter this week (Tue 09.03. 07:00): send a campaign mail too?", ""},
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

func TestMarketingKinds(t *testing.T) {
	for k := KindUnknown; k < numActivityKinds; k++ {
		want := k == KindNewsletter || k == KindMailing
		if got := k.IsMarketing(); got != want {
			t.Errorf("%s: IsMarketing %v, want %v", k, got, want)
		}
	}
}

func TestLogTouch(t *testing.T) {
	morning := at(2027, 3, 10, 9, 12)
	l := jurgen()
	want := jurgen()
	want.Updated = wed
	want.History = append(want.History, Event{Kind: EventTouch, At: wed, By: "anna", Touch: &Touch{Kind: KindNewsletter, Note: "März-Ausgabe"}})
	if err := l.LogTouch(KindNewsletter, " März-Ausgabe ", false, CadenceDay, wed, "anna"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "first newsletter", l, want)

	sent := jurgen()
	sent.History = append(sent.History, touchAt(KindNewsletter, morning))
	refused(t, "second newsletter today, unconfirmed", sent, "Jürgen Müller already had a newsletter today (09:12): send another?", func(l *Lead) error {
		err := l.LogTouch(KindNewsletter, "", false, CadenceDay, wed, "anna")
		if !errors.Is(err, ErrNeedsConfirmation) {
			t.Errorf("unconfirmed second newsletter: %v does not wrap ErrNeedsConfirmation", err)
		}
		return err
	})
	l = sent
	l.History = append([]Event(nil), sent.History...)
	if err := l.LogTouch(KindNewsletter, "", true, CadenceDay, wed, "anna"); err != nil {
		t.Errorf("second newsletter today, confirmed: %v", err)
	}
	if n := len(l.History); n != 3 || l.History[2].Touch == nil || l.History[2].Touch.Kind != KindNewsletter || !l.Updated.Equal(wed) {
		t.Errorf("second newsletter today, confirmed: %+v", l.History)
	}

	noConsent := jurgen()
	noConsent.Consent = Consent{}
	refused(t, "confirming does not replace consent", noConsent, "has not opted in", func(l *Lead) error {
		err := l.LogTouch(KindMailing, "", true, CadenceDay, wed, "anna")
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
	refused(t, "a touch of no kind", jurgen(), "unknown activity kind 0", func(l *Lead) error {
		return l.LogTouch(KindUnknown, "", false, CadenceDay, wed, "anna")
	})
	refused(t, "unknown kind", jurgen(), "unknown activity kind", func(l *Lead) error {
		return l.LogTouch(ActivityKind(99), "", false, CadenceDay, wed, "anna")
	})
	refused(t, "the first kind past the last", jurgen(), "unknown activity kind", func(l *Lead) error {
		return l.LogTouch(numActivityKinds, "", false, CadenceDay, wed, "anna")
	})
	refused(t, "unknown window", jurgen(), "unknown cadence window", func(l *Lead) error {
		return l.LogTouch(KindNewsletter, "", false, "fortnight", wed, "anna")
	})

	l = noConsent
	l.Stage = StageSQL
	if err := l.LogTouch(KindMeeting, "Demo vor Ort", false, CadenceDay, wed, "anna"); err != nil {
		t.Errorf("a meeting at SQL without marketing consent: %v", err)
	}
	l = noConsent
	l.History = append([]Event(nil), noConsent.History...)
	if err := l.LogTouch(KindEmail, " Angebot geschickt ", false, CadenceDay, wed, "anna"); err != nil {
		t.Fatalf("a rep's email without marketing consent: %v", err)
	}
	if e := l.History[len(l.History)-1]; e.Kind != EventTouch || e.Touch.Kind != KindEmail || e.Touch.Note != "Angebot geschickt" || e.By != "anna" {
		t.Errorf("a rep's email recorded as %+v %+v", e, e.Touch)
	}
}

func TestLogRemark(t *testing.T) {
	l := jurgen()
	want := jurgen()
	want.Updated = wed
	want.History = append(want.History, Event{Kind: EventRemark, At: wed, By: "anna", Text: "Zentrale: bis Montag im Urlaub"})
	if err := l.LogRemark("  Zentrale: bis Montag im Urlaub ", wed, "anna"); err != nil {
		t.Fatal(err)
	}
	sameLead(t, "LogRemark", l, want)
	if j := jurgen(); !l.LastTouch().Equal(j.LastTouch()) {
		t.Errorf("a remark counts as a touch: last touch %v", l.LastTouch())
	}
	refused(t, "a remark without text", jurgen(), "a remark needs text", func(l *Lead) error { return l.LogRemark(" \n ", wed, "anna") })
}

func TestEditContact(t *testing.T) {
	edited := func(changes ...FieldChange) Event {
		return Event{Kind: EventContactEdited, At: wed, By: "anna", Changes: changes}
	}
	withCRM := func(l *Lead) { l.Custom = map[string]string{"crm_id": "SF-100"} }
	tests := []struct {
		name  string
		setup func(l *Lead)
		edit  func(c *Lead)
		want  func(l *Lead) // the changes expected besides Updated = wed and the event
		event Event
	}{
		{"phone and city, in form order", nil,
			func(c *Lead) { c.Company.City, c.Phone = "München", "+49 89 7654321" },
			func(l *Lead) { l.Phone, l.Company.City = "+49 89 7654321", "München" },
			edited(FieldChange{"phone", "+49 89 1234567", "+49 89 7654321"}, FieldChange{"city", "", "München"})},
		{"a number field in machine form", nil,
			func(c *Lead) { c.Company.Employees, c.Company.Street = 250, "Landsberger Str. 1" },
			func(l *Lead) { l.Company.Employees, l.Company.Street = 250, "Landsberger Str. 1" },
			edited(FieldChange{"employees", "", "250"}, FieldChange{"street", "", "Landsberger Str. 1"})},
		{"split name and salutation", nil,
			func(c *Lead) { c.Salutation, c.FirstName, c.LastName = "Herr", "Jürgen", "Müller" },
			func(l *Lead) { l.Salutation, l.FirstName, l.LastName = "Herr", "Jürgen", "Müller" },
			edited(FieldChange{"salutation", "", "Herr"}, FieldChange{"first_name", "", "Jürgen"}, FieldChange{"last_name", "", "Müller"})},
		{"the display name may come from first and last name", nil,
			func(c *Lead) { c.Name, c.FirstName, c.LastName = "", "Jürgen", "Müller" },
			func(l *Lead) { l.Name, l.FirstName, l.LastName = "", "Jürgen", "Müller" },
			edited(FieldChange{"first_name", "", "Jürgen"}, FieldChange{"last_name", "", "Müller"}, FieldChange{"name", "Jürgen Müller", ""})},
		{"a custom field added", nil,
			func(c *Lead) { c.Custom = map[string]string{"messestand": "Halle 3, Stand B12"} },
			func(l *Lead) { l.Custom = map[string]string{"messestand": "Halle 3, Stand B12"} },
			edited(FieldChange{"custom.messestand", "", "Halle 3, Stand B12"})},
		{"a custom field changed, after the contact fields", withCRM,
			func(c *Lead) { c.Custom["crm_id"], c.Title = "SF-200", "Geschäftsführer" },
			func(l *Lead) { l.Custom, l.Title = map[string]string{"crm_id": "SF-200"}, "Geschäftsführer" },
			edited(FieldChange{"title", "", "Geschäftsführer"}, FieldChange{"custom.crm_id", "SF-100", "SF-200"})},
		{"a custom field removed", withCRM,
			func(c *Lead) { delete(c.Custom, "crm_id") },
			func(l *Lead) { l.Custom = nil },
			edited(FieldChange{"custom.crm_id", "SF-100", ""})},
		{"only contact fields are edited", nil,
			func(c *Lead) { c.Stage, c.Fit, c.Mobile = StageCustomer, FitGood, "" },
			func(l *Lead) { l.Mobile = "" },
			edited(FieldChange{"mobile", "0171 1234567", ""})},
	}
	for _, tt := range tests {
		l := jurgen()
		if tt.setup != nil {
			tt.setup(&l)
		}
		want := l
		want.Custom = cloneMap(l.Custom)
		tt.want(&want)
		want.Updated = wed
		want.History = append(append([]Event(nil), l.History...), tt.event)
		if err := l.EditContact(func(c *Lead) error { tt.edit(c); return nil }, wed, "anna"); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		sameLead(t, tt.name, l, want)
	}

	refused(t, "an edit that changes nothing", jurgen(), "nothing changed", func(l *Lead) error {
		err := l.EditContact(func(c *Lead) error { c.Phone = c.Phone + ""; return nil }, wed, "anna")
		if !errors.Is(err, ErrNothingChanged) {
			t.Errorf("an edit that changes nothing: %v is not ErrNothingChanged", err)
		}
		return err
	})
	crm := jurgen()
	withCRM(&crm)
	refused(t, "the edit's own error, custom fields kept", crm, "abgebrochen", func(l *Lead) error {
		return l.EditContact(func(c *Lead) error {
			c.Custom["crm_id"], c.Phone = "SF-999", "+49 30 1"
			return errors.New("abgebrochen")
		}, wed, "anna")
	})
	refused(t, "an implausible email", jurgen(), "email:", func(l *Lead) error {
		return l.EditContact(func(c *Lead) error { c.Email = "juergen.mueller"; return nil }, wed, "anna")
	})
	refused(t, "a lead without a name", jurgen(), "name: a lead needs a name", func(l *Lead) error {
		return l.EditContact(func(c *Lead) error { c.Name = " "; return nil }, wed, "anna")
	})
	refused(t, "a lead without a company", jurgen(), "company: a lead needs a company", func(l *Lead) error {
		return l.EditContact(func(c *Lead) error { c.Company.Name = ""; return nil }, wed, "anna")
	})
	refused(t, "a country written out", jurgen(), "Deutschland is kept as its ISO code DE", func(l *Lead) error {
		return l.EditContact(func(c *Lead) error { c.Company.Country = "Deutschland"; return nil }, wed, "anna")
	})
}

func TestEditPlan(t *testing.T) {
	sql := jurgen()
	sql.Stage, sql.Owner = StageSQL, "Anna Becker"
	addMilestone := func(name string) func(p *OpportunityPlan) error {
		return func(p *OpportunityPlan) error { return p.AddMilestone(Milestone{Name: name}) }
	}
	what := PlanChange{Section: "milestones", Action: PlanAdded, Item: "Angebot"}

	l := sql
	if err := l.EditPlan(what, addMilestone("Angebot"), wed, "anna"); err != nil {
		t.Fatal(err)
	}
	want := sql
	want.Plan = NewPlanFromLead(&sql)
	want.Plan.Milestones = []Milestone{{Name: "Angebot"}}
	want.Plan.Updated = wed
	want.Updated = wed
	want.History = append(append([]Event(nil), sql.History...),
		Event{Kind: EventPlanChanged, At: wed, By: "anna", Plan: &PlanChange{Action: PlanStarted}},
		Event{Kind: EventPlanChanged, At: wed, By: "anna", Plan: &what})
	sameLead(t, "the first edit starts the plan from the lead", l, want)

	later := wed.Add(time.Hour)
	kept := l.Plan
	second := PlanChange{Section: "summary", Action: PlanEdited, Field: "project"}
	if err := l.EditPlan(second, func(p *OpportunityPlan) error { p.Summary.Project = "ERP-Ablösung"; return nil }, later, "ben"); err != nil {
		t.Fatal(err)
	}
	if l.Plan.Summary.Project != "ERP-Ablösung" || !l.Plan.Updated.Equal(later) || !l.Updated.Equal(later) {
		t.Errorf("second edit: plan %+v, updated %v", l.Plan, l.Updated)
	}
	if kept.Summary.Project != "" {
		t.Error("EditPlan changed the plan a store may still hold")
	}
	if n := len(l.History); n != len(sql.History)+3 || !reflect.DeepEqual(l.History[n-1], Event{Kind: EventPlanChanged, At: later, By: "ben", Plan: &second}) {
		t.Errorf("second edit recorded %+v", l.History[len(l.History)-1])
	}

	refused(t, "the edit's own error", sql, "there is no milestone 3", func(l *Lead) error {
		return l.EditPlan(what, func(p *OpportunityPlan) error { return p.DeleteMilestone(2) }, wed, "anna")
	})
	refused(t, "an edit that leaves the plan invalid", l, "needs a name", func(l *Lead) error {
		return l.EditPlan(what, func(p *OpportunityPlan) error {
			p.Milestones = append(p.Milestones, Milestone{Name: " "})
			return nil
		}, wed, "anna")
	})
}

func TestSetFollowUp(t *testing.T) {
	nextWeek := at(2027, 3, 17, 9, 0)
	l := jurgen()
	if err := l.SetFollowUp(nextWeek, wed, "anna"); err != nil {
		t.Fatal(err)
	}
	want := jurgen()
	want.NextTouch, want.Updated = nextWeek, wed
	want.History = append(want.History, Event{Kind: EventFollowUpSet, At: wed, By: "anna", Schedule: &ScheduleChange{New: nextWeek}})
	sameLead(t, "set", l, want)
	if due := l.DueItems(); len(due) != 1 || due[0].What != DueFollowUp || !due[0].At.Equal(nextWeek) {
		t.Errorf("due after setting the follow-up: %+v", due)
	}

	moved := nextWeek.AddDate(0, 0, 7)
	later := wed.Add(time.Hour)
	if err := l.SetFollowUp(moved, later, "ben"); err != nil {
		t.Fatal(err)
	}
	want.NextTouch, want.Updated = moved, later
	want.History = append(want.History, Event{Kind: EventFollowUpSet, At: later, By: "ben", Schedule: &ScheduleChange{Old: nextWeek, New: moved}})
	sameLead(t, "moved", l, want)

	refused(t, "the same time again", l, "nothing changed", func(l *Lead) error {
		err := l.SetFollowUp(moved, later, "ben")
		if !errors.Is(err, ErrNothingChanged) {
			t.Errorf("the same time again: %v is not ErrNothingChanged", err)
		}
		return err
	})
	refused(t, "in the past", l, "the follow-up at 10.03.2027 10:14 is not in the future", func(l *Lead) error {
		return l.SetFollowUp(wed.Add(-time.Minute), wed, "anna")
	})
	refused(t, "now", l, "is not in the future", func(l *Lead) error { return l.SetFollowUp(wed, wed, "anna") })

	if err := l.SetFollowUp(time.Time{}, later, "ben"); err != nil {
		t.Fatal(err)
	}
	want.NextTouch = time.Time{}
	want.History = append(want.History, Event{Kind: EventFollowUpSet, At: later, By: "ben", Schedule: &ScheduleChange{Old: moved}})
	sameLead(t, "cleared", l, want)
	refused(t, "clearing what is clear", l, "nothing changed", func(l *Lead) error { return l.SetFollowUp(time.Time{}, later, "ben") })
}

func TestATouchClearsTheFollowUp(t *testing.T) {
	for name, touch := range map[string]func(l *Lead) error{
		"meeting": func(l *Lead) error { return l.LogTouch(KindMeeting, "vor Ort", false, CadenceDay, testNow, "anna") },
		"reached": func(l *Lead) error { return l.LogCall(OutcomeReached, "", time.Time{}, testNow, "anna") },
	} {
		l := &Lead{Stage: StageNurture, NextTouch: testNow.Add(48 * time.Hour)}
		if err := touch(l); err != nil {
			t.Fatal(err)
		}
		if !l.NextTouch.IsZero() {
			t.Errorf("%s: the follow-up is still set", name)
		}
		if e := l.History[len(l.History)-1]; e.Kind != EventFollowUpSet || e.Schedule.New.IsZero() == false {
			t.Errorf("%s: no event for the cleared follow-up: %+v", name, e)
		}
	}
	l := &Lead{Stage: StageNurture, NextTouch: testNow.Add(48 * time.Hour)}
	if err := l.LogCall(OutcomeNoAnswer, "", time.Time{}, testNow, "anna"); err != nil || l.NextTouch.IsZero() {
		t.Errorf("a call nobody took cleared the follow-up: %v", err)
	}
}

func TestMoveCallback(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	l := &Lead{Name: "Anna", Callback: &Callback{At: now.Add(-time.Hour), Note: "nach 9"}}
	if err := l.LogCall(OutcomeNoAnswer, "", time.Time{}, now, "ben"); err != nil || l.Callback == nil {
		t.Fatalf("no answer: %v, callback %+v", err, l.Callback)
	}
	if err := l.MoveCallback(now.Add(-time.Minute), now, "ben"); err == nil {
		t.Fatal("a callback moved into the past")
	}
	at := now.Add(2 * time.Hour)
	if err := l.MoveCallback(at, now, "ben"); err != nil || !l.Callback.At.Equal(at) || l.Callback.Note != "nach 9" {
		t.Fatalf("moved: %v, %+v", err, l.Callback)
	}
	e := l.History[len(l.History)-1]
	if e.Kind != EventCallbackChanged || !e.Schedule.Old.Equal(now.Add(-time.Hour)) || !e.Schedule.New.Equal(at) {
		t.Fatalf("event %+v", e)
	}
	if err := (&Lead{}).MoveCallback(at, now, "ben"); err == nil {
		t.Fatal("moved a callback that is not there")
	}
}
