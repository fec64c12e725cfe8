package store

import (
	"encoding/binary"
	"hash/fnv"
	"os"

	"leadq/domain"
)

// bbolt reads its file through a memory map: a page past the end of a
// truncated file is a SIGBUS no recover can catch. So before bbolt opens a
// file, leadq reads its two meta pages itself and checks that the file is
// as long as the newest valid one says. It also notes when the newest meta
// page is damaged, where bbolt would fall back to the older one and drop
// the last commit without a word.

const boltMagic = 0xED0CDAED

// boltMeta is what a meta page says: its transaction id, the page size and
// how many pages the file holds.
type boltMeta struct {
	txid     uint64
	pageSize uint32
	pages    uint64
	ok       bool
}

// readMeta reads a meta page at off. The layout is bbolt's: a 16-byte page
// header, then magic, version, page size, flags, the root bucket (root
// page and sequence), the freelist page, the high-water page, the txid
// and an FNV-64a checksum of everything before it.
func readMeta(f *os.File, off int64) boltMeta {
	var b [16 + 64]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return boltMeta{}
	}
	m := b[16:]
	if binary.LittleEndian.Uint32(m[0:]) != boltMagic || binary.LittleEndian.Uint32(m[4:]) != 2 {
		return boltMeta{}
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
		return boltMeta{}
	}
	return boltMeta{
		pageSize: binary.LittleEndian.Uint32(m[8:]),
		pages:    binary.LittleEndian.Uint64(m[40:]),
		txid:     binary.LittleEndian.Uint64(m[48:]),
		ok:       true,
	}
}

// errTruncated is wrapped when a file is shorter than its meta page says.
var errTruncated = domain.Problemf("store.truncated", "is shorter than it says it is")

// guardFile checks a bbolt file before it is mapped. fellBack says the
// newest meta page is damaged and bbolt would read the commit before.
func guardFile(path string) (fellBack bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, nil // bbolt says what is wrong with opening it
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, nil
	}
	first := readMeta(f, 0)
	size := uint32(4096)
	if first.ok {
		size = first.pageSize
	}
	second := readMeta(f, int64(size))
	if !second.ok && !first.ok {
		// Neither page is bbolt's: let bbolt name the file foreign. A
		// second page at another size is tried once more.
		for _, ps := range []uint32{4096, 16384, 65536} {
			if s := readMeta(f, int64(ps)); s.ok {
				second = s
				break
			}
		}
	}
	newest := first
	if second.ok && (!first.ok || second.txid > first.txid) {
		newest = second
	}
	if !newest.ok {
		return false, nil
	}
	// A damaged meta page whose partner is older is the newest commit lost.
	fellBack = !first.ok || !second.ok
	if want := int64(newest.pages) * int64(newest.pageSize); fi.Size() < want {
		return fellBack, domain.Problemf("store.cut_off", "the database %s %v: it is %d bytes where its last commit needs %d; it was cut off (a full disk, a copy that stopped): restore a backup, or run leadq check", path, errTruncated, fi.Size(), want)
	}
	return fellBack, nil
}
