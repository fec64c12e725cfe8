package domain

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestExampleConfigIsTheDefault(t *testing.T) {
	data, err := os.ReadFile("../config.toml.example")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseConfig(data)
	if err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	want := DefaultConfig()
	// Compare the parts first so a drift says where it is.
	if !reflect.DeepEqual(got.Scoring, want.Scoring) {
		t.Errorf("example scoring differs from DefaultScoringModel:\n got %+v\nwant %+v", got.Scoring, want.Scoring)
	}
	if got.Scoring.Hash() != want.Scoring.Hash() {
		t.Errorf("example scoring hashes differently from the default")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("example differs from DefaultConfig:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseConfigEmptyIsDefault(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n", "\ufeff# with a byte order mark\n", "[keys]\n[theme]\n"} {
		got, err := ParseConfig([]byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if !reflect.DeepEqual(got, DefaultConfig()) {
			t.Errorf("%q: got %+v, want the defaults", src, got)
		}
	}
}

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	if c.Owner != "" || c.DB != "" {
		t.Errorf("owner and db default to empty, got %q and %q", c.Owner, c.DB)
	}
	if c.Queue.HotResponse.Duration != time.Hour || c.Queue.WarmResponse.Duration != 24*time.Hour {
		t.Errorf("queue targets: got %v and %v, want 1h and 24h", c.Queue.HotResponse, c.Queue.WarmResponse)
	}
	if c.Country != "DE" {
		t.Errorf("country: got %q, want DE", c.Country)
	}
	if c.Cadence.Window != "day" {
		t.Errorf("cadence window: got %q, want day", c.Cadence.Window)
	}
	if want := []string{"team", "profile", "summary", "milestones", "persons", "competition"}; !reflect.DeepEqual(c.Plan.Sections, want) {
		t.Errorf("plan sections: got %v, want %v", c.Plan.Sections, want)
	}
	// The defaults must not share a slice with PlanSections.
	c.Plan.Sections[0] = "changed"
	if PlanSections[0] != "team" {
		t.Error("DefaultConfig hands out PlanSections itself")
	}
}

func TestParseConfigOverlaysDefaults(t *testing.T) {
	src := `
owner = "Anna Schmidt"
db = "/tmp/leads.db"

[scoring]
hot = 60

[scoring.bant]
per_answer = 3

[queue]
warm_response = "48h"

[cadence]
window = "week"

[keys]
down = ["j", "down"]
quit = "ctrl+q"

[theme]
hot = "#FF0000"

[plan]
sections = ["summary", "persons"]
`
	got, err := ParseConfig([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Owner = "Anna Schmidt"
	want.DB = "/tmp/leads.db"
	want.Scoring.Hot = 60
	want.Scoring.BANT.PerAnswer = 3
	want.Queue.WarmResponse = Duration{48 * time.Hour}
	want.Cadence.Window = "week"
	want.Keys = map[string][]string{"down": {"j", "down"}, "quit": {"ctrl+q"}}
	want.Theme = map[string]string{"hot": "#FF0000"}
	want.Plan.Sections = []string{"summary", "persons"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseConfigRuleListsReplaceTheDefaults(t *testing.T) {
	t.Run("fit tables", func(t *testing.T) {
		// The first default fit rule has min and max; a file's first rule
		// must not inherit them.
		got, err := ParseConfig([]byte(`
[[scoring.fit]]
field = "industry"
in = ["Software"]
points = 7
`))
		if err != nil {
			t.Fatal(err)
		}
		want := []FitRule{{Field: "industry", In: []string{"Software"}, Points: 7}}
		if !reflect.DeepEqual(got.Scoring.Fit, want) {
			t.Errorf("fit rules: got %+v, want %+v", got.Scoring.Fit, want)
		}
		if !reflect.DeepEqual(got.Scoring.Engagement, DefaultScoringModel().Engagement) {
			t.Error("engagement rules changed although the file has none")
		}
	})
	t.Run("engagement inline", func(t *testing.T) {
		got, err := ParseConfig([]byte(`
[scoring]
engagement = [
  { kind = "call", points = 1 },
  { kind = "web-visit", every = 5, points = 2 },
]
`))
		if err != nil {
			t.Fatal(err)
		}
		want := []EngagementRule{{Kind: "call", Points: 1}, {Kind: "web-visit", Every: 5, Points: 2}}
		if !reflect.DeepEqual(got.Scoring.Engagement, want) {
			t.Errorf("engagement rules: got %+v, want %+v", got.Scoring.Engagement, want)
		}
		if !reflect.DeepEqual(got.Scoring.Fit, DefaultScoringModel().Fit) {
			t.Error("fit rules changed although the file has none")
		}
	})
	t.Run("empty list means no rules", func(t *testing.T) {
		got, err := ParseConfig([]byte("[scoring]\nfit = []\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Scoring.Fit) != 0 {
			t.Errorf("fit = [] left %d rules", len(got.Scoring.Fit))
		}
	})
	t.Run("custom fields", func(t *testing.T) {
		got, err := ParseConfig([]byte(`
[[scoring.fit]]
field = "custom.seats"
min = 10
points = 3

[[scoring.fit]]
field = "custom.crm"
contains = ["sales"]
points = 2
`))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Scoring.Fit) != 2 || got.Scoring.Fit[0].Min == nil || *got.Scoring.Fit[0].Min != 10 || got.Scoring.Fit[0].Max != nil {
			t.Errorf("got %+v", got.Scoring.Fit)
		}
	})
}

// Every error names its key and the line the key is on (or, for a missing
// key, the line of the table it is missing from).
func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the whole message
	}{
		{
			name: "warm not below hot",
			src:  "[scoring]\nhot = 50\nwarm = 60\n",
			want: "config line 3: scoring.warm = 60 must be below scoring.hot (50)",
		},
		{
			name: "warm equal to the default hot",
			src:  "# thresholds\n[scoring]\nwarm = 50\n",
			want: "config line 3: scoring.warm = 50 must be below scoring.hot (50)",
		},
		{
			name: "hot below the default warm",
			src:  "[scoring]\nhot = 20\n",
			want: "config line 2: scoring.hot = 20 must be above scoring.warm (25)",
		},
		{
			name: "dotted key at the top",
			src:  "owner = \"a\"\nscoring.warm = 60\n",
			want: "config line 2: scoring.warm = 60 must be below scoring.hot (50)",
		},
		{
			name: "wrong type",
			src:  "[scoring]\n\nhot = \"fifty\"\n",
			want: "config line 3: scoring.hot must be a number, not a string",
		},
		{
			name: "not a finite number",
			src:  "[scoring]\nhot = nan\n",
			want: "config line 2: scoring.hot = NaN must be a finite number",
		},
		{
			name: "negative half-life",
			src:  "[scoring]\nhalf_life_days = -7\n",
			want: "config line 2: scoring.half_life_days = -7 must not be negative (0 turns decay off)",
		},
		{
			name: "low fit factor zero",
			src:  "[scoring]\nlow_fit_factor = 0\n",
			want: "config line 2: scoring.low_fit_factor = 0 must be above 0 and at most 1 (1 leaves low-chance leads alone)",
		},
		{
			name: "low fit factor above one",
			src:  "[scoring]\nlow_fit_factor = 1.5\n",
			want: "config line 2: scoring.low_fit_factor = 1.5 must be above 0 and at most 1 (1 leaves low-chance leads alone)",
		},
		{
			name: "bant points wrong type",
			src:  "[scoring.bant]\ncomplete = true\n",
			want: "config line 2: scoring.bant.complete must be a number, not a boolean",
		},
		{
			name: "scoring not a table",
			src:  "scoring = 5\n",
			want: "config line 1: scoring must be a table ([scoring]), not an integer",
		},
		{
			name: "owner not a string",
			src:  "owner = 42\n",
			want: "config line 1: owner must be a string, not an integer",
		},
		{
			name: "fit rule without field",
			src:  "# fit\n[[scoring.fit]]\nmin = 1\npoints = 1\n",
			want: "config line 2: scoring.fit[0].field is missing: name the lead field the rule reads (employees, annual_revenue, revenue, industry, title, role, country, city, street, postal_code, source, company, email_domain, salutation or custom.NAME)",
		},
		{
			name: "fit rule with an unknown field, in the third table",
			src: `[[scoring.fit]]
field = "employees"
min = 10
points = 1

[[scoring.fit]]
field = "country"
in = ["DE"]
points = 1

[[scoring.fit]]
field = "branche"
in = ["Software"]
points = 1
`,
			want: `config line 12: scoring.fit[2].field = "branche" is not a lead field (want employees, annual_revenue, revenue, industry, title, role, country, city, street, postal_code, source, company, email_domain, salutation or custom.NAME)`,
		},
		{
			name: "custom field without a name",
			src:  "[[scoring.fit]]\nfield = \"custom.\"\nin = [\"x\"]\npoints = 1\n",
			want: `config line 2: scoring.fit[0].field = "custom." is not a lead field (want employees, annual_revenue, revenue, industry, title, role, country, city, street, postal_code, source, company, email_domain, salutation or custom.NAME)`,
		},
		{
			name: "fit rule with no condition",
			src:  "[[scoring.fit]]\nfield = \"industry\"\npoints = 1\n",
			want: "config line 1: scoring.fit[0] needs min, max, in or contains to say when it matches",
		},
		{
			name: "fit rule with an empty list is no condition",
			src:  "[[scoring.fit]]\nfield = \"industry\"\nin = []\npoints = 1\n",
			want: "config line 1: scoring.fit[0] needs min, max, in or contains to say when it matches",
		},
		{
			name: "fit rule mixing range and list",
			src:  "[[scoring.fit]]\nfield = \"employees\"\nmin = 1\nin = [\"5\"]\npoints = 1\n",
			want: "config line 1: scoring.fit[0] mixes min/max with in/contains; write them as two rules",
		},
		{
			name: "range on a text field",
			src:  "[[scoring.fit]]\nfield = \"industry\"\nmax = 3\npoints = 1\n",
			want: "config line 3: scoring.fit[0].max: industry is not a number, so a range never matches it; use in or contains",
		},
		{
			name: "min above max",
			src:  "[[scoring.fit]]\nfield = \"employees\"\nmin = 500\nmax = 50\npoints = 1\n",
			want: "config line 4: scoring.fit[0].max = 50 must not be below scoring.fit[0].min (500)",
		},
		{
			name: "empty contains entry",
			src:  "[[scoring.fit]]\nfield = \"title\"\ncontains = [\n  \"CEO\",\n  \"\",\n]\npoints = 1\n",
			want: "config line 5: scoring.fit[0].contains[1] is empty and never matches",
		},
		{
			name: "fit rule without points",
			src:  "[[scoring.fit]]\nfield = \"country\"\nin = [\"DE\"]\n",
			want: "config line 1: scoring.fit[0].points is missing",
		},
		{
			name: "fit list entry of the wrong type",
			src:  "[scoring]\nfit = [\n  { field = \"country\", in = [\"DE\"], points = 1 },\n  \"employees\",\n]\n",
			want: "config line 4: scoring.fit[1] must be a table, not a string",
		},
		{
			name: "inline fit rule with a bad field",
			src:  "[scoring]\nfit = [\n  { field = \"country\", in = [\"DE\"], points = 1 },\n  { field = \"bogus\", in = [\"x\"], points = 1 },\n]\n",
			want: `config line 4: scoring.fit[1].field = "bogus" is not a lead field (want employees, annual_revenue, revenue, industry, title, role, country, city, street, postal_code, source, company, email_domain, salutation or custom.NAME)`,
		},
		{
			name: "unknown key in a fit rule",
			src:  "[[scoring.fit]]\nfield = \"country\"\nin = [\"DE\"]\npoints = 1\n[[scoring.fit]]\nfield = \"industry\"\nin = [\"Software\"]\npointz = 3\n",
			want: "config line 8: unknown key scoring.fit[1].pointz (scoring.fit[1] takes name, field, min, max, in, contains, points)",
		},
		{
			name: "engagement rule with an unknown kind",
			src:  "[[scoring.engagement]]\nkind = \"call\"\npoints = 1\n\n[[scoring.engagement]]\nname = \"demo\"\nkind = \"demo\"\npoints = 10\n",
			want: `config line 7: scoring.engagement[1].kind = "demo" is not an activity kind (want call, email, meeting, web-visit, blog, download, webinar, demo-request, quote-request, newsletter, event, mailing, letter)`,
		},
		{
			name: "engagement rule with an unknown funnel",
			src:  "[[scoring.engagement]]\nkind = \"blog\"\nfunnel = \"interest\"\npoints = 1\n",
			want: `config line 3: scoring.engagement[0].funnel = "interest" is not a funnel stage (want awareness, consideration or decision, or leave it out for any)`,
		},
		{
			name: "engagement rule without kind",
			src:  "[[scoring.engagement]]\npoints = 1\n",
			want: "config line 1: scoring.engagement[0].kind is missing: name the activity kind the rule counts (call, email, meeting, web-visit, blog, download, webinar, demo-request, quote-request, newsletter, event, mailing, letter)",
		},
		{
			name: "negative every",
			src:  "[[scoring.engagement]]\nkind = \"web-visit\"\nevery = -10\npoints = 1\n",
			want: "config line 3: scoring.engagement[0].every = -10 must not be negative",
		},
		{
			name: "fractional every",
			src:  "[[scoring.engagement]]\nkind = \"web-visit\"\nevery = 2.5\npoints = 1\n",
			want: "config line 3: scoring.engagement[0].every must be a whole number, not a float",
		},
		{
			name: "bad duration",
			src:  "[queue]\nhot_response = \"1 hour\"\n",
			want: `config line 2: queue.hot_response = "1 hour" is not a duration (write it like 30m, 1h or 24h)`,
		},
		{
			name: "duration without unit",
			src:  "[queue]\nwarm_response = \"24\"\n",
			want: `config line 2: queue.warm_response = "24" is not a duration (write it like 30m, 1h or 24h)`,
		},
		{
			name: "zero duration",
			src:  "[queue]\nhot_response = \"0s\"\n",
			want: `config line 2: queue.hot_response = "0s" must be above zero`,
		},
		{
			name: "duration as a number",
			src:  "[queue]\nhot_response = 3600\n",
			want: "config line 2: queue.hot_response must be a string, not an integer",
		},
		{
			name: "cadence window",
			src:  "[cadence]\nwindow = \"month\"\n",
			want: `config line 2: cadence.window = "month" must be "day" or "week"`,
		},
		{
			name: "unknown plan section",
			src:  "[plan]\nsections = [\n  \"team\",\n  \"competitors\",\n]\n",
			want: `config line 4: plan.sections[1] = "competitors" is not a plan section (want team, profile, summary, milestones, persons, competition)`,
		},
		{
			name: "plan section twice",
			src:  "[plan]\nsections = [\"team\", \"team\"]\n",
			want: `config line 2: plan.sections[1] = "team" is listed twice`,
		},
		{
			name: "keys not a list",
			src:  "[keys]\nup = [\"k\"]\ndown = 5\n",
			want: `config line 3: keys.down must be a list of strings like ["a", "b"], not an integer`,
		},
		{
			name: "theme colour not a string",
			src:  "[theme]\nhot = 0xFF0000\n",
			want: "config line 2: theme.hot must be a string, not an integer",
		},
		{
			name: "unknown top-level key",
			src:  "owner = \"anna\"\nownr = \"bert\"\n",
			want: "config line 2: unknown key ownr (the file takes owner, db, country, language, busy_timeout, scoring, queue, cadence, keys, theme, plan, backup)",
		},
		{
			name: "keys are case-sensitive",
			src:  "[scoring]\nHot = 60\n",
			want: "config line 2: unknown key scoring.Hot (scoring takes hot, warm, half_life_days, low_fit_factor, fit, engagement, bant)",
		},
		{
			name: "unknown table",
			src:  "[colours]\nhot = \"#f00\"\n",
			want: "config line 1: unknown key colours (the file takes owner, db, country, language, busy_timeout, scoring, queue, cadence, keys, theme, plan, backup)",
		},
		{
			name: "unknown quoted key",
			src:  "[queue]\n\"hot response\" = \"1h\"\n",
			want: `config line 2: unknown key queue."hot response" (queue takes hot_response, warm_response)`,
		},
		{
			name: "several errors, in line order",
			src:  "[cadence]\nwindow = \"month\"\n[scoring]\nhalf_life_days = -1\n",
			want: "config line 2: cadence.window = \"month\" must be \"day\" or \"week\"\nconfig line 4: scoring.half_life_days = -1 must not be negative (0 turns decay off)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err.Error(), tt.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Line == 0 || ce.Key == "" {
				t.Errorf("want a *ConfigError with a line and a key, got %#v", err)
			}
		})
	}
}

func TestParseConfigSyntaxErrorsGiveTheLine(t *testing.T) {
	tests := []struct {
		src  string
		line string
	}{
		{"owner = \"anna\"\nhot = = 1\n", "config line 2: "},
		{"[scoring]\nhot = 50\nhot = 60\n", "config line 3: "},
		{"[scoring\nhot = 50\n", "config line 1: "},
		{"owner = \"unterminated\n", "config line 1: "},
		{"a = 1\nb = \n", "config line 2: "},
		{"\ufeffa = 1\n[x\n", "config line 2: "},
		{"\n\n\n[queue]\nhot_response = 1h\n", "config line 5: "},
	}
	for _, tt := range tests {
		_, err := ParseConfig([]byte(tt.src))
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.line) {
			t.Errorf("%q: got %q, want it to start with %q", tt.src, err, tt.line)
		}
	}
}

func TestKeyLines(t *testing.T) {
	src := `# [[scoring.fit]] in a comment opens nothing
title = """
[[scoring.fit]]
"""
[ scoring ]
hot = 1 # hot = 2
"quoted key" = 'x'
[[scoring.fit]]
field = "a"
[[ scoring . fit ]]
field = "b"
in = [
  "x", # a comment with ] in it
  "y",
]
[scoring.fit.extra]
k = 1
[[a]]
[[a.b]]
c = 1
[[a]]
[[a.b]]
c = 2
inline = { x = 1, y.z = [1, {w = 2}] }
lit = '''
[oops]
'''
after = "\"quoted\" [x]"
`
	// The scanner only has to be right for what the parser accepts.
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil {
		t.Fatalf("test document is not TOML: %v", err)
	}
	lines, _ := scanKeyLines(src)
	p := func(parts ...any) keyPath {
		var k keyPath
		for _, x := range parts {
			switch x := x.(type) {
			case string:
				k = k.key(x)
			case int:
				k = k.at(x)
			}
		}
		return k
	}
	tests := []struct {
		key  keyPath
		line int
	}{
		{p("title"), 2},
		{p("scoring"), 5},
		{p("scoring", "hot"), 6},
		{p("scoring", "quoted key"), 7},
		{p("scoring", "fit"), 8},
		{p("scoring", "fit", 0), 8},
		{p("scoring", "fit", 0, "field"), 9},
		{p("scoring", "fit", 1), 10},
		{p("scoring", "fit", 1, "field"), 11},
		{p("scoring", "fit", 1, "in"), 12},
		{p("scoring", "fit", 1, "in", 1), 14},
		{p("scoring", "fit", 1, "extra", "k"), 17},
		{p("a", 0, "b", 0, "c"), 20},
		{p("a", 1), 21},
		{p("a", 1, "b", 0, "c"), 23},
		{p("a", 1, "b", 0, "inline", "y", "z", 1, "w"), 24},
		{p("a", 1, "b", 0, "lit"), 25},
		{p("a", 1, "b", 0, "after"), 28},
		// A key the file lacks is found at its table.
		{p("scoring", "fit", 0, "points"), 8},
		{p("scoring", "warm"), 5},
		{p("queue", "hot_response"), 0},
	}
	for _, tt := range tests {
		if got := lines.find(tt.key); got != tt.line {
			t.Errorf("%s: line %d, want %d", tt.key, got, tt.line)
		}
	}
	for _, k := range []string{"oops", "scoring.fit[2]", "scoring.fit[0].hot"} {
		if l, ok := lines[k]; ok {
			t.Errorf("%s found at line %d, but it is not a key of the file", k, l)
		}
	}
}

func TestKeyPathString(t *testing.T) {
	tests := []struct {
		key  keyPath
		want string
	}{
		{keyPath(nil).key("scoring").key("fit").at(2).key("field"), "scoring.fit[2].field"},
		{keyPath(nil).key("keys").key("page up"), `keys."page up"`},
		{keyPath(nil).key("plan").key("sections").at(0), "plan.sections[0]"},
		{keyPath(nil).key(""), `""`},
	}
	for _, tt := range tests {
		if got := tt.key.String(); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

func TestDurationText(t *testing.T) {
	var d Duration
	if err := d.UnmarshalText([]byte("90m")); err != nil || d.Duration != 90*time.Minute {
		t.Errorf("90m: got %v, %v", d.Duration, err)
	}
	if err := d.UnmarshalText([]byte("soon")); err == nil {
		t.Error("soon: no error")
	}
	b, _ := Duration{90 * time.Minute}.MarshalText()
	var back Duration
	if err := back.UnmarshalText(b); err != nil || back.Duration != 90*time.Minute {
		t.Errorf("round trip through %q: got %v, %v", b, back.Duration, err)
	}
}

func TestScoringModelHash(t *testing.T) {
	a, b := DefaultScoringModel(), DefaultScoringModel()
	if a.Hash() != b.Hash() {
		t.Fatal("the same model hashes differently")
	}
	if len(a.Hash()) != 64 {
		t.Errorf("want 64 hex digits, got %q", a.Hash())
	}
	changes := map[string]func(m *ScoringModel){
		"threshold":        func(m *ScoringModel) { m.Hot++ },
		"fit bound":        func(m *ScoringModel) { *m.Fit[0].Min = 51 },
		"fit list":         func(m *ScoringModel) { m.Fit[2].In = append(m.Fit[2].In, "Chemie") },
		"engagement every": func(m *ScoringModel) { m.Engagement[9].Every = 5 },
		"rule dropped":     func(m *ScoringModel) { m.Engagement = m.Engagement[:len(m.Engagement)-1] },
		"bant":             func(m *ScoringModel) { m.BANT.Complete = 0 },
	}
	for name, change := range changes {
		m := DefaultScoringModel()
		change(&m)
		if m.Hash() == a.Hash() {
			t.Errorf("%s: changing the model kept its hash", name)
		}
	}
}

// FuzzParseConfig: whatever the file holds, ParseConfig must not panic, and
// what it accepts must be a model Score can use.
func FuzzParseConfig(f *testing.F) {
	if data, err := os.ReadFile("../config.toml.example"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"[scoring]\nhot = 50\nwarm = 60\n",
		"[[scoring.fit]]\nfield = \"custom.x\"\nmin = 1\npoints = 1\n",
		"[scoring]\nfit = [{ field = \"employees\", max = 9, points = 1 }]\n",
		"a = \"\"\"\n[[x]]\n\"\"\"\n[[x]]\n[[x.y]]\nz = [1, [2, {w = 3}]]\n",
		"[queue]\nhot_response = \"-1h\"\n",
		"[keys]\n\"a.b\" = 'x'\n",
		"[plan]\nsections = []\n",
	} {
		f.Add([]byte(s))
	}
	lead := Lead{
		Company: Company{Employees: 120, Industry: "Software", Country: "DE"},
		Title:   "CEO",
		Fit:     FitLow,
		History: []Event{funnelAt(KindDownload, FunnelDecision, time.Time{}), touchAt(KindWebVisit, time.Time{})},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scanKeyLines(string(data)) // must not hang or panic on any input
		cfg, err := ParseConfig(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "config") {
				t.Errorf("error does not say it is about the config: %v", err)
			}
			return
		}
		m := cfg.Scoring
		if !(m.Warm < m.Hot) || m.HalfLifeDays < 0 || m.LowFitFactor <= 0 || m.LowFitFactor > 1 {
			t.Errorf("accepted an impossible model: %+v", m)
		}
		for _, r := range m.Fit {
			if !validFitField(r.Field) {
				t.Errorf("accepted fit field %q", r.Field)
			}
		}
		for _, r := range m.Engagement {
			if _, err := ParseActivityKind(r.Kind); err != nil {
				t.Errorf("accepted engagement kind %q", r.Kind)
			}
		}
		if cfg.Queue.HotResponse.Duration <= 0 || cfg.Queue.WarmResponse.Duration <= 0 {
			t.Errorf("accepted queue targets %v", cfg.Queue)
		}
		if cfg.Cadence.Window != CadenceDay && cfg.Cadence.Window != CadenceWeek {
			t.Errorf("accepted cadence %q", cfg.Cadence.Window)
		}
		Score(&lead, m, time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC))
		m.Hash()
	})
}

func TestParseConfigCountry(t *testing.T) {
	for _, tt := range []struct {
		src, want, err string
	}{
		{"country = \"AT\"\n", "AT", ""},
		{"country = \"ch\"\n", "CH", ""},
		{"country = \"Österreich\"\n", "AT", ""},
		{"country = \"Germany\"\n", "DE", ""},
		{"owner = \"anna\"\n", "DE", ""},
		{"country = \"Narnia\"\n", "", `config line 1: country = "Narnia" is not a country: give its ISO code, like DE, AT or CH`},
		{"country = \"\"\n", "", `config line 1: country = "" is not a country`},
		{"country = 49\n", "", "config line 1: country"},
	} {
		got, err := ParseConfig([]byte(tt.src))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil || got.Country != tt.want {
			t.Errorf("%q: country %q, %v; want %q", tt.src, got.Country, err, tt.want)
		}
	}
}

func TestConfigLimits(t *testing.T) {
	deep := "a = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n"
	for _, tc := range []struct{ src, want string }{
		{deep, "nested more than 16 deep"},
		{strings.Repeat("# padding\n", 30_000), "a leadq config is at most 256 KB"},
		{"[scoring]\nhot = 1e308\n", "scoring.hot = 1e+308 is out of range"},
		{"[scoring]\nwarm = -1e6\n", "scoring.warm = -1e+06 is out of range"},
		{"[[scoring.fit]]\nfield = \"employees\"\nmin = 1\npoints = 1e300\n", "scoring.fit[0].points = 1e+300 is out of range"},
		{"[scoring.bant]\nper_answer = 5000\n", "scoring.bant.per_answer = 5000 is out of range"},
	} {
		_, err := ParseConfig([]byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40q: %v, want %q", tc.src, err, tc.want)
		}
	}
}

func BenchmarkParseDeepConfig(b *testing.B) {
	deep := []byte("a = " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n")
	for i := 0; i < b.N; i++ {
		ParseConfig(deep)
	}
}

func TestParseConfigLanguage(t *testing.T) {
	for _, tt := range []struct {
		src, want, err string
	}{
		{"language = \"de\"\n", "de", ""},
		{"language = \"EN\"\n", "en", ""},
		{"language = \"\"\n", "", ""},
		{"owner = \"anna\"\n", "", ""},
		{"language = \"fr\"\n", "", `config line 1: language = "fr" is not a language leadq speaks: give "de" or "en"`},
		{"language = 1\n", "", "config line 1: language"},
	} {
		got, err := ParseConfig([]byte(tt.src))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil || got.Language != tt.want {
			t.Errorf("%q: language %q, %v; want %q", tt.src, got.Language, err, tt.want)
		}
	}
}
