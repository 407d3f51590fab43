// Package room is the shared state of a meeting served to many people at
// once: the bundle as last read, who writes which note, and the waking of
// every connected program when any of it changes. A change makes a new
// State; nothing in a State is changed after it is made, so every program
// reads the one it was given without locks. The room never waits for a
// program: each has a one-slot wake-up, and a program that is busy (or a
// client that stopped reading) only ever finds the newest state when it
// looks.
package room

import (
	"maps"
	"slices"
	"sync"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// Snapshot is a bundle as read from disk: the meeting, its scores, deck
// and notes. Once made it is never changed; a change makes a new one.
type Snapshot struct {
	Meeting  *agenda.Meeting
	Scores   *data.Dataset
	Deck     *deck.Deck
	Texts    map[string]agenda.Note
	Floors   map[string]*floor.Log // the chair's record per session; shared, never changed in place
	Present  floor.Attendance      // who was present by day; nil when none is kept
	Problems strict.Problems       // with errors, the snapshot is not used
	// NotesErr says some notes could not be read; Texts holds the others
	// (nil when none could be read).
	NotesErr error
	// Served names the server holding the bundle, as a local program
	// reading it beside the server sees it (Holder.String); "" when none.
	Served string
}

// WithNote is a copy of s with one note replaced.
func (s *Snapshot) WithNote(id string, n agenda.Note) *Snapshot {
	c := *s
	c.Texts = maps.Clone(s.Texts)
	if c.Texts == nil {
		c.Texts = map[string]agenda.Note{}
	}
	c.Texts[id] = n
	return &c
}

// WithFloor is a copy of s with one session's floor replaced.
func (s *Snapshot) WithFloor(l *floor.Log) *Snapshot {
	c := *s
	c.Floors = maps.Clone(s.Floors)
	if c.Floors == nil {
		c.Floors = map[string]*floor.Log{}
	}
	c.Floors[l.Session] = l
	return &c
}

// WithAttendance is a copy of s with the attendance replaced.
func (s *Snapshot) WithAttendance(a floor.Attendance) *Snapshot {
	c := *s
	c.Present = a
	return &c
}

// ReportOptions are what the report states from the room: the chair's
// marks and, when kept, the attendance.
func (s *Snapshot) ReportOptions() agenda.ReportOptions {
	o := agenda.ReportOptions{Marks: s.Marks()}
	if len(s.Present) > 0 {
		o.Present = s.Present.Any()
	}
	return o
}

// ChangeAttendance applies f to a copy of the room's attendance, under the
// room's lock (two delegates arriving at once both count), and gives
// everyone the result, which it returns with the attendance before.
func (r *Room) ChangeAttendance(person string, f func(a floor.Attendance)) (after, before floor.Attendance) {
	r.mu.Lock()
	defer r.mu.Unlock()
	before = r.state.Snapshot.Present
	a := before.Clone()
	f(a)
	r.change(func(st *State) { st.Snapshot = st.Snapshot.WithAttendance(a) })
	r.event("attendance", person, "")
	return a, before
}

// Saving runs save alone among the room's saves of floors and attendance:
// each reads the file, adds its change and writes it, and none is lost
// between another's read and write.
func (r *Room) Saving(save func() error) error {
	r.saving.Lock()
	defer r.saving.Unlock()
	return save()
}

// Marks are the chair's marks of every session, for the meeting clock.
func (s *Snapshot) Marks() map[string]agenda.Mark {
	out := make(map[string]agenda.Mark, len(s.Floors))
	for id, l := range s.Floors {
		out[id] = agenda.Mark{Opened: l.Opened, Closed: l.Closed}
	}
	return out
}

// ChangeFloor applies f to a copy of session id's floor under the room's
// lock (two chairs, or a request and the chair's key, never lose one
// another's change) and gives everyone the result, which it returns; when
// f refuses, nothing changes.
func (r *Room) ChangeFloor(id, person string, f func(l *floor.Log) error) (*floor.Log, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := floor.Log{Session: id}
	if cur := r.state.Snapshot.Floors[id]; cur != nil {
		l = cur.Clone()
	}
	if err := f(&l); err != nil {
		return nil, err
	}
	r.change(func(st *State) { st.Snapshot = st.Snapshot.WithFloor(&l) })
	r.event("floor", person, id)
	return &l, nil
}

// State is the room at one moment.
type State struct {
	Snapshot *Snapshot         // the last good bundle
	Banner   string            // the first problem of the bundle on disk, while it is broken
	Locks    map[string]string // session id → the person writing its note
	Showing  *Showing          // what the secretariat presents to the room, or nil
	// People are the connected people as access.toml names them now, by
	// id: a program whose person changed (a role, sessions, share_notes)
	// applies it at once. Nil until access is read again while serving.
	People map[string]*Person
	// AccessProblem says why access.toml, read again, was not taken (gone,
	// unreadable, invalid): the last valid list stays. The secretariat is
	// told.
	AccessProblem string
	// Clock moves a rehearsal's fixed clock (plenary serve --now) for the
	// whole room: the chair's > and < add to it.
	Clock time.Duration
}

// Showing is a slide presented to the room: described, not pointed to, so
// that a slide made from what was on the presenter's screen can be followed
// as well as one of the deck. It never carries the presenter's notes.
type Showing struct {
	Presenter string // the person presenting (their id)
	Name      string // and their name, for the followers' status line
	Slide     deck.Slide
	Index     int // the slide's place in what is presented (0-based)
	Count     int // how many slides are presented
	Page      int // the page of a slide that continues over several
	FromDeck  bool
	// Away: the program presenting was cut off (dropped Wi-Fi, a closed
	// laptop) and the grace period runs; the presenter's next program
	// takes the presentation back.
	Away bool
}

// Room holds the state and the programs to wake.
type Room struct {
	mu      sync.Mutex
	state   *State
	members map[*Member]bool
	// Event, when set, hears what happens to notes ("note saved", "lock
	// taken", "lock released"), the floor and the presentation: the
	// server's audit log, with the person's id and name. It must not block.
	Event func(event, person, name, session string)
	// Grace is how long a presentation outlives its presenter's last
	// program: the same person reconnecting within it finds it running.
	Grace time.Duration
	// After starts the grace period's timer: time.AfterFunc when nil; a
	// test ends a grace period when it chooses.
	After func(d time.Duration, f func())
	// names are the people who joined, by id, under a lock of their own
	// (events are told under the room's, or not).
	namesMu sync.Mutex
	names   map[string]string
	// driver is the program presenting; away counts its departures, so a
	// grace period ends only the absence it was started for.
	driver *Member
	away   int
	// saving orders the floor records' saves (SaveFloor); versions are
	// the records' files as the room last wrote them.
	saving   sync.Mutex
	versions map[string]string
}

// event tells Event, if there is one.
func (r *Room) event(event, person, session string) {
	if r.Event != nil {
		r.Event(event, person, r.NameOf(person), session)
	}
}

// New is a room on a bundle.
func New(s *Snapshot) *Room {
	return &Room{state: &State{Snapshot: s, Locks: map[string]string{}}, members: map[*Member]bool{}}
}

// State is the room now.
func (r *Room) State() *State {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state
}

// change makes the next state from the current one and wakes everyone.
// It runs with r.mu held; waking never blocks.
func (r *Room) change(f func(s *State)) {
	next := *r.state
	f(&next)
	r.state = &next
	for m := range r.members {
		select {
		case m.wake <- struct{}{}:
		default: // already woken: it will read the newest state
		}
	}
}

// SetSnapshot takes a bundle read again: valid, it replaces the last good
// one; with errors, the last good one stays and the banner names the
// first problem.
//
// The floors and the attendance are the room's: every change goes through
// it (ChangeFloor, ChangeAttendance) and is saved after. A bundle read
// while a save is on its way holds an older record, so they are kept from
// the room, never taken from the disk.
func (r *Room) SetSnapshot(s *Snapshot, banner string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.change(func(st *State) {
		if banner == "" {
			if st.Snapshot != nil {
				fresh := *s
				fresh.Floors, fresh.Present = st.Snapshot.Floors, st.Snapshot.Present
				s = &fresh
			}
			st.Snapshot = s
		}
		st.Banner = banner
	})
}

// SaveFloor saves session id's newest record with save, one save at a
// time: of two saves racing, the last to write writes the newest record
// (each reads it when its turn comes). save gets the version of the file
// the room last read or wrote, and returns the version it wrote ("" when
// it wrote nothing).
func (r *Room) SaveFloor(id string, save func(l *floor.Log, base string) (string, error)) error {
	r.saving.Lock()
	defer r.saving.Unlock()
	l := r.State().Snapshot.Floors[id]
	if l == nil {
		return nil
	}
	base, ok := r.versions[id]
	if !ok {
		base = l.Version // as read when the room began
	}
	v, err := save(l, base)
	if err != nil {
		r.event("floor not saved: "+err.Error(), "", id)
	}
	if v != "" {
		if r.versions == nil {
			r.versions = map[string]string{}
		}
		r.versions[id] = v
	}
	return err
}

// SetAccess gives every program who its person is now, and why a new
// access.toml was not taken ("" when it was).
func (r *Room) SetAccess(people map[string]*Person, problem string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.change(func(st *State) { st.People, st.AccessProblem = people, problem })
}

// PutNote records a note person saved, for all the other programs.
func (r *Room) PutNote(id, person string, n agenda.Note) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.change(func(st *State) { st.Snapshot = st.Snapshot.WithNote(id, n) })
	r.event("note saved", person, id)
}

// Lock gives the note of a session to person, unless someone else writes
// it: then it says who. The same person (a second terminal, a reconnection
// after dropped Wi-Fi) gets it at once.
func (r *Room) Lock(session, person string) (holder string, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if h, held := r.state.Locks[session]; held && h != person {
		return h, false
	}
	if r.state.Locks[session] != person {
		r.change(func(st *State) {
			st.Locks = maps.Clone(st.Locks)
			st.Locks[session] = person
		})
		r.event("lock taken", person, session)
	}
	return person, true
}

// Unlock lets go of a session's note, if person holds it.
func (r *Room) Unlock(session, person string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state.Locks[session] != person {
		return
	}
	r.change(func(st *State) {
		st.Locks = maps.Clone(st.Locks)
		delete(st.Locks, session)
	})
	r.event("lock released", person, session)
}

// Present shows a slide to the room from m, for its person (named name).
// Someone else presenting keeps the room unless take is set: then it says
// who presents (and the caller asks the person whether to take over).
func (m *Member) Present(name string, sh Showing, take bool) (presenter string, ok bool) {
	r, person := m.room, m.Person
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur := r.state.Showing; cur != nil && cur.Presenter != person && !take {
		return cur.Name, false
	}
	r.driver = m
	sh.Presenter, sh.Name, sh.Away = person, name, false
	sh.Slide.Notes = "" // the presenter's alone
	switch cur := r.state.Showing; {
	case cur == nil || cur.Presenter != person:
		r.event("presenting", person, sh.Slide.ID)
	case cur.Away:
		r.event("presenter back", person, sh.Slide.ID)
	}
	r.change(func(st *State) { st.Showing = &sh })
	return name, true
}

// StopPresenting ends person's presentation, if they present.
func (r *Room) StopPresenting(person string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur := r.state.Showing; cur == nil || cur.Presenter != person {
		return
	}
	r.driver = nil
	r.event("presentation ended", person, "")
	r.change(func(st *State) { st.Showing = nil })
}

// Member is one connected program.
type Member struct {
	room   *Room
	Person string
	wake   chan struct{}
	left   chan struct{} // closed by Leave: whoever waits for a wake stops
	leave  sync.Once
}

// Join adds a program for person. Its first wake is at once: it finds
// the room as it is (a presentation running, a presenter coming back).
func (r *Room) Join(person string) *Member { return r.JoinAs(person, person) }

// JoinAs adds a program for person, whom people know by name: locks, the
// floor and the presentation say the name, the audit log both.
func (r *Room) JoinAs(person, name string) *Member {
	m := &Member{room: r, Person: person, wake: make(chan struct{}, 1), left: make(chan struct{})}
	m.wake <- struct{}{}
	r.namesMu.Lock()
	if r.names == nil {
		r.names = map[string]string{}
	}
	r.names[person] = name
	r.namesMu.Unlock()
	r.mu.Lock()
	r.members[m] = true
	r.mu.Unlock()
	return m
}

// NameOf is the name of the person with this id, as they joined; the id
// itself for someone who never did.
func (r *Room) NameOf(person string) string {
	r.namesMu.Lock()
	defer r.namesMu.Unlock()
	if n := r.names[person]; n != "" {
		return n
	}
	return person
}

// Wake is signalled when the room changed since the program last looked.
func (m *Member) Wake() <-chan struct{} { return m.wake }

// Left is closed when the program has left the room: a goroutine waiting
// for Wake ends then, rather than with the room's next change.
func (m *Member) Left() <-chan struct{} { return m.left }

// Room is the room m is in.
func (m *Member) Room() *Room { return m.room }

// Leave removes the program; when it was the person's last, the notes they
// were writing are free again.
func (m *Member) Leave() {
	m.leave.Do(func() { close(m.left) })
	r := m.room
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.members, m)
	if sh := r.state.Showing; r.driver == m && sh != nil && sh.Presenter == m.Person {
		// The program presenting is gone without leaving the presentation:
		// it ends after a grace period for a dropped connection, unless
		// the presenter takes it back (see Present) or another takes over.
		r.driver = nil
		r.away++
		gone := r.away
		r.change(func(st *State) {
			away := *st.Showing
			away.Away = true
			st.Showing = &away
		})
		r.event("presenter away", m.Person, "")
		after := r.After
		if after == nil {
			after = func(d time.Duration, f func()) { time.AfterFunc(d, f) }
		}
		after(r.Grace, func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			if sh := r.state.Showing; r.away == gone && sh != nil && sh.Away && sh.Presenter == m.Person {
				r.event("presentation ended", m.Person, "")
				r.change(func(st *State) { st.Showing = nil })
			}
		})
	}
	for o := range r.members {
		if o.Person == m.Person {
			return
		}
	}
	mine := false
	for _, p := range r.state.Locks {
		if p == m.Person {
			mine = true
		}
	}
	if mine {
		r.change(func(st *State) {
			st.Locks = maps.Clone(st.Locks)
			for s, p := range st.Locks {
				if p == m.Person {
					delete(st.Locks, s)
					r.event("lock released", p, s)
				}
			}
		})
	}
}

// Members counts the programs connected.
func (r *Room) Members() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.members)
}

// Role is what a person may do in the room.
type Role string

// The roles: the secretariat may do everything and presents; a rapporteur
// writes the notes of their sessions; a delegate reads.
const (
	Secretariat Role = "secretariat"
	Rapporteur  Role = "rapporteur"
	Delegate    Role = "delegate"
)

// Person is someone in the room, as the access file names them (or a guest).
type Person struct {
	Name       string
	ID         string // a slug of the name: their journals and stars are kept under it
	Role       Role
	Delegation string   // the delegation they speak for, if any
	Chair      bool     // may run the speaking queue
	Sessions   []string // a rapporteur's sessions; nil: all
	ShareNotes bool     // delegates may read the rapporteurs' notes
	// Guest: not in access.toml. A guest who proved a key of their own is
	// known by it (their stars come back with it); Temporary: one who
	// proved none, who keeps nothing after leaving.
	Guest, Temporary bool
}

// Same reports whether p and q are the same person with the same rights
// (share_notes matters to delegates only).
func (p *Person) Same(q *Person) bool {
	return p.Name == q.Name && p.ID == q.ID && p.Role == q.Role && p.Delegation == q.Delegation &&
		p.Chair == q.Chair && p.MayReadNotes() == q.MayReadNotes() &&
		(p.Sessions == nil) == (q.Sessions == nil) && slices.Equal(p.Sessions, q.Sessions)
}

// MayEdit reports whether p writes the note of session id.
func (p *Person) MayEdit(id string) bool {
	switch p.Role {
	case Secretariat:
		return true
	case Rapporteur:
		if p.Sessions == nil {
			return true
		}
		for _, s := range p.Sessions {
			if s == id {
				return true
			}
		}
	}
	return false
}

// MayPresent reports whether p presents to the room.
func (p *Person) MayPresent() bool { return p.Role == Secretariat }

// MayChair reports whether p runs the floor: whoever access.toml names
// chair, and the secretariat.
func (p *Person) MayChair() bool { return p.Chair || p.Role == Secretariat }

// MaySeeConfidential reports whether p sees the notes' confidential lines
// (agenda.ConfidentialPrefix): the rapporteurs and the secretariat.
func (p *Person) MaySeeConfidential() bool { return p.Role == Rapporteur || p.Role == Secretariat }

// MayReadNotes reports whether p sees the rapporteurs' notes.
func (p *Person) MayReadNotes() bool { return p.Role != Delegate || p.ShareNotes }

// MoveClock moves the room's rehearsal clock by d for everyone.
func (r *Room) MoveClock(person string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.change(func(st *State) { st.Clock += d })
	r.event("clock moved "+d.String(), person, "")
}
