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
)

// closeStore closes s and reports a failed close only when nothing failed before.
func closeStore(s *store.Store, err *error) {
	if cerr := s.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("closing the database %s failed: %w", s.Path(), cerr)
	}
}

// maxSeed caps leadq seed: more would take hours and fill the disk.
const maxSeed = 10_000_000

func (a *app) seed(args []string) (err error) {
	f := a.newFlags("seed", "--leads N [--seed S] [--append] [flags]", "Write N synthetic leads (German names, companies and histories) into the\ndatabase, to try leadq out or measure it.")
	n := f.Int("leads", 0, "write `N` leads (at least 1)")
	seed := f.Int64("seed", 1, "random seed `S`; the same seed writes the same leads")
	appendTo := f.Bool("append", false, "add to a database that already holds leads")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	if *n < 1 {
		return fmt.Errorf("seed needs --leads N with N at least 1 (got %d)", *n)
	}
	if *n > maxSeed {
		return fmt.Errorf("seed writes at most %d leads at a time (asked for %d)", maxSeed, *n)
	}
	s, _, err := a.openStore(f, false)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if c, err := s.Counts(); err != nil {
		return err
	} else if c.All() > 0 && !*appendTo {
		return fmt.Errorf("%s already holds %s: seed adds synthetic leads only to an empty database, or with --append", s.Path(), plural(c.All(), "lead", "leads"))
	}
	start := time.Now()
	gen := synth.New(*seed, start)
	res, err := s.AddBulk(gen.Leads(*n), store.BulkOptions{})
	if err != nil {
		return fmt.Errorf("%w (%d leads were written before that)", err, res.Added)
	}
	fmt.Fprintf(a.stdout, "seeded %d leads into %s in %.1fs\n", res.Added, s.Path(), time.Since(start).Seconds())
	return nil
}

func (a *app) add(args []string) (err error) {
	f := a.newFlags("add", "--name NAME --company NAME [flags]", "Add a lead and print its id. --name (or --first-name and --last-name) and\n--company are required; every field is checked as the lead form checks it.")
	name := f.String("name", "", "the person's `name` (required unless first and last name are given)")
	salutation := f.String("salutation", "", "how the person is addressed, e.g. `Frau`, Herr, Dr.")
	first := f.String("first-name", "", "the person's first `name`")
	last := f.String("last-name", "", "the person's last `name`")
	company := f.String("company", "", "the company's `name` (required)")
	email := f.String("email", "", "email `address`")
	phone := f.String("phone", "", "phone `number`")
	mobile := f.String("mobile", "", "mobile `number`")
	title := f.String("title", "", "role or job `title`, e.g. Geschäftsführer")
	source := f.String("source", "", "`channel` of the first touch, e.g. website, trade fair")
	website := f.String("website", "", "the company's `website`")
	street := f.String("street", "", "`street` and number")
	city := f.String("city", "", "`city` (Ort)")
	postal := f.String("postal-code", "", "postal `code` (PLZ)")
	country := f.String("country", "", "`country`: its ISO code (DE) or name (Deutschland, Austria)")
	employees := f.String("employees", "", "the company's number of `employees`, e.g. 250 or 1.200")
	revenue := f.String("revenue", "", "the company's annual `revenue` in EUR, e.g. 5 Mio")
	industry := f.String("industry", "", "the company's `industry`, e.g. Maschinenbau")
	allowErased := f.Bool("allow-erased", false, "add a person erased at their request (leadq forget) again")
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
		return fmt.Errorf("add needs %s: a lead is a person at a company", strings.Join(missing, " and "))
	}
	emp, err := domain.ParseCount(*employees)
	if err != nil {
		return fmt.Errorf("--employees: %w", err)
	}
	rev, err := domain.ParseAmount(*revenue)
	if err != nil {
		return fmt.Errorf("--revenue: %w", err)
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
		return fmt.Errorf("%s", addFieldError(verr.Fields[0]))
	}
	if err != nil {
		return err
	}
	for _, d := range dups {
		fmt.Fprintf(a.stderr, "leadq: warning: lead %d already has the %s %s; added anyway as lead %d\n", d.ID, d.By, d.Key, id)
	}
	fmt.Fprintln(a.stdout, id)
	return nil
}

// addFieldError names the flag of a field the form would refuse.
func addFieldError(fe domain.FieldError) string {
	flag := map[string]string{"name": "--name", "company": "--company", "email": "--email", "phone": "--phone",
		"mobile": "--mobile", "country": "--country", "postal_code": "--postal-code", "website": "--website"}[fe.Field]
	if flag == "" {
		return fe.Error()
	}
	return flag + ": " + fe.Msg
}

// listPage is how many queue rows list reads per transaction.
const listPage = 1000

func (a *app) list(args []string) (err error) {
	f := a.newFlags("list", "[flags]", "Print leads in queue order: in-queue leads hot, warm, cold, highest score\nfirst, then those that left the queue (no fit, disqualified, customer).")
	tierName := f.String("tier", "", "only in-queue leads of this `tier`: hot, warm or cold")
	stageName := f.String("stage", "", "only leads at this `stage`: "+stageNames())
	limit := f.Int("limit", 0, "print at most `N` leads; 0 prints all")
	asJSON := f.Bool("json", false, "print a JSON array with one object per lead")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	tab := store.TabAll
	if *tierName != "" {
		t, err := domain.ParseTier(*tierName)
		if err != nil {
			return fmt.Errorf("--tier: %w", err)
		}
		tab = store.TabOf(t)
	}
	var stage *domain.Stage
	if *stageName != "" {
		st, err := domain.ParseStage(*stageName)
		if err != nil {
			return fmt.Errorf("--stage: %w", err)
		}
		stage = &st
	}
	if *limit < 0 {
		return fmt.Errorf("--limit must not be negative (got %d); 0 prints all", *limit)
	}
	s, _, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)

	w := bufio.NewWriter(a.stdout)
	var out rowWriter = &tableWriter{w: w}
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
				return false, fmt.Errorf("reading the leads failed: %w", err)
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
		rows, err := s.RescoredRows(context.Background(), tab, a.progress("scoring with the new rules"))
		if err != nil {
			return fmt.Errorf("scoring the leads failed: %w", err)
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
				return fmt.Errorf("reading the queue failed: %w", err)
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
		return fmt.Errorf("%s of the queue could not be read and %s left out (%v): leadq check tells more, leadq check --repair rebuilds the queue",
			plural(len(damaged), "entry", "entries"), map[bool]string{true: "was", false: "were"}[len(damaged) == 1], damaged[0])
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
	w *bufio.Writer
	n int
}

var tableColumns = []struct {
	title string
	width int
	right bool
}{{"ID", 6, true}, {"TIER", 4, false}, {"SCORE", 5, true}, {"NAME", 24, false}, {"COMPANY", 28, false}, {"STAGE", 12, false}, {"SOURCE", 18, false}}

func (t *tableWriter) line(cells ...string) error {
	var b strings.Builder
	for i, c := range cells {
		col := tableColumns[i]
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
		titles := make([]string, len(tableColumns))
		for i, c := range tableColumns {
			titles[i] = c.title
		}
		if err := t.line(titles...); err != nil {
			return err
		}
	}
	t.n++
	tier := r.Tier.Label()
	if !r.InQueue {
		tier = "out"
	}
	return t.line(strconv.FormatUint(r.ID, 10), tier, strconv.Itoa(r.Score), r.Name, r.Company, r.Stage.Label(), r.Source)
}

func (t *tableWriter) end() error {
	if t.n == 0 {
		_, err := t.w.WriteString("no leads\n")
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
	f := a.newFlags("check", "[flags]", "Walk the whole database file and report any damage, lead by lead; the file\nis only read. With --repair, rebuild the indexes and counts from the lead\nrecords into a new file, keeping the damaged one beside it.")
	repair := f.Bool("repair", false, "rebuild the indexes and counts from the records (the damaged file is kept)")
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
			fmt.Fprintln(w, clean(p.String()))
		}
		if more > 0 {
			fmt.Fprintf(w, "… and %d more\n", more)
		}
		w.Flush()
		return fmt.Errorf("the database %s is damaged: %s found (leadq check --repair rebuilds the indexes from the records)", s.Path(), plural(len(problems)+more, "problem", "problems"))
	}
	n, err := s.CountRecords()
	if s.Schema() < store.SchemaVersion {
		fmt.Fprintf(a.stdout, "ok: %s (schema %d: the next leadq command that opens it moves it to schema %d)\n", plural(n, "lead", "leads"), s.Schema(), store.SchemaVersion)
		return nil
	}
	fmt.Fprintf(a.stdout, "ok: %s\n", plural(n, "lead", "leads"))
	return nil
}

func (a *app) repair(s *store.Store) error {
	// A sound file is left as it is: a repair would only make a copy.
	if problems, _, err := s.CheckAll(); err == nil && len(problems) == 0 {
		n, _ := s.CountRecords()
		fmt.Fprintf(a.stdout, "ok: %s, nothing to repair\n", plural(n, "lead", "leads"))
		return nil
	}
	res, err := s.Repair(a.progress("rebuilding " + s.Path()))
	if err != nil {
		return fmt.Errorf("repairing %s failed: %w", s.Path(), err)
	}
	w := bufio.NewWriter(a.stdout)
	for _, p := range res.Dropped {
		fmt.Fprintln(w, clean(p.String()))
	}
	fmt.Fprintf(w, "repaired: %s in the rebuilt file; the damaged file is kept as %s\n", plural(res.Leads, "lead", "leads"), res.Kept)
	if len(res.Dropped) > 0 {
		fmt.Fprintf(w, "%s above did not check out and %s kept out of the rebuilt file; the kept file still holds them as they are\n",
			plural(len(res.Dropped), "record", "records"), map[bool]string{true: "was", false: "were"}[len(res.Dropped) == 1])
	}
	return w.Flush()
}

// version is set at link time (-ldflags "-X main.version=v1.2.0"); when
// empty, the build information says what was built.
var version = ""

func (a *app) version(args []string) error {
	f := a.newFlags("version", "[flags]", "Print leadq's version.")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "leadq %s\n", versionString())
	return nil
}

func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel), built without build information"
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
		return v + ", built without version control information (go build -buildvcs=true in a checkout stamps the revision)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += " with uncommitted changes"
	}
	if len(at) >= 10 {
		rev += " of " + at[:10]
	}
	return v + " " + rev + " " + bi.GoVersion
}

func (a *app) help(args []string) error {
	f := a.newFlags("help", "[COMMAND]", "List the commands, or print one command's usage and flags.")
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
		return fmt.Errorf("unknown command %q: run leadq help for the list of commands", pos[0])
	}
	return &flagError{f, fmt.Errorf("unexpected argument %q", pos[1])}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
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
