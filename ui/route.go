package ui

import tea "github.com/charmbracelet/bubbletea"

// searchGo opens what the search found: a session in the agenda, a note
// at its line (or, for those who do not write notes, the session with its
// notes in the detail), a delegation in its view, a country's card.
func (m *Model) searchGo(r searchResult) tea.Cmd {
	c := m.c
	switch r.kind {
	case foundSession:
		m.switchTo(viewAgenda)
		m.agenda.focusDetail = false
		m.agenda.selectSession(r.session)
	case foundNote:
		m.switchTo(viewAgenda)
		m.agenda.selectSession(r.session)
		if id := c.snap.Meeting.Sessions[r.session].ID; c.person == nil || c.person.MaySeeConfidential() {
			return openNoteAt(c, id, r.line)
		}
		m.agenda.focusDetail = true
		m.agenda.syncDetail()
	case foundDelegation:
		m.switchTo(viewDelegations)
		m.delegations.selectCode(r.code)
	case foundCountry:
		m.switchTo(viewScores)
		return m.scores.showCard(r.code)
	}
	m.layout()
	return nil
}
