package domain

import (
	"reflect"
	"testing"
)

func TestValidateEmail(t *testing.T) {
	tests := []struct {
		in  string
		err string
	}{
		{"j.mueller@mueller-mb.de", ""},
		{"Juergen.Mueller@Mueller-MB.DE", ""},
		{"info+leads@firma.co.uk", ""},
		{"jürgen@müller.de", ""},
		{"a@xn--mller-kva.de", ""},
		{"a@b.museum", ""},

		{"", "empty"},
		{"j mueller@firma.de", "space"},
		{"j.mueller@firma.de ", "space"},
		{"firma.de", "exactly one @, it has 0"},
		{"a@b@firma.de", "exactly one @, it has 2"},
		{"@firma.de", "nothing before the @"},
		{"a@", "there is no domain"},
		{"a@localhost", "has no dot"},
		{"a@firma.d", "too short for a top-level domain"},
		{"a@firma.d3", "not a top-level domain"},
		{"a@firma..de", "empty part between dots"},
		{"a@-firma.de", "starts or ends with -"},
		{"a@fir_ma.de", "has '_' in it"},
		{"a.@firma.de", "part before the @"},
		{"Jürgen <j@firma.de>", "space"},
		{"<j@firma.de>", "is not an email address"},
	}
	for _, tt := range tests {
		wantErr(t, "ValidateEmail("+tt.in+")", ValidateEmail(tt.in), tt.err)
	}
}

func TestNormaliseEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{" J.Mueller@Firma.DE ", "J.Mueller@firma.de"},
		{"info@MÜLLER.de", "info@müller.de"},
		{"no-at-sign", "no-at-sign"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormaliseEmail(tt.in); got != tt.want {
			t.Errorf("NormaliseEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidatePhone(t *testing.T) {
	tests := []struct {
		in  string
		err string
	}{
		{"+49 89 1234567", ""},
		{"+49 (0)89 1234567", ""},
		{"089/1234567", ""},
		{"0171-1234567", ""},
		{"(089) 123 456", ""},
		{"+41 44 668 18 00", ""},
		{"012345", ""},           // 6 digits, the fewest
		{"+123456789012345", ""}, // 15 digits, the most

		{"", "empty"},
		{"01234", "it has 5 digits"},
		{"+1234567890123456", "it has 16 digits"},
		{"089 12a4567", "only digits"},
		{"089.1234567", "only digits"},
		{"0049+89123", "+ may only stand at the start"},
		{"89 1234567", "start with + and the country code or with 0"},
		{"(89) 1234567", "start with +"},
	}
	for _, tt := range tests {
		wantErr(t, "ValidatePhone("+tt.in+")", ValidatePhone(tt.in), tt.err)
	}
}

func TestValidatePostalCode(t *testing.T) {
	tests := []struct {
		country, code string
		err           string
	}{
		{"DE", "80331", ""},
		{"de", " 01067 ", ""},
		{"DE", "8033", "80331"},
		{"DE", "803311", "not a German postal code"},
		{"DE", "D-80331", "not a German postal code"},
		{"AT", "1010", ""},
		{"AT", "10100", "not an Austrian postal code: it has four digits"},
		{"CH", "8001", ""},
		{"CH", "800", "not a Swiss postal code"},
		{"NL", "1012 AB", ""},
		{"NL", "1012AB", ""},
		{"NL", "1012 ab", ""},
		{"NL", "1012", "not a Dutch postal code"},
		{"NL", "1012  AB", "not a Dutch postal code"},
		{"PL", "00-950", ""},
		{"PL", "00950", "not a Polish postal code"},
		{"FR", "75001", ""},
		{"FR", "7500", "not a French postal code"},
		{"US", "10001", ""},
		{"US", "10001-1234", ""},
		{"US", "10001-12", "not a US ZIP code"},
		{"GB", "SW1A 1AA", ""},
		{"GB", "M1 1AE", ""},
		{"GB", "b338th", ""},
		{"GB", "12345", "not a British postcode"},
		{"GB", "SW1A-1AA", "not a British postcode"},
		{"IT", "00100", ""},
		{"", "whatever", ""},
		{"DE", "", "empty"},
		{"", " ", "empty"},
	}
	for _, tt := range tests {
		wantErr(t, "ValidatePostalCode("+tt.country+", "+tt.code+")", ValidatePostalCode(tt.country, tt.code), tt.err)
	}
}

func TestValidateURL(t *testing.T) {
	tests := []struct {
		in  string
		err string
	}{
		{"https://mueller-mb.de", ""},
		{"http://mueller-mb.de/team", ""},
		{"HTTPS://Mueller-MB.de/kontakt?x=1", ""},
		{"https://www.müller.de", ""},
		{"https://mueller-mb.de:8443/", ""},
		{"www.mueller-mb.de", ""},
		{"www.mueller-mb.de/team", ""},

		{"", "empty"},
		{"mueller-mb.de", ""},
		{"jaeger-vogel.de/team", ""},
		{"Newsletter", "no dot"},
		{"ftp://mueller-mb.de", "start it with"},
		{"https://", "is not a web address"},
		{"https://localhost", "has no dot"},
		{"https://mueller mb.de", "space"},
		{"https://user:pw@mueller-mb.de", "user name"},
		{"www.", "is not a web address"},
	}
	for _, tt := range tests {
		wantErr(t, "ValidateURL("+tt.in+")", ValidateURL(tt.in), tt.err)
	}
}

func TestLeadValidate(t *testing.T) {
	good := Lead{
		Name: "Jürgen Müller", Email: "j.mueller@mueller-mb.de", Phone: "+49 89 1234567", Mobile: "0171 1234567",
		Company: Company{Name: "Müller Maschinenbau GmbH", Country: "DE", PostalCode: "80331", Website: "https://mueller-mb.de"},
	}
	tests := []struct {
		name   string
		change func(l *Lead)
		fields []string
	}{
		{"all plausible", func(l *Lead) {}, nil},
		{"only name and company", func(l *Lead) { *l = Lead{Name: "A", Company: Company{Name: "B"}} }, nil},
		{"nothing at all", func(l *Lead) { *l = Lead{} }, []string{"name", "company"}},
		{"blank name", func(l *Lead) { l.Name = "  " }, []string{"name"}},
		{"first and last name make a name", func(l *Lead) { l.Name, l.FirstName, l.LastName = "", "Jürgen", "Müller" }, nil},
		{"a last name alone makes a name", func(l *Lead) { l.Name, l.LastName = "", "Müller" }, nil},
		{"a country written out", func(l *Lead) { l.Company.Country = "Deutschland" }, []string{"country"}},
		{"a country in lower case", func(l *Lead) { l.Company.Country = "de" }, []string{"country"}},
		{"an unknown country", func(l *Lead) { l.Company.Country, l.Company.PostalCode = "Narnia", "" }, []string{"country"}},
		{"another known country", func(l *Lead) { l.Company.Country, l.Company.PostalCode = "AT", "1010" }, nil},
		{"bad email", func(l *Lead) { l.Email = "mueller-mb.de" }, []string{"email"}},
		{"bad phone and mobile", func(l *Lead) { l.Phone, l.Mobile = "123", "abc" }, []string{"phone", "mobile"}},
		{"postal code of another country", func(l *Lead) { l.Company.Country = "AT" }, []string{"postal_code"}},
		{"bad website", func(l *Lead) { l.Company.Website = "mueller" }, []string{"website"}},
		{"everything wrong, in form order", func(l *Lead) {
			*l = Lead{Email: "x", Phone: "1", Mobile: "2", Company: Company{Country: "DE", PostalCode: "1", Website: "x"}}
		}, []string{"name", "company", "email", "phone", "mobile", "postal_code", "website"}},
		{"everything wrong with a bad country, in form order", func(l *Lead) {
			*l = Lead{Email: "x", Phone: "1", Mobile: "2", Company: Company{Country: "Germany", Website: "x"}}
		}, []string{"name", "company", "email", "phone", "mobile", "country", "website"}},
	}
	for _, tt := range tests {
		l := good
		tt.change(&l)
		var fields []string
		for _, fe := range l.Validate() {
			fields = append(fields, fe.Field)
			if fe.Msg == "" {
				t.Errorf("%s: %s has no message", tt.name, fe.Field)
			}
		}
		if !reflect.DeepEqual(fields, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, fields, tt.fields)
		}
	}
}

func TestCheckFieldsLeavesNameAndCompanyToValidate(t *testing.T) {
	l := Lead{Email: "x", Company: Company{Country: "Deutschland"}}
	var fields []string
	for _, fe := range l.CheckFields() {
		fields = append(fields, fe.Field)
	}
	if want := []string{"email", "country"}; !reflect.DeepEqual(fields, want) {
		t.Errorf("CheckFields = %v, want %v", fields, want)
	}
	for _, fe := range l.CheckFields() {
		if fe.Field == "country" && fe.Msg != "Deutschland is kept as its ISO code DE" {
			t.Errorf("country: %q", fe.Msg)
		}
	}
	if errs := (&Lead{}).CheckFields(); len(errs) != 0 {
		t.Errorf("an empty lead: %v", errs)
	}
}
