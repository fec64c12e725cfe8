package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadq/domain"
)

// Repair rebuilds every kind of index damage away, keeps the damaged file
// as it was, and keeps out only what does not check out.
func TestRepairRebuildsFromTheRecords(t *testing.T) {
	for _, tc := range damages {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.db")
			s := seededStore(t, path)
			if err := s.update(tc.damage); err != nil {
				t.Fatal(err)
			}
			damaged, _ := os.ReadFile(path)
			before, _ := s.Get(3)
			res, err := s.Repair(nil)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := os.ReadFile(res.Kept)
			if err != nil || !bytes.Equal(kept, damaged) {
				t.Fatalf("the damaged file was not kept as it was at %s (%v)", res.Kept, err)
			}
			wantLeads, wantDropped := 60, 0
			switch {
			case strings.Contains(tc.want, "the record of lead 5"):
				wantLeads, wantDropped = 59, 1
			case strings.Contains(tc.want, "history of lead 7"):
				wantDropped = 1
			}
			if res.Leads != wantLeads || len(res.Dropped) != wantDropped {
				t.Fatalf("repaired %d leads, dropped %v: want %d leads, %d dropped", res.Leads, res.Dropped, wantLeads, wantDropped)
			}
			// A fresh open sees a sound file with the same leads.
			s.Close()
			r := openTest(t, path, domain.DefaultScoringModel())
			if p, _, err := r.Verify(); err != nil || len(p) != 0 {
				t.Fatalf("after the repair: %v %v", p, err)
			}
			if c, _ := r.Counts(); c.All() != wantLeads {
				t.Errorf("counts say %d leads, want %d", c.All(), wantLeads)
			}
			after, err := r.Get(3)
			if err != nil || after.Name != before.Name || len(after.History) != len(before.History) || after.History[0].ID != before.History[0].ID {
				t.Errorf("lead 3 changed in the repair: %+v → %+v (%v)", before, after, err)
			}
			hits, err := r.Search(context.Background(), TabAll, "gmbh", 100)
			found := false
			for _, row := range hits.Rows {
				found = found || row.ID == 3
			}
			if err != nil || !found {
				t.Errorf("search for gmbh after the repair does not find lead 3: %+v %v", hits, err)
			}
			if id, _, err := r.AddLead(&domain.Lead{Name: "Nach Reparatur", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil || id <= 60 {
				t.Errorf("the next lead got id %d (%v): ids must go on where the file left off", id, err)
			}
		})
	}
}
