package domain

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// lifecycle is the expected table, written out from the product brief:
// '+' allowed, 'r' allowed with a reason, '.' refused. Rows are from,
// columns to, both in Stages order:
// Inquiry, MQL, SAL, SQL, Opportunity, Customer, Nurture, Disqualified.
var lifecycle = map[Stage]string{
	StageInquiry:      ".++...++",
	StageMQL:          "..+...++",
	StageSAL:          "...+..r+",
	StageSQL:          "..r.+.r+",
	StageOpportunity:  "..rr.+rr",
	StageCustomer:     "....r...",
	StageNurture:      ".++....+",
	StageDisqualified: "r.....r.",
}

func TestEveryStageMove(t *testing.T) {
	if len(Stages) != 8 {
		t.Fatalf("the table below covers 8 stages, there are %d", len(Stages))
	}
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	for _, from := range Stages {
		for j, to := range Stages {
			want := lifecycle[from][j]
			name := from.Label() + "→" + to.Label()

			allowed, needsReason := MoveNeedsReason(from, to)
			if allowed != (want != '.') || needsReason != (want == 'r') {
				t.Errorf("%s: MoveNeedsReason = %v, %v; table says %c", name, allowed, needsReason, want)
			}
			if got := containsStage(AllowedMoves(from), to); got != (want != '.') {
				t.Errorf("%s: in AllowedMoves = %v; table says %c", name, got, want)
			}

			l := Lead{Stage: from}
			err := l.Move(to, "", at, "anna")
			switch want {
			case '+':
				if err != nil {
					t.Errorf("%s: refused: %v", name, err)
					continue
				}
				wantHist := []Event{{Kind: EventStageMoved, At: at, By: "anna", Stage: &StageMove{From: from, To: to}}}
				if l.Stage != to || !l.Updated.Equal(at) || !reflect.DeepEqual(l.History, wantHist) {
					t.Errorf("%s: lead after move %+v", name, l)
				}
			case 'r':
				if !errors.Is(err, ErrReasonRequired) {
					t.Errorf("%s without a reason: got %v, want ErrReasonRequired", name, err)
				}
				if err := l.Move(to, "  \t", at, "anna"); !errors.Is(err, ErrReasonRequired) {
					t.Errorf("%s with a blank reason: got %v, want ErrReasonRequired", name, err)
				}
				if l.Stage != from || len(l.History) != 0 {
					t.Errorf("%s: a refused move changed the lead: %+v", name, l)
				}
				if err := l.Move(to, "  Budget gestrichen ", at, "anna"); err != nil {
					t.Errorf("%s with a reason: refused: %v", name, err)
					continue
				}
				wantHist := []Event{{Kind: EventStageMoved, At: at, By: "anna", Stage: &StageMove{From: from, To: to, Reason: "Budget gestrichen"}}}
				if l.Stage != to || !reflect.DeepEqual(l.History, wantHist) {
					t.Errorf("%s: lead after move %+v", name, l)
				}
			case '.':
				if err == nil {
					t.Errorf("%s: allowed, the table refuses it", name)
					continue
				}
				if errors.Is(err, ErrReasonRequired) {
					t.Errorf("%s: refused as needing a reason, but no reason makes it allowed", name)
				}
				if err := l.Move(to, "a reason does not help", at, "anna"); err == nil {
					t.Errorf("%s: allowed with a reason", name)
				}
				if l.Stage != from || len(l.History) != 0 || !l.Updated.IsZero() {
					t.Errorf("%s: a refused move changed the lead: %+v", name, l)
				}
				if !strings.Contains(err.Error(), from.Label()) {
					t.Errorf("%s: %q does not say where the lead is", name, err)
				}
			}
		}
	}
}

func containsStage(list []Stage, s Stage) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRefusedMovesSayWhy(t *testing.T) {
	tests := []struct {
		from, to Stage
		want     string
	}{
		{StageInquiry, StageCustomer, "cannot move from Inquiry to Customer: from Inquiry a lead may go to MQL, SAL, Nurture, Disqualified"},
		{StageNurture, StageSQL, "cannot move from Nurture to SQL: from Nurture a lead may go to MQL, SAL, Disqualified"},
		{StageCustomer, StageOpportunity, "moving from Customer to Opportunity is a correction: this move needs a reason"},
		{StageSQL, StageSQL, "the lead is already at SQL"},
		{StageOpportunity, StageSQL, "moving from Opportunity to SQL is a demotion: this move needs a reason"},
		{StageSAL, StageNurture, "moving from SAL to Nurture is a sales rejection: this move needs a reason"},
		{StageOpportunity, StageDisqualified, "moving from Opportunity to Disqualified is a lost deal: this move needs a reason"},
		{StageSQL, StageSAL, "moving from SQL to SAL is a step back to qualification: this move needs a reason"},
		{StageSQL, StageNurture, "moving from SQL to Nurture is a step back to nurturing: this move needs a reason"},
		{StageDisqualified, StageInquiry, "moving from Disqualified to Inquiry is a requalification: this move needs a reason"},
	}
	for _, tt := range tests {
		err := CheckMove(tt.from, tt.to, "")
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s→%s: got %v, want %q", tt.from, tt.to, err, tt.want)
		}
	}
}

func TestMoveAppendsHistory(t *testing.T) {
	t0 := time.Date(2025, 1, 6, 8, 0, 0, 0, time.UTC)
	l := Lead{}
	steps := []struct {
		to     Stage
		reason string
	}{
		{StageMQL, ""},
		{StageSAL, ""},
		{StageSQL, ""},
		{StageOpportunity, ""},
		{StageSAL, "kein Budget vor 2026"},
		{StageSQL, ""},
	}
	for i, s := range steps {
		if err := l.Move(s.to, s.reason, t0.Add(time.Duration(i)*time.Hour), "bert"); err != nil {
			t.Fatalf("step %d to %s: %v", i, s.to, err)
		}
	}
	if len(l.History) != len(steps) || len(l.StageMoves()) != len(steps) {
		t.Fatalf("history has %d events, %d moves, want %d", len(l.History), len(l.StageMoves()), len(steps))
	}
	from := StageInquiry
	for i, e := range l.History {
		m := e.Stage
		if e.Kind != EventStageMoved || m == nil || m.From != from || m.To != steps[i].to || m.Reason != steps[i].reason ||
			!e.At.Equal(t0.Add(time.Duration(i)*time.Hour)) || e.By != "bert" {
			t.Errorf("move %d: %+v %+v", i, e, m)
			continue
		}
		from = m.To
	}
	if l.Stage != StageSQL {
		t.Errorf("lead at %s, want SQL", l.Stage)
	}
}

func TestForwardMove(t *testing.T) {
	for from, want := range map[Stage]Stage{StageInquiry: StageMQL, StageMQL: StageSAL, StageSAL: StageSQL, StageSQL: StageOpportunity,
		StageOpportunity: StageCustomer, StageNurture: StageMQL} {
		if got, ok := ForwardMove(from); !ok || got != want {
			t.Errorf("ForwardMove(%s) = %s %v, want %s", from, got, ok, want)
		}
	}
	for _, from := range []Stage{StageCustomer, StageDisqualified} {
		if got, ok := ForwardMove(from); ok {
			t.Errorf("ForwardMove(%s) = %s, want none", from, got)
		}
	}
}

func TestCustomerCanBeCorrectedWithAReason(t *testing.T) {
	if err := CheckMove(StageCustomer, StageOpportunity, ""); !errors.Is(err, ErrReasonRequired) {
		t.Fatalf("a correction without a reason: %v", err)
	}
	l := &Lead{Stage: StageCustomer}
	if err := l.Move(StageOpportunity, "Vertrag nicht unterschrieben", testNow, "anna"); err != nil || l.Stage != StageOpportunity {
		t.Fatalf("%v, stage %s", err, l.Stage)
	}
	if e := l.History[len(l.History)-1]; e.Stage.Reason != "Vertrag nicht unterschrieben" {
		t.Fatalf("history %+v", e)
	}
	if !EndsQueue(StageCustomer) || !EndsQueue(StageDisqualified) || EndsQueue(StageSQL) {
		t.Fatal("EndsQueue")
	}
}

var testNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
