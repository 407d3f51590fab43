package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/data/clean"
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
