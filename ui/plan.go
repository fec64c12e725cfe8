package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
)

// The opportunity plan is a document of six sections; each section has
// text fields, a list, or both. A spec says how to show and edit them, so
// one cursor, one set of keys and one save path serve every section.

// planField is one text field of a section.
type planField struct {
	key   string // its name in the history, e.g. "problems"
	label string
	long  bool // multi-line
	get   func(p *domain.OpportunityPlan) string
	set   func(p *domain.OpportunityPlan, v string)
}

// planList is the list of a section: members, milestones, persons or
// competitors.
type planList struct {
	section string // the section it belongs to
	noun    string // "member", "milestone", …
	header  []string
	weight  []int // relative column widths
	count   func(p *domain.OpportunityPlan) int
	name    func(p *domain.OpportunityPlan, i int) string // how the history names item i
	cells   func(p *domain.OpportunityPlan, i int, now time.Time) []string
	detail  func(p *domain.OpportunityPlan, i int, now time.Time) []string
	form    func(p *domain.OpportunityPlan, i int, now time.Time) *editor // i < 0: a new one
	del     func(p *domain.OpportunityPlan, i int) error
	move    func(p *domain.OpportunityPlan, i, delta int) error
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
		textField("lead", "Team lead", false, func(p *domain.OpportunityPlan) *string { return &p.Team.Lead }),
	}, list: memberList},
	"profile": {key: "profile", fields: []planField{
		textField("business_areas", "Business areas", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.BusinessAreas }),
		textField("products", "Products", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Products }),
		textField("financials", "Financial data", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Financials }),
		textField("customers", "Their customers", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Customers }),
		textField("competitors", "Their competitors", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.Competitors }),
		textField("contact_points", "Main contact points", true, func(p *domain.OpportunityPlan) *string { return &p.Profile.ContactPoints }),
	}},
	"summary": {key: "summary", fields: []planField{
		textField("project", "Project", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Project }),
		textField("budget", "Budget for the project", false, func(p *domain.OpportunityPlan) *string { return &p.Summary.Budget }),
		textField("problems", "Problems we solve", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Problems }),
		textField("act_now", "Act now or wait, and why", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.ActNow }),
		textField("consequences", "Consequences of not acting", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Consequences }),
		textField("schedule", "Their schedule", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.Schedule }),
		textField("expected_results", "Expected results", true, func(p *domain.OpportunityPlan) *string { return &p.Summary.ExpectedResults }),
	}},
	"milestones":  {key: "milestones", list: milestoneList},
	"persons":     {key: "persons", list: personList},
	"competition": {key: "competition", list: competitorList},
}

// planChange wraps a plan edit as a lead change: EditPlan starts the plan
// from the lead on its first edit and records what changed.
func planChange(what string, pc domain.PlanChange, edit func(p *domain.OpportunityPlan) error) change {
	return change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
		return l.EditPlan(pc, edit, now, by)
	}}
}

// unchanged is a plan edit of a form saved as it was: nothing to write.
func unchanged(*domain.OpportunityPlan) error { return domain.ErrNothingChanged }

// yesNo is a yes/no question whose answer reads as a word, so it stays
// visible without colour (huh's Confirm shows it by colour alone). Yes is
// on the left, as on a Confirm.
func yesNo(title string, v *bool) huh.Field {
	return choose(huh.NewSelect[bool]().Title(title).Inline(true), v, huh.NewOption("yes", true), huh.NewOption("no", false))
}

func yesNoText(b bool, yes string) string {
	if b {
		return yes
	}
	return "—"
}

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

var memberList = &planList{
	section: "team",
	noun:    "member",
	header:  []string{"Member", "Role", "External"},
	weight:  []int{3, 3, 1},
	count:   func(p *domain.OpportunityPlan) int { return len(p.Team.Members) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.Team.Members[i].Name },
	cells: func(p *domain.OpportunityPlan, i int, _ time.Time) []string {
		m := p.Team.Members[i]
		return []string{m.Name, m.Role, yesNoText(m.External, "external")}
	},
	detail: func(p *domain.OpportunityPlan, i int, _ time.Time) []string { return nil },
	form: func(p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.TeamMember{}
		if i >= 0 {
			*v = p.Team.Members[i]
		}
		initial := *v
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title("Name").Value(&v.Name).Validate(required("the name")),
				huh.NewInput().Title("Role in the account team").Placeholder("e.g. Presales, Key Account").Value(&v.Role),
				yesNo("External partner or advisor?", &v.External),
			))
		}
		return listEditor("team", "member", i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			if i >= 0 {
				return p.UpdateMember(i, *v)
			}
			return p.AddMember(*v)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteMember(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveMember(i, d) },
}

var milestoneList = &planList{
	section: "milestones",
	noun:    "milestone",
	header:  []string{"#", "Step", "Due", "Calc/approval", "Legal", "Owner", "Done"},
	weight:  []int{1, 8, 4, 4, 2, 4, 2},
	count:   func(p *domain.OpportunityPlan) int { return len(p.Milestones) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.Milestones[i].Name },
	cells: func(p *domain.OpportunityPlan, i int, now time.Time) []string {
		m := p.Milestones[i]
		due := dateText(m.Due)
		if !m.Done && !m.Due.IsZero() && m.Due.Before(now) {
			due += "!"
		}
		return []string{strconv.Itoa(i + 1), m.Name, due, yesNoText(m.Calculation, "yes"), yesNoText(m.LegalReview, "yes"), m.Owner, yesNoText(m.Done, "✓")}
	},
	detail: func(p *domain.OpportunityPlan, i int, _ time.Time) []string { return nil },
	form: func(p *domain.OpportunityPlan, i int, now time.Time) *editor {
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
				huh.NewInput().Title("Step").Placeholder("e.g. Freigabe Einkauf").Value(&v.Name).Validate(required("the step")),
				huh.NewInput().Title("Due").Placeholder("2027-03-15, 15.03.2027 or Q3 2027").Value(&v.Due).
					Validate(func(s string) error { _, err := parseDue(s, now); return err }),
				huh.NewInput().Title("Owner").Value(&v.Owner),
				yesNo("Needs a calculation or approval?", &v.Calc),
				yesNo("Needs legal review?", &v.Legal),
				yesNo("Done?", &v.Done),
			))
		}
		return listEditor("milestones", "milestone", i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
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

var personList = &planList{
	section: "persons",
	noun:    "key person",
	header:  []string{"Name", "Title", "Role", "Knows us", "Opinion of us"},
	weight:  []int{4, 4, 3, 2, 4},
	count:   func(p *domain.OpportunityPlan) int { return len(p.KeyPersons) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.KeyPersons[i].Name },
	cells: func(p *domain.OpportunityPlan, i int, _ time.Time) []string {
		k := p.KeyPersons[i]
		knows := ""
		if k.Familiarity > 0 {
			knows = strings.Repeat("●", k.Familiarity) + strings.Repeat("○", 5-k.Familiarity)
		}
		return []string{personMark(k.Role) + k.Name, k.Title, k.Role, knows, k.Opinion}
	},
	detail: func(p *domain.OpportunityPlan, i int, _ time.Time) []string {
		k := p.KeyPersons[i]
		return []string{"Attitude to change: " + k.Attitude, "Benefits they see: " + k.Benefits, "Decision criteria: " + k.Criteria}
	},
	form: func(p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.KeyPerson{}
		if i >= 0 {
			*v = p.KeyPersons[i]
		}
		initial := *v
		roles := []huh.Option[string]{huh.NewOption("(not known)", "")}
		for _, r := range domain.KeyPersonRoles {
			roles = append(roles, huh.NewOption(r, r))
		}
		knows := []huh.Option[int]{huh.NewOption("not rated", 0)}
		for n := 1; n <= 5; n++ {
			knows = append(knows, huh.NewOption(strconv.Itoa(n), n))
		}
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title("Name").Value(&v.Name).Validate(required("the name")),
				huh.NewInput().Title("Title").Value(&v.Title),
				choose(huh.NewSelect[string]().Title("Role in the buying process").Inline(true), &v.Role, roles...),
				choose(huh.NewSelect[int]().Title("How well we know them (1–5)").Inline(true), &v.Familiarity, knows...),
				huh.NewInput().Title("Attitude to change").Value(&v.Attitude),
				huh.NewInput().Title("Current opinion of us").Value(&v.Opinion),
				huh.NewText().Title("Benefits they see").Lines(2).Value(&v.Benefits),
				huh.NewText().Title("Their decision criteria").Lines(2).Value(&v.Criteria),
			))
		}
		return listEditor("persons", "key person", i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
			if i >= 0 {
				return p.UpdateKeyPerson(i, *v)
			}
			return p.AddKeyPerson(*v)
		})
	},
	del:  func(p *domain.OpportunityPlan, i int) error { return p.DeleteKeyPerson(i) },
	move: func(p *domain.OpportunityPlan, i, d int) error { return p.MoveKeyPerson(i, d) },
}

var competitorList = &planList{
	section: "competition",
	noun:    "competitor",
	header:  []string{"Competitor", "Positioning", "Strengths", "Weaknesses", "Our plan to win"},
	weight:  []int{3, 4, 4, 4, 4},
	count:   func(p *domain.OpportunityPlan) int { return len(p.Competitors) },
	name:    func(p *domain.OpportunityPlan, i int) string { return p.Competitors[i].Name },
	cells: func(p *domain.OpportunityPlan, i int, _ time.Time) []string {
		c := p.Competitors[i]
		return []string{c.Name, c.Positioning, c.Strengths, c.Weaknesses, c.PlanToWin}
	},
	detail: func(p *domain.OpportunityPlan, i int, _ time.Time) []string {
		c := p.Competitors[i]
		return []string{"History with the account: " + c.History, "Strategy: " + c.Strategy, "Objections they may raise: " + c.Objections}
	},
	form: func(p *domain.OpportunityPlan, i int, _ time.Time) *editor {
		v := &domain.Competitor{}
		if i >= 0 {
			*v = p.Competitors[i]
		}
		initial := *v
		text := func(title string, ptr *string) huh.Field { return huh.NewText().Title(title).Lines(2).Value(ptr) }
		build := func() *huh.Form {
			return newForm(huh.NewGroup(
				huh.NewInput().Title("Competitor").Value(&v.Name).Validate(required("the name")),
				text("History with the account", &v.History),
				text("Positioning", &v.Positioning),
				text("Strategy", &v.Strategy),
				text("Strengths", &v.Strengths),
				text("Weaknesses", &v.Weaknesses),
				text("Objections they may raise against us", &v.Objections),
				text("Our plan to win", &v.PlanToWin),
			))
		}
		return listEditor("competition", "competitor", i, build, func() bool { return *v != initial }, func() string { return v.Name }, func(p *domain.OpportunityPlan) error {
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
func listEditor(section, noun string, i int, build func() *huh.Form, dirty func() bool, name func() string, edit func(p *domain.OpportunityPlan) error) *editor {
	title, action := "New "+noun, domain.PlanAdded
	if i >= 0 {
		title, action = "Edit "+noun, domain.PlanEdited
	}
	return &editor{title: title, form: build(), build: build, dirty: dirty,
		commit: func() (change, error) {
			do := edit
			if i >= 0 && !dirty() {
				do = unchanged
			}
			pc := domain.PlanChange{Section: section, Action: action, Item: strings.TrimSpace(name())}
			return planChange(noun, pc, do), nil
		}}
}

func fieldEditor(section string, f planField, p *domain.OpportunityPlan) *editor {
	v := new(string)
	*v = f.get(p)
	initial := *v
	build := func() *huh.Form {
		if f.long {
			return newForm(huh.NewGroup(huh.NewText().Title(f.label).Description("alt+enter for a new line · enter saves").Lines(6).CharLimit(10000).Value(v)))
		}
		return newForm(huh.NewGroup(huh.NewInput().Title(f.label).CharLimit(500).Value(v)))
	}
	return &editor{title: f.label, form: build(), build: build, dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			text := *v
			edit := func(p *domain.OpportunityPlan) error { f.set(p, text); return nil }
			if text == initial {
				edit = unchanged
			}
			pc := domain.PlanChange{Section: section, Action: domain.PlanEdited, Field: f.key}
			return planChange(strings.ToLower(f.label), pc, edit), nil
		}}
}

// exportedMsg reports the written Markdown file.
type exportedMsg struct {
	path string
	err  error
}

// exportPlan writes the plan as Markdown into the working directory, where
// a rep finds it to mail on.
func exportPlan(tr domain.PlanWords, l *domain.Lead, sections []string, now time.Time) tea.Cmd {
	md := l.Plan.MarkdownIn(tr, l, sections, now)
	name := fmt.Sprintf("plan-%d-%s.md", l.ID, slug(l.Company.Name))
	return func() tea.Msg {
		dir, err := os.Getwd()
		if err != nil {
			return statusMsg{text: "cannot export: " + err.Error(), err: true}
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(md), 0o600); err != nil {
			return statusMsg{text: "cannot export the plan: " + plainError(err), err: true}
		}
		return statusMsg{text: "plan written to " + path}
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
