package tabular

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook builds an .xlsx the way a user's Excel would hold leads: a styled header,
// phone numbers typed as numbers, text with leading zeros, a date, a gap row.
func workbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Kunden"))
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	german, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd.mm.yyyy")})
	must(err)
	set := func(cell string, v any) { must(f.SetCellValue("Kunden", cell, v)) }
	for i, h := range []string{"Firma", "Telefon", "Mobil", "PLZ", "Umsatz", "Erstkontakt", "Messe", "Notiz"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set(cell, h)
	}
	must(f.SetCellStyle("Kunden", "A1", "H1", bold))
	set("A2", "Müller GmbH")
	set("B2", 493012345678) // a phone number typed as a number, 12 digits
	set("C2", 4915112345678)
	set("D2", "01099") // text: the zero stays
	set("E2", 1234.5)
	set("F2", 45366) // 2024-03-15
	set("G2", 45366)
	set("H2", "Zeile 1\r\nZeile 2")
	// Excel gives typed numbers a style too (font, column format); General must still show all digits.
	must(f.SetCellStyle("Kunden", "A2", "C2", bold))
	must(f.SetCellStyle("Kunden", "F2", "F2", date))
	must(f.SetCellStyle("Kunden", "G2", "G2", german))
	// Row 3 is empty; row 4 is short.
	set("A4", "Weiß KG")
	set("B4", "+49 221 987654")
	// Row 5 has a cell beyond the header.
	set("A5", "Zürcher AG")
	set("J5", "daneben")
	_, err = f.NewSheet("Notizen")
	must(err)
	must(f.SetCellValue("Notizen", "A1", "Thema"))
	must(f.SetCellValue("Notizen", "A2", "Messe"))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

func ptr[T any](v T) *T { return &v }

func TestReadXLSX(t *testing.T) {
	tab, err := ReadXLSX(bytes.NewReader(workbook(t)), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if h := tab.Header(); !reflect.DeepEqual(h, []string{"Firma", "Telefon", "Mobil", "PLZ", "Umsatz", "Erstkontakt", "Messe", "Notiz"}) {
		t.Errorf("header %q", h)
	}
	checkRows(t, readAll(t, tab), []row{
		{line: 2, cells: []string{"Müller GmbH", "493012345678", "4915112345678", "01099", "1234.5", "2024-03-15", "15.03.2024", "Zeile 1\nZeile 2"}},
		{line: 4, cells: []string{"Weiß KG", "+49 221 987654", "", "", "", "", "", ""}, raw: "Weiß KG,+49 221 987654"},
		{line: 5, cells: []string{"Zürcher AG", "", "", "", "", "", "", "", "", "daneben"}, err: &CellCountError{Cells: 10, Header: 8}},
	})
}

func TestXLSXSheets(t *testing.T) {
	data := workbook(t)
	for _, name := range []string{"Notizen", "notizen"} {
		tab, err := ReadXLSX(bytes.NewReader(data), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkRows(t, readAll(t, tab), []row{{line: 2, cells: []string{"Messe"}}})
		tab.Close()
	}
	_, err := ReadXLSX(bytes.NewReader(data), "Leads")
	var unknown *UnknownSheetError
	if !errors.As(err, &unknown) || !reflect.DeepEqual(unknown.Sheets, []string{"Kunden", "Notizen"}) {
		t.Fatalf("got %v, want an UnknownSheetError listing the sheets", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"Kunden", "Notizen"`) {
		t.Errorf("message %q does not list the sheets", msg)
	}
}

func TestXLSXEmptySheet(t *testing.T) {
	var buf bytes.Buffer
	w := NewXLSXWriter(&buf, "Leer")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadXLSX(&buf, ""); !errors.Is(err, ErrNoHeader) {
		t.Fatalf("got %v, want ErrNoHeader", err)
	}
}

func TestXLSXWriter(t *testing.T) {
	rows := [][]string{
		{"Firma", "Telefon", "Notiz", "Formel"},
		{"Müller GmbH", "0049301234567", "Zeile 1\nZeile 2", "=HYPERLINK(\"http://example.com\",\"klick\")"},
		{"=1+2", "493012345678", "", "@SUM(A1)"},
		{" Leerzeichen ", "-5", "TRUE", "+49 30 1"},
	}
	var buf bytes.Buffer
	w := NewXLSXWriter(&buf, "Leads")
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes before Close", buf.Len())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rows[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	data := buf.Bytes()

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Leads"}) {
		t.Errorf("sheets %q", got)
	}
	for r, cells := range rows {
		for c, want := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			got, err := f.GetCellValue("Leads", ref)
			if err != nil || got != want {
				t.Errorf("%s: %q (%v), want %q", ref, got, err, want)
			}
			formula, err := f.GetCellFormula("Leads", ref)
			if err != nil || formula != "" {
				t.Errorf("%s: formula %q (%v), want none", ref, formula, err)
			}
			if want == "" {
				continue
			}
			if typ, _ := f.GetCellType("Leads", ref); typ != excelize.CellTypeInlineString {
				t.Errorf("%s: cell type %v, want an inline string", ref, typ)
			}
		}
	}

	// And this package reads back what it wrote.
	tab, err := ReadXLSX(bytes.NewReader(data), "Leads")
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, tab)
	for i, r := range got {
		if !reflect.DeepEqual(r.Cells, rows[i+1]) {
			t.Errorf("row %d: %q, want %q", i+2, r.Cells, rows[i+1])
		}
	}
}

func TestXLSXWriterCellTooLong(t *testing.T) {
	var buf bytes.Buffer
	w := NewXLSXWriter(&buf, "")
	if err := w.Write([]string{"ok"}); err != nil {
		t.Fatal(err)
	}
	err := w.Write([]string{"a", strings.Repeat("ä", excelize.TotalCellChars+1)})
	var long *CellTooLongError
	if !errors.As(err, &long) || long.Row != 2 || long.Column != 2 {
		t.Fatalf("got %v, want a CellTooLongError at row 2, column 2", err)
	}
	if err := w.Write([]string{"weiter"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadXLSX(&buf, "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, readAll(t, tab), []row{{line: 2, cells: []string{"weiter"}}})
}

func TestXLSXWriterBadSheetName(t *testing.T) {
	w := NewXLSXWriter(&bytes.Buffer{}, "Kunden/Leads")
	if err := w.Write([]string{"a"}); err == nil {
		t.Error("Write succeeded on a sheet named with a slash")
	}
	if err := w.Close(); err == nil {
		t.Error("Close succeeded on a sheet named with a slash")
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Leads.XLSX")
	f, err := excelize.OpenReader(bytes.NewReader(workbook(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tab, err := Open(path, Options{Sheet: "Notizen"})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, readAll(t, tab), []row{{line: 2, cells: []string{"Messe"}}})
	if err := tab.Close(); err != nil {
		t.Error(err)
	}

	for _, name := range []string{"leads.xls", "leads.ods", "leads"} {
		_, err := Open(filepath.Join(dir, name), Options{})
		var unsupported *UnsupportedTypeError
		if !errors.As(err, &unsupported) {
			t.Errorf("%s: got %v, want an UnsupportedTypeError", name, err)
		}
	}
	if _, err := Open(filepath.Join(dir, "missing.csv"), Options{}); err == nil {
		t.Error("opened a missing file")
	}
	tsv, err := Open(fixture("utf16-tab.txt"), Options{Delimiter: '\t'})
	if err != nil {
		t.Fatal(err)
	}
	if err := tsv.Close(); err != nil {
		t.Error(err)
	}
}
