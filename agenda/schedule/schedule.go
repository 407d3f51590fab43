// Package schedule reads the agendas of the conference world into
// plenary's meeting, and writes plenary's meeting for conference apps:
// frab/pentabarf/pretalx schedule.xml and the c3voc schedule JSON (read by
// Giggity and ConfClerk).
//
// A reader turns a file into a conference and its events at absolute
// times; build turns those into a meeting in the meeting's time zone. The
// meeting is then written as meeting.toml and read back through the same
// strict checks and sanitiser as one written by hand.
package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

// Format names a kind of agenda file.
type Format string

// The formats read.
const (
	Auto   Format = "auto"
	XML    Format = "schedule-xml"  // frab, pentabarf, pretalx
	JSON   Format = "schedule-json" // c3voc, pretalx
	Indico Format = "indico"        // Indico's export API
	ICS    Format = "ics"           // iCalendar (RFC 5545)
)

// Formats lists what --format takes.
var Formats = []Format{Auto, XML, JSON, Indico, ICS}

// Options say how to read a file.
type Options struct {
	Format Format // Auto or "": from the content
	// TimeZone is the meeting's IANA zone when the file names none.
	TimeZone string
	// Warn hears what was read with a choice made (an event's date and
	// its start that disagree); nil: nobody is told.
	Warn func(string)
}

// conference is what a file says of the meeting.
type conference struct {
	title, acronym, url, venue, city string
	venues                           []agenda.Venue // the rooms it describes
	zone                             string         // IANA name, or ""
	start, end                       agenda.Date
}

// event is one agenda item as read.
type event struct {
	sourceID    string
	slug        string    // the source's readable id, if any
	start       time.Time // absolute
	duration    time.Duration
	allDay      bool        // a date without a time (iCalendar)
	date        agenda.Date // its date, when allDay
	chair       string
	room, title string
	track       string
	summary     string // Markdown text
	persons     []agenda.Speaker
	url         string // the event's own page
	links       []agenda.Link
	where       string // where the event is in its file ("event id \"7\"", a JSON path, a line), for messages
}

// Detect says which format b is in, from its content.
func Detect(b []byte) (Format, error) {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(t) >= 15 && strings.EqualFold(string(t[:15]), "BEGIN:VCALENDAR"):
		return ICS, nil
	case bytes.HasPrefix(t, []byte("<")):
		if bytes.Contains(t[:min(len(t), 4096)], []byte("<schedule")) {
			return XML, nil
		}
		return "", errors.New("an XML file that is not a schedule (no <schedule> element)")
	case bytes.HasPrefix(t, []byte("{")):
		head := t[:min(len(t), 4096)]
		switch {
		case bytes.Contains(head, []byte(`"schedule"`)):
			return JSON, nil
		case bytes.Contains(head, []byte(`"results"`)) && bytes.Contains(head, []byte(`"next"`)) && !bytes.Contains(head, []byte(`HTTPAPIResult`)):
			// pretalx's REST API pages its lists: count, next, previous, results.
			return "", errors.New("a pretalx API export, not a schedule: export the event's /schedule/export/schedule.json (or schedule.xml) instead")
		case bytes.Contains(head, []byte(`"results"`)):
			return Indico, nil
		}
		return "", errors.New("a JSON file that is neither a schedule (no \"schedule\" object) nor an Indico export (no \"results\")")
	}
	return "", errors.New("not a schedule.xml, a schedule JSON, an Indico export or an iCalendar file")
}

// Read reads an agenda file into a meeting. name is the file's name, for
// messages.
func Read(name string, b []byte, o Options) (*agenda.Meeting, error) {
	f := o.Format
	if f == "" || f == Auto {
		var err error
		if f, err = Detect(b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	var conf conference
	var events []event
	var err error
	switch f {
	case XML:
		conf, events, err = readXML(b, o)
	case JSON:
		conf, events, err = readJSON(b, o)
	case Indico:
		conf, events, err = readIndico(b, o)
	case ICS:
		conf, events, err = readICS(name, b, o)
	default:
		return nil, fmt.Errorf("%q is not a format (%s)", f, formatList())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m, err := build(conf, events)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// What is read is a meeting.toml that loads: checked as if written by
	// hand, and read back from it (the sanitiser has been through it).
	back, probs := agenda.Parse(agenda.MeetingFile, agenda.Encode(m, ""))
	if back == nil || probs.Errors() > 0 {
		p := probs[0]
		return nil, fmt.Errorf("%s: the agenda would not make a valid meeting: %s: %s", name, p.Key, p.Msg)
	}
	// What the checks only warn of (two sessions at once in one room: a
	// real clash in a camp's schedule) is imported, and said.
	for _, p := range probs {
		if p.Warning && o.Warn != nil {
			o.Warn(fmt.Sprintf("%s: %s", sessionNamed(back, events, p.Key), p.Msg))
		}
	}
	return back, nil
}

// webAddress is s when it is an http(s) address, else "" (a file's
// relative or javascript: link is nobody's page).
func webAddress(s string) string {
	if s = clean.Line(strings.TrimSpace(s)); agenda.IsWebAddress(s) {
		return s
	}
	return ""
}

// sessionNamed writes a problem's key ("session[2].start") with the
// session's id and title, and where its event is in the source file
// (events are in the sessions' order once built).
func sessionNamed(m *agenda.Meeting, events []event, key string) string {
	var n int
	var rest string
	if _, err := fmt.Sscanf(key, "session[%d]", &n); err != nil || n < 1 || n > len(m.Sessions) {
		return key
	}
	_, rest, _ = strings.Cut(key, "]")
	s := m.Sessions[n-1]
	in := ""
	if n <= len(events) && events[n-1].where != "" {
		in = "; " + events[n-1].where + " in the file"
	}
	return fmt.Sprintf("session %q (%s, %s %s%s)%s", s.ID, s.Title, s.Date, s.TimeRange(), in, rest)
}

func formatList() string {
	s := make([]string, len(Formats))
	for i, f := range Formats {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// zone resolves the meeting's zone: the file's, else --timezone.
func zone(fileZone, flag string) (*time.Location, string, error) {
	name := fileZone
	if name == "" {
		name = flag
	}
	if name == "" {
		return nil, "", errors.New("the file names no time zone: give the meeting's with --timezone (an IANA name, like Europe/Paris)")
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, "", fmt.Errorf("%q is not an IANA time zone (like Europe/Paris)", name)
	}
	return loc, name, nil
}

// build makes the meeting: sessions in order of start, numbered, with ids
// made from the source's ids; times in the meeting's zone; presenters that
// name a country become its delegation.
func build(conf conference, events []event) (*agenda.Meeting, error) {
	if len(events) == 0 {
		return nil, errors.New("the schedule has no events")
	}
	loc, err := time.LoadLocation(conf.zone)
	if err != nil {
		return nil, err
	}
	for i := range events {
		if events[i].allDay {
			events[i].start = events[i].date.At(0, loc) // for the order
		}
	}
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].start.Equal(events[j].start) {
			return events[i].start.Before(events[j].start)
		}
		return events[i].room < events[j].room
	})
	m := &agenda.Meeting{Title: clean.Line(conf.title), URL: clean.Line(conf.url), Venue: clean.Line(conf.venue), City: clean.Line(conf.city),
		TimeZone: conf.zone, Location: loc, Start: conf.start, End: conf.end}
	if m.Title == "" {
		m.Title = clean.Line(conf.acronym)
	}
	if m.Title == "" {
		return nil, errors.New("the schedule names no conference (no title, no acronym)")
	}
	m.ID = slug(conf.acronym, 40)
	if m.ID == "" {
		m.ID = slug(conf.title, 40)
	}
	if m.ID == "" {
		m.ID = "meeting"
	}
	for _, v := range conf.venues {
		if _, dup := m.RoomNamed(v.Name); !dup {
			m.Venues = append(m.Venues, agenda.Venue{Name: clean.Line(v.Name), Description: clean.Line(v.Description)})
		}
	}
	countries := countryNames()
	ids := map[string]bool{}
	delegations := map[string]bool{}
	// A source id used twice (a hand-written calendar's UID, an event id
	// reused across rooms) is made unique by the event's start and room,
	// the same at every import, so that the file still updates the
	// sessions it made.
	uses := map[string]int{}
	for _, e := range events {
		uses[e.sourceID]++
	}
	for i, e := range events {
		given := e.sourceID // the session's id comes from it, as ever
		if e.sourceID != "" && uses[e.sourceID] > 1 {
			e.sourceID += "@" + e.start.In(loc).Format("2006-01-02T15:04")
			if e.room != "" {
				e.sourceID += "/" + e.room
			}
			events[i].sourceID = e.sourceID
		}
		st := e.start.In(loc)
		if y := st.Year(); y < 1900 || y > 2200 {
			return nil, fmt.Errorf("event %q starts in the year %d", e.title, y)
		}
		day := agenda.DateOf(st)
		if m.Start.IsZero() || day.Before(m.Start) {
			m.Start = day
		}
		if m.End.IsZero() || m.End.Before(day) {
			m.End = day
		}
		room := clean.Line(e.room)
		if room == m.Venue {
			room = "" // the meeting's own room (what plenary writes for a session without one)
		}
		s := agenda.Session{Number: i + 1, Date: day, Start: agenda.Clock(st.Hour()*60 + st.Minute()), End: agenda.NoTime, Chair: clean.Line(e.chair),
			Room: room, Title: clean.Line(e.title), Summary: clean.Text(strings.TrimSpace(e.summary)), SourceID: clean.Line(e.sourceID), URL: webAddress(e.url)}
		for _, l := range e.links {
			if u := webAddress(l.URL); u != "" {
				s.Links = append(s.Links, agenda.Link{Title: clean.Line(strings.TrimSpace(l.Title)), URL: u})
			}
		}
		if e.allDay {
			s.Start = agenda.NoTime
		}
		if e.duration > 0 && !e.allDay {
			end := e.start.Add(e.duration).In(loc)
			// Minutes from the start's midnight: past 24 h is the next day.
			days := daysBetween(day, agenda.DateOf(end))
			if days <= 1 {
				s.End = agenda.Clock(days*24*60 + end.Hour()*60 + end.Minute())
				if s.End <= s.Start || s.End-s.Start > 24*60 {
					s.End = agenda.NoTime
				}
			}
		}
		if s.Title == "" {
			s.Title = fmt.Sprintf("Session %d", s.Number)
		}
		if t := clean.Line(e.track); t != "" {
			s.Tags = []string{t}
		}
		for _, p := range e.persons {
			if code, ok := countries[strings.ToLower(p.Name)]; ok && !strings.Contains(strings.Join(s.Presenters, " "), code) {
				s.Presenters = append(s.Presenters, code)
				delegations[code] = true
				continue
			}
			p.Name, p.Role, p.ID = clean.Line(p.Name), clean.Line(p.Role), clean.Line(p.ID)
			if name, role, ok := strings.Cut(p.Name, " ("); ok && p.Role == "" && strings.HasSuffix(role, ")") {
				p.Name, p.Role = name, strings.TrimSuffix(role, ")") // "Name (Role)", as plenary writes it
			}
			if p.Name != "" {
				s.Speakers = append(s.Speakers, p)
			}
		}
		s.ID = uniqueID(ids, strings.TrimPrefix(e.slug, conf.acronym+"-"), given, s.Title, s.Number)
		m.Sessions = append(m.Sessions, s)
	}
	for _, code := range sortedKeys(delegations) {
		kind := agenda.Partner
		if data.OECDMember(code, m.Start.Year) {
			kind = agenda.Member
		}
		name, _ := data.CountryName(code)
		m.Delegations = append(m.Delegations, agenda.Delegation{Code: code, Name: name, Kind: kind})
	}
	return m, nil
}

// countryNames maps a country's name and code, lower-cased, to its code:
// a presenter named "France" or "FRA" presents for France.
func countryNames() map[string]string {
	out := map[string]string{}
	for _, c := range data.Countries() {
		out[strings.ToLower(c.Name)] = c.Code
		out[strings.ToLower(c.Code)] = c.Code
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// uniqueID is a session id made from the source's slug (without the
// conference's acronym before it: plenary's own export writes
// "meeting-session"), else from its id, else from its title; never one
// already taken.
func uniqueID(taken map[string]bool, eventSlug, sourceID, title string, number int) string {
	id := slug(eventSlug, agenda.MaxIDLength-4)
	if id == "" {
		id = slug(sourceID, agenda.MaxIDLength-4)
	}
	if id != "" && strings.Trim(id, "0123456789-") == "" {
		id = "event-" + id // a bare number names nothing
	}
	if id == "" {
		id = slug(title, 40)
	}
	if id == "" {
		id = fmt.Sprintf("session-%d", number)
	}
	base := id
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	taken[id] = true
	return id
}

// slug is s in lower-case ASCII letters and digits joined by single
// hyphens, accents dropped, at most n bytes.
func slug(s string, n int) string {
	var b strings.Builder
	hyphen := false
runes:
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
		if b.Len() >= n {
			break runes
		}
	}
	return strings.Trim(b.String()[:min(b.Len(), n)], "-")
}

// daysBetween counts the days from a to b.
func daysBetween(a, b agenda.Date) int {
	ta := time.Date(a.Year, a.Month, a.Day, 12, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year, b.Month, b.Day, 12, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Round(24*time.Hour) / (24 * time.Hour))
}
