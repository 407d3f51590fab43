package ui

import (
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/room"
)

// roomMsg carries the room's state when it changed: another program saved
// a note, a lock was taken or freed, the bundle was read again.
type roomMsg struct{ state *room.State }

// waitForRoom waits for the room to change and reads its newest state. It
// is this program's own goroutine: the room only signals, never waits.
func waitForRoom(m *room.Member) tea.Cmd {
	if m == nil {
		return nil
	}
	return func() tea.Msg {
		<-m.Wake()
		return roomMsg{state: m.Room().State()}
	}
}

// followRoom shows the presenter's slide: in the follower's view when it is
// open, opening it when nothing else is (a filter being typed in or a
// dialog is never covered: the slide waits, and F catches up).
func (m *Model) followRoom(sh *room.Showing) {
	var f *presentation
	var pv *presenterView
	for _, md := range m.modals {
		if p, ok := md.(*presentation); ok && p.follower {
			f = p
		}
		if v, ok := md.(*presenterView); ok {
			pv = v
		}
	}
	presenting := false
	if p := m.presentation(); p != nil && !p.follower {
		presenting = true // this program is the one presenting
	}
	switch {
	case sh != nil && sh.Presenter == m.c.personID() && sh.Away && !presenting && !m.joined && m.top() == nil:
		m.resume(sh)
	case sh == nil && pv != nil:
		m.remove(pv)
	case sh == nil && f != nil:
		m.remove(f)
		m.status = statusMsg{text: "The presentation ended."}
	case sh != nil && sh.Presenter == m.c.personID() && !presenting:
		// The presenter's other session: the presenter view.
		if pv != nil {
			pv.follow(sh)
		} else if m.top() == nil {
			m.push(newPresenterView(m.c, sh))
		}
	case sh != nil && sh.Presenter != m.c.personID() && presenting:
		if p := m.presentation(); p != nil {
			p.notice = sh.Name + " took over the room; T takes it back"
			p.foot = p.footer()
		}
	case sh == nil || sh.Presenter == m.c.personID():
	case f != nil:
		f.follow(sh)
	case !m.unfollowed && m.top() == nil && !m.screens[m.active].capturing():
		m.push(newFollower(m.c, sh))
	default:
		m.status = statusMsg{text: sh.Name + " presents to the room: F follows."}
	}
}

// resume takes the room's presentation into this program at the slide it
// had reached: its presenter came back after a dropped connection.
func (m *Model) resume(sh *room.Showing) {
	p := newFollower(m.c, sh)
	p.follower, p.lead, p.adhoc = false, nil, p.deck != m.c.snap.Deck
	m.unfollowed = false
	m.push(p)
	m.broadcast()
	p.notice = fmt.Sprintf("Welcome back: your presentation goes on at slide %d/%d", sh.Index+1, sh.Count)
	p.foot = p.footer()
}

// roomChanged takes the room's new state: a bundle read again (or the
// banner of a broken one), notes saved by others, locks.
func (m Model) roomChanged(msg roomMsg) (tea.Model, tea.Cmd) {
	st := msg.state
	next := waitForRoom(m.c.member)
	// Laid out again only when the bundle or its banner changed: a slide
	// change or a lock reaches hundreds of programs at once.
	relayout := false
	var cmd tea.Cmd
	if p := st.People[m.c.personID()]; p != nil && m.c.person != nil && !p.Same(m.c.person) {
		cmd = m.personChanged(p)
		relayout = true
	}
	switch {
	case st.Banner != "":
		b := bannerText(st.Banner, st.Snapshot)
		relayout = m.banner != b
		if relayout && !m.status.err {
			m.status = statusMsg{} // "Bundle fixed" would contradict the banner
		}
		m.banner = b
	case m.banner != "":
		m.banner, relayout = "", true
		m.status = statusMsg{text: "Bundle fixed: showing the new data."}
	}
	if st.AccessProblem != m.accessProblem {
		m.accessProblem, relayout = st.AccessProblem, true // in the banner (bannerText)
	}
	if st.Snapshot != m.c.snap {
		m.apply(*st.Snapshot)
		m.c.snap = st.Snapshot // the room's own: shared, never copied
		relayout = true
		m.floorMoved() // floors and attendance travel in the snapshot
	}
	m.followRoom(st.Showing)
	m.joined = true
	if ne := m.editor(); ne != nil && ne.readOnly != "" {
		if holder, held := st.Locks[ne.id]; !held {
			ne.readOnly = ""
			if _, ok := m.c.room.Lock(ne.id, m.c.personID()); !ok {
				ne.readOnly = holder
			} else {
				ne.err = "The note is free now: yours to write."
			}
		} else {
			ne.readOnly = holder
		}
	}
	if relayout {
		m.layout()
	}
	return m, tea.Batch(cmd, next)
}

// personChanged takes who this program's person is now that access.toml
// changed: what they may see and do applies at once. A note they may no
// longer write is saved and closed; a presentation or a chair's panel
// they may no longer run is left.
func (m *Model) personChanged(p *room.Person) tea.Cmd {
	was := m.c.person
	m.c.person = p
	var cmd tea.Cmd
	for _, md := range slices.Clone(m.modals) {
		switch md := md.(type) {
		case *noteEditor:
			if md.readOnly != "" || p.MayEdit(md.id) {
				continue
			}
			md.revoked = "Your access changed: you no longer write this note. It is saved and closed."
			md.err = md.revoked
			if md.dirty() {
				if !md.saving {
					cmd = md.save(thenClose)
				}
			} else {
				m.remove(md)
			}
		case *presentation:
			if !md.follower && !p.MayPresent() {
				m.remove(md)
			}
		case *presenterView:
			if !p.MayPresent() {
				m.remove(md)
			}
		case *chairPanel:
			if !p.MayChair() {
				m.remove(md)
			}
		}
	}
	snap := m.c.snap
	m.apply(*snap) // what they may read: notes, confidential lines
	m.c.snap = snap
	m.floorMoved()
	what := "you are now a " + string(p.Role)
	if p.Role == was.Role {
		what = "what you may do changed"
	}
	m.status = statusMsg{text: "Your access changed: " + what + "."}
	return cmd
}
