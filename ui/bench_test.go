package ui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"leadq/domain"
	"leadq/store"
	"leadq/store/benchdb"
)

var benchSizes = []int{1_000, 100_000, 1_000_000}

func benchStore(b *testing.B, n int) *store.Store { return benchStoreOf(b, n, benchdb.Open) }

func benchStoreOf(b *testing.B, n int, open func(int) (*store.Store, error)) *store.Store {
	b.Helper()
	st, err := open(n)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func benchApp(b *testing.B, st *store.Store) *Model {
	b.Helper()
	m, err := New(st, Options{Config: domain.DefaultConfig(), Now: func() time.Time { return benchdb.Now }})
	if err != nil {
		b.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// BenchmarkFirstFrame is the time from an open database to the first
// rendered queue: counts, the first page and the View. Target: at 1M
// leads within 1.5× of the 1k figure.
func BenchmarkFirstFrame(b *testing.B) { benchFirstFrame(b, benchdb.Open) }

// BenchmarkFirstFrameEncrypted is BenchmarkFirstFrame on an encrypted database.
func BenchmarkFirstFrameEncrypted(b *testing.B) { benchFirstFrame(b, benchdb.OpenEncrypted) }

func benchFirstFrame(b *testing.B, open func(int) (*store.Store, error)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			st := benchStoreOf(b, n, open)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m := benchApp(b, st)
				run(b, m, m.Init())
				if len(m.queueScreen().rows) == 0 || m.View() == "" {
					b.Fatal("no first frame")
				}
			}
		})
	}
}

// BenchmarkKeyDown is one `down` keypress: Update, the page loads it
// triggers (one in a hundred keys) and View. Target: < 1 ms, flat from 1k
// to 1M.
func BenchmarkKeyDown(b *testing.B) { benchKeyDown(b, benchdb.Open) }

// BenchmarkKeyDownEncrypted is BenchmarkKeyDown on an encrypted database.
func BenchmarkKeyDownEncrypted(b *testing.B) { benchKeyDown(b, benchdb.OpenEncrypted) }

func benchKeyDown(b *testing.B, open func(int) (*store.Store, error)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			st := benchStoreOf(b, n, open)
			m := benchApp(b, st)
			run(b, m, m.Init())
			press(b, m, "4") // All
			down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				key := down
				if (i/500)%2 == 1 && n < 100_000 {
					key = up // a small tab runs out of rows: walk back up
				}
				_, cmd := m.Update(key)
				run(b, m, cmd)
				_ = m.View()
			}
			b.StopTimer()
			if b.N > 1 && m.queueScreen().cursor == 0 && n >= 100_000 {
				b.Fatalf("cursor at %d after %d downs", m.queueScreen().cursor, b.N)
			}
		})
	}
}

// BenchmarkSearchKeystroke is one keystroke in the search field, until
// its results are on screen: a letter after "m" ("mü"), and taking it back.
// Target: < 10 ms at 1M leads and within 2× of 1k.
func BenchmarkSearchKeystroke(b *testing.B) { benchSearchKeystroke(b, benchdb.Open) }

// BenchmarkSearchKeystrokeEncrypted is BenchmarkSearchKeystroke on an encrypted database.
func BenchmarkSearchKeystrokeEncrypted(b *testing.B) { benchSearchKeystroke(b, benchdb.OpenEncrypted) }

func benchSearchKeystroke(b *testing.B, open func(int) (*store.Store, error)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			st := benchStoreOf(b, n, open)
			m := benchApp(b, st)
			run(b, m, m.Init())
			press(b, m, "/", "m")
			keys := []string{"ü", "backspace"}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				press(b, m, keys[i%len(keys)])
				if m.queueScreen().resultsFor != m.queueScreen().query || len(m.queueScreen().results) == 0 {
					b.Fatal("results did not arrive")
				}
			}
		})
	}
}
