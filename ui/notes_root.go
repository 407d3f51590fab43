package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// ShutdownMsg asks the program to save what is unsaved and quit: sent on
// SIGTERM, SIGHUP or SIGINT.
type ShutdownMsg struct{}

type starsSavedMsg struct{ err error }

// quit saves the note being edited, if it has changes, then quits.
func (m *Model) quit() tea.Cmd {
	if ne := m.editor(); ne != nil && ne.dirty() {
		return ne.save(thenQuit)
	}
	return tea.Quit
}

// toEditor routes an editor's message (timers, saves) to the editor in the
// stack, wherever it is; a save that ends after the editor closed still
// records the note.
func (m Model) toEditor(msg tea.Msg) (tea.Model, tea.Cmd) {
	ne := m.editor()
	if ne == nil {
		if s, ok := msg.(noteSavedMsg); ok && s.err == nil && s.beside == "" && s.disk == nil {
			m.c.putNote(s.id, s.note())
			if s.then == thenQuit {
				return m, tea.Quit
			}
		}
		return m, nil
	}
	cmd, done := ne.update(msg)
	if done {
		m.remove(ne)
	}
	return m, cmd
}

// remove closes a modal wherever it is in the stack.
func (m *Model) remove(md modal) {
	for i, x := range m.modals {
		if x == md {
			// Bring it to the top and close it there, so closing does the same
			// whichever way it happens.
			m.modals = append(append(m.modals[:i:i], m.modals[i+1:]...), md)
			m.pop()
			return
		}
	}
}

// noteLoaded opens the editor on a note that was read, or gives the open
// editor the note as it is now (back from $EDITOR).
func (m Model) noteLoaded(msg noteLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = statusMsg{text: "cannot read the note: " + msg.err.Error(), err: true}
		return m, nil
	}
	session := m.c.snap.Meeting.SessionIndex(msg.id)
	if session < 0 {
		return m, nil
	}
	if ne := m.editor(); ne != nil && ne.id == msg.id {
		ne.take(msg.note)
		return m, nil
	}
	if msg.gen != m.c.modalGen {
		// Something else opened while the note was read: it keeps the screen.
		m.status = statusMsg{text: fmt.Sprintf("The note of session %d was not opened: press e again to open it.", m.c.snap.Meeting.Sessions[session].Number)}
		return m, nil
	}
	if msg.note.Version.Exists {
		m.c.putNote(msg.id, msg.note)
	}
	ne := newNoteEditor(m.c, session, msg)
	m.push(ne)
	if msg.restored {
		// Restored text is saved like any edit, through conflict detection.
		return m, ne.changed()
	}
	return m, nil
}

// Flush saves the note being edited, if it has changes, at once: for the
// end of the program, whatever ended it. On a conflict it saves beside.
func (m Model) Flush() error {
	ne := m.editor()
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
		return fmt.Errorf("the note of %s could not be saved: %w; the text is in the recovery journal", ne.id, err)
	}
	ne.c.journal.Remove(ne.id)
	return fmt.Errorf("the note of %s changed on disk; yours is saved as %s", ne.id, p)
}
