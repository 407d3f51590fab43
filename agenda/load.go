package agenda

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // time zones must resolve on machines without a zoneinfo database

	"github.com/BurntSushi/toml"

	"codeberg.org/plenary/plenary/data"
)

// MeetingFile is the name of the agenda file in a bundle.
const MeetingFile = "meeting.toml"

// MaxFileSize caps what is read of a bundle file before decoding.
const MaxFileSize = 16 << 20

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
var codeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{1,15}$`)

// Load reads and validates meeting.toml from a bundle. It returns the meeting
// when there is no error (warnings allowed) and every problem found, in file
// order. Disk folders and the embedded bundle go through this same code.
func Load(fsys fs.FS) (*Meeting, Problems) {
	src, err := ReadFile(fsys, MeetingFile)
	if err != nil {
		return nil, Problems{{File: MeetingFile, Line: 1, Col: 1, Msg: err.Error()}}
	}
	return Parse(MeetingFile, src)
}

// ReadFile reads a bundle file, refusing one larger than MaxFileSize.
func ReadFile(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s not found", name)
		}
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %v", name, err)
	}
	if len(b) > MaxFileSize {
		return "", fmt.Errorf("%s is larger than %d MiB", name, MaxFileSize>>20)
	}
	return string(b), nil
}

// Parse decodes and validates the text of a meeting.toml; file names it in
// problems.
func Parse(file, src string) (*Meeting, Problems) {
	ix := indexTOML(src)
	if ix.tooDeep != nil {
		return nil, Problems{{File: file, Line: ix.tooDeep.Line, Col: ix.tooDeep.Col,
			Msg: fmt.Sprintf("nested more than %d levels deep", maxDepth)}}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The decoder counts a newline as the start of the next line;
			// place the error at the byte it names instead.
			p := pos{pe.Position.Line, max(pe.Position.Col, 1)}
			if pe.Position.Start > 0 && pe.Position.Start < len(src) {
				p = ix.pos(pe.Position.Start)
			}
			return nil, Problems{{File: file, Line: p.Line, Col: p.Col, Msg: data.OneLine(pe.Message)}}
		}
		return nil, Problems{{File: file, Line: 1, Col: 1, Msg: data.OneLine(err.Error())}}
	}
	r := &reader{file: file, ix: ix}
	m := r.meeting(raw)
	r.probs.sort()
	if r.probs.Errors() > 0 {
		return nil, r.probs
	}
	m.index()
	return m, r.probs
}

// reader turns the decoded document into a Meeting, collecting problems.
type reader struct {
	file  string
	ix    *tomlIndex
	probs Problems
}

func (r *reader) at(p pos, key string, warn bool, format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.file, Line: p.Line, Col: p.Col, Key: key,
		Msg: fmt.Sprintf(format, args...), Warning: warn})
}

// keyAt is where a key was written, falling back to its table, then the top.
func (r *reader) keyAt(table, key string) pos {
	full := key
	if table != "" {
		full = table + "." + key
	}
	if kp, ok := r.ix.keys[full]; ok {
		return r.ix.pos(kp.key)
	}
	if table == "" {
		if off, ok := r.ix.tables[key]; ok {
			return r.ix.pos(off)
		}
		if off, ok := r.ix.tables[key+"[1]"]; ok {
			return r.ix.pos(off)
		}
	}
	return r.tableAt(table)
}

// valAt is where a key's value starts.
func (r *reader) valAt(table, key string) pos {
	if kp, ok := r.ix.keys[table+"."+key]; ok {
		return r.ix.pos(kp.val)
	}
	return r.tableAt(table)
}

func (r *reader) tableAt(table string) pos {
	if off, ok := r.ix.tables[table]; ok {
		return r.ix.pos(off)
	}
	if kp, ok := r.ix.keys[table]; ok { // inline table
		return r.ix.pos(kp.val)
	}
	return pos{1, 1}
}

func (r *reader) errKey(table, key, format string, args ...any) {
	r.at(r.valAt(table, key), table+"."+key, false, format, args...)
}

// table is one TOML table with the keys it may hold.
type table struct {
	r     *reader
	name  string // "meeting", "session[3]"
	m     map[string]any
	known map[string]bool
}

func (r *reader) table(name string, v any, keys ...string) *table {
	m, ok := v.(map[string]any)
	if !ok {
		r.at(r.tableAt(name), name, false, "must be a table, not %s", tomlType(v))
		m = nil
	}
	t := &table{r: r, name: name, m: m, known: map[string]bool{}}
	for _, k := range keys {
		t.known[k] = true
	}
	unknown := make([]string, 0)
	for k := range m {
		if !t.known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		r.at(r.keyAt(name, k), name+"."+data.OneLine(k), false, "unknown key (allowed: %s)", strings.Join(keys, ", "))
	}
	return t
}

func (t *table) has(key string) bool { _, ok := t.m[key]; return ok }

func (t *table) str(key string, required bool) string {
	v, ok := t.m[key]
	if !ok {
		if required {
			t.r.at(t.r.tableAt(t.name), t.name+"."+key, false, "missing (required)")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.r.errKey(t.name, key, "must be a string, not %s", tomlType(v))
		return ""
	}
	s = data.Sanitize(s)
	if required && strings.TrimSpace(s) == "" {
		t.r.errKey(t.name, key, "must not be empty")
	}
	return s
}

func (t *table) line(key string, required bool) string {
	return data.OneLine(t.str(key, required))
}

func (t *table) integer(key string, required bool) (int, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			t.r.at(t.r.tableAt(t.name), t.name+"."+key, false, "missing (required)")
		}
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.r.errKey(t.name, key, "must be an integer, not %s", tomlType(v))
		return 0, false
	}
	if n < 0 || n > 1e6 {
		t.r.errKey(t.name, key, "%d is out of range (0–1000000)", n)
		return 0, false
	}
	return int(n), true
}

func (t *table) strings(key string) []string {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.r.errKey(t.name, key, "must be an array of strings, not %s", tomlType(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.r.errKey(t.name, key, "must be an array of strings; found %s", tomlType(e))
			return nil
		}
		out = append(out, data.OneLine(s))
	}
	return out
}

// date accepts a TOML local date (2017-05-18) or a string holding one.
func (t *table) date(key string, required bool) (Date, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			t.r.at(t.r.tableAt(t.name), t.name+"."+key, false, "missing (required)")
		}
		return Date{}, false
	}
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.r.errKey(t.name, key, "must be a date without a time of day")
			return Date{}, false
		}
		return DateOf(v), true
	case string:
		d, err := ParseDate(data.OneLine(v))
		if err != nil {
			t.r.errKey(t.name, key, "%v", err)
			return Date{}, false
		}
		return d, true
	}
	t.r.errKey(t.name, key, "must be a date (YYYY-MM-DD), not %s", tomlType(v))
	return Date{}, false
}

// clock accepts "HH:MM" or a TOML local time (09:30:00).
func (t *table) clock(key string) Clock {
	v, ok := t.m[key]
	if !ok {
		return NoTime
	}
	switch v := v.(type) {
	case time.Time:
		if v.Year() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.r.errKey(t.name, key, "must be a local time of day in whole minutes (HH:MM)")
			return NoTime
		}
		return Clock(v.Hour()*60 + v.Minute())
	case string:
		c, err := ParseClock(data.OneLine(v))
		if err != nil {
			t.r.errKey(t.name, key, "%v", err)
			return NoTime
		}
		return c
	}
	t.r.errKey(t.name, key, "must be a time of day (\"HH:MM\"), not %s", tomlType(v))
	return NoTime
}

// tables reads an array of tables such as [[session]].
func (r *reader) tables(raw map[string]any, name string) []any {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = v[i]
		}
		return out
	case []any:
		return v
	}
	r.at(r.keyAt("", name), name, false, "must be an array of tables ([[%s]]), not %s", name, tomlType(v))
	return nil
}

func (r *reader) meeting(raw map[string]any) *Meeting {
	m := &Meeting{}
	top := &table{r: r, name: "", m: raw, known: map[string]bool{"meeting": true, "delegation": true, "session": true}}
	for k := range raw {
		if !top.known[k] {
			r.at(r.keyAt("", k), data.OneLine(k), false, "unknown table or key (allowed: meeting, delegation, session)")
		}
	}
	if _, ok := raw["meeting"]; !ok {
		r.at(pos{1, 1}, "meeting", false, "missing [meeting] table")
	} else {
		r.meetingTable(m, raw["meeting"])
	}
	r.delegations(m, r.tables(raw, "delegation"))
	r.sessions(m, r.tables(raw, "session"))
	return m
}

func (r *reader) meetingTable(m *Meeting, v any) {
	t := r.table("meeting", v, "id", "title", "organiser", "venue", "city", "start", "end", "timezone", "url", "description")
	m.ID = t.line("id", true)
	if m.ID != "" && !slugRE.MatchString(m.ID) {
		r.errKey("meeting", "id", "%q is not a slug (lower-case letters, digits and single hyphens)", m.ID)
	}
	m.Title = t.line("title", true)
	m.Organiser = t.line("organiser", false)
	m.Venue = t.line("venue", false)
	m.City = t.line("city", false)
	m.Description = t.str("description", false)
	m.URL = t.line("url", false)
	if m.URL != "" {
		if u, err := url.Parse(m.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			r.at(r.valAt("meeting", "url"), "meeting.url", true, "%q is not an http(s) address", m.URL)
		}
	}
	start, okS := t.date("start", true)
	end, okE := t.date("end", true)
	m.Start, m.End = start, end
	if okS && okE && end.Before(start) {
		r.errKey("meeting", "end", "%s is before the start, %s", end, start)
	}
	m.TimeZone = t.line("timezone", true)
	m.Location = time.UTC
	if m.TimeZone != "" {
		loc, err := time.LoadLocation(m.TimeZone)
		if err != nil || m.TimeZone == "Local" {
			r.errKey("meeting", "timezone", "%q is not an IANA time zone (e.g. \"Europe/Paris\")", m.TimeZone)
		} else {
			m.Location = loc
		}
	}
}

func (r *reader) delegations(m *Meeting, list []any) {
	seen := map[string]string{}
	for i, v := range list {
		name := fmt.Sprintf("delegation[%d]", i+1)
		t := r.table(name, v, "code", "name", "kind")
		d := Delegation{Code: t.line("code", true), Name: t.line("name", false), Kind: Kind(t.line("kind", true))}
		if d.Kind != "" && !validKind(d.Kind) {
			r.errKey(name, "kind", "%q is not a kind (member, partner, organisation, secretariat)", string(d.Kind))
		}
		if d.Code != "" {
			if !codeRE.MatchString(d.Code) {
				r.errKey(name, "code", "%q is not a code (ISO 3166-1 alpha-3 for countries, a short slug for organisations)", d.Code)
			}
			country, isCountry := data.CountryName(d.Code)
			if d.Kind == Member || d.Kind == Partner {
				if !isCountry {
					r.errKey(name, "code", "%q is not an ISO 3166-1 alpha-3 country code", d.Code)
				} else {
					d.Code = strings.ToUpper(d.Code)
				}
			}
			if d.Name == "" {
				if isCountry {
					d.Name = country
				} else if d.Kind == Organisation || d.Kind == Secretariat {
					r.at(r.tableAt(name), name+".name", false, "missing (required when code is not a country)")
				}
			}
			if first, dup := seen[d.Code]; dup {
				r.errKey(name, "code", "duplicate code %q (first used in %s)", d.Code, first)
			} else {
				seen[d.Code] = name
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
		t := r.table(name, v, "id", "number", "date", "start", "end", "room", "title", "chair", "presenters", "summary", "tags")
		s := Session{ID: t.line("id", true)}
		if s.ID != "" {
			if !slugRE.MatchString(s.ID) {
				r.errKey(name, "id", "%q is not a slug (lower-case letters, digits and single hyphens)", s.ID)
			} else if first, dup := ids[s.ID]; dup {
				r.errKey(name, "id", "duplicate id %q (first used in %s)", s.ID, first)
			} else {
				ids[s.ID] = name
			}
		}
		if n, ok := t.integer("number", true); ok {
			s.Number = n
			if first, dup := numbers[n]; dup {
				r.errKey(name, "number", "duplicate number %d (first used in %s)", n, first)
			} else {
				numbers[n] = name
			}
		}
		date, okDate := t.date("date", true)
		s.Date = date
		if okDate && !m.Start.IsZero() && !m.End.IsZero() && !m.End.Before(m.Start) && (date.Before(m.Start) || m.End.Before(date)) {
			r.errKey(name, "date", "%s is outside the meeting (%s to %s)", date, m.Start, m.End)
		}
		s.Title = t.line("title", true)
		s.Room, s.Chair = t.line("room", false), t.line("chair", false)
		s.Summary, s.Tags = t.str("summary", false), t.strings("tags")
		s.Start, s.End = t.clock("start"), t.clock("end")
		switch {
		case s.End != NoTime && !t.has("start"):
			r.errKey(name, "end", "an end needs a start")
			s.End = NoTime
		case s.Start != NoTime && s.End != NoTime && s.End <= s.Start:
			r.errKey(name, "end", "%s is not after the start, %s", s.End, s.Start)
			s.End = NoTime
		}
		for _, p := range t.strings("presenters") {
			if !codes[p] {
				kp := r.ix.keys[name+".presenters"]
				r.at(r.ix.element(kp, p), name+".presenters", false, "%q is not a delegation code", p)
				continue
			}
			s.Presenters = append(s.Presenters, p)
		}
		m.Sessions = append(m.Sessions, s)
	}
	r.overlaps(m.Sessions, names)
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
				r.errKey(names[cur.i], "start", "overlaps %s (%s, %s–%s) in %s", names[prev.i],
					ss[prev.i].ID, prev.s, prev.e, room)
			}
		}
	}
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
