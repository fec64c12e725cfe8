package domain

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// This file reads what a rep types into a form: amounts, head counts,
// purchase timelines and callback times. Every error names the input and
// says in plain words what is wrong with it.

// ParseAmount reads a money amount in whole currency units, the way reps
// write it: "50000", "50.000", "50,000", "50 000", "50.000 €", "€ 50k",
// "1,5 Mio", "1.5M", "2k", "50 TEUR", "50.000,-". A lone "." or "," before
// exactly three digits groups thousands, otherwise it is the decimal mark;
// after a multiplier (k, Mio, …) it is always the decimal mark. Fractions of
// a unit are rounded. Empty input is 0.
func ParseAmount(s string) (int64, error) {
	in := collapseSpace(s)
	if in == "" {
		return 0, nil
	}
	r, err := parseQuantity(in, true)
	if err != nil {
		return 0, notAnAmount(in, err)
	}
	n, ok := roundRat(r)
	if !ok {
		return 0, Problemf("err.amount.too-large", "%s is too large for an amount", in)
	}
	return n, nil
}

// ParseCount reads a whole number such as a head count: "1200", "1.200",
// "1 200", "1,2k", "ca. 250". Empty input is 0.
func ParseCount(s string) (int, error) {
	in := collapseSpace(s)
	if in == "" {
		return 0, nil
	}
	r, err := parseQuantity(in, false)
	if err != nil {
		if detail, ok := err.(*Problem); ok {
			return 0, Problemf("err.number.detail", "%s is not a number: %s", in, detail)
		}
		return 0, Problemf("err.number.invalid", "%s is not a number", in)
	}
	if !r.IsInt() {
		return 0, Problemf("err.number.whole", "%s is not a whole number", in)
	}
	if !r.Num().IsInt64() || r.Num().Int64() > math.MaxInt {
		return 0, Problemf("err.number.too-large", "%s is too large", in)
	}
	return int(r.Num().Int64()), nil
}

// ParseMoney reads an amount exact to the cent, as ParseAmount reads it
// ("1.234,56", "1,234.56", "1,5 Mio", "50 TEUR"): a lone "." or "," before
// exactly three digits groups thousands, so "1.234" is one thousand two
// hundred thirty-four. A currency written with it ("€", "CHF") is
// returned as its ISO code; without one, Currency is empty. More than two
// decimals are an error, not rounded away. Empty input is the zero Money.
func ParseMoney(s string) (Money, error) {
	in := collapseSpace(s)
	if in == "" {
		return Money{}, nil
	}
	r, err := parseQuantity(in, true)
	if err != nil {
		return Money{}, notAnAmount(in, err)
	}
	cents := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if !cents.IsInt() {
		return Money{}, Problemf("err.amount.cents", "%s is not an amount: it has more than two decimals", in)
	}
	if !cents.Num().IsInt64() {
		return Money{}, Problemf("err.amount.too-large", "%s is too large for an amount", in)
	}
	return Money{Cents: cents.Num().Int64(), Currency: currencyIn(in)}, nil
}

// currencyIn finds the currency written beside an amount.
func currencyIn(in string) string {
	w := strings.ToLower(in)
	for _, c := range []struct{ sym, code string }{
		{"€", "EUR"}, {"eur", "EUR"}, {"teur", "EUR"}, {"$", "USD"}, {"usd", "USD"}, {"£", "GBP"}, {"gbp", "GBP"},
		{"chf", "CHF"}, {"sfr", "CHF"}, {"fr.", "CHF"}, {"pln", "PLN"}, {"zł", "PLN"},
	} {
		if strings.Contains(w, c.sym) {
			return c.code
		}
	}
	return ""
}

// FormatMoney writes an amount with its currency: "1,234.56 EUR", or with
// german "1.234,56 EUR"; whole amounts without the cents ("50,000 EUR").
func FormatMoney(m Money, german bool) string {
	sign, c := "", m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	whole, cents := c/100, c%100
	s := sign + FormatAmount(whole)
	dec := "."
	if german {
		s = strings.ReplaceAll(s, ",", ".")
		dec = ","
	}
	if cents != 0 {
		s += fmt.Sprintf("%s%02d", dec, cents)
	}
	if m.Currency != "" {
		s += " " + m.Currency
	}
	return s
}

// FormatAmount writes whole units with a comma between thousands,
// "50,000"; ParseAmount reads it back.
func FormatAmount(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// notAnAmount says why in is no amount: err is parseQuantity's, a Problem
// with the detail or errNoNumber.
func notAnAmount(in string, err error) error {
	if detail, ok := err.(*Problem); ok {
		return Problemf("err.amount.detail", "%s is not an amount: %s", in, detail)
	}
	return Problemf("err.amount.invalid", "%s is not an amount", in)
}

// errNoNumber is parseQuantity's error for input that simply is no
// number; its other errors are Problems that say what is wrong.
var errNoNumber = errors.New("no number")

var (
	errNegative = Problemf("err.quantity.negative", "it is below zero")
	// currencies that may stand before or after an amount, lower case.
	currencies = []string{"€", "$", "£", "eur", "euro", "usd", "chf", "sfr", "fr.", "gbp", "pln", "zł"}
	// multipliers after the number, lower case; "t" (TEUR) only with a currency behind it.
	multipliers = map[string]int64{
		"k": 1e3, "tsd": 1e3, "tsd.": 1e3, "tausend": 1e3, "t": 1e3,
		"m": 1e6, "mio": 1e6, "mio.": 1e6, "mn": 1e6, "million": 1e6, "millionen": 1e6, "mill.": 1e6,
		"mrd": 1e9, "mrd.": 1e9, "bn": 1e9, "milliarde": 1e9, "milliarden": 1e9,
	}
	multiplierWords = sortedByLength(multipliers)
	approxWords     = []string{"~", "ca.", "ca", "circa", "approx.", "etwa", "rund"}
)

func sortedByLength(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

// parseQuantity reads a non-negative number with an optional multiplier
// and, when money is true, an optional currency before or after it.
func parseQuantity(in string, money bool) (*big.Rat, error) {
	w := strings.ToLower(in)
	for _, a := range approxWords {
		if rest, ok := strings.CutPrefix(w, a); ok && (a == "~" || strings.HasPrefix(rest, " ") || strings.HasSuffix(a, ".")) {
			w = strings.TrimSpace(rest)
			break
		}
	}
	if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "−") {
		return nil, errNegative
	}
	currencyAfter := false
	if money {
		for _, c := range currencies {
			if rest, ok := strings.CutPrefix(w, c); ok && wordEnds(c, rest, true) {
				w = strings.TrimSpace(rest)
				break
			}
			if rest, ok := strings.CutSuffix(w, c); ok && wordEnds(c, rest, false) {
				w, currencyAfter = strings.TrimSpace(rest), true
				break
			}
		}
		if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "−") {
			return nil, errNegative
		}
		// "50.000,-" is German for a whole amount.
		for _, dash := range []string{",--", ",-", ".--", ".-"} {
			if rest, ok := strings.CutSuffix(w, dash); ok {
				w = rest
				break
			}
		}
	}
	mult := int64(1)
	for _, m := range multiplierWords {
		rest, ok := strings.CutSuffix(w, m)
		if !ok || rest == "" || (m == "t" && !currencyAfter) {
			continue
		}
		last := rest[len(rest)-1]
		if last == ' ' || (last >= '0' && last <= '9') {
			mult, w = multipliers[m], strings.TrimSpace(rest)
			break
		}
	}
	if w == "" {
		return nil, Problemf("err.quantity.empty", "there is no number in it")
	}
	r, err := parseGrouped(w, mult != 1)
	if err != nil {
		return nil, err
	}
	return r.Mul(r, new(big.Rat).SetInt64(mult)), nil
}

// wordEnds reports whether a currency cut off s leaves a number behind: a
// currency word must not be glued to letters ("12eur" is fine, "xeur" not).
func wordEnds(c, rest string, prefix bool) bool {
	if rest == "" {
		return false
	}
	var next byte
	if prefix {
		next = rest[0]
	} else {
		next = rest[len(rest)-1]
	}
	if next == ' ' || next == '.' || (next >= '0' && next <= '9') || next == '-' {
		return true
	}
	// "50k€", "1,5 Mio. EUR": a multiplier may sit right before a suffix currency.
	return !prefix && (next >= 'a' && next <= 'z')
}

// parseGrouped reads digits with thousands groups and at most one decimal
// mark; see ParseAmount for how a lone "." or "," is read.
func parseGrouped(w string, multiplied bool) (*big.Rat, error) {
	type run struct {
		sep    rune // separator before this run of digits; 0 for the first
		digits string
	}
	var runs []run
	var cur strings.Builder
	var sep rune
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			cur.WriteRune(c)
		case c == '.' || c == ',' || c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\'' || c == '’':
			if c != '.' && c != ',' {
				c = ' '
			}
			if cur.Len() == 0 {
				return nil, errNoNumber
			}
			runs = append(runs, run{sep, cur.String()})
			cur.Reset()
			sep = c
		default:
			return nil, errNoNumber
		}
	}
	if cur.Len() == 0 {
		return nil, errNoNumber
	}
	runs = append(runs, run{sep, cur.String()})

	// Find the decimal mark, if any: the last separator when both "." and
	// "," occur, or a lone "." or "," that cannot be a thousands group.
	count := map[rune]int{}
	for _, r := range runs[1:] {
		count[r.sep]++
	}
	decimal := -1
	last := len(runs) - 1
	switch {
	case count['.'] > 0 && count[','] > 0:
		if count[runs[last].sep] != 1 {
			return nil, Problemf("err.quantity.decimals", "it has more than one decimal mark")
		}
		decimal = last
	case count['.']+count[','] == 1 && (runs[last].sep == '.' || runs[last].sep == ','):
		if multiplied || count[' '] > 0 || len(runs[last].digits) != 3 {
			decimal = last
		}
	}
	intRuns := runs
	frac := ""
	if decimal >= 0 {
		intRuns, frac = runs[:decimal], runs[decimal].digits
	}
	var groupSep rune
	var digits strings.Builder
	for i, r := range intRuns {
		if i > 0 {
			if groupSep != 0 && r.sep != groupSep {
				return nil, Problemf("err.quantity.mixed", "it mixes separators between thousands")
			}
			groupSep = r.sep
			if len(r.digits) != 3 || len(intRuns[0].digits) > 3 {
				return nil, Problemf("err.quantity.groups", "groups of thousands have three digits")
			}
		}
		digits.WriteString(r.digits)
	}
	num := digits.String()
	if frac != "" {
		num += "." + frac
	}
	if len(num) > 60 {
		return nil, Problemf("err.quantity.long", "it is too long")
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return nil, errNoNumber
	}
	return r, nil
}

// roundRat rounds a non-negative r half up to a whole int64.
func roundRat(r *big.Rat) (int64, bool) {
	n := new(big.Int).Mul(r.Num(), big.NewInt(2))
	n.Add(n, r.Denom())
	n.Quo(n, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	if !n.IsInt64() {
		return 0, false
	}
	return n.Int64(), true
}

// collapseSpace trims s and turns every run of white space into one blank.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// screenDate reads a date the way the screens write one back to the
// form a date is parsed in: the weekday before a date is dropped ("fr
// 04.12.", "sat 4 dec") and an English day and month name ("4 dec 2027")
// become "4.12.2027".
func screenDate(fields []string) []string {
	if len(fields) > 1 && weekdayKnown(strings.TrimSuffix(fields[0], ".")) {
		fields = fields[1:]
	}
	if n := len(fields); n == 2 || n == 3 {
		mo, ok := monthNames[strings.TrimSuffix(fields[1], ".")]
		d := strings.TrimSuffix(fields[0], ".")
		if ok && reHour.MatchString(d) {
			date := d + "." + strconv.Itoa(int(mo)) + "."
			if n == 3 {
				date += fields[2]
			}
			return []string{date}
		}
	}
	return fields
}

// monthNames are German and English month names and their usual
// abbreviations, lower case.
var monthNames = map[string]time.Month{
	"januar": 1, "jänner": 1, "january": 1, "jan": 1, "jän": 1,
	"februar": 2, "feber": 2, "february": 2, "feb": 2,
	"märz": 3, "maerz": 3, "march": 3, "mär": 3, "mrz": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mai": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"dezember": 12, "december": 12, "dez": 12, "dec": 12,
}

var (
	reISODate     = regexp.MustCompile(`^(\d+)-(\d+)-(\d+)$`)
	reGermanDate  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d+)$`)
	reQuarter     = regexp.MustCompile(`^q(\d) ?[-/ ]? ?(\d+)$`)
	reYearQuarter = regexp.MustCompile(`^(\d{4}) ?[-/ ]? ?q(\d)$`)
	reQuartal     = regexp.MustCompile(`^(\d)\. ?quartal ?(\d+)$`)
	reMonthYear   = regexp.MustCompile(`^(\d{1,2}) ?[/.-] ?(\d+)$`)
	reYearMonth   = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	reNamedMonth  = regexp.MustCompile(`^(\pL+)\.? ?[-/]? ?(\d+)$`)
	reYear        = regexp.MustCompile(`^\d{4}$`)
)

var timelineHelp = Problemf("err.timeline.help", "write a date (2027-03-15 or 15.03.2027), a quarter (Q3 2027), a month (03/2027 or März 2027) or a year")

// ParseTimeline reads a planned purchase date as a rep types it and returns
// it normalised ("2027-03-15", "Q3 2027", "03/2027" or "2027") with its
// first day at midnight in now's location. Accepted: 2027-03-15,
// 15.03.2027, Q3 2027, Q3/2027, q3-2027, 2027 Q3, 3. Quartal 2027,
// 03/2027, 2027-03, März 2027, March 2027, 2027. Years have four digits.
// Empty input is no timeline.
func ParseTimeline(s string, now time.Time) (text string, first time.Time, err error) {
	in := collapseSpace(s)
	if in == "" {
		return "", time.Time{}, nil
	}
	loc := now.Location()
	w := strings.ToLower(in)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }

	if m := reISODate.FindStringSubmatch(w); m != nil {
		if len(m[1]) != 4 {
			return "", time.Time{}, Problemf("err.date.iso-year", "%s is not a date: write the year first with four digits, like 2027-03-15", in)
		}
		y, mo, d, err := checkDate(in, m[1], m[2], m[3])
		if err != nil {
			return "", time.Time{}, err
		}
		t := day(y, mo, d)
		return t.Format(time.DateOnly), t, nil
	}
	if m := reGermanDate.FindStringSubmatch(w); m != nil {
		y, mo, d, err := checkDate(in, m[3], m[2], m[1])
		if err != nil {
			return "", time.Time{}, err
		}
		t := day(y, mo, d)
		return t.Format(time.DateOnly), t, nil
	}
	quarter := func(ys, qs string) (string, time.Time, error) {
		y, err := fourDigitYear(in, ys)
		if err != nil {
			return "", time.Time{}, err
		}
		q, _ := strconv.Atoi(qs)
		if q < 1 || q > 4 {
			return "", time.Time{}, Problemf("err.timeline.quarter", "%s is not a quarter: quarters run from Q1 to Q4", in)
		}
		return fmt.Sprintf("Q%d %04d", q, y), day(y, time.Month(3*q-2), 1), nil
	}
	if m := reQuarter.FindStringSubmatch(w); m != nil {
		return quarter(m[2], m[1])
	}
	if m := reYearQuarter.FindStringSubmatch(w); m != nil {
		return quarter(m[1], m[2])
	}
	if m := reQuartal.FindStringSubmatch(w); m != nil {
		return quarter(m[2], m[1])
	}
	month := func(ys string, mo time.Month) (string, time.Time, error) {
		y, err := fourDigitYear(in, ys)
		if err != nil {
			return "", time.Time{}, err
		}
		return fmt.Sprintf("%02d/%04d", int(mo), y), day(y, mo, 1), nil
	}
	numMonth := func(ys, ms string) (string, time.Time, error) {
		mo, _ := strconv.Atoi(ms)
		if mo < 1 || mo > 12 {
			return "", time.Time{}, Problemf("err.timeline.month", "%s is not a month: there is no month %s", in, ms)
		}
		return month(ys, time.Month(mo))
	}
	if m := reYearMonth.FindStringSubmatch(w); m != nil {
		return numMonth(m[1], m[2])
	}
	if m := reMonthYear.FindStringSubmatch(w); m != nil {
		if len(m[2]) <= 2 && strings.Contains(w, ".") {
			// "15.3" or "15.3.27" lacks the year rather than naming a month.
			return "", time.Time{}, Problemf("err.date.no-year", "%s is not a date: write the day, month and a four-digit year, like 15.03.2027", in)
		}
		return numMonth(m[2], m[1])
	}
	if m := reNamedMonth.FindStringSubmatch(w); m != nil {
		mo, ok := monthNames[m[1]]
		if !ok {
			return "", time.Time{}, Problemf("err.timeline.month-name", "%s is not a timeline: %s is not a month", in, m[1])
		}
		return month(m[2], mo)
	}
	if reYear.MatchString(w) {
		y, _ := strconv.Atoi(w)
		return w, day(y, time.January, 1), nil
	}
	return "", time.Time{}, Problemf("err.timeline.invalid", "%s is not a timeline: %s", in, timelineHelp)
}

// fourDigitYear reads a year that must be written with four digits.
func fourDigitYear(in, ys string) (int, error) {
	if len(ys) != 4 {
		return 0, Problemf("err.timeline.year", "%s is not a timeline: write the year with four digits", in)
	}
	y, _ := strconv.Atoi(ys)
	return y, nil
}

// checkDate reads year, month and day and says why they are no date.
func checkDate(in, ys, ms, ds string) (int, time.Month, int, error) {
	if len(ys) != 4 {
		return 0, 0, 0, Problemf("err.date.year", "%s is not a date: write the year with four digits", in)
	}
	y, _ := strconv.Atoi(ys)
	mo, err1 := strconv.Atoi(ms)
	d, err2 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || len(ms) > 2 || len(ds) > 2 {
		return 0, 0, 0, Problemf("err.date.invalid", "%s is not a date", in)
	}
	return validDate(in, y, mo, d)
}

// validDate says why year, month and day are no date.
func validDate(in string, y, mo, d int) (int, time.Month, int, error) {
	if mo < 1 || mo > 12 {
		return 0, 0, 0, Problemf("err.date.month", "%s is not a date: there is no month %d", in, mo)
	}
	if d < 1 {
		return 0, 0, 0, Problemf("err.date.day", "%s is not a date: there is no day %d", in, d)
	}
	if n := daysIn(y, time.Month(mo)); d > n {
		if mo == 2 {
			return 0, 0, 0, Problemf("err.date.february", "%s is not a date: February %d has %d days", in, y, n)
		}
		return 0, 0, 0, Problemf("err.date.days", "%s is not a date: %s has %d days", in, monthName(time.Month(mo)), n)
	}
	return y, time.Month(mo), d, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// QuickTime is a callback time offered with one key. Kind says which, for
// a screen to word in its language; Label is its English.
type QuickTime struct {
	Kind  QuickKind
	Label string
	At    time.Time
}

// QuickKind is which quick callback time a QuickTime is.
type QuickKind uint8

const (
	QuickInAnHour   QuickKind = iota // in 1 hour
	QuickTomorrow                    // tomorrow 09:00
	QuickNextMonday                  // next Monday 09:00
)

// QuickCallbacks are the callback times an agent picks most: in an hour,
// tomorrow morning and next Monday morning (the Monday after today, so a
// week ahead when today is Monday), in now's location, to the minute.
func QuickCallbacks(now time.Time) []QuickTime {
	y, m, d := now.Date()
	loc := now.Location()
	toMonday := (8 - int(now.Weekday())) % 7
	if toMonday == 0 {
		toMonday = 7
	}
	return []QuickTime{
		{Kind: QuickInAnHour, Label: "in 1 hour", At: now.Add(time.Hour).Truncate(time.Minute)},
		{Kind: QuickTomorrow, Label: "tomorrow 09:00", At: time.Date(y, m, d+1, 9, 0, 0, 0, loc)},
		{Kind: QuickNextMonday, Label: "next Monday 09:00", At: time.Date(y, m, d+toMonday, 9, 0, 0, 0, loc)},
	}
}

var (
	reClock    = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
	reDotClock = regexp.MustCompile(`^(\d{1,2})\.(\d{2})$`)
	reHour     = regexp.MustCompile(`^\d{1,2}$`)
	reDayMonth = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.?$`)
	reISODateT = regexp.MustCompile(`^(\d{4}-\d{1,2}-\d{1,2})t(\d)`)
	reRelative = regexp.MustCompile(`^(\d{1,5}) ?(minuten|minutes|minute|min|m|stunden|stunde|hours|hour|std|h|tagen|tage|days|tag|day|t|d|wochen|weeks|woche|week|w)`)
	// reAmPm is an English clock with am or pm: "2pm", "2:30 pm".
	reAmPm = regexp.MustCompile(`^(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?$`)
	// oneWords are "one" in "in an hour", "in einer Stunde".
	oneWords = map[string]bool{"a": true, "an": true, "one": true, "ein": true, "eine": true, "einer": true, "einem": true, "einen": true}
	// nextWords stand before a weekday or "week": "nächsten Freitag", "next Friday".
	nextWords   = map[string]bool{"nächste": true, "nächsten": true, "nächster": true, "naechste": true, "naechsten": true, "next": true, "kommenden": true, "kommende": true}
	dayOffsets  = map[string]int{"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2, "uebermorgen": 2}
	weekdayWord = map[string]time.Weekday{
		"montag": time.Monday, "monday": time.Monday, "mo": time.Monday, "mon": time.Monday,
		"dienstag": time.Tuesday, "tuesday": time.Tuesday, "di": time.Tuesday, "tue": time.Tuesday,
		"mittwoch": time.Wednesday, "wednesday": time.Wednesday, "mi": time.Wednesday, "wed": time.Wednesday,
		"donnerstag": time.Thursday, "thursday": time.Thursday, "do": time.Thursday, "thu": time.Thursday,
		"freitag": time.Friday, "friday": time.Friday, "fr": time.Friday, "fri": time.Friday,
		"samstag": time.Saturday, "saturday": time.Saturday, "sa": time.Saturday, "sat": time.Saturday,
		"sonntag": time.Sunday, "sunday": time.Sunday, "so": time.Sunday, "sun": time.Sunday,
	}
)

var dateTimeHelp = Problemf("err.time.help", "write it like 15.03.2027 14:30, 15.03. 14:30, 14:30, 9.30, morgen 9, Freitag 10:00 or +2h")

// ParseDateTime reads a callback time in now's location: "2027-03-15 14:30",
// "15.03.2027 14:30", "15.03. 14:30" (this year, or next year once past),
// "14:30" (today, or tomorrow once past), "morgen 9:00" / "tomorrow 9:00",
// "heute", "übermorgen", a weekday ("Freitag 10:00": the next one still
// ahead), "14 Uhr", and "+2h", "+30m", "+3d", "+1w", "+1h30m" from now (to
// the minute). A time that is not in the future is an error.
func ParseDateTime(s string, now time.Time) (time.Time, error) {
	in := collapseSpace(s)
	if in == "" {
		return time.Time{}, Problemf("err.time.none", "no time given: %s", dateTimeHelp)
	}
	w := strings.ToLower(strings.ReplaceAll(in, ",", " "))
	if strings.HasPrefix(w, "+") {
		return parseRelative(in, w[1:], now)
	}
	if rest, ok := strings.CutPrefix(w, "in "); ok {
		// "in 2 Stunden", "in 3 Tagen", "in an hour": as +2h, +3d, +1h.
		if f := strings.Fields(rest); len(f) > 0 && oneWords[f[0]] {
			f[0] = "1"
			rest = strings.Join(f, " ")
		}
		return parseRelative(in, rest, now)
	}
	w = reISODateT.ReplaceAllString(w, "$1 $2")
	fields := strings.Fields(w)
	if len(fields) > 0 && nextWords[fields[0]] {
		// "nächste Woche", "next week": a week from now; "nächsten
		// Freitag 10:00": the next Friday, as "Freitag 10:00".
		if len(fields) == 2 && (fields[1] == "woche" || fields[1] == "week") {
			return parseRelative(in, "1w", now)
		}
		if len(fields) > 1 && weekdayKnown(fields[1]) {
			fields = fields[1:]
		}
	}
	if n := len(fields); n > 0 {
		// "2pm", "2:30 pm": the English twelve-hour clock.
		last := fields[n-1]
		if n > 1 && (last == "am" || last == "pm" || last == "a.m." || last == "p.m.") {
			last, fields = fields[n-2]+last, fields[:n-1]
			n--
		}
		if m := reAmPm.FindStringSubmatch(last); m != nil {
			h, _ := strconv.Atoi(m[1])
			if h < 1 || h > 12 {
				return time.Time{}, Problemf("err.time.hours12", "%s is not a time: hours run from 1 to 12 before am or pm", in)
			}
			if h == 12 {
				h = 0
			}
			if m[3] == "p" {
				h += 12
			}
			mm := m[2]
			if mm == "" {
				mm = "00"
			}
			fields[n-1] = fmt.Sprintf("%d:%s", h, mm)
		}
	}
	uhr := false
	if n := len(fields); n > 0 && fields[n-1] == "uhr" {
		fields, uhr = fields[:n-1], true
	}
	// The time is the last field; "um" or "at" may stand before it.
	var hour, minute int
	hasTime := false
	if n := len(fields); n > 0 {
		last := fields[n-1]
		afterWord := n > 1 && (fields[n-2] == "um" || fields[n-2] == "at")
		if m := reClock.FindStringSubmatch(last); m != nil {
			hour, _ = strconv.Atoi(m[1])
			minute, _ = strconv.Atoi(m[2])
			hasTime = true
		} else if m := reDotClock.FindStringSubmatch(last); m != nil && (n > 1 || validClock(m[1], m[2])) {
			// "9.30" is half past nine, as people write the time.
			hour, _ = strconv.Atoi(m[1])
			minute, _ = strconv.Atoi(m[2])
			hasTime = true
		} else if reHour.MatchString(last) && (uhr || afterWord || n > 1 && dayWord(fields[n-2])) {
			hour, _ = strconv.Atoi(last)
			hasTime = true
		}
		if hasTime {
			fields = fields[:n-1]
			if afterWord {
				fields = fields[:len(fields)-1]
			}
		}
	}
	if hasTime && hour > 23 {
		return time.Time{}, Problemf("err.time.hours", "%s is not a time: hours run from 0 to 23", in)
	}
	if hasTime && minute > 59 {
		return time.Time{}, Problemf("err.time.minutes", "%s is not a time: minutes run from 0 to 59", in)
	}
	loc := now.Location()
	y, mo, d := now.Date()
	at := func(y int, mo time.Month, d int) time.Time { return time.Date(y, mo, d, hour, minute, 0, 0, loc) }
	future := func(t time.Time) (time.Time, error) {
		if !t.After(now) {
			return time.Time{}, Problemf("err.time.past", "%s is in the past (%s)", in, t)
		}
		return t, nil
	}

	fields = screenDate(fields)
	if len(fields) > 1 {
		return time.Time{}, Problemf("err.time.invalid", "%s is not a time: %s", in, dateTimeHelp)
	}
	day := ""
	if len(fields) == 1 {
		day = fields[0]
	}
	if !hasTime {
		if day != "" && (reDayMonth.MatchString(day) || reGermanDate.MatchString(day) || reISODate.MatchString(day) || dayOffsetKnown(day)) {
			return time.Time{}, Problemf("err.time.no-clock", "%s has no time of day: add one, like %s 14:30", in, in)
		}
		return time.Time{}, Problemf("err.time.invalid", "%s is not a time: %s", in, dateTimeHelp)
	}
	switch {
	case day == "":
		t := at(y, mo, d)
		if !t.After(now) {
			t = at(y, mo, d+1)
		}
		return t, nil
	case dayOffsetKnown(day):
		return future(at(y, mo, d+dayOffsets[day]))
	case weekdayKnown(day):
		ahead := (int(weekdayWord[day]) - int(now.Weekday()) + 7) % 7
		t := at(y, mo, d+ahead)
		if !t.After(now) {
			t = at(y, mo, d+ahead+7)
		}
		return t, nil
	}
	if m := reISODate.FindStringSubmatch(day); m != nil {
		ty, tm, td, err := checkDate(in, m[1], m[2], m[3])
		if err != nil {
			return time.Time{}, err
		}
		return future(at(ty, tm, td))
	}
	if m := reGermanDate.FindStringSubmatch(day); m != nil {
		ty, tm, td, err := checkDate(in, m[3], m[2], m[1])
		if err != nil {
			return time.Time{}, err
		}
		return future(at(ty, tm, td))
	}
	if m := reDayMonth.FindStringSubmatch(day); m != nil {
		// No year: this year, or next year once the time has passed or
		// the day does not exist this year (29.02.).
		dm, _ := strconv.Atoi(m[2])
		dd, _ := strconv.Atoi(m[1])
		if dm >= 1 && dm <= 12 && dd > daysIn(2028, time.Month(dm)) {
			// No year was given: the month has that day in no year.
			return time.Time{}, Problemf("err.date.days-at-most", "%s is not a date: %s has %d days at most", in, monthName(time.Month(dm)), daysIn(2028, time.Month(dm)))
		}
		if _, _, _, err := validDate(in, y, dm, dd); err != nil && !(dm == 2 && dd == 29) {
			return time.Time{}, err
		} else if err == nil {
			if t := at(y, time.Month(dm), dd); t.After(now) {
				return t, nil
			}
		}
		if _, _, _, err := validDate(in, y+1, dm, dd); err != nil {
			return time.Time{}, err
		}
		return at(y+1, time.Month(dm), dd), nil
	}
	return time.Time{}, Problemf("err.time.invalid", "%s is not a time: %s", in, dateTimeHelp)
}

func dayOffsetKnown(w string) bool { _, ok := dayOffsets[w]; return ok }

// dayWord reports whether w names a day: a date, heute, morgen, a weekday.
func dayWord(w string) bool {
	return dayOffsetKnown(w) || weekdayKnown(w) || reDayMonth.MatchString(w) || reGermanDate.MatchString(w) || reISODate.MatchString(w)
}

func validClock(h, m string) bool {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	return hh <= 23 && mm <= 59
}
func weekdayKnown(w string) bool { _, ok := weekdayWord[w]; return ok }

// parseRelative reads "+2h", "+30m", "+3d", "+1w" or a sum such as "+1h30m"
// from now, to the minute.
func parseRelative(in, w string, now time.Time) (time.Time, error) {
	w = strings.TrimSpace(w)
	if w == "" {
		return time.Time{}, Problemf("err.time.relative", "%s is not a time: say how far ahead, like +2h, +30m or +3d", in)
	}
	var days, weeks int
	var dur time.Duration
	for parts := 0; w != ""; parts++ {
		m := reRelative.FindStringSubmatch(w)
		if m == nil || parts >= 4 {
			return time.Time{}, Problemf("err.time.relative", "%s is not a time: say how far ahead, like +2h, +30m or +3d", in)
		}
		n, _ := strconv.Atoi(m[1])
		switch m[2][0] {
		case 'm':
			dur += time.Duration(n) * time.Minute
		case 'h', 's':
			dur += time.Duration(n) * time.Hour
		case 'd', 't':
			days += n
		case 'w':
			weeks += n
		}
		w = strings.TrimSpace(w[len(m[0]):])
	}
	if days+7*weeks > 3660 || dur > 3660*24*time.Hour {
		return time.Time{}, Problemf("err.time.too-far", "%s is too far ahead for a callback", in)
	}
	t := now.AddDate(0, 0, days+7*weeks).Add(dur).Truncate(time.Minute)
	if !t.After(now) {
		return time.Time{}, Problemf("err.time.not-ahead", "%s is not in the future: say how far ahead, like +2h", in)
	}
	return t, nil
}

// formatDateTime is how leadq writes a time in messages and history.
func formatDateTime(t time.Time) string { return t.Format("02.01.2006 15:04") }

// formatDate is how leadq writes a day in messages and history.
func formatDate(t time.Time) string { return t.Format("02.01.2006") }

// monthName is a month as an argument of a Problem.
func monthName(m time.Month) *Problem {
	switch m {
	case time.January:
		return Problemf("err.month.january", "January")
	case time.February:
		return Problemf("err.month.february", "February")
	case time.March:
		return Problemf("err.month.march", "March")
	case time.April:
		return Problemf("err.month.april", "April")
	case time.May:
		return Problemf("err.month.may", "May")
	case time.June:
		return Problemf("err.month.june", "June")
	case time.July:
		return Problemf("err.month.july", "July")
	case time.August:
		return Problemf("err.month.august", "August")
	case time.September:
		return Problemf("err.month.september", "September")
	case time.October:
		return Problemf("err.month.october", "October")
	case time.November:
		return Problemf("err.month.november", "November")
	}
	return Problemf("err.month.december", "December")
}
