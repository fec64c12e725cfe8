package domain

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"1.5", Money{Cents: 150}},
		{"2,5", Money{Cents: 250}},
		{"99,99", Money{Cents: 9999}},
		{"0,05", Money{Cents: 5}},
		{"1.234,56", Money{Cents: 123456}},
		{"1,234.56", Money{Cents: 123456}},
		{"1.234", Money{Cents: 123400}},
		{"1,234", Money{Cents: 123400}},
		{"1.234.567,89", Money{Cents: 123456789}},
		{"50000", Money{Cents: 5_000_000}},
		{"50.000,-", Money{Cents: 5_000_000}},
		{"50 TEUR", Money{Cents: 5_000_000, Currency: "EUR"}},
		{"1,5 Mio", Money{Cents: 150_000_000}},
		{"0,001 Mio", Money{Cents: 100_000}}, // a thousandth of a million is whole
		{"1,5 Mio. EUR", Money{Cents: 150_000_000, Currency: "EUR"}},
		{"€ 50k", Money{Cents: 5_000_000, Currency: "EUR"}},
		{"1.234,56 €", Money{Cents: 123456, Currency: "EUR"}},
		{"CHF 1'250.50", Money{Cents: 125050, Currency: "CHF"}},
		{"$2,500.75", Money{Cents: 250075, Currency: "USD"}},
		{"ca. 20.000 EUR", Money{Cents: 2_000_000, Currency: "EUR"}},
		{"  ", Money{}},
		{"", Money{}},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []struct{ in, err string }{
		{"1.2345", "1.2345 is not an amount: it has more than two decimals"},
		{"12,345.678", "more than two decimals"},
		{"-5", "below zero"},
		{"fünfzig", "fünfzig is not an amount"},
		{"1.234.56", "groups of thousands have three digits"},
	} {
		got, err := ParseMoney(bad.in)
		if err == nil || !strings.Contains(err.Error(), bad.err) {
			t.Errorf("ParseMoney(%q) = %+v, %v; want an error with %q", bad.in, got, err, bad.err)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		m             Money
		english, germ string
	}{
		{Money{Cents: 123456, Currency: "EUR"}, "1,234.56 EUR", "1.234,56 EUR"},
		{Money{Cents: 5_000_000, Currency: "EUR"}, "50,000 EUR", "50.000 EUR"},
		{Money{Cents: 125_000_000, Currency: "CHF"}, "1,250,000 CHF", "1.250.000 CHF"},
		{Money{Cents: 150}, "1.50", "1,50"},
		{Money{Cents: 5, Currency: "EUR"}, "0.05 EUR", "0,05 EUR"},
		{Money{Cents: 99}, "0.99", "0,99"},
		{Money{}, "0", "0"},
		{Money{Cents: -150, Currency: "EUR"}, "-1.50 EUR", "-1,50 EUR"},
		{Money{Cents: -50, Currency: "EUR"}, "-0.50 EUR", "-0,50 EUR"},
		{Money{Cents: -123_456_700}, "-1,234,567", "-1.234.567"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.m, false); got != tt.english {
			t.Errorf("FormatMoney(%+v, false) = %q, want %q", tt.m, got, tt.english)
		}
		if got := FormatMoney(tt.m, true); got != tt.germ {
			t.Errorf("FormatMoney(%+v, true) = %q, want %q", tt.m, got, tt.germ)
		}
	}
}

func TestFormatMoneyReadsBack(t *testing.T) {
	for _, c := range []int64{0, 1, 5, 99, 100, 150, 9999, 100_000, 123456, 5_000_000, 99_999_999, 123_456_789, 100_000_000_000} {
		for _, cur := range []string{"", "EUR", "CHF"} {
			m := Money{Cents: c, Currency: cur}
			for _, german := range []bool{false, true} {
				s := FormatMoney(m, german)
				back, err := ParseMoney(s)
				if err != nil || back.Cents != m.Cents || back.Currency != m.Currency {
					t.Errorf("FormatMoney(%+v, %v) = %q reads back as %+v, %v", m, german, s, back, err)
				}
			}
		}
	}
}

func TestMoneyString(t *testing.T) {
	for _, tt := range []struct {
		m    Money
		want string
	}{
		{Money{Cents: 123456, Currency: "EUR"}, "1234.56 EUR"},
		{Money{Cents: 5_000_000, Currency: "EUR"}, "50000.00 EUR"},
		{Money{Cents: 150}, "1.50"},
		{Money{Cents: -50, Currency: "EUR"}, "-0.50 EUR"},
		{Money{Currency: "EUR"}, "0.00 EUR"},
		{Money{}, ""},
	} {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.m, got, tt.want)
		}
		if b, err := tt.m.MarshalText(); err != nil || string(b) != tt.want {
			t.Errorf("%+v.MarshalText() = %q, %v", tt.m, b, err)
		}
	}
}

func TestBudgetStatus(t *testing.T) {
	tests := []struct {
		b                   BANT
		hasBudget, answered bool
		answers             int
	}{
		{BANT{}, false, false, 0},
		{BANT{Budget: Money{Cents: 100, Currency: "EUR"}}, false, false, 0},
		{BANT{BudgetStatus: BudgetNone}, false, true, 1},
		{BANT{Budget: Money{Cents: 100, Currency: "EUR"}, BudgetStatus: BudgetEstimated}, true, true, 1},
		{BANT{Budget: Money{Cents: 100, Currency: "EUR"}, BudgetStatus: BudgetConfirmed, Need: "ERP"}, true, true, 2},
	}
	for _, tt := range tests {
		if tt.b.HasBudget() != tt.hasBudget || tt.b.BudgetAnswered() != tt.answered || tt.b.Answered() != tt.answers {
			t.Errorf("%+v: HasBudget %v, BudgetAnswered %v, Answered %d; want %v, %v, %d", tt.b,
				tt.b.HasBudget(), tt.b.BudgetAnswered(), tt.b.Answered(), tt.hasBudget, tt.answered, tt.answers)
		}
	}
	for _, s := range []BudgetStatus{BudgetNotAsked, BudgetNone, BudgetEstimated, BudgetConfirmed} {
		if got, err := ParseBudgetStatus(s.String()); err != nil || got != s {
			t.Errorf("ParseBudgetStatus(%q) = %v, %v", s.String(), got, err)
		}
	}
	if BudgetNone.Label() != "no budget" || BudgetNotAsked.String() != "not-asked" {
		t.Errorf("labels: %q, %q", BudgetNone.Label(), BudgetNotAsked.String())
	}
	if _, err := ParseBudgetStatus("maybe"); err == nil || !strings.Contains(err.Error(), "not-asked, none, estimated, confirmed") {
		t.Errorf("ParseBudgetStatus(maybe): %v", err)
	}
}

func TestBANTJSON(t *testing.T) {
	tests := []struct {
		name string
		b    BANT
		want map[string]any
	}{
		{"nothing answered: no estimate is null, no budget is left out",
			BANT{RepEstimate: -1},
			map[string]any{"budget_status": "not-asked", "authority": "unknown", "rep_estimate": nil}},
		{"an estimate of 0 is 0",
			BANT{RepEstimate: 0},
			map[string]any{"budget_status": "not-asked", "authority": "unknown", "rep_estimate": float64(0)}},
		{"a budget in machine form",
			BANT{Budget: Money{Cents: 123456, Currency: "EUR"}, BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker,
				Need: "ERP", Urgency: UrgencyHigh, Timeline: "Q3 2027", RepEstimate: 40},
			map[string]any{"budget": "1234.56 EUR", "budget_status": "confirmed", "authority": "decision-maker",
				"need": "ERP", "urgency": "high", "timeline": "Q3 2027", "rep_estimate": float64(40)}},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %s, want %v", tt.name, b, tt.want)
			continue
		}
		for k, v := range tt.want {
			if g, ok := got[k]; !ok || g != v {
				t.Errorf("%s: %s = %v, want %v (%s)", tt.name, k, got[k], v, b)
			}
		}
	}
}
