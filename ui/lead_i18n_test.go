package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"leadq/domain"
	"leadq/ui/i18n"
	"leadq/ui/words"
)

// screenAtIn is screenAt with the app speaking lang.
func screenAtIn(t *testing.T, lang i18n.Lang, w, h int, want string, keys ...tea.KeyMsg) []byte {
	t.Helper()
	m := newTestAppIn(t, openStore(t, testLeads()), w, h, lang)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Jürgen")) },
		teatest.WithDuration(5*time.Second))
	for _, k := range keys {
		tm.Send(k)
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model).View())
}

func TestGoldenLeadGerman80x24(t *testing.T) {
	golden.RequireEqual(t, screenAtIn(t, i18n.German, 80, 24, "WARUM DIESER SCORE", keyEnter))
}

func TestGoldenLeadGerman120x40(t *testing.T) {
	golden.RequireEqual(t, screenAtIn(t, i18n.German, 120, 40, "WARUM DIESER SCORE", keyEnter))
}

// The lead page opened with Enter in German names every part in German:
// labels, score reasons, BANT, notes, the plan and the history, with
// German dates and money, and no English word of the English page left.
func TestLeadPageSpeaksGerman(t *testing.T) {
	m := newTestAppIn(t, openStore(t, testLeads()), 120, 80, i18n.German)
	press(t, m, "enter")
	v := flat(ansi.Strip(m.leadScreen().View()))
	for _, want := range []string{
		"Jürgen Müller · Geschäftsführer", "HEISS 90", "Branche Maschinenbau · Größe 250 Mitarbeiter",
		"E-Mail juergen.mueller@mueller-mb.de · Telefon +49 221 5550100",
		"Status SQL · Passung nicht bewertet · Einwilligung keine Einwilligung",
		"Quelle Messe · Eingang 20.11.2026 07:00 · Letzter Kontakt vor 2 Std. · Rückruf heute 09:30",
		"WARUM DIESER SCORE", "90 = Passung 40 + Engagement 20 + BANT 30", "Berechnet 20.11.2026 10:00",
		"50–5.000 Mitarbeiter", "Zielbranche", "Führungsposition", "DACH-Region", "Download (Entscheidung)",
		"Demo-Anfrage", "BANT: 4 von 4 beantwortet", "BANT vollständig", "Budget bestätigt", "Gespräch mit dem Entscheider",
		"80.000 €, bestätigt", "Entscheider (Geschäftsführer)", "Rüstzeiten halbieren (Dringlichkeit hoch)",
		"Beantwortet 4 von 4", "65 % aus den Antworten berechnet · 70 % eigene Einschätzung",
		"RECHERCHE-NOTIZEN", "20.11.2026 Team-Seite / Durchwahl", "OPPORTUNITY-PLAN", "noch keiner",
		"VERLAUF (NEUESTE ZUERST)", "20.11.2026 07:40 Statuswechsel — SAL → SQL — Demo gebucht",
		"20.11.2026 08:00 Demo-Anfrage", "Statuswechsel — Anfrage → SAL",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the German lead page lacks %q", want)
		}
	}
	for _, english := range []string{"Why", "score =", "fit ", "engagement", "employees", "target industry",
		"confirmed", "answered", "Answered", "none yet", "Stage move", "History", "Enrichment", "Came in",
		"Last touch", "today", " ago", "Nov", "€80", "Callback", "Purchase", "Demo request"} {
		if strings.Contains(v, english) {
			t.Errorf("the German lead page says %q:\n%s", english, v)
		}
	}
}

// Every history event has words in both languages, and the German ones
// are German: no message id and no English event name shows.
func TestHistoryWordsInBothLanguages(t *testing.T) {
	at := testNow.Add(-time.Hour)
	events := []domain.Event{
		{Kind: domain.EventRemark, Text: "x"},
		{Kind: domain.EventCreated},
		{Kind: domain.EventImported, Import: &domain.ImportSource{File: "messe.csv", Line: 12}},
		{Kind: domain.EventMerged, Import: &domain.ImportSource{File: "b.csv"}, Changes: []domain.FieldChange{{Field: "phone", New: "+49 1"}}},
		{Kind: domain.EventTouch, Touch: &domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeWrongNumber}},
		{Kind: domain.EventTouch, Touch: &domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeCallback, Callback: at}},
		{Kind: domain.EventStageMoved, Stage: &domain.StageMove{From: domain.StageSAL, To: domain.StageNurture, Reason: "zu früh"}},
		{Kind: domain.EventFitSet, Fit: &domain.FitChange{From: domain.FitUnrated, To: domain.FitLow}},
		{Kind: domain.EventBANTChanged, Changes: []domain.FieldChange{{Field: "budget_status", Old: "not-asked", New: "confirmed"}, {Field: "budget", New: "50000 EUR"}, {Field: "urgency", Old: "low", New: "high"}}},
		{Kind: domain.EventConsentChanged, Consent: &domain.ConsentChange{To: domain.Consent{Status: domain.ConsentOptIn, Source: "Messe", Date: at}}},
		{Kind: domain.EventContactEdited, Changes: []domain.FieldChange{{Field: "email", Old: "a@b.de", New: "c@b.de"}, {Field: "mobile", Old: "1"}}},
		{Kind: domain.EventNoteAdded, Note: &domain.NoteChange{New: &domain.NoteText{Kind: domain.NoteTeamPage, Text: "Durchwahl"}}},
		{Kind: domain.EventNoteEdited, Note: &domain.NoteChange{New: &domain.NoteText{Kind: domain.NotePress}}},
		{Kind: domain.EventNoteDeleted, Note: &domain.NoteChange{Old: &domain.NoteText{Kind: domain.NoteSocial}}},
		{Kind: domain.EventPlanChanged, Plan: &domain.PlanChange{Action: domain.PlanStarted}},
		{Kind: domain.EventPlanChanged, Plan: &domain.PlanChange{Section: "summary", Field: "act_now"}},
		{Kind: domain.EventPlanChanged, Plan: &domain.PlanChange{Section: "milestones", Action: domain.PlanMovedUp, Item: "Angebot"}},
		{Kind: domain.EventFollowUpSet, Schedule: &domain.ScheduleChange{New: at}},
		{Kind: domain.EventCallbackChanged, Schedule: &domain.ScheduleChange{Old: at, New: at.Add(time.Hour)}},
		{Kind: domain.EventCallbackChanged, Schedule: &domain.ScheduleChange{Old: at}},
	}
	want := []string{
		"Bemerkung x", "Angelegt", "Importiert messe.csv Zeile 12", "Zusammengeführt b.csv — Telefon +49 1",
		"Anruf falsche Nummer — Telefonnummern prüfen", "Anruf Rückruf 20.11.2026 09:00",
		"Statuswechsel SAL → Nurturing — zu früh", "Passung nicht bewertet → geringe Chance",
		"BANT Budget nicht gefragt → bestätigt, Betrag 50.000 €, Dringlichkeit niedrig → hoch",
		"Einwilligung keine Einwilligung → Opt-in (Messe, 20.11.2026)",
		"Kontakt geändert E-Mail a@b.de → c@b.de, Mobil entfernt", "Notiz angelegt Team-Seite / Durchwahl: Durchwahl",
		"Notiz geändert Pressemitteilung", "Notiz gelöscht Social Media", "Plan angelegt",
		"Plan Opportunity-Zusammenfassung: jetzt handeln oder warten geändert",
		"Plan Meilensteine und Kaufprozess: Angebot nach oben verschoben", "Follow-up für 20.11.2026 09:00",
		"Rückruf verschoben auf 20.11.2026 10:00", "Rückruf aufgehoben",
	}
	de, en := i18n.For(i18n.German), i18n.For(i18n.English)
	for i := range events {
		e := &events[i]
		what, detail := words.Event(de, e, time.UTC)
		if got := strings.TrimSpace(what + " " + detail); got != want[i] {
			t.Errorf("event %d in German: %q, want %q", i, got, want[i])
		}
		enWhat, enDetail := words.Event(en, e, time.UTC)
		if strings.Contains(what+detail+enWhat+enDetail, "history.") || enWhat+enDetail == what+detail {
			t.Errorf("event %d: %q %q in English, %q %q in German", i, enWhat, enDetail, what, detail)
		}
	}
}

// The plan exported with x from the plan editor is the plan's Markdown in
// the app's language.
func TestPlanExportSpeaksGerman(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	st := openStore(t, planLeads())
	m := newTestAppIn(t, st, 110, 40, i18n.German)
	openPlan(t, m, "Jürgen Müller")
	press(t, m, "x")
	files, _ := filepath.Glob(filepath.Join(dir, "plan-*.md"))
	if len(files) != 1 {
		t.Fatalf("x wrote %v; status %q", files, m.status)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	l := mustGet(t, st, m.leadScreen().lead.ID)
	if want := l.Plan.MarkdownIn(i18n.For(i18n.German), l, domain.PlanSections, testNow); string(data) != want {
		t.Fatalf("exported:\n%s\nwant:\n%s", data, want)
	}
	if md := string(data); !strings.HasPrefix(md, "# Opportunity-Plan") || !strings.Contains(md, "## Account-Team") || strings.Contains(md, "Team lead") {
		t.Fatalf("the exported plan is not German:\n%s", md)
	}
}

// The German lead page, with its longer labels, renders at every size
// down to 20×5 without a line wider than the screen.
func TestGermanLeadPageFitsSmallScreens(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {40, 12}, {80, 24}} {
		m := newTestAppIn(t, openStore(t, testLeads()), size[0], size[1], i18n.German)
		press(t, m, "enter")
		for _, line := range strings.Split(m.View(), "\n") {
			if w := ansi.StringWidth(line); w > size[0] {
				t.Errorf("%dx%d: a line of %d columns: %q", size[0], size[1], w, line)
			}
		}
	}
}
