package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// The word index: for every folded word (domain.SearchWords) the ids of
// the leads that have it, in chunks keyed word | 0 | first id. A new lead's
// id is the highest, so it goes to the end of a word's last chunk; a chunk
// that grows past chunkBytes splits. Score and tier are not in it, so a
// re-score never touches it.

const chunkBytes = 1000

func postingKey(word string, first uint64) []byte {
	k := make([]byte, 0, len(word)+9)
	k = append(k, word...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, first)
}

func postingFirst(k []byte) uint64 { return binary.BigEndian.Uint64(k[len(k)-8:]) }

// chunkFor finds the chunk a word's id belongs in: the last one whose first
// id is at or below id, else the word's first chunk. k is nil when the
// word has none.
func chunkFor(b *bolt.Bucket, word string, id uint64) (k, v []byte) {
	prefix := postingKey(word, 0)[:len(word)+1]
	cur := b.Cursor()
	k, v = cur.Seek(postingKey(word, id))
	if k != nil && bytes.HasPrefix(k, prefix) && postingFirst(k) == id {
		return k, v
	}
	if k == nil {
		k, v = cur.Last()
	} else {
		k, v = cur.Prev()
	}
	if k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8 {
		return k, v
	}
	k, v = cur.Seek(prefix)
	if k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8 {
		return k, v
	}
	return nil, nil
}

// putChunks writes ids (ascending) as chunks of at most chunkBytes.
func putChunks(b *bolt.Bucket, word string, ids []uint64) error {
	for len(ids) > 0 {
		n, size := 1, 0
		for n < len(ids) {
			size += uvarintLen(ids[n] - ids[n-1])
			if size > chunkBytes {
				break
			}
			n++
		}
		if err := b.Put(postingKey(word, ids[0]), encodePosting(ids[:n])); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// replaceChunk rewrites the chunk at k with ids.
func replaceChunk(b *bolt.Bucket, word string, k []byte, ids []uint64) error {
	if len(ids) == 0 || postingFirst(k) != ids[0] {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return putChunks(b, word, ids)
}

func postingAdd(b *bolt.Bucket, word string, id uint64) error {
	k, v := chunkFor(b, word, id)
	if k == nil {
		return b.Put(postingKey(word, id), encodePosting([]uint64{id}))
	}
	k = append([]byte(nil), k...)
	ids, err := decodePosting(postingFirst(k), v, nil)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearch(ids, id)
	if found {
		return nil
	}
	return replaceChunk(b, word, k, slices.Insert(ids, i, id))
}

func postingRemove(b *bolt.Bucket, word string, id uint64) error {
	k, v := chunkFor(b, word, id)
	if k == nil {
		return nil
	}
	k = append([]byte(nil), k...)
	ids, err := decodePosting(postingFirst(k), v, nil)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearch(ids, id)
	if !found {
		return nil
	}
	return replaceChunk(b, word, k, slices.Delete(ids, i, i+1))
}

// bulkBuf gathers the index entries of new leads during a bulk write, to
// put them at its end in key order: an index's pages then take their keys
// in order, not one by one at random places. The new leads' ids are higher
// than any stored, so each word's ids are appended to its last chunk once.
type bulkBuf struct {
	// directDups puts duplicate keys at once, for a write that looks for
	// duplicates among the leads it has just written.
	directDups bool
	queue      [][2][]byte
	keys       map[string][][]byte // bucket name → keys without values
	postings   map[string][]uint64
}

func newBulkBuf() *bulkBuf {
	return &bulkBuf{keys: map[string][][]byte{}, postings: map[string][]uint64{}}
}

// reset empties the buffer after a flush.
func (bb *bulkBuf) reset() {
	bb.queue = bb.queue[:0]
	clear(bb.keys)
	clear(bb.postings)
}

func (bb *bulkBuf) flush(tx *bolt.Tx) error {
	sort.Slice(bb.queue, func(i, j int) bool { return bytes.Compare(bb.queue[i][0], bb.queue[j][0]) < 0 })
	queue := tx.Bucket(bucketQueue)
	for _, kv := range bb.queue {
		if err := queue.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	for name, keys := range bb.keys {
		sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i], keys[j]) < 0 })
		b := tx.Bucket([]byte(name))
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	return flushPostings(tx.Bucket(bucketWords), bb.postings)
}

func flushPostings(b *bolt.Bucket, pb map[string][]uint64) error {
	words := make([]string, 0, len(pb))
	for w := range pb {
		words = append(words, w)
	}
	sort.Strings(words)
	for _, w := range words {
		ids := pb[w]
		cur := b.Cursor()
		prefix := postingKey(w, 0)[:len(w)+1]
		k, v := cur.Seek(append(append([]byte(nil), w...), 1)) // past the word's chunks
		if k == nil {
			k, v = cur.Last()
		} else {
			k, v = cur.Prev()
		}
		if k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8 {
			k = append([]byte(nil), k...)
			last, err := decodePosting(postingFirst(k), v, nil)
			if err != nil {
				return err
			}
			if last[len(last)-1] < ids[0] {
				if err := putChunks(b, w, append(last, ids...)); err != nil {
					return err
				}
				continue
			}
			// Not appended after all (ids given out of order): one by one.
			for _, id := range ids {
				if err := postingAdd(b, w, id); err != nil {
					return err
				}
			}
			continue
		}
		if err := putChunks(b, w, ids); err != nil {
			return err
		}
	}
	return nil
}

// SearchResult is the first matches of a query in queue order and how
// many there are.
type SearchResult struct {
	Query string
	Rows  []Row
	Total int
	// AtLeast says Total is a lower bound: there are that many or more.
	AtLeast bool
}

// sparseMax is how many leads a word may match for the search to fetch
// its matches and sort them; a word that matches more is tested against
// the queue in order instead, which finds a screenful of dense matches in
// a few hundred rows.
const sparseMax = 3000

// Search finds the leads whose words start with every word of query
// (folded: "Mueller" finds "Müller"; a phone number in national or
// international form), within tab. It returns the first limit in queue
// order; its cost depends on limit and on how rare the rarest word is,
// not on the number of leads.
func (s *Store) Search(ctx context.Context, tab Tab, query string, limit int) (SearchResult, error) {
	res := SearchResult{Query: query}
	terms := domain.ParseQuery(query, s.country)
	if len(terms) == 0 {
		return res, nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		words := tx.Bucket(bucketWords)
		var sparse [][]uint64
		var dense []domain.QueryTerm
		for _, t := range terms {
			ids, ok, err := matchIDs(words, t, sparseMax)
			if err != nil {
				return err
			}
			if ok {
				sparse = append(sparse, ids)
			} else {
				dense = append(dense, t)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(sparse) == 0 && len(dense) > 1 {
			// Words common alone may be rare together ("jana schulz"):
			// their intersection decides.
			cand, ok, err := intersectDense(words, dense)
			if err != nil {
				return err
			}
			if ok {
				sparse, dense = [][]uint64{cand}, nil
			}
		}
		if len(sparse) > 0 {
			return searchSparse(tx, tab, sparse, dense, limit, &res)
		}
		return searchDense(ctx, tx, tab, dense, limit, &res)
	})
	return res, err
}

// matchIDs collects the ids of the leads with a word starting with one of
// the term's prefixes, ascending; ok is false when they are more than max.
func matchIDs(b *bolt.Bucket, t domain.QueryTerm, max int) ([]uint64, bool, error) {
	var ids []uint64
	cur := b.Cursor()
	for _, p := range t.Prefixes {
		prefix := []byte(p)
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			if len(k) < 9 {
				continue
			}
			var err error
			if ids, err = decodePosting(postingFirst(k), v, ids); err != nil {
				return nil, false, err
			}
			if len(ids) > 2*max {
				// Many words may hold one lead: only distinct ids count.
				ids = dedupe(ids)
				if len(ids) > max {
					return nil, false, nil
				}
			}
		}
	}
	ids = dedupe(ids)
	if len(ids) > max {
		return nil, false, nil
	}
	return ids, true, nil
}

// denseMax bounds the matches of a common word that are read to intersect
// it with another common word.
const denseMax = 200_000

// intersectDense intersects the matches of common words; ok is false when
// one matches more than denseMax or the intersection is still common.
func intersectDense(b *bolt.Bucket, terms []domain.QueryTerm) ([]uint64, bool, error) {
	// Longer words are likely the rarer: they go first, so a short common
	// one may not need reading in full.
	terms = slices.Clone(terms)
	sort.SliceStable(terms, func(i, j int) bool { return len(terms[i].Prefixes[0]) > len(terms[j].Prefixes[0]) })
	var cand []uint64
	for i, t := range terms {
		ids, ok, err := matchIDs(b, t, denseMax)
		if err != nil || !ok {
			return nil, false, err
		}
		if i == 0 {
			cand = ids
		} else {
			cand = intersect(cand, ids)
		}
	}
	return cand, len(cand) <= sparseMax, nil
}

func dedupe(ids []uint64) []uint64 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// searchSparse takes the leads of the rarest word that the other sparse
// words share, tests them against the dense words and sorts them by queue
// position.
func searchSparse(tx *bolt.Tx, tab Tab, sparse [][]uint64, dense []domain.QueryTerm, limit int, res *SearchResult) error {
	sort.Slice(sparse, func(i, j int) bool { return len(sparse[i]) < len(sparse[j]) })
	cand := sparse[0]
	for _, other := range sparse[1:] {
		cand = intersect(cand, other)
	}
	prefix := tab.prefix()
	queue := tx.Bucket(bucketQueue)
	scores := tx.Bucket(bucketScores)
	type hit struct{ key, val []byte }
	hits := make([]hit, 0, len(cand))
	for _, id := range cand {
		sv := scores.Get(itob(id))
		if sv == nil {
			continue
		}
		sc, err := decodeScore(sv)
		if err != nil {
			return err
		}
		k := sc.queueKey(id)
		if prefix != nil && k[0] != prefix[0] {
			continue
		}
		v := queue.Get(k)
		if v == nil {
			continue
		}
		if len(dense) > 0 {
			w, err := rowWords(v)
			if err != nil {
				return err
			}
			if !matchesAll(w, dense) {
				continue
			}
		}
		hits = append(hits, hit{k, v})
	}
	sort.Slice(hits, func(i, j int) bool { return bytes.Compare(hits[i].key, hits[j].key) < 0 })
	res.Total = len(hits)
	for _, h := range hits[:min(limit, len(hits))] {
		r, err := decodeRow(h.key, h.val)
		if err != nil {
			return err
		}
		res.Rows = append(res.Rows, r)
	}
	return nil
}

func intersect(a, b []uint64) []uint64 {
	out := a[:0:0]
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// searchDense walks the queue in order and tests every row's words. It
// stops at the first limit matches: the total is a lower bound then, and
// CountMatches counts on.
func searchDense(ctx context.Context, tx *bolt.Tx, tab Tab, terms []domain.QueryTerm, limit int, res *SearchResult) error {
	prefix := tab.prefix()
	cur := tx.Bucket(bucketQueue).Cursor()
	walked := 0
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		if walked++; walked&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(res.Rows) >= limit {
			res.AtLeast = true
			return nil
		}
		w, err := rowWords(v)
		if err != nil {
			return err
		}
		if !matchesAll(w, terms) {
			continue
		}
		res.Total++
		r, err := decodeRow(k, v)
		if err != nil {
			return err
		}
		res.Rows = append(res.Rows, r)
	}
	return nil
}

// CountMatches counts the leads of tab that query matches, up to max (then
// AtLeast is true); a newer keystroke cancels it through ctx.
func (s *Store) CountMatches(ctx context.Context, tab Tab, query string, max int) (total int, atLeast bool, err error) {
	terms := domain.ParseQuery(query, s.country)
	if len(terms) == 0 {
		return 0, false, nil
	}
	prefix := tab.prefix()
	err = s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketQueue).Cursor()
		walked := 0
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			if walked++; walked&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			w, err := rowWords(v)
			if err != nil {
				return err
			}
			if !matchesAll(w, terms) {
				continue
			}
			if total++; total >= max {
				atLeast = true
				return nil
			}
		}
		return nil
	})
	return total, atLeast, err
}

// matchesAll reports whether every term has a prefix that starts one of
// the blank-separated words.
func matchesAll(words []byte, terms []domain.QueryTerm) bool {
	for _, t := range terms {
		if !matchesTerm(words, t) {
			return false
		}
	}
	return true
}

func matchesTerm(words []byte, t domain.QueryTerm) bool {
	for len(words) > 0 {
		w := words
		if i := bytes.IndexByte(words, ' '); i >= 0 {
			w, words = words[:i], words[i+1:]
		} else {
			words = nil
		}
		for _, p := range t.Prefixes {
			if len(w) >= len(p) && string(w[:len(p)]) == p {
				return true
			}
		}
	}
	return false
}
