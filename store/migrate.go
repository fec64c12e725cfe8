package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// crashAt is called at the moments a migration could be killed; tests
// exit the process there to prove the old file survives each.
var crashAt = func(moment string) {}

// migrate copies a schema-1 file into a new schema-2 file beside it and,
// once the copy is complete and checked, swaps it in; the old file stays as
// <name>.v1. An interrupted migration leaves the old file as it was (the
// half-made copy is thrown away by the next one). A file that cannot be
// written is migrated into a temporary copy instead, opened read-only:
// kept is then that copy's path and notice says so.
func migrate(path string, opt Options) (kept string, notice *domain.Problem, err error) {
	if !writable(path) {
		dir, err := os.MkdirTemp("", "leadq-readonly-")
		if err != nil {
			return "", nil, err
		}
		tmp := filepath.Join(dir, filepath.Base(path))
		if err := migrateInto(path, tmp, opt); err != nil {
			return "", nil, err
		}
		return tmp, domain.Problemf("store.notice.migrated_read_only", "%s is a schema-1 database that cannot be written: showing it migrated, read-only; nothing can be saved", path), nil
	}
	// The copy is made under the file's exclusive lock and swapped in the
	// way every replacement of the file is; a leadq that waited meanwhile
	// finds the migrated file.
	s, err := Open(path, Options{Scoring: opt.Scoring, Timeout: opt.Timeout, Now: opt.Now, By: opt.By, DefaultCountry: opt.DefaultCountry, Command: opt.Command, NoMigrate: true})
	if err != nil {
		return "", nil, err
	}
	defer s.Close()
	old := path + ".v1"
	err = s.Swap(old, func(db *bolt.DB, dst string) error {
		version := 0
		db.View(func(tx *bolt.Tx) error {
			version, _ = readSchema(tx, path)
			return nil
		})
		if version >= SchemaVersion {
			return errMigrated
		}
		return migrateFrom(db, path, dst, opt)
	})
	switch {
	case errors.Is(err, errMigrated):
		return "", nil, nil // another leadq migrated it while we waited
	case err != nil:
		return "", nil, err
	}
	return old, nil, nil
}

// errMigrated says that another leadq migrated the file first.
var errMigrated = errors.New("already migrated")

// writable reports whether path and its directory can be written: a
// migration needs both.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".leadq-probe-")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// migrateInto writes the schema-2 form of the schema-1 file src into dst.
func migrateInto(src, dst string, opt Options) error {
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	old, err := openBolt(src, opt.Timeout, true)
	if err != nil {
		return err
	}
	defer old.Close()
	return migrateFrom(old, src, dst, opt)
}

// migrateFrom writes the schema-2 form of the open schema-1 file into dst.
func migrateFrom(old *bolt.DB, src, dst string, opt Options) error {
	var seq uint64
	var rulesHash, rescoredAt []byte
	var total int
	if err := old.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLeads)
		if b == nil {
			return fmt.Errorf("%s %w: it has no leads bucket", src, ErrDamaged)
		}
		seq = b.Sequence()
		total = b.Stats().KeyN
		meta := tx.Bucket(bucketMeta)
		rulesHash = append([]byte(nil), meta.Get(keyRulesHash)...)
		rescoredAt = append([]byte(nil), meta.Get(keyRescoredAt)...)
		return nil
	}); err != nil {
		return err
	}
	s, err := Open(dst, Options{Scoring: opt.Scoring, Timeout: opt.Timeout, Now: opt.Now, By: opt.By, DefaultCountry: opt.DefaultCountry})
	if err != nil {
		return err
	}
	if err := s.copyV1(old, total, opt.Progress); err != nil {
		s.Close()
		return domain.Problemf("store.migrate.failed", "migrating %s failed: %v (the file is unchanged)", src, err)
	}
	err = s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := tx.Bucket(bucketLeads).SetSequence(seq); err != nil {
			return err
		}
		if err := meta.Put(keyRulesHash, rulesHash); err != nil {
			return err
		}
		if len(rescoredAt) > 0 {
			return meta.Put(keyRescoredAt, rescoredAt)
		}
		return nil
	})
	if err == nil {
		err = s.verifyCopy(total)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyV1 copies every schema-1 lead, batch by batch, keeping its id and its
// stored score.
func (s *Store) copyV1(old *bolt.DB, total int, progress func(done, total int)) error {
	var after uint64
	done := 0
	for {
		var batch []*domain.Lead
		err := old.View(func(tx *bolt.Tx) error {
			leads, acts := tx.Bucket(bucketLeads), tx.Bucket(bucketV1Activities)
			cur := leads.Cursor()
			for k, v := cur.Seek(itob(after + 1)); k != nil && len(batch) < BulkBatch; k, v = cur.Next() {
				if len(k) != 8 {
					continue
				}
				var a []byte
				if acts != nil {
					a = acts.Get(k)
				}
				l, err := v1ToLead(v, a)
				if err != nil {
					return fmt.Errorf("lead %d %w", binary.BigEndian.Uint64(k), err)
				}
				l.ID = binary.BigEndian.Uint64(k)
				batch = append(batch, l)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		after = batch[len(batch)-1].ID
		if err := s.putCopied(batch, s.withNewEventIDs); err != nil {
			return err
		}
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
		crashAt("batch")
	}
}

// putCopied writes leads that keep their ids and scores, in one
// transaction (a migration or a repair: ids come in order, so pages are
// filled full). prepare, when set, readies each lead first.
func (s *Store) putCopied(batch []*domain.Lead, prepare func(l *domain.Lead)) error {
	return s.update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketLeads).FillPercent = 0.95
		tx.Bucket(bucketHistory).FillPercent = 0.95
		tx.Bucket(bucketScores).FillPercent = 0.95
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		bulk := newBulkBuf()
		for _, l := range batch {
			score := l.Score
			s.readPhones(l, nil)
			if prepare != nil {
				prepare(l)
			}
			l.Score = score
			e, err := s.encode(l)
			if err != nil {
				return fmt.Errorf("lead %d: %w", l.ID, err)
			}
			if err := s.write(tx, e, nil, &c, bulk); err != nil {
				return err
			}
		}
		if err := bulk.flush(tx); err != nil {
			return err
		}
		return writeCounts(tx, c)
	})
}

// withNewEventIDs readies a schema-1 lead: its history in order, each
// event with an id of this database.
func (s *Store) withNewEventIDs(l *domain.Lead) {
	domain.SortHistory(l.History)
	for i := range l.History {
		l.History[i].ID = s.newEventID(l.History[i].At)
	}
}

// verifyCopy checks the new file before it replaces the old one: every
// lead is there and decodes, and the counts add up.
func (s *Store) verifyCopy(want int) error {
	return s.view(func(tx *bolt.Tx) error {
		n := 0
		cur := tx.Bucket(bucketLeads).Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			if _, _, err := s.read(tx, binary.BigEndian.Uint64(k)); err != nil {
				return fmt.Errorf("the migrated copy does not read back: %w", err)
			}
			n++
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		if sum := c.total(); n != want || int(sum) != want {
			return fmt.Errorf("the migrated copy holds %d leads (counted %d) where the old file has %d", n, sum, want)
		}
		return nil
	})
}
