package mapping

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// CellError is a cell that rejects its row: the column, the cell and why.
type CellError struct {
	Column string // the header
	Value  string // the cell as read (trimmed)
	Err    error  // names the value itself
}

func (e *CellError) Error() string { return fmt.Sprintf("column %s: %v", tomlKey(e.Column), e.Err) }
func (e *CellError) Unwrap() error { return e.Err }

// Problem is the error as a Problem, for a person to read in their language.
func (e *CellError) Problem() *domain.Problem {
	return domain.Problemf("mapping.column", "column %s: %v", tomlKey(e.Column), e.Err)
}

// ErrNoContact rejects a row nobody could get back to.
var ErrNoContact = domain.Problemf("mapping.no_contact", "the row has no name, company, email or phone")

// rowReader gathers one row's cells into a lead.
type rowReader struct {
	m        *Mapping
	l        *domain.Lead
	warnings []string
	stageSet bool
	fitSet   bool
	implied  StageValue // the fit a stage value implies, when HasFit
	optOut   bool
	extID    string
	extSys   string
}

// Lead reads one row into a new lead, with warnings; a bad cell rejects the row (see doc.go, Values).
func (m *Mapping) Lead(cells []string, now time.Time) (*domain.Lead, []string, error) {
	now = now.Round(0) // leads compare and store by wall time
	l := &domain.Lead{BANT: domain.BANT{RepEstimate: -1}}
	r := &rowReader{m: m, l: l}
	for i := range m.Columns {
		c := &m.Columns[i]
		if i >= len(cells) {
			break
		}
		v := cleanCell(cells[i])
		if v == "" {
			continue
		}
		if err := r.cell(c, v); err != nil {
			return nil, nil, &CellError{Column: c.Header, Value: v, Err: err}
		}
	}
	extra := 0
	for _, v := range cells[min(len(cells), len(m.Columns)):] {
		if cleanCell(v) != "" {
			extra++
		}
	}
	if extra > 0 {
		r.warn("the row has %d cells more than the header: they are not read", extra)
	}
	if err := r.finish(now); err != nil {
		return nil, nil, err
	}
	return l, r.warnings, nil
}

// cleanCell is a cell as its target reads it: valid UTF-8, a formula
// escape undone, line ends as LF, no blanks around it.
func cleanCell(s string) string {
	s = UnescapeCell(strings.ToValidUTF8(s, "\uFFFD"))
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

func (r *rowReader) warn(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// keep puts a word leadq could not read into the column's custom field.
func (r *rowReader) keep(c *Column, v, what string) {
	r.setCustom(c.keep, v)
	r.warn("column %s: %q is no %s leadq knows: kept as custom.%s", tomlKey(c.Header), v, what, c.keep)
}

func (r *rowReader) setCustom(key, v string) {
	if r.l.Custom == nil {
		r.l.Custom = map[string]string{}
	}
	r.l.Custom[key] = v
}

func (r *rowReader) cell(c *Column, v string) error {
	l := r.l
	if typed[c.Target] && strings.Trim(v, "-–—") == "" {
		return nil // a dash is how spreadsheets write "none"
	}
	switch t := c.Target; t {
	case "name", "first_name", "last_name", "salutation", "title", "company", "website", "industry",
		"street", "postal_code", "city", "source", "owner":
		return domain.SetContactField(l, t, v)
	case "email":
		e := domain.NormaliseEmail(v)
		if err := domain.ValidateEmail(e); err != nil {
			return quoteInput(err, e)
		}
		l.Email = e
	case "phone", "mobile":
		if err := domain.ValidatePhone(v); err != nil {
			return quoteInput(err, v)
		}
		_ = domain.SetContactField(l, t, v)
	case "employees":
		n, err := domain.ParseCount(v)
		if err != nil {
			return quoteInput(err, v)
		}
		l.Company.Employees = n
	case "annual_revenue":
		n, err := domain.ParseAmount(v)
		if err != nil {
			return quoteInput(err, v)
		}
		l.Company.AnnualRevenue = n
	case "country":
		code, err := domain.NormaliseCountry(v)
		if err != nil {
			return quoteInput(err, v)
		}
		l.Company.Country = code
	case "stage":
		sv, ok := ParseStageValue(v)
		if !ok {
			r.keep(c, v, "stage")
			return nil
		}
		if !r.stageSet || stageReach[sv.Stage] > stageReach[l.Stage] {
			l.Stage, r.stageSet = sv.Stage, true
			r.implied = sv
		}
	case "fit":
		f, ok := ParseFitValue(v)
		if !ok {
			r.keep(c, v, "fit")
			return nil
		}
		l.Fit, r.fitSet = f, true
	case "fit_reason":
		l.FitReason = v
	case "consent":
		cs, ok := ParseConsentValue(v)
		if !ok {
			r.keep(c, v, "consent status")
			return nil
		}
		l.Consent.Status = cs
	case "consent_source":
		l.Consent.Source = v
	case "consent_date":
		d, err := ParseDate(v, r.m.Location)
		if err != nil {
			return err
		}
		l.Consent.Date = d
	case "opt_out":
		b, err := ParseBool(v)
		if err != nil {
			return err
		}
		r.optOut = r.optOut || b
	case "created":
		d, err := ParseDate(v, r.m.Location)
		if err != nil {
			return err
		}
		l.Created = d
	case "external_id":
		r.extID = v
	case "external_system":
		r.extSys = v
	case "id":
		id, err := strconv.ParseUint(v, 10, 64)
		if err != nil || id == 0 {
			return domain.Problemf("mapping.not_an_id", "%q is not a leadq id: ids are whole numbers from 1", v)
		}
		l.ID = id
	case TargetNote:
		if r.m.noteColumns > 1 {
			v = c.Header + ": " + v
		}
		l.Notes = append(l.Notes, domain.Note{Kind: domain.NoteOther, Text: v})
	case TargetIgnore:
	default:
		key, ok := strings.CutPrefix(t, customPrefix)
		if !ok {
			return fmt.Errorf("%s is not a field", t) // New never makes such a target
		}
		r.setCustom(key, v)
	}
	return nil
}

// typed are the targets whose cells must parse; a lone dash in them is empty.
var typed = map[string]bool{
	"email": true, "phone": true, "mobile": true, "employees": true, "annual_revenue": true, "country": true,
	"created": true, "consent_date": true, "opt_out": true, "id": true,
}

// finish works out what needs the whole row: names, ids, consent, postal code, reachability.
func (r *rowReader) finish(now time.Time) error {
	l, m := r.l, r.m
	if m.splitName && l.Name != "" {
		sal, first, last := SplitName(l.Name)
		if first != "" || last != "" {
			l.FirstName, l.LastName, l.Name = first, last, joinName(first, last)
			if l.Salutation == "" {
				l.Salutation = sal
			}
		}
	}
	if l.Name == "" {
		l.Name = joinName(l.FirstName, l.LastName)
	}
	if l.DisplayName() == "" && l.Company.Name == "" && l.Email == "" && l.Phone == "" && l.Mobile == "" {
		return ErrNoContact
	}
	if !r.fitSet && r.implied.HasFit {
		l.Fit = r.implied.Fit
	}
	if r.optOut {
		l.Consent.Status = domain.ConsentWithdrawn
	}
	if pc := l.Company.PostalCode; len(pc) == 4 && (l.Company.Country == "DE" || l.Company.Country == "FR") && isDigits(pc) {
		// A spreadsheet took the leading zero of 01067 for a number's.
		l.Company.PostalCode = "0" + pc
		r.warn("postal code %s read as %s: a spreadsheet dropped its leading zero", pc, l.Company.PostalCode)
	}
	if err := r.externalIDs(); err != nil {
		return err
	}
	if l.Created.IsZero() {
		l.Created = now
	}
	for i := range l.Notes {
		l.Notes[i].Created = now
	}
	src := &domain.ImportSource{System: m.System, ExternalID: l.ExternalIDs[m.System]}
	if m.System == SystemLeadq && l.ID != 0 {
		src.ExternalID = strconv.FormatUint(l.ID, 10)
	}
	l.History = []domain.Event{{Kind: domain.EventImported, At: now, Import: src}}
	return nil
}

// externalIDs files the ids under the external_system cell's systems (one per line), else the mapping's.
func (r *rowReader) externalIDs() error {
	if r.extID == "" {
		return nil
	}
	ids := strings.Split(r.extID, "\n")
	systems := []string{r.m.System}
	if r.extSys != "" {
		systems = strings.Split(r.extSys, "\n")
	}
	if len(ids) != len(systems) {
		return &CellError{Column: r.m.header("external_id"), Value: r.extID,
			Err: domain.Problemf("mapping.ids_for_systems", "%d ids for %d systems: write one id per line of external_system", len(ids), len(systems))}
	}
	r.l.ExternalIDs = make(map[string]string, len(ids))
	for i, id := range ids {
		id = strings.TrimSpace(id)
		sys := customKey(systems[i])
		if id == "" || sys == "" {
			continue
		}
		r.l.ExternalIDs[sys] = id
	}
	if len(r.l.ExternalIDs) == 0 {
		r.l.ExternalIDs = nil
	}
	return nil
}

// header is the header of the column that fills target.
func (m *Mapping) header(target string) string {
	for _, c := range m.Columns {
		if c.Target == target {
			return c.Header
		}
	}
	return target
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// quoteInput quotes the value a domain message starts with, so a message
// reads `"viele" is not a number` and blanks in the value show.
func quoteInput(err error, in string) error {
	if _, ok := domain.AsProblem(err); ok {
		return err // a Problem quotes its values itself
	}
	msg := err.Error()
	for _, v := range []string{in, strings.Join(strings.Fields(in), " ")} {
		if v != "" && strings.HasPrefix(msg, v) {
			return errors.New(strconv.Quote(v) + msg[len(v):])
		}
	}
	return err
}
