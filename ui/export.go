package ui

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/renameio/v2"

	"codeberg.org/plenary/plenary/agenda"
)

// Exports from the app: x, then r (report), i (calendar of the starred
// sessions, or all when none is starred) or j (JSON). Files go to the
// current folder, named after the meeting.
var (
	reportKey   = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "report (Markdown)"))
	calendarKey = key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "calendar (.ics)"))
	jsonKey     = key.NewBinding(key.WithKeys("j"), key.WithHelp("j", "everything (JSON)"))
	cancelKey   = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

// exportKey handles the key after x.
func (m *Model) exportKey(msg tea.KeyMsg) tea.Cmd {
	m.exporting = false
	c := m.c
	notes := maps.Clone(c.texts) // the export runs beside Update, which may save a note
	var name string
	var build func() ([]byte, error)
	switch {
	case key.Matches(msg, reportKey):
		name = c.meeting.ID + "-report.md"
		build = func() ([]byte, error) { return []byte(agenda.Report(c.meeting, notes)), nil }
	case key.Matches(msg, calendarKey):
		var ss []*agenda.Session
		for i := range c.meeting.Sessions {
			if c.starred[c.meeting.Sessions[i].ID] {
				ss = append(ss, &c.meeting.Sessions[i])
			}
		}
		name = c.meeting.ID + "-starred.ics"
		if len(ss) == 0 {
			name = c.meeting.ID + ".ics"
			for i := range c.meeting.Sessions {
				ss = append(ss, &c.meeting.Sessions[i])
			}
		}
		stamp := c.wall()
		build = func() ([]byte, error) { return []byte(agenda.ICS(c.meeting, ss, stamp)), nil }
	case key.Matches(msg, jsonKey):
		name = c.meeting.ID + ".json"
		var scores any
		if c.scores != nil {
			scores = c.scores.JSONModel()
		}
		build = func() ([]byte, error) {
			b, err := agenda.ExportJSON(c.meeting, notes, scores)
			return append(b, '\n'), err
		}
	default:
		return func() tea.Msg { return statusMsg{text: "Export cancelled."} }
	}
	return func() tea.Msg {
		b, err := build()
		if err == nil {
			err = renameio.WriteFile(name, b, 0o644)
		}
		if err != nil {
			return statusMsg{text: "export failed: " + err.Error(), err: true}
		}
		abs, _ := filepath.Abs(name)
		return statusMsg{text: fmt.Sprintf("Wrote %s (%d bytes) at %s", abs, len(b), time.Now().Format("15:04:05"))}
	}
}

// exportPrompt is the status line while choosing an export.
func exportPrompt() string {
	wd, _ := os.Getwd()
	return "Export to " + wd + ": r report · i calendar · j JSON · esc cancel"
}
