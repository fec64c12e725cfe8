package transfer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"leadq/domain"
	"leadq/domain/mapping"
	"leadq/store"
	"leadq/store/tabular"
)

// ExportOptions say what to export and how.
type ExportOptions struct {
	Format  string        // csv (default), jsonl or xlsx
	Profile string        // leadq (default), salesforce or hubspot
	ExcelDE bool          // csv with ; for a German Excel
	Tier    *domain.Tier  // only in-queue leads of this tier; nil: every lead
	Stage   *domain.Stage // only leads at this stage
}

// Formats are the export formats.
var Formats = []string{"csv", "jsonl", "xlsx"}

// Export writes the leads of the tier (and stage) in queue order to w, in
// the profile's columns, and returns how many it wrote. Every cell a
// spreadsheet would run as a formula is written as text.
func Export(st *store.Store, w io.Writer, opt ExportOptions) (int, error) {
	if opt.Profile == "" {
		opt.Profile = "leadq"
	}
	if opt.Format == "" {
		opt.Format = "csv"
	}
	profile, ok := mapping.ProfileNamed(opt.Profile)
	if !ok {
		return 0, domain.Problemf("store.export.profile", "%q is not an export profile: use leadq, salesforce or hubspot", opt.Profile)
	}
	keys, err := st.CustomKeys()
	if err != nil {
		return 0, err
	}
	header := profile.Header(keys)
	var out tabular.Writer
	bw := bufio.NewWriterSize(w, 1<<16)
	switch opt.Format {
	case "csv":
		delim := ','
		if opt.ExcelDE {
			delim = ';'
		}
		out = tabular.NewCSVWriter(bw, tabular.CSVOptions{Delimiter: delim, BOM: true})
	case "xlsx":
		out = tabular.NewXLSXWriter(bw, "Leads")
	case "jsonl":
		out = &jsonlWriter{w: bw}
	default:
		return 0, domain.Problemf("store.export.format", "%q is not an export format: use %s", opt.Format, strings.Join(Formats, ", "))
	}
	if err := out.Write(header); err != nil {
		return 0, err
	}
	n := 0
	tab := store.TabAll
	if opt.Tier != nil {
		tab = store.TabOf(*opt.Tier)
	}
	err = st.ForEachLead(tab, opt.Stage, func(l *domain.Lead) error {
		n++
		return out.Write(profile.Row(l, keys))
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return n, err
}

// jsonlWriter writes a JSON object a line, the first row its keys; values
// are as a program reads them, without a spreadsheet's formula guard.
type jsonlWriter struct {
	w    *bufio.Writer
	keys []string
}

func (j *jsonlWriter) Write(cells []string) error {
	if j.keys == nil {
		j.keys = make([]string, len(cells))
		for i, c := range cells {
			j.keys[i] = mapping.UnescapeCell(c)
		}
		return nil
	}
	j.w.WriteByte('{')
	first := true
	for i, c := range cells {
		c = mapping.UnescapeCell(c)
		if c == "" || i >= len(j.keys) {
			continue
		}
		if !first {
			j.w.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(j.keys[i])
		v, _ := json.Marshal(c)
		j.w.Write(k)
		j.w.WriteByte(':')
		j.w.Write(v)
	}
	j.w.WriteString("}\n")
	return nil
}

func (j *jsonlWriter) Close() error { return nil }

// ActivitySummary is what an activity import did.
type ActivitySummary struct {
	Added, Unchanged, Rejected int
	RejectsFile                string
}

func (s ActivitySummary) String() string {
	out := fmt.Sprintf("added %d · unchanged %d · rejected %d", s.Added, s.Unchanged, s.Rejected)
	if s.RejectsFile != "" {
		out += " (see " + s.RejectsFile + ")"
	}
	return out
}

// ImportActivities adds the touches of an activity file to the leads it
// names, by id, external id or email.
func ImportActivities(st *store.Store, path string, opt Options) (ActivitySummary, error) {
	var sum ActivitySummary
	t, done, err := openTable(path, opt.Sheet)
	if err != nil {
		return sum, err
	}
	defer t.Close()
	am, err := mapping.NewActivityMapping(t.Header(), mapping.Options{System: opt.System, Location: opt.Location})
	if err != nil {
		return sum, domain.Problemf("store.import.at", "%s: %v", path, err)
	}
	plan := &Plan{Path: path, Header: t.Header(), opt: opt}
	rejects := newRejects(plan)
	defer rejects.close()
	var fail error
	n := 0
	seq := iter.Seq[store.TouchRow](func(yield func(store.TouchRow) bool) {
		for {
			row, err := t.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				fail = fmt.Errorf("reading %s failed: %w", path, err)
				return
			}
			if n++; opt.Progress != nil && n%1000 == 0 {
				opt.Progress(n, done())
			}
			if row.Err != nil {
				rejects.add(Reject{Line: row.Line, Cells: row.Cells, Reason: row.Err.Error(), Err: row.Err})
				continue
			}
			ref, at, touch, err := am.Touch(row.Cells)
			if err != nil {
				rejects.add(Reject{Line: row.Line, Cells: row.Cells, Reason: err.Error(), Err: err})
				continue
			}
			if !yield(store.TouchRow{Line: row.Line, Ref: store.LeadRef(ref), At: at, Touch: touch, Cells: row.Cells}) {
				return
			}
		}
	})
	res, err := st.AddTouches(seq, func(int) {})
	for _, r := range res.Rejected {
		rejects.add(Reject{Line: r.Line, Cells: r.Cells, Reason: r.Err.Error(), Err: r.Err})
	}
	sum.Added, sum.Unchanged = res.Added, res.Unchanged
	if cerr := rejects.close(); err == nil {
		err = cerr
	}
	sum.Rejected, sum.RejectsFile = rejects.n, rejects.path
	if fail != nil {
		return sum, fail
	}
	return sum, err
}
