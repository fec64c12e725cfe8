package tabular

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReadCSV reads any bytes: it must not panic, must end, and must account for
// every line. Plain `go test` runs only the seeds in testdata/fuzz/FuzzReadCSV.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		ct := tab.(*CSVTable)
		if ct.headerLine < 1 || len(ct.header) == 0 {
			t.Fatalf("header at line %d with %d cells", ct.headerLine, len(ct.header))
		}
		var rows []Row
		// A row takes at least one line break or the end, so there are fewer rows than bytes.
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more than %d rows from %d bytes", i, len(data))
			}
			row, err := tab.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if row.Line < 2 || row.Line <= ct.headerEnd {
				t.Fatalf("row at line %d, header ends at %d", row.Line, ct.headerEnd)
			}
			if len(rows) > 0 && row.Line <= rows[len(rows)-1].Line {
				t.Fatalf("row at line %d after one at %d", row.Line, rows[len(rows)-1].Line)
			}
			if len(row.Cells) == 0 {
				t.Fatalf("row at line %d has no cells", row.Line)
			}
			if row.Err == nil && len(row.Cells) != len(ct.header) {
				t.Fatalf("good row at line %d has %d cells, header %d", row.Line, len(row.Cells), len(ct.header))
			}
			rows = append(rows, row)
		}
		if _, err := tab.Next(); err != io.EOF {
			t.Fatalf("Next after the end: %v", err)
		}
		// The same text the table read, to split into lines independently.
		text, _, err := decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		all, err := io.ReadAll(text)
		if err != nil {
			t.Fatal(err)
		}
		checkLinesAccounted(t, string(all), ct, rows)
	})
}
