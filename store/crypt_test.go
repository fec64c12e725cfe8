package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// testKDF keeps the tests fast; the parameters are stored with the key, so
// a file made with them opens with them.
var testKDF = KDFParams{Time: 1, Memory: 1024, Threads: 1}

func passOf(p string) func() ([]byte, error) {
	return func() ([]byte, error) { return []byte(p), nil }
}

func openPass(t testing.TB, path, pass string) *Store {
	t.Helper()
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, Passphrase: passOf(pass)})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// markerLead is a lead whose every personal field holds a string found
// nowhere else, so a grep for it finds only this lead's bytes.
func markerLead(n int) (*domain.Lead, []string) {
	m := func(what string) string { return fmt.Sprintf("Qx%sZq%d", what, n) }
	l := newLead(m("Name")+" "+m("Last"), m("Company"), 50)
	l.Email = fmt.Sprintf("qxmail%d@qxdomain%d.example", n, n)
	l.Phone = fmt.Sprintf("+49 221 98%05d", 70000+n)
	l.Notes = []domain.Note{{Kind: domain.NoteOther, Text: m("Note"), Created: testNow}}
	l.History = append(l.History, domain.Event{Kind: domain.EventRemark, At: testNow.Add(-time.Hour), Text: m("Remark")})
	return l, []string{m("Name"), m("Last"), m("Company"), m("Note"), m("Remark"), l.Email, fmt.Sprintf("98%05d", 70000+n),
		// the folded words a clear word index holds
		fmt.Sprintf("qxnamezq%d", n), fmt.Sprintf("qxcompanyzq%d", n)}
}

func TestEncryptLeavesNothingReadable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	var markers []string
	for i := range 20 {
		l, m := markerLead(i)
		addLead(t, s, l)
		markers = append(markers, m...)
	}
	// An edit leaves the old values in freed pages: encryption must not keep them.
	update(t, s, 1, func(l *domain.Lead) error { l.Title = "QxOldTitleZq"; return nil })
	update(t, s, 1, func(l *domain.Lead) error { l.Title = "QxNewTitleZq"; return nil })
	markers = append(markers, "QxOldTitleZq", "QxNewTitleZq")
	bdir := DefaultBackupDir(path)
	os.MkdirAll(bdir, 0o700)
	b1, err := s.Backup(bdir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(b1.Path); err != nil { // leaves .before-restore
		t.Fatal(err)
	}
	if err := copyFile(path, path+".damaged-20261120-100000"); err != nil {
		t.Fatal(err)
	}
	copies, err := CopiesOf(path, bdir)
	if err != nil {
		t.Fatal(err)
	}
	if len(copies) != 3 {
		t.Fatalf("copies %v", copies)
	}
	for _, f := range append([]string{path}, copies...) {
		if fileHas(t, f, markers[0]) == 0 {
			t.Fatalf("%s does not hold %s before: the test proves nothing", f, markers[0])
		}
	}
	res, err := s.Encrypt([]byte("correct horse"), testKDF, copies, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Leads != 20 {
		t.Fatalf("encrypted %d leads, want 20", res.Leads)
	}
	did := map[string]string{}
	for _, c := range res.Copies {
		did[filepath.Base(c.Path)] = c.Did
	}
	if did[filepath.Base(b1.Path)] != "encrypted" || did["leads.db.before-restore"] != "encrypted" || did["leads.db.damaged-20261120-100000"] != "removed" {
		t.Fatalf("copies: %+v", res.Copies)
	}
	if exists(path + ".damaged-20261120-100000") {
		t.Fatal("the damaged copy is still there")
	}
	// A backup made now is encrypted too.
	s.now = func() time.Time { return testNow.Add(time.Hour) }
	b2, err := s.Backup(bdir)
	if err != nil {
		t.Fatal(err)
	}
	if !b2.Encrypted {
		t.Fatal("a backup of an encrypted database is not encrypted")
	}
	files := []string{path, b1.Path, path + ".before-restore", b2.Path}
	for _, f := range files {
		for _, m := range markers {
			if n := fileHas(t, f, m); n != 0 {
				t.Errorf("%s holds %q %d times", filepath.Base(f), m, n)
			}
		}
	}
	// Everything still reads, with the passphrase only.
	s.Close()
	if _, err := Open(path, Options{Scoring: domain.DefaultScoringModel()}); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("opened without a passphrase: %v", err)
	}
	s = openPass(t, path, "correct horse")
	l, err := s.Get(1)
	if err != nil || l.Title != "QxNewTitleZq" || l.Notes[0].Text != "QxNoteZq0" {
		t.Fatalf("lead 1 after encryption: %+v, %v", l, err)
	}
	checkConsistent(t, s)
	if p, more, err := s.Verify(); err != nil || len(p) != 0 || more != 0 {
		t.Fatalf("check on the encrypted file: %v %d %v", p, more, err)
	}
	for _, f := range []string{b1.Path, b2.Path, path + ".before-restore"} {
		if info := s.CheckBackup(f); !info.Verified || info.Leads != 20 {
			t.Fatalf("%s: %+v", f, info)
		}
	}
}

func TestWrongPassphrase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, s, 5)
	if _, err := s.Encrypt([]byte("right"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Passphrase: passOf("wrong")})
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("a wrong passphrase: %v", err)
	}
	asked := errors.New("no passphrase given")
	_, err = Open(path, Options{Scoring: domain.DefaultScoringModel(), Passphrase: func() ([]byte, error) { return nil, asked }})
	if !errors.Is(err, asked) {
		t.Fatalf("a failed prompt: %v", err)
	}
	openPass(t, path, "right")
}

func TestEncryptedSearchDuplicatesAndDecrypt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	names := []string{"Jürgen Müller", "Jana Schulz", "Jan Schubert", "Mila Schulze", "Ole Mueller"}
	for i, n := range names {
		l := newLead(n, "Firma "+strconv.Itoa(i), 10)
		addLead(t, s, l)
	}
	seedSimple(t, s, 200)
	type q struct {
		query string
		want  int
	}
	queries := []q{{"s", -1}, {"sc", -1}, {"sch", 3}, {"schulz", 2}, {"schulze", 1}, {"mül", 2}, {"mueller", 2}, {"j", -1}, {"ja", 2}, {"jan", 2}, {"jana", 1}, {"schubert jan", 1}}
	before := map[string][]uint64{}
	for _, c := range queries {
		res, err := s.Search(context.Background(), TabAll, c.query, 1000)
		if err != nil {
			t.Fatal(err)
		}
		before[c.query] = rowIDs(res.Rows)
		if c.want >= 0 && len(res.Rows) != c.want {
			t.Fatalf("clear: %q finds %d, want %d", c.query, len(res.Rows), c.want)
		}
	}
	if _, err := s.Encrypt([]byte("pw"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range queries {
		res, err := s.Search(context.Background(), TabAll, c.query, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if got := rowIDs(res.Rows); !slices.Equal(got, before[c.query]) {
			t.Errorf("encrypted: %q finds %v, clear found %v", c.query, got, before[c.query])
		}
		if res.Total != len(before[c.query]) {
			t.Errorf("encrypted: %q counts %d, want %d", c.query, res.Total, len(before[c.query]))
		}
	}
	// Duplicates: the same email in other case, the same phone.
	dup := newLead("Someone Else", "Firma", 10)
	dup.Email = "JANA.SCHULZ@example.de"
	d, err := s.FindDuplicates(dup)
	if err != nil || len(d) != 1 || d[0].ID != 2 {
		t.Fatalf("duplicates of Jana's email: %+v %v", d, err)
	}
	// A write to the encrypted file keeps every index right.
	id := addLead(t, s, newLead("Zoe Schuster", "Neu", 5))
	update(t, s, 1, func(l *domain.Lead) error { l.Name = "Jürgen Schmitz"; return nil })
	if _, err := s.Rescore(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, s)
	res, _ := s.Search(context.Background(), TabAll, "schus", 10)
	if len(res.Rows) != 1 || res.Rows[0].ID != id {
		t.Fatalf("schus finds %v", rowIDs(res.Rows))
	}
	leadsBefore := map[uint64]*domain.Lead{}
	for i := uint64(1); i <= 6; i++ {
		leadsBefore[i], _ = s.Get(i)
	}
	if _, err := s.Decrypt(nil, nil); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, s)
	for i, want := range leadsBefore {
		got, err := s.Get(i)
		if err != nil {
			t.Fatal(err)
		}
		sameLead(t, got, want)
	}
	s.Close()
	s = openTest(t, path, domain.DefaultScoringModel()) // clear again: no passphrase
	if res, _ := s.Search(context.Background(), TabAll, "schmi", 10); len(res.Rows) != 1 {
		t.Fatalf("schmi after decrypt: %v", rowIDs(res.Rows))
	}
}

func TestChangePassphraseKeepsBackupsOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, s, 10)
	if _, err := s.Encrypt([]byte("old"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	bdir := DefaultBackupDir(path)
	os.MkdirAll(bdir, 0o700)
	b, err := s.Backup(bdir)
	if err != nil {
		t.Fatal(err)
	}
	copies, _ := CopiesOf(path, bdir)
	raised := KDFParams{Time: 2, Memory: 2048, Threads: 1}
	res, err := s.ChangePassphrase([]byte("new"), raised, copies)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Copies) != 1 || res.Copies[0].Did != "re-keyed" {
		t.Fatalf("copies: %+v", res.Copies)
	}
	if p, _ := s.KDF(); p != raised {
		t.Fatalf("parameters %+v, want %+v", p, raised)
	}
	s.Close()
	for _, f := range []string{path, b.Path} {
		if fileHas(t, f, "old") > 0 && false {
			t.Fatal("unreachable")
		}
		if _, err := Open(f, Options{Scoring: domain.DefaultScoringModel(), NoMigrate: true, Passphrase: passOf("old")}); !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("%s opens with the old passphrase: %v", f, err)
		}
		c := openPass(t, f, "new")
		if n, _ := c.CountRecords(); n != 10 {
			t.Fatalf("%s: %d leads", f, n)
		}
	}
}

// TestEncryptCrashChild is the process TestKilledDuringEncrypt kills.
func TestEncryptCrashChild(t *testing.T) {
	moment, path := os.Getenv("LEADQ_CRASH_ENCRYPT_AT"), os.Getenv("LEADQ_CRASH_DB")
	if moment == "" {
		return
	}
	crashAt = func(m string) {
		if m == moment {
			os.Exit(137)
		}
	}
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		os.Exit(4)
	}
	_, err = s.Encrypt([]byte("pw"), testKDF, nil, nil)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(3)
}

func TestKilledDuringEncrypt(t *testing.T) {
	for _, moment := range []string{"rekeyed", "copied", "kept"} {
		t.Run(moment, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "leads.db")
			s := openTest(t, path, domain.DefaultScoringModel())
			seedSimple(t, s, 30)
			s.Close()
			before := fileSum(t, path)
			cmd := exec.Command(os.Args[0], "-test.run=^TestEncryptCrashChild$")
			cmd.Env = append(os.Environ(), "LEADQ_CRASH_ENCRYPT_AT="+moment, "LEADQ_CRASH_DB="+path)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 137 {
				t.Fatalf("it did not stop at %q: %v %s", moment, err, out)
			}
			if fileSum(t, path) != before {
				t.Fatal("the killed run changed the database file")
			}
			s = openTest(t, path, domain.DefaultScoringModel()) // clear still, no passphrase
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountRecords(); n != 30 {
				t.Fatalf("%d leads", n)
			}
			if _, err := s.Encrypt([]byte("pw"), testKDF, nil, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A leadq that has the file open while another encrypts it refuses its
// next transaction instead of writing clear values into it.
func TestOtherProcessEncryptsMeanwhile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	a := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, a, 3)
	b := openTest(t, path, domain.DefaultScoringModel())
	if _, err := b.Encrypt([]byte("pw"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.AddLead(newLead("Clear Writer", "X", 1)); err == nil {
		t.Fatal("a clear write went into the encrypted file")
	}
	if _, err := b.Get(1); err != nil {
		t.Fatal(err)
	}
}

// An erasure made before encryption still refuses the person after it,
// and the erasure key is sealed: with it in clear, guesses of an email
// could be tested against the suppression entries.
func TestEncryptSealsTheErasureKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	gone := newLead("Erika Vergessen", "Firma", 10)
	id := addLead(t, s, gone)
	addLead(t, s, newLead("Bleibt Hier", "Firma", 10))
	if _, err := s.Forget([]uint64{id}, nil, nil); err != nil {
		t.Fatal(err)
	}
	var secret []byte
	s.view(func(tx *bolt.Tx) error { secret, _ = s.erasureSecret(tx); return nil })
	if len(secret) != 32 || fileHas(t, path, string(secret)) == 0 {
		t.Fatal("no clear erasure key to begin with: the test proves nothing")
	}
	if _, err := s.Encrypt([]byte("pw"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	if fileHas(t, path, string(secret)) != 0 {
		t.Fatal("the erasure key is in clear in the encrypted file")
	}
	again := newLead("Erika Vergessen", "Firma", 10)
	var erased *ErasedError
	if _, _, err := s.AddLead(again); !errors.As(err, &erased) {
		t.Fatalf("the erased person came back: %v", err)
	}
	// And a forget in the encrypted file keeps it sealed.
	if _, err := s.Forget([]uint64{2}, nil, nil); err != nil {
		t.Fatal(err)
	}
	var now []byte
	s.view(func(tx *bolt.Tx) error { now, _ = s.erasureSecret(tx); return nil })
	if string(now) != string(secret) || fileHas(t, path, string(secret)) != 0 {
		t.Fatal("forget on the encrypted file wrote the erasure key in clear, or another one")
	}
	checkConsistent(t, s) // forget left no index entry of lead 2 behind
	if p, _, err := s.Verify(); err != nil || len(p) != 0 {
		t.Fatalf("check after forget on the encrypted file: %v %v", p, err)
	}
}

// check --repair rebuilds from the records; the suppression entries of
// erased people are no record's, and must come along all the same.
func TestRepairKeepsErasures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	id := addLead(t, s, newLead("Erika Vergessen", "Firma", 10))
	addLead(t, s, newLead("Bleibt Hier", "Firma", 10))
	if _, err := s.Forget([]uint64{id}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Repair(nil); err != nil {
		t.Fatal(err)
	}
	var erased *ErasedError
	if _, _, err := s.AddLead(newLead("Erika Vergessen", "Firma", 10)); !errors.As(err, &erased) {
		t.Fatalf("after a repair the erased person came back: %v", err)
	}
}

// check --repair rebuilds an encrypted file encrypted, with the same key.
func TestRepairOfAnEncryptedFileStaysEncrypted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	l, markers := markerLead(1)
	addLead(t, s, l)
	seedSimple(t, s, 20)
	if _, err := s.Encrypt([]byte("pw"), testKDF, nil, nil); err != nil {
		t.Fatal(err)
	}
	res, err := s.Repair(nil)
	if err != nil || res.Leads != 21 {
		t.Fatalf("repair: %+v %v", res, err)
	}
	if !s.Encrypted() {
		t.Fatal("the repaired file is clear")
	}
	for _, m := range markers {
		if fileHas(t, path, m) != 0 {
			t.Errorf("the repaired file holds %q", m)
		}
	}
	s.Close()
	s = openPass(t, path, "pw")
	checkConsistent(t, s)
	if got, _ := s.Get(1); got == nil || got.Notes[0].Text != "QxNoteZq1" {
		t.Fatalf("lead 1 after the repair: %+v", got)
	}
}
