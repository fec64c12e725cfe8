package ui

import (
	"time"

	"leadq/domain"
	"leadq/store"
	"leadq/ui/i18n"
)

// programContext is what every screen reads instead of a long parameter
// list: built once by New, the body size kept current by the root.
type programContext struct {
	st     *store.Store
	cfg    domain.Config
	keys   *KeyMap
	styles *Styles
	tr     *i18n.Catalog // the words and the locale's way of writing
	now    func() time.Time
	by     string // who works the leads, written into their history
	// backupDir is where the database's backups are: erasing a person
	// rewrites them too.
	backupDir string

	// width and height are the body's: the terminal less the root's chrome.
	width, height int

	gen int // the last overlay generation handed out
}

// planSections are the plan sections the team uses, in order.
func (c *programContext) planSections() []string {
	if len(c.cfg.Plan.Sections) == 0 {
		return domain.PlanSections
	}
	return c.cfg.Plan.Sections
}

// cadence is how often the same lead may be touched.
func (c *programContext) cadence() string { return c.cfg.Cadence.Window }

// nextGen tells an overlay's answers from those of one closed before.
func (c *programContext) nextGen() int {
	c.gen++
	return c.gen
}
