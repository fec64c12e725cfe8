package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
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
		return m.open(leadEditor(m.ctx.tr, nil))
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
	return m.ctx.tr.Percent(int(m.vp.ScrollPercent() * 100))
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
		tr := m.ctx.tr
		text := tr.F("leadscreen.added", msg.lead.ID, msg.lead.Score.Total, tr.Badge(msg.lead.Score.Tier, msg.lead.InQueue()))
		if len(msg.dups) > 0 {
			d := msg.dups[0]
			if d.By == "phone" {
				text += tr.F("leadscreen.duplicate.phone", d.ID)
			} else {
				text += tr.F("leadscreen.duplicate.email", d.ID)
			}
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
	now, tr := m.ctx.now(), m.ctx.tr
	switch {
	case key.Matches(msg, k.Back):
		return back
	case key.Matches(msg, k.NextLead):
		return func() tea.Msg { return nextLeadMsg{} }
	case key.Matches(msg, k.BANT):
		return m.open(bantEditor(tr, m.lead, now))
	case key.Matches(msg, k.Fit):
		return m.open(fitEditor(tr, m.lead))
	case key.Matches(msg, k.Stage):
		e, err := stageEditor(tr, m.lead)
		if err != nil {
			return status(tr.Error(err), true, false)
		}
		return m.open(e)
	case key.Matches(msg, k.Consent):
		return m.open(consentEditor(tr, m.lead, now))
	case key.Matches(msg, k.FollowUp):
		return m.open(followUpEditor(tr, m.lead, now))
	case key.Matches(msg, k.Erase):
		return m.open(eraseEditor(m.ctx.tr, m.lead))
	case key.Matches(msg, k.Touch):
		return m.open(touchEditor(tr, m.lead, m.ctx.cadence()))
	case key.Matches(msg, k.Edit):
		return m.open(leadEditor(tr, m.lead))
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
func createCmd(st *store.Store, tr *i18n.Catalog, c change, by string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		if c.create == nil {
			return createdMsg{err: domain.Problemf("leadscreen.create.notform", "this form does not make a new lead")}
		}
		l := &domain.Lead{BANT: domain.BANT{RepEstimate: -1}, Owner: by, Created: now}
		if err := c.create(l); err != nil {
			return createdMsg{err: err}
		}
		_, dups, err := st.AddLead(l)
		var verr *store.ValidationError
		if errors.As(err, &verr) {
			err = fieldError(tr, verr.Fields[0])
		}
		if err != nil {
			return createdMsg{err: err}
		}
		return createdMsg{lead: l, dups: dups}
	}
}

// errText words an error for the rep, in the rep's language.
func (m *leadModel) errText(err error) string {
	if plain := plainError(err); plain != err.Error() {
		return plain // the disk is full
	}
	return m.ctx.tr.Error(err)
}

// saveFailed keeps the form open with what was typed and says why.
func (m *leadModel) saveFailed(err error) tea.Cmd {
	why := m.errText(err)
	f := m.form()
	if f == nil {
		if c := m.call(); c != nil {
			c.err = why
		}
		return status(why, true, false)
	}
	e := f.e
	e.saving = false
	e.err = why
	notSaved := m.ctx.tr.F("form.notsaved-why", why)
	if e.form.State != huh.StateCompleted {
		// Saved with ctrl+s from a field: the form stays as it is, the
		// cursor where the rep was typing.
		return status(notSaved, true, false)
	}
	return tea.Batch(f.rebuild(), status(notSaved, true, false))
}

func (m *leadModel) onSaved(msg savedMsg) tea.Cmd {
	if msg.id != m.id {
		return nil
	}
	tr := m.ctx.tr
	if errors.Is(msg.err, domain.ErrNothingChanged) {
		// The form was saved as it was: nothing to write, nothing to record.
		m.closeWork()
		text := tr.F("leadscreen.unchanged", msg.what)
		if msg.quit {
			return tea.Sequence(status(text, false, false), tea.Quit)
		}
		return status(text, false, false)
	}
	if msg.err != nil {
		if errors.Is(msg.err, domain.ErrNeedsConfirmation) && msg.retry != nil {
			retry := msg.retry
			m.yesNo(tr.Error(msg.err)+" "+m.ctx.keys.answers(tr.T("form.answer.yes"), tr.T("form.answer.no")),
				func() tea.Cmd { return m.save(retry(), false) },
				func() tea.Cmd {
					if f := m.form(); f != nil {
						m.closeOverlay(f)
					}
					return status(tr.T("leadscreen.notlogged"), false, false)
				})
			return nil
		}
		if c := m.call(); c != nil {
			c.err = m.errText(msg.err)
			return status(tr.F("form.notsaved-why", c.err), true, false)
		}
		return m.saveFailed(msg.err)
	}
	m.closeWork()
	m.lead = msg.lead
	m.render()
	text := describeSave(tr, msg)
	if msg.quit {
		return tea.Sequence(status(text, false, true), tea.Quit)
	}
	if !m.inPlan() {
		text += tr.F("leadscreen.nextlead", firstKey(m.ctx.keys.NextLead))
	}
	return status(text, false, true)
}

// askQuit is the root's ctrl+c while something is unsaved.
func (m *leadModel) askQuit() {
	k := m.ctx.keys
	m.ask(m.ctx.tr.F("leadscreen.quit.ask",
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
			return m.saveFailed(domain.Problemf("leadscreen.quit.notyet", "cannot save yet: %v", err))
		}
		if c.ask != "" || c.erase {
			// A move out of the queue or an erasure is never done in passing.
			k := m.ctx.keys
			return m.saveFailed(domain.Problemf("leadscreen.quit.needsyes", "this one needs your yes first: save it with %s, or %s to leave it",
				firstKey(k.Save), firstKey(k.Cancel)))
		}
		f.e.saving = true
		if m.id == 0 {
			return tea.Sequence(createCmd(m.ctx.st, m.ctx.tr, c, m.ctx.by, m.ctx.now()), tea.Quit)
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
		return m.ctx.styles.Error.Render(m.ctx.tr.F("leadscreen.cannotshow", m.id, m.errText(m.err)))
	case m.lead == nil:
		return m.ctx.styles.Muted.Render(m.ctx.tr.T("leadscreen.loading"))
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
