package mapping

import (
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// An activity file adds touches to leads already stored: one row per touch,
// the lead found by its leadq id, its id in a system, or its email.

// LeadRef names an activity row's lead; the store tries ID, then System and ExternalID, then Email.
type LeadRef struct {
	ID         uint64
	System     string
	ExternalID string
	Email      string
}

// ActivityMapping says which column of an activity file holds what.
type ActivityMapping struct {
	System   string // for external ids without a system column
	Location *time.Location
	cols     map[string]int // activity field → column
	headers  []string
}

// activityFields are the columns of an activity file, by folded header.
var activityFields = func() map[string]string {
	m := map[string]string{}
	add := func(f string, headers ...string) {
		for _, h := range headers {
			m[fold(h)] = f
		}
	}
	add("id", "id", "lead_id", "leadq_id")
	add("external_id", "external_id", "Externe ID", "Record ID", "Lead ID", "Datensatz-ID")
	add("system", "system", "external_system")
	add("email", "email", "E-Mail", "Email Address", "E-Mail-Adresse", "Mail")
	add("kind", "kind", "Type", "Activity Type", "Activity", "Typ", "Art", "Aktivität", "Kanal")
	add("at", "at", "Date", "Time", "Timestamp", "Datum", "Zeit", "Zeitpunkt", "Activity Date", "Date/Time", "When", "Wann")
	add("funnel", "funnel", "Funnel Stage", "Phase")
	add("outcome", "outcome", "Result", "Call Outcome", "Ergebnis")
	add("note", "note", "Notes", "Description", "Comment", "Notiz", "Bemerkung", "Kommentar", "Betreff", "Subject")
	add("callback", "callback", "Callback At", "Rückruf", "Rückruf am")
	return m
}()

// NewActivityMapping reads an activity header; it needs kind, at and one of id, external_id or email.
func NewActivityMapping(header []string, opt Options) (*ActivityMapping, error) {
	a := &ActivityMapping{Location: opt.Location, cols: map[string]int{}, headers: make([]string, len(header))}
	if a.Location == nil {
		a.Location = time.Local
	}
	a.System = customKey(opt.System)
	if a.System == "" {
		a.System = DetectSystem(header)
	}
	if a.System == "" {
		a.System = SystemFile
	}
	for i, raw := range header {
		h := cleanHeader(raw)
		a.headers[i] = h
		if f, ok := activityFields[fold(h)]; ok {
			if _, taken := a.cols[f]; !taken {
				a.cols[f] = i
			}
		}
	}
	var missing []string
	for _, f := range []string{"kind", "at"} {
		if _, ok := a.cols[f]; !ok {
			missing = append(missing, f)
		}
	}
	_, id := a.cols["id"]
	_, ext := a.cols["external_id"]
	_, email := a.cols["email"]
	if !id && !ext && !email {
		missing = append(missing, "id, external_id or email")
	}
	if len(missing) > 0 {
		return nil, domain.Problemf("mapping.activity_columns", "an activity file needs the columns %s; it has %s", strings.Join(missing, " and "), strings.Join(quoteAll(a.headers), ", "))
	}
	return a, nil
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = tomlKey(v)
	}
	return out
}

// ErrNoLeadRef rejects an activity row that names no lead.
var ErrNoLeadRef = domain.Problemf("mapping.no_lead_ref", "the row has no id, external_id or email to find its lead by")

// Touch reads one activity row; an unknown kind, funnel or outcome is a *CellError listing the known words.
func (a *ActivityMapping) Touch(cells []string) (LeadRef, time.Time, domain.Touch, error) {
	var ref LeadRef
	var t domain.Touch
	get := func(f string) (string, string) {
		i, ok := a.cols[f]
		if !ok || i >= len(cells) {
			return "", ""
		}
		return cleanCell(cells[i]), a.headers[i]
	}
	fail := func(header, v string, err error) (LeadRef, time.Time, domain.Touch, error) {
		return LeadRef{}, time.Time{}, domain.Touch{}, &CellError{Column: header, Value: v, Err: err}
	}
	if v, h := get("id"); v != "" {
		id, err := strconv.ParseUint(v, 10, 64)
		if err != nil || id == 0 {
			return fail(h, v, domain.Problemf("mapping.not_an_id", "%q is not a leadq id: ids are whole numbers from 1", v))
		}
		ref.ID = id
	}
	if v, _ := get("external_id"); v != "" {
		ref.ExternalID, ref.System = v, a.System
		if s, _ := get("system"); s != "" {
			ref.System = customKey(s)
		}
	}
	if v, h := get("email"); v != "" {
		e := domain.NormaliseEmail(v)
		if err := domain.ValidateEmail(e); err != nil {
			return fail(h, v, quoteInput(err, e))
		}
		ref.Email = e
	}
	if ref == (LeadRef{}) {
		return LeadRef{}, time.Time{}, domain.Touch{}, ErrNoLeadRef
	}
	v, h := get("kind")
	kind, ok := parseKind(v)
	if !ok {
		return fail(h, v, domain.Problemf("mapping.not_a_kind", "%q is not a kind of touch: use one of %s", v, strings.Join(domain.ActivityKinds(), ", ")))
	}
	t.Kind = kind
	v, h = get("at")
	if v == "" {
		return fail(h, v, domain.Problemf("mapping.touch_needs_time", "a touch needs the time it happened"))
	}
	at, err := ParseDate(v, a.Location)
	if err != nil {
		return fail(h, v, err)
	}
	if v, h := get("funnel"); v != "" {
		f, ok := funnelWords[fold(v)]
		if !ok {
			return fail(h, v, domain.Problemf("mapping.not_a_funnel", "%q is not a funnel stage: use awareness, consideration or decision", v))
		}
		t.Funnel = f
	}
	if v, h := get("outcome"); v != "" {
		o, ok := outcomeWords[fold(v)]
		if !ok {
			return fail(h, v, domain.Problemf("mapping.not_an_outcome", "%q is not a call outcome: use reached, no-answer, busy, wrong-number or callback", v))
		}
		if kind == domain.KindCall {
			t.Outcome = o
		}
	}
	if v, h := get("callback"); v != "" {
		cb, err := ParseDate(v, a.Location)
		if err != nil {
			return fail(h, v, err)
		}
		t.Callback = cb
		if kind == domain.KindCall && t.Outcome == domain.OutcomeNone {
			t.Outcome = domain.OutcomeCallback
		}
	}
	t.Note, _ = get("note")
	return ref, at, t, nil
}

// kindWords reads a touch kind by name, label or the German word.
var kindWords = func() map[string]domain.ActivityKind {
	m := map[string]domain.ActivityKind{}
	for _, n := range domain.ActivityKinds() {
		k, _ := domain.ParseActivityKind(n)
		m[fold(n)], m[fold(k.Label())] = k, k
	}
	for w, k := range map[string]domain.ActivityKind{
		"anruf": domain.KindCall, "telefonat": domain.KindCall, "phone call": domain.KindCall,
		"e-mail": domain.KindEmail, "mail": domain.KindEmail,
		"termin": domain.KindMeeting, "besuch": domain.KindMeeting, "treffen": domain.KindMeeting,
		"website-besuch": domain.KindWebVisit, "page view": domain.KindWebVisit, "seitenaufruf": domain.KindWebVisit,
		"blogartikel": domain.KindBlogRead, "blog read": domain.KindBlogRead,
		"demo": domain.KindDemoRequest, "demo-anfrage": domain.KindDemoRequest,
		"angebotsanfrage": domain.KindQuoteRequest, "quote": domain.KindQuoteRequest,
		"messe": domain.KindEvent, "veranstaltung": domain.KindEvent,
		"brief": domain.KindLetter, "post": domain.KindLetter,
		"kampagne": domain.KindMailing, "campaign": domain.KindMailing,
	} {
		m[fold(w)] = k
	}
	return m
}()

func parseKind(s string) (domain.ActivityKind, bool) {
	k, ok := kindWords[fold(s)]
	return k, ok && s != ""
}

var funnelWords = map[string]domain.FunnelStage{
	"awareness": domain.FunnelAwareness, "consideration": domain.FunnelConsideration, "decision": domain.FunnelDecision,
	"aufmerksamkeit": domain.FunnelAwareness, "bewusstsein": domain.FunnelAwareness,
	"abwaegung": domain.FunnelConsideration, "erwaegung": domain.FunnelConsideration, "entscheidung": domain.FunnelDecision,
}

var outcomeWords = func() map[string]domain.CallOutcome {
	m := map[string]domain.CallOutcome{}
	for o := domain.OutcomeReached; o <= domain.OutcomeCallback; o++ {
		m[fold(o.String())], m[fold(o.Label())] = o, o
	}
	for w, o := range map[string]domain.CallOutcome{
		"erreicht": domain.OutcomeReached, "nicht erreicht": domain.OutcomeNoAnswer, "keine antwort": domain.OutcomeNoAnswer,
		"besetzt": domain.OutcomeBusy, "falsche nummer": domain.OutcomeWrongNumber, "rückruf": domain.OutcomeCallback,
	} {
		m[fold(w)] = o
	}
	return m
}()
