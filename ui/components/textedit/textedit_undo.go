package textedit

import (
	"unicode"
)

// Undo and the cut buffer of the note editor. Undo points are whole texts
// taken at the start of each group of edits — a word typed, a run of
// deletions, a paste, a cut — not at every key, so ctrl+z undoes what a
// person thinks of as one step. A 100 KB note's point costs one string.

// maxUndo caps the steps kept (a day of minutes at 100 KB: 20 MB at most).
const maxUndo = 200

type undoPoint struct {
	text     string
	row, col int
}

// edit kinds, for grouping
const (
	editNone = iota
	editType
	editDelete
	editOther // paste, cut, newline, a stamp: each its own step
)

// mark records an undo point before an edit of kind k when it starts a new
// group: another kind, a word boundary, or any edit of editOther.
func (e *TextEdit) mark(k int, r rune) {
	startsWord := k == editType && e.lastEdit == editType && unicode.IsSpace(e.lastRune) && !unicode.IsSpace(r)
	if k != e.lastEdit || k == editOther || startsWord {
		e.undo = append(e.undo, undoPoint{e.Value(), e.Row, e.Col})
		if len(e.undo) > maxUndo {
			e.undo = e.undo[len(e.undo)-maxUndo:]
		}
		e.redo = nil
	}
	e.lastEdit, e.lastRune = k, r
}

// BreakGroup ends the current group (the cursor moved, a save happened).
func (e *TextEdit) BreakGroup() { e.lastEdit = editNone }

func (e *TextEdit) restore(p undoPoint) {
	e.SetValue(p.text)
	e.Row = min(p.row, len(e.Lines)-1)
	e.Col = min(p.col, len(e.Lines[e.Row]))
	e.Goal = -1
	e.Follow()
}

// Undo goes back one step; it reports whether there was one.
func (e *TextEdit) Undo() bool { return e.step(&e.undo, &e.redo) }

// Redo goes forward one step undone; it reports whether there was one.
func (e *TextEdit) Redo() bool { return e.step(&e.redo, &e.undo) }

// step restores the last point of from, keeping the text now in to.
func (e *TextEdit) step(from, to *[]undoPoint) bool {
	if len(*from) == 0 {
		return false
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, undoPoint{e.Value(), e.Row, e.Col})
	e.restore(p)
	e.BreakGroup()
	return true
}

// cutRange takes the runes [from, to) of the cursor's line into the buffer.
func (e *TextEdit) cutRange(from, to int) {
	l := e.Lines[e.Row]
	if from >= to {
		return
	}
	e.Clip = string(l[from:to])
	nl := make([]rune, 0, len(l)-(to-from))
	nl = append(nl, l[:from]...)
	nl = append(nl, l[to:]...)
	e.Lines[e.Row] = nl
	e.Col = from
	e.Changed(e.Row)
	e.Goal = -1
	e.Follow()
}

// CutWordBack cuts from the start of the word before the cursor (ctrl+w,
// alt+backspace); at a line's start it joins the line to the one above.
func (e *TextEdit) CutWordBack() {
	if e.Col == 0 {
		e.Backspace()
		return
	}
	to := e.Col
	e.WordLeft()
	e.cutRange(e.Col, to)
}

// CutWordForward cuts to the end of the word after the cursor (alt+d).
func (e *TextEdit) CutWordForward() {
	l := e.Lines[e.Row]
	if e.Col == len(l) {
		e.Delete()
		return
	}
	i := e.Col
	for i < len(l) && unicode.IsSpace(l[i]) {
		i++
	}
	for i < len(l) && !unicode.IsSpace(l[i]) {
		i++
	}
	e.cutRange(e.Col, i)
}

// CutLine cuts the cursor's line, its newline with it (ctrl+x).
func (e *TextEdit) CutLine() {
	e.Clip = string(e.Lines[e.Row]) + "\n"
	if len(e.Lines) == 1 {
		e.Lines[0] = nil
		e.Col = 0
		e.Changed(0)
		e.Follow()
		return
	}
	e.deleteLine(e.Row)
	e.Row = min(e.Row, len(e.Lines)-1)
	e.Col = 0
	e.Goal = -1
	e.Follow()
}

// CopyLine copies the cursor's line into the buffer (alt+w).
func (e *TextEdit) CopyLine() { e.Clip = string(e.Lines[e.Row]) + "\n" }

// InsertStep inserts s as a step of its own (a stamp, a speaker's name).
func (e *TextEdit) InsertStep(s string) {
	e.mark(editOther, 0)
	e.Insert(s)
}

// PasteClip inserts the buffer at the cursor (ctrl+v).
func (e *TextEdit) PasteClip() { e.Insert(e.Clip) }
