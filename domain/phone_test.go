package domain

import "testing"

func TestPhoneDigits(t *testing.T) {
	tests := []struct {
		raw, country, want string
	}{
		{"030 48163277", "DE", "493048163277"},
		{"030/48163277", "de", "493048163277"},
		{"(030) 481 632-77", "DE", "493048163277"},
		{"0171 1234567", "DE", "491711234567"},
		{"+49 30 48163277", "DE", "493048163277"},
		{"+49 30 48163277", "AT", "493048163277"},
		{"+49 (0)30 48163277", "DE", "493048163277"},
		{"+49 (0) 30 48163277", "", "493048163277"},
		{"0049 30 48163277", "DE", "493048163277"},
		{"0049 30 48163277", "CH", "493048163277"},
		{"01 234567", "AT", "431234567"},
		{"044 668 18 00", "CH", "41446681800"},
		{"48163277", "", "48163277"},
		{" 030 48163277 ", "", "03048163277"},
		{"", "DE", ""},
		{"   ", "DE", ""},
		{"123", "DE", ""},
		{"+49", "DE", ""},
		{"keine", "DE", ""},
	}
	for _, tt := range tests {
		if got := PhoneDigits(tt.raw, tt.country); got != tt.want {
			t.Errorf("PhoneDigits(%q, %q) = %q, want %q", tt.raw, tt.country, got, tt.want)
		}
	}
}

func TestNormalisePhone(t *testing.T) {
	for _, tt := range []struct {
		raw, country, want string
	}{
		{"030 48163277", "DE", "+493048163277"},
		{"0049 30 48163277", "DE", "+493048163277"},
		{"+43 1 234567", "DE", "+431234567"},
		{"12", "DE", ""},
		{"", "DE", ""},
	} {
		if got := NormalisePhone(tt.raw, tt.country); got != tt.want {
			t.Errorf("NormalisePhone(%q, %q) = %q, want %q", tt.raw, tt.country, got, tt.want)
		}
	}
}

func TestCountryCallingCode(t *testing.T) {
	for in, want := range map[string]string{"DE": "49", "at": "43", " CH ": "41", "GB": "44", "US": "1", "": "", "ZZ": "", "Germany": ""} {
		if got := CountryCallingCode(in); got != want {
			t.Errorf("CountryCallingCode(%q) = %q, want %q", in, got, want)
		}
	}
}
