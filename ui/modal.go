package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

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

// top is the modal that owns the keyboard, or nil.
func (m *Model) top() modal {
	if len(m.modals) == 0 {
		return nil
	}
	return m.modals[len(m.modals)-1]
}

// push opens md on top.
func (m *Model) push(md modal) {
	m.modals = append(m.modals, md)
	m.c.modalGen++
	m.layout()
}

// pushUnder opens md beneath the modals already open, for what was found
// rather than asked for (unsaved notes at start): it shows when they close.
func (m *Model) pushUnder(md modal) {
	m.modals = append([]modal{md}, m.modals...)
	m.layout()
}

// pop closes the top modal and lets the views know what it changed.
func (m *Model) pop() {
	md := m.top()
	m.modals = m.modals[:len(m.modals)-1]
	if p, ok := md.(*presentation); ok && !p.follower && m.c.room != nil {
		m.c.room.StopPresenting(m.c.personID())
	}
	if ne, ok := md.(*noteEditor); ok {
		if m.c.room != nil && ne.readOnly == "" {
			m.c.room.Unlock(ne.id, m.c.personID())
		}
		m.agenda.noteChanged()
		m.notes.rebuild()
		for _, md := range m.modals {
			if v, ok := md.(*minutesView); ok {
				v.layout() // the minutes show the note as it is now
			}
		}
	}
	m.layout()
}

// editor is the note editor in the stack, or nil.
func (m *Model) editor() *noteEditor {
	for _, md := range m.modals {
		if ne, ok := md.(*noteEditor); ok {
			return ne
		}
	}
	return nil
}

// presentation is the presentation in the stack, or nil.
func (m *Model) presentation() *presentation {
	for _, md := range m.modals {
		if p, ok := md.(*presentation); ok {
			return p
		}
	}
	return nil
}

// sizeModal gives a modal the room its placement takes.
func (m *Model) sizeModal(md modal) {
	switch md.place() {
	case placeScreen:
		md.setSize(m.width, m.height)
	case placeScreenHelp:
		md.setSize(m.width, m.height-1)
	case placeBody:
		md.setSize(m.width, m.bodyHeight())
	case placeStatus:
		md.setSize(m.width, 1)
	}
}
