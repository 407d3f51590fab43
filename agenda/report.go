package agenda

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data/clean"
)

// Report writes the summary of proceedings as Markdown, in the shape of the
// published one: title, dates and venue, participation, then each day's
// sessions with presenters, summary and the rapporteur's notes, and at the
// end every decision, action and open question compiled with owners and
// due dates. notes are the sessions' notes by session id.
func Report(m *Meeting, notes map[string]Note, o ReportOptions) string {
	noAttribution := o.NoAttribution || m.ChathamHouse
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", m.Title)
	// What the document is, first: a record a secretariat sends says so.
	kind := m.Record
	if kind == "" {
		kind = "Summary record"
	}
	fmt.Fprintf(&b, "**%s** · ", kind)
	where := m.Place()
	fmt.Fprintf(&b, "%s", DateSpan(m.Start, m.End))
	if len(where) > 0 {
		fmt.Fprintf(&b, " · %s", strings.Join(where, ", "))
	}
	b.WriteString("\n\n")
	// A draft says so first; a final report says when it was issued.
	drafts := Drafts(m, notes)
	draft := map[*Session]bool{}
	for _, s := range drafts {
		draft[s] = true
	}
	switch {
	case len(drafts) > 0:
		fmt.Fprintf(&b, "**DRAFT** · %s\n\n", DraftsText(drafts))
	case !o.Issued.IsZero():
		fmt.Fprintf(&b, "**Final** · issued %s\n\n", o.Issued.Long())
	}
	// One figure per fact: with the attendance kept, who took part is
	// counted from it — in the description's own participation clause
	// when it has one that counts, else in a sentence of its own — and
	// the list holds those present; without it the list is the
	// delegations invited, uncounted, and the description speaks alone.
	participation := ""
	if o.Present != nil {
		kind := func(c string) string { d, _ := m.Delegation(c); return string(d.Kind) }
		name := func(c string) string { d, _ := m.Delegation(c); return d.Name }
		participation = floor.Participation(o.Present, kind, name)
	}
	desc := strings.TrimSpace(m.Description)
	if participation != "" {
		if loc := countedParticipation().FindStringIndex(desc); loc != nil {
			desc = desc[:loc[0]] + participation + desc[loc[1]:]
			participation = ""
		}
	}
	if desc != "" {
		b.WriteString(desc + "\n\n")
	}
	heading := "Delegations"
	if o.Present != nil {
		heading = "Participation"
	}
	fmt.Fprintf(&b, "## %s\n\n", heading)
	if participation != "" {
		fmt.Fprintf(&b, "The meeting was held %s.\n\n", participation)
	}
	var absent []string
	for _, k := range []struct {
		kind  Kind
		title string
	}{{Member, "Member countries"}, {Partner, "Partner countries"}, {Organisation, "Organisations"}, {Secretariat, "Secretariat"}} {
		var names []string
		for _, d := range m.Delegations {
			switch {
			case d.Kind != k.kind:
			case o.Present != nil && !o.Present[d.Code]:
				absent = append(absent, d.Name)
			default:
				names = append(names, d.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		sort.Strings(names)
		if o.Present != nil {
			fmt.Fprintf(&b, "- **%s (%d):** %s\n", k.title, len(names), strings.Join(names, ", "))
		} else {
			fmt.Fprintf(&b, "- **%s:** %s\n", k.title, strings.Join(names, ", "))
		}
	}
	if len(absent) > 0 {
		sort.Strings(absent)
		fmt.Fprintf(&b, "- **Invited, not present:** %s\n", strings.Join(absent, ", "))
	}
	b.WriteString("\n")

	type compiled struct {
		Item
		session *Session
	}
	var all []compiled
	var day Date
	for i := range m.Sessions {
		s := &m.Sessions[i]
		if s.Date != day {
			day = s.Date
			fmt.Fprintf(&b, "## %s\n\n", s.Date.Long())
		}
		fmt.Fprintf(&b, "### Session %d: %s\n\n", s.Number, s.Title)
		var meta []string
		if t := s.TimeRange(); t != "" {
			meta = append(meta, t)
		}
		if s.Room != "" {
			meta = append(meta, s.Room)
		}
		if s.Chair != "" {
			meta = append(meta, "Chair: "+s.Chair)
		}
		if mk := o.Marks[s.ID]; !mk.Opened.IsZero() {
			// What happened, beside the plan.
			held := "opened " + mk.Opened.In(m.Location).Format("15:04")
			if !mk.Closed.IsZero() {
				held += ", closed " + mk.Closed.In(m.Location).Format("15:04")
			}
			meta = append(meta, held)
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "*%s*\n\n", strings.Join(meta, " · "))
		}
		if len(s.Presenters) > 0 {
			names := make([]string, len(s.Presenters))
			for j, p := range s.Presenters {
				d, _ := m.Delegation(p)
				names[j] = d.Name
			}
			fmt.Fprintf(&b, "Presentations: %s.\n\n", strings.Join(names, ", "))
		}
		if len(s.Speakers) > 0 {
			fmt.Fprintf(&b, "Speakers: %s.\n\n", strings.Join(s.SpeakerNames(), "; "))
		}
		if s.Summary != "" {
			b.WriteString(strings.TrimSpace(s.Summary) + "\n\n")
		}
		if note := strings.TrimSpace(Published(notes[s.ID].Text)); note != "" {
			if noAttribution {
				note = m.Unattributed(note)
			}
			b.WriteString("#### Rapporteur's notes\n\n")
			if Status(notes[s.ID].Text) != Approved {
				b.WriteString("*Draft: not yet approved.*\n\n")
			}
			b.WriteString(strings.TrimSpace(m.recordNote(note)) + "\n\n")
			if by := byDelegation(m, note); o.ByDelegation && !noAttribution && by != "" {
				b.WriteString("#### Statements by delegation\n\n" + by + "\n")
			}
			for _, it := range ParseItems(note) {
				all = append(all, compiled{it, s})
			}
		}
	}

	b.WriteString("## Decisions and actions\n\n")
	section := func(kind ItemKind, title string) {
		var items []compiled
		for _, it := range all {
			if it.Kind == kind {
				items = append(items, it)
			}
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		if len(items) == 0 {
			b.WriteString("None recorded.\n\n")
			return
		}
		if kind == Action {
			b.WriteString("| Action | Owner | Due | Status | Session |\n|---|---|---|---|---|\n")
			for _, it := range items {
				var owners []string
				for _, o := range it.Owners {
					if d, ok := m.Delegation(o); ok {
						owners = append(owners, d.Name)
					} else {
						owners = append(owners, o)
					}
				}
				due := "–"
				if d := dueInWords(it.Item); d != "" {
					due = d
				}
				status := "open"
				if d := doneInWords(it.Item); d != "" {
					status = d
				}
				owner := strings.Join(owners, ", ")
				if owner == "" {
					owner = "–"
				}
				session := fmt.Sprint(it.session.Number)
				if draft[it.session] {
					session += " (draft)"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", cell(m.handles(it.Text, true)), cell(owner), cell(due), cell(status), session)
			}
			b.WriteString("\n")
			return
		}
		for i, it := range items {
			from := fmt.Sprintf("session %d", it.session.Number)
			if draft[it.session] {
				from += ", *draft*" // not approved yet: it may still change
			}
			fmt.Fprintf(&b, "%d. %s (%s)\n", i+1, m.handles(it.Text, false), from)
		}
		b.WriteString("\n")
	}
	section(Decision, "Decisions")
	section(Action, "Actions")
	section(Question, "Open questions")
	if m.URL != "" {
		// As the 2017 summary ends.
		fmt.Fprintf(&b, "For more information visit: <%s>\n", m.URL)
	}
	// Everything in it was cleaned when read; this makes the promise hold
	// whatever a caller passes in.
	return clean.Text(strings.TrimRight(b.String(), "\n")) + "\n"
}

// ReportOptions say what the report states beyond the meeting and its
// notes: the chair's marks (actual times), the delegations present (the
// participation sentence; nil when attendance was not kept), whether to
// publish statements without naming who made them (the Chatham House
// Rule; also the meeting's chatham_house), and whether to group each
// session's statements by delegation.
type ReportOptions struct {
	Marks         map[string]Mark
	Present       map[string]bool
	NoAttribution bool
	ByDelegation  bool
	// Issued is the day a final report is issued on (export report
	// --final): its title block says "Final · issued …". Zero for a
	// report that is not final.
	Issued Date
}

// countedParticipation is a description's clause that counts who took
// part ("with the participation of **20 OECD countries** and …"): the
// attendance's count replaces it.
var countedParticipation = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)with the participation of [^.]*\d[^.]*`) })

// statementRE is a statement attributed the W3C scribing way: an optional
// [HH:MM] stamp, a name, a colon, the text.
var statementRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\s*` + listMarker + `?(?:` + stampPat + `)?)(` + speakerPat + `):\s+(\S.*)$`)
})

// Unattributed is a note with the speakers' names taken out of its
// statements ("[10:32] Spain: …" becomes "[10:32] …"), typed lines kept.
// Only a prefix that names someone (SpeakerOf) goes, and then whole: a
// line is never left as a fragment of itself.
func (m *Meeting) Unattributed(note string) string {
	lines := strings.Split(note, "\n")
	for i, l := range lines {
		if st := statementRE().FindStringSubmatch(l); st != nil && m.SpeakerOf(st[2]) != NotASpeaker {
			lines[i] = st[1] + st[3]
		}
	}
	return strings.Join(lines, "\n")
}

// isMarker reports whether a name is a typed line's marker (D, A, Q).
func isMarker(s string) bool {
	switch strings.ToUpper(s) {
	case "D", "A", "Q":
		return true
	}
	return false
}

// Statement is a line of a note attributed to someone ("[10:32] Spain:
// …"), in plain words: a typed line's marker reads as its kind.
type Statement struct {
	Speaker string
	Kind    SpeakerKind
	Text    string
	Line    int // 1-based
}

// Statements are a note's attributed lines, in order: those whose prefix
// names someone of the meeting (SpeakerOf).
func (m *Meeting) Statements(note string) []Statement {
	var out []Statement
	for i, l := range masked(note) {
		st := statementRE().FindStringSubmatch(l)
		if st == nil {
			continue
		}
		kind := m.SpeakerOf(st[2])
		if kind == NotASpeaker {
			continue
		}
		text := st[3]
		if it, ok := ParseLine(st[3]); ok { // "D: …" reads "Decision: …"
			text = it.Kind.Label() + ": " + it.Text
		}
		out = append(out, Statement{Speaker: st[2], Kind: kind, Text: strings.TrimSpace(text), Line: i + 1})
	}
	return out
}

// BySpeaker groups statements by who made them, in the order they first
// spoke.
func BySpeaker(ss []Statement) (order []string, said map[string][]Statement) {
	said = map[string][]Statement{}
	for _, s := range ss {
		if _, ok := said[s.Speaker]; !ok {
			order = append(order, s.Speaker)
		}
		said[s.Speaker] = append(said[s.Speaker], s)
	}
	return order, said
}

// byDelegation lists a note's statements grouped by who made them: the
// delegations, then the chair and the secretariat, then other people.
func byDelegation(m *Meeting, note string) string {
	ss := m.Statements(note)
	order, said := BySpeaker(ss)
	kinds := map[string]SpeakerKind{}
	for _, s := range ss {
		kinds[s.Speaker] = s.Kind
	}
	var dels, office, others []string
	for _, who := range order {
		switch kinds[who] {
		case DelegationSpeaker:
			dels = append(dels, who)
		case ChairSpeaker, SecretariatSpeaker:
			office = append(office, who)
		default:
			others = append(others, who)
		}
	}
	var b strings.Builder
	list := func(whos []string) {
		for _, who := range whos {
			var texts []string
			for _, s := range said[who] {
				texts = append(texts, s.Text)
			}
			fmt.Fprintf(&b, "- **%s:** %s\n", who, strings.Join(texts, " · "))
		}
	}
	list(dels)
	for _, g := range []struct {
		title string
		whos  []string
	}{{"The chair and the secretariat:", office}, {"Others:", others}} {
		if len(g.whos) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(g.title + "\n\n")
		list(g.whos)
	}
	return b.String()
}

// recordNote is a session's published note in the record's voice: the
// scribe's time stamps dropped (they stay in the note), a statement led by
// its speaker in bold, typed lines in words with their owners named and
// their dates in words, @CODE handles as the delegations' names. What was
// said is never rewritten.
func (m *Meeting) recordNote(note string) string {
	stamp := stampRE()
	var out []string
	prevItem := false
	for _, line := range strings.Split(note, "\n") {
		if it, ok := ParseLine(line); ok {
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			label := it.Kind.Label()
			if it.Speaker != "" {
				label = it.Speaker + ": " + label
			}
			text := m.handles(it.Text, true)
			var owners []string
			for _, o := range it.Owners {
				if d, ok := m.Delegation(o); ok {
					owners = append(owners, d.Name)
				}
			}
			if len(owners) > 0 {
				text += " — " + strings.Join(owners, ", ")
			}
			if w := whenInWords(it); w != "" {
				text += " (" + w + ")"
			}
			out = append(out, indent+"- **"+label+":** "+text)
			prevItem = true
			continue
		}
		if prevItem && strings.TrimSpace(line) != "" {
			out = append(out, "") // a plain line right after an item would join it
		}
		prevItem = false
		if st := statementRE().FindStringSubmatch(line); st != nil && m.SpeakerOf(st[2]) != NotASpeaker {
			line = st[1] + "**" + st[2] + ":** " + st[3]
		}
		out = append(out, m.handles(stamp.ReplaceAllString(line, "$1"), false))
	}
	return strings.Join(out, "\n")
}

// whenInWords is an item's due and done dates as the record writes them:
// "due 15 June 2017, done 12 June 2017".
func whenInWords(it Item) string {
	var parts []string
	if d := dueInWords(it); d != "" {
		parts = append(parts, "due "+d)
	}
	if d := doneInWords(it); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

// dueInWords is the due date in words ("15 June 2017"); one written that
// is no date stays as written, marked; "" for none.
func dueInWords(it Item) string {
	if !it.Due.IsZero() {
		return DateSpan(it.Due, it.Due)
	}
	return it.DueText()
}

// doneInWords is "done 12 June 2017", "done", or one written that is no
// date as written, marked; "" for an action still open.
func doneInWords(it Item) string {
	if !it.DoneOn.IsZero() {
		return "done " + DateSpan(it.DoneOn, it.DoneOn)
	}
	return it.DoneText()
}

// stampRE is a scribe's [HH:MM] time stamp where a line has one: at its
// start or after a list marker (the pieces of every line's prefix).
var stampRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\s*` + listMarker + `?)` + stampPat)
})

// handles writes a compiled item's @CODE handles as a record does: the
// delegation's name in prose, nothing where the Owner column names it
// (drop); a handle that is no delegation stays as written.
func (m *Meeting) handles(text string, drop bool) string {
	out := ownerRE().ReplaceAllStringFunc(text, func(h string) string {
		lead, code, _ := strings.Cut(h, "@")
		d, ok := m.Delegation(strings.ToUpper(code))
		switch {
		case !ok:
			return h
		case drop:
			return lead
		}
		return lead + d.Name
	})
	if drop {
		out = strings.Join(strings.Fields(out), " ") // what the handles left
	}
	return out
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// DateSpan formats a meeting's dates: "18–19 May 2017".
func DateSpan(a, b Date) string {
	switch {
	case a.IsZero():
		return ""
	case a == b:
		return fmt.Sprintf("%d %s %d", a.Day, a.Month, a.Year)
	case a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%d–%d %s %d", a.Day, b.Day, a.Month, a.Year)
	case a.Year == b.Year:
		return fmt.Sprintf("%d %s – %d %s %d", a.Day, a.Month, b.Day, b.Month, a.Year)
	}
	return fmt.Sprintf("%d %s %d – %d %s %d", a.Day, a.Month, a.Year, b.Day, b.Month, b.Year)
}

// DraftsText says which sessions' notes are drafts: "the notes of session
// 2 (ogd-report) are a draft", "the notes of sessions 2 (…), 5 (…) are
// drafts".
func DraftsText(drafts []*Session) string {
	var names []string
	for _, s := range drafts {
		names = append(names, fmt.Sprintf("%d (%s)", s.Number, s.ID))
	}
	if len(names) == 1 {
		return "the notes of session " + names[0] + " are a draft"
	}
	return "the notes of sessions " + strings.Join(names, ", ") + " are drafts"
}

// Drafts are the sessions whose notes have published text and are not
// approved: what --final refuses to publish.
func Drafts(m *Meeting, notes map[string]Note) []*Session {
	var out []*Session
	for i := range m.Sessions {
		s := &m.Sessions[i]
		text := notes[s.ID].Text
		if strings.TrimSpace(Published(text)) != "" && Status(text) != Approved {
			out = append(out, s)
		}
	}
	return out
}
