package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
)

// Word from work beside the queue (a daily backup that failed) shows in
// the status bar while the queue is open.
func TestNoticesFromBesideTheQueueShow(t *testing.T) {
	st := openStore(t, testLeads())
	ch := make(chan string, 1)
	ch <- "the daily backup failed: no space left on device"
	close(ch)
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: fixedNow, Notices: ch})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	if v := m.View(); !strings.Contains(v, "the daily backup failed: no space left on device") {
		t.Fatalf("the failed backup is not on screen:\n%s", v)
	}
	press(t, m, "j")
	if v := m.View(); strings.Contains(v, "Jürgen") == false {
		t.Fatalf("the queue does not work on after the notice:\n%s", v)
	}
}

// One match is one match.
func TestOneSearchMatchIsSingular(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "/")
	typeText(t, m, "pierre")
	if v := m.View(); !strings.Contains(v, "1 match in all leads") {
		t.Fatalf("the search line for one match:\n%s", v)
	}
}

// A milestone is due on a day: the Due tab shows the day without a time.
func TestDueMilestoneShowsItsDay(t *testing.T) {
	leads := testLeads()
	l := leads[0]
	now := fixedNow()
	l.Plan = &domain.OpportunityPlan{Milestones: []domain.Milestone{{Name: "Angebot", Due: time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, now.Location())}}}
	m := newTestApp(t, openStore(t, leads), 120, 30)
	press(t, m, "5")
	v := m.View()
	if !strings.Contains(v, "milestone yesterday   ") { // the day, and no time after it

		t.Fatalf("the Due tab's milestone:\n%s", v)
	}
}

// Saving a note as it was writes nothing and says so.
func TestUnchangedNoteIsNotSaved(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	var name string
	for _, l := range testLeads() {
		if len(l.Notes) > 0 {
			name = l.Name
			break
		}
	}
	if name == "" {
		t.Fatal("no test lead has a note")
	}
	openByName(t, m, name)
	press(t, m, "e", "enter")
	ctrlS(t, m)
	if !strings.Contains(m.status, "nothing changed") {
		t.Fatalf("saving an unchanged note: status %q", m.status)
	}
}
