package ui

import (
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// common is the context every screen shares: what is shown, how to draw it
// and what time it is. The root owns it; screens read it.
type common struct {
	theme   *Theme
	keys    KeyMap
	now     func() time.Time
	meeting *agenda.Meeting
}
