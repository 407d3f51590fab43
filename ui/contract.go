package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// screen is what every view implements, so the root can route, resize and
// gather help in one place.
type screen interface {
	update(tea.Msg) tea.Cmd
	view() string
	setSize(w, h int)
	capturing() bool // a text input has the keyboard
	shortHelp() []key.Binding
	fullHelp() [][]key.Binding
}

// modal is a screen that opens over the views and owns the keyboard while
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
type modal interface {
	update(msg tea.Msg) (cmd tea.Cmd, done bool)
	view() string
	setSize(w, h int)
	place() placement
	// capturing reports that every key is input (text being typed), so
	// the root's q and ? do not apply.
	capturing() bool
	shortHelp() []key.Binding
	fullHelp() [][]key.Binding
}

// placement is where a modal draws.
type placement int

const (
	placeScreen     placement = iota // the whole terminal
	placeScreenHelp                  // the whole terminal but the help line
	placeBody                        // between the header and the footer
	placeStatus                      // the status line, over the view beneath
)
