package main

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
	"leadq/ui/page"
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
	return writeLeadText(a.stdout, a.tr, l, time.Now())
}

// openLead reads the one lead id of a command's arguments, opens the
// database and reads that lead. The caller closes the store.
func (a *app) openLead(f *cmdFlags, args []string) (*store.Store, domain.Config, *domain.Lead, error) {
	pos, err := f.parse(args)
	if err != nil {
		return nil, domain.Config{}, nil, err
	}
	if len(pos) != 1 {
		return nil, domain.Config{}, nil, &flagError{f, domain.Problemf("lead.err-one-id", "give exactly one lead id")}
	}
	id, perr := strconv.ParseUint(pos[0], 10, 64)
	if perr != nil || id == 0 {
		return nil, domain.Config{}, nil, &flagError{f, domain.Problemf("lead.err-not-id", "%q is not a lead id (ids are whole numbers from 1)", pos[0])}
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return nil, cfg, nil, err
	}
	l, err := s.Get(id)
	if errors.Is(err, store.ErrNotFound) {
		err = domain.Problemf("lead.err-no-lead", "there is no lead %d in %s", id, s.Path())
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
		return domain.Problemf("lead.err-no-plan", "lead %d has no opportunity plan yet: open it in leadq and press p", id)
	}
	_, err = io.WriteString(a.stdout, l.Plan.MarkdownIn(a.tr, l, cfg.Plan.Sections, time.Now()))
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
	Part   string           `json:"part"`
	Rule   string           `json:"rule"`
	Points float64          `json:"points"`
	Count  int              `json:"count"`
	Says   domain.RuleWords `json:"-"` // words for the screen, not for scripts
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

// writeLeadText prints the lead page, the lead screen's words in plain text.
func writeLeadText(w io.Writer, tr *i18n.Catalog, l *domain.Lead, now time.Time) error {
	return page.WriteText(w, tr, page.Build(tr, l, now))
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
