package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// Number writes a whole number the locale's way: 2.702 (de), 2,702 (en).
func (c *Catalog) Number(n int) string { return c.group(strconv.Itoa(n)) }

// group puts the locale's thousands separator into a run of digits with
// an optional sign.
func (c *Catalog) group(digits string) string {
	sign := ""
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	if len(digits) <= 3 {
		return sign + digits
	}
	sep := byte(',')
	if c.lang == German {
		sep = '.'
	}
	var b strings.Builder
	b.Grow(len(sign) + len(digits) + len(digits)/3)
	b.WriteString(sign)
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteByte(sep)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// decimalSep is the locale's decimal mark.
func (c *Catalog) decimalSep() string {
	if c.lang == German {
		return ","
	}
	return "."
}

// Decimal writes f with at most prec decimals, dropping trailing zeros:
// 2,5 (de), 2.5 (en), 3 for 3.0.
func (c *Catalog) Decimal(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	whole, frac, ok := strings.Cut(s, ".")
	if whole == "-0" && !ok {
		whole = "0"
	}
	out := c.group(whole)
	if ok {
		out += c.decimalSep() + frac
	}
	return out
}

// Signed is Decimal with its sign always written: +12, -2,5.
func (c *Catalog) Signed(f float64, prec int) string {
	if f >= 0 || math.IsNaN(f) {
		return "+" + c.Decimal(f, prec)
	}
	return c.Decimal(f, prec)
}

// Percent writes a whole percentage: 40 % (de), 40% (en).
func (c *Catalog) Percent(n int) string {
	if c.lang == German {
		return strconv.Itoa(n) + " %"
	}
	return strconv.Itoa(n) + "%"
}

// currencySymbols are the currencies written with a sign rather than
// their code.
var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// Money writes an amount with its currency the locale's way: 50.000 €,
// 1.234,56 € (de); €50,000, €1,234.56 (en). Cents are shown only when
// there are some; an amount without a currency is the number alone.
func (c *Catalog) Money(m domain.Money) string {
	neg, cents := m.Cents < 0, m.Cents
	if neg {
		cents = -cents
	}
	n := c.group(strconv.FormatInt(cents/100, 10))
	if r := cents % 100; r != 0 {
		n += c.decimalSep() + strconv.FormatInt(100+r, 10)[1:]
	}
	if neg {
		n = "-" + n
	}
	if m.Currency == "" {
		return n
	}
	sym, ok := currencySymbols[m.Currency]
	if !ok {
		sym = m.Currency
	}
	switch {
	case c.lang == German:
		return n + " " + sym
	case ok:
		return sym + n
	default:
		return sym + " " + n
	}
}

// Amount writes whole units with the locale's thousands separator and
// the currency: "50.000 €" or, without a currency, "50.000".
func (c *Catalog) Amount(n int64, currency string) string {
	return c.Money(domain.Money{Cents: n * 100, Currency: currency})
}

// Clock is a time of day: 14:30.
func (c *Catalog) Clock(t time.Time) string { return t.Format("15:04") }

// Weekday is a day's short name: "Fr", "Fri".
func (c *Catalog) Weekday(t time.Time) string { return c.T(weekdayIDs[t.Weekday()]) }

var weekdayIDs = [...]string{"date.sun", "date.mon", "date.tue", "date.wed", "date.thu", "date.fri", "date.sat"}

var monthIDs = [...]string{"date.jan", "date.feb", "date.mar", "date.apr", "date.may", "date.jun",
	"date.jul", "date.aug", "date.sep", "date.oct", "date.nov", "date.dec"}

// DayMonth is the one rule for a date on screen: day and month, and the
// year whenever it is not now's year: "04.12." / "03.12.2027" (de),
// "4 Dec" / "3 Dec 2027" (en). t is shown in now's time zone.
func (c *Catalog) DayMonth(now, t time.Time) string {
	t = t.In(now.Location())
	return c.date(t, t.Year() != now.Year())
}

// Date is a date with its year: "04.12.2026", "4 Dec 2026".
func (c *Catalog) Date(t time.Time) string { return c.date(t, true) }

func (c *Catalog) date(t time.Time, year bool) string {
	if c.lang == German {
		if year {
			return t.Format("02.01.2006")
		}
		return t.Format("02.01.")
	}
	s := strconv.Itoa(t.Day()) + " " + c.T(monthIDs[t.Month()-1])
	if year {
		s += " " + strconv.Itoa(t.Year())
	}
	return s
}

// DateTime is a date with its weekday and time: "Fr 04.12. 14:30",
// "Fr 03.12.2027 14:30" (de); "Fri 4 Dec 14:30" (en).
func (c *Catalog) DateTime(now, t time.Time) string {
	t = t.In(now.Location())
	return c.Weekday(t) + " " + c.DayMonth(now, t) + " " + c.Clock(t)
}

// Stamp is a moment on a lead page and in its history: date with year
// and time, "04.12.2026 14:30", "4 Dec 2026 14:30", in loc.
func (c *Catalog) Stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	return c.Date(t) + " " + c.Clock(t)
}

// Day is a date relative to now: "today", "yesterday", "tomorrow", else
// DayMonth.
func (c *Catalog) Day(now, t time.Time) string {
	t = t.In(now.Location())
	switch {
	case sameDay(now, t):
		return c.T("date.today")
	case sameDay(now.AddDate(0, 0, -1), t):
		return c.T("date.yesterday")
	case sameDay(now.AddDate(0, 0, 1), t):
		return c.T("date.tomorrow")
	}
	return c.DayMonth(now, t)
}

// When is a moment relative to now: "today 14:30", "tomorrow 09:00", else
// the day and month with the time.
func (c *Catalog) When(now, t time.Time) string {
	t = t.In(now.Location())
	return c.Day(now, t) + " " + c.Clock(t)
}

// Ago says how long ago t was in the fewest characters a rep can read:
// "now", "5m", "3h", "2d", "3w", "2mo" (en); "jetzt", "5 Min.", …
func (c *Catalog) Ago(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return c.T("ago.now")
	case d < time.Hour:
		return c.F("ago.minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return c.F("ago.hours", int(d.Hours()))
	case d < 14*24*time.Hour:
		return c.F("ago.days", int(d.Hours()/24))
	case d < 60*24*time.Hour:
		return c.F("ago.weeks", int(d.Hours()/24/7))
	default:
		return c.F("ago.months", int(d.Hours()/24/30))
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
