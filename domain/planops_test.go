package domain

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCompleteness(t *testing.T) {
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	half := &OpportunityPlan{
		Team:    AccountTeam{Lead: "Anna Becker"},                                                          // team 1/2
		Profile: CustomerProfile{BusinessAreas: "Maschinenbau", Products: "  ", Financials: "12 Mio. EUR"}, // profile 2/6: blank is empty
		Summary: OpportunitySummary{Project: "ERP", Budget: "50.000 EUR", Problems: "x", ActNow: "y"},      // summary 4/7
		Milestones: []Milestone{ // milestones 2/3: one has no owner
			{Name: "Workshop", Due: due, Owner: "Anna"},
			{Name: "Angebot", Due: due},
		},
		KeyPersons: []KeyPerson{ // persons 3/4: no budget holder
			{Name: "Jürgen Müller", Role: "Champion", Criteria: "Preis"},
			{Name: "Petra Weiß", Role: "user", Criteria: "Bedienung"},
		},
		Competitors: []Competitor{ // competition 2/3: the second has no plan to win
			{Name: "SAP", Strengths: "Marke", Weaknesses: "Preis", PlanToWin: "Mittelstand"},
			{Name: "Abas", Strengths: "Nähe", Weaknesses: "Cloud"},
		},
	}
	full := &OpportunityPlan{
		Team:        AccountTeam{Lead: "Anna", Members: []TeamMember{{Name: "Tobias"}}},
		Profile:     CustomerProfile{"a", "b", "c", "d", "e", "f"},
		Summary:     OpportunitySummary{"a", "b", "c", "d", "e", "f", "g"},
		Milestones:  []Milestone{{Name: "m", Due: due, Owner: "o"}},
		KeyPersons:  []KeyPerson{{Name: "c", Role: "champion", Criteria: "x"}, {Name: "b", Role: "budget holder", Criteria: "y"}},
		Competitors: []Competitor{{Name: "SAP", Strengths: "s", Weaknesses: "w", PlanToWin: "p"}},
	}
	type sec = [3]any // key, filled, total
	tests := []struct {
		name     string
		plan     *OpportunityPlan
		sections []string
		want     []sec
		overall  int
	}{
		{"empty plan, all sections", &OpportunityPlan{}, PlanSections,
			[]sec{{"team", 0, 2}, {"profile", 0, 6}, {"summary", 0, 7}, {"milestones", 0, 3}, {"persons", 0, 4}, {"competition", 0, 3}}, 0},
		{"nil plan is empty", nil, []string{"team"}, []sec{{"team", 0, 2}}, 0},
		{"empty lists fill no 'every' check", &OpportunityPlan{Milestones: nil}, []string{"milestones", "persons", "competition"},
			[]sec{{"milestones", 0, 3}, {"persons", 0, 4}, {"competition", 0, 3}}, 0},
		// 1+2+4+2+3+2 = 14 of 25 = 56%.
		{"half-filled, all sections", half, PlanSections,
			[]sec{{"team", 1, 2}, {"profile", 2, 6}, {"summary", 4, 7}, {"milestones", 2, 3}, {"persons", 3, 4}, {"competition", 2, 3}}, 56},
		// Hidden sections do not count: 4+3 = 7 of 11 = 63.6 → 64%.
		{"half-filled, summary and persons only", half, []string{"summary", "persons"},
			[]sec{{"summary", 4, 7}, {"persons", 3, 4}}, 64},
		// In the order asked for, unknown and repeated keys skipped: 3 of 5 = 60%.
		{"order kept, unknown and repeats skipped", half, []string{"competition", "nonsense", "team", "competition"},
			[]sec{{"competition", 2, 3}, {"team", 1, 2}}, 60},
		{"team 1 of 2 rounds half up", half, []string{"team"}, []sec{{"team", 1, 2}}, 50},
		{"profile 2 of 6 rounds down", half, []string{"profile"}, []sec{{"profile", 2, 6}}, 33},
		{"milestones 2 of 3 rounds up", half, []string{"milestones"}, []sec{{"milestones", 2, 3}}, 67},
		{"no sections", half, nil, nil, 0},
		{"full plan", full, PlanSections,
			[]sec{{"team", 2, 2}, {"profile", 6, 6}, {"summary", 7, 7}, {"milestones", 3, 3}, {"persons", 4, 4}, {"competition", 3, 3}}, 100},
	}
	for _, tt := range tests {
		per, overall := tt.plan.Completeness(tt.sections)
		var got []sec
		for _, s := range per {
			got = append(got, sec{s.Key, s.Filled, s.Total})
			if s.Title != PlanSectionTitle(s.Key) || s.Title == s.Key {
				t.Errorf("%s: section %s titled %q", tt.name, s.Key, s.Title)
			}
		}
		if !reflect.DeepEqual(got, tt.want) || overall != tt.overall {
			t.Errorf("%s:\n got %v %d%%\nwant %v %d%%", tt.name, got, overall, tt.want, tt.overall)
		}
	}
}

func TestCompletenessEveryCheck(t *testing.T) {
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		plan    OpportunityPlan
		section string
		filled  int
	}{
		{"members without a lead", OpportunityPlan{Team: AccountTeam{Members: []TeamMember{{Name: "x"}}}}, "team", 1},
		{"a milestone without a date", OpportunityPlan{Milestones: []Milestone{{Name: "a", Owner: "o"}, {Name: "b", Due: due, Owner: "o"}}}, "milestones", 2},
		{"a milestone without an owner", OpportunityPlan{Milestones: []Milestone{{Name: "a", Due: due}}}, "milestones", 2},
		{"champion and budget holder, no criteria", OpportunityPlan{KeyPersons: []KeyPerson{{Name: "a", Role: "CHAMPION"}, {Name: "b", Role: "Budget Holder"}}}, "persons", 3},
		{"one person without criteria", OpportunityPlan{KeyPersons: []KeyPerson{{Name: "a", Criteria: "x"}, {Name: "b"}}}, "persons", 1},
		{"strengths without weaknesses", OpportunityPlan{Competitors: []Competitor{{Name: "a", Strengths: "s", PlanToWin: "p"}}}, "competition", 2},
		{"weaknesses without strengths", OpportunityPlan{Competitors: []Competitor{{Name: "a", Weaknesses: "w"}}}, "competition", 1},
	}
	for _, tt := range tests {
		per, _ := tt.plan.Completeness([]string{tt.section})
		if len(per) != 1 || per[0].Filled != tt.filled {
			t.Errorf("%s: %+v, want %d filled", tt.name, per, tt.filled)
		}
	}
}

func names[T any](s []T, name func(T) string) string {
	var out []string
	for _, v := range s {
		out = append(out, name(v))
	}
	return strings.Join(out, ",")
}

func milestoneNames(p *OpportunityPlan) string {
	return names(p.Milestones, func(m Milestone) string { return m.Name })
}

func abcd() *OpportunityPlan {
	return &OpportunityPlan{Milestones: []Milestone{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}}}
}

func TestMilestoneListOperations(t *testing.T) {
	tests := []struct {
		name    string
		op      func(p *OpportunityPlan) error
		want    string // names after; unchanged on error
		wantErr string
	}{
		{"add appends", func(p *OpportunityPlan) error { return p.AddMilestone(Milestone{Name: " e "}) }, "a,b,c,d,e", ""},
		{"add needs a name", func(p *OpportunityPlan) error { return p.AddMilestone(Milestone{Name: "  "}) }, "a,b,c,d", "needs a name"},
		{"insert at the front", func(p *OpportunityPlan) error { return p.InsertMilestone(0, Milestone{Name: "x"}) }, "x,a,b,c,d", ""},
		{"insert in the middle", func(p *OpportunityPlan) error { return p.InsertMilestone(2, Milestone{Name: "x"}) }, "a,b,x,c,d", ""},
		{"insert at the end", func(p *OpportunityPlan) error { return p.InsertMilestone(4, Milestone{Name: "x"}) }, "a,b,c,d,x", ""},
		{"insert past the end", func(p *OpportunityPlan) error { return p.InsertMilestone(5, Milestone{Name: "x"}) }, "a,b,c,d", "cannot insert a milestone at position 6: the plan has 4 milestones"},
		{"insert before the start", func(p *OpportunityPlan) error { return p.InsertMilestone(-1, Milestone{Name: "x"}) }, "a,b,c,d", "position 0"},
		{"update", func(p *OpportunityPlan) error { return p.UpdateMilestone(1, Milestone{Name: "B"}) }, "a,B,c,d", ""},
		{"update the last", func(p *OpportunityPlan) error { return p.UpdateMilestone(3, Milestone{Name: "D"}) }, "a,b,c,D", ""},
		{"update a missing one", func(p *OpportunityPlan) error { return p.UpdateMilestone(4, Milestone{Name: "x"}) }, "a,b,c,d", "there is no milestone 5: the plan has 4 milestones"},
		{"update to no name", func(p *OpportunityPlan) error { return p.UpdateMilestone(0, Milestone{}) }, "a,b,c,d", "needs a name"},
		{"delete the first", func(p *OpportunityPlan) error { return p.DeleteMilestone(0) }, "b,c,d", ""},
		{"delete the last", func(p *OpportunityPlan) error { return p.DeleteMilestone(3) }, "a,b,c", ""},
		{"delete a negative index", func(p *OpportunityPlan) error { return p.DeleteMilestone(-1) }, "a,b,c,d", "there is no milestone 0"},
		{"delete past the end", func(p *OpportunityPlan) error { return p.DeleteMilestone(4) }, "a,b,c,d", "there is no milestone 5"},
		{"move down one", func(p *OpportunityPlan) error { return p.MoveMilestone(1, 1) }, "a,c,b,d", ""},
		{"move up one", func(p *OpportunityPlan) error { return p.MoveMilestone(2, -1) }, "a,c,b,d", ""},
		{"move the first to the end", func(p *OpportunityPlan) error { return p.MoveMilestone(0, 3) }, "b,c,d,a", ""},
		{"move the last to the front", func(p *OpportunityPlan) error { return p.MoveMilestone(3, -3) }, "d,a,b,c", ""},
		{"move by nothing", func(p *OpportunityPlan) error { return p.MoveMilestone(2, 0) }, "a,b,c,d", ""},
		{"move the first up", func(p *OpportunityPlan) error { return p.MoveMilestone(0, -1) }, "a,b,c,d", "milestone 1 is already the first"},
		{"move the last down", func(p *OpportunityPlan) error { return p.MoveMilestone(3, 1) }, "a,b,c,d", "milestone 4 is already the last"},
		{"move too far up", func(p *OpportunityPlan) error { return p.MoveMilestone(1, -2) }, "a,b,c,d", "milestone 2 can move up at most 1"},
		{"move too far down", func(p *OpportunityPlan) error { return p.MoveMilestone(1, 5) }, "a,b,c,d", "milestone 2 can move down at most 2"},
		{"move a missing one", func(p *OpportunityPlan) error { return p.MoveMilestone(7, -1) }, "a,b,c,d", "there is no milestone 8"},
	}
	for _, tt := range tests {
		p := abcd()
		before := p.Milestones
		err := tt.op(p)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.wantErr)
		}
		if got := milestoneNames(p); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
		// The slice the plan had is never written to: a copy taken before stays as it was.
		if got := names(before, func(m Milestone) string { return m.Name }); got != "a,b,c,d" {
			t.Errorf("%s: the old slice became %s", tt.name, got)
		}
	}
}

func TestMoveAtTheEndsIsErrListEnd(t *testing.T) {
	p := abcd()
	if err := p.MoveMilestone(0, -1); !errors.Is(err, ErrListEnd) {
		t.Errorf("first up: %v, want ErrListEnd", err)
	}
	if err := p.MoveMilestone(3, 2); !errors.Is(err, ErrListEnd) {
		t.Errorf("last down: %v, want ErrListEnd", err)
	}
	if err := p.MoveMilestone(1, -2); errors.Is(err, ErrListEnd) {
		t.Errorf("too far from the middle is a mistake, not the end: %v", err)
	}
}

func TestListOperationsOnEmptyAndSingleLists(t *testing.T) {
	p := &OpportunityPlan{}
	for name, err := range map[string]error{
		"update":      p.UpdateCompetitor(0, Competitor{Name: "SAP"}),
		"delete":      p.DeleteMember(0),
		"move":        p.MoveKeyPerson(0, 1),
		"insert at 1": p.InsertMilestone(1, Milestone{Name: "x"}),
	} {
		if err == nil || !strings.Contains(err.Error(), "the plan has no ") {
			t.Errorf("%s on an empty list: %v", name, err)
		}
	}
	if err := p.AddCompetitor(Competitor{Name: "SAP"}); err != nil {
		t.Fatal(err)
	}
	if err := p.MoveCompetitor(0, 1); !errors.Is(err, ErrListEnd) || !strings.Contains(err.Error(), "competitor 1 is already the last") {
		t.Errorf("moving the only competitor: %v", err)
	}
	if err := p.DeleteCompetitor(0); err != nil || p.Competitors != nil {
		t.Errorf("deleting the only competitor: %v, left %#v (want nil)", err, p.Competitors)
	}
	if err := p.DeleteCompetitor(0); err == nil || err.Error() != "there is no competitor 1: the plan has no competitors" {
		t.Errorf("deleting from an empty list: %v", err)
	}
}

// Every list has the same operations; one script drives all four.
func TestAllListsKeepOrder(t *testing.T) {
	type ops struct {
		add    func(p *OpportunityPlan, name string) error
		insert func(p *OpportunityPlan, i int, name string) error
		update func(p *OpportunityPlan, i int, name string) error
		del    func(p *OpportunityPlan, i int) error
		move   func(p *OpportunityPlan, i, d int) error
		names  func(p *OpportunityPlan) string
		noun   string
	}
	lists := []ops{
		{
			func(p *OpportunityPlan, n string) error { return p.AddMember(TeamMember{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.InsertMember(i, TeamMember{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.UpdateMember(i, TeamMember{Name: n}) },
			(*OpportunityPlan).DeleteMember, (*OpportunityPlan).MoveMember,
			func(p *OpportunityPlan) string {
				return names(p.Team.Members, func(v TeamMember) string { return v.Name })
			},
			"team member",
		},
		{
			func(p *OpportunityPlan, n string) error { return p.AddMilestone(Milestone{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.InsertMilestone(i, Milestone{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.UpdateMilestone(i, Milestone{Name: n}) },
			(*OpportunityPlan).DeleteMilestone, (*OpportunityPlan).MoveMilestone, milestoneNames,
			"milestone",
		},
		{
			func(p *OpportunityPlan, n string) error { return p.AddKeyPerson(KeyPerson{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.InsertKeyPerson(i, KeyPerson{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.UpdateKeyPerson(i, KeyPerson{Name: n}) },
			(*OpportunityPlan).DeleteKeyPerson, (*OpportunityPlan).MoveKeyPerson,
			func(p *OpportunityPlan) string {
				return names(p.KeyPersons, func(v KeyPerson) string { return v.Name })
			},
			"key person",
		},
		{
			func(p *OpportunityPlan, n string) error { return p.AddCompetitor(Competitor{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.InsertCompetitor(i, Competitor{Name: n}) },
			func(p *OpportunityPlan, i int, n string) error { return p.UpdateCompetitor(i, Competitor{Name: n}) },
			(*OpportunityPlan).DeleteCompetitor, (*OpportunityPlan).MoveCompetitor,
			func(p *OpportunityPlan) string {
				return names(p.Competitors, func(v Competitor) string { return v.Name })
			},
			"competitor",
		},
	}
	for _, o := range lists {
		p := &OpportunityPlan{}
		must := func(step string, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s %s: %v", o.noun, step, err)
			}
		}
		must("add", o.add(p, "b"))
		must("add", o.add(p, "c"))
		must("insert", o.insert(p, 0, "a"))
		must("insert", o.insert(p, 3, "d"))
		must("update", o.update(p, 2, "C"))
		must("move", o.move(p, 3, -3))
		must("move", o.move(p, 0, 1))
		must("delete", o.del(p, 3))
		if got := o.names(p); got != "a,d,b" {
			t.Errorf("%s list: %s, want a,d,b", o.noun, got)
		}
		if err := o.del(p, 3); err == nil || err.Error() != "there is no "+o.noun+" 4: the plan has 3 "+o.noun+"s" {
			t.Errorf("%s: deleting past the end: %v", o.noun, err)
		}
		if err := o.add(p, ""); err == nil || !strings.Contains(err.Error(), "needs a name") {
			t.Errorf("%s: adding without a name: %v", o.noun, err)
		}
		if err := o.move(p, 0, -1); !errors.Is(err, ErrListEnd) {
			t.Errorf("%s: moving the first up: %v", o.noun, err)
		}
	}
}

func TestKeyPersonValidation(t *testing.T) {
	tests := []struct {
		k        KeyPerson
		wantErr  string
		wantRole string
	}{
		{KeyPerson{Name: "Jürgen Müller"}, "", ""},
		{KeyPerson{Name: "a", Role: "champion", Familiarity: 5}, "", "champion"},
		{KeyPerson{Name: "a", Role: " Budget Holder ", Familiarity: 1}, "", "budget holder"},
		{KeyPerson{Name: "a", Role: "EXTERNAL"}, "", "external"},
		{KeyPerson{Name: "a", Role: "  "}, "", ""},
		{KeyPerson{Name: "a", Role: "sponsor"}, `"sponsor" is not a role in the buying process (want champion, budget holder, decision maker, influencer, user, external)`, ""},
		{KeyPerson{Name: "a", Familiarity: 6}, "how well we know a is 6", ""},
		{KeyPerson{Name: "a", Familiarity: -1}, "how well we know a is -1", ""},
		{KeyPerson{Role: "user"}, "a key person needs a name", ""},
	}
	for _, tt := range tests {
		err := tt.k.Validate()
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%+v: %v, want %q", tt.k, err, tt.wantErr)
			continue
		}
		p := &OpportunityPlan{}
		err = p.AddKeyPerson(tt.k)
		if tt.wantErr != "" {
			if err == nil || p.KeyPersons != nil {
				t.Errorf("%+v was added", tt.k)
			}
			continue
		}
		if err != nil || p.KeyPersons[0].Role != tt.wantRole {
			t.Errorf("%+v: added as %+v (%v), want role %q", tt.k, p.KeyPersons, err, tt.wantRole)
		}
	}
	for _, r := range KeyPersonRoles {
		if err := (KeyPerson{Name: "a", Role: r}).Validate(); err != nil {
			t.Errorf("role %q: %v", r, err)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	p := &OpportunityPlan{KeyPersons: []KeyPerson{{Name: "a", Role: "user"}, {Name: "b", Familiarity: 9}}}
	if err := p.Validate(); err == nil || !strings.HasPrefix(err.Error(), "key person 2: how well we know b is 9") {
		t.Errorf("Validate: %v", err)
	}
	p = &OpportunityPlan{Milestones: []Milestone{{Name: "x"}, {}}}
	if err := p.Validate(); err == nil || !strings.HasPrefix(err.Error(), "milestone 2: ") {
		t.Errorf("Validate: %v", err)
	}
	if err := (*OpportunityPlan)(nil).Validate(); err != nil {
		t.Errorf("nil plan: %v", err)
	}
}

func TestChampionAndBudgetHolder(t *testing.T) {
	p := &OpportunityPlan{KeyPersons: []KeyPerson{
		{Name: "Ute", Role: "user"},
		{Name: "Jürgen", Role: "Champion"},
		{Name: "Petra", Role: "BUDGET HOLDER"},
		{Name: "Second champion", Role: "champion"},
	}}
	if c := p.Champion(); c == nil || c.Name != "Jürgen" {
		t.Errorf("Champion: %+v", c)
	}
	if b := p.BudgetHolder(); b == nil || b.Name != "Petra" {
		t.Errorf("BudgetHolder: %+v", b)
	}
	// The pointer is into the plan, so the caller can edit the person.
	p.Champion().Criteria = "Preis"
	if p.KeyPersons[1].Criteria != "Preis" {
		t.Error("Champion does not point into the plan")
	}
	empty := &OpportunityPlan{KeyPersons: []KeyPerson{{Name: "Ute", Role: "user"}}}
	if empty.Champion() != nil || empty.BudgetHolder() != nil || (*OpportunityPlan)(nil).Champion() != nil {
		t.Error("a champion or budget holder where there is none")
	}
}

func TestNewPlanFromLead(t *testing.T) {
	tests := []struct {
		name string
		lead Lead
		want OpportunityPlan
	}{
		{"everything",
			Lead{Name: "Jürgen Müller", Title: "Geschäftsführer", Phone: "+49 89 1234567", Owner: "Anna Becker",
				BANT: BANT{Budget: Money{Cents: 5_000_000, Currency: "EUR"}, BudgetStatus: BudgetConfirmed, Need: "Ablösung Alt-ERP", Timeline: "Q3 2027"}},
			OpportunityPlan{
				Team:    AccountTeam{Lead: "Anna Becker"},
				Profile: CustomerProfile{ContactPoints: "Jürgen Müller, Geschäftsführer, +49 89 1234567"},
				Summary: OpportunitySummary{Budget: "50.000 EUR (confirmed)", Problems: "Ablösung Alt-ERP", Schedule: "Q3 2027"},
			}},
		{"estimated million, mobile only, no title",
			Lead{Name: "Zoë Kowalska", Mobile: "+49 170 1234567", BANT: BANT{Budget: Money{Cents: 125_000_000, Currency: "CHF"}, BudgetStatus: BudgetEstimated}},
			OpportunityPlan{
				Profile: CustomerProfile{ContactPoints: "Zoë Kowalska, +49 170 1234567"},
				Summary: OpportunitySummary{Budget: "1.250.000 CHF (estimated)"},
			}},
		{"budget not asked",
			Lead{Name: "A", Owner: "B"},
			OpportunityPlan{Team: AccountTeam{Lead: "B"}, Profile: CustomerProfile{ContactPoints: "A"}}},
		{"no budget is said so",
			Lead{Name: "A", BANT: BANT{BudgetStatus: BudgetNone}},
			OpportunityPlan{Profile: CustomerProfile{ContactPoints: "A"}, Summary: OpportunitySummary{Budget: "no budget"}}},
		{"a name from first and last name",
			Lead{FirstName: "Zoë", LastName: "Kowalska", Phone: "+49 30 1"},
			OpportunityPlan{Profile: CustomerProfile{ContactPoints: "Zoë Kowalska, +49 30 1"}}},
	}
	for _, tt := range tests {
		if got := NewPlanFromLead(&tt.lead); !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, *got, tt.want)
		}
	}
	if p := NewPlanFromLead(nil); !reflect.DeepEqual(*p, OpportunityPlan{}) {
		t.Errorf("nil lead: %+v", *p)
	}
}

func TestPlanAllowed(t *testing.T) {
	for _, s := range Stages {
		l := Lead{Name: "Jürgen Müller", Stage: s}
		err := l.PlanAllowed()
		allowed := s == StageSQL || s == StageOpportunity || s == StageCustomer
		if allowed != (err == nil) {
			t.Errorf("%s: %v", s.Label(), err)
		}
	}
	l := Lead{Name: "Jürgen Müller", Stage: StageMQL}
	if err := l.PlanAllowed(); err == nil || err.Error() != "an opportunity plan starts at SQL: Jürgen Müller is at MQL — move the lead first" {
		t.Errorf("MQL: %v", err)
	}
}

func TestBudgetText(t *testing.T) {
	for _, tt := range []struct {
		b    BANT
		want string
	}{
		{BANT{}, ""},
		{BANT{Budget: Money{Cents: 5_000_000, Currency: "EUR"}}, ""},
		{BANT{BudgetStatus: BudgetNone}, "no budget"},
		{BANT{Budget: Money{Cents: 5_000_000, Currency: "EUR"}, BudgetStatus: BudgetConfirmed}, "50.000 EUR (confirmed)"},
		{BANT{Budget: Money{Cents: 123_456, Currency: "EUR"}, BudgetStatus: BudgetEstimated}, "1.234,56 EUR (estimated)"},
		{BANT{Budget: Money{Cents: 125_000_000, Currency: "CHF"}, BudgetStatus: BudgetEstimated}, "1.250.000 CHF (estimated)"},
	} {
		if got := BudgetText(tt.b); got != tt.want {
			t.Errorf("BudgetText(%+v) = %q, want %q", tt.b, got, tt.want)
		}
	}
}
