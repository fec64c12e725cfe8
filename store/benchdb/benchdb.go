// Package benchdb builds the seeded databases that leadq's benchmarks
// measure, once per size, and keeps them between runs.
package benchdb

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
	"leadq/store"
)

// Now is the fixed clock of every benchmark database.
var Now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// Path returns a database of n synthetic leads (seed 1), seeding it on
// first use. Seeding a million leads takes a while; the file is kept in
// the temp dir so later runs start at once.
func Path(n int) (string, error) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("leadq-bench-%d-v%d-%s.db", n, store.SchemaVersion, fingerprint()))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	// Seed under a name of this process's own, so two benchmark runs at
	// once do not write into one file; the rename makes it visible whole.
	tmp := fmt.Sprintf("%s.seeding-%d", path, os.Getpid())
	os.Remove(tmp)
	st, err := store.Open(tmp, store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return Now }})
	if err != nil {
		return "", err
	}
	g := synth.New(1, Now)
	if _, err := st.AddBulk(g.Leads(n), store.BulkOptions{}); err != nil {
		st.Close()
		return "", err
	}
	if err := st.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// fingerprint names what the generator makes today, so a file seeded by
// an older generator is not mistaken for a current one.
func fingerprint() string {
	g := synth.New(1, Now)
	h := sha256.New()
	for i := 0; i < 200; i++ {
		b, _ := json.Marshal(g.Lead())
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// Open opens the database of n leads.
func Open(n int) (*store.Store, error) {
	path, err := Path(n)
	if err != nil {
		return nil, err
	}
	return store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return Now }})
}

// Passphrase is the passphrase of the encrypted benchmark databases.
const Passphrase = "leadq bench"

// EncryptedPath returns an encrypted copy of the database of n leads,
// made on first use and kept as Path's is. Its key is wrapped with light
// Argon2id parameters: they cost only the open, which no benchmark times.
func EncryptedPath(n int) (string, error) {
	clear, err := Path(n)
	if err != nil {
		return "", err
	}
	path := clear[:len(clear)-len(".db")] + "-encrypted.db"
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := fmt.Sprintf("%s.encrypting-%d", path, os.Getpid())
	if err := copyFile(clear, tmp); err != nil {
		return "", err
	}
	st, err := store.Open(tmp, store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return Now }})
	if err != nil {
		return "", err
	}
	if _, err := st.Encrypt([]byte(Passphrase), store.KDFParams{Time: 1, Memory: 8 << 10, Threads: 1}, nil, nil); err != nil {
		st.Close()
		os.Remove(tmp)
		return "", err
	}
	if err := st.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// OpenEncrypted opens the encrypted database of n leads.
func OpenEncrypted(n int) (*store.Store, error) {
	path, err := EncryptedPath(n)
	if err != nil {
		return nil, err
	}
	return store.Open(path, store.Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return Now },
		Passphrase: func() ([]byte, error) { return []byte(Passphrase), nil }})
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o600)
}
