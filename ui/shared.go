package ui

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// fit pads or truncates s (which may hold styles) to exactly w cells.
func fit(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

// resumeMsg asks to take the room's presentation back here (T in the
// presenter view while the presenting program is away).
type resumeMsg struct{}

type starsSavedMsg struct{ err error }

// scoresProblem is the banner's problem when it is the scores' (a
// scores.toml or one of its tables), else "".
func scoresProblem(banner string) string {
	file, _, _ := strings.Cut(banner, ":")
	if banner == "" || file == "meeting.toml" || file == "deck.toml" || strings.HasPrefix(file, "notes/") {
		return ""
	}
	problem, _, _ := strings.Cut(banner, " — ")
	return problem
}

// clipboardMsg asks the root to put text copied in a modal (the editor's
// selection) on the system clipboard.
type clipboardMsg struct{ what, text string }

// statusMsg sets the status line. A message lives statusLife (wall-clock
// time, whatever the meeting clock says), an error until the next key:
// neither outstays what it reports.
type statusMsg struct {
	text  string
	err   bool
	until time.Time
}

const statusLife = 6 * time.Second

// spread puts left and right on one line of width w, truncating left first.
func spread(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return fit(right, w)
	}
	left = fit(left, max(w-rw-1, 0))
	return left + " " + right
}

// count is "1 decision", "2 decisions".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// statusBadge shows an edition's status; preliminary figures stand out.
func statusBadge(t *Theme, e *data.Edition) string {
	switch e.Status {
	case data.Preliminary:
		return t.Error.Render("PRELIMINARY")
	case data.Pilot:
		return t.Next.Render("pilot")
	}
	return t.Subtle.Render(string(e.Status))
}

// padLines makes s exactly h lines of width w.
func padLines(s string, w, h int) string {
	h = max(h, 0) // a window of no height (a client's 80×0)
	lines := strings.Split(s, "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	lines = lines[:h]
	for i := range lines {
		lines[i] = fit(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// askFloorMsg is r from a modal that does not take it (a followed slide).
type askFloorMsg struct{}

// attendMsg asks to mark a delegation present today, or not.
type attendMsg struct{ code string }

// servedRefusal says why a local program beside a server changes nothing
// of the room's.
func servedRefusal(by string) tea.Cmd {
	return func() tea.Msg {
		return statusMsg{text: "Read-only here: the floor and the attendance are the served room's; join it over SSH (" + by + ").", err: true}
	}
}

// jumpMsg asks the root to show session i in the agenda.
type jumpMsg struct{ session int }

var kindTitles = []struct {
	kind        agenda.Kind
	title       string
	one, plural string
}{
	{agenda.Member, "Member countries", "member country", "member countries"},
	{agenda.Partner, "Partner countries", "partner country", "partner countries"},
	{agenda.Organisation, "Organisations", "organisation", "organisations"},
	{agenda.Secretariat, "Secretariat", "secretariat", "secretariats"},
}

// maxTextWidth caps the measure of running text (a session's detail, a
// note, a card).
const maxTextWidth = 100

// openNoteMsg asks the root to open session id's note in the editor.
type openNoteMsg struct{ id string }
