package domain

import (
	"fmt"
	"time"
)

// ActivityKind says what happened in a touch.
type ActivityKind uint8

const (
	KindNote ActivityKind = iota
	KindCall
	KindEmail
	KindMeeting
	KindWebVisit
	KindBlogRead
	KindDownload
	KindWebinar
	KindDemoRequest
	KindQuoteRequest
	KindNewsletter
	KindStageChange
	KindFitChange
	KindBANTUpdate
	KindEvent
)

var kindNames = [...]string{"note", "call", "email", "meeting", "web-visit", "blog", "download", "webinar", "demo-request", "quote-request", "newsletter", "stage-change", "fit-change", "bant-update", "event"}
var kindLabels = [...]string{"Note", "Call", "Email", "Meeting", "Web visit", "Blog post", "Download", "Webinar", "Demo request", "Quote request", "Newsletter", "Stage change", "Fit change", "BANT update", "Event"}

func (k ActivityKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

func (k ActivityKind) Label() string {
	if int(k) < len(kindLabels) {
		return kindLabels[k]
	}
	return k.String()
}

func (k ActivityKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

func (k *ActivityKind) UnmarshalText(b []byte) error {
	v, err := ParseActivityKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

func ParseActivityKind(s string) (ActivityKind, error) {
	for i, n := range kindNames {
		if s == n {
			return ActivityKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown activity kind %q", s)
}

// IsTouch reports whether the activity is contact between us and the lead
// (as opposed to bookkeeping like a stage change).
func (k ActivityKind) IsTouch() bool {
	switch k {
	case KindNote, KindStageChange, KindFitChange, KindBANTUpdate:
		return false
	}
	return true
}

// IsMarketing reports whether the touch is marketing that needs consent
// and respects the cadence.
func (k ActivityKind) IsMarketing() bool {
	return k == KindEmail || k == KindNewsletter
}

// FunnelStage is how deep in the buyer's journey a piece of content is.
type FunnelStage uint8

const (
	FunnelNone FunnelStage = iota
	FunnelAwareness
	FunnelConsideration
	FunnelDecision
)

var funnelNames = [...]string{"", "awareness", "consideration", "decision"}

func (f FunnelStage) String() string {
	if int(f) < len(funnelNames) {
		return funnelNames[f]
	}
	return fmt.Sprintf("funnel(%d)", f)
}

func (f FunnelStage) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

func (f *FunnelStage) UnmarshalText(b []byte) error {
	v, err := ParseFunnelStage(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

func ParseFunnelStage(s string) (FunnelStage, error) {
	for i, n := range funnelNames {
		if s == n {
			return FunnelStage(i), nil
		}
	}
	return 0, fmt.Errorf("unknown funnel stage %q (want awareness, consideration or decision)", s)
}

// CallOutcome is what happened when an agent dialled.
type CallOutcome uint8

const (
	OutcomeNone CallOutcome = iota
	OutcomeReached
	OutcomeNoAnswer
	OutcomeBusy
	OutcomeWrongNumber
	OutcomeCallback
)

var outcomeNames = [...]string{"", "reached", "no-answer", "busy", "wrong-number", "callback"}
var outcomeLabels = [...]string{"", "reached", "no answer", "busy", "wrong number", "callback"}

func (o CallOutcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("outcome(%d)", o)
}

func (o CallOutcome) Label() string {
	if int(o) < len(outcomeLabels) {
		return outcomeLabels[o]
	}
	return o.String()
}

func (o CallOutcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

func (o *CallOutcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if string(b) == n {
			*o = CallOutcome(i)
			return nil
		}
	}
	return fmt.Errorf("unknown call outcome %q", b)
}

// Activity is one entry in a lead's history.
type Activity struct {
	Kind    ActivityKind `json:"kind"`
	At      time.Time    `json:"at"`
	Outcome CallOutcome  `json:"outcome,omitempty"`
	Note    string       `json:"note,omitempty"`
	Funnel  FunnelStage  `json:"funnel,omitempty"`
	By      string       `json:"by,omitempty"`
}
