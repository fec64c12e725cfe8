package mapping

import "testing"

func TestEscapeCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"},
		{"@SUM(1)", "'@SUM(1)"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"\tTab", "'\tTab"},
		{"\rCR", "'\rCR"},
		{"- erledigt", "'- erledigt"},
		{"+49 30 1234567", "+49 30 1234567"},
		{"+49 (0)30 / 123-456", "+49 (0)30 / 123-456"},
		{"-1.234,56", "-1.234,56"},
		{"-5", "-5"},
		{"-", "-"},
		{"Anna Schmidt", "Anna Schmidt"},
		{"a=b", "a=b"},
		{"", ""},
		{"'=typed", "''=typed"}, // read back as typed, apostrophe and all
		{"'+49 30", "'+49 30"},
	}
	for _, c := range cases {
		if got := EscapeCell(c.in); got != c.want {
			t.Errorf("EscapeCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUnescapeCellUndoesExactlyEscape(t *testing.T) {
	for _, s := range []string{"=1+1", "@x", "+cmd", "-x", "\tx", "\rx", "+49 30 123", "-5", "'", "''=x", "'=x", "'+49 30", "'hello", "", "-"} {
		if got := UnescapeCell(EscapeCell(s)); got != s {
			t.Errorf("UnescapeCell(EscapeCell(%q)) = %q", s, got)
		}
	}
	// An apostrophe someone typed before a harmless cell stays.
	for _, s := range []string{"'+49 30 123", "'hello", "'-5", "'"} {
		if got := UnescapeCell(s); got != s {
			t.Errorf("UnescapeCell(%q) = %q, want it kept", s, got)
		}
	}
	for in, want := range map[string]string{"'=SUM(A1)": "=SUM(A1)", "'+cmd": "+cmd", "'-x": "-x", "'@x": "@x"} {
		if got := UnescapeCell(in); got != want {
			t.Errorf("UnescapeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
