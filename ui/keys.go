package ui

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"

	"leadq/domain"
	"leadq/ui/i18n"
)

// KeyMap holds every binding of the app. Screens pick the ones they use
// for their help; all are rebindable from the config's [keys] section.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	NextTab, PrevTab                        key.Binding
	Tab1, Tab2, Tab3, Tab4, Tab5            key.Binding
	Open, Back, Search                      key.Binding
	Help, Quit, ForceQuit                   key.Binding

	// Working a lead.
	NextLead, BANT, Fit, Stage, Call, Notes key.Binding
	Touch, Consent, Edit, Add, Delete       key.Binding

	// Leads from a file: open the overlay, then complete the path, check
	// the file, import it, change the path or cancel.
	Import                                                               key.Binding
	ImportComplete, ImportCheck, ImportConfirm, ImportEdit, ImportCancel key.Binding

	// The opportunity plan.
	Plan, MoveUp, MoveDown, Export key.Binding

	// Forms: save from any field; the lead's next touch date.
	Save, FollowUp key.Binding

	// Where text is typed (a form, the search, a call's note or time):
	// take what was typed, or leave it.
	Accept, Cancel key.Binding

	// Erasing a person for good, at their request.
	Erase key.Binding

	// Answers to a question over the screen; the quit question has its own.
	Yes, No, SaveQuit, DiscardQuit key.Binding

	// The call picker: one key per outcome, the quick callback times and
	// a typed date and time.
	CallReached, CallNoAnswer, CallBusy, CallWrongNumber, CallCallback key.Binding
	Quick                                                              [3]key.Binding
	TypeTime                                                           key.Binding

	// The plan's sections by number.
	Section [6]key.Binding
}

// DefaultKeyMap is the vim-and-arrows layout reps expect from a terminal
// tool, its help in English.
func DefaultKeyMap() KeyMap { return KeyMapIn(i18n.For(i18n.English)) }

// KeyMapIn is the default layout with its help in the catalog's words:
// the keys are the same in every language, only what help says changes.
func KeyMapIn(tr *i18n.Catalog) KeyMap {
	k := KeyMap{
		Up:             key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "")),
		Down:           key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "")),
		PageUp:         key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "")),
		PageDown:       key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", "")),
		Top:            key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "")),
		Bottom:         key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "")),
		NextTab:        key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab", "")),
		PrevTab:        key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("shift+tab", "")),
		Tab1:           key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "")),
		Tab2:           key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "")),
		Tab3:           key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "")),
		Tab4:           key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "")),
		Tab5:           key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "")),
		Open:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
		Back:           key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "")),
		Search:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "")),
		Help:           key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "")),
		Quit:           key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "")),
		ForceQuit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "")),
		NextLead:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "")),
		BANT:           key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "")),
		Fit:            key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "")),
		Stage:          key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "")),
		Call:           key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "")),
		Notes:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "")),
		Touch:          key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "")),
		Consent:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "")),
		Edit:           key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "")),
		Add:            key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "")),
		Delete:         key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "")),
		Import:         key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "")),
		ImportComplete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "")),
		ImportCheck:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
		ImportConfirm:  key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "")),
		ImportEdit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "")),
		ImportCancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
		Plan:           key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "")),
		MoveUp:         key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "")),
		MoveDown:       key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "")),
		Export:         key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "")),
		Accept:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
		Save:           key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "")),
		FollowUp:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "")),
		Erase:          key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "")),

		Yes:         key.NewBinding(key.WithKeys("y", "j"), key.WithHelp("y", "")),
		No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "")),
		SaveQuit:    key.NewBinding(key.WithKeys("s", "y"), key.WithHelp("s", "")),
		DiscardQuit: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "")),

		CallReached:     key.NewBinding(key.WithKeys("r", "1"), key.WithHelp("r", "")),
		CallNoAnswer:    key.NewBinding(key.WithKeys("n", "2"), key.WithHelp("n", "")),
		CallBusy:        key.NewBinding(key.WithKeys("b", "3"), key.WithHelp("b", "")),
		CallWrongNumber: key.NewBinding(key.WithKeys("w", "4"), key.WithHelp("w", "")),
		CallCallback:    key.NewBinding(key.WithKeys("c", "5"), key.WithHelp("c", "")),
		Quick: [3]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "")),
		},
		TypeTime: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "")),

		Section: [6]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "")),
			key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "")),
			key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "")),
		},
	}
	for name, b := range k.actions() {
		b.SetHelp(b.Help().Key, tr.T("keys.help."+name))
	}
	return k
}

// actions are the bindings by the name of their help text: those of the
// config's [keys] and ctrl+c, which cannot be rebound.
func (k *KeyMap) actions() map[string]*key.Binding {
	all := k.bindings()
	all["force_quit"] = &k.ForceQuit
	return all
}

// bindings names every action as it is written in the config's [keys].
func (k *KeyMap) bindings() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "page_up": &k.PageUp, "page_down": &k.PageDown,
		"top": &k.Top, "bottom": &k.Bottom, "next_tab": &k.NextTab, "prev_tab": &k.PrevTab,
		"tab_hot": &k.Tab1, "tab_warm": &k.Tab2, "tab_cold": &k.Tab3, "tab_all": &k.Tab4, "tab_due": &k.Tab5,
		"open": &k.Open, "back": &k.Back, "search": &k.Search, "help": &k.Help, "quit": &k.Quit,
		"next_lead": &k.NextLead, "bant": &k.BANT, "fit": &k.Fit, "stage": &k.Stage, "call": &k.Call,
		"notes": &k.Notes, "touch": &k.Touch, "consent": &k.Consent, "edit": &k.Edit, "add": &k.Add,
		"delete": &k.Delete, "plan": &k.Plan, "move_up": &k.MoveUp, "move_down": &k.MoveDown, "export": &k.Export,
		"import": &k.Import, "save": &k.Save, "follow_up": &k.FollowUp, "erase": &k.Erase,
		"import_complete": &k.ImportComplete, "import_check": &k.ImportCheck, "import_confirm": &k.ImportConfirm,
		"import_edit": &k.ImportEdit, "import_cancel": &k.ImportCancel,
		"accept": &k.Accept, "cancel": &k.Cancel,
		"yes": &k.Yes, "no": &k.No, "save_and_quit": &k.SaveQuit, "discard_and_quit": &k.DiscardQuit,
		"call_reached": &k.CallReached, "call_no_answer": &k.CallNoAnswer, "call_busy": &k.CallBusy,
		"call_wrong_number": &k.CallWrongNumber, "call_callback": &k.CallCallback,
		"callback_quick_1": &k.Quick[0], "callback_quick_2": &k.Quick[1], "callback_quick_3": &k.Quick[2],
		"callback_type_time": &k.TypeTime,
		"plan_section_1":     &k.Section[0], "plan_section_2": &k.Section[1], "plan_section_3": &k.Section[2],
		"plan_section_4": &k.Section[3], "plan_section_5": &k.Section[4], "plan_section_6": &k.Section[5],
	}
}

// answers words the keys of a yes/no question: "y discard · n keep".
func (k *KeyMap) answers(yes, no string) string {
	return firstKey(k.Yes) + " " + yes + " · " + firstKey(k.No) + " " + no
}

// firstKey is the first key of a binding as help names it, for questions
// and hints: "esc" in English help, "Esc" in German.
func firstKey(b key.Binding) string {
	h := b.Help().Key
	if h == "" {
		if ks := b.Keys(); len(ks) > 0 {
			return ks[0]
		}
		return ""
	}
	// Keys are joined by "/", which is a key itself: "/" and "//s".
	if i := strings.Index(h[1:], "/"); i >= 0 {
		return h[:i+1]
	}
	return h
}

// nameKeys has help name the keys the way the catalog's keyboards label
// them ("Strg+S", "Enter", "Esc" in German) and name first the yes key of
// the language ("j" for ja) when it is one of the keys. The keys
// themselves stay as they are bound.
func (k *KeyMap) nameKeys(tr *i18n.Catalog) {
	for _, b := range k.actions() {
		b.SetHelp(keyLabel(tr, b.Help().Key), b.Help().Desc)
	}
	if yes := tr.T("keys.yes_key"); k.Yes.Help().Key != yes && slices.Contains(k.Yes.Keys(), yes) &&
		k.Yes.Help().Key == firstKey(k.Yes) {
		k.Yes.SetHelp(yes, k.Yes.Help().Desc)
	}
}

// keyNameIDs are the keys whose name the catalog words, by Bubble Tea's
// name of them.
var keyNameIDs = map[string]string{
	"enter": "keys.name.enter", "esc": "keys.name.esc", "tab": "keys.name.tab", "ctrl": "keys.name.ctrl",
	"alt": "keys.name.alt", "shift": "keys.name.shift", "backspace": "keys.name.backspace",
	"delete": "keys.name.delete", " ": "keys.name.space", "space": "keys.name.space", "pgup": "keys.name.pgup",
	"pgdn": "keys.name.pgdn", "pgdown": "keys.name.pgdn", "home": "keys.name.home", "end": "keys.name.end",
}

// keyLabel words a help key ("ctrl+s", "enter/y") in the catalog's names
// of keys; in German a letter after a modifier is written as the key cap
// shows it: "Strg+S".
func keyLabel(tr *i18n.Catalog, help string) string {
	if help == "" || strings.HasPrefix(help, "/") || strings.HasSuffix(help, "/") || strings.Contains(help, "//") {
		return help // "/" is a key, and the joint of keys: left as it is
	}
	keys := strings.Split(help, "/")
	for i, k := range keys {
		if k == " " {
			keys[i] = tr.T(keyNameIDs[k])
			continue
		}
		parts := strings.Split(k, "+")
		for j, p := range parts {
			if id, ok := keyNameIDs[p]; ok {
				parts[j] = tr.T(id)
			} else if j > 0 && j == len(parts)-1 && utf8.RuneCountInString(p) == 1 && tr.Lang() == i18n.German {
				parts[j] = strings.ToUpper(p)
			}
		}
		keys[i] = strings.Join(parts, "+")
	}
	return strings.Join(keys, "/")
}

// Apply rebinds actions from the config's [keys] section. An unknown
// action or an empty key list is an error that names it.
func (k *KeyMap) Apply(keys map[string][]string) error {
	all := k.bindings()
	names := make([]string, 0, len(keys))
	for name := range keys {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, ok := all[name]
		if !ok {
			known := make([]string, 0, len(all))
			for n := range all {
				known = append(known, n)
			}
			sort.Strings(known)
			return domain.Problemf("keys.error.not_action", "keys.%s is not an action (actions: %s)", name, strings.Join(known, ", "))
		}
		ks := keys[name]
		if len(ks) == 0 {
			return domain.Problemf("keys.error.no_key", "keys.%s needs at least one key", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	return nil
}
