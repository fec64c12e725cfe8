// Package store keeps leads in one local bbolt file: the records, their
// activities and the indexes the queue, search and the Due tab read.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"leadq/domain"
)

// SchemaVersion is the layout this code writes. Opening a file with a
// newer version is refused rather than risk damaging it.
const SchemaVersion = 1

const formatSentinel = "leadq"

var (
	bucketMeta       = []byte("meta")
	bucketLeads      = []byte("leads")      // id → lead JSON (without activities)
	bucketActivities = []byte("activities") // id → the lead's activities, oldest first, as JSON
	bucketQueue      = []byte("queue")      // group | inverted score | id → search text + row JSON
	bucketEmail      = []byte("email")      // lower(email) 0x00 id → nil
	bucketDue        = []byte("due")        // unix nanos | id | n → due row JSON

	keyFormat     = []byte("format")
	keySchema     = []byte("schema_version")
	keyRulesHash  = []byte("rules_hash")
	keyCounts     = []byte("counts")
	keyRescoredAt = []byte("rescored_at")

	allBuckets = [][]byte{bucketMeta, bucketLeads, bucketActivities, bucketQueue, bucketEmail, bucketDue}
)

// ErrNotFound is returned for an id no lead has.
var ErrNotFound = errors.New("no such lead")

// ErrInUse is wrapped by Open when another process holds the database.
var ErrInUse = errors.New("in use by another leadq")

// Options tune Open.
type Options struct {
	Scoring domain.ScoringModel
	Timeout time.Duration    // wait for another process's lock; default 1 s
	Now     func() time.Time // clock, for tests; default time.Now
	By      string           // who writes, recorded in history
}

// Store is an open leadq database.
type Store struct {
	db       *bolt.DB
	path     string
	model    domain.ScoringModel
	now      func() time.Time
	by       string
	gen      atomic.Uint64 // bumped on every committed write
	writeMu  sync.Mutex    // AddBulk hands out ids ahead of its transactions; Add waits for it
	Rescored int           // leads re-scored at Open because the rules changed
}

// Open opens or creates the database at path. A file that is not a leadq
// database, was written by a newer leadq, or is held by another leadq is
// refused with an error that says so.
func Open(path string, opt Options) (s *Store, err error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	fi, statErr := os.Stat(path)
	switch {
	case statErr == nil && fi.IsDir():
		return nil, fmt.Errorf("the database %s is a directory, not a file", path)
	case statErr == nil && fi.Size() == 0:
		return nil, fmt.Errorf("the database %s is an empty file, not a leadq database: remove it or choose another path", path)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot read the database %s: %w", path, statErr)
	}
	// A damaged file can make bbolt panic deep inside; turn that into an error.
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("the database %s is damaged and cannot be opened (%v)", path, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      opt.Timeout,
		FreelistType: bolt.FreelistMapType,
		// Map generously up front: growing the map blocks every reader.
		InitialMmapSize: 256 << 20,
	})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, fmt.Errorf("the database %s is %w", path, ErrInUse)
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
			return nil, fmt.Errorf("%s is not a leadq database (%v)", path, err)
		}
		return nil, fmt.Errorf("cannot open the database %s: %w", path, err)
	}
	s = &Store{db: db, path: path, model: opt.Scoring, now: opt.Now, by: opt.By}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.rescoreIfRulesChanged(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// init creates every bucket in one transaction and checks the format.
func (s *Store) init() error {
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			// A bbolt file with buckets but no meta is someone else's database.
			foreign := false
			_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				foreign = true
				return nil
			})
			if foreign {
				return fmt.Errorf("%s is not a leadq database (it holds other data)", s.path)
			}
			for _, b := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			meta = tx.Bucket(bucketMeta)
			if err := meta.Put(keyFormat, []byte(formatSentinel)); err != nil {
				return err
			}
			if err := markRescored(tx, s.now()); err != nil { // nothing to decay yet
				return err
			}
			return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		if string(meta.Get(keyFormat)) != formatSentinel {
			return fmt.Errorf("%s is not a leadq database", s.path)
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			return fmt.Errorf("the database %s has no readable schema version", s.path)
		}
		if v > SchemaVersion {
			return fmt.Errorf("the database %s was written by a newer leadq (schema %d; this leadq reads up to %d): update leadq", s.path, v, SchemaVersion)
		}
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Model is the scoring model in force.
func (s *Store) Model() domain.ScoringModel { return s.model }

// Generation changes whenever a write commits, so readers can tell their
// snapshot (e.g. the search index) is stale.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// Check walks the whole file and reports damage as an error.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() { // drain: Check's goroutine sends until done
			if len(errs) < 10 {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			return fmt.Errorf("the database %s is damaged: %w", s.path, errors.Join(errs...))
		}
		return nil
	})
}

func itob(id uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

// Group is where a lead sorts in the queue index: its tier while it is in
// the queue, GroupOut once it has left (no fit, disqualified, customer).
type Group uint8

const (
	GroupHot Group = iota
	GroupWarm
	GroupCold
	GroupOut
	numGroups
)

func groupOf(l *domain.Lead) Group {
	if !l.InQueue() {
		return GroupOut
	}
	return Group(l.Score.Tier)
}

// queueKey sorts by group, then score descending, then id.
func queueKey(l *domain.Lead) []byte {
	k := make([]byte, 13)
	k[0] = byte(groupOf(l))
	binary.BigEndian.PutUint32(k[1:5], uint32(int64(0x7FFFFFFF)-int64(l.Score.Total)))
	binary.BigEndian.PutUint64(k[5:13], l.ID)
	return k
}

// QueueKeyLen is the length of a queue index key.
const QueueKeyLen = 13

func emailKey(email string, id uint64) []byte {
	e := bytes.ToLower(bytes.TrimSpace([]byte(email)))
	k := make([]byte, 0, len(e)+9)
	k = append(k, e...)
	k = append(k, 0)
	return append(k, itob(id)...)
}

func dueKey(at time.Time, id uint64, n int) []byte {
	k := make([]byte, 17)
	binary.BigEndian.PutUint64(k[0:8], uint64(at.UnixNano()))
	binary.BigEndian.PutUint64(k[8:16], id)
	k[16] = byte(n)
	return k
}

// counts is the number of leads per group, kept in meta so the tab counts
// never need a scan.
type counts [numGroups]int64

func readCounts(tx *bolt.Tx) counts {
	var c counts
	b := tx.Bucket(bucketMeta).Get(keyCounts)
	for i := 0; i < int(numGroups) && len(b) >= (i+1)*8; i++ {
		c[i] = int64(binary.BigEndian.Uint64(b[i*8:]))
	}
	return c
}

func writeCounts(tx *bolt.Tx, c counts) error {
	b := make([]byte, 8*numGroups)
	for i := range c {
		binary.BigEndian.PutUint64(b[i*8:], uint64(c[i]))
	}
	return tx.Bucket(bucketMeta).Put(keyCounts, b)
}

// ErrDamaged is wrapped when the file turns out damaged while reading or
// writing it.
var ErrDamaged = errors.New("is damaged")

// view and update run a transaction and turn a panic from a damaged file
// into an error that says so; bbolt rolls the transaction back first.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.Update(fn)
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the database %s %w (%v): nothing was changed; leadq check tells more, and a backup copy of the file is the way back", s.path, ErrDamaged, r)
	}
}
