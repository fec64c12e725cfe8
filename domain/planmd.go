package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PlanWords words the plan's Markdown in the user's language: the UI's
// catalog (leadq/ui/i18n) is one.
type PlanWords interface {
	T(id string) string
	F(id string, args ...any) string
	Number(n int) string
	Percent(n int) string
	Stage(s Stage) string
	Tier(t Tier) string
	Date(t time.Time) string
}

// Markdown is MarkdownIn with the English words, for the callers that have
// no catalog at hand.
func (p *OpportunityPlan) Markdown(l *Lead, sections []string, now time.Time) string {
	return p.MarkdownIn(englishPlanWords{}, l, sections, now)
}

// MarkdownIn writes the plan as a Markdown document to hand on or print: a
// title and status line, then each of the listed sections in the order
// given, with its completeness, headings and labels in w's language. Text
// fields keep the rep's text byte for byte; in table cells only what would
// break the table is escaped (| and line breaks). The lead may be nil; a
// nil plan is an empty one.
func (p *OpportunityPlan) MarkdownIn(w PlanWords, l *Lead, sections []string, now time.Time) string {
	if p == nil {
		p = &OpportunityPlan{}
	}
	if l == nil {
		l = &Lead{}
	}
	per, overall := p.Completeness(sections)
	var b strings.Builder

	b.WriteString(w.T("md.title"))
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
	score := w.T("md.not-scored")
	if !l.Score.At.IsZero() {
		score = w.F("md.score", w.Number(l.Score.Total), w.Tier(l.Score.Tier))
	}
	b.WriteString(w.F("md.status", w.Stage(l.Stage), score, w.Percent(overall), w.Date(now)) + "\n")

	md := planMarkdown{b: &b, w: w, now: now}
	for _, s := range per {
		fmt.Fprintf(&b, "\n## %s (%d/%d)\n\n", w.T("md.section."+s.Key), s.Filled, s.Total)
		switch s.Key {
		case "team":
			md.team(&p.Team)
		case "profile":
			c := &p.Profile
			md.texts([][2]string{
				{"md.business-areas", c.BusinessAreas}, {"md.products", c.Products}, {"md.financials", c.Financials},
				{"md.their-customers", c.Customers}, {"md.their-competitors", c.Competitors}, {"md.contact-points", c.ContactPoints},
			})
		case "summary":
			c := &p.Summary
			md.texts([][2]string{
				{"md.project", c.Project}, {"md.budget", c.Budget}, {"md.problems", c.Problems},
				{"md.act-now", c.ActNow}, {"md.consequences", c.Consequences},
				{"md.schedule", c.Schedule}, {"md.expected-results", c.ExpectedResults},
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

// RoleWord is a key person's role in the buying process in w's language:
// a role of KeyPersonRoles by its word (lead.role.KEY), any other text as
// it is.
func RoleWord(w interface{ T(string) string }, role string) string {
	for _, r := range KeyPersonRoles {
		if strings.EqualFold(r, strings.TrimSpace(role)) {
			return w.T("lead.role." + strings.ReplaceAll(r, " ", "-"))
		}
	}
	return role
}

type planMarkdown struct {
	b   *strings.Builder
	w   PlanWords
	now time.Time
}

func (md planMarkdown) nothingYet() { md.b.WriteString(md.w.T("md.nothing-yet") + "\n") }

// heads are the column headings of a table, by their message ids.
func (md planMarkdown) heads(ids ...string) []string {
	for i, id := range ids {
		ids[i] = md.w.T(id)
	}
	return ids
}

// texts writes one "**Label:** text" paragraph per field (label by its
// message id), an empty field
// as a dash so the gaps show.
func (md planMarkdown) texts(fields [][2]string) {
	some := false
	for _, f := range fields {
		some = some || filled(f[1])
	}
	if !some {
		md.nothingYet()
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
		md.b.WriteString("**" + md.w.T(f[0]) + ":** " + text + "\n")
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

func (md planMarkdown) yes(b bool) string {
	if b {
		return md.w.T("md.yes")
	}
	return "—"
}

func (md planMarkdown) team(t *AccountTeam) {
	if !filled(t.Lead) && len(t.Members) == 0 {
		md.nothingYet()
		return
	}
	lead := strings.TrimSpace(t.Lead)
	if lead == "" {
		lead = "—"
	}
	md.b.WriteString("**" + md.w.T("md.team-lead") + ":** " + lead + "\n")
	if len(t.Members) == 0 {
		return
	}
	rows := make([][]string, len(t.Members))
	for i, m := range t.Members {
		rows[i] = cells(m.Name, m.Role, md.yes(m.External))
	}
	md.b.WriteString("\n")
	md.table(md.heads("md.col-name", "md.col-role", "md.col-external"), rows)
}

func (md planMarkdown) milestones(ms []Milestone) {
	if len(ms) == 0 {
		md.nothingYet()
		return
	}
	rows := make([][]string, len(ms))
	for i, m := range ms {
		due := ""
		if !m.Due.IsZero() {
			due = md.w.Date(m.Due)
			if !m.Done && dayBefore(m.Due, md.now) {
				due = md.w.F("md.overdue", due)
			}
		}
		done := "—"
		if m.Done {
			done = "✓"
		}
		rows[i] = cells(strconv.Itoa(i+1), m.Name, due, md.yes(m.Calculation), md.yes(m.LegalReview), m.Owner, done)
	}
	md.table(append([]string{"#"}, md.heads("md.col-step", "md.col-due", "md.col-calculation", "md.col-legal", "md.col-owner", "md.col-done")...), rows)
}

// dayBefore reports whether a falls on an earlier calendar day than now,
// both read where a was written.
func dayBefore(a, now time.Time) bool {
	y, m, d := now.In(a.Location()).Date()
	return a.Before(time.Date(y, m, d, 0, 0, 0, 0, a.Location()))
}

func (md planMarkdown) persons(p *OpportunityPlan) {
	if len(p.KeyPersons) == 0 {
		md.nothingYet()
		return
	}
	rows := make([][]string, len(p.KeyPersons))
	for i, k := range p.KeyPersons {
		knows := ""
		if k.Familiarity > 0 {
			knows = strconv.Itoa(k.Familiarity)
		}
		rows[i] = cells(k.Name, k.Title, RoleWord(md.w, k.Role), knows, k.Attitude, k.Opinion, k.Benefits, k.Criteria)
		if r := strings.ToLower(strings.TrimSpace(k.Role)); r == "champion" || r == "budget holder" {
			rows[i][0] = "**" + rows[i][0] + "**"
		}
	}
	md.table(md.heads("md.col-name", "md.col-title", "md.col-role", "md.col-knows", "md.col-attitude", "md.col-opinion",
		"md.col-benefits", "md.col-criteria"), rows)
}

func (md planMarkdown) competitors(cs []Competitor) {
	if len(cs) == 0 {
		md.nothingYet()
		return
	}
	rows := make([][]string, len(cs))
	for i, c := range cs {
		rows[i] = cells(c.Name, c.History, c.Positioning, c.Strategy, c.Strengths, c.Weaknesses, c.Objections, c.PlanToWin)
	}
	md.table(md.heads("md.col-name", "md.col-history", "md.col-positioning", "md.col-strategy", "md.col-strengths",
		"md.col-weaknesses", "md.col-objections", "md.col-plan-to-win"), rows)
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

// englishPlanWords are the English words of the plan's Markdown, for
// Markdown: the same as the English catalog's (a test in ui/page holds
// the two together).
type englishPlanWords struct{}

var englishPlanText = map[string]string{
	"md.title": "# Opportunity plan", "md.status": "**Stage:** %[1]s · **Score:** %[2]s · **Complete:** %[3]s · **As of:** %[4]s",
	"md.score": "%[1]s (%[2]s)", "md.not-scored": "not scored yet", "md.nothing-yet": "_nothing yet_", "md.yes": "yes",
	"md.overdue": "%s (overdue)", "md.team-lead": "Team lead", "md.business-areas": "Business areas",
	"md.products": "Products", "md.financials": "Financials", "md.their-customers": "Their customers",
	"md.their-competitors": "Their competitors", "md.contact-points": "Contact points", "md.project": "Project",
	"md.budget": "Budget", "md.problems": "Problems we solve", "md.act-now": "Act now or wait",
	"md.consequences": "Consequences of not acting", "md.schedule": "Schedule", "md.expected-results": "Expected results",
	"md.col-name": "Name", "md.col-role": "Role", "md.col-external": "External", "md.col-step": "Step", "md.col-due": "Due",
	"md.col-calculation": "Calculation/approval", "md.col-legal": "Legal review", "md.col-owner": "Owner",
	"md.col-done": "Done", "md.col-title": "Title", "md.col-knows": "Knows us (1–5)", "md.col-attitude": "Attitude",
	"md.col-opinion": "Opinion of us", "md.col-benefits": "Benefits", "md.col-criteria": "Decision criteria",
	"md.col-history": "History with the account", "md.col-positioning": "Positioning", "md.col-strategy": "Strategy",
	"md.col-strengths": "Strengths", "md.col-weaknesses": "Weaknesses", "md.col-objections": "Objections against us",
	"md.col-plan-to-win": "Our plan to win",
}

func (englishPlanWords) T(id string) string {
	if key, ok := strings.CutPrefix(id, "md.section."); ok {
		return PlanSectionTitle(key)
	}
	if key, ok := strings.CutPrefix(id, "lead.role."); ok {
		return strings.ReplaceAll(key, "-", " ")
	}
	if s, ok := englishPlanText[id]; ok {
		return s
	}
	return id
}

func (e englishPlanWords) F(id string, args ...any) string { return fmt.Sprintf(e.T(id), args...) }
func (englishPlanWords) Number(n int) string               { return englishThousands(strconv.Itoa(n)) }
func (englishPlanWords) Percent(n int) string              { return strconv.Itoa(n) + "%" }
func (englishPlanWords) Stage(s Stage) string              { return s.Label() }
func (englishPlanWords) Tier(t Tier) string                { return t.Label() }
func (englishPlanWords) Date(t time.Time) string           { return t.Format("2 Jan 2006") }

func englishThousands(digits string) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}
