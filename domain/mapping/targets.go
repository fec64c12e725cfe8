package mapping

import (
	"strings"

	"leadq/domain"
)

// Targets are the lead fields a column can fill, by the names leadq's own
// export uses; "custom.KEY" and "ignore" are the two others.

const (
	TargetNote   = "note"    // the cell becomes an enrichment note; several columns may
	TargetIgnore = "ignore"  // the column is read by nobody
	TargetStage  = "stage"   // several columns may: the one furthest along wins
	customPrefix = "custom." // custom.KEY keeps the cell as a custom field
)

// Targets lists every target but custom.KEY, in the order messages list them.
var Targets = []string{
	"name", "first_name", "last_name", "salutation", "title", "email", "phone", "mobile",
	"company", "website", "industry", "employees", "annual_revenue", "street", "postal_code", "city", "country",
	"source", "owner", "stage", "fit", "fit_reason", "consent", "consent_source", "consent_date", "opt_out",
	"created", "external_id", "external_system", "id", "note", "ignore",
}

var targetSet = func() map[string]bool {
	m := make(map[string]bool, len(Targets))
	for _, t := range Targets {
		m[t] = true
	}
	return m
}()

// ParseTarget reads a map file's target in any case, custom keys as domain.CustomKey makes them.
func ParseTarget(s string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if key, ok := strings.CutPrefix(t, customPrefix); ok {
		if k := customKey(key); k != "" {
			return customPrefix + k, nil
		}
		return "", domain.Problemf("mapping.no_custom_key", "%q names no custom field: write custom.KEY, like custom.interesse", s)
	}
	if targetSet[t] {
		return t, nil
	}
	return "", domain.Problemf("mapping.not_a_target", "%q is not a field: use one of %s, custom.KEY", s, strings.Join(Targets, ", "))
}

// multiTarget reports whether several columns may fill the target.
func multiTarget(t string) bool {
	return t == TargetNote || t == TargetIgnore || t == TargetStage
}

func customTarget(key string) string { return customPrefix + key }

// customKey is domain.CustomKey applied until it holds still: once is not
// always enough ("Ǽ" → "æ" → "ae"), and a key must read back as itself.
func customKey(s string) string {
	k := domain.CustomKey(s)
	for i := 0; i < 4; i++ {
		next := domain.CustomKey(k)
		if next == k {
			break
		}
		k = next
	}
	return k
}
