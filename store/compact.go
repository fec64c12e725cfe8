package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
)

// Editing a lead writes its new values into fresh pages and frees the old
// ones, which keep the old email, name and phone until a later write reuses
// them. Compaction copies only what is live into a new file, so nothing of
// an old value is left in it.

// compactTxMax bounds one transaction of a compaction, so a large file is
// not copied in one piece of memory.
const compactTxMax = 64 << 20

// compactFile writes what src holds now (bbolt.Compact reads it in one
// read transaction) into a new file dst, mode 0600, and fsyncs it.
func compactFile(src *bolt.DB, dst string) error {
	out, err := createBolt(dst)
	if err != nil {
		return err
	}
	if err := bolt.Compact(out, src, compactTxMax); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return finishBolt(out, dst)
}

// createBolt makes a new, empty bbolt file at dst for a copy: written
// without an fsync per transaction (finishBolt syncs it once), with
// leadq's page size.
func createBolt(dst string) (*bolt.DB, error) {
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	out, err := bolt.Open(dst, 0o600, &bolt.Options{NoSync: true, FreelistType: bolt.FreelistMapType, PageSize: 16384})
	if err != nil {
		return nil, domain.Problemf("store.cannot_write", "cannot write %s: %v", dst, err)
	}
	return out, nil
}

// finishBolt syncs and closes a copy and makes it readable by its owner only.
func finishBolt(out *bolt.DB, dst string) error {
	err := out.Sync()
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(dst, 0o600)
	}
	if err != nil {
		os.Remove(dst)
		return domain.Problemf("store.write_failed", "writing %s failed: %v", dst, err)
	}
	return nil
}

// CompactResult is the file's size before and after a compaction.
type CompactResult struct {
	Before, After int64
}

// Compact rewrites the database without its freed pages and swaps the new
// file in; the old file is gone with the old values in it.
func (s *Store) Compact() (CompactResult, error) {
	var res CompactResult
	if s.readOnly {
		return res, ErrReadOnly
	}
	res.Before = fileSize(s.path)
	err := s.Swap("", func(old *bolt.DB, dst string) error {
		if err := compactFile(old, dst); err != nil {
			return err
		}
		crashAt("compacted")
		return nil
	})
	if err != nil {
		return res, domain.Problemf("store.compact.failed", "compacting %s failed: %v (the file is unchanged)", s.path, err)
	}
	res.After = fileSize(s.path)
	return res, nil
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// besideTemp is where a file that is to replace path is written: beside
// it, so a rename puts it in place, and hidden.
func besideTemp(path, what string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+what)
}
