package domain

func ptr(f float64) *float64 { return &f }

// defaultRuleKeys name the rules DefaultScoringModel ships, by their
// English names: their words in every language are score.rule.KEY in the
// catalogs. Names a config gives are the rep's own and shown as written.
var defaultRuleKeys = map[string]string{
	"50–5000 employees": "employees", "revenue €5M–€1B": "revenue", "target industry": "industry",
	"senior role": "senior-role", "DACH region": "dach",
	"blog post (awareness)": "blog-awareness", "blog post (consideration)": "blog-consideration",
	"blog post (decision)": "blog-decision", "download (awareness)": "download-awareness",
	"download (consideration)": "download-consideration", "download (decision)": "download-decision",
	"webinar": "webinar", "demo request": "demo-request", "quote request": "quote-request",
	"per 10 page views": "page-views", "meeting": "meeting",
}

// DefaultRuleKeys are the keys of the default rules, for the test that
// each has words in every language.
func DefaultRuleKeys() []string {
	keys := make([]string, 0, len(defaultRuleKeys))
	for _, k := range defaultRuleKeys {
		keys = append(keys, k)
	}
	return keys
}

// DefaultScoringModel is the simple first model of the product brief: fit by
// company size, industry, role and region; engagement by content depth
// (blog 1/2/3, download 2/6/10, demo request 10); points for BANT answers.
func DefaultScoringModel() ScoringModel {
	return ScoringModel{
		Hot:          50,
		Warm:         25,
		HalfLifeDays: 30,
		LowFitFactor: 0.5,
		Fit: []FitRule{
			{Name: "50–5000 employees", Field: "employees", Min: ptr(50), Max: ptr(5000), Points: 15},
			{Name: "revenue €5M–€1B", Field: "annual_revenue", Min: ptr(5e6), Max: ptr(1e9), Points: 5},
			{Name: "target industry", Field: "industry", In: []string{"Maschinenbau", "Software", "Logistik", "Automotive", "Elektrotechnik", "Medizintechnik"}, Points: 10},
			{Name: "senior role", Field: "title", Contains: []string{"Geschäftsführer", "CEO", "CTO", "CIO", "Vorstand", "Head of", "Leiter", "Director", "VP"}, Points: 10},
			{Name: "DACH region", Field: "country", In: []string{"DE", "AT", "CH"}, Points: 5},
		},
		Engagement: []EngagementRule{
			{Name: "blog post (awareness)", Kind: "blog", Funnel: "awareness", Points: 1},
			{Name: "blog post (consideration)", Kind: "blog", Funnel: "consideration", Points: 2},
			{Name: "blog post (decision)", Kind: "blog", Funnel: "decision", Points: 3},
			{Name: "download (awareness)", Kind: "download", Funnel: "awareness", Points: 2},
			{Name: "download (consideration)", Kind: "download", Funnel: "consideration", Points: 6},
			{Name: "download (decision)", Kind: "download", Funnel: "decision", Points: 10},
			{Name: "webinar", Kind: "webinar", Points: 5},
			{Name: "demo request", Kind: "demo-request", Points: 10},
			{Name: "quote request", Kind: "quote-request", Points: 15},
			{Name: "per 10 page views", Kind: "web-visit", Every: 10, Points: 2},
			{Name: "meeting", Kind: "meeting", Points: 8},
		},
		BANT: BANTPoints{PerAnswer: 4, Complete: 4, BudgetConfirmed: 5, DecisionMaker: 5},
	}
}
