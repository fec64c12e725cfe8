package main

// Encryption at rest: where the passphrase comes from, and the encrypt,
// decrypt and passphrase commands.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"leadq/domain"
	"leadq/store"
)

// passphraseEnv names a command whose first line of output is the
// passphrase, as restic's RESTIC_PASSWORD_COMMAND.
const passphraseEnv = "LEADQ_PASSPHRASE_COMMAND"

// passphrase is how a command gets the passphrase of an encrypted
// database: --passphrase-file, else $LEADQ_PASSPHRASE_COMMAND, else a
// prompt on the terminal. It is asked only when the file is encrypted.
func (a *app) passphrase(what string) func() ([]byte, error) {
	return func() ([]byte, error) {
		if a.passFile != "" {
			return passphraseFromFile(expandHome(a.passFile))
		}
		if cmd := os.Getenv(passphraseEnv); strings.TrimSpace(cmd) != "" {
			return passphraseFromCommand(cmd)
		}
		return a.promptPassphrase(what)
	}
}

func passphraseFromFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, domain.Problemf("cli.passphrase.file_unreadable", "cannot read the passphrase file: %v", err)
	}
	p := firstLine(data)
	if len(p) == 0 {
		return nil, domain.Problemf("cli.passphrase.file_empty", "the passphrase file %s is empty", path)
	}
	return p, nil
}

func passphraseFromCommand(cmd string) ([]byte, error) {
	var c *exec.Cmd
	if runtime.GOOS == "windows" {
		c = exec.Command("cmd", "/C", cmd)
	} else {
		c = exec.Command("sh", "-c", cmd)
	}
	c.Stdin, c.Stderr = os.Stdin, os.Stderr
	out, err := c.Output()
	if err != nil {
		return nil, domain.Problemf("cli.passphrase.command_failed", "%s failed: %v", passphraseEnv, err)
	}
	p := firstLine(out)
	if len(p) == 0 {
		return nil, domain.Problemf("cli.passphrase.command_empty", "%s printed no passphrase", passphraseEnv)
	}
	return p, nil
}

// firstLine is the passphrase in a file or a command's output: its first
// line, without the line end.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.TrimSuffix(b, []byte("\r"))
}

// promptPassphrase asks on the terminal, without echo.
func (a *app) promptPassphrase(what string) ([]byte, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, store.ErrEncrypted
	}
	fmt.Fprintf(a.stderr, "%s: ", what)
	p, err := term.ReadPassword(fd)
	fmt.Fprintln(a.stderr)
	if err != nil {
		return nil, domain.Problemf("cli.passphrase.read_failed", "reading the passphrase failed: %v", err)
	}
	if len(p) == 0 {
		return nil, domain.Problemf("cli.passphrase.none", "no passphrase given: the database stays locked")
	}
	return p, nil
}

// newPassphrase is the passphrase encrypt and passphrase set: from a file
// or the command when given, else typed twice on the terminal.
func (a *app) newPassphrase(file string, command bool) ([]byte, error) {
	if file != "" {
		return passphraseFromFile(expandHome(file))
	}
	if cmd := os.Getenv(passphraseEnv); command && strings.TrimSpace(cmd) != "" {
		return passphraseFromCommand(cmd)
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil, domain.Problemf("cli.passphrase.no_terminal", "the new passphrase comes from a file or is typed on a terminal, and there is no terminal: give the file")
	}
	p, err := a.promptPassphrase(a.tr.T("cli.passphrase.new"))
	if err != nil {
		return nil, err
	}
	again, err := a.promptPassphrase(a.tr.T("cli.passphrase.again"))
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(p, again) {
		return nil, domain.Problemf("cli.passphrase.differ", "the two passphrases differ: nothing was changed")
	}
	return p, nil
}

// kdfFlags are the Argon2id parameters a new passphrase is stretched with.
func kdfFlags(f *cmdFlags) func() store.KDFParams {
	t := f.Uint("kdf-time", uint(store.DefaultKDF.Time), f.app.tr.T("cli.crypt.flag.kdf-time"))
	m := f.Uint("kdf-memory", uint(store.DefaultKDF.Memory>>10), f.app.tr.T("cli.crypt.flag.kdf-memory"))
	return func() store.KDFParams {
		return store.KDFParams{Time: uint32(max(1, *t)), Memory: uint32(max(1, *m)) << 10, Threads: store.DefaultKDF.Threads}
	}
}

// why is why a copy was left or removed, in the user's language.
func (a *app) why(c store.CopyAction) string {
	if c.Reason != nil {
		return oneLine(a.tr.Error(c.Reason))
	}
	return c.Why
}

func (a *app) printCopies(w io.Writer, res store.KeyResult) int {
	left := 0
	for _, c := range res.Copies {
		switch c.Did {
		case "left":
			fmt.Fprintln(w, a.tr.F("cli.crypt.left", c.Path, clean(a.why(c))))
			left++
		case "removed":
			fmt.Fprintln(w, a.tr.F("cli.crypt.removed", c.Path, clean(a.why(c))))
		case "encrypted":
			fmt.Fprintln(w, a.tr.F("cli.crypt.did_encrypted", c.Path))
		case "decrypted":
			fmt.Fprintln(w, a.tr.F("cli.crypt.did_decrypted", c.Path))
		case "re-keyed":
			fmt.Fprintln(w, a.tr.F("cli.crypt.did_rekeyed", c.Path))
		default:
			fmt.Fprintf(w, "%s: %s\n", c.Did, c.Path)
		}
	}
	return left
}

func (a *app) encryptCmd(args []string) (err error) {
	f := a.newFlags("encrypt", a.tr.T("cli.synopsis.flags"), a.tr.F("cli.encrypt.about", passphraseEnv))
	yes := f.Bool("yes", false, a.tr.T("cli.flag.yes"))
	kdf := kdfFlags(f)
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if s.Encrypted() {
		return domain.Problemf("cli.encrypt.already", "%s is encrypted already: leadq passphrase changes its passphrase", s.Path())
	}
	copies, err := store.CopiesOf(s.Path(), backupDir(s.Path(), cfg))
	if err != nil {
		return err
	}
	if !*yes && isTerminal(os.Stdin) {
		q := a.tr.F("cli.encrypt.confirm", s.Path(), a.tr.N("cli.n.copies", len(copies)))
		if err := a.confirm(q); err != nil {
			return err
		}
	}
	pass, err := a.newPassphrase(a.passFile, true)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := s.Encrypt(pass, kdf(), copies, a.progress(a.tr.F("cli.encrypt.progress", s.Path())))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	fmt.Fprintln(w, a.tr.F("cli.encrypt.done", s.Path(), a.tr.N("cli.n.leads", res.Leads), a.seconds(time.Since(start))))
	a.printCopies(w, res)
	fmt.Fprintln(w, a.tr.T("cli.encrypt.other_files"))
	return nil
}

func (a *app) decryptCmd(args []string) (err error) {
	f := a.newFlags("decrypt", a.tr.T("cli.synopsis.flags"), a.tr.T("cli.decrypt.about"))
	yes := f.Bool("yes", false, a.tr.T("cli.flag.yes"))
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if !s.Encrypted() {
		return domain.Problemf("cli.decrypt.not_encrypted", "%s is not encrypted", s.Path())
	}
	copies, err := store.CopiesOf(s.Path(), backupDir(s.Path(), cfg))
	if err != nil {
		return err
	}
	if !*yes {
		if err := a.confirm(a.tr.F("cli.decrypt.confirm", s.Path())); err != nil {
			return err
		}
	}
	start := time.Now()
	res, err := s.Decrypt(copies, a.progress(a.tr.F("cli.decrypt.progress", s.Path())))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	fmt.Fprintln(w, a.tr.F("cli.decrypt.done", s.Path(), a.tr.N("cli.n.leads", res.Leads), a.seconds(time.Since(start))))
	a.printCopies(w, res)
	return nil
}

func (a *app) passphraseCmd(args []string) (err error) {
	f := a.newFlags("passphrase", a.tr.T("cli.synopsis.flags"), a.tr.F("cli.passphrase.about", passphraseEnv))
	newFile := f.String("new-passphrase-file", "", a.tr.T("cli.passphrase.flag.new-passphrase-file"))
	kdf := kdfFlags(f)
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if !s.Encrypted() {
		return domain.Problemf("cli.passphrase.not_encrypted", "%s is not encrypted: leadq encrypt turns encryption on", s.Path())
	}
	copies, err := store.CopiesOf(s.Path(), backupDir(s.Path(), cfg))
	if err != nil {
		return err
	}
	pass, err := a.newPassphrase(*newFile, false)
	if err != nil {
		return err
	}
	res, err := s.ChangePassphrase(pass, kdf(), copies)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	fmt.Fprintln(w, a.tr.F("cli.passphrase.done", s.Path()))
	if left := a.printCopies(w, res); left > 0 {
		w.Flush()
		return errors.New(a.tr.N("cli.passphrase.left", left))
	}
	return nil
}
