package ui

import (
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// callbackLeads gives Anna Schmidt a callback that came due yesterday.
func callbackLeads() []*domain.Lead {
	leads := testLeads()
	for _, l := range leads {
		if l.Name == "Anna Schmidt" {
			l.Callback = &domain.Callback{At: testNow.Add(-24 * time.Hour), Note: "nach 9"}
			l.Mobile = "+49 151 2345678"
		}
	}
	return leads
}

// The picker keeps who is called in sight, at every step.
func TestCallPickerShowsWhoIsCalled(t *testing.T) {
	m := newTestApp(t, openStore(t, callbackLeads()), 80, 24)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "c")
	check := func(step string) {
		t.Helper()
		v := shown(m)
		for _, want := range []string{"Anna Schmidt", "Schmidt & Söhne KG", "+49 221 5550100", "+49 151 2345678"} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: the call picker lacks %q:\n%s", step, want, v)
			}
		}
	}
	check("outcomes")
	press(t, m, "c")
	check("callback time")
	press(t, m, "t")
	check("typed time")
	press(t, m, "esc", "1")
	check("note")
}

// No answer and busy keep the pending callback due and offer to move it;
// only reaching the lead settles it.
func TestUnansweredCallKeepsTheCallback(t *testing.T) {
	st := openStore(t, callbackLeads())
	m := newTestApp(t, st, 80, 24)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	due := testNow.Add(-24 * time.Hour)
	// No answer, keep it: c n enter enter.
	press(t, m, "c", "n")
	if !strings.Contains(shown(m), "stays due. Move it?") {
		t.Fatalf("no answer did not offer to move the callback:\n%s", shown(m))
	}
	press(t, m, "enter", "enter")
	l := mustGet(t, st, id)
	if l.Callback == nil || !l.Callback.At.Equal(due) {
		t.Fatalf("no answer: callback %+v, want it kept at %v", l.Callback, due)
	}
	if last := l.History[len(l.History)-1]; last.Touch == nil || last.Touch.Outcome != domain.OutcomeNoAnswer {
		t.Fatalf("last event %+v, want the call", last)
	}
	// Busy, move it to the second quick time.
	press(t, m, "c", "b", "2", "enter")
	l = mustGet(t, st, id)
	want := domain.QuickCallbacks(testNow)[1].At
	if l.Callback == nil || !l.Callback.At.Equal(want) || l.Callback.Note != "nach 9" {
		t.Fatalf("busy and moved: callback %+v, want at %v", l.Callback, want)
	}
	if last := l.History[len(l.History)-1]; last.Kind != domain.EventCallbackChanged || !last.Schedule.Old.Equal(due) {
		t.Fatalf("last event %+v, want the callback moved", last)
	}
	// Move it to a typed time.
	press(t, m, "c", "n", "t")
	typeText(t, m, "+3h")
	press(t, m, "enter", "enter")
	if l = mustGet(t, st, id); l.Callback == nil || !l.Callback.At.Equal(testNow.Add(3*time.Hour)) {
		t.Fatalf("moved to a typed time: %+v", l.Callback)
	}
	// Reached settles it.
	press(t, m, "c", "r", "enter")
	if l = mustGet(t, st, id); l.Callback != nil {
		t.Fatalf("reached kept the callback %+v", l.Callback)
	}
}
