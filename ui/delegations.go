package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// delegationsScreen lists who takes part, grouped by kind, with the sessions
// each presented in; enter jumps to a session in the agenda; / filters by
// code, name or session title.
type delegationsScreen struct {
	c             *common
	width, height int
	rows          []delegationRow
	rendered      []string // per row at the current width
	list          rowList
	filter        filterBox
}

type delegationRow struct {
	header     string // group title; empty for other rows
	delegation int    // index into Meeting.Delegations, -1 if none
	session    int    // index into Meeting.Sessions for a session row, -1 if none
}

func newDelegationsScreen(c *common) *delegationsScreen {
	d := &delegationsScreen{c: c, filter: newFilterBox(c.theme, "code, name or session")}
	d.setMeeting()
	return d
}

// matches reports whether delegation i is shown under the filter: every
// word of it in the code, the name or a title of a session it presented.
func (d *delegationsScreen) matches(i int) bool {
	m := d.c.snap.Meeting
	del := m.Delegations[i]
	hay := strings.ToLower(del.Code + " " + del.Name)
	for _, s := range m.PresentedBy(del.Code) {
		hay += " " + strings.ToLower(m.Sessions[s].Title)
	}
	for _, w := range strings.Fields(strings.ToLower(d.filter.query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (d *delegationsScreen) setMeeting() {
	m := d.c.snap.Meeting
	d.rows = d.rows[:0]
	var sel []bool
	for _, kt := range kindTitles {
		var idx []int
		for i, del := range m.Delegations {
			if del.Kind == kt.kind && d.matches(i) {
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
		d.rows = append(d.rows, delegationRow{header: fmt.Sprintf("%s (%d)", kt.title, len(idx)), delegation: -1, session: -1})
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
	d.list.setRows(sel, 0)
	if d.height > 0 { // before the first size there is no window to keep
		d.list.setHeight(d.listHeight())
	}
	d.render()
}

func (d *delegationsScreen) listHeight() int {
	if d.filter.shown() {
		return max(d.height-1, 1)
	}
	return max(d.height, 1)
}

func (d *delegationsScreen) capturing() bool { return d.filter.focused }

func (d *delegationsScreen) setSize(w, h int) {
	d.width, d.height = w, h
	d.filter.input.Width = max(w/3, 10)
	d.list.setHeight(d.listHeight())
	d.render()
}

// render prepares every row at the current width; delegations number in the
// tens or hundreds, so this is cheap and keeps View to string joins.
func (d *delegationsScreen) render() {
	t := d.c.theme
	m := d.c.snap.Meeting
	w := max(d.width-3, 10) // "▸ " before, the scrollbar after
	d.rendered = make([]string, len(d.rows))
	for i, r := range d.rows {
		switch {
		case r.header != "":
			d.rendered[i] = fit(t.Day.Render(r.header), w)
		case r.delegation < 0:
			d.rendered[i] = strings.Repeat(" ", w)
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
			if a := d.c.snap.Present; a != nil {
				// Present and absent, day by day: ✓ 18 · – 19.
				var days []string
				for _, day := range m.Days() {
					mark := "–"
					if a.Present(day.String(), del.Code) {
						mark = "✓"
					}
					days = append(days, fmt.Sprintf("%s %d", mark, day.Day))
				}
				row = spread(row, t.Label.Render(strings.Join(days, " · ")), w)
			}
			d.rendered[i] = fit(row, w)
		default:
			s := &m.Sessions[r.session]
			d.rendered[i] = fit(fmt.Sprintf("      ↳ %s %s", t.Number.Render(fmt.Sprintf("%2d", s.Number)), s.Title), w)
		}
	}
}

func (d *delegationsScreen) update(msg tea.Msg) tea.Cmd {
	k := d.c.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if handled, changed, cmd := d.filter.key(msg, k, &d.list); handled {
			if changed {
				d.setMeeting()
			}
			d.list.setHeight(d.listHeight())
			return cmd
		}
		switch {
		case d.list.navigate(msg, k):
		case key.Matches(msg, k.Delegations.GoTo):
			return d.jump()
		case key.Matches(msg, k.Delegations.Present):
			if d.list.cursor < 0 {
				return nil
			}
			if by := d.c.servedBy(); by != "" {
				return servedRefusal(by)
			}
			if !d.c.mayChair() {
				return func() tea.Msg { return statusMsg{text: "The chair and the secretariat keep the attendance."} }
			}
			code := d.c.snap.Meeting.Delegations[d.rows[d.list.cursor].delegation].Code
			return func() tea.Msg { return attendMsg{code: code} }
		}
	case tea.MouseMsg:
		before := d.list.cursor
		top := 0
		if d.filter.shown() {
			top = 1
		}
		if d.list.mouse(msg, top) && d.list.cursor == before {
			return d.jump() // a click on the selected row goes there, like enter
		}
	}
	return nil
}

// jump goes to the session under the cursor, or to the first session the
// delegation under the cursor presented in.
func (d *delegationsScreen) jump() tea.Cmd {
	if d.list.cursor < 0 {
		return nil
	}
	r := d.rows[d.list.cursor]
	s := r.session
	if s < 0 {
		ss := d.c.snap.Meeting.PresentedBy(d.c.snap.Meeting.Delegations[r.delegation].Code)
		if len(ss) == 0 {
			name := d.c.snap.Meeting.Delegations[r.delegation].Name
			return func() tea.Msg { return statusMsg{text: name + " presented in no session."} }
		}
		s = ss[0]
	}
	d.c.ask(jumpMsg{session: s})
	return nil
}

func (d *delegationsScreen) view() string {
	t := d.c.theme
	var rows []string
	if d.filter.shown() {
		n := 0
		for _, r := range d.rows {
			if r.delegation >= 0 && r.session < 0 {
				n++
			}
		}
		rows = append(rows, d.filter.view(t, d.width, fmt.Sprintf("%d of %d", n, len(d.c.snap.Meeting.Delegations))))
	}
	rows = append(rows, d.list.draw(t, d.rendered, d.width)...)
	if len(d.rows) == 0 {
		rows = append(rows, fit(t.Subtle.Render(fmt.Sprintf("  No delegation matches %q.", d.filter.query)), d.width))
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

func (d *delegationsScreen) shortHelp() []key.Binding {
	k := d.c.keys
	if d.filter.focused {
		return d.filter.help(k)
	}
	if d.c.mayChair() {
		return []key.Binding{k.Up, k.Down, k.Delegations.GoTo, k.Delegations.Present, k.Filter}
	}
	return []key.Binding{k.Up, k.Down, k.Delegations.GoTo, k.Filter}
}

func (d *delegationsScreen) fullHelp() [][]key.Binding {
	k := d.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Delegations.GoTo, k.Filter, k.Back}}
}

// selectCode puts the cursor on a delegation, the filter cleared if it
// hid it.
func (d *delegationsScreen) selectCode(code string) {
	for pass := 0; pass < 2; pass++ {
		for i, r := range d.rows {
			if r.delegation >= 0 && r.session < 0 && d.c.snap.Meeting.Delegations[r.delegation].Code == code {
				d.list.moveTo(i, 1)
				return
			}
		}
		d.filter.clear()
		d.setMeeting()
	}
}
