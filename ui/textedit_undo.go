package ui

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
func (e *textEdit) mark(k int, r rune) {
	startsWord := k == editType && e.lastEdit == editType && unicode.IsSpace(e.lastRune) && !unicode.IsSpace(r)
	if k != e.lastEdit || k == editOther || startsWord {
		e.undo = append(e.undo, undoPoint{e.Value(), e.row, e.col})
		if len(e.undo) > maxUndo {
			e.undo = e.undo[len(e.undo)-maxUndo:]
		}
		e.redo = nil
	}
	e.lastEdit, e.lastRune = k, r
}

// breakGroup ends the current group (the cursor moved, a save happened).
func (e *textEdit) breakGroup() { e.lastEdit = editNone }

func (e *textEdit) restore(p undoPoint) {
	e.SetValue(p.text)
	e.row = min(p.row, len(e.lines)-1)
	e.col = min(p.col, len(e.lines[e.row]))
	e.goal = -1
	e.follow()
}

// Undo goes back one step; it reports whether there was one.
func (e *textEdit) Undo() bool { return e.step(&e.undo, &e.redo) }

// Redo goes forward one step undone; it reports whether there was one.
func (e *textEdit) Redo() bool { return e.step(&e.redo, &e.undo) }

// step restores the last point of from, keeping the text now in to.
func (e *textEdit) step(from, to *[]undoPoint) bool {
	if len(*from) == 0 {
		return false
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, undoPoint{e.Value(), e.row, e.col})
	e.restore(p)
	e.breakGroup()
	return true
}

// cutRange takes the runes [from, to) of the cursor's line into the buffer.
func (e *textEdit) cutRange(from, to int) {
	l := e.lines[e.row]
	if from >= to {
		return
	}
	e.clip = string(l[from:to])
	nl := make([]rune, 0, len(l)-(to-from))
	nl = append(nl, l[:from]...)
	nl = append(nl, l[to:]...)
	e.lines[e.row] = nl
	e.col = from
	e.changed(e.row)
	e.goal = -1
	e.follow()
}

// CutWordBack cuts from the start of the word before the cursor (ctrl+w,
// alt+backspace); at a line's start it joins the line to the one above.
func (e *textEdit) CutWordBack() {
	if e.col == 0 {
		e.Backspace()
		return
	}
	to := e.col
	e.WordLeft()
	e.cutRange(e.col, to)
}

// CutWordForward cuts to the end of the word after the cursor (alt+d).
func (e *textEdit) CutWordForward() {
	l := e.lines[e.row]
	if e.col == len(l) {
		e.Delete()
		return
	}
	i := e.col
	for i < len(l) && unicode.IsSpace(l[i]) {
		i++
	}
	for i < len(l) && !unicode.IsSpace(l[i]) {
		i++
	}
	e.cutRange(e.col, i)
}

// CutLine cuts the cursor's line, its newline with it (ctrl+x).
func (e *textEdit) CutLine() {
	e.clip = string(e.lines[e.row]) + "\n"
	if len(e.lines) == 1 {
		e.lines[0] = nil
		e.col = 0
		e.changed(0)
		e.follow()
		return
	}
	e.deleteLine(e.row)
	e.row = min(e.row, len(e.lines)-1)
	e.col = 0
	e.goal = -1
	e.follow()
}

// CopyLine copies the cursor's line into the buffer (alt+w).
func (e *textEdit) CopyLine() { e.clip = string(e.lines[e.row]) + "\n" }

// InsertStep inserts s as a step of its own (a stamp, a speaker's name).
func (e *textEdit) InsertStep(s string) {
	e.mark(editOther, 0)
	e.Insert(s)
}

// PasteClip inserts the buffer at the cursor (ctrl+v).
func (e *textEdit) PasteClip() { e.Insert(e.clip) }
