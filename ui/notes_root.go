package ui

import (
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
)

// ShutdownMsg asks the program to quit at once: sent on SIGTERM, SIGHUP or
// SIGINT, when nobody may be there to answer a question. Flush, after the
// program ends, saves what is unsaved (or journals it, or says where it is).
type ShutdownMsg struct{}

// quit saves the note being edited, if it has changes, then quits.
func (m *Model) quit() tea.Cmd {
	if p := m.presentation(); p != nil && !p.follower && m.c.room != nil {
		// Quitting is leaving: no grace period as for a dropped connection.
		m.c.room.StopPresenting(m.c.personID())
	}
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

// rescued ends the rescue of an unsavable note: written or discarded,
// the program quits with the editor's text accounted for.
func (m Model) rescued(msg rescuedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		if r, ok := m.top().(*rescue); ok {
			r.update(msg)
		}
		return m, nil
	}
	if ne := m.editor(); ne != nil {
		ne.savedGen = ne.gen // nothing left to save: Flush leaves it
		ne.rescuedTo = msg.path
	}
	return m, tea.Quit
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
	if by := m.c.servedBy(); by != "" {
		ne.readOnly = by // the room's rapporteurs write it
	}
	if r := m.c.room; r != nil {
		// One writer a note: others see it live, read-only.
		if holder, ok := r.Lock(msg.id, m.c.personID()); !ok {
			ne.readOnly = holder
		}
	}
	m.push(ne)
	if msg.restored != nil {
		// Restored text is saved like any edit, through conflict detection.
		return m, ne.changed()
	}
	return m, nil
}

// Flush saves the note being edited, if it has changes, at once: for the
// end of the program, whatever ended it (q, a signal, a lost terminal). On
// a conflict it saves beside. When the note cannot be saved the text goes
// to the recovery journal, else to a temporary file, else into the error
// itself: it is never lost silently, and the error says where it is.
func (m Model) Flush() error {
	ne := m.editor()
	if ne == nil {
		return nil
	}
	if ne.rescuedTo != "" {
		return fmt.Errorf("the note of %s could not be saved; your text is in %s", ne.id, ne.rescuedTo)
	}
	if !ne.dirty() {
		return nil
	}
	text := fileText(ne.ed.Value())
	forget := forgetJournals(ne.c.journal, ne.id, ne.adopted)
	var saveErr error
	if ne.conflict == nil {
		if _, saveErr = ne.c.notes.Save(ne.id, text, ne.base); saveErr == nil {
			forget()
			return nil
		}
	}
	if ne.conflict != nil || errors.Is(saveErr, agenda.ErrConflict) {
		p, err := ne.c.notes.SaveBeside(ne.id, text, ne.c.wall().In(ne.c.snap.Meeting.Location))
		if err == nil {
			forget()
			return fmt.Errorf("the note of %s changed on disk; yours is saved as %s", ne.id, p)
		}
		saveErr = err
	}
	e := agenda.Entry{Session: ne.id, Text: text, Base: ne.base, At: ne.c.wall()}
	jerr := ne.c.journal.Write(e)
	if jerr == nil {
		return fmt.Errorf("the note of %s could not be saved (%w); your text is in the recovery journal %s, and the next start offers it", ne.id, saveErr, ne.c.journal.Path(ne.id))
	}
	f, err := os.CreateTemp("", "plenary-"+ne.id+"-*.md")
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			return fmt.Errorf("the note of %s could not be saved (%w) nor journalled (%v); your text is in %s", ne.id, saveErr, jerr, f.Name())
		}
	}
	return fmt.Errorf("the note of %s could not be saved (%w), journalled (%v) or written to a temporary file (%v); here it is:\n%s", ne.id, saveErr, jerr, err, text)
}
