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
	keys    *KeyMap
	l       *leadModel // the lead screen it is open over

	width, height int

	// Who is being called stays in sight: name, company, phone.
	who []string
	// pending is the callback the lead waits for; a call that reaches
	// nobody keeps it and offers to move it (to moveTo).
	pending *domain.Callback
	moving  bool
	moveTo  time.Time
}

type callStep int

const (
	stepOutcome   callStep = iota
	stepWhen               // quick times for a callback, or to move the pending one
	stepTypedWhen          // a typed date and time
	stepNote
)

// outcomes are the one-key answers, in the order shown.
func outcomes(k *KeyMap) []struct {
	key     key.Binding
	outcome domain.CallOutcome
} {
	return []struct {
		key     key.Binding
		outcome domain.CallOutcome
	}{
		{k.CallReached, domain.OutcomeReached},
		{k.CallNoAnswer, domain.OutcomeNoAnswer},
		{k.CallBusy, domain.OutcomeBusy},
		{k.CallWrongNumber, domain.OutcomeWrongNumber},
		{k.CallCallback, domain.OutcomeCallback},
	}
}

func newCallPicker(screen *leadModel, now time.Time, l *domain.Lead) *callPicker {
	keys := screen.ctx.keys
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 500
	c := &callPicker{l: screen, keys: keys, now: now, quick: domain.QuickCallbacks(now), input: in, pending: l.Callback}
	c.who = []string{safe(l.DisplayName())}
	if l.Company.Name != "" {
		c.who[0] += " · " + safe(l.Company.Name)
	}
	var phones []string
	if l.Phone != "" {
		phones = append(phones, "phone "+safe(l.Phone))
	}
	if l.Mobile != "" {
		phones = append(phones, "mobile "+safe(l.Mobile))
	}
	if len(phones) > 0 {
		c.who = append(c.who, strings.Join(phones, " · "))
	}
	return c
}

// keepsCallback reports whether the outcome leaves the pending callback
// due: nobody was reached.
func keepsCallback(o domain.CallOutcome) bool {
	return o == domain.OutcomeNoAnswer || o == domain.OutcomeBusy
}

// dirty reports whether the agent typed something a cancel would lose.
func (c *callPicker) dirty() bool {
	return c.step == stepNote && strings.TrimSpace(c.input.Value()) != ""
}

func (c *callPicker) Init() tea.Cmd { return nil }

func (c *callPicker) SetSize(w, h int) { c.width, c.height = w, h }

// Focus: the picker has every key; its own are shown in it.
func (c *callPicker) Focus() Focus { return FocusText }

func (c *callPicker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	if key.Matches(k, c.keys.Cancel) && c.dirty() {
		c.l.yesNo("Discard this call log? "+c.keys.answers("discard", "keep editing"), c.l.discard, nil)
		return c, nil
	}
	done := c.update(k)
	switch {
	case done == nil:
		return c, nil
	case done.cancel:
		c.l.closeOverlay(c)
		return c, nil
	}
	return c, c.l.save(done.change, false)
}

func (c *callPicker) View() string { return c.view(c.l.ctx.styles, c.width) }

func (c *callPicker) ShortHelp() []key.Binding  { return nil }
func (c *callPicker) FullHelp() [][]key.Binding { return nil }

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
		if key.Matches(msg, c.keys.Back) {
			return &callDone{cancel: true}
		}
		for _, o := range outcomes(c.keys) {
			if key.Matches(msg, o.key) {
				c.outcome = o.outcome
				c.moving, c.moveTo = false, time.Time{}
				switch {
				case o.outcome == domain.OutcomeCallback:
					c.step = stepWhen
				case c.pending != nil && keepsCallback(o.outcome):
					c.moving = true // offer to move the callback that stays due
					c.step = stepWhen
				default:
					c.toNote()
				}
				return nil
			}
		}
	case stepWhen:
		switch {
		case key.Matches(msg, c.keys.Back):
			c.step = stepOutcome
		case c.moving && key.Matches(msg, c.keys.Open):
			c.toNote() // keep the callback where it is
		case key.Matches(msg, c.keys.TypeTime):
			c.step = stepTypedWhen
			c.input.SetValue("")
			c.input.Placeholder = "15.03. 14:30, morgen 9:00, +2h"
			c.input.Focus()
		default:
			for i, q := range c.quick {
				if i < len(c.keys.Quick) && key.Matches(msg, c.keys.Quick[i]) {
					c.setWhen(q.At)
					break
				}
			}
		}
	case stepTypedWhen:
		switch {
		case key.Matches(msg, c.keys.Cancel):
			c.step = stepWhen
			c.input.Blur()
		case key.Matches(msg, c.keys.Accept):
			at, err := domain.ParseDateTime(c.input.Value(), c.now)
			if err != nil {
				c.err = err.Error() // keep what was typed
				return nil
			}
			c.setWhen(at)
		default:
			c.input, _ = c.input.Update(msg)
		}
	case stepNote:
		switch {
		case key.Matches(msg, c.keys.Cancel):
			return &callDone{cancel: true}
		case key.Matches(msg, c.keys.Accept), key.Matches(msg, c.keys.Save):
			return c.finish()
		default:
			c.input, _ = c.input.Update(msg)
		}
	}
	return nil
}

// finish is the call as logged so far, note included, as a change to save.
func (c *callPicker) finish() *callDone {
	outcome, note, at, moveTo := c.outcome, c.input.Value(), c.at, c.moveTo
	what := "call (" + outcome.Label() + ")"
	if !moveTo.IsZero() {
		what += " · callback moved"
	}
	return &callDone{change: change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
		if err := l.LogCall(outcome, note, at, now, by); err != nil {
			return err
		}
		if moveTo.IsZero() {
			return nil
		}
		return l.MoveCallback(moveTo, now, by)
	}}}
}

// setWhen takes the chosen time: the new callback's, or where the pending
// one moves to.
func (c *callPicker) setWhen(at time.Time) {
	if c.moving {
		c.moveTo = at
	} else {
		c.at = at
	}
	c.toNote()
}

func (c *callPicker) toNote() {
	c.step = stepNote
	c.input.SetValue("")
	c.input.Placeholder = "optional note, enter saves"
	c.input.Focus()
}

func (c *callPicker) view(s *Styles, width int) string {
	var b strings.Builder
	b.WriteString(s.Section.Render("LOG A CALL") + " " + s.Title.Render(c.who[0]))
	b.WriteString("\n")
	for _, w := range c.who[1:] {
		b.WriteString(w + "\n")
	}
	keyed := func(k, label string) string { return s.Accent.Render(k) + " " + label }
	switch c.step {
	case stepOutcome:
		if c.pending != nil {
			b.WriteString(s.Muted.Render("callback due "+dateTime(c.now, c.pending.At)) + "\n")
		}
		b.WriteString("How did it go?\n\n")
		for _, o := range outcomes(c.keys) {
			b.WriteString("  " + keyed(firstKey(o.key), o.outcome.Label()) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(firstKey(c.keys.Back)+" cancel"))
	case stepWhen:
		if c.moving {
			b.WriteString(c.outcome.Label() + ": the callback " + dateTime(c.now, c.pending.At) + " stays due. Move it?\n\n")
		} else {
			b.WriteString("Call back when?\n\n")
		}
		for i, q := range c.quick {
			if i < len(c.keys.Quick) {
				b.WriteString(fmt.Sprintf("  %s  %s\n", keyed(firstKey(c.keys.Quick[i]), q.Label), s.Muted.Render(dateTime(c.now, q.At))))
			}
		}
		b.WriteString("  " + keyed(firstKey(c.keys.TypeTime), "type a date and time") + "\n")
		if c.moving {
			b.WriteString("  " + keyed(firstKey(c.keys.Open), "keep it") + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(firstKey(c.keys.Back)+" back"))
	case stepTypedWhen:
		ask := "Call back at:"
		if c.moving {
			ask = "Move the callback to:"
		}
		b.WriteString(ask + "\n\n  " + c.input.View() + "\n")
		if c.err != "" {
			b.WriteString("  " + s.Error.Render(strings.ReplaceAll(ansiWrap(c.err, max(1, width-2)), "\n", "\n  ")) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(firstKey(c.keys.Accept)+" ok · "+firstKey(c.keys.Cancel)+" back"))
	case stepNote:
		line := "Outcome: " + c.outcome.Label()
		if c.outcome == domain.OutcomeCallback {
			line += " at " + dateTime(c.now, c.at)
		}
		switch {
		case !c.moveTo.IsZero():
			line += " · callback moved to " + dateTime(c.now, c.moveTo)
		case c.pending != nil && keepsCallback(c.outcome):
			line += " · callback stays " + dateTime(c.now, c.pending.At)
		}
		b.WriteString(line + "\n\n  " + c.input.View() + "\n")
		b.WriteString("\n" + s.Muted.Render(firstKey(c.keys.Accept)+" / "+firstKey(c.keys.Save)+" save · "+firstKey(c.keys.Cancel)+" cancel"))
	}
	return clip(b.String(), width, 1<<20)
}
