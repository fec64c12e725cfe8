package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/ui/i18n"
)

// The opportunity plan is a document of six sections; each section has
// text fields, a list, or both. A spec says how to show and edit them, so
// one cursor, one set of keys and one save path serve every section.

// planField is one text field of a section.
type planField struct {
	key   string // its name in the history, e.g. "problems"
	label string // its message id
	long  bool   // multi-line
	get   func(p *domain.OpportunityPlan) string
	set   func(p *domain.OpportunityPlan, v string)
}

// planList is the list of a section: members, milestones, persons or
// competitors.
type planList struct {
	section string // the section it belongs to
	words   planListWords
	header  []string // message ids of the columns
	weight  []int    // relative column widths
	count   func(p *domain.OpportunityPlan) int
	name    func(p *domain.OpportunityPlan, i int) string // how the history names item i
	cells   func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, now time.Time) []string
	detail  func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, now time.Time) []string
	form    func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, now time.Time) *editor // i < 0: a new one
	del     func(p *domain.OpportunityPlan, i int) error
	move    func(p *domain.OpportunityPlan, i, delta int) error
}

// planListWords are the message ids that name a list's entries: each
// language has its own gender and plural, so each list has its own.
type planListWords struct {
	noun    string // "milestone"
	add     string // "New milestone"
	edit    string // "Edit milestone"
	empty   string // "no milestones yet: %s adds one"
	del     string // "Delete this milestone? %s"
	deleted string // "milestone deleted"
}

type planSpec struct {
	key    string
	fields []planField
	list   *planList
}

func textField(key, label string, long bool, ptr func(p *domain.OpportunityPlan) *string) planField {
	return planField{key: key, label: label, long: long,
		get: func(p *domain.OpportunityPlan) string { return *ptr(p) },
		set: func(p *domain.OpportunityPlan, v string) { *ptr(p) = v }}
}

var planSpecs = map[string]planSpec{
	"team": {key: "team", fields: []planField{
		textField("lead", "plan.field.lead", false, func(p *domain.OpportunityPlan) *string { return &p.Team.Lead }),
	}, list: memberList},
	"profile": {key: "profile", fields: []planField{
		textField("business_areas", "plan.field.business-areas", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.BusinessAreas }),
		textField("products", "plan.field.products", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Products }),
		textField("financials", "plan.field.financials", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Financials }),
		textField("customers", "plan.field.customers", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Customers }),
		textField("competitors", "plan.field.competitors", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Competitors }),
		textField("contact_points", "plan.field.contact-points", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.ContactPoints }),
	}},
	"summary": {key: "summary", fields: []planField{
		textField("project", "plan.field.project", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Project }),
		textField("budget", "plan.field.budget", false, func(p *domain.OpportunityPlan) *string { return &p.Summary.Budget }),
		textField("problems", "plan.field.problems", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Problems }),
		textField("act_now", "plan.field.act-now", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.ActNow }),
		textField("consequences", "plan.field.consequences", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Consequences }),
		textField("schedule", "plan.field.schedule", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Schedule }),
		textField("expected_results", "plan.field.expected-results", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.ExpectedResults }),
	}},
	"milestones":  {key: "milestones", list: milestoneList},
	"persons":     {key: "persons", list: personList},
	"competition": {key: "competition", list: competitorList},
}

// planChange wraps a plan edit as a lead change: EditPlan starts the plan
// from the lead on its first edit and records what changed.
func planChange(tr *i18n.Catalog, what string, pc domain.PlanChange, edit func(p *domain.OpportunityPlan) error) change {
	return change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
		return l.EditPlanStarting(planStart(tr), pc, edit, now, by)
	}}
}

// planStart starts a plan from the lead as domain.NewPlanFromLead does,
// with the budget written in the rep's language: "50.000 € (bestätigt)".
func planStart(tr *i18n.Catalog) func(*domain.Lead) *domain.OpportunityPlan {
	return func(l *domain.Lead) *domain.OpportunityPlan {
		p := domain.NewPlanFromLead(l)
		switch b := l.BANT; {
		case b.BudgetStatus == domain.BudgetNone:
			p.Summary.Budget = tr.Budget(domain.BudgetNone)
		case b.HasBudget():
			p.Summary.Budget = tr.F("plan.start.budget", tr.Money(b.Budget), tr.Budget(b.BudgetStatus))
		}
		return p
	}
}

// unchanged is a plan edit of a form saved as it was: nothing to write.
func unchanged(*domain.OpportunityPlan) error { return domain.ErrNothingChanged }

// yesNo is a yes/no question whose answer reads as a word, so it stays
// visible without colour (huh's Confirm shows it by colour alone). Yes is
// on the left, as on a Confirm.
func yesNo(tr *i18n.Catalog, title string, v *bool) huh.Field {
	return choose(huh.NewSelect[bool]().Title(title).Inline(true), v, huh.NewOption(tr.T("plan.yes"), true), huh.NewOption(tr.T("plan.no"), false))
}

func yesNoText(b bool, yes string) string {
	if b {
		return yes
	}
	return "—"
}

// milestoneDue is a milestone's due day in the list: day and month, the year
// when it is not this year's.
func milestoneDue(tr *i18n.Catalog, now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return tr.DayMonth(now, t)
}

// dateText is a due day as the form offers it to edit: a date that
// ParseTimeline reads back in either language.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02.01.2006")
}

// parseDue reads a due date in the formats BANT's timeline accepts.
func parseDue(s string, now time.Time) (time.Time, error) {
	_, first, err := domain.ParseTimeline(s, now)
	return first, err
}

// planRequired refuses an empty answer with the message id's words.
func planRequired(tr *i18n.Catalog, id string) func(string) error {
	msg := tr.T(id)
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

var memberWords = planListWords{noun: "plan.team.noun", add: "plan.team.add", edit: "plan.team.edit",
	empty: "plan.team.empty", del: "plan.team.delete", deleted: "plan.team.deleted"}

var memberList = &planList{
	section: "team",
	words:   memberWords,
	header:  []string{"plan.team.col.member", "plan.team.col.role", "plan.team.col.external"},
	weight:  []int{3, 3, 1},
	count:   func(p *domain.OpportunityPlan) int { return len(p.Team.Members) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.Team.Members[i].Name },
	cells: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) []string {
		m := p.Team.Members[i]
		return []string{m.Name, m.Role, yesNoText(m.External, tr.T("plan.team.external"))}
	},
	detail: func(*i18n.Catalog, *domain.OpportunityPlan, int, time.Time) []string { return nil },
	form: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.TeamMember{}
		if i >= 0 {
			*v = p.Team.Members[i]
		}
		initial := *v
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title(tr.T("plan.team.name")).Value(&v.Name).Validate(planRequired(tr, "plan.required.name")),
				huh.NewInput().Title(tr.T("plan.team.role")).Placeholder(tr.T("plan.team.role-example")).Value(&v.Role),
				yesNo(tr, tr.T("plan.team.external-question"), &v.External),
			))
		}
		return listEditor(tr, "team", memberWords, i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			if i >= 0 {
				return p.UpdateMember(i, *v)
			}
			return p.AddMember(*v)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteMember(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveMember(i, d) },
}

var milestoneWords = planListWords{noun: "plan.milestone.noun", add: "plan.milestone.add", edit: "plan.milestone.edit",
	empty: "plan.milestone.empty", del: "plan.milestone.delete", deleted: "plan.milestone.deleted"}

var milestoneList = &planList{
	section: "milestones",
	words:   milestoneWords,
	header: []string{"plan.milestone.col.number", "plan.milestone.col.step", "plan.milestone.col.due", "plan.milestone.col.calculation",
		"plan.milestone.col.legal", "plan.milestone.col.owner", "plan.milestone.col.done"},
	weight: []int{1, 8, 4, 4, 2, 4, 2},
	count:  func(p *domain.OpportunityPlan) int { return len(p.Milestones) },
	name:   func(p *domain.OpportunityPlan, i int) string { return p.Milestones[i].Name },
	cells: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, now time.Time) []string {
		m := p.Milestones[i]
		due := milestoneDue(tr, now, m.Due)
		if !m.Done && !m.Due.IsZero() && m.Due.Before(now) {
			due += "!"
		}
		yes := tr.T("plan.yes")
		return []string{strconv.Itoa(i + 1), m.Name, due, yesNoText(m.Calculation, yes), yesNoText(m.LegalReview, yes), m.Owner, yesNoText(m.Done, "✓")}
	},
	detail: func(*i18n.Catalog, *domain.OpportunityPlan, int, time.Time) []string { return nil },
	form: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, now time.Time) *editor {
		type values struct {
			Name, Due, Owner  string
			Calc, Legal, Done bool
		}
		v := &values{}
		if i >= 0 {
			m := p.Milestones[i]
			*v = values{Name: m.Name, Due: dateText(m.Due), Owner: m.Owner, Calc: m.Calculation, Legal: m.LegalReview, Done: m.Done}
		}
		initial := *v
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title(tr.T("plan.milestone.step")).Placeholder(tr.T("plan.milestone.step-example")).Value(&v.Name).
					Validate(planRequired(tr, "plan.required.step")),
				huh.NewInput().Title(tr.T("plan.milestone.due")).Placeholder(tr.T("plan.milestone.due-example")).Value(&v.Due).
					Validate(func(s string) error {
						if _, err := parseDue(s, now); err != nil {
							return errors.New(tr.Error(err))
						}
						return nil
					}),
				huh.NewInput().Title(tr.T("plan.milestone.owner")).Value(&v.Owner),
				yesNo(tr, tr.T("plan.milestone.calculation-question"), &v.Calc),
				yesNo(tr, tr.T("plan.milestone.legal-question"), &v.Legal),
				yesNo(tr, tr.T("plan.milestone.done-question"), &v.Done),
			))
		}
		return listEditor(tr, "milestones", milestoneWords, i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			due, err := parseDue(v.Due, now)
			if err != nil {
				return err
			}
			m := domain.Milestone{Name: v.Name, Due: due, Owner: strings.TrimSpace(v.Owner), Calculation: v.Calc, LegalReview: v.Legal, Done: v.Done}
			if i >= 0 {
				return p.UpdateMilestone(i, m)
			}
			return p.AddMilestone(m)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteMilestone(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveMilestone(i, d) },
}

// personMark flags the champion and the budget holder at a glance.
func personMark(role string) string {
	switch strings.ToLower(role) {
	case "champion":
		return "★ "
	case "budget holder":
		return "€ "
	}
	return ""
}

// roleLabel is a key person's role (one of domain.KeyPersonRoles, kept in
// English in the file) in the catalog's words; a role from elsewhere as
// it is.
func roleLabel(tr *i18n.Catalog, role string) string {
	switch strings.ToLower(role) {
	case "champion":
		return tr.T("plan.role.champion")
	case "budget holder":
		return tr.T("plan.role.budget-holder")
	case "decision maker":
		return tr.T("plan.role.decision-maker")
	case "influencer":
		return tr.T("plan.role.influencer")
	case "user":
		return tr.T("plan.role.user")
	case "external":
		return tr.T("plan.role.external")
	}
	return role
}

var personWords = planListWords{noun: "plan.person.noun", add: "plan.person.add", edit: "plan.person.edit",
	empty: "plan.person.empty", del: "plan.person.delete", deleted: "plan.person.deleted"}

var personList = &planList{
	section: "persons",
	words:   personWords,
	header:  []string{"plan.person.col.name", "plan.person.col.title", "plan.person.col.role", "plan.person.col.knows", "plan.person.col.opinion"},
	weight:  []int{4, 4, 3, 2, 4},
	count:   func(p *domain.OpportunityPlan) int { return len(p.KeyPersons) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.KeyPersons[i].Name },
	cells: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) []string {
		k := p.KeyPersons[i]
		knows := ""
		if k.Familiarity > 0 {
			knows = strings.Repeat("●", k.Familiarity) + strings.Repeat("○", 5-k.Familiarity)
		}
		return []string{personMark(k.Role) + k.Name, k.Title, roleLabel(tr, k.Role), knows, k.Opinion}
	},
	detail: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) []string {
		k := p.KeyPersons[i]
		return []string{tr.F("plan.person.attitude-line", k.Attitude), tr.F("plan.person.benefits-line", k.Benefits), tr.F("plan.person.criteria-line", k.Criteria)}
	},
	form: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.KeyPerson{}
		if i >= 0 {
			*v = p.KeyPersons[i]
		}
		initial := *v
		roles := []huh.Option[string]{huh.NewOption(tr.T("plan.person.role-unknown"), "")}
		for _, r := range domain.KeyPersonRoles {
			roles = append(roles, huh.NewOption(roleLabel(tr, r), r))
		}
		knows := []huh.Option[int]{huh.NewOption(tr.T("plan.person.not-rated"), 0)}
		for n := 1; n <= 5; n++ {
			knows = append(knows, huh.NewOption(strconv.Itoa(n), n))
		}
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title(tr.T("plan.person.name")).Value(&v.Name).Validate(planRequired(tr, "plan.required.name")),
				huh.NewInput().Title(tr.T("plan.person.title")).Value(&v.Title),
				choose(huh.NewSelect[string]().Title(tr.T("plan.person.role")).Inline(true), &v.Role, roles...),
				choose(huh.NewSelect[int]().Title(tr.T("plan.person.familiarity")).Inline(true), &v.Familiarity, knows...),
				huh.NewInput().Title(tr.T("plan.person.attitude")).Value(&v.Attitude),
				huh.NewInput().Title(tr.T("plan.person.opinion")).Value(&v.Opinion),
				huh.NewText().Title(tr.T("plan.person.benefits")).Lines(2).Value(&v.Benefits),
				huh.NewText().Title(tr.T("plan.person.criteria")).Lines(2).Value(&v.Criteria),
			))
		}
		return listEditor(tr, "persons", personWords, i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			if i >= 0 {
				return p.UpdateKeyPerson(i, *v)
			}
			return p.AddKeyPerson(*v)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteKeyPerson(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveKeyPerson(i, d) },
}

var competitorWords = planListWords{noun: "plan.competitor.noun", add: "plan.competitor.add", edit: "plan.competitor.edit",
	empty: "plan.competitor.empty", del: "plan.competitor.delete", deleted: "plan.competitor.deleted"}

var competitorList = &planList{
	section: "competition",
	words:   competitorWords,
	header: []string{"plan.competitor.col.name", "plan.competitor.col.positioning", "plan.competitor.col.strengths",
		"plan.competitor.col.weaknesses", "plan.competitor.col.plan"},
	weight: []int{3, 4, 4, 4, 4},
	count:  func(p *domain.OpportunityPlan) int { return len(p.Competitors) },
	name:   func(p *domain.OpportunityPlan, i int) string { return p.Competitors[i].Name },
	cells: func(_ *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) []string {
		c := p.Competitors[i]
		return []string{c.Name, c.Positioning, c.Strengths, c.Weaknesses, c.PlanToWin}
	},
	detail: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) []string {
		c := p.Competitors[i]
		return []string{tr.F("plan.competitor.history-line", c.History), tr.F("plan.competitor.strategy-line", c.Strategy),
			tr.F("plan.competitor.objections-line", c.Objections)}
	},
	form: func(tr *i18n.Catalog, p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.Competitor{}
		if i >= 0 {
			*v = p.Competitors[i]
		}
		initial := *v
		text := func(id string, ptr *string) huh.Field { return huh.NewText().Title(tr.T(id)).Lines(2).Value(ptr) }
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title(tr.T("plan.competitor.name")).Value(&v.Name).Validate(planRequired(tr, "plan.required.name")),
				text("plan.competitor.history", &v.History),
				text("plan.competitor.positioning", &v.Positioning),
				text("plan.competitor.strategy", &v.Strategy),
				text("plan.competitor.strengths", &v.Strengths),
				text("plan.competitor.weaknesses", &v.Weaknesses),
				text("plan.competitor.objections", &v.Objections),
				text("plan.competitor.plan", &v.PlanToWin),
			))
		}
		return listEditor(tr, "competition", competitorWords, i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			if i >= 0 {
				return p.UpdateCompetitor(i, *v)
			}
			return p.AddCompetitor(*v)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteCompetitor(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveCompetitor(i, d) },
}

// listEditor is the form of one list item: a new one (i < 0) or item i.
func listEditor(tr *i18n.Catalog, section string, words planListWords, i int, build func() *huh.Form, dirty func() bool, name func() string, edit func(p *domain.OpportunityPlan) error) *editor {
	title, action := tr.T(words.add), domain.PlanAdded
	if i >= 0 {
		title, action = tr.T(words.edit), domain.PlanEdited
	}
	noun := tr.T(words.noun)
	return &editor{title: title, form: build(), build: build, dirty: dirty,
		commit: func() (change, error) {
			do := edit
			if i >= 0 && !dirty() {
				do = unchanged
			}
			pc := domain.PlanChange{Section: section, Action: action, Item: strings.TrimSpace(name())}
			return planChange(tr, noun, pc, do), nil
		}}
}

func fieldEditor(tr *i18n.Catalog, section string, f planField, p *domain.OpportunityPlan) *editor {
	v := new(string)
	*v = f.get(p)
	initial := *v
	label := tr.T(f.label)
	build := func() *huh.Form {
		if f.long {
			return newForm(huh.NewGroup(huh.NewText().Title(label).Description(tr.T("plan.field.long-help")).Lines(6).CharLimit(10000).Value(v)))
		}
		return newForm(huh.NewGroup(huh.NewInput().Title(label).CharLimit(500).Value(v)))
	}
	return &editor{title: label, form: build(), build: build, dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			text := *v
			edit := func(p *domain.OpportunityPlan) error { f.set(p, text); return nil }
			if text == initial {
				edit = unchanged
			}
			pc := domain.PlanChange{Section: section, Action: domain.PlanEdited, Field: f.key}
			return planChange(tr, savedWhat(tr, label), pc, edit), nil
		}}
}

// savedWhat is a field's label as the status names what was saved: lower
// case in English ("team lead saved"); German keeps its nouns' capitals.
func savedWhat(tr *i18n.Catalog, label string) string {
	if tr.Lang() == i18n.English {
		return strings.ToLower(label)
	}
	return label
}

// exportedMsg reports the written Markdown file.
type exportedMsg struct {
	path string
	err  error
}

// exportPlan writes the plan as Markdown into the working directory, where
// a rep finds it to mail on.
func exportPlan(tr *i18n.Catalog, l *domain.Lead, sections []string, now time.Time) tea.Cmd {
	md := l.Plan.MarkdownIn(tr, l, sections, now)
	name := fmt.Sprintf("plan-%d-%s.md", l.ID, slug(l.Company.Name))
	return func() tea.Msg {
		dir, err := os.Getwd()
		if err != nil {
			return statusMsg{text: tr.F("plan.export.no-dir", tr.Error(err)), err: true}
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(md), 0o600); err != nil {
			return statusMsg{text: tr.F("plan.export.failed", plainError(err)), err: true}
		}
		return statusMsg{text: tr.F("plan.export.written", path)}
	}
}

// slug makes a file-name part of a company name.
func slug(s string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss")
	s = strings.ToLower(r.Replace(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// columnWidths shares width out by weight, at least 1 each.
func columnWidths(weight []int, width int) []int {
	total := 0
	for _, w := range weight {
		total += w
	}
	out := make([]int, len(weight))
	for i, w := range weight {
		out[i] = max(1, width*w/total)
	}
	return out
}

// planSectionName is a section's short name, on its tab.
func planSectionName(tr *i18n.Catalog, key string) string {
	switch key {
	case "team":
		return tr.T("plan.tab.team")
	case "profile":
		return tr.T("plan.tab.profile")
	case "summary":
		return tr.T("plan.tab.summary")
	case "milestones":
		return tr.T("plan.tab.milestones")
	case "persons":
		return tr.T("plan.tab.persons")
	case "competition":
		return tr.T("plan.tab.competition")
	}
	return key
}

// planSectionTitle is a section's heading.
func planSectionTitle(tr *i18n.Catalog, key string) string {
	switch key {
	case "team":
		return tr.T("plan.section.team")
	case "profile":
		return tr.T("plan.section.profile")
	case "summary":
		return tr.T("plan.section.summary")
	case "milestones":
		return tr.T("plan.section.milestones")
	case "persons":
		return tr.T("plan.section.persons")
	case "competition":
		return tr.T("plan.section.competition")
	}
	return key
}

// shortSection is a section's English short name, for planTabs.
func shortSection(key string) string {
	switch key {
	case "team":
		return "Team"
	case "profile":
		return "Profile"
	case "summary":
		return "Summary"
	case "milestones":
		return "Milestones"
	case "persons":
		return "Persons"
	case "competition":
		return "Competition"
	}
	return key
}
