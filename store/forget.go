package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Erasing a person for real (DSGVO Art. 17): their leads are left out of
// a copy of the file — record, history, score, queue row, due items,
// duplicate and search entries — which then replaces it. The old file,
// with the person and every freed page, is gone after the swap; an
// interrupted erasure leaves the old file as it was. Every copy leadq made
// (backups, the migration's .v1, .before-restore) is rewritten the same way.

// Forgotten is one erased lead, as the rep is told about it.
type Forgotten struct {
	ID      uint64
	Name    string
	Company string
	Sources []string // import files the lead came in from
}

// ForgetResult says what Forget did.
type ForgetResult struct {
	Leads         []Forgotten
	Before, After int64    // the database's size
	Copies        []string // copies rewritten without the person
	Failed        []error  // copies that could not be rewritten
}

// person is what identifies an erased lead in another copy of the file.
type person struct {
	id      uint64
	created int64
	emails  []string
	phones  []string
	group   Group
	words   []string
}

// Forget erases the leads ids and every index entry of theirs, compacts
// the file, and rewrites the copies at the paths given (those that exist)
// without them. progress, when set, hears of each copy.
func (s *Store) Forget(ids []uint64, copies []string, progress func(done, total int)) (ForgetResult, error) {
	var res ForgetResult
	if s.readOnly {
		return res, ErrReadOnly
	}
	if len(ids) == 0 {
		return res, domain.Problemf("store.forget.none", "no lead to forget")
	}
	var people []person
	var secret []byte
	err := s.view(func(tx *bolt.Tx) error {
		var ok bool
		if secret, ok = s.erasureSecret(tx); !ok {
			var err error
			if secret, err = newErasureSecret(); err != nil {
				return err
			}
		}
		for _, id := range ids {
			l, sc, err := s.read(tx, id)
			if errors.Is(err, ErrNotFound) {
				return domain.Problemf("store.forget.no_lead", "there is no lead %d in %s: nothing was erased", id, s.path)
			}
			if err != nil {
				return err
			}
			p := s.personOf(l, sc)
			people = append(people, p)
			f := Forgotten{ID: id, Name: l.DisplayName(), Company: l.Company.Name}
			for _, e := range l.History {
				if e.Import != nil && e.Import.File != "" && !slices.Contains(f.Sources, e.Import.File) {
					f.Sources = append(f.Sources, e.Import.File)
				}
			}
			res.Leads = append(res.Leads, f)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	marks := erasureMarks(secret, people, s.now())
	res.Before = fileSize(s.path)
	err = s.Swap("", func(old *bolt.DB, dst string) error {
		return eraseInto(old, dst, SchemaVersion, people, s.sealValue(bucketMeta, keyErasureKey, secret), marks)
	})
	if err != nil {
		return res, domain.Problemf("store.forget.failed", "erasing failed: %v (the database is unchanged)", err)
	}
	res.After = fileSize(s.path)
	var todo []string
	for _, c := range copies {
		if fi, err := os.Stat(c); err == nil && fi.Mode().IsRegular() {
			todo = append(todo, c)
		}
	}
	for i, c := range todo {
		if err := s.forgetInCopy(c, people, secret, marks); err != nil {
			res.Failed = append(res.Failed, fmt.Errorf("%s: %w", c, err))
		} else {
			res.Copies = append(res.Copies, c)
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	return res, nil
}

func (s *Store) personOf(l *domain.Lead, sc scoreRec) person {
	emails, phones := s.dupValues(l)
	return person{id: l.ID, created: unix(l.Created), emails: emails, phones: phones, group: sc.group,
		words: s.indexWords(domain.SearchWords(l, s.country))}
}

func erasureMarks(secret []byte, people []person, now time.Time) []erasureMark {
	on := []byte(now.Local().Format("2006-01-02"))
	var marks []erasureMark
	for _, p := range people {
		for _, e := range p.emails {
			marks = append(marks, erasureMark{markKey(secret, dupEmail, e), on})
		}
		for _, ph := range p.phones {
			marks = append(marks, erasureMark{markKey(secret, dupPhone, ph), on})
		}
	}
	return marks
}

// forgetInCopy rewrites another copy of the database without the people:
// there they are the leads of the same id and creation time, and any lead
// that has one of their emails or phone numbers.
func (s *Store) forgetInCopy(path string, people []person, secret []byte, marks []erasureMark) error {
	c, err := Open(path, Options{Scoring: s.model, NoMigrate: true, Timeout: s.h.timeout, DefaultCountry: s.country, Command: "leadq forget", Key: s.Key()})
	if err != nil {
		return err
	}
	defer c.Close()
	var found []person
	err = c.view(func(tx *bolt.Tx) error {
		var err error
		if c.schema < SchemaVersion {
			found, err = c.findV1(tx, people)
		} else {
			found, err = c.find(tx, people)
		}
		return err
	})
	if err != nil {
		return err
	}
	return c.Swap("", func(old *bolt.DB, dst string) error {
		return eraseInto(old, dst, c.schema, found, c.sealValue(bucketMeta, keyErasureKey, secret), marks)
	})
}

// find looks the people up in a schema-2 copy.
func (c *Store) find(tx *bolt.Tx, people []person) ([]person, error) {
	var found []person
	seen := map[uint64]bool{}
	add := func(id uint64, want func(l *domain.Lead) bool) error {
		if seen[id] {
			return nil
		}
		l, sc, err := c.read(tx, id)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if want(l) {
			seen[id] = true
			found = append(found, c.personOf(l, sc))
		}
		return nil
	}
	for _, p := range people {
		if err := add(p.id, func(l *domain.Lead) bool { return unix(l.Created) == p.created }); err != nil {
			return nil, err
		}
		for _, v := range [][2]any{{byte(dupEmail), p.emails}, {byte(dupPhone), p.phones}} {
			kind, values := v[0].(byte), v[1].([]string)
			for _, x := range values {
				for _, id := range c.dupIDs(tx, c.dupHash(kind, x)) {
					if err := add(id, func(l *domain.Lead) bool {
						e, ph := c.dupValues(l)
						return contains(e, x) || contains(ph, x)
					}); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return found, nil
}

// findV1 looks the people up in a schema-1 copy (the migration's .v1).
func (c *Store) findV1(tx *bolt.Tx, people []person) ([]person, error) {
	var found []person
	cur := tx.Bucket(bucketLeads).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if len(k) != 8 {
			continue
		}
		id := binary.BigEndian.Uint64(k)
		lead, err := v1ToLead(v, nil)
		if err != nil {
			continue
		}
		emails, phones := c.personValues(lead)
		for _, p := range people {
			same := p.id == id && unix(lead.Created) == p.created
			for _, e := range emails {
				same = same || contains(p.emails, e)
			}
			for _, ph := range phones {
				same = same || contains(p.phones, ph)
			}
			if same {
				found = append(found, person{id: id})
				break
			}
		}
	}
	return found, nil
}

// eraseInto copies old into a new file dst without the people's records
// and index entries, with their suppression entries, and adjusts the
// counts. The copy holds only live pages, so nothing of them is left.
// secret is the erasure key as the file stores it (sealed in an encrypted one).
func eraseInto(old *bolt.DB, dst string, schema int, people []person, secret []byte, marks []erasureMark) error {
	gone := map[uint64]bool{}
	words := map[string]bool{}
	for _, p := range people {
		gone[p.id] = true
		for _, w := range p.words {
			words[w] = true
		}
	}
	idAt := func(k []byte, from int) bool {
		return len(k) >= from+8 && gone[binary.BigEndian.Uint64(k[from:from+8])]
	}
	edit := func(bucket string, k, v []byte) ([]byte, []byte, bool, error) {
		switch bucket {
		case "leads", "history", "scores", "activities":
			return k, v, !(len(k) == 8 && idAt(k, 0)), nil
		case "queue":
			return k, v, !(len(k) == QueueKeyLen && idAt(k, 5)), nil
		case "due":
			return k, v, !(len(k) >= 16 && idAt(k, 8)), nil
		case "dups", "email":
			return k, v, !idAt(k, len(k)-8), nil
		case "words":
			i := bytes.IndexByte(k, 0)
			if schema < SchemaVersion || i < 0 || len(k) != i+9 || !words[string(k[:i])] {
				return k, v, true, nil
			}
			ids, err := decodePosting(postingFirst(k), v, nil)
			if err != nil {
				return nil, nil, false, err
			}
			ids = slices.DeleteFunc(ids, func(id uint64) bool { return gone[id] })
			if len(ids) == 0 {
				return nil, nil, false, nil
			}
			return postingKey(string(k[:i]), ids[0]), encodePosting(ids), true, nil
		}
		return k, v, true, nil
	}
	out, err := createBolt(dst)
	if err != nil {
		return err
	}
	if err := copyEdited(out, old, edit); err != nil {
		out.Close()
		return err
	}
	crashAt("erased")
	err = out.Update(func(tx *bolt.Tx) error {
		if schema < SchemaVersion {
			return nil // a schema-1 copy: its migration counts anew
		}
		c, err := readCounts(tx)
		if err != nil {
			return err
		}
		for _, p := range people {
			c[p.group] = max(0, c[p.group]-1)
		}
		if err := writeCounts(tx, c); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyErasureKey, secret); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketErased)
		if err != nil {
			return err
		}
		for _, m := range marks {
			if b.Get(m.key) == nil {
				if err := b.Put(m.key, m.on); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		out.Close()
		return err
	}
	return finishBolt(out, dst)
}

// copyEdited is bbolt.Compact with an edit of each top-level bucket's
// keys: edit may change a key and value, or leave it out.
func copyEdited(dst, src *bolt.DB, edit func(bucket string, k, v []byte) ([]byte, []byte, bool, error)) error {
	return src.View(func(stx *bolt.Tx) error {
		tx, err := dst.Begin(true)
		if err != nil {
			return err
		}
		defer func() { tx.Rollback() }()
		var size int64
		err = stx.ForEach(func(name []byte, sb *bolt.Bucket) error {
			db, err := tx.CreateBucket(name)
			if err != nil {
				return err
			}
			db.FillPercent = 1
			if err := db.SetSequence(sb.Sequence()); err != nil {
				return err
			}
			cur := sb.Cursor()
			for k, v := cur.First(); k != nil; k, v = cur.Next() {
				if v == nil {
					if err := copyBucket(db, sb.Bucket(k), k); err != nil {
						return err
					}
					continue
				}
				nk, nv, keep, err := edit(string(name), k, v)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if !keep {
					continue
				}
				if err := db.Put(nk, nv); err != nil {
					return err
				}
				if size += int64(len(nk) + len(nv)); size > compactTxMax {
					if err := tx.Commit(); err != nil {
						return err
					}
					if tx, err = dst.Begin(true); err != nil {
						return err
					}
					db = tx.Bucket(name)
					db.FillPercent = 1
					size = 0
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// copyBucket copies a nested bucket as it is.
func copyBucket(parent *bolt.Bucket, src *bolt.Bucket, name []byte) error {
	b, err := parent.CreateBucket(name)
	if err != nil {
		return err
	}
	if err := b.SetSequence(src.Sequence()); err != nil {
		return err
	}
	return src.ForEach(func(k, v []byte) error {
		if v == nil {
			return copyBucket(b, src.Bucket(k), k)
		}
		return b.Put(k, v)
	})
}

// CopiesOf lists the copies of the database leadq makes and knows of, for
// Forget to rewrite: the backups in backupDir, the migration's .v1 and the
// file a restore replaced, the damaged files a repair kept.
func CopiesOf(dbPath, backupDir string) ([]string, error) {
	list, err := backupFiles(backupDir, dbPath)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, b := range list {
		out = append(out, b.Path)
	}
	for _, suffix := range []string{".v1", ".before-restore"} {
		if _, err := os.Stat(dbPath + suffix); err == nil {
			out = append(out, dbPath+suffix)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return out, err
		}
	}
	// The damaged files check --repair kept.
	damaged, _ := filepath.Glob(dbPath + ".damaged-*")
	return append(out, damaged...), nil
}
