package domain

import (
	"errors"
	"fmt"
	"strings"
)

// move describes one allowed stage move.
type move struct {
	needsReason bool
	why         string // what kind of move this is, for the history
}

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
		StageNurture:      {needsReason: true, why: "sales rejection"},
		StageDisqualified: {},
	},
	StageSQL: {
		StageOpportunity:  {},
		StageSAL:          {needsReason: true, why: "step back to qualification"},
		StageNurture:      {needsReason: true, why: "step back to nurturing"},
		StageDisqualified: {},
	},
	StageOpportunity: {
		StageCustomer:     {},
		StageSQL:          {needsReason: true, why: "demotion"},
		StageSAL:          {needsReason: true, why: "demotion"},
		StageNurture:      {needsReason: true, why: "demotion"},
		StageDisqualified: {needsReason: true, why: "lost deal"},
	},
	StageCustomer: {
		// A lead moved to Customer by mistake, or whose deal fell through
		// before it started, goes back with a reason.
		StageOpportunity: {needsReason: true, why: "correction"},
	},
	StageNurture: {
		StageMQL:          {},
		StageSAL:          {},
		StageDisqualified: {},
	},
	StageDisqualified: {
		StageNurture: {needsReason: true, why: "requalification"},
		StageInquiry: {needsReason: true, why: "requalification"},
	},
}

// ErrReasonRequired is returned when a move that needs a reason gets none.
var ErrReasonRequired = errors.New("this move needs a reason")

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

// CheckMove says why from → to is refused, or nil when it is allowed with this reason.
func CheckMove(from, to Stage, reason string) error {
	if from == to {
		return fmt.Errorf("the lead is already at %s", to.Label())
	}
	m, ok := transitions[from][to]
	if !ok {
		allowed := AllowedMoves(from)
		if len(allowed) == 0 {
			return fmt.Errorf("a lead at %s cannot move any more", from.Label())
		}
		names := make([]string, len(allowed))
		for i, s := range allowed {
			names[i] = s.Label()
		}
		return fmt.Errorf("cannot move from %s to %s: from %s a lead may go to %s",
			from.Label(), to.Label(), from.Label(), strings.Join(names, ", "))
	}
	if m.needsReason && strings.TrimSpace(reason) == "" {
		return fmt.Errorf("moving from %s to %s is a %s: %w", from.Label(), to.Label(), m.why, ErrReasonRequired)
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
