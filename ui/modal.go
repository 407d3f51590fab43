package ui

import (
	"slices"

	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
	tea "github.com/charmbracelet/bubbletea"
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

// pop closes the top modal; one that holds something lets go of it.
func (m *Model) pop() {
	md := m.top()
	m.modals = m.modals[:len(m.modals)-1]
	if cl, ok := md.(common.Closer); ok {
		cl.Close()
	}
	m.Layout()
}

// notify tells every screen and every modal in the stack of a change (the
// broadcasts of package common), the same way; a modal that answers done
// may no longer stay, and is closed.
func (m *Model) notify(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, v := range views {
		if s := m.screens[v.v]; s != nil {
			cmds = append(cmds, s.Update(msg))
		}
	}
	for _, md := range slices.Clone(m.modals) {
		cmd, done := md.Update(msg)
		cmds = append(cmds, cmd)
		if done {
			m.remove(md)
		}
	}
	return tea.Batch(cmds...)
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
	case common.PlaceScreen, common.PlaceSlide:
		md.SetSize(m.width, m.height)
	case common.PlaceScreenHelp:
		md.SetSize(m.width, m.height-1)
	case common.PlaceBody:
		md.SetSize(m.width, m.bodyHeight())
	case common.PlaceStatus:
		md.SetSize(m.width, 1)
	}
}
