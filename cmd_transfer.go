package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"leadq/domain"
	"leadq/domain/mapping"
	"leadq/store"
	"leadq/store/transfer"
)

func (a *app) importCmd(args []string) (err error) {
	tr := a.tr
	f := a.newFlags("import", tr.T("cli.import.synopsis"), tr.T("cli.import.about"))
	sheet := f.String("sheet", "", tr.T("cli.import.flag.sheet"))
	mapFile := f.String("map", "", tr.T("cli.import.flag.map"))
	dryRun := f.Bool("dry-run", false, tr.T("cli.import.flag.dry-run"))
	system := f.String("system", "", tr.T("cli.import.flag.system"))
	onDup := f.String("on-duplicate", "merge", tr.T("cli.import.flag.on-duplicate"))
	strict := f.Bool("strict", false, tr.T("cli.import.flag.strict"))
	asJSON := f.Bool("json", false, tr.T("cli.import.flag.json"))
	allowErased := f.Bool("allow-erased", false, tr.T("cli.import.flag.allow-erased"))
	activities := f.Bool("activities", false, tr.T("cli.import.flag.activities"))
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &flagError{f, domain.Problemf("cli.import.one_file", "give exactly one file to import")}
	}
	path := pos[0]
	policy, err := store.ParseImportPolicy(*onDup)
	if err != nil {
		return &flagError{f, err}
	}
	opt := transfer.Options{Sheet: *sheet, MapFile: *mapFile, System: *system, Policy: policy}
	if !*dryRun {
		opt.Progress = a.rowProgress(a.tr.F("cli.import.progress", path))
	}
	s, _, err := a.openStore(f, false)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	s.AllowErased(*allowErased)
	start := time.Now()

	if *activities {
		sum, err := transfer.ImportActivities(s, path, opt)
		a.endProgress(opt.Progress)
		if err != nil {
			return err
		}
		line := a.tr.F("cli.import.activities_done", a.tr.Number(sum.Added), a.tr.Number(sum.Unchanged), a.tr.Number(sum.Rejected)) + a.seeRejects(sum.RejectsFile)
		return a.printSummary(*asJSON, line, map[string]any{"added": sum.Added, "unchanged": sum.Unchanged,
			"rejected": sum.Rejected, "rejects_file": sum.RejectsFile, "seconds": time.Since(start).Seconds()})
	}
	plan, err := transfer.Prepare(path, opt)
	if err != nil {
		return err
	}
	if *dryRun {
		return a.printPreview(s, plan, *asJSON)
	}
	sum, err := plan.Run(s, *strict)
	a.endProgress(opt.Progress)
	if err != nil {
		return err
	}
	line := a.tr.F("cli.import.done", a.tr.Number(sum.Created), a.tr.Number(sum.Merged), a.tr.Number(sum.Unchanged), a.tr.Number(sum.Rejected))
	if sum.Skipped > 0 {
		line += a.tr.F("cli.import.skipped", a.tr.Number(sum.Skipped))
	}
	line += a.seeRejects(sum.RejectsFile)
	return a.printSummary(*asJSON, line, map[string]any{"created": sum.Created, "merged": sum.Merged,
		"unchanged": sum.Unchanged, "skipped": sum.Skipped, "rejected": sum.Rejected, "conflicts": sum.Conflicts,
		"rejects_file": sum.RejectsFile, "system": plan.Mapping.System, "seconds": time.Since(start).Seconds()})
}

// seeRejects points to the rejects file, when there is one.
func (a *app) seeRejects(path string) string {
	if path == "" {
		return ""
	}
	return a.tr.F("cli.import.see", path)
}

func (a *app) printSummary(asJSON bool, line string, fields map[string]any) error {
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(fields)
	}
	_, err := fmt.Fprintln(a.stdout, line)
	return err
}

// printPreview is --dry-run: the mapping as a map file, the first rows as
// they would be stored, and the counts.
func (a *app) printPreview(s *store.Store, plan *transfer.Plan, asJSON bool) error {
	pv, err := plan.Preview(s, 5)
	if err != nil {
		return err
	}
	c := pv.Counts
	if asJSON {
		return a.printSummary(true, "", map[string]any{"mapping": plan.Mapping.TOML(), "created": c.Created, "merged": c.Merged,
			"unchanged": c.Unchanged, "skipped": c.Skipped, "erased": c.Erased, "rejected": len(pv.Rejected), "system": plan.Mapping.System})
	}
	w := a.stdout
	fmt.Fprint(w, plan.Mapping.TOML())
	fmt.Fprintf(w, "\n# %s\n", a.tr.T("cli.import.preview.rows"))
	for _, l := range pv.Sample {
		fmt.Fprintf(w, "#   %s\n", clean(joinNonEmpty(" · ", l.DisplayName(), l.Company.Name, l.Email, l.Phone,
			joinNonEmpty(" ", l.Company.PostalCode, l.Company.City), l.Stage.String())))
	}
	erased := ""
	if c.Erased > 0 {
		erased = a.tr.F("cli.import.preview.erased", a.tr.Number(c.Erased))
	}
	fmt.Fprintf(w, "# %s\n", a.tr.F("cli.import.preview.would", a.tr.Number(c.Created), a.tr.Number(c.Merged), a.tr.Number(c.Unchanged), a.tr.Number(c.Skipped), erased, a.tr.Number(len(pv.Rejected))))
	for i, r := range pv.Rejected {
		if i == 5 {
			fmt.Fprintf(w, "#   %s\n", a.tr.N("cli.and_more", len(pv.Rejected)-5))
			break
		}
		fmt.Fprintf(w, "#   %s\n", a.tr.F("cli.import.preview.rejected", r.Line, clean(a.rejectReason(r))))
	}
	return nil
}

// rejectReason is why a row was rejected, in the user's language; the
// rejects file keeps the English, one language whoever imports.
func (a *app) rejectReason(r transfer.Reject) string {
	var ce *mapping.CellError
	switch {
	case r.Err == nil:
		return r.Reason
	case errors.As(r.Err, &ce):
		return oneLine(a.tr.Error(ce.Problem()))
	}
	return oneLine(a.tr.Error(r.Err))
}

// rowProgress reports an import on stderr: on a terminal a line that
// updates itself with rows, rate and time left; nothing otherwise.
func (a *app) rowProgress(what string) func(rows int, done float64) {
	f, ok := a.stderr.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	start := time.Now()
	return func(rows int, done float64) {
		el := time.Since(start)
		rate := float64(rows) / max(el.Seconds(), 1e-3)
		eta := ""
		if done > 0 && done < 1 {
			eta = a.tr.F("cli.import.eta", (time.Duration(float64(el)/done) - el).Round(time.Second))
		}
		bar := ""
		if done >= 0 {
			n := int(done * 20)
			bar = "[" + strings.Repeat("█", n) + strings.Repeat("·", 20-n) + "] "
		}
		fmt.Fprintf(a.stderr, "\rleadq: %s %s%s%s   ", what, bar, a.tr.F("cli.import.rate", a.tr.Number(rows), a.tr.Number(int(rate+0.5))), eta)
	}
}

func (a *app) endProgress(p func(int, float64)) {
	if p != nil {
		fmt.Fprintln(a.stderr)
	}
}

func (a *app) exportCmd(args []string) (err error) {
	tr := a.tr
	f := a.newFlags("export", tr.T("cli.synopsis.flags"), tr.T("cli.export.about"))
	out := f.String("out", "", tr.T("cli.export.flag.out"))
	format := f.String("format", "csv", tr.T("cli.export.flag.format"))
	profile := f.String("profile", "leadq", tr.T("cli.export.flag.profile"))
	excelDE := f.Bool("excel-de", false, tr.T("cli.export.flag.excel-de"))
	tierName := f.String("tier", "", tr.T("cli.flag.tier"))
	stageName := f.String("stage", "", tr.F("cli.flag.stage", stageNames()))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	opt := transfer.ExportOptions{Format: *format, Profile: *profile, ExcelDE: *excelDE}
	if *tierName != "" {
		t, err := domain.ParseTier(*tierName)
		if err != nil {
			return flagValueError("--tier", tierError(err, *tierName))
		}
		opt.Tier = &t
	}
	if *stageName != "" {
		st, err := domain.ParseStage(*stageName)
		if err != nil {
			return flagValueError("--stage", stageError(err, *stageName))
		}
		opt.Stage = &st
	}
	if *out == "-" {
		*out = "" // the usual name for stdout
	}
	if *format == "xlsx" && *out == "" {
		if f, ok := a.stdout.(*os.File); ok && isTerminal(f) {
			return domain.Problemf("cli.export.xlsx_terminal", "an xlsx export is no text for a terminal: give --out FILE")
		}
	}
	s, _, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	var w io.Writer = a.stdout
	var file *os.File
	if *out != "" {
		tmp := *out + ".writing"
		if file, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			return domain.Problemf("cli.cannot_write", "cannot write %s: %v", *out, err)
		}
		w = file
		defer func() {
			if file != nil {
				file.Close()
				os.Remove(tmp)
			}
		}()
	}
	n, err := transfer.Export(s, w, opt)
	if err != nil {
		return domain.Problemf("cli.export.failed", "the export failed: %v", err)
	}
	if file != nil {
		if err := file.Sync(); err != nil {
			return domain.Problemf("cli.write_failed", "writing %s failed: %v", *out, err)
		}
		if err := file.Close(); err != nil {
			return domain.Problemf("cli.write_failed", "writing %s failed: %v", *out, err)
		}
		file = nil
		if err := os.Rename(*out+".writing", *out); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.export.done", a.tr.N("cli.n.leads", n), *out))
	}
	return nil
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
