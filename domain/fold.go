package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Search folds words on both sides, the index and the query, to one form,
// so no spelling variant needs storing: case and accents go (é → e), and
// German spellings meet as Lucene's German normalisation has them — ä, ae
// → a; ö, oe → o; ü, ue → u (not after a vowel or q: "Quelle", "Bauer"
// stay); ß → ss. "Müller", "Mueller" and "Muller" all fold to "muller",
// "München" and "Muenchen" to "munchen".

// Fold returns the folded form of one word.
func Fold(word string) string {
	return string(appendFolded(nil, word))
}

// foldState is Lucene's: after a, o or u (not following a vowel or q) a
// following e is dropped.
type foldState uint8

const (
	foldNormal foldState = iota
	foldVowel
	foldU
)

func appendFolded(dst []byte, word string) []byte {
	state := foldNormal
	emit := func(r rune) {
		switch r {
		case 'a', 'o':
			state = foldU
		case 'u':
			if state == foldNormal {
				state = foldU
			} else {
				state = foldVowel
			}
		case 'e':
			if state == foldU {
				state = foldVowel
				return
			}
			state = foldVowel
		case 'i', 'q', 'y':
			state = foldVowel
		default:
			state = foldNormal
		}
		dst = utf8.AppendRune(dst, r)
	}
	for _, r := range word {
		r = unicode.ToLower(r)
		switch r {
		case 'ä':
			dst, state = append(dst, 'a'), foldVowel
			continue
		case 'ö':
			dst, state = append(dst, 'o'), foldVowel
			continue
		case 'ü':
			dst, state = append(dst, 'u'), foldVowel
			continue
		case 'ß':
			dst, state = append(dst, 's', 's'), foldNormal
			continue
		}
		if r < utf8.RuneSelf {
			emit(r)
			continue
		}
		for _, b := range stripMarks(r) {
			emit(b)
		}
	}
	return dst
}

// stripMarks is r without its accents: é → e, ł → l; letters without a
// decomposition stay as they are.
func stripMarks(r rune) []rune {
	switch r {
	case 'ł':
		return []rune{'l'}
	case 'ø':
		return []rune{'o'}
	case 'æ':
		return []rune{'a', 'e'}
	case 'œ':
		return []rune{'o', 'e'}
	case 'đ':
		return []rune{'d'}
	case 'ı':
		return []rune{'i'}
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	out := make([]rune, 0, 2)
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			out = append(out, c)
		}
	}
	return out
}

// transliterate writes umlauts out (ä → ae, ß → ss) and drops accents, for
// keys that should read like the word: "Größe" → "groesse".
func transliterate(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'Ä':
			b.WriteString("Ae")
		case 'Ö':
			b.WriteString("Oe")
		case 'Ü':
			b.WriteString("Ue")
		case 'ß':
			b.WriteString("ss")
		default:
			if r < utf8.RuneSelf {
				b.WriteRune(r)
				continue
			}
			for _, c := range stripMarks(r) {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Words splits text into words (runs of letters and digits) and folds
// each; it appends them to dst.
func Words(dst []string, s string) []string {
	start := -1
	for i, r := range s {
		if isLetterOrDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, Fold(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, Fold(s[start:]))
	}
	return dst
}

// SearchWords are the folded words a lead is found by: name, company, city,
// the email's local part and domain, and the phone numbers as E.164 digits
// (PhoneE164, else read with the lead's country or defaultCountry). Each
// word once.
func SearchWords(l *Lead, defaultCountry string) []string {
	w := make([]string, 0, 16)
	w = Words(w, l.Name)
	w = Words(w, l.FirstName)
	w = Words(w, l.LastName)
	w = Words(w, l.Company.Name)
	w = Words(w, l.Company.City)
	w = Words(w, l.Email)
	country := l.Company.Country
	if country == "" {
		country = defaultCountry
	}
	for _, p := range [][2]string{{l.Phone, l.PhoneE164}, {l.Mobile, l.MobileE164}} {
		d := strings.TrimPrefix(p[1], "+")
		if d == "" {
			d = PhoneDigits(p[0], country)
		}
		if d != "" {
			w = append(w, d)
		}
	}
	// Dedupe in place; the lists are short.
	out := w[:0]
	for i, s := range w {
		if s == "" {
			continue
		}
		dup := false
		for _, t := range w[:i] {
			if t == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// QueryTerm is one word of a search: a lead matches when one of its words
// starts with one of the term's prefixes.
type QueryTerm struct {
	Prefixes []string
}

// ParseQuery folds a search into terms; every term must match. A run of
// words that together look like a phone number ("030 48163277", "+49 30
// 4816") is one term, matched in international form: a number starting
// with + or 00 as it is, one starting with 0 as a national number of
// defaultCountry and of its neighbours (DE, AT, CH), other digits as they
// are and as a national number of defaultCountry.
func ParseQuery(q, defaultCountry string) []QueryTerm {
	fields := strings.Fields(q)
	var terms []QueryTerm
	for i := 0; i < len(fields); i++ {
		if phoneish(fields[i]) {
			j := i + 1
			for j < len(fields) && phoneish(fields[j]) && !strings.HasPrefix(fields[j], "+") {
				j++
			}
			joined := strings.Join(fields[i:j], "")
			if digits := onlyDigits(joined); len(digits) >= 2 || strings.HasPrefix(joined, "+") {
				terms = append(terms, QueryTerm{Prefixes: phonePrefixes(joined, defaultCountry)})
				i = j - 1
				continue
			}
		}
		for _, w := range Words(nil, fields[i]) {
			terms = append(terms, QueryTerm{Prefixes: []string{w}})
		}
	}
	out := terms[:0]
	for _, t := range terms {
		if len(t.Prefixes) > 0 && t.Prefixes[0] != "" {
			out = append(out, t)
		}
	}
	return out
}

// phoneish reports whether a query word is part of a phone number: digits
// and the marks people write them with, at least one digit.
func phoneish(w string) bool {
	digits := 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' || r == '-' || r == '/' || r == '(' || r == ')' || r == '.':
		default:
			return false
		}
	}
	return digits > 0
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var neighbourCountries = []string{"DE", "AT", "CH"}

func phonePrefixes(raw, defaultCountry string) []string {
	digits := onlyDigits(raw)
	t := strings.TrimSpace(raw)
	switch {
	case strings.HasPrefix(t, "+"):
		return []string{digits}
	case strings.HasPrefix(digits, "00"):
		return []string{digits[2:]}
	case strings.HasPrefix(digits, "0"):
		var out []string
		seen := map[string]bool{}
		for _, c := range append([]string{defaultCountry}, neighbourCountries...) {
			if cc := CountryCallingCode(c); cc != "" && !seen[cc] {
				seen[cc] = true
				out = append(out, cc+digits[1:])
			}
		}
		if len(out) == 0 {
			out = append(out, digits)
		}
		return out
	}
	out := []string{digits}
	if cc := CountryCallingCode(defaultCountry); cc != "" {
		out = append(out, cc+digits)
	}
	return out
}
