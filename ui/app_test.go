package ui

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

var testNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// testLeads are a small, hand-made queue: two hot, two warm, three cold
// and one out of the queue, with names that test display width.
func testLeads() []*domain.Lead {
	touch := func(ago time.Duration, t domain.Touch) domain.Event {
		return domain.Event{Kind: domain.EventTouch, At: testNow.Add(-ago), Touch: &t}
	}
	demo := func(ago time.Duration) domain.Event { return touch(ago, domain.Touch{Kind: domain.KindDemoRequest}) }
	dl := func(ago time.Duration) domain.Event {
		return touch(ago, domain.Touch{Kind: domain.KindDownload, Funnel: domain.FunnelDecision})
	}
	move := func(ago time.Duration, from, to domain.Stage, reason string) domain.Event {
		return domain.Event{Kind: domain.EventStageMoved, At: testNow.Add(-ago), Stage: &domain.StageMove{From: from, To: to, Reason: reason}}
	}
	big := domain.Company{Employees: 250, Industry: "Maschinenbau", Country: "DE"}
	mk := func(name, title, company, city, email, source string, c domain.Company, created time.Duration, history ...domain.Event) *domain.Lead {
		c.Name, c.City = company, city
		return &domain.Lead{Name: name, Title: title, Email: email, Phone: "+49 221 5550100", Company: c,
			Source: source, Created: testNow.Add(-created), History: history, BANT: domain.BANT{RepEstimate: -1}}
	}
	leads := []*domain.Lead{
		mk("Jürgen Müller", "Geschäftsführer", "Müller Maschinenbau GmbH", "Köln", "juergen.mueller@mueller-mb.de", "Messe", big, 3*time.Hour, demo(2*time.Hour), dl(2*time.Hour)),
		mk("山田 太郎", "CTO", "Yamada Seiki 株式会社", "München", "taro@yamada.jp", "Website", big, 30*time.Minute, demo(20*time.Minute), dl(25*time.Minute)),
		mk("Sören Weiß", "Einkaufsleiter", "Weiß Logistik AG", "Hamburg", "s.weiss@weiss-logistik.de", "Webinar", big, 72*time.Hour, dl(24*time.Hour),
			touch(20*time.Hour, domain.Touch{Kind: domain.KindEmail, Note: "Unterlagen geschickt"})),
		mk("Zoë 🚀 Martin", "Head of IT", "Rocket Software GmbH", "Berlin", "zoe@rocket.example", "LinkedIn", domain.Company{Employees: 80, Industry: "Software", Country: "DE"}, 100*time.Hour),
		mk("Anna Schmidt", "Projektmanagerin", "Schmidt & Söhne KG", "Leipzig", "anna@schmidt-soehne.de", "Newsletter", domain.Company{Employees: 12, Country: "DE"}, 200*time.Hour),
		mk("Björn Schäfer", "Werkstudent", "Schäfer Bau GmbH", "Ulm", "bjoern@schaefer-bau.de", "Cold call", domain.Company{Employees: 8, Country: "DE"}, 400*time.Hour),
		mk("Ayşe Yılmaz", "Assistenz", "Yılmaz Handel", "Essen", "ayse@yilmaz-handel.de", "Google Ads", domain.Company{Employees: 3, Country: "DE"}, 500*time.Hour),
		mk("Pierre Dubois", "Directeur", "Dubois SARL", "Paris", "pierre@dubois.fr", "Partner", domain.Company{Employees: 40, Country: "FR"}, 900*time.Hour),
	}
	leads[7].Fit, leads[7].FitReason = domain.FitNone, "B2C only"
	leads[0].Callback = &domain.Callback{At: testNow.Add(-30 * time.Minute), Note: "after the board meeting"}
	leads[0].Stage = domain.StageSQL
	leads[0].BANT = domain.BANT{Budget: domain.Money{Cents: 80_000_00, Currency: "EUR"}, BudgetStatus: domain.BudgetConfirmed, Authority: domain.AuthorityDecisionMaker, AuthorityRole: "Geschäftsführer", Need: "Rüstzeiten halbieren", Urgency: domain.UrgencyHigh, Timeline: "Q2 2027", RepEstimate: 70}
	leads[0].History = append(leads[0].History, move(150*time.Minute, domain.StageInquiry, domain.StageSAL, ""), move(140*time.Minute, domain.StageSAL, domain.StageSQL, "Demo gebucht"))
	leads[0].Notes = []domain.Note{{Kind: domain.NoteTeamPage, URL: "https://mueller-mb.de/team", Text: "Durchwahl Sekretariat: -120", Created: testNow.Add(-time.Hour)}}
	return leads
}

func openStore(t testing.TB, leads []*domain.Lead) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "leads.db"), store.Options{Scoring: domain.DefaultScoringModel(), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, l := range leads {
		if _, _, err := st.AddLead(l); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// run executes a command and everything it leads to, feeding each message
// back into the model, as the Bubble Tea runtime would. Cursor blink timers
// are dropped: they tick forever and change nothing a test looks at.
func run(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || isBlink(c) || isTick(c) {
			continue
		}
		msg := c()
		switch typ := fmt.Sprintf("%T", msg); {
		case typ == "cursor.initialBlinkMsg" || typ == "cursor.BlinkMsg":
			continue
		case typ == "tea.sequenceMsg":
			// tea.Sequence: its commands, in order.
			v := reflect.ValueOf(msg)
			for i := v.Len() - 1; i >= 0; i-- {
				queue = append([]tea.Cmd{v.Index(i).Interface().(tea.Cmd)}, queue...)
			}
			continue
		}
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			m.quitting = true
		case nil:
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// blinkCode is the code of the cursor's blink timer: every blink command
// is a closure of that one function, so it is known by its code pointer.
var blinkCode = func() uintptr {
	c := cursor.New()
	return reflect.ValueOf(c.Focus()).Pointer()
}()

func isBlink(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == blinkCode }

// tickCode is the code of every tea.Tick: the watch's beat waits a second
// and comes back for ever, so run drops it; tests send watchTickMsg.
var tickCode = reflect.ValueOf(tea.Tick(0, nil)).Pointer()

func isTick(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == tickCode }

func newTestApp(t testing.TB, st *store.Store, w, h int) *Model {
	t.Helper()
	return newTestAppIn(t, st, w, h, i18n.English)
}

// newTestAppIn is newTestApp speaking lang.
func newTestAppIn(t testing.TB, st *store.Store, w, h int, lang i18n.Lang) *Model {
	t.Helper()
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: fixedNow, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(t, m, m.Init())
	return m
}

// press sends keys the way a terminal does: one message per key.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "shift+tab":
			msg = tea.KeyMsg{Type: tea.KeyShiftTab}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		case "up":
			msg = tea.KeyMsg{Type: tea.KeyUp}
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		case "pgup":
			msg = tea.KeyMsg{Type: tea.KeyPgUp}
		case "backspace":
			msg = tea.KeyMsg{Type: tea.KeyBackspace}
		case "ctrl+c":
			msg = tea.KeyMsg{Type: tea.KeyCtrlC}
		case "right":
			msg = tea.KeyMsg{Type: tea.KeyRight}
		case "left":
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		case "ctrl+u":
			msg = tea.KeyMsg{Type: tea.KeyCtrlU}
		case " ":
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd := m.Update(msg)
		run(t, m, cmd)
	}
}

func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		press(t, m, string(r))
	}
}

func selectedName(m *Model) string {
	it, _ := m.queueScreen().selected()
	return it.Name
}

func TestQueueOrderAndTabs(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	c := m.queueScreen().counts
	if c.Hot+c.Warm+c.Cold != 7 || c.Out != 1 {
		t.Fatalf("counts = %+v, want 7 in the queue and 1 out", c)
	}
	if m.queueScreen().tab != tabHot || m.queueScreen().total() != c.Hot {
		t.Fatalf("starts on tab %d with %d rows, want Hot with %d", m.queueScreen().tab, m.queueScreen().total(), c.Hot)
	}
	// Jürgen has confirmed BANT on top of a demo request: highest score of all.
	if selectedName(m) != "Jürgen Müller" {
		t.Fatalf("top of Hot = %q, want Jürgen Müller", selectedName(m))
	}
	view := m.View()
	for _, want := range []string{"1 Hot " + fmt.Sprint(c.Hot), "2 Warm " + fmt.Sprint(c.Warm), "4 All 8", "5 Due 1", "Jürgen Müller"} {
		if !strings.Contains(view, want) {
			t.Errorf("queue view lacks %q:\n%s", want, view)
		}
	}
	press(t, m, "tab")
	if m.queueScreen().tab != tabWarm {
		t.Fatalf("tab → %d, want Warm", m.queueScreen().tab)
	}
	press(t, m, "shift+tab", "shift+tab")
	if m.queueScreen().tab != tabDue {
		t.Fatalf("shift+tab twice from Warm → %d, want Due (wraps)", m.queueScreen().tab)
	}
	if m.queueScreen().total() != 1 || selectedName(m) != "Jürgen Müller" || !strings.Contains(m.View(), "callback") {
		t.Fatalf("Due tab should hold Jürgen's overdue callback:\n%s", m.View())
	}
	press(t, m, "4")
	if m.queueScreen().tab != tabAll || m.queueScreen().total() != 8 {
		t.Fatalf("4 → tab %d with %d rows, want All with 8", m.queueScreen().tab, m.queueScreen().total())
	}
	// The lead without a fit sorts last under All, marked OUT.
	press(t, m, "G")
	if selectedName(m) != "Pierre Dubois" || !strings.Contains(m.View(), "OUT") {
		t.Fatalf("bottom of All = %q, want the no-fit lead marked OUT", selectedName(m))
	}
	for _, tab := range []string{"1", "2", "3"} {
		press(t, m, tab)
		if strings.Contains(m.View(), "Pierre Dubois") {
			t.Fatalf("no-fit lead shown in tab %s", tab)
		}
	}
}

func TestNavigation(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "4")
	press(t, m, "j", "j")
	if m.queueScreen().cursor != 2 {
		t.Fatalf("cursor after j j = %d, want 2", m.queueScreen().cursor)
	}
	press(t, m, "k")
	if m.queueScreen().cursor != 1 {
		t.Fatalf("cursor after k = %d, want 1", m.queueScreen().cursor)
	}
	press(t, m, "down", "down", "up")
	if m.queueScreen().cursor != 2 {
		t.Fatalf("cursor after arrows = %d, want 2", m.queueScreen().cursor)
	}
	press(t, m, "G")
	if m.queueScreen().cursor != 7 {
		t.Fatalf("G → %d, want 7", m.queueScreen().cursor)
	}
	press(t, m, "j")
	if m.queueScreen().cursor != 7 {
		t.Fatalf("j past the end moved to %d", m.queueScreen().cursor)
	}
	press(t, m, "g")
	if m.queueScreen().cursor != 0 {
		t.Fatalf("g → %d, want 0", m.queueScreen().cursor)
	}
	press(t, m, "pgdown")
	if m.queueScreen().cursor != 7 {
		t.Fatalf("pgdown on a short list → %d, want the last row 7", m.queueScreen().cursor)
	}
	press(t, m, "pgup")
	if m.queueScreen().cursor != 0 {
		t.Fatalf("pgup → %d, want 0", m.queueScreen().cursor)
	}
	// A burst of letters is several keys: a held j scrolls.
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjj")})
	run(t, m, cmd)
	if m.queueScreen().cursor != 3 {
		t.Fatalf("burst jjj → %d, want 3", m.queueScreen().cursor)
	}
}

func TestOpenLeadAndBack(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 40)
	press(t, m, "4", "j", "j")
	want := selectedName(m)
	press(t, m, "enter")
	if m.leadScreen() == nil || m.leadScreen().lead == nil || m.leadScreen().lead.Name != want {
		t.Fatalf("enter opened %d screens, want lead screen of %q", m.screens.len(), want)
	}
	press(t, m, "esc")
	if !m.onQueue() || m.queueScreen().cursor != 2 || selectedName(m) != want || m.queueScreen().tab != tabAll {
		t.Fatalf("esc returned to tab %d cursor %d (%q), want All, 2, %q", m.queueScreen().tab, m.queueScreen().cursor, selectedName(m), want)
	}
}

func TestLeadScreenExplainsScore(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 120, 60)
	press(t, m, "enter")
	l := m.leadScreen().lead
	view := ansi.Strip(m.View())
	for _, want := range []string{
		"Jürgen Müller · Geschäftsführer", "Müller Maschinenbau GmbH", "juergen.mueller@mueller-mb.de",
		"Stage SQL", "Fit unrated", "Consent no consent",
		fmt.Sprintf("HOT %d", l.Score.Total),
		"WHY THIS SCORE", "50–5000 employees", "demo request", "BANT complete",
		"Budget", "€80,000, confirmed", "decision maker (Geschäftsführer)", "Q2 2027", "70% rep's own estimate",
		"Team page / direct dial", "Durchwahl Sekretariat", "OPPORTUNITY PLAN", "none yet",
		"Stage move — SAL → SQL — Demo gebucht", "Download (decision)", "Created",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("lead screen lacks %q", want)
		}
	}
	// Every fired rule is listed with its points, and they add up to the total.
	var sum float64
	for _, r := range l.Score.Rules {
		sum += r.Points
		if !strings.Contains(view, r.Rule) {
			t.Errorf("rule %q not shown", r.Rule)
		}
	}
	if int(sum+0.5) != l.Score.Total {
		t.Errorf("rules sum to %v, total is %d", sum, l.Score.Total)
	}
	// History is newest first: the demo request (2h ago) above the stage moves (2h20m ago).
	if strings.Index(view, "Demo request") > strings.Index(view, "SAL → SQL") {
		t.Error("history is not newest first")
	}
}

func TestSearch(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "/")
	if !m.queueScreen().searching {
		t.Fatal("/ did not focus the search")
	}
	typeText(t, m, "weiß")
	if m.queueScreen().total() != 1 || selectedName(m) != "Sören Weiß" {
		t.Fatalf("search weiß → %d rows, first %q", m.queueScreen().total(), selectedName(m))
	}
	// Search finds leads in every tab, also those out of the queue.
	press(t, m, "backspace", "backspace", "backspace", "backspace")
	typeText(t, m, "paris")
	if m.queueScreen().total() != 1 || selectedName(m) != "Pierre Dubois" {
		t.Fatalf("search paris → %d rows, first %q", m.queueScreen().total(), selectedName(m))
	}
	// q while typing is a letter, not quit.
	press(t, m, "esc", "/")
	typeText(t, m, "q")
	if m.quitting || m.queueScreen().input.Value() != "q" {
		t.Fatalf("q in search quit=%v value=%q", m.quitting, m.queueScreen().input.Value())
	}
	press(t, m, "backspace")
	typeText(t, m, "schmidt")
	press(t, m, "enter")
	if m.queueScreen().searching || m.queueScreen().total() != 1 {
		t.Fatalf("enter should keep the filter and leave the field: searching=%v rows=%d", m.queueScreen().searching, m.queueScreen().total())
	}
	press(t, m, "enter")
	if m.leadScreen() == nil || m.leadScreen().lead == nil || m.leadScreen().lead.Name != "Anna Schmidt" {
		t.Fatal("enter on a search result did not open it")
	}
	press(t, m, "esc", "esc")
	if m.queueScreen().searchMode() || m.queueScreen().total() != m.queueScreen().counts.Hot {
		t.Fatalf("esc did not clear the search: query %q", m.queueScreen().query)
	}
	// Phone numbers match however they are typed.
	press(t, m, "/")
	typeText(t, m, "221 555")
	if m.queueScreen().resultTotal != 8 {
		t.Fatalf("phone search → %d, want all 8", m.queueScreen().resultTotal)
	}
}

func TestSearchIgnoresStaleResults(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "/")
	typeText(t, m, "m")
	old := m.queueScreen().searchSeq
	// A slow answer to an older keystroke arrives after a newer one.
	typeText(t, m, "ü")
	m.Update(searchMsg{seq: old, query: "m", rows: []item{{Row: store.Row{Name: "stale"}}}, total: 1})
	if selectedName(m) == "stale" {
		t.Fatal("a stale search result replaced a newer one")
	}
}

func TestQuitKeys(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "q")
	if !m.quitting {
		t.Fatal("q did not quit")
	}
	m = newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "/", "ctrl+c")
	if !m.quitting {
		t.Fatal("ctrl+c in the search field did not quit")
	}
}

func TestHelpShowsScreenKeys(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "?")
	view := m.View()
	for _, want := range []string{"page down", "next tab", "search", "open lead", "work the tab from the top", "add"} {
		if !strings.Contains(view, want) {
			t.Errorf("full help lacks %q", want)
		}
	}
	press(t, m, "?")
	if m.fullHelp {
		t.Fatal("? did not close the help")
	}
}

func TestRebindKeys(t *testing.T) {
	st := openStore(t, testLeads())
	cfg := domain.DefaultConfig()
	cfg.Keys = map[string][]string{"down": {"n"}, "up": {"y"}, "next_lead": {"N"}}
	m, err := New(st, Options{Config: cfg, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	press(t, m, "4", "n", "n", "y")
	if m.queueScreen().cursor != 1 {
		t.Fatalf("rebound keys moved to %d, want 1", m.queueScreen().cursor)
	}
	press(t, m, "j")
	if m.queueScreen().cursor != 1 {
		t.Fatal("j still moves after down was rebound to n")
	}
	cfg.Keys = map[string][]string{"fly": {"x"}}
	if _, err := New(st, Options{Config: cfg}); err == nil || !strings.Contains(err.Error(), "[keys] fly is not an action") {
		t.Fatalf("unknown action error = %v", err)
	}
}

// Every screen renders within any terminal size without panicking.
func TestTinyTerminals(t *testing.T) {
	st := openStore(t, testLeads())
	for _, size := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {10, 2}, {20, 3}, {40, 8}} {
		w, h := size[0], size[1]
		m := newTestApp(t, st, w, h)
		check := func(where string) {
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
		check("queue")
		press(t, m, "j", "/")
		typeText(t, m, "a")
		check("search")
		press(t, m, "esc", "enter")
		check("lead")
		press(t, m, "b")
		check("BANT form")
		typeText(t, m, "12a4")
		press(t, m, "enter")
		check("BANT form with an error")
		press(t, m, "esc", "y", "c")
		check("call picker")
		press(t, m, "c")
		check("callback times")
		press(t, m, "esc", "esc", "p")
		check("plan")
		press(t, m, "4", "a")
		check("milestone form")
		press(t, m, "esc", "esc", "j", "?")
		check("help")
	}
	m := newTestApp(t, st, 20, 5)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "HOT") {
		t.Errorf("20x5 shows no lead:\n%s", view)
	}
}

func TestResizeRelayouts(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 120, 30)
	press(t, m, "4")
	if !strings.Contains(m.View(), "SOURCE") {
		t.Fatal("wide queue lacks the source column")
	}
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 10})
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) > 50 {
			t.Fatalf("line wider than 50 after resize: %q", ansi.Strip(l))
		}
	}
	if strings.Count(m.View(), "\n") != 9 {
		t.Fatalf("view has %d lines after resize to 10", strings.Count(m.View(), "\n")+1)
	}
}

// Columns stay aligned whatever script a name is written in.
func TestWideCharactersAlign(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "4")
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	col := -1
	for _, l := range lines[2:] {
		if strings.TrimSpace(l) == "" || !strings.Contains(l, "GmbH") && !strings.Contains(l, "AG") && !strings.Contains(l, "KG") && !strings.Contains(l, "株式会社") {
			continue
		}
		// The stage column starts at the same display column on every row.
		for _, stage := range []string{"Inquiry", "SQL"} {
			if i := strings.Index(l, stage); i >= 0 {
				c := ansi.StringWidth(l[:i])
				if col >= 0 && c != col {
					t.Fatalf("stage column at %d, earlier at %d:\n%s", c, col, strings.Join(lines, "\n"))
				}
				col = c
			}
		}
	}
	if col < 0 {
		t.Fatal("no stage column found")
	}
}

func keyAltEnter() tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyEnter, Alt: true} }

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// The Due tab's count stops at 99+, but every due item can be reached.
func TestDueTabBeyondItsCount(t *testing.T) {
	var leads []*domain.Lead
	for i := 0; i < 250; i++ {
		l := &domain.Lead{Name: fmt.Sprintf("Rückruf %03d", i), Company: domain.Company{Name: "Firma"}, Created: testNow.Add(-100 * time.Hour),
			BANT: domain.BANT{RepEstimate: -1}, Callback: &domain.Callback{At: testNow.Add(-time.Duration(250-i) * time.Minute)}}
		leads = append(leads, l)
	}
	m := newTestApp(t, openStore(t, leads), 100, 30)
	press(t, m, "5")
	if !strings.Contains(m.View(), "5 Due 99+") {
		t.Fatalf("due count not capped:\n%s", m.View())
	}
	for i := 0; i < 40; i++ {
		press(t, m, "pgdown")
	}
	if m.queueScreen().cursor != 249 || selectedName(m) != "Rückruf 249" {
		t.Fatalf("end of Due reached at %d (%q), want 249", m.queueScreen().cursor, selectedName(m))
	}
	// Oldest first: the first row is the one due longest ago.
	press(t, m, "g")
	if selectedName(m) != "Rückruf 000" {
		t.Fatalf("top of Due = %q", selectedName(m))
	}
}

// Opened a month later, the queue brings its scores up to date by itself.
func TestDailyRescoreOnStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	st, err := store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range testLeads() {
		if _, _, err := st.AddLead(l); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := st.Get(2) // 山田 太郎: a fresh demo request and download
	st.Close()
	later := func() time.Time { return testNow.Add(30 * 24 * time.Hour) }
	st, err = store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: later})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: later})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	if !strings.Contains(m.status, "scores brought up to date") {
		t.Fatalf("status %q", m.status)
	}
	after, _ := st.Get(2)
	if after.Score.Engagement*2 != before.Score.Engagement {
		t.Fatalf("engagement %v → %v, want halved after one half-life", before.Score.Engagement, after.Score.Engagement)
	}
	press(t, m, "4")
	for _, r := range m.queueScreen().rows {
		if r.ID == 2 && r.Score != after.Score.Total {
			t.Fatalf("queue shows %d, the lead scores %d", r.Score, after.Score.Total)
		}
	}
}

// While the scores are brought up to date the status bar says how far it
// has got, whatever else it shows; a report after the end changes nothing.
func TestRescoreProgressInStatusBar(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	if m.rescoring {
		t.Fatal("a fresh database is re-scored at start")
	}
	m.rescoring, m.rescoreCh = true, make(chan rescoreProgressMsg)
	_, cmd := m.Update(rescoreProgressMsg{done: 42, total: 100})
	if cmd == nil {
		t.Fatal("a progress report does not wait for the next one")
	}
	if !strings.Contains(m.View(), "re-scoring 42 % …") {
		t.Fatalf("status bar lacks the progress:\n%s", m.View())
	}
	press(t, m, "4", "j", "j") // a key clears the status, not the progress
	if !strings.Contains(m.View(), "re-scoring 42 % …") {
		t.Fatalf("a key cleared the progress:\n%s", m.View())
	}
	cursor := m.queueScreen().cursor
	_, cmd = m.Update(rescoredMsg{n: 3})
	run(t, m, cmd)
	if m.rescoring || strings.Contains(m.View(), "re-scoring") || !strings.Contains(m.status, "3 scores brought up to date") {
		t.Fatalf("after the re-score: status %q\n%s", m.status, m.View())
	}
	if _, cmd := m.Update(rescoreProgressMsg{done: 99, total: 100}); cmd != nil || strings.Contains(m.View(), "re-scoring") {
		t.Fatal("a late progress report was shown")
	}
	if m.queueScreen().cursor != cursor || cursor != 2 || m.queueScreen().tab != tabAll {
		t.Fatalf("the reload moved the cursor %d → %d", cursor, m.queueScreen().cursor)
	}
}

// A word too common to count at once shows "N+ matches" and counts on in
// the background, up to 1,000.
func TestSearchCountsCommonWords(t *testing.T) {
	st := openStore(t, testLeads())
	n := 3100
	if _, err := st.AddBulk(func(yield func(*domain.Lead) bool) {
		for i := 0; i < n; i++ {
			l := &domain.Lead{Name: fmt.Sprintf("Kunde %04d", i), Company: domain.Company{Name: "Firma Nord"}, Created: testNow.Add(-time.Hour),
				BANT: domain.BANT{RepEstimate: -1}}
			if !yield(l) {
				return
			}
		}
	}, store.BulkOptions{}); err != nil {
		t.Fatal(err)
	}
	m := newTestApp(t, st, 100, 30)
	press(t, m, "/")
	typeText(t, m, "firma")
	if m.queueScreen().total() != searchMax || !m.queueScreen().resultMore || m.queueScreen().counting {
		t.Fatalf("firma → %d rows, more %v, counting %v", m.queueScreen().total(), m.queueScreen().resultMore, m.queueScreen().counting)
	}
	if v := m.View(); !strings.Contains(v, "1,000+ matches in all leads, first 500 shown") {
		t.Fatalf("search line lacks the capped count:\n%s", v)
	}
	// The first answer alone: a lower bound, and the count under way.
	m.queueScreen().resultTotal, m.queueScreen().counting = searchMax, true
	if v := m.View(); !strings.Contains(v, "500+ matches") || !strings.Contains(v, "counting") {
		t.Fatalf("search line while counting:\n%s", v)
	}
	// A count for an older keystroke changes nothing.
	m.Update(matchCountMsg{seq: m.queueScreen().searchSeq - 1, query: "firma", total: 7})
	if m.queueScreen().resultTotal != searchMax {
		t.Fatal("a stale count replaced the current one")
	}
	m.Update(matchCountMsg{seq: m.queueScreen().searchSeq, query: "firma", total: 742})
	if v := m.View(); !strings.Contains(v, "742 matches in all leads, first 500 shown") {
		t.Fatalf("search line lacks the full count:\n%s", v)
	}
}

// secondStore opens the file of st a second time, as another leadq (an
// add in a shell beside the open queue) does.
func secondStore(t testing.TB, st *store.Store) *store.Store {
	t.Helper()
	other, err := store.Open(st.Path(), store.Options{Scoring: domain.DefaultScoringModel(), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// hotLead is a new lead that scores above the test queue's own: it is
// sorted in above the row the rep is on.
func hotLead(name string) *domain.Lead {
	demo := domain.Touch{Kind: domain.KindDemoRequest}
	dl := domain.Touch{Kind: domain.KindDownload, Funnel: domain.FunnelDecision}
	return &domain.Lead{Name: name, Company: domain.Company{Name: name + " GmbH", Employees: 250, Industry: "Maschinenbau", Country: "DE"},
		Title: "Geschäftsführer", Source: "Website", Created: testNow.Add(-time.Hour),
		BANT: domain.BANT{Budget: domain.Money{Cents: 50_000_00, Currency: "EUR"}, BudgetStatus: domain.BudgetConfirmed,
			Authority: domain.AuthorityDecisionMaker, Need: "Rüstzeiten", Timeline: "Q1", RepEstimate: -1},
		History: []domain.Event{
			{Kind: domain.EventTouch, At: testNow.Add(-time.Minute), Touch: &demo},
			{Kind: domain.EventTouch, At: testNow.Add(-time.Minute), Touch: &dl},
		}}
}

// tick is one beat of the watch, with everything it leads to.
func tick(t testing.TB, m *Model) {
	t.Helper()
	_, cmd := m.Update(watchTickMsg{})
	run(t, m, cmd)
}

func TestOpenQueueShowsLeadsAnotherProcessAdded(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	press(t, m, "4", "j", "j")
	if selectedName(m) != "Sören Weiß" {
		t.Fatalf("cursor on %q, want Sören Weiß", selectedName(m))
	}
	other := secondStore(t, st)
	for i := 1; i <= 20; i++ {
		if _, _, err := other.AddLead(hotLead(fmt.Sprintf("Neukunde %02d", i))); err != nil {
			t.Fatalf("add %d with the queue open: %v", i, err)
		}
	}
	tick(t, m)
	if got := m.queueScreen().counts.All(); got != 28 {
		t.Errorf("All counts %d after 20 adds elsewhere, want 28", got)
	}
	view := m.View()
	for i := 1; i <= 20; i++ {
		if name := fmt.Sprintf("Neukunde %02d", i); !strings.Contains(view, name) {
			t.Errorf("the open queue does not show %s:\n%s", name, view)
			break
		}
	}
	if !strings.Contains(view, "4 All 28") {
		t.Errorf("tab bar not refreshed:\n%s", view)
	}
	// 20 leads were sorted in above: the cursor stays on its lead.
	if selectedName(m) != "Sören Weiß" {
		t.Errorf("cursor moved to %q, want it kept on Sören Weiß:\n%s", selectedName(m), view)
	}
}

func TestOpenLeadScreenRefreshesTheQueueOnBack(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	press(t, m, "4", "enter")
	if _, _, err := secondStore(t, st).AddLead(hotLead("Neukunde Eins")); err != nil {
		t.Fatal(err)
	}
	tick(t, m)
	press(t, m, "esc")
	if !strings.Contains(m.View(), "Neukunde Eins") || m.queueScreen().counts.All() != 9 {
		t.Fatalf("back on the queue, the lead added meanwhile is missing:\n%s", m.View())
	}
}

func TestCallbackComingDueIsCountedAndNamed(t *testing.T) {
	leads := testLeads()
	leads[4].Callback = &domain.Callback{At: testNow.Add(30 * time.Second), Note: "nach der Mittagspause"} // Anna Schmidt
	leads[5].Callback = &domain.Callback{At: testNow.Add(-26 * time.Hour)}                                 // Björn: since yesterday
	st := openStore(t, leads)
	now := testNow
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(t, m, m.Init())
	if !strings.Contains(m.View(), "5 Due 2") {
		t.Fatalf("before Anna's callback is due the tabs should count 2 due:\n%s", m.View())
	}
	now = testNow.Add(time.Minute)
	tick(t, m)
	view := m.View()
	if !strings.Contains(view, "5 Due 3") {
		t.Errorf("a minute on, Anna's callback is due but the tabs say:\n%s", view)
	}
	if !strings.Contains(view, "callback due: Anna Schmidt") {
		t.Errorf("the status line does not say that Anna's callback came due:\n%s", view)
	}
	press(t, m, "5")
	view = m.View()
	for _, name := range []string{"Anna Schmidt", "Björn Schäfer"} {
		row := lineWith(view, name)
		if !strings.Contains(row, "☎") {
			t.Errorf("the Due row of %s has no ☎: %q", name, row)
		}
	}
}

// lineWith is the first line of s that holds sub.
func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestNInTheQueueWorksTheTabFromTheTop(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "4")
	var names []string
	for _, r := range m.queueScreen().rows {
		names = append(names, r.Name)
	}
	press(t, m, "j", "j", "j", "n")
	if m.leadScreen() == nil || m.leadScreen().lead == nil || m.leadScreen().lead.Name != names[0] {
		t.Fatalf("n with the cursor on row 4 should open the first lead %q, screens %d:\n%s", names[0], m.screens.len(), m.View())
	}
	press(t, m, "n")
	if m.leadScreen().lead == nil || m.leadScreen().lead.Name != names[1] {
		t.Fatalf("n on the first lead should open the second %q:\n%s", names[1], m.View())
	}
}

// A tab bar shortens its labels before it leaves a tab out, and the active
// tab is always on it, its count whole.
func TestTabBarsShortenBeforeTheyDropATab(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 20, 5)
	press(t, m, "5")
	if bar := strings.Split(m.View(), "\n")[0]; bar != "1 2 3 4 [5 Due 1]" {
		t.Errorf("at 20 columns on Due the tab bar is %q, want every tab and the active one whole", bar)
	}
	m = newTestApp(t, openStore(t, planLeads()), 80, 24)
	press(t, m, "enter", "p")
	if bar := strings.Split(m.View(), "\n")[1]; !strings.Contains(bar, "6 Comp") || !strings.Contains(bar, "[1 Team 2/2]") {
		t.Errorf("at 80 columns the plan's tab bar is %q, want all six sections", bar)
	}
	styles := NewStyles(DefaultTheme())
	tabs := []tab{{"1", "Hot", "1,234"}, {"2", "Warm", "56"}, {"3", "Cold", "7,890"}, {"4", "All", "9,180"}, {"5", "Due", "99+"}}
	for active := -1; active < len(tabs); active++ {
		for w := 1; w <= 80; w++ {
			bar := renderTabs(&styles, tabs, active, w)
			if got := ansi.StringWidth(bar); got > w {
				t.Fatalf("active %d width %d: %q is %d wide", active, w, bar, got)
			}
			if active >= 0 && w >= 5 && !strings.Contains(bar, "["+tabs[active].key) {
				t.Errorf("active %d width %d: %q does not show the active tab", active, w, bar)
			}
			// A count is shown whole or not at all.
			for _, word := range strings.FieldsFunc(bar, func(r rune) bool { return r == ' ' || r == '[' || r == ']' }) {
				if strings.ContainsAny(word, "0123456789") && len(word) > 1 && !slices.ContainsFunc(tabs, func(tb tab) bool { return tb.count == word }) {
					t.Errorf("active %d width %d: %q shows a cut number %q", active, w, bar, word)
				}
			}
			if strings.Contains(bar, "…") && w >= 20 && !strings.Contains(bar, "5") {
				t.Errorf("width %d drops a tab: %q", w, bar)
			}
		}
	}
}

func TestLongMessagesWrapOntoASecondLine(t *testing.T) {
	long := "callback at 15.03. 14:30 cannot be read: write it as 15.03. 14:30, 14:30, morgen 9 or +2h, and say which month is meant"
	for _, isErr := range []bool{false, true} {
		m := newTestApp(t, openStore(t, testLeads()), 80, 24)
		m.Update(statusMsg{text: long, err: isErr})
		lines := strings.Split(m.View(), "\n")
		if len(lines) != 24 {
			t.Fatalf("the screen has %d lines, want 24", len(lines))
		}
		// The message is the two lines above the help, all of it.
		got := strings.Join(strings.Fields(lines[21]+" "+lines[22]), " ")
		if !strings.Contains(got, long) {
			t.Errorf("error %v: the message is cut:\n%s\n%s", isErr, lines[21], lines[22])
		}
		if !strings.Contains(lines[23], "quit") {
			t.Errorf("the help line is gone: %q", lines[23])
		}
	}
}

// Every date on screen shows its year whenever it is not this year.
func TestDatesShowTheYearWhenItIsNotThisYear(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		when string
		full string
	}{
		{testNow.Add(2 * time.Hour), "today 12:00", "Fri 20.11. 12:00"},
		{testNow.Add(-24 * time.Hour), "yesterday 10:00", "Thu 19.11. 10:00"},
		{time.Date(2026, 12, 24, 9, 30, 0, 0, time.UTC), "24.12. 09:30", "Thu 24.12. 09:30"},
		{time.Date(2027, 3, 15, 14, 30, 0, 0, time.UTC), "15.03.2027 14:30", "Mon 15.03.2027 14:30"},
		{time.Date(2028, 2, 29, 10, 0, 0, 0, time.UTC), "29.02.2028 10:00", "Tue 29.02.2028 10:00"},
		{time.Date(2025, 11, 20, 10, 0, 0, 0, time.UTC), "20.11.2025 10:00", "Thu 20.11.2025 10:00"},
	} {
		if got := when(testNow, tc.at); got != tc.when {
			t.Errorf("when(%v) = %q, want %q", tc.at, got, tc.when)
		}
		if got := dateTime(testNow, tc.at); got != tc.full {
			t.Errorf("dateTime(%v) = %q, want %q", tc.at, got, tc.full)
		}
	}
	// The call picker confirms a callback in another year with its year.
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	press(t, m, "enter", "c", "c", "t")
	typeText(t, m, "29.02.2028 10:00")
	press(t, m, "enter")
	if view := m.View(); !strings.Contains(view, "at Tue 29 Feb 2028 10:00") {
		t.Fatalf("the callback is not confirmed with its year:\n%s", view)
	}
}

// At 20×5 the first run still says how to add and import, wrapped.
func TestFirstRunAtTwentyColumns(t *testing.T) {
	m := newTestApp(t, openStore(t, nil), 20, 6)
	view := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(view, "a adds one, i imports a file") {
		t.Fatalf("at 20×6 the empty queue does not say how to start:\n%s", m.View())
	}
}

// The call picker's word on a time it cannot read wraps, all of it shown.
func TestCallbackTimeErrorWraps(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 40, 24)
	press(t, m, "enter", "c", "c", "t")
	typeText(t, m, "irgendwann")
	press(t, m, "enter")
	if m.leadScreen().call() == nil || m.leadScreen().call().err == "" {
		t.Fatalf("no error for a time that is none:\n%s", m.View())
	}
	view := strings.Join(strings.Fields(m.View()), " ")
	if want := strings.Join(strings.Fields(m.leadScreen().call().err), " "); !strings.Contains(view, want) {
		t.Fatalf("the error %q is cut:\n%s", m.leadScreen().call().err, m.View())
	}
}
