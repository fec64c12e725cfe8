package tabular

import (
	"os"
	"path/filepath"
	"testing"
)

// The fixtures are made by testdata/import/make_fixtures.go and shared with the
// mapping and store tests.
func fixture(name string) string { return filepath.Join("..", "..", "testdata", "import", name) }

var fixtureHeader = []string{"Firma", "Ansprechpartner", "Position", "Telefon", "E-Mail", "Straße", "PLZ", "Ort", "Land", "Notiz"}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		enc   string
		delim rune
		rows  []row
	}{
		{
			// German Excel's CSV: Windows-1252, ';', CRLF, a note quoted for its ';' and line break.
			file: "excel-de-1252.csv", enc: Windows1252, delim: ';',
			rows: []row{
				{line: 2, cells: []string{"Müller Maschinenbau GmbH", "Jürgen Müller", "Geschäftsführer", "+49 30 1234567", "j.mueller@mueller-maschinenbau.de", "Hauptstraße 12", "10115", "Berlin", "Deutschland", "Messe Hannover, Interesse an Wartungsvertrag"}},
				{line: 3, cells: []string{"Bäckerei Größ KG", "Anna Größ", "Inhaberin", "089 4455667", "anna@baeckerei-groess.de", "Schloßallee 3", "80331", "München", "Deutschland", "Rückruf erwünscht; am besten vormittags\nBudget ca. 15.000 €"},
					raw: "Bäckerei Größ KG;Anna Größ;Inhaberin;089 4455667;anna@baeckerei-groess.de;Schloßallee 3;80331;München;Deutschland;\"Rückruf erwünscht; am besten vormittags\r\nBudget ca. 15.000 €\""},
				{line: 5, cells: []string{"Österreichische Logistik AG", "Dr. Stefan Öztürk", "Einkaufsleiter", "+43 1 5123456", "s.oeztuerk@oelog.at", "Mariahilfer Straße 45", "1060", "Wien", "Österreich", ""}},
				{line: 6, cells: []string{"Weiß & Söhne OHG", "Maria Weiß", "Vertrieb", "0221 987654", "m.weiss@weiss-soehne.de", "Kölner Straße 7", "50667", "Köln", "Deutschland", "„Top-Kunde“ laut Hr. Schäfer"}},
				{line: 7, cells: []string{"Zürcher Präzision AG", "Lukas Brändli", "CTO", "+41 44 1234567", "l.braendli@zpraezision.ch", "Bahnhofstrasse 1", "8001", "Zürich", "Schweiz", ""}},
				{line: 8, cells: []string{"Elektro Schütz e.K.", "Uwe Schütz", "Inhaber", "0351 112233", "info@elektro-schuetz.de", "Königsbrücker Str. 9", "01099", "Dresden", "Deutschland", "PLZ mit führender Null"}},
			},
		},
		{
			// Excel's "Unicode-Text": UTF-16LE with BOM, tabs, CRLF; a cell with a line break, an emoji.
			file: "utf16-tab.txt", enc: UTF16LE, delim: '\t',
			rows: []row{
				{line: 2, cells: []string{"Müller Maschinenbau GmbH", "Jürgen Müller", "Geschäftsführer", "+49 30 1234567", "j.mueller@mueller-maschinenbau.de", "Hauptstraße 12", "10115", "Berlin", "Deutschland", "Messe Hannover; Interesse an Wartung"}},
				{line: 3, cells: []string{"Österreichische Logistik AG", "Dr. Stefan Öztürk", "Einkaufsleiter", "+43 1 5123456", "s.oeztuerk@oelog.at", "Mariahilfer Straße 45", "1060", "Wien", "Österreich", "Zwei Zeilen:\nerst nach Ostern"}},
				{line: 5, cells: []string{"Weiß & Söhne OHG", "Maria Weiß", "Vertrieb", "0221 987654", "m.weiss@weiss-soehne.de", "Kölner Straße 7", "50667", "Köln", "Deutschland", "Sehr freundlich 🙂"}},
			},
		},
		{
			// A hand-edited CRM export (UTF-8, ',', LF). Line by line:
			//   1 header
			//   2 good
			//   3 good, a quoted address with a comma
			//   4 malformed: a quote opens before "Maria Weiß" and never closes
			//     (line 5's quote would close it; the row that makes does not fit)
			//   5 good, read again after line 4
			//   6 malformed: 12 cells
			//   7 good
			//   8 malformed: 4 cells
			//   9 blank
			//  10-11 good, a note over two lines
			//  12 good, a stray quote pair in an unquoted note (lazy quotes)
			file: "broken.csv", enc: UTF8, delim: ',',
			rows: []row{
				{line: 2, cells: []string{"Müller Maschinenbau GmbH", "Jürgen Müller", "Geschäftsführer", "+49 30 1234567", "j.mueller@mueller-maschinenbau.de", "Hauptstraße 12", "10115", "Berlin", "Deutschland", "Messe Hannover"}},
				{line: 3, cells: []string{"Bäckerei Größ KG", "Anna Größ", "Inhaberin", "089 4455667", "anna@baeckerei-groess.de", "Schloßallee 3, Hinterhaus", "80331", "München", "Deutschland", ""}},
				{line: 4, cells: []string{"Weiß & Söhne OHG", "Maria Weiß,Vertrieb,0221 987654,m.weiss@weiss-soehne.de,Kölner Straße 7,50667,Köln,Deutschland,Anführungszeichen nie geschlossen"},
					raw: "Weiß & Söhne OHG,\"Maria Weiß,Vertrieb,0221 987654,m.weiss@weiss-soehne.de,Kölner Straße 7,50667,Köln,Deutschland,Anführungszeichen nie geschlossen", err: ErrUnclosedQuote},
				{line: 5, cells: []string{"Österreichische Logistik AG", "Stefan Öztürk", "Einkaufsleiter", "+43 1 5123456", "s.oeztuerk@oelog.at", "Mariahilfer Straße 45", "1060", "Wien", "Österreich", "Rückruf, nach 14 Uhr"}},
				{line: 6, cells: []string{"Elektro Schütz e.K.", "Uwe Schütz", "Inhaber", "0351 112233", "info@elektro-schuetz.de", "Königsbrücker Str. 9", "01099", "Dresden", "Deutschland", "PLZ mit führender Null", "Extra", "Noch mehr"},
					err: &CellCountError{Cells: 12, Header: 10}},
				{line: 7, cells: []string{"Zürcher Präzision AG", "Lukas Brändli", "CTO", "+41 44 1234567", "l.braendli@zpraezision.ch", "Bahnhofstrasse 1", "8001", "Zürich", "Schweiz", ""}},
				{line: 8, cells: []string{"Schäfer IT-Service", "Tobias Schäfer", "Admin", "030 555666"},
					raw: "Schäfer IT-Service,Tobias Schäfer,Admin,030 555666", err: &CellCountError{Cells: 4, Header: 10}},
				{line: 10, cells: []string{"Krämer Bau GmbH", "Petra Krämer", "Bauleiterin", "0711 334455", "p.kraemer@kraemer-bau.de", "Hafenstraße 2", "70173", "Stuttgart", "Deutschland", "Notiz über\nzwei Zeilen"}},
				{line: 12, cells: []string{"Hofmann & Partner", "Klaus Hofmann", "Partner", "040 778899", "k.hofmann@hofmann-partner.de", "Jungfernstieg 1", "20095", "Hamburg", "Deutschland", "Nennt sich \"Der Chef\" am Telefon"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab, err := Open(fixture(tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer tab.Close()
			ct := tab.(*CSVTable)
			if ct.Encoding() != tt.enc || ct.Delimiter() != tt.delim {
				t.Errorf("read as %s with %q, want %s with %q", ct.Encoding(), ct.Delimiter(), tt.enc, tt.delim)
			}
			if got := tab.Header(); len(got) != len(fixtureHeader) || got[0] != fixtureHeader[0] || got[5] != "Straße" || got[9] != "Notiz" {
				t.Errorf("header %q", got)
			}
			rows := readAll(t, tab)
			checkRows(t, rows, tt.rows)
			if tt.enc == UTF8 {
				text, err := os.ReadFile(fixture(tt.file))
				if err != nil {
					t.Fatal(err)
				}
				checkLinesAccounted(t, string(text), ct, rows)
			}
		})
	}
}
