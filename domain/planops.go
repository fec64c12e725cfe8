package domain

import (
	"slices"
	"strings"
)

// This file works on an OpportunityPlan: how complete it is, its lists in
// the order the rep keeps them, and the plan a lead starts with.

// PlanSection is how complete one plan section is: Filled of Total checks.
type PlanSection struct {
	Key, Title    string
	Filled, Total int
}

// planSectionDefs are the sections with what counts as filled in each.
// A list check such as "every milestone has a due date" only counts once
// the list has an entry: an empty list is not a complete one.
var planSectionDefs = []struct {
	key, title string
	count      func(p *OpportunityPlan) []bool
}{
	{"team", "Account team", func(p *OpportunityPlan) []bool {
		// The team lead is set and at least one other member is named.
		return []bool{filled(p.Team.Lead), len(p.Team.Members) > 0}
	}},
	{"profile", "Customer profile", func(p *OpportunityPlan) []bool {
		c := &p.Profile
		return []bool{filled(c.BusinessAreas), filled(c.Products), filled(c.Financials),
			filled(c.Customers), filled(c.Competitors), filled(c.ContactPoints)}
	}},
	{"summary", "Opportunity summary", func(p *OpportunityPlan) []bool {
		s := &p.Summary
		return []bool{filled(s.Project), filled(s.Budget), filled(s.Problems), filled(s.ActNow),
			filled(s.Consequences), filled(s.Schedule), filled(s.ExpectedResults)}
	}},
	{"milestones", "Milestones and buying process", func(p *OpportunityPlan) []bool {
		// At least one step; every step has a deadline; every step has an owner.
		ms := p.Milestones
		return []bool{len(ms) > 0,
			all(ms, func(m Milestone) bool { return !m.Due.IsZero() }),
			all(ms, func(m Milestone) bool { return filled(m.Owner) })}
	}},
	{"persons", "Key persons and decision criteria", func(p *OpportunityPlan) []bool {
		// At least one person; a champion; a budget holder; everyone's decision criteria.
		return []bool{len(p.KeyPersons) > 0, p.Champion() != nil, p.BudgetHolder() != nil,
			all(p.KeyPersons, func(k KeyPerson) bool { return filled(k.Criteria) })}
	}},
	{"competition", "Competition", func(p *OpportunityPlan) []bool {
		// At least one competitor; a plan to win each; strengths and weaknesses of each.
		cs := p.Competitors
		return []bool{len(cs) > 0,
			all(cs, func(c Competitor) bool { return filled(c.PlanToWin) }),
			all(cs, func(c Competitor) bool { return filled(c.Strengths) && filled(c.Weaknesses) })}
	}},
}

func filled(s string) bool { return strings.TrimSpace(s) != "" }

// all reports whether every item passes; an empty list does not.
func all[T any](s []T, ok func(T) bool) bool {
	if len(s) == 0 {
		return false
	}
	for _, v := range s {
		if !ok(v) {
			return false
		}
	}
	return true
}

// PlanSectionTitle is the heading of a plan section key ("persons" → "Key
// persons and decision criteria"), or the key itself when it is unknown.
func PlanSectionTitle(key string) string {
	for _, d := range planSectionDefs {
		if d.key == key {
			return d.title
		}
	}
	return key
}

// Completeness counts the filled checks of each listed section, in the
// order given, and the overall share of all their checks in percent,
// rounded. Sections not listed do not count; unknown or repeated keys are
// skipped. What each section checks:
//
//   - team: the team lead is set; at least one member.
//   - profile: each of its 6 text fields.
//   - summary: each of its 7 text fields.
//   - milestones: at least one; every one has a due date; every one has an owner.
//   - persons: at least one; a champion; a budget holder; everyone has decision criteria.
//   - competition: at least one; every one has a plan to win; every one has
//     strengths and weaknesses.
//
// A text counts as filled when it holds more than white space. A nil plan
// is an empty one.
func (p *OpportunityPlan) Completeness(sections []string) (perSection []PlanSection, overall int) {
	if p == nil {
		p = &OpportunityPlan{}
	}
	var sumFilled, sumTotal int
	for i, key := range sections {
		if slices.Contains(sections[:i], key) {
			continue
		}
		for _, d := range planSectionDefs {
			if d.key != key {
				continue
			}
			s := PlanSection{Key: d.key, Title: d.title}
			for _, ok := range d.count(p) {
				s.Total++
				if ok {
					s.Filled++
				}
			}
			perSection = append(perSection, s)
			sumFilled += s.Filled
			sumTotal += s.Total
		}
	}
	if sumTotal == 0 {
		return perSection, 0
	}
	return perSection, (200*sumFilled + sumTotal) / (2 * sumTotal) // half up
}

// KeyPersonRoles are the roles a key person can play in the buying process;
// "external" is an outside party (consultant, partner) who sways the decision.
var KeyPersonRoles = []string{"champion", "budget holder", "decision maker", "influencer", "user", "external"}

// Validate checks a key person: a name, a role from KeyPersonRoles in any
// case or none, and how well we know them as 0 (unknown) or 1–5.
func (k KeyPerson) Validate() error {
	_, err := k.checked()
	return err
}

// Validate checks a team member: it needs a name.
func (m TeamMember) Validate() error { _, err := m.checked(); return err }

// Validate checks a milestone: it needs a name.
func (m Milestone) Validate() error { _, err := m.checked(); return err }

// Validate checks a competitor: it needs a name.
func (c Competitor) Validate() error { _, err := c.checked(); return err }

// Validate checks every entry of the plan's lists and names the first
// that cannot be kept.
func (p *OpportunityPlan) Validate() error {
	if p == nil {
		return nil
	}
	for _, err := range []error{validateList(p.Team.Members), validateList(p.Milestones),
		validateList(p.KeyPersons), validateList(p.Competitors)} {
		if err != nil {
			return err
		}
	}
	return nil
}

func validateList[T planItem[T]](s []T) error {
	for i, v := range s {
		if _, err := v.checked(); err != nil {
			return Problemf("err.plan.item", "%s %d: %s", v.noun(), i+1, err)
		}
	}
	return nil
}

// planItem is an entry of one of the plan's lists.
type planItem[T any] interface {
	// checked returns the entry as it is kept (name trimmed, role in its
	// canonical spelling) or why it cannot be kept.
	checked() (T, error)
	noun() *Problem       // "milestone", for messages
	count(n int) *Problem // "no milestones", "1 milestone", "3 milestones"
}

func (TeamMember) noun() *Problem { return Problemf("err.plan.team.noun", "team member") }
func (Milestone) noun() *Problem  { return Problemf("err.plan.milestone.noun", "milestone") }
func (KeyPerson) noun() *Problem  { return Problemf("err.plan.person.noun", "key person") }
func (Competitor) noun() *Problem { return Problemf("err.plan.competitor.noun", "competitor") }

func (TeamMember) count(n int) *Problem {
	switch n {
	case 0:
		return Problemf("err.plan.team.none", "no team members")
	case 1:
		return Problemf("err.plan.team.single", "1 team member")
	}
	return Problemf("err.plan.team.several", "%d team members", n)
}

func (Milestone) count(n int) *Problem {
	switch n {
	case 0:
		return Problemf("err.plan.milestone.none", "no milestones")
	case 1:
		return Problemf("err.plan.milestone.single", "1 milestone")
	}
	return Problemf("err.plan.milestone.several", "%d milestones", n)
}

func (KeyPerson) count(n int) *Problem {
	switch n {
	case 0:
		return Problemf("err.plan.person.none", "no key persons")
	case 1:
		return Problemf("err.plan.person.single", "1 key person")
	}
	return Problemf("err.plan.person.several", "%d key persons", n)
}

func (Competitor) count(n int) *Problem {
	switch n {
	case 0:
		return Problemf("err.plan.competitor.none", "no competitors")
	case 1:
		return Problemf("err.plan.competitor.single", "1 competitor")
	}
	return Problemf("err.plan.competitor.several", "%d competitors", n)
}

func (m TeamMember) checked() (TeamMember, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return m, Problemf("err.plan.team.name", "a team member needs a name")
	}
	return m, nil
}

func (m Milestone) checked() (Milestone, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return m, Problemf("err.plan.milestone.name", "a milestone needs a name: which step of the buying process is it?")
	}
	return m, nil
}

func (c Competitor) checked() (Competitor, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, Problemf("err.plan.competitor.name", "a competitor needs a name")
	}
	return c, nil
}

func (k KeyPerson) checked() (KeyPerson, error) {
	k.Name = strings.TrimSpace(k.Name)
	if k.Name == "" {
		return k, Problemf("err.plan.person.name", "a key person needs a name")
	}
	if r := strings.TrimSpace(k.Role); r != "" {
		i := slices.IndexFunc(KeyPersonRoles, func(s string) bool { return strings.EqualFold(s, r) })
		if i < 0 {
			return k, Problemf("err.plan.person.role", "%q is not a role in the buying process (want %s)", k.Role, strings.Join(KeyPersonRoles, ", "))
		}
		k.Role = KeyPersonRoles[i]
	} else {
		k.Role = ""
	}
	if k.Familiarity < 0 || k.Familiarity > 5 {
		return k, Problemf("err.plan.person.familiarity", "how well we know %s is %d: give 1 (barely) to 5 (very well), or 0 for unknown", k.Name, k.Familiarity)
	}
	return k, nil
}

// ErrListEnd is wrapped by a move past the first or last entry of a list,
// so a caller can treat it as nothing to do.
var ErrListEnd error = Problemf("err.plan.list-end", "already at the end of the list")

// The list operations below never write into the slice they are given:
// each returns a fresh one, so a copy of the plan taken before an edit
// (to undo or compare) keeps its lists. An emptied list becomes nil.
// Indexes are 0-based; messages count from 1 as the rep does. None of
// them touches Updated: that is the caller's, who knows the time.

func noSuch[T planItem[T]](s []T, i int) error {
	var zero T
	return Problemf("err.plan.no-such", "there is no %s %d: the plan has %s", zero.noun(), i+1, zero.count(len(s)))
}

func listInsert[T planItem[T]](s []T, i int, v T) ([]T, error) {
	if i < 0 || i > len(s) {
		return s, Problemf("err.plan.insert", "cannot insert a %s at position %d: the plan has %s", v.noun(), i+1, v.count(len(s)))
	}
	v, err := v.checked()
	if err != nil {
		return s, err
	}
	return slices.Insert(slices.Clone(s), i, v), nil
}

func listUpdate[T planItem[T]](s []T, i int, v T) ([]T, error) {
	if i < 0 || i >= len(s) {
		return s, noSuch(s, i)
	}
	v, err := v.checked()
	if err != nil {
		return s, err
	}
	out := slices.Clone(s)
	out[i] = v
	return out, nil
}

func listDelete[T planItem[T]](s []T, i int) ([]T, error) {
	if i < 0 || i >= len(s) {
		return s, noSuch(s, i)
	}
	out := slices.Delete(slices.Clone(s), i, i+1)
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// listMove moves entry i by delta places, up (towards the first) when
// delta is negative; the entries in between shift by one.
func listMove[T planItem[T]](s []T, i, delta int) ([]T, error) {
	if i < 0 || i >= len(s) {
		return s, noSuch(s, i)
	}
	j := i + delta
	noun := s[i].noun()
	switch {
	case delta == 0:
		return s, nil
	case j < 0 && i == 0:
		return s, Problemf("err.plan.first", "%s %d is already the first: %s", noun, i+1, ErrListEnd)
	case j >= len(s) && i == len(s)-1:
		return s, Problemf("err.plan.last", "%s %d is already the last: %s", noun, i+1, ErrListEnd)
	case j < 0:
		return s, Problemf("err.plan.up-at-most", "%s %d can move up at most %d", noun, i+1, i)
	case j >= len(s):
		return s, Problemf("err.plan.down-at-most", "%s %d can move down at most %d", noun, i+1, len(s)-1-i)
	}
	out := slices.Clone(s)
	v := out[i]
	if j < i {
		copy(out[j+1:i+1], out[j:i])
	} else {
		copy(out[i:j], out[i+1:j+1])
	}
	out[j] = v
	return out, nil
}

// set stores a list operation's result in *dst unless it failed.
func set[T any](dst *[]T, s []T, err error) error {
	if err == nil {
		*dst = s
	}
	return err
}

// AddMember appends a member to the account team.
func (p *OpportunityPlan) AddMember(m TeamMember) error {
	return p.InsertMember(len(p.Team.Members), m)
}

// InsertMember puts a member at position i (0 … len), shifting the rest down.
func (p *OpportunityPlan) InsertMember(i int, m TeamMember) error {
	s, err := listInsert(p.Team.Members, i, m)
	return set(&p.Team.Members, s, err)
}

// UpdateMember replaces member i.
func (p *OpportunityPlan) UpdateMember(i int, m TeamMember) error {
	s, err := listUpdate(p.Team.Members, i, m)
	return set(&p.Team.Members, s, err)
}

// DeleteMember removes member i.
func (p *OpportunityPlan) DeleteMember(i int) error {
	s, err := listDelete(p.Team.Members, i)
	return set(&p.Team.Members, s, err)
}

// MoveMember moves member i by delta places (negative: up).
func (p *OpportunityPlan) MoveMember(i, delta int) error {
	s, err := listMove(p.Team.Members, i, delta)
	return set(&p.Team.Members, s, err)
}

// AddMilestone appends a step of the buying process.
func (p *OpportunityPlan) AddMilestone(m Milestone) error {
	return p.InsertMilestone(len(p.Milestones), m)
}

// InsertMilestone puts a step at position i (0 … len), shifting the rest down.
func (p *OpportunityPlan) InsertMilestone(i int, m Milestone) error {
	s, err := listInsert(p.Milestones, i, m)
	return set(&p.Milestones, s, err)
}

// UpdateMilestone replaces step i.
func (p *OpportunityPlan) UpdateMilestone(i int, m Milestone) error {
	s, err := listUpdate(p.Milestones, i, m)
	return set(&p.Milestones, s, err)
}

// DeleteMilestone removes step i.
func (p *OpportunityPlan) DeleteMilestone(i int) error {
	s, err := listDelete(p.Milestones, i)
	return set(&p.Milestones, s, err)
}

// MoveMilestone moves step i by delta places (negative: earlier in the process).
func (p *OpportunityPlan) MoveMilestone(i, delta int) error {
	s, err := listMove(p.Milestones, i, delta)
	return set(&p.Milestones, s, err)
}

// AddKeyPerson appends a key person; see KeyPerson.Validate.
func (p *OpportunityPlan) AddKeyPerson(k KeyPerson) error {
	return p.InsertKeyPerson(len(p.KeyPersons), k)
}

// InsertKeyPerson puts a key person at position i (0 … len), shifting the rest down.
func (p *OpportunityPlan) InsertKeyPerson(i int, k KeyPerson) error {
	s, err := listInsert(p.KeyPersons, i, k)
	return set(&p.KeyPersons, s, err)
}

// UpdateKeyPerson replaces key person i.
func (p *OpportunityPlan) UpdateKeyPerson(i int, k KeyPerson) error {
	s, err := listUpdate(p.KeyPersons, i, k)
	return set(&p.KeyPersons, s, err)
}

// DeleteKeyPerson removes key person i.
func (p *OpportunityPlan) DeleteKeyPerson(i int) error {
	s, err := listDelete(p.KeyPersons, i)
	return set(&p.KeyPersons, s, err)
}

// MoveKeyPerson moves key person i by delta places (negative: up).
func (p *OpportunityPlan) MoveKeyPerson(i, delta int) error {
	s, err := listMove(p.KeyPersons, i, delta)
	return set(&p.KeyPersons, s, err)
}

// AddCompetitor appends a competitor.
func (p *OpportunityPlan) AddCompetitor(c Competitor) error {
	return p.InsertCompetitor(len(p.Competitors), c)
}

// InsertCompetitor puts a competitor at position i (0 … len), shifting the rest down.
func (p *OpportunityPlan) InsertCompetitor(i int, c Competitor) error {
	s, err := listInsert(p.Competitors, i, c)
	return set(&p.Competitors, s, err)
}

// UpdateCompetitor replaces competitor i.
func (p *OpportunityPlan) UpdateCompetitor(i int, c Competitor) error {
	s, err := listUpdate(p.Competitors, i, c)
	return set(&p.Competitors, s, err)
}

// DeleteCompetitor removes competitor i.
func (p *OpportunityPlan) DeleteCompetitor(i int) error {
	s, err := listDelete(p.Competitors, i)
	return set(&p.Competitors, s, err)
}

// MoveCompetitor moves competitor i by delta places (negative: up).
func (p *OpportunityPlan) MoveCompetitor(i, delta int) error {
	s, err := listMove(p.Competitors, i, delta)
	return set(&p.Competitors, s, err)
}

// Champion is the first key person whose role is champion (Fürsprecher),
// in any case, or nil.
func (p *OpportunityPlan) Champion() *KeyPerson { return p.personWithRole("champion") }

// BudgetHolder is the first key person whose role is budget holder, in any
// case, or nil.
func (p *OpportunityPlan) BudgetHolder() *KeyPerson { return p.personWithRole("budget holder") }

func (p *OpportunityPlan) personWithRole(role string) *KeyPerson {
	if p == nil {
		return nil
	}
	for i := range p.KeyPersons {
		if strings.EqualFold(strings.TrimSpace(p.KeyPersons[i].Role), role) {
			return &p.KeyPersons[i]
		}
	}
	return nil
}

// NewPlanFromLead starts a plan with what the lead already tells: the
// owner leads the account team, the lead is the first contact point, and
// BANT's budget, need and timeline become the summary's budget, problems
// and schedule.
func NewPlanFromLead(l *Lead) *OpportunityPlan {
	p := &OpportunityPlan{}
	if l == nil {
		return p
	}
	p.Team.Lead = strings.TrimSpace(l.Owner)
	var contact []string
	for _, s := range []string{l.DisplayName(), l.Title, l.Phone} {
		if s = strings.TrimSpace(s); s != "" {
			contact = append(contact, s)
		}
	}
	if strings.TrimSpace(l.Phone) == "" && strings.TrimSpace(l.Mobile) != "" {
		contact = append(contact, strings.TrimSpace(l.Mobile))
	}
	p.Profile.ContactPoints = strings.Join(contact, ", ")
	p.Summary.Budget = BudgetText(l.BANT)
	p.Summary.Problems = l.BANT.Need
	p.Summary.Schedule = l.BANT.Timeline
	return p
}

// BudgetText writes BANT's budget the way a German plan reads it,
// "50.000 EUR (confirmed)", "no budget", or "" when nobody asked.
func BudgetText(b BANT) string {
	switch {
	case b.BudgetStatus == BudgetNone:
		return "no budget"
	case !b.HasBudget():
		return ""
	}
	return FormatMoney(b.Budget, true) + " (" + b.BudgetStatus.Label() + ")"
}

// PlanAllowed says whether the lead is far enough along for an opportunity
// plan: at SQL, Opportunity or Customer.
func (l *Lead) PlanAllowed() error {
	switch l.Stage {
	case StageSQL, StageOpportunity, StageCustomer:
		return nil
	}
	var who any = strings.TrimSpace(l.Name)
	if who == "" {
		who = thisLead
	}
	return Problemf("err.plan.not-yet", "an opportunity plan starts at SQL: %s is at %s — move the lead first", who, l.Stage)
}
