package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/store"
)

// leadModel shows one lead — who, why it scores what it scores, what we
// know and everything that happened — and is where a rep works it. Forms,
// the call picker, the notes list, the plan and questions open over it as
// a stack: the top one gets the keys, draws and names the help.
type leadModel struct {
	ctx *programContext

	id   uint64 // 0 while a new lead is being added
	lead *domain.Lead
	err  error
	vp   viewport.Model

	overlays stack

	width, height int
}

// statusMsg puts a line in the status bar; changed says a lead was written.
type statusMsg struct {
	text    string
	err     bool
	changed bool
}

// nextLeadMsg asks the queue for the next lead of the current tab.
type nextLeadMsg struct{}

// newLead is the screen of lead id; id 0 opens the form for a new one.
func newLead(ctx *programContext, id uint64) *leadModel {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	m := &leadModel{ctx: ctx, id: id, vp: vp}
	m.SetSize(ctx.width, ctx.height)
	return m
}

func (m *leadModel) Init() tea.Cmd {
	if m.id == 0 {
		return m.open(leadEditor(nil))
	}
	return loadLead(m.ctx.st, m.id)
}

func loadLead(st *store.Store, id uint64) tea.Cmd {
	return func() tea.Msg {
		l, err := st.Get(id)
		if l != nil {
			domain.MakeSafe(l, true) // lead text reaches the screen harmless, in every part
		}
		return leadMsg{id: id, lead: l, err: err}
	}
}

// Focus is the top overlay's: a form, the call picker or a question has
// every key, q and ? included.
func (m *leadModel) Focus() Focus {
	if top := m.overlays.top(); top != nil {
		return focusOf(top)
	}
	return FocusFree
}

// GuardQuit asks before ctrl+c loses typed input.
func (m *leadModel) GuardQuit() bool {
	if !m.unsaved() {
		return false
	}
	if _, asking := m.overlays.top().(*prompt); asking {
		return false
	}
	m.askQuit()
	return true
}

// Position is how far the page is scrolled, while it shows and is not at
// its end.
func (m *leadModel) Position() string {
	if m.lead == nil || m.overlays.len() > 0 || m.vp.AtBottom() {
		return ""
	}
	return fmt.Sprintf("%d%%", int(m.vp.ScrollPercent()*100))
}

// unsaved reports whether leaving now would lose typed input.
func (m *leadModel) unsaved() bool {
	for _, c := range m.overlays.layers {
		if u, ok := c.(interface{ dirty() bool }); ok && u.dirty() {
			return true
		}
	}
	return false
}

func (m *leadModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.Width, m.vp.Height = max(0, w), max(0, h)
	m.overlays.setSize(w, h)
	m.render()
}

// closeOverlay takes c off the screen, wherever it is in the stack.
func (m *leadModel) closeOverlay(c Component) {
	for i, o := range m.overlays.layers {
		if o == c {
			m.overlays.layers = append(m.overlays.layers[:i], m.overlays.layers[i+1:]...)
			return
		}
	}
}

// closeWork closes the form and the call picker: what a save finishes.
func (m *leadModel) closeWork() {
	kept := m.overlays.layers[:0]
	for _, c := range m.overlays.layers {
		switch c.(type) {
		case *formView, *callPicker:
		default:
			kept = append(kept, c)
		}
	}
	m.overlays.layers = kept
}

// form is the open form, nil when there is none.
func (m *leadModel) form() *formView {
	f, _ := find[*formView](&m.overlays)
	return f
}

// call is the open call picker, nil when there is none.
func (m *leadModel) call() *callPicker {
	c, _ := find[*callPicker](&m.overlays)
	return c
}

// discard drops the form or call being typed; a new lead never saved
// leaves the screen with it.
func (m *leadModel) discard() tea.Cmd {
	m.closeWork()
	if m.id == 0 {
		return back
	}
	return nil
}

func (m *leadModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case leadMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.lead, m.err = msg.lead, msg.err
		m.render()
		return m, errCmd(msg.err)
	case savedMsg:
		cmd := m.onSaved(msg)
		return m, tea.Batch(cmd, m.overlays.updateAll(msg))
	case erasedMsg:
		if msg.err != nil {
			return m, m.saveFailed(msg.err)
		}
		m.closeWork()
		return m, tea.Batch(status(msg.text, false, true), back)
	case createdMsg:
		if msg.err != nil {
			return m, m.saveFailed(msg.err)
		}
		m.closeWork()
		m.id, m.lead = msg.lead.ID, msg.lead
		m.render()
		text := fmt.Sprintf("lead %d added · score %d %s", msg.lead.ID, msg.lead.Score.Total, msg.lead.Badge())
		if len(msg.dups) > 0 {
			d := msg.dups[0]
			text += fmt.Sprintf(" · same %s as lead %d: a duplicate?", d.By, d.ID)
		}
		return m, status(text, false, true)
	case tea.KeyMsg:
		if m.overlays.len() > 0 {
			return m, m.overlays.updateTop(msg)
		}
		return m, m.onKey(msg)
	}
	// huh's own messages (next field, next group, …) go to the open form.
	return m, m.overlays.updateAll(msg)
}

func status(text string, isErr, changed bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: isErr, changed: changed} }
}

// onKey is the page's own keys, while nothing is open over it.
func (m *leadModel) onKey(msg tea.KeyMsg) tea.Cmd {
	k := m.ctx.keys
	if m.lead == nil {
		if key.Matches(msg, k.Back) {
			return back
		}
		return nil
	}
	now := m.ctx.now()
	switch {
	case key.Matches(msg, k.Back):
		return back
	case key.Matches(msg, k.NextLead):
		return func() tea.Msg { return nextLeadMsg{} }
	case key.Matches(msg, k.BANT):
		return m.open(bantEditor(m.lead, now))
	case key.Matches(msg, k.Fit):
		return m.open(fitEditor(m.lead))
	case key.Matches(msg, k.Stage):
		e, err := stageEditor(m.lead)
		if err != nil {
			return status(err.Error(), true, false)
		}
		return m.open(e)
	case key.Matches(msg, k.Consent):
		return m.open(consentEditor(m.lead, now))
	case key.Matches(msg, k.FollowUp):
		return m.open(followUpEditor(m.lead, now))
	case key.Matches(msg, k.Erase):
		return m.open(eraseEditor(m.ctx.tr, m.lead))
	case key.Matches(msg, k.Touch):
		return m.open(touchEditor(m.lead, m.ctx.cadence()))
	case key.Matches(msg, k.Edit):
		return m.open(leadEditor(m.lead))
	case key.Matches(msg, k.Call):
		c := newCallPicker(m, now, m.lead)
		c.SetSize(m.width, m.height)
		m.overlays.push(c)
		return nil
	case key.Matches(msg, k.Plan):
		return m.openPlan()
	case key.Matches(msg, k.Notes):
		n := &notesList{l: m}
		n.SetSize(m.width, m.height)
		m.overlays.push(n)
		return nil
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	}
	return nil
}

// save writes a change to this lead.
func (m *leadModel) save(c change, quit bool) tea.Cmd {
	return saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), c, quit)
}

// createCmd adds a new lead from the contact form's values; the store
// records its "created" event and names the leads it may duplicate.
func createCmd(st *store.Store, c change, by string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		if c.create == nil {
			return createdMsg{err: errors.New("this form does not make a new lead")}
		}
		l := &domain.Lead{BANT: domain.BANT{RepEstimate: -1}, Owner: by, Created: now}
		if err := c.create(l); err != nil {
			return createdMsg{err: err}
		}
		_, dups, err := st.AddLead(l)
		var verr *store.ValidationError
		if errors.As(err, &verr) {
			err = fieldError(verr.Fields[0])
		}
		if err != nil {
			return createdMsg{err: err}
		}
		return createdMsg{lead: l, dups: dups}
	}
}

// saveFailed keeps the form open with what was typed and says why.
func (m *leadModel) saveFailed(err error) tea.Cmd {
	f := m.form()
	if f == nil {
		if c := m.call(); c != nil {
			c.err = plainError(err)
		}
		return status(plainError(err), true, false)
	}
	e := f.e
	e.saving = false
	e.err = plainError(err)
	if e.form.State != huh.StateCompleted {
		// Saved with ctrl+s from a field: the form stays as it is, the
		// cursor where the rep was typing.
		return status("not saved: "+plainError(err), true, false)
	}
	return tea.Batch(f.rebuild(), status("not saved: "+plainError(err), true, false))
}

func (m *leadModel) onSaved(msg savedMsg) tea.Cmd {
	if msg.id != m.id {
		return nil
	}
	if errors.Is(msg.err, domain.ErrNothingChanged) {
		// The form was saved as it was: nothing to write, nothing to record.
		m.closeWork()
		text := msg.what + ": nothing changed, nothing to save"
		if msg.quit {
			return tea.Sequence(status(text, false, false), tea.Quit)
		}
		return status(text, false, false)
	}
	if msg.err != nil {
		if errors.Is(msg.err, domain.ErrNeedsConfirmation) && msg.retry != nil {
			retry := msg.retry
			m.yesNo(msg.err.Error()+" "+m.ctx.keys.answers("yes", "no"),
				func() tea.Cmd { return m.save(retry(), false) },
				func() tea.Cmd {
					if f := m.form(); f != nil {
						m.closeOverlay(f)
					}
					return status("not logged", false, false)
				})
			return nil
		}
		if c := m.call(); c != nil {
			c.err = plainError(msg.err)
			return status("not saved: "+plainError(msg.err), true, false)
		}
		return m.saveFailed(msg.err)
	}
	m.closeWork()
	m.lead = msg.lead
	m.render()
	text := describeSave(msg)
	if msg.quit {
		return tea.Sequence(status(text, false, true), tea.Quit)
	}
	if !m.inPlan() {
		text += " · n next lead"
	}
	return status(text, false, true)
}

// askQuit is the root's ctrl+c while something is unsaved.
func (m *leadModel) askQuit() {
	k := m.ctx.keys
	m.ask(fmt.Sprintf("Unsaved input: %s save and quit · %s discard and quit · %s keep editing",
		firstKey(k.SaveQuit), firstKey(k.DiscardQuit), strings.Join(k.No.Keys(), "/")),
		answer{k.SaveQuit, m.saveAndQuit},
		answer{k.DiscardQuit, func() tea.Cmd { return tea.Quit }},
		answer{k.No, func() tea.Cmd { return nil }})
}

// saveAndQuit saves the open form or call as it stands, then quits.
func (m *leadModel) saveAndQuit() tea.Cmd {
	if f := m.form(); f != nil {
		c, err := f.e.commit()
		if err != nil {
			return m.saveFailed(fmt.Errorf("cannot save yet: %w", err))
		}
		if c.ask != "" || c.erase {
			// A move out of the queue or an erasure is never done in passing.
			return m.saveFailed(errors.New("this one needs your yes first: save it with ctrl+s, or esc to leave it"))
		}
		f.e.saving = true
		if m.id == 0 {
			return tea.Sequence(createCmd(m.ctx.st, c, m.ctx.by, m.ctx.now()), tea.Quit)
		}
		return m.save(c, true)
	}
	if c := m.call(); c != nil && c.step == stepNote {
		return m.save(c.finish().change, true)
	}
	return tea.Quit
}

func (m *leadModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if top := m.overlays.top(); top != nil {
		return clip(top.View(), m.width, m.height)
	}
	return clip(m.pageView(), m.width, m.height)
}

// pageView is the lead page itself, without what is open over it.
func (m *leadModel) pageView() string {
	switch {
	case m.lead == nil && m.err != nil:
		return m.ctx.styles.Error.Render(fmt.Sprintf("Lead %d cannot be shown: %v", m.id, m.err))
	case m.lead == nil:
		return m.ctx.styles.Muted.Render("loading lead…")
	}
	return m.vp.View()
}

func (m *leadModel) ShortHelp() []key.Binding {
	if top := m.overlays.top(); top != nil {
		return top.ShortHelp()
	}
	k := m.ctx.keys
	return []key.Binding{k.Call, k.BANT, k.Fit, k.Stage, k.FollowUp, k.Notes, k.Plan, k.NextLead, k.Help, k.Back}
}

func (m *leadModel) FullHelp() [][]key.Binding {
	if top := m.overlays.top(); top != nil {
		if full := top.FullHelp(); full != nil {
			return full
		}
	}
	return m.pageHelp()
}

// pageHelp is every key of the lead page.
func (m *leadModel) pageHelp() [][]key.Binding {
	k := m.ctx.keys
	return [][]key.Binding{
		{k.Call, k.BANT, k.Fit, k.Stage, k.Touch, k.FollowUp, k.Consent, k.Erase},
		{k.Notes, k.Plan, k.Edit, k.NextLead, k.Back, k.Help, k.Quit},
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
	}
}
