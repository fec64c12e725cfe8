package mapping

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"leadq/domain"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParseDate(t *testing.T) {
	loc := berlin(t)
	at := func(y int, mo time.Month, d, h, mi, s int) time.Time { return time.Date(y, mo, d, h, mi, s, 0, loc) }
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2026-03-15", at(2026, 3, 15, 0, 0, 0)},
		{" 2026-3-5 ", at(2026, 3, 5, 0, 0, 0)},
		{"15.03.2026", at(2026, 3, 15, 0, 0, 0)},
		{"5.3.2026", at(2026, 3, 5, 0, 0, 0)},
		{"15.03.26", at(2026, 3, 15, 0, 0, 0)},
		{"15.03.2026 14:30", at(2026, 3, 15, 14, 30, 0)},
		{"15.03.2026, 14:30:15", at(2026, 3, 15, 14, 30, 15)},
		{"15.03.2026 14.30 Uhr", at(2026, 3, 15, 14, 30, 0)},
		{"2026-03-15T14:30:00Z", utc(2026, 3, 15, 14, 30, 0, 0)},
		{"2026-03-15T14:30:00.000Z", utc(2026, 3, 15, 14, 30, 0, 0)},
		{"2026-03-15T14:30:00.123456+00:00", utc(2026, 3, 15, 14, 30, 0, 123456000)},
		{"2026-03-15T14:30:00+01:00", utc(2026, 3, 15, 13, 30, 0, 0)},
		{"2026-03-15T14:30:00-05:00", utc(2026, 3, 15, 19, 30, 0, 0)},
		{"2026-03-15t14:30z", utc(2026, 3, 15, 14, 30, 0, 0)},
		{"2026-03-15T14:30:00.000+0000", utc(2026, 3, 15, 14, 30, 0, 0)}, // Salesforce's API
		{"2026-03-15 14:30:00+01:00", utc(2026, 3, 15, 13, 30, 0, 0)},
		{"2026-03-15T14:30:00", at(2026, 3, 15, 14, 30, 0)},
		{"2026-03-15 14:30", at(2026, 3, 15, 14, 30, 0)},
		{"2026-03-15 14:30:59", at(2026, 3, 15, 14, 30, 59)},
		{"3/15/2026", at(2026, 3, 15, 0, 0, 0)},
		{"3/15/2026 2:30 PM", at(2026, 3, 15, 14, 30, 0)},
		{"03/15/2026, 12:05 am", at(2026, 3, 15, 0, 5, 0)},
		{"3/15/2026 12:00 PM", at(2026, 3, 15, 12, 0, 0)},
		{"3/4/2026", at(2026, 3, 4, 0, 0, 0)},   // month first, as Salesforce writes it
		{"15/3/2026", at(2026, 3, 15, 0, 0, 0)}, // the first number cannot be a month
		{"46096", at(2026, 3, 15, 0, 0, 0)},     // Excel's day number
		{"46096,5", at(2026, 3, 15, 12, 0, 0)},
		{"2026-10-25 02:30", at(2026, 10, 25, 2, 30, 0)}, // the hour that happens twice
		{"", time.Time{}},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, loc)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"31.02.2026", "13/13/2026", "2026-13-01", "2026-02-29", "15.03.2026 25:00", "morgen",
		"15.03.", "3/15/2026 13:00 PM", "2026-03-15T14:30:00+25:00", "1.2.3.4", "12345678", "-46096",
		"0000-01-01T0:00+01:00", "0999-12-31", "9999-12-31T23:00:00-05:00"} {
		if got, err := ParseDate(in, loc); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
		} else if !strings.Contains(err.Error(), "is not a date") && !strings.Contains(err.Error(), "has no day") && !strings.Contains(err.Error(), "out of range") {
			t.Errorf("ParseDate(%q): error %q does not say it is no date", in, err)
		}
	}
}

func TestParseDateDefaultsToLocal(t *testing.T) {
	got, err := ParseDate("2026-03-15", nil)
	if err != nil || got.Location() != time.Local {
		t.Errorf("got %v, %v; want a time in time.Local", got, err)
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{
		"true": true, "TRUE": true, "yes": true, "Ja": true, "WAHR": true, "1": true, "x": true, "X": true, "y": true, "j": true,
		"false": false, "No": false, "nein": false, "FALSCH": false, "0": false, "": false, " n ": false,
	} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"vielleicht", "2", "ok"} {
		if _, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q): no error", in)
		}
	}
}

func TestParseStageValue(t *testing.T) {
	cases := []struct {
		in   string
		want domain.Stage
		fit  domain.Fit // FitUnrated: implies none
	}{
		// leadq
		{"inquiry", domain.StageInquiry, 0}, {"MQL", domain.StageMQL, 0}, {"sal", domain.StageSAL, 0}, {"SQL", domain.StageSQL, 0},
		{"Opportunity", domain.StageOpportunity, 0}, {"customer", domain.StageCustomer, 0}, {"nurture", domain.StageNurture, 0},
		{"Disqualified", domain.StageDisqualified, 0},
		// Salesforce Status, default and newer picklists
		{"Open - Not Contacted", domain.StageInquiry, 0}, {"Working - Contacted", domain.StageSAL, 0},
		{"Closed - Converted", domain.StageOpportunity, 0}, {"Closed - Not Converted", domain.StageDisqualified, 0},
		{"New", domain.StageInquiry, 0}, {"Working", domain.StageSAL, 0}, {"Nurturing", domain.StageNurture, 0},
		{"Qualified", domain.StageSQL, 0}, {"Unqualified", domain.StageDisqualified, domain.FitNone},
		// HubSpot Lifecycle Stage, values and labels
		{"subscriber", domain.StageInquiry, 0}, {"lead", domain.StageInquiry, 0}, {"Other", domain.StageInquiry, 0},
		{"marketingqualifiedlead", domain.StageMQL, 0}, {"Marketing Qualified Lead", domain.StageMQL, 0},
		{"salesqualifiedlead", domain.StageSQL, 0}, {"Sales Qualified Lead", domain.StageSQL, 0},
		{"opportunity", domain.StageOpportunity, 0}, {"Evangelist", domain.StageCustomer, 0},
		// HubSpot Lead Status, values and labels
		{"NEW", domain.StageInquiry, 0}, {"OPEN", domain.StageSAL, 0}, {"IN_PROGRESS", domain.StageSAL, 0},
		{"In Progress", domain.StageSAL, 0}, {"ATTEMPTED_TO_CONTACT", domain.StageSAL, 0}, {"Attempted to contact", domain.StageSAL, 0},
		{"CONNECTED", domain.StageSAL, 0}, {"OPEN_DEAL", domain.StageOpportunity, 0}, {"Open Deal", domain.StageOpportunity, 0},
		{"UNQUALIFIED", domain.StageDisqualified, domain.FitNone}, {"BAD_TIMING", domain.StageNurture, 0},
		{"Bad timing", domain.StageNurture, 0},
		// German
		{"Anfrage", domain.StageInquiry, 0}, {"Kunde", domain.StageCustomer, 0}, {"Disqualifiziert", domain.StageDisqualified, 0},
	}
	for _, c := range cases {
		v, ok := ParseStageValue(c.in)
		if !ok || v.Stage != c.want || v.HasFit != (c.fit != 0) || v.Fit != c.fit {
			t.Errorf("ParseStageValue(%q) = %+v, %v; want %v (fit %v)", c.in, v, ok, c.want, c.fit)
		}
	}
	for _, in := range []string{"Hot", "Warm", "erledigt", "", "Closed"} {
		if v, ok := ParseStageValue(in); ok {
			t.Errorf("ParseStageValue(%q) = %+v, want unknown", in, v)
		}
	}
}

func TestParseFitAndConsentValues(t *testing.T) {
	for in, want := range map[string]domain.Fit{
		"good": domain.FitGood, "Good fit": domain.FitGood, "gut": domain.FitGood, "low": domain.FitLow, "low chance": domain.FitLow,
		"none": domain.FitNone, "No fit": domain.FitNone, "keine": domain.FitNone, "unrated": domain.FitUnrated,
	} {
		if got, ok := ParseFitValue(in); !ok || got != want {
			t.Errorf("ParseFitValue(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParseFitValue("super"); ok {
		t.Error("ParseFitValue(super) is known")
	}
	for in, want := range map[string]domain.ConsentStatus{
		"none": domain.ConsentNone, "opt-in": domain.ConsentOptIn, "Opt In": domain.ConsentOptIn, "double-opt-in": domain.ConsentDoubleOptIn,
		"double opt-in confirmed": domain.ConsentDoubleOptIn, "DOI": domain.ConsentDoubleOptIn, "withdrawn": domain.ConsentWithdrawn,
		"widerrufen": domain.ConsentWithdrawn, "ja": domain.ConsentOptIn, "nein": domain.ConsentNone, "no consent": domain.ConsentNone,
	} {
		if got, ok := ParseConsentValue(in); !ok || got != want {
			t.Errorf("ParseConsentValue(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParseConsentValue("vielleicht"); ok {
		t.Error("ParseConsentValue(vielleicht) is known")
	}
}
