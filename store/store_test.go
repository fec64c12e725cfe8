package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

var testNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func openTest(t testing.TB, path string, model domain.ScoringModel) *Store {
	t.Helper()
	s, err := Open(path, Options{Scoring: model, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newLead(name, company string, employees int, acts ...domain.Activity) *domain.Lead {
	return &domain.Lead{
		Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.de",
		Company:    domain.Company{Name: company, Employees: employees, Country: "DE", City: "Köln", PostalCode: "50667"},
		Created:    testNow.Add(-48 * time.Hour),
		Activities: acts,
		BANT:       domain.BANT{RepEstimate: -1},
	}
}

// queueRows reads a whole tab through the index.
func queueRows(t *testing.T, s *Store, tab Tab) []Row {
	t.Helper()
	rows, err := s.QueueAfter(tab, nil, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	in := newLead("Jürgen Müller", "Müller Maschinenbau GmbH", 120,
		domain.Activity{Kind: domain.KindDownload, Funnel: domain.FunnelDecision, At: testNow.Add(-time.Hour)},
		domain.Activity{Kind: domain.KindBlogRead, Funnel: domain.FunnelAwareness, At: testNow.Add(-3 * time.Hour)},
	)
	in.Title = "Geschäftsführer"
	in.Custom = map[string]string{"Messestand": "Halle 3 🚀"}
	id, err := s.Add(in)
	if err != nil {
		t.Fatal(err)
	}
	if id != 1 {
		t.Fatalf("first id = %d, want 1", id)
	}
	s.Close()

	s = openTest(t, path, domain.DefaultScoringModel())
	got, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Jürgen Müller" || got.Company.Name != "Müller Maschinenbau GmbH" || got.Custom["Messestand"] != "Halle 3 🚀" {
		t.Fatalf("lead did not round-trip: %+v", got)
	}
	if len(got.Activities) != 2 || got.Activities[0].Kind != domain.KindBlogRead {
		t.Fatalf("activities not in time order: %+v", got.Activities)
	}
	// Fit: 50–5000 employees (15) + DACH (5) + senior role (10); engagement: a fresh
	// decision download (~10) and an awareness blog read (~1).
	if got.Score.Fit != 30 {
		t.Errorf("fit part = %v, want 30", got.Score.Fit)
	}
	if got.Score.Total < 40 || got.Score.Total > 41 {
		t.Errorf("total = %d, want 41 (30 fit + ~11 engagement)", got.Score.Total)
	}
}

func TestQueueOrderAndIndexAfterUpdates(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "q.db"), domain.DefaultScoringModel())
	demo := domain.Activity{Kind: domain.KindDemoRequest, At: testNow}
	quote := domain.Activity{Kind: domain.KindQuoteRequest, At: testNow}
	ids := map[string]uint64{}
	for _, l := range []*domain.Lead{
		newLead("Cold Small", "Klein KG", 5),                                                          // 5 (DACH)
		newLead("Warm Mid", "Mittel AG", 200),                                                         // 20
		newLead("Hot One", "Groß GmbH", 200, demo, quote),                                             // 45 + ...
		newLead("Warm Two", "Zwei GmbH", 300, domain.Activity{Kind: domain.KindWebinar, At: testNow}), // 25
	} {
		id, err := s.Add(l)
		if err != nil {
			t.Fatal(err)
		}
		ids[l.Name] = id
	}
	checkConsistent(t, s)
	all := queueRows(t, s, TabAll)
	var names []string
	for _, r := range all {
		names = append(names, r.Name)
	}
	// Hot One: 20 fit + 25 engagement = 45 → warm (hot is 50); Warm Two 25 → warm; Warm Mid 20 → cold.
	want := "Hot One,Warm Two,Warm Mid,Cold Small"
	if strings.Join(names, ",") != want {
		t.Fatalf("queue order = %v, want %s", names, want)
	}

	// Confirming BANT lifts Hot One over the hot threshold.
	_, err := s.Update(ids["Hot One"], func(l *domain.Lead) error {
		l.BANT = domain.BANT{BudgetAmount: 50000, BudgetCurrency: "EUR", BudgetConfirmed: true, Authority: domain.AuthorityDecisionMaker, RepEstimate: -1}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hot := queueRows(t, s, TabHot)
	if len(hot) != 1 || hot[0].Name != "Hot One" || hot[0].Tier != domain.TierHot {
		t.Fatalf("hot tab = %+v, want only Hot One", hot)
	}
	// No fit takes a lead out of the queue but keeps it under All.
	if _, err := s.Update(ids["Warm Two"], func(l *domain.Lead) error { l.Fit = domain.FitNone; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, tab := range []Tab{TabHot, TabWarm, TabCold} {
		for _, r := range queueRows(t, s, tab) {
			if r.Name == "Warm Two" {
				t.Fatalf("no-fit lead still in tab %d", tab)
			}
		}
	}
	if last := queueRows(t, s, TabAll); last[len(last)-1].Name != "Warm Two" || last[len(last)-1].InQueue {
		t.Fatalf("no-fit lead should sort last under All, got %+v", last[len(last)-1])
	}
	// A failing update writes nothing.
	boom := errors.New("boom")
	if _, err := s.Update(ids["Cold Small"], func(l *domain.Lead) error { l.Name = "changed"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want boom", err)
	}
	if l, _ := s.Get(ids["Cold Small"]); l.Name != "Cold Small" {
		t.Fatalf("failed update changed the lead: %q", l.Name)
	}
	// Changing the email moves the email index entry.
	if _, err := s.Update(ids["Cold Small"], func(l *domain.Lead) error { l.Email = "Neu@Example.DE"; return nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindByEmail("neu@example.de"); len(got) != 1 || got[0] != ids["Cold Small"] {
		t.Fatalf("FindByEmail(new) = %v", got)
	}
	if got, _ := s.FindByEmail("cold.small@example.de"); len(got) != 0 {
		t.Fatalf("old email still indexed: %v", got)
	}
	checkConsistent(t, s)
}

// checkConsistent rebuilds what the indexes should hold from the records
// and compares: one queue entry per lead at the right key, counts right.
func checkConsistent(t *testing.T, s *Store) {
	t.Helper()
	err := s.db.View(func(tx *bolt.Tx) error {
		var want counts
		n := 0
		err := tx.Bucket(bucketLeads).ForEach(func(k, _ []byte) error {
			n++
			l, err := get(tx, btoi(k))
			if err != nil {
				return err
			}
			want[groupOf(l)]++
			v := tx.Bucket(bucketQueue).Get(queueKey(l))
			if v == nil {
				t.Errorf("lead %d has no queue entry at its key", l.ID)
				return nil
			}
			r, err := decodeRow(queueKey(l), v)
			if err != nil {
				return err
			}
			if r.ID != l.ID || r.Score != l.Score.Total || r.Name != l.Name || r.Stage != l.Stage {
				t.Errorf("queue row %+v does not match lead %d", r, l.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if q := tx.Bucket(bucketQueue).Stats().KeyN; q != n {
			t.Errorf("queue has %d entries for %d leads", q, n)
		}
		if got := readCounts(tx); got != want {
			t.Errorf("counts = %v, want %v", got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func btoi(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

func TestRescoreWhenRulesChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	id, err := s.Add(newLead("Anna Schmidt", "Schmidt Software GmbH", 80))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(id)
	s.Close()

	// Same rules: nothing to do.
	s = openTest(t, path, domain.DefaultScoringModel())
	if s.Rescored != 0 {
		t.Fatalf("re-scored %d leads with unchanged rules", s.Rescored)
	}
	s.Close()

	m := domain.DefaultScoringModel()
	m.Fit[0].Points = 40 // employees 50–5000 now weighs 40 instead of 15
	s = openTest(t, path, m)
	if s.Rescored != 1 {
		t.Fatalf("re-scored %d leads, want 1", s.Rescored)
	}
	after, _ := s.Get(id)
	if after.Score.Total != before.Score.Total+25 {
		t.Fatalf("score after rule change = %d, want %d", after.Score.Total, before.Score.Total+25)
	}
	checkConsistent(t, s)
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	openTest(t, path, domain.DefaultScoringModel())
	start := time.Now()
	_, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Timeout: 200 * time.Millisecond})
	if err == nil {
		t.Fatal("second Open of a held database succeeded")
	}
	if !errors.Is(err, ErrInUse) || err.Error() != "the database "+path+" is in use by another leadq" {
		t.Fatalf("error = %q", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("second Open took %v", d)
	}
}

func TestRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("Einkaufsliste: Milch, Brot\n", 400)), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	foreign := filepath.Join(dir, "other.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("users")); return err })
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	s := openTest(t, newer, domain.DefaultScoringModel())
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	s.Close()

	for _, tc := range []struct {
		path, want string
	}{
		{text, "is not a leadq database"},
		{empty, "is an empty file"},
		{foreign, "is not a leadq database"},
		{newer, "was written by a newer leadq"},
		{dir, "is a directory"},
	} {
		before, _ := os.ReadFile(tc.path)
		_, err := Open(tc.path, Options{Scoring: domain.DefaultScoringModel()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s) error = %v, want %q", filepath.Base(tc.path), err, tc.want)
		}
		if after, _ := os.ReadFile(tc.path); string(before) != string(after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(tc.path))
		}
	}
}

func TestDueIndex(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "d.db"), domain.DefaultScoringModel())
	a := newLead("Later Callback", "A GmbH", 10)
	a.Callback = &domain.Callback{At: testNow.Add(2 * time.Hour), Note: "nach 12 Uhr"}
	b := newLead("Overdue Callback", "B GmbH", 10)
	b.Callback = &domain.Callback{At: testNow.Add(-2 * time.Hour)}
	c := newLead("Follow-up", "C GmbH", 10)
	c.NextTouch = testNow.Add(-time.Hour)
	for _, l := range []*domain.Lead{a, b, c} {
		if _, err := s.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.DueAfter(testNow, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "Overdue Callback" || rows[0].What != "callback" || rows[1].Name != "Follow-up" {
		t.Fatalf("due now = %+v", rows)
	}
	if n, _ := s.DueCount(testNow.Add(3*time.Hour), 100); n != 3 {
		t.Fatalf("due in 3h = %d, want 3", n)
	}
	if n, _ := s.DueCount(testNow.Add(3*time.Hour), 2); n != 2 {
		t.Fatalf("due count with limit 2 = %d", n)
	}
	// Clearing the callback removes it from the index.
	if _, err := s.Update(b.ID, func(l *domain.Lead) error { l.Callback = nil; return nil }); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.DueCount(testNow, 100); n != 1 {
		t.Fatalf("due after clearing = %d, want 1", n)
	}
}

// A file damaged after it was written gives errors that say so, never a
// crash, whatever is read.
func TestDamagedFileIsAnErrorNotACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "damaged.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, s, 300)
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over the pages after the meta pages and the first few.
	for off := 4096 * 6; off+600 < len(data); off += 4096 * 3 {
		for i := off + 16; i < off+600; i++ {
			data[i] = 0xff
		}
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
	if err != nil {
		if !strings.Contains(err.Error(), "damaged") && !strings.Contains(err.Error(), "not a leadq database") {
			t.Fatalf("Open of a damaged file: %v", err)
		}
		return
	}
	defer s.Close()
	damaged := 0
	note := func(err error) {
		if err != nil {
			if !errors.Is(err, ErrDamaged) && !strings.Contains(err.Error(), "damaged") {
				t.Fatalf("unexpected error: %v", err)
			}
			damaged++
		}
	}
	for _, tab := range []Tab{TabHot, TabWarm, TabCold, TabAll} {
		_, err := s.QueueAfter(tab, nil, 1000)
		note(err)
		_, err = s.QueueBefore(tab, nil, 1000)
		note(err)
	}
	for id := uint64(1); id <= 300; id++ {
		_, err := s.Get(id)
		note(err)
	}
	_, err = s.LoadSearch()
	note(err)
	_, err = s.Update(5, func(l *domain.Lead) error { l.Name = "x"; return nil })
	note(err)
	note(s.Check())
	if damaged == 0 {
		t.Fatal("no read noticed the damage")
	}
	t.Logf("%d reads reported the damage", damaged)
}

// Engagement decays on leads nobody touches: a day-old re-score is redone
// and halves a download one half-life later.
func TestRescoreIfStaleAppliesDecay(t *testing.T) {
	now := testNow
	s, err := Open(filepath.Join(t.TempDir(), "decay.db"), Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l := newLead("Ute Alt", "Alt GmbH", 10, domain.Activity{Kind: domain.KindDownload, Funnel: domain.FunnelDecision, At: testNow})
	id, err := s.Add(l)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(id)
	if n, err := s.RescoreIfStale(24 * time.Hour); err != nil || n != 0 {
		t.Fatalf("a fresh database re-scored %d leads (%v)", n, err)
	}
	now = testNow.Add(30 * 24 * time.Hour) // one half-life of the default model
	n, err := s.RescoreIfStale(24 * time.Hour)
	if err != nil || n != 1 {
		t.Fatalf("re-scored %d leads (%v), want 1", n, err)
	}
	after, _ := s.Get(id)
	if before.Score.Engagement != 10 || after.Score.Engagement != 5 {
		t.Fatalf("engagement %v → %v, want 10 → 5", before.Score.Engagement, after.Score.Engagement)
	}
	checkConsistent(t, s)
	now = now.Add(time.Hour)
	if n, _ := s.RescoreIfStale(24 * time.Hour); n != 0 {
		t.Fatalf("re-scored again after an hour: %d", n)
	}
}
