package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/domain/synth"
)

func searchIDs(t testing.TB, s *Store, tab Tab, q string) []uint64 {
	t.Helper()
	res, err := s.Search(context.Background(), tab, q, 1000)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	if res.AtLeast || res.Total != len(res.Rows) {
		t.Fatalf("Search(%q): total %d (at least %v) for %d rows", q, res.Total, res.AtLeast, len(res.Rows))
	}
	ids := rowIDs(res.Rows)
	slices.Sort(ids)
	return ids
}

// Search folds German spellings on both sides and reads phone numbers in
// national and international form.
func TestSearchFoldsSpellingsAndPhoneNumbers(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "fold.db"), domain.DefaultScoringModel())
	lead := func(name, city, plz, phone string) uint64 {
		l := newLead(name, "Firma "+name, 80)
		l.Company.City, l.Company.PostalCode, l.Phone = city, plz, phone
		return addLead(t, s, l)
	}
	jurgen := lead("Jürgen Müller", "München", "80331", "+49 30 48163277")
	karin := lead("Karin Mueller", "Hamburg", "20095", "")
	hans := lead("Hans Schmidt", "Muenchen", "80331", "+43 1 5880")
	lead("Bauer Quelle", "Köln", "50667", "0221 1234567")
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{"Mueller", []uint64{jurgen, karin}},
		{"Muller", []uint64{jurgen, karin}},
		{"Müller", []uint64{jurgen, karin}},
		{"MÜLLER", []uint64{jurgen, karin}},
		{"mül", []uint64{jurgen, karin}},
		{"Muenchen", []uint64{jurgen, hans}},
		{"München", []uint64{jurgen, hans}},
		{"munchen", []uint64{jurgen, hans}},
		{"müller münchen", []uint64{jurgen}},
		{"münchen müller", []uint64{jurgen}},
		{"müller hamburg", []uint64{karin}},
		{"müller köln", nil},
		{"jürgen", []uint64{jurgen}},
		{"juergen", []uint64{jurgen}},
		{"030 48163277", []uint64{jurgen}},
		{"+49 30 48163277", []uint64{jurgen}},
		{"0049 30 4816", []uint64{jurgen}},
		{"+49304816", []uint64{jurgen}},
		{"01 5880", []uint64{hans}}, // a national number of a neighbour (AT)
		{"0221 123", []uint64{4}},
		{"030 48163278", nil},
		{"quelle", []uint64{4}}, // ue after q is no umlaut
		{"qulle", nil},
	} {
		if got := searchIDs(t, s, TabAll, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// Matches come in queue order: hot before warm before cold, the higher
// score first; a sparse query counts its matches exactly.
func TestSearchResultsInQueueOrder(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "order.db"), domain.DefaultScoringModel())
	for i := range 30 {
		l := newLead(fmt.Sprintf("Meier %d", i), fmt.Sprintf("Meier %d GmbH", i), 10+i*20)
		for j := range i % 6 {
			l.History = append(l.History, touch(domain.KindDownload, domain.FunnelDecision, testNow.Add(-time.Duration(j)*time.Hour)))
		}
		if i%7 == 3 {
			l.Fit = domain.FitLow
		}
		addLead(t, s, l)
		addLead(t, s, newLead(fmt.Sprintf("Other %d", i), "Other GmbH", 10+i*20))
	}
	c, _ := s.Counts()
	if c.Hot == 0 || c.Warm == 0 || c.Cold == 0 {
		t.Fatalf("want leads in every tier, counts %+v", c)
	}
	ctx := context.Background()
	for _, tab := range []Tab{TabAll, TabHot, TabWarm, TabCold} {
		var want []uint64
		for _, r := range queueRows(t, s, tab) {
			if strings.HasPrefix(r.Name, "Meier") {
				want = append(want, r.ID)
			}
		}
		res, err := s.Search(ctx, tab, "meier", 7)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != len(want) || res.AtLeast || !slices.Equal(rowIDs(res.Rows), want[:min(7, len(want))]) {
			t.Errorf("tab %d: Search = %v of %d, want %v of %d", tab, rowIDs(res.Rows), res.Total, want[:min(7, len(want))], len(want))
		}
		rows := res.Rows
		for i := 1; i < len(rows); i++ {
			if rows[i-1].Tier > rows[i].Tier || rows[i-1].Tier == rows[i].Tier && rows[i-1].Score < rows[i].Score {
				t.Errorf("tab %d: %s (%s %d) before %s (%s %d)", tab, rows[i-1].Name, rows[i-1].Tier, rows[i-1].Score, rows[i].Name, rows[i].Tier, rows[i].Score)
			}
		}
	}
}

// wordMatches counts the leads with a search word starting with prefix:
// the oracle for the index.
func wordMatches(leads []*domain.Lead, prefix string) int {
	n := 0
	for _, l := range leads {
		for _, w := range domain.SearchWords(l, "DE") {
			if strings.HasPrefix(w, prefix) {
				n++
				break
			}
		}
	}
	return n
}

// Over a few thousand synthetic leads a rare query is counted exactly and
// a common one returns a full first page at once, with CountMatches to
// count the rest.
func TestSearchSparseAndDense(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "synth.db"), domain.DefaultScoringModel())
	var leads []*domain.Lead
	for l := range synth.New(1, testNow).Leads(4000) {
		leads = append(leads, l)
	}
	if _, err := s.AddBulk(slices.Values(leads), BulkOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	order := map[uint64]int{}
	for i, r := range queueRows(t, s, TabAll) {
		order[r.ID] = i
	}
	inOrder := func(rows []Row) bool {
		return slices.IsSortedFunc(rows, func(a, b Row) int { return order[a.ID] - order[b.ID] })
	}
	// "m" starts a word of fewer leads than the sparse limit: exact.
	m := wordMatches(leads, "m")
	if m == 0 || m > sparseMax {
		t.Fatalf("%d leads match m; the test wants a sparse query", m)
	}
	res, err := s.Search(ctx, TabAll, "m", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 50 || res.Total != m || res.AtLeast || !inOrder(res.Rows) {
		t.Errorf(`Search("m") = %d rows of %d (at least %v), want 50 of %d in queue order`, len(res.Rows), res.Total, res.AtLeast, m)
	}
	if n, more, _ := s.CountMatches(ctx, TabAll, "m", 1<<30); n != m || more {
		t.Errorf(`CountMatches("m") = %d, want %d`, n, m)
	}
	// "de" (the mail domains) starts a word of more: the queue is walked
	// for a screenful, and the count is left to CountMatches.
	de := wordMatches(leads, "de")
	if de <= sparseMax || de > midMax {
		t.Fatalf("%d leads match de; the test wants one between %d and %d", de, sparseMax, midMax)
	}
	want := queueRows(t, s, TabAll)
	want = slices.DeleteFunc(want, func(r Row) bool {
		return !slices.ContainsFunc(leadsOf(t, s, r.ID), func(w string) bool { return strings.HasPrefix(w, "de") })
	})
	res, err = s.Search(ctx, TabAll, "de", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 50 || res.Total != 50 || !res.AtLeast || !slices.Equal(rowIDs(res.Rows), rowIDs(want[:50])) {
		t.Errorf(`Search("de") = %d rows of %d (at least %v), want the first 50 of %d in queue order, at least`, len(res.Rows), res.Total, res.AtLeast, de)
	}
	// With more matches than the set takes, the same.
	defer func(old int) { midMax = old }(midMax)
	midMax = sparseMax
	res, err = s.Search(ctx, TabAll, "de", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 50 || res.Total != 50 || !res.AtLeast || !inOrder(res.Rows) {
		t.Errorf(`Search("de") = %d rows of %d (at least %v), want a full page of 50, at least`, len(res.Rows), res.Total, res.AtLeast)
	}
	if !slices.Equal(rowIDs(res.Rows), rowIDs(want[:50])) {
		t.Errorf(`Search("de") is not the first 50 matches in queue order`)
	}
	if n, more, _ := s.CountMatches(ctx, TabAll, "de", 1<<30); n != de || more {
		t.Errorf(`CountMatches("de") = %d (at least %v), want %d`, n, more, de)
	}
	if n, more, _ := s.CountMatches(ctx, TabAll, "de", 100); n != 100 || !more {
		t.Errorf(`CountMatches("de", max 100) = %d (at least %v), want 100, at least`, n, more)
	}
	// Rare and common together narrow to the rare one's matches.
	l := leads[1234]
	words := domain.SearchWords(l, "DE")
	q := words[len(words)-1] + " de"
	res, _ = s.Search(ctx, TabAll, q, 50)
	if res.AtLeast || !slices.Contains(rowIDs(res.Rows), l.ID) || res.Total > 50 {
		t.Errorf("Search(%q) = %d rows of %d, want lead %d among few", q, len(res.Rows), res.Total, l.ID)
	}
	if n, _, _ := s.CountMatches(ctx, TabAll, q, 1<<30); n != res.Total {
		t.Errorf("Search(%q) counts %d, CountMatches %d", q, res.Total, n)
	}
}

// leadsOf reads the search words of a stored lead.
func leadsOf(t testing.TB, s *Store, id uint64) []string {
	t.Helper()
	l, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return domain.SearchWords(l, s.DefaultCountry())
}

// Update writes the score, queue entry, due, duplicate and word entries of
// the lead as changed: it is found by its new name, email and phone only.
func TestUpdateKeepsEveryIndexInStep(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "upd.db"), domain.DefaultScoringModel())
	l := newLead("Jürgen Müller", "Müller Maschinenbau GmbH", 80)
	l.Email, l.Phone = "juergen@mueller.de", "+49 30 48163277"
	id := addLead(t, s, l)
	other := newLead("Karin Müller", "Andere GmbH", 80)
	other.Phone = "+49 40 1234567"
	otherID := addLead(t, s, other)
	before := queueRows(t, s, TabAll)
	got := update(t, s, id, func(l *domain.Lead) error {
		return l.EditContact(func(c *domain.Lead) error {
			c.Name, c.Email, c.Phone, c.Title = "Karl Schneider", "karl@schneider.de", "089 1234567", "Geschäftsführer"
			c.Company.Name, c.Company.City, c.Company.PostalCode = "Schneider AG", "Augsburg", "86150"
			return nil
		}, testNow, "tester")
	})
	if got.History[len(got.History)-1].Kind != domain.EventContactEdited {
		t.Fatalf("no contact-edited event: %+v", got.History)
	}
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{"schneider", []uint64{id}}, {"karl", []uint64{id}}, {"augsburg", []uint64{id}}, {"089 1234567", []uint64{id}},
		{"müller", []uint64{otherID}}, {"jürgen", nil}, {"maschinenbau", nil}, {"030 48163277", nil}, {"juergen", nil},
		{"koln", []uint64{otherID}},
	} {
		if got := searchIDs(t, s, TabAll, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("after the edit Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	for _, tc := range []struct {
		probe *domain.Lead
		want  int
	}{
		{&domain.Lead{Email: "KARL@schneider.de"}, 1},
		{&domain.Lead{Email: "juergen@mueller.de"}, 0},
		{&domain.Lead{Phone: "+49 89 1234567"}, 1},
		{&domain.Lead{Phone: "030 48163277"}, 0},
	} {
		dups, err := s.FindDuplicates(tc.probe)
		if err != nil || len(dups) != tc.want || tc.want == 1 && dups[0].ID != id {
			t.Errorf("FindDuplicates(%s%s) = %+v, %v; want %d", tc.probe.Email, tc.probe.Phone, dups, err, tc.want)
		}
	}
	// The senior title lifts the score: the queue row moved with it.
	after := queueRows(t, s, TabAll)
	if after[0].ID != id || after[0].Name != "Karl Schneider" || after[0].Company != "Schneider AG" || after[0].Score != before[0].Score+10 {
		t.Fatalf("queue after the edit: %+v (before %+v)", after, before)
	}
	checkConsistent(t, s)
}

// A word shared by thousands of leads is split into chunks, every lead is
// in one of them, and a lead that loses the word leaves only its own place.
func TestPostingListsSplitAndShrink(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "postings.db"), domain.DefaultScoringModel())
	addLead(t, s, newLead("Erste Person", "Anfang GmbH", 10)) // id 1, not in the town
	const n = 5000
	_, err := s.AddBulk(func(yield func(*domain.Lead) bool) {
		for i := range n {
			l := newLead(fmt.Sprintf("Person %d", i), "Dorf GmbH", 10)
			l.Company.City = "Kleinhausen"
			if !yield(l) {
				return
			}
		}
	}, BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	term := domain.ParseQuery("kleinhausen", "DE")[0]
	town := func() ([]uint64, [][]byte) {
		var ids []uint64
		var chunks [][]byte
		err := s.view(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketWords)
			var ok bool
			var err error
			ids, ok, err = s.matchIDs(b, term, 2*n)
			if !ok {
				t.Fatal("matchIDs gave up")
			}
			cur := b.Cursor()
			for k, _ := cur.Seek([]byte("kleinhausen\x00")); k != nil && strings.HasPrefix(string(k), "kleinhausen\x00"); k, _ = cur.Next() {
				chunks = append(chunks, append([]byte(nil), k...))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ids, chunks
	}
	ids, chunks := town()
	if len(ids) != n || ids[0] != 2 || ids[n-1] != n+1 {
		t.Fatalf("the town's word holds %d leads (%v…), want %d", len(ids), ids[:min(3, len(ids))], n)
	}
	if len(chunks) < 3 {
		t.Fatalf("%d leads in %d chunks; want them split", n, len(chunks))
	}
	checkConsistent(t, s)
	ctx := context.Background()
	if got, more, _ := s.CountMatches(ctx, TabAll, "kleinhausen", 1<<30); got != n || more {
		t.Fatalf("CountMatches = %d, want %d", got, n)
	}

	// Leads leave the town: one mid-chunk, the first of a chunk, the first
	// and the last of all.
	secondFirst := postingFirst(chunks[1])
	leave := []uint64{100, secondFirst, 2, n + 1}
	for _, id := range leave {
		update(t, s, id, func(l *domain.Lead) error { l.Company.City = "Großstadt"; return nil })
	}
	ids, _ = town()
	if len(ids) != n-len(leave) {
		t.Fatalf("%d leads left in the town, want %d", len(ids), n-len(leave))
	}
	for _, id := range leave {
		if slices.Contains(ids, id) {
			t.Fatalf("lead %d left but is still found there", id)
		}
	}
	want := slices.Clone(leave)
	slices.Sort(want)
	if got := searchIDs(t, s, TabAll, "großstadt"); !slices.Equal(got, want) {
		t.Fatalf("Search(großstadt) = %v, want %v", got, want)
	}
	checkConsistent(t, s)

	// Coming back, and moving in before everyone (lead 1), each finds its place.
	for _, id := range append(leave, 1) {
		update(t, s, id, func(l *domain.Lead) error { l.Company.City = "Kleinhausen"; return nil })
	}
	if ids, _ = town(); len(ids) != n+1 || ids[0] != 1 || !slices.IsSorted(ids) {
		t.Fatalf("after moving back the town holds %d leads from %d, want %d from 1", len(ids), ids[0], n+1)
	}
	if got := searchIDs(t, s, TabAll, "großstadt"); len(got) != 0 {
		t.Fatalf("Search(großstadt) = %v after everyone left", got)
	}
	// A new lead joins at the end.
	id := addLead(t, s, func() *domain.Lead {
		l := newLead("Neu Zugezogen", "Dorf GmbH", 10)
		l.Company.City = "Kleinhausen"
		return l
	}())
	if ids, _ = town(); len(ids) != n+2 || ids[len(ids)-1] != id {
		t.Fatalf("the new lead %d is not in the town (%d leads)", id, len(ids))
	}
	checkConsistent(t, s)
}

// Removing a word from one lead of a few removes only that lead.
func TestRemovingAWordRemovesOnlyThatLead(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "rm.db"), domain.DefaultScoringModel())
	var ids []uint64
	for i := range 5 {
		ids = append(ids, addLead(t, s, newLead(fmt.Sprintf("Schulz %c", 'A'+i), "Schulz KG", 10)))
	}
	update(t, s, ids[2], func(l *domain.Lead) error {
		l.Name, l.Company.Name, l.Email = "Meyer C", "Meyer KG", "meyer.c@example.de"
		return nil
	})
	if got := searchIDs(t, s, TabAll, "schulz"); !slices.Equal(got, []uint64{ids[0], ids[1], ids[3], ids[4]}) {
		t.Fatalf("Search(schulz) = %v", got)
	}
	if got := searchIDs(t, s, TabAll, "meyer"); !slices.Equal(got, []uint64{ids[2]}) {
		t.Fatalf("Search(meyer) = %v", got)
	}
	// A word the lead keeps in another field stays.
	update(t, s, ids[0], func(l *domain.Lead) error { l.Name = "Anna A"; return nil })
	if got := searchIDs(t, s, TabAll, "schulz"); !slices.Equal(got, []uint64{ids[0], ids[1], ids[3], ids[4]}) {
		t.Fatalf("Search(schulz) after a rename that keeps the company = %v", got)
	}
	checkConsistent(t, s)
}

// The default country reads the phone numbers of leads without one into
// search words and duplicate keys. It is a setting and may change between
// opens; an update must still remove the entries the lead was indexed
// under, or the lead stays findable by a number it no longer has.
func TestDefaultCountryChangeKeepsIndexesInStep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "country.db")
	open := func(country string) *Store {
		s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, DefaultCountry: country})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open("DE")
	l := newLead("Anna Schmidt", "Schmidt GmbH", 80)
	l.Company.Country, l.Company.PostalCode, l.Phone = "", "", "030 48163277"
	id := addLead(t, s, l)
	s.Close()

	s = open("AT")
	update(t, s, id, func(l *domain.Lead) error { l.Phone = "+49 89 1234567"; return nil })
	if got := searchIDs(t, s, TabAll, "+49 30 48163277"); len(got) != 0 {
		t.Errorf("the lead is still found by its old number: %v", got)
	}
	if got := searchIDs(t, s, TabAll, "+49 89 1234567"); len(got) != 1 {
		t.Errorf("the lead is not found by its new number: %v", got)
	}
	checkConsistent(t, s)
}
