package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"leadq/domain"
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

// DefaultKeyMap is the vim-and-arrows layout reps expect from a terminal tool.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:             key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:           key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PageUp:         key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:       key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", "page down")),
		Top:            key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:         key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextTab:        key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab", "next tab")),
		PrevTab:        key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("shift+tab", "prev tab")),
		Tab1:           key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "hot")),
		Tab2:           key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "warm")),
		Tab3:           key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "cold")),
		Tab4:           key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "all")),
		Tab5:           key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "due")),
		Open:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open lead")),
		Back:           key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Search:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Help:           key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:           key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		NextLead:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next lead")),
		BANT:           key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "BANT")),
		Fit:            key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fit")),
		Stage:          key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "stage")),
		Call:           key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "log call")),
		Notes:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "enrichment notes")),
		Touch:          key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "log touch")),
		Consent:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "consent")),
		Edit:           key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "edit contact")),
		Add:            key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Delete:         key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Import:         key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import a file")),
		ImportComplete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		ImportCheck:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check the file")),
		ImportConfirm:  key.NewBinding(key.WithKeys("enter", "y"), key.WithHelp("enter/y", "import")),
		ImportEdit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "change the path")),
		ImportCancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Plan:           key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "opportunity plan")),
		MoveUp:         key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "move up")),
		MoveDown:       key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "move down")),
		Export:         key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export Markdown")),
		Accept:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Save:           key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		FollowUp:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "follow-up")),
		Erase:          key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "erase for good")),

		Yes:         key.NewBinding(key.WithKeys("y", "j"), key.WithHelp("y", "yes")),
		No:          key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
		SaveQuit:    key.NewBinding(key.WithKeys("s", "y"), key.WithHelp("s", "save and quit")),
		DiscardQuit: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard and quit")),

		CallReached:     key.NewBinding(key.WithKeys("r", "1"), key.WithHelp("r", domain.OutcomeReached.Label())),
		CallNoAnswer:    key.NewBinding(key.WithKeys("n", "2"), key.WithHelp("n", domain.OutcomeNoAnswer.Label())),
		CallBusy:        key.NewBinding(key.WithKeys("b", "3"), key.WithHelp("b", domain.OutcomeBusy.Label())),
		CallWrongNumber: key.NewBinding(key.WithKeys("w", "4"), key.WithHelp("w", domain.OutcomeWrongNumber.Label())),
		CallCallback:    key.NewBinding(key.WithKeys("c", "5"), key.WithHelp("c", domain.OutcomeCallback.Label())),
		Quick: [3]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "first quick time")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "second quick time")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "third quick time")),
		},
		TypeTime: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "type a date and time")),

		Section: [6]key.Binding{
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "team")),
			key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "profile")),
			key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "summary")),
			key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "milestones")),
			key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "persons")),
			key.NewBinding(key.WithKeys("6"), key.WithHelp("6", "competition")),
		},
	}
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

// firstKey is the first key of a binding, as help and questions show it.
func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return b.Help().Key
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
			return fmt.Errorf("keys.%s is not an action (actions: %s)", name, strings.Join(known, ", "))
		}
		ks := keys[name]
		if len(ks) == 0 {
			return fmt.Errorf("keys.%s needs at least one key", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	return nil
}
