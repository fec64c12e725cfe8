package store

import (
	"bytes"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// bulkBuf holds the index entries of the leads a bulk write adds, to put
// them all at its end in key order. bbolt splits no page before a commit,
// so keys put one by one at random places of a bucket move ever longer
// runs of their page's keys; sorted, each goes where the last one ended.
// A lead of the same batch that a later row merges into has its entries
// replaced here, and lookups for duplicates see the buffered ones.
type bulkBuf struct {
	leads map[uint64]*entries
	dups  map[string][]uint64 // a duplicate key's kind and hash → buffered leads
	words map[string][]uint64 // a word → buffered leads, ascending
}

func newBulkBuf() *bulkBuf {
	return &bulkBuf{leads: map[uint64]*entries{}, dups: map[string][]uint64{}, words: map[string][]uint64{}}
}

// dupPrefixLen is a duplicate key without its id.
const dupPrefixLen = 9

func (bb *bulkBuf) add(id uint64, e *entries) {
	bb.leads[id] = e
	for _, k := range e.dups {
		p := string(k[:dupPrefixLen])
		bb.dups[p] = append(bb.dups[p], id)
	}
	for _, w := range e.words {
		bb.words[w] = append(bb.words[w], id)
	}
}

// remove takes a buffered lead's entries out, before it is buffered anew.
func (bb *bulkBuf) remove(id uint64) (*entries, bool) {
	e, ok := bb.leads[id]
	if !ok {
		return nil, false
	}
	delete(bb.leads, id)
	for _, k := range e.dups {
		p := string(k[:dupPrefixLen])
		bb.dups[p] = without(bb.dups[p], id)
	}
	for _, w := range e.words {
		bb.words[w] = without(bb.words[w], id)
	}
	return e, true
}

func without(ids []uint64, id uint64) []uint64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// flush puts every buffered entry, each bucket's keys in order.
func (bb *bulkBuf) flush(tx *bolt.Tx) error {
	var queue [][2][]byte
	var due, dups [][]byte
	for _, e := range bb.leads {
		queue = append(queue, [2][]byte{e.queueKey, e.row})
		due = append(due, e.due...)
		dups = append(dups, e.dups...)
	}
	sort.Slice(queue, func(i, j int) bool { return bytes.Compare(queue[i][0], queue[j][0]) < 0 })
	q := tx.Bucket(bucketQueue)
	for _, kv := range queue {
		if err := q.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	for _, kb := range []struct {
		name []byte
		keys [][]byte
	}{{bucketDue, due}, {bucketDups, dups}} {
		sort.Slice(kb.keys, func(i, j int) bool { return bytes.Compare(kb.keys[i], kb.keys[j]) < 0 })
		b := tx.Bucket(kb.name)
		for _, k := range kb.keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	postings := make(map[string][]uint64, len(bb.words))
	for w, ids := range bb.words {
		if len(ids) > 0 {
			sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
			postings[w] = ids
		}
	}
	return flushPostings(tx.Bucket(bucketWords), postings)
}

// bulkOf is the buffer of the bulk write tx belongs to, or nil: only a
// bulk write's transaction is writable while the buffer is in use.
func (s *Store) bulkOf(tx *bolt.Tx) *bulkBuf {
	if s.bulk == nil || !tx.Writable() {
		return nil
	}
	return s.bulk
}
