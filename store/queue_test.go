package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"leadq/domain"
)

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
			if i > 0 && all[i-1].Tier == all[i].Tier && all[i-1].Score < all[i].Score {
				t.Fatalf("tab %d not in score order at %d", tab, i)
			}
			if i > 0 && all[i-1].Tier > all[i].Tier && all[i].InQueue {
				t.Fatalf("tab %d not in tier order at %d", tab, i)
			}
			if tab != TabAll && all[i].Tier != domain.Tier(tab) {
				t.Fatalf("tab %d shows a %s lead", tab, all[i].Tier)
			}
		}
	}
	// A row read again at its key is the same row; a key that moved is skipped.
	all := queueRows(t, s, TabAll)
	moved := all[len(all)-1]
	update(t, s, moved.ID, func(l *domain.Lead) error {
		return l.SaveBANT(domain.BANT{BudgetStatus: domain.BudgetNone, RepEstimate: -1}, testNow, "tester")
	})
	got, err := s.RowsAt([][]byte{all[0].Key, moved.Key, all[1].Key})
	if err != nil || len(got) != 2 || got[0].ID != all[0].ID || got[1].ID != all[1].ID {
		t.Fatalf("RowsAt = %+v, %v; want the first two rows only", got, err)
	}
	// QueueFrom at a key whose lead moved starts at the row that now sorts there.
	from, _ := s.QueueFrom(TabAll, moved.Key, 1)
	if len(from) != 0 && from[0].ID == moved.ID {
		t.Fatalf("QueueFrom a moved key found the lead there: %+v", from)
	}
	c, _ := s.Counts()
	if c.All() != 120 || len(queueRows(t, s, TabHot)) != c.Hot || len(queueRows(t, s, TabWarm)) != c.Warm || len(queueRows(t, s, TabCold)) != c.Cold {
		t.Fatalf("counts %+v do not match the tabs", c)
	}
	checkConsistent(t, s)
}

func TestSearch(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "s.db"), domain.DefaultScoringModel())
	seedSimple(t, s, 50)
	special := newLead("Sören Weiß", "Brückenbau Süd GmbH", 100)
	special.Phone = "+49 (89) 123-4567"
	special.Company.City = "München"
	special.Company.PostalCode = "80331"
	addLead(t, s, special)
	ctx := context.Background()
	for _, tc := range []struct {
		q    string
		want int
	}{
		{"weiß", 1}, {"WEISS", 1}, {"SÖREN", 1}, {"soren", 1}, {"münchen sören", 1}, {"brückenbau", 1}, {"bruck", 1},
		{"891234567", 1}, {"+49 89 123", 1}, {"089 1234567", 1}, {"firma", 50},
		{"lead 1", 11}, // Lead 1 and Lead 10–19
		{"sören berlin", 0}, {"", 0}, {"  ", 0},
	} {
		res, err := s.Search(ctx, TabAll, tc.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tc.want || len(res.Rows) != min(5, tc.want) || res.AtLeast {
			t.Errorf("Search(%q) = %d matches (%d rows, at least %v), want %d", tc.q, res.Total, len(res.Rows), res.AtLeast, tc.want)
		}
		if n, _, err := s.CountMatches(ctx, TabAll, tc.q, 1000); err != nil || n != tc.want {
			t.Errorf("CountMatches(%q) = %d, %v; want %d", tc.q, n, err, tc.want)
		}
	}
	res, _ := s.Search(ctx, TabAll, "firma", 50)
	keys := make([][]byte, len(res.Rows))
	for i, r := range res.Rows {
		keys[i] = r.Key
	}
	rows, err := s.RowsAt(keys)
	if err != nil || len(rows) != 50 {
		t.Fatalf("RowsAt: %d rows, %v", len(rows), err)
	}
	if !slices.Equal(rowIDs(rows), rowIDs(res.Rows)) {
		t.Fatal("RowsAt read other rows than the search found")
	}
	var want []uint64
	for _, r := range queueRows(t, s, TabAll) {
		if r.Company != special.Company.Name {
			want = append(want, r.ID)
		}
	}
	if !slices.Equal(rowIDs(rows), want) {
		t.Fatal("search results not in queue order")
	}
	// Within a tab only that tab's leads are found.
	for _, tab := range []Tab{TabHot, TabWarm, TabCold} {
		res, err := s.Search(ctx, tab, "firma", 100)
		if err != nil {
			t.Fatal(err)
		}
		var want []uint64
		for _, r := range queueRows(t, s, tab) {
			if r.Company != special.Company.Name {
				want = append(want, r.ID)
			}
		}
		if !slices.Equal(rowIDs(res.Rows), want) || res.Total != len(want) {
			t.Errorf("tab %d: found %v, want %v", tab, rowIDs(res.Rows), want)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Search(cancelled, TabAll, "firma", 5); err == nil {
		t.Fatal("a cancelled search did not stop")
	}
	// Reads do not bump the generation; a write does.
	gen := s.Generation()
	s.Search(ctx, TabAll, "firma", 5)
	if s.Generation() != gen {
		t.Fatal("a search bumped the generation")
	}
	update(t, s, 1, func(l *domain.Lead) error { l.Name = "Neu"; return nil })
	if s.Generation() == gen {
		t.Fatal("a write did not bump the generation")
	}
}

// Bulk ids continue the sequence, across batches and after earlier leads,
// and a lead added afterwards takes the next one.
func TestAddBulkIDs(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "bulk.db"), domain.DefaultScoringModel())
	addLead(t, s, newLead("Vorher", "A", 10))
	const n = 2*BulkBatch + 7
	var progress []int
	res, err := s.AddBulk(func(yield func(*domain.Lead) bool) {
		for i := 1; i <= n; i++ {
			if !yield(newLead(fmt.Sprintf("Bulk %d", i), "B", 10)) {
				return
			}
		}
	}, BulkOptions{Progress: func(read int) { progress = append(progress, read) }})
	if err != nil || res != (BulkResult{Added: n}) {
		t.Fatalf("AddBulk = %+v, %v", res, err)
	}
	if !slices.Equal(progress, []int{BulkBatch, 2 * BulkBatch, n}) {
		t.Errorf("progress = %v, want one report per transaction", progress)
	}
	for _, id := range []uint64{2, BulkBatch + 1, BulkBatch + 2, 2*BulkBatch + 2, n + 1} {
		l, err := s.Get(id)
		if err != nil || l.Name != fmt.Sprintf("Bulk %d", id-1) {
			t.Fatalf("lead %d = %+v, %v", id, l, err)
		}
	}
	id := addLead(t, s, newLead("Nachher", "C", 10))
	if id != n+2 {
		t.Fatalf("next AddLead got id %d; want %d", id, n+2)
	}
	if c, _ := s.Counts(); c.All() != n+2 {
		t.Fatalf("counts %+v, want %d leads", c, n+2)
	}
	if got, _ := s.CountRecords(); got != n+2 {
		t.Fatalf("%d records, want %d", got, n+2)
	}
}
