package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// modelHash identifies a scoring model, so a change of rules is noticed.
func modelHash(m domain.ScoringModel) string {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // a ScoringModel is plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// rescoreBatch is how many leads one re-score transaction rewrites: large,
// so the queue's pages are rewritten few times, and in key order.
const rescoreBatch = 50_000

// RescoreIfStale re-scores every lead when the rules changed or the last
// full re-score is older than maxAge, so engagement decays on leads nobody
// touches too. It returns how many leads changed.
func (s *Store) RescoreIfStale(ctx context.Context, maxAge time.Duration, progress func(done, total int)) (int, error) {
	var last time.Time
	if err := s.view(func(tx *bolt.Tx) error {
		return last.UnmarshalText(tx.Bucket(bucketMeta).Get(keyRescoredAt))
	}); err != nil {
		last = time.Time{} // never re-scored, or unreadable: re-score
	}
	if !s.Stale() && !last.IsZero() && s.now().Sub(last) < maxAge {
		return 0, nil
	}
	return s.Rescore(ctx, progress)
}

// scored is one lead's new score, with what it was read from.
type scored struct {
	id    uint64
	check [2]uint32 // checksums of the record and history it was worked out from
	score scoreRec
	moved bool // its place in the queue or its tier changed
	err   error
}

// Rescore works out every lead's score under the current rules as of now
// and writes the scores that changed, with their queue entries, in
// transactions of rescoreBatch leads. Leads are read and scored on every
// core while the previous batch is written. A lead saved meanwhile keeps
// the score its save gave it. progress hears the leads done and the total.
func (s *Store) Rescore(ctx context.Context, progress func(done, total int)) (int, error) {
	now := s.now()
	c, err := s.Counts()
	if err != nil {
		return 0, err
	}
	total := c.All()
	batches := make(chan []scored, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- s.scoreAll(ctx, now, batches)
	}()
	changed, done := 0, 0
	for batch := range batches {
		n, err := s.writeScores(batch)
		if err != nil {
			for range batches { // let the reader finish
			}
			return changed, err
		}
		changed += n
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
	if err := <-readErr; err != nil {
		return changed, err
	}
	if err := s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyRulesHash, []byte(s.modelHash)); err != nil {
			return err
		}
		return markRescored(tx, now)
	}); err != nil {
		return changed, err
	}
	s.stale.Store(false)
	s.gen.Add(1)
	return changed, nil
}

// scoreAll reads the leads in id order, batch by batch, and scores them on
// every core.
func (s *Store) scoreAll(ctx context.Context, now time.Time, out chan<- []scored) error {
	var after uint64
	workers := max(1, runtime.GOMAXPROCS(0))
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.h.othersWait() {
			// Another leadq waits to write: let the file go for a moment.
			time.Sleep(idleRelease + 2*retryEvery)
		}
		type raw struct {
			id           uint64
			rec, history []byte
			old          scoreRec
		}
		var batch []raw
		err := s.view(func(tx *bolt.Tx) error {
			cur := tx.Bucket(bucketLeads).Cursor()
			hist := tx.Bucket(bucketHistory)
			scores := tx.Bucket(bucketScores)
			k, v := cur.Seek(itob(after + 1))
			for ; k != nil && len(batch) < rescoreBatch; k, v = cur.Next() {
				id := binary.BigEndian.Uint64(k)
				r := raw{id: id, rec: append([]byte(nil), v...)}
				if h := hist.Get(k); h != nil {
					r.history = append([]byte(nil), h...)
				}
				sc, err := decodeScore(scores.Get(k))
				if err != nil {
					return err
				}
				r.old = sc
				batch = append(batch, r)
			}
			return nil
		})
		if err != nil || len(batch) == 0 {
			return err
		}
		after = batch[len(batch)-1].id
		res := make([]scored, len(batch))
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(batch); i += workers {
					r := &batch[i]
					res[i] = s.rescoreOne(r.id, r.rec, r.history, r.old, now)
				}
			}(w)
		}
		wg.Wait()
		out <- res
	}
}

func checksum(v []byte) uint32 {
	if len(v) < 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v[len(v)-4:])
}

// scoringRec is the part of a lead record scoring reads; decoding only it
// skips the notes, the plan and the rest.
type scoringRec struct {
	Salutation string            `cbor:"1,keyasint,omitempty"`
	Title      string            `cbor:"5,keyasint,omitempty"`
	Email      string            `cbor:"6,keyasint,omitempty"`
	Company    string            `cbor:"9,keyasint,omitempty"`
	Industry   string            `cbor:"11,keyasint,omitempty"`
	Employees  int64             `cbor:"12,keyasint,omitempty"`
	Revenue    int64             `cbor:"13,keyasint,omitempty"`
	Country    string            `cbor:"14,keyasint,omitempty"`
	Street     string            `cbor:"15,keyasint,omitempty"`
	PostalCode string            `cbor:"16,keyasint,omitempty"`
	City       string            `cbor:"17,keyasint,omitempty"`
	Source     string            `cbor:"20,keyasint,omitempty"`
	Custom     map[string]string `cbor:"25,keyasint,omitempty"`
	Stage      uint8             `cbor:"26,keyasint,omitempty"`
	Fit        uint8             `cbor:"27,keyasint,omitempty"`
	BANT       *bantRec          `cbor:"30,keyasint,omitempty"`
}

// scoringLead decodes what scoring needs of a lead.
func scoringLead(id uint64, rec, history []byte) (*domain.Lead, error) {
	var r scoringRec
	if err := decodeValue(tagLead, rec, &r); err != nil {
		return nil, fmt.Errorf("the record of lead %d %w", id, err)
	}
	full := leadRec{Salutation: r.Salutation, Title: r.Title, Email: r.Email, Company: r.Company, Industry: r.Industry,
		Employees: r.Employees, Revenue: r.Revenue, Country: r.Country, Street: r.Street, PostalCode: r.PostalCode,
		City: r.City, Source: r.Source, Custom: r.Custom, Stage: r.Stage, Fit: r.Fit, BANT: r.BANT}
	l := full.domain(id)
	if history != nil {
		h, err := touchesOf(history)
		if err != nil {
			return nil, fmt.Errorf("the history of lead %d %w", id, err)
		}
		l.History = h
	}
	return l, nil
}

func (s *Store) rescoreOne(id uint64, rec, history []byte, old scoreRec, now time.Time) scored {
	out := scored{id: id, check: [2]uint32{checksum(rec), checksum(history)}}
	k := itob(id)
	rec, err := s.openValue(bucketLeads, k, rec)
	if err == nil {
		history, err = s.openValue(bucketHistory, k, history)
	}
	if err != nil {
		out.err = fmt.Errorf("lead %d %w", id, err)
		return out
	}
	l, err := scoringLead(id, rec, history)
	if err != nil {
		out.err = err
		return out
	}
	sc := domain.Score(l, s.model, now)
	// Still stamped with now when nothing changed: the explanation is
	// worked out as of then, and must add up to the total under these rules.
	out.score = scoreRec{group: groupOf(l, sc.Tier), tier: sc.Tier, total: clampScore(sc.Total), at: unix(now)}
	out.moved = out.score.group != old.group || out.score.tier != old.tier || out.score.total != old.total
	return out
}

// writeScores writes the scores of a batch and moves the queue entries of
// those that changed, new entries in key order.
func (s *Store) writeScores(batch []scored) (int, error) {
	changed := 0
	err := s.update(func(tx *bolt.Tx) error {
		leads, hist := seqReader{c: tx.Bucket(bucketLeads).Cursor()}, seqReader{c: tx.Bucket(bucketHistory).Cursor()}
		scores, queue := tx.Bucket(bucketScores), tx.Bucket(bucketQueue)
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		// Read the old scores first: the puts below move the bucket's cursors.
		olds := make([]scoreRec, len(batch))
		oldScores := seqReader{c: scores.Cursor()}
		for i := range batch {
			if batch[i].err != nil {
				return batch[i].err
			}
			if olds[i], err = decodeScore(oldScores.get(itob(batch[i].id))); err != nil {
				return err
			}
		}
		var moved [][2][]byte
		for i := range batch {
			sc := &batch[i]
			k := itob(sc.id)
			if checksum(leads.get(k)) != sc.check[0] || checksum(hist.get(k)) != sc.check[1] {
				continue // saved since it was read: its save scored it
			}
			old := olds[i]
			if err := scores.Put(k, encodeScore(sc.score)); err != nil {
				return err
			}
			if !sc.moved {
				continue
			}
			key, row, err := s.movedRow(queue, old, sc)
			if err != nil {
				return err
			}
			c[old.group]--
			c[sc.score.group]++
			moved = append(moved, [2][]byte{key, row})
		}
		sort.Slice(moved, func(i, j int) bool { return bytes.Compare(moved[i][0], moved[j][0]) < 0 })
		for _, kv := range moved {
			if err := queue.Put(kv[0], kv[1]); err != nil {
				return err
			}
		}
		changed = len(moved)
		return writeCounts(tx, c)
	})
	if err == nil {
		s.gen.Add(1)
	}
	return changed, err
}

// movedRow takes a lead's queue entry out from where it sorted and returns
// it for where it sorts now, with its new tier.
func (s *Store) movedRow(queue *bolt.Bucket, old scoreRec, sc *scored) (key, row []byte, err error) {
	oldKey := old.queueKey(sc.id)
	v := queue.Get(oldKey)
	if v == nil {
		return nil, nil, fmt.Errorf("the queue entry of lead %d %w: it is missing", sc.id, ErrDamaged)
	}
	if v, err = s.openValue(bucketQueue, oldKey, v); err != nil {
		return nil, nil, fmt.Errorf("the queue entry of lead %d %w", sc.id, err)
	}
	words, err := rowWords(v)
	if err != nil {
		return nil, nil, err
	}
	rec, err := decodeRowRec(v)
	if err != nil {
		return nil, nil, err
	}
	rec.Tier = uint8(sc.score.tier)
	if row, err = encodeRow(&rec, string(words)); err != nil {
		return nil, nil, err
	}
	if err := queue.Delete(oldKey); err != nil {
		return nil, nil, err
	}
	key = sc.score.queueKey(sc.id)
	return key, s.sealValue(bucketQueue, key, row), nil
}

// RescoredRows reads every lead of tab, scores it under the current rules
// as of now and returns the rows in the order the queue will have once it
// is re-scored, without writing anything: what list prints while the
// stored order is stale. progress hears the leads read and the total.
func (s *Store) RescoredRows(ctx context.Context, tab Tab, progress func(done, total int)) ([]Row, error) {
	c, err := s.Counts()
	if err != nil {
		return nil, err
	}
	total := c.All()
	now := s.now()
	prefix := tab.prefix()
	var rows []Row
	batches := make(chan []scored, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- s.scoreAll(ctx, now, batches)
	}()
	done := 0
	for batch := range batches {
		if err := s.collectRows(batch, prefix, &rows); err != nil {
			for range batches { // let the reader finish
			}
			return nil, err
		}
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
	if err := <-readErr; err != nil {
		return nil, err
	}
	sort.Slice(rows, func(i, j int) bool { return bytes.Compare(rows[i].Key, rows[j].Key) < 0 })
	return rows, nil
}

// collectRows adds a scored batch's rows of the tab, each where it will
// sort, with its new score and tier.
func (s *Store) collectRows(batch []scored, prefix []byte, rows *[]Row) error {
	return s.view(func(tx *bolt.Tx) error {
		for i := range batch {
			sc := &batch[i]
			if sc.err != nil {
				return sc.err
			}
			r, ok, err := s.rowOf(tx, sc.id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			r.Key = sc.score.queueKey(sc.id)
			r.Score, r.Tier, r.InQueue = int(sc.score.total), sc.score.tier, sc.score.group != GroupOut
			*rows = appendRow(*rows, prefix, r)
		}
		return nil
	})
}

func appendRow(rows []Row, prefix []byte, r Row) []Row {
	if prefix != nil && r.Key[0] != prefix[0] {
		return rows
	}
	return append(rows, r)
}

// seqReader reads keys in ascending order, mostly one after the other: the
// next key costs a step instead of a search from the root.
type seqReader struct {
	c    *bolt.Cursor
	k, v []byte
}

func (r *seqReader) get(key []byte) []byte {
	if r.k != nil && bytes.Compare(r.k, key) < 0 {
		r.k, r.v = r.c.Next() // the usual case: the very next key
	}
	if r.k == nil || !bytes.Equal(r.k, key) {
		r.k, r.v = r.c.Seek(key)
	}
	if r.k != nil && bytes.Equal(r.k, key) {
		return r.v
	}
	return nil
}
