package ui

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// Copying what is selected as text to the clipboard (y): the terminal is
// asked to copy it with OSC 52, which works in most terminals, over SSH,
// and in tmux with set-clipboard on. The sequence rides in the next frames
// (a write of its own could fall inside one the renderer is writing) and
// is dropped after clipFor.

const clipFor = 500 * time.Millisecond

// clipDoneMsg ends the copy of generation gen.
type clipDoneMsg struct{ gen int }

// osc52 asks the terminal to put text on the clipboard.
func osc52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
}

// copySelection copies what the active screen has selected.
func (m *Model) copySelection() tea.Cmd {
	what, text := m.screen(m.active).Selection()
	if text == "" {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Nothing to copy here: select a session, a country or a list."}
		}
	}
	return m.toClipboard(what, text)
}

// toClipboard puts text on the system clipboard, named what in the status.
// Confidential lines never go there.
func (m *Model) toClipboard(what, text string) tea.Cmd {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !agenda.IsConfidential(l) {
			kept = append(kept, l)
		}
	}
	left := ""
	if len(kept) < len(lines) {
		left = "; confidential lines left out"
	}
	text = strings.Join(kept, "\n")
	say := func(s string) {
		m.status = common.StatusMsg{Text: s}
		if ne, ok := m.top().(*noteeditor.NoteEditor); ok {
			ne.Notice = s // the editor covers the status line
		}
	}
	if strings.TrimSpace(text) == "" {
		say("Confidential lines stay in plenary: nothing was put on the clipboard.")
		return nil
	}
	m.clip = osc52(text)
	m.clipGen++
	gen := m.clipGen
	say(fmt.Sprintf("Copied %s (%d lines) to the clipboard%s.", what, strings.Count(text, "\n")+1, left))
	return tea.Tick(clipFor, func(time.Time) tea.Msg { return clipDoneMsg{gen} })
}
