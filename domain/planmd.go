package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Markdown writes the plan as a Markdown document to hand on or print: a
// title and status line, then each of the listed sections in the order
// given, with its completeness. Text fields keep the rep's text byte for
// byte; in table cells only what would break the table is escaped (| and
// line breaks). The lead may be nil; a nil plan is an empty one.
func (p *OpportunityPlan) Markdown(l *Lead, sections []string, now time.Time) string {
	if p == nil {
		p = &OpportunityPlan{}
	}
	if l == nil {
		l = &Lead{}
	}
	per, overall := p.Completeness(sections)
	var b strings.Builder

	b.WriteString("# Opportunity plan")
	var title []string
	for _, s := range []string{l.Company.Name, l.Name} {
		if s = oneLine(s); s != "" {
			title = append(title, s)
		}
	}
	if len(title) > 0 {
		b.WriteString(": " + strings.Join(title, " — "))
	}
	b.WriteString("\n\n")
	score := "not scored yet"
	if !l.Score.At.IsZero() {
		score = fmt.Sprintf("%d (%s)", l.Score.Total, l.Score.Tier)
	}
	fmt.Fprintf(&b, "**Stage:** %s · **Score:** %s · **Complete:** %d%% · **As of:** %s\n",
		l.Stage.Label(), score, overall, now.Format("02.01.2006"))

	md := planMarkdown{b: &b, now: now}
	for _, s := range per {
		fmt.Fprintf(&b, "\n## %s (%d/%d)\n\n", s.Title, s.Filled, s.Total)
		switch s.Key {
		case "team":
			md.team(&p.Team)
		case "profile":
			c := &p.Profile
			md.texts([][2]string{
				{"Business areas", c.BusinessAreas}, {"Products", c.Products}, {"Financials", c.Financials},
				{"Their customers", c.Customers}, {"Their competitors", c.Competitors}, {"Contact points", c.ContactPoints},
			})
		case "summary":
			c := &p.Summary
			md.texts([][2]string{
				{"Project", c.Project}, {"Budget", c.Budget}, {"Problems we solve", c.Problems},
				{"Act now or wait", c.ActNow}, {"Consequences of not acting", c.Consequences},
				{"Schedule", c.Schedule}, {"Expected results", c.ExpectedResults},
			})
		case "milestones":
			md.milestones(p.Milestones)
		case "persons":
			md.persons(p)
		case "competition":
			md.competitors(p.Competitors)
		}
	}
	return Safe(b.String()) // plan text is lead text: no escape sequences reach a reader
}

type planMarkdown struct {
	b   *strings.Builder
	now time.Time
}

const nothingYet = "_nothing yet_\n"

// texts writes one "**Label:** text" paragraph per field, an empty field
// as a dash so the gaps show.
func (md planMarkdown) texts(fields [][2]string) {
	some := false
	for _, f := range fields {
		some = some || filled(f[1])
	}
	if !some {
		md.b.WriteString(nothingYet)
		return
	}
	for i, f := range fields {
		if i > 0 {
			md.b.WriteString("\n")
		}
		text := strings.TrimSpace(f[1])
		if text == "" {
			text = "—"
		}
		// A hard break (two trailing blanks) keeps a field's lines apart
		// instead of running them into one paragraph.
		text = hardBreaks(text)
		md.b.WriteString("**" + f[0] + ":** " + text + "\n")
	}
}

// table writes a Markdown table of rows already made of cells.
func (md planMarkdown) table(head []string, rows [][]string) {
	md.row(head)
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	md.row(seps)
	for _, r := range rows {
		md.row(r)
	}
}

func (md planMarkdown) row(cells []string) {
	md.b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

var cellReplacer = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

// cells makes each text a table cell.
func cells(texts ...string) []string {
	for i, s := range texts {
		texts[i] = cell(s)
	}
	return texts
}

// cell makes text safe inside a table cell; an empty one shows a dash.
func cell(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "—"
	}
	return cellReplacer.Replace(s)
}

// oneLine keeps a heading on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "—"
}

func (md planMarkdown) team(t *AccountTeam) {
	if !filled(t.Lead) && len(t.Members) == 0 {
		md.b.WriteString(nothingYet)
		return
	}
	lead := strings.TrimSpace(t.Lead)
	if lead == "" {
		lead = "—"
	}
	md.b.WriteString("**Team lead:** " + lead + "\n")
	if len(t.Members) == 0 {
		return
	}
	rows := make([][]string, len(t.Members))
	for i, m := range t.Members {
		rows[i] = cells(m.Name, m.Role, yes(m.External))
	}
	md.b.WriteString("\n")
	md.table([]string{"Name", "Role", "External"}, rows)
}

func (md planMarkdown) milestones(ms []Milestone) {
	if len(ms) == 0 {
		md.b.WriteString(nothingYet)
		return
	}
	rows := make([][]string, len(ms))
	for i, m := range ms {
		due := ""
		if !m.Due.IsZero() {
			due = m.Due.Format("02.01.2006")
			if !m.Done && dayBefore(m.Due, md.now) {
				due += " (overdue)"
			}
		}
		done := "—"
		if m.Done {
			done = "✓"
		}
		rows[i] = cells(strconv.Itoa(i+1), m.Name, due, yes(m.Calculation), yes(m.LegalReview), m.Owner, done)
	}
	md.table([]string{"#", "Step", "Due", "Calculation/approval", "Legal review", "Owner", "Done"}, rows)
}

// dayBefore reports whether a falls on an earlier calendar day than now,
// both read where a was written.
func dayBefore(a, now time.Time) bool {
	y, m, d := now.In(a.Location()).Date()
	return a.Before(time.Date(y, m, d, 0, 0, 0, 0, a.Location()))
}

func (md planMarkdown) persons(p *OpportunityPlan) {
	if len(p.KeyPersons) == 0 {
		md.b.WriteString(nothingYet)
		return
	}
	rows := make([][]string, len(p.KeyPersons))
	for i, k := range p.KeyPersons {
		knows := ""
		if k.Familiarity > 0 {
			knows = strconv.Itoa(k.Familiarity)
		}
		rows[i] = cells(k.Name, k.Title, k.Role, knows, k.Attitude, k.Opinion, k.Benefits, k.Criteria)
		if r := strings.ToLower(strings.TrimSpace(k.Role)); r == "champion" || r == "budget holder" {
			rows[i][0] = "**" + rows[i][0] + "**"
		}
	}
	md.table([]string{"Name", "Title", "Role", "Knows us (1–5)", "Attitude", "Opinion of us", "Benefits", "Decision criteria"}, rows)
}

func (md planMarkdown) competitors(cs []Competitor) {
	if len(cs) == 0 {
		md.b.WriteString(nothingYet)
		return
	}
	rows := make([][]string, len(cs))
	for i, c := range cs {
		rows[i] = cells(c.Name, c.History, c.Positioning, c.Strategy, c.Strengths, c.Weaknesses, c.Objections, c.PlanToWin)
	}
	md.table([]string{"Name", "History with the account", "Positioning", "Strategy", "Strengths", "Weaknesses", "Objections against us", "Our plan to win"}, rows)
}

// hardBreaks ends every line that another line follows in the same
// paragraph with two blanks, Markdown's line break; blank lines stay
// paragraph breaks.
func hardBreaks(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i+1 < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" && strings.TrimSpace(lines[i+1]) != "" {
			lines[i] = strings.TrimRight(lines[i], " ") + "  "
		}
	}
	return strings.Join(lines, "\n")
}
