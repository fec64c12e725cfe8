package ui

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// screenAfterIn runs the real program in a language through steps, each
// waiting for its text, and returns the final screen.
func screenAfterIn(t *testing.T, lang i18n.Lang, w, h int, steps ...step) []byte {
	t.Helper()
	m := newTestAppIn(t, openStore(t, testLeads()), w, h, lang)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Jürgen")) },
		teatest.WithDuration(5*time.Second))
	for _, s := range steps {
		tm.Send(s.key)
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s.want)) },
			teatest.WithDuration(5*time.Second))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model).View())
}

func TestGoldenBANTFormGerman80x24(t *testing.T) {
	golden.RequireEqual(t, screenAfterIn(t, i18n.German, 80, 24, step{keyEnter, "5550100"}, step{runes("b"), "BANT —"}))
}

func TestGoldenCallPickerGerman80x24(t *testing.T) {
	golden.RequireEqual(t, screenAfterIn(t, i18n.German, 80, 24, step{keyEnter, "5550100"}, step{runes("c"), "Wie lief der Anruf?"}))
}

// germanApp opens the test leads in German at a size where forms fit.
func germanApp(t *testing.T) (*Model, *store.Store) {
	t.Helper()
	st := openStore(t, testLeads())
	return newTestAppIn(t, st, 100, 40, i18n.German), st
}

// A call that reaches nobody is logged in German: the picker, the status
// line and the history say "nicht erreicht".
func TestGermanCallLogging(t *testing.T) {
	m, st := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "c")
	v := shown(m)
	for _, want := range []string{"ANRUF ERFASSEN", "Wie lief der Anruf?", "n nicht erreicht", "w falsche Nummer", "c Rückruf", "Esc abbrechen"} {
		if !strings.Contains(v, want) {
			t.Errorf("the picker lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "n")
	if v := shown(m); !strings.Contains(v, "Ergebnis: nicht erreicht") || !strings.Contains(v, "Notiz (optional), Enter speichert") {
		t.Fatalf("the note step is not German:\n%s", v)
	}
	typeText(t, m, "Mailbox")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if last := l.History[len(l.History)-1]; last.Touch == nil || last.Touch.Outcome != domain.OutcomeNoAnswer {
		t.Fatalf("last event %+v, want the call", last)
	}
	if !strings.HasPrefix(m.status, "Anruf (nicht erreicht) gespeichert · Score ") || !strings.HasSuffix(m.status, " · n nächster Lead") {
		t.Fatalf("status %q", m.status)
	}
	assertNoEnglishWords(t, "status", m.status)
	page := shown(m)
	if !strings.Contains(page, "Mailbox") {
		t.Fatalf("the call is not in the history:\n%s", page)
	}
	if strings.Contains(page, "no answer") || !strings.Contains(page, "nicht erreicht") {
		t.Fatalf("the history does not say nicht erreicht:\n%s", page)
	}
}

// A callback chosen from the quick times is offered and confirmed in
// German, with German dates.
func TestGermanCallbackTimes(t *testing.T) {
	m, st := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "c", "c")
	v := shown(m)
	// testNow is Friday 20.11.2026 10:00.
	for _, want := range []string{"Wann zurückrufen?", "1 in 1 Stunde  Fr 20.11. 11:00", "2 morgen 09:00  Sa 21.11. 09:00",
		"3 nächsten Montag 09:00  Mo 23.11. 09:00", "t Datum und Uhrzeit eingeben", "Esc zurück"} {
		if !strings.Contains(v, want) {
			t.Errorf("the quick times lack %q:\n%s", want, v)
		}
	}
	press(t, m, "t")
	if v := shown(m); !strings.Contains(v, "Rückruf am:") || !strings.Contains(v, "15.03. 14:30, morgen 9 Uhr, +2h") {
		t.Fatalf("the typed time is not German:\n%s", v)
	}
	typeText(t, m, "29.02.2028 10:00")
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Ergebnis: Rückruf am Di 29.02.2028 10:00") {
		t.Fatalf("the callback is not confirmed in German:\n%s", v)
	}
	press(t, m, "enter")
	if l := mustGet(t, st, id); l.Callback == nil || !l.Callback.At.Equal(time.Date(2028, 2, 29, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("callback %+v", l.Callback)
	}
	if !strings.HasPrefix(m.status, "Anruf (Rückruf) gespeichert") {
		t.Fatalf("status %q", m.status)
	}
}

// A German amount is read the German way, shown back to the cent, and
// saved; the form shows it again as a German reads it.
func TestGermanBANTAmount(t *testing.T) {
	m, st := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "b")
	v := shown(m)
	for _, want := range []string{"BANT — Anna Schmidt", "Budget", "z. B. 50.000, 1,5 Mio oder 50.000 €", "ein Betrag, oder 0 für kein Budget",
		"Währung", "Das Budget ist", "nicht gefragt", "Enter weiter"} {
		if !strings.Contains(v, want) {
			t.Errorf("the BANT form lacks %q:\n%s", want, v)
		}
	}
	typeText(t, m, "50.000")
	if v := shown(m); !strings.Contains(v, "verstanden als 50.000 (50000,00)") {
		t.Fatalf("the amount is not read back the German way:\n%s", v)
	}
	ctrlS(t, m)
	b := mustGet(t, st, id).BANT
	if b.Budget != (domain.Money{Cents: 50_000_00, Currency: "EUR"}) || b.BudgetStatus != domain.BudgetEstimated {
		t.Fatalf("saved %+v %v", b.Budget, b.BudgetStatus)
	}
	if !strings.HasPrefix(m.status, "BANT gespeichert · Score ") {
		t.Fatalf("status %q", m.status)
	}
	assertNoEnglishWords(t, "status", m.status)
	// The form opens again on the amount as saved, written the German way.
	press(t, m, "b")
	if v := shown(m); !strings.Contains(v, "> 50.000") || !strings.Contains(v, "geschätzt") {
		t.Fatalf("the saved amount is not shown the German way:\n%s", v)
	}
	press(t, m, "esc")
	page := shown(m)
	if strings.Contains(page, "50,000") || !strings.Contains(page, "50.000 €") {
		t.Fatalf("the lead page does not show 50.000 €:\n%s", page)
	}
}

// Cents typed either way are read the same; each language shows them back
// its own way.
func TestAmountReadBackInBothLanguages(t *testing.T) {
	de, en := i18n.For(i18n.German), i18n.For(i18n.English)
	for _, typed := range []string{"1.234,56", "1,234.56"} {
		if got, want := amountReadBack(de, typed), "verstanden als 1.234,56 (1234,56)"; got != want {
			t.Errorf("de %s: %q, want %q", typed, got, want)
		}
		if got, want := amountReadBack(en, typed), "reads as 1,234.56 (1234.56)"; got != want {
			t.Errorf("en %s: %q, want %q", typed, got, want)
		}
	}
	if got := amountReadBack(de, "0"); got != "verstanden als: kein Budget" {
		t.Errorf("de 0: %q", got)
	}
}

// What a form refuses is said in German: at the field, and when a save
// is refused.
func TestGermanRefusals(t *testing.T) {
	m, st := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	// The estimate is checked by the save.
	press(t, m, "b")
	for range 8 {
		press(t, m, "enter")
	}
	typeText(t, m, "150")
	ctrlS(t, m)
	want := "nicht gespeichert: „150“ ist keine Wahrscheinlichkeit: eine ganze Zahl von 0 bis 100 angeben"
	if m.leadScreen().form() == nil || !strings.Contains(flat(shown(m)), want) || m.status != want {
		t.Fatalf("a refused estimate: status %q\n%s", m.status, shown(m))
	}
	leave(t, m)
	// No fit without a reason: the field says so.
	press(t, m, "f")
	v := shown(m)
	for _, want := range []string{"Passung — Anna Schmidt", "passt gut", "geringe Chance: hinter bessere Leads einreihen", "passt nicht: kein Kunde für uns (disqualifiziert)", "Grund"} {
		if !strings.Contains(v, want) {
			t.Errorf("the fit form lacks %q:\n%s", want, v)
		}
	}
	press(t, m, "down", "down", "enter")
	if v := shown(m); !strings.Contains(v, "Pflicht bei „passt nicht“: steht dann im Verlauf") {
		t.Fatalf("the reason's hint is not German:\n%s", v)
	}
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Grund angeben: Warum passt der Lead nicht?") || mustGet(t, st, id).Fit == domain.FitNone {
		t.Fatalf("no fit without a reason is not refused in German:\n%s", v)
	}
	leave(t, m)
	// The contact form refuses a company left empty.
	press(t, m, "E")
	for range 9 {
		press(t, m, "enter")
	}
	if v := shown(m); !strings.Contains(v, "Firma") || !strings.Contains(v, "Branche") || !strings.Contains(v, "PLZ") {
		t.Fatalf("the company group is not German:\n%s", v)
	}
	for range len("Schmidt & Söhne KG") {
		press(t, m, "backspace")
	}
	press(t, m, "enter")
	if v := shown(m); !strings.Contains(v, "Firma fehlt") {
		t.Fatalf("an empty company is not refused in German:\n%s", v)
	}
}

// Saving a form as it was says so in German; a stage move that ends the
// lead's time in the queue asks in German first.
func TestGermanStageAndUnchanged(t *testing.T) {
	m, st := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "s")
	v := shown(m)
	for _, want := range []string{"Status Anfrage → — Anna Schmidt", "Neuer Status", "MQL", "Disqualifiziert · verlässt die Warteschlange", "Grund", "optional"} {
		if !strings.Contains(v, want) {
			t.Errorf("the stage form lacks %q:\n%s", want, v)
		}
	}
	leave(t, m)
	press(t, m, "e", "a", "enter") // about: the website
	typeText(t, m, "https://schmidt-soehne.de/team")
	press(t, m, "enter")
	typeText(t, m, "Durchwahl -12")
	press(t, m, "enter")
	if !strings.HasPrefix(m.status, "Notiz gespeichert") {
		t.Fatalf("status %q", m.status)
	}
	v = shown(m)
	if !strings.Contains(v, "RECHERCHE-NOTIZEN — Anna Schmidt") || !strings.Contains(v, "20.11.2026  Website") {
		t.Fatalf("the notes list is not German:\n%s", v)
	}
	press(t, m, "enter", "enter", "enter", "enter")
	if m.status != "Notiz: nichts geändert, nichts zu speichern" {
		t.Fatalf("status %q", m.status)
	}
	press(t, m, "d")
	if v := shown(m); !strings.Contains(v, "Notiz „Website“ löschen?") {
		t.Fatalf("the delete question is not German:\n%s", v)
	}
	press(t, m, "y")
	if !strings.HasPrefix(m.status, "Notiz gelöscht") || len(mustGet(t, st, id).Notes) != 0 {
		t.Fatalf("status %q", m.status)
	}
}

// huh's own key help is German in German; an inline select has no filter
// to show "No matches".
func TestGermanFormKeyHelp(t *testing.T) {
	de, en := formKeys(i18n.For(i18n.German)), formKeys(i18n.For(i18n.English))
	def := huh.NewDefaultKeyMap()
	for _, tc := range []struct{ got, want string }{
		{de.Input.Next.Help().Desc, "weiter"},
		{de.Select.Filter.Help().Desc, "filtern"},
		{de.Text.NewLine.Help().Desc, "neue Zeile"},
		{de.Confirm.Accept.Help().Desc, "Ja"},
		{de.Confirm.Reject.Help().Desc, "Nein"},
		{en.Input.Next.Help().Desc, def.Input.Next.Help().Desc},
		{en.Select.GotoTop.Help().Desc, def.Select.GotoTop.Help().Desc},
		{en.Confirm.Accept.Help().Desc, def.Confirm.Accept.Help().Desc},
	} {
		if tc.got != tc.want {
			t.Errorf("help %q, want %q", tc.got, tc.want)
		}
	}
	if de.Quit.Enabled() {
		t.Error("a form quits on ctrl+c: that is the root's")
	}
	m, _ := germanApp(t)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "b", "enter", "enter") // the budget status, an inline select
	press(t, m, "/")
	typeText(t, m, "zz")
	if v := shown(m); strings.Contains(v, "No matches") || !strings.Contains(v, "nicht gefragt") {
		t.Fatalf("the inline select filtered:\n%s", v)
	}
}

// Every message id the forms, the call picker, the notes and the lead
// screen name (in T and F, and in tables: field labels, touch options,
// quick times) has words in both languages.
func TestFormWordsInBothLanguages(t *testing.T) {
	re := regexp.MustCompile(`"((?:form|call|notes|leadscreen)\.[a-z_.-]+)"`)
	n := 0
	for _, file := range []string{"forms.go", "editor.go", "call.go", "notes.go", "leadscreen.go"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			n++
			for _, l := range i18n.Langs {
				if !i18n.For(l).Has(string(m[1])) {
					t.Errorf("%s: %s has no words in %s", file, m[1], l)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d ids found: the files were not read", n)
	}
	for field := range fieldLabels {
		if de := fieldLabel(i18n.For(i18n.German), field); de == field {
			t.Errorf("field %s has no German label", field)
		}
	}
}

// assertNoEnglish fails when German text holds one of the English words
// the screens used to show.
func assertNoEnglishWords(t *testing.T, what, s string) {
	t.Helper()
	for _, w := range []string{"saved", "score", "next lead", "call (", "no answer", "HOT", "WARM ", "COLD", "nothing"} {
		if strings.Contains(s, w) {
			t.Errorf("%s %q holds the English %q", what, s, w)
		}
	}
}
