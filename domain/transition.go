package domain

import "strings"

// move describes one allowed stage move.
type move struct {
	needsReason bool
	why         *Problem // what kind of move this is, for the message that asks for a reason
}

var (
	whySalesRejection   = Problemf("err.move.why.sales-rejection", "sales rejection")
	whyBackToQualifying = Problemf("err.move.why.back-to-qualification", "step back to qualification")
	whyBackToNurturing  = Problemf("err.move.why.back-to-nurturing", "step back to nurturing")
	whyDemotion         = Problemf("err.move.why.demotion", "demotion")
	whyLostDeal         = Problemf("err.move.why.lost-deal", "lost deal")
	whyCorrection       = Problemf("err.move.why.correction", "correction")
	whyRequalification  = Problemf("err.move.why.requalification", "requalification")
)

// transitions is the lifecycle table: from → to → move. A pair not in the
// table is refused.
var transitions = map[Stage]map[Stage]move{
	StageInquiry: {
		StageMQL:          {},
		StageSAL:          {},
		StageNurture:      {},
		StageDisqualified: {},
	},
	StageMQL: {
		StageSAL:          {},
		StageNurture:      {},
		StageDisqualified: {},
	},
	StageSAL: {
		StageSQL:          {},
		StageNurture:      {needsReason: true, why: whySalesRejection},
		StageDisqualified: {},
	},
	StageSQL: {
		StageOpportunity:  {},
		StageSAL:          {needsReason: true, why: whyBackToQualifying},
		StageNurture:      {needsReason: true, why: whyBackToNurturing},
		StageDisqualified: {},
	},
	StageOpportunity: {
		StageCustomer:     {},
		StageSQL:          {needsReason: true, why: whyDemotion},
		StageSAL:          {needsReason: true, why: whyDemotion},
		StageNurture:      {needsReason: true, why: whyDemotion},
		StageDisqualified: {needsReason: true, why: whyLostDeal},
	},
	StageCustomer: {
		// A lead moved to Customer by mistake, or whose deal fell through
		// before it started, goes back with a reason.
		StageOpportunity: {needsReason: true, why: whyCorrection},
	},
	StageNurture: {
		StageMQL:          {},
		StageSAL:          {},
		StageDisqualified: {},
	},
	StageDisqualified: {
		StageNurture: {needsReason: true, why: whyRequalification},
		StageInquiry: {needsReason: true, why: whyRequalification},
	},
}

// ErrReasonRequired is returned when a move that needs a reason gets none.
var ErrReasonRequired error = Problemf("err.move.reason-required", "this move needs a reason")

// AllowedMoves lists the stages a lead at from may move to, in lifecycle order.
func AllowedMoves(from Stage) []Stage {
	var out []Stage
	for _, s := range Stages {
		if _, ok := transitions[from][s]; ok {
			out = append(out, s)
		}
	}
	return out
}

// MoveNeedsReason reports whether from → to is allowed and whether it needs a reason.
func MoveNeedsReason(from, to Stage) (allowed, needsReason bool) {
	m, ok := transitions[from][to]
	return ok, m.needsReason
}

// StageList is stages as an argument of a Problem: the catalog names each.
type StageList []Stage

// Label is the stages' English labels, comma-separated.
func (l StageList) Label() string {
	names := make([]string, len(l))
	for i, s := range l {
		names[i] = s.Label()
	}
	return strings.Join(names, ", ")
}

// CheckMove says why from → to is refused, or nil when it is allowed with this reason.
func CheckMove(from, to Stage, reason string) error {
	if from == to {
		return Problemf("err.move.already-at", "the lead is already at %s", to)
	}
	m, ok := transitions[from][to]
	if !ok {
		allowed := AllowedMoves(from)
		if len(allowed) == 0 {
			return Problemf("err.move.stuck", "a lead at %s cannot move any more", from)
		}
		return Problemf("err.move.refused", "cannot move from %s to %s: from %s a lead may go to %s",
			from, to, from, StageList(allowed))
	}
	if m.needsReason && strings.TrimSpace(reason) == "" {
		return Problemf("err.move.needs-reason", "moving from %s to %s is a %s: %s", from, to, m.why, ErrReasonRequired)
	}
	return nil
}

// ForwardMove is the next stage along the funnel that the lead at from may
// move to (SQL → Opportunity), for a stage form to offer first; ok is false
// when no move leads forward.
func ForwardMove(from Stage) (Stage, bool) {
	for _, to := range AllowedMoves(from) {
		if funnelOrder(to) > funnelOrder(from) && to != StageDisqualified {
			if _, needs := MoveNeedsReason(from, to); !needs {
				return to, true
			}
		}
	}
	return 0, false
}

// funnelOrder is how far along the funnel a stage is; nurture and
// disqualified are beside it.
func funnelOrder(s Stage) int {
	switch s {
	case StageNurture:
		return 1 // before MQL: a nurtured lead comes back there
	case StageDisqualified:
		return -1
	}
	return 2 * int(s)
}

// EndsQueue reports whether a move to the stage takes the lead out of the
// queue (Customer, Disqualified): a move a form should confirm.
func EndsQueue(s Stage) bool { return s == StageCustomer || s == StageDisqualified }
