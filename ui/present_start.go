package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
	"codeberg.org/plenary/plenary/ui/views/scoresview"
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
	s, ok := m.slideOfScreen()
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
		p.Foot = p.Footer()
	}
}

// slideOfScreen is the slide for what the active screen shows.
func (m *Model) slideOfScreen() (deck.Slide, bool) {
	c := m.c
	switch m.active {
	case viewAgenda:
		if i := m.agenda.Selected(); i >= 0 {
			s := &c.Snap.Meeting.Sessions[i]
			return deck.Slide{ID: "session", Kind: deck.Session, Session: s.ID, Title: s.Title}, true
		}
	case viewScores:
		e := c.CurrentEdition()
		if e == nil {
			return deck.Slide{}, false
		}
		sc := m.scores
		switch sc.Mode {
		case scoresview.ModeCompare:
			title := c.Snap.Scores.Index.Name + " " + e.ID + ": comparison"
			if sc.Compare.Title != "" {
				title = sc.Compare.Title + ": " + c.Snap.Scores.Index.Name + " " + e.ID
			}
			return deck.Slide{ID: "compare", Kind: deck.Compare, Edition: e.ID, Countries: sc.Compare.Asked, Title: title}, true
		case scoresview.ModeCard:
			return deck.Slide{ID: "country", Kind: deck.Country, Edition: e.ID, Country: sc.Card.Code,
				Title: c.CountryName(sc.Card.Code)}, true
		}
		s := deck.Slide{ID: "ranking", Kind: deck.Ranking, Edition: e.ID, Title: c.Snap.Scores.Index.Name + " " + e.ID}
		if sc.SortBy > 0 {
			s.Measure = c.Snap.Scores.Index.Measures()[sc.SortBy].ID
			s.Title += ": " + c.Snap.Scores.Index.Measures()[sc.SortBy].Name
		}
		if sc.Group != scoresview.GroupAll || sc.Filter.Query != "" {
			for _, r := range sc.Rows {
				if !r.Average {
					s.Countries = append(s.Countries, r.Code)
				}
			}
		}
		return s, true
	}
	return deck.Slide{}, false
}
