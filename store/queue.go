package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Tab is a view of the queue index.
type Tab uint8

const (
	TabHot Tab = iota
	TabWarm
	TabCold
	TabAll
)

// prefix is the key prefix a tab reads; nil reads everything.
func (t Tab) prefix() []byte {
	if t == TabAll {
		return nil
	}
	return []byte{byte(t)}
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
			r, err := decodeRow(k, v)
			if err != nil {
				return err
			}
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
			r, err := decodeRow(k, v)
			if err != nil {
				return err
			}
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
			r, err := decodeRow(k, v)
			if err != nil {
				return err
			}
			rows = append(rows, r)
		}
		return nil
	})
	return rows, err
}

// DueRow is something due on a lead, with the lead's queue row.
type DueRow struct {
	Key []byte // position in the due index
	Row
	What string // "callback", "follow-up", "milestone"
	At   time.Time
	Note string
}

// DueAfter reads up to n due items with a time at or before until, oldest
// first, starting after the key after (nil: from the oldest).
func (s *Store) DueAfter(until time.Time, after []byte, n int) ([]DueRow, error) {
	limit := make([]byte, 8)
	binary.BigEndian.PutUint64(limit, uint64(until.UnixNano()))
	var rows []DueRow
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketDue).Cursor()
		var k, v []byte
		if after == nil {
			k, v = cur.First()
		} else {
			k, v = cur.Seek(after)
			if k != nil && bytes.Equal(k, after) {
				k, v = cur.Next()
			}
		}
		for ; k != nil && bytes.Compare(k[:8], limit) <= 0 && len(rows) < n; k, v = cur.Next() {
			var d dueRow
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("due entry %x is damaged: %w", k, err)
			}
			rows = append(rows, DueRow{Key: append([]byte(nil), k...), Row: d.Row, What: d.Due.What, At: d.Due.At, Note: d.Due.Note})
		}
		return nil
	})
	return rows, err
}

// DueCount counts the due items at or before until (keys only, no
// decoding), stopping at limit so its cost stays bounded however much is due.
func (s *Store) DueCount(until time.Time, limit int) (int, error) {
	end := make([]byte, 8)
	binary.BigEndian.PutUint64(end, uint64(until.UnixNano()))
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketDue).Cursor()
		for k, _ := cur.First(); k != nil && bytes.Compare(k[:8], end) <= 0 && n < limit; k, _ = cur.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// SearchIndex is an in-memory snapshot of every lead's search text in
// queue order, so a keystroke's search never touches the disk.
type SearchIndex struct {
	gen  uint64
	keys []byte   // QueueKeyLen bytes per lead
	hay  []string // lower-cased search text, same order
}

// Generation is the store generation the snapshot was taken at.
func (ix *SearchIndex) Generation() uint64 { return ix.gen }

// Len is the number of leads in the snapshot.
func (ix *SearchIndex) Len() int { return len(ix.hay) }

// LoadSearch takes a search snapshot. It reads the queue index once,
// without decoding rows.
func (s *Store) LoadSearch() (*SearchIndex, error) {
	ix := &SearchIndex{gen: s.Generation()}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueue)
		c := readCounts(tx)
		n := int(c[GroupHot] + c[GroupWarm] + c[GroupCold] + c[GroupOut])
		ix.keys = make([]byte, 0, n*QueueKeyLen)
		ix.hay = make([]string, 0, n)
		return b.ForEach(func(k, v []byte) error {
			hay, _ := splitQueueValue(v)
			ix.keys = append(ix.keys, k...)
			ix.hay = append(ix.hay, string(hay))
			return nil
		})
	})
	return ix, err
}

// SearchResult is the first matches of a query in queue order and how many
// there are in all.
type SearchResult struct {
	Query string
	Keys  [][]byte
	Total int
}

// Find matches every word of query (case-insensitive) against name,
// company, email, city and phone, within tab. It returns at most limit keys
// and stops early when ctx is cancelled by a newer keystroke.
func (ix *SearchIndex) Find(ctx context.Context, tab Tab, query string, limit int) (SearchResult, error) {
	res := SearchResult{Query: query}
	terms := searchTerms(query)
	prefix := tab.prefix()
	for i, h := range ix.hay {
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
		key := ix.keys[i*QueueKeyLen : (i+1)*QueueKeyLen]
		if prefix != nil && key[0] != prefix[0] {
			continue
		}
		if !matchAll(h, terms) {
			continue
		}
		res.Total++
		if len(res.Keys) < limit {
			res.Keys = append(res.Keys, key)
		}
	}
	return res, nil
}

// searchTerms lower-cases the query's words; a word that looks like a
// phone number is reduced to its digits, as phones are indexed.
func searchTerms(q string) []string {
	words := strings.Fields(strings.ToLower(q))
	for i, w := range words {
		if strings.HasPrefix(w, "+") || strings.ContainsAny(w, "0123456789") && strings.Trim(w, "0123456789+-/() ") == "" {
			var b strings.Builder
			for _, r := range w {
				if r >= '0' && r <= '9' {
					b.WriteRune(r)
				}
			}
			words[i] = b.String()
		}
	}
	return words
}

func matchAll(h string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(h, t) {
			return false
		}
	}
	return true
}
