// Package mapping turns a table's header and rows into leads, and leads
// into export rows. It is pure: package tabular reads and writes the files,
// the store keeps the leads.
//
// # Import
//
//	m, err := mapping.New(header, mapFile, mapping.Options{System: "", Location: loc})
//	fmt.Print(m.TOML())                       // --dry-run: the mapping in use, as a map file
//	lead, warnings, err := m.Lead(cells, now) // one row
//
// New maps every column to a target: a lead field by the name leadq's own
// export uses (see Targets), "note" (the cell becomes an enrichment note;
// several columns may, each its own note), "custom.KEY" or "ignore". In
// this order:
//
//  1. the map file's [columns] (ParseMapFile), by exact header, else by the
//     header folded as below;
//  2. leadq's own column names ("email", "custom.interesse");
//  3. the headers leadq knows, compared folded (lower case, umlauts written
//     out, blanks and marks dropped: "E-Mail" = "email", "Straße" = "strasse"):
//     Salesforce's Lead API names (FirstName, MobilePhone, NumberOfEmployees,
//     HasOptedOutOfEmail, …) and report labels ("Lead ID", "Zip/Postal Code",
//     "Lead Owner", "Email Opt Out"), HubSpot's contact export in English and
//     German ("Record ID", "Phone Number", "Lifecycle Stage", "Datensatz-ID",
//     "Lebenszyklusphase"), and German headers (Vorname, Nachname, Anrede,
//     Firma, E-Mail, Telefon, Handy, Straße, PLZ, Ort, Land, Branche,
//     Mitarbeiter, Umsatz, Quelle, Position, Notiz, Bemerkung, …);
//  4. any other column is kept as custom.<domain.CustomKey(header)>
//     ("Total Time on Site (min)" → custom.total_time_on_site_min); a header
//     without letters or digits is ignored.
//
// A target other than note, stage and ignore takes one column: the first
// claim wins (by the order above, then left to right) and a later column is
// kept as a custom field under its own header's key, as the printed mapping
// says. Several stage columns (HubSpot's Lifecycle Stage and Lead Status)
// are read together: the value furthest along wins, in the order inquiry <
// mql < sal < sql < nurture < disqualified < opportunity < customer, so a
// rep's verdict outranks the marketing stages and a deal outranks the verdict.
//
// Special headers: "Id" is leadq's id (Lead.ID) in a leadq export and the
// system's id of the lead everywhere else. "Name" beside a first name and
// no last name is the last name (Vorname, Name). A name column without
// first and last name columns is split by SplitName ("Dr. Anna Maria
// Schmidt" → salutation "Dr.", first "Anna Maria", last "Schmidt"; "Schmidt,
// Anna" → first "Anna", last "Schmidt"). Salesforce's Rating is kept as
// custom.rating (leadq computes its own tier); score and tier columns are
// ignored. HasOptedOutOfEmail / Email Opt Out map to opt_out (yes: consent
// withdrawn); DoNotCall to custom.do_not_call.
//
// # Systems and external ids
//
// DetectSystem names the writer of a header: "leadq" (its own export),
// "salesforce" (three or more Lead API names with Id or LastName, or "Lead
// ID"), "hubspot" ("Record ID", "Lifecycle Stage"), else "". The mapping's
// System is Options.System (--system), else the map file's system, else
// the detected one, else "file". An external_id column files its cell as
// Lead.ExternalIDs[System]; an external_system column names the system per
// row (leadq's export writes several ids as lines of both cells).
//
// # Map file
//
//	system = "messe2026"          # optional
//	[columns]
//	"Kontakt-ID" = "external_id"
//	"Messe" = "source"
//	"Stand-Notiz" = "note"
//	"Interesse" = "custom.interesse"
//	"Intern" = "ignore"
//
// ParseMapFile reports unknown targets and keys with their lines
// (*MapFileError); New reports entries for headers the file does not have.
// Mapping.TOML prints the mapping in use in that format, each column not
// from the map file commented (# automatic, # kept as a custom field,
// # empty header: ignored), and reads back into the same mapping.
//
// # Values
//
// Every cell is unescaped (UnescapeCell), its line ends made LF and its
// blanks trimmed. employees reads as domain.ParseCount, annual_revenue as
// domain.ParseAmount ("1.234,56", "1,5 Mio", "50 TEUR"), created and
// consent_date as ParseDate, country as domain.NormaliseCountry; email is
// domain.NormaliseEmail'd and must pass domain.ValidateEmail; phone and
// mobile are kept as written and must pass domain.ValidatePhone; opt_out and
// consent read yes/no words (ParseBool). A cell that fails rejects its row
// with a *CellError naming the column (`column "Mitarbeiter": "viele" is not
// a number`); a row with no name, company, email or phone is ErrNoContact.
// A stage, fit or consent word the table lacks never rejects a row: the
// stage stays inquiry and the word is kept as custom.<header key>, with a
// warning. A German or French postal code of four digits gets back the
// leading zero a spreadsheet took.
//
// # Stage and fit values
//
// Values and their labels are compared folded, so "Marketing Qualified
// Lead", "marketingqualifiedlead" and "MARKETING_QUALIFIED_LEAD" are one.
//
//	| System     | Column                     | Value                                            | leadq stage  | fit  |
//	|------------|----------------------------|--------------------------------------------------|--------------|------|
//	| leadq      | stage                      | inquiry, mql, sal, sql, opportunity, customer, nurture, disqualified | the same | |
//	| leadq      | fit                        | unrated, good, low, none (and good fit, low chance, no fit) |   | the same |
//	| Salesforce | Status / Lead Status       | Open - Not Contacted                             | inquiry      |      |
//	| Salesforce | Status / Lead Status       | Working - Contacted                              | sal          |      |
//	| Salesforce | Status / Lead Status       | Closed - Converted                               | opportunity  |      |
//	| Salesforce | Status / Lead Status       | Closed - Not Converted                           | disqualified |      |
//	| Salesforce | Status (newer picklist)    | New / Working / Nurturing / Qualified            | inquiry / sal / nurture / sql | |
//	| Salesforce | Status (newer picklist)    | Unqualified                                      | disqualified | none |
//	| Salesforce | Rating                     | Hot, Warm, Cold                                  | (unchanged: kept as custom.rating) | |
//	| HubSpot    | Lifecycle Stage            | subscriber, lead, other                          | inquiry      |      |
//	| HubSpot    | Lifecycle Stage            | marketingqualifiedlead                           | mql          |      |
//	| HubSpot    | Lifecycle Stage            | salesqualifiedlead                               | sql          |      |
//	| HubSpot    | Lifecycle Stage            | opportunity                                      | opportunity  |      |
//	| HubSpot    | Lifecycle Stage            | customer, evangelist                             | customer     |      |
//	| HubSpot    | Lead Status                | NEW                                              | inquiry      |      |
//	| HubSpot    | Lead Status                | OPEN, IN_PROGRESS, ATTEMPTED_TO_CONTACT, CONNECTED | sal        |      |
//	| HubSpot    | Lead Status                | OPEN_DEAL                                        | opportunity  |      |
//	| HubSpot    | Lead Status                | UNQUALIFIED                                      | disqualified | none |
//	| HubSpot    | Lead Status                | BAD_TIMING                                       | nurture      |      |
//	| German     | Status / Phase             | Anfrage, Kunde, Disqualifiziert, Qualifiziert, In Bearbeitung | inquiry, customer, disqualified, sql, sal | |
//	| any        | any stage column           | a word not in this table                         | inquiry (kept as custom.<header key>) | |
//
// A fit column overrides the fit a status implies. Consent reads leadq's
// names (none, opt-in, double-opt-in, withdrawn), their labels, German
// words (widerrufen, abgemeldet) and yes/no (yes: opt-in).
//
// # Export
//
// Profiles are leadq (every field leadq reads back: id, the contact fields,
// score, tier, stage, fit, fit_reason, consent, consent_source,
// consent_date, external_system, external_id, created, note, then
// custom.KEY), salesforce (Lead API names; Status from the stage, Rating
// from the tier, HasOptedOutOfEmail from a withdrawn consent, Id the
// salesforce id) and hubspot (contact property labels; Lifecycle Stage and
// Lead Status from the stage, Record ID the hubspot id). Export writes the
// reverse of the table:
//
//	| leadq stage  | Salesforce Status      | HubSpot Lifecycle Stage | HubSpot Lead Status |
//	|--------------|------------------------|-------------------------|---------------------|
//	| inquiry      | Open - Not Contacted   | lead                    | NEW                 |
//	| mql          | Open - Not Contacted   | marketingqualifiedlead  | NEW                 |
//	| sal          | Working - Contacted    | marketingqualifiedlead  | IN_PROGRESS         |
//	| sql          | Working - Contacted    | salesqualifiedlead      | IN_PROGRESS         |
//	| opportunity  | Closed - Converted     | opportunity             | OPEN_DEAL           |
//	| customer     | Closed - Converted     | customer                |                     |
//	| nurture      | Working - Contacted    | lead                    | BAD_TIMING          |
//	| disqualified | Closed - Not Converted | other                   | UNQUALIFIED         |
//
// Every cell of Header and Row has passed EscapeCell: a cell starting with
// =, @, tab, CR, or + or - before anything but a number gets a leading ',
// which UnescapeCell takes off again on import (OWASP CSV injection).
//
// # Activities
//
// NewActivityMapping reads the header of an activity file (leadq import
// --activities): id, or external_id (and system), or email names the lead;
// kind and at are required; funnel, outcome, note and callback are optional.
// ActivityMapping.Touch reads one row.
package mapping
