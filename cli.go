package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
	"leadq/ui/i18n"
)

// closeStore closes s and reports a failed close only when nothing failed before.
func closeStore(s *store.Store, err *error) {
	if cerr := s.Close(); cerr != nil && *err == nil {
		*err = domain.Problemf("cli.close_failed", "closing the database %s failed: %v", s.Path(), cerr)
	}
}

// maxSeed caps leadq seed: more would take hours and fill the disk.
const maxSeed = 10_000_000

func (a *app) seed(args []string) (err error) {
	tr := a.tr
	f := a.newFlags("seed", tr.T("cli.seed.synopsis"), tr.T("cli.seed.about"))
	n := f.Int("leads", 0, tr.T("cli.seed.flag.leads"))
	seed := f.Int64("seed", 1, tr.T("cli.seed.flag.seed"))
	appendTo := f.Bool("append", false, tr.T("cli.seed.flag.append"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	if *n < 1 {
		return domain.Problemf("cli.seed.too_few", "seed needs --leads N with N at least 1 (got %d)", *n)
	}
	if *n > maxSeed {
		return domain.Problemf("cli.seed.too_many", "seed writes at most %d leads at a time (asked for %d)", maxSeed, *n)
	}
	s, _, err := a.openStore(f, false)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if c, err := s.Counts(); err != nil {
		return err
	} else if c.All() > 0 && !*appendTo {
		return domain.Problemf("cli.seed.not_empty", "%s already holds %s: seed adds synthetic leads only to an empty database, or with --append", s.Path(), a.tr.N("cli.n.leads", c.All()))
	}
	start := time.Now()
	gen := synth.New(*seed, start)
	res, err := s.AddBulk(gen.Leads(*n), store.BulkOptions{})
	if err != nil {
		return domain.Problemf("cli.seed.failed", "%v (%d leads were written before that)", err, res.Added)
	}
	fmt.Fprintln(a.stdout, a.tr.F("cli.seed.done", res.Added, s.Path(), a.seconds(time.Since(start))))
	return nil
}

func (a *app) add(args []string) (err error) {
	tr := a.tr
	f := a.newFlags("add", tr.T("cli.add.synopsis"), tr.T("cli.add.about"))
	name := f.String("name", "", tr.T("cli.add.flag.name"))
	salutation := f.String("salutation", "", tr.T("cli.add.flag.salutation"))
	first := f.String("first-name", "", tr.T("cli.add.flag.first-name"))
	last := f.String("last-name", "", tr.T("cli.add.flag.last-name"))
	company := f.String("company", "", tr.T("cli.add.flag.company"))
	email := f.String("email", "", tr.T("cli.add.flag.email"))
	phone := f.String("phone", "", tr.T("cli.add.flag.phone"))
	mobile := f.String("mobile", "", tr.T("cli.add.flag.mobile"))
	title := f.String("title", "", tr.T("cli.add.flag.title"))
	source := f.String("source", "", tr.T("cli.add.flag.source"))
	website := f.String("website", "", tr.T("cli.add.flag.website"))
	street := f.String("street", "", tr.T("cli.add.flag.street"))
	city := f.String("city", "", tr.T("cli.add.flag.city"))
	postal := f.String("postal-code", "", tr.T("cli.add.flag.postal-code"))
	country := f.String("country", "", tr.T("cli.add.flag.country"))
	employees := f.String("employees", "", tr.T("cli.add.flag.employees"))
	revenue := f.String("revenue", "", tr.T("cli.add.flag.revenue"))
	industry := f.String("industry", "", tr.T("cli.add.flag.industry"))
	allowErased := f.Bool("allow-erased", false, tr.T("cli.add.flag.allow-erased"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	var missing []string
	if strings.TrimSpace(*name) == "" && strings.TrimSpace(*first+*last) == "" {
		missing = append(missing, "--name")
	}
	if strings.TrimSpace(*company) == "" {
		missing = append(missing, "--company")
	}
	if len(missing) > 0 {
		return domain.Problemf("cli.add.needs", "add needs %s: a lead is a person at a company", strings.Join(missing, a.tr.T("cli.and")))
	}
	emp, err := domain.ParseCount(*employees)
	if err != nil {
		return flagValueError("--employees", err)
	}
	rev, err := domain.ParseAmount(*revenue)
	if err != nil {
		return flagValueError("--revenue", err)
	}
	s, cfg, err := a.openStore(f, false)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	s.AllowErased(*allowErased)
	l := &domain.Lead{
		Salutation: *salutation, FirstName: *first, LastName: *last, Name: *name, Title: *title,
		Email: *email, Phone: *phone, Mobile: *mobile,
		Company: domain.Company{Name: *company, Website: *website, Industry: *industry, Employees: emp, AnnualRevenue: rev,
			Country: *country, Street: *street, PostalCode: *postal, City: *city},
		Source: *source, Owner: cfg.Owner,
		BANT: domain.BANT{RepEstimate: -1},
	}
	id, dups, err := s.AddLead(l)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		return addFieldError(verr.Fields[0])
	}
	if err != nil {
		return err
	}
	for _, d := range dups {
		msg := a.tr.F("cli.add.duplicate", d.ID, d.By, d.Key, id)
		switch d.By {
		case "email":
			msg = a.tr.F("cli.add.duplicate_email", d.ID, d.Key, id)
		case "phone":
			msg = a.tr.F("cli.add.duplicate_phone", d.ID, d.Key, id)
		}
		fmt.Fprintf(a.stderr, "leadq: %s\n", msg)
	}
	fmt.Fprintln(a.stdout, id)
	return nil
}

// addFieldError names the flag of a field the form would refuse.
func addFieldError(fe domain.FieldError) error {
	flag := map[string]string{"name": "--name", "company": "--company", "email": "--email", "phone": "--phone",
		"mobile": "--mobile", "country": "--country", "postal_code": "--postal-code", "website": "--website"}[fe.Field]
	if flag == "" {
		return fe
	}
	return flagValueError(flag, errors.New(fe.Msg))
}

// tierError and stageError word a refused --tier or --stage for a person,
// unless the domain words it already.
func tierError(err error, typed string) error {
	if _, ok := domain.AsProblem(err); ok {
		return err
	}
	return domain.Problemf("cli.flag.bad_tier", "unknown tier %q (want hot, warm or cold)", typed)
}

func stageError(err error, typed string) error {
	if _, ok := domain.AsProblem(err); ok {
		return err
	}
	return domain.Problemf("cli.flag.bad_stage", "unknown stage %q (want one of %s)", typed, stageNames())
}

// flagValueError is a flag's value refused, with the flag in front.
func flagValueError(flag string, err error) error {
	return domain.Problemf("cli.flag_value", "%s: %v", flag, err)
}

// listPage is how many queue rows list reads per transaction.
const listPage = 1000

func (a *app) list(args []string) (err error) {
	tr := a.tr
	f := a.newFlags("list", tr.T("cli.synopsis.flags"), tr.T("cli.list.about"))
	tierName := f.String("tier", "", tr.T("cli.flag.tier"))
	stageName := f.String("stage", "", tr.F("cli.flag.stage", stageNames()))
	limit := f.Int("limit", 0, tr.T("cli.list.flag.limit"))
	asJSON := f.Bool("json", false, tr.T("cli.list.flag.json"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	tab := store.TabAll
	if *tierName != "" {
		t, err := domain.ParseTier(*tierName)
		if err != nil {
			return flagValueError("--tier", tierError(err, *tierName))
		}
		tab = store.TabOf(t)
	}
	var stage *domain.Stage
	if *stageName != "" {
		st, err := domain.ParseStage(*stageName)
		if err != nil {
			return flagValueError("--stage", stageError(err, *stageName))
		}
		stage = &st
	}
	if *limit < 0 {
		return domain.Problemf("cli.list.negative_limit", "--limit must not be negative (got %d); 0 prints all", *limit)
	}
	s, _, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)

	w := bufio.NewWriter(a.stdout)
	var out rowWriter = newTableWriter(w, a.tr)
	if *asJSON {
		out = &jsonWriter{w: w}
	}
	printed := 0
	var damaged []error
	// print writes a page of rows that pass the filters; false once the limit is reached.
	print := func(rows []store.Row) (bool, error) {
		var keep []store.Row
		for _, r := range rows {
			if r.Damaged != nil {
				damaged = append(damaged, r.Damaged) // left out, and said at the end
				continue
			}
			if stage == nil || r.Stage == *stage {
				keep = append(keep, r)
			}
		}
		if *limit > 0 && printed+len(keep) > *limit {
			keep = keep[:*limit-printed]
		}
		var leads []*domain.Lead
		if *asJSON && len(keep) > 0 {
			ids := make([]uint64, len(keep))
			for i, r := range keep {
				ids[i] = r.ID
			}
			if leads, err = s.Records(ids); err != nil {
				return false, domain.Problemf("cli.list.read_failed", "reading the leads failed: %v", err)
			}
		}
		for i, r := range keep {
			var l *domain.Lead
			if i < len(leads) && leads[i].ID == r.ID {
				l = leads[i]
			}
			if err := out.row(r, l); err != nil {
				return false, err
			}
		}
		printed += len(keep)
		return *limit == 0 || printed < *limit, nil
	}
	if s.Stale() {
		// The stored order was worked out under other rules: score every
		// lead now, in memory, and print that order.
		rows, err := s.RescoredRows(context.Background(), tab, a.progress(a.tr.T("cli.list.rescoring")))
		if err != nil {
			return domain.Problemf("cli.list.rescore_failed", "scoring the leads failed: %v", err)
		}
		for len(rows) > 0 {
			page := rows[:min(listPage, len(rows))]
			rows = rows[len(page):]
			if more, err := print(page); err != nil || !more {
				if err != nil {
					return err
				}
				break
			}
		}
	} else {
		page := listPage
		if *limit > 0 && stage == nil {
			page = min(page, *limit)
		}
		var after []byte
		for {
			rows, err := s.QueueAfter(tab, after, page)
			if err != nil {
				return domain.Problemf("cli.list.queue_failed", "reading the queue failed: %v", err)
			}
			more, err := print(rows)
			if err != nil {
				return err
			}
			if !more || len(rows) < page {
				break
			}
			after = rows[len(rows)-1].Key
		}
	}
	if err := out.end(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(damaged) > 0 {
		return errors.New(a.tr.N("cli.list.damaged", len(damaged), a.tr.Error(damaged[0])))
	}
	return nil
}

// rowWriter prints the queue one row at a time, so a million leads never
// sit in memory together. l is the lead's record where the output needs
// more than the row.
type rowWriter interface {
	row(r store.Row, l *domain.Lead) error
	end() error
}

// listItem is a lead in list --json: every field always present, so
// scripts need not guess.
type listItem struct {
	ID        uint64       `json:"id"`
	Name      string       `json:"name"`
	Company   string       `json:"company"`
	Email     string       `json:"email"`
	Phone     string       `json:"phone"`
	City      string       `json:"city"`
	Source    string       `json:"source"`
	Stage     domain.Stage `json:"stage"`
	Score     int          `json:"score"`
	Tier      domain.Tier  `json:"tier"`
	Fit       domain.Fit   `json:"fit"`
	InQueue   bool         `json:"in_queue"`
	Created   time.Time    `json:"created"`
	LastTouch time.Time    `json:"last_touch"`
	Callback  *time.Time   `json:"callback,omitempty"`
}

type jsonWriter struct {
	w   *bufio.Writer
	n   int
	buf bytes.Buffer
}

func (j *jsonWriter) row(r store.Row, l *domain.Lead) error {
	it := listItem{
		ID: r.ID, Name: r.Name, Company: r.Company, Source: r.Source, Stage: r.Stage, Score: r.Score,
		Tier: r.Tier, InQueue: r.InQueue, LastTouch: r.LastTouch.UTC(),
	}
	if l != nil {
		it.Email, it.Phone, it.City, it.Fit, it.Created = l.Email, l.Phone, l.Company.City, l.Fit, l.Created.UTC()
	}
	if !r.Callback.IsZero() {
		cb := r.Callback.UTC()
		it.Callback = &cb
	}
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(it); err != nil {
		return err
	}
	sep := ",\n"
	if j.n == 0 {
		sep = "[\n"
	}
	j.n++
	j.w.WriteString(sep)
	_, err := j.w.Write(bytes.TrimRight(j.buf.Bytes(), "\n"))
	return err
}

func (j *jsonWriter) end() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := j.w.WriteString(end)
	return err
}

// tableWriter prints fixed display-width columns, so the table streams and
// umlauts and CJK still line up.
type tableWriter struct {
	w     *bufio.Writer
	tr    *i18n.Catalog
	n     int
	cols  []tableColumn
	lines strings.Builder
}

type tableColumn struct {
	title string
	width int
	right bool
}

// newTableWriter lays out the columns for the catalog's words: a column is
// as wide as its title and, for tier and stage, its widest label.
func newTableWriter(w *bufio.Writer, tr *i18n.Catalog) *tableWriter {
	cols := []tableColumn{{tr.T("cli.list.col.lead_id"), 6, true}, {tr.T("cli.list.col.tier"), 4, false}, {tr.T("cli.list.col.score"), 5, true},
		{tr.T("cli.list.col.name"), 24, false}, {tr.T("cli.list.col.company"), 28, false}, {tr.T("cli.list.col.stage"), 12, false},
		{tr.T("cli.list.col.source"), 18, false}}
	for i := range cols {
		cols[i].width = max(cols[i].width, ansi.StringWidth(cols[i].title))
	}
	for t := domain.Tier(0); t < 3; t++ {
		cols[1].width = max(cols[1].width, ansi.StringWidth(tr.Badge(t, true)))
	}
	cols[1].width = max(cols[1].width, ansi.StringWidth(tr.Badge(0, false)))
	for _, st := range domain.Stages {
		cols[5].width = max(cols[5].width, ansi.StringWidth(tr.Stage(st)))
	}
	return &tableWriter{w: w, tr: tr, cols: cols}
}

func (t *tableWriter) line(cells ...string) error {
	b := &t.lines
	b.Reset()
	for i, c := range cells {
		col := t.cols[i]
		c = ansi.Truncate(clean(c), col.width, "…")
		pad := strings.Repeat(" ", max(0, col.width-ansi.StringWidth(c)))
		if i > 0 {
			b.WriteString("  ")
		}
		switch {
		case col.right:
			b.WriteString(pad + c)
		case i == len(cells)-1:
			b.WriteString(c) // no trailing blanks
		default:
			b.WriteString(c + pad)
		}
	}
	b.WriteByte('\n')
	_, err := t.w.WriteString(b.String())
	return err
}

func (t *tableWriter) row(r store.Row, _ *domain.Lead) error {
	if t.n == 0 {
		titles := make([]string, len(t.cols))
		for i, c := range t.cols {
			titles[i] = c.title
		}
		if err := t.line(titles...); err != nil {
			return err
		}
	}
	t.n++
	return t.line(strconv.FormatUint(r.ID, 10), t.tr.Badge(r.Tier, r.InQueue), strconv.Itoa(r.Score), r.Name, r.Company, t.tr.Stage(r.Stage), r.Source)
}

func (t *tableWriter) end() error {
	if t.n == 0 {
		_, err := t.w.WriteString(t.tr.T("cli.list.none") + "\n")
		return err
	}
	return nil
}

// clean keeps control characters (a newline in an imported name, an escape
// sequence) from breaking the terminal's layout.
func clean(s string) string { return domain.SafeLine(s) }

// cleanLines is clean for text that may take several lines, each after
// the first indented by indent.
func cleanLines(s, indent string) string {
	return strings.ReplaceAll(domain.Safe(s), "\n", "\n"+indent)
}

func stageNames() string {
	names := make([]string, len(domain.Stages))
	for i, s := range domain.Stages {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}

func (a *app) check(args []string) (err error) {
	f := a.newFlags("check", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.check.about"))
	repair := f.Bool("repair", false, a.tr.T("cli.check.flag.repair"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, _, err := a.openStoreWith(f, true, !*repair)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if *repair {
		return a.repair(s)
	}
	problems, more, err := s.CheckAll()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		w := bufio.NewWriter(a.stdout)
		for _, p := range problems {
			fmt.Fprintln(w, clean(a.problemLine(p)))
		}
		if more > 0 {
			fmt.Fprintln(w, a.tr.N("cli.and_more", more))
		}
		w.Flush()
		return domain.Problemf("cli.check.damaged", "the database %s is damaged: %s found (leadq check --repair rebuilds the indexes from the records)", s.Path(), a.tr.N("cli.n.problems", len(problems)+more))
	}
	n, err := s.CountRecords()
	if s.Schema() < store.SchemaVersion {
		fmt.Fprintln(a.stdout, a.tr.F("cli.check.ok_old", a.tr.N("cli.n.leads", n), s.Schema(), store.SchemaVersion))
		return nil
	}
	fmt.Fprintln(a.stdout, a.tr.F("cli.check.ok", a.tr.N("cli.n.leads", n)))
	return nil
}

// problemLine is one problem check found, in the user's language.
func (a *app) problemLine(p store.Problem) string {
	if p.Why == nil {
		return p.String()
	}
	why := a.tr.Error(p.Why)
	if p.Lead == 0 {
		return why
	}
	return a.tr.F("cli.check.lead", p.Lead, why)
}

func (a *app) repair(s *store.Store) error {
	// A sound file is left as it is: a repair would only make a copy.
	if problems, _, err := s.CheckAll(); err == nil && len(problems) == 0 {
		n, _ := s.CountRecords()
		fmt.Fprintln(a.stdout, a.tr.F("cli.repair.nothing", a.tr.N("cli.n.leads", n)))
		return nil
	}
	res, err := s.Repair(a.progress(a.tr.F("cli.repair.rebuilding", s.Path())))
	if err != nil {
		return domain.Problemf("cli.repair.failed", "repairing %s failed: %v", s.Path(), err)
	}
	w := bufio.NewWriter(a.stdout)
	for _, p := range res.Dropped {
		fmt.Fprintln(w, clean(a.problemLine(p)))
	}
	fmt.Fprintln(w, a.tr.F("cli.repair.done", a.tr.N("cli.n.leads", res.Leads), res.Kept))
	if len(res.Dropped) > 0 {
		fmt.Fprintln(w, a.tr.N("cli.repair.dropped", len(res.Dropped)))
	}
	return w.Flush()
}

// version is set at link time (-ldflags "-X main.version=v1.2.0"); when
// empty, the build information says what was built.
var version = ""

func (a *app) version(args []string) error {
	f := a.newFlags("version", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.version.about"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "leadq %s\n", versionString(a.tr))
	return nil
}

func versionString(tr *i18n.Catalog) string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return tr.T("cli.version.no_build_info")
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return v + tr.T("cli.version.no_vcs")
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += tr.T("cli.version.dirty")
	}
	if len(at) >= 10 {
		rev += tr.F("cli.version.of", at[:10])
	}
	return v + " " + rev + " " + bi.GoVersion
}

func (a *app) help(args []string) error {
	f := a.newFlags("help", a.tr.T("cli.help.synopsis"), a.tr.T("cli.help.about"))
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		a.printCommands(a.stdout)
		return nil
	case 1:
		for _, c := range a.commands() {
			if c.name == pos[0] {
				if err := c.run([]string{"--help"}); !errors.Is(err, errHelpShown) {
					return err
				}
				return nil
			}
		}
		return domain.Problemf("cli.unknown_command", "unknown command %q: run leadq help for the list of commands", pos[0])
	}
	return &flagError{f, domain.Problemf("cli.unexpected_argument", "unexpected argument %q", pos[1])}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// seconds is how long something took, "1.5" (en) or "1,5" (de), for an "s" after it.
func (a *app) seconds(d time.Duration) string { return a.tenths(d.Seconds()) }

// tenths writes f with one decimal, trailing zero kept, the locale's way.
func (a *app) tenths(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if a.tr.Lang() == i18n.German {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func joinIDs(ids []uint64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatUint(id, 10)
	}
	return strings.Join(s, ", ")
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, s := range parts {
		if strings.TrimSpace(s) != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, sep)
}
