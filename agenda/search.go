package agenda

import "strings"

// NoteIndex finds text in a meeting's notes. Each note is lowered once
// when the index is made, so a search is a scan of the lowered text: a
// day of minutes answers in well under a keystroke.
type NoteIndex struct {
	notes []indexedNote
}

type indexedNote struct {
	session int    // index into Meeting.Sessions
	text    string // as given
	lower   string
	lines   []string // text's lines, split when first needed
}

// NoteHit is a line of a note that holds what was searched.
type NoteHit struct {
	Session int    // index into Meeting.Sessions
	Line    int    // 1-based, in the text given
	Text    string // the whole line, as written
}

// NewNoteIndex indexes the notes of m's sessions, in agenda order, as
// text gives them (text decides what its reader may see).
func NewNoteIndex(m *Meeting, text func(id string) string) *NoteIndex {
	x := &NoteIndex{}
	for i, s := range m.Sessions {
		if t := text(s.ID); strings.TrimSpace(t) != "" {
			x.notes = append(x.notes, indexedNote{session: i, text: t, lower: strings.ToLower(t)})
		}
	}
	return x
}

// Search lists the lines that hold q (ignoring case), one hit a line, in
// agenda order, at most limit of them; total counts every line that holds
// it.
func (x *NoteIndex) Search(q string, limit int) (hits []NoteHit, total int) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" || strings.Contains(q, "\n") {
		return nil, 0
	}
	for k := range x.notes {
		n := &x.notes[k]
		line, scanned := 1, 0
		for from := 0; ; {
			i := strings.Index(n.lower[from:], q)
			if i < 0 {
				break
			}
			at := from + i
			line += strings.Count(n.lower[scanned:at], "\n")
			scanned = at
			total++
			if len(hits) < limit {
				if n.lines == nil {
					n.lines = strings.Split(n.text, "\n")
				}
				text := ""
				if line-1 < len(n.lines) {
					text = n.lines[line-1]
				}
				hits = append(hits, NoteHit{Session: n.session, Line: line, Text: text})
			}
			// One hit a line: go on after this line.
			end := strings.IndexByte(n.lower[at:], '\n')
			if end < 0 {
				break
			}
			from = at + end
		}
	}
	return hits, total
}
