package schedule

import (
	"os"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
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

func TestReadScheduleXML(t *testing.T) {
	m := read(t, "schedule.xml", Options{})
	if m.ID != "egm-ogd-2017-late" || m.TimeZone != "Europe/Paris" || m.Start.String() != "2017-10-28" || m.End.String() != "2017-10-29" || m.URL != "https://example.org/egm/" {
		t.Errorf("meeting %+v", m)
	}
	want := []string{
		"c6a3e2d8-5b0f-4c47-9a57-0e4c2f6b1a01|2017-10-28|09:30–11:00|Room CC1|Where do we stand?: Achievements and common challenges|FRA|Rolf Alter; José Müller-Lüdenscheidt|OURdata",
		// 23:00 CEST + 4 h is 02:00 CET: the clocks went back at 03:00.
		"c6a3e2d8-5b0f-4c47-9a57-0e4c2f6b1a02|2017-10-28|23:00–02:00 next day|Room CC1|A night across the change of time|KOR||",
		"event-103|2017-10-29|10:00–10:45|Room CC2|Moving ahead|||",
	}
	var got []string
	for _, s := range m.Sessions {
		got = append(got, session(s))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sessions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
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
	if _, err := Read("old-frab.xml", b, Options{}); err == nil || !strings.Contains(err.Error(), "names no time zone: give the meeting's with --timezone") {
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
		"0b1f7e0a-0000-4000-8000-000000000001|2017-05-18|09:30–11:00|Salle CC1|Données ouvertes: où en sommes-nous?|KOR|Élodie Dupont|OURdata",
		"event-1202|2017-05-19|11:00–11:45|Salle CC1|Closing|||",
	}
	var got []string
	for _, s := range m.Sessions {
		got = append(got, session(s))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sessions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := m.Sessions[0].Summary; s != "Un résumé.\n\nLine one\nline two" {
		t.Errorf("summary %q", s)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"not a schedule", "hello", "not a schedule.xml or a schedule JSON"},
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
