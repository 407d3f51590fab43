package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// TestHostileNamesOnScreen: a bundle folder, a work folder and a banner
// whose names hold escapes reach the screen cleaned: the header, the
// editor's path line, the export prompt, the status line.
func TestHostileNamesOnScreen(t *testing.T) {
	m := embeddedMeeting(t)
	evil := "b\x1b]2;PWN\a\x1b[2J\u009b31m\u202e"
	dir := filepath.Join(t.TempDir(), evil)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Source: "~/" + evil, Banner: "scores.toml:1:1: " + evil,
		Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer, WorkDir: dir,
		Notes: agenda.NoteStore{Dir: filepath.Join(dir, "notes")}, Wall: func() time.Time { return time.Unix(0, 0) }})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 30})
	check := func(what string) {
		t.Helper()
		for _, r := range model.View() {
			if clean.Control(r) && r != '\n' {
				t.Fatalf("%s: %U on screen:\n%q", what, r, model.View())
			}
		}
	}
	check("the header and the banner")
	model = send(model, keys("x")...)
	check("the export prompt")
	model = send(model, keys("r")...) // fails: the folder does not exist; the message names it
	if !strings.Contains(model.status.Text, "export failed") {
		t.Fatalf("status %q", model.status.Text)
	}
	check("the export's error")
	model = send(model, keys("e")...)
	if model.editor() == nil {
		t.Fatal("no editor")
	}
	check("the editor's path line")
}

// TestNoteSizeCap: typing and pasting stop at the note's cap, with a
// message; nothing is lost of what was there.
func TestNoteSizeCap(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	m := model.c.Snap.Meeting
	near := strings.Repeat("x", agenda.MaxNoteSize-100)
	model = send(model, noteeditor.NoteLoadedMsg{ID: m.Sessions[0].ID, Gen: model.c.ModalGen, Note: agenda.Note{Text: near}})
	if model.editor() == nil {
		t.Fatal("no editor")
	}
	model = send(model, typed(strings.Repeat("y", 50)))
	if got := model.editor().Ed.Size(); got != len(near)+50+1 {
		t.Fatalf("size %d after typing under the cap", got)
	}
	model = send(model, typed(strings.Repeat("z", 200)))
	if v := model.View(); !strings.Contains(v, "MiB limit") {
		t.Errorf("no message at the cap:\n%s", v[:300])
	}
	if strings.Contains(model.editor().Ed.Value(), "z") {
		t.Error("a paste past the cap went in")
	}
}
