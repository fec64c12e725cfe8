package tabular

import (
	"bufio"
	"io"
	"unicode/utf8"
)

// CSVOptions say how to write CSV for the program that will read it.
type CSVOptions struct {
	Delimiter rune // 0 = ','
	BOM       bool // a UTF-8 BOM, so Excel reads umlauts correctly
}

// csvWriter writes RFC 4180 CSV with CRLF line ends, which Excel expects.
type csvWriter struct {
	w      *bufio.Writer
	delim  rune
	bom    bool // still to be written
	err    error
	line   []byte
	closed bool
}

// NewCSVWriter writes CSV, quoting a cell only when it must.
func NewCSVWriter(w io.Writer, opt CSVOptions) Writer {
	c := &csvWriter{w: bufio.NewWriter(w), delim: opt.Delimiter, bom: opt.BOM}
	if c.delim == 0 {
		c.delim = ','
	}
	if c.delim == '"' || c.delim == '\r' || c.delim == '\n' || !utf8.ValidRune(c.delim) {
		c.err = ErrBadDelimiter
	}
	return c
}

// Write writes one row, ended by CRLF.
func (c *csvWriter) Write(cells []string) error {
	if c.closed {
		return ErrClosed
	}
	if err := c.start(); err != nil {
		return err
	}
	c.line = appendRecord(c.line[:0], cells, c.delim)
	c.line = append(c.line, '\r', '\n')
	_, err := c.w.Write(c.line)
	return err
}

// start writes the BOM once, before anything else.
func (c *csvWriter) start() error {
	if c.err != nil {
		return c.err
	}
	if c.bom {
		c.bom = false
		_, c.err = c.w.Write(bomUTF8)
	}
	return c.err
}

// Close writes what is buffered (and the BOM, if nothing else was written).
func (c *csvWriter) Close() error {
	if c.closed {
		return ErrClosed
	}
	c.closed = true
	if err := c.start(); err != nil {
		return err
	}
	return c.w.Flush()
}

// appendRecord appends cells joined by delim, without a line end.
func appendRecord(dst []byte, cells []string, delim rune) []byte {
	for i, cell := range cells {
		if i > 0 {
			dst = utf8.AppendRune(dst, delim)
		}
		dst = appendCell(dst, cell, delim)
	}
	return dst
}

// appendCell quotes a cell only if it holds the delimiter, a quote or a line break, or
// starts or ends with a space, which some readers would trim.
func appendCell(dst []byte, cell string, delim rune) []byte {
	if !needsQuotes(cell, delim) {
		return append(dst, cell...)
	}
	dst = append(dst, '"')
	for i := 0; i < len(cell); i++ {
		if cell[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, cell[i])
	}
	return append(dst, '"')
}

// needsQuotes tells whether a cell would be misread without quotes.
func needsQuotes(cell string, delim rune) bool {
	if cell == "" {
		return false
	}
	if first, last := cell[0], cell[len(cell)-1]; first == ' ' || first == '\t' || last == ' ' || last == '\t' {
		return true
	}
	for _, r := range cell {
		if r == delim || r == '"' || r == '\r' || r == '\n' {
			return true
		}
	}
	return false
}
