package ui

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
