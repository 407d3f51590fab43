// Package textedit is the note editor's text area: wrapped lines measured
// as the terminal draws them, selection, a kill ring and undo.
package textedit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
)

// TextEdit is a multi-line editor built for long notes: bubbles' textarea
// re-wraps and redraws the whole text on every key (28 ms a keystroke on a
// 100 KB note, measured), where this one keeps lines apart, re-wraps only
// the line that changed and draws only the rows on screen.
type TextEdit struct {
	keys  common.EditorKeys
	Lines [][]rune
	Row   int // cursor line
	Col   int // cursor position in the line, in runes
	Goal  int // the screen column up/down try to keep; -1 none

	width, Height int
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
	Clip       string // the cut buffer (ctrl+k, ctrl+w, ctrl+x, alt+w; ctrl+v)

	// Warns reports whether a typed line has something wrong (an unknown
	// delegation, a date that is not one); nil checks nothing.
	Warns func(agenda.Item) bool

	Anchor *textPos // where the selection started; nil when none (textedit_select.go)
	Copied string   // what the last key copied or cut, for the system clipboard
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

func NewTextEdit(k common.EditorKeys) *TextEdit {
	e := &TextEdit{keys: k, Goal: -1}
	e.SetValue("")
	return e
}

// SetValue replaces the text and puts the cursor at its end.
func (e *TextEdit) SetValue(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	parts := strings.Split(s, "\n")
	e.Lines = make([][]rune, len(parts))
	for i, p := range parts {
		e.Lines[i] = []rune(p)
	}
	e.wraps = make([][]int, len(e.Lines))
	e.kinds = make([]lineKind, len(e.Lines))
	e.words = make([]int, len(e.Lines))
	e.sizes = make([]int, len(e.Lines))
	e.total, e.bytes = 0, 0
	for i := range e.Lines {
		e.words[i] = countWords(e.Lines[i])
		e.total += e.words[i]
		e.sizes[i] = lineBytes(e.Lines[i])
		e.bytes += e.sizes[i]
	}
	e.Row = len(e.Lines) - 1
	e.Col = len(e.Lines[e.Row])
	e.top, e.topSeg = 0, 0
	e.Follow()
}

// Value returns the text.
func (e *TextEdit) Value() string {
	n := 0
	for _, l := range e.Lines {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range e.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(l))
	}
	return b.String()
}

// Words is the number of words in the text.
func (e *TextEdit) Words() int { return e.total }

// Size is about the text's length in bytes (a newline counted per line).
func (e *TextEdit) Size() int { return e.bytes }

func lineBytes(l []rune) int {
	n := 1
	for _, r := range l {
		n += utf8.RuneLen(r)
	}
	return n
}

func (e *TextEdit) SetSize(w, h int) {
	if w != e.width {
		for i := range e.wraps {
			e.wraps[i] = nil
		}
	}
	e.width, e.Height = max(w, 4), max(h, 1)
	e.Follow()
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

// Changed marks line i as edited.
func (e *TextEdit) Changed(i int) {
	e.wraps[i] = nil
	e.kinds[i] = kindUnknown
	e.total -= e.words[i]
	e.words[i] = countWords(e.Lines[i])
	e.total += e.words[i]
	e.bytes -= e.sizes[i]
	e.sizes[i] = lineBytes(e.Lines[i])
	e.bytes += e.sizes[i]
}

func (e *TextEdit) insertLine(at int, l []rune) {
	e.Lines = append(e.Lines, nil)
	copy(e.Lines[at+1:], e.Lines[at:])
	e.Lines[at] = l
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

func (e *TextEdit) deleteLine(at int) {
	e.total -= e.words[at]
	e.bytes -= e.sizes[at]
	e.sizes = append(e.sizes[:at], e.sizes[at+1:]...)
	e.Lines = append(e.Lines[:at], e.Lines[at+1:]...)
	e.wraps = append(e.wraps[:at], e.wraps[at+1:]...)
	e.kinds = append(e.kinds[:at], e.kinds[at+1:]...)
	e.words = append(e.words[:at], e.words[at+1:]...)
}

// Insert types s at the cursor; line breaks (LF, CRLF, or the CR that
// terminals send in a bracketed paste) split lines. Control characters
// other than newline and tab never enter a note.
func (e *TextEdit) Insert(s string) {
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
		l := e.Lines[e.Row]
		nl := make([]rune, 0, len(l)+len(rs))
		nl = append(nl, l[:e.Col]...)
		nl = append(nl, rs...)
		nl = append(nl, l[e.Col:]...)
		e.Lines[e.Row] = nl
		e.Col += len(rs)
		e.Changed(e.Row)
	}
	e.Goal = -1
	e.Follow()
}

// Newline splits the line at the cursor.
func (e *TextEdit) Newline() {
	l := e.Lines[e.Row]
	rest := append([]rune(nil), l[e.Col:]...)
	e.Lines[e.Row] = l[:e.Col:e.Col]
	e.Changed(e.Row)
	e.insertLine(e.Row+1, rest)
	e.Row++
	e.Col = 0
	e.Goal = -1
	e.Follow()
}

func (e *TextEdit) Backspace() {
	switch {
	case e.Col > 0:
		l := e.Lines[e.Row]
		e.Lines[e.Row] = append(l[:e.Col-1], l[e.Col:]...)
		e.Col--
		e.Changed(e.Row)
	case e.Row > 0:
		prev := e.Lines[e.Row-1]
		e.Col = len(prev)
		e.Lines[e.Row-1] = append(prev, e.Lines[e.Row]...)
		e.Changed(e.Row - 1)
		e.deleteLine(e.Row)
		e.Row--
	}
	e.Goal = -1
	e.Follow()
}

func (e *TextEdit) Delete() {
	l := e.Lines[e.Row]
	switch {
	case e.Col < len(l):
		e.Lines[e.Row] = append(l[:e.Col], l[e.Col+1:]...)
		e.Changed(e.Row)
	case e.Row < len(e.Lines)-1:
		e.Lines[e.Row] = append(l, e.Lines[e.Row+1]...)
		e.Changed(e.Row)
		e.deleteLine(e.Row + 1)
	}
	e.Follow()
}

// KillToEnd deletes from the cursor to the end of the line (ctrl+k).
func (e *TextEdit) KillToEnd() {
	if e.Col == len(e.Lines[e.Row]) {
		e.Delete()
		return
	}
	e.Lines[e.Row] = e.Lines[e.Row][:e.Col]
	e.Changed(e.Row)
	e.Follow()
}

// KillToStart deletes from the start of the line to the cursor (ctrl+u).
func (e *TextEdit) KillToStart() {
	e.Lines[e.Row] = append([]rune(nil), e.Lines[e.Row][e.Col:]...)
	e.Col = 0
	e.Changed(e.Row)
	e.Follow()
}

func (e *TextEdit) Left() {
	if e.Col > 0 {
		e.Col--
	} else if e.Row > 0 {
		e.Row--
		e.Col = len(e.Lines[e.Row])
	}
	e.Goal = -1
	e.Follow()
}

func (e *TextEdit) Right() {
	if e.Col < len(e.Lines[e.Row]) {
		e.Col++
	} else if e.Row < len(e.Lines)-1 {
		e.Row++
		e.Col = 0
	}
	e.Goal = -1
	e.Follow()
}

// WordLeft and WordRight move by words (alt+←/→, ctrl+←/→).
func (e *TextEdit) WordLeft() {
	l := e.Lines[e.Row]
	if e.Col == 0 {
		e.Left()
		return
	}
	i := e.Col
	for i > 0 && unicode.IsSpace(l[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(l[i-1]) {
		i--
	}
	e.Col = i
	e.Goal = -1
	e.Follow()
}

func (e *TextEdit) WordRight() {
	l := e.Lines[e.Row]
	if e.Col == len(l) {
		e.Right()
		return
	}
	i := e.Col
	for i < len(l) && !unicode.IsSpace(l[i]) {
		i++
	}
	for i < len(l) && unicode.IsSpace(l[i]) {
		i++
	}
	e.Col = i
	e.Goal = -1
	e.Follow()
}

func (e *TextEdit) Home() { e.Col, e.Goal = 0, -1; e.Follow() }
func (e *TextEdit) End()  { e.Col, e.Goal = len(e.Lines[e.Row]), -1; e.Follow() }

// Top and Bottom go to the start and the end of the text.
func (e *TextEdit) Top()    { e.Row, e.Col, e.Goal = 0, 0, -1; e.Follow() }
func (e *TextEdit) Bottom() { e.Row = len(e.Lines) - 1; e.End() }

// wrap returns where each screen row of line i starts, breaking after the
// last space that fits, or anywhere in a word longer than the width.
func (e *TextEdit) wrap(i int) []int {
	if e.wraps[i] != nil {
		return e.wraps[i]
	}
	l := e.Lines[i]
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
func (e *TextEdit) cursorSeg() int {
	starts := e.wrap(e.Row)
	seg := 0
	for s := range starts {
		if starts[s] <= e.Col {
			seg = s
		}
	}
	return seg
}

// colWidth is the screen column of rune index col in line i's row seg.
func (e *TextEdit) colWidth(i, seg, col int) int {
	starts := e.wrap(i)
	w := 0
	for _, c := range cellWidths(e.Lines[i])[starts[seg]:col] {
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
func (e *TextEdit) Up()   { e.vertical(-1) }
func (e *TextEdit) Down() { e.vertical(1) }

func (e *TextEdit) vertical(d int) {
	seg := e.cursorSeg()
	if e.Goal < 0 {
		e.Goal = e.colWidth(e.Row, seg, e.Col)
	}
	row, s := e.Row, seg+d
	if s < 0 {
		if row == 0 {
			e.Col = 0
			e.Follow()
			return
		}
		row--
		s = len(e.wrap(row)) - 1
	} else if s >= len(e.wrap(row)) {
		if row == len(e.Lines)-1 {
			e.Col = len(e.Lines[row])
			e.Follow()
			return
		}
		row++
		s = 0
	}
	e.Row = row
	e.Col = e.colAt(row, s, e.Goal)
	e.Follow()
}

// colAt is the rune index at screen column x of row seg of line i.
func (e *TextEdit) colAt(i, seg, x int) int {
	starts := e.wrap(i)
	end := len(e.Lines[i])
	if seg+1 < len(starts) {
		end = starts[seg+1] - 1 // stay on this row
		if end < starts[seg] {
			end = starts[seg]
		}
	}
	w := 0
	cells := cellWidths(e.Lines[i])
	for j := starts[seg]; j < end; j++ {
		rw := cells[j]
		if w+rw > x {
			return j
		}
		w += rw
	}
	return end
}

func (e *TextEdit) PageUp() {
	for range e.Height - 1 {
		e.vertical(-1)
	}
}

func (e *TextEdit) PageDown() {
	for range e.Height - 1 {
		e.vertical(1)
	}
}

// Follow scrolls so that the cursor's row is on screen, wrapping only the
// lines between the old top and the cursor.
func (e *TextEdit) Follow() {
	if e.width == 0 {
		return
	}
	if e.top >= len(e.Lines) {
		e.top, e.topSeg = len(e.Lines)-1, 0
	}
	seg := e.cursorSeg()
	if e.Row < e.top || (e.Row == e.top && seg < e.topSeg) {
		e.top, e.topSeg = e.Row, seg
		return
	}
	// Rows from the top to the cursor, counted until they exceed the height.
	rows := 0
	for i := e.top; i <= e.Row; i++ {
		n := len(e.wrap(i))
		from, to := 0, n
		if i == e.top {
			from = e.topSeg
		}
		if i == e.Row {
			to = seg + 1
		}
		rows += to - from
		if rows > e.Height*2 {
			break
		}
	}
	for rows > e.Height {
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

// Kind is the typed-line kind of line i, for highlighting, and whether
// the line has a warning.
func (e *TextEdit) Kind(i int) (lineKind, bool) {
	if e.kinds[i] == kindUnknown {
		line := string(e.Lines[i])
		e.kinds[i] = kindPlain
		if agenda.IsConfidential(line) {
			e.kinds[i] = kindConfidential
		} else if it, ok := agenda.ParseLine(line); ok {
			e.kinds[i] = [...]lineKind{kindDecision, kindAction, kindQuestion}[it.Kind]
			if e.Warns != nil && e.Warns(it) {
				e.kinds[i] |= kindWarned
			}
		}
	}
	return e.kinds[i] &^ kindWarned, e.kinds[i]&kindWarned != 0
}

// Recheck forgets every line's kind: what makes a warning changed (the
// meeting was reloaded).
func (e *TextEdit) Recheck() {
	for i := range e.kinds {
		e.kinds[i] = kindUnknown
	}
}

// View draws the rows on screen with the cursor; typed lines are coloured
// and marked in a gutter so they show without colour too.
func (e *TextEdit) View(t *common.Theme, focused bool) string {
	var b strings.Builder
	rows := 0
	curSeg := e.cursorSeg()
	for i, seg := e.top, e.topSeg; i < len(e.Lines) && rows < e.Height; {
		starts := e.wrap(i)
		from := starts[seg]
		to := len(e.Lines[i])
		if seg+1 < len(starts) {
			to = starts[seg+1]
		}
		text := string(e.Lines[i][from:to])
		k, warned := e.Kind(i)
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
			rs := e.Lines[i]
			b.WriteString(e.paint(style, k, string(rs[from:sa])))
			b.WriteString(t.Style().Reverse(true).Render(string(rs[sa:sb])))
			b.WriteString(e.paint(style, k, string(rs[sb:to])))
		} else if focused && i == e.Row && seg == curSeg {
			c := e.Col - from
			rs := []rune(text)
			before, at, after := string(rs[:c]), " ", ""
			if c < len(rs) {
				at, after = string(rs[c]), string(rs[c+1:])
			}
			b.WriteString(e.paint(style, k, before))
			b.WriteString(t.Style().Reverse(true).Render(at))
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
	for ; rows < e.Height; rows++ {
		b.WriteByte('\n')
	}
	return b.String()
}

func (e *TextEdit) paint(st interface{ Render(...string) string }, k lineKind, s string) string {
	if k == kindPlain || s == "" {
		return s
	}
	return st.Render(s)
}

// Update handles the editing keys; it reports whether the text changed.
// Runes are text, with or without alt, but for the word motions.
func (e *TextEdit) Update(msg tea.KeyMsg) (changed bool) {
	k := e.keys
	e.Copied = ""
	if key.Matches(msg, k.Select) {
		e.Selecting()
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
		e.BreakGroup()
		return false
	}
	if _, _, ok := e.Selection(); ok {
		typing := msg.Type == tea.KeyRunes && !(msg.Alt && !msg.Paste) || msg.Type == tea.KeySpace ||
			key.Matches(msg, k.Newline, k.Tab, k.Paste)
		switch {
		case key.Matches(msg, k.Cut):
			e.mark(editOther, 0)
			e.CutSelection()
			e.Copied = e.Clip
			return true
		case key.Matches(msg, k.CopyText):
			e.Clip = e.Selected()
			e.Copied = e.Clip
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
			e.Update(msg)
			if len(e.undo) == n+1 {
				e.undo = e.undo[:n] // the typing's own step: one step with the deletion
			}
			return true
		}
		e.Unselect()
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
		e.Copied = e.Clip
		return true
	case key.Matches(msg, k.CopyText):
		e.CopyLine()
		e.Copied = e.Clip
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
		l := e.Lines[e.Row]
		if e.Col < len(l) {
			e.Clip = string(l[e.Col:])
		}
		e.KillToEnd()
		return true
	case key.Matches(msg, k.KillToStart):
		e.mark(editOther, 0)
		e.Clip = string(e.Lines[e.Row][:e.Col])
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
	e.BreakGroup() // the cursor moved: the next edit is a new step
	return false
}

// CursorLine is the 1-based line and column of the cursor, for the header.
func (e *TextEdit) CursorLine() (int, int) { return e.Row + 1, e.Col + 1 }
