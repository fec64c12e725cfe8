package mapping

import (
	"strings"
	"testing"
	"time"
)

func mustNew(t *testing.T, header []string, mf *MapFile, opt Options) *Mapping {
	t.Helper()
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	m, err := New(header, mf, opt)
	if err != nil {
		t.Fatalf("New(%q): %v", header, err)
	}
	return m
}

func targets(m *Mapping) []string {
	out := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		out[i] = c.Target
	}
	return out
}

func TestAutomaticTargets(t *testing.T) {
	cases := []struct {
		header, target string
	}{
		// leadq's own export
		{"name", "name"}, {"first_name", "first_name"}, {"annual_revenue", "annual_revenue"}, {"postal_code", "postal_code"},
		{"external_id", "external_id"}, {"consent_date", "consent_date"}, {"custom.interesse", "custom.interesse"},
		{"custom.Messe Stand", "custom.messe_stand"}, {"score", "ignore"}, {"tier", "ignore"},
		// Salesforce Lead API names
		{"FirstName", "first_name"}, {"LastName", "last_name"}, {"Salutation", "salutation"}, {"Title", "title"},
		{"Company", "company"}, {"Email", "email"}, {"Phone", "phone"}, {"MobilePhone", "mobile"}, {"Street", "street"},
		{"City", "city"}, {"PostalCode", "postal_code"}, {"Country", "country"}, {"Industry", "industry"},
		{"NumberOfEmployees", "employees"}, {"AnnualRevenue", "annual_revenue"}, {"LeadSource", "source"},
		{"Status", "stage"}, {"Rating", "custom.rating"}, {"Website", "website"}, {"Description", "note"},
		{"OwnerId", "owner"}, {"CreatedDate", "created"}, {"HasOptedOutOfEmail", "opt_out"}, {"DoNotCall", "custom.do_not_call"},
		// Salesforce report labels
		{"First Name", "first_name"}, {"Last Name", "last_name"}, {"Lead Source", "source"}, {"Lead Status", "stage"},
		{"Mobile", "mobile"}, {"Zip/Postal Code", "postal_code"}, {"Employees", "employees"}, {"Annual Revenue", "annual_revenue"},
		{"Lead Owner", "owner"}, {"Create Date", "created"}, {"Created Date", "created"}, {"Lead ID", "external_id"},
		{"Email Opt Out", "opt_out"}, {"Company / Account", "company"},
		// HubSpot
		{"Phone Number", "phone"}, {"Mobile Phone Number", "mobile"}, {"Company Name", "company"}, {"Job Title", "title"},
		{"Lifecycle Stage", "stage"}, {"Record ID", "external_id"}, {"Contact owner", "owner"}, {"Country/Region", "country"},
		{"Postal Code", "postal_code"}, {"Street Address", "street"}, {"Number of Employees", "employees"},
		{"Original Source", "source"}, {"Website URL", "website"}, {"Datensatz-ID", "external_id"}, {"Lebenszyklusphase", "stage"},
		// German
		{"Vorname", "first_name"}, {"Nachname", "last_name"}, {"Anrede", "salutation"}, {"Firma", "company"},
		{"Unternehmen", "company"}, {"E-Mail", "email"}, {"Telefon", "phone"}, {"Mobil", "mobile"}, {"Handy", "mobile"},
		{"Straße", "street"}, {"Strasse", "street"}, {"PLZ", "postal_code"}, {"Ort", "city"}, {"Stadt", "city"},
		{"Land", "country"}, {"Branche", "industry"}, {"Mitarbeiter", "employees"}, {"Umsatz", "annual_revenue"},
		{"Quelle", "source"}, {"Position", "title"}, {"Titel", "title"}, {"Webseite", "website"}, {"Notiz", "note"},
		{"Bemerkung", "note"}, {"Zuständig", "owner"}, {"Einwilligung", "consent"},
		// case, blanks, underscores, hyphens and dots do not matter
		{"E_MAIL", "email"}, {"e.mail", "email"}, {"  Vor-Name ", "first_name"}, {"FIRST_NAME", "first_name"},
		{"STRASSE", "street"}, {"Postleit-Zahl", "postal_code"}, {"\ufeffEmail", "email"}, {"Name", "name"},
	}
	for _, c := range cases {
		m := mustNew(t, []string{c.header}, nil, Options{System: "file"})
		if got := m.Columns[0]; got.Target != c.target || got.Origin != Automatic {
			t.Errorf("%q → %q (%v), want %q automatic", c.header, got.Target, got.Origin, c.target)
		}
	}
}

func TestUnknownColumnsAreKept(t *testing.T) {
	m := mustNew(t, []string{"Total Time on Site (min)", "Größe", "CRM-ID"}, nil, Options{})
	want := []string{"custom.total_time_on_site_min", "custom.groesse", "custom.crm_id"}
	for i, c := range m.Columns {
		if c.Target != want[i] || c.Origin != Unmapped {
			t.Errorf("column %q → %q (%v), want %q kept as a custom field", c.Header, c.Target, c.Origin, want[i])
		}
	}
	if !strings.Contains(m.TOML(), `"Total Time on Site (min)" = "custom.total_time_on_site_min"  # kept as a custom field`) {
		t.Errorf("TOML does not say the column is kept:\n%s", m.TOML())
	}
}

func TestEmptyHeaderIsIgnored(t *testing.T) {
	m := mustNew(t, []string{"Email", "", "  ", "---", "()"}, nil, Options{})
	for _, c := range m.Columns[1:] {
		if c.Target != TargetIgnore || c.Origin != EmptyHeader {
			t.Errorf("%q → %q (%v), want ignore for an empty header", c.Header, c.Target, c.Origin)
		}
	}
	if !strings.Contains(m.TOML(), `"" = "ignore"  # empty header: ignored`) {
		t.Errorf("TOML does not note the empty header:\n%s", m.TOML())
	}
}

func TestFirstClaimWins(t *testing.T) {
	m := mustNew(t, []string{"Firma", "Company", "Unternehmen", "Email", "E-Mail"}, nil, Options{})
	want := []string{"company", "custom.company", "custom.unternehmen", "email", "custom.e_mail"}
	if got := targets(m); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("targets %q, want %q", got, want)
	}
	c := m.Columns[1]
	if c.Origin != Taken || c.By != 0 {
		t.Errorf("Company: origin %v by %d, want taken by column 0", c.Origin, c.By)
	}
	if s := m.TOML(); !strings.Contains(s, `"Company" = "custom.company"  # kept as a custom field: company is taken by column 1 ("Firma")`) {
		t.Errorf("TOML does not say who took company:\n%s", s)
	}
}

func TestLeadqNamesBeatKnownHeaders(t *testing.T) {
	// "Firma" comes first, but "company" is leadq's own name for the field.
	m := mustNew(t, []string{"Firma", "company"}, nil, Options{})
	if got := targets(m); got[0] != "custom.firma" || got[1] != "company" {
		t.Errorf("targets %q, want custom.firma and company", got)
	}
}

func TestSeveralColumnsMayBeNotesAndStages(t *testing.T) {
	m := mustNew(t, []string{"Notiz", "Bemerkung", "Description", "Lifecycle Stage", "Lead Status"}, nil, Options{})
	want := "note note note stage stage"
	if got := strings.Join(targets(m), " "); got != want {
		t.Errorf("targets %q, want %q", got, want)
	}
}

func TestDuplicateHeadersGetTheirOwnCustomKeys(t *testing.T) {
	m := mustNew(t, []string{"Foo", "Foo", "Foo", "custom.foo"}, nil, Options{})
	want := "custom.foo_2 custom.foo_3 custom.foo_4 custom.foo"
	if got := strings.Join(targets(m), " "); got != want {
		t.Errorf("targets %q, want %q", got, want)
	}
}

func TestIDColumnDependsOnSystem(t *testing.T) {
	for _, c := range []struct {
		system, want string
	}{{"leadq", "id"}, {"salesforce", "external_id"}, {"file", "external_id"}, {"messe2026", "external_id"}} {
		m := mustNew(t, []string{"ID", "Email"}, nil, Options{System: c.system})
		if got := m.Columns[0].Target; got != c.want {
			t.Errorf("system %s: ID → %q, want %q", c.system, got, c.want)
		}
	}
}

func TestNameBesideFirstNameIsLastName(t *testing.T) {
	cases := []struct {
		header []string
		want   string
	}{
		{[]string{"Vorname", "Name"}, "first_name last_name"},
		{[]string{"Vorname", "Nachname", "Name"}, "first_name last_name name"},
		{[]string{"Name", "Email"}, "name email"},
		{[]string{"first_name", "name"}, "first_name name"}, // leadq's own name column stays
	}
	for _, c := range cases {
		if got := strings.Join(targets(mustNew(t, c.header, nil, Options{})), " "); got != c.want {
			t.Errorf("%q → %q, want %q", c.header, got, c.want)
		}
	}
}

func TestDetectSystem(t *testing.T) {
	cases := []struct {
		header []string
		want   string
	}{
		{[]string{"Id", "FirstName", "LastName", "Company", "Email"}, "salesforce"},
		{[]string{"Id", "LastName", "Company"}, "salesforce"},
		{[]string{"Lead ID", "First Name", "Last Name", "Company / Account"}, "salesforce"},
		{[]string{"Lead Owner", "First Name", "Last Name"}, "salesforce"},
		{[]string{"Record ID", "First Name", "Last Name", "Email"}, "hubspot"},
		{[]string{"First Name", "Lifecycle Stage"}, "hubspot"},
		{[]string{"Datensatz-ID", "Vorname"}, "hubspot"},
		{LeadqProfile.Header([]string{"x"}), "leadq"},
		{SalesforceProfile.Header(nil), "salesforce"},
		{HubSpotProfile.Header(nil), "hubspot"},
		{[]string{"First Name", "Last Name", "Company"}, ""}, // labels alone could be anyone's
		{[]string{"Vorname", "Nachname", "Firma", "ID"}, ""},
		{nil, ""},
	}
	for _, c := range cases {
		if got := DetectSystem(c.header); got != c.want {
			t.Errorf("DetectSystem(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

func TestSystemPrecedence(t *testing.T) {
	sf := []string{"Id", "LastName", "Company"}
	mf := &MapFile{System: "messe2026"}
	cases := []struct {
		header []string
		mf     *MapFile
		opt    string
		want   string
	}{
		{sf, mf, "Mein CRM", "mein_crm"},
		{sf, mf, "", "messe2026"},
		{sf, nil, "", "salesforce"},
		{[]string{"Email"}, nil, "", "file"},
	}
	for _, c := range cases {
		if got := mustNew(t, c.header, c.mf, Options{System: c.opt}).System; got != c.want {
			t.Errorf("header %q, map system %v, --system %q: system %q, want %q", c.header, c.mf != nil, c.opt, got, c.want)
		}
	}
}

func TestTargetBeyondHeader(t *testing.T) {
	m := mustNew(t, []string{"Email"}, nil, Options{})
	if m.Target(0) != "email" || m.Target(1) != TargetIgnore || m.Target(-1) != TargetIgnore {
		t.Errorf("Target: %q %q %q", m.Target(0), m.Target(1), m.Target(-1))
	}
}

var testNow = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)

func TestCustomKeysReadBackAsThemselves(t *testing.T) {
	// domain.CustomKey("Ǽ") is "æ", and CustomKey("æ") is "ae": a key must not change on the way back.
	m := mustNew(t, []string{"Ǽ-Wert", "Smørrebrød"}, nil, Options{})
	for _, c := range m.Columns {
		key := strings.TrimPrefix(c.Target, "custom.")
		if customKey(key) != key {
			t.Errorf("%q → %q, which reads back as %q", c.Header, c.Target, customKey(key))
		}
	}
	if got := targets(m); got[0] != "custom.ae_wert" || got[1] != "custom.smorrebrod" {
		t.Errorf("targets %q", got)
	}
}
