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
		return nil, fmt.Errorf("cannot read the passphrase file: %w", err)
	}
	p := firstLine(data)
	if len(p) == 0 {
		return nil, fmt.Errorf("the passphrase file %s is empty", path)
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
		return nil, fmt.Errorf("%s failed: %v", passphraseEnv, err)
	}
	p := firstLine(out)
	if len(p) == 0 {
		return nil, fmt.Errorf("%s printed no passphrase", passphraseEnv)
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
		return nil, fmt.Errorf("reading the passphrase failed: %w", err)
	}
	if len(p) == 0 {
		return nil, errors.New("no passphrase given: the database stays locked")
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
		return nil, errors.New("the new passphrase comes from a file or is typed on a terminal, and there is no terminal: give the file")
	}
	p, err := a.promptPassphrase("New passphrase")
	if err != nil {
		return nil, err
	}
	again, err := a.promptPassphrase("The same again")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(p, again) {
		return nil, errors.New("the two passphrases differ: nothing was changed")
	}
	return p, nil
}

// kdfFlags are the Argon2id parameters a new passphrase is stretched with.
func kdfFlags(f *cmdFlags) func() store.KDFParams {
	t := f.Uint("kdf-time", uint(store.DefaultKDF.Time), "Argon2id passes over the memory")
	m := f.Uint("kdf-memory", uint(store.DefaultKDF.Memory>>10), "Argon2id memory in `MiB` (what each guess of the passphrase costs)")
	return func() store.KDFParams {
		return store.KDFParams{Time: uint32(max(1, *t)), Memory: uint32(max(1, *m)) << 10, Threads: store.DefaultKDF.Threads}
	}
}

func (a *app) printCopies(w io.Writer, res store.KeyResult) int {
	left := 0
	for _, c := range res.Copies {
		switch c.Did {
		case "left":
			fmt.Fprintf(w, "left as it is: %s (%s)\n", c.Path, clean(c.Why))
			left++
		case "removed":
			fmt.Fprintf(w, "removed: %s (%s)\n", c.Path, clean(c.Why))
		default:
			fmt.Fprintf(w, "%s: %s\n", c.Did, c.Path)
		}
	}
	return left
}

func (a *app) encryptCmd(args []string) (err error) {
	f := a.newFlags("encrypt", "[flags]", "Encrypt the database: every lead's record, history and queue row is sealed\nwith a key that your passphrase unlocks, and the duplicate and search\nindexes are keyed hashes. The file is copied into an encrypted one, which\nreplaces it once it checks out. The backups and the .before-restore copy\nare encrypted the same way; the clear .v1 of a migration and the copies\ncheck --repair kept are removed. The passphrase comes from\n--passphrase-file, "+passphraseEnv+" or is typed twice. It cannot be\nrecovered: without it the leads are lost.")
	yes := f.Bool("yes", false, "do not ask (for scripts)")
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
		return fmt.Errorf("%s is encrypted already: leadq passphrase changes its passphrase", s.Path())
	}
	copies, err := store.CopiesOf(s.Path(), backupDir(s.Path(), cfg))
	if err != nil {
		return err
	}
	if !*yes && isTerminal(os.Stdin) {
		q := fmt.Sprintf("Encrypt %s and %s? Without the passphrase nothing in them can be read again.", s.Path(), plural(len(copies), "copy", "copies"))
		if err := a.confirm(q); err != nil {
			return err
		}
	}
	pass, err := a.newPassphrase(a.passFile, true)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := s.Encrypt(pass, kdf(), copies, a.progress("encrypting "+s.Path()))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	fmt.Fprintf(w, "encrypted %s: %s (%.1fs)\n", s.Path(), plural(res.Leads, "lead", "leads"), time.Since(start).Seconds())
	a.printCopies(w, res)
	fmt.Fprintf(w, "leadq cannot know the other files you wrote: exports, export-person files, import files and their rejects are still clear\n")
	return nil
}

func (a *app) decryptCmd(args []string) (err error) {
	f := a.newFlags("decrypt", "[flags]", "Write the database clear again, and its encrypted backups and .before-restore\ncopy with it. Anyone who can read the files can read the leads then.")
	yes := f.Bool("yes", false, "do not ask (for scripts)")
	if err := f.parseNoArgs(args); err != nil {
		return err
	}
	s, cfg, err := a.openStore(f, true)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	if !s.Encrypted() {
		return fmt.Errorf("%s is not encrypted", s.Path())
	}
	copies, err := store.CopiesOf(s.Path(), backupDir(s.Path(), cfg))
	if err != nil {
		return err
	}
	if !*yes {
		if err := a.confirm(fmt.Sprintf("Write %s and its backups clear, readable without a passphrase?", s.Path())); err != nil {
			return err
		}
	}
	start := time.Now()
	res, err := s.Decrypt(copies, a.progress("decrypting "+s.Path()))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	fmt.Fprintf(w, "decrypted %s: %s (%.1fs)\n", s.Path(), plural(res.Leads, "lead", "leads"), time.Since(start).Seconds())
	a.printCopies(w, res)
	return nil
}

func (a *app) passphraseCmd(args []string) (err error) {
	f := a.newFlags("passphrase", "[flags]", "Change the passphrase of an encrypted database. The data key stays, so no\nlead is written anew; it is wrapped with the new passphrase, in the database\nand in every backup sealed with it, so older backups open with the new one.\nThe current passphrase comes as usual (--passphrase-file, "+passphraseEnv+",\nprompt); the new one from --new-passphrase-file or is typed twice.\n--kdf-time and --kdf-memory raise what each guess of it costs.")
	newFile := f.String("new-passphrase-file", "", "read the new passphrase from the first line of `FILE`")
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
		return fmt.Errorf("%s is not encrypted: leadq encrypt turns encryption on", s.Path())
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
	fmt.Fprintf(w, "changed the passphrase of %s\n", s.Path())
	if left := a.printCopies(w, res); left > 0 {
		w.Flush()
		return fmt.Errorf("%s still open with the old passphrase only", plural(left, "copy", "copies"))
	}
	return nil
}
