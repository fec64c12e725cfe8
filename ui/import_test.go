package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
)

// germanCSV is a file as a German Excel saves it: ; between cells, German
// headers, one row with an email that cannot be one, and a column leadq
// does not know.
const germanCSV = "Vorname;Nachname;Firma;E-Mail;Ort;Interesse\n" +
	"Greta;Krause;Krause Metallbau GmbH;greta@krause-metall.de;Dortmund;Wartungsvertrag\n" +
	"Ben;Roth;Roth AG;ben@@roth;Ulm;\n" +
	"Carla;Weiß;Weiß Verpackung KG;carla@weiss-verpackung.de;Köln;Neubau\n"

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyFixture copies a file of testdata/import into dir, so an import can
// write its rejects beside it.
func copyFixture(t *testing.T, name, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Join(dir, name), string(data))
}

func typedPath(m *Model) string { return m.importScreen().input.Value() }

// openImportWith presses i and types a path, as a rep would.
func openImportWith(t *testing.T, m *Model, path string) {
	t.Helper()
	press(t, m, "i")
	if m.importScreen() == nil || !strings.Contains(shown(m), "IMPORT A FILE") {
		t.Fatalf("i did not open the import:\n%s", shown(m))
	}
	typeText(t, m, path)
}

func TestImportCompletesPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"leads-2025.xlsx", "leads-2026.csv", "notes.pdf", "lebenslauf.docx", ".hidden.csv", "Kunden/liste.tsv"} {
		writeFile(t, filepath.Join(dir, name), "x")
	}
	for i := 1; i <= 10; i++ {
		writeFile(t, filepath.Join(dir, "many", fmt.Sprintf("a%02d.csv", i)), "x")
	}
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openImportWith(t, m, dir+"/le")
	press(t, m, "tab")
	if got := typedPath(m); got != dir+"/leads-202" {
		t.Fatalf("tab completed to %q, want the common prefix %q", got, dir+"/leads-202")
	}
	v := shown(m)
	for _, want := range []string{"leads-2025.xlsx", "leads-2026.csv"} {
		if !strings.Contains(v, want) {
			t.Errorf("the candidates lack %s:\n%s", want, v)
		}
	}
	for _, not := range []string{"lebenslauf", "notes.pdf", ".hidden"} {
		if strings.Contains(v, not) {
			t.Errorf("%s is offered:\n%s", not, v)
		}
	}
	typeText(t, m, "6")
	if strings.Contains(shown(m), "leads-2025.xlsx") {
		t.Error("the candidates stay after the path changed")
	}
	press(t, m, "tab")
	if got := typedPath(m); got != dir+"/leads-2026.csv" {
		t.Fatalf("one candidate completed to %q", got)
	}

	// A directory gets its slash, in any case; its files on the next tab.
	press(t, m, "ctrl+u")
	typeText(t, m, dir+"/ku")
	press(t, m, "tab")
	if got := typedPath(m); got != dir+"/Kunden/" {
		t.Fatalf("directory completed to %q", got)
	}
	press(t, m, "tab")
	if got := typedPath(m); got != dir+"/Kunden/liste.tsv" {
		t.Fatalf("the directory's one file completed to %q", got)
	}

	// More than 8: the first 8 and how many more.
	press(t, m, "ctrl+u")
	typeText(t, m, dir+"/many/")
	press(t, m, "tab")
	if got := typedPath(m); got != dir+"/many/a" {
		t.Fatalf("completed to %q", got)
	}
	if v := shown(m); !strings.Contains(v, "a08.csv") || strings.Contains(v, "a09.csv") || !strings.Contains(v, "… and 2 more") {
		t.Fatalf("want 8 candidates and 2 more:\n%s", v)
	}

	// Nothing fits; a folder that is not there.
	press(t, m, "ctrl+u")
	typeText(t, m, dir+"/zz")
	press(t, m, "tab")
	if v := shown(m); !strings.Contains(v, `starts with "zz"`) || m.importScreen() == nil {
		t.Fatalf("no word on a completion that fits nothing:\n%s", v)
	}
	press(t, m, "ctrl+u")
	typeText(t, m, dir+"/nope/x")
	press(t, m, "tab")
	if v := shown(m); !strings.Contains(v, "there is no folder") {
		t.Fatalf("no word on a missing folder:\n%s", v)
	}

	// ~ is the home directory and stays ~ in the path.
	t.Setenv("HOME", dir)
	press(t, m, "ctrl+u")
	typeText(t, m, "~")
	press(t, m, "tab")
	if got := typedPath(m); got != "~/" {
		t.Fatalf("~ completed to %q", got)
	}
	typeText(t, m, "leads-2026")
	press(t, m, "tab")
	if got := typedPath(m); got != "~/leads-2026.csv" {
		t.Fatalf("~/leads-2026 completed to %q", got)
	}
}

// The directory is read in a Cmd, not in Update.
func TestImportCompletionReadsInACmd(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openImportWith(t, m, t.TempDir()+"/")
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyTab})
	if cmd == nil {
		t.Fatal("tab returned no command to read the directory")
	}
	// An answer for text since changed is dropped.
	msg := cmd()
	typeText(t, m, "x")
	before := typedPath(m)
	m.Update(msg)
	if typedPath(m) != before {
		t.Fatalf("a stale completion changed the path to %q", typedPath(m))
	}
}

// In the path, q, j, k and ? are letters.
func TestImportPathIsText(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openImportWith(t, m, "qjk?4")
	if m.quitting || m.importScreen() == nil || typedPath(m) != "qjk?4" || m.fullHelp || m.queueScreen().tab != tabHot {
		t.Fatalf("letters in the path acted as keys: path %q, quitting %v", typedPath(m), m.quitting)
	}
}

func TestImportPreviewOfACSV(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 110, 40)
	path := writeFile(t, filepath.Join(t.TempDir(), "kontakte.csv"), germanCSV)
	openImportWith(t, m, path)
	press(t, m, "enter")
	if m.importScreen() == nil || m.importScreen().step != importPreview {
		t.Fatalf("enter did not show the dry run:\n%s", shown(m))
	}
	v := shown(m)
	for _, want := range []string{
		"would: create 2 · merge 0 · leave 0 unchanged · reject 1",
		"Vorname   → first_name", "automatic", "E-Mail    → email",
		"Interesse → custom.interesse", "custom field: leadq does not know this column",
		"NAME", "Greta Krause", "Krause Metallbau GmbH", "greta@krause-metall.de", "Dortmund", "Carla Weiß", "Köln",
		"REJECTED ROWS (they go to kontakte.rejects.csv)", `line 3: column "E-Mail": ben@@roth is not an email address`,
		"enter or y imports",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the dry run lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("dry run:\n%s", v)
	}
	if c, _ := st.Counts(); c.All() != 8 {
		t.Fatalf("the dry run wrote: %d leads", c.All())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "kontakte.rejects.csv")); err == nil {
		t.Fatal("the dry run wrote the rejects file")
	}
}

// A fixture with broken lines: the rejected lines are named, and a row
// matching a stored lead would be merged.
func TestImportPreviewOfABrokenFixture(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 120, 40)
	openImportWith(t, m, filepath.Join("..", "testdata", "import", "broken.csv"))
	press(t, m, "enter")
	v := shown(m)
	for _, want := range []string{"would: create 6 · merge 0 · leave 0 unchanged · reject 3",
		"Ansprechpartner → name", "line 4: a quoted field is not closed", "line 6: has 12 cells where the header has 10"} {
		if !strings.Contains(v, want) {
			t.Errorf("the dry run lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("dry run:\n%s", v)
	}
}

func TestImportConfirmImports(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 110, 40)
	press(t, m, "4", "j", "j")
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "kontakte.csv"), germanCSV)
	openImportWith(t, m, path)
	press(t, m, "enter", "enter")
	if m.importScreen() != nil {
		t.Fatalf("the overlay stays open after the import:\n%s", shown(m))
	}
	rejects := filepath.Join(dir, "kontakte.rejects.csv")
	if want := "created 2 · merged 0 · unchanged 0 · rejected 1 (see " + rejects + ")"; m.status != want || m.statusErr {
		t.Fatalf("status %q, want %q", m.status, want)
	}
	if !strings.Contains(shown(m), "created 2 · merged 0") {
		t.Fatalf("the status bar lacks the summary:\n%s", shown(m))
	}
	if c := m.queueScreen().counts.All(); c != 10 {
		t.Fatalf("All counts %d after the import, want 10", c)
	}
	if m.queueScreen().cursor != 2 || m.queueScreen().tab != tabAll {
		t.Fatalf("cursor at %d of tab %d after the import, want 2 of All", m.queueScreen().cursor, m.queueScreen().tab)
	}
	if v := shown(m); !strings.Contains(v, "Greta Krause") || !strings.Contains(v, "Carla Weiß") {
		t.Fatalf("the queue does not show the imported leads:\n%s", v)
	}
	if data, err := os.ReadFile(rejects); err != nil || !strings.Contains(string(data), "ben@@roth") {
		t.Fatalf("rejects file: %v\n%s", err, data)
	}
	// The same file again, confirmed with y: the leads are there already.
	openImportWith(t, m, path)
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "would: create 0 · merge 0 · leave 2 unchanged · reject 1") {
		t.Fatalf("the second dry run:\n%s", v)
	}
	press(t, m, "y")
	if m.importScreen() != nil || !strings.HasPrefix(m.status, "created 0 · merged 0 · unchanged 2") {
		t.Fatalf("second import: status %q", m.status)
	}
	if c := m.queueScreen().counts.All(); c != 10 {
		t.Fatalf("All counts %d after importing the same file again", c)
	}
}

// Imported custom columns show on the lead.
func TestImportedCustomFieldsShowOnTheLead(t *testing.T) {
	m := newTestApp(t, openStore(t, nil), 110, 60)
	openImportWith(t, m, copyFixture(t, "salesforce.csv", t.TempDir()))
	press(t, m, "enter", "enter")
	if !strings.HasPrefix(m.status, "created 5") {
		t.Fatalf("status %q", m.status)
	}
	openByName(t, m, "Jürgen Müller")
	v := shown(m)
	for _, want := range []string{"CUSTOM FIELDS", "rating: Hot", "total_time_on_site_c: 42"} {
		if !strings.Contains(v, want) {
			t.Errorf("the lead lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatal(v)
	}
}

func TestImportProgressAndKeysWhileRunning(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 110, 30)
	openImportWith(t, m, writeFile(t, filepath.Join(t.TempDir(), "kontakte.csv"), germanCSV))
	press(t, m, "enter")
	_, importCmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if m.importScreen() == nil || !(m.importScreen().Focus() == FocusBusy) || importCmd == nil {
		t.Fatal("enter did not start the import")
	}
	if c, _ := st.Counts(); c.All() != 8 {
		t.Fatal("the import ran in Update")
	}
	if !strings.Contains(shown(m), "importing …") || !strings.Contains(shown(m), "Keys wait until the import is done") {
		t.Fatalf("no word of the import under way:\n%s", shown(m))
	}
	// A report re-arms the reader of the channel; its command is not run
	// here, as no import writes to the channel yet.
	if _, next := m.Update(importProgressMsg{rows: 1000, share: 0.42}); next == nil {
		t.Fatal("a progress report did not wait for the next")
	}
	if v := shown(m); !strings.Contains(v, "importing … 42 %") {
		t.Fatalf("the status bar lacks the progress:\n%s", v)
	}
	press(t, m, "esc", "j", "e", "?", "4", "a")
	if m.importScreen() == nil || !(m.importScreen().Focus() == FocusBusy) || m.fullHelp || m.leadScreen() != nil || m.queueScreen().tab != tabHot {
		t.Fatal("a key acted while the import runs")
	}
	run(t, m, importCmd)
	if m.importScreen() != nil || !strings.HasPrefix(m.status, "created 2") || m.queueScreen().counts.All() != 10 {
		t.Fatalf("after the import: overlay %v, status %q, %d leads", m.importScreen() != nil, m.status, m.queueScreen().counts.All())
	}

	// q quits while an import runs.
	openImportWith(t, m, writeFile(t, filepath.Join(t.TempDir(), "more.csv"), germanCSV))
	press(t, m, "enter")
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	press(t, m, "q")
	if !m.quitting {
		t.Fatal("q did not quit while the import runs")
	}
}

func TestImportEscCancels(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 110, 30)
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "kontakte.csv"), germanCSV)

	openImportWith(t, m, path)
	press(t, m, "esc")
	if m.importScreen() != nil {
		t.Fatal("esc did not close the path")
	}

	openImportWith(t, m, path)
	press(t, m, "enter", "esc")
	if m.importScreen() != nil || m.quitting {
		t.Fatal("esc did not close the dry run")
	}

	// While the dry run reads; its answer, coming later, is dropped, also
	// when another overlay is open by then.
	openImportWith(t, m, path)
	_, preview := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	press(t, m, "esc")
	if m.importScreen() != nil {
		t.Fatal("esc did not close while the dry run reads")
	}
	msg := preview()
	press(t, m, "i")
	m.Update(msg)
	if m.importScreen() == nil || m.importScreen().step != importPath {
		t.Fatal("the answer of a closed overlay reached the new one")
	}
	press(t, m, "esc")

	// Back to the path from the dry run keeps it.
	openImportWith(t, m, path)
	press(t, m, "enter", "e")
	if m.importScreen() == nil || !(m.importScreen().Focus() == FocusText) || typedPath(m) != path {
		t.Fatal("e did not go back to the path")
	}
	press(t, m, "esc")

	if c, _ := st.Counts(); c.All() != 8 {
		t.Fatalf("a cancelled import wrote: %d leads", c.All())
	}
	if _, err := os.Stat(filepath.Join(dir, "kontakte.rejects.csv")); err == nil {
		t.Fatal("a cancelled import wrote the rejects file")
	}
}

func TestImportErrorsKeepTheOverlay(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		path, want string
	}{
		{filepath.Join(dir, "nope.csv"), "there is no file " + filepath.Join(dir, "nope.csv")},
		{writeFile(t, filepath.Join(dir, "empty.csv"), ""), "no header row: the file is empty"},
		{dir, "is a directory, not a file to import"},
		{writeFile(t, filepath.Join(dir, "brief.pdf"), "%PDF-1.4"), "leadq imports .csv, .tsv, .txt and .xlsx files, not .pdf"},
		{writeFile(t, filepath.Join(dir, "brief.txt"), "Sehr geehrte Damen und Herren\nwir bieten an\n"), "does not look like a table of leads"},
		{writeFile(t, filepath.Join(dir, "alt.xlsx"), "kein Excel"), "alt.xlsx is not an Excel workbook leadq can read"},
		{"", "type the path of the file to import first"},
	} {
		m := newTestApp(t, openStore(t, testLeads()), 110, 30)
		openImportWith(t, m, tc.path)
		press(t, m, "enter")
		if m.importScreen() == nil || !(m.importScreen().Focus() == FocusText) {
			t.Fatalf("%s: the overlay did not stay on the path", tc.path)
		}
		if v := flat(shown(m)); !strings.Contains(v, tc.want) {
			t.Fatalf("%s: the overlay lacks %q:\n%s", tc.path, tc.want, shown(m))
		}
		if typedPath(m) != tc.path {
			t.Fatalf("the path became %q", typedPath(m))
		}
		// The path stays editable, and editing it clears the error.
		typeText(t, m, "x")
		if typedPath(m) != tc.path+"x" || m.importScreen().err != "" {
			t.Fatalf("%s: the path is not editable after the error", tc.path)
		}
	}
}

func TestImportKeyIsRebindableAndHelped(t *testing.T) {
	st := openStore(t, testLeads())
	cfg := domain.DefaultConfig()
	cfg.Keys = map[string][]string{"import": {"I"}}
	m, err := New(st, Options{Config: cfg, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(t, m, m.Init())
	press(t, m, "i")
	if m.importScreen() != nil {
		t.Fatal("i still imports after import was rebound to I")
	}
	press(t, m, "I")
	if m.importScreen() == nil {
		t.Fatal("I does not import")
	}
	press(t, m, "esc")

	m = newTestApp(t, st, 80, 24)
	lines := strings.Split(shown(m), "\n")
	if help := lines[len(lines)-1]; !strings.Contains(help, "a add") || !strings.Contains(help, "i import a file") || !strings.Contains(help, "? help") {
		t.Fatalf("the queue's short help at 80 columns lacks a, i or ?: %q", help)
	}
	press(t, m, "?")
	if !strings.Contains(shown(m), "import a file") {
		t.Fatalf("the full help lacks the import:\n%s", shown(m))
	}
}

// On a fresh database the queue says how to start, on every tab.
func TestFirstRunSaysHowToStart(t *testing.T) {
	m := newTestApp(t, openStore(t, nil), 100, 20)
	const want = "no leads yet: a adds one, i imports a file (CSV, Excel)"
	if !strings.Contains(shown(m), want) {
		t.Fatalf("the first screen lacks %q:\n%s", want, shown(m))
	}
	press(t, m, "4")
	if !strings.Contains(shown(m), want) {
		t.Fatalf("the empty All tab lacks %q:\n%s", want, shown(m))
	}
	// With leads, an empty tab says only that it is empty.
	m = newTestApp(t, openStore(t, testLeads()[4:5]), 100, 20)
	if v := shown(m); strings.Contains(v, "no leads yet") || !strings.Contains(v, "no hot leads") {
		t.Fatalf("an empty Hot tab beside a cold lead:\n%s", v)
	}
}

// The overlay fits every size at every step.
func TestImportOverlaySizes(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "kontakte.csv"), germanCSV)
	writeFile(t, filepath.Join(dir, "kontakte-alt.csv"), germanCSV)
	for _, size := range [][2]int{{20, 5}, {80, 24}, {1, 1}, {10, 2}, {40, 8}} {
		w, h := size[0], size[1]
		m := newTestApp(t, openStore(t, testLeads()), w, h)
		checkAt := func(where string, w, h int) {
			t.Helper()
			view := m.View()
			lines := strings.Split(view, "\n")
			if view != "" && len(lines) > h {
				t.Errorf("%dx%d %s: %d lines", w, h, where, len(lines))
			}
			for _, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("%dx%d %s: line %q is %d wide", w, h, where, ansi.Strip(l), lw)
				}
			}
		}
		check := func(where string) { t.Helper(); checkAt(where, w, h) }
		press(t, m, "i")
		typeText(t, m, dir+"/ko")
		check("path")
		press(t, m, "tab")
		check("candidates")
		typeText(t, m, "x")
		press(t, m, "enter")
		check("error")
		press(t, m, "ctrl+u")
		typeText(t, m, path)
		press(t, m, "enter")
		if m.importScreen() == nil || m.importScreen().step != importPreview {
			t.Fatalf("%dx%d: no dry run", w, h)
		}
		check("dry run")
		press(t, m, "G", "?")
		check("help over the dry run")
		press(t, m, "?")
		m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		m.Update(importProgressMsg{rows: 1000, share: 0.5})
		check("running")
		m.Update(teaSize(w+7, h+3))
		checkAt("resized", w+7, h+3)
	}
}
