// Package words makes the sentences leadq shows for its typed data: the
// one place the lead screen and leadq show word a history event, so both
// read alike, in the catalog's language.
package words

import (
	"strconv"
	"strings"
	"time"

	"leadq/domain"
	"leadq/ui/i18n"
)

// Event words one history event: what happened ("Call", "Stage move") and
// the detail. Times are shown in loc.
func Event(c *i18n.Catalog, e *domain.Event, loc *time.Location) (what, detail string) {
	switch e.Kind {
	case domain.EventRemark:
		return c.T("history.remark"), e.Text
	case domain.EventCreated:
		return c.T("history.created"), ""
	case domain.EventImported:
		return c.T("history.imported"), importText(c, e.Import)
	case domain.EventMerged:
		return c.T("history.merged"), join(" — ", importText(c, e.Import), changesText(c, e.Changes))
	case domain.EventTouch:
		return touchText(c, e.Touch, loc)
	case domain.EventStageMoved:
		s := e.Stage
		return c.T("history.stage-move"), join(" — ", c.Stage(s.From)+" → "+c.Stage(s.To), s.Reason)
	case domain.EventFitSet:
		f := e.Fit
		return c.T("history.fit"), join(" — ", c.Fit(f.From)+" → "+c.Fit(f.To), f.Reason)
	case domain.EventBANTChanged:
		return c.T("history.bant"), changesText(c, e.Changes)
	case domain.EventConsentChanged:
		cc := e.Consent
		return c.T("history.consent"), c.Consent(cc.From.Status) + " → " + ConsentText(c, cc.To, loc)
	case domain.EventContactEdited:
		return c.T("history.contact-edited"), changesText(c, e.Changes)
	case domain.EventNoteAdded:
		return c.T("history.note-added"), noteText(c, e.Note.New)
	case domain.EventNoteEdited:
		return c.T("history.note-edited"), noteText(c, e.Note.New)
	case domain.EventNoteDeleted:
		return c.T("history.note-deleted"), noteText(c, e.Note.Old)
	case domain.EventPlanChanged:
		return c.T("history.plan"), planText(c, e.Plan)
	case domain.EventFollowUpSet:
		return c.T("history.follow-up"), scheduleText(c, e.Schedule, loc)
	case domain.EventCallbackChanged:
		return c.T("history.callback"), scheduleText(c, e.Schedule, loc)
	}
	return e.Kind.String(), ""
}

// Join joins the parts that are not blank with sep.
func Join(sep string, parts ...string) string { return join(sep, parts...) }

func join(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func touchText(c *i18n.Catalog, t *domain.Touch, loc *time.Location) (string, string) {
	what := c.Activity(t.Kind)
	var parts []string
	if t.Outcome != domain.OutcomeNone {
		parts = append(parts, c.Outcome(t.Outcome))
	}
	if t.Funnel != domain.FunnelNone {
		parts = append(parts, "("+c.Funnel(t.Funnel)+")")
	}
	head := strings.Join(parts, " ")
	if !t.Callback.IsZero() {
		head = join(" ", head, c.Stamp(t.Callback, loc))
	}
	detail := join(" — ", head, t.Note)
	if t.Outcome == domain.OutcomeWrongNumber {
		detail = join(" — ", detail, c.T("history.check-numbers"))
	}
	return what, detail
}

// ConsentText is a consent with where and when it was given.
func ConsentText(c *i18n.Catalog, cs domain.Consent, loc *time.Location) string {
	s := c.Consent(cs.Status)
	date := ""
	if !cs.Date.IsZero() {
		date = c.Date(cs.Date.In(loc))
	}
	if d := join(", ", cs.Source, date); d != "" {
		s += " (" + d + ")"
	}
	return s
}

func noteText(c *i18n.Catalog, n *domain.NoteText) string {
	if n == nil {
		return ""
	}
	return join(": ", c.NoteKind(n.Kind), join("  ", firstLine(n.Text), n.URL))
}

func firstLine(s string) string {
	line, rest, _ := strings.Cut(s, "\n")
	if rest != "" {
		return line + " …"
	}
	return line
}

// fieldLabels name the fields an edit or BANT change names.
var fieldLabels = map[string]string{
	"salutation": "salutation", "first_name": "first name", "last_name": "last name", "name": "name", "title": "title",
	"email": "email", "phone": "phone", "mobile": "mobile", "company": "company", "website": "website",
	"industry": "industry", "employees": "employees", "annual_revenue": "revenue", "street": "street",
	"postal_code": "postal code", "city": "city", "country": "country", "source": "source", "owner": "owner",
	"budget_status": "budget", "budget": "amount", "authority": "authority", "authority_role": "role",
	"need": "need", "urgency": "urgency", "timeline": "timeline", "rep_estimate": "rep's estimate",
}

// FieldLabel is the English word for a field name; custom fields keep
// their key. Field is the same in the catalog's language.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// Fields are the lead fields that have a word of their own in the
// catalog: those an edit names, and those a fit rule tests.
var Fields = []string{
	"salutation", "first_name", "last_name", "name", "title", "email", "phone", "mobile", "company", "website",
	"industry", "employees", "annual_revenue", "revenue", "street", "postal_code", "city", "country", "source",
	"owner", "budget_status", "budget", "authority", "authority_role", "need", "urgency", "timeline",
	"rep_estimate", "role", "email_domain",
}

var knownField = func() map[string]bool {
	m := make(map[string]bool, len(Fields))
	for _, f := range Fields {
		m[f] = true
	}
	return m
}()

// Field is the word for a field name in the catalog's language; custom
// fields and names from a newer leadq keep their key.
func Field(c *i18n.Catalog, field string) string {
	if knownField[field] {
		return c.T("history.field." + field)
	}
	return field
}

func changesText(c *i18n.Catalog, changes []domain.FieldChange) string {
	parts := make([]string, 0, len(changes))
	for _, ch := range changes {
		parts = append(parts, changeText(c, ch))
	}
	return strings.Join(parts, ", ")
}

func changeText(c *i18n.Catalog, ch domain.FieldChange) string {
	label := Field(c, ch.Field)
	switch {
	case ch.New == "":
		return c.F("history.removed", label)
	case ch.Old == "":
		return c.F("history.set", label, valueText(c, ch.Field, ch.New))
	}
	return c.F("history.changed", label, valueText(c, ch.Field, ch.Old), valueText(c, ch.Field, ch.New))
}

// valueText words a field's machine value.
func valueText(c *i18n.Catalog, field, v string) string {
	switch field {
	case "budget_status":
		if s, err := domain.ParseBudgetStatus(v); err == nil {
			return c.Budget(s)
		}
	case "authority":
		var a domain.Authority
		if a.UnmarshalText([]byte(v)) == nil && v != "" {
			return c.Authority(a)
		}
	case "urgency":
		var u domain.Urgency
		if u.UnmarshalText([]byte(v)) == nil && v != "" {
			return c.Urgency(u)
		}
	case "budget":
		if m, err := domain.ParseMoney(v); err == nil && v != "" {
			return c.Money(m)
		}
	case "rep_estimate":
		if n, err := strconv.Atoi(v); err == nil {
			return c.Percent(n)
		}
	}
	return v
}

// PlanSections are the plan's sections that have a title in the catalog.
var PlanSections = []string{"team", "profile", "summary", "milestones", "persons", "competition"}

// PlanSection is a plan section's title in the catalog's language, or
// its key when it is unknown.
func PlanSection(c *i18n.Catalog, key string) string {
	for _, s := range PlanSections {
		if s == key {
			return c.T("md.section." + key)
		}
	}
	return key
}

func planText(c *i18n.Catalog, p *domain.PlanChange) string {
	if p.Action == domain.PlanStarted {
		return c.T("history.plan-started")
	}
	what := PlanSection(c, p.Section)
	if part := join(" ", PlanField(c, p.Field), p.Item); part != "" {
		what = join(": ", what, part)
	}
	switch p.Action {
	case domain.PlanAdded:
		return c.F("history.plan-added", what)
	case domain.PlanDeleted:
		return c.F("history.plan-deleted", what)
	case domain.PlanMovedUp:
		return c.F("history.plan-moved-up", what)
	case domain.PlanMovedDown:
		return c.F("history.plan-moved-down", what)
	}
	return c.F("history.plan-edited", what)
}

// planFieldLabels name the text fields of the plan's sections.
var planFieldLabels = map[string]string{
	"lead": "team lead", "business_areas": "business areas", "products": "products", "financials": "financial data",
	"customers": "their customers", "competitors": "their competitors", "contact_points": "main contact points",
	"project": "project", "budget": "budget for the project", "problems": "problems we solve",
	"act_now": "act now or wait", "consequences": "consequences of not acting", "schedule": "their schedule",
	"expected_results": "expected results",
}

// PlanFieldLabel is the English word for a plan field's name; unknown
// names are kept. PlanField is the same in the catalog's language.
func PlanFieldLabel(field string) string {
	if l, ok := planFieldLabels[field]; ok {
		return l
	}
	return field
}

// PlanField is the word for a plan field's name in the catalog's
// language; unknown names are kept.
func PlanField(c *i18n.Catalog, field string) string {
	if _, ok := planFieldLabels[field]; ok {
		return c.T("history.plan-field." + field)
	}
	return field
}

func scheduleText(c *i18n.Catalog, s *domain.ScheduleChange, loc *time.Location) string {
	var t string
	switch {
	case s.New.IsZero():
		t = c.T("history.schedule-cleared")
	case s.Old.IsZero():
		t = c.F("history.schedule-set", c.Stamp(s.New, loc))
	default:
		t = c.F("history.schedule-moved", c.Stamp(s.New, loc))
	}
	return join(" — ", t, s.Note)
}

func importText(c *i18n.Catalog, im *domain.ImportSource) string {
	if im == nil {
		return ""
	}
	s := im.File
	if im.Line > 0 {
		s = c.F("history.import-line", s, im.Line)
	}
	return join(" · ", s, im.System, im.ExternalID)
}
