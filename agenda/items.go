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

// Item is a decision, action or open question typed in a note.
type Item struct {
	Kind    ItemKind
	Text    string   // the line without its marker and due date
	Owners  []string // delegation codes named with @ (actions)
	Due     Date     // zero when none was given
	Stamp   string   // the [HH:MM] time stamp before the marker, if any
	Speaker string   // who said it ("Spain: D: …"), if the line names them
	Line    int      // 1-based line in the note
}

// The patterns are compiled on first use: most starts read no note, and
// start-up time is the first frame's.
var (
	// An optional list bullet, [HH:MM] time stamp and speaker ("Spain: ",
	// the W3C scribing convention) may come first.
	itemRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*(?:[-*+]\s+)?(\[\d{1,2}:\d{2}\]\s*)?(?:(\pL[^:]{0,59}?):\s+)?([DdAaQq]):\s+(\S.*)$`)
	})
	ownerRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|\s)@([A-Za-z0-9][A-Za-z0-9-]{1,15})\b`) })
	dueRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s+due\s+(\d{4}-\d{2}-\d{2})\s*$`) })
)

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
	if d := dueRE().FindStringSubmatchIndex(text); d != nil {
		// A due date that is not a real date stays in the text.
		// So does one that would leave the item without text.
		if due, err := ParseDate(text[d[2]:d[3]]); err == nil && strings.TrimSpace(text[:d[0]]) != "" {
			it.Due = due
			text = strings.TrimSpace(text[:d[0]])
		}
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
	for i, line := range strings.Split(note, "\n") {
		if it, ok := ParseLine(line); ok {
			it.Line = i + 1
			items = append(items, it)
		}
	}
	return items
}

// PlainNote is a note with the markers of its typed lines removed, for the
// report: "D: Adopt X" becomes "Decision: Adopt X".
func PlainNote(note string) string {
	lines := strings.Split(note, "\n")
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
		label := map[ItemKind]string{Decision: "Decision", Action: "Action", Question: "Open question"}[it.Kind]
		text := it.Text
		if !it.Due.IsZero() {
			text += " (due " + it.Due.String() + ")"
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
