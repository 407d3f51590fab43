// Package chairpanel is the chair's panel (the queue of who asked for the
// floor, the speaker's clock) and the prompt for a delegation's code.
package chairpanel

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
)

// FloorAct asks the root to change session's floor: the chair's panel and
// the prompt decide, the root changes (it owns the snapshot).
type FloorAct struct {
	Session int
	Act     string // ask, give, end, skip, up, down, clear, open, close
	Code    string // ask
	Topic   string // ask
	Index   int    // up, down: the request moved
}

// ChairPanel is the chair's view of the floor (Q): the session's marks,
// the speaker with a running timer, the list in order with waiting times.
type ChairPanel struct {
	c             *common.Common
	session       int
	cursor        int
	width, height int
	body          string
	problem       string // why the last save of this record failed
	// confirm: o was pressed on a session dated another day than today;
	// o again opens it. dropping: d was pressed; d again drops.
	confirm, dropping bool
}

func NewChairPanel(c *common.Common, session int) *ChairPanel {
	return &ChairPanel{c: c, session: session}
}

func (p *ChairPanel) Place() common.Placement { return common.PlaceScreenHelp }
func (p *ChairPanel) Capturing() bool         { return false }
func (p *ChairPanel) SetSize(w, h int)        { p.width, p.height = w, h; p.Layout() }
func (p *ChairPanel) Title() string           { return "chair's panel" }
func (p *ChairPanel) View() string            { return p.body }

func (p *ChairPanel) log() *floor.Log {
	id := p.c.Snap.Meeting.Sessions[p.session].ID
	if l := p.c.Snap.Floors[id]; l != nil {
		return l
	}
	return &floor.Log{Session: id}
}

func (p *ChairPanel) Layout() {
	if p.width == 0 {
		return
	}
	t := p.c.Theme
	m := p.c.Snap.Meeting
	s := &m.Sessions[p.session]
	l := p.log()
	now := p.c.Now()
	loc := m.Location
	var lines []string
	head := t.Heading.Render(fmt.Sprintf("Floor · Session %d", s.Number)) + " " + s.Title
	lines = append(lines, common.Spread(common.Fit(head, p.width-10), t.Clock.Render(now.In(loc).Format("15:04:05")), p.width))
	switch {
	case l.Opened.IsZero():
		lines = append(lines, t.Subtle.Render("Not opened yet: o opens the session (its real start, for the clock and the report)."))
	case l.IsOpen():
		lines = append(lines, t.Now.Render("Open since "+l.Opened.In(loc).Format("15:04"))+t.Subtle.Render(" · c closes the session"))
	default:
		lines = append(lines, t.Subtle.Render(fmt.Sprintf("Opened %s, closed %s · o opens it again", l.Opened.In(loc).Format("15:04"), l.Closed.In(loc).Format("15:04"))))
	}
	// A save that failed is said here, where the chair looks, until the
	// next save of this record works.
	problem := p.problem
	if p.dropping && p.cursor < len(l.Waiting) {
		// What to press first: at 60 columns the line is cut.
		problem = "d again takes " + p.c.DelegationName(l.Waiting[p.cursor].Delegation) + " off the list; another key does not."
	}
	if p.confirm {
		problem = fmt.Sprintf("o again opens session %d now; it is on %s, today is %s.", s.Number, s.Date.Long(), agenda.DateOf(now.In(loc)).Long())
	}
	lines = append(lines, common.Fit(t.Error.Render(problem), p.width))
	if sp := l.Speaker(); sp != nil {
		line := t.Label.Render("Speaking  ") + t.Bold.Render(p.c.DelegationName(sp.Delegation)) + "  " + TurnClock(t, now.Sub(sp.Start), m.Limit(s))
		if sp.Topic != "" {
			line += t.Subtle.Render(" · " + sp.Topic)
		}
		lines = append(lines, line)
	} else {
		lines = append(lines, t.Label.Render("Speaking  ")+t.Subtle.Render("no one"))
	}
	lines = append(lines, "", t.Label.Render(fmt.Sprintf("Waiting (%d)", len(l.Waiting))))
	p.cursor = min(p.cursor, max(len(l.Waiting)-1, 0))
	for i, r := range l.Waiting {
		waited := "waiting " + common.Span(now.Sub(r.Asked))
		if !r.Skipped.IsZero() {
			waited += " · skipped " + r.Skipped.In(loc).Format("15:04")
		}
		row := fmt.Sprintf("%2d  %s  %s", i+1, common.Fit(p.c.DelegationName(r.Delegation), 32), t.Subtle.Render(waited))
		if r.Topic != "" {
			row += t.Subtle.Render(" · " + r.Topic)
		}
		if i == p.cursor {
			row = t.Selected.Render("▸ " + ansi.Strip(row))
		} else {
			row = "  " + row
		}
		lines = append(lines, common.Fit(row, p.width))
	}
	if len(l.Waiting) == 0 {
		lines = append(lines, t.Subtle.Render("  No one: delegations ask with r; a adds one."))
	}
	if n := len(l.Turns); n > 0 {
		lines = append(lines, "", t.Label.Render(fmt.Sprintf("Turns taken (%d)", n)))
		from := max(n-5, 0)
		for _, tu := range l.Turns[from:] {
			end := "now"
			if !tu.End.IsZero() {
				end = tu.End.In(loc).Format("15:04")
			}
			lines = append(lines, t.Subtle.Render(fmt.Sprintf("  %s–%s  %s", tu.Start.In(loc).Format("15:04"), end, p.c.DelegationName(tu.Delegation))))
		}
	}
	p.body = common.PadLines(strings.Join(lines, "\n"), p.width, p.height-1)
}

func (p *ChairPanel) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.ClockMsg, common.FloorMsg:
		p.Layout()
		return nil, false
	case common.FloorSavedMsg:
		// The outcome of a save: the problem stays in sight until a save
		// of this record works.
		if p.c.Snap.Meeting.Sessions[p.session].ID == msg.Session && p.problem != msg.Problem {
			p.problem = msg.Problem
			p.Layout()
		}
		return nil, false
	case common.SnapshotMsg:
		// The session by its id: a reload may move or remove it.
		p.session = p.c.Snap.Meeting.SessionIndex(msg.Old.Meeting.Sessions[p.session].ID)
		if p.session < 0 {
			return nil, true
		}
		p.Layout()
		return nil, false
	case common.PersonMsg:
		return nil, !p.c.MayChair()
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	k := p.c.Keys.Chair
	act := func(a string) tea.Cmd {
		f := FloorAct{Session: p.session, Act: a, Index: p.cursor}
		return func() tea.Msg { return f }
	}
	n := len(p.log().Waiting)
	if p.dropping {
		p.dropping = false
		if key.Matches(km, k.Drop) && p.cursor < n {
			cmd := act("drop")
			p.cursor = max(min(p.cursor, n-2), 0)
			return cmd, false
		}
		p.Layout()
		return nil, false
	}
	if p.confirm {
		p.confirm = false
		if key.Matches(km, k.Open) {
			return act("open"), false
		}
		p.Layout()
		return nil, false
	}
	switch {
	case key.Matches(km, k.Leave):
		return nil, true
	case key.Matches(km, k.Give):
		p.cursor = 0
		return act("give"), false
	case key.Matches(km, k.End):
		return act("end"), false
	case key.Matches(km, k.Skip):
		return act("skip"), false
	case key.Matches(km, k.MoveUp) && p.cursor > 0:
		cmd := act("up") // the entry under the cursor, which follows it
		p.cursor--
		return cmd, false
	case key.Matches(km, k.MoveDown) && p.cursor < n-1:
		cmd := act("down")
		p.cursor++
		return cmd, false
	case key.Matches(km, k.Drop) && p.cursor < n:
		p.dropping = true // d again takes it off
		p.Layout()
		return nil, false
	case key.Matches(km, k.Clear):
		return act("clear"), false
	case key.Matches(km, k.Open):
		s := &p.c.Snap.Meeting.Sessions[p.session]
		if today := agenda.DateOf(p.c.Now().In(p.c.Snap.Meeting.Location)); !s.Date.IsZero() && s.Date != today {
			// Opened on another day, its clock and the report would say
			// what did not happen: the chair says so twice.
			p.confirm = true
			p.Layout()
			return nil, false
		}
		return act("open"), false
	case key.Matches(km, k.Close):
		return act("close"), false
	case key.Matches(km, k.Add):
		s := p.session
		p.c.Ask(FloorPromptMsg{Session: s}) // open before the next key is read
		return nil, false
	case key.Matches(km, p.c.Keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(km, p.c.Keys.Down):
		p.cursor = min(p.cursor+1, max(n-1, 0))
	}
	p.Layout()
	return nil, false
}

func (p *ChairPanel) ShortHelp() []key.Binding {
	k := p.c.Keys.Chair
	return []key.Binding{k.Give, k.End, k.Skip, k.Drop, k.MoveUp, k.MoveDown, k.Add, k.Open, k.Close, k.Clear, k.Leave}
}

func (p *ChairPanel) FullHelp() [][]key.Binding {
	k := p.c.Keys.Chair
	return [][]key.Binding{{k.Give, k.End, k.Skip, k.Drop, k.Add, k.Clear}, {k.MoveUp, k.MoveDown, p.c.Keys.Up, p.c.Keys.Down}, {k.Open, k.Close, k.Leave}}
}

// FloorPromptMsg opens the prompt that adds a delegation to session's list.
type FloorPromptMsg struct{ Session int }

// FloorPrompt asks who asks for the floor (the chair, or a local run) or,
// for a delegate, the topic: enter sends, esc cancels, tab completes a
// delegation's name.
type FloorPrompt struct {
	c       *common.Common
	session int
	code    string // the delegation asking, when known
	input   textinput.Model
	width   int
	err     string
}

func NewFloorPrompt(c *common.Common, session int, code string) *FloorPrompt {
	ti := textinput.New()
	ti.Prompt = "Who asks for the floor (code or name): "
	if code != "" {
		ti.Prompt = "Topic, optional (enter sends): "
	}
	ti.PromptStyle = c.Theme.Prompt
	ti.Cursor.Style = c.Theme.Style().Reverse(true)
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = floor.MaxTopic
	ti.Focus()
	return &FloorPrompt{c: c, session: session, code: code, input: ti}
}

func (f *FloorPrompt) Place() common.Placement { return common.PlaceStatus }
func (f *FloorPrompt) Capturing() bool         { return true }
func (f *FloorPrompt) Title() string           { return "the floor" }
func (f *FloorPrompt) SetSize(w, h int) {
	f.width = w
	f.input.Width = max(w-len(f.input.Prompt)-2, 10)
}
func (f *FloorPrompt) View() string {
	v := f.input.View()
	if f.err != "" {
		v += "  " + f.c.Theme.Error.Render(f.err)
	}
	return common.Fit(v, f.width)
}

// match finds the delegation a text names: its code, or a name it begins.
func (f *FloorPrompt) match(text string) (code string, names []string) {
	text = strings.TrimSpace(text)
	m := f.c.Snap.Meeting
	if d, ok := m.Delegation(strings.ToUpper(text)); ok {
		return d.Code, nil
	}
	for _, d := range m.Delegations {
		if text != "" && strings.HasPrefix(strings.ToLower(d.Name), strings.ToLower(text)) {
			names = append(names, d.Name)
			code = d.Code
		}
	}
	sort.Strings(names)
	if len(names) != 1 {
		code = ""
	}
	return code, names
}

func (f *FloorPrompt) Update(msg tea.Msg) (tea.Cmd, bool) {
	if s, ok := msg.(common.SnapshotMsg); ok {
		f.session = f.c.Snap.Meeting.SessionIndex(s.Old.Meeting.Sessions[f.session].ID)
		return nil, f.session < 0 // its session is gone: nothing to ask for
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	switch km.Type {
	case tea.KeyEsc:
		return nil, true
	case tea.KeyTab:
		if f.code == "" {
			if _, names := f.match(f.input.Value()); len(names) > 0 {
				f.input.SetValue(names[0])
				f.input.CursorEnd()
			}
		}
		return nil, false
	case tea.KeyEnter:
		code, topic := f.code, ""
		if code == "" {
			var names []string
			if code, names = f.match(f.input.Value()); code == "" {
				f.err = "no delegation by that code or name"
				if len(names) > 1 {
					f.err = "which one? " + strings.Join(names, ", ")
				}
				return nil, false
			}
		} else {
			topic = clean.Line(f.input.Value())
		}
		a := FloorAct{Session: f.session, Act: "ask", Code: code, Topic: topic}
		return func() tea.Msg { return a }, true
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(km)
	f.err = ""
	return cmd, false
}

func (f *FloorPrompt) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
}
func (f *FloorPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// TurnClock is a turn's running time, against the limit when there is one:
// "2:15 of 3:00", or "3:20 of 3:00 · 0:20 over" in red.
func TurnClock(t *common.Theme, d, limit time.Duration) string {
	switch {
	case limit <= 0:
		return t.Clock.Render(clockSpan(d))
	case d > limit:
		return t.Error.Render(fmt.Sprintf("%s of %s · %s over", clockSpan(d), clockSpan(limit), clockSpan(d-limit)))
	}
	return t.Clock.Render(clockSpan(d)) + t.Subtle.Render(" of "+clockSpan(limit))
}

func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// clockSpan is a duration as m:ss (or h:mm:ss), for speaking timers.
func clockSpan(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		d = 0
	}
	h, mn, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, mn, s)
	}
	return fmt.Sprintf("%d:%02d", mn, s)
}
