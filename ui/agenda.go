package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
)

// wideWidth is the width from which the agenda shows the detail beside the
// list.
const wideWidth = 100

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

// agendaScreen is the list of sessions by day, the live filter and the
// detail of the selected session.
type agendaScreen struct {
	c             *common
	width, height int
	listW, detW   int

	items   []agendaItem
	list    rowList
	hay     []string     // lower-cased searchable text per session
	noteHay []string     // lower-cased notes per session, when this user reads them
	inNotes map[int]bool // sessions the filter found through their notes
	matches []int        // sessions that match the filter, in agenda order
	cache   []string     // rendered row body per session at the current width

	filter  filterBox
	applied string // the query the matches were computed for

	detail      viewport.Model
	detailFor   int // session shown in the detail, or detailNone, detailAbout, detailStale
	detailW     int
	focusDetail bool   // narrow: detail full screen; wide: keys scroll it
	about       bool   // the detail shows the meeting instead of a session
	backLine    string // "esc back" over the full-screen detail

	now         agenda.Moment // the meeting clock, read each second
	clockNote   string        // what the clock says, for the footer; redrawn when it changes
	hasTimes    bool
	timeW       int // the time column: 11 cells, 13 when a session ends the next day ("+1")
	starredOnly bool
}

func newAgendaScreen(c *common) *agendaScreen {
	a := &agendaScreen{c: c, filter: newFilterBox(c.theme, "filter titles, summaries, presenters"),
		detail: viewport.New(0, 0), detailFor: detailStale, now: agenda.Moment{Session: -1, Next: -1}}
	a.detail.MouseWheelEnabled = false
	a.setMeeting()
	return a
}

// setMeeting (re)indexes the meeting's sessions for search and display.
func (a *agendaScreen) setMeeting() {
	m := a.c.snap.Meeting
	a.hay = make([]string, len(m.Sessions))
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
		a.hay[i] = strings.ToLower(b.String())
	}
	a.cache = make([]string, len(m.Sessions))
	a.detailFor = detailStale
	a.indexNotes()
	a.applyFilter(a.applied, -1)
}

// indexNotes makes the notes searchable by the filter (for those who may
// read them).
func (a *agendaScreen) indexNotes() {
	m := a.c.snap.Meeting
	a.noteHay = make([]string, len(m.Sessions))
	a.cache = make([]string, len(m.Sessions)) // the ¶ marks
	for i, s := range m.Sessions {
		a.noteHay[i] = strings.ToLower(a.c.noteText(s.ID))
	}
}

// selected returns the session under the cursor, or -1.
func (a *agendaScreen) selected() int {
	if a.list.cursor < 0 || a.list.cursor >= len(a.items) || a.items[a.list.cursor].kind != itemSession {
		return -1
	}
	return a.items[a.list.cursor].session
}

// applyFilter recomputes the matching sessions and the rows, keeping the
// cursor on keep (a session index) when it still matches.
func (a *agendaScreen) applyFilter(q string, keep int) {
	terms := strings.Fields(strings.ToLower(q))
	// Narrowing a query can only remove matches: search the previous ones.
	from := a.matches
	if a.matches == nil || !strings.HasPrefix(strings.ToLower(q), strings.ToLower(a.applied)) || a.applied == "" {
		from = nil
	}
	a.applied = q
	a.inNotes = map[int]bool{}
	var matches []int
	test := func(i int) {
		notes := false
		for _, t := range terms {
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
	a.matches = matches
	a.buildItems(keep)
}

func (a *agendaScreen) buildItems(keep int) {
	m := a.c.snap.Meeting
	a.items = a.items[:0]
	sel := make([]bool, 0, len(a.matches)+8)
	want := 0
	var day agenda.Date
	for _, i := range a.matches {
		s := &m.Sessions[i]
		if a.starredOnly && !a.c.starred[s.ID] {
			continue
		}
		if s.Date != day || len(a.items) == 0 {
			day = s.Date
			if len(a.items) > 0 {
				a.items = append(a.items, agendaItem{kind: itemGap})
				sel = append(sel, false)
			}
			a.items = append(a.items, agendaItem{kind: itemDay, day: day})
			sel = append(sel, false)
		}
		if i == keep {
			want = len(a.items)
		}
		a.items = append(a.items, agendaItem{session: i})
		sel = append(sel, true)
	}
	a.list.setRows(sel, want)
	a.syncDetail()
}

// selectSession moves the cursor to session i, clearing a filter that hides it.
func (a *agendaScreen) selectSession(i int) {
	for row, it := range a.items {
		if it.kind == itemSession && it.session == i {
			a.list.moveTo(row, 1)
			a.syncDetail()
			return
		}
	}
	a.filter.clear()
	a.applyFilter("", i)
	a.list.setHeight(a.listHeight())
}

func (a *agendaScreen) setSize(w, h int) {
	a.width, a.height = w, h
	if w >= wideWidth {
		a.listW = w / 2
		a.detW = w - a.listW - 3 // " │ "
	} else {
		a.listW, a.detW = w, w
	}
	a.filter.input.Width = max(a.listW-16, 10)
	a.cache = make([]string, len(a.cache))
	a.list.setHeight(a.listHeight())
	a.detail.Width, a.detail.Height = a.detW, h
	if !a.wide() {
		a.detail.Height = h - 1 // the "esc back" line
	}
	a.backLine = fit(a.c.theme.Subtle.Render("esc back · ↑/↓ scroll"), w)
	a.detailFor = detailStale
	a.syncDetail()
}

func (a *agendaScreen) wide() bool { return a.width >= wideWidth }

func (a *agendaScreen) listHeight() int {
	if a.filter.shown() {
		return a.height - 1
	}
	return a.height
}

// setNow reads the meeting clock.
func (a *agendaScreen) setNow() {
	if !a.hasTimes && len(a.c.snap.Floors) == 0 {
		return // no times, no marks: nothing to say
	}
	a.now = a.c.snap.Meeting.AtMarked(a.c.now(), a.c.snap.Marks())
	// Redraw when what the clock says changes (once a minute at most).
	if note := clockNote(a.c.snap.Meeting, a.now); note != a.clockNote {
		a.clockNote = note
		a.cache = make([]string, len(a.cache))
		a.detailFor = detailStale
		a.syncDetail()
	}
}

// sessionClock is what the clock says of session i, styled, for the detail.
func (a *agendaScreen) sessionClock(i int) string {
	t := a.c.theme
	m := a.c.snap.Meeting
	if l := a.c.snap.Floors[m.Sessions[i].ID]; l != nil && !l.Opened.IsZero() && !l.Closed.IsZero() {
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
		return t.Error.Render(fmt.Sprintf("● running %s over (opened %s)", span(a.now.Over), a.now.Now.Add(-a.now.Elapsed).In(m.Location).Format("15:04")))
	case i == a.now.Session && a.now.Marked:
		return t.Now.Render("● open · " + timeLeft(m, a.now))
	case i == a.now.Session && a.now.Planned > 0:
		return t.Now.Render(fmt.Sprintf("● now running · %s (%s of %s)", timeLeft(m, a.now), span(a.now.Elapsed), span(a.now.Planned)))
	case i == a.now.Session:
		return t.Now.Render("● now running · " + timeLeft(m, a.now))
	case i == a.now.Next:
		return t.Next.Render("○ next · starts " + whenNext(m, a.now))
	}
	return ""
}

// status is what the footer says when nothing else is said: the clock,
// without the hint when the line is too narrow for both.
func (a *agendaScreen) status() string {
	if a.width > 0 && ansi.StringWidth(a.clockNote) > a.width {
		return strings.TrimSuffix(a.clockNote, " · n jumps to it")
	}
	return a.clockNote
}

// startAtNow puts the cursor on the running session, else the next, when
// the meeting has times and is not over.
func (a *agendaScreen) startAtNow() {
	i := a.now.Session
	if i < 0 {
		i = a.now.Next
	}
	if i >= 0 {
		a.selectSession(i)
	}
}

// jumpToNow selects the running session, else the next; it says so when
// the meeting has no times or has ended.
func (a *agendaScreen) jumpToNow() tea.Cmd {
	a.setNow()
	i := a.now.Session
	if i < 0 {
		i = a.now.Next
	}
	if i < 0 {
		text := "The meeting has ended: no session is on or to come."
		if !a.hasTimes {
			text = "This meeting's sessions have no times: nothing is on now or next."
		}
		return func() tea.Msg { return statusMsg{text: text} }
	}
	a.selectSession(i)
	return nil
}

// syncDetail renders the selected session into the detail viewport when it
// changed.
func (a *agendaScreen) syncDetail() {
	i := a.selected()
	if a.about {
		i = detailAbout
	}
	if i == a.detailFor && a.detailW == a.detW {
		return
	}
	a.detailFor, a.detailW = i, a.detW
	// Lines longer than about 100 cells are hard to read on a wide screen.
	w := min(a.detW-2, maxTextWidth) // the last column is the scrollbar's, after a space
	switch i {
	case detailAbout:
		a.detail.SetContent(renderMeeting(a.c, w))
	case detailNone:
		a.detail.SetContent("")
	default:
		a.detail.SetContent(renderSession(a.c, i, w, a.sessionClock(i)))
	}
	a.detail.GotoTop()
}

func (a *agendaScreen) capturing() bool { return a.filter.focused }

func (a *agendaScreen) update(msg tea.Msg) tea.Cmd {
	k := a.c.keys
	ak := k.Agenda
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if a.focusDetail && !a.filter.focused {
			switch {
			case key.Matches(msg, k.Back):
				a.focusDetail = false
				a.about = false
				a.syncDetail()
			case key.Matches(msg, ak.Edit) && !a.about && a.selected() >= 0:
				return a.edit(a.selected())
			default:
				scroll(&a.detail, msg, k)
			}
			return nil
		}
		if handled, changed, cmd := a.filter.key(msg, k, &a.list); handled {
			if changed {
				a.applyFilter(a.filter.query, a.selected())
			}
			a.list.setHeight(a.listHeight())
			a.syncDetail()
			return cmd
		}
		switch {
		case a.list.navigate(msg, k):
			a.about = false
		case key.Matches(msg, ak.ComparePresenters):
			return a.comparePresenters()
		case key.Matches(msg, ak.Edit):
			if i := a.selected(); i >= 0 {
				return a.edit(i)
			}
		case key.Matches(msg, ak.Now):
			return a.jumpToNow()
		case key.Matches(msg, ak.Star):
			return a.toggleStar()
		case key.Matches(msg, ak.StarredOnly):
			a.starredOnly = !a.starredOnly
			a.buildItems(a.selected())
			if a.starredOnly && len(a.items) == 0 {
				return func() tea.Msg { return statusMsg{text: "No starred session yet: star one with *."} }
			}
		case key.Matches(msg, k.Open):
			if a.selected() >= 0 {
				a.focusDetail = true
			}
		}
		a.syncDetail()
	case tea.MouseMsg:
		a.mouse(msg)
	}
	return nil
}

// edit opens the note of session i, when this user writes it.
func (a *agendaScreen) edit(i int) tea.Cmd {
	s := &a.c.snap.Meeting.Sessions[i]
	if !a.c.mayEdit(s.ID) && a.c.person.MaySeeConfidential() {
		// Another rapporteur's session: its note, live and read-only.
		a.c.ask(openNoteMsg{id: s.ID})
		return nil
	}
	if !a.c.mayEdit(s.ID) && a.c.person.MayReadNotes() {
		// A delegate reads the published notes in the detail, live.
		a.focusDetail = true
		a.syncDetail()
		return func() tea.Msg {
			return statusMsg{text: fmt.Sprintf("The notes of session %d are in the detail, as they are written.", s.Number)}
		}
	}
	if !a.c.mayEdit(s.ID) {
		return func() tea.Msg {
			return statusMsg{text: "Only the rapporteurs of session " + fmt.Sprint(s.Number) + " write its notes; you are a " + string(a.c.person.Role) + "."}
		}
	}
	a.c.ask(openNoteMsg{id: s.ID})
	return nil
}

// showAbout shows the meeting in the detail (i, from any view).
func (a *agendaScreen) showAbout() {
	a.about, a.focusDetail = true, true
	a.syncDetail()
}

// toggleStar stars or unstars the selected session and saves the stars.
func (a *agendaScreen) toggleStar() tea.Cmd {
	i := a.selected()
	if i < 0 {
		return nil
	}
	id := a.c.snap.Meeting.Sessions[i].ID
	if a.c.starred[id] {
		delete(a.c.starred, id)
	} else {
		a.c.starred[id] = true
	}
	a.cache[i] = ""
	if a.starredOnly {
		a.buildItems(i)
	}
	return a.c.saveStars()
}

// noteChanged redraws the detail after a note was saved.
func (a *agendaScreen) noteChanged() {
	a.detailFor = detailStale
	a.indexNotes()
	if a.applied != "" {
		a.matches = nil // the notes changed: search them all again
		a.applyFilter(a.applied, a.selected())
	}
	a.syncDetail()
}

// compareMsg asks the root to compare countries in the Scores view.
// session is the session whose presenters they are (esc goes back to
// it), or -1.
type compareMsg struct {
	codes   []string
	session int
}

// comparePresenters compares the presenting countries of the selected
// session; organisations have no country score and are left out.
func (a *agendaScreen) comparePresenters() tea.Cmd {
	i := a.selected()
	if i < 0 {
		return nil
	}
	codes := a.c.snap.Meeting.PresentingCountries(i)
	if len(codes) == 0 {
		return func() tea.Msg { return statusMsg{text: "No country presented in this session."} }
	}
	a.c.ask(compareMsg{codes: codes, session: i})
	return nil
}

func (a *agendaScreen) mouse(msg tea.MouseMsg) {
	if a.focusDetail || (a.wide() && msg.X >= a.listW+3) {
		wheel(&a.detail, msg)
		return
	}
	before := a.list.cursor
	if a.list.mouse(msg, a.listTop()) {
		a.about = false
		// A click on the selected session opens it, like enter.
		a.focusDetail = a.list.cursor == before
	}
	a.syncDetail()
}

// listTop is the line of the first row: after the filter line when shown.
func (a *agendaScreen) listTop() int {
	if a.filter.shown() {
		return 1
	}
	return 0
}

func (a *agendaScreen) shortHelp() []key.Binding {
	k := a.c.keys
	if a.filter.focused {
		return a.filter.help(k)
	}
	if a.focusDetail && a.about {
		return []key.Binding{k.Up, k.Down, k.PageDown, k.Back}
	}
	if a.focusDetail {
		return []key.Binding{k.Up, k.Down, k.PageDown, k.Agenda.Edit, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Agenda.Edit, k.Filter, k.Agenda.Star, k.Agenda.ComparePresenters}
}

func (a *agendaScreen) fullHelp() [][]key.Binding {
	k := a.c.keys
	ak := k.Agenda
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Back, k.Filter}, {ak.Edit, ak.Star, ak.StarredOnly, ak.ComparePresenters, ak.Now}}
}

// View

func (a *agendaScreen) view() string {
	if a.focusDetail && !a.wide() {
		return a.backLine + "\n" + a.detailView()
	}
	list := a.listView()
	if !a.wide() {
		return list
	}
	sep := a.c.theme.Border.Render("│")
	if a.focusDetail {
		sep = a.c.theme.Label.Render("┃")
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
func (a *agendaScreen) detailView() string {
	lines := strings.Split(a.detail.View(), "\n")
	for i := range lines {
		lines[i] = fit(lines[i], a.detail.Width)
	}
	scrollbar(a.c.theme, lines, a.detail.Width, a.detail.YOffset, a.detail.TotalLineCount())
	return strings.Join(lines, "\n")
}

// listView draws the filter line and the visible rows, each exactly listW wide.
func (a *agendaScreen) listView() string {
	t := a.c.theme
	w := a.listW
	lines := make([]string, 0, a.height)
	if a.filter.shown() {
		info := fmt.Sprintf("%d of %d", len(a.matches), len(a.hay))
		if len(a.inNotes) > 0 {
			info += fmt.Sprintf(" · ✎ %d in the notes", len(a.inNotes))
		}
		lines = append(lines, a.filter.view(t, w, info))
	}
	if len(a.items) == 0 {
		msg := "No sessions."
		switch {
		case a.applied != "" && len(a.matches) == 0:
			msg = fmt.Sprintf("No session matches %q.", a.applied)
		case a.starredOnly:
			msg = "No starred session here: star one with *, or f to show all."
		}
		lines = append(lines, fit(t.Subtle.Render("  "+msg), w))
	}
	from, to := a.list.visible()
	first := len(lines)
	for i := from; i < to && len(lines) < a.height; i++ {
		lines = append(lines, a.row(i, w))
	}
	a.list.bar(t, lines[first:], w)
	blank := strings.Repeat(" ", w)
	for len(lines) < a.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// row draws list row i in w cells. Session bodies are cached per width; the
// now/next marker and the cursor are added here as they change on their own.
func (a *agendaScreen) row(i, w int) string {
	t := a.c.theme
	it := a.items[i]
	switch it.kind {
	case itemGap:
		return strings.Repeat(" ", w)
	case itemDay:
		m := a.c.snap.Meeting
		n := 1 + daysBetween(m.Start, it.day)
		return fit(t.Day.Render(it.day.Long())+t.Subtle.Render(fmt.Sprintf(" · day %d", n)), w)
	}
	s := it.session
	marker := ""
	if a.hasTimes || a.now.Marked {
		switch {
		case s == a.now.Session && a.now.Over > 0:
			marker = t.Error.Render("over ")
		case s == a.now.Session:
			marker = t.Now.Render("now  ")
		case s == a.now.Next:
			marker = t.Next.Render("next ")
		default:
			marker = "     "
		}
	}
	bodyW := w - 2 - ansi.StringWidth(marker)
	line := ""
	switch {
	case i == a.list.cursor && a.focusDetail:
		// The keys scroll the detail: the list's cursor steps back (▹, not
		// reversed) and the border beside the detail lights up.
		line = t.Subtle.Render("▹ " + ansi.Strip(marker) + a.rowBody(s, bodyW, true))
	case i == a.list.cursor:
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
func (a *agendaScreen) rowBody(i, w int, plain bool) string {
	t := a.c.theme
	s := &a.c.snap.Meeting.Sessions[i]
	style := func(st func(...string) string, v string) string {
		if plain {
			return v
		}
		return st(v)
	}
	// After the number: ★ starred, ¶ has notes (for those who read them).
	star, notes := " ", " "
	if a.c.starred[s.ID] {
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
			tm = fit(listTime(s), a.timeW)
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
	numW, tmW := ansi.StringWidth(num), ansi.StringWidth(tm)
	titleW := w - numW - tmW - codesW - 1
	if titleW < 10 {
		codes, codesW = "", 0
		titleW = w - numW - tmW
	}
	title := fit(s.Title, max(titleW, 1))
	out := style(t.Number.Render, num) + style(t.Time.Render, tm) + title
	if codesW > 0 {
		out += " " + style(t.Codes.Render, codes)
	}
	return fit(out, w)
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
