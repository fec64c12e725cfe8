// Package words makes the sentences leadq shows for its typed data: the
// one place the lead screen and leadq show word a history event, so both
// read alike.
package words

import (
	"fmt"
	"strings"
	"time"

	"leadq/domain"
)

// Event words one history event: what happened ("Call", "Stage move") and
// the detail. Times are shown in loc.
func Event(e *domain.Event, loc *time.Location) (what, detail string) {
	switch e.Kind {
	case domain.EventRemark:
		return "Remark", e.Text
	case domain.EventCreated:
		return "Created", ""
	case domain.EventImported:
		return "Imported", importText(e.Import)
	case domain.EventMerged:
		return "Merged", join(" — ", importText(e.Import), changesText(e.Changes, loc))
	case domain.EventTouch:
		return touchText(e.Touch, loc)
	case domain.EventStageMoved:
		s := e.Stage
		return "Stage move", join(" — ", s.From.Label()+" → "+s.To.Label(), s.Reason)
	case domain.EventFitSet:
		f := e.Fit
		return "Fit", join(" — ", f.From.Label()+" → "+f.To.Label(), f.Reason)
	case domain.EventBANTChanged:
		return "BANT", changesText(e.Changes, loc)
	case domain.EventConsentChanged:
		c := e.Consent
		return "Consent", c.From.Status.Label() + " → " + consentText(c.To, loc)
	case domain.EventContactEdited:
		return "Contact edited", changesText(e.Changes, loc)
	case domain.EventNoteAdded:
		return "Note added", noteText(e.Note.New)
	case domain.EventNoteEdited:
		return "Note edited", noteText(e.Note.New)
	case domain.EventNoteDeleted:
		return "Note deleted", noteText(e.Note.Old)
	case domain.EventPlanChanged:
		return "Plan", planText(e.Plan)
	case domain.EventFollowUpSet:
		return "Follow-up", scheduleText(e.Schedule, loc)
	case domain.EventCallbackChanged:
		return "Callback", scheduleText(e.Schedule, loc)
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

// Stamp is a time on a lead page: day and time, with the year.
func Stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02.01.2006 15:04")
}

// Day is a date on a lead page.
func Day(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02.01.2006")
}

func touchText(t *domain.Touch, loc *time.Location) (string, string) {
	what := t.Kind.Label()
	var parts []string
	if t.Outcome != domain.OutcomeNone {
		parts = append(parts, t.Outcome.Label())
	}
	if t.Funnel != domain.FunnelNone {
		parts = append(parts, "("+t.Funnel.String()+")")
	}
	head := strings.Join(parts, " ")
	if !t.Callback.IsZero() {
		head = join(" ", head, Stamp(t.Callback, loc))
	}
	detail := join(" — ", head, t.Note)
	if t.Outcome == domain.OutcomeWrongNumber {
		detail = join(" — ", detail, "check the phone numbers")
	}
	return what, detail
}

func consentText(c domain.Consent, loc *time.Location) string {
	s := c.Status.Label()
	if d := join(", ", c.Source, Day(c.Date, loc)); d != "" {
		s += " (" + d + ")"
	}
	return s
}

func noteText(n *domain.NoteText) string {
	if n == nil {
		return ""
	}
	return join(": ", n.Kind.Label(), join("  ", firstLine(n.Text), n.URL))
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

// FieldLabel is the word for a field name; custom fields keep their key.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

func changesText(changes []domain.FieldChange, loc *time.Location) string {
	parts := make([]string, 0, len(changes))
	for _, c := range changes {
		parts = append(parts, changeText(c))
	}
	return strings.Join(parts, ", ")
}

func changeText(c domain.FieldChange) string {
	label := FieldLabel(c.Field)
	old, new := valueText(c.Field, c.Old), valueText(c.Field, c.New)
	switch {
	case c.New == "":
		return label + " removed"
	case c.Old == "":
		return label + " " + new
	}
	return fmt.Sprintf("%s %s → %s", label, old, new)
}

// valueText words a field's machine value.
func valueText(field, v string) string {
	switch field {
	case "budget_status":
		if s, err := domain.ParseBudgetStatus(v); err == nil {
			return s.Label()
		}
	case "authority":
		var a domain.Authority
		if a.UnmarshalText([]byte(v)) == nil && v != "" {
			return a.Label()
		}
	case "budget":
		if m, err := domain.ParseMoney(v); err == nil && v != "" {
			return domain.FormatMoney(m, false)
		}
	case "rep_estimate":
		if v != "" {
			return v + "%"
		}
	}
	return v
}

func planText(p *domain.PlanChange) string {
	if p.Action == domain.PlanStarted {
		return "started"
	}
	what := domain.PlanSectionTitle(p.Section)
	if part := join(" ", PlanFieldLabel(p.Field), p.Item); part != "" {
		what = join(": ", what, part)
	}
	switch p.Action {
	case domain.PlanAdded:
		return what + " added"
	case domain.PlanDeleted:
		return what + " deleted"
	case domain.PlanMovedUp:
		return what + " moved up"
	case domain.PlanMovedDown:
		return what + " moved down"
	}
	return what + " edited"
}

// planFieldLabels name the text fields of the plan's sections.
var planFieldLabels = map[string]string{
	"lead": "team lead", "business_areas": "business areas", "products": "products", "financials": "financial data",
	"customers": "their customers", "competitors": "their competitors", "contact_points": "main contact points",
	"project": "project", "budget": "budget for the project", "problems": "problems we solve",
	"act_now": "act now or wait", "consequences": "consequences of not acting", "schedule": "their schedule",
	"expected_results": "expected results",
}

// PlanFieldLabel is the word for a plan field's name; unknown names are kept.
func PlanFieldLabel(field string) string {
	if l, ok := planFieldLabels[field]; ok {
		return l
	}
	return field
}

func scheduleText(s *domain.ScheduleChange, loc *time.Location) string {
	var t string
	switch {
	case s.New.IsZero():
		t = "cleared"
	case s.Old.IsZero():
		t = "set for " + Stamp(s.New, loc)
	default:
		t = "moved to " + Stamp(s.New, loc)
	}
	return join(" — ", t, s.Note)
}

func importText(im *domain.ImportSource) string {
	if im == nil {
		return ""
	}
	s := im.File
	if im.Line > 0 {
		s = fmt.Sprintf("%s line %d", s, im.Line)
	}
	return join(" · ", s, im.System, im.ExternalID)
}
