package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestSafe(t *testing.T) {
	for _, tc := range []struct{ in, safe, line string }{
		{"Müller & Söhne 🚀", "Müller & Söhne 🚀", "Müller & Söhne 🚀"},
		{"Esc\x1b[2J\x1b]0;pwned\aName", `Esc\x1b[2J\x1b]0;pwned\x07Name`, `Esc\x1b[2J\x1b]0;pwned\x07Name`},
		{"\x1b]52;c;cHduZWQ=\aClipCo", `\x1b]52;c;cHduZWQ=\x07ClipCo`, `\x1b]52;c;cHduZWQ=\x07ClipCo`},
		{"Zeile 1\nZeile 2\tTab", "Zeile 1\nZeile 2\tTab", `Zeile 1\x0aZeile 2\x09Tab`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`, `evil\u202etxt.exe`},
		{"C1 \u009b31m", `C1 \x9b31m`, `C1 \x9b31m`},
		{"bad \xff byte", `bad \xff byte`, `bad \xff byte`},
		{"del\x7f", `del\x7f`, `del\x7f`},
	} {
		if got := Safe(tc.in); got != tc.safe {
			t.Errorf("Safe(%q) = %q, want %q", tc.in, got, tc.safe)
		}
		if got := SafeLine(tc.in); got != tc.line {
			t.Errorf("SafeLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
}

func TestCheckText(t *testing.T) {
	for in, bad := range map[string]bool{"Müller": false, "zwei\nZeilen\tund Tab": false, "rtl \u202e": false,
		"esc \x1b[31m": true, "bell \a": true, "bad \xff": true, "nul \x00": true, "c1 \u0085": true} {
		if err := CheckText(in); (err != nil) != bad {
			t.Errorf("CheckText(%q) = %v", in, err)
		}
	}
}

func TestCheckNewTextRefusesOnlyWhatChanged(t *testing.T) {
	old := &Lead{Name: "Alt\x1b[0m", Company: Company{Name: "Firma"}}
	before := LeadText(old)
	l := *old
	l.Title = "CEO"
	if err := CheckNewText(&l, before); err != nil {
		t.Fatalf("an unchanged old name was refused: %v", err)
	}
	l.Company.Name = "Firma\a"
	var fe FieldError
	if err := CheckNewText(&l, before); !errors.As(err, &fe) || fe.Field != "company" {
		t.Fatalf("a new control character: %v", err)
	}
	l.Company.Name = "Firma"
	l.Notes = []Note{{Text: "ok", URL: "https://x.de/\x1b"}}
	if err := CheckNewText(&l, before); !errors.As(err, &fe) || fe.Field != "note 1 link" {
		t.Fatalf("a note's link: %v", err)
	}
}

func TestMakeSafeReachesEveryText(t *testing.T) {
	l := &Lead{Name: "A\x1b[2JB", Company: Company{Name: "C\u202eD"},
		Notes:   []Note{{Text: "eins\nzwei\x07"}},
		Custom:  map[string]string{"k\x1b": "v\x1b"},
		History: []Event{{Text: "n\x1b", Stage: &StageMove{Reason: "r\u009b"}}},
	}
	MakeSafe(l, true)
	if l.Name != `A\x1b[2JB` || l.Company.Name != `C\u202eD` || l.Notes[0].Text != "eins\nzwei\\x07" ||
		l.Custom[`k\x1b`] != `v\x1b` || len(l.Custom) != 1 || l.History[0].Text != `n\x1b` || l.History[0].Stage.Reason != `r\x9b` {
		t.Fatalf("not every text was made safe: %+v %+v %+v", l, l.Custom, l.History[0].Stage)
	}
}

// A name, an email or a company takes one line; a note may take many.
func TestOneLineFieldsRefuseLineBreaks(t *testing.T) {
	for _, l := range []*Lead{{Name: "Zeile\nZwei"}, {Company: Company{Name: "Tab\tFirma"}}, {Email: "a@b.de\n"}} {
		if err := CheckNewText(l, nil); err == nil || !strings.Contains(err.Error(), "one line") {
			t.Errorf("%+v: %v, want a refusal saying it takes one line", l, err)
		}
	}
	ok := &Lead{Name: "Eine Zeile", Notes: []Note{{Text: "erste Zeile\nzweite\tSpalte"}}, Custom: map[string]string{"k": "a\nb"}}
	if err := CheckNewText(ok, nil); err != nil {
		t.Errorf("a note and a custom field of several lines: %v", err)
	}
}
