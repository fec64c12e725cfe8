package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"leadq/domain"
)

// seedSimple writes n leads whose employee count (and so score) varies.
func seedSimple(t *testing.T, s *Store, n int) {
	t.Helper()
	i := 0
	_, err := s.AddBulk(func() *domain.Lead {
		i++
		l := newLead(fmt.Sprintf("Lead %03d", i), fmt.Sprintf("Firma %03d", i), i%7*20)
		for j := 0; j < i%5; j++ {
			l.Activities = append(l.Activities, domain.Activity{Kind: domain.KindDownload, Funnel: domain.FunnelDecision, At: testNow.Add(-time.Duration(j) * time.Hour)})
		}
		l.Phone = fmt.Sprintf("+49 221 555%03d", i)
		return l
	}, n)
	if err != nil {
		t.Fatal(err)
	}
}

func TestQueuePaging(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "p.db"), domain.DefaultScoringModel())
	seedSimple(t, s, 120)
	checkConsistent(t, s)
	for _, tab := range []Tab{TabHot, TabWarm, TabCold, TabAll} {
		all := queueRows(t, s, tab)
		// Forward in pages of 7 gives the same sequence as one read.
		var fwd []Row
		var after []byte
		for {
			page, err := s.QueueAfter(tab, after, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			fwd = append(fwd, page...)
			after = page[len(page)-1].Key
		}
		// Backward from the end in pages of 5, too.
		var back []Row
		var before []byte
		for {
			page, err := s.QueueBefore(tab, before, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			back = append(page, back...)
			before = page[0].Key
		}
		if len(all) > 3 {
			from, _ := s.QueueFrom(tab, all[2].Key, 2)
			if len(from) != 2 || from[0].ID != all[2].ID || from[1].ID != all[3].ID {
				t.Fatalf("tab %d: QueueFrom the third key read %+v", tab, from)
			}
		}
		if len(fwd) != len(all) || len(back) != len(all) {
			t.Fatalf("tab %d: %d rows, forward pages %d, backward pages %d", tab, len(all), len(fwd), len(back))
		}
		for i := range all {
			if fwd[i].ID != all[i].ID || back[i].ID != all[i].ID {
				t.Fatalf("tab %d row %d differs between paging directions", tab, i)
			}
			if i > 0 && all[i-1].Score < all[i].Score && all[i-1].Tier == all[i].Tier {
				t.Fatalf("tab %d not in score order at %d", tab, i)
			}
		}
	}
	c, _ := s.Counts()
	if c.All() != 120 || len(queueRows(t, s, TabHot)) != c.Hot || len(queueRows(t, s, TabCold)) != c.Cold {
		t.Fatalf("counts %+v do not match the tabs", c)
	}
}

func TestSearch(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "s.db"), domain.DefaultScoringModel())
	seedSimple(t, s, 50)
	special := newLead("Sören Weiß", "Brückenbau Süd GmbH", 100)
	special.Phone = "+49 (89) 123-4567"
	special.Company.City = "München"
	if _, err := s.Add(special); err != nil {
		t.Fatal(err)
	}
	ix, err := s.LoadSearch()
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 51 {
		t.Fatalf("index holds %d leads, want 51", ix.Len())
	}
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"weiß", 1}, {"SÖREN", 1}, {"münchen sören", 1}, {"brückenbau", 1},
		{"891234567", 1}, {"+49 89 123", 1}, {"firma", 50},
		{"lead 01", 11}, // Lead 001 and Lead 010–019
		{"sören berlin", 0}, {"", 51},
	} {
		res, err := ix.Find(context.Background(), TabAll, tc.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tc.want || len(res.Keys) != min(5, tc.want) {
			t.Errorf("Find(%q) = %d matches (%d keys), want %d", tc.q, res.Total, len(res.Keys), tc.want)
		}
	}
	res, _ := ix.Find(context.Background(), TabAll, "firma", 50)
	rows, err := s.RowsAt(res.Keys)
	if err != nil || len(rows) != 50 {
		t.Fatalf("RowsAt: %d rows, %v", len(rows), err)
	}
	for i := 1; i < len(rows); i++ {
		if string(rows[i-1].Key) > string(rows[i].Key) {
			t.Fatal("search results not in queue order")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Find(ctx, TabAll, "firma", 5); err == nil {
		t.Fatal("a cancelled search did not stop")
	}
	if s.Generation() != ix.Generation() {
		t.Fatal("snapshot generation differs without a write")
	}
	s.Update(1, func(l *domain.Lead) error { l.Name = "Neu"; return nil })
	if s.Generation() == ix.Generation() {
		t.Fatal("a write did not bump the generation")
	}
}

// Bulk ids continue the sequence, across batches and after earlier leads,
// and a lead added afterwards takes the next one.
func TestAddBulkIDs(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "bulk.db"), domain.DefaultScoringModel())
	if _, err := s.Add(newLead("Vorher", "A", 10)); err != nil {
		t.Fatal(err)
	}
	i := 0
	n, err := s.AddBulk(func() *domain.Lead { i++; return newLead(fmt.Sprintf("Bulk %d", i), "B", 10) }, BulkBatch*2+7)
	if err != nil || n != BulkBatch*2+7 {
		t.Fatalf("AddBulk = %d, %v", n, err)
	}
	last, err := s.Get(uint64(n + 1))
	if err != nil || last.Name != fmt.Sprintf("Bulk %d", n) {
		t.Fatalf("lead %d = %+v, %v", n+1, last, err)
	}
	id, err := s.Add(newLead("Nachher", "C", 10))
	if err != nil || id != uint64(n+2) {
		t.Fatalf("next Add got id %d, %v; want %d", id, err, n+2)
	}
	if c, _ := s.Counts(); c.All() != n+2 {
		t.Fatalf("counts %+v, want %d leads", c, n+2)
	}
}
