package ui

import (
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// ShutdownMsg asks the program to quit at once: sent on SIGTERM, SIGHUP or
// SIGINT, when nobody may be there to answer a question. Flush, after the
// program ends, saves what is unsaved (or journals it, or says where it is).
type ShutdownMsg struct{}

// quit saves the note being edited, if it has changes, then quits.
func (m *Model) quit() tea.Cmd {
	if p := m.presentation(); p != nil && !p.Follower && m.c.Room != nil {
		// Quitting is leaving: no grace period as for a dropped connection.
		m.c.Room.StopPresenting(m.c.PersonID())
	}
	if ne := m.editor(); ne != nil && ne.Dirty() {
		return ne.Save(noteeditor.ThenQuit)
	}
	return tea.Quit
}

// toEditor routes an editor's message (timers, saves) to the editor in the
// stack, wherever it is; a save that ends after the editor closed still
// records the note.
func (m Model) toEditor(msg tea.Msg) (tea.Model, tea.Cmd) {
	ne := m.editor()
	if ne == nil {
		if s, ok := msg.(noteeditor.NoteSavedMsg); ok && s.Err == nil && s.Beside == "" && s.Disk == nil {
			m.c.PutNote(s.ID, s.Note())
			if s.Then == noteeditor.ThenQuit {
				return m, tea.Quit
			}
		}
		return m, nil
	}
	cmd, done := ne.Update(msg)
	if done {
		m.remove(ne)
	}
	return m, cmd
}

// rescued ends the rescue of an unsavable note: written or discarded,
// the program quits with the editor's text accounted for.
func (m Model) rescued(msg noteeditor.RescuedMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		if top := m.top(); top != nil {
			top.Update(msg) // the rescue says why, and asks again
		}
		return m, nil
	}
	if ne := m.editor(); ne != nil {
		ne.SavedGen = ne.Gen // nothing left to save: Flush leaves it
		ne.RescuedTo = msg.Path
	}
	return m, tea.Quit
}

// remove closes a modal wherever it is in the stack.
func (m *Model) remove(md common.Modal) {
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
func (m Model) noteLoaded(msg noteeditor.NoteLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		m.status = common.StatusMsg{Text: "cannot read the note: " + msg.Err.Error(), Err: true}
		return m, nil
	}
	session := m.c.Snap.Meeting.SessionIndex(msg.ID)
	if session < 0 {
		return m, nil
	}
	if ne := m.editor(); ne != nil && ne.ID == msg.ID {
		ne.Take(msg.Note)
		return m, nil
	}
	if msg.Gen != m.c.ModalGen {
		// Something else opened while the note was read: it keeps the screen.
		m.status = common.StatusMsg{Text: fmt.Sprintf("The note of session %d was not opened: press e again to open it.", m.c.Snap.Meeting.Sessions[session].Number)}
		return m, nil
	}
	if msg.Note.Version.Exists {
		m.c.PutNote(msg.ID, msg.Note)
	}
	ne := noteeditor.NewNoteEditor(m.c, session, msg)
	if by := m.c.ServedBy(); by != "" {
		ne.ReadOnly = by // the room's rapporteurs write it
	}
	if r := m.c.Room; r != nil {
		// One writer a note: others see it live, read-only.
		if holder, ok := r.Lock(msg.ID, m.c.PersonID()); !ok {
			ne.ReadOnly = holder
		}
	}
	m.push(ne)
	if msg.Restored != nil {
		// Restored text is saved like any edit, through conflict detection.
		return m, ne.Changed()
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
	if ne.RescuedTo != "" {
		return fmt.Errorf("the note of %s could not be saved; your text is in %s", ne.ID, ne.RescuedTo)
	}
	if !ne.Dirty() {
		return nil
	}
	text := noteeditor.FileText(ne.Ed.Value())
	forget := noteeditor.ForgetJournals(m.c.Journal, ne.ID, ne.Adopted)
	var saveErr error
	if ne.Conflict == nil {
		if _, saveErr = m.c.Notes.Save(ne.ID, text, ne.Base); saveErr == nil {
			forget()
			return nil
		}
	}
	if ne.Conflict != nil || errors.Is(saveErr, agenda.ErrConflict) {
		p, err := m.c.Notes.SaveBeside(ne.ID, text, m.c.Wall().In(m.c.Snap.Meeting.Location))
		if err == nil {
			forget()
			return fmt.Errorf("the note of %s changed on disk; yours is saved as %s", ne.ID, p)
		}
		saveErr = err
	}
	e := agenda.Entry{Session: ne.ID, Text: text, Base: ne.Base, At: m.c.Wall()}
	jerr := m.c.Journal.Write(e)
	if jerr == nil {
		return fmt.Errorf("the note of %s could not be saved (%w); your text is in the recovery journal %s, and the next start offers it", ne.ID, saveErr, m.c.Journal.Path(ne.ID))
	}
	f, err := os.CreateTemp("", "plenary-"+ne.ID+"-*.md")
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			return fmt.Errorf("the note of %s could not be saved (%w) nor journalled (%v); your text is in %s", ne.ID, saveErr, jerr, f.Name())
		}
	}
	return fmt.Errorf("the note of %s could not be saved (%w), journalled (%v) or written to a temporary file (%v); here it is:\n%s", ne.ID, saveErr, jerr, err, text)
}
