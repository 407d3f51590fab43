package main

import (
	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// loaded is everything read from a bundle.
type loaded struct {
	meeting        *agenda.Meeting
	scores         *data.Dataset // nil when the bundle has no scores.toml
	scoresProblems bool          // scores.toml exists but is invalid
	deck           *deck.Deck    // nil when the bundle has no deck.toml
	deckProblems   bool          // deck.toml exists but is invalid
}

// loadBundle reads every file of a bundle and returns all problems found,
// in file order.
func loadBundle(b bundle) (loaded, strict.Problems) {
	var ld loaded
	// The meeting and the scores do not depend on each other: read them on
	// two cores, for the first frame's sake.
	var d *data.Dataset
	var sp strict.Problems
	done := make(chan struct{})
	go func() {
		d, sp = data.LoadScores(b.fsys)
		close(done)
	}()
	m, probs := agenda.Load(b.fsys)
	<-done
	ld.meeting = m
	ld.scores = d
	ld.scoresProblems = d == nil && sp.Errors() > 0
	probs = append(probs, sp...)
	if m != nil && !ld.scoresProblems {
		dk, dp := deck.Load(b.fsys, m, d)
		ld.deck = dk
		ld.deckProblems = dk == nil && dp.Errors() > 0
		probs = append(probs, dp...)
	}
	probs.Sort()
	return ld, probs
}

// valid reports whether the app can open the bundle.
func (ld loaded) valid() bool { return ld.meeting != nil && !ld.scoresProblems && !ld.deckProblems }

// snapshot reads the bundle again for a live reload: meeting, scores, deck
// and the notes of its sessions.
func snapshot(b bundle, pl places) room.Snapshot {
	ld, probs := loadBundle(b)
	snap := room.Snapshot{Meeting: ld.meeting, Scores: ld.scores, Deck: ld.deck, Problems: probs}
	if ld.meeting == nil {
		return snap
	}
	// The notes that can be read, and what went wrong with the others.
	snap.Texts, snap.NotesErr = pl.notes.LoadAll(ld.meeting.SessionIDs())
	// A broken floor record is left out (plenary check names it).
	snap.Floors, _ = pl.floor.LoadAll(ld.meeting.SessionIDs(), ld.meeting.Codes())
	snap.Present, _ = pl.floor.LoadAttendance(ld.meeting.Codes())
	return snap
}
