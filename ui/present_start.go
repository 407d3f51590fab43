package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
)

// presentDeck shows the bundle's deck.
func (m *Model) presentDeck() tea.Cmd {
	if m.c.Snap.Deck == nil {
		return func() tea.Msg {
			return common.StatusMsg{Text: "This bundle has no deck.toml: p presents what is on screen."}
		}
	}
	m.push(presentation.NewPresentation(m.c, m.c.Snap.Deck, false))
	m.broadcast()
	return nil
}

// presentScreen shows what is on screen: the selected session, the
// ranking, the comparison or the card.
func (m *Model) presentScreen() tea.Cmd {
	s, ok := m.screen(m.active).Slide()
	if !ok {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Nothing to present here: select a session or open the scores (P presents the deck)."}
		}
	}
	m.push(presentation.NewPresentation(m.c, &deck.Deck{Slides: []deck.Slide{s}}, true))
	m.broadcast()
	return nil
}

// broadcast shows the room what a secretariat member presents: the slide
// on their screen, after every key. Someone else presenting keeps the room.
func (m *Model) broadcast() {
	p, ok := m.top().(*presentation.Presentation)
	if !ok || p.Follower || m.c.Room == nil || m.c.Person == nil || !m.c.MayPresent() {
		return
	}
	notice := ""
	if who, ok := m.c.Member.Present(m.c.Person.Name, p.Showing(), p.TakeOver); !ok {
		notice = who + " presents to the room; T takes over"
	}
	p.TakeOver = false
	if notice != p.Notice {
		p.Notice = notice
		p.Refoot()
	}
}
