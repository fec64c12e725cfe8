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

// Check walks the whole file — bbolt's pages, then every lead's record,
// history and score — and reports damage as an error. It changes nothing.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() { // drain: Check's goroutine sends until done
			if len(errs) < 10 {
				errs = append(errs, err)
			}
		}
		if s.fellBack {
			errs = append(errs, errors.New("its newest meta page is damaged, so the last commit is lost: the file reads as it was one save earlier"))
		}
		if len(errs) == 0 {
			errs = s.checkRecords(tx)
		}
		if len(errs) > 0 {
			return fmt.Errorf("the database %s %w: %w", s.path, ErrDamaged, errors.Join(errs...))
		}
		return nil
	})
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
