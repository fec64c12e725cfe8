package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/domain/synth"
)

// compactInto is the simplest new file a swap can put in place.
func compactInto(old *bolt.DB, dst string) error {
	db, err := openBolt(dst, time.Second, false)
	if err != nil {
		return err
	}
	if err := bolt.Compact(db, old, 0); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

// A leadq that waits for the file while another swaps it writes into the
// new file, not into the orphaned old one.
func TestSwapSendsAWaitingWriterToTheNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	a := openTest(t, path, domain.DefaultScoringModel())
	b := openTest(t, path, domain.DefaultScoringModel())
	if _, _, err := a.AddLead(&domain.Lead{Name: "Erste Person", Company: domain.Company{Name: "Alt GmbH"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatal(err)
	}
	before, err := a.FileGeneration()
	if err != nil {
		t.Fatal(err)
	}
	added := make(chan error, 1)
	keep := path + ".kept"
	err = a.Swap(keep, func(old *bolt.DB, dst string) error {
		go func() {
			_, _, err := b.AddLead(&domain.Lead{Name: "Wartende Person", Company: domain.Company{Name: "Neu GmbH"}, BANT: domain.BANT{RepEstimate: -1}})
			added <- err
		}()
		time.Sleep(300 * time.Millisecond) // b is now waiting for the lock on the old file
		return compactInto(old, dst)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-added; err != nil {
		t.Fatalf("the waiting add: %v", err)
	}
	c := openTest(t, path, domain.DefaultScoringModel())
	if n, err := c.Counts(); err != nil || n.All() != 2 {
		t.Fatalf("the new file has %+v (%v): want both leads, the one added while the swap ran too", n, err)
	}
	if after, _ := c.FileGeneration(); after <= before {
		t.Errorf("generation %d after the swap, %d before: an open queue would not notice", after, before)
	}
	kept := openTest(t, keep, domain.DefaultScoringModel())
	if n, _ := kept.Counts(); n.All() != 1 {
		t.Errorf("the kept old file has %d leads: want the 1 it had", n.All())
	}
	checkConsistent(t, c)
}

// A swap whose new file cannot be made leaves the database as it was.
func TestFailedSwapChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	if _, _, err := s.AddLead(&domain.Lead{Name: "Bleibt Da", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(path)
	err := s.Swap(path+".kept", func(old *bolt.DB, dst string) error {
		os.WriteFile(dst, []byte("half"), 0o600)
		return os.ErrInvalid
	})
	if err == nil {
		t.Fatal("the swap succeeded with a failing build")
	}
	got, _ := os.ReadFile(path)
	if string(got) != string(want) {
		t.Error("the database changed")
	}
	for _, p := range []string{path + ".swapping", path + ".kept"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was left behind", filepath.Base(p))
		}
	}
	if n, err := s.Counts(); err != nil || n.All() != 1 {
		t.Errorf("counts %+v, %v after the failed swap", n, err)
	}
}

// A file swapped between a leadq's open and its lock is let go and the new
// one opened: the write lands in the database, not in the orphaned file.
func TestFileSwappedBeforeTheLockIsOpenedAgain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	if _, _, err := s.AddLead(&domain.Lead{Name: "Alte Datei", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	replacement := filepath.Join(dir, "replacement.db")
	if err := copyFile(path, replacement); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, path, domain.DefaultScoringModel())
	swapped := false
	afterLock = func(p string) {
		if !swapped {
			swapped = true
			os.Rename(replacement, p) // another leadq's swap completes just now
		}
	}
	defer func() { afterLock = func(string) {} }()
	if _, _, err := s.AddLead(&domain.Lead{Name: "Neue Person", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	c := openTest(t, path, domain.DefaultScoringModel())
	if n, err := c.Counts(); err != nil || n.All() != 2 {
		t.Fatalf("the database has %+v (%v): want 2, the add went into the orphaned file", n, err)
	}
}

// A long bulk write (an import of a big file) lets another leadq's write
// in between its batches instead of holding the file until its batch of
// 50,000 is done: the rep's save does not run into the busy timeout.
func TestBulkWriteLetsAWaitingWriterIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	importer := openTest(t, path, domain.DefaultScoringModel())
	rep, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	g := synth.New(5, testNow)
	// A file that reads slowly: one batch of it would take some 20 s.
	slow := func(yield func(*domain.Lead) bool) {
		for i := 0; i < BulkBatch; i++ {
			if i%100 == 99 {
				time.Sleep(40 * time.Millisecond)
			}
			if !yield(g.Lead()) {
				return
			}
		}
	}
	imported := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		_, err := importer.AddBulk(func(yield func(*domain.Lead) bool) {
			for l := range slow {
				select {
				case <-stop:
					return
				default:
				}
				if !yield(l) {
					return
				}
			}
		}, BulkOptions{})
		imported <- err
	}()
	time.Sleep(time.Second) // the import is well into its first batch
	if _, _, err := rep.AddLead(&domain.Lead{Name: "Anruf Zwischendurch", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatalf("the rep's save while the import runs: %v", err)
	}
	close(stop)
	if err := <-imported; err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, rep)
}
