package main

import (
	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// loaded is everything read from a bundle.
type loaded struct {
	meeting        *agenda.Meeting
	scores         *data.Dataset // nil when the bundle has no scores.toml
	scoresProblems bool          // scores.toml exists but is invalid
}

// loadBundle reads every file of a bundle and returns all problems found,
// in file order.
func loadBundle(b bundle) (loaded, strict.Problems) {
	var ld loaded
	m, probs := agenda.Load(b.fsys)
	ld.meeting = m
	d, sp := data.LoadScores(b.fsys)
	ld.scores = d
	ld.scoresProblems = d == nil && sp.Errors() > 0
	probs = append(probs, sp...)
	probs.Sort()
	return ld, probs
}

// valid reports whether the app can open the bundle.
func (ld loaded) valid() bool { return ld.meeting != nil && !ld.scoresProblems }
