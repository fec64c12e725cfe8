package mapping

import (
	"errors"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// readRow maps header automatically (system "file", dates in UTC) and reads one row.
func readRow(t *testing.T, header, cells []string) (*domain.Lead, []string, error) {
	t.Helper()
	return mustNew(t, header, nil, Options{System: "file", Location: time.UTC}).Lead(cells, testNow)
}

func TestLeadValues(t *testing.T) {
	cases := []struct {
		name   string
		header []string
		cells  []string
		check  func(l *domain.Lead) bool
	}{
		{"trimmed, CRLF and CR made LF", []string{"Name", "Straße", "Firma"}, []string{"  Anna Schmidt \t", "Hauptstr. 1\r\nHof B\rEG", " Acme "},
			func(l *domain.Lead) bool {
				return l.Name == "Anna Schmidt" && l.Company.Street == "Hauptstr. 1\nHof B\nEG" && l.Company.Name == "Acme"
			}},
		{"employees", []string{"Firma", "Mitarbeiter"}, []string{"Acme", "1.200"}, func(l *domain.Lead) bool { return l.Company.Employees == 1200 }},
		{"employees ca.", []string{"Firma", "Employees"}, []string{"Acme", "ca. 250"}, func(l *domain.Lead) bool { return l.Company.Employees == 250 }},
		{"revenue german", []string{"Firma", "Umsatz"}, []string{"Acme", "1.234,56"}, func(l *domain.Lead) bool { return l.Company.AnnualRevenue == 1235 }},
		{"revenue english", []string{"Firma", "AnnualRevenue"}, []string{"Acme", "1,234.56"}, func(l *domain.Lead) bool { return l.Company.AnnualRevenue == 1235 }},
		{"revenue Mio", []string{"Firma", "Umsatz"}, []string{"Acme", "1,5 Mio"}, func(l *domain.Lead) bool { return l.Company.AnnualRevenue == 1_500_000 }},
		{"revenue TEUR", []string{"Firma", "Umsatz"}, []string{"Acme", "50 TEUR"}, func(l *domain.Lead) bool { return l.Company.AnnualRevenue == 50_000 }},
		{"country names", []string{"Firma", "Land"}, []string{"Acme", "Deutschland"}, func(l *domain.Lead) bool { return l.Company.Country == "DE" }},
		{"country english", []string{"Firma", "Country"}, []string{"Acme", "Germany"}, func(l *domain.Lead) bool { return l.Company.Country == "DE" }},
		{"country code", []string{"Firma", "Country"}, []string{"Acme", "de"}, func(l *domain.Lead) bool { return l.Company.Country == "DE" }},
		{"country Österreich", []string{"Firma", "Land"}, []string{"Acme", "Österreich"}, func(l *domain.Lead) bool { return l.Company.Country == "AT" }},
		{"country Schweiz", []string{"Firma", "Land"}, []string{"Acme", "Schweiz"}, func(l *domain.Lead) bool { return l.Company.Country == "CH" }},
		{"email normalised", []string{"E-Mail"}, []string{" Anna.Schmidt@ACME.DE "}, func(l *domain.Lead) bool { return l.Email == "Anna.Schmidt@acme.de" }},
		{"phones kept as written", []string{"Telefon", "Handy"}, []string{"+49 (0)30 / 123-456", "0171 1234567"},
			func(l *domain.Lead) bool { return l.Phone == "+49 (0)30 / 123-456" && l.Mobile == "0171 1234567" }},
		{"created german", []string{"Firma", "Erstellt am"}, []string{"Acme", "15.03.2026 14:30"},
			func(l *domain.Lead) bool { return l.Created.Equal(time.Date(2026, 3, 15, 14, 30, 0, 0, time.UTC)) }},
		{"created salesforce", []string{"Firma", "Create Date"}, []string{"Acme", "3/15/2026 2:30 PM"},
			func(l *domain.Lead) bool { return l.Created.Equal(time.Date(2026, 3, 15, 14, 30, 0, 0, time.UTC)) }},
		{"created iso", []string{"Firma", "CreatedDate"}, []string{"Acme", "2026-03-15T14:30:00.000+0100"},
			func(l *domain.Lead) bool { return l.Created.Equal(time.Date(2026, 3, 15, 13, 30, 0, 0, time.UTC)) }},
		{"created defaults to now", []string{"Firma"}, []string{"Acme"}, func(l *domain.Lead) bool { return l.Created.Equal(testNow) }},
		{"stage by value table", []string{"Firma", "Status"}, []string{"Acme", "Working - Contacted"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageSAL }},
		{"stage by label", []string{"Firma", "Lifecycle Stage"}, []string{"Acme", "Marketing Qualified Lead"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageMQL }},
		{"several stage columns: furthest along", []string{"Firma", "Lifecycle Stage", "Lead Status"}, []string{"Acme", "salesqualifiedlead", "IN_PROGRESS"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageSQL }},
		{"lead status refines lifecycle", []string{"Firma", "Lifecycle Stage", "Lead Status"}, []string{"Acme", "lead", "BAD_TIMING"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageNurture }},
		{"unqualified: no fit", []string{"Firma", "Lifecycle Stage", "Lead Status"}, []string{"Acme", "lead", "UNQUALIFIED"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageDisqualified && l.Fit == domain.FitNone }},
		{"a fit column beats the implied fit", []string{"Firma", "Fit", "Lead Status"}, []string{"Acme", "low", "UNQUALIFIED"},
			func(l *domain.Lead) bool { return l.Stage == domain.StageDisqualified && l.Fit == domain.FitLow }},
		{"fit and reason", []string{"Firma", "fit", "fit_reason"}, []string{"Acme", "good fit", "Budget da"},
			func(l *domain.Lead) bool { return l.Fit == domain.FitGood && l.FitReason == "Budget da" }},
		{"consent with source and date", []string{"Firma", "consent", "consent_source", "consent_date"},
			[]string{"Acme", "double-opt-in", "Website-Formular", "2026-03-01T10:00:00Z"},
			func(l *domain.Lead) bool {
				return l.Consent.Status == domain.ConsentDoubleOptIn && l.Consent.Source == "Website-Formular" &&
					l.Consent.Date.Equal(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
			}},
		{"consent yes", []string{"Firma", "Einwilligung"}, []string{"Acme", "ja"}, func(l *domain.Lead) bool { return l.Consent.Status == domain.ConsentOptIn }},
		{"opted out: withdrawn", []string{"Firma", "consent", "HasOptedOutOfEmail"}, []string{"Acme", "opt-in", "true"},
			func(l *domain.Lead) bool { return l.Consent.Status == domain.ConsentWithdrawn }},
		{"not opted out: consent unchanged", []string{"Firma", "Email Opt Out"}, []string{"Acme", "0"},
			func(l *domain.Lead) bool { return l.Consent.Status == domain.ConsentNone }},
		{"do not call", []string{"Firma", "DoNotCall"}, []string{"Acme", "true"}, func(l *domain.Lead) bool { return l.Custom["do_not_call"] == "true" }},
		{"rating kept, stage untouched", []string{"Firma", "Rating"}, []string{"Acme", "Hot"},
			func(l *domain.Lead) bool { return l.Custom["rating"] == "Hot" && l.Stage == domain.StageInquiry }},
		{"custom columns", []string{"Firma", "Total Time on Site (min)", "custom.Interesse"}, []string{"Acme", "12", "Robotik"},
			func(l *domain.Lead) bool {
				return l.Custom["total_time_on_site_min"] == "12" && l.Custom["interesse"] == "Robotik"
			}},
		{"empty cells set nothing", []string{"Firma", "custom.x", "Mitarbeiter"}, []string{"Acme", "  ", ""},
			func(l *domain.Lead) bool { return l.Custom == nil && l.Company.Employees == 0 }},
		{"formula escapes undone", []string{"Name", "Firma", "custom.x"}, []string{"'=Anna", "'+Plus GmbH", "'@home"},
			func(l *domain.Lead) bool {
				return l.Name == "=Anna" && l.Company.Name == "+Plus GmbH" && l.Custom["x"] == "@home"
			}},
		{"a typed apostrophe stays", []string{"Firma", "Telefon"}, []string{"'Acme", "+49 30 1234567"},
			func(l *domain.Lead) bool { return l.Company.Name == "'Acme" && l.Phone == "+49 30 1234567" }},
		{"name split", []string{"Name", "Email"}, []string{"Dr. Anna Maria Schmidt", "a@b.de"},
			func(l *domain.Lead) bool {
				return l.Salutation == "Dr." && l.FirstName == "Anna Maria" && l.LastName == "Schmidt" && l.Name == "Anna Maria Schmidt"
			}},
		{"name split, last name first", []string{"Name", "Anrede"}, []string{"Schmidt, Anna", "Frau"},
			func(l *domain.Lead) bool {
				return l.Salutation == "Frau" && l.FirstName == "Anna" && l.LastName == "Schmidt" && l.Name == "Anna Schmidt"
			}},
		{"no split beside first and last", []string{"Name", "Vorname", "Nachname"}, []string{"Schmidt, Anna", "", ""},
			func(l *domain.Lead) bool { return l.Name == "Schmidt, Anna" && l.FirstName == "" && l.LastName == "" }},
		{"name from first and last", []string{"Vorname", "Nachname"}, []string{"Anna", "Schmidt"},
			func(l *domain.Lead) bool { return l.Name == "Anna Schmidt" }},
		{"Vorname, Name", []string{"Vorname", "Name"}, []string{"Anna", "Schmidt"},
			func(l *domain.Lead) bool {
				return l.FirstName == "Anna" && l.LastName == "Schmidt" && l.Name == "Anna Schmidt"
			}},
		{"a phone alone is enough", []string{"Telefon"}, []string{"030 1234567"}, func(l *domain.Lead) bool { return l.Phone == "030 1234567" }},
		{"a mobile alone is enough", []string{"Handy"}, []string{"0171 1234567"}, func(l *domain.Lead) bool { return l.Mobile == "0171 1234567" }},
		{"postal code zero back", []string{"Firma", "PLZ", "Land"}, []string{"Acme", "1067", "DE"}, func(l *domain.Lead) bool { return l.Company.PostalCode == "01067" }},
		{"austrian postal code stays", []string{"Firma", "PLZ", "Land"}, []string{"Acme", "1010", "AT"}, func(l *domain.Lead) bool { return l.Company.PostalCode == "1010" }},
		{"short row", []string{"Firma", "E-Mail", "Telefon"}, []string{"Acme"}, func(l *domain.Lead) bool { return l.Company.Name == "Acme" && l.Email == "" }},
		{"owner, source, title, website, industry, city", []string{"Firma", "Lead Owner", "Quelle", "Position", "Webseite", "Branche", "Ort"},
			[]string{"Acme", "Anna Becker", "Messe", "CTO", "www.acme.de", "Maschinenbau", "Köln"},
			func(l *domain.Lead) bool {
				return l.Owner == "Anna Becker" && l.Source == "Messe" && l.Title == "CTO" && l.Company.Website == "www.acme.de" &&
					l.Company.Industry == "Maschinenbau" && l.Company.City == "Köln"
			}},
		{"a dash is empty in typed columns", []string{"Firma", "Telefon", "E-Mail", "Mitarbeiter", "Land", "Erstellt", "Bemerkung", "custom.x"},
			[]string{"Acme", "-", "–", "---", "-", "-", "-", "-"},
			func(l *domain.Lead) bool {
				return l.Phone == "" && l.Email == "" && l.Company.Country == "" && l.Created.Equal(testNow) && len(l.Notes) == 1 && l.Custom["x"] == "-"
			}},
		{"a new lead has no rep estimate", []string{"Firma"}, []string{"Acme"}, func(l *domain.Lead) bool { return l.BANT.RepEstimate == -1 }},
		{"invalid UTF-8 made valid", []string{"Firma"}, []string{"Acme \xff"}, func(l *domain.Lead) bool { return l.Company.Name == "Acme \uFFFD" }},
	}
	for _, c := range cases {
		l, _, err := readRow(t, c.header, c.cells)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !c.check(l) {
			t.Errorf("%s: lead %+v", c.name, l)
		}
	}
}

func TestLeadRejectsRows(t *testing.T) {
	cases := []struct {
		name   string
		header []string
		cells  []string
		want   string
	}{
		{"not a number", []string{"Firma", "Mitarbeiter"}, []string{"Acme", "viele"}, `column "Mitarbeiter": viele is not a number`},
		{"not a whole number", []string{"Firma", "Mitarbeiter"}, []string{"Acme", "1,5"}, `column "Mitarbeiter": 1,5 is not a whole number`},
		{"negative amount", []string{"Firma", "Umsatz"}, []string{"Acme", "-5"}, `column "Umsatz": -5 is not an amount: it is below zero`},
		{"unknown country", []string{"Firma", "Land"}, []string{"Acme", "Atlantis"}, `column "Land": Atlantis is not a country leadq knows`},
		{"bad email", []string{"Firma", "E-Mail"}, []string{"Acme", "anna@acme"}, `column "E-Mail": anna@acme is not an email address`},
		{"email with a blank", []string{"Firma", "E-Mail"}, []string{"Acme", "anna @acme.de"}, `column "E-Mail": "anna @acme.de" is not an email address`},
		{"bad phone", []string{"Firma", "Telefon"}, []string{"Acme", "call me"}, `column "Telefon": call me is not a phone number`},
		{"bad mobile", []string{"Firma", "Handy"}, []string{"Acme", "0171"}, `column "Handy": 0171 is not a phone number`},
		{"bad date", []string{"Firma", "Erstellt"}, []string{"Acme", "31.02.2026"}, `column "Erstellt": "31.02.2026" is not a date`},
		{"bad offset", []string{"Firma", "CreatedDate"}, []string{"Acme", "2026-03-15T14:30:00+25:00"}, `column "CreatedDate": "2026-03-15T14:30:00+25:00" is not a date`},
		{"bad opt out", []string{"Firma", "Email Opt Out"}, []string{"Acme", "vielleicht"}, `column "Email Opt Out": "vielleicht" is not yes or no`},
		{"bad leadq id", []string{"id", "company"}, []string{"x1", "Acme"}, `column "id": "x1" is not a leadq id`},
		{"no one to reach", []string{"Ort", "Branche", "custom.x"}, []string{"Köln", "Bau", "y"}, `the row has no name, company, email or phone`},
		{"an empty row", []string{"Firma", "E-Mail"}, []string{"", " "}, `the row has no name, company, email or phone`},
		{"external ids and systems differ", []string{"company", "external_system", "external_id"}, []string{"Acme", "a", "1\n2"},
			`column "external_id": 2 ids for 1 systems`},
	}
	for _, c := range cases {
		system := "file"
		if c.header[0] == "id" {
			system = "leadq"
		}
		m := mustNew(t, c.header, nil, Options{System: system, Location: time.UTC})
		l, _, err := m.Lead(c.cells, testNow)
		if err == nil {
			t.Errorf("%s: no error, lead %+v", c.name, l)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %q, want it to start %q", c.name, err, c.want)
		}
		var ce *CellError
		if errors.As(err, &ce) != (c.want[:6] == "column") {
			t.Errorf("%s: %v: CellError %v", c.name, err, ce != nil)
		}
	}
	if _, _, err := readRow(t, []string{"Ort"}, []string{"Köln"}); !errors.Is(err, ErrNoContact) {
		t.Errorf("no contact: %v, want ErrNoContact", err)
	}
}

func TestUnknownWordsAreKeptNotRejected(t *testing.T) {
	l, warnings, err := readRow(t, []string{"Firma", "Status", "Fit", "Consent", "status"}, []string{"Acme", "In Klärung", "super", "vielleicht", "erledigt"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Stage != domain.StageInquiry || l.Fit != domain.FitUnrated || l.Consent.Status != domain.ConsentNone {
		t.Errorf("stage %v, fit %v, consent %v; want the defaults", l.Stage, l.Fit, l.Consent.Status)
	}
	want := map[string]string{"status": "In Klärung", "fit": "super", "consent": "vielleicht", "status_2": "erledigt"}
	if len(l.Custom) != len(want) {
		t.Errorf("custom %v, want %v", l.Custom, want)
	}
	for k, v := range want {
		if l.Custom[k] != v {
			t.Errorf("custom %v, want %v", l.Custom, want)
		}
	}
	if len(warnings) != 4 || warnings[0] != `column "Status": "In Klärung" is no stage leadq knows: kept as custom.status` {
		t.Errorf("warnings %q", warnings)
	}
}

func TestUnknownStageKeyAvoidsCustomColumns(t *testing.T) {
	l, _, err := readRow(t, []string{"Firma", "custom.status", "Status"}, []string{"Acme", "eigen", "Foo"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Custom["status"] != "eigen" || l.Custom["status_2"] != "Foo" {
		t.Errorf("custom %v", l.Custom)
	}
}

func TestNotesFromSeveralColumns(t *testing.T) {
	l, _, err := readRow(t, []string{"Firma", "Notiz", "Stand-Notiz", "Description"}, []string{"Acme", "Ruft zurück", "", "Will Demo\r\nim Mai"})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Notes) != 2 || l.Notes[0].Text != "Notiz: Ruft zurück" || l.Notes[1].Text != "Description: Will Demo\nim Mai" || !l.Notes[0].Created.Equal(testNow) {
		t.Errorf("notes %+v", l.Notes)
	}
	l, _, _ = readRow(t, []string{"Firma", "Notiz"}, []string{"Acme", "Ruft zurück"})
	if len(l.Notes) != 1 || l.Notes[0].Text != "Ruft zurück" || l.Notes[0].Kind != domain.NoteOther {
		t.Errorf("one note column: %+v", l.Notes)
	}
}

func TestExternalIDsPerSystem(t *testing.T) {
	cases := []struct {
		header []string
		cells  []string
		opt    Options
		want   map[string]string
	}{
		{[]string{"Id", "LastName", "Company"}, []string{"00Q1", "Schmidt", "Acme"}, Options{}, map[string]string{"salesforce": "00Q1"}},
		{[]string{"Lead ID", "Last Name", "Company"}, []string{"00Q2", "Schmidt", "Acme"}, Options{}, map[string]string{"salesforce": "00Q2"}},
		{[]string{"Record ID", "Email"}, []string{"901", "a@b.de"}, Options{}, map[string]string{"hubspot": "901"}},
		{[]string{"Kontakt-ID", "Email"}, []string{"K-1", "a@b.de"}, Options{}, nil}, // no known id column: a custom field
		{[]string{"ID", "Email"}, []string{"K-1", "a@b.de"}, Options{}, map[string]string{"file": "K-1"}},
		{[]string{"ID", "Email"}, []string{"K-1", "a@b.de"}, Options{System: "Messe 2026"}, map[string]string{"messe_2026": "K-1"}},
		{[]string{"email", "external_system", "external_id"}, []string{"a@b.de", "hubspot\nsalesforce", "901\n00Q1"}, Options{},
			map[string]string{"hubspot": "901", "salesforce": "00Q1"}},
		{[]string{"email", "external_system", "external_id"}, []string{"a@b.de", "", "77"}, Options{System: "crm"}, map[string]string{"crm": "77"}},
	}
	for _, c := range cases {
		opt := c.opt
		opt.Location = time.UTC
		m := mustNew(t, c.header, nil, opt)
		l, _, err := m.Lead(c.cells, testNow)
		if err != nil {
			t.Errorf("%q: %v", c.header, err)
			continue
		}
		if len(l.ExternalIDs) != len(c.want) {
			t.Errorf("%q: external ids %v, want %v", c.header, l.ExternalIDs, c.want)
		}
		for k, v := range c.want {
			if l.ExternalIDs[k] != v {
				t.Errorf("%q: external ids %v, want %v", c.header, l.ExternalIDs, c.want)
			}
		}
	}
}

func TestLeadImportedEvent(t *testing.T) {
	m := mustNew(t, []string{"Id", "LastName", "Company"}, nil, Options{})
	l, _, err := m.Lead([]string{"00Q1", "Schmidt", "Acme"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.History) != 1 {
		t.Fatalf("history %+v", l.History)
	}
	e := l.History[0]
	if e.Kind != domain.EventImported || !e.At.Equal(testNow) || e.Import == nil || e.Import.System != "salesforce" || e.Import.ExternalID != "00Q1" {
		t.Errorf("event %+v, import %+v", e, e.Import)
	}
	m = mustNew(t, LeadqProfile.Header(nil), nil, Options{})
	row := LeadqProfile.Row(&domain.Lead{ID: 42, Name: "Anna"}, nil)
	l, _, err = m.Lead(row, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if l.ID != 42 || l.History[0].Import.System != "leadq" || l.History[0].Import.ExternalID != "42" {
		t.Errorf("leadq export: id %d, import %+v", l.ID, l.History[0].Import)
	}
}

func TestExtraCellsAreWarnedAbout(t *testing.T) {
	_, warnings, err := readRow(t, []string{"Firma"}, []string{"Acme", "", "surplus", "more"})
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "2 cells more than the header") {
		t.Errorf("warnings %q, %v", warnings, err)
	}
	_, warnings, _ = readRow(t, []string{"Firma"}, []string{"Acme", " "})
	if len(warnings) != 0 {
		t.Errorf("blank extra cells: warnings %q", warnings)
	}
}
