package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
)

// textEdit is a multi-line editor built for long notes: bubbles' textarea
// re-wraps and redraws the whole text on every key (28 ms a keystroke on a
// 100 KB note, measured), where this one keeps lines apart, re-wraps only
// the line that changed and draws only the rows on screen.
type textEdit struct {
	keys  EditorKeys
	lines [][]rune
	row   int // cursor line
	col   int // cursor position in the line, in runes
	goal  int // the screen column up/down try to keep; -1 none

	width, height int
	top, topSeg   int // first line on screen and its first wrapped row

	wraps [][]int    // per line: rune index where each row starts; nil = not wrapped yet
	kinds []lineKind // per line: typed-line kind, computed lazily
	words []int      // per line: word count, -1 unknown
	total int        // words in the whole text
	sizes []int      // per line: bytes, with its newline
	bytes int        // bytes in the whole text, with a newline per line

	undo, redo []undoPoint // see textedit_undo.go
	lastEdit   int
	lastRune   rune
	clip       string // the cut buffer (ctrl+k, ctrl+w, ctrl+x, alt+w; ctrl+v)

	// warns reports whether a typed line has something wrong (an unknown
	// delegation, a date that is not one); nil checks nothing.
	warns func(agenda.Item) bool

	anchor *textPos // where the selection started; nil when none (textedit_select.go)
	copied string   // what the last key copied or cut, for the system clipboard
}

type lineKind int8

const (
	kindUnknown lineKind = iota
	kindPlain
	kindDecision
	kindAction
	kindQuestion
	kindConfidential // a line for the rapporteurs only (//)

	// kindWarned marks a typed line that ItemWarnings finds fault with.
	kindWarned lineKind = 1 << 6
)

func newTextEdit(k EditorKeys) *textEdit {
	e := &textEdit{keys: k, goal: -1}
	e.SetValue("")
	return e
}

// SetValue replaces the text and puts the cursor at its end.
func (e *textEdit) SetValue(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	parts := strings.Split(s, "\n")
	e.lines = make([][]rune, len(parts))
	for i, p := range parts {
		e.lines[i] = []rune(p)
	}
	e.wraps = make([][]int, len(e.lines))
	e.kinds = make([]lineKind, len(e.lines))
	e.words = make([]int, len(e.lines))
	e.sizes = make([]int, len(e.lines))
	e.total, e.bytes = 0, 0
	for i := range e.lines {
		e.words[i] = countWords(e.lines[i])
		e.total += e.words[i]
		e.sizes[i] = lineBytes(e.lines[i])
		e.bytes += e.sizes[i]
	}
	e.row = len(e.lines) - 1
	e.col = len(e.lines[e.row])
	e.top, e.topSeg = 0, 0
	e.follow()
}

// Value returns the text.
func (e *textEdit) Value() string {
	n := 0
	for _, l := range e.lines {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range e.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(l))
	}
	return b.String()
}

// Words is the number of words in the text.
func (e *textEdit) Words() int { return e.total }

// Size is about the text's length in bytes (a newline counted per line).
func (e *textEdit) Size() int { return e.bytes }

func lineBytes(l []rune) int {
	n := 1
	for _, r := range l {
		n += utf8.RuneLen(r)
	}
	return n
}

func (e *textEdit) SetSize(w, h int) {
	if w != e.width {
		for i := range e.wraps {
			e.wraps[i] = nil
		}
	}
	e.width, e.height = max(w, 4), max(h, 1)
	e.follow()
}

func countWords(l []rune) int {
	n, in := 0, false
	for _, r := range l {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// changed marks line i as edited.
func (e *textEdit) changed(i int) {
	e.wraps[i] = nil
	e.kinds[i] = kindUnknown
	e.total -= e.words[i]
	e.words[i] = countWords(e.lines[i])
	e.total += e.words[i]
	e.bytes -= e.sizes[i]
	e.sizes[i] = lineBytes(e.lines[i])
	e.bytes += e.sizes[i]
}

func (e *textEdit) insertLine(at int, l []rune) {
	e.lines = append(e.lines, nil)
	copy(e.lines[at+1:], e.lines[at:])
	e.lines[at] = l
	e.wraps = append(e.wraps, nil)
	copy(e.wraps[at+1:], e.wraps[at:])
	e.wraps[at] = nil
	e.kinds = append(e.kinds, 0)
	copy(e.kinds[at+1:], e.kinds[at:])
	e.kinds[at] = kindUnknown
	e.words = append(e.words, 0)
	copy(e.words[at+1:], e.words[at:])
	e.words[at] = countWords(l)
	e.total += e.words[at]
	e.sizes = append(e.sizes, 0)
	copy(e.sizes[at+1:], e.sizes[at:])
	e.sizes[at] = lineBytes(l)
	e.bytes += e.sizes[at]
}

func (e *textEdit) deleteLine(at int) {
	e.total -= e.words[at]
	e.bytes -= e.sizes[at]
	e.sizes = append(e.sizes[:at], e.sizes[at+1:]...)
	e.lines = append(e.lines[:at], e.lines[at+1:]...)
	e.wraps = append(e.wraps[:at], e.wraps[at+1:]...)
	e.kinds = append(e.kinds[:at], e.kinds[at+1:]...)
	e.words = append(e.words[:at], e.words[at+1:]...)
}

// Insert types s at the cursor; line breaks (LF, CRLF, or the CR that
// terminals send in a bracketed paste) split lines. Control characters
// other than newline and tab never enter a note.
func (e *textEdit) Insert(s string) {
	s = clean.Text(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	s = strings.ReplaceAll(s, "\t", "    ")
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		if i > 0 {
			e.Newline()
		}
		if p == "" {
			continue
		}
		rs := []rune(p)
		l := e.lines[e.row]
		nl := make([]rune, 0, len(l)+len(rs))
		nl = append(nl, l[:e.col]...)
		nl = append(nl, rs...)
		nl = append(nl, l[e.col:]...)
		e.lines[e.row] = nl
		e.col += len(rs)
		e.changed(e.row)
	}
	e.goal = -1
	e.follow()
}

// Newline splits the line at the cursor.
func (e *textEdit) Newline() {
	l := e.lines[e.row]
	rest := append([]rune(nil), l[e.col:]...)
	e.lines[e.row] = l[:e.col:e.col]
	e.changed(e.row)
	e.insertLine(e.row+1, rest)
	e.row++
	e.col = 0
	e.goal = -1
	e.follow()
}

func (e *textEdit) Backspace() {
	switch {
	case e.col > 0:
		l := e.lines[e.row]
		e.lines[e.row] = append(l[:e.col-1], l[e.col:]...)
		e.col--
		e.changed(e.row)
	case e.row > 0:
		prev := e.lines[e.row-1]
		e.col = len(prev)
		e.lines[e.row-1] = append(prev, e.lines[e.row]...)
		e.changed(e.row - 1)
		e.deleteLine(e.row)
		e.row--
	}
	e.goal = -1
	e.follow()
}

func (e *textEdit) Delete() {
	l := e.lines[e.row]
	switch {
	case e.col < len(l):
		e.lines[e.row] = append(l[:e.col], l[e.col+1:]...)
		e.changed(e.row)
	case e.row < len(e.lines)-1:
		e.lines[e.row] = append(l, e.lines[e.row+1]...)
		e.changed(e.row)
		e.deleteLine(e.row + 1)
	}
	e.follow()
}

// KillToEnd deletes from the cursor to the end of the line (ctrl+k).
func (e *textEdit) KillToEnd() {
	if e.col == len(e.lines[e.row]) {
		e.Delete()
		return
	}
	e.lines[e.row] = e.lines[e.row][:e.col]
	e.changed(e.row)
	e.follow()
}

// KillToStart deletes from the start of the line to the cursor (ctrl+u).
func (e *textEdit) KillToStart() {
	e.lines[e.row] = append([]rune(nil), e.lines[e.row][e.col:]...)
	e.col = 0
	e.changed(e.row)
	e.follow()
}

func (e *textEdit) Left() {
	if e.col > 0 {
		e.col--
	} else if e.row > 0 {
		e.row--
		e.col = len(e.lines[e.row])
	}
	e.goal = -1
	e.follow()
}

func (e *textEdit) Right() {
	if e.col < len(e.lines[e.row]) {
		e.col++
	} else if e.row < len(e.lines)-1 {
		e.row++
		e.col = 0
	}
	e.goal = -1
	e.follow()
}

// WordLeft and WordRight move by words (alt+←/→, ctrl+←/→).
func (e *textEdit) WordLeft() {
	l := e.lines[e.row]
	if e.col == 0 {
		e.Left()
		return
	}
	i := e.col
	for i > 0 && unicode.IsSpace(l[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(l[i-1]) {
		i--
	}
	e.col = i
	e.goal = -1
	e.follow()
}

func (e *textEdit) WordRight() {
	l := e.lines[e.row]
	if e.col == len(l) {
		e.Right()
		return
	}
	i := e.col
	for i < len(l) && !unicode.IsSpace(l[i]) {
		i++
	}
	for i < len(l) && unicode.IsSpace(l[i]) {
		i++
	}
	e.col = i
	e.goal = -1
	e.follow()
}

func (e *textEdit) Home() { e.col, e.goal = 0, -1; e.follow() }
func (e *textEdit) End()  { e.col, e.goal = len(e.lines[e.row]), -1; e.follow() }

// Top and Bottom go to the start and the end of the text.
func (e *textEdit) Top()    { e.row, e.col, e.goal = 0, 0, -1; e.follow() }
func (e *textEdit) Bottom() { e.row = len(e.lines) - 1; e.End() }

// wrap returns where each screen row of line i starts, breaking after the
// last space that fits, or anywhere in a word longer than the width.
func (e *textEdit) wrap(i int) []int {
	if e.wraps[i] != nil {
		return e.wraps[i]
	}
	l := e.lines[i]
	cells := cellWidths(l)
	starts := []int{0}
	w, start, lastSpace := 0, 0, -1
	for j := 0; j < len(l); j++ {
		rw := cells[j]
		if w+rw > e.width-1 && j > start { // keep a cell for the cursor
			brk := j
			if lastSpace >= start && lastSpace+1 < j {
				brk = lastSpace + 1
			}
			starts = append(starts, brk)
			start = brk
			w = 0
			for k := start; k < j; k++ {
				w += cells[k]
			}
			lastSpace = -1
		}
		if l[j] == ' ' {
			lastSpace = j
		}
		w += rw
	}
	e.wraps[i] = starts
	return starts
}

// cursorSeg is the wrapped row of the cursor within its line.
func (e *textEdit) cursorSeg() int {
	starts := e.wrap(e.row)
	seg := 0
	for s := range starts {
		if starts[s] <= e.col {
			seg = s
		}
	}
	return seg
}

// colWidth is the screen column of rune index col in line i's row seg.
func (e *textEdit) colWidth(i, seg, col int) int {
	starts := e.wrap(i)
	w := 0
	for _, c := range cellWidths(e.lines[i])[starts[seg]:col] {
		w += c
	}
	return w
}

// cellWidths are the cells each rune of l takes, measured as bubbletea's
// renderer measures the line (ansi.StringWidth, by grapheme cluster): a
// cluster's width goes to its first rune, 0 to the others, so 👍🏽 is two
// cells, not four, and the cursor stays under the character.
func cellWidths(l []rune) []int {
	out := make([]int, len(l))
	s := string(l)
	for j := 0; s != ""; {
		cluster, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if cluster == "" {
			break
		}
		out[j] = w
		j += utf8.RuneCountInString(cluster)
		s = s[len(cluster):]
	}
	return out
}

// Up and Down move by screen rows, keeping the column they started from.
func (e *textEdit) Up()   { e.vertical(-1) }
func (e *textEdit) Down() { e.vertical(1) }

func (e *textEdit) vertical(d int) {
	seg := e.cursorSeg()
	if e.goal < 0 {
		e.goal = e.colWidth(e.row, seg, e.col)
	}
	row, s := e.row, seg+d
	if s < 0 {
		if row == 0 {
			e.col = 0
			e.follow()
			return
		}
		row--
		s = len(e.wrap(row)) - 1
	} else if s >= len(e.wrap(row)) {
		if row == len(e.lines)-1 {
			e.col = len(e.lines[row])
			e.follow()
			return
		}
		row++
		s = 0
	}
	e.row = row
	e.col = e.colAt(row, s, e.goal)
	e.follow()
}

// colAt is the rune index at screen column x of row seg of line i.
func (e *textEdit) colAt(i, seg, x int) int {
	starts := e.wrap(i)
	end := len(e.lines[i])
	if seg+1 < len(starts) {
		end = starts[seg+1] - 1 // stay on this row
		if end < starts[seg] {
			end = starts[seg]
		}
	}
	w := 0
	cells := cellWidths(e.lines[i])
	for j := starts[seg]; j < end; j++ {
		rw := cells[j]
		if w+rw > x {
			return j
		}
		w += rw
	}
	return end
}

func (e *textEdit) PageUp() {
	for range e.height - 1 {
		e.vertical(-1)
	}
}

func (e *textEdit) PageDown() {
	for range e.height - 1 {
		e.vertical(1)
	}
}

// follow scrolls so that the cursor's row is on screen, wrapping only the
// lines between the old top and the cursor.
func (e *textEdit) follow() {
	if e.width == 0 {
		return
	}
	if e.top >= len(e.lines) {
		e.top, e.topSeg = len(e.lines)-1, 0
	}
	seg := e.cursorSeg()
	if e.row < e.top || (e.row == e.top && seg < e.topSeg) {
		e.top, e.topSeg = e.row, seg
		return
	}
	// Rows from the top to the cursor, counted until they exceed the height.
	rows := 0
	for i := e.top; i <= e.row; i++ {
		n := len(e.wrap(i))
		from, to := 0, n
		if i == e.top {
			from = e.topSeg
		}
		if i == e.row {
			to = seg + 1
		}
		rows += to - from
		if rows > e.height*2 {
			break
		}
	}
	for rows > e.height {
		// Move the top down one row.
		if e.topSeg+1 < len(e.wrap(e.top)) {
			e.topSeg++
		} else {
			e.top++
			e.topSeg = 0
		}
		rows--
	}
}

// kind is the typed-line kind of line i, for highlighting, and whether
// the line has a warning.
func (e *textEdit) kind(i int) (lineKind, bool) {
	if e.kinds[i] == kindUnknown {
		line := string(e.lines[i])
		e.kinds[i] = kindPlain
		if agenda.IsConfidential(line) {
			e.kinds[i] = kindConfidential
		} else if it, ok := agenda.ParseLine(line); ok {
			e.kinds[i] = [...]lineKind{kindDecision, kindAction, kindQuestion}[it.Kind]
			if e.warns != nil && e.warns(it) {
				e.kinds[i] |= kindWarned
			}
		}
	}
	return e.kinds[i] &^ kindWarned, e.kinds[i]&kindWarned != 0
}

// recheck forgets every line's kind: what makes a warning changed (the
// meeting was reloaded).
func (e *textEdit) recheck() {
	for i := range e.kinds {
		e.kinds[i] = kindUnknown
	}
}

// View draws the rows on screen with the cursor; typed lines are coloured
// and marked in a gutter so they show without colour too.
func (e *textEdit) View(t *Theme, focused bool) string {
	var b strings.Builder
	rows := 0
	curSeg := e.cursorSeg()
	for i, seg := e.top, e.topSeg; i < len(e.lines) && rows < e.height; {
		starts := e.wrap(i)
		from := starts[seg]
		to := len(e.lines[i])
		if seg+1 < len(starts) {
			to = starts[seg+1]
		}
		text := string(e.lines[i][from:to])
		k, warned := e.kind(i)
		style := t.Bold
		gutter := "  "
		switch k {
		case kindDecision:
			style, gutter = t.Now, "D "
		case kindAction:
			style, gutter = t.Next, "A "
		case kindQuestion:
			style, gutter = t.Tag, "Q "
		case kindConfidential:
			style = t.Subtle // the line's own "//" marks it
		}
		if seg > 0 || k == kindPlain {
			gutter = "  "
		}
		if rows > 0 {
			b.WriteByte('\n')
		}
		if warned && seg == 0 {
			// A mark that reads without colour: the kind's letter and "!".
			b.WriteString(t.Error.Render(gutter[:1] + "!"))
		} else {
			b.WriteString(t.Subtle.Render(gutter))
		}
		if sa, sb := e.inSelection(i, from, to); sa < sb {
			// The selection in reverse video, the cursor at one of its ends.
			rs := e.lines[i]
			b.WriteString(e.paint(style, k, string(rs[from:sa])))
			b.WriteString(t.style().Reverse(true).Render(string(rs[sa:sb])))
			b.WriteString(e.paint(style, k, string(rs[sb:to])))
		} else if focused && i == e.row && seg == curSeg {
			c := e.col - from
			rs := []rune(text)
			before, at, after := string(rs[:c]), " ", ""
			if c < len(rs) {
				at, after = string(rs[c]), string(rs[c+1:])
			}
			b.WriteString(e.paint(style, k, before))
			b.WriteString(t.style().Reverse(true).Render(at))
			b.WriteString(e.paint(style, k, after))
		} else {
			b.WriteString(e.paint(style, k, text))
		}
		rows++
		seg++
		if seg >= len(starts) {
			i, seg = i+1, 0
		}
	}
	for ; rows < e.height; rows++ {
		b.WriteByte('\n')
	}
	return b.String()
}

func (e *textEdit) paint(st interface{ Render(...string) string }, k lineKind, s string) string {
	if k == kindPlain || s == "" {
		return s
	}
	return st.Render(s)
}

// update handles the editing keys; it reports whether the text changed.
// Runes are text, with or without alt, but for the word motions.
func (e *textEdit) update(msg tea.KeyMsg) (changed bool) {
	k := e.keys
	e.copied = ""
	if key.Matches(msg, k.Select) {
		e.selecting()
		switch msg.Type {
		case tea.KeyShiftLeft:
			e.Left()
		case tea.KeyShiftRight:
			e.Right()
		case tea.KeyShiftUp:
			e.Up()
		case tea.KeyShiftDown:
			e.Down()
		case tea.KeyShiftHome:
			e.Home()
		case tea.KeyShiftEnd:
			e.End()
		case tea.KeyCtrlShiftLeft:
			e.WordLeft()
		case tea.KeyCtrlShiftRight:
			e.WordRight()
		case tea.KeyCtrlShiftHome:
			e.Top()
		case tea.KeyCtrlShiftEnd:
			e.Bottom()
		}
		e.breakGroup()
		return false
	}
	if _, _, ok := e.selection(); ok {
		typing := msg.Type == tea.KeyRunes && !(msg.Alt && !msg.Paste) || msg.Type == tea.KeySpace ||
			key.Matches(msg, k.Newline, k.Tab, k.Paste)
		switch {
		case key.Matches(msg, k.Cut):
			e.mark(editOther, 0)
			e.CutSelection()
			e.copied = e.clip
			return true
		case key.Matches(msg, k.CopyText):
			e.clip = e.Selected()
			e.copied = e.clip
			return false
		case key.Matches(msg, k.Backspace, k.Delete):
			e.mark(editOther, 0)
			e.deleteSelection()
			return true
		case typing:
			// What is typed replaces the selection, in one step with it.
			e.mark(editOther, 0)
			e.deleteSelection()
			e.lastEdit = editNone
			n := len(e.undo)
			e.update(msg)
			if len(e.undo) == n+1 {
				e.undo = e.undo[:n] // the typing's own step: one step with the deletion
			}
			return true
		}
		e.unselect()
	}
	switch {
	case key.Matches(msg, k.WordLeft):
		e.WordLeft()
	case key.Matches(msg, k.WordRight):
		e.WordRight()
	case key.Matches(msg, k.Undo):
		return e.Undo()
	case key.Matches(msg, k.Redo):
		return e.Redo()
	case key.Matches(msg, k.CutWord, k.CutWordBack):
		e.mark(editOther, 0)
		e.CutWordBack()
		return true
	case key.Matches(msg, k.CutWordForward):
		e.mark(editOther, 0)
		e.CutWordForward()
		return true
	case key.Matches(msg, k.Cut):
		e.mark(editOther, 0)
		e.CutLine()
		e.copied = e.clip
		return true
	case key.Matches(msg, k.CopyText):
		e.CopyLine()
		e.copied = e.clip
		return false
	case key.Matches(msg, k.Paste):
		e.mark(editOther, 0)
		e.PasteClip()
		return true
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		if msg.Alt && !msg.Paste {
			return false // alt+letters are commands, not text
		}
		if msg.Paste || len(msg.Runes) > 1 {
			e.mark(editOther, 0)
		} else if len(msg.Runes) == 1 {
			e.mark(editType, msg.Runes[0])
		}
		e.Insert(string(msg.Runes))
		return true
	case key.Matches(msg, k.Newline):
		e.mark(editType, '\n')
		e.Newline()
		return true
	case key.Matches(msg, k.Tab):
		e.mark(editType, ' ')
		e.Insert("    ")
		return true
	case key.Matches(msg, k.Backspace):
		e.mark(editDelete, 0)
		e.Backspace()
		return true
	case key.Matches(msg, k.Delete):
		e.mark(editDelete, 0)
		e.Delete()
		return true
	case key.Matches(msg, k.KillToEnd):
		e.mark(editOther, 0)
		l := e.lines[e.row]
		if e.col < len(l) {
			e.clip = string(l[e.col:])
		}
		e.KillToEnd()
		return true
	case key.Matches(msg, k.KillToStart):
		e.mark(editOther, 0)
		e.clip = string(e.lines[e.row][:e.col])
		e.KillToStart()
		return true
	case key.Matches(msg, k.Left):
		e.Left()
	case key.Matches(msg, k.Right):
		e.Right()
	case key.Matches(msg, k.Up):
		e.Up()
	case key.Matches(msg, k.Down):
		e.Down()
	case key.Matches(msg, k.Home):
		e.Home()
	case key.Matches(msg, k.End):
		e.End()
	case key.Matches(msg, k.Top):
		e.Top()
	case key.Matches(msg, k.Bottom):
		e.Bottom()
	case key.Matches(msg, k.PageUp):
		e.PageUp()
	case key.Matches(msg, k.PageDown):
		e.PageDown()
	}
	e.breakGroup() // the cursor moved: the next edit is a new step
	return false
}

// cursorLine is the 1-based line and column of the cursor, for the header.
func (e *textEdit) cursorLine() (int, int) { return e.row + 1, e.col + 1 }
