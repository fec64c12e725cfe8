package mapping

import (
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"leadq/domain"
)

// Seeds live in testdata/fuzz/<target>; the f.Add calls repeat the most
// telling ones so a plain go test runs them even without the files.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-15", "15.03.2026 14:30", "2026-03-15T14:30:00.000Z", "3/15/2026 2:30 PM", "46096,5", "31.02.2026"} {
		f.Add(s)
	}
	loc := time.FixedZone("CET", 3600)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, loc)
		if err != nil || d.IsZero() {
			return
		}
		// What ParseDate read, it reads again from leadq's own export form.
		back, err := ParseDate(exportTime(d), loc)
		if err != nil || !back.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v; its export form %q reads as %v, %v", s, d, exportTime(d), back, err)
		}
	})
}

func FuzzEscapeCell(f *testing.F) {
	for _, s := range []string{"=1+1", "+49 30 123", "-5", "'=x", "\tx", "-2+3+cmd|' /C calc'!A0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeCell(s)
		if startsFormula(e) {
			t.Fatalf("EscapeCell(%q) = %q runs as a formula", s, e)
		}
		if got := UnescapeCell(e); got != s {
			t.Fatalf("UnescapeCell(EscapeCell(%q)) = %q", s, got)
		}
	})
}

// fuzzHeader names every target once, so a row reaches every parser.
var fuzzHeader = strings.Join(LeadqProfile.Header([]string{"x"}), "\t") + "\tStatus\tLead Status\tHasOptedOutOfEmail\tNotiz\tName"

func FuzzLeadRow(f *testing.F) {
	f.Add(fuzzHeader, "1\tDr.\tAnna\tSchmidt\t\tCTO\tanna@acme.de\t+49 30 1234567\t\tAcme\twww.acme.de\tBau\t1.200\t1,5 Mio\tHof 1\t1067\tKöln\tDeutschland\tMesse\tAnna\t\t\tsql\tgood\t\topt-in\t\t15.03.2026\t\t\t3/15/2026\tnote\tv\tWorking - Contacted\tUNQUALIFIED\tja\tn\tSchmidt, Anna")
	f.Add("Name\tE-Mail\tTelefon", "Frau Prof. Dr. Eva Huber\t'=x@y.de\t-")
	f.Add("Vorname\tName\tFirma\tMitarbeiter", "Anna\tSchmidt\t'+Plus\tviele")
	f.Fuzz(func(t *testing.T, header, row string) {
		h := strings.Split(header, "\t")
		m, err := New(h, nil, Options{Location: time.UTC})
		if err != nil {
			t.Fatalf("New(%q): %v", h, err)
		}
		l, _, err := m.Lead(strings.Split(row, "\t"), testNow)
		if err != nil {
			return
		}
		if l.DisplayName() == "" && l.Company.Name == "" && l.Email == "" && l.Phone == "" && l.Mobile == "" {
			t.Fatalf("row %q: a lead nobody can reach: %+v", row, l)
		}
		if l.Email != "" && domain.ValidateEmail(l.Email) != nil || l.Phone != "" && domain.ValidatePhone(l.Phone) != nil ||
			l.Mobile != "" && domain.ValidatePhone(l.Mobile) != nil {
			t.Fatalf("row %q: an invalid email or phone got through: %+v", row, l)
		}
		if c := l.Company.Country; c != "" && (len(c) != 2 || strings.ToUpper(c) != c) {
			t.Fatalf("row %q: country %q is no ISO code", row, c)
		}
		for _, s := range []string{l.Name, l.Company.Name, l.Email, l.Company.Street} {
			if !utf8.ValidString(s) || strings.Contains(s, "\r") || strings.TrimSpace(s) != s {
				t.Fatalf("row %q: text %q is not clean", row, s)
			}
		}
		// Whatever was read, leadq's own export reads back the same.
		var keys []string
		for k := range l.Custom {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		back, err := New(LeadqProfile.Header(keys), nil, Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		l2, _, err := back.Lead(LeadqProfile.Row(l, keys), testNow)
		if err != nil {
			t.Fatalf("row %q: the export of %+v does not read back: %v", row, l, err)
		}
		if d := sameLead(l, l2); len(d) > 0 {
			t.Fatalf("row %q reads back differently:\n  %s", row, strings.Join(d, "\n  "))
		}
	})
}

func FuzzMappingTOML(f *testing.F) {
	for _, h := range []string{
		"Id\tFirstName\tLastName\tCompany\tStatus\tRating",
		"Firma\tFirma\tfirma\tcompany\tFoo\tFoo\tcustom.foo\t\t\t---",
		"Say \"hi\"\tback\\slash\ttwo\nlines\tStraße\t\x01",
		"Vorname\tName\tNotiz\tBemerkung\tLifecycle Stage\tLead Status",
	} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, header string) {
		h := strings.Split(header, "\t")
		m, err := New(h, nil, Options{})
		if err != nil {
			t.Fatalf("New(%q): %v", h, err)
		}
		text := m.TOML()
		mf, err := ParseMapFile([]byte(text))
		if err != nil {
			t.Fatalf("header %q: the printed mapping does not parse: %v\n%s", h, err, text)
		}
		m2, err := New(h, mf, Options{})
		if err != nil {
			t.Fatalf("header %q: the printed mapping does not apply: %v\n%s", h, err, text)
		}
		if m2.System != m.System || strings.Join(targets(m), "\x00") != strings.Join(targets(m2), "\x00") {
			t.Fatalf("header %q: %s %q, then %s %q\n%s", h, m.System, targets(m), m2.System, targets(m2), text)
		}
	})
}
