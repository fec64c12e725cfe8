package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// importFixture copies a file of testdata/import into a temp dir, so its
// rejects file lands there.
func importFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

type importSummary struct {
	Created, Merged, Unchanged, Skipped, Rejected int
	RejectsFile                                   string `json:"rejects_file"`
	System                                        string
}

func importJSON(t *testing.T, args ...string) importSummary {
	t.Helper()
	var s importSummary
	if err := json.Unmarshal([]byte(mustLeadq(t, append([]string{"import", "--json"}, args...)...)), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

type shown struct {
	Name        string            `json:"name"`
	FirstName   string            `json:"first_name"`
	Salutation  string            `json:"salutation"`
	Email       string            `json:"email"`
	Stage       string            `json:"stage"`
	Fit         string            `json:"fit"`
	ExternalIDs map[string]string `json:"external_ids"`
	Custom      map[string]string `json:"custom"`
	Company     struct {
		Name, Country, City, Street string
		Employees                   int
	} `json:"company"`
	Notes []struct {
		Text string `json:"text"`
	} `json:"notes"`
	Consent struct {
		Status string `json:"status"`
	} `json:"consent"`
	Score   int `json:"score"`
	History []struct {
		Kind string `json:"kind"`
		File string `json:"file"`
		Line int    `json:"line"`
	} `json:"history"`
}

func showLead(t *testing.T, db string, id uint64) shown {
	t.Helper()
	var l shown
	if err := json.Unmarshal([]byte(mustLeadq(t, "show", strconv.FormatUint(id, 10), "--json", "--db", db)), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func leadByEmail(t *testing.T, db, email string) shown {
	t.Helper()
	for _, it := range listJSON(t, "--db", db) {
		if strings.EqualFold(it.Email, email) {
			return showLead(t, db, it.ID)
		}
	}
	t.Fatalf("no lead with the email %s", email)
	return shown{}
}

func TestImportSalesforceExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	file := importFixture(t, "salesforce.csv")
	s := importJSON(t, file, "--db", db)
	if s.Created != 5 || s.Rejected != 0 || s.System != "salesforce" {
		t.Fatalf("first import: %+v", s)
	}
	l := leadByEmail(t, db, "j.mueller@mueller-maschinenbau.de")
	if l.Name != "Jürgen Müller" || l.Salutation != "Herr" || l.Company.Country != "DE" || l.Company.Street != "Hauptstraße 12" ||
		l.Company.Employees != 240 || l.ExternalIDs["salesforce"] != "00Q5g00000AbC001" || l.Stage != "sal" ||
		l.Custom["total_time_on_site_c"] != "42" || len(l.Notes) != 1 || !strings.Contains(l.Notes[0].Text, "\nRückruf") {
		t.Fatalf("lead = %+v", l)
	}
	if h := l.History[len(l.History)-1]; h.Kind != "imported" || h.File != "salesforce.csv" || h.Line != 2 {
		t.Fatalf("history = %+v", l.History)
	}
	if l := leadByEmail(t, db, "anna@baeckerei-groess.de"); l.Consent.Status != "withdrawn" {
		t.Errorf("HasOptedOutOfEmail true did not withdraw consent: %+v", l.Consent)
	}
	if l := leadByEmail(t, db, "luca@brunner-software.ch"); l.Stage != "disqualified" || l.Company.Country != "CH" {
		t.Errorf("Closed - Not Converted: %+v", l)
	}
	// Again: nothing changes, and it says so.
	out := mustLeadq(t, "import", file, "--db", db)
	if out != "created 0 · merged 0 · unchanged 5 · rejected 0\n" {
		t.Fatalf("second import printed %q", out)
	}
	// Back out in Salesforce's columns, formulas as text.
	csv := mustLeadq(t, "export", "--profile", "salesforce", "--db", db)
	if !strings.HasPrefix(csv, "\ufeffId,Salutation,FirstName,LastName,") || !strings.Contains(csv, "00Q5g00000AbC003") {
		t.Fatalf("salesforce export:\n%.400s", csv)
	}
	if strings.Contains(csv, ",=HYPERLINK") || !strings.Contains(csv, "'=HYPERLINK") {
		t.Errorf("a formula went out as a formula:\n%s", csv)
	}
}

func TestImportHubSpotExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	s := importJSON(t, importFixture(t, "hubspot.csv"), "--db", db)
	if s.Created != 5 || s.System != "hubspot" {
		t.Fatalf("%+v", s)
	}
	for email, want := range map[string]string{
		"sabine.koch@koch-logistik.de":  "sal",
		"t.becker@becker-automotive.de": "sql",
		"julia@wagner-design.de":        "inquiry",
		"p.hofmann@hofmann-elektro.at":  "opportunity",
		"nina@schulz-consulting.de":     "disqualified",
	} {
		if l := leadByEmail(t, db, email); l.Stage != want {
			t.Errorf("%s: stage %s, want %s", email, l.Stage, want)
		}
	}
	if l := leadByEmail(t, db, "julia@wagner-design.de"); l.ExternalIDs["hubspot"] != "1003" {
		t.Errorf("external ids %v", l.ExternalIDs)
	}
	csv := mustLeadq(t, "export", "--profile", "hubspot", "--db", db)
	if !strings.Contains(csv, "Record ID") || !strings.Contains(csv, "salesqualifiedlead") {
		t.Fatalf("hubspot export:\n%.600s", csv)
	}
}

func TestImportGermanExcelListsAndBrokenFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	if s := importJSON(t, importFixture(t, "excel-de-1252.csv"), "--db", db); s.Created == 0 || s.Rejected != 0 {
		t.Fatalf("windows-1252 ; file: %+v", s)
	}
	l := leadByEmail(t, db, "anna@baeckerei-groess.de")
	if l.Company.Name != "Bäckerei Größ KG" || l.Company.City != "München" || len(l.Notes) != 1 || !strings.Contains(l.Notes[0].Text, "vormittags\nBudget ca. 15.000 €") {
		t.Fatalf("umlauts or the quoted note did not come in: %+v", l)
	}
	if l := leadByEmail(t, db, "s.oeztuerk@oelog.at"); l.Company.Country != "AT" || l.Salutation != "Dr." {
		t.Errorf("Österreich / Dr.: %+v", l)
	}
	// The same people in UTF-16 with tabs merge into the leads they are.
	if s := importJSON(t, importFixture(t, "utf16-tab.txt"), "--db", db); s.Created+s.Merged+s.Unchanged == 0 || s.Rejected != 0 {
		t.Fatalf("utf-16 file: %+v", s)
	}
	// A broken file: the good rows come in, the bad ones go to the rejects file.
	broken := importFixture(t, "broken.csv")
	before := len(listJSON(t, "--db", db))
	s := importJSON(t, broken, "--db", db)
	if s.Rejected != 3 || s.RejectsFile != strings.TrimSuffix(broken, ".csv")+".rejects.csv" {
		t.Fatalf("broken file: %+v", s)
	}
	data, err := os.ReadFile(s.RejectsFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(strings.TrimPrefix(lines[0], "\ufeff"), "line,reason,") || !strings.Contains(lines[2], "has 12 cells where the header has 10") {
		t.Fatalf("rejects file:\n%s", data)
	}
	if after := len(listJSON(t, "--db", db)); after-before != s.Created {
		t.Fatalf("%d leads more, %d created", after-before, s.Created)
	}
	// --strict writes nothing when a row is rejected.
	db2 := filepath.Join(t.TempDir(), "strict.db")
	_, errOut, code := leadq(t, "import", broken, "--strict", "--db", db2)
	if code != 1 || !strings.Contains(errOut, "3 rows could not be read, so nothing was imported") {
		t.Fatalf("strict: exit %d, %q", code, errOut)
	}
	if n, _, _ := leadq(t, "list", "--db", db2); strings.Contains(n, "Müller") {
		t.Fatal("a strict import wrote leads")
	}
}

func TestImportExcelWorkbookAndRoundTrip(t *testing.T) {
	dir := t.TempDir()
	x := excelize.NewFile()
	rows := [][]any{
		{"Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Mitarbeiter", "Umsatz", "Land", "Messe", "Stand-Notiz"},
		{"Jürgen", "Müller", "Müller Bau GmbH", "j@mueller-bau.de", "+49 30 48163277", 240, "1,5 Mio", "Deutschland", "BAU 2027", "Halle 3"},
		{"Eva", "Öz", "Öz Handel", "eva@oez.de", "030 1234567", "12", "50 TEUR", "DE", "BAU 2027", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	book := filepath.Join(dir, "messe.xlsx")
	if err := x.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	mapFile := filepath.Join(dir, "messe.toml")
	if err := os.WriteFile(mapFile, []byte("system = \"bau2027\"\n[columns]\n\"Messe\" = \"source\"\n\"Stand-Notiz\" = \"note\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "leads.db")
	// The dry run prints the mapping as a map file and writes nothing.
	dry := mustLeadq(t, "import", book, "--map", mapFile, "--dry-run", "--db", db)
	for _, want := range []string{`"Messe" = "source"`, `"Vorname" = "first_name"  # automatic`, "would: create 2"} {
		if !strings.Contains(dry, want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry)
		}
	}
	if len(listJSON(t, "--db", db)) != 0 {
		t.Fatal("the dry run wrote leads")
	}
	if s := importJSON(t, book, "--map", mapFile, "--db", db); s.Created != 2 {
		t.Fatalf("%+v", s)
	}
	l := leadByEmail(t, db, "j@mueller-bau.de")
	if l.Company.Employees != 240 || l.Company.Country != "DE" || len(l.Notes) != 1 || l.Notes[0].Text != "Halle 3" {
		t.Fatalf("%+v", l)
	}
	// Out and back into an empty database: the same leads and fields.
	out := filepath.Join(dir, "out.csv")
	mustLeadq(t, "export", "--out", out, "--db", db)
	db2 := filepath.Join(dir, "again.db")
	if s := importJSON(t, out, "--db", db2); s.Created != 2 || s.Rejected != 0 {
		t.Fatalf("%+v", s)
	}
	for _, email := range []string{"j@mueller-bau.de", "eva@oez.de"} {
		a, b := leadByEmail(t, db, email), leadByEmail(t, db2, email)
		a.History, b.History = nil, nil
		aj, _ := json.Marshal(a)
		bj, _ := json.Marshal(b)
		if string(aj) != string(bj) {
			t.Errorf("round trip changed the lead:\n%s\n%s", aj, bj)
		}
	}
	for _, format := range []string{"xlsx", "jsonl"} {
		path := filepath.Join(dir, "out."+format)
		mustLeadq(t, "export", "--format", format, "--out", path, "--db", db)
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s export: %v", format, err)
		}
	}
}

// A scoring rule on an imported custom column scores the imported leads.
func TestRuleOnImportedCustomColumn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	mustLeadq(t, "import", importFixture(t, "hubspot.csv"), "--db", db)
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), `[[scoring.fit]]
name = "came to the webinar"
field = "custom.Webinar Attended"
in = ["Ja"]
points = 40
`)
	fired := 0
	for _, it := range listJSON(t, "--config", cfg, "--db", db) {
		var l struct {
			Custom map[string]string `json:"custom"`
			Rules  []struct {
				Rule   string  `json:"rule"`
				Points float64 `json:"points"`
			} `json:"rules"`
		}
		out := mustLeadq(t, "show", strconv.FormatUint(it.ID, 10), "--json", "--config", cfg, "--db", db)
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatal(err)
		}
		has := slices.ContainsFunc(l.Rules, func(r struct {
			Rule   string  `json:"rule"`
			Points float64 `json:"points"`
		}) bool {
			return r.Rule == "came to the webinar" && r.Points == 40
		})
		if has != (l.Custom["webinar_attended"] == "Ja") {
			t.Errorf("lead %d: rule fired %v with %v", it.ID, has, l.Custom)
		}
		if has {
			fired++
			if it.Score < 40 {
				t.Errorf("lead %d scores %d with a rule of 40 points", it.ID, it.Score)
			}
		}
	}
	if fired != 2 {
		t.Fatalf("the rule fired for %d leads, want the two who came", fired)
	}
}

// leadq's own export imports back into the same leads and changes none of
// them: not a lead that shares another's email (its id says who it is),
// not the notes (the export's one notes cell is the notes already there);
// and the dry run says so too.
func TestOwnExportImportsBackUnchanged(t *testing.T) {
	db := seededDB(t, 60)
	first := listJSON(t, "--db", db)[0]
	twin := strings.TrimSpace(mustLeadq(t, "add", "--salutation", "Frau", "--first-name", "Ulrike", "--last-name", "Zwilling", "--company", "Andere AG", "--email", first.Email, "--db", db))
	out := filepath.Join(t.TempDir(), "all.csv")
	mustLeadq(t, "export", "--out", out, "--db", db)
	shows := map[string]string{}
	ids := []string{twin, fmt.Sprint(first.ID)}
	for _, it := range listJSON(t, "--db", db) {
		ids = append(ids, fmt.Sprint(it.ID))
	}
	for _, id := range ids {
		shows[id] = mustLeadq(t, "show", id, "--json", "--db", db)
	}
	if dry := mustLeadq(t, "import", out, "--dry-run", "--db", db); !strings.Contains(dry, "create 0 · merge 0 · leave 61 unchanged") {
		t.Fatalf("the dry run of leadq's own export:\n%s", dry)
	}
	if got := mustLeadq(t, "import", out, "--db", db); !strings.Contains(got, "created 0 · merged 0 · unchanged 61") {
		t.Fatalf("the import of leadq's own export: %s", got)
	}
	for _, id := range ids {
		if after := mustLeadq(t, "show", id, "--json", "--db", db); after != shows[id] {
			t.Fatalf("lead %s changed in the round trip:\nbefore %s\nafter  %s", id, shows[id], after)
		}
	}
}

// The rejects file comes back the way the file came: its delimiter (a
// German Excel opens it in columns), the line and reason first, and a cell
// that would run as a formula written as text.
func TestRejectsFileIsWrittenTheWayTheFileCame(t *testing.T) {
	dir := t.TempDir()
	src := writeFile(t, filepath.Join(dir, "messe.csv"), "Vorname;Nachname;Firma;E-Mail;Notiz\r\n"+
		"Anna;Schmidt;Schmidt KG;anna@schmidt.de;gut\r\n"+
		"Ben;Roth;Roth AG;ben@@roth;=HYPERLINK(\"http://evil.example\")\r\n")
	db := filepath.Join(dir, "leads.db")
	mustLeadq(t, "import", src, "--db", db)
	data, err := os.ReadFile(filepath.Join(dir, "messe.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "line;reason;Vorname;Nachname") ||
		!strings.HasPrefix(lines[1], "3;") || !strings.Contains(lines[1], "\"'=HYPERLINK(") {
		t.Fatalf("rejects file:\n%s", data)
	}
}

// export --out - writes to stdout, as - means for every other tool.
func TestExportToDashIsStdout(t *testing.T) {
	db := seededDB(t, 5)
	dir := t.TempDir()
	t.Chdir(dir)
	out := mustLeadq(t, "export", "--out", "-", "--db", db)
	if !strings.Contains(out, "first_name") || strings.Count(out, "\r\n") != 6 {
		t.Fatalf("export --out - printed %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Fatal("export --out - wrote a file named -")
	}
}
