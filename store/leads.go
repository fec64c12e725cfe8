package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Row is what the queue shows of a lead, stored in the queue index so the
// queue never decodes a full record.
type Row struct {
	Key []byte `json:"-"` // position in the queue index

	ID        uint64       `json:"id"`
	Name      string       `json:"name"`
	Company   string       `json:"company"`
	Email     string       `json:"email,omitempty"`
	Phone     string       `json:"phone,omitempty"`
	City      string       `json:"city,omitempty"`
	Source    string       `json:"source,omitempty"`
	Stage     domain.Stage `json:"stage"`
	Score     int          `json:"score"`
	Tier      domain.Tier  `json:"tier"`
	Fit       domain.Fit   `json:"fit"`
	InQueue   bool         `json:"in_queue"`
	Created   time.Time    `json:"created"`
	LastTouch time.Time    `json:"last_touch"`
	Callback  time.Time    `json:"callback,omitzero"`
	Awaiting  time.Time    `json:"awaiting,omitzero"` // waiting for our answer since; zero when answered
}

func rowOf(l *domain.Lead) Row {
	r := Row{
		ID: l.ID, Name: l.Name, Company: l.Company.Name, Email: l.Email, Phone: l.Phone,
		City: l.Company.City, Source: l.Source, Stage: l.Stage, Score: l.Score.Total,
		Tier: l.Score.Tier, Fit: l.Fit, InQueue: l.InQueue(), Created: l.Created, LastTouch: l.LastTouch(),
	}
	if l.Callback != nil {
		r.Callback = l.Callback.At
	}
	if since, ok := l.AwaitingSince(); ok {
		r.Awaiting = since
	}
	return r
}

// queueValue is the lower-cased search text, its length first, then the row.
func queueValue(l *domain.Lead) ([]byte, error) {
	row, err := json.Marshal(rowOf(l))
	if err != nil {
		return nil, err
	}
	hay := l.SearchText()
	v := make([]byte, 2, 2+len(hay)+len(row))
	if len(hay) > 0xFFFF {
		hay = hay[:0xFFFF]
	}
	binary.BigEndian.PutUint16(v, uint16(len(hay)))
	v = append(v, hay...)
	return append(v, row...), nil
}

func splitQueueValue(v []byte) (hay, row []byte) {
	if len(v) < 2 {
		return nil, nil
	}
	n := int(binary.BigEndian.Uint16(v))
	if 2+n > len(v) {
		return nil, nil
	}
	return v[2 : 2+n], v[2+n:]
}

func decodeRow(k, v []byte) (Row, error) {
	var r Row
	_, raw := splitQueueValue(v)
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, fmt.Errorf("queue entry %x is damaged: %w", k, err)
	}
	r.Key = append([]byte(nil), k...)
	return r, nil
}

// dueRow is a Due item with the row it belongs to.
type dueRow struct {
	Due domain.Due `json:"due"`
	Row Row        `json:"row"`
}

// encoded is a lead turned into the keys and values of every bucket it
// is written to, ready for a transaction.
type encoded struct {
	id       []byte
	record   []byte
	history  []byte // nil: no activities
	queueKey []byte
	queueVal []byte
	group    Group
	email    []byte // nil: no email
	due      [][2][]byte
}

// encode prepares a lead that already carries its id and new score.
func encode(l *domain.Lead) (encoded, error) {
	e := encoded{id: itob(l.ID), queueKey: queueKey(l), group: groupOf(l)}
	rec := *l
	rec.Activities = nil
	var err error
	if e.record, err = json.Marshal(&rec); err != nil {
		return e, err
	}
	// The history is kept apart from the record, oldest first, so the
	// record stays small however long the history grows.
	if len(l.Activities) > 0 {
		if e.history, err = json.Marshal(l.Activities); err != nil {
			return e, err
		}
	}
	if e.queueVal, err = queueValue(l); err != nil {
		return e, err
	}
	if l.Email != "" {
		e.email = emailKey(l.Email, l.ID)
	}
	if l.InQueue() {
		row := rowOf(l)
		for n, d := range l.DueItems() {
			v, err := json.Marshal(dueRow{Due: d, Row: row})
			if err != nil {
				return e, err
			}
			e.due = append(e.due, [2][]byte{dueKey(d.At, l.ID, n), v})
		}
	}
	return e, nil
}

// write puts an encoded lead into every bucket.
func (e encoded) write(tx *bolt.Tx, c *counts) error {
	if err := tx.Bucket(bucketLeads).Put(e.id, e.record); err != nil {
		return err
	}
	if e.history != nil {
		if err := tx.Bucket(bucketActivities).Put(e.id, e.history); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bucketQueue).Put(e.queueKey, e.queueVal); err != nil {
		return err
	}
	c[e.group]++
	if e.email != nil {
		if err := tx.Bucket(bucketEmail).Put(e.email, nil); err != nil {
			return err
		}
	}
	due := tx.Bucket(bucketDue)
	for _, kv := range e.due {
		if err := due.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// put writes the lead (which must already carry its new score), its
// activities and every index entry, removing the entries of old.
func put(tx *bolt.Tx, l, old *domain.Lead, c *counts) error {
	if old != nil {
		if err := unindex(tx, old, c); err != nil {
			return err
		}
	}
	e, err := encode(l)
	if err != nil {
		return err
	}
	return e.write(tx, c)
}

// unindex removes a lead's activities and index entries as they were written for old.
func unindex(tx *bolt.Tx, old *domain.Lead, c *counts) error {
	if err := tx.Bucket(bucketQueue).Delete(queueKey(old)); err != nil {
		return err
	}
	c[groupOf(old)]--
	if old.Email != "" {
		if err := tx.Bucket(bucketEmail).Delete(emailKey(old.Email, old.ID)); err != nil {
			return err
		}
	}
	if old.InQueue() {
		due := tx.Bucket(bucketDue)
		for n, d := range old.DueItems() {
			if err := due.Delete(dueKey(d.At, old.ID, n)); err != nil {
				return err
			}
		}
	}
	return tx.Bucket(bucketActivities).Delete(itob(old.ID))
}

// get reads a lead with its activities in time order.
func get(tx *bolt.Tx, id uint64) (*domain.Lead, error) {
	idKey := itob(id)
	data := tx.Bucket(bucketLeads).Get(idKey)
	if data == nil {
		return nil, fmt.Errorf("lead %d: %w", id, ErrNotFound)
	}
	l := new(domain.Lead)
	if err := json.Unmarshal(data, l); err != nil {
		return nil, fmt.Errorf("lead %d is damaged: %w", id, err)
	}
	if acts := tx.Bucket(bucketActivities).Get(idKey); acts != nil {
		if err := json.Unmarshal(acts, &l.Activities); err != nil {
			return nil, fmt.Errorf("the history of lead %d is damaged: %w", id, err)
		}
	}
	return l, nil
}

// prepare fills what a new lead needs before its first write.
func (s *Store) prepare(l *domain.Lead, now time.Time) {
	if l.Created.IsZero() {
		l.Created = now
	}
	if l.Updated.IsZero() {
		l.Updated = l.Created
	}
	sortActivities(l.Activities)
	l.Score = domain.Score(l, s.model, now)
}

func sortActivities(a []domain.Activity) {
	sort.SliceStable(a, func(i, j int) bool { return a[i].At.Before(a[j].At) })
}

// Add stores a new lead and returns its id.
func (s *Store) Add(l *domain.Lead) (uint64, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	now := s.now()
	err := s.update(func(tx *bolt.Tx) error {
		id, err := tx.Bucket(bucketLeads).NextSequence()
		if err != nil {
			return err
		}
		l.ID = id
		s.prepare(l, now)
		c := readCounts(tx)
		if err := put(tx, l, nil, &c); err != nil {
			return err
		}
		return writeCounts(tx, c)
	})
	if err != nil {
		l.ID = 0
		return 0, fmt.Errorf("saving the new lead failed: %w", err)
	}
	s.gen.Add(1)
	return l.ID, nil
}

// BulkBatch is how many leads one bulk transaction writes.
const BulkBatch = 5000

// rescoreBatch is smaller: a re-score may run while the rep saves, and a
// save waits for the transaction under way.
const rescoreBatch = 1000

// markRescored notes when every score was last brought up to date.
func markRescored(tx *bolt.Tx, now time.Time) error {
	b, err := now.UTC().MarshalText()
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyRescoredAt, b)
}

// AddBulk stores n new leads from next in transactions of BulkBatch
// leads. While one goroutine writes, another makes, scores and encodes the
// next leads, so seeding uses both cores. On an error the leads of the
// failed batch are not stored; earlier batches are. It returns how many
// leads were stored.
func (s *Store) AddBulk(next func() *domain.Lead, n int) (int, error) {
	// A bulk load makes much short-lived garbage and little that lives;
	// collecting less often saves a tenth of its time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	s.writeMu.Lock() // ids are handed out ahead of the transactions
	defer s.writeMu.Unlock()
	now := s.now()
	var first uint64
	if err := s.view(func(tx *bolt.Tx) error {
		first = tx.Bucket(bucketLeads).Sequence() + 1
		return nil
	}); err != nil {
		return 0, err
	}
	type item struct {
		e   encoded
		err error
	}
	items := make(chan item, 1024)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(items)
		for i := 0; i < n; i++ {
			l := next()
			l.ID = first + uint64(i)
			s.prepare(l, now)
			e, err := encode(l)
			select {
			case items <- item{e, err}:
			case <-stop:
				return
			}
		}
	}()
	done := 0
	for done < n {
		batch := min(BulkBatch, n-done)
		err := s.update(func(tx *bolt.Tx) error {
			leads := tx.Bucket(bucketLeads)
			leads.FillPercent = 0.9 // ids only grow: pack pages full
			tx.Bucket(bucketActivities).FillPercent = 0.9
			c := readCounts(tx)
			for i := 0; i < batch; i++ {
				it := <-items
				if it.err != nil {
					return it.err
				}
				if err := it.e.write(tx, &c); err != nil {
					return err
				}
			}
			if err := leads.SetSequence(first + uint64(done+batch) - 1); err != nil {
				return err
			}
			return writeCounts(tx, c)
		})
		if err != nil {
			return done, fmt.Errorf("saving leads %d–%d failed: %w", done+1, done+batch, err)
		}
		done += batch
		s.gen.Add(1)
	}
	return done, nil
}

// Get reads one lead with its whole history.
func (s *Store) Get(id uint64) (*domain.Lead, error) {
	var l *domain.Lead
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		l, err = get(tx, id)
		return err
	})
	return l, err
}

// Update applies fn to the lead and writes the result, its new score and
// every index entry in one transaction. If fn fails nothing is written.
func (s *Store) Update(id uint64, fn func(l *domain.Lead) error) (*domain.Lead, error) {
	now := s.now()
	var out *domain.Lead
	err := s.update(func(tx *bolt.Tx) error {
		old, err := get(tx, id)
		if err != nil {
			return err
		}
		l, err := get(tx, id) // a second copy for fn to change
		if err != nil {
			return err
		}
		if err := fn(l); err != nil {
			return err
		}
		l.ID = id
		l.Updated = now
		sortActivities(l.Activities)
		l.Score = domain.Score(l, s.model, now)
		c := readCounts(tx)
		if err := put(tx, l, old, &c); err != nil {
			return err
		}
		out = l
		return writeCounts(tx, c)
	})
	if err != nil {
		return nil, err
	}
	s.gen.Add(1)
	return out, nil
}

// FindByEmail lists the ids of leads with this email, in any case.
func (s *Store) FindByEmail(email string) ([]uint64, error) {
	prefix := emailKey(email, 0)
	prefix = prefix[:len(prefix)-8]
	var ids []uint64
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketEmail).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			if len(k) == len(prefix)+8 {
				ids = append(ids, binary.BigEndian.Uint64(k[len(prefix):]))
			}
		}
		return nil
	})
	return ids, err
}

// Count is the number of leads per queue group.
type Count struct {
	Hot, Warm, Cold, Out int
}

// All is every lead.
func (c Count) All() int { return c.Hot + c.Warm + c.Cold + c.Out }

// Counts reads the tab counts without a scan.
func (s *Store) Counts() (Count, error) {
	var c counts
	err := s.view(func(tx *bolt.Tx) error {
		c = readCounts(tx)
		return nil
	})
	return Count{Hot: int(c[GroupHot]), Warm: int(c[GroupWarm]), Cold: int(c[GroupCold]), Out: int(c[GroupOut])}, err
}

// rescoreIfRulesChanged re-scores every lead when the scoring model differs
// from the one the stored scores were computed with.
func (s *Store) rescoreIfRulesChanged() error {
	hash, err := modelHash(s.model)
	if err != nil {
		return err
	}
	var stored string
	if err := s.view(func(tx *bolt.Tx) error {
		stored = string(tx.Bucket(bucketMeta).Get(keyRulesHash))
		return nil
	}); err != nil {
		return err
	}
	if stored == hash {
		return nil
	}
	n, err := s.Rescore()
	if err != nil {
		return fmt.Errorf("re-scoring after the scoring rules changed failed: %w", err)
	}
	s.Rescored = n
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyRulesHash, []byte(hash))
	})
}

// RescoreIfStale re-scores every lead when the last full re-score is older
// than maxAge, so engagement decays on leads nobody touches too. It returns
// how many leads changed. Its transactions are short, so it can run while
// the rep works.
func (s *Store) RescoreIfStale(maxAge time.Duration) (int, error) {
	var last time.Time
	if err := s.view(func(tx *bolt.Tx) error {
		return last.UnmarshalText(tx.Bucket(bucketMeta).Get(keyRescoredAt))
	}); err != nil {
		last = time.Time{} // never re-scored, or unreadable: re-score
	}
	if !last.IsZero() && s.now().Sub(last) < maxAge {
		return 0, nil
	}
	return s.Rescore()
}

// Rescore re-computes every lead's score under the current model, in
// transactions of rescoreBatch leads, and returns how many changed.
func (s *Store) Rescore() (int, error) {
	now := s.now()
	changed := 0
	var after []byte
	for {
		done := false
		err := s.update(func(tx *bolt.Tx) error {
			cur := tx.Bucket(bucketLeads).Cursor()
			k, _ := cur.First()
			if after != nil {
				k, _ = cur.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, _ = cur.Next()
				}
			}
			var ids []uint64
			for ; k != nil && len(ids) < rescoreBatch; k, _ = cur.Next() {
				ids = append(ids, binary.BigEndian.Uint64(k))
			}
			if len(ids) == 0 {
				done = true
				return nil
			}
			after = itob(ids[len(ids)-1])
			c := readCounts(tx)
			for _, id := range ids {
				old, err := get(tx, id)
				if err != nil {
					return err
				}
				l := *old
				l.Score = domain.Score(&l, s.model, now)
				if l.Score.Total == old.Score.Total && l.Score.Tier == old.Score.Tier && rulesEqual(l.Score.Rules, old.Score.Rules) {
					continue
				}
				if err := put(tx, &l, old, &c); err != nil {
					return err
				}
				changed++
			}
			return writeCounts(tx, c)
		})
		if err != nil {
			return changed, err
		}
		if done {
			break
		}
	}
	if err := s.update(func(tx *bolt.Tx) error { return markRescored(tx, now) }); err != nil {
		return changed, err
	}
	s.gen.Add(1)
	return changed, nil
}

func rulesEqual(a, b []domain.FiredRule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// modelHash identifies a scoring model, so a change of rules is noticed.
func modelHash(m domain.ScoringModel) (string, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
