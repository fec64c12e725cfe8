package ui

import (
	"leadq/domain"
	"leadq/store"
)

// Messages carry the results of store reads back into Update. Each has an
// Err; errors are shown in the status bar in plain words.

type countsMsg struct {
	counts store.Count
	due    int
	err    error
}

// pageMsg is a page of queue rows for one load request.
type pageMsg struct {
	req  int // the request it answers; older requests are dropped
	dir  loadDir
	rows []item
	err  error
}

type loadDir int

const (
	loadReplaceTop loadDir = iota // from the top of the tab
	loadReplaceEnd                // the last rows of the tab
	loadAfter                     // rows after the buffer
	loadBefore                    // rows before the buffer
	loadReload                    // the window again, from its first row, after a write
)

// searchMsg is the answer to one keystroke's search: the first matches in
// queue order and how many there are (at least, when atLeast).
type searchMsg struct {
	seq     int
	query   string
	rows    []item
	total   int
	atLeast bool
	err     error
}

// matchCountMsg is the full count of a search whose first answer only knew
// a lower bound; atLeast says the count stopped at its cap.
type matchCountMsg struct {
	seq     int
	query   string
	total   int
	atLeast bool
	err     error
}

type leadMsg struct {
	id   uint64
	lead *domain.Lead
	err  error
}

// openLeadMsg asks the root to show a lead; backMsg to return to the queue.
type openLeadMsg struct{ id uint64 }

type backMsg struct{}

// errMsg is a store error to show in the status bar.
type errMsg struct{ err error }
