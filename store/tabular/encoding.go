package tabular

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The encodings a CSV file can be read as, for the import screen to show.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1252 = "Windows-1252"
)

// SampleBytes is how much of a file decides its encoding, so detection streams.
const SampleBytes = 256 << 10

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// decode turns a file's bytes into UTF-8 text, deciding the encoding from its first SampleBytes.
//
// A file judged UTF-8 may still hold invalid bytes after the sample (or a few
// strays inside it): the parser then repairs each such byte by reading it as
// Windows-1252 (see repairUTF8), so only that character differs and no row is
// lost or shifted.
func decode(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, SampleBytes)
	sample, err := br.Peek(SampleBytes)
	complete := err != nil
	if err != nil && err != io.EOF {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
		return br, UTF8BOM, nil
	case bytes.HasPrefix(sample, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), UTF16LE, nil
	case bytes.HasPrefix(sample, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), UTF16BE, nil
	}
	if e, ok := utf16WithoutBOM(sample); ok {
		return transform.NewReader(br, unicode.UTF16(e, unicode.IgnoreBOM).NewDecoder()), utf16Name(e), nil
	}
	if looksUTF8(sample, complete) {
		return br, UTF8, nil
	}
	return transform.NewReader(br, charmap.Windows1252.NewDecoder()), Windows1252, nil
}

func utf16Name(e unicode.Endianness) string {
	if e == unicode.BigEndian {
		return UTF16BE
	}
	return UTF16LE
}

// utf16WithoutBOM spots UTF-16 by its NUL bytes, since some tools drop the BOM.
func utf16WithoutBOM(sample []byte) (unicode.Endianness, bool) {
	if len(sample) > 4096 {
		sample = sample[:4096]
	}
	pairs := len(sample) / 2
	if pairs < 2 {
		return unicode.LittleEndian, false
	}
	var even, odd int
	for i := 0; i+1 < len(sample); i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	// Latin text in UTF-16 has a NUL in most units on one side and none on the other.
	switch {
	case odd*10 >= pairs*3 && even*20 < pairs:
		return unicode.LittleEndian, true
	case even*10 >= pairs*3 && odd*20 < pairs:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// looksUTF8 judges a sample UTF-8 when its valid multi-byte characters outnumber its invalid bytes,
// so a UTF-8 file with a stray Windows-1252 byte is not misread as Windows-1252 throughout.
func looksUTF8(b []byte, complete bool) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if !complete && !utf8.FullRune(b[i:]) {
				break // a character cut by the end of the sample
			}
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return invalid == 0 || valid > invalid
}

// repairUTF8 reads each byte that is not part of valid UTF-8 as Windows-1252, so stray bytes become the letters they most likely were.
func repairUTF8(dst, b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[0])
		}
		dst = utf8.AppendRune(dst, r)
		b = b[size:]
	}
	return dst
}
