package store

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
)

// A sound file of 40 leads, made once: the fuzzer damages copies of it.
var (
	fuzzBaseOnce sync.Once
	fuzzBase     []byte
	fuzzBaseErr  error
)

func fuzzBaseFile() ([]byte, error) {
	fuzzBaseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leadq-fuzz-")
		if err != nil {
			fuzzBaseErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "base.db")
		s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
		if err != nil {
			fuzzBaseErr = err
			return
		}
		g := synth.New(3, testNow)
		_, err = s.AddBulk(func(yield func(*domain.Lead) bool) {
			for i := 0; i < 40; i++ {
				if !yield(g.Lead()) {
					return
				}
			}
		}, BulkOptions{})
		s.Close()
		if err != nil {
			fuzzBaseErr = err
			return
		}
		fuzzBase, fuzzBaseErr = os.ReadFile(path)
	})
	return fuzzBase, fuzzBaseErr
}

// damageFile applies what op says to a copy of data: op[0] picks truncate,
// zero-fill, bit-flip or splice (a copy of one stretch over another), the
// next bytes where and how much. Every op byte string means some damage.
func damageFile(data, op []byte) []byte {
	out := append([]byte(nil), data...)
	if len(op) == 0 {
		return out
	}
	word := func(i int) int {
		var b [4]byte
		copy(b[:], op[min(i, len(op)):])
		return int(binary.BigEndian.Uint32(b[:]))
	}
	at := word(1) % len(out)
	n := word(5)%65536 + 1
	switch op[0] % 4 {
	case 0:
		return out[:at]
	case 1:
		for i := at; i < min(len(out), at+n); i++ {
			out[i] = 0
		}
	case 2:
		out[at] ^= 1 << (n % 8)
	case 3:
		from := word(9) % len(out)
		copy(out[at:], out[from:min(len(out), from+n)])
	}
	return out
}

// FuzzOpenDamaged opens and checks damaged copies of a small file: each
// ends as "opened and check ok", "check reports damage" or "refused",
// never as a crash; and what opens can be read without one.
func FuzzOpenDamaged(f *testing.F) {
	for _, op := range [][]byte{
		{0, 0, 0, 0x20, 0},          // cut at 8 KiB
		{0, 0, 0, 0x40, 0},          // cut at 16 KiB
		{1, 0, 0, 0, 0, 0, 0, 0x10}, // the first page zeroed
		{1, 0, 0, 0x40, 0, 0, 0, 0x40, 0},
		{2, 0, 0, 0x10, 0x20, 0, 0, 0, 3}, // a bit of the first meta page
		{2, 0, 0, 0x50, 0x40, 0, 0, 0, 5}, // a bit of a data page
		{3, 0, 0, 0x80, 0, 0, 0, 0x40, 0, 0, 0, 0xc0, 0},
	} {
		f.Add(op)
	}
	base, err := fuzzBaseFile()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, op []byte) {
		path := filepath.Join(t.TempDir(), "damaged.db")
		if err := os.WriteFile(path, damageFile(base, op), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }, Timeout: 100 * time.Millisecond, NoMigrate: true})
		if err != nil {
			return // refused, with a message
		}
		defer s.Close()
		if _, _, err := s.CheckAll(); err != nil {
			return
		}
		// Whatever check said, reading must not crash.
		if rows, err := s.QueueAfter(TabAll, nil, 100); err == nil {
			for _, r := range rows {
				s.Get(r.ID)
			}
		}
		s.Search(context.Background(), TabAll, "gmbh", 20)
		s.Counts()
	})
}
