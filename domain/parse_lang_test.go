package domain

import "testing"

// TestParseDateTimeBothLanguages: a callback time reads as a German or an
// English rep types it. now is Wednesday 10 March 2027, 10:15:30.
func TestParseDateTimeBothLanguages(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     string // "2006-01-02 15:04" in Berlin, or the error's start
		ok       bool
	}{
		// German
		{"heute", "heute 14:30", "2027-03-10 14:30", true},
		{"morgen", "morgen 9:00", "2027-03-11 09:00", true},
		{"übermorgen", "Übermorgen 8 Uhr", "2027-03-12 08:00", true},
		{"Montag", "Montag 10:00", "2027-03-15 10:00", true},
		{"Sonntag", "Sonntag 11 Uhr", "2027-03-14 11:00", true},
		{"Mo", "Mo 9:00", "2027-03-15 09:00", true},
		{"Di", "Di 9:00", "2027-03-16 09:00", true},
		{"Mi, still ahead", "Mi 11:00", "2027-03-10 11:00", true},
		{"Do", "Do 9:00", "2027-03-11 09:00", true},
		{"Fr", "Fr 14:30", "2027-03-12 14:30", true},
		{"Sa", "Sa 9:00", "2027-03-13 09:00", true},
		{"So", "So 9:00", "2027-03-14 09:00", true},
		{"nächsten Freitag", "nächsten Freitag 10:00", "2027-03-12 10:00", true},
		{"in 2 Stunden", "in 2 Stunden", "2027-03-10 12:15", true},
		{"in einer Stunde", "in einer Stunde", "2027-03-10 11:15", true},
		{"in 1 Stunde", "in 1 Stunde", "2027-03-10 11:15", true},
		{"in 30 Minuten", "in 30 Minuten", "2027-03-10 10:45", true},
		{"in 3 Tagen", "in 3 Tagen", "2027-03-13 10:15", true},
		{"in 2 Wochen", "in 2 Wochen", "2027-03-24 10:15", true},
		{"nächste Woche", "nächste Woche", "2027-03-17 10:15", true},
		{"day and month", "04.12. 14:30", "2027-12-04 14:30", true},
		{"day and month, short", "4.12. 9:00", "2027-12-04 09:00", true},
		{"full German date", "4.12.2027 14:30", "2027-12-04 14:30", true},
		{"14 Uhr", "14 Uhr", "2027-03-10 14:00", true},
		{"14:30 Uhr", "14:30 Uhr", "2027-03-10 14:30", true},
		{"um 14 Uhr", "morgen um 14 Uhr", "2027-03-11 14:00", true},
		{"date with Uhr", "04.12. 14:30 Uhr", "2027-12-04 14:30", true},
		// English
		{"today", "today 14:30", "2027-03-10 14:30", true},
		{"tomorrow", "tomorrow 9:00", "2027-03-11 09:00", true},
		{"Monday", "Monday 10:00", "2027-03-15 10:00", true},
		{"Fri", "Fri 14:30", "2027-03-12 14:30", true},
		{"next Friday", "next Friday 10:00", "2027-03-12 10:00", true},
		{"in 2 hours", "in 2 hours", "2027-03-10 12:15", true},
		{"in an hour", "in an hour", "2027-03-10 11:15", true},
		{"in 3 days", "in 3 days", "2027-03-13 10:15", true},
		{"next week", "next week", "2027-03-17 10:15", true},
		{"+2h", "+2h", "2027-03-10 12:15", true},
		{"2pm", "2pm", "2027-03-10 14:00", true},
		{"2:30 pm", "tomorrow 2:30 pm", "2027-03-11 14:30", true},
		{"12am", "tomorrow 12am", "2027-03-11 00:00", true},
		// as the screens write a time, read back
		{"German screen", "Fr 04.12. 14:30", "2027-12-04 14:30", true},
		{"German screen, other year", "Sa 04.12.2027 14:30", "2027-12-04 14:30", true},
		{"English screen", "Sat 4 Dec 14:30", "2027-12-04 14:30", true},
		{"English screen, other year", "Sat 4 Dec 2027 14:30", "2027-12-04 14:30", true},
		{"English date", "4 Dec 14:30", "2027-12-04 14:30", true},
		{"German weekday and Uhr", "Fr 10 Uhr", "2027-03-12 10:00", true},
		{"English weekday and am", "Fri 10am", "2027-03-12 10:00", true},
		// refused, in either language
		{"in nothing", "in Kürze", "in Kürze is not a time: say how far ahead", false},
		{"13pm", "13pm", "13pm is not a time: hours run from 1 to 12", false},
		{"nächste Woche with a time", "nächste Woche 9:00", "nächste Woche 9:00 is not a time", false},
	} {
		got, err := ParseDateTime(tt.in, wed)
		switch {
		case tt.ok && err != nil:
			t.Errorf("%s: ParseDateTime(%q): %v", tt.name, tt.in, err)
		case tt.ok && got.In(berlin).Format("2006-01-02 15:04") != tt.want:
			t.Errorf("%s: ParseDateTime(%q) = %s, want %s", tt.name, tt.in, got.In(berlin).Format("2006-01-02 15:04"), tt.want)
		case !tt.ok && (err == nil || len(err.Error()) < len(tt.want) || err.Error()[:len(tt.want)] != tt.want):
			t.Errorf("%s: ParseDateTime(%q) = %v, %v; want an error starting %q", tt.name, tt.in, got, err, tt.want)
		}
	}
}

// TestParseTimelineGermanDates: a purchase date typed the German way.
func TestParseTimelineGermanDates(t *testing.T) {
	for in, want := range map[string]string{
		"4.12.2027":       "2027-12-04",
		"04.12.2027":      "2027-12-04",
		"2027-12-04":      "2027-12-04",
		"Dezember 2027":   "12/2027",
		"December 2027":   "12/2027",
		"3. Quartal 2027": "Q3 2027",
		"Q3 2027":         "Q3 2027",
	} {
		got, _, err := ParseTimeline(in, wed)
		if err != nil || got != want {
			t.Errorf("ParseTimeline(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestParseMoneyAsBothLanguagesWriteIt: an amount reads back as either
// catalog writes it, and as reps type it.
func TestParseMoneyAsBothLanguagesWriteIt(t *testing.T) {
	eur := func(c int64) Money { return Money{Cents: c, Currency: "EUR"} }
	for in, want := range map[string]Money{
		"50.000 €":   eur(5_000_000),
		"1.234,56 €": eur(123456),
		"€50,000":    eur(5_000_000),
		"€1,234.56":  eur(123456),
		"50k":        {Cents: 5_000_000},
		"50k €":      eur(5_000_000),
		"50 Tsd. €":  eur(5_000_000),
		"1,5 Mio. €": eur(150_000_000),
		"$2,702":     {Cents: 270_200, Currency: "USD"},
		"2.702 CHF":  {Cents: 270_200, Currency: "CHF"},
	} {
		got, err := ParseMoney(in)
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, want := range map[string]int64{"50.000 €": 50000, "€50,000": 50000, "50k": 50000, "1.234,56 €": 1235} {
		if got, err := ParseAmount(in); err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}
