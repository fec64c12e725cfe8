package ui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Component is every screen and overlay: a model that names its keys for
// the help bar and takes the size it is given.
type Component interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// Focus says how much of the keyboard a component holds right now.
type Focus int

const (
	// FocusFree: the root's keys (quit, help) act before the component's.
	FocusFree Focus = iota
	// FocusText: a text field, form or question has every key but ctrl+c;
	// q typed into a name is a letter.
	FocusText
	// FocusBusy: work is under way; only quit and ctrl+c act.
	FocusBusy
)

// What a component may also tell the one that holds it.
type (
	focuser    interface{ Focus() Focus }
	quitGuard  interface{ GuardQuit() bool }  // true: it asked about unsaved input instead
	positioner interface{ Position() string } // where the rep is, for the status bar
	progresser interface{ Progress() string } // work under way, for the status bar
)

func focusOf(c Component) Focus {
	if f, ok := c.(focuser); ok {
		return f.Focus()
	}
	return FocusFree
}

// stack is screens or overlays one over the other: the top one gets the
// keys, draws and names the help.
type stack struct{ layers []Component }

func (s *stack) push(c Component) { s.layers = append(s.layers, c) }

func (s *stack) pop() {
	if len(s.layers) > 0 {
		s.layers = s.layers[:len(s.layers)-1]
	}
}

// popTo keeps the n lowest layers.
func (s *stack) popTo(n int) {
	if len(s.layers) > n {
		s.layers = s.layers[:n]
	}
}

func (s *stack) len() int { return len(s.layers) }

// top is the layer with focus, nil when there is none.
func (s *stack) top() Component {
	if len(s.layers) == 0 {
		return nil
	}
	return s.layers[len(s.layers)-1]
}

// updateTop hands msg to the top layer. A layer may push another over
// itself or close itself while it updates.
func (s *stack) updateTop(msg tea.Msg) tea.Cmd {
	if len(s.layers) == 0 {
		return nil
	}
	return s.update(len(s.layers)-1, msg)
}

// updateAll hands msg to every layer, bottom first: answers of the store
// find the layer that asked, whatever is over it.
func (s *stack) updateAll(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, c := range append([]Component(nil), s.layers...) {
		for i := range s.layers {
			if s.layers[i] == c {
				cmds = append(cmds, s.update(i, msg))
				break
			}
		}
	}
	return tea.Batch(cmds...)
}

// update hands msg to layer i and keeps what it returns in its place,
// wherever that is now.
func (s *stack) update(i int, msg tea.Msg) tea.Cmd {
	c := s.layers[i]
	next, cmd := c.Update(msg)
	for j := range s.layers {
		if s.layers[j] == c {
			s.layers[j] = next.(Component)
		}
	}
	return cmd
}

// find is the topmost layer of type T, if there is one.
func find[T Component](s *stack) (T, bool) {
	for i := len(s.layers) - 1; i >= 0; i-- {
		if c, ok := s.layers[i].(T); ok {
			return c, true
		}
	}
	var none T
	return none, false
}

func (s *stack) setSize(w, h int) {
	for _, c := range s.layers {
		c.SetSize(w, h)
	}
}

// pushMsg asks the root to put a screen over the one shown; backMsg takes
// the top one away.
type pushMsg struct{ c Component }

func push(c Component) tea.Cmd { return func() tea.Msg { return pushMsg{c} } }

func back() tea.Msg { return backMsg{} }

// refreshMsg tells a screen that shows again that leads were written
// meanwhile: it reads them again.
type refreshMsg struct{}
