package notesview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/list"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// MinutesView reads every note of the meeting in agenda order, as the
// report will print them (typed lines as their kind, in bold): the minutes
// so far. e opens the note of the session at the top of the screen.
type MinutesView struct {
	c             *common.Common
	vp            viewport.Model
	width, height int
	starts        []int // first line of each session's part
	sessions      []int // and the session it is
}

func NewMinutesView(c *common.Common) *MinutesView {
	v := &MinutesView{c: c, vp: viewport.New(0, 0)}
	v.vp.MouseWheelEnabled = false
	return v
}

func (v *MinutesView) Place() common.Placement { return common.PlaceBody }
func (v *MinutesView) Capturing() bool         { return false }
func (v *MinutesView) Title() string           { return "minutes" }

func (v *MinutesView) SetSize(w, h int) {
	v.width, v.height = w, h
	v.vp.Width, v.vp.Height = w, max(h-1, 1)
	v.Layout()
}

// Layout renders the notes at the current width.
func (v *MinutesView) Layout() {
	t := v.c.Theme
	m := v.c.Snap.Meeting
	var lines []string
	v.starts, v.sessions = nil, nil
	w := min(v.width-1, common.MaxTextWidth)
	for i, s := range m.Sessions {
		note := strings.TrimSpace(agenda.PlainNote(v.c.NoteText(s.ID)))
		if note == "" {
			continue
		}
		v.starts = append(v.starts, len(lines))
		v.sessions = append(v.sessions, i)
		lines = append(lines, t.Day.Render(fmt.Sprintf("Session %d · %s", s.Number, s.Title)), t.Subtle.Render(strings.Join(s.Meta(), " · ")), "")
		lines = append(lines, markdown.RenderMarkdown(t, note, w)...)
		lines = append(lines, "")
	}
	if len(lines) == 0 {
		msg := "No notes yet: e on a session writes its notes."
		if !v.c.MayReadNotes() {
			msg = "The rapporteurs' notes are not shared with delegates in this meeting."
		}
		lines = []string{t.Subtle.Render(msg)}
	}
	for i := range lines {
		lines[i] = common.Fit(lines[i], v.width-1)
	}
	v.vp.SetContent(strings.Join(lines, "\n"))
}

// session is the session whose part is at the top of the screen, or -1.
func (v *MinutesView) session() int {
	at := sort.SearchInts(v.starts, v.vp.YOffset+1) - 1
	if at < 0 {
		if len(v.sessions) == 0 {
			return -1
		}
		at = 0
	}
	return v.sessions[at]
}

func (v *MinutesView) View() string {
	t := v.c.Theme
	head := t.Heading.Render("Minutes") + t.Subtle.Render(" · every note, in agenda order · e edits the session at the top · esc back")
	lines := strings.Split(v.vp.View(), "\n")
	for i := range lines {
		lines[i] = common.Fit(lines[i], v.vp.Width)
	}
	list.Scrollbar(t, lines, v.vp.Width, v.vp.YOffset, v.vp.TotalLineCount())
	return common.Fit(head, v.width) + "\n" + strings.Join(lines, "\n")
}

// MinutesMsg asks the root to open the minutes.
type MinutesMsg struct{}

// MinutesEditMsg asks the root to open a session's note from the minutes.
type MinutesEditMsg struct{ Session int }

func (v *MinutesView) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.NoteClosedMsg, common.SnapshotMsg:
		v.Layout() // the note as it is now
	case tea.KeyMsg:
		k := v.c.Keys
		switch {
		case key.Matches(msg, k.Back):
			return nil, true
		case key.Matches(msg, k.Notes.Edit):
			if i := v.session(); i >= 0 {
				return func() tea.Msg { return MinutesEditMsg{Session: i} }, false
			}
		default:
			list.Scroll(&v.vp, msg, k)
		}
	case tea.MouseMsg:
		list.Wheel(&v.vp, msg)
	}
	return nil, false
}

func (v *MinutesView) ShortHelp() []key.Binding {
	k := v.c.Keys
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Notes.Edit, k.Back}
}

func (v *MinutesView) FullHelp() [][]key.Binding {
	k := v.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Notes.Edit, k.Back}}
}
