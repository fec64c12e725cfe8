package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// eraseEditor asks for the lead's name, typed out, before the person is
// erased for good (DSGVO Art. 17): a key pressed by mistake erases nobody.
func eraseEditor(tr *i18n.Catalog, l *domain.Lead) *editor {
	name := strings.TrimSpace(l.DisplayName())
	typed := new(string)
	matches := func(s string) bool { return strings.EqualFold(strings.Join(strings.Fields(s), " "), name) }
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			huh.NewInput().Title(tr.T("erase.ask")).
				Description(tr.F("erase.explain", safe(name))).
				Value(typed),
		))
	}
	return &editor{
		title: tr.F("erase.title", name),
		form:  build(),
		build: build,
		dirty: func() bool { return *typed != "" },
		commit: func() (change, error) {
			if !matches(*typed) {
				return change{}, domain.Problemf("erase.mismatch", "type the name \"%s\" to erase them (nothing was erased)", name)
			}
			return change{what: "erase", erase: true}, nil
		},
	}
}

// erasedMsg reports the end of an erasure.
type erasedMsg struct {
	text string
	err  error
}

// eraseCmd erases the lead from the database and every copy leadq made of
// it, as leadq forget does, and says so in the catalog's words.
func eraseCmd(tr *i18n.Catalog, st *store.Store, id uint64, backupDir string) tea.Cmd {
	return func() tea.Msg {
		if backupDir == "" {
			backupDir = store.DefaultBackupDir(st.Path())
		}
		copies, err := store.CopiesOf(st.Path(), backupDir)
		if err != nil {
			return erasedMsg{err: err}
		}
		res, err := st.Forget([]uint64{id}, copies, nil)
		if err != nil {
			return erasedMsg{err: err}
		}
		who := tr.F("erase.lead", id)
		var sources []string
		if len(res.Leads) > 0 {
			who = domain.SafeLine(res.Leads[0].Name)
			sources = res.Leads[0].Sources
		}
		text := tr.N("erase.done", len(res.Copies), who)
		if len(res.Failed) > 0 {
			text += tr.N("erase.failed", len(res.Failed))
		}
		if len(sources) > 0 {
			text += tr.F("erase.sources", domain.SafeLine(strings.Join(sources, ", ")))
		}
		return erasedMsg{text: text}
	}
}
