package tabular

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func utf16Bytes(t testing.TB, s string, e unicode.Endianness, bom unicode.BOMPolicy) []byte {
	t.Helper()
	b, err := unicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func cp1252(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	const text = "Firma;Straße;Land\r\nMüller GmbH;Hauptstraße 1;Österreich\r\n„Weiß“ KG;Kölner Str. 2 – Hof;€-Zone\r\n"
	want := []row{
		{line: 2, cells: []string{"Müller GmbH", "Hauptstraße 1", "Österreich"}},
		{line: 3, cells: []string{"„Weiß“ KG", "Kölner Str. 2 – Hof", "€-Zone"}},
	}
	tests := []struct {
		name string
		in   []byte
		enc  string
	}{
		{"UTF-8", []byte(text), UTF8},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), text...), UTF8BOM},
		{"UTF-16LE with BOM", utf16Bytes(t, text, unicode.LittleEndian, unicode.UseBOM), UTF16LE},
		{"UTF-16BE with BOM", utf16Bytes(t, text, unicode.BigEndian, unicode.UseBOM), UTF16BE},
		{"UTF-16LE without BOM", utf16Bytes(t, text, unicode.LittleEndian, unicode.IgnoreBOM), UTF16LE},
		{"UTF-16BE without BOM", utf16Bytes(t, text, unicode.BigEndian, unicode.IgnoreBOM), UTF16BE},
		{"Windows-1252", cp1252(t, text), Windows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV(bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if enc := tab.(*CSVTable).Encoding(); enc != tt.enc {
				t.Errorf("encoding %s, want %s", enc, tt.enc)
			}
			if h := tab.Header(); strings.Join(h, "|") != "Firma|Straße|Land" {
				t.Errorf("header %q", h)
			}
			checkRows(t, readAll(t, tab), want)
		})
	}
}

// TestLateInvalidUTF8 shows what happens to Windows-1252 bytes after the sample of a
// file judged UTF-8: each invalid byte is read as Windows-1252, in that row only.
func TestLateInvalidUTF8(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Firma;Ort\n")
	rows := 0
	for b.Len() < SampleBytes+1000 {
		b.WriteString("Müller GmbH;Köln\n")
		rows++
	}
	b.Write(cp1252(t, "Bäckerei Größ;München\n"))
	b.WriteString("Weiß KG;Düsseldorf\n")
	b.Write([]byte("gemischt \xE4 und ä;\x80 \xFF\n")) // one row, a Windows-1252 byte beside UTF-8
	tab, err := ReadCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if enc := tab.(*CSVTable).Encoding(); enc != UTF8 {
		t.Fatalf("encoding %s, want UTF-8", enc)
	}
	got := readAll(t, tab)
	if len(got) != rows+3 {
		t.Fatalf("got %d rows, want %d", len(got), rows+3)
	}
	for _, r := range got[:rows] {
		if r.Cells[0] != "Müller GmbH" || r.Cells[1] != "Köln" || r.Err != nil {
			t.Fatalf("line %d: %q %v", r.Line, r.Cells, r.Err)
		}
	}
	checkRows(t, got[rows:], []row{
		{line: rows + 2, cells: []string{"Bäckerei Größ", "München"}, raw: "Bäckerei Größ;München"},
		{line: rows + 3, cells: []string{"Weiß KG", "Düsseldorf"}},
		{line: rows + 4, cells: []string{"gemischt ä und ä", "€ ÿ"}},
	})
}

// TestStrayByteInUTF8 shows that a UTF-8 file with a stray Windows-1252 byte in its
// first chunk is still read as UTF-8, not turned into mojibake throughout.
func TestStrayByteInUTF8(t *testing.T) {
	in := "Firma;Ort\nMüller;Köln\nGröß;München\nWei\xDF;Düsseldorf\n"
	tab, rows := readString(t, in)
	if tab.Encoding() != UTF8 {
		t.Errorf("encoding %s, want UTF-8", tab.Encoding())
	}
	checkRows(t, rows, []row{
		{line: 2, cells: []string{"Müller", "Köln"}},
		{line: 3, cells: []string{"Größ", "München"}},
		{line: 4, cells: []string{"Weiß", "Düsseldorf"}},
	})
}

func TestLooksUTF8CutCharacter(t *testing.T) {
	// A sample that ends in the middle of "ü" is still UTF-8.
	if !looksUTF8([]byte("Müller, M\xC3"), false) {
		t.Error("a character cut by the sample's end made it non-UTF-8")
	}
	if looksUTF8([]byte("M\xFCller, M\xFCnchen"), true) {
		t.Error("Windows-1252 judged UTF-8")
	}
}
