package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// After Forget, the person's email is in none of the files leadq made: the
// database, its backups, the migration's .v1 and .before-restore; the
// other leads are all there and every file checks out.
func TestForgetLeavesNoByteOfThePerson(t *testing.T) {
	path := fixtureV1(t)
	s := openTest(t, path, domain.DefaultScoringModel()) // migrates; the schema-1 file stays as .v1
	if _, err := os.Stat(path + ".v1"); err != nil {
		t.Fatal(err)
	}
	victim, err := s.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	email := victim.Email
	if email == "" {
		t.Fatal("the fixture's lead 1 has no email")
	}
	other, _ := s.Get(2)
	bdir := DefaultBackupDir(path)
	os.MkdirAll(bdir, 0o700)
	b1, err := s.Backup(bdir)
	if err != nil {
		t.Fatal(err)
	}
	// A restore leaves .before-restore, which holds them too.
	if _, err := s.Restore(b1.Path); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return testNow.Add(time.Hour) }
	if _, err := s.Backup(bdir); err != nil {
		t.Fatal(err)
	}
	copies, err := CopiesOf(path, bdir)
	if err != nil || len(copies) != 4 {
		t.Fatalf("copies %v, %v", copies, err)
	}
	all := append([]string{path}, copies...)
	for _, f := range all {
		if fileHas(t, f, email) == 0 {
			t.Fatalf("%s does not hold %s before: the test proves nothing", f, email)
		}
	}
	res, err := s.Forget([]uint64{1}, copies, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Copies) != 4 || len(res.Failed) != 0 || len(res.Leads) != 1 || res.Leads[0].Name != victim.DisplayName() {
		t.Fatalf("result %+v", res)
	}
	for _, f := range all {
		if n := fileHas(t, f, email); n != 0 {
			t.Errorf("%s still holds %s %d times", f, email, n)
		}
	}
	if _, err := s.Get(1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("lead 1 after Forget: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountRecords(); n != 44 {
		t.Fatalf("%d leads, want 44", n)
	}
	if l, err := s.Get(2); err != nil || l.Email != other.Email {
		t.Fatalf("lead 2: %v %v", l, err)
	}
	for _, b := range []string{copies[0], copies[1], path + ".before-restore"} {
		if in := s.CheckBackup(b); !in.Verified || in.Leads != 44 {
			t.Errorf("%s after Forget: %+v", b, in)
		}
	}
	// They cannot come back by accident, by email or by phone.
	again := &domain.Lead{Name: "Wieder Da", Email: strings.ToUpper(email), Company: domain.Company{Name: "X"}, BANT: domain.BANT{RepEstimate: -1}}
	_, _, err = s.AddLead(again)
	var ee *ErasedError
	if !errors.As(err, &ee) || ee.On.Format("2006-01-02") != testNow.Add(time.Hour).Local().Format("2006-01-02") || !strings.Contains(err.Error(), "at their request") {
		t.Fatalf("adding them again: %v", err)
	}
	if victim.Phone != "" {
		byPhone := &domain.Lead{Name: "Anders", Phone: victim.Phone, Company: domain.Company{Name: "Y", Country: victim.Company.Country}, BANT: domain.BANT{RepEstimate: -1}}
		if _, _, err := s.AddLead(byPhone); !errors.As(err, &ee) || ee.By != "phone" {
			t.Fatalf("adding their phone again: %v", err)
		}
	}
	res2, err := s.Import(func(yield func(ImportRow) bool) {
		yield(ImportRow{Line: 2, Lead: &domain.Lead{Name: "Neu Person", Email: "neu@example.de", Company: domain.Company{Name: "Z"}, BANT: domain.BANT{RepEstimate: -1}}})
		yield(ImportRow{Line: 3, Lead: &domain.Lead{Name: "Wieder", Email: email, Company: domain.Company{Name: "Z"}, BANT: domain.BANT{RepEstimate: -1}}})
	}, ImportOptions{File: "messe.csv"})
	var er *ErasedRowsError
	if !errors.As(err, &er) || er.Rows != 1 || er.FirstLine != 3 || res2.Created != 1 {
		t.Fatalf("import of an erased person: %+v, %v", res2, err)
	}
	s.AllowErased(true)
	if _, _, err := s.AddLead(again); err != nil {
		t.Fatalf("with AllowErased: %v", err)
	}
}

func TestForgetUnknownLeadChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	addLead(t, s, newLead("Karl Bleibt", "Bleibt AG", 5))
	s.Close()
	before := fileSum(t, path)
	s = openTest(t, path, domain.DefaultScoringModel())
	if _, err := s.Forget([]uint64{1, 7}, nil, nil); err == nil || !strings.Contains(err.Error(), "there is no lead 7") {
		t.Fatalf("Forget of an unknown lead: %v", err)
	}
	s.Close()
	if fileSum(t, path) != before {
		t.Fatal("a refused Forget changed the file")
	}
}
