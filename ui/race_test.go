package ui

import (
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// TestReloadWhileCommandsRun runs exports, note saves and star saves in
// goroutines, as the program does, while Update takes reloads and typing.
// Commands read only what they captured, so go test -race finds nothing.
func TestReloadWhileCommandsRun(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	var wg sync.WaitGroup
	run := func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		wg.Go(func() {
			if b, ok := cmd().(tea.BatchMsg); ok {
				for _, c := range b {
					if c != nil {
						c()
					}
				}
			}
		})
	}
	update := func(msg tea.Msg) {
		next, cmd := model.Update(msg)
		model = next.(Model)
		run(cmd)
	}
	for range 20 {
		for _, k := range []string{"x", "r", "x", "j", "x", "i", "*"} {
			update(keys(k)[0])
		}
		// A reload swaps the snapshot while those commands run.
		snap := *model.c.Snap
		update(bundleReloadedMsg{snap: snap})
		update(keys("e")[0])
		model = runCmd(model, noteeditor.OpenNoteAt(model.c, model.c.Snap.Meeting.Sessions[0].ID, 0))
		update(typed("D: typed while exports run"))
		update(tea.KeyMsg{Type: tea.KeyCtrlS})
		update(noteeditor.NoteSavedMsg{ID: model.c.Snap.Meeting.Sessions[0].ID, Gen: 1, Text: "D: saved\n"}) // the save of this editor's one change
		update(esc)
		if model.top() != nil {
			t.Fatalf("%T still open", model.top())
		}
		update(bundleReloadedMsg{snap: snap})
	}
	wg.Wait()
}
