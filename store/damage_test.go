package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/domain/synth"
)

var (
	damageOnce sync.Once
	damageSrc  []byte
)

// damageFixture is a small seeded file's bytes, made once per test run.
func damageFixture(t testing.TB) []byte {
	t.Helper()
	damageOnce.Do(func() {
		path := filepath.Join(os.TempDir(), "leadq-damage-src.db")
		os.Remove(path)
		s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddBulk(synth.New(5, testNow).Leads(400), BulkOptions{}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		damageSrc, _ = os.ReadFile(path)
		os.Remove(path)
	})
	return append([]byte(nil), damageSrc...)
}

// outcome opens a damaged file and reads everything: it must be one of
// "refused", "check reports damage" or "opened and check ok" — never a
// crash.
func outcome(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), path) {
			t.Errorf("the refusal is not one line naming the file: %q", err)
		}
		return "refused"
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		return "check reports damage"
	}
	// Reading every lead and the queue does not crash either.
	if _, err := s.QueueAfter(TabAll, nil, 1000); err != nil {
		return "check reports damage"
	}
	return "opened and check ok"
}

func TestDamagedFilesNeverCrash(t *testing.T) {
	src := damageFixture(t)
	size := len(src)
	cases := map[string][]byte{
		"cut at 8192":       src[:8192],
		"cut at 16384":      src[:16384],
		"cut at 32768":      src[:32768],
		"cut in half":       src[:size/2],
		"cut by a page":     src[:size-16384],
		"cut by a byte":     src[:size-1],
		"zeroed meta pages": append(make([]byte, 32768), src[32768:]...),
	}
	zeroMid := append([]byte(nil), src...)
	for i := size / 3; i < size/3+65536 && i < size; i++ {
		zeroMid[i] = 0
	}
	cases["64 KiB zeroed in the middle"] = zeroMid
	for _, off := range []int{16 + 20, 16384 + 16 + 20, 16384 + 16 + 48} {
		flipped := append([]byte(nil), src...)
		flipped[off] ^= 0x04
		cases["a bit flipped in a meta page at "+strconv.Itoa(off)] = flipped
	}
	for i := 0; i < 40; i++ {
		flipped := append([]byte(nil), src...)
		flipped[32768+(i*7919*16)%(size-32768)] ^= 1 << (i % 8)
		cases["a bit flipped in a data page "+strconv.Itoa(i)] = flipped
	}
	// bbolt grows its file ahead of what it uses: a cut past the last
	// page in use loses nothing.
	used := int(max(metaPages(src, 0), metaPages(src, 16384))) * 16384
	cases["cut below its last page"] = src[:used-16384]
	cases["cut to two thirds of what it uses"] = src[:used*2/3]
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			got := outcome(t, data)
			if strings.HasPrefix(name, "cut") && len(data) < used && got == "opened and check ok" {
				t.Errorf("a file cut to %d bytes of the %d it uses opened as sound", len(data), used)
			}
		})
	}
}

func TestNewestMetaPageDamagedIsSaidAndWritesNothing(t *testing.T) {
	src := damageFixture(t)
	path := filepath.Join(t.TempDir(), "meta.db")
	// The newest commit's meta page is the one with the higher txid.
	a, b := metaTxid(src, 0), metaTxid(src, 16384)
	off := 16 + 20
	if b > a {
		off += 16384
	}
	src[off] ^= 0x10
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel()})
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() || !strings.Contains(s.Notice, "newest commit") {
		t.Fatalf("read-only %v, notice %q", s.ReadOnly(), s.Notice)
	}
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "last commit is lost") {
		t.Fatalf("check: %v", err)
	}
	if _, _, err := s.AddLead(&domain.Lead{Name: "Neu", Company: domain.Company{Name: "Firma"}, BANT: domain.BANT{RepEstimate: -1}}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a lead was added to a file that lost its last commit: %v", err)
	}
}

func metaTxid(data []byte, off int) uint64 { return binary.LittleEndian.Uint64(data[off+16+48:]) }

func metaPages(data []byte, off int) uint64 { return binary.LittleEndian.Uint64(data[off+16+40:]) }

func TestEmptyBoltFileOfAnotherProgramIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(path, Options{Scoring: domain.DefaultScoringModel()}); err == nil || !strings.Contains(err.Error(), "without leadq's data") {
		t.Fatalf("an empty bbolt file was taken over: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the other program's file was changed")
	}
}
