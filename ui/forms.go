package ui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/huh"

	"leadq/domain"
	"leadq/ui/i18n"
)

// ---- BANT ----

type bantValues struct {
	Amount, Currency   string
	Budget             domain.BudgetStatus
	Authority          domain.Authority
	Role, Need         string
	Urgency            domain.Urgency
	Timeline, Estimate string
}

func bantValuesOf(tr *i18n.Catalog, b domain.BANT) bantValues {
	v := bantValues{Currency: orDefault(b.Budget.Currency, "EUR"), Budget: b.BudgetStatus, Authority: b.Authority,
		Role: b.AuthorityRole, Need: b.Need, Urgency: b.Urgency, Timeline: b.Timeline}
	if b.Budget.Cents != 0 {
		// The currency has its own field.
		v.Amount = tr.Money(domain.Money{Cents: b.Budget.Cents})
	}
	if b.RepEstimate >= 0 {
		v.Estimate = strconv.Itoa(b.RepEstimate)
	}
	return v
}

// budget reads the amount and its currency: one typed with the amount
// ("50.000 €") must agree with the currency field.
func (v bantValues) budget() (domain.Money, error) {
	m, err := domain.ParseMoney(v.Amount)
	if err != nil {
		return domain.Money{}, err
	}
	if err := validateCurrency(v.Currency); err != nil {
		return domain.Money{}, err
	}
	currency := strings.ToUpper(strings.TrimSpace(v.Currency))
	if m.Currency != "" && currency != "" && m.Currency != currency {
		return domain.Money{}, domain.Problemf("form.bant.currency-mismatch", "the amount is in %s, the currency says %s: make them agree", m.Currency, currency)
	}
	if m.Currency == "" {
		m.Currency = currency
	}
	return m, nil
}

// status is the budget status to save: an amount typed while the status
// is still "not asked" is an estimate.
func (v bantValues) status(m domain.Money) domain.BudgetStatus {
	switch {
	case v.Budget == domain.BudgetNotAsked && m.Cents != 0:
		return domain.BudgetEstimated
	case m.Cents == 0 && strings.TrimSpace(v.Amount) != "":
		// A budget of 0 is an answer: there is none.
		return domain.BudgetNone
	}
	return v.Budget
}

// toBANT reads the answers; the first invalid one is the error. Whether
// the status and the amount go together is SaveBANT's to say.
func (v bantValues) toBANT(now time.Time) (domain.BANT, error) {
	money, err := v.budget()
	if err != nil {
		return domain.BANT{}, err
	}
	status := v.status(money)
	if status == domain.BudgetNotAsked || status == domain.BudgetNone {
		money = domain.Money{}
	}
	text, first, err := domain.ParseTimeline(v.Timeline, now)
	if err != nil {
		return domain.BANT{}, err
	}
	est, err := parseEstimate(v.Estimate)
	if err != nil {
		return domain.BANT{}, err
	}
	return domain.BANT{
		Budget: money, BudgetStatus: status,
		Authority: v.Authority, AuthorityRole: strings.TrimSpace(v.Role),
		Need: strings.TrimSpace(v.Need), Urgency: v.Urgency,
		Timeline: text, TimelineDate: first, RepEstimate: est,
	}, nil
}

// amountReadBack says how an amount was read, to the cent, before it is
// saved: "1.234" is one thousand two hundred thirty-four, the German way.
func amountReadBack(tr *i18n.Catalog, s string) string {
	m, err := domain.ParseMoney(s)
	if err != nil || strings.TrimSpace(s) == "" {
		return tr.T("form.bant.amount-hint")
	}
	if m.Cents == 0 {
		return tr.T("form.bant.amount-none")
	}
	mark := "."
	if tr.Lang() == i18n.German {
		mark = ","
	}
	// The cents without grouping, so no mark can be read two ways.
	exact := fmt.Sprintf("%d%s%02d", m.Cents/100, mark, m.Cents%100)
	return tr.F("form.bant.amount-reads", tr.Money(domain.Money{Cents: m.Cents}), exact)
}

func validateCurrency(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if len(s) != 3 || strings.ToUpper(s) != strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, strings.ToUpper(s)) {
		return domain.Problemf("form.bant.currency-code", "\"%s\" is not a currency code like EUR, CHF or USD", s)
	}
	return nil
}

func parseEstimate(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return -1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 100 {
		return -1, domain.Problemf("form.bant.estimate-invalid", "\"%s\" is not a probability: give a whole number from 0 to 100", s)
	}
	return n, nil
}

func bantEditor(tr *i18n.Catalog, l *domain.Lead, now time.Time) *editor {
	v := new(bantValues)
	*v = bantValuesOf(tr, l.BANT)
	initial := *v
	authorities := []huh.Option[domain.Authority]{}
	for _, a := range []domain.Authority{domain.AuthorityUnknown, domain.AuthorityDecisionMaker, domain.AuthorityInfluencer, domain.AuthorityUser, domain.AuthorityGatekeeper} {
		authorities = append(authorities, huh.NewOption(tr.Authority(a), a))
	}
	statuses := []huh.Option[domain.BudgetStatus]{}
	for _, b := range []domain.BudgetStatus{domain.BudgetNotAsked, domain.BudgetNone, domain.BudgetEstimated, domain.BudgetConfirmed} {
		statuses = append(statuses, huh.NewOption(tr.Budget(b), b))
	}
	urgencies := []huh.Option[domain.Urgency]{huh.NewOption(tr.T("form.bant.urgency-unknown"), domain.UrgencyUnknown)}
	for _, u := range []domain.Urgency{domain.UrgencyLow, domain.UrgencyMedium, domain.UrgencyHigh} {
		urgencies = append(urgencies, huh.NewOption(tr.Urgency(u), u))
	}
	probabilityText := func() string {
		b, err := v.toBANT(now)
		if err != nil {
			return tr.T("form.bant.probability-fix")
		}
		return tr.F("form.bant.probability", tr.Percent(b.Probability(now)))
	}
	var live func()
	build := func() *huh.Form {
		computed := huh.NewNote()
		currencyIn := huh.NewInput().Title(tr.T("form.bant.currency")).Value(&v.Currency).CharLimit(3).Validate(validateCurrency)
		// Whether status and amount go together is SaveBANT's to say, when
		// the form is saved.
		statusSel := chooseInline(huh.NewSelect[domain.BudgetStatus]().Title(tr.T("form.bant.status")), &v.Budget, statuses...)
		amount := huh.NewInput().Title(tr.T("form.bant.budget")).Placeholder(tr.T("form.bant.budget-placeholder")).Value(&v.Amount).
			Description(amountReadBack(tr, v.Amount)).
			Validate(func(s string) error {
				m, err := domain.ParseMoney(s)
				if err != nil {
					return err
				}
				// What the amount says shows in the fields after it: a
				// currency typed with it, and that an amount is an estimate
				// at least.
				if m.Currency != "" && m.Currency != strings.ToUpper(strings.TrimSpace(v.Currency)) {
					v.Currency = m.Currency
					currencyIn.Value(&v.Currency)
				}
				if m.Cents != 0 && v.Budget == domain.BudgetNotAsked {
					v.Budget = domain.BudgetEstimated
					statusSel.Value(&v.Budget)
				}
				return nil
			})
		form := newForm(huh.NewGroup(
			amount,
			currencyIn,
			statusSel,
			chooseInline(huh.NewSelect[domain.Authority]().Title(tr.T("form.bant.authority")), &v.Authority, authorities...),
			huh.NewInput().Title(tr.T("form.bant.role")).Placeholder(tr.T("form.bant.role-placeholder")).Value(&v.Role),
			huh.NewInput().Title(tr.T("form.bant.need")).Value(&v.Need),
			chooseInline(huh.NewSelect[domain.Urgency]().Title(tr.T("form.bant.urgency")), &v.Urgency, urgencies...),
			huh.NewInput().Title(tr.T("form.bant.timeline")).Placeholder(tr.T("form.bant.timeline-placeholder")).Value(&v.Timeline).
				Validate(func(s string) error { _, _, err := domain.ParseTimeline(s, now); return err }),
			huh.NewInput().Title(tr.T("form.bant.estimate")).Value(&v.Estimate).Validate(func(s string) error { _, err := parseEstimate(s); return err }),
			computed.Title(probabilityText()),
		))
		live = func() {
			amount.Description(amountReadBack(tr, v.Amount))
			computed.Title(probabilityText())
		}
		return form
	}
	return &editor{
		title: tr.F("form.bant.title", l.DisplayName()),
		form:  build(),
		build: build,
		live:  &live,
		dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			b, err := v.toBANT(now)
			if err != nil {
				return change{}, err
			}
			return change{what: tr.T("form.bant.what"), mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.SaveBANT(b, now, by)
			}}, nil
		},
	}
}

// ---- Fit ----

type fitValues struct {
	Fit    domain.Fit
	Reason string
}

func fitEditor(tr *i18n.Catalog, l *domain.Lead) *editor {
	v := &fitValues{Fit: l.Fit, Reason: l.FitReason}
	if v.Fit == domain.FitUnrated {
		v.Fit = domain.FitGood
	}
	initial := fitValues{Fit: l.Fit, Reason: l.FitReason}
	// The stored reason is the reason for the stored fit: another fit
	// starts with an empty one.
	reasonFor := l.Fit
	reasonText := func() string {
		if v.Fit == domain.FitNone {
			return tr.F("form.fit.reason-required", tr.Fit(domain.FitNone))
		}
		return tr.T("form.optional")
	}
	var live func()
	build := func() *huh.Form {
		reasonIn := huh.NewInput()
		fitSel := choose(huh.NewSelect[domain.Fit]().Title(tr.T("form.fit.fit")).Validate(func(f domain.Fit) error {
			if f != reasonFor {
				reasonFor, v.Reason = f, ""
				reasonIn.Value(&v.Reason)
			}
			return nil
		}), &v.Fit,
			huh.NewOption(tr.Fit(domain.FitGood), domain.FitGood),
			huh.NewOption(tr.F("form.fit.low", tr.Fit(domain.FitLow)), domain.FitLow),
			huh.NewOption(tr.F("form.fit.none", tr.Fit(domain.FitNone)), domain.FitNone),
		)
		form := newForm(huh.NewGroup(
			fitSel,
			reasonIn.Title(tr.T("form.reason")).Description(reasonText()).Value(&v.Reason).Validate(func(s string) error {
				if v.Fit == domain.FitNone && strings.TrimSpace(s) == "" {
					return errors.New(tr.T("form.fit.reason-missing"))
				}
				return nil
			}),
		))
		live = func() { reasonIn.Description(reasonText()) }
		return form
	}
	return &editor{
		title: tr.F("form.fit.title", l.DisplayName()),
		form:  build(),
		build: build,
		live:  &live,
		dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			f, reason := v.Fit, v.Reason
			if f != initial.Fit && reason == initial.Reason {
				reason = "" // saved from the fit itself: the old reason is not this fit's
			}
			return change{what: tr.T("form.fit.what"), mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.SetFit(f, reason, now, by)
			}}, nil
		},
	}
}

// ---- Stage ----

type stageValues struct {
	To     domain.Stage
	Reason string
}

func stageEditor(tr *i18n.Catalog, l *domain.Lead) (*editor, error) {
	moves := domain.AllowedMoves(l.Stage)
	if len(moves) == 0 {
		return nil, domain.Problemf("form.stage.stuck", "a lead at %s cannot move any more", l.Stage)
	}
	from := l.Stage
	// The next stage forward comes first: the move a rep makes most.
	if fwd, ok := domain.ForwardMove(from); ok {
		rest := []domain.Stage{fwd}
		for _, s := range moves {
			if s != fwd {
				rest = append(rest, s)
			}
		}
		moves = rest
	}
	v := &stageValues{To: moves[0]}
	opts := make([]huh.Option[domain.Stage], len(moves))
	for i, s := range moves {
		label := tr.Stage(s)
		if _, needs := domain.MoveNeedsReason(from, s); needs {
			label += tr.T("form.stage.needsreason")
		}
		if domain.EndsQueue(s) {
			label += tr.T("form.stage.leaves")
		}
		opts[i] = huh.NewOption(label, s)
	}
	reasonText := func() string {
		if _, needs := domain.MoveNeedsReason(from, v.To); needs {
			return tr.T("form.stage.reason-required")
		}
		return tr.T("form.optional")
	}
	var live func()
	build := func() *huh.Form {
		reasonIn := huh.NewInput().Title(tr.T("form.reason")).Description(reasonText())
		form := newForm(huh.NewGroup(
			choose(huh.NewSelect[domain.Stage]().Title(tr.T("form.stage.to")), &v.To, opts...),
			reasonIn.Value(&v.Reason).Validate(func(s string) error {
				if _, needs := domain.MoveNeedsReason(from, v.To); needs && strings.TrimSpace(s) == "" {
					return errors.New(tr.T("form.stage.reason-missing"))
				}
				return nil
			}),
		))
		live = func() { reasonIn.Description(reasonText()) }
		return form
	}
	return &editor{
		title: tr.F("form.stage.title", tr.Stage(from), l.DisplayName()),
		form:  build(),
		build: build,
		live:  &live,
		dirty: func() bool { return v.Reason != "" },
		commit: func() (change, error) {
			to, reason := v.To, v.Reason
			c := change{what: tr.F("form.stage.what", tr.Stage(to)), mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.Move(to, reason, now, by)
			}}
			if domain.EndsQueue(to) {
				c.ask = tr.F("form.stage.ask", l.DisplayName(), tr.Stage(to))
			}
			return c, nil
		},
	}, nil
}

// ---- Consent ----

type consentValues struct {
	Status       domain.ConsentStatus
	Source, Date string
}

func parseDay(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"02.01.2006", "2.1.2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, domain.Problemf("form.consent.date-invalid", "\"%s\" is not a date: write 15.03.2026 or 2026-03-15", s)
}

func consentEditor(tr *i18n.Catalog, l *domain.Lead, now time.Time) *editor {
	v := &consentValues{Status: l.Consent.Status, Source: l.Consent.Source}
	if !l.Consent.Date.IsZero() {
		v.Date = l.Consent.Date.In(now.Location()).Format("02.01.2006")
	}
	initial := *v
	opts := []huh.Option[domain.ConsentStatus]{}
	for _, c := range []domain.ConsentStatus{domain.ConsentNone, domain.ConsentOptIn, domain.ConsentDoubleOptIn, domain.ConsentWithdrawn} {
		opts = append(opts, huh.NewOption(tr.Consent(c), c))
	}
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			choose(huh.NewSelect[domain.ConsentStatus]().Title(tr.T("form.consent.status")), &v.Status, opts...),
			huh.NewInput().Title(tr.T("form.consent.source")).Placeholder(tr.T("form.consent.source-placeholder")).Value(&v.Source),
			huh.NewInput().Title(tr.T("form.consent.date")).Placeholder(tr.T("form.consent.date-placeholder")).Value(&v.Date).
				Validate(func(s string) error { _, err := parseDay(s, now); return err }),
		))
	}
	return &editor{
		title: tr.F("form.consent.title", l.DisplayName()),
		form:  build(),
		build: build,
		dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			d, err := parseDay(v.Date, now)
			if err != nil {
				return change{}, err
			}
			c := domain.Consent{Status: v.Status, Source: v.Source, Date: d}
			return change{what: tr.T("form.consent.what"), mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.SetConsent(c, now, by)
			}}, nil
		},
	}
}

// ---- Touch: sales contact, marketing, or a remark ----

type touchValues struct {
	Kind domain.ActivityKind
	Note string
}

// touchRemark is the touch form's "remark": a free note for the history,
// no touch of the lead.
const touchRemark = domain.KindUnknown

// touchOptions are what the touch form offers, sales contact first: the
// rep's own contact needs no consent; marketing needs it and keeps to the
// cadence. Each is a message id and the kind it logs.
var touchOptions = []struct {
	id   string
	kind domain.ActivityKind
}{
	{"form.touch.option.email", domain.KindEmail},
	{"form.touch.option.meeting", domain.KindMeeting},
	{"form.touch.option.letter", domain.KindLetter},
	{"form.touch.option.event", domain.KindEvent},
	{"form.touch.option.newsletter", domain.KindNewsletter},
	{"form.touch.option.mailing", domain.KindMailing},
	{"form.touch.option.remark", touchRemark},
}

func touchEditor(tr *i18n.Catalog, l *domain.Lead, window string) *editor {
	v := &touchValues{Kind: domain.KindEmail}
	opts := make([]huh.Option[domain.ActivityKind], len(touchOptions))
	for i, o := range touchOptions {
		opts[i] = huh.NewOption(tr.T(o.id), o.kind)
	}
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			choose(huh.NewSelect[domain.ActivityKind]().Title(tr.T("form.touch.kind")), &v.Kind, opts...),
			huh.NewText().Title(tr.T("form.touch.note")).Description(tr.T("form.touch.note-hint")).Lines(3).Value(&v.Note).Validate(func(s string) error {
				if v.Kind == touchRemark && strings.TrimSpace(s) == "" {
					return errors.New(tr.T("form.touch.remark-missing"))
				}
				return nil
			}),
		))
	}
	touch := func(confirmed bool) change {
		kind, note := v.Kind, v.Note
		what := tr.Activity(kind)
		if tr.Lang() == i18n.English {
			what = strings.ToLower(what) // "email saved"; a German noun keeps its capital
		}
		return change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
			return l.LogTouch(kind, note, confirmed, window, now, by)
		}}
	}
	return &editor{
		title: tr.F("form.touch.title", l.DisplayName()),
		form:  build(),
		build: build,
		dirty: func() bool { return strings.TrimSpace(v.Note) != "" },
		commit: func() (change, error) {
			if v.Kind == touchRemark {
				text := v.Note
				return change{what: tr.T("form.touch.remark-what"), mutate: func(l *domain.Lead, now time.Time, by string) error {
					return l.LogRemark(text, now, by)
				}}, nil
			}
			c := touch(false)
			c.retry = func() change { return touch(true) }
			return c, nil
		},
	}
}

// ---- Enrichment note ----

type noteValues struct {
	Kind      domain.NoteKind
	URL, Text string
}

// noteEditor adds a note (index < 0) or edits note index.
func noteEditor(tr *i18n.Catalog, l *domain.Lead, index int) *editor {
	v := &noteValues{Kind: domain.NoteWebsite}
	title := tr.F("form.note.title-new", l.DisplayName())
	if index >= 0 && index < len(l.Notes) {
		n := l.Notes[index]
		v = &noteValues{Kind: n.Kind, URL: n.URL, Text: n.Text}
		title = tr.F("form.note.title-edit", l.DisplayName())
	}
	initial := *v
	opts := []huh.Option[domain.NoteKind]{}
	for _, k := range []domain.NoteKind{domain.NoteWebsite, domain.NoteTeamPage, domain.NoteNewsletter, domain.NoteSocial, domain.NotePress, domain.NoteEvent, domain.NoteOther} {
		opts = append(opts, huh.NewOption(tr.NoteKind(k), k))
	}
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			choose(huh.NewSelect[domain.NoteKind]().Title(tr.T("form.note.kind")), &v.Kind, opts...),
			huh.NewInput().Title(tr.T("form.note.link")).Placeholder(tr.T("form.note.link-placeholder")).Value(&v.URL).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				return domain.ValidateURL(s)
			}),
			huh.NewText().Title(tr.T("form.note.text")).Description(tr.T("form.newline")).Lines(5).Value(&v.Text).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New(tr.T("form.note.text-missing"))
				}
				return nil
			}),
		))
	}
	return &editor{
		title: title,
		form:  build(),
		build: build,
		dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			n := domain.Note{Kind: v.Kind, URL: v.URL, Text: v.Text}
			what := tr.T("form.note.what")
			if index >= 0 {
				return change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
					return l.EditNote(index, n, now, by)
				}}, nil
			}
			return change{what: what, mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.AddNote(n, now, by)
			}}, nil
		},
	}
}

// ---- Contact and company ----

type leadValues struct {
	Salutation, FirstName, LastName                string
	Name, Title, Email, Phone, Mobile              string
	Company, Website, Industry, Employees, Revenue string
	Country, Street, PostalCode, City, Source      string
}

func leadValuesOf(tr *i18n.Catalog, l *domain.Lead) leadValues {
	v := leadValues{Salutation: l.Salutation, FirstName: l.FirstName, LastName: l.LastName,
		Name: l.Name, Title: l.Title, Email: l.Email, Phone: l.Phone, Mobile: l.Mobile,
		Company: l.Company.Name, Website: l.Company.Website, Industry: l.Company.Industry,
		Country: l.Company.Country, Street: l.Company.Street, PostalCode: l.Company.PostalCode, City: l.Company.City, Source: l.Source}
	if l.Company.Employees > 0 {
		v.Employees = strconv.Itoa(l.Company.Employees)
	}
	if l.Company.AnnualRevenue > 0 {
		v.Revenue = tr.Amount(l.Company.AnnualRevenue, "")
	}
	return v
}

// apply writes the values into l, or says which number cannot be read;
// the rest is checked where the lead is saved (EditContact, AddLead). An
// empty display name is made from first and last name.
func (v leadValues) apply(l *domain.Lead) error {
	emp, err := domain.ParseCount(v.Employees)
	if err != nil {
		return domain.Problemf("form.contact.employees-invalid", "employees: %v", err)
	}
	rev, err := domain.ParseAmount(v.Revenue)
	if err != nil {
		return domain.Problemf("form.contact.revenue-invalid", "revenue: %v", err)
	}
	t := strings.TrimSpace
	l.Salutation, l.FirstName, l.LastName = t(v.Salutation), t(v.FirstName), t(v.LastName)
	l.Name, l.Title, l.Email, l.Phone, l.Mobile = t(v.Name), t(v.Title), domain.NormaliseEmail(v.Email), t(v.Phone), t(v.Mobile)
	if l.Name == "" {
		l.Name = t(l.FirstName + " " + l.LastName)
	}
	l.Company.Name, l.Company.Website, l.Company.Industry = t(v.Company), t(v.Website), t(v.Industry)
	l.Company.Employees, l.Company.AnnualRevenue = emp, rev
	l.Company.Country, l.Company.Street = strings.ToUpper(t(v.Country)), t(v.Street)
	l.Company.PostalCode, l.Company.City = t(v.PostalCode), t(v.City)
	l.Source = t(v.Source)
	return nil
}

// check applies the values to a blank lead and says what a save would
// refuse, before anything is written.
func (v leadValues) check(tr *i18n.Catalog) error {
	l := &domain.Lead{BANT: domain.BANT{RepEstimate: -1}}
	if err := v.apply(l); err != nil {
		return err
	}
	if errs := l.Validate(); len(errs) > 0 {
		return fieldError(tr, errs[0])
	}
	return nil
}

// fieldLabels are the message ids of the words for the fields the domain
// may refuse, as the contact form titles them.
var fieldLabels = map[string]string{
	"salutation": "form.field.salutation", "first_name": "form.field.first_name", "last_name": "form.field.last_name",
	"name": "form.field.name", "title": "form.field.title", "email": "form.field.email", "phone": "form.field.phone",
	"mobile": "form.field.mobile", "source": "form.field.source", "company": "form.field.company",
	"website": "form.field.website", "industry": "form.field.industry", "employees": "form.field.employees",
	"annual_revenue": "form.field.annual_revenue", "country": "form.field.country", "street": "form.field.street",
	"postal_code": "form.field.postal_code", "city": "form.field.city",
}

// fieldLabel is the word for a field; a custom field is its key.
func fieldLabel(tr *i18n.Catalog, field string) string {
	if id, ok := fieldLabels[field]; ok {
		return tr.T(id)
	}
	return strings.TrimPrefix(field, "custom.")
}

// fieldError words a field the domain refuses with the field's label.
func fieldError(tr *i18n.Catalog, fe domain.FieldError) error {
	why := fe.Msg
	if fe.Err != nil {
		why = tr.Error(fe.Err)
	}
	return errors.New(tr.F("form.field.refused", fieldLabel(tr, string(fe.Field)), why))
}

func optional(check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return check(strings.TrimSpace(s))
	}
}

// required refuses an empty field with the message given.
func required(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

// customValues are the custom fields of the contact form: one input for
// each of the lead's own, and one new field.
type customValues struct {
	keys             []string // the lead's keys, sorted
	stored           []string // their values as stored
	values           []string // as edited; the form binds them
	newKey, newValue string
	newKeyIn         *huh.Input // the new field's name, whose description follows it
}

// newKeyText says what the new field's name is kept as.
func (c *customValues) newKeyText(tr *i18n.Catalog) string {
	if k := domain.CustomKey(c.newKey); k != "" {
		return tr.F("form.custom.keptas", k)
	}
	return tr.T("form.custom.new-hint")
}

func customValuesOf(l *domain.Lead) *customValues {
	c := &customValues{}
	for k := range l.Custom {
		c.keys = append(c.keys, k)
	}
	sort.Strings(c.keys)
	for _, k := range c.keys {
		c.stored = append(c.stored, l.Custom[k])
	}
	c.values = append([]string(nil), c.stored...)
	return c
}

// sameText compares values as an input shows them: an input turns tabs
// and line breaks into blanks and drops other control characters, which
// is no edit by the rep.
func sameText(a, b string) bool { return asInput(a) == asInput(b) }

func asInput(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case r == utf8.RuneError || unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func (c *customValues) dirty() bool {
	for i := range c.keys {
		if !sameText(c.values[i], c.stored[i]) {
			return true
		}
	}
	return strings.TrimSpace(c.newKey+c.newValue) != ""
}

// snapshot copies the values as they are now, for the change to write.
func (c *customValues) snapshot() *customValues {
	cp := *c
	cp.values = append([]string(nil), c.values...)
	return &cp
}

// apply sets the edited custom fields on l: an emptied value removes its
// field; the new one is kept under its key as domain.CustomKey makes it.
func (c *customValues) apply(l *domain.Lead) error {
	for i, k := range c.keys {
		if sameText(c.values[i], c.stored[i]) {
			continue
		}
		if err := domain.SetContactField(l, "custom."+k, strings.TrimSpace(c.values[i])); err != nil {
			return err
		}
	}
	value := strings.TrimSpace(c.newValue)
	if value == "" {
		return nil
	}
	key := domain.CustomKey(c.newKey)
	if key == "" {
		return domain.Problemf("form.custom.unnamed", "the new custom field needs a name")
	}
	return domain.SetContactField(l, "custom."+key, value)
}

// fields are the inputs of the form's "Custom fields" group.
func (c *customValues) fields(tr *i18n.Catalog) []huh.Field {
	var out []huh.Field
	for i, k := range c.keys {
		if strings.Contains(c.stored[i], "\n") {
			out = append(out, huh.NewText().Title(safe(k)).Description(tr.T("form.custom.remove-lines")).Lines(3).Value(&c.values[i]))
			continue
		}
		out = append(out, huh.NewInput().Title(safe(k)).Description(tr.T("form.custom.remove")).Value(&c.values[i]))
	}
	c.newKeyIn = huh.NewInput().Title(tr.T("form.custom.new")).Placeholder(tr.T("form.custom.new-placeholder")).Description(c.newKeyText(tr))
	out = append(out,
		c.newKeyIn.Value(&c.newKey).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			k := domain.CustomKey(s)
			if k == "" {
				return errors.New(tr.T("form.custom.new-noletter"))
			}
			for _, have := range c.keys {
				if have == k {
					return errors.New(tr.F("form.custom.new-exists", k))
				}
			}
			return nil
		}),
		huh.NewInput().Title(tr.T("form.custom.value")).Value(&c.newValue).Validate(func(s string) error {
			if strings.TrimSpace(s) != "" && domain.CustomKey(c.newKey) == "" {
				return errors.New(tr.T("form.custom.value-noname"))
			}
			return nil
		}),
	)
	return out
}

// leadEditor edits a lead's contact and company (l) or, with l nil, a new lead.
func leadEditor(tr *i18n.Catalog, l *domain.Lead) *editor {
	base := &domain.Lead{BANT: domain.BANT{RepEstimate: -1}, Company: domain.Company{Country: "DE"}}
	title := tr.T("form.contact.title-new")
	if l != nil {
		base = l
		title = tr.F("form.contact.title-edit", l.DisplayName())
	}
	v := new(leadValues)
	*v = leadValuesOf(tr, base)
	initial := *v
	// A lead being edited has its custom fields, and may gain one; a new
	// lead gets them once it is saved.
	var custom *customValues
	if l != nil {
		custom = customValuesOf(l)
	}
	in := func(id string) *huh.Input { return huh.NewInput().Title(tr.T(id)) }
	build := func() *huh.Form {
		groups := []*huh.Group{
			huh.NewGroup(
				in("form.contact.salutation").Placeholder(tr.T("form.contact.salutation-placeholder")).Value(&v.Salutation),
				in("form.contact.first_name").Value(&v.FirstName),
				in("form.contact.last_name").Value(&v.LastName),
				in("form.contact.name").Description(tr.T("form.contact.name-hint")).Value(&v.Name).Validate(func(s string) error {
					if strings.TrimSpace(s+v.FirstName+v.LastName) == "" {
						return errors.New(tr.T("form.contact.name-missing"))
					}
					return nil
				}),
				in("form.contact.title").Placeholder(tr.T("form.contact.title-placeholder")).Value(&v.Title),
				in("form.contact.email").Value(&v.Email).Validate(optional(domain.ValidateEmail)),
				in("form.contact.phone").Placeholder("+49 30 1234567").Value(&v.Phone).Validate(optional(domain.ValidatePhone)),
				in("form.contact.mobile").Value(&v.Mobile).Validate(optional(domain.ValidatePhone)),
				in("form.contact.source").Placeholder(tr.T("form.contact.source-placeholder")).Value(&v.Source),
			).Title(tr.T("form.contact.group.contact")),
			huh.NewGroup(
				in("form.contact.company").Value(&v.Company).Validate(required(tr.T("form.contact.company-missing"))),
				in("form.contact.website").Value(&v.Website).Validate(optional(domain.ValidateURL)),
				in("form.contact.industry").Value(&v.Industry),
				in("form.contact.employees").Value(&v.Employees).Validate(optional(func(s string) error { _, err := domain.ParseCount(s); return err })),
				in("form.contact.annual_revenue").Value(&v.Revenue).Validate(optional(func(s string) error { _, err := domain.ParseAmount(s); return err })),
				in("form.contact.country").Value(&v.Country).CharLimit(2),
				in("form.contact.street").Value(&v.Street),
				in("form.contact.postal_code").Value(&v.PostalCode).Validate(optional(func(s string) error {
					return domain.ValidatePostalCode(strings.ToUpper(strings.TrimSpace(v.Country)), s)
				})),
				in("form.contact.city").Value(&v.City),
			).Title(tr.T("form.contact.group.company")),
		}
		if custom != nil {
			groups = append(groups, huh.NewGroup(custom.fields(tr)...).Title(tr.T("form.contact.group.custom")))
		}
		return newForm(groups...)
	}
	var live func()
	if custom != nil {
		live = func() { custom.newKeyIn.Description(custom.newKeyText(tr)) }
	}
	e := &editor{title: title, form: build(), build: build, live: &live, dirty: func() bool {
		return *v != initial || custom != nil && custom.dirty()
	}}
	e.commit = func() (change, error) {
		vals := *v
		if err := vals.check(tr); err != nil {
			return change{}, err
		}
		edit := vals.apply
		if custom != nil {
			cv := custom.snapshot()
			edit = func(l *domain.Lead) error {
				if err := vals.apply(l); err != nil {
					return err
				}
				return cv.apply(l)
			}
		}
		return change{what: tr.T("form.contact.what"),
			mutate: func(l *domain.Lead, now time.Time, by string) error {
				err := l.EditContact(edit, now, by)
				var fe domain.FieldError
				if errors.As(err, &fe) {
					return fieldError(tr, fe)
				}
				return err
			},
			create: vals.apply,
		}, nil
	}
	return e
}

// ---- Follow-up: the nurture lead's next touch date ----

// followUpEditor sets, moves or (emptied) clears the next touch date.
func followUpEditor(tr *i18n.Catalog, l *domain.Lead, now time.Time) *editor {
	v := new(string)
	if !l.NextTouch.IsZero() {
		*v = l.NextTouch.In(now.Location()).Format("02.01.2006 15:04")
	}
	initial := *v
	read := func(s string) (time.Time, error) {
		if strings.TrimSpace(s) == "" {
			return time.Time{}, nil
		}
		return domain.ParseDateTime(s, now)
	}
	build := func() *huh.Form {
		return newForm(huh.NewGroup(
			huh.NewInput().Title(tr.T("form.followup.next")).Placeholder(tr.T("form.followup.placeholder")).
				Description(tr.T("form.followup.hint")).Value(v).
				Validate(func(s string) error { _, err := read(s); return err }),
		))
	}
	return &editor{
		title: tr.F("form.followup.title", l.DisplayName()),
		form:  build(),
		build: build,
		dirty: func() bool { return *v != initial },
		commit: func() (change, error) {
			at, err := read(*v)
			if err != nil {
				return change{}, err
			}
			c := change{what: tr.T("form.followup.what"), mutate: func(l *domain.Lead, now time.Time, by string) error {
				return l.SetFollowUp(at, now, by)
			}}
			if at.IsZero() {
				c.done = tr.T("form.followup.cleared")
			}
			return c, nil
		},
	}
}
