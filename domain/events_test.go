package domain

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// touchAt is a touch event of kind k at a time, by nobody.
func touchAt(k ActivityKind, at time.Time) Event {
	return Event{Kind: EventTouch, At: at, Touch: &Touch{Kind: k}}
}

// callAt is a call event with its outcome.
func callAt(o CallOutcome, at time.Time) Event {
	return Event{Kind: EventTouch, At: at, Touch: &Touch{Kind: KindCall, Outcome: o}}
}

// funnelAt is a content touch at a depth of the funnel.
func funnelAt(k ActivityKind, f FunnelStage, at time.Time) Event {
	return Event{Kind: EventTouch, At: at, Touch: &Touch{Kind: k, Funnel: f}}
}

// bookkeeping is one event of every kind that is no touch, all at one time.
func bookkeeping(at time.Time) []Event {
	return []Event{
		{Kind: EventRemark, At: at, Text: "Zentrale: ab Montag erreichbar"},
		{Kind: EventCreated, At: at},
		{Kind: EventImported, At: at, Import: &ImportSource{File: "messe.csv", Line: 2}},
		{Kind: EventStageMoved, At: at, Stage: &StageMove{From: StageInquiry, To: StageMQL}},
		{Kind: EventFitSet, At: at, Fit: &FitChange{To: FitGood}},
		{Kind: EventBANTChanged, At: at, Changes: []FieldChange{{Field: "need", New: "ERP"}}},
		{Kind: EventConsentChanged, At: at, Consent: &ConsentChange{To: Consent{Status: ConsentOptIn}}},
		{Kind: EventContactEdited, At: at, Changes: []FieldChange{{Field: "phone", New: "+49 89 1"}}},
		{Kind: EventNoteAdded, At: at, Note: &NoteChange{New: &NoteText{Text: "x"}}},
		{Kind: EventPlanChanged, At: at, Plan: &PlanChange{Action: PlanStarted}},
		{Kind: EventFollowUpSet, At: at, Schedule: &ScheduleChange{New: at.Add(time.Hour)}},
	}
}

func TestEventKindNames(t *testing.T) {
	seen := map[string]bool{}
	for k := EventKind(0); k < numEventKinds; k++ {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "event(") || seen[s] {
			t.Errorf("event kind %d is named %q", k, s)
		}
		seen[s] = true
	}
	for k, want := range map[EventKind]string{EventRemark: "remark", EventTouch: "touch", EventStageMoved: "stage-moved",
		EventCallbackChanged: "callback-changed", numEventKinds: "event(16)"} {
		if got := k.String(); got != want {
			t.Errorf("EventKind(%d) = %q, want %q", k, got, want)
		}
	}
}

func TestEventIDRoundTrip(t *testing.T) {
	var zero EventID
	if !zero.IsZero() {
		t.Error("the zero id is not zero")
	}
	id := EventID{0x01, 0x8f, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x2a}
	if id.IsZero() {
		t.Error("a set id is zero")
	}
	back, err := ParseEventID(id.String())
	if err != nil || back != id {
		t.Errorf("ParseEventID(%q) = %v, %v; want %v", id.String(), back, err, id)
	}
	if _, err := ParseEventID("not-an-id"); err == nil {
		t.Error("ParseEventID accepted a bad id")
	}
}

func TestNewestFirstListsEveryEventOnce(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Stage: StageInquiry, Created: t0}
	l.History = []Event{touchAt(KindDownload, t0.Add(time.Hour))}
	if err := l.Move(StageMQL, "", t0.Add(2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if err := l.LogCall(OutcomeReached, "", time.Time{}, t0.Add(3*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	h := l.NewestFirst()
	if len(h) != 3 {
		t.Fatalf("%d events, want 3 (the move once): %+v", len(h), h)
	}
	if h[0].Touch == nil || h[0].Touch.Kind != KindCall || h[1].Stage == nil || h[1].Stage.To != StageMQL ||
		h[2].Touch == nil || h[2].Touch.Kind != KindDownload {
		t.Fatalf("history out of order: %+v", h)
	}
	if h[2] != &l.History[0] {
		t.Error("NewestFirst does not point into the history")
	}
}

func TestNewestFirstPutsTheLastWrittenFirstAtOneMoment(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Stage: StageMQL, Fit: FitGood, Created: t0}
	if err := l.SetFit(FitNone, "B2C", t0, "anna"); err != nil {
		t.Fatal(err)
	}
	h := l.NewestFirst()
	if len(h) != 2 || h[0].Kind != EventStageMoved || h[1].Kind != EventFitSet {
		t.Fatalf("newest first: %+v", h)
	}
	if len((&Lead{}).NewestFirst()) != 0 {
		t.Error("an empty history has events")
	}
}

func TestStageMoves(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Created: t0}
	l.History = append(l.History, touchAt(KindWebVisit, t0))
	if err := l.Move(StageMQL, "", t0.Add(time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if err := l.LogRemark("Zentrale sagt: im Urlaub", t0.Add(2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if err := l.Move(StageNurture, "kein Projekt", t0.Add(3*time.Hour), "ben"); err != nil {
		t.Fatal(err)
	}
	moves := l.StageMoves()
	if len(moves) != 2 {
		t.Fatalf("%d moves, want 2: %+v", len(moves), moves)
	}
	if m := moves[0]; m.Stage.From != StageInquiry || m.Stage.To != StageMQL || m.By != "anna" || !m.At.Equal(t0.Add(time.Hour)) {
		t.Errorf("first move %+v %+v", m, m.Stage)
	}
	if m := moves[1]; m.Stage.From != StageMQL || m.Stage.To != StageNurture || m.Stage.Reason != "kein Projekt" || m.By != "ben" {
		t.Errorf("second move %+v %+v", m, m.Stage)
	}
	if len((&Lead{History: bookkeeping(t0)[:3]}).StageMoves()) != 0 {
		t.Error("events other than moves are listed as moves")
	}
}

func TestSortHistoryIsStable(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	h := []Event{
		{At: t0.Add(2 * time.Hour), Text: "c"},
		{At: t0, Text: "a1"},
		{At: t0.Add(time.Hour), Text: "b"},
		{At: t0, Text: "a2"},
		{At: t0.Add(-time.Hour), Text: "first"},
		{At: t0, Text: "a3"},
	}
	SortHistory(h)
	var got []string
	for _, e := range h {
		got = append(got, e.Text)
	}
	if want := []string{"first", "a1", "a2", "a3", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
	SortHistory(nil)
}

func TestRecordNeverMovesUpdatedBack(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Created: t0, Updated: t0.Add(time.Hour)}
	if err := l.LogRemark("nachgetragen", t0.Add(30*time.Minute), "anna"); err != nil {
		t.Fatal(err)
	}
	if !l.Updated.Equal(t0.Add(time.Hour)) {
		t.Errorf("an older event moved Updated to %v", l.Updated)
	}
	if err := l.LogRemark("neu", t0.Add(2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if !l.Updated.Equal(t0.Add(2 * time.Hour)) {
		t.Errorf("a newer event left Updated at %v", l.Updated)
	}
}

func TestEventJSON(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	t0 := time.Date(2027, 3, 10, 10, 15, 0, 0, berlin)
	id := EventID{0x01, 0x8f}
	tests := []struct {
		name string
		e    Event
		want map[string]any
	}{
		{"a call with a callback, times in UTC",
			Event{ID: id, At: t0, By: "anna", Kind: EventTouch,
				Touch: &Touch{Kind: KindCall, Outcome: OutcomeCallback, Note: "nach 14 Uhr", Callback: t0.Add(24 * time.Hour)}},
			map[string]any{"id": id.String(), "kind": "touch", "at": "2027-03-10T09:15:00Z", "by": "anna",
				"touch": "call", "outcome": "callback", "note": "nach 14 Uhr", "callback": "2027-03-11T09:15:00Z"}},
		{"a download with its funnel",
			Event{At: t0, Kind: EventTouch, Touch: &Touch{Kind: KindDownload, Funnel: FunnelDecision, Note: "Preisliste"}},
			map[string]any{"id": EventID{}.String(), "kind": "touch", "at": "2027-03-10T09:15:00Z",
				"touch": "download", "funnel": "decision", "note": "Preisliste"}},
		{"a stage move from the first stage names it",
			Event{At: t0, By: "ben", Kind: EventStageMoved, Stage: &StageMove{From: StageInquiry, To: StageMQL, Reason: "Demo"}},
			map[string]any{"id": EventID{}.String(), "kind": "stage-moved", "at": "2027-03-10T09:15:00Z", "by": "ben",
				"from": StageInquiry.String(), "to": StageMQL.String(), "reason": "Demo"}},
		{"BANT changes in machine form",
			Event{At: t0, Kind: EventBANTChanged, Changes: []FieldChange{{Field: "budget", New: "50000.00 EUR"}}},
			map[string]any{"id": EventID{}.String(), "kind": "bant-changed", "at": "2027-03-10T09:15:00Z",
				"changes": []any{map[string]any{"field": "budget", "old": "", "new": "50000.00 EUR"}}}},
		{"a deleted note keeps what it said",
			Event{At: t0, Kind: EventNoteDeleted, Note: &NoteChange{Old: &NoteText{Kind: NotePress, Text: "PM"}}},
			map[string]any{"id": EventID{}.String(), "kind": "note-deleted", "at": "2027-03-10T09:15:00Z",
				"old": map[string]any{"kind": "press", "text": "PM"}}},
		{"a plan edit",
			Event{At: t0, Kind: EventPlanChanged, Plan: &PlanChange{Section: "milestones", Action: PlanMovedUp, Item: "Angebot"}},
			map[string]any{"id": EventID{}.String(), "kind": "plan-changed", "at": "2027-03-10T09:15:00Z",
				"section": "milestones", "action": "moved-up", "item": "Angebot"}},
		{"a cleared follow-up has no new time",
			Event{At: t0, Kind: EventFollowUpSet, Schedule: &ScheduleChange{Old: t0.Add(time.Hour)}},
			map[string]any{"id": EventID{}.String(), "kind": "follow-up-set", "at": "2027-03-10T09:15:00Z",
				"old": "2027-03-10T10:15:00Z"}},
		{"an import names its file",
			Event{At: t0, Kind: EventImported, Import: &ImportSource{File: "messe.csv", System: "hubspot", ExternalID: "42", Line: 7}},
			map[string]any{"id": EventID{}.String(), "kind": "imported", "at": "2027-03-10T09:15:00Z",
				"file": "messe.csv", "system": "hubspot", "external_id": "42", "line": float64(7)}},
		{"a remark is its text",
			Event{At: t0, Kind: EventRemark, Text: "Zentrale: im Urlaub"},
			map[string]any{"id": EventID{}.String(), "kind": "remark", "at": "2027-03-10T09:15:00Z", "text": "Zentrale: im Urlaub"}},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.e)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\ngot  %s\nwant %v", tt.name, b, tt.want)
		}
	}
}
