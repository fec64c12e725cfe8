package domain

import (
	"reflect"
	"strings"
	"testing"
)

func TestContactFieldsReadBackWhatIsSet(t *testing.T) {
	for _, name := range ContactFieldNames() {
		l := &Lead{}
		value := "Wert " + name
		if name == "employees" || name == "annual_revenue" {
			value = "1200"
		}
		if err := SetContactField(l, name, value); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got, ok := ContactField(l, name); !ok || got != value {
			t.Errorf("%s: read back %q, %v; want %q", name, got, ok, value)
		}
		if changes := ContactChanges(&Lead{}, l); len(changes) != 1 || changes[0] != (FieldChange{Field: name, New: value}) {
			t.Errorf("%s: changes %+v", name, changes)
		}
		if err := SetContactField(l, name, ""); err != nil {
			t.Errorf("%s cleared: %v", name, err)
		}
		if !reflect.DeepEqual(*l, Lead{}) {
			t.Errorf("%s cleared: %+v", name, *l)
		}
	}
}

func TestContactField(t *testing.T) {
	l := &Lead{Name: "Jürgen Müller", Company: Company{Name: "Müller GmbH", Employees: 250, AnnualRevenue: 0, Street: "Hauptstr. 1"},
		Custom: map[string]string{"crm_id": "SF-1"}}
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"name", "Jürgen Müller", true},
		{"company", "Müller GmbH", true},
		{"street", "Hauptstr. 1", true},
		{"employees", "250", true},
		{"annual_revenue", "", true}, // unknown, not "0"
		{"custom.crm_id", "SF-1", true},
		{"custom.CRM-ID", "SF-1", true},
		{"custom.seats", "", true},
		{"shoe_size", "", false},
		{"Name", "", false},
	} {
		got, ok := ContactField(l, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ContactField(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSetContactField(t *testing.T) {
	l := &Lead{}
	if err := SetContactField(l, "custom.CRM-ID", "SF-1"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Custom, map[string]string{"crm_id": "SF-1"}) {
		t.Errorf("custom field kept as %v, want under its normalised key", l.Custom)
	}
	if err := SetContactField(l, "custom.crm_id", ""); err != nil {
		t.Fatal(err)
	}
	if l.Custom != nil {
		t.Errorf("removing the last custom field left %v", l.Custom)
	}
	if err := SetContactField(l, "employees", "250"); err != nil || l.Company.Employees != 250 {
		t.Errorf("employees: %v, %d", err, l.Company.Employees)
	}
	for _, bad := range []struct{ name, value, err string }{
		{"employees", "viele", `employees: "viele" is not a whole number`},
		{"employees", "-3", `employees: "-3" is not a whole number`},
		{"annual_revenue", "1.5", `annual_revenue: "1.5" is not a whole number`},
		{"custom.!!", "x", `"custom.!!" names no custom field`},
		{"shoe_size", "42", `there is no field "shoe_size"`},
	} {
		err := SetContactField(l, bad.name, bad.value)
		if err == nil || !strings.Contains(err.Error(), bad.err) {
			t.Errorf("SetContactField(%q, %q): %v, want %q", bad.name, bad.value, err, bad.err)
		}
	}
}

func TestContactChanges(t *testing.T) {
	a := &Lead{Name: "A", Phone: "1", Company: Company{Name: "X", City: "Köln"}, Custom: map[string]string{"b": "1", "a": "1"}}
	b := &Lead{Name: "A", Phone: "2", Company: Company{Name: "Y", City: "Köln", Employees: 12}, Custom: map[string]string{"a": "2", "c": "3"},
		Stage: StageCustomer, Notes: []Note{{Text: "not a contact field"}}}
	want := []FieldChange{
		{"phone", "1", "2"}, {"company", "X", "Y"}, {"employees", "", "12"},
		{"custom.a", "1", "2"}, {"custom.b", "1", ""}, {"custom.c", "", "3"},
	}
	got := ContactChanges(a, b)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ContactChanges =\n%+v\nwant\n%+v", got, want)
	}
	if len(ContactChanges(a, a)) != 0 {
		t.Error("a lead differs from itself")
	}
	c := *a
	c.Custom = map[string]string{"a": "1", "b": "1"}
	if err := SetContactFields(&c, got); err != nil {
		t.Fatal(err)
	}
	if again := ContactChanges(&c, b); len(again) != 0 {
		t.Errorf("after applying the changes %+v still differ", again)
	}
}

func TestCustomKeyIsItsOwnKey(t *testing.T) {
	for _, s := range []string{"Ǽ", "ǼRA-Nr.", "Größe (m²)", "CRM-ID", "Łódź"} {
		k := CustomKey(s)
		if again := CustomKey(k); again != k {
			t.Errorf("CustomKey(%q) = %q, and of that %q", s, k, again)
		}
	}
}
