package mapping

import "testing"

func TestSplitName(t *testing.T) {
	cases := []struct{ in, sal, first, last string }{
		{"Anna Schmidt", "", "Anna", "Schmidt"},
		{"  Anna   Maria  Schmidt ", "", "Anna Maria", "Schmidt"},
		{"Dr. Anna Maria Schmidt", "Dr.", "Anna Maria", "Schmidt"},
		{"Frau Prof. Dr. Anna Schmidt", "Frau Prof. Dr.", "Anna", "Schmidt"},
		{"Herr Dipl.-Ing. Jörg Müller", "Herr Dipl.-Ing.", "Jörg", "Müller"},
		{"Mag. Eva Huber", "Mag.", "Eva", "Huber"},
		{"Schmidt, Anna", "", "Anna", "Schmidt"},
		{"Schmidt, Dr. Anna", "Dr.", "Anna", "Schmidt"},
		{"Dr. Schmidt, Anna", "Dr.", "Anna", "Schmidt"},
		{"Schmidt,", "", "", "Schmidt"},
		{"Ursula von der Leyen", "", "Ursula", "von der Leyen"},
		{"Lucia De Luca", "", "Lucia", "De Luca"},
		{"Karl-Theodor zu Guttenberg", "", "Karl-Theodor", "zu Guttenberg"},
		{"John Smith Jr.", "", "John", "Smith Jr."},
		{"Schmidt", "", "", "Schmidt"},
		{"Frau Schmidt", "Frau", "", "Schmidt"},
		{"Dr.", "", "", "Dr."}, // nothing but a title: left as a name
		{"Schmidt, Anna, Dr.", "", "", ""},
		{"", "", "", ""},
	}
	for _, c := range cases {
		sal, first, last := SplitName(c.in)
		if sal != c.sal || first != c.first || last != c.last {
			t.Errorf("SplitName(%q) = %q, %q, %q; want %q, %q, %q", c.in, sal, first, last, c.sal, c.first, c.last)
		}
	}
}
