package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"leadq/domain"
)

// An event that names a database this one does not know is refused, and
// refused again: the failed write must not leave the unknown database
// half-registered, so that a second try stores an origin the file cannot
// name (after reopening it reads as no database at all).
func TestUnknownOriginIsRefusedEveryTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "origin.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	id := addLead(t, s, newLead("Anna Schmidt", "Schmidt GmbH", 80))
	var foreign domain.DatabaseID
	rand.Read(foreign[:])
	fromElsewhere := func(l *domain.Lead) error {
		l.History = append(l.History, domain.Event{Kind: domain.EventRemark, At: testNow.Add(time.Minute), Text: "von drüben", Origin: foreign})
		return nil
	}
	for try := 1; try <= 2; try++ {
		if _, err := s.Update(id, fromElsewhere); err == nil {
			t.Errorf("try %d: an event of an unknown database was stored", try)
		}
	}
	// The lead can still be worked.
	update(t, s, id, func(l *domain.Lead) error { return l.LogRemark("hier", testNow, "tester") })
	s.Close()
	s = openTest(t, path, domain.DefaultScoringModel())
	l, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.History {
		if e.Origin != s.ID() {
			t.Errorf("event %q comes from %v, want this database %v", e.Text, e.Origin, s.ID())
		}
	}
	if len(l.History) != 2 {
		t.Errorf("history of %d events, want created and the remark", len(l.History))
	}
}

// Updates while a re-score runs: every lead ends scored under the rules in
// force, and every index agrees with the records.
func TestRescoreBesideUpdates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, s, 2000)
	s.Close()
	s = openTest(t, path, biggerCompanies())
	done := make(chan error, 1)
	go func() {
		_, err := s.Rescore(context.Background(), nil)
		done <- err
	}()
	for i := range 200 {
		id := uint64(1 + i*9)
		if _, err := s.Update(id, func(l *domain.Lead) error {
			return l.SaveBANT(domain.BANT{Need: fmt.Sprintf("Bedarf %d", i), RepEstimate: -1}, testNow, "tester")
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s.Stale() {
		t.Fatal("stale after Rescore")
	}
	checkConsistent(t, s)
}
