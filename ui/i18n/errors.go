package i18n

import (
	"fmt"
	"strings"
	"time"

	"leadq/domain"
)

// Error words an error for a person: a domain.Problem (anywhere in the
// chain) in the catalog's language with its values named the locale's
// way; any other error as it words itself.
func (c *Catalog) Error(err error) string {
	if err == nil {
		return ""
	}
	p, ok := domain.AsProblem(err)
	if !ok || !c.Has(p.ID) {
		return err.Error()
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = c.Value(a)
	}
	return fmt.Sprintf(c.T(p.ID), args...)
}

// Value is a typed value as the catalog words it: a stage or fit by its
// label, money and times the locale's way, an error by Error. Numbers and
// text stay as they are, for the message's verb to format.
func (c *Catalog) Value(v any) any {
	switch v := v.(type) {
	case domain.Stage:
		return c.Stage(v)
	case domain.Tier:
		return c.Tier(v)
	case domain.Fit:
		return c.Fit(v)
	case domain.ConsentStatus:
		return c.Consent(v)
	case domain.Authority:
		return c.Authority(v)
	case domain.Urgency:
		return c.Urgency(v)
	case domain.BudgetStatus:
		return c.Budget(v)
	case domain.CallOutcome:
		return c.Outcome(v)
	case domain.ActivityKind:
		return c.Activity(v)
	case domain.NoteKind:
		return c.NoteKind(v)
	case domain.FunnelStage:
		return c.Funnel(v)
	case domain.DueKind:
		return c.DueKind(v)
	case domain.StageList:
		names := make([]string, len(v))
		for i, s := range v {
			names[i] = c.Stage(s)
		}
		return strings.Join(names, ", ")
	case domain.Money:
		return c.Money(v)
	case time.Time:
		return c.DateTime(time.Now(), v)
	case domain.WeekdayTime:
		return c.DateTime(time.Now(), time.Time(v))
	case domain.Day:
		return c.DayMonth(time.Now(), time.Time(v))
	case error:
		return c.Error(v)
	}
	return v
}
