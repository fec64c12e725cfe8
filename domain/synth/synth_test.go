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

		checkHistory(t, i, l)
		stages[l.Stage]++

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
		for k := range l.Custom {
			if k != domain.CustomKey(k) || (k != "messestand" && k != "crm_id") {
				t.Errorf("lead %d: custom key %q", i, k)
			}
		}
		if l.ExternalIDs != nil || !reflect.DeepEqual(l.Score, domain.ScoreResult{}) {
			t.Errorf("lead %d: external IDs or score set", i)
		}
		if l.Plan != nil {
			checkPlan(t, i, l)
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

// checkHistory checks a synthetic history is one leadq could have
// written: in time order within [created, now], every event with the
// payload of its kind, the stage moves a chain of allowed moves from Inquiry
// to the lead's stage, no marketing without consent, and a remark only as
// the first touch of a referral or a partner's lead.
func checkHistory(t *testing.T, i int, l *domain.Lead) {
	t.Helper()
	prev := l.Created
	for j, e := range l.History {
		if e.At.Before(prev) || e.At.After(testNow) {
			t.Errorf("lead %d event %d (%s) at %v: out of order or outside [created, now]", i, j, e.Kind, e.At)
		}
		prev = e.At
		if e.At.After(l.Updated) {
			t.Errorf("lead %d event %d at %v after the lead's update %v", i, j, e.At, l.Updated)
		}
		ok := false
		switch e.Kind {
		case domain.EventTouch:
			ok = e.Touch != nil && e.Stage == nil && e.Text == "" && e.Touch.Kind != domain.KindUnknown
		case domain.EventStageMoved:
			ok = e.Stage != nil && e.Touch == nil
		case domain.EventRemark:
			ok = e.Text != "" && e.Touch == nil && e.Stage == nil
		}
		if !ok {
			t.Errorf("lead %d event %d: a %s with the wrong payload: %+v", i, j, e.Kind, e)
		}
	}

	// The stage moves are a chain of allowed moves from Inquiry to the current stage.
	at, prev := domain.StageInquiry, l.Created
	for j, e := range l.StageMoves() {
		mv := e.Stage
		if mv.From != at {
			t.Errorf("lead %d move %d: from %s, but the lead was at %s", i, j, mv.From, at)
		}
		if err := domain.CheckMove(mv.From, mv.To, mv.Reason); err != nil {
			t.Errorf("lead %d move %d: %v", i, j, err)
		}
		if e.By == "" {
			t.Errorf("lead %d move %d: by nobody", i, j)
		}
		at = mv.To
	}
	if at != l.Stage {
		t.Errorf("lead %d: history ends at %s, lead is at %s", i, at, l.Stage)
	}

	touches := 0
	var lastCallback *domain.Touch // the newest call that agreed a callback
	for j, e := range l.History {
		switch e.Kind {
		case domain.EventStageMoved:
			continue
		case domain.EventRemark:
			if touches > 0 || !e.At.Equal(l.Created) || (l.Source != "Empfehlung" && l.Source != "Partner") {
				t.Errorf("lead %d event %d: remark %q on a %s lead, after %d touches", i, j, e.Text, l.Source, touches)
			}
		case domain.EventTouch:
			if e.Touch.Kind.IsMarketing() && !l.Consent.Status.AllowsMarketing() {
				t.Errorf("lead %d event %d: %s without consent", i, j, e.Touch.Kind)
			}
			if e.Touch.Kind != domain.KindCall && e.Touch.Outcome != domain.OutcomeNone {
				t.Errorf("lead %d event %d: a %s with outcome %s", i, j, e.Touch.Kind, e.Touch.Outcome)
			}
			if e.Touch.Outcome == domain.OutcomeCallback {
				lastCallback = e.Touch
			} else if !e.Touch.Callback.IsZero() {
				t.Errorf("lead %d event %d: a %s call with a callback time", i, j, e.Touch.Outcome)
			}
		}
		touches++
	}
	if touches > maxActivities {
		t.Errorf("lead %d: %d touches and remarks", i, touches)
	}
	if l.Callback != nil && (lastCallback == nil || !lastCallback.Callback.Equal(l.Callback.At)) {
		t.Errorf("lead %d: the callback %v is not the one the last callback call agreed (%+v)", i, l.Callback.At, lastCallback)
	}
}

// checkPlan checks a synthetic plan is one a rep could have written.
func checkPlan(t *testing.T, i int, l *domain.Lead) {
	t.Helper()
	p := l.Plan
	if err := l.PlanAllowed(); err != nil || (l.Stage != domain.StageOpportunity && l.Stage != domain.StageCustomer) {
		t.Errorf("lead %d: a plan at %s", i, l.Stage.Label())
	}
	if err := p.Validate(); err != nil {
		t.Errorf("lead %d: %v", i, err)
	}
	if p.Team.Lead != l.Owner {
		t.Errorf("lead %d: team lead %q, owner %q", i, p.Team.Lead, l.Owner)
	}
	if n := len(p.Team.Members); n < 1 || n > 3 {
		t.Errorf("lead %d: %d team members", i, n)
	}
	if n := len(p.Milestones); n < 2 || n > 5 {
		t.Errorf("lead %d: %d milestones", i, n)
	}
	if n := len(p.KeyPersons); n < 1 || n > 4 {
		t.Errorf("lead %d: %d key persons", i, n)
	}
	if n := len(p.Competitors); n > 3 {
		t.Errorf("lead %d: %d competitors", i, n)
	}
	seen := map[string]bool{}
	for _, c := range p.Competitors {
		if seen[c.Name] {
			t.Errorf("lead %d: competitor %s twice", i, c.Name)
		}
		seen[c.Name] = true
	}
	if p.Summary.Project == "" {
		t.Errorf("lead %d: a plan without a project", i)
	}
	// Milestones follow the buying process, so their due dates rise.
	for j, m := range p.Milestones {
		if m.Due.IsZero() || m.Due.Hour() != 0 || m.Due.Minute() != 0 {
			t.Errorf("lead %d milestone %d: due %v is not a day", i, j, m.Due)
		}
		if j > 0 && m.Due.Before(p.Milestones[j-1].Due) {
			t.Errorf("lead %d milestone %d: due %v before the step before it (%v)", i, j, m.Due, p.Milestones[j-1].Due)
		}
		if m.Done && !m.Due.Before(testNow) {
			t.Errorf("lead %d milestone %d: done before it was due (%v)", i, j, m.Due)
		}
		if l.Stage == domain.StageCustomer && !m.Done {
			t.Errorf("lead %d milestone %d: a customer's step still open", i, j)
		}
	}
	if p.Updated.IsZero() || p.Updated.After(l.Updated) || l.Updated.After(testNow) {
		t.Errorf("lead %d: plan updated %v, lead %v", i, p.Updated, l.Updated)
	}
}

func TestPlans(t *testing.T) {
	const n = 10000
	g := New(3, testNow)
	opps, oppPlans, custPlans, champions, budgets, competitors := 0, 0, 0, 0, 0, 0
	var done, overdue, upcoming int
	for i := 0; i < n; i++ {
		l := g.Lead()
		if l.Stage == domain.StageOpportunity {
			opps++
		}
		if l.Plan == nil {
			continue
		}
		if l.Stage == domain.StageOpportunity {
			oppPlans++
		} else {
			custPlans++
		}
		if l.Plan.Champion() != nil {
			champions++
		}
		if l.Plan.BudgetHolder() != nil {
			budgets++
		}
		if len(l.Plan.Competitors) > 0 {
			competitors++
		}
		for _, m := range l.Plan.Milestones {
			switch {
			case m.Done:
				done++
			case m.Due.Before(testNow):
				overdue++
			case m.Due.Before(testNow.AddDate(0, 0, 42)):
				upcoming++
			}
		}
	}
	plans := oppPlans + custPlans
	if opps == 0 || oppPlans*100 < opps*70 || oppPlans*100 > opps*90 {
		t.Errorf("%d of %d opportunities have a plan, want ~80%%", oppPlans, opps)
	}
	if custPlans == 0 {
		t.Error("no customer kept a plan")
	}
	if champions*100 < plans*70 || budgets*100 < plans*60 || competitors*100 < plans*60 {
		t.Errorf("of %d plans %d name a champion, %d a budget holder, %d a competitor", plans, champions, budgets, competitors)
	}
	if done == 0 || overdue == 0 || upcoming == 0 {
		t.Errorf("milestones: %d done, %d overdue, %d in the next six weeks", done, overdue, upcoming)
	}
	// Every section gets filled somewhere, none everywhere: the plans are partly filled.
	full := 0
	g = New(3, testNow)
	perSection := map[string][2]int{} // filled, total over all plans
	for i := 0; i < n; i++ {
		l := g.Lead()
		if l.Plan == nil {
			continue
		}
		secs, overall := l.Plan.Completeness(domain.PlanSections)
		if overall == 100 {
			full++
		}
		for _, s := range secs {
			c := perSection[s.Key]
			perSection[s.Key] = [2]int{c[0] + s.Filled, c[1] + s.Total}
		}
	}
	for _, k := range domain.PlanSections {
		// The team is always complete: the owner leads it and names at least one member.
		if c := perSection[k]; c[0] == 0 || (c[0] == c[1] && k != "team") {
			t.Errorf("section %s: %d of %d checks filled over all plans", k, c[0], c[1])
		}
	}
	if full*100 > plans*5 {
		t.Errorf("%d of %d plans are complete", full, plans)
	}
}

func TestPlansAreDeterministic(t *testing.T) {
	a, b := New(11, testNow), New(11, testNow)
	plans := 0
	for i := 0; i < 3000; i++ {
		la, lb := a.Lead(), b.Lead()
		if !reflect.DeepEqual(la.Plan, lb.Plan) {
			t.Fatalf("lead %d: plans differ for the same seed:\n%+v\n%+v", i, la.Plan, lb.Plan)
		}
		if la.Plan != nil {
			plans++
		}
	}
	if plans == 0 {
		t.Fatal("no plans in 3000 leads")
	}
}

func TestLeadsYieldsTheNextLeads(t *testing.T) {
	a, b := New(5, testNow), New(5, testNow)
	n := 0
	for l := range a.Leads(50) {
		if want := b.Lead(); !reflect.DeepEqual(l, want) {
			t.Fatalf("lead %d from Leads differs from Lead:\n%+v\n%+v", n, l, want)
		}
		n++
	}
	if n != 50 {
		t.Fatalf("Leads(50) yielded %d", n)
	}
	n = 0
	for range a.Leads(10) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("Leads went on after break: %d", n)
	}
	// The break left the generator after the third lead.
	b.Lead()
	b.Lead()
	b.Lead()
	if got, want := a.Lead(), b.Lead(); !reflect.DeepEqual(got, want) {
		t.Fatal("Leads drew more leads than it yielded")
	}
	for range a.Leads(0) {
		t.Fatal("Leads(0) yielded a lead")
	}
}

func TestRemarksAndCustomKeys(t *testing.T) {
	g := New(9, testNow)
	remarks, messestand, crm := 0, 0, 0
	for l := range g.Leads(5000) {
		for _, e := range l.History {
			if e.Kind == domain.EventRemark {
				remarks++
			}
		}
		if l.Custom["messestand"] != "" {
			messestand++
		}
		if l.Custom["crm_id"] != "" {
			crm++
		}
	}
	if remarks == 0 || messestand == 0 || crm == 0 {
		t.Errorf("in 5000 leads: %d remarks, %d fair booths, %d CRM ids", remarks, messestand, crm)
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
