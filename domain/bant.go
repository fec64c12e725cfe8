package domain

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

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

// BudgetStatus is what the lead said about money. The numbers are
// stored: never renumber, only add.
type BudgetStatus uint8

const (
	BudgetNotAsked  BudgetStatus = iota // nobody asked yet
	BudgetNone                          // asked: there is no budget
	BudgetEstimated                     // an amount, as the rep estimates it
	BudgetConfirmed                     // an amount the lead confirmed
)

var budgetStatusNames = [...]string{"not-asked", "none", "estimated", "confirmed"}
var budgetStatusLabels = [...]string{"not asked", "no budget", "estimated", "confirmed"}

func (b BudgetStatus) String() string {
	if int(b) < len(budgetStatusNames) {
		return budgetStatusNames[b]
	}
	return "not-asked"
}

func (b BudgetStatus) Label() string {
	if int(b) < len(budgetStatusLabels) {
		return budgetStatusLabels[b]
	}
	return "not asked"
}

func (b BudgetStatus) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// ParseBudgetStatus reads a status by name.
func ParseBudgetStatus(s string) (BudgetStatus, error) {
	for i, n := range budgetStatusNames {
		if s == n {
			return BudgetStatus(i), nil
		}
	}
	return 0, Problemf("err.parse.budget", "unknown budget status %q (want %s)", s, strings.Join(budgetStatusNames[:], ", "))
}

// Money is an exact amount: whole cents and the currency (ISO 4217).
type Money struct {
	Cents    int64
	Currency string
}

func (m Money) IsZero() bool { return m.Cents == 0 && m.Currency == "" }

// String is the stable machine form: "1234.56 EUR".
func (m Money) String() string {
	if m.IsZero() {
		return ""
	}
	sign, c := "", m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return strings.TrimSpace(fmt.Sprintf("%s%d.%02d %s", sign, c/100, c%100, m.Currency))
}

// MarshalText writes the machine form, so JSON shows "1234.56 EUR".
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// BANT holds the qualification answers; any subset may be filled.
type BANT struct {
	Budget       Money        `json:"budget,omitzero"`
	BudgetStatus BudgetStatus `json:"budget_status"`

	Authority     Authority `json:"authority"`
	AuthorityRole string    `json:"authority_role,omitempty"`

	Need    string  `json:"need,omitempty"`
	Urgency Urgency `json:"urgency,omitempty"`

	// Timeline is the planned purchase as typed (a date or a quarter),
	// TimelineDate its first day, used for sorting and scoring.
	Timeline     string    `json:"timeline,omitempty"`
	TimelineDate time.Time `json:"timeline_date,omitzero"`

	// RepEstimate is the rep's own purchase probability in percent, -1 when
	// not given (JSON: null).
	RepEstimate int       `json:"-"`
	Updated     time.Time `json:"updated,omitzero"`
}

// MarshalJSON writes the rep's estimate as null when there is none.
func (b BANT) MarshalJSON() ([]byte, error) {
	type plain BANT
	out := struct {
		plain
		RepEstimate *int `json:"rep_estimate"`
	}{plain: plain(b)}
	if b.RepEstimate >= 0 {
		est := b.RepEstimate
		out.RepEstimate = &est
	}
	return json.Marshal(out)
}

// HasBudget reports whether there is an amount (estimated or confirmed).
func (b BANT) HasBudget() bool {
	return b.BudgetStatus == BudgetEstimated || b.BudgetStatus == BudgetConfirmed
}
func (b BANT) BudgetAnswered() bool { return b.BudgetStatus != BudgetNotAsked }
func (b BANT) HasAuthority() bool   { return b.Authority != AuthorityUnknown }
func (b BANT) HasNeed() bool        { return b.Need != "" }
func (b BANT) HasTimeline() bool    { return b.Timeline != "" }

// Answered counts the answered BANT criteria (0–4); "no budget" is an answer.
func (b BANT) Answered() int {
	n := 0
	for _, ok := range []bool{b.BudgetAnswered(), b.HasAuthority(), b.HasNeed(), b.HasTimeline()} {
		if ok {
			n++
		}
	}
	return n
}
