package store

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// A person who was erased at their request must not come back by
// accident. The file keeps, for each erasure, a keyed hash (HMAC-SHA256
// with a random key of this database, kept in meta) of their normalised
// email and phone numbers with the date: it tells a later add or import
// that this is them, but cannot be turned back into the email or number.

var (
	bucketErased  = []byte("erased") // 'e' or 'p' | HMAC of the email or phone → date of the erasure
	keyErasureKey = []byte("erasure_key")
)

// ErasedError refuses a lead of a person erased at their request.
type ErasedError struct {
	On time.Time
	By string // "email" or "phone"
}

func (e *ErasedError) Error() string {
	return fmt.Sprintf("this person (by %s) was erased on %s at their request: leadq does not take them in again", e.By, e.On.Format("2006-01-02"))
}

// allowErased holds the stores that take erased persons in all the same.
var allowErased sync.Map

// AllowErased makes adds and imports of this store take in persons who
// were erased at their request (they came back of their own accord).
func (s *Store) AllowErased(allow bool) {
	if allow {
		allowErased.Store(s, true)
	} else {
		allowErased.Delete(s)
	}
}

func (s *Store) erasedAllowed() bool {
	_, ok := allowErased.Load(s)
	return ok
}

// erasureMark is one suppression entry: its key and the date it holds.
type erasureMark struct {
	key []byte
	on  []byte
}

// markKey is the suppression key of an email ('e') or phone ('p').
func markKey(secret []byte, kind byte, value string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte{kind})
	m.Write([]byte(value))
	return m.Sum([]byte{kind})
}

// personValues are the normalised email and phone numbers a lead is known
// by, read as the duplicate index reads them; the country is normalised
// first, as a lead from a file may not be yet.
func (s *Store) personValues(l *domain.Lead) (emails, phones []string) {
	c := *l
	if code, err := domain.NormaliseCountry(c.Company.Country); err == nil {
		c.Company.Country = code
	}
	c.Email = domain.NormaliseEmail(c.Email)
	return s.dupValues(&c)
}

// erasureSecret reads the database's erasure key; ok is false when no one
// was erased yet. An encrypted file keeps it sealed: with it, guesses of
// an email could be tested against the suppression entries.
func (s *Store) erasureSecret(tx *bolt.Tx) ([]byte, bool) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil, false
	}
	v, err := s.openValue(bucketMeta, keyErasureKey, meta.Get(keyErasureKey))
	if err != nil || len(v) != 32 {
		return nil, false
	}
	return bytes.Clone(v), true
}

func newErasureSecret() ([]byte, error) {
	k := make([]byte, 32)
	_, err := rand.Read(k)
	return k, err
}

// erased finds a suppression entry for l.
func (s *Store) erased(tx *bolt.Tx, l *domain.Lead) *ErasedError {
	b := tx.Bucket(bucketErased)
	if b == nil {
		return nil
	}
	secret, ok := s.erasureSecret(tx)
	if !ok {
		return nil
	}
	emails, phones := s.personValues(l)
	return erasedIn(func(k []byte) []byte { return b.Get(k) }, secret, emails, phones)
}

func erasedIn(get func(k []byte) []byte, secret []byte, emails, phones []string) *ErasedError {
	for _, v := range [][2]any{{byte(dupEmail), emails}, {byte(dupPhone), phones}} {
		kind, values := v[0].(byte), v[1].([]string)
		for _, x := range values {
			if on := get(markKey(secret, kind, x)); on != nil {
				t, _ := time.Parse("2006-01-02", string(on))
				by := "email"
				if kind == dupPhone {
					by = "phone"
				}
				return &ErasedError{On: t, By: by}
			}
		}
	}
	return nil
}

// refuseErased is the check add makes before a new lead is stored.
func (s *Store) refuseErased(tx *bolt.Tx, l *domain.Lead) error {
	if s.erasedAllowed() {
		return nil
	}
	if e := s.erased(tx, l); e != nil {
		return e
	}
	return nil
}

// erasedFilter reads the suppression entries once, for an import to test
// each row against; nil when there are none or erased persons are let in.
func (s *Store) erasedFilter() (func(l *domain.Lead) *ErasedError, error) {
	if s.erasedAllowed() {
		return nil, nil
	}
	marks := map[string][]byte{}
	var secret []byte
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketErased)
		var ok bool
		if secret, ok = s.erasureSecret(tx); !ok || b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			marks[string(k)] = bytes.Clone(v)
			return nil
		})
	})
	if err != nil || len(marks) == 0 {
		return nil, err
	}
	return func(l *domain.Lead) *ErasedError {
		emails, phones := s.personValues(l)
		return erasedIn(func(k []byte) []byte { return marks[string(k)] }, secret, emails, phones)
	}, nil
}

// ErasedRowsError says an import left out rows of erased persons; the
// other rows were imported.
type ErasedRowsError struct {
	Rows      int
	FirstLine int
	First     *ErasedError
}

func (e *ErasedRowsError) Error() string {
	return fmt.Sprintf("%d %s left out: line %d is a person erased on %s at their request (the other rows were imported)",
		e.Rows, pluralRows(e.Rows), e.FirstLine, e.First.On.Format("2006-01-02"))
}

func pluralRows(n int) string {
	if n == 1 {
		return "row was"
	}
	return "rows were"
}

// LeadsByEmail lists the leads whose email is addr, in any case.
func (s *Store) LeadsByEmail(addr string) ([]uint64, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	if addr == "" {
		return nil, errors.New("an empty email address")
	}
	var ids []uint64
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range s.dupIDs(tx, s.dupHash(dupEmail, addr)) {
			l, _, err := s.read(tx, id)
			if err != nil {
				return err
			}
			if strings.ToLower(strings.TrimSpace(l.Email)) == addr {
				ids = append(ids, id)
			}
		}
		return nil
	})
	return ids, err
}

// refuseRow tests an import row against the suppression entries.
func refuseRow(refuse func(l *domain.Lead) *ErasedError, l *domain.Lead) *ErasedError {
	if refuse == nil {
		return nil
	}
	return refuse(l)
}
