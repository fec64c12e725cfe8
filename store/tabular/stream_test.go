package tabular

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"testing"
)

// leadsReader makes a CSV of generated leads as it is read, so a test can read a large
// file without holding it; every seventh row has a note quoted for its ';' and line break.
type leadsReader struct {
	rows, cols int
	n          int // rows made so far, the header included
	buf        []byte
	off        int
}

func newLeadsReader(rows, cols int) *leadsReader { return &leadsReader{rows: rows, cols: cols} }

func (g *leadsReader) Read(p []byte) (int, error) {
	for g.off == len(g.buf) {
		if g.n > g.rows {
			return 0, io.EOF
		}
		g.buf, g.off = g.row(g.buf[:0]), 0
		g.n++
	}
	n := copy(p, g.buf[g.off:])
	g.off += n
	return n, nil
}

func (g *leadsReader) row(b []byte) []byte {
	for c := 0; c < g.cols; c++ {
		if c > 0 {
			b = append(b, ';')
		}
		switch {
		case g.n == 0:
			b = append(b, "Spalte "...)
			b = strconv.AppendInt(b, int64(c+1), 10)
		case c == 0:
			b = append(b, "Müller Maschinenbau GmbH "...)
			b = strconv.AppendInt(b, int64(g.n), 10)
		case c == 1:
			b = append(b, "+49 30 "...)
			b = strconv.AppendInt(b, int64(1000000+g.n), 10)
		case c == g.cols-1 && g.n%7 == 0:
			b = append(b, "\"Rückruf; am besten vormittags\r\nBudget ca. 15.000 €\""...)
		default:
			b = append(b, "Hauptstraße "...)
			b = strconv.AppendInt(b, int64(c), 10)
		}
	}
	return append(b, '\r', '\n')
}

// TestReadCSVStreams reads 200,000 generated rows and checks that the live heap after
// them is what it was after the first 20,000: memory does not grow with the file.
func TestReadCSVStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200,000 rows")
	}
	const rows = 200_000
	tab, err := ReadCSV(newLeadsReader(rows, 12))
	if err != nil {
		t.Fatal(err)
	}
	var early, late runtime.MemStats
	n := 0
	for {
		row, err := tab.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if row.Err != nil {
			t.Fatalf("line %d: %v", row.Line, row.Err)
		}
		n++
		if n == 20_000 {
			runtime.GC()
			runtime.ReadMemStats(&early)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&late)
	if n != rows {
		t.Fatalf("read %d rows, want %d", n, rows)
	}
	t.Logf("live heap: %d bytes after 20,000 rows, %d after %d", early.HeapAlloc, late.HeapAlloc, rows)
	if grown := int64(late.HeapAlloc) - int64(early.HeapAlloc); grown > 1<<20 {
		t.Errorf("the live heap grew by %d bytes from row 20,000 to row 200,000", grown)
	}
	if late.HeapAlloc > 16<<20 {
		t.Errorf("live heap %d bytes after reading", late.HeapAlloc)
	}
	runtime.KeepAlive(tab)
}

// TestReadCSVAllocsPerRow: a plain row costs two allocations (its Raw and its cells),
// a quoted one three (its cells' text too).
func TestReadCSVAllocsPerRow(t *testing.T) {
	tab, err := ReadCSV(newLeadsReader(1_000_000, 20))
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(7000, func() {
		if _, err := tab.Next(); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("%.2f allocations per row", allocs)
	// Six plain rows and a quoted one in seven: (6*2 + 3) / 7.
	if allocs > 2.2 {
		t.Errorf("%.2f allocations per row, want at most 2.2", allocs)
	}
}

// BenchmarkReadCSV reads a 100,000-row, 20-column CSV from memory.
func BenchmarkReadCSV(b *testing.B) {
	data, err := io.ReadAll(newLeadsReader(100_000, 20))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tab, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			_, err := tab.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if rows != 100_000 {
			b.Fatalf("read %d rows", rows)
		}
	}
}
