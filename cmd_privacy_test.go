package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadq/domain"
	"leadq/store"
)

// addPerson adds a lead by the CLI and gives it consent, a note, a custom
// field and a plan through the store, as the queue would.
func addPerson(t *testing.T, db, name, email string) string {
	t.Helper()
	id := strings.TrimSpace(mustLeadq(t, "add", "--name", name, "--company", "Privat & Co. KG", "--email", email,
		"--phone", "0221 4711 0815", "--city", "Köln", "--postal-code", "50667", "--db", db))
	s, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n uint64
	for _, c := range id {
		n = n*10 + uint64(c-'0')
	}
	if _, err := s.Update(n, func(l *domain.Lead) error {
		l.Consent = domain.Consent{Status: domain.ConsentDoubleOptIn, Source: "Messe Köln", Date: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
		l.Notes = append(l.Notes, domain.Note{Kind: domain.NoteKind(0), Text: "Notiz über " + name, Created: time.Now()})
		l.Custom = map[string]string{"lieblingsfarbe": "grün"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestExportPersonHasEverythingStored(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	id := addPerson(t, db, "Hanna Auskunft", "hanna.auskunft@example.de")
	var got struct {
		Consent struct {
			Status, Label, Source string
			Date                  *time.Time
			DoubleOptIn           bool `json:"double_opt_in"`
		}
		Lead struct {
			ID      uint64
			Email   string
			Custom  map[string]string
			Notes   []map[string]any
			History []map[string]any
		}
	}
	out := mustLeadq(t, "export-person", id, "--db", db)
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	c := got.Consent
	if c.Status != "double-opt-in" || c.Source != "Messe Köln" || c.Date == nil || c.Date.Format("2006-01-02") != "2026-03-04" || !c.DoubleOptIn {
		t.Errorf("consent %+v", c)
	}
	l := got.Lead
	if l.Email != "hanna.auskunft@example.de" || l.Custom["lieblingsfarbe"] != "grün" || len(l.Notes) != 1 || len(l.History) < 1 {
		t.Errorf("lead %+v", l)
	}
	// To a file: readable by the rep only, the same content.
	file := filepath.Join(t.TempDir(), "auskunft.json")
	_, errOut, code := leadq(t, "export-person", id, "--out", file, "--db", db)
	if code != 0 || !strings.Contains(errOut, file) {
		t.Fatalf("export-person --out: %d %q", code, errOut)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the file: %v %v", fi, err)
	}
	if _, errOut, code := leadq(t, "export-person", "999", "--db", db); code != 1 || !strings.Contains(errOut, "there is no lead 999") {
		t.Errorf("an unknown id: %d %q", code, errOut)
	}
}

func countIn(t *testing.T, path, needle string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte(needle))
}

// The README's promise: an edit leaves the old email in the file until
// compaction; leadq compact removes it.
func TestCompactRemovesTheOldEmail(t *testing.T) {
	db := seededDB(t, 300)
	id := addPerson(t, db, "Ida Umzug", "ida.alt@example.de")
	s, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		t.Fatal(err)
	}
	var n uint64
	for _, c := range id {
		n = n*10 + uint64(c-'0')
	}
	if _, err := s.Update(n, func(l *domain.Lead) error { l.Email = "ida.neu@example.de"; return nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := countIn(t, db, "ida.alt@example.de")
	if before == 0 {
		t.Fatal("the old email is not in the file after the edit: nothing to prove")
	}
	fi, _ := os.Stat(db)
	out := mustLeadq(t, "compact", "--db", db)
	fa, _ := os.Stat(db)
	t.Logf("%s(old email found %d times before; file %d → %d bytes)", out, before, fi.Size(), fa.Size())
	if n := countIn(t, db, "ida.alt@example.de"); n != 0 {
		t.Fatalf("the old email is in the file %d times after compact", n)
	}
	if !strings.HasPrefix(out, "compacted "+db) {
		t.Errorf("compact printed %q", out)
	}
	mustLeadq(t, "check", "--db", db)
	if got := listJSON(t, "--db", db); len(got) != 301 {
		t.Fatalf("%d leads after compact", len(got))
	}
}

func TestBackupListRestore(t *testing.T) {
	db := seededDB(t, 50)
	out := mustLeadq(t, "backup", "--db", db)
	if !strings.Contains(out, "backed up 50 leads to "+filepath.Join(filepath.Dir(db), "backups")) {
		t.Fatalf("backup printed %q", out)
	}
	addPerson(t, db, "Jan Danach", "jan.danach@example.de")
	list := mustLeadq(t, "backups", "--db", db)
	if !strings.Contains(list, "      50  ok") {
		t.Fatalf("backups:\n%s", list)
	}
	var items []struct {
		Path     string
		Leads    int
		Verified bool
	}
	if err := json.Unmarshal([]byte(mustLeadq(t, "backups", "--json", "--db", db)), &items); err != nil || len(items) != 1 || !items[0].Verified {
		t.Fatalf("backups --json: %+v %v", items, err)
	}
	// Without a terminal restore asks for --yes and changes nothing.
	if _, errOut, code := leadq(t, "restore", items[0].Path, "--db", db); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("restore without --yes: %d %q", code, errOut)
	}
	if got := listJSON(t, "--db", db); len(got) != 51 {
		t.Fatalf("%d leads after a refused restore", len(got))
	}
	out = mustLeadq(t, "restore", "--yes", items[0].Path, "--db", db)
	if !strings.Contains(out, db+".before-restore") {
		t.Fatalf("restore printed %q", out)
	}
	if got := listJSON(t, "--db", db); len(got) != 50 {
		t.Fatalf("%d leads after restore, want the backup's 50", len(got))
	}
	if got := listJSON(t, "--db", db+".before-restore"); len(got) != 51 {
		t.Fatalf("the kept file holds %d leads, want 51", len(got))
	}
	// A backup into a place that cannot be written is one line, the database untouched.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o600)
	_, errOut, code := leadq(t, "backup", filepath.Join(blocker, "b.db"), "--db", db)
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "the backup to") {
		t.Fatalf("backup into an unwritable place: %d %q", code, errOut)
	}
}

func TestLoosePermissionsAreNamedWithTheirFix(t *testing.T) {
	db := seededDB(t, 5)
	mustLeadq(t, "backup", "--db", db)
	dir := filepath.Join(filepath.Dir(db), "backups")
	os.Chmod(db, 0o644)
	os.Chmod(dir, 0o755)
	_, errOut, code := leadq(t, "backups", "--db", db)
	if code != 0 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "chmod 600 "+db) || !strings.Contains(errOut, "chmod 700 "+dir) {
		t.Fatalf("backups with loose permissions: %d %q", code, errOut)
	}
	os.Chmod(db, 0o600)
	os.Chmod(dir, 0o700)
	if _, errOut, _ := leadq(t, "backups", "--db", db); errOut != "" {
		t.Fatalf("a warning with tight permissions: %q", errOut)
	}
}

// The grep proof on real files: after forget a unique email is in none of
// the database, its backups and the migration's .v1.
func TestForgetLeavesTheEmailNowhere(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "schema1", "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "leads.db")
	os.WriteFile(db, data, 0o600)
	mustLeadq(t, "list", "--db", db) // migrates: the schema-1 file stays as .v1
	var lead struct {
		ID    uint64
		Email string
	}
	json.Unmarshal([]byte(mustLeadq(t, "show", "3", "--json", "--db", db)), &lead)
	email := lead.Email
	mustLeadq(t, "backup", "--db", db)
	id := addPerson(t, db, "Lena Einmalig", "lena.einmalig.0815@example.de")
	mustLeadq(t, "backup", "--db", db)
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
	files = append(files, db, db+".v1")
	if len(files) != 4 || countIn(t, db+".v1", email) == 0 || countIn(t, files[0], "lena.einmalig.0815")+countIn(t, files[1], "lena.einmalig.0815") == 0 {
		t.Fatalf("the files %v do not hold them before: nothing to prove", files)
	}
	if _, errOut, code := leadq(t, "forget", id, "--db", db); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("forget without --yes: %d %q", code, errOut)
	}
	out := mustLeadq(t, "forget", "--yes", id, "--email", strings.ToUpper(email), "--db", db)
	for _, want := range []string{"forgot lead " + id + " (Lena Einmalig", "forgot lead 3 ", "rewrote without them: " + db + ".v1", "keyed hash", "exports"} {
		if !strings.Contains(out, want) {
			t.Errorf("forget does not say %q:\n%s", want, out)
		}
	}
	for _, f := range files {
		if n := countIn(t, f, "lena.einmalig.0815") + countIn(t, f, email); n != 0 {
			t.Errorf("%s still holds them %d times", f, n)
		}
	}
	mustLeadq(t, "check", "--db", db)
	if list := mustLeadq(t, "backups", "--db", db); strings.Count(list, " ok ") != 2 {
		t.Errorf("the rewritten backups do not check out:\n%s", list)
	}
	_, errOut, code := leadq(t, "add", "--name", "Lena Wieder", "--company", "X", "--email", "Lena.Einmalig.0815@example.de", "--db", db)
	if code != 1 || !strings.Contains(errOut, "erased on "+time.Now().Format("2006-01-02")+" at their request") {
		t.Fatalf("adding them again: %d %q", code, errOut)
	}
	if _, errOut, code := leadq(t, "forget", "--yes", "999", "--db", db); code != 1 || !strings.Contains(errOut, "there is no lead 999") {
		t.Fatalf("forget of an unknown id: %d %q", code, errOut)
	}
}

// A person erased at their request cannot come back by accident: add and
// import refuse them, and take them in only with --allow-erased.
func TestErasedPersonComesBackOnlyWhenAllowed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	id := strings.TrimSpace(mustLeadq(t, "add", "--name", "Eva Weg", "--company", "Fort GmbH", "--email", "eva.weg@fort.example", "--db", db))
	mustLeadq(t, "forget", id, "--yes", "--db", db)
	_, errOut, code := leadq(t, "add", "--name", "Eva Weg", "--company", "Fort GmbH", "--email", "eva.weg@fort.example", "--db", db)
	if code != 1 || !strings.Contains(errOut, "at their request") {
		t.Fatalf("add of an erased person: exit %d, %q", code, errOut)
	}
	csv := writeFile(t, filepath.Join(t.TempDir(), "back.csv"), "Name,Company,Email\nEva Weg,Fort GmbH,eva.weg@fort.example\n")
	if dry := mustLeadq(t, "import", csv, "--dry-run", "--db", db); !strings.Contains(dry, "create 0 · merge 0 · leave 0 unchanged · skip 0 · leave out 1 erased at their request") {
		t.Fatalf("the dry run does not say the erased person is left out:\n%s", dry)
	}
	if _, errOut, code := leadq(t, "import", csv, "--db", db); code != 1 || !strings.Contains(errOut, "erased") {
		t.Fatalf("import of an erased person: exit %d, %q", code, errOut)
	}
	mustLeadq(t, "add", "--name", "Eva Weg", "--company", "Fort GmbH", "--email", "eva.weg@fort.example", "--allow-erased", "--db", db)
	mustLeadq(t, "import", csv, "--allow-erased", "--on-duplicate", "new", "--db", db)
	if n := len(listJSON(t, "--db", db)); n != 2 {
		t.Fatalf("%d leads after adding and importing with --allow-erased, want 2", n)
	}
}
