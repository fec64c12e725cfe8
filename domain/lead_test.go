package domain

import (
	"reflect"
	"testing"
	"time"
)

func TestLastTouch(t *testing.T) {
	created := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return created.Add(time.Duration(n) * time.Hour) }
	tests := []struct {
		name   string
		events []Event
		want   time.Time
	}{
		{"untouched: waiting since creation", nil, created},
		{"a call", []Event{touchAt(KindCall, h(5))}, h(5)},
		{"the newest touch, whatever the order", []Event{touchAt(KindEmail, h(9)), touchAt(KindDownload, h(3))}, h(9)},
		{"bookkeeping is no touch", append([]Event{touchAt(KindCall, h(2))}, bookkeeping(h(4))...), h(2)},
		{"a touch before creation (imported history) leaves creation", []Event{touchAt(KindMeeting, h(-48))}, created},
	}
	for _, tt := range tests {
		l := Lead{Created: created, History: tt.events}
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

func TestSearchWords(t *testing.T) {
	l := Lead{
		Name:    "Jürgen MÜLLER",
		Email:   "J.Mueller@Example.DE",
		Phone:   "+49 (89) 123-45",
		Mobile:  "0171 / 987 65",
		Title:   "Einkaufsleiter", // not searched
		Company: Company{Name: "Bäckerei Schmidt GmbH", City: "München"},
	}
	got := SearchWords(&l, "DE")
	want := []string{"jurgen", "muller", "backerei", "schmidt", "gmbh", "munchen", "j", "example", "de", "498912345", "4917198765"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SearchWords = %q\nwant          %q", got, want)
	}
	seen := map[string]bool{}
	for _, w := range got {
		if seen[w] {
			t.Errorf("%q twice in %q", w, got)
		}
		seen[w] = true
		if w != Fold(w) {
			t.Errorf("%q is not folded", w)
		}
	}
	for _, not := range []string{"einkaufsleiter", "+49", "(89)", "0171", "müller"} {
		if seen[not] {
			t.Errorf("%q is a search word", not)
		}
	}
}

func TestSearchWordsReadPhonesInTheLeadsCountry(t *testing.T) {
	for _, tt := range []struct {
		name, phone, country, def, want string
	}{
		{"the lead's own country", "01 234567", "AT", "DE", "431234567"},
		{"the lead's own country before the default", "044 668 18 00", "CH", "DE", "41446681800"},
		{"the default for a lead without one", "01 234567", "", "DE", "491234567"},
		{"another default", "044 668 18 00", "", "CH", "41446681800"},
		{"an international number whatever the country", "+43 1 234567", "DE", "CH", "431234567"},
	} {
		l := Lead{LastName: "Huber", Phone: tt.phone, Company: Company{Country: tt.country}}
		got := SearchWords(&l, tt.def)
		if want := []string{"huber", tt.want}; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", tt.name, got, want)
		}
	}
	first := Lead{FirstName: "Anna", LastName: "Schmidt", Company: Company{Name: "Schmidt & Söhne"}}
	if got, want := SearchWords(&first, "DE"), []string{"anna", "schmidt", "sohne"}; !reflect.DeepEqual(got, want) {
		t.Errorf("first and last name: %q, want %q", got, want)
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
		{At: t0.Add(-24 * time.Hour), What: DueMilestone, Note: "Bedarfsanalyse"},
		{At: t0.Add(time.Hour), What: DueFollowUp},
		{At: t0.Add(2 * time.Hour), What: DueCallback, Note: "nach der Messe"},
		{At: t0.Add(72 * time.Hour), What: DueMilestone, Note: "Angebot"},
	}
	if got := l.DueItems(); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	empty := Lead{Callback: &Callback{}}
	if got := empty.DueItems(); len(got) != 0 {
		t.Errorf("nothing is due, got %+v", got)
	}
}

func TestDueKindNames(t *testing.T) {
	for k, want := range map[DueKind]string{DueCallback: "callback", DueFollowUp: "follow-up", DueMilestone: "milestone", 0: "", 9: "due"} {
		if got := k.String(); got != want {
			t.Errorf("DueKind(%d) = %q, want %q", k, got, want)
		}
	}
}

func TestDisplayName(t *testing.T) {
	for _, tt := range []struct {
		l    Lead
		want string
	}{
		{Lead{Name: " Dr. Jürgen Müller ", FirstName: "Jürgen", LastName: "Müller"}, "Dr. Jürgen Müller"},
		{Lead{FirstName: "Jürgen", LastName: "Müller"}, "Jürgen Müller"},
		{Lead{LastName: "Müller"}, "Müller"},
		{Lead{FirstName: "Jürgen "}, "Jürgen"},
		{Lead{Name: "  "}, ""},
	} {
		if got := tt.l.DisplayName(); got != tt.want {
			t.Errorf("%+v: DisplayName %q, want %q", tt.l, got, tt.want)
		}
	}
}
