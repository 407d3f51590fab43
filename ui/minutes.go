package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
)

// minutesView reads every note of the meeting in agenda order, as the
// report will print them (typed lines as their kind, in bold): the minutes
// so far. e opens the note of the session at the top of the screen.
type minutesView struct {
	c             *common
	vp            viewport.Model
	width, height int
	starts        []int // first line of each session's part
	sessions      []int // and the session it is
}

func newMinutesView(c *common) *minutesView {
	v := &minutesView{c: c, vp: viewport.New(0, 0)}
	v.vp.MouseWheelEnabled = false
	return v
}

func (v *minutesView) place() placement { return placeBody }
func (v *minutesView) capturing() bool  { return false }

func (v *minutesView) setSize(w, h int) {
	v.width, v.height = w, h
	v.vp.Width, v.vp.Height = w, max(h-1, 1)
	v.layout()
}

// layout renders the notes at the current width.
func (v *minutesView) layout() {
	t := v.c.theme
	m := v.c.snap.Meeting
	var lines []string
	v.starts, v.sessions = nil, nil
	w := min(v.width-1, maxTextWidth)
	for i, s := range m.Sessions {
		note := strings.TrimSpace(agenda.PlainNote(v.c.noteText(s.ID)))
		if note == "" {
			continue
		}
		v.starts = append(v.starts, len(lines))
		v.sessions = append(v.sessions, i)
		lines = append(lines, t.Day.Render(fmt.Sprintf("Session %d · %s", s.Number, s.Title)), t.Subtle.Render(strings.Join(s.Meta(), " · ")), "")
		lines = append(lines, renderMarkdown(t, note, w)...)
		lines = append(lines, "")
	}
	if len(lines) == 0 {
		msg := "No notes yet: e on a session writes its notes."
		if !v.c.mayReadNotes() {
			msg = "The rapporteurs' notes are not shared with delegates in this meeting."
		}
		lines = []string{t.Subtle.Render(msg)}
	}
	for i := range lines {
		lines[i] = fit(lines[i], v.width-1)
	}
	v.vp.SetContent(strings.Join(lines, "\n"))
}

// session is the session whose part is at the top of the screen, or -1.
func (v *minutesView) session() int {
	at := sort.SearchInts(v.starts, v.vp.YOffset+1) - 1
	if at < 0 {
		if len(v.sessions) == 0 {
			return -1
		}
		at = 0
	}
	return v.sessions[at]
}

func (v *minutesView) view() string {
	t := v.c.theme
	head := t.Heading.Render("Minutes") + t.Subtle.Render(" · every note, in agenda order · e edits the session at the top · esc back")
	lines := strings.Split(v.vp.View(), "\n")
	for i := range lines {
		lines[i] = fit(lines[i], v.vp.Width)
	}
	scrollbar(t, lines, v.vp.Width, v.vp.YOffset, v.vp.TotalLineCount())
	return fit(head, v.width) + "\n" + strings.Join(lines, "\n")
}

// minutesMsg asks the root to open the minutes.
type minutesMsg struct{}

// minutesEditMsg asks the root to open a session's note from the minutes.
type minutesEditMsg struct{ session int }

func (v *minutesView) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		k := v.c.keys
		switch {
		case key.Matches(msg, k.Back):
			return nil, true
		case key.Matches(msg, k.Notes.Edit):
			if i := v.session(); i >= 0 {
				return func() tea.Msg { return minutesEditMsg{session: i} }, false
			}
		default:
			scroll(&v.vp, msg, k)
		}
	case tea.MouseMsg:
		wheel(&v.vp, msg)
	}
	return nil, false
}

func (v *minutesView) shortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Notes.Edit, k.Back}
}

func (v *minutesView) fullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Notes.Edit, k.Back}}
}
