package domain

import "testing"

// A control character after an umlaut is escaped like one before it: the
// check for multi-byte text looked only for C1 and bidi characters from
// there on, so "Jürgen\x1b[2J" reached the terminal as it was.
func TestSafeEscapesAfterNonASCII(t *testing.T) {
	for _, tt := range []struct{ in, line, lines string }{
		{"ü\x1b[2J", `ü\x1b[2J`, `ü\x1b[2J`},
		{"Jürgen\x1b]0;x\x07", `Jürgen\x1b]0;x\x07`, `Jürgen\x1b]0;x\x07`},
		{"Lead 1 · Esc\x1b[2J", `Lead 1 · Esc\x1b[2J`, `Lead 1 · Esc\x1b[2J`},
		{"Größe\x7f", `Größe\x7f`, `Größe\x7f`},
		{"Zeile ü\nzwei", `Zeile ü\x0azwei`, "Zeile ü\nzwei"},
	} {
		if got := SafeLine(tt.in); got != tt.line {
			t.Errorf("SafeLine(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := Safe(tt.in); got != tt.lines {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.lines)
		}
	}
}
