package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	bolt "go.etcd.io/bbolt"
)

const german = "de_DE.UTF-8"

// leadqIn runs one command in-process under the locale lang (LANG).
func leadqIn(t *testing.T, lang string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("LANG", lang)
	return leadq(t, args...)
}

// englishLeftIn finds English words that must not be in a German text:
// the words of leadq's English sentences, not names of flags or values.
var englishLeftIn = regexp.MustCompile(`\b(usage|flags|default|the|of|and|or|to|with|print|write|leads? first|database|file|lead is|is not|not a|cannot|failed|warning|found|queue|see|did you mean)\b`)

func TestHelpInGerman(t *testing.T) {
	out, errOut, code := leadqIn(t, german, "help")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden.RequireEqual(t, []byte(out))
	for _, want := range []string{"Aufruf: leadq <Befehl> [Optionen]", "Befehle:", "  list          die Warteschlange ausgeben", "--config PFAD und --db PFAD"} {
		if !strings.Contains(out, want) {
			t.Errorf("leadq help in German lacks %q:\n%s", want, out)
		}
	}
	if m := englishLeftIn.FindString(out); m != "" {
		t.Errorf("English %q left in the German help:\n%s", m, out)
	}
}

func TestHelpInEnglish(t *testing.T) {
	out := mustLeadq(t, "help")
	golden.RequireEqual(t, []byte(out))
}

// Every command's usage in German: the synopsis, its flags and the shared
// ones, with no English left. show and plan keep their own words (their
// text lives with their printing).
func TestCommandUsageInGerman(t *testing.T) {
	for _, c := range (&app{}).commands() {
		if c.name == "show" || c.name == "plan" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := leadqIn(t, german, "help", c.name)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if !strings.HasPrefix(out, "Aufruf: leadq "+c.name) || !strings.Contains(out, "--db PFAD") || !strings.Contains(out, "gemeinsame Optionen:") {
				t.Errorf("usage of %s:\n%s", c.name, out)
			}
			// Flag names, env variables, paths and the values a flag takes
			// are written as the user types them: leave them out of the check.
			prose := regexp.MustCompile(`--[a-z-]+|\$?[A-Z_]{3,}|~/\S+|\b(hot|warm|cold|merge|update|skip|new|file|salesforce|hubspot|leadq|csv|jsonl|xlsx|email|id|external_id|kind|at|funnel|outcome|note|inquiry|mql|sal|sql|opportunity|customer|nurture|disqualified)\b`).ReplaceAllString(out, "")
			if m := englishLeftIn.FindString(prose); m != "" {
				t.Errorf("English %q left in the German usage of %s:\n%s", m, c.name, out)
			}
		})
	}
	out, _, _ := leadqIn(t, german, "help", "add")
	golden.RequireEqual(t, []byte(out))
}

func TestListInGerman(t *testing.T) {
	db := seededDB(t, 40)
	out, errOut, code := leadqIn(t, german, "list", "--db", db)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if got := strings.Fields(lines[0]); strings.Join(got, " ") != "ID TEMP SCORE NAME FIRMA STATUS QUELLE" {
		t.Errorf("German header %q", lines[0])
	}
	for _, english := range []string{"HOT", "WARM ", "COLD", "OUT", "Inquiry", "Customer", "Nurture", "Disqualified", "COMPANY", "STAGE"} {
		// WARM is the same word in German: only its English neighbours count.
		if english == "WARM " {
			continue
		}
		if strings.Contains(out, english) {
			t.Errorf("English %q in the German list:\n%s", english, out)
		}
	}
	for _, want := range []string{"HEISS", "KALT"} {
		if !strings.Contains(out, want) {
			t.Errorf("the German list has no %s:\n%s", want, out)
		}
	}
	// The columns line up under the wider German words.
	stage := strings.Index(lines[0], "STATUS")
	for _, l := range lines[1:] {
		if ansi.Cut(l, stage-2, stage) != "  " {
			t.Errorf("row %q does not line up under STATUS at %d", l, stage)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	mustLeadq(t, "add", "--name", "Eva Braun", "--company", "Braun KG", "--db", empty)
	if out, _, _ := leadqIn(t, german, "list", "--db", empty, "--stage", "customer"); out != "keine Leads\n" {
		t.Errorf("an empty German list prints %q", out)
	}
}

// Machine output is the same whatever the language.
func TestMachineOutputIsTheSameInEveryLanguage(t *testing.T) {
	db := seededDB(t, 30)
	for _, args := range [][]string{
		{"list", "--json"},
		{"export"},
		{"export", "--format", "jsonl"},
		{"export", "--excel-de"},
		{"export", "--profile", "salesforce"},
		{"backups", "--json"},
		{"export-person", "3"},
	} {
		args := append(args, "--db", db)
		en, errEn, codeEn := leadqIn(t, "C", args...)
		de, errDe, codeDe := leadqIn(t, german, args...)
		if codeEn != 0 || codeDe != 0 || errEn != "" || errDe != "" {
			t.Fatalf("leadq %v: exit %d/%d, stderr %q / %q", args, codeEn, codeDe, errEn, errDe)
		}
		if args[0] == "export-person" {
			// Its first line is the time of the export.
			en, de = afterFirstLines(en, 2), afterFirstLines(de, 2)
		}
		if en != de || en == "" {
			t.Errorf("leadq %v prints other bytes in German than in English", args)
		}
	}
	// Exit codes too.
	_, _, en := leadqIn(t, "C", "list", "--tier", "lukewarm", "--db", db)
	_, _, de := leadqIn(t, german, "list", "--tier", "lukewarm", "--db", db)
	if en != 1 || de != 1 {
		t.Errorf("a bad flag exits %d in English, %d in German", en, de)
	}
}

func afterFirstLines(s string, n int) string {
	for i := 0; i < n; i++ {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
}

// A database another leadq holds: the German line names the holder.
func TestBusyDatabaseInGerman(t *testing.T) {
	dir := t.TempDir()
	db := seededDB(t, 3)
	other, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	info := filepath.Join(filepath.Dir(db), "."+filepath.Base(db)+".lock-info")
	os.WriteFile(info, []byte(`{"pid":4242,"command":"leadq import messe.csv","since":"2026-12-01T09:00:00Z"}`), 0o600)
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), "busy_timeout = \"300ms\"\n")
	_, errOut, code := leadqIn(t, german, "list", "--db", db, "--config", cfg)
	if code != 1 || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := "leadq: die Datenbank " + db + " ist von einem anderen leadq belegt: leadq import messe.csv (PID 4242, seit "
	if !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, ") hält sie länger als 300ms fest\n") {
		t.Errorf("stderr %q, want %q…", errOut, want)
	}
	_, errOut, _ = leadqIn(t, "C", "list", "--db", db, "--config", cfg)
	if !strings.Contains(errOut, "is in use by another leadq: leadq import messe.csv (pid 4242, since ") || !strings.Contains(errOut, "kept it busy for more than 300ms") {
		t.Errorf("English stderr %q", errOut)
	}
}

func TestConfigErrorInGerman(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, filepath.Join(dir, "config.toml"), "owner = \"Anna\"\n\nbogus = 1\n[scoring]\nhot = \"x\"\n")
	db := filepath.Join(dir, "leads.db")
	_, errOut, code := leadqIn(t, german, "list", "--config", cfg, "--db", db)
	want := "leadq: " + cfg + " Zeile 3: unbekannter Schlüssel bogus (in der Datei erlaubt: owner, db, country, language, busy_timeout, scoring, queue, cadence, keys, theme, plan, backup); " +
		cfg + " Zeile 5: scoring.hot muss eine Zahl sein, nicht ein Text\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr\n%q, want\n%q", code, errOut, want)
	}
	_, errOut, _ = leadqIn(t, "C", "list", "--config", cfg, "--db", db)
	want = "leadq: " + cfg + " line 3: unknown key bogus (the file takes owner, db, country, language, busy_timeout, scoring, queue, cadence, keys, theme, plan, backup); " +
		cfg + " line 5: scoring.hot must be a number, not a string\n"
	if errOut != want {
		t.Errorf("English stderr\n%q, want\n%q", errOut, want)
	}
	_, errOut, _ = leadqIn(t, german, "list", "--config", filepath.Join(dir, "none.toml"), "--db", db)
	if errOut != "leadq: die Konfigurationsdatei "+filepath.Join(dir, "none.toml")+" gibt es nicht\n" {
		t.Errorf("a missing config in German: %q", errOut)
	}
}

// language in the config beats the locale, both ways.
func TestConfiguredLanguageBeatsTheLocale(t *testing.T) {
	dir := t.TempDir()
	db := seededDB(t, 5)
	de := writeFile(t, filepath.Join(dir, "de.toml"), "language = \"de\"\n")
	en := writeFile(t, filepath.Join(dir, "en.toml"), "language = \"en\"\n")

	out, _, _ := leadqIn(t, "C", "list", "--db", db, "--config", de)
	if !strings.Contains(out, "FIRMA") || strings.Contains(out, "COMPANY") {
		t.Errorf("language = \"de\" under LANG=C:\n%s", out)
	}
	out, _, _ = leadqIn(t, german, "list", "--db", db, "--config", en)
	if !strings.Contains(out, "COMPANY") || strings.Contains(out, "FIRMA") {
		t.Errorf("language = \"en\" under LANG=%s:\n%s", german, out)
	}
	// Errors after the config is read speak its language too.
	_, errOut, _ := leadqIn(t, "C", "list", "--db", filepath.Join(dir, "typo.db"), "--config", de)
	if !strings.Contains(errOut, "gibt es noch keine Datenbank") {
		t.Errorf("language = \"de\" under LANG=C, stderr %q", errOut)
	}
	out, _, _ = leadqIn(t, "C", "check", "--db", db, "--config", de)
	if out != "ok: 5 Leads\n" {
		t.Errorf("check with language = \"de\": %q", out)
	}
	// LC_ALL beats LANG, as the C library has it.
	t.Setenv("LC_ALL", german)
	out, _, _ = leadqIn(t, "C", "check", "--db", db)
	if out != "ok: 5 Leads\n" {
		t.Errorf("check under LC_ALL=%s: %q", german, out)
	}
}

func TestFlagMistakesInGerman(t *testing.T) {
	db := seededDB(t, 3)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--teir", "hot", "--db", db}, "leadq: list: unbekannte Option --teir (vielleicht --tier?) (siehe leadq help list)\n"},
		{[]string{"list", "--limit", "x", "--db", db}, "leadq: list: --limit: \"x\" ist kein gültiger Wert (siehe leadq help list)\n"},
		{[]string{"show", "1", "--db"}, "leadq: show: --db braucht einen Wert (siehe leadq help show)\n"},
		{[]string{"list", "hot", "--db", db}, "leadq: list: unerwartetes Argument \"hot\" (siehe leadq help list)\n"},
		{[]string{"lsit"}, "leadq: unbekannter Befehl \"lsit\" – vielleicht leadq list? (leadq help listet die Befehle auf)\n"},
		{[]string{"frobnicate"}, "leadq: unbekannter Befehl \"frobnicate\": leadq help listet die Befehle auf\n"},
		{[]string{"add", "--db", db}, "leadq: add braucht --name und --company: ein Lead ist eine Person in einer Firma\n"},
		{[]string{"seed", "--leads", "0", "--db", db}, "leadq: seed braucht --leads N mit N mindestens 1 (angegeben: 0)\n"},
		{[]string{"seed", "--leads", "2", "--db", db}, "leadq: " + db + " enthält schon 3 Leads: seed schreibt synthetische Leads nur in eine leere Datenbank, oder mit --append\n"},
		{[]string{"list", "--limit", "-1", "--db", db}, "leadq: --limit darf nicht negativ sein (angegeben: -1); 0 gibt alle aus\n"},
		{[]string{"list", "--tier", "lau", "--db", db}, "leadq: --tier: unbekannte Stufe \"lau\" (erwartet: hot, warm oder cold)\n"},
		{[]string{"export", "--stage", "won", "--db", db}, "leadq: --stage: unbekannter Status \"won\" (erwartet: einer von inquiry, mql, sal, sql, opportunity, customer, nurture, disqualified)\n"},
	} {
		out, errOut, code := leadqIn(t, german, tc.args...)
		if code != 1 || out != "" || errOut != tc.want {
			t.Errorf("leadq %v: exit %d, stdout %q, stderr\n%q, want\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestReportsInGerman(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	out, _, _ := leadqIn(t, german, "seed", "--leads", "1200", "--db", db)
	if !strings.HasPrefix(out, "1200 Leads in "+db+" geschrieben (") || !strings.HasSuffix(out, " s)\n") {
		t.Errorf("seed in German: %q", out)
	}
	if out, _, _ := leadqIn(t, german, "check", "--db", db); out != "ok: 1.200 Leads\n" {
		t.Errorf("check in German: %q", out)
	}
	if out, _, _ := leadqIn(t, "C", "check", "--db", db); out != "ok: 1,200 leads\n" {
		t.Errorf("check in English: %q", out)
	}
	out, _, code := leadqIn(t, german, "backup", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "1.200 Leads nach ") || !strings.Contains(out, " gesichert: ") || !strings.Contains(out, ", geprüft (") {
		t.Errorf("backup in German: %q", out)
	}
	out, _, _ = leadqIn(t, german, "backups", "--db", db)
	if lines := strings.Split(out, "\n"); len(lines) < 2 || strings.Join(strings.Fields(lines[0]), " ") != "DATUM GRÖSSE LEADS GEPRÜFT DATEI" ||
		!regexp.MustCompile(`^\d\d\.\d\d\.\d{4} \d\d:\d\d +[\d,]+ [KM]?B +1\.200  ok  `).MatchString(lines[1]) {
		t.Errorf("backups in German:\n%s", out)
	}
	csv := filepath.Join(dir, "leads.csv")
	if _, errOut, _ := leadqIn(t, german, "export", "--db", db, "--out", csv); errOut != "leadq: 1.200 Leads nach "+csv+" geschrieben\n" {
		t.Errorf("export in German: %q", errOut)
	}
	out, _, _ = leadqIn(t, german, "import", csv, "--db", filepath.Join(dir, "new.db"))
	if !regexp.MustCompile(`^angelegt 1\.\d{3} · zusammengeführt 0 · unverändert \d+ · abgelehnt 0\n$`).MatchString(out) {
		t.Errorf("import in German: %q", out)
	}
	out, _, _ = leadqIn(t, german, "import", csv, "--db", filepath.Join(dir, "new.db"), "--dry-run")
	if !strings.Contains(out, "\n# erste Zeilen, wie sie gespeichert würden\n") || !regexp.MustCompile(`\n# würde: 0 anlegen · 0 zusammenführen · 1\.\d{3} unverändert lassen · 0 überspringen · 0 ablehnen\n`).MatchString(out) {
		t.Errorf("import --dry-run in German:\n%s", out)
	}
	// The mapping the dry run prints is the same file in every language.
	en, _, _ := leadqIn(t, "C", "import", csv, "--db", filepath.Join(dir, "new.db"), "--dry-run")
	if mapping := func(s string) string { m, _, _ := strings.Cut(s, "\n# "); return m }; mapping(out) != mapping(en) {
		t.Errorf("the dry run's mapping differs between languages:\n%s\n---\n%s", mapping(out), mapping(en))
	}
	if out, _, _ := leadqIn(t, german, "compact", "--db", db); !strings.HasPrefix(out, db+" kompaktiert: vorher ") {
		t.Errorf("compact in German: %q", out)
	}
}

func TestStoreErrorsInGerman(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, filepath.Join(dir, "empty.db"), "")
	_, errOut, _ := leadqIn(t, german, "list", "--db", empty)
	if errOut != "leadq: die Datenbank "+empty+" ist eine leere Datei, keine leadq-Datenbank: die Datei entfernen oder einen anderen Pfad wählen\n" {
		t.Errorf("an empty file in German: %q", errOut)
	}
	_, errOut, _ = leadqIn(t, german, "list", "--db", dir)
	if errOut != "leadq: die Datenbank "+dir+" ist ein Ordner, keine Datei\n" {
		t.Errorf("a folder in German: %q", errOut)
	}
	junk := writeFile(t, filepath.Join(dir, "junk.db"), strings.Repeat("kein bbolt ", 20000))
	_, errOut, _ = leadqIn(t, german, "list", "--db", junk)
	if !strings.HasPrefix(errOut, "leadq: "+junk+" ist keine leadq-Datenbank") {
		t.Errorf("another file in German: %q", errOut)
	}
	_, errOut, _ = leadqIn(t, german, "list", "--db", filepath.Join(dir, "typo.db"))
	if errOut != "leadq: unter "+filepath.Join(dir, "typo.db")+" gibt es noch keine Datenbank: mit leadq add einen Lead anlegen oder leadq seed ausprobieren\n" {
		t.Errorf("no database in German: %q", errOut)
	}
}

func TestCutOffDatabaseInGerman(t *testing.T) {
	db := seededDB(t, 300)
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.db")
	if err := os.WriteFile(cut, data[:4*16384+100], 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := leadqIn(t, german, "list", "--db", cut)
	want := "leadq: die Datenbank " + cut + " ist kürzer, als sie angibt: sie hat 65636 Bytes, ihr letzter Commit braucht "
	if code != 1 || !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "; sie wurde abgeschnitten (volle Platte, abgebrochene Kopie): ein Backup wiederherstellen oder leadq check ausführen\n") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// The backup and restore commands say what they did, and refuse, in German.
func TestBackupAndRestoreInGerman(t *testing.T) {
	db := seededDB(t, 20)
	if _, errOut, code := leadqIn(t, german, "restore", db, "--db", db, "--yes"); code != 1 || errOut != "leadq: "+db+" ist die Datenbank selbst, kein Backup davon\n" {
		t.Errorf("restore of the database itself: exit %d, %q", code, errOut)
	}
	out, _, _ := leadqIn(t, german, "backup", "--db", db)
	path := regexp.MustCompile(`nach (\S+) gesichert`).FindStringSubmatch(out)
	if path == nil {
		t.Fatalf("backup in German: %q", out)
	}
	if _, errOut, code := leadqIn(t, german, "backup", path[1], "--db", db); code != 1 || errOut != "leadq: "+path[1]+" gibt es schon: leadq überschreibt keine Datei\n" {
		t.Errorf("backup over a file: exit %d, %q", code, errOut)
	}
	out, errOut, code := leadqIn(t, german, "restore", path[1], "--db", db, "--yes")
	if code != 0 || errOut != "" || out != db+" aus "+path[1]+" wiederhergestellt (20 Leads); die ersetzte Datei bleibt als "+db+".before-restore erhalten\n" {
		t.Errorf("restore in German: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, errOut, code := leadqIn(t, german, "restore", path[1], "--db", db); code != 1 || errOut != "leadq: hier wird vor dem Weitermachen gefragt, und es gibt kein Terminal dafür: mit --yes ohne Rückfrage weitermachen\n" {
		t.Errorf("restore without a terminal: exit %d, %q", code, errOut)
	}
}

// The dry run says in German why a row would be rejected; the rejects file
// keeps one language (English) whoever imports, like every file leadq writes.
func TestImportRejectsInGerman(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "messe.csv"), "Vorname;Nachname;Firma;E-Mail;Erstellt\nAnna;Berg;Berg GmbH;anna@berg.de;01.02.2026\n;;;;\nBob;Kahn;Kahn AG;bob@kahn.de;31.02.2026\nCarl;Zeiss;Z AG;carl@z.de;morgen\n")
	db := filepath.Join(dir, "leads.db")
	out, _, _ := leadqIn(t, german, "import", "--dry-run", in, "--db", db)
	for _, want := range []string{
		"\n#   Zeile 4: Spalte \"Erstellt\": \"31.02.2026\" ist kein Datum: der Monat Februar hat keinen 31.\n",
		"\n#   Zeile 5: Spalte \"Erstellt\": \"morgen\" ist kein Datum: etwa 2026-03-15, 15.03.2026 oder 15.03.2026 14:30 schreiben\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("German dry run lacks %q:\n%s", want, out)
		}
	}
	en, _, _ := leadqIn(t, "C", "import", "--dry-run", in, "--db", db)
	if !strings.Contains(en, "\n#   line 4: column \"Erstellt\": \"31.02.2026\" is not a date: February has no day 31\n") {
		t.Errorf("English dry run:\n%s", en)
	}
	out, _, _ = leadqIn(t, german, "import", in, "--db", db)
	rejects := filepath.Join(dir, "messe.rejects.csv")
	if out != "angelegt 1 · zusammengeführt 0 · unverändert 0 · abgelehnt 2 (siehe "+rejects+")\n" {
		t.Errorf("German import: %q", out)
	}
	data, err := os.ReadFile(rejects)
	if err != nil || !strings.Contains(string(data), `4;"column ""Erstellt"": ""31.02.2026"" is not a date: February has no day 31";Bob`) {
		t.Errorf("the rejects file: %v\n%s", err, data)
	}
}

// check reports a damaged queue entry in German, and list what it left out.
func TestDamageReportsInGerman(t *testing.T) {
	db := seededDB(t, 20)
	raw, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bolt.Tx) error {
		q := tx.Bucket([]byte("queue"))
		k, v := q.Cursor().First()
		k, v = append([]byte(nil), k...), append([]byte(nil), v...)
		v[len(v)/2] ^= 0x10
		return q.Put(k, v)
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := leadqIn(t, german, "check", "--db", db)
	t.Logf("check:\n%s%s", out, errOut)
	if code != 1 || !regexp.MustCompile(`^Lead \d+: `).MatchString(out) || !strings.HasPrefix(errOut, "leadq: die Datenbank "+db+" ist beschädigt: ") ||
		!strings.HasSuffix(errOut, " gefunden (leadq check --repair baut die Indizes aus den Datensätzen neu auf)\n") {
		t.Errorf("check of a damaged file in German: exit %d\n%s%s", code, out, errOut)
	}
	_, errOut, code = leadqIn(t, german, "list", "--db", db)
	if code != 1 || !strings.HasPrefix(errOut, "leadq: 1 Eintrag der Warteschlange ist nicht lesbar und fehlt (") {
		t.Errorf("list past a damaged entry in German: exit %d, %q", code, errOut)
	}
	out, _, code = leadqIn(t, german, "check", "--repair", "--db", db)
	if code != 0 || !strings.Contains(out, "repariert: 20 Leads in der neu aufgebauten Datei; die beschädigte Datei bleibt als ") {
		t.Errorf("check --repair in German: exit %d\n%s", code, out)
	}
}

func TestEncryptionInGerman(t *testing.T) {
	db := seededDB(t, 10)
	mustLeadq(t, "backup", "--db", db)
	pf := passFile(t, "Kölner Dom 1248")
	out, errOut, code := leadqIn(t, german, append([]string{"encrypt", "--yes", "--passphrase-file", pf, "--db", db}, fastKDF...)...)
	if code != 0 || !strings.HasPrefix(out, db+" verschlüsselt: 10 Leads (") || !strings.Contains(out, "\nverschlüsselt: "+filepath.Join(filepath.Dir(db), "backups")) ||
		!strings.HasSuffix(out, "\nandere selbst geschriebene Dateien kennt leadq nicht: Exporte, export-person-Dateien, Importdateien und ihre Ablehnungsdateien sind weiter unverschlüsselt\n") {
		t.Errorf("encrypt in German: exit %d, stderr %q\n%s", code, errOut, out)
	}
	_, errOut, _ = leadqIn(t, german, "list", "--db", db)
	if errOut != "leadq: "+db+": diese Datenbank ist verschlüsselt: die Passphrase angeben (Abfrage, --passphrase-file, LEADQ_PASSPHRASE_COMMAND)\n" {
		t.Errorf("an encrypted file without its passphrase in German: %q", errOut)
	}
	wrong := passFile(t, "Aachener Dom")
	_, errOut, _ = leadqIn(t, german, "list", "--db", db, "--passphrase-file", wrong)
	if errOut != "leadq: "+db+": die Passphrase ist falsch: die Datenbank bleibt gesperrt\n" {
		t.Errorf("a wrong passphrase in German: %q", errOut)
	}
	_, errOut, _ = leadqIn(t, german, append([]string{"encrypt", "--yes", "--passphrase-file", pf, "--db", db}, fastKDF...)...)
	if errOut != "leadq: "+db+" ist schon verschlüsselt: leadq passphrase ändert die Passphrase\n" {
		t.Errorf("encrypt twice in German: %q", errOut)
	}
	out, _, code = leadqIn(t, german, "decrypt", "--yes", "--passphrase-file", pf, "--db", db)
	if code != 0 || !strings.HasPrefix(out, db+" entschlüsselt: 10 Leads (") || !strings.Contains(out, "\nentschlüsselt: ") {
		t.Errorf("decrypt in German: exit %d\n%s", code, out)
	}
	if _, errOut, _ = leadqIn(t, german, "passphrase", "--db", db); errOut != "leadq: "+db+" ist nicht verschlüsselt: leadq encrypt schaltet die Verschlüsselung ein\n" {
		t.Errorf("passphrase of a clear file in German: %q", errOut)
	}
}

func TestBadBackupInGerman(t *testing.T) {
	db := seededDB(t, 5)
	gone := filepath.Join(t.TempDir(), "gone.db")
	_, errOut, code := leadqIn(t, german, "restore", gone, "--yes", "--db", db)
	if code != 1 || errOut != "leadq: das Backup "+gone+" besteht die Prüfung nicht (die Datei gibt es nicht): die Datenbank bleibt unverändert\n" {
		t.Errorf("restore of a missing backup in German: exit %d, %q", code, errOut)
	}
	_, errOut, _ = leadqIn(t, "C", "restore", gone, "--yes", "--db", db)
	if errOut != "leadq: the backup "+gone+" does not check out (there is no such file): the database is unchanged\n" {
		t.Errorf("in English: %q", errOut)
	}
}

func TestImportAndExportMistakesInGerman(t *testing.T) {
	dir := t.TempDir()
	db := seededDB(t, 3)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", filepath.Join(dir, "nope.csv")}, "leadq: es gibt keine Datei " + filepath.Join(dir, "nope.csv") + "\n"},
		{[]string{"import", db}, "leadq: " + db + ": leadq importiert .csv-, .tsv-, .txt- und .xlsx-Dateien, nicht .db\n"},
		{[]string{"import", dir}, "leadq: " + dir + " ist ein Ordner, keine Datei zum Importieren\n"},
		{[]string{"import", "x.csv", "--on-duplicate", "x"}, "leadq: import: \"x\" ist kein Umgang mit Dubletten: merge, update, skip oder new verwenden (siehe leadq help import)\n"},
		{[]string{"export", "--format", "pdf"}, "leadq: Export fehlgeschlagen: \"pdf\" ist kein Exportformat: csv, jsonl, xlsx verwenden\n"},
		{[]string{"export", "--profile", "sap"}, "leadq: Export fehlgeschlagen: \"sap\" ist kein Exportprofil: leadq, salesforce oder hubspot verwenden\n"},
	} {
		out, errOut, code := leadqIn(t, german, append(tc.args, "--db", db)...)
		if code != 1 || out != "" || errOut != tc.want {
			t.Errorf("leadq %v: exit %d, stdout %q, stderr\n%q, want\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestMapFileMistakesInGerman(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "messe.csv"), "Vorname;Nachname;Firma\nAnna;Berg;Berg GmbH\n")
	bad := writeFile(t, filepath.Join(dir, "map.toml"), "system = 3\n[columns]\n\"Vorname\" = \"first_name\"\n")
	db := filepath.Join(dir, "leads.db")
	_, errOut, code := leadqIn(t, german, "import", in, "--map", bad, "--dry-run", "--db", db)
	if code != 1 || errOut != "leadq: "+bad+": Zuordnungsdatei Zeile 1: system muss ein Name in Anführungszeichen sein, etwa system = \"messe2026\"\n" {
		t.Errorf("a bad map file in German: exit %d, %q", code, errOut)
	}
	other := writeFile(t, filepath.Join(dir, "other.toml"), "[columns]\n\"Gibtsnicht\" = \"email\"\n")
	_, errOut, _ = leadqIn(t, german, "import", in, "--map", other, "--dry-run", "--db", db)
	if errOut != "leadq: Zuordnungsdatei Zeile 2: Gibtsnicht ist keine Spalte der Datei: ihre Spalten sind \"Vorname\", \"Nachname\", \"Firma\"\n" {
		t.Errorf("a map file for other columns in German: %q", errOut)
	}
	_, errOut, _ = leadqIn(t, "C", "import", in, "--map", other, "--dry-run", "--db", db)
	if errOut != "leadq: map file line 2: Gibtsnicht is not a column of the file: its columns are \"Vorname\", \"Nachname\", \"Firma\"\n" {
		t.Errorf("in English: %q", errOut)
	}
}
