package common

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

// Fit pads or truncates s (which may hold styles) to exactly w cells.
func Fit(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

// ResumeMsg asks to take the room's presentation back here (T in the
// presenter view while the presenting program is away).
type ResumeMsg struct{}

type StarsSavedMsg struct{ Err error }

// ScoresProblem is the banner's problem when it is the scores' (a
// scores.toml or one of its tables), else "".
func ScoresProblem(banner string) string {
	file, _, _ := strings.Cut(banner, ":")
	if banner == "" || file == "meeting.toml" || file == "deck.toml" || strings.HasPrefix(file, "notes/") {
		return ""
	}
	problem, _, _ := strings.Cut(banner, " — ")
	return problem
}

// ClipboardMsg asks the root to put text copied in a modal (the editor's
// selection) on the system clipboard.
type ClipboardMsg struct{ What, Text string }

// StatusMsg sets the status line. A message lives statusLife (wall-clock
// time, whatever the meeting clock says), an error until the next key:
// neither outstays what it reports.
type StatusMsg struct {
	Text  string
	Err   bool
	Until time.Time
}

const StatusLife = 6 * time.Second

// Spread puts left and right on one line of width w, truncating left first.
func Spread(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return Fit(right, w)
	}
	left = Fit(left, max(w-rw-1, 0))
	return left + " " + right
}

// Count is "1 decision", "2 decisions".
func Count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// StatusBadge shows an edition's status; preliminary figures stand out.
func StatusBadge(t *Theme, e *data.Edition) string {
	switch e.Status {
	case data.Preliminary:
		return t.Error.Render("PRELIMINARY")
	case data.Pilot:
		return t.Next.Render("pilot")
	}
	return t.Subtle.Render(string(e.Status))
}

// PadLines makes s exactly h lines of width w.
func PadLines(s string, w, h int) string {
	h = max(h, 0) // a window of no height (a client's 80×0)
	lines := strings.Split(s, "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	lines = lines[:h]
	for i := range lines {
		lines[i] = Fit(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// AskFloorMsg is r from a modal that does not take it (a followed slide).
type AskFloorMsg struct{}

// AttendMsg asks to mark a delegation present today, or not.
type AttendMsg struct{ Code string }

// ServedRefusal says why a local program beside a server changes nothing
// of the room's.
func ServedRefusal(by string) tea.Cmd {
	return func() tea.Msg {
		return StatusMsg{Text: "Read-only here: the floor and the attendance are the served room's; join it over SSH (" + by + ").", Err: true}
	}
}

// JumpMsg asks the root to show session i in the agenda.
type JumpMsg struct{ Session int }

var KindTitles = []struct {
	Kind        agenda.Kind
	Title       string
	One, Plural string
}{
	{agenda.Member, "Member countries", "member country", "member countries"},
	{agenda.Partner, "Partner countries", "partner country", "partner countries"},
	{agenda.Organisation, "Organisations", "organisation", "organisations"},
	{agenda.Secretariat, "Secretariat", "secretariat", "secretariats"},
}

// MaxTextWidth caps the measure of running text (a session's detail, a
// note, a card).
const MaxTextWidth = 100

// OpenNoteMsg asks the root to open session id's note in the editor.
type OpenNoteMsg struct{ ID string }

// PlainLines is styled text as plain lines, trailing spaces trimmed.
func PlainLines(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
