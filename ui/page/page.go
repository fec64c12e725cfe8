// Package page is the one lead page that leadq show prints and the lead
// screen shows: every label and value already worded by the catalog, so
// the two read alike in every language and differ only in layout (plain
// aligned text for the command line, styles and wrapping on the screen).
package page

import (
	"sort"
	"strings"
	"time"

	"leadq/domain"
	"leadq/ui/i18n"
	"leadq/ui/words"
)

// Page is a lead worded for a person.
type Page struct {
	ID      uint64
	Name    string // salutation and name
	Title   string // the contact's job title
	Tier    domain.Tier
	InQueue bool
	Badge   string // "HOT 90", "HEISS 90"
	Company string
	Address string
	Facts   []Field // what the lead is, in the order both renderers show it
	// Sections follow the facts: why this score, BANT, notes, custom
	// fields, the plan and the history.
	Sections []Section
}

// Group says which facts the lead screen puts on one line.
type Group uint8

const (
	GroupCompany Group = iota // industry, size, website
	GroupContact              // email, phones
	GroupStatus               // stage, fit, consent, queue
	GroupMeta                 // source, owner, dates
)

// Field is a labelled value.
type Field struct {
	Label, Value string
	Group        Group
	Strong       bool // the lead screen sets it off: the stage
}

// Kind is what a section line is.
type Kind uint8

const (
	LineField  Kind = iota // Label and Value
	LineText               // Value alone, a remark such as "none yet"
	LineRule               // a fired rule: Label its part, Points, Value its reason
	LineNote               // an enrichment note: Stamp, Label its kind, URL, Value its text
	LineEvent              // a history event: Stamp, Label what, Value the detail and who
	LineCustom             // a custom field: Label its key, Value its value, unaligned
)

// Line is one line of a section; a Value may hold several lines of text,
// which the renderers indent under the first.
type Line struct {
	Kind   Kind
	Label  string
	Value  string
	Points string // LineRule
	Stamp  string // LineNote, LineEvent
	URL    string // LineNote
	Muted  bool   // a remark rather than content
}

// Section is a titled part of the page.
type Section struct {
	Title string
	Lines []Line
}

// Build words the lead at now in the catalog's language. Times are shown
// in now's location.
func Build(c *i18n.Catalog, l *domain.Lead, now time.Time) *Page {
	loc := now.Location()
	p := &Page{
		ID:      l.ID,
		Name:    strings.TrimSpace(l.Salutation + " " + l.DisplayName()),
		Title:   l.Title,
		Tier:    l.Score.Tier,
		InQueue: l.InQueue(),
		Badge:   c.Badge(l.Score.Tier, l.InQueue()) + " " + c.Number(l.Score.Total),
		Company: l.Company.Name,
	}
	co := l.Company
	p.Address = words.Join(", ", co.Street, words.Join(" ", co.PostalCode, co.City))
	if co.Country != "" {
		p.Address = words.Join(" ", p.Address, "("+co.Country+")")
	}
	fact := func(g Group, id, value string) {
		if strings.TrimSpace(value) != "" {
			p.Facts = append(p.Facts, Field{Label: c.T(id), Value: value, Group: g})
		}
	}
	fact(GroupCompany, "lead.industry", co.Industry)
	size := ""
	if co.Employees > 0 {
		size = c.N("lead.employees", co.Employees)
	}
	if co.AnnualRevenue > 0 {
		size = words.Join(", ", size, c.F("lead.revenue", c.Amount(co.AnnualRevenue, "EUR")))
	}
	fact(GroupCompany, "lead.size", size)
	fact(GroupCompany, "lead.website", co.Website)
	fact(GroupContact, "lead.email", l.Email)
	fact(GroupContact, "lead.phone", l.Phone)
	fact(GroupContact, "lead.mobile", l.Mobile)
	fact(GroupStatus, "lead.stage", c.Stage(l.Stage))
	p.Facts[len(p.Facts)-1].Strong = true
	fact(GroupStatus, "lead.fit", words.Join(" – ", c.Fit(l.Fit), l.FitReason))
	fact(GroupStatus, "lead.consent", words.ConsentText(c, l.Consent, loc))
	if !l.InQueue() {
		fact(GroupStatus, "lead.queue", c.T("lead.out-of-queue"))
	}
	fact(GroupMeta, "lead.source", l.Source)
	fact(GroupMeta, "lead.owner", l.Owner)
	fact(GroupMeta, "lead.came-in", c.Stamp(l.Created, loc))
	if lt := l.LastTouch(); lt.After(l.Created) {
		if now.Sub(lt) < time.Minute {
			fact(GroupMeta, "lead.last-touch", c.T("lead.just-now"))
		} else {
			fact(GroupMeta, "lead.last-touch", c.F("lead.ago", c.Ago(now, lt)))
		}
	}
	if l.Callback != nil {
		fact(GroupMeta, "lead.callback", words.Join(" — ", c.When(now, l.Callback.At), l.Callback.Note))
	}
	if !l.NextTouch.IsZero() {
		fact(GroupMeta, "lead.follow-up", c.When(now, l.NextTouch))
	}

	p.Sections = append(p.Sections, whyScore(c, l, loc), bant(c, l.BANT, now), notes(c, l.Notes, loc))
	if len(l.Custom) > 0 {
		p.Sections = append(p.Sections, custom(c, l.Custom))
	}
	p.Sections = append(p.Sections, plan(c, l.Plan, loc), history(c, l, loc))
	return p
}

func field(c *i18n.Catalog, id, value string) Line {
	return Line{Kind: LineField, Label: c.T(id), Value: value}
}

func remark(text string) Line { return Line{Kind: LineText, Value: text, Muted: true} }

func whyScore(c *i18n.Catalog, l *domain.Lead, loc *time.Location) Section {
	sc := l.Score
	s := Section{Title: c.T("lead.why")}
	s.Lines = append(s.Lines, field(c, "lead.score",
		c.F("score.sum", c.Number(sc.Total), c.Decimal(sc.Fit, 1), c.Decimal(sc.Engagement, 1), c.Decimal(sc.BANT, 1))))
	if !sc.At.IsZero() {
		s.Lines = append(s.Lines, field(c, "lead.scored", c.Stamp(sc.At, loc)))
	}
	if len(sc.Rules) == 0 {
		s.Lines = append(s.Lines, remark(c.T("score.none")))
	}
	for _, r := range sc.Rules {
		s.Lines = append(s.Lines, Line{Kind: LineRule, Label: Part(c, r.Part), Points: c.Signed(r.Points, 1), Value: Rule(c, r)})
	}
	return s
}

// Part is the part of the score a rule adds to: "Passung", "Engagement".
func Part(c *i18n.Catalog, part string) string {
	switch part {
	case "fit":
		return c.T("score.part-fit")
	case "engagement":
		return c.T("score.part-engagement")
	case "bant":
		return c.T("score.part-bant")
	}
	return part
}

// Rule is why a rule fired, in the catalog's language: a name from the
// config as written, a default rule or a generated reason in words, and,
// for a rule fed by several touches, how many.
func Rule(c *i18n.Catalog, r domain.FiredRule) string {
	text := reason(c, r)
	if r.Count > 1 {
		text = c.F("score.count", text, c.Number(r.Count))
	}
	return text
}

func reason(c *i18n.Catalog, r domain.FiredRule) string {
	w := r.Says
	switch w.Says {
	case domain.SaysDefault:
		if id := "score.rule." + w.Key; c.Has(id) {
			return c.T(id)
		}
	case domain.SaysRange:
		lo, hi := "", ""
		if w.Min != nil {
			lo = c.Decimal(*w.Min, 6)
		}
		if w.Max != nil {
			hi = c.Decimal(*w.Max, 6)
		}
		return c.F("score.range", ruleField(c, w.Field), lo, hi)
	case domain.SaysIn:
		return c.F("score.in", ruleField(c, w.Field), strings.Join(w.Values, ", "))
	case domain.SaysContains:
		return c.F("score.contains", ruleField(c, w.Field), strings.Join(w.Values, "/"))
	case domain.SaysActivity:
		s := c.Activity(w.Kind)
		if w.Funnel != domain.FunnelNone {
			s = c.F("score.funnel", s, c.Funnel(w.Funnel))
		}
		if w.Every > 1 {
			s = c.F("score.per", s, c.Number(w.Every))
		}
		return s
	case domain.SaysBANTAnswered:
		return c.F("score.bant-answered", c.Number(w.N))
	case domain.SaysBANTComplete:
		return c.T("score.bant-complete")
	case domain.SaysBudgetConfirmed:
		return c.T("score.budget-confirmed")
	case domain.SaysDecisionMaker:
		return c.T("score.decision-maker")
	case domain.SaysLowFit:
		return c.F("score.low-fit", c.Decimal(w.Factor, 2))
	}
	return r.Rule
}

// ruleField is a fit rule's field: its word, or a custom field's key.
func ruleField(c *i18n.Catalog, f string) string {
	if key, ok := strings.CutPrefix(f, "custom."); ok {
		return key
	}
	return words.Field(c, f)
}

func bant(c *i18n.Catalog, b domain.BANT, now time.Time) Section {
	s := Section{Title: c.T("lead.bant")}
	if b.Answered() == 0 && b.RepEstimate < 0 {
		s.Lines = append(s.Lines, remark(c.T("lead.none-yet")))
		return s
	}
	add := func(id, value string) {
		if strings.TrimSpace(value) != "" {
			s.Lines = append(s.Lines, field(c, id, value))
		}
	}
	switch {
	case b.HasBudget():
		add("lead.budget", c.Money(b.Budget)+", "+c.Budget(b.BudgetStatus))
	case b.BudgetAnswered():
		add("lead.budget", c.Budget(b.BudgetStatus))
	}
	if b.HasAuthority() {
		role := ""
		if b.AuthorityRole != "" {
			role = "(" + b.AuthorityRole + ")"
		}
		add("lead.authority", words.Join(" ", c.Authority(b.Authority), role))
	}
	if b.HasNeed() {
		need := b.Need
		if b.Urgency != domain.UrgencyUnknown {
			need += " " + c.F("lead.urgency", c.Urgency(b.Urgency))
		}
		add("lead.need", need)
	}
	add("lead.timeline", b.Timeline)
	add("lead.answered", c.F("lead.answered-of", c.Number(b.Answered())))
	prob := c.F("lead.computed", c.Percent(b.Probability(now)))
	if b.RepEstimate >= 0 {
		prob += " · " + c.F("lead.estimate", c.Percent(b.RepEstimate))
	}
	add("lead.purchase", prob)
	return s
}

func notes(c *i18n.Catalog, ns []domain.Note, loc *time.Location) Section {
	s := Section{Title: c.T("lead.notes")}
	if len(ns) == 0 {
		s.Lines = append(s.Lines, remark(c.T("lead.none-yet")))
	}
	idx := make([]int, len(ns))
	for i := range idx {
		idx[i] = len(idx) - 1 - i
	}
	// Notes are appended as they are written, so reversed is newest first;
	// a stable sort keeps that for equal times.
	sort.SliceStable(idx, func(a, b int) bool { return ns[idx[a]].Created.After(ns[idx[b]].Created) })
	for _, i := range idx {
		n := ns[i]
		date := ""
		if !n.Created.IsZero() {
			date = c.Date(n.Created.In(loc))
		}
		s.Lines = append(s.Lines, Line{Kind: LineNote, Stamp: date, Label: c.NoteKind(n.Kind), URL: n.URL, Value: n.Text})
	}
	return s
}

func custom(c *i18n.Catalog, fields map[string]string) Section {
	s := Section{Title: c.T("lead.custom")}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s.Lines = append(s.Lines, Line{Kind: LineCustom, Label: k, Value: fields[k]})
	}
	return s
}

func plan(c *i18n.Catalog, pl *domain.OpportunityPlan, loc *time.Location) Section {
	s := Section{Title: c.T("lead.plan")}
	if pl == nil {
		s.Lines = append(s.Lines, remark(c.T("lead.no-plan")))
		return s
	}
	add := func(id, value string) {
		if strings.TrimSpace(value) != "" {
			s.Lines = append(s.Lines, field(c, id, value))
		}
	}
	add("lead.team-lead", pl.Team.Lead)
	add("lead.project", pl.Summary.Project)
	add("lead.budget", pl.Summary.Budget)
	for _, m := range pl.Milestones {
		due, done := "", ""
		if !m.Due.IsZero() {
			due = c.Date(m.Due.In(loc))
		}
		if m.Done {
			done = c.T("lead.done")
		}
		add("lead.milestone", words.Join(" — ", m.Name, due, done))
	}
	for _, k := range pl.KeyPersons {
		add("lead.key-person", words.Join(" — ", k.Name, domain.RoleWord(c, k.Role)))
	}
	for _, co := range pl.Competitors {
		add("lead.competitor", co.Name)
	}
	if len(s.Lines) == 0 {
		s.Lines = append(s.Lines, remark(c.T("lead.nothing-yet")))
	}
	return s
}

func history(c *i18n.Catalog, l *domain.Lead, loc *time.Location) Section {
	s := Section{Title: c.T("lead.history")}
	if len(l.History) == 0 {
		s.Lines = append(s.Lines, remark(c.T("lead.nothing-yet")))
	}
	for _, e := range l.NewestFirst() {
		what, detail := words.Event(c, e, loc)
		if e.By != "" {
			detail = words.Join(" ", detail, "("+e.By+")")
		}
		s.Lines = append(s.Lines, Line{Kind: LineEvent, Stamp: c.Stamp(e.At, loc), Label: what, Value: detail})
	}
	return s
}
