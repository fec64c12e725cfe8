package i18n

import "leadq/domain"

// labels are the words for leadq's typed values, looked up once when the
// catalog is built: a queue row names its stage and badge without a map
// read.
type labels struct {
	stage     [domain.NumStages]string
	tier      [3]string
	badgeOut  string
	fit       [4]string
	consent   [4]string
	authority [5]string
	urgency   [4]string
	budget    [4]string
	outcome   [6]string
	activity  [domain.NumActivityKinds]string
	noteKind  [7]string
	funnel    [4]string
	dueKind   [4]string
}

func newLabels(c *Catalog) labels {
	var l labels
	for i := range l.stage {
		l.stage[i] = c.T("stage." + domain.Stage(i).String())
	}
	for i := range l.tier {
		l.tier[i] = c.T("tier." + domain.Tier(i).String())
	}
	l.badgeOut = c.T("tier.out")
	for i := range l.fit {
		l.fit[i] = c.T("fit." + domain.Fit(i).String())
	}
	for i := range l.consent {
		l.consent[i] = c.T("consent." + domain.ConsentStatus(i).String())
	}
	for i := range l.authority {
		l.authority[i] = c.T("authority." + domain.Authority(i).String())
	}
	for i := range l.urgency {
		l.urgency[i] = c.T("urgency." + orNone(domain.Urgency(i).String()))
	}
	for i := range l.budget {
		l.budget[i] = c.T("budget." + domain.BudgetStatus(i).String())
	}
	for i := range l.outcome {
		l.outcome[i] = c.T("outcome." + orNone(domain.CallOutcome(i).String()))
	}
	for i := range l.activity {
		l.activity[i] = c.T("activity." + orNone(domain.ActivityKind(i).String()))
	}
	for i := range l.noteKind {
		name := domain.NoteKind(i).String()
		if name == "other" { // "other" is a plural form's name in a message file
			name = "general"
		}
		l.noteKind[i] = c.T("note." + name)
	}
	for i := range l.funnel {
		l.funnel[i] = c.T("funnel." + orNone(domain.FunnelStage(i).String()))
	}
	for i := range l.dueKind {
		l.dueKind[i] = c.T("due." + orNone(domain.DueKind(i).String()))
	}
	return l
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// pick is a label from a table, or the value's own name when it is out of
// range (a value from a newer leadq).
func pick[T ~int | ~uint8](table []string, v T, name string) string {
	if int(v) >= 0 && int(v) < len(table) {
		return table[v]
	}
	return name
}

// Stage is a lifecycle stage as reps call it: "Anfrage", "Kunde".
func (c *Catalog) Stage(s domain.Stage) string { return pick(c.labels.stage[:], s, s.String()) }

// Tier is a tier's badge word: "HOT", "HEISS".
func (c *Catalog) Tier(t domain.Tier) string { return pick(c.labels.tier[:], t, t.String()) }

// Badge is what a lead's badge says: its tier while it is in the queue,
// OUT once it has left it.
func (c *Catalog) Badge(t domain.Tier, inQueue bool) string {
	if !inQueue {
		return c.labels.badgeOut
	}
	return c.Tier(t)
}

// Fit is a fit rating: "passt gut", "geringe Chance".
func (c *Catalog) Fit(f domain.Fit) string { return pick(c.labels.fit[:], f, f.String()) }

// Consent is a consent status.
func (c *Catalog) Consent(s domain.ConsentStatus) string {
	return pick(c.labels.consent[:], s, s.String())
}

// Authority is a contact's role in the decision.
func (c *Catalog) Authority(a domain.Authority) string {
	return pick(c.labels.authority[:], a, a.String())
}

// Urgency is how urgent a need is.
func (c *Catalog) Urgency(u domain.Urgency) string { return pick(c.labels.urgency[:], u, u.String()) }

// Budget is a budget's status: "geschätzt", "bestätigt".
func (c *Catalog) Budget(b domain.BudgetStatus) string {
	return pick(c.labels.budget[:], b, b.String())
}

// Outcome is how a call went: "nicht erreicht", "besetzt".
func (c *Catalog) Outcome(o domain.CallOutcome) string {
	return pick(c.labels.outcome[:], o, o.String())
}

// Activity is a kind of touch: "Anruf", "E-Mail".
func (c *Catalog) Activity(k domain.ActivityKind) string {
	return pick(c.labels.activity[:], k, k.String())
}

// NoteKind is a kind of enrichment note.
func (c *Catalog) NoteKind(k domain.NoteKind) string {
	return pick(c.labels.noteKind[:], k, k.String())
}

// Funnel is a funnel stage of marketing content.
func (c *Catalog) Funnel(f domain.FunnelStage) string {
	return pick(c.labels.funnel[:], f, f.String())
}

// DueKind is what is due on a lead: "Rückruf", "Follow-up".
func (c *Catalog) DueKind(k domain.DueKind) string {
	return pick(c.labels.dueKind[:], k, k.String())
}
