package store

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Migration, repair, compaction, erasure and restore all replace the
// database file. They do it one way: take the file's exclusive lock (so no
// other leadq reads or writes meanwhile), write the new file beside it,
// fsync it, keep the old one if asked, rename the new one over it and fsync
// the directory. A leadq that was waiting for the lock on the old file
// notices, once it gets it, that the path now names another file, and opens
// that instead (see handle.open): nothing is ever written into the orphaned
// old file.
//
// On Windows a file that is mapped cannot be renamed over, so there the old
// file is let go just before the rename; another leadq that opens it in
// that moment opens the old file, finds it replaced and opens again.

// Swap replaces the database file with one that build writes at dst, a path
// beside the database. It holds the file's exclusive lock throughout, so no
// other leadq reads or writes meanwhile; when build returns nil the new file
// is fsynced, the old one is kept at keep (unless keep is ""), the new one is
// renamed over it and the directory fsynced. Other leadq processes open the
// new file at their next transaction. If build fails, or anything before the
// rename does, the database is as it was and the half-made file is removed.
func (s *Store) Swap(keep string, build func(old *bolt.DB, dst string) error) error {
	return s.swap(keep, build, nil)
}

// swap is Swap; after runs once the new file is in place, before this
// Store reads it (a new key goes in there).
func (s *Store) swap(keep string, build func(old *bolt.DB, dst string) error, after func()) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	db, err := s.h.get(true)
	if err != nil {
		return err
	}
	released := false
	defer func() {
		if !released {
			s.h.put()
		}
	}()
	dst := s.path + ".swapping"
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := build(db, dst); err != nil {
		os.Remove(dst)
		return err
	}
	if err := markSwapped(db, dst); err != nil {
		os.Remove(dst)
		return domain.Problemf("store.swap.write_failed", "writing the new database file failed: %v (the database is unchanged)", err)
	}
	if err := syncFile(dst); err != nil {
		os.Remove(dst)
		return domain.Problemf("store.swap.write_failed", "writing the new database file failed: %v (the database is unchanged)", err)
	}
	crashAt("copied")
	if keep != "" {
		if err := keepCopy(s.path, keep); err != nil {
			os.Remove(dst)
			return domain.Problemf("store.swap.keep_failed", "keeping the old file as %s failed: %v (the database is unchanged)", keep, err)
		}
	}
	crashAt("kept")
	if runtime.GOOS == "windows" {
		s.h.put()
		released = true
		s.h.drop()
	}
	if err := os.Rename(dst, s.path); err != nil {
		os.Remove(dst)
		return domain.Problemf("store.swap.rename_failed", "putting the new database file in place failed: %v (the database is unchanged)", err)
	}
	syncDir(filepath.Dir(s.path))
	crashAt("renamed")
	if !released {
		s.h.put()
		released = true
	}
	// Our own open is of the old file: the next transaction opens the new.
	s.h.drop()
	if after != nil {
		after()
	}
	if err := s.loadMeta(); err != nil {
		return domain.Problemf("store.swap.unreadable", "the new database file is in place but cannot be read: %v", err)
	}
	return nil
}

// markSwapped gives the new file a generation above the old one's, so a
// leadq that polls the generation (the open queue) sees the change even
// when the new file is an older copy (a restored backup).
func markSwapped(old *bolt.DB, dst string) error {
	var gen uint64
	old.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if v := meta.Get(keyGeneration); len(v) == 8 {
				gen = binary.BigEndian.Uint64(v)
			}
		}
		return nil
	})
	db, err := openBolt(dst, retryEvery, false)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		if v := meta.Get(keyGeneration); len(v) == 8 {
			gen = max(gen, binary.BigEndian.Uint64(v))
		}
		return meta.Put(keyGeneration, binary.BigEndian.AppendUint64(nil, gen+1))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// keepCopy keeps the file at path as keep: a hard link where the
// filesystem has them (instant, and the swap's rename leaves it as the
// only name of the old file), a copy where not.
func keepCopy(path, keep string) error {
	if err := os.Remove(keep); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Link(path, keep); err == nil {
		return nil
	}
	return copyFile(path, keep)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// drop lets go of the open file once no transaction uses it, so the next
// transaction opens whatever file the path names then.
func (h *handle) drop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for h.inUse > 0 {
		h.cond.Wait()
	}
	if h.db != nil {
		h.closeDB()
	}
}

// reopenedElsewhere reports whether path names another file than before
// did: the file was swapped while this process waited for its lock.
func reopenedElsewhere(path string, before os.FileInfo) bool {
	if before == nil {
		return false
	}
	now, err := os.Stat(path)
	return err != nil || !os.SameFile(before, now)
}
