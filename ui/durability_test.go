package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// blocked is a path under a regular file: nothing can be made there, even
// by root (the tests may run as root, for whom read-only means nothing).
func blocked(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(f, "below")
}

// readOnly is a folder that can be read but where nothing can be written,
// even by root: /proc's, on Linux.
func readOnly(t *testing.T) string {
	t.Helper()
	const d = "/proc/self/fdinfo"
	if _, err := os.Stat(d); err != nil {
		t.Skip("needs Linux's /proc for a folder root cannot write to")
	}
	return d
}

// failingModel is the app with notes and journal where they cannot be
// written, unless given.
func failingModel(t *testing.T, notes, journal string) Model {
	t.Helper()
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		After: heldTimer, WorkDir: t.TempDir(), Notes: agenda.NoteStore{Dir: notes},
		Journal: agenda.Journal{Dir: journal, Writer: "this-run"}})
	return send(model, tea.WindowSizeMsg{Width: 120, Height: 30})
}

// TestJournalFailureIsShown: a journal that cannot be written is said at
// once, tried again, and never claimed; a failed save says where the text
// is only when the journal holds it.
func TestJournalFailureIsShown(t *testing.T) {
	model := failingModel(t, readOnly(t), blocked(t))
	model = send(model, keys("e")...)
	if model.editor() == nil {
		t.Fatal("no editor")
	}
	model = send(model, typed("words that must not be lost"))
	model = send(model, noteeditor.JournalTickMsg{ID: model.editor().ID})
	v := model.View()
	if !strings.Contains(v, "The recovery journal cannot be written") {
		t.Fatalf("the journal's failure is not shown:\n%s", v)
	}
	if !model.editor().JTimer {
		t.Error("no second try of the journal is scheduled")
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	v = model.View()
	if !strings.Contains(v, "Not saved, and the recovery journal cannot be written: your text is only on this screen") || strings.Contains(v, "your text is in the recovery journal") {
		t.Fatalf("a failed save claims the journal or hides the risk:\n%s", v)
	}

	// With a journal that works, the same failed save says the text is there.
	model = failingModel(t, readOnly(t), t.TempDir())
	model = send(model, keys("e")...)
	model = send(model, typed("words"))
	model = send(model, noteeditor.JournalTickMsg{ID: model.editor().ID})
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	if v := model.View(); !strings.Contains(v, "Not saved; your text is in the recovery journal") {
		t.Fatalf("no word of the journal:\n%s", v)
	}
}

// TestQuitWithAFailingSave: ctrl+c quits once the text is in the journal;
// when even the journal fails it asks for a file (or a knowing discard),
// and Flush after the program says where the text went.
func TestQuitWithAFailingSave(t *testing.T) {
	journal := t.TempDir()
	model := failingModel(t, readOnly(t), journal)
	model = send(model, keys("e")...)
	model = send(model, typed("journalled words"))
	next, cmd := model.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	model = next.(Model)
	msg := cmd() // the save, which fails
	next, cmd = model.Update(msg)
	model = next.(Model)
	if _, quit := cmd().(noteeditor.JournalMsg); !quit {
		t.Fatalf("after the failed save: %T, want the journal written", cmd())
	}
	next, cmd = model.Update(cmd())
	model = next.(Model)
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("no quit with the text in the journal")
	}
	if err := model.Flush(); err == nil || !strings.Contains(err.Error(), "recovery journal") {
		t.Errorf("Flush: %v", err)
	}

	model = failingModel(t, readOnly(t), blocked(t))
	model = send(model, keys("e")...)
	model = send(model, typed("words with nowhere to go"))
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlC})
	if _, ok := model.top().(*noteeditor.Rescue); !ok {
		t.Fatalf("no rescue when nothing can be written: %T\n%s", model.top(), model.View())
	}
	if v := model.View(); !strings.Contains(v, "could not be saved, nor kept in the recovery journal") {
		t.Fatalf("rescue screen:\n%s", v)
	}
	model = send(model, typed("rescued.md"))
	next, cmd = model.Update(enter)
	model = next.(Model)
	next, cmd = model.Update(cmd())
	model = next.(Model)
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("no quit after the rescue")
	}
	b, err := os.ReadFile(filepath.Join(model.c.WorkDir, "rescued.md"))
	if err != nil || string(b) != "words with nowhere to go\n" {
		t.Fatalf("rescued file %q %v", b, err)
	}
	if err := model.Flush(); err == nil || !strings.Contains(err.Error(), "rescued.md") {
		t.Errorf("Flush after the rescue: %v", err)
	}
}

// TestFlushLastResorts: when neither the note nor the journal can be
// written, Flush writes a temporary file and names it.
func TestFlushLastResorts(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	model := failingModel(t, readOnly(t), blocked(t))
	model = send(model, keys("e")...)
	model = send(model, typed("last words"))
	err := model.Flush()
	if err == nil || !strings.Contains(err.Error(), "nor journalled") {
		t.Fatalf("Flush: %v", err)
	}
	p := err.Error()[strings.LastIndex(err.Error(), " ")+1:]
	if b, rerr := os.ReadFile(p); rerr != nil || string(b) != "last words\n" {
		t.Errorf("the temporary file %s: %q %v", p, b, rerr)
	}
}

// TestNoteDeletedWhileOpen: the text stays, unsaved, and the editor says so.
func TestNoteDeletedWhileOpen(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	path := filepath.Join(dir, "notes", "where-do-we-stand.md")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("kept words\n"), 0o644)
	model = send(model, keys("e")...)
	os.Remove(path)
	snap := *model.c.Snap
	texts := map[string]agenda.Note{}
	snap.Texts = texts
	model = send(model, bundleReloadedMsg{snap: snap})
	ne := model.editor()
	if ne.Ed.Value() != "kept words" || !ne.Dirty() || !strings.Contains(model.View(), "deleted on disk") {
		t.Fatalf("after the deletion: %q dirty=%v\n%s", ne.Ed.Value(), ne.Dirty(), model.View())
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b, _ := os.ReadFile(path); string(b) != "kept words\n" {
		t.Errorf("ctrl+s did not write it again: %q", b)
	}
}

// TestRemoteRescueStaysInTheRescueFolder: over SSH, the rescue of an
// unsavable note asks for no path — a typed absolute path, "..", or a
// name are ignored — and writes only into the server's rescue folder,
// under the person's id and the time.
func TestRemoteRescueStaysInTheRescueFolder(t *testing.T) {
	m := embeddedMeeting(t)
	rescueDir := filepath.Join(t.TempDir(), "rescue")
	outside := filepath.Join(t.TempDir(), "authorized_keys")
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		After: heldTimer, WorkDir: t.TempDir(), Notes: agenda.NoteStore{Dir: readOnly(t)},
		Journal: agenda.Journal{Dir: blocked(t), Writer: "p-lucia"}, Remote: true, RescueDir: rescueDir,
		Person: &room.Person{Name: "Lucía", ID: "p-lucia", Role: room.Rapporteur}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("e")...)
	model = send(model, typed("ssh-ed25519 AAAA attacker"))
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlC})
	if _, ok := model.top().(*noteeditor.Rescue); !ok {
		t.Fatalf("no rescue: %T\n%s", model.top(), model.View())
	}
	if v := model.View(); !strings.Contains(v, "rescue folder") || strings.Contains(v, "Name a file") {
		t.Fatalf("the remote rescue asks for a path:\n%s", v)
	}
	for _, p := range []string{outside, "../../" + filepath.Base(outside), "x/../../y"} {
		model = send(model, typed(p))
	}
	next, cmd := model.Update(enter)
	model = next.(Model)
	next, cmd = model.Update(cmd())
	model = next.(Model)
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatalf("no quit after the rescue:\n%s", model.View())
	}
	if _, err := os.Stat(outside); err == nil {
		t.Fatal("the rescue wrote outside the rescue folder")
	}
	files, _ := filepath.Glob(filepath.Join(rescueDir, "p-lucia-where-do-we-stand-*.md"))
	if len(files) != 1 {
		t.Fatalf("rescue folder holds %v", files)
	}
	if b, _ := os.ReadFile(files[0]); string(b) != "ssh-ed25519 AAAA attacker\n" {
		t.Errorf("rescued text %q", b)
	}
	if err := model.Flush(); err == nil || !strings.Contains(err.Error(), files[0]) {
		t.Errorf("Flush after the rescue: %v", err)
	}
}

// TestFailedNoteSaveIsRetried: a note that could not be saved is saved
// again ten seconds later, whether or not the rapporteur types on.
func TestFailedNoteSaveIsRetried(t *testing.T) {
	model := failingModel(t, readOnly(t), t.TempDir())
	var asked []time.Duration
	model.c.After = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		asked = append(asked, d)
		return nil
	}
	model = send(model, keys("e")...)
	model = send(model, typed("D: kept"), tea.KeyMsg{Type: tea.KeyCtrlS})
	if !strings.Contains(model.View(), "Not saved") {
		t.Fatalf("the save did not fail:\n%s", model.View())
	}
	if !slices.Contains(asked, 10*time.Second) {
		t.Errorf("no retry in 10 s was asked: %v", asked)
	}
}
