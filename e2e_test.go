package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// The agent flow drives the real binary in a real terminal (tmux) the way a
// call agent works a lead: find it, log a callback, fill BANT, move it to
// SQL, quit; then it reads the lead back with leadq show --json.

const (
	keyPause    = 80 * time.Millisecond // one key at a time, as a person types
	pollEvery   = 100 * time.Millisecond
	waitTimeout = 10 * time.Second
)

// buildLeadq builds the program into a temporary directory, with the test's
// environment but the real home and caches, so the build cache is used.
// needTmux is the tmux the terminal tests drive; outside CI a machine
// without it skips them, in CI they fail (.ci/run installs it).
func needTmux(t *testing.T) string {
	t.Helper()
	tmuxPath, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("tmux is not installed")
		}
		t.Fatal("tmux is not installed, and CI must run the terminal tests (.ci/run installs it)")
	}
	return tmuxPath
}

func buildLeadq(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go tool to build leadq with: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "leadq")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Env = withRealHome(os.Environ())
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// withRealHome puts back the variables TestMain hid from the tests.
func withRealHome(env []string) []string {
	orig := map[string]string{}
	for _, kv := range realEnv {
		if k, v, ok := strings.Cut(kv, "="); ok {
			orig[k] = v
		}
	}
	hidden := []string{"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "GOCACHE", "GOMODCACHE", "GOPATH"}
	out := slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return slices.Contains(hidden, k)
	})
	for _, k := range hidden {
		if v, ok := orig[k]; ok {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// runBin runs the built program and returns its standard output.
func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("leadq %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// terminal is a tmux pane that runs leadq, and the last screen read from it.
type terminal struct {
	t      *testing.T
	tmux   string
	socket string
	env    []string
	target string
	screen string
}

func (term *terminal) run(args ...string) (string, error) {
	cmd := exec.Command(term.tmux, append([]string{"-L", term.socket, "-f", os.DevNull}, args...)...)
	cmd.Env = term.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return string(out), nil
}

// fatalf fails the test with the last screen the program showed.
func (term *terminal) fatalf(format string, args ...any) {
	term.t.Helper()
	term.t.Fatalf("%s\n--- last screen ---\n%s\n-------------------", fmt.Sprintf(format, args...), term.screen)
}

func (term *terminal) capture() string {
	term.t.Helper()
	out, err := term.run("capture-pane", "-p", "-t", term.target)
	if err != nil {
		term.fatalf("%v", err)
	}
	term.screen = out
	return out
}

// key presses one key (a tmux key name such as Enter, Home, C-u or a letter).
func (term *terminal) key(k string) {
	term.t.Helper()
	if _, err := term.run("send-keys", "-t", term.target, k); err != nil {
		term.fatalf("%v", err)
	}
	time.Sleep(keyPause)
}

// keys presses each key in turn.
func (term *terminal) keys(ks ...string) {
	term.t.Helper()
	for _, k := range ks {
		term.key(k)
	}
}

// text types s literally.
func (term *terminal) text(s string) {
	term.t.Helper()
	if _, err := term.run("send-keys", "-t", term.target, "-l", s); err != nil {
		term.fatalf("%v", err)
	}
	time.Sleep(keyPause)
}

// waitFor polls the screen until ok holds.
func (term *terminal) waitFor(what string, ok func(screen string) bool) string {
	term.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := term.capture()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			term.fatalf("waited %v for %s", waitTimeout, what)
		}
		time.Sleep(pollEvery)
	}
}

func (term *terminal) waitText(want string) string {
	term.t.Helper()
	return term.waitFor(fmt.Sprintf("%q on the screen", want), func(s string) bool { return strings.Contains(s, want) })
}

// replace clears the focused text input and types s.
func (term *terminal) replace(s string) {
	term.t.Helper()
	term.keys("End", "C-u")
	term.text(s)
}

// choose picks option i of the focused select (Home goes to the first).
func (term *terminal) choose(next string, i int) {
	term.t.Helper()
	term.key("Home")
	for range i {
		term.key(next)
	}
}

// selectedRow is the queue row under the cursor.
func selectedRow(screen string) string {
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "▸") {
			return line
		}
	}
	return ""
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// tomorrowNine is the quick callback "tomorrow 09:00" as seen at now.
func tomorrowNine(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 9, 0, 0, 0, now.Location())
}

// e2eLead is the part of leadq show --json this test checks.
type e2eLead struct {
	ID    uint64 `json:"id"`
	Name  string `json:"name"`
	Stage string `json:"stage"`
	BANT  struct {
		Budget        string `json:"budget"`
		BudgetStatus  string `json:"budget_status"`
		Authority     string `json:"authority"`
		AuthorityRole string `json:"authority_role"`
		Need          string `json:"need"`
		Urgency       string `json:"urgency"`
		Timeline      string `json:"timeline"`
		RepEstimate   *int   `json:"rep_estimate"`
	} `json:"bant"`
	Callback *struct {
		At   time.Time `json:"at"`
		Note string    `json:"note"`
	} `json:"callback"`
	History []struct {
		Kind     string     `json:"kind"`
		At       time.Time  `json:"at"`
		Touch    string     `json:"touch"`
		Outcome  string     `json:"outcome"`
		Note     string     `json:"note"`
		Callback *time.Time `json:"callback"`
		From     any        `json:"from"`
		To       any        `json:"to"`
		Reason   string     `json:"reason"`
	} `json:"history"`
}

func TestAgentFlowInTmux(t *testing.T) {
	tmuxPath := needTmux(t)
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	runBin(t, bin, "seed", "--leads", "50", "--db", db)

	// A lead at SAL can move straight to SQL; from MQL it goes via SAL.
	var lead listItem
	for _, stage := range []string{"sal", "mql"} {
		var items []listItem
		out := runBin(t, bin, "list", "--json", "--db", db, "--stage", stage, "--limit", "1")
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("list --json: %v\n%s", err, out)
		}
		if len(items) > 0 {
			lead = items[0]
			break
		}
	}
	if lead.ID == 0 {
		t.Fatal("the seed has no lead at SAL or MQL")
	}
	t.Logf("working lead %d %q (%s) at %s", lead.ID, lead.Name, lead.Company, lead.Stage.Label())

	start := time.Now()
	term, exitFile := startLeadq(t, tmuxPath, bin, db, dir, "agent")

	term.waitText("1 Hot")

	term.openLead(lead)

	// A callback tomorrow at 09:00, with a note.
	const callNote = "Rückruf nach Messe 🚀"
	beforeCall := time.Now() // the picker offers its quick times from now on
	term.key("c")
	term.waitText("How did it go?")
	term.key("c")
	term.waitText("tomorrow 09:00")
	term.key("2")
	term.waitText("Outcome: callback at")
	term.text(callNote)
	term.key("Enter")
	term.waitText("call (callback) saved")
	afterCall := time.Now()

	// BANT, field by field.
	term.key("b")
	term.waitText("BANT — ")
	term.replace("50.000") // Budget
	term.key("Enter")
	term.replace("EUR") // Currency
	term.key("Enter")
	term.choose("Right", 3) // The budget is: not asked, no budget, estimated, confirmed
	term.key("Enter")
	term.choose("Right", 1) // Authority: unknown, decision maker, …
	term.key("Enter")
	term.replace("Geschäftsführerin") // Contact's role
	term.key("Enter")
	term.replace("Rüstzeiten halbieren") // Need
	term.key("Enter")
	term.choose("Right", 3) // Urgency: unknown, low, medium, high
	term.key("Enter")
	term.replace("Q3/2027") // Timeline
	term.key("Enter")
	term.replace("60") // Your estimate
	term.waitFor("the filled BANT form", func(s string) bool {
		for _, want := range []string{"confirmed", "decision maker", "> Geschäftsführerin", "> Rüstzeiten halbieren", "high", "> Q3/2027", "> 60"} {
			if !strings.Contains(s, want) {
				return false
			}
		}
		return true
	})
	term.key("Enter")
	term.waitText("BANT saved")

	// Move the lead to SQL (from MQL via SAL).
	from := lead.Stage
	for _, to := range []domain.Stage{domain.StageSAL, domain.StageSQL} {
		if to <= from {
			continue
		}
		reason := ""
		if to == domain.StageSQL {
			reason = "Bedarf bestätigt"
		}
		// The stage form offers the next stage forward first.
		offered := domain.AllowedMoves(from)
		if fwd, ok := domain.ForwardMove(from); ok {
			offered = append([]domain.Stage{fwd}, slices.DeleteFunc(offered, func(s domain.Stage) bool { return s == fwd })...)
		}
		i := slices.Index(offered, to)
		if i < 0 {
			term.fatalf("%s → %s is not an allowed move", from.Label(), to.Label())
		}
		term.key("s")
		term.waitText("Stage " + from.Label() + " →")
		term.choose("Down", i)
		term.key("Enter") // on to the reason
		if reason != "" {
			term.text(reason)
		}
		term.key("Enter")
		term.waitText("stage " + to.Label() + " saved")
		from = to
	}

	// Quit and wait for the program to end.
	term.key("q")
	term.waitExit(exitFile)

	// Everything typed must be stored, byte for byte.
	out := runBin(t, bin, "show", strconv.FormatUint(lead.ID, 10), "--json", "--db", db)
	var got e2eLead
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		term.fatalf("show --json: %v\n%s", err, out)
	}
	var problems []string
	check := func(what string, got, want any) {
		if got != want {
			problems = append(problems, fmt.Sprintf("%s = %#v, want %#v", what, got, want))
		}
	}
	b := got.BANT
	check("bant.budget", b.Budget, "50000.00 EUR")
	check("bant.budget_status", b.BudgetStatus, "confirmed")
	check("bant.authority", b.Authority, "decision-maker")
	check("bant.authority_role", b.AuthorityRole, "Geschäftsführerin")
	check("bant.need", b.Need, "Rüstzeiten halbieren")
	check("bant.urgency", b.Urgency, "high")
	check("bant.timeline", b.Timeline, "Q3 2027")
	if b.RepEstimate == nil {
		problems = append(problems, "bant.rep_estimate is null, want 60")
	} else {
		check("bant.rep_estimate", *b.RepEstimate, 60)
	}
	check("stage", got.Stage, "sql")
	var last *struct {
		from, to any
		reason   string
	}
	for _, e := range got.History {
		if e.Kind == "stage-moved" {
			last = &struct {
				from, to any
				reason   string
			}{e.From, e.To, e.Reason}
		}
	}
	if last == nil {
		problems = append(problems, "the history has no stage move")
	} else {
		check("last stage move from", last.from, "sal")
		check("last stage move to", last.to, "sql")
		check("last stage move reason", last.reason, "Bedarf bestätigt")
	}
	if got.Callback == nil {
		problems = append(problems, "no callback")
	} else {
		if at := got.Callback.At; !at.Equal(tomorrowNine(beforeCall)) && !at.Equal(tomorrowNine(afterCall)) {
			problems = append(problems, fmt.Sprintf("callback.at = %v, want tomorrow 09:00 local time (%v)", at, tomorrowNine(beforeCall)))
		}
		check("callback.note", got.Callback.Note, callNote)
	}
	// Only what this run logged counts: the seed has calls of its own.
	var call, bantUpdate bool
	for _, a := range got.History {
		if a.At.Before(start.Add(-time.Second)) {
			continue
		}
		switch {
		case a.Kind == "touch" && a.Touch == "call" && a.Outcome == "callback" && a.Note == callNote && a.Callback != nil:
			call = true
		case a.Kind == "bant-changed":
			bantUpdate = true
		}
	}
	if !call {
		problems = append(problems, "no call with outcome callback and the note was logged")
	}
	if !bantUpdate {
		problems = append(problems, "no BANT change was recorded")
	}
	if len(problems) > 0 {
		term.fatalf("lead %d after the run:\n  %s\nshow --json:\n%s", lead.ID, strings.Join(problems, "\n  "), out)
	}
}

// startLeadq runs leadq on db in a fresh 100×30 tmux pane; the shell writes
// leadq's exit status to the returned file when it ends.
func startLeadq(t *testing.T, tmuxPath, bin, db, dir, name string) (*terminal, string) {
	t.Helper()
	// tmux runs the pane's command with $SHELL: make it a POSIX one.
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "TMUX=") || strings.HasPrefix(kv, "TMUX_PANE=") || strings.HasPrefix(kv, "SHELL=")
	})
	env = append(env, "SHELL=/bin/sh")
	term := &terminal{t: t, tmux: tmuxPath, socket: fmt.Sprintf("leadq-e2e-%s-%d", name, os.Getpid()), env: env, target: "leadq"}
	term.run("kill-server") // a leftover of an earlier run with the same pid
	// The shell waits for leadq and writes down its exit status: tmux's own
	// pane_dead_status can lag behind or stay empty.
	exitFile := filepath.Join(dir, "exit-status")
	program := fmt.Sprintf("env TERM=xterm-256color NO_COLOR=1 %s --db %s; echo $? >%s.new && mv %s.new %s",
		shellQuote(bin), shellQuote(db), shellQuote(exitFile), shellQuote(exitFile), shellQuote(exitFile))
	if _, err := term.run("new-session", "-d", "-s", term.target, "-x", "100", "-y", "30", program,
		";", "set-option", "-t", term.target, "remain-on-exit", "on"); err != nil {
		t.Fatal(err)
	}
	socket, _ := term.run("display-message", "-p", "#{socket_path}")
	t.Cleanup(func() {
		term.run("kill-server")
		if socket = strings.TrimSpace(socket); socket != "" {
			os.Remove(socket)
		}
	})
	return term, exitFile
}

// waitExit waits for leadq to end with status 0.
func (term *terminal) waitExit(exitFile string) {
	term.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		if status, err := os.ReadFile(exitFile); err == nil {
			if code := strings.TrimSpace(string(status)); code != "0" {
				term.capture()
				term.fatalf("leadq ended with exit status %s", code)
			}
			return
		}
		if time.Now().After(deadline) {
			term.capture()
			term.fatalf("leadq has not ended %v after q", waitTimeout)
		}
		time.Sleep(pollEvery)
	}
}

// openLead finds a lead by its name with the search, as a rep would, and
// opens it.
func (term *terminal) openLead(lead listItem) {
	term.key("/")
	term.text(lead.Name)
	company := firstRunes(lead.Company, 12)
	term.waitFor("the search results", func(s string) bool {
		return (strings.Contains(s, "matches in all leads") || strings.Contains(s, "1 match in all leads")) && strings.Contains(s, lead.Name)
	})
	for i := 0; !strings.Contains(selectedRow(term.screen), lead.Name) || !strings.Contains(selectedRow(term.screen), company); i++ {
		if i == 20 {
			term.fatalf("lead %q (%s) is not among the search results", lead.Name, company)
		}
		term.key("Down")
		term.capture()
	}
	term.key("Enter") // leave the search field
	term.key("Enter") // open the lead
	term.waitFor("the lead screen of "+lead.Name, func(s string) bool {
		return strings.Contains(s, lead.Name) && strings.Contains(s, company) &&
			strings.Contains(s, lead.Email) && strings.Contains(s, "WHY THIS SCORE")
	})
}
