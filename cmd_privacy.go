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

	"leadq/domain"
	"leadq/store"
	"leadq/store/transfer"
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
	f := a.newFlags("export-person", "[flags] ID", "Write everything leadq stores about one lead as JSON: the record, custom\nfields, history, notes, opportunity plan and consent with its source and\ndate. This is the file to hand over when a person asks what is stored\nabout them.")
	out := f.String("out", "", "write to `FILE` (readable by you only) instead of stdout")
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
		Consent: consentExport{Status: c.Status, Label: c.Status.Label(), Source: c.Source,
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
		fmt.Fprintf(a.stderr, "leadq: wrote everything stored about lead %d to %s\n", l.ID, *out)
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
		return fmt.Errorf("cannot write %s: %w", path, err)
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
		return fmt.Errorf("writing %s failed: %w", path, err)
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
func permissionWarning(dbPath, dir string) string {
	loose := store.LoosePermissions(dbPath, dir)
	if len(loose) == 0 {
		return ""
	}
	var names, fixes []string
	for _, l := range loose {
		names = append(names, fmt.Sprintf("%s (%04o)", l.Path, l.Mode))
		fixes = append(fixes, l.Fix)
	}
	return fmt.Sprintf("other users of this computer can read %s: %s", strings.Join(names, ", "), strings.Join(fixes, "; "))
}

// permsWarned holds the runs that have warned about permissions already.
var permsWarned sync.Map

// warnPermissions says once per run, on stderr, when the database, a
// backup or the backups folder can be read by others.
func (a *app) warnPermissions(dbPath, dir string) {
	if _, done := permsWarned.LoadOrStore(a, true); done {
		return
	}
	if w := permissionWarning(dbPath, dir); w != "" {
		fmt.Fprintf(a.stderr, "leadq: warning: %s\n", domain.SafeLine(w))
	}
}

// confirm asks a yes/no question on the terminal. Without one, the answer
// must come as --yes.
func (a *app) confirm(question string) error {
	in := os.Stdin
	if !isTerminal(in) {
		return errors.New("this asks before it goes on and there is no terminal to ask on: give --yes to go on without asking")
	}
	fmt.Fprintf(a.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "j", "ja":
		return nil
	}
	return errors.New("nothing was changed")
}

func sizeOf(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func (a *app) compact(args []string) (err error) {
	f := a.newFlags("compact", "[flags]", "Rewrite the database without its freed pages. An edit leaves the old values\nin pages the file no longer uses until later writes reuse them; compact\nremoves them for good and gives the space back. It waits for other leadqs\nto let go of the file and keeps them waiting while it runs.")
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
	fmt.Fprintf(a.stdout, "compacted %s: %s before, %s after (%.1fs)\n", s.Path(), sizeOf(res.Before), sizeOf(res.After), time.Since(start).Seconds())
	return nil
}

func (a *app) backupCmd(args []string) (err error) {
	f := a.newFlags("backup", "[flags] [PATH]", "Make a backup now: a consistent, compacted copy of the database, checked\nbefore it is kept and readable by you only. PATH is a file or a folder\n(default: the config's [backup] dir, else backups/ beside the database).\nThe queue makes one a day by itself.")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return &flagError{f, fmt.Errorf("unexpected argument %q", pos[1])}
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
		return fmt.Errorf("cannot make the backups folder: %w", err)
	}
	start := time.Now()
	info, err := s.Backup(target)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "backed up %s to %s: %s, checked (%.1fs)\n", plural(info.Leads, "lead", "leads"), info.Path, sizeOf(info.Size), time.Since(start).Seconds())
	a.warnPermissions(s.Path(), dir)
	return nil
}

func (a *app) backupsCmd(args []string) (err error) {
	f := a.newFlags("backups", "[flags]", "List the backups of the database, newest first: when, how big, how many\nleads, and whether each one opens and checks out.")
	asJSON := f.Bool("json", false, "print a JSON array with one object per backup")
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
		fmt.Fprintf(w, "no backups in %s yet: leadq backup makes one\n", dir)
		return w.Flush()
	}
	fmt.Fprintf(w, "%-16s  %8s  %8s  %-8s  %s\n", "DATE", "SIZE", "LEADS", "CHECKED", "FILE")
	for _, b := range list {
		ok, leads := "ok", strconv.Itoa(b.Leads)
		if !b.Verified {
			ok, leads = "DAMAGED", "?"
		}
		fmt.Fprintf(w, "%-16s  %8s  %8s  %-8s  %s\n", b.Time.Format("2006-01-02 15:04"), sizeOf(b.Size), leads, ok, clean(b.Path))
		if !b.Verified {
			fmt.Fprintf(w, "  %s\n", clean(oneLine(b.Problem)))
		}
	}
	return w.Flush()
}

func (a *app) restoreCmd(args []string) (err error) {
	f := a.newFlags("restore", "[flags] BACKUP", "Put a backup in the database's place. The backup is checked first; the\ncurrent file is kept as <name>.before-restore. It asks on a terminal.")
	yes := f.Bool("yes", false, "do not ask (for scripts)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &flagError{f, errors.New("give exactly one backup file to restore")}
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
		return fmt.Errorf("the backup %s does not check out (%s): the database is unchanged", backup, info.Problem)
	}
	if !*yes {
		n, _ := s.CountRecords()
		if err := a.confirm(fmt.Sprintf("Replace %s (%s) with the backup %s (%s)?", s.Path(), plural(n, "lead", "leads"), backup, plural(info.Leads, "lead", "leads"))); err != nil {
			return err
		}
	}
	kept, err := s.Restore(backup)
	if err != nil {
		return err
	}
	n, _ := s.CountRecords()
	fmt.Fprintf(a.stdout, "restored %s from %s (%s); the file it replaced is kept as %s\n", s.Path(), backup, plural(n, "lead", "leads"), kept)
	return nil
}

// startDailyBackup makes the day's backup in the background when the queue
// opens the database, and warns about loose file permissions in the
// queue's notice. The function it returns waits for the backup and says on
// stderr, once the queue is closed, if it failed.
func (a *app) startDailyBackup(s *store.Store, cfg domain.Config) (notices <-chan string, wait func()) {
	dir := backupDir(s.Path(), cfg)
	if w := permissionWarning(s.Path(), dir); w != "" {
		s.Notice = joinNonEmpty("; ", s.Notice, w)
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
			ch <- oneLine(err.Error())
		}
		close(ch)
		done <- err
	}()
	return ch, func() {
		if err := <-done; err != nil {
			fmt.Fprintf(a.stderr, "leadq: %s\n", domain.SafeLine(oneLine(err.Error())))
		}
	}
}

func (a *app) forget(args []string) (err error) {
	f := a.newFlags("forget", "[flags] ID... | --email ADDR", "Erase a person for real (DSGVO Art. 17): their leads, history, notes, plan\nand every index entry are removed, the database is compacted so nothing of\nthem stays in freed pages, and every backup and other copy leadq made is\nrewritten without them. A keyed hash of their email and phone stays, so a\nlater add or import of them is refused. It asks on a terminal.")
	email := f.String("email", "", "forget every lead with this email `address`")
	yes := f.Bool("yes", false, "do not ask (for scripts)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 && *email == "" {
		return &flagError{f, errors.New("give the ids of the leads to forget, or --email ADDR")}
	}
	var ids []uint64
	for _, p := range pos {
		id, perr := strconv.ParseUint(p, 10, 64)
		if perr != nil || id == 0 {
			return &flagError{f, fmt.Errorf("%q is not a lead id (ids are whole numbers from 1)", p)}
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
			return fmt.Errorf("no lead in %s has the email %s: nothing was erased", s.Path(), *email)
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
			return fmt.Errorf("there is no lead %d in %s: nothing was erased", id, s.Path())
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
		q := fmt.Sprintf("Erase lead %s for good, from %s and %s?", strings.Join(who, ", lead "), s.Path(), plural(len(copies), "copy", "copies"))
		if err := a.confirm(clean(q)); err != nil {
			return err
		}
	}
	start := time.Now()
	fmt.Fprintf(a.stderr, "leadq: erasing %s from %s and compacting it …\n", plural(len(ids), "lead", "leads"), s.Path())
	progress := func(done, total int) {
		if done == 1 {
			fmt.Fprintf(a.stderr, "leadq: rewriting %s without them …\n", plural(total, "copy", "copies"))
		}
	}
	res, err := s.Forget(ids, copies, progress)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	for _, l := range res.Leads {
		fmt.Fprintf(w, "forgot lead %d (%s)\n", l.ID, clean(joinNonEmpty(", ", l.Name, l.Company)))
	}
	fmt.Fprintf(w, "compacted %s: %s before, %s after (%.1fs)\n", s.Path(), sizeOf(res.Before), sizeOf(res.After), time.Since(start).Seconds())
	for _, c := range res.Copies {
		fmt.Fprintf(w, "rewrote without them: %s\n", c)
	}
	for _, e := range res.Failed {
		fmt.Fprintf(w, "COULD NOT REWRITE: %s — they are still in it: delete it or run forget again\n", clean(oneLine(e.Error())))
	}
	fmt.Fprintf(w, "kept: a keyed hash of their email and phone with today's date, so leadq refuses to add or import them again\n")
	var sources []string
	for _, l := range res.Leads {
		for _, src := range l.Sources {
			if !slices.Contains(sources, src) {
				sources = append(sources, src)
			}
		}
	}
	for _, src := range sources {
		fmt.Fprintf(w, "delete or edit yourself: the import file %s they came from, and %s beside it if there is one\n", clean(src), clean(transfer.RejectsPath(src)))
	}
	fmt.Fprintf(w, "leadq cannot know the other files you wrote: exports (leadq export), export-person files and copies of the database made outside leadq may hold them too\n")
	if len(res.Failed) > 0 {
		w.Flush()
		return fmt.Errorf("%s could not be rewritten without them", plural(len(res.Failed), "copy", "copies"))
	}
	return nil
}
