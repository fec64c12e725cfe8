package domain

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Lead text comes from CSV files, CRMs and other people. Safe is the one
// way any of it reaches a terminal or a file a person reads: control
// characters (C0, C1, ESC, BEL, DEL) and the characters that reorder text
// (bidi overrides and isolates) are shown as visible escapes, so a name
// cannot clear the screen, retitle the terminal, write the clipboard or
// turn a line around.

// Safe returns s with every dangerous character written as a visible
// escape (`\x1b`, `\u202e`); newlines and tabs are kept. Invalid UTF-8
// bytes are shown as `\xNN`.
func Safe(s string) string {
	if !needsEscape(s, true) {
		return s
	}
	return escape(s, true)
}

// SafeLine is Safe for text that must stay on one line: newlines and tabs
// are escaped too.
func SafeLine(s string) string {
	if !needsEscape(s, false) {
		return s
	}
	return escape(s, false)
}

func needsEscape(s string, keepLines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			if keepLines && (c == '\n' || c == '\t') {
				continue
			}
			return true
		}
		if c >= 0x80 {
			// Multi-byte: look closer.
			for _, r := range s[i:] {
				if r == utf8.RuneError || dangerous(r) || r == 0x7f || r < 0x20 && !(keepLines && (r == '\n' || r == '\t')) {
					return true
				}
			}
			return !utf8.ValidString(s)
		}
	}
	return false
}

func escape(s string, keepLines bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case dangerous(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// dangerous reports the characters beyond ASCII controls that change how a
// terminal shows text: C1 controls and the bidi formatting characters.
func dangerous(r rune) bool {
	switch {
	case r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// CheckText says why a text cannot be kept: invalid UTF-8, or a control
// character other than newline and tab (a line break is fine in a note,
// an escape sequence is not fine anywhere). Reorderings are kept as data:
// Safe shows them.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return Problemf("err.text.utf8", "it is not valid UTF-8 text")
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return Problemf("err.text.control", "it holds the control character %s", quoteRune(r))
		}
	}
	return nil
}

func quoteRune(r rune) string {
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// LeadText lists every text of a lead that a person typed or a file
// brought, each under a name of its own, for checking at the store's
// write path.
func LeadText(l *Lead) []FieldText {
	var out []FieldText
	add := func(field, v string) {
		if v != "" {
			out = append(out, FieldText{Field: field, Text: v})
		}
	}
	line := func(field, v string) {
		if v != "" {
			out = append(out, FieldText{Field: field, Text: v, OneLine: true})
		}
	}
	for _, f := range contactFields {
		line(f.name, f.get(l))
	}
	for k, v := range l.Custom {
		line("custom field name "+k, k)
		add("custom."+k, v)
	}
	add("fit reason", l.FitReason)
	add("consent source", l.Consent.Source)
	b := l.BANT
	add("authority role", b.AuthorityRole)
	add("need", b.Need)
	add("timeline", b.Timeline)
	line("currency", b.Budget.Currency)
	for i, n := range l.Notes {
		add(fmt.Sprintf("note %d", i+1), n.Text)
		add(fmt.Sprintf("note %d link", i+1), n.URL)
	}
	if l.Callback != nil {
		add("callback note", l.Callback.Note)
	}
	if p := l.Plan; p != nil {
		for i, t := range planTexts(p) {
			add(fmt.Sprintf("plan text %d", i+1), t)
		}
	}
	for i := range l.History {
		e := &l.History[i]
		n := fmt.Sprintf("history event %d", i+1)
		add(n, e.Text)
		add(n+" by", e.By)
		if e.Touch != nil {
			add(n+" note", e.Touch.Note)
		}
		if e.Stage != nil {
			add(n+" reason", e.Stage.Reason)
		}
		if e.Fit != nil {
			add(n+" reason", e.Fit.Reason)
		}
	}
	return out
}

// FieldText is one text of a lead and the field it is in; OneLine says
// the field takes no line breaks or tabs (a name, an email).
type FieldText struct {
	Field, Text string
	OneLine     bool
}

func planTexts(p *OpportunityPlan) []string {
	parts := []string{p.Team.Lead}
	for _, m := range p.Team.Members {
		parts = append(parts, m.Name, m.Role)
	}
	pr, su := p.Profile, p.Summary
	parts = append(parts, pr.BusinessAreas, pr.Products, pr.Financials, pr.Customers, pr.Competitors, pr.ContactPoints,
		su.Project, su.Budget, su.Problems, su.ActNow, su.Consequences, su.Schedule, su.ExpectedResults)
	for _, m := range p.Milestones {
		parts = append(parts, m.Name, m.Owner)
	}
	for _, k := range p.KeyPersons {
		parts = append(parts, k.Name, k.Title, k.Role, k.Attitude, k.Opinion, k.Benefits, k.Criteria)
	}
	for _, c := range p.Competitors {
		parts = append(parts, c.Name, c.History, c.Positioning, c.Strategy, c.Strengths, c.Weaknesses, c.Objections, c.PlanToWin)
	}
	return parts
}

// CheckNewText refuses the texts of l that are not among before (what
// LeadText gave before the change; nil for a new lead) and cannot be
// kept, naming the field: a text kept by an older leadq or imported before
// is not refused for being there.
func CheckNewText(l *Lead, before []FieldText) error {
	had := make(map[FieldText]bool, len(before))
	for _, ft := range before {
		had[ft] = true
	}
	for _, ft := range LeadText(l) {
		if had[ft] {
			continue
		}
		if err := CheckText(ft.Text); err != nil {
			return fieldError(ft.Field, err)
		}
		if ft.OneLine && strings.ContainsAny(ft.Text, "\n\t") {
			return fieldError(ft.Field, Problemf("err.text.one-line", "it holds a line break or a tab: it takes one line"))
		}
	}
	return nil
}

// MakeSafe runs Safe over every string v points to — fields of structs,
// elements of slices, keys and values of maps, through pointers — so a
// lead (or a queue row) can be made harmless once, where it enters the
// screen, instead of at every place that draws a part of it. Unexported
// fields are left alone. With keepLines false, SafeLine is used.
func MakeSafe(v any, keepLines bool) {
	fix := Safe
	if !keepLines {
		fix = SafeLine
	}
	makeSafe(reflect.ValueOf(v), fix)
}

func makeSafe(v reflect.Value, fix func(string) string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			makeSafe(v.Elem(), fix)
		}
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); fix(s) != s {
				v.SetString(fix(s))
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				makeSafe(v.Field(i), fix)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			makeSafe(v.Index(i), fix)
		}
	case reflect.Map:
		if v.IsNil() || v.Type().Key().Kind() != reflect.String {
			return
		}
		iter := v.MapRange()
		type kv struct{ k, v reflect.Value }
		var changed []kv
		for iter.Next() {
			k, val := iter.Key(), iter.Value()
			nv := reflect.New(val.Type()).Elem()
			nv.Set(val)
			makeSafe(nv, fix)
			nk := fix(k.String())
			if nk != k.String() || !reflect.DeepEqual(nv.Interface(), val.Interface()) {
				changed = append(changed, kv{k, reflect.Value{}})
				changed = append(changed, kv{reflect.ValueOf(nk).Convert(k.Type()), nv})
			}
		}
		for _, c := range changed {
			v.SetMapIndex(c.k, c.v) // a zero value deletes the old key
		}
	}
}
