package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Schema is the file's schema version: SchemaVersion, or older for a file
// opened with NoMigrate.
func (s *Store) Schema() int { return s.schema }

// Check walks the whole file — bbolt's pages, then leadq's own data (see
// Verify) — and reports damage as an error. It changes nothing.
func (s *Store) Check() error {
	problems, more, err := s.CheckAll()
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		msgs := make([]error, 0, len(problems))
		for _, p := range problems[:min(10, len(problems))] {
			msgs = append(msgs, errors.New(p.String()))
		}
		if n := len(problems) + more - len(msgs); n > 0 {
			msgs = append(msgs, fmt.Errorf("and %d more", n))
		}
		return fmt.Errorf("the database %s %w: %w", s.path, ErrDamaged, errors.Join(msgs...))
	}
	return nil
}

// CheckAll is Check's findings one by one: bbolt's page damage first, then
// what Verify finds.
func (s *Store) CheckAll() ([]Problem, int, error) {
	var pages []Problem
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() { // drain: Check's goroutine sends until done
			if len(pages) < maxProblems {
				pages = append(pages, Problem{What: "bbolt: " + err.Error()})
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if len(pages) > 0 {
		return pages, 0, nil // with broken pages, the data cannot be walked safely
	}
	return s.Verify()
}

// checkRecords decodes every lead, in the file's own schema.
func (s *Store) checkRecords(tx *bolt.Tx) []error {
	var errs []error
	leads := tx.Bucket(bucketLeads)
	if leads == nil {
		return []error{errors.New("it has no leads")}
	}
	acts := tx.Bucket(bucketV1Activities)
	cur := leads.Cursor()
	for k, v := cur.First(); k != nil && len(errs) < 10; k, v = cur.Next() {
		if len(k) != 8 {
			errs = append(errs, fmt.Errorf("a lead key of %d bytes", len(k)))
			continue
		}
		id := binary.BigEndian.Uint64(k)
		var err error
		if s.schema < SchemaVersion {
			var a []byte
			if acts != nil {
				a = acts.Get(k)
			}
			_, err = v1ToLead(v, a)
			if err != nil {
				err = fmt.Errorf("lead %d %w", id, err)
			}
		} else {
			_, _, err = s.read(tx, id)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// CountRecords counts the leads by their records, whatever the stored
// counts say.
func (s *Store) CountRecords() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLeads); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}
