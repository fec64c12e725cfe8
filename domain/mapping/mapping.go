package mapping

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"leadq/domain"
)

// Origin says why a column maps to its target, for the printed mapping's comments.
type Origin uint8

const (
	FromMap     Origin = iota // the map file said so
	Automatic                 // a header leadq knows
	Unmapped                  // a header leadq does not know: kept as a custom field
	Taken                     // its target was taken by an earlier column: kept as a custom field
	EmptyHeader               // a header with no letters or digits: ignored
)

// Column is one column of the file and the target its cells go to.
type Column struct {
	Header string // as in the file, trimmed
	Target string // a name of Targets or "custom.KEY"
	Origin Origin
	Why    string // for Automatic: why, when it is not plain
	By     int    // for Taken: the column that holds the target
	Line   int    // for FromMap: the map file's line

	keep string // for stage, fit and consent: the custom key a word leadq does not know is kept under
}

// Options are what the caller knows beyond the header.
type Options struct {
	// System names whose ids the file holds (--system); "" is the map
	// file's system, else DetectSystem's, else "file".
	System string
	// Location reads dates written without a zone; nil is time.Local.
	Location *time.Location
}

// Mapping says for every column of a file which lead field it fills.
type Mapping struct {
	System   string
	Columns  []Column
	Location *time.Location

	systemOrigin Origin // FromMap when the map file or the caller named the system
	splitName    bool   // a name column without first/last columns: split it
	noteColumns  int    // with several, each note says which column it is from
}

// New maps a header by the map file (may be nil), then automatically (see doc.go); map errors are *MapFileError.
func New(header []string, mf *MapFile, opt Options) (*Mapping, error) {
	m := &Mapping{Location: opt.Location, Columns: make([]Column, len(header)), systemOrigin: FromMap}
	if m.Location == nil {
		m.Location = time.Local
	}
	for i, raw := range header {
		m.Columns[i].Header = cleanHeader(raw)
	}
	switch {
	case opt.System != "":
		m.System = customKey(opt.System)
	case mf != nil && mf.System != "":
		m.System = mf.System
	}
	if m.System == "" {
		m.System, m.systemOrigin = DetectSystem(header), Automatic
		if m.System == "" {
			m.System = SystemFile
		}
	}

	// Propose a target for every column, with its rank: map entries,
	// then exact leadq names, then known headers, then the rest.
	const (
		rankMap = iota
		rankExact
		rankAlias
		rankRest
	)
	rank := make([]int, len(header))
	fromMap, err := m.applyMap(mf)
	if err != nil {
		return nil, err
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		if fromMap[i] {
			rank[i] = rankMap
			continue
		}
		c.Origin, rank[i] = Automatic, rankAlias
		f := fold(c.Header)
		switch key, isCustom := cutCustomPrefix(c.Header); {
		case isCustom && customKey(key) != "":
			c.Target, rank[i] = customTarget(customKey(key)), rankExact
		case f == "":
			c.Target, c.Origin, rank[i] = TargetIgnore, EmptyHeader, rankRest
		case f == "id":
			c.Target = idTarget(m.System)
			if c.Header == c.Target {
				rank[i] = rankExact
			}
		case aliases[f].target != "":
			a := aliases[f]
			c.Target, c.Why = a.target, a.why
			if c.Header == c.Target {
				rank[i] = rankExact
			}
		default:
			c.Target, c.Origin, rank[i] = customTarget(customKey(c.Header)), Unmapped, rankRest
		}
	}
	m.nameBesideFirstName(rank, rankAlias)

	// Claim the targets by rank, then in column order: the first claim
	// wins. The losers are then kept as custom fields, left to right, under
	// keys no claim holds, so a printed mapping reads back the same.
	order := make([]int, len(header))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank[order[a]] < rank[order[b]] })
	owner := map[string]int{}
	lost := make([]bool, len(header))
	for _, i := range order {
		c := &m.Columns[i]
		if multiTarget(c.Target) {
			continue
		}
		if by, taken := owner[c.Target]; taken {
			lost[i], c.By = true, by
			continue
		}
		owner[c.Target] = i
	}
	used := func(k string) bool { _, ok := owner[customTarget(k)]; return ok }
	for i := range m.Columns {
		if c := &m.Columns[i]; lost[i] {
			c.Target, c.Origin, c.Why = customTarget(freeKey(c.Header, i, used)), Taken, ""
			owner[c.Target] = i
		}
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		switch c.Target {
		case TargetStage, "fit", "consent":
			c.keep = freeKey(c.Header, i, used)
			owner[customTarget(c.keep)] = i
		case TargetNote:
			m.noteColumns++
		}
	}

	has := func(t string) bool { _, ok := owner[t]; return ok }
	m.splitName = has("name") && !has("first_name") && !has("last_name")
	return m, nil
}

// freeKey is the custom key for column i's header that used does not
// know yet: the header's key, else with _2, _3, … after it.
func freeKey(header string, i int, used func(string) bool) string {
	key := customKey(header)
	if key == "" {
		key = "column_" + strconv.Itoa(i+1)
	}
	for n, k := 2, key; ; n++ {
		if !used(k) {
			return k
		}
		k = key + "_" + strconv.Itoa(n)
	}
}

// cleanHeader is a header cell as it is compared and printed: valid UTF-8,
// without a byte order mark, a formula escape or blanks around it.
func cleanHeader(raw string) string {
	h := strings.ToValidUTF8(raw, "\uFFFD")
	h = strings.TrimPrefix(h, "\uFEFF")
	return strings.TrimSpace(UnescapeCell(strings.TrimSpace(h)))
}

// cutCustomPrefix reads a "custom.KEY" header in any case.
func cutCustomPrefix(h string) (string, bool) {
	if len(h) > len(customPrefix) && strings.EqualFold(h[:len(customPrefix)], customPrefix) {
		return h[len(customPrefix):], true
	}
	return "", false
}

// applyMap sets the map file's targets, a key matching its exact header, else headers folding the same.
func (m *Mapping) applyMap(mf *MapFile) ([]bool, error) {
	set := make([]bool, len(m.Columns))
	if mf == nil {
		return set, nil
	}
	exact := map[string][]int{}
	folded := map[string][]int{}
	for i, c := range m.Columns {
		exact[c.Header] = append(exact[c.Header], i)
		if f := fold(c.Header); f != "" {
			folded[f] = append(folded[f], i)
		}
	}
	// Exact keys first, so a key that only folds like a header never takes
	// a column another key names exactly.
	cols := make([][]int, len(mf.Columns))
	for n, e := range mf.Columns {
		cols[n] = exact[e.Header]
		for _, i := range cols[n] {
			set[i] = true
		}
	}
	for n, e := range mf.Columns {
		if f := fold(e.Header); len(cols[n]) == 0 && f != "" {
			for _, i := range folded[f] {
				if !set[i] {
					cols[n] = append(cols[n], i)
					set[i] = true
				}
			}
		}
	}
	var errs []error
	claimed := map[string]MapEntry{} // single target → the entry that named it
	for n, e := range mf.Columns {
		if len(cols[n]) == 0 {
			why := domain.Problemf("mapping.no_column", "%s is not a column of the file: its columns are %s", bareKey(e.Header), m.headerList())
			errs = append(errs, &MapFileError{Line: e.Line, Key: e.Header, Msg: why.Error(), Why: why})
			continue
		}
		if !multiTarget(e.Target) {
			if prev, dup := claimed[e.Target]; dup {
				why := domain.Problemf("mapping.target_taken", "%s = %q: %s is already the target of %s (line %d)", bareKey(e.Header), e.Target, e.Target, bareKey(prev.Header), prev.Line)
				errs = append(errs, &MapFileError{Line: e.Line, Key: e.Header, Msg: why.Error(), Why: why})
				continue
			}
			claimed[e.Target] = e
		}
		for _, i := range cols[n] {
			m.Columns[i].Target, m.Columns[i].Origin, m.Columns[i].Line = e.Target, FromMap, e.Line
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return set, nil
}

func (m *Mapping) headerList() string {
	var b strings.Builder
	for i, c := range m.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 12 {
			fmt.Fprintf(&b, "and %d more", len(m.Columns)-i)
			break
		}
		b.WriteString(tomlKey(c.Header))
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// nameBesideFirstName reads "Name" beside a first and no last name as the last name, as German forms mean it.
func (m *Mapping) nameBesideFirstName(rank []int, rankAlias int) {
	name, first, last := -1, false, false
	for i, c := range m.Columns {
		switch c.Target {
		case "name":
			if name < 0 && rank[i] == rankAlias && fold(c.Header) == "name" {
				name = i
			}
		case "first_name":
			first = true
		case "last_name":
			last = true
		}
	}
	if name >= 0 && first && !last {
		m.Columns[name].Target, m.Columns[name].Why = "last_name", "Name beside a first name is the last name"
	}
}

// Target is the target of column i ("ignore" past the header).
func (m *Mapping) Target(i int) string {
	if i < 0 || i >= len(m.Columns) {
		return TargetIgnore
	}
	return m.Columns[i].Target
}

// tomlKey writes s as a TOML quoted key or string; messages use it too, so
// a header reads the same in both.
func tomlKey(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
