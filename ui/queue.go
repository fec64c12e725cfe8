package ui

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// The queue's tabs, in the order of the keys 1–5.
const (
	tabHot = iota
	tabWarm
	tabCold
	tabAll
	tabDue
	numTabs
)

// queueWords are the queue's words and the widths they need, looked up
// once when the queue is made: a row costs no catalog read.
type queueWords struct {
	tabs  [numTabs]string
	empty [numTabs]string // what an empty tab says (the hot, warm and cold ones)
	// Column headers; the due column's replaces the source's on the Due tab.
	tier, score, name, company, stage, source, due, waiting string
	// The widths of the tier, score and waiting columns: their longest
	// word in the language; the due column's for a date of another year.
	tierW, scoreW, waitedW, dueW int
}

func newQueueWords(tr *i18n.Catalog) queueWords {
	w := queueWords{
		tabs: [numTabs]string{tr.T("queue.tab.hot"), tr.T("queue.tab.warm"), tr.T("queue.tab.cold"),
			tr.T("queue.tab.all"), tr.T("queue.tab.due")},
		empty:   [numTabs]string{tr.T("queue.empty.hot"), tr.T("queue.empty.warm"), tr.T("queue.empty.cold")},
		tier:    tr.T("queue.column.tier"),
		score:   tr.T("queue.column.score"),
		name:    tr.T("queue.column.name"),
		company: tr.T("queue.column.company"),
		stage:   tr.T("queue.column.stage"),
		source:  tr.T("queue.column.source"),
		due:     tr.T("queue.column.due"),
		waiting: tr.T("queue.column.waiting"),
	}
	w.tierW = max(4, visibleWidth(w.tier))
	for _, t := range []domain.Tier{domain.TierHot, domain.TierWarm, domain.TierCold} {
		w.tierW = max(w.tierW, visibleWidth(tr.Badge(t, true)))
	}
	w.tierW = max(w.tierW, visibleWidth(tr.Badge(domain.TierCold, false)))
	w.scoreW = max(5, visibleWidth(w.score))
	// The longest wait a row shows: a callback, hours and the overdue mark.
	w.waitedW = max(7, visibleWidth(w.waiting), visibleWidth("☎"+tr.F("ago.hours", 47)+"!"))
	now, due := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 24, 14, 30, 0, 0, time.UTC)
	for _, k := range []domain.DueKind{domain.DueCallback, domain.DueFollowUp} {
		w.dueW = max(w.dueW, visibleWidth(tr.DueKind(k)+" "+tr.When(now, due)))
	}
	return w
}

// pageSize is how many rows one load reads; bufferMax bounds the rows kept
// around the cursor, so memory does not grow with the tab.
const (
	pageSize  = 100
	bufferMax = 600
	searchMax = 500
	// dueCountMax caps the Due tab's count ("99+"): counting is a scan.
	dueCountMax = 100
	// countMax caps the full count of a search too common to count at once.
	countMax = 1000
)

// item is one queue row; on the Due tab it also says what is due.
type item struct {
	store.Row
	due *dueInfo
}

type dueInfo struct {
	what domain.DueKind
	note string
	at   time.Time
	key  []byte
}

// key is the item's position in the index it was read from.
func (it item) key() []byte {
	if it.due != nil {
		return it.due.key
	}
	return it.Key
}

// queueModel is the prioritised lead queue: a window over the queue index
// that loads pages around the cursor as it moves.
type queueModel struct {
	ctx   *programContext
	words queueWords

	width, height int

	tab     int
	counts  store.Count
	counted bool // the counts have been read
	due     int

	rows   []item // a window of the tab
	start  int    // index in the tab of rows[0]
	cursor int    // index in the tab of the selected row
	offset int    // index in the tab of the first visible row

	req           int // the newest load request; older answers are dropped
	loadingAfter  bool
	loadingBefore bool
	loaded        bool // the first page of the tab has arrived
	openFirst     bool // open the first lead once the top of the tab is read
	keep          item // the row under the cursor when a reload was asked for
	dueMore       bool // the Due tab's last page was full: there may be more

	// Search: the input, the search under way and the newest results.
	input       textinput.Model
	searching   bool // the input has focus
	query       string
	searchSeq   int
	searchCtx   context.Context // the search under way and its count; a keystroke cancels both
	cancel      context.CancelFunc
	results     []item
	resultTotal int
	resultMore  bool // resultTotal is a lower bound: "N+ matches"
	counting    bool // the full count is under way
	resultsFor  string
}

func newQueue(ctx *programContext) *queueModel {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = ctx.tr.T("queue.search.placeholder")
	in.CharLimit = 120
	in.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: nothing redraws while the rep reads
	return &queueModel{ctx: ctx, words: newQueueWords(ctx.tr), input: in}
}

func (m *queueModel) Init() tea.Cmd {
	return tea.Batch(loadCounts(m.ctx.st, m.ctx.now()), m.loadTop())
}

// SetSize gives the queue its share of the screen.
func (m *queueModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(1, min(w/2, 40)) // leave room for the match count
	m.scrollIntoView()
}

// searchMode is true while a query filters the list.
func (m queueModel) searchMode() bool { return m.query != "" }

// total is the number of rows in the current list.
func (m queueModel) total() int {
	if m.searchMode() {
		return len(m.results)
	}
	switch m.tab {
	case tabHot:
		return m.counts.Hot
	case tabWarm:
		return m.counts.Warm
	case tabCold:
		return m.counts.Cold
	case tabAll:
		return m.counts.All()
	}
	// Due: the count stops at dueCountMax; past it, what is loaded is known.
	return max(m.due, len(m.rows))
}

// totalLabel is total for the status bar: "99+" where the Due count stopped.
func (m queueModel) totalLabel() string {
	if !m.searchMode() && m.tab == tabDue && m.dueMore {
		return m.ctx.tr.Number(m.total()) + "+"
	}
	return m.ctx.tr.Number(m.total())
}

// listHeight is the number of rows the list shows.
func (m queueModel) listHeight() int {
	h := m.height - 1 // tab bar
	if m.searching || m.searchMode() {
		h--
	}
	if m.showColumnHeader() {
		h--
	}
	return max(1, h)
}

func (m queueModel) showColumnHeader() bool { return m.height >= 8 }

// selected is the row under the cursor.
func (m queueModel) selected() (item, bool) {
	if m.searchMode() {
		if m.cursor >= 0 && m.cursor < len(m.results) {
			return m.results[m.cursor], true
		}
		return item{}, false
	}
	i := m.cursor - m.start
	if i >= 0 && i < len(m.rows) {
		return m.rows[i], true
	}
	return item{}, false
}

func loadCounts(st *store.Store, now time.Time) tea.Cmd {
	return func() tea.Msg {
		c, err := st.Counts()
		if err != nil {
			return countsMsg{err: err}
		}
		due, err := st.DueCount(now, dueCountMax)
		return countsMsg{counts: c, due: due, err: err}
	}
}

// load reads a page for the current tab in a Cmd.
func (m *queueModel) load(dir loadDir, anchor []byte) tea.Cmd {
	m.req++
	req, tab, st, now := m.req, m.tab, m.ctx.st, m.ctx.now()
	size := max(pageSize, len(m.rows))
	switch dir {
	case loadAfter:
		m.loadingAfter = true
	case loadBefore:
		m.loadingBefore = true
	default:
		m.loadingAfter, m.loadingBefore = true, true
	}
	return func() tea.Msg {
		if tab == tabDue {
			if dir == loadBefore || dir == loadReplaceEnd {
				// The Due tab is read oldest first and kept whole.
				return pageMsg{req: req, dir: dir}
			}
			if dir == loadReload {
				anchor = nil // kept whole, so reloaded from its start
			}
			rows, err := st.DueAfter(now, anchor, size)
			items := make([]item, len(rows))
			for i, r := range rows {
				items[i] = safeItem(r.Row, &dueInfo{what: r.What, note: r.Note, at: r.At, key: r.Key})
			}
			return pageMsg{req: req, dir: dir, rows: items, err: err}
		}
		var rows []store.Row
		var err error
		switch dir {
		case loadReload:
			rows, err = st.QueueFrom(store.Tab(tab), anchor, size)
		case loadBefore, loadReplaceEnd:
			rows, err = st.QueueBefore(store.Tab(tab), anchor, pageSize)
		default:
			rows, err = st.QueueAfter(store.Tab(tab), anchor, pageSize)
		}
		items := make([]item, len(rows))
		for i, r := range rows {
			items[i] = safeItem(r, nil)
		}
		return pageMsg{req: req, dir: dir, rows: items, err: err}
	}
}

func (m *queueModel) loadTop() tea.Cmd {
	m.loaded = false
	return m.load(loadReplaceTop, nil)
}

// refresh reads the counts and the window again after a write, keeping
// the cursor where it was; a search is run again.
func (m *queueModel) refresh() tea.Cmd {
	m.keep, _ = m.selected()
	cmds := []tea.Cmd{loadCounts(m.ctx.st, m.ctx.now())}
	switch {
	case m.tab == tabDue || len(m.rows) == 0 || m.start == 0:
		cmds = append(cmds, m.load(loadReload, nil))
	default:
		cmds = append(cmds, m.load(loadReload, m.rows[0].Key))
	}
	if m.searchMode() {
		cmds = append(cmds, m.runSearch())
	}
	return tea.Batch(cmds...)
}

// findRow is where the row of it is in rows: the same entry, else the
// same lead; -1 when it is not there.
func findRow(rows []item, it item) int {
	if it.ID == 0 {
		return -1
	}
	if k := it.key(); k != nil {
		for i, r := range rows {
			if bytes.Equal(r.key(), k) {
				return i
			}
		}
	}
	for i, r := range rows {
		if r.ID == it.ID {
			return i
		}
	}
	return -1
}

// next moves the cursor to the next row and says which lead it is; false
// at the end of the tab.
func (m *queueModel) next() (uint64, bool, tea.Cmd) {
	before := m.cursor
	cmd := m.move(1)
	if m.cursor == before {
		return 0, false, cmd
	}
	it, ok := m.selected()
	return it.ID, ok, cmd
}

// first puts the cursor on the first row and says which lead it is. Far
// down a long tab the top is read first; its lead opens when it arrives.
func (m *queueModel) first() (uint64, bool, tea.Cmd) {
	if !m.searchMode() && m.start > 0 {
		m.rows, m.cursor, m.offset, m.openFirst = nil, 0, 0, true
		return 0, false, m.loadTop()
	}
	cmd := m.move(-m.cursor)
	it, ok := m.selected()
	return it.ID, ok, cmd
}

// switchTab shows another tab from its top.
func (m *queueModel) switchTab(t int) tea.Cmd {
	m.tab = (t + numTabs) % numTabs
	m.rows, m.start, m.cursor, m.offset, m.openFirst = nil, 0, 0, 0, false
	return tea.Batch(m.loadTop(), loadCounts(m.ctx.st, m.ctx.now()))
}

func (m *queueModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	*m = next
	return m, cmd
}

// Focus: while the search field has focus every key is text.
func (m queueModel) Focus() Focus {
	if m.searching {
		return FocusText
	}
	return FocusFree
}

// Position is where the cursor is in the list, for the status bar.
func (m queueModel) Position() string {
	if m.total() == 0 || m.searching {
		return ""
	}
	return m.ctx.tr.Number(m.cursor+1) + "/" + m.totalLabel()
}

func (m queueModel) update(msg tea.Msg) (queueModel, tea.Cmd) {
	switch msg := msg.(type) {
	case refreshMsg:
		return m, m.refresh()
	case nextLeadMsg:
		id, ok, cmd := m.next()
		if !ok {
			return m, tea.Batch(cmd, status(m.ctx.tr.T("queue.last_lead"), false, false))
		}
		return m, tea.Batch(cmd, func() tea.Msg { return openLeadMsg{id: id} })
	case countsMsg:
		if msg.err == nil {
			m.counts, m.due, m.counted = msg.counts, msg.due, true
		}
		return m, errCmd(msg.err)
	case pageMsg:
		return m.onPage(msg)
	case searchMsg:
		if msg.seq != m.searchSeq {
			return m, nil // a newer keystroke has its own search under way
		}
		if msg.err != nil {
			if errors.Is(msg.err, context.Canceled) {
				return m, nil
			}
			return m, errCmd(msg.err)
		}
		rerun := msg.query == m.resultsFor // the same search after a write: stay put
		var keep item
		if rerun && m.cursor >= 0 && m.cursor < len(m.results) {
			keep = m.results[m.cursor]
		}
		m.results, m.resultTotal, m.resultMore, m.resultsFor = msg.rows, msg.total, msg.atLeast, msg.query
		if !rerun {
			m.cursor, m.offset = 0, 0
		} else if i := findRow(m.results, keep); i >= 0 {
			m.cursor = i
		}
		m.cursor = max(0, min(m.cursor, len(m.results)-1))
		m.scrollIntoView()
		if msg.atLeast {
			// Too common to count at once: count on in the background.
			return m, m.countMatches()
		}
		m.counting = false
		return m, nil
	case matchCountMsg:
		if msg.seq != m.searchSeq || msg.query != m.resultsFor {
			return m, nil
		}
		m.counting = false
		if msg.err != nil {
			if errors.Is(msg.err, context.Canceled) {
				return m, nil
			}
			return m, errCmd(msg.err)
		}
		m.resultTotal, m.resultMore = max(msg.total, len(m.results)), msg.atLeast
		return m, nil
	case tea.KeyMsg:
		if m.searching {
			return m.updateSearchInput(msg)
		}
		return m.updateKeys(msg)
	}
	return m, nil
}

func errCmd(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return func() tea.Msg { return errMsg{err} }
}

func (m queueModel) onPage(msg pageMsg) (queueModel, tea.Cmd) {
	if msg.req != m.req && (msg.dir == loadReplaceTop || msg.dir == loadReplaceEnd || msg.dir == loadReload) {
		return m, nil
	}
	switch msg.dir {
	case loadAfter:
		m.loadingAfter = false
	case loadBefore:
		m.loadingBefore = false
	default:
		m.loadingAfter, m.loadingBefore = false, false
	}
	if msg.err != nil {
		return m, errCmd(msg.err)
	}
	if m.tab == tabDue {
		m.dueMore = len(msg.rows) >= pageSize
	}
	switch msg.dir {
	case loadReplaceTop:
		m.rows, m.start, m.loaded = msg.rows, 0, true
		m.cursor, m.offset = 0, 0
		if m.openFirst && len(m.rows) > 0 {
			m.openFirst = false
			id := m.rows[0].ID
			return m, tea.Batch(m.prefetch(), func() tea.Msg { return openLeadMsg{id: id} })
		}
	case loadReload:
		m.rows, m.loaded = msg.rows, true
		// The cursor stays on its lead when rows came or went above it.
		if i := findRow(m.rows, m.keep); i >= 0 {
			m.cursor = m.start + i
		}
		if last := m.start + len(m.rows) - 1; m.cursor > last {
			m.cursor = max(m.start, last)
		}
	case loadReplaceEnd:
		m.rows, m.loaded = msg.rows, true
		m.start = max(0, m.total()-len(msg.rows))
		m.cursor = m.start + len(m.rows) - 1
	case loadAfter:
		m.rows = append(m.rows, msg.rows...)
		// The Due tab is read forward only, so it keeps what it has read.
		if drop := len(m.rows) - bufferMax; drop > 0 && m.cursor-m.start > drop+pageSize && m.tab != tabDue {
			m.rows = append([]item(nil), m.rows[drop:]...)
			m.start += drop
		}
	case loadBefore:
		m.rows = append(append([]item(nil), msg.rows...), m.rows...)
		m.start -= len(msg.rows)
		if m.start < 0 { // counts changed under us; re-anchor
			m.cursor -= m.start
			m.offset -= m.start
			m.start = 0
		}
		if drop := len(m.rows) - bufferMax; drop > 0 {
			m.rows = m.rows[:len(m.rows)-drop]
		}
	}
	m.scrollIntoView()
	return m, m.prefetch()
}

// prefetch asks for the next page when the cursor nears an edge of the window.
func (m *queueModel) prefetch() tea.Cmd {
	if m.searchMode() || len(m.rows) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	end := m.start + len(m.rows)
	more := end < m.total() || m.tab == tabDue && m.dueMore
	if !m.loadingAfter && more && m.cursor >= end-2*m.listHeight()-pageSize/2 {
		cmds = append(cmds, m.load(loadAfter, m.rows[len(m.rows)-1].key()))
	}
	if !m.loadingBefore && m.start > 0 && m.cursor < m.start+2*m.listHeight()+pageSize/2 && m.tab != tabDue {
		cmds = append(cmds, m.load(loadBefore, m.rows[0].key()))
	}
	return tea.Batch(cmds...)
}

// move shifts the cursor by d rows within what is loaded.
func (m *queueModel) move(d int) tea.Cmd {
	lo, hi := 0, m.total()-1
	if !m.searchMode() {
		lo, hi = m.start, min(hi, m.start+len(m.rows)-1)
	}
	m.cursor = max(lo, min(hi, m.cursor+d))
	m.scrollIntoView()
	return m.prefetch()
}

func (m *queueModel) scrollIntoView() {
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	if m.offset < 0 {
		m.offset = 0
	}
}

func (m queueModel) updateKeys(msg tea.KeyMsg) (queueModel, tea.Cmd) {
	k := m.ctx.keys
	switch {
	case key.Matches(msg, k.Down):
		return m, m.move(1)
	case key.Matches(msg, k.Up):
		return m, m.move(-1)
	case key.Matches(msg, k.PageDown):
		return m, m.move(m.listHeight())
	case key.Matches(msg, k.PageUp):
		return m, m.move(-m.listHeight())
	case key.Matches(msg, k.Top):
		if m.searchMode() || m.start == 0 {
			return m, m.move(-m.cursor)
		}
		m.rows, m.cursor, m.offset = nil, 0, 0
		return m, m.loadTop()
	case key.Matches(msg, k.Bottom):
		if m.searchMode() || m.start+len(m.rows) >= m.total() || m.tab == tabDue {
			return m, m.move(m.total())
		}
		m.rows = nil
		return m, m.load(loadReplaceEnd, nil)
	case key.Matches(msg, k.NextTab):
		return m, m.switchTab(m.tab + 1)
	case key.Matches(msg, k.PrevTab):
		return m, m.switchTab(m.tab - 1)
	case key.Matches(msg, k.Tab1):
		return m, m.switchTab(tabHot)
	case key.Matches(msg, k.Tab2):
		return m, m.switchTab(tabWarm)
	case key.Matches(msg, k.Tab3):
		return m, m.switchTab(tabCold)
	case key.Matches(msg, k.Tab4):
		return m, m.switchTab(tabAll)
	case key.Matches(msg, k.Tab5):
		return m, m.switchTab(tabDue)
	case key.Matches(msg, k.Open):
		if it, ok := m.selected(); ok {
			id := it.ID
			return m, func() tea.Msg { return openLeadMsg{id: id} }
		}
	case key.Matches(msg, k.Add):
		return m, func() tea.Msg { return openLeadMsg{} } // the form for a new lead
	case key.Matches(msg, k.NextLead):
		// From the queue, n works the tab from the top: it opens the first
		// lead, and n on the lead screen goes on from there.
		id, ok, cmd := m.first()
		if !ok {
			return m, cmd // the top of the tab is read first, then opened
		}
		return m, func() tea.Msg { return openLeadMsg{id: id} }
	case key.Matches(msg, k.Search):
		m.searching = true
		m.input.SetValue(m.query)
		m.input.CursorEnd()
		return m, m.input.Focus()
	case key.Matches(msg, k.Back):
		if m.searchMode() {
			return m, m.clearSearch()
		}
	}
	return m, nil
}

// updateSearchInput gives every key to the search field except the few
// that leave it; q typed here is a letter.
func (m queueModel) updateSearchInput(msg tea.KeyMsg) (queueModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.ctx.keys.Cancel):
		return m, m.clearSearch()
	case key.Matches(msg, m.ctx.keys.Accept):
		m.searching = false
		m.input.Blur()
		return m, nil
	}
	switch msg.Type {
	case tea.KeyDown, tea.KeyUp, tea.KeyPgDown, tea.KeyPgUp:
		return m.updateKeys(msg)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if q := strings.TrimSpace(m.input.Value()); q != m.query {
		m.query = q
		if q == "" {
			m.results, m.resultTotal, m.resultMore, m.resultsFor = nil, 0, false, ""
			m.cursor, m.offset = m.start, m.start
			m.cancelSearch()
			return m, cmd
		}
		return m, tea.Batch(cmd, m.runSearch())
	}
	return m, cmd
}

func (m *queueModel) clearSearch() tea.Cmd {
	m.searching = false
	m.input.Blur()
	m.input.SetValue("")
	m.query = ""
	m.results, m.resultTotal, m.resultMore, m.resultsFor = nil, 0, false, ""
	m.cursor, m.offset = m.start, m.start
	m.scrollIntoView()
	m.cancelSearch()
	return nil
}

// cancelSearch stops the search (and count) under way and makes its
// answer stale.
func (m *queueModel) cancelSearch() {
	m.searchSeq++
	m.counting = false
	if m.cancel != nil {
		m.cancel()
		m.cancel, m.searchCtx = nil, nil
	}
}

// runSearch cancels the search under way and starts one for the query.
func (m *queueModel) runSearch() tea.Cmd {
	m.cancelSearch()
	if m.query == "" {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.searchCtx, m.cancel = ctx, cancel
	seq, q, st := m.searchSeq, m.query, m.ctx.st
	return func() tea.Msg { return search(ctx, st, seq, q) }
}

// search reads the first matches of one query in queue order.
func search(ctx context.Context, st *store.Store, seq int, q string) searchMsg {
	res, err := st.Search(ctx, store.TabAll, q, searchMax)
	if err != nil {
		return searchMsg{seq: seq, query: q, err: err}
	}
	items := make([]item, len(res.Rows))
	for i, r := range res.Rows {
		items[i] = safeItem(r, nil)
	}
	return searchMsg{seq: seq, query: q, rows: items, total: res.Total, atLeast: res.AtLeast}
}

// countMatches counts the matches of the current search, up to countMax,
// under the search's own context: the next keystroke cancels it.
func (m *queueModel) countMatches() tea.Cmd {
	if m.searchCtx == nil {
		return nil
	}
	m.counting = true
	ctx, st, seq, q := m.searchCtx, m.ctx.st, m.searchSeq, m.resultsFor
	return func() tea.Msg {
		total, atLeast, err := st.CountMatches(ctx, store.TabAll, q, countMax)
		return matchCountMsg{seq: seq, query: q, total: total, atLeast: atLeast, err: err}
	}
}

// ShortHelp and FullHelp make the queue a help.KeyMap.
func (m queueModel) ShortHelp() []key.Binding {
	tr := m.ctx.tr
	if m.searching {
		return []key.Binding{
			key.NewBinding(key.WithKeys(m.ctx.keys.Accept.Keys()...), key.WithHelp(m.ctx.keys.Accept.Help().Key, tr.T("queue.search.keep_filter"))),
			key.NewBinding(key.WithKeys(m.ctx.keys.Cancel.Keys()...), key.WithHelp(m.ctx.keys.Cancel.Help().Key, tr.T("queue.search.clear"))),
			key.NewBinding(key.WithKeys("down"), key.WithHelp("↑/↓", tr.T("queue.move"))),
		}
	}
	k := m.ctx.keys
	// Short words, most needed first, so that at 80 columns a and i still
	// show beside help and quit; the full help has every key in full.
	move := key.NewBinding(key.WithKeys(slices.Concat(k.Down.Keys(), k.Up.Keys())...),
		key.WithHelp(firstKey(k.Down)+"/"+firstKey(k.Up), tr.T("queue.move")))
	open := key.NewBinding(key.WithKeys(k.Open.Keys()...), key.WithHelp(k.Open.Help().Key, tr.T("queue.open")))
	return []key.Binding{move, open, k.Search, k.Add, k.Import, k.Help, k.Quit, k.NextTab}
}

func (m queueModel) FullHelp() [][]key.Binding {
	k := m.ctx.keys
	// In the queue n starts a run: the first lead, then n for each next one.
	fromTop := key.NewBinding(key.WithKeys(k.NextLead.Keys()...), key.WithHelp(k.NextLead.Help().Key, m.ctx.tr.T("queue.from_top")))
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.NextTab, k.PrevTab, k.Tab1, k.Tab2, k.Tab3, k.Tab4, k.Tab5},
		{k.Open, fromTop, k.Add, k.Import, k.Search, k.Back, k.Help, k.Quit, k.ForceQuit},
	}
}

// tabKey is the key that shows tab t.
func (m queueModel) tabKey(t int) key.Binding {
	return [numTabs]key.Binding{m.ctx.keys.Tab1, m.ctx.keys.Tab2, m.ctx.keys.Tab3, m.ctx.keys.Tab4, m.ctx.keys.Tab5}[t]
}

// View draws the tab bar, the search line and the visible rows only.
func (m queueModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.tabBar())
	if m.searching || m.searchMode() {
		b.WriteByte('\n')
		b.WriteString(m.searchLine())
	}
	cols := m.columns()
	if m.showColumnHeader() {
		b.WriteByte('\n')
		b.WriteString(m.ctx.styles.Header.Render(cols.header()))
	}
	h := m.listHeight()
	now := m.ctx.now()
	shown := 0
	for i := m.offset; i < m.offset+h; i++ {
		it, ok := m.at(i)
		if !ok {
			break
		}
		b.WriteByte('\n')
		b.WriteString(m.renderRow(cols, it, i == m.cursor, now))
		shown++
	}
	if shown == 0 {
		// Wrapped, so a narrow terminal still reads how to start.
		for _, l := range strings.Split(clip(ansiWrap(m.emptyText(), m.width), m.width, h), "\n") {
			b.WriteByte('\n')
			b.WriteString(m.ctx.styles.Muted.Render(cell(l, m.width)))
		}
	}
	return b.String()
}

func (m queueModel) at(i int) (item, bool) {
	if m.searchMode() {
		if i >= 0 && i < len(m.results) {
			return m.results[i], true
		}
		return item{}, false
	}
	j := i - m.start
	if j >= 0 && j < len(m.rows) {
		return m.rows[j], true
	}
	return item{}, false
}

func (m queueModel) emptyText() string {
	tr := m.ctx.tr
	switch {
	case m.searchMode() && m.resultsFor != m.query:
		return tr.T("queue.empty.searching")
	case m.searchMode():
		return tr.F("queue.empty.no_match", safe(m.query))
	case !m.loaded:
		return tr.T("queue.empty.loading")
	case m.tab == tabAll || m.counted && m.counts.All() == 0:
		// The first run: say how to start.
		return tr.F("queue.empty.first_run", m.ctx.keys.Add.Help().Key, m.ctx.keys.Import.Help().Key)
	case m.tab == tabDue:
		return tr.T("queue.empty.due")
	}
	return m.words.empty[m.tab]
}

func (m queueModel) tabBar() string {
	tabs := make([]tab, numTabs)
	for t := range tabs {
		var n int
		switch t {
		case tabHot:
			n = m.counts.Hot
		case tabWarm:
			n = m.counts.Warm
		case tabCold:
			n = m.counts.Cold
		case tabAll:
			n = m.counts.All()
		case tabDue:
			n = m.due
		}
		num := m.ctx.tr.Number(n)
		if t == tabDue && n >= dueCountMax {
			num = m.ctx.tr.Number(dueCountMax-1) + "+"
		}
		tabs[t] = tab{key: firstKey(m.tabKey(t)), name: m.words.tabs[t], count: num}
	}
	active := m.tab
	if m.searchMode() {
		active = -1 // a search looks in all leads, whatever the tab
	}
	return renderTabs(m.ctx.styles, tabs, active, m.width)
}

func (m queueModel) searchLine() string {
	tr := m.ctx.tr
	var status string
	switch {
	case m.query == "":
		status = ""
	case m.resultsFor != m.query:
		status = tr.T("queue.search.searching")
	case m.resultMore:
		status = tr.F("queue.search.capped", tr.Number(m.resultTotal), tr.Number(len(m.results)))
		if m.counting {
			status += tr.T("queue.search.counting")
		}
	case m.resultTotal > len(m.results):
		status = tr.F("queue.search.first", tr.Number(m.resultTotal), tr.Number(len(m.results)))
	default:
		status = tr.N("queue.search.matches", m.resultTotal)
	}
	if m.searching {
		in := m.input.View()
		return clip(in+"  "+m.ctx.styles.Muted.Render(status), m.width, 1)
	}
	clears := tr.F("queue.search.clears", firstKey(m.ctx.keys.Back))
	return clip(m.ctx.styles.Accent.Render("/"+m.query)+"  "+m.ctx.styles.Muted.Render(status+clears), m.width, 1)
}

// columns decides which columns fit the width.
type columns struct {
	width                                                     int
	tier, score, name, company, stage, source, waited, marker int
	due                                                       bool
	words                                                     *queueWords
}

func (m *queueModel) columns() columns {
	w := &m.words
	c := columns{width: m.width, marker: 1, tier: w.tierW, score: w.scoreW, due: m.tab == tabDue && !m.searchMode(), words: w}
	rest := m.width - c.marker - c.tier - 1 - c.score
	take := func(want, min int) int {
		if rest >= want+1 {
			rest -= want + 1
			return want
		}
		if rest >= min+1 {
			w := rest - 1
			rest = 0
			return w
		}
		return 0
	}
	// Name first; then the columns in the order a rep needs them.
	c.name = take(18, 4)
	c.waited = take(w.waitedW, w.waitedW)
	if c.due {
		// On the Due tab what is due, and when, comes before the rest.
		c.source = take(22, 14)
	}
	c.stage = take(11, 11)
	c.company = take(20, 6)
	if !c.due {
		c.source = take(16, 8)
	}
	// Whatever is left widens the due column to a date of another year,
	// then name and company.
	if grow := min(rest, w.dueW-c.source); c.due && c.source > 0 && grow > 0 {
		c.source += grow
		rest -= grow
	}
	if rest > 0 && c.company > 0 {
		extra := rest / 2
		c.name += extra
		c.company += rest - extra
	} else if rest > 0 {
		c.name += rest
	}
	return c
}

func (c columns) header() string {
	w := c.words
	source := w.source
	if c.due {
		source = w.due
	}
	var b strings.Builder
	b.WriteString(" ")
	b.WriteString(cell(w.tier, c.tier))
	b.WriteString(" ")
	b.WriteString(cellRight(w.score, c.score))
	for _, col := range []struct {
		w int
		s string
	}{{c.name, w.name}, {c.company, w.company}, {c.stage, w.stage}, {c.source, source}, {c.waited, w.waiting}} {
		if col.w > 0 {
			b.WriteString(" ")
			b.WriteString(cell(col.s, col.w))
		}
	}
	return cell(b.String(), c.width)
}

func (m queueModel) renderRow(c columns, it item, selected bool, now time.Time) string {
	s, tr := m.ctx.styles, m.ctx.tr
	marker := " "
	if selected {
		marker = "▸"
	}
	tierText := tr.Badge(it.Tier, it.InQueue)
	// Waiting: since the lead's unanswered hand-raise, flagged past the
	// response target; once answered, since the last touch, plainly.
	waited := ""
	overdue := false
	if it.InQueue {
		if !it.Awaiting.IsZero() {
			waited = tr.Ago(now, it.Awaiting)
			if sla := m.responseTarget(it.Tier); sla > 0 && now.Sub(it.Awaiting) > sla {
				overdue = true
				waited += "!"
			}
		} else {
			waited = "(" + tr.Ago(now, it.LastTouch) + ")"
		}
	}
	source := it.Source
	if c.due && it.due != nil {
		if it.due.what == domain.DueMilestone {
			source = tr.DueKind(it.due.what) + " " + tr.Day(now, it.due.at) // a milestone has a day, no time
		} else {
			source = tr.DueKind(it.due.what) + " " + tr.When(now, it.due.at)
		}
	}
	// ☎: a callback is promised for today or its time has come.
	phone := !it.Callback.IsZero() && (sameDay(now, it.Callback) || !it.Callback.After(now))
	if phone {
		waited = "☎" + waited
		overdue = overdue || !it.Callback.After(now)
	}
	// The selected row is drawn plain under one highlight: inner styles'
	// resets would cut the highlight short.
	style := func(st lipgloss.Style, text string) string {
		if selected {
			return text
		}
		return st.Render(text)
	}
	parts := []string{
		marker,
		style(s.TierStyle(it.Tier, it.InQueue), cell(tierText, c.tier)),
		cellRight(strconv.Itoa(it.Score), c.score),
	}
	add := func(w int, text string) {
		if w > 0 {
			parts = append(parts, cell(text, w))
		}
	}
	add(c.name, it.Name)
	add(c.company, it.Company)
	add(c.stage, tr.Stage(it.Stage))
	add(c.source, source)
	if c.waited > 0 {
		w := cell(waited, c.waited)
		if overdue {
			w = style(s.Overdue, w)
		}
		parts = append(parts, w)
	}
	line := strings.Join(parts[:2], "") + " " + strings.Join(parts[2:], " ")
	line = clip(line, c.width, 1)
	if selected {
		if pad := c.width - lipgloss.Width(line); pad > 0 {
			line += strings.Repeat(" ", pad)
		}
		return s.Selected.Render(line)
	}
	return line
}

// responseTarget is how long a lead of a tier may wait for an answer; cold
// leads have none.
func (m queueModel) responseTarget(t domain.Tier) time.Duration {
	switch t {
	case domain.TierHot:
		return m.ctx.cfg.Queue.HotResponse.Duration
	case domain.TierWarm:
		return m.ctx.cfg.Queue.WarmResponse.Duration
	}
	return 0
}

func sameDay(a, b time.Time) bool {
	b = b.In(a.Location())
	y1, m1, d1 := a.Date()
	y2, m2, d2 := b.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}
