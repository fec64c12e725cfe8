package store

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"leadq/domain"
)

func importRows(leads ...*domain.Lead) func(func(ImportRow) bool) {
	return func(yield func(ImportRow) bool) {
		for i, l := range leads {
			cp := *l
			cp.Custom = cloneOrNil(l.Custom)
			cp.ExternalIDs = cloneOrNil(l.ExternalIDs)
			cp.Notes = slices.Clone(l.Notes)
			if !yield(ImportRow{Line: i + 2, Lead: &cp}) {
				return
			}
		}
	}
}

func cloneOrNil(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	return cloneMap(m)
}

func sfLead(id, name, company, email string) *domain.Lead {
	return &domain.Lead{Name: name, Company: domain.Company{Name: company}, Email: email,
		ExternalIDs: map[string]string{"salesforce": id}, BANT: domain.BANT{RepEstimate: -1}}
}

func TestImportIsIdempotentAndMatchesByExternalID(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "i.db"), domain.DefaultScoringModel())
	a := sfLead("00Q1", "Anna Schmidt", "Schmidt GmbH", "anna@schmidt.de")
	a.Notes = []domain.Note{{Kind: domain.NoteOther, Text: "Messegespräch"}}
	a.Custom = map[string]string{"Interesse": "Fassade"}
	b := sfLead("00Q2", "Bernd Meier", "Meier KG", "")
	opt := ImportOptions{File: "leads.csv", System: "salesforce"}
	res, err := s.Import(importRows(a, b), opt)
	if err != nil || res.Created != 2 || res.Merged+res.Unchanged+res.Skipped != 0 {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	l, err := s.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if l.Custom["interesse"] != "Fassade" || len(l.Notes) != 1 || l.ExternalIDs["salesforce"] != "00Q1" {
		t.Fatalf("imported lead: %+v", l)
	}
	if e := l.History[len(l.History)-1]; e.Kind != domain.EventImported || e.Import.File != "leads.csv" || e.Import.Line != 2 || e.Import.ExternalID != "00Q1" {
		t.Fatalf("imported event = %+v", l.History)
	}
	// The same file again changes nothing, and says so.
	res, err = s.Import(importRows(a, b), opt)
	if err != nil || res.Created != 0 || res.Unchanged != 2 || res.Merged != 0 {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	l2, _ := s.Get(1)
	if len(l2.Notes) != 1 || len(l2.History) != len(l.History) {
		t.Fatalf("the second import added something: %d notes, %d events", len(l2.Notes), len(l2.History))
	}
	// The same external id of another system is another lead.
	c := sfLead("00Q1", "Carla Braun", "Braun AG", "")
	c.ExternalIDs = map[string]string{"hubspot": "00Q1"}
	if res, err := s.Import(importRows(c), ImportOptions{System: "hubspot"}); err != nil || res.Created != 1 {
		t.Fatalf("an id of another system matched: %+v %v", res, err)
	}
	// A changed name under the same id merges into the lead, not a new one.
	a2 := sfLead("00Q1", "Anna Schmidt-Lang", "Schmidt GmbH", "")
	a2.Title = "CEO"
	res, err = s.Import(importRows(a2), opt)
	if err != nil || res.Merged != 1 || res.Conflicts != 1 {
		t.Fatalf("merge: %+v, %v", res, err)
	}
	l3, _ := s.Get(1)
	if l3.Name != "Anna Schmidt" || l3.Title != "CEO" {
		t.Fatalf("merge overwrote or missed: name %q title %q", l3.Name, l3.Title)
	}
	if e := l3.History[len(l3.History)-1]; e.Kind != domain.EventMerged || len(e.Changes) != 1 || e.Changes[0].Field != "title" {
		t.Fatalf("merged event = %+v", e)
	}
	checkConsistent(t, s)
}

func TestImportPolicies(t *testing.T) {
	for _, tc := range []struct {
		policy               ImportPolicy
		created, merged, all int
		name                 string
	}{
		{ImportMerge, 0, 1, 1, "Anna Schmidt"},
		{ImportUpdate, 0, 1, 1, "Anna Lang"},
		{ImportSkip, 0, 0, 1, "Anna Schmidt"},
		{ImportNew, 1, 0, 2, "Anna Schmidt"},
	} {
		t.Run(tc.policy.String(), func(t *testing.T) {
			s := openTest(t, filepath.Join(t.TempDir(), "p.db"), domain.DefaultScoringModel())
			if _, err := s.Import(importRows(sfLead("", "Anna Schmidt", "Schmidt GmbH", "anna@schmidt.de")), ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			in := sfLead("", "Anna Lang", "Schmidt GmbH", "ANNA@schmidt.de")
			in.Title = "CEO"
			res, err := s.Import(importRows(in), ImportOptions{Policy: tc.policy})
			if err != nil || res.Created != tc.created || res.Merged != tc.merged {
				t.Fatalf("%+v, %v", res, err)
			}
			if c, _ := s.Counts(); c.All() != tc.all {
				t.Fatalf("%d leads, want %d", c.All(), tc.all)
			}
			if l, _ := s.Get(1); l.Name != tc.name {
				t.Fatalf("name %q, want %q", l.Name, tc.name)
			}
			checkConsistent(t, s)
		})
	}
}

func TestImportMatchesByPhoneAndByNameAndCompany(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "m.db"), domain.DefaultScoringModel())
	first := []*domain.Lead{
		{Name: "Jürgen Müller", Company: domain.Company{Name: "Müller Bau GmbH", Country: "DE"}, Phone: "+49 30 48163277", BANT: domain.BANT{RepEstimate: -1}},
		{Name: "Sabine Koch", Company: domain.Company{Name: "Koch & Söhne"}, BANT: domain.BANT{RepEstimate: -1}},
	}
	if _, err := s.Import(importRows(first...), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	again := []*domain.Lead{
		// The same number written nationally.
		{Name: "J. Müller", Company: domain.Company{Name: "Müller Bau", Country: "DE"}, Phone: "030 48163277", BANT: domain.BANT{RepEstimate: -1}},
		// No email, phone or id: name and company, folded.
		{Name: "SABINE KOCH", Company: domain.Company{Name: "Koch & Soehne", City: "Bonn"}, BANT: domain.BANT{RepEstimate: -1}},
		// Same name at another company: another lead.
		{Name: "Sabine Koch", Company: domain.Company{Name: "Koch Logistik"}, BANT: domain.BANT{RepEstimate: -1}},
	}
	res, err := s.Import(importRows(again...), ImportOptions{})
	if err != nil || res.Created != 1 || res.Merged != 1 || res.Unchanged != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if l, _ := s.Get(2); l.Company.City != "Bonn" {
		t.Fatalf("the name-and-company match did not fill the city: %+v", l.Company)
	}
	checkConsistent(t, s)
}

func TestImportWithinOneFile(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), domain.DefaultScoringModel())
	rows := []*domain.Lead{
		sfLead("", "Anna Schmidt", "Schmidt GmbH", "anna@schmidt.de"),
		sfLead("", "Anna Schmidt", "Schmidt GmbH", "Anna@Schmidt.de"),
		sfLead("", "Bernd Meier", "Meier KG", "bernd@meier.de"),
	}
	rows[1].Company.City = "Köln"
	res, err := s.Import(importRows(rows...), ImportOptions{})
	if err != nil || res.Created != 2 || res.Merged != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if l, _ := s.Get(1); l.Company.City != "Köln" {
		t.Fatalf("the second row did not merge into the first: %+v", l.Company)
	}
	checkConsistent(t, s)
}

func TestAddTouches(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "t.db"), domain.DefaultScoringModel())
	if _, err := s.Import(importRows(sfLead("00Q7", "Anna Schmidt", "Schmidt GmbH", "anna@schmidt.de")), ImportOptions{System: "salesforce"}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(1)
	at := testNow.Add(-2 * time.Hour)
	rows := []TouchRow{
		{Line: 2, Ref: LeadRef{Email: "ANNA@schmidt.de"}, At: at, Touch: domain.Touch{Kind: domain.KindDownload, Funnel: domain.FunnelDecision, Note: "Preisliste"}},
		{Line: 3, Ref: LeadRef{System: "salesforce", ExternalID: "00Q7"}, At: at.Add(time.Minute), Touch: domain.Touch{Kind: domain.KindDemoRequest}},
		{Line: 4, Ref: LeadRef{ID: 1}, At: at.Add(2 * time.Minute), Touch: domain.Touch{Kind: domain.KindWebVisit, Note: "/preise"}},
		{Line: 5, Ref: LeadRef{Email: "nobody@nowhere.de"}, At: at, Touch: domain.Touch{Kind: domain.KindWebVisit}},
		{Line: 6, Err: errors.New(`column "kind": "fax" is not an activity kind`)},
	}
	seq := func(yield func(TouchRow) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	}
	res, err := s.AddTouches(seq, nil)
	if err != nil || res.Added != 3 || res.Unchanged != 0 || len(res.Rejected) != 2 || !errors.Is(res.Rejected[0].Err, ErrNoSuchLead) {
		t.Fatalf("%+v, %v", res, err)
	}
	after, _ := s.Get(1)
	if after.Score.Engagement <= before.Score.Engagement {
		t.Fatalf("engagement %v did not grow from %v", after.Score.Engagement, before.Score.Engagement)
	}
	// Again: nothing new.
	res, err = s.AddTouches(seq, nil)
	if err != nil || res.Added != 0 || res.Unchanged != 3 {
		t.Fatalf("second run: %+v, %v", res, err)
	}
	checkConsistent(t, s)
}

func TestForEachLeadAndCustomKeys(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "e.db"), domain.DefaultScoringModel())
	leads := make([]*domain.Lead, 0, 2500)
	for i := 0; i < 2500; i++ {
		l := sfLead("", "Lead", "Firma", "")
		l.Name = "Lead " + string(rune('A'+i%26))
		l.Company.Employees = i % 700
		if i%100 == 0 {
			l.Custom = map[string]string{"Messe": "BAU", "CRM-ID": "x"}
		}
		leads = append(leads, l)
	}
	if _, err := s.Import(importRows(leads...), ImportOptions{Policy: ImportNew}); err != nil {
		t.Fatal(err)
	}
	want := queueRows(t, s, TabAll)
	var got []uint64
	if err := s.ForEachLead(TabAll, nil, func(l *domain.Lead) error { got = append(got, l.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, rowIDs(want)) {
		t.Fatalf("ForEachLead gave %d leads not in queue order", len(got))
	}
	keys, err := s.CustomKeys()
	if err != nil || !slices.Equal(keys, []string{"crm_id", "messe"}) {
		t.Fatalf("custom keys %v, %v", keys, err)
	}
}
