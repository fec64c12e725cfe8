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
	"leadq/ui/i18n"
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
	tr      *i18n.Catalog
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
	tr := screen.ctx.tr
	c := &callPicker{l: screen, keys: keys, tr: tr, now: now, quick: domain.QuickCallbacks(now), input: in, pending: l.Callback}
	c.who = []string{safe(l.DisplayName())}
	if l.Company.Name != "" {
		c.who[0] += " · " + safe(l.Company.Name)
	}
	var phones []string
	if l.Phone != "" {
		phones = append(phones, tr.F("call.phone", safe(l.Phone)))
	}
	if l.Mobile != "" {
		phones = append(phones, tr.F("call.mobile", safe(l.Mobile)))
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
		c.l.yesNo(c.tr.T("call.discard")+" "+c.keys.answers(c.tr.T("form.answer.discard"), c.tr.T("form.answer.keep")), c.l.discard, nil)
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
			c.input.Placeholder = c.tr.T("call.time-placeholder")
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
				c.err = c.tr.Error(err) // keep what was typed
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
	what := c.tr.F("call.what", c.tr.Outcome(outcome))
	done := ""
	if !moveTo.IsZero() {
		done = c.tr.F("call.saved.moved", what)
	}
	return &callDone{change: change{what: what, done: done, mutate: func(l *domain.Lead, now time.Time, by string) error {
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
	c.input.Placeholder = c.tr.T("call.note-placeholder")
	c.input.Focus()
}

// quickIDs word the quick callback times by their kind.
var quickIDs = [...]string{
	domain.QuickInAnHour:   "call.quick.hour",
	domain.QuickTomorrow:   "call.quick.tomorrow",
	domain.QuickNextMonday: "call.quick.monday",
}

// quickLabel is a quick time's word.
func (c *callPicker) quickLabel(_ int, q domain.QuickTime) string {
	if int(q.Kind) < len(quickIDs) {
		return c.tr.T(quickIDs[q.Kind])
	}
	return q.Label
}

func (c *callPicker) view(s *Styles, width int) string {
	tr := c.tr
	at := func(t time.Time) string { return tr.DateTime(c.now, t) }
	var b strings.Builder
	b.WriteString(s.Section.Render(tr.T("call.title")) + " " + s.Title.Render(c.who[0]))
	b.WriteString("\n")
	for _, w := range c.who[1:] {
		b.WriteString(w + "\n")
	}
	keyed := func(k, label string) string { return s.Accent.Render(k) + " " + label }
	switch c.step {
	case stepOutcome:
		if c.pending != nil {
			b.WriteString(s.Muted.Render(tr.F("call.due", at(c.pending.At))) + "\n")
		}
		b.WriteString(tr.T("call.how") + "\n\n")
		for _, o := range outcomes(c.keys) {
			b.WriteString("  " + keyed(firstKey(o.key), tr.Outcome(o.outcome)) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(tr.F("call.keys.cancel", firstKey(c.keys.Back))))
	case stepWhen:
		if c.moving {
			b.WriteString(tr.F("call.when-move", tr.Outcome(c.outcome), at(c.pending.At)) + "\n\n")
		} else {
			b.WriteString(tr.T("call.when") + "\n\n")
		}
		for i, q := range c.quick {
			if i < len(c.keys.Quick) {
				b.WriteString(fmt.Sprintf("  %s  %s\n", keyed(firstKey(c.keys.Quick[i]), c.quickLabel(i, q)), s.Muted.Render(at(q.At))))
			}
		}
		b.WriteString("  " + keyed(firstKey(c.keys.TypeTime), tr.T("call.when-type")) + "\n")
		if c.moving {
			b.WriteString("  " + keyed(firstKey(c.keys.Open), tr.T("call.when-keep")) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(tr.F("call.keys.back", firstKey(c.keys.Back))))
	case stepTypedWhen:
		ask := tr.T("call.typed.at")
		if c.moving {
			ask = tr.T("call.typed.move")
		}
		b.WriteString(ask + "\n\n  " + c.input.View() + "\n")
		if c.err != "" {
			b.WriteString("  " + s.Error.Render(strings.ReplaceAll(ansiWrap(c.err, max(1, width-2)), "\n", "\n  ")) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(tr.F("call.keys.typed", firstKey(c.keys.Accept), firstKey(c.keys.Cancel))))
	case stepNote:
		line := tr.F("call.note.outcome", tr.Outcome(c.outcome))
		if c.outcome == domain.OutcomeCallback {
			line = tr.F("call.note.outcome-at", tr.Outcome(c.outcome), at(c.at))
		}
		switch {
		case !c.moveTo.IsZero():
			line += tr.F("call.note.moved", at(c.moveTo))
		case c.pending != nil && keepsCallback(c.outcome):
			line += tr.F("call.note.stays", at(c.pending.At))
		}
		b.WriteString(line + "\n\n  " + c.input.View() + "\n")
		b.WriteString("\n" + s.Muted.Render(tr.F("call.keys.note", firstKey(c.keys.Accept), firstKey(c.keys.Save), firstKey(c.keys.Cancel))))
	}
	return clip(b.String(), width, 1<<20)
}
