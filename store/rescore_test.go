package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"leadq/domain"
)

// ruleLeads are four leads whose order changes when company size weighs
// 40 instead of 15: A climbs from cold to warm and past C and B.
func ruleLeads(t *testing.T, s *Store) (a, b, c, d uint64) {
	t.Helper()
	big := newLead("Anna Groß", "Groß AG", 200)   // 15 + 5 = 20
	ceo := newLead("Bernd Chef", "Chef GmbH", 10) // 10 + 10 + 5 = 25
	ceo.Title, ceo.Company.Industry = "CEO", "Software"
	keen := newLead("Clara Keen", "Keen KG", 10, touch(domain.KindDemoRequest, 0, testNow), touch(domain.KindQuoteRequest, 0, testNow)) // 5 + 25 = 30
	top := newLead("Dora Top", "Top GmbH", 3000, touch(domain.KindDemoRequest, 0, testNow))                                             // 15 + 10 + 10 + 5 + 10 = 50
	top.Title, top.Company.Industry = "CEO", "Software"
	return addLead(t, s, big), addLead(t, s, ceo), addLead(t, s, keen), addLead(t, s, top)
}

func biggerCompanies() domain.ScoringModel {
	m := domain.DefaultScoringModel()
	m.Fit[0].Points = 40 // employees 50–5000
	return m
}

type rowScore struct {
	ID    uint64
	Score int
	Tier  domain.Tier
}

func scores(rows []Row) []rowScore {
	out := make([]rowScore, len(rows))
	for i, r := range rows {
		out[i] = rowScore{r.ID, r.Score, r.Tier}
	}
	return out
}

// After a rule change the stored order is stale: reads explain scores
// with the new rules, RescoredRows shows the order to come, and Rescore
// writes it, with the counts.
func TestRescoreAfterRuleChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	a, b, c, d := ruleLeads(t, s)
	old := []rowScore{{d, 50, domain.TierHot}, {c, 30, domain.TierWarm}, {b, 25, domain.TierWarm}, {a, 20, domain.TierCold}}
	if got := scores(queueRows(t, s, TabAll)); !slices.Equal(got, old) {
		t.Fatalf("queue under the default rules = %v, want %v", got, old)
	}
	s.Close()

	s = openTest(t, path, biggerCompanies())
	if !s.Stale() {
		t.Fatal("not stale after a rule change")
	}
	if got := scores(queueRows(t, s, TabAll)); !slices.Equal(got, old) {
		t.Fatalf("Open changed the queue: %v", got)
	}
	if cnt, _ := s.Counts(); cnt != (Count{Hot: 1, Warm: 2, Cold: 1}) {
		t.Fatalf("Open changed the counts: %+v", cnt)
	}
	la, err := s.Get(a)
	if err != nil {
		t.Fatal(err)
	}
	if la.Score.Total != 45 || la.Score.Tier != domain.TierWarm || la.Score.Fit != 45 || !la.Score.At.Equal(testNow) ||
		la.Score.Rules[0].Part != "fit" || la.Score.Rules[0].Points != 40 {
		t.Fatalf("Get explains %+v, want 45 (warm) under the new rules", la.Score)
	}
	want := []rowScore{{d, 75, domain.TierHot}, {a, 45, domain.TierWarm}, {c, 30, domain.TierWarm}, {b, 25, domain.TierWarm}}
	gen := s.Generation()
	var progress [][2]int
	next, err := s.RescoredRows(context.Background(), TabAll, func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil || !slices.Equal(scores(next), want) {
		t.Fatalf("RescoredRows = %v, %v; want %v", scores(next), err, want)
	}
	if progress[len(progress)-1] != [2]int{4, 4} {
		t.Errorf("RescoredRows progress = %v", progress)
	}
	if warm, _ := s.RescoredRows(context.Background(), TabWarm, nil); !slices.Equal(scores(warm), want[1:]) {
		t.Fatalf("RescoredRows(warm) = %v, want %v", scores(warm), want[1:])
	}
	if !s.Stale() || s.Generation() != gen || !slices.Equal(scores(queueRows(t, s, TabAll)), old) {
		t.Fatal("RescoredRows wrote")
	}

	progress = nil
	n, err := s.Rescore(context.Background(), func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil || n != 2 {
		t.Fatalf("Rescore = %d, %v; want 2 leads moved (A and D)", n, err)
	}
	if progress[len(progress)-1] != [2]int{4, 4} {
		t.Errorf("Rescore progress = %v", progress)
	}
	if s.Stale() {
		t.Fatal("still stale after Rescore")
	}
	rows := queueRows(t, s, TabAll)
	if !slices.Equal(scores(rows), want) {
		t.Fatalf("queue after Rescore = %v, want %v", scores(rows), want)
	}
	for i := range rows {
		if string(rows[i].Key) != string(next[i].Key) || rows[i].Name != next[i].Name {
			t.Fatalf("row %d: RescoredRows promised %+v, Rescore made %+v", i, next[i], rows[i])
		}
	}
	if cnt, _ := s.Counts(); cnt != (Count{Hot: 1, Warm: 3}) {
		t.Fatalf("counts after Rescore = %+v, want 1 hot, 3 warm", cnt)
	}
	if warm := queueRows(t, s, TabWarm); len(warm) != 3 || warm[0].ID != a {
		t.Fatalf("warm tab after Rescore = %v", scores(warm))
	}
	checkConsistent(t, s)
	if n, err := s.Rescore(context.Background(), nil); err != nil || n != 0 {
		t.Fatalf("a second Rescore moved %d leads (%v)", n, err)
	}
	s.Close()

	s = openTest(t, path, biggerCompanies())
	if s.Stale() {
		t.Fatal("stale on reopening with the rules it was re-scored under")
	}
	checkConsistent(t, s)
	s.Close()
	s = openTest(t, path, domain.DefaultScoringModel())
	if !s.Stale() {
		t.Fatal("not stale on reopening with the old rules")
	}
	if la, _ := s.Get(a); la.Score.Total != 20 {
		t.Fatalf("under the old rules again Get explains %d, want 20", la.Score.Total)
	}
}

// A re-score that is cancelled leaves the scores stale.
func TestRescoreCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cancel.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	ruleLeads(t, s)
	s.Close()
	s = openTest(t, path, biggerCompanies())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Rescore(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Rescore with a cancelled context = %v", err)
	}
	if !s.Stale() {
		t.Fatal("a cancelled Rescore cleared Stale")
	}
	s.Close()
	if s = openTest(t, path, biggerCompanies()); !s.Stale() {
		t.Fatal("a cancelled Rescore stored the new rules as current")
	}
}

// A lead saved between a re-score's read and its write keeps the score
// its save gave it. The race is staged: the re-score's two halves are run
// by hand with the save between them.
func TestRescoreKeepsALeadSavedMeanwhile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "race.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	a, b, _, d := ruleLeads(t, s)
	s.Close()
	s = openTest(t, path, biggerCompanies())

	read := make(chan []scored, 16)
	if err := s.scoreAll(context.Background(), testNow, read); err != nil {
		t.Fatal(err)
	}
	close(read)
	// The rep saves A: budget confirmed and the decision maker found, +18
	// under any rules; the save scores it under the new ones.
	saved := update(t, s, a, func(l *domain.Lead) error {
		return l.SaveBANT(domain.BANT{Budget: domain.Money{Cents: 1_000_000, Currency: "EUR"}, BudgetStatus: domain.BudgetConfirmed,
			Authority: domain.AuthorityDecisionMaker, RepEstimate: -1}, testNow, "tester")
	})
	if saved.Score.Total != 63 {
		t.Fatalf("the save scored A %d, want 45 + 18", saved.Score.Total)
	}
	moved := 0
	for batch := range read {
		n, err := s.writeScores(batch)
		if err != nil {
			t.Fatal(err)
		}
		moved += n
	}
	if moved != 1 {
		t.Errorf("the re-score moved %d leads, want only D (A was saved meanwhile)", moved)
	}
	la, _ := s.Get(a)
	rows := queueRows(t, s, TabAll)
	if la.Score.Total != 63 || scores(rows)[1] != (rowScore{a, 63, domain.TierHot}) {
		t.Fatalf("A after the re-score: %d, queue %v; want the save's 63, hot", la.Score.Total, scores(rows))
	}
	if rows[0].ID != d || rows[0].Score != 75 {
		t.Fatalf("D was not re-scored: %v", scores(rows))
	}
	if lb, _ := s.Get(b); lb.Score.Total != 25 {
		t.Fatalf("B = %d, want 25", lb.Score.Total)
	}
	checkConsistent(t, s)
	// Finished properly, nothing changes A again.
	if _, err := s.Rescore(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if la, _ := s.Get(a); la.Score.Total != 63 {
		t.Fatalf("A after a full re-score = %d", la.Score.Total)
	}
	checkConsistent(t, s)
}
