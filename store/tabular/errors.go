package tabular

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Typed errors let the UI word each problem in the user's language; the texts are for logs.
var (
	// ErrNoHeader: there is nothing to import, not even a header row.
	ErrNoHeader = errors.New("no header row: the file is empty or has only blank lines")
	// ErrUnclosedQuote marks a row whose quoted field never closes; reading goes on at its next line.
	ErrUnclosedQuote = errors.New("a quoted field is not closed on this line (reading goes on at the next line)")
	// ErrLineTooLong marks a row cut at MaxLineBytes, so one huge line cannot exhaust memory.
	ErrLineTooLong = errors.New("the line is longer than 4 MiB and was cut")
	// ErrBadDelimiter: a delimiter must be one ASCII character other than a quote or a line break.
	ErrBadDelimiter = errors.New("the delimiter must be one ASCII character other than a quote or a line break")
	// ErrClosed: the writer was used after Close.
	ErrClosed = errors.New("the writer is closed")
)

// CellCountError is a row that does not line up with the header.
type CellCountError struct {
	Cells  int // cells in the row
	Header int // cells in the header
}

func (e *CellCountError) Error() string {
	return fmt.Sprintf("has %d cells where the header has %d", e.Cells, e.Header)
}

// UnknownSheetError names the sheets there are, so the user can pick one.
type UnknownSheetError struct {
	Sheet  string   // the sheet asked for
	Sheets []string // the workbook's sheets, in order
}

func (e *UnknownSheetError) Error() string {
	quoted := make([]string, len(e.Sheets))
	for i, s := range e.Sheets {
		quoted[i] = strconv.Quote(s)
	}
	return fmt.Sprintf("no sheet %q; the workbook has %s", e.Sheet, strings.Join(quoted, ", "))
}

// UnsupportedTypeError is a file whose extension names no format this package reads.
type UnsupportedTypeError struct {
	Ext string // the extension, lower case, with its dot (may be empty)
}

func (e *UnsupportedTypeError) Error() string {
	if e.Ext == ".xls" {
		return "the old Excel format .xls cannot be read: save the file as .xlsx or CSV"
	}
	return fmt.Sprintf("cannot read %q files: use .csv, .tsv, .txt or .xlsx", e.Ext)
}

// CellTooLongError is a cell Excel cannot hold; the row is not written rather than cut silently.
type CellTooLongError struct {
	Row, Column int // 1-based, as Excel counts
	Length      int // in UTF-16 units, as Excel counts
}

func (e *CellTooLongError) Error() string {
	return fmt.Sprintf("row %d, column %d has %d characters, more than the 32767 Excel allows", e.Row, e.Column, e.Length)
}

// HeaderError is a header row that cannot be read, so there are no columns to read rows by.
type HeaderError struct {
	Err error // why, e.g. ErrUnclosedQuote
}

func (e *HeaderError) Error() string { return "the header row is malformed: " + e.Err.Error() }

func (e *HeaderError) Unwrap() error { return e.Err }
