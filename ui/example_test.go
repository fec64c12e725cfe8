package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// exampleSection returns the commented "# name = value" lines of a section
// of config.toml.example, uncommented.
func exampleSection(t *testing.T, section string) string {
	t.Helper()
	data, err := os.ReadFile("../config.toml.example")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n["+section+"]\n")
	if !ok {
		t.Fatalf("config.toml.example has no [%s]", section)
	}
	var out []string
	line := regexp.MustCompile(`^# (\w+\s*=\s*(\[.*\]|"[^"]*"))`)
	for _, l := range strings.Split(rest, "\n") {
		if strings.HasPrefix(l, "[") {
			break
		}
		if m := line.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		}
	}
	return strings.Join(out, "\n")
}

// The example documents every action with exactly its default keys.
func TestExampleKeysAreTheDefaults(t *testing.T) {
	var keys map[string][]string
	if _, err := toml.Decode(exampleSection(t, "keys"), &keys); err != nil {
		t.Fatal(err)
	}
	km := DefaultKeyMap()
	for name, b := range km.bindings() {
		got, ok := keys[name]
		if !ok {
			t.Errorf("config.toml.example does not document keys.%s", name)
			continue
		}
		if strings.Join(got, "|") != strings.Join(b.Keys(), "|") {
			t.Errorf("keys.%s: example says %q, default is %q", name, got, b.Keys())
		}
	}
	for name := range keys {
		if _, ok := km.bindings()[name]; !ok {
			t.Errorf("config.toml.example documents keys.%s, which is no action", name)
		}
	}
}

func TestExampleThemeIsTheDefault(t *testing.T) {
	var colours map[string]string
	if _, err := toml.Decode(exampleSection(t, "theme"), &colours); err != nil {
		t.Fatal(err)
	}
	def := DefaultTheme()
	th := DefaultTheme()
	if err := th.Apply(colours); err != nil {
		t.Fatal(err)
	}
	// Applying the example's dark colours changes nothing on a dark terminal.
	pairs := map[string][2]string{
		"hot": {th.Hot.Dark, def.Hot.Dark}, "warm": {th.Warm.Dark, def.Warm.Dark}, "cold": {th.Cold.Dark, def.Cold.Dark},
		"out": {th.Out.Dark, def.Out.Dark}, "accent": {th.Accent.Dark, def.Accent.Dark}, "muted": {th.Muted.Dark, def.Muted.Dark},
		"error": {th.Error.Dark, def.Error.Dark}, "overdue": {th.Overdue.Dark, def.Overdue.Dark}, "selected": {th.SelectedBg.Dark, def.SelectedBg.Dark},
	}
	for name, p := range pairs {
		if _, ok := colours[name]; !ok {
			t.Errorf("config.toml.example does not document theme.%s", name)
		}
		if p[0] != p[1] {
			t.Errorf("theme.%s: example %s, default %s", name, p[0], p[1])
		}
	}
}
