package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the rep's configuration file. Every field has a default
// (DefaultConfig), so an empty file is a valid configuration.
type Config struct {
	Owner   string `toml:"owner"`   // written into history as "by"; empty: the caller uses $USER
	DB      string `toml:"db"`      // database path; empty: the caller picks the default
	Country string `toml:"country"` // ISO code phone numbers of leads without a country are read in
	// Language is the language leadq speaks, "de" or "en"; empty: the
	// locale's (LC_ALL, LC_MESSAGES, LANG), else English.
	Language string `toml:"language"`
	// BusyTimeout is how long leadq waits for another process that has the
	// database busy; zero is the store's default.
	BusyTimeout Duration            `toml:"busy_timeout"`
	Scoring     ScoringModel        `toml:"scoring"`
	Queue       QueueConfig         `toml:"queue"`
	Cadence     CadenceConfig       `toml:"cadence"`
	Keys        map[string][]string `toml:"keys"`  // action → keys; checked by the UI, which knows the actions
	Theme       map[string]string   `toml:"theme"` // colour name → colour; checked by the UI
	Plan        PlanConfig          `toml:"plan"`
	Backup      BackupConfig        `toml:"backup"`
}

// BackupConfig is the daily backup the queue makes when it opens the
// database: whether, where (relative to the database's folder) and how
// many are kept.
type BackupConfig struct {
	Enabled    bool   `toml:"enabled"`
	Dir        string `toml:"dir"`         // empty: backups/ beside the database
	KeepDaily  int    `toml:"keep_daily"`  // the newest backup of each of the last N days
	KeepWeekly int    `toml:"keep_weekly"` // the newest backup of each of the last N weeks
}

// maxKeep bounds keep_daily and keep_weekly: ten years of backups.
const maxKeep = 3660

// QueueConfig holds the speed-to-lead targets: a lead waiting longer than
// its tier's target is flagged in the queue.
type QueueConfig struct {
	HotResponse  Duration `toml:"hot_response"`
	WarmResponse Duration `toml:"warm_response"`
}

// CadenceConfig limits how often the same lead is touched.
type CadenceConfig struct {
	Window string `toml:"window"` // CadenceDay or CadenceWeek: at most one touch per window
}

// The cadence windows.
const (
	CadenceDay  = "day"
	CadenceWeek = "week"
)

// PlanConfig picks the opportunity plan sections a team works with.
type PlanConfig struct {
	Sections []string `toml:"sections"`
}

// PlanSections are the opportunity plan's sections in the order they are shown.
var PlanSections = []string{"team", "profile", "summary", "milestones", "persons", "competition"}

// Duration is a time.Duration written in the file as a Go duration string
// such as "90m" or "24h".
type Duration struct {
	time.Duration
}

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return Problemf("config.not_duration", "%q is not a duration (write it like 30m, 1h or 24h)", string(b))
	}
	d.Duration = v
	return nil
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// DefaultConfig is the configuration used when there is no file, and the
// base every file is laid over.
func DefaultConfig() Config {
	return Config{
		Country:     "DE",
		BusyTimeout: Duration{5 * time.Second},
		Scoring:     DefaultScoringModel(),
		Queue: QueueConfig{
			HotResponse:  Duration{time.Hour},
			WarmResponse: Duration{24 * time.Hour},
		},
		Cadence: CadenceConfig{Window: CadenceDay},
		Plan:    PlanConfig{Sections: slices.Clone(PlanSections)},
		Backup:  BackupConfig{Enabled: true, KeepDaily: 7, KeepWeekly: 4},
	}
}

// Hash identifies the model's rules, so the store can tell when leads must be
// rescored. Models that JSON cannot encode (NaN or infinite numbers, which
// ParseConfig refuses) all hash alike.
func (m ScoringModel) Hash() string {
	b, err := json.Marshal(m)
	if err != nil {
		b = []byte(err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ConfigError is one problem in the configuration file: where it is, which
// key, and what is wrong.
type ConfigError struct {
	Line int    // 1-based; 0 when the file gives no line
	Key  string // dotted key, e.g. "scoring.fit[2].field" (indexes count from 0); may be empty for a syntax error
	Msg  string // names the key itself, so it reads on its own
	// Problem is Msg as a Problem, for the command line to word in the
	// user's language; nil where only the English is known (a syntax error).
	Problem *Problem
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("config line %d: %s", e.Line, e.Msg)
	}
	return "config: " + e.Msg
}

// ParseConfig reads a TOML configuration over DefaultConfig: keys present in
// the file replace the defaults, keys left out keep them. Rule lists are the
// exception to laying over: any [[scoring.fit]] or [[scoring.engagement]]
// table in the file replaces the whole default list of that kind, so the file
// states every fit (or engagement) rule in force. The same holds for
// plan.sections and for each action in [keys].
//
// Every problem is reported as a *ConfigError naming the key and its line;
// when there are several, they are joined in line order. On error the
// returned Config is the zero value.
func ParseConfig(data []byte) (Config, error) {
	if len(data) > maxConfigBytes {
		p := Problemf("config.too_big", "the file is %d KB; a leadq config is at most %d KB", len(data)>>10, maxConfigBytes>>10)
		return Config{}, &ConfigError{Msg: p.Error(), Problem: p}
	}
	lines, tooDeep := scanKeyLines(string(data))
	if tooDeep > 0 {
		p := Problemf("config.too_deep", "values are nested more than %d deep", maxNesting)
		return Config{}, &ConfigError{Line: tooDeep, Msg: p.Error(), Problem: p}
	}
	// Decoding into a plain tree (rather than the typed struct) lets us name
	// the exact element of an array of tables in errors, match keys case-
	// sensitively, and never merge a file's rule into a default rule.
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" {
				msg = pe.LastKey + ": " + msg
			}
			// The parser's own words are English; the Problem says in the
			// user's language that it is the file's syntax.
			p := Problemf("config.syntax", "%s", msg)
			return Config{}, &ConfigError{Line: parseErrorLine(string(data), pe.Position), Key: pe.LastKey, Msg: msg, Problem: p}
		}
		return Config{}, fmt.Errorf("config: %w", err)
	}
	d := &configDecoder{lines: lines}
	cfg := DefaultConfig()
	d.config(tree, &cfg)
	if err := d.err(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// parseErrorLine is the line of a syntax error's first byte. The parser's own
// Line counts a newline that ends an unfinished line as the next line.
func parseErrorLine(src string, p toml.Position) int {
	// Offsets are into the text after the byte order mark, as the parser sees it.
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if strings.HasPrefix(src, bom) {
			src = src[len(bom):]
			break
		}
	}
	if p.Start <= 0 || p.Start > len(src) {
		return max(p.Line, 1)
	}
	return 1 + strings.Count(src[:p.Start], "\n")
}

// configDecoder walks the decoded TOML tree into a Config, collecting errors.
type configDecoder struct {
	lines keyLines
	errs  []*ConfigError
}

func (d *configDecoder) fail(k keyPath, p *Problem) {
	d.errs = append(d.errs, &ConfigError{Line: d.lines.find(k), Key: k.String(), Msg: p.Error(), Problem: p})
}

func (d *configDecoder) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Line < d.errs[j].Line })
	if len(d.errs) == 1 {
		return d.errs[0]
	}
	errs := make([]error, len(d.errs))
	for i, e := range d.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// each visits a table's keys in name order and reports those not in known.
func (d *configDecoder) each(path keyPath, t map[string]any, known []string, fn func(name string, key keyPath, v any)) {
	names := make([]string, 0, len(t))
	for k := range t {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		key := path.key(k)
		if !slices.Contains(known, k) {
			var where any = Problemf("config.the_file", "the file")
			if len(path) > 0 {
				where = path.String()
			}
			d.fail(key, Problemf("config.unknown_key", "unknown key %s (%s takes %s)", key, where, strings.Join(known, ", ")))
			continue
		}
		fn(k, key, t[k])
	}
}

var (
	configKeys     = []string{"owner", "db", "country", "language", "busy_timeout", "scoring", "queue", "cadence", "keys", "theme", "plan", "backup"}
	scoringKeys    = []string{"hot", "warm", "half_life_days", "low_fit_factor", "fit", "engagement", "bant"}
	bantKeys       = []string{"per_answer", "complete", "budget_confirmed", "decision_maker"}
	fitRuleKeys    = []string{"name", "field", "min", "max", "in", "contains", "points"}
	engagementKeys = []string{"name", "kind", "funnel", "every", "points"}
	queueKeys      = []string{"hot_response", "warm_response"}
	cadenceKeys    = []string{"window"}
	planKeys       = []string{"sections"}
	backupKeys     = []string{"enabled", "dir", "keep_daily", "keep_weekly"}
)

func (d *configDecoder) config(tree map[string]any, cfg *Config) {
	d.each(nil, tree, configKeys, func(name string, key keyPath, v any) {
		switch name {
		case "owner":
			d.str(key, v, &cfg.Owner)
		case "db":
			d.str(key, v, &cfg.DB)
		case "busy_timeout":
			if d.duration(key, v, &cfg.BusyTimeout) && (cfg.BusyTimeout.Duration < 0 || cfg.BusyTimeout.Duration > time.Hour) {
				d.fail(key, Problemf("config.busy_timeout_range", "%s = %s must lie between 0 and 1h", key, cfg.BusyTimeout.Duration))
			}
		case "country":
			if d.str(key, v, &cfg.Country) {
				code, err := NormaliseCountry(cfg.Country)
				if err != nil || code == "" {
					d.fail(key, Problemf("config.not_country", "%s = %q is not a country: give its ISO code, like DE, AT or CH", key, cfg.Country))
				}
				cfg.Country = code
			}
		case "language":
			if d.str(key, v, &cfg.Language) {
				switch cfg.Language = strings.ToLower(strings.TrimSpace(cfg.Language)); cfg.Language {
				case "", "de", "en":
				default:
					d.fail(key, Problemf("config.not_language", "%s = %q is not a language leadq speaks: give \"de\" or \"en\", or leave it empty for the locale's", key, cfg.Language))
				}
			}
		case "scoring":
			d.scoring(key, v, &cfg.Scoring)
		case "queue":
			d.queue(key, v, &cfg.Queue)
		case "cadence":
			d.cadence(key, v, &cfg.Cadence)
		case "keys":
			d.keys(key, v, cfg)
		case "theme":
			d.theme(key, v, cfg)
		case "plan":
			d.plan(key, v, &cfg.Plan)
		case "backup":
			d.backup(key, v, &cfg.Backup)
		}
	})
}

func (d *configDecoder) scoring(path keyPath, v any, m *ScoringModel) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	thresholdsOK := true
	d.each(path, t, scoringKeys, func(name string, key keyPath, v any) {
		switch name {
		case "hot":
			thresholdsOK = d.within(key, v, &m.Hot, maxThreshold) && thresholdsOK
		case "warm":
			thresholdsOK = d.within(key, v, &m.Warm, maxThreshold) && thresholdsOK
		case "half_life_days":
			if d.within(key, v, &m.HalfLifeDays, 3650) && m.HalfLifeDays < 0 {
				d.fail(key, Problemf("config.half_life_negative", "%s = %g must not be negative (0 turns decay off)", key, m.HalfLifeDays))
			}
		case "low_fit_factor":
			if d.number(key, v, &m.LowFitFactor) && (m.LowFitFactor <= 0 || m.LowFitFactor > 1) {
				d.fail(key, Problemf("config.low_fit_factor_range", "%s = %g must be above 0 and at most 1 (1 leaves low-chance leads alone)", key, m.LowFitFactor))
			}
		case "fit":
			if rules, ok := d.fitRules(key, v); ok {
				m.Fit = rules
			}
		case "engagement":
			if rules, ok := d.engagementRules(key, v); ok {
				m.Engagement = rules
			}
		case "bant":
			d.bant(key, v, &m.BANT)
		}
	})
	if thresholdsOK && m.Warm >= m.Hot {
		// Name the key the file sets; if it sets both, warm is the one to move.
		if _, ok := t["warm"]; ok {
			d.fail(path.key("warm"), Problemf("config.warm_below_hot", "%s = %g must be below %s (%g)", path.key("warm"), m.Warm, path.key("hot"), m.Hot))
		} else {
			d.fail(path.key("hot"), Problemf("config.hot_above_warm", "%s = %g must be above %s (%g)", path.key("hot"), m.Hot, path.key("warm"), m.Warm))
		}
	}
}

func (d *configDecoder) bant(path keyPath, v any, p *BANTPoints) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	d.each(path, t, bantKeys, func(name string, key keyPath, v any) {
		switch name {
		case "per_answer":
			d.within(key, v, &p.PerAnswer, maxPoints)
		case "complete":
			d.within(key, v, &p.Complete, maxPoints)
		case "budget_confirmed":
			d.within(key, v, &p.BudgetConfirmed, maxPoints)
		case "decision_maker":
			d.within(key, v, &p.DecisionMaker, maxPoints)
		}
	})
}

// numericFitField reports whether a field has a number a range can test.
func numericFitField(field string) bool {
	switch field {
	case "employees", "annual_revenue", "revenue":
		return true
	}
	return strings.HasPrefix(field, "custom.")
}

func validFitField(field string) bool {
	if name, ok := strings.CutPrefix(field, "custom."); ok {
		return name != ""
	}
	return slices.Contains(FitFields, field)
}

func (d *configDecoder) fitRules(path keyPath, v any) ([]FitRule, bool) {
	return decodeRules(d, path, v, d.fitRule)
}

// decodeRules reads an array of rule tables; ok is false when any rule
// had an error.
func decodeRules[R any](d *configDecoder, path keyPath, v any, rule func(keyPath, map[string]any) R) ([]R, bool) {
	tables, ok := d.tables(path, v)
	if !ok {
		return nil, false
	}
	before := len(d.errs)
	rules := make([]R, 0, len(tables))
	for i, t := range tables {
		rules = append(rules, rule(path.at(i), t))
	}
	return rules, len(d.errs) == before
}

func (d *configDecoder) fitRule(path keyPath, t map[string]any) FitRule {
	var r FitRule
	before := len(d.errs)
	d.each(path, t, fitRuleKeys, func(name string, key keyPath, v any) {
		switch name {
		case "name":
			d.str(key, v, &r.Name)
		case "field":
			d.str(key, v, &r.Field)
		case "min", "max":
			var f float64
			if d.number(key, v, &f) {
				if name == "min" {
					r.Min = &f
				} else {
					r.Max = &f
				}
			}
		case "in":
			d.strList(key, v, &r.In)
		case "contains":
			d.strList(key, v, &r.Contains)
		case "points":
			d.within(key, v, &r.Points, maxPoints)
		}
	})
	if len(d.errs) > before {
		return r
	}
	field := path.key("field")
	if _, ok := t["field"]; !ok {
		d.fail(field, Problemf("config.fit_field_missing", "%s is missing: name the lead field the rule reads (%s or custom.NAME)", field, strings.Join(FitFields, ", ")))
	} else if !validFitField(r.Field) {
		d.fail(field, Problemf("config.fit_field_unknown", "%s = %q is not a lead field (want %s or custom.NAME)", field, r.Field, strings.Join(FitFields, ", ")))
	}
	hasRange := r.Min != nil || r.Max != nil
	hasList := len(r.In) > 0 || len(r.Contains) > 0
	switch {
	case !hasRange && !hasList:
		d.fail(path, Problemf("config.rule_needs_match", "%s needs min, max, in or contains to say when it matches", path))
	case hasRange && hasList:
		d.fail(path, Problemf("config.rule_mixes", "%s mixes min/max with in/contains; write them as two rules", path))
	case hasRange && validFitField(r.Field) && !numericFitField(r.Field):
		bound := "min"
		if r.Min == nil {
			bound = "max"
		}
		d.fail(path.key(bound), Problemf("config.range_not_number", "%s: %s is not a number, so a range never matches it; use in or contains", path.key(bound), r.Field))
	case r.Min != nil && r.Max != nil && *r.Min > *r.Max:
		d.fail(path.key("max"), Problemf("config.max_below_min", "%s = %g must not be below %s (%g)", path.key("max"), *r.Max, path.key("min"), *r.Min))
	}
	for _, list := range []struct {
		name   string
		values []string
	}{{"in", r.In}, {"contains", r.Contains}} {
		for i, s := range list.values {
			if strings.TrimSpace(s) == "" {
				d.fail(path.key(list.name).at(i), Problemf("config.empty_never_matches", "%s is empty and never matches", path.key(list.name).at(i)))
			}
		}
	}
	if _, ok := t["points"]; !ok {
		d.fail(path.key("points"), Problemf("config.points_missing", "%s is missing", path.key("points")))
	}
	return r
}

func (d *configDecoder) engagementRules(path keyPath, v any) ([]EngagementRule, bool) {
	return decodeRules(d, path, v, d.engagementRule)
}

func (d *configDecoder) engagementRule(path keyPath, t map[string]any) EngagementRule {
	var r EngagementRule
	d.each(path, t, engagementKeys, func(name string, key keyPath, v any) {
		switch name {
		case "name":
			d.str(key, v, &r.Name)
		case "kind":
			if d.str(key, v, &r.Kind) {
				if _, err := ParseActivityKind(r.Kind); err != nil {
					d.fail(key, Problemf("config.not_activity_kind", "%s = %q is not an activity kind (want %s)", key, r.Kind, strings.Join(ActivityKinds(), ", ")))
				}
			}
		case "funnel":
			if d.str(key, v, &r.Funnel) {
				if _, err := ParseFunnelStage(r.Funnel); err != nil {
					d.fail(key, Problemf("config.not_funnel", "%s = %q is not a funnel stage (want awareness, consideration or decision, or leave it out for any)", key, r.Funnel))
				}
			}
		case "every":
			if d.integer(key, v, &r.Every) && r.Every < 0 {
				d.fail(key, Problemf("config.every_negative", "%s = %d must not be negative", key, r.Every))
			}
		case "points":
			d.within(key, v, &r.Points, maxPoints)
		}
	})
	if _, ok := t["kind"]; !ok {
		d.fail(path.key("kind"), Problemf("config.kind_missing", "%s is missing: name the activity kind the rule counts (%s)", path.key("kind"), strings.Join(ActivityKinds(), ", ")))
	}
	if _, ok := t["points"]; !ok {
		d.fail(path.key("points"), Problemf("config.points_missing", "%s is missing", path.key("points")))
	}
	return r
}

func (d *configDecoder) queue(path keyPath, v any, q *QueueConfig) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	d.each(path, t, queueKeys, func(name string, key keyPath, v any) {
		switch name {
		case "hot_response":
			d.duration(key, v, &q.HotResponse)
		case "warm_response":
			d.duration(key, v, &q.WarmResponse)
		}
	})
}

func (d *configDecoder) cadence(path keyPath, v any, c *CadenceConfig) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	d.each(path, t, cadenceKeys, func(name string, key keyPath, v any) {
		var w string
		if d.str(key, v, &w) {
			if w != CadenceDay && w != CadenceWeek {
				d.fail(key, Problemf("config.cadence_window", "%s = %q must be %q or %q", key, w, CadenceDay, CadenceWeek))
				return
			}
			c.Window = w
		}
	})
}

func (d *configDecoder) keys(path keyPath, v any, cfg *Config) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	for _, action := range sortedNames(t) {
		key := path.key(action)
		var keys []string
		if s, ok := t[action].(string); ok {
			keys = []string{s} // a lone key is a list of one
		} else if !d.strList(key, t[action], &keys) {
			continue
		}
		if cfg.Keys == nil {
			cfg.Keys = map[string][]string{}
		}
		cfg.Keys[action] = keys
	}
}

func (d *configDecoder) theme(path keyPath, v any, cfg *Config) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	for _, name := range sortedNames(t) {
		var colour string
		if !d.str(path.key(name), t[name], &colour) {
			continue
		}
		if cfg.Theme == nil {
			cfg.Theme = map[string]string{}
		}
		cfg.Theme[name] = colour
	}
}

func (d *configDecoder) plan(path keyPath, v any, p *PlanConfig) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	d.each(path, t, planKeys, func(name string, key keyPath, v any) {
		var sections []string
		if !d.strList(key, v, &sections) {
			return
		}
		before := len(d.errs)
		for i, s := range sections {
			switch {
			case !slices.Contains(PlanSections, s):
				d.fail(key.at(i), Problemf("config.not_plan_section", "%s = %q is not a plan section (want %s)", key.at(i), s, strings.Join(PlanSections, ", ")))
			case slices.Index(sections, s) < i:
				d.fail(key.at(i), Problemf("config.listed_twice", "%s = %q is listed twice", key.at(i), s))
			}
		}
		if len(d.errs) == before {
			p.Sections = append([]string{}, sections...)
		}
	})
}

func (d *configDecoder) backup(path keyPath, v any, b *BackupConfig) {
	t, ok := d.table(path, v)
	if !ok {
		return
	}
	d.each(path, t, backupKeys, func(name string, key keyPath, v any) {
		switch name {
		case "enabled":
			on, ok := v.(bool)
			if !ok {
				d.fail(key, Problemf("config.not_bool", "%s must be true or false, not %s", key, tomlTypeName(v)))
				return
			}
			b.Enabled = on
		case "dir":
			d.str(key, v, &b.Dir)
		case "keep_daily", "keep_weekly":
			var n int
			if !d.integer(key, v, &n) {
				return
			}
			if n < 0 || n > maxKeep {
				d.fail(key, Problemf("config.keep_range", "%s = %d must lie between 0 and %d", key, n, maxKeep))
				return
			}
			if name == "keep_daily" {
				b.KeepDaily = n
			} else {
				b.KeepWeekly = n
			}
		}
	})
}

func sortedNames(t map[string]any) []string {
	names := make([]string, 0, len(t))
	for k := range t {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// The typed readers below set *dst and report true when v has the right type.

func (d *configDecoder) str(key keyPath, v any, dst *string) bool {
	s, ok := v.(string)
	if !ok {
		d.fail(key, Problemf("config.not_string", "%s must be a string, not %s", key, tomlTypeName(v)))
		return false
	}
	*dst = s
	return true
}

func (d *configDecoder) number(key keyPath, v any, dst *float64) bool {
	var f float64
	switch n := v.(type) {
	case int64:
		f = float64(n)
	case float64:
		f = n
	default:
		d.fail(key, Problemf("config.not_number", "%s must be a number, not %s", key, tomlTypeName(v)))
		return false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.fail(key, Problemf("config.not_finite", "%s = %g must be a finite number", key, f))
		return false
	}
	*dst = f
	return true
}

// The bounds of the numbers a scoring model takes: far beyond any sane
// model, close enough that no sum of them overflows a score.
const (
	maxPoints    = 1000
	maxThreshold = 100_000
)

// within is number for a value that must lie in [-limit, limit].
func (d *configDecoder) within(key keyPath, v any, dst *float64, limit float64) bool {
	var f float64
	if !d.number(key, v, &f) {
		return false
	}
	if f < -limit || f > limit {
		d.fail(key, Problemf("config.out_of_range_between", "%s = %g is out of range: it must lie between %g and %g", key, f, -limit, limit))
		return false
	}
	*dst = f
	return true
}

func (d *configDecoder) integer(key keyPath, v any, dst *int) bool {
	n, ok := v.(int64)
	if !ok {
		d.fail(key, Problemf("config.not_integer", "%s must be a whole number, not %s", key, tomlTypeName(v)))
		return false
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		d.fail(key, Problemf("config.out_of_range", "%s = %d is out of range", key, n))
		return false
	}
	*dst = int(n)
	return true
}

func (d *configDecoder) strList(key keyPath, v any, dst *[]string) bool {
	list, ok := v.([]any)
	if !ok {
		d.fail(key, Problemf("config.not_string_list", "%s must be a list of strings like [\"a\", \"b\"], not %s", key, tomlTypeName(v)))
		return false
	}
	out := make([]string, 0, len(list))
	good := true
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			d.fail(key.at(i), Problemf("config.not_string", "%s must be a string, not %s", key.at(i), tomlTypeName(e)))
			good = false
			continue
		}
		out = append(out, s)
	}
	if good {
		*dst = out
	}
	return good
}

func (d *configDecoder) duration(key keyPath, v any, dst *Duration) bool {
	var s string
	if !d.str(key, v, &s) {
		return false
	}
	var dur Duration
	if err := dur.UnmarshalText([]byte(s)); err != nil {
		d.fail(key, Problemf("config.bad_value", "%s = %v", key, err))
		return false
	}
	if dur.Duration <= 0 {
		d.fail(key, Problemf("config.not_above_zero", "%s = %q must be above zero", key, s))
		return false
	}
	*dst = dur
	return true
}

func (d *configDecoder) table(key keyPath, v any) (map[string]any, bool) {
	t, ok := v.(map[string]any)
	if !ok {
		d.fail(key, Problemf("config.not_table", "%s must be a table ([%s]), not %s", key, key, tomlTypeName(v)))
	}
	return t, ok
}

// tables reads an array of tables, written either as [[a.b]] headers or
// inline as a = [{...}, {...}].
func (d *configDecoder) tables(key keyPath, v any) ([]map[string]any, bool) {
	switch list := v.(type) {
	case []map[string]any:
		return list, true
	case []any:
		out := make([]map[string]any, 0, len(list))
		good := true
		for i, e := range list {
			t, ok := e.(map[string]any)
			if !ok {
				d.fail(key.at(i), Problemf("config.not_table_in_list", "%s must be a table, not %s", key.at(i), tomlTypeName(e)))
				good = false
				continue
			}
			out = append(out, t)
		}
		return out, good
	}
	d.fail(key, Problemf("config.not_tables", "%s must be tables ([[%s]]), not %s", key, key, tomlTypeName(v)))
	return nil, false
}

// tomlTypeName names a value's TOML type, as a Problem so a message that
// quotes it reads in the user's language.
func tomlTypeName(v any) error {
	switch v.(type) {
	case string:
		return Problemf("config.type.string", "a string")
	case int64:
		return Problemf("config.type.integer", "an integer")
	case float64:
		return Problemf("config.type.float", "a float")
	case bool:
		return Problemf("config.type.boolean", "a boolean")
	case time.Time:
		return Problemf("config.type.date", "a date")
	case []map[string]any:
		return Problemf("config.type.tables", "tables")
	case []any:
		return Problemf("config.type.list", "a list")
	case map[string]any:
		return Problemf("config.type.table", "a table")
	}
	return Problemf("config.type.go", "%T", v)
}

// keyPath is a key in the file: table and key names, and indexes into
// arrays. It prints as scoring.fit[2].field.
type keyPath []keyPart

type keyPart struct {
	name  string
	index int // an array index when >= 0, else name
}

func (k keyPath) key(name string) keyPath {
	return append(k[:len(k):len(k)], keyPart{name: name, index: -1})
}

func (k keyPath) at(i int) keyPath {
	return append(k[:len(k):len(k)], keyPart{index: i})
}

func (k keyPath) String() string {
	var b strings.Builder
	for i, p := range k {
		if p.index >= 0 {
			fmt.Fprintf(&b, "[%d]", p.index)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(quoteKey(p.name))
	}
	return b.String()
}

// quoteKey writes a key name as TOML would: bare when it can be.
func quoteKey(s string) string {
	if s == "" {
		return `""`
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return strconv.Quote(s)
		}
	}
	return s
}

// PlaceErrors gives the config errors found after parsing (the UI's
// checks of [keys] and [theme]) the line of data their key is on, or of
// its table when the key itself is not in the file.
func PlaceErrors(err error, data []byte) error {
	if err == nil {
		return nil
	}
	lines, _ := scanKeyLines(string(data))
	var place func(e error)
	place = func(e error) {
		if joined, ok := e.(interface{ Unwrap() []error }); ok {
			for _, inner := range joined.Unwrap() {
				place(inner)
			}
			return
		}
		var ce *ConfigError
		if errors.As(e, &ce) && ce.Line == 0 && ce.Key != "" {
			ce.Line = lines.findKey(ce.Key)
		}
	}
	place(err)
	return err
}

// findKey is find for a key written as keyPath.String() writes it.
func (kl keyLines) findKey(key string) int {
	for key != "" {
		if line, ok := kl[key]; ok {
			return line
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// keyLines maps every key, table and array element defined in a TOML file
// (as keyPath.String()) to the line it is defined on.
type keyLines map[string]int

// find is the line of key, or of its nearest enclosing table or element when
// the key itself is not in the file (a missing key); 0 when nothing is.
func (kl keyLines) find(key keyPath) int {
	for n := len(key); n > 0; n-- {
		if line, ok := kl[key[:n].String()]; ok {
			return line
		}
	}
	return 0
}

// scanKeyLines finds where each key of a TOML document is defined. It
// understands enough TOML to stay in step (strings of all four kinds,
// multi-line arrays, inline tables, comments, arrays of tables) and makes
// progress on any input, but is only meaningful for a document the TOML
// parser has accepted.
func scanKeyLines(src string) (keyLines, int) {
	s := &lineScanner{
		src:    strings.TrimPrefix(src, "\ufeff"),
		line:   1,
		lines:  keyLines{},
		arrays: map[string]int{},
	}
	s.document()
	return s.lines, s.tooDeep
}

type lineScanner struct {
	src     string
	pos     int
	line    int
	lines   keyLines
	arrays  map[string]int // array of tables → elements seen so far
	depth   int            // arrays and inline tables open
	tooDeep int            // the line where nesting went past maxNesting
}

// A config is small: bounds on its size and nesting keep a hostile file
// from costing time and memory.
const (
	maxConfigBytes = 256 << 10
	maxNesting     = 16
)

func (s *lineScanner) eof() bool { return s.pos >= len(s.src) }

// enter opens an array or inline table; past maxNesting it notes the line
// and stops the scan.
func (s *lineScanner) enter() bool {
	s.depth++
	if s.depth > maxNesting {
		if s.tooDeep == 0 {
			s.tooDeep = s.line
		}
		s.pos = len(s.src)
		s.depth--
		return false
	}
	return true
}

func (s *lineScanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

func (s *lineScanner) next() {
	if s.eof() {
		return
	}
	if s.src[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

func (s *lineScanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.pos:], prefix) }

func (s *lineScanner) record(k keyPath, line int) {
	ks := k.String()
	if _, ok := s.lines[ks]; !ok {
		s.lines[ks] = line
	}
}

func (s *lineScanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

func (s *lineScanner) skipToEOL() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

// skipBlank skips spaces, comments and newlines.
func (s *lineScanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipToEOL()
		default:
			return
		}
	}
}

func (s *lineScanner) document() {
	var table keyPath
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.pos
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyval(table)
		}
		// What is left on the line is a comment (or, in a broken file, rubbish).
		s.skipToEOL()
		if s.pos == start {
			s.next()
		}
	}
}

// header reads [a.b] or [[a.b]] and returns the table it opens.
func (s *lineScanner) header() keyPath {
	line := s.line
	s.next()
	array := s.peek() == '['
	if array {
		s.next()
	}
	parts := s.keyParts()
	for i := 0; i < 2 && s.peek() == ']'; i++ {
		s.next()
	}
	if len(parts) == 0 {
		return nil
	}
	if !array {
		return s.resolve(parts, line)
	}
	arr := s.resolve(parts[:len(parts)-1], line).key(parts[len(parts)-1])
	n := s.arrays[arr.String()]
	s.arrays[arr.String()] = n + 1
	s.record(arr, line)
	elem := arr.at(n)
	s.record(elem, line)
	return elem
}

// resolve turns header parts into a path: a name that is an array of tables
// stands for its latest element.
func (s *lineScanner) resolve(parts []string, line int) keyPath {
	var k keyPath
	for _, p := range parts {
		k = k.key(p)
		s.record(k, line)
		if n := s.arrays[k.String()]; n > 0 {
			k = k.at(n - 1)
		}
	}
	return k
}

// keyParts reads a dotted key such as a."b c".d.
func (s *lineScanner) keyParts() []string {
	var parts []string
	for {
		s.skipSpace()
		part, ok := s.keyPart()
		if !ok {
			return parts
		}
		parts = append(parts, part)
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.next()
	}
}

func (s *lineScanner) keyPart() (string, bool) {
	switch s.peek() {
	case '"':
		raw := s.basicString()
		if v, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			return v, true
		}
		return raw, true
	case '\'':
		return s.literalString(), true
	}
	start := s.pos
	for !s.eof() {
		c := s.peek()
		if c == ' ' || c == '\t' || c == '.' || c == '=' || c == ']' || c == '[' || c == '#' ||
			c == '\n' || c == '\r' || c == ',' || c == '{' || c == '}' || c == '"' || c == '\'' {
			break
		}
		s.next()
	}
	return s.src[start:s.pos], s.pos > start
}

// keyval reads key = value inside table.
func (s *lineScanner) keyval(table keyPath) {
	line := s.line
	parts := s.keyParts()
	if len(parts) == 0 {
		return
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.next()
	s.skipSpace()
	k := table
	for _, p := range parts {
		k = k.key(p)
		s.record(k, line)
	}
	s.value(k)
}

func (s *lineScanner) value(k keyPath) {
	switch {
	case s.has(`"""`):
		s.multiline(`"""`, true)
	case s.has(`'''`):
		s.multiline(`'''`, false)
	case s.peek() == '"':
		s.basicString()
	case s.peek() == '\'':
		s.literalString()
	case s.peek() == '[':
		s.array(k)
	case s.peek() == '{':
		s.inlineTable(k)
	default:
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '\r', '#':
				return
			}
			s.next()
		}
	}
}

func (s *lineScanner) array(k keyPath) {
	if !s.enter() {
		return
	}
	defer func() { s.depth-- }()
	s.next()
	for i := 0; ; i++ {
		s.skipBlank()
		if s.eof() || s.peek() == ']' {
			s.next()
			return
		}
		s.record(k.at(i), s.line)
		s.value(k.at(i))
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.next()
		case ']':
			s.next()
			return
		default:
			return // not TOML; let the caller resynchronise
		}
	}
}

func (s *lineScanner) inlineTable(k keyPath) {
	if !s.enter() {
		return
	}
	defer func() { s.depth-- }()
	s.next()
	for {
		s.skipBlank()
		if s.eof() || s.peek() == '}' {
			s.next()
			return
		}
		s.keyval(k)
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.next()
		case '}':
			s.next()
			return
		default:
			return
		}
	}
}

// basicString reads "..." and returns its raw (still escaped) content.
func (s *lineScanner) basicString() string {
	s.next()
	start := s.pos
	for !s.eof() {
		switch s.peek() {
		case '\\':
			s.next()
		case '"':
			raw := s.src[start:s.pos]
			s.next()
			return raw
		case '\n':
			return s.src[start:s.pos]
		}
		s.next()
	}
	return s.src[start:]
}

func (s *lineScanner) literalString() string {
	s.next()
	start := s.pos
	for !s.eof() {
		switch s.peek() {
		case '\'':
			raw := s.src[start:s.pos]
			s.next()
			return raw
		case '\n':
			return s.src[start:s.pos]
		}
		s.next()
	}
	return s.src[start:]
}

// multiline reads a multi-line string (either quote), which may end in up to two extra quotes.
func (s *lineScanner) multiline(delim string, escapes bool) {
	s.pos += len(delim)
	for !s.eof() {
		if escapes && s.peek() == '\\' {
			s.next()
			s.next()
			continue
		}
		if s.has(delim) {
			s.pos += len(delim)
			for i := 0; i < 2 && s.peek() == delim[0]; i++ {
				s.next()
			}
			return
		}
		s.next()
	}
}
