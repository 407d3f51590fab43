package schedule

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// plenaryNamespace is the UUID namespace of the guids plenary writes:
// a session's guid is a version 5 UUID of its meeting and session ids, the
// same at every export.
var plenaryNamespace = [16]byte{0x6f, 0x1c, 0x2a, 0x50, 0x8e, 0x3b, 0x4d, 0x21, 0x9a, 0x7e, 0x31, 0x5c, 0x0d, 0x44, 0x82, 0x19}

// guid is a version 5 UUID (RFC 9562) of name in plenary's namespace.
func guid(name string) string {
	h := sha1.New()
	h.Write(plenaryNamespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// scheduled is a session as a schedule has it.
type scheduled struct {
	s        *agenda.Session
	start    time.Time
	duration time.Duration
	room     string  // "" for the plenary room
	persons  []named // presenters' names, then speakers "Name (Role)"
}

// named is a person of a schedule: the name as written, and the id the
// person came with (a speaker imported from a conference system).
type named struct{ name, id string }

// sessions lays the meeting's sessions out for a schedule; a meeting with
// a session without a time cannot be one.
func sessions(m *agenda.Meeting) ([]scheduled, error) {
	var untimed []string
	var out []scheduled
	for i := range m.Sessions {
		s := &m.Sessions[i]
		if !s.Timed() {
			untimed = append(untimed, fmt.Sprint(s.Number))
			continue
		}
		sc := scheduled{s: s, start: s.Date.At(s.Start, m.Location), room: s.Room}
		if sc.room == "" {
			// Conference apps list events by room: one without a name
			// is the meeting's own room.
			sc.room = "Plenary"
			if m.Venue != "" {
				sc.room = m.Venue
			}
		}
		if end, ok := s.EndAt(m.Location); ok {
			sc.duration = end.Sub(sc.start)
		}
		for _, code := range s.Presenters {
			d, _ := m.Delegation(code)
			sc.persons = append(sc.persons, named{name: d.Name})
		}
		for _, p := range s.Speakers {
			sc.persons = append(sc.persons, named{p.String(), p.ID})
		}
		out = append(out, sc)
	}
	if len(untimed) > 0 {
		if len(untimed) == len(m.Sessions) {
			return nil, errors.New("the meeting's sessions have no times: a schedule needs them (start and end in meeting.toml; plenary init --rehearsal shows how)")
		}
		return nil, fmt.Errorf("sessions %s have no time: a schedule needs every session's start", strings.Join(untimed, ", "))
	}
	return out, nil
}

// hm is a duration as H:MM.
func hm(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// days groups sessions by date, in order.
func days(ss []scheduled) [][]scheduled {
	var out [][]scheduled
	for _, s := range ss {
		if n := len(out); n > 0 && out[n-1][0].s.Date == s.s.Date {
			out[n-1] = append(out[n-1], s)
		} else {
			out = append(out, []scheduled{s})
		}
	}
	return out
}

// rooms groups a day's sessions by room, rooms in order of first use.
func rooms(day []scheduled) (names []string, by map[string][]scheduled) {
	by = map[string][]scheduled{}
	for _, s := range day {
		if _, ok := by[s.room]; !ok {
			names = append(names, s.room)
		}
		by[s.room] = append(by[s.room], s)
	}
	return names, by
}

// WriteXML writes the meeting as a frab schedule.xml, element by element
// as the c3voc schema has it, for Giggity, ConfClerk and other
// conference apps.
func WriteXML(m *agenda.Meeting) ([]byte, error) {
	ss, err := sessions(m)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<schedule>\n  <generator name=\"plenary\"/>\n  <version>1.0</version>\n  <conference>\n")
	el := func(indent, name, v string) {
		fmt.Fprintf(&b, "%s<%s>", indent, name)
		xml.EscapeText(&b, []byte(v))
		fmt.Fprintf(&b, "</%s>\n", name)
	}
	attr := func(v string) string {
		var a bytes.Buffer
		xml.EscapeText(&a, []byte(v))
		return a.String()
	}
	const c = "    "
	el(c, "acronym", m.ID)
	el(c, "title", m.Title)
	el(c, "start", m.Start.String())
	el(c, "end", m.End.String())
	el(c, "days", fmt.Sprint(len(m.Days())))
	el(c, "timeslot_duration", "0:05")
	el(c, "time_zone_name", m.TimeZone)
	if m.URL != "" {
		el(c, "base_url", m.URL)
	}
	if m.Venue != "" {
		el(c, "venue", m.Venue)
	}
	if m.City != "" {
		el(c, "city", m.City)
	}
	b.WriteString("  </conference>\n")
	for i, day := range days(ss) {
		last := day[len(day)-1]
		end := last.start.Add(last.duration)
		fmt.Fprintf(&b, "  <day index=\"%d\" date=\"%s\" start=\"%s\" end=\"%s\">\n", i+1, day[0].s.Date, day[0].start.Format(time.RFC3339), end.Format(time.RFC3339))
		names, by := rooms(day)
		for _, room := range names {
			fmt.Fprintf(&b, "    <room name=\"%s\">\n", attr(room))
			for _, sc := range by[room] {
				s := sc.s
				const e = "        "
				fmt.Fprintf(&b, "      <event id=\"%d\" guid=\"%s\">\n", s.Number, guid(m.ID+"/"+s.ID))
				el(e, "date", sc.start.Format(time.RFC3339))
				el(e, "start", sc.start.Format("15:04"))
				el(e, "duration", hm(sc.duration))
				el(e, "room", sc.room)
				el(e, "slug", m.ID+"-"+s.ID)
				if s.URL != "" {
					el(e, "url", s.URL)
				}
				el(e, "title", s.Title)
				el(e, "subtitle", "")
				el(e, "track", firstTag(s))
				el(e, "type", "session")
				el(e, "abstract", strings.TrimSpace(s.Summary))
				el(e, "description", "")
				b.WriteString(e + "<persons>\n")
				for _, p := range sc.persons {
					if p.id != "" {
						fmt.Fprintf(&b, "%s  <person guid=\"%s\">", e, attr(p.id))
						xml.EscapeText(&b, []byte(p.name))
						b.WriteString("</person>\n")
						continue
					}
					el(e+"  ", "person", p.name)
				}
				b.WriteString(e + "</persons>\n")
				if len(s.Links) == 0 {
					b.WriteString(e + "<links></links>\n")
				} else {
					b.WriteString(e + "<links>\n")
					for _, l := range s.Links {
						fmt.Fprintf(&b, "%s  <link href=\"%s\">", e, attr(l.URL))
						xml.EscapeText(&b, []byte(l.Title))
						b.WriteString("</link>\n")
					}
					b.WriteString(e + "</links>\n")
				}
				b.WriteString("      </event>\n")
			}
			b.WriteString("    </room>\n")
		}
		b.WriteString("  </day>\n")
	}
	b.WriteString("</schedule>\n")
	return b.Bytes(), nil
}

func firstTag(s *agenda.Session) string {
	if len(s.Tags) > 0 {
		return s.Tags[0]
	}
	return ""
}

// WriteJSON writes the meeting as the c3voc schedule JSON.
func WriteJSON(m *agenda.Meeting) ([]byte, error) {
	ss, err := sessions(m)
	if err != nil {
		return nil, err
	}
	type person struct {
		GUID       string `json:"guid,omitempty"`
		Name       string `json:"name"`
		PublicName string `json:"public_name"`
	}
	type jlink struct {
		URL   string `json:"url"`
		Title string `json:"title,omitempty"`
	}
	type jevent struct {
		GUID        string   `json:"guid"`
		ID          int      `json:"id"`
		Date        string   `json:"date"`
		Start       string   `json:"start"`
		Duration    string   `json:"duration"`
		Room        string   `json:"room"`
		Slug        string   `json:"slug"`
		URL         string   `json:"url,omitempty"`
		Title       string   `json:"title"`
		Subtitle    string   `json:"subtitle"`
		Track       string   `json:"track"`
		Type        string   `json:"type"`
		Language    string   `json:"language"`
		Abstract    string   `json:"abstract"`
		Description string   `json:"description"`
		Persons     []person `json:"persons"`
		Links       []jlink  `json:"links"`
	}
	type jday struct {
		Index    int                 `json:"index"`
		Date     string              `json:"date"`
		DayStart string              `json:"day_start"`
		DayEnd   string              `json:"day_end"`
		Rooms    map[string][]jevent `json:"rooms"`
	}
	type jroom struct {
		Name string `json:"name"`
		GUID string `json:"guid"`
	}
	var out struct {
		Schema    string `json:"$schema"`
		Generator struct {
			Name string `json:"name"`
		} `json:"generator"`
		Schedule struct {
			Version    string `json:"version"`
			Conference struct {
				Acronym          string  `json:"acronym"`
				Title            string  `json:"title"`
				Start            string  `json:"start"`
				End              string  `json:"end"`
				DaysCount        int     `json:"daysCount"`
				TimeslotDuration string  `json:"timeslot_duration"`
				TimeZoneName     string  `json:"time_zone_name"`
				URL              string  `json:"url,omitempty"`
				Rooms            []jroom `json:"rooms"`
				Days             []jday  `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	out.Schema = "https://c3voc.de/schedule/schema.json"
	out.Generator.Name = "plenary"
	out.Schedule.Version = "1.0"
	c := &out.Schedule.Conference
	c.Acronym, c.Title, c.Start, c.End = m.ID, m.Title, m.Start.String(), m.End.String()
	c.DaysCount, c.TimeslotDuration, c.TimeZoneName, c.URL = len(m.Days()), "00:05", m.TimeZone, m.URL
	c.Rooms = []jroom{}
	seen := map[string]bool{}
	for i, day := range days(ss) {
		last := day[len(day)-1]
		jd := jday{Index: i + 1, Date: day[0].s.Date.String(), DayStart: day[0].start.Format(time.RFC3339),
			DayEnd: last.start.Add(last.duration).Format(time.RFC3339), Rooms: map[string][]jevent{}}
		names, by := rooms(day)
		for _, room := range names {
			if !seen[room] {
				seen[room] = true
				c.Rooms = append(c.Rooms, jroom{Name: room, GUID: guid(m.ID + "/room/" + room)})
			}
			for _, sc := range by[room] {
				s := sc.s
				ev := jevent{GUID: guid(m.ID + "/" + s.ID), ID: s.Number, Date: sc.start.Format(time.RFC3339), Start: sc.start.Format("15:04"),
					Duration: fmt.Sprintf("%02d:%02d", int(sc.duration.Hours()), int(sc.duration.Minutes())%60), Room: room,
					Slug: m.ID + "-" + s.ID, URL: s.URL, Title: s.Title, Track: firstTag(s), Type: "session",
					Abstract: strings.TrimSpace(s.Summary), Persons: []person{}, Links: []jlink{}}
				for _, l := range s.Links {
					ev.Links = append(ev.Links, jlink{URL: l.URL, Title: l.Title})
				}
				for _, p := range sc.persons {
					ev.Persons = append(ev.Persons, person{GUID: p.id, Name: p.name, PublicName: p.name})
				}
				jd.Rooms[room] = append(jd.Rooms[room], ev)
			}
		}
		c.Days = append(c.Days, jd)
	}
	return json.MarshalIndent(out, "", "  ")
}
