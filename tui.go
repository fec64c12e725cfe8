package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
	"leadq/ui"
	"leadq/ui/i18n"
)

// demoLeads is the size of the demo database: enough to fill every tab.
const demoLeads = 300

// tui opens the terminal interface on the configured database.
func (a *app) tui(args []string) error {
	f := a.newFlags("", "[flags]", "Open the lead queue in the terminal.")
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
	f := a.newFlags("demo", "[--reset] [flags]", fmt.Sprintf("Open leadq on a demo database of %d synthetic leads (created on first run, next to the real database as demo.db).", demoLeads))
	reset := f.Bool("reset", false, "throw the demo database away and create it anew")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	cfg, _, err := loadConfig(f.configPath)
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
			return fmt.Errorf("cannot remove the old demo database %s: %w", path, err)
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
			return fmt.Errorf("creating the demo database failed: %w", err)
		}
	}
	return a.runUI(s, cfg, nil)
}

func (a *app) runUI(s *store.Store, cfg domain.Config, notices <-chan string) error {
	if !term.IsTerminal(os.Stdout.Fd()) {
		return fmt.Errorf("the lead queue needs a terminal; in scripts use leadq list or leadq show")
	}
	m, err := ui.New(s, ui.Options{Config: cfg, Notice: s.Notice, By: byOf(cfg), Notices: notices, BackupDir: backupDir(s.Path(), cfg),
		Lang: i18n.Detect(cfg.Language, os.Getenv)})
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen()).Run()
	return err
}
