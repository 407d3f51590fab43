package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/modals/searchpage"
)

// searchGo opens what the search found: a session in the agenda, a note
// at its line (or, for those who do not write notes, the session with its
// notes in the detail), a delegation in its view, a country's card.
func (m *Model) searchGo(r searchpage.SearchResult) tea.Cmd {
	c := m.c
	switch r.Kind {
	case searchpage.FoundSession:
		m.switchTo(viewAgenda)
		// Wide, the detail is beside the list; narrow, it is opened.
		m.agenda.ShowSession(r.Session, m.agenda.Narrow())
	case searchpage.FoundNote:
		m.switchTo(viewAgenda)
		m.agenda.SelectSession(r.Session)
		if id := c.Snap.Meeting.Sessions[r.Session].ID; c.Person == nil || c.Person.MaySeeConfidential() {
			return noteeditor.OpenNoteAt(c, id, r.Line)
		}
		m.agenda.ShowSession(r.Session, true)
	case searchpage.FoundDelegation:
		m.switchTo(viewDelegations)
		m.delegations().SelectCode(r.Code)
	case searchpage.FoundCountry:
		m.switchTo(viewScores)
		return m.scores().ShowCard(r.Code)
	}
	m.Layout()
	return nil
}
