package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/safefs"
)

// noControls fails when s holds an escape or control character (but
// newline and tab) or a hidden one.
func noControls(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if clean.Control(r) {
			t.Fatalf("%s holds %U at byte %d: %q", what, r, i, s)
		}
	}
}

// TestHostileNamesAndNotesAtTheCommandLine: a table named with escapes, a
// bundle folder named with escapes and a hostile note reach no output raw:
// plenary check, the exports, the error messages.
func TestHostileNamesAndNotesAtTheCommandLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "b\x1b]2;PWN\a")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	// The embedded scores.toml reads imports/*.csv.
	os.MkdirAll(filepath.Join(dir, "imports"), 0o755)
	table := filepath.Join(dir, "imports", "x\x1b[2J\u009b31m\u202e.csv")
	if err := os.WriteFile(table, []byte("edition,country,measure,value\n2017,KOR,composite,7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "notes", "where-do-we-stand.md"), []byte("D: x \x1b]52;c;UFdORUQ=\a\x1b[2J\u009b1m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(out, "x.csv:2:") {
		t.Fatalf("check: %d\n%s\n%s", code, out, errOut)
	}
	noControls(t, "check's output", out)
	noControls(t, "check's errors", errOut)
	for _, args := range [][]string{{"export", "report"}, {"export", "json"}} {
		code, out, errOut := runCLI(t, append(args, dir)...)
		noControls(t, strings.Join(args, " ")+"'s errors", errOut)
		if code == 0 {
			noControls(t, strings.Join(args, " "), out)
		}
	}
	_, _, errOut = runCLI(t, "check", dir+"\x1b[2Jmissing")
	noControls(t, "a missing folder's message", errOut)
}

// TestEndToEndHostileNoteInTmux opens a bundle whose note retitles the
// terminal (OSC 2), writes the clipboard (OSC 52) and clears the screen,
// shows it in the session's detail, the Notes view and the editor, and
// checks with tmux that the pane's title and tmux's paste buffers did not
// change.
func TestEndToEndHostileNoteInTmux(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := newBundle(t)
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	note := "D: agreed \x1b]2;PWNED\a\x1b]52;c;UFdORUQ=\a\x1b[2J\u009b2J\u202eevil\n"
	if err := os.WriteFile(filepath.Join(dir, "notes", "where-do-we-stand.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, "sh -c 'sleep 0.3; exec "+bin+" "+dir+" --now 2017-05-18T10:30'")
	s.tmux("set-option", "-g", "set-clipboard", "on")
	s.tmux("set-option", "-g", "allow-rename", "on")
	title := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "main", "#{pane_title}"))
	s.waitFor("Where do we stand?")
	s.keys("Enter", "G") // the notes are at the end of the detail
	s.waitFor("agreed evil")
	s.keys("Escape")
	s.waitFor("enter open")
	s.keys("4")
	s.waitFor("1 decision")
	s.keys("1", "e")
	s.waitFor("Notes · 1 Where do we stand?")
	s.waitFor("D: agreed evil")
	if got := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "main", "#{pane_title}")); got != title || strings.Contains(got, "PWN") {
		t.Errorf("the pane's title changed: %q (was %q)", got, title)
	}
	if bufs := strings.TrimSpace(s.tmux("list-buffers")); bufs != "" {
		t.Errorf("the note wrote tmux's paste buffer: %s", bufs)
	}
}

// TestImportFailingSecondWrite: the table is written, then scores.toml
// fails (a full disk, a read-only file, a kill). The bundle stays valid,
// and the import runs again without --force.
func TestImportFailingSecondWrite(t *testing.T) {
	dir := newBundle(t)
	sample := filepath.Join("..", "..", "data", "testdata", "sdmx-labels-semicolon.csv")
	failing := func(name string, b []byte) error {
		if name == "scores.toml" {
			return errors.New("no space left on device")
		}
		return safefs.Dir(dir).WriteFile(name, b, 0o644)
	}
	cmd := newImportSDMXCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := importSDMX(cmd, sample, dir, "2023", newEdition{status: "preliminary", pillarMax: 1, composite: "mean"}, nil, false, data.SDMXOptions{SkipUnknownAreas: true}, failing)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("the failed write was not reported: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "imports", "2023", "scores.csv")); err != nil {
		t.Fatalf("the table was not written first: %v", err)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "2 editions") {
		t.Fatalf("the bundle is broken after the failed import: %d\n%s", code, out)
	}
	code, out2, errOut2 := runCLI(t, "import", "sdmx", sample, "--skip-unknown-areas", "--bundle", dir, "--edition", "2023", "--pillar-max", "1", "--composite", "mean")
	if code != 0 {
		t.Fatalf("importing again: %d %s %s", code, out2, errOut2)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "3 editions") {
		t.Fatalf("check after the second import: %d\n%s", code, out)
	}
}

// TestImportWritesTOMLStrings: a file name with control characters and
// quotes becomes a TOML string a TOML reader takes (Go's %q would write
// \x01, which TOML does not know).
func TestImportWritesTOMLStrings(t *testing.T) {
	dir := newBundle(t)
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "testdata", "sdmx-labels-semicolon.csv"))
	if err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "ex\x01port \"q\" \\.csv")
	if err := os.WriteFile(odd, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "import", "sdmx", odd, "--skip-unknown-areas", "--bundle", dir, "--edition", "2023", "--pillar-max", "1", "--composite", "mean"); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 {
		t.Fatalf("check: %d\n%s", code, out)
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "scores.toml"))
	if !strings.Contains(string(toml), `source = "Imported from ex\u0001port \"q\" \\.csv`) {
		t.Errorf("scores.toml: %s", toml[len(toml)-300:])
	}
}

// TestOutputTargets: -o - is standard output; a FIFO or a device is
// written to and stays what it is; a folder is refused by name; no message
// shows a temporary file's name.
func TestOutputTargets(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, _ := runCLI(t, "export", "ics", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "BEGIN:VCALENDAR") {
		t.Fatalf("-o -: %d %q", code, out)
	}
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if code, _, errOut := runCLI(t, "export", "ics", "-o", fifo); code != 0 {
		t.Fatalf("-o FIFO: %d %s", code, errOut)
	}
	if s := <-got; !strings.HasPrefix(s, "BEGIN:VCALENDAR") {
		t.Errorf("the FIFO got %q", s)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", st.Mode())
	}
	if code, _, errOut := runCLI(t, "export", "ics", "-o", "/dev/null"); code != 0 {
		t.Errorf("-o /dev/null: %d %s", code, errOut)
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode().IsRegular() {
		t.Fatal("/dev/null was replaced by a file")
	}
	folder := t.TempDir()
	code, _, errOut := runCLI(t, "export", "ics", "-o", folder)
	if code != 2 || !strings.Contains(errOut, folder+" is a folder") {
		t.Errorf("-o folder: %d %q", code, errOut)
	}
	ro := filepath.Join(t.TempDir(), "missing-folder", "x.ics")
	code, _, errOut = runCLI(t, "export", "ics", "-o", ro)
	if code != 2 || !strings.Contains(errOut, "writing "+ro+":") || strings.Contains(errOut, ".tmp") || strings.Count(errOut, "/") > strings.Count(ro, "/") {
		t.Errorf("-o into a missing folder: %q", errOut)
	}
}

// TestEndToEndLinksAndFIFOsInTheBundle: a note that links to a secret file,
// a FIFO in a note's place and a table that links out of the bundle. The
// app opens at once with a banner naming the note, never shows or copies
// the secret, and a note edited in a linked notes/ folder is not written
// through the link.
func TestEndToEndLinksAndFIFOsInTheBundle(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := newBundle(t)
	secret := filepath.Join(t.TempDir(), "id_rsa")
	if err := os.WriteFile(secret, []byte("SECRET-KEY-MATERIAL\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes")
	os.MkdirAll(notes, 0o755)
	os.Symlink(secret, filepath.Join(notes, "where-do-we-stand.md"))
	if err := unix.Mkfifo(filepath.Join(notes, "oecd-ogd-report.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "imports"), 0o755)
	os.Symlink(secret, filepath.Join(dir, "imports", "leak.csv"))

	code, out, errOut := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(out, "leak.csv") || !strings.Contains(out, "symbolic link") || strings.Contains(out+errOut, "SECRET") {
		t.Errorf("check: %d\n%s%s", code, out, errOut)
	}
	os.Remove(filepath.Join(dir, "imports", "leak.csv"))
	code, _, errOut = runCLI(t, "export", "report", dir)
	if code != 2 || !strings.Contains(errOut, "where-do-we-stand.md") || strings.Contains(errOut, "SECRET") {
		t.Errorf("export report: %d %s", code, errOut)
	}

	s := startTmux(t, 120, 30, bin+" "+dir+" --now 2017-05-18T10:30")
	s.waitFor("symbolic link")
	s.keys("e")
	s.waitFor("cannot read the note")
	if strings.Contains(s.screen(), "SECRET") {
		t.Fatal("the secret is on screen")
	}
	s.keys("q")

	// notes/ itself a link out of the bundle: nothing is read or written there.
	os.RemoveAll(notes)
	outside := t.TempDir()
	os.Symlink(outside, notes)
	s = startTmux(t, 120, 30, bin+" "+dir+" --now 2017-05-18T10:30")
	s.waitFor("Where do we stand?")
	s.keys("j", "e")
	s.waitFor("cannot read the note")
	s.keys("q")
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("a note went through the link: %v", entries)
	}
}

// TestEndToEndReloadAfterFolderSwap: the bundle folder is moved away and
// back, then swapped for a link to another folder; each time the app reads
// what is there, and later edits still show.
func TestEndToEndReloadAfterFolderSwap(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	dir := newBundle(t)
	retitle := func(folder, title string) {
		t.Helper()
		mt := filepath.Join(folder, "meeting.toml")
		b, err := os.ReadFile(mt)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		i := strings.Index(s, "\ntitle = ")
		j := strings.Index(s[i+1:], "\n")
		write(t, mt, s[:i]+"\ntitle = \""+title+"\""+s[i+1+j:])
	}
	s := startTmux(t, 120, 30, bin+" "+dir+" --now 2017-05-18T10:30")
	s.waitFor("3rd OECD Expert Group Meeting")

	// Away and back.
	if err := os.Rename(dir, dir+".away"); err != nil {
		t.Fatal(err)
	}
	s.waitFor("showing the last good data")
	if err := os.Rename(dir+".away", dir); err != nil {
		t.Fatal(err)
	}
	s.waitUntil("the banner gone", 3*time.Second, func(scr string) bool { return !strings.Contains(scr, "last good data") })
	retitle(dir, "Back in place")
	s.waitFor("Back in place")

	// Swapped for a link to a copy (a release switch).
	v2 := filepath.Join(filepath.Dir(dir), "v2")
	if err := os.CopyFS(v2, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	retitle(v2, "Version two")
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(v2, dir); err != nil {
		t.Fatal(err)
	}
	s.waitFor("Version two")
	retitle(v2, "Version two, edited")
	s.waitFor("Version two, edited")
	retitle(dir+".old", "The old folder")
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(s.screen(), "The old folder") {
		t.Error("the old folder's edit was shown")
	}
}

// TestImportAgendaHostileMeeting: import agenda over a bundle whose
// meeting.toml is a FIFO or a link out of it neither blocks on the FIFO
// nor reads or writes through the link.
func TestImportAgendaHostileMeeting(t *testing.T) {
	src, _ := os.ReadFile(filepath.Join("..", "..", "agenda", "schedule", "testdata", "schedule.xml"))
	file := filepath.Join(t.TempDir(), "schedule.xml")
	write(t, file, string(src))
	outside := filepath.Join(t.TempDir(), "outside.toml")
	write(t, outside, "# not the bundle's\n")
	for name, create := range map[string]func(string) error{
		"FIFO": func(p string) error { return unix.Mkfifo(p, 0o644) },
		"link": func(p string) error { return os.Symlink(outside, p) },
	} {
		dir := t.TempDir()
		if err := create(filepath.Join(dir, "meeting.toml")); err != nil {
			t.Fatal(err)
		}
		type result struct {
			code   int
			errOut string
		}
		done := make(chan result, 1)
		go func() {
			code, _, errOut := runCLI(t, "import", "agenda", file, "--bundle", dir)
			done <- result{code, errOut}
		}()
		select {
		case r := <-done:
			if r.code == 0 || !strings.Contains(r.errOut, "meeting.toml") {
				t.Errorf("%s: %d %s", name, r.code, r.errOut)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: import agenda blocks on meeting.toml", name)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "# not the bundle's\n" {
		t.Errorf("the file outside was written: %q", b)
	}
}
