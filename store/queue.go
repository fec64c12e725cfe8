package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Tab is a view of the queue index.
type Tab uint8

const (
	TabHot Tab = iota
	TabWarm
	TabCold
	TabAll
)

// TabOf is the tab that shows the in-queue leads of a tier.
func TabOf(t domain.Tier) Tab { return Tab(t) }

// prefix is the key prefix a tab reads; nil reads everything.
func (t Tab) prefix() []byte {
	if t == TabAll {
		return nil
	}
	return []byte{byte(t)}
}

// Row is what the queue shows of a lead; it is read from the queue index
// alone, so the queue never decodes a full record.
type Row struct {
	Key []byte // position in the queue index

	ID        uint64
	Name      string
	Company   string
	Stage     domain.Stage
	Source    string
	Score     int
	Tier      domain.Tier
	InQueue   bool
	LastTouch time.Time
	Awaiting  time.Time // waiting for our answer since; zero when answered
	Callback  time.Time

	// Damaged, when set, says the entry does not check out: the row holds
	// only where it is (and its lead's id when the key says it), so one
	// damaged entry does not hide the rest of the queue.
	Damaged error
}

// decodeRow opens and decodes a queue entry.
func (s *Store) decodeRow(k, v []byte) (Row, error) {
	if len(k) != QueueKeyLen {
		err := fmt.Errorf("a queue entry %w: its key is %d bytes", ErrDamaged, len(k))
		return Row{Key: append([]byte(nil), k...), Name: "(damaged entry: leadq check)", Damaged: err}, err
	}
	id := binary.BigEndian.Uint64(k[5:13])
	v, err := s.openValue(bucketQueue, k, v)
	if err != nil {
		err = fmt.Errorf("the queue entry of lead %d %w", id, err)
		return Row{Key: append([]byte(nil), k...), ID: id, Name: "(damaged entry: leadq check)", Damaged: err}, err
	}
	rec, err := decodeRowRec(v)
	if err != nil {
		err = fmt.Errorf("the queue entry of lead %d %w", id, err)
		return Row{Key: append([]byte(nil), k...), ID: id, Name: "(damaged entry: leadq check)", Damaged: err}, err
	}
	return Row{
		Key: append([]byte(nil), k...), ID: id,
		Name: rec.Name, Company: rec.Company, Stage: domain.Stage(rec.Stage), Source: rec.Source,
		Score: int(int64(0x7FFFFFFF) - int64(binary.BigEndian.Uint32(k[1:5]))),
		Tier:  domain.Tier(rec.Tier), InQueue: Group(k[0]) != GroupOut,
		LastTouch: fromUnix(rec.LastTouch), Awaiting: fromUnix(rec.Awaiting), Callback: fromUnix(rec.Callback),
	}, nil
}

// QueueAfter reads up to n rows of the tab in queue order, starting after
// the key after (or at the top when after is nil). Its cost depends on n,
// not on the number of leads.
func (s *Store) QueueAfter(tab Tab, after []byte, n int) ([]Row, error) {
	return s.queueForward(tab, after, false, n)
}

// QueueFrom is QueueAfter including the row at key from, or the row that
// now sorts there when that lead has moved.
func (s *Store) QueueFrom(tab Tab, from []byte, n int) ([]Row, error) {
	return s.queueForward(tab, from, true, n)
}

func (s *Store) queueForward(tab Tab, key []byte, inclusive bool, n int) ([]Row, error) {
	prefix := tab.prefix()
	rows := make([]Row, 0, n)
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketQueue).Cursor()
		var k, v []byte
		if key == nil {
			k, v = cur.Seek(prefix)
		} else {
			k, v = cur.Seek(key)
			if !inclusive && k != nil && bytes.Equal(k, key) {
				k, v = cur.Next()
			}
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(rows) < n; k, v = cur.Next() {
			r, _ := s.decodeRow(k, v) // a damaged entry is a row that says so
			rows = append(rows, r)
		}
		return nil
	})
	return rows, err
}

// QueueBefore reads up to n rows of the tab that come before the key
// before (or the last n when before is nil), returned in queue order.
func (s *Store) QueueBefore(tab Tab, before []byte, n int) ([]Row, error) {
	prefix := tab.prefix()
	rows := make([]Row, 0, n)
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketQueue).Cursor()
		var k, v []byte
		switch {
		case before != nil:
			k, v = cur.Seek(before)
			if k == nil {
				k, v = cur.Last()
			} else {
				k, v = cur.Prev()
			}
		case prefix == nil:
			k, v = cur.Last()
		default:
			// Seek past the prefix, then step back into it.
			k, v = cur.Seek([]byte{prefix[0] + 1})
			if k == nil {
				k, v = cur.Last()
			} else {
				k, v = cur.Prev()
			}
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(rows) < n; k, v = cur.Prev() {
			r, _ := s.decodeRow(k, v) // a damaged entry is a row that says so
			rows = append(rows, r)
		}
		return nil
	})
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows, err
}

// RowsAt reads the rows at the given queue keys; keys that no longer exist
// (the lead moved since) are skipped.
func (s *Store) RowsAt(keys [][]byte) ([]Row, error) {
	rows := make([]Row, 0, len(keys))
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueue)
		for _, k := range keys {
			v := b.Get(k)
			if v == nil {
				continue
			}
			r, _ := s.decodeRow(k, v) // a damaged entry is a row that says so
			rows = append(rows, r)
		}
		return nil
	})
	return rows, err
}

// rowOf reads a lead's queue row by id: its score says where it sorts.
func (s *Store) rowOf(tx *bolt.Tx, id uint64) (Row, bool, error) {
	sv := tx.Bucket(bucketScores).Get(itob(id))
	if sv == nil {
		return Row{}, false, nil
	}
	sc, err := decodeScore(sv)
	if err != nil {
		return Row{}, false, fmt.Errorf("the score of lead %d %w", id, err)
	}
	k := sc.queueKey(id)
	v := tx.Bucket(bucketQueue).Get(k)
	if v == nil {
		return Row{}, false, fmt.Errorf("the queue entry of lead %d %w: it is missing", id, ErrDamaged)
	}
	r, err := s.decodeRow(k, v)
	return r, err == nil, err
}

// DueRow is something due on a lead, with the lead's queue row.
type DueRow struct {
	Key []byte // position in the due index
	Row
	What domain.DueKind
	At   time.Time
	Note string
}

// DueAfter reads up to n due items with a time at or before until, oldest
// first, starting after the key after (nil: from the oldest). The due index
// holds keys only; each is joined to its lead's row, and the note (what the
// callback is about, the milestone's name) to its record.
func (s *Store) DueAfter(until time.Time, after []byte, n int) ([]DueRow, error) {
	limit := dueKey(until, ^uint64(0), 0xFF, 0xFF)
	var rows []DueRow
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketDue).Cursor()
		var k []byte
		if after == nil {
			k, _ = cur.First()
		} else {
			k, _ = cur.Seek(after)
			if k != nil && bytes.Equal(k, after) {
				k, _ = cur.Next()
			}
		}
		for ; k != nil && bytes.Compare(k, limit) <= 0 && len(rows) < n; k, _ = cur.Next() {
			if len(k) != 18 {
				return fmt.Errorf("a due entry %w: its key is %d bytes", ErrDamaged, len(k))
			}
			id := binary.BigEndian.Uint64(k[8:16])
			row, ok, err := s.rowOf(tx, id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			d := DueRow{Key: append([]byte(nil), k...), Row: row, What: domain.DueKind(k[16]), At: dueTime(k)}
			l, _, err := s.read(tx, id)
			if err != nil {
				return err
			}
			if items := l.DueItems(); int(k[17]) < len(items) {
				d.Note = items[k[17]].Note
			}
			rows = append(rows, d)
		}
		return nil
	})
	return rows, err
}

// DueCount counts the due items at or before until (keys only, no
// decoding), stopping at limit so its cost stays bounded however much is due.
func (s *Store) DueCount(until time.Time, limit int) (int, error) {
	end := dueKey(until, ^uint64(0), 0xFF, 0xFF)
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketDue).Cursor()
		for k, _ := cur.First(); k != nil && bytes.Compare(k, end) <= 0 && n < limit; k, _ = cur.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// Records reads the records of leads by id (without history; the score is
// the stored one, unexplained), for printing many leads at once. Ids no
// lead has are skipped.
func (s *Store) Records(ids []uint64) ([]*domain.Lead, error) {
	out := make([]*domain.Lead, 0, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		leads, scores := tx.Bucket(bucketLeads), tx.Bucket(bucketScores)
		for _, id := range ids {
			k := itob(id)
			v := leads.Get(k)
			if v == nil {
				continue
			}
			var rec leadRec
			v, err := s.openValue(bucketLeads, k, v)
			if err == nil {
				err = decodeValue(tagLead, v, &rec)
			}
			if err != nil {
				return fmt.Errorf("the record of lead %d %w", id, err)
			}
			l := rec.domain(id)
			sc, err := decodeScore(scores.Get(k))
			if err != nil {
				return fmt.Errorf("the score of lead %d %w", id, err)
			}
			l.Score = domain.ScoreResult{Total: int(sc.total), Tier: sc.tier, At: fromUnix(sc.at)}
			out = append(out, l)
		}
		return nil
	})
	return out, err
}

// DueFrom is the place in the due index where the items due at t begin: DueAfter from it reads what came due since t.
func DueFrom(t time.Time) []byte { return dueKey(t, 0, 0, 0) }
