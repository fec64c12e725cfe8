package mapping

import "strings"

// fold is the one form headers are compared in: lower case, umlauts
// written out as domain.CustomKey does, every blank and mark dropped, so
// "E-Mail", "e_mail" and "EMAIL" meet, and "Straße" meets "Strasse".
func fold(s string) string { return strings.ReplaceAll(customKey(s), "_", "") }

// alias is what a known header maps to automatically.
type alias struct {
	target string
	why    string // said beside "# automatic" in the printed mapping
}

// aliases maps folded headers to targets: leadq's own export, Salesforce's
// Lead API names and report labels, HubSpot's contact export labels (in
// English and German) and the headers German spreadsheets use. "id" is
// missing on purpose: it depends on the system (see idTarget).
var aliases = func() map[string]alias {
	m := map[string]alias{}
	add := func(target string, headers ...string) {
		for _, h := range headers {
			m[fold(h)] = alias{target: target}
		}
	}
	for _, t := range Targets {
		if t != "id" {
			add(t, t)
		}
	}
	add("name", "Full Name", "Vollständiger Name", "Ansprechpartner", "Kontaktperson", "Contact Name", "Kontaktname")
	add("first_name", "FirstName", "First Name", "Vorname", "Given Name")
	add("last_name", "LastName", "Last Name", "Nachname", "Familienname", "Surname")
	add("salutation", "Salutation", "Anrede", "Briefanrede")
	add("title", "Title", "Job Title", "Jobtitel", "Berufsbezeichnung", "Position", "Funktion", "Titel")
	add("email", "Email", "E-Mail", "Email Address", "E-Mail-Adresse", "Mail")
	add("phone", "Phone", "Phone Number", "Telefon", "Telefonnummer", "Tel", "Festnetz", "Business Phone")
	add("mobile", "MobilePhone", "Mobile", "Mobile Phone", "Mobile Phone Number", "Mobil", "Mobilnummer",
		"Mobiltelefon", "Mobiltelefonnummer", "Handy", "Handynummer", "Cell Phone")
	add("company", "Company", "Company Name", "Company / Account", "Account Name", "Firma", "Firmenname",
		"Unternehmen", "Unternehmensname", "Organisation", "Organization")
	add("website", "Website", "Website URL", "Webseite", "Homepage", "Internetseite", "URL", "Web")
	add("industry", "Industry", "Branche")
	add("employees", "NumberOfEmployees", "Employees", "Number of Employees", "Mitarbeiter", "Mitarbeiterzahl",
		"Anzahl Mitarbeiter", "Anzahl der Mitarbeiter", "Mitarbeiteranzahl", "Beschäftigte", "Headcount")
	add("annual_revenue", "AnnualRevenue", "Annual Revenue", "Revenue", "Umsatz", "Jahresumsatz")
	add("street", "Street", "Street Address", "Address", "Straße", "Straße und Hausnummer", "Adresse", "Anschrift")
	add("postal_code", "PostalCode", "Zip/Postal Code", "Postal Code", "Zip", "Zip Code", "Postcode", "PLZ", "Postleitzahl")
	add("city", "City", "Ort", "Stadt")
	add("country", "Country", "Country/Region", "Country Code", "Land", "Land/Region")
	add("source", "LeadSource", "Lead Source", "Original Source", "Quelle", "Lead-Quelle", "Leadquelle",
		"Herkunft", "Originalquelle", "Ursprüngliche Quelle")
	add("owner", "OwnerId", "Owner", "Lead Owner", "Contact owner", "Lead-Inhaber", "Kontaktinhaber",
		"Betreuer", "Zuständig", "Verantwortlich")
	add("stage", "Status", "Lead Status", "Lifecycle Stage", "Lebenszyklusphase", "Phase")
	add("fit", "Passung", "Eignung")
	add("consent", "Einwilligung", "Opt-In", "Marketing Consent")
	add("opt_out", "HasOptedOutOfEmail", "Email Opt Out", "E-Mail-Abmeldung", "Opt-Out", "Abgemeldet", "Unsubscribed")
	add("created", "CreatedDate", "Created Date", "Create Date", "Date Created", "Erstellt", "Erstellt am",
		"Erstelldatum", "Erstellungsdatum", "Angelegt", "Angelegt am", "Anlagedatum")
	add("external_id", "Lead ID", "Record ID", "Contact ID", "Datensatz-ID", "Lead-ID", "Externe ID")
	add("note", "Notes", "Description", "Beschreibung", "Notiz", "Notizen", "Bemerkung", "Bemerkungen",
		"Kommentar", "Kommentare", "Comment", "Comments")
	m[fold("DoNotCall")] = alias{target: customTarget("do_not_call")}
	m[fold("Keine Anrufe")] = alias{target: customTarget("do_not_call")}
	m[fold("Rating")] = alias{target: customTarget("rating"), why: "leadq computes its own tier"}
	m[fold("Bewertung")] = alias{target: customTarget("rating")}
	m[fold("score")] = alias{target: TargetIgnore, why: "leadq computes it"}
	m[fold("tier")] = alias{target: TargetIgnore, why: "leadq computes it"}
	return m
}()

// idTarget is what a column headed "Id" holds: leadq's own id in a leadq
// export, the system's id of the lead anywhere else.
func idTarget(system string) string {
	if system == SystemLeadq {
		return "id"
	}
	return "external_id"
}

// The systems DetectSystem knows; any other name may be given.
const (
	SystemLeadq      = "leadq"
	SystemSalesforce = "salesforce"
	SystemHubSpot    = "hubspot"
	SystemFile       = "file" // the default when nothing tells the system
)

// salesforceAPINames are Lead fields as Salesforce's Data Loader and API
// write them, spelled exactly: the labels fold the same, so only the
// spelling tells a Salesforce export from a HubSpot one.
var salesforceAPINames = map[string]bool{
	"Id": true, "FirstName": true, "LastName": true, "Company": true, "LeadSource": true,
	"NumberOfEmployees": true, "MobilePhone": true, "HasOptedOutOfEmail": true, "DoNotCall": true,
	"OwnerId": true, "CreatedDate": true, "AnnualRevenue": true, "PostalCode": true, "IsConverted": true,
	"Status": true, "Rating": true,
}

// DetectSystem names the system that wrote a header (leadq, salesforce, hubspot or ""), to file ids under.
func DetectSystem(header []string) string {
	folded := map[string]bool{}
	api := 0
	for _, raw := range header {
		h := cleanHeader(raw)
		folded[fold(h)] = true
		if salesforceAPINames[h] {
			api++
		}
	}
	switch {
	case folded["externalsystem"] && folded["tier"] && folded["id"]:
		return SystemLeadq
	case api >= 3 && (folded["id"] || folded["lastname"]):
		return SystemSalesforce
	case folded["recordid"] || folded["lifecyclestage"] || folded["datensatzid"] || folded["lebenszyklusphase"]:
		return SystemHubSpot
	case folded["leadid"] || folded["leadowner"]:
		return SystemSalesforce
	}
	return ""
}
