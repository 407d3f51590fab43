package ui

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/data"
)

// common is the context every screen shares: what is shown, how to draw it
// and what time it is. The root owns it; screens read it.
type common struct {
	theme   *Theme
	keys    KeyMap
	now     func() time.Time
	meeting *agenda.Meeting

	scores  *data.Dataset   // nil when the bundle has no scores
	deck    *deck.Deck      // nil when the bundle has no deck
	edition int             // the edition shown, index into scores.Editions
	marked  map[string]bool // countries marked in the Scores view
	// session is the session selected in the agenda, or -1.
	session func() int

	notes   agenda.NoteStore       // where notes are saved
	journal agenda.Journal         // unsaved typing, for recovery
	texts   map[string]agenda.Note // notes as last read or saved, by session id
	stars   agenda.Stars
	starred map[string]bool
	// wall is the real clock, for save times; now is the meeting clock.
	wall func() time.Time

	// Star saves run in commands that may finish in any order: the newest
	// set is written last.
	starsMu      sync.Mutex
	starsGen     int
	starsWritten int
}

// saveStars writes the starred set in a command.
func (c *common) saveStars() tea.Cmd {
	if c.stars.Path == "" {
		return nil
	}
	c.starsGen++
	gen, set := c.starsGen, make(map[string]bool, len(c.starred))
	for k, v := range c.starred {
		set[k] = v
	}
	return func() tea.Msg {
		c.starsMu.Lock()
		defer c.starsMu.Unlock()
		if gen < c.starsWritten {
			return nil // a newer set is on disk already
		}
		c.starsWritten = gen
		return starsSavedMsg{err: c.stars.Save(set)}
	}
}

// currentEdition returns the edition on screen, or nil without scores.
func (c *common) currentEdition() *data.Edition {
	if c.scores == nil || len(c.scores.Editions) == 0 {
		return nil
	}
	return c.scores.Editions[c.edition]
}

// countryName names a delegation or a country code. (The average row of
// the scores is named by the screens that show it: its code, OECD, is also
// the Secretariat's.)
func (c *common) countryName(code string) string {
	if d, ok := c.meeting.Delegation(code); ok {
		return d.Name
	}
	if n, ok := data.CountryName(code); ok {
		return n
	}
	return code
}
