package domain

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The contact and company fields of a lead by name, each in one stable
// machine form: the names the history records an edit under, that fit
// rules, imports and exports use.

type leadField struct {
	name string
	get  func(l *Lead) string
	set  func(l *Lead, v string) error
}

func text(get func(l *Lead) *string) (func(l *Lead) string, func(l *Lead, v string) error) {
	return func(l *Lead) string { return *get(l) },
		func(l *Lead, v string) error { *get(l) = v; return nil }
}

func field(name string, get func(l *Lead) *string) leadField {
	g, s := text(get)
	return leadField{name, g, s}
}

var contactFields = []leadField{
	field("salutation", func(l *Lead) *string { return &l.Salutation }),
	field("first_name", func(l *Lead) *string { return &l.FirstName }),
	field("last_name", func(l *Lead) *string { return &l.LastName }),
	field("name", func(l *Lead) *string { return &l.Name }),
	field("title", func(l *Lead) *string { return &l.Title }),
	field("email", func(l *Lead) *string { return &l.Email }),
	field("phone", func(l *Lead) *string { return &l.Phone }),
	field("mobile", func(l *Lead) *string { return &l.Mobile }),
	field("company", func(l *Lead) *string { return &l.Company.Name }),
	field("website", func(l *Lead) *string { return &l.Company.Website }),
	field("industry", func(l *Lead) *string { return &l.Company.Industry }),
	{"employees", func(l *Lead) string { return wholeText(int64(l.Company.Employees)) }, func(l *Lead, v string) error {
		n, err := wholeNumber(v)
		l.Company.Employees = int(n)
		return err
	}},
	{"annual_revenue", func(l *Lead) string { return wholeText(l.Company.AnnualRevenue) }, func(l *Lead, v string) error {
		n, err := wholeNumber(v)
		l.Company.AnnualRevenue = n
		return err
	}},
	field("street", func(l *Lead) *string { return &l.Company.Street }),
	field("postal_code", func(l *Lead) *string { return &l.Company.PostalCode }),
	field("city", func(l *Lead) *string { return &l.Company.City }),
	field("country", func(l *Lead) *string { return &l.Company.Country }),
	field("source", func(l *Lead) *string { return &l.Source }),
	field("owner", func(l *Lead) *string { return &l.Owner }),
}

// ContactFieldNames lists the contact and company fields by name, in form order.
func ContactFieldNames() []string {
	out := make([]string, len(contactFields))
	for i, f := range contactFields {
		out[i] = f.name
	}
	return out
}

func wholeText(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func wholeNumber(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a whole number", v)
	}
	return n, nil
}

func findField(name string) *leadField {
	for i := range contactFields {
		if contactFields[i].name == name {
			return &contactFields[i]
		}
	}
	return nil
}

// ContactField reads a contact field by name, or a custom field as
// "custom.KEY"; ok is false for a name that is neither.
func ContactField(l *Lead, name string) (value string, ok bool) {
	if key, isCustom := strings.CutPrefix(name, "custom."); isCustom {
		return CustomValue(l, key), true
	}
	if f := findField(name); f != nil {
		return f.get(l), true
	}
	return "", false
}

// SetContactField sets a contact field by name, or a custom field as
// "custom.KEY" (an empty value removes it).
func SetContactField(l *Lead, name, value string) error {
	if key, isCustom := strings.CutPrefix(name, "custom."); isCustom {
		key = CustomKey(key)
		if key == "" {
			return fmt.Errorf("%q names no custom field", name)
		}
		if value == "" {
			delete(l.Custom, key)
			if len(l.Custom) == 0 {
				l.Custom = nil
			}
			return nil
		}
		if l.Custom == nil {
			l.Custom = map[string]string{}
		}
		l.Custom[key] = value
		return nil
	}
	f := findField(name)
	if f == nil {
		return fmt.Errorf("there is no field %q", name)
	}
	if err := f.set(l, value); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ContactChanges lists the contact, company and custom fields that differ
// between a and b, in form order and then by custom key.
func ContactChanges(a, b *Lead) []FieldChange {
	var c changeList
	for _, f := range contactFields {
		c.add(f.name, f.get(a), f.get(b))
	}
	keys := map[string]bool{}
	for k := range a.Custom {
		keys[k] = true
	}
	for k := range b.Custom {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		c.add("custom."+k, a.Custom[k], b.Custom[k])
	}
	return c
}

// SetContactFields applies changes to l, each to its New value.
func SetContactFields(l *Lead, changes []FieldChange) error {
	for _, ch := range changes {
		if err := SetContactField(l, ch.Field, ch.New); err != nil {
			return err
		}
	}
	return nil
}

// CustomKey is the one form of a custom field's key: lower case, umlauts
// transliterated, accents dropped and every run of other characters turned
// into one "_" ("Total Time on Site (min)" → "total_time_on_site_min",
// "CRM-ID" → "crm_id"). Rules, imports and the store all use it, so a rule
// on custom.crm_id meets a column headed CRM-ID.
func CustomKey(s string) string {
	if isCustomKey(s) {
		return s // already in form: the usual case, and cheap
	}
	// Letters whose accent comes off to another letter with one ("Ǽ" → "æ")
	// take a second pass, so a key is its own key.
	k := customKeyOnce(s)
	for i := 0; i < 3; i++ {
		next := customKeyOnce(k)
		if next == k {
			break
		}
		k = next
	}
	return k
}

func customKeyOnce(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range transliterate(strings.ToLower(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && isLetterOrDigit(r) {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	return b.String()
}

// isCustomKey reports whether s is already a key as CustomKey makes them.
func isCustomKey(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' && s[i-1] != '_':
		default:
			return false
		}
	}
	return true
}
