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
