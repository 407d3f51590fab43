package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/chairpanel"
	"codeberg.org/plenary/plenary/ui/views/delegationsview"
)

// The floor: who speaks and who waits in the session the chair runs. The
// records live in the snapshot (shared by the room); a change is made on a
// copy, put in place for every program, and saved in a command.

// floorSavedMsg reports a floor record written (or not).
type floorSavedMsg struct {
	session string
	err     error
	kept    string     // a record another program wrote, kept beside
	sent    *floor.Log // the record saved (a local program's)
	written *floor.Log // and as written, with its version
	// disk: another plenary wrote the record since it was read; redo makes
	// the change again on it.
	disk *floor.Log
	redo func(l *floor.Log) error
}

// attend toggles a delegation's presence today, for everyone, and saves it.
func (m *Model) attend(code string) tea.Cmd {
	if by := m.c.ServedBy(); by != "" {
		return common.ServedRefusal(by)
	}
	day := m.c.AttendanceDay()
	var present bool
	toggle := func(a floor.Attendance) {
		present = !a.Present(day, code)
		a.Set(day, code, present)
	}
	var a, before floor.Attendance
	if m.c.Room != nil {
		a, before = m.c.Room.ChangeAttendance(m.c.PersonID(), toggle)
	} else {
		before = m.c.Snap.Present
		a = before.Clone()
		toggle(a)
	}
	m.c.Snap = m.c.Snap.WithAttendance(a)
	if d, ok := m.screens[viewDelegations].(*delegationsview.DelegationsScreen); ok {
		d.Render()
	}
	state := "absent"
	if present {
		state = "present"
	}
	m.status = common.StatusMsg{Text: fmt.Sprintf("%s %s on %s.", m.c.DelegationName(code), state, day)}
	store := m.c.Floor
	if store.Dir == "" {
		return nil
	}
	codes, saving := m.c.Snap.Meeting.Codes(), m.c.Saving
	if m.c.Room != nil {
		saving = m.c.Room.Saving
	}
	return func() tea.Msg {
		// This change is written onto the file as it is now: marks made
		// meanwhile by another program (or a command of this one) stay.
		err := saving(func() error {
			_, err := store.SaveAttendance(a, before, codes)
			return err
		})
		if err != nil {
			return common.StatusMsg{Text: "the attendance was not saved: " + err.Error(), Err: true}
		}
		return nil
	}
}

// floorSession is the session whose floor is live: the one the chair
// opened, else the one selected in the agenda.
func (m *Model) floorSession() int {
	mt := m.c.Snap.Meeting
	for i, s := range mt.Sessions {
		if l := m.c.Snap.Floors[s.ID]; l != nil && l.IsOpen() {
			return i
		}
	}
	return m.agenda.Selected()
}

// floorOf is the record of session i (empty when none is kept yet).
func (m *Model) floorOf(i int) *floor.Log {
	id := m.c.Snap.Meeting.Sessions[i].ID
	if l := m.c.Snap.Floors[id]; l != nil {
		return l
	}
	return &floor.Log{Session: id}
}

// changeFloor applies f to a copy of session i's record; when f accepts,
// the copy replaces the record for everyone and is saved.
func (m *Model) changeFloor(i int, f func(l *floor.Log) error) tea.Cmd {
	if by := m.c.ServedBy(); by != "" {
		return common.ServedRefusal(by)
	}
	var l *floor.Log
	if m.c.Room != nil {
		// Applied in the room, on its newest record, for everyone.
		var err error
		if l, err = m.c.Room.ChangeFloor(m.c.Snap.Meeting.Sessions[i].ID, m.c.PersonID(), f); err != nil {
			return func() tea.Msg { return common.StatusMsg{Text: err.Error(), Err: true} }
		}
	} else {
		c := m.floorOf(i).Clone()
		if err := f(&c); err != nil {
			return func() tea.Msg { return common.StatusMsg{Text: err.Error(), Err: true} }
		}
		l = &c
	}
	m.c.Snap = m.c.Snap.WithFloor(l)
	m.floorMoved()
	store, loc, at := m.c.Floor, m.c.Snap.Meeting.Location, m.c.Wall()
	if store.Dir == "" {
		return nil // nowhere to keep it (tests)
	}
	codes := m.c.Snap.Meeting.Codes()
	if rm := m.c.Room; rm != nil {
		return func() tea.Msg {
			// The room's newest record, one save at a time: of two saves
			// racing, the last written is the newest. A file another
			// program wrote meanwhile is kept beside, then the room's
			// record written: the room is the floor, and nothing is lost.
			var kept string
			err := rm.SaveFloor(l.Session, func(newest *floor.Log, base string) (string, error) {
				v, err := store.Save(newest, base, loc)
				if ch, ok := errors.AsType[*floor.ErrChanged](err); ok {
					if kept, err = store.KeepBeside(newest.Session, ch.Text, at); err != nil {
						return "", err
					}
					v, err = store.Save(newest, ch.Version, loc)
				}
				return v, err
			})
			return floorSavedMsg{session: l.Session, err: err, kept: kept}
		}
	}
	return func() tea.Msg {
		v, err := store.Save(l, l.Version, loc)
		ch, changed := errors.AsType[*floor.ErrChanged](err)
		if !changed {
			return floorSavedMsg{session: l.Session, err: err, sent: l, written: withVersion(l, v)}
		}
		if disk, _ := floor.Parse(floor.File(l.Session), string(ch.Text), codes); disk != nil && disk.Session == l.Session {
			// Another plenary wrote this record: the change is made again
			// on what it wrote (in Update, where f may run).
			disk.Version = ch.Version
			return floorSavedMsg{session: l.Session, sent: l, disk: disk, redo: f}
		}
		// What is on disk is no record: kept beside, this one written.
		kept, err := store.KeepBeside(l.Session, ch.Text, at)
		if err == nil {
			v, err = store.Save(l, ch.Version, loc)
		}
		return floorSavedMsg{session: l.Session, err: err, kept: kept, sent: l, written: withVersion(l, v)}
	}
}

// withVersion is l as written, version v ("" when nothing was).
func withVersion(l *floor.Log, v string) *floor.Log {
	if v == "" {
		return nil
	}
	c := l.Clone()
	c.Version = v
	return &c
}

// floorSaved takes a floor record's save: the version written (so that
// the next save starts from it), or the record another plenary wrote
// meanwhile, on which the change is made again; and says what went wrong.
func (m *Model) floorSaved(msg floorSavedMsg) tea.Cmd {
	cur := m.c.Snap.Floors[msg.session]
	i := m.c.Snap.Meeting.SessionIndex(msg.session)
	if msg.disk != nil {
		if cur != msg.sent || i < 0 {
			return nil // a newer change is on its way: it meets the file itself
		}
		m.c.Snap = m.c.Snap.WithFloor(msg.disk)
		m.floorMoved()
		cmd := m.changeFloor(i, msg.redo)
		m.status = common.StatusMsg{Text: fmt.Sprintf("The floor of session %d had been changed by another plenary on this bundle: your change is made on its record.", m.c.Snap.Meeting.Sessions[i].Number)}
		return cmd
	}
	problem := "" // the chair's panel's line: short, the cause first
	switch {
	case msg.err != nil:
		m.status = common.StatusMsg{Text: "the floor of " + msg.session + " was not saved: " + clean.Line(msg.err.Error()), Err: true}
		problem = "⚠ Not saved: " + clean.Line(msg.err.Error())
	case msg.kept != "":
		m.status = common.StatusMsg{Text: "The floor record of " + msg.session + " had been changed by another program: that version is kept as " + msg.kept + ", and this one written.", Err: true}
		problem = "⚠ Changed by another program: its version is kept as " + msg.kept
	}
	m.notify(common.FloorSavedMsg{Session: msg.session, Problem: problem})
	if msg.written != nil && cur == msg.sent {
		m.c.Snap = m.c.Snap.WithFloor(msg.written)
	}
	if msg.err == nil {
		delete(m.floorRetry, msg.session)
		return nil
	}
	// Not saved: the record is kept as it is (everyone sees it) and saved
	// again at the next change or in a while, until a save works.
	if m.floorRetry[msg.session] {
		return nil // a retry is on its way
	}
	m.floorRetry[msg.session] = true
	session := msg.session
	return m.c.After(floorRetryEvery, func(time.Time) tea.Msg { return floorRetryMsg{session} })
}

// floorRetryEvery is how long a floor record that could not be saved
// waits before it is saved again.
const floorRetryEvery = 10 * time.Second

// floorRetryMsg saves again a floor record whose save failed.
type floorRetryMsg struct{ session string }

// retryFloor saves session's record again, unless a save worked since.
func (m *Model) retryFloor(session string) tea.Cmd {
	if !m.floorRetry[session] {
		return nil
	}
	delete(m.floorRetry, session) // a new failure waits again
	i := m.c.Snap.Meeting.SessionIndex(session)
	if i < 0 {
		return nil
	}
	return m.changeFloor(i, func(*floor.Log) error { return nil })
}

// floorMoved redraws what shows the floor, after a change made elsewhere.
func (m *Model) floorMoved() {
	m.prepareFloor()
	m.notify(common.FloorMsg{})
}

// prepareFloor lays out the floor strip: who speaks and for how long, how
// many wait, and this person's place; "" when the floor is quiet.
func (m *Model) prepareFloor() {
	m.floorStrip, m.c.FloorPlace = "", ""
	i := m.floorSession()
	if i < 0 {
		return
	}
	l := m.floorOf(i)
	sp := l.Speaker()
	if sp == nil && len(l.Waiting) == 0 {
		return
	}
	parts := []string{fmt.Sprintf("Floor · session %d", m.c.Snap.Meeting.Sessions[i].Number)}
	if p := m.c.Person; sp != nil && p != nil && p.Delegation != "" && sp.Delegation == p.Delegation {
		m.c.FloorPlace = "you have the floor"
	}
	if sp != nil {
		mt := m.c.Snap.Meeting
		parts = append(parts, fmt.Sprintf("%s speaking %s", m.c.DelegationName(sp.Delegation), chairpanel.TurnClock(m.c.Theme, m.c.Now().Sub(sp.Start), mt.Limit(&mt.Sessions[i]))))
	}
	if n := len(l.Waiting); n > 0 {
		w := fmt.Sprintf("%d waiting", n)
		if p := m.c.Person; p != nil && p.Delegation != "" {
			if place := l.Place(p.Delegation); place > 0 {
				w += fmt.Sprintf(" (you: %s)", chairpanel.Ordinal(place))
				m.c.FloorPlace = fmt.Sprintf("you asked for the floor: %s of %d", chairpanel.Ordinal(place), n)
			}
		}
		parts = append(parts, w)
	}
	m.floorStrip = strings.Join(parts, " · ")
}

// askFloor is r: over SSH a delegate asks for their delegation (a second
// r withdraws); locally, or for a chair without a delegation, the prompt
// takes the delegation's code or name.
func (m *Model) askFloor() tea.Cmd {
	i := m.floorSession()
	if i < 0 {
		return func() tea.Msg { return common.StatusMsg{Text: "Select a session to ask for its floor."} }
	}
	p := m.c.Person
	if p != nil && p.Delegation != "" {
		if m.floorOf(i).Place(p.Delegation) > 0 {
			code := p.Delegation
			cmd := m.changeFloor(i, func(l *floor.Log) error { l.Withdraw(code); return nil })
			m.status = common.StatusMsg{Text: "You withdrew from the list of speakers."}
			return cmd
		}
		m.push(chairpanel.NewFloorPrompt(m.c, i, p.Delegation))
		return nil
	}
	if p != nil && !p.MayChair() {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Your access names no delegation to speak for: ask the chair to add you."}
		}
	}
	m.push(chairpanel.NewFloorPrompt(m.c, i, ""))
	return nil
}

// floorAction applies a floorAct.
func (m *Model) floorAction(a chairpanel.FloorAct) tea.Cmd {
	now := m.c.Now()
	name := m.c.DelegationName
	var said string
	cmd := m.changeFloor(a.Session, func(l *floor.Log) error {
		switch a.Act {
		case "ask":
			if err := l.Ask(a.Code, a.Topic, now); err != nil {
				return err
			}
			said = fmt.Sprintf("%s asks for the floor (%s on the list).", name(a.Code), chairpanel.Ordinal(l.Place(a.Code)))
		case "give":
			t, err := l.Give(now)
			if err != nil {
				return err
			}
			said = name(t.Delegation) + " has the floor."
		case "end":
			l.EndTurn(now)
		case "skip":
			if r, ok := l.Skip(now); ok {
				said = name(r.Delegation) + " skipped: back of the queue."
			}
		case "drop":
			if r, ok := l.Drop(a.Index); ok {
				said = name(r.Delegation) + " taken off the list."
			}
		case "up":
			l.Move(a.Index, -1)
		case "down":
			l.Move(a.Index, 1)
		case "clear":
			l.Clear()
			said = "The list of speakers is empty."
		case "open":
			l.Open(now)
			said = fmt.Sprintf("Session %d opened at %s.", m.c.Snap.Meeting.Sessions[a.Session].Number, now.In(m.c.Snap.Meeting.Location).Format("15:04"))
		case "close":
			l.Close(now)
			said = fmt.Sprintf("Session %d closed at %s.", m.c.Snap.Meeting.Sessions[a.Session].Number, now.In(m.c.Snap.Meeting.Location).Format("15:04"))
		}
		return nil
	})
	if said != "" {
		m.status = common.StatusMsg{Text: said}
	}
	return cmd
}
