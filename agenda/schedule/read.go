package schedule

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// MaxEvents caps what one file may hold: a conference has hundreds.
const MaxEvents = 20000

// The frab/pentabarf/pretalx schedule.xml, leniently: older files carry
// venue, city and day_change, and no guid.
type xmlSchedule struct {
	XMLName    xml.Name `xml:"schedule"`
	Conference struct {
		Title        string `xml:"title"`
		Acronym      string `xml:"acronym"`
		Start        string `xml:"start"`
		End          string `xml:"end"`
		TimeZoneName string `xml:"time_zone_name"`
		URL          string `xml:"base_url"`
		Venue        string `xml:"venue"`
		City         string `xml:"city"`
	} `xml:"conference"`
	Days []struct {
		Date  string `xml:"date,attr"`
		Rooms []struct {
			Name   string     `xml:"name,attr"`
			Events []xmlEvent `xml:"event"`
		} `xml:"room"`
		// Older Pentabarf exports put events right under the day, each
		// naming its room.
		Events []xmlEvent `xml:"event"`
	} `xml:"day"`
}

type xmlEvent struct {
	ID          string `xml:"id,attr"`
	GUID        string `xml:"guid,attr"`
	Date        string `xml:"date"`
	Start       string `xml:"start"`
	Duration    string `xml:"duration"`
	Room        string `xml:"room"`
	Slug        string `xml:"slug"`
	URL         string `xml:"url"`
	Title       string `xml:"title"`
	Subtitle    string `xml:"subtitle"`
	Track       string `xml:"track"`
	Abstract    string `xml:"abstract"`
	Description string `xml:"description"`
	Persons     []struct {
		ID   string `xml:"id,attr"`
		GUID string `xml:"guid,attr"`
		Name string `xml:",chardata"`
	} `xml:"persons>person"`
	// Some exports list <person> right under <event>.
	Person []struct {
		ID   string `xml:"id,attr"`
		GUID string `xml:"guid,attr"`
		Name string `xml:",chardata"`
	} `xml:"person"`
	Links []xmlLink `xml:"links>link"`
	Files []xmlLink `xml:"attachments>attachment"`
}

// xmlLink is <link href="…">title</link> (and an attachment alike).
type xmlLink struct {
	Href  string `xml:"href,attr"`
	Title string `xml:",chardata"`
}

func xmlLinks(ls ...[]xmlLink) []agenda.Link {
	var out []agenda.Link
	for _, l := range slices.Concat(ls...) {
		out = append(out, agenda.Link{Title: l.Title, URL: l.Href})
	}
	return out
}

func readXML(b []byte, o Options) (conference, []event, error) {
	var s xmlSchedule
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&s); err != nil {
		return conference{}, nil, xmlError(b, d, err)
	}
	c := s.Conference
	conf := conference{title: c.Title, acronym: c.Acronym, url: c.URL, venue: c.Venue, city: c.City}
	fileZone := strings.TrimSpace(c.TimeZoneName)
	if fileZone == "" && o.TimeZone == "" {
		// No zone named: every event's date with the same offset is one.
		var dates []stamped
		for di, day := range s.Days {
			for _, room := range day.Rooms {
				for ei, x := range room.Events {
					dates = append(dates, stamped{x.Date, fmt.Sprintf("day %d, room %q, event %d", di+1, room.Name, ei+1)})
				}
			}
			for ei, x := range day.Events {
				dates = append(dates, stamped{x.Date, fmt.Sprintf("day %d, event %d", di+1, ei+1)})
			}
		}
		z, err := offsetZone(dates)
		if err != nil {
			return conf, nil, err
		}
		fileZone = z
	}
	loc, name, err := zone(fileZone, o.TimeZone)
	if err != nil {
		return conf, nil, err
	}
	conf.zone = name
	conf.start, _ = agenda.ParseDate(strings.TrimSpace(c.Start)[:min(10, len(strings.TrimSpace(c.Start)))])
	conf.end, _ = agenda.ParseDate(strings.TrimSpace(c.End)[:min(10, len(strings.TrimSpace(c.End)))])
	var events []event
	add := func(where, day, room string, x xmlEvent) error {
		if x.ID != "" {
			where = fmt.Sprintf("event id %q", x.ID)
		}
		start, dur, err := eventTimes(x.Date, day, x.Start, x.Duration, loc)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		disagree(o.Warn, where, x.Date, day, x.Start, start, loc)
		e := event{sourceID: firstOf(x.GUID, x.ID), slug: x.Slug, start: start, duration: dur, room: firstOf(x.Room, room),
			title: joinTitle(x.Title, x.Subtitle), track: x.Track, summary: summary(x.Abstract, x.Description), url: x.URL, links: xmlLinks(x.Links, x.Files), where: where}
		for _, p := range append(x.Persons, x.Person...) {
			if name := strings.TrimSpace(p.Name); name != "" {
				e.persons = append(e.persons, agenda.Speaker{Name: name, ID: strings.TrimSpace(firstOf(p.GUID, p.ID))})
			}
		}
		events = append(events, e)
		if len(events) > MaxEvents {
			return fmt.Errorf("more than %d events", MaxEvents)
		}
		return nil
	}
	for di, day := range s.Days {
		for _, room := range day.Rooms {
			for ei, x := range room.Events {
				if err := add(fmt.Sprintf("day %d (%s), room %q, event %d", di+1, day.Date, room.Name, ei+1), day.Date, room.Name, x); err != nil {
					return conf, nil, err
				}
			}
		}
		for ei, x := range day.Events {
			if err := add(fmt.Sprintf("day %d (%s), event %d", di+1, day.Date, ei+1), day.Date, "", x); err != nil {
				return conf, nil, err
			}
		}
	}
	return conf, events, nil
}

// xmlError places a decoding error at its line and column.
func xmlError(b []byte, d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, col := d.InputPos()
		return fmt.Errorf("%d:%d: %s", line, col, se.Msg)
	}
	off := d.InputOffset()
	line := bytes.Count(b[:min(int(off), len(b))], []byte("\n")) + 1
	return fmt.Errorf("line %d: %v", line, err)
}

// The c3voc / pretalx schedule JSON: version 1 lists the events under
// each day's rooms; version 2 (schema2.json) beside the conference, each
// with its start and end and its room and track as objects.
type jsonSchedule struct {
	Schedule *struct {
		Conference struct {
			Title        string `json:"title"`
			Acronym      string `json:"acronym"`
			Start        string `json:"start"`
			End          string `json:"end"`
			TimeZoneName string `json:"time_zone_name"`
			URL          string `json:"url"`
			Days         []struct {
				Date  string                 `json:"date"`
				Rooms map[string][]jsonEvent `json:"rooms"`
			} `json:"days"`
			Tracks []struct {
				Name string `json:"name"`
				Slug string `json:"slug"`
			} `json:"tracks"`
			Rooms []struct {
				Name        string          `json:"name"`
				Description json.RawMessage `json:"description"` // a text, or one per language
			} `json:"rooms"`
		} `json:"conference"`
		Events []jsonEventV2 `json:"events"`
	} `json:"schedule"`
}

type jsonEventV2 struct {
	GUID  string `json:"guid"`
	Start string `json:"start"`
	End   string `json:"end"`
	Room  struct {
		Name string `json:"name"`
	} `json:"room"`
	Slug     string `json:"slug"`
	URL      string `json:"url"`
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	Track    struct {
		Name string `json:"name"`
		Slug string `json:"slug"`
	} `json:"track"`
	Abstract     string `json:"abstract"`
	Description  string `json:"description"`
	Participants []struct {
		GUID string `json:"guid"`
		Name string `json:"name"`
		Role string `json:"role"`
	} `json:"participants"`
	Links       []jsonLink `json:"links"`
	Attachments []jsonLink `json:"attachments"`
}

type jsonEvent struct {
	GUID        string          `json:"guid"`
	ID          json.RawMessage `json:"id"`
	Date        string          `json:"date"`
	Start       string          `json:"start"`
	Duration    string          `json:"duration"`
	Room        string          `json:"room"`
	Slug        string          `json:"slug"`
	URL         string          `json:"url"`
	Title       string          `json:"title"`
	Subtitle    string          `json:"subtitle"`
	Track       string          `json:"track"`
	Abstract    string          `json:"abstract"`
	Description string          `json:"description"`
	Persons     []struct {
		Name       string          `json:"name"`
		PublicName string          `json:"public_name"`
		GUID       string          `json:"guid"`
		ID         json.RawMessage `json:"id"`   // a number or a string
		Code       string          `json:"code"` // pretalx
	} `json:"persons"`
	Links       []jsonLink `json:"links"`
	Attachments []jsonLink `json:"attachments"`
}

// jsonLink is a link of the schedule JSON: an object with its url and a
// title, or only the address.
type jsonLink struct{ URL, Title string }

func (l *jsonLink) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		l.URL = s
		return nil
	}
	var o struct {
		URL   string `json:"url"`
		Title string `json:"title"`
		Type  string `json:"type"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	l.URL, l.Title = o.URL, firstOf(o.Title, o.Type)
	return nil
}

func jsonLinks(ls ...[]jsonLink) []agenda.Link {
	var out []agenda.Link
	for _, l := range slices.Concat(ls...) {
		out = append(out, agenda.Link{Title: l.Title, URL: l.URL})
	}
	return out
}

func readJSON(b []byte, o Options) (conference, []event, error) {
	var s jsonSchedule
	if err := json.Unmarshal(b, &s); err != nil {
		return conference{}, nil, jsonError(b, err)
	}
	if s.Schedule == nil {
		return conference{}, nil, errors.New(`no "schedule" object at the top`)
	}
	c := s.Schedule.Conference
	conf := conference{title: c.Title, acronym: c.Acronym, url: c.URL}
	fileZone := strings.TrimSpace(c.TimeZoneName)
	if fileZone == "" && o.TimeZone == "" {
		var dates []stamped
		for i, x := range s.Schedule.Events {
			dates = append(dates, stamped{x.Start, fmt.Sprintf("schedule.events[%d]", i)})
		}
		for di, day := range c.Days {
			for room, evs := range day.Rooms {
				for ei, x := range evs {
					dates = append(dates, stamped{x.Date, fmt.Sprintf("schedule.conference.days[%d].rooms[%q][%d]", di, room, ei)})
				}
			}
		}
		z, err := offsetZone(dates)
		if err != nil {
			return conf, nil, err
		}
		fileZone = z
	}
	loc, name, err := zone(fileZone, o.TimeZone)
	if err != nil {
		return conf, nil, err
	}
	conf.zone = name
	conf.start, _ = agenda.ParseDate(c.Start[:min(10, len(c.Start))])
	conf.end, _ = agenda.ParseDate(c.End[:min(10, len(c.End))])
	for _, r := range c.Rooms {
		if name := strings.TrimSpace(r.Name); name != "" {
			conf.venues = append(conf.venues, agenda.Venue{Name: name, Description: localized(r.Description)})
		}
	}
	var events []event
	tracks := map[string]string{}
	for _, tr := range c.Tracks {
		tracks[tr.Slug] = tr.Name
	}
	for i, x := range s.Schedule.Events {
		where := fmt.Sprintf("schedule.events[%d]", i)
		start, err := eventStart(x.Start, "", "", loc)
		if err != nil {
			return conf, nil, fmt.Errorf("%s: start: %w", where, err)
		}
		end, err := eventStart(x.End, "", "", loc)
		if err != nil || end.Before(start) {
			return conf, nil, fmt.Errorf("%s: end %q is not a time after its start %q", where, x.End, x.Start)
		}
		e := event{sourceID: x.GUID, slug: x.Slug, start: start, duration: end.Sub(start), room: x.Room.Name,
			title: joinTitle(x.Title, x.Subtitle), track: firstOf(x.Track.Name, tracks[x.Track.Slug], x.Track.Slug), summary: summary(x.Abstract, x.Description), url: x.URL, links: jsonLinks(x.Links, x.Attachments), where: where}
		for _, p := range x.Participants {
			if name := strings.TrimSpace(p.Name); name != "" && (p.Role == "" || p.Role == "speaker" || p.Role == "moderator") {
				e.persons = append(e.persons, agenda.Speaker{Name: name, ID: strings.TrimSpace(p.GUID)})
			}
		}
		events = append(events, e)
		if len(events) > MaxEvents {
			return conf, nil, fmt.Errorf("more than %d events", MaxEvents)
		}
	}
	for di, day := range c.Days {
		rooms := make([]string, 0, len(day.Rooms))
		for r := range day.Rooms {
			rooms = append(rooms, r)
		}
		sort.Strings(rooms)
		for _, room := range rooms {
			for ei, x := range day.Rooms[room] {
				id := strings.Trim(string(x.ID), `"`)
				where := fmt.Sprintf("schedule.conference.days[%d].rooms[%q][%d]", di, room, ei)
				start, dur, err := eventTimes(x.Date, day.Date, x.Start, x.Duration, loc)
				if err != nil {
					return conf, nil, fmt.Errorf("%s: %w", where, err)
				}
				disagree(o.Warn, where, x.Date, day.Date, x.Start, start, loc)
				e := event{sourceID: firstOf(x.GUID, id), slug: x.Slug, start: start, duration: dur, room: firstOf(x.Room, room),
					title: joinTitle(x.Title, x.Subtitle), track: x.Track, summary: summary(x.Abstract, x.Description), url: x.URL, links: jsonLinks(x.Links, x.Attachments), where: where}
				for _, p := range x.Persons {
					e.persons = append(e.persons, agenda.Speaker{Name: strings.TrimSpace(firstOf(p.PublicName, p.Name)),
						ID: strings.TrimSpace(firstOf(p.GUID, p.Code, strings.Trim(string(p.ID), `"`)))})
				}
				events = append(events, e)
				if len(events) > MaxEvents {
					return conf, nil, fmt.Errorf("more than %d events", MaxEvents)
				}
			}
		}
	}
	return conf, events, nil
}

// localized is a text given as such or per language ({"en": …, "de": …}):
// the English, else the first given, in the order of the keys' names.
func localized(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var byLang map[string]*string
	if json.Unmarshal(raw, &byLang) != nil {
		return ""
	}
	if t := byLang["en"]; t != nil && strings.TrimSpace(*t) != "" {
		return strings.TrimSpace(*t)
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		if t := byLang[l]; t != nil && strings.TrimSpace(*t) != "" {
			return strings.TrimSpace(*t)
		}
	}
	return ""
}

// jsonError places a decoding error at its line and column.
func jsonError(b []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("%s: %s where %s was expected", te.Field, te.Value, te.Type)
	}
	if off < 0 {
		return err
	}
	before := b[:min(int(off), len(b))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))
	return fmt.Errorf("%d:%d: %v", line, max(col, 1), err)
}

// stamped is an event's date as written, and where it is in its file.
type stamped struct{ date, where string }

// offsetZone is the zone a file without a time zone's name gives by its
// events' dates: one offset for all of them (+02:00 is Etc/GMT-2, the
// IANA name's sign turned), "" when there are none to read. Offsets that
// differ (a change of time in the conference) or events without one name
// no zone: the error says which, and to give --timezone.
func offsetZone(dates []stamped) (string, error) {
	if len(dates) == 0 {
		return "", nil
	}
	var missing []string
	unmarked := 0
	seen := map[int]bool{}
	for _, d := range dates {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(d.date))
		if err != nil {
			if unmarked++; len(missing) < 3 {
				missing = append(missing, d.where)
			}
			continue
		}
		_, off := t.Zone()
		seen[off] = true
	}
	const ask = "give the meeting's with --timezone (an IANA name, like Europe/Paris)"
	switch {
	case unmarked > 0:
		more := ""
		if unmarked > len(missing) {
			more = fmt.Sprintf(" and %d more", unmarked-len(missing))
		}
		return "", fmt.Errorf("the file names no time zone, and events give no offset with their dates (%s%s): %s", strings.Join(missing, "; "), more, ask)
	case len(seen) > 1:
		return "", fmt.Errorf("the file names no time zone and its events' offsets differ (a change of time?): %s", ask)
	}
	for off := range seen {
		if off%3600 != 0 || off < -12*3600 || off > 14*3600 {
			return "", fmt.Errorf("the file names no time zone and its offset %+dm is not a whole hour: %s", off/60, ask)
		}
		if off == 0 {
			return "UTC", nil
		}
		return fmt.Sprintf("Etc/GMT%+d", -off/3600), nil
	}
	return "", nil
}

// eventTimes reads a schedule event's start and duration.
func eventTimes(date, day, start, duration string, loc *time.Location) (time.Time, time.Duration, error) {
	t, err := eventStart(date, day, start, loc)
	if err != nil {
		return t, 0, err
	}
	d, err := parseDuration(duration)
	return t, d, err
}

// eventStart is when an event starts: its date with an offset when it has
// one (prefer it), else its day's date and its start time in the zone.
func eventStart(date, day, start string, loc *time.Location) (time.Time, error) {
	date, day, start = strings.TrimSpace(date), strings.TrimSpace(day), strings.TrimSpace(start)
	if date != "" {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05-0700", "2006-01-02T15:04-07:00"} {
			if t, err := time.Parse(layout, date); err == nil {
				return t, nil
			}
		}
		if t, err := time.ParseInLocation("2006-01-02T15:04:05", date, loc); err == nil {
			return t, nil
		}
		if t, err := time.ParseInLocation("2006-01-02T15:04", date, loc); err == nil {
			return t, nil
		}
	}
	d, err := time.ParseInLocation("2006-01-02", day[:min(10, len(day))], loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("no date: %q is not a date with a time, nor %q a day", date, day)
	}
	c, err := agenda.ParseClock(start[:min(5, len(start))])
	if err != nil || start == "" {
		return time.Time{}, fmt.Errorf("start %q is not a time (HH:MM)", start)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), int(c)/60, int(c)%60, 0, 0, loc), nil
}

// disagree tells warn when an event's date (taken) and its day and start
// time would have put it elsewhere: both values, and the choice made.
func disagree(warn func(string), where, date, day, start string, took time.Time, loc *time.Location) {
	if warn == nil || strings.TrimSpace(date) == "" || strings.TrimSpace(start) == "" || strings.TrimSpace(day) == "" {
		return
	}
	other, err := eventStart("", day, start, loc)
	if err != nil || other.Equal(took) {
		return
	}
	gap := took.Sub(other).Abs()
	by := fmt.Sprintf("%d min", int(gap.Minutes()))
	if gap >= time.Hour {
		by = strings.TrimSuffix(fmt.Sprintf("%d h %d min", int(gap.Hours()), int(gap.Minutes())%60), " 0 min")
	}
	warn(fmt.Sprintf("%s: <date> %s and <start> %s on %s (%s) disagree by %s: the date is taken, %s", where, strings.TrimSpace(date),
		strings.TrimSpace(start), strings.TrimSpace(day)[:min(10, len(strings.TrimSpace(day)))], loc, by, took.In(loc).Format("2006-01-02 15:04")))
}

var durationRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,3}):(\d{2})(?::(\d{2}))?$`) })

// parseDuration reads "H:MM" or "HH:MM:SS"; empty is unknown.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	m := durationRE().FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("duration %q is not H:MM", s)
	}
	h, _ := strconv.Atoi(m[1])
	mins, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	return time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute + time.Duration(sec)*time.Second, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func joinTitle(title, sub string) string {
	title, sub = strings.TrimSpace(title), strings.TrimSpace(sub)
	if sub == "" {
		return title
	}
	return title + ": " + sub
}

// summary is an abstract and a description as Markdown text.
func summary(abstract, description string) string {
	a, d := markdownText(abstract), markdownText(description)
	if d == "" || d == a {
		return a
	}
	if a == "" {
		return d
	}
	return a + "\n\n" + d
}

var htmlRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)</?(p|br|div|span|ul|ol|li|a|b|strong|i|em|h[1-6]|table|tr|td|blockquote|code|pre)\b[^>]*>`)
})

// markdownText reduces HTML to Markdown text: paragraphs and line breaks
// kept, list items as "- ", bold and italics marked, links as "text
// (address)", every other tag dropped, entities decoded. Text with no
// HTML tag in it is Markdown or plain text and stays as it is.
func markdownText(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	if !htmlRE().MatchString(s) {
		return s // Markdown or plain text: "<angle>" is text
	}
	var b strings.Builder
	href := "" // the address of the link being read
	linkAt := 0
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		j := strings.IndexByte(s[max(i, 0):], '>')
		if i < 0 || j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		tag := s[i+1 : i+j]
		s = s[i+j+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		switch name {
		case "p", "div", "ul", "ol", "table", "tr", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6":
			b.WriteString("\n\n")
		case "br":
			b.WriteString("\n")
		case "li":
			if !closing {
				b.WriteString("\n- ")
			}
		case "b", "strong":
			b.WriteString("**")
		case "i", "em":
			b.WriteString("*")
		case "a":
			if !closing {
				href, linkAt = attr(tag, "href"), b.Len()
			} else if href != "" {
				text := strings.TrimSpace(b.String()[linkAt:])
				if text == "" {
					b.WriteString(href)
				} else if text != href {
					b.WriteString(" (" + href + ")")
				}
				href = ""
			}
		}
	}
	lines := strings.Split(html.UnescapeString(b.String()), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// attr is the value of an attribute in a tag's text ("a href='x'").
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	i := strings.Index(lower, name+"=")
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+1:]
	if v == "" {
		return ""
	}
	if q := v[0]; q == '"' || q == '\'' {
		if k := strings.IndexByte(v[1:], q); k >= 0 {
			return v[1 : k+1]
		}
		return ""
	}
	if k := strings.IndexAny(v, " \t\n>"); k >= 0 {
		return v[:k]
	}
	return v
}
