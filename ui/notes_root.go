package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
)

// ShutdownMsg asks the program to save what is unsaved and quit: sent on
// SIGTERM, SIGHUP or SIGINT.
type ShutdownMsg struct{}

type (
	recoveryMsg   struct{ entries []agenda.Entry }
	starsSavedMsg struct{ err error }
)

var (
	restoreKey = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "restore"))
	discardKey = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard"))
)

// quit saves the note being edited, if it has changes, then quits.
func (m *Model) quit() tea.Cmd {
	if m.editor != nil && m.editor.dirty() {
		return m.editor.save(thenQuit)
	}
	return tea.Quit
}

// toEditor routes a message to the open editor.
func (m Model) toEditor(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.editor == nil {
		if s, ok := msg.(noteSavedMsg); ok && s.err == nil && s.beside == "" {
			m.c.texts[s.id] = agenda.Note{Text: s.text, Version: s.version}
			if s.then == thenQuit {
				return m, tea.Quit
			}
		}
		return m, nil
	}
	cmd, done := m.editor.update(msg)
	if done {
		m.editor = nil
		m.agenda.noteChanged()
		m.notes.rebuild()
	}
	return m, cmd
}

// noteLoadedMsg opens (or reloads) the editor.
func (m Model) noteLoaded(msg noteLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = statusMsg{text: "cannot read the note: " + msg.err.Error(), err: true}
		return m, nil
	}
	session := -1
	for i, s := range m.c.meeting.Sessions {
		if s.ID == msg.id {
			session = i
		}
	}
	if session < 0 {
		return m, nil
	}
	if m.editor != nil && m.editor.id == msg.id {
		// Back from $EDITOR: the file is the truth now.
		m.editor.take(msg.note)
		return m, nil
	}
	if msg.note.Version.Exists {
		m.c.texts[msg.id] = msg.note
	}
	m.editor = newNoteEditor(m.c, session, msg, m.width, m.height-1)
	if msg.restored {
		// Restored text is saved like any edit, through conflict detection.
		return m, m.editor.changed()
	}
	return m, nil
}

// findRecovery reads the journal for notes whose typing was not saved.
func (m Model) findRecovery() tea.Cmd {
	journal, store := m.c.journal, m.c.notes
	if journal.Dir == "" {
		return nil
	}
	return func() tea.Msg {
		var keep []agenda.Entry
		for _, e := range journal.Entries() {
			n, err := store.Load(e.Session)
			if err == nil && n.Text == e.Text {
				journal.Remove(e.Session) // saved after all
				continue
			}
			keep = append(keep, e)
		}
		if len(keep) == 0 {
			return nil
		}
		return recoveryMsg{entries: keep}
	}
}

func (m *Model) recoveryKey(msg tea.KeyMsg) tea.Cmd {
	e := m.recovery[0]
	switch {
	case key.Matches(msg, restoreKey):
		m.recovery = m.recovery[1:]
		store := m.c.notes
		return func() tea.Msg {
			n, err := store.Load(e.Session)
			text := e.Text
			// The text was typed over e.Base: saving checks the note is still that.
			n.Version = e.Base
			return noteLoadedMsg{id: e.Session, note: n, err: err, text: &text, restored: true}
		}
	case key.Matches(msg, discardKey):
		m.recovery = m.recovery[1:]
		journal := m.c.journal
		return func() tea.Msg { journal.Remove(e.Session); return nil }
	case key.Matches(msg, m.c.keys.Quit):
		return tea.Quit // the journal stays for next time
	}
	return nil
}

func (m *Model) recoveryView() string {
	t := m.c.theme
	e := m.recovery[0]
	title := e.Session
	for _, s := range m.c.meeting.Sessions {
		if s.ID == e.Session {
			title = fmt.Sprintf("Session %d · %s", s.Number, s.Title)
		}
	}
	disk := m.c.texts[e.Session].Text
	lines := []string{
		t.Error.Render("Unsaved notes were found from an earlier run."),
		"",
		t.Heading.Render(title),
		t.Subtle.Render(fmt.Sprintf("typed until %s · %s", e.At.In(m.c.meeting.Location).Format("Mon 2 Jan 15:04:05"), diffSummary(disk, e.Text, "the saved note", "the journal"))),
		"",
	}
	// What the journal adds: its lines not in the saved note.
	saved := map[string]bool{}
	for _, l := range strings.Split(disk, "\n") {
		saved[l] = true
	}
	shown := 0
	for _, l := range strings.Split(e.Text, "\n") {
		if !saved[l] && strings.TrimSpace(l) != "" && shown < m.bodyHeight()-8 {
			lines = append(lines, t.Now.Render("+ ")+l)
			shown++
		}
	}
	lines = append(lines, "", "r restores it into the note (then saved as usual) · d discards it")
	if len(m.recovery) > 1 {
		lines = append(lines, t.Subtle.Render(fmt.Sprintf("%d more after this one", len(m.recovery)-1)))
	}
	return padLines(strings.Join(lines, "\n"), m.width, m.bodyHeight())
}

// Flush saves the note being edited, if it has changes, at once: for the
// end of the program, whatever ended it. On a conflict it saves beside.
func (m Model) Flush() error {
	ne := m.editor
	if ne == nil || !ne.dirty() {
		return nil
	}
	text := fileText(ne.ed.Value())
	if ne.conflict == nil {
		if _, err := ne.c.notes.Save(ne.id, text, ne.base); err == nil {
			ne.c.journal.Remove(ne.id)
			return nil
		}
	}
	p, err := ne.c.notes.SaveBeside(ne.id, text, ne.c.wall())
	if err != nil {
		return fmt.Errorf("the note of %s could not be saved: %v; the text is in the recovery journal", ne.id, err)
	}
	ne.c.journal.Remove(ne.id)
	return fmt.Errorf("the note of %s changed on disk; yours is saved as %s", ne.id, p)
}
