package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Tier is the queue temperature a score falls in.
type Tier uint8

const (
	TierHot Tier = iota
	TierWarm
	TierCold
)

var tierNames = [...]string{"hot", "warm", "cold"}
var tierLabels = [...]string{"HOT", "WARM", "COLD"}

func (t Tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return fmt.Sprintf("tier(%d)", t)
}

// Label is the badge text: it stays readable without colour.
func (t Tier) Label() string {
	if int(t) < len(tierLabels) {
		return tierLabels[t]
	}
	return t.String()
}

func (t Tier) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

func (t *Tier) UnmarshalText(b []byte) error {
	v, err := ParseTier(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if strings.EqualFold(s, n) {
			return Tier(i), nil
		}
	}
	return 0, fmt.Errorf("unknown tier %q (want hot, warm or cold)", s)
}

// FitRule gives points when a lead field matches: a number in [Min, Max],
// a string equal to one of In, or a string containing one of Contains
// (all case-insensitive). Field is a lead field name or "custom.KEY".
type FitRule struct {
	Name     string   `toml:"name" json:"name"`
	Field    string   `toml:"field" json:"field"`
	Min      *float64 `toml:"min" json:"min,omitempty"`
	Max      *float64 `toml:"max" json:"max,omitempty"`
	In       []string `toml:"in" json:"in,omitempty"`
	Contains []string `toml:"contains" json:"contains,omitempty"`
	Points   float64  `toml:"points" json:"points"`
}

// EngagementRule gives points per activity of a kind (and funnel stage, when
// set). With Every > 1 it gives Points once per Every such activities, e.g.
// per 10 page views.
type EngagementRule struct {
	Name   string  `toml:"name" json:"name"`
	Kind   string  `toml:"kind" json:"kind"`
	Funnel string  `toml:"funnel" json:"funnel,omitempty"`
	Every  int     `toml:"every" json:"every,omitempty"`
	Points float64 `toml:"points" json:"points"`
}

// BANTPoints rewards qualification answers.
type BANTPoints struct {
	PerAnswer       float64 `toml:"per_answer" json:"per_answer"`
	Complete        float64 `toml:"complete" json:"complete"`                 // bonus when all four are answered
	BudgetConfirmed float64 `toml:"budget_confirmed" json:"budget_confirmed"` // bonus for a confirmed budget
	DecisionMaker   float64 `toml:"decision_maker" json:"decision_maker"`     // bonus when talking to the decision maker
}

// ScoringModel is the whole lead scoring configuration.
type ScoringModel struct {
	Hot          float64          `toml:"hot" json:"hot"`   // score at or above: Hot
	Warm         float64          `toml:"warm" json:"warm"` // at or above: Warm, below: Cold
	HalfLifeDays float64          `toml:"half_life_days" json:"half_life_days"`
	LowFitFactor float64          `toml:"low_fit_factor" json:"low_fit_factor"` // multiplies the total of low-chance leads
	Fit          []FitRule        `toml:"fit" json:"fit"`
	Engagement   []EngagementRule `toml:"engagement" json:"engagement"`
	BANT         BANTPoints       `toml:"bant" json:"bant"`
}

// FiredRule is one reason in a score's explanation.
type FiredRule struct {
	Part   string  `json:"part"` // "fit", "engagement" or "bant"
	Rule   string  `json:"rule"` // the rule's name from the config, or its English words
	Points float64 `json:"points"`
	Count  int     `json:"count,omitempty"` // activities that fed an engagement rule
	// Says is what the rule stands for, for the screen to word in the
	// user's language. It is optional: a FiredRule without it (SaysName,
	// the zero value) shows Rule as it is.
	Says RuleWords `json:"-"`
}

// RuleSays is the kind of reason a fired rule gives.
type RuleSays uint8

const (
	SaysName            RuleSays = iota // a name from the config: Rule, as written
	SaysDefault                         // a rule shipped in DefaultScoringModel: Key
	SaysRange                           // Field between Min and Max
	SaysIn                              // Field one of Values
	SaysContains                        // Field contains one of Values
	SaysActivity                        // touches of Kind (in Funnel), per Every
	SaysBANTAnswered                    // N of the four BANT answers
	SaysBANTComplete                    // all four BANT answers
	SaysBudgetConfirmed                 // a confirmed budget
	SaysDecisionMaker                   // the contact decides
	SaysLowFit                          // a low-chance lead's total times Factor
)

// RuleWords are the typed parts of a fired rule's reason.
type RuleWords struct {
	Says     RuleSays
	Key      string // SaysDefault: the rule's key in DefaultRuleKeys
	Field    string // SaysRange, SaysIn, SaysContains: a fit rule's field
	Min, Max *float64
	Values   []string
	Kind     ActivityKind // SaysActivity
	Funnel   FunnelStage
	Every    int
	N        int     // SaysBANTAnswered
	Factor   float64 // SaysLowFit
}

// ScoreResult is a score together with why it is what it is.
type ScoreResult struct {
	Total      int         `json:"total"`
	Tier       Tier        `json:"tier"`
	Fit        float64     `json:"fit"`
	Engagement float64     `json:"engagement"`
	BANT       float64     `json:"bant"`
	Rules      []FiredRule `json:"rules"`
	At         time.Time   `json:"scored_at"`
}

// TierFor turns a score into a tier by the model's thresholds.
func (m ScoringModel) TierFor(total int) Tier {
	switch {
	case float64(total) >= m.Hot:
		return TierHot
	case float64(total) >= m.Warm:
		return TierWarm
	}
	return TierCold
}

// Score computes a lead's score at now under the model and explains it.
func Score(l *Lead, m ScoringModel, now time.Time) ScoreResult {
	r := ScoreResult{At: now}
	for _, rule := range m.Fit {
		if rule.matches(l) {
			r.Fit += rule.Points
			r.Rules = append(r.Rules, FiredRule{Part: "fit", Rule: rule.label(), Points: rule.Points, Says: rule.says()})
		}
	}
	for _, rule := range m.Engagement {
		pts, n := rule.points(l, m.HalfLifeDays, now)
		if n > 0 && pts != 0 {
			pts = round1(pts)
			r.Engagement += pts
			r.Rules = append(r.Rules, FiredRule{Part: "engagement", Rule: rule.label(), Points: pts, Count: n, Says: rule.says()})
		}
	}
	r.BANT = m.BANT.apply(l.BANT, &r.Rules)
	r.Fit, r.Engagement, r.BANT = round1(r.Fit), round1(r.Engagement), round1(r.BANT)
	total := r.Fit + r.Engagement + r.BANT
	if l.Fit == FitLow && m.LowFitFactor > 0 && m.LowFitFactor != 1 {
		cut := round1(total * (m.LowFitFactor - 1))
		r.Rules = append(r.Rules, FiredRule{Part: "fit", Rule: fmt.Sprintf("low chance ×%g", m.LowFitFactor), Points: cut,
			Says: RuleWords{Says: SaysLowFit, Factor: m.LowFitFactor}})
		r.Fit = round1(r.Fit + cut)
		total += cut
	}
	r.Total = int(math.Round(total))
	r.Tier = m.TierFor(r.Total)
	return r
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func (r FitRule) label() string {
	if r.Name != "" {
		return r.Name
	}
	switch {
	case r.Min != nil || r.Max != nil:
		lo, hi := "", ""
		if r.Min != nil {
			lo = strconv.FormatFloat(*r.Min, 'f', -1, 64)
		}
		if r.Max != nil {
			hi = strconv.FormatFloat(*r.Max, 'f', -1, 64)
		}
		return fmt.Sprintf("%s %s–%s", r.Field, lo, hi)
	case len(r.In) > 0:
		return fmt.Sprintf("%s in {%s}", r.Field, strings.Join(r.In, ", "))
	default:
		return fmt.Sprintf("%s contains %s", r.Field, strings.Join(r.Contains, "/"))
	}
}

// says is what the rule stands for: a default rule (by its shipped name,
// also when the config spells it out as the example does), the name the
// config gave it, or its field and bounds.
func (r FitRule) says() RuleWords {
	key, isDefault := defaultRuleKeys[r.Name]
	switch {
	case isDefault:
		return RuleWords{Says: SaysDefault, Key: key}
	case r.Name != "":
		return RuleWords{}
	case r.Min != nil || r.Max != nil:
		return RuleWords{Says: SaysRange, Field: r.Field, Min: r.Min, Max: r.Max}
	case len(r.In) > 0:
		return RuleWords{Says: SaysIn, Field: r.Field, Values: r.In}
	default:
		return RuleWords{Says: SaysContains, Field: r.Field, Values: r.Contains}
	}
}

// FieldValue reads a lead field by its rule name: a string and, when the
// field is numeric, its number.
func FieldValue(l *Lead, field string) (s string, num float64, isNum bool) {
	if key, ok := strings.CutPrefix(field, "custom."); ok {
		s = CustomValue(l, key)
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return s, f, true
		}
		return s, 0, false
	}
	switch field {
	case "employees":
		if l.Company.Employees <= 0 {
			return "", 0, false // unknown, not "0": a missing field never matches
		}
		return strconv.Itoa(l.Company.Employees), float64(l.Company.Employees), true
	case "annual_revenue", "revenue":
		if l.Company.AnnualRevenue <= 0 {
			return "", 0, false
		}
		return strconv.FormatInt(l.Company.AnnualRevenue, 10), float64(l.Company.AnnualRevenue), true
	case "industry":
		return l.Company.Industry, 0, false
	case "street":
		return l.Company.Street, 0, false
	case "salutation":
		return l.Salutation, 0, false
	case "title", "role":
		return l.Title, 0, false
	case "country":
		return l.Company.Country, 0, false
	case "city":
		return l.Company.City, 0, false
	case "postal_code":
		return l.Company.PostalCode, 0, false
	case "source":
		return l.Source, 0, false
	case "company":
		return l.Company.Name, 0, false
	case "email_domain":
		if _, d, ok := strings.Cut(l.Email, "@"); ok {
			return d, 0, false
		}
		return "", 0, false
	}
	return "", 0, false
}

// FitFields are the lead fields a fit rule may name (besides custom.KEY).
var FitFields = []string{"employees", "annual_revenue", "revenue", "industry", "title", "role", "country", "city", "street", "postal_code", "source", "company", "email_domain", "salutation"}

func (r FitRule) matches(l *Lead) bool {
	s, num, isNum := FieldValue(l, r.Field)
	if r.Min != nil || r.Max != nil {
		if !isNum {
			return false
		}
		return (r.Min == nil || num >= *r.Min) && (r.Max == nil || num <= *r.Max)
	}
	if s == "" {
		return false
	}
	for _, v := range r.In {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(v)) {
			return true
		}
	}
	ls := strings.ToLower(s)
	for _, v := range r.Contains {
		if v != "" && strings.Contains(ls, strings.ToLower(v)) {
			return true
		}
	}
	return false
}

func (r EngagementRule) label() string {
	if r.Name != "" {
		return r.Name
	}
	s := r.Kind
	if r.Funnel != "" {
		s += " (" + r.Funnel + ")"
	}
	if r.Every > 1 {
		s += fmt.Sprintf(" per %d", r.Every)
	}
	return s
}

// says is what the rule stands for, as FitRule.says.
func (r EngagementRule) says() RuleWords {
	key, isDefault := defaultRuleKeys[r.Name]
	switch {
	case isDefault:
		return RuleWords{Says: SaysDefault, Key: key}
	case r.Name != "":
		return RuleWords{}
	}
	kind, _ := ParseActivityKind(r.Kind)
	funnel, _ := ParseFunnelStage(r.Funnel)
	return RuleWords{Says: SaysActivity, Kind: kind, Funnel: funnel, Every: r.Every}
}

// points sums the decayed points of the matching touches: each counts
// 0.5^(age/half-life), so last month's download weighs half of today's.
func (r EngagementRule) points(l *Lead, halfLifeDays float64, now time.Time) (float64, int) {
	kind, err := ParseActivityKind(r.Kind)
	if err != nil {
		return 0, 0
	}
	funnel, err := ParseFunnelStage(r.Funnel)
	if err != nil {
		return 0, 0 // an unknown funnel must not widen the rule to every funnel
	}
	var weight float64
	n := 0
	for i := range l.History {
		e := &l.History[i]
		t := e.Touch
		if t == nil || t.Kind != kind || (funnel != FunnelNone && t.Funnel != funnel) {
			continue
		}
		n++
		weight += decay(now.Sub(e.At), halfLifeDays)
	}
	if n == 0 {
		return 0, 0
	}
	if r.Every > 1 {
		// Per N activities: the decayed count, in whole blocks of N.
		return math.Floor(weight/float64(r.Every)) * r.Points, n
	}
	return weight * r.Points, n
}

func decay(age time.Duration, halfLifeDays float64) float64 {
	if halfLifeDays <= 0 || age <= 0 {
		return 1
	}
	return math.Pow(0.5, age.Hours()/24/halfLifeDays)
}

func (p BANTPoints) apply(b BANT, fired *[]FiredRule) float64 {
	var total float64
	add := func(rule string, says RuleWords, pts float64) {
		if pts != 0 {
			total += pts
			*fired = append(*fired, FiredRule{Part: "bant", Rule: rule, Points: pts, Says: says})
		}
	}
	if n := b.Answered(); n > 0 {
		add(fmt.Sprintf("BANT %d of 4 answered", n), RuleWords{Says: SaysBANTAnswered, N: n}, float64(n)*p.PerAnswer)
		if n == 4 {
			add("BANT complete", RuleWords{Says: SaysBANTComplete}, p.Complete)
		}
	}
	if b.BudgetStatus == BudgetConfirmed {
		add("budget confirmed", RuleWords{Says: SaysBudgetConfirmed}, p.BudgetConfirmed)
	}
	if b.Authority == AuthorityDecisionMaker {
		add("talking to the decision maker", RuleWords{Says: SaysDecisionMaker}, p.DecisionMaker)
	}
	return total
}

// CustomValue reads a custom field by key as CustomKey normalises it, so
// "CRM-ID" kept by an older leadq and a rule on custom.crm_id meet.
func CustomValue(l *Lead, key string) string {
	key = CustomKey(key)
	if v, ok := l.Custom[key]; ok {
		return v
	}
	for k, v := range l.Custom {
		if CustomKey(k) == key {
			return v
		}
	}
	return ""
}
