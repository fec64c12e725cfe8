package domain

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalisePhone writes a phone number in E.164 ("+493048163277"), reading
// a national number ("030 48163277") with country (ISO 3166 alpha-2). It
// returns "" for what is no number. Numbers written with + and the country
// code are taken as they are, without consulting the numbering plans, so
// normalising stays cheap for a million leads.
func NormalisePhone(raw, country string) string {
	d := PhoneDigits(raw, country)
	if d == "" {
		return ""
	}
	return "+" + d
}

// PhoneDigits is NormalisePhone without the +.
func PhoneDigits(raw, country string) string {
	t := strings.TrimSpace(raw)
	if t == "" {
		return ""
	}
	// "+49 (0)30 …" writes the trunk 0 in brackets: it is not dialled.
	t = strings.ReplaceAll(t, "(0)", "")
	digits := onlyDigits(t)
	if len(digits) < 4 {
		return ""
	}
	switch {
	case strings.HasPrefix(t, "+"):
		return digits
	case strings.HasPrefix(digits, "00"):
		return digits[2:]
	}
	region := strings.ToUpper(strings.TrimSpace(country))
	if region == "" {
		return digits
	}
	n, err := phonenumbers.Parse(t, region)
	if err != nil {
		return digits
	}
	return strings.TrimPrefix(phonenumbers.Format(n, phonenumbers.E164), "+")
}

// CountryCallingCode is the international dialling code of a country
// ("DE" → "49"), or "" when it is unknown.
func CountryCallingCode(country string) string {
	c := phonenumbers.GetCountryCodeForRegion(strings.ToUpper(strings.TrimSpace(country)))
	if c == 0 {
		return ""
	}
	return strconv.Itoa(c)
}
