package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/bits"
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

// How a search finds its first screenful depends on how many leads its
// words match. Up to sparseMax, it fetches them and sorts them by queue
// position. Up to midMax, it walks the queue's keys in order and takes the
// leads of the set, which finds a screenful after reading about
// limit × leads / matches keys. Beyond, it walks the queue and tests each
// row's words, without reading the matches at all.
var (
	sparseMax = 3000
	midMax    = 20_000
)

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
		leads := tx.Bucket(bucketLeads).Sequence()
		// The rare words: few enough matches to fetch.
		var cand *idSet
		var common []domain.QueryTerm
		// In an encrypted file a term longer than the blind prefixes finds
		// a superset; it is tested on the candidates' rows too.
		var inexact []domain.QueryTerm
		for _, t := range terms {
			if s.inexact(t) {
				inexact = append(inexact, t)
			}
		}
		for _, t := range terms {
			set, ok, err := s.matchSet(words, t, sparseMax, leads)
			if err != nil {
				return err
			}
			if ok && s.inexact(t) {
				common = append(common, t)
			}
			switch {
			case !ok:
				common = append(common, t)
			case cand == nil:
				cand = set
			default:
				cand.and(set)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if cand != nil {
			// Fetch and sort the matches, or walk the queue when the
			// matches are so many that a screenful is near its top (in
			// All, where the set's size is the count).
			walk := leads
			if cand.n > 0 {
				walk = min(leads, uint64(limit)*leads/uint64(cand.n))
			}
			if tab != TabAll || uint64(cand.n)*fetchCost <= walk*s.walkCost() {
				return s.searchSparse(tx, tab, cand.ids(), common, limit, &res)
			}
			if _, err := s.searchDense(ctx, tx, tab, terms, limit, 0, &res); err != nil {
				return err
			}
			if len(common) == 0 && len(inexact) == 0 {
				res.Total, res.AtLeast = cand.n, false // the set is the count
			}
			return nil
		}
		// Only common words: a screenful of them is likely near the top.
		if filled, err := s.searchDense(ctx, tx, tab, terms, limit, s.walkBudget(), &res); err != nil || filled {
			return err
		}
		res = SearchResult{Query: query}
		for _, t := range terms {
			set, ok, err := s.matchSet(words, t, s.midMax(), leads)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if cand == nil {
				cand = set
			} else {
				cand.and(set)
			}
			if !s.inexact(t) {
				common = slices.DeleteFunc(common, func(c domain.QueryTerm) bool { return slices.Equal(c.Prefixes, t.Prefixes) })
			}
		}
		if cand == nil && len(common) > 1 {
			// Words common alone may be rare together ("jana schulz").
			var err error
			if cand, err = s.intersectDense(words, common, leads); err != nil {
				return err
			}
			if cand != nil {
				common = inexact
			}
		}
		switch {
		case cand != nil && cand.n <= sparseMax:
			return s.searchSparse(tx, tab, cand.ids(), common, limit, &res)
		case cand != nil:
			return s.searchSet(ctx, tx, tab, cand, common, limit, &res)
		}
		_, err := s.searchDense(ctx, tx, tab, terms, limit, 0, &res)
		return err
	})
	return res, err
}

// What a match costs, in nanoseconds, measured on the benchmark files:
// fetching one (its score, its row) and walking past one queue row.
const (
	fetchCost = 800
	walkCost  = 50
)

// In an encrypted file walking past a row means opening it (about 0.7 µs
// where reading its clear words takes 50 ns), while the word index's sets
// cost as little as ever: a search walks less and takes larger sets.
const walkCostSealed = 700

func (s *Store) walkCost() uint64 {
	if s.Encrypted() {
		return walkCostSealed
	}
	return walkCost
}

func (s *Store) walkBudget() int {
	if s.Encrypted() {
		return walkBudget * walkCost / walkCostSealed
	}
	return walkBudget
}

func (s *Store) midMax() int {
	if s.Encrypted() {
		return denseMax
	}
	return midMax
}

// walkBudget is how many queue rows a search of common words reads before
// it fetches their matches instead.
const walkBudget = 5000

// idSet is a set of lead ids as bits, with its size.
type idSet struct {
	bits []uint64
	n    int
}

func newIDSet(maxID uint64) *idSet { return &idSet{bits: make([]uint64, maxID/64+1)} }

func (s *idSet) has(id uint64) bool {
	return id/64 < uint64(len(s.bits)) && s.bits[id/64]&(1<<(id%64)) != 0
}

func (s *idSet) add(id uint64) {
	if id/64 >= uint64(len(s.bits)) {
		s.bits = append(s.bits, make([]uint64, id/64+1-uint64(len(s.bits)))...)
	}
	if w, bit := &s.bits[id/64], uint64(1)<<(id%64); *w&bit == 0 {
		*w |= bit
		s.n++
	}
}

// and keeps the ids o has too.
func (s *idSet) and(o *idSet) {
	s.n = 0
	for i := range s.bits {
		if i < len(o.bits) {
			s.bits[i] &= o.bits[i]
		} else {
			s.bits[i] = 0
		}
		s.n += bits.OnesCount64(s.bits[i])
	}
}

// ids lists the set ascending.
func (s *idSet) ids() []uint64 {
	out := make([]uint64, 0, s.n)
	for i, w := range s.bits {
		for w != 0 {
			j := bits.TrailingZeros64(w)
			out = append(out, uint64(i)*64+uint64(j))
			w &= w - 1
		}
	}
	return out
}

// matchSet collects the leads with a word starting with one of the term's
// prefixes; ok is false when they are more than max.
func (s *Store) matchSet(b *bolt.Bucket, t domain.QueryTerm, max int, maxID uint64) (*idSet, bool, error) {
	set := newIDSet(maxID)
	cur := b.Cursor()
	c := s.crypt.Load()
	for _, p := range t.Prefixes {
		prefix := []byte(p)
		if c != nil {
			// The blind index: a token of the prefix, or of its first
			// letters (inexact says the rows are to be tested).
			tok, _ := c.searchToken(p)
			prefix = append([]byte(tok), 0)
		}
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			if len(k) < 9 {
				continue
			}
			body, err := unframe(tagPosting, v)
			if err != nil {
				return nil, false, err
			}
			id := postingFirst(k)
			set.add(id)
			for len(body) > 0 {
				d, n := binary.Uvarint(body)
				if n <= 0 || d == 0 {
					return nil, false, fmt.Errorf("%w: a posting list does not decode", ErrDamaged)
				}
				id += d
				set.add(id)
				body = body[n:]
			}
			if set.n > max {
				return nil, false, nil
			}
		}
	}
	return set, true, nil
}

// matchIDs is matchSet as a list of ids.
func (s *Store) matchIDs(b *bolt.Bucket, t domain.QueryTerm, max int) ([]uint64, bool, error) {
	set, ok, err := s.matchSet(b, t, max, 0)
	if err != nil || !ok {
		return nil, ok, err
	}
	return set.ids(), true, nil
}

// denseMax bounds the matches of a common word that are read to intersect
// it with another common word.
const denseMax = 200_000

// intersectDense intersects the matches of common words; nil when one
// matches more than denseMax.
func (s *Store) intersectDense(b *bolt.Bucket, terms []domain.QueryTerm, maxID uint64) (*idSet, error) {
	// Longer words are likely the rarer: they go first.
	terms = slices.Clone(terms)
	sort.SliceStable(terms, func(i, j int) bool { return len(terms[i].Prefixes[0]) > len(terms[j].Prefixes[0]) })
	var cand *idSet
	for _, t := range terms {
		set, ok, err := s.matchSet(b, t, denseMax, maxID)
		if err != nil || !ok {
			return nil, err
		}
		if cand == nil {
			cand = set
		} else {
			cand.and(set)
		}
	}
	return cand, nil
}

// searchSparse tests the candidates against the common words and sorts
// them by queue position.
func (s *Store) searchSparse(tx *bolt.Tx, tab Tab, cand []uint64, dense []domain.QueryTerm, limit int, res *SearchResult) error {
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
			w, err := s.rowWords(k, v)
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
		r, err := s.decodeRow(h.key, h.val)
		if err != nil {
			return err
		}
		res.Rows = append(res.Rows, r)
	}
	return nil
}

// searchSet walks the queue's keys in order and takes the leads of cand
// that the common words match too. Without common words
// the total is cand's size within the tab.
func (s *Store) searchSet(ctx context.Context, tx *bolt.Tx, tab Tab, cand *idSet, dense []domain.QueryTerm, limit int, res *SearchResult) error {
	prefix := tab.prefix()
	if len(dense) == 0 && prefix == nil {
		res.Total = cand.n
	}
	cur := tx.Bucket(bucketQueue).Cursor()
	walked, found := 0, 0
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		if walked++; walked&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if len(k) != QueueKeyLen {
			continue
		}
		if !cand.has(binary.BigEndian.Uint64(k[5:13])) {
			continue
		}
		if len(dense) > 0 && !matchesAll(s.walkWords(k, v), dense) {
			continue
		}
		if found++; found > limit {
			if res.Total == 0 {
				res.AtLeast = true
			}
			break
		}
		r, err := s.decodeRow(k, v)
		if err != nil {
			return err
		}
		res.Rows = append(res.Rows, r)
	}
	if res.Total == 0 {
		res.Total = min(found, limit)
		if found > limit {
			res.Total = limit
		}
	}
	return nil
}

// walkWords is a row value's search words for a walk over the queue,
// without checking the value's checksum: a walk reads thousands of rows to
// show a screenful, and every row it shows is decoded, checksum and all.
func walkWords(v []byte) []byte {
	if len(v) < 5 {
		return nil
	}
	b := v[1 : len(v)-4]
	n, size := binary.Uvarint(b)
	if size <= 0 || uint64(len(b)-size) < n {
		return nil
	}
	return b[size : size+int(n)]
}

// searchDense walks the queue in order and tests every row's words, up
// to budget rows (0: no bound). It stops at the first limit matches: the
// total is a lower bound then, and CountMatches counts on. filled says the
// walk found its screenful or came to the end.
func (s *Store) searchDense(ctx context.Context, tx *bolt.Tx, tab Tab, terms []domain.QueryTerm, limit, budget int, res *SearchResult) (filled bool, err error) {
	prefix := tab.prefix()
	cur := tx.Bucket(bucketQueue).Cursor()
	walked := 0
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		if walked++; walked&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		if len(res.Rows) >= limit {
			res.AtLeast = true
			return true, nil
		}
		if budget > 0 && walked > budget {
			return false, nil
		}
		if !matchesAll(s.walkWords(k, v), terms) {
			continue
		}
		res.Total++
		r, err := s.decodeRow(k, v)
		if err != nil {
			return false, err
		}
		res.Rows = append(res.Rows, r)
	}
	return true, nil
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
			w, err := s.rowWords(k, v)
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
	for _, p := range t.Prefixes {
		if bytes.HasPrefix(words, []byte(p)) {
			return true
		}
		// A word starts after a blank.
		for rest := words; ; {
			i := bytes.Index(rest, []byte(p))
			if i < 0 {
				break
			}
			if i > 0 && rest[i-1] == ' ' {
				return true
			}
			rest = rest[i+1:]
		}
	}
	return false
}

// inexact reports a term the blind index of an encrypted file finds only
// a superset of: one longer than the indexed prefixes.
func (s *Store) inexact(t domain.QueryTerm) bool {
	c := s.crypt.Load()
	if c == nil {
		return false
	}
	for _, p := range t.Prefixes {
		if _, exact := c.searchToken(p); !exact {
			return true
		}
	}
	return false
}

// rowWords is a queue entry's search words, opened first in an encrypted file.
func (s *Store) rowWords(k, v []byte) ([]byte, error) {
	v, err := s.openValue(bucketQueue, k, v)
	if err != nil {
		return nil, err
	}
	return rowWords(v)
}

// walkWords is walkWords of the opened entry; an entry that does not open
// matches nothing (it is decoded, and its damage told, when shown).
func (s *Store) walkWords(k, v []byte) []byte {
	if s.crypt.Load() == nil {
		return walkWords(v)
	}
	v, err := s.openValue(bucketQueue, k, v)
	if err != nil {
		return nil
	}
	return walkWords(v)
}

// wordKey is what the word index files a whole word under.
func (s *Store) wordKey(w string) string {
	if c := s.crypt.Load(); c != nil {
		return c.token('w', w)
	}
	return w
}
