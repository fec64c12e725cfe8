package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
	"leadq/store"
	"leadq/store/transfer"
	"leadq/ui/i18n"
)

// This file holds the commands a data-protection request needs and the
// ones that keep the file's copies: export-person, forget, compact,
// backup, backups and restore.

// personExport is what export-person writes: everything stored about one
// lead (record, custom fields, history, notes, plan) with its consent spelt
// out, the file a rep hands over on request (DSGVO Art. 15 / 20).
type personExport struct {
	Exported time.Time      `json:"exported"`
	Consent  consentExport  `json:"consent"`
	Lead     shownLead      `json:"lead"`
	Notice   string         `json:"notice"`
	Counts   map[string]int `json:"counts"`
}

type consentExport struct {
	Status           domain.ConsentStatus `json:"status"`
	Label            string               `json:"label"`
	Source           string               `json:"source"`
	Date             *time.Time           `json:"date"`
	AllowsMarketing  bool                 `json:"allows_marketing"`
	DoubleOptInGiven bool                 `json:"double_opt_in"`
}

func (a *app) exportPerson(args []string) (err error) {
	f := a.newFlags("export-person", a.tr.T("cli.synopsis.flags_id"), a.tr.T("cli.export-person.about"))
	out := f.String("out", "", a.tr.T("cli.export-person.flag.out"))
	s, _, l, err := a.openLead(f, args)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	a.warnPermissions(s.Path(), "")
	if l.History == nil {
		l.History = []domain.Event{}
	}
	c := l.Consent
	exp := personExport{
		Exported: time.Now().UTC().Truncate(time.Second),
		Consent: consentExport{Status: c.Status, Label: i18n.For(i18n.English).Consent(c.Status), Source: c.Source,
			AllowsMarketing: c.Status.AllowsMarketing(), DoubleOptInGiven: c.Status == domain.ConsentDoubleOptIn},
		Lead:   leadJSON(l),
		Notice: "This is every value leadq stores about this person; the score is worked out from them and is not stored.",
		Counts: map[string]int{"history": len(l.History), "notes": len(l.Notes), "custom": len(l.Custom)},
	}
	if !c.Date.IsZero() {
		d := c.Date.UTC()
		exp.Consent.Date = &d
	}
	if *out == "" {
		return writeJSON(a.stdout, exp)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return writeJSON(w, exp) }, func() {
		fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.export-person.done", l.ID, *out))
	})
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeFileAtomic writes a file of the rep's (mode 0600) through a
// temporary one beside it, so a failure leaves no half-written file.
func writeFileAtomic(path string, write func(w io.Writer) error, done func()) error {
	tmp := path + ".writing"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return domain.Problemf("cli.cannot_write", "cannot write %s: %v", path, err)
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return domain.Problemf("cli.write_failed", "writing %s failed: %v", path, err)
	}
	done()
	return nil
}

// leadJSON is the lead as show --json prints it, score flattened to the top.
func leadJSON(l *domain.Lead) shownLead {
	sc := l.Score
	out := shownLead{
		Lead: l, Score: sc.Total, Tier: sc.Tier, ScoredAt: sc.At,
		ScoreParts: scoreParts{Fit: sc.Fit, Engagement: sc.Engagement, BANT: sc.BANT},
		Rules:      make([]firedRule, 0, len(sc.Rules)),
	}
	for _, r := range sc.Rules {
		out.Rules = append(out.Rules, firedRule(r))
	}
	return out
}

// backupDir is where the database's backups go: the config's [backup]
// dir (relative to the database's folder), else backups/ beside it.
func backupDir(dbPath string, cfg domain.Config) string {
	d := expandHome(cfg.Backup.Dir)
	switch {
	case d == "":
		return store.DefaultBackupDir(dbPath)
	case !filepath.IsAbs(d):
		return filepath.Join(filepath.Dir(dbPath), d)
	}
	return d
}

func backupPolicy(dbPath string, cfg domain.Config) store.BackupPolicy {
	return store.BackupPolicy{Dir: backupDir(dbPath, cfg), KeepDaily: cfg.Backup.KeepDaily, KeepWeekly: cfg.Backup.KeepWeekly}
}

// permissionWarning is the one line that says which of leadq's files other
// users of the computer can read, and how to close them; "" when none.
func permissionWarning(tr *i18n.Catalog, dbPath, dir string) string {
	loose := store.LoosePermissions(dbPath, dir)
	if len(loose) == 0 {
		return ""
	}
	var names, fixes []string
	for _, l := range loose {
		names = append(names, fmt.Sprintf("%s (%04o)", l.Path, l.Mode))
		fixes = append(fixes, l.Fix)
	}
	return tr.F("cli.perms.loose", strings.Join(names, ", "), strings.Join(fixes, "; "))
}

// permsWarned holds the runs that have warned about permissions already.
var permsWarned sync.Map

// warnPermissions says once per run, on stderr, when the database, a
// backup or the backups folder can be read by others.
func (a *app) warnPermissions(dbPath, dir string) {
	if _, done := permsWarned.LoadOrStore(a, true); done {
		return
	}
	if w := permissionWarning(a.tr, dbPath, dir); w != "" {
		fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.warning", domain.SafeLine(w)))
	}
}

// confirm asks a yes/no question on the terminal. Without one, the answer
// must come as --yes.
func (a *app) confirm(question string) error {
	in := os.Stdin
	if !isTerminal(in) {
		return domain.Problemf("cli.confirm.no_terminal", "this asks before it goes on and there is no terminal to ask on: give --yes to go on without asking")
	}
	fmt.Fprintf(a.stderr, "%s %s ", question, a.tr.T("cli.confirm.choices"))
	line, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "j", "ja":
		return nil
	}
	return domain.Problemf("cli.confirm.unchanged", "nothing was changed")
}

func (a *app) sizeOf(n int64) string {
	switch {
	case n >= 10<<20:
		return a.tr.Number(int(n>>20)) + " MB"
	case n >= 1<<20:
		return a.tenths(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func (a *app) compact(args []string) (err error) {
	f := a.newFlags("compact", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.compact.about"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	a.warnPermissions(s.Path(), backupDir(s.Path(), cfg))
	start := time.Now()
	res, err := s.Compact()
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.tr.F("cli.compact.done", s.Path(), a.sizeOf(res.Before), a.sizeOf(res.After), a.seconds(time.Since(start))))
	return nil
}

func (a *app) backupCmd(args []string) (err error) {
	f := a.newFlags("backup", a.tr.T("cli.backup.synopsis"), a.tr.T("cli.backup.about"))
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return &flagError{f, domain.Problemf("cli.unexpected_argument", "unexpected argument %q", pos[1])}
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	dir := backupDir(s.Path(), cfg)
	target := dir
	if len(pos) == 1 {
		target = expandHome(pos[0])
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return domain.Problemf("cli.backup.no_dir", "cannot make the backups folder: %v", err)
	}
	start := time.Now()
	info, err := s.Backup(target)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.tr.F("cli.backup.done", a.tr.N("cli.n.leads", info.Leads), info.Path, a.sizeOf(info.Size), a.seconds(time.Since(start))))
	a.warnPermissions(s.Path(), dir)
	return nil
}

func (a *app) backupsCmd(args []string) (err error) {
	f := a.newFlags("backups", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.backups.about"))
	asJSON := f.Bool("json", false, a.tr.T("cli.backups.flag.json"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	dir := backupDir(s.Path(), cfg)
	list, err := s.Backups(dir)
	if err != nil {
		return err
	}
	a.warnPermissions(s.Path(), dir)
	if *asJSON {
		type item struct {
			Path      string    `json:"path"`
			Time      time.Time `json:"time"`
			Size      int64     `json:"size"`
			Leads     int       `json:"leads"`
			Verified  bool      `json:"verified"`
			Encrypted bool      `json:"encrypted"`
			Problem   string    `json:"problem,omitempty"`
		}
		out := make([]item, 0, len(list))
		for _, b := range list {
			out = append(out, item{b.Path, b.Time.UTC(), b.Size, b.Leads, b.Verified, b.Encrypted, b.Problem})
		}
		return writeJSON(a.stdout, out)
	}
	w := bufio.NewWriter(a.stdout)
	if len(list) == 0 {
		fmt.Fprintln(w, a.tr.F("cli.backups.none", dir))
		return w.Flush()
	}
	tr := a.tr
	cols := []string{tr.T("cli.backups.col.date"), tr.T("cli.backups.col.size"), tr.T("cli.backups.col.leads"), tr.T("cli.backups.col.checked"), tr.T("cli.backups.col.file")}
	okWord, damagedWord := tr.T("cli.backups.ok"), tr.T("cli.backups.damaged")
	checkedWidth := max(8, ansi.StringWidth(cols[3]), ansi.StringWidth(okWord), ansi.StringWidth(damagedWord))
	cell := func(s string, width int, right bool) string {
		pad := strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
		if right {
			return pad + s
		}
		return s + pad
	}
	fmt.Fprintf(w, "%s  %s  %s  %s  %s\n", cell(cols[0], 16, false), cell(cols[1], 8, true), cell(cols[2], 8, true), cell(cols[3], checkedWidth, false), cols[4])
	for _, b := range list {
		ok, leads := okWord, tr.Number(b.Leads)
		if !b.Verified {
			ok, leads = damagedWord, "?"
		}
		fmt.Fprintf(w, "%s  %s  %s  %s  %s\n", cell(tr.Stamp(b.Time, time.Local), 16, false), cell(a.sizeOf(b.Size), 8, true), cell(leads, 8, true), cell(ok, checkedWidth, false), clean(b.Path))
		if !b.Verified {
			fmt.Fprintf(w, "  %s\n", clean(oneLine(a.backupProblem(b))))
		}
	}
	return w.Flush()
}

// backupProblem is why a backup does not check out, in the user's language.
func (a *app) backupProblem(b store.BackupInfo) string {
	if b.Reason != nil {
		return a.tr.Error(b.Reason)
	}
	return b.Problem
}

func (a *app) restoreCmd(args []string) (err error) {
	f := a.newFlags("restore", a.tr.T("cli.restore.synopsis"), a.tr.T("cli.restore.about"))
	yes := f.Bool("yes", false, a.tr.T("cli.flag.yes"))
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &flagError{f, domain.Problemf("cli.restore.one_file", "give exactly one backup file to restore")}
	}
	backup := expandHome(pos[0])
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	a.warnPermissions(s.Path(), backupDir(s.Path(), cfg))
	info := s.CheckBackup(backup)
	if !info.Verified {
		return domain.Problemf("cli.restore.bad_backup", "the backup %s does not check out (%s): the database is unchanged", backup, a.backupProblem(info))
	}
	if !*yes {
		n, _ := s.CountRecords()
		if err := a.confirm(a.tr.F("cli.restore.confirm", s.Path(), a.tr.N("cli.n.leads", n), backup, a.tr.N("cli.n.leads", info.Leads))); err != nil {
			return err
		}
	}
	kept, err := s.Restore(backup)
	if err != nil {
		return err
	}
	n, _ := s.CountRecords()
	fmt.Fprintln(a.stdout, a.tr.F("cli.restore.done", s.Path(), backup, a.tr.N("cli.n.leads", n), kept))
	return nil
}

// startDailyBackup makes the day's backup in the background when the queue
// opens the database, and warns about loose file permissions in the
// queue's notice. The function it returns waits for the backup and says on
// stderr, once the queue is closed, if it failed.
func (a *app) startDailyBackup(s *store.Store, cfg domain.Config) (notices <-chan string, wait func()) {
	dir := backupDir(s.Path(), cfg)
	if w := permissionWarning(a.tr, s.Path(), dir); w != "" {
		s.Notice = joinNonEmpty("; ", a.notice(s), w)
		s.NoticeProblem = nil // worded already
	}
	if !cfg.Backup.Enabled || s.ReadOnly() {
		return nil, func() {}
	}
	// A failure is word for the status bar while the queue is open, and
	// one line on stderr once it has closed, so it is not missed.
	ch := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, _, err := s.DailyBackup(backupPolicy(s.Path(), cfg))
		if err != nil {
			ch <- oneLine(a.tr.Error(err))
		}
		close(ch)
		done <- err
	}()
	return ch, func() {
		if err := <-done; err != nil {
			fmt.Fprintf(a.stderr, "leadq: %s\n", domain.SafeLine(oneLine(a.tr.Error(err))))
		}
	}
}

func (a *app) forget(args []string) (err error) {
	f := a.newFlags("forget", a.tr.T("cli.forget.synopsis"), a.tr.T("cli.forget.about"))
	email := f.String("email", "", a.tr.T("cli.forget.flag.email"))
	yes := f.Bool("yes", false, a.tr.T("cli.flag.yes"))
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 && *email == "" {
		return &flagError{f, domain.Problemf("cli.forget.what", "give the ids of the leads to forget, or --email ADDR")}
	}
	var ids []uint64
	for _, p := range pos {
		id, perr := strconv.ParseUint(p, 10, 64)
		if perr != nil || id == 0 {
			return &flagError{f, domain.Problemf("cli.not_an_id", "%q is not a lead id (ids are whole numbers from 1)", p)}
		}
		ids = append(ids, id)
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	dir := backupDir(s.Path(), cfg)
	a.warnPermissions(s.Path(), dir)
	if *email != "" {
		byEmail, err := s.LeadsByEmail(*email)
		if err != nil {
			return err
		}
		if len(byEmail) == 0 {
			return domain.Problemf("cli.forget.no_email", "no lead in %s has the email %s: nothing was erased", s.Path(), *email)
		}
		for _, id := range byEmail {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	var who []string
	for _, id := range ids {
		l, err := s.Get(id)
		if errors.Is(err, store.ErrNotFound) {
			return domain.Problemf("cli.forget.no_lead", "there is no lead %d in %s: nothing was erased", id, s.Path())
		}
		if err != nil {
			return err
		}
		who = append(who, fmt.Sprintf("%d (%s)", id, joinNonEmpty(", ", l.DisplayName(), l.Company.Name)))
	}
	copies, err := store.CopiesOf(s.Path(), dir)
	if err != nil {
		return err
	}
	if !*yes {
		q := a.tr.F("cli.forget.confirm", strings.Join(who, a.tr.T("cli.forget.lead_sep")), s.Path(), a.tr.N("cli.n.copies", len(copies)))
		if err := a.confirm(clean(q)); err != nil {
			return err
		}
	}
	start := time.Now()
	fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.forget.erasing", a.tr.N("cli.n.leads", len(ids)), s.Path()))
	progress := func(done, total int) {
		if done == 1 {
			fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.forget.rewriting", a.tr.N("cli.n.copies", total)))
		}
	}
	res, err := s.Forget(ids, copies, progress)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	for _, l := range res.Leads {
		fmt.Fprintln(w, a.tr.F("cli.forget.forgot", l.ID, clean(joinNonEmpty(", ", l.Name, l.Company))))
	}
	fmt.Fprintln(w, a.tr.F("cli.compact.done", s.Path(), a.sizeOf(res.Before), a.sizeOf(res.After), a.seconds(time.Since(start))))
	for _, c := range res.Copies {
		fmt.Fprintln(w, a.tr.F("cli.forget.rewrote", c))
	}
	for _, e := range res.Failed {
		fmt.Fprintln(w, a.tr.F("cli.forget.not_rewritten", clean(oneLine(a.tr.Error(e)))))
	}
	fmt.Fprintln(w, a.tr.T("cli.forget.kept"))
	var sources []string
	for _, l := range res.Leads {
		for _, src := range l.Sources {
			if !slices.Contains(sources, src) {
				sources = append(sources, src)
			}
		}
	}
	for _, src := range sources {
		fmt.Fprintln(w, a.tr.F("cli.forget.sources", clean(src), clean(transfer.RejectsPath(src))))
	}
	fmt.Fprintln(w, a.tr.T("cli.forget.other_files"))
	if len(res.Failed) > 0 {
		w.Flush()
		return errors.New(a.tr.N("cli.forget.failed", len(res.Failed)))
	}
	return nil
}
