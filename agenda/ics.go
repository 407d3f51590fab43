package agenda

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/plenary/plenary/data/clean"
)

// ICS writes the sessions as an RFC 5545 calendar: a VTIMEZONE for the
// meeting's zone, one VEVENT per session with a UID that stays the same
// from one export to the next, timed sessions in the meeting's zone and
// untimed ones as all-day events; text escaped, lines folded at 75 octets
// without splitting a character, CRLF line ends. stamp is the DTSTAMP.
func ICS(m *Meeting, sessions []*Session, stamp time.Time) string {
	w := &icsWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//plenary//plenary agenda//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + escapeText(m.Title))
	if m.TimeZone != "" {
		// The meeting's zone, by name: a calendar all in UTC or of
		// all-day events says where the meeting is (and comes back).
		w.line("X-WR-TIMEZONE:" + m.TimeZone)
	}
	timed := false
	for _, s := range sessions {
		if s.Timed() {
			timed = true
		}
	}
	if timed && m.Location != time.UTC {
		w.vtimezone(m)
	}
	for _, s := range sessions {
		w.line("BEGIN:VEVENT")
		w.line("UID:" + s.ID + "@" + m.ID + ".plenary")
		w.line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		if s.Timed() {
			start := s.Date.At(s.Start, m.Location)
			w.line(dateTime("DTSTART", start, m))
			if end, ok := s.EndAt(m.Location); ok {
				w.line(dateTime("DTEND", end, m))
			}
		} else {
			d := s.Date.At(0, time.UTC)
			w.line("DTSTART;VALUE=DATE:" + d.Format("20060102"))
			w.line("DTEND;VALUE=DATE:" + d.AddDate(0, 0, 1).Format("20060102"))
		}
		w.line("SUMMARY:" + escapeText(fmt.Sprintf("Session %d: %s", s.Number, s.Title)))
		loc := m.Place()
		if s.Room != "" {
			loc = append([]string{s.Room}, loc...)
		}
		if len(loc) > 0 {
			w.line("LOCATION:" + escapeText(strings.Join(loc, ", ")))
		}
		var desc []string
		if len(s.Presenters) > 0 {
			names := make([]string, len(s.Presenters))
			for i, p := range s.Presenters {
				d, _ := m.Delegation(p)
				names[i] = d.Name
			}
			desc = append(desc, "Presentations: "+strings.Join(names, ", "))
		}
		if len(s.Speakers) > 0 {
			desc = append(desc, "Speakers: "+strings.Join(s.SpeakerNames(), "; "))
		}
		if s.Chair != "" {
			desc = append(desc, "Chair: "+s.Chair)
		}
		if s.Summary != "" {
			desc = append(desc, MarkdownText(strings.TrimSpace(s.Summary))) // calendars show no Markdown
		}
		if len(desc) > 0 {
			w.line("DESCRIPTION:" + escapeText(strings.Join(desc, "\n\n")))
		}
		switch {
		case s.URL != "":
			w.line("URL:" + s.URL) // the session's own page
		case m.URL != "":
			w.line("URL:" + m.URL)
		}
		if len(s.Tags) > 0 {
			tags := make([]string, len(s.Tags))
			for i, t := range s.Tags {
				tags[i] = escapeText(t)
			}
			w.line("CATEGORIES:" + strings.Join(tags, ","))
		}
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return w.b.String()
}

func dateTime(name string, t time.Time, m *Meeting) string {
	if m.Location == time.UTC {
		return name + ":" + t.UTC().Format("20060102T150405Z")
	}
	return name + ";TZID=" + m.TimeZone + ":" + t.Format("20060102T150405")
}

type icsWriter struct{ b strings.Builder }

// line writes a content line folded at 75 octets: continuation lines start
// with a space, and a UTF-8 character is never split.
func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}

// escapeText escapes a TEXT value: backslash, semicolon, comma, newline.
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(clean.Text(strings.ReplaceAll(s, "\r\n", "\n")))
}

// vtimezone describes the meeting's zone around the meeting: the offset
// changes (daylight saving) of the meeting's year, from Go's zone data.
func (w *icsWriter) vtimezone(m *Meeting) {
	loc := m.Location
	year := m.Start.Year
	if year == 0 {
		year = time.Now().Year()
	}
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + m.TimeZone)
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	name0, off := start.Zone()
	// From the start of the year, then each change within it.
	w.line("BEGIN:STANDARD")
	w.line("DTSTART:" + start.Format("20060102T150405"))
	w.line("TZOFFSETFROM:" + offset(off))
	w.line("TZOFFSETTO:" + offset(off))
	w.line("TZNAME:" + escapeText(name0))
	w.line("END:STANDARD")
	for t := start; t.Before(end); t = t.Add(24 * time.Hour) {
		next := t.Add(24 * time.Hour)
		if _, o := next.Zone(); o != off {
			// Find the transition to the second by bisection.
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, mo := mid.Zone(); mo == off {
					lo = mid
				} else {
					hi = mid
				}
			}
			name, o2 := hi.Zone()
			kind := "STANDARD"
			if o2 > off {
				kind = "DAYLIGHT"
			}
			w.line("BEGIN:" + kind)
			// DTSTART is the local time, in the offset before the change.
			w.line("DTSTART:" + hi.In(time.FixedZone("", off)).Format("20060102T150405"))
			w.line("TZOFFSETFROM:" + offset(off))
			w.line("TZOFFSETTO:" + offset(o2))
			w.line("TZNAME:" + escapeText(name))
			w.line("END:" + kind)
			off = o2
		}
	}
	w.line("END:VTIMEZONE")
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}
