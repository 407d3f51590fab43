// Package floor keeps a session's floor as the chair runs it: the
// delegations waiting to speak, the turns taken (who, from when to when, on
// what) and when the chair opened and closed the session. Each session's
// record is floor/<session-id>.toml in the bundle: written atomically,
// readable and diffable, read back with file:line:col errors.
package floor

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Dir is the bundle folder of the floor records.
const Dir = "floor"

// Request is a delegation waiting for the floor.
type Request struct {
	Delegation string // its code
	Topic      string // optional, short
	Asked      time.Time
	// Skipped is when the chair last passed over it (not in the room, a
	// word later): it went to the back of the queue then. Zero: never.
	Skipped time.Time
}

// Turn is a delegation's time at the floor; End is zero while it speaks.
type Turn struct {
	Delegation string
	Topic      string
	Asked      time.Time
	Start, End time.Time
}

// Log is one session's floor: its marks, its turns in order, its queue.
type Log struct {
	// Version is the record's file as last read or written ("" when it
	// has none): a save over a file changed since is refused (ErrChanged).
	Version        string
	Session        string
	Opened, Closed time.Time // zero when not marked
	Turns          []Turn
	Waiting        []Request
}

// The reasons a change is refused.
var (
	ErrQueued   = errors.New("already waiting for the floor")
	ErrSpeaking = errors.New("has the floor now")
	ErrClosed   = errors.New("the session is closed")
	ErrNobody   = errors.New("no one is waiting")
	ErrNoCode   = errors.New("no delegation named")
)

// MaxTopic caps a topic: a line on a strip, not a speech.
const MaxTopic = 80

// Clone is a copy that shares nothing with l, to change while others read l.
func (l Log) Clone() Log {
	l.Turns = slices.Clone(l.Turns)
	l.Waiting = slices.Clone(l.Waiting)
	return l
}

// Speaker is the turn going on, or nil.
func (l *Log) Speaker() *Turn {
	if n := len(l.Turns); n > 0 && l.Turns[n-1].End.IsZero() {
		return &l.Turns[n-1]
	}
	return nil
}

// Place is where delegation d waits (1 first), or 0.
func (l *Log) Place(d string) int {
	for i, r := range l.Waiting {
		if r.Delegation == d {
			return i + 1
		}
	}
	return 0
}

// IsOpen reports whether the chair opened the session and has not closed it.
func (l *Log) IsOpen() bool { return !l.Opened.IsZero() && l.Closed.IsZero() }

// Ask puts delegation d at the end of the queue. A delegation waits once,
// and not while it speaks; a closed session takes no requests.
func (l *Log) Ask(d, topic string, at time.Time) error {
	switch {
	case d == "":
		return ErrNoCode
	case !l.Closed.IsZero():
		return ErrClosed
	case l.Place(d) > 0:
		return fmt.Errorf("%s is %w", d, ErrQueued)
	}
	if s := l.Speaker(); s != nil && s.Delegation == d {
		return fmt.Errorf("%s %w", d, ErrSpeaking)
	}
	l.Waiting = append(l.Waiting, Request{Delegation: d, Topic: shorten(topic), Asked: at})
	return nil
}

// Withdraw takes delegation d out of the queue; it reports whether it was in.
func (l *Log) Withdraw(d string) bool {
	i := l.Place(d)
	if i == 0 {
		return false
	}
	l.Waiting = slices.Delete(l.Waiting, i-1, i)
	return true
}

// Give ends the turn going on and gives the floor to the first waiting.
func (l *Log) Give(at time.Time) (Turn, error) {
	if len(l.Waiting) == 0 {
		return Turn{}, ErrNobody
	}
	l.EndTurn(at)
	r := l.Waiting[0]
	l.Waiting = slices.Delete(l.Waiting, 0, 1)
	t := Turn{Delegation: r.Delegation, Topic: r.Topic, Asked: r.Asked, Start: at}
	l.Turns = append(l.Turns, t)
	return t, nil
}

// EndTurn ends the turn going on, if any.
func (l *Log) EndTurn(at time.Time) {
	if s := l.Speaker(); s != nil {
		s.End = at
		if s.End.Before(s.Start) {
			s.End = s.Start
		}
	}
}

// Skip passes over the first waiting delegation (not in the room yet, a
// word later): it goes to the back of the queue, marked skipped at at;
// it reports whom.
func (l *Log) Skip(at time.Time) (Request, bool) {
	if len(l.Waiting) == 0 {
		return Request{}, false
	}
	r := l.Waiting[0]
	r.Skipped = at
	l.Waiting = append(slices.Delete(l.Waiting, 0, 1), r)
	return r, true
}

// Drop takes the request at i (0-based) out of the queue; it reports whom.
func (l *Log) Drop(i int) (Request, bool) {
	if i < 0 || i >= len(l.Waiting) {
		return Request{}, false
	}
	r := l.Waiting[i]
	l.Waiting = slices.Delete(l.Waiting, i, i+1)
	return r, true
}

// Move moves the request at i (0-based) by delta places; it reports
// whether it moved.
func (l *Log) Move(i, delta int) bool {
	j := i + delta
	if i < 0 || i >= len(l.Waiting) || j < 0 || j >= len(l.Waiting) || delta == 0 {
		return false
	}
	r := l.Waiting[i]
	l.Waiting = slices.Delete(l.Waiting, i, i+1)
	l.Waiting = slices.Insert(l.Waiting, j, r)
	return true
}

// Clear empties the queue.
func (l *Log) Clear() { l.Waiting = nil }

// Open marks the session opened (again: a reopening clears the close).
func (l *Log) Open(at time.Time) {
	if l.Opened.IsZero() {
		l.Opened = at
	}
	l.Closed = time.Time{}
}

// Close marks the session closed: the turn going on ends and the queue is
// emptied.
func (l *Log) Close(at time.Time) {
	if l.Opened.IsZero() {
		l.Opened = at
	}
	l.EndTurn(at)
	l.Waiting = nil
	l.Closed = at
}

// shorten keeps a topic to one short line.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > MaxTopic {
		s = string(r[:MaxTopic-1]) + "…"
	}
	return s
}
