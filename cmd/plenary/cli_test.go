package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckEmbedded(t *testing.T) {
	t.Chdir(t.TempDir()) // no meeting.toml here: check falls back to the embedded bundle
	code, out, _ := runCLI(t, "check")
	if code != 0 || out != "embedded:meeting.toml: valid: 7 sessions, 13 delegations, 0 warnings\n" {
		t.Errorf("code %d, out %q", code, out)
	}
}

func TestCheckInvalid(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "meeting.toml"), `[meeting]
id = "x"
title = "T"
start = 2030-01-01
end = 2030-01-02
timezone = "Nowhere/Town"
url = "x"

[[session]]
id = "a"
number = 1
date = 2030-01-05
title = "A"
presenters = ["FRA"]
`)
	code, out, _ := runCLI(t, "check", dir)
	mt := filepath.Join(dir, "meeting.toml")
	want := mt + `:6:12: meeting.timezone: "Nowhere/Town" is not an IANA time zone (e.g. "Europe/Paris")
` + mt + `:7:7: warning: meeting.url: "x" is not an http(s) address
` + mt + `:12:8: session[1].date: 2030-01-05 is outside the meeting (2030-01-01 to 2030-01-02)
` + mt + `:14:15: session[1].presenters: "FRA" is not a delegation code
` + mt + `: invalid: 3 errors, 1 warning
`
	if code != 1 || out != want {
		t.Errorf("code %d, out:\n%s\nwant:\n%s", code, out, want)
	}
}

func TestBadInputAtTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	file := filepath.Join(dir, "file")
	write(t, file, "x")
	unreadable := filepath.Join(dir, "unreadable")
	os.Mkdir(unreadable, 0o755)
	write(t, filepath.Join(unreadable, "meeting.toml"), "")
	os.Chmod(filepath.Join(unreadable, "meeting.toml"), 0)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "missing")}, "plenary: " + filepath.Join(dir, "missing") + ": no such folder\n"},
		{[]string{empty}, "plenary: " + empty + " has no meeting.toml (create a bundle there with: plenary init " + empty + ")\n"},
		{[]string{"check", file}, "plenary: " + file + " is not a folder (a bundle is a folder with meeting.toml)\n"},
		{[]string{"--now", "yesterday"}, "plenary: --now: \"yesterday\" is not a time (want 2017-05-18T10:30)\n"},
		{[]string{"--bogus"}, "plenary: unknown flag: --bogus\n"},
		{[]string{"a", "b"}, "plenary: accepts at most 1 arg(s), received 2\n"},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct {
			args []string
			want string
		}{[]string{unreadable}, "plenary: cannot read " + filepath.Join(unreadable, "meeting.toml") + ": permission denied\n"})
	}
	t.Chdir(dir)
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != 2 || errOut != tt.want || out != "" {
			t.Errorf("%v: code %d, stderr %q, stdout %q; want 2, %q", tt.args, code, errOut, out, tt.want)
		}
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	code, out, errOut := runCLI(t, "init", dir)
	if code != 0 || !strings.Contains(out, "wrote "+filepath.Join(dir, "meeting.toml")) {
		t.Fatalf("init: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "valid: 7 sessions") {
		t.Errorf("check after init: %d %q", code, out)
	}
	// A second init refuses to overwrite the rapporteur's edits.
	write(t, filepath.Join(dir, "meeting.toml"), "# edited\n")
	code, _, errOut = runCLI(t, "init", dir)
	if code != 2 || !strings.Contains(errOut, "exists; use --force to overwrite") {
		t.Errorf("second init: %d %q", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "meeting.toml")); string(b) != "# edited\n" {
		t.Error("init overwrote an existing file")
	}
	if code, _, _ := runCLI(t, "init", "--force", dir); code != 0 {
		t.Errorf("init --force: %d", code)
	}
}

func TestDefaultBundleIsTheCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	if code, _, _ := runCLI(t, "init", dir); code != 0 {
		t.Fatal("init failed")
	}
	t.Chdir(dir)
	code, out, _ := runCLI(t, "check")
	if code != 0 || !strings.HasPrefix(out, "meeting.toml: valid") {
		t.Errorf("check in a bundle folder: %d %q", code, out)
	}
}

func TestVersionAndCompletion(t *testing.T) {
	if code, out, _ := runCLI(t, "--version"); code != 0 || !strings.HasPrefix(out, "plenary version ") {
		t.Errorf("--version: %d %q", code, out)
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if code, out, _ := runCLI(t, "completion", sh); code != 0 || !strings.Contains(out, "plenary") {
			t.Errorf("completion %s: %d", sh, code)
		}
	}
	if code, out, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "plenary init my-meeting") {
		t.Errorf("--help lacks examples: %q", out)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
