package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// rowList is the scrolling part of a list screen: which row the cursor is on
// and which window of rows is visible. Rows that cannot be selected (day
// headers, blank lines) are skipped by the cursor. It does no drawing: the
// screen renders the visible rows, so only those are ever built.
type rowList struct {
	selectable []bool
	cursor     int // -1 when nothing is selectable
	offset     int
	height     int
}

// setRows replaces the rows and puts the cursor on the selectable row nearest
// to want.
func (l *rowList) setRows(selectable []bool, want int) {
	l.selectable = selectable
	l.cursor = -1
	l.offset = 0
	l.moveTo(want, 1)
	if l.cursor < 0 {
		l.moveTo(want, -1)
	}
	l.clamp()
}

func (l *rowList) setHeight(h int) {
	l.height = max(h, 1)
	l.clamp()
}

// moveTo puts the cursor on the first selectable row from i in direction dir.
func (l *rowList) moveTo(i, dir int) bool {
	for ; i >= 0 && i < len(l.selectable); i += dir {
		if l.selectable[i] {
			l.cursor = i
			l.clamp()
			return true
		}
	}
	return false
}

func (l *rowList) move(delta int) {
	if l.cursor < 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	target := l.cursor + delta
	target = min(max(target, 0), len(l.selectable)-1)
	if !l.moveTo(target, dir) {
		l.moveTo(target, -dir)
	}
	if delta < 0 && l.cursor >= 0 {
		// Keep the day header above the first session in view.
		for l.offset > 0 && l.offset == l.cursor && !l.selectable[l.offset-1] {
			l.offset--
		}
	}
}

func (l *rowList) top() {
	l.moveTo(0, 1)
	l.offset = 0
}

func (l *rowList) bottom() { l.moveTo(len(l.selectable)-1, -1) }

// scroll moves the window by delta rows without moving the cursor further
// than needed to keep it visible (the mouse wheel).
func (l *rowList) scroll(delta int) {
	l.offset = min(max(l.offset+delta, 0), max(len(l.selectable)-l.height, 0))
	if l.cursor < 0 {
		return
	}
	if l.cursor < l.offset {
		l.moveTo(l.offset, 1)
	} else if l.cursor >= l.offset+l.height {
		l.moveTo(l.offset+l.height-1, -1)
	}
}

// click selects the row at visible line y; it reports whether a row was
// hit. Lines below the window (a legend, a source) are not rows.
func (l *rowList) click(y int) bool {
	i := l.offset + y
	if y < 0 || y >= l.height || i >= len(l.selectable) || !l.selectable[i] {
		return false
	}
	l.cursor = i
	return true
}

// clamp keeps the cursor inside the window. Before the first size is known
// (height 0) there is no window to keep it in.
func (l *rowList) clamp() {
	n := len(l.selectable)
	if l.height <= 0 {
		return
	}
	if l.cursor >= 0 {
		if l.cursor < l.offset {
			l.offset = l.cursor
		}
		if l.cursor >= l.offset+l.height {
			l.offset = l.cursor - l.height + 1
		}
	}
	l.offset = min(l.offset, max(n-l.height, 0))
	l.offset = max(l.offset, 0)
}

// visible returns the range of rows to draw.
func (l *rowList) visible() (from, to int) {
	return l.offset, min(l.offset+l.height, len(l.selectable))
}

// navigate handles the movement keys and reports whether msg was one.
func (l *rowList) navigate(msg tea.KeyMsg, k KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-l.height)
	case key.Matches(msg, k.PageDown):
		l.move(l.height)
	case key.Matches(msg, k.Top):
		l.top()
	case key.Matches(msg, k.Bottom):
		l.bottom()
	default:
		return false
	}
	return true
}

// scroll handles the movement keys for a scrolling text (a session's detail,
// a country card) and reports whether msg was one.
func scroll(vp *viewport.Model, msg tea.KeyMsg, k KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// wheel scrolls a viewport three lines a notch of the mouse wheel.
func wheel(vp *viewport.Model, msg tea.MouseMsg) {
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		vp.ScrollUp(3)
	case tea.MouseButtonWheelDown:
		vp.ScrollDown(3)
	}
}

// mouse scrolls on the wheel and selects on a click at a row of the list,
// whose first row is at line top; it reports a click on a row.
func (l *rowList) mouse(msg tea.MouseMsg, top int) (clicked bool) {
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		l.scroll(-3)
	case tea.MouseButtonWheelDown:
		l.scroll(3)
	case tea.MouseButtonLeft:
		return msg.Action == tea.MouseActionPress && l.click(msg.Y-top)
	}
	return false
}

// scrollbar marks, on the last cell of each of the visible lines, where
// they are among total lines from offset: a thumb ┃ on a track │. Lines
// that all fit are left as they are. Each line is w cells wide.
func scrollbar(t *Theme, lines []string, w, offset, total int) {
	h := len(lines)
	if h == 0 || total <= h || w < 2 {
		return
	}
	size := max(h*h/total, 1)
	start := min(offset*h/total, h-size)
	if offset+h >= total {
		start = h - size // at the end, the thumb is at the bottom
	}
	for y := range lines {
		cell := t.Border.Render("│")
		if y >= start && y < start+size {
			cell = t.Label.Render("┃")
		}
		lines[y] = ansi.Truncate(lines[y], w-1, "") + cell
	}
}

// bar is scrollbar for the rows of the list drawn in lines.
func (l *rowList) bar(t *Theme, lines []string, w int) {
	scrollbar(t, lines, w, l.offset, len(l.selectable))
}

// draw is the visible rows of rendered, each w cells: the cursor's with
// "▸" in the selected style, the others indented to match, and the
// scrollbar on their last cell.
func (l *rowList) draw(t *Theme, rendered []string, w int) []string {
	from, to := l.visible()
	lines := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		if i == l.cursor {
			lines = append(lines, fit(t.Selected.Render("▸ "+ansi.Strip(rendered[i])), w))
		} else {
			lines = append(lines, fit("  "+rendered[i], w))
		}
	}
	l.bar(t, lines, w)
	return lines
}
