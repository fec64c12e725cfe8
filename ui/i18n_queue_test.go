package ui

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"leadq/domain"
	"leadq/store"
	"leadq/store/benchdb"
	"leadq/ui/i18n"
)

// screenIn runs the real program in a language on leads, sends keys and
// returns the final screen once want is on it.
func screenIn(t *testing.T, lang i18n.Lang, leads []*domain.Lead, w, h int, want string, keys ...tea.KeyMsg) []byte {
	t.Helper()
	m := newTestAppIn(t, openStore(t, leads), w, h, lang)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Jürgen")) },
		teatest.WithDuration(5*time.Second))
	for _, k := range keys {
		tm.Send(k)
	}
	if want != "" {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(5*time.Second))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model).View())
}

// dueLeads are the test leads with callbacks due on other days too: one
// three days ago and one of last year, so the Due column writes dates.
func dueLeads() []*domain.Lead {
	leads := testLeads()
	leads[4].Callback = &domain.Callback{At: testNow.Add(-3*24*time.Hour + 4*time.Hour + 30*time.Minute)}
	leads[5].Callback = &domain.Callback{At: time.Date(2025, 12, 4, 14, 30, 0, 0, time.UTC)}
	return leads
}

// englishOnScreen are English words that must not be left on a German
// queue screen.
var englishOnScreen = regexp.MustCompile(`\b(Hot|Cold|All|Due|TIER|STAGE|SOURCE|WAITING|COMPANY|Inquiry|callback|today|yesterday|move|open|search|add|import a file|help|quit|next tab)\b`)

func assertNoEnglish(t *testing.T, screen string) {
	t.Helper()
	// "Cold call" is a lead's source, as the file gave it.
	if found := englishOnScreen.FindAllString(strings.ReplaceAll(screen, "Cold call", ""), -1); len(found) > 0 {
		t.Errorf("English left on the German screen: %q\n%s", found, screen)
	}
}

func TestGoldenQueueGerman80x24(t *testing.T) {
	screen := screenIn(t, i18n.German, testLeads(), 80, 24, "Pierre", keyAll)
	golden.RequireEqual(t, screen)
	assertNoEnglish(t, string(screen))
}

func TestGoldenQueueGerman120x40(t *testing.T) {
	screen := screenIn(t, i18n.German, testLeads(), 120, 40, "Pierre", keyAll)
	golden.RequireEqual(t, screen)
	assertNoEnglish(t, string(screen))
}

func TestGoldenQueueDueGerman20x5(t *testing.T) {
	golden.RequireEqual(t, screenIn(t, i18n.German, testLeads(), 20, 5, "[5", runes("5")))
}

// The Due tab writes when a callback is due the language's way: "today
// 09:30", "17 Nov 14:30", "4 Dec 2025 14:30" in English; "heute 09:30",
// "17.11. 14:30", "04.12.2025 14:30" in German.
func TestGoldenQueueDue100x12(t *testing.T) {
	golden.RequireEqual(t, screenIn(t, i18n.English, dueLeads(), 100, 12, "[5 Due", runes("5")))
}

func TestGoldenQueueDueGerman100x12(t *testing.T) {
	screen := screenIn(t, i18n.German, dueLeads(), 100, 12, "[5 Fällig", runes("5"))
	golden.RequireEqual(t, screen)
	assertNoEnglish(t, string(screen))
}

// A German rep works the queue by keys: tabs, search and help all speak
// German, and numbers are written with a dot.
func TestGermanQueueByKeys(t *testing.T) {
	m := newTestAppIn(t, openStore(t, testLeads()), 100, 30, i18n.German)
	v := shown(m)
	for _, want := range []string{"[1 Heiß 3]", "2 Warm 1", "3 Kalt 3", "4 Alle 8", "5 Fällig 1", "TEMP", "SCORE", "FIRMA", "STATUS", "WARTET",
		"HEISS", "Anfrage", "☎3 Std.!", "j/k bewegen", "Enter öffnen", "/ suchen", "a neu", "i Import", "? Hilfe", "q beenden"} {
		if !strings.Contains(v, want) {
			t.Errorf("the German queue lacks %q", want)
		}
	}
	assertNoEnglish(t, v)
	if t.Failed() {
		t.Fatalf("German queue:\n%s", v)
	}

	press(t, m, "tab", "tab")
	if v := shown(m); !strings.Contains(v, "[3 Kalt 3]") || !strings.Contains(v, "KALT") {
		t.Fatalf("tab twice does not show the cold tab:\n%s", v)
	}
	press(t, m, "shift+tab", "shift+tab", "shift+tab")
	if v := shown(m); !strings.Contains(v, "[5 Fällig 1]") || !strings.Contains(v, "FÄLLIG") || !strings.Contains(v, "Rückruf heute 09:30") {
		t.Fatalf("shift+tab from Hot does not show the Due tab in German:\n%s", v)
	}

	press(t, m, "/")
	typeText(t, m, "gmbh")
	v = shown(m)
	if !strings.Contains(v, "3 Treffer in allen Leads") || !strings.Contains(v, "Filter behalten") || !strings.Contains(v, "Esc leeren") {
		t.Fatalf("the German search:\n%s", v)
	}
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "3 Treffer in allen Leads · Esc leert") {
		t.Fatalf("a kept German filter does not say how to clear it:\n%s", v)
	}
	press(t, m, "esc", "/")
	typeText(t, m, "nirgendwo")
	if v := shown(m); !strings.Contains(v, "Kein Lead passt zu „nirgendwo“") {
		t.Fatalf("no match, in German:\n%s", v)
	}
	press(t, m, "esc")

	press(t, m, "?")
	v = shown(m)
	for _, want := range []string{"TASTEN", "Bild↓ +Seite runter", "Umschalt\\+Tab +vorheriger Tab", "Enter +Lead öffnen",
		"n +Liste von oben abarbeiten", "Esc +zurück", "Strg\\+C +beenden"} {
		if !regexp.MustCompile(want).MatchString(v) {
			t.Errorf("the German full help lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("German help:\n%s", v)
	}
	press(t, m, "?")

	// The last lead of a tab says so in German.
	press(t, m, "1", "G", "enter", "n")
	if !strings.Contains(m.status, "Das war der letzte Lead dieser Liste") {
		t.Fatalf("n after the last lead: status %q", m.status)
	}
}

// In German a question is answered with j (ja) or n (nein), and says so;
// y still works, as it is bound. English questions name y.
func TestGermanQuestionsAnswerJa(t *testing.T) {
	m := newTestAppIn(t, openStore(t, testLeads()), 100, 30, i18n.German)
	press(t, m, "enter")
	l := m.leadScreen()
	if got := m.keys.answers("löschen", "behalten"); got != "j löschen · n behalten" {
		t.Fatalf("German answers: %q", got)
	}
	answered := ""
	ask := func() {
		l.yesNo("Wirklich? "+m.keys.answers("ja", "nein"),
			func() tea.Cmd { answered = "ja"; return nil },
			func() tea.Cmd { answered = "nein"; return nil })
	}
	ask()
	if v := shown(m); !strings.Contains(v, "Wirklich? j ja · n nein") {
		t.Fatalf("the question does not name its German keys:\n%s", v)
	}
	press(t, m, "x")
	if answered != "" || l.asking() == nil {
		t.Fatalf("x answered the question: %q", answered)
	}
	press(t, m, "j")
	if answered != "ja" || l.asking() != nil {
		t.Fatalf("j did not answer yes: %q", answered)
	}
	ask()
	press(t, m, "n")
	if answered != "nein" {
		t.Fatalf("n did not answer no: %q", answered)
	}
	ask()
	press(t, m, "y")
	if answered != "ja" {
		t.Fatalf("y no longer answers yes in German: %q", answered)
	}

	en := newTestApp(t, openStore(t, testLeads()), 100, 30)
	if got := en.keys.answers("discard", "keep"); got != "y discard · n keep" {
		t.Fatalf("English answers: %q", got)
	}
}

// A rebound key is named as the config writes it, the German way.
func TestGermanHelpNamesReboundKeys(t *testing.T) {
	cfg := domain.DefaultConfig()
	cfg.Keys = map[string][]string{"search": {"ctrl+k"}, "yes": {"y"}}
	m, err := New(openStore(t, testLeads()), Options{Config: cfg, Now: fixedNow, Lang: i18n.German})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.keys.Search.Help(); got.Key != "Strg+K" || got.Desc != "suchen" {
		t.Fatalf("rebound search in German help: %+v", got)
	}
	if got := m.keys.answers("ja", "nein"); got != "y ja · n nein" {
		t.Fatalf("yes bound to y alone is named y: %q", got)
	}
	for help, want := range map[string]string{"ctrl+s": "Strg+S", "enter/y": "Enter/y", "shift+tab": "Umschalt+Tab",
		"pgdn": "Bild↓", "/": "/", "j/↓": "j/↓", "alt+enter": "Alt+Enter", "G": "G", " ": "Leertaste"} {
		if got := keyLabel(i18n.For(i18n.German), help); got != want {
			t.Errorf("keyLabel(%q) = %q, want %q", help, got, want)
		}
		if got := keyLabel(i18n.For(i18n.English), help); got != help && help != " " {
			t.Errorf("English keyLabel(%q) = %q, want it unchanged", help, got)
		}
	}
}

// Every action's help, every key name and every screen a clash names has
// words in both languages: their ids are made at run time, so the
// catalog's own scan does not see them.
func TestKeyWordsInEveryLanguage(t *testing.T) {
	k := DefaultKeyMap()
	for _, lang := range i18n.Langs {
		tr := i18n.For(lang)
		for name := range k.actions() {
			if !tr.Has("keys.help." + name) {
				t.Errorf("%s: no help for the action %s", lang, name)
			}
		}
		for name, id := range keyNameIDs {
			if !tr.Has(id) {
				t.Errorf("%s: no name for the key %q", lang, name)
			}
		}
		for _, sc := range screenActions {
			if !tr.Has(sc.id) {
				t.Errorf("%s: no name for the screen %s", lang, sc.name)
			}
		}
		if !tr.Has("keys.yes_key") {
			t.Errorf("%s: no yes key", lang)
		}
	}
	en := i18n.For(i18n.English)
	for _, sc := range screenActions {
		if got := en.T(sc.id); got != sc.name {
			t.Errorf("the English name of the %s screen is %q", sc.name, got)
		}
	}
	// English help is today's English, word for word.
	if got := k.CallNoAnswer.Help().Desc; got != "no answer" {
		t.Errorf("the no-answer key's help: %q", got)
	}
}

// Config mistakes are Problems: English as before for logs and the
// command line, German through the catalog, and still ConfigErrors the
// command line gives a line.
func TestConfigMistakesInGerman(t *testing.T) {
	cfg := domain.DefaultConfig()
	cfg.Keys = map[string][]string{"serch": {"s"}, "down": {"q"}}
	cfg.Theme = map[string]string{"hot": "red"}
	err := CheckConfig(cfg)
	if err == nil {
		t.Fatal("CheckConfig accepted the mistakes")
	}
	de, en := i18n.For(i18n.German), i18n.For(i18n.English)
	var german, english []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *domain.ConfigError
		if !errors.As(e, &ce) || ce.Key == "" || ce.Problem == nil {
			t.Fatalf("%v is no ConfigError with a key and a Problem", e)
		}
		german, english = append(german, de.Error(ce.Problem)), append(english, en.Error(ce.Problem))
		if got := "config: " + en.Error(ce.Problem); got != e.Error() {
			t.Errorf("English words %q, the error says %q", got, e.Error())
		}
	}
	for _, want := range []string{
		"[keys] serch ist keine Aktion (Aktionen: ",
		`[keys] down = ["q"] kollidiert mit quit: in der Ansicht Lead-Liste liegen beide auf "q"`,
		`[theme] hot = "red" ist keine Farbe wie "#FF5F5F"`,
	} {
		if !strings.Contains(strings.Join(german, "\n"), want) {
			t.Errorf("the German mistakes lack %q:\n%s", want, strings.Join(german, "\n"))
		}
	}
	if want := `[keys] down = ["q"] clashes with quit: both are "q" on the queue screen`; !strings.Contains(strings.Join(english, "\n"), want) {
		t.Errorf("the English mistakes lack %q:\n%s", want, strings.Join(english, "\n"))
	}
	data := []byte("[keys]\nserch = [\"s\"]\ndown = [\"q\"]\n\n[theme]\nhot = \"red\"\n")
	placed := domain.PlaceErrors(err, data)
	if !strings.Contains(placed.Error(), "config line 2: [keys] serch") || !strings.Contains(placed.Error(), "config line 6: [theme] hot") {
		t.Fatalf("the mistakes lost their lines: %v", placed)
	}
}

// A German rep imports a file: the overlay, the dry run and the summary
// speak German, the numbers the German way.
func TestGermanImport(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestAppIn(t, st, 110, 40, i18n.German)
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "kontakte.csv"), germanCSV)
	press(t, m, "i")
	v := shown(m)
	for _, want := range []string{"DATEI IMPORTIEREN", "Datei: ", "vervollständigt den Pfad, Enter zeigt", "Esc bricht ab",
		"Tab vervollständigen", "Enter Datei prüfen", "Esc abbrechen"} {
		if !strings.Contains(v, want) {
			t.Errorf("the German import lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("German import:\n%s", v)
	}
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Zuerst den Pfad der Datei eingeben") {
		t.Fatalf("enter on no path:\n%s", v)
	}
	typeText(t, m, path)
	press(t, m, "enter")
	v = shown(m)
	for _, want := range []string{"IMPORT " + path, "würde: 2 anlegen · 0 zusammenführen · 0 unverändert lassen · 1 ablehnen",
		"Enter oder y importiert · e ändert den Pfad · Esc bricht ab · j/k blättern", "SPALTEN", "Vorname   → first_name",
		"automatisch", "eigenes Feld: leadq kennt diese Spalte nicht", "ERSTE ZEILEN, WIE SIE GESPEICHERT WÜRDEN", "E-MAIL", "ORT",
		"ABGELEHNTE ZEILEN (sie landen in kontakte.rejects.csv)", "Zeile 3: "} {
		if !strings.Contains(v, want) {
			t.Errorf("the German dry run lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("German dry run:\n%s", v)
	}
	press(t, m, "j") // j scrolls the dry run; it does not answer yes here
	if m.importScreen() == nil {
		t.Fatal("j imported")
	}
	press(t, m, "enter")
	rejects := filepath.Join(dir, "kontakte.rejects.csv")
	if want := "2 neu · 0 zusammengeführt · 0 unverändert · 1 abgelehnt (siehe " + rejects + ")"; m.status != want {
		t.Fatalf("status %q, want %q", m.status, want)
	}
}

// The German rep erases a person: asked in German, refused in German,
// and told in German what was rewritten.
func TestGermanErase(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestAppIn(t, st, 100, 30, i18n.German)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "X")
	v := shown(m)
	for _, want := range []string{"Anna Schmidt endgültig löschen", "Namen eintippen, um die Person zu löschen",
		"Verlauf, Notizen und Plan verschwinden aus der Datenbank"} {
		if !strings.Contains(v, want) {
			t.Errorf("the German erase lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("German erase:\n%s", v)
	}
	typeText(t, m, "Anna Schmid")
	ctrlS(t, m)
	if _, err := st.Get(id); err != nil {
		t.Fatalf("a wrong name erased the lead: %v", err)
	}
	// The refusal is a Problem the lead screen words.
	_, err := eraseEditor(i18n.For(i18n.German), m.leadScreen().lead).commit()
	if got := i18n.For(i18n.German).Error(err); got != "Den Namen „Anna Schmidt“ eintippen, um die Person zu löschen (nichts wurde gelöscht)" {
		t.Fatalf("a wrong name is refused as %q", got)
	}
	typeText(t, m, "t")
	ctrlS(t, m)
	if _, err := st.Get(id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the lead is still there: %v", err)
	}
	if !strings.HasPrefix(m.status, "Anna Schmidt endgültig gelöscht: Datenbank und 0 Kopien ohne die Person neu geschrieben") {
		t.Fatalf("after erasing: status %q", m.status)
	}
}

// The status bar's words from the root: callbacks coming due, the
// re-score, a full disk.
func TestGermanStatusWords(t *testing.T) {
	de := i18n.For(i18n.German)
	rows := func(names ...string) []store.DueRow {
		var out []store.DueRow
		for _, n := range names {
			out = append(out, store.DueRow{Row: store.Row{Name: n}, What: domain.DueCallback})
		}
		return out
	}
	for _, c := range []struct {
		names []string
		want  string
	}{
		{[]string{"Anna"}, "Rückruf fällig: Anna"},
		{[]string{"Anna", "Ben"}, "Rückrufe fällig: Anna, Ben"},
		{[]string{"Anna", "Ben", "Carla"}, "Rückrufe fällig: Anna, Ben und 1 weiterer"},
		{[]string{"Anna", "Ben", "Carla", "Dora"}, "Rückrufe fällig: Anna, Ben und 2 weitere"},
	} {
		if got := dueText(de, rows(c.names...)); got != c.want {
			t.Errorf("dueText(%v) = %q, want %q", c.names, got, c.want)
		}
	}
	if got := dueText(i18n.For(i18n.English), rows("Anna", "Ben", "Carla")); got != "callbacks due: Anna, Ben and 1 more" {
		t.Errorf("English dueText: %q", got)
	}
	if got := de.N("app.rescored", 2702); got != "2.702 Scores aktualisiert: älteres Engagement zählt weniger" {
		t.Errorf("re-scored: %q", got)
	}
	ctx := &programContext{tr: de}
	if got := ctx.errorText(errors.New("write leads.db: no space left on device")); !strings.HasPrefix(got, "Festplatte voll") {
		t.Errorf("a full disk in German: %q", got)
	}
}

// BenchmarkQueueViewIn is the queue's View alone, 40 rows of 1,000 leads,
// in each language: the German rows cost what the English ones do.
func BenchmarkQueueViewIn(b *testing.B) {
	st := benchStore(b, 1_000)
	for _, lang := range i18n.Langs {
		b.Run(string(lang), func(b *testing.B) {
			m, err := New(st, Options{Config: domain.DefaultConfig(), Now: func() time.Time { return benchdb.Now }, Lang: lang})
			if err != nil {
				b.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			run(b, m, m.Init())
			press(b, m, "4")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if m.View() == "" {
					b.Fatal("no view")
				}
			}
		})
	}
}

// The reasons the mapping gives for a column it maps on its own are
// worded in German too; each is known by the mapping's English, so this
// fails when the mapping words it otherwise.
func TestGermanDryRunSaysWhy(t *testing.T) {
	m := newTestAppIn(t, openStore(t, testLeads()), 140, 40, i18n.German)
	path := writeFile(t, filepath.Join(t.TempDir(), "crm.csv"), "Name;E-Mail;Rating;Score\nGreta Krause;greta@krause-metall.de;Hot;80\n")
	press(t, m, "i")
	typeText(t, m, path)
	press(t, m, "enter")
	v := shown(m)
	for _, want := range []string{"automatisch: leadq ermittelt heiß/warm/kalt selbst", "automatisch: leadq berechnet das selbst"} {
		if !strings.Contains(v, want) {
			t.Errorf("the German dry run lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("German dry run:\n%s", v)
	}
}
