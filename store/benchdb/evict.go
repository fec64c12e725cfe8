package benchdb

import "os"

// Evict drops a file's pages from the page cache, as after a reboot or
// the first start of the day, so the next reads come from the disk. The
// file must not be open in this process: mapped pages stay cached.
func Evict(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	return dropCache(f)
}
