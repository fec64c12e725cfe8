package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"runtime/debug"
	"slices"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Problem is one thing check found wrong, by lead where it can say.
type Problem struct {
	Lead uint64 // 0 when it is no one lead's
	What string
	// Why is What as a Problem, for a person to read in their language;
	// nil where only the English is known.
	Why *domain.Problem
}

func (p Problem) String() string {
	if p.Lead == 0 {
		return p.What
	}
	return fmt.Sprintf("lead %d: %s", p.Lead, p.What)
}

// maxProblems bounds a report: past it, check only counts.
const maxProblems = 200

// report gathers problems.
type report struct {
	problems []Problem
	more     int
}

func (r *report) add(id uint64, why *domain.Problem) {
	if len(r.problems) >= maxProblems {
		r.more++
		return
	}
	r.problems = append(r.problems, Problem{Lead: id, What: why.Error(), Why: why})
}

// Verify checks leadq's own data as PRAGMA integrity_check does SQLite's:
// every value's checksum, every record decodes, every index entry (queue,
// due, duplicates, words) belongs to a record that agrees with it and every
// record has its entries, and the stored counts are the real ones. It
// changes nothing. more counts the problems past the first maxProblems.
func (s *Store) Verify() (problems []Problem, more int, err error) {
	var r report
	if s.fellBack {
		r.add(0, domain.Problemf("store.check.meta_lost", "its newest meta page is damaged, so the last commit is lost: the file reads as it was one save earlier"))
	}
	err = s.view(func(tx *bolt.Tx) error {
		if s.schema < SchemaVersion {
			for _, e := range s.checkRecords(tx) {
				r.add(0, domain.Problemf("store.check.error", "%v", e))
			}
			return nil
		}
		if s.indexesAgree(tx) {
			return nil
		}
		return s.verifyIndexes(tx, &r)
	})
	return r.problems, r.more, err
}

// indexesAgree is the quick pass of Verify, in one sequential walk of each
// bucket and little memory at any size: every record reads and agrees with
// its score, and each index holds exactly the entries the records make —
// compared as a sum of the entries' hashes (a multiset hash), so no entry
// is looked up and none is kept. Only when it finds something does Verify
// go through the file again, lead by lead, to name what is wrong.
func (s *Store) indexesAgree(tx *bolt.Tx) bool {
	seed := maphash.MakeSeed()
	type tally struct{ n, sum uint64 }
	var want, got [4]tally // queue, due, dups, words
	add := func(t *tally, parts ...[]byte) {
		var h maphash.Hash
		h.SetSeed(seed)
		for _, p := range parts {
			h.Write(p)
			h.WriteByte(0)
		}
		t.n++
		t.sum += h.Sum64()
	}
	// The records are read by two workers, each in a read transaction of
	// its own over half the ids: decoding them is most of the work.
	type part struct {
		want [4]tally
		n    counts
		ok   bool
	}
	walk := func(tx *bolt.Tx, from, to uint64) (p part) {
		cur := tx.Bucket(bucketLeads).Cursor()
		for k, _ := cur.Seek(itob(from)); k != nil; k, _ = cur.Next() {
			if len(k) != 8 {
				return p
			}
			id := binary.BigEndian.Uint64(k)
			if id >= to {
				break
			}
			en, sc, _, problems := s.leadChecked(tx, id)
			if en == nil || len(problems) > 0 {
				return p
			}
			p.n[sc.group]++
			add(&p.want[0], en.queueKey, en.row)
			for _, dk := range en.due {
				add(&p.want[1], dk)
			}
			for _, dk := range en.dups {
				add(&p.want[2], dk)
			}
			for _, w := range en.words {
				add(&p.want[3], []byte(w), k)
			}
		}
		p.ok = true
		return p
	}
	first, _ := tx.Bucket(bucketLeads).Cursor().First()
	last, _ := tx.Bucket(bucketLeads).Cursor().Last()
	if first == nil {
		first, last = itob(0), itob(0)
	}
	if len(first) != 8 || len(last) != 8 {
		return false
	}
	lo, hi := binary.BigEndian.Uint64(first), binary.BigEndian.Uint64(last)
	mid := lo + (hi-lo)/2 + 1
	second := make(chan part, 1)
	go func() {
		// This goroutine reads the map too: a fault must be an error here.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		var p part
		defer func() {
			recover()
			second <- p
		}()
		tx.DB().View(func(tx *bolt.Tx) error {
			p = walk(tx, mid, math.MaxUint64)
			return nil
		})
	}()
	a := walk(tx, 0, mid)
	b := <-second
	if !a.ok || !b.ok {
		return false
	}
	var n counts
	for i := range want {
		want[i] = tally{a.want[i].n + b.want[i].n, a.want[i].sum + b.want[i].sum}
	}
	for g := range n {
		n[g] = a.n[g] + b.n[g]
	}
	for i, b := range []*bolt.Bucket{tx.Bucket(bucketQueue), tx.Bucket(bucketDue), tx.Bucket(bucketDups)} {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if i == 0 {
				add(&got[i], k, v)
			} else {
				add(&got[i], k)
			}
		}
	}
	c := tx.Bucket(bucketWords).Cursor()
	var ids []uint64
	for k, v := c.First(); k != nil; k, v = c.Next() {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(k) != i+9 {
			return false
		}
		var err error
		if ids, err = decodePosting(postingFirst(k), v, ids[:0]); err != nil {
			return false
		}
		for _, id := range ids {
			add(&got[3], k[:i], itob(id))
		}
	}
	stored, err := readCounts(tx)
	return err == nil && stored == n && want == got
}

// leadChecked reads lead id and checks it against its stored score, for
// both passes of Verify: what is wrong with the lead itself, and the index
// entries it makes (nil when it does not read or they cannot be made).
// read says whether its record and history read.
func (s *Store) leadChecked(tx *bolt.Tx, id uint64) (en *entries, sc scoreRec, read bool, problems []string) {
	l, sc, err := s.read(tx, id)
	if err != nil {
		return nil, sc, false, []string{err.Error()}
	}
	if g := groupOf(l, sc.tier); g != sc.group {
		problems = append(problems, fmt.Sprintf("it is stored in queue group %d, its stage and fit put it in %d", sc.group, g))
	}
	if !s.Stale() {
		if got := domain.Score(l, s.model, fromUnix(sc.at)); got.Total != int(sc.total) || got.Tier != sc.tier {
			problems = append(problems, fmt.Sprintf("its stored score %d %s is not what its data scores (%d %s)", sc.total, sc.tier, got.Total, got.Tier))
		}
	}
	e, err := s.entriesOf(l, sc)
	if err != nil {
		return nil, sc, true, append(problems, err.Error())
	}
	return &e, sc, true, problems
}

func (s *Store) verifyIndexes(tx *bolt.Tx, r *report) error {
	queue, due, dups := tx.Bucket(bucketQueue), tx.Bucket(bucketDue), tx.Bucket(bucketDups)
	var want counts
	words := map[string][]uint64{}
	found := map[string]int{} // index → expected keys found
	good := map[uint64]bool{}
	cur := tx.Bucket(bucketLeads).Cursor()
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		if len(k) != 8 {
			r.add(0, domain.Problemf("store.check.record_key", "a record key of %d bytes", len(k)))
			continue
		}
		id := binary.BigEndian.Uint64(k)
		en, sc, read, problems := s.leadChecked(tx, id)
		good[id] = read
		for _, p := range problems {
			r.add(id, domain.Problemf("store.check.problem", "%s", p))
		}
		if en == nil {
			continue
		}
		want[sc.group]++
		switch v := queue.Get(en.queueKey); {
		case v == nil:
			r.add(id, domain.Problemf("store.check.no_queue_entry", "it has no queue entry"))
		case !bytes.Equal(v, en.row):
			r.add(id, domain.Problemf("store.check.queue_disagrees", "its queue entry does not agree with its record"))
		default:
			found["queue"]++
		}
		for _, dk := range en.due {
			if !hasKey(due, dk) {
				r.add(id, domain.Problemf("store.check.due_missing", "its due item of %s is missing from the Due index", dueTime(dk).Local().Format("02.01.2006 15:04")))
			} else {
				found["due"]++
			}
		}
		for _, dk := range en.dups {
			if !hasKey(dups, dk) {
				r.add(id, domain.Problemf("store.check.dup_missing", "its email, phone or external id is missing from the duplicate index"))
			} else {
				found["dups"]++
			}
		}
		for _, w := range en.words {
			words[w] = append(words[w], id)
		}
	}
	// Entries that belong to no record, or to a record that disagrees.
	orphans := func(name string, b *bolt.Bucket, idOf func(k []byte) uint64) {
		n := 0
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		if extra := n - found[name]; extra > 0 {
			named := 0
			for k, _ := c.First(); k != nil && named < 20; k, _ = c.Next() {
				id := idOf(k)
				if !good[id] {
					r.add(id, domain.Problemf("store.check.index_orphan", "the %s index has an entry for it, but it has no record that reads", name))
					named++
				}
			}
			if named == 0 {
				if extra == 1 {
					r.add(0, domain.Problemf("store.check.index_extra_one", "the %s index has 1 entry no record makes", name))
				} else {
					r.add(0, domain.Problemf("store.check.index_extra", "the %s index has %d entries no record makes", name, extra))
				}
			}
		}
	}
	orphans("queue", queue, func(k []byte) uint64 {
		if len(k) != QueueKeyLen {
			return 0
		}
		return binary.BigEndian.Uint64(k[5:13])
	})
	orphans("due", due, func(k []byte) uint64 {
		if len(k) != 18 {
			return 0
		}
		return binary.BigEndian.Uint64(k[8:16])
	})
	orphans("dups", dups, func(k []byte) uint64 {
		if len(k) < 8 {
			return 0
		}
		return binary.BigEndian.Uint64(k[len(k)-8:])
	})
	s.verifyWords(tx, words, r)
	c, err := readCounts(tx)
	if err != nil {
		r.add(0, domain.Problemf("store.check.error", "%v", err))
	} else if c != want {
		r.add(0, domain.Problemf("store.check.counts", "the stored lead counts (hot %d, warm %d, cold %d, out %d) are not the real ones (%d, %d, %d, %d)",
			c[GroupHot], c[GroupWarm], c[GroupCold], c[GroupOut], want[GroupHot], want[GroupWarm], want[GroupCold], want[GroupOut]))
	}
	return nil
}

func hasKey(b *bolt.Bucket, k []byte) bool {
	got, _ := b.Cursor().Seek(k)
	return got != nil && bytes.Equal(got, k)
}

// verifyWords compares the word index with the words the records make.
func (s *Store) verifyWords(tx *bolt.Tx, want map[string][]uint64, r *report) {
	got := map[string][]uint64{}
	cur := tx.Bucket(bucketWords).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		i := bytes.IndexByte(k, 0)
		if i < 0 || len(k) != i+9 {
			r.add(0, domain.Problemf("store.check.word_key", "a word index key of the wrong shape"))
			continue
		}
		w := string(k[:i])
		ids, err := decodePosting(postingFirst(k), v, got[w])
		if err != nil {
			r.add(0, domain.Problemf("store.check.word_entry", "the word index entry of %q %v", w, err))
			continue
		}
		got[w] = ids
	}
	for w, ids := range want {
		if g := got[w]; !slices.Equal(g, ids) {
			missing := ids[0]
			for _, id := range ids {
				if !slices.Contains(g, id) {
					missing = id
					break
				}
			}
			r.add(missing, domain.Problemf("store.check.search_missing", "the search index does not find it by %q", w))
		}
		delete(got, w)
	}
	for w, ids := range got {
		if len(ids) > 0 {
			r.add(ids[0], domain.Problemf("store.check.search_extra", "the search index finds it by %q, which it does not have", w))
		}
	}
}
