package domain

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// This file checks that contact data is plausible (Datenqualität): an email
// that can be written to, a number that can be dialled, a postal code of
// the country's shape, a website that can be opened.

// FieldError is one implausible field of a lead.
// Field is the field's key, the one FieldChange uses, for the screen to
// label in its language; Err is what is wrong with it (a Problem), Msg
// its English.
type FieldError struct {
	Field string // "name", "company", "email", "phone", "mobile", "country", "postal_code" or "website"
	Msg   string
	Err   error
}

// fieldError is the FieldError of field for err.
func fieldError(field string, err error) FieldError {
	return FieldError{Field: field, Msg: err.Error(), Err: err}
}

func (e FieldError) Error() string { return e.Field + ": " + e.Msg }

// Unwrap is what is wrong with the field, for a catalog to word.
func (e FieldError) Unwrap() error { return e.Err }

// Validate lists the lead's implausible fields in form order: a name and a
// company are required (what the forms and leadq add ask for), the rest is
// checked when filled (see CheckFields).
func (l *Lead) Validate() []FieldError {
	var out []FieldError
	if l.DisplayName() == "" {
		out = append(out, fieldError("name", Problemf("err.lead.name", "a lead needs a name")))
	}
	if strings.TrimSpace(l.Company.Name) == "" {
		out = append(out, fieldError("company", Problemf("err.lead.company", "a lead needs a company")))
	}
	return append(out, l.CheckFields()...)
}

// CheckFields lists the filled fields that are implausible: an email that
// cannot be written to, a number that cannot be dialled, a country leadq
// does not know, a postal code not of the country's shape, a website that
// cannot be opened.
func (l *Lead) CheckFields() []FieldError {
	var out []FieldError
	add := func(field string, err error) {
		if err != nil {
			out = append(out, fieldError(field, err))
		}
	}
	if l.Email != "" {
		add("email", ValidateEmail(l.Email))
	}
	if l.Phone != "" {
		add("phone", ValidatePhone(l.Phone))
	}
	if l.Mobile != "" {
		add("mobile", ValidatePhone(l.Mobile))
	}
	if c := l.Company.Country; c != "" {
		if code, err := NormaliseCountry(c); err != nil {
			add("country", err)
		} else if code != c {
			add("country", Problemf("err.country.kept-as-code", "%s is kept as its ISO code %s", c, code))
		}
	}
	if l.Company.PostalCode != "" {
		add("postal_code", ValidatePostalCode(l.Company.Country, l.Company.PostalCode))
	}
	if l.Company.Website != "" {
		add("website", ValidateURL(l.Company.Website))
	}
	return out
}

// ValidateEmail checks the syntax of an address: one @, something before
// it, and a domain with a dot and a top-level domain of two or more
// letters. Umlaut domains (müller.de) are fine.
func ValidateEmail(s string) error {
	if s == "" {
		return Problemf("err.email.empty", "the email address is empty")
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return Problemf("err.email.space", "%q is not an email address: it has a space in it", s)
	}
	if n := strings.Count(s, "@"); n != 1 {
		return Problemf("err.email.at", "%s is not an email address: it needs exactly one @, it has %d", s, n)
	}
	local, domain, _ := strings.Cut(s, "@")
	if local == "" {
		return Problemf("err.email.local-empty", "%s is not an email address: there is nothing before the @", s)
	}
	if err := checkHost(domain); err != nil {
		return Problemf("err.email.domain", "%s is not an email address: %s", s, err)
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		return Problemf("err.email.local", "%s is not an email address: the part before the @ has characters an address cannot have", s)
	}
	return nil
}

// checkHost checks a domain name: dot-separated labels of letters (any
// script), digits and hyphens, ending in a top-level domain of two or more
// letters (or a punycode one, xn--…).
func checkHost(host string) error {
	if host == "" {
		return Problemf("err.host.empty", "there is no domain")
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return Problemf("err.host.dot", "the domain %s has no dot", host)
	}
	for _, l := range labels {
		if l == "" {
			return Problemf("err.host.empty-part", "the domain %s has an empty part between dots", host)
		}
		if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return Problemf("err.host.hyphen", "the domain %s has a part that starts or ends with -", host)
		}
		for _, r := range l {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				return Problemf("err.host.char", "the domain %s has %q in it", host, r)
			}
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") {
		return nil
	}
	letters := 0
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return Problemf("err.host.tld", "the domain ending .%s is not a top-level domain", tld)
		}
		letters++
	}
	if letters < 2 {
		return Problemf("err.host.tld-short", "the domain ending .%s is too short for a top-level domain", tld)
	}
	return nil
}

// NormaliseEmail trims the address and lower-cases its domain; the part
// before the @ is left as typed, since mail servers may tell case apart.
func NormaliseEmail(s string) string {
	s = strings.TrimSpace(s)
	i := strings.LastIndex(s, "@")
	if i < 0 {
		return s
	}
	return s[:i+1] + strings.ToLower(s[i+1:])
}

// ValidatePhone checks that a number can be dialled: only digits, blanks
// and + - / ( ), 6 to 15 digits, starting with + and the country code or 0
// and the area code. "+49 (0)89 1234567" is fine.
func ValidatePhone(s string) error {
	t := strings.TrimSpace(s)
	if t == "" {
		return Problemf("err.phone.empty", "the phone number is empty")
	}
	digits := 0
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+':
			if i != 0 {
				return Problemf("err.phone.plus", "%s is not a phone number: + may only stand at the start", t)
			}
		case r == ' ' || r == '-' || r == '/' || r == '(' || r == ')':
		default:
			return Problemf("err.phone.chars", "%s is not a phone number: only digits, blanks and + - / ( ) belong in one", t)
		}
	}
	if digits < 6 || digits > 15 {
		return Problemf("err.phone.digits", "%s is not a phone number: it has %d digits, a dialable number has 6 to 15", t, digits)
	}
	start := strings.TrimLeft(t, "( ")
	if !strings.HasPrefix(start, "+") && !strings.HasPrefix(start, "0") {
		return Problemf("err.phone.start", "%s is not a phone number: start with + and the country code or with 0 and the area code", t)
	}
	return nil
}

var postalCodes = map[string]struct {
	re    *regexp.Regexp
	name  *Problem // "a German postal code"
	shape *Problem // "five digits, like 80331"
}{
	"DE": {regexp.MustCompile(`^\d{5}$`), Problemf("err.postal.de.name", "a German postal code"), Problemf("err.postal.de.shape", "five digits, like 80331")},
	"AT": {regexp.MustCompile(`^\d{4}$`), Problemf("err.postal.at.name", "an Austrian postal code"), Problemf("err.postal.at.shape", "four digits, like 1010")},
	"CH": {regexp.MustCompile(`^\d{4}$`), Problemf("err.postal.ch.name", "a Swiss postal code"), Problemf("err.postal.ch.shape", "four digits, like 8001")},
	"NL": {regexp.MustCompile(`^\d{4} ?[A-Za-z]{2}$`), Problemf("err.postal.nl.name", "a Dutch postal code"), Problemf("err.postal.nl.shape", "four digits and two letters, like 1012 AB")},
	"PL": {regexp.MustCompile(`^\d{2}-\d{3}$`), Problemf("err.postal.pl.name", "a Polish postal code"), Problemf("err.postal.pl.shape", "the shape 00-950")},
	"FR": {regexp.MustCompile(`^\d{5}$`), Problemf("err.postal.fr.name", "a French postal code"), Problemf("err.postal.fr.shape", "five digits, like 75001")},
	"US": {regexp.MustCompile(`^\d{5}(-\d{4})?$`), Problemf("err.postal.us.name", "a US ZIP code"), Problemf("err.postal.us.shape", "five digits or five and four, like 10001 or 10001-1234")},
	// British postcodes vary in shape; only their alphabet and length are checked.
	"GB": {regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]{1,3} ?[A-Za-z0-9]{2,3}$`), Problemf("err.postal.gb.name", "a British postcode"), Problemf("err.postal.gb.shape", "letters and digits, like SW1A 1AA")},
}

// ValidatePostalCode checks that code has the shape of a postal code in
// country (ISO 3166 alpha-2). Countries without a known shape accept any
// non-empty code.
func ValidatePostalCode(country, code string) error {
	c := strings.TrimSpace(code)
	if c == "" {
		return Problemf("err.postal.empty", "the postal code is empty")
	}
	p, ok := postalCodes[strings.ToUpper(strings.TrimSpace(country))]
	if !ok || p.re.MatchString(c) {
		return nil
	}
	return Problemf("err.postal.shape", "%s is not %s: it has %s", c, p.name, p.shape)
}

// ValidateURL checks a web address: http:// or https:// and a host with a
// top-level domain, or a bare host starting with www.
func ValidateURL(s string) error {
	t := strings.TrimSpace(s)
	if t == "" {
		return Problemf("err.url.empty", "the web address is empty")
	}
	if strings.IndexFunc(t, unicode.IsSpace) >= 0 {
		return Problemf("err.url.space", "%q is not a web address: it has a space in it", t)
	}
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
	case strings.Contains(lower, "://"):
		return Problemf("err.url.scheme", "%s is not a web address: start it with https://, http:// or www.", t)
	default:
		// "www.mueller-mb.de", or a bare "mueller-mb.de/team" as reps type it.
		t = "https://" + t
	}
	u, err := url.Parse(t)
	if err != nil || u.Host == "" {
		return Problemf("err.url.invalid", "%s is not a web address", strings.TrimPrefix(t, "https://"))
	}
	if u.User != nil {
		return Problemf("err.url.user", "%s is not a web address: it has a user name in it", s)
	}
	if err := checkHost(u.Hostname()); err != nil {
		return Problemf("err.url.host", "%s is not a web address: %s", strings.TrimSpace(s), err)
	}
	return nil
}
