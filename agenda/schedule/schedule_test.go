package schedule

import (
	"encoding/xml"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

func read(t *testing.T, file string, o Options) *agenda.Meeting {
	t.Helper()
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(file, b, o)
	if err != nil {
		t.Fatal(err)
	}
	// What is imported passes the checks of a hand-written meeting.toml.
	back, probs := agenda.Parse("meeting.toml", agenda.Encode(m, ""))
	if back == nil || len(probs) > 0 {
		t.Fatalf("the imported meeting does not load: %v\n%s", probs, agenda.Encode(m, ""))
	}
	return back
}

// session is a session as a line: id, date, times, room, title,
// presenters, speakers, tags.
func session(s agenda.Session) string {
	return strings.Join([]string{s.ID, s.Date.String(), s.TimeRange(), s.Room, s.Title,
		strings.Join(s.Presenters, " "), strings.Join(s.SpeakerNames(), "; "), strings.Join(s.Tags, " ")}, "|")
}

// sameSessions checks m's sessions, one line each, against want.
func sameSessions(t *testing.T, m *agenda.Meeting, want []string) {
	t.Helper()
	var got []string
	for _, s := range m.Sessions {
		got = append(got, session(s))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sessions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadScheduleXML(t *testing.T) {
	m := read(t, "schedule.xml", Options{})
	if m.ID != "egm-ogd-2017-late" || m.TimeZone != "Europe/Paris" || m.Start.String() != "2017-10-28" || m.End.String() != "2017-10-29" || m.URL != "https://example.org/egm/" {
		t.Errorf("meeting %+v", m)
	}
	want := []string{
		"egm-101-where-do-we-stand|2017-10-28|09:30–11:00|Room CC1|Where do we stand?: Achievements and common challenges|FRA|Rolf Alter; José Müller-Lüdenscheidt|OURdata",
		// 23:00 CEST + 4 h is 02:00 CET: the clocks went back at 03:00.
		"c6a3e2d8-5b0f-4c47-9a57-0e4c2f6b1a02|2017-10-28|23:00–02:00 next day|Room CC1|A night across the change of time|KOR||",
		"event-103|2017-10-29|10:00–10:45|Room CC2|Moving ahead|||",
	}
	sameSessions(t, m, want)
	if s := m.Sessions[0]; s.SourceID != "c6a3e2d8-5b0f-4c47-9a57-0e4c2f6b1a01" ||
		s.Summary != "Delegates presented **national experiences**:\n\n- data quality\n- legal & governance\n\nSee the OECD (https://www.oecd.org/gov/)." {
		t.Errorf("session 1: %q %q", s.SourceID, s.Summary)
	}
	if m.Sessions[2].Summary != "Plain text, with no HTML & an ampersand." {
		t.Errorf("plain abstract %q", m.Sessions[2].Summary)
	}
	if d, ok := m.Delegation("KOR"); !ok || d.Kind != agenda.Member {
		t.Errorf("KOR: %+v", d)
	}
}

// TestReadOldFrab: no guid, no time zone, venue and city, an id twice.
func TestReadOldFrab(t *testing.T) {
	b, _ := os.ReadFile("testdata/old-frab.xml")
	if _, err := Read("old-frab.xml", b, Options{}); err == nil || !strings.Contains(err.Error(), `names no time zone, and events give no offset with their dates (day 1, room "Salle 1", event 1; day 1, room "Salle 1", event 2): give the meeting's with --timezone`) {
		t.Errorf("without a zone: %v", err)
	}
	m := read(t, "old-frab.xml", Options{TimeZone: "Europe/Paris"})
	if m.Venue != "Château de la Muette" || m.City != "Paris" || m.ID != "an-older-frab-export" {
		t.Errorf("meeting %+v", m)
	}
	if len(m.Sessions) != 2 || m.Sessions[0].ID != "event-7" || m.Sessions[1].ID != "event-7-2" || m.Sessions[0].TimeRange() != "14:00–15:00" {
		t.Errorf("sessions %+v", m.Sessions)
	}
}

func TestReadScheduleJSON(t *testing.T) {
	m := read(t, "schedule.json", Options{})
	want := []string{
		// date with its offset wins over start ("07:30", in UTC).
		"egm-1201|2017-05-18|09:30–11:00|Salle CC1|Données ouvertes: où en sommes-nous?|KOR|Élodie Dupont|OURdata",
		"event-1202|2017-05-19|11:00–11:45|Salle CC1|Closing|||",
	}
	sameSessions(t, m, want)
	if s := m.Sessions[0].Summary; s != "Un résumé.\n\nLine one\nline two" {
		t.Errorf("summary %q", s)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"not a schedule", "hello", "not a schedule.xml, a schedule JSON, an Indico export or an iCalendar file"},
		{"xml", "<html></html>", "an XML file that is not a schedule"},
		{"broken xml", "<schedule>\n<conference>\n<title>x</titel>", "x.xml: 3:"},
		{"broken json", "{\"schedule\": {\n\"conference\": [}}", "x.xml: 2:"},
		{"bad zone", `<schedule><conference><time_zone_name>Mars/Olympus</time_zone_name></conference></schedule>`, `"Mars/Olympus" is not an IANA time zone`},
		{"no events", `<schedule><conference><time_zone_name>UTC</time_zone_name></conference></schedule>`, "the schedule has no events"},
		{"bad duration", `<schedule><conference><time_zone_name>UTC</time_zone_name></conference><day date="2017-05-18"><room name="A"><event id="1"><start>10:00</start><duration>long</duration></event></room></day></schedule>`, `event id "1": duration "long" is not H:MM`},
	} {
		_, err := Read("x.xml", []byte(tt.src), Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestRoundTrip: plenary's meeting written as schedule.xml and as schedule
// JSON reads back the same: ids, dates, times (past midnight too), rooms,
// titles, presenters, speakers with their roles, summaries, tags. A
// session without a room is written in the venue's, never a room without
// a name; schedule.xml names the venue, so it comes back without one.
func TestRoundTrip(t *testing.T) {
	src, _ := data.RehearsalMeeting()
	m, probs := agenda.Parse("meeting.toml", string(src))
	if m == nil {
		t.Fatal(probs)
	}
	m.Sessions[0].Speakers = []agenda.Speaker{{Name: "Rolf Alter", Role: "Director of Public Governance, OECD"}, {Name: "Élodie Dupont"}}
	m.Sessions[3].End = agenda.Clock(25 * 60) // the last of day 1 ends at 01:00 next day
	m.Sessions[1].Summary = "A *Markdown* summary & <angle> brackets\n\n- one\n- two"
	for name, write := range map[string]func(*agenda.Meeting) ([]byte, error){"xml": WriteXML, "json": WriteJSON} {
		b, err := write(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Read("schedule."+name, b, Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b)
		}
		if back.ID != m.ID || back.Title != m.Title || back.TimeZone != m.TimeZone || back.Start != m.Start || back.End != m.End {
			t.Errorf("%s: meeting %+v", name, back)
		}
		if len(back.Sessions) != len(m.Sessions) {
			t.Fatalf("%s: %d sessions, want %d", name, len(back.Sessions), len(m.Sessions))
		}
		for i := range m.Sessions {
			want, got := travelled(m, m.Sessions[i]), back.Sessions[i]
			if name == "json" && want.Room == "" {
				// A session without a room is in the venue's (conference
				// apps list by room); the JSON has no venue to tell it by.
				want.Room = m.Venue
			}
			if session(got) != session(want) || got.Summary != strings.TrimSpace(want.Summary) {
				t.Errorf("%s: session %d:\n%s %q\nwant\n%s %q", name, i+1, session(got), got.Summary, session(want), strings.TrimSpace(want.Summary))
			}
			if got.SourceID == "" {
				t.Errorf("%s: session %d has no source id", name, i+1)
			}
		}
		again, _ := write(m)
		if string(again) != string(b) {
			t.Errorf("%s: two exports differ: guids must be stable", name)
		}
	}
}

// travelled is a session as a schedule carries it: it names people, not
// delegations, so presenters that are not countries come back as speakers;
// one track, the first tag.
func travelled(m *agenda.Meeting, s agenda.Session) agenda.Session {
	var countries []string
	var orgs []agenda.Speaker
	for _, code := range s.Presenters {
		if _, ok := data.CountryName(code); ok {
			countries = append(countries, code)
		} else {
			d, _ := m.Delegation(code)
			orgs = append(orgs, agenda.Speaker{Name: d.Name})
		}
	}
	s.Presenters, s.Speakers = countries, append(orgs, s.Speakers...)
	if len(s.Tags) > 1 {
		s.Tags = s.Tags[:1]
	}
	return s
}

// TestWriteRefusesUntimed: the embedded 2017 meeting has no times, so no
// schedule.
func TestWriteRefusesUntimed(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	if _, err := WriteXML(m); err == nil || !strings.Contains(err.Error(), "the meeting's sessions have no times") {
		t.Errorf("untimed: %v", err)
	}
}

// TestWriteXMLShape: the elements the c3voc schema requires of an event.
func TestWriteXMLShape(t *testing.T) {
	src, _ := data.RehearsalMeeting()
	m, _ := agenda.Parse("meeting.toml", string(src))
	b, _ := WriteXML(m)
	var s struct {
		Conference struct {
			Title   string `xml:"title"`
			Acronym string `xml:"acronym"`
		} `xml:"conference"`
		Days []struct {
			Date  string `xml:"date,attr"`
			Rooms []struct {
				Events []struct {
					ID       string  `xml:"id,attr"`
					GUID     string  `xml:"guid,attr"`
					Room     *string `xml:"room"`
					Title    *string `xml:"title"`
					Type     *string `xml:"type"`
					Date     *string `xml:"date"`
					Start    *string `xml:"start"`
					Duration *string `xml:"duration"`
					Abstract *string `xml:"abstract"`
					Slug     *string `xml:"slug"`
					Subtitle *string `xml:"subtitle"`
					Track    *string `xml:"track"`
				} `xml:"event"`
			} `xml:"room"`
		} `xml:"day"`
	}
	if err := xml.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range s.Days {
		for _, r := range d.Rooms {
			for _, e := range r.Events {
				n++
				if e.ID == "" || len(e.GUID) != 36 || e.GUID[14] != '5' || e.Room == nil || e.Title == nil || e.Type == nil || e.Date == nil ||
					e.Start == nil || e.Duration == nil || e.Abstract == nil || e.Slug == nil || e.Subtitle == nil || e.Track == nil {
					t.Errorf("event %s lacks a required element: %+v", e.ID, e)
				}
			}
		}
	}
	if n != len(m.Sessions) || len(s.Days) != 2 {
		t.Errorf("%d events in %d days", n, len(s.Days))
	}
}

// bigSchedule is a generated schedule.xml (illustrative): days × rooms ×
// perRoom events of half an hour, each with an abstract of about
// abstract bytes of HTML, a track and two people (one a country).
func bigSchedule(days, rooms, perRoom, abstract int) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><schedule><conference><acronym>big</acronym><title>Big</title><time_zone_name>Europe/Paris</time_zone_name></conference>`)
	filler := strings.Repeat("Open data for public value, re-used by citizens and businesses. ", max(abstract/64, 1))
	for d := 0; d < days; d++ {
		date := fmt.Sprintf("2030-01-%02d", 10+d)
		fmt.Fprintf(&sb, `<day index="%d" date="%s">`, d+1, date)
		for r := 0; r < rooms; r++ {
			fmt.Fprintf(&sb, `<room name="Room %d">`, r)
			for e := 0; e < perRoom; e++ {
				n := (d*rooms+r)*perRoom + e
				fmt.Fprintf(&sb, `<event id="%d" guid="g-%d"><date>%sT%02d:%02d:00+01:00</date><start>%02d:%02d</start><duration>0:25</duration><room>Room %d</room><title>Talk %d on open data</title><track>Track %d</track><abstract>&lt;p&gt;An abstract with &lt;b&gt;HTML&lt;/b&gt; for talk %d. %s&lt;/p&gt;</abstract><persons><person>Speaker %d</person><person>France</person></persons></event>`,
					n+1, n, date, 8+e/2, (e%2)*30, 8+e/2, (e%2)*30, r, n, r, n, filler, n)
			}
			sb.WriteString(`</room>`)
		}
		sb.WriteString(`</day>`)
	}
	sb.WriteString(`</schedule>`)
	return []byte(sb.String())
}

// BenchmarkReadXML1000: a schedule.xml of 1,000 events over 5 days in 10
// rooms (illustrative, generated), read and checked as meeting.toml.
func BenchmarkReadXML1000(b *testing.B) {
	src := bigSchedule(5, 10, 20, 0)
	for b.Loop() {
		m, err := Read("big.xml", src, Options{})
		if err != nil || len(m.Sessions) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkLargeConference: a conference's shape — 5 days, 35 rooms, 875
// events with abstracts of about 2.5 KB (2.4 MB; generated, illustrative)
// — imported (read and checked), and imported again as an update of the
// meeting.toml the first import wrote.
func BenchmarkLargeConference(b *testing.B) {
	src := bigSchedule(5, 35, 5, 2500)
	b.Logf("%d bytes", len(src))
	b.Run("import", func(b *testing.B) {
		for b.Loop() {
			if m, err := Read("big.xml", src, Options{}); err != nil || len(m.Sessions) != 875 {
				b.Fatal(err)
			}
		}
	})
	first, err := Read("big.xml", src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	base := agenda.Encode(first, "")
	b.Run("update", func(b *testing.B) {
		for b.Loop() {
			m, err := Read("big.xml", src, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if u, err := agenda.UpdateFrom(base, m, func(string) bool { return false }, false); err != nil || !u.Empty() {
				b.Fatal(err, u.Added, u.Changed)
			}
		}
	})
}

// TestReadIndico: Indico's export, with contributions or with sessions:
// times in their own zones, durations from the end or in minutes, people
// with their affiliation, countries as delegations, unscheduled
// contributions left out.
func TestReadIndico(t *testing.T) {
	m := read(t, "indico-contributions.json", Options{})
	if m.Venue != "OECD Conference Centre" || m.City != "2 rue André Pascal, Paris" || m.TimeZone != "Europe/Paris" || m.Start.String() != "2017-05-18" || m.End.String() != "2017-05-19" {
		t.Errorf("meeting %+v", m)
	}
	want := []string{
		"event-5|2017-05-18|09:30–09:45|CC1|Opening remarks||Rolf Alter (OECD)|",
		// 07:45 UTC is 09:45 in Paris.
		"event-6|2017-05-18|09:45–10:45|CC2|Korea's open data|KOR||OURdata",
	}
	sameSessions(t, m, want)
	if m.Sessions[1].Summary != "- Data quality" {
		t.Errorf("summary %q", m.Sessions[1].Summary)
	}
	m = read(t, "indico-sessions.json", Options{})
	want = []string{
		"event-21|2017-05-18|10:00–10:30|Room 1|Spain|ESP|Ana Ruiz (Gobierno de España)|National experiences",
		"s2|2017-05-18|12:30–14:00||Lunch break|||",
	}
	sameSessions(t, m, want)
	for _, tt := range []struct{ src, want string }{
		{`{"count": 0, "results": []}`, "results: no event"},
		{`{"count": 2, "results": [{"title":"a"},{"title":"b"}]}`, "results: 2 events; import one event at a time"},
		{`{"results": [{"title":"a","timezone":"Europe/Paris","contributions":[{"id":"1","title":"x","startDate":{"date":"2017-05-18","time":"soon"}}]}]}`, `results[0].contributions[0].startDate: "2017-05-18" "soon" is not a date and a time`},
	} {
		if _, err := Read("indico.json", []byte(tt.src), Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.src, err, tt.want)
		}
	}
}

func FuzzReadIndico(f *testing.F) {
	fuzzRead(f, Indico, "indico-contributions.json", "indico-sessions.json")
}

// TestReadICS: an Outlook calendar: a Windows zone name (through CLDR),
// folded lines, escaped text, DTEND or DURATION, an event in another zone,
// an all-day event, one in UTC; times end in the meeting's zone, across
// the change of time.
func TestReadICS(t *testing.T) {
	m := read(t, "outlook.ics", Options{})
	if m.Title != "EGM on Open Government Data, Paris" || m.TimeZone != "Europe/Paris" {
		t.Errorf("meeting %q in %q", m.Title, m.TimeZone)
	}
	want := []string{
		// 05:00 in New York is 11:00 in Paris.
		"e2-example-org|2017-10-28|11:00–12:30||From New York|||",
		"040000008200e00074c5b7101a82e008|2017-10-28|23:00–02:00 next day|Room CC1|Night session across the change of time|||OURdata",
		"e3-example-org|2017-10-29|||Reception (all day)|||",
		// 09:00 UTC is 10:00 in Paris once the clocks went back.
		"e4-example-org|2017-10-29|10:00–11:00||Given in UTC|||",
	}
	sameSessions(t, m, want)
	if s := m.Sessions[1].Summary; s != "First line\nsecond line; with a semicolon, a comma and a \\ backslash" {
		t.Errorf("summary %q", s)
	}
	for _, tt := range []struct{ src, zone, want string }{
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20171029T090000Z\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "", "names no time zone: give the meeting's with --timezone"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART;TZID=Europe/Paris:20171029T090000\nRRULE:FREQ=WEEKLY\nSUMMARY:Weekly\nEND:VEVENT\nEND:VCALENDAR\n", "", `2: event "Weekly" repeats (RRULE): plenary imports a meeting's sessions, not a series`},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART;TZID=Mars Standard Time:20171029T090000\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "Europe/Paris", `TZID "Mars Standard Time" is neither an IANA nor a Windows time zone name`},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART;TZID=Europe/Paris:2017-10-29\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "", `4: DTSTART "2017-10-29" is not a date and time`},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VCALENDAR\n", "", "4: END:VCALENDAR closes nothing that is open"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART;TZID=Europe/Paris:20171029T090000\nDURATION:soon\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "", `"soon" is not a duration`},
	} {
		_, err := Read("cal.ics", []byte(tt.src), Options{TimeZone: tt.zone})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.src, err, tt.want)
		}
	}
	// UTC only, with --timezone.
	m, err := Read("cal.ics", []byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20171029T090000Z\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"), Options{TimeZone: "Asia/Seoul"})
	if err != nil || m.Title != "cal" || m.Sessions[0].TimeRange() != "18:00" {
		t.Errorf("UTC with --timezone: %v %+v", err, m)
	}
}

// TestICSRoundTrip: plenary's calendar export read back gives the
// sessions again: ids, times, titles, presenters, speakers, chair, the
// first tag, the summary as text.
func TestICSRoundTrip(t *testing.T) {
	src, _ := data.RehearsalMeeting()
	m, _ := agenda.Parse("meeting.toml", string(src))
	m.Venue, m.City = "", "" // LOCATION then says the room alone
	m.Sessions[0].Speakers = []agenda.Speaker{{Name: "Rolf Alter", Role: "Director of Public Governance, OECD"}}
	m.Sessions[1].Chair = "Chair of the Expert Group"
	var ss []*agenda.Session
	for i := range m.Sessions {
		ss = append(ss, &m.Sessions[i])
	}
	back, err := Read("egm.ics", []byte(agenda.ICS(m, ss, time.Now())), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != m.Title || back.TimeZone != m.TimeZone || len(back.Sessions) != len(m.Sessions) {
		t.Fatalf("meeting %+v", back)
	}
	for i := range m.Sessions {
		want, got := travelled(m, m.Sessions[i]), back.Sessions[i]
		want.Summary = agenda.MarkdownText(strings.TrimSpace(want.Summary))
		if session(got) != session(want) || got.Summary != want.Summary || got.Chair != want.Chair {
			t.Errorf("session %d:\n%s %q %q\nwant\n%s %q %q", i+1, session(got), got.Chair, got.Summary, session(want), want.Chair, want.Summary)
		}
	}
}

// TestICSRoundTripAnyMeeting: plenary's calendar comes back from a
// meeting in UTC, one of all-day sessions, one in several rooms at once,
// one past midnight and one across a change of time: the zone, every
// session's day, times and room.
func TestICSRoundTripAnyMeeting(t *testing.T) {
	for _, tt := range []struct{ name, toml string }{
		{"UTC", `[meeting]
id = "utc"
title = "A meeting in UTC"
start = 2017-05-18
end = 2017-05-18
timezone = "UTC"

[[session]]
number = 1
id = "a"
date = 2017-05-18
start = "09:00"
end = "10:00"
title = "One"
`},
		{"all day", `[meeting]
id = "days"
title = "A meeting of whole days"
start = 2017-05-18
end = 2017-05-19
timezone = "Asia/Seoul"

[[session]]
number = 1
id = "a"
date = 2017-05-18
title = "Day one"

[[session]]
number = 2
id = "b"
date = 2017-05-19
title = "Day two"
`},
		{"rooms, midnight and a change of time", `[meeting]
id = "rooms"
title = "Two rooms at once"
start = 2017-10-28
end = 2017-10-29
timezone = "Europe/Paris"

[[session]]
number = 1
id = "a"
date = 2017-10-28
start = "23:00"
end = "02:00 next day"
room = "Room A"
title = "Across midnight and the change of time"

[[session]]
number = 2
id = "b"
date = 2017-10-28
start = "23:00"
end = "23:45"
room = "Room B"
title = "At the same time elsewhere"
`},
	} {
		m, probs := agenda.Parse("meeting.toml", tt.toml)
		if m == nil || probs.Errors() > 0 {
			t.Fatalf("%s: %v", tt.name, probs)
		}
		var ss []*agenda.Session
		for i := range m.Sessions {
			ss = append(ss, &m.Sessions[i])
		}
		back, err := Read(m.ID+".ics", []byte(agenda.ICS(m, ss, time.Now())), Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if back.TimeZone != m.TimeZone || len(back.Sessions) != len(m.Sessions) {
			t.Errorf("%s: zone %q, %d sessions", tt.name, back.TimeZone, len(back.Sessions))
			continue
		}
		for i, s := range m.Sessions {
			g := back.Sessions[i]
			if g.ID != s.ID || g.Date != s.Date || g.TimeRange() != s.TimeRange() || g.Room != s.Room {
				t.Errorf("%s: session %s came back as %s %s %s %q", tt.name, s.ID, g.ID, g.Date, g.TimeRange(), g.Room)
			}
		}
	}
}

func FuzzReadICS(f *testing.F) { fuzzRead(f, ICS, "outlook.ics") }

// TestImportSanitised: escape sequences, control characters and bidi
// overrides in an imported agenda never reach meeting.toml (nor, from it,
// a screen).
func TestImportSanitised(t *testing.T) {
	src := `{"schedule":{"conference":{"title":"Evil \u001b[2J\u001b]52;c;aGk=\u0007 meeting","acronym":"evil","time_zone_name":"UTC",
"days":[{"date":"2017-05-18","rooms":{"Room \u202eA":[{"guid":"g1","date":"2017-05-18T10:00:00Z","duration":"1:00","title":"Talk \u001b[31mred\u001b[0m",
"abstract":"<p>Hi \u0000 there \u202e</p>","persons":[{"name":"Ana \u001b[1mBold"}]}]}}]}}}`
	m, err := Read("evil.json", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := agenda.Encode(m, "")
	for _, bad := range []string{"\x1b", "\u202e", "\x00", "\x07"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q reached meeting.toml:\n%s", bad, text)
		}
	}
	if !strings.HasPrefix(m.Title, "Evil") || !strings.HasSuffix(m.Title, "meeting") || m.Sessions[0].Title != "Talk red" {
		t.Errorf("title %q, session %q: the text around what was taken out stays", m.Title, m.Sessions[0].Title)
	}
}

// TestReadWhatTheFileSays: files of other shapes import as they are — the
// schedule JSON of version 2 (events beside the conference, rooms and
// tracks as objects), an older schedule.xml with events right under the
// day and <person> without <persons>, a file whose events' dates carry one
// offset and no zone's name (that offset is the zone); and files that are
// not schedules are named for what they are.
func TestReadWhatTheFileSays(t *testing.T) {
	m := read(t, "schedule-v2.json", Options{})
	if fmt.Sprint(m.Venues) != "[{Room CC1 Level 2, east wing} {Room CC2 Level 1}]" {
		t.Errorf("rooms %v", m.Venues)
	}
	sameSessions(t, m, []string{
		"egm-1-where|2017-05-18|09:30–11:00|Room CC1|Where do we stand?||Élodie Dupont|Open data",
		"egm-2-parallel|2017-05-18|09:30–10:15|Room CC2|A parallel session: in another room|||Measurement",
		"egm-3-closing|2017-05-19|10:00–10:45|Room CC1|Closing|||Open data",
	})

	old := `<schedule><conference><title>Old pentabarf</title><acronym>old</acronym></conference>
<day date="2017-05-18">
<event id="1"><date>2017-05-18T09:30:00+02:00</date><start>09:30</start><duration>01:00</duration><room>Salle A</room><title>First</title><person id="7">Ana Example</person></event>
<event id="2"><date>2017-05-18T11:00:00+02:00</date><start>11:00</start><duration>00:30</duration><room>Salle B</room><title>Second</title><persons><person id="8">Bo Example</person></persons></event>
</day></schedule>`
	mo, err := Read("old.xml", []byte(old), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if mo.TimeZone != "Etc/GMT-2" {
		t.Errorf("the zone of +02:00 dates: %q", mo.TimeZone)
	}
	sameSessions(t, mo, []string{"event-1|2017-05-18|09:30–10:30|Salle A|First||Ana Example|", "event-2|2017-05-18|11:00–11:30|Salle B|Second||Bo Example|"})

	for _, tt := range []struct{ name, src, want string }{
		{"offsets that differ", strings.Replace(old, "11:00:00+02:00", "11:00:00+01:00", 1), "its events' offsets differ (a change of time?): give the meeting's with --timezone"},
		{"pretalx API", `{"count": 2, "next": null, "previous": null, "results": [{"code": "ABC", "title": "x"}]}`, "a pretalx API export, not a schedule: export the event's /schedule/export/schedule.json"},
		{"Indico events only", `{"_type": "HTTPAPIResult", "count": 1, "results": [{"title": "An event", "timezone": "Europe/Paris", "startDate": {"date": "2017-05-18", "time": "09:00:00", "tz": "Europe/Paris"}}]}`, "an Indico export without contributions: export with detail=contributions"},
	} {
		if _, err := Read("x", []byte(tt.src), Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestDateAndStartDisagree: an event whose <date> and whose day and
// <start> disagree is read by its date, and the reader is told both
// values and the choice made.
func TestDateAndStartDisagree(t *testing.T) {
	b, err := os.ReadFile("testdata/schedule.json")
	if err != nil {
		t.Fatal(err)
	}
	var told []string
	if _, err := Read("schedule.json", b, Options{Warn: func(w string) { told = append(told, w) }}); err != nil {
		t.Fatal(err)
	}
	want := `schedule.conference.days[0].rooms["Salle CC1"][0]: <date> 2017-05-18T09:30:00+02:00 and <start> 07:30 on 2017-05-18 (Europe/Paris) disagree by 2 h: the date is taken, 2017-05-18 09:30`
	if len(told) != 1 || !strings.Contains(told[0], want) {
		t.Errorf("told %q, want one warning holding %q", told, want)
	}
}

// TestDuplicateSourceIDs: an id used twice in one file (old frab's event
// 7) gives each session a source id of its own, made from its start and
// room, the same at every import: the file imported again into the
// meeting it made changes nothing.
func TestDuplicateSourceIDs(t *testing.T) {
	m := read(t, "old-frab.xml", Options{TimeZone: "Europe/Paris"})
	if a, b := m.Sessions[0].SourceID, m.Sessions[1].SourceID; a != "7@2017-05-18T14:00/Salle 1" || b != "7@2017-05-18T15:30/Salle 1" {
		t.Errorf("source ids %q %q", a, b)
	}
	again := read(t, "old-frab.xml", Options{TimeZone: "Europe/Paris"})
	u, err := agenda.UpdateFrom(agenda.Encode(m, ""), again, func(string) bool { return false }, false)
	if err != nil || !u.Empty() {
		t.Errorf("the same file again: %v %+v", err, u)
	}
}

// TestICSSeriesAndDeclaredZone: a calendar whose events are in UTC but
// which declares its VTIMEZONE needs no --timezone; a repeating event
// among its sessions does not refuse the calendar: the rest is imported
// and the reader is told which event was left out, by its line.
func TestICSSeriesAndDeclaredZone(t *testing.T) {
	cal := strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Europe/Paris
END:VTIMEZONE
BEGIN:VEVENT
UID:weekly@example.org
DTSTART:20170511T070000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Weekly call
END:VEVENT
BEGIN:VEVENT
UID:s1@example.org
DTSTART:20170518T073000Z
DTEND:20170518T090000Z
SUMMARY:Where do we stand?
END:VEVENT
END:VCALENDAR
`, "\n", "\r\n")
	var told []string
	m, err := Read("cal.ics", []byte(cal), Options{Warn: func(w string) { told = append(told, w) }})
	if err != nil {
		t.Fatal(err)
	}
	if m.TimeZone != "Europe/Paris" || len(m.Sessions) != 1 || m.Sessions[0].TimeRange() != "09:30–11:00" {
		t.Errorf("zone %q, sessions %+v", m.TimeZone, m.Sessions)
	}
	if len(told) != 1 || !strings.Contains(told[0], `6: event "Weekly call" repeats (RRULE): not imported`) {
		t.Errorf("told %q", told)
	}
}

// TestClashInOneRoom: two events at once in one room (a real clash in a
// camp's schedule) are imported, and the reader is told.
func TestClashInOneRoom(t *testing.T) {
	src := `<schedule><conference><title>Camp</title><acronym>camp</acronym><time_zone_name>Europe/Paris</time_zone_name></conference>
<day date="2017-05-18"><room name="Tent">
<event id="1"><start>09:00</start><duration>01:00</duration><title>First</title></event>
<event id="2"><start>09:30</start><duration>01:00</duration><title>Second</title></event>
</room></day></schedule>`
	var told []string
	m, err := Read("camp.xml", []byte(src), Options{Warn: func(w string) { told = append(told, w) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sessions) != 2 || len(told) != 1 || !strings.Contains(told[0], `session "event-2" (Second, 2017-05-18 09:30–10:30; event id "2" in the file).start: overlaps session[1] (event-1, 09:00–10:00) in Tent`) {
		t.Errorf("sessions %d, told %q", len(m.Sessions), told)
	}
}

// TestSessionURLTravels: an event's own page, its links and its people's
// ids are kept — read from the
// schedule JSON, written to meeting.toml, schedule.xml and schedule JSON
// and read back from each; a javascript: or relative link is nobody's page
// and is left out.
func TestSessionURLTravels(t *testing.T) {
	m := read(t, "schedule-v2.json", Options{})
	slides := "[{Slides https://example.org/slides.pdf}]"
	if m.Sessions[0].URL != "https://example.org/egm-v2/1" || m.Sessions[1].URL != "" || fmt.Sprint(m.Sessions[0].Links) != slides {
		t.Fatalf("urls %q %q, links %v", m.Sessions[0].URL, m.Sessions[1].URL, m.Sessions[0].Links)
	}
	if m.Sessions[0].Speakers[0].ID != "p-1" {
		t.Errorf("the speaker's id: %+v", m.Sessions[0].Speakers)
	}
	back, probs := agenda.Parse("meeting.toml", agenda.Encode(m, ""))
	if back == nil || back.Sessions[0].URL != m.Sessions[0].URL || fmt.Sprint(back.Sessions[0].Links) != slides || back.Sessions[0].Speakers[0].ID != "p-1" {
		t.Errorf("through meeting.toml: %v", probs)
	}
	x, err := WriteXML(m)
	if err != nil {
		t.Fatal(err)
	}
	j, err := WriteJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"x.xml": x, "x.json": j} {
		got, err := Read(name, b, Options{})
		if err != nil || got.Sessions[0].URL != "https://example.org/egm-v2/1" || fmt.Sprint(got.Sessions[0].Links) != slides || got.Sessions[0].Speakers[0].ID != "p-1" {
			t.Errorf("%s: %v %+v", name, err, got.Sessions[0])
		}
	}
	evil := strings.Replace(strings.Replace(string(j), "https://example.org/egm-v2/1", "javascript:alert(1)", 1), "https://example.org/slides.pdf", "slides.pdf", 1)
	if got, err := Read("evil.json", []byte(evil), Options{}); err != nil || got.Sessions[0].URL != "" || len(got.Sessions[0].Links) != 0 {
		t.Errorf("a javascript: page, a relative link: %v %q %v", err, got.Sessions[0].URL, got.Sessions[0].Links)
	}
}

// TestUpdateAddsRoomsAndPages: importing again into a bundle written
// before rooms and pages were kept adds the rooms the source describes
// (before the sessions) and gives the sessions their pages and links;
// the same file once more changes nothing.
func TestUpdateAddsRoomsAndPages(t *testing.T) {
	m := read(t, "schedule-v2.json", Options{})
	bare := *m
	bare.Venues = nil
	bare.Sessions = slices.Clone(m.Sessions)
	for i := range bare.Sessions {
		bare.Sessions[i].URL, bare.Sessions[i].Links = "", nil
	}
	u, err := agenda.UpdateFrom(agenda.Encode(&bare, ""), m, func(string) bool { return false }, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(u.Meeting, "room added: Room CC1") || len(u.Changed) != 1 || !strings.Contains(u.Changed[0], "page") || !strings.Contains(u.Changed[0], "links") {
		t.Errorf("meeting %q, changed %q", u.Meeting, u.Changed)
	}
	after, probs := agenda.Parse("meeting.toml", u.Text)
	if after == nil || probs.Errors() > 0 || len(after.Venues) != 2 || after.Sessions[0].URL == "" {
		t.Fatalf("%v\n%s", probs, u.Text)
	}
	again, err := agenda.UpdateFrom(u.Text, m, func(string) bool { return false }, false)
	if err != nil || !again.Empty() {
		t.Errorf("the same file again: %v %+v", err, again)
	}
}
