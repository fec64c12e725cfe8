package tabular

import (
	"bytes"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Bounds on a quoted field that spans lines: past them the quote is taken as broken,
// so one stray quote cannot swallow the rest of the file. 128 KiB holds Excel's
// largest cell (32,767 characters) in UTF-8.
const (
	MaxQuotedBytes = 128 << 10
	MaxQuotedLines = 1000
)

// CSVTable is the Table that ReadCSV returns; it also tells how the file was read.
// Its rows' Raw is the file's text decoded to UTF-8, line breaks as they were.
type CSVTable struct {
	file       *os.File // opened by Open, closed by Close
	in         *lineReader
	enc        string
	delim      byte
	header     []string
	headerLine int // where the header row starts
	headerEnd  int // where it ends (a quoted cell may span lines)
	line       int // the number of the last line read
	raw        []byte
	p          rowParser
	done       bool
}

// ReadCSV reads a CSV or TSV file, detecting its encoding and delimiter.
func ReadCSV(r io.Reader) (Table, error) { return readCSV(r, 0) }

// ReadCSVWith reads a CSV or TSV file with a delimiter the user named (0 detects it).
func ReadCSVWith(r io.Reader, opt Options) (Table, error) { return readCSV(r, opt.Delimiter) }

func readCSV(r io.Reader, delim rune) (*CSVTable, error) {
	if delim != 0 && (delim >= utf8.RuneSelf || delim == '"' || delim == '\r' || delim == '\n') {
		return nil, ErrBadDelimiter
	}
	text, enc, err := decode(r)
	if err != nil {
		return nil, err
	}
	t := &CSVTable{in: newLineReader(text), enc: enc}
	if err := t.readHeader(byte(delim)); err != nil {
		return nil, err
	}
	return t, nil
}

// Header returns the header row's cells.
func (t *CSVTable) Header() []string { return t.header }

// Delimiter is the delimiter in use, so rejects can be written the way they came.
func (t *CSVTable) Delimiter() rune { return rune(t.delim) }

// Encoding is the encoding the file was read as (UTF8, UTF8BOM, UTF16LE, UTF16BE, Windows1252).
func (t *CSVTable) Encoding() string { return t.enc }

// Close closes the file if Open opened it.
func (t *CSVTable) Close() error {
	t.done = true
	if t.file != nil {
		f := t.file
		t.file = nil
		return f.Close()
	}
	return nil
}

// readHeader reads the first non-blank row; its first line decides the delimiter.
func (t *CSVTable) readHeader(delim byte) error {
	for {
		line, term, cut, err := t.in.next()
		if err == io.EOF {
			return ErrNoHeader
		}
		if err != nil {
			return err
		}
		t.line++
		text := line[:len(line)-term]
		if t.line == 1 {
			// Excel's "sep=;" line names the delimiter and is not the header.
			if len(text) >= 5 && bytes.HasPrefix(text, []byte("sep=")) && len(bytes.TrimSpace(text[5:])) == 0 &&
				text[4] != '"' && text[4] < utf8.RuneSelf {
				if delim == 0 {
					delim = text[4]
				}
				continue
			}
		}
		if !cut && blankLine(text, delim) {
			continue
		}
		if delim == 0 {
			delim = detectDelimiter(text)
		}
		t.delim = delim
		t.p.delim = delim
		start := t.line
		cells, _, rowErr, err := t.readRow(line, term, cut, nil)
		if err != nil {
			return err
		}
		if rowErr != nil {
			return &HeaderError{Err: rowErr}
		}
		cells[0] = strings.TrimPrefix(cells[0], "\uFEFF")
		t.header = cells
		t.headerLine, t.headerEnd = start, t.line
		return nil
	}
}

// Next returns the next non-blank row, malformed or not.
func (t *CSVTable) Next() (Row, error) {
	if t.done {
		return Row{}, io.EOF
	}
	for {
		line, term, cut, err := t.in.next()
		if err != nil {
			if err == io.EOF {
				t.done = true
			}
			return Row{}, err
		}
		t.line++
		if !cut && blankLine(line[:len(line)-term], t.delim) {
			continue
		}
		start := t.line
		cells, raw, rowErr, err := t.readRow(line, term, cut, t.header)
		if err != nil {
			return Row{}, err
		}
		return Row{Line: start, Cells: cells, Raw: raw, Err: rowErr}, nil
	}
}

// readRow reads the row that starts with line, going on to further lines while a quoted
// field is open. A quote still open past the bounds or at the end of the file, or a row
// spanning lines that does not fit the header, is taken as broken quoting: the row is
// its first line alone and the lines after it are read again as rows of their own.
func (t *CSVTable) readRow(line []byte, term int, cut bool, header []string) (cells []string, raw string, rowErr error, err error) {
	first := line[:len(line)-term]
	t.p.reset()
	switch {
	case cut:
		rowErr = ErrLineTooLong
		t.p.feed(first)
		t.p.endLine(true)
		cells, raw = t.p.cells(first, true)
	case bytes.IndexByte(first, '"') < 0:
		// Most rows: no quotes, so the cells are slices of the line.
		t.p.splitPlain(first)
		cells, raw = t.p.cells(first, true)
	default:
		t.p.feed(first)
		if t.p.endLine(false) {
			cells, raw = t.p.cells(first, true)
			break
		}
		cells, raw, rowErr, err = t.readQuotedRow(line, term, header)
		if err != nil {
			return nil, "", nil, err
		}
	}
	if header != nil && rowErr == nil {
		cells, rowErr = fitCells(cells, header)
	}
	if t.enc == UTF8 && !utf8.ValidString(raw) {
		cells, raw = repairRow(cells, raw)
	}
	return cells, raw, rowErr, nil
}

// readQuotedRow goes on with a row whose first line left a quoted field open.
func (t *CSVTable) readQuotedRow(line []byte, term int, header []string) (cells []string, raw string, rowErr error, err error) {
	start := t.line
	firstLen := len(line) - term
	t.raw = append(t.raw[:0], line...)
	firstEnd := len(t.raw)
	broken, cut := false, false
	for {
		if t.line-start >= MaxQuotedLines || len(t.raw)-firstEnd > MaxQuotedBytes {
			broken = true
			break
		}
		line, term, cut, err = t.in.next()
		if err == io.EOF {
			broken = true
			break
		}
		if err != nil {
			return nil, "", nil, err
		}
		t.line++
		t.raw = append(t.raw, line...)
		t.p.feed(line[:len(line)-term])
		if cut {
			rowErr = ErrLineTooLong
		}
		if t.p.endLine(cut) {
			break
		}
	}
	if !broken {
		cells, raw = t.p.cells(t.raw[:len(t.raw)-term], false)
		if header == nil {
			return cells, raw, rowErr, nil
		}
		if _, fitErr := fitCells(cells, header); fitErr == nil {
			return cells, raw, rowErr, nil
		}
	}
	t.in.unread(t.raw[firstEnd:])
	t.line = start
	t.p.reset()
	t.p.feed(t.raw[:firstLen])
	t.p.endLine(true)
	cells, raw = t.p.cells(t.raw[:firstLen], false)
	return cells, raw, ErrUnclosedQuote, nil
}

// repairRow mends invalid UTF-8 (bytes of another encoding met after the sample) cell by cell.
func repairRow(cells []string, raw string) ([]string, string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		if utf8.ValidString(c) {
			out[i] = c
		} else {
			out[i] = string(repairUTF8(nil, []byte(c)))
		}
	}
	return out, string(repairUTF8(nil, []byte(raw)))
}

// blankLine tells whether a line holds only spaces, tabs and delimiters (0: any of ',' ';' tab).
func blankLine(line []byte, delim byte) bool {
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t' || c == delim:
		case delim == 0 && (c == ',' || c == ';'):
		default:
			return false
		}
	}
	return true
}

// detectDelimiter picks the most frequent of tab, ';' and ',' outside quotes; a tie goes
// in that order, as a rarer character that appears as often is the likelier delimiter.
// With none of them the header is one column, and tab is least likely to split a cell.
func detectDelimiter(line []byte) byte {
	var counts [3]int
	candidates := [3]byte{'\t', ';', ','}
	quoted := false
	for _, c := range line {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		for i, d := range candidates {
			if c == d {
				counts[i]++
			}
		}
	}
	best := 0
	for i := range counts {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return candidates[best]
}

// Parser states.
const (
	fieldStart = iota
	unquoted
	quoted
	quoteInQuoted // a quote inside a quoted field: the end, or the first of a doubled quote
)

// rowParser is the CSV state machine, fed a row's lines one at a time.
type rowParser struct {
	delim  byte
	state  int
	buf    []byte // the cells' text, one after another
	ends   []int  // where each finished cell ends in buf
	quotes bool   // a field was quoted, so the cells are not plain slices of the line
}

func (p *rowParser) reset() {
	p.state, p.buf, p.ends, p.quotes = fieldStart, p.buf[:0], p.ends[:0], false
}

func (p *rowParser) endCell() { p.ends = append(p.ends, len(p.buf)) }

// feed reads one line's text (without its line break).
func (p *rowParser) feed(line []byte) {
	for i := 0; i < len(line); {
		switch p.state {
		case fieldStart:
			switch line[i] {
			case '"':
				p.state, p.quotes = quoted, true
				i++
			case p.delim:
				p.endCell()
				i++
			default:
				p.state = unquoted
			}
		case unquoted:
			// A quote here is kept as a character (lazy quotes), as Excel writes such files.
			j := bytes.IndexByte(line[i:], p.delim)
			if j < 0 {
				p.buf = append(p.buf, line[i:]...)
				i = len(line)
				break
			}
			p.buf = append(p.buf, line[i:i+j]...)
			p.endCell()
			p.state = fieldStart
			i += j + 1
		case quoted:
			j := bytes.IndexByte(line[i:], '"')
			if j < 0 {
				p.buf = append(p.buf, line[i:]...)
				i = len(line)
				break
			}
			p.buf = append(p.buf, line[i:i+j]...)
			p.state = quoteInQuoted
			i += j + 1
		case quoteInQuoted:
			switch line[i] {
			case '"':
				p.buf = append(p.buf, '"')
				p.state = quoted
				i++
			case p.delim:
				p.endCell()
				p.state = fieldStart
				i++
			default:
				// Text after a closing quote is kept, as Excel does: "abc"def is abcdef.
				p.state = unquoted
			}
		}
	}
}

// splitPlain splits a line without quotes at its delimiters; the ends are kept as
// cells expects of a plain row (less one byte for each delimiter before).
func (p *rowParser) splitPlain(line []byte) {
	for off, k := 0, 0; ; k++ {
		j := bytes.IndexByte(line[off:], p.delim)
		if j < 0 {
			p.ends = append(p.ends, len(line)-k)
			return
		}
		p.ends = append(p.ends, off+j-k)
		off += j + 1
	}
}

// endLine ends a line: it ends the row unless a quoted field is open (and force is false),
// in which case the line break is part of the cell, as LF.
func (p *rowParser) endLine(force bool) bool {
	if p.state == quoted && !force {
		p.buf = append(p.buf, '\n')
		return false
	}
	p.endCell()
	p.state = fieldStart
	return true
}

// cells makes the row's cells and Raw with as few allocations as it can: when no
// field was quoted on a single line, the cells are slices of Raw.
func (p *rowParser) cells(raw []byte, plain bool) ([]string, string) {
	rawText := string(raw)
	cells := make([]string, len(p.ends))
	if plain && !p.quotes {
		// Each cell before k is followed by one delimiter byte in raw.
		from := 0
		for k, end := range p.ends {
			cells[k] = rawText[from+k : end+k]
			from = end
		}
		return cells, rawText
	}
	text := string(p.buf)
	from := 0
	for k, end := range p.ends {
		cells[k] = text[from:end]
		from = end
	}
	return cells, rawText
}
