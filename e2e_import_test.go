package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The import flow drives the queue's import in a real terminal: on a fresh
// database, i, a path completed with tab, the dry run, the import, and the
// queue with the new leads.

// importCSV is a file as a German Excel saves it, with one row whose email
// cannot be one.
const importCSV = "Vorname;Nachname;Firma;E-Mail;Ort\n" +
	"Greta;Krause;Krause Metallbau GmbH;greta@krause-metall.de;Dortmund\n" +
	"Ben;Roth;Roth AG;ben@@roth;Ulm\n" +
	"Carla;Weiß;Weiß Verpackung KG;carla@weiss-verpackung.de;Köln\n"

func TestImportInTmux(t *testing.T) {
	tmuxPath := needTmux(t)
	bin := buildLeadq(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "leads.db")
	files := filepath.Join(dir, "exports")
	if err := os.Mkdir(files, 0o755); err != nil {
		t.Fatal(err)
	}
	// Two files that begin alike, so tab completes only part of the name.
	file := filepath.Join(files, "kontakte-messe.csv")
	for path, text := range map[string]string{file: importCSV, filepath.Join(files, "kontakte-alt.csv"): importCSV} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	term, exitFile := startLeadq(t, tmuxPath, bin, db, dir, "import")
	term.waitText("no leads yet: a adds one, i imports a file (CSV, Excel)")

	term.key("i")
	term.waitText("IMPORT A FILE")
	term.text(filepath.Join(files, "ko"))
	term.key("Tab")
	term.waitFor("the path completed to the common prefix", func(s string) bool {
		return strings.Contains(s, "File: "+filepath.Join(files, "kontakte-")) && strings.Contains(s, "kontakte-alt.csv")
	})
	term.text("m")
	term.key("Tab")
	term.waitText("File: " + file)
	term.key("Enter")
	term.waitText("would: create 2 · merge 0 · leave 0 unchanged · reject 1")
	term.waitFor("the mapping and the first rows", func(s string) bool {
		return strings.Contains(s, "Vorname  → first_name") && strings.Contains(s, "E-Mail   → email") && strings.Contains(s, "Greta Krause")
	})
	term.key("Enter")
	term.waitText("created 2 · merged 0 · unchanged 0 · rejected 1")

	// The new leads are in the queue.
	term.key("4")
	term.waitFor("the two imported leads in the All tab", func(s string) bool {
		return strings.Contains(s, "4 All 2") && strings.Contains(s, "Greta Krause") && strings.Contains(s, "Carla Weiß")
	})
	term.key("q")
	term.waitExit(exitFile)

	rejects, err := os.ReadFile(filepath.Join(files, "kontakte-messe.rejects.csv"))
	if err != nil || !strings.Contains(string(rejects), "ben@@roth") {
		t.Fatalf("the rejected row is not in the rejects file: %v\n%s", err, rejects)
	}
	out := runBin(t, bin, "list", "--db", db)
	for _, want := range []string{"Greta Krause", "Carla Weiß"} {
		if !strings.Contains(out, want) {
			t.Errorf("leadq list lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Ben Roth") {
		t.Errorf("the rejected row was imported:\n%s", out)
	}
}
