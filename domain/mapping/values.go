package mapping

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// This file reads cells the way CRMs and spreadsheets write them: dates,
// yes/no, and the stage, fit and consent words of leadq, Salesforce and
// HubSpot (see the table in doc.go).

// Dates: 2026-03-15, 15.03.2026 (14:30), 2026-03-15T14:30:00Z (offsets,
// Salesforce's +0000, fractions), Salesforce reports' 3/15/2026 (2:30 PM;
// month first unless it cannot be), HubSpot's 2026-03-15 14:30, and
// Excel's day numbers (46096).
var (
	reISODate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	reISOTime   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$`)
	reGerman    = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:,? +(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?: ?uhr)?)?$`)
	reUS        = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:,? +(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?)?$`)
	reExcelDate = regexp.MustCompile(`^\d{5}(?:[.,]\d+)?$`)
)

// ParseDate reads the dates CRMs, Excel and people write (see the table above it), zone-less ones in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t, err := parseDate(s, loc)
	if err == nil && !t.IsZero() && (t.Year() < 1000 || t.UTC().Year() < 1000 || t.UTC().Year() > 9999) {
		return time.Time{}, domain.Problemf("mapping.date_year", "%q is not a date: its year is out of range", strings.TrimSpace(s))
	}
	return t, err
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	in := strings.Join(strings.Fields(s), " ")
	if in == "" {
		return time.Time{}, nil
	}
	if loc == nil {
		loc = time.Local
	}
	w := strings.ToLower(in)
	if strings.ContainsAny(w, "zZ+") || strings.Count(w, "-") > 2 {
		for _, layout := range zoneLayouts {
			if t, err := time.Parse(layout, strings.ToUpper(in)); err == nil {
				return t, nil
			}
		}
	}
	var y, mo, d, h, mi, sec, nsec int
	var ok bool
	if m := reISODate.FindStringSubmatch(w); m != nil {
		y, mo, d, ok = atoi(m[1]), atoi(m[2]), atoi(m[3]), true
	} else if m := reISOTime.FindStringSubmatch(w); m != nil {
		y, mo, d, h, mi, sec, ok = atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), true
		if m[7] != "" {
			nsec = atoi((m[7] + "00000000")[:9])
		}
	} else if m := reGerman.FindStringSubmatch(w); m != nil {
		d, mo, y, h, mi, sec, ok = atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), true
		if len(m[3]) == 2 {
			y += 2000
			if y > 2069 {
				y -= 100
			}
		}
	} else if m := reUS.FindStringSubmatch(w); m != nil {
		mo, d, y, h, mi, sec, ok = atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), true
		if mo > 12 && d <= 12 {
			mo, d = d, mo // 15/3/2026: day first after all
		}
		switch m[7] {
		case "a", "p":
			if h < 1 || h > 12 {
				return time.Time{}, domain.Problemf("mapping.date_ampm", "%q is not a date: with AM or PM the hour runs from 1 to 12", in)
			}
			h %= 12
			if m[7] == "p" {
				h += 12
			}
		}
	} else if reExcelDate.MatchString(w) {
		days, err := strconv.ParseFloat(strings.Replace(w, ",", ".", 1), 64)
		if err == nil {
			// Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, loc)
			whole := int(days)
			t := base.AddDate(0, 0, whole).Add(time.Duration((days - float64(whole)) * 24 * float64(time.Hour)).Round(time.Second))
			return t, nil
		}
	}
	if !ok {
		return time.Time{}, domain.Problemf("mapping.not_a_date", "%q is not a date: write it like 2026-03-15, 15.03.2026 or 15.03.2026 14:30", in)
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, domain.Problemf("mapping.no_such_day", "%q is not a date: there is no such day or time", in)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, loc)
	if t.Day() != d {
		return time.Time{}, domain.Problemf("mapping.month_day", "%q is not a date: %s has no day %d", in, monthName(mo), d)
	}
	return t, nil
}

// zoneLayouts are the times with a zone: RFC 3339 and its kin, with a
// blank for the T, without seconds, or with Salesforce's +0000 offset.
var zoneLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04Z07:00",
	"2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z0700",
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// ParseBool reads yes or no as CRMs, German Excel (WAHR) and ticked boxes (x) write it; empty is no.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "ja", "wahr", "1", "x", "y", "j":
		return true, nil
	case "false", "no", "nein", "falsch", "0", "n", "":
		return false, nil
	}
	return false, domain.Problemf("mapping.not_bool", "%q is not yes or no: write true or false, ja or nein, 1 or 0", s)
}

// StageValue is a stage cell's meaning: a stage, and for some statuses a fit (UNQUALIFIED: none).
type StageValue struct {
	Stage  domain.Stage
	Fit    domain.Fit
	HasFit bool
}

// stageValues is the value table of doc.go, by folded value; a value's
// label folds the same ("Marketing Qualified Lead", marketingqualifiedlead).
var stageValues = func() map[string]StageValue {
	m := map[string]StageValue{}
	add := func(st domain.Stage, values ...string) {
		for _, v := range values {
			m[fold(v)] = StageValue{Stage: st}
		}
	}
	for _, st := range domain.Stages {
		add(st, st.String(), st.Label())
	}
	add(domain.StageInquiry, "Anfrage", "Kontakt", "Lead", "Subscriber", "Other", "New", "Neu", "Open - Not Contacted")
	add(domain.StageMQL, "Marketing Qualified Lead", "marketingqualifiedlead")
	add(domain.StageSAL, "Sales Accepted Lead", "Working - Contacted", "Working", "Open", "In Progress",
		"Attempted to Contact", "Connected", "In Bearbeitung")
	add(domain.StageSQL, "Sales Qualified Lead", "salesqualifiedlead", "Qualified", "Qualifiziert")
	add(domain.StageOpportunity, "Closed - Converted", "Open Deal", "Converted", "Verkaufschance")
	add(domain.StageCustomer, "Evangelist", "Kunde", "Bestandskunde")
	add(domain.StageNurture, "Nurturing", "Bad Timing", "Später")
	add(domain.StageDisqualified, "Closed - Not Converted", "Disqualifiziert")
	for _, v := range []string{"Unqualified", "Unqualifiziert"} {
		m[fold(v)] = StageValue{Stage: domain.StageDisqualified, Fit: domain.FitNone, HasFit: true}
	}
	return m
}()

// ParseStageValue reads a stage or a CRM status by the value table; ok is false for other words.
func ParseStageValue(s string) (StageValue, bool) {
	v, ok := stageValues[fold(s)]
	return v, ok
}

// stageReach orders stages for several stage columns: the one furthest
// along wins; a rep's verdict (nurture, disqualified) outranks the
// marketing stages, a deal outranks the verdict.
var stageReach = map[domain.Stage]int{
	domain.StageInquiry: 0, domain.StageMQL: 1, domain.StageSAL: 2, domain.StageSQL: 3,
	domain.StageNurture: 4, domain.StageDisqualified: 5, domain.StageOpportunity: 6, domain.StageCustomer: 7,
}

var fitValues = func() map[string]domain.Fit {
	m := map[string]domain.Fit{}
	for f := domain.FitUnrated; f <= domain.FitNone; f++ {
		m[fold(f.String())], m[fold(f.Label())] = f, f
	}
	for v, f := range map[string]domain.Fit{
		"gut": domain.FitGood, "passt": domain.FitGood, "good fit": domain.FitGood,
		"gering": domain.FitLow, "niedrig": domain.FitLow, "low fit": domain.FitLow,
		"keine": domain.FitNone, "kein fit": domain.FitNone, "passt nicht": domain.FitNone,
		"unbewertet": domain.FitUnrated,
	} {
		m[fold(v)] = f
	}
	return m
}()

// ParseFitValue reads a fit by name or label, English or German.
func ParseFitValue(s string) (domain.Fit, bool) {
	f, ok := fitValues[fold(s)]
	return f, ok
}

var consentValues = func() map[string]domain.ConsentStatus {
	m := map[string]domain.ConsentStatus{}
	for c := domain.ConsentNone; c <= domain.ConsentWithdrawn; c++ {
		m[fold(c.String())], m[fold(c.Label())] = c, c
	}
	for v, c := range map[string]domain.ConsentStatus{
		"keine": domain.ConsentNone, "keine einwilligung": domain.ConsentNone,
		"double opt-in": domain.ConsentDoubleOptIn, "doi": domain.ConsentDoubleOptIn, "bestätigt": domain.ConsentDoubleOptIn,
		"widerrufen": domain.ConsentWithdrawn, "opted out": domain.ConsentWithdrawn, "abgemeldet": domain.ConsentWithdrawn,
		"unsubscribed": domain.ConsentWithdrawn,
	} {
		m[fold(v)] = c
	}
	return m
}()

// ParseConsentValue reads a consent status by name, label or yes/no (yes: opt-in).
func ParseConsentValue(s string) (domain.ConsentStatus, bool) {
	if c, ok := consentValues[fold(s)]; ok {
		return c, true
	}
	if b, err := ParseBool(s); err == nil {
		if b {
			return domain.ConsentOptIn, true
		}
		return domain.ConsentNone, true
	}
	return 0, false
}

// monthNames are the months as a Problem, so a date's message names its
// month in the reader's language.
var monthNames = [...]*domain.Problem{
	domain.Problemf("mapping.month.jan", "January"), domain.Problemf("mapping.month.feb", "February"),
	domain.Problemf("mapping.month.mar", "March"), domain.Problemf("mapping.month.apr", "April"),
	domain.Problemf("mapping.month.may", "May"), domain.Problemf("mapping.month.jun", "June"),
	domain.Problemf("mapping.month.jul", "July"), domain.Problemf("mapping.month.aug", "August"),
	domain.Problemf("mapping.month.sep", "September"), domain.Problemf("mapping.month.oct", "October"),
	domain.Problemf("mapping.month.nov", "November"), domain.Problemf("mapping.month.dec", "December"),
}

func monthName(mo int) error {
	if mo < 1 || mo > 12 {
		return domain.Problemf("mapping.month.number", "%s", time.Month(mo).String())
	}
	return monthNames[mo-1]
}
