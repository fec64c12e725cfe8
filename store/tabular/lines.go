package tabular

import (
	"bytes"
	"io"
)

// MaxLineBytes bounds one line, so a file without line breaks cannot exhaust memory.
const MaxLineBytes = 4 << 20

// lineReader splits text into lines at LF, CRLF or a lone CR, and can take back
// bytes already read, so a row with broken quoting can be read again line by line.
type lineReader struct {
	r          io.Reader
	buf        []byte
	start, end int   // the unread bytes are buf[start:end]
	eof        bool  // r has nothing more
	err        error // r's error other than io.EOF
	skip       bool  // the last line was cut: drop the rest of it first
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, buf: make([]byte, 64<<10)}
}

// next returns the next line with its line break (term is the break's length, 0 at
// the end of the file or of a cut line) and whether the line was cut at MaxLineBytes.
// The slice is valid until the next call.
func (l *lineReader) next() (line []byte, term int, cut bool, err error) {
	if l.skip {
		l.skip = false
		if err := l.dropLine(); err != nil {
			return nil, 0, false, err
		}
	}
	for {
		data := l.buf[l.start:l.end]
		at, n, ok := lineEnd(data, l.eof)
		if ok {
			line = data[:at+n]
			l.start += at + n
			return line, n, false, nil
		}
		if len(data) >= MaxLineBytes {
			line = data[:MaxLineBytes]
			l.start += MaxLineBytes
			l.skip = true
			return line, 0, true, nil
		}
		if l.eof {
			if len(data) == 0 {
				if l.err != nil {
					return nil, 0, false, l.err
				}
				return nil, 0, false, io.EOF
			}
			l.start = l.end
			return data, 0, false, nil
		}
		l.fill()
	}
}

// dropLine discards the rest of a cut line, up to and including its line break.
func (l *lineReader) dropLine() error {
	for {
		data := l.buf[l.start:l.end]
		if at, n, ok := lineEnd(data, l.eof); ok {
			l.start += at + n
			return nil
		}
		if l.eof {
			l.start = l.end
			return nil
		}
		// Keep a final CR: the LF that may follow belongs to the same break.
		if len(data) > 0 && data[len(data)-1] == '\r' {
			l.start = l.end - 1
		} else {
			l.start = l.end
		}
		l.fill()
	}
}

// lineEnd finds the first line break in data: where it starts and its length.
// A CR at the very end is undecided (it may be half a CRLF) unless the input is over.
func lineEnd(data []byte, eof bool) (at, n int, ok bool) {
	lf := bytes.IndexByte(data, '\n')
	search := data
	if lf >= 0 {
		search = data[:lf]
	}
	if cr := bytes.IndexByte(search, '\r'); cr >= 0 {
		switch {
		case cr+1 < len(data) && data[cr+1] == '\n':
			return cr, 2, true
		case cr+1 < len(data) || eof:
			return cr, 1, true
		default:
			return 0, 0, false
		}
	}
	if lf >= 0 {
		return lf, 1, true
	}
	return 0, 0, false
}

// fill reads more input, making room first; the buffer grows only up to one line's bound.
func (l *lineReader) fill() {
	if l.start > 0 {
		l.end = copy(l.buf, l.buf[l.start:l.end])
		l.start = 0
	}
	if l.end == len(l.buf) {
		size := 2 * len(l.buf)
		if size > MaxLineBytes+2 {
			size = MaxLineBytes + 2
		}
		if size <= l.end {
			size = l.end + 64<<10
		}
		grown := make([]byte, size)
		copy(grown, l.buf[:l.end])
		l.buf = grown
	}
	for tries := 0; tries < 100; tries++ {
		n, err := l.r.Read(l.buf[l.end:])
		l.end += n
		if err != nil {
			l.eof = true
			if err != io.EOF {
				l.err = err
			}
			return
		}
		if n > 0 {
			return
		}
	}
	l.eof, l.err = true, io.ErrNoProgress
}

// unread puts bytes back in front of the unread input, to be read again.
func (l *lineReader) unread(p []byte) {
	l.skip = false // a cut line in p is read (and cut) again with the rest of it
	if len(p) <= l.start {
		l.start -= copy(l.buf[l.start-len(p):], p)
		return
	}
	rest := l.end - l.start
	if need := len(p) + rest; need > len(l.buf) {
		grown := make([]byte, need+64<<10)
		copy(grown[len(p):], l.buf[l.start:l.end])
		l.buf = grown
	} else {
		copy(l.buf[len(p):], l.buf[l.start:l.end])
	}
	copy(l.buf, p)
	l.start, l.end = 0, len(p)+rest
}
