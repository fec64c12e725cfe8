package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"time"

	"github.com/fxamacker/cbor/v2"

	"leadq/domain"
)

// This file is the one place a value becomes bytes. Every value is framed:
//
//	tag (1 byte) | body | CRC-32C of tag and body (4 bytes, big-endian)
//
// The tag says what the value is and in which layout, so a value read from
// the wrong place or in an unknown layout is refused, and the checksum
// turns a flipped byte into "damaged" instead of wrong data on screen.
// Records and events are CBOR maps with small integer keys (fxamacker/cbor:
// compact, no code generation, a decoder with size and nesting limits).
// A field added later decodes as empty from older values, so adding one
// needs no migration; a change of meaning or layout does (schema_version).
// Times are whole seconds since 1970 (0: no time).

// Value tags. Never reuse one for another layout.
const (
	tagLead    byte = 0x21 // leads: a lead's record (leadRec)
	tagHistory byte = 0x22 // history: a lead's events ([]eventRec)
	tagScore   byte = 0x23 // scores: group, tier, total, scored at
	tagRow     byte = 0x24 // queue: what the queue shows of a lead (rowRec)
	tagPosting byte = 0x25 // words: a chunk of lead ids
	tagCounts  byte = 0x26 // meta counts: leads per group
	tagOrigins byte = 0x27 // meta origins: the database ids events refer to
)

// ErrDamaged is wrapped by every error about bytes that fail their
// checksum or do not decode.
var ErrDamaged = errors.New("is damaged")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func frame(tag byte, body []byte) []byte {
	v := make([]byte, 0, 1+len(body)+4)
	v = append(v, tag)
	v = append(v, body...)
	return binary.BigEndian.AppendUint32(v, crc32.Checksum(v, crcTable))
}

// unframe checks a value's tag and checksum and returns its body, which
// points into v.
func unframe(tag byte, v []byte) ([]byte, error) {
	if len(v) < 5 {
		return nil, fmt.Errorf("%w: the value is %d bytes, too short", ErrDamaged, len(v))
	}
	n := len(v) - 4
	if got, want := crc32.Checksum(v[:n], crcTable), binary.BigEndian.Uint32(v[n:]); got != want {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrDamaged)
	}
	if v[0] != tag {
		return nil, fmt.Errorf("%w: a value of kind %#x where %#x belongs", ErrDamaged, v[0], tag)
	}
	return v[1:n], nil
}

var (
	encMode cbor.EncMode
	decMode cbor.DecMode
)

func init() {
	var err error
	encMode, err = cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	decMode, err = cbor.DecOptions{
		MaxNestedLevels:  16,
		MaxArrayElements: 1 << 20,
		MaxMapPairs:      1 << 16,
		IndefLength:      cbor.IndefLengthForbidden,
		TagsMd:           cbor.TagsForbidden,
		// Text is kept as it was written; refusing it here would make a
		// lead unreadable instead of showing what it holds.
		UTF8: cbor.UTF8DecodeInvalid,
	}.DecMode()
	if err != nil {
		panic(err)
	}
}

func encodeValue(tag byte, v any) ([]byte, error) {
	body, err := encMode.Marshal(v)
	if err != nil {
		return nil, err
	}
	return frame(tag, body), nil
}

func decodeValue(tag byte, data []byte, v any) error {
	body, err := unframe(tag, data)
	if err != nil {
		return err
	}
	if err := decMode.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return nil
}

// unix is a time as stored: whole seconds, 0 for the zero time.
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// ---- the lead record ----

type leadRec struct {
	Salutation  string            `cbor:"1,keyasint,omitempty"`
	FirstName   string            `cbor:"2,keyasint,omitempty"`
	LastName    string            `cbor:"3,keyasint,omitempty"`
	Name        string            `cbor:"4,keyasint,omitempty"`
	Title       string            `cbor:"5,keyasint,omitempty"`
	Email       string            `cbor:"6,keyasint,omitempty"`
	Phone       string            `cbor:"7,keyasint,omitempty"`
	Mobile      string            `cbor:"8,keyasint,omitempty"`
	Company     string            `cbor:"9,keyasint,omitempty"`
	Website     string            `cbor:"10,keyasint,omitempty"`
	Industry    string            `cbor:"11,keyasint,omitempty"`
	Employees   int64             `cbor:"12,keyasint,omitempty"`
	Revenue     int64             `cbor:"13,keyasint,omitempty"`
	Country     string            `cbor:"14,keyasint,omitempty"`
	Street      string            `cbor:"15,keyasint,omitempty"`
	PostalCode  string            `cbor:"16,keyasint,omitempty"`
	City        string            `cbor:"17,keyasint,omitempty"`
	PhoneE164   string            `cbor:"18,keyasint,omitempty"`
	MobileE164  string            `cbor:"19,keyasint,omitempty"`
	Source      string            `cbor:"20,keyasint,omitempty"`
	Owner       string            `cbor:"21,keyasint,omitempty"`
	Created     int64             `cbor:"22,keyasint,omitempty"`
	Updated     int64             `cbor:"23,keyasint,omitempty"`
	ExternalIDs map[string]string `cbor:"24,keyasint,omitempty"`
	Custom      map[string]string `cbor:"25,keyasint,omitempty"`
	Stage       uint8             `cbor:"26,keyasint,omitempty"`
	Fit         uint8             `cbor:"27,keyasint,omitempty"`
	FitReason   string            `cbor:"28,keyasint,omitempty"`
	Consent     *consentRec       `cbor:"29,keyasint,omitempty"`
	BANT        *bantRec          `cbor:"30,keyasint,omitempty"`
	Notes       []noteRec         `cbor:"31,keyasint,omitempty"`
	Callback    *callbackRec      `cbor:"32,keyasint,omitempty"`
	NextTouch   int64             `cbor:"33,keyasint,omitempty"`
	Plan        *planRec          `cbor:"34,keyasint,omitempty"`
}

type consentRec struct {
	Status uint8  `cbor:"1,keyasint,omitempty"`
	Source string `cbor:"2,keyasint,omitempty"`
	Date   int64  `cbor:"3,keyasint,omitempty"`
}

type bantRec struct {
	Cents         int64  `cbor:"1,keyasint,omitempty"`
	Currency      string `cbor:"2,keyasint,omitempty"`
	BudgetStatus  uint8  `cbor:"3,keyasint,omitempty"`
	Authority     uint8  `cbor:"4,keyasint,omitempty"`
	AuthorityRole string `cbor:"5,keyasint,omitempty"`
	Need          string `cbor:"6,keyasint,omitempty"`
	Urgency       uint8  `cbor:"7,keyasint,omitempty"`
	Timeline      string `cbor:"8,keyasint,omitempty"`
	TimelineDate  int64  `cbor:"9,keyasint,omitempty"`
	// RepEstimate is stored plus one, so that 0 (absent) is "none".
	RepEstimate int   `cbor:"10,keyasint,omitempty"`
	Updated     int64 `cbor:"11,keyasint,omitempty"`
}

type noteRec struct {
	Kind    uint8  `cbor:"1,keyasint,omitempty"`
	URL     string `cbor:"2,keyasint,omitempty"`
	Text    string `cbor:"3,keyasint,omitempty"`
	Created int64  `cbor:"4,keyasint,omitempty"`
	Updated int64  `cbor:"5,keyasint,omitempty"`
}

type callbackRec struct {
	At   int64  `cbor:"1,keyasint,omitempty"`
	Note string `cbor:"2,keyasint,omitempty"`
}

type planRec struct {
	TeamLead    string          `cbor:"1,keyasint,omitempty"`
	Members     []memberRec     `cbor:"2,keyasint,omitempty"`
	Profile     []string        `cbor:"3,keyasint,omitempty"` // business areas, products, financials, customers, competitors, contact points
	Summary     []string        `cbor:"4,keyasint,omitempty"` // project, budget, problems, act now, consequences, schedule, expected results
	Milestones  []milestoneRec  `cbor:"5,keyasint,omitempty"`
	KeyPersons  []keyPersonRec  `cbor:"6,keyasint,omitempty"`
	Competitors []competitorRec `cbor:"7,keyasint,omitempty"`
	Updated     int64           `cbor:"8,keyasint,omitempty"`
}

type memberRec struct {
	Name     string `cbor:"1,keyasint,omitempty"`
	Role     string `cbor:"2,keyasint,omitempty"`
	External bool   `cbor:"3,keyasint,omitempty"`
}

type milestoneRec struct {
	Name        string `cbor:"1,keyasint,omitempty"`
	Due         int64  `cbor:"2,keyasint,omitempty"`
	Calculation bool   `cbor:"3,keyasint,omitempty"`
	LegalReview bool   `cbor:"4,keyasint,omitempty"`
	Owner       string `cbor:"5,keyasint,omitempty"`
	Done        bool   `cbor:"6,keyasint,omitempty"`
}

type keyPersonRec struct {
	Name        string `cbor:"1,keyasint,omitempty"`
	Title       string `cbor:"2,keyasint,omitempty"`
	Role        string `cbor:"3,keyasint,omitempty"`
	Familiarity int    `cbor:"4,keyasint,omitempty"`
	Attitude    string `cbor:"5,keyasint,omitempty"`
	Opinion     string `cbor:"6,keyasint,omitempty"`
	Benefits    string `cbor:"7,keyasint,omitempty"`
	Criteria    string `cbor:"8,keyasint,omitempty"`
}

type competitorRec struct {
	Name        string `cbor:"1,keyasint,omitempty"`
	History     string `cbor:"2,keyasint,omitempty"`
	Positioning string `cbor:"3,keyasint,omitempty"`
	Strategy    string `cbor:"4,keyasint,omitempty"`
	Strengths   string `cbor:"5,keyasint,omitempty"`
	Weaknesses  string `cbor:"6,keyasint,omitempty"`
	Objections  string `cbor:"7,keyasint,omitempty"`
	PlanToWin   string `cbor:"8,keyasint,omitempty"`
}

func consentToRec(c domain.Consent) *consentRec {
	if c == (domain.Consent{}) {
		return nil
	}
	return &consentRec{Status: uint8(c.Status), Source: c.Source, Date: unix(c.Date)}
}

func (c *consentRec) domain() domain.Consent {
	if c == nil {
		return domain.Consent{}
	}
	return domain.Consent{Status: domain.ConsentStatus(c.Status), Source: c.Source, Date: fromUnix(c.Date)}
}

func toLeadRec(l *domain.Lead) *leadRec {
	c := &l.Company
	r := &leadRec{
		Salutation: l.Salutation, FirstName: l.FirstName, LastName: l.LastName, Name: l.Name, Title: l.Title,
		Email: l.Email, Phone: l.Phone, Mobile: l.Mobile, PhoneE164: l.PhoneE164, MobileE164: l.MobileE164,
		Company: c.Name, Website: c.Website, Industry: c.Industry, Employees: int64(c.Employees), Revenue: c.AnnualRevenue,
		Country: c.Country, Street: c.Street, PostalCode: c.PostalCode, City: c.City,
		Source: l.Source, Owner: l.Owner, Created: unix(l.Created), Updated: unix(l.Updated),
		ExternalIDs: l.ExternalIDs, Custom: l.Custom,
		Stage: uint8(l.Stage), Fit: uint8(l.Fit), FitReason: l.FitReason,
		Consent: consentToRec(l.Consent), NextTouch: unix(l.NextTouch),
	}
	if b := l.BANT; b != (domain.BANT{RepEstimate: -1}) && b != (domain.BANT{}) {
		r.BANT = &bantRec{Cents: b.Budget.Cents, Currency: b.Budget.Currency, BudgetStatus: uint8(b.BudgetStatus),
			Authority: uint8(b.Authority), AuthorityRole: b.AuthorityRole, Need: b.Need, Urgency: uint8(b.Urgency),
			Timeline: b.Timeline, TimelineDate: unix(b.TimelineDate), RepEstimate: b.RepEstimate + 1, Updated: unix(b.Updated)}
	}
	for _, n := range l.Notes {
		r.Notes = append(r.Notes, noteRec{Kind: uint8(n.Kind), URL: n.URL, Text: n.Text, Created: unix(n.Created), Updated: unix(n.Updated)})
	}
	if cb := l.Callback; cb != nil {
		r.Callback = &callbackRec{At: unix(cb.At), Note: cb.Note}
	}
	if p := l.Plan; p != nil {
		r.Plan = toPlanRec(p)
	}
	return r
}

func (r *leadRec) domain(id uint64) *domain.Lead {
	l := &domain.Lead{
		ID: id, Salutation: r.Salutation, FirstName: r.FirstName, LastName: r.LastName, Name: r.Name, Title: r.Title,
		Email: r.Email, Phone: r.Phone, Mobile: r.Mobile, PhoneE164: r.PhoneE164, MobileE164: r.MobileE164,
		Company: domain.Company{Name: r.Company, Website: r.Website, Industry: r.Industry, Employees: int(r.Employees),
			AnnualRevenue: r.Revenue, Country: r.Country, Street: r.Street, PostalCode: r.PostalCode, City: r.City},
		Source: r.Source, Owner: r.Owner, Created: fromUnix(r.Created), Updated: fromUnix(r.Updated),
		ExternalIDs: r.ExternalIDs, Custom: r.Custom,
		Stage: domain.Stage(r.Stage), Fit: domain.Fit(r.Fit), FitReason: r.FitReason,
		Consent: r.Consent.domain(), NextTouch: fromUnix(r.NextTouch),
		BANT: domain.BANT{RepEstimate: -1},
	}
	if b := r.BANT; b != nil {
		l.BANT = domain.BANT{Budget: domain.Money{Cents: b.Cents, Currency: b.Currency}, BudgetStatus: domain.BudgetStatus(b.BudgetStatus),
			Authority: domain.Authority(b.Authority), AuthorityRole: b.AuthorityRole, Need: b.Need, Urgency: domain.Urgency(b.Urgency),
			Timeline: b.Timeline, TimelineDate: fromUnix(b.TimelineDate), RepEstimate: b.RepEstimate - 1, Updated: fromUnix(b.Updated)}
	}
	for _, n := range r.Notes {
		l.Notes = append(l.Notes, domain.Note{Kind: domain.NoteKind(n.Kind), URL: n.URL, Text: n.Text, Created: fromUnix(n.Created), Updated: fromUnix(n.Updated)})
	}
	if cb := r.Callback; cb != nil {
		l.Callback = &domain.Callback{At: fromUnix(cb.At), Note: cb.Note}
	}
	if p := r.Plan; p != nil {
		l.Plan = p.domain()
	}
	return l
}

func toPlanRec(p *domain.OpportunityPlan) *planRec {
	pr, su := &p.Profile, &p.Summary
	r := &planRec{TeamLead: p.Team.Lead, Updated: unix(p.Updated),
		Profile: trimEmpty([]string{pr.BusinessAreas, pr.Products, pr.Financials, pr.Customers, pr.Competitors, pr.ContactPoints}),
		Summary: trimEmpty([]string{su.Project, su.Budget, su.Problems, su.ActNow, su.Consequences, su.Schedule, su.ExpectedResults}),
	}
	for _, m := range p.Team.Members {
		r.Members = append(r.Members, memberRec(m))
	}
	for _, m := range p.Milestones {
		r.Milestones = append(r.Milestones, milestoneRec{Name: m.Name, Due: unix(m.Due), Calculation: m.Calculation, LegalReview: m.LegalReview, Owner: m.Owner, Done: m.Done})
	}
	for _, k := range p.KeyPersons {
		r.KeyPersons = append(r.KeyPersons, keyPersonRec(k))
	}
	for _, c := range p.Competitors {
		r.Competitors = append(r.Competitors, competitorRec(c))
	}
	return r
}

// trimEmpty drops trailing empty strings, so an empty section stores nothing.
func trimEmpty(s []string) []string {
	for len(s) > 0 && s[len(s)-1] == "" {
		s = s[:len(s)-1]
	}
	if len(s) == 0 {
		return nil
	}
	return s
}

func (r *planRec) domain() *domain.OpportunityPlan {
	at := func(s []string, i int) string {
		if i < len(s) {
			return s[i]
		}
		return ""
	}
	p := &domain.OpportunityPlan{Updated: fromUnix(r.Updated)}
	p.Team.Lead = r.TeamLead
	p.Profile = domain.CustomerProfile{BusinessAreas: at(r.Profile, 0), Products: at(r.Profile, 1), Financials: at(r.Profile, 2),
		Customers: at(r.Profile, 3), Competitors: at(r.Profile, 4), ContactPoints: at(r.Profile, 5)}
	p.Summary = domain.OpportunitySummary{Project: at(r.Summary, 0), Budget: at(r.Summary, 1), Problems: at(r.Summary, 2),
		ActNow: at(r.Summary, 3), Consequences: at(r.Summary, 4), Schedule: at(r.Summary, 5), ExpectedResults: at(r.Summary, 6)}
	for _, m := range r.Members {
		p.Team.Members = append(p.Team.Members, domain.TeamMember(m))
	}
	for _, m := range r.Milestones {
		p.Milestones = append(p.Milestones, domain.Milestone{Name: m.Name, Due: fromUnix(m.Due), Calculation: m.Calculation, LegalReview: m.LegalReview, Owner: m.Owner, Done: m.Done})
	}
	for _, k := range r.KeyPersons {
		p.KeyPersons = append(p.KeyPersons, domain.KeyPerson(k))
	}
	for _, c := range r.Competitors {
		p.Competitors = append(p.Competitors, domain.Competitor(c))
	}
	return p
}

// ---- history ----

type eventRec struct {
	ID       []byte             `cbor:"1,keyasint,omitempty"`
	Origin   uint               `cbor:"2,keyasint,omitempty"` // index into meta origins; 0 is this database
	At       int64              `cbor:"3,keyasint,omitempty"`
	By       string             `cbor:"4,keyasint,omitempty"`
	Kind     uint8              `cbor:"5,keyasint,omitempty"`
	Touch    *touchRec          `cbor:"6,keyasint,omitempty"`
	Stage    *stageRec          `cbor:"7,keyasint,omitempty"`
	Fit      *fitRec            `cbor:"8,keyasint,omitempty"`
	Consent  *consentChangeRec  `cbor:"9,keyasint,omitempty"`
	Changes  []changeRec        `cbor:"10,keyasint,omitempty"`
	Note     *noteChangeRec     `cbor:"11,keyasint,omitempty"`
	Plan     *planChangeRec     `cbor:"12,keyasint,omitempty"`
	Import   *importRec         `cbor:"13,keyasint,omitempty"`
	Schedule *scheduleChangeRec `cbor:"14,keyasint,omitempty"`
	Text     string             `cbor:"15,keyasint,omitempty"`
}

type touchRec struct {
	Kind     uint8  `cbor:"1,keyasint,omitempty"`
	Outcome  uint8  `cbor:"2,keyasint,omitempty"`
	Funnel   uint8  `cbor:"3,keyasint,omitempty"`
	Note     string `cbor:"4,keyasint,omitempty"`
	Callback int64  `cbor:"5,keyasint,omitempty"`
}

type stageRec struct {
	From   uint8  `cbor:"1,keyasint,omitempty"`
	To     uint8  `cbor:"2,keyasint,omitempty"`
	Reason string `cbor:"3,keyasint,omitempty"`
}

type fitRec stageRec

type consentChangeRec struct {
	From *consentRec `cbor:"1,keyasint,omitempty"`
	To   *consentRec `cbor:"2,keyasint,omitempty"`
}

type changeRec struct {
	_     struct{} `cbor:",toarray"`
	Field string
	Old   string
	New   string
}

type noteTextRec struct {
	Kind uint8  `cbor:"1,keyasint,omitempty"`
	URL  string `cbor:"2,keyasint,omitempty"`
	Text string `cbor:"3,keyasint,omitempty"`
}

type noteChangeRec struct {
	Old *noteTextRec `cbor:"1,keyasint,omitempty"`
	New *noteTextRec `cbor:"2,keyasint,omitempty"`
}

type planChangeRec struct {
	Section string `cbor:"1,keyasint,omitempty"`
	Action  uint8  `cbor:"2,keyasint,omitempty"`
	Field   string `cbor:"3,keyasint,omitempty"`
	Item    string `cbor:"4,keyasint,omitempty"`
}

type importRec struct {
	File       string `cbor:"1,keyasint,omitempty"`
	System     string `cbor:"2,keyasint,omitempty"`
	ExternalID string `cbor:"3,keyasint,omitempty"`
	Line       int    `cbor:"4,keyasint,omitempty"`
}

type scheduleChangeRec struct {
	Old  int64  `cbor:"1,keyasint,omitempty"`
	New  int64  `cbor:"2,keyasint,omitempty"`
	Note string `cbor:"3,keyasint,omitempty"`
}

func noteTextToRec(n *domain.NoteText) *noteTextRec {
	if n == nil {
		return nil
	}
	return &noteTextRec{Kind: uint8(n.Kind), URL: n.URL, Text: n.Text}
}

func (n *noteTextRec) domain() *domain.NoteText {
	if n == nil {
		return nil
	}
	return &domain.NoteText{Kind: domain.NoteKind(n.Kind), URL: n.URL, Text: n.Text}
}

// origins maps database ids to the small numbers events store instead.
type origins struct {
	ids []domain.DatabaseID // index 0: this database
}

func (o *origins) index(id domain.DatabaseID) (uint, bool) {
	if id.IsZero() {
		return 0, true
	}
	for i, x := range o.ids {
		if x == id {
			return uint(i), true
		}
	}
	return 0, false
}

func (o *origins) add(id domain.DatabaseID) uint {
	if i, ok := o.index(id); ok {
		return i
	}
	o.ids = append(o.ids, id)
	return uint(len(o.ids) - 1)
}

func (o *origins) id(i uint) domain.DatabaseID {
	if int(i) < len(o.ids) {
		return o.ids[i]
	}
	return domain.DatabaseID{}
}

func toEventRec(e *domain.Event, o *origins) eventRec {
	r := eventRec{ID: append([]byte(nil), e.ID[:]...), Origin: o.add(e.Origin), At: unix(e.At), By: e.By, Kind: uint8(e.Kind), Text: e.Text}
	if t := e.Touch; t != nil {
		r.Touch = &touchRec{Kind: uint8(t.Kind), Outcome: uint8(t.Outcome), Funnel: uint8(t.Funnel), Note: t.Note, Callback: unix(t.Callback)}
	}
	if s := e.Stage; s != nil {
		r.Stage = &stageRec{From: uint8(s.From), To: uint8(s.To), Reason: s.Reason}
	}
	if f := e.Fit; f != nil {
		r.Fit = &fitRec{From: uint8(f.From), To: uint8(f.To), Reason: f.Reason}
	}
	if c := e.Consent; c != nil {
		r.Consent = &consentChangeRec{From: consentToRec(c.From), To: consentToRec(c.To)}
	}
	for _, c := range e.Changes {
		r.Changes = append(r.Changes, changeRec{Field: c.Field, Old: c.Old, New: c.New})
	}
	if n := e.Note; n != nil {
		r.Note = &noteChangeRec{Old: noteTextToRec(n.Old), New: noteTextToRec(n.New)}
	}
	if p := e.Plan; p != nil {
		r.Plan = &planChangeRec{Section: p.Section, Action: uint8(p.Action), Field: p.Field, Item: p.Item}
	}
	if im := e.Import; im != nil {
		r.Import = &importRec{File: im.File, System: im.System, ExternalID: im.ExternalID, Line: im.Line}
	}
	if s := e.Schedule; s != nil {
		r.Schedule = &scheduleChangeRec{Old: unix(s.Old), New: unix(s.New), Note: s.Note}
	}
	return r
}

func (r *eventRec) domain(o *origins) domain.Event {
	e := domain.Event{Origin: o.id(r.Origin), At: fromUnix(r.At), By: r.By, Kind: domain.EventKind(r.Kind), Text: r.Text}
	copy(e.ID[:], r.ID)
	if t := r.Touch; t != nil {
		e.Touch = &domain.Touch{Kind: domain.ActivityKind(t.Kind), Outcome: domain.CallOutcome(t.Outcome), Funnel: domain.FunnelStage(t.Funnel), Note: t.Note, Callback: fromUnix(t.Callback)}
	}
	if s := r.Stage; s != nil {
		e.Stage = &domain.StageMove{From: domain.Stage(s.From), To: domain.Stage(s.To), Reason: s.Reason}
	}
	if f := r.Fit; f != nil {
		e.Fit = &domain.FitChange{From: domain.Fit(f.From), To: domain.Fit(f.To), Reason: f.Reason}
	}
	if c := r.Consent; c != nil {
		e.Consent = &domain.ConsentChange{From: c.From.domain(), To: c.To.domain()}
	}
	for _, c := range r.Changes {
		e.Changes = append(e.Changes, domain.FieldChange{Field: c.Field, Old: c.Old, New: c.New})
	}
	if n := r.Note; n != nil {
		e.Note = &domain.NoteChange{Old: n.Old.domain(), New: n.New.domain()}
	}
	if p := r.Plan; p != nil {
		e.Plan = &domain.PlanChange{Section: p.Section, Action: domain.PlanAction(p.Action), Field: p.Field, Item: p.Item}
	}
	if im := r.Import; im != nil {
		e.Import = &domain.ImportSource{File: im.File, System: im.System, ExternalID: im.ExternalID, Line: im.Line}
	}
	if s := r.Schedule; s != nil {
		e.Schedule = &domain.ScheduleChange{Old: fromUnix(s.Old), New: fromUnix(s.New), Note: s.Note}
	}
	return e
}

func encodeHistory(h []domain.Event, o *origins) ([]byte, error) {
	if len(h) == 0 {
		return nil, nil
	}
	recs := make([]eventRec, len(h))
	for i := range h {
		recs[i] = toEventRec(&h[i], o)
	}
	return encodeValue(tagHistory, recs)
}

func decodeHistory(data []byte, o *origins) ([]domain.Event, error) {
	recs, err := decodeEventRecs(data)
	if err != nil {
		return nil, err
	}
	return eventsOf(recs, o), nil
}

// decodeEventRecs is the part of decoding a history that reads the file;
// eventsOf, the part that needs the list of origins.
func decodeEventRecs(data []byte) ([]eventRec, error) {
	if data == nil {
		return nil, nil
	}
	var recs []eventRec
	if err := decodeValue(tagHistory, data, &recs); err != nil {
		return nil, err
	}
	return recs, nil
}

func eventsOf(recs []eventRec, o *origins) []domain.Event {
	if recs == nil {
		return nil
	}
	h := make([]domain.Event, len(recs))
	for i := range recs {
		h[i] = recs[i].domain(o)
	}
	return h
}

// ---- scores ----

// scoreRec is a lead's stored score: where it sorts (group), its tier,
// total and when it was worked out. The explanation is not stored: scoring
// is pure, so it is worked out again as of At when the lead is read.
type scoreRec struct {
	group Group
	tier  domain.Tier
	total int32
	at    int64
}

func encodeScore(s scoreRec) []byte {
	b := make([]byte, 0, 14)
	b = append(b, byte(s.group), byte(s.tier))
	b = binary.BigEndian.AppendUint32(b, uint32(s.total))
	b = binary.BigEndian.AppendUint64(b, uint64(s.at))
	return frame(tagScore, b)
}

func decodeScore(v []byte) (scoreRec, error) {
	b, err := unframe(tagScore, v)
	if err != nil {
		return scoreRec{}, err
	}
	if len(b) != 14 || b[0] >= byte(numGroups) {
		return scoreRec{}, fmt.Errorf("%w: a score of %d bytes", ErrDamaged, len(b))
	}
	return scoreRec{group: Group(b[0]), tier: domain.Tier(b[1]), total: int32(binary.BigEndian.Uint32(b[2:])), at: int64(binary.BigEndian.Uint64(b[6:]))}, nil
}

// ---- the queue row ----

// rowRec is what the queue shows of a lead beside what its key holds (the
// group, the score and the id).
type rowRec struct {
	_         struct{} `cbor:",toarray"`
	Name      string
	Company   string
	Stage     uint8
	Source    string
	Tier      uint8
	LastTouch int64
	Awaiting  int64
	Callback  int64
}

// A row value's body starts with the lead's folded search words (a uvarint
// length, then the words separated by blanks), so a search can walk the
// queue and test each row without decoding it; the CBOR row follows.

func encodeRow(r *rowRec, words string) ([]byte, error) {
	row, err := encMode.Marshal(r)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, binary.MaxVarintLen32+len(words)+len(row))
	b = binary.AppendUvarint(b, uint64(len(words)))
	b = append(b, words...)
	return frame(tagRow, append(b, row...)), nil
}

// rowWords returns the search words of a row value, pointing into v.
func rowWords(v []byte) ([]byte, error) {
	b, err := unframe(tagRow, v)
	if err != nil {
		return nil, err
	}
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size) < n {
		return nil, fmt.Errorf("%w: a queue row does not decode", ErrDamaged)
	}
	return b[size : size+int(n)], nil
}

func decodeRowRec(v []byte) (rowRec, error) {
	var r rowRec
	b, err := unframe(tagRow, v)
	if err != nil {
		return r, err
	}
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size) < n {
		return r, fmt.Errorf("%w: a queue row does not decode", ErrDamaged)
	}
	if err := decMode.Unmarshal(b[size+int(n):], &r); err != nil {
		return r, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return r, nil
}

// ---- posting lists ----

// A posting chunk holds ascending lead ids: the first is in the key, the
// body holds the gaps to each next one as uvarints.

func encodePosting(ids []uint64) []byte {
	b := make([]byte, 0, 2*len(ids))
	for i := 1; i < len(ids); i++ {
		b = binary.AppendUvarint(b, ids[i]-ids[i-1])
	}
	return frame(tagPosting, b)
}

func decodePosting(first uint64, v []byte, dst []uint64) ([]uint64, error) {
	b, err := unframe(tagPosting, v)
	if err != nil {
		return dst, err
	}
	id := first
	dst = append(dst, id)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 || d == 0 {
			return dst, fmt.Errorf("%w: a posting list does not decode", ErrDamaged)
		}
		id += d
		dst = append(dst, id)
		b = b[n:]
	}
	return dst, nil
}
