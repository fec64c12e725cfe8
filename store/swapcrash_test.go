package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"leadq/domain"
)

// TestSwapCrashChild is the process TestKilledDuringSwap kills: it runs a
// compact, forget or restore and exits hard at the moment it is told.
func TestSwapCrashChild(t *testing.T) {
	op, moment, path := os.Getenv("LEADQ_CRASH_OP"), os.Getenv("LEADQ_CRASH_AT"), os.Getenv("LEADQ_CRASH_DB")
	if op == "" {
		return // run as a test of its own: nothing to do
	}
	crashAt = func(m string) {
		if m == moment {
			os.Exit(137) // as kill -9: no deferred cleanup runs
		}
	}
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		os.Exit(4)
	}
	switch op {
	case "compact":
		_, err = s.Compact()
	case "forget":
		_, err = s.Forget([]uint64{1}, nil, nil)
	case "restore":
		_, err = s.Restore(os.Getenv("LEADQ_CRASH_BACKUP"))
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(3) // the moment never came
}

func TestKilledDuringSwap(t *testing.T) {
	for _, c := range []struct{ op, moment string }{
		{"compact", "compacted"}, {"compact", "copied"}, {"compact", "kept"},
		{"forget", "erased"}, {"forget", "copied"}, {"forget", "kept"},
		{"restore", "restore-copied"}, {"restore", "copied"}, {"restore", "kept"},
	} {
		t.Run(c.op+"/"+c.moment, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "leads.db")
			s := openTest(t, path, domain.DefaultScoringModel())
			for i := range 30 {
				addLead(t, s, newLead("Person Nr"+strconv.Itoa(i), "Firma", 10))
			}
			backup := filepath.Join(dir, "b.db")
			if _, err := s.Backup(backup); err != nil {
				t.Fatal(err)
			}
			addLead(t, s, newLead("Nach Sicherung", "Firma", 10))
			s.Close()
			before := fileSum(t, path)
			cmd := exec.Command(os.Args[0], "-test.run=^TestSwapCrashChild$")
			cmd.Env = append(os.Environ(), "LEADQ_CRASH_OP="+c.op, "LEADQ_CRASH_AT="+c.moment, "LEADQ_CRASH_DB="+path, "LEADQ_CRASH_BACKUP="+backup)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 137 {
				t.Fatalf("it did not stop at %q: %v %s", c.moment, err, out)
			}
			if fileSum(t, path) != before {
				t.Fatal("the killed run changed the database file")
			}
			s = openTest(t, path, domain.DefaultScoringModel())
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountRecords(); n != 31 {
				t.Fatalf("%d leads after the killed run, want 31", n)
			}
			// And the next run does it.
			switch c.op {
			case "compact":
				_, err = s.Compact()
			case "forget":
				_, err = s.Forget([]uint64{1}, nil, nil)
			case "restore":
				_, err = s.Restore(backup)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
