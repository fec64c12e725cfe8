package tabular

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestCSVWriter(t *testing.T) {
	rows := [][]string{
		{"Firma", "Straße", "Notiz"},
		{"Müller GmbH", "Hauptstraße 1", "plain"},
		{"Weiß, Söhne", "a;b", "sag \"hallo\""},
		{" vorn", "hinten ", "Zeile 1\nZeile 2"},
		{"", "", "cr\rcrlf\r\n"},
	}
	tests := []struct {
		name string
		opt  CSVOptions
		want string
	}{
		{
			name: "comma, no BOM",
			want: "Firma,Straße,Notiz\r\n" +
				"Müller GmbH,Hauptstraße 1,plain\r\n" +
				"\"Weiß, Söhne\",a;b,\"sag \"\"hallo\"\"\"\r\n" +
				"\" vorn\",\"hinten \",\"Zeile 1\nZeile 2\"\r\n" +
				",,\"cr\rcrlf\r\n\"\r\n",
		},
		{
			name: "semicolon with BOM, for German Excel",
			opt:  CSVOptions{Delimiter: ';', BOM: true},
			want: "\xEF\xBB\xBFFirma;Straße;Notiz\r\n" +
				"Müller GmbH;Hauptstraße 1;plain\r\n" +
				"Weiß, Söhne;\"a;b\";\"sag \"\"hallo\"\"\"\r\n" +
				"\" vorn\";\"hinten \";\"Zeile 1\nZeile 2\"\r\n" +
				";;\"cr\rcrlf\r\n\"\r\n",
		},
		{
			name: "tab",
			opt:  CSVOptions{Delimiter: '\t'},
			want: "Firma\tStraße\tNotiz\r\n" +
				"Müller GmbH\tHauptstraße 1\tplain\r\n" +
				"Weiß, Söhne\ta;b\t\"sag \"\"hallo\"\"\"\r\n" +
				"\" vorn\"\t\"hinten \"\t\"Zeile 1\nZeile 2\"\r\n" +
				"\t\t\"cr\rcrlf\r\n\"\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewCSVWriter(&buf, tt.opt)
			for _, r := range rows {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("wrote\n%q\nwant\n%q", got, tt.want)
			}
			// Read back: the same cells, line breaks as LF.
			tab, err := ReadCSV(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tab.Header(), rows[0]) {
				t.Errorf("header %q", tab.Header())
			}
			got := readAll(t, tab)
			want := [][]string{rows[1], rows[2], rows[3], {"", "", "cr\ncrlf\n"}}
			for i, r := range got {
				if r.Err != nil || !reflect.DeepEqual(r.Cells, want[i]) {
					t.Errorf("read back line %d: %q %v, want %q", r.Line, r.Cells, r.Err, want[i])
				}
			}
		})
	}
}

func TestCSVWriterEdges(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSVWriter(&buf, CSVOptions{BOM: true})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "\xEF\xBB\xBF" {
		t.Errorf("empty file with BOM: %q", buf.String())
	}
	if err := w.Write([]string{"a"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	bad := NewCSVWriter(&buf, CSVOptions{Delimiter: '"'})
	if err := bad.Write([]string{"a"}); !errors.Is(err, ErrBadDelimiter) {
		t.Errorf("quote as delimiter: %v", err)
	}
}
