package mapping

import (
	"strconv"
	"strings"
)

// BurntSushi/toml keeps where each key stands to itself (its MetaData has
// no positions, toml#462), so a map file's errors find their lines here. The
// scanner knows enough TOML to stay in step with any document the parser has
// accepted: tables, dotted and quoted keys, the four kinds of strings,
// arrays and inline tables.

// keyPos is where a key is defined: its line and its place among the keys.
type keyPos struct{ line, seq int }

// scanKeys maps every key path (parts joined by "\x00") to where it is defined.
func scanKeys(src string) map[string]keyPos {
	s := &keyScanner{src: strings.TrimPrefix(src, "\uFEFF"), line: 1, keys: map[string]keyPos{}}
	var table []string
	for {
		s.skipBlank()
		if s.eof() {
			return s.keys
		}
		start := s.pos
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyval(table)
		}
		s.skipToEOL()
		if s.pos == start {
			s.next()
		}
	}
}

type keyScanner struct {
	src  string
	pos  int
	line int
	keys map[string]keyPos
}

func (s *keyScanner) eof() bool { return s.pos >= len(s.src) }

func (s *keyScanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

func (s *keyScanner) next() {
	if s.eof() {
		return
	}
	if s.src[s.pos] == '\n' {
		s.line++
	}
	s.pos++
}

func (s *keyScanner) has(p string) bool { return strings.HasPrefix(s.src[s.pos:], p) }

func (s *keyScanner) record(path []string, line int) {
	k := strings.Join(path, "\x00")
	if _, ok := s.keys[k]; !ok {
		s.keys[k] = keyPos{line: line, seq: len(s.keys)}
	}
}

func (s *keyScanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

func (s *keyScanner) skipToEOL() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

func (s *keyScanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipToEOL()
		default:
			return
		}
	}
}

// header reads [a.b] or [[a.b]] and returns the table it opens.
func (s *keyScanner) header() []string {
	line := s.line
	s.next()
	if s.peek() == '[' {
		s.next()
	}
	parts := s.keyParts()
	for i := 0; i < 2 && s.peek() == ']'; i++ {
		s.next()
	}
	for n := 1; n <= len(parts); n++ {
		s.record(parts[:n], line)
	}
	return parts
}

func (s *keyScanner) keyParts() []string {
	var parts []string
	for {
		s.skipSpace()
		part, ok := s.keyPart()
		if !ok {
			return parts
		}
		parts = append(parts, part)
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.next()
	}
}

func (s *keyScanner) keyPart() (string, bool) {
	switch s.peek() {
	case '"':
		raw := s.quoted('"')
		if v, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			return v, true
		}
		return raw, true
	case '\'':
		return s.quoted('\''), true
	}
	start := s.pos
	for !s.eof() {
		c := s.peek()
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			break
		}
		s.next()
	}
	return s.src[start:s.pos], s.pos > start
}

// quoted reads a one-line string opened by q and returns what is between
// the quotes, escapes as written.
func (s *keyScanner) quoted(q byte) string {
	s.next()
	start := s.pos
	for !s.eof() {
		c := s.peek()
		if c == '\n' {
			break
		}
		if c == '\\' && q == '"' {
			s.next()
			s.next()
			continue
		}
		if c == q {
			raw := s.src[start:s.pos]
			s.next()
			return raw
		}
		s.next()
	}
	return s.src[start:s.pos]
}

func (s *keyScanner) multiline(q string) {
	s.pos += len(q)
	for !s.eof() {
		if s.peek() == '\\' && q == `"""` {
			s.next()
			s.next()
			continue
		}
		if s.has(q) {
			s.pos += len(q)
			// A closing quote may be followed by up to two more of its kind.
			for i := 0; i < 2 && s.peek() == q[0]; i++ {
				s.next()
			}
			return
		}
		s.next()
	}
}

func (s *keyScanner) keyval(table []string) {
	line := s.line
	parts := s.keyParts()
	if len(parts) == 0 {
		return
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.next()
	s.skipSpace()
	path := append(append([]string(nil), table...), parts...)
	for n := len(table) + 1; n <= len(path); n++ {
		s.record(path[:n], line)
	}
	s.value(path)
}

func (s *keyScanner) value(path []string) {
	switch {
	case s.has(`"""`):
		s.multiline(`"""`)
	case s.has(`'''`):
		s.multiline(`'''`)
	case s.peek() == '"':
		s.quoted('"')
	case s.peek() == '\'':
		s.quoted('\'')
	case s.peek() == '[':
		s.next()
		for {
			s.skipBlank()
			if s.eof() || s.peek() == ']' {
				s.next()
				return
			}
			at := s.pos
			s.value(path)
			s.skipBlank()
			if s.peek() == ',' {
				s.next()
			} else if s.pos == at {
				s.next()
			}
		}
	case s.peek() == '{':
		s.next()
		for {
			s.skipBlank() // TOML 1.1 lets an inline table span lines
			if s.eof() || s.peek() == '}' {
				s.next()
				return
			}
			at := s.pos
			s.keyval(path)
			s.skipBlank()
			if s.peek() == ',' {
				s.next()
			} else if s.pos == at {
				s.next()
			}
		}
	default:
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '\r', '#', ' ', '\t':
				return
			}
			s.next()
		}
	}
}
