package ui

import (
	"strings"
	"testing"
)

// After no fit the status line, the lead header and the queue row all say
// OUT: one rule decides the badge.
func TestBadgeAgreesEverywhereAfterNoFit(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Sören Weiß") // hot
	press(t, m, "f", "down", "down", "enter")
	typeText(t, m, "nur Privatkunden")
	press(t, m, "enter")
	if strings.Contains(m.status, "HOT") || !strings.Contains(m.status, "OUT") {
		t.Fatalf("status %q after no fit, want OUT", m.status)
	}
	if v := shown(m); !strings.Contains(v, "OUT ") {
		t.Fatalf("lead header lacks OUT:\n%s", v)
	}
	press(t, m, "esc", "esc", "4")
	for _, line := range strings.Split(shown(m), "\n") {
		if strings.Contains(line, "Sören Weiß") && !strings.Contains(line, "OUT") {
			t.Fatalf("queue row %q, want OUT", line)
		}
	}
}
