package domain

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// A lead's history is a list of typed events: facts, never sentences. The
// words are made when the history is shown, so the same event can be read
// in any language and counted in reports.

// EventKind says what an event records. The numbers are stored: never
// renumber, only add.
type EventKind uint8

const (
	EventRemark          EventKind = iota // free text: a remark logged by a rep, or old history prose
	EventCreated                          // the lead was entered (add, the a form, seed)
	EventImported                         // the lead came in from a file
	EventMerged                           // an import filled fields of an existing lead
	EventTouch                            // a touch: a call, an email, a visit, a download, …
	EventStageMoved                       // the lead moved in the lifecycle
	EventFitSet                           // the rep rated the fit
	EventBANTChanged                      // qualification answers changed
	EventConsentChanged                   // marketing consent changed
	EventContactEdited                    // contact or company fields changed
	EventNoteAdded                        // an enrichment note was written
	EventNoteEdited                       // an enrichment note was changed
	EventNoteDeleted                      // an enrichment note was removed
	EventPlanChanged                      // the opportunity plan was changed
	EventFollowUpSet                      // the next touch date was set, moved or cleared
	EventCallbackChanged                  // a promised callback was moved or cancelled
	numEventKinds
)

var eventKindNames = [numEventKinds]string{"remark", "created", "imported", "merged", "touch", "stage-moved", "fit-set",
	"bant-changed", "consent-changed", "contact-edited", "note-added", "note-edited", "note-deleted", "plan-changed",
	"follow-up-set", "callback-changed"}

func (k EventKind) String() string {
	if k < numEventKinds {
		return eventKindNames[k]
	}
	return fmt.Sprintf("event(%d)", k)
}

func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// EventID names an event uniquely across machines: a ULID, so ids made on
// two laptops never collide and sort by time.
type EventID [16]byte

func (id EventID) IsZero() bool   { return id == EventID{} }
func (id EventID) String() string { return ulid.ULID(id).String() }

func (id EventID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// ParseEventID reads an id as String writes it.
func ParseEventID(s string) (EventID, error) {
	u, err := ulid.ParseStrict(s)
	return EventID(u), err
}

// DatabaseID names one leadq database, made when the file is created and
// kept through every migration, compaction and restore; a copied file
// keeps it. Events carry the id of the database that wrote them.
type DatabaseID [16]byte

func (id DatabaseID) IsZero() bool   { return id == DatabaseID{} }
func (id DatabaseID) String() string { return ulid.ULID(id).String() }

func (id DatabaseID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// Event is one entry of a lead's history. Kind says which of the payload
// fields is set.
type Event struct {
	ID     EventID    // set by the store when the event is first written
	Origin DatabaseID // the database that wrote it; set by the store
	At     time.Time
	By     string
	Kind   EventKind

	Touch    *Touch         // EventTouch
	Stage    *StageMove     // EventStageMoved
	Fit      *FitChange     // EventFitSet
	Consent  *ConsentChange // EventConsentChanged
	Changes  []FieldChange  // EventBANTChanged, EventContactEdited, EventMerged
	Note     *NoteChange    // EventNote{Added,Edited,Deleted}
	Plan     *PlanChange    // EventPlanChanged
	Import   *ImportSource  // EventImported, EventMerged
	Schedule *ScheduleChange
	Text     string // EventRemark
}

// Touch is contact between us and the lead, in either direction.
type Touch struct {
	Kind     ActivityKind
	Outcome  CallOutcome // calls only
	Funnel   FunnelStage // content only: how deep in the journey
	Note     string
	Callback time.Time // a call that agreed a callback: when
}

// StageMove is a move in the lifecycle.
type StageMove struct {
	From, To Stage
	Reason   string
}

// FitChange is a new fit rating.
type FitChange struct {
	From, To Fit
	Reason   string
}

// ConsentChange is the consent before and after.
type ConsentChange struct {
	From, To Consent
}

// FieldChange is one field's value before and after, in the stable
// machine form of that field (see FieldValues).
type FieldChange struct {
	Field    string
	Old, New string
}

// NoteChange is an enrichment note before and after; Old is nil when it
// was added, New when it was deleted.
type NoteChange struct {
	Old, New *NoteText
}

// NoteText is what a note says.
type NoteText struct {
	Kind NoteKind
	URL  string
	Text string
}

func noteText(n Note) *NoteText { return &NoteText{Kind: n.Kind, URL: n.URL, Text: n.Text} }

// PlanAction says what happened to a part of the plan.
type PlanAction uint8

const (
	PlanEdited PlanAction = iota
	PlanAdded
	PlanDeleted
	PlanMovedUp
	PlanMovedDown
	PlanStarted
)

var planActionNames = [...]string{"edited", "added", "deleted", "moved-up", "moved-down", "started"}

func (a PlanAction) String() string {
	if int(a) < len(planActionNames) {
		return planActionNames[a]
	}
	return fmt.Sprintf("action(%d)", a)
}

func (a PlanAction) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// PlanChange is one edit of the opportunity plan: a field of a section
// ("summary", "problems") or an item of a list ("milestones", "Angebot").
type PlanChange struct {
	Section string // a plan section key
	Action  PlanAction
	Field   string // the field edited, for the text sections
	Item    string // the list item's name, for the lists
}

// ImportSource is where an imported lead came from.
type ImportSource struct {
	File       string
	System     string // "salesforce", "hubspot" or the name given at import
	ExternalID string
	Line       int
}

// ScheduleChange is a follow-up or callback time before and after; a zero
// time is "none".
type ScheduleChange struct {
	Old, New time.Time
	Note     string
}

// record appends an event to the history and marks the lead updated.
func (l *Lead) record(e Event) {
	l.History = append(l.History, e)
	if e.At.After(l.Updated) {
		l.Updated = e.At
	}
}

// Touches calls fn for every touch in the history, oldest first.
func (l *Lead) touches(fn func(at time.Time, t *Touch)) {
	for i := range l.History {
		if e := &l.History[i]; e.Touch != nil {
			fn(e.At, e.Touch)
		}
	}
}

// NewestFirst returns the history newest first. The history is kept in
// time order, so events of the same moment come last-written first.
func (l *Lead) NewestFirst() []*Event {
	out := make([]*Event, len(l.History))
	for i := range l.History {
		out[len(out)-1-i] = &l.History[i]
	}
	return out
}

// StageMoves lists the lead's stage moves, oldest first.
func (l *Lead) StageMoves() []Event {
	var out []Event
	for _, e := range l.History {
		if e.Stage != nil {
			out = append(out, e)
		}
	}
	return out
}

// SortHistory puts the history in time order; events at the same time keep
// the order they were written in.
func SortHistory(h []Event) {
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].At.Before(h[j-1].At); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// changeList collects the fields that differ between two values.
type changeList []FieldChange

func (c *changeList) add(field, old, new string) {
	if old != new {
		*c = append(*c, FieldChange{Field: field, Old: old, New: new})
	}
}

// trimmed is s without blanks around it; every text a form saves is.
func trimmed(s string) string { return strings.TrimSpace(s) }

// eventJSON is an event as machine output prints it: id, kind, at and by,
// then the fields of its kind.
type eventJSON struct {
	ID         string        `json:"id"`
	Kind       EventKind     `json:"kind"`
	At         time.Time     `json:"at"`
	By         string        `json:"by,omitempty"`
	Origin     string        `json:"origin,omitempty"`
	Text       string        `json:"text,omitempty"`
	Touch      ActivityKind  `json:"touch,omitempty"`
	Outcome    CallOutcome   `json:"outcome,omitempty"`
	Funnel     FunnelStage   `json:"funnel,omitempty"`
	Note       string        `json:"note,omitempty"`
	Callback   *time.Time    `json:"callback,omitempty"`
	From       any           `json:"from,omitempty"`
	To         any           `json:"to,omitempty"`
	Reason     string        `json:"reason,omitempty"`
	Changes    []FieldChange `json:"changes,omitempty"`
	Old        any           `json:"old,omitempty"`
	New        any           `json:"new,omitempty"`
	Section    string        `json:"section,omitempty"`
	Action     string        `json:"action,omitempty"`
	Field      string        `json:"field,omitempty"`
	Item       string        `json:"item,omitempty"`
	File       string        `json:"file,omitempty"`
	System     string        `json:"system,omitempty"`
	ExternalID string        `json:"external_id,omitempty"`
	Line       int           `json:"line,omitempty"`
}

// MarshalJSON prints the event flat: {"id", "kind", "at", "by", …fields}.
// Times are in UTC.
func (e Event) MarshalJSON() ([]byte, error) {
	out := eventJSON{ID: e.ID.String(), Kind: e.Kind, At: e.At.UTC(), By: e.By, Text: e.Text}
	if !e.Origin.IsZero() {
		out.Origin = e.Origin.String()
	}
	if t := e.Touch; t != nil {
		out.Touch, out.Outcome, out.Funnel, out.Note = t.Kind, t.Outcome, t.Funnel, t.Note
		if !t.Callback.IsZero() {
			cb := t.Callback.UTC()
			out.Callback = &cb
		}
	}
	if s := e.Stage; s != nil {
		out.From, out.To, out.Reason = s.From, s.To, s.Reason
	}
	if f := e.Fit; f != nil {
		out.From, out.To, out.Reason = f.From, f.To, f.Reason
	}
	if c := e.Consent; c != nil {
		out.From, out.To = c.From, c.To
	}
	out.Changes = e.Changes
	if n := e.Note; n != nil {
		if n.Old != nil {
			out.Old = n.Old
		}
		if n.New != nil {
			out.New = n.New
		}
	}
	if p := e.Plan; p != nil {
		out.Section, out.Action, out.Field, out.Item = p.Section, p.Action.String(), p.Field, p.Item
	}
	if im := e.Import; im != nil {
		out.File, out.System, out.ExternalID, out.Line = im.File, im.System, im.ExternalID, im.Line
	}
	if s := e.Schedule; s != nil {
		if !s.Old.IsZero() {
			out.Old = s.Old.UTC()
		}
		if !s.New.IsZero() {
			out.New = s.New.UTC()
		}
		out.Note = s.Note
	}
	return json.Marshal(out)
}

func (f FieldChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Field string `json:"field"`
		Old   string `json:"old"`
		New   string `json:"new"`
	}{f.Field, f.Old, f.New})
}

func (n NoteText) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Kind NoteKind `json:"kind"`
		URL  string   `json:"url,omitempty"`
		Text string   `json:"text"`
	}{n.Kind, n.URL, n.Text})
}
