package agenda_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

// fixtureTexts are rapporteur's notes for the report golden (illustrative).
var fixtureTexts = map[string]string{
	"where-do-we-stand": "Delegates compared the three pillars of the index.\n\n" +
		"D: Share national OGD strategies in the Expert Group's space\n" +
		"A: Circulate the country presentations @OECD due 2017-05-31\n" +
		"[11:05] Q: How should data quality be measured across countries?\n" +
		"Discussion continued on legal governance.",
	"ogd-measurement": "- A: Send comments on the preliminary results @KOR @FRA due 2017-06-15\n- D: Publish the final 2017 results in Government at a Glance",
}

// fixtureNotes are fixtureTexts as the note store gives them.
func fixtureNotes() map[string]agenda.Note {
	out := map[string]agenda.Note{}
	for id, text := range fixtureTexts {
		out[id] = agenda.Note{Text: text}
	}
	return out
}

func TestReportGolden(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	golden.RequireEqual(t, []byte(agenda.Report(m, fixtureNotes(), agenda.ReportOptions{})))
}

// TestReportFromTheFloor: with attendance the report opens with the
// participation sentence; the chair's marks give actual times; statements
// group by delegation on request; the Chatham House Rule drops the names.
func TestReportFromTheFloor(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	notes := map[string]agenda.Note{"where-do-we-stand": {Text: "[09:40] Spain: We publish by default.\n[09:44] Korea: D: Share the survey\nplain line\n[09:50] Spain: Quality first."}}
	opened := time.Date(2017, 5, 18, 9, 32, 0, 0, m.Location)
	present := map[string]bool{"FRA": true, "KOR": true, "ESP": true, "ARG": true, "COL": true, "ODC": true, "OECD": true}
	o := agenda.ReportOptions{Present: present, ByDelegation: true,
		Marks: map[string]agenda.Mark{"where-do-we-stand": {Opened: opened, Closed: opened.Add(93 * time.Minute)}}}
	r := agenda.Report(m, notes, o)
	for _, want := range []string{
		// The description's clause, counted from the attendance.
		"was held on 18 and 19 May 2017 with the participation of 3 OECD countries and delegates from Argentina and Colombia, and of the International Open Data Charter Secretariat. The meeting also",
		"## Participation\n\n- **Member countries (3):** France, Korea, Spain\n",
		"- **Invited, not present:** Canada, Germany, Mexico, Norway, Peru, Romania\n",
		"opened 09:32, closed 11:05",
		"- **Korea: Decision:** Share the survey", // the scribe's stamp stays in the note
		"**Spain:** We publish by default.",
		"#### Statements by delegation\n\n- **Spain:** We publish by default. · Quality first.\n- **Korea:** Decision: Share the survey\n",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("the report lacks %q:\n%s", want, r)
		}
	}
	o.NoAttribution = true
	r = agenda.Report(m, notes, o)
	if strings.Contains(r, "Spain") && strings.Contains(r, "We publish") && strings.Contains(r, "Spain:") || strings.Contains(r, "Statements by delegation") || !strings.Contains(r, "\nWe publish by default.") || strings.Contains(r, "[09:40]") {
		t.Errorf("the Chatham House Rule:\n%s", r)
	}
	// One figure per fact: one count of the countries, with attendance
	// and without.
	counts := regexp.MustCompile(`\d+ OECD countr|Member countries \(\d+\)`)
	if got := counts.FindAllString(r, -1); len(got) != 2 || got[0] != "3 OECD countr" || got[1] != "Member countries (3)" {
		t.Errorf("with attendance, the counts %q", got)
	}
	// Without attendance the meeting's own text stands, and the list is of
	// the delegations, uncounted.
	r = agenda.Report(m, notes, agenda.ReportOptions{})
	if got := counts.FindAllString(r, -1); len(got) != 1 || got[0] != "20 OECD countr" || strings.Contains(r, "The meeting was held with") ||
		strings.Contains(r, "## Participation") || !strings.Contains(r, "## Delegations\n\n- **Member countries:** Canada") {
		t.Errorf("without attendance, the counts %q:\n%s", got, r)
	}
}

// TestParticipationGolden: the report's participation section when every
// delegation of the embedded meeting was present (the golden), and without
// attendance (the meeting's own lists, in TestReportGolden).
func TestParticipationGolden(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	r := agenda.Report(m, nil, agenda.ReportOptions{Present: m.Codes()})
	_, part, _ := strings.Cut(r, "## Participation\n")
	part, _, _ = strings.Cut(part, "\n## ")
	golden.RequireEqual(t, []byte(part))
}

func icsMeeting(t *testing.T) *agenda.Meeting {
	src := `[meeting]
id = "egm-2030"
title = "Expert meeting, with; special \\ characters"
venue = "OECD Conference Centre"
city = "Paris, France"
start = 2030-03-30
end = 2030-03-31
timezone = "Europe/Paris"
url = "https://www.oecd.org/"

[[delegation]]
code = "KOR"
name = "대한민국"
kind = "member"

[[session]]
id = "opening"
number = 1
date = 2030-03-30
start = "09:30"
end = "10:45"
room = "Room 1"
title = "대한민국의 공공데이터 개방 정책과 성과에 관한 발표와 토론, 그리고 다음 단계"
presenters = ["KOR"]
summary = """
First line; with a semicolon, a comma and a \\ backslash.
Second **line**, see [the charter](https://opendatacharter.net/)."""
tags = ["ourdata", "opening"]

[[session]]
id = "untimed"
number = 2
date = 2030-03-31
title = "Untimed session"
`
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil {
		t.Fatal(probs)
	}
	return m
}

// readICS is a strict reader: CRLF only, lines of at most 75 octets, valid
// UTF-8 in every physical line, balanced BEGIN/END; it returns the unfolded
// content lines.
func readICS(t *testing.T, s string) []string {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the calendar does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for i, l := range phys {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, "BEGIN:"); ok {
			stack = append(stack, v)
		}
		if v, ok := strings.CutPrefix(l, "END:"); ok {
			if len(stack) == 0 || stack[len(stack)-1] != v {
				t.Fatalf("END:%s does not close %v", v, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %v", stack)
	}
	return lines
}

func unescape(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, `;`, `\,`, `,`, `\n`, "\n", `\N`, "\n").Replace(s)
}

func TestICS(t *testing.T) {
	m := icsMeeting(t)
	ss := []*agenda.Session{&m.Sessions[0], &m.Sessions[1]}
	stamp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	out := agenda.ICS(m, ss, stamp)
	lines := readICS(t, out)
	for _, l := range lines {
		if strings.HasPrefix(l, "DESCRIPTION:") && (strings.Contains(l, "**") || strings.Contains(l, "](")) {
			t.Errorf("Markdown in a calendar's description: %q", l)
		}
	}
	has := func(want string) {
		t.Helper()
		for _, l := range lines {
			if l == want {
				return
			}
		}
		t.Errorf("no line %q in:\n%s", want, strings.Join(lines, "\n"))
	}
	has("VERSION:2.0")
	has("BEGIN:VTIMEZONE")
	has("TZID:Europe/Paris")
	has("TZOFFSETTO:+0200") // summer time from 31 March 2030
	has("DTSTART:20300331T020000")
	has("UID:opening@egm-2030.plenary")
	has("DTSTAMP:20300102T030405Z")
	has("DTSTART;TZID=Europe/Paris:20300330T093000")
	has("DTEND;TZID=Europe/Paris:20300330T104500")
	has("DTSTART;VALUE=DATE:20300331")
	has("DTEND;VALUE=DATE:20300401")
	has("LOCATION:Room 1\\, OECD Conference Centre\\, Paris\\, France")
	has("CATEGORIES:ourdata,opening")
	has(`X-WR-CALNAME:Expert meeting\, with\; special \\ characters`)
	// Each event has the required properties, and not both DTEND and DURATION.
	events := strings.Split(strings.Join(lines, "\n"), "BEGIN:VEVENT")[1:]
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	for _, ev := range events {
		for _, p := range []string{"UID:", "DTSTAMP:", "DTSTART", "SUMMARY:"} {
			if !strings.Contains(ev, "\n"+p) {
				t.Errorf("event without %s:\n%s", p, ev)
			}
		}
		if strings.Contains(ev, "\nDURATION") && strings.Contains(ev, "\nDTEND") {
			t.Error("DTEND and DURATION together")
		}
	}
	for _, l := range lines {
		if v, ok := strings.CutPrefix(l, "SUMMARY:Session 1: "); ok && unescape(v) != m.Sessions[0].Title {
			t.Errorf("Korean title folded and unfolded to %q", unescape(v))
		}
		if v, ok := strings.CutPrefix(l, "DESCRIPTION:"); ok && strings.Contains(v, "semicolon") {
			want := "Presentations: 대한민국\n\nFirst line; with a semicolon, a comma and a \\ backslash.\nSecond line, see the charter (https://opendatacharter.net/)."
			if unescape(v) != want {
				t.Errorf("description %q, want %q", unescape(v), want)
			}
		}
	}
	// UIDs stay the same from one export to the next.
	again := agenda.ICS(m, ss, stamp.Add(time.Hour))
	for _, uid := range []string{"UID:opening@egm-2030.plenary", "UID:untimed@egm-2030.plenary"} {
		if !strings.Contains(again, uid) {
			t.Errorf("UID %s changed", uid)
		}
	}
}

func TestICSEmbeddedAllDay(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	var ss []*agenda.Session
	for i := range m.Sessions {
		ss = append(ss, &m.Sessions[i])
	}
	lines := readICS(t, agenda.ICS(m, ss, time.Now()))
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "DTSTART;VALUE=DATE:2017051") {
			n++
		}
		if l == "BEGIN:VTIMEZONE" {
			t.Error("a VTIMEZONE for a calendar without timed events")
		}
	}
	if n != 7 {
		t.Errorf("%d all-day events, want 7", n)
	}
}

func TestExportJSON(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	js, err := agenda.ExportJSON(m, fixtureNotes(), map[string]int{"x": 1})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Meeting  struct{ ID string }
		Sessions []struct {
			ID    string
			Items []struct {
				Kind   string
				Owners []string
				Due    string
			}
		}
		Scores map[string]int
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Meeting.ID != "egm-ogd-2017" || len(doc.Sessions) != 7 || doc.Scores["x"] != 1 {
		t.Fatalf("doc %+v", doc)
	}
	items := doc.Sessions[0].Items
	if len(items) != 3 || items[1].Kind != "action" || items[1].Owners[0] != "OECD" || items[1].Due != "2017-05-31" {
		t.Errorf("items %+v", items)
	}
}

// TestExportJSONChathamHouse: under the Chatham House Rule the JSON names
// no one for what was said, like the report: not in the notes, not in the
// items typed after a speaker.
func TestExportJSONChathamHouse(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	m.ChathamHouse = true
	notes := map[string]agenda.Note{"where-do-we-stand": {Text: "[11:03] Spain: we publish by default\nFrance: D: share the strategies\n"}}
	js, err := agenda.ExportJSON(m, notes, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Spain:", "France:"} {
		if strings.Contains(string(js), name) {
			t.Errorf("the JSON of a Chatham House meeting names %q:\n%s", name, js)
		}
	}
	if !strings.Contains(string(js), "we publish by default") || !strings.Contains(string(js), `"text": "share the strategies"`) {
		t.Errorf("what was said is gone too:\n%s", js)
	}
}

// TestByDelegationGroupsDelegations: statements by delegation list the
// meeting's delegations; the chair and other speakers come apart.
func TestByDelegationGroupsDelegations(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	m.Sessions[0].Speakers = []agenda.Speaker{{Name: "Ada Example", Role: "Head of Division (illustrative)"}}
	notes := map[string]agenda.Note{"where-do-we-stand": {Text: "Chair: opening remarks\nSpain: we publish by default\nDiscussion points: data quality\nKOR: the survey\n" +
		"OECD Secretariat: the index\nAda Example, Head of Division: the framework\n"}}
	r := agenda.Report(m, notes, agenda.ReportOptions{ByDelegation: true})
	want := "#### Statements by delegation\n\n- **Spain:** we publish by default\n- **KOR:** the survey\n\n" +
		"The chair and the secretariat:\n\n- **Chair:** opening remarks\n- **OECD Secretariat:** the index\n\n" +
		"Others:\n\n- **Ada Example, Head of Division:** the framework\n"
	if !strings.Contains(r, want) {
		t.Errorf("the statements by delegation:\n%s", r)
	}
	// "Discussion points" names no one: a line of the notes, not a speaker.
	if !strings.Contains(r, "\nDiscussion points: data quality\n") || strings.Contains(r, "**Discussion points:**") {
		t.Errorf("a heading before a colon was taken for a speaker:\n%s", r)
	}
}

// TestChathamKeepsStatementsWhole: under the Chatham House Rule a
// speaker's name goes with its role, and a line whose words before a colon
// name no one stays whole — never a fragment such as "Head of Division:
// the framework" or "data quality".
func TestChathamKeepsStatementsWhole(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	m.Sessions[0].Speakers = []agenda.Speaker{{Name: "Ada Example", Role: "Head of Division (illustrative)"}}
	m.ChathamHouse = true
	note := "[10:02] Ada Example, Head of Division: the framework\n[10:05] Discussion points: data quality\nSpain: we publish by default\nThe Open and Innovative Government Division: a note\n"
	r := agenda.Report(m, map[string]agenda.Note{"where-do-we-stand": {Text: note}}, agenda.ReportOptions{NoAttribution: true})
	for _, want := range []string{"\nthe framework\n", "\nDiscussion points: data quality\n", "\nwe publish by default\n", "\nThe Open and Innovative Government Division: a note"} {
		if !strings.Contains(r, want) {
			t.Errorf("the record lacks %q:\n%s", want, r)
		}
	}
	// (The programme's list of speakers stays: who spoke is public, not
	// who said what.)
	for _, leak := range []string{"Ada Example, Head", "Head of Division:", "Spain: we", "**Spain"} {
		if strings.Contains(r, leak) {
			t.Errorf("the record names %q under the Chatham House Rule:\n%s", leak, r)
		}
	}
}

// TestReportSaysWhatItIs: the title block names the kind of document,
// "Summary record" unless meeting.toml says otherwise.
func TestReportSaysWhatItIs(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	if r := agenda.Report(m, nil, agenda.ReportOptions{}); !strings.Contains(r, "\n\n**Summary record** · 18–19 May 2017 · ") {
		t.Errorf("the title block:\n%.300s", r)
	}
	m.Record = "Chair's summary"
	if r := agenda.Report(m, nil, agenda.ReportOptions{}); !strings.Contains(r, "**Chair's summary** · 18–19 May 2017") {
		t.Errorf("record = %q: %.300s", m.Record, r)
	}
}
