package domain

import (
	"math"
	"testing"
	"time"
)

var now = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

func days(n float64) time.Duration { return time.Duration(n * 24 * float64(time.Hour)) }

// fitOnly scores a lead under a model holding just one fit rule worth 7.
func fitOnly(rule FitRule, l Lead) float64 {
	rule.Points = 7
	return Score(&l, ScoringModel{Hot: 100, Warm: 50, Fit: []FitRule{rule}}, now).Fit
}

func TestFitRules(t *testing.T) {
	employees := func(n int) Lead { return Lead{Company: Company{Employees: n}} }
	tests := []struct {
		name  string
		rule  FitRule
		lead  Lead
		match bool
	}{
		{"min only, at min", FitRule{Field: "employees", Min: ptr(50)}, employees(50), true},
		{"min only, below", FitRule{Field: "employees", Min: ptr(50)}, employees(49), false},
		{"min only, far above", FitRule{Field: "employees", Min: ptr(50)}, employees(250000), true},
		{"max only, at max", FitRule{Field: "employees", Max: ptr(10)}, employees(10), true},
		{"max only, above", FitRule{Field: "employees", Max: ptr(10)}, employees(11), false},
		{"max only, field missing", FitRule{Field: "employees", Max: ptr(10)}, employees(0), false},
		{"both, inside", FitRule{Field: "employees", Min: ptr(50), Max: ptr(5000)}, employees(700), true},
		{"both, at max", FitRule{Field: "employees", Min: ptr(50), Max: ptr(5000)}, employees(5000), true},
		{"both, above", FitRule{Field: "employees", Min: ptr(50), Max: ptr(5000)}, employees(5001), false},
		{"revenue by its short name", FitRule{Field: "revenue", Min: ptr(5e6)}, Lead{Company: Company{AnnualRevenue: 8_000_000}}, true},
		{"revenue missing", FitRule{Field: "annual_revenue", Max: ptr(1e9)}, Lead{}, false},

		{"in, other case", FitRule{Field: "industry", In: []string{"Software"}}, Lead{Company: Company{Industry: "SOFTWARE"}}, true},
		{"in, surrounding spaces", FitRule{Field: "industry", In: []string{"Software"}}, Lead{Company: Company{Industry: " software "}}, true},
		{"in is equality, not prefix", FitRule{Field: "industry", In: []string{"Software"}}, Lead{Company: Company{Industry: "Softwareentwicklung"}}, false},
		{"in, umlaut in other case", FitRule{Field: "city", In: []string{"München"}}, Lead{Company: Company{City: "MÜNCHEN"}}, true},
		{"in, country", FitRule{Field: "country", In: []string{"DE", "AT", "CH"}}, Lead{Company: Company{Country: "at"}}, true},

		{"contains, umlauts", FitRule{Field: "title", Contains: []string{"Geschäftsführer"}}, Lead{Title: "Geschäftsführerin"}, true},
		{"contains, umlauts upper case", FitRule{Field: "title", Contains: []string{"Geschäftsführer"}}, Lead{Title: "GESCHÄFTSFÜHRER"}, true},
		{"contains, transliterated is another word", FitRule{Field: "title", Contains: []string{"Geschäftsführer"}}, Lead{Title: "Geschaeftsfuehrer"}, false},
		{"contains, inside a longer title", FitRule{Field: "role", Contains: []string{"head of"}}, Lead{Title: "Head of IT"}, true},
		{"contains, empty needle never matches", FitRule{Field: "title", Contains: []string{""}}, Lead{Title: "CEO"}, false},

		{"custom numeric, in range", FitRule{Field: "custom.seats", Min: ptr(10)}, Lead{Custom: map[string]string{"seats": "25"}}, true},
		{"custom numeric, padded", FitRule{Field: "custom.seats", Min: ptr(10)}, Lead{Custom: map[string]string{"seats": " 12 "}}, true},
		{"custom numeric, below", FitRule{Field: "custom.seats", Min: ptr(10)}, Lead{Custom: map[string]string{"seats": "5"}}, false},
		{"custom numeric, not a number", FitRule{Field: "custom.seats", Min: ptr(10)}, Lead{Custom: map[string]string{"seats": "viele"}}, false},
		{"custom string", FitRule{Field: "custom.crm", In: []string{"Salesforce"}}, Lead{Custom: map[string]string{"crm": "salesforce"}}, true},
		{"custom string, contains", FitRule{Field: "custom.crm", Contains: []string{"force"}}, Lead{Custom: map[string]string{"crm": "Salesforce"}}, true},
		{"custom missing", FitRule{Field: "custom.crm", In: []string{""}}, Lead{}, false},
		{"custom key as a column heads it", FitRule{Field: "custom.crm_id", In: []string{"SF-1"}}, Lead{Custom: map[string]string{"crm_id": "SF-1"}}, true},
		{"custom rule written as the column head", FitRule{Field: "custom.CRM-ID", In: []string{"SF-1"}}, Lead{Custom: map[string]string{"crm_id": "SF-1"}}, true},
		{"custom key kept unnormalised by an older leadq", FitRule{Field: "custom.crm_id", In: []string{"SF-1"}}, Lead{Custom: map[string]string{"CRM-ID": "SF-1"}}, true},
		{"custom numeric under a long head", FitRule{Field: "custom.total_time_on_site_min", Min: ptr(10)}, Lead{Custom: map[string]string{"Total Time on Site (min)": "12"}}, true},
		{"custom key of another field", FitRule{Field: "custom.crm_id", In: []string{"SF-1"}}, Lead{Custom: map[string]string{"crm": "SF-1"}}, false},
		{"street", FitRule{Field: "street", Contains: []string{"straße"}}, Lead{Company: Company{Street: "Hauptstraße 1"}}, true},
		{"salutation", FitRule{Field: "salutation", In: []string{"Dr."}}, Lead{Salutation: "dr."}, true},

		{"email domain", FitRule{Field: "email_domain", In: []string{"example.de"}}, Lead{Email: "anna@Example.DE"}, true},
		{"email without domain", FitRule{Field: "email_domain", In: []string{"example.de"}}, Lead{Email: "example.de"}, false},
		{"missing text field", FitRule{Field: "industry", In: []string{"Software"}}, Lead{}, false},
		{"missing number read as text", FitRule{Field: "employees", In: []string{"0"}}, employees(0), false},
		{"missing number read as text, contains", FitRule{Field: "annual_revenue", Contains: []string{"0"}}, Lead{}, false},
		{"number read as text", FitRule{Field: "employees", In: []string{"250"}}, employees(250), true},
		{"unknown field", FitRule{Field: "shoe_size", In: []string{"42"}}, Lead{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := 0.0
			if tt.match {
				want = 7
			}
			if got := fitOnly(tt.rule, tt.lead); got != want {
				t.Errorf("fit points %g, want %g", got, want)
			}
		})
	}
}

func TestEngagementByKindAndFunnel(t *testing.T) {
	m := DefaultScoringModel()
	m.Fit = nil
	tests := []struct {
		kind   ActivityKind
		funnel FunnelStage
		want   float64
	}{
		{KindBlogRead, FunnelAwareness, 1},
		{KindBlogRead, FunnelConsideration, 2},
		{KindBlogRead, FunnelDecision, 3},
		{KindBlogRead, FunnelNone, 0}, // every blog rule names a funnel
		{KindDownload, FunnelAwareness, 2},
		{KindDownload, FunnelConsideration, 6},
		{KindDownload, FunnelDecision, 10},
		{KindDownload, FunnelNone, 0},
		{KindWebinar, FunnelNone, 5},
		{KindWebinar, FunnelDecision, 5}, // a rule without funnel takes any
		{KindDemoRequest, FunnelNone, 10},
		{KindQuoteRequest, FunnelNone, 15},
		{KindMeeting, FunnelNone, 8},
		{KindWebVisit, FunnelNone, 0}, // one visit is no block of ten
		{KindEmail, FunnelNone, 0},
		{KindCall, FunnelNone, 0},
		{KindNewsletter, FunnelAwareness, 0},
	}
	for _, tt := range tests {
		l := Lead{History: []Event{funnelAt(tt.kind, tt.funnel, now)}}
		r := Score(&l, m, now)
		if r.Engagement != tt.want {
			t.Errorf("%s/%s: engagement %g, want %g", tt.kind, tt.funnel, r.Engagement, tt.want)
		}
		if r.Total != int(tt.want) {
			t.Errorf("%s/%s: total %d, want %g", tt.kind, tt.funnel, r.Total, tt.want)
		}
	}
}

func TestEngagementEvery(t *testing.T) {
	m := ScoringModel{Hot: 100, Warm: 50, Engagement: []EngagementRule{{Kind: "web-visit", Every: 10, Points: 2}}}
	visits := func(n int, age time.Duration) []Event {
		a := make([]Event, n)
		for i := range a {
			a[i] = touchAt(KindWebVisit, now.Add(-age))
		}
		return a
	}
	tests := []struct {
		name      string
		acts      []Event
		halfLife  float64
		want      float64
		wantCount int // 0: the rule must not be in the explanation
	}{
		{"nine visits", visits(9, 0), 0, 0, 0},
		{"ten visits", visits(10, 0), 0, 2, 10},
		{"nineteen visits", visits(19, 0), 0, 2, 19},
		{"twenty visits", visits(20, 0), 0, 4, 20},
		{"ten visits one half-life old weigh five", visits(10, days(30)), 30, 0, 0},
		{"twenty visits one half-life old weigh ten", visits(20, days(30)), 30, 2, 20},
	}
	for _, tt := range tests {
		m.HalfLifeDays = tt.halfLife
		l := Lead{History: tt.acts}
		r := Score(&l, m, now)
		if r.Engagement != tt.want {
			t.Errorf("%s: engagement %g, want %g", tt.name, r.Engagement, tt.want)
		}
		var fired []FiredRule
		for _, f := range r.Rules {
			if f.Part == "engagement" {
				fired = append(fired, f)
			}
		}
		switch {
		case tt.wantCount == 0 && len(fired) != 0:
			t.Errorf("%s: rule in the explanation without points: %+v", tt.name, fired)
		case tt.wantCount > 0 && (len(fired) != 1 || fired[0].Count != tt.wantCount):
			t.Errorf("%s: explanation %+v, want one rule counting %d", tt.name, fired, tt.wantCount)
		}
	}
}

func TestEngagementDecay(t *testing.T) {
	m := ScoringModel{Hot: 100, Warm: 50, HalfLifeDays: 30, Engagement: []EngagementRule{{Kind: "download", Points: 10}}}
	at := func(offsets ...time.Duration) []Event {
		var a []Event
		for _, o := range offsets {
			a = append(a, touchAt(KindDownload, now.Add(o)))
		}
		return a
	}
	tests := []struct {
		name     string
		acts     []Event
		halfLife float64
		want     float64
	}{
		{"today counts whole", at(0), 30, 10},
		{"one half-life old counts half", at(-days(30)), 30, 5},
		{"two half-lives old count a quarter", at(-days(60)), 30, 2.5},
		{"dated in the future counts whole", at(days(3)), 30, 10},
		{"today and a half-life ago", at(0, -days(30)), 30, 15},
		{"no half-life, no decay", at(-days(1000)), 0, 10},
		{"shorter half-life", at(-days(7)), 7, 5},
	}
	for _, tt := range tests {
		m.HalfLifeDays = tt.halfLife
		l := Lead{History: tt.acts}
		if got := Score(&l, m, now).Engagement; got != tt.want {
			t.Errorf("%s: engagement %g, want %g", tt.name, got, tt.want)
		}
	}
}

func TestEngagementRuleWithUnknownFunnelMatchesNothing(t *testing.T) {
	m := ScoringModel{Hot: 100, Warm: 50, Engagement: []EngagementRule{{Kind: "download", Funnel: "decison", Points: 10}}}
	l := Lead{History: []Event{funnelAt(KindDownload, FunnelAwareness, now)}}
	if got := Score(&l, m, now).Engagement; got != 0 {
		t.Errorf("a misspelt funnel gave %g points", got)
	}
}

func TestTiers(t *testing.T) {
	m := ScoringModel{Hot: 50, Warm: 25}
	tests := []struct {
		total int
		want  Tier
	}{
		{1000, TierHot},
		{50, TierHot},
		{49, TierWarm},
		{25, TierWarm},
		{24, TierCold},
		{0, TierCold},
		{-10, TierCold},
	}
	for _, tt := range tests {
		if got := m.TierFor(tt.total); got != tt.want {
			t.Errorf("total %d: %s, want %s", tt.total, got, tt.want)
		}
	}
	// The same through Score: a lead whose one fit rule gives exactly hot.
	for _, pts := range []struct {
		points float64
		want   Tier
	}{{50, TierHot}, {49, TierWarm}, {25, TierWarm}, {24.4, TierCold}, {24.5, TierWarm}} {
		m.Fit = []FitRule{{Field: "country", In: []string{"DE"}, Points: pts.points}}
		l := Lead{Company: Company{Country: "DE"}}
		if r := Score(&l, m, now); r.Tier != pts.want {
			t.Errorf("%g points (total %d): %s, want %s", pts.points, r.Total, r.Tier, pts.want)
		}
	}
}

func TestBANTPoints(t *testing.T) {
	m := ScoringModel{Hot: 100, Warm: 50, BANT: BANTPoints{PerAnswer: 4, Complete: 4, BudgetConfirmed: 5, DecisionMaker: 5}}
	all := BANT{Budget: Money{Cents: 5_000_000, Currency: "EUR"}, BudgetStatus: BudgetEstimated, Authority: AuthorityInfluencer, Need: "ERP ablösen", Timeline: "Q3 2025"}
	tests := []struct {
		name      string
		bant      BANT
		want      float64
		wantRules int
	}{
		{"nothing answered", BANT{}, 0, 0},
		{"budget", BANT{Budget: Money{Cents: 100_000, Currency: "EUR"}, BudgetStatus: BudgetEstimated}, 4, 1},
		{"budget confirmed", BANT{Budget: Money{Cents: 100_000, Currency: "EUR"}, BudgetStatus: BudgetConfirmed}, 4 + 5, 2},
		{"an amount nobody asked about is no answer", BANT{Budget: Money{Cents: 100_000, Currency: "EUR"}}, 0, 0},
		{"no budget is an answer, not a confirmed budget", BANT{BudgetStatus: BudgetNone}, 4, 1},
		{"influencer", BANT{Authority: AuthorityInfluencer}, 4, 1},
		{"decision maker", BANT{Authority: AuthorityDecisionMaker}, 4 + 5, 2},
		{"need and timeline", BANT{Need: "Lagerverwaltung", Timeline: "2026"}, 8, 1},
		{"all four", all, 16 + 4, 2},
		{"all four, confirmed, decision maker", func() BANT {
			b := all
			b.BudgetStatus = BudgetConfirmed
			b.Authority = AuthorityDecisionMaker
			return b
		}(), 16 + 4 + 5 + 5, 4},
	}
	for _, tt := range tests {
		l := Lead{BANT: tt.bant}
		r := Score(&l, m, now)
		if r.BANT != tt.want || r.Total != int(tt.want) {
			t.Errorf("%s: bant %g total %d, want %g", tt.name, r.BANT, r.Total, tt.want)
		}
		if len(r.Rules) != tt.wantRules {
			t.Errorf("%s: explanation %+v, want %d rules", tt.name, r.Rules, tt.wantRules)
		}
	}
}

func TestLowFitFactor(t *testing.T) {
	model := func(factor float64) ScoringModel {
		return ScoringModel{
			Hot: 100, Warm: 50, LowFitFactor: factor,
			Fit:  []FitRule{{Field: "country", In: []string{"DE"}, Points: 20}},
			BANT: BANTPoints{PerAnswer: 10},
		}
	}
	lead := func(f Fit) Lead {
		return Lead{Fit: f, Company: Company{Country: "DE"}, BANT: BANT{Need: "CRM"}}
	}
	tests := []struct {
		name    string
		fit     Fit
		factor  float64
		total   int
		fitPart float64
	}{
		{"good fit untouched", FitGood, 0.5, 30, 20},
		{"unrated untouched", FitUnrated, 0.5, 30, 20},
		{"low chance halved", FitLow, 0.5, 15, 20 - 15},
		{"low chance at a quarter", FitLow, 0.25, 8, 20 - 22.5}, // 7.5 rounds to 8
		{"factor 1 leaves it", FitLow, 1, 30, 20},
		{"factor 0 means unset", FitLow, 0, 30, 20},
	}
	for _, tt := range tests {
		l := lead(tt.fit)
		r := Score(&l, model(tt.factor), now)
		if r.Total != tt.total || r.Fit != tt.fitPart || r.BANT != 10 {
			t.Errorf("%s: total %d fit %g bant %g, want %d, %g, 10", tt.name, r.Total, r.Fit, r.BANT, tt.total, tt.fitPart)
		}
	}
}

// The explanation must add up: the rules of each part to the part, the parts
// to the total.
func TestExplanationAddsUp(t *testing.T) {
	leads := []Lead{
		{},
		{
			Title: "Geschäftsführer", Fit: FitGood,
			Company: Company{Employees: 300, AnnualRevenue: 40_000_000, Industry: "Maschinenbau", Country: "DE"},
			BANT:    BANT{Budget: Money{Cents: 2_000_000, Currency: "EUR"}, BudgetStatus: BudgetConfirmed, Authority: AuthorityDecisionMaker, Need: "x", Timeline: "Q1"},
			History: append([]Event{
				funnelAt(KindBlogRead, FunnelAwareness, now.Add(-days(3))),
				funnelAt(KindBlogRead, FunnelAwareness, now.Add(-days(17))),
				funnelAt(KindDownload, FunnelConsideration, now.Add(-days(11))),
				touchAt(KindWebinar, now.Add(-days(45))),
				touchAt(KindDemoRequest, now.Add(-time.Hour)),
			}, bookkeeping(now.Add(-days(2)))...),
		},
		{
			Title: "Einkauf", Fit: FitLow,
			Company: Company{Employees: 20, Industry: "Software", Country: "CH"},
			BANT:    BANT{Need: "y"},
			History: []Event{
				funnelAt(KindDownload, FunnelDecision, now.Add(-days(5))),
				touchAt(KindMeeting, now.Add(-days(13))),
			},
		},
	}
	for i := 0; i < 25; i++ {
		leads[1].History = append(leads[1].History, touchAt(KindWebVisit, now.Add(-days(float64(i)))))
	}
	m := DefaultScoringModel()
	for i, l := range leads {
		r := Score(&l, m, now)
		sums := map[string]float64{}
		for _, f := range r.Rules {
			sums[f.Part] += f.Points
		}
		for part, want := range map[string]float64{"fit": r.Fit, "engagement": r.Engagement, "bant": r.BANT} {
			if math.Abs(sums[part]-want) > 0.05 {
				t.Errorf("lead %d: %s rules add up to %g, the part says %g", i, part, sums[part], want)
			}
		}
		if parts := r.Fit + r.Engagement + r.BANT; math.Abs(parts-float64(r.Total)) > 0.5 {
			t.Errorf("lead %d: parts add up to %g, total is %d", i, parts, r.Total)
		}
		if r.Tier != m.TierFor(r.Total) || !r.At.Equal(now) {
			t.Errorf("lead %d: tier %s at %v", i, r.Tier, r.At)
		}
	}
}

func TestEngagementCountsOnlyTouches(t *testing.T) {
	m := ScoringModel{Hot: 100, Warm: 50}
	for _, k := range ActivityKinds() {
		m.Engagement = append(m.Engagement, EngagementRule{Kind: k, Points: 1})
	}
	l := Lead{History: bookkeeping(now)}
	if r := Score(&l, m, now); r.Engagement != 0 || len(r.Rules) != 0 {
		t.Errorf("bookkeeping scored %g: %+v", r.Engagement, r.Rules)
	}
	l.History = append(l.History, touchAt(KindLetter, now), touchAt(KindMailing, now))
	if r := Score(&l, m, now); r.Engagement != 2 || len(r.Rules) != 2 {
		t.Errorf("a letter and a campaign mail scored %g: %+v", r.Engagement, r.Rules)
	}
}

func TestCustomValue(t *testing.T) {
	l := &Lead{Custom: map[string]string{"crm_id": "SF-1", "Messestand": "Halle 3"}}
	for key, want := range map[string]string{
		"crm_id": "SF-1", "CRM-ID": "SF-1", "crm id": "SF-1", "messestand": "Halle 3", "MESSESTAND": "Halle 3", "seats": "", "": "",
	} {
		if got := CustomValue(l, key); got != want {
			t.Errorf("CustomValue(%q) = %q, want %q", key, got, want)
		}
	}
	if got := CustomValue(&Lead{}, "crm_id"); got != "" {
		t.Errorf("no custom fields: %q", got)
	}
}
