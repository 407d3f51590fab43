package agenda_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line string
		want string // kind|text|owners|due, or "plain"
	}{
		{"D: Adopt the OURdata 2017 methodology", "decision|Adopt the OURdata 2017 methodology||"},
		{"A: Send country feedback @DEU due 2017-06-30", "action|Send country feedback @DEU|DEU|2017-06-30"},
		{"A: Draft the legal instrument @oecd @FRA", "action|Draft the legal instrument @oecd @FRA|OECD FRA|"},
		{"a: lower-case marker @KOR due 2017-07-01", "action|lower-case marker @KOR|KOR|2017-07-01"},
		{"Q: Should the Expert Group become an OECD body?", "question|Should the Expert Group become an OECD body?||"},
		{"- D: in a list", "decision|in a list||"},
		{"  * A: indented list item @ESP", "action|indented list item @ESP|ESP|"},
		{"A: due date that is not one @DEU due 2017-13-45", "action|due date that is not one @DEU|DEU|due 2017-13-45 (not a date)"},
		{"A: written the other way due 30/06/2017", "action|written the other way||due 30/06/2017 (not a date)"},
		{"A: [x] Circulate the summary @OECD", "action|Circulate the summary @OECD|OECD|done"},
		{"A: [ ] Still open", "action|Still open||"},
		{"A: Send feedback due 2017-06-30 done 2017-06-12", "action|Send feedback||due 2017-06-30, done 2017-06-12"},
		{"A: Send feedback done 2017-06-12 due 2017-06-30", "action|Send feedback||due 2017-06-30, done 2017-06-12"},
		{"A: done 2017-06-12", "action|done 2017-06-12||"},
		{"D: [x] a box is an action's", "decision|[x] a box is an action's||"},
		{"A: due in words due tomorrow", "action|due in words due tomorrow||"},
		{"[10:30] Q: next steps?", "question|next steps?||"},
		{"- [9:05] D: stamped in a list", "decision|stamped in a list||"},
		{"D:", "plain"},
		{"D:    ", "plain"},
		{"D:no space", "plain"},
		{"Decision: spelled out", "plain"},
		{"email me@example.org", "plain"},
		{"", "plain"},
	}
	for _, tt := range tests {
		it, ok := agenda.ParseLine(tt.line)
		got := "plain"
		if ok {
			due := it.When()
			if !it.Due.IsZero() && it.DoneText() == "" {
				due = it.Due.String()
			}
			got = fmt.Sprintf("%s|%s|%s|%s", it.Kind, it.Text, strings.Join(it.Owners, " "), due)
		}
		if got != tt.want {
			t.Errorf("ParseLine(%q) = %s, want %s", tt.line, got, tt.want)
		}
	}
}

func TestParseItemsAndPlainNote(t *testing.T) {
	note := "Discussion\n\nD: Adopt X\nsome text\nA: Follow up @DEU due 2017-06-30\n"
	items := agenda.ParseItems(note)
	if len(items) != 2 || items[0].Line != 3 || items[1].Line != 5 {
		t.Fatalf("items %+v", items)
	}
	want := "Discussion\n\n- **Decision:** Adopt X\n\nsome text\n- **Action:** Follow up @DEU (due 2017-06-30)\n"
	if got := agenda.PlainNote(note); got != want {
		t.Errorf("PlainNote =\n%q\nwant\n%q", got, want)
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"D: x", "A: y @DEU due 2017-06-30", "Q: z?", "- a: w @oecd", "A: due 2017-02-30", "plain",
		"D: \u00a0", "A: \v", "Q: \u3000 ", "A: x due 2017-06-30", "D:  due 2017-06-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		it, ok := agenda.ParseLine(line)
		if !ok {
			return
		}
		if strings.TrimSpace(it.Text) == "" {
			t.Fatalf("an item without text from %q", line)
		}
		if strings.Contains(it.Text, "\n") && !strings.Contains(line, "\n") {
			t.Fatalf("text gained a newline: %q", it.Text)
		}
		for _, o := range it.Owners {
			if !strings.Contains(strings.ToUpper(line), "@"+o) {
				t.Fatalf("owner %q not in %q", o, line)
			}
		}
	})
}

// TestSpeakerPrefix: "[10:32] Spain: D: …" is Spain's decision; a colon in
// an item's text is not a speaker.
func TestSpeakerPrefix(t *testing.T) {
	it, ok := agenda.ParseLine("[10:32] Spain: D: Publish the 2017 results")
	if !ok || it.Kind != agenda.Decision || it.Speaker != "Spain" || it.Stamp != "[10:32]" || it.Text != "Publish the 2017 results" {
		t.Errorf("%+v %v", it, ok)
	}
	it, ok = agenda.ParseLine("A: Circulate: the slides @OECD")
	if !ok || it.Kind != agenda.Action || it.Speaker != "" || it.Text != "Circulate: the slides @OECD" {
		t.Errorf("%+v %v", it, ok)
	}
	if _, ok := agenda.ParseLine("[10:33] Korea: we publish everything"); ok {
		t.Error("a plain statement became an item")
	}
}

// Front matter and confidential lines are the rapporteurs': no item, no
// statement and no published line comes from them, and line numbers stay
// those of the file.
func TestFrontMatterAndConfidential(t *testing.T) {
	note := "+++\nstatus = \"approved\"\n+++\nD: Adopt X\n// Spain: D: we may block this\n  // A: lobby @FRA\nSpain: supports\n"
	items := agenda.ParseItems(note)
	if len(items) != 1 || items[0].Line != 4 || items[0].Text != "Adopt X" {
		t.Fatalf("items %+v", items)
	}
	if ss := testMeeting(t).Statements(note); len(ss) != 1 || ss[0].Line != 7 {
		t.Errorf("statements %+v", ss)
	}
	pub := agenda.Published(note)
	if strings.Contains(pub, "block") || strings.Contains(pub, "lobby") || strings.Contains(pub, "status") {
		t.Errorf("published %q", pub)
	}
	if p := agenda.PlainNote(note); strings.Contains(p, "block") || strings.Contains(p, "+++") {
		t.Errorf("plain %q", p)
	}
	if n := agenda.Confidential(note); n != 2 {
		t.Errorf("%d confidential lines, want 2", n)
	}
	if s := agenda.Status(note); s != agenda.Approved {
		t.Errorf("status %q", s)
	}
	draft := agenda.WithStatus(note, agenda.Draft)
	if draft != "D: Adopt X\n// Spain: D: we may block this\n  // A: lobby @FRA\nSpain: supports\n" || agenda.Status(draft) != agenda.Draft {
		t.Errorf("draft %q", draft)
	}
	if again := agenda.WithStatus(draft, agenda.Approved); again != note {
		t.Errorf("approved again %q", again)
	}
	// Another key in the front matter stays when the status goes.
	other := "+++\nstatus = \"approved\"\nby = \"Ana\"\n+++\ntext"
	if got := agenda.WithStatus(other, agenda.Draft); got != "+++\nby = \"Ana\"\n+++\ntext" {
		t.Errorf("draft of %q = %q", other, got)
	}
	// A "+++" never closed is text, and the note a draft.
	if open := "+++\nstatus = \"approved\"\nD: X"; agenda.Status(open) != agenda.Draft || len(agenda.ParseItems(open)) != 1 {
		t.Errorf("unclosed front matter read as front matter")
	}
}

// TestCheckNote: what a rapporteur mistyped is found at its line and
// column; the report and the JSON export show what was written, never
// confidential lines; --final names the drafts.
func TestCheckNote(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	note := strings.Join([]string{
		"+++",
		`status = "final"`,
		"+++",
		"A: Send feedback @XYZ @FRA due 2017-13-45",
		"A: [x] Circulate the summary @OECD due 2071-05-18",
		"A: Publish the methodology done 2017-06-31",
		"// A: lobby @ZZZ due 1999-99-99",
		"D: Adopt X",
	}, "\n")
	var got []string
	for _, p := range agenda.CheckNote(m, "notes/s.md", note) {
		if !p.Warning {
			t.Errorf("%s is not a warning", p)
		}
		got = append(got, p.String())
	}
	want := []string{
		`notes/s.md:2:1: warning: front matter: status must be "draft" or "approved"`,
		"notes/s.md:4:18: warning: @XYZ is not a delegation of this meeting",
		"notes/s.md:4:32: warning: due 2017-13-45 is not a date: write YYYY-MM-DD",
		"notes/s.md:5:40: warning: due 2071-05-18 is far from the meeting (18–19 May 2017): is the year right?",
		"notes/s.md:6:33: warning: done 2017-06-31 is not a date: write YYYY-MM-DD",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CheckNote:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	notes := map[string]agenda.Note{m.Sessions[0].ID: {Text: note}, m.Sessions[1].ID: {Text: "+++\nstatus = \"approved\"\n+++\nD: Y"}, m.Sessions[2].ID: {Text: "// only confidential"}}
	r := agenda.Report(m, notes, agenda.ReportOptions{})
	for _, want := range []string{
		"| Send feedback @XYZ | XYZ, France | 2017-13-45 (not a date) | open | 1 (draft) |",
		"| Circulate the summary | OECD Secretariat | 18 May 2071 | done | 1 (draft) |",
		"| Publish the methodology | – | – | done 2017-06-31 (not a date) | 1 (draft) |",
		"*Draft: not yet approved.*",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("the report lacks %q:\n%s", want, r)
		}
	}
	if strings.Contains(r, "lobby") || strings.Contains(r, "ZZZ") || strings.Count(r, "Draft: not yet") != 1 {
		t.Errorf("the report shows a confidential line or a wrong draft mark:\n%s", r)
	}
	j, err := agenda.ExportJSON(m, notes, nil)
	if err != nil || strings.Contains(string(j), "lobby") || !strings.Contains(string(j), `"status": "approved"`) {
		t.Errorf("JSON export (%v):\n%s", err, j)
	}
	drafts := agenda.Drafts(m, notes)
	if len(drafts) != 1 || drafts[0].ID != m.Sessions[0].ID {
		t.Errorf("drafts %v", drafts)
	}
}

// confidentialNote holds a confidential line behind every prefix the rule
// names, each with a hush of its own, and lines with // that are text.
const confidentialNote = `D: Adopt the plan
// hush0 alone
  // hush1 indented
- // hush2 after a bullet
* // hush3 after a star
+ // hush4 after a plus
1. // hush5 in a numbered list
2) // hush6 in a numbered list
[11:02] // hush7 behind a stamp
[11:03] Spain: // hush8 behind a stamp and a speaker
Spain: // hush9 behind a speaker
- [11:04] Korea: // D: hush10 a decision kept in
- [11:05] // A: hush11 an action kept in @FRA
See https://data.gov.fr/ for the portal
Mexico: and/or // a published aside
`

// TestConfidentialEverywhere: one rule decides, and no output of a note
// holds a confidential line, whatever prefix it has; a // inside text is
// text.
func TestConfidentialEverywhere(t *testing.T) {
	for i, l := range strings.Split(strings.TrimSpace(confidentialNote), "\n") {
		want := strings.Contains(l, "hush")
		if got := agenda.IsConfidential(l); got != want {
			t.Errorf("line %d %q: confidential %v, want %v", i+1, l, got, want)
		}
	}
	if n := agenda.Confidential(confidentialNote); n != 12 {
		t.Errorf("%d confidential lines, want 12", n)
	}
	m := testMeeting(t)
	notes := map[string]agenda.Note{m.Sessions[0].ID: {Text: confidentialNote}}
	js, err := agenda.ExportJSON(m, notes, nil)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, s := range testMeeting(t).Statements(confidentialNote) {
		said = append(said, s.Speaker+": "+s.Text)
	}
	var items []string
	for _, it := range agenda.ParseItems(confidentialNote) {
		items = append(items, it.Text)
	}
	outputs := map[string]string{
		"published":    agenda.Published(confidentialNote),
		"plain":        agenda.PlainNote(confidentialNote),
		"unattributed": m.Unattributed(agenda.Published(confidentialNote)),
		"statements":   strings.Join(said, "\n"),
		"items":        strings.Join(items, "\n"),
		"report":       agenda.Report(m, notes, agenda.ReportOptions{}),
		"by speaker":   agenda.Report(m, notes, agenda.ReportOptions{ByDelegation: true}),
		"chatham":      agenda.Report(m, notes, agenda.ReportOptions{NoAttribution: true}),
		"json":         string(js),
	}
	for name, out := range outputs {
		if strings.Contains(out, "hush") {
			t.Errorf("%s holds a confidential line:\n%s", name, out)
		}
	}
	for _, name := range []string{"published", "report", "json"} {
		if !strings.Contains(outputs[name], "data.gov.fr") || !strings.Contains(outputs[name], "published aside") {
			t.Errorf("%s lost text with // in it:\n%s", name, outputs[name])
		}
	}
	if len(items) != 1 || items[0] != "Adopt the plan" {
		t.Errorf("typed lines: %q", items)
	}
}

// TestCheckSaysWhatTheRuleChanged: plenary check names the lines the wider
// rule now keeps in, and a // after text that is published.
func TestCheckSaysWhatTheRuleChanged(t *testing.T) {
	probs := agenda.CheckNote(testMeeting(t), "notes/s.md", confidentialNote)
	var got []string
	for _, p := range probs {
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Col, p.Msg))
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"4:3 confidential (// after a list marker, time stamp or speaker): no longer published",
		"10:16 confidential",
		"15:16 // after other text is published",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check does not say %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "2:") && strings.Contains(all, "\n2:1 ") || strings.Contains(all, "14:") {
		t.Errorf("check warns about a line the rule did not change, or a URL:\n%s", all)
	}
}

func testMeeting(t *testing.T) *agenda.Meeting {
	t.Helper()
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	return m
}

// TestChathamHouseInJSON: under the Chatham House Rule the JSON export
// names no one for what was said, exactly as the report: the same lines
// lose the same names.
func TestChathamHouseInJSON(t *testing.T) {
	m := testMeeting(t)
	m.ChathamHouse = true
	note := "[10:32] Spain: we publish by default\n- [10:40] Korea: D: Share the survey\n1. Mexico: quality first\nplain text\n"
	notes := map[string]agenda.Note{m.Sessions[0].ID: {Text: note}}
	js, err := agenda.ExportJSON(m, notes, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Sessions []struct{ Notes string }
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	got := out.Sessions[0].Notes
	report := agenda.Report(m, notes, agenda.ReportOptions{})
	for _, name := range []string{"Spain:", "Korea:", "Mexico:"} {
		if strings.Contains(got, name) || strings.Contains(report, name) {
			t.Errorf("%s named under the rule:\njson: %s\nreport: %s", name, got, report)
		}
	}
	for _, said := range []string{"we publish by default", "Share the survey", "quality first"} {
		if !strings.Contains(got, said) || !strings.Contains(report, said) {
			t.Errorf("%q lost", said)
		}
	}
}
