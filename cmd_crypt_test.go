package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"leadq/domain"
	"leadq/store"
)

// fastKDF keeps the tests quick; the parameters travel with the key.
var fastKDF = []string{"--kdf-time", "1", "--kdf-memory", "1"}

func passFile(t *testing.T, pass string) string {
	t.Helper()
	return writeFile(t, filepath.Join(t.TempDir(), "pass"), pass+"\n")
}

// showAll is every lead of db as show --json prints it.
func showAll(t *testing.T, db string, n int, extra ...string) []string {
	t.Helper()
	var out []string
	for id := 1; id <= n; id++ {
		out = append(out, mustLeadq(t, append([]string{"show", strconv.Itoa(id), "--json", "--db", db}, extra...)...))
	}
	return out
}

// personal is the text of a lead that must not be in an encrypted file:
// every name, email, phone, company, note and remark of at least eight
// bytes (a shorter one could turn up in random bytes by chance).
func personal(t *testing.T, shown string) []string {
	t.Helper()
	var l struct {
		Name, Email, Phone, Mobile string
		Company                    struct{ Name, Website, Street string }
		Notes                      []struct{ Text string }
		History                    []struct{ Text, Note string }
	}
	if err := json.Unmarshal([]byte(shown), &l); err != nil {
		t.Fatal(err)
	}
	var out []string
	add := func(s string) {
		if len(s) >= 8 {
			out = append(out, s)
		}
	}
	add(l.Name)
	add(l.Email)
	add(strings.ReplaceAll(l.Phone, " ", ""))
	add(l.Phone)
	add(l.Mobile)
	add(l.Company.Name)
	add(l.Company.Website)
	add(l.Company.Street)
	for _, n := range l.Notes {
		add(n.Text)
	}
	for _, e := range l.History {
		add(e.Text)
		add(e.Note)
	}
	return out
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	const n = 60
	db := seededDB(t, n)
	dir := filepath.Dir(db)
	before := showAll(t, db, n)
	listBefore := mustLeadq(t, "list", "--json", "--db", db)
	mustLeadq(t, "backup", "--db", db)
	pf := passFile(t, "Kölner Dom 1248")
	out := mustLeadq(t, append([]string{"encrypt", "--yes", "--passphrase-file", pf, "--db", db}, fastKDF...)...)
	if !strings.Contains(out, "encrypted "+db+": 60 leads") || !strings.Contains(out, "encrypted: "+filepath.Join(dir, "backups")) {
		t.Fatalf("encrypt printed %q", out)
	}
	mustLeadq(t, "backup", "--db", db, "--passphrase-file", pf)
	var listed []struct{ Encrypted, Verified bool }
	if err := json.Unmarshal([]byte(mustLeadq(t, "backups", "--json", "--db", db, "--passphrase-file", pf)), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 2 || !listed[0].Encrypted || !listed[1].Encrypted || !listed[0].Verified || !listed[1].Verified {
		t.Fatalf("backups after encrypt: %+v", listed)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "*.db"))
	if len(backups) != 2 {
		t.Fatalf("backups %v", backups)
	}
	// Nothing personal is readable in the database or its backups.
	var words []string
	for _, s := range before {
		words = append(words, personal(t, s)...)
	}
	if len(words) < 3*n {
		t.Fatalf("only %d strings to look for", len(words))
	}
	for _, f := range append([]string{db}, backups...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if c := bytes.Count(data, []byte(w)); c > 0 {
				t.Errorf("%s holds %q %d times", filepath.Base(f), w, c)
			}
		}
	}
	// Without the passphrase: one line that says what to do.
	_, errOut, code := leadq(t, "show", "1", "--db", db)
	want := "leadq: " + db + ": this database is encrypted: give the passphrase (prompt, --passphrase-file, LEADQ_PASSPHRASE_COMMAND)\n"
	if code != 1 || errOut != want {
		t.Fatalf("without a passphrase: exit %d, %q", code, errOut)
	}
	_, errOut, code = leadq(t, "list", "--db", db, "--passphrase-file", passFile(t, "Kölner Dom 1249"))
	if code != 1 || errOut != "leadq: "+db+": the passphrase is wrong: the database stays locked\n" {
		t.Fatalf("a wrong passphrase: exit %d, %q", code, errOut)
	}
	// The command gives it too; everything reads as before.
	t.Setenv("LEADQ_PASSPHRASE_COMMAND", "printf 'Kölner Dom 1248\\nmore'")
	if got := showAll(t, db, n); strings.Join(got, "") != strings.Join(before, "") {
		t.Fatal("show --json of the encrypted database differs")
	}
	if got := mustLeadq(t, "list", "--json", "--db", db); got != listBefore {
		t.Fatal("list --json of the encrypted database differs")
	}
	if out := mustLeadq(t, "check", "--db", db); !strings.Contains(out, "ok: 60 leads") {
		t.Fatalf("check: %q", out)
	}
	for _, b := range backups {
		if out := mustLeadq(t, "check", "--db", b); !strings.Contains(out, "ok: 60 leads") {
			t.Fatalf("check of %s: %q", b, out)
		}
	}
	out = mustLeadq(t, "decrypt", "--yes", "--db", db)
	if !strings.Contains(out, "decrypted "+db+": 60 leads") {
		t.Fatalf("decrypt printed %q", out)
	}
	t.Setenv("LEADQ_PASSPHRASE_COMMAND", "")
	if got := showAll(t, db, n); strings.Join(got, "") != strings.Join(before, "") {
		for i := range got {
			if got[i] != before[i] {
				t.Fatalf("lead %d after encrypt and decrypt:\n%s\nwas:\n%s", i+1, got[i], before[i])
			}
		}
	}
	for _, b := range backups {
		mustLeadq(t, "check", "--db", b) // clear again: no passphrase
	}
}

func TestEncryptedSearchDuplicatesAndPassphraseChange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	mustLeadq(t, "add", "--name", "Theresa Kowalczyk", "--company", "Kowalczyk Feinmechanik", "--email", "t.kowalczyk@feinmechanik.example", "--phone", "0221 5550 123", "--db", db)
	mustLeadq(t, "add", "--name", "Korbinian Huber", "--company", "Huber Bau", "--email", "huber@bau.example", "--db", db)
	pf := passFile(t, "erste")
	mustLeadq(t, append([]string{"encrypt", "--yes", "--passphrase-file", pf, "--db", db}, fastKDF...)...)
	s, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel(), Passphrase: func() ([]byte, error) { return []byte("erste"), nil }})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"k", "ko", "kow", "kowalc", "feinmechanik", "theresa kowal", "0221 5550"} {
		res, err := s.Search(context.Background(), store.TabAll, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) == 0 || res.Rows[0].ID != 1 || (len(q) > 2 && len(res.Rows) != 1) {
			t.Errorf("search %q on the encrypted file: %+v", q, res.Rows)
		}
	}
	s.Close()
	// The same person again, email in other case: a duplicate.
	_, errOut, code := leadq(t, "add", "--name", "T. Kowalczyk", "--company", "KF", "--email", "T.Kowalczyk@Feinmechanik.example", "--db", db, "--passphrase-file", pf)
	if code != 0 || !strings.Contains(errOut, "lead 1 already has the email") {
		t.Fatalf("the duplicate on the encrypted file: exit %d, %q", code, errOut)
	}
	mustLeadq(t, "backup", "--db", db, "--passphrase-file", pf)
	nf := passFile(t, "zweite")
	out := mustLeadq(t, "passphrase", "--db", db, "--passphrase-file", pf, "--new-passphrase-file", nf, "--kdf-memory", "2", "--kdf-time", "1")
	if !strings.Contains(out, "changed the passphrase") || !strings.Contains(out, "re-keyed: ") {
		t.Fatalf("passphrase printed %q", out)
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
	for _, f := range append([]string{db}, backups...) {
		if _, _, code := leadq(t, "show", "1", "--db", f, "--passphrase-file", pf); code != 1 {
			t.Fatalf("%s opens with the old passphrase", f)
		}
		mustLeadq(t, "show", "1", "--db", f, "--passphrase-file", nf)
	}
}

// The queue asks for an encrypted database's passphrase on the terminal
// before its screen starts; a wrong one ends it with one line, not a
// garbled screen, and the right one opens the queue.
func TestQueueAsksForThePassphraseInTmux(t *testing.T) {
	tmuxPath := needTmux(t)
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	runBin(t, bin, "seed", "--leads", "30", "--db", db)
	runBin(t, bin, append([]string{"encrypt", "--yes", "--db", db, "--passphrase-file", passFile(t, "geheim 42")}, fastKDF...)...)

	term, exitFile := startLeadq(t, tmuxPath, bin, db, dir, "passwrong")
	term.waitText("Passphrase for " + db + ":")
	term.text("falsch")
	term.key("Enter")
	for deadline := time.Now().Add(waitTimeout); ; time.Sleep(pollEvery) {
		if status, err := os.ReadFile(exitFile); err == nil {
			if code := strings.TrimSpace(string(status)); code != "1" {
				t.Fatalf("a wrong passphrase ended leadq with %s", code)
			}
			break
		}
		if time.Now().After(deadline) {
			term.capture()
			term.fatalf("leadq did not end after a wrong passphrase")
		}
	}
	screen := term.capture()
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") } // the pane wraps long lines
	if !strings.Contains(flat(screen), flat("leadq: "+db+": the passphrase is wrong: the database stays locked")) || strings.Contains(screen, "falsch") {
		t.Fatalf("after a wrong passphrase:\n%s", screen)
	}

	term, exitFile = startLeadq(t, tmuxPath, bin, db, dir, "passright")
	term.waitText("Passphrase for " + db + ":")
	term.text("geheim 42")
	term.key("Enter")
	term.waitText("Hot")
	if strings.Contains(term.capture(), "geheim") {
		t.Fatal("the passphrase was echoed")
	}
	term.key("q")
	term.waitExit(exitFile)
}
