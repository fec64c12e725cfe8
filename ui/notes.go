package ui

import (
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
)

// notesList is the lead's enrichment notes, newest first, with a cursor:
// add, edit and delete them.
type notesList struct {
	l             *leadModel
	at            int // the cursor, in the order shown
	width, height int
}

func (n *notesList) Init() tea.Cmd { return nil }

func (n *notesList) SetSize(w, h int) { n.width, n.height = w, h }

func (n *notesList) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyMsg); ok {
		cmd = n.onKey(k)
	}
	// A note deleted, here or by a save: the cursor stays on the list.
	n.at = max(0, min(n.at, len(n.l.lead.Notes)-1))
	return n, cmd
}

func (n *notesList) onKey(msg tea.KeyMsg) tea.Cmd {
	l, k, tr := n.l, n.l.ctx.keys, n.l.ctx.tr
	count := len(l.lead.Notes)
	switch {
	case key.Matches(msg, k.Back):
		l.closeOverlay(n)
	case key.Matches(msg, k.Down):
		n.at = min(n.at+1, max(0, count-1))
	case key.Matches(msg, k.Up):
		n.at = max(n.at-1, 0)
	case key.Matches(msg, k.Add):
		return l.open(noteEditor(tr, l.lead, -1))
	case key.Matches(msg, k.Open), key.Matches(msg, k.Edit):
		if count > 0 {
			return l.open(noteEditor(tr, l.lead, n.index()))
		}
	case key.Matches(msg, k.Delete):
		if count > 0 {
			i := n.index()
			l.yesNo(tr.F("notes.delete", tr.NoteKind(l.lead.Notes[i].Kind))+" "+k.answers(tr.T("notes.answer.delete"), tr.T("notes.answer.keep")), func() tea.Cmd {
				return l.save(change{what: tr.T("form.note.what"), done: tr.T("notes.deleted"), mutate: func(ld *domain.Lead, now time.Time, by string) error {
					return ld.DeleteNote(i, now, by)
				}}, false)
			}, nil)
		}
	}
	return nil
}

// notesNewestFirst is the order notes are shown in, as indexes into
// notes; the cursor of the notes list maps back through it.
func notesNewestFirst(notes []domain.Note) []int {
	idx := make([]int, len(notes))
	for i := range idx {
		idx[i] = len(idx) - 1 - i
	}
	// Notes are appended as they are written, so reversed is newest first;
	// a stable sort keeps that for equal times.
	sort.SliceStable(idx, func(a, b int) bool { return notes[idx[a]].Created.After(notes[idx[b]].Created) })
	return idx
}

// index is the note under the cursor, as an index into the lead's notes.
func (n *notesList) index() int {
	order := notesNewestFirst(n.l.lead.Notes)
	if n.at < len(order) {
		return order[n.at]
	}
	return 0
}

func (n *notesList) View() string {
	l, s, tr := n.l.lead, n.l.ctx.styles, n.l.ctx.tr
	var b strings.Builder
	b.WriteString(s.Section.Render(tr.F("notes.title", l.DisplayName())))
	b.WriteString("\n")
	if len(l.Notes) == 0 {
		b.WriteString(ansiWrap(s.Muted.Render(tr.F("notes.none", firstKey(n.l.ctx.keys.Add))), max(1, n.width)))
		return b.String()
	}
	now := n.l.ctx.now()
	for pos, i := range notesNewestFirst(l.Notes) {
		note := l.Notes[i]
		marker := "  "
		if pos == n.at {
			marker = "▸ "
		}
		head := marker + tr.Date(note.Created.In(now.Location())) + "  " + s.Title.Render(tr.NoteKind(note.Kind))
		if note.URL != "" {
			head += "  " + s.Accent.Render(note.URL)
		}
		b.WriteString(ansiWrap(head, n.width) + "\n")
		for _, t := range strings.Split(note.Text, "\n") {
			b.WriteString(ansiWrap("    "+t, n.width) + "\n")
		}
	}
	return b.String()
}

func (n *notesList) ShortHelp() []key.Binding {
	k := n.l.ctx.keys
	return []key.Binding{k.Add, k.Open, k.Delete, k.Down, k.Up, k.Back}
}

// FullHelp is the lead page's: the notes list has no keys of its own beyond the short ones.
func (n *notesList) FullHelp() [][]key.Binding { return nil }
