package common

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// What the meeting clock (agenda.Moment) says, in words: the agenda's
// footer, the session detail, the projector's footer. It never says a
// session runs over: the plan alone cannot know.

// ClockNote is the agenda's footer line: "Break · next: session 3 at 14:00,
// in 40 min · n jumps to it".
func ClockNote(m *agenda.Meeting, c agenda.Moment) string {
	if c.Unclosed >= 0 {
		// Opened on a day that ended, never closed: said, never counted
		// as an overrun of days.
		s := &m.Sessions[c.Unclosed]
		note := clockNote(m, c)
		return strings.TrimSuffix(fmt.Sprintf("Session %d was not closed (the chair closes it with c) · %s", s.Number, note), " · ")
	}
	return clockNote(m, c)
}

func clockNote(m *agenda.Meeting, c agenda.Moment) string {
	next := ""
	if c.Next >= 0 {
		next = fmt.Sprintf("session %d %s", m.Sessions[c.Next].Number, WhenNext(m, c))
	}
	var note string
	switch c.Phase {
	case agenda.Untimed:
		return ""
	case agenda.Ended:
		return "The meeting has ended."
	case agenda.Before:
		if !c.Begun && agenda.DateOf(c.Now.In(m.Location)) != m.Sessions[c.Next].Date {
			note = "The meeting starts with " + next
		} else {
			note = fmt.Sprintf("Day %d starts with %s", c.Day, next)
		}
	case agenda.Running:
		note = fmt.Sprintf("Now: session %d, %s", m.Sessions[c.Session].Number, TimeLeft(m, c))
		if c.Over > 0 {
			note = fmt.Sprintf("Session %d is %s over", m.Sessions[c.Session].Number, Span(c.Over))
		}
		if others := len(c.Running) - 1; others > 0 {
			// Several rooms at once: the others are counted, each marked
			// now in the list.
			note += fmt.Sprintf(" · %d more on in other rooms", others)
		}
		if next != "" {
			note += " · next: " + next
		}
	case agenda.Break:
		note = "Break · next: " + next
	case agenda.DayEnded:
		note = fmt.Sprintf("Day %d ended · next: %s", c.Day, next)
	}
	return note + " · n jumps to it"
}

// TimeLeft is "25 min left", or "since 14:00" for a session without an end
// (or opened by the chair without planned times).
func TimeLeft(m *agenda.Meeting, c agenda.Moment) string {
	s := &m.Sessions[c.Session]
	switch {
	case c.Marked && c.Planned > 0:
		end, _ := s.EndAt(m.Location)
		return Span(end.Sub(c.Now)) + " left"
	case c.Marked:
		return "opened " + c.Now.Add(-c.Elapsed).In(m.Location).Format("15:04")
	case c.Planned == 0:
		return "since " + s.Start.String()
	}
	return Span(c.Planned-c.Elapsed) + " left"
}

// WhenNext says when the next session starts: "at 14:00, in 40 min" today,
// "tomorrow at 09:30, in 15 h 30", "on Fri 19 May at 09:30, in 3 days 2 h".
func WhenNext(m *agenda.Meeting, c agenda.Moment) string {
	s := &m.Sessions[c.Next]
	today := agenda.DateOf(c.Now.In(m.Location))
	day := ""
	switch {
	case s.Date == today:
	case s.Date == agenda.DateOf(c.Now.In(m.Location).AddDate(0, 0, 1)):
		day = "tomorrow "
	default:
		day = "on " + c.NextAt.Format("Mon 2 Jan") + " "
	}
	return fmt.Sprintf("%sat %s, in %s", day, s.Start, Span(c.NextAt.Sub(c.Now)))
}

// SlideClock is the projector's footer note: the running session's time
// left (or its overrun, which the chair's marks alone can tell), or the
// break before the next one; "" otherwise.
func SlideClock(m *agenda.Meeting, c agenda.Moment) string {
	switch c.Phase {
	case agenda.Running:
		if c.Over > 0 {
			return fmt.Sprintf("session %d · %s over", m.Sessions[c.Session].Number, Span(c.Over))
		}
		return fmt.Sprintf("session %d · %s", m.Sessions[c.Session].Number, TimeLeft(m, c))
	case agenda.Break:
		return fmt.Sprintf("break · session %d at %s", m.Sessions[c.Next].Number, m.Sessions[c.Next].Start)
	}
	return ""
}

// Span shows a duration in whole minutes: "40 min", "15 h 30", "3 days 4 h".
func Span(d time.Duration) string {
	mins := int(d.Round(time.Minute) / time.Minute)
	switch {
	case mins < 60:
		return fmt.Sprintf("%d min", mins)
	case mins < 24*60:
		return fmt.Sprintf("%d h %02d", mins/60, mins%60)
	case mins < 48*60:
		return fmt.Sprintf("1 day %d h", (mins-24*60)/60)
	}
	return fmt.Sprintf("%d days %d h", mins/(24*60), mins%(24*60)/60)
}
