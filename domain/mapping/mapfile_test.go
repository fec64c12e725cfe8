package mapping

import (
	"errors"
	"strings"
	"testing"
)

const messeMap = `# Messe-Export der Hannover Messe
system = "Messe 2026"

[columns]
"Kontakt-ID" = "external_id"
"Messe" = "source"
"Stand-Notiz" = "note"
"Interesse" = "Custom.Interesse"
"Intern" = "ignore"
`

func TestParseMapFile(t *testing.T) {
	mf, err := ParseMapFile([]byte(messeMap))
	if err != nil {
		t.Fatal(err)
	}
	if mf.System != "messe_2026" {
		t.Errorf("system %q, want messe_2026", mf.System)
	}
	want := []MapEntry{
		{"Kontakt-ID", "external_id", 5}, {"Messe", "source", 6}, {"Stand-Notiz", "note", 7},
		{"Interesse", "custom.interesse", 8}, {"Intern", "ignore", 9},
	}
	if len(mf.Columns) != len(want) {
		t.Fatalf("entries %+v, want %+v", mf.Columns, want)
	}
	for i, e := range mf.Columns {
		if e != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, e, want[i])
		}
	}
}

func TestParseMapFileForms(t *testing.T) {
	// Dotted keys, inline tables and literal strings are TOML too; lines still count.
	src := "system = '''\nmesse'''\ncolumns.'E-Mail' = \"email\"\ncolumns.\"Firma\" = 'company'\n"
	mf, err := ParseMapFile([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if mf.System != "messe" || len(mf.Columns) != 2 || mf.Columns[0] != (MapEntry{"E-Mail", "email", 3}) || mf.Columns[1] != (MapEntry{"Firma", "company", 4}) {
		t.Errorf("got %+v", mf)
	}
	mf, err = ParseMapFile([]byte("columns = { \"A\" = \"email\", B = \"note\" }\n"))
	if err != nil || len(mf.Columns) != 2 || mf.Columns[0].Header != "A" || mf.Columns[1].Line != 1 {
		t.Errorf("inline table: %+v, %v", mf, err)
	}
}

func TestParseMapFileErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // one per error, in line order
	}{
		{"unknown target", "[columns]\nEmail = \"email\"\nMesse = \"sauce\"\n",
			[]string{`map file line 3: Messe = "sauce" is not a field: use one of name, first_name, last_name,`}},
		{"quoted header", "[columns]\n\n\"Stand Nr.\" = \"stand\"\n",
			[]string{`map file line 3: "Stand Nr." = "stand" is not a field`}},
		{"empty custom key", "[columns]\nX = \"custom.\"\n", []string{`map file line 2: X = "custom." names no custom field`}},
		{"not a string", "[columns]\nX = 3\n", []string{`map file line 2: X must be a field name in quotes`}},
		{"unknown key", "sytem = \"x\"\n[columns]\n", []string{`map file line 1: sytem is not a key of a map file`}},
		{"columns not a table", "columns = 1\n", []string{`map file line 1: columns must be a table`}},
		{"system not a string", "system = true\n", []string{`map file line 1: system must be a name in quotes`}},
		{"system without letters", "system = \"--\"\n", []string{`map file line 1: system = "--" names no system`}},
		{"syntax", "[columns]\nEmail = \"email\n", []string{`map file line 2: `}},
		{"duplicate key", "[columns]\nA = \"email\"\nA = \"phone\"\n", []string{`map file line 3: `}},
		{"lines past arrays and multi-line strings", "system = \"\"\"\nmesse\n\"\"\"\nx = [1, [\"a]\", 'b'],\n  { y = \"}\" }]\n[columns]\n'Stand' = 'email'\nMesse = \"sauce\"\n",
			[]string{`map file line 4: x is not a key of a map file`, `map file line 8: Messe = "sauce"`}},
		{"several, in line order", "[columns]\nB = \"nope\"\nA = 1\nC = \"email\"\nD = \"sauce\"\n", []string{
			`map file line 2: B = "nope"`, `map file line 3: A must be`, `map file line 5: D = "sauce"`}},
	}
	for _, c := range cases {
		_, err := ParseMapFile([]byte(c.src))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(c.want) {
			t.Errorf("%s: %d errors, want %d:\n%v", c.name, len(lines), len(c.want), err)
			continue
		}
		for i, w := range c.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: error %q, want it to start %q", c.name, lines[i], w)
			}
		}
		var mfe *MapFileError
		if !errors.As(err, &mfe) || mfe.Line == 0 {
			t.Errorf("%s: %v is no *MapFileError with a line", c.name, err)
		}
	}
}

func TestMapFileOverridesAndCompletes(t *testing.T) {
	mf, err := ParseMapFile([]byte(messeMap))
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"Kontakt-ID", "Vorname", "Nachname", "Firma", "E-Mail", "Messe", "Quelle", "Stand-Notiz", "Interesse", "Intern"}
	m := mustNew(t, header, mf, Options{})
	want := []struct {
		target string
		origin Origin
	}{
		{"external_id", FromMap}, {"first_name", Automatic}, {"last_name", Automatic}, {"company", Automatic},
		{"email", Automatic}, {"source", FromMap}, {"custom.quelle", Taken}, {"note", FromMap},
		{"custom.interesse", FromMap}, {"ignore", FromMap},
	}
	for i, c := range m.Columns {
		if c.Target != want[i].target || c.Origin != want[i].origin {
			t.Errorf("%q → %q (%v), want %q (%v)", c.Header, c.Target, c.Origin, want[i].target, want[i].origin)
		}
	}
	if m.System != "messe_2026" {
		t.Errorf("system %q, want the map file's", m.System)
	}
	l, _, err := m.Lead([]string{"K-17", "Anna", "Schmidt", "Acme GmbH", "anna@acme.de", "Hannover Messe", "Website", "Halle 3", "Robotik", "geheim"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if l.ExternalIDs["messe_2026"] != "K-17" || l.Source != "Hannover Messe" || l.Custom["interesse"] != "Robotik" ||
		l.Custom["quelle"] != "Website" || len(l.Notes) != 1 || l.Notes[0].Text != "Halle 3" || len(l.Custom) != 2 {
		t.Errorf("lead %+v", l)
	}
}

func TestMapFileMatchesFoldedHeaders(t *testing.T) {
	mf, err := ParseMapFile([]byte("[columns]\n\"e-mail\" = \"custom.privat\"\n\"Firma\" = \"company\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	// "Firma" matches exactly, so the folded "FIRMA" is left to the automatic mapping.
	m := mustNew(t, []string{"E-Mail", "Firma", "FIRMA"}, mf, Options{})
	if got := strings.Join(targets(m), " "); got != "custom.privat company custom.firma" {
		t.Errorf("targets %q", got)
	}
}

func TestMapFileHeaderNotInFile(t *testing.T) {
	mf, err := ParseMapFile([]byte("[columns]\nEmail = \"email\"\n\"Kontakt-ID\" = \"external_id\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New([]string{"Email", "Firma"}, mf, Options{})
	var mfe *MapFileError
	if !errors.As(err, &mfe) || mfe.Line != 3 || mfe.Key != "Kontakt-ID" {
		t.Fatalf("error %v, want one for line 3, Kontakt-ID", err)
	}
	if want := `map file line 3: Kontakt-ID is not a column of the file: its columns are "Email", "Firma"`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestMapFileTwoKeysOneTarget(t *testing.T) {
	mf, err := ParseMapFile([]byte("[columns]\nA = \"email\"\nB = \"email\"\nC = \"note\"\nD = \"note\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New([]string{"A", "B", "C", "D"}, mf, Options{})
	if err == nil || err.Error() != `map file line 3: B = "email": email is already the target of A (line 2)` {
		t.Errorf("error %v", err)
	}
}

// roundTrip checks that the printed mapping reads back into the same one.
func roundTrip(t *testing.T, header []string, mf *MapFile, opt Options) {
	t.Helper()
	m, err := New(header, mf, opt)
	if err != nil {
		t.Fatalf("New(%q): %v", header, err)
	}
	text := m.TOML()
	back, err := ParseMapFile([]byte(text))
	if err != nil {
		t.Fatalf("header %q: the printed mapping does not parse: %v\n%s", header, err, text)
	}
	m2, err := New(header, back, Options{})
	if err != nil {
		t.Fatalf("header %q: the printed mapping does not apply: %v\n%s", header, err, text)
	}
	if m2.System != m.System {
		t.Errorf("header %q: system %q, then %q", header, m.System, m2.System)
	}
	if a, b := targets(m), targets(m2); strings.Join(a, "\x00") != strings.Join(b, "\x00") {
		t.Errorf("header %q: targets\n%q, then\n%q\n%s", header, a, b, text)
	}
	if m.splitName != m2.splitName || m.noteColumns != m2.noteColumns {
		t.Errorf("header %q: name splitting or note columns differ", header)
	}
	if m2.TOML() == "" || strings.Contains(m2.TOML(), "# automatic\n") {
		t.Errorf("header %q: the read-back mapping still says automatic:\n%s", header, m2.TOML())
	}
}

func TestTOMLRoundTrip(t *testing.T) {
	headers := [][]string{
		{"Id", "FirstName", "LastName", "Company", "Email", "Status", "Rating", "HasOptedOutOfEmail", "DoNotCall"},
		{"Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status", "Total Time on Site (min)"},
		{"Vorname", "Name", "Firma", "Unternehmen", "E-Mail", "PLZ", "Ort", "Notiz", "Bemerkung"},
		{"Firma", "Firma", "firma", "company", "Foo", "Foo", "custom.foo", "", "", "---"},
		{`Say "hi"`, `back\slash`, "two\nlines", "tab\there", "Straße", "日本語", "emoji 🙂", "\x01ctl", "custom.", "\xff\xfe bad"},
		LeadqProfile.Header([]string{"crm_id", "messestand"}),
		SalesforceProfile.Header([]string{"rating"}),
		HubSpotProfile.Header(nil),
		{},
	}
	for _, h := range headers {
		roundTrip(t, h, nil, Options{})
	}
	mf, err := ParseMapFile([]byte(messeMap))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, []string{"Kontakt-ID", "Messe", "Quelle", "Stand-Notiz", "Interesse", "Intern", "E-Mail"}, mf, Options{})
	roundTrip(t, []string{"Id", "LastName", "Company"}, nil, Options{System: "Mein CRM"})
}

func TestTOMLFormat(t *testing.T) {
	mf, err := ParseMapFile([]byte("[columns]\n\"Messe\" = \"source\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := mustNew(t, []string{"Messe", "E-Mail", "Quelle", "Quelle", "Größe (cm)", ""}, mf, Options{})
	want := `system = "file"  # automatic

[columns]
"Messe" = "source"
"E-Mail" = "email"  # automatic
"Quelle" = "custom.quelle"  # kept as a custom field: source is taken by column 1 ("Messe")
# column 4, "Quelle" again, = "custom.quelle_2": kept as a custom field: source is taken by column 1 ("Messe")
"Größe (cm)" = "custom.groesse_cm"  # kept as a custom field
"" = "ignore"  # empty header: ignored
`
	got := m.TOML()
	if !strings.HasPrefix(got, "# leadq column mapping") || !strings.HasSuffix(got, want) {
		t.Errorf("TOML:\n%s\nwant it to end with:\n%s", got, want)
	}
}

func TestMapFileErrorListsAFewColumns(t *testing.T) {
	mf, err := ParseMapFile([]byte("[columns]\nNope = \"email\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	header := LeadqProfile.Header(nil)
	_, err = New(header, mf, Options{})
	if err == nil || !strings.Contains(err.Error(), `"id", "salutation"`) || !strings.Contains(err.Error(), "and 20 more") {
		t.Errorf("error %v", err)
	}
}
