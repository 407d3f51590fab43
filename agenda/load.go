package agenda

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // time zones must resolve on machines without a zoneinfo database

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// MeetingFile is the name of the agenda file in a bundle.
const MeetingFile = "meeting.toml"

// Problem and Problems are the loader's reports; see package strict.
type (
	Problem  = strict.Problem
	Problems = strict.Problems
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxIDLength caps ids: a session id names its note and journal files, a
// meeting id a folder, and every such name must fit a file system's 255
// bytes with room to spare.
const MaxIDLength = 64

// IsSlug reports whether s is lower-case letters and digits in words joined
// by single hyphens, at most MaxIDLength long: the form of meeting, session
// and slide ids.
func IsSlug(s string) bool { return len(s) <= MaxIDLength && slugRE.MatchString(s) }

// slugProblem says what is wrong with an id that is not a slug.
func slugProblem(s string) string {
	if len(s) > MaxIDLength {
		return fmt.Sprintf("is %d characters long; ids have at most %d", len(s), MaxIDLength)
	}
	return fmt.Sprintf("%q is not a slug (lower-case letters, digits and single hyphens)", s)
}

var codeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{1,15}$`)

// Load reads and validates meeting.toml from a bundle. It returns the meeting
// when there is no error (warnings allowed) and every problem found, in file
// order. Disk folders and the embedded bundle go through this same code.
func Load(fsys fs.FS) (*Meeting, Problems) {
	src, err := strict.ReadFile(fsys, MeetingFile)
	if err != nil {
		return nil, Problems{{File: MeetingFile, Line: 1, Col: 1, Msg: err.Error()}}
	}
	return Parse(MeetingFile, src)
}

// Parse decodes and validates the text of a meeting.toml; file names it in
// problems.
func Parse(file, src string) (*Meeting, Problems) {
	doc, probs := strict.Decode(file, src)
	if doc == nil {
		return nil, probs
	}
	r := &reader{doc}
	m := r.meeting()
	doc.Problems.Sort()
	if doc.Problems.Errors() > 0 {
		return nil, doc.Problems
	}
	m.index()
	return m, doc.Problems
}

// reader turns the decoded document into a Meeting, collecting problems.
type reader struct{ *strict.Doc }

func (r *reader) meeting() *Meeting {
	m := &Meeting{}
	r.Top("meeting", "delegation", "room", "session")
	if _, ok := r.Raw["meeting"]; !ok {
		r.At(strict.Pos{Line: 1, Col: 1}, "meeting", false, "missing [meeting] table")
	} else {
		r.meetingTable(m, r.Raw["meeting"])
	}
	r.delegations(m, r.Array("", r.Raw, "delegation"))
	r.venues(m, r.Array("", r.Raw, "room"))
	r.sessions(m, r.Array("", r.Raw, "session"))
	return m
}

// venues reads the [[room]] tables: a name each (unique, whatever its
// case) and a description.
func (r *reader) venues(m *Meeting, list []any) {
	seen := map[string]string{}
	for i, v := range list {
		name := fmt.Sprintf("room[%d]", i+1)
		t := r.Table(name, v, "name", "description")
		ve := Venue{Name: t.Line("name", true), Description: t.String("description", false)}
		if ve.Name == "" {
			continue
		}
		if first, dup := seen[strings.ToLower(ve.Name)]; dup {
			r.Errorf(name, "name", "duplicate room %q (first in %s)", ve.Name, first)
			continue
		}
		seen[strings.ToLower(ve.Name)] = name
		m.Venues = append(m.Venues, ve)
	}
}

// RoomNamed is the room named name in the meeting's [[room]] tables.
func (m *Meeting) RoomNamed(name string) (Venue, bool) {
	for _, v := range m.Venues {
		if strings.EqualFold(v.Name, name) {
			return v, true
		}
	}
	return Venue{}, false
}

func (r *reader) meetingTable(m *Meeting, v any) {
	t := r.Table("meeting", v, "id", "title", "organiser", "venue", "city", "start", "end", "timezone", "url", "description", "speaking_limit", "chatham_house", "record")
	m.SpeakingLimit = speakingLimit(t)
	m.ChathamHouse = t.Bool("chatham_house")
	m.ID = t.Line("id", true)
	if m.ID != "" && !IsSlug(m.ID) {
		r.Errorf("meeting", "id", "%s", slugProblem(m.ID))
	}
	m.Title = t.Line("title", true)
	m.Organiser = t.Line("organiser", false)
	m.Venue = t.Line("venue", false)
	m.City = t.Line("city", false)
	m.Description = t.String("description", false)
	m.Record = t.Line("record", false)
	m.URL = t.Line("url", false)
	if m.URL != "" {
		if !IsWebAddress(m.URL) {
			t.Warnf("url", "%q is not an http(s) address", m.URL)
		}
	}
	start, okS := date(t, "start")
	end, okE := date(t, "end")
	m.Start, m.End = start, end
	if okS && okE && end.Before(start) {
		r.Errorf("meeting", "end", "%s is before the start, %s", end, start)
	}
	m.TimeZone = t.Line("timezone", true)
	m.Location = time.UTC
	if m.TimeZone != "" {
		loc, err := time.LoadLocation(m.TimeZone)
		if err != nil || m.TimeZone == "Local" {
			r.Errorf("meeting", "timezone", "%q is not an IANA time zone (e.g. \"Europe/Paris\")", m.TimeZone)
		} else {
			m.Location = loc
		}
	}
}

// speakingLimit reads a turn's limit ("3m", "90s", "2m30s"): more than
// nothing, at most an hour.
func speakingLimit(t *strict.Table) time.Duration {
	s := t.Line("speaking_limit", false)
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 || d > time.Hour || d%time.Second != 0 {
		t.Errorf("speaking_limit", "%q is not a limit per turn (like \"3m\" or \"90s\", at most \"1h\")", s)
		return 0
	}
	return d
}

func (r *reader) delegations(m *Meeting, list []any) {
	seen := map[string]string{}
	for i, v := range list {
		name := fmt.Sprintf("delegation[%d]", i+1)
		t := r.Table(name, v, "code", "name", "kind")
		d := Delegation{Code: t.Line("code", true), Name: t.Line("name", false), Kind: Kind(t.Line("kind", true))}
		if d.Kind != "" && !validKind(d.Kind) {
			r.Errorf(name, "kind", "%q is not a kind (member, partner, organisation, secretariat)", string(d.Kind))
		}
		if d.Code != "" {
			if !codeRE.MatchString(d.Code) {
				r.Errorf(name, "code", "%q is not a code (ISO 3166-1 alpha-3 for countries, a short slug for organisations)", d.Code)
			}
			country, isCountry := data.CountryName(d.Code)
			if d.Kind == Member || d.Kind == Partner {
				if !isCountry {
					r.Errorf(name, "code", "%q is not an ISO 3166-1 alpha-3 country code", d.Code)
				} else {
					d.Code = strings.ToUpper(d.Code)
				}
			}
			if d.Name == "" {
				if isCountry {
					d.Name = country
				} else if d.Kind == Organisation || d.Kind == Secretariat {
					r.At(r.TablePos(name), name+".name", false, "missing (required when code is not a country)")
				}
			}
			// Codes differing only in case name one delegation: a person
			// reads ODC and odc as the same.
			if first, dup := seen[strings.ToUpper(d.Code)]; dup {
				r.Errorf(name, "code", "duplicate code %q (first used in %s)", d.Code, first)
			} else {
				seen[strings.ToUpper(d.Code)] = name
			}
		}
		m.Delegations = append(m.Delegations, d)
	}
}

func validKind(k Kind) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

func (r *reader) sessions(m *Meeting, list []any) {
	codes := map[string]bool{}
	for _, d := range m.Delegations {
		codes[d.Code] = true
	}
	ids := map[string]string{}
	numbers := map[int]string{}
	names := make([]string, len(list))
	for i, v := range list {
		name := fmt.Sprintf("session[%d]", i+1)
		names[i] = name
		t := r.Table(name, v, "id", "number", "date", "start", "end", "room", "title", "chair", "presenters", "speakers", "summary", "tags", "speaking_limit", "source_id", "url", "links")
		s := Session{ID: t.Line("id", true), SpeakingLimit: speakingLimit(t)}
		if s.ID != "" {
			if !IsSlug(s.ID) {
				r.Errorf(name, "id", "%s", slugProblem(s.ID))
			} else if first, dup := ids[s.ID]; dup {
				r.Errorf(name, "id", "duplicate id %q (first used in %s)", s.ID, first)
			} else {
				ids[s.ID] = name
			}
		}
		if n, ok := t.Int("number", true); ok {
			s.Number = n
			if first, dup := numbers[n]; dup {
				r.Errorf(name, "number", "duplicate number %d (first used in %s)", n, first)
			} else {
				numbers[n] = name
			}
		}
		date, okDate := date(t, "date")
		s.Date = date
		if okDate && !m.Start.IsZero() && !m.End.IsZero() && !m.End.Before(m.Start) && (date.Before(m.Start) || m.End.Before(date)) {
			r.Errorf(name, "date", "%s is outside the meeting (%s to %s)", date, m.Start, m.End)
		}
		s.Title = t.Line("title", true)
		s.Room, s.Chair = t.Line("room", false), t.Line("chair", false)
		if _, ok := m.RoomNamed(s.Room); s.Room != "" && len(m.Venues) > 0 && !ok {
			t.Warnf("room", "%q is not one of the meeting's rooms ([[room]])", s.Room)
		}
		s.Summary, s.Tags = t.String("summary", false), t.Strings("tags")
		s.Start, s.End = clock(t, "start"), clock(t, "end")
		switch {
		case s.End != NoTime && !t.Has("start"):
			r.Errorf(name, "end", "an end needs a start")
			s.End = NoTime
		case s.Start >= 24*60:
			r.Errorf(name, "start", "a session starts on its date: %q is for an end after midnight", s.Start)
			s.Start, s.End = NoTime, NoTime
		case s.Start != NoTime && s.End != NoTime && s.End <= s.Start:
			r.Errorf(name, "end", "%s is not after the start, %s (an end after midnight is \"HH:MM next day\")", s.End, s.Start)
			s.End = NoTime
		case s.Start != NoTime && s.End != NoTime && s.End-s.Start > 24*60:
			r.Errorf(name, "end", "%s is more than a day after the start, %s", s.End, s.Start)
			s.End = NoTime
		}
		presenting := map[string]int{}
		for _, p := range t.Strings("presenters") {
			presenting[p]++
			switch {
			case !codes[p]:
				if !r.Full() {
					r.At(r.ElementPos(name, "presenters", p), name+".presenters", false, "%q is not a delegation code", p)
				}
				continue
			case presenting[p] > 1:
				r.At(r.ElementPosNth(name, "presenters", p, presenting[p]), name+".presenters", false, "%q is listed twice", p)
				continue
			}
			s.Presenters = append(s.Presenters, p)
		}
		s.Speakers = r.speakers(t, codes)
		s.Links = r.links(t)
		s.SourceID = t.Line("source_id", false)
		if s.URL = t.Line("url", false); s.URL != "" {
			if !IsWebAddress(s.URL) {
				t.Warnf("url", "%q is not an http(s) address: left out", s.URL)
				s.URL = ""
			}
		}
		tagged, exact := map[string]bool{}, map[string]int{}
		for _, tag := range s.Tags {
			exact[tag]++ // which occurrence of this spelling, for its place
			if tagged[strings.ToLower(tag)] {
				r.At(r.ElementPosNth(name, "tags", tag, exact[tag]), name+".tags", false, "%q is listed twice", tag)
			}
			tagged[strings.ToLower(tag)] = true
		}
		m.Sessions = append(m.Sessions, s)
	}
	r.overlaps(m.Sessions, names)
}

// tables reads an array of inline tables (a session's speakers or
// links), what is each element's name in messages, elem and array
// examples of one and of all; ok is false, and the problem reported, when
// v is not one.
func tables(v any, what, elem, array string, at func(format string, args ...any)) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		var list []map[string]any
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				at("each %s must be a table (%s), not %s", what, elem, strict.TypeName(e))
				return nil, false
			}
			list = append(list, m)
		}
		return list, true
	}
	at("must be an array of %ss (%s), not %s", what, array, strict.TypeName(v))
	return nil, false
}

// IsWebAddress reports whether s is an http(s) address with a host: what
// a page or a link may be (never a relative path or javascript:).
func IsWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// links reads a session's links: an array of inline tables, each with
// an http(s) url and optionally a title; one that is not a web address is
// a warning and left out.
func (r *reader) links(t *strict.Table) []Link {
	v, ok := t.Value("links")
	if !ok {
		return nil
	}
	at := func(warn bool, format string, args ...any) {
		r.At(r.KeyPos(t.Name, "links"), t.Name+".links", warn, format, args...)
	}
	list, ok := tables(v, "link", `{ url = "https://…", title = "…" }`, `[{ url = "https://…", title = "…" }]`,
		func(format string, args ...any) { at(false, format, args...) })
	if !ok {
		return nil
	}
	var out []Link
	for i, m := range list {
		var l Link
		ok := true
		for _, k := range slices.Sorted(maps.Keys(m)) {
			s, isString := m[k].(string)
			switch {
			case k != "url" && k != "title":
				at(false, "link %d: unknown key %q (allowed: url, title)", i+1, clean.Line(k))
				ok = false
			case !isString:
				at(false, "link %d: %s must be a string, not %s", i+1, k, strict.TypeName(m[k]))
				ok = false
			case k == "url":
				l.URL = clean.Line(s)
			default:
				l.Title = clean.Line(s)
			}
		}
		if ok && !IsWebAddress(l.URL) {
			at(true, "link %d: %q is not an http(s) address: left out", i+1, l.URL)
			ok = false
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// speakers reads a session's speakers: an array of inline tables, each
// with a name, and optionally a role and a delegation code. Problems are
// placed at the array, naming the speaker.
func (r *reader) speakers(t *strict.Table, codes map[string]bool) []Speaker {
	v, ok := t.Value("speakers")
	if !ok {
		return nil
	}
	at := func(format string, args ...any) {
		r.At(r.KeyPos(t.Name, "speakers"), t.Name+".speakers", false, format, args...)
	}
	list, ok := tables(v, "speaker", `{ name = "…" }`, `[{ name = "…", role = "…" }]`, at)
	if !ok {
		return nil
	}
	var out []Speaker
	for i, m := range list {
		var p Speaker
		ok := true
		for _, k := range slices.Sorted(maps.Keys(m)) {
			v := m[k]
			s, isString := v.(string)
			switch {
			case k != "name" && k != "role" && k != "delegation" && k != "id":
				at("speaker %d: unknown key %q (allowed: name, role, delegation, id)", i+1, clean.Line(k))
				ok = false
			case !isString:
				at("speaker %d: %s must be a string, not %s", i+1, k, strict.TypeName(v))
				ok = false
			case k == "name":
				p.Name = clean.Line(s)
			case k == "role":
				p.Role = clean.Line(s)
			case k == "id":
				p.ID = clean.Line(s)
			default:
				p.Delegation = clean.Line(s)
			}
		}
		switch {
		case !ok:
		case strings.TrimSpace(p.Name) == "":
			at("speaker %d: the name is missing", i+1)
		case p.Delegation != "" && !codes[p.Delegation]:
			at("speaker %d: %q is not a delegation code", i+1, p.Delegation)
		default:
			out = append(out, p)
		}
	}
	return out
}

// overlaps reports timed sessions that share a day and a room (no room means
// the plenary room) and overlap in time.
func (r *reader) overlaps(ss []Session, names []string) {
	type slot struct {
		i    int
		s, e Clock
	}
	rooms := map[string][]slot{}
	for i, s := range ss {
		if s.Start == NoTime || s.End == NoTime {
			continue
		}
		k := s.Date.String() + "\x00" + strings.ToLower(s.Room)
		rooms[k] = append(rooms[k], slot{i, s.Start, s.End})
	}
	for _, slots := range rooms {
		sort.Slice(slots, func(a, b int) bool { return slots[a].s < slots[b].s })
		for a := 1; a < len(slots); a++ {
			prev, cur := slots[a-1], slots[a]
			if cur.s < prev.e {
				room := ss[cur.i].Room
				if room == "" {
					room = "the plenary room"
				}
				r.Warnf(names[cur.i], "start", "overlaps %s (%s, %s–%s) in %s", names[prev.i],
					ss[prev.i].ID, prev.s, prev.e, room)
			}
		}
	}
}

// date reads a required date.
func date(t *strict.Table, key string) (Date, bool) {
	d, ok := t.Date(key, true)
	return DateOf(d), ok
}

// clock accepts "HH:MM" or a TOML local time (09:30:00).
func clock(t *strict.Table, key string) Clock {
	v, ok := t.Value(key)
	if !ok {
		return NoTime
	}
	switch v := v.(type) {
	case time.Time:
		if v.Year() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.Errorf(key, "must be a local time of day in whole minutes (HH:MM)")
			return NoTime
		}
		return Clock(v.Hour()*60 + v.Minute())
	case string:
		c, err := ParseClock(clean.Line(v))
		if err != nil {
			t.Errorf(key, "%v", err)
			return NoTime
		}
		return c
	}
	t.Errorf(key, "must be a time of day (\"HH:MM\"), not %s", strict.TypeName(v))
	return NoTime
}
