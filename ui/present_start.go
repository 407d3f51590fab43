package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
)

// presentDeck shows the bundle's deck.
func (m *Model) presentDeck() tea.Cmd {
	if m.c.snap.Deck == nil {
		return func() tea.Msg {
			return statusMsg{text: "This bundle has no deck.toml: p presents what is on screen."}
		}
	}
	m.push(newPresentation(m.c, m.c.snap.Deck, false))
	m.broadcast()
	return nil
}

// presentScreen shows what is on screen: the selected session, the
// ranking, the comparison or the card.
func (m *Model) presentScreen() tea.Cmd {
	s, ok := m.slideOfScreen()
	if !ok {
		return func() tea.Msg {
			return statusMsg{text: "Nothing to present here: select a session or open the scores (P presents the deck)."}
		}
	}
	m.push(newPresentation(m.c, &deck.Deck{Slides: []deck.Slide{s}}, true))
	m.broadcast()
	return nil
}

// broadcast shows the room what a secretariat member presents: the slide
// on their screen, after every key. Someone else presenting keeps the room.
func (m *Model) broadcast() {
	p, ok := m.top().(*presentation)
	if !ok || p.follower || m.c.room == nil || m.c.person == nil || !m.c.mayPresent() {
		return
	}
	notice := ""
	if who, ok := m.c.member.Present(m.c.person.Name, p.showing(), p.takeOver); !ok {
		notice = who + " presents to the room; T takes over"
	}
	p.takeOver = false
	if notice != p.notice {
		p.notice = notice
		p.foot = p.footer()
	}
}

// slideOfScreen is the slide for what the active screen shows.
func (m *Model) slideOfScreen() (deck.Slide, bool) {
	c := m.c
	switch m.active {
	case viewAgenda:
		if i := m.agenda.selected(); i >= 0 {
			s := &c.snap.Meeting.Sessions[i]
			return deck.Slide{ID: "session", Kind: deck.Session, Session: s.ID, Title: s.Title}, true
		}
	case viewScores:
		e := c.currentEdition()
		if e == nil {
			return deck.Slide{}, false
		}
		sc := m.scores
		switch sc.mode {
		case modeCompare:
			title := c.snap.Scores.Index.Name + " " + e.ID + ": comparison"
			if sc.compare.title != "" {
				title = sc.compare.title + ": " + c.snap.Scores.Index.Name + " " + e.ID
			}
			return deck.Slide{ID: "compare", Kind: deck.Compare, Edition: e.ID, Countries: sc.compare.asked, Title: title}, true
		case modeCard:
			return deck.Slide{ID: "country", Kind: deck.Country, Edition: e.ID, Country: sc.card.code,
				Title: c.countryName(sc.card.code)}, true
		}
		s := deck.Slide{ID: "ranking", Kind: deck.Ranking, Edition: e.ID, Title: c.snap.Scores.Index.Name + " " + e.ID}
		if sc.sortBy > 0 {
			s.Measure = c.snap.Scores.Index.Measures()[sc.sortBy].ID
			s.Title += ": " + c.snap.Scores.Index.Measures()[sc.sortBy].Name
		}
		if sc.group != groupAll || sc.filter.query != "" {
			for _, r := range sc.rows {
				if !r.average {
					s.Countries = append(s.Countries, r.code)
				}
			}
		}
		return s, true
	}
	return deck.Slide{}, false
}
