package mapping

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"leadq/domain"
)

// MapFile is a column mapping a rep wrote or saved from --dry-run:
//
//	system = "messe2026"
//	[columns]
//	"Kontakt-ID" = "external_id"
//	"Interesse" = "custom.interesse"
type MapFile struct {
	System  string     // in domain.CustomKey form; "" when the file names none
	Columns []MapEntry // in file order
}

// MapEntry is one line of [columns]: a header and its target.
type MapEntry struct {
	Header string
	Target string
	Line   int
}

// MapFileError is one problem of a map file: where, which key, what.
type MapFileError struct {
	Line int    // 1-based; 0 when unknown
	Key  string // the header or top-level key; "" for a syntax error
	Msg  string // names the key itself, so it reads on its own
	// Why is Msg as a Problem, for a person to read in their language.
	Why *domain.Problem
}

// Problem is the error as a Problem: "map file line 3: …".
func (e *MapFileError) Problem() *domain.Problem {
	var why error = e.Why
	if e.Why == nil {
		why = domain.Problemf("mapping.syntax", "%s", e.Msg)
	}
	if e.Line > 0 {
		return domain.Problemf("mapping.file_line", "map file line %d: %v", e.Line, why)
	}
	return domain.Problemf("mapping.file", "map file: %v", why)
}

// Problem turns the map file's errors (one, or several joined) into one
// Problem that words each in the reader's language; other errors pass.
func Problem(err error) error {
	var out error
	for _, e := range domain.Errors(err) {
		var mfe *MapFileError
		if !errors.As(e, &mfe) {
			return err
		}
		if out == nil {
			out = mfe.Problem()
		} else {
			out = domain.Problemf("config.and", "%v; %v", out, mfe.Problem())
		}
	}
	return out
}

func (e *MapFileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("map file line %d: %s", e.Line, e.Msg)
	}
	return "map file: " + e.Msg
}

// ParseMapFile reads a map file; each problem is a *MapFileError with its key and line, in line order.
func ParseMapFile(data []byte) (*MapFile, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" {
				msg = pe.LastKey + ": " + msg
			}
			return nil, &MapFileError{Line: pe.Position.Line, Key: pe.LastKey, Msg: msg}
		}
		return nil, &MapFileError{Msg: err.Error()}
	}
	pos := scanKeys(string(data))
	at := func(path ...string) keyPos {
		for n := len(path); n > 0; n-- {
			if p, ok := pos[strings.Join(path[:n], "\x00")]; ok {
				return p
			}
		}
		return keyPos{}
	}
	mf := &MapFile{}
	var errs []*MapFileError
	fail := func(p keyPos, key string, why *domain.Problem) {
		errs = append(errs, &MapFileError{Line: p.line, Key: key, Msg: why.Error(), Why: why})
	}
	for key, v := range tree {
		switch key {
		case "system":
			s, ok := v.(string)
			if !ok {
				fail(at(key), key, domain.Problemf("mapping.system_quotes", "system must be a name in quotes, like system = \"messe2026\""))
				continue
			}
			if mf.System = customKey(s); mf.System == "" {
				fail(at(key), key, domain.Problemf("mapping.system_empty", "system = %q names no system: give it letters or digits", s))
			}
		case "columns":
			cols, ok := v.(map[string]any)
			if !ok {
				fail(at(key), key, domain.Problemf("mapping.columns_table", "columns must be a table: [columns] and then \"Header\" = \"field\" lines"))
				continue
			}
			for h, tv := range cols {
				p := at(key, h)
				t, ok := tv.(string)
				if !ok {
					fail(p, h, domain.Problemf("mapping.field_quotes", "%s must be a field name in quotes, like %s = \"email\"", bareKey(h), bareKey(h)))
					continue
				}
				target, err := ParseTarget(t)
				if err != nil {
					fail(p, h, domain.Problemf("mapping.bad_target", "%s = %v", bareKey(h), err))
					continue
				}
				mf.Columns = append(mf.Columns, MapEntry{Header: h, Target: target, Line: p.line})
			}
		default:
			fail(at(key), key, domain.Problemf("mapping.unknown_key", "%s is not a key of a map file: it has system and [columns]", bareKey(key)))
		}
	}
	sort.SliceStable(mf.Columns, func(i, j int) bool {
		return at("columns", mf.Columns[i].Header).seq < at("columns", mf.Columns[j].Header).seq
	})
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			if errs[i].Line != errs[j].Line {
				return errs[i].Line < errs[j].Line
			}
			return errs[i].Key < errs[j].Key
		})
		joined := make([]error, len(errs))
		for i, e := range errs {
			joined[i] = e
		}
		return nil, errors.Join(joined...)
	}
	return mf, nil
}

// bareKey writes a key as TOML allows it bare, else quoted.
func bareKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, r := range k {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return tomlKey(k)
		}
	}
	return k
}

// TOML prints the mapping as a map file that reads back the same, so --dry-run output can be edited.
func (m *Mapping) TOML() string {
	var b strings.Builder
	b.WriteString("# leadq column mapping: \"header\" = \"field\", one line per column.\n")
	b.WriteString("# Fields: " + strings.Join(Targets, ", ") + ", custom.KEY.\n")
	fmt.Fprintf(&b, "system = %s", tomlKey(m.System))
	if m.systemOrigin == Automatic {
		b.WriteString("  # automatic")
	}
	b.WriteString("\n\n[columns]\n")
	first := map[string]int{}
	for i, c := range m.Columns {
		if f, seen := first[c.Header]; seen {
			// The key above maps this column too; say where it went.
			fmt.Fprintf(&b, "# column %d, %s again, = %s: %s\n", i+1, tomlKey(c.Header), tomlKey(c.Target), m.comment(c, f))
			continue
		}
		first[c.Header] = i
		fmt.Fprintf(&b, "%s = %s", tomlKey(c.Header), tomlKey(c.Target))
		if s := m.comment(c, -1); s != "" {
			b.WriteString("  # " + s)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// comment says why a column maps where it does; dupOf ≥ 0 when another column's key maps it.
func (m *Mapping) comment(c Column, dupOf int) string {
	switch c.Origin {
	case Automatic:
		if c.Why != "" {
			return "automatic: " + c.Why
		}
		return "automatic"
	case Unmapped:
		return "kept as a custom field"
	case Taken:
		by := m.Columns[c.By]
		return fmt.Sprintf("kept as a custom field: %s is taken by column %d (%s)", by.Target, c.By+1, tomlKey(by.Header))
	case EmptyHeader:
		return "empty header: ignored"
	}
	if dupOf >= 0 {
		return "from the map file"
	}
	return ""
}
