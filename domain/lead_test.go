package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLastTouch(t *testing.T) {
	created := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return created.Add(time.Duration(n) * time.Hour) }
	tests := []struct {
		name string
		acts []Activity
		want time.Time
	}{
		{"untouched: waiting since creation", nil, created},
		{"a call", []Activity{{Kind: KindCall, At: h(5)}}, h(5)},
		{"the newest touch, whatever the order", []Activity{{Kind: KindEmail, At: h(9)}, {Kind: KindDownload, At: h(3)}}, h(9)},
		{"bookkeeping is no touch", []Activity{
			{Kind: KindCall, At: h(2)},
			{Kind: KindNote, At: h(4)},
			{Kind: KindStageChange, At: h(5)},
			{Kind: KindFitChange, At: h(6)},
			{Kind: KindBANTUpdate, At: h(7)},
		}, h(2)},
		{"a touch before creation (imported history) leaves creation", []Activity{{Kind: KindMeeting, At: h(-48)}}, created},
	}
	for _, tt := range tests {
		l := Lead{Created: created, Activities: tt.acts}
		if got := l.LastTouch(); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestInQueue(t *testing.T) {
	tests := []struct {
		fit   Fit
		stage Stage
		want  bool
	}{
		{FitUnrated, StageInquiry, true},
		{FitGood, StageOpportunity, true},
		{FitLow, StageNurture, true}, // behind better leads, but still queued
		{FitNone, StageInquiry, false},
		{FitNone, StageSQL, false},
		{FitGood, StageDisqualified, false},
		{FitGood, StageCustomer, false},
	}
	for _, tt := range tests {
		l := Lead{Fit: tt.fit, Stage: tt.stage}
		if got := l.InQueue(); got != tt.want {
			t.Errorf("%s at %s: InQueue %v, want %v", tt.fit, tt.stage, got, tt.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	l := Lead{
		Name:    "Jürgen MÜLLER",
		Email:   "J.Mueller@Example.DE",
		Phone:   "+49 (89) 123-45",
		Mobile:  "0171 / 987 65",
		Title:   "Einkaufsleiter", // not searched
		Company: Company{Name: "Bäckerei Schmidt GmbH", City: "München"},
	}
	s := l.SearchText()
	for _, want := range []string{"jürgen müller", "bäckerei schmidt gmbh", "j.mueller@example.de", "münchen", "498912345", "017198765"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q does not contain %q", s, want)
		}
	}
	for _, not := range []string{"+49", "(89)", "einkauf", "müllerbäckerei"} {
		if strings.Contains(s, not) {
			t.Errorf("%q contains %q", s, not)
		}
	}
	if s != strings.ToLower(s) {
		t.Errorf("%q is not lower case", s)
	}
}

func TestDueItems(t *testing.T) {
	t0 := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	l := Lead{
		Callback:  &Callback{At: t0.Add(2 * time.Hour), Note: "nach der Messe"},
		NextTouch: t0.Add(time.Hour),
		Plan: &OpportunityPlan{Milestones: []Milestone{
			{Name: "Angebot", Due: t0.Add(72 * time.Hour)},
			{Name: "Kick-off", Due: t0.Add(-time.Hour), Done: true},
			{Name: "Rechtsprüfung"}, // no date yet
			{Name: "Bedarfsanalyse", Due: t0.Add(-24 * time.Hour)},
		}},
	}
	want := []Due{
		{At: t0.Add(-24 * time.Hour), What: "milestone", Note: "Bedarfsanalyse"},
		{At: t0.Add(time.Hour), What: "follow-up"},
		{At: t0.Add(2 * time.Hour), What: "callback", Note: "nach der Messe"},
		{At: t0.Add(72 * time.Hour), What: "milestone", Note: "Angebot"},
	}
	if got := l.DueItems(); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	empty := Lead{Callback: &Callback{}}
	if got := empty.DueItems(); len(got) != 0 {
		t.Errorf("nothing is due, got %+v", got)
	}
}
