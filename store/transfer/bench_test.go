package transfer_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"leadq/domain"
	"leadq/domain/mapping"
	"leadq/domain/synth"
	"leadq/store"
	"leadq/store/benchdb"
	"leadq/store/tabular"
	"leadq/store/transfer"
)

// importFile writes (once) a CSV of n rows as a Salesforce export has
// them: every tenth row repeats an earlier lead (another spelling of its
// email's case, a title it lacked), one in a hundred has an email that
// cannot be, so the import meets duplicates and rejects as in real files.
func importFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("leadq-bench-import-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f, err := os.Create(path + ".writing")
	if err != nil {
		b.Fatal(err)
	}
	w := tabular.NewCSVWriter(f, tabular.CSVOptions{BOM: true})
	p := mapping.SalesforceProfile
	if err := w.Write(p.Header(nil)); err != nil {
		b.Fatal(err)
	}
	g := synth.New(3, benchdb.Now)
	var earlier []*domain.Lead
	for i := 0; i < n; i++ {
		l := g.Lead()
		l.ExternalIDs = map[string]string{"salesforce": fmt.Sprintf("00Q%012d", i)}
		switch {
		case i%10 == 9 && len(earlier) > 0:
			d := *earlier[i%len(earlier)]
			d.Title = "Leiter Einkauf"
			l = &d
		case i%100 == 42:
			l.Email = "kaputt@@example"
		}
		if len(earlier) < 5000 {
			earlier = append(earlier, l)
		}
		if err := w.Write(p.Row(l, nil)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := os.Rename(path+".writing", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// peakHeap samples the heap while fn runs and reports the highest.
func peakHeap(b *testing.B, fn func()) {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

func benchImport(b *testing.B, n int) { benchImportInto(b, n, false) }

func benchImportInto(b *testing.B, n int, encrypted bool) {
	file := importFile(b, n)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "import.db")
		st, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return benchdb.Now }})
		if err != nil {
			b.Fatal(err)
		}
		if encrypted {
			if _, err := st.Encrypt([]byte("bench"), store.KDFParams{Time: 1, Memory: 8 << 10, Threads: 1}, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		plan, err := transfer.Prepare(file, transfer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var sum transfer.Summary
		peakHeap(b, func() { sum, err = plan.Run(st, false) })
		b.StopTimer()
		if err != nil || sum.Rejected != n/100 || sum.Created+sum.Merged+sum.Unchanged+sum.Rejected != n {
			b.Fatalf("%s, %v", sum, err)
		}
		st.Close()
		os.Remove(transfer.RejectsPath(file))
		b.StartTimer()
	}
}

// BenchmarkImport100k imports a 100,000-row CSV into an empty database,
// scoring and duplicate checks included. Target: < 3 s, flat memory.
func BenchmarkImport100k(b *testing.B) { benchImport(b, 100_000) }

// BenchmarkImport100kEncrypted is BenchmarkImport100k into an encrypted
// database. Target: within 2× of the clear figure.
func BenchmarkImport100kEncrypted(b *testing.B) { benchImportInto(b, 100_000, true) }

// BenchmarkImport1M is the same with a million rows. Target: < 30 s.
func BenchmarkImport1M(b *testing.B) { benchImport(b, 1_000_000) }

// BenchmarkExport1M writes a million leads as CSV. Target: < 10 s.
func BenchmarkExport1M(b *testing.B) {
	st, err := benchdb.Open(1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n int
		peakHeap(b, func() { n, err = transfer.Export(st, io.Discard, transfer.ExportOptions{}) })
		if err != nil || n != 1_000_000 {
			b.Fatalf("%d leads, %v", n, err)
		}
	}
}
