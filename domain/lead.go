// Package domain holds leadq's pure model: leads, the lifecycle, BANT,
// activities, scoring and configuration. It does no I/O.
package domain

import (
	"strings"
	"time"
)

// Lead is one person at one company that sales may turn into a customer.
type Lead struct {
	ID uint64 `json:"id"`

	Salutation string `json:"salutation,omitempty"` // "Frau", "Herr", "Dr.", as the lead is addressed
	FirstName  string `json:"first_name,omitempty"`
	LastName   string `json:"last_name,omitempty"`
	Name       string `json:"name"`            // the display name
	Title      string `json:"title,omitempty"` // role or job title, e.g. "Geschäftsführer"
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	Mobile     string `json:"mobile"`
	// PhoneE164 and MobileE164 are the numbers in international form, as
	// the store read them when they were written (with the lead's country,
	// else the default country then), for duplicates and search.
	PhoneE164  string `json:"-"`
	MobileE164 string `json:"-"`

	Company Company `json:"company"`

	Source  string    `json:"source"` // channel of the first touchpoint
	Owner   string    `json:"owner"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	ExternalIDs map[string]string `json:"external_ids,omitempty"` // per source system: "salesforce" → its lead id
	Custom      map[string]string `json:"custom,omitempty"`       // imported columns and the rep's own fields, by normalised key

	Stage     Stage     `json:"stage"`
	Fit       Fit       `json:"fit"`
	FitReason string    `json:"fit_reason,omitempty"`
	Consent   Consent   `json:"consent"`
	BANT      BANT      `json:"bant"`
	Notes     []Note    `json:"notes,omitempty"`
	Callback  *Callback `json:"callback,omitempty"`
	NextTouch time.Time `json:"next_touch,omitzero"`

	// History is every event of the lead in time order, oldest first.
	History []Event `json:"history"`

	Plan *OpportunityPlan `json:"plan,omitempty"`

	// Score is the lead's score as of Score.At. The store keeps its total
	// and tier current whenever the lead or the scoring model changes; the
	// explanation (parts and rules) is worked out again when it is read.
	Score ScoreResult `json:"-"`
}

// Company is the organisation a lead works for.
type Company struct {
	Name          string `json:"name"`
	Website       string `json:"website,omitempty"`
	Industry      string `json:"industry,omitempty"`
	Employees     int    `json:"employees,omitempty"`
	AnnualRevenue int64  `json:"annual_revenue,omitempty"` // in EUR
	Country       string `json:"country,omitempty"`        // ISO 3166 alpha-2, e.g. "DE"
	Street        string `json:"street,omitempty"`
	PostalCode    string `json:"postal_code,omitempty"`
	City          string `json:"city,omitempty"`
}

// Callback is a promised call back at a time.
type Callback struct {
	At   time.Time `json:"at"`
	Note string    `json:"note,omitempty"`
}

// LastTouch is the time of the newest touch, or the creation time when
// nobody has touched the lead yet; the queue measures waiting from it.
func (l *Lead) LastTouch() time.Time {
	t := l.Created
	l.touches(func(at time.Time, _ *Touch) {
		if at.After(t) {
			t = at
		}
	})
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

// DueKind is what falls due. The numbers are stored in the due index.
type DueKind uint8

const (
	DueCallback  DueKind = iota + 1 // a promised callback
	DueFollowUp                     // the nurture follow-up (next touch)
	DueMilestone                    // a milestone of the opportunity plan
)

var dueKindNames = [...]string{"", "callback", "follow-up", "milestone"}

func (k DueKind) String() string {
	if int(k) < len(dueKindNames) {
		return dueKindNames[k]
	}
	return "due"
}

func (k DueKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Due is something on a lead whose time will come: a callback, a nurture
// follow-up or a plan milestone.
type Due struct {
	At   time.Time
	What DueKind
	Note string
}

// DueItems lists everything on the lead that will fall due, in time order.
func (l *Lead) DueItems() []Due {
	var out []Due
	if l.Callback != nil && !l.Callback.At.IsZero() {
		out = append(out, Due{At: l.Callback.At, What: DueCallback, Note: l.Callback.Note})
	}
	if !l.NextTouch.IsZero() {
		out = append(out, Due{At: l.NextTouch, What: DueFollowUp})
	}
	if l.Plan != nil {
		for _, m := range l.Plan.Milestones {
			if !m.Done && !m.Due.IsZero() {
				out = append(out, Due{At: m.Due, What: DueMilestone, Note: m.Name})
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

// answers reports whether a touch answers the lead: a call that reached
// them (a call nobody took is no answer), an email, a meeting or a letter.
func (t *Touch) answers() bool {
	switch t.Kind {
	case KindCall:
		return t.Outcome == OutcomeReached || t.Outcome == OutcomeCallback
	case KindEmail, KindMeeting, KindLetter:
		return true
	}
	return false
}

// AwaitingSince is when the lead began to wait for us: when it came in, or
// its first inbound touch after our last answer. ok is false when nothing
// awaits an answer.
func (l *Lead) AwaitingSince() (since time.Time, ok bool) {
	since, ok = l.Created, true
	l.touches(func(at time.Time, t *Touch) {
		switch {
		case t.answers() && !at.Before(since):
			ok = false
		case t.Kind.IsInbound() && !ok:
			since, ok = at, true
		}
	})
	return since, ok
}

// DisplayName is the name to show: the name, else first and last name.
func (l *Lead) DisplayName() string {
	if n := strings.TrimSpace(l.Name); n != "" {
		return n
	}
	return strings.TrimSpace(l.FirstName + " " + l.LastName)
}
