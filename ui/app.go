// Package ui is leadq's terminal interface: the lead queue and the lead
// screen, built on Bubble Tea.
package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
	"leadq/store"
)

// Options configure the app.
type Options struct {
	Config domain.Config
	Now    func() time.Time // clock; default time.Now
	Notice string           // shown in the status bar at start, e.g. "re-scored 12 leads"
}

type screen int

const (
	screenQueue screen = iota
	screenLead
)

// Model is the root: it owns the screens, the status bar and the help,
// and routes messages to the screen that has focus.
type Model struct {
	st     *store.Store
	keys   KeyMap
	styles Styles
	now    func() time.Time

	screen screen
	queue  queueModel
	lead   leadModel

	help     help.Model
	fullHelp bool

	status    string
	statusErr bool

	width, height int
	quitting      bool
}

// New builds the app on an open store. It fails when the config's [keys]
// or [theme] sections name something that does not exist.
func New(st *store.Store, opt Options) (*Model, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	keys := DefaultKeyMap()
	if err := keys.Apply(opt.Config.Keys); err != nil {
		return nil, err
	}
	theme := DefaultTheme()
	if err := theme.Apply(opt.Config.Theme); err != nil {
		return nil, err
	}
	m := &Model{st: st, keys: keys, styles: NewStyles(theme), now: opt.Now, help: help.New(), status: opt.Notice}
	m.help.Styles.ShortKey = m.styles.Accent
	m.help.Styles.FullKey = m.styles.Accent
	m.queue = newQueue(st, &m.keys, &m.styles, opt.Now, opt.Config.Queue.HotResponse.Duration, opt.Config.Queue.WarmResponse.Duration)
	return m, nil
}

func (m *Model) Init() tea.Cmd { return m.queue.Init() }

// chrome is the status bar and the one-line help under every screen.
const chrome = 2

func (m *Model) bodyHeight() int { return max(0, m.height-chrome) }

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.queue.SetSize(msg.Width, m.bodyHeight())
		m.lead.SetSize(msg.Width, m.bodyHeight())
		return m, nil
	case errMsg:
		m.status, m.statusErr = plainError(msg.err), true
		return m, nil
	case openLeadMsg:
		m.screen = screenLead
		m.fullHelp = false
		m.lead = newLeadView(m.st, &m.keys, &m.styles, m.now, msg.id)
		m.lead.SetSize(m.width, m.bodyHeight())
		return m, m.lead.Init()
	case backMsg:
		m.screen = screenQueue
		m.fullHelp = false
		return m, nil
	case leadMsg:
		var cmd tea.Cmd
		m.lead, cmd = m.lead.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	// Everything else (pages, counts, search results) belongs to the queue.
	var cmd tea.Cmd
	m.queue, cmd = m.queue.Update(msg)
	return m, cmd
}

func (m *Model) updateKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		m.quitting = true
		return m, tea.Quit
	}
	// Focus guard: while the search field has focus every key is text.
	if m.screen == screenQueue && m.queue.searching {
		var cmd tea.Cmd
		m.queue, cmd = m.queue.Update(msg)
		return m, cmd
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
	if m.statusErr {
		m.status, m.statusErr = "", false // a key press acknowledges the error
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		m.quitting = true
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.fullHelp = !m.fullHelp
		return m, nil
	case m.fullHelp && key.Matches(msg, m.keys.Back):
		m.fullHelp = false
		return m, nil
	}
	var cmd tea.Cmd
	switch m.screen {
	case screenLead:
		m.lead, cmd = m.lead.Update(msg)
	default:
		m.queue, cmd = m.queue.Update(msg)
	}
	return m, cmd
}

// current is the screen with focus, as a help.KeyMap.
func (m *Model) current() help.KeyMap {
	if m.screen == screenLead {
		return m.lead
	}
	return m.queue
}

func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var body string
	switch {
	case m.fullHelp:
		body = m.styles.Section.Render("KEYS") + "\n" + m.help.FullHelpView(m.current().FullHelp())
	case m.screen == screenLead:
		body = m.lead.View()
	default:
		body = m.queue.View()
	}
	body = clip(body, m.width, m.bodyHeight())
	// Pad the body so the status bar stays at the bottom.
	if n := strings.Count(body, "\n") + 1; n < m.bodyHeight() {
		body += strings.Repeat("\n", m.bodyHeight()-n)
	}
	if m.bodyHeight() == 0 {
		body = ""
	}
	status := m.statusLine()
	helpLine := clip(m.help.ShortHelpView(m.current().ShortHelp()), m.width, 1)
	switch {
	case m.height == 1:
		return status
	case m.bodyHeight() == 0:
		return status + "\n" + helpLine
	}
	return body + "\n" + status + "\n" + helpLine
}

func (m *Model) statusLine() string {
	if m.statusErr {
		return clip(m.styles.Error.Render("! "+m.status), m.width, 1)
	}
	right := filepath.Base(m.st.Path())
	if m.screen == screenQueue && m.queue.total() > 0 && !m.queue.searching {
		right = fmt.Sprintf("%s/%s · %s", thousands(m.queue.cursor+1), thousands(m.queue.total()), right)
	}
	if m.screen == screenLead && m.lead.lead != nil && !m.lead.vp.AtBottom() {
		right = fmt.Sprintf("%d%% · %s", int(m.lead.vp.ScrollPercent()*100), right)
	}
	left := m.status
	gap := m.width - visibleWidth(left) - visibleWidth(right) - 1
	if gap < 1 {
		return clip(m.styles.Status.Render(cell(left+" "+right, m.width)), m.width, 1)
	}
	return m.styles.Status.Render(left + strings.Repeat(" ", gap+1) + right)
}

// plainError words a store error for a rep.
func plainError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "no space left on device") {
		return "the disk is full: nothing new was saved, everything saved before is safe — free some space"
	}
	return msg
}
