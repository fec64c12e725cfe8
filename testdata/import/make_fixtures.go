//go:build ignore

// make_fixtures writes the import fixtures: files as a German sales team gets
// them from Excel and CRMs, each with its own encoding and its own flaws. The
// tests in store/tabular document, line by line, what each file holds.
//
//	go run testdata/import/make_fixtures.go testdata/import
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const header = "Firma;Ansprechpartner;Position;Telefon;E-Mail;Straße;PLZ;Ort;Land;Notiz"

// excelDE is what German Excel's "CSV (Trennzeichen-getrennt)" writes: Windows-1252, ';', CRLF.
var excelDE = []string{
	header,
	"Müller Maschinenbau GmbH;Jürgen Müller;Geschäftsführer;+49 30 1234567;j.mueller@mueller-maschinenbau.de;Hauptstraße 12;10115;Berlin;Deutschland;Messe Hannover, Interesse an Wartungsvertrag",
	"Bäckerei Größ KG;Anna Größ;Inhaberin;089 4455667;anna@baeckerei-groess.de;Schloßallee 3;80331;München;Deutschland;\"Rückruf erwünscht; am besten vormittags\r\nBudget ca. 15.000 €\"",
	"Österreichische Logistik AG;Dr. Stefan Öztürk;Einkaufsleiter;+43 1 5123456;s.oeztuerk@oelog.at;Mariahilfer Straße 45;1060;Wien;Österreich;",
	"Weiß & Söhne OHG;Maria Weiß;Vertrieb;0221 987654;m.weiss@weiss-soehne.de;Kölner Straße 7;50667;Köln;Deutschland;„Top-Kunde“ laut Hr. Schäfer",
	"Zürcher Präzision AG;Lukas Brändli;CTO;+41 44 1234567;l.braendli@zpraezision.ch;Bahnhofstrasse 1;8001;Zürich;Schweiz;",
	"Elektro Schütz e.K.;Uwe Schütz;Inhaber;0351 112233;info@elektro-schuetz.de;Königsbrücker Str. 9;01099;Dresden;Deutschland;PLZ mit führender Null",
}

// unicodeText is Excel's "Unicode-Text": UTF-16LE with BOM, tab-separated, CRLF.
var unicodeText = []string{
	strings.ReplaceAll(header, ";", "\t"),
	"Müller Maschinenbau GmbH\tJürgen Müller\tGeschäftsführer\t+49 30 1234567\tj.mueller@mueller-maschinenbau.de\tHauptstraße 12\t10115\tBerlin\tDeutschland\tMesse Hannover; Interesse an Wartung",
	"Österreichische Logistik AG\tDr. Stefan Öztürk\tEinkaufsleiter\t+43 1 5123456\ts.oeztuerk@oelog.at\tMariahilfer Straße 45\t1060\tWien\tÖsterreich\t\"Zwei Zeilen:\nerst nach Ostern\"",
	"Weiß & Söhne OHG\tMaria Weiß\tVertrieb\t0221 987654\tm.weiss@weiss-soehne.de\tKölner Straße 7\t50667\tKöln\tDeutschland\tSehr freundlich 🙂",
}

// broken is a CRM export (UTF-8, ',', LF) that someone edited by hand.
var broken = []string{
	/* 1 */ strings.ReplaceAll(header, ";", ","),
	/* 2 */ "Müller Maschinenbau GmbH,Jürgen Müller,Geschäftsführer,+49 30 1234567,j.mueller@mueller-maschinenbau.de,Hauptstraße 12,10115,Berlin,Deutschland,Messe Hannover",
	/* 3 */ "Bäckerei Größ KG,Anna Größ,Inhaberin,089 4455667,anna@baeckerei-groess.de,\"Schloßallee 3, Hinterhaus\",80331,München,Deutschland,",
	/* 4 */ "Weiß & Söhne OHG,\"Maria Weiß,Vertrieb,0221 987654,m.weiss@weiss-soehne.de,Kölner Straße 7,50667,Köln,Deutschland,Anführungszeichen nie geschlossen",
	/* 5 */ "Österreichische Logistik AG,Stefan Öztürk,Einkaufsleiter,+43 1 5123456,s.oeztuerk@oelog.at,Mariahilfer Straße 45,1060,Wien,Österreich,\"Rückruf, nach 14 Uhr\"",
	/* 6 */ "Elektro Schütz e.K.,Uwe Schütz,Inhaber,0351 112233,info@elektro-schuetz.de,Königsbrücker Str. 9,01099,Dresden,Deutschland,PLZ mit führender Null,Extra,Noch mehr",
	/* 7 */ "Zürcher Präzision AG,Lukas Brändli,CTO,+41 44 1234567,l.braendli@zpraezision.ch,Bahnhofstrasse 1,8001,Zürich,Schweiz,",
	/* 8 */ "Schäfer IT-Service,Tobias Schäfer,Admin,030 555666",
	/* 9 */ "",
	/* 10 */ "Krämer Bau GmbH,Petra Krämer,Bauleiterin,0711 334455,p.kraemer@kraemer-bau.de,Hafenstraße 2,70173,Stuttgart,Deutschland,\"Notiz über",
	/* 11 */ "zwei Zeilen\"",
	/* 12 */ "Hofmann & Partner,Klaus Hofmann,Partner,040 778899,k.hofmann@hofmann-partner.de,Jungfernstieg 1,20095,Hamburg,Deutschland,Nennt sich \"Der Chef\" am Telefon",
}

func main() {
	dir := os.Args[1]
	cp1252, err := charmap.Windows1252.NewEncoder().String(strings.Join(excelDE, "\r\n") + "\r\n")
	check(err)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.Join(unicodeText, "\r\n") + "\r\n")
	check(err)
	check(os.WriteFile(filepath.Join(dir, "excel-de-1252.csv"), []byte(cp1252), 0o644))
	check(os.WriteFile(filepath.Join(dir, "utf16-tab.txt"), []byte(utf16), 0o644))
	check(os.WriteFile(filepath.Join(dir, "broken.csv"), []byte(strings.Join(broken, "\n")+"\n"), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
