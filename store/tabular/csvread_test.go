package tabular

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// readAll reads a whole table, failing the test on an error other than io.EOF.
func readAll(t testing.TB, tab Table) []Row {
	t.Helper()
	var rows []Row
	for {
		row, err := tab.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		rows = append(rows, row)
	}
}

func readString(t testing.TB, s string) (*CSVTable, []Row) {
	t.Helper()
	tab, err := ReadCSV(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return tab.(*CSVTable), readAll(t, tab)
}

// row is what a test expects of a Row: Raw is checked only when set, Err by errors.Is or type.
type row struct {
	line  int
	cells []string
	raw   string
	err   error
}

func checkRows(t *testing.T, got []Row, want []row) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rows, want %d:", len(got), len(want))
		for _, r := range got {
			t.Logf("  line %d %q err=%v", r.Line, r.Cells, r.Err)
		}
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line {
			t.Errorf("row %d: Line %d, want %d", i, g.Line, w.line)
		}
		if !reflect.DeepEqual(g.Cells, w.cells) {
			t.Errorf("row %d (line %d): Cells %q, want %q", i, g.Line, g.Cells, w.cells)
		}
		if w.raw != "" && g.Raw != w.raw {
			t.Errorf("row %d (line %d): Raw %q, want %q", i, g.Line, g.Raw, w.raw)
		}
		checkErr(t, i, g.Err, w.err)
	}
}

func checkErr(t *testing.T, i int, got, want error) {
	t.Helper()
	var wantCount *CellCountError
	switch {
	case want == nil && got != nil:
		t.Errorf("row %d: Err %v, want none", i, got)
	case want == nil:
	case errors.As(want, &wantCount):
		var gotCount *CellCountError
		if !errors.As(got, &gotCount) || *gotCount != *wantCount {
			t.Errorf("row %d: Err %v, want %v", i, got, want)
		}
	case !errors.Is(got, want):
		t.Errorf("row %d: Err %v, want %v", i, got, want)
	}
}

func TestReadCSVRules(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		delim  rune
		header []string
		rows   []row
	}{
		{
			name:   "a header and no rows",
			in:     "Firma;Ort\r\n",
			delim:  ';',
			header: []string{"Firma", "Ort"},
		},
		{
			name:   "comma",
			in:     "Firma,Ort\nMüller GmbH,Köln\n",
			delim:  ',',
			header: []string{"Firma", "Ort"},
			rows:   []row{{line: 2, cells: []string{"Müller GmbH", "Köln"}, raw: "Müller GmbH,Köln"}},
		},
		{
			name:   "semicolon wins over commas in the header's quoted cells",
			in:     "\"Name, Vorname\";Ort;PLZ\n\"Weiß, Maria\";Köln;50667\n",
			delim:  ';',
			header: []string{"Name, Vorname", "Ort", "PLZ"},
			rows:   []row{{line: 2, cells: []string{"Weiß, Maria", "Köln", "50667"}}},
		},
		{
			name:   "tab",
			in:     "Firma\tNotiz\nA, B; C\tx;y\n",
			delim:  '\t',
			header: []string{"Firma", "Notiz"},
			rows:   []row{{line: 2, cells: []string{"A, B; C", "x;y"}}},
		},
		{
			name:   "most frequent outside quotes",
			in:     "a;b;c,d\n1;2;3,4\n",
			delim:  ';',
			header: []string{"a", "b", "c,d"},
			rows:   []row{{line: 2, cells: []string{"1", "2", "3,4"}}},
		},
		{
			name:   "a tie goes to ';' before ','",
			in:     "a;b,c\n1;2,3\n",
			delim:  ';',
			header: []string{"a", "b,c"},
			rows:   []row{{line: 2, cells: []string{"1", "2,3"}}},
		},
		{
			name:   "one column: tab, so commas in cells do not split them",
			in:     "Firma\nMüller, Hans\n",
			delim:  '\t',
			header: []string{"Firma"},
			rows:   []row{{line: 2, cells: []string{"Müller, Hans"}}},
		},
		{
			name:   "Excel's sep= line names the delimiter",
			in:     "sep=,\r\na;b,c\r\n1;2,3\r\n",
			delim:  ',',
			header: []string{"a;b", "c"},
			rows:   []row{{line: 3, cells: []string{"1;2", "3"}}},
		},
		{
			name:   "sep= names a tab",
			in:     "sep=\t\na;b\tc\n",
			delim:  '\t',
			header: []string{"a;b", "c"},
		},
		{
			name:   "quoted delimiter, doubled quotes, empty quoted cell",
			in:     "a,b,c\n\"x,y\",\"sag \"\"hallo\"\"\",\"\"\n",
			delim:  ',',
			header: []string{"a", "b", "c"},
			rows:   []row{{line: 2, cells: []string{"x,y", `sag "hallo"`, ""}, raw: `"x,y","sag ""hallo""",""`}},
		},
		{
			name:   "newlines in quotes become LF, Raw keeps them",
			in:     "a,b\r\n\"eins\r\nzwei\",x\r\n\"drei\rvier\",y\r\n\"fünf\nsechs\",z\r\nnach,ende\r\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows: []row{
				{line: 2, cells: []string{"eins\nzwei", "x"}, raw: "\"eins\r\nzwei\",x"},
				{line: 4, cells: []string{"drei\nvier", "y"}, raw: "\"drei\rvier\",y"},
				{line: 6, cells: []string{"fünf\nsechs", "z"}, raw: "\"fünf\nsechs\",z"},
				{line: 8, cells: []string{"nach", "ende"}},
			},
		},
		{
			name:   "a quoted blank line is part of the cell",
			in:     "a,b\n\"x\n\ny\",z\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"x\n\ny", "z"}}},
		},
		{
			name:   "lazy quotes: a stray quote in an unquoted cell is a character",
			in:     "Firma;Notiz\nHofmann;Nennt sich \"Der Chef\"\n12\" Monitor;ok\n",
			delim:  ';',
			header: []string{"Firma", "Notiz"},
			rows: []row{
				{line: 2, cells: []string{"Hofmann", `Nennt sich "Der Chef"`}},
				{line: 3, cells: []string{`12" Monitor`, "ok"}},
			},
		},
		{
			name:   "text after a closing quote is kept, as Excel does",
			in:     "a,b\n\"abc\"def,x\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"abcdef", "x"}}},
		},
		{
			name:   "CR line ends",
			in:     "a;b\r1;2\r3;4",
			delim:  ';',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"1", "2"}}, {line: 3, cells: []string{"3", "4"}}},
		},
		{
			name:   "LF line ends, no final line end",
			in:     "a;b\n1;2\n3;4",
			delim:  ';',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"1", "2"}}, {line: 3, cells: []string{"3", "4"}}},
		},
		{
			name:   "CRLF line ends",
			in:     "a;b\r\n1;2\r\n3;4\r\n",
			delim:  ';',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"1", "2"}, raw: "1;2"}, {line: 3, cells: []string{"3", "4"}}},
		},
		{
			name:   "blank lines, and lines of only delimiters and spaces, are skipped",
			in:     "\n  \na;b;c\n\n;;\n 1;2;3\n \t\n;; \n4;5;6\n\n",
			delim:  ';',
			header: []string{"a", "b", "c"},
			rows:   []row{{line: 6, cells: []string{" 1", "2", "3"}}, {line: 9, cells: []string{"4", "5", "6"}}},
		},
		{
			name:   "cells are not trimmed",
			in:     "a,b\n  x , y \n",
			delim:  ',',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"  x ", " y "}}},
		},
		{
			name:   "too many and too few cells",
			in:     "a;b;c\n1;2;3;4\n1;2\n1;2;3\n",
			delim:  ';',
			header: []string{"a", "b", "c"},
			rows: []row{
				{line: 2, cells: []string{"1", "2", "3", "4"}, err: &CellCountError{Cells: 4, Header: 3}},
				{line: 3, cells: []string{"1", "2"}, err: &CellCountError{Cells: 2, Header: 3}},
				{line: 4, cells: []string{"1", "2", "3"}},
			},
		},
		{
			name:   "padding: missing cells under unnamed header columns are empty; extra empty cells are dropped",
			in:     "a;b;;\n1;2\n1;2;;;;\n1;2; ;x\n1;2;3;4;x\n",
			delim:  ';',
			header: []string{"a", "b", "", ""},
			rows: []row{
				{line: 2, cells: []string{"1", "2", "", ""}},
				{line: 3, cells: []string{"1", "2", "", ""}},
				{line: 4, cells: []string{"1", "2", " ", "x"}},
				{line: 5, cells: []string{"1", "2", "3", "4", "x"}, err: &CellCountError{Cells: 5, Header: 4}},
			},
		},
		{
			name:   "a trailing delimiter is an empty last cell",
			in:     "a,b\nx,\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows:   []row{{line: 2, cells: []string{"x", ""}}},
		},
		{
			name:   "unclosed quote until the end of the file: the row is its first line, the rest is read again",
			in:     "a,b\n1,\"offen\n2,zwei\n3,drei\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows: []row{
				{line: 2, cells: []string{"1", "offen"}, raw: "1,\"offen", err: ErrUnclosedQuote},
				{line: 3, cells: []string{"2", "zwei"}},
				{line: 4, cells: []string{"3", "drei"}},
			},
		},
		{
			name:   "unclosed quote closed by a later quote: the spanning row does not fit, so it is broken quoting",
			in:     "a,b,c\n1,\"offen,x\n2,zwei,x\n3,\"drei, vier\",x\n4,vier,x\n",
			delim:  ',',
			header: []string{"a", "b", "c"},
			rows: []row{
				{line: 2, cells: []string{"1", "offen,x"}, raw: "1,\"offen,x", err: ErrUnclosedQuote},
				{line: 3, cells: []string{"2", "zwei", "x"}},
				{line: 4, cells: []string{"3", "drei, vier", "x"}},
				{line: 5, cells: []string{"4", "vier", "x"}},
			},
		},
		{
			name:   "a row spanning lines that fits the header is a good row",
			in:     "a,b\n1,\"zwei\nZeilen\"\n2,x\n",
			delim:  ',',
			header: []string{"a", "b"},
			rows: []row{
				{line: 2, cells: []string{"1", "zwei\nZeilen"}},
				{line: 4, cells: []string{"2", "x"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, rows := readString(t, tt.in)
			if tab.Delimiter() != tt.delim {
				t.Errorf("delimiter %q, want %q", tab.Delimiter(), tt.delim)
			}
			if !reflect.DeepEqual(tab.Header(), tt.header) {
				t.Errorf("header %q, want %q", tab.Header(), tt.header)
			}
			checkRows(t, rows, tt.rows)
			checkLinesAccounted(t, tt.in, tab, rows)
		})
	}
}

func TestCSVTableClose(t *testing.T) {
	tab, err := Open(fixture("broken.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tab.Next(); err != nil {
		t.Fatal(err)
	}
	if err := tab.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := tab.Next(); err != io.EOF {
		t.Errorf("Next after Close: %v, want io.EOF", err)
	}
}

func TestReadCSVNoHeader(t *testing.T) {
	for _, in := range []string{"", "\n", "\r\n\r\n  \n", ";;;\n,,\n\t\n", "sep=;\n\n"} {
		_, err := ReadCSV(strings.NewReader(in))
		if !errors.Is(err, ErrNoHeader) {
			t.Errorf("ReadCSV(%q): %v, want ErrNoHeader", in, err)
		}
	}
}

func TestReadCSVBrokenHeader(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("a,\"b\n1,2\n"))
	var he *HeaderError
	if !errors.As(err, &he) || !errors.Is(err, ErrUnclosedQuote) {
		t.Fatalf("got %v, want a HeaderError for an unclosed quote", err)
	}
}

func TestReadCSVWithDelimiter(t *testing.T) {
	tab, err := ReadCSVWith(strings.NewReader("a;b,c\n1;2,3\n"), Options{Delimiter: ','})
	if err != nil {
		t.Fatal(err)
	}
	if h := tab.Header(); !reflect.DeepEqual(h, []string{"a;b", "c"}) {
		t.Errorf("header %q", h)
	}
	for _, d := range []rune{'"', '\n', '\r', 'ä'} {
		if _, err := ReadCSVWith(strings.NewReader("a\n"), Options{Delimiter: d}); !errors.Is(err, ErrBadDelimiter) {
			t.Errorf("delimiter %q: %v, want ErrBadDelimiter", d, err)
		}
	}
}

// TestQuoteBounds shows that a quote left open is given up after MaxQuotedLines
// lines or MaxQuotedBytes bytes, even when a later quote would close it, and that
// every line after the row's first is read again.
func TestQuoteBounds(t *testing.T) {
	t.Run("lines", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("a,b\n1,\"offen\n")
		for i := 0; i < MaxQuotedLines+10; i++ {
			b.WriteString("x,y\n")
		}
		b.WriteString("\"\n") // would close the quote, too late
		tab, rows := readString(t, b.String())
		if len(rows) != MaxQuotedLines+12 {
			t.Fatalf("got %d rows, want %d", len(rows), MaxQuotedLines+12)
		}
		checkRows(t, rows[:2], []row{
			{line: 2, cells: []string{"1", "offen"}, err: ErrUnclosedQuote},
			{line: 3, cells: []string{"x", "y"}},
		})
		// The lone quote at the end opens a field that never closes.
		last := rows[len(rows)-1]
		if last.Line != MaxQuotedLines+13 || !errors.Is(last.Err, ErrUnclosedQuote) {
			t.Errorf("last row: line %d, err %v", last.Line, last.Err)
		}
		checkLinesAccounted(t, b.String(), tab, rows)
	})
	t.Run("bytes", func(t *testing.T) {
		long := strings.Repeat("x", 1000)
		var b strings.Builder
		b.WriteString("a,b\n1,\"offen\n")
		for b.Len() < MaxQuotedBytes+10_000 {
			b.WriteString(long + ",y\n")
		}
		b.WriteString("zu,\"\"spät\"\n")
		tab, rows := readString(t, b.String())
		if !errors.Is(rows[0].Err, ErrUnclosedQuote) {
			t.Fatalf("first row: %v, want ErrUnclosedQuote", rows[0].Err)
		}
		for _, r := range rows[1 : len(rows)-1] {
			if r.Err != nil || r.Cells[0] != long {
				t.Fatalf("line %d: %v", r.Line, r.Err)
			}
		}
		checkLinesAccounted(t, b.String(), tab, rows)
	})
	t.Run("a long quoted cell within the bounds is read", func(t *testing.T) {
		note := strings.Repeat("Zeile mit Umlauten äöü\n", 500)
		in := "a,b\n1,\"" + note + "\"\n2,x\n"
		_, rows := readString(t, in)
		checkRows(t, rows, []row{{line: 2, cells: []string{"1", note}}, {line: 503, cells: []string{"2", "x"}}})
	})
}

func TestLongLineIsCut(t *testing.T) {
	long := strings.Repeat("y", MaxLineBytes+100)
	in := "a,b\nx," + long + "\r\n1,2\n"
	tab, rows := readString(t, in)
	if len(rows) != 2 {
		t.Fatalf("got %d rows", len(rows))
	}
	if !errors.Is(rows[0].Err, ErrLineTooLong) || len(rows[0].Raw) != MaxLineBytes || rows[0].Line != 2 {
		t.Errorf("long row: line %d, err %v, raw %d bytes", rows[0].Line, rows[0].Err, len(rows[0].Raw))
	}
	checkRows(t, rows[1:], []row{{line: 3, cells: []string{"1", "2"}}})
	checkLinesAccounted(t, in, tab, rows)
}

// checkLinesAccounted checks the promise that no line is lost silently: every line of
// the text is in the header, in a row (good or malformed) or blank.
func checkLinesAccounted(t testing.TB, text string, tab *CSVTable, rows []Row) {
	t.Helper()
	lines := splitLines(text)
	covered := make([]bool, len(lines)+2)
	mark := func(from, to int, what string) {
		for n := from; n <= to; n++ {
			if n < 1 || n > len(lines) {
				t.Fatalf("%s covers line %d of %d", what, n, len(lines))
			}
			if covered[n] {
				t.Fatalf("%s covers line %d twice", what, n)
			}
			covered[n] = true
		}
	}
	mark(tab.headerLine, tab.headerEnd, "the header")
	for _, r := range rows {
		mark(r.Line, r.Line+lineBreaks(r.Raw), "the row at line "+itoa(r.Line))
	}
	for n, line := range lines {
		n++
		delim := tab.delim
		if n < tab.headerLine {
			delim = 0 // before the header, any of the three delimiters
		}
		if covered[n] || (blankLine([]byte(line), delim) && len(line) <= MaxLineBytes) {
			continue
		}
		if n == 1 && strings.HasPrefix(line, "sep=") && tab.headerLine > 1 {
			continue
		}
		t.Fatalf("line %d (%.40q) is in no row and not blank", n, line)
	}
}

// splitLines splits text as the reader does: at LF, CRLF or a lone CR.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
	return lines
}

func lineBreaks(s string) int { return len(splitLines(s+"x")) - 1 }

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
