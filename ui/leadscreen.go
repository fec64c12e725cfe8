package ui

import (
	"errors"
	"fmt"
	"sort"
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
// know and everything that happened — and is where a rep works it: forms
// for BANT, fit, stage, consent and contact, the call picker and the
// enrichment notes open over it.
type leadModel struct {
	ctx *programContext

	id   uint64 // 0 while a new lead is being added
	lead *domain.Lead
	err  error
	vp   viewport.Model

	editor *editor
	call   *callPicker
	notes  bool // the notes list has focus
	noteAt int
	prompt *prompt
	planv  *planView // the plan editor has focus

	width, height int
}

// prompt is a yes/no question over the screen.
type prompt struct {
	kind     promptKind
	question string
	retry    func() change // promptConfirm: the confirmed change
	note     int           // promptDeleteNote: which note
}

type promptKind int

const (
	promptDiscard        promptKind = iota // leave a form with unsaved input?
	promptConfirm                          // the cadence asks: touch again?
	promptDeleteNote                       // delete this note?
	promptQuit                             // quit with unsaved input: save or discard?
	promptDeletePlanItem                   // delete this item of the plan?
	promptSave                             // the form asks before it saves: sure?
)

// statusMsg puts a line in the status bar; changed says a lead was written.
type statusMsg struct {
	text    string
	err     bool
	changed bool
}

// nextLeadMsg asks the root for the next lead of the current tab.
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

func (m *leadModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	*m = next
	return m, cmd
}

// Focus: a form, the call picker or a question has every key, q and ?
// included.
func (m leadModel) Focus() Focus {
	if m.typing() {
		return FocusText
	}
	return FocusFree
}

// GuardQuit asks before ctrl+c loses typed input.
func (m *leadModel) GuardQuit() bool {
	if !m.unsaved() || m.prompt != nil {
		return false
	}
	m.askQuit()
	return true
}

// Position is how far the page is scrolled, while it is not at its end.
func (m leadModel) Position() string {
	if m.lead == nil || m.busy() || m.vp.AtBottom() {
		return ""
	}
	return fmt.Sprintf("%d%%", int(m.vp.ScrollPercent()*100))
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

// busy reports whether a form, picker or question has the keyboard.
func (m leadModel) busy() bool {
	return m.editor != nil || m.call != nil || m.prompt != nil || m.notes || m.planv != nil
}

// typing reports whether keys are text or answers now: a form, the call
// picker or a question has them all, q and ? included.
func (m leadModel) typing() bool { return m.editor != nil || m.call != nil || m.prompt != nil }

// unsaved reports whether leaving now would lose typed input.
func (m leadModel) unsaved() bool {
	return (m.editor != nil && !m.editor.saving && m.editor.dirty()) || (m.call != nil && m.call.dirty())
}

func (m *leadModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.Width, m.vp.Height = max(0, w), max(0, h)
	if m.editor != nil {
		m.sizeForm()
	}
	m.render()
}

// open puts a form over the lead.
func (m *leadModel) open(e *editor) tea.Cmd {
	m.editor = e
	e.form = e.form.WithTheme(m.ctx.styles.Form)
	m.sizeForm()
	return e.form.Init()
}

// editorHead is what stands above the open form: its title, whether it is
// saving, why the last save failed, and what the fields refuse. The form
// shows no errors of its own, so they are never cut off below it.
func (m leadModel) editorHead() string {
	e := m.editor
	title := m.ctx.styles.Section.Render(e.title)
	if e.saving {
		title += "  " + m.ctx.styles.Muted.Render("saving…")
	}
	lines := []string{clip(title, max(1, m.width), 1)} // one line, so a form fits a small terminal
	if e.err != "" {
		lines = append(lines, ansiWrap(m.ctx.styles.Error.Render("not saved: "+e.err), max(1, m.width)))
	}
	for _, err := range e.form.Errors() {
		lines = append(lines, ansiWrap(m.ctx.styles.Error.Render(err.Error()), max(1, m.width)))
	}
	return strings.Join(lines, "\n")
}

// sizeForm gives the form the rows below its head.
func (m *leadModel) sizeForm() {
	e := m.editor
	e.head = strings.Count(m.editorHead(), "\n") + 1
	e.form = e.form.WithWidth(max(10, m.width)).WithHeight(max(2, m.height-e.head))
}

func (m leadModel) update(msg tea.Msg) (leadModel, tea.Cmd) {
	switch msg := msg.(type) {
	case leadMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.lead, m.err = msg.lead, msg.err
		m.render()
		return m, errCmd(msg.err)
	case savedMsg:
		return m.onSaved(msg)
	case erasedMsg:
		if msg.err != nil {
			return m.saveFailed(msg.err)
		}
		m.editor = nil
		return m, tea.Batch(status(msg.text, false, true), func() tea.Msg { return backMsg{} })
	case createdMsg:
		if msg.err != nil {
			return m.saveFailed(msg.err)
		}
		m.editor = nil
		m.id, m.lead = msg.lead.ID, msg.lead
		m.render()
		text := fmt.Sprintf("lead %d added · score %d %s", msg.lead.ID, msg.lead.Score.Total, msg.lead.Badge())
		if len(msg.dups) > 0 {
			d := msg.dups[0]
			text += fmt.Sprintf(" · same %s as lead %d: a duplicate?", d.By, d.ID)
		}
		return m, status(text, false, true)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	// huh's own messages (next field, next group, …) go to the open form.
	if m.editor != nil {
		return m.updateForm(msg)
	}
	return m, nil
}

func status(text string, isErr, changed bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: isErr, changed: changed} }
}

func (m leadModel) onKey(msg tea.KeyMsg) (leadModel, tea.Cmd) {
	switch {
	case m.prompt != nil:
		return m.onPrompt(msg)
	case m.editor != nil:
		if m.editor.saving {
			return m, nil
		}
		if key.Matches(msg, m.ctx.keys.Save) {
			return m.commit(nil) // from any field: the save checks every answer
		}
		if msg.Type == tea.KeyEsc {
			if m.editor.dirty() {
				m.prompt = &prompt{kind: promptDiscard, question: "Discard what you typed? " + m.ctx.keys.answers("discard", "keep editing")}
				return m, nil
			}
			return m.closeEditor()
		}
		return m.updateForm(msg)
	case m.call != nil:
		if msg.Type == tea.KeyEsc && m.call.dirty() {
			m.prompt = &prompt{kind: promptDiscard, question: "Discard this call log? " + m.ctx.keys.answers("discard", "keep editing")}
			return m, nil
		}
		done := m.call.update(msg)
		if done == nil {
			return m, nil
		}
		if done.cancel {
			m.call = nil
			return m, nil
		}
		return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), done.change, false)
	case m.notes:
		return m.onNotesKey(msg)
	case m.planv != nil:
		return m.onPlanKey(msg)
	}
	if m.lead == nil {
		if key.Matches(msg, m.ctx.keys.Back) {
			return m, func() tea.Msg { return backMsg{} }
		}
		return m, nil
	}
	k := m.ctx.keys
	now := m.ctx.now()
	switch {
	case key.Matches(msg, k.Back):
		return m, func() tea.Msg { return backMsg{} }
	case key.Matches(msg, k.NextLead):
		return m, func() tea.Msg { return nextLeadMsg{} }
	case key.Matches(msg, k.BANT):
		return m, m.open(bantEditor(m.lead, now))
	case key.Matches(msg, k.Fit):
		return m, m.open(fitEditor(m.lead))
	case key.Matches(msg, k.Stage):
		e, err := stageEditor(m.lead)
		if err != nil {
			return m, status(err.Error(), true, false)
		}
		return m, m.open(e)
	case key.Matches(msg, k.Consent):
		return m, m.open(consentEditor(m.lead, now))
	case key.Matches(msg, k.FollowUp):
		return m, m.open(followUpEditor(m.lead, now))
	case key.Matches(msg, k.Erase):
		return m, m.open(eraseEditor(m.lead))
	case key.Matches(msg, k.Touch):
		return m, m.open(touchEditor(m.lead, m.ctx.cadence()))
	case key.Matches(msg, k.Edit):
		return m, m.open(leadEditor(m.lead))
	case key.Matches(msg, k.Call):
		m.call = newCallPicker(m.ctx.keys, now, m.lead)
		return m, nil
	case key.Matches(msg, k.Plan):
		return m.openPlan()
	case key.Matches(msg, k.Notes):
		m.notes = true
		m.noteAt = 0
		return m, nil
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
	return m, nil
}

// updateForm feeds the open form and saves once it is complete.
func (m leadModel) updateForm(msg tea.Msg) (leadModel, tea.Cmd) {
	e := m.editor
	f, cmd := e.form.Update(msg)
	if form, ok := f.(*huh.Form); ok {
		e.form = form
	}
	if strings.Count(m.editorHead(), "\n")+1 != e.head {
		m.sizeForm() // an error came or went
	}
	if e.form.State != huh.StateCompleted || e.saving {
		return m, cmd
	}
	return m.commit(cmd)
}

// commit turns the completed form into a write.
func (m leadModel) commit(cmd tea.Cmd) (leadModel, tea.Cmd) {
	e := m.editor
	c, err := e.commit()
	if err != nil {
		return m.saveFailed(err)
	}
	if c.ask != "" {
		ask := c
		ask.ask = ""
		m.prompt = &prompt{kind: promptSave, question: c.ask + " " + m.ctx.keys.answers("yes", "no"), retry: func() change { return ask }}
		return m, cmd
	}
	e.saving = true
	if c.erase {
		return m, tea.Batch(cmd, eraseCmd(m.ctx.st, m.id, m.ctx.backupDir))
	}
	if m.id == 0 {
		return m, tea.Batch(cmd, createCmd(m.ctx.st, c, m.ctx.by, m.ctx.now()))
	}
	return m, tea.Batch(cmd, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), c, false))
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
func (m leadModel) saveFailed(err error) (leadModel, tea.Cmd) {
	if m.editor == nil {
		if m.call != nil {
			m.call.err = plainError(err)
		}
		return m, status(plainError(err), true, false)
	}
	e := m.editor
	e.saving = false
	e.err = plainError(err)
	e.themed(m.ctx.styles.Form)
	m.sizeForm()
	return m, tea.Batch(e.form.Init(), status("not saved: "+plainError(err), true, false))
}

func (m leadModel) onSaved(msg savedMsg) (leadModel, tea.Cmd) {
	if msg.id != m.id {
		return m, nil
	}
	if errors.Is(msg.err, domain.ErrNothingChanged) {
		// The form was saved as it was: nothing to write, nothing to record.
		m.editor, m.call = nil, nil
		text := msg.what + ": nothing changed, nothing to save"
		if msg.quit {
			return m, tea.Sequence(status(text, false, false), tea.Quit)
		}
		return m, status(text, false, false)
	}
	if msg.err != nil {
		if errors.Is(msg.err, domain.ErrNeedsConfirmation) && msg.retry != nil {
			m.prompt = &prompt{kind: promptConfirm, question: msg.err.Error() + " " + m.ctx.keys.answers("yes", "no"), retry: msg.retry}
			return m, nil
		}
		if m.call != nil {
			m.call.err = plainError(msg.err)
			return m, status("not saved: "+plainError(msg.err), true, false)
		}
		return m.saveFailed(msg.err)
	}
	m.editor, m.call = nil, nil
	m.lead = msg.lead
	if m.noteAt >= len(m.lead.Notes) {
		m.noteAt = max(0, len(m.lead.Notes)-1)
	}
	m.render()
	text := describeSave(msg)
	if msg.quit {
		return m, tea.Sequence(status(text, false, true), tea.Quit)
	}
	if m.planv == nil {
		text += " · n next lead"
	}
	return m, status(text, false, true)
}

func (m leadModel) closeEditor() (leadModel, tea.Cmd) {
	m.editor = nil
	if m.id == 0 { // a new lead that was never saved
		return m, func() tea.Msg { return backMsg{} }
	}
	return m, nil
}

func (m leadModel) onPrompt(msg tea.KeyMsg) (leadModel, tea.Cmd) {
	p, k := m.prompt, m.ctx.keys
	switch p.kind {
	case promptQuit:
		switch {
		case key.Matches(msg, k.SaveQuit):
			m.prompt = nil
			return m.saveAndQuit()
		case key.Matches(msg, k.DiscardQuit):
			return m, tea.Quit
		case key.Matches(msg, k.No):
			m.prompt = nil
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Yes):
		m.prompt = nil
		switch p.kind {
		case promptDiscard:
			m.call = nil
			return m.closeEditor()
		case promptConfirm:
			return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), p.retry(), false)
		case promptSave:
			if m.editor != nil {
				m.editor.saving = true
			}
			return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), p.retry(), false)
		case promptDeletePlanItem:
			return m, m.deletePlanItem(p.note)
		case promptDeleteNote:
			i := p.note
			return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), change{what: "note deleted", mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.DeleteNote(i, now, by)
			}}, false)
		}
	case key.Matches(msg, k.No):
		m.prompt = nil
		switch p.kind {
		case promptConfirm:
			m.editor = nil
			return m, status("not logged", false, false)
		case promptSave:
			// Back to the form, as it was, to choose again.
			if m.editor != nil {
				m.editor.themed(m.ctx.styles.Form)
				m.sizeForm()
				return m, tea.Batch(m.editor.form.Init(), status("not saved", false, false))
			}
		}
	}
	return m, nil
}

// askQuit is the root's ctrl+c while something is unsaved.
func (m *leadModel) askQuit() {
	k := m.ctx.keys
	m.prompt = &prompt{kind: promptQuit, question: fmt.Sprintf("Unsaved input: %s save and quit · %s discard and quit · %s keep editing",
		firstKey(k.SaveQuit), firstKey(k.DiscardQuit), strings.Join(k.No.Keys(), "/"))}
}

// saveAndQuit saves the open form or call as it stands, then quits.
func (m leadModel) saveAndQuit() (leadModel, tea.Cmd) {
	switch {
	case m.editor != nil:
		c, err := m.editor.commit()
		if err != nil {
			return m.saveFailed(fmt.Errorf("cannot save yet: %w", err))
		}
		if c.ask != "" || c.erase {
			// A move out of the queue or an erasure is never done in passing.
			return m.saveFailed(errors.New("this one needs your yes first: save it with ctrl+s, or esc to leave it"))
		}
		m.editor.saving = true
		if m.id == 0 {
			return m, tea.Sequence(createCmd(m.ctx.st, c, m.ctx.by, m.ctx.now()), tea.Quit)
		}
		return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), c, true)
	case m.call != nil && m.call.step == stepNote:
		done := m.call.update(tea.KeyMsg{Type: tea.KeyEnter})
		if done != nil && !done.cancel {
			return m, saveCmd(m.ctx.st, m.id, m.ctx.by, m.ctx.now(), done.change, true)
		}
	}
	return m, tea.Quit
}

func (m leadModel) onNotesKey(msg tea.KeyMsg) (leadModel, tea.Cmd) {
	k := m.ctx.keys
	n := len(m.lead.Notes)
	switch {
	case key.Matches(msg, k.Back):
		m.notes = false
	case key.Matches(msg, k.Down):
		m.noteAt = min(m.noteAt+1, max(0, n-1))
	case key.Matches(msg, k.Up):
		m.noteAt = max(m.noteAt-1, 0)
	case key.Matches(msg, k.Add):
		return m, m.open(noteEditor(m.lead, -1))
	case key.Matches(msg, k.Open), key.Matches(msg, k.Edit):
		if n > 0 {
			return m, m.open(noteEditor(m.lead, m.noteIndex()))
		}
	case key.Matches(msg, k.Delete):
		if n > 0 {
			i := m.noteIndex()
			m.prompt = &prompt{kind: promptDeleteNote, note: i, question: fmt.Sprintf("Delete the %s note? %s", m.lead.Notes[i].Kind.Label(), m.ctx.keys.answers("delete", "keep"))}
		}
	}
	return m, nil
}

// notesNewestFirst is the order notes are shown in, as indexes into
// notes; the cursor of the notes list maps back through it.
func notesNewestFirst(notes []domain.Note) []int {
	idx := make([]int, len(notes))
	for i := range idx {
		idx[i] = len(idx) - 1 - i
	}
	// Notes are appended as they are written, so reversed is newest first;
	// a stable sort keeps that for equal times.
	sort.SliceStable(idx, func(a, b int) bool { return notes[idx[a]].Created.After(notes[idx[b]].Created) })
	return idx
}

func (m leadModel) noteIndex() int {
	order := notesNewestFirst(m.lead.Notes)
	if m.noteAt < len(order) {
		return order[m.noteAt]
	}
	return 0
}

func (m leadModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var body string
	switch {
	case m.editor != nil:
		body = m.editorHead() + "\n" + m.editor.form.View()
	case m.call != nil:
		body = m.call.view(m.ctx.styles, m.width)
	case m.notes:
		body = m.notesView()
	case m.planv != nil && m.lead != nil:
		body = m.planViewText()
	case m.lead == nil && m.err != nil:
		body = m.ctx.styles.Error.Render(fmt.Sprintf("Lead %d cannot be shown: %v", m.id, m.err))
	case m.lead == nil:
		body = m.ctx.styles.Muted.Render("loading lead…")
	default:
		body = m.vp.View()
	}
	if m.prompt != nil {
		body = m.ctx.styles.Error.Render(m.prompt.question) + "\n" + body
	}
	return clip(body, m.width, m.height)
}

func (m leadModel) notesView() string {
	s := m.ctx.styles
	var b strings.Builder
	b.WriteString(s.Section.Render("ENRICHMENT NOTES — " + m.lead.DisplayName()))
	b.WriteString("\n")
	if len(m.lead.Notes) == 0 {
		b.WriteString(s.Muted.Render("none yet: a adds one (website, team page and direct dial, newsletter, social media, press, events)"))
		return b.String()
	}
	now := m.ctx.now()
	for pos, i := range notesNewestFirst(m.lead.Notes) {
		n := m.lead.Notes[i]
		marker := "  "
		if pos == m.noteAt {
			marker = "▸ "
		}
		head := marker + n.Created.In(now.Location()).Format("02.01.2006") + "  " + s.Title.Render(n.Kind.Label())
		if n.URL != "" {
			head += "  " + s.Accent.Render(n.URL)
		}
		b.WriteString(ansiWrap(head, m.width) + "\n")
		for _, t := range strings.Split(n.Text, "\n") {
			b.WriteString(ansiWrap("    "+t, m.width) + "\n")
		}
	}
	return b.String()
}

func (m leadModel) ShortHelp() []key.Binding {
	k := m.ctx.keys
	switch {
	case m.editor != nil:
		// One help bar: what the focused field takes, then save and cancel.
		var out []key.Binding
		for _, b := range m.editor.form.KeyBinds() {
			if b.Enabled() && b.Help().Key != "" {
				out = append(out, b)
			}
		}
		return append(out, k.Save, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")))
	case m.call != nil, m.prompt != nil:
		return nil
	case m.notes:
		return []key.Binding{k.Add, k.Open, k.Delete, k.Down, k.Up, k.Back}
	case m.planv != nil:
		return m.planHelp()
	}
	return []key.Binding{k.Call, k.BANT, k.Fit, k.Stage, k.FollowUp, k.Notes, k.Plan, k.NextLead, k.Help, k.Back}
}

func (m leadModel) FullHelp() [][]key.Binding {
	k := m.ctx.keys
	if m.planv != nil {
		return [][]key.Binding{
			{k.Open, k.Add, k.Delete, k.MoveUp, k.MoveDown},
			{k.NextTab, k.PrevTab, k.Down, k.Up, k.Export, k.Back},
		}
	}
	return [][]key.Binding{
		{k.Call, k.BANT, k.Fit, k.Stage, k.Touch, k.FollowUp, k.Consent, k.Erase},
		{k.Notes, k.Plan, k.Edit, k.NextLead, k.Back, k.Help, k.Quit},
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
	}
}
