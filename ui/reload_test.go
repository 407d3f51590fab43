package ui

import (
	"errors"
	"strings"
	"testing"
)

// TestReloadErrorsAreShown: the watcher's errors and notes that could not
// be read again reach the status line, cleaned; nothing is dropped.
func TestReloadErrorsAreShown(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	model = send(model, bundleChangedMsg{change: Change{Err: errors.New("watching /b: queue overflow\x1b[2J")}})
	if !model.status.err || !strings.Contains(model.View(), "live reload: watching /b: queue overflow") || strings.Contains(model.View(), "\x1b") {
		t.Errorf("watcher error: %+v\n%s", model.status, model.View())
	}
	before := model.c.snap.Texts
	snap := *model.c.snap
	snap.Texts, snap.NotesErr = nil, errors.New("notes: permission denied")
	model = send(model, bundleReloadedMsg{snap: snap})
	if !strings.Contains(model.View(), "notes not read again: notes: permission denied") {
		t.Errorf("notes error not shown:\n%s", model.View())
	}
	if len(model.c.snap.Texts) != len(before) || model.c.snap.NotesErr != nil {
		t.Errorf("the notes last read did not stay")
	}
}
