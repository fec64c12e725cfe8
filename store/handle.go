package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"leadq/domain"
)

// bbolt locks its file from Open to Close: shared for a reader, exclusive
// for a writer. So that the queue, a script and an import can work on one
// file at once, leadq holds the file only while it works on it, as SQLite
// does: each transaction takes the lock it needs (waiting up to the busy
// timeout for another process to let go), and the file is let go a moment
// after the last transaction, so a burst of reads shares one open. A
// reader that goes on for long (an export of a million leads) lets a
// waiting writer in between its batches. A writer that waits leaves a
// marker file beside the database saying so, and a writer that holds the
// file leaves one saying who it is, so a refusal can name it.

// idleRelease is how long an unused open waits for the next transaction.
const idleRelease = 100 * time.Millisecond

// holdShare is how long one open may serve transactions while another
// process waits for the file.
const holdShare = 300 * time.Millisecond

// DefaultBusyTimeout is how long a transaction waits for another process.
const DefaultBusyTimeout = 5 * time.Second

type handle struct {
	path    string
	timeout time.Duration
	command string // what this process is, for the lock-info file

	mu     sync.Mutex
	cond   *sync.Cond
	db     *bolt.DB
	rw     bool
	inUse  int
	since  time.Time // when db was opened
	uses   uint64    // bumped on every get, so a release timer knows it is stale
	closed bool
}

func newHandle(path string, timeout time.Duration, command string) *handle {
	h := &handle{path: path, timeout: timeout, command: command}
	h.cond = sync.NewCond(&h.mu)
	return h
}

var errClosed = errors.New("the database is closed")

// get opens the file (or reuses the open one) for a transaction.
func (h *handle) get(write bool) (*bolt.DB, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for {
		switch {
		case h.closed:
			return nil, errClosed
		case h.db != nil && (h.rw || !write):
			if h.inUse == 0 && time.Since(h.since) > holdShare && h.othersWait() {
				// Someone waits: let go, and give them the moment they need.
				h.closeDB()
				h.mu.Unlock()
				time.Sleep(2 * retryEvery)
				h.mu.Lock()
				continue
			}
			h.inUse++
			h.uses++
			return h.db, nil
		case h.db != nil && h.inUse > 0:
			h.cond.Wait() // the open reader must finish before the file is opened to write
			continue
		case h.db != nil:
			h.closeDB()
		}
		db, err := h.open(write)
		if err != nil {
			return nil, err
		}
		h.db, h.rw, h.since = db, write, time.Now()
		if write {
			writeLockInfo(h.path, h.command)
		}
	}
}

// put ends a transaction; the open is let go after idleRelease unused.
func (h *handle) put() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.inUse--
	if h.inUse > 0 {
		return
	}
	h.cond.Broadcast()
	uses := h.uses
	time.AfterFunc(idleRelease, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.uses == uses && h.inUse == 0 && h.db != nil {
			h.closeDB()
		}
	})
}

func (h *handle) closeDB() {
	if h.rw {
		os.Remove(lockInfoPath(h.path))
	}
	h.db.Close()
	h.db = nil
}

func (h *handle) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	for h.inUse > 0 {
		h.cond.Wait()
	}
	h.closed = true
	if h.db != nil {
		h.closeDB()
	}
	return nil
}

// afterLock runs once a transaction has the lock; tests swap the file
// there, as another leadq could between our open and our lock.
var afterLock = func(path string) {}

// retryEvery is how often a waiting transaction tries the lock again.
const retryEvery = 50 * time.Millisecond

// open takes the file's lock, waiting up to the timeout; a waiting writer
// says so in a marker file, so long readers let it in.
func (h *handle) open(write bool) (*bolt.DB, error) {
	deadline := time.Now().Add(h.timeout)
	marked := false
	defer func() {
		if marked {
			os.Remove(wantPath(h.path))
		}
	}()
	for {
		before, _ := os.Stat(h.path)
		db, err := openBolt(h.path, retryEvery, !write)
		if err == nil {
			afterLock(h.path)
		}
		if err == nil && reopenedElsewhere(h.path, before) {
			// The file was swapped while we waited for its lock: what we
			// hold now is the old one, no longer the database.
			db.Close()
			continue
		}
		if err == nil || !errors.Is(err, ErrInUse) {
			return db, err
		}
		if !marked {
			os.WriteFile(wantPath(h.path), []byte(h.token()), 0o600)
			marked = true
		}
		if time.Now().After(deadline) {
			return nil, h.busyError()
		}
	}
}

func (h *handle) busyError() error {
	var who error = domain.Problemf("store.holder_unknown", "another leadq")
	if info, ok := readLockInfo(h.path); ok {
		who = domain.Problemf("store.holder", "%s (pid %d, since %s)", info.Command, info.PID, info.Since.Local().Format("15:04:05"))
	}
	return domain.Problemf("store.busy_held", "the database %s is %v: %v kept it busy for more than %s", h.path, ErrInUse, who, h.timeout.Round(time.Millisecond))
}

func wantPath(path string) string { return sidecar(path, "waiting") }

func lockInfoPath(path string) string { return sidecar(path, "lock-info") }

// sidecar is a small file beside the database: .leads.db.lock-info.
func sidecar(path, what string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+what)
}

// othersWait reports whether another leadq (another process, or another
// open of the file in this one) waits for the file.
func (h *handle) othersWait() bool {
	data, err := os.ReadFile(wantPath(h.path))
	return err == nil && strings.TrimSpace(string(data)) != h.token()
}

// token names this open of the file in the waiting marker: the process
// and the handle.
func (h *handle) token() string { return fmt.Sprintf("%d %p", os.Getpid(), h) }

// LockInfo says who holds a database to write.
type LockInfo struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

func writeLockInfo(path, command string) {
	data, _ := json.Marshal(LockInfo{PID: os.Getpid(), Command: command, Since: time.Now()})
	os.WriteFile(lockInfoPath(path), data, 0o600)
}

func readLockInfo(path string) (LockInfo, bool) {
	var info LockInfo
	data, err := os.ReadFile(lockInfoPath(path))
	if err != nil || json.Unmarshal(data, &info) != nil {
		return info, false
	}
	return info, true
}

var _ = bolterrors.ErrTimeout
