package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
)

// A change is what a form produces once confirmed: a mutation of the lead
// that the store writes together with the re-score and the history entry,
// in one transaction.
type change struct {
	what   string // "BANT", "fit", … for the status bar
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
		return savedMsg{id: id, what: c.what, before: before, lead: l, err: err, retry: c.retry, quit: quit}
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
// app's theme when it opens (themed).
func newForm(groups ...*huh.Group) *huh.Form {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	// The app draws the one help bar: the field's keys, ctrl+s and esc.
	f := huh.NewForm(groups...).WithKeyMap(km).WithShowHelp(false).WithShowErrors(false)
	f.SubmitCmd = nil
	f.CancelCmd = nil
	return f
}

// themed builds the form afresh on the same values, in the app's theme.
func (e *editor) themed(th *huh.Theme) { e.form = e.build().WithTheme(th) }

// describeSave words a save for the status bar: what, and how the score moved.
func describeSave(msg savedMsg) string {
	l := msg.lead
	s := fmt.Sprintf("%s saved", msg.what)
	if l == nil {
		return s
	}
	if msg.before.Total != l.Score.Total || msg.before.Tier != l.Score.Tier {
		return fmt.Sprintf("%s · score %d → %d %s", s, msg.before.Total, l.Score.Total, l.Badge())
	}
	return fmt.Sprintf("%s · score %d %s", s, l.Score.Total, l.Badge())
}

// choice is a huh select that draws the option it will save from the
// first frame. huh scrolls a list so that the option bound when the
// options are set is on its first row, hiding those above it; choice
// binds the first option while the options are set, so the list starts at
// its top, and then the real value, which moves the cursor onto it.
type choice[T comparable] struct {
	*huh.Select[T]
	value *T
	opts  []huh.Option[T]
}

// choose binds value and opts to sel (titled, inline or not, but without
// options or value yet).
func choose[T comparable](sel *huh.Select[T], value *T, opts ...huh.Option[T]) *choice[T] {
	c := &choice[T]{Select: sel, value: value, opts: opts}
	c.setOptions(opts)
	return c
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
	e.form = e.form.WithTheme(m.ctx.styles.FormTheme())
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
	e, s, w := f.e, f.l.ctx.styles, max(1, f.width)
	title := s.Section.Render(e.title)
	if e.saving {
		title += "  " + s.Muted.Render("saving…")
	}
	lines := []string{clip(title, w, 1)} // one line, so a form fits a small terminal
	if e.err != "" {
		lines = append(lines, ansiWrap(s.Error.Render("not saved: "+e.err), w))
	}
	for _, err := range e.form.Errors() {
		lines = append(lines, ansiWrap(s.Error.Render(err.Error()), w))
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
	f.e.themed(f.l.ctx.styles.FormTheme())
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
				f.l.yesNo("Discard what you typed? "+f.l.ctx.keys.answers("discard", "keep editing"), f.l.discard, nil)
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
	l, e := f.l, f.e
	c, err := e.commit()
	if err != nil {
		return l.saveFailed(err)
	}
	if c.ask != "" {
		ask := c
		ask.ask = ""
		l.yesNo(c.ask+" "+l.ctx.keys.answers("yes", "no"),
			func() tea.Cmd {
				e.saving = true
				return l.save(ask, false)
			},
			func() tea.Cmd {
				// Back to the form, as it was, to choose again.
				return tea.Batch(f.rebuild(), status("not saved", false, false))
			})
		return cmd
	}
	e.saving = true
	switch {
	case c.erase:
		return tea.Batch(cmd, eraseCmd(l.ctx.tr, l.ctx.st, l.id, l.ctx.backupDir))
	case l.id == 0:
		return tea.Batch(cmd, createCmd(l.ctx.st, c, l.ctx.by, l.ctx.now()))
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
