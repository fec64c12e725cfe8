package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"leadq/domain"
)

// cell cuts s to display width w (with an ellipsis) and pads it to exactly
// w, so umlauts, CJK and emoji keep columns aligned.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// cellRight is cell aligned to the right.
func cellRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "…")
	}
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}

// clip cuts every line of a block to width w and the block to h lines.
func clip(s string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// ago says how long ago t was in the fewest characters a rep can read.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	case d < 14*24*time.Hour:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%dw", int(d.Hours()/24/7))
	default:
		return fmt.Sprintf("%dmo", int(d.Hours()/24/30))
	}
}

// when formats a due time relative to today.
func when(now, t time.Time) string {
	t = t.In(now.Location())
	switch {
	case sameDay(now, t):
		return "today " + t.Format("15:04")
	case sameDay(now.AddDate(0, 0, -1), t):
		return "yesterday " + t.Format("15:04")
	}
	return dayMonth(now, t) + t.Format(" 15:04")
}

// day is when without the time: "today", "yesterday", "20.11.".
func day(now, t time.Time) string {
	t = t.In(now.Location())
	switch {
	case sameDay(now, t):
		return "today"
	case sameDay(now.AddDate(0, 0, -1), t):
		return "yesterday"
	}
	return dayMonth(now, t)
}

// dayMonth is the one rule for a date on screen: day and month, and the
// year whenever it is not this year ("29.02.2028").
func dayMonth(now, t time.Time) string {
	t = t.In(now.Location())
	if t.Year() == now.Year() {
		return t.Format("02.01.")
	}
	return t.Format("02.01.2006")
}

// dateTime is a date with its weekday and time: "Tue 29.02.2028 10:00",
// "Fri 20.11. 10:00" this year.
func dateTime(now, t time.Time) string {
	t = t.In(now.Location())
	return t.Format("Mon ") + dayMonth(now, t) + t.Format(" 15:04")
}

// thousands writes 1234567 as 1,234,567.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// visibleWidth is the display width of styled text.
func visibleWidth(s string) int { return ansi.StringWidth(s) }

// ansiWrap wraps styled text at words to width.
func ansiWrap(s string, width int) string { return ansi.Wrap(s, width, "") }

// safe is lead text from outside (a file, another person) made fit for
// the terminal by the one sanitiser, domain.Safe; a tab is laid out as a
// blank, as cell does.
func safe(s string) string { return strings.ReplaceAll(domain.Safe(s), "\t", " ") }
