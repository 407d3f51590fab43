package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
)

// Screen is what every view implements, so the root can route, resize and
// gather help in one place.
type Screen interface {
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Capturing() bool // a text input has the keyboard
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Selection is what y copies as text, and its name for the status
	// line; "" when nothing is selected.
	Selection() (what, text string)
	// Slide is what p presents of the view, when something is selected.
	Slide() (deck.Slide, bool)
}

// Modal is a screen that opens over the views and owns the keyboard while
// it is on top: the note editor, the presentation, the recovery offer, the
// export prompt, the help page, the follower's slides, the chair's panel,
// search. The root keeps them in one stack that Update, View, sizing and
// help all consult the same way: the top one gets every key and draws in
// its place; closing it shows the one below.
//
// Changes from outside (the broadcasts below) reach every modal in the
// stack and every screen beneath, the same way. A modal asked for in a
// command (the editor, once its note is read) opens only when no other
// modal was opened since it was asked for.
type Modal interface {
	Update(msg tea.Msg) (cmd tea.Cmd, done bool)
	View() string
	SetSize(w, h int)
	Place() Placement
	// Capturing reports that every key is input (text being typed), so
	// the root's q and ? do not apply.
	Capturing() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Title names it on its help page.
	Title() string
}

// Closer is a modal that lets go of something when it closes, however it
// closes (a key, a change of access, the program quitting): a note's lock,
// the room's presentation.
type Closer interface {
	Close()
}

// Placement is where a modal draws.
type Placement int

const (
	PlaceScreen     Placement = iota // the whole terminal
	PlaceScreenHelp                  // the whole terminal but the help line
	PlaceBody                        // between the header and the footer
	PlaceStatus                      // the status line, over the view beneath
	// PlaceSlide is the whole terminal for a slide: a broken bundle is
	// marked in its footer, and its title stays (a banner covers the first
	// line of the others).
	PlaceSlide
)

// HelpMsg asks the root for a help page of these keys.
type HelpMsg struct {
	Title string
	Keys  [][]key.Binding
}

// UnfollowMsg: the person left the room's presentation; they follow again
// with F, not with the next slide.
type UnfollowMsg struct{}

// The broadcasts: changes the root tells every screen and every modal in
// the stack, in the Update in which they happen, the same way. They bring
// what is drawn up to date and never open or cover anything; a modal that
// may no longer stay (PersonMsg) answers done and is closed.
type (
	// ClockMsg: the meeting clock moved (a second passed, or a
	// rehearsal's > and <).
	ClockMsg struct{}
	// SnapshotMsg: the bundle's data was replaced (Common.Snap), by a
	// reload or the room; Old is the one drawn until now, to keep
	// selections by id.
	SnapshotMsg struct{ Old *room.Snapshot }
	// FloorMsg: a floor record or the attendance changed.
	FloorMsg struct{}
	// FloorSavedMsg: the chair's record of Session was written, or not:
	// Problem says why, short, the cause first ("" when saved).
	FloorSavedMsg struct{ Session, Problem string }
	// PersonMsg: what this program's person may do changed
	// (Common.Person, read again from access.toml).
	PersonMsg struct{}
	// BannerMsg: the banner changed (Common.Banner): a broken bundle, or
	// fixed.
	BannerMsg struct{}
	// NoteClosedMsg: the note editor closed; what shows notes shows them
	// as they are now.
	NoteClosedMsg struct{}
)
