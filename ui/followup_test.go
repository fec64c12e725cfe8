package ui

import (
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// The lead screen shows the next touch date; u sets, moves and clears it.
func TestFollowUpIsShownAndEditedWithU(t *testing.T) {
	leads := testLeads()
	for _, l := range leads {
		if l.Name == "Anna Schmidt" {
			l.Stage = domain.StageNurture
			l.NextTouch = testNow.Add(-2 * time.Hour) // came due today
		}
	}
	st := openStore(t, leads)
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	if v := shown(m); !strings.Contains(v, "Follow-up today") || !strings.Contains(v, "u follow-up") {
		t.Fatalf("the lead screen does not show the follow-up and its key:\n%s", v)
	}
	// Move it a week on.
	press(t, m, "u", "ctrl+u")
	typeText(t, m, "+1w")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if !l.NextTouch.Equal(testNow.Add(7 * 24 * time.Hour)) {
		t.Fatalf("next touch %v, want a week from now", l.NextTouch)
	}
	if last := l.History[len(l.History)-1]; last.Kind != domain.EventFollowUpSet {
		t.Fatalf("last event %+v", last)
	}
	// A time in the past is refused at the field.
	press(t, m, "u", "ctrl+u")
	typeText(t, m, "01.01.2020 10:00")
	press(t, m, "enter")
	if m.leadScreen().form() == nil {
		t.Fatal("a follow-up in the past was accepted")
	}
	// Emptied, it clears.
	press(t, m, "ctrl+u", "enter")
	if l = mustGet(t, st, id); !l.NextTouch.IsZero() {
		t.Fatalf("next touch %v, want none", l.NextTouch)
	}
	if v := shown(m); strings.Contains(v, "follow-up today") || !strings.Contains(m.status, "follow-up cleared") {
		t.Fatalf("after clearing: status %q\n%s", m.status, v)
	}
	// The key can be rebound.
	k := DefaultKeyMap()
	if err := k.Apply(map[string][]string{"follow_up": {"U"}, "save": {"ctrl+w"}}); err != nil || k.FollowUp.Keys()[0] != "U" || k.Save.Keys()[0] != "ctrl+w" {
		t.Fatalf("rebinding follow_up and save: %v", err)
	}
}
