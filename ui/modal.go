package ui

import (
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
	"codeberg.org/plenary/plenary/ui/views/notesview"
)

// top is the modal that owns the keyboard, or nil.
func (m *Model) top() common.Modal {
	if len(m.modals) == 0 {
		return nil
	}
	return m.modals[len(m.modals)-1]
}

// push opens md on top.
func (m *Model) push(md common.Modal) {
	m.modals = append(m.modals, md)
	m.c.ModalGen++
	m.Layout()
}

// pushUnder opens md beneath the modals already open, for what was found
// rather than asked for (unsaved notes at start): it shows when they close.
func (m *Model) pushUnder(md common.Modal) {
	m.modals = append([]common.Modal{md}, m.modals...)
	m.Layout()
}

// pop closes the top modal and lets the views know what it changed.
func (m *Model) pop() {
	md := m.top()
	m.modals = m.modals[:len(m.modals)-1]
	if p, ok := md.(*presentation.Presentation); ok && !p.Follower && m.c.Room != nil {
		m.c.Room.StopPresenting(m.c.PersonID())
	}
	if ne, ok := md.(*noteeditor.NoteEditor); ok {
		if m.c.Room != nil && ne.ReadOnly == "" {
			m.c.Room.Unlock(ne.Id, m.c.PersonID())
		}
		m.agenda.NoteChanged()
		m.notes.Rebuild()
		for _, md := range m.modals {
			if v, ok := md.(*notesview.MinutesView); ok {
				v.Layout() // the minutes show the note as it is now
			}
		}
	}
	m.Layout()
}

// editor is the note editor in the stack, or nil.
func (m *Model) editor() *noteeditor.NoteEditor {
	for _, md := range m.modals {
		if ne, ok := md.(*noteeditor.NoteEditor); ok {
			return ne
		}
	}
	return nil
}

// presentation is the presentation in the stack, or nil.
func (m *Model) presentation() *presentation.Presentation {
	for _, md := range m.modals {
		if p, ok := md.(*presentation.Presentation); ok {
			return p
		}
	}
	return nil
}

// sizeModal gives a modal the room its placement takes.
func (m *Model) sizeModal(md common.Modal) {
	switch md.Place() {
	case common.PlaceScreen:
		md.SetSize(m.width, m.height)
	case common.PlaceScreenHelp:
		md.SetSize(m.width, m.height-1)
	case common.PlaceBody:
		md.SetSize(m.width, m.bodyHeight())
	case common.PlaceStatus:
		md.SetSize(m.width, 1)
	}
}
