package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// This file brings leads in from files: each row is matched to a stored
// lead — by its external id within its system, then email, then phone,
// then name and company for rows that carry none of these — and merged,
// updated, skipped or added as the rep chose. Imports are idempotent: the
// same file imported twice changes nothing the second time.

// ImportPolicy says what an import does with a row that matches a lead.
type ImportPolicy int

const (
	// ImportMerge fills the lead's empty fields from the row and never
	// overwrites what is there; differing values are counted as conflicts.
	ImportMerge  ImportPolicy = iota
	ImportUpdate              // the row's values win
	ImportSkip                // the lead stays as it is
	ImportNew                 // the row becomes a lead of its own all the same
)

var importPolicyNames = [...]string{"merge", "update", "skip", "new"}

func (p ImportPolicy) String() string { return importPolicyNames[p] }

// ParseImportPolicy reads a policy by name.
func ParseImportPolicy(s string) (ImportPolicy, error) {
	for i, n := range importPolicyNames {
		if s == n {
			return ImportPolicy(i), nil
		}
	}
	return 0, domain.Problemf("store.import.bad_policy", "%q is not a way to treat duplicates: use merge, update, skip or new", s)
}

// ImportRow is one lead from a file, mapped; its Notes are enrichment notes
// and its ExternalIDs carry the file's system.
type ImportRow struct {
	Line int
	Lead *domain.Lead
}

// ImportOptions tune Import.
type ImportOptions struct {
	File     string // named in each lead's imported event
	System   string // the system the rows' external ids belong to
	Policy   ImportPolicy
	Progress func(read int)
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Merged, Unchanged, Skipped int
	Conflicts                           int // fields a merge left as they were because the lead had another value
	Erased                              int // rows of persons erased at their request, left out
}

// Import stores the rows of seq by the policy, in transactions of
// BulkBatch rows: an interrupted import leaves whole transactions, and
// running it again completes it without duplicates.
func (s *Store) Import(seq iter.Seq[ImportRow], opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	now := s.now()
	opt.System = strings.ToLower(strings.TrimSpace(opt.System))
	refuse, err := s.erasedFilter()
	if err != nil {
		return res, err
	}
	var erased *ErasedRowsError
	leads := func(yield func(*domain.Lead) bool) {
		for row := range seq {
			l := row.Lead
			if e := refuseRow(refuse, l); e != nil {
				if erased == nil {
					erased = &ErasedRowsError{FirstLine: row.Line, First: e}
				}
				erased.Rows++
				continue
			}
			x := ""
			if opt.System != "" {
				x = l.ExternalIDs[opt.System]
			}
			src := &domain.ImportSource{File: opt.File, System: opt.System, ExternalID: x, Line: row.Line}
			// The mapping may have begun the imported event; this is where
			// it learns its file and line.
			found := false
			for i := range l.History {
				if e := &l.History[i]; e.Kind == domain.EventImported {
					e.At, e.By, e.Import, found = now, s.by, src, true
				}
			}
			if !found {
				l.History = append(l.History, domain.Event{Kind: domain.EventImported, At: now, By: s.by, Import: src})
			}
			if l.Created.IsZero() {
				l.Created = now
			}
			if !yield(l) {
				return
			}
		}
	}
	bulk, err := s.AddBulk(leads, BulkOptions{
		Normalise: true,
		Progress:  opt.Progress,
		Match: func(tx *bolt.Tx, l *domain.Lead, rowID uint64) (uint64, string, error) {
			return s.matchExisting(tx, l, rowID, opt.System)
		},
		OnDuplicate: func(in, existing *domain.Lead, d Duplicate) (DupAction, error) {
			switch opt.Policy {
			case ImportSkip:
				return DupSkip, nil
			case ImportNew:
				return DupNew, nil
			}
			changes, conflicts := mergeLead(existing, in, opt.Policy == ImportUpdate)
			res.Conflicts += conflicts
			if len(changes) == 0 {
				res.Unchanged++
				return DupSkip, nil
			}
			var imp *domain.ImportSource
			for _, e := range in.History {
				if e.Kind == domain.EventImported {
					imp = e.Import
				}
			}
			existing.History = append(existing.History, domain.Event{Kind: domain.EventMerged, At: now, By: s.by, Import: imp, Changes: changes})
			return DupMerge, nil
		},
	})
	res.Created, res.Merged = bulk.Added, bulk.Merged
	res.Skipped = bulk.Skipped - res.Unchanged
	if erased != nil {
		res.Erased = erased.Rows
		if err == nil {
			err = erased
		}
	}
	return res, err
}

// mergeLead brings what in knows into l: fields l has empty (all fields
// in the row with update), custom fields, external ids and notes l does
// not have. It returns the changes made and how many fields differed but
// were kept.
func mergeLead(l, in *domain.Lead, update bool) (changes []domain.FieldChange, conflicts int) {
	before := *l
	for _, f := range append(domain.ContactFieldNames(), customFields(in)...) {
		nv, _ := domain.ContactField(in, f)
		ov, _ := domain.ContactField(l, f)
		switch {
		case nv == "" || nv == ov:
		case ov == "" || update:
			if err := domain.SetContactField(l, f, nv); err == nil {
				changes = append(changes, domain.FieldChange{Field: f, Old: ov, New: nv})
			}
		default:
			conflicts++
		}
	}
	for system, x := range in.ExternalIDs {
		if old := l.ExternalIDs[system]; old != x && (old == "" || update) {
			if l.ExternalIDs == nil || sameMap(l.ExternalIDs, before.ExternalIDs) {
				l.ExternalIDs = cloneMap(l.ExternalIDs)
			}
			l.ExternalIDs[system] = x
			changes = append(changes, domain.FieldChange{Field: "external_id." + system, Old: old, New: x})
		}
	}
	all := strings.TrimSpace(l.NotesText())
	for _, n := range in.Notes {
		// A row of leadq's own export carries all the lead's notes in one
		// cell: they are there already.
		if text := strings.TrimSpace(n.Text); text != "" && text == all {
			continue
		}
		if !hasNote(l.Notes, n) {
			l.Notes = append(l.Notes, n)
			changes = append(changes, domain.FieldChange{Field: "note", New: n.Text})
		}
	}
	return changes, conflicts
}

func customFields(l *domain.Lead) []string {
	out := make([]string, 0, len(l.Custom))
	for k := range l.Custom {
		out = append(out, "custom."+k)
	}
	return out
}

func sameMap(a, b map[string]string) bool {
	return len(a) == len(b) && fmt.Sprint(a) == fmt.Sprint(b)
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// hasNote reports whether a note of the same kind and text is there: an
// imported note that is already there is not added again.
func hasNote(notes []domain.Note, n domain.Note) bool {
	for _, o := range notes {
		if o.Kind == n.Kind && strings.TrimSpace(o.Text) == strings.TrimSpace(n.Text) {
			return true
		}
	}
	return false
}

// matchExisting finds the stored lead a row is: by an external id of the
// system, then by email, then by phone, then by name and company when the
// row carries none of these. by says which matched.
func (s *Store) matchExisting(tx *bolt.Tx, l *domain.Lead, rowID uint64, system string) (uint64, string, error) {
	// A row of leadq's own export names its lead by id: that lead, when it
	// is the same person (an export of another database may give the id
	// to someone else).
	if rowID != 0 {
		if other, _, err := s.read(tx, rowID); err == nil && samePerson(other, l) {
			return rowID, "id", nil
		} else if err != nil && !errors.Is(err, ErrNotFound) {
			return 0, "", err
		}
	}
	if system != "" {
		if x := l.ExternalIDs[system]; x != "" {
			id, err := s.lookupDup(tx, dupExternal, externalKey(system, x), func(o *domain.Lead) bool { return o.ExternalIDs[system] == x })
			if err != nil || id != 0 {
				return id, "external id", err
			}
		}
	}
	dups, err := s.findDuplicates(tx, l)
	if err != nil || len(dups) > 0 {
		if len(dups) > 0 {
			return dups[0].ID, dups[0].By, err
		}
		return 0, "", err
	}
	emails, phones := s.dupValues(l)
	if len(emails) > 0 || len(phones) > 0 || len(l.ExternalIDs) > 0 {
		return 0, "", nil
	}
	id, err := s.matchNameCompany(tx, l)
	return id, "name and company", err
}

// samePerson says whether a row that names a stored lead by id is that
// lead: the same name, or (a row without one) the same email.
func samePerson(stored, row *domain.Lead) bool {
	if name := foldedPhrase(row.DisplayName()); name != "" {
		return name == foldedPhrase(stored.DisplayName())
	}
	return row.Email != "" && strings.EqualFold(strings.TrimSpace(row.Email), strings.TrimSpace(stored.Email))
}

// lookupDup finds the first lead under a duplicate key that really has
// the value (the key is a hash).
func (s *Store) lookupDup(tx *bolt.Tx, kind byte, value string, has func(*domain.Lead) bool) (uint64, error) {
	for _, id := range s.dupIDs(tx, s.dupHash(kind, value)) {
		other, _, err := s.read(tx, id)
		if err != nil {
			return 0, err
		}
		if has(other) {
			return id, nil
		}
	}
	return 0, nil
}

// nameCompanyMax bounds how many leads one word of a name or company may
// match for it to narrow a name-and-company match.
const nameCompanyMax = 20_000

// matchNameCompany finds a lead with the same folded name and company,
// through the word index: the leads that have every word of both.
func (s *Store) matchNameCompany(tx *bolt.Tx, l *domain.Lead) (uint64, error) {
	name, company := foldedPhrase(l.DisplayName()), foldedPhrase(l.Company.Name)
	if name == "" || company == "" {
		return 0, nil
	}
	words := tx.Bucket(bucketWords)
	maxID := tx.Bucket(bucketLeads).Sequence()
	var cand *idSet
	for _, w := range strings.Fields(name + " " + company) {
		set, ok, err := exactWordSet(words, s.wordKey(w), nameCompanyMax, maxID)
		if bb := s.bulkOf(tx); bb != nil && ok {
			for _, id := range bb.words[w] {
				set.add(id)
			}
		}
		if err != nil {
			return 0, err
		}
		if !ok {
			continue // too common to narrow anything
		}
		if cand == nil {
			cand = set
		} else {
			cand.and(set)
		}
		if cand.n == 0 {
			return 0, nil
		}
	}
	if cand == nil {
		return 0, nil
	}
	for _, id := range cand.ids() {
		other, _, err := s.read(tx, id)
		if err != nil {
			return 0, err
		}
		if foldedPhrase(other.DisplayName()) == name && foldedPhrase(other.Company.Name) == company {
			return id, nil
		}
	}
	return 0, nil
}

func foldedPhrase(s string) string { return strings.Join(domain.Words(nil, s), " ") }

// exactWordSet is matchSet for one whole word.
func exactWordSet(b *bolt.Bucket, word string, max int, maxID uint64) (*idSet, bool, error) {
	set := newIDSet(maxID)
	prefix := append([]byte(word), 0)
	cur := b.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		var err error
		var ids []uint64
		if ids, err = decodePosting(postingFirst(k), v, nil); err != nil {
			return nil, false, err
		}
		for _, id := range ids {
			set.add(id)
		}
		if set.n > max {
			return nil, false, nil
		}
	}
	return set, true, nil
}

// LeadRef names a lead in an activity file: by id, by an external id of a
// system, or by email.
type LeadRef struct {
	ID         uint64
	System     string
	ExternalID string
	Email      string
}

// TouchRow is one activity from a file.
type TouchRow struct {
	Line  int
	Ref   LeadRef
	At    time.Time
	Touch domain.Touch
	// Err is why the row cannot be read; such rows are counted and passed
	// to Rejected.
	Err error
	// Cells are the row as the file had it, for a rejects file.
	Cells []string
}

// TouchResult counts what AddTouches did.
type TouchResult struct {
	Added, Unchanged int
	Rejected         []TouchRow // rows naming no lead leadq has, with Err set
}

// ErrNoSuchLead is a row's lead that is not in the database.
var ErrNoSuchLead = domain.Problemf("store.import.no_such_lead", "names no lead in the database")

// AddTouches adds activities from a file to existing leads, so engagement
// from a marketing tool scores; an activity already there (same kind, time
// and note) is not added again. Leads are re-scored as they change.
func (s *Store) AddTouches(seq iter.Seq[TouchRow], progress func(read int)) (TouchResult, error) {
	var res TouchResult
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	next, stop := iter.Pull(seq)
	defer stop()
	read := 0
	for done := false; !done; {
		err := s.update(func(tx *bolt.Tx) error {
			c, err := readCounts(tx)
			if err != nil {
				return err
			}
			now := s.now()
			for n := 0; n < BulkBatch; n++ {
				row, ok := next()
				if !ok {
					done = true
					break
				}
				read++
				if row.Err != nil {
					res.Rejected = append(res.Rejected, row)
					continue
				}
				id, err := s.resolveRef(tx, row.Ref)
				if err != nil {
					return err
				}
				if id == 0 {
					row.Err = ErrNoSuchLead
					res.Rejected = append(res.Rejected, row)
					continue
				}
				added, err := s.addTouch(tx, id, row, now, &c)
				if err != nil {
					return domain.Problemf("store.import.line", "line %d: %v", row.Line, err)
				}
				if added {
					res.Added++
				} else {
					res.Unchanged++
				}
			}
			return writeCounts(tx, c)
		})
		if err != nil {
			return res, err
		}
		s.gen.Add(1)
		if progress != nil {
			progress(read)
		}
	}
	return res, nil
}

func (s *Store) resolveRef(tx *bolt.Tx, r LeadRef) (uint64, error) {
	switch {
	case r.ID != 0:
		if tx.Bucket(bucketLeads).Get(itob(r.ID)) == nil {
			return 0, nil
		}
		return r.ID, nil
	case r.ExternalID != "":
		return s.lookupDup(tx, dupExternal, externalKey(r.System, r.ExternalID), func(o *domain.Lead) bool {
			return o.ExternalIDs[strings.ToLower(r.System)] == r.ExternalID || o.ExternalIDs[r.System] == r.ExternalID
		})
	case r.Email != "":
		e := strings.ToLower(strings.TrimSpace(r.Email))
		return s.lookupDup(tx, dupEmail, e, func(o *domain.Lead) bool { return strings.EqualFold(strings.TrimSpace(o.Email), e) })
	}
	return 0, nil
}

// addTouch adds one touch to a lead unless it is there already.
func (s *Store) addTouch(tx *bolt.Tx, id uint64, row TouchRow, now time.Time, c *counts) (bool, error) {
	l, sc, err := s.read(tx, id)
	if err != nil {
		return false, err
	}
	at := row.At.Truncate(time.Second)
	for _, e := range l.History {
		if t := e.Touch; t != nil && t.Kind == row.Touch.Kind && e.At.Equal(at) && strings.TrimSpace(t.Note) == strings.TrimSpace(row.Touch.Note) {
			return false, nil
		}
	}
	old, err := s.entriesOf(l, sc)
	if err != nil {
		return false, err
	}
	t := row.Touch
	l.History = append(l.History, domain.Event{Kind: domain.EventTouch, At: at, Touch: &t})
	l.Updated = now
	s.stamp(l, now)
	e, err := s.encode(l)
	if err != nil {
		return false, err
	}
	return true, s.write(tx, e, &old, c, nil)
}

// ForEachLead calls fn with every lead of tab in queue order, with its
// record and stored score but not its history, reading in batches so a
// million leads never sit in memory together; the next batch is read and
// decoded while fn works on this one. With stage set, only leads at that
// stage.
func (s *Store) ForEachLead(tab Tab, stage *domain.Stage, fn func(l *domain.Lead) error) error {
	type batch struct {
		leads []*domain.Lead
		err   error
	}
	const size = 2000
	batches := make(chan batch, 2)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		var after []byte
		for {
			rows, err := s.QueueAfter(tab, after, size)
			var leads []*domain.Lead
			if err == nil {
				ids := make([]uint64, 0, len(rows))
				for _, r := range rows {
					if stage == nil || r.Stage == *stage {
						ids = append(ids, r.ID)
					}
				}
				leads, err = s.Records(ids)
			}
			select {
			case batches <- batch{leads, err}:
			case <-stop:
				return
			}
			if err != nil || len(rows) < size {
				return
			}
			after = rows[len(rows)-1].Key
		}
	}()
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		for _, l := range b.leads {
			if err := fn(l); err != nil {
				return err
			}
		}
	}
	return nil
}

// CustomKeys lists every custom field key in use, sorted, for an export's
// header.
func (s *Store) CustomKeys() ([]string, error) {
	seen := map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketLeads).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			var r struct {
				Custom map[string]string `cbor:"25,keyasint,omitempty"`
			}
			v, err := s.openValue(bucketLeads, k, v)
			if err == nil {
				err = decodeValue(tagLead, v, &r)
			}
			if err != nil {
				return fmt.Errorf("the record of lead %d %w", binary.BigEndian.Uint64(k), err)
			}
			for key := range r.Custom {
				seen[key] = true
			}
		}
		return nil
	})
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, err
}

// PreviewImport counts what Import would do with the rows, writing
// nothing: the rows are matched against the stored leads and against the
// rows before them in the same file.
func (s *Store) PreviewImport(seq iter.Seq[ImportRow], opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	opt.System = strings.ToLower(strings.TrimSpace(opt.System))
	seen := map[string]bool{} // emails, phones and external ids of the rows so far
	refuse, err := s.erasedFilter()
	if err != nil {
		return res, err
	}
	keysOf := func(l *domain.Lead) []string {
		emails, phones := s.dupValues(l)
		keys := append(append([]string(nil), emails...), phones...)
		if x := l.ExternalIDs[opt.System]; x != "" && opt.System != "" {
			keys = append(keys, "x"+x)
		}
		return keys
	}
	err = s.view(func(tx *bolt.Tx) error {
		for row := range seq {
			l := row.Lead
			if err := Normalise(l); err != nil {
				return domain.Problemf("store.import.line", "line %d: %v", row.Line, err)
			}
			if refuseRow(refuse, l) != nil {
				res.Erased++ // as Import leaves them out
				continue
			}
			s.readPhones(l, nil)
			rowID := l.ID
			l.ID = 0 // as Import does: the row's id is only a hint of whom it names
			keys := keysOf(l)
			repeated := false
			for _, k := range keys {
				repeated = repeated || seen[k]
				seen[k] = true
			}
			id, _, err := s.matchExisting(tx, l, rowID, opt.System)
			if err != nil {
				return err
			}
			switch {
			case id == 0 && repeated && opt.Policy != ImportNew:
				res.Merged++ // a row like one before it in the file
			case id == 0 || opt.Policy == ImportNew:
				res.Created++
			case opt.Policy == ImportSkip:
				res.Skipped++
			default:
				existing, _, err := s.read(tx, id)
				if err != nil {
					return err
				}
				changes, conflicts := mergeLead(existing, l, opt.Policy == ImportUpdate)
				res.Conflicts += conflicts
				if len(changes) == 0 {
					res.Unchanged++
				} else {
					res.Merged++
				}
			}
		}
		return nil
	})
	return res, err
}
