package textedit

// Selection in the note editor, as in a browser's text box: shift with the
// arrows (ctrl+shift by word, shift+home/end to the line's ends) or a drag
// of the mouse selects; typing, backspace or delete replace what is
// selected; ctrl+x cuts it and alt+w copies it (to the system clipboard
// too); any other motion lets it go.

// textPos is a place in the text: a line and a rune in it.
type textPos struct{ row, col int }

func (a textPos) before(b textPos) bool { return a.row < b.row || (a.row == b.row && a.col < b.col) }

// Selection is the selected span, start before end; ok is false when
// nothing is selected.
func (e *TextEdit) Selection() (start, end textPos, ok bool) {
	if e.Anchor == nil {
		return textPos{}, textPos{}, false
	}
	a, c := *e.Anchor, textPos{e.Row, e.Col}
	if a == c {
		return a, c, false
	}
	if c.before(a) {
		return c, a, true
	}
	return a, c, true
}

// Selecting starts a selection at the cursor unless one is under way.
func (e *TextEdit) Selecting() {
	if e.Anchor == nil {
		e.Anchor = &textPos{e.Row, e.Col}
	}
}

// Unselect lets the selection go.
func (e *TextEdit) Unselect() { e.Anchor = nil }

// Selected is the selected text ("" when nothing is).
func (e *TextEdit) Selected() string {
	s, t, ok := e.Selection()
	if !ok {
		return ""
	}
	if s.row == t.row {
		return string(e.Lines[s.row][s.col:t.col])
	}
	b := []rune(string(e.Lines[s.row][s.col:]))
	for r := s.row + 1; r < t.row; r++ {
		b = append(append(b, '\n'), e.Lines[r]...)
	}
	b = append(append(b, '\n'), e.Lines[t.row][:t.col]...)
	return string(b)
}

// deleteSelection removes the selected text and puts the cursor where it
// was; it reports whether there was a selection.
func (e *TextEdit) deleteSelection() bool {
	s, t, ok := e.Selection()
	e.Anchor = nil
	if !ok {
		return false
	}
	head := e.Lines[s.row][:s.col:s.col]
	joined := append(append([]rune{}, head...), e.Lines[t.row][t.col:]...)
	for r := t.row; r > s.row; r-- {
		e.deleteLine(r)
	}
	e.Lines[s.row] = joined
	e.Changed(s.row)
	e.Row, e.Col, e.Goal = s.row, s.col, -1
	e.Follow()
	return true
}

// CutSelection cuts the selection into the buffer.
func (e *TextEdit) CutSelection() {
	e.Clip = e.Selected()
	e.deleteSelection()
}

// inSelection reports which runes [from, to) of line i are selected, as
// a span of that range ([a, b) with a == b when none is).
func (e *TextEdit) inSelection(i, from, to int) (a, b int) {
	s, t, ok := e.Selection()
	if !ok || i < s.row || i > t.row {
		return from, from
	}
	a, b = from, to
	if i == s.row {
		a = max(from, s.col)
	}
	if i == t.row {
		b = min(to, t.col)
	}
	if a > b {
		return from, from
	}
	return a, b
}

// PosAt is the place in the text drawn at screen row y and column x of
// the editor's area (the gutter is two cells).
func (e *TextEdit) PosAt(x, y int) textPos {
	rows := 0
	for i, seg := e.top, e.topSeg; i < len(e.Lines); {
		starts := e.wrap(i)
		if rows == y {
			return textPos{i, e.colAt(i, seg, max(x-2, 0))}
		}
		rows++
		seg++
		if seg >= len(starts) {
			i, seg = i+1, 0
		}
	}
	last := len(e.Lines) - 1
	return textPos{last, len(e.Lines[last])}
}

// MoveTo puts the cursor at p (a click), keeping it on screen.
func (e *TextEdit) MoveTo(p textPos) {
	e.Row = min(max(p.row, 0), len(e.Lines)-1)
	e.Col = min(max(p.col, 0), len(e.Lines[e.Row]))
	e.Goal = -1
	e.Follow()
}

// Paste inserts pasted text in one undo step, over the selection if there
// is one.
func (e *TextEdit) Paste(s string) {
	e.mark(editOther, 0)
	e.deleteSelection()
	e.Insert(s)
	e.BreakGroup()
}
