package mapping

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"leadq/domain"
)

// Profile is an export's column layout: leadq's own, which reads back into the same leads, or a CRM's.
type Profile struct {
	Name    string
	columns []exportColumn
	own     map[string]bool // custom keys the profile writes in columns of its own
}

type exportColumn struct {
	header string
	value  func(l *domain.Lead) string
}

// Profiles are the export layouts by name: leadq, salesforce, hubspot.
var Profiles = []*Profile{LeadqProfile, SalesforceProfile, HubSpotProfile}

// ProfileNamed finds a profile by name, in any case.
func ProfileNamed(name string) (*Profile, bool) {
	for _, p := range Profiles {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, true
		}
	}
	return nil, false
}

// Header is the profile's columns and one custom.KEY per key, known before the rows stream.
func (p *Profile) Header(customKeys []string) []string {
	out := make([]string, 0, len(p.columns)+len(customKeys))
	for _, c := range p.columns {
		out = append(out, EscapeCell(c.header))
	}
	for _, k := range customKeys {
		if p.writesCustom(k) {
			out = append(out, EscapeCell(customTarget(k)))
		}
	}
	return out
}

// Row is the lead's row under Header(customKeys), every cell through EscapeCell.
func (p *Profile) Row(l *domain.Lead, customKeys []string) []string {
	out := make([]string, 0, len(p.columns)+len(customKeys))
	for _, c := range p.columns {
		out = append(out, EscapeCell(c.value(l)))
	}
	for _, k := range customKeys {
		if p.writesCustom(k) {
			out = append(out, EscapeCell(l.Custom[k]))
		}
	}
	return out
}

func (p *Profile) writesCustom(k string) bool { return k != "" && !p.own[k] }

// field is a contact field by its name in domain.ContactField.
func field(name string) func(l *domain.Lead) string {
	return func(l *domain.Lead) string { v, _ := domain.ContactField(l, name); return v }
}

func col(header string, value func(l *domain.Lead) string) exportColumn {
	return exportColumn{header, value}
}

// exportTime is how every profile writes a time: RFC 3339 in UTC, which
// leadq, Salesforce and HubSpot all read without asking for a zone.
func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// scored is false for a lead the store has not scored: its zero tier would read "hot".
func scored(l *domain.Lead) bool { return !l.Score.At.IsZero() }

// externalSystems are the lead's systems in name order, for the two
// parallel external_system and external_id cells.
func externalSystems(l *domain.Lead) []string {
	s := make([]string, 0, len(l.ExternalIDs))
	for k := range l.ExternalIDs {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// personName is first and last name for a CRM that requires a last name:
// the lead's own, else split from its display name.
func personName(l *domain.Lead) (salutation, first, last string) {
	if l.FirstName != "" || l.LastName != "" {
		return l.Salutation, l.FirstName, l.LastName
	}
	sal, first, last := SplitName(l.Name)
	if last == "" && first == "" {
		last = l.Name
	}
	if l.Salutation != "" {
		sal = l.Salutation
	}
	return sal, first, last
}

// LeadqProfile writes every field leadq reads back, plus score and tier to read (import ignores them).
var LeadqProfile = func() *Profile {
	cols := []exportColumn{col("id", func(l *domain.Lead) string {
		if l.ID == 0 {
			return ""
		}
		return strconv.FormatUint(l.ID, 10)
	})}
	for _, name := range domain.ContactFieldNames() {
		cols = append(cols, col(name, field(name)))
	}
	cols = append(cols,
		col("score", func(l *domain.Lead) string {
			if !scored(l) {
				return ""
			}
			return strconv.Itoa(l.Score.Total)
		}),
		col("tier", func(l *domain.Lead) string {
			if !scored(l) {
				return ""
			}
			return l.Score.Tier.String()
		}),
		col("stage", func(l *domain.Lead) string { return l.Stage.String() }),
		col("fit", func(l *domain.Lead) string { return l.Fit.String() }),
		col("fit_reason", func(l *domain.Lead) string { return l.FitReason }),
		col("consent", func(l *domain.Lead) string { return l.Consent.Status.String() }),
		col("consent_source", func(l *domain.Lead) string { return l.Consent.Source }),
		col("consent_date", func(l *domain.Lead) string { return exportTime(l.Consent.Date) }),
		col("external_system", func(l *domain.Lead) string { return strings.Join(externalSystems(l), "\n") }),
		col("external_id", func(l *domain.Lead) string {
			sys := externalSystems(l)
			for i, s := range sys {
				sys[i] = l.ExternalIDs[s]
			}
			return strings.Join(sys, "\n")
		}),
		col("created", func(l *domain.Lead) string { return exportTime(l.Created) }),
		col("note", (*domain.Lead).NotesText),
	)
	return &Profile{Name: SystemLeadq, columns: cols}
}()

// salesforceStatus is the reverse of the value table for Salesforce's
// default Lead Status picklist.
var salesforceStatus = map[domain.Stage]string{
	domain.StageInquiry: "Open - Not Contacted", domain.StageMQL: "Open - Not Contacted",
	domain.StageSAL: "Working - Contacted", domain.StageSQL: "Working - Contacted", domain.StageNurture: "Working - Contacted",
	domain.StageOpportunity: "Closed - Converted", domain.StageCustomer: "Closed - Converted",
	domain.StageDisqualified: "Closed - Not Converted",
}

// SalesforceProfile writes Lead API names, which Data Loader and the Import Wizard map without help.
var SalesforceProfile = &Profile{Name: SystemSalesforce, own: map[string]bool{"do_not_call": true}, columns: []exportColumn{
	col("Id", func(l *domain.Lead) string { return l.ExternalIDs[SystemSalesforce] }),
	col("Salutation", func(l *domain.Lead) string { s, _, _ := personName(l); return s }),
	col("FirstName", func(l *domain.Lead) string { _, f, _ := personName(l); return f }),
	col("LastName", func(l *domain.Lead) string { _, _, la := personName(l); return la }),
	col("Title", field("title")),
	col("Company", field("company")),
	col("Email", field("email")),
	col("Phone", field("phone")),
	col("MobilePhone", field("mobile")),
	col("Website", field("website")),
	col("Industry", field("industry")),
	col("NumberOfEmployees", field("employees")),
	col("AnnualRevenue", field("annual_revenue")),
	col("Street", field("street")),
	col("PostalCode", field("postal_code")),
	col("City", field("city")),
	col("Country", field("country")),
	col("LeadSource", field("source")),
	col("Status", func(l *domain.Lead) string { return salesforceStatus[l.Stage] }),
	col("Rating", func(l *domain.Lead) string {
		if !scored(l) {
			return ""
		}
		t := l.Score.Tier.String()
		return strings.ToUpper(t[:1]) + t[1:]
	}),
	col("HasOptedOutOfEmail", func(l *domain.Lead) string {
		return strconv.FormatBool(l.Consent.Status == domain.ConsentWithdrawn)
	}),
	col("DoNotCall", func(l *domain.Lead) string {
		v := l.Custom["do_not_call"]
		if b, err := ParseBool(v); err == nil {
			return strconv.FormatBool(b)
		}
		return v
	}),
	col("CreatedDate", func(l *domain.Lead) string { return exportTime(l.Created) }),
	col("Description", (*domain.Lead).NotesText),
}}

// hubspotLifecycle and hubspotLeadStatus are the reverse of the value
// table for HubSpot's contact properties (internal values, which its
// import reads as well as the labels).
var hubspotLifecycle = map[domain.Stage]string{
	domain.StageInquiry: "lead", domain.StageMQL: "marketingqualifiedlead", domain.StageSAL: "marketingqualifiedlead",
	domain.StageSQL: "salesqualifiedlead", domain.StageOpportunity: "opportunity", domain.StageCustomer: "customer",
	domain.StageNurture: "lead", domain.StageDisqualified: "other",
}

var hubspotLeadStatus = map[domain.Stage]string{
	domain.StageInquiry: "NEW", domain.StageMQL: "NEW", domain.StageSAL: "IN_PROGRESS", domain.StageSQL: "IN_PROGRESS",
	domain.StageOpportunity: "OPEN_DEAL", domain.StageNurture: "BAD_TIMING", domain.StageDisqualified: "UNQUALIFIED",
}

// HubSpotProfile writes contact property labels, which HubSpot's import matches; Consent keeps a withdrawal.
var HubSpotProfile = &Profile{Name: SystemHubSpot, columns: []exportColumn{
	col("Record ID", func(l *domain.Lead) string { return l.ExternalIDs[SystemHubSpot] }),
	col("Salutation", func(l *domain.Lead) string { s, _, _ := personName(l); return s }),
	col("First Name", func(l *domain.Lead) string { _, f, _ := personName(l); return f }),
	col("Last Name", func(l *domain.Lead) string { _, _, la := personName(l); return la }),
	col("Email", field("email")),
	col("Phone Number", field("phone")),
	col("Mobile Phone Number", field("mobile")),
	col("Job Title", field("title")),
	col("Company Name", field("company")),
	col("Website URL", field("website")),
	col("Industry", field("industry")),
	col("Number of Employees", field("employees")),
	col("Annual Revenue", field("annual_revenue")),
	col("Street Address", field("street")),
	col("Postal Code", field("postal_code")),
	col("City", field("city")),
	col("Country/Region", field("country")),
	col("Original Source", field("source")),
	col("Contact owner", field("owner")),
	col("Lifecycle Stage", func(l *domain.Lead) string { return hubspotLifecycle[l.Stage] }),
	col("Lead Status", func(l *domain.Lead) string { return hubspotLeadStatus[l.Stage] }),
	col("Consent", func(l *domain.Lead) string { return l.Consent.Status.String() }),
	col("Create Date", func(l *domain.Lead) string { return exportTime(l.Created) }),
}}
