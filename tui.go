package main

import (
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
	"leadq/ui"
)

// demoLeads is the size of the demo database: enough to fill every tab.
const demoLeads = 300

// tui opens the terminal interface on the configured database.
func (a *app) tui(args []string) error {
	f := a.newFlags("", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.tui.about"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, false)
	if err != nil {
		return err
	}
	defer s.Close()
	notices, wait := a.startDailyBackup(s, cfg)
	defer wait()
	return a.runUI(s, cfg, notices)
}

// demo opens the terminal interface on a demo database of synthetic leads,
// kept apart from the real one and created on first use.
func (a *app) demo(args []string) error {
	f := a.newFlags("demo", a.tr.T("cli.demo.synopsis"), a.tr.F("cli.demo.about", demoLeads))
	reset := f.Bool("reset", false, a.tr.T("cli.demo.flag.reset"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	cfg, _, err := a.loadConfig(f.configPath)
	if err != nil {
		return err
	}
	path := expandHome(f.dbPath)
	if path == "" {
		dir, err := dataDir()
		if err != nil {
			return err
		}
		path = filepath.Join(dir, "demo.db")
	}
	if *reset {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return domain.Problemf("cli.demo.cannot_remove", "cannot remove the old demo database %s: %v", path, err)
		}
	}
	_, statErr := os.Stat(path)
	fresh := os.IsNotExist(statErr)
	s, err := a.open(path, cfg, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if fresh {
		g := synth.New(1, time.Now())
		if _, err := s.AddBulk(g.Leads(demoLeads), store.BulkOptions{}); err != nil {
			return domain.Problemf("cli.demo.failed", "creating the demo database failed: %v", err)
		}
	}
	return a.runUI(s, cfg, nil)
}

func (a *app) runUI(s *store.Store, cfg domain.Config, notices <-chan string) error {
	if !term.IsTerminal(os.Stdout.Fd()) {
		return domain.Problemf("cli.tui.no_terminal", "the lead queue needs a terminal; in scripts use leadq list or leadq show")
	}
	m, err := ui.New(s, ui.Options{Config: cfg, Notice: a.notice(s), By: byOf(cfg), Notices: notices, BackupDir: backupDir(s.Path(), cfg),
		Lang: a.tr.Lang()})
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen()).Run()
	return err
}
