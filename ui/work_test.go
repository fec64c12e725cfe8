package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// openByName searches for a lead and opens it, as a rep would.
func openByName(t *testing.T, m *Model, name string) {
	t.Helper()
	press(t, m, "/")
	typeText(t, m, name)
	press(t, m, "enter", "enter")
	if m.leadScreen() == nil || m.leadScreen().lead == nil || m.leadScreen().lead.Name != name {
		t.Fatalf("could not open %q:\n%s", name, ansi.Strip(m.View()))
	}
}

func shown(m *Model) string { return ansi.Strip(m.View()) }

func mustGet(t *testing.T, st *store.Store, id uint64) *domain.Lead {
	t.Helper()
	l, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestBANTFormSavesAndRescores(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	openByName(t, m, "Anna Schmidt")
	id, before := m.leadScreen().lead.ID, m.leadScreen().lead.Score.Total
	press(t, m, "b")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "BANT — Anna Schmidt") {
		t.Fatalf("b did not open the BANT form:\n%s", shown(m))
	}
	// Letters in the amount: an inline message, the typed text kept, no save.
	typeText(t, m, "12a4")
	press(t, m, "enter")
	if !strings.Contains(shown(m), "12a4 is not an amount") || !strings.Contains(shown(m), "12a4") {
		t.Fatalf("invalid amount not reported at the field:\n%s", shown(m))
	}
	if !mustGet(t, st, id).BANT.Budget.IsZero() {
		t.Fatal("an invalid form was saved")
	}
	press(t, m, "backspace", "backspace", "backspace", "backspace")
	typeText(t, m, "50.000")
	press(t, m, "enter") // currency: EUR already there
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "estimated") {
		t.Fatalf("an amount did not make the budget estimated:\n%s", shown(m))
	}
	press(t, m, "enter")          // → the budget is: estimated, since an amount is typed
	press(t, m, "right", "enter") // confirmed
	press(t, m, "right", "enter") // decision maker
	typeText(t, m, "Geschäftsführerin")
	press(t, m, "enter")
	typeText(t, m, "Rüstzeiten halbieren")
	press(t, m, "enter")
	press(t, m, "right", "right", "right", "enter") // urgency high
	typeText(t, m, "Q3/2027")
	press(t, m, "enter")
	typeText(t, m, "60")
	press(t, m, "enter") // the estimate; the last field submits
	if m.leadScreen().form() != nil {
		press(t, m, "enter") // past the computed-probability note
	}
	if m.leadScreen().form() != nil {
		t.Fatalf("form still open:\n%s", shown(m))
	}
	got := mustGet(t, st, id)
	b := got.BANT
	if b.Budget != (domain.Money{Cents: 50_000_00, Currency: "EUR"}) || b.BudgetStatus != domain.BudgetConfirmed || b.Authority != domain.AuthorityDecisionMaker ||
		b.AuthorityRole != "Geschäftsführerin" || b.Need != "Rüstzeiten halbieren" || b.Urgency != domain.UrgencyHigh ||
		b.Timeline != "Q3 2027" || b.RepEstimate != 60 {
		t.Fatalf("BANT saved as %+v", b)
	}
	// Four answers (16) + complete (4) + confirmed (5) + decision maker (5) = 30 more.
	if got.Score.Total != before+30 || got.Score.BANT != 30 {
		t.Fatalf("score %d → %d (BANT part %v), want +30", before, got.Score.Total, got.Score.BANT)
	}
	if !strings.Contains(m.status, "BANT saved") || !strings.Contains(m.status, "→") {
		t.Fatalf("status %q does not show the new score", m.status)
	}
	if last := got.History[len(got.History)-1]; last.Kind != domain.EventBANTChanged {
		t.Fatalf("no BANT history entry: %+v", last)
	}
	// Both the computed probability and the rep's estimate are shown, and
	// the budget as money.
	v := shown(m)
	for _, want := range []string{"computed from the answers", "60% rep's own estimate", "€50,000, confirmed"} {
		if !strings.Contains(v, want) {
			t.Fatalf("lead screen lacks %q:\n%s", want, v)
		}
	}
	// The history says what changed.
	press(t, m, "G")
	if v := shown(m); !strings.Contains(v, "BANT — budget not asked → confirmed, amount €50,000") {
		t.Fatalf("history lacks the BANT change:\n%s", v)
	}
}

// A budget typed with its currency fills the currency; "no budget" needs
// no amount; an estimated budget without one is refused and says why.
func TestBANTBudgetStatusAndCurrency(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "b")
	typeText(t, m, "1.234,50 CHF")
	press(t, m, "enter")
	if !strings.Contains(shown(m), "> CHF") {
		t.Fatalf("the currency typed with the amount did not fill the currency:\n%s", shown(m))
	}
	for range 8 {
		press(t, m, "enter")
	}
	if m.leadScreen().form() != nil {
		press(t, m, "enter")
	}
	b := mustGet(t, st, id).BANT
	if b.Budget != (domain.Money{Cents: 1234_50, Currency: "CHF"}) || b.BudgetStatus != domain.BudgetEstimated {
		t.Fatalf("budget saved as %+v %v", b.Budget, b.BudgetStatus)
	}
	if !strings.Contains(shown(m), "CHF 1,234.50, estimated") {
		t.Fatalf("lead screen lacks the budget:\n%s", shown(m))
	}
	// Clear the amount but keep "estimated": refused, the form stays.
	press(t, m, "b", "ctrl+u", "enter", "enter", "enter")
	for range 7 {
		press(t, m, "enter")
	}
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "needs an amount") {
		t.Fatalf("an estimated budget without an amount was not refused:\n%s", shown(m))
	}
	// "No budget" is an answer of its own, without an amount.
	press(t, m, "esc", "y", "b", "ctrl+u", "enter", "enter", "left", "enter")
	for range 7 {
		press(t, m, "enter")
	}
	if m.leadScreen().form() != nil {
		press(t, m, "enter")
	}
	b = mustGet(t, st, id).BANT
	if b.BudgetStatus != domain.BudgetNone || !b.Budget.IsZero() || b.Answered() != 1 {
		t.Fatalf("no budget saved as %+v %v", b.Budget, b.BudgetStatus)
	}
	if !strings.Contains(shown(m), "Budget     no budget") {
		t.Fatalf("lead screen lacks no budget:\n%s", shown(m))
	}
}

func TestCallLoggingAndNextLead(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	press(t, m, "4") // All
	var names []string
	for _, r := range m.queueScreen().rows {
		names = append(names, r.Name)
	}
	press(t, m, "enter")
	// Three leads in a row: c, outcome, enter, n.
	outcomes := []string{"r", "n", "b"}
	want := []domain.CallOutcome{domain.OutcomeReached, domain.OutcomeNoAnswer, domain.OutcomeBusy}
	for i, o := range outcomes {
		if m.leadScreen().lead.Name != names[i] {
			t.Fatalf("lead %d is %q, want %q", i, m.leadScreen().lead.Name, names[i])
		}
		id := m.leadScreen().lead.ID
		press(t, m, "c", o, "enter")
		l := mustGet(t, st, id)
		last := l.History[len(l.History)-1]
		if last.Touch == nil || last.Touch.Kind != domain.KindCall || last.Touch.Outcome != want[i] {
			t.Fatalf("lead %q: last event %+v, want a call %v", l.Name, last, want[i])
		}
		press(t, m, "n")
	}
	if m.leadScreen().lead.Name != names[3] {
		t.Fatalf("after three leads the fourth should be open, got %q", m.leadScreen().lead.Name)
	}
	// A callback in one hour: it lands on the lead and the queue marks it.
	id := m.leadScreen().lead.ID
	press(t, m, "c", "c", "1")
	typeText(t, m, "nach dem Mittag ☕")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if l.Callback == nil || !l.Callback.At.Equal(testNow.Add(time.Hour)) || l.Callback.Note != "nach dem Mittag ☕" {
		t.Fatalf("callback = %+v, want in one hour with the note", l.Callback)
	}
	press(t, m, "esc")
	if !m.onQueue() || !strings.Contains(shown(m), "☎") {
		t.Fatalf("queue does not mark the callback today:\n%s", shown(m))
	}
	// A typed time that does not exist keeps the text and says why.
	press(t, m, "enter", "c", "c", "t")
	typeText(t, m, "31.02. 10:00")
	press(t, m, "enter")
	if !strings.Contains(shown(m), "31.02. 10:00") || m.leadScreen().call() == nil || m.leadScreen().call().err == "" {
		t.Fatalf("an impossible date was not refused in place:\n%s", shown(m))
	}
	press(t, m, "esc", "esc", "esc")
	if m.leadScreen().call() != nil {
		t.Fatal("esc did not leave the call picker")
	}
}

func TestNoFitLeavesTheQueue(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	hot := m.queueScreen().counts.Hot
	openByName(t, m, "Sören Weiß") // hot, at Inquiry
	id := m.leadScreen().lead.ID
	press(t, m, "f", "down", "down", "enter") // no fit
	press(t, m, "enter")                      // no reason
	if !strings.Contains(shown(m), "say why this lead is no fit") {
		t.Fatalf("no fit without a reason was not refused:\n%s", shown(m))
	}
	typeText(t, m, "nur Privatkunden")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if l.Fit != domain.FitNone || l.Stage != domain.StageDisqualified || l.InQueue() {
		t.Fatalf("after no fit: fit %v stage %v", l.Fit, l.Stage)
	}
	if mv := lastMove(t, l); mv.Reason != "nur Privatkunden" {
		t.Fatalf("history lacks the reason: %+v", mv)
	}
	press(t, m, "esc", "esc") // back, clear the search
	if m.queueScreen().counts.Hot != hot-1 {
		t.Fatalf("hot count %d → %d, want one less", hot, m.queueScreen().counts.Hot)
	}
	press(t, m, "4")
	if !strings.Contains(shown(m), "Sören Weiß") {
		t.Fatal("a no-fit lead must stay findable under All")
	}
}

func TestStageMoveOffersOnlyAllowedAndAsksReasons(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Jürgen Müller") // at SQL
	id := m.leadScreen().lead.ID
	press(t, m, "s")
	v := shown(m)
	for _, s := range domain.Stages {
		allowed, _ := domain.MoveNeedsReason(domain.StageSQL, s)
		if shown := strings.Contains(v, "  "+s.Label()) || strings.Contains(v, "> "+s.Label()); shown != allowed {
			t.Errorf("stage %s offered=%v, allowed=%v:\n%s", s.Label(), shown, allowed, v)
		}
	}
	// The next stage forward is first and chosen; SAL, a step back, needs a reason.
	if !strings.Contains(v, "> Opportunity") {
		t.Fatalf("the stage form does not offer Opportunity first:\n%s", v)
	}
	press(t, m, "down", "enter", "enter")
	if !strings.Contains(shown(m), "this move needs a reason") {
		t.Fatalf("a step back without reason was not refused:\n%s", shown(m))
	}
	if mustGet(t, st, id).Stage != domain.StageSQL {
		t.Fatal("the refused move was saved")
	}
	typeText(t, m, "Budget erst 2028")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if l.Stage != domain.StageSAL {
		t.Fatalf("stage = %v, want SAL", l.Stage)
	}
	moves := l.StageMoves()
	e := moves[len(moves)-1]
	if mv := e.Stage; mv.From != domain.StageSQL || mv.To != domain.StageSAL || mv.Reason != "Budget erst 2028" || !e.At.Equal(testNow) {
		t.Fatalf("history entry %+v at %v", mv, e.At)
	}
	press(t, m, "G")
	if !strings.Contains(shown(m), "Stage move — SQL → SAL — Budget erst 2028") {
		t.Fatalf("history on screen lacks the move:\n%s", shown(m))
	}
}

func TestEnrichmentNotes(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	press(t, m, "e")
	if !strings.Contains(shown(m), "none yet") {
		t.Fatalf("empty notes list:\n%s", shown(m))
	}
	press(t, m, "a", "down", "enter") // team page / direct dial
	typeText(t, m, "kein link")
	press(t, m, "enter")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "kein link") {
		t.Fatalf("an invalid link was accepted:\n%s", shown(m))
	}
	for range "kein link" {
		press(t, m, "backspace")
	}
	typeText(t, m, "https://schmidt-soehne.de/team")
	press(t, m, "enter")
	typeText(t, m, "Durchwahl Einkauf: -214 👍")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	if len(l.Notes) != 1 || l.Notes[0].Kind != domain.NoteTeamPage || l.Notes[0].Text != "Durchwahl Einkauf: -214 👍" || l.Notes[0].URL != "https://schmidt-soehne.de/team" {
		t.Fatalf("notes = %+v", l.Notes)
	}
	// Edit it: enter on the note, change the text.
	press(t, m, "enter", "enter", "enter", "ctrl+u")
	typeText(t, m, "Durchwahl Einkauf: -215")
	press(t, m, "enter")
	l = mustGet(t, st, id)
	if len(l.Notes) != 1 || l.Notes[0].Text != "Durchwahl Einkauf: -215" || l.Notes[0].Updated.IsZero() {
		t.Fatalf("edited notes = %+v", l.Notes)
	}
	// Delete asks first; n keeps it, y deletes it.
	press(t, m, "d", "n")
	if len(mustGet(t, st, id).Notes) != 1 {
		t.Fatal("n deleted the note")
	}
	press(t, m, "d", "y")
	if len(mustGet(t, st, id).Notes) != 0 {
		t.Fatal("y did not delete the note")
	}
	// Each change left its event; the history keeps what the note said.
	var kinds []domain.EventKind
	for _, e := range mustGet(t, st, id).History {
		kinds = append(kinds, e.Kind)
	}
	want := []domain.EventKind{domain.EventCreated, domain.EventNoteAdded, domain.EventNoteEdited, domain.EventNoteDeleted}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Fatalf("history kinds %v, want %v", kinds, want)
	}
	press(t, m, "esc", "G")
	if v := shown(m); !strings.Contains(v, "Note deleted — Team page / direct dial: Durchwahl Einkauf: -215") {
		t.Fatalf("lead screen lacks the deleted note:\n%s", v)
	}
}

func lastMove(t *testing.T, l *domain.Lead) *domain.StageMove {
	t.Helper()
	moves := l.StageMoves()
	if len(moves) == 0 {
		t.Fatalf("%s has no stage moves", l.Name)
	}
	return moves[len(moves)-1].Stage
}

// pickTouch opens the touch form and chooses the touch of that label.
func pickTouch(t *testing.T, m *Model, label string) {
	t.Helper()
	press(t, m, "t")
	for i, o := range touchOptions {
		if i18n.For(i18n.English).T(o.id) == label {
			for range i {
				press(t, m, "down")
			}
			press(t, m, "enter")
			return
		}
	}
	t.Fatalf("the touch form offers no %q", label)
}

func TestTouchFormShowsSalesAndMarketing(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "t")
	v := shown(m)
	for _, want := range []string{"sales · email", "sales · meeting", "sales · letter", "sales · event / trade fair", "marketing · newsletter", "marketing · campaign mail", "remark"} {
		if !strings.Contains(v, want) {
			t.Errorf("touch form lacks %q:\n%s", want, v)
		}
	}
}

func TestMarketingTouchNeedsConsentAndRespectsCadence(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Björn Schäfer") // Inquiry, no consent
	id := m.leadScreen().lead.ID
	const newsletter = "marketing · newsletter: consent, cadence, not after hand-off"
	pickTouch(t, m, newsletter)
	press(t, m, "enter") // no note
	if !strings.Contains(m.status, "consent") || countKind(mustGet(t, st, id), domain.KindNewsletter) != 0 {
		t.Fatalf("a newsletter without consent was not refused: status %q", m.status)
	}
	press(t, m, "esc")
	// A rep's own email is sales contact: no consent needed, no cadence.
	for range 2 {
		pickTouch(t, m, "sales · email: any stage, no consent needed")
		press(t, m, "enter")
	}
	if n := countKind(mustGet(t, st, id), domain.KindEmail); n != 2 || m.leadScreen().asking() != nil {
		t.Fatalf("%d sales emails without consent, want 2 and no question; status %q", n, m.status)
	}
	// Consent: opt-in from a trade-fair form, dated today.
	press(t, m, "o", "down", "enter")
	typeText(t, m, "Messe-Formular")
	press(t, m, "enter", "enter")
	if c := mustGet(t, st, id).Consent; c.Status != domain.ConsentOptIn || c.Source != "Messe-Formular" || c.Date.IsZero() {
		t.Fatalf("consent = %+v", c)
	}
	pickTouch(t, m, newsletter)
	press(t, m, "enter")
	if n := countKind(mustGet(t, st, id), domain.KindNewsletter); n != 1 {
		t.Fatalf("%d newsletters after consent, want 1", n)
	}
	// A second marketing touch the same day asks first; n does not send it.
	pickTouch(t, m, "marketing · campaign mail")
	press(t, m, "enter")
	if m.leadScreen().asking() == nil || !strings.Contains(shown(m), "already") {
		t.Fatalf("second marketing touch of the day did not ask:\n%s", shown(m))
	}
	press(t, m, "n")
	if n := countKind(mustGet(t, st, id), domain.KindMailing); n != 0 {
		t.Fatalf("%d campaign mails after saying no, want 0", n)
	}
	pickTouch(t, m, newsletter)
	press(t, m, "enter", "y")
	if n := countKind(mustGet(t, st, id), domain.KindNewsletter); n != 2 {
		t.Fatalf("%d newsletters after confirming, want 2", n)
	}
}

// A remark is a note for the history, not a touch: it needs text.
func TestTouchFormLogsARemark(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 30)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	before := mustGet(t, st, id).LastTouch()
	pickTouch(t, m, "remark: a note for the history, no touch")
	press(t, m, "enter")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "write the remark") {
		t.Fatalf("an empty remark was accepted:\n%s", shown(m))
	}
	typeText(t, m, "Zentrale: ab März im Haus")
	press(t, m, "enter")
	l := mustGet(t, st, id)
	last := l.History[len(l.History)-1]
	if last.Kind != domain.EventRemark || last.Text != "Zentrale: ab März im Haus" || !l.LastTouch().Equal(before) {
		t.Fatalf("last event %+v; last touch %v → %v", last, before, l.LastTouch())
	}
	press(t, m, "G")
	if !strings.Contains(shown(m), "Remark — Zentrale: ab März im Haus") {
		t.Fatalf("lead screen lacks the remark:\n%s", shown(m))
	}
}

func countKind(l *domain.Lead, k domain.ActivityKind) int {
	n := 0
	for _, e := range l.History {
		if e.Touch != nil && e.Touch.Kind == k {
			n++
		}
	}
	return n
}

func TestAddLeadValidatesAndSaves(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	press(t, m, "a")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "New lead") {
		t.Fatalf("a did not open the new-lead form:\n%s", shown(m))
	}
	press(t, m, "enter", "enter", "enter", "enter") // salutation, first, last, name: all empty
	if !strings.Contains(shown(m), "the name is required") {
		t.Fatalf("empty name accepted:\n%s", shown(m))
	}
	press(t, m, "shift+tab", "shift+tab", "shift+tab")
	typeText(t, m, "Pani")
	press(t, m, "enter")
	typeText(t, m, "Małgorzata")
	press(t, m, "enter")
	typeText(t, m, "Kowalska")
	press(t, m, "enter", "enter") // last name; the name is made from them
	typeText(t, m, "Prezes")
	press(t, m, "enter")
	typeText(t, m, "m.kowalska@@firma")
	press(t, m, "enter")
	if m.leadScreen().form() == nil || !strings.Contains(shown(m), "m.kowalska@@firma") {
		t.Fatalf("a bad email was accepted:\n%s", shown(m))
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "m.kowalska@firma.pl")
	press(t, m, "enter")
	typeText(t, m, "+48 22 1234567")
	press(t, m, "enter", "enter") // phone, mobile
	typeText(t, m, "Messe")
	press(t, m, "enter") // source: next group
	typeText(t, m, "Kowalski Sp. z o.o.")
	press(t, m, "enter", "enter", "enter", "enter", "enter") // company, website, industry, employees, revenue
	press(t, m, "ctrl+u")
	typeText(t, m, "PL")
	press(t, m, "enter")
	typeText(t, m, "ul. Marszałkowska 1")
	press(t, m, "enter")
	typeText(t, m, "00001")
	press(t, m, "enter")
	if !strings.Contains(shown(m), "00001") || m.leadScreen().form() == nil {
		t.Fatalf("a postal code of the wrong shape for PL was accepted:\n%s", shown(m))
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "00-001")
	press(t, m, "enter")
	typeText(t, m, "Warszawa")
	press(t, m, "enter")
	if m.leadScreen().form() != nil || m.leadScreen().lead == nil {
		t.Fatalf("the new lead was not saved:\n%s", shown(m))
	}
	l := mustGet(t, st, m.leadScreen().lead.ID)
	if l.Salutation != "Pani" || l.FirstName != "Małgorzata" || l.LastName != "Kowalska" || l.Name != "Małgorzata Kowalska" ||
		l.Email != "m.kowalska@firma.pl" || l.Company.Country != "PL" || l.Company.Street != "ul. Marszałkowska 1" ||
		l.Company.PostalCode != "00-001" || l.Company.City != "Warszawa" {
		t.Fatalf("saved lead %+v", l)
	}
	if len(l.History) != 1 || l.History[0].Kind != domain.EventCreated {
		t.Fatalf("a new lead's history is %+v, want its creation", l.History)
	}
	if v := shown(m); !strings.Contains(v, "Pani Małgorzata Kowalska") || !strings.Contains(v, "ul. Marszałkowska 1, 00-001 Warszawa") {
		t.Fatalf("lead screen lacks the address:\n%s", v)
	}
	press(t, m, "esc")
	if c := m.queueScreen().counts.All(); c != 9 {
		t.Fatalf("All counts %d after adding, want 9", c)
	}
}

// A new lead with the email of a stored one is added all the same, with a
// warning that names the other lead.
func TestAddLeadWarnsOfDuplicates(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	press(t, m, "a", "enter", "enter", "enter")
	typeText(t, m, "Anna Schmidt")
	press(t, m, "enter", "enter")
	typeText(t, m, "ANNA@schmidt-soehne.de")
	for range 4 {
		press(t, m, "enter")
	}
	typeText(t, m, "Schmidt & Söhne KG")
	for range 9 {
		press(t, m, "enter")
	}
	if m.leadScreen().lead == nil || !strings.Contains(m.status, "same email as lead 5: a duplicate?") {
		t.Fatalf("no duplicate warning: status %q\n%s", m.status, shown(m))
	}
}

// Every edit of the contact form leaves an event that says what changed;
// saving it unchanged writes nothing.
func TestEditContactRecordsTheChange(t *testing.T) {
	st := openStore(t, testLeads())
	m := newTestApp(t, st, 100, 40)
	openByName(t, m, "Anna Schmidt")
	id := m.leadScreen().lead.ID
	editAll := func(atPhone func()) {
		press(t, m, "E")
		for range 6 { // salutation, first, last, name, title, email
			press(t, m, "enter")
		}
		atPhone()
		for range 14 { // phone … city, then the new custom field's name and value
			press(t, m, "enter")
		}
		if m.leadScreen().form() != nil {
			t.Fatalf("the contact form is still open:\n%s", shown(m))
		}
	}
	editAll(func() {})
	if n := len(mustGet(t, st, id).History); n != 1 || !strings.Contains(m.status, "nothing changed") {
		t.Fatalf("an unchanged form wrote %d events, status %q", n, m.status)
	}
	editAll(func() {
		press(t, m, "ctrl+u")
		typeText(t, m, "+49 341 9988770")
	})
	l := mustGet(t, st, id)
	last := l.History[len(l.History)-1]
	if l.Phone != "+49 341 9988770" || last.Kind != domain.EventContactEdited || len(last.Changes) != 1 || last.Changes[0].Field != "phone" {
		t.Fatalf("phone %q, last event %+v", l.Phone, last)
	}
	press(t, m, "G")
	if v := shown(m); !strings.Contains(v, "Contact edited — phone +49 221 5550100 → +49 341 9988770") {
		t.Fatalf("history lacks the phone edit:\n%s", v)
	}
}

func TestQuitWithHalfFilledFormAsks(t *testing.T) {
	for _, tc := range []struct {
		answer string
		saved  bool
	}{{"s", true}, {"d", false}} {
		st := openStore(t, testLeads())
		m := newTestApp(t, st, 100, 30)
		openByName(t, m, "Anna Schmidt")
		id := m.leadScreen().lead.ID
		press(t, m, "b")
		typeText(t, m, "75000")
		press(t, m, "ctrl+c")
		if m.quitting || m.leadScreen().asking() == nil {
			t.Fatalf("ctrl+c with a half-filled form quit without asking")
		}
		press(t, m, "esc") // keep editing: nothing lost
		if m.leadScreen().form() == nil || !strings.Contains(shown(m), "75000") {
			t.Fatal("keep editing lost the form")
		}
		press(t, m, "ctrl+c", tc.answer)
		if !m.quitting {
			t.Fatalf("%s did not quit", tc.answer)
		}
		if got := mustGet(t, st, id).BANT.Budget; (got == domain.Money{Cents: 75_000_00, Currency: "EUR"}) != tc.saved {
			t.Fatalf("answer %s: budget %+v", tc.answer, got)
		}
	}
}

// q typed into a form is a letter, not quit.
func TestQIsALetterInForms(t *testing.T) {
	m := newTestApp(t, openStore(t, testLeads()), 100, 30)
	openByName(t, m, "Anna Schmidt")
	press(t, m, "E")
	press(t, m, "ctrl+u")
	typeText(t, m, "Quirin")
	if m.quitting || !strings.Contains(shown(m), "Quirin") {
		t.Fatal("q in a form quit the app")
	}
}
