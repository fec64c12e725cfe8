// Package tabular reads and writes tables of cells under a header row
// (CSV, TSV, Excel's "Unicode text" and .xlsx) without interpreting them,
// so that lead import and export share one forgiving, streaming reader.
package tabular

import (
	"os"
	"path/filepath"
	"strings"
)

// Table is a file of rows under a header row.
type Table interface {
	Header() []string   // the header row's cells, as in the file (trimmed of BOM)
	Next() (Row, error) // the next row; io.EOF after the last
	Close() error
}

// Row is one row under the header, kept even when malformed so that no line is lost silently.
type Row struct {
	Line  int      // the file's line where the row starts (1 = header), or the sheet row number
	Cells []string // the cells as read (text with CR or CRLF line breaks turned into LF)
	Raw   string   // the row as it stood in the file, for a rejects file (CSV only; the cells joined for xlsx)
	Err   error    // why the row is malformed (wrong number of columns, broken quoting), or nil; a malformed row still has its Cells as far as they could be read
}

// Options choose what detection cannot: which sheet, or a delimiter the user named.
type Options struct {
	Sheet     string // xlsx: the sheet by name; empty: the first
	Delimiter rune   // CSV: 0 detects ',' ';' or tab from the header line
}

// Open reads a table from a file by its extension, so callers need not know the formats.
func Open(path string, opt Options) (Table, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".tsv", ".txt":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		t, err := readCSV(f, opt.Delimiter)
		if err != nil {
			f.Close()
			return nil, err
		}
		t.file = f
		return t, nil
	case ".xlsx":
		return openXLSX(path, opt.Sheet)
	default:
		return nil, &UnsupportedTypeError{Ext: ext}
	}
}

// Writer writes rows of cells; Close flushes (it does not close the underlying writer).
type Writer interface {
	Write(cells []string) error
	Close() error
}

// blank tells whether a cell holds nothing but spaces, so it may be padded or dropped without loss.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// fitCells pads or trims a row to the header's width where that loses nothing, or says why it cannot.
func fitCells(cells, header []string) ([]string, error) {
	switch n, want := len(cells), len(header); {
	case n < want:
		for _, h := range header[n:] {
			if !blank(h) {
				return cells, &CellCountError{Cells: n, Header: want}
			}
		}
		for len(cells) < want {
			cells = append(cells, "")
		}
	case n > want:
		for _, c := range cells[want:] {
			if !blank(c) {
				return cells, &CellCountError{Cells: n, Header: want}
			}
		}
		cells = cells[:want]
	}
	return cells, nil
}
