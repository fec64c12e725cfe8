// Package domain holds leadq's pure model: leads, the lifecycle, BANT,
// activities, scoring and configuration. It does no I/O.
package domain

import (
	"sort"
	"strings"
	"time"
)

// Lead is one person at one company that sales may turn into a customer.
type Lead struct {
	ID uint64 `json:"id"`

	Name   string `json:"name"`
	Title  string `json:"title,omitempty"` // role or job title, e.g. "Geschäftsführer"
	Email  string `json:"email,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Mobile string `json:"mobile,omitempty"`

	Company Company `json:"company"`

	Source  string    `json:"source,omitempty"` // channel of the first touchpoint
	Owner   string    `json:"owner,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	ExternalIDs map[string]string `json:"external_ids,omitempty"`
	Custom      map[string]string `json:"custom,omitempty"`

	Stage        Stage       `json:"stage"`
	StageHistory []StageMove `json:"stage_history,omitempty"`
	Fit          Fit         `json:"fit"`
	FitReason    string      `json:"fit_reason,omitempty"`
	Consent      Consent     `json:"consent"`
	BANT         BANT        `json:"bant"`
	Notes        []Note      `json:"notes,omitempty"`
	Callback     *Callback   `json:"callback,omitempty"`
	NextTouch    time.Time   `json:"next_touch,omitzero"`

	// Activities is the lead's history in time order, oldest first.
	Activities []Activity `json:"activities,omitempty"`

	Plan *OpportunityPlan `json:"plan,omitempty"`

	// Score is the lead's score as of its last write; the store keeps it
	// current whenever the lead or the scoring model changes.
	Score ScoreResult `json:"score"`
}

// Company is the organisation a lead works for.
type Company struct {
	Name          string `json:"name"`
	Website       string `json:"website,omitempty"`
	Industry      string `json:"industry,omitempty"`
	Employees     int    `json:"employees,omitempty"`
	AnnualRevenue int64  `json:"annual_revenue,omitempty"` // in EUR
	Country       string `json:"country,omitempty"`        // ISO 3166 alpha-2, e.g. "DE"
	PostalCode    string `json:"postal_code,omitempty"`
	City          string `json:"city,omitempty"`
}

// Callback is a promised call back at a time.
type Callback struct {
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"`
}

// LastTouch is the time of the newest activity, or the creation time when
// nobody has touched the lead yet; the queue measures waiting from it.
func (l *Lead) LastTouch() time.Time {
	t := l.Created
	for i := range l.Activities {
		if l.Activities[i].At.After(t) && l.Activities[i].Kind.IsTouch() {
			t = l.Activities[i].At
		}
	}
	return t
}

// InQueue reports whether the lead belongs in the working queue: leads
// without a fit, disqualified leads and customers have left it.
func (l *Lead) InQueue() bool {
	if l.Fit == FitNone {
		return false
	}
	switch l.Stage {
	case StageDisqualified, StageCustomer:
		return false
	}
	return true
}

// SearchText is the lower-cased text the quick search matches against.
func (l *Lead) SearchText() string {
	return strings.ToLower(strings.Join([]string{
		l.Name, l.Company.Name, l.Email, l.Company.City, digitsOnly(l.Phone), digitsOnly(l.Mobile),
	}, "\x00"))
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Due is something on a lead whose time will come: a callback, a nurture
// follow-up or a plan milestone.
type Due struct {
	At   time.Time `json:"at"`
	What string    `json:"what"` // "callback", "follow-up", "milestone"
	Note string    `json:"note,omitempty"`
}

// DueItems lists everything on the lead that will fall due, in time order.
func (l *Lead) DueItems() []Due {
	var out []Due
	if l.Callback != nil && !l.Callback.At.IsZero() {
		out = append(out, Due{At: l.Callback.At, What: "callback", Note: l.Callback.Note})
	}
	if !l.NextTouch.IsZero() {
		out = append(out, Due{At: l.NextTouch, What: "follow-up"})
	}
	if l.Plan != nil {
		for _, m := range l.Plan.Milestones {
			if !m.Done && !m.Due.IsZero() {
				out = append(out, Due{At: m.Due, What: "milestone", Note: m.Name})
			}
		}
	}
	sortDue(out)
	return out
}

func sortDue(d []Due) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j].At.Before(d[j-1].At); j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// IsInbound reports whether the lead did it: a hand raised that a rep
// should answer, as opposed to our own touches.
func (k ActivityKind) IsInbound() bool {
	switch k {
	case KindWebVisit, KindBlogRead, KindDownload, KindWebinar, KindDemoRequest, KindQuoteRequest:
		return true
	}
	return false
}

// isResponse reports whether we reached out: a call (also one nobody
// answered), an email or a meeting.
func (k ActivityKind) isResponse() bool {
	return k == KindCall || k == KindEmail || k == KindMeeting
}

// AwaitingSince is when the lead began to wait for us: when it came in, or
// its first inbound activity after our last call, email or meeting. ok is
// false when nothing awaits an answer. Activities are in time order.
func (l *Lead) AwaitingSince() (since time.Time, ok bool) {
	since, ok = l.Created, true
	for i := range l.Activities {
		a := &l.Activities[i]
		switch {
		case a.Kind.isResponse() && !a.At.Before(since):
			ok = false
		case a.Kind.IsInbound() && !ok:
			since, ok = a.At, true
		}
	}
	return since, ok
}

// Event is one entry of a lead's history: an activity or a stage move.
type Event struct {
	At       time.Time
	Activity *Activity  // nil for a stage move
	Move     *StageMove // nil for an activity
}

// History merges the activities and the stage moves, newest first. The
// activity a stage move also records is left out: the move itself says it,
// with from, to and reason.
func (l *Lead) History() []Event {
	ev := make([]Event, 0, len(l.Activities)+len(l.StageHistory))
	for i := range l.Activities {
		if a := &l.Activities[i]; a.Kind != KindStageChange {
			ev = append(ev, Event{At: a.At, Activity: a})
		}
	}
	for i := range l.StageHistory {
		m := &l.StageHistory[i]
		ev = append(ev, Event{At: m.At, Move: m})
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].At.After(ev[j].At) })
	return ev
}
