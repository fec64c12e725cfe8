package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// This file holds the operations of working a lead. Each is one form's
// save: it checks everything first and either changes the lead and records
// the history entry, or returns an error and changes nothing.

// ErrNeedsConfirmation is wrapped by LogTouch when the cadence says the
// lead was already touched in this window; the error's text is the
// question to ask, and the caller asks it and logs again confirmed.
var ErrNeedsConfirmation = errors.New("needs confirmation")

type confirmError struct{ question string }

func (e confirmError) Error() string { return e.question }
func (e confirmError) Unwrap() error { return ErrNeedsConfirmation }

// who names the lead in messages.
func (l *Lead) who() string {
	if n := strings.TrimSpace(l.Name); n != "" {
		return n
	}
	return "this lead"
}

func (l *Lead) record(a Activity) {
	l.Activities = append(l.Activities, a)
	l.Updated = a.At
}

// LogCall records a call and its outcome. OutcomeCallback needs a callback
// time in the future and sets the lead's callback (with the note); callback
// is ignored with any other outcome. Any other outcome also settles a
// callback that has fallen due, since this call was it. A wrong number adds
// a note to check the numbers.
func (l *Lead) LogCall(outcome CallOutcome, note string, callback time.Time, now time.Time, by string) error {
	if outcome == OutcomeNone || int(outcome) >= len(outcomeNames) {
		return errors.New("say how the call went: reached, no answer, busy, wrong number or callback")
	}
	note = strings.TrimSpace(note)
	a := Activity{Kind: KindCall, At: now, Outcome: outcome, Note: note, By: by}
	if outcome == OutcomeCallback {
		if callback.IsZero() {
			return errors.New("a callback needs a time")
		}
		if !callback.After(now) {
			return fmt.Errorf("the callback at %s is not in the future", formatDateTime(callback.In(now.Location())))
		}
		a.Note = "callback " + formatDateTime(callback.In(now.Location()))
		if note != "" {
			a.Note += ": " + note
		}
		l.Callback = &Callback{At: callback, Note: note}
		l.record(a)
		return nil
	}
	if l.Callback != nil && !l.Callback.At.After(now) {
		l.Callback = nil
	}
	l.record(a)
	if outcome == OutcomeWrongNumber {
		var nums []string
		if l.Phone != "" {
			nums = append(nums, "phone "+l.Phone)
		}
		if l.Mobile != "" {
			nums = append(nums, "mobile "+l.Mobile)
		}
		msg := "wrong number: check the phone numbers"
		if len(nums) > 0 {
			msg += " (" + strings.Join(nums, ", ") + ")"
		}
		l.record(Activity{Kind: KindNote, At: now, Note: msg, By: by})
	}
	return nil
}

// SetFit records the rep's verdict on the fit. No fit needs a reason and
// disqualifies the lead (unless it already is); when the lead may not be
// disqualified from its stage, nothing changes. Rating a disqualified lead
// a fit again does not requalify it: that is a move with its own reason.
func (l *Lead) SetFit(fit Fit, reason string, now time.Time, by string) error {
	if int(fit) >= len(fitNames) {
		return fmt.Errorf("unknown fit %d", fit)
	}
	reason = strings.TrimSpace(reason)
	if fit == l.Fit && reason == l.FitReason {
		return fmt.Errorf("%s is already rated %s", l.who(), fit.Label())
	}
	disqualify := fit == FitNone && l.Stage != StageDisqualified
	if fit == FitNone {
		if reason == "" {
			return fmt.Errorf("rating %s no fit: %w", l.who(), ErrReasonRequired)
		}
		if disqualify {
			if err := CheckMove(l.Stage, StageDisqualified, reason); err != nil {
				return fmt.Errorf("%s cannot be rated no fit: %w", l.who(), err)
			}
		}
	}
	note := l.Fit.Label() + " → " + fit.Label()
	if reason != "" {
		note += ": " + reason
	}
	l.Fit, l.FitReason = fit, reason
	l.record(Activity{Kind: KindFitChange, At: now, Note: note, By: by})
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
	if b.BudgetAmount < 0 {
		return errors.New("the budget cannot be below zero")
	}
	if int(b.Authority) >= len(authorityNames) {
		return fmt.Errorf("unknown authority %d", b.Authority)
	}
	if int(b.Urgency) >= len(urgencyNames) {
		return fmt.Errorf("unknown urgency %d", b.Urgency)
	}
	if b.RepEstimate < -1 || b.RepEstimate > 100 {
		return fmt.Errorf("the estimate %d%% is not a percentage from 0 to 100", b.RepEstimate)
	}
	b.BudgetCurrency = strings.ToUpper(strings.TrimSpace(b.BudgetCurrency))
	if b.BudgetAmount == 0 {
		b.BudgetCurrency, b.BudgetConfirmed = "", false
	} else if b.BudgetCurrency == "" {
		b.BudgetCurrency = "EUR"
	}
	b.AuthorityRole = strings.TrimSpace(b.AuthorityRole)
	b.Need = strings.TrimSpace(b.Need)
	b.Timeline = strings.TrimSpace(b.Timeline)
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
	l.record(Activity{Kind: KindBANTUpdate, At: now, Note: strings.Join(changes, ", "), By: by})
	return nil
}

// bantChanges names what differs between two sets of answers, in BANT order.
func bantChanges(old, b BANT) []string {
	var out []string
	if old.BudgetAmount != b.BudgetAmount || old.BudgetCurrency != b.BudgetCurrency || old.BudgetConfirmed != b.BudgetConfirmed {
		if b.BudgetAmount == 0 {
			out = append(out, "budget removed")
		} else {
			how := "estimated"
			if b.BudgetConfirmed {
				how = "confirmed"
			}
			out = append(out, fmt.Sprintf("budget %s %s (%s)", FormatAmount(b.BudgetAmount), b.BudgetCurrency, how))
		}
	}
	if old.Authority != b.Authority || old.AuthorityRole != b.AuthorityRole {
		s := "authority " + b.Authority.Label()
		if b.AuthorityRole != "" {
			s += " (" + b.AuthorityRole + ")"
		}
		out = append(out, s)
	}
	if old.Need != b.Need || old.Urgency != b.Urgency {
		switch {
		case b.Need == "" && b.Urgency == UrgencyUnknown:
			out = append(out, "need removed")
		case b.Need == "":
			out = append(out, "urgency "+b.Urgency.String())
		case b.Urgency == UrgencyUnknown:
			out = append(out, "need "+b.Need)
		default:
			out = append(out, fmt.Sprintf("need %s (urgency %s)", b.Need, b.Urgency))
		}
	}
	if old.Timeline != b.Timeline || !old.TimelineDate.Equal(b.TimelineDate) {
		if b.Timeline == "" {
			out = append(out, "timeline removed")
		} else {
			out = append(out, "timeline "+b.Timeline)
		}
	}
	if old.RepEstimate != b.RepEstimate {
		if b.RepEstimate < 0 {
			out = append(out, "rep's estimate removed")
		} else {
			out = append(out, fmt.Sprintf("rep's estimate %d%%", b.RepEstimate))
		}
	}
	return out
}

// Probability is the purchase probability in percent computed from the
// answers; the rep's own estimate (RepEstimate) is kept beside it. The
// model adds up what each answer says, starting from 5 once anything is
// answered:
//
//	budget       confirmed +20, estimated +10
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
	if b.HasBudget() {
		if b.BudgetConfirmed {
			p += 20
		} else {
			p += 10
		}
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

// Move moves the lead to another stage (see MoveTo) and records the move
// in the activity history too, where the rep reads it beside the calls.
func (l *Lead) Move(to Stage, reason string, now time.Time, by string) error {
	from := l.Stage
	if err := l.MoveTo(to, reason, by, now); err != nil {
		return err
	}
	note := from.Label() + " → " + to.Label()
	if r := strings.TrimSpace(reason); r != "" {
		note += ": " + r
	}
	l.record(Activity{Kind: KindStageChange, At: now, Note: note, By: by})
	return nil
}

// checkNote trims a note and says why it cannot be kept.
func checkNote(n Note) (Note, error) {
	n.Text = strings.TrimSpace(n.Text)
	n.URL = strings.TrimSpace(n.URL)
	if n.Text == "" {
		return n, errors.New("a note needs text")
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
func (l *Lead) AddNote(n Note, now time.Time) error {
	n, err := checkNote(n)
	if err != nil {
		return err
	}
	n.Created, n.Updated = now, time.Time{}
	l.Notes = append(l.Notes, n)
	l.Updated = now
	return nil
}

// EditNote replaces note i, keeping when it was first written.
func (l *Lead) EditNote(i int, n Note, now time.Time) error {
	if i < 0 || i >= len(l.Notes) {
		return fmt.Errorf("there is no note %d", i+1)
	}
	n, err := checkNote(n)
	if err != nil {
		return err
	}
	n.Created, n.Updated = l.Notes[i].Created, now
	notes := append([]Note(nil), l.Notes...)
	notes[i] = n
	l.Notes = notes
	l.Updated = now
	return nil
}

// DeleteNote removes note i. It takes no time, so it leaves Updated to the
// caller.
func (l *Lead) DeleteNote(i int) error {
	if i < 0 || i >= len(l.Notes) {
		return fmt.Errorf("there is no note %d", i+1)
	}
	l.Notes = append(l.Notes[:i:i], l.Notes[i+1:]...)
	if len(l.Notes) == 0 {
		l.Notes = nil
	}
	return nil
}

// SetConsent records the marketing consent, where it came from and when.
// An opt-in or a withdrawal needs a date, now when none is given; a date in
// the future is refused. Saving the same consent changes nothing.
func (l *Lead) SetConsent(c Consent, now time.Time, by string) error {
	if int(c.Status) >= len(consentNames) {
		return fmt.Errorf("unknown consent status %d", c.Status)
	}
	c.Source = strings.TrimSpace(c.Source)
	if c.Status != ConsentNone && c.Date.IsZero() {
		c.Date = now
	}
	if c.Date.After(now) {
		return fmt.Errorf("the consent date %s is in the future", formatDate(c.Date.In(now.Location())))
	}
	old := l.Consent
	if old.Status == c.Status && old.Source == c.Source && old.Date.Equal(c.Date) {
		return nil
	}
	note := "consent " + old.Status.Label() + " → " + c.Status.Label()
	var detail []string
	if c.Source != "" {
		detail = append(detail, c.Source)
	}
	if !c.Date.IsZero() {
		detail = append(detail, formatDate(c.Date.In(now.Location())))
	}
	if len(detail) > 0 {
		note += " (" + strings.Join(detail, ", ") + ")"
	}
	l.Consent = c
	l.record(Activity{Kind: KindNote, At: now, Note: note, By: by})
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
// location; empty means CadenceDay) is a question to confirm. Other kinds
// are always fine.
func (l *Lead) CheckTouch(kind ActivityKind, window string, now time.Time) (warning string, err error) {
	if !kind.IsMarketing() {
		return "", nil
	}
	if window == "" {
		window = CadenceDay
	}
	if window != CadenceDay && window != CadenceWeek {
		return "", fmt.Errorf("unknown cadence window %q (want %q or %q)", window, CadenceDay, CadenceWeek)
	}
	loc := now.Location()
	switch l.Consent.Status {
	case ConsentOptIn, ConsentDoubleOptIn:
	case ConsentWithdrawn:
		if l.Consent.Date.IsZero() {
			return "", fmt.Errorf("no marketing without consent: %s withdrew consent", l.who())
		}
		return "", fmt.Errorf("no marketing without consent: %s withdrew consent on %s", l.who(), formatDate(l.Consent.Date.In(loc)))
	default:
		return "", fmt.Errorf("no marketing without consent: %s has not opted in", l.who())
	}
	if l.Stage.handedOff() {
		return "", fmt.Errorf("marketing stops after the hand-off to sales: %s is at %s", l.who(), l.Stage.Label())
	}
	var last *Activity
	for i := range l.Activities {
		a := &l.Activities[i]
		if a.Kind.IsMarketing() && sameWindow(a.At.In(loc), now, window) && (last == nil || a.At.After(last.At)) {
			last = a
		}
	}
	if last == nil {
		return "", nil
	}
	at := last.At.In(loc)
	when := "today (" + at.Format("15:04") + ")"
	if window == CadenceWeek {
		when = "this week (" + at.Format("Mon 02.01. 15:04") + ")"
	}
	ask := "send another?"
	if last.Kind != kind {
		ask = "send " + withArticle(kind) + " too?"
	}
	return fmt.Sprintf("%s already had %s %s: %s", l.who(), withArticle(last.Kind), when, ask), nil
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

// LogTouch records a touch other than a call (LogCall) or a bookkeeping
// entry (Move, SetFit, SaveBANT). Marketing touches pass CheckTouch first:
// its error refuses the touch, and its question refuses it with an error
// wrapping ErrNeedsConfirmation until confirmed is true.
func (l *Lead) LogTouch(kind ActivityKind, note string, confirmed bool, window string, now time.Time, by string) error {
	switch {
	case int(kind) >= len(kindNames):
		return fmt.Errorf("unknown activity kind %d", kind)
	case kind == KindCall:
		return errors.New("log a call with its outcome")
	case kind == KindStageChange, kind == KindFitChange, kind == KindBANTUpdate:
		return fmt.Errorf("a %s is recorded by the change itself, not logged as a touch", strings.ToLower(kind.Label()))
	}
	warning, err := l.CheckTouch(kind, window, now)
	if err != nil {
		return err
	}
	if warning != "" && !confirmed {
		return confirmError{warning}
	}
	l.record(Activity{Kind: kind, At: now, Note: strings.TrimSpace(note), By: by})
	return nil
}
