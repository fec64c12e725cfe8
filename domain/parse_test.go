package domain

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests run in Europe/Berlin wherever they run
)

var berlin = mustLoad("Europe/Berlin")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time in Berlin.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, berlin)
}

// wed is the tests' "now": Wednesday 10 March 2027, 10:15:30 in Berlin.
var wed = time.Date(2027, 3, 10, 10, 15, 30, 0, berlin)

// wantErr checks err against want: "" wants no error, otherwise err must
// contain want.
func wantErr(t *testing.T, name string, err error, want string) bool {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
		return false
	case want != "" && err == nil:
		t.Errorf("%s: no error, want one containing %q", name, want)
		return false
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("%s: error %q, want it to contain %q", name, err, want)
		return false
	}
	return want == ""
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"", 0, ""},
		{"   ", 0, ""},
		{"0", 0, ""},
		{"50000", 50000, ""},
		{"50.000", 50000, ""},
		{"50,000", 50000, ""},
		{"50 000", 50000, ""},
		{"50\u00a0000", 50000, ""},
		{"50.000 €", 50000, ""},
		{"50.000€", 50000, ""},
		{"€ 50k", 50000, ""},
		{"€50k", 50000, ""},
		{"50k €", 50000, ""},
		{"2k", 2000, ""},
		{"2 K", 2000, ""},
		{"1,5 Mio", 1500000, ""},
		{"1,5 Mio. €", 1500000, ""},
		{"EUR 1,5 Mio", 1500000, ""},
		{"1.5M", 1500000, ""},
		{"2,5 Mrd", 2500000000, ""},
		{"50 TEUR", 50000, ""},
		{"50.000,-", 50000, ""},
		{"€ 50.000,--", 50000, ""},
		{"CHF 12'500", 12500, ""},
		{"USD 1,000,000", 1000000, ""},
		{"ca. 20k", 20000, ""},
		{"~ 300", 300, ""},
		// both marks: the last one is the decimal mark, and cents round
		{"1.234.567,89", 1234568, ""},
		{"1,234,567.49", 1234567, ""},
		// a lone mark before other than three digits is a decimal mark
		{"12,40", 12, ""},
		{"99,5", 100, ""},
		{"1.5", 2, ""},
		// a lone mark after a multiplier is always a decimal mark
		{"1,250k", 1250, ""},

		{"12a4", 0, "12a4 is not an amount"},
		{"abc", 0, "abc is not an amount"},
		{"€", 0, "is not an amount"},
		{"k", 0, "is not an amount"},
		{"5t", 0, "5t is not an amount"},
		{"-500", 0, "-500 is not an amount: it is below zero"},
		{"€ -500", 0, "below zero"},
		{"−500", 0, "below zero"},
		{"50 00", 0, "groups of thousands have three digits"},
		{"1234.567.890", 0, "groups of thousands have three digits"},
		{"1.000 000", 0, "mixes separators"},
		{"1.000,000.5", 0, "more than one decimal mark"},
		{"1..000", 0, "1..000 is not an amount"},
		{"50.000.", 0, "is not an amount"},
		{"12 eur 5", 0, "is not an amount"},
		{"99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if wantErr(t, "ParseAmount("+tt.in+")", err, tt.err) && got != tt.want {
			t.Errorf("ParseAmount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"", 0, ""},
		{"1200", 1200, ""},
		{"1.200", 1200, ""},
		{"1,200", 1200, ""},
		{"1 200", 1200, ""},
		{"1,2k", 1200, ""},
		{"ca. 250", 250, ""},
		{"12 Tsd.", 12000, ""},
		{"1,5", 0, "1,5 is not a whole number"},
		{"1,2345k", 0, "not a whole number"},
		{"-3", 0, "below zero"},
		{"50 €", 0, "50 € is not a number"},
		{"12 Mitarbeiter", 0, "is not a number"},
		{"99999999999999999999", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := ParseCount(tt.in)
		if wantErr(t, "ParseCount("+tt.in+")", err, tt.err) && got != tt.want {
			t.Errorf("ParseCount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1,000"},
		{50000, "50,000"},
		{1234567, "1,234,567"},
		{-1000, "-1,000"},
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.n); got != tt.want {
			t.Errorf("FormatAmount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestParseTimeline(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return at(y, m, d, 0, 0) }
	tests := []struct {
		in    string
		text  string
		first time.Time
		err   string
	}{
		{"", "", time.Time{}, ""},
		{"2027-03-15", "2027-03-15", day(2027, 3, 15), ""},
		{" 2027-3-5 ", "2027-03-05", day(2027, 3, 5), ""},
		{"15.03.2027", "2027-03-15", day(2027, 3, 15), ""},
		{"15.3.2027", "2027-03-15", day(2027, 3, 15), ""},
		{"29.02.2028", "2028-02-29", day(2028, 2, 29), ""},
		{"Q3 2027", "Q3 2027", day(2027, 7, 1), ""},
		{"Q3/2027", "Q3 2027", day(2027, 7, 1), ""},
		{"q3-2027", "Q3 2027", day(2027, 7, 1), ""},
		{"2027 Q3", "Q3 2027", day(2027, 7, 1), ""},
		{"2027-Q3", "Q3 2027", day(2027, 7, 1), ""},
		{"3. Quartal 2027", "Q3 2027", day(2027, 7, 1), ""},
		{"Q1 2028", "Q1 2028", day(2028, 1, 1), ""},
		{"Q4 2027", "Q4 2027", day(2027, 10, 1), ""},
		{"03/2027", "03/2027", day(2027, 3, 1), ""},
		{"3/2027", "03/2027", day(2027, 3, 1), ""},
		{"03.2027", "03/2027", day(2027, 3, 1), ""},
		{"2027-03", "03/2027", day(2027, 3, 1), ""},
		{"März 2027", "03/2027", day(2027, 3, 1), ""},
		{"märz 2027", "03/2027", day(2027, 3, 1), ""},
		{"Maerz 2027", "03/2027", day(2027, 3, 1), ""},
		{"March 2027", "03/2027", day(2027, 3, 1), ""},
		{"Mrz. 2027", "03/2027", day(2027, 3, 1), ""},
		{"Mai 2027", "05/2027", day(2027, 5, 1), ""},
		{"Oct 2027", "10/2027", day(2027, 10, 1), ""},
		{"Dezember 2027", "12/2027", day(2027, 12, 1), ""},
		{"Jänner 2028", "01/2028", day(2028, 1, 1), ""},
		{"2028", "2028", day(2028, 1, 1), ""},

		{"2027-02-30", "", time.Time{}, "2027-02-30 is not a date: February 2027 has 28 days"},
		{"29.02.2027", "", time.Time{}, "29.02.2027 is not a date: February 2027 has 28 days"},
		{"15.13.2027", "", time.Time{}, "15.13.2027 is not a date: there is no month 13"},
		{"31.04.2027", "", time.Time{}, "31.04.2027 is not a date: April has 30 days"},
		{"00.03.2027", "", time.Time{}, "there is no day 0"},
		{"15.3.27", "", time.Time{}, "four digits"},
		{"15-03-2027", "", time.Time{}, "write the year first"},
		{"Q5 2027", "", time.Time{}, "Q5 2027 is not a quarter: quarters run from Q1 to Q4"},
		{"Q0 2027", "", time.Time{}, "quarters run from Q1 to Q4"},
		{"Q3 27", "", time.Time{}, "four digits"},
		{"13/2027", "", time.Time{}, "13/2027 is not a month: there is no month 13"},
		{"Mai 27", "", time.Time{}, "four digits"},
		{"Foo 2027", "", time.Time{}, "foo is not a month"},
		{"next year", "", time.Time{}, "next year is not a timeline"},
		{"15.3", "", time.Time{}, "four-digit year"},
	}
	for _, tt := range tests {
		text, first, err := ParseTimeline(tt.in, wed)
		if !wantErr(t, "ParseTimeline("+tt.in+")", err, tt.err) {
			continue
		}
		if text != tt.text || !first.Equal(tt.first) {
			t.Errorf("ParseTimeline(%q) = %q, %v; want %q, %v", tt.in, text, first, tt.text, tt.first)
		}
		if !first.IsZero() && first.Location() != berlin {
			t.Errorf("ParseTimeline(%q): first day in %v, want now's location", tt.in, first.Location())
		}
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
		err  string
	}{
		{"ISO", "2027-03-15 14:30", at(2027, 3, 15, 14, 30), ""},
		{"ISO with T", "2027-03-15T14:30", at(2027, 3, 15, 14, 30), ""},
		{"German", "15.03.2027 14:30", at(2027, 3, 15, 14, 30), ""},
		{"German, comma and Uhr", "15.03.2027, 14:30 Uhr", at(2027, 3, 15, 14, 30), ""},
		{"no year, later this year", "15.03. 14:30", at(2027, 3, 15, 14, 30), ""},
		{"no year, short", "15.3. 9:00", at(2027, 3, 15, 9, 0), ""},
		{"no year, no last dot", "15.03 14:30", at(2027, 3, 15, 14, 30), ""},
		{"no year, today still ahead", "10.03. 11:00", at(2027, 3, 10, 11, 0), ""},
		{"no year, today already past: next year", "10.03. 09:00", at(2028, 3, 10, 9, 0), ""},
		{"no year, earlier this year: next year", "01.02. 09:00", at(2028, 2, 1, 9, 0), ""},
		{"no year, 29 February: the next leap year", "29.02. 9:00", at(2028, 2, 29, 9, 0), ""},
		{"time, later today", "14:30", at(2027, 3, 10, 14, 30), ""},
		{"time, already past: tomorrow", "09:00", at(2027, 3, 11, 9, 0), ""},
		{"time, this minute has begun: tomorrow", "10:15", at(2027, 3, 11, 10, 15), ""},
		{"hour with Uhr", "14 Uhr", at(2027, 3, 10, 14, 0), ""},
		{"morgen", "morgen 9:00", at(2027, 3, 11, 9, 0), ""},
		{"tomorrow", "tomorrow 9:00", at(2027, 3, 11, 9, 0), ""},
		{"Morgen um", "Morgen um 9", at(2027, 3, 11, 9, 0), ""},
		{"tomorrow at", "tomorrow at 16:45", at(2027, 3, 11, 16, 45), ""},
		{"heute", "heute 18:00", at(2027, 3, 10, 18, 0), ""},
		{"übermorgen", "übermorgen 8:30", at(2027, 3, 12, 8, 30), ""},
		{"weekday ahead", "Freitag 10:00", at(2027, 3, 12, 10, 0), ""},
		{"weekday abbreviated", "Mo 9:00", at(2027, 3, 15, 9, 0), ""},
		{"today's weekday, time still ahead", "mi 11:00", at(2027, 3, 10, 11, 0), ""},
		{"today's weekday, time past: a week on", "Mittwoch 9:00", at(2027, 3, 17, 9, 0), ""},
		{"+2h, to the minute", "+2h", at(2027, 3, 10, 12, 15), ""},
		{"+30m", "+30m", at(2027, 3, 10, 10, 45), ""},
		{"+3d", "+3d", at(2027, 3, 13, 10, 15), ""},
		{"+1w", "+1w", at(2027, 3, 17, 10, 15), ""},
		{"+1h30m", "+1h30m", at(2027, 3, 10, 11, 45), ""},
		{"+ 2 h", "+ 2 h", at(2027, 3, 10, 12, 15), ""},
		{"+1m, still ahead after truncation", "+1m", at(2027, 3, 10, 10, 16), ""},

		{"empty", "", time.Time{}, "no time given"},
		{"today, past", "heute 9:00", time.Time{}, "heute 9:00 is in the past"},
		{"date, past", "2027-03-01 10:00", time.Time{}, "is in the past"},
		{"date, this minute", "10.03.2027 10:15", time.Time{}, "is in the past"},
		{"hour 25", "25:00", time.Time{}, "hours run from 0 to 23"},
		{"minute 60", "14:60", time.Time{}, "minutes run from 0 to 59"},
		{"date without time", "15.03.2027", time.Time{}, "15.03.2027 has no time of day"},
		{"day word without time", "morgen", time.Time{}, "has no time of day"},
		{"no such day", "30.02.2027 10:00", time.Time{}, "February 2027 has 28 days"},
		{"no such day, no year", "31.04. 10:00", time.Time{}, "April has 30 days at most"},
		{"no 31 February in any year", "31.02. 10:00", time.Time{}, "February has 29 days at most"},
		{"9.30 is a time", "9.30", at(2027, 3, 11, 9, 30), ""},
		{"a date and 9.30", "15.03. 9.30", at(2027, 3, 15, 9, 30), ""},
		{"morgen and an hour", "morgen 9", at(2027, 3, 11, 9, 0), ""},
		{"übermorgen and an hour", "übermorgen 14", at(2027, 3, 12, 14, 0), ""},
		{"heute and 18.00", "heute 18.00", at(2027, 3, 10, 18, 0), ""},
		{"a leap day with its year", "29.02.2028 10:00", at(2028, 2, 29, 10, 0), ""},
		{"two-digit year", "15.03.27 14:30", time.Time{}, "four digits"},
		{"bare hour", "14", time.Time{}, "is not a time"},
		{"+0h", "+0h", time.Time{}, "not in the future"},
		{"+ alone", "+", time.Time{}, "say how far ahead"},
		{"+2x", "+2x", time.Time{}, "say how far ahead"},
		{"words", "soon", time.Time{}, "soon is not a time"},
		{"too many words", "next week 9:00", time.Time{}, "is not a time"},
	}
	for _, tt := range tests {
		got, err := ParseDateTime(tt.in, wed)
		if !wantErr(t, tt.name, err, tt.err) {
			continue
		}
		if !got.Equal(tt.want) || got.Location() != berlin {
			t.Errorf("%s: ParseDateTime(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestParseDateTimeAcrossDST(t *testing.T) {
	// Clocks go forward in the night to Sunday 28 March 2027: "+3d" keeps
	// the wall clock, so it is 71 hours, not 72.
	now := at(2027, 3, 27, 10, 0)
	got, err := ParseDateTime("+3d", now)
	if err != nil || !got.Equal(at(2027, 3, 30, 10, 0)) || got.Sub(now) != 71*time.Hour {
		t.Errorf("+3d across DST = %v, %v; want 30.03. 10:00, 71h on", got, err)
	}
	got, err = ParseDateTime("+24h", now)
	if err != nil || !got.Equal(at(2027, 3, 28, 11, 0)) {
		t.Errorf("+24h across DST = %v, %v; want 28.03. 11:00", got, err)
	}
}

func TestQuickCallbacks(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		want [3]time.Time // in 1 hour, tomorrow 09:00, next Monday 09:00
	}{
		{"Sunday evening: tomorrow is the Monday",
			time.Date(2027, 3, 14, 20, 30, 0, 0, berlin),
			[3]time.Time{at(2027, 3, 14, 21, 30), at(2027, 3, 15, 9, 0), at(2027, 3, 15, 9, 0)}},
		{"Monday morning: next Monday is a week on",
			time.Date(2027, 3, 15, 8, 0, 0, 0, berlin),
			[3]time.Time{at(2027, 3, 15, 9, 0), at(2027, 3, 16, 9, 0), at(2027, 3, 22, 9, 0)}},
		{"Friday afternoon: tomorrow is Saturday",
			time.Date(2027, 3, 19, 16, 45, 20, 0, berlin),
			[3]time.Time{at(2027, 3, 19, 17, 45), at(2027, 3, 20, 9, 0), at(2027, 3, 22, 9, 0)}},
		{"New Year's Eve, a Friday, late",
			time.Date(2027, 12, 31, 23, 30, 0, 0, berlin),
			[3]time.Time{at(2028, 1, 1, 0, 30), at(2028, 1, 1, 9, 0), at(2028, 1, 3, 9, 0)}},
		{"Saturday before the clocks go forward",
			time.Date(2027, 3, 27, 12, 0, 0, 0, berlin),
			[3]time.Time{at(2027, 3, 27, 13, 0), at(2027, 3, 28, 9, 0), at(2027, 3, 29, 9, 0)}},
	}
	labels := [3]string{"in 1 hour", "tomorrow 09:00", "next Monday 09:00"}
	for _, tt := range tests {
		got := QuickCallbacks(tt.now)
		if len(got) != 3 {
			t.Fatalf("%s: %d quick callbacks, want 3", tt.name, len(got))
		}
		for i, q := range got {
			if q.Label != labels[i] || !q.At.Equal(tt.want[i]) || q.At.Location() != berlin {
				t.Errorf("%s: #%d = %q %v, want %q %v", tt.name, i, q.Label, q.At, labels[i], tt.want[i])
			}
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"50000", "50.000", "50,000", "50 000", "50.000 €", "€ 50k", "1,5 Mio", "1.5M", "2k",
		"1.234.567,89", "50 TEUR", "50.000,-", "CHF 12'500", "ca. 20k", "12a4", "-500", "50 00", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseAmount(s)
		if err != nil {
			return
		}
		if v < 0 {
			t.Fatalf("ParseAmount(%q) = %d, below zero", s, v)
		}
		text := FormatAmount(v)
		if w, err := ParseAmount(text); err != nil || w != v {
			t.Fatalf("ParseAmount(%q) = %d, written %q, which reads back as %d, %v", s, v, text, w, err)
		}
	})
}

func FuzzParseTimeline(f *testing.F) {
	for _, s := range []string{"2027-03-15", "15.03.2027", "Q3 2027", "Q3/2027", "q3-2027", "2027 Q3", "03/2027",
		"März 2027", "March 2027", "2028", "3. Quartal 2027", "29.02.2027", "15.13.2027", "15.3.27", "Q5 2027"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, first, err := ParseTimeline(s, wed)
		if err != nil {
			return
		}
		if text == "" {
			if !first.IsZero() {
				t.Fatalf("ParseTimeline(%q): no text but first day %v", s, first)
			}
			return
		}
		text2, first2, err := ParseTimeline(text, wed)
		if err != nil || text2 != text || !first2.Equal(first) {
			t.Fatalf("ParseTimeline(%q) = %q %v, which reads back as %q %v, %v", s, text, first, text2, first2, err)
		}
	})
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2027-03-15 14:30", "15.03.2027 14:30", "15.03. 14:30", "14:30", "morgen 9:00",
		"tomorrow 9:00", "+2h", "+30m", "+3d", "+1h30m", "Freitag 10:00", "14 Uhr", "29.02. 9:00", "25:00", "+0h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDateTime(s, wed)
		if err != nil {
			return
		}
		if !got.After(wed) {
			t.Fatalf("ParseDateTime(%q) = %v, not after now", s, got)
		}
		// Written to the minute, it must read back as the same wall clock
		// (in the hour the clocks go back, the same wall clock is two instants).
		text := got.Format("2006-01-02 15:04")
		again, err := ParseDateTime(text, wed)
		if err != nil || again.Format("2006-01-02 15:04") != text {
			t.Fatalf("ParseDateTime(%q) = %v, written %q, which reads back as %v, %v", s, got, text, again, err)
		}
	})
}
