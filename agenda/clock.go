package agenda

import (
	"slices"
	"time"
)

// Phase says where a meeting stands at a moment, by its planned times.
type Phase int

// The phases of a meeting's clock.
const (
	Untimed  Phase = iota // no session has a time: nothing can be said to be on
	Before                // before the meeting, or before the first session of today
	Running               // a session is on, by its planned times
	Break                 // between two sessions of the same day
	DayEnded              // today's sessions are over; more come on a later day
	Ended                 // the last session is over
)

// Moment is what the meeting's clock says at Now. From the plan alone it
// claims no overrun (nobody knows whether a session still runs past its
// end); the chair's marks say it: a session opened and not closed runs,
// and past its planned end it runs over.
type Moment struct {
	Phase   Phase
	Now     time.Time
	Session int           // the session on (Running), else -1
	Elapsed time.Duration // of Session since its start
	Planned time.Duration // of Session, start to end; 0 when it has no end
	Next    int           // the next session to start, or -1
	NextAt  time.Time
	// Day is the day of the meeting (1-based) that starts (Before) or
	// that ended (DayEnded); Begun says whether any session has started.
	Day   int
	Begun bool
	// Marked: the chair opened Session and has not closed it; Over is how
	// long it runs past its planned end.
	Marked bool
	Over   time.Duration
	// Unclosed is a session the chair opened on a day that has ended
	// without closing it (-1 when none): it runs no more, and no overrun
	// is counted past its day.
	Unclosed int
	// In a meeting of several rooms, Running lists every session on now,
	// in any room (Session among them), and Upcoming the next session of
	// each room that has one still to come (Next among them); both nil
	// for a meeting of one room.
	Running, Upcoming []int
}

// Mark is the chair's record of a session: when it was opened and closed
// (zero when not).
type Mark struct{ Opened, Closed time.Time }

// AtMarked reads the clock with the chair's marks: a session the chair
// opened and has not closed is the one running (over its plan when past
// its planned end); one the chair closed runs no more.
func (m *Meeting) AtMarked(now time.Time, marks map[string]Mark) Moment {
	c := m.at(now, marks)
	for i := range m.Sessions {
		s := &m.Sessions[i]
		mk, ok := marks[s.ID]
		if !ok || mk.Opened.IsZero() || !mk.Closed.IsZero() || mk.Opened.After(now) {
			continue
		}
		// A session runs at most until the end of the day it was opened
		// on: past it, it was not closed, and it runs over no more.
		opened := mk.Opened.In(m.Location)
		if dayEnd := time.Date(opened.Year(), opened.Month(), opened.Day()+1, 0, 0, 0, 0, m.Location); !now.Before(dayEnd) {
			c.Unclosed = i
			continue
		}
		c.Phase, c.Session, c.Marked = Running, i, true
		c.Elapsed = now.Sub(mk.Opened)
		c.Planned = 0
		if start, ok := s.StartAt(m.Location); ok {
			if end, ok := s.EndAt(m.Location); ok {
				c.Planned = end.Sub(start)
				if DateOf(opened) != s.Date {
					// Opened on another day than planned: over its length,
					// not its date.
					end = mk.Opened.Add(c.Planned)
				}
				c.Over = max(now.Sub(end), 0)
			}
		}
		if c.Next == i {
			c.Next, c.NextAt = m.nextAfter(now, i, marks)
		}
		return c
	}
	return c
}

// nextAfter is the next timed session to start after now, other than skip
// and those already opened.
func (m *Meeting) nextAfter(now time.Time, skip int, marks map[string]Mark) (int, time.Time) {
	next, at := -1, time.Time{}
	for i := range m.Sessions {
		start, ok := m.Sessions[i].StartAt(m.Location)
		if i == skip || !ok || !start.After(now) || !marks[m.Sessions[i].ID].Opened.IsZero() {
			continue
		}
		if next < 0 || start.Before(at) {
			next, at = i, start
		}
	}
	return next, at
}

// At reads the meeting's clock at now. A session without an end runs
// until the next session of its day starts, or until the day ends.
func (m *Meeting) At(now time.Time) Moment { return m.at(now, nil) }

func (m *Meeting) at(now time.Time, marks map[string]Mark) Moment {
	c := m.atOne(now, marks)
	m.inRooms(&c, marks)
	return c
}

// inRooms adds to c what runs now and comes next in each room, when the
// sessions are in more than one. One pass, and one more over a day and
// room's starts for an open-ended session: it runs every second in every
// program.
func (m *Meeting) inRooms(c *Moment, marks map[string]Mark) {
	type place struct {
		room string
		day  Date
	}
	starts := map[place][]time.Time{} // the timed sessions' starts, per room and day
	for i := range m.Sessions {
		s := &m.Sessions[i]
		if start, ok := s.StartAt(m.Location); ok {
			k := place{s.Room, s.Date}
			starts[k] = append(starts[k], start)
		}
	}
	rooms := map[string]bool{}
	for k := range starts {
		rooms[k.room] = true
	}
	if len(rooms) < 2 {
		return
	}
	nextIn := map[string]int{}
	nextAt := map[string]time.Time{}
	for i := range m.Sessions {
		s := &m.Sessions[i]
		start, ok := s.StartAt(m.Location)
		if !ok {
			continue
		}
		if start.After(c.Now) {
			if at, seen := nextAt[s.Room]; !seen || start.Before(at) {
				nextIn[s.Room], nextAt[s.Room] = i, start
			}
			continue
		}
		end, hasEnd := s.EndAt(m.Location)
		if !hasEnd {
			// Open-ended: until the next session of its day in its room,
			// or midnight.
			end = s.Date.At(Clock24, m.Location)
			for _, o := range starts[place{s.Room, s.Date}] {
				if o.After(start) && o.Before(end) {
					end = o
				}
			}
		}
		if mk := marks[s.ID]; c.Now.Before(end) && (mk.Closed.IsZero() || mk.Closed.After(c.Now)) {
			c.Running = append(c.Running, i)
		}
	}
	for _, i := range nextIn {
		c.Upcoming = append(c.Upcoming, i)
	}
	slices.Sort(c.Upcoming)
}

func (m *Meeting) atOne(now time.Time, marks map[string]Mark) Moment {
	c := Moment{Phase: Untimed, Now: now, Session: -1, Next: -1, Unclosed: -1}
	last := -1 // the timed session that started last before now
	var lastStart time.Time
	timed := false
	for i := range m.Sessions {
		s := &m.Sessions[i]
		start, ok := s.StartAt(m.Location)
		if !ok {
			continue
		}
		timed = true
		if start.After(now) {
			if c.Next < 0 || start.Before(c.NextAt) {
				c.Next, c.NextAt = i, start
			}
			continue
		}
		if last < 0 || start.After(lastStart) {
			last, lastStart = i, start
		}
	}
	if !timed {
		return c
	}
	c.Begun = last >= 0
	today := DateOf(now.In(m.Location))
	if last >= 0 {
		s := &m.Sessions[last]
		end, hasEnd := s.EndAt(m.Location)
		if !hasEnd {
			// Open-ended: until the next session of its day, or midnight.
			end = s.Date.At(Clock24, m.Location)
			if c.Next >= 0 && m.Sessions[c.Next].Date == s.Date {
				end = c.NextAt
			}
		}
		if mk := marks[s.ID]; now.Before(end) && (mk.Closed.IsZero() || mk.Closed.After(now)) {
			c.Phase, c.Session, c.Elapsed = Running, last, now.Sub(lastStart)
			if hasEnd {
				c.Planned = end.Sub(lastStart)
			}
			return c
		}
	}
	switch {
	case c.Next < 0:
		c.Phase = Ended
	case last >= 0 && m.Sessions[last].Date == today && m.Sessions[c.Next].Date == today:
		c.Phase = Break
	case last >= 0 && m.Sessions[c.Next].Date != today:
		c.Phase, c.Day = DayEnded, m.DayNumber(m.Sessions[last].Date)
	default:
		c.Phase, c.Day = Before, m.DayNumber(m.Sessions[c.Next].Date)
	}
	return c
}

// Clock24 is the end of a day, for a session that runs to midnight.
const Clock24 Clock = 24 * 60

// DayNumber is the day of the meeting d falls on, counting from 1.
func (m *Meeting) DayNumber(d Date) int {
	start := time.Date(m.Start.Year, m.Start.Month, m.Start.Day, 12, 0, 0, 0, time.UTC)
	at := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	return int(at.Sub(start).Hours()/24) + 1
}
