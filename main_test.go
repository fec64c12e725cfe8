package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/store"
)

// realEnv is the environment before TestMain hid the user's home, for the
// go tool, whose build cache lives there.
var realEnv []string

// TestMain keeps every test away from the real user's config and data.
func TestMain(m *testing.M) {
	realEnv = os.Environ()
	home, err := os.MkdirTemp("", "leadq-test-home")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for k, v := range map[string]string{
		"HOME":            home,
		"XDG_CONFIG_HOME": filepath.Join(home, "config"),
		"XDG_DATA_HOME":   filepath.Join(home, "data"),
	} {
		os.Setenv(k, v)
	}
	os.Unsetenv("LEADQ_CONFIG")
	os.Unsetenv("LEADQ_DB")
	// The tests read English whatever the machine's locale, and so do the
	// leadq binaries they start; a test of another language sets its own.
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANG", "C")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

// leadq runs one command in-process and returns what it printed.
func leadq(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// mustLeadq runs a command that has to succeed.
func mustLeadq(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := leadq(t, args...)
	if code != 0 {
		t.Fatalf("leadq %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

func seededDB(t *testing.T, n int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "leads.db")
	out := mustLeadq(t, "seed", "--leads", strconv.Itoa(n), "--seed", "7", "--db", db)
	if want := fmt.Sprintf("seeded %d leads into %s in ", n, db); !strings.HasPrefix(out, want) {
		t.Fatalf("seed printed %q, want it to start with %q", out, want)
	}
	return db
}

func listJSON(t *testing.T, args ...string) []listItem {
	t.Helper()
	out := mustLeadq(t, append([]string{"list", "--json"}, args...)...)
	var items []listItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list --json is not a JSON array of leads: %v\n%.500s", err, out)
	}
	return items
}

// queueRank is where a lead belongs in the queue: in-queue tiers, then the rest.
func queueRank(it listItem) int {
	if !it.InQueue {
		return 3
	}
	return int(it.Tier)
}

func TestList(t *testing.T) {
	db := seededDB(t, 1000)
	all := listJSON(t, "--db", db)

	t.Run("all in queue order", func(t *testing.T) {
		if len(all) != 1000 {
			t.Fatalf("list returned %d leads, want 1000", len(all))
		}
		seen := map[uint64]bool{}
		groups := map[int]int{}
		for i, it := range all {
			if seen[it.ID] {
				t.Fatalf("lead %d listed twice", it.ID)
			}
			seen[it.ID] = true
			groups[queueRank(it)]++
			if i == 0 {
				continue
			}
			prev := all[i-1]
			switch {
			case queueRank(prev) > queueRank(it):
				t.Fatalf("row %d: %s (in queue %v) after %s (in queue %v)", i, it.Tier, it.InQueue, prev.Tier, prev.InQueue)
			case queueRank(prev) == queueRank(it) && prev.Score < it.Score:
				t.Fatalf("row %d: score %d after %d in the same tier", i, it.Score, prev.Score)
			}
		}
		// The order is only tested if the seed produced every kind of lead.
		for g := 0; g < 4; g++ {
			if groups[g] == 0 {
				t.Fatalf("seed produced no leads in queue group %d: %v", g, groups)
			}
		}
	})

	t.Run("every field present", func(t *testing.T) {
		out := mustLeadq(t, "list", "--json", "--limit", "3", "--db", db)
		var raw []map[string]any
		if err := json.Unmarshal([]byte(out), &raw); err != nil {
			t.Fatal(err)
		}
		for _, obj := range raw {
			for _, k := range []string{"id", "name", "company", "email", "stage", "score", "tier", "fit", "in_queue", "source", "city", "phone", "created", "last_touch"} {
				if _, ok := obj[k]; !ok {
					t.Errorf("list --json object lacks %q: %v", k, obj)
				}
			}
			if tier := obj["tier"]; tier != "hot" && tier != "warm" && tier != "cold" {
				t.Errorf("tier = %v, want hot, warm or cold", tier)
			}
		}
	})

	t.Run("tier hot", func(t *testing.T) {
		want := 0
		for _, it := range all {
			if it.InQueue && it.Tier == domain.TierHot {
				want++
			}
		}
		hot := listJSON(t, "--tier", "hot", "--db", db)
		if len(hot) != want || want == 0 {
			t.Fatalf("--tier hot gave %d leads, want %d", len(hot), want)
		}
		for _, it := range hot {
			if it.Tier != domain.TierHot || !it.InQueue {
				t.Fatalf("--tier hot listed lead %d: tier %s, in queue %v", it.ID, it.Tier, it.InQueue)
			}
		}
	})

	t.Run("stage sql", func(t *testing.T) {
		var want []uint64
		for _, it := range all {
			if it.Stage == domain.StageSQL {
				want = append(want, it.ID)
			}
		}
		sql := listJSON(t, "--stage", "SQL", "--db", db)
		if len(sql) != len(want) || len(want) == 0 {
			t.Fatalf("--stage sql gave %d leads, want %d", len(sql), len(want))
		}
		for i, it := range sql {
			if it.Stage != domain.StageSQL || it.ID != want[i] {
				t.Fatalf("--stage sql row %d: lead %d at %s, want lead %d", i, it.ID, it.Stage, want[i])
			}
		}
	})

	t.Run("limit", func(t *testing.T) {
		five := listJSON(t, "--limit", "5", "--db", db)
		if len(five) != 5 {
			t.Fatalf("--limit 5 gave %d leads", len(five))
		}
		for i := range five {
			if five[i].ID != all[i].ID {
				t.Fatalf("--limit 5 row %d is lead %d, want %d", i, five[i].ID, all[i].ID)
			}
		}
		// A limit with a filter counts only the matching leads.
		two := listJSON(t, "--limit", "2", "--stage", "opportunity", "--tier", "warm", "--db", db)
		for _, it := range two {
			if it.Stage != domain.StageOpportunity || it.Tier != domain.TierWarm {
				t.Fatalf("filtered list gave lead %d at %s/%s", it.ID, it.Stage, it.Tier)
			}
		}
		if len(two) > 2 {
			t.Fatalf("--limit 2 gave %d leads", len(two))
		}
	})

	t.Run("text table", func(t *testing.T) {
		out := mustLeadq(t, "list", "--db", db)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 1001 {
			t.Fatalf("table has %d lines, want a header and 1000 rows", len(lines))
		}
	})
}

func TestListAlignsByDisplayWidth(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	companies := map[string]string{
		"Jürgen Müller":   "Müller & Söhne Maschinenbau GmbH",
		"佐藤 花子":           "東京精密工業株式会社",
		"Zoë Ångström":    "Øresund Logistik AB",
		"Bob Plain ASCII": "Plain Company",
	}
	for name, company := range companies {
		mustLeadq(t, "add", "--name", name, "--company", company, "--source", "Messe 🚀", "--db", db)
	}
	out := mustLeadq(t, "list", "--db", db)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	col := strings.Index(lines[0], "COMPANY")
	stageCol := strings.Index(lines[0], "STAGE")
	for _, line := range lines[1:] {
		cell := strings.TrimSpace(ansi.Cut(line, col, stageCol))
		found := false
		for _, c := range companies {
			if cell == c || strings.HasSuffix(cell, "…") && strings.HasPrefix(c, strings.TrimSuffix(cell, "…")) {
				found = true
			}
		}
		if !found {
			t.Errorf("company column of %q reads %q: the columns do not line up", line, cell)
		}
		if !strings.Contains(ansi.Cut(line, stageCol, stageCol+12), "Inquiry") {
			t.Errorf("stage column of %q does not line up", line)
		}
	}
}

func TestAddAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	out := mustLeadq(t, "add", "--name", "Jürgen Müller", "--company", "Müller & Söhne Maschinenbau GmbH",
		"--email", "j.mueller@example.de", "--title", "Geschäftsführer", "--employees", "120",
		"--industry", "Maschinenbau", "--country", "de", "--city", "Köln", "--postal-code", "50667", "--db", db)
	if !regexp.MustCompile(`^[0-9]+\n$`).MatchString(out) {
		t.Fatalf("add printed %q, want the id alone", out)
	}
	id := strings.TrimSpace(out)

	var lead map[string]any
	if err := json.Unmarshal([]byte(mustLeadq(t, "show", id, "--json", "--db", db)), &lead); err != nil {
		t.Fatal(err)
	}
	if lead["name"] != "Jürgen Müller" {
		t.Errorf("name = %v", lead["name"])
	}
	if c, _ := lead["company"].(map[string]any); c["name"] != "Müller & Söhne Maschinenbau GmbH" || c["country"] != "DE" {
		t.Errorf("company = %v", lead["company"])
	}
	if lead["id"] != json.Number(id) && fmt.Sprint(lead["id"]) != id {
		t.Errorf("id = %v, want %s", lead["id"], id)
	}
	for _, k := range []string{"score", "tier", "score_parts", "rules", "scored_at", "bant", "fit", "consent", "stage"} {
		if _, ok := lead[k]; !ok {
			t.Errorf("show --json lacks %q", k)
		}
	}
	checkScoreAddsUp(t, id, lead)

	text := mustLeadq(t, "show", id, "--db", db)
	for _, want := range []string{"Jürgen Müller", "Müller & Söhne Maschinenbau GmbH", "Score ", "BANT", "History"} {
		if !strings.Contains(text, want) {
			t.Errorf("show does not mention %q:\n%s", want, text)
		}
	}
}

// checkScoreAddsUp checks that the fired rules explain the parts and the parts the total.
func checkScoreAddsUp(t *testing.T, id string, lead map[string]any) {
	t.Helper()
	parts, _ := lead["score_parts"].(map[string]any)
	rules, _ := lead["rules"].([]any)
	if parts == nil || rules == nil {
		t.Fatalf("lead %s: score_parts %v, rules %v", id, lead["score_parts"], lead["rules"])
	}
	sums := map[string]float64{}
	for _, r := range rules {
		rule := r.(map[string]any)
		for _, k := range []string{"part", "rule", "points", "count"} {
			if _, ok := rule[k]; !ok {
				t.Errorf("lead %s: rule %v lacks %q", id, rule, k)
			}
		}
		sums[rule["part"].(string)] += rule["points"].(float64)
	}
	total := 0.0
	for _, part := range []string{"fit", "engagement", "bant"} {
		got, _ := parts[part].(float64)
		if math.Abs(got-sums[part]) > 0.051 {
			t.Errorf("lead %s: %s part is %v but its rules add up to %v", id, part, got, sums[part])
		}
		total += got
	}
	if score, _ := lead["score"].(float64); math.Abs(score-total) > 0.5+1e-9 {
		t.Errorf("lead %s: score %v, parts add up to %v", id, score, total)
	}
	if tier := lead["tier"]; tier != "hot" && tier != "warm" && tier != "cold" {
		t.Errorf("lead %s: tier %v", id, tier)
	}
}

func TestShowSeededLeads(t *testing.T) {
	db := seededDB(t, 200)
	anyHistory := false
	for id := 1; id <= 40; id++ {
		var lead map[string]any
		if err := json.Unmarshal([]byte(mustLeadq(t, "show", "--db", db, "--json", strconv.Itoa(id))), &lead); err != nil {
			t.Fatal(err)
		}
		checkScoreAddsUp(t, strconv.Itoa(id), lead)
		if events, _ := lead["history"].([]any); len(events) > 0 {
			anyHistory = true
		}
		mustLeadq(t, "show", strconv.Itoa(id), "--db", db)
	}
	if !anyHistory {
		t.Error("no seeded lead shows any activity")
	}
}

func TestAddWarnsAboutDuplicateEmail(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	first := strings.TrimSpace(mustLeadq(t, "add", "--name", "Anna Schmidt", "--company", "Schmidt GmbH", "--email", "anna@schmidt.de", "--db", db))
	out, errOut, code := leadq(t, "add", "--name", "Anna Schmidt", "--company", "Schmidt GmbH", "--email", "Anna@Schmidt.DE", "--db", db)
	if code != 0 {
		t.Fatalf("a duplicate must still be added; exit %d, %s", code, errOut)
	}
	second := strings.TrimSpace(out)
	if second == first || second == "" {
		t.Fatalf("second add printed %q (first %s)", out, first)
	}
	if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, "lead "+first) {
		t.Fatalf("no duplicate warning naming lead %s: %q", first, errOut)
	}
}

func TestErrors(t *testing.T) {
	db := seededDB(t, 20)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"missing name", []string{"add", "--company", "Schmidt GmbH", "--db", db}, "--name"},
		{"missing both", []string{"add", "--db", db}, "--name and --company"},
		{"bad tier", []string{"list", "--tier", "lukewarm", "--db", db}, `unknown tier "lukewarm"`},
		{"bad stage", []string{"list", "--stage", "won", "--db", db}, `unknown stage "won"`},
		{"negative limit", []string{"list", "--limit", "-1", "--db", db}, "--limit"},
		{"no such lead", []string{"show", "99999", "--db", db}, "no lead 99999"},
		{"not an id", []string{"show", "abc", "--db", db}, `"abc" is not a lead id`},
		{"no id", []string{"show", "--db", db}, "one lead id"},
		{"bad flag", []string{"list", "--colour", "--db", db}, "list: unknown flag --colour (see leadq help list)"},
		{"mistyped flag", []string{"list", "--teir", "hot", "--db", db}, "list: unknown flag --teir (did you mean --tier?) (see leadq help list)"},
		{"mistyped command", []string{"lsit", "--db", db}, `unknown command "lsit": did you mean leadq list?`},
		{"shared flags first", []string{"--db", db, "show", "99999"}, "no lead 99999"},
		{"bad flag value", []string{"list", "--limit", "x", "--db", db}, `list: --limit: "x" is not a value it takes (see leadq help list)`},
		{"flag without its value", []string{"show", "1", "--db"}, "show: --db needs a value"},
		{"stray argument", []string{"list", "hot", "--db", db}, `unexpected argument "hot"`},
		{"seed nothing", []string{"seed", "--leads", "0", "--db", db}, "at least 1"},
		{"no database", []string{"list", "--db", filepath.Join(t.TempDir(), "typo.db")}, "there is no database"},
		{"missing config", []string{"list", "--config", filepath.Join(t.TempDir(), "none.toml"), "--db", db}, "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := leadq(t, tc.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if out != "" {
				t.Errorf("printed %q on stdout", out)
			}
			first, rest, _ := strings.Cut(errOut, "\n")
			if !strings.HasPrefix(first, "leadq: ") || !strings.Contains(first, tc.want) || rest != "" {
				t.Errorf("stderr %q, want a first line leadq: …%s…", errOut, tc.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out := mustLeadq(t, args...)
		if !strings.HasPrefix(out, "leadq ") || strings.Count(out, "\n") != 1 || out == "leadq dev\n" {
			t.Errorf("leadq %v printed %q", args, out)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		out, errOut, code := leadq(t, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "commands:") || !strings.Contains(out, "  show ") {
			t.Errorf("leadq %v: exit %d, stderr %q, stdout %q", args, code, errOut, out)
		}
	}
	for _, c := range (&app{}).commands() {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			out, errOut, code := leadq(t, args...)
			if code != 0 || errOut != "" || !strings.HasPrefix(out, "usage: leadq "+c.name) || !strings.Contains(out, "--db PATH") {
				t.Errorf("leadq %v: exit %d, stderr %q, stdout %q", args, code, errOut, out)
			}
		}
	}
	if out := mustLeadq(t, "version"); !strings.HasPrefix(out, "leadq ") {
		t.Errorf("version printed %q", out)
	}
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConfigResolution(t *testing.T) {
	dir := t.TempDir()
	cfgHome := filepath.Join(dir, "config")
	t.Setenv("XDG_CONFIG_HOME", cfgHome)
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))

	owner := func(flagPath string) string {
		t.Helper()
		cfg, _, err := loadConfig(flagPath)
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Owner
	}
	if got := owner(""); got != "" {
		t.Fatalf("without any file the defaults apply, got owner %q", got)
	}
	defaultPath := writeFile(t, filepath.Join(cfgHome, "leadq", "config.toml"), "owner = \"default\"\n")
	envPath := writeFile(t, filepath.Join(dir, "env.toml"), "owner = \"env\"\n")
	flagPath := writeFile(t, filepath.Join(dir, "flag.toml"), "owner = \"flag\"\ndb = \"flag.db\"\n")
	if got := owner(""); got != "default" {
		t.Errorf("default location: owner %q", got)
	}
	t.Setenv("LEADQ_CONFIG", envPath)
	if got := owner(""); got != "env" {
		t.Errorf("$LEADQ_CONFIG must beat the default location: owner %q", got)
	}
	if got := owner(flagPath); got != "flag" {
		t.Errorf("--config must beat $LEADQ_CONFIG: owner %q", got)
	}
	t.Setenv("LEADQ_CONFIG", filepath.Join(dir, "gone.toml"))
	if _, _, err := loadConfig(""); err == nil || !strings.Contains(err.Error(), "gone.toml") {
		t.Errorf("a missing $LEADQ_CONFIG file must be an error, got %v", err)
	}
	t.Setenv("LEADQ_CONFIG", "")
	os.Remove(defaultPath)

	// The database: --db, else $LEADQ_DB, else the config's db (next to the config), else the data directory.
	cfg := domain.DefaultConfig()
	cfg.DB = "rel/leads.db"
	cfgFile := filepath.Join(dir, "cfg", "config.toml")
	check := func(flagDB string, cfg domain.Config, want string) {
		t.Helper()
		got, err := resolveDB(flagDB, cfg, cfgFile)
		if err != nil || got != want {
			t.Errorf("resolveDB(%q, db=%q) = %q, %v; want %q", flagDB, cfg.DB, got, err, want)
		}
	}
	check("", cfg, filepath.Join(dir, "cfg", "rel", "leads.db"))
	t.Setenv("LEADQ_DB", filepath.Join(dir, "env.db"))
	check("", cfg, filepath.Join(dir, "env.db"))
	check(filepath.Join(dir, "flag.db"), cfg, filepath.Join(dir, "flag.db"))
	t.Setenv("LEADQ_DB", "")
	if runtime.GOOS != "darwin" {
		check("", domain.DefaultConfig(), filepath.Join(dir, "data", "leadq", "leads.db"))
		if fi, err := os.Stat(filepath.Join(dir, "data", "leadq")); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("data directory not created private: %v %v", fi, err)
		}
	}

	// End to end: a config's relative db lands next to the config file.
	id := strings.TrimSpace(mustLeadq(t, "add", "--config", flagPath, "--name", "Eva Braun", "--company", "Braun KG"))
	if _, err := os.Stat(filepath.Join(dir, "flag.db")); err != nil {
		t.Fatalf("add --config did not use the config's db: %v", err)
	}
	var lead map[string]any
	json.Unmarshal([]byte(mustLeadq(t, "show", id, "--json", "--db", filepath.Join(dir, "flag.db"), "--config", flagPath)), &lead)
	if lead["owner"] != "flag" {
		t.Errorf("the new lead's owner is %v, want the config's owner", lead["owner"])
	}
}

func TestConfigErrorsNameKeyAndLine(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), "owner = \"Anna\"\n\nbogus = 1\n")
	_, errOut, code := leadq(t, "list", "--config", cfg, "--db", filepath.Join(dir, "leads.db"))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, cfg) || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "bogus") {
		t.Fatalf("stderr %q, want the file, line 3 and the key", errOut)
	}
	if strings.Count(errOut, "\n") != 1 {
		t.Fatalf("stderr is not one line: %q", errOut)
	}
}

// With changed rules, list prints the order the new rules give, worked out
// in memory: the stored scores wait for the queue to bring them up to
// date, and the file is not written.
func TestNewRulesScoreListWithoutWriting(t *testing.T) {
	db := seededDB(t, 300)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, filepath.Join(t.TempDir(), "config.toml"), "[scoring]\nhot = 30\nwarm = 10\n")
	out, errOut, code := leadq(t, "list", "--json", "--config", cfg, "--db", db)
	if code != 0 || !strings.Contains(errOut, "scoring with the new rules") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var items []listItem
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 300 {
		t.Fatalf("%d items, %v", len(items), err)
	}
	for i, it := range items {
		want := domain.TierCold
		switch {
		case it.Score >= 30:
			want = domain.TierHot
		case it.Score >= 10:
			want = domain.TierWarm
		}
		if it.Tier != want {
			t.Fatalf("lead %d scores %d but is %s under hot = 30, warm = 10", it.ID, it.Score, it.Tier)
		}
		if i > 0 {
			prev := items[i-1]
			if queueRank(prev) > queueRank(it) || queueRank(prev) == queueRank(it) && prev.Score < it.Score {
				t.Fatalf("list is not in queue order at %d: %+v before %+v", i, prev, it)
			}
		}
	}
	var lead map[string]any
	if err := json.Unmarshal([]byte(mustLeadq(t, "show", strconv.FormatUint(items[0].ID, 10), "--json", "--config", cfg, "--db", db)), &lead); err != nil {
		t.Fatal(err)
	}
	checkScoreAddsUp(t, strconv.FormatUint(items[0].ID, 10), lead)
	if lead["score"].(float64) != float64(items[0].Score) {
		t.Errorf("show scores lead %d %v, list %d", items[0].ID, lead["score"], items[0].Score)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("list and show wrote to the file")
	}
}

func TestAddRefusesWhatTheFormRefuses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	base := []string{"add", "--name", "Anna Schmidt", "--company", "Schmidt GmbH", "--db", db}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--email", "bad@"}, "leadq: --email: bad@ is not an email address"},
		{[]string{"--phone", "abc"}, "leadq: --phone: abc is not a phone number"},
		{[]string{"--country", "Atlantis"}, "leadq: --country: Atlantis is not a country"},
		{[]string{"--postal-code", "1234", "--country", "DE"}, "leadq: --postal-code: 1234 is not a German postal code"},
		{[]string{"--website", "firma"}, "leadq: --website: firma is not a web address"},
	} {
		_, errOut, code := leadq(t, append(base, tc.args...)...)
		if code != 1 || !strings.HasPrefix(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("add %v: exit %d, stderr %q, want %q", tc.args, code, errOut, tc.want)
		}
	}
	if c := listJSON(t, "--db", db); len(c) != 0 {
		t.Fatalf("refused leads were stored: %+v", c)
	}
	id := strings.TrimSpace(mustLeadq(t, append(base, "--country", "Deutschland")...))
	var lead struct {
		Company struct {
			Country string `json:"country"`
		} `json:"company"`
		History []struct {
			Kind string `json:"kind"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(mustLeadq(t, "show", id, "--json", "--db", db)), &lead); err != nil {
		t.Fatal(err)
	}
	if lead.Company.Country != "DE" {
		t.Errorf("--country Deutschland was stored as %q, want DE", lead.Company.Country)
	}
	if len(lead.History) != 1 || lead.History[0].Kind != "created" {
		t.Errorf("a new lead's history is %+v, want one created event", lead.History)
	}
}

func TestAddWarnsAboutDuplicatePhone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	first := strings.TrimSpace(mustLeadq(t, "add", "--name", "Anna Schmidt", "--company", "Schmidt GmbH", "--phone", "+49 30 48163277", "--db", db))
	_, errOut, code := leadq(t, "add", "--name", "A. Schmidt", "--company", "Schmidt", "--phone", "030 48163277", "--country", "DE", "--db", db)
	if code != 0 || !strings.Contains(errOut, "lead "+first+" already has the phone +493048163277") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestSeedOnlyIntoAnEmptyDatabase(t *testing.T) {
	db := seededDB(t, 10)
	_, errOut, code := leadq(t, "seed", "--leads", "5", "--db", db)
	if code != 1 || !strings.Contains(errOut, "already holds 10 leads") || !strings.Contains(errOut, "--append") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	mustLeadq(t, "seed", "--leads", "5", "--append", "--db", db)
	if n := len(listJSON(t, "--db", db)); n != 15 {
		t.Fatalf("%d leads after --append, want 15", n)
	}
	_, errOut, code = leadq(t, "seed", "--leads", "10000001", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 1 || !strings.Contains(errOut, "at most 10000000") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestCheck(t *testing.T) {
	db := seededDB(t, 50)
	if out := mustLeadq(t, "check", "--db", db); out != "ok: 50 leads\n" {
		t.Fatalf("check printed %q", out)
	}
}

// TestHeldDatabase runs the real binary against a database this test holds.
func TestHeldDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build leadq with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "leadq")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Env = realEnv
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "leads.db")
	s, err := store.Open(db, store.Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.AddLead(&domain.Lead{Name: "Erste", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); err != nil {
		t.Fatal(err)
	}
	// With the database open here, as in the queue, other leadqs add and
	// list: each holds the file only while it works on it.
	for i := 0; i < 5; i++ {
		out, err := exec.Command(bin, "add", "--name", fmt.Sprintf("Lead %d", i), "--company", "Firma", "--db", db).CombinedOutput()
		if err != nil {
			t.Fatalf("add beside an open store: %v\n%s", err, out)
		}
	}
	if c, err := s.Counts(); err != nil || c.All() != 6 {
		t.Fatalf("this store sees %+v, %v: want the 6 leads", c, err)
	}
	s.Close()

	// A process that keeps the file busy past the busy timeout: one line
	// that says who it is.
	other, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	os.WriteFile(filepath.Join(dir, ".leads.db.lock-info"), []byte(`{"pid":4242,"command":"leadq import messe.csv","since":"2026-12-01T09:00:00Z"}`), 0o600)
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), "busy_timeout = \"300ms\"\n")
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "list", "--db", db, "--config", cfg)
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("leadq list on a busy database: %v, want exit status 1", err)
	}
	if !strings.Contains(stderr.String(), "leadq import messe.csv (pid 4242") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q", stderr.String())
	}
	if took < 300*time.Millisecond || took >= 2*time.Second {
		t.Errorf("gave up after %v, want the busy timeout of 300ms", took)
	}
}

func TestQueueNeedsATerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	_, errOut, code := leadq(t, "--db", db)
	if code != 1 || !strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("leadq without a terminal: exit %d, stderr %q", code, errOut)
	}
}

// A file cut short is one line on stderr and exit 1, for every command:
// bbolt would fault reading past its end.
func TestTruncatedDatabaseIsAnErrorNotACrash(t *testing.T) {
	db := seededDB(t, 300)
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.db")
	// Four pages and a bit: far less than 300 leads use.
	if err := os.WriteFile(cut, data[:4*16384+100], 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list"}, {"show", "1"}, {"check"}, {"add", "--name", "A", "--company", "B"}, {"export"}} {
		out, errOut, code := leadq(t, append(args, "--db", cut)...)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "cut off") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestCheckLeavesTheFileAsItIs(t *testing.T) {
	db := seededDB(t, 200)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"list"}, {"show", "3", "--json"}, {"export"}, {"plan", "1"}} {
		leadq(t, append(args, "--db", db)...)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("check, list, show, export or plan changed the file")
	}
}

// A file its user may only read: leadq reads it and says why it saves
// nothing. As root (who may write any file) the test runs the binary as
// nobody on a file of nobody's; for anyone else a 0400 file of their own.
func TestReadOnlyFileIsReadNotRefused(t *testing.T) {
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	mustLeadq(t, "add", "--name", "Anna Schmidt", "--company", "Schmidt GmbH", "--db", db)
	run := func(args ...string) (string, string, error) {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		if os.Geteuid() == 0 {
			cmd = exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", bin}, append(args, "--db", db)...)...)
		}
		cmd.Env = []string{"HOME=" + dir, "PATH=/usr/bin:/bin"}
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		return out.String(), errOut.String(), err
	}
	if os.Geteuid() == 0 {
		for _, p := range []string{dir, filepath.Dir(dir), filepath.Dir(bin)} {
			if err := os.Chmod(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if out, err := exec.Command("chown", "nobody:nogroup", db).CombinedOutput(); err != nil {
			t.Fatalf("cannot give the file to nobody: %v %s", err, out)
		}
	}
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := run("list")
	if err != nil || !strings.Contains(out, "Anna Schmidt") || !strings.Contains(errOut, "cannot be written: it is open read-only") {
		t.Fatalf("list of a read-only file: %v\nstdout %q\nstderr %q", err, out, errOut)
	}
	_, errOut, err = run("add", "--name", "B", "--company", "C")
	if err == nil || !strings.Contains(errOut, "read-only") || strings.Count(errOut, "\n") > 2 {
		t.Fatalf("add to a read-only file: %v, %q", err, errOut)
	}
}

// A damaged record: check names it and exits 1; check --repair keeps it out
// of a rebuilt file, keeps the damaged file, and check is ok again.
func TestCheckRepair(t *testing.T) {
	db := seededDB(t, 50)
	if out := mustLeadq(t, "check", "--repair", "--db", db); out != "ok: 50 leads, nothing to repair\n" {
		t.Fatalf("repair of a sound file: %q", out)
	}
	if kept, _ := filepath.Glob(db + ".damaged-*"); len(kept) != 0 {
		t.Fatalf("a repair of a sound file kept a copy: %v", kept)
	}
	raw, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key := binary.BigEndian.AppendUint64(nil, 5)
	err = raw.Update(func(tx *bolt.Tx) error {
		v := bytes.Clone(tx.Bucket([]byte("leads")).Get(key))
		v[len(v)/2] ^= 0x20
		return tx.Bucket([]byte("leads")).Put(key, v)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := leadq(t, "check", "--db", db)
	if code != 1 || !strings.Contains(out, "lead 5: the record of lead 5 is damaged") || !strings.Contains(errOut, "check --repair") {
		t.Fatalf("check of a damaged record: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = leadq(t, "check", "--repair", "--db", db)
	if code != 0 || !strings.Contains(out, "repaired: 49 leads") || !strings.Contains(out, "lead 5:") || !strings.Contains(out, "kept out") {
		t.Fatalf("check --repair: exit %d\n%s%s", code, out, errOut)
	}
	kept, _ := filepath.Glob(db + ".damaged-*")
	if len(kept) != 1 {
		t.Fatalf("damaged copies kept: %v", kept)
	}
	if out := mustLeadq(t, "check", "--db", db); out != "ok: 49 leads\n" {
		t.Fatalf("check after the repair: %q", out)
	}
	if n := len(listJSON(t, "--db", db)); n != 49 {
		t.Fatalf("list after the repair shows %d leads", n)
	}
}

// A mistake in [keys] or [theme] stops every command, not only the queue:
// one line naming the file and the key, exit 1, and nothing is written.
func TestKeyAndThemeMistakesStopEveryCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	mustLeadq(t, "add", "--db", db, "--name", "Anna Schmidt", "--company", "Schmidt KG")
	for _, tc := range []struct{ config, want string }{
		{"[keys]\ndown = [\"q\"]\n", `[keys] down = ["q"] clashes with quit`},
		{"[keys]\ncall = [\"ctrl+ä\"]\n", `"ctrl+ä" is no key`},
		{"[keys]\nfly = [\"x\"]\n", `[keys] fly is not an action`},
		{"[theme]\nhot = \"red\"\n", `[theme] hot = "red" is not a colour`},
	} {
		cfg := writeFile(t, filepath.Join(dir, "config.toml"), tc.config)
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"list"}, {"show", "1"}, {"add", "--name", "Ben Bauer", "--company", "Bauer AG"}, {"check"}, {}} {
			_, errOut, code := leadq(t, append(args, "--config", cfg, "--db", db)...)
			if code != 1 {
				t.Errorf("%q with %q: exit %d, want 1", args, tc.config, code)
			}
			if !strings.Contains(errOut, cfg+" line 2: ") || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%q with %q: stderr %q, want one line with the file, line 2 and %q", args, tc.config, errOut, tc.want)
			}
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Errorf("with %q a command wrote the database", tc.config)
		}
	}
	// The same keys moved out of each other's way are fine.
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), "[keys]\ndown = [\"n\"]\nnext_lead = [\"N\"]\n[theme]\nhot = \"#FF0000\"\n")
	mustLeadq(t, "list", "--config", cfg, "--db", db)
}

// With the queue open in a terminal, leadq add works beside it, twenty
// times, and every new lead shows in the open queue within two seconds.
func TestAddsShowInTheOpenQueue(t *testing.T) {
	tmuxPath := needTmux(t)
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	runBin(t, bin, "add", "--db", db, "--name", "Anna Schmidt", "--company", "Schmidt KG")
	term, _ := startLeadq(t, tmuxPath, bin, db, dir, "adds")
	term.waitText("3 Cold 1")
	term.key("4") // All: the new leads are cold, and All shows them all
	term.waitText("Anna Schmidt")
	start := time.Now()
	for i := 1; i <= 20; i++ {
		runBin(t, bin, "add", "--db", db, "--name", fmt.Sprintf("Neukunde %02d", i), "--company", fmt.Sprintf("Firma %02d GmbH", i))
	}
	added := time.Now()
	t.Logf("20 adds beside the open queue took %v", added.Sub(start).Round(time.Millisecond))
	deadline := added.Add(2 * time.Second)
	for {
		screen := term.capture()
		missing := 0
		for i := 1; i <= 20; i++ {
			if !strings.Contains(screen, fmt.Sprintf("Neukunde %02d", i)) {
				missing++
			}
		}
		if missing == 0 && strings.Contains(screen, "[4 All 21]") {
			t.Logf("all 20 adds on the open queue %v after the last one", time.Since(added).Round(10*time.Millisecond))
			break
		}
		if time.Now().After(deadline) {
			term.fatalf("2 s after 20 adds, %d of them are not on the open queue", missing)
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.key("q")
}

// One damaged queue entry does not hide the queue: list prints every other
// lead, then says what it left out and exits 1.
func TestListGoesOnPastADamagedEntry(t *testing.T) {
	db := seededDB(t, 50)
	raw, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bolt.Tx) error {
		q := tx.Bucket([]byte("queue"))
		k, v := q.Cursor().First()
		k = bytes.Clone(k)
		v = bytes.Clone(v)
		v[len(v)/2] ^= 0x10
		return q.Put(k, v)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := leadq(t, "list", "--db", db)
	if code != 1 || strings.Count(out, "\n") != 50 || !strings.Contains(errOut, "1 entry of the queue could not be read and was left out") {
		t.Fatalf("list past a damaged entry: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), errOut)
	}
}
