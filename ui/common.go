package ui

import (
	"time"

	"codeberg.org/plenary/plenary/agenda"
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
	edition int             // the edition shown, index into scores.Editions
	marked  map[string]bool // countries marked in the Scores view
	// session is the session selected in the agenda, or -1.
	session func() int
}

// currentEdition returns the edition on screen, or nil without scores.
func (c *common) currentEdition() *data.Edition {
	if c.scores == nil || len(c.scores.Editions) == 0 {
		return nil
	}
	return c.scores.Editions[c.edition]
}

// countryName names a country code, the average code or a delegation.
func (c *common) countryName(code string) string {
	if c.scores != nil && code == c.scores.Index.AverageCode {
		return "OECD average"
	}
	if d, ok := c.meeting.Delegation(code); ok {
		return d.Name
	}
	if n, ok := data.CountryName(code); ok {
		return n
	}
	return code
}
