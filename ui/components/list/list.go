// Package list is the scrolling, selectable row list the views share, and
// the filter box that narrows it.
package list

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/ui/common"
)

// RowList is the scrolling part of a list screen: which row the cursor is on
// and which window of rows is visible. Rows that cannot be selected (day
// headers, blank lines) are skipped by the cursor. It does no drawing: the
// screen renders the visible rows, so only those are ever built.
type RowList struct {
	selectable []bool
	Cursor     int // -1 when nothing is selectable
	Offset     int
	Height     int
}

// SetRows replaces the rows and puts the cursor on the selectable row nearest
// to want.
func (l *RowList) SetRows(selectable []bool, want int) {
	l.selectable = selectable
	l.Cursor = -1
	l.Offset = 0
	l.MoveTo(want, 1)
	if l.Cursor < 0 {
		l.MoveTo(want, -1)
	}
	l.clamp()
}

func (l *RowList) SetHeight(h int) {
	l.Height = max(h, 1)
	l.clamp()
}

// MoveTo puts the cursor on the first selectable row from i in direction dir.
func (l *RowList) MoveTo(i, dir int) bool {
	for ; i >= 0 && i < len(l.selectable); i += dir {
		if l.selectable[i] {
			l.Cursor = i
			l.clamp()
			return true
		}
	}
	return false
}

func (l *RowList) Move(delta int) {
	if l.Cursor < 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	target := l.Cursor + delta
	target = min(max(target, 0), len(l.selectable)-1)
	if !l.MoveTo(target, dir) {
		l.MoveTo(target, -dir)
	}
	if delta < 0 && l.Cursor >= 0 {
		// Keep the day header above the first session in view.
		for l.Offset > 0 && l.Offset == l.Cursor && !l.selectable[l.Offset-1] {
			l.Offset--
		}
	}
}

func (l *RowList) top() {
	l.MoveTo(0, 1)
	l.Offset = 0
}

func (l *RowList) bottom() { l.MoveTo(len(l.selectable)-1, -1) }

// scroll moves the window by delta rows without moving the cursor further
// than needed to keep it visible (the mouse wheel).
func (l *RowList) scroll(delta int) {
	l.Offset = min(max(l.Offset+delta, 0), max(len(l.selectable)-l.Height, 0))
	if l.Cursor < 0 {
		return
	}
	if l.Cursor < l.Offset {
		l.MoveTo(l.Offset, 1)
	} else if l.Cursor >= l.Offset+l.Height {
		l.MoveTo(l.Offset+l.Height-1, -1)
	}
}

// click selects the row at visible line y; it reports whether a row was
// hit. Lines below the window (a legend, a source) are not rows.
func (l *RowList) click(y int) bool {
	i := l.Offset + y
	if y < 0 || y >= l.Height || i >= len(l.selectable) || !l.selectable[i] {
		return false
	}
	l.Cursor = i
	return true
}

// clamp keeps the cursor inside the window. Before the first size is known
// (height 0) there is no window to keep it in.
func (l *RowList) clamp() {
	n := len(l.selectable)
	if l.Height <= 0 {
		return
	}
	if l.Cursor >= 0 {
		if l.Cursor < l.Offset {
			l.Offset = l.Cursor
		}
		if l.Cursor >= l.Offset+l.Height {
			l.Offset = l.Cursor - l.Height + 1
		}
	}
	l.Offset = min(l.Offset, max(n-l.Height, 0))
	l.Offset = max(l.Offset, 0)
}

// Visible returns the range of rows to draw.
func (l *RowList) Visible() (from, to int) {
	return l.Offset, min(l.Offset+l.Height, len(l.selectable))
}

// Navigate handles the movement keys and reports whether msg was one.
func (l *RowList) Navigate(msg tea.KeyMsg, k common.KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.Move(-1)
	case key.Matches(msg, k.Down):
		l.Move(1)
	case key.Matches(msg, k.PageUp):
		l.Move(-l.Height)
	case key.Matches(msg, k.PageDown):
		l.Move(l.Height)
	case key.Matches(msg, k.Top):
		l.top()
	case key.Matches(msg, k.Bottom):
		l.bottom()
	default:
		return false
	}
	return true
}

// Scroll handles the movement keys for a scrolling text (a session's detail,
// a country card) and reports whether msg was one.
func Scroll(vp *viewport.Model, msg tea.KeyMsg, k common.KeyMap) bool {
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

// Wheel scrolls a viewport three lines a notch of the mouse wheel.
func Wheel(vp *viewport.Model, msg tea.MouseMsg) {
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		vp.ScrollUp(3)
	case tea.MouseButtonWheelDown:
		vp.ScrollDown(3)
	}
}

// Mouse scrolls on the wheel and selects on a click at a row of the list,
// whose first row is at line top; it reports a click on a row.
func (l *RowList) Mouse(msg tea.MouseMsg, top int) (clicked bool) {
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

// Scrollbar marks, on the last cell of each of the visible lines, where
// they are among total lines from offset: a thumb ┃ on a track │. Lines
// that all fit are left as they are. Each line is w cells wide.
func Scrollbar(t *common.Theme, lines []string, w, offset, total int) {
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
		// The bar takes the last cell: a line whose text it cuts says so
		// (…); padding, styled or not, just goes.
		tail := ""
		if ansi.StringWidth(strings.TrimRight(ansi.Strip(lines[y]), " ")) > w-1 {
			tail = "…"
		}
		lines[y] = common.Fit(ansi.Truncate(lines[y], w-1, tail), w-1) + cell
	}
}

// Bar is scrollbar for the rows of the list drawn in lines.
func (l *RowList) Bar(t *common.Theme, lines []string, w int) {
	Scrollbar(t, lines, w, l.Offset, len(l.selectable))
}

// Draw is the visible rows of rendered, each w cells: the cursor's with
// "▸" in the selected style, the others indented to match, and the
// scrollbar on their last cell.
func (l *RowList) Draw(t *common.Theme, rendered []string, w int) []string {
	from, to := l.Visible()
	lines := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		if i == l.Cursor {
			lines = append(lines, common.Fit(t.Selected.Render("▸ "+ansi.Strip(rendered[i])), w))
		} else {
			lines = append(lines, common.Fit("  "+rendered[i], w))
		}
	}
	l.Bar(t, lines, w)
	return lines
}
