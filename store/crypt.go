package store

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/chacha20poly1305"

	"leadq/domain"
)

// Encryption at rest. An encrypted file has a random 256-bit data key,
// kept in meta wrapped by a key Argon2id makes of the passphrase (with the
// salt and parameters beside it, so they can be raised later); changing the
// passphrase wraps the same data key anew and rewrites no value.
//
// Every value that can carry personal data (a lead's record, its history,
// its queue row) is sealed with XChaCha20-Poly1305, with the bucket and the
// key as associated data, so a value moved to another lead does not open.
// The nonce is synthetic: a keyed hash of the associated data and the
// plaintext (the SIV construction). The same value at the same key so
// seals to the same bytes, which keeps the store's skipping of unchanged
// writes and check's comparison of index entries working; it tells only
// that a value did not change, which the page writes show anyway.
//
// Index keys that carry personal data become keyed hashes: the duplicate
// index hashes the email, phone or external id with a key of its own, and
// the word index is a blind index of whole words and of their first one,
// two and three letters; a longer prefix finds its candidates by its first
// three letters and is tested on their opened rows.
//
// Scores, due times, counts and the queue order are not sealed: they say
// nothing of a person, and the queue reads them without opening anything.

// ErrEncrypted is wrapped by Open when the file is encrypted and no
// passphrase was given.
var ErrEncrypted = domain.Problemf("store.encrypted", "this database is encrypted: give the passphrase (prompt, --passphrase-file, LEADQ_PASSPHRASE_COMMAND)")

// ErrWrongPassphrase is wrapped by Open when the passphrase does not open
// the file's key.
var ErrWrongPassphrase = domain.Problemf("store.wrong_passphrase", "the passphrase is wrong: the database stays locked")

var (
	keyCrypt   = []byte("crypt")    // the wrapped data key, its salt and parameters
	keyCryptID = []byte("crypt_id") // which data key the values are sealed with
)

// sealTag starts every sealed value; a clear value starts with its codec tag.
const sealTag byte = 0xE5

// KDFParams are the Argon2id parameters a passphrase is stretched with.
type KDFParams struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultKDF is what a new passphrase is stretched with: about a quarter
// of a second on a laptop, and 64 MiB an attacker pays per guess.
var DefaultKDF = KDFParams{Time: 3, Memory: 64 << 10, Threads: 2}

// wrappedKey is meta's crypt value.
type wrappedKey struct {
	Version uint8  `cbor:"1,keyasint"`
	Time    uint32 `cbor:"2,keyasint"`
	Memory  uint32 `cbor:"3,keyasint"`
	Threads uint8  `cbor:"4,keyasint"`
	Salt    []byte `cbor:"5,keyasint"`
	Nonce   []byte `cbor:"6,keyasint"`
	Sealed  []byte `cbor:"7,keyasint"` // the data key, sealed with the passphrase's key
}

const tagCrypt byte = 0x28 // meta crypt: the wrapped data key

// crypt is an open data key and the keys made from it.
type crypt struct {
	id      []byte // 8 bytes that name the data key (a hash of it)
	dataKey []byte
	aead    interface {
		Seal(dst, nonce, plaintext, additionalData []byte) []byte
		Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
	}
	nonceKey []byte
	wordKey  []byte
	dupKey   []byte
	// A bulk write makes millions of tokens: their HMACs are reused.
	words, dups sync.Pool
}

func hmacPool(p *sync.Pool, key []byte) {
	p.New = func() any { return hmac.New(sha256.New, key) }
}

// mac is the keyed hash of kind and s, from the pool p.
func mac(p *sync.Pool, dst []byte, kind byte, s string) []byte {
	m := p.Get().(hash.Hash)
	m.Reset()
	m.Write([]byte{kind})
	m.Write([]byte(s))
	dst = m.Sum(dst)
	p.Put(m)
	return dst
}

func subkey(dataKey []byte, label string) []byte {
	m := hmac.New(sha256.New, dataKey)
	m.Write([]byte("leadq " + label))
	return m.Sum(nil)
}

func newCrypt(dataKey []byte) (*crypt, error) {
	a, err := chacha20poly1305.NewX(subkey(dataKey, "values"))
	if err != nil {
		return nil, err
	}
	c := &crypt{id: subkey(dataKey, "key id")[:8], dataKey: bytes.Clone(dataKey), aead: a,
		nonceKey: subkey(dataKey, "nonces"), wordKey: subkey(dataKey, "words"), dupKey: subkey(dataKey, "duplicates")}
	hmacPool(&c.words, c.wordKey)
	hmacPool(&c.dups, c.dupKey)
	return c, nil
}

func newDataKey() (*crypt, error) {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return newCrypt(k)
}

func kek(pass []byte, salt []byte, p KDFParams) []byte {
	return argon2.IDKey(pass, salt, p.Time, p.Memory, p.Threads, chacha20poly1305.KeySize)
}

// wrapAD binds the wrapped key to its parameters, so they cannot be
// lowered without the passphrase.
func (w *wrappedKey) ad() []byte {
	b := []byte("leadq data key")
	b = append(b, w.Version, w.Threads)
	b = binary.BigEndian.AppendUint32(b, w.Time)
	b = binary.BigEndian.AppendUint32(b, w.Memory)
	return append(b, w.Salt...)
}

// wrap seals the data key with a key made of pass.
func (c *crypt) wrap(pass []byte, p KDFParams) ([]byte, error) {
	if p.Time == 0 || p.Memory == 0 || p.Threads == 0 {
		p = DefaultKDF
	}
	w := wrappedKey{Version: 1, Time: p.Time, Memory: p.Memory, Threads: p.Threads,
		Salt: make([]byte, 16), Nonce: make([]byte, chacha20poly1305.NonceSizeX)}
	if _, err := rand.Read(w.Salt); err != nil {
		return nil, err
	}
	if _, err := rand.Read(w.Nonce); err != nil {
		return nil, err
	}
	a, err := chacha20poly1305.NewX(kek(pass, w.Salt, p))
	if err != nil {
		return nil, err
	}
	w.Sealed = a.Seal(nil, w.Nonce, c.dataKey, w.ad())
	return encodeValue(tagCrypt, &w)
}

// unwrap opens a wrapped data key with pass.
func unwrap(v, pass []byte) (*crypt, error) {
	var w wrappedKey
	if err := decodeValue(tagCrypt, v, &w); err != nil {
		return nil, fmt.Errorf("its key %w", err)
	}
	if w.Version != 1 || w.Time == 0 || w.Memory == 0 || w.Threads == 0 || len(w.Nonce) != chacha20poly1305.NonceSizeX {
		return nil, domain.Problemf("store.crypt.unknown_key", "its key is of an unknown kind (version %d): update leadq", w.Version)
	}
	a, err := chacha20poly1305.NewX(kek(pass, w.Salt, KDFParams{w.Time, w.Memory, w.Threads}))
	if err != nil {
		return nil, err
	}
	k, err := a.Open(nil, w.Nonce, w.Sealed, w.ad())
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return newCrypt(k)
}

// kdfOf reads the parameters a wrapped key was made with.
func kdfOf(v []byte) (KDFParams, error) {
	var w wrappedKey
	if err := decodeValue(tagCrypt, v, &w); err != nil {
		return KDFParams{}, err
	}
	return KDFParams{w.Time, w.Memory, w.Threads}, nil
}

func sealAD(bucket, k []byte) []byte {
	ad := make([]byte, 0, 1+len(bucket)+len(k))
	ad = append(ad, byte(len(bucket)))
	ad = append(ad, bucket...)
	return append(ad, k...)
}

// seal turns a clear value into its sealed form: sealTag | nonce | ciphertext.
func (c *crypt) seal(bucket, k, v []byte) []byte {
	if c == nil || v == nil {
		return v
	}
	ad := sealAD(bucket, k)
	h, _ := blake2b.New(chacha20poly1305.NonceSizeX, c.nonceKey)
	h.Write(ad)
	h.Write(v)
	out := make([]byte, 1, 1+chacha20poly1305.NonceSizeX+len(v)+chacha20poly1305.Overhead)
	out[0] = sealTag
	out = h.Sum(out)
	return c.aead.Seal(out, out[1:], v, ad)
}

// open returns a sealed value's clear form; a clear store's values are
// returned as they are.
func (c *crypt) open(bucket, k, v []byte) ([]byte, error) {
	if c == nil || v == nil {
		if len(v) > 0 && v[0] == sealTag {
			return nil, fmt.Errorf("%w: a sealed value in a database without a key", ErrDamaged)
		}
		return v, nil
	}
	if len(v) < 1+chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead || v[0] != sealTag {
		return nil, fmt.Errorf("%w: a value that is not sealed in an encrypted database", ErrDamaged)
	}
	n := 1 + chacha20poly1305.NonceSizeX
	p, err := c.aead.Open(nil, v[1:n], v[n:], sealAD(bucket, k))
	if err != nil {
		return nil, fmt.Errorf("%w: a sealed value does not open (changed, or moved from another lead)", ErrDamaged)
	}
	return p, nil
}

// token is the blind form of a search word or prefix: hex, so it never
// holds the 0 that ends a word in a posting key.
func (c *crypt) token(kind byte, s string) string {
	var buf [sha256.Size]byte
	return hex.EncodeToString(mac(&c.words, buf[:0], kind, s)[:12])
}

const blindPrefixMax = 3

// indexWords is what the word index holds for a lead's words: the words
// themselves in a clear file; in an encrypted one, the tokens of each word
// and of its first one to three letters.
func (c *crypt) indexWords(words []string) []string {
	if c == nil {
		return words
	}
	out := make([]string, 0, 4*len(words))
	add := func(t string) {
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	for _, w := range words {
		add(c.token('w', w))
		for n, i := 0, 0; i < len(w) && n < blindPrefixMax; n++ {
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
			add(c.token('p', w[:i]))
		}
	}
	return out
}

// searchToken is the token a query prefix is looked up by, and whether
// it finds exactly the words that start with p (else a superset, to be
// tested on the rows).
func (c *crypt) searchToken(p string) (string, bool) {
	n, i := 0, 0
	for i < len(p) && n < blindPrefixMax {
		_, size := utf8.DecodeRuneInString(p[i:])
		i += size
		n++
	}
	return c.token('p', p[:i]), i == len(p)
}

// dupHash is a duplicate key's hash of a normalised value: FNV in a clear
// file, a keyed HMAC in an encrypted one.
func (c *crypt) dupHash(kind byte, value string) []byte {
	return mac(&c.dups, []byte{kind}, kind, value)[:dupPrefixLen]
}

// sealedBuckets are the buckets whose values are sealed.
func sealed(bucket string) bool {
	return bucket == "leads" || bucket == "history" || bucket == "queue"
}

// cryptOf reads which key, if any, a file's values are sealed with.
func cryptIDOf(tx *bolt.Tx) []byte {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil
	}
	return meta.Get(keyCryptID)
}

// checkKey refuses a transaction on a file whose values are sealed with
// another key than this process holds (or with none): it was encrypted,
// decrypted or restored by another leadq meanwhile.
func (s *Store) checkKey(tx *bolt.Tx) error {
	c := s.crypt.Load()
	id := cryptIDOf(tx)
	var want []byte
	if c != nil {
		want = c.id
	}
	if subtle.ConstantTimeCompare(id, want) == 1 || (len(id) == 0 && len(want) == 0) {
		return nil
	}
	return domain.Problemf("store.rekeyed_elsewhere", "the database %s was encrypted, decrypted or restored by another leadq meanwhile: start leadq again", s.path)
}

// Encrypted reports whether the database's values are sealed.
func (s *Store) Encrypted() bool { return s.crypt.Load() != nil }

// openKey unlocks the file's data key when it has one.
func (s *Store) openKey(opt Options) error {
	var wrapped, id []byte
	err := s.view(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			wrapped, id = bytes.Clone(meta.Get(keyCrypt)), bytes.Clone(meta.Get(keyCryptID))
		}
		return nil
	})
	if err != nil || wrapped == nil {
		return err
	}
	if opt.Key != nil && bytes.Equal(opt.Key.c.id, id) {
		s.crypt.Store(opt.Key.c)
		return nil
	}
	if opt.Passphrase == nil {
		return domain.Problemf("store.at", "%s: %v", s.path, ErrEncrypted)
	}
	pass, err := opt.Passphrase()
	if errors.Is(err, ErrEncrypted) {
		return domain.Problemf("store.at", "%s: %v", s.path, err)
	}
	if err != nil {
		return err
	}
	c, err := unwrap(wrapped, pass)
	if err != nil {
		return domain.Problemf("store.at", "%s: %v", s.path, err)
	}
	if !bytes.Equal(c.id, id) {
		return fmt.Errorf("the database %s %w: its key does not name its values' key", s.path, ErrDamaged)
	}
	s.crypt.Store(c)
	return nil
}

// Key is an unlocked data key, handed to the opens of this database's
// copies (backups) so they need no passphrase.
type Key struct{ c *crypt }

// Key is the database's unlocked data key, nil for a clear database.
func (s *Store) Key() *Key {
	if c := s.crypt.Load(); c != nil {
		return &Key{c}
	}
	return nil
}

// sealValue and openValue seal and open a value of bucket at k with the
// store's key (as they are without one).
func (s *Store) sealValue(bucket, k, v []byte) []byte { return s.crypt.Load().seal(bucket, k, v) }

func (s *Store) openValue(bucket, k, v []byte) ([]byte, error) {
	return s.crypt.Load().open(bucket, k, v)
}

// dupHash is the duplicate index's hash of a normalised value.
func (s *Store) dupHash(kind byte, value string) []byte {
	if c := s.crypt.Load(); c != nil {
		return c.dupHash(kind, value)
	}
	return dupPrefix(kind, value)
}

// indexWords is what the word index holds for words.
func (s *Store) indexWords(words []string) []string { return s.crypt.Load().indexWords(words) }

// CopyAction is what encrypt, decrypt or a passphrase change did to one
// copy of the database.
type CopyAction struct {
	Path string
	Did  string // "encrypted", "decrypted", "re-keyed", "removed", "left"
	Why  string // for removed or left
	// Reason is Why as an error, a Problem where the store words it, for
	// the command line to say in the user's language.
	Reason error
}

// because records what was done to a copy and why.
func (a *CopyAction) because(did string, why error) {
	a.Did, a.Reason, a.Why = did, why, oneLineErr(why)
}

// KeyResult says what Encrypt, Decrypt or ChangePassphrase did.
type KeyResult struct {
	Leads  int
	Copies []CopyAction
}

// Encrypt copies the database into one whose values are sealed with a new
// data key wrapped by pass, verifies it and swaps it in; the clear file is
// gone once the new one is in place. Then each copy leadq made (copies, as
// CopiesOf lists them) is encrypted with the same key, or
// removed where it cannot be: the schema-1 .v1, the damaged copies of check
// --repair, a copy that does not open.
func (s *Store) Encrypt(pass []byte, kdf KDFParams, copies []string, progress func(done, total int)) (KeyResult, error) {
	var res KeyResult
	if s.Encrypted() {
		return res, domain.Problemf("store.crypt.already", "%s is encrypted already: leadq passphrase changes its passphrase", s.path)
	}
	if len(pass) == 0 {
		return res, domain.Problemf("store.crypt.empty_passphrase", "the passphrase is empty")
	}
	c, err := newDataKey()
	if err != nil {
		return res, err
	}
	wrapped, err := c.wrap(pass, kdf)
	if err != nil {
		return res, err
	}
	to := &rekey{c: c, wrapped: wrapped}
	if err := s.rekeyFile(to, progress, &res.Leads); err != nil {
		return res, domain.Problemf("store.crypt.encrypt_failed", "encrypting %s failed: %v (the database is unchanged)", s.path, err)
	}
	for _, p := range copies {
		res.Copies = append(res.Copies, s.rekeyCopy(p, to, true))
	}
	return res, nil
}

// Decrypt is Encrypt the other way: the database and its copies are
// written clear again.
func (s *Store) Decrypt(copies []string, progress func(done, total int)) (KeyResult, error) {
	var res KeyResult
	if !s.Encrypted() {
		return res, domain.Problemf("store.crypt.not_encrypted", "%s is not encrypted", s.path)
	}
	key := s.Key()
	if err := s.rekeyFile(&rekey{}, progress, &res.Leads); err != nil {
		return res, domain.Problemf("store.crypt.decrypt_failed", "decrypting %s failed: %v (the database is unchanged)", s.path, err)
	}
	for _, p := range copies {
		res.Copies = append(res.Copies, rekeyCopyWith(s, p, &rekey{}, key, false))
	}
	return res, nil
}

func (s *Store) rekeyFile(to *rekey, progress func(done, total int), leads *int) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if s.schema < SchemaVersion {
		return domain.Problemf("store.crypt.old_schema", "%s is a schema-%d file: open it with leadq once to migrate it first", s.path, s.schema)
	}
	return s.swap("", func(old *bolt.DB, dst string) error {
		n, dropped, err := s.rebuildWith(old, dst, to, progress)
		if err != nil {
			return err
		}
		if len(dropped) > 0 {
			return domain.Problemf("store.crypt.lead_unreadable", "lead %d does not read (%s): run leadq check --repair first", dropped[0].Lead, dropped[0].What)
		}
		crashAt("rekeyed")
		*leads = n
		return nil
	}, func() { s.crypt.Store(to.c) })
}

// rekeyCopy seals (or opens) one copy with to's key.
func (s *Store) rekeyCopy(path string, to *rekey, encrypting bool) CopyAction {
	return rekeyCopyWith(s, path, to, s.Key(), encrypting)
}

func rekeyCopyWith(s *Store, path string, to *rekey, key *Key, encrypting bool) CopyAction {
	a := CopyAction{Path: path}
	remove := func(why error) CopyAction {
		if err := os.Remove(path); err != nil {
			a.because("left", domain.Problemf("store.copy.not_removed", "%v, and it could not be removed: %v", why, err))
			return a
		}
		a.because("removed", why)
		return a
	}
	if strings.Contains(filepath.Base(path), ".damaged-") {
		if !encrypting {
			a.because("left", domain.Problemf("store.copy.damaged", "a damaged copy kept by check --repair"))
			return a
		}
		return remove(domain.Problemf("store.copy.damaged_clear", "a damaged copy kept by check --repair, clear"))
	}
	c, err := Open(path, Options{Scoring: s.model, NoMigrate: true, Timeout: s.h.timeout, DefaultCountry: s.country, Command: "leadq encrypt", Key: key})
	if err != nil {
		if encrypting {
			return remove(domain.Problemf("store.copy.does_not_open", "it does not open (%v)", err))
		}
		a.because("left", err)
		return a
	}
	defer c.Close()
	switch {
	case c.schema < SchemaVersion && encrypting:
		c.Close()
		return remove(domain.Problemf("store.copy.clear_migration", "the clear schema-%d copy of the migration", c.schema))
	case c.schema < SchemaVersion:
		a.because("left", domain.Problemf("store.copy.old_schema", "a schema-%d copy", c.schema))
		return a
	case c.Encrypted() == (to.c != nil):
		a.because("left", domain.Problemf("store.copy.already", "it is so already"))
		return a
	}
	var n int
	if err := c.rekeyFile(to, nil, &n); err != nil {
		if encrypting {
			c.Close()
			return remove(domain.Problemf("store.copy.not_encrypted", "it could not be encrypted (%v)", err))
		}
		a.because("left", err)
		return a
	}
	a.Did = "decrypted"
	if encrypting {
		a.Did = "encrypted"
	}
	return a
}

func oneLineErr(err error) string { return strings.ReplaceAll(err.Error(), "\n", " ") }

// ChangePassphrase wraps the data key with a new passphrase. No value is
// sealed anew: the file is copied as it is with the new wrapped key in
// meta (so the old one is not left in a freed page) and swapped in. The
// copies sealed with the same key get the new wrapping too, so they open
// with the new passphrase.
func (s *Store) ChangePassphrase(pass []byte, kdf KDFParams, copies []string) (KeyResult, error) {
	var res KeyResult
	c := s.crypt.Load()
	if c == nil {
		return res, domain.Problemf("store.crypt.not_encrypted_change", "%s is not encrypted: leadq encrypt turns encryption on", s.path)
	}
	if len(pass) == 0 {
		return res, domain.Problemf("store.crypt.empty_passphrase", "the passphrase is empty")
	}
	wrapped, err := c.wrap(pass, kdf)
	if err != nil {
		return res, err
	}
	if err := s.rewrap(wrapped); err != nil {
		return res, domain.Problemf("store.crypt.change_failed", "changing the passphrase of %s failed: %v (the old one still opens it)", s.path, err)
	}
	for _, p := range copies {
		a := CopyAction{Path: p}
		cp, err := Open(p, Options{Scoring: s.model, NoMigrate: true, Timeout: s.h.timeout, DefaultCountry: s.country, Command: "leadq passphrase", Key: s.Key()})
		switch {
		case err != nil:
			a.because("left", err)
		case !cp.Encrypted():
			a.because("left", domain.Problemf("store.copy.clear", "it is not encrypted"))
		default:
			if err := cp.rewrap(wrapped); err != nil {
				a.because("left", err)
			} else {
				a.Did = "re-keyed"
			}
		}
		if cp != nil {
			cp.Close()
		}
		res.Copies = append(res.Copies, a)
	}
	return res, nil
}

func (s *Store) rewrap(wrapped []byte) error {
	return s.Swap("", func(old *bolt.DB, dst string) error {
		out, err := createBolt(dst)
		if err != nil {
			return err
		}
		err = copyEdited(out, old, func(bucket string, k, v []byte) ([]byte, []byte, bool, error) {
			if bucket == "meta" && bytes.Equal(k, keyCrypt) {
				return k, wrapped, true, nil
			}
			return k, v, true, nil
		})
		if err != nil {
			out.Close()
			return err
		}
		crashAt("rewrapped")
		return finishBolt(out, dst)
	})
}

// KDF is the Argon2id parameters the database's key is wrapped with.
func (s *Store) KDF() (KDFParams, error) {
	var p KDFParams
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyCrypt)
		if v == nil {
			return domain.Problemf("store.crypt.not_encrypted", "%s is not encrypted", s.path)
		}
		var err error
		p, err = kdfOf(v)
		return err
	})
	return p, err
}
