package mapping

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
)

// customKeys is the sorted union of the leads' custom keys, as the caller passes it.
func customKeys(leads []*domain.Lead) []string {
	set := map[string]bool{}
	for _, l := range leads {
		for k := range l.Custom {
			set[k] = true
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hostileLeads carry cells a spreadsheet would run, and values that need care.
func hostileLeads() []*domain.Lead {
	return []*domain.Lead{
		{
			ID: 7, Name: "=HYPERLINK(\"http://evil\",\"Anna\")", FirstName: "+cmd|' /C calc'!A0", LastName: "-2+3",
			Email: "anna@acme.de", Phone: "+49 30 1234567", Title: "@SUM(1)",
			Company: domain.Company{Name: "+Plus GmbH", Street: "Hof 1\nHaus B", Country: "DE", PostalCode: "01067", Employees: 12, AnnualRevenue: 1_500_000},
			Source:  "'=typed", Owner: "Anna Becker", Stage: domain.StageSQL, Fit: domain.FitLow, FitReason: "=zu klein",
			Consent:     domain.Consent{Status: domain.ConsentWithdrawn, Source: "@Abmeldelink", Date: time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)},
			ExternalIDs: map[string]string{"salesforce": "00Q1", "hubspot": "=901"},
			Custom:      map[string]string{"do_not_call": "ja", "formel": "=1+1", "minus": "-5", "strich": "-"},
			Created:     time.Date(2025, 11, 3, 14, 5, 6, 7, time.UTC),
			Score:       domain.ScoreResult{Total: 71, Tier: domain.TierWarm, At: testNow},
			Notes:       []domain.Note{{Text: "=Notiz", URL: "https://acme.de/team"}, {Text: "zweite"}},
		},
		{Name: "Kurt", Company: domain.Company{Name: "Kurt & Söhne"}, Created: testNow},
	}
}

func TestExportRowsPassThroughEscapeCell(t *testing.T) {
	// Cells are trimmed on import, so a leading tab or CR cannot read back; it must still not run.
	tab := &domain.Lead{Name: "\tTab", Company: domain.Company{Name: "\r=CR"}, Custom: map[string]string{"x": "\t=1"}}
	leads := append(append(hostileLeads(), tab), synthLeads(t, 50)...)
	keys := customKeys(leads)
	for _, p := range Profiles {
		cells := p.Header(keys)
		for _, l := range leads {
			row := p.Row(l, keys)
			if len(row) != len(cells[:len(p.Header(keys))]) {
				t.Fatalf("%s: row of %d cells under a header of %d", p.Name, len(row), len(p.Header(keys)))
			}
			cells = append(cells, row...)
		}
		for _, c := range cells {
			if startsFormula(c) {
				t.Errorf("%s: cell %q would run as a formula", p.Name, c)
			}
			if EscapeCell(UnescapeCell(c)) != c {
				t.Errorf("%s: cell %q did not come from EscapeCell", p.Name, c)
			}
		}
	}
	row := LeadqProfile.Row(hostileLeads()[0], keys)
	header := LeadqProfile.Header(keys)
	at := func(h string) string { return row[slices.Index(header, h)] }
	for h, want := range map[string]string{
		"name": "'=HYPERLINK(\"http://evil\",\"Anna\")", "first_name": "'+cmd|' /C calc'!A0", "last_name": "'-2+3",
		"phone": "+49 30 1234567", "custom.strich": "-", "title": "'@SUM(1)", "company": "'+Plus GmbH", "source": "''=typed",
		"custom.formel": "'=1+1", "custom.minus": "-5",
	} {
		if got := at(h); got != want {
			t.Errorf("leadq %s: %q, want %q", h, got, want)
		}
	}
}

// startsFormula is what a spreadsheet runs, by OWASP's list.
func startsFormula(c string) bool {
	return c != "" && (strings.ContainsRune("=@\t\r", rune(c[0])) || (c[0] == '+' || c[0] == '-') && !numberish(c[1:]))
}

func TestLeadqProfileHeader(t *testing.T) {
	got := strings.Join(LeadqProfile.Header([]string{"crm_id", "messestand"}), ",")
	want := "id,salutation,first_name,last_name,name,title,email,phone,mobile,company,website,industry,employees,annual_revenue," +
		"street,postal_code,city,country,source,owner,score,tier,stage,fit,fit_reason,consent,consent_source,consent_date," +
		"external_system,external_id,created,note,custom.crm_id,custom.messestand"
	if got != want {
		t.Errorf("header\n%s\nwant\n%s", got, want)
	}
	// Every column maps back to itself.
	m := mustNew(t, LeadqProfile.Header([]string{"crm_id"}), nil, Options{})
	for _, c := range m.Columns {
		if c.Origin != Automatic {
			t.Errorf("column %q → %q (%v)", c.Header, c.Target, c.Origin)
		}
	}
}

func TestLeadqProfileValues(t *testing.T) {
	l := hostileLeads()[0]
	header, row := LeadqProfile.Header(nil), LeadqProfile.Row(l, nil)
	at := func(h string) string { return row[slices.Index(header, h)] }
	for h, want := range map[string]string{
		"id": "7", "employees": "12", "annual_revenue": "1500000", "score": "71", "tier": "warm", "stage": "sql", "fit": "low",
		"consent": "withdrawn", "consent_date": "2026-02-01T08:00:00Z", "external_system": "hubspot\nsalesforce",
		"external_id": "'=901\n00Q1", "created": "2025-11-03T14:05:06.000000007Z",
		"note": "'=Notiz (https://acme.de/team)\n\nzweite",
	} {
		if got := at(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	// An unscored lead has no tier: its zero tier would read "hot".
	row = LeadqProfile.Row(hostileLeads()[1], nil)
	if at("score") != "" || at("tier") != "" || at("id") != "" || at("employees") != "" {
		t.Errorf("unscored lead: score %q, tier %q, id %q, employees %q", at("score"), at("tier"), at("id"), at("employees"))
	}
}

func TestSalesforceProfile(t *testing.T) {
	keys := []string{"do_not_call", "formel"}
	header := SalesforceProfile.Header(keys)
	want := "Id,Salutation,FirstName,LastName,Title,Company,Email,Phone,MobilePhone,Website,Industry,NumberOfEmployees," +
		"AnnualRevenue,Street,PostalCode,City,Country,LeadSource,Status,Rating,HasOptedOutOfEmail,DoNotCall,CreatedDate,Description,custom.formel"
	if got := strings.Join(header, ","); got != want {
		t.Errorf("header\n%s\nwant\n%s", got, want)
	}
	l := hostileLeads()[0]
	row := SalesforceProfile.Row(l, keys)
	at := func(h string) string { return row[slices.Index(header, h)] }
	for h, want := range map[string]string{
		"Id": "00Q1", "Rating": "Warm", "Status": "Working - Contacted", "HasOptedOutOfEmail": "true", "DoNotCall": "true",
		"LeadSource": "''=typed", "Country": "DE", "custom.formel": "'=1+1",
	} {
		if got := at(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	// A lead with only a display name still gets the last name Salesforce requires.
	row = SalesforceProfile.Row(&domain.Lead{Name: "Dr. Anna Maria Schmidt", Company: domain.Company{Name: "Acme"}}, nil)
	if at("Salutation") != "Dr." || at("FirstName") != "Anna Maria" || at("LastName") != "Schmidt" || at("Rating") != "" || at("HasOptedOutOfEmail") != "false" {
		t.Errorf("split name: %q", row)
	}
	for st, status := range salesforceStatus {
		row = SalesforceProfile.Row(&domain.Lead{Name: "A", Stage: st}, nil)
		if at("Status") != status {
			t.Errorf("stage %v: Status %q, want %q", st, at("Status"), status)
		}
	}
}

func TestHubSpotProfile(t *testing.T) {
	header := HubSpotProfile.Header([]string{"formel"})
	want := "Record ID,Salutation,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Job Title,Company Name,Website URL," +
		"Industry,Number of Employees,Annual Revenue,Street Address,Postal Code,City,Country/Region,Original Source,Contact owner," +
		"Lifecycle Stage,Lead Status,Consent,Create Date,custom.formel"
	if got := strings.Join(header, ","); got != want {
		t.Errorf("header\n%s\nwant\n%s", got, want)
	}
	row := HubSpotProfile.Row(hostileLeads()[0], []string{"formel"})
	at := func(h string) string { return row[slices.Index(header, h)] }
	if at("Record ID") != "'=901" || at("Lifecycle Stage") != "salesqualifiedlead" || at("Lead Status") != "IN_PROGRESS" || at("Consent") != "withdrawn" {
		t.Errorf("row %q", row)
	}
}

func TestProfileNamed(t *testing.T) {
	for _, n := range []string{"leadq", "Salesforce", " HUBSPOT "} {
		if p, ok := ProfileNamed(n); !ok || !strings.EqualFold(p.Name, strings.TrimSpace(n)) {
			t.Errorf("ProfileNamed(%q) = %v, %v", n, p, ok)
		}
	}
	if _, ok := ProfileNamed("excel"); ok {
		t.Error("ProfileNamed(excel) found one")
	}
}

func synthLeads(t *testing.T, n int) []*domain.Lead {
	t.Helper()
	g := synth.New(1, testNow)
	out := make([]*domain.Lead, n)
	for i := range out {
		out[i] = g.Lead()
		out[i].ID = uint64(i + 1)
	}
	return out
}

// sameLead lists how b differs from a in what an export keeps.
func sameLead(a, b *domain.Lead) []string {
	var diffs []string
	for _, f := range domain.ContactFieldNames() {
		va, _ := domain.ContactField(a, f)
		vb, _ := domain.ContactField(b, f)
		if va != vb {
			diffs = append(diffs, fmt.Sprintf("%s: %q → %q", f, va, vb))
		}
	}
	check := func(what string, same bool, va, vb any) {
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s: %v → %v", what, va, vb))
		}
	}
	check("id", a.ID == b.ID, a.ID, b.ID)
	check("stage", a.Stage == b.Stage, a.Stage, b.Stage)
	check("fit", a.Fit == b.Fit, a.Fit, b.Fit)
	check("fit reason", a.FitReason == b.FitReason, a.FitReason, b.FitReason)
	check("consent", a.Consent.Status == b.Consent.Status && a.Consent.Source == b.Consent.Source && a.Consent.Date.Equal(b.Consent.Date), a.Consent, b.Consent)
	check("created", a.Created.Equal(b.Created), a.Created, b.Created)
	check("custom", reflect.DeepEqual(a.Custom, b.Custom), a.Custom, b.Custom)
	check("external ids", reflect.DeepEqual(a.ExternalIDs, b.ExternalIDs), a.ExternalIDs, b.ExternalIDs)
	return diffs
}

func TestLeadqExportReadsBack(t *testing.T) {
	leads := append(synthLeads(t, 300), hostileLeads()...)
	keys := customKeys(leads)
	m := mustNew(t, LeadqProfile.Header(keys), nil, Options{})
	if m.System != SystemLeadq {
		t.Errorf("system %q, want leadq", m.System)
	}
	for i, l := range leads {
		back, warnings, err := m.Lead(LeadqProfile.Row(l, keys), testNow)
		if err != nil {
			t.Errorf("lead %d (%s): %v", i, l.Name, err)
			continue
		}
		if len(warnings) > 0 {
			t.Errorf("lead %d: warnings %q", i, warnings)
		}
		if d := sameLead(l, back); len(d) > 0 {
			t.Errorf("lead %d (%s) reads back differently:\n  %s", i, l.Name, strings.Join(d, "\n  "))
		}
		if want := l.NotesText(); len(l.Notes) > 0 && (len(back.Notes) != 1 || back.Notes[0].Text != want) {
			t.Errorf("lead %d: notes %+v, want one note %q", i, back.Notes, want)
		}
	}
}

func TestCRMExportsReadBack(t *testing.T) {
	leads := append(synthLeads(t, 100), hostileLeads()...)
	for _, p := range []*Profile{SalesforceProfile, HubSpotProfile} {
		m := mustNew(t, p.Header(nil), nil, Options{})
		if m.System != p.Name {
			t.Errorf("%s: detected %q", p.Name, m.System)
		}
		for i, l := range leads {
			back, _, err := m.Lead(p.Row(l, nil), testNow)
			if err != nil {
				t.Errorf("%s lead %d: %v", p.Name, i, err)
				continue
			}
			if back.Email != l.Email || back.Phone != l.Phone || back.Company.Name != l.Company.Name || back.Company.Country != l.Company.Country ||
				back.Source != l.Source || back.DisplayName() != strings.TrimSpace(strings.Join(strings.Fields(namePart(l)), " ")) ||
				back.ExternalIDs[p.Name] != l.ExternalIDs[p.Name] || !back.Created.Equal(l.Created) {
				t.Errorf("%s lead %d reads back as %+v, was %+v", p.Name, i, back, l)
			}
			if (back.Consent.Status == domain.ConsentWithdrawn) != (l.Consent.Status == domain.ConsentWithdrawn) {
				t.Errorf("%s lead %d: consent %v, was %v", p.Name, i, back.Consent.Status, l.Consent.Status)
			}
		}
	}
	// HubSpot's two stage columns carry every stage there and back.
	m := mustNew(t, HubSpotProfile.Header(nil), nil, Options{})
	for _, st := range domain.Stages {
		back, _, err := m.Lead(HubSpotProfile.Row(&domain.Lead{Name: "A", Stage: st}, nil), testNow)
		if err != nil || back.Stage != st {
			t.Errorf("hubspot: stage %v reads back as %v (%v)", st, back.Stage, err)
		}
	}
	// Salesforce's four statuses carry four stages; the others fold into them.
	m = mustNew(t, SalesforceProfile.Header(nil), nil, Options{})
	for st, want := range map[domain.Stage]domain.Stage{
		domain.StageInquiry: domain.StageInquiry, domain.StageMQL: domain.StageInquiry, domain.StageSAL: domain.StageSAL,
		domain.StageSQL: domain.StageSAL, domain.StageNurture: domain.StageSAL, domain.StageOpportunity: domain.StageOpportunity,
		domain.StageCustomer: domain.StageOpportunity, domain.StageDisqualified: domain.StageDisqualified,
	} {
		back, _, err := m.Lead(SalesforceProfile.Row(&domain.Lead{Name: "A", Stage: st}, nil), testNow)
		if err != nil || back.Stage != want {
			t.Errorf("salesforce: stage %v reads back as %v, want %v (%v)", st, back.Stage, want, err)
		}
	}
}

// namePart is the display name a CRM export carries: without salutation words.
func namePart(l *domain.Lead) string {
	_, first, last := personName(l)
	return first + " " + last
}
