package ui

import (
	"errors"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/data"
)

// TestReloadErrorsAreShown: the watcher's errors and notes that could not
// be read again reach the status line, cleaned; nothing is dropped.
func TestReloadErrorsAreShown(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	model = send(model, bundleChangedMsg{change: Change{Err: errors.New("watching /b: queue overflow\x1b[2J")}})
	if !model.status.Err || !strings.Contains(model.View(), "live reload: watching /b: queue overflow") || strings.Contains(model.View(), "\x1b") {
		t.Errorf("watcher error: %+v\n%s", model.status, model.View())
	}
	before := model.c.Snap.Texts
	snap := *model.c.Snap
	snap.Texts, snap.NotesErr = nil, errors.New("notes: permission denied")
	model = send(model, bundleReloadedMsg{snap: snap})
	if !strings.Contains(model.View(), "notes not read again: notes: permission denied") {
		t.Errorf("notes error not shown:\n%s", model.View())
	}
	if len(model.c.Snap.Texts) != len(before) || model.c.Snap.NotesErr != nil {
		t.Errorf("the notes last read did not stay")
	}
}

// TestHalfWrittenTableWaits: a table caught half-written (no final
// newline, most countries gone) is not shown at once; the bundle is read
// again after a pause and what is read then is shown.
func TestHalfWrittenTableWaits(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	before := model.c.Snap.Scores
	half := *before
	half.Scores = map[string]*data.EditionScores{}
	for id, es := range before.Scores {
		cut := *es
		cut.Rows = es.Rows[:len(es.Rows)/4]
		half.Scores[id] = &cut
	}
	snap := *model.c.Snap
	snap.Scores = &half
	next, cmd := model.Update(bundleReloadedMsg{snap: snap})
	model = next.(Model)
	if model.c.Snap.Scores != before {
		t.Fatal("a table that lost most of its countries was shown at once")
	}
	if !strings.Contains(model.status.Text, "Reading the scores again in a moment") {
		t.Errorf("status %q", model.status.Text)
	}
	if _, ok := cmd().(timerMsg); !ok {
		t.Fatalf("no pause before reading again: %T", cmd())
	}
	// Read again after the pause: taken as it is.
	model = send(model, bundleReloadedMsg{snap: snap, settled: true})
	if model.c.Snap.Scores != &half {
		t.Error("the second read was not shown")
	}
}
