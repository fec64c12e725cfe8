package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMigratedShowKeepsEveryDatum opens the schema-1 fixture with today's
// leadq, which migrates it, and checks for every lead that each value its
// schema-1 `show --json` printed is still printed, at the path the table
// below maps it to.
func TestMigratedShowKeepsEveryDatum(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "schema1", "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "leads.db")
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := leadq(t, "list", "--db", db)
	if code != 0 || !strings.Contains(errOut, "the old file is kept as "+db+".v1") {
		t.Fatalf("the first command did not say it migrated the file: exit %d, %q", code, errOut)
	}
	for id := 1; id <= 45; id++ {
		oldJSON, err := os.ReadFile(filepath.Join("testdata", "schema1", "show", strconv.Itoa(id)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var old, now map[string]any
		if err := json.Unmarshal(oldJSON, &old); err != nil {
			t.Fatal(err)
		}
		out := mustLeadq(t, "show", strconv.Itoa(id), "--json", "--db", db)
		if err := json.Unmarshal([]byte(out), &now); err != nil {
			t.Fatal(err)
		}
		compareMigrated(t, id, old, now)
	}
}

// movedPaths maps schema-1 show --json paths to today's; a path not listed
// is where it was. Arrays are compared element by element under the same
// index, except the history, which compareHistory matches by time.
var movedPaths = map[string]string{
	"bant.budget_amount":    "bant.budget",
	"bant.budget_currency":  "bant.budget",
	"bant.budget_confirmed": "bant.budget_status",
}

func compareMigrated(t *testing.T, id int, old, now map[string]any) {
	t.Helper()
	oldFlat, nowFlat := map[string]any{}, map[string]any{}
	flatten("", old, oldFlat)
	flatten("", now, nowFlat)
	for path, v := range oldFlat {
		switch {
		case strings.HasPrefix(path, "activities.") || strings.HasPrefix(path, "stage_history."):
			continue // compareHistory
		case strings.HasPrefix(path, "rules.") || strings.HasPrefix(path, "score_parts."):
			continue // worked out again from the facts; checked to add up below
		}
		got, ok := nowFlat[pathFor(path)]
		if !sameValue(path, v, got, ok, oldFlat) {
			t.Errorf("lead %d: %s was %v, is now %v (present %v)", id, path, v, got, ok)
		}
	}
	compareHistory(t, id, old, now)
	checkScoreAddsUp(t, strconv.Itoa(id), now)
}

func pathFor(old string) string {
	if p, ok := movedPaths[old]; ok {
		return p
	}
	return old
}

// sameValue says whether today's value carries the old one.
func sameValue(path string, old, now any, present bool, oldFlat map[string]any) bool {
	switch path {
	case "bant.budget_amount":
		return present && now == fmt.Sprintf("%v.00 %v", old, oldFlat["bant.budget_currency"])
	case "bant.budget_currency":
		return present && strings.HasSuffix(now.(string), " "+old.(string))
	case "bant.budget_confirmed":
		return present && now == map[bool]string{true: "confirmed", false: "estimated"}[old.(bool)]
	case "bant.rep_estimate":
		if old.(float64) < 0 {
			return present && now == nil // "none" is null now
		}
	}
	if !present {
		return false
	}
	if s, ok := old.(string); ok {
		if ot, err := time.Parse(time.RFC3339Nano, s); err == nil {
			nt, err := time.Parse(time.RFC3339Nano, fmt.Sprint(now))
			return err == nil && ot.Truncate(time.Second).Equal(nt)
		}
	}
	return fmt.Sprint(old) == fmt.Sprint(now)
}

func flatten(prefix string, v any, out map[string]any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			flatten(join(prefix, k), x, out)
		}
	case []any:
		for i, x := range v {
			flatten(join(prefix, strconv.Itoa(i)), x, out)
		}
	default:
		out[prefix] = v
	}
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// compareHistory checks that every schema-1 activity and stage move is an
// event today, at the same time and by the same person: stage moves as
// stage-moved events (the activity that repeated a move included), touches
// as touch events of the same kind with their note, outcome and funnel, and
// the prose of fit, BANT and consent changes as typed events or remarks.
func compareHistory(t *testing.T, id int, old, now map[string]any) {
	t.Helper()
	var events []map[string]any
	for _, e := range now["history"].([]any) {
		events = append(events, e.(map[string]any))
	}
	used := map[int]bool{}
	find := func(at, by string, ok func(e map[string]any) bool) bool {
		want, _ := time.Parse(time.RFC3339Nano, at)
		for i, e := range events {
			got, _ := time.Parse(time.RFC3339Nano, e["at"].(string))
			if !used[i] && got.Equal(want.Truncate(time.Second)) && fmt.Sprint(e["by"]) == fmt.Sprint(orNil(by)) && ok(e) {
				used[i] = true
				return true
			}
		}
		return false
	}
	moves, _ := old["stage_history"].([]any)
	for _, m := range moves {
		m := m.(map[string]any)
		if !find(m["at"].(string), str(m["by"]), func(e map[string]any) bool {
			return e["kind"] == "stage-moved" && e["from"] == m["from"] && e["to"] == m["to"] && str(e["reason"]) == str(m["reason"])
		}) {
			t.Errorf("lead %d: stage move %v is not in the history", id, m)
		}
	}
	acts, _ := old["activities"].([]any)
	for _, a := range acts {
		a := a.(map[string]any)
		kind, note := a["kind"].(string), str(a["note"])
		var ok func(e map[string]any) bool
		switch kind {
		case "stage-change":
			// The move it repeated is matched above; it is kept as no event of its own.
			continue
		case "fit-change":
			ok = func(e map[string]any) bool {
				return e["kind"] == "fit-set" && strings.Contains(note, str(e["reason"])) || e["kind"] == "remark" && e["text"] == note
			}
		case "bant-update":
			ok = func(e map[string]any) bool {
				return e["kind"] == "bant-changed" || e["kind"] == "remark" && e["text"] == note
			}
		case "note":
			ok = func(e map[string]any) bool {
				return e["kind"] == "remark" && e["text"] == note || e["kind"] == "consent-changed" && strings.HasPrefix(note, "consent ")
			}
		default:
			ok = func(e map[string]any) bool {
				if e["kind"] != "touch" || e["touch"] != kind || str(e["outcome"]) != str(a["outcome"]) || str(e["funnel"]) != str(a["funnel"]) {
					return false
				}
				// A callback's time was written into the note; it is a field now.
				return str(e["note"]) == note || e["callback"] != nil && strings.HasSuffix(note, str(e["note"]))
			}
		}
		if !find(a["at"].(string), str(a["by"]), ok) {
			t.Errorf("lead %d: activity %v is not in the history", id, a)
		}
	}
	var left []string
	for i, e := range events {
		if !used[i] && e["kind"] != "created" {
			left = append(left, fmt.Sprint(e))
		}
	}
	sort.Strings(left)
	if len(left) > 0 {
		t.Errorf("lead %d: events that were not in schema 1: %v", id, left)
	}
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
