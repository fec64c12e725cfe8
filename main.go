// Command leadq is a keyboard-driven terminal app in which a sales rep works
// a prioritised queue of leads kept in one local bbolt file.
//
// This file holds the command dispatch, the flags every command shares and
// where the configuration and the database are found; the commands
// themselves are in cli.go.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"leadq/domain"
	"leadq/store"
	"leadq/ui"
	"leadq/ui/i18n"
)

func main() {
	// A reader that stops early (leadq list | head) turns into an EPIPE
	// error that run ends quietly on, rather than a death by signal.
	signal.Ignore(syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// app is what every command writes to; tests hand in buffers.
type app struct {
	stdout, stderr io.Writer
	passFile       string // --passphrase-file
	// tr words everything a person reads: the locale's language until the
	// config is read, then the config's language if it names one.
	tr *i18n.Catalog
}

// command is one subcommand: its name, its line in the command list and
// what it does with the arguments after its name.
type command struct {
	name    string
	summary string
	run     func(args []string) error
}

func (a *app) commands() []command {
	if a.tr == nil {
		a.tr = i18n.For(i18n.Detect("", os.Getenv))
	}
	tr := a.tr
	return []command{
		{"demo", tr.T("cli.cmd.demo"), a.demo},
		{"seed", tr.T("cli.cmd.seed"), a.seed},
		{"add", tr.T("cli.cmd.add"), a.add},
		{"list", tr.T("cli.cmd.list"), a.list},
		{"show", tr.T("cli.cmd.show"), a.show},
		{"import", tr.T("cli.cmd.import"), a.importCmd},
		{"export", tr.T("cli.cmd.export"), a.exportCmd},
		{"plan", tr.T("cli.cmd.plan"), a.plan},
		{"check", tr.T("cli.cmd.check"), a.check},
		{"backup", tr.T("cli.cmd.backup"), a.backupCmd},
		{"backups", tr.T("cli.cmd.backups"), a.backupsCmd},
		{"restore", tr.T("cli.cmd.restore"), a.restoreCmd},
		{"compact", tr.T("cli.cmd.compact"), a.compact},
		{"export-person", tr.T("cli.cmd.export-person"), a.exportPerson},
		{"forget", tr.T("cli.cmd.forget"), a.forget},
		{"encrypt", tr.T("cli.cmd.encrypt"), a.encryptCmd},
		{"decrypt", tr.T("cli.cmd.decrypt"), a.decryptCmd},
		{"passphrase", tr.T("cli.cmd.passphrase"), a.passphraseCmd},
		{"version", tr.T("cli.cmd.version"), a.version},
		{"help", tr.T("cli.cmd.help"), a.help},
	}
}

// defaultCommand runs when leadq is started without a command: the
// terminal interface on the configured database.
func (a *app) defaultCommand(args []string) error { return a.tui(args) }

// run executes one leadq invocation and returns its exit status.
func run(args []string, stdout, stderr io.Writer) int {
	// Help and flag mistakes come before any config: in the locale's language.
	a := &app{stdout: stdout, stderr: stderr, tr: i18n.For(i18n.Detect("", os.Getenv))}
	err := a.dispatch(args)
	if err == nil || errors.Is(err, errHelpShown) || errors.Is(err, syscall.EPIPE) {
		return 0
	}
	var fe *flagError
	if errors.As(err, &fe) {
		see := "leadq help"
		if fe.flags.Name() != "" {
			see += " " + fe.flags.Name()
		}
		fmt.Fprintf(stderr, "leadq: %s\n", a.tr.F("cli.see", domain.SafeLine(oneLine(fe.Error())), see))
		return 1
	}
	// An error may quote lead text; it reaches the terminal made safe.
	fmt.Fprintf(stderr, "leadq: %s\n", domain.SafeLine(oneLine(a.tr.Error(err))))
	return 1
}

// commandAfterFlags finds a command after leading shared flags (--db
// PATH, --config PATH, --passphrase-file FILE) and puts it first.
func (a *app) commandAfterFlags(args []string) ([]string, bool) {
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !globalFlags[name] {
			return nil, false
		}
		i++
		if !hasValue {
			i++ // its value
		}
	}
	if i >= len(args) {
		return nil, false
	}
	for _, c := range a.commands() {
		if c.name == args[i] {
			return append(append([]string{args[i]}, args[:i]...), args[i+1:]...), true
		}
	}
	return nil, false
}

func (a *app) dispatch(args []string) error {
	if len(args) == 0 {
		return a.defaultCommand(nil)
	}
	switch name := args[0]; {
	case name == "-h" || name == "-help" || name == "--help":
		a.printCommands(a.stdout)
		return nil
	case name == "--version" || name == "-version" || name == "-v":
		return a.version(args[1:])
	case strings.HasPrefix(name, "-"):
		if moved, ok := a.commandAfterFlags(args); ok {
			return a.dispatch(moved) // leadq --db x list: the shared flags before the command
		}
		return a.defaultCommand(args)
	}
	for _, c := range a.commands() {
		if c.name == args[0] {
			return c.run(args[1:])
		}
	}
	var names []string
	for _, c := range a.commands() {
		names = append(names, c.name)
	}
	if near := nearest(args[0], names); near != "" {
		return domain.Problemf("cli.unknown_command_near", "unknown command %q: did you mean leadq %s? (leadq help lists the commands)", args[0], near)
	}
	return domain.Problemf("cli.unknown_command", "unknown command %q: run leadq help for the list of commands", args[0])
}

func (a *app) printCommands(w io.Writer) {
	fmt.Fprintf(w, "%s\n\n%s\n\n%s\n", a.tr.T("cli.help.intro"), a.tr.T("cli.help.usage"), a.tr.T("cli.help.commands"))
	width := 0
	for _, c := range a.commands() {
		width = max(width, len(c.name))
	}
	for _, c := range a.commands() {
		fmt.Fprintf(w, "  %-*s %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, "\n%s\n", a.tr.T("cli.help.footer"))
}

// errHelpShown ends a command that only printed its usage; leadq exits 0.
var errHelpShown = errors.New("help shown")

// flagError is a bad flag or argument; its command's usage follows the message.
type flagError struct {
	flags *cmdFlags
	err   error
}

func (e *flagError) Error() string {
	tr := e.flags.app.tr
	msg := flagMessage(tr, tr.Error(e.err))
	if m := reUnknownFlag.FindStringSubmatch(e.err.Error()); m != nil {
		var names []string
		e.flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if near := nearest(m[1], names); near != "" {
			msg = tr.F("cli.flag.did_you_mean", msg, near)
		}
	}
	if e.flags.Name() == "" {
		return msg
	}
	return e.flags.Name() + ": " + msg
}

var (
	reUnknownFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reFlagValue   = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for flag -+([^:]+)(?::.*)?$`)
	reFlagNeeds   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
)

// nearest is the name closest to a mistyped one, within two edits (a
// swapped pair of letters counts as one); "" when none is that close.
func nearest(typed string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(typed, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// flagMessage words the flag package's errors with the flags as they are
// written, --name.
func flagMessage(tr *i18n.Catalog, msg string) string {
	if m := reUnknownFlag.FindStringSubmatch(msg); m != nil {
		return tr.F("cli.flag.unknown", m[1])
	}
	if m := reFlagValue.FindStringSubmatch(msg); m != nil {
		return tr.F("cli.flag.bad_value", m[2], m[1])
	}
	if m := reFlagNeeds.FindStringSubmatch(msg); m != nil {
		return tr.F("cli.flag.needs_value", m[1])
	}
	return msg
}

// cmdFlags is a command's FlagSet with the flags every command shares.
type cmdFlags struct {
	*flag.FlagSet
	app        *app
	synopsis   string // what follows "leadq NAME" in the usage line, e.g. "[flags] ID"
	about      string
	configPath string
	dbPath     string
	passFile   string
}

func (a *app) newFlags(name, synopsis, about string) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The messages are printed by run, so they carry the "leadq:" prefix.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	f := &cmdFlags{FlagSet: fs, app: a, synopsis: synopsis, about: about}
	fs.StringVar(&f.configPath, "config", "", a.tr.F("cli.flag.config", defaultConfigHint()))
	fs.StringVar(&f.dbPath, "db", "", a.tr.F("cli.flag.db", defaultDBHint()))
	fs.StringVar(&f.passFile, "passphrase-file", "", a.tr.F("cli.flag.passphrase-file", passphraseEnv))
	return f
}

var globalFlags = map[string]bool{"config": true, "db": true, "passphrase-file": true}

// parse reads flags anywhere among the arguments (so "show 12 --json"
// works) and returns the other arguments in order; "--" ends the flags.
func (f *cmdFlags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.FlagSet.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.usage(f.app.stdout)
				return nil, errHelpShown
			}
			return nil, &flagError{f, err}
		}
		if f.passFile != "" {
			f.app.passFile = f.passFile // the store's open asks the app
		}
		rest := f.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseNoArgs is parse for a command that takes flags only.
func (f *cmdFlags) parseNoArgs(args []string) error {
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	return f.noArgs(pos)
}

func (f *cmdFlags) noArgs(pos []string) error {
	if len(pos) > 0 {
		return &flagError{f, domain.Problemf("cli.unexpected_argument", "unexpected argument %q", pos[0])}
	}
	return nil
}

// usage prints the command's synopsis and its flags, its own before the shared ones.
func (f *cmdFlags) usage(w io.Writer) {
	name := "leadq"
	if f.Name() != "" {
		name += " " + f.Name()
	}
	fmt.Fprintf(w, "%s\n", f.app.tr.F("cli.usage.line", strings.TrimSpace(name+" "+f.synopsis)))
	if f.about != "" {
		fmt.Fprintf(w, "\n%s\n", f.about)
	}
	type line struct{ left, right string }
	var own, shared []line
	width := 0
	f.VisitAll(func(fl *flag.Flag) {
		arg, text := flag.UnquoteUsage(fl)
		left := "--" + fl.Name
		if arg != "" {
			left += " " + strings.ToUpper(arg)
		}
		if d := fl.DefValue; d != "" && d != "0" && d != "false" {
			text += f.app.tr.F("cli.usage.default", d)
		}
		width = max(width, utf8.RuneCountInString(left)) // fmt pads by runes: DURCHLÄUFE lines up
		if globalFlags[fl.Name] {
			shared = append(shared, line{left, text})
		} else {
			own = append(own, line{left, text})
		}
	})
	for _, part := range []struct {
		title string
		lines []line
	}{{f.app.tr.T("cli.usage.flags"), own}, {f.app.tr.T("cli.usage.shared"), shared}} {
		if len(part.lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", part.title)
		for _, l := range part.lines {
			fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.right)
		}
	}
}

// oneLine keeps an error to the single line leadq promises on stderr.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ")
}

// loadConfig finds and reads the configuration: --config, else
// $LEADQ_CONFIG, else the user's config directory. Only a missing file at
// that default place means "use the defaults"; a file named explicitly must
// exist. It returns the file it read ("" for the defaults).
func loadConfig(flagPath string) (domain.Config, string, error) {
	path, explicit := flagPath, true
	if path == "" {
		path = os.Getenv("LEADQ_CONFIG")
	}
	if path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return domain.DefaultConfig(), "", nil // no home directory: nothing to read
		}
		path, explicit = filepath.Join(dir, "leadq", "config.toml"), false
	}
	path = expandHome(path)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return domain.DefaultConfig(), "", nil
	case errors.Is(err, fs.ErrNotExist):
		return domain.Config{}, "", domain.Problemf("config.missing", "the config file %s does not exist", path)
	case err != nil:
		return domain.Config{}, "", domain.Problemf("config.unreadable", "cannot read the config file %s: %v", path, err)
	}
	cfg, err := domain.ParseConfig(data)
	if err == nil {
		// [keys] and [theme]: every command stops on them, not only the queue.
		err = domain.PlaceErrors(ui.CheckConfig(cfg), data)
	}
	if err != nil {
		return domain.Config{}, "", configError(path, err)
	}
	return cfg, path, nil
}

// configError names the file in front of each of the problems ParseConfig
// found, each worded as a Problem so it reads in the user's language.
func configError(path string, err error) error {
	var out error
	for _, e := range domain.Errors(err) {
		var ce *domain.ConfigError
		var one error
		switch {
		case errors.As(e, &ce) && ce.Line > 0:
			one = domain.Problemf("config.file_line", "%s line %d: %v", path, ce.Line, configWhy(ce))
		case errors.As(e, &ce):
			one = domain.Problemf("config.file", "%s: %v", path, configWhy(ce))
		default:
			one = domain.Problemf("config.file", "%s: %v", path, e)
		}
		if out == nil {
			out = one
		} else {
			out = domain.Problemf("config.and", "%v; %v", out, one)
		}
	}
	return out
}

// configWhy is what is wrong in a config line, as a Problem where the
// decoder gave one.
func configWhy(ce *domain.ConfigError) error {
	if ce.Problem != nil {
		return ce.Problem
	}
	return errors.New(ce.Msg)
}

// loadConfig is loadConfig that then speaks the config's language, if it
// names one, from here on.
func (a *app) loadConfig(flagPath string) (domain.Config, string, error) {
	cfg, path, err := loadConfig(flagPath)
	if err == nil {
		a.tr = i18n.For(i18n.Detect(cfg.Language, os.Getenv))
	}
	return cfg, path, err
}

// notice is what the open of s has to say beyond opening, in the user's language.
func (a *app) notice(s *store.Store) string {
	if s.NoticeProblem != nil {
		return a.tr.Error(s.NoticeProblem)
	}
	return s.Notice
}

// resolveDB picks the database: --db, else $LEADQ_DB, else the config's db
// (relative to the config file), else leads.db in the data directory.
func resolveDB(flagPath string, cfg domain.Config, cfgPath string) (string, error) {
	switch {
	case flagPath != "":
		return expandHome(flagPath), nil
	case os.Getenv("LEADQ_DB") != "":
		return expandHome(os.Getenv("LEADQ_DB")), nil
	case cfg.DB != "":
		p := expandHome(cfg.DB)
		if !filepath.IsAbs(p) && cfgPath != "" {
			p = filepath.Join(filepath.Dir(cfgPath), p)
		}
		return p, nil
	}
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "leads.db"), nil
}

// dataDir is where leadq keeps its data unless told otherwise, created
// (readable by the user only) when missing.
func dataDir() (string, error) {
	home, homeErr := os.UserHomeDir()
	var dir string
	switch x := os.Getenv("XDG_DATA_HOME"); {
	case runtime.GOOS == "darwin" && homeErr == nil:
		dir = filepath.Join(home, "Library", "Application Support", "leadq")
	case filepath.IsAbs(x):
		dir = filepath.Join(x, "leadq")
	case homeErr == nil:
		dir = filepath.Join(home, ".local", "share", "leadq")
	default:
		return "", domain.Problemf("cli.no_home", "cannot find a place for the database (no home directory): give one with --db")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", domain.Problemf("cli.no_data_dir", "cannot create the data directory %s: %v", dir, err)
	}
	return dir, nil
}

func defaultConfigHint() string {
	if runtime.GOOS == "darwin" {
		return "~/Library/Application Support/leadq/config.toml"
	}
	return "~/.config/leadq/config.toml"
}

func defaultDBHint() string {
	if runtime.GOOS == "darwin" {
		return "~/Library/Application Support/leadq/leads.db"
	}
	return "~/.local/share/leadq/leads.db"
}

// expandHome turns a leading ~/ into the home directory, for paths that
// reach leadq without a shell (config values, --db=~/x).
func expandHome(p string) string {
	rest, ok := strings.CutPrefix(p, "~/")
	if !ok && p != "~" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, rest)
}

// openStore reads the configuration and opens the database it points to.
// Commands that only read refuse a database that does not exist yet rather
// than create an empty one at a mistyped path.
func (a *app) openStore(f *cmdFlags, mustExist bool) (*store.Store, domain.Config, error) {
	return a.openStoreWith(f, mustExist, false)
}

// openStoreWith is openStore; with check set an older file is opened as
// it is, to be checked, not migrated.
func (a *app) openStoreWith(f *cmdFlags, mustExist, check bool) (*store.Store, domain.Config, error) {
	cfg, cfgPath, err := a.loadConfig(f.configPath)
	if err != nil {
		return nil, cfg, err
	}
	a.tr = i18n.For(i18n.Detect(cfg.Language, os.Getenv))
	path, err := resolveDB(f.dbPath, cfg, cfgPath)
	if err != nil {
		return nil, cfg, err
	}
	if mustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, cfg, domain.Problemf("cli.no_database", "there is no database at %s yet: add a lead with leadq add, or try leadq seed", path)
		}
	}
	s, err := a.open(path, cfg, check)
	return s, cfg, err
}

// open opens a database with the configuration's rules and says on stderr
// what the open did beyond opening: a migration, a read-only copy.
func (a *app) open(path string, cfg domain.Config, check bool) (*store.Store, error) {
	s, err := store.Open(path, store.Options{Scoring: cfg.Scoring, By: byOf(cfg), DefaultCountry: cfg.Country, NoMigrate: check,
		Command: commandLine(), Timeout: cfg.BusyTimeout.Duration, Passphrase: a.passphrase(a.tr.F("cli.passphrase.for", path)),
		Progress: a.progress(a.tr.F("cli.migrating", path))})
	if err != nil {
		return nil, err
	}
	if s.Migrated != "" {
		fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.migrated", path, store.SchemaVersion, s.Migrated))
	}
	if n := a.notice(s); n != "" {
		fmt.Fprintf(a.stderr, "leadq: %s\n", n)
	}
	a.warnPermissions(s.Path(), backupDir(s.Path(), cfg))
	return s, nil
}

// commandLine is this process as another leadq names it: "leadq add".
func commandLine() string {
	args := os.Args[1:]
	if len(args) > 2 {
		args = args[:2]
	}
	return strings.TrimSpace("leadq " + strings.Join(args, " "))
}

// byOf is who writes into the history: the config's owner, else $USER.
func byOf(cfg domain.Config) string {
	if cfg.Owner != "" {
		return cfg.Owner
	}
	return os.Getenv("USER")
}

// progress reports a long task on stderr: one line that updates itself on
// a terminal, a line at the start and at the end otherwise.
func (a *app) progress(what string) func(done, total int) {
	tty := false
	if f, ok := a.stderr.(*os.File); ok {
		tty = term.IsTerminal(f.Fd())
	}
	started := false
	return func(done, total int) {
		switch {
		case tty:
			pct := 100
			if total > 0 {
				pct = done * 100 / total
			}
			fmt.Fprintf(a.stderr, "\rleadq: %s", a.tr.F("cli.progress.tty", what, pct, a.tr.Number(done), a.tr.Number(total)))
			if done >= total {
				fmt.Fprintln(a.stderr)
			}
		case !started:
			fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.N("cli.progress.start", total, what))
		case done >= total:
			fmt.Fprintf(a.stderr, "leadq: %s\n", a.tr.F("cli.progress.done", what))
		}
		started = true
	}
}
