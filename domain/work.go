package domain

import (
	"strconv"
	"strings"
	"time"
)

// This file holds the operations of working a lead. Each is one form's
// save: it checks everything first and either changes the lead and records
// the event that says what changed, or returns an error and changes nothing.

// ErrNeedsConfirmation is wrapped by LogTouch when the cadence says the
// lead was already touched in this window; the error's text is the
// question to ask, and the caller asks it and logs again confirmed.
var ErrNeedsConfirmation error = Problemf("err.confirm", "needs confirmation")

// confirmError is the question to ask; the question comes first in the
// chain so a catalog words it rather than the sentinel.
type confirmError struct{ question *Problem }

func (e confirmError) Error() string   { return e.question.Error() }
func (e confirmError) Unwrap() []error { return []error{e.question, ErrNeedsConfirmation} }

// ErrNothingChanged is returned by an edit that would change nothing.
var ErrNothingChanged error = Problemf("err.nothing-changed", "nothing changed")

// thisLead names a lead without a name in messages.
var thisLead = Problemf("err.lead.this", "this lead")

// who names the lead in messages: its name, or thisLead.
func (l *Lead) who() any {
	if n := l.DisplayName(); n != "" {
		return n
	}
	return thisLead
}

// LogCall records a call and its outcome. OutcomeCallback needs a callback
// time in the future and sets the lead's callback (with the note); callback
// is ignored with any other outcome. Reaching the lead settles a pending
// callback; a call nobody took (no answer, busy, wrong number) leaves it due.
func (l *Lead) LogCall(outcome CallOutcome, note string, callback time.Time, now time.Time, by string) error {
	if outcome == OutcomeNone || int(outcome) >= len(outcomeNames) {
		return Problemf("err.call.outcome", "say how the call went: reached, no answer, busy, wrong number or callback")
	}
	t := &Touch{Kind: KindCall, Outcome: outcome, Note: trimmed(note)}
	switch outcome {
	case OutcomeCallback:
		if callback.IsZero() {
			return Problemf("err.call.callback-time", "a callback needs a time")
		}
		if !callback.After(now) {
			return Problemf("err.callback.past", "the callback at %s is not in the future", callback.In(now.Location()))
		}
		t.Callback = callback
		l.Callback = &Callback{At: callback, Note: t.Note}
	case OutcomeReached:
		l.Callback = nil
	}
	l.record(Event{Kind: EventTouch, At: now, By: by, Touch: t})
	if outcome == OutcomeReached {
		l.touchedAgain(now, by)
	}
	return nil
}

// touchedAgain clears the nurture follow-up: the touch it waited for came.
func (l *Lead) touchedAgain(now time.Time, by string) {
	if l.NextTouch.IsZero() {
		return
	}
	l.record(Event{Kind: EventFollowUpSet, At: now, By: by, Schedule: &ScheduleChange{Old: l.NextTouch, Note: "touched"}})
	l.NextTouch = time.Time{}
}

// SetFit records the rep's verdict on the fit. No fit needs a reason and
// disqualifies the lead (unless it already is); when the lead may not be
// disqualified from its stage, nothing changes. Rating a disqualified lead
// a fit again does not requalify it: that is a move with its own reason.
func (l *Lead) SetFit(fit Fit, reason string, now time.Time, by string) error {
	if int(fit) >= len(fitNames) {
		return Problemf("err.fit.unknown", "unknown fit %d", int(fit))
	}
	reason = trimmed(reason)
	if fit == l.Fit && reason == l.FitReason {
		return Problemf("err.fit.same", "%s is already rated %s", l.who(), fit)
	}
	disqualify := fit == FitNone && l.Stage != StageDisqualified
	if fit == FitNone {
		if reason == "" {
			return Problemf("err.fit.reason", "rating %s no fit: %s", l.who(), ErrReasonRequired)
		}
		if disqualify {
			if err := CheckMove(l.Stage, StageDisqualified, reason); err != nil {
				return Problemf("err.fit.cannot-disqualify", "%s cannot be rated no fit: %s", l.who(), err)
			}
		}
	}
	l.record(Event{Kind: EventFitSet, At: now, By: by, Fit: &FitChange{From: l.Fit, To: fit, Reason: reason}})
	l.Fit, l.FitReason = fit, reason
	if disqualify {
		// Checked above, so the move cannot fail.
		return l.Move(StageDisqualified, reason, now, by)
	}
	return nil
}

// SaveBANT stores the qualification answers and records what changed. A
// newly typed timeline is read with ParseTimeline, which sets its date; an
// amount without a currency is in EUR. Saving unchanged answers changes
// nothing.
func (l *Lead) SaveBANT(b BANT, now time.Time, by string) error {
	if b.Budget.Cents < 0 {
		return Problemf("err.bant.negative", "the budget cannot be below zero")
	}
	if int(b.BudgetStatus) >= len(budgetStatusNames) {
		return Problemf("err.bant.unknown-status", "unknown budget status %d", int(b.BudgetStatus))
	}
	if int(b.Authority) >= len(authorityNames) {
		return Problemf("err.bant.unknown-authority", "unknown authority %d", int(b.Authority))
	}
	if int(b.Urgency) >= len(urgencyNames) {
		return Problemf("err.bant.unknown-urgency", "unknown urgency %d", int(b.Urgency))
	}
	if b.RepEstimate < -1 || b.RepEstimate > 100 {
		return Problemf("err.bant.estimate", "the estimate %d%% is not a percentage from 0 to 100", b.RepEstimate)
	}
	b.Budget.Currency = strings.ToUpper(trimmed(b.Budget.Currency))
	switch b.BudgetStatus {
	case BudgetNotAsked, BudgetNone:
		b.Budget = Money{}
	default:
		if b.Budget.Cents == 0 {
			if b.BudgetStatus == BudgetEstimated {
				return Problemf("err.bant.estimated-amount", "an estimated budget needs an amount; or say there is no budget")
			}
			return Problemf("err.bant.confirmed-amount", "a confirmed budget needs an amount; or say there is no budget")
		}
		if b.Budget.Currency == "" {
			b.Budget.Currency = "EUR"
		}
	}
	b.AuthorityRole = trimmed(b.AuthorityRole)
	b.Need = trimmed(b.Need)
	b.Timeline = trimmed(b.Timeline)
	switch {
	case b.Timeline == "":
		b.TimelineDate = time.Time{}
	case b.Timeline == l.BANT.Timeline && !l.BANT.TimelineDate.IsZero():
		// The text is the answer and its day follows from it: unchanged
		// text keeps the stored day, wherever the form worked it out.
		b.TimelineDate = l.BANT.TimelineDate
	default:
		// A form may carry the old day beside newly typed text, so typed
		// text is always read again.
		text, first, err := ParseTimeline(b.Timeline, now)
		switch {
		case err == nil:
			b.Timeline, b.TimelineDate = text, first
		case b.Timeline != l.BANT.Timeline:
			return err
		}
		// Unchanged text that is no date (from an import) stays as it was.
	}
	changes := bantChanges(l.BANT, b)
	if len(changes) == 0 {
		return nil
	}
	b.Updated = now
	l.BANT = b
	l.record(Event{Kind: EventBANTChanged, At: now, By: by, Changes: changes})
	return nil
}

// BANTFields are the names bantChanges uses, in BANT order.
var BANTFields = []string{"budget_status", "budget", "authority", "authority_role", "need", "urgency", "timeline", "rep_estimate"}

// bantChanges lists the answers that differ, in their machine form.
func bantChanges(old, b BANT) []FieldChange {
	var c changeList
	c.add("budget_status", old.BudgetStatus.String(), b.BudgetStatus.String())
	c.add("budget", old.Budget.String(), b.Budget.String())
	c.add("authority", old.Authority.String(), b.Authority.String())
	c.add("authority_role", old.AuthorityRole, b.AuthorityRole)
	c.add("need", old.Need, b.Need)
	c.add("urgency", old.Urgency.String(), b.Urgency.String())
	if old.Timeline != b.Timeline || !old.TimelineDate.Equal(b.TimelineDate) {
		c = append(c, FieldChange{Field: "timeline", Old: old.Timeline, New: b.Timeline})
	}
	c.add("rep_estimate", estimateText(old.RepEstimate), estimateText(b.RepEstimate))
	return c
}

func estimateText(e int) string {
	if e < 0 {
		return ""
	}
	return strconv.Itoa(e)
}

// Probability is the purchase probability in percent computed from the
// answers; the rep's own estimate (RepEstimate) is kept beside it. The
// model adds up what each answer says, starting from 5 once anything is
// answered:
//
//	budget       confirmed +20, estimated +10, no budget 0
//	authority    decision maker +20, influencer +10, user or gatekeeper +5
//	need         urgency high +15, medium +10, low or unknown +5
//	timeline     starting within 3 months of now (or already begun) +20,
//	             within 12 months +10, later or without a date +5
//
// so all four best answers make 80; the result is capped at 95, since no
// answer makes a purchase certain. Nothing answered is 0.
func (b BANT) Probability(now time.Time) int {
	if b.Answered() == 0 {
		return 0
	}
	p := 5
	switch b.BudgetStatus {
	case BudgetConfirmed:
		p += 20
	case BudgetEstimated:
		p += 10
	}
	switch b.Authority {
	case AuthorityDecisionMaker:
		p += 20
	case AuthorityInfluencer:
		p += 10
	case AuthorityUser, AuthorityGatekeeper:
		p += 5
	}
	if b.HasNeed() {
		switch b.Urgency {
		case UrgencyHigh:
			p += 15
		case UrgencyMedium:
			p += 10
		default:
			p += 5
		}
	}
	if b.HasTimeline() {
		switch {
		case b.TimelineDate.IsZero():
			p += 5
		case !b.TimelineDate.After(now.AddDate(0, 3, 0)):
			p += 20
		case !b.TimelineDate.After(now.AddDate(1, 0, 0)):
			p += 10
		default:
			p += 5
		}
	}
	return min(p, 95)
}

// Move moves the lead to another stage when the lifecycle allows it (see
// CheckMove) and records the move with its reason.
func (l *Lead) Move(to Stage, reason string, now time.Time, by string) error {
	if err := CheckMove(l.Stage, to, reason); err != nil {
		return err
	}
	l.record(Event{Kind: EventStageMoved, At: now, By: by, Stage: &StageMove{From: l.Stage, To: to, Reason: trimmed(reason)}})
	l.Stage = to
	return nil
}

// checkNote trims a note and says why it cannot be kept.
func checkNote(n Note) (Note, error) {
	n.Text = trimmed(n.Text)
	n.URL = trimmed(n.URL)
	if n.Text == "" {
		return n, Problemf("err.note.empty", "a note needs text")
	}
	if n.URL != "" {
		if err := ValidateURL(n.URL); err != nil {
			return n, err
		}
	}
	return n, nil
}

// AddNote adds an enrichment note: its text is required, its source link
// must be a web address when given.
func (l *Lead) AddNote(n Note, now time.Time, by string) error {
	n, err := checkNote(n)
	if err != nil {
		return err
	}
	n.Created, n.Updated = now, time.Time{}
	l.Notes = append(l.Notes, n)
	l.record(Event{Kind: EventNoteAdded, At: now, By: by, Note: &NoteChange{New: noteText(n)}})
	return nil
}

// EditNote replaces note i, keeping when it was first written. An edit
// that changes nothing is no edit.
func (l *Lead) EditNote(i int, n Note, now time.Time, by string) error {
	if i < 0 || i >= len(l.Notes) {
		return Problemf("err.note.none", "there is no note %d", i+1)
	}
	n, err := checkNote(n)
	if err != nil {
		return err
	}
	old := l.Notes[i]
	if *noteText(old) == *noteText(n) {
		return ErrNothingChanged
	}
	n.Created, n.Updated = old.Created, now
	notes := append([]Note(nil), l.Notes...)
	notes[i] = n
	l.Notes = notes
	l.record(Event{Kind: EventNoteEdited, At: now, By: by, Note: &NoteChange{Old: noteText(old), New: noteText(n)}})
	return nil
}

// DeleteNote removes note i; the history keeps what it said.
func (l *Lead) DeleteNote(i int, now time.Time, by string) error {
	if i < 0 || i >= len(l.Notes) {
		return Problemf("err.note.none", "there is no note %d", i+1)
	}
	old := l.Notes[i]
	l.Notes = append(l.Notes[:i:i], l.Notes[i+1:]...)
	if len(l.Notes) == 0 {
		l.Notes = nil
	}
	l.record(Event{Kind: EventNoteDeleted, At: now, By: by, Note: &NoteChange{Old: noteText(old)}})
	return nil
}

// SetConsent records the marketing consent, where it came from and when.
// An opt-in or a withdrawal needs a date, now when none is given; a date in
// the future is refused. Saving the same consent changes nothing.
func (l *Lead) SetConsent(c Consent, now time.Time, by string) error {
	if int(c.Status) >= len(consentNames) {
		return Problemf("err.consent.unknown", "unknown consent status %d", int(c.Status))
	}
	c.Source = trimmed(c.Source)
	if c.Status != ConsentNone && c.Date.IsZero() {
		c.Date = now
	}
	if c.Date.After(now) {
		return Problemf("err.consent.future", "the consent date %s is in the future", Day(c.Date.In(now.Location())))
	}
	old := l.Consent
	if old.Status == c.Status && old.Source == c.Source && old.Date.Equal(c.Date) {
		return nil
	}
	l.Consent = c
	l.record(Event{Kind: EventConsentChanged, At: now, By: by, Consent: &ConsentChange{From: old, To: c}})
	return nil
}

// handedOff reports whether sales has taken the lead over, after which
// marketing stops touching it.
func (s Stage) handedOff() bool {
	switch s {
	case StageSAL, StageSQL, StageOpportunity, StageCustomer:
		return true
	}
	return false
}

// CheckTouch says whether a touch of this kind may go out now. Marketing
// touches need consent and stop after the hand-off to sales (an error);
// a second marketing touch in the same cadence window (CadenceDay: the
// same calendar day, CadenceWeek: the same ISO week, both in now's
// location; empty means CadenceDay) is a question to confirm. A rep's own
// contact (call, email, meeting, letter) is always fine.
func (l *Lead) CheckTouch(kind ActivityKind, window string, now time.Time) (warning string, err error) {
	question, err := l.checkTouch(kind, window, now)
	if question == nil || err != nil {
		return "", err
	}
	return question.Error(), nil
}

// checkTouch is CheckTouch with the question as a Problem, for a catalog
// to word.
func (l *Lead) checkTouch(kind ActivityKind, window string, now time.Time) (question *Problem, err error) {
	if !kind.IsMarketing() {
		return nil, nil
	}
	if window == "" {
		window = CadenceDay
	}
	if window != CadenceDay && window != CadenceWeek {
		return nil, Problemf("err.touch.cadence", "unknown cadence window %q (want %q or %q)", window, CadenceDay, CadenceWeek)
	}
	loc := now.Location()
	switch l.Consent.Status {
	case ConsentOptIn, ConsentDoubleOptIn:
	case ConsentWithdrawn:
		if l.Consent.Date.IsZero() {
			return nil, Problemf("err.touch.withdrawn", "no marketing without consent: %s withdrew consent", l.who())
		}
		return nil, Problemf("err.touch.withdrawn-on", "no marketing without consent: %s withdrew consent on %s", l.who(), Day(l.Consent.Date.In(loc)))
	default:
		return nil, Problemf("err.touch.no-consent", "no marketing without consent: %s has not opted in", l.who())
	}
	if l.Stage.handedOff() {
		return nil, Problemf("err.touch.handed-off", "marketing stops after the hand-off to sales: %s is at %s", l.who(), l.Stage)
	}
	var last time.Time
	var lastKind ActivityKind
	l.touches(func(at time.Time, t *Touch) {
		if t.Kind.IsMarketing() && sameWindow(at.In(loc), now, window) && at.After(last) {
			last, lastKind = at, t.Kind
		}
	})
	if last.IsZero() {
		return nil, nil
	}
	at := last.In(loc)
	switch {
	case window == CadenceWeek && lastKind == kind:
		return Problemf("err.touch.again-week", "%s already had %s this week (%s): send another?", l.who(), touchWithArticle(lastKind), WeekdayTime(at)), nil
	case window == CadenceWeek:
		return Problemf("err.touch.also-week", "%s already had %s this week (%s): send %s too?", l.who(), touchWithArticle(lastKind), WeekdayTime(at), touchWithArticle(kind)), nil
	case lastKind == kind:
		return Problemf("err.touch.again-today", "%s already had %s today (%s): send another?", l.who(), touchWithArticle(lastKind), at.Format("15:04")), nil
	}
	return Problemf("err.touch.also-today", "%s already had %s today (%s): send %s too?", l.who(), touchWithArticle(lastKind), at.Format("15:04"), touchWithArticle(kind)), nil
}

// touchWithArticle is a marketing touch with its article, "a newsletter",
// as a message names it.
func touchWithArticle(k ActivityKind) any {
	switch k {
	case KindNewsletter:
		return Problemf("err.touch.a-newsletter", "a newsletter")
	case KindMailing:
		return Problemf("err.touch.a-mailing", "a campaign mail")
	}
	return withArticle(k)
}

func sameWindow(a, now time.Time, window string) bool {
	if window == CadenceWeek {
		ay, aw := a.ISOWeek()
		ny, nw := now.ISOWeek()
		return ay == ny && aw == nw
	}
	ay, am, ad := a.Date()
	ny, nm, nd := now.Date()
	return ay == ny && am == nm && ad == nd
}

// withArticle is "a newsletter", "an email".
func withArticle(k ActivityKind) string {
	w := strings.ToLower(k.Label())
	if strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

// LogTouch records a touch other than a call (LogCall). Marketing touches
// pass CheckTouch first: its error refuses the touch, and its question
// refuses it with an error wrapping ErrNeedsConfirmation until confirmed
// is true.
func (l *Lead) LogTouch(kind ActivityKind, note string, confirmed bool, window string, now time.Time, by string) error {
	switch {
	case kind == KindUnknown || kind >= numActivityKinds:
		return Problemf("err.touch.unknown", "unknown activity kind %d", int(kind))
	case kind == KindCall:
		return Problemf("err.touch.call", "log a call with its outcome")
	}
	question, err := l.checkTouch(kind, window, now)
	if err != nil {
		return err
	}
	if question != nil && !confirmed {
		return confirmError{question}
	}
	l.record(Event{Kind: EventTouch, At: now, By: by, Touch: &Touch{Kind: kind, Note: trimmed(note)}})
	l.touchedAgain(now, by)
	return nil
}

// LogRemark records a free remark in the history, e.g. what the
// switchboard said.
func (l *Lead) LogRemark(text string, now time.Time, by string) error {
	text = trimmed(text)
	if text == "" {
		return Problemf("err.remark.empty", "a remark needs text")
	}
	l.record(Event{Kind: EventRemark, At: now, By: by, Text: text})
	return nil
}

// EditContact changes the lead's contact and company fields: edit works on
// a copy, which must pass Validate; the fields that differ are recorded.
// An edit that changes nothing returns ErrNothingChanged.
func (l *Lead) EditContact(edit func(c *Lead) error, now time.Time, by string) error {
	c := *l
	c.Custom = cloneMap(l.Custom)
	if err := edit(&c); err != nil {
		return err
	}
	if errs := c.Validate(); len(errs) > 0 {
		return errs[0]
	}
	changes := ContactChanges(l, &c)
	if len(changes) == 0 {
		return ErrNothingChanged
	}
	if err := SetContactFields(l, changes); err != nil {
		return err
	}
	l.record(Event{Kind: EventContactEdited, At: now, By: by, Changes: changes})
	return nil
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// EditPlan applies edit to the opportunity plan (started from the lead on
// its first edit) and records what it changed.
func (l *Lead) EditPlan(what PlanChange, edit func(p *OpportunityPlan) error, now time.Time, by string) error {
	return l.EditPlanStarting(NewPlanFromLead, what, edit, now, by)
}

// EditPlanStarting is EditPlan with the plan a first edit starts from
// made by start: the screens word its budget in the rep's language.
func (l *Lead) EditPlanStarting(start func(*Lead) *OpportunityPlan, what PlanChange, edit func(p *OpportunityPlan) error, now time.Time, by string) error {
	p := l.Plan
	started := p == nil
	if started {
		p = start(l)
	} else {
		cp := *p
		p = &cp
	}
	if err := edit(p); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.Updated = now
	l.Plan = p
	if started {
		l.record(Event{Kind: EventPlanChanged, At: now, By: by, Plan: &PlanChange{Action: PlanStarted}})
	}
	l.record(Event{Kind: EventPlanChanged, At: now, By: by, Plan: &what})
	return nil
}

// SetFollowUp sets, moves or clears (a zero at) the nurture follow-up.
func (l *Lead) SetFollowUp(at time.Time, now time.Time, by string) error {
	if !at.IsZero() && !at.After(now) {
		return Problemf("err.followup.past", "the follow-up at %s is not in the future", at.In(now.Location()))
	}
	if at.Equal(l.NextTouch) {
		return ErrNothingChanged
	}
	l.record(Event{Kind: EventFollowUpSet, At: now, By: by, Schedule: &ScheduleChange{Old: l.NextTouch, New: at}})
	l.NextTouch = at
	return nil
}

// MoveCallback moves the pending callback to at, keeping its note; the
// history says from when to when.
func (l *Lead) MoveCallback(at time.Time, now time.Time, by string) error {
	if l.Callback == nil {
		return Problemf("err.callback.none", "there is no callback to move")
	}
	if !at.After(now) {
		return Problemf("err.callback.past", "the callback at %s is not in the future", at.In(now.Location()))
	}
	if at.Equal(l.Callback.At) {
		return ErrNothingChanged
	}
	l.record(Event{Kind: EventCallbackChanged, At: now, By: by, Schedule: &ScheduleChange{Old: l.Callback.At, New: at}})
	l.Callback = &Callback{At: at, Note: l.Callback.Note}
	return nil
}
