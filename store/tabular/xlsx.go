package tabular

import (
	"io"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// xlsxOptions make excelize's built-in dates unambiguous (2024-03-15, not 03-15-24).
var xlsxOptions = excelize.Options{ShortDatePattern: "yyyy-mm-dd"}

// xlsxTable reads one sheet through excelize's streaming row iterator.
type xlsxTable struct {
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	n      int // the sheet row number of the row last read
	done   bool
}

// ReadXLSX reads a sheet of a workbook (empty: the first); excelize reads the whole
// (compressed) file into memory, then streams the sheet's rows. Open reads a path
// without holding the whole file.
func ReadXLSX(r io.Reader, sheet string) (Table, error) {
	f, err := excelize.OpenReader(r, xlsxOptions)
	if err != nil {
		return nil, err
	}
	return newXLSXTable(f, sheet)
}

func openXLSX(path, sheet string) (Table, error) {
	f, err := excelize.OpenFile(path, xlsxOptions)
	if err != nil {
		return nil, err
	}
	return newXLSXTable(f, sheet)
}

func newXLSXTable(f *excelize.File, sheet string) (t *xlsxTable, err error) {
	defer func() {
		if err != nil {
			_ = f.Close()
		}
	}()
	name, err := pickSheet(f.GetSheetList(), sheet)
	if err != nil {
		return nil, err
	}
	keepNumbersAsTyped(f)
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	t = &xlsxTable{f: f, rows: rows}
	for {
		cells, err := t.nextCells()
		if err == io.EOF {
			_ = rows.Close()
			return nil, ErrNoHeader
		}
		if err != nil {
			_ = rows.Close()
			return nil, err
		}
		if !allBlank(cells) {
			t.header = cells
			return t, nil
		}
	}
}

// pickSheet finds a sheet by name (Excel's names ignore case), or the first.
func pickSheet(sheets []string, want string) (string, error) {
	if len(sheets) == 0 {
		return "", &UnknownSheetError{Sheet: want}
	}
	if want == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if s == want {
			return s, nil
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, want) {
			return s, nil
		}
	}
	return "", &UnknownSheetError{Sheet: want, Sheets: sheets}
}

// keepNumbersAsTyped reads numbers in the General format as they were typed: excelize
// shows those of more than 11 digits as 4.930301234E+11, which ruins phone numbers.
// Given the text format "@" instead, it returns the number's digits unchanged.
func keepNumbersAsTyped(f *excelize.File) {
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return
	}
	for i := range f.Styles.CellXfs.Xf {
		xf := &f.Styles.CellXfs.Xf[i]
		if xf.NumFmtID == nil || *xf.NumFmtID == 0 {
			text := 49 // "@"
			xf.NumFmtID = &text
		}
	}
}

// nextCells returns the next sheet row's cells (empty rows included), with line breaks as LF.
func (t *xlsxTable) nextCells() ([]string, error) {
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	t.n++
	cells, err := t.rows.Columns()
	if err != nil {
		return nil, err
	}
	for i, c := range cells {
		if strings.IndexByte(c, '\r') >= 0 {
			cells[i] = normalizeBreaks(c)
		}
	}
	return cells, nil
}

// Header returns the first non-empty row's cells.
func (t *xlsxTable) Header() []string { return t.header }

// Next returns the next non-empty row, padded to the header's width.
func (t *xlsxTable) Next() (Row, error) {
	if t.done {
		return Row{}, io.EOF
	}
	for {
		cells, err := t.nextCells()
		if err != nil {
			if err == io.EOF {
				t.done = true
			}
			return Row{}, err
		}
		if allBlank(cells) {
			continue
		}
		row := Row{Line: t.n, Raw: string(appendRecord(nil, cells, ','))}
		// Excel stores no empty cells at a row's end, so short rows are always padded.
		for len(cells) < len(t.header) {
			cells = append(cells, "")
		}
		row.Cells, row.Err = fitCells(cells, t.header)
		return row, nil
	}
}

// Close releases the workbook and its temporary files.
func (t *xlsxTable) Close() error {
	t.done = true
	err := t.rows.Close()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func allBlank(cells []string) bool {
	for _, c := range cells {
		if !blank(c) {
			return false
		}
	}
	return true
}

// normalizeBreaks turns CRLF and lone CR into LF, the one line break cells carry.
func normalizeBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// xlsxWriter streams rows into one sheet and writes the workbook on Close.
type xlsxWriter struct {
	w      io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	err    error // the first error, returned from then on
	n      int   // rows written
	row    []any
	closed bool
}

// NewXLSXWriter writes a workbook of one sheet (empty name: "Sheet1"); every cell is
// text, never a formula or a number, so "=HYPERLINK(…)" and "0049…" stay as written.
func NewXLSXWriter(w io.Writer, sheet string) Writer {
	x := &xlsxWriter{w: w, f: excelize.NewFile()}
	if sheet == "" {
		sheet = "Sheet1"
	}
	if sheet != "Sheet1" {
		x.err = x.f.SetSheetName("Sheet1", sheet)
	}
	if x.err == nil {
		x.sw, x.err = x.f.NewStreamWriter(sheet)
	}
	return x
}

// Write adds a row; a cell too long for Excel is an error and its row is not written.
func (x *xlsxWriter) Write(cells []string) error {
	if x.closed {
		return ErrClosed
	}
	if x.err != nil {
		return x.err
	}
	x.row = x.row[:0]
	for i, c := range cells {
		if n := utf16Len(c); n > excelize.TotalCellChars {
			return &CellTooLongError{Row: x.n + 1, Column: i + 1, Length: n}
		}
		if c == "" {
			x.row = append(x.row, nil)
		} else {
			// A string is written as an inline string, which Excel never evaluates.
			x.row = append(x.row, c)
		}
	}
	ref, err := excelize.CoordinatesToCellName(1, x.n+1)
	if err != nil {
		return err
	}
	if err := x.sw.SetRow(ref, x.row); err != nil {
		return err
	}
	x.n++
	return nil
}

// Close writes the workbook to w.
func (x *xlsxWriter) Close() error {
	if x.closed {
		return ErrClosed
	}
	x.closed = true
	defer x.f.Close()
	if x.err != nil {
		return x.err
	}
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	return err
}

// utf16Len counts a string as Excel does, in UTF-16 units.
func utf16Len(s string) int {
	if len(s) <= excelize.TotalCellChars {
		return len(s) // no string has more units than bytes
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
