package ui

import (
	"errors"
	"strings"
	"testing"

	"leadq/store"
)

// X erases a person for good only once their name is typed out; a wrong
// name erases nobody.
func TestEraseAsksForTheNameTypedOut(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "X")
	if v := shown(m); !strings.Contains(v, "Type their name to erase them") {
		t.Fatalf("X does not ask for the name:\n%s", v)
	}
	typeText(t, m, "Anna Schmid")
	ctrlS(t, m)
	if v := shown(m); !strings.Contains(v, "nothing was erased") {
		t.Fatalf("a wrong name is not refused:\n%s", v)
	}
	if _, err := st.Get(id); err != nil {
		t.Fatalf("a wrong name erased the lead: %v", err)
	}
	typeText(t, m, "t")
	ctrlS(t, m)
	if _, err := st.Get(id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the lead is still there after the name was typed: %v", err)
	}
	if !m.onQueue() || !strings.Contains(m.status, "Anna Schmidt erased for good") {
		t.Fatalf("after erasing: screens %d, status %q", m.screens.len(), m.status)
	}
	if v := shown(m); strings.Contains(v, "Anna Schmidt") && !strings.Contains(m.status, "Anna Schmidt") {
		t.Fatalf("the queue still shows the erased lead:\n%s", v)
	}
}

// Save-and-quit does not erase a person or move a lead out of the queue in
// passing: both need their own yes.
func TestSaveAndQuitAsksNoQuestionsItShouldNot(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "X")
	typeText(t, m, "Anna Schmidt")
	press(t, m, "ctrl+c", "s")
	if _, err := st.Get(id); err != nil {
		t.Fatalf("save and quit erased the lead: %v", err)
	}
	if v := shown(m); !strings.Contains(v, "needs your yes first") {
		t.Fatalf("save and quit does not say why it did not erase:\n%s", v)
	}
}
