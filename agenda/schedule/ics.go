package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// icsLine is one unfolded content line: NAME;PARAM=VALUE…:VALUE.
type icsLine struct {
	n      int // the line it starts on, for messages
	name   string
	params map[string]string
	value  string
}

// unfold splits a calendar into content lines: a line starting with a
// space or a tab continues the one before (RFC 5545 3.1); CRLF or LF.
func unfold(b []byte) ([]icsLine, error) {
	raw := strings.Split(strings.ReplaceAll(string(bytes.TrimPrefix(b, []byte("\ufeff"))), "\r\n", "\n"), "\n")
	var out []icsLine
	// The line being unfolded grows in a builder: folded lines joined one
	// at a time by += would copy it again for each (100,000 folds: 4 s).
	var cur strings.Builder
	start := 0 // the line cur starts on; 0 before the first
	for i, l := range raw {
		if l == "" {
			continue
		}
		if (l[0] == ' ' || l[0] == '\t') && start > 0 {
			cur.WriteString(l[1:])
			continue
		}
		if start > 0 {
			out = append(out, icsLine{n: start, value: cur.String()})
			cur.Reset()
		}
		start = i + 1
		cur.WriteString(l)
	}
	if start > 0 {
		out = append(out, icsLine{n: start, value: cur.String()})
	}
	for i := range out {
		l := &out[i]
		line := l.value
		colon := -1
		inQuote := false
		for j, r := range line {
			if r == '"' {
				inQuote = !inQuote
			}
			if r == ':' && !inQuote {
				colon = j
				break
			}
		}
		if colon < 0 {
			return nil, fmt.Errorf("%d: %q is not a content line (NAME:VALUE)", l.n, line[:min(len(line), 40)])
		}
		head := strings.Split(line[:colon], ";")
		l.name, l.value, l.params = strings.ToUpper(head[0]), line[colon+1:], map[string]string{}
		for _, p := range head[1:] {
			k, v, _ := strings.Cut(p, "=")
			l.params[strings.ToUpper(k)] = strings.Trim(v, `"`)
		}
	}
	return out, nil
}

// icsText unescapes a TEXT value.
func icsText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i]) // \\ \; \,
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// icsZone resolves a TZID: an IANA name, or a Windows one through CLDR.
func icsZone(tzid string) (*time.Location, string, bool) {
	tzid = strings.TrimPrefix(tzid, "/") // some writers prefix a global id
	if loc, err := time.LoadLocation(tzid); err == nil && tzid != "" && tzid != "Local" {
		return loc, tzid, true
	}
	if iana, ok := windowsZones[tzid]; ok {
		loc, err := time.LoadLocation(iana)
		return loc, iana, err == nil
	}
	return nil, "", false
}

var durationISO = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)
})

// icsDuration reads an RFC 5545 duration: P1DT2H30M, PT45M, P1W.
func icsDuration(s string) (time.Duration, error) {
	m := durationISO().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || s == "P" || strings.HasSuffix(s, "T") {
		return 0, fmt.Errorf("%q is not a duration (like PT1H30M)", s)
	}
	n := func(i int) time.Duration { v, _ := strconv.Atoi(m[i]); return time.Duration(v) }
	d := n(2)*7*24*time.Hour + n(3)*24*time.Hour + n(4)*time.Hour + n(5)*time.Minute + n(6)*time.Second
	if m[1] == "-" {
		return 0, fmt.Errorf("%q is a negative duration", s)
	}
	return d, nil
}

// icsEvent is a VEVENT's properties.
type icsEvent struct {
	line  int
	props map[string]icsLine
}

// icsWhen is a DTSTART or DTEND: a date (all-day), a time in a zone, a
// time in UTC, or a floating time (the meeting's zone).
type icsWhen struct {
	date     agenda.Date
	allDay   bool
	utc      bool
	floating bool
	local    time.Time // the wall time, in UTC as a carrier
	zone     string    // the TZID given, as written
}

func parseWhen(l icsLine) (icsWhen, error) {
	v := strings.TrimSpace(l.value)
	if l.params["VALUE"] == "DATE" || len(v) == 8 {
		t, err := time.Parse("20060102", v)
		if err != nil {
			return icsWhen{}, fmt.Errorf("%d: %s %q is not a date (YYYYMMDD)", l.n, l.name, v)
		}
		return icsWhen{date: agenda.DateOf(t), allDay: true}, nil
	}
	w := icsWhen{zone: l.params["TZID"]}
	if strings.HasSuffix(v, "Z") {
		w.utc, v = true, strings.TrimSuffix(v, "Z")
	}
	t, err := time.Parse("20060102T150405", v)
	if err != nil {
		return icsWhen{}, fmt.Errorf("%d: %s %q is not a date and time (YYYYMMDDTHHMMSS)", l.n, l.name, l.value)
	}
	w.local, w.floating = t, !w.utc && w.zone == ""
	return w, nil
}

// at is the instant, reading zone names through tz (and floating times in
// the meeting's zone).
func (w icsWhen) at(meeting *time.Location) (time.Time, error) {
	t := w.local
	switch {
	case w.utc:
		return t, nil
	case w.floating:
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, meeting), nil
	}
	loc, _, ok := icsZone(w.zone)
	if !ok {
		return time.Time{}, fmt.Errorf("TZID %q is neither an IANA nor a Windows time zone name", w.zone)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), nil
}

var plenarySummary = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Session \d+: `) })

func readICS(name string, b []byte, o Options) (conference, []event, error) {
	lines, err := unfold(b)
	if err != nil {
		return conference{}, nil, err
	}
	if len(lines) == 0 || lines[0].name != "BEGIN" || strings.ToUpper(lines[0].value) != "VCALENDAR" {
		return conference{}, nil, errors.New("1: a calendar starts with BEGIN:VCALENDAR")
	}
	conf := conference{title: strings.TrimSuffix(path.Base(name), path.Ext(name))}
	var evs []icsEvent
	var stack []string
	zones := map[string]int{} // TZIDs used by events, to find the meeting's
	calZone := ""
	declared := "" // the first VTIMEZONE's TZID
	for _, l := range lines {
		switch l.name {
		case "BEGIN":
			stack = append(stack, strings.ToUpper(l.value))
			if strings.ToUpper(l.value) == "VEVENT" && len(stack) == 2 {
				evs = append(evs, icsEvent{line: l.n, props: map[string]icsLine{}})
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != strings.ToUpper(l.value) {
				return conf, nil, fmt.Errorf("%d: END:%s closes nothing that is open", l.n, l.value)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		switch {
		case len(stack) == 1 && l.name == "X-WR-CALNAME":
			conf.title = icsText(l.value)
		case len(stack) == 1 && l.name == "X-WR-TIMEZONE":
			calZone = l.value
		case len(stack) == 2 && stack[1] == "VTIMEZONE" && l.name == "TZID" && declared == "":
			declared = l.value
		case len(stack) == 2 && stack[1] == "VEVENT":
			e := &evs[len(evs)-1]
			if _, dup := e.props[l.name]; !dup {
				e.props[l.name] = l
			}
			if tz := l.params["TZID"]; tz != "" && (l.name == "DTSTART" || l.name == "DTEND") {
				zones[tz]++
			}
		}
		if len(evs) > MaxEvents {
			return conf, nil, fmt.Errorf("more than %d events", MaxEvents)
		}
	}
	if len(stack) > 0 {
		return conf, nil, fmt.Errorf("BEGIN:%s is never closed", stack[len(stack)-1])
	}
	// The meeting's zone: the calendar's, else the zone its events use
	// most, else --timezone; a calendar all in UTC or floating times
	// cannot say where the meeting is.
	fileZone := ""
	if _, iana, ok := icsZone(calZone); ok && calZone != "" {
		fileZone = iana
	}
	if fileZone == "" {
		best := 0
		for tz, n := range zones {
			if _, iana, ok := icsZone(tz); ok && (n > best || (n == best && iana < fileZone)) {
				fileZone, best = iana, n
			}
		}
	}
	if _, iana, ok := icsZone(declared); fileZone == "" && ok && declared != "" {
		fileZone = iana // events in UTC, the zone declared beside them
	}
	loc, zname, err := zone(fileZone, o.TimeZone)
	if err != nil {
		return conf, nil, err
	}
	conf.zone = zname
	var events []event
	series := "" // the first repeating event, said if nothing else is imported
	for _, e := range evs {
		where := fmt.Sprintf("%d: the event", e.line)
		if s, ok := e.props["SUMMARY"]; ok {
			where = fmt.Sprintf("%d: event %q", e.line, icsText(s.value))
		}
		repeats := ""
		for _, r := range []string{"RRULE", "RDATE", "EXRULE"} {
			if _, ok := e.props[r]; ok && repeats == "" {
				repeats = r
			}
		}
		if repeats != "" {
			// A series is not a meeting's session: the rest is imported.
			if series == "" {
				series = fmt.Sprintf("%s repeats (%s): plenary imports a meeting's sessions, not a series; give each session its own event", where, repeats)
			}
			if o.Warn != nil {
				o.Warn(fmt.Sprintf("%s repeats (%s): not imported; give each session of the meeting its own event", where, repeats))
			}
			continue
		}
		st, ok := e.props["DTSTART"]
		if !ok {
			return conf, nil, fmt.Errorf("%s has no DTSTART", where)
		}
		start, err := parseWhen(st)
		if err != nil {
			return conf, nil, err
		}
		ev := event{title: icsText(e.props["SUMMARY"].value), where: fmt.Sprintf("line %d", e.line)}
		uid := icsText(e.props["UID"].value)
		ev.sourceID = uid
		if local, domain, ok := strings.Cut(uid, "@"); ok && strings.HasSuffix(domain, ".plenary") {
			// plenary's own export: the session id, and "Session N: " before the title.
			ev.slug = local
			ev.title = plenarySummary().ReplaceAllString(ev.title, "")
		}
		if start.allDay {
			ev.allDay, ev.date = true, start.date
		} else {
			if ev.start, err = start.at(loc); err != nil {
				return conf, nil, fmt.Errorf("%s: %w", where, err)
			}
			switch {
			case e.props["DTEND"].name != "":
				end, err := parseWhen(e.props["DTEND"])
				if err != nil {
					return conf, nil, err
				}
				if end.allDay {
					return conf, nil, fmt.Errorf("%s ends on a date but starts at a time", where)
				}
				t, err := end.at(loc)
				if err != nil {
					return conf, nil, fmt.Errorf("%s: %w", where, err)
				}
				ev.duration = t.Sub(ev.start)
			case e.props["DURATION"].name != "":
				if ev.duration, err = icsDuration(e.props["DURATION"].value); err != nil {
					return conf, nil, fmt.Errorf("%s: %w", where, err)
				}
			}
		}
		if l, ok := e.props["LOCATION"]; ok {
			ev.room = icsText(l.value)
		}
		if c, ok := e.props["CATEGORIES"]; ok {
			first, _, _ := strings.Cut(c.value, ",")
			ev.track = icsText(first)
		}
		ev.summary, ev.persons, ev.chair = icsDescription(icsText(e.props["DESCRIPTION"].value))
		events = append(events, ev)
	}
	if len(events) == 0 && series != "" {
		return conf, nil, errors.New(series)
	}
	return conf, events, nil
}

// icsDescription takes back the people plenary's calendar export writes
// before the summary ("Presentations: France, Korea", "Chair: …",
// "Speakers: Ana Ruiz (OECD); Bo"); the rest is the summary.
func icsDescription(d string) (summary string, people []agenda.Speaker, chair string) {
	paras := strings.Split(strings.TrimSpace(d), "\n\n")
	i := 0
	for ; i < len(paras); i++ {
		p := paras[i]
		switch {
		case strings.HasPrefix(p, "Presentations: ") && !strings.Contains(p, "\n"):
			for _, n := range strings.Split(strings.TrimPrefix(p, "Presentations: "), ", ") {
				people = append(people, agenda.Speaker{Name: n})
			}
		case strings.HasPrefix(p, "Speakers: ") && !strings.Contains(p, "\n"):
			for _, n := range strings.Split(strings.TrimPrefix(p, "Speakers: "), "; ") {
				people = append(people, agenda.Speaker{Name: n})
			}
		case strings.HasPrefix(p, "Chair: ") && !strings.Contains(p, "\n"):
			chair = strings.TrimPrefix(p, "Chair: ")
		default:
			return markdownText(strings.Join(paras[i:], "\n\n")), people, chair
		}
	}
	return "", people, chair
}
