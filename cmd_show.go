package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/words"
)

func (a *app) show(args []string) (err error) {
	f := a.newFlags("show", "[flags] ID", "Print one lead: contact, stage, why it scores what it scores, BANT and\nits history, newest first.")
	asJSON := f.Bool("json", false, "print the whole lead as JSON")
	s, _, l, err := a.openLead(f, args)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if *asJSON {
		return writeLeadJSON(a.stdout, l)
	}
	w := bufio.NewWriter(a.stdout)
	writeLeadText(w, l)
	return w.Flush()
}

// openLead reads the one lead id of a command's arguments, opens the
// database and reads that lead. The caller closes the store.
func (a *app) openLead(f *cmdFlags, args []string) (*store.Store, domain.Config, *domain.Lead, error) {
	pos, err := f.parse(args)
	if err != nil {
		return nil, domain.Config{}, nil, err
	}
	if len(pos) != 1 {
		return nil, domain.Config{}, nil, &flagError{f, errors.New("give exactly one lead id")}
	}
	id, perr := strconv.ParseUint(pos[0], 10, 64)
	if perr != nil || id == 0 {
		return nil, domain.Config{}, nil, &flagError{f, fmt.Errorf("%q is not a lead id (ids are whole numbers from 1)", pos[0])}
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return nil, cfg, nil, err
	}
	l, err := s.Get(id)
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("there is no lead %d in %s", id, s.Path())
	}
	if err != nil {
		s.Close()
		return nil, cfg, nil, err
	}
	return s, cfg, l, nil
}

// plan prints a lead's opportunity plan as Markdown, to mail on.
func (a *app) plan(args []string) (err error) {
	f := a.newFlags("plan", "[flags] ID", "Print the opportunity plan of a lead as Markdown: a heading per section,\ntables for the lists. Sections hidden in the config's [plan] are left out.")
	f.Bool("markdown", true, "print Markdown (the only format)")
	s, cfg, l, err := a.openLead(f, args)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	id := l.ID
	if l.Plan == nil {
		if perr := l.PlanAllowed(); perr != nil {
			return perr
		}
		return fmt.Errorf("lead %d has no opportunity plan yet: open it in leadq and press p", id)
	}
	_, err = io.WriteString(a.stdout, l.Plan.Markdown(l, cfg.Plan.Sections, time.Now()))
	return err
}

// shownLead is a lead in show --json: the lead's own fields with its score
// flattened to the top, as list --json has it.
type shownLead struct {
	*domain.Lead
	Score      int         `json:"score"`
	Tier       domain.Tier `json:"tier"`
	ScoreParts scoreParts  `json:"score_parts"`
	Rules      []firedRule `json:"rules"`
	ScoredAt   time.Time   `json:"scored_at"`
}

type scoreParts struct {
	Fit        float64 `json:"fit"`
	Engagement float64 `json:"engagement"`
	BANT       float64 `json:"bant"`
}

type firedRule struct {
	Part   string  `json:"part"`
	Rule   string  `json:"rule"`
	Points float64 `json:"points"`
	Count  int     `json:"count"`
}

func writeLeadJSON(w io.Writer, l *domain.Lead) error {
	if l.History == nil {
		l.History = []domain.Event{} // [], not null: scripts need not guess
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(leadJSON(l))
}

func writeLeadText(w io.Writer, l *domain.Lead) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	field := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			p("  %-11s %s\n", label, clean(value))
		}
	}
	head := fmt.Sprintf("Lead %d · %s", l.ID, joinNonEmpty(" ", l.Salutation, l.DisplayName()))
	if l.Title != "" {
		head += " · " + l.Title
	}
	p("%s\n", clean(head))
	c := l.Company
	p("%s\n", clean(c.Name))
	field("Industry", c.Industry)
	field("Size", joinNonEmpty(", ", countOf(c.Employees, "employee", "employees"), moneyOf(c.AnnualRevenue, "EUR revenue")))
	field("Address", joinNonEmpty(", ", c.Street, joinNonEmpty(" ", c.PostalCode, c.City), c.Country))
	field("Website", c.Website)
	field("Email", l.Email)
	field("Phone", l.Phone)
	field("Mobile", l.Mobile)
	field("Source", l.Source)
	field("Owner", l.Owner)
	field("Created", stamp(l.Created))
	field("Stage", l.Stage.Label())
	field("Fit", joinNonEmpty(" — ", l.Fit.Label(), l.FitReason))
	consent := l.Consent.Status.Label()
	if l.Consent.Source != "" || !l.Consent.Date.IsZero() {
		consent += " (" + joinNonEmpty(", ", l.Consent.Source, day(l.Consent.Date)) + ")"
	}
	field("Consent", consent)
	if l.Callback != nil {
		field("Callback", joinNonEmpty(" — ", stamp(l.Callback.At), l.Callback.Note))
	}
	field("Next touch", stamp(l.NextTouch))
	if !l.InQueue() {
		field("Queue", "out of the queue")
	}

	sc := l.Score
	p("\nScore %d %s  (fit %g + engagement %g + BANT %g; scored %s)\n", sc.Total, sc.Tier.Label(), sc.Fit, sc.Engagement, sc.BANT, stamp(sc.At))
	if len(sc.Rules) == 0 {
		p("  no rule fired\n")
	}
	for _, r := range sc.Rules {
		rule := r.Rule
		if r.Count > 0 {
			rule += fmt.Sprintf(" (%d×)", r.Count)
		}
		p("  %-10s  %+7g  %s\n", r.Part, r.Points, clean(rule))
	}

	b := l.BANT
	p("\nBANT (%d of 4 answered)\n", b.Answered())
	switch {
	case b.HasBudget():
		field("Budget", domain.FormatMoney(b.Budget, false)+", "+b.BudgetStatus.Label())
	case b.BudgetStatus == domain.BudgetNone:
		field("Budget", "no budget")
	}
	if b.HasAuthority() {
		field("Authority", joinNonEmpty(" — ", b.Authority.Label(), b.AuthorityRole))
	}
	if b.HasNeed() {
		need := b.Need
		if b.Urgency != domain.UrgencyUnknown {
			need += " (urgency " + b.Urgency.String() + ")"
		}
		field("Need", need)
	}
	field("Timeline", b.Timeline)
	if b.RepEstimate >= 0 {
		field("Estimate", fmt.Sprintf("%d%% (rep)", b.RepEstimate))
	}

	if len(l.Notes) > 0 {
		p("\nNotes\n")
		for _, n := range l.Notes {
			p("  %s  %-10s %s\n", day(n.Created), n.Kind.Label(), cleanLines(joinNonEmpty("  ", n.Text, n.URL), strings.Repeat(" ", 25)))
		}
	}
	if len(l.Custom) > 0 {
		p("\nCustom fields\n")
		keys := make([]string, 0, len(l.Custom))
		for k := range l.Custom {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p("  %s: %s\n", clean(k), clean(l.Custom[k]))
		}
	}
	if pl := l.Plan; pl != nil {
		p("\nOpportunity plan\n")
		field("Project", pl.Summary.Project)
		field("Budget", pl.Summary.Budget)
		field("Team lead", pl.Team.Lead)
		for _, m := range pl.Milestones {
			field("Milestone", joinNonEmpty(" — ", m.Name, day(m.Due), pick(m.Done, "done", "")))
		}
		for _, k := range pl.KeyPersons {
			field("Key person", joinNonEmpty(" — ", k.Name, k.Role))
		}
		for _, c := range pl.Competitors {
			field("Competitor", c.Name)
		}
	}

	p("\nHistory (newest first)\n")
	if len(l.History) == 0 {
		p("  nothing yet\n")
	}
	for _, e := range l.NewestFirst() {
		what, detail := words.Event(e, time.Local)
		if e.By != "" {
			detail = joinNonEmpty(" · ", detail, "by "+e.By)
		}
		p("  %s  %-14s %s\n", stamp(e.At), what, clean(detail))
	}
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func countOf(n int, one, many string) string {
	if n <= 0 {
		return ""
	}
	return plural(n, one, many)
}

func moneyOf(amount int64, unit string) string {
	if amount <= 0 {
		return ""
	}
	return joinNonEmpty(" ", strconv.FormatInt(amount, 10), unit)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02")
}
