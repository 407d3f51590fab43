package agenda

import (
	"regexp"
	"strings"
	"sync"
)

// ItemKind is what a typed line of a note records.
type ItemKind int

// The kinds of typed line, after W3C scribing practice: a line that starts
// with D:, A: or Q:.
const (
	Decision ItemKind = iota
	Action
	Question
)

func (k ItemKind) String() string {
	return [...]string{"decision", "action", "question"}[k]
}

// Label is the kind as a record writes it: "Decision", "Action", "Open
// question".
func (k ItemKind) Label() string {
	return [...]string{"Decision", "Action", "Open question"}[k]
}

// Item is a decision, action or open question typed in a note.
type Item struct {
	Kind    ItemKind
	Text    string   // the line without its marker and due date
	Owners  []string // delegation codes named with @ (actions)
	Due     Date     // zero when none was given
	Stamp   string   // the [HH:MM] time stamp before the marker, if any
	Speaker string   // who said it ("Spain: D: …"), if the line names them
	Line    int      // 1-based line in the note

	// Actions: done with "[x]" after the marker or "done YYYY-MM-DD" at
	// the end (DoneOn then says when).
	Done   bool
	DoneOn Date
	// A due or done date written that is not one ("due 2017-13-45",
	// "due 18/05/2017"): kept as written, never read as no date.
	DueWritten, DoneWritten string
}

// The patterns are compiled on first use: most starts read no note, and
// start-up time is the first frame's.
var (
	// A line's prefix: an optional list marker ("-", "*", "+", "1."), an
	// [HH:MM] time stamp and a speaker ("Spain: ", the W3C scribing
	// convention), in that order. Typed lines and confidential lines are
	// both read after it, so the two never disagree.
	prefixRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^` + linePrefix)
	})
	itemRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^` + linePrefix + `([DdAaQq]):\s+(\S.*)$`)
	})
	ownerRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|\s)@([A-Za-z0-9][A-Za-z0-9-]{1,15})\b`) })
	// A due or done date: a word starting with a digit after "due" or
	// "done" at the end of the line ("due tomorrow" stays text).
	whenRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s+(due|done)\s+(\d\S*)\s*$`) })
	boxRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\[([ xX])\]\s+`) })
)

// The pieces of a line's prefix, shared by typed lines, statements and
// the confidential rule: a list marker, a time stamp, a speaker's name.
const (
	listMarker = `(?:(?:[-*+]|\d{1,3}[.)])\s+)`
	stampPat   = `\[\d{1,2}:\d{2}\]\s*`
	speakerPat = `\pL[^:]{0,59}?`
	// linePrefix is the pattern of a line's prefix (prefixRE); its
	// groups are the time stamp and the speaker.
	linePrefix = `\s*` + listMarker + `?(` + stampPat + `)?(?:(` + speakerPat + `):\s+)?`
)

// afterPrefix is what a line says after its list marker, time stamp and
// speaker.
func afterPrefix(line string) string {
	return line[len(prefixRE().FindString(line)):]
}

// ParseLine reads one typed line. A line that is not one, or whose marker
// has no text after it, is plain text (ok is false).
func ParseLine(line string) (it Item, ok bool) {
	m := itemRE().FindStringSubmatch(line)
	if m == nil {
		return Item{}, false
	}
	it.Stamp = strings.TrimSpace(m[1])
	it.Speaker = strings.TrimSpace(m[2])
	// The pattern's \S is ASCII's notion; the text must hold more than
	// Unicode spaces (a no-break space, a vertical tab) to be an item.
	text := strings.TrimSpace(m[4])
	if text == "" {
		return Item{}, false
	}
	switch strings.ToUpper(m[3]) {
	case "D":
		it.Kind = Decision
	case "A":
		it.Kind = Action
	case "Q":
		it.Kind = Question
	}
	if it.Kind == Action {
		if b := boxRE().FindStringSubmatch(text); b != nil && strings.TrimSpace(text[len(b[0]):]) != "" {
			it.Done = b[1] != " "
			text = strings.TrimSpace(text[len(b[0]):])
		}
	}
	// "due D" and "done D" at the end, in either order. One that would
	// leave the item without text stays in it.
	for range 2 {
		d := whenRE().FindStringSubmatchIndex(text)
		if d == nil || strings.TrimSpace(text[:d[0]]) == "" {
			break
		}
		word, written := strings.ToLower(text[d[2]:d[3]]), text[d[4]:d[5]]
		date, err := ParseDate(written)
		switch {
		case word == "due" && err == nil:
			it.Due = date
		case word == "due":
			it.DueWritten = written
		case err == nil:
			it.Done, it.DoneOn = true, date
		default:
			it.Done, it.DoneWritten = true, written
		}
		text = strings.TrimSpace(text[:d[0]])
	}
	for _, o := range ownerRE().FindAllStringSubmatch(text, -1) {
		it.Owners = append(it.Owners, strings.ToUpper(o[1]))
	}
	it.Text = text
	return it, true
}

// ParseItems returns the typed lines of a note, in order.
func ParseItems(note string) []Item {
	var items []Item
	for i, line := range masked(note) {
		if it, ok := ParseLine(line); ok {
			it.Line = i + 1
			items = append(items, it)
		}
	}
	return items
}

// PlainNote is a note with the markers of its typed lines removed, for the
// report: "D: Adopt X" becomes "Decision: Adopt X".
// Front matter and confidential lines are not in it.
func PlainNote(note string) string {
	lines := strings.Split(Published(note), "\n")
	out := make([]string, 0, len(lines))
	prevItem := false
	for _, line := range lines {
		it, ok := ParseLine(line)
		if !ok {
			// A plain line right after an item would join it as Markdown.
			if prevItem && strings.TrimSpace(line) != "" {
				out = append(out, "")
			}
			out = append(out, line)
			prevItem = false
			continue
		}
		prevItem = true
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		label := it.Kind.Label()
		text := it.Text
		if w := it.When(); w != "" {
			text += " (" + w + ")"
		}
		if it.Speaker != "" {
			label = it.Speaker + ": " + label
		}
		if it.Stamp != "" {
			label = it.Stamp + " " + label
		}
		out = append(out, indent+"- **"+label+":** "+text)
	}
	return strings.Join(out, "\n")
}

// DueText is the due date as written: the date, one written that is not a
// date with a mark saying so, or "".
func (it Item) DueText() string {
	switch {
	case !it.Due.IsZero():
		return it.Due.String()
	case it.DueWritten != "":
		return it.DueWritten + " (not a date)"
	}
	return ""
}

// DoneText says whether and when an action was done: "done", "done
// 2017-06-12", "" for an action still open.
func (it Item) DoneText() string {
	switch {
	case !it.Done:
		return ""
	case !it.DoneOn.IsZero():
		return "done " + it.DoneOn.String()
	case it.DoneWritten != "":
		return "done " + it.DoneWritten + " (not a date)"
	}
	return "done"
}

// When is the due date and the done mark together: "due 2017-06-30, done".
func (it Item) When() string {
	var parts []string
	if d := it.DueText(); d != "" {
		parts = append(parts, "due "+d)
	}
	if d := it.DoneText(); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

// Overdue reports whether an action is not done and was due before today.
func (it Item) Overdue(today Date) bool {
	return it.Kind == Action && !it.Done && !it.Due.IsZero() && it.Due.Before(today)
}
