package ui

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"leadq/domain"
	"leadq/store"
)

// Golden files pin whole screens; update them with `go test ./ui -update`
// after checking the new screen by eye.

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// screenAt runs the real program at a size, sends keys and returns the
// final screen once want is on it.
func screenAt(t *testing.T, w, h int, want string, keys ...tea.KeyMsg) []byte {
	t.Helper()
	m := newTestApp(t, openStore(t, testLeads()), w, h)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Jürgen")) },
		teatest.WithDuration(5*time.Second))
	for _, k := range keys {
		tm.Send(k)
	}
	if want != "" {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(5*time.Second))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	return []byte(final.View())
}

var (
	keyEnter = tea.KeyMsg{Type: tea.KeyEnter}
	keyAll   = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4")}
)

func TestGoldenQueue80x24(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 80, 24, "Pierre", keyAll))
}

func TestGoldenQueue120x40(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 120, 40, "Pierre", keyAll))
}

func TestGoldenLead80x24(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 80, 24, "WHY THIS SCORE", keyEnter))
}

func TestGoldenLead120x40(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 120, 40, "WHY THIS SCORE", keyEnter))
}

func TestGoldenQueue20x5(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 20, 5, ""))
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// step is a key and what must be on screen after it.
type step struct {
	key  tea.KeyMsg
	want string
}

// screenAfter runs the real program through steps, each waiting for its
// text, and returns the final screen.
func screenAfter(t *testing.T, w, h int, steps ...step) []byte {
	t.Helper()
	return screenAfterWith(t, testLeads(), w, h, steps...)
}

func screenAfterWith(t *testing.T, leads []*domain.Lead, w, h int, steps ...step) []byte {
	t.Helper()
	m := newTestApp(t, openStore(t, leads), w, h)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Jürgen")) },
		teatest.WithDuration(5*time.Second))
	for _, s := range steps {
		tm.Send(s.key)
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s.want)) },
			teatest.WithDuration(5*time.Second))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model).View())
}

func TestGoldenBANTForm80x24(t *testing.T) {
	golden.RequireEqual(t, screenAfter(t, 80, 24, step{keyEnter, "WHY THIS SCORE"}, step{runes("b"), "BANT —"}))
}

func TestGoldenCallPicker80x24(t *testing.T) {
	golden.RequireEqual(t, screenAfter(t, 80, 24, step{keyEnter, "WHY THIS SCORE"}, step{runes("c"), "How did it go?"}))
}

func TestGoldenPlanMilestones100x30(t *testing.T) {
	golden.RequireEqual(t, screenAfterWith(t, planLeads(), 100, 30, step{keyEnter, "WHY THIS SCORE"},
		step{runes("p"), "OPPORTUNITY PLAN"}, step{runes("4"), "Milestones and buying process"}, step{runes("j"), "▸ 2"}))
}

func TestGoldenPlanTeam80x24(t *testing.T) {
	golden.RequireEqual(t, screenAfterWith(t, planLeads(), 80, 24, step{keyEnter, "WHY THIS SCORE"},
		step{runes("p"), "Ben Presales"}))
}

// In the real program the re-score runs beside the queue, its progress
// arriving through its channel, and the queue reloads when it is done.
func TestRescoreInTheRunningProgram(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	st, err := store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range testLeads() {
		if _, _, err := st.AddLead(l); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	later := func() time.Time { return testNow.Add(30 * 24 * time.Hour) }
	st, err = store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: later})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: later})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("scores brought up to date")) },
		teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if final.rescoring || st.Stale() {
		t.Fatal("the re-score did not finish")
	}
}

func TestGoldenQueueDue20x5(t *testing.T) {
	golden.RequireEqual(t, screenAt(t, 20, 5, "[5", runes("5")))
}

// queueIn renders the All tab at 80×24 with the colours of a terminal of
// the profile, as that terminal would get it.
func queueIn(t *testing.T, profile termenv.Profile) string {
	t.Helper()
	m := newTestApp(t, openStore(t, testLeads()), 80, 24)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(true)
	m.styles = newStylesFor(r, DefaultTheme())
	press(t, m, "4", "j")
	return m.View()
}

// On 256 colours (tmux's default) and on 16 the selected row must stand
// out by more than its ▸: reverse video survives every palette.
func TestGoldenQueueANSI256(t *testing.T) {
	view := queueIn(t, termenv.ANSI256)
	golden.RequireEqual(t, []byte(view))
	assertSelectionVisible(t, view)
}

func TestQueueSelectionOn16Colours(t *testing.T) {
	assertSelectionVisible(t, queueIn(t, termenv.ANSI))
}

func assertSelectionVisible(t *testing.T, view string) {
	t.Helper()
	for _, line := range strings.Split(view, "\n") {
		if !strings.Contains(line, "▸") {
			continue
		}
		// SGR 7 is reverse video; a background of 232–235 is near-black,
		// invisible on a dark terminal.
		if !regexp.MustCompile(`\x1b\[(?:[0-9]+;)*7(?:;[0-9]+)*m`).MatchString(line) || regexp.MustCompile(`48;5;23[2-5]`).MatchString(line) {
			t.Fatalf("the selected row is not drawn in reverse video: %q", line)
		}
		return
	}
	t.Fatalf("no selected row:\n%s", view)
}
