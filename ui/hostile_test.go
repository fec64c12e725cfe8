package ui

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/store"
)

// hostileStore is the schema-1 fixture with lead 1's name, company and an
// enrichment note full of escape sequences, as an older leadq let them in;
// the migration keeps stored values as they are, so the screen must make
// them harmless.
func hostileStore(t *testing.T) *store.Store {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "schema1", "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "leads.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key := binary.BigEndian.AppendUint64(nil, 1)
	err = raw.Update(func(tx *bolt.Tx) error {
		var rec map[string]any
		if err := json.Unmarshal(tx.Bucket([]byte("leads")).Get(key), &rec); err != nil {
			return err
		}
		rec["name"] = "Esc\x1b[2J\x1b]0;pwned\x07Name"
		rec["company"].(map[string]any)["name"] = "\x1b]52;c;cHduZWQ=\x07ClipCo\u202e"
		rec["notes"] = []any{map[string]any{"kind": "other", "text": "Link \x1b]8;;https://evil.example\x07hier\x1b]8;;\x07 \x1b[31mrot\x1b[0m", "created": "2026-11-12T10:00:00+01:00"}}
		v, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		return tx.Bucket([]byte("leads")).Put(key, v)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// The lead screen of a lead whose name, company and note are full of
// escape sequences shows them as visible escapes: nothing reaches the
// terminal that could clear it, retitle it, write the clipboard, colour it
// or reverse the text.
func TestGoldenHostileLead80x24(t *testing.T) {
	st := hostileStore(t)
	m := newTestApp(t, st, 80, 24)
	press(t, m, "/")
	for _, r := range "clipco" {
		press(t, m, string(r))
	}
	if v := m.View(); !strings.Contains(v, `\x1b]52;c;`) || strings.Contains(v, "\x1b]") {
		t.Fatalf("the search results show the company raw:\n%q", v)
	}
	press(t, m, "enter", "enter")
	v := m.View()
	if !strings.Contains(v, `Esc\x1b[2J\x1b]0;pwned\x07Name`) {
		t.Fatalf("the lead screen does not show lead 1's name as escapes:\n%s", v)
	}
	if strings.ContainsAny(v, "\x07\u202e") || strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("escape sequences reach the terminal:\n%q", v)
	}
	golden.RequireEqual(t, []byte(v))
	press(t, m, "e")
	if v := m.View(); !strings.Contains(v, `Link \x1b]8;;https://evil.example\x07hier`) || strings.Contains(v, "\x1b]8") || strings.Contains(v, "\x1b[31m") {
		t.Fatalf("the enrichment notes show the note raw:\n%q", v)
	}
}
