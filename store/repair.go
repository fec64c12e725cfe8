package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// RepairResult is what a repair did.
type RepairResult struct {
	Kept    string    // where the damaged file was kept
	Leads   int       // leads in the repaired file
	Dropped []Problem // what did not check out and was kept out
}

// Repair rebuilds every index and the counts from the lead records into a
// new file and swaps it in, keeping the damaged file beside it. A record
// that does not check out is kept out and listed, never shown as data; a
// lead whose history does not check out is kept without it (and listed);
// a lead whose stored score does not is scored again. The new file is
// verified before it replaces the old one.
func (s *Store) Repair(progress func(done, total int)) (RepairResult, error) {
	var res RepairResult
	if s.schema < SchemaVersion {
		return res, domain.Problemf("store.repair.old_schema", "%s is a schema-%d file: open it with leadq once to migrate it, then repair", s.path, s.schema)
	}
	if s.readOnly && !s.fellBack {
		return res, ErrReadOnly
	}
	res.Kept = fmt.Sprintf("%s.damaged-%s", s.path, s.now().Format("20060102-150405"))
	// A file whose newest commit is damaged is repaired from the one before.
	wasRO := s.readOnly
	s.readOnly = false
	err := s.Swap(res.Kept, func(old *bolt.DB, dst string) error {
		var err error
		res.Leads, res.Dropped, err = s.rebuildInto(old, dst, progress)
		return err
	})
	if err != nil {
		s.readOnly = wasRO
		res.Leads = 0
		return res, err
	}
	s.fellBack, s.Notice = false, ""
	return res, nil
}

// rebuildInto writes the leads of old that check out, with fresh indexes,
// into a new file at dst.
func (s *Store) rebuildInto(old *bolt.DB, dst string, progress func(done, total int)) (n int, dropped []Problem, err error) {
	return s.rebuildWith(old, dst, nil, progress)
}

// rekey is the key a rebuilt file's values are sealed with (c nil: none)
// and its wrapped form for meta.
type rekey struct {
	c       *crypt
	wrapped []byte
}

// rebuildWith is rebuildInto; with to set, the new file's values are
// sealed with to's key instead of this file's.
func (s *Store) rebuildWith(old *bolt.DB, dst string, to *rekey, progress func(done, total int)) (n int, dropped []Problem, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the file's pages are too damaged to walk (%v): restore a backup instead", r)
		}
	}()
	var seq uint64
	var meta, erased [][2][]byte
	total := 0
	if err := old.View(func(tx *bolt.Tx) error {
		leads := tx.Bucket(bucketLeads)
		if leads == nil || tx.Bucket(bucketMeta) == nil {
			return domain.Problemf("store.repair.nothing", "%s has no leads or no meta data: there is nothing to rebuild from", s.path)
		}
		seq = leads.Sequence()
		total = leads.Stats().KeyN
		// The suppression entries of erased people are facts no record
		// makes again: they are copied as they are.
		if b := tx.Bucket(bucketErased); b != nil {
			if err := b.ForEach(func(k, v []byte) error {
				erased = append(erased, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
				return nil
			}); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
			if to != nil && (bytes.Equal(k, keyCrypt) || bytes.Equal(k, keyCryptID)) {
				return nil
			}
			if to != nil && bytes.Equal(k, keyErasureKey) {
				clear, err := s.openValue(bucketMeta, k, v)
				if err != nil {
					return fmt.Errorf("the erasure key %w", err)
				}
				v = to.c.seal(bucketMeta, k, clear)
			}
			if !bytes.Equal(k, keyCounts) && !bytes.Equal(k, keyGeneration) {
				meta = append(meta, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
			}
			return nil
		})
	}); err != nil {
		return 0, nil, err
	}
	key := s.Key()
	if to != nil {
		key = nil
		if to.c != nil {
			meta = append(meta, [2][]byte{keyCrypt, to.wrapped}, [2][]byte{keyCryptID, to.c.id})
			key = &Key{to.c}
		}
	}
	// The new file is made, then given the old one's identity (database
	// id, origins, rules), then opened again to write as that database.
	opt := Options{Scoring: s.model, Now: s.now, By: s.by, DefaultCountry: s.country, Timeout: s.h.timeout, Command: s.h.command}
	fresh, err := Open(dst, opt)
	if err != nil {
		return 0, nil, err
	}
	err = fresh.update(func(tx *bolt.Tx) error {
		for _, kv := range meta {
			if err := tx.Bucket(bucketMeta).Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		if len(erased) > 0 {
			b, err := tx.CreateBucketIfNotExists(bucketErased)
			if err != nil {
				return err
			}
			for _, kv := range erased {
				if err := b.Put(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketLeads).SetSequence(seq)
	})
	fresh.Close()
	if err != nil {
		return 0, nil, err
	}
	opt.Key = key
	if fresh, err = Open(dst, opt); err != nil {
		return 0, nil, err
	}
	defer fresh.Close()

	var after uint64
	for {
		var batch []*domain.Lead
		err := old.View(func(tx *bolt.Tx) error {
			cur := tx.Bucket(bucketLeads).Cursor()
			for k, _ := cur.Seek(itob(after + 1)); k != nil && len(batch) < BulkBatch; k, _ = cur.Next() {
				if len(k) != 8 {
					dropped = append(dropped, Problem{What: fmt.Sprintf("a lead key of %d bytes: kept out", len(k))})
					continue
				}
				id := binary.BigEndian.Uint64(k)
				after = id
				l, lost := s.salvage(tx, id)
				if l == nil {
					dropped = append(dropped, lost...)
					continue
				}
				dropped = append(dropped, lost...)
				batch = append(batch, l)
			}
			return nil
		})
		if err != nil {
			return 0, dropped, err
		}
		if len(batch) == 0 {
			break
		}
		if err := fresh.putCopied(batch, nil); err != nil {
			return 0, dropped, err
		}
		n += len(batch)
		if progress != nil {
			progress(n, total)
		}
	}
	problems, more, err := fresh.Verify()
	if err != nil {
		return 0, dropped, err
	}
	if len(problems) > 0 {
		return 0, dropped, domain.Problemf("store.repair.bad", "the rebuilt file does not check out (%v, %d problems in all): the database is unchanged", problems[0], len(problems)+more)
	}
	return n, dropped, nil
}

// salvage reads what of lead id checks out: nil when its record does not.
func (s *Store) salvage(tx *bolt.Tx, id uint64) (*domain.Lead, []Problem) {
	idKey := itob(id)
	var rec leadRec
	v, err := s.openValue(bucketLeads, idKey, tx.Bucket(bucketLeads).Get(idKey))
	if err == nil {
		err = decodeValue(tagLead, v, &rec)
	}
	if err != nil {
		return nil, []Problem{{Lead: id, What: fmt.Sprintf("its record %v: kept out of the repaired file", err)}}
	}
	var lost []Problem
	l := rec.domain(id)
	hv, err := s.openValue(bucketHistory, idKey, tx.Bucket(bucketHistory).Get(idKey))
	var h []domain.Event
	if err == nil {
		s.mu.Lock()
		h, err = decodeHistory(hv, &s.origins)
		s.mu.Unlock()
	}
	if err != nil {
		lost = append(lost, Problem{Lead: id, What: fmt.Sprintf("its history %v: the lead is kept without it", err)})
		h = nil
	}
	l.History = h
	if sc, err := decodeScore(tx.Bucket(bucketScores).Get(idKey)); err == nil {
		l.Score = domain.ScoreResult{Total: int(sc.total), Tier: sc.tier, At: fromUnix(sc.at)}
	} else {
		l.Score = domain.Score(l, s.model, s.now()) // worked out again
	}
	return l, lost
}
