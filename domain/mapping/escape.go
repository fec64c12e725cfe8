package mapping

import "strings"

// A spreadsheet runs a cell that starts with =, +, - or @ as a formula
// (OWASP "CSV injection"): an exported lead could then run commands on the
// rep's machine. Such cells are written with a leading apostrophe, which
// Excel and LibreOffice show as text, and read back without it.

// EscapeCell prefixes ' to a cell a spreadsheet would run as a formula, so an export cannot run commands.
func EscapeCell(s string) string {
	if needsEscape(s) {
		return "'" + s
	}
	return s
}

// UnescapeCell undoes EscapeCell exactly, so an apostrophe someone typed ("'+49 30") stays.
func UnescapeCell(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && needsEscape(rest) {
		return rest
	}
	return s
}

// needsEscape reports whether s, past any apostrophes, starts a formula.
func needsEscape(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		return !numberish(s[1:])
	}
	return false
}

// numberish reports whether s, after a sign, is only a number or a phone
// number: digits and the marks they are written with, nothing a formula
// could call.
func numberish(s string) bool {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == ' ' || r == '.' || r == ',' || r == '(' || r == ')' || r == '/' || r == '-':
		default:
			return false
		}
	}
	return true
}
