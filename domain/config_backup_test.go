package domain

import (
	"strings"
	"testing"
)

func TestBackupConfig(t *testing.T) {
	cfg, err := ParseConfig(nil)
	if err != nil || cfg.Backup != (BackupConfig{Enabled: true, KeepDaily: 7, KeepWeekly: 4}) {
		t.Fatalf("default [backup] = %+v (%v)", cfg.Backup, err)
	}
	cfg, err = ParseConfig([]byte("[backup]\nenabled = false\ndir = \"~/sicherung\"\nkeep_daily = 14\nkeep_weekly = 0\n"))
	if err != nil || cfg.Backup != (BackupConfig{Enabled: false, Dir: "~/sicherung", KeepDaily: 14, KeepWeekly: 0}) {
		t.Fatalf("[backup] = %+v (%v)", cfg.Backup, err)
	}
	for src, want := range map[string]string{
		"[backup]\nkeep_daily = -1\n":     "line 2: backup.keep_daily = -1 must lie between 0 and 3660",
		"[backup]\nkeep_weekly = 99999\n": "line 2: backup.keep_weekly = 99999 must lie between 0 and 3660",
		"[backup]\nenabled = \"yes\"\n":   "line 2: backup.enabled must be true or false, not a string",
		"[backup]\nkeep = 3\n":            "line 2: unknown key backup.keep",
		"[backup]\ndir = 3\n":             "line 2: backup.dir must be a string",
	} {
		_, err := ParseConfig([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}
