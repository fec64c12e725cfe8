package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// encoded is a lead turned into the keys and values of every bucket it is
// written to, ready for a transaction.
type encoded struct {
	id      uint64
	record  []byte // as stored: sealed in an encrypted file
	history []byte // nil: no events
	score   scoreRec
	entries

	clearRecord, clearHistory []byte // before sealing
}

// entries is what a lead puts into the indexes, worked out from the lead
// alone, so the entries of the lead as it was can be removed exactly.
type entries struct {
	queueKey []byte
	row      []byte // as stored: sealed in an encrypted file once the lead has its id
	clearRow []byte
	group    Group
	due      [][]byte
	dups     [][]byte
	words    []string
}

// encode prepares a lead that carries its id, event ids and score.
func (s *Store) encode(l *domain.Lead) (*encoded, error) {
	e := &encoded{id: l.ID}
	var err error
	if e.clearRecord, err = encodeValue(tagLead, toLeadRec(l)); err != nil {
		return nil, err
	}
	s.mu.Lock()
	before := len(s.origins.ids)
	e.clearHistory, err = encodeHistory(l.History, &s.origins)
	grew := len(s.origins.ids) != before
	if grew {
		s.origins.ids = s.origins.ids[:before] // refused below: it must not be known next time either
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if grew {
		return nil, errors.New("an event names a database this one does not know")
	}
	e.score = scoreRec{group: groupOf(l, l.Score.Tier), tier: l.Score.Tier, total: clampScore(l.Score.Total), at: unix(l.Score.At)}
	e.entries, err = s.entriesOf(l, e.score)
	s.sealEncoded(e)
	return e, err
}

// sealEncoded makes an encoded lead's values what is stored for its id.
// A lead of a bulk write gets its id later (setID) and is sealed then; the
// clear forms are let go once sealed, so a bulk write holds one copy.
func (s *Store) sealEncoded(e *encoded) {
	c := s.crypt.Load()
	if c == nil {
		e.record, e.history, e.row = e.clearRecord, e.clearHistory, e.clearRow
		return
	}
	if e.id == 0 {
		return
	}
	id := itob(e.id)
	e.record = c.seal(bucketLeads, id, e.clearRecord)
	e.history = c.seal(bucketHistory, id, e.clearHistory)
	e.row = c.seal(bucketQueue, e.queueKey, e.clearRow)
	e.clearRecord, e.clearHistory, e.clearRow = nil, nil, nil
}

func clampScore(n int) int32 {
	return int32(max(-1<<30, min(1<<30, n)))
}

func (s *Store) entriesOf(l *domain.Lead, sc scoreRec) (entries, error) {
	words := domain.SearchWords(l, s.country)
	row := rowRec{Name: l.DisplayName(), Company: l.Company.Name, Stage: uint8(l.Stage), Source: l.Source,
		Tier: uint8(sc.tier), LastTouch: unix(l.LastTouch())}
	if l.Callback != nil {
		row.Callback = unix(l.Callback.At)
	}
	if since, ok := l.AwaitingSince(); ok {
		row.Awaiting = unix(since)
	}
	rowVal, err := encodeRow(&row, strings.Join(words, " "))
	if err != nil {
		return entries{}, err
	}
	en := entries{queueKey: sc.queueKey(l.ID), clearRow: rowVal, group: sc.group, words: s.indexWords(words), dups: s.dupKeys(l, l.ID)}
	if l.ID != 0 || !s.Encrypted() {
		en.row = s.sealValue(bucketQueue, en.queueKey, rowVal)
	}
	if l.InQueue() {
		for n, d := range l.DueItems() {
			en.due = append(en.due, dueKey(d.At, l.ID, d.What, n))
		}
	}
	return en, nil
}

// dueKey sorts by time, then lead; kind and n tell items of one lead apart.
func dueKey(at time.Time, id uint64, what domain.DueKind, n int) []byte {
	k := make([]byte, 18)
	binary.BigEndian.PutUint64(k[0:8], uint64(at.Unix())^(1<<63))
	binary.BigEndian.PutUint64(k[8:16], id)
	k[16] = byte(what)
	k[17] = byte(n)
	return k
}

func dueTime(k []byte) time.Time {
	return time.Unix(int64(binary.BigEndian.Uint64(k[0:8])^(1<<63)), 0)
}

// Duplicate keys: a hash of the normalised email or phone, or of an
// external id with its system, then the id.
const (
	dupEmail    = 'e'
	dupPhone    = 'p'
	dupExternal = 'x'
)

// externalKey is what an external id's duplicate key hashes: the system
// and the id, so ids are matched only within their system.
func externalKey(system, id string) string {
	return strings.ToLower(strings.TrimSpace(system)) + "\x00" + strings.TrimSpace(id)
}

func dupPrefix(kind byte, value string) []byte {
	h := fnv.New64a()
	h.Write([]byte(value))
	return h.Sum([]byte{kind})
}

func (s *Store) dupValues(l *domain.Lead) (emails, phones []string) {
	if e := strings.ToLower(strings.TrimSpace(l.Email)); e != "" {
		emails = append(emails, e)
	}
	for _, p := range [][2]string{{l.Phone, l.PhoneE164}, {l.Mobile, l.MobileE164}} {
		n := p[1]
		if n == "" {
			n = domain.NormalisePhone(p[0], s.countryOf(l))
		}
		if n != "" && !contains(phones, n) {
			phones = append(phones, n)
		}
	}
	return emails, phones
}

func (s *Store) countryOf(l *domain.Lead) string {
	if l.Company.Country != "" {
		return l.Company.Country
	}
	return s.country
}

// readPhones keeps the international form of the lead's numbers with
// them: worked out again for a number that changed since old (nil for a
// new lead), kept as read before otherwise, so a later change of the
// default country cannot part a lead from its index entries.
func (s *Store) readPhones(l *domain.Lead, old *domain.Lead) {
	if old == nil || l.Phone != old.Phone || l.Company.Country != old.Company.Country || l.PhoneE164 == "" {
		l.PhoneE164 = domain.NormalisePhone(l.Phone, s.countryOf(l))
	}
	if old == nil || l.Mobile != old.Mobile || l.Company.Country != old.Company.Country || l.MobileE164 == "" {
		l.MobileE164 = domain.NormalisePhone(l.Mobile, s.countryOf(l))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (s *Store) dupKeys(l *domain.Lead, id uint64) [][]byte {
	emails, phones := s.dupValues(l)
	var keys [][]byte
	for _, e := range emails {
		keys = append(keys, append(s.dupHash(dupEmail, e), itob(id)...))
	}
	for _, p := range phones {
		keys = append(keys, append(s.dupHash(dupPhone, p), itob(id)...))
	}
	for system, x := range l.ExternalIDs {
		if strings.TrimSpace(x) != "" {
			keys = append(keys, append(s.dupHash(dupExternal, externalKey(system, x)), itob(id)...))
		}
	}
	return keys
}

// write puts an encoded lead into every bucket, replacing the entries old
// had (nil for a new lead). A new lead's index entries go into bb when
// given, for a bulk write to put them in key order at its end.
func (s *Store) write(tx *bolt.Tx, e *encoded, old *entries, c *counts, bb *bulkBuf) error {
	id := itob(e.id)
	// A new lead's values go straight in; an existing one's only where
	// they changed.
	put := putIfChanged
	if old == nil {
		put = func(b *bolt.Bucket, k, v []byte) error { return b.Put(k, v) }
	}
	if err := put(tx.Bucket(bucketLeads), id, e.record); err != nil {
		return err
	}
	hist := tx.Bucket(bucketHistory)
	switch {
	case e.history != nil:
		if err := put(hist, id, e.history); err != nil {
			return err
		}
	case old != nil:
		if err := hist.Delete(id); err != nil {
			return err
		}
	}
	if err := put(tx.Bucket(bucketScores), id, encodeScore(e.score)); err != nil {
		return err
	}
	if old == nil && bb != nil {
		c[e.group]++
		bb.add(e.id, &e.entries)
		return nil
	}
	queue := tx.Bucket(bucketQueue)
	if old != nil {
		if !bytes.Equal(old.queueKey, e.queueKey) {
			if err := queue.Delete(old.queueKey); err != nil {
				return err
			}
		}
		c[old.group]--
	}
	c[e.group]++
	if err := putIfChanged(queue, e.queueKey, e.row); err != nil {
		return err
	}
	var oldDue, oldDups [][]byte
	var oldWords []string
	if old != nil {
		oldDue, oldDups, oldWords = old.due, old.dups, old.words
	}
	if err := syncKeys(tx.Bucket(bucketDue), oldDue, e.due); err != nil {
		return err
	}
	if err := syncKeys(tx.Bucket(bucketDups), oldDups, e.dups); err != nil {
		return err
	}
	words := tx.Bucket(bucketWords)
	for _, w := range oldWords {
		if !contains(e.words, w) {
			if err := postingRemove(words, w, e.id); err != nil {
				return err
			}
		}
	}
	for _, w := range e.words {
		if !contains(oldWords, w) {
			if err := postingAdd(words, w, e.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// putIfChanged skips writing a value that is already there as it is, so an
// unchanged part of a lead frees and dirties no page.
func putIfChanged(b *bolt.Bucket, k, v []byte) error {
	if cur := b.Get(k); cur != nil && bytes.Equal(cur, v) {
		return nil
	}
	return b.Put(k, v)
}

// syncKeys makes a key-only index hold want instead of had.
func syncKeys(b *bolt.Bucket, had, want [][]byte) error {
	for _, k := range had {
		if !containsKey(want, k) {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	for _, k := range want {
		if !containsKey(had, k) {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func containsKey(keys [][]byte, k []byte) bool {
	for _, x := range keys {
		if bytes.Equal(x, k) {
			return true
		}
	}
	return false
}

// read decodes a lead with its history and stored score (without the
// explanation, which Get works out).
func (s *Store) read(tx *bolt.Tx, id uint64) (*domain.Lead, scoreRec, error) {
	idKey := itob(id)
	data := tx.Bucket(bucketLeads).Get(idKey)
	if data == nil {
		return nil, scoreRec{}, fmt.Errorf("lead %d: %w", id, ErrNotFound)
	}
	var rec leadRec
	data, err := s.openValue(bucketLeads, idKey, data)
	if err == nil {
		err = decodeValue(tagLead, data, &rec)
	}
	if err != nil {
		return nil, scoreRec{}, fmt.Errorf("the record of lead %d %w", id, err)
	}
	l := rec.domain(id)
	// Decoding reads the map (and may fault on a damaged file): it is done
	// outside the lock, which only guards the list of origins.
	hv, err := s.openValue(bucketHistory, idKey, tx.Bucket(bucketHistory).Get(idKey))
	var recs []eventRec
	if err == nil {
		recs, err = decodeEventRecs(hv)
	}
	if err != nil {
		return nil, scoreRec{}, fmt.Errorf("the history of lead %d %w", id, err)
	}
	s.mu.Lock()
	l.History = eventsOf(recs, &s.origins)
	s.mu.Unlock()
	sc, err := decodeScore(tx.Bucket(bucketScores).Get(idKey))
	if err != nil {
		return nil, scoreRec{}, fmt.Errorf("the score of lead %d %w", id, err)
	}
	l.Score = domain.ScoreResult{Total: int(sc.total), Tier: sc.tier, At: fromUnix(sc.at)}
	return l, sc, nil
}

// explain works out the score's explanation: as of when it was scored when
// the rules are the stored ones, so it adds up to the total the queue sorts
// by; with the current rules as of now when the stored scores are stale.
func (s *Store) explain(l *domain.Lead) {
	at := l.Score.At
	if s.Stale() || at.IsZero() {
		at = s.now()
	}
	l.Score = domain.Score(l, s.model, at)
}

// stamp gives new events their ids, puts the history in time order and
// scores the lead as of now.
func (s *Store) stamp(l *domain.Lead, now time.Time) {
	domain.SortHistory(l.History)
	for i := range l.History {
		e := &l.History[i]
		if e.ID.IsZero() {
			e.ID = s.newEventID(e.At)
		}
		if e.Origin == s.id {
			e.Origin = domain.DatabaseID{}
		}
	}
	l.Score = domain.Score(l, s.model, now)
}

// Get reads one lead with its whole history and its score explained.
func (s *Store) Get(id uint64) (*domain.Lead, error) {
	var l *domain.Lead
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		l, _, err = s.read(tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.explain(l)
	return l, nil
}

// Update applies fn to the lead and writes the result, its new score, its
// history and every index entry in one transaction. If fn fails nothing is
// written. It returns the lead as stored.
func (s *Store) Update(id uint64, fn func(l *domain.Lead) error) (*domain.Lead, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	now := s.now()
	var out *domain.Lead
	err := s.update(func(tx *bolt.Tx) error {
		l, sc, err := s.read(tx, id)
		if err != nil {
			return err
		}
		old, err := s.entriesOf(l, sc)
		if err != nil {
			return err
		}
		before := domain.Lead{Phone: l.Phone, Mobile: l.Mobile, Company: domain.Company{Country: l.Company.Country}}
		texts := domain.LeadText(l)
		if err := fn(l); err != nil {
			return err
		}
		if err := domain.CheckNewText(l, texts); err != nil {
			return err
		}
		l.ID = id
		l.Updated = now
		s.readPhones(l, &before)
		s.stamp(l, now)
		e, err := s.encode(l)
		if err != nil {
			return err
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		if err := s.write(tx, e, &old, &c, nil); err != nil {
			return err
		}
		if err := writeCounts(tx, c); err != nil {
			return err
		}
		out, _, err = s.read(tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.gen.Add(1)
	s.explain(out)
	return out, nil
}
