package domain

// BadgeLabel is what a lead's tier badge says, the one rule for the queue
// rows, the lead header and the status line: its tier while it is in the
// queue, OUT once it has left it (no fit, customer, disqualified).
func BadgeLabel(t Tier, inQueue bool) string {
	if !inQueue {
		return "OUT"
	}
	return t.Label()
}

// Badge is the lead's BadgeLabel.
func (l *Lead) Badge() string { return BadgeLabel(l.Score.Tier, l.InQueue()) }
