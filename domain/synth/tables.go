package synth

import (
	"strings"

	"leadq/domain"
)

// person is a first name with its ASCII form for e-mail addresses.
type person struct {
	s, ascii string
	female   bool
}

// surname has a feminine form where the language inflects it (Greek, Polish).
type surname struct {
	s, ascii       string
	fem, femASCII  string
	companyCapable bool // reads well in a German company name ("Müller Maschinenbau")
}

// culture is a naming tradition: which names go together and in what order.
type culture struct {
	first       []person
	last        []surname
	familyFirst bool   // 山田 太郎: family name first
	sep         string // between the two parts; Chinese names are written without a space
}

const (
	cGerman = iota
	cTurkish
	cFrench
	cPolish
	cSpanish
	cItalian
	cDutch
	cEnglish
	cSwedish
	cJapanese
	cChinese
	cGreek
	cUkrainian
	numCultures
)

func m(s string) person      { return person{s: s} }
func f(s string) person      { return person{s: s, female: true} }
func ma(s, a string) person  { return person{s: s, ascii: a} }
func fa(s, a string) person  { return person{s: s, ascii: a, female: true} }
func sn(s string) surname    { return surname{s: s} }
func sc(s string) surname    { return surname{s: s, companyCapable: true} }
func sa(s, a string) surname { return surname{s: s, ascii: a} }

var cultures = [numCultures]culture{
	cGerman: {
		first: []person{
			m("Jürgen"), m("Sören"), m("Björn"), m("Jörg"), m("Günter"), m("Hans-Peter"),
			m("Matthias"), m("Lukas"), m("Maximilian"), m("Jonas"), m("Thomas"), m("Stefan"),
			f("Bärbel"), f("Anna"), f("Katharina"), f("Sabine"), f("Lea"), f("Maike"), f("Jana"), f("Ursula"),
		},
		last: []surname{
			sc("Müller"), sc("Schmidt"), sc("Schneider"), sc("Fischer"), sc("Weber"), sc("Meyer"),
			sc("Wagner"), sc("Becker"), sc("Schulz"), sc("Hoffmann"), sc("Schäfer"), sc("Koch"),
			sc("Bauer"), sc("Richter"), sc("Klein"), sc("Wolf"), sc("Schröder"), sc("Neumann"),
			sc("Zimmermann"), sc("Braun"), sc("Krüger"), sc("Hartmann"), sc("Lange"), sc("Weiß"),
			sc("Groß"), sc("Köhler"), sc("Jäger"), sc("Strauß"), sc("Böhm"), sc("Vogel"),
		},
	},
	cTurkish: {
		first: []person{fa("Ayşe", "ayse"), m("Mehmet"), f("Zeynep"), m("Emre")},
		last:  []surname{sa("Yılmaz", "yilmaz"), sn("Kaya"), sn("Demir"), sa("Öztürk", "ozturk"), sa("Çelik", "celik")},
	},
	cFrench: {
		first: []person{m("François"), f("Élodie"), m("Jérôme")},
		last:  []surname{sn("Lefèvre"), sn("Dubois"), sn("Girard"), sn("Moreau")},
	},
	cPolish: {
		first: []person{m("Łukasz"), f("Małgorzata"), m("Wojciech")},
		last: []surname{
			sn("Nowak"), sn("Wójcik"), sn("Kowalczyk"),
			{s: "Wiśniewski", fem: "Wiśniewska"},
		},
	},
	cSpanish: {
		first: []person{m("José"), f("María")},
		last:  []surname{sn("García"), sn("Martínez"), sn("Núñez")},
	},
	cItalian: {
		first: []person{f("Giulia"), m("Marco")},
		last:  []surname{sn("Rossi"), sn("Bianchi"), sn("Esposito")},
	},
	cDutch: {
		first: []person{f("Sanne"), m("Daan")},
		last:  []surname{sa("de Vries", "devries"), sa("van den Berg", "vandenberg")},
	},
	cEnglish: {
		first: []person{f("Emily"), m("James")},
		last:  []surname{sn("Smith"), sa("O'Connor", "oconnor"), sn("Taylor")},
	},
	cSwedish: {
		first: []person{fa("Åsa", "asa"), m("Erik")},
		last:  []surname{sn("Lindqvist"), sa("Sjöberg", "sjoberg")},
	},
	cJapanese: {
		first:       []person{ma("太郎", "taro"), fa("花子", "hanako")},
		last:        []surname{sa("山田", "yamada"), sa("佐藤", "sato"), sa("鈴木", "suzuki")},
		familyFirst: true, sep: " ",
	},
	cChinese: {
		first:       []person{ma("伟", "wei"), fa("娜", "na")},
		last:        []surname{sa("王", "wang"), sa("李", "li"), sa("张", "zhang")},
		familyFirst: true,
	},
	cGreek: {
		first: []person{ma("Γιώργος", "giorgos"), fa("Ελένη", "eleni")},
		last: []surname{
			{s: "Παπαδόπουλος", ascii: "papadopoulos", fem: "Παπαδοπούλου", femASCII: "papadopoulou"},
			{s: "Νικολάου", ascii: "nikolaou"},
		},
	},
	cUkrainian: {
		first: []person{fa("Олена", "olena"), ma("Андрій", "andrii")},
		last:  []surname{sa("Коваленко", "kovalenko"), sa("Шевченко", "shevchenko"), sa("Бондаренко", "bondarenko")},
	},
}

// city carries its real postal code and a phone pattern: '#' becomes a
// random digit, the first one never 0 or 1.
type city struct {
	name, plz, phone string
	weight           int
}

type country struct {
	code, tld string
	weight    int
	cities    []city
	mobiles   []string
	legal     []weighted[string]
	cultures  []weighted[int]
	currency  string // budget currency besides EUR, "" when EUR only
	german    bool   // company names built from German words

	cityCum, legalCum, cultureCum cum
}

type weighted[T any] struct {
	v T
	w int
}

// de builds a German city with a phone pattern whose national number has ten digits.
func de(name, plz, area string, weight int) city {
	n := 10 - len(area)
	if n < 6 {
		n = 6
	}
	return city{name: name, plz: plz, phone: "+49 " + area + " " + strings.Repeat("#", n), weight: weight}
}

var countries = []country{
	{
		code: "DE", tld: "de", weight: 780, german: true,
		cities: []city{
			de("Berlin", "10115", "30", 40), de("Hamburg", "20095", "40", 28), de("München", "80331", "89", 30),
			de("Köln", "50667", "221", 18), de("Frankfurt am Main", "60311", "69", 18), de("Stuttgart", "70173", "711", 16),
			de("Düsseldorf", "40213", "211", 14), de("Leipzig", "04109", "341", 10), de("Dresden", "01067", "351", 9),
			de("Nürnberg", "90402", "911", 10), de("Hannover", "30159", "511", 10), de("Bremen", "28195", "421", 8),
			de("Essen", "45127", "201", 8), de("Dortmund", "44135", "231", 8), de("Münster", "48143", "251", 6),
			de("Freiburg im Breisgau", "79098", "761", 5), de("Augsburg", "86150", "821", 5), de("Regensburg", "93047", "941", 4),
			de("Würzburg", "97070", "931", 4), de("Kiel", "24103", "431", 4), de("Rostock", "18055", "381", 3),
			de("Erfurt", "99084", "361", 3), de("Mainz", "55116", "6131", 4), de("Saarbrücken", "66111", "681", 3),
			de("Ulm", "89073", "731", 4), de("Bonn", "53111", "228", 5), de("Karlsruhe", "76133", "721", 6),
			de("Mannheim", "68159", "621", 6), de("Wiesbaden", "65183", "611", 4), de("Bielefeld", "33602", "521", 5),
			de("Aachen", "52062", "241", 4), de("Magdeburg", "39104", "391", 3), de("Potsdam", "14467", "331", 3),
			de("Heidelberg", "69117", "6221", 3), de("Wolfsburg", "38440", "5361", 3), de("Ingolstadt", "85049", "841", 3),
			de("Braunschweig", "38100", "531", 3), de("Bochum", "44787", "234", 3), de("Jena", "07743", "3641", 2),
			de("Chemnitz", "09111", "371", 2), de("Lübeck", "23552", "451", 2), de("Osnabrück", "49074", "541", 2),
			de("Kassel", "34117", "561", 2), de("Paderborn", "33098", "5251", 2), de("Göttingen", "37073", "551", 2),
		},
		mobiles: []string{"+49 151 ########", "+49 152 ########", "+49 160 #######", "+49 170 #######", "+49 171 #######", "+49 172 #######", "+49 176 ########", "+49 177 #######"},
		legal: []weighted[string]{
			{"GmbH", 55}, {"GmbH & Co. KG", 15}, {"AG", 8}, {"KG", 7}, {"SE", 2},
			{"UG (haftungsbeschränkt)", 4}, {"e.K.", 3}, {"OHG", 2},
		},
		cultures: []weighted[int]{
			{cGerman, 720}, {cTurkish, 80}, {cPolish, 40}, {cItalian, 30}, {cSpanish, 20}, {cFrench, 20},
			{cEnglish, 20}, {cGreek, 15}, {cUkrainian, 20}, {cJapanese, 12}, {cChinese, 15}, {cDutch, 5}, {cSwedish, 5},
		},
	},
	{
		code: "AT", tld: "at", weight: 90, german: true,
		cities: []city{
			{"Wien", "1010", "+43 1 #######", 10}, {"Graz", "8010", "+43 316 ######", 4},
			{"Linz", "4020", "+43 732 ######", 3}, {"Salzburg", "5020", "+43 662 ######", 3},
			{"Innsbruck", "6020", "+43 512 ######", 2},
		},
		mobiles: []string{"+43 664 #######", "+43 676 #######", "+43 699 ########"},
		legal:   []weighted[string]{{"GmbH", 70}, {"AG", 15}, {"KG", 10}, {"OG", 5}},
		cultures: []weighted[int]{
			{cGerman, 800}, {cTurkish, 60}, {cPolish, 20}, {cItalian, 20}, {cEnglish, 20}, {cUkrainian, 20},
			{cChinese, 10}, {cGreek, 10}, {cFrench, 10},
		},
	},
	{
		code: "CH", tld: "ch", weight: 80, german: true, currency: "CHF",
		cities: []city{
			{"Zürich", "8001", "+41 44 ### ## ##", 10}, {"Basel", "4051", "+41 61 ### ## ##", 4},
			{"Bern", "3011", "+41 31 ### ## ##", 4}, {"Genève", "1201", "+41 22 ### ## ##", 4},
			{"Luzern", "6003", "+41 41 ### ## ##", 2},
		},
		mobiles: []string{"+41 79 ### ## ##", "+41 78 ### ## ##", "+41 76 ### ## ##"},
		legal:   []weighted[string]{{"AG", 60}, {"GmbH", 35}, {"SA", 5}},
		cultures: []weighted[int]{
			{cGerman, 700}, {cFrench, 120}, {cItalian, 80}, {cSpanish, 20}, {cTurkish, 20}, {cEnglish, 30},
			{cJapanese, 10}, {cChinese, 10}, {cSwedish, 10},
		},
	},
	{
		code: "FR", tld: "fr", weight: 15,
		cities: []city{
			{"Paris", "75001", "+33 1 ## ## ## ##", 6}, {"Lyon", "69001", "+33 4 ## ## ## ##", 2},
		},
		mobiles:  []string{"+33 6 ## ## ## ##", "+33 7 ## ## ## ##"},
		legal:    []weighted[string]{{"SAS", 60}, {"SARL", 30}, {"SA", 10}},
		cultures: []weighted[int]{{cFrench, 800}, {cGerman, 60}, {cSpanish, 40}, {cItalian, 40}, {cEnglish, 30}, {cChinese, 20}},
	},
	{
		code: "NL", tld: "nl", weight: 12,
		cities: []city{
			{"Amsterdam", "1012 AB", "+31 20 ### ####", 3}, {"Rotterdam", "3013 AJ", "+31 10 ### ####", 2},
		},
		mobiles:  []string{"+31 6 ########"},
		legal:    []weighted[string]{{"B.V.", 85}, {"N.V.", 15}},
		cultures: []weighted[int]{{cDutch, 700}, {cGerman, 100}, {cEnglish, 80}, {cTurkish, 60}, {cSwedish, 20}, {cChinese, 20}},
	},
	{
		code: "PL", tld: "pl", weight: 12,
		cities: []city{
			{"Warszawa", "00-001", "+48 22 ### ## ##", 3}, {"Kraków", "31-042", "+48 12 ### ## ##", 2},
		},
		mobiles:  []string{"+48 501 ### ###", "+48 601 ### ###", "+48 691 ### ###"},
		legal:    []weighted[string]{{"sp. z o.o.", 85}, {"S.A.", 15}},
		cultures: []weighted[int]{{cPolish, 850}, {cUkrainian, 80}, {cGerman, 40}, {cEnglish, 30}},
	},
	{
		code: "US", tld: "com", weight: 11, currency: "USD",
		cities: []city{
			{"New York", "10001", "+1 212 ### ####", 3}, {"Boston", "02108", "+1 617 ### ####", 1},
		},
		mobiles: []string{"+1 917 ### ####", "+1 646 ### ####"},
		legal:   []weighted[string]{{"Inc.", 60}, {"LLC", 30}, {"Corp.", 10}},
		cultures: []weighted[int]{
			{cEnglish, 650}, {cSpanish, 100}, {cChinese, 60}, {cItalian, 40}, {cGerman, 50},
			{cJapanese, 30}, {cGreek, 20}, {cPolish, 20}, {cUkrainian, 20}, {cFrench, 10},
		},
	},
}

// industry is a sector with the words that go into company names there
// and the trade fairs its buyers visit.
type industry struct {
	name     string
	weight   int
	branches []string // German company-name words
	intl     []string // the same outside the German-speaking countries
	fairs    []string

	branchSlugs, intlSlugs                []string
	fairSources, fairNotes, fairExhibitor []string
}

var industries = []industry{
	{name: "Maschinenbau", weight: 14, branches: []string{"Maschinenbau", "Anlagenbau", "Präzisionstechnik"}, intl: []string{"Machinery", "Engineering"}, fairs: []string{"Hannover Messe", "EMO Hannover", "AMB Stuttgart"}},
	{name: "Software", weight: 14, branches: []string{"Software", "Systems", "Digital", "IT-Solutions"}, intl: []string{"Software", "Systems", "Digital"}, fairs: []string{"it-sa", "DMEXCO"}},
	{name: "Logistik", weight: 10, branches: []string{"Logistik", "Spedition", "Transport"}, intl: []string{"Logistics", "Freight"}, fairs: []string{"LogiMAT", "transport logistic"}},
	{name: "Automotive", weight: 8, branches: []string{"Automotive", "Fahrzeugtechnik", "Zulieferteile"}, intl: []string{"Automotive", "Mobility"}, fairs: []string{"IAA Transportation", "Automechanika"}},
	{name: "Elektrotechnik", weight: 8, branches: []string{"Elektrotechnik", "Elektronik", "Energietechnik"}, intl: []string{"Electronics", "Electric"}, fairs: []string{"embedded world", "SPS", "electronica"}},
	{name: "Medizintechnik", weight: 6, branches: []string{"Medizintechnik", "Medical", "Dentaltechnik"}, intl: []string{"Medical", "MedTech"}, fairs: []string{"MEDICA", "COMPAMED"}},
	{name: "Handel", weight: 10, branches: []string{"Handel", "Großhandel", "Handelsgesellschaft"}, intl: []string{"Trading", "Distribution"}, fairs: []string{"EuroShop", "Ambiente"}},
	{name: "Beratung", weight: 8, branches: []string{"Consulting", "Beratung", "Partner"}, intl: []string{"Consulting", "Advisors"}, fairs: []string{"Zukunft Personal"}},
	{name: "Bau", weight: 6, branches: []string{"Bau", "Bauunternehmung", "Hochbau"}, intl: []string{"Construction", "Builders"}, fairs: []string{"BAU", "bauma"}},
	{name: "Lebensmittel", weight: 6, branches: []string{"Feinkost", "Lebensmittel", "Backwaren"}, intl: []string{"Foods", "Bakery"}, fairs: []string{"Anuga", "Internationale Grüne Woche"}},
	{name: "Finanzdienstleistung", weight: 5, branches: []string{"Finanz", "Vermögensberatung", "Capital"}, intl: []string{"Capital", "Finance"}, fairs: []string{"DKM"}},
	{name: "Chemie", weight: 3, branches: []string{"Chemie", "Kunststofftechnik"}, intl: []string{"Chemicals", "Materials"}, fairs: []string{"ACHEMA"}},
	{name: "Energie", weight: 4, branches: []string{"Energie", "Solartechnik", "Stadtwerke-Service"}, intl: []string{"Energy", "Solar"}, fairs: []string{"E-world energy & water", "The smarter E Europe"}},
}

// brandWords name companies that are not named after a family.
var brandWords = []string{
	"Nordlicht", "Alpenblick", "Rheinwerk", "Elbtal", "Isartal", "Hanse", "Bodensee", "Schwarzwald",
	"Spreewerk", "Weserland", "Donautal", "Nordstern", "Sonnenfeld", "Taunus", "Eifel", "Allgäu",
	"Ostsee", "Mainfranken", "Lindqvist", "Brightwave", "Silberstreif", "Kranich", "Falkenstein", "Lichtblick",
	"Grünwald", "Mühlbach", "Südwind", "Adler", "Eichenhof", "Bergström",
}

var intlBrandWords = []string{
	"Lindqvist", "Brightwave", "Meridian", "Atlantic", "Northpoint", "Bluestone", "Silverline", "Harbor",
	"Vermeer", "Lumière", "Horizon", "Kestrel",
}

// source is a lead channel and how its first touch looks in the history.
type source struct {
	name   string
	weight int
	kind   domain.ActivityKind
	funnel domain.FunnelStage
	note   string
	sales  bool   // the first touch is a rep's: an owner is needed
	doi    int    // percent of leads from this channel with marketing consent
	cons   string // where that consent came from
}

const sourceTradeFair = "trade fair"

var sources = []source{
	{"Website-Formular", 22, domain.KindWebVisit, 0, "Kontaktformular abgeschickt", false, 75, "Website-Formular"},
	{"Newsletter", 8, domain.KindWebVisit, 0, "Newsletter-Anmeldung", false, 100, "Newsletter-Anmeldung"},
	{sourceTradeFair, 10, domain.KindEvent, 0, "", true, 55, "Messe-Visitenkarte"},
	{"Webinar", 9, domain.KindWebinar, domain.FunnelConsideration, "", false, 80, "Webinar-Registrierung"},
	{"LinkedIn", 10, domain.KindWebVisit, 0, "Über LinkedIn-Kampagne auf /loesungen", false, 40, "LinkedIn Lead Gen Form"},
	{"Empfehlung", 6, domain.KindUnknown, 0, "Empfehlung durch einen Bestandskunden", true, 30, "Telefonisch erteilt"},
	{"Kaltakquise", 8, domain.KindCall, 0, "", true, 15, "Telefonisch erteilt"},
	{"E-Book-Download", 12, domain.KindDownload, domain.FunnelAwareness, "", false, 85, "E-Book-Download"},
	{"Google Ads", 10, domain.KindWebVisit, 0, "Google Ads → /preise", false, 45, "Website-Formular"},
	{"Partner", 5, domain.KindUnknown, 0, "Lead vom Vertriebspartner übermittelt", true, 35, "Partner-Übermittlung"},
}

var owners = []string{"Anna Becker", "Tobias Krämer", "Leonie Özdemir", "Markus Brandt", "Sophie Lindner", "Deniz Arslan"}

// title is a role in both grammatical genders and the buying power it usually has.
type title struct {
	m, f   string
	auth   domain.Authority
	weight int
}

var titles = []title{
	{"Geschäftsführer", "Geschäftsführerin", domain.AuthorityDecisionMaker, 14},
	{"CEO", "CEO", domain.AuthorityDecisionMaker, 5},
	{"Inhaber", "Inhaberin", domain.AuthorityDecisionMaker, 4},
	{"CTO", "CTO", domain.AuthorityDecisionMaker, 4},
	{"CFO", "CFO", domain.AuthorityDecisionMaker, 2},
	{"Head of IT", "Head of IT", domain.AuthorityInfluencer, 8},
	{"Leiter IT", "Leiterin IT", domain.AuthorityInfluencer, 5},
	{"Einkaufsleiter", "Einkaufsleiterin", domain.AuthorityInfluencer, 8},
	{"Leiter Produktion", "Leiterin Produktion", domain.AuthorityInfluencer, 6},
	{"Vertriebsleiter", "Vertriebsleiterin", domain.AuthorityInfluencer, 5},
	{"Head of Operations", "Head of Operations", domain.AuthorityInfluencer, 3},
	{"Prokurist", "Prokuristin", domain.AuthorityDecisionMaker, 2},
	{"Projektmanager", "Projektmanagerin", domain.AuthorityUser, 8},
	{"IT-Administrator", "IT-Administratorin", domain.AuthorityUser, 7},
	{"Marketing Manager", "Marketing Managerin", domain.AuthorityUser, 4},
	{"Sachbearbeiter Einkauf", "Sachbearbeiterin Einkauf", domain.AuthorityUser, 4},
	{"Werkstudent", "Werkstudentin", domain.AuthorityUser, 3},
	{"Assistenz der Geschäftsführung", "Assistenz der Geschäftsführung", domain.AuthorityGatekeeper, 5},
	{"Office Manager", "Office Managerin", domain.AuthorityGatekeeper, 2},
}

var authorityRoleSuffix = []string{
	"", "", ", entscheidet allein bis 50 T€", ", entscheidet mit dem Einkauf", ", Freigabe durch die Geschäftsführung",
	", bereitet die Entscheidung vor", ", signs off on budget", ", nutzt das Tool täglich",
}

// Content the leads consume, by funnel depth.
var (
	blogTitles = [4][]string{
		domain.FunnelAwareness: {
			"Blog: Was ist Predictive Maintenance?", "Blog: 7 Trends in der Intralogistik",
			"Blog: Digitalisierung im Mittelstand – wo anfangen?", "Blog: Why spreadsheets fail at scale",
			"Blog: Fachkräftemangel mit Automatisierung begegnen",
		},
		domain.FunnelConsideration: {
			"Blog: Cloud oder On-Premise? Ein Vergleich", "Blog: So wählen Sie das richtige ERP-Add-on",
			"Blog: 5 Fragen an Ihren Softwareanbieter", "Blog: Build vs. buy for mid-sized companies",
		},
		domain.FunnelDecision: {
			"Blog: Einführung in 90 Tagen – so geht's", "Blog: Was kostet eine Einführung wirklich?",
			"Blog: Migration ohne Stillstand",
		},
	}
	downloadTitles = [4][]string{
		domain.FunnelAwareness: {
			"E-Book: Leitfaden Digitalisierung im Mittelstand", "Checkliste: DSGVO im Vertrieb",
			"Infografik: Lead-Management auf einen Blick", "E-Book: The state of supply chains",
		},
		domain.FunnelConsideration: {
			"Whitepaper: Cloud vs. On-Premise", "Case Study: 30 % weniger Rüstzeit im Werk Ulm",
			"Buyer's Guide: Lagerverwaltung", "Anbietervergleich: fünf Lösungen im Test",
		},
		domain.FunnelDecision: {
			"Preisliste", "ROI-Rechner", "Datenblatt Enterprise-Edition", "Implementierungsplan (Muster)",
			"Sicherheits- und Datenschutzkonzept",
		},
	}
	webinarTitles = []string{
		"Webinar: Predictive Maintenance in der Praxis", "Webinar: Produktdemo live", "Webinar: KI im Einkauf",
		"Webinar: Supply chain resilience", "Webinar: Schnittstellen zu SAP und DATEV",
	}
	webPages = []string{
		"/preise", "/produkt/funktionen", "/kontakt", "/referenzen", "/blog", "/integrationen", "/", "/demo",
		"/produkt/sicherheit", "/ueber-uns", "",
	}
	newsletterNotes = []string{
		"Newsletter geöffnet", "Newsletter: Link „Preise“ geklickt", "Newsletter: Einladung zum Webinar geklickt",
		"Newsletter geöffnet", "",
	}
	emailNotes = []string{
		"Unterlagen wie besprochen zugeschickt", "Follow-up nach dem Webinar", "Terminvorschlag für die Demo",
		"Angebot versendet", "Re: Fragen zur Schnittstelle SAP", "Sent case study and pricing",
		"Referenzkontakt vermittelt", "",
	}
	demoNotes = []string{
		"Demo-Anfrage über die Website", "Demo angefragt: Fokus Reporting", "Requested a live demo for the team",
		"Demo für 4 Personen aus IT und Einkauf",
	}
	quoteNotes = []string{
		"Angebot angefragt: 25 Nutzer", "Angebotsanfrage über das Kontaktformular", "Quote requested for 3 sites",
		"Preisanfrage inkl. Wartungsvertrag",
	}
	meetingNotes = []string{
		"Kick-off vor Ort, 3 Teilnehmer", "Teams-Call: Demo der Reporting-Funktionen",
		"Discovery meeting with CFO and Head of IT", "Workshop Anforderungsaufnahme",
		"Präsentation vor der Geschäftsführung", "Vertragsverhandlung, Rabatt noch offen",
		"Werksbesichtigung, Prozesse in der Fertigung angeschaut",
	}
	callNotes = [6][]string{
		domain.OutcomeReached: {
			"Interesse bestätigt, schickt Anforderungen per Mail", "Budget wird im Q3 freigegeben",
			"Nutzt aktuell Excel, sucht Lösung für 3 Standorte", "Vertrag mit Wettbewerber läuft Ende des Jahres aus",
			"Spoke with IT lead, wants pricing for 50 users", "Entscheidung fällt im Lenkungskreis",
			"Kein akuter Bedarf, gerne in 3 Monaten wieder melden", "Ansprechpartnerin hat gewechselt, neuer Kontakt notiert",
		},
		domain.OutcomeNoAnswer:    {"", "", "Mailbox, keine Nachricht hinterlassen", "Auf den AB gesprochen"},
		domain.OutcomeBusy:        {"", "Besetzt"},
		domain.OutcomeWrongNumber: {"Nummer gehört nicht mehr zur Firma", "Zentrale, Ansprechpartner unbekannt"},
		domain.OutcomeCallback: {
			"Bitte Donnerstag nach 14 Uhr zurückrufen", "Sekretariat: Rückruf morgen Vormittag",
			"Asked to call back next week", "Ist im Urlaub, ab Montag wieder erreichbar",
		},
	}
	callbackNotes = []string{
		"Rückruf vereinbart", "Wollte Rückruf nach Rücksprache mit dem Einkauf", "Call back about pricing",
		"Rückruf wegen Demo-Termin", "",
	}
	needs = []string{
		"Ablösung der Excel-basierten Einsatzplanung", "Transparenz über Lagerbestände an drei Standorten",
		"Automatisierung der Angebotserstellung", "DSGVO-konforme Verwaltung der Kundendaten",
		"Wartungsplanung für 120 Maschinen digitalisieren", "Schnittstelle zwischen Shop und Warenwirtschaft",
		"Weniger manuelle Nacharbeit in der Buchhaltung", "Ersatz für ein abgekündigtes Altsystem",
		"Mobile Zeiterfassung für Monteure", "Schnellere Reaktion auf Kundenanfragen im Vertrieb",
	}
	fitNoneReasons = []string{
		"B2C – Privatperson", "Zu klein (3 Mitarbeiter)", "Wettbewerber", "Kein Bedarf: nutzt Inhouse-Lösung",
		"Außerhalb der Zielbranche", "Insolvenz angemeldet", "Student, Recherche für Abschlussarbeit",
	}
	fitLowReasons = []string{
		"Budget frühestens 2028", "Konzernvorgabe: zentraler Einkauf", "Kleiner Standort, Entscheidung in der Zentrale",
		"", "",
	}
	fitGoodReasons = []string{"Zielbranche, Budget vorhanden", "Passt zum Ideal Customer Profile", "", "", ""}
)

// path is a lead's way through the funnel to its current stage.
type path struct {
	to     domain.Stage
	steps  []step
	weight int
}

type step struct {
	to      domain.Stage
	reasons []string
}

var (
	rejectReasons  = []string{"Kein Budget vor 2028", "Kein Entscheider erreichbar", "Projekt auf nächstes Jahr verschoben", "Bedarf zu vage"}
	backToQual     = []string{"BANT unvollständig: Budget offen", "Entscheider noch nicht bekannt"}
	backToNurture  = []string{"Projekt auf Eis gelegt", "Budget gestrichen, in 6 Monaten erneut ansprechen"}
	demotions      = []string{"Entscheider gewechselt, Bedarf neu klären", "Budget doch nicht freigegeben", "Ausschreibung verschoben"}
	lostReasons    = []string{"An Wettbewerber verloren", "Budget gestrichen", "Kein Rückmeldung mehr seit 8 Wochen", "Lost on price"}
	requalified    = []string{"Neuer Ansprechpartner meldet Interesse", "Hat sich erneut über die Website gemeldet"}
	disqualifiedBy = []string{"Dublette", "Kein Bedarf", "Privatperson", "Fake-Anfrage", "Außerhalb der Zielgruppe", ""}
	nurtureBy      = []string{"Noch kein Bedarf, in 6 Monaten melden", "Nur Informationsbedarf", ""}
	noReason       = []string{""}
)

func to(s domain.Stage, reasons []string) step { return step{s, reasons} }

var (
	mql  = to(domain.StageMQL, noReason)
	sal  = to(domain.StageSAL, noReason)
	sql  = to(domain.StageSQL, noReason)
	opp  = to(domain.StageOpportunity, noReason)
	cust = to(domain.StageCustomer, noReason)
	nurt = to(domain.StageNurture, nurtureBy)
	disq = to(domain.StageDisqualified, disqualifiedBy)
)

// paths is the funnel: most leads stay early, few become customers.
var paths = []path{
	{domain.StageInquiry, nil, 290},
	{domain.StageInquiry, []step{disq, to(domain.StageInquiry, requalified)}, 5},
	{domain.StageMQL, []step{mql}, 200},
	{domain.StageMQL, []step{nurt, mql}, 30},
	{domain.StageSAL, []step{mql, sal}, 55},
	{domain.StageSAL, []step{sal}, 15},
	{domain.StageSAL, []step{mql, sal, sql, to(domain.StageSAL, backToQual)}, 6},
	{domain.StageSQL, []step{mql, sal, sql}, 55},
	{domain.StageSQL, []step{sal, sql}, 10},
	{domain.StageSQL, []step{mql, sal, sql, opp, to(domain.StageSQL, demotions)}, 5},
	{domain.StageOpportunity, []step{mql, sal, sql, opp}, 45},
	{domain.StageOpportunity, []step{sal, sql, opp}, 5},
	{domain.StageCustomer, []step{mql, sal, sql, opp, cust}, 40},
	{domain.StageNurture, []step{nurt}, 40},
	{domain.StageNurture, []step{mql, nurt}, 45},
	{domain.StageNurture, []step{mql, sal, to(domain.StageNurture, rejectReasons)}, 25},
	{domain.StageNurture, []step{mql, sal, sql, to(domain.StageNurture, backToNurture)}, 8},
	{domain.StageNurture, []step{mql, sal, sql, opp, to(domain.StageNurture, demotions)}, 5},
	{domain.StageDisqualified, []step{disq}, 50},
	{domain.StageDisqualified, []step{mql, disq}, 20},
	{domain.StageDisqualified, []step{mql, sal, disq}, 10},
	{domain.StageDisqualified, []step{mql, sal, sql, opp, to(domain.StageDisqualified, lostReasons)}, 12},
}

// freshPaths are for leads that arrived in the last hours.
var freshPaths = []path{
	{domain.StageInquiry, nil, 85},
	{domain.StageMQL, []step{mql}, 15},
}

// note templates for enrichment.
type noteTemplate struct {
	kind domain.NoteKind
	path string // appended to the company website; "linkedin" for the LinkedIn page
	text string
}

var noteTemplates = []noteTemplate{
	{domain.NoteWebsite, "/", "Website: Produktseiten gepflegt, Referenzen aus der Automobilbranche"},
	{domain.NoteWebsite, "/karriere", "Karriere-Seite: 8 offene Stellen, davon 3 in der IT"},
	{domain.NoteWebsite, "/", "Website veraltet, kein Online-Shop"},
	{domain.NoteTeamPage, "/team", "Team-Seite mit Durchwahlen, Einkauf direkt erreichbar"},
	{domain.NoteTeamPage, "/kontakt", "Kontaktseite: Zentrale und Durchwahl Vertrieb"},
	{domain.NoteNewsletter, "/newsletter", "Newsletter abonniert (erscheint monatlich)"},
	{domain.NoteSocial, "linkedin", "LinkedIn: ca. 2.300 Follower, postet wöchentlich"},
	{domain.NoteSocial, "linkedin", "LinkedIn: Geschäftsführung sehr aktiv, teilt Fachbeiträge"},
	{domain.NotePress, "/presse", "Pressemitteilung: neuer Standort geplant"},
	{domain.NotePress, "/news", "Press release: new CFO appointed"},
	{domain.NoteEvent, "/events", "Lädt im Herbst zum Kundentag ein"},
	{domain.NoteOther, "/ueber-uns", "Familienunternehmen in 3. Generation"},
}

var crmPrefixes = []string{"SF-00Q", "HS-", "CRM-"}
