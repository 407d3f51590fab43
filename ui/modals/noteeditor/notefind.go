package noteeditor

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/data/clean"
)

// Finding in a note (ctrl+f): the query is typed on the editor's info
// line; enter or ctrl+n goes to the next match, ctrl+p to the previous,
// esc closes. Case does not matter.

// find is the editor's search, when open.
type find struct {
	query string
	said  string // "3 of 12", or why nothing was found
}

// findKey takes a key while the search is open; it reports whether it did.
func (ne *NoteEditor) findKey(msg tea.KeyMsg) bool {
	k := ne.c.Keys.Editor
	f := ne.finding
	switch {
	case msg.Type == tea.KeyEsc:
		ne.finding = nil
	case msg.Type == tea.KeyEnter || key.Matches(msg, k.FindNext):
		ne.findNext(1)
	case key.Matches(msg, k.FindPrev):
		ne.findNext(-1)
	case msg.Type == tea.KeyBackspace:
		if f.query != "" {
			_, size := utf8.DecodeLastRuneInString(f.query)
			f.query = f.query[:len(f.query)-size]
		}
		f.said = ""
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		f.query = clean.Line(f.query + string(msg.Runes))
		f.said = ""
	default:
		return false
	}
	return true
}

// findNext moves the cursor to the next (dir 1) or previous (-1) match,
// wrapping around the note.
func (ne *NoteEditor) findNext(dir int) {
	f := ne.finding
	q := []rune(strings.ToLower(f.query))
	if len(q) == 0 {
		return
	}
	e := ne.Ed
	var hits [][2]int
	for row, l := range e.Lines {
		low := []rune(strings.ToLower(string(l)))
		if len(low) != len(l) {
			low = l // a rune that changes length lowered: match as written
		}
		for col := 0; col+len(q) <= len(low); col++ {
			if string(low[col:col+len(q)]) == string(q) {
				hits = append(hits, [2]int{row, col})
			}
		}
	}
	if len(hits) == 0 {
		f.said = fmt.Sprintf("%q is not in this note", f.query)
		return
	}
	at := -1
	if dir > 0 {
		for i, h := range hits {
			if h[0] > e.Row || h[0] == e.Row && h[1] > e.Col {
				at = i
				break
			}
		}
		if at < 0 {
			at = 0
		}
	} else {
		for i := len(hits) - 1; i >= 0; i-- {
			if h := hits[i]; h[0] < e.Row || h[0] == e.Row && h[1] < e.Col {
				at = i
				break
			}
		}
		if at < 0 {
			at = len(hits) - 1
		}
	}
	e.Row, e.Col, e.Goal = hits[at][0], hits[at][1], -1
	e.Follow()
	e.BreakGroup()
	f.said = fmt.Sprintf("%d of %d", at+1, len(hits))
}

// findLine is the info line while searching.
func (ne *NoteEditor) findLine() string {
	t := ne.c.Theme
	f := ne.finding
	s := t.Prompt.Render("find: ") + f.query + t.Style().Reverse(true).Render(" ")
	if f.said != "" {
		s += "  " + t.Subtle.Render(f.said)
	}
	return s + t.Subtle.Render("  enter/ctrl+n next · ctrl+p previous · esc closes")
}
