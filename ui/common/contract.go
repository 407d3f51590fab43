package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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
}

// Modal is a screen that opens over the views and owns the keyboard while
// it is on top: the note editor, the presentation, the recovery offer, the
// export prompt, the help page (and, later, following a presenter or the
// chair's panel). The root keeps them in one stack that Update, View,
// sizing and help all consult the same way: the top one gets every key
// and draws in its place; closing it shows the one below.
//
// Events from outside (a reload, a note changed elsewhere, a saved note)
// reach every modal in the stack that cares, and the screens beneath; they
// update the data and never open, close or cover a modal. A modal asked
// for in a command (the editor, once its note is read) opens only when no
// other modal was opened since it was asked for.
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
}

// Placement is where a modal draws.
type Placement int

const (
	PlaceScreen     Placement = iota // the whole terminal
	PlaceScreenHelp                  // the whole terminal but the help line
	PlaceBody                        // between the header and the footer
	PlaceStatus                      // the status line, over the view beneath
)
