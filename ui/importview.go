package ui

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
	"leadq/domain/mapping"
	"leadq/store"
	"leadq/store/transfer"
	"leadq/ui/i18n"
)

// The import overlay opens over the queue: the rep types the path of a
// file (tab completes it), sees what importing it would do, and confirms.
// Reading a directory, the dry run and the import itself run in Cmds.

type importStep int

const (
	importPath    importStep = iota // typing the path
	importReading                   // the dry run under way
	importPreview                   // what the import would do: confirm or cancel
	importRunning                   // the import under way
)

const (
	maxCandidates = 8 // completions listed below the input
	previewRows   = 5 // rows the dry run shows as they would be stored
	previewErrors = 5 // rejected lines the dry run names
)

// importExts are the files the completion offers, besides directories.
var importExts = []string{".csv", ".tsv", ".txt", ".xlsx"}

// The overlay's messages carry gen, the overlay they belong to, and seq,
// the request: an answer for an older path or a closed overlay is dropped.

// importListMsg is a directory read for the completion.
type importListMsg struct {
	gen, seq int
	dir      string   // the directory part as typed, e.g. "~/Downloads/"
	base     string   // what was typed after it
	names    []string // the entries that fit, directories with a trailing /
	err      error
}

// importPreviewMsg is the dry run of a file.
type importPreviewMsg struct {
	gen, seq int
	path     string // the file, ~ expanded
	plan     *transfer.Plan
	pv       transfer.Preview
	err      error
}

// importProgressMsg is how far the import has read the file.
type importProgressMsg struct {
	rows  int
	share float64 // of the file read, 0–1; -1 when it cannot be known
}

// importDoneMsg reports the end of the import.
type importDoneMsg struct {
	sum transfer.Summary
	err error
}

// importModel is the import overlay.
type importModel struct {
	ctx *programContext
	gen int

	step  importStep
	input textinput.Model
	seq   int // the newest completion or dry run

	candidates []string // the last completion's choices, when it had several
	more       int      // how many choices there are past those listed
	note       string   // a word on the last completion
	err        string   // why the file cannot be imported, in plain words

	path string // the file of the dry run, ~ expanded
	plan *transfer.Plan
	pv   transfer.Preview
	vp   viewport.Model // the dry run's columns, rows and rejects

	progress chan importProgressMsg
	rows     int
	share    float64
	reported bool // a progress report has come

	width, height int
}

// openImport puts the import overlay over the queue, unless nothing can
// be written.
func openImport(ctx *programContext) tea.Cmd {
	if ctx.st.ReadOnly() {
		return status(ctx.tr.T("import.read_only"), true, false)
	}
	return push(newImport(ctx))
}

func newImport(ctx *programContext) *importModel {
	in := textinput.New()
	in.Prompt = ctx.tr.T("import.prompt")
	in.Placeholder = ctx.tr.T("import.placeholder")
	in.CharLimit = 4096
	in.Cursor.SetMode(cursor.CursorStatic) // no blink ticks
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	return &importModel{ctx: ctx, gen: ctx.nextGen(), input: in, vp: vp}
}

// Init focuses the path.
func (m *importModel) Init() tea.Cmd { return m.input.Focus() }

// headLines are the lines above the dry run's scrolled details.
const headLines = 3

func (m *importModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(1, w-visibleWidth(m.input.Prompt)-1)
	m.vp.Width, m.vp.Height = max(0, w), max(0, h-headLines)
	if m.step == importPreview {
		m.vp.SetContent(m.details())
	}
}

// Focus: while the path is typed, q, j and k are letters of it; while the
// import runs only quit acts.
func (m importModel) Focus() Focus {
	switch m.step {
	case importPath:
		return FocusText
	case importRunning:
		return FocusBusy
	}
	return FocusFree
}

// Progress is the status bar's word on the import under way.
func (m importModel) Progress() string { return m.progressText() }

func (m *importModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	*m = next
	return m, cmd
}

func (m importModel) update(msg tea.Msg) (importModel, tea.Cmd) {
	switch msg := msg.(type) {
	case importDoneMsg:
		if m.step != importRunning {
			return m, nil
		}
		// Say what the import did, close, and read the queue again.
		text, isErr := m.summary(msg.sum), false
		if msg.err != nil {
			text, isErr = m.ctx.tr.F("import.stopped", m.ctx.errorText(msg.err)), true
			if msg.sum.Created+msg.sum.Merged > 0 {
				text += m.ctx.tr.F("import.before_that", m.summary(msg.sum))
			}
		}
		return m, tea.Sequence(status(text, isErr, true), back)
	case importListMsg:
		if msg.gen == m.gen && msg.seq == m.seq && m.step == importPath {
			m.onList(msg)
		}
		return m, nil
	case importPreviewMsg:
		if msg.gen != m.gen || msg.seq != m.seq || m.step != importReading {
			return m, nil
		}
		if msg.err != nil {
			m.step, m.err = importPath, m.importError(msg.path, msg.err)
			return m, m.input.Focus()
		}
		m.step, m.path, m.plan, m.pv = importPreview, msg.path, msg.plan, msg.pv
		m.vp.SetContent(m.details())
		m.vp.GotoTop()
		return m, nil
	case importProgressMsg:
		if m.step != importRunning {
			return m, nil
		}
		m.rows, m.share, m.reported = msg.rows, msg.share, true
		return m, waitImport(m.progress)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return m, nil
}

func (m importModel) onKey(msg tea.KeyMsg) (importModel, tea.Cmd) {
	k := m.ctx.keys
	switch m.step {
	case importPath:
		switch {
		case key.Matches(msg, k.ImportCancel):
			return m, back
		case key.Matches(msg, k.ImportComplete):
			m.seq++
			return m, listDir(m.gen, m.seq, m.input.Value())
		case key.Matches(msg, k.ImportCheck):
			typed := unquote(strings.TrimSpace(m.input.Value()))
			if typed == "" {
				m.err = m.ctx.tr.T("import.need_path")
				return m, nil
			}
			m.seq++
			m.step = importReading
			m.err, m.note, m.candidates, m.more = "", "", nil, 0
			m.input.Blur()
			return m, previewFile(m.ctx.st, m.gen, m.seq, typed)
		}
		before := m.input.Value()
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() != before {
			m.seq++ // a completion under way was for the old text
			m.candidates, m.more, m.note, m.err = nil, 0, "", ""
		}
		return m, cmd
	case importReading:
		if key.Matches(msg, k.ImportCancel) {
			return m, back
		}
	case importPreview:
		nav := m.ctx.keys
		switch {
		case key.Matches(msg, k.ImportCancel):
			return m, back
		case key.Matches(msg, k.ImportConfirm):
			m.step = importRunning
			m.progress = make(chan importProgressMsg, 1)
			return m, runImport(m.ctx.st, m.path, m.progress)
		case key.Matches(msg, k.ImportEdit):
			m.step = importPath
			return m, m.input.Focus()
		case key.Matches(msg, nav.Down):
			m.vp.ScrollDown(1)
		case key.Matches(msg, nav.Up):
			m.vp.ScrollUp(1)
		case key.Matches(msg, nav.PageDown):
			m.vp.PageDown()
		case key.Matches(msg, nav.PageUp):
			m.vp.PageUp()
		case key.Matches(msg, nav.Top):
			m.vp.GotoTop()
		case key.Matches(msg, nav.Bottom):
			m.vp.GotoBottom()
		}
	}
	// While the import runs the root lets only q and ctrl+c through.
	return m, nil
}

// onList applies a completion: one choice is taken, several complete
// their common beginning and are listed.
func (m *importModel) onList(msg importListMsg) {
	m.candidates, m.more, m.note, m.err = nil, 0, "", ""
	tr := m.ctx.tr
	// "this folder" as the subject of an error, and where nothing is in it.
	where, in := msg.dir, msg.dir
	if where == "" {
		where, in = tr.T("import.this_folder_name"), tr.T("import.this_folder")
	}
	switch {
	case msg.err != nil:
		m.err = m.listError(where, msg.err)
	case len(msg.names) == 0 && msg.base == "":
		m.note = tr.F("import.nothing_here", safe(in))
	case len(msg.names) == 0:
		m.note = tr.F("import.nothing_starts", safe(in), safe(msg.base))
	case len(msg.names) == 1:
		m.setValue(msg.dir + msg.names[0])
	default:
		if p := commonPrefix(msg.names); len([]rune(p)) > len([]rune(msg.base)) {
			m.setValue(msg.dir + p)
		}
		m.candidates = msg.names
		if len(m.candidates) > maxCandidates {
			m.candidates, m.more = m.candidates[:maxCandidates], len(msg.names)-maxCandidates
		}
	}
}

func (m *importModel) setValue(v string) {
	m.input.SetValue(v)
	m.input.CursorEnd()
}

// progressText is the status bar's word on the import under way.
func (m importModel) progressText() string {
	tr := m.ctx.tr
	switch {
	case m.step != importRunning:
		return ""
	case !m.reported:
		return tr.T("import.importing")
	case m.share >= 0:
		return tr.F("import.importing_share", int(m.share*100))
	}
	return tr.F("import.importing_rows", tr.Number(m.rows))
}

// ---- I/O, in Cmds ----

// listDir reads the directory of the typed path for the completion.
func listDir(gen, seq int, typed string) tea.Cmd {
	return func() tea.Msg {
		msg := importListMsg{gen: gen, seq: seq}
		if typed == "~" {
			msg.names = []string{"~/"}
			return msg
		}
		msg.dir, msg.base = splitPath(typed)
		dir := msg.dir
		if dir == "" {
			dir = "."
		}
		dir, err := expandTilde(dir)
		if err != nil {
			msg.err = err
			return msg
		}
		entries, err := os.ReadDir(dir)
		if err != nil && len(entries) == 0 {
			msg.err = err
			return msg
		}
		msg.names = fitting(dir, entries, msg.base)
		return msg
	}
}

// fitting are the entries that start with base: directories (with a
// trailing /) and files leadq imports; hidden ones only when base starts
// with a dot. Exact matches first; without one, in any case.
func fitting(dir string, entries []fs.DirEntry, base string) []string {
	hidden := strings.HasPrefix(base, ".")
	var exact, folded []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && !hidden {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		if isDir {
			name += "/"
		} else if !importable(name) {
			continue
		}
		switch {
		case strings.HasPrefix(name, base):
			exact = append(exact, name)
		case hasPrefixFold(name, base):
			folded = append(folded, name)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return folded
}

func importable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range importExts {
		if ext == e {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	r, p := []rune(s), []rune(prefix)
	return len(r) >= len(p) && strings.EqualFold(string(r[:len(p)]), prefix)
}

// commonPrefix is the longest beginning all names share, rune by rune.
func commonPrefix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	p := []rune(names[0])
	for _, n := range names[1:] {
		r := []rune(n)
		i := 0
		for i < len(p) && i < len(r) && p[i] == r[i] {
			i++
		}
		p = p[:i]
	}
	return string(p)
}

// splitPath cuts a typed path after its last separator.
func splitPath(typed string) (dir, base string) {
	i := strings.LastIndexAny(typed, "/"+string(os.PathSeparator))
	if i < 0 {
		return "", typed
	}
	return typed[:i+1], typed[i+1:]
}

// expandTilde reads ~/ at the start of a path as the home directory.
func expandTilde(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", domain.Problemf("import.no_home", "~ cannot be read as your home folder: %s", err)
	}
	return filepath.Join(home, p[1:]), nil
}

// unquote takes off the quotes a file manager puts around a dropped path.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// importError words why a file cannot be imported; the transfer's own
// errors are words already.
func (m importModel) importError(path string, err error) string {
	if errors.Is(err, zip.ErrFormat) {
		return m.ctx.tr.F("import.not_excel", path)
	}
	return m.ctx.errorText(err)
}

func (m importModel) listError(where string, err error) string {
	tr := m.ctx.tr
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return tr.F("import.no_folder", safe(where))
	case errors.Is(err, fs.ErrPermission):
		return tr.F("import.no_permission", safe(where))
	case errors.Is(err, syscall.ENOTDIR):
		return tr.F("import.not_folder", safe(where))
	}
	return m.ctx.errorText(err)
}

// previewFile is the dry run: the mapping of the file and what importing
// it would do, read without writing.
func previewFile(st *store.Store, gen, seq int, typed string) tea.Cmd {
	return func() tea.Msg {
		path, err := expandTilde(typed)
		if err != nil {
			return importPreviewMsg{gen: gen, seq: seq, err: err}
		}
		plan, err := transfer.Prepare(path, transfer.Options{})
		if err != nil {
			return importPreviewMsg{gen: gen, seq: seq, path: path, err: err}
		}
		if err := leadColumns(plan); err != nil {
			return importPreviewMsg{gen: gen, seq: seq, path: path, err: err}
		}
		pv, err := plan.Preview(st, previewRows)
		return importPreviewMsg{gen: gen, seq: seq, path: path, plan: plan, pv: pv, err: err}
	}
}

// identifying are the fields of which a row needs one to be a lead.
var identifying = map[string]bool{"name": true, "first_name": true, "last_name": true, "company": true, "email": true, "phone": true, "mobile": true}

// leadColumns refuses a file none of whose columns names a lead (a
// letter, a binary file): every row of it would be rejected.
func leadColumns(plan *transfer.Plan) error {
	headers := make([]string, 0, 4)
	for _, c := range plan.Mapping.Columns {
		if identifying[c.Target] {
			return nil
		}
		if len(headers) < 4 {
			headers = append(headers, fmt.Sprintf("%q", cell(safe(c.Header), 24)))
		}
	}
	if len(plan.Mapping.Columns) > len(headers) {
		headers = append(headers, "…")
	}
	return domain.Problemf("import.not_leads", "%s does not look like a table of leads: its first line should name the columns, and none of them (%s) is a name, company, email or phone",
		plan.Path, strings.Join(headers, ", "))
}

// runImport imports the file, its progress coming through ch.
func runImport(st *store.Store, path string, ch chan importProgressMsg) tea.Cmd {
	run := func() tea.Msg {
		defer close(ch)
		plan, err := transfer.Prepare(path, transfer.Options{Progress: func(rows int, share float64) {
			latest(ch, importProgressMsg{rows: rows, share: share})
		}})
		if err != nil {
			return importDoneMsg{err: err}
		}
		sum, err := plan.Run(st, false)
		return importDoneMsg{sum: sum, err: err}
	}
	return tea.Batch(run, waitImport(ch))
}

// waitImport waits for the next progress report; nil once it is over.
func waitImport(ch chan importProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}

// ---- View ----

func (m importModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s, tr, k := m.ctx.styles, m.ctx.tr, m.ctx.keys
	var b strings.Builder
	switch m.step {
	case importPath, importReading:
		b.WriteString(s.Section.Render(tr.T("import.title")) + "\n")
		b.WriteString(m.input.View())
		if m.step == importReading {
			b.WriteString("\n" + s.Muted.Render(tr.T("import.reading")))
		}
		if m.err != "" {
			b.WriteString("\n" + s.Error.Render(ansiWrap(safe(m.err), m.width)))
		}
		if m.note != "" {
			b.WriteString("\n" + s.Muted.Render(ansiWrap(m.note, m.width)))
		}
		for _, c := range m.candidates {
			b.WriteString("\n  " + cell(safe(c), m.width-2))
		}
		if m.more > 0 {
			b.WriteString("\n" + s.Muted.Render(tr.F("import.more_candidates", m.more)))
		}
		explain := tr.F("import.explain", firstKey(k.ImportComplete), firstKey(k.ImportCheck), firstKey(k.ImportCancel))
		b.WriteString("\n\n" + s.Muted.Render(ansiWrap(explain, m.width)))
	case importPreview:
		b.WriteString(s.Section.Render(titled(tr, "import.preview_title", safe(m.path), m.width)) + "\n")
		b.WriteString(s.Title.Render(cell(m.wouldLine(), m.width)) + "\n")
		hint := tr.F("import.preview_hint",
			strings.ReplaceAll(k.ImportConfirm.Help().Key, "/", tr.T("import.or")), k.ImportEdit.Help().Key, k.ImportCancel.Help().Key,
			firstKey(k.Down), firstKey(k.Up))
		b.WriteString(s.Muted.Render(cell(hint, m.width)) + "\n")
		b.WriteString(m.vp.View())
	case importRunning:
		b.WriteString(s.Section.Render(titled(tr, "import.running_title", safe(m.path), m.width)) + "\n")
		b.WriteString(m.progressText() + "\n")
		b.WriteString(s.Muted.Render(ansiWrap(tr.F("import.running_keys", firstKey(k.Quit), firstKey(k.ForceQuit)), m.width)))
	}
	return clip(b.String(), m.width, m.height)
}

// titled is a title with a path in it, the path cut to what the width
// leaves.
func titled(tr *i18n.Catalog, id, path string, width int) string {
	words := visibleWidth(tr.F(id, ""))
	return tr.F(id, cell(path, max(0, width-words)))
}

// wouldLine is what the dry run counted.
func (m importModel) wouldLine() string {
	tr, c := m.ctx.tr, m.pv.Counts
	s := tr.F("import.would", tr.Number(c.Created), tr.Number(c.Merged), tr.Number(c.Unchanged))
	if c.Skipped > 0 {
		s += tr.F("import.would_skip", tr.Number(c.Skipped))
	}
	if c.Erased > 0 {
		s += tr.F("import.would_erased", tr.Number(c.Erased))
	}
	return s + tr.F("import.would_reject", tr.Number(len(m.pv.Rejected)))
}

// summary is what the import did, for the status bar.
func (m importModel) summary(sum transfer.Summary) string {
	tr := m.ctx.tr
	s := tr.F("import.done", tr.Number(sum.Created), tr.Number(sum.Merged), tr.Number(sum.Unchanged), tr.Number(sum.Rejected))
	if sum.Skipped > 0 {
		s += tr.F("import.done_skipped", tr.Number(sum.Skipped))
	}
	if sum.RejectsFile != "" {
		s += tr.F("import.done_see", sum.RejectsFile)
	}
	return s
}

// details are the dry run's columns, first rows and rejected lines, for
// the viewport.
func (m importModel) details() string {
	if m.plan == nil {
		return ""
	}
	s, tr, w := m.ctx.styles, m.ctx.tr, m.width
	var b strings.Builder
	line := func(text string) {
		b.WriteString(ansiWrap(text, w))
		b.WriteByte('\n')
	}

	line(s.Section.Render(tr.T("import.columns")))
	cols := m.plan.Mapping.Columns
	hw, tw := 0, 0
	for _, c := range cols {
		hw = max(hw, visibleWidth(safe(c.Header)))
		tw = max(tw, visibleWidth(c.Target))
	}
	hw, tw = min(hw, max(6, w/3), 28), min(tw, 26)
	for i, c := range cols {
		header := c.Header
		if header == "" {
			header = tr.F("import.unnamed_column", i+1)
		}
		// One line a column: the why is cut where the width ends.
		head := "  " + cell(safe(header), hw) + " → " + cell(c.Target, tw) + "  "
		b.WriteString(clip(head+s.Muted.Render(cell(originText(tr, c, cols), w-visibleWidth(head))), w, 1) + "\n")
	}

	b.WriteByte('\n')
	line(s.Section.Render(tr.T("import.first_rows")))
	if len(m.pv.Sample) == 0 {
		line(s.Muted.Render(tr.T("import.no_rows")))
	} else {
		avail := max(0, w-2-3)
		widths := []int{avail * 4 / 16, avail * 4 / 16, avail * 5 / 16, 0}
		widths[3] = avail - widths[0] - widths[1] - widths[2]
		row := func(cells ...string) string {
			parts := make([]string, len(cells))
			for i, c := range cells {
				parts[i] = cell(safe(c), widths[i])
			}
			return "  " + strings.Join(parts, " ")
		}
		b.WriteString(s.Header.Render(row(tr.T("import.col_name"), tr.T("import.col_company"), tr.T("import.col_email"), tr.T("import.col_city"))) + "\n")
		for _, l := range m.pv.Sample {
			b.WriteString(row(l.DisplayName(), l.Company.Name, l.Email, l.Company.City) + "\n")
		}
	}

	if n := len(m.pv.Rejected); n > 0 {
		b.WriteByte('\n')
		line(s.Section.Render(tr.F("import.rejected", safe(filepath.Base(transfer.RejectsPath(m.path))))))
		for i, r := range m.pv.Rejected {
			if i == previewErrors {
				line(s.Muted.Render(tr.F("import.more_rejected", tr.Number(n-previewErrors))))
				break
			}
			b.WriteString(hanging(tr.F("import.line", r.Line, safe(r.Reason)), w, 4) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// hanging wraps text to width, its later lines indented.
func hanging(text string, width, indent int) string {
	if width <= indent+8 {
		return ansiWrap(text, width)
	}
	first := ansiWrap(text, width)
	head, rest, ok := strings.Cut(first, "\n")
	if !ok {
		return first
	}
	pad := strings.Repeat(" ", indent)
	rest = ansiWrap(strings.Join(strings.Fields(rest), " "), width-indent)
	return head + "\n" + pad + strings.ReplaceAll(rest, "\n", "\n"+pad)
}

// whyIDs word the reasons the mapping gives, in its English, for a column
// it maps on its own (they are comments of the mapping file as well).
var whyIDs = map[string]string{
	"leadq computes its own tier": "import.why.own_tier",
	"leadq computes it":           "import.why.computed",
}

// originText says why a column goes where it goes.
func originText(tr *i18n.Catalog, c mapping.Column, cols []mapping.Column) string {
	switch c.Origin {
	case mapping.FromMap:
		return tr.T("import.from_map")
	case mapping.Automatic:
		if c.Why != "" {
			why := c.Why
			if id, ok := whyIDs[why]; ok {
				why = tr.T(id)
			}
			return tr.F("import.automatic_why", why)
		}
		return tr.T("import.automatic")
	case mapping.Unmapped:
		return tr.T("import.unmapped")
	case mapping.Taken:
		if c.By >= 0 && c.By < len(cols) {
			return tr.F("import.taken", cell(safe(cols[c.By].Header), 20), cols[c.By].Target)
		}
		return tr.T("import.taken_other")
	case mapping.EmptyHeader:
		return tr.T("import.empty_header")
	}
	return ""
}

// ---- help ----

func (m importModel) ShortHelp() []key.Binding {
	k := m.ctx.keys
	switch m.step {
	case importPath:
		return []key.Binding{k.ImportComplete, k.ImportCheck, k.ImportCancel}
	case importReading:
		return []key.Binding{k.ImportCancel}
	case importPreview:
		scroll := key.NewBinding(key.WithKeys(m.ctx.keys.Down.Keys()...),
			key.WithHelp(firstKey(m.ctx.keys.Down)+"/"+firstKey(m.ctx.keys.Up), m.ctx.tr.T("import.scroll")))
		return []key.Binding{k.ImportConfirm, k.ImportEdit, scroll, k.ImportCancel}
	}
	return []key.Binding{m.ctx.keys.Quit}
}

func (m importModel) FullHelp() [][]key.Binding {
	if m.step == importPreview {
		n := m.ctx.keys
		return [][]key.Binding{{m.ctx.keys.ImportConfirm, m.ctx.keys.ImportEdit, m.ctx.keys.ImportCancel}, {n.Down, n.Up, n.PageDown, n.PageUp, n.Top, n.Bottom}}
	}
	return [][]key.Binding{m.ShortHelp()}
}
