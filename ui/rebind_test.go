package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"leadq/domain"
	"leadq/store"
)

func appWithKeys(t *testing.T, st *store.Store, keys map[string][]string) *Model {
	t.Helper()
	cfg := domain.DefaultConfig()
	cfg.Keys = keys
	m, err := New(st, Options{Config: cfg, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	return m
}

// The answers to a question are keys like any other: rebound, the
// question names the new ones and the old ones do nothing.
func TestQuestionAnswersAreRebindable(t *testing.T) {
	st := openStore(t, testLeads())
	m := appWithKeys(t, st, map[string][]string{"yes": {"o"}, "no": {"x"}})
	openByName(t, m, "Jürgen Müller")
	id := mustGet(t, st, 1).ID
	press(t, m, "e", "d")
	if v := shown(m); !strings.Contains(v, "o delete · x keep") {
		t.Fatalf("the question does not name the rebound keys:\n%s", v)
	}
	press(t, m, "y", "n", "x")
	if n := len(mustGet(t, st, id).Notes); n != 1 || strings.Contains(shown(m), "o delete") {
		t.Fatalf("y, n and x: %d notes, question still open:\n%s", n, shown(m))
	}
	press(t, m, "d", "o")
	if n := len(mustGet(t, st, id).Notes); n != 0 {
		t.Fatalf("o did not delete the note: %d left", n)
	}
}

// The call picker's outcomes and quick times follow [keys], and show it.
func TestCallKeysAreRebindable(t *testing.T) {
	st := openStore(t, testLeads())
	m := appWithKeys(t, st, map[string][]string{"call_callback": {"z"}, "callback_quick_1": {"8"}})
	openByName(t, m, "Anna Schmidt")
	press(t, m, "c")
	if v := shown(m); !strings.Contains(v, "z callback") || strings.Contains(v, "c callback") {
		t.Fatalf("the picker does not show the rebound outcome key:\n%s", v)
	}
	press(t, m, "z")
	if v := shown(m); !strings.Contains(v, "8 in 1 hour") {
		t.Fatalf("the picker does not show the rebound quick time:\n%s", v)
	}
	press(t, m, "1")
	if strings.Contains(shown(m), "Outcome:") {
		t.Fatal("the old quick key still picks a time")
	}
	press(t, m, "8", "enter")
	var l *domain.Lead
	for _, id := range []uint64{1, 2, 3, 4, 5, 6, 7, 8} {
		if x := mustGet(t, st, id); x.Name == "Anna Schmidt" {
			l = x
		}
	}
	if l.Callback == nil || !l.Callback.At.Equal(testNow.Add(60*60*1e9)) {
		t.Fatalf("callback %+v, want in an hour", l.Callback)
	}
}

// The plan's sections are reached by their rebound keys, and the tabs say so.
func TestPlanSectionKeysAreRebindable(t *testing.T) {
	m := appWithKeys(t, openStore(t, planLeads()), map[string][]string{"plan_section_4": {"m"}})
	openByName(t, m, "Jürgen Müller")
	press(t, m, "p", "4")
	if strings.Contains(shown(m), "Milestones and buying process") {
		t.Fatal("4 still opens the milestones")
	}
	press(t, m, "m")
	if v := shown(m); !strings.Contains(v, "Milestones and buying process") || !strings.Contains(v, "m Milestones") {
		t.Fatalf("m did not open the milestones, or the tab does not say m:\n%s", v)
	}
}

// The forms are drawn in the theme's colours, not a fixed palette.
func TestFormsTakeTheTheme(t *testing.T) {
	th := DefaultTheme()
	if err := th.Apply(map[string]string{"accent": "#123456", "error": "#654321"}); err != nil {
		t.Fatal(err)
	}
	s := NewStyles(th)
	if got := s.FormTheme().Focused.Title.GetForeground(); got != (lipgloss.AdaptiveColor{Light: "#123456", Dark: "#123456"}) {
		t.Errorf("form title colour %v, want the accent", got)
	}
	if got := s.FormTheme().Focused.ErrorMessage.GetForeground(); got != (lipgloss.AdaptiveColor{Light: "#654321", Dark: "#654321"}) {
		t.Errorf("form error colour %v, want the error colour", got)
	}
}

// Leaving a form, the search or a call's note follows [keys] too, and the
// help bar names the key.
func TestCancelAndAcceptAreRebindable(t *testing.T) {
	m := appWithKeys(t, openStore(t, testLeads()), map[string][]string{"cancel": {"ctrl+g"}, "accept": {"ctrl+o"}})
	press(t, m, "/")
	typeText(t, m, "Anna Schmidt")
	press(t, m, "enter")
	if !m.queueScreen().searching {
		t.Fatal("enter still keeps the filter")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	press(t, m, "enter")
	if l := m.leadScreen(); l == nil || l.lead == nil || l.lead.Name != "Anna Schmidt" {
		t.Fatalf("ctrl+o did not keep the filter:\n%s", shown(m))
	}
	press(t, m, "f")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "ctrl+g cancel") {
		t.Fatalf("the form's help does not name the rebound cancel:\n%s", shown(m))
	}
	press(t, m, "esc")
	if m.leadScreen().form() == nil {
		t.Fatal("esc still leaves the form")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlG})
	press(t, m, "y") // discard: the fit form starts on a choice
	if m.leadScreen().form() != nil {
		t.Fatalf("ctrl+g did not leave the form:\n%s", shown(m))
	}
	press(t, m, "c", "r")
	if v := shown(m); !strings.Contains(v, "ctrl+o / ctrl+s save · ctrl+g cancel") {
		t.Fatalf("the call's note does not name the rebound keys:\n%s", v)
	}
	press(t, m, "enter")
	if m.leadScreen().call() == nil {
		t.Fatal("enter still saves the call")
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	run(t, m, cmd)
	if m.leadScreen().call() != nil {
		t.Fatalf("ctrl+o did not save the call:\n%s", shown(m))
	}
}
