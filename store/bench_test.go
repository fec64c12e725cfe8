package store_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
	"leadq/store/benchdb"
)

// BenchmarkSeed100k writes 100,000 synthetic leads into a new file, as
// `leadq seed --leads 100000` does. Target: under 5 s per op.
func BenchmarkSeed100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		st, err := store.Open(filepath.Join(b.TempDir(), "seed.db"), store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return benchdb.Now }})
		if err != nil {
			b.Fatal(err)
		}
		g := synth.New(int64(i), benchdb.Now)
		if _, err := st.AddBulk(g.Leads(100_000), store.BulkOptions{}); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkQueueTop50 reads the first 50 rows of the queue. Target: under
// 1 ms, and at 1M leads within 2× of 1k.
func BenchmarkQueueTop50(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			st, err := benchdb.Open(n)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rows, err := st.QueueAfter(store.TabAll, nil, 50)
				if err != nil || len(rows) != 50 {
					b.Fatalf("%d rows, %v", len(rows), err)
				}
			}
		})
	}
}
