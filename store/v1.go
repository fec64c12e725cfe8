package store

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// Schema 1 kept each lead as JSON in "leads" and its activities as JSON in
// "activities"; the history mixed typed stage moves with English prose for
// fit changes, BANT updates, consent and callbacks. This file reads that
// layout, frozen as it was written, and turns it into schema-2 leads: the
// prose becomes typed events where it can be read and stays as a remark
// where it cannot, so nothing is dropped.

var bucketV1Activities = []byte("activities")

type v1Lead struct {
	ID          uint64            `json:"id"`
	Name        string            `json:"name"`
	Title       string            `json:"title"`
	Email       string            `json:"email"`
	Phone       string            `json:"phone"`
	Mobile      string            `json:"mobile"`
	Company     v1Company         `json:"company"`
	Source      string            `json:"source"`
	Owner       string            `json:"owner"`
	Created     time.Time         `json:"created"`
	Updated     time.Time         `json:"updated"`
	ExternalIDs map[string]string `json:"external_ids"`
	Custom      map[string]string `json:"custom"`
	Stage       string            `json:"stage"`
	History     []v1StageMove     `json:"stage_history"`
	Fit         string            `json:"fit"`
	FitReason   string            `json:"fit_reason"`
	Consent     struct {
		Status string    `json:"status"`
		Source string    `json:"source"`
		Date   time.Time `json:"date"`
	} `json:"consent"`
	BANT struct {
		BudgetAmount    int64     `json:"budget_amount"`
		BudgetCurrency  string    `json:"budget_currency"`
		BudgetConfirmed bool      `json:"budget_confirmed"`
		Authority       string    `json:"authority"`
		AuthorityRole   string    `json:"authority_role"`
		Need            string    `json:"need"`
		Urgency         string    `json:"urgency"`
		Timeline        string    `json:"timeline"`
		TimelineDate    time.Time `json:"timeline_date"`
		RepEstimate     int       `json:"rep_estimate"`
		Updated         time.Time `json:"updated"`
	} `json:"bant"`
	Notes []struct {
		Kind    string    `json:"kind"`
		URL     string    `json:"url"`
		Text    string    `json:"text"`
		Created time.Time `json:"created"`
		Updated time.Time `json:"updated"`
	} `json:"notes"`
	Callback *struct {
		At   time.Time `json:"at"`
		Note string    `json:"note"`
	} `json:"callback"`
	NextTouch time.Time `json:"next_touch"`
	Plan      *v1Plan   `json:"plan"`
	Score     struct {
		Total int       `json:"total"`
		Tier  string    `json:"tier"`
		At    time.Time `json:"scored_at"`
	} `json:"score"`
}

type v1Company struct {
	Name          string `json:"name"`
	Website       string `json:"website"`
	Industry      string `json:"industry"`
	Employees     int    `json:"employees"`
	AnnualRevenue int64  `json:"annual_revenue"`
	Country       string `json:"country"`
	PostalCode    string `json:"postal_code"`
	City          string `json:"city"`
}

type v1StageMove struct {
	From   string    `json:"from"`
	To     string    `json:"to"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
}

type v1Activity struct {
	Kind    string    `json:"kind"`
	At      time.Time `json:"at"`
	Outcome string    `json:"outcome"`
	Note    string    `json:"note"`
	Funnel  string    `json:"funnel"`
	By      string    `json:"by"`
}

type v1Plan struct {
	Team struct {
		Lead    string `json:"lead"`
		Members []struct {
			Name     string `json:"name"`
			Role     string `json:"role"`
			External bool   `json:"external"`
		} `json:"members"`
	} `json:"team"`
	Profile struct {
		BusinessAreas string `json:"business_areas"`
		Products      string `json:"products"`
		Financials    string `json:"financials"`
		Customers     string `json:"customers"`
		Competitors   string `json:"competitors"`
		ContactPoints string `json:"contact_points"`
	} `json:"profile"`
	Summary struct {
		Project         string `json:"project"`
		Budget          string `json:"budget"`
		Problems        string `json:"problems"`
		ActNow          string `json:"act_now"`
		Consequences    string `json:"consequences"`
		Schedule        string `json:"schedule"`
		ExpectedResults string `json:"expected_results"`
	} `json:"summary"`
	Milestones []struct {
		Name        string    `json:"name"`
		Due         time.Time `json:"due"`
		Calculation bool      `json:"calculation"`
		LegalReview bool      `json:"legal_review"`
		Owner       string    `json:"owner"`
		Done        bool      `json:"done"`
	} `json:"milestones"`
	KeyPersons []struct {
		Name        string `json:"name"`
		Title       string `json:"title"`
		Role        string `json:"role"`
		Familiarity int    `json:"familiarity"`
		Attitude    string `json:"attitude"`
		Opinion     string `json:"opinion"`
		Benefits    string `json:"benefits"`
		Criteria    string `json:"criteria"`
	} `json:"key_persons"`
	Competitors []struct {
		Name        string `json:"name"`
		History     string `json:"history"`
		Positioning string `json:"positioning"`
		Strategy    string `json:"strategy"`
		Strengths   string `json:"strengths"`
		Weaknesses  string `json:"weaknesses"`
		Objections  string `json:"objections"`
		PlanToWin   string `json:"plan_to_win"`
	} `json:"competitors"`
	Updated time.Time `json:"updated"`
}

// v1Names are schema 1's words for its enums, index = value.
var (
	v1Stages      = []string{"inquiry", "mql", "sal", "sql", "opportunity", "customer", "nurture", "disqualified"}
	v1Fits        = []string{"unrated", "good", "low", "none"}
	v1FitLabels   = []string{"unrated", "good fit", "low chance", "no fit"}
	v1Consents    = []string{"none", "opt-in", "double-opt-in", "withdrawn"}
	v1ConsentLbls = []string{"no consent", "opt-in", "double opt-in confirmed", "withdrawn"}
	v1Authority   = []string{"unknown", "decision-maker", "influencer", "user", "gatekeeper"}
	v1AuthLabels  = []string{"unknown", "decision maker", "influencer", "user", "gatekeeper"}
	v1Urgency     = []string{"", "low", "medium", "high"}
	v1NoteKinds   = []string{"other", "website", "team-page", "newsletter", "social", "press", "event"}
	v1Outcomes    = []string{"", "reached", "no-answer", "busy", "wrong-number", "callback"}
	v1Funnels     = []string{"", "awareness", "consideration", "decision"}
	// Touch kinds whose schema-1 names are schema 2's too.
	v1TouchKinds = map[string]domain.ActivityKind{
		"call": domain.KindCall, "email": domain.KindEmail, "meeting": domain.KindMeeting, "web-visit": domain.KindWebVisit,
		"blog": domain.KindBlogRead, "download": domain.KindDownload, "webinar": domain.KindWebinar,
		"demo-request": domain.KindDemoRequest, "quote-request": domain.KindQuoteRequest,
		"newsletter": domain.KindNewsletter, "event": domain.KindEvent,
	}
)

func indexOf(names []string, s string) int {
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return 0
}

// v1ToLead turns a schema-1 record and its activities into a lead. Values
// are copied as they are: old data is not validated on the way.
func v1ToLead(data, acts []byte) (*domain.Lead, error) {
	var v v1Lead
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	var activities []v1Activity
	if acts != nil {
		if err := json.Unmarshal(acts, &activities); err != nil {
			return nil, fmt.Errorf("its history %w: %v", ErrDamaged, err)
		}
	}
	l := &domain.Lead{
		ID: v.ID, Name: v.Name, Title: v.Title, Email: v.Email, Phone: v.Phone, Mobile: v.Mobile,
		Company: domain.Company{Name: v.Company.Name, Website: v.Company.Website, Industry: v.Company.Industry,
			Employees: v.Company.Employees, AnnualRevenue: v.Company.AnnualRevenue, Country: v.Company.Country,
			PostalCode: v.Company.PostalCode, City: v.Company.City},
		Source: v.Source, Owner: v.Owner, Created: v.Created, Updated: v.Updated,
		ExternalIDs: v.ExternalIDs, Custom: v.Custom,
		Stage: domain.Stage(indexOf(v1Stages, v.Stage)), Fit: domain.Fit(indexOf(v1Fits, v.Fit)), FitReason: v.FitReason,
		Consent:   domain.Consent{Status: domain.ConsentStatus(indexOf(v1Consents, v.Consent.Status)), Source: v.Consent.Source, Date: v.Consent.Date},
		NextTouch: v.NextTouch,
	}
	b := v.BANT
	l.BANT = domain.BANT{
		Authority: domain.Authority(indexOf(v1Authority, b.Authority)), AuthorityRole: b.AuthorityRole,
		Need: b.Need, Urgency: domain.Urgency(indexOf(v1Urgency, b.Urgency)),
		Timeline: b.Timeline, TimelineDate: b.TimelineDate, RepEstimate: b.RepEstimate, Updated: b.Updated,
	}
	if b.BudgetAmount > 0 {
		l.BANT.Budget = domain.Money{Cents: b.BudgetAmount * 100, Currency: b.BudgetCurrency}
		l.BANT.BudgetStatus = domain.BudgetEstimated
		if b.BudgetConfirmed {
			l.BANT.BudgetStatus = domain.BudgetConfirmed
		}
	}
	for _, n := range v.Notes {
		l.Notes = append(l.Notes, domain.Note{Kind: domain.NoteKind(indexOf(v1NoteKinds, n.Kind)), URL: n.URL, Text: n.Text, Created: n.Created, Updated: n.Updated})
	}
	if cb := v.Callback; cb != nil {
		l.Callback = &domain.Callback{At: cb.At, Note: cb.Note}
	}
	if p := v.Plan; p != nil {
		l.Plan = v1ToPlan(p)
	}
	tier, _ := domain.ParseTier(v.Score.Tier)
	l.Score = domain.ScoreResult{Total: v.Score.Total, Tier: tier, At: v.Score.At}

	moved := map[string]bool{} // the stage moves, which their activity repeats
	for _, m := range v.History {
		l.History = append(l.History, domain.Event{Kind: domain.EventStageMoved, At: m.At, By: m.By,
			Stage: &domain.StageMove{From: domain.Stage(indexOf(v1Stages, m.From)), To: domain.Stage(indexOf(v1Stages, m.To)), Reason: m.Reason}})
		moved[v1MoveNote(m)+"@"+m.At.UTC().String()] = true
	}
	for _, a := range activities {
		l.History = append(l.History, v1Event(a, moved)...)
	}
	domain.SortHistory(l.History)
	return l, nil
}

func v1ToPlan(p *v1Plan) *domain.OpportunityPlan {
	out := &domain.OpportunityPlan{Updated: p.Updated}
	out.Team.Lead = p.Team.Lead
	for _, m := range p.Team.Members {
		out.Team.Members = append(out.Team.Members, domain.TeamMember{Name: m.Name, Role: m.Role, External: m.External})
	}
	out.Profile = domain.CustomerProfile(p.Profile)
	out.Summary = domain.OpportunitySummary(p.Summary)
	for _, m := range p.Milestones {
		out.Milestones = append(out.Milestones, domain.Milestone(m))
	}
	for _, k := range p.KeyPersons {
		out.KeyPersons = append(out.KeyPersons, domain.KeyPerson(k))
	}
	for _, c := range p.Competitors {
		out.Competitors = append(out.Competitors, domain.Competitor(c))
	}
	return out
}

var v1StageLabels = []string{"Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Customer", "Nurture", "Disqualified"}

// v1MoveNote is the text schema 1 wrote into the activity that repeated a
// stage move.
func v1MoveNote(m v1StageMove) string {
	note := v1StageLabels[indexOf(v1Stages, m.From)] + " → " + v1StageLabels[indexOf(v1Stages, m.To)]
	if r := strings.TrimSpace(m.Reason); r != "" {
		note += ": " + r
	}
	return note
}

// v1Event turns one schema-1 activity into events: typed where its prose
// can be read, a remark with the text as it was otherwise.
func v1Event(a v1Activity, moved map[string]bool) []domain.Event {
	e := domain.Event{At: a.At, By: a.By}
	remark := func(text string) []domain.Event {
		e.Kind, e.Text = domain.EventRemark, text
		return []domain.Event{e}
	}
	switch a.Kind {
	case "stage-change":
		if moved[a.Note+"@"+a.At.UTC().String()] {
			return nil // the typed stage move says it, with from, to and reason
		}
		return remark(a.Note)
	case "fit-change":
		if f, ok := v1ParseFit(a.Note); ok {
			e.Kind, e.Fit = domain.EventFitSet, f
			return []domain.Event{e}
		}
		return remark(a.Note)
	case "bant-update":
		if ch, ok := v1ParseBANT(a.Note); ok {
			e.Kind, e.Changes = domain.EventBANTChanged, ch
			return []domain.Event{e}
		}
		return remark(a.Note)
	case "note":
		if c, ok := v1ParseConsent(a.Note, a.At.Location()); ok {
			e.Kind, e.Consent = domain.EventConsentChanged, c
			return []domain.Event{e}
		}
		return remark(a.Note)
	}
	kind, ok := v1TouchKinds[a.Kind]
	if !ok {
		return remark(strings.TrimSpace(a.Kind + " " + a.Note))
	}
	t := &domain.Touch{Kind: kind, Outcome: domain.CallOutcome(indexOf(v1Outcomes, a.Outcome)),
		Funnel: domain.FunnelStage(indexOf(v1Funnels, a.Funnel)), Note: a.Note}
	if kind == domain.KindCall && t.Outcome == domain.OutcomeCallback {
		if at, note, ok := v1ParseCallback(a.Note, a.At); ok {
			t.Callback, t.Note = at, note
		}
	}
	e.Kind, e.Touch = domain.EventTouch, t
	return []domain.Event{e}
}

// v1ParseFit reads "unrated → low chance: klein für uns".
func v1ParseFit(note string) (*domain.FitChange, bool) {
	from, rest, ok := strings.Cut(note, " → ")
	if !ok {
		return nil, false
	}
	to, reason, _ := strings.Cut(rest, ": ")
	f, t := indexOf(v1FitLabels, from), indexOf(v1FitLabels, to)
	if v1FitLabels[f] != from || v1FitLabels[t] != to {
		return nil, false
	}
	return &domain.FitChange{From: domain.Fit(f), To: domain.Fit(t), Reason: reason}, true
}

var v1Clause = regexp.MustCompile(`, (budget |budget removed|authority |need |need removed|urgency |timeline |timeline removed|rep's estimate )`)

// v1ParseBANT reads "budget 1,235 EUR (estimated), authority influencer
// (Leiter Technik), need Fassadenplanung (urgency medium), timeline Q3
// 2027, rep's estimate 60%" into the new values it names; the old values
// were not written down.
func v1ParseBANT(note string) ([]domain.FieldChange, bool) {
	var clauses []string
	rest := note
	for {
		loc := v1Clause.FindStringIndex(rest)
		if loc == nil {
			clauses = append(clauses, rest)
			break
		}
		clauses = append(clauses, rest[:loc[0]])
		rest = rest[loc[0]+2:]
	}
	var out []domain.FieldChange
	add := func(field, value string) { out = append(out, domain.FieldChange{Field: field, New: value}) }
	for _, c := range clauses {
		switch {
		case c == "budget removed":
			add("budget_status", domain.BudgetNotAsked.String())
			add("budget", "")
		case strings.HasPrefix(c, "budget "):
			amount, how, ok := strings.Cut(strings.TrimPrefix(c, "budget "), " (")
			how = strings.TrimSuffix(how, ")")
			fields := strings.Fields(amount)
			if !ok || len(fields) != 2 || (how != "estimated" && how != "confirmed") {
				return nil, false
			}
			n, err := strconv.ParseInt(strings.ReplaceAll(fields[0], ",", ""), 10, 64)
			if err != nil {
				return nil, false
			}
			add("budget_status", how)
			add("budget", domain.Money{Cents: n * 100, Currency: fields[1]}.String())
		case strings.HasPrefix(c, "authority "):
			label, role, _ := strings.Cut(strings.TrimPrefix(c, "authority "), " (")
			i := indexOf(v1AuthLabels, label)
			if v1AuthLabels[i] != label {
				return nil, false
			}
			add("authority", v1Authority[i])
			if role != "" {
				add("authority_role", strings.TrimSuffix(role, ")"))
			}
		case c == "need removed":
			add("need", "")
			add("urgency", "")
		case strings.HasPrefix(c, "need "):
			need := strings.TrimPrefix(c, "need ")
			if i := strings.LastIndex(need, " (urgency "); i >= 0 && strings.HasSuffix(need, ")") {
				add("need", need[:i])
				add("urgency", strings.TrimSuffix(need[i+len(" (urgency "):], ")"))
			} else {
				add("need", need)
			}
		case strings.HasPrefix(c, "urgency "):
			add("urgency", strings.TrimPrefix(c, "urgency "))
		case c == "timeline removed":
			add("timeline", "")
		case strings.HasPrefix(c, "timeline "):
			add("timeline", strings.TrimPrefix(c, "timeline "))
		case c == "rep's estimate removed":
			add("rep_estimate", "")
		case strings.HasPrefix(c, "rep's estimate "):
			add("rep_estimate", strings.TrimSuffix(strings.TrimPrefix(c, "rep's estimate "), "%"))
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// v1ParseConsent reads "consent no consent → opt-in (Messe-Formular, 20.11.2026)".
func v1ParseConsent(note string, loc *time.Location) (*domain.ConsentChange, bool) {
	rest, ok := strings.CutPrefix(note, "consent ")
	if !ok {
		return nil, false
	}
	from, rest, ok := strings.Cut(rest, " → ")
	if !ok {
		return nil, false
	}
	to, detail, _ := strings.Cut(rest, " (")
	fi, ti := indexOf(v1ConsentLbls, from), indexOf(v1ConsentLbls, to)
	if v1ConsentLbls[fi] != from || v1ConsentLbls[ti] != to {
		return nil, false
	}
	c := &domain.ConsentChange{From: domain.Consent{Status: domain.ConsentStatus(fi)}, To: domain.Consent{Status: domain.ConsentStatus(ti)}}
	detail = strings.TrimSuffix(detail, ")")
	if detail != "" {
		source := detail
		if i := strings.LastIndex(detail, ", "); i >= 0 || len(detail) == 10 {
			day := detail
			if i >= 0 {
				day, source = detail[i+2:], detail[:i]
			} else {
				source = ""
			}
			if d, err := time.ParseInLocation("02.01.2006", day, loc); err == nil {
				// Only the day was written: noon keeps it that day in every zone nearby.
				c.To.Date = d.Add(12 * time.Hour)
			} else {
				source = detail
			}
		}
		c.To.Source = source
	}
	return c, true
}

// v1ParseCallback reads "callback 21.11.2026 12:00: nach der Besprechung".
func v1ParseCallback(note string, at time.Time) (time.Time, string, bool) {
	rest, ok := strings.CutPrefix(note, "callback ")
	if !ok || len(rest) < 16 {
		return time.Time{}, note, false
	}
	when, err := time.ParseInLocation("02.01.2006 15:04", rest[:16], at.Location())
	if err != nil {
		return time.Time{}, note, false
	}
	return when, strings.TrimPrefix(rest[16:], ": "), true
}
