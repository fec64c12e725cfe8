package synth

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"leadq/domain"
)

var testNow = time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)

func TestSameSeedSameLeads(t *testing.T) {
	a, b := New(42, testNow), New(42, testNow)
	for i := 0; i < 1000; i++ {
		la, lb := a.Lead(), b.Lead()
		if !reflect.DeepEqual(la, lb) {
			t.Fatalf("lead %d differs for the same seed:\n%+v\n%+v", i, la, lb)
		}
	}
}

func TestDifferentSeedsDiffer(t *testing.T) {
	a, b := New(1, testNow), New(2, testNow)
	same := 0
	for i := 0; i < 100; i++ {
		if reflect.DeepEqual(a.Lead(), b.Lead()) {
			same++
		}
	}
	if same == 100 {
		t.Fatal("seeds 1 and 2 produce the same leads")
	}
}

// cityTable is the city table as (country, city) → the city.
func cityTable() map[[2]string]city {
	m := map[[2]string]city{}
	for _, co := range countries {
		for _, c := range co.cities {
			m[[2]string{co.code, c.name}] = c
		}
	}
	return m
}

func TestLeadsAreValid(t *testing.T) {
	const n = 5000
	g := New(7, testNow)
	cities := cityTable()
	stages := map[domain.Stage]int{}
	nonASCII, fresh, callbacks, nurtureTouch, nurture := 0, 0, 0, 0, 0
	for i := 0; i < n; i++ {
		l := g.Lead()
		if l.ID != 0 {
			t.Fatalf("lead %d: ID %d, want 0", i, l.ID)
		}
		if l.Name == "" || l.Company.Name == "" {
			t.Fatalf("lead %d: empty name or company: %+v", i, l)
		}
		if !isASCII(l.Name) {
			nonASCII++
		}
		if !isASCII(l.Email) || !strings.Contains(l.Email, "@") || l.Email != strings.ToLower(l.Email) {
			t.Errorf("lead %d: email %q is not a lower-case ASCII address", i, l.Email)
		}
		if local, _, _ := strings.Cut(l.Email, "@"); strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") {
			t.Errorf("lead %d: email %q has an empty name part", i, l.Email)
		}
		if !utf8.ValidString(l.Name) || !utf8.ValidString(l.Company.Name) {
			t.Errorf("lead %d: invalid UTF-8", i)
		}
		c, ok := cities[[2]string{l.Company.Country, l.Company.City}]
		if !ok || c.plz != l.Company.PostalCode {
			t.Errorf("lead %d: %s %s %s does not match the city table (%q)", i, l.Company.Country, l.Company.PostalCode, l.Company.City, c.plz)
		}
		if area, _, _ := strings.Cut(c.phone, "#"); l.Phone != "" && (!strings.HasPrefix(l.Phone, area) || len(l.Phone) != len(c.phone)) {
			t.Errorf("lead %d: phone %q does not dial %s (%s)", i, l.Phone, l.Company.City, c.phone)
		}
		if l.Company.Employees < 3 || l.Company.Employees > 50_000 {
			t.Errorf("lead %d: %d employees", i, l.Company.Employees)
		}
		if per := l.Company.AnnualRevenue / int64(l.Company.Employees); per < 140_000 || per > 260_000 {
			t.Errorf("lead %d: revenue %d for %d employees", i, l.Company.AnnualRevenue, l.Company.Employees)
		}
		if l.Created.After(testNow) || l.Created.Before(testNow.Add(-180*24*time.Hour)) {
			t.Errorf("lead %d: created %v outside the last 180 days", i, l.Created)
		}
		if testNow.Sub(l.Created) < 4*time.Hour {
			fresh++
		}
		if l.Updated.Before(l.Created) || l.Updated.After(testNow) {
			t.Errorf("lead %d: updated %v, created %v", i, l.Updated, l.Created)
		}

		// The history is a chain of allowed moves from Inquiry to the current stage.
		at, prev := domain.StageInquiry, l.Created
		for j, mv := range l.StageHistory {
			if mv.From != at {
				t.Errorf("lead %d move %d: from %s, but the lead was at %s", i, j, mv.From, at)
			}
			if err := domain.CheckMove(mv.From, mv.To, mv.Reason); err != nil {
				t.Errorf("lead %d move %d: %v", i, j, err)
			}
			if mv.At.Before(prev) || mv.At.After(testNow) {
				t.Errorf("lead %d move %d at %v out of order", i, j, mv.At)
			}
			at, prev = mv.To, mv.At
		}
		if at != l.Stage {
			t.Errorf("lead %d: history ends at %s, lead is at %s", i, at, l.Stage)
		}
		stages[l.Stage]++

		if len(l.Activities) > maxActivities {
			t.Errorf("lead %d: %d activities", i, len(l.Activities))
		}
		prev = l.Created
		for j, a := range l.Activities {
			if a.At.Before(prev) || a.At.After(testNow) {
				t.Errorf("lead %d activity %d at %v: out of order or outside [created, now]", i, j, a.At)
			}
			prev = a.At
			if a.Kind.IsMarketing() && !l.Consent.Status.AllowsMarketing() {
				t.Errorf("lead %d activity %d: %s without consent", i, j, a.Kind)
			}
		}

		if l.BANT.Answered() == 0 && l.BANT.RepEstimate != -1 {
			t.Errorf("lead %d: rep estimate %d without BANT", i, l.BANT.RepEstimate)
		}
		if e := l.BANT.RepEstimate; e < -1 || e > 100 {
			t.Errorf("lead %d: rep estimate %d", i, e)
		}
		if l.BANT.HasTimeline() {
			if want := timelineStart(t, l.BANT.Timeline); !l.BANT.TimelineDate.Equal(want) {
				t.Errorf("lead %d: timeline %q starts %v, want %v", i, l.BANT.Timeline, l.BANT.TimelineDate, want)
			}
		}
		if l.Fit == domain.FitNone && l.FitReason == "" {
			t.Errorf("lead %d: no fit without a reason", i)
		}
		if l.Plan != nil || l.ExternalIDs != nil || !reflect.DeepEqual(l.Score, domain.ScoreResult{}) {
			t.Errorf("lead %d: plan, external IDs or score set", i)
		}
		if l.Callback != nil {
			callbacks++
			if !l.InQueue() {
				t.Errorf("lead %d: callback on a lead outside the queue", i)
			}
		}
		if l.Stage == domain.StageNurture {
			nurture++
			if !l.NextTouch.IsZero() {
				nurtureTouch++
			}
		}
	}
	for _, s := range domain.Stages {
		if stages[s] == 0 {
			t.Errorf("no lead at %s in %d: %v", s.Label(), n, stages)
		}
	}
	if stages[domain.StageInquiry]+stages[domain.StageMQL] < n/3 {
		t.Errorf("the funnel is top-light: %v", stages)
	}
	if nonASCII == 0 {
		t.Error("no lead has a non-ASCII name")
	}
	if fresh < n/50 || fresh > n/10 {
		t.Errorf("%d of %d leads from the last hours, want ~5%%", fresh, n)
	}
	if callbacks == 0 || nurture == 0 || nurtureTouch < nurture/2 {
		t.Errorf("callbacks %d, nurture %d of which with a next touch %d", callbacks, nurture, nurtureTouch)
	}
}

func TestASCII(t *testing.T) {
	for in, want := range map[string]string{
		"Müller": "mueller", "Weiß": "weiss", "Präzisionstechnik": "praezisionstechnik",
		"IT-Solutions": "it-solutions", "Łukasz": "lukasz", "Élodie": "elodie", "Sjöberg": "sjoeberg",
		"van den Berg": "van-den-berg", "山田": "",
	} {
		if got := ascii(in); got != want {
			t.Errorf("ascii(%q) = %q, want %q", in, got, want)
		}
	}
}

// timelineStart is the first day of a "Q3 2027" or "2027-03-15" timeline.
func timelineStart(t *testing.T, s string) time.Time {
	t.Helper()
	var q, y int
	if _, err := fmt.Sscanf(s, "Q%d %d", &q, &y); err == nil && q >= 1 && q <= 4 {
		return time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Errorf("timeline %q is neither a quarter nor a date", s)
	}
	return d
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func BenchmarkLead(b *testing.B) {
	g := New(1, testNow)
	b.ReportAllocs()
	for b.Loop() {
		g.Lead()
	}
}
