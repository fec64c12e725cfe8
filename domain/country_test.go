package domain

import (
	"strings"
	"testing"
)

func TestNormaliseCountry(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"DE", "DE"},
		{"de", "DE"},
		{" de ", "DE"},
		{"DEU", "DE"},
		{"Deutschland", "DE"},
		{"deutschland", "DE"},
		{"Germany", "DE"},
		{"Bundesrepublik Deutschland", "DE"},
		{"BRD", "DE"},
		{"Österreich", "AT"},
		{"Oesterreich", "AT"},
		{"Austria", "AT"},
		{"AT", "AT"},
		{"Schweiz", "CH"},
		{"Switzerland", "CH"},
		{"ch", "CH"},
		{"Frankreich", "FR"},
		{"Polen", "PL"},
		{"USA", "US"},
		{"Vereinigte Staaten", "US"},
		{"UK", "GB"},
		{"Großbritannien", "GB"},
		{"Grossbritannien", "GB"},
		{"Holland", "NL"},
		{"Niederlande", "NL"},
		{"Tschechien", "CZ"},
		{"France", "FR"},
		{"Vereinigtes Königreich", "GB"},
		{"United Kingdom", "GB"},
		{"Panama", "PA"},
		{"Benin", "BJ"},
		{"Burkina Faso", "BF"},
		{"Kongo-Kinshasa", "CD"},
		{"Timor-Leste", "TL"},
		{"Antarktis", "AQ"},
		{"Jemen", "YE"},
		{"Vietnam", "VN"},
		{"", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		got, err := NormaliseCountry(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormaliseCountry(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"Narnia", "Deutschlandd", "D", "123", "FX", "DD", "EU", "Eurozone", "Vereinte Nationen"} {
		got, err := NormaliseCountry(bad)
		if err == nil {
			t.Errorf("NormaliseCountry(%q) = %q, want an error", bad, got)
			continue
		}
		if !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "ISO code") {
			t.Errorf("NormaliseCountry(%q): %q does not name the input and say what to give", bad, err)
		}
	}
}
