// Package agendaview is the agenda: days and sessions, the session's detail
// and notes, what is on now and next, stars.
package agendaview

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/list"
)

// WideWidth is the width from which the agenda shows the detail beside the
// list.
const WideWidth = 100

// agendaItem is one row of the agenda list: a session, or a day header or
// the blank line before one.
type agendaItem struct {
	kind    itemKind
	session int // index into Meeting.Sessions, for a session row
	day     agenda.Date
}

type itemKind int8

const (
	itemSession itemKind = iota
	itemDay              // a day's header
	itemGap              // the blank line before a day
)

// What the detail shows besides a session.
const (
	detailNone  = -1 // nothing selected
	detailAbout = -2 // the meeting
	detailStale = -3 // to be laid out again
)

// AgendaScreen is the list of sessions by day, the live filter and the
// detail of the selected session.
type AgendaScreen struct {
	c             *common.Common
	width, height int
	listW, detW   int

	Items   []agendaItem
	List    list.RowList
	hay     []string     // lower-cased searchable text per session
	rooms   []string     // lower-cased room per session, for room:
	tracks  []string     // lower-cased tags (tracks) per session, one a line, for track:
	roomW   int          // the room column's width; 0 in a meeting of one room
	noteHay []string     // lower-cased notes per session, when this user reads them
	inNotes map[int]bool // sessions the filter found through their notes
	Matches []int        // sessions that match the filter, in agenda order
	cache   []string     // rendered row body per session at the current width

	Filter  list.FilterBox
	applied string // the query the matches were computed for

	Detail      viewport.Model
	detailFor   int // session shown in the detail, or detailNone, detailAbout, detailStale
	detailW     int
	FocusDetail bool   // narrow: detail full screen; wide: keys scroll it
	about       bool   // the detail shows the meeting instead of a session
	backLine    string // "esc back" over the full-screen detail

	now         agenda.Moment // the meeting clock, read each second
	clockNote   string        // what the clock says, for the footer; redrawn when it changes
	hasTimes    bool
	timeW       int // the time column: 11 cells, 13 when a session ends the next day ("+1")
	starredOnly bool
}

func NewAgendaScreen(c *common.Common) *AgendaScreen {
	a := &AgendaScreen{c: c, Filter: list.NewFilterBox(c.Theme, "filter titles, summaries, presenters"),
		Detail: viewport.New(0, 0), detailFor: detailStale, now: agenda.Moment{Session: -1, Next: -1, Unclosed: -1}}
	a.Detail.MouseWheelEnabled = false
	a.SetMeeting()
	return a
}

// SetMeeting (re)indexes the meeting's sessions for search and display.
func (a *AgendaScreen) SetMeeting() {
	m := a.c.Snap.Meeting
	a.hay = make([]string, len(m.Sessions))
	a.rooms = make([]string, len(m.Sessions))
	a.tracks = make([]string, len(m.Sessions))
	a.roomW = 0
	distinct := map[string]bool{}
	for i := range m.Sessions {
		distinct[m.Sessions[i].Room] = true
		a.roomW = max(a.roomW, min(ansi.StringWidth(m.Sessions[i].Room), 16))
	}
	if len(distinct) < 2 {
		a.roomW = 0 // one room: as ever, no column
	}
	a.hasTimes = false
	a.timeW = 11
	for i := range m.Sessions {
		s := &m.Sessions[i]
		if s.Timed() {
			a.hasTimes = true
		}
		if s.End != agenda.NoTime && s.End >= 24*60 {
			a.timeW = 13
		}
		var b strings.Builder
		b.WriteString(s.Title)
		b.WriteByte('\n')
		b.WriteString(s.Summary)
		for _, p := range s.Presenters {
			d, _ := m.Delegation(p)
			b.WriteByte('\n')
			b.WriteString(d.Code)
			b.WriteByte(' ')
			b.WriteString(d.Name)
		}
		for _, p := range s.Speakers {
			b.WriteByte('\n')
			b.WriteString(p.Name + " " + p.Role + " " + p.Delegation)
		}
		b.WriteByte('\n')
		b.WriteString(strings.Join(s.Tags, " "))
		b.WriteByte('\n')
		b.WriteString(s.Room)
		a.hay[i] = strings.ToLower(b.String())
		a.rooms[i] = strings.ToLower(s.Room)
		a.tracks[i] = strings.ToLower(strings.Join(s.Tags, "\n"))
	}
	a.cache = make([]string, len(m.Sessions))
	a.detailFor = detailStale
	a.IndexNotes()
	a.applyFilter(a.applied, -1)
}

// IndexNotes makes the notes searchable by the filter (for those who may
// read them).
func (a *AgendaScreen) IndexNotes() {
	m := a.c.Snap.Meeting
	a.noteHay = make([]string, len(m.Sessions))
	a.cache = make([]string, len(m.Sessions)) // the ¶ marks
	for i, s := range m.Sessions {
		a.noteHay[i] = strings.ToLower(a.c.NoteText(s.ID))
	}
}

// Selected returns the session under the cursor, or -1.
func (a *AgendaScreen) Selected() int {
	if a.List.Cursor < 0 || a.List.Cursor >= len(a.Items) || a.Items[a.List.Cursor].kind != itemSession {
		return -1
	}
	return a.Items[a.List.Cursor].session
}

// applyFilter recomputes the matching sessions and the rows, keeping the
// cursor on keep (a session index) when it still matches.
func (a *AgendaScreen) applyFilter(q string, keep int) {
	terms := strings.Fields(strings.ToLower(q))
	// Narrowing a query can only remove matches: search the previous ones.
	from := a.Matches
	if a.Matches == nil || !strings.HasPrefix(strings.ToLower(q), strings.ToLower(a.applied)) || a.applied == "" {
		from = nil
	}
	a.applied = q
	a.inNotes = map[int]bool{}
	var matches []int
	test := func(i int) {
		notes := false
		for _, t := range terms {
			// room:K.1.105 and track:security look in that field alone.
			if r, ok := strings.CutPrefix(t, "room:"); ok {
				if !strings.Contains(a.rooms[i], r) {
					return
				}
				continue
			}
			if tr, ok := strings.CutPrefix(t, "track:"); ok {
				if !strings.Contains(a.tracks[i], tr) {
					return
				}
				continue
			}
			if !strings.Contains(a.hay[i], t) {
				if !strings.Contains(a.noteHay[i], t) {
					return
				}
				notes = true // found in the notes only
			}
		}
		matches = append(matches, i)
		if notes {
			a.inNotes[i] = true
		}
	}
	if from != nil {
		for _, i := range from {
			test(i)
		}
	} else {
		matches = make([]int, 0, len(a.hay))
		for i := range a.hay {
			test(i)
		}
	}
	a.Matches = matches
	a.buildItems(keep)
}

func (a *AgendaScreen) buildItems(keep int) {
	m := a.c.Snap.Meeting
	a.Items = a.Items[:0]
	sel := make([]bool, 0, len(a.Matches)+8)
	want := 0
	var day agenda.Date
	for _, i := range a.Matches {
		s := &m.Sessions[i]
		if a.starredOnly && !a.c.Starred[s.ID] {
			continue
		}
		if s.Date != day || len(a.Items) == 0 {
			day = s.Date
			if len(a.Items) > 0 {
				a.Items = append(a.Items, agendaItem{kind: itemGap})
				sel = append(sel, false)
			}
			a.Items = append(a.Items, agendaItem{kind: itemDay, day: day})
			sel = append(sel, false)
		}
		if i == keep {
			want = len(a.Items)
		}
		a.Items = append(a.Items, agendaItem{session: i})
		sel = append(sel, true)
	}
	a.List.SetRows(sel, want)
	a.SyncDetail()
}

// SelectSession moves the cursor to session i, clearing a filter that hides it.
// Narrow reports whether the detail takes the screen instead of standing
// beside the list.
func (a *AgendaScreen) Narrow() bool { return !a.wide() }

// ShowSession selects session i with the keyboard in the detail (its
// notes, for those who read them there) or in the list.
func (a *AgendaScreen) ShowSession(i int, detail bool) {
	a.FocusDetail = detail
	a.SelectSession(i)
	a.SyncDetail()
}

func (a *AgendaScreen) SelectSession(i int) {
	for row, it := range a.Items {
		if it.kind == itemSession && it.session == i {
			a.List.MoveTo(row, 1)
			a.SyncDetail()
			return
		}
	}
	a.Filter.Clear()
	a.applyFilter("", i)
	a.List.SetHeight(a.listHeight())
}

func (a *AgendaScreen) SetSize(w, h int) {
	a.width, a.height = w, h
	if w >= WideWidth {
		a.listW = w / 2
		a.detW = w - a.listW - 3 // " │ "
	} else {
		a.listW, a.detW = w, w
	}
	a.Filter.Input.Width = max(a.listW-16, 10)
	a.cache = make([]string, len(a.cache))
	a.List.SetHeight(a.listHeight())
	a.Detail.Width, a.Detail.Height = a.detW, h
	if !a.wide() {
		a.Detail.Height = h - 1 // the "esc back" line
	}
	a.backLine = common.Fit(a.c.Theme.Subtle.Render("esc back · ↑/↓ scroll"), w)
	a.detailFor = detailStale
	a.SyncDetail()
}

func (a *AgendaScreen) wide() bool { return a.width >= WideWidth }

func (a *AgendaScreen) listHeight() int {
	if a.Filter.Shown() {
		return a.height - 1
	}
	return a.height
}

// SetNow reads the meeting clock.
func (a *AgendaScreen) SetNow() {
	if !a.hasTimes && len(a.c.Snap.Floors) == 0 {
		return // no times, no marks: nothing to say
	}
	a.now = a.c.Snap.Meeting.AtMarked(a.c.Now(), a.c.Snap.Marks())
	// Redraw when what the clock says changes (once a minute at most).
	if note := common.ClockNote(a.c.Snap.Meeting, a.now); note != a.clockNote {
		a.clockNote = note
		a.cache = make([]string, len(a.cache))
		a.detailFor = detailStale
		a.SyncDetail()
	}
}

// sessionClock is what the clock says of session i, styled, for the detail.
func (a *AgendaScreen) sessionClock(i int) string {
	t := a.c.Theme
	m := a.c.Snap.Meeting
	if l := a.c.Snap.Floors[m.Sessions[i].ID]; l != nil && !l.Opened.IsZero() && !l.Closed.IsZero() {
		// Held: the chair's marks, beside the plan.
		held := fmt.Sprintf("held %s–%s", l.Opened.In(m.Location).Format("15:04"), l.Closed.In(m.Location).Format("15:04"))
		if tr := m.Sessions[i].TimeRange(); tr != "" {
			held += " (planned " + tr + ")"
		}
		return t.Subtle.Render("● " + held)
	}
	switch {
	case !a.hasTimes && !a.now.Marked:
	case i == a.now.Session && a.now.Over > 0:
		return t.Error.Render(fmt.Sprintf("● running %s over (opened %s)", common.Span(a.now.Over), a.now.Now.Add(-a.now.Elapsed).In(m.Location).Format("15:04")))
	case i == a.now.Session && a.now.Marked:
		return t.Now.Render("● open · " + common.TimeLeft(m, a.now))
	case i == a.now.Session && a.now.Planned > 0:
		return t.Now.Render(fmt.Sprintf("● now running · %s (%s of %s)", common.TimeLeft(m, a.now), common.Span(a.now.Elapsed), common.Span(a.now.Planned)))
	case i == a.now.Session:
		return t.Now.Render("● now running · " + common.TimeLeft(m, a.now))
	case i == a.now.Next:
		return t.Next.Render("○ next · starts " + common.WhenNext(m, a.now))
	case slices.Contains(a.now.Running, i):
		// On now in another room than the clock's session.
		s := &m.Sessions[i]
		if end, ok := s.EndAt(m.Location); ok {
			return t.Now.Render(fmt.Sprintf("● now running · %s · until %s", s.Room, end.Format("15:04")))
		}
		return t.Now.Render("● now running · " + s.Room)
	case slices.Contains(a.now.Upcoming, i):
		s := &m.Sessions[i]
		start, _ := s.StartAt(m.Location)
		return t.Next.Render(fmt.Sprintf("○ next in %s · starts %s", s.Room, start.Format("15:04")))
	}
	return ""
}

// Status is what the footer says when nothing else is said: the clock,
// without the hint when the line is too narrow for both.
func (a *AgendaScreen) Status() string {
	if a.width > 0 && ansi.StringWidth(a.clockNote) > a.width {
		return strings.TrimSuffix(a.clockNote, " · n jumps to it")
	}
	return a.clockNote
}

// StartAtNow puts the cursor on the running session, else the next, when
// the meeting has times and is not over.
func (a *AgendaScreen) StartAtNow() {
	i := a.now.Session
	if i < 0 {
		i = a.now.Next
	}
	if i >= 0 {
		a.SelectSession(i)
	}
}

// jumpToNow selects the running session, else the next; it says so when
// the meeting has no times or has ended.
func (a *AgendaScreen) jumpToNow() tea.Cmd {
	a.SetNow()
	i := a.now.Session
	if i < 0 {
		i = a.now.Next
	}
	if i < 0 {
		text := "The meeting has ended: no session is on or to come."
		if !a.hasTimes {
			text = "This meeting's sessions have no times: nothing is on now or next."
		}
		return func() tea.Msg { return common.StatusMsg{Text: text} }
	}
	a.SelectSession(i)
	return nil
}

// SyncDetail renders the selected session into the detail viewport when it
// changed.
func (a *AgendaScreen) SyncDetail() {
	i := a.Selected()
	if a.about {
		i = detailAbout
	}
	if i == a.detailFor && a.detailW == a.detW {
		return
	}
	a.detailFor, a.detailW = i, a.detW
	// Lines longer than about 100 cells are hard to read on a wide screen.
	w := min(a.detW-2, common.MaxTextWidth) // the last column is the scrollbar's, after a space
	switch i {
	case detailAbout:
		a.Detail.SetContent(renderMeeting(a.c, w))
	case detailNone:
		a.Detail.SetContent("")
	default:
		a.Detail.SetContent(renderSession(a.c, i, w, a.sessionClock(i)))
	}
	a.Detail.GotoTop()
}

func (a *AgendaScreen) Capturing() bool { return a.Filter.Focused }

func (a *AgendaScreen) Update(msg tea.Msg) tea.Cmd {
	k := a.c.Keys
	ak := k.Agenda
	switch msg := msg.(type) {
	case common.ClockMsg, common.FloorMsg: // now and next; who speaks
		a.SetNow()
	case common.SnapshotMsg:
		// The selected session by its id: a reload may move it.
		id := ""
		if i := a.Selected(); i >= 0 {
			id = msg.Old.Meeting.Sessions[i].ID
		}
		a.SetMeeting()
		if i := a.c.Snap.Meeting.SessionIndex(id); i >= 0 {
			a.SelectSession(i)
		}
		a.SetNow()
	case common.NoteClosedMsg:
		a.NoteChanged()
	case tea.KeyMsg:
		if a.FocusDetail && !a.Filter.Focused {
			switch {
			case key.Matches(msg, k.Back):
				a.FocusDetail = false
				a.about = false
				a.SyncDetail()
			case key.Matches(msg, ak.Edit) && !a.about && a.Selected() >= 0:
				return a.Edit(a.Selected())
			default:
				list.Scroll(&a.Detail, msg, k)
			}
			return nil
		}
		if handled, changed, cmd := a.Filter.Key(msg, k, &a.List); handled {
			if changed {
				a.applyFilter(a.Filter.Query, a.Selected())
			}
			a.List.SetHeight(a.listHeight())
			a.SyncDetail()
			return cmd
		}
		switch {
		case a.List.Navigate(msg, k):
			a.about = false
		case key.Matches(msg, ak.ComparePresenters):
			return a.comparePresenters()
		case key.Matches(msg, ak.Edit):
			if i := a.Selected(); i >= 0 {
				return a.Edit(i)
			}
		case key.Matches(msg, ak.Now):
			return a.jumpToNow()
		case key.Matches(msg, ak.Star):
			return a.toggleStar()
		case key.Matches(msg, ak.StarredOnly):
			a.starredOnly = !a.starredOnly
			a.buildItems(a.Selected())
			if a.starredOnly && len(a.Items) == 0 {
				return func() tea.Msg { return common.StatusMsg{Text: "No starred session yet: star one with *."} }
			}
		case key.Matches(msg, k.Open):
			if a.Selected() >= 0 {
				a.FocusDetail = true
			}
		}
		a.SyncDetail()
	case tea.MouseMsg:
		a.Mouse(msg)
	}
	return nil
}

// Edit opens the note of session i, when this user writes it.
func (a *AgendaScreen) Edit(i int) tea.Cmd {
	s := &a.c.Snap.Meeting.Sessions[i]
	if !a.c.MayEdit(s.ID) && a.c.Person.MaySeeConfidential() {
		// Another rapporteur's session: its note, live and read-only.
		a.c.Ask(common.OpenNoteMsg{ID: s.ID})
		return nil
	}
	if !a.c.MayEdit(s.ID) && a.c.Person.MayReadNotes() {
		// A delegate reads the published notes in the detail, live.
		a.FocusDetail = true
		a.SyncDetail()
		return func() tea.Msg {
			return common.StatusMsg{Text: fmt.Sprintf("The notes of session %d are in the detail, as they are written.", s.Number)}
		}
	}
	if !a.c.MayEdit(s.ID) {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Only the rapporteurs of session " + fmt.Sprint(s.Number) + " write its notes; you are a " + string(a.c.Person.Role) + "."}
		}
	}
	a.c.Ask(common.OpenNoteMsg{ID: s.ID})
	return nil
}

// ShowAbout shows the meeting in the detail (i, from any view).
func (a *AgendaScreen) ShowAbout() {
	a.about, a.FocusDetail = true, true
	a.SyncDetail()
}

// toggleStar stars or unstars the selected session and saves the stars.
func (a *AgendaScreen) toggleStar() tea.Cmd {
	i := a.Selected()
	if i < 0 {
		return nil
	}
	id := a.c.Snap.Meeting.Sessions[i].ID
	if a.c.Starred[id] {
		delete(a.c.Starred, id)
	} else {
		a.c.Starred[id] = true
	}
	a.cache[i] = ""
	if a.starredOnly {
		a.buildItems(i)
	}
	return a.c.SaveStars()
}

// NoteChanged redraws the detail after a note was saved.
func (a *AgendaScreen) NoteChanged() {
	a.detailFor = detailStale
	a.IndexNotes()
	if a.applied != "" {
		a.Matches = nil // the notes changed: search them all again
		a.applyFilter(a.applied, a.Selected())
	}
	a.SyncDetail()
}

// CompareMsg asks the root to compare countries in the Scores view.
// session is the session whose presenters they are (esc goes back to
// it), or -1.
type CompareMsg struct {
	Codes   []string
	Session int
}

// comparePresenters compares the presenting countries of the selected
// session; organisations have no country score and are left out.
func (a *AgendaScreen) comparePresenters() tea.Cmd {
	i := a.Selected()
	if i < 0 {
		return nil
	}
	codes := a.c.Snap.Meeting.PresentingCountries(i)
	if len(codes) == 0 {
		return func() tea.Msg { return common.StatusMsg{Text: "No country presented in this session."} }
	}
	a.c.Ask(CompareMsg{Codes: codes, Session: i})
	return nil
}

func (a *AgendaScreen) Mouse(msg tea.MouseMsg) {
	if a.FocusDetail || (a.wide() && msg.X >= a.listW+3) {
		list.Wheel(&a.Detail, msg)
		return
	}
	before := a.List.Cursor
	if a.List.Mouse(msg, a.listTop()) {
		a.about = false
		// A click on the selected session opens it, like enter.
		a.FocusDetail = a.List.Cursor == before
	}
	a.SyncDetail()
}

// listTop is the line of the first row: after the filter line when shown.
func (a *AgendaScreen) listTop() int {
	if a.Filter.Shown() {
		return 1
	}
	return 0
}

func (a *AgendaScreen) ShortHelp() []key.Binding {
	k := a.c.Keys
	if a.Filter.Focused {
		return a.Filter.Help(k)
	}
	if a.FocusDetail && a.about {
		return []key.Binding{k.Up, k.Down, k.PageDown, k.Back}
	}
	// Only the keys this person can use: r for a delegate in a room (the
	// key of their day), e for whoever reads or writes notes.
	var mine []key.Binding
	if a.c.Person != nil && a.c.MayAskFloor() {
		mine = append(mine, k.Global.Floor)
	}
	if a.c.MayReadNotes() {
		mine = append(mine, k.Agenda.Edit)
	}
	if a.FocusDetail {
		return append(append([]key.Binding{k.Up, k.Down, k.PageDown}, mine...), k.Back)
	}
	return append(append([]key.Binding{k.Up, k.Down, k.Open}, mine...), k.Filter, k.Agenda.Star, k.Agenda.ComparePresenters)
}

func (a *AgendaScreen) FullHelp() [][]key.Binding {
	k := a.c.Keys
	ak := k.Agenda
	notes := []key.Binding{ak.Star, ak.StarredOnly, ak.ComparePresenters, ak.Now}
	if a.c.MayReadNotes() {
		notes = append([]key.Binding{ak.Edit}, notes...)
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Back, k.Filter}, notes}
}

// View

func (a *AgendaScreen) View() string {
	if a.FocusDetail && !a.wide() {
		return a.backLine + "\n" + a.detailView()
	}
	list := a.listView()
	if !a.wide() {
		return list
	}
	sep := a.c.Theme.Border.Render("│")
	if a.FocusDetail {
		sep = a.c.Theme.Label.Render("┃")
	}
	det := strings.Split(a.detailView(), "\n")
	ls := strings.Split(list, "\n")
	var b strings.Builder
	for y := 0; y < a.height; y++ {
		l, d := "", ""
		if y < len(ls) {
			l = ls[y]
		}
		if y < len(det) {
			d = det[y]
		}
		b.WriteString(l)
		b.WriteString(" ")
		b.WriteString(sep)
		b.WriteString(" ")
		b.WriteString(d)
		if y < a.height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// detailView is the detail's viewport with a scrollbar when it scrolls.
func (a *AgendaScreen) detailView() string {
	lines := strings.Split(a.Detail.View(), "\n")
	for i := range lines {
		lines[i] = common.Fit(lines[i], a.Detail.Width)
	}
	list.Scrollbar(a.c.Theme, lines, a.Detail.Width, a.Detail.YOffset, a.Detail.TotalLineCount())
	return strings.Join(lines, "\n")
}

// listView draws the filter line and the visible rows, each exactly listW wide.
func (a *AgendaScreen) listView() string {
	t := a.c.Theme
	w := a.listW
	lines := make([]string, 0, a.height)
	if a.Filter.Shown() {
		info := fmt.Sprintf("%d of %d", len(a.Matches), len(a.hay))
		if len(a.inNotes) > 0 {
			info += fmt.Sprintf(" · ✎ %d in the notes", len(a.inNotes))
		}
		lines = append(lines, a.Filter.View(t, w, info))
	}
	if len(a.Items) == 0 {
		msg := "No sessions."
		switch {
		case a.applied != "" && len(a.Matches) == 0:
			msg = fmt.Sprintf("No session matches %q.", a.applied)
		case a.starredOnly:
			msg = "No starred session here: star one with *, or f to show all."
		}
		lines = append(lines, common.Fit(t.Subtle.Render("  "+msg), w))
	}
	from, to := a.List.Visible()
	first := len(lines)
	for i := from; i < to && len(lines) < a.height; i++ {
		lines = append(lines, a.row(i, w))
	}
	a.List.Bar(t, lines[first:], w)
	blank := strings.Repeat(" ", w)
	for len(lines) < a.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// row draws list row i in w cells. Session bodies are cached per width; the
// now/next marker and the cursor are added here as they change on their own.
func (a *AgendaScreen) row(i, w int) string {
	t := a.c.Theme
	it := a.Items[i]
	switch it.kind {
	case itemGap:
		return strings.Repeat(" ", w)
	case itemDay:
		m := a.c.Snap.Meeting
		n := 1 + daysBetween(m.Start, it.day)
		return common.Fit(t.Day.Render(it.day.Long())+t.Subtle.Render(fmt.Sprintf(" · day %d", n)), w)
	}
	s := it.session
	marker := ""
	if a.hasTimes || a.now.Marked {
		switch {
		case s == a.now.Session && a.now.Over > 0:
			marker = t.Error.Render("over ")
		case s == a.now.Session || slices.Contains(a.now.Running, s):
			marker = t.Now.Render("now  ") // in every room
		case s == a.now.Next || slices.Contains(a.now.Upcoming, s):
			marker = t.Next.Render("next ")
		default:
			marker = "     "
		}
	}
	bodyW := w - 2 - ansi.StringWidth(marker)
	line := ""
	switch {
	case i == a.List.Cursor && a.FocusDetail:
		// The keys scroll the detail: the list's cursor steps back (▹, not
		// reversed) and the border beside the detail lights up.
		line = t.Subtle.Render("▹ " + ansi.Strip(marker) + a.rowBody(s, bodyW, true))
	case i == a.List.Cursor:
		line = t.Selected.Render("▸ " + ansi.Strip(marker) + a.rowBody(s, bodyW, true))
	default:
		if a.cache[s] == "" {
			a.cache[s] = a.rowBody(s, bodyW, false)
		}
		line = "  " + marker + a.cache[s]
	}
	if a.inNotes[s] && w > 4 {
		// Found in the notes, not in the agenda's text: say so.
		line = ansi.Truncate(line, w-2, "") + " " + t.Next.Render("✎")
	}
	return line
}

// rowBody is number, time, title and presenter codes in exactly w cells.
func (a *AgendaScreen) rowBody(i, w int, plain bool) string {
	t := a.c.Theme
	s := &a.c.Snap.Meeting.Sessions[i]
	style := func(st func(...string) string, v string) string {
		if plain {
			return v
		}
		return st(v)
	}
	// After the number: ★ starred, ¶ has notes (for those who read them).
	star, notes := " ", " "
	if a.c.Starred[s.ID] {
		star = "★"
	}
	if strings.TrimSpace(a.noteHay[i]) != "" {
		notes = "¶"
	}
	num := fmt.Sprintf("%3d%s%s ", s.Number, star, notes)
	tm := ""
	if a.hasTimes {
		tm = strings.Repeat(" ", a.timeW)
		if s.Timed() {
			tm = common.Fit(listTime(s), a.timeW)
		}
		tm += " "
	}
	codes := strings.Join(s.Presenters, " ")
	codesW := 0
	if codes != "" {
		codesW = min(ansi.StringWidth(codes), max(w/4, 8))
		codes = ansi.Truncate(codes, codesW, "…")
		codesW = ansi.StringWidth(codes)
	}
	room := ""
	if a.roomW > 0 {
		room = common.Fit(s.Room, min(a.roomW, max(w/5, 6))) + " " // meetings of several rooms: where
	}
	numW, tmW, roomW := ansi.StringWidth(num), ansi.StringWidth(tm), ansi.StringWidth(room)
	titleW := w - numW - tmW - roomW - codesW - 1
	if titleW < 10 {
		codes, codesW = "", 0
		titleW = w - numW - tmW - roomW
	}
	if titleW < 10 {
		room, roomW = "", 0 // too narrow for the room: the detail says it
		titleW = w - numW - tmW
	}
	title := common.Fit(s.Title, max(titleW, 1))
	out := style(t.Number.Render, num) + style(t.Time.Render, tm) + style(t.Subtle.Render, room) + title
	if codesW > 0 {
		out += " " + style(t.Codes.Render, codes)
	}
	return common.Fit(out, w)
}

func daysBetween(a, b agenda.Date) int {
	ta := a.At(0, time.UTC)
	tb := b.At(0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

// listTime is a session's times in the agenda's column: "23:00–02:00+1"
// for one that ends the next day.
func listTime(s *agenda.Session) string {
	if s.End != agenda.NoTime && s.End >= 24*60 {
		return s.Start.String() + "–" + (s.End - 24*60).String() + "+1"
	}
	return s.TimeRange()
}

// Selection is what y copies: the selected session as plain text.
func (a *AgendaScreen) Selection() (what, text string) {
	if i := a.Selected(); i >= 0 {
		return fmt.Sprintf("session %d", a.c.Snap.Meeting.Sessions[i].Number), sessionText(a.c, i)
	}
	return "", ""
}

// sessionText is a session as plain text: what it is, who presents, its
// summary without Markdown.
func sessionText(c *common.Common, i int) string {
	m := c.Snap.Meeting
	s := &m.Sessions[i]
	lines := []string{strings.Join(s.Meta(), " · "), s.Title}
	if s.Chair != "" {
		lines = append(lines, "Chair: "+s.Chair)
	}
	if len(s.Presenters) > 0 {
		var names []string
		for _, p := range s.Presenters {
			d, _ := m.Delegation(p)
			names = append(names, fmt.Sprintf("%s (%s)", d.Name, d.Code))
		}
		lines = append(lines, "Presenters: "+strings.Join(names, ", "))
	}
	if len(s.Speakers) > 0 {
		lines = append(lines, "Speakers: "+strings.Join(s.SpeakerNames(), "; "))
	}
	if s.Summary != "" {
		lines = append(lines, "", agenda.MarkdownText(strings.TrimSpace(s.Summary)))
	}
	return strings.Join(lines, "\n")
}

// Slide is what p presents: the selected session.
func (a *AgendaScreen) Slide() (deck.Slide, bool) {
	i := a.Selected()
	if i < 0 {
		return deck.Slide{}, false
	}
	s := &a.c.Snap.Meeting.Sessions[i]
	return deck.Slide{ID: "session", Kind: deck.Session, Session: s.ID, Title: s.Title}, true
}
