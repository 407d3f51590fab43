package bundle

import (
	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// Loaded is everything read from a bundle.
type Loaded struct {
	Meeting        *agenda.Meeting
	Scores         *data.Dataset // nil when the bundle has no scores.toml
	ScoresProblems bool          // scores.toml exists but is invalid
	Deck           *deck.Deck    // nil when the bundle has no deck.toml
	DeckProblems   bool          // deck.toml exists but is invalid
}

// Load reads every file of a bundle and returns all problems found,
// in file order.
func Load(b Bundle) (Loaded, strict.Problems) {
	var ld Loaded
	// The meeting and the scores do not depend on each other: read them on
	// two cores, for the first frame's sake.
	var d *data.Dataset
	var sp strict.Problems
	done := make(chan struct{})
	go func() {
		d, sp = data.LoadScores(b.FS)
		close(done)
	}()
	m, probs := agenda.Load(b.FS)
	<-done
	ld.Meeting = m
	ld.Scores = d
	ld.ScoresProblems = d == nil && sp.Errors() > 0
	probs = append(probs, sp...)
	if m != nil && !ld.ScoresProblems {
		dk, dp := deck.Load(b.FS, m, d)
		ld.Deck = dk
		ld.DeckProblems = dk == nil && dp.Errors() > 0
		probs = append(probs, dp...)
	}
	probs.Sort()
	return ld, probs
}

// Valid reports whether the app can open the bundle.
func (ld Loaded) Valid() bool { return ld.Meeting != nil && !ld.ScoresProblems && !ld.DeckProblems }

// Snapshot reads the bundle again for a live reload: meeting, scores, deck
// and the notes of its sessions.
func Snapshot(b Bundle, pl Places) room.Snapshot {
	ld, probs := Load(b)
	snap := room.Snapshot{Meeting: ld.Meeting, Scores: ld.Scores, Deck: ld.Deck, Problems: probs}
	if ld.Meeting == nil {
		return snap
	}
	// The notes that can be read, and what went wrong with the others.
	snap.Texts, snap.NotesErr = pl.Notes.LoadAll(ld.Meeting.SessionIDs())
	// A broken floor record is left out (plenary check names it).
	snap.Floors, _ = pl.Floor.LoadAll(ld.Meeting.SessionIDs(), ld.Meeting.Codes())
	snap.Present, _ = pl.Floor.LoadAttendance(ld.Meeting.Codes())
	return snap
}
