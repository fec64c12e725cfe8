package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// prompt is a question over whatever the lead screen shows: it takes every
// key, acts on the keys of its answers and ignores the rest.
type prompt struct {
	l        *leadModel
	question string
	answers  []answer
	under    func() string // what it stands over
}

// answer is one key of a question and what it does, once the question is gone.
type answer struct {
	key key.Binding
	do  func() tea.Cmd
}

// ask puts a question over the top of the lead screen.
func (m *leadModel) ask(question string, answers ...answer) {
	below := m.overlays.top()
	under := m.pageView
	if below != nil {
		under = below.View
	}
	m.overlays.push(&prompt{l: m, question: question, answers: answers, under: under})
}

// yesNo is a question answered by the yes and no keys.
func (m *leadModel) yesNo(question string, yes, no func() tea.Cmd) {
	if no == nil {
		no = func() tea.Cmd { return nil }
	}
	m.ask(question, answer{m.ctx.keys.Yes, yes}, answer{m.ctx.keys.No, no})
}

func (p *prompt) Init() tea.Cmd { return nil }

func (p *prompt) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	for _, a := range p.answers {
		if key.Matches(k, a.key) {
			p.l.closeOverlay(p)
			return p, a.do()
		}
	}
	return p, nil
}

func (p *prompt) View() string {
	return p.l.ctx.styles.Error.Render(p.question) + "\n" + p.under()
}

func (p *prompt) SetSize(int, int) {}

// Focus: a question takes every key; its keys are named in it.
func (p *prompt) Focus() Focus { return FocusText }

func (p *prompt) ShortHelp() []key.Binding  { return nil }
func (p *prompt) FullHelp() [][]key.Binding { return nil }
