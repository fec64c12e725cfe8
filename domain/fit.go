package domain

import (
	"fmt"
	"time"
)

// Fit is the rep's verdict from research: is this company a customer for us?
type Fit uint8

const (
	FitUnrated Fit = iota
	FitGood
	FitLow // low chance: queue it behind better leads
	FitNone
)

var fitNames = [...]string{"unrated", "good", "low", "none"}
var fitLabels = [...]string{"unrated", "good fit", "low chance", "no fit"}

func (f Fit) String() string {
	if int(f) < len(fitNames) {
		return fitNames[f]
	}
	return fmt.Sprintf("fit(%d)", f)
}

// Label is the rep-facing wording.
func (f Fit) Label() string {
	if int(f) < len(fitLabels) {
		return fitLabels[f]
	}
	return f.String()
}

func (f Fit) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

func (f *Fit) UnmarshalText(b []byte) error {
	v, err := ParseFit(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// ParseFit accepts the short names and the labels.
func ParseFit(s string) (Fit, error) {
	for i := range fitNames {
		if s == fitNames[i] || s == fitLabels[i] {
			return Fit(i), nil
		}
	}
	if s == "" {
		return FitUnrated, nil
	}
	return 0, Problemf("err.parse.fit", "unknown fit %q (want unrated, good, low or none)", s)
}

// ConsentStatus is the DSGVO state of the permission to use contact data for marketing.
type ConsentStatus uint8

const (
	ConsentNone ConsentStatus = iota
	ConsentOptIn
	ConsentDoubleOptIn // double opt-in confirmed
	ConsentWithdrawn
)

var consentNames = [...]string{"none", "opt-in", "double-opt-in", "withdrawn"}
var consentLabels = [...]string{"no consent", "opt-in", "double opt-in confirmed", "withdrawn"}

func (c ConsentStatus) String() string {
	if int(c) < len(consentNames) {
		return consentNames[c]
	}
	return fmt.Sprintf("consent(%d)", c)
}

func (c ConsentStatus) Label() string {
	if int(c) < len(consentLabels) {
		return consentLabels[c]
	}
	return c.String()
}

func (c ConsentStatus) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

func (c *ConsentStatus) UnmarshalText(b []byte) error {
	for i := range consentNames {
		if string(b) == consentNames[i] {
			*c = ConsentStatus(i)
			return nil
		}
	}
	if len(b) == 0 {
		*c = ConsentNone
		return nil
	}
	return Problemf("err.parse.consent", "unknown consent status %q", string(b))
}

// AllowsMarketing reports whether a marketing touch is lawful under this status.
func (c ConsentStatus) AllowsMarketing() bool {
	return c == ConsentOptIn || c == ConsentDoubleOptIn
}

// Consent records permission for marketing, where it came from and when.
type Consent struct {
	Status ConsentStatus `json:"status"`
	Source string        `json:"source,omitempty"`
	Date   time.Time     `json:"date,omitzero"`
}
