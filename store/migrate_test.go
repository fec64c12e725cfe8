package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"leadq/domain"
)

// fixtureV1 copies the schema-1 fixture, written by the leadq that wrote
// schema 1, into a temp dir.
func fixtureV1(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "schema1", "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "leads.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestMigrateSchema1Fixture(t *testing.T) {
	path := fixtureV1(t)
	before := fileSum(t, path)
	var progressed []int
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow },
		Progress: func(done, total int) { progressed = append(progressed, done, total) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Migrated != path+".v1" {
		t.Fatalf("Migrated = %q, want the old file kept as %s.v1", s.Migrated, path)
	}
	if got := fileSum(t, path+".v1"); got != before {
		t.Fatal("the kept schema-1 file is not the file as it was")
	}
	if len(progressed) == 0 || progressed[len(progressed)-2] != 45 || progressed[len(progressed)-1] != 45 {
		t.Fatalf("progress = %v, want it to end at 45 of 45", progressed)
	}
	if s.Schema() != SchemaVersion || s.ID().IsZero() {
		t.Fatalf("schema %d, database id %v", s.Schema(), s.ID())
	}
	if err := s.Check(); err != nil {
		t.Fatalf("the migrated file does not check: %v", err)
	}
	c, err := s.Counts()
	if err != nil || c.All() != 45 {
		t.Fatalf("counts %+v (%v), want 45 leads", c, err)
	}
	if s.Stale() {
		t.Fatal("the fixture was scored with the default rules: the migrated scores must not be stale")
	}
	for id := uint64(1); id <= 45; id++ {
		if _, err := s.Get(id); err != nil {
			t.Fatalf("lead %d: %v", id, err)
		}
	}

	l, err := s.Get(41)
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "Jürgen Müller-Lüdenscheidt" || l.Phone != "+49 30 48163277" || l.Email != "J.Mueller@Müller-Bau.de" ||
		l.Company.AnnualRevenue != 48_000_000 || l.ExternalIDs["salesforce"] != "00Q5g00000AbCdE" || l.Custom["CRM-ID"] != "4711" {
		t.Fatalf("contact not copied as it was: %+v", l)
	}
	if b := l.BANT; b.BudgetStatus != domain.BudgetConfirmed || b.Budget != (domain.Money{Cents: 25_000_000, Currency: "EUR"}) ||
		b.RepEstimate != 60 || b.Authority != domain.AuthorityDecisionMaker || b.Timeline != "2027-03-15" {
		t.Fatalf("BANT = %+v", b)
	}
	if l.Plan == nil || len(l.Plan.Milestones) != 3 || len(l.Plan.KeyPersons) != 2 || l.Plan.Summary.Problems != "Planung dauert zu lange\nFehler in der Mengenermittlung" {
		t.Fatalf("plan = %+v", l.Plan)
	}
	if len(l.Notes) != 2 || l.Notes[1].Text != "Newsletter abonniert (monatlich)" || l.Notes[1].Updated.IsZero() {
		t.Fatalf("notes = %+v", l.Notes)
	}
	kinds := map[domain.EventKind]int{}
	var fits []*domain.FitChange
	var bants [][]domain.FieldChange
	var consents []*domain.ConsentChange
	var remarks []string
	var callback time.Time
	for i := range l.History {
		e := &l.History[i]
		if e.ID.IsZero() {
			t.Fatalf("event %d has no id", i)
		}
		kinds[e.Kind]++
		switch e.Kind {
		case domain.EventFitSet:
			fits = append(fits, e.Fit)
		case domain.EventBANTChanged:
			bants = append(bants, e.Changes)
		case domain.EventConsentChanged:
			consents = append(consents, e.Consent)
		case domain.EventRemark:
			remarks = append(remarks, e.Text)
		case domain.EventTouch:
			if e.Touch.Outcome == domain.OutcomeCallback {
				callback = e.Touch.Callback
				if e.Touch.Note != "nach der Baubesprechung" {
					t.Errorf("callback note = %q", e.Touch.Note)
				}
			}
		}
	}
	// 7 activities from before, 5 calls, a newsletter and a meeting: 14; 6 stage moves, not
	// repeated by their schema-1 activity; the prose turned into events.
	want := map[domain.EventKind]int{domain.EventTouch: 14, domain.EventStageMoved: 6, domain.EventFitSet: 2,
		domain.EventBANTChanged: 2, domain.EventConsentChanged: 2, domain.EventRemark: 2}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s events, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
	if len(fits) == 2 && (*fits[0] != domain.FitChange{From: domain.FitUnrated, To: domain.FitLow, Reason: "klein für uns"} || fits[1].To != domain.FitGood) {
		t.Errorf("fit events = %+v %+v", fits[0], fits[1])
	}
	if len(bants) == 2 {
		if !hasChange(bants[0], "budget", "1235.00 EUR") || !hasChange(bants[0], "budget_status", "estimated") ||
			!hasChange(bants[0], "authority_role", "Leiter Technik") || !hasChange(bants[0], "urgency", "medium") || !hasChange(bants[0], "timeline", "Q3 2027") {
			t.Errorf("first BANT event = %+v", bants[0])
		}
		if !hasChange(bants[1], "rep_estimate", "60") || !hasChange(bants[1], "authority", "decision-maker") {
			t.Errorf("second BANT event = %+v", bants[1])
		}
	}
	if len(consents) == 2 && (consents[0].To.Status != domain.ConsentOptIn || consents[0].To.Source != "Messe-Formular" || consents[0].To.Date.IsZero()) {
		t.Errorf("consent event = %+v", consents[0])
	}
	if cb := callback.In(time.FixedZone("CET", 3600)); cb.Format("02.01.2006 15:04") != "21.11.2026 12:00" {
		t.Errorf("callback time = %v, want 21.11.2026 12:00", cb)
	}
	for _, r := range []string{"Sekretariat: Frau Kaya", "wrong number: check the phone numbers (phone 030 48163277, mobile +49 171 2345678)"} {
		found := false
		for _, got := range remarks {
			found = found || got == r
		}
		if !found {
			t.Errorf("remark %q missing from %q", r, remarks)
		}
	}
	// A lead schema 1 stored without a company is copied as it is.
	if l, err := s.Get(45); err != nil || l.Company.Name != "" || l.Callback == nil {
		t.Errorf("lead 45: %+v %v", l, err)
	}

	// Opening again does not migrate again.
	s.Close()
	s2, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Migrated != "" {
		t.Fatal("a schema-2 file was migrated again")
	}
}

func hasChange(ch []domain.FieldChange, field, value string) bool {
	for _, c := range ch {
		if c.Field == field && c.New == value {
			return true
		}
	}
	return false
}

// TestMigrationCrashChild is the process TestMigrationInterrupted kills:
// it migrates and exits hard at the moment it is told.
func TestMigrationCrashChild(t *testing.T) {
	moment, path := os.Getenv("LEADQ_CRASH_AT"), os.Getenv("LEADQ_CRASH_DB")
	if moment == "" {
		return // run as a test of its own: nothing to do
	}
	crashAt = func(m string) {
		if m == moment {
			os.Exit(137) // as kill -9: no deferred cleanup runs
		}
	}
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
	if err == nil {
		s.Close()
	}
	os.Exit(3) // the moment never came
}

func TestMigrationInterrupted(t *testing.T) {
	for _, moment := range []string{"batch", "copied", "kept"} {
		t.Run(moment, func(t *testing.T) {
			path := fixtureV1(t)
			before := fileSum(t, path)
			cmd := exec.Command(os.Args[0], "-test.run=^TestMigrationCrashChild$")
			cmd.Env = append(os.Environ(), "LEADQ_CRASH_AT="+moment, "LEADQ_CRASH_DB="+path)
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 137 {
				t.Fatalf("the migration did not stop at %q: %v", moment, err)
			}
			if fileSum(t, path) != before {
				t.Fatal("the interrupted migration changed the schema-1 file")
			}
			// The old file is still usable as it was: checked as schema 1…
			s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), NoMigrate: true})
			if err != nil {
				t.Fatal(err)
			}
			if s.Schema() != 1 || s.Check() != nil {
				t.Fatalf("schema %d, check %v", s.Schema(), s.Check())
			}
			s.Close()
			// …and the next open migrates it from the start.
			s, err = Open(path, Options{Scoring: domain.DefaultScoringModel()})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if n, err := s.CountRecords(); err != nil || n != 45 {
				t.Fatalf("%d leads after the second migration (%v)", n, err)
			}
			if _, err := os.Stat(path + ".migrating"); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the half-made copy is left behind: %v", err)
			}
		})
	}
}

func TestCheckLeavesSchema1FileAsItIs(t *testing.T) {
	path := fixtureV1(t)
	before := fileSum(t, path)
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Schema() != 1 {
		t.Fatalf("schema %d, want 1", s.Schema())
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountRecords(); err != nil || n != 45 {
		t.Fatalf("%d leads (%v)", n, err)
	}
	s.Close()
	if fileSum(t, path) != before {
		t.Fatal("checking a schema-1 file changed it")
	}
	if _, err := os.Stat(path + ".v1"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("check migrated the file")
	}
}

// readOnlyCopy puts the fixture where it cannot be written: a read-only
// tmpfs for root (who may write any file), a read-only file in a read-only
// directory for anyone else.
func readOnlyCopy(t *testing.T) string {
	t.Helper()
	src := fixtureV1(t)
	if os.Geteuid() != 0 {
		if err := os.Chmod(src, 0o400); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Dir(src), 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Dir(src), 0o700) })
		return src
	}
	dir := t.TempDir()
	run := func(args ...string) {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("cannot set up a read-only filesystem (%s: %v: %s)", args, err, out)
		}
	}
	run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir)
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "leads.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	run("mount", "-o", "remount,ro", dir)
	return path
}

func TestSchema1FileThatCannotBeWrittenIsReadReadOnly(t *testing.T) {
	path := readOnlyCopy(t)
	before := fileSum(t, path)
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Notice == "" || !s.ReadOnly() {
		t.Fatalf("notice %q, read-only %v: want a notice and no saving", s.Notice, s.ReadOnly())
	}
	l, err := s.Get(41)
	if err != nil || l.Name != "Jürgen Müller-Lüdenscheidt" {
		t.Fatalf("reading failed: %v", err)
	}
	if _, err := s.Update(41, func(l *domain.Lead) error { l.Title = "CEO"; return nil }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a save was not refused: %v", err)
	}
	if fileSum(t, path) != before {
		t.Fatal("the read-only file changed")
	}
	copyDir := filepath.Dir(s.Path())
	s.Close()
	if _, err := os.Stat(copyDir); err == nil {
		t.Errorf("the migrated copy %s outlives the open", copyDir)
	}
}

func TestV1ProseBecomesEvents(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	for _, tc := range []struct {
		act  v1Activity
		kind domain.EventKind
		ok   func(e domain.Event) bool
	}{
		{v1Activity{Kind: "fit-change", Note: "good fit → no fit: B2C"}, domain.EventFitSet,
			func(e domain.Event) bool {
				return *e.Fit == domain.FitChange{From: domain.FitGood, To: domain.FitNone, Reason: "B2C"}
			}},
		{v1Activity{Kind: "fit-change", Note: "something → else"}, domain.EventRemark,
			func(e domain.Event) bool { return e.Text == "something → else" }},
		{v1Activity{Kind: "bant-update", Note: "budget removed, need removed, rep's estimate removed"}, domain.EventBANTChanged,
			func(e domain.Event) bool {
				return hasChange(e.Changes, "budget_status", "not-asked") && hasChange(e.Changes, "need", "") && hasChange(e.Changes, "rep_estimate", "")
			}},
		{v1Activity{Kind: "bant-update", Note: "need Software, Hardware, Service (urgency high)"}, domain.EventBANTChanged,
			func(e domain.Event) bool {
				return hasChange(e.Changes, "need", "Software, Hardware, Service") && hasChange(e.Changes, "urgency", "high")
			}},
		{v1Activity{Kind: "bant-update", Note: "whatever happened"}, domain.EventRemark,
			func(e domain.Event) bool { return e.Text == "whatever happened" }},
		{v1Activity{Kind: "note", Note: "consent opt-in → withdrawn (Widerruf per E-Mail, 18.11.2026)"}, domain.EventConsentChanged,
			func(e domain.Event) bool {
				return e.Consent.To.Status == domain.ConsentWithdrawn && e.Consent.To.Source == "Widerruf per E-Mail" && e.Consent.To.Date.Day() == 18
			}},
		{v1Activity{Kind: "note", Note: "consent none"}, domain.EventRemark, func(e domain.Event) bool { return e.Text == "consent none" }},
		{v1Activity{Kind: "email", Note: "Angebot versendet"}, domain.EventTouch,
			func(e domain.Event) bool {
				return e.Touch.Kind == domain.KindEmail && e.Touch.Note == "Angebot versendet"
			}},
		{v1Activity{Kind: "call", Outcome: "callback", Note: "callback 21.11.2026 09:30"}, domain.EventTouch,
			func(e domain.Event) bool {
				return e.Touch.Callback.Equal(time.Date(2026, 11, 21, 9, 30, 0, 0, at.Location())) && e.Touch.Note == ""
			}},
		{v1Activity{Kind: "download", Funnel: "decision", Note: "Preisliste"}, domain.EventTouch,
			func(e domain.Event) bool {
				return e.Touch.Kind == domain.KindDownload && e.Touch.Funnel == domain.FunnelDecision
			}},
	} {
		tc.act.At = at
		evs := v1Event(tc.act, map[string]bool{})
		if len(evs) != 1 || evs[0].Kind != tc.kind || !tc.ok(evs[0]) {
			t.Errorf("%+v became %+v", tc.act, evs)
		}
	}
	// A stage change the typed move repeats is left out; one it does not stays.
	m := v1StageMove{From: "sql", To: "sal", At: at, Reason: "kein Budget"}
	moved := map[string]bool{v1MoveNote(m) + "@" + at.UTC().String(): true}
	if evs := v1Event(v1Activity{Kind: "stage-change", At: at, Note: "SQL → SAL: kein Budget"}, moved); len(evs) != 0 {
		t.Errorf("a repeated stage move was kept: %+v", evs)
	}
	if evs := v1Event(v1Activity{Kind: "stage-change", At: at.Add(time.Hour), Note: "SQL → SAL: kein Budget"}, moved); len(evs) != 1 || evs[0].Kind != domain.EventRemark {
		t.Errorf("a stage change without its move was dropped: %+v", evs)
	}
}

func TestDamagedSchema1RecordIsReported(t *testing.T) {
	path := fixtureV1(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(`"name":"Jürgen Müller-Lüdenscheidt"`))
	if i < 0 {
		t.Fatal("the fixture's lead 41 is not where it should be")
	}
	copy(data[i:], `{{{{`)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{Scoring: domain.DefaultScoringModel()}); err == nil || !errors.Is(err, ErrDamaged) {
		t.Fatalf("a damaged schema-1 record did not stop the migration: %v", err)
	}
	if _, err := os.Stat(path + ".v1"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a failed migration swapped files")
	}
}
