// Package store keeps leads in one local bbolt file: the records, their
// histories, their scores and the indexes the queue, search, duplicates and
// the Due tab read.
package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"leadq/domain"
)

// SchemaVersion is the layout this code writes. A file of an older version
// is migrated forward on open; a newer one is refused rather than risk
// damaging it.
const SchemaVersion = 2

const formatSentinel = "leadq"

// The buckets. Keys are big-endian ids unless said otherwise.
var (
	bucketMeta    = []byte("meta")
	bucketLeads   = []byte("leads")   // id → the lead's record
	bucketHistory = []byte("history") // id → the lead's events, oldest first
	bucketScores  = []byte("scores")  // id → group, tier, total, scored at
	bucketQueue   = []byte("queue")   // group | inverted score | id → the row the queue shows
	bucketDue     = []byte("due")     // time | id | kind | n → nothing
	bucketDups    = []byte("dups")    // 'e', 'p' or 'x' | hash of the email, phone or external id | id → nothing
	bucketWords   = []byte("words")   // folded word | 0 | first id → chunk of lead ids

	keyFormat     = []byte("format")
	keySchema     = []byte("schema_version")
	keyDatabaseID = []byte("database_id")
	keyOrigins    = []byte("origins")
	keyRulesHash  = []byte("rules_hash")
	keyCounts     = []byte("counts")
	keyRescoredAt = []byte("rescored_at")
	keyGeneration = []byte("generation")

	allBuckets = [][]byte{bucketMeta, bucketLeads, bucketHistory, bucketScores, bucketQueue, bucketDue, bucketDups, bucketWords}
)

// ErrNotFound is returned for an id no lead has.
var ErrNotFound = errors.New("no such lead")

// ErrReadOnly is returned by writes to a database opened read-only.
var ErrReadOnly = domain.Problemf("store.read_only", "the database is open read-only: nothing can be saved")

// ErrInUse is wrapped by Open when another process holds the database.
var ErrInUse = domain.Problemf("store.in_use", "in use by another leadq")

// Options tune Open.
type Options struct {
	Scoring domain.ScoringModel
	Timeout time.Duration    // how long to wait for another process to let go of the file; default DefaultBusyTimeout
	Command string           // what this process is ("leadq add"), named to a process that waits for it
	Now     func() time.Time // clock, for tests; default time.Now
	By      string           // who writes, recorded in history
	// DefaultCountry reads phone numbers of leads without a country
	// (ISO code; default DE).
	DefaultCountry string
	// Progress, when set, hears how a migration gets on.
	Progress func(done, total int)
	// NoMigrate opens an older file only to check it: it is not changed.
	NoMigrate bool
	// Passphrase is asked for the passphrase when the file is encrypted.
	Passphrase func() ([]byte, error)
	// Key opens a copy of an encrypted database without asking (a backup
	// sealed with the same key).
	Key *Key
}

// Store is an open leadq database.
type Store struct {
	h         *handle
	path      string
	model     domain.ScoringModel
	modelHash string
	now       func() time.Time
	by        string
	country   string
	id        domain.DatabaseID

	mu      sync.Mutex // guards origins and entropy
	origins origins
	entropy *ulid.MonotonicEntropy

	gen     atomic.Uint64 // bumped on every committed write
	writeMu sync.Mutex    // one writer of ours at a time; bulk writes hand out ids ahead
	bulk    *bulkBuf      // the index entries a bulk write holds back (under writeMu)

	crypt    atomic.Pointer[crypt] // the data key; nil for a clear file
	keyKnown bool                  // crypt is what the file says: transactions check it still is

	stale    atomic.Bool // the stored scores were worked out under other rules
	schema   int         // the file's schema version (older only with NoMigrate)
	readOnly bool        // writes are refused (see Notice)
	fellBack bool        // the newest meta page is damaged
	existed  bool        // the file was there before Open
	tempCopy string      // a folder of our own holding a migrated copy, removed on Close

	// Migrated says that Open migrated the file and where the old one was kept.
	Migrated string
	// Notice is something the user should hear about the open (a
	// read-only copy, say); empty when all is as usual.
	Notice string
	// NoticeProblem is Notice as a Problem, for a screen to word in the
	// user's language; nil when Notice is empty or set by hand.
	NoticeProblem *domain.Problem
}

// Open opens or creates the database at path. A file that is not a leadq
// database, was written by a newer leadq, or is held by another leadq is
// refused with an error that says so. A schema-1 file is migrated first.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = DefaultBusyTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.DefaultCountry == "" {
		opt.DefaultCountry = "DE"
	}
	fi, statErr := os.Stat(path)
	switch {
	case statErr == nil && fi.IsDir():
		return nil, domain.Problemf("store.is_directory", "the database %s is a directory, not a file", path)
	case statErr == nil && fi.Size() == 0:
		return nil, domain.Problemf("store.empty_file", "the database %s is an empty file, not a leadq database: remove it or choose another path", path)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return nil, domain.Problemf("store.unreadable", "cannot read the database %s: %v", path, statErr)
	}
	readOnly, fellBack := false, false
	if statErr == nil {
		var err error
		if fellBack, err = guardFile(path); err != nil {
			return nil, err
		}
		// A file that cannot be written can still be read.
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil {
			readOnly = cannotWrite(err)
		} else {
			f.Close()
		}
	}
	s := &Store{h: newHandle(path, opt.Timeout, opt.Command), path: path, model: opt.Scoring, now: opt.Now, by: opt.By,
		country: opt.DefaultCountry, readOnly: readOnly || fellBack}
	switch {
	case fellBack:
		// Writing on would hand out again what the lost commit gave.
		s.NoticeProblem = domain.Problemf("store.notice.fell_back", "%s is damaged: its newest commit page does not check out, so what the last save wrote may be missing; it is open read-only: run leadq check", path)
	case readOnly:
		s.NoticeProblem = domain.Problemf("store.notice.read_only", "%s cannot be written: it is open read-only, nothing can be saved", path)
	}
	if s.NoticeProblem != nil {
		s.Notice = s.NoticeProblem.Error()
	}
	s.fellBack = fellBack
	s.existed = statErr == nil
	s.modelHash = modelHash(opt.Scoring)
	version, err := s.init()
	if err != nil {
		s.Close()
		return nil, err
	}
	if version < SchemaVersion && !opt.NoMigrate {
		s.Close()
		kept, notice, err := migrate(path, opt)
		if err != nil {
			return nil, err
		}
		if notice != nil {
			// The migrated copy lives elsewhere; open that instead.
			o := opt
			o.Progress, o.NoMigrate = nil, false
			s2, err := Open(kept, o)
			if err != nil {
				return nil, err
			}
			s2.Notice, s2.NoticeProblem = notice.Error(), notice
			s2.readOnly = true
			s2.tempCopy = filepath.Dir(kept)
			return s2, nil
		}
		s2, err := Open(path, opt)
		if err != nil {
			return nil, err
		}
		s2.Migrated = kept
		return s2, nil
	}
	s.schema = version
	if err := s.openKey(opt); err != nil {
		s.Close()
		return nil, err
	}
	s.keyKnown = true
	if err := s.loadMeta(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// cannotWrite reports an open that failed only because the file or its
// filesystem may not be written.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

func openBolt(path string, timeout time.Duration, readOnly bool) (db *bolt.DB, err error) {
	// A damaged file can make bbolt panic deep inside; turn that into an error.
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, domain.Problemf("store.damaged_open", "the database %s is damaged and cannot be opened (%v)", path, fmt.Sprint(r))
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      timeout,
		ReadOnly:     readOnly,
		FreelistType: bolt.FreelistMapType,
		// Map generously up front: growing the map blocks every reader.
		InitialMmapSize: 256 << 20,
		// Pages of 16 KiB pack lead records and index entries closer than
		// bbolt's 4 KiB: a file a tenth smaller.
		PageSize: 16384,
	})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, domain.Problemf("store.busy", "the database %s is %v", path, ErrInUse)
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
			return nil, domain.Problemf("store.not_leadq_why", "%s is not a leadq database (%v)", path, err.Error())
		}
		return nil, domain.Problemf("store.cannot_open", "cannot open the database %s: %v", path, err)
	}
	return db, nil
}

// init checks the format and returns the file's schema version; a new file
// gets every bucket and a database id in one transaction.
func (s *Store) init() (version int, err error) {
	read := s.view
	if !s.existed {
		read = s.update // a new file is made by opening it to write
	}
	err = read(func(tx *bolt.Tx) error {
		var verr error
		version, verr = readSchema(tx, s.path)
		return verr
	})
	if err != nil || version != 0 {
		if version == SchemaVersion && !s.readOnly {
			err = s.ensureBuckets()
		}
		return version, err
	}
	if s.existed {
		return 0, domain.Problemf("store.foreign_bbolt", "%s is a bbolt database without leadq's data, likely another program's: leadq leaves it alone (if leadq was cut off while creating it, remove it)", s.path)
	}
	err = s.update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		id, err := newDatabaseID(s.now())
		if err != nil {
			return err
		}
		for _, kv := range [][2][]byte{
			{keyFormat, []byte(formatSentinel)},
			{keySchema, []byte(strconv.Itoa(SchemaVersion))},
			{keyDatabaseID, id[:]},
			{keyRulesHash, []byte(s.modelHash)},
		} {
			if err := meta.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return markRescored(tx, s.now()) // nothing to decay yet
	})
	return SchemaVersion, err
}

// ensureBuckets creates buckets a later leadq added to schema 2; it writes
// only when one is missing.
func (s *Store) ensureBuckets() error {
	missing := false
	if err := s.view(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				missing = true
			}
		}
		return nil
	}); err != nil || !missing {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// readSchema says which leadq layout the file holds: 0 for a new, empty
// bbolt file, else its schema version; a file that is not leadq's is an error.
func readSchema(tx *bolt.Tx, path string) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		// A bbolt file with buckets but no meta is someone else's database.
		foreign := false
		_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			foreign = true
			return nil
		})
		if foreign {
			return 0, domain.Problemf("store.not_leadq_other", "%s is not a leadq database (it holds other data)", path)
		}
		return 0, nil
	}
	if string(meta.Get(keyFormat)) != formatSentinel {
		return 0, domain.Problemf("store.not_leadq", "%s is not a leadq database", path)
	}
	v, err := strconv.Atoi(string(meta.Get(keySchema)))
	if err != nil || v < 1 {
		return 0, domain.Problemf("store.no_schema", "the database %s has no readable schema version", path)
	}
	if v > SchemaVersion {
		return 0, domain.Problemf("store.newer", "the database %s was written by a newer leadq (schema %d; this leadq reads up to %d): update leadq", path, v, SchemaVersion)
	}
	return v, nil
}

func newDatabaseID(now time.Time) (domain.DatabaseID, error) {
	u, err := ulid.New(ulid.Timestamp(now), rand.Reader)
	return domain.DatabaseID(u), err
}

// loadMeta reads the database id, the origins and whether the stored
// scores are current.
func (s *Store) loadMeta() error {
	if s.schema < SchemaVersion {
		return nil // an old file opened only to be checked
	}
	var seed [32]byte
	if _, err := rand.Read(seed[:]); err != nil {
		return err
	}
	s.entropy = ulid.Monotonic(mrand.NewChaCha8(seed), 0)
	return s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		copy(s.id[:], meta.Get(keyDatabaseID))
		if s.id.IsZero() {
			return fmt.Errorf("the database %s %w: it has no database id", s.path, ErrDamaged)
		}
		s.origins = origins{ids: []domain.DatabaseID{s.id}}
		if v := meta.Get(keyOrigins); v != nil {
			var ids [][]byte
			if err := decodeValue(tagOrigins, v, &ids); err != nil {
				return fmt.Errorf("the database %s: its list of origins %w", s.path, err)
			}
			for _, b := range ids[min(1, len(ids)):] {
				var id domain.DatabaseID
				copy(id[:], b)
				s.origins.ids = append(s.origins.ids, id)
			}
		}
		s.stale.Store(string(meta.Get(keyRulesHash)) != s.modelHash)
		return nil
	})
}

// Close releases the file.
func (s *Store) Close() error {
	err := s.h.close()
	if s.tempCopy != "" {
		os.RemoveAll(s.tempCopy)
	}
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// ID is the database's own id, made when the file was created.
func (s *Store) ID() domain.DatabaseID { return s.id }

// Model is the scoring model in force.
func (s *Store) Model() domain.ScoringModel { return s.model }

// DefaultCountry is the country phone numbers without one are read in.
func (s *Store) DefaultCountry() string { return s.country }

// bumpGeneration counts the commits in the file, so every process that
// has it open can tell it changed.
func bumpGeneration(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil // a file being made
	}
	var n uint64
	if v := meta.Get(keyGeneration); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	return meta.Put(keyGeneration, binary.BigEndian.AppendUint64(nil, n+1))
}

// FileGeneration is the number of commits the file has had, by any
// process: the open queue polls it to notice another leadq's writes.
func (s *Store) FileGeneration() (uint64, error) {
	var n uint64
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyGeneration); len(v) == 8 {
			n = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	return n, err
}

// Generation changes whenever a write of this Store commits.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// ReadOnly reports whether writes are refused.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Stale reports whether the stored scores and the queue order were worked
// out under other scoring rules than the ones in force; Rescore brings
// them up to date. Reads score what they return with the current rules.
func (s *Store) Stale() bool { return s.stale.Load() }

// newEventID makes an id for an event at t.
func (s *Store) newEventID(t time.Time) domain.EventID {
	s.mu.Lock()
	defer s.mu.Unlock()
	ms := ulid.Timestamp(t)
	if t.IsZero() || t.Before(time.Unix(0, 0)) {
		ms = 0
	}
	u, err := ulid.New(ms, s.entropy)
	if err != nil {
		// The monotonic source ran out within one millisecond: take the next.
		u, _ = ulid.New(ms+1, s.entropy)
	}
	return domain.EventID(u)
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

func groupOf(l *domain.Lead, tier domain.Tier) Group {
	if !l.InQueue() {
		return GroupOut
	}
	return Group(tier)
}

// QueueKeyLen is the length of a queue index key.
const QueueKeyLen = 13

// queueKey sorts by group, then score descending, then id.
func queueKey(g Group, total int32, id uint64) []byte {
	k := make([]byte, QueueKeyLen)
	k[0] = byte(g)
	binary.BigEndian.PutUint32(k[1:5], uint32(int64(0x7FFFFFFF)-int64(total)))
	binary.BigEndian.PutUint64(k[5:13], id)
	return k
}

func (sc scoreRec) queueKey(id uint64) []byte { return queueKey(sc.group, sc.total, id) }

// counts is the number of leads per group, kept in meta so the tab counts
// never need a scan.
type counts [numGroups]int64

// total is the number of leads in all groups.
func (c counts) total() int64 {
	var sum int64
	for _, x := range c {
		sum += x
	}
	return sum
}

func readCounts(tx *bolt.Tx) (counts, error) {
	var c counts
	v := tx.Bucket(bucketMeta).Get(keyCounts)
	if v == nil {
		return c, nil
	}
	b, err := unframe(tagCounts, v)
	if err != nil {
		return c, fmt.Errorf("the lead counts %w", err)
	}
	for i := range c {
		n, size := binary.Varint(b)
		if size <= 0 {
			return c, fmt.Errorf("the lead counts %w: they do not decode", ErrDamaged)
		}
		c[i], b = n, b[size:]
	}
	return c, nil
}

func writeCounts(tx *bolt.Tx, c counts) error {
	b := make([]byte, 0, 8*numGroups)
	for _, n := range c {
		b = binary.AppendVarint(b, n)
	}
	return tx.Bucket(bucketMeta).Put(keyCounts, frame(tagCounts, b))
}

// markRescored notes when every score was last brought up to date.
func markRescored(tx *bolt.Tx, now time.Time) error {
	b, err := now.UTC().MarshalText()
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyRescoredAt, b)
}

// view and update run a transaction and turn a panic from a damaged file
// into an error that says so; bbolt rolls the transaction back first.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	// A fault reading the map (a file cut short under us) panics instead
	// of killing the process, and becomes an error here.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	db, err := s.h.get(false)
	if err != nil {
		return err
	}
	defer s.h.put()
	return db.View(func(tx *bolt.Tx) error {
		if s.keyKnown {
			if err := s.checkKey(tx); err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	db, err := s.h.get(true)
	if err != nil {
		return err
	}
	defer s.h.put()
	return db.Update(func(tx *bolt.Tx) error {
		if s.keyKnown {
			if err := s.checkKey(tx); err != nil {
				return err
			}
		}
		if err := fn(tx); err != nil {
			return err
		}
		return bumpGeneration(tx)
	})
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the database %s %w (%v): nothing was changed; leadq check tells more, and a backup copy of the file is the way back", s.path, ErrDamaged, r)
	}
}

// Count is the number of leads per queue group.
type Count struct {
	Hot, Warm, Cold, Out int
}

// All is every lead.
func (c Count) All() int { return c.Hot + c.Warm + c.Cold + c.Out }

// Counts reads the tab counts without a scan.
func (s *Store) Counts() (Count, error) {
	var c counts
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		c, err = readCounts(tx)
		return err
	})
	return Count{Hot: int(c[GroupHot]), Warm: int(c[GroupWarm]), Cold: int(c[GroupCold]), Out: int(c[GroupOut])}, err
}

// hasPrefix is bytes.HasPrefix, named for the cursor loops.
func hasPrefix(k, prefix []byte) bool { return bytes.HasPrefix(k, prefix) }
