package store

import (
	"testing"
	"time"

	"leadq/domain"
	"leadq/domain/synth"
)

// Re-scoring decodes only what scoring reads; it must come to the score
// the whole lead has.
func TestScoringLeadScoresLikeTheWholeLead(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	m := domain.DefaultScoringModel()
	m.Fit = append(m.Fit, domain.FitRule{Name: "booth", Field: "custom.messestand", Contains: []string{"Halle"}, Points: 3},
		domain.FitRule{Name: "web.de", Field: "email_domain", In: []string{"web.de"}, Points: 1})
	var o origins
	g := synth.New(3, now)
	for i := 0; i < 2000; i++ {
		l := g.Lead()
		l.ID = uint64(i + 1)
		rec, err := encodeValue(tagLead, toLeadRec(l))
		if err != nil {
			t.Fatal(err)
		}
		hist, err := encodeHistory(l.History, &o)
		if err != nil {
			t.Fatal(err)
		}
		lean, err := scoringLead(l.ID, rec, hist)
		if err != nil {
			t.Fatal(err)
		}
		var full leadRec
		if err := decodeValue(tagLead, rec, &full); err != nil {
			t.Fatal(err)
		}
		whole := full.domain(l.ID)
		if whole.History, err = decodeHistory(hist, &o); err != nil {
			t.Fatal(err)
		}
		want, got := domain.Score(whole, m, now), domain.Score(lean, m, now)
		if got.Total != want.Total || got.Tier != want.Tier || lean.InQueue() != whole.InQueue() {
			t.Fatalf("lead %d: re-score %d %s, whole lead %d %s", l.ID, got.Total, got.Tier, want.Total, want.Tier)
		}
	}
}
