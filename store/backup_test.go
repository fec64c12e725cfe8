package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

func TestBackupIsACheckedCompactedCopy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	id := addLead(t, s, newLead("Berta Alt", "Alt AG", 50))
	addLead(t, s, newLead("Carl Zwei", "Zwei KG", 10))
	if _, err := s.Update(id, func(l *domain.Lead) error { l.Email = "berta.neu@example.de"; return nil }); err != nil {
		t.Fatal(err)
	}
	bdir := DefaultBackupDir(path)
	if err := os.MkdirAll(bdir, 0o700); err != nil {
		t.Fatal(err)
	}
	info, err := s.Backup(bdir)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(bdir, "leads-"+testNow.Local().Format(backupStamp)+".db"); info.Path != want {
		t.Fatalf("the backup is %s, want %s", info.Path, want)
	}
	fi, err := os.Stat(info.Path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup has mode %v, want 0600", fi.Mode().Perm())
	}
	if !info.Verified || info.Leads != 2 {
		t.Fatalf("backup info %+v", info)
	}
	if n := fileHas(t, info.Path, "berta.alt@example.de"); n != 0 {
		t.Fatalf("the backup holds the old email %d times: it is not compacted", n)
	}
	// A second backup into the same name is refused, the first kept.
	if _, err := s.Backup(info.Path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("a backup over an existing file: %v", err)
	}
	list, err := s.Backups(bdir)
	if err != nil || len(list) != 1 || !list[0].Verified || list[0].Leads != 2 || list[0].Size != fi.Size() {
		t.Fatalf("Backups: %+v, %v", list, err)
	}
	// A damaged backup is listed as not verified.
	bad := BackupName(bdir, path, testNow.Add(time.Hour))
	if err := os.WriteFile(bad, []byte("not a database, really not one at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Backups(bdir)
	if len(list) != 2 || list[0].Verified || list[0].Problem == "" || !list[1].Verified {
		t.Fatalf("Backups with a damaged one: %+v", list)
	}
	if _, err := s.Restore(bad); err == nil {
		t.Fatal("a damaged backup was restored")
	}
	if l, err := s.Get(id); err != nil || l.Email != "berta.neu@example.de" {
		t.Fatalf("after a refused restore: %v %v", l, err)
	}
}

func TestBackupIntoAnUnwritableFolderFailsCleanly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into any folder")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	addLead(t, s, newLead("Dora Drei", "Drei AG", 50))
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	if _, err := s.Backup(ro); err == nil {
		t.Fatal("a backup into a read-only folder succeeded")
	}
	if ents, _ := os.ReadDir(ro); len(ents) != 0 {
		t.Fatalf("the failed backup left %v", ents)
	}
	if n, _ := s.CountRecords(); n != 1 {
		t.Fatal("the database lost its lead")
	}
}

func TestRestorePutsTheBackupInPlace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	addLead(t, s, newLead("Emil Eins", "Eins AG", 50))
	info, err := s.Backup(filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	addLead(t, s, newLead("Frida Danach", "Danach AG", 50))
	kept, err := s.Restore(info.Path)
	if err != nil {
		t.Fatal(err)
	}
	if kept != path+".before-restore" {
		t.Fatalf("kept %s", kept)
	}
	if n, _ := s.CountRecords(); n != 1 {
		t.Fatalf("%d leads after restoring a backup of 1", n)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	k := openTest(t, kept, domain.DefaultScoringModel())
	if n, _ := k.CountRecords(); n != 2 {
		t.Fatalf("the kept file holds %d leads, want 2", n)
	}
	if _, err := s.Restore(filepath.Join(dir, "nothing.db")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("restoring a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nothing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("checking a missing backup created it")
	}
}

// A daily backup for 40 days with a clock that moves a day at a time keeps
// the last 7 days and the newest of each of the last 4 weeks.
func TestDailyBackupRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	now := time.Date(2026, 1, 5, 12, 0, 0, 0, time.Local) // a Monday
	s := openClock(t, path, domain.DefaultScoringModel(), &now)
	addLead(t, s, newLead("Gustav Täglich", "Täglich AG", 50))
	p := BackupPolicy{KeepDaily: 7, KeepWeekly: 4}
	for day := range 40 {
		made, _, err := s.DailyBackup(p)
		if err != nil || made == nil {
			t.Fatalf("day %d: %v, %v", day, made, err)
		}
		now = now.Add(2 * time.Hour)
		if made, _, err := s.DailyBackup(p); err != nil || made != nil {
			t.Fatalf("day %d: a second backup on the same day: %v, %v", day, made, err)
		}
		now = now.Add(22 * time.Hour)
	}
	list, err := backupFiles(DefaultBackupDir(path), path)
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, b := range list {
		days = append(days, b.Time.Format("01-02"))
	}
	slices.Sort(days)
	want := []string{"01-25", "02-01", "02-07", "02-08", "02-09", "02-10", "02-11", "02-12", "02-13"}
	if !slices.Equal(days, want) {
		t.Fatalf("kept %v, want %v", days, want)
	}
}
