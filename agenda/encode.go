package agenda

import (
	"fmt"
	"strings"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// Encode writes a meeting as meeting.toml, laid out as a person would
// write it (the embedded bundle's layout): [meeting], the delegations,
// then the sessions in agenda order. header, when given, opens the file
// as comment lines (where the agenda came from).
func Encode(m *Meeting, header string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		if header != "" {
			b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
		}
	}
	if header != "" {
		b.WriteByte('\n')
	}
	kv, str := keyWriters(&b)
	b.WriteString("[meeting]\n")
	str("id", m.ID)
	str("title", m.Title)
	str("organiser", m.Organiser)
	str("venue", m.Venue)
	str("city", m.City)
	kv("start", m.Start.String())
	kv("end", m.End.String())
	str("timezone", m.TimeZone)
	str("url", m.URL)
	if m.SpeakingLimit > 0 {
		str("speaking_limit", m.SpeakingLimit.String())
	}
	if m.ChathamHouse {
		kv("chatham_house", "true")
	}
	str("record", m.Record)
	str("description", m.Description)
	for _, d := range m.Delegations {
		b.WriteString("\n" + encodeDelegation(d))
	}
	for _, v := range m.Venues {
		b.WriteString("\n" + encodeVenue(v))
	}
	for _, s := range m.Sessions {
		b.WriteString("\n")
		b.WriteString(encodeSession(&s))
	}
	return b.String()
}

// keyWriters write "key = value" lines to b: kv a value as it is, str a
// string (quoted; nothing when empty).
func keyWriters(b *strings.Builder) (kv, str func(k, v string)) {
	kv = func(k, v string) { fmt.Fprintf(b, "%s = %s\n", k, v) }
	str = func(k, v string) {
		if v != "" {
			kv(k, quote(v))
		}
	}
	return kv, str
}

// encodeVenue is a room's [[room]] table.
func encodeVenue(v Venue) string {
	var b strings.Builder
	_, str := keyWriters(&b)
	b.WriteString("[[room]]\n")
	str("name", v.Name)
	str("description", v.Description)
	return b.String()
}

// encodeSession is a session's [[session]] table.
func encodeSession(s *Session) string {
	var b strings.Builder
	kv, str := keyWriters(&b)
	b.WriteString("[[session]]\n")
	str("id", s.ID)
	str("source_id", s.SourceID)
	kv("number", fmt.Sprint(s.Number))
	kv("date", s.Date.String())
	if s.Start != NoTime {
		str("start", s.Start.String())
	}
	if s.End != NoTime {
		str("end", s.End.String())
	}
	str("room", s.Room)
	str("title", s.Title)
	str("url", s.URL)
	if len(s.Links) > 0 {
		var ls []string
		for _, l := range s.Links {
			fields := []string{"url = " + quote(l.URL)}
			if l.Title != "" {
				fields = append(fields, "title = "+quote(l.Title))
			}
			ls = append(ls, "  { "+strings.Join(fields, ", ")+" },")
		}
		b.WriteString("links = [\n" + strings.Join(ls, "\n") + "\n]\n")
	}
	str("chair", s.Chair)
	if len(s.Presenters) > 0 {
		kv("presenters", quoteList(s.Presenters))
	}
	if len(s.Speakers) > 0 {
		var ps []string
		for _, p := range s.Speakers {
			fields := []string{"name = " + quote(p.Name)}
			if p.Role != "" {
				fields = append(fields, "role = "+quote(p.Role))
			}
			if p.Delegation != "" {
				fields = append(fields, "delegation = "+quote(p.Delegation))
			}
			if p.ID != "" {
				fields = append(fields, "id = "+quote(p.ID))
			}
			ps = append(ps, "  { "+strings.Join(fields, ", ")+" },\n")
		}
		kv("speakers", "[\n"+strings.Join(ps, "")+"]")
	}
	if len(s.Tags) > 0 {
		kv("tags", quoteList(s.Tags))
	}
	if s.SpeakingLimit > 0 {
		str("speaking_limit", s.SpeakingLimit.String())
	}
	str("summary", s.Summary)
	return b.String()
}

// encodeDelegation is a delegation's [[delegation]] table.
func encodeDelegation(d Delegation) string {
	s := "[[delegation]]\ncode = " + quote(d.Code) + "\n"
	if n, isCountry := data.CountryName(d.Code); !isCountry || n != d.Name {
		s += "name = " + quote(d.Name) + "\n"
	}
	return s + "kind = " + quote(string(d.Kind)) + "\n"
}

// quote is a TOML string; a summary with line breaks stays multi-line.
func quote(s string) string { return strict.QuoteText(s) }

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strict.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
