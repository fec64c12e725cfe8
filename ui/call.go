package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
)

// callPicker logs a call with one key per outcome, as an agent does while
// the phone is still warm: outcome, (for a callback) when, an optional
// note, enter.
type callPicker struct {
	step    callStep
	outcome domain.CallOutcome
	quick   []domain.QuickTime
	at      time.Time
	input   textinput.Model
	err     string
	now     time.Time
}

type callStep int

const (
	stepOutcome   callStep = iota
	stepWhen               // quick times for a callback
	stepTypedWhen          // a typed date and time
	stepNote
)

// outcomeKeys are the one-key answers, in the order shown.
var outcomeKeys = []struct {
	keys    []string
	outcome domain.CallOutcome
}{
	{[]string{"r", "1"}, domain.OutcomeReached},
	{[]string{"n", "2"}, domain.OutcomeNoAnswer},
	{[]string{"b", "3"}, domain.OutcomeBusy},
	{[]string{"w", "4"}, domain.OutcomeWrongNumber},
	{[]string{"c", "5"}, domain.OutcomeCallback},
}

func newCallPicker(now time.Time) *callPicker {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 500
	return &callPicker{now: now, quick: domain.QuickCallbacks(now), input: in}
}

// dirty reports whether the agent typed something a cancel would lose.
func (c *callPicker) dirty() bool {
	return c.step == stepNote && strings.TrimSpace(c.input.Value()) != ""
}

// callDone is what the picker hands back: a change to save, or cancel.
type callDone struct {
	cancel bool
	change change
}

// update handles a key; a non-nil result ends the picker.
func (c *callPicker) update(msg tea.KeyMsg) *callDone {
	c.err = ""
	switch c.step {
	case stepOutcome:
		if msg.Type == tea.KeyEsc {
			return &callDone{cancel: true}
		}
		for _, o := range outcomeKeys {
			if key.Matches(msg, key.NewBinding(key.WithKeys(o.keys...))) {
				c.outcome = o.outcome
				if o.outcome == domain.OutcomeCallback {
					c.step = stepWhen
				} else {
					c.toNote()
				}
				return nil
			}
		}
	case stepWhen:
		switch {
		case msg.Type == tea.KeyEsc:
			c.step = stepOutcome
		case msg.String() == "t":
			c.step = stepTypedWhen
			c.input.SetValue("")
			c.input.Placeholder = "15.03. 14:30, morgen 9:00, +2h"
			c.input.Focus()
		default:
			for i, q := range c.quick {
				if msg.String() == fmt.Sprint(i+1) {
					c.at = q.At
					c.toNote()
				}
			}
		}
	case stepTypedWhen:
		switch msg.Type {
		case tea.KeyEsc:
			c.step = stepWhen
			c.input.Blur()
		case tea.KeyEnter:
			at, err := domain.ParseDateTime(c.input.Value(), c.now)
			if err != nil {
				c.err = err.Error() // keep what was typed
				return nil
			}
			c.at = at
			c.toNote()
		default:
			c.input, _ = c.input.Update(msg)
		}
	case stepNote:
		switch msg.Type {
		case tea.KeyEsc:
			return &callDone{cancel: true}
		case tea.KeyEnter:
			outcome, note, at := c.outcome, c.input.Value(), c.at
			return &callDone{change: change{what: "call (" + outcome.Label() + ")", mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.LogCall(outcome, note, at, now, by)
			}}}
		default:
			c.input, _ = c.input.Update(msg)
		}
	}
	return nil
}

func (c *callPicker) toNote() {
	c.step = stepNote
	c.input.SetValue("")
	c.input.Placeholder = "optional note, enter saves"
	c.input.Focus()
}

func (c *callPicker) view(s *Styles, width int) string {
	var b strings.Builder
	b.WriteString(s.Section.Render("LOG A CALL"))
	b.WriteString("\n")
	keyed := func(k, label string) string { return s.Accent.Render(k) + " " + label }
	switch c.step {
	case stepOutcome:
		b.WriteString("How did it go?\n\n")
		for _, o := range outcomeKeys {
			b.WriteString("  " + keyed(o.keys[0], o.outcome.Label()) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render("esc cancel"))
	case stepWhen:
		b.WriteString("Call back when?\n\n")
		for i, q := range c.quick {
			b.WriteString(fmt.Sprintf("  %s  %s\n", keyed(fmt.Sprint(i+1), q.Label), s.Muted.Render(dateTime(c.now, q.At))))
		}
		b.WriteString("  " + keyed("t", "type a date and time") + "\n")
		b.WriteString("\n" + s.Muted.Render("esc back"))
	case stepTypedWhen:
		b.WriteString("Call back at:\n\n  " + c.input.View() + "\n")
		if c.err != "" {
			b.WriteString("  " + s.Error.Render(strings.ReplaceAll(ansiWrap(c.err, max(1, width-2)), "\n", "\n  ")) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render("enter ok · esc back"))
	case stepNote:
		line := "Outcome: " + c.outcome.Label()
		if c.outcome == domain.OutcomeCallback {
			line += " at " + dateTime(c.now, c.at)
		}
		b.WriteString(line + "\n\n  " + c.input.View() + "\n")
		b.WriteString("\n" + s.Muted.Render("enter save · esc cancel"))
	}
	return clip(b.String(), width, 1<<20)
}
