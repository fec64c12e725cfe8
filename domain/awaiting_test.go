package domain

import (
	"testing"
	"time"
)

func TestAwaitingSince(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	act := func(k ActivityKind, h int) Event { return touchAt(k, at(h)) }
	call := func(o CallOutcome, h int) Event { return callAt(o, at(h)) }
	for _, tc := range []struct {
		name   string
		events []Event
		since  time.Time
		ok     bool
	}{
		{"new lead waits since it came in", nil, t0, true},
		{"a download before our answer keeps the arrival time", []Event{act(KindDownload, 1)}, t0, true},
		{"a call that reached the lead answers", []Event{act(KindDownload, 1), call(OutcomeReached, 2)}, time.Time{}, false},
		{"a call that agreed a callback answers", []Event{act(KindDownload, 1), call(OutcomeCallback, 2)}, time.Time{}, false},
		{"an unanswered call is no answer", []Event{act(KindDownload, 1), call(OutcomeNoAnswer, 2)}, t0, true},
		{"busy and a wrong number are no answer", []Event{call(OutcomeBusy, 1), call(OutcomeWrongNumber, 2)}, t0, true},
		{"a call without an outcome is no answer", []Event{call(OutcomeNone, 1)}, t0, true},
		{"a new hand-raise after our answer waits again", []Event{call(OutcomeReached, 1), act(KindDemoRequest, 3), act(KindWebVisit, 4)}, at(3), true},
		{"an unanswered call after a new hand-raise leaves it waiting", []Event{call(OutcomeReached, 1), act(KindDemoRequest, 3), call(OutcomeNoAnswer, 4)}, at(3), true},
		{"an email or a meeting answers too", []Event{act(KindDemoRequest, 1), act(KindMeeting, 2)}, time.Time{}, false},
		{"a rep's email answers", []Event{act(KindQuoteRequest, 1), act(KindEmail, 2)}, time.Time{}, false},
		{"a letter answers", []Event{act(KindWebinar, 1), act(KindLetter, 2)}, time.Time{}, false},
		{"marketing answers nothing", []Event{act(KindNewsletter, 1), act(KindMailing, 2)}, t0, true},
		{"remarks, stage moves and the rest of the bookkeeping answer nothing", bookkeeping(at(1)), t0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &Lead{Created: t0, History: tc.events}
			since, ok := l.AwaitingSince()
			if ok != tc.ok || (ok && !since.Equal(tc.since)) {
				t.Fatalf("AwaitingSince = %v, %v; want %v, %v", since, ok, tc.since, tc.ok)
			}
		})
	}
}

func TestAwaitingSinceAfterLoggedCalls(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := &Lead{Created: t0, History: []Event{touchAt(KindDemoRequest, t0)}}
	if err := l.LogCall(OutcomeNoAnswer, "", time.Time{}, t0.Add(time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if since, ok := l.AwaitingSince(); !ok || !since.Equal(t0) {
		t.Fatalf("after a call nobody took: %v, %v; want %v, true", since, ok, t0)
	}
	if err := l.LogCall(OutcomeReached, "", time.Time{}, t0.Add(2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	if _, ok := l.AwaitingSince(); ok {
		t.Fatal("still awaiting an answer after reaching the lead")
	}
}
