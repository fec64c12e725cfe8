package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
	"leadq/ui/i18n"
)

// planView is the plan editor over the lead screen: which section, which
// row, and the first line shown.
type planView struct {
	l        *leadModel
	sections []string // the configured ones, in order
	sec      int
	row      int
	offset   int // first line shown, kept by follow so View only reads it

	width, height int
}

func (v *planView) spec() planSpec { return planSpecs[v.sections[v.sec]] }

// rows is fields then list items.
func (v *planView) rows(p *domain.OpportunityPlan) int {
	s := v.spec()
	n := len(s.fields)
	if s.list != nil {
		n += s.list.count(p)
	}
	return n
}

// item is the list index under the cursor, or -1 on a field.
func (v *planView) item() int {
	if i := v.row - len(v.spec().fields); i >= 0 && v.spec().list != nil {
		return i
	}
	return -1
}

// plan is the lead's plan, or the one its first edit will create.
func (m *leadModel) plan() *domain.OpportunityPlan {
	if m.lead.Plan != nil {
		return m.lead.Plan
	}
	return planStart(m.ctx.tr)(m.lead)
}

// openPlan enters the plan editor, or says why the lead has no plan yet.
func (m *leadModel) openPlan() tea.Cmd {
	if err := m.lead.PlanAllowed(); err != nil {
		// The domain says what to do; the key to do it with is ours.
		return status(m.ctx.tr.F("plan.not-yet-key", m.ctx.tr.Error(err), firstKey(m.ctx.keys.Stage)), true, false)
	}
	v := &planView{l: m, sections: m.ctx.planSections()}
	v.SetSize(m.width, m.height)
	m.overlays.push(v)
	return nil
}

// inPlan says whether the plan editor is open.
func (m *leadModel) inPlan() bool {
	_, ok := find[*planView](&m.overlays)
	return ok
}

func (v *planView) Init() tea.Cmd { return nil }

func (v *planView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.follow()
}

func (v *planView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyMsg); ok {
		cmd = v.onKey(k)
	}
	v.follow() // the cursor moved, or the plan changed under it
	return v, cmd
}

func (v *planView) onKey(msg tea.KeyMsg) tea.Cmd {
	m := v.l
	k, p, tr := m.ctx.keys, m.plan(), m.ctx.tr
	rows := v.rows(p)
	item := v.item()
	s := v.spec()
	switch {
	case key.Matches(msg, k.Back):
		m.closeOverlay(v)
		return nil
	case key.Matches(msg, k.NextTab):
		v.sec, v.row, v.offset = (v.sec+1)%len(v.sections), 0, 0
	case key.Matches(msg, k.PrevTab):
		v.sec, v.row, v.offset = (v.sec+len(v.sections)-1)%len(v.sections), 0, 0
	case sectionKey(k, msg, len(v.sections)) >= 0:
		v.sec, v.row, v.offset = sectionKey(k, msg, len(v.sections)), 0, 0
	case key.Matches(msg, k.Down):
		v.row = min(v.row+1, max(0, rows-1))
	case key.Matches(msg, k.Up):
		v.row = max(v.row-1, 0)
	case key.Matches(msg, k.Top):
		v.row = 0
	case key.Matches(msg, k.Bottom):
		v.row = max(0, rows-1)
	case key.Matches(msg, k.Open), key.Matches(msg, k.Edit):
		switch {
		case item >= 0 && item < s.list.count(p):
			return m.open(s.list.form(tr, p, item, m.ctx.now()))
		case v.row < len(s.fields):
			return m.open(fieldEditor(tr, s.key, s.fields[v.row], p))
		}
	case key.Matches(msg, k.Add):
		if s.list != nil {
			return m.open(s.list.form(tr, p, -1, m.ctx.now()))
		}
	case key.Matches(msg, k.Delete):
		if item >= 0 && item < s.list.count(p) {
			m.yesNo(tr.F(s.list.words.del, k.answers(tr.T("plan.answer.delete"), tr.T("plan.answer.keep"))),
				func() tea.Cmd { return v.deleteItem(item) }, nil)
		}
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		d := 1
		if key.Matches(msg, k.MoveUp) {
			d = -1
		}
		if item >= 0 && item+d >= 0 && item+d < s.list.count(p) {
			list, i := s.list, item
			v.row += d
			pc := domain.PlanChange{Section: list.section, Action: domain.PlanMovedDown, Item: list.name(p, i)}
			if d < 0 {
				pc.Action = domain.PlanMovedUp
			}
			return m.save(planChange(tr, tr.T("plan.order"), pc, func(p *domain.OpportunityPlan) error { return list.move(p, i, d) }), false)
		}
	case key.Matches(msg, k.Export):
		return exportPlan(tr, m.lead, m.ctx.planSections(), m.ctx.now())
	}
	return nil
}

// sectionKey is the section a key jumps to, of the n shown, or -1.
func sectionKey(k *KeyMap, msg tea.KeyMsg, n int) int {
	for i := 0; i < n && i < len(k.Section); i++ {
		if key.Matches(msg, k.Section[i]) {
			return i
		}
	}
	return -1
}

// deleteItem is the confirmed delete of the item under the cursor.
func (v *planView) deleteItem(i int) tea.Cmd {
	list, p := v.spec().list, v.l.plan()
	if i < 0 || i >= list.count(p) {
		return nil
	}
	if v.row > 0 && i >= list.count(p)-1 {
		v.row--
	}
	pc := domain.PlanChange{Section: list.section, Action: domain.PlanDeleted, Item: list.name(p, i)}
	return v.l.save(planChange(v.l.ctx.tr, v.l.ctx.tr.T(list.words.deleted), pc, func(p *domain.OpportunityPlan) error { return list.del(p, i) }), false)
}

// layout is every line of the section and the line the cursor is on.
func (v *planView) layout() ([]string, int) {
	m := v.l
	s, p, st, tr := v.spec(), m.plan(), m.ctx.styles, m.ctx.tr
	now := m.ctx.now()
	per, overall := p.Completeness(v.sections)
	var head strings.Builder
	head.WriteString(st.Section.Render(tr.T("plan.title")) + " " + st.Title.Render(m.lead.Company.Name+" — "+m.lead.DisplayName()))
	head.WriteString("  " + tr.F("plan.complete", tr.Percent(overall)))
	if m.lead.Plan == nil {
		head.WriteString(st.Muted.Render("  " + tr.T("plan.new-hint")))
	}
	lines := []string{clip(head.String(), v.width, 1), planSectionTabs(tr, st, m.ctx.keys, per, v.sec, v.width),
		st.Section.Render(planSectionTitle(tr, s.key))}
	cursorLine := 0
	row := 0
	mark := func() string {
		if row == v.row {
			cursorLine = len(lines)
			return "▸ "
		}
		return "  "
	}
	for _, f := range s.fields {
		val := f.get(p)
		if val == "" {
			val = st.Muted.Render("—")
		}
		first, rest, _ := strings.Cut(val, "\n")
		lines = append(lines, clip(mark()+st.Muted.Render(cell(tr.T(f.label), 28))+" "+first, v.width, 1))
		for _, r := range strings.Split(rest, "\n") {
			if rest != "" {
				lines = append(lines, clip("  "+strings.Repeat(" ", 29)+r, v.width, 1))
			}
		}
		row++
	}
	if l := s.list; l != nil {
		n := l.count(p)
		ws := columnWidths(l.weight, v.width-2-len(l.weight))
		hdr := make([]string, len(l.header))
		for i, h := range l.header {
			hdr[i] = cell(tr.T(h), ws[i])
		}
		lines = append(lines, "", st.Header.Render("  "+strings.Join(hdr, " ")))
		if n == 0 {
			lines = append(lines, st.Muted.Render("  "+tr.F(l.words.empty, firstKey(m.ctx.keys.Add))))
		}
		for i := 0; i < n; i++ {
			cells := l.cells(tr, p, i, now)
			for j := range cells {
				cells[j] = cell(cells[j], ws[j])
			}
			lines = append(lines, clip(mark()+strings.Join(cells, " "), v.width, 1))
			row++
		}
		if it := v.item(); it >= 0 && it < n {
			for _, d := range l.detail(tr, p, it, now) {
				// A second line of "benefits" stays under the first.
				for i, part := range strings.Split(d, "\n") {
					indent := "  "
					if i > 0 {
						indent = "    "
					}
					lines = append(lines, strings.Split(ansiWrap(indent+part, v.width), "\n")...)
				}
			}
		}
	}
	return lines, cursorLine
}

// follow keeps the cursor on screen: it moves the first line shown.
func (v *planView) follow() {
	if v.l.lead == nil {
		return
	}
	_, cursorLine := v.layout()
	h := max(1, v.height)
	if cursorLine >= v.offset+h {
		v.offset = cursorLine - h + 1
	}
	if cursorLine < v.offset+3 {
		v.offset = max(0, cursorLine-3)
	}
}

// View shows the head and, below it, the section from the first line kept by follow.
func (v *planView) View() string {
	lines, _ := v.layout()
	if v.offset > 0 && v.offset < len(lines) {
		lines = append(lines[:3:3], lines[min(len(lines), v.offset+3):]...)
	}
	return strings.Join(lines, "\n")
}

// planSectionTabs is the tab bar of the plan's sections, each with its
// key and how complete it is.
func planSectionTabs(tr *i18n.Catalog, st *Styles, keys *KeyMap, per []domain.PlanSection, active, width int) string {
	tabs := make([]tab, len(per))
	for i, sec := range per {
		k := ""
		if i < len(keys.Section) {
			k = firstKey(keys.Section[i])
		}
		tabs[i] = tab{key: k, name: planSectionName(tr, sec.Key), count: fmt.Sprintf("%d/%d", sec.Filled, sec.Total)}
	}
	return renderTabs(st, tabs, active, width)
}

// helpAs is a binding with its keys and the plan editor's word for it.
func helpAs(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

func (v *planView) ShortHelp() []key.Binding {
	k, tr := v.l.ctx.keys, v.l.ctx.tr
	return []key.Binding{helpAs(k.Open, tr.T("plan.help.edit")), helpAs(k.Add, tr.T("plan.help.add")),
		helpAs(k.Delete, tr.T("plan.help.delete")), helpAs(k.MoveUp, tr.T("plan.help.move-up")),
		helpAs(k.MoveDown, tr.T("plan.help.move-down")), helpAs(k.NextTab, tr.T("plan.help.next-tab")),
		helpAs(k.Export, tr.T("plan.help.export")), helpAs(k.Back, tr.T("plan.help.back"))}
}

func (v *planView) FullHelp() [][]key.Binding {
	k, tr := v.l.ctx.keys, v.l.ctx.tr
	return [][]key.Binding{
		{helpAs(k.Open, tr.T("plan.help.edit")), helpAs(k.Add, tr.T("plan.help.add")), helpAs(k.Delete, tr.T("plan.help.delete")),
			helpAs(k.MoveUp, tr.T("plan.help.move-up")), helpAs(k.MoveDown, tr.T("plan.help.move-down"))},
		{helpAs(k.NextTab, tr.T("plan.help.next-tab")), helpAs(k.PrevTab, tr.T("plan.help.prev-tab")), helpAs(k.Down, tr.T("plan.help.down")),
			helpAs(k.Up, tr.T("plan.help.up")), helpAs(k.Export, tr.T("plan.help.export")), helpAs(k.Back, tr.T("plan.help.back"))},
	}
}
