package ui

import (
	"strings"
	"testing"

	"leadq/domain"
)

func TestCheckConfig(t *testing.T) {
	for _, tc := range []struct {
		name  string
		keys  map[string][]string
		theme map[string]string
		want  []string // each must be in the error; none: no error
	}{
		{name: "defaults"},
		{name: "swapped", keys: map[string][]string{"up": {"j"}, "down": {"k"}}},
		{name: "moved out of the way", keys: map[string][]string{"down": {"n"}, "up": {"y"}, "next_lead": {"N"}}},
		{name: "edit on enter: the lead screen has no open", keys: map[string][]string{"edit": {"enter"}}},
		{name: "reverse video", theme: map[string]string{"selected": ""}},
		{name: "colours", theme: map[string]string{"hot": "#FF0000", "selected": "#444444"}},
		{name: "clash with quit", keys: map[string][]string{"down": {"q"}},
			want: []string{`[keys] down = ["q"] clashes with quit: both are "q" on the queue screen`}},
		{name: "clash with ctrl+c", keys: map[string][]string{"call": {"ctrl+c"}},
			want: []string{`[keys] call = ["ctrl+c"] clashes with quit`}},
		{name: "clash on the plan", keys: map[string][]string{"move_up": {"a"}},
			want: []string{`[keys] move_up = ["a"] clashes with add: both are "a" on the plan screen`}},
		{name: "two rebound onto one key", keys: map[string][]string{"bant": {"z"}, "fit": {"z"}},
			want: []string{`clashes with`, `"z" on the lead screen`}},
		{name: "clash in a question", keys: map[string][]string{"yes": {"n"}},
			want: []string{`[keys] yes = ["n"] clashes with no: both are "n" on the question screen`}},
		{name: "clash in the call picker", keys: map[string][]string{"call_busy": {"r"}},
			want: []string{`[keys] call_busy = ["r"] clashes with call_reached: both are "r" on the call screen`}},
		{name: "clash among the plan sections", keys: map[string][]string{"plan_section_6": {"1"}},
			want: []string{`[keys] plan_section_6 = ["1"] clashes with plan_section_1: both are "1" on the plan screen`}},
		{name: "q answers a question: quit does not act there", keys: map[string][]string{"yes": {"q"}}},
		{name: "no such key", keys: map[string][]string{"call": {"ctrl+ä"}},
			want: []string{`[keys] call = ["ctrl+ä"]: "ctrl+ä" is no key`}},
		{name: "a word is no key", keys: map[string][]string{"search": {"space"}},
			want: []string{`"space" is no key`}},
		{name: "no such action", keys: map[string][]string{"fly": {"x"}},
			want: []string{`[keys] fly is not an action`}},
		{name: "no keys", keys: map[string][]string{"fit": {}},
			want: []string{`[keys] fit needs at least one key`}},
		{name: "bad colour", theme: map[string]string{"hot": "red"},
			want: []string{`[theme] hot = "red" is not a colour like "#FF5F5F"`}},
		{name: "no such slot", theme: map[string]string{"sparkle": "#FFFFFF"},
			want: []string{`[theme] sparkle is not a colour slot`}},
		{name: "every mistake at once", keys: map[string][]string{"down": {"q"}, "call": {"ctrl+ä"}}, theme: map[string]string{"hot": "red"},
			want: []string{`down = ["q"] clashes with quit`, `"ctrl+ä" is no key`, `hot = "red"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := domain.DefaultConfig()
			cfg.Keys, cfg.Theme = tc.keys, tc.theme
			err := CheckConfig(cfg)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("CheckConfig: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckConfig accepted %v %v", tc.keys, tc.theme)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// Every key the default layout uses is one CheckConfig knows, so a config
// that writes them out is accepted.
func TestDefaultKeysAreKeys(t *testing.T) {
	km := DefaultKeyMap()
	keys := map[string][]string{}
	for name, b := range km.bindings() {
		for _, k := range b.Keys() {
			if !isKey(k) {
				t.Errorf("%s: default key %q is not known as a key", name, k)
			}
		}
		keys[name] = b.Keys()
	}
	cfg := domain.DefaultConfig()
	cfg.Keys = keys
	if err := CheckConfig(cfg); err != nil {
		t.Fatalf("the default keys written out: %v", err)
	}
}
