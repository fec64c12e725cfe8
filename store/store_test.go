package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
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

// openClock opens with a clock the test moves.
func openClock(t testing.TB, path string, model domain.ScoringModel, now *time.Time) *Store {
	t.Helper()
	s, err := Open(path, Options{Scoring: model, Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func touch(kind domain.ActivityKind, funnel domain.FunnelStage, at time.Time) domain.Event {
	return domain.Event{Kind: domain.EventTouch, At: at, Touch: &domain.Touch{Kind: kind, Funnel: funnel}}
}

func newLead(name, company string, employees int, history ...domain.Event) *domain.Lead {
	return &domain.Lead{
		Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.de",
		Company: domain.Company{Name: company, Employees: employees, Country: "DE", City: "Köln", PostalCode: "50667"},
		Created: testNow.Add(-48 * time.Hour),
		History: history,
		BANT:    domain.BANT{RepEstimate: -1},
	}
}

func addLead(t testing.TB, s *Store, l *domain.Lead) uint64 {
	t.Helper()
	id, _, err := s.AddLead(l)
	if err != nil {
		t.Fatalf("AddLead(%s): %v", l.Name, err)
	}
	return id
}

// update runs a domain operation on a stored lead.
func update(t testing.TB, s *Store, id uint64, fn func(l *domain.Lead) error) *domain.Lead {
	t.Helper()
	l, err := s.Update(id, fn)
	if err != nil {
		t.Fatalf("Update(%d): %v", id, err)
	}
	return l
}

// queueRows reads a whole tab through the index.
func queueRows(t testing.TB, s *Store, tab Tab) []Row {
	t.Helper()
	rows, err := s.QueueAfter(tab, nil, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func rowIDs(rows []Row) []uint64 {
	ids := make([]uint64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

func rowNames(rows []Row) string {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	return strings.Join(names, ",")
}

// seedSimple writes n leads whose employee count (and so score) varies.
func seedSimple(t testing.TB, s *Store, n int) {
	t.Helper()
	res, err := s.AddBulk(func(yield func(*domain.Lead) bool) {
		for i := 1; i <= n; i++ {
			l := newLead(fmt.Sprintf("Lead %d", i), fmt.Sprintf("Firma %03d", i), i%7*20)
			for j := 0; j < i%5; j++ {
				l.History = append(l.History, touch(domain.KindDownload, domain.FunnelDecision, testNow.Add(-time.Duration(j)*time.Hour)))
			}
			l.Phone = fmt.Sprintf("+49 221 555%03d", i)
			if !yield(l) {
				return
			}
		}
	}, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != n {
		t.Fatalf("AddBulk added %d leads, want %d", res.Added, n)
	}
}

// checkConsistent rebuilds what every index should hold from the records
// and compares it with what they hold: one queue entry per lead at the key
// its stored score gives, with the row the lead makes; the due, duplicate
// and word entries; the counts; and, unless the rules changed, a stored
// score that the lead's explanation adds up to.
func checkConsistent(t testing.TB, s *Store) {
	t.Helper()
	err := s.view(func(tx *bolt.Tx) error {
		var want counts
		queue := map[string][]byte{}
		due, dups := map[string]bool{}, map[string]bool{}
		words := map[string][]uint64{}
		err := tx.Bucket(bucketLeads).ForEach(func(k, _ []byte) error {
			id := binary.BigEndian.Uint64(k)
			l, sc, err := s.read(tx, id)
			if err != nil {
				return err
			}
			if g := groupOf(l, sc.tier); g != sc.group {
				t.Errorf("lead %d is stored in group %d, its stage and fit say %d", id, sc.group, g)
			}
			if !s.Stale() {
				if got := domain.Score(l, s.model, fromUnix(sc.at)); got.Total != int(sc.total) || got.Tier != sc.tier {
					t.Errorf("lead %d: stored score %d %s, its explanation adds up to %d %s", id, sc.total, sc.tier, got.Total, got.Tier)
				}
			}
			en, err := s.entriesOf(l, sc)
			if err != nil {
				return err
			}
			want[sc.group]++
			queue[string(en.queueKey)] = en.row
			for _, k := range en.due {
				due[string(k)] = true
			}
			for _, k := range en.dups {
				dups[string(k)] = true
			}
			for _, w := range en.words {
				words[w] = append(words[w], id)
			}
			return nil
		})
		if err != nil {
			return err
		}
		n := 0
		if err := tx.Bucket(bucketQueue).ForEach(func(k, v []byte) error {
			n++
			row, ok := queue[string(k)]
			switch {
			case !ok:
				t.Errorf("queue entry %x belongs to no lead", k)
			case !bytes.Equal(row, v):
				r, _ := (&Store{}).decodeRow(k, v)
				t.Errorf("queue entry of lead %d is stale: %+v", r.ID, r)
			}
			return nil
		}); err != nil {
			return err
		}
		if n != len(queue) {
			t.Errorf("queue has %d entries for %d leads", n, len(queue))
		}
		for name, want := range map[string]map[string]bool{string(bucketDue): due, string(bucketDups): dups} {
			got := map[string]bool{}
			tx.Bucket([]byte(name)).ForEach(func(k, _ []byte) error { got[string(k)] = true; return nil })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("index %s holds %d keys, the leads make %d (or others)", name, len(got), len(want))
			}
		}
		got, err := readPostings(tx, t)
		if err != nil {
			return err
		}
		if len(words) == 0 {
			words = map[string][]uint64{}
		}
		if !reflect.DeepEqual(got, words) {
			for w, ids := range words {
				if !slices.Equal(got[w], ids) {
					t.Errorf("word %q: index holds %v, the leads make %v", w, got[w], ids)
					break
				}
			}
			for w := range got {
				if _, ok := words[w]; !ok {
					t.Errorf("word %q is indexed but no lead has it: %v", w, got[w])
					break
				}
			}
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		if c != want {
			t.Errorf("counts = %v, want %v", c, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readPostings reads the whole word index, checking that each word's chunks
// hold ascending ids, do not overlap and stay within chunkBytes.
func readPostings(tx *bolt.Tx, t testing.TB) (map[string][]uint64, error) {
	out := map[string][]uint64{}
	err := tx.Bucket(bucketWords).ForEach(func(k, v []byte) error {
		if len(k) < 9 || k[len(k)-9] != 0 {
			t.Errorf("word key %q has no id", k)
			return nil
		}
		w := string(k[:len(k)-9])
		if body, err := unframe(tagPosting, v); err == nil && len(body) > chunkBytes {
			t.Errorf("a chunk of %q holds %d bytes, more than %d", w, len(body), chunkBytes)
		}
		ids, err := decodePosting(postingFirst(k), v, nil)
		if err != nil {
			return err
		}
		if prev := out[w]; len(prev) > 0 && prev[len(prev)-1] >= ids[0] {
			t.Errorf("chunks of %q overlap: …%d then %d…", w, prev[len(prev)-1], ids[0])
		}
		out[w] = append(out[w], ids...)
		return nil
	})
	return out, err
}

// sameLead fails the test with both leads as JSON when they differ.
func sameLead(t testing.TB, got, want *domain.Lead) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("lead did not round-trip:\n got %s\nwant %s", g, w)
	}
}

var (
	inCET  = time.FixedZone("CET", 3600)
	oneDay = 24 * time.Hour
)

// fullLead fills every field a lead has, with times in whole seconds UTC.
func fullLead() *domain.Lead {
	at := func(h int) time.Time { return testNow.Add(time.Duration(h) * time.Hour) }
	return &domain.Lead{
		Salutation: "Herr", FirstName: "Jürgen", LastName: "Müller", Name: "Jürgen Müller", Title: "Geschäftsführer",
		Email: "juergen.mueller@mueller-maschinenbau.de", Phone: "+49 221 4711", Mobile: "+49 171 2345678",
		Company: domain.Company{Name: "Müller Maschinenbau GmbH", Website: "https://www.mueller-maschinenbau.de", Industry: "Maschinenbau",
			Employees: 120, AnnualRevenue: 18_000_000, Country: "DE", Street: "Domstraße 1", PostalCode: "50667", City: "Köln"},
		Source: "Messe", Owner: "jana", Created: at(-48), Updated: at(-2),
		ExternalIDs: map[string]string{"salesforce": "00Q5g00000AbCdE"},
		Custom:      map[string]string{"messestand": "Halle 3 🚀"},
		Stage:       domain.StageMQL, Fit: domain.FitGood, FitReason: "passt",
		Consent: domain.Consent{Status: domain.ConsentDoubleOptIn, Source: "Webformular", Date: at(-47)},
		BANT: domain.BANT{Budget: domain.Money{Cents: 5_000_000, Currency: "EUR"}, BudgetStatus: domain.BudgetConfirmed,
			Authority: domain.AuthorityDecisionMaker, AuthorityRole: "CTO", Need: "Wartung", Urgency: domain.UrgencyHigh,
			Timeline: "Q2 2027", TimelineDate: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), RepEstimate: 40, Updated: at(-5)},
		Notes:     []domain.Note{{Kind: domain.NoteWebsite, URL: "https://www.mueller-maschinenbau.de/team", Text: "Team-Seite", Created: at(-30), Updated: at(-29)}},
		Callback:  &domain.Callback{At: at(2), Note: "nach 12 Uhr"},
		NextTouch: at(72),
		Plan: &domain.OpportunityPlan{
			Team:        domain.AccountTeam{Lead: "jana", Members: []domain.TeamMember{{Name: "Tom", Role: "Technik"}, {Name: "Eva", Role: "Partner", External: true}}},
			Profile:     domain.CustomerProfile{BusinessAreas: "Sondermaschinen", Customers: "Automotive"},
			Summary:     domain.OpportunitySummary{Project: "Retrofit", Problems: "Stillstand"},
			Milestones:  []domain.Milestone{{Name: "Angebot", Due: at(24 * 7), Calculation: true, Owner: "jana"}, {Name: "Workshop", Due: at(24), Done: true}},
			KeyPersons:  []domain.KeyPerson{{Name: "Jürgen Müller", Title: "GF", Role: "decision maker", Familiarity: 3}},
			Competitors: []domain.Competitor{{Name: "Konkurrenz AG", Strengths: "Preis"}},
			Updated:     at(-4),
		},
		History: []domain.Event{
			// Out of time order on purpose; the two at -3 h keep their order.
			touch(domain.KindDownload, domain.FunnelDecision, at(-1)),
			touch(domain.KindBlogRead, domain.FunnelAwareness, at(-3)),
			{Kind: domain.EventRemark, At: at(-3), By: "jana", Text: "Sekretariat: Frau Kaya"},
			{Kind: domain.EventTouch, At: at(-6), By: "jana", Touch: &domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeCallback, Note: "später", Callback: at(2)}},
			{Kind: domain.EventStageMoved, At: at(-20), By: "jana", Stage: &domain.StageMove{From: domain.StageInquiry, To: domain.StageMQL, Reason: "Download"}},
			{Kind: domain.EventFitSet, At: at(-21), By: "jana", Fit: &domain.FitChange{From: domain.FitUnrated, To: domain.FitGood, Reason: "passt"}},
			{Kind: domain.EventConsentChanged, At: at(-47), Consent: &domain.ConsentChange{To: domain.Consent{Status: domain.ConsentDoubleOptIn, Source: "Webformular", Date: at(-47)}}},
			{Kind: domain.EventContactEdited, At: at(-10), By: "jana", Changes: []domain.FieldChange{{Field: "title", Old: "GF", New: "Geschäftsführer"}}},
			{Kind: domain.EventNoteAdded, At: at(-30), By: "jana", Note: &domain.NoteChange{New: &domain.NoteText{Kind: domain.NoteWebsite, URL: "https://www.mueller-maschinenbau.de/team", Text: "Team-Seite"}}},
			{Kind: domain.EventPlanChanged, At: at(-4), By: "jana", Plan: &domain.PlanChange{Section: "milestones", Action: domain.PlanAdded, Item: "Angebot"}},
			{Kind: domain.EventFollowUpSet, At: at(-2), By: "jana", Schedule: &domain.ScheduleChange{New: at(72)}},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, By: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	id, dups, err := s.AddLead(fullLead())
	if err != nil || len(dups) != 0 {
		t.Fatalf("AddLead = %d, %v, %v", id, dups, err)
	}
	if id != 1 {
		t.Fatalf("first id = %d, want 1", id)
	}
	dbID := s.ID()
	s.Close()

	s = openTest(t, path, domain.DefaultScoringModel())
	if s.ID() != dbID {
		t.Fatalf("database id %v became %v on reopening", dbID, s.ID())
	}
	got, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	want := fullLead()
	want.ID = id
	// The store keeps the numbers' international form beside them.
	want.PhoneE164, want.MobileE164 = "+492214711", "+491712345678"
	domain.SortHistory(want.History)
	want.History = append([]domain.Event{{Kind: domain.EventCreated, At: want.Created, By: "tester"}}, want.History...)
	if len(got.History) != len(want.History) {
		t.Fatalf("history of %d events, want %d: %+v", len(got.History), len(want.History), got.History)
	}
	for i := range want.History {
		want.History[i].ID = got.History[i].ID
		want.History[i].Origin = dbID
	}
	score := got.Score
	got.Score = domain.ScoreResult{}
	sameLead(t, got, want)

	// Fit: size 15 + revenue 5 + industry 10 + senior role 10 + DACH 5; engagement: a
	// fresh decision download (~10) and an awareness blog read (~1); BANT: four answers
	// (16), complete (4), confirmed budget (5), decision maker (5).
	if score.Fit != 45 || score.Engagement != 11 || score.BANT != 30 || score.Total != 86 || score.Tier != domain.TierHot {
		t.Errorf("score = %+v, want fit 45, engagement 11, BANT 30, total 86, hot", score)
	}
	if !score.At.Equal(testNow) || len(score.Rules) == 0 {
		t.Errorf("score explained as of %v with %d rules", score.At, len(score.Rules))
	}
	checkConsistent(t, s)
}

func TestQueueOrderAndIndexAfterUpdates(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "q.db"), domain.DefaultScoringModel())
	demo := touch(domain.KindDemoRequest, 0, testNow)
	quote := touch(domain.KindQuoteRequest, 0, testNow)
	ids := map[string]uint64{}
	for _, l := range []*domain.Lead{
		newLead("Cold Small", "Klein KG", 5),                                         // 5 (DACH)
		newLead("Warm Mid", "Mittel AG", 200),                                        // 20
		newLead("Hot One", "Groß GmbH", 200, demo, quote),                            // 45
		newLead("Warm Two", "Zwei GmbH", 300, touch(domain.KindWebinar, 0, testNow)), // 25
	} {
		ids[l.Name] = addLead(t, s, l)
	}
	checkConsistent(t, s)
	// Hot One: 20 fit + 25 engagement = 45 → warm (hot is 50); Warm Two 25 → warm; Warm Mid 20 → cold.
	if got, want := rowNames(queueRows(t, s, TabAll)), "Hot One,Warm Two,Warm Mid,Cold Small"; got != want {
		t.Fatalf("queue order = %s, want %s", got, want)
	}
	if c, _ := s.Counts(); c != (Count{Warm: 2, Cold: 2}) {
		t.Fatalf("counts = %+v, want 2 warm, 2 cold", c)
	}

	// Confirming budget and authority lifts Hot One over the hot threshold.
	update(t, s, ids["Hot One"], func(l *domain.Lead) error {
		return l.SaveBANT(domain.BANT{Budget: domain.Money{Cents: 5_000_000, Currency: "EUR"}, BudgetStatus: domain.BudgetConfirmed,
			Authority: domain.AuthorityDecisionMaker, RepEstimate: -1}, testNow, "tester")
	})
	hot := queueRows(t, s, TabHot)
	if len(hot) != 1 || hot[0].Name != "Hot One" || hot[0].Tier != domain.TierHot || hot[0].Score != 63 {
		t.Fatalf("hot tab = %+v, want only Hot One at 63", hot)
	}
	// No fit takes a lead out of the queue but keeps it under All.
	update(t, s, ids["Warm Two"], func(l *domain.Lead) error { return l.SetFit(domain.FitNone, "zu klein", testNow, "tester") })
	for _, tab := range []Tab{TabHot, TabWarm, TabCold} {
		for _, r := range queueRows(t, s, tab) {
			if r.Name == "Warm Two" {
				t.Fatalf("no-fit lead still in tab %d", tab)
			}
		}
	}
	if all := queueRows(t, s, TabAll); all[len(all)-1].Name != "Warm Two" || all[len(all)-1].InQueue {
		t.Fatalf("no-fit lead should sort last under All, got %+v", all[len(all)-1])
	}
	if c, _ := s.Counts(); c != (Count{Hot: 1, Cold: 2, Out: 1}) {
		t.Fatalf("counts = %+v, want 1 hot, 2 cold, 1 out", c)
	}
	// A failing update writes nothing.
	boom := errors.New("boom")
	gen := s.Generation()
	if _, err := s.Update(ids["Cold Small"], func(l *domain.Lead) error { l.Name = "changed"; return boom }); !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want boom", err)
	}
	if l, _ := s.Get(ids["Cold Small"]); l.Name != "Cold Small" {
		t.Fatalf("failed update changed the lead: %q", l.Name)
	}
	if s.Generation() != gen {
		t.Fatal("a failed update bumped the generation")
	}
	if _, err := s.Update(99, func(l *domain.Lead) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Update of a missing lead: %v, want ErrNotFound", err)
	}
	// Changing the email moves the duplicate index entry.
	update(t, s, ids["Cold Small"], func(l *domain.Lead) error { l.Email = "Neu@Example.DE"; return nil })
	if got, _ := s.FindDuplicates(&domain.Lead{Email: "neu@example.de"}); len(got) != 1 || got[0].ID != ids["Cold Small"] {
		t.Fatalf("FindDuplicates(new email) = %v", got)
	}
	if got, _ := s.FindDuplicates(&domain.Lead{Email: "cold.small@example.de"}); len(got) != 0 {
		t.Fatalf("old email still indexed: %v", got)
	}
	if s.Generation() == gen {
		t.Fatal("a write did not bump the generation")
	}
	checkConsistent(t, s)
}

func TestRescoreWhenRulesChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	id := addLead(t, s, newLead("Anna Schmidt", "Schmidt Software GmbH", 80))
	before, _ := s.Get(id)
	s.Close()

	// Same rules: nothing to do.
	s = openTest(t, path, domain.DefaultScoringModel())
	if s.Stale() {
		t.Fatal("stale with unchanged rules")
	}
	s.Close()

	m := domain.DefaultScoringModel()
	m.Fit[0].Points = 40 // employees 50–5000 now weighs 40 instead of 15
	s = openTest(t, path, m)
	if !s.Stale() {
		t.Fatal("not stale after a rule change")
	}
	// Open does not re-score: the queue keeps the old order until Rescore.
	if rows := queueRows(t, s, TabAll); rows[0].Score != before.Score.Total {
		t.Fatalf("Open re-scored: the queue shows %d, was %d", rows[0].Score, before.Score.Total)
	}
	if after, _ := s.Get(id); after.Score.Total != before.Score.Total+25 {
		t.Fatalf("Get explains %d under the new rules, want %d", after.Score.Total, before.Score.Total+25)
	}
	n, err := s.Rescore(context.Background(), nil)
	if err != nil || n != 1 {
		t.Fatalf("Rescore = %d, %v; want 1 lead", n, err)
	}
	if s.Stale() {
		t.Fatal("still stale after Rescore")
	}
	after, _ := s.Get(id)
	if rows := queueRows(t, s, TabAll); after.Score.Total != before.Score.Total+25 || rows[0].Score != after.Score.Total {
		t.Fatalf("score after Rescore = %d (queue %d), want %d", after.Score.Total, rows[0].Score, before.Score.Total+25)
	}
	checkConsistent(t, s)
}

// Two stores on one file, as the queue and leadq add in two processes:
// both read and write, and each sees what the other wrote.
func TestTwoStoresShareAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a := openTest(t, path, domain.DefaultScoringModel())
	b := openTest(t, path, domain.DefaultScoringModel())
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b} {
		wg.Add(1)
		go func(s *Store) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, _, err := s.AddLead(&domain.Lead{Name: fmt.Sprintf("Lead %d", i), Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.QueueAfter(TabAll, nil, 50); err != nil {
					t.Error(err)
					return
				}
			}
		}(s)
	}
	wg.Wait()
	for _, s := range []*Store{a, b} {
		if c, err := s.Counts(); err != nil || c.All() != 40 {
			t.Fatalf("counts %+v, %v: want the 40 leads both wrote", c, err)
		}
	}
	checkConsistent(t, a)
}

// A file held by another process past the busy timeout is refused, naming
// the holder when it is a leadq writer.
func TestHeldFileIsRefusedAfterTheBusyTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	s.Close()
	other, err := bolt.Open(path, 0o600, nil) // holds the file, as a writer of another process would
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	writeLockInfo(path, "leadq import messe.csv")
	start := time.Now()
	s2, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Timeout: 300 * time.Millisecond})
	if err == nil {
		_, err = s2.Counts()
		s2.Close()
	}
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "leadq import messe.csv (pid") {
		t.Fatalf("error = %v", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 2*time.Second {
		t.Fatalf("gave up after %v, want the busy timeout of 300ms", d)
	}
}

func TestRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("Einkaufsliste: Milch, Brot\n", 2000)), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	foreign := filepath.Join(dir, "other.db")
	unmarked := filepath.Join(dir, "unmarked.db")
	for path, bucket := range map[string]string{foreign: "users", unmarked: "meta"} {
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte(bucket)); return err })
		db.Close()
	}
	newer := filepath.Join(dir, "newer.db")
	s := openTest(t, newer, domain.DefaultScoringModel())
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	s.Close()

	for _, tc := range []struct {
		path, want string
	}{
		{text, "is not a leadq database"},
		{empty, "is an empty file"},
		{foreign, "is not a leadq database"},
		{unmarked, "is not a leadq database"},
		{newer, "was written by a newer leadq"},
		{dir, "is a directory"},
	} {
		before, _ := os.ReadFile(tc.path)
		s, err := Open(tc.path, Options{Scoring: domain.DefaultScoringModel()})
		if err == nil {
			s.Close()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s) error = %v, want %q", filepath.Base(tc.path), err, tc.want)
		}
		if after, _ := os.ReadFile(tc.path); !bytes.Equal(before, after) {
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
		addLead(t, s, l)
	}
	rows, err := s.DueAfter(testNow, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "Overdue Callback" || rows[0].What != domain.DueCallback || !rows[0].At.Equal(b.Callback.At) ||
		rows[1].Name != "Follow-up" || rows[1].What != domain.DueFollowUp {
		t.Fatalf("due now = %+v", rows)
	}
	// Paging on from the last key, and the note joined from the record.
	later, err := s.DueAfter(testNow.Add(3*time.Hour), rows[1].Key, 10)
	if err != nil || len(later) != 1 || later[0].ID != a.ID || later[0].Note != "nach 12 Uhr" {
		t.Fatalf("due after the second = %+v, %v", later, err)
	}
	if n, _ := s.DueCount(testNow.Add(3*time.Hour), 100); n != 3 {
		t.Fatalf("due in 3h = %d, want 3", n)
	}
	if n, _ := s.DueCount(testNow.Add(3*time.Hour), 2); n != 2 {
		t.Fatalf("due count with limit 2 = %d", n)
	}
	// Clearing the callback removes it from the index.
	update(t, s, b.ID, func(l *domain.Lead) error { l.Callback = nil; return nil })
	if n, _ := s.DueCount(testNow, 100); n != 1 {
		t.Fatalf("due after clearing = %d, want 1", n)
	}
	// A lead that leaves the queue has nothing due.
	update(t, s, c.ID, func(l *domain.Lead) error { return l.SetFit(domain.FitNone, "kein Bedarf", testNow, "tester") })
	if n, _ := s.DueCount(testNow.Add(3*time.Hour), 100); n != 1 {
		t.Fatalf("due after the follow-up's lead left the queue = %d, want 1", n)
	}
	checkConsistent(t, s)
}

// A file damaged after it was written gives errors that say so, never a
// crash, whatever is read.
func TestDamagedFileIsAnErrorNotACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "damaged.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	seedSimple(t, s, 300)
	page := 16384 // leadq's page size
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over every third page after the meta pages, keeping the page headers.
	for off := page * 2; off+600 < len(data); off += page * 3 {
		for i := off + 16; i < off+600; i++ {
			data[i] = 0xff
		}
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
	if err != nil {
		if !errors.Is(err, ErrDamaged) && !strings.Contains(err.Error(), "damaged") && !strings.Contains(err.Error(), "not a leadq database") {
			t.Fatalf("Open of a damaged file: %v", err)
		}
		return
	}
	defer s.Close()
	damaged := 0
	note := func(err error) {
		if err != nil {
			if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotFound) {
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
		_, err = s.Search(context.Background(), tab, "lead", 50)
		note(err)
		_, _, err = s.CountMatches(context.Background(), tab, "firma", 1000)
		note(err)
	}
	for id := uint64(1); id <= 300; id++ {
		_, err := s.Get(id)
		note(err)
	}
	_, err = s.DueAfter(testNow.Add(oneDay), nil, 100)
	note(err)
	_, err = s.Update(5, func(l *domain.Lead) error { l.Name = "x"; return nil })
	note(err)
	_, err = s.Rescore(context.Background(), nil)
	note(err)
	// Check words bbolt's own findings too; it names the damage in its text.
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Check of a damaged file: %v", err)
	}
	if damaged == 0 {
		t.Fatal("no read noticed the damage")
	}
	t.Logf("%d reads reported the damage", damaged)
}

// Engagement decays on leads nobody touches: a day-old re-score is redone
// and halves a download one half-life later.
func TestRescoreIfStaleAppliesDecay(t *testing.T) {
	now := testNow
	s := openClock(t, filepath.Join(t.TempDir(), "decay.db"), domain.DefaultScoringModel(), &now)
	ctx := context.Background()
	id := addLead(t, s, newLead("Ute Alt", "Alt GmbH", 10, touch(domain.KindDownload, domain.FunnelDecision, testNow)))
	before, _ := s.Get(id)
	if n, err := s.RescoreIfStale(ctx, oneDay, nil); err != nil || n != 0 {
		t.Fatalf("a fresh database re-scored %d leads (%v)", n, err)
	}
	now = testNow.Add(30 * oneDay) // one half-life of the default model
	var progress [][2]int
	n, err := s.RescoreIfStale(ctx, oneDay, func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil || n != 1 {
		t.Fatalf("re-scored %d leads (%v), want 1", n, err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{1, 1} {
		t.Errorf("progress = %v, want it to end at 1 of 1", progress)
	}
	after, _ := s.Get(id)
	if before.Score.Engagement != 10 || after.Score.Engagement != 5 || !after.Score.At.Equal(now) {
		t.Fatalf("engagement %v → %v (as of %v), want 10 → 5", before.Score.Engagement, after.Score.Engagement, after.Score.At)
	}
	if rows := queueRows(t, s, TabAll); rows[0].Score != after.Score.Total {
		t.Fatalf("queue shows %d, the lead %d", rows[0].Score, after.Score.Total)
	}
	checkConsistent(t, s)
	now = now.Add(time.Hour)
	if n, _ := s.RescoreIfStale(ctx, oneDay, nil); n != 0 {
		t.Fatalf("re-scored again after an hour: %d", n)
	}
	// A rule change makes it re-score however fresh the last one is.
	s.Close()
	m := domain.DefaultScoringModel()
	m.Fit[len(m.Fit)-1].Points = 9 // DACH 5 → 9
	s = openClock(t, s.Path(), m, &now)
	if n, err := s.RescoreIfStale(ctx, oneDay, nil); err != nil || n != 1 || s.Stale() {
		t.Fatalf("after a rule change RescoreIfStale = %d, %v (stale %v); want 1", n, err, s.Stale())
	}
}
