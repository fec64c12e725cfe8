package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// A change is what a form produces once confirmed: a mutation of the lead
// that the store writes together with the re-score and the history entry,
// in one transaction.
type change struct {
	what string // "BANT", "fit", … for the status bar, in the rep's language
	// done, when set, is the whole status line of a save that is more
	// than "what saved" ("note deleted").
	done   string
	mutate func(l *domain.Lead, now time.Time, by string) error
	// create, when set, fills a new lead from the form (the contact form
	// only); the store records its creation.
	create func(l *domain.Lead) error
	// retry, when set, builds the confirmed mutation after the rep said
	// yes to the question the first attempt asked (cadence).
	retry func() change
	// ask, when set, is a question to answer yes before the change is
	// written (a move that ends the lead's time in the queue); no keeps
	// the form open.
	ask string
	// erase says the form confirmed erasing the lead for good: not an
	// edit but leadq forget.
	erase bool
}

// savedMsg reports a write.
type savedMsg struct {
	id     uint64
	what   string
	done   string
	before domain.ScoreResult
	lead   *domain.Lead
	err    error
	retry  func() change
	quit   bool // the rep asked to save and quit
}

// saveCmd writes a change in a Cmd.
func saveCmd(st *store.Store, id uint64, by string, now time.Time, c change, quit bool) tea.Cmd {
	return func() tea.Msg {
		var before domain.ScoreResult
		l, err := st.Update(id, func(l *domain.Lead) error {
			before = l.Score
			return c.mutate(l, now, by)
		})
		return savedMsg{id: id, what: c.what, done: c.done, before: before, lead: l, err: err, retry: c.retry, quit: quit}
	}
}

// createdMsg reports a new lead.
type createdMsg struct {
	lead *domain.Lead
	dups []store.Duplicate // other leads with the same email or phone
	err  error
}

// editor is a huh form open over a screen. The values it binds live behind
// pointers, so the form survives the model being copied.
type editor struct {
	title  string
	form   *huh.Form
	build  func() *huh.Form       // a fresh form on the same values, after a failed save
	dirty  func() bool            // anything typed that is not saved
	commit func() (change, error) // reads the values into a change
	saving bool
	err    string // why the last save failed; the form stays open
	head   int    // lines above the form when it was last sized
	// live, when set, re-words the texts that follow what is typed (how an
	// amount reads, whether a reason is required). It runs after every
	// update, in the update: huh's *Func texts run in a command of their
	// own and would read the values while the next key writes them.
	live *func()
}

// newForm builds a form in leadq's shape: Esc is ours (cancel), ctrl+c the
// root's, and it does not quit the program when submitted. It takes the
// app's theme and huh's key help in the rep's language when it opens
// (open, themed).
func newForm(groups ...*huh.Group) *huh.Form {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	// The app draws the one help bar: the field's keys, ctrl+s and esc.
	f := huh.NewForm(groups...).WithKeyMap(km).WithShowHelp(false).WithShowErrors(false)
	f.SubmitCmd = nil
	f.CancelCmd = nil
	return f
}

// formKeys is huh's key map with its help in the catalog's language, for
// the keys huh draws in the help bar ("enter next", "/ filter"). Quit is
// off: ctrl+c is the root's.
func formKeys(tr *i18n.Catalog) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	for _, h := range []struct {
		b  *key.Binding
		id string
	}{
		{&km.Input.AcceptSuggestion, "form.keys.complete"},
		{&km.Input.Prev, "form.keys.back"},
		{&km.Input.Next, "form.keys.next"},
		{&km.Input.Submit, "form.keys.submit"},
		{&km.Text.Prev, "form.keys.back"},
		{&km.Text.Next, "form.keys.next"},
		{&km.Text.Submit, "form.keys.submit"},
		{&km.Text.NewLine, "form.keys.newline"},
		{&km.Text.Editor, "form.keys.editor"},
		{&km.Select.Prev, "form.keys.back"},
		{&km.Select.Next, "form.keys.select"},
		{&km.Select.Submit, "form.keys.submit"},
		{&km.Select.Up, "form.keys.up"},
		{&km.Select.Down, "form.keys.down"},
		{&km.Select.Left, "form.keys.left"},
		{&km.Select.Right, "form.keys.right"},
		{&km.Select.Filter, "form.keys.filter"},
		{&km.Select.SetFilter, "form.keys.setfilter"},
		{&km.Select.ClearFilter, "form.keys.clearfilter"},
		{&km.Select.HalfPageUp, "form.keys.halfpageup"},
		{&km.Select.HalfPageDown, "form.keys.halfpagedown"},
		{&km.Select.GotoTop, "form.keys.start"},
		{&km.Select.GotoBottom, "form.keys.end"},
		{&km.MultiSelect.Prev, "form.keys.back"},
		{&km.MultiSelect.Next, "form.keys.confirm"},
		{&km.MultiSelect.Submit, "form.keys.submit"},
		{&km.MultiSelect.Toggle, "form.keys.toggle"},
		{&km.MultiSelect.Up, "form.keys.up"},
		{&km.MultiSelect.Down, "form.keys.down"},
		{&km.MultiSelect.Filter, "form.keys.filter"},
		{&km.MultiSelect.SetFilter, "form.keys.setfilter"},
		{&km.MultiSelect.ClearFilter, "form.keys.clearfilter"},
		{&km.MultiSelect.HalfPageUp, "form.keys.halfpageup"},
		{&km.MultiSelect.HalfPageDown, "form.keys.halfpagedown"},
		{&km.MultiSelect.GotoTop, "form.keys.start"},
		{&km.MultiSelect.GotoBottom, "form.keys.end"},
		{&km.MultiSelect.SelectAll, "form.keys.selectall"},
		{&km.MultiSelect.SelectNone, "form.keys.selectnone"},
		{&km.Note.Prev, "form.keys.back"},
		{&km.Note.Next, "form.keys.next"},
		{&km.Note.Submit, "form.keys.submit"},
		{&km.Confirm.Prev, "form.keys.back"},
		{&km.Confirm.Next, "form.keys.next"},
		{&km.Confirm.Submit, "form.keys.submit"},
		{&km.Confirm.Toggle, "form.keys.toggle"},
		{&km.Confirm.Accept, "form.keys.yes"},
		{&km.Confirm.Reject, "form.keys.no"},
		{&km.FilePicker.GotoTop, "form.keys.first"},
		{&km.FilePicker.GotoBottom, "form.keys.last"},
		{&km.FilePicker.PageUp, "form.keys.pageup"},
		{&km.FilePicker.PageDown, "form.keys.pagedown"},
		{&km.FilePicker.Back, "form.keys.back"},
		{&km.FilePicker.Select, "form.keys.select"},
		{&km.FilePicker.Up, "form.keys.up"},
		{&km.FilePicker.Down, "form.keys.down"},
		{&km.FilePicker.Open, "form.keys.open"},
		{&km.FilePicker.Close, "form.keys.close"},
		{&km.FilePicker.Prev, "form.keys.back"},
		{&km.FilePicker.Next, "form.keys.next"},
		{&km.FilePicker.Submit, "form.keys.submit"},
	} {
		h.b.SetHelp(keyLabel(tr, h.b.Help().Key), tr.T(h.id))
	}
	return km
}

// themed builds the form afresh on the same values, in the app's theme
// and with huh's key help in the rep's language.
func (e *editor) themed(th *huh.Theme, tr *i18n.Catalog) {
	e.form = e.build().WithTheme(th).WithKeyMap(formKeys(tr))
}

// describeSave words a save for the status bar: what, and how the score moved.
func describeSave(tr *i18n.Catalog, msg savedMsg) string {
	l := msg.lead
	s := msg.done
	if s == "" {
		s = tr.F("form.saved", msg.what)
	}
	if l == nil {
		return s
	}
	badge := tr.Badge(l.Score.Tier, l.InQueue())
	if msg.before.Total != l.Score.Total || msg.before.Tier != l.Score.Tier {
		return tr.F("form.saved-score-moved", s, msg.before.Total, l.Score.Total, badge)
	}
	return tr.F("form.saved-score", s, l.Score.Total, badge)
}

// choice is a huh select that draws the option it will save from the
// first frame. huh scrolls a list so that the option bound when the
// options are set is on its first row, hiding those above it; choice
// binds the first option while the options are set, so the list starts at
// its top, and then the real value, which moves the cursor onto it.
type choice[T comparable] struct {
	*huh.Select[T]
	value  *T
	opts   []huh.Option[T]
	inline bool
}

// choose binds value and opts to sel (titled, but without options or
// value yet).
func choose[T comparable](sel *huh.Select[T], value *T, opts ...huh.Option[T]) *choice[T] {
	c := &choice[T]{Select: sel, value: value, opts: opts}
	c.setOptions(opts)
	return c
}

// chooseInline is choose for a select that shows one option at a time,
// left and right to change it. It has no filter: huh words a filter that
// matches nothing "No matches", in English only, and three or four
// options need none.
func chooseInline[T comparable](sel *huh.Select[T], value *T, opts ...huh.Option[T]) *choice[T] {
	c := choose(sel.Inline(true), value, opts...)
	c.inline = true
	return c
}

// selectFilter is the key that starts huh's filter in a select.
var selectFilter = huh.NewDefaultKeyMap().Select.Filter

// KeyBinds are the select's, without the filter when it has none.
func (c *choice[T]) KeyBinds() []key.Binding {
	all := c.Select.KeyBinds()
	if !c.inline {
		return all
	}
	out := all[:0:0]
	for _, b := range all {
		if !slices.Equal(b.Keys(), selectFilter.Keys()) {
			out = append(out, b)
		}
	}
	return out
}

func (c *choice[T]) setOptions(opts []huh.Option[T]) {
	if len(opts) > 0 {
		top := opts[0].Value
		c.Select.Value(&top).Options(opts...)
	}
	c.Select.Value(c.value)
}

// WithWidth cuts the labels to one line: huh counts a list in options, not
// in the lines a long label wraps into, and would scroll the cursor away.
func (c *choice[T]) WithWidth(w int) huh.Field {
	c.Select.WithWidth(w)
	opts := make([]huh.Option[T], len(c.opts))
	for i, o := range c.opts {
		opts[i] = huh.NewOption(ansi.Truncate(o.Key, max(1, w-6), "…"), o.Value)
	}
	c.setOptions(opts)
	c.reveal()
	return c
}

// WithHeight is called when the form has fewer rows than the field needs:
// the cursor's option must stay in sight.
func (c *choice[T]) WithHeight(h int) huh.Field {
	c.Select.WithHeight(h)
	c.reveal()
	return c
}

// Focus reveals the cursor as the focused list lays it out.
func (c *choice[T]) Focus() tea.Cmd {
	cmd := c.Select.Focus()
	c.reveal()
	return cmd
}

// revealKey is bound to nothing; on any key huh scrolls the cursor's
// option into the rows the list has.
var revealKey = tea.KeyMsg{Type: tea.KeyF20}

func (c *choice[T]) reveal() {
	c.Select.View() // lays the options out in the rows there are
	c.Select.Update(revealKey)
}

// Update keeps the choice around the select, as huh stores what Update returns.
func (c *choice[T]) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && c.inline && key.Matches(k, selectFilter) {
		return c, nil
	}
	_, cmd := c.Select.Update(msg)
	return c, cmd
}

// formView is a form open over the lead screen.
type formView struct {
	l             *leadModel
	e             *editor
	width, height int
}

// open puts a form over the top of the lead screen.
func (m *leadModel) open(e *editor) tea.Cmd {
	e.form = e.form.WithTheme(m.ctx.styles.FormTheme()).WithKeyMap(formKeys(m.ctx.tr))
	f := &formView{l: m, e: e}
	f.SetSize(m.width, m.height)
	m.overlays.push(f)
	return e.form.Init()
}

func (f *formView) Init() tea.Cmd { return nil }

// dirty reports whether closing now would lose typed input.
func (f *formView) dirty() bool { return !f.e.saving && f.e.dirty() }

// Focus: a form has every key; q typed into a name is a letter.
func (f *formView) Focus() Focus { return FocusText }

// head is what stands above the form: its title, whether it is saving,
// why the last save failed, and what the fields refuse. The form shows no
// errors of its own, so they are never cut off below it.
func (f *formView) head() string {
	e, s, w, tr := f.e, f.l.ctx.styles, max(1, f.width), f.l.ctx.tr
	title := s.Section.Render(e.title)
	if e.saving {
		title += "  " + s.Muted.Render(tr.T("form.saving"))
	}
	lines := []string{clip(title, w, 1)} // one line, so a form fits a small terminal
	if e.err != "" {
		lines = append(lines, ansiWrap(s.Error.Render(tr.F("form.notsaved-why", e.err)), w))
	}
	for _, err := range e.form.Errors() {
		lines = append(lines, ansiWrap(s.Error.Render(tr.Error(err)), w))
	}
	return strings.Join(lines, "\n")
}

// SetSize gives the form the rows below its head.
func (f *formView) SetSize(w, h int) {
	f.width, f.height = w, h
	e := f.e
	e.head = strings.Count(f.head(), "\n") + 1
	e.form = e.form.WithWidth(max(10, w)).WithHeight(max(2, h-e.head))
}

// rebuild starts the form afresh on the values typed so far.
func (f *formView) rebuild() tea.Cmd {
	f.e.themed(f.l.ctx.styles.FormTheme(), f.l.ctx.tr)
	f.SetSize(f.width, f.height)
	return f.e.form.Init()
}

func (f *formView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case f.e.saving:
			return f, nil
		case key.Matches(msg, f.l.ctx.keys.Save):
			return f, f.commit(nil) // from any field: the save checks every answer
		case key.Matches(msg, f.l.ctx.keys.Cancel):
			if f.e.dirty() {
				tr := f.l.ctx.tr
				f.l.yesNo(tr.T("form.discard")+" "+f.l.ctx.keys.answers(tr.T("form.answer.discard"), tr.T("form.answer.keep")), f.l.discard, nil)
				return f, nil
			}
			return f, f.close()
		}
	}
	return f, f.update(msg)
}

// close leaves the form; a new lead that was never saved leaves the screen.
func (f *formView) close() tea.Cmd {
	f.l.closeOverlay(f)
	if f.l.id == 0 {
		return back
	}
	return nil
}

// redrawMsg makes a form draw itself anew; no field takes it.
type redrawMsg struct{}

func first(m tea.Model, _ tea.Cmd) tea.Model { return m }

// update feeds the form and saves once it is complete.
func (f *formView) update(msg tea.Msg) tea.Cmd {
	e := f.e
	next, cmd := e.form.Update(msg)
	if form, ok := next.(*huh.Form); ok {
		e.form = form
	}
	if e.live != nil && *e.live != nil {
		(*e.live)()
		// huh draws a group when it updates: one more, of a message no
		// field takes, draws the new words.
		if form, ok := first(e.form.Update(redrawMsg{})).(*huh.Form); ok {
			e.form = form
		}
	}
	if strings.Count(f.head(), "\n")+1 != e.head {
		f.SetSize(f.width, f.height) // an error came or went
	}
	if e.form.State != huh.StateCompleted || e.saving {
		return cmd
	}
	return f.commit(cmd)
}

// commit turns the completed form into a write.
func (f *formView) commit(cmd tea.Cmd) tea.Cmd {
	l, e, tr := f.l, f.e, f.l.ctx.tr
	c, err := e.commit()
	if err != nil {
		return l.saveFailed(err)
	}
	if c.ask != "" {
		ask := c
		ask.ask = ""
		l.yesNo(c.ask+" "+l.ctx.keys.answers(tr.T("form.answer.yes"), tr.T("form.answer.no")),
			func() tea.Cmd {
				e.saving = true
				return l.save(ask, false)
			},
			func() tea.Cmd {
				// Back to the form, as it was, to choose again.
				return tea.Batch(f.rebuild(), status(tr.T("form.notsaved"), false, false))
			})
		return cmd
	}
	e.saving = true
	switch {
	case c.erase:
		return tea.Batch(cmd, eraseCmd(l.ctx.tr, l.ctx.st, l.id, l.ctx.backupDir))
	case l.id == 0:
		return tea.Batch(cmd, createCmd(l.ctx.st, l.ctx.tr, c, l.ctx.by, l.ctx.now()))
	}
	return tea.Batch(cmd, l.save(c, false))
}

func (f *formView) View() string { return f.head() + "\n" + f.e.form.View() }

// ShortHelp is one help bar: what the focused field takes, then save and
// cancel.
func (f *formView) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, b := range f.e.form.KeyBinds() {
		if b.Enabled() && b.Help().Key != "" {
			out = append(out, b)
		}
	}
	return append(out, f.l.ctx.keys.Save, f.l.ctx.keys.Cancel)
}

func (f *formView) FullHelp() [][]key.Binding { return nil }
