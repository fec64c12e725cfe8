package domain

import (
	"fmt"
	"strings"
)

// Stage is where a lead stands in the lifecycle (Lead-Status).
type Stage uint8

const (
	StageInquiry Stage = iota
	StageMQL
	StageSAL
	StageSQL
	StageOpportunity
	StageCustomer
	StageNurture
	StageDisqualified
)

// Stages lists every stage in lifecycle order.
var Stages = []Stage{StageInquiry, StageMQL, StageSAL, StageSQL, StageOpportunity, StageCustomer, StageNurture, StageDisqualified}

var stageNames = [...]string{"inquiry", "mql", "sal", "sql", "opportunity", "customer", "nurture", "disqualified"}
var stageLabels = [...]string{"Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Customer", "Nurture", "Disqualified"}

// String is the lower-case word used in JSON and on the command line.
func (s Stage) String() string {
	if int(s) < len(stageNames) {
		return stageNames[s]
	}
	return fmt.Sprintf("stage(%d)", s)
}

// Label is the word shown on screen.
func (s Stage) Label() string {
	if int(s) < len(stageLabels) {
		return stageLabels[s]
	}
	return s.String()
}

func (s Stage) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStage reads a stage name in any case.
func ParseStage(s string) (Stage, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	for i, n := range stageNames {
		if l == n {
			return Stage(i), nil
		}
	}
	return 0, fmt.Errorf("unknown stage %q (want one of %s)", s, strings.Join(stageNames[:], ", "))
}

// NumStages is how many stages there are.
const NumStages = len(stageNames)
