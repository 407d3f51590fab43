// Package delegationsview lists the delegations by kind with the sessions
// they present in, and marks attendance.
package delegationsview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/list"
)

// DelegationsScreen lists who takes part, grouped by kind, with the sessions
// each presented in; enter jumps to a session in the agenda; / filters by
// code, name or session title.
type DelegationsScreen struct {
	c             *common.Common
	width, height int
	rows          []delegationRow
	Rendered      []string // per row at the current width
	list          list.RowList
	filter        list.FilterBox
}

type delegationRow struct {
	header     string // group title; empty for other rows
	delegation int    // index into Meeting.Delegations, -1 if none
	session    int    // index into Meeting.Sessions for a session row, -1 if none
}

func NewDelegationsScreen(c *common.Common) *DelegationsScreen {
	d := &DelegationsScreen{c: c, filter: list.NewFilterBox(c.Theme, "code, name or session")}
	d.SetMeeting()
	return d
}

// matches reports whether delegation i is shown under the filter: every
// word of it in the code, the name or a title of a session it presented.
func (d *DelegationsScreen) matches(i int) bool {
	m := d.c.Snap.Meeting
	del := m.Delegations[i]
	hay := strings.ToLower(del.Code + " " + del.Name)
	for _, s := range m.PresentedBy(del.Code) {
		hay += " " + strings.ToLower(m.Sessions[s].Title)
	}
	for _, w := range strings.Fields(strings.ToLower(d.filter.Query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (d *DelegationsScreen) SetMeeting() {
	m := d.c.Snap.Meeting
	d.rows = d.rows[:0]
	var sel []bool
	for _, kt := range common.KindTitles {
		var idx []int
		for i, del := range m.Delegations {
			if del.Kind == kt.Kind && d.matches(i) {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		sort.SliceStable(idx, func(a, b int) bool { return m.Delegations[idx[a]].Name < m.Delegations[idx[b]].Name })
		if len(d.rows) > 0 {
			d.rows = append(d.rows, delegationRow{delegation: -1, session: -1})
			sel = append(sel, false)
		}
		d.rows = append(d.rows, delegationRow{header: fmt.Sprintf("%s (%d)", kt.Title, len(idx)), delegation: -1, session: -1})
		sel = append(sel, false)
		for _, i := range idx {
			d.rows = append(d.rows, delegationRow{delegation: i, session: -1})
			sel = append(sel, true)
			for _, s := range m.PresentedBy(m.Delegations[i].Code) {
				d.rows = append(d.rows, delegationRow{delegation: i, session: s})
				sel = append(sel, true)
			}
		}
	}
	d.list.SetRows(sel, 0)
	if d.height > 0 { // before the first size there is no window to keep
		d.list.SetHeight(d.listHeight())
	}
	d.Render()
}

func (d *DelegationsScreen) listHeight() int {
	if d.filter.Shown() {
		return max(d.height-1, 1)
	}
	return max(d.height, 1)
}

func (d *DelegationsScreen) Capturing() bool { return d.filter.Focused }

func (d *DelegationsScreen) SetSize(w, h int) {
	d.width, d.height = w, h
	d.filter.Input.Width = max(w/3, 10)
	d.list.SetHeight(d.listHeight())
	d.Render()
}

// Render prepares every row at the current width; delegations number in the
// tens or hundreds, so this is cheap and keeps View to string joins.
func (d *DelegationsScreen) Render() {
	t := d.c.Theme
	m := d.c.Snap.Meeting
	w := max(d.width-3, 10) // "▸ " before, the scrollbar after
	d.Rendered = make([]string, len(d.rows))
	for i, r := range d.rows {
		switch {
		case r.header != "":
			d.Rendered[i] = common.Fit(t.Day.Render(r.header), w)
		case r.delegation < 0:
			d.Rendered[i] = strings.Repeat(" ", w)
		case r.session < 0:
			del := m.Delegations[r.delegation]
			n := len(m.PresentedBy(del.Code))
			info := "no presentation"
			if n == 1 {
				info = "presented in 1 session"
			} else if n > 1 {
				info = fmt.Sprintf("presented in %d sessions", n)
			}
			row := t.Codes.Render(fmt.Sprintf("%-5s ", del.Code)) + t.Bold.Render(del.Name) + "  " + t.Subtle.Render(info)
			if a := d.c.Snap.Present; a != nil {
				// Present and absent, day by day: ✓ 18 · – 19.
				var days []string
				for _, day := range m.Days() {
					mark := "–"
					if a.Present(day.String(), del.Code) {
						mark = "✓"
					}
					days = append(days, fmt.Sprintf("%s %d", mark, day.Day))
				}
				row = common.Spread(row, t.Label.Render(strings.Join(days, " · ")), w)
			}
			d.Rendered[i] = common.Fit(row, w)
		default:
			s := &m.Sessions[r.session]
			d.Rendered[i] = common.Fit(fmt.Sprintf("      ↳ %s %s", t.Number.Render(fmt.Sprintf("%2d", s.Number)), s.Title), w)
		}
	}
}

func (d *DelegationsScreen) Update(msg tea.Msg) tea.Cmd {
	k := d.c.Keys
	switch msg := msg.(type) {
	case common.SnapshotMsg:
		d.SetMeeting()
	case common.FloorMsg:
		d.Render() // the attendance
	case tea.KeyMsg:
		if handled, changed, cmd := d.filter.Key(msg, k, &d.list); handled {
			if changed {
				d.SetMeeting()
			}
			d.list.SetHeight(d.listHeight())
			return cmd
		}
		switch {
		case d.list.Navigate(msg, k):
		case key.Matches(msg, k.Delegations.GoTo):
			return d.jump()
		case key.Matches(msg, k.Delegations.Present):
			if d.list.Cursor < 0 {
				return nil
			}
			if by := d.c.ServedBy(); by != "" {
				return common.ServedRefusal(by)
			}
			if !d.c.MayChair() {
				return func() tea.Msg { return common.StatusMsg{Text: "The chair and the secretariat keep the attendance."} }
			}
			code := d.c.Snap.Meeting.Delegations[d.rows[d.list.Cursor].delegation].Code
			return func() tea.Msg { return common.AttendMsg{Code: code} }
		}
	case tea.MouseMsg:
		before := d.list.Cursor
		top := 0
		if d.filter.Shown() {
			top = 1
		}
		if d.list.Mouse(msg, top) && d.list.Cursor == before {
			return d.jump() // a click on the selected row goes there, like enter
		}
	}
	return nil
}

// jump goes to the session under the cursor, or to the first session the
// delegation under the cursor presented in.
func (d *DelegationsScreen) jump() tea.Cmd {
	if d.list.Cursor < 0 {
		return nil
	}
	r := d.rows[d.list.Cursor]
	s := r.session
	if s < 0 {
		ss := d.c.Snap.Meeting.PresentedBy(d.c.Snap.Meeting.Delegations[r.delegation].Code)
		if len(ss) == 0 {
			name := d.c.Snap.Meeting.Delegations[r.delegation].Name
			return func() tea.Msg { return common.StatusMsg{Text: name + " presented in no session."} }
		}
		s = ss[0]
	}
	d.c.Ask(common.JumpMsg{Session: s})
	return nil
}

func (d *DelegationsScreen) View() string {
	t := d.c.Theme
	var rows []string
	if d.filter.Shown() {
		n := 0
		for _, r := range d.rows {
			if r.delegation >= 0 && r.session < 0 {
				n++
			}
		}
		rows = append(rows, d.filter.View(t, d.width, fmt.Sprintf("%d of %d", n, len(d.c.Snap.Meeting.Delegations))))
	}
	rows = append(rows, d.list.Draw(t, d.Rendered, d.width)...)
	if len(d.rows) == 0 {
		rows = append(rows, common.Fit(t.Subtle.Render(fmt.Sprintf("  No delegation matches %q.", d.filter.Query)), d.width))
	}
	var b strings.Builder
	b.WriteString(strings.Join(rows, "\n"))
	blank := strings.Repeat(" ", d.width)
	for lines := len(rows); lines < d.height; lines++ {
		if lines > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(blank)
	}
	return b.String()
}

func (d *DelegationsScreen) ShortHelp() []key.Binding {
	k := d.c.Keys
	if d.filter.Focused {
		return d.filter.Help(k)
	}
	if d.c.MayChair() {
		return []key.Binding{k.Up, k.Down, k.Delegations.GoTo, k.Delegations.Present, k.Filter}
	}
	return []key.Binding{k.Up, k.Down, k.Delegations.GoTo, k.Filter}
}

func (d *DelegationsScreen) FullHelp() [][]key.Binding {
	k := d.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Delegations.GoTo, k.Filter, k.Back}}
}

// SelectCode puts the cursor on a delegation, the filter cleared if it
// hid it.
func (d *DelegationsScreen) SelectCode(code string) {
	for pass := 0; pass < 2; pass++ {
		for i, r := range d.rows {
			if r.delegation >= 0 && r.session < 0 && d.c.Snap.Meeting.Delegations[r.delegation].Code == code {
				d.list.MoveTo(i, 1)
				return
			}
		}
		d.filter.Clear()
		d.SetMeeting()
	}
}

// Selection is what y copies: the delegations listed.
func (d *DelegationsScreen) Selection() (what, text string) {
	return "the delegations", common.PlainLines(strings.Join(d.Rendered, "\n"))
}

// Slide: nothing of this view is presented (p).
func (d *DelegationsScreen) Slide() (deck.Slide, bool) { return deck.Slide{}, false }
