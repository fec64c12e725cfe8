package ui

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
)

// The actions each screen answers to, as the config's [keys] names them:
// two of one screen on the same key would leave one of them dead. help and
// quit act everywhere.
var screenActions = []struct {
	name    string
	id      string // the name's message, for a clash in the user's language
	actions []string
	same    [][2]string // pairs that do the same thing there, so may share a key
	typing  bool        // help and quit do not act there
}{
	{name: "queue", id: "uiconfig.screen.queue", actions: []string{"up", "down", "page_up", "page_down", "top", "bottom", "next_tab", "prev_tab",
		"tab_hot", "tab_warm", "tab_cold", "tab_all", "tab_due", "open", "back", "search", "next_lead", "add", "import"}},
	{name: "lead", id: "uiconfig.screen.lead", actions: []string{"back", "next_lead", "bant", "fit", "stage", "consent", "touch", "edit", "call",
		"plan", "notes", "follow_up", "erase", "up", "down", "page_up", "page_down", "top", "bottom"}},
	{name: "notes", id: "uiconfig.screen.notes", actions: []string{"back", "up", "down", "add", "open", "edit", "delete"}, same: [][2]string{{"open", "edit"}}},
	{name: "plan", id: "uiconfig.screen.plan", actions: []string{"back", "next_tab", "prev_tab", "up", "down", "top", "bottom", "open", "edit", "add",
		"delete", "move_up", "move_down", "export", "plan_section_1", "plan_section_2", "plan_section_3",
		"plan_section_4", "plan_section_5", "plan_section_6"}, same: [][2]string{{"open", "edit"}}},
	// The call picker and the questions hold every key: help and quit do
	// not act there.
	{name: "call", id: "uiconfig.screen.call", typing: true, actions: []string{"back", "call_reached", "call_no_answer", "call_busy",
		"call_wrong_number", "call_callback"}},
	{name: "callback time", id: "uiconfig.screen.callback_time", typing: true, actions: []string{"back", "open", "callback_quick_1", "callback_quick_2",
		"callback_quick_3", "callback_type_time"}},
	{name: "import path", id: "uiconfig.screen.import_path", typing: true, actions: []string{"import_complete", "import_check", "import_cancel"}},
	{name: "import preview", id: "uiconfig.screen.import_preview", actions: []string{"import_confirm", "import_edit", "import_cancel"}},
	{name: "form", id: "uiconfig.screen.form", typing: true, actions: []string{"save", "cancel"}},
	{name: "search", id: "uiconfig.screen.search", typing: true, actions: []string{"accept", "cancel"}},
	{name: "callback typed time", id: "uiconfig.screen.callback_typed_time", typing: true, actions: []string{"accept", "cancel"}},
	{name: "call note", id: "uiconfig.screen.call_note", typing: true, actions: []string{"accept", "save", "cancel"}},
	{name: "question", id: "uiconfig.screen.question", typing: true, actions: []string{"yes", "no"}},
	{name: "quit question", id: "uiconfig.screen.quit_question", typing: true, actions: []string{"save_and_quit", "discard_and_quit", "no"}},
}

var everywhere = []string{"help", "quit"}

// CheckConfig reports every mistake in the config's [keys] and [theme]
// sections at once: an action or colour slot that does not exist, a key
// no terminal sends, two actions of one screen on the same key (naming
// both), a colour that is not one. Each is a *domain.ConfigError that
// names the key, with its Problem for the command line to word in the
// user's language.
func CheckConfig(cfg domain.Config) error {
	var errs []error
	bad := func(key string, p *domain.Problem) { errs = append(errs, configProblem(key, p)) }
	keys := DefaultKeyMap()
	all := keys.bindings()
	var known []string
	for n := range all {
		known = append(known, n)
	}
	sort.Strings(known)
	var actions []string
	for a := range cfg.Keys {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	for _, a := range actions {
		ks := cfg.Keys[a]
		b, ok := all[a]
		switch {
		case !ok:
			bad("keys."+a, domain.Problemf("uiconfig.not_action", "[keys] %s is not an action (actions: %s)", a, strings.Join(known, ", ")))
			continue
		case len(ks) == 0:
			bad("keys."+a, domain.Problemf("uiconfig.no_key", "[keys] %s needs at least one key", a))
			continue
		}
		valid := true
		for _, k := range ks {
			if !isKey(k) {
				bad("keys."+a, domain.Problemf("uiconfig.bad_key", "[keys] %s = %s: %s is no key (keys are written like \"x\", \"X\", \"ctrl+x\", \"alt+x\", \"enter\", \"f5\", \"shift+tab\", \" \")", a, keyList(ks), strconv.Quote(k)))
				valid = false
			}
		}
		if valid {
			b.SetKeys(ks...)
		}
	}
	errs = append(errs, clashes(cfg.Keys, all, keys.ForceQuit.Keys())...)
	theme := DefaultTheme()
	if err := theme.Apply(cfg.Theme); err != nil {
		errs = append(errs, domain.Errors(err)...)
	}
	return errors.Join(errs...)
}

// clashes finds the keys that two actions of one screen share, where the
// config rebound at least one of them; each pair is named once.
func clashes(rebound map[string][]string, all map[string]*key.Binding, forceQuit []string) []error {
	var errs []error
	seen := map[[2]string]bool{}
	for _, sc := range screenActions {
		names := slices.Clone(sc.actions)
		if !sc.typing {
			names = append(names, everywhere...)
		}
		owner := map[string]string{}
		for _, k := range forceQuit {
			owner[k] = "quit"
		}
		// Rebound actions last, so the message names the one the config
		// changed first: down = ["q"] clashes with quit.
		sort.SliceStable(names, func(i, j int) bool {
			_, ri := rebound[names[i]]
			_, rj := rebound[names[j]]
			return !ri && rj
		})
		for _, a := range names {
			for _, k := range all[a].Keys() {
				other, taken := owner[k]
				if !taken {
					owner[k] = a
					continue
				}
				if other == a || slices.Contains(sc.same, [2]string{a, other}) || slices.Contains(sc.same, [2]string{other, a}) {
					continue
				}
				_, ra := rebound[a]
				_, ro := rebound[other]
				pair := [2]string{min(a, other), max(a, other)}
				if !ra && !ro || seen[pair] {
					continue
				}
				seen[pair] = true
				// The screen's name is a message of its own, worded in turn.
				screen := &domain.Problem{ID: sc.id, Format: sc.name}
				p := domain.Problemf("uiconfig.clash", "[keys] %s = %s clashes with %s: both are %s on the %s screen", a, keyList(all[a].Keys()), other, strconv.Quote(k), screen)
				errs = append(errs, configProblem("keys."+a, p))
			}
		}
	}
	return errs
}

// configProblem is a mistake in [keys] or [theme]: a *domain.ConfigError,
// which says where it is (the command line gives it its line), with the
// *domain.Problem it is, for the words in the user's language.
func configProblem(key string, p *domain.Problem) error {
	return &domain.ConfigError{Key: key, Msg: p.Error(), Problem: p}
}

// keyList writes keys as the config does: ["q", "x"].
func keyList(ks []string) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = strconv.Quote(k)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// keyNames are the names Bubble Tea gives the keys that are not letters.
var keyNames = func() map[string]bool {
	names := map[string]bool{}
	for t := tea.KeyType(-200); t <= 200; t++ {
		if s := t.String(); s != "" && t != tea.KeyRunes {
			names[s] = true
		}
	}
	return names
}()

// isKey says whether a terminal can send k as Bubble Tea names it: one
// printable character, a named key such as "enter" or "ctrl+a", either
// with "alt+" in front.
func isKey(k string) bool {
	k = strings.TrimPrefix(k, "alt+")
	if keyNames[k] {
		return true
	}
	r, size := utf8.DecodeRuneInString(k)
	return size == len(k) && r != utf8.RuneError && unicode.IsPrint(r) && !unicode.IsSpace(r)
}
