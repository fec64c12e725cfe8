package domain

import "testing"

func TestBadge(t *testing.T) {
	for _, tt := range []struct {
		l    Lead
		want string
	}{
		{Lead{Stage: StageSQL, Score: ScoreResult{Tier: TierHot}}, "HOT"},
		{Lead{Stage: StageNurture, Score: ScoreResult{Tier: TierCold}}, "COLD"},
		{Lead{Stage: StageSQL, Fit: FitNone, Score: ScoreResult{Tier: TierHot}}, "OUT"},
		{Lead{Stage: StageCustomer, Score: ScoreResult{Tier: TierWarm}}, "OUT"},
		{Lead{Stage: StageDisqualified, Score: ScoreResult{Tier: TierHot}}, "OUT"},
	} {
		if got := tt.l.Badge(); got != tt.want {
			t.Errorf("%v %v %v: badge %q, want %q", tt.l.Stage, tt.l.Fit, tt.l.Score.Tier, got, tt.want)
		}
	}
}
