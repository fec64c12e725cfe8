package domain

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Müller", "muller"},
		{"Mueller", "muller"},
		{"Muller", "muller"},
		{"MÜLLER", "muller"},
		{"MUELLER", "muller"},
		{"München", "munchen"},
		{"Muenchen", "munchen"},
		{"Köln", "koln"},
		{"Koeln", "koln"},
		{"Bäcker", "backer"},
		{"Baecker", "backer"},
		{"Goethe", "gothe"},
		{"Österreich", "osterreich"},
		{"Quelle", "quelle"}, // ue after q stays
		{"Bauer", "bauer"},   // ue after a vowel stays
		{"Feuer", "feuer"},
		{"Michael", "michal"}, // ae after a consonant is ä, as Lucene has it
		{"Michal", "michal"},
		{"Straße", "strasse"},
		{"Strasse", "strasse"},
		{"Weiß", "weiss"},
		{"ß", "ss"},
		{"Café", "cafe"},
		{"René", "rene"},
		{"Élodie", "elodie"},
		{"Łódź", "lodz"},
		{"Søren", "soren"},
		{"Zürich", "zurich"},
		{"030", "030"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldIsIdempotent(t *testing.T) {
	for _, w := range []string{"Müller", "Mueller", "Quelle", "Bauer", "Michael", "Straße", "Łódź", "Goethe", "Kaffee", "Zoo"} {
		once := Fold(w)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, Fold once %q", w, twice, once)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Jürgen MÜLLER-Lüdenscheidt, München", []string{"jurgen", "muller", "ludenscheidt", "munchen"}},
		{"j.mueller@example.de", []string{"j", "muller", "example", "de"}},
		{"  Bäckerei   Schmidt GmbH & Co. KG ", []string{"backerei", "schmidt", "gmbh", "co", "kg"}},
		{"Straße 12a", []string{"strasse", "12a"}},
		{"--- / ---", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(nil, tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Words([]string{"erst"}, "dann"); !reflect.DeepEqual(got, []string{"erst", "dann"}) {
		t.Errorf("Words does not append: %q", got)
	}
}

func TestParseQuery(t *testing.T) {
	term := func(p ...string) QueryTerm { return QueryTerm{Prefixes: p} }
	tests := []struct {
		name, q, country string
		want             []QueryTerm
	}{
		{"a name folds", "Müller", "DE", []QueryTerm{term("muller")}},
		{"every word is a term", "Mueller München", "DE", []QueryTerm{term("muller"), term("munchen")}},
		{"a national number is one term in the country and its neighbours", "030 48163277", "DE",
			[]QueryTerm{term("493048163277", "433048163277", "413048163277")}},
		{"a national number written with a slash", "030/48163277", "DE",
			[]QueryTerm{term("493048163277", "433048163277", "413048163277")}},
		{"the default country comes first", "01 234567", "AT",
			[]QueryTerm{term("431234567", "491234567", "411234567")}},
		{"a country outside the neighbours is added first", "020 7946 0000", "GB",
			[]QueryTerm{term("442079460000", "492079460000", "432079460000", "412079460000")}},
		{"with +, the number as it is", "+49 30 4816", "DE", []QueryTerm{term("49304816")}},
		{"with 00, the number without it", "0049 30 4816", "DE", []QueryTerm{term("49304816")}},
		{"00 with the number glued on", "004930 48163277", "AT", []QueryTerm{term("493048163277")}},
		{"plain digits as they are and in the country", "48163277", "DE", []QueryTerm{term("48163277", "4948163277")}},
		{"plain digits without a known country", "48163277", "", []QueryTerm{term("48163277")}},
		{"brackets and dashes are part of the number", "(030) 481-632", "DE",
			[]QueryTerm{term("4930481632", "4330481632", "4130481632")}},
		{"a + starts another number", "+49 30 4816 +43 1 234", "DE", []QueryTerm{term("49304816"), term("431234")}},
		{"a name beside a number", "Müller 030 4816", "DE",
			[]QueryTerm{term("muller"), term("49304816", "43304816", "41304816")}},
		{"a name between numbers", "030 Müller 4816", "DE",
			[]QueryTerm{term("4930", "4330", "4130"), term("muller"), term("4816", "494816")}},
		{"one digit is a word", "3", "DE", []QueryTerm{term("3")}},
		{"a word with digits is a word", "12a", "DE", []QueryTerm{term("12a")}},
		{"marks without digits are nothing", "- / +", "DE", nil},
		{"empty", "   ", "DE", nil},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.q, tt.country)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: ParseQuery(%q, %q) = %v, want %v", tt.name, tt.q, tt.country, got, tt.want)
		}
	}
}

// A number typed in the search finds the lead whose phone it is, however
// either was written.
func TestParseQueryMeetsSearchWords(t *testing.T) {
	l := &Lead{Name: "Jürgen Müller", Phone: "+49 (0)30 48163277", Mobile: "0171 1234567", Company: Company{Country: "DE"}}
	words := SearchWords(l, "DE")
	matches := func(q string) bool {
		for _, term := range ParseQuery(q, "DE") {
			found := false
			for _, p := range term.Prefixes {
				for _, w := range words {
					if len(w) >= len(p) && w[:len(p)] == p {
						found = true
					}
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	for _, q := range []string{"030 48163277", "030 4816", "+49 30 48163277", "0049 30 4816", "0171 123", "+49171", "mueller", "Muller Jurgen", "jürg"} {
		if !matches(q) {
			t.Errorf("%q does not find %v", q, words)
		}
	}
	for _, q := range []string{"030 9999", "+43 30 4816", "schmidt", "Müller 089"} {
		if matches(q) {
			t.Errorf("%q finds %v", q, words)
		}
	}
}

func TestCustomKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Total Time on Site (min)", "total_time_on_site_min"},
		{"CRM-ID", "crm_id"},
		{"crm_id", "crm_id"},
		{"Messestand", "messestand"},
		{"Größe", "groesse"},
		{"Übernahme Datum", "uebernahme_datum"},
		{"  seats  ", "seats"},
		{"__a__b__", "a_b"},
		{"Café Nr.", "cafe_nr"},
		{"Łódź Filiale", "lodz_filiale"},
		{"Umsatz 2025 (€)", "umsatz_2025"},
		{"山田", "山田"},
		{"!!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := CustomKey(tt.in)
		if got != tt.want {
			t.Errorf("CustomKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := CustomKey(got); again != got {
			t.Errorf("CustomKey(%q) = %q is not stable: %q", tt.in, got, again)
		}
	}
}
