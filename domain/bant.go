package domain

import "time"

// Authority is the contact's power in the purchase decision.
type Authority uint8

const (
	AuthorityUnknown Authority = iota
	AuthorityDecisionMaker
	AuthorityInfluencer
	AuthorityUser
	AuthorityGatekeeper
)

var authorityNames = [...]string{"unknown", "decision-maker", "influencer", "user", "gatekeeper"}
var authorityLabels = [...]string{"unknown", "decision maker", "influencer", "user", "gatekeeper"}

func (a Authority) String() string {
	if int(a) < len(authorityNames) {
		return authorityNames[a]
	}
	return "unknown"
}

func (a Authority) Label() string {
	if int(a) < len(authorityLabels) {
		return authorityLabels[a]
	}
	return "unknown"
}

func (a Authority) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

func (a *Authority) UnmarshalText(b []byte) error {
	for i, n := range authorityNames {
		if string(b) == n {
			*a = Authority(i)
			return nil
		}
	}
	*a = AuthorityUnknown
	return nil
}

// Urgency of the need.
type Urgency uint8

const (
	UrgencyUnknown Urgency = iota
	UrgencyLow
	UrgencyMedium
	UrgencyHigh
)

var urgencyNames = [...]string{"", "low", "medium", "high"}

func (u Urgency) String() string {
	if int(u) < len(urgencyNames) {
		return urgencyNames[u]
	}
	return ""
}

func (u Urgency) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

func (u *Urgency) UnmarshalText(b []byte) error {
	for i, n := range urgencyNames {
		if string(b) == n {
			*u = Urgency(i)
			return nil
		}
	}
	*u = UrgencyUnknown
	return nil
}

// BANT holds the qualification answers; any subset may be filled.
type BANT struct {
	BudgetAmount    int64  `json:"budget_amount,omitempty"` // whole currency units
	BudgetCurrency  string `json:"budget_currency,omitempty"`
	BudgetConfirmed bool   `json:"budget_confirmed,omitempty"`

	Authority     Authority `json:"authority"`
	AuthorityRole string    `json:"authority_role,omitempty"`

	Need    string  `json:"need,omitempty"`
	Urgency Urgency `json:"urgency,omitempty"`

	// Timeline is the planned purchase as typed (a date or a quarter),
	// TimelineDate its first day, used for sorting and scoring.
	Timeline     string    `json:"timeline,omitempty"`
	TimelineDate time.Time `json:"timeline_date,omitzero"`

	// RepEstimate is the rep's own purchase probability in percent, -1 when not given.
	RepEstimate int       `json:"rep_estimate"`
	Updated     time.Time `json:"updated,omitzero"`
}

func (b BANT) HasBudget() bool    { return b.BudgetAmount > 0 }
func (b BANT) HasAuthority() bool { return b.Authority != AuthorityUnknown }
func (b BANT) HasNeed() bool      { return b.Need != "" }
func (b BANT) HasTimeline() bool  { return b.Timeline != "" }

// Answered counts the filled BANT criteria (0–4).
func (b BANT) Answered() int {
	n := 0
	for _, ok := range []bool{b.HasBudget(), b.HasAuthority(), b.HasNeed(), b.HasTimeline()} {
		if ok {
			n++
		}
	}
	return n
}
