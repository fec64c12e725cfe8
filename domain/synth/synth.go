// Package synth generates realistic, deterministic synthetic leads for demos
// and benchmarks: DACH-heavy names and companies, real postal codes, a
// plausible funnel history, BANT, consent and enrichment notes.
package synth

import (
	"iter"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"leadq/domain"
)

// Generator yields leads one by one so a caller can seed millions without holding them all.
type Generator struct {
	r    *rand.Rand
	bits uint64 // random bits not yet handed out by n
	left int    // how many 32-bit halves of bits are left
	now  time.Time
	buf  []byte
	off  [maxActivities]int64 // scratch for sorted activity offsets
}

const (
	maxActivities = 12
	day           = 24 * 60 * 60 // seconds
	horizon       = 180 * day    // leads are created at most this long before now
	freshWindow   = 4 * 60 * 60  // "the last few hours"
)

// New returns a generator whose sequence depends only on seed and now.
func New(seed int64, now time.Time) *Generator {
	return &Generator{
		r:   rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		now: now.Round(0), // drop the monotonic reading: leads compare and serialise by wall time
		buf: make([]byte, 0, 64),
	}
}

// Lead returns the next lead; its ID is left 0 for the store to assign.
func (g *Generator) Lead() *domain.Lead {
	l := &domain.Lead{}
	l.BANT.RepEstimate = -1

	co := &countries[countryCum.pick(g)]
	ci := &co.cities[co.cityCum.pick(g)]
	ind := &industries[industryCum.pick(g)]

	// Who: a person from one of the naming traditions found in this country.
	cu := &cultures[co.cultureCum.pick(g)]
	p := &cu.first[g.n(len(cu.first))]
	sn := &cu.last[g.n(len(cu.last))]
	last, lastASCII := sn.s, sn.ascii
	if p.female && sn.fem != "" {
		last, lastASCII = sn.fem, sn.femASCII
	}
	if cu.familyFirst {
		l.Name = last + cu.sep + p.s
	} else {
		l.Name = p.s + " " + last
	}
	t := &titles[titleCum.pick(g)]
	l.Title = t.m
	if p.female {
		l.Title = t.f
	}

	// Where: the company, its website and the lead's address there.
	website, slug := g.company(l, co, ind)
	l.Company.City, l.Company.PostalCode = ci.name, ci.plz
	mailDomain := website[len("www."):]
	l.Email = p.ascii + "." + lastASCII + "@" + mailDomain
	if g.n(100) < 88 {
		l.Phone = g.digits(ci.phone)
	}
	if g.n(100) < 35 {
		l.Mobile = g.digits(co.mobiles[g.n(len(co.mobiles))])
	}

	// When and from where.
	fresh := g.n(100) < 5
	var age int64
	if fresh {
		age = g.n64(freshWindow)
	} else {
		age = freshWindow + g.n64(horizon-freshWindow)
	}
	l.Created = g.ago(age)
	src := &sources[sourceCum.pick(g)]
	l.Source = src.name
	if src.name == sourceTradeFair {
		l.Source = ind.fairSources[g.n(len(ind.fairSources))]
	}
	if !fresh || src.sales || g.n(100) < 60 {
		l.Owner = owners[g.n(len(owners))]
	}

	// The funnel history, built through the transition table so it is always valid.
	pt := &paths[pathCum.pick(g)]
	if fresh {
		pt = &freshPaths[freshCum.pick(g)]
	}
	depth := g.history(l, pt, age)

	g.fit(l, fresh, depth)
	g.consent(l, src, age)
	wantCallback := l.InQueue() && l.Owner != "" && g.n(100) < 3
	g.activities(l, src, ind, age, depth, fresh, wantCallback)
	if wantCallback {
		g.callback(l)
		for i := len(l.History) - 1; i >= 0; i-- {
			if t := l.History[i].Touch; t != nil && t.Outcome == domain.OutcomeCallback {
				if at := l.History[i].At; !at.Before(l.Callback.At) {
					// A callback is agreed for after the call that agreed it.
					l.Callback.At = at.Add(2 * time.Hour).Truncate(15 * time.Minute)
				}
				t.Callback = l.Callback.At
				break
			}
		}
	}
	if l.Stage == domain.StageNurture && g.n(100) < 85 {
		days := 1 + g.n64(60)
		if g.n(100) < 12 {
			days = -1 - g.n64(7) // overdue
		}
		l.NextTouch = g.now.Add(time.Duration(days) * day * time.Second).Truncate(time.Hour)
	}
	if !fresh {
		g.bant(l, co, t, depth, age)
		g.notes(l, website, slug, ind, age, depth)
		g.custom(l, src)
	}

	l.Updated = l.Created
	later := func(at time.Time) {
		if at.After(l.Updated) && !at.After(g.now) {
			l.Updated = at
		}
	}
	domain.SortHistory(l.History)
	if n := len(l.History); n > 0 {
		later(l.History[n-1].At)
	}
	if n := len(l.Notes); n > 0 {
		later(l.Notes[n-1].Created)
	}
	later(l.BANT.Updated)
	later(l.Consent.Date)
	l.Plan = g.plan(l)
	return l
}

// n returns a number in [0, k) for 0 < k < 2³², from 32 random bits: half
// a PCG draw, which keeps generation cheap. The bias, k/2³², is far below
// anything a demo could show.
func (g *Generator) n(k int) int {
	if g.left == 0 {
		g.bits, g.left = g.r.Uint64(), 2
	}
	g.left--
	x := uint32(g.bits)
	g.bits >>= 32
	return int(uint64(x) * uint64(k) >> 32)
}

func (g *Generator) n64(k int64) int64 { return int64(g.n(int(k))) }

// ago is the instant secs seconds before now.
func (g *Generator) ago(secs int64) time.Time {
	return g.now.Add(-time.Duration(secs) * time.Second)
}

// company fills the lead's company and returns its website and name slug.
func (g *Generator) company(l *domain.Lead, co *country, ind *industry) (website, slug string) {
	legal := co.legal[co.legalCum.pick(g)].v
	// The name is base + legal form, the host name www.s1-s2.tld (s2 may be empty).
	var base, s1, s2 string
	if co.german {
		switch x := g.n(100); {
		case x < 45:
			f, b := &germanFamilies[g.n(len(germanFamilies))], g.n(len(ind.branches))
			base, s1, s2 = f.s+" "+ind.branches[b], f.ascii, ind.branchSlugs[b]
		case x < 83:
			w, b := g.n(len(brandWords)), g.n(len(ind.branches))
			base, s1, s2 = brandWords[w]+" "+ind.branches[b], brandSlugs[w], ind.branchSlugs[b]
		case x < 91:
			f1, f2 := &germanFamilies[g.n(len(germanFamilies))], &germanFamilies[g.n(len(germanFamilies))]
			if f1 == f2 {
				base, s1, s2 = f1.s+" & Söhne", f1.ascii, "soehne"
			} else {
				base, s1, s2 = f1.s+" & "+f2.s, f1.ascii, f2.ascii
			}
		default:
			w := g.n(len(brandWords))
			base, s1 = brandWords[w], brandSlugs[w]
		}
	} else {
		b := g.n(len(ind.intl))
		if g.n(100) < 75 {
			w := g.n(len(intlBrandWords))
			base, s1, s2 = intlBrandWords[w]+" "+ind.intl[b], intlBrandSlugs[w], ind.intlSlugs[b]
		} else {
			cu := &cultures[co.cultures[0].v] // the country's own names: "Dubois Logistics SAS"
			s := &cu.last[g.n(len(cu.last))]
			base, s1, s2 = s.s+" "+ind.intl[b], s.ascii, ind.intlSlugs[b]
		}
	}
	l.Company.Name = base + " " + legal
	if s2 == "" {
		website = "www." + s1 + "." + co.tld
	} else {
		website = "www." + s1 + "-" + s2 + "." + co.tld
	}
	slug = website[len("www.") : len(website)-len(co.tld)-1]
	l.Company.Website = website
	l.Company.Industry = ind.name
	l.Company.Country = co.code
	emp := g.employees()
	l.Company.Employees = emp
	// €150k–250k revenue per head, rounded to ten thousand.
	rev := int64(emp) * (150_000 + g.n64(100_001))
	l.Company.AnnualRevenue = (rev + 5_000) / 10_000 * 10_000
	return website, slug
}

// employees is log-normal around ~80 staff, clamped to 3..50000 and
// rounded the way people quote headcounts.
func (g *Generator) employees() int {
	n := int(math.Exp(4.4 + 1.7*g.r.NormFloat64()))
	switch {
	case n < 3:
		n = 3 + g.n(8)
	case n > 50_000:
		n = 50_000
	case n >= 5_000:
		n = n / 100 * 100
	case n >= 500:
		n = n / 10 * 10
	case n >= 100:
		n = n / 5 * 5
	}
	return n
}

// digits fills a phone pattern: every '#' is a random digit, the first never 0 or 1.
func (g *Generator) digits(pattern string) string {
	b := g.buf[:0]
	first := true
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '#' {
			if first {
				c = byte('2' + g.n(8))
				first = false
			} else {
				c = byte('0' + g.n(10))
			}
		}
		b = append(b, c)
	}
	g.buf = b
	return string(b)
}

// sortedOffsets draws n offsets in [0, span] seconds, ascending, into g.off.
func (g *Generator) sortedOffsets(n int, span int64) []int64 {
	o := g.off[:n]
	for i := range o {
		o[i] = g.n64(span + 1)
	}
	for i := 1; i < n; i++ {
		for j := i; j > 0 && o[j] < o[j-1]; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
	return o
}

// history walks the lead along pt with Move and returns how deep in the
// funnel it has ever been (0 inquiry … 4 opportunity or customer).
func (g *Generator) history(l *domain.Lead, pt *path, age int64) int {
	depth := 0
	if len(pt.steps) == 0 {
		return depth
	}
	offs := g.sortedOffsets(len(pt.steps), age)
	for i, st := range pt.steps {
		reason := st.reasons[g.n(len(st.reasons))]
		by := l.Owner
		if st.to == domain.StageMQL && (by == "" || g.n(100) < 60) {
			by = "Marketing-Automation"
		}
		if by == "" {
			by = "Vertriebsinnendienst"
		}
		if err := l.Move(st.to, reason, l.Created.Add(time.Duration(offs[i])*time.Second), by); err != nil {
			panic("synth: funnel path breaks the transition table: " + err.Error())
		}
		if d := stageDepth[st.to]; d > depth {
			depth = d
		}
	}
	if depth == 0 && len(pt.steps) > 0 {
		depth = 1 // disqualified and requalified: someone looked at it
	}
	return depth
}

var stageDepth = [...]int{
	domain.StageInquiry: 0, domain.StageMQL: 1, domain.StageSAL: 2, domain.StageSQL: 3,
	domain.StageOpportunity: 4, domain.StageCustomer: 4, domain.StageNurture: 1, domain.StageDisqualified: 0,
}

func (g *Generator) fit(l *domain.Lead, fresh bool, depth int) {
	if fresh {
		return
	}
	x := g.n(100)
	switch {
	case l.Stage == domain.StageDisqualified:
		switch {
		case x < 65:
			l.Fit = domain.FitNone
		case x < 75:
			l.Fit = domain.FitLow
		}
	case l.Stage == domain.StageCustomer:
		if x < 85 {
			l.Fit = domain.FitGood
		}
	case depth >= 3:
		switch {
		case x < 60:
			l.Fit = domain.FitGood
		case x < 70:
			l.Fit = domain.FitLow
		}
	default:
		switch {
		case x < 18:
			l.Fit = domain.FitGood
		case x < 30:
			l.Fit = domain.FitLow
		case x < 34:
			l.Fit = domain.FitNone
		}
	}
	switch l.Fit {
	case domain.FitNone:
		l.FitReason = fitNoneReasons[g.n(len(fitNoneReasons))]
	case domain.FitLow:
		l.FitReason = fitLowReasons[g.n(len(fitLowReasons))]
	case domain.FitGood:
		l.FitReason = fitGoodReasons[g.n(len(fitGoodReasons))]
	}
}

func (g *Generator) consent(l *domain.Lead, src *source, age int64) {
	if g.n(100) >= src.doi {
		return
	}
	l.Consent.Source = src.cons
	if g.n(100) < 55 {
		// The confirmation mail is clicked within the hour, if the lead is that old.
		l.Consent.Status = domain.ConsentDoubleOptIn
		l.Consent.Date = g.ago(age - g.n64(min(age, 3600)+1))
	} else {
		l.Consent.Status = domain.ConsentOptIn
		l.Consent.Date = l.Created
	}
	if age > day && g.n(100) < 6 {
		l.Consent.Status = domain.ConsentWithdrawn
		l.Consent.Source = withdrawals[g.n(len(withdrawals))]
		l.Consent.Date = g.ago(g.n64(age - 3600))
	}
}

var withdrawals = []string{"Abmeldelink im Newsletter", "Widerruf per E-Mail", "Widerspruch am Telefon"}

// activityCount is the range of history lengths by funnel depth.
var activityCount = [5][2]int{{0, 4}, {1, 7}, {3, 9}, {4, 11}, {6, 12}}

func (g *Generator) activities(l *domain.Lead, src *source, ind *industry, age int64, depth int, fresh, wantCallback bool) {
	lo, hi := activityCount[depth][0], activityCount[depth][1]
	if fresh {
		lo, hi = 1, 3
	}
	n := lo + g.n(hi-lo+1)
	browser := !fresh && g.n(100) < 8 // someone who keeps coming back to the site
	if browser {
		n = 10 + g.n(3)
	}
	if wantCallback && n == 0 {
		n = 1
	}
	if n == 0 {
		return
	}
	acts := make([]act, n)
	offs := g.sortedOffsets(n, age)
	offs[0] = 0 // the first touch is what created the lead
	marketing := l.Consent.Status.AllowsMarketing()
	lastMarketingDay := int64(-1)
	for i := range acts {
		a := &acts[i]
		a.at = l.Created.Add(time.Duration(offs[i]) * time.Second)
		if i == 0 {
			g.firstTouch(a, l, src, ind)
			continue
		}
		k := kindCum[depth].v[kindCum[depth].pick(g)]
		if browser && g.n(100) < 70 {
			k = domain.KindWebVisit
		}
		if k.IsMarketing() {
			// No marketing without consent, and at most one marketing touch a day.
			d := (l.Created.Unix() + offs[i]) / day
			if !marketing || d == lastMarketingDay {
				k = domain.KindWebVisit
			} else {
				lastMarketingDay = d
			}
		}
		if l.Owner == "" && (k == domain.KindCall || k == domain.KindMeeting) {
			k = domain.KindWebVisit
		}
		g.fill(a, k, l.Owner, depth)
	}
	if wantCallback {
		a := &acts[n-1]
		if n == 1 {
			a.at = g.ago(g.n64(age + 1))
		}
		a.t.Kind, a.t.Funnel, a.by = domain.KindCall, 0, l.Owner
		a.t.Outcome = domain.OutcomeCallback
		a.t.Note = callNotes[domain.OutcomeCallback][g.n(len(callNotes[domain.OutcomeCallback]))]
	}
	for i := range acts {
		a := &acts[i]
		if a.t.Kind == domain.KindUnknown {
			l.History = append(l.History, domain.Event{Kind: domain.EventRemark, At: a.at, By: a.by, Text: a.t.Note})
			continue
		}
		t := a.t
		l.History = append(l.History, domain.Event{Kind: domain.EventTouch, At: a.at, By: a.by, Touch: &t})
	}
}

// act is a touch in the making; a touch of no kind is a remark.
type act struct {
	at time.Time
	by string
	t  domain.Touch
}

// firstTouch is the activity that made the lead: the form, the download, the fair.
func (g *Generator) firstTouch(a *act, l *domain.Lead, src *source, ind *industry) {
	a.t.Kind, a.t.Funnel, a.t.Note = src.kind, src.funnel, src.note
	switch {
	case src.name == sourceTradeFair:
		a.t.Note = ind.fairNotes[g.n(len(ind.fairNotes))]
		a.by = l.Owner
	case src.kind == domain.KindWebinar:
		a.t.Note = webinarTitles[g.n(len(webinarTitles))]
	case src.kind == domain.KindDownload:
		a.t.Note = downloadTitles[src.funnel][g.n(len(downloadTitles[src.funnel]))]
	case src.kind == domain.KindCall:
		g.fill(a, domain.KindCall, l.Owner, 0)
	case src.sales:
		a.by = l.Owner
	}
}

// fill makes a an activity of kind k with a fitting note.
func (g *Generator) fill(a *act, k domain.ActivityKind, owner string, depth int) {
	a.t.Kind = k
	switch k {
	case domain.KindWebVisit:
		a.t.Note = webPages[g.n(len(webPages))]
	case domain.KindBlogRead:
		a.t.Funnel = domain.FunnelStage(funnelCum[depth].pick(g) + 1)
		a.t.Note = blogTitles[a.t.Funnel][g.n(len(blogTitles[a.t.Funnel]))]
	case domain.KindDownload:
		a.t.Funnel = domain.FunnelStage(funnelCum[depth].pick(g) + 1)
		a.t.Note = downloadTitles[a.t.Funnel][g.n(len(downloadTitles[a.t.Funnel]))]
	case domain.KindWebinar:
		a.t.Funnel = domain.FunnelConsideration
		a.t.Note = webinarTitles[g.n(len(webinarTitles))]
	case domain.KindNewsletter:
		a.t.Note = newsletterNotes[g.n(len(newsletterNotes))]
	case domain.KindEmail:
		a.t.Note = emailNotes[g.n(len(emailNotes))]
		a.by = owner
	case domain.KindCall:
		a.t.Outcome = domain.CallOutcome(outcomeCum.pick(g) + 1)
		notes := callNotes[a.t.Outcome]
		a.t.Note = notes[g.n(len(notes))]
		a.by = owner
		if a.t.Outcome == domain.OutcomeCallback {
			// A callback agreed for two days later at ten, as LogCall keeps it.
			y, m, d := a.at.Date()
			a.t.Callback = time.Date(y, m, d+2, 10, 0, 0, 0, a.at.Location())
		}
	case domain.KindMeeting:
		a.t.Note = meetingNotes[g.n(len(meetingNotes))]
		a.by = owner
	case domain.KindDemoRequest:
		a.t.Funnel = domain.FunnelDecision
		a.t.Note = demoNotes[g.n(len(demoNotes))]
	case domain.KindQuoteRequest:
		a.t.Funnel = domain.FunnelDecision
		a.t.Note = quoteNotes[g.n(len(quoteNotes))]
	}
}

// callback promises a call: some overdue, some later today, most in the next days.
func (g *Generator) callback(l *domain.Lead) {
	var at time.Time
	switch x := g.n(100); {
	case x < 20:
		at = g.ago(3*3600 + g.n64(2*day))
	case x < 50:
		at = g.now.Add(time.Duration(g.n64(8*3600)-3*3600) * time.Second)
	default:
		at = g.now.Add(time.Duration(day+g.n64(4*day)) * time.Second)
	}
	l.Callback = &domain.Callback{At: at.Truncate(15 * time.Minute), Note: callbackNotes[g.n(len(callbackNotes))]}
}

// bantChance is the percent of leads with any BANT answer, and the chance of
// each answer once BANT is started, by funnel depth.
var bantChance = [5][2]int{{0, 0}, {15, 35}, {45, 50}, {85, 70}, {95, 90}}

func (g *Generator) bant(l *domain.Lead, co *country, t *title, depth int, age int64) {
	if g.n(100) >= bantChance[depth][0] {
		return
	}
	each := bantChance[depth][1]
	b := &l.BANT
	b.Updated = g.ago(g.n64(age + 1))
	filled := 0
	if g.n(100) < each {
		// Budget scales with headcount: a few hundred to a few thousand euro per head.
		amt := int64(l.Company.Employees) * (200 + g.n64(1800))
		amt = min(max(amt, 3_000), 2_000_000)
		if amt >= 100_000 {
			amt = amt / 10_000 * 10_000
		} else {
			amt = amt / 1_000 * 1_000
		}
		b.Budget = domain.Money{Cents: amt * 100, Currency: "EUR"}
		if co.currency != "" && g.n(100) < 50 {
			b.Budget.Currency = co.currency
		}
		b.BudgetStatus = domain.BudgetEstimated
		if g.n(100) < 10+15*depth {
			b.BudgetStatus = domain.BudgetConfirmed
		}
		filled++
	}
	if g.n(100) < each {
		b.Authority = t.auth
		role := l.Title
		if s := authorityRoleSuffix[g.n(len(authorityRoleSuffix))]; s != "" {
			role += s
		}
		b.AuthorityRole = role
		filled++
	}
	if g.n(100) < each || filled == 0 {
		b.Need = needs[g.n(len(needs))]
		b.Urgency = domain.Urgency(g.n(4))
		filled++
	}
	if g.n(100) < each {
		g.timeline(b)
	}
	switch {
	case l.Stage == domain.StageCustomer && g.n(100) < 70:
		b.RepEstimate = 100
	case depth >= 4 && g.n(100) < 55:
		b.RepEstimate = 40 + g.n(12)*5
	case depth == 3 && g.n(100) < 45:
		b.RepEstimate = 20 + g.n(11)*5
	case depth == 2 && g.n(100) < 15:
		b.RepEstimate = 10 + g.n(9)*5
	}
}

// timeline is a purchase planned 1–15 months after the answer, typed as a
// quarter ("Q3 2027") or a date ("2027-03-15").
func (g *Generator) timeline(b *domain.BANT) {
	at := b.Updated.UTC().AddDate(0, 1+g.n(15), 0)
	if g.n(100) < 60 {
		q := (int(at.Month()) - 1) / 3
		b.TimelineDate = time.Date(at.Year(), time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC)
		buf := append(g.buf[:0], 'Q', byte('1'+q), ' ')
		buf = strconv.AppendInt(buf, int64(at.Year()), 10)
		g.buf = buf
		b.Timeline = string(buf)
		return
	}
	b.TimelineDate = time.Date(at.Year(), at.Month(), 1+g.n(28), 0, 0, 0, 0, time.UTC)
	g.buf = b.TimelineDate.AppendFormat(g.buf[:0], time.DateOnly)
	b.Timeline = string(g.buf)
}

// notes adds enrichment on a share of leads, more often once sales works them.
func (g *Generator) notes(l *domain.Lead, website, slug string, ind *industry, age int64, depth int) {
	chance := 8
	if depth >= 2 {
		chance = 30
	}
	if g.n(100) >= chance {
		return
	}
	n := 1 + g.n(3)
	l.Notes = make([]domain.Note, n)
	offs := g.sortedOffsets(n, age)
	for i := range l.Notes {
		nt := &l.Notes[i]
		nt.Created = l.Created.Add(time.Duration(offs[i]) * time.Second)
		if g.n(100) < 15 {
			f := g.n(len(ind.fairs))
			nt.Kind, nt.Text, nt.URL = domain.NoteEvent, ind.fairExhibitor[f], "https://"+website+"/events"
			continue
		}
		tp := &noteTemplates[g.n(len(noteTemplates))]
		nt.Kind, nt.Text = tp.kind, tp.text
		if tp.path == "linkedin" {
			nt.URL = "https://www.linkedin.com/company/" + slug
		} else {
			nt.URL = "https://" + website + tp.path
		}
	}
}

// custom sets the odd extra field reps keep: the fair booth, an old CRM's ID.
func (g *Generator) custom(l *domain.Lead, src *source) {
	if g.n(100) >= 6 {
		return
	}
	if src.name == sourceTradeFair && g.n(100) < 70 {
		b := append(g.buf[:0], "Halle "...)
		b = strconv.AppendInt(b, int64(1+g.n(27)), 10)
		b = append(b, ", Stand "...)
		b = append(b, byte('A'+g.n(8)))
		b = strconv.AppendInt(b, int64(1+g.n(60)), 10)
		g.buf = b
		l.Custom = map[string]string{"messestand": string(b)}
		return
	}
	b := append(g.buf[:0], crmPrefixes[g.n(len(crmPrefixes))]...)
	b = strconv.AppendInt(b, 100_000+g.n64(900_000), 10)
	g.buf = b
	l.Custom = map[string]string{"crm_id": string(b)}
}

// Leads yields the generator's next n leads.
func (g *Generator) Leads(n int) iter.Seq[*domain.Lead] {
	return func(yield func(*domain.Lead) bool) {
		for i := 0; i < n; i++ {
			if !yield(g.Lead()) {
				return
			}
		}
	}
}
