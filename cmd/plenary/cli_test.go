package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckEmbedded(t *testing.T) {
	t.Chdir(t.TempDir()) // no meeting.toml here: check falls back to the embedded bundle
	code, out, _ := runCLI(t, "check")
	want := "embedded:meeting.toml: valid: 7 sessions, 13 delegations, 0 warnings\n" +
		"embedded:scores.toml: valid: OECD OURdata Index, 2 editions, 35 countries, 0 warnings\n" +
		"embedded:deck.toml: valid: 4 slides, 0 warnings\n"
	if code != 0 || out != want {
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
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // no notes taken on the embedded meeting
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
	dir := newBundle(t)
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

// TestInitBringsEmbeddedNotes: notes taken on the read-only embedded
// meeting come along into the bundle init writes (and the new bundle shows
// them); a note already in the bundle is kept unless --force.
func TestInitBringsEmbeddedNotes(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	taken := filepath.Join(home, "plenary", "egm-ogd-2017", "notes")
	os.MkdirAll(taken, 0o755)
	write(t, filepath.Join(taken, "ogd-report.md"), "D: taken on the embedded meeting\n")
	dir := filepath.Join(t.TempDir(), "bundle")
	code, out, errOut := runCLI(t, "init", dir)
	if code != 0 || !strings.Contains(out, "Brought 1 note(s) taken on the embedded meeting from "+taken) {
		t.Fatalf("init: %d %q %q", code, out, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "ogd-report.md")); string(b) != "D: taken on the embedded meeting\n" {
		t.Errorf("the note in the bundle: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(taken, "ogd-report.md")); len(b) == 0 {
		t.Error("the embedded meeting's note was moved, not copied")
	}
	if code, out, _ := runCLI(t, "export", "report", dir); code != 0 || !strings.Contains(out, "taken on the embedded meeting") {
		t.Errorf("the new bundle's report lacks the note: %d %q", code, out)
	}
	write(t, filepath.Join(dir, "notes", "ogd-report.md"), "D: edited in the bundle\n")
	if code, out, _ := runCLI(t, "init", "--force", dir); code != 0 || !strings.Contains(out, "wrote "+filepath.Join(dir, "notes", "ogd-report.md")) {
		t.Errorf("init --force: %d %q", code, out)
	}
	// A folder that has only its own notes: they stay.
	other := filepath.Join(t.TempDir(), "other")
	os.MkdirAll(filepath.Join(other, "notes"), 0o755)
	write(t, filepath.Join(other, "notes", "ogd-report.md"), "D: mine\n")
	if code, out, _ := runCLI(t, "init", other); code != 0 || !strings.Contains(out, "kept "+filepath.Join(other, "notes", "ogd-report.md")) {
		t.Errorf("init over a folder with notes: %d %q", code, out)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes", "ogd-report.md")); string(b) != "D: mine\n" {
		t.Errorf("init replaced a note: %q", b)
	}
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportSDMXAndExport(t *testing.T) {
	dir := newBundle(t)
	sample := filepath.Join("..", "..", "data", "testdata", "sdmx-labels-semicolon.csv")
	before, _ := os.ReadFile(filepath.Join(dir, "scores.toml"))

	// A value outside the edition's scale: nothing is written.
	code, _, errOut := runCLI(t, "import", "sdmx", sample, "--skip-unknown-areas", "--bundle", dir, "--edition", "2023", "--measure", "DGI=availability")
	// The error is the SDMX file's, at the line the value came from (the
	// table it would have gone to was never written).
	if code != 1 || !strings.Contains(errOut, "sdmx-labels-semicolon.csv:6:") || !strings.Contains(errOut, "KOR availability = 0.935 is outside 0–0.333 for edition 2023") {
		t.Fatalf("import of an out-of-scale value: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "scores.toml")); string(after) != string(before) {
		t.Fatal("a failed import changed scores.toml")
	}
	if _, err := os.Stat(filepath.Join(dir, "imports")); err == nil {
		t.Fatal("a failed import wrote a table")
	}

	code, out, errOut := runCLI(t, "import", "sdmx", sample, "--skip-unknown-areas", "--bundle", dir, "--edition", "2023", "--pillar-max", "1", "--composite", "mean")
	if code != 0 || !strings.Contains(out, "imported 2 values for 2 countries into edition 2023; 1 row skipped") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, `warning: unknown area "EU27_2020"`) || !strings.Contains(errOut, `warning: measure "DGI" is not mapped`) {
		t.Errorf("import warnings: %q", errOut)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "3 editions") {
		t.Errorf("check after import: %d %q", code, out)
	}
	// Importing the same edition again needs --force.
	if code, _, errOut := runCLI(t, "import", "sdmx", sample, "--skip-unknown-areas", "--bundle", dir, "--edition", "2023"); code != 2 || !strings.Contains(errOut, "use --force") {
		t.Errorf("second import: %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, "export", "scores", dir, "--edition", "2023")
	want := "edition,status,country,name,composite,availability,accessibility,reuse,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3\n" +
		"2023,preliminary,FRA,France,0.84,,,,,,,,,,,,\n" +
		"2023,preliminary,KOR,Korea,0.91,,,,,,,,,,,,\n" +
		"2023,preliminary,OECD,OECD average (computed),0.875,,,,,,,,,,,,\n"
	if code != 0 || out != want {
		t.Errorf("export csv: %d\n%s\nwant:\n%s", code, out, want)
	}
	jsonFile := filepath.Join(t.TempDir(), "scores.json")
	if code, _, _ := runCLI(t, "export", "scores", dir, "--format", "json", "-o", jsonFile); code != 0 {
		t.Fatal("export json failed")
	}
	js, _ := os.ReadFile(jsonFile)
	var doc struct {
		Editions []struct {
			ID   string
			Rows []struct {
				Country string
				Values  map[string]*float64
			}
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil || len(doc.Editions) != 3 {
		t.Fatalf("json: %v, %d editions", err, len(doc.Editions))
	}
	kor := doc.Editions[1].Rows
	for _, r := range kor {
		if r.Country == "KOR" && (r.Values["composite"] == nil || *r.Values["composite"] != 0.943) {
			t.Errorf("KOR 2017 composite in JSON: %v", r.Values["composite"])
		}
		if r.Country == "KOR" && r.Values["1.1"] == nil {
			t.Error("sub-pillars missing from JSON")
		}
	}
	if code, _, errOut := runCLI(t, "export", "scores", dir, "--edition", "1999"); code != 2 || !strings.Contains(errOut, `no edition "1999" (editions: 2015, 2017, 2023)`) {
		t.Errorf("unknown edition: %d %q", code, errOut)
	}
}

func TestCheckInvalidScores(t *testing.T) {
	dir := newBundle(t)
	csv := filepath.Join(dir, "ourdata-2017.csv")
	b, _ := os.ReadFile(csv)
	write(t, csv, strings.Replace(string(b), "KOR,Korea,yes,0.316", "KOR,Korea,yes,0.9", 1))
	code, out, _ := runCLI(t, "check", dir)
	want := csv + ":2:15: KOR availability = 0.9 is outside 0–0.333 for edition 2017\n"
	if code != 1 || !strings.HasPrefix(out, want) || !strings.Contains(out, "scores.toml: invalid: 1 error, 0 warnings") {
		t.Errorf("code %d, out:\n%s", code, out)
	}
}

// TestImportTheExample: the README's import command works on the example
// file (real 2019 figures on the 0–1 scale); with --force on an edition that
// exists, scale flags are refused with the reason, not silently ignored.
func TestImportTheExample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-meeting")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	example := filepath.Join("..", "..", "data", "examples", "ourdata-2019.sdmx.csv")
	code, out, errOut := runCLI(t, "import", "sdmx", example, "--bundle", dir, "--edition", "2019", "--status", "final",
		"--pillar-max", "1", "--composite", "mean", "--measure", "OUR_1=availability", "--source", "OECD (2019), Government at a Glance 2019")
	if code != 0 || !strings.Contains(out, "imported 9 values for 9 countries into edition 2019") {
		t.Fatalf("the README's import: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "3 editions") {
		t.Errorf("check after the import: %d %q", code, out)
	}
	code, _, errOut = runCLI(t, "import", "sdmx", example, "--bundle", dir, "--edition", "2019", "--force", "--pillar-max", "1", "--measure", "OUR_1=availability")
	if code != 2 || !strings.Contains(errOut, "edition 2019 is already in scores.toml, which sets its scale, status and source: --pillar-max is only for a new edition") {
		t.Errorf("scale flags on an existing edition: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "import", "sdmx", example, "--bundle", dir, "--edition", "2019", "--force", "--measure", "OUR_1=availability"); code != 0 {
		t.Errorf("import --force: %d %q", code, errOut)
	}
	// Flags belong to the commands that use them.
	if _, out, _ := runCLI(t, "export", "--help"); strings.Contains(out, "--now") || strings.Contains(out, "--no-mouse") {
		t.Errorf("export lists the app's flags:\n%s", out)
	}
}

// TestCheckFloorRecords: plenary check reads the chair's records and names
// a problem at its file:line:col.
func TestCheckFloorRecords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "floor"), 0o755)
	write(t, filepath.Join(dir, "floor", "where-do-we-stand.toml"), "session = \"where-do-we-stand\"\nopened = 2017-05-18T09:31:00+02:00\n")
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "floor: valid: 1 session record") {
		t.Errorf("a good record: %d %q", code, out)
	}
	write(t, filepath.Join(dir, "floor", "ogd-report.toml"), "session = \"ogd-report\"\n[[turn]]\ndelegation = \"XXX\"\nstart = 2017-05-18T11:40:00+02:00\n")
	code, out, _ := runCLI(t, "check", dir)
	if code != 1 || !strings.Contains(out, filepath.Join(dir, "floor", "ogd-report.toml")+`:3:14: turn[1].delegation: "XXX" is not a delegation of the meeting`) {
		t.Errorf("a bad record: %d %q", code, out)
	}
}

// TestCheckAndFinalNotes: check warns about mistyped lines at their
// file:line:col and counts confidential lines; export report --final
// names the sessions whose notes are drafts, and the report never holds a
// confidential line.
func TestCheckAndFinalNotes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.md"), "+++\nstatus = \"approved\"\n+++\nA: Send @XYZ due 2017-13-45\n// we may block this\n")
	write(t, filepath.Join(dir, "notes", "ogd-report.md"), "D: Publish\n")
	code, out, _ := runCLI(t, "check", dir)
	for _, want := range []string{
		filepath.Join(dir, "notes", "where-do-we-stand.md") + ":4:9: warning: @XYZ is not a delegation of this meeting",
		filepath.Join(dir, "notes", "where-do-we-stand.md") + ":4:18: warning: due 2017-13-45 is not a date: write YYYY-MM-DD",
		"notes: valid: 2 notes (1 approved), 1 confidential line never published, 2 warnings",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("check: %d, no %q in\n%s", code, want, out)
		}
	}
	code, _, errOut := runCLI(t, "export", "report", dir, "--final")
	if code != 1 || !strings.Contains(errOut, "the notes of session 2 (ogd-report) are a draft") {
		t.Errorf("--final with a draft: %d %q", code, errOut)
	}
	write(t, filepath.Join(dir, "notes", "ogd-report.md"), "+++\nstatus = \"approved\"\n+++\nD: Publish\n")
	// Approved, but with typed lines to check: a final record does not
	// publish "2017-13-45 (not a date)" unless told to.
	code, out, errOut = runCLI(t, "export", "report", dir, "--final")
	if code != 1 || out != "" || !strings.Contains(errOut, "notes/where-do-we-stand.md:4: due 2017-13-45 is not a date") || !strings.Contains(errOut, "--allow-warnings") {
		t.Errorf("--final with warnings: %d %q\n%s", code, errOut, out)
	}
	code, out, errOut = runCLI(t, "export", "report", dir, "--final", "--allow-warnings")
	if code != 0 || strings.Contains(out, "block") || strings.Contains(out, "Draft") || strings.Contains(out, "DRAFT") ||
		!strings.Contains(out, "2017-13-45 (not a date)") || !strings.Contains(out, "**Final** · issued ") {
		t.Errorf("--final --allow-warnings, all approved: %d %q\n%s", code, errOut, out)
	}
}

// TestExportJSONNoAttribution: export json --no-attribution names no one
// for what was said, as export report --no-attribution does.
func TestExportJSONNoAttribution(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.md"), "[10:32] Spain: we publish by default\n")
	for _, kind := range []string{"json", "report"} {
		code, out, errOut := runCLI(t, "export", kind, dir, "--no-attribution")
		if code != 0 || strings.Contains(out, "Spain: we") || !strings.Contains(out, "we publish by default") {
			t.Errorf("%s --no-attribution: %d %s\n%s", kind, code, errOut, out)
		}
	}
	if _, out, _ := runCLI(t, "export", "json", dir); !strings.Contains(out, "Spain: we publish") {
		t.Errorf("json without the flag lost the name:\n%s", out)
	}
}

// TestCheckListsConflictCopies: a copy kept beside a note in a conflict is
// named by plenary check, with what to do.
func TestCheckListsConflictCopies(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.md"), "D: theirs\n")
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.conflict-20170518-104200.md"), "D: mine\n")
	code, out, _ := runCLI(t, "check", dir)
	want := filepath.Join(dir, "notes", "where-do-we-stand.conflict-20170518-104200.md") + ":1:1: warning: a rapporteur's text kept beside notes/where-do-we-stand.md when both changed at once: merge what it adds into that note, then delete this copy"
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("check: %d, no %q in\n%s", code, want, out)
	}
}

// TestKeyFilesInsideTheBundle: a key file outside the bundle is refused
// with what to do; one in keys/ is read.
func TestKeyFilesInsideTheBundle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "keys"), 0o755)
	write(t, filepath.Join(dir, "keys", "ana.pub"), string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey())))
	write(t, filepath.Join(dir, "access.toml"), "[[person]]\nname = \"Pierre\"\nrole = \"delegate\"\nkey_files = [\"../keys/pierre.pub\"]\n\n[[person]]\nname = \"Ana\"\nrole = \"secretariat\"\nkey_files = [\"keys/ana.pub\"]\n")
	code, out, _ := runCLI(t, "check", dir)
	want := `access.toml:4:14: person[1].key_files: "../keys/pierre.pub": key files must be inside the bundle (put them in keys/, e.g. keys/pierre.pub)`
	if code != 1 || !strings.Contains(out, want) || strings.Contains(out, "invalid argument") {
		t.Errorf("check: %d, no %q in\n%s", code, want, out)
	}
}

// TestCheckOverlapInOneRoom: two sessions at once in one room are a
// warning — the bundle is valid and opens — and check --strict refuses it.
func TestCheckOverlapInOneRoom(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "meeting.toml"), `[meeting]
id = "clash"
title = "A camp with a real clash"
start = 2017-05-18
end = 2017-05-18
timezone = "Europe/Paris"

[[session]]
id = "a"
number = 1
date = 2017-05-18
start = "09:00"
end = "10:00"
room = "Tent"
title = "First"

[[session]]
id = "b"
number = 2
date = 2017-05-18
start = "09:30"
end = "10:30"
room = "Tent"
title = "Second"
`)
	code, out, _ := runCLI(t, "check", dir)
	if code != 0 || !strings.Contains(out, "warning: session[2].start: overlaps session[1] (a, 09:00–10:00) in Tent") || !strings.Contains(out, "valid: 2 sessions") {
		t.Errorf("check: %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "check", "--strict", dir); code != 1 || !strings.Contains(errOut, "--strict: 1 warning") {
		t.Errorf("check --strict: %d %s", code, errOut)
	}
}
