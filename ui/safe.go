package ui

import (
	"leadq/domain"
	"leadq/store"
)

// safeItem is a queue row made harmless for the terminal: its name,
// company and every other text of it, on one line each.
func safeItem(r store.Row, due *dueInfo) item {
	domain.MakeSafe(&r, false)
	if due != nil {
		due.note = domain.SafeLine(due.note)
	}
	return item{Row: r, due: due}
}
