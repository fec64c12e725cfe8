package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"iter"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Normalise brings a new lead's fields into the form leadq keeps: text
// trimmed, the email's domain in lower case, the country as its ISO code,
// custom keys as domain.CustomKey makes them, the display name from first
// and last name when there is none. A country leadq cannot read is an error.
func Normalise(l *domain.Lead) error {
	for _, p := range []*string{&l.Salutation, &l.FirstName, &l.LastName, &l.Name, &l.Title, &l.Phone, &l.Mobile,
		&l.Company.Name, &l.Company.Website, &l.Company.Industry, &l.Company.Street, &l.Company.PostalCode,
		&l.Company.City, &l.Source, &l.Owner} {
		*p = strings.TrimSpace(*p)
	}
	l.Email = domain.NormaliseEmail(l.Email)
	country, err := domain.NormaliseCountry(l.Company.Country)
	if err != nil {
		return domain.FieldError{Field: "country", Msg: err.Error()}
	}
	l.Company.Country = country
	if l.Name == "" {
		l.Name = strings.TrimSpace(l.FirstName + " " + l.LastName)
	}
	if len(l.Custom) > 0 {
		custom := make(map[string]string, len(l.Custom))
		for k, v := range l.Custom {
			if key := domain.CustomKey(k); key != "" {
				custom[key] = v
			}
		}
		l.Custom = custom
	}
	return nil
}

// Duplicate is an existing lead that a new one matches.
type Duplicate struct {
	ID  uint64
	By  string // "email" or "phone"
	Key string // the email or phone (E.164) they share
}

// findDuplicates lists the leads that share l's email (in any case) or a
// phone number (as E.164), each lead once, email matches first.
func (s *Store) findDuplicates(tx *bolt.Tx, l *domain.Lead) ([]Duplicate, error) {
	emails, phones := s.dupValues(l)
	var out []Duplicate
	seen := map[uint64]bool{}
	look := func(kind byte, by, value string) error {
		prefix := s.dupHash(kind, value)
		for _, id := range s.dupIDs(tx, prefix) {
			if seen[id] || id == l.ID {
				continue
			}
			// The key is a hash: make sure the lead really shares the value.
			other, _, err := s.read(tx, id)
			if err != nil {
				return err
			}
			oe, op := s.dupValues(other)
			if (kind == dupEmail && contains(oe, value)) || (kind == dupPhone && contains(op, value)) {
				seen[id] = true
				out = append(out, Duplicate{ID: id, By: by, Key: value})
			}
		}
		return nil
	}
	for _, e := range emails {
		if err := look(dupEmail, "email", e); err != nil {
			return nil, err
		}
	}
	for _, p := range phones {
		if err := look(dupPhone, "phone", p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// dupIDs lists the leads under a duplicate key's kind and hash, in the
// index and in a bulk write's buffer.
func (s *Store) dupIDs(tx *bolt.Tx, prefix []byte) []uint64 {
	var ids []uint64
	cur := tx.Bucket(bucketDups).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		if len(k) == len(prefix)+8 {
			ids = append(ids, binary.BigEndian.Uint64(k[len(prefix):]))
		}
	}
	if bb := s.bulkOf(tx); bb != nil {
		ids = append(ids, bb.dups[string(prefix)]...)
	}
	return ids
}

// FindDuplicates lists the stored leads that share l's email or a phone
// number.
func (s *Store) FindDuplicates(l *domain.Lead) ([]Duplicate, error) {
	var out []Duplicate
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = s.findDuplicates(tx, l)
		return err
	})
	return out, err
}

// ValidationError is a new lead the forms would refuse: the first field
// that is wrong, and all of them.
type ValidationError struct {
	Fields []domain.FieldError
}

func (e *ValidationError) Error() string { return e.Fields[0].Error() }

// AddLead is the one way a single new lead is stored, by leadq add and the
// queue's a alike: it normalises the lead, refuses what the forms refuse,
// looks for duplicates by email and phone and stores the lead all the same
// (the caller warns about the duplicates it returns), with a "created"
// event, all in one transaction.
func (s *Store) AddLead(l *domain.Lead) (uint64, []Duplicate, error) {
	if err := Normalise(l); err != nil {
		return 0, nil, &ValidationError{Fields: []domain.FieldError{err.(domain.FieldError)}}
	}
	if errs := l.Validate(); len(errs) > 0 {
		return 0, nil, &ValidationError{Fields: errs}
	}
	if err := domain.CheckNewText(l, nil); err != nil {
		return 0, nil, &ValidationError{Fields: []domain.FieldError{err.(domain.FieldError)}}
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	now := s.now()
	var dups []Duplicate
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if err := s.refuseErased(tx, l); err != nil {
			return err
		}
		if dups, err = s.findDuplicates(tx, l); err != nil {
			return err
		}
		id, err := tx.Bucket(bucketLeads).NextSequence()
		if err != nil {
			return err
		}
		l.ID = id
		s.prepare(l, now)
		e, err := s.encode(l)
		if err != nil {
			return err
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		if err := s.write(tx, e, nil, &c, nil); err != nil {
			return err
		}
		if err := writeCounts(tx, c); err != nil {
			return err
		}
		stored, _, err := s.read(tx, id)
		if err == nil {
			*l = *stored
		}
		return err
	})
	if err != nil {
		l.ID = 0
		return 0, nil, fmt.Errorf("saving the new lead failed: %w", err)
	}
	s.gen.Add(1)
	s.explain(l)
	return l.ID, dups, nil
}

// prepare fills what a new lead needs before its first write: times, a
// "created" event unless it says how it came in, event ids and its score.
func (s *Store) prepare(l *domain.Lead, now time.Time) {
	s.readPhones(l, nil)
	if l.Created.IsZero() {
		l.Created = now
	}
	if l.Updated.IsZero() {
		l.Updated = l.Created
	}
	origin := false
	for _, e := range l.History {
		if e.Kind == domain.EventCreated || e.Kind == domain.EventImported {
			origin = true
			break
		}
	}
	if !origin {
		l.History = append([]domain.Event{{Kind: domain.EventCreated, At: l.Created, By: l.Owner}}, l.History...)
		if s.by != "" {
			l.History[0].By = s.by
		}
	}
	s.stamp(l, now)
}

// BulkBatch is how many leads one bulk transaction writes.
const BulkBatch = 50_000

// DupAction is what AddBulk does with a lead that matches an existing one.
type DupAction int

const (
	DupNew   DupAction = iota // store it as a new lead all the same
	DupSkip                   // leave it out
	DupMerge                  // the callback changed the existing lead; write that
)

// BulkOptions tune AddBulk.
type BulkOptions struct {
	// OnDuplicate, when set, is asked about every lead that shares an
	// email or phone with a stored lead (or one stored earlier in the
	// same run): existing is that lead, which the callback may change for
	// DupMerge. Without it no duplicates are looked for, as for seeding.
	OnDuplicate func(l *domain.Lead, existing *domain.Lead, d Duplicate) (DupAction, error)
	// Match, when set, finds the stored lead a new one is (0: none) in
	// place of the email and phone match; rowID is the id the lead came
	// with (a leadq export's), 0 when none.
	Match func(tx *bolt.Tx, l *domain.Lead, rowID uint64) (id uint64, by string, err error)
	// Normalise runs Normalise on every lead (imports); generated leads
	// are already in form.
	Normalise bool
	// Progress, when set, hears how many leads were read so far after
	// every transaction.
	Progress func(read int)
}

// BulkResult counts what AddBulk did.
type BulkResult struct {
	Added, Merged, Skipped int
}

// AddBulk stores the leads of seq in transactions of BulkBatch leads.
// While one goroutine writes, another normalises, scores and encodes the
// next leads, so a bulk load uses both cores. On an error the leads of the
// failed transaction are not stored; earlier transactions are.
func (s *Store) AddBulk(seq iter.Seq[*domain.Lead], opt BulkOptions) (BulkResult, error) {
	// A bulk load makes much short-lived garbage and little that lives;
	// collecting less often saves a tenth of its time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	s.writeMu.Lock() // ids are handed out ahead of the transactions
	defer s.writeMu.Unlock()
	now := s.now()
	var next uint64
	if err := s.view(func(tx *bolt.Tx) error {
		next = tx.Bucket(bucketLeads).Sequence() + 1
		return nil
	}); err != nil {
		return BulkResult{}, err
	}
	type item struct {
		l     *domain.Lead
		rowID uint64 // the id it came with
		e     *encoded
		err   error
	}
	// Three stages, so both cores are busy: one goroutine reads seq (the
	// file and its mapping, for an import), one scores and encodes, and
	// this one writes.
	pulled := make(chan item, 1024)
	items := make(chan item, 1024)
	stop := make(chan struct{})
	stopped := make(chan struct{}, 2)
	// Return only once seq is no longer read: the caller may close its source then.
	defer func() { close(stop); <-stopped; <-stopped }()
	go func() {
		defer func() { stopped <- struct{}{} }()
		defer close(pulled)
		for l := range seq {
			it := item{l: l}
			if opt.Normalise {
				it.err = Normalise(l)
			}
			select {
			case pulled <- it:
			case <-stop:
				return
			}
		}
	}()
	go func() {
		defer func() { stopped <- struct{}{} }()
		defer close(items)
		for it := range pulled {
			if it.err == nil {
				it.rowID, it.l.ID = it.l.ID, 0 // ids are given in write order
				s.prepare(it.l, now)
				it.e, it.err = s.encode(it.l)
			}
			select {
			case items <- it:
			case <-stop:
				for range pulled { // let the reader see stop
				}
				return
			}
		}
	}()
	var res BulkResult
	read := 0
	for done := false; !done; {
		var batch BulkResult
		err := s.update(func(tx *bolt.Tx) error {
			leads := tx.Bucket(bucketLeads)
			// Ids only grow, so these pages can be packed full.
			leads.FillPercent = 0.95
			tx.Bucket(bucketHistory).FillPercent = 0.95
			tx.Bucket(bucketScores).FillPercent = 0.95
			// The indexes take a batch's keys all over; pages split at commit
			// are packed fuller than bbolt's half, to keep the file small.
			for _, b := range [][]byte{bucketQueue} {
				tx.Bucket(b).FillPercent = 0.9
			}
			bulk := newBulkBuf()
			s.bulk = bulk
			defer func() { s.bulk = nil }()
			c, err := readCounts(tx)
			if err != nil {
				return err
			}
			// Another leadq may have added leads between our batches.
			id := max(next, leads.Sequence()+1)
			began := time.Now()
			for n := 0; n < BulkBatch; n++ {
				// Another leadq waiting to write (a rep saving a call) gets
				// in between: the batch ends early, as a long reader's does.
				if n%256 == 255 && time.Since(began) > holdShare && s.h.othersWait() {
					break
				}
				it, ok := <-items
				if !ok {
					done = true
					break
				}
				if it.err != nil {
					return it.err
				}
				read++
				if opt.OnDuplicate != nil {
					action, err := s.bulkDuplicate(tx, it.l, it.rowID, opt, &c, bulk)
					if err != nil {
						return err
					}
					switch action {
					case DupSkip:
						batch.Skipped++
						continue
					case DupMerge:
						batch.Merged++
						continue
					}
				}
				it.l.ID = id
				if err := s.setID(it.e, id); err != nil {
					return err
				}
				if err := s.write(tx, it.e, nil, &c, bulk); err != nil {
					return err
				}
				id++
				batch.Added++
			}
			if err := bulk.flush(tx); err != nil {
				return err
			}
			if err := leads.SetSequence(id - 1); err != nil {
				return err
			}
			next = id
			return writeCounts(tx, c)
		})
		if err != nil {
			return res, fmt.Errorf("saving leads %d–%d failed: %w", res.Added+res.Merged+res.Skipped+1, read, err)
		}
		res.Added += batch.Added
		res.Merged += batch.Merged
		res.Skipped += batch.Skipped
		s.gen.Add(1)
		if opt.Progress != nil {
			opt.Progress(read)
		}
	}
	return res, nil
}

// setID moves an encoded lead to its id: the queue key, the due keys and
// the duplicate keys carry it.
func (s *Store) setID(e *encoded, id uint64) error {
	e.id = id
	defer s.sealEncoded(e)
	binary.BigEndian.PutUint64(e.queueKey[5:13], id)
	for _, k := range e.due {
		binary.BigEndian.PutUint64(k[8:16], id)
	}
	for _, k := range e.dups {
		binary.BigEndian.PutUint64(k[len(k)-8:], id)
	}
	return nil
}

// bulkDuplicate asks what to do with a lead that matches a stored one and,
// for a merge, writes the changed existing lead.
func (s *Store) bulkDuplicate(tx *bolt.Tx, l *domain.Lead, rowID uint64, opt BulkOptions, c *counts, bulk *bulkBuf) (DupAction, error) {
	var dup Duplicate
	if opt.Match != nil {
		id, by, err := opt.Match(tx, l, rowID)
		if err != nil || id == 0 {
			return DupNew, err
		}
		dup = Duplicate{ID: id, By: by}
	} else {
		dups, err := s.findDuplicates(tx, l)
		if err != nil || len(dups) == 0 {
			return DupNew, err
		}
		dup = dups[0]
	}
	existing, sc, err := s.read(tx, dup.ID)
	if err != nil {
		return DupNew, err
	}
	// A lead of this very batch has its entries in the buffer, not the
	// indexes yet.
	old, buffered := bulk.leads[dup.ID]
	if !buffered {
		if old, err = s.entriesPtr(existing, sc); err != nil {
			return DupNew, err
		}
	}
	before := domain.Lead{Phone: existing.Phone, Mobile: existing.Mobile, Company: domain.Company{Country: existing.Company.Country}}
	action, err := opt.OnDuplicate(l, existing, dup)
	if err != nil || action != DupMerge {
		return action, err
	}
	now := s.now()
	existing.Updated = now
	s.readPhones(existing, &before)
	s.stamp(existing, now)
	e, err := s.encode(existing)
	if err != nil {
		return DupNew, err
	}
	if buffered {
		bulk.remove(dup.ID)
		c[old.group]--
		if err := putIfChanged(tx.Bucket(bucketLeads), itob(e.id), e.record); err != nil {
			return DupNew, err
		}
		if e.history != nil {
			if err := tx.Bucket(bucketHistory).Put(itob(e.id), e.history); err != nil {
				return DupNew, err
			}
		}
		if err := tx.Bucket(bucketScores).Put(itob(e.id), encodeScore(e.score)); err != nil {
			return DupNew, err
		}
		c[e.group]++
		bulk.add(e.id, &e.entries)
		return DupMerge, nil
	}
	return DupMerge, s.write(tx, e, old, c, nil)
}

func (s *Store) entriesPtr(l *domain.Lead, sc scoreRec) (*entries, error) {
	e, err := s.entriesOf(l, sc)
	return &e, err
}
