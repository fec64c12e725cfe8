package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// The plan flow drives the opportunity-plan editor in a real terminal: add
// a milestone through its form, move it up one place, add a competitor with
// a two-line field, quit; then it reads the plan back with leadq plan
// --markdown and leadq show --json.

// planLead is the part of leadq show --json the plan test reads.
type planLead struct {
	ID   uint64 `json:"id"`
	Plan *struct {
		Milestones  []domain.Milestone  `json:"milestones"`
		Competitors []domain.Competitor `json:"competitors"`
	} `json:"plan"`
}

func showPlanLead(t *testing.T, bin, db string, id uint64) (planLead, string) {
	t.Helper()
	out := runBin(t, bin, "show", strconv.FormatUint(id, 10), "--json", "--db", db)
	var l planLead
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	return l, out
}

// mdRow is the Markdown table row of cells, as leadq plan writes it.
func mdRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |"
}

func TestPlanEditorInTmux(t *testing.T) {
	tmuxPath := needTmux(t)
	began := time.Now()
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	runBin(t, bin, "seed", "--leads", "80", "--db", db)

	// An opportunity whose plan already has milestones, so the new one has
	// a place to move up to. The first one listed may have no plan yet.
	var items []listItem
	out := runBin(t, bin, "list", "--json", "--db", db, "--stage", "opportunity")
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	var lead listItem
	var before planLead
	for _, it := range items {
		l, _ := showPlanLead(t, bin, db, it.ID)
		if l.Plan != nil && len(l.Plan.Milestones) > 0 {
			lead, before = it, l
			break
		}
	}
	if lead.ID == 0 {
		t.Fatalf("none of the %d opportunities of the seed has a plan with milestones", len(items))
	}
	prevLast := before.Plan.Milestones[len(before.Plan.Milestones)-1].Name
	nMilestones, nCompetitors := len(before.Plan.Milestones), len(before.Plan.Competitors)
	t.Logf("working lead %d %q (%s): %d milestones, the last %q; %d competitors",
		lead.ID, lead.Name, lead.Company, nMilestones, prevLast, nCompetitors)

	term, exitFile := startLeadq(t, tmuxPath, bin, db, dir, "plan")
	term.waitText("1 Hot")

	term.openLead(lead)

	term.key("p")
	term.waitText("OPPORTUNITY PLAN")

	// A milestone, field by field.
	const (
		step  = "Rechtliche Prüfung 📜 „AGB“"
		due   = "15.03.2027"
		owner = "Sören Weiß"
	)
	term.key("4")
	term.waitText("[4 Milestones")
	term.key("a")
	term.waitText("New milestone")
	term.text(step) // Step
	term.key("Enter")
	term.text(due) // Due
	term.key("Enter")
	term.text(owner) // Owner
	term.key("Enter")
	term.waitText("Needs a calculation or approval?")
	term.key("Enter") // No, the default
	term.key("Left")  // Needs legal review? Yes
	term.key("Enter")
	term.key("Enter") // Done? No
	term.waitFor("the saved milestone", func(s string) bool {
		return strings.Contains(s, "milestone saved") && strings.Contains(s, step)
	})

	// Move it up one place, before the one that was last.
	term.key("G")
	term.waitFor("the new milestone under the cursor", func(s string) bool {
		return strings.Contains(selectedRow(s), step)
	})
	term.key("K")
	term.waitText("order saved")
	term.waitFor("the moved milestone under the cursor", func(s string) bool {
		f := strings.Fields(selectedRow(s))
		return len(f) > 2 && f[1] == strconv.Itoa(nMilestones) && strings.Contains(selectedRow(s), step)
	})

	// A competitor, with a two-line field.
	const (
		rival     = "proALPHA"
		strengths = "Großer Name\nBreites Portfolio 💼"
		planToWin = "Referenzkunde in Ulm zeigen"
	)
	term.key("6")
	term.waitText("[6 Competition")
	term.key("a")
	term.waitText("New competitor")
	term.text(rival) // Competitor
	term.key("Enter")
	term.keys("Enter", "Enter", "Enter") // History, Positioning, Strategy
	first, second, _ := strings.Cut(strings.TrimSpace(strengths), "\n")
	term.text(first) // Strengths
	term.key("M-Enter")
	term.text(second)
	term.waitFor("the two-line strengths", func(s string) bool {
		return strings.Contains(s, first) && strings.Contains(s, second)
	})
	term.keys("Enter", "Enter", "Enter") // Strengths, Weaknesses, Objections
	term.text(planToWin)                 // Our plan to win
	term.key("Enter")
	term.waitText("competitor saved")

	// Leave the plan, quit, and wait for the program to end.
	term.key("Escape")
	term.waitText("WHY THIS SCORE")
	term.key("q")
	term.waitExit(exitFile)

	// The plan as Markdown.
	md := runBin(t, bin, "plan", strconv.FormatUint(lead.ID, 10), "--markdown", "--db", db)
	var problems []string
	lines := strings.Split(md, "\n")
	section := func(heading string) []string {
		for i, l := range lines {
			if l == heading || strings.HasPrefix(l, heading+" ") {
				rest := lines[i+1:]
				for j, r := range rest {
					if strings.HasPrefix(r, "## ") {
						return rest[:j]
					}
				}
				return rest
			}
		}
		problems = append(problems, "no "+heading+" heading")
		return nil
	}
	d, _ := time.ParseInLocation("02.01.2006", due, time.Local)
	dueCell := d.Format("2 Jan 2006") // typed the German way, written the English way
	if time.Now().After(d.AddDate(0, 0, 1)) {
		dueCell += " (overdue)"
	}
	ms := section("## Milestones")
	wantRow := mdRow(strconv.Itoa(nMilestones), step, dueCell, "—", "yes", owner, "—")
	if i := slices.Index(ms, wantRow); i < 0 {
		problems = append(problems, fmt.Sprintf("## Milestones has no row %q", wantRow))
	} else if next := ""; i+1 >= len(ms) || !strings.HasPrefix(ms[i+1], mdRow(strconv.Itoa(nMilestones+1), prevLast)+" ") {
		if i+1 < len(ms) {
			next = ms[i+1]
		}
		problems = append(problems, fmt.Sprintf("the new milestone's row is followed by %q, want the row of %q (the last before the move)", next, prevLast))
	}
	cs := section("## Competition")
	wantRow = mdRow(rival, "—", "—", "—", "Großer Name<br>Breites Portfolio 💼", "—", "—", planToWin)
	if !slices.Contains(cs, wantRow) {
		problems = append(problems, fmt.Sprintf("## Competition has no row %q", wantRow))
	}

	// The plan as stored, byte for byte.
	after, _ := showPlanLead(t, bin, db, lead.ID)
	switch {
	case after.Plan == nil:
		problems = append(problems, "show --json has no plan")
	case len(after.Plan.Competitors) != nCompetitors+1:
		problems = append(problems, fmt.Sprintf("%d competitors, want %d", len(after.Plan.Competitors), nCompetitors+1))
	default:
		want := domain.Competitor{Name: rival, Strengths: strengths, PlanToWin: planToWin}
		if got := after.Plan.Competitors[nCompetitors]; got != want {
			problems = append(problems, fmt.Sprintf("plan.competitors[%d] = %#v, want %#v", nCompetitors, got, want))
		}
	}
	if len(problems) > 0 {
		plan, _ := json.MarshalIndent(after.Plan, "", "  ")
		t.Errorf("lead %d after the run:\n  %s\nplan --markdown:\n%s\nshow --json's plan:\n%s", lead.ID, strings.Join(problems, "\n  "), md, plan)
	}
	t.Logf("took %v", time.Since(began).Round(100*time.Millisecond))
}
