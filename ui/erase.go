package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/store"
)

// eraseEditor asks for the lead's name, typed out, before the person is
// erased for good (DSGVO Art. 17): a key pressed by mistake erases nobody.
func eraseEditor(l *domain.Lead) *editor {
	name := strings.TrimSpace(l.DisplayName())
	typed := new(string)
	matches := func(s string) bool { return strings.EqualFold(strings.Join(strings.Fields(s), " "), name) }
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			huh.NewInput().Title("Type their name to erase them").
				Description(fmt.Sprintf("%s, their history, notes and plan go from the database and every backup; no way back", safe(name))).
				Value(typed),
		))
	}
	return &editor{
		title: "Erase " + name + " for good",
		form:  build(),
		build: build,
		dirty: func() bool { return *typed != "" },
		commit: func() (change, error) {
			if !matches(*typed) {
				return change{}, fmt.Errorf("type the name %q to erase them (nothing was erased)", name)
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
// it, as leadq forget does.
func eraseCmd(st *store.Store, id uint64, backupDir string) tea.Cmd {
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
		who := fmt.Sprintf("lead %d", id)
		var sources []string
		if len(res.Leads) > 0 {
			who = domain.SafeLine(res.Leads[0].Name)
			sources = res.Leads[0].Sources
		}
		text := fmt.Sprintf("%s erased for good: the database and %d copies rewritten without them", who, len(res.Copies))
		if len(res.Failed) > 0 {
			text += fmt.Sprintf("; %d copies could NOT be rewritten (leadq forget names them)", len(res.Failed))
		}
		if len(sources) > 0 {
			text += "; delete or edit yourself the import file " + domain.SafeLine(strings.Join(sources, ", "))
		}
		return erasedMsg{text: text}
	}
}
