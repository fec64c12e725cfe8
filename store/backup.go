package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// A backup is a compacted copy of the database (no freed pages, so no old
// values), written beside its final name and renamed there once it checks
// out, readable by the rep only. Backups of leads.db are named
// leads-20060102-150405.db in the backups folder beside the database.

// DefaultBackupDir is where backups of the database at dbPath go unless
// the configuration says otherwise.
func DefaultBackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

const backupStamp = "20060102-150405"

func backupStem(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// BackupName is the file a backup of dbPath made at t gets in dir.
func BackupName(dir, dbPath string, t time.Time) string {
	return filepath.Join(dir, backupStem(dbPath)+t.Local().Format(backupStamp)+".db")
}

// backupTime reads the time out of a backup's name; ok is false for a file
// that is no backup of dbPath.
func backupTime(name, dbPath string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, backupStem(dbPath))
	if !ok {
		return time.Time{}, false
	}
	rest, ok = strings.CutSuffix(rest, ".db")
	if !ok || len(rest) < len(backupStamp) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(backupStamp, rest[:len(backupStamp)], time.Local)
	if err != nil || (len(rest) > len(backupStamp) && rest[len(backupStamp)] != '-') {
		return time.Time{}, false
	}
	return t, true
}

// BackupInfo is one backup as leadq backups lists it.
type BackupInfo struct {
	Path      string
	Time      time.Time
	Size      int64
	Leads     int
	Verified  bool
	Encrypted bool
	Problem   string // why it did not verify
	Reason    error  // Problem as an error, a Problem where the store words it
}

// withDB hands fn the open bbolt file for as long as fn runs. Opened to
// write, this process's own writes go on beside fn's read transaction.
func (s *Store) withDB(write bool, fn func(db *bolt.DB) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	db, err := s.h.get(write && !s.readOnly)
	if err != nil {
		return err
	}
	defer s.h.put()
	return fn(db)
}

// Backup writes a consistent, compacted copy of the database to path (a
// file, or a folder to put it in under its dated name) and checks it
// before it takes that name. A failed backup leaves no file behind.
func (s *Store) Backup(path string) (BackupInfo, error) {
	return s.backup(path, false)
}

func (s *Store) backup(path string, beside bool) (BackupInfo, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		dir := path
		path = BackupName(dir, s.path, s.now())
		// A second backup within the same second gets a number.
		for n := 2; fileSize(path) > 0 || exists(path); n++ {
			path = strings.TrimSuffix(BackupName(dir, s.path, s.now()), ".db") + fmt.Sprintf("-%d.db", n)
		}
	}
	if _, err := os.Stat(path); err == nil {
		return BackupInfo{}, domain.Problemf("store.backup.exists", "%s already exists: leadq does not write over a file", path)
	}
	tmp := besideTemp(path, "partial")
	err := s.withDB(beside, func(db *bolt.DB) error { return compactFile(db, tmp) })
	if err != nil {
		os.Remove(tmp)
		return BackupInfo{}, domain.Problemf("store.backup.failed", "the backup to %s failed: %v", path, err)
	}
	info := inspectBackup(tmp, s)
	if !info.Verified {
		os.Remove(tmp)
		return info, domain.Problemf("store.backup.bad", "the backup to %s does not check out (%v): it was not kept", path, info.Reason)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return info, domain.Problemf("store.backup.failed", "the backup to %s failed: %v", path, err)
	}
	syncDir(filepath.Dir(path))
	info.Path = path
	if t, ok := backupTime(filepath.Base(path), s.path); ok {
		info.Time = t
	} else {
		info.Time = s.now()
	}
	return info, nil
}

// fail records why a backup does not check out.
func (info *BackupInfo) fail(err error) { info.Problem, info.Reason = err.Error(), err }

// inspectBackup opens a copy of the database and checks it through and
// through; it changes nothing.
func inspectBackup(path string, s *Store) BackupInfo {
	info := BackupInfo{Path: path, Size: fileSize(path)}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		info.fail(domain.Problemf("store.backup.no_file", "there is no such file"))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			info.fail(err)
		}
		return info
	}
	b, err := Open(path, Options{Scoring: s.model, NoMigrate: true, Timeout: s.h.timeout, DefaultCountry: s.country, Command: "leadq backups", Key: s.Key()})
	if err != nil {
		info.fail(err)
		return info
	}
	defer b.Close()
	info.Encrypted = b.Encrypted()
	if b.Schema() != SchemaVersion {
		info.fail(domain.Problemf("store.backup.old_schema", "it has the older layout of schema %d", b.Schema()))
		return info
	}
	if err := b.checkCopy(&info.Leads); err != nil {
		info.fail(err)
		return info
	}
	info.Verified = true
	return info
}

// checkCopy is the check a backup gets: every page of the file reads
// (bbolt's own check) and the leads are as many as the counts say. The
// whole of leadq check (every record decoded, every index entry compared)
// takes as long again; leadq check --db BACKUP runs it.
func (s *Store) checkCopy(leads *int) error {
	return s.view(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // drain: Check's goroutine sends until done
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return domain.Problemf("store.backup.pages", "it is damaged: %v", first)
		}
		b := tx.Bucket(bucketLeads)
		if b == nil {
			return domain.Problemf("store.backup.no_leads", "it is damaged: it has no leads")
		}
		n := 0
		cur := b.Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			n++
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		if sum := c.total(); int64(n) != sum {
			return domain.Problemf("store.backup.miscounted", "it is damaged: it holds %d leads where its counts say %d", n, sum)
		}
		*leads = n
		return nil
	})
}

// backupFiles lists the backups of dbPath in dir, newest first.
func backupFiles(dir, dbPath string) ([]BackupInfo, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, domain.Problemf("store.backup.no_dir", "cannot read the backups folder %s: %v", dir, err)
	}
	var out []BackupInfo
	for _, e := range ents {
		t, ok := backupTime(e.Name(), dbPath)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		out = append(out, BackupInfo{Path: p, Time: t, Size: fileSize(p)})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// Backups lists the backups of the database in dir, newest first, each
// opened and checked.
func (s *Store) Backups(dir string) ([]BackupInfo, error) {
	list, err := backupFiles(dir, s.path)
	if err != nil {
		return nil, err
	}
	for i := range list {
		in := inspectBackup(list[i].Path, s)
		in.Time = list[i].Time
		list[i] = in
	}
	return list, nil
}

// BackupPolicy is the [backup] configuration: where the daily backup goes
// and how many are kept.
type BackupPolicy struct {
	Dir                   string // "": DefaultBackupDir
	KeepDaily, KeepWeekly int
}

func (p BackupPolicy) dir(dbPath string) string {
	if p.Dir == "" {
		return DefaultBackupDir(dbPath)
	}
	return p.Dir
}

// Rotate removes the backups of dbPath in dir that the policy does not
// keep: the newest of each of the last KeepDaily days that have one, and
// the newest of each of the last KeepWeekly weeks (ISO weeks). It returns
// the files it removed.
func Rotate(dir, dbPath string, keepDaily, keepWeekly int) ([]string, error) {
	list, err := backupFiles(dir, dbPath)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, len(list))
	days, weeks := map[string]bool{}, map[string]bool{}
	for i, b := range list { // newest first: the first of a day is its newest
		day := b.Time.Format("2006-01-02")
		y, w := b.Time.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		if !days[day] && len(days) < keepDaily {
			days[day] = true
			keep[i] = true
		}
		if !weeks[week] && len(weeks) < keepWeekly {
			weeks[week] = true
			keep[i] = true
		}
	}
	var removed []string
	var errs []error
	for i, b := range list {
		if keep[i] {
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b.Path)
	}
	return removed, errors.Join(errs...)
}

// DailyBackup makes the day's backup when there is none of today yet
// (reading beside this process's own writes, which go on meanwhile) and
// rotates the old ones. made is nil when today's backup was there.
func (s *Store) DailyBackup(p BackupPolicy) (made *BackupInfo, removed []string, err error) {
	dir := p.dir(s.path)
	list, err := backupFiles(dir, s.path)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	today := now.Local().Format("2006-01-02")
	for _, b := range list {
		if b.Time.Format("2006-01-02") == today {
			return nil, nil, nil
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, domain.Problemf("store.backup.daily_failed", "the daily backup failed: %v", err)
	}
	info, err := s.backup(BackupName(dir, s.path, now), true)
	if err != nil {
		return nil, nil, err
	}
	removed, err = Rotate(dir, s.path, p.KeepDaily, p.KeepWeekly)
	return &info, removed, err
}

// LoosePermission is a file or folder of leadq's that other users of the
// computer can read, and the chmod that closes it.
type LoosePermission struct {
	Path string
	Mode fs.FileMode
	Fix  string
}

// LoosePermissions lists the database, its backups folder and the backups
// in it that are readable by the group or others.
func LoosePermissions(dbPath, backupDir string) []LoosePermission {
	var out []LoosePermission
	check := func(p string, dir bool) {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o077 == 0 {
			return
		}
		fix := "chmod 600 " + shellWord(p)
		if dir {
			fix = "chmod 700 " + shellWord(p)
		}
		out = append(out, LoosePermission{Path: p, Mode: fi.Mode().Perm(), Fix: fix})
	}
	check(dbPath, false)
	if backupDir == "" {
		backupDir = DefaultBackupDir(dbPath)
	}
	check(backupDir, true)
	list, _ := backupFiles(backupDir, dbPath)
	for _, b := range list {
		check(b.Path, false)
	}
	return out
}

// shellWord quotes a path for a command the rep can paste.
func shellWord(p string) string {
	if strings.IndexFunc(p, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '~' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// Restore puts a backup in the database's place once it checks out,
// keeping the current file as <name>.before-restore. It returns that path.
func (s *Store) Restore(backup string) (kept string, err error) {
	if same, _ := sameFile(backup, s.path); same {
		return "", domain.Problemf("store.restore.itself", "%s is the database itself, not a backup of it", backup)
	}
	info := inspectBackup(backup, s)
	if !info.Verified {
		return "", domain.Problemf("store.restore.bad", "the backup %s does not check out (%v): the database is unchanged", backup, info.Reason)
	}
	kept = s.path + ".before-restore"
	key := s.crypt.Load()
	err = s.swap(kept, func(_ *bolt.DB, dst string) error {
		if err := copyFile(backup, dst); err != nil {
			return err
		}
		crashAt("restore-copied")
		return nil
	}, func() {
		// A clear backup makes a clear database again.
		if !info.Encrypted {
			key = nil
		}
		s.crypt.Store(key)
	})
	if err != nil {
		return "", domain.Problemf("store.restore.failed", "restoring %s failed: %v", backup, err)
	}
	return kept, nil
}

// CheckBackup opens a backup of the database and checks it through and
// through, as Restore does before it puts one in place.
func (s *Store) CheckBackup(path string) BackupInfo { return inspectBackup(path, s) }

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
