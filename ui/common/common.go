// Package common is what every screen and modal of the app shares and
// nothing else: the context (the snapshot, the clocks, the person, the
// stores), the theme, the key map, the Screen and Modal contracts, the
// messages that ask the root for something, and the text helpers that lay
// lines out. It imports no other ui package.
package common

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

// Common is the context every screen shares: what is shown, how to draw it
// and what time it is. The root owns it; screens read it in Update and
// View. Commands never capture it: they take the values they need (the
// snapshot pointer, a store, a path) when Update makes them, because they
// run beside the next Update.
type Common struct {
	Theme *Theme
	Keys  KeyMap
	Now   func() time.Time
	// Wall is the real clock, for save times; now is the meeting clock.
	Wall func() time.Time
	// After makes a timer command: tea.Tick, or a test's fake.
	After func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	// Snap is the bundle's data. It is never changed in place: a reload or
	// a saved note swaps in a new one, so a command that took the pointer
	// reads a consistent bundle however long it runs.
	Snap    *room.Snapshot
	Edition int             // the edition shown, index into snap.Scores.Editions
	Marked  map[string]bool // countries marked in the Scores view
	// Session is the session selected in the agenda, or -1.
	Session func() int

	Notes    agenda.NoteStore // where notes are saved
	Floor    floor.Store      // where the chair's records are saved
	Journal  agenda.Journal   // unsaved typing, for recovery
	Stars    *StarWriter
	Starred  map[string]bool
	starsGen int // counts star changes, so the newest set is written last

	WorkDir  string   // where exports from the app are written
	Editor   []string // the external editor's command ($VISUAL, $EDITOR or vi)
	EditorIn *os.File // its input, when not the program's (Options.EditorInput)

	// Person is who uses the program in a room (nil: a local run, which may
	// do everything); room is the shared state, member this program in it.
	Person *room.Person
	Room   *room.Room
	Member *room.Member
	// Saving runs a local program's attendance saves one at a time (a
	// served program's go through the room's).
	Saving    func(func() error) error
	Remote    bool
	RescueDir string  // Options.RescueDir
	Shared    *Shared // shared among the programs of a server, or nil

	// FloorPlace is this person's place at the floor ("you asked for the
	// floor: 3rd of 4", "you have the floor"), for screens that cover the
	// status line (a follower's slide); "" when they neither wait nor speak.
	FloorPlace string

	// Banner: the bundle on disk is broken (what is drawn is the last good
	// data, or nothing of the broken part); a slide only marks it.
	Banner string

	// ModalGen changes whenever a modal opens or closes: a modal asked for
	// in a command (a note being read) opens only if nothing changed since.
	ModalGen int

	// Asked are what screens and modals asked of the root in this Update
	// (ask): the root does them before it returns.
	Asked []tea.Msg
}

// Ask asks the root for msg (a modal to open) in the Update under way.
func (c *Common) Ask(msg tea.Msg) { c.Asked = append(c.Asked, msg) }

// ServedBy names the server that holds this bundle when this program is a
// local one beside it; "" otherwise.
func (c *Common) ServedBy() string {
	if c.Room != nil {
		return ""
	}
	return clean.Line(c.Snap.Served)
}

// MayEdit reports whether this program's user writes the note of session id.
func (c *Common) MayEdit(id string) bool { return c.Person == nil || c.Person.MayEdit(id) }

// MayPresent reports whether this program's user presents.
func (c *Common) MayPresent() bool { return c.Person == nil || c.Person.MayPresent() }

// MayChair reports whether this program's user runs the floor.
func (c *Common) MayChair() bool {
	return c.ServedBy() == "" && (c.Person == nil || c.Person.MayChair())
}

// NoteText is session id's note as this user may read it: whole for the
// rapporteurs and the secretariat, without its confidential lines and
// front matter for anyone else, "" for those who may not read notes.
func (c *Common) NoteText(id string) string {
	switch {
	case !c.MayReadNotes():
		return ""
	case c.Person == nil || c.Person.MaySeeConfidential():
		return c.Snap.Texts[id].Text
	}
	return agenda.Published(c.Snap.Texts[id].Text)
}

// MayAskFloor reports whether this program's user asks for the floor:
// someone who speaks for a delegation, or a local run's one user (who
// names the delegation).
func (c *Common) MayAskFloor() bool {
	return c.ServedBy() == "" && (c.Person == nil || c.Person.Delegation != "")
}

// MayReadNotes reports whether this program's user sees the rapporteurs' notes.
func (c *Common) MayReadNotes() bool { return c.Person == nil || c.Person.MayReadNotes() }

// PersonID names this program's user in the room's locks.
func (c *Common) PersonID() string {
	if c.Person == nil {
		return ""
	}
	return c.Person.ID
}

// PutNote records a note as saved or read, in a new snapshot.
func (c *Common) PutNote(id string, n agenda.Note) { c.Snap = c.Snap.WithNote(id, n) }

// StarWriter writes the personal stars. Saves run in commands that may
// finish in any order: the newest set is written last. It is the one piece
// of state commands share, and it guards itself.
type StarWriter struct {
	Store   agenda.Stars
	mu      sync.Mutex
	written int
}

// SaveStars writes the starred set in a command.
func (c *Common) SaveStars() tea.Cmd {
	w := c.Stars
	if w == nil || w.Store.Path == "" {
		return nil
	}
	c.starsGen++
	gen, set := c.starsGen, maps.Clone(c.Starred)
	return func() tea.Msg {
		w.mu.Lock()
		defer w.mu.Unlock()
		if gen < w.written {
			return nil // a newer set is on disk already
		}
		w.written = gen
		return StarsSavedMsg{Err: w.Store.Save(set)}
	}
}

// CurrentEdition returns the edition on screen, or nil without scores.
func (c *Common) CurrentEdition() *data.Edition {
	if c.Snap.Scores == nil || len(c.Snap.Scores.Editions) == 0 {
		return nil
	}
	return c.Snap.Scores.Editions[c.Edition]
}

// CountryName names a delegation or a country code. (The average row of
// the scores is named by the screens that show it: its code, OECD, is also
// the Secretariat's.)
func (c *Common) CountryName(code string) string { return c.Snap.Meeting.NameOf(code) }

// AttendanceDay is the meeting day attendance is kept for now: today when
// it is one of the meeting's days, else the nearest.
func (c *Common) AttendanceDay() string {
	m := c.Snap.Meeting
	today := agenda.DateOf(c.Now().In(m.Location))
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

// DelegationName is "Spain (ESP)", or the code alone when unknown.
func (c *Common) DelegationName(code string) string {
	if d, ok := c.Snap.Meeting.Delegation(code); ok && d.Name != "" && d.Name != code {
		return d.Name + " (" + code + ")"
	}
	return code
}

// Shown is a message or a path as this program's person may read it: over
// SSH the server's folders are named as places in the bundle ("notes/…",
// "floor/…"), never where the server keeps them. A local user sees the
// paths as they are.
func (c *Common) Shown(s string) string {
	if !c.Remote {
		return s
	}
	sep := string(filepath.Separator)
	for _, p := range []struct{ dir, as string }{
		{c.Notes.Dir, "notes/"}, {c.Floor.Dir, "floor/"}, {c.Journal.Dir, "journal/"}, {c.RescueDir, "rescue/"},
		{c.Notes.Root, ""}, {c.Floor.Root, ""},
	} {
		if p.dir == "" || filepath.Clean(p.dir) == sep {
			continue
		}
		dir := filepath.Clean(p.dir)
		s = strings.ReplaceAll(s, dir+sep, p.as)
		bare := strings.TrimSuffix(p.as, "/")
		if bare == "" {
			bare = "the bundle"
		}
		s = strings.ReplaceAll(s, dir, bare)
	}
	return s
}
