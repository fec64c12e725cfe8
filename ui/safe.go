package ui

import (
	"leadq/domain"
	"leadq/store"
)

// safeItem is a queue row made harmless for the terminal: its name,
// company and source (its only texts), on one line each. It runs for
// every row of every page and search result, so it names the fields
// rather than walk the row by reflection (seven times the cost).
func safeItem(r store.Row, due *dueInfo) item {
	r.Name, r.Company, r.Source = domain.SafeLine(r.Name), domain.SafeLine(r.Company), domain.SafeLine(r.Source)
	if due != nil {
		due.note = domain.SafeLine(due.note)
	}
	return item{Row: r, due: due}
}
