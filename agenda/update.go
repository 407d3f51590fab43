package agenda

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Update is what importing an agenda again into a meeting.toml changes.
type Update struct {
	Text string // the new meeting.toml

	Added, Changed, Removed []string // one line each, for people
	RemovedIDs              []string // the ids of the sessions removed
	Kept                    []string // sessions the source dropped, kept for their notes
	Rewritten               []string // session tables whose comments could not be kept
	Meeting                 []string // what changed of the meeting itself
}

// Empty reports whether the import changes nothing.
func (u Update) Empty() bool {
	return len(u.Added)+len(u.Changed)+len(u.Removed)+len(u.Meeting) == 0
}

var (
	tableRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\[`) })
	idRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*id\s*=\s*"([^"]*)"`) })
	dateRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s*(start|end)\s*=\s*)(\S+)(.*)$`) })
)

// block is one [[session]] table in the text: its lines [from, to), the
// comment and blank lines after it excluded (they belong to what follows).
type block struct {
	id       string
	from, to int
	comments bool // the table holds comment lines
}

// sessionBlocks finds the [[session]] tables of a meeting.toml, and where
// the [[delegation]] tables and the [meeting] table are.
func sessionBlocks(lines []string) (sessions []block, lastDelegation, meetingFrom, meetingTo int) {
	lastDelegation, meetingFrom, meetingTo = -1, -1, -1
	kind := ""
	start := 0
	closeBlock := func(end int) {
		// Trailing comments and blank lines go with the next table.
		for end > start+1 && (strings.TrimSpace(lines[end-1]) == "" || strings.HasPrefix(strings.TrimSpace(lines[end-1]), "#")) {
			end--
		}
		switch kind {
		case "session":
			b := block{from: start, to: end}
			open := ""
			for _, l := range lines[start+1 : end] {
				inString := open != ""
				open = multiline(l, open)
				if inString {
					continue
				}
				if m := idRE().FindStringSubmatch(l); m != nil && b.id == "" {
					b.id = m[1]
				}
				if strings.HasPrefix(strings.TrimSpace(l), "#") {
					b.comments = true
				}
			}
			sessions = append(sessions, b)
		case "delegation":
			lastDelegation = end
		case "meeting":
			meetingFrom, meetingTo = start, end
		}
	}
	open := "" // the delimiter of a multi-line string the line is in
	for i, l := range lines {
		inString := open != ""
		open = multiline(l, open)
		if inString || !tableRE().MatchString(l) {
			continue // a "[" or "#" inside a summary is text
		}
		closeBlock(i)
		start = i
		switch t := strings.TrimSpace(l); {
		case strings.HasPrefix(t, "[[session]]"):
			kind = "session"
		case strings.HasPrefix(t, "[[delegation]]"):
			kind = "delegation"
		case strings.HasPrefix(t, "[meeting]"):
			kind = "meeting"
		default:
			kind = ""
		}
	}
	closeBlock(len(lines))
	return sessions, lastDelegation, meetingFrom, meetingTo
}

// UpdateFrom imports m into the meeting.toml text old: sessions it knows by
// source_id are updated (keeping their plenary id and number, so notes stay
// theirs), new ones added with the next numbers, and those the source no
// longer has removed — unless hasNotes says they have notes and prune is
// off. Sessions without a source_id are someone's own and never touched.
// Only the tables that change are rewritten; the meeting's dates widen to
// hold the sessions. The result is checked like any meeting.toml.
func UpdateFrom(old string, m *Meeting, hasNotes func(id string) bool, prune bool) (Update, error) {
	cur, probs := Parse(MeetingFile, old)
	if cur == nil || probs.Errors() > 0 {
		msg := "cannot be read"
		if len(probs) > 0 {
			msg = probs[0].String()
		}
		return Update{}, fmt.Errorf("the bundle's meeting.toml is not valid (%s): fix it first", msg)
	}
	var u Update
	bySource := map[string]*Session{}
	ids := map[string]bool{}
	maxNumber := 0
	for i := range cur.Sessions {
		s := &cur.Sessions[i]
		if s.SourceID != "" {
			bySource[s.SourceID] = s
		}
		ids[s.ID] = true
		maxNumber = max(maxNumber, s.Number)
	}
	name := func(s *Session) string { return fmt.Sprintf("session %d (%s) %s", s.Number, s.ID, s.Title) }
	replace := map[string]string{} // session id → its new table
	var added []string
	seen := map[string]bool{}
	needed := map[string]bool{}
	// People the source names like a delegation of this meeting ("OECD
	// Secretariat", "ODC") present for it.
	byName := map[string]string{}
	for _, d := range cur.Delegations {
		byName[strings.ToLower(d.Name)] = d.Code
		byName[strings.ToLower(d.Code)] = d.Code
	}
	for i := range m.Sessions {
		s := m.Sessions[i]
		var people []Speaker
		for _, p := range s.Speakers {
			if code, ok := byName[strings.ToLower(p.Name)]; ok && p.Role == "" {
				if !slices.Contains(s.Presenters, code) {
					s.Presenters = append(s.Presenters, code)
				}
				continue
			}
			people = append(people, p)
		}
		s.Speakers = people
		for _, p := range s.Presenters {
			needed[p] = true
		}
		if was, ok := bySource[s.SourceID]; ok && s.SourceID != "" {
			seen[s.SourceID] = true
			s.ID, s.Number, s.Chair, s.SpeakingLimit = was.ID, was.Number, was.Chair, was.SpeakingLimit
			if diff := sessionDiff(was, &s); len(diff) > 0 {
				u.Changed = append(u.Changed, name(was)+": "+strings.Join(diff, "; "))
				replace[s.ID] = encodeSession(&s)
			}
			continue
		}
		base := s.ID
		for n := 2; ids[s.ID]; n++ {
			s.ID = fmt.Sprintf("%s-%d", base, n)
		}
		ids[s.ID] = true
		maxNumber++
		s.Number = maxNumber
		u.Added = append(u.Added, name(&s))
		added = append(added, encodeSession(&s))
	}
	for i := range cur.Sessions {
		s := &cur.Sessions[i]
		if s.SourceID == "" || seen[s.SourceID] {
			continue
		}
		if hasNotes(s.ID) && !prune {
			u.Kept = append(u.Kept, name(s)+": it has notes (--prune removes it)")
			continue
		}
		u.Removed = append(u.Removed, name(s))
		u.RemovedIDs = append(u.RemovedIDs, s.ID)
		replace[s.ID] = ""
	}

	lines := strings.Split(old, "\n")
	blocks, _, _, _ := sessionBlocks(lines)
	var out []string
	at := 0
	for _, b := range blocks {
		table, ok := replace[b.id]
		if !ok {
			continue
		}
		if b.comments {
			u.Rewritten = append(u.Rewritten, b.id)
		}
		out = append(out, lines[at:b.from]...)
		at = b.to
		if table == "" {
			// Removed: its blank line after goes too.
			if at < len(lines) && strings.TrimSpace(lines[at]) == "" {
				at++
			}
			continue
		}
		out = append(out, strings.Split(strings.TrimSuffix(table, "\n"), "\n")...)
	}
	out = append(out, lines[at:]...)
	text := strings.Join(out, "\n")

	// Delegations the new presenters need, after the last delegation.
	var newDelegations []string
	for _, code := range sortedCodes(needed) {
		if _, ok := cur.Delegation(code); ok {
			continue
		}
		d, _ := m.Delegation(code)
		newDelegations = append(newDelegations, encodeDelegation(d))
		u.Meeting = append(u.Meeting, "delegation added: "+d.Name+" ("+d.Code+")")
	}
	if len(newDelegations) > 0 {
		lines := strings.Split(text, "\n")
		// Found again: the sessions changed above.
		_, lastDelegation, _, meetingTo := sessionBlocks(lines)
		at := lastDelegation
		if at < 0 {
			at = meetingTo
		}
		if at < 0 {
			return Update{}, errors.New("meeting.toml has no [meeting] table to add delegations after")
		}
		ins := strings.Split("\n"+strings.TrimSuffix(strings.Join(newDelegations, "\n"), "\n"), "\n")
		text = strings.Join(append(lines[:at:at], append(ins, lines[at:]...)...), "\n")
	}
	// Rooms the source describes and the bundle does not, before the
	// sessions (a room already there keeps what it says: it may have been
	// edited).
	var newRooms []string
	for _, v := range m.Venues {
		if _, ok := cur.RoomNamed(v.Name); ok {
			continue
		}
		newRooms = append(newRooms, encodeVenue(v))
		u.Meeting = append(u.Meeting, "room added: "+v.Name)
	}
	if len(newRooms) > 0 {
		lines := strings.Split(text, "\n")
		at := len(lines)
		for i, l := range lines {
			if strings.TrimSpace(l) == "[[session]]" {
				at = i
				break
			}
		}
		ins := strings.Split(strings.Join(newRooms, "\n")+"\n", "\n")
		text = strings.Join(append(lines[:at:at], append(ins, lines[at:]...)...), "\n")
	}
	// The meeting's dates hold every session.
	start, end := cur.Start, cur.End
	for _, s := range m.Sessions {
		if s.Date.Before(start) {
			start = s.Date
		}
		if end.Before(s.Date) {
			end = s.Date
		}
	}
	if start != cur.Start || end != cur.End {
		lines := strings.Split(text, "\n")
		_, _, meetingFrom, meetingTo := sessionBlocks(lines)
		for i := meetingFrom + 1; i >= 1 && i < meetingTo; i++ {
			if mm := dateRE().FindStringSubmatch(lines[i]); mm != nil {
				d := start
				if mm[2] == "end" {
					d = end
				}
				lines[i] = mm[1] + d.String() + mm[4]
			}
		}
		text = strings.Join(lines, "\n")
		u.Meeting = append(u.Meeting, fmt.Sprintf("dates: %s → %s", DateSpan(cur.Start, cur.End), DateSpan(start, end)))
	}
	if len(added) > 0 {
		text = strings.TrimRight(text, "\n") + "\n\n" + strings.Join(added, "\n")
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if _, probs := Parse(MeetingFile, text); probs.Errors() > 0 {
		return Update{}, fmt.Errorf("the updated meeting.toml would not be valid (%s): nothing was written", probs[0])
	}
	u.Text = text
	return u, nil
}

// sessionDiff names what differs between a session and its update.
func sessionDiff(a, b *Session) []string {
	var d []string
	field := func(name, x, y string) {
		if x != y {
			if len(x)+len(y) > 80 {
				d = append(d, name)
			} else {
				d = append(d, fmt.Sprintf("%s %q → %q", name, x, y))
			}
		}
	}
	field("date", a.Date.String(), b.Date.String())
	field("time", a.TimeRange(), b.TimeRange())
	field("room", a.Room, b.Room)
	field("title", a.Title, b.Title)
	field("presenters", strings.Join(a.Presenters, " "), strings.Join(b.Presenters, " "))
	field("speakers", strings.Join(a.SpeakerNames(), "; "), strings.Join(b.SpeakerNames(), "; "))
	field("tags", strings.Join(a.Tags, " "), strings.Join(b.Tags, " "))
	field("summary", strings.TrimSpace(a.Summary), strings.TrimSpace(b.Summary))
	field("page", a.URL, b.URL)
	links := func(ls []Link) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Title+" "+l.URL)
		}
		return strings.Join(out, "; ")
	}
	field("links", links(a.Links), links(b.Links))
	return d
}

func sortedCodes(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// multiline follows TOML's multi-line strings across a line: open is the
// delimiter of the string the line starts in ("" for none), and the result
// the one it ends in. (Escaped quotes and delimiters inside one-line
// strings are rare in a meeting.toml; the result is checked anyway.)
func multiline(line, open string) string {
	for rest := line; ; {
		if open == "" {
			// Outside: a comment ends the line; a delimiter opens one.
			i := strings.IndexAny(rest, "#\"'")
			if i < 0 || rest[i] == '#' {
				return ""
			}
			switch {
			case strings.HasPrefix(rest[i:], `"""`):
				open, rest = `"""`, rest[i+3:]
			case strings.HasPrefix(rest[i:], "'''"):
				open, rest = "'''", rest[i+3:]
			default:
				// A one-line string: skip to its end.
				q := rest[i]
				j := i + 1
				for j < len(rest) && rest[j] != q {
					if rest[j] == '\\' && q == '"' {
						j++
					}
					j++
				}
				if j >= len(rest) {
					return ""
				}
				rest = rest[j+1:]
			}
			continue
		}
		i := strings.Index(rest, open)
		if i < 0 {
			return open
		}
		rest, open = rest[i+3:], ""
	}
}
