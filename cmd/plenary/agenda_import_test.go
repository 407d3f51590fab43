package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestImportAgenda: a schedule.xml makes a new bundle; a second import of
// a changed schedule updates what changed, adds and removes sessions (but
// keeps one with notes, unless --prune), leaves the rest of meeting.toml
// as it was, and --dry-run writes nothing.
func TestImportAgenda(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "bundle")
	src, _ := os.ReadFile(filepath.Join("..", "..", "agenda", "schedule", "testdata", "schedule.xml"))
	file := filepath.Join(tmp, "schedule.xml")
	write(t, file, string(src))
	code, out, errOut := runCLI(t, "import", "agenda", file, "--bundle", dir)
	if code != 0 || !strings.Contains(out, "a new meeting, 3 sessions on 2 days, 2 delegations") {
		t.Fatalf("a new bundle: %d %s %s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "valid: 3 sessions, 2 delegations") {
		t.Fatalf("check: %s", out)
	}
	// Someone adds a comment and a session of their own, and takes notes.
	meeting := filepath.Join(dir, "meeting.toml")
	b, _ := os.ReadFile(meeting)
	own := "\n# Our own closing, not in the schedule.\n[[session]]\nid = \"closing\"\nnumber = 9\ndate = 2017-10-29\ntitle = \"Closing by the chair\"\n"
	text := strings.Replace(string(b), "[meeting]\n", "# The organisers' copy.\n[meeting]\n", 1) + own
	write(t, meeting, text)
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	write(t, filepath.Join(dir, "notes", "event-103.md"), "D: keep this\n")

	// The schedule changes: a new time, a session gone, one added.
	changed := strings.Replace(string(src), "<duration>01:30</duration>", "<duration>02:00</duration>", 1)
	changed = strings.Replace(changed, `<event id="102"`, `<event id="104" guid="new-one"><date>2017-10-30T14:00:00+01:00</date><start>14:00</start><duration>1:00</duration><room>Room CC2</room><title>Added later</title><persons><person>Spain</person></persons></event>
      <event id="102"`, 1)
	changed = strings.Replace(changed, "<title>A night across the change of time</title>", "<title>A night</title>", 1)
	i := strings.Index(changed, `<event id="103"`)
	j := strings.Index(changed[i:], "</event>") + i + len("</event>")
	changed = changed[:i] + changed[j:]
	write(t, file, changed)

	code, out, _ = runCLI(t, "import", "agenda", file, "--bundle", dir, "--dry-run")
	for _, want := range []string{
		`changed: session 1 (egm-101-where-do-we-stand) Where do we stand?: Achievements and common challenges: time "09:30–11:00" → "09:30–11:30"`,
		`changed: session 2 (c6a3e2d8-5b0f-4c47-9a57-0e4c2f6b1a02) A night across the change of time: title "A night across the change of time" → "A night"`,
		"added:   session 10 (new-one) Added later",
		"kept:    session 3 (event-103) Moving ahead: it has notes (--prune removes it)",
		"meeting: delegation added: Spain (ESP)",
		"meeting: dates: 28–29 October 2017 → 28–30 October 2017",
		"nothing written (--dry-run)",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if b, _ := os.ReadFile(meeting); string(b) != text {
		t.Errorf("--dry-run wrote meeting.toml")
	}
	code, out, _ = runCLI(t, "import", "agenda", file, "--bundle", dir)
	if code != 0 || !strings.Contains(out, "1 session added, 2 sessions changed, 0 sessions removed") {
		t.Errorf("the update: %d\n%s", code, out)
	}
	b, _ = os.ReadFile(meeting)
	for _, want := range []string{"# The organisers' copy.\n[meeting]\n", own, `end = "11:30"`, `title = "A night"`, `id = "new-one"`, `id = "event-103"`,
		"end = 2017-10-30\n", "[[delegation]]\ncode = \"ESP\"\nkind = \"member\"\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("meeting.toml after the update lacks %q:\n%s", want, b)
		}
	}
	if code, out, _ := runCLI(t, "check", dir); code != 0 || !strings.Contains(out, "valid: 5 sessions") {
		t.Errorf("check after the update: %s", out)
	}
	// --prune removes the session the source dropped, notes or not.
	code, out, _ = runCLI(t, "import", "agenda", file, "--bundle", dir, "--prune")
	if code != 0 || !strings.Contains(out, "removed: session 3 (event-103) Moving ahead") {
		t.Errorf("--prune: %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "import", "agenda", file, "--bundle", dir); code != 0 || !strings.Contains(out, "nothing to change") {
		t.Errorf("the same import again: %s", out)
	}
	// The pruned session's note went aside, named in the output; nothing
	// of it is lost.
	moved := filepath.Join(dir, "notes", "removed", "event-103-"+time.Now().Format("2006-01-02")+".md")
	if !strings.Contains(out, "moved:   the note of event-103 to "+moved) {
		t.Errorf("--prune does not say where the note went:\n%s", out)
	}
	if b, _ := os.ReadFile(moved); string(b) != "D: keep this\n" {
		t.Errorf("the pruned note aside: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes", "event-103.md")); err == nil {
		t.Error("the pruned session's note is still where a session reads it")
	}
	// The session comes back in the source: it starts with no note.
	write(t, file, string(src))
	if code, out, _ := runCLI(t, "import", "agenda", file, "--bundle", dir); code != 0 || !strings.Contains(out, "(event-103) Moving ahead") {
		t.Fatalf("the session back: %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "export", "report", dir); code != 0 || strings.Contains(out, "keep this") {
		t.Errorf("a session given the id again inherited the pruned note: %d\n%s", code, out)
	}
}

// TestExportSchedule: a timed meeting goes out as schedule.xml and comes
// back through init --from; an untimed one is refused.
func TestExportSchedule(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "rehearsal")
	if code, _, errOut := runCLI(t, "init", "--rehearsal", dir); code != 0 {
		t.Fatal(errOut)
	}
	for _, format := range []string{"schedule-xml", "schedule-json"} {
		file := filepath.Join(tmp, format)
		if code, _, errOut := runCLI(t, "export", format, dir, "-o", file); code != 0 {
			t.Fatalf("%s: %s", format, errOut)
		}
		if b, _ := os.ReadFile(file); strings.Contains(string(b), `<room name="">`) || strings.Contains(string(b), `"room": ""`) {
			t.Errorf("%s names a room with nothing", format)
		}
		back := filepath.Join(tmp, "back-"+format)
		code, out, errOut := runCLI(t, "init", back, "--from", file)
		if code != 0 || !strings.Contains(out, "a new meeting, 7 sessions on 2 days") {
			t.Fatalf("init --from %s: %d %s %s", format, code, out, errOut)
		}
		if code, out, _ := runCLI(t, "check", back); code != 0 {
			t.Errorf("check: %s", out)
		}
		if code, _, errOut := runCLI(t, "init", back, "--from", file); code == 0 || !strings.Contains(errOut, "exists; use --force") {
			t.Errorf("init --from over a bundle: %d %s", code, errOut)
		}
	}
	code, _, errOut := runCLI(t, "export", "schedule-xml")
	if code != 1 || !strings.Contains(errOut, "the meeting's sessions have no times: a schedule needs them") {
		t.Errorf("the embedded meeting: %d %s", code, errOut)
	}
}

// TestExportReportHTML: -o report.html writes the page (the format from the
// extension); --format html to standard output; an unknown format refused.
func TestExportReportHTML(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "summary.html")
	if code, _, errOut := runCLI(t, "export", "report", "-o", file); code != 0 {
		t.Fatal(errOut)
	}
	b, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), `<h1 id="3rd-oecd-expert-group-meeting-on-open-government-data">3rd OECD Expert Group Meeting on Open Government Data</h1>`) {
		t.Errorf("summary.html:\n%.300s", b)
	}
	if code, out, _ := runCLI(t, "export", "report", "--format", "html"); code != 0 || !strings.Contains(out, "prefers-color-scheme") {
		t.Errorf("--format html: %d", code)
	}
	// --charts: the ranking before the decisions, the presenters compared
	// in their session.
	code, out, errOut := runCLI(t, "export", "report", "--format", "html", "--charts")
	session1 := strings.Index(out, `<h3 id="session-1-where-do-we-stand-achievements-and-common-challenges">Session 1: `)
	afterHeading := out[session1+strings.Index(out[session1:], "</h3>"):]
	if code != 0 || strings.Count(out, "<svg") < 3 || session1 < 0 || !strings.HasPrefix(afterHeading, "</h3>\n<figure>\n<div class=\"chart\">\n<svg") ||
		strings.Index(out, "OECD OURdata Index 2017</text>") > strings.Index(out, `<h2 id="decisions-and-actions">Decisions and actions</h2>`) {
		t.Errorf("--charts: %d %s", code, errOut)
	}
	// Each chart says what it is and what it shows, in words.
	for _, want := range []string{`role="img"`, "<title>OECD OURdata Index 2017 · Composite · OECD average 0.538</title>",
		"<desc>Korea 0.943, France 0.848,", "</svg>\n</div>\n<figcaption>OECD OURdata Index 2017 · Composite"} {
		if !strings.Contains(out, want) {
			t.Errorf("--charts lacks %q", want)
		}
	}
	if code, _, errOut := runCLI(t, "export", "report", "--format", "docx"); code != 2 || !strings.Contains(errOut, `--format "docx": md, html or pdf`) {
		t.Errorf("--format docx: %d %s", code, errOut)
	}
}

// TestExportChart: SVG to standard output, PNG from -o's extension at
// twice the width, the country chart, and the mistakes a person makes.
func TestExportChart(t *testing.T) {
	tmp := t.TempDir()
	code, out, errOut := runCLI(t, "export", "chart", "ranking")
	if code != 0 || !strings.HasPrefix(out, "<svg") || !strings.Contains(out, "Korea") {
		t.Fatalf("ranking: %d %s", code, errOut)
	}
	file := filepath.Join(tmp, "compare.png")
	if code, _, errOut := runCLI(t, "export", "chart", "compare", "--countries", "kor,fra", "--width", "500", "-o", file); code != 0 {
		t.Fatal(errOut)
	}
	f, _ := os.Open(file)
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 1000 {
		t.Errorf("compare.png: %v %+v", err, cfg)
	}
	if code, out, _ := runCLI(t, "export", "chart", "country", "--countries", "KOR", "--measure", "availability"); code != 0 || !strings.Contains(out, "Korea — OECD OURdata Index") {
		t.Errorf("country: %d", code)
	}
	// --top: the first ten, and the subtitle says so.
	if code, out, _ := runCLI(t, "export", "chart", "ranking", "--top", "10"); code != 0 || !strings.Contains(out, "top 10 of 35") || strings.Contains(out, ">Japan *<") ||
		strings.Count(out, "</text>") > 60 || !strings.Contains(out, ">Korea<") || strings.Contains(out, ">Türkiye<") {
		t.Errorf("--top 10: %d", code)
	}
	// A presenting delegation without a score (Argentina in 2017): the
	// others are drawn, it is an empty row, and the note says so (exit 0).
	if code, out, errOut := runCLI(t, "export", "chart", "compare", "--countries", "KOR,FRA,ARG"); code != 0 || !strings.Contains(out, "no 2017 score") ||
		!strings.Contains(out, "Korea") || errOut != "note: no 2017 score for Argentina: drawn as an empty row, and said under the chart\n" {
		t.Errorf("compare with Argentina: %d %q", code, errOut)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		file := filepath.Join(tmp, "ranking.pdf")
		if code, _, errOut := runCLI(t, "export", "chart", "ranking", "-o", file); code != 0 {
			t.Fatal(errOut)
		}
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil || !strings.Contains(string(out), "OECD OURdata Index 2017") || !strings.Contains(string(out), "Türkiye") {
			t.Errorf("ranking.pdf as text: %v\n%s", err, out)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "--countries", "KOR"}, "compare needs --countries with two codes or more"},
		{[]string{"country"}, "country needs --countries with one code"},
		{[]string{"pie"}, `"pie": ranking, compare or country`},
		{[]string{"ranking", "--format", "gif"}, `--format "gif": svg, png or pdf`},
		{[]string{"ranking", "--edition", "1999"}, `--edition "1999": not an edition`},
		{[]string{"ranking", "--width", "50"}, "a width of 50 px: between 320 and 4000"},
	} {
		if code, _, errOut := runCLI(t, append([]string{"export", "chart"}, tt.args...)...); code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: %d %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestExportReportPDF: the PDF read back with pdftotext: the title, every
// session, accents, "Page n of N", the contents with page numbers, and a
// table of 150 actions running over pages with its header on each.
func TestExportReportPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (CI installs poppler-utils: .ci/run)")
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	var note strings.Builder
	note.WriteString("[09:40] Spain: Élodie Dupont and José Müller-Lüdenscheidt spoke.\n")
	for i := 1; i <= 150; i++ {
		fmt.Fprintf(&note, "A: Follow-up number %d @FRA due 2017-06-30\n", i)
	}
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.md"), note.String())
	file := filepath.Join(t.TempDir(), "summary.pdf")
	if code, _, errOut := runCLI(t, "export", "report", dir, "-o", file, "--paper", "letter"); code != 0 {
		t.Fatal(errOut)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pages := strings.Count(text, "\f")
	for _, want := range []string{"3rd OECD Expert Group Meeting on Open", "Contents", "Élodie Dupont and José Müller-Lüdenscheidt", "Follow-up number 150", fmt.Sprintf("Page %d of %d", pages, pages)} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, s := range []string{"Where do we stand?", "The OECD Open Government Data Report", "Moving ahead"} {
		if strings.Count(text, s) < 2 { // in the contents and in the text
			t.Errorf("session %q is not both in the contents and the text", s)
		}
	}
	// The contents: entries whole (wrapped, never cut with …) and links to
	// their headings.
	if first := strings.Split(text, "\f")[0]; !strings.Contains(first, "transformation of the public sector") {
		t.Errorf("a long contents entry is cut:\n%s", first)
	}
	if raw, _ := os.ReadFile(file); bytes.Count(raw, []byte("/Subtype /Link")) < 12 {
		t.Errorf("the contents are not links: %d", bytes.Count(raw, []byte("/Subtype /Link")))
	}
	// What the file says of itself.
	if info, err := exec.Command("pdfinfo", file).Output(); err == nil {
		for _, want := range []string{"Author:          OECD", "Subject:         Summary record: 3rd OECD Expert Group Meeting on Open Government Data, 18–19 May 2017", "Keywords:        egm-ogd-2017"} {
			if !strings.Contains(string(info), want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, info)
			}
		}
	}
	// The notes are a draft: every page says so.
	for i, p := range strings.Split(strings.TrimSuffix(text, "\f"), "\f") {
		if !strings.Contains(p, "DRAFT") {
			t.Errorf("page %d of the draft does not say DRAFT:\n%s", i+1, p)
		}
	}
	if code, page, errOut := runCLI(t, "export", "report", dir, "--format", "html"); code != 0 || !strings.Contains(page, "<title>DRAFT · 3rd OECD") {
		t.Errorf("the draft's HTML title: %d %s", code, errOut)
	}
	// The actions' table runs over pages: its header starts each of them.
	tablePages := 0
	for _, p := range strings.Split(text, "\f") {
		if strings.Contains(p, "Follow-up number") && strings.Contains(p, "Owner") && strings.Contains(p, "Session") {
			tablePages++
		}
	}
	if tablePages < 2 {
		t.Errorf("the table's header is on %d pages", tablePages)
	}
	// --charts: the ranking and the presenters' comparisons drawn in it,
	// text as text.
	charted := filepath.Join(t.TempDir(), "charts.pdf")
	if code, _, errOut := runCLI(t, "export", "report", dir, "--charts", "-o", charted); code != 0 {
		t.Fatal(errOut)
	}
	if out, err := exec.Command("pdftotext", charted, "-").Output(); err != nil || strings.Count(string(out), "OECD OURdata Index 2017") < 3 || !strings.Contains(string(out), "OECD average") {
		t.Errorf("--charts: %v", err)
	}
	if code, _, errOut := runCLI(t, "export", "report", dir, "--charts"); code != 2 || !strings.Contains(errOut, "--charts: in the html or pdf report") {
		t.Errorf("--charts in Markdown: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "export", "report", dir, "--format", "pdf", "--paper", "a3"); code != 2 || !strings.Contains(errOut, `--paper "a3": a4 or letter`) {
		t.Errorf("--paper a3: %d %s", code, errOut)
	}
}

// TestExportReportWarnsOfMissingGlyphs: a note line in a script no
// embedded face draws prints as □, and export report says which note line
// it is; Korean prints, unwarned.
func TestExportReportWarnsOfMissingGlyphs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := runCLI(t, "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	write(t, filepath.Join(dir, "notes", "where-do-we-stand.md"), "Korea: 공공데이터 포털\nThailand was named: ประเทศไทย\n")
	file := filepath.Join(t.TempDir(), "summary.pdf")
	code, _, errOut := runCLI(t, "export", "report", dir, "-o", file)
	want := `warning: notes/where-do-we-stand.md:2: no font draws "ประเทศไทย" (U+0E1B…) in "Thailand was named: ประเทศไทย": printed as □` + "\n"
	if code != 0 || errOut != want {
		t.Errorf("code %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
}
