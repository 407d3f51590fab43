package ui

import (
	"maps"
	"os"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

// common is the context every screen shares: what is shown, how to draw it
// and what time it is. The root owns it; screens read it in Update and
// View. Commands never capture it: they take the values they need (the
// snapshot pointer, a store, a path) when Update makes them, because they
// run beside the next Update.
type common struct {
	theme *Theme
	keys  KeyMap
	now   func() time.Time
	// wall is the real clock, for save times; now is the meeting clock.
	wall func() time.Time
	// after makes a timer command: tea.Tick, or a test's fake.
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	// snap is the bundle's data. It is never changed in place: a reload or
	// a saved note swaps in a new one, so a command that took the pointer
	// reads a consistent bundle however long it runs.
	snap    *room.Snapshot
	edition int             // the edition shown, index into snap.Scores.Editions
	marked  map[string]bool // countries marked in the Scores view
	// session is the session selected in the agenda, or -1.
	session func() int

	notes    agenda.NoteStore // where notes are saved
	floor    floor.Store      // where the chair's records are saved
	journal  agenda.Journal   // unsaved typing, for recovery
	stars    *starWriter
	starred  map[string]bool
	starsGen int // counts star changes, so the newest set is written last

	workDir  string   // where exports from the app are written
	editor   []string // the external editor's command ($VISUAL, $EDITOR or vi)
	editorIn *os.File // its input, when not the program's (Options.EditorInput)

	// person is who uses the program in a room (nil: a local run, which may
	// do everything); room is the shared state, member this program in it.
	person *room.Person
	room   *room.Room
	member *room.Member
	// saving runs a local program's attendance saves one at a time (a
	// served program's go through the room's).
	saving    func(func() error) error
	remote    bool
	rescueDir string      // Options.RescueDir
	slides    *SlideCache // shared among the programs of a server, or nil

	// banner: the bundle on disk is broken (what is drawn is the last good
	// data, or nothing of the broken part); a slide only marks it.
	banner string

	// modalGen changes whenever a modal opens or closes: a modal asked for
	// in a command (a note being read) opens only if nothing changed since.
	modalGen int

	// asked are what screens and modals asked of the root in this Update
	// (ask): the root does them before it returns.
	asked []tea.Msg
}

// ask asks the root for msg (a modal to open) in the Update under way.
func (c *common) ask(msg tea.Msg) { c.asked = append(c.asked, msg) }

// servedBy names the server that holds this bundle when this program is a
// local one beside it; "" otherwise.
func (c *common) servedBy() string {
	if c.room != nil {
		return ""
	}
	return clean.Line(c.snap.Served)
}

// mayEdit reports whether this program's user writes the note of session id.
func (c *common) mayEdit(id string) bool { return c.person == nil || c.person.MayEdit(id) }

// mayPresent reports whether this program's user presents.
func (c *common) mayPresent() bool { return c.person == nil || c.person.MayPresent() }

// mayChair reports whether this program's user runs the floor.
func (c *common) mayChair() bool {
	return c.servedBy() == "" && (c.person == nil || c.person.MayChair())
}

// noteText is session id's note as this user may read it: whole for the
// rapporteurs and the secretariat, without its confidential lines and
// front matter for anyone else, "" for those who may not read notes.
func (c *common) noteText(id string) string {
	switch {
	case !c.mayReadNotes():
		return ""
	case c.person == nil || c.person.MaySeeConfidential():
		return c.snap.Texts[id].Text
	}
	return agenda.Published(c.snap.Texts[id].Text)
}

// mayReadNotes reports whether this program's user sees the rapporteurs' notes.
func (c *common) mayReadNotes() bool { return c.person == nil || c.person.MayReadNotes() }

// personID names this program's user in the room's locks.
func (c *common) personID() string {
	if c.person == nil {
		return ""
	}
	return c.person.ID
}

// putNote records a note as saved or read, in a new snapshot.
func (c *common) putNote(id string, n agenda.Note) { c.snap = c.snap.WithNote(id, n) }

// starWriter writes the personal stars. Saves run in commands that may
// finish in any order: the newest set is written last. It is the one piece
// of state commands share, and it guards itself.
type starWriter struct {
	store   agenda.Stars
	mu      sync.Mutex
	written int
}

// saveStars writes the starred set in a command.
func (c *common) saveStars() tea.Cmd {
	w := c.stars
	if w == nil || w.store.Path == "" {
		return nil
	}
	c.starsGen++
	gen, set := c.starsGen, maps.Clone(c.starred)
	return func() tea.Msg {
		w.mu.Lock()
		defer w.mu.Unlock()
		if gen < w.written {
			return nil // a newer set is on disk already
		}
		w.written = gen
		return starsSavedMsg{err: w.store.Save(set)}
	}
}

// currentEdition returns the edition on screen, or nil without scores.
func (c *common) currentEdition() *data.Edition {
	if c.snap.Scores == nil || len(c.snap.Scores.Editions) == 0 {
		return nil
	}
	return c.snap.Scores.Editions[c.edition]
}

// countryName names a delegation or a country code. (The average row of
// the scores is named by the screens that show it: its code, OECD, is also
// the Secretariat's.)
func (c *common) countryName(code string) string { return c.snap.Meeting.NameOf(code) }

// attendanceDay is the meeting day attendance is kept for now: today when
// it is one of the meeting's days, else the nearest.
func (c *common) attendanceDay() string {
	m := c.snap.Meeting
	today := agenda.DateOf(c.now().In(m.Location))
	days := m.Days()
	if len(days) == 0 {
		return today.String()
	}
	switch {
	case today.Before(days[0]):
		return days[0].String()
	case days[len(days)-1].Before(today):
		return days[len(days)-1].String()
	}
	return today.String()
}

// delegationName is "Spain (ESP)", or the code alone when unknown.
func (c *common) delegationName(code string) string {
	if d, ok := c.snap.Meeting.Delegation(code); ok && d.Name != "" && d.Name != code {
		return d.Name + " (" + code + ")"
	}
	return code
}
