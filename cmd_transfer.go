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
	"leadq/store"
	"leadq/store/transfer"
)

func (a *app) importCmd(args []string) (err error) {
	f := a.newFlags("import", "[flags] FILE", "Bring leads in from a CSV, TSV or Excel file: columns are mapped to lead\nfields by their headers (leadq's own, Salesforce, HubSpot, German ones),\nevery other column is kept as a custom field. Rows that cannot be read go\nto NAME.rejects.csv beside FILE (leads.csv: leads.rejects.csv); leads already stored are matched by external id,\nemail, phone, then name and company.")
	sheet := f.String("sheet", "", "the Excel `sheet` to read (default: the first)")
	mapFile := f.String("map", "", "a mapping `file` (TOML, [columns] \"Header\" = \"field\") that overrides the automatic mapping")
	dryRun := f.Bool("dry-run", false, "print the mapping (as a mapping file), the first rows and what would happen; write nothing")
	system := f.String("system", "", "the `system` the file's ids belong to (default: salesforce or hubspot when recognised, else file)")
	onDup := f.String("on-duplicate", "merge", "what to do with a row that matches a lead: merge (fill empty fields), update (the file wins), skip or new")
	strict := f.Bool("strict", false, "import nothing when any row is rejected (exit 1)")
	asJSON := f.Bool("json", false, "print the summary as a JSON object")
	allowErased := f.Bool("allow-erased", false, "take in persons erased at their request (leadq forget) again")
	activities := f.Bool("activities", false, "FILE holds activities (id, external_id or email; kind, at, funnel, outcome, note) for leads already stored")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &flagError{f, errors.New("give exactly one file to import")}
	}
	path := pos[0]
	policy, err := store.ParseImportPolicy(*onDup)
	if err != nil {
		return &flagError{f, err}
	}
	opt := transfer.Options{Sheet: *sheet, MapFile: *mapFile, System: *system, Policy: policy}
	if !*dryRun {
		opt.Progress = a.rowProgress("importing " + path)
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
		return a.printSummary(*asJSON, sum.String(), map[string]any{"added": sum.Added, "unchanged": sum.Unchanged,
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
	return a.printSummary(*asJSON, sum.String(), map[string]any{"created": sum.Created, "merged": sum.Merged,
		"unchanged": sum.Unchanged, "skipped": sum.Skipped, "rejected": sum.Rejected, "conflicts": sum.Conflicts,
		"rejects_file": sum.RejectsFile, "system": plan.Mapping.System, "seconds": time.Since(start).Seconds()})
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
	fmt.Fprintf(w, "\n# first rows as they would be stored\n")
	for _, l := range pv.Sample {
		fmt.Fprintf(w, "#   %s\n", clean(joinNonEmpty(" · ", l.DisplayName(), l.Company.Name, l.Email, l.Phone,
			joinNonEmpty(" ", l.Company.PostalCode, l.Company.City), l.Stage.String())))
	}
	erased := ""
	if c.Erased > 0 {
		erased = fmt.Sprintf(" · leave out %d erased at their request", c.Erased)
	}
	fmt.Fprintf(w, "# would: create %d · merge %d · leave %d unchanged · skip %d%s · reject %d\n",
		c.Created, c.Merged, c.Unchanged, c.Skipped, erased, len(pv.Rejected))
	for i, r := range pv.Rejected {
		if i == 5 {
			fmt.Fprintf(w, "#   … and %d more\n", len(pv.Rejected)-5)
			break
		}
		fmt.Fprintf(w, "#   line %d: %s\n", r.Line, clean(r.Reason))
	}
	return nil
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
			eta = fmt.Sprintf(" · %s left", (time.Duration(float64(el)/done) - el).Round(time.Second))
		}
		bar := ""
		if done >= 0 {
			n := int(done * 20)
			bar = "[" + strings.Repeat("█", n) + strings.Repeat("·", 20-n) + "] "
		}
		fmt.Fprintf(a.stderr, "\rleadq: %s %s%d rows · %.0f/s%s   ", what, bar, rows, rate, eta)
	}
}

func (a *app) endProgress(p func(int, float64)) {
	if p != nil {
		fmt.Fprintln(a.stderr)
	}
}

func (a *app) exportCmd(args []string) (err error) {
	f := a.newFlags("export", "[flags]", "Write leads to a file or stdout, in queue order: leadq's own columns (which\nimport reads back), or Salesforce's or HubSpot's.")
	out := f.String("out", "", "write to `FILE` (default, or -: stdout)")
	format := f.String("format", "csv", "`format`: csv (UTF-8 with BOM, for Excel), jsonl or xlsx")
	profile := f.String("profile", "leadq", "column `set`: leadq, salesforce or hubspot")
	excelDE := f.Bool("excel-de", false, "csv separated by ; as a German Excel reads it")
	tierName := f.String("tier", "", "only in-queue leads of this `tier`: hot, warm or cold")
	stageName := f.String("stage", "", "only leads at this `stage`: "+stageNames())
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	opt := transfer.ExportOptions{Format: *format, Profile: *profile, ExcelDE: *excelDE}
	if *tierName != "" {
		t, err := domain.ParseTier(*tierName)
		if err != nil {
			return fmt.Errorf("--tier: %w", err)
		}
		opt.Tier = &t
	}
	if *stageName != "" {
		st, err := domain.ParseStage(*stageName)
		if err != nil {
			return fmt.Errorf("--stage: %w", err)
		}
		opt.Stage = &st
	}
	if *out == "-" {
		*out = "" // the usual name for stdout
	}
	if *format == "xlsx" && *out == "" {
		if f, ok := a.stdout.(*os.File); ok && isTerminal(f) {
			return errors.New("an xlsx export is no text for a terminal: give --out FILE")
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
			return fmt.Errorf("cannot write %s: %w", *out, err)
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
		return fmt.Errorf("the export failed: %w", err)
	}
	if file != nil {
		if err := file.Sync(); err != nil {
			return fmt.Errorf("writing %s failed: %w", *out, err)
		}
		if err := file.Close(); err != nil {
			return fmt.Errorf("writing %s failed: %w", *out, err)
		}
		file = nil
		if err := os.Rename(*out+".writing", *out); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "leadq: wrote %s to %s\n", plural(n, "lead", "leads"), *out)
	}
	return nil
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
