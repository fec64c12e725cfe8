package domain

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Countries are kept as ISO 3166 alpha-2 codes ("DE"). What reps and CRM
// exports write — "Deutschland", "Germany", "de", "Österreich", "Schweiz",
// "DEU" — is read into the code.

var (
	countryOnce  sync.Once
	countryNames map[string]string // folded name → code
)

func loadCountryNames() {
	countryNames = map[string]string{}
	namers := []display.Namer{display.German.Regions(), display.English.Regions()}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			// Deprecated codes (FX, UK, ZR, …) canonicalise to their
			// successor and codes outside ISO 3166 (EU, UN) have no ISO3;
			// their names must not take over those of the real countries.
			if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize() != r || r.ISO3() == "ZZZ" {
				continue
			}
			countryNames[Fold(code)] = code
			if iso3 := r.ISO3(); iso3 != "" {
				countryNames[Fold(iso3)] = code
			}
			for _, n := range namers {
				if name := n.Name(r); name != "" {
					countryNames[foldPhrase(name)] = code
				}
			}
		}
	}
	// Names people use that the tables spell otherwise.
	for name, code := range map[string]string{
		"usa": "US", "vereinigte staaten": "US", "united states of america": "US", "amerika": "US",
		"england": "GB", "great britain": "GB", "grossbritannien": "GB", "uk": "GB",
		"holland": "NL", "tschechien": "CZ", "czech republic": "CZ", "russland": "RU",
		"deutschland brd": "DE", "brd": "DE", "bundesrepublik deutschland": "DE",
	} {
		countryNames[foldPhrase(name)] = code
	}
}

func foldPhrase(s string) string { return strings.Join(Words(nil, s), " ") }

// NormaliseCountry reads a country name or code into its ISO 3166 alpha-2
// code; "" stays "".
func NormaliseCountry(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	countryOnce.Do(loadCountryNames)
	if code, ok := countryNames[foldPhrase(s)]; ok {
		return code, nil
	}
	return "", Problemf("err.country.unknown", "%s is not a country leadq knows: give its ISO code, like DE, AT or CH", s)
}
