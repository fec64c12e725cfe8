package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"leadq/domain"
)

// fileHas counts the times needle is in the raw bytes of a file, freed
// pages and all.
func fileHas(t testing.TB, path, needle string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte(needle))
}

// An edit leaves the old email in a freed page; compaction removes it and
// keeps every lead as it was.
func TestCompactDropsOldValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	for i := range 200 {
		addLead(t, s, newLead(fmt.Sprintf("Person Nummer%d", i), "Firma GmbH", 50))
	}
	id := addLead(t, s, newLead("Greta Alt", "Alt AG", 50))
	old := "greta.alt@example.de"
	if _, err := s.Update(id, func(l *domain.Lead) error { l.Email = "greta.neu@example.de"; return nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fileHas(t, path, old) == 0 {
		t.Fatal("the old email is not in the file after the edit: the test proves nothing")
	}
	s = openTest(t, path, domain.DefaultScoringModel())
	res, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compact: %d bytes before, %d after", res.Before, res.After)
	if res.After >= res.Before {
		t.Errorf("the file did not shrink: %d → %d", res.Before, res.After)
	}
	s.Close()
	if n := fileHas(t, path, old); n != 0 {
		t.Fatalf("the old email is still in the file %d times after compaction", n)
	}
	s = openTest(t, path, domain.DefaultScoringModel())
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	l, err := s.Get(id)
	if err != nil || l.Email != "greta.neu@example.de" {
		t.Fatalf("after compaction: %v, %v", l, err)
	}
	if n, _ := s.CountRecords(); n != 201 {
		t.Fatalf("%d leads after compaction, want 201", n)
	}
	// New leads still get new ids: the sequence came along.
	if id2 := addLead(t, s, newLead("Nach Kompakt", "Neu GmbH", 5)); id2 != id+1 {
		t.Fatalf("the next lead got id %d, want %d", id2, id+1)
	}
}
