package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/ui/words"
)

// render lays the lead out for the current width into the viewport.
func (m *leadModel) render() {
	if m.lead == nil || m.width <= 0 {
		return
	}
	m.vp.SetContent(renderLead(m.lead, m.ctx.styles, m.width, m.ctx.now()))
}

// renderLead is the whole lead page as text of the given width.
func renderLead(l *domain.Lead, s *Styles, width int, now time.Time) string {
	var b strings.Builder
	// Long lines wrap at words, so nothing a rep wrote is cut off.
	line := func(text string) {
		b.WriteString(ansi.Wrap(text, width, ""))
		b.WriteByte('\n')
	}
	section := func(title string) {
		b.WriteByte('\n')
		line(s.Section.Render(strings.ToUpper(title)))
	}
	field := func(label, value string) {
		if value == "" {
			return
		}
		line("  " + s.Muted.Render(cell(label, 10)) + " " + value)
	}

	// Header: who, and the badge a rep looks at first.
	badgeText := s.TierStyle(l.Score.Tier, l.InQueue()).Render(fmt.Sprintf("%s %d", l.Badge(), l.Score.Total))
	title := s.Title.Render(strings.TrimSpace(l.Salutation + " " + l.DisplayName()))
	if l.Title != "" {
		title += " · " + l.Title
	}
	gap := width - visibleWidth(title) - visibleWidth(badgeText)
	if gap >= 2 {
		line(title + strings.Repeat(" ", gap) + badgeText)
	} else {
		line(title)
		line(badgeText)
	}
	company := l.Company.Name
	if loc := strings.TrimSpace(l.Company.PostalCode + " " + l.Company.City); loc != "" || l.Company.Street != "" {
		company += " · " + words.Join(", ", l.Company.Street, loc)
	}
	if l.Company.Country != "" {
		company += " (" + l.Company.Country + ")"
	}
	line(company)
	var contact []string
	if l.Email != "" {
		contact = append(contact, "email "+l.Email)
	}
	if l.Phone != "" {
		contact = append(contact, "phone "+l.Phone)
	}
	if l.Mobile != "" {
		contact = append(contact, "mobile "+l.Mobile)
	}
	if len(contact) > 0 {
		line(strings.Join(contact, " · "))
	}
	consent := l.Consent.Status.Label()
	if l.Consent.Source != "" || !l.Consent.Date.IsZero() {
		consent += " (" + strings.TrimSpace(l.Consent.Source+" "+dateOrEmpty(l.Consent.Date)) + ")"
	}
	fit := l.Fit.Label()
	if l.FitReason != "" {
		fit += " – " + l.FitReason
	}
	line(fmt.Sprintf("Stage %s · Fit %s · Consent %s", s.Title.Render(l.Stage.Label()), fit, consent))
	meta := []string{}
	if l.Source != "" {
		meta = append(meta, "source "+l.Source)
	}
	if l.Owner != "" {
		meta = append(meta, "owner "+l.Owner)
	}
	meta = append(meta, "came in "+l.Created.In(now.Location()).Format("02.01.2006 15:04"))
	if lt := l.LastTouch(); lt.After(l.Created) {
		if a := ago(now, lt); a == "now" {
			meta = append(meta, "last touch just now")
		} else {
			meta = append(meta, "last touch "+a+" ago")
		}
	}
	if l.Callback != nil {
		meta = append(meta, "callback "+when(now, l.Callback.At))
	}
	if !l.NextTouch.IsZero() {
		meta = append(meta, "follow-up "+when(now, l.NextTouch))
	}
	line(s.Muted.Render(strings.Join(meta, " · ")))

	// Why this score: the parts and every rule that fired.
	section("Why this score")
	line(fmt.Sprintf("  %d = fit %s + engagement %s + BANT %s", l.Score.Total,
		points(l.Score.Fit), points(l.Score.Engagement), points(l.Score.BANT)))
	if len(l.Score.Rules) == 0 {
		line(s.Muted.Render("  no rule fired: nothing known about fit or engagement yet"))
	}
	for _, r := range l.Score.Rules {
		rule := r.Rule
		if r.Count > 1 {
			rule += fmt.Sprintf(" ×%d", r.Count)
		}
		line(fmt.Sprintf("  %s %s  %s", s.Muted.Render(cell(r.Part, 10)), cellRight(signed(r.Points), 6), rule))
	}

	section("BANT")
	if l.BANT.Answered() == 0 && l.BANT.RepEstimate < 0 {
		line(s.Muted.Render("  none yet"))
	} else {
		bant := l.BANT
		switch {
		case bant.HasBudget():
			field("Budget", domain.FormatMoney(bant.Budget, false)+", "+bant.BudgetStatus.Label())
		case bant.BudgetAnswered():
			field("Budget", bant.BudgetStatus.Label())
		}
		if bant.HasAuthority() {
			field("Authority", strings.TrimSpace(bant.Authority.Label()+" "+paren(bant.AuthorityRole)))
		}
		if bant.HasNeed() {
			need := bant.Need
			if bant.Urgency != domain.UrgencyUnknown {
				need += " (urgency " + bant.Urgency.String() + ")"
			}
			field("Need", need)
		}
		field("Timeline", bant.Timeline)
		line(fmt.Sprintf("  %s %d of 4", s.Muted.Render(cell("Answered", 10)), bant.Answered()))
		prob := fmt.Sprintf("%d%% computed from the answers", bant.Probability(now))
		if bant.RepEstimate >= 0 {
			prob += fmt.Sprintf(" · %d%% rep's own estimate", bant.RepEstimate)
		}
		field("Purchase", prob)
	}

	section("Enrichment notes")
	if len(l.Notes) == 0 {
		line(s.Muted.Render("  none yet"))
	}
	for _, i := range notesNewestFirst(l.Notes) {
		n := l.Notes[i]
		head := fmt.Sprintf("  %s  %s", s.Muted.Render(n.Created.In(now.Location()).Format("02.01.2006")), s.Title.Render(n.Kind.Label()))
		if n.URL != "" {
			head += "  " + s.Accent.Render(n.URL)
		}
		line(head)
		for _, t := range strings.Split(n.Text, "\n") {
			line("    " + t)
		}
	}

	if len(l.Custom) > 0 {
		section("Custom fields")
		keys := make([]string, 0, len(l.Custom))
		for k := range l.Custom {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			// A value of several lines stays indented under its key.
			first, rest, more := strings.Cut(safe(l.Custom[k]), "\n")
			line("  " + s.Muted.Render(safe(k)+":") + " " + first)
			if more {
				for _, t := range strings.Split(rest, "\n") {
					line("    " + t)
				}
			}
		}
	}

	section("Opportunity plan")
	if l.Plan == nil {
		line(s.Muted.Render("  none yet"))
	} else {
		p := l.Plan
		field("Team lead", p.Team.Lead)
		field("Project", p.Summary.Project)
		done := 0
		for _, ms := range p.Milestones {
			if ms.Done {
				done++
			}
		}
		line(fmt.Sprintf("  %s %d milestones (%d done) · %d key persons · %d competitors",
			s.Muted.Render(cell("Contents", 10)), len(p.Milestones), done, len(p.KeyPersons), len(p.Competitors)))
	}

	section("History (newest first)")
	if len(l.History) == 0 {
		line(s.Muted.Render("  nothing yet"))
	}
	loc := now.Location()
	for _, e := range l.NewestFirst() {
		// A note of several lines stays indented under its event.
		text := strings.ReplaceAll(eventLine(e, loc), "\n", "\n"+strings.Repeat(" ", 20))
		line(fmt.Sprintf("  %s  %s", s.Muted.Render(words.Stamp(e.At, loc)), text))
	}
	return strings.TrimRight(b.String(), "\n")
}

// eventLine is one history event as the lead screen shows it: what, the
// detail, and who did it.
func eventLine(e *domain.Event, loc *time.Location) string {
	what, detail := words.Event(e, loc)
	t := what
	switch {
	case detail == "":
	case strings.HasPrefix(detail, "("):
		t += " " + detail // "Download (decision)"
	default:
		t += " — " + detail
	}
	if e.By != "" {
		t += " (" + e.By + ")"
	}
	return t
}

func points(f float64) string {
	if f == float64(int64(f)) {
		return fmt.Sprint(int64(f))
	}
	return fmt.Sprintf("%.1f", f)
}

func signed(f float64) string {
	if f >= 0 {
		return "+" + points(f)
	}
	return points(f)
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02.01.2006")
}
