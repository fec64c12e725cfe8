package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"leadq/domain"
)

// AddLead refuses what the forms refuse, says which fields are wrong and
// stores nothing.
func TestAddLeadRefusesWhatTheFormRefuses(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "add.db"), domain.DefaultScoringModel())
	for _, tc := range []struct {
		name   string
		edit   func(l *domain.Lead)
		fields []string
	}{
		{"bad email", func(l *domain.Lead) { l.Email = "bad@" }, []string{"email"}},
		{"bad phone", func(l *domain.Lead) { l.Phone = "abc" }, []string{"phone"}},
		{"bad mobile", func(l *domain.Lead) { l.Mobile = "12" }, []string{"mobile"}},
		{"unknown country", func(l *domain.Lead) { l.Company.Country = "Atlantis" }, []string{"country"}},
		{"no name", func(l *domain.Lead) { l.Name = " " }, []string{"name"}},
		{"no company", func(l *domain.Lead) { l.Company.Name = "" }, []string{"company"}},
		{"bad postal code", func(l *domain.Lead) { l.Company.PostalCode = "123" }, []string{"postal_code"}},
		{"bad website", func(l *domain.Lead) { l.Company.Website = "ht!tp://" }, []string{"website"}},
		{"all at once", func(l *domain.Lead) { l.Email, l.Phone = "bad@", "abc" }, []string{"email", "phone"}},
	} {
		l := newLead("Anna Schmidt", "Schmidt GmbH", 80)
		tc.edit(l)
		gen := s.Generation()
		id, dups, err := s.AddLead(l)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: AddLead = %d, %v; want a *ValidationError", tc.name, id, err)
			continue
		}
		var fields []string
		for _, f := range ve.Fields {
			fields = append(fields, f.Field)
		}
		if !slices.Equal(fields, tc.fields) || ve.Error() != ve.Fields[0].Error() {
			t.Errorf("%s: fields %v (%q), want %v", tc.name, fields, ve.Error(), tc.fields)
		}
		if id != 0 || dups != nil || l.ID != 0 || s.Generation() != gen {
			t.Errorf("%s: a refused lead got id %d/%d", tc.name, id, l.ID)
		}
	}
	if n, _ := s.CountRecords(); n != 0 {
		t.Fatalf("%d refused leads were stored", n)
	}
	if c, _ := s.Counts(); c.All() != 0 {
		t.Fatalf("counts %+v after refusals", c)
	}
	checkConsistent(t, s)
}

// AddLead keeps a lead in leadq's form and adds a "created" event.
func TestAddLeadNormalises(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "norm.db"), Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, By: "jana"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for country, want := range map[string]string{"Deutschland": "DE", "germany": "DE", "Österreich": "AT", "Schweiz": "CH", "de": "DE", "": ""} {
		l := &domain.Lead{FirstName: " Anna ", LastName: "Schmidt", Email: " Anna.Schmidt@EXAMPLE.DE ",
			Company: domain.Company{Name: " Schmidt GmbH ", Country: country}, Custom: map[string]string{"CRM-ID": "42"}, BANT: domain.BANT{RepEstimate: -1}}
		id := addLead(t, s, l)
		got, err := s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Company.Country != want || got.Name != "Anna Schmidt" || got.FirstName != "Anna" || got.Company.Name != "Schmidt GmbH" ||
			got.Email != "Anna.Schmidt@example.de" || !reflect.DeepEqual(got.Custom, map[string]string{"crm_id": "42"}) {
			t.Errorf("country %q stored as %+v", country, got)
		}
		if len(got.History) != 1 || got.History[0].Kind != domain.EventCreated || !got.History[0].At.Equal(testNow) ||
			got.History[0].By != "jana" || got.History[0].ID.IsZero() || !got.Created.Equal(testNow) {
			t.Errorf("history of a new lead = %+v, created %v; want one created event by jana now", got.History, got.Created)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("AddLead left the lead as %+v, stored %+v", l, got)
		}
	}
	checkConsistent(t, s)
}

// A lead that shares an email (in any case) or a phone number (in any
// notation) with stored leads is reported as their duplicate and still
// added.
func TestAddLeadReportsDuplicates(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "dups.db"), domain.DefaultScoringModel())
	lead := func(name, email, phone, mobile string) *domain.Lead {
		l := newLead(name, "Schmidt GmbH", 80)
		l.Email, l.Phone, l.Mobile = email, phone, mobile
		return l
	}
	for _, tc := range []struct {
		lead *domain.Lead
		want []Duplicate
	}{
		{lead("Anna Schmidt", "Anna.Schmidt@example.de", "+49 30 48163277", ""), nil},
		{lead("Anna Zwei", "anna.schmidt@EXAMPLE.DE", "", ""), []Duplicate{{ID: 1, By: "email", Key: "anna.schmidt@example.de"}}},
		{lead("Anna Drei", "anna3@example.de", "030 48163277", ""), []Duplicate{{ID: 1, By: "phone", Key: "+493048163277"}}},
		{lead("Anna Vier", "ANNA.SCHMIDT@example.de", "(030) 4816-3277", ""), []Duplicate{
			{ID: 1, By: "email", Key: "anna.schmidt@example.de"}, {ID: 2, By: "email", Key: "anna.schmidt@example.de"},
			{ID: 3, By: "phone", Key: "+493048163277"}}},
		{lead("Anna Fünf", "anna5@example.de", "+49 89 1234567", "0049 30 48163277"), []Duplicate{
			{ID: 1, By: "phone", Key: "+493048163277"}, {ID: 3, By: "phone", Key: "+493048163277"}, {ID: 4, By: "phone", Key: "+493048163277"}}},
		{lead("Anna Sechs", "anna6@example.de", "+49 30 48163278", ""), nil},
	} {
		id, dups, err := s.AddLead(tc.lead)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(dups, tc.want) {
			t.Errorf("%s: duplicates %+v, want %+v", tc.lead.Name, dups, tc.want)
		}
		if l, err := s.Get(id); err != nil || l.Name != tc.lead.Name || l.History[0].Kind != domain.EventCreated {
			t.Errorf("%s was not stored: %+v, %v", tc.lead.Name, l, err)
		}
	}
	if c, _ := s.Counts(); c.All() != 6 {
		t.Fatalf("counts %+v, want 6 leads", c)
	}
	// A stored lead is no duplicate of itself.
	l, _ := s.Get(6)
	if dups, _ := s.FindDuplicates(l); len(dups) != 0 {
		t.Fatalf("lead 6 is its own duplicate: %+v", dups)
	}
	checkConsistent(t, s)
}

// AddBulk asks about every lead that shares an email or phone with a
// stored lead or one added earlier in the same run, and skips, adds or
// merges as told.
func TestAddBulkOnDuplicate(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "bulkdups.db"), domain.DefaultScoringModel())
	lead := func(name, email, phone, action, city string) *domain.Lead {
		l := newLead(name, "Bulk GmbH", 80)
		l.Email, l.Phone, l.Source = email, phone, action
		if city != "" {
			l.Company.City = city
		}
		return l
	}
	addLead(t, s, lead("Alpha Eins", "a@x.de", "", "", ""))
	addLead(t, s, lead("Beta Zwei", "b@x.de", "+49 30 48163277", "", ""))
	type call struct {
		name     string
		existing uint64
		by       string
	}
	var calls []call
	onDup := func(l, existing *domain.Lead, d Duplicate) (DupAction, error) {
		calls = append(calls, call{l.Name, existing.ID, d.By})
		if d.ID != existing.ID {
			t.Errorf("%s: told of lead %d, given lead %d", l.Name, d.ID, existing.ID)
		}
		switch l.Source {
		case "skip":
			return DupSkip, nil
		case "merge":
			existing.Company.City = l.Company.City
			existing.History = append(existing.History, domain.Event{Kind: domain.EventMerged, At: testNow,
				Changes: []domain.FieldChange{{Field: "city", Old: "Köln", New: l.Company.City}}})
			return DupMerge, nil
		}
		return DupNew, nil
	}
	batch := []*domain.Lead{
		lead("Gamma Drei", "c@x.de", "", "", ""),
		lead("Alpha Dup", "A@X.DE", "", "skip", ""),
		lead("Beta Dup", "beta@elsewhere.de", "030 48163277", "merge", "Potsdam"),
		lead("Delta Vier", "d@x.de", "", "", ""),
		lead("Delta Dup", "d@x.de", "", "merge", "Dresden"), // a lead of this very run
		lead("Echo Fünf", "e@x.de", "", "", ""),
		lead("Echo Zwei", "e@x.de", "", "new", ""),
		lead("Echo Drei", "E@x.de", "", "skip", ""),
		lead("Foxtrot Sechs", "f@x.de", "", "", ""),
	}
	res, err := s.AddBulk(slices.Values(batch), BulkOptions{OnDuplicate: onDup, Normalise: true})
	if err != nil {
		t.Fatal(err)
	}
	if res != (BulkResult{Added: 5, Merged: 2, Skipped: 2}) {
		t.Fatalf("AddBulk = %+v, want 5 added, 2 merged, 2 skipped", res)
	}
	wantCalls := []call{{"Alpha Dup", 1, "email"}, {"Beta Dup", 2, "phone"}, {"Delta Dup", 4, "email"}, {"Echo Zwei", 5, "email"}, {"Echo Drei", 5, "email"}}
	if !reflect.DeepEqual(calls, wantCalls) {
		t.Fatalf("OnDuplicate heard %+v, want %+v", calls, wantCalls)
	}
	// Skipped and merged leads take no id.
	for id, name := range map[uint64]string{3: "Gamma Drei", 4: "Delta Vier", 5: "Echo Fünf", 6: "Echo Zwei", 7: "Foxtrot Sechs"} {
		if l, err := s.Get(id); err != nil || l.Name != name {
			t.Errorf("lead %d = %v, %v; want %s", id, l, err, name)
		}
	}
	if _, err := s.Get(8); !errors.Is(err, ErrNotFound) {
		t.Errorf("lead 8: %v, want ErrNotFound", err)
	}
	if c, _ := s.Counts(); c.All() != 7 {
		t.Fatalf("counts %+v, want 7 leads", c)
	}
	ctx := context.Background()
	for q, want := range map[string][]uint64{"potsdam": {2}, "dresden": {4}, "delta": {4}, "dup": nil, "echo": {5, 6}, "koln": {1, 3, 5, 6, 7}} {
		res, err := s.Search(ctx, TabAll, q, 10)
		got := rowIDs(res.Rows)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, %v; want %v", q, got, err, want)
		}
	}
	for id, city := range map[uint64]string{2: "Potsdam", 4: "Dresden"} {
		l, _ := s.Get(id)
		if l.Company.City != city || l.History[len(l.History)-1].Kind != domain.EventMerged || l.History[len(l.History)-1].ID.IsZero() {
			t.Errorf("lead %d was not merged: %s, %+v", id, l.Company.City, l.History)
		}
	}
	if dups, _ := s.FindDuplicates(&domain.Lead{Email: "e@x.de"}); len(dups) != 2 || dups[0].ID != 5 || dups[1].ID != 6 {
		t.Errorf("FindDuplicates(e@x.de) = %+v, want leads 5 and 6", dups)
	}
	checkConsistent(t, s)
}

// Without OnDuplicate nothing is looked for: rows that share an email are
// all added, and all found as duplicates later.
func TestAddBulkWithoutOnDuplicateAddsAll(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "seed.db"), domain.DefaultScoringModel())
	a, b := newLead("Anna Eins", "A GmbH", 10), newLead("Anna Zwei", "B GmbH", 10)
	a.Email, b.Email = "anna@x.de", "Anna@X.de"
	res, err := s.AddBulk(slices.Values([]*domain.Lead{a, b}), BulkOptions{})
	if err != nil || res != (BulkResult{Added: 2}) {
		t.Fatalf("AddBulk = %+v, %v", res, err)
	}
	if dups, _ := s.FindDuplicates(&domain.Lead{Email: "ANNA@x.de"}); len(dups) != 2 {
		t.Fatalf("FindDuplicates = %+v, want both", dups)
	}
	checkConsistent(t, s)
}

// An error stops the bulk load; the leads of its transaction are not
// stored, and the ids they would have had are given out again.
func TestAddBulkErrorStoresNothingOfItsBatch(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "bulkerr.db"), domain.DefaultScoringModel())
	addLead(t, s, newLead("Stored First", "A GmbH", 10))
	boom := errors.New("boom")
	batch := []*domain.Lead{newLead("New One", "B GmbH", 10), newLead("Stored Again", "C GmbH", 10), newLead("Never", "D GmbH", 10)}
	batch[1].Email = "stored.first@example.de"
	_, err := s.AddBulk(slices.Values(batch), BulkOptions{OnDuplicate: func(l, existing *domain.Lead, d Duplicate) (DupAction, error) {
		existing.Name = "changed"
		return DupMerge, boom
	}})
	if !errors.Is(err, boom) {
		t.Fatalf("AddBulk error = %v, want boom", err)
	}
	// A lead that cannot be normalised fails its batch as well.
	bad := newLead("Bad Country", "E GmbH", 10)
	bad.Company.Country = "Atlantis"
	if _, err := s.AddBulk(slices.Values([]*domain.Lead{newLead("Fine", "F GmbH", 10), bad}), BulkOptions{Normalise: true}); err == nil {
		t.Fatal("AddBulk stored a lead of an unknown country")
	}
	if n, _ := s.CountRecords(); n != 1 {
		t.Fatalf("%d records after failed bulk loads, want 1", n)
	}
	if l, _ := s.Get(1); l.Name != "Stored First" {
		t.Fatalf("a failed merge changed the stored lead: %q", l.Name)
	}
	if id := addLead(t, s, newLead("Next", "G GmbH", 10)); id != 2 {
		t.Fatalf("the next lead got id %d, want 2", id)
	}
	checkConsistent(t, s)
}

// When AddBulk returns it has stopped reading the leads: the caller may
// close the file they come from. On an error, it must not leave a
// goroutine behind that still runs the caller's iterator.
func TestAddBulkStopsReadingWhenItReturns(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "stop.db"), domain.DefaultScoringModel())
	addLead(t, s, newLead("Anna Schmidt", "Schmidt GmbH", 80))
	var returned, readAfter atomic.Bool
	finished := make(chan struct{})
	leads := func(yield func(*domain.Lead) bool) {
		defer close(finished)
		if !yield(newLead("Anna Schmidt", "Doppelt GmbH", 80)) {
			return
		}
		time.Sleep(100 * time.Millisecond) // reading the next row of a slow file
		readAfter.Store(returned.Load())
		yield(newLead("Bert Zwei", "Zwei GmbH", 80))
	}
	boom := errors.New("boom")
	_, err := s.AddBulk(leads, BulkOptions{OnDuplicate: func(l, existing *domain.Lead, d Duplicate) (DupAction, error) { return DupNew, boom }})
	returned.Store(true)
	if !errors.Is(err, boom) {
		t.Fatalf("AddBulk = %v, want boom", err)
	}
	<-finished
	if readAfter.Load() {
		t.Fatal("the leads were still being read after AddBulk returned")
	}
}
