package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
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
		select {
		case <-m.Wake():
			return roomMsg{state: m.Room().State()}
		case <-m.Left():
			return nil // the program has ended
		}
	}
}

// followRoom shows the presenter's slide: in the follower's view when it is
// open, opening it when nothing else is (a filter being typed in or a
// dialog is never covered: the slide waits, and F catches up).
func (m *Model) followRoom(sh *room.Showing) {
	var f *presentation.Presentation
	var pv *presentation.PresenterView
	for _, md := range m.modals {
		if p, ok := md.(*presentation.Presentation); ok && p.Follower {
			f = p
		}
		if v, ok := md.(*presentation.PresenterView); ok {
			pv = v
		}
	}
	presenting := false
	if p := m.presentation(); p != nil && !p.Follower {
		presenting = true // this program is the one presenting
	}
	switch {
	case sh != nil && sh.Presenter == m.c.PersonID() && sh.Away && !presenting && !m.joined && m.top() == nil:
		m.resume(sh)
	case sh == nil && pv != nil:
		m.remove(pv)
	case sh == nil && f != nil:
		m.remove(f)
		m.status = common.StatusMsg{Text: "The presentation ended."}
	case sh != nil && sh.Presenter == m.c.PersonID() && !presenting:
		// The presenter's other session: the presenter view.
		if pv != nil {
			pv.Follow(sh)
		} else if m.top() == nil {
			m.push(presentation.NewPresenterView(m.c, sh))
		}
	case sh != nil && sh.Presenter != m.c.PersonID() && presenting:
		if p := m.presentation(); p != nil {
			p.Notice = sh.Name + " took over the room; T takes it back"
			p.Refoot()
		}
	case sh == nil || sh.Presenter == m.c.PersonID():
	case f != nil:
		f.Follow(sh)
	case !m.unfollowed && m.top() == nil && !m.screen(m.active).Capturing():
		m.push(presentation.NewFollower(m.c, sh))
	default:
		m.status = common.StatusMsg{Text: sh.Name + " presents to the room: F follows."}
	}
}

// resume takes the room's presentation into this program at the slide it
// had reached: its presenter came back after a dropped connection.
func (m *Model) resume(sh *room.Showing) {
	p := presentation.NewFollower(m.c, sh)
	p.Follower, p.Lead, p.Adhoc = false, nil, p.Deck != m.c.Snap.Deck
	m.unfollowed = false
	m.push(p)
	m.broadcast()
	p.Notice = fmt.Sprintf("Welcome back: your presentation goes on at slide %d/%d", sh.Index+1, sh.Count)
	p.Refoot()
}

// roomChanged takes the room's new state: a bundle read again (or the
// banner of a broken one), notes saved by others, locks.
func (m Model) roomChanged(msg roomMsg) (tea.Model, tea.Cmd) {
	st := msg.state
	next := waitForRoom(m.c.Member)
	// Laid out again only when the bundle or its banner changed: a slide
	// change or a lock reaches hundreds of programs at once.
	relayout := false
	var cmd tea.Cmd
	if p := st.People[m.c.PersonID()]; p != nil && m.c.Person != nil && !p.Same(m.c.Person) {
		cmd = m.personChanged(p)
		relayout = true
	}
	switch {
	case st.Banner != "":
		b := bannerText(st.Banner, st.Snapshot)
		relayout = m.banner != b
		if relayout && !m.status.Err {
			m.status = common.StatusMsg{} // "Bundle fixed" would contradict the banner
		}
		m.banner = b
	case m.banner != "":
		m.banner, relayout = "", true
		m.status = common.StatusMsg{Text: "Bundle fixed: showing the new data."}
	}
	if st.AccessProblem != m.accessProblem {
		m.accessProblem, relayout = st.AccessProblem, true // in the banner (bannerText)
	}
	if st.Snapshot != m.c.Snap {
		cmd = tea.Batch(cmd, m.apply(*st.Snapshot))
		m.c.Snap = st.Snapshot // the room's own: shared, never copied
		relayout = true
		m.floorMoved() // floors and attendance travel in the snapshot
	}
	if st.Clock != m.roomClock {
		m.roomClock = st.Clock // the rehearsal's clock, moved by the chair
		m.clockMoved()
	}
	m.followRoom(st.Showing)
	m.joined = true
	if ne := m.editor(); ne != nil && ne.ReadOnly != "" {
		if holder, held := st.Locks[ne.ID]; !held {
			ne.ReadOnly = ""
			if _, ok := m.c.Room.Lock(ne.ID, m.c.PersonID()); !ok {
				ne.ReadOnly = holder
			} else {
				ne.Err = "The note is free now: yours to write."
			}
		} else {
			ne.ReadOnly = holder
		}
	}
	if relayout {
		m.Layout()
	}
	return m, tea.Batch(cmd, next)
}

// personChanged takes who this program's person is now that access.toml
// changed: what they may see and do applies at once. A note they may no
// longer write is saved and closed; a presentation or a chair's panel
// they may no longer run is left.
func (m *Model) personChanged(p *room.Person) tea.Cmd {
	was := m.c.Person
	m.c.Person = p
	cmd := m.notify(common.PersonMsg{}) // what they may no longer run closes
	snap := m.c.Snap
	cmd = tea.Batch(cmd, m.apply(*snap)) // what they may read: notes, confidential lines
	m.c.Snap = snap
	m.floorMoved()
	what := "you are now a " + string(p.Role)
	if p.Role == was.Role {
		what = "what you may do changed"
	}
	m.status = common.StatusMsg{Text: "Your access changed: " + what + "."}
	return cmd
}
