// Package ui is leadq's terminal interface: the lead queue and the lead
// screen, built on Bubble Tea.
package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// Options configure the app.
type Options struct {
	Config domain.Config
	Now    func() time.Time // clock; default time.Now
	Notice string           // shown in the status bar at start, e.g. that the database is a read-only copy
	By     string           // who works the leads, written into their history
	// Notices brings word from work running beside the queue (a daily
	// backup that failed): each line is shown in the status bar.
	Notices <-chan string
	// BackupDir is where the database's backups are (default: backups/
	// beside it): erasing a person rewrites them too.
	BackupDir string
	// Lang is the language the screens speak; empty: English.
	Lang i18n.Lang
}

// overQueue are the screens a key opens over the queue: a new screen is
// its own file and one line here.
var overQueue = []struct {
	key  func(*KeyMap) key.Binding
	open func(*programContext) tea.Cmd
}{
	{func(k *KeyMap) key.Binding { return k.Import }, openImport},
}

// Model is the root: it holds the screens as a stack over the queue, the
// status bar and the help, and routes messages without knowing a screen's
// insides: keys go to the top screen, everything else to every screen.
type Model struct {
	ctx     *programContext
	keys    KeyMap
	styles  Styles
	changed bool // a lead was written since the screen below last read

	screens stack

	help     help.Model
	fullHelp bool

	status    string
	notices   <-chan string
	statusErr bool

	// The background re-score: its progress, and how to stop it on quit.
	rescoring     bool
	rescoreDone   int
	rescoreTotal  int
	rescoreCh     chan rescoreProgressMsg
	cancelRescore context.CancelFunc

	// Watching the file: the generation last seen, what was due when the
	// watch last looked, and when the counts were last read.
	fileGen   uint64
	dueSeen   time.Time
	countedAt time.Time

	width, height int
	quitting      bool
}

// New builds the app on an open store. It fails when the config's [keys]
// or [theme] sections name something that does not exist.
func New(st *store.Store, opt Options) (*Model, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := CheckConfig(opt.Config); err != nil {
		return nil, err
	}
	tr := i18n.For(opt.Lang)
	keys := KeyMapIn(tr)
	if err := keys.Apply(opt.Config.Keys); err != nil {
		return nil, err
	}
	keys.nameKeys(tr)
	theme := DefaultTheme()
	if err := theme.Apply(opt.Config.Theme); err != nil {
		return nil, err
	}
	m := &Model{keys: keys, styles: NewStyles(theme), help: help.New(), status: opt.Notice, notices: opt.Notices}
	m.ctx = &programContext{st: st, cfg: opt.Config, keys: &m.keys, styles: &m.styles, now: opt.Now, by: opt.By, backupDir: opt.BackupDir,
		tr: tr}
	m.help.Styles.ShortKey = m.styles.Accent
	m.help.Styles.FullKey = m.styles.Accent
	m.screens.push(newQueue(m.ctx))
	// What the queue is about to read is the state to watch from.
	m.fileGen, _ = st.FileGeneration()
	m.dueSeen, m.countedAt = opt.Now(), opt.Now()
	return m, nil
}

func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.screens.top().Init(), m.startRescore(), watch(), waitNotice(m.notices))
}

// noticeMsg is a line from work running beside the queue.
type noticeMsg string

// waitNotice waits for the next notice; none comes once the channel closes.
func waitNotice(ch <-chan string) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		text, ok := <-ch
		if !ok {
			return nil
		}
		return noticeMsg(text)
	}
}

// rescoreAge is how old the last full re-score may be before the next.
const rescoreAge = 24 * time.Hour

// rescoredMsg reports the end of the background re-score.
type rescoredMsg struct {
	n   int
	err error
}

// rescoreProgressMsg is how far the re-score has got.
type rescoreProgressMsg struct{ done, total int }

// startRescore brings the scores up to date in the background when the
// rules changed or the last re-score is a day old, so engagement decays on
// leads nobody touched; the rep works on meanwhile. Progress comes back
// through a channel that waitRescore reads, one message at a time.
func (m *Model) startRescore() tea.Cmd {
	if m.ctx.st.ReadOnly() {
		return nil // nothing can be written; reads score with the current rules
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan rescoreProgressMsg, 1)
	m.rescoring, m.rescoreCh, m.cancelRescore = true, ch, cancel
	st := m.ctx.st
	run := func() tea.Msg {
		defer close(ch)
		n, err := st.RescoreIfStale(ctx, rescoreAge, func(done, total int) {
			latest(ch, rescoreProgressMsg{done: done, total: total})
		})
		return rescoredMsg{n: n, err: err}
	}
	return tea.Batch(run, waitRescore(ch))
}

// latest puts p on ch, replacing a report the UI has not read yet: the
// re-score and the import never wait for the screen.
func latest[T any](ch chan T, p T) {
	for {
		select {
		case ch <- p:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// waitRescore waits for the next progress report; nil once it is over.
func waitRescore(ch chan rescoreProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}

// stopRescore cancels the re-score under way, when the rep quits.
func (m *Model) stopRescore() {
	if m.cancelRescore != nil {
		m.cancelRescore()
	}
}

// rescoreText is the status bar's word on the re-score under way.
func (m *Model) rescoreText() string {
	if !m.rescoring || m.rescoreTotal <= 0 {
		return ""
	}
	return m.ctx.tr.F("app.rescoring", m.rescoreDone*100/m.rescoreTotal)
}

// progress is what the screens say of work under way, for the status bar.
func (m *Model) progress() []string {
	var out []string
	for _, c := range m.screens.layers {
		if p, ok := c.(progresser); ok {
			out = append(out, p.Progress())
		}
	}
	return out
}

// position is where the rep is, as the topmost screen that knows says it.
func (m *Model) position() string {
	for i := m.screens.len() - 1; i >= 0; i-- {
		if p, ok := m.screens.layers[i].(positioner); ok {
			return p.Position()
		}
	}
	return ""
}

// onQueue says whether the queue is what shows: the bottom screen, alone.
func (m *Model) onQueue() bool { return m.screens.len() == 1 }

// refreshTop has the screen that shows read the leads again.
func (m *Model) refreshTop() tea.Cmd { return m.screens.updateTop(refreshMsg{}) }

// chrome is the status bar and the one-line help under every screen.
const chrome = 2

func (m *Model) bodyHeight() int { return max(0, m.height-chrome) }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.ctx.width, m.ctx.height = msg.Width, m.bodyHeight()
		m.screens.setSize(m.ctx.width, m.ctx.height)
		return m, nil
	case errMsg:
		m.status, m.statusErr = m.ctx.errorText(msg.err), true
		return m, nil
	case openLeadMsg:
		// A lead opens over the queue, in place of one open before.
		m.screens.popTo(1)
		return m, m.pushScreen(newLead(m.ctx, msg.id))
	case pushMsg:
		return m, m.pushScreen(msg.c)
	case backMsg:
		if m.screens.len() > 1 {
			m.screens.pop()
		}
		m.fullHelp = false
		if m.changed {
			m.changed = false
			return m, m.refreshTop()
		}
		return m, nil
	case noticeMsg:
		m.status, m.statusErr = string(msg), true
		return m, waitNotice(m.notices)
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
		if msg.changed {
			m.changed = true
		}
		return m, nil
	case rescoreProgressMsg:
		if !m.rescoring {
			return m, nil // the re-score ended before this report was read
		}
		m.rescoreDone, m.rescoreTotal = msg.done, msg.total
		return m, waitRescore(m.rescoreCh)
	case rescoredMsg:
		m.rescoring, m.cancelRescore = false, nil
		if errors.Is(msg.err, context.Canceled) {
			return m, nil
		}
		if msg.err != nil {
			m.status, m.statusErr = m.ctx.tr.F("app.rescore_failed", m.ctx.errorText(msg.err)), true
			return m, nil
		}
		if msg.n == 0 {
			return m, nil
		}
		m.status = m.ctx.tr.N("app.rescored", msg.n)
		if m.onQueue() {
			return m, m.refreshTop()
		}
		m.changed = true
		return m, nil
	case watchTickMsg:
		return m, m.look()
	case watchMsg:
		return m, m.onWatch(msg)
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	// Everything else (pages, loaded leads, saves, a form's own messages)
	// goes to every screen; each takes what is its own.
	return m, m.screens.updateAll(msg)
}

// pushScreen shows c over the current screen, at the body's size.
func (m *Model) pushScreen(c Component) tea.Cmd {
	m.fullHelp = false
	c.SetSize(m.ctx.width, m.ctx.height)
	m.screens.push(c)
	return c.Init()
}

func (m *Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	m.stopRescore()
	return m, tea.Quit
}

func (m *Model) updateKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	top := m.screens.top()
	if key.Matches(msg, m.keys.ForceQuit) {
		if g, ok := top.(quitGuard); ok && g.GuardQuit() {
			return m, nil // nothing typed is lost without asking
		}
		return m.quit()
	}
	m.status, m.statusErr = "", false // a key press acknowledges the last message
	// Focus guard: while a text field, form or question has focus every
	// key is its own.
	focus := focusOf(top)
	if focus == FocusText {
		return m, m.screens.updateTop(msg)
	}
	// A burst of letters arrives as one message: take it key by key so a
	// held j scrolls.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		for _, r := range msg.Runes {
			_, cmd := m.updateKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case focus == FocusBusy:
		return m, nil // while work runs only q and ctrl+c act
	case key.Matches(msg, m.keys.Help):
		m.fullHelp = !m.fullHelp
		return m, nil
	case m.fullHelp && key.Matches(msg, m.keys.Back):
		m.fullHelp = false
		return m, nil
	}
	if m.onQueue() {
		for _, s := range overQueue {
			if key.Matches(msg, s.key(&m.keys)) {
				return m, s.open(m.ctx)
			}
		}
	}
	return m, m.screens.updateTop(msg)
}

func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	top := m.screens.top()
	var body string
	if m.fullHelp {
		body = m.styles.Section.Render(m.ctx.tr.T("app.keys_title")) + "\n" + m.help.FullHelpView(top.FullHelp())
	} else {
		body = top.View()
	}
	status := m.statusLine()
	// A message too long for one line takes more from the body, so the
	// rep reads all of it.
	bodyHeight := m.bodyHeight()
	if extra := strings.Count(status, "\n"); extra > 0 {
		bodyHeight -= extra
	}
	body = clip(body, m.width, bodyHeight)
	// Pad the body so the status bar stays at the bottom.
	if n := strings.Count(body, "\n") + 1; n < bodyHeight {
		body += strings.Repeat("\n", bodyHeight-n)
	}
	if bodyHeight == 0 {
		body = ""
	}
	helpLine := clip(m.shortHelp(top.ShortHelp()), m.width, 1)
	switch {
	case m.height == 1:
		return status
	case m.bodyHeight() == 0:
		return status + "\n" + helpLine
	}
	return body + "\n" + status + "\n" + helpLine
}

// shortHelp is the help bar in the width. bubbles' help adds the key that
// overflows when no "…" fits after the last one that does; then the bar is
// the keys that fit.
func (m *Model) shortHelp(bs []key.Binding) string {
	for n := len(bs); n > 0; n-- {
		if s := m.help.ShortHelpView(bs[:n]); visibleWidth(s) <= m.width {
			return s
		}
	}
	return ""
}

// statusLines is how many lines a message may take: a few, and never the
// last line of the body or the help.
func (m *Model) statusLines() int { return max(1, min(4, m.height-3)) }

// wrapStatus wraps a message at words into the lines it may take; what is
// left over ends in "…".
func (m *Model) wrapStatus(s string) []string {
	lines := strings.Split(ansi.Wrap(s, m.width, ""), "\n")
	if n := m.statusLines(); len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1], m.width-1, "") + "…"
	}
	return lines
}

func (m *Model) statusLine() string {
	if m.statusErr {
		return m.styles.Error.Render(strings.Join(m.wrapStatus("! "+m.status), "\n"))
	}
	right := filepath.Base(m.ctx.st.Path())
	if p := m.position(); p != "" {
		right = p + " · " + right
	}
	left := m.status
	for _, r := range append(m.progress(), m.rescoreText()) {
		if r == "" {
			continue
		}
		if left != "" {
			left += " · "
		}
		left += r
	}
	gap := m.width - visibleWidth(left) - visibleWidth(right) - 1
	if gap >= 1 {
		return m.styles.Status.Render(left + strings.Repeat(" ", gap+1) + right)
	}
	if visibleWidth(left) <= m.width {
		return m.styles.Status.Render(cell(left, m.width)) // the message before where the rep is
	}
	lines := m.wrapStatus(left)
	last := len(lines) - 1
	if pad := m.width - visibleWidth(lines[last]) - visibleWidth(right); pad >= 2 {
		lines[last] += strings.Repeat(" ", pad) + right
	}
	return m.styles.Status.Render(strings.Join(lines, "\n"))
}

// errorText words an error for a rep in the catalog's language; a full
// disk says that what was saved before is safe.
func (c *programContext) errorText(err error) string {
	if strings.Contains(err.Error(), "no space left on device") {
		return c.tr.T("app.disk_full")
	}
	return c.tr.Error(err)
}

// plainError words a store error for a rep, in English: screens with a
// context use its errorText.
func plainError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "no space left on device") {
		return "the disk is full: nothing new was saved, everything saved before is safe — free some space"
	}
	return msg
}

// watchEvery is how often the open app looks at the file: another leadq's
// write shows within about a second, and so does a callback whose time came.
const watchEvery = time.Second

// countEvery is how often the tab counts are read again though nothing was
// written: the Due count grows with the clock.
const countEvery = time.Minute

// watchTickMsg is the beat of the watch; watchMsg what one look found.
type watchTickMsg struct{}

type watchMsg struct {
	gen   uint64
	until time.Time      // everything due up to here has been seen
	due   []store.DueRow // what came due since the last look
	err   error
}

func watch() tea.Cmd {
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// look reads the file's generation and what came due since the last look.
func (m *Model) look() tea.Cmd {
	st, since, now := m.ctx.st, m.dueSeen, m.ctx.now()
	return func() tea.Msg {
		gen, err := st.FileGeneration()
		if err != nil {
			return watchMsg{until: since, err: err}
		}
		msg := watchMsg{gen: gen, until: since}
		if now.Unix() > since.Unix() {
			// Due items are kept to the second: from the next second on.
			msg.due, err = st.DueAfter(now, store.DueFrom(since.Truncate(time.Second).Add(time.Second)), dueCountMax)
			msg.until, msg.err = now, err
		}
		return msg
	}
}

// onWatch reloads what the screen shows when the file changed or something
// came due, says which callback did, and watches on.
func (m *Model) onWatch(msg watchMsg) tea.Cmd {
	if msg.err != nil {
		// The next look tries again; a damaged or busy file is not an
		// error of what the rep does.
		return watch()
	}
	changed := msg.gen != m.fileGen
	m.fileGen, m.dueSeen = msg.gen, msg.until
	if text := dueText(m.ctx.tr, msg.due); text != "" {
		m.status, m.statusErr = text, false
		changed = true
	}
	now := m.ctx.now()
	switch {
	case changed && m.onQueue():
		m.countedAt = now
		return tea.Batch(m.refreshTop(), watch())
	case changed:
		m.changed = true // the queue is read again when it shows
	}
	if now.Sub(m.countedAt) >= countEvery {
		m.countedAt = now
		return tea.Batch(loadCounts(m.ctx.st, now), watch())
	}
	return watch()
}

// dueText names the callbacks that just came due, for the status line.
func dueText(tr *i18n.Catalog, due []store.DueRow) string {
	var names []string
	for _, d := range due {
		if d.What == domain.DueCallback {
			names = append(names, safe(d.Name))
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return tr.F("app.due.single", names[0])
	case 2:
		return tr.F("app.due.pair", names[0], names[1])
	}
	return tr.N("app.due.more", len(names)-2, names[0], names[1])
}
