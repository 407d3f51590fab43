package agenda_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/agendatest"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

func TestLoadEmbedded(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil || len(probs) != 0 {
		t.Fatalf("embedded bundle: %v", probs)
	}
	if m.Title != "3rd OECD Expert Group Meeting on Open Government Data" || m.Venue != "OECD Château de la Muette" {
		t.Errorf("meeting = %q at %q", m.Title, m.Venue)
	}
	if len(m.Sessions) != 7 {
		t.Fatalf("sessions = %d, want 7", len(m.Sessions))
	}
	days := m.Days()
	if len(days) != 2 || days[0].String() != "2017-05-18" || days[1].String() != "2017-05-19" {
		t.Errorf("days = %v", days)
	}
	for i, s := range m.Sessions {
		if s.Number != i+1 {
			t.Errorf("session %d has number %d", i, s.Number)
		}
		if s.Timed() {
			t.Errorf("session %d has a time; none were published", s.Number)
		}
		wantDay := days[0]
		if s.Number >= 5 {
			wantDay = days[1]
		}
		if s.Date != wantDay {
			t.Errorf("session %d on %s, want %s", s.Number, s.Date, wantDay)
		}
	}
	presenters := map[int]string{1: "ARG FRA DEU MEX NOR KOR ESP", 2: "OECD", 3: "", 4: "CAN FRA MEX ODC", 5: "OECD", 6: "ARG COL ODC", 7: ""}
	for _, s := range m.Sessions {
		if got := strings.Join(s.Presenters, " "); got != presenters[s.Number] {
			t.Errorf("session %d presenters = %q, want %q", s.Number, got, presenters[s.Number])
		}
	}
	if d, _ := m.Delegation("KOR"); d.Name != "Korea" || d.Kind != agenda.Member {
		t.Errorf("KOR = %+v", d)
	}
	if d, _ := m.Delegation("COL"); d.Kind != agenda.Partner {
		t.Errorf("Colombia joined the OECD in 2020; in 2017 it was a partner, got %s", d.Kind)
	}
	if m.Location.String() != "Europe/Paris" {
		t.Errorf("location = %s", m.Location)
	}
}

const base = `[meeting]
id = "m"
title = "Meeting"
start = 2030-01-10
end = 2030-01-11
timezone = "Europe/Paris"

[[delegation]]
code = "FRA"
kind = "member"

[[delegation]]
code = "odc"
name = "Open Data Charter"
kind = "organisation"
`

func session(extra string) string {
	return "\n[[session]]\nid = \"a\"\nnumber = 1\ndate = 2030-01-10\ntitle = \"A\"\n" + extra
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"syntax error", "[meeting\nid = 1\n", []string{
			"meeting.toml:1:9: expected '.' or ']' to end table name, but got '\\n' instead"}},
		{"unknown key", strings.Replace(base, `title = "Meeting"`, "title = \"Meeting\"\ncolour = \"red\"", 1), []string{
			"meeting.toml:4:1: meeting.colour: unknown key (allowed: id, title, organiser, venue, city, start, end, timezone, url, description, speaking_limit, chatham_house, record)"}},
		{"unknown table", base + "\n[scores]\nx = 1\n", []string{
			"meeting.toml:17:1: scores: unknown table or key (allowed: meeting, delegation, room, session)"}},
		{"speaking limit", base + session("speaking_limit = \"soon\"\n"), []string{
			"meeting.toml:22:18: session[1].speaking_limit: \"soon\" is not a limit per turn (like \"3m\" or \"90s\", at most \"1h\")"}},
		{"wrong type", base + session("chair = 3\n"), []string{
			"meeting.toml:22:9: session[1].chair: must be a string, not an integer"}},
		{"missing meeting", "[[session]]\nid = \"a\"\n", []string{
			"meeting.toml:1:1: meeting: missing [meeting] table",
			"meeting.toml:1:1: session[1].number: missing (required)",
			"meeting.toml:1:1: session[1].date: missing (required)",
			"meeting.toml:1:1: session[1].title: missing (required)"}},
		{"bad date", strings.Replace(base, "end = 2030-01-11", `end = "2030-02-30"`, 1), []string{
			`meeting.toml:5:7: meeting.end: "2030-02-30" is not a date (want YYYY-MM-DD)`}},
		{"end before start", strings.Replace(base, "end = 2030-01-11", "end = 2030-01-09", 1), []string{
			"meeting.toml:5:7: meeting.end: 2030-01-09 is before the start, 2030-01-10"}},
		{"bad time zone", strings.Replace(base, "Europe/Paris", "Europe/Atlantis", 1), []string{
			`meeting.toml:6:12: meeting.timezone: "Europe/Atlantis" is not an IANA time zone (e.g. "Europe/Paris")`}},
		{"bad slug", strings.Replace(base, `id = "m"`, `id = "My Meeting"`, 1), []string{
			`meeting.toml:2:6: meeting.id: "My Meeting" is not a slug (lower-case letters, digits and single hyphens)`}},
		{"url warning", strings.Replace(base, `title = "Meeting"`, "title = \"Meeting\"\nurl = \"ftp://x\"", 1), []string{
			`meeting.toml:4:7: warning: meeting.url: "ftp://x" is not an http(s) address`}},
		{"unknown country", base + "\n[[delegation]]\ncode = \"XYZ\"\nkind = \"member\"\n", []string{
			`meeting.toml:18:8: delegation[3].code: "XYZ" is not an ISO 3166-1 alpha-3 country code`}},
		{"organisation without name", base + "\n[[delegation]]\ncode = \"wb\"\nkind = \"organisation\"\n", []string{
			`meeting.toml:17:1: delegation[3].name: missing (required when code is not a country)`}},
		{"bad kind", base + "\n[[delegation]]\ncode = \"DEU\"\nkind = \"nation\"\n", []string{
			`meeting.toml:19:8: delegation[3].kind: "nation" is not a kind (member, partner, organisation, secretariat)`}},
		{"duplicate delegation", base + "\n[[delegation]]\ncode = \"FRA\"\nkind = \"member\"\n", []string{
			`meeting.toml:18:8: delegation[3].code: duplicate code "FRA" (first used in delegation[1])`}},
		{"duplicate session id and number", base + session("") + session(""), []string{
			`meeting.toml:24:6: session[2].id: duplicate id "a" (first used in session[1])`,
			`meeting.toml:25:10: session[2].number: duplicate number 1 (first used in session[1])`}},
		{"codes that differ in case", base + "\n[[delegation]]\ncode = \"ODC\"\nname = \"Charter\"\nkind = \"organisation\"\n", []string{
			`meeting.toml:18:8: delegation[3].code: duplicate code "ODC" (first used in delegation[2])`}},
		{"speakers", base + session(`speakers = [{ name = "Rolf Alter", role = "Director", delegation = "XYZ" }, { role = "x" }, { name = 3 }, { name = "A", twitter = "@a" }, "Bo"]`+"\n"), []string{
			`meeting.toml:22:1: session[1].speakers: each speaker must be a table ({ name = "…" }), not a string`}},
		{"speakers' problems", base + session(`speakers = [{ name = "Rolf Alter", role = "Director", delegation = "XYZ" }, { role = "x" }, { name = 3 }, { name = "A", twitter = "@a" }]`+"\n"), []string{
			`meeting.toml:22:1: session[1].speakers: speaker 1: "XYZ" is not a delegation code`,
			`meeting.toml:22:1: session[1].speakers: speaker 2: the name is missing`,
			`meeting.toml:22:1: session[1].speakers: speaker 3: name must be a string, not an integer`,
			`meeting.toml:22:1: session[1].speakers: speaker 4: unknown key "twitter" (allowed: name, role, delegation, id)`}},
		{"presenter twice", base + session(`presenters = ["FRA", "odc", "FRA"]`+"\n"), []string{
			`meeting.toml:22:29: session[1].presenters: "FRA" is listed twice`}},
		{"tag twice", base + session(`tags = ["data", "Data"]`+"\n"), []string{
			`meeting.toml:22:17: session[1].tags: "Data" is listed twice`}},
		{"rooms that differ in case", base + session("start = \"09:00\"\nend = \"10:00\"\nroom = \"R1\"\n") +
			strings.NewReplacer(`id = "a"`, `id = "b"`, "number = 1", "number = 2").Replace(session("start = \"09:30\"\nend = \"10:30\"\nroom = \"r1\"\n")), []string{
			`meeting.toml:31:9: warning: session[2].start: overlaps session[1] (a, 09:00–10:00) in r1`}},
		{"a byte-order mark", "\ufeff" + strings.Replace(base, `id = "m"`, `id = "M M"`, 1), []string{
			`meeting.toml:2:6: meeting.id: "M M" is not a slug (lower-case letters, digits and single hyphens)`}},
		{"presenter not a delegation", base + session(`presenters = ["FRA", "DEU"]`+"\n"), []string{
			`meeting.toml:22:22: session[1].presenters: "DEU" is not a delegation code`}},
		{"outside the meeting", base + strings.Replace(session(""), "2030-01-10", "2030-01-12", 1), []string{
			`meeting.toml:20:8: session[1].date: 2030-01-12 is outside the meeting (2030-01-10 to 2030-01-11)`}},
		{"bad time", base + session(`start = "9h30"`+"\n"), []string{
			`meeting.toml:22:9: session[1].start: "9h30" is not a time of day (want HH:MM, 24-hour)`}},
		{"end before start time", base + session("start = \"10:00\"\nend = \"09:00\"\n"), []string{
			`meeting.toml:23:7: session[1].end: 09:00 is not after the start, 10:00 (an end after midnight is "HH:MM next day")`}},
		{"start next day", base + session("start = \"01:00 next day\"\n"), []string{
			`meeting.toml:22:9: session[1].start: a session starts on its date: "01:00 next day" is for an end after midnight`}},
		{"more than a day", base + session("start = \"09:00\"\nend = \"10:00 next day\"\n"), []string{
			`meeting.toml:23:7: session[1].end: 10:00 next day is more than a day after the start, 09:00`}},
		{"end without start", base + session("end = \"09:00\"\n"), []string{
			`meeting.toml:22:7: session[1].end: an end needs a start`}},
		{"overlap in one room", base + session("start = \"09:00\"\nend = \"10:00\"\n") +
			strings.NewReplacer(`"a"`, `"b"`, "number = 1", "number = 2").Replace(session("start = \"09:30\"\nend = \"11:00\"\n")), []string{
			`meeting.toml:30:9: warning: session[2].start: overlaps session[1] (a, 09:00–10:00) in the plenary room`}},
		{"no overlap in two rooms", base + session("start = \"09:00\"\nend = \"10:00\"\nroom = \"A\"\n") +
			strings.NewReplacer(`"a"`, `"b"`, "number = 1", "number = 2").Replace(session("start = \"09:30\"\nend = \"11:00\"\nroom = \"B\"\n")), nil},
		{"too deep", base + "x = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", []string{
			"meeting.toml:16:37: nested more than 32 levels deep"}},
		{"all problems of a run", strings.Replace(base, `id = "m"`, `id = "M M"`, 1) + session(`presenters = ["XX1"]`+"\nchair = 1\n"), []string{
			`meeting.toml:2:6: meeting.id: "M M" is not a slug (lower-case letters, digits and single hyphens)`,
			`meeting.toml:22:15: session[1].presenters: "XX1" is not a delegation code`,
			`meeting.toml:23:9: session[1].chair: must be a string, not an integer`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := agenda.Parse("meeting.toml", tt.src)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	src := base + session("start = \"09:00\"\nend = \"10:30\"\nroom = \"Room 1\"\npresenters = [\"FRA\", \"odc\"]\ntags = [\"x\"]\nchair = \"Chair\"\n"+
		"source_id = \"4f1e-guid\"\nspeakers = [{ name = \"Rolf Alter\", role = \"Director of Public Governance, OECD\" }, { name = \"Ana Ruiz\", delegation = \"FRA\" }]\n")
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil || len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s := m.Sessions[0]
	if s.Start.String() != "09:00" || s.End.String() != "10:30" || s.Room != "Room 1" || s.Chair != "Chair" || s.SourceID != "4f1e-guid" {
		t.Errorf("session = %+v", s)
	}
	if got := strings.Join(s.SpeakerNames(), "; "); got != "Rolf Alter (Director of Public Governance, OECD); Ana Ruiz" || s.Speakers[1].Delegation != "FRA" {
		t.Errorf("speakers = %q %+v", got, s.Speakers)
	}
	if d, ok := m.Delegation("FRA"); !ok || d.Name != "France" {
		t.Errorf("FRA name defaults from the country table: %+v", d)
	}
}

// TestPastMidnight: a session that ends after midnight says so, and its
// end is on the next day, across a change of time (Paris, 29 October 2017).
func TestPastMidnight(t *testing.T) {
	src := strings.Replace(strings.Replace(base, "2030-01-10", "2017-10-28", 1), "2030-01-11", "2017-10-29", 1)
	src = strings.Replace(src, "date = 2030-01-10", "date = 2017-10-28", -1)
	m, probs := agenda.Parse("meeting.toml", src+strings.Replace(session("start = \"23:00\"\nend = \"04:00 next day\"\n"), "2030-01-10", "2017-10-28", 1))
	if m == nil || len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	s := &m.Sessions[0]
	if s.TimeRange() != "23:00–04:00 next day" {
		t.Errorf("time range %q", s.TimeRange())
	}
	end, _ := s.EndAt(m.Location)
	start := s.Date.At(s.Start, m.Location)
	if end.Format(time.RFC3339) != "2017-10-29T04:00:00+01:00" || end.Sub(start) != 6*time.Hour {
		t.Errorf("ends %s, %v after its start (the clocks went back an hour)", end.Format(time.RFC3339), end.Sub(start))
	}
	back, _ := agenda.Parse("meeting.toml", agenda.Encode(m, ""))
	if back == nil || back.Sessions[0].End != s.End {
		t.Errorf("the end after midnight did not survive Encode")
	}
}

func TestTOMLLocalTimes(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", base+session("start = 09:00:00\nend = 10:15:00\n"))
	if m == nil {
		t.Fatal(probs)
	}
	if got := m.Sessions[0].Start.String() + "-" + m.Sessions[0].End.String(); got != "09:00-10:15" {
		t.Errorf("times = %s", got)
	}
}

func TestSanitisedOnLoad(t *testing.T) {
	src := base + "\n[[session]]\nid = \"a\"\nnumber = 1\ndate = 2030-01-10\n" +
		`title = "Evil \u001b[2J\u001b]0;X\u0007title\r\u009b31m here"` + "\n" +
		`summary = "line one\nline two \u001b[31mred\u001b[0m"` + "\n"
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil {
		t.Fatal(probs)
	}
	s := m.Sessions[0]
	if s.Title != "Evil title here" {
		t.Errorf("title = %q", s.Title)
	}
	if s.Summary != "line one\nline two red" {
		t.Errorf("summary = %q", s.Summary)
	}
}

// TestMeetingClock: before the meeting, the morning of a day, a session
// on, a break, a session without an end, the evening, the end. The clock
// never says a session runs over: the plan alone cannot know.
func TestMeetingClock(t *testing.T) {
	sess := func(id string, n int, date, times string) string {
		return fmt.Sprintf("\n[[session]]\nid = %q\nnumber = %d\ndate = %s\ntitle = \"S\"\n%s", id, n, date, times)
	}
	src := base + sess("a", 1, "2030-01-10", "start = \"09:00\"\nend = \"10:00\"\n") +
		sess("b", 2, "2030-01-10", "start = \"10:30\"\nend = \"12:00\"\n") +
		sess("c", 3, "2030-01-10", "start = \"14:00\"\n") + // no end: until the day ends
		sess("u", 4, "2030-01-10", "") + // untimed: never on
		sess("d", 5, "2030-01-11", "start = \"09:30\"\nend = \"11:00\"\n")
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil {
		t.Fatal(probs)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, m.Location)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	num := func(i int) int {
		if i < 0 {
			return 0
		}
		return m.Sessions[i].Number
	}
	for _, tt := range []struct {
		at            string
		phase         agenda.Phase
		session, next int // session numbers, 0 for none
		elapsed, plan time.Duration
		day           int
		begun         bool
	}{
		{"2030-01-08 12:00", agenda.Before, 0, 1, 0, 0, 1, false},
		{"2030-01-10 08:59", agenda.Before, 0, 1, 0, 0, 1, false},
		{"2030-01-10 09:00", agenda.Running, 1, 2, 0, time.Hour, 0, true},
		{"2030-01-10 09:20", agenda.Running, 1, 2, 20 * time.Minute, time.Hour, 0, true},
		{"2030-01-10 10:07", agenda.Break, 0, 2, 0, 0, 0, true}, // never "7 min over"
		{"2030-01-10 10:30", agenda.Running, 2, 3, 0, 90 * time.Minute, 0, true},
		{"2030-01-10 13:20", agenda.Break, 0, 3, 0, 0, 0, true},
		{"2030-01-10 18:00", agenda.Running, 3, 5, 4 * time.Hour, 0, 0, true},
		{"2030-01-11 07:00", agenda.Before, 0, 5, 0, 0, 2, true},
		{"2030-01-11 10:00", agenda.Running, 5, 0, 30 * time.Minute, 90 * time.Minute, 0, true},
		{"2030-01-11 12:00", agenda.Ended, 0, 0, 0, 0, 0, true},
	} {
		c := m.At(at(tt.at))
		if c.Phase != tt.phase || num(c.Session) != tt.session || num(c.Next) != tt.next ||
			c.Elapsed != tt.elapsed || c.Planned != tt.plan || c.Day != tt.day || c.Begun != tt.begun {
			t.Errorf("at %s: %+v", tt.at, c)
		}
	}
	// With the chair's marks: a session still open past its planned end
	// runs over; one closed early runs no more.
	marks := map[string]agenda.Mark{"b": {Opened: at("2030-01-10 10:35")}, "a": {Opened: at("2030-01-10 09:00"), Closed: at("2030-01-10 09:45")}}
	if c := m.AtMarked(at("2030-01-10 13:20"), marks); c.Phase != agenda.Running || num(c.Session) != 2 || !c.Marked || c.Over != 80*time.Minute || num(c.Next) != 3 {
		t.Errorf("session 2 open at 13:20: %+v", c)
	}
	if c := m.AtMarked(at("2030-01-10 09:50"), marks); c.Phase != agenda.Break || c.Over != 0 {
		t.Errorf("session 1 closed at 09:45, at 09:50: %+v", c)
	}
	if c := m.AtMarked(at("2030-01-10 09:20"), marks); c.Phase != agenda.Running || c.Marked || num(c.Session) != 1 {
		t.Errorf("by the plan before the close: %+v", c)
	}
	// An overrun is never larger than the day: the next morning session 2,
	// never closed, runs no more and is said not closed.
	if c := m.AtMarked(at("2030-01-11 10:00"), marks); num(c.Unclosed) != 2 || c.Marked || c.Over != 0 || num(c.Session) != 5 {
		t.Errorf("session 2 left open overnight: %+v", c)
	}
	// Opened on another day than its date (a chair's rehearsal years on):
	// over its length, not by the years since its date.
	late := map[string]agenda.Mark{"b": {Opened: at("2036-03-02 10:00")}}
	if c := m.AtMarked(at("2036-03-02 12:00"), late); !c.Marked || num(c.Session) != 2 || c.Over != 30*time.Minute {
		t.Errorf("session 2 opened in 2036: %+v", c)
	}
	// A day that ends with a session that has an end.
	src = base + sess("a", 1, "2030-01-10", "start = \"09:00\"\nend = \"17:30\"\n") + sess("d", 2, "2030-01-11", "start = \"09:30\"\n")
	if m, _ = agenda.Parse("meeting.toml", src); m == nil {
		t.Fatal("parse")
	}
	if c := m.At(at("2030-01-10 18:00")); c.Phase != agenda.DayEnded || c.Day != 1 || num(c.Next) != 2 {
		t.Errorf("the evening of day 1: %+v", c)
	}
	// Without times, nothing is on.
	if m, _ = agenda.Parse("meeting.toml", base+session("")); m == nil {
		t.Fatal("parse")
	}
	if c := m.At(at("2030-01-10 10:00")); c.Phase != agenda.Untimed || c.Session != -1 || c.Next != -1 {
		t.Errorf("untimed: %+v", c)
	}
}

func TestLoadFromDisk(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "meeting.toml"), []byte(base+session("")), 0o644); err != nil {
		t.Fatal(err)
	}
	if m, probs := agenda.Load(os.DirFS(dir)); m == nil {
		t.Fatal(probs)
	}
	_, probs := agenda.Load(fstest.MapFS{})
	if len(probs) != 1 || probs[0].String() != "meeting.toml:1:1: meeting.toml not found" {
		t.Errorf("missing file: %v", probs)
	}
	big := fstest.MapFS{"meeting.toml": {Data: make([]byte, strict.MaxFileSize+1)}}
	if _, probs := agenda.Load(big); len(probs) != 1 || !strings.Contains(probs[0].Msg, "larger than") {
		t.Errorf("oversized file: %v", probs)
	}
}

func TestGeneratedBundleIsValid(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(500, 5))
	if m == nil || len(probs) > 0 {
		t.Fatalf("generated bundle: %v", probs)
	}
	if len(m.Sessions) != 500 || len(m.Days()) != 5 {
		t.Errorf("sessions %d days %d", len(m.Sessions), len(m.Days()))
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	fsys := data.Embedded()
	for b.Loop() {
		if m, _ := agenda.Load(fsys); m == nil {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkLoadLarge(b *testing.B) {
	src := agendatest.Meeting(5000, 10)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if m, probs := agenda.Parse("meeting.toml", src); m == nil {
			b.Fatal(probs)
		}
	}
}

// oneLinePresenters is a meeting whose session names 80,000 unknown
// presenters on one line of about 1 MB: each is a problem to place.
func oneLinePresenters() string {
	var b strings.Builder
	b.WriteString(base + "\n[[session]]\nid = \"a\"\nnumber = 1\ndate = 2030-01-10\ntitle = \"A\"\npresenters = [")
	for i := 0; b.Len() < 1<<20; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "\"X%05d\"", i)
	}
	b.WriteString("]\n")
	return b.String()
}

// BenchmarkOneLinePresenters: placing each unknown presenter of a 1 MB
// line is linear (15.7 s for 80,000 before). Target: ≤ 100 ms.
func BenchmarkOneLinePresenters(b *testing.B) {
	src := oneLinePresenters()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, probs := agenda.Parse("meeting.toml", src); probs.Errors() < strict.MaxProblems {
			b.Fatalf("%d problems", probs.Errors())
		}
	}
}

func TestOneLinePresentersPlaces(t *testing.T) {
	_, probs := agenda.Parse("meeting.toml", oneLinePresenters())
	if len(probs) != strict.MaxProblems+1 {
		t.Fatalf("%d problems", len(probs))
	}
	// Every presenter listed is placed at its own column, in order.
	prev := 0
	for _, p := range probs[:len(probs)-1] {
		if p.Col <= prev {
			t.Fatalf("%s after column %d", p, prev)
		}
		prev = p.Col
	}
}

// TestMomentInRooms: in a meeting of several rooms, every session on now
// is running, in any room, and the next of each room is upcoming; a
// meeting of one room keeps one session on and one next, as before.
func TestMomentInRooms(t *testing.T) {
	src := `[meeting]
id = "rooms"
title = "Parallel rooms"
start = 2017-05-18
end = 2017-05-18
timezone = "Europe/Paris"
` + strings.Join([]string{
		roomSession(1, "10:30", "12:00", "Janson", "Keynote"),
		roomSession(2, "10:30", "11:00", "K.1.105", "Security one"),
		roomSession(3, "11:00", "11:30", "K.1.105", "Security two"),
		roomSession(4, "11:15", "", "H.2215", "Open-ended"),
		roomSession(5, "13:00", "14:00", "Janson", "After lunch"),
	}, "")
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil || probs.Errors() > 0 {
		t.Fatal(probs)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(hm string) agenda.Moment {
		tm, _ := time.ParseInLocation("2006-01-02 15:04", "2017-05-18 "+hm, paris)
		return m.At(tm)
	}
	numbers := func(is []int) string {
		var ns []string
		for _, i := range is {
			ns = append(ns, fmt.Sprint(m.Sessions[i].Number))
		}
		return strings.Join(ns, " ")
	}
	for _, tt := range []struct{ at, running, upcoming string }{
		{"10:45", "1 2", "3 4 5"},
		{"11:20", "1 3 4", "5"},
		{"12:30", "4", "5"}, // open-ended: until midnight, no later session in its room
	} {
		c := at(tt.at)
		if got := numbers(c.Running); got != tt.running {
			t.Errorf("%s: running %q, want %q", tt.at, got, tt.running)
		}
		if got := numbers(c.Upcoming); got != tt.upcoming {
			t.Errorf("%s: upcoming %q, want %q", tt.at, got, tt.upcoming)
		}
	}
	one, _ := agenda.Load(data.Embedded())
	if c := one.At(time.Date(2017, 5, 18, 10, 30, 0, 0, one.Location)); c.Running != nil || c.Upcoming != nil {
		t.Errorf("a meeting of one room: running %v, upcoming %v", c.Running, c.Upcoming)
	}
}

func roomSession(n int, start, end, room, title string) string {
	s := fmt.Sprintf("\n[[session]]\nid = \"s%d\"\nnumber = %d\ndate = 2017-05-18\nstart = %q\nroom = %q\ntitle = %q\n", n, n, start, room, title)
	if end != "" {
		s += fmt.Sprintf("end = %q\n", end)
	}
	return s
}

// TestSessionURL: a session's page and its links are http(s) addresses;
// anything else is a warning and left out.
func TestSessionURL(t *testing.T) {
	src := `[meeting]
id = "u"
title = "Pages"
start = 2017-05-18
end = 2017-05-18
timezone = "Europe/Paris"

[[session]]
id = "a"
number = 1
date = 2017-05-18
title = "Good"
url = "https://example.org/talk/1"
links = [{ url = "https://example.org/slides.pdf", title = "Slides" }, { url = "file:///etc/passwd" }]

[[session]]
id = "b"
number = 2
date = 2017-05-18
title = "Bad"
url = "javascript:alert(1)"
`
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil || probs.Errors() > 0 {
		t.Fatal(probs)
	}
	if m.Sessions[0].URL != "https://example.org/talk/1" || m.Sessions[1].URL != "" || fmt.Sprint(m.Sessions[0].Links) != "[{Slides https://example.org/slides.pdf}]" {
		t.Errorf("urls %q %q, links %v", m.Sessions[0].URL, m.Sessions[1].URL, m.Sessions[0].Links)
	}
	if len(probs) != 2 || !probs[0].Warning || !strings.Contains(fmt.Sprint(probs), `link 2: "file:///etc/passwd" is not an http(s) address: left out`) ||
		!strings.Contains(fmt.Sprint(probs), `"javascript:alert(1)" is not an http(s) address: left out`) {
		t.Errorf("problems %v", probs)
	}
}

// TestRooms: meeting.toml's [[room]] tables name the rooms and say how to
// find them; a name given twice is an error, a session in a room the
// table does not list a warning; a meeting without the table is as ever.
func TestRooms(t *testing.T) {
	src := `[meeting]
id = "r"
title = "Rooms"
start = 2017-05-18
end = 2017-05-18
timezone = "Europe/Paris"

[[room]]
name = "Janson"
description = "The big hall, building J"

[[room]]
name = "K.1.105"

[[session]]
id = "a"
number = 1
date = 2017-05-18
room = "janson"
title = "Keynote"

[[session]]
id = "b"
number = 2
date = 2017-05-18
room = "H.2215"
title = "Elsewhere"
`
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil || probs.Errors() > 0 {
		t.Fatal(probs)
	}
	if v, ok := m.RoomNamed("JANSON"); !ok || v.Description != "The big hall, building J" || len(m.Venues) != 2 {
		t.Errorf("rooms %+v", m.Venues)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].String(), `session[2].room: "H.2215" is not one of the meeting's rooms`) {
		t.Errorf("problems %v", probs)
	}
	back, _ := agenda.Parse("meeting.toml", agenda.Encode(m, ""))
	if back == nil || fmt.Sprint(back.Venues) != fmt.Sprint(m.Venues) {
		t.Errorf("through Encode: %+v", back)
	}
	dup := strings.Replace(src, `name = "K.1.105"`, `name = "JANSON"`, 1)
	if _, probs := agenda.Parse("meeting.toml", dup); probs.Errors() != 1 || !strings.Contains(fmt.Sprint(probs), `duplicate room "JANSON" (first in room[1])`) {
		t.Errorf("a room named twice: %v", probs)
	}
}
