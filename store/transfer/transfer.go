// Package transfer brings leads in from files and hands them out again:
// it reads a table (package tabular), maps its columns (domain/mapping)
// and writes through the store, keeping every row it cannot read in a
// rejects file beside the file. The command line and the queue's import
// both use it.
package transfer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
	"leadq/domain/mapping"
	"leadq/store"
	"leadq/store/tabular"
)

// Options say how to read a file.
type Options struct {
	Sheet    string // xlsx: the sheet; empty: the first
	MapFile  string // a mapping file (--map); empty: the automatic mapping
	System   string // whose external ids the file holds (--system)
	Policy   store.ImportPolicy
	Location *time.Location // reads dates without a zone; nil: time.Local
	// Progress, when set, hears how far the reading has come: rows read,
	// and the share of the file read (0–1; -1 when it cannot be known).
	Progress func(rows int, done float64)
}

// Plan is a file ready to import: its table's header and the mapping.
type Plan struct {
	Path    string
	Header  []string
	Mapping *mapping.Mapping
	opt     Options
	delim   rune // the file's delimiter, for its rejects file; 0 for Excel
}

// Prepare opens a file, reads its header and works out the mapping.
func Prepare(path string, opt Options) (*Plan, error) {
	var mf *mapping.MapFile
	if opt.MapFile != "" {
		data, err := os.ReadFile(opt.MapFile)
		if err != nil {
			return nil, domain.Problemf("store.import.map_unreadable", "cannot read the mapping file: %v", err)
		}
		if mf, err = mapping.ParseMapFile(data); err != nil {
			return nil, domain.Problemf("store.import.at", "%s: %v", opt.MapFile, mapping.Problem(err))
		}
	}
	t, _, err := openTable(path, opt.Sheet)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	header := t.Header()
	m, err := mapping.New(header, mf, mapping.Options{System: opt.System, Location: opt.Location})
	if err != nil {
		return nil, mapping.Problem(err)
	}
	var delim rune
	if ct, ok := t.(*closingTable); ok {
		if csv, ok := ct.Table.(*tabular.CSVTable); ok {
			delim = csv.Delimiter()
		}
	}
	return &Plan{Path: path, Header: header, Mapping: m, opt: opt, delim: delim}, nil
}

// openTable opens a file as a table and says how much of it is read.
func openTable(path, sheet string) (tabular.Table, func() float64, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		t, err := tabular.Open(path, tabular.Options{Sheet: sheet})
		return t, func() float64 { return -1 }, fileError(path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fileError(path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fileError(path, err)
	}
	if fi.IsDir() {
		f.Close()
		return nil, nil, domain.Problemf("store.import.directory", "%s is a directory, not a file to import", path)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".tsv", ".txt", "":
	default:
		f.Close()
		return nil, nil, domain.Problemf("store.import.kind", "%s: leadq imports .csv, .tsv, .txt and .xlsx files, not %s", path, ext)
	}
	c := &countingReader{r: f}
	t, err := tabular.ReadCSV(c)
	if err != nil {
		f.Close()
		return nil, nil, fileError(path, err)
	}
	size := float64(max(1, fi.Size()))
	return &closingTable{Table: t, f: f}, func() float64 { return min(1, float64(c.n)/size) }, nil
}

func fileError(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return domain.Problemf("store.import.no_file", "there is no file %s", path)
	case errors.Is(err, fs.ErrPermission):
		return domain.Problemf("store.import.permission", "%s cannot be read: permission denied", path)
	case strings.Contains(err.Error(), path):
		return err
	}
	return domain.Problemf("store.import.at", "%s: %v", path, err)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// closingTable closes the file under a table read from it.
type closingTable struct {
	tabular.Table
	f *os.File
}

func (t *closingTable) Close() error {
	err := t.Table.Close()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Reject is a row that could not be imported, and why.
type Reject struct {
	Line   int
	Cells  []string
	Reason string
	Err    error // Reason as the error it came from, for a person to read in their language
}

// rows reads the plan's file, mapping each row: good rows are yielded, bad
// ones handed to reject. It stops at the first error of the file itself.
func (p *Plan) rows(now time.Time, reject func(Reject), fail *error) iter.Seq[store.ImportRow] {
	return func(yield func(store.ImportRow) bool) {
		t, done, err := openTable(p.Path, p.opt.Sheet)
		if err != nil {
			*fail = err
			return
		}
		defer t.Close()
		n := 0
		for {
			row, err := t.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				*fail = fmt.Errorf("reading %s failed: %w", p.Path, err)
				return
			}
			if n++; p.opt.Progress != nil && n%1000 == 0 {
				p.opt.Progress(n, done())
			}
			if row.Err != nil {
				reject(Reject{Line: row.Line, Cells: row.Cells, Reason: row.Err.Error(), Err: row.Err})
				continue
			}
			l, _, err := p.Mapping.Lead(row.Cells, now)
			if err == nil {
				err = checkRow(l)
			}
			if err != nil {
				reject(Reject{Line: row.Line, Cells: row.Cells, Reason: err.Error(), Err: err})
				continue
			}
			if !yield(store.ImportRow{Line: row.Line, Lead: l}) {
				return
			}
		}
	}
}

// checkRow refuses what the store would refuse of an imported lead: a
// field that is filled but implausible.
func checkRow(l *domain.Lead) error {
	if errs := l.CheckFields(); len(errs) > 0 {
		return fmt.Errorf("%s: %s", errs[0].Field, errs[0].Msg)
	}
	if err := domain.CheckNewText(l, nil); err != nil {
		return err
	}
	return nil
}

// Preview is what an import would do, worked out without writing.
type Preview struct {
	Sample   []*domain.Lead // the first rows as they would be stored
	Counts   store.ImportResult
	Rejected []Reject
}

// Preview reads the whole file and counts what importing it would do;
// sample rows are kept.
func (p *Plan) Preview(st *store.Store, sample int) (Preview, error) {
	var pv Preview
	var fail error
	rows := p.rows(time.Now(), func(r Reject) { pv.Rejected = append(pv.Rejected, r) }, &fail)
	counted := func(yield func(store.ImportRow) bool) {
		for r := range rows {
			if len(pv.Sample) < sample {
				cp := *r.Lead
				pv.Sample = append(pv.Sample, &cp)
			}
			if !yield(r) {
				return
			}
		}
	}
	counts, err := st.PreviewImport(counted, store.ImportOptions{System: p.Mapping.System, Policy: p.opt.Policy})
	if fail != nil {
		return pv, fail
	}
	pv.Counts = counts
	return pv, err
}

// Summary is what an import did.
type Summary struct {
	store.ImportResult
	Rejected    int
	RejectsFile string // where the rejected rows were written, if any
}

func (s Summary) String() string {
	out := fmt.Sprintf("created %d · merged %d · unchanged %d · rejected %d", s.Created, s.Merged, s.Unchanged, s.Rejected)
	if s.Skipped > 0 {
		out += fmt.Sprintf(" · skipped %d", s.Skipped)
	}
	if s.RejectsFile != "" {
		out += " (see " + s.RejectsFile + ")"
	}
	return out
}

// RejectedError is returned by a strict import that found rows it cannot
// read; it wrote nothing.
type RejectedError struct {
	Rows        int
	RejectsFile string
}

func (e *RejectedError) Error() string {
	return fmt.Sprintf("%d rows could not be read, so nothing was imported (--strict; see %s)", e.Rows, e.RejectsFile)
}

// Run imports the file. A strict run reads it all first and writes nothing
// when a row is rejected. Rejected rows go to NAME.rejects.csv beside the file (RejectsPath), with their
// line and the reason.
func (p *Plan) Run(st *store.Store, strict bool) (Summary, error) {
	var sum Summary
	rejects := newRejects(p)
	defer rejects.close()
	if strict {
		var fail error
		for range p.rows(time.Now(), rejects.add, &fail) {
		}
		if fail != nil {
			return sum, fail
		}
		if sum.Rejected, sum.RejectsFile = rejects.n, rejects.path; rejects.n > 0 {
			if err := rejects.close(); err != nil {
				return sum, err
			}
			return sum, &RejectedError{Rows: rejects.n, RejectsFile: rejects.path}
		}
	}
	var fail error
	res, err := st.Import(p.rows(time.Now(), rejects.add, &fail), store.ImportOptions{
		File: filepath.Base(p.Path), System: p.Mapping.System, Policy: p.opt.Policy,
	})
	sum.ImportResult = res
	if cerr := rejects.close(); err == nil {
		err = cerr
	}
	sum.Rejected, sum.RejectsFile = rejects.n, rejects.path
	if fail != nil {
		return sum, fail
	}
	return sum, err
}

// rejects writes the rows an import could not read beside the file.
type rejects struct {
	plan *Plan
	path string
	n    int
	f    *os.File
	w    tabular.Writer
	err  error
}

func newRejects(p *Plan) *rejects {
	r := &rejects{plan: p, path: RejectsPath(p.Path)}
	os.Remove(r.path) // the rejects of an earlier run do not belong to this one
	return r
}

// RejectsPath is where the rows of a file that could not be imported go.
func RejectsPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".rejects.csv"
}

func (r *rejects) add(rj Reject) {
	r.n++
	if r.err != nil {
		return
	}
	if r.w == nil {
		if r.f, r.err = os.OpenFile(r.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); r.err != nil {
			return
		}
		// Written the way the file came (its delimiter, so a German Excel
		// opens it in columns), the line and the reason first, so they
		// stand under their headers however many cells a row has.
		r.w = tabular.NewCSVWriter(r.f, tabular.CSVOptions{BOM: true, Delimiter: r.plan.delim})
		r.err = r.w.Write(append([]string{"line", "reason"}, r.plan.Header...))
	}
	cells := []string{strconv.Itoa(rj.Line), mapping.EscapeCell(rj.Reason)}
	for _, c := range rj.Cells {
		cells = append(cells, mapping.EscapeCell(c)) // a formula in the file stays text
	}
	if r.err == nil {
		r.err = r.w.Write(cells)
	}
}

func (r *rejects) close() error {
	if r.w == nil {
		if r.n == 0 {
			r.path = ""
		}
		return r.err
	}
	err := r.w.Close()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	r.w = nil
	if r.err == nil {
		r.err = err
	}
	if r.err != nil {
		return fmt.Errorf("writing the rejected rows to %s failed: %w", r.path, r.err)
	}
	return nil
}
