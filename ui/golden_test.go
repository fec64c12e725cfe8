package ui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
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
