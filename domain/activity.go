package domain

import "fmt"

// ActivityKind is the channel of a touch. The numbers are stored: never
// renumber, only add.
type ActivityKind uint8

const (
	KindUnknown      ActivityKind = iota
	KindCall                      // a phone call, with its outcome
	KindEmail                     // a one-to-one email between a rep and the lead
	KindMeeting                   // a meeting, on site or online
	KindWebVisit                  // the lead visited a page of ours
	KindBlogRead                  // the lead read a blog post
	KindDownload                  // the lead downloaded content
	KindWebinar                   // the lead attended a webinar
	KindDemoRequest               // the lead asked for a demo
	KindQuoteRequest              // the lead asked for a quote
	KindNewsletter                // marketing: a newsletter went out to the lead
	KindEvent                     // we met at a trade fair or event
	KindMailing                   // marketing: a campaign mail went out to the lead
	KindLetter                    // a letter by post
	numActivityKinds
)

var kindNames = [numActivityKinds]string{"", "call", "email", "meeting", "web-visit", "blog", "download", "webinar", "demo-request", "quote-request", "newsletter", "event", "mailing", "letter"}
var kindLabels = [numActivityKinds]string{"Touch", "Call", "Email", "Meeting", "Web visit", "Blog post", "Download", "Webinar", "Demo request", "Quote request", "Newsletter", "Event", "Campaign mail", "Letter"}

// ActivityKinds lists the touch kinds by name, for messages and help.
func ActivityKinds() []string { return append([]string(nil), kindNames[1:]...) }

func (k ActivityKind) String() string {
	if k < numActivityKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

func (k ActivityKind) Label() string {
	if k < numActivityKinds {
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
		if i > 0 && s == n {
			return ActivityKind(i), nil
		}
	}
	return 0, Problemf("err.parse.activity", "unknown activity kind %q", s)
}

// IsMarketing reports whether the touch is marketing: it needs consent,
// respects the cadence and stops once sales has the lead. A rep's own
// email, call, meeting or letter is sales contact and never is.
func (k ActivityKind) IsMarketing() bool {
	return k == KindNewsletter || k == KindMailing
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
	return 0, Problemf("err.parse.funnel", "unknown funnel stage %q (want awareness, consideration or decision)", s)
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
	return Problemf("err.parse.outcome", "unknown call outcome %q", string(b))
}

// NumActivityKinds is how many kinds of touch there are, KindUnknown included.
const NumActivityKinds = numActivityKinds
