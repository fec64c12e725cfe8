package domain

import (
	"testing"
	"time"
)

func TestAwaitingSince(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	act := func(k ActivityKind, h int) Activity { return Activity{Kind: k, At: at(h)} }
	for _, tc := range []struct {
		name  string
		acts  []Activity
		since time.Time
		ok    bool
	}{
		{"new lead waits since it came in", nil, t0, true},
		{"a download before our answer keeps the arrival time", []Activity{act(KindDownload, 1)}, t0, true},
		{"a call answers", []Activity{act(KindDownload, 1), act(KindCall, 2)}, time.Time{}, false},
		{"a new hand-raise after our answer waits again", []Activity{act(KindCall, 1), act(KindDemoRequest, 3), act(KindWebVisit, 4)}, at(3), true},
		{"an email or a meeting answers too", []Activity{act(KindDemoRequest, 1), act(KindMeeting, 2)}, time.Time{}, false},
		{"notes and stage moves answer nothing", []Activity{act(KindNote, 1), act(KindStageChange, 2)}, t0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &Lead{Created: t0, Activities: tc.acts}
			since, ok := l.AwaitingSince()
			if ok != tc.ok || (ok && !since.Equal(tc.since)) {
				t.Fatalf("AwaitingSince = %v, %v; want %v, %v", since, ok, tc.since, tc.ok)
			}
		})
	}
}

func TestHistoryMergesNewestFirstAndSaysEachMoveOnce(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Stage: StageInquiry, Created: t0}
	l.Activities = []Activity{{Kind: KindDownload, At: t0.Add(time.Hour)}}
	if err := l.Move(StageMQL, "", t0.Add(2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	l.Activities = append(l.Activities, Activity{Kind: KindCall, At: t0.Add(3 * time.Hour)})
	h := l.History()
	if len(h) != 3 {
		t.Fatalf("%d events, want 3 (the move once): %+v", len(h), h)
	}
	if h[0].Activity == nil || h[0].Activity.Kind != KindCall || h[1].Move == nil || h[1].Move.To != StageMQL ||
		h[2].Activity == nil || h[2].Activity.Kind != KindDownload {
		t.Fatalf("history out of order: %+v", h)
	}
}
