package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
)

// notesModel is the app on the embedded meeting with notes, journal and
// stars in temporary folders.
func notesModel(t *testing.T, w, h int) (Model, string) {
	t.Helper()
	dir := t.TempDir()
	m := embeddedMeeting(t)
	wall := time.Date(2017, 5, 18, 8, 42, 7, 0, time.UTC) // 10:42:07 in Paris: names and messages are in the meeting's zone
	model := New(Options{Meeting: m, Scores: embeddedScores(t), Renderer: asciiRenderer(),
		Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, Wall: func() time.Time { return wall },
		Notes:   agenda.NoteStore{Dir: filepath.Join(dir, "notes")},
		Journal: agenda.Journal{Dir: filepath.Join(dir, "journal"), Writer: "this-run"},
		Stars:   agenda.Stars{Path: filepath.Join(dir, "starred.toml")},
		After:   heldTimer,
		WorkDir: dir,
	})
	return send(model, tea.WindowSizeMsg{Width: w, Height: h}), dir
}

func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

func TestEditNoteSaveAndShow(t *testing.T) {
	model, dir := notesModel(t, 100, 60)
	model = send(model, keys("e")...)
	if model.editor() == nil {
		t.Fatal("e did not open the editor")
	}
	model = send(model, typed("Opening by the chair."), enter, typed("D: Adopt the agenda"), enter,
		typed("A: Circulate slides @OECD due 2017-05-31"), enter, tea.KeyMsg{Type: tea.KeyCtrlT}, typed("Q: Next steps?"))
	v := model.View()
	for _, want := range []string{"Notes · 1 Where do we stand?", "unsaved", "D D: Adopt the agenda", "A A: Circulate slides", "[10:30] Q: Next steps?"} {
		if !strings.Contains(v, want) {
			t.Errorf("editor lacks %q:\n%s", want, v)
		}
	}
	// q is text in the editor, never quit.
	next, cmd := model.Update(keys("q")[0])
	model = next.(Model)
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("q quit from the editor")
		}
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyCtrlS})
	if !strings.Contains(model.View(), "saved 10:42:07") {
		t.Errorf("no save time after ctrl+s:\n%s", model.View())
	}
	b, err := os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md"))
	want := "Opening by the chair.\nD: Adopt the agenda\nA: Circulate slides @OECD due 2017-05-31\n[10:30] Q: Next steps?\n"
	if err != nil || string(b) != want {
		t.Fatalf("file %q %v", b, err)
	}
	model = send(model, esc)
	if model.editor() != nil {
		t.Fatal("esc did not leave the editor")
	}
	if v := model.View(); !strings.Contains(v, "Rapporteur's notes") || !strings.Contains(v, "Decision: Adopt the agenda") {
		t.Errorf("the detail does not show the note:\n%s", v)
	}
	// The Notes view compiles the typed lines.
	model = send(model, keys("4")...)
	v = model.View()
	for _, want := range []string{"1 decision · 1 action · 1 question", "Session 1 · Where do we stand?", "D  Adopt the agenda", "OECD Secretariat · due 2017-05-31"} {
		if !strings.Contains(v, want) {
			t.Errorf("Notes view lacks %q:\n%s", want, v)
		}
	}
	model = send(model, keys("/@DEU")...)
	if !strings.Contains(model.View(), `Nothing matches "@DEU".`) {
		t.Errorf("owner filter:\n%s", model.View())
	}
	model = send(model, esc)
	model = send(model, keys("/decision")...)
	model = send(model, enter)
	model = send(model, keys("jj")...)
	model = send(model, enter)
	if model.active != viewAgenda {
		t.Errorf("enter in Notes went to view %d", model.active)
	}
}

func TestEditorConflict(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	path := filepath.Join(dir, "notes", "where-do-we-stand.md")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("original"), 0o644)
	model = send(model, keys("e")...)
	model = send(model, typed(" and mine"))
	// Another rapporteur saves the same note meanwhile.
	os.WriteFile(path, []byte("original and theirs\n"), 0o644)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	v := model.View()
	if !strings.Contains(v, "Changed on disk meanwhile: m keep yours · t take theirs · b both") || !strings.Contains(v, "− original and theirs") || !strings.Contains(v, "+ original and mine") {
		t.Fatalf("no conflict shown:\n%s", v)
	}
	if b, _ := os.ReadFile(path); string(b) != "original and theirs\n" {
		t.Fatal("the conflicting save overwrote their work")
	}
	model = send(model, keys("b")...)
	if got := model.editor().Ed.Value(); got != "original and theirs" {
		t.Errorf("after b the editor holds %q, want theirs", got)
	}
	beside := filepath.Join(dir, "notes", "where-do-we-stand.conflict-20170518-104207.md")
	if b, err := os.ReadFile(beside); err != nil || string(b) != "original and mine\n" {
		t.Errorf("mine beside: %q %v", b, err)
	}
	// Keep mine: overwrite after a new conflict.
	model = send(model, typed("!"))
	os.WriteFile(path, []byte("third version"), 0o644)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS}, keys("m")[0])
	if b, _ := os.ReadFile(path); string(b) != "original and theirs!\n" {
		t.Errorf("keep mine: file holds %q", b)
	}
	// Take theirs.
	model = send(model, typed("?"))
	os.WriteFile(path, []byte("fourth"), 0o644)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS}, keys("t")[0])
	if got := model.editor().Ed.Value(); got != "fourth" || model.editor().Dirty() {
		t.Errorf("take theirs: %q dirty=%v", got, model.editor().Dirty())
	}
}

func TestRecoveryAtStart(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	j := agenda.Journal{Dir: filepath.Join(dir, "journal"), Writer: "an-earlier-run"}
	j.Write(agenda.Entry{Session: "ogd-report", Text: "typed before the crash", At: time.Date(2017, 5, 18, 8, 41, 0, 0, time.UTC)})
	model = runCmd(model, model.Init())
	v := model.View()
	if !strings.Contains(v, "Unsaved notes were found") || !strings.Contains(v, "+ typed before the crash") || !strings.Contains(v, "Session 2") {
		t.Fatalf("no recovery offered:\n%s", v)
	}
	model = send(model, keys("r")...)
	if model.editor() == nil || model.editor().Ed.Value() != "typed before the crash" || !model.editor().Dirty() {
		t.Fatal("r did not restore the text into the editor")
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "ogd-report.md")); string(b) != "typed before the crash\n" {
		t.Errorf("restored note saved as %q", b)
	}
	if len(j.Entries()) != 0 {
		t.Error("the journal was not cleared after the save")
	}
}

func TestQuitSavesFirst(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("e")...)
	model = send(model, typed("last words"))
	next, cmd := model.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	model = next.(Model)
	msg := cmd()
	if _, ok := msg.(noteeditor.NoteSavedMsg); !ok {
		t.Fatalf("ctrl+c did not save first: %T", msg)
	}
	_, cmd = model.Update(msg)
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("no quit after the save")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md")); string(b) != "last words\n" {
		t.Errorf("file %q", b)
	}
}

// TestShutdownQuitsAtOnce: a signal (nobody may be at the terminal) quits
// without asking anything; Flush then saves.
func TestShutdownQuitsAtOnce(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("e")...)
	model = send(model, typed("last words"))
	next, cmd := model.Update(ShutdownMsg{})
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Fatal("a signal did not quit")
	}
	if err := next.(Model).Flush(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md")); string(b) != "last words\n" {
		t.Errorf("file %q", b)
	}
}

func TestFlushSavesWhateverEndedTheProgram(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("e")...)
	model = send(model, typed("unsaved"))
	if err := model.Flush(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md")); string(b) != "unsaved\n" {
		t.Errorf("file %q", b)
	}
}

func TestStarsAndStarredOnly(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("*jj*")...)
	b, _ := os.ReadFile(filepath.Join(dir, "starred.toml"))
	if !strings.Contains(string(b), `starred = ["digital-transformation", "where-do-we-stand"]`) {
		t.Errorf("stars file: %s", b)
	}
	model = send(model, keys("f")...)
	if n := len(model.agenda.Items); n != 3 { // a day header and two sessions
		t.Errorf("starred only shows %d rows", n)
	}
	if v := model.View(); !strings.Contains(v, "1★  Where do we stand?") || strings.Contains(v, "OECD Open Government Data Report") {
		t.Errorf("starred agenda:\n%s", v)
	}
}

func TestExportFromTheApp(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("x")...)
	if !strings.Contains(model.View(), "r report · i calendar · j JSON") {
		t.Fatalf("no export prompt:\n%s", model.View())
	}
	model = send(model, keys("r")...)
	b, err := os.ReadFile(filepath.Join(dir, "egm-ogd-2017-report.md"))
	if err != nil || !strings.HasPrefix(string(b), "# 3rd OECD Expert Group Meeting on Open Government Data") {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(model.status.Text, "Wrote ") {
		t.Errorf("status %q", model.status.Text)
	}
	model = send(model, keys("xi")...)
	if b, err := os.ReadFile(filepath.Join(dir, "egm-ogd-2017.ics")); err != nil || !strings.Contains(string(b), "BEGIN:VCALENDAR") {
		t.Errorf("calendar: %v", err)
	}
	model = send(model, keys("xj")...)
	if b, err := os.ReadFile(filepath.Join(dir, "egm-ogd-2017.json")); err != nil || !strings.Contains(string(b), `"scores"`) {
		t.Errorf("json: %v", err)
	}
}

// editing100KB is the root model at 120×40 with a 100 KB note open.
func editing100KB(b *testing.B) Model {
	m := embeddedMeeting(b)
	var sb strings.Builder
	for sb.Len() < 100_000 {
		sb.WriteString("A: the quick brown fox jumps over the lazy dog and keeps typing notes @DEU due 2017-06-30\n")
	}
	root := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(b, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer,
		Notes: agenda.NoteStore{Dir: b.TempDir()}})
	root = send(root, tea.WindowSizeMsg{Width: 120, Height: 40})
	root = send(root, noteeditor.NoteLoadedMsg{ID: m.Sessions[0].ID, Note: agenda.Note{Text: sb.String()}})
	return root
}

func BenchmarkEditorUpdateView100KB(b *testing.B) {
	root := editing100KB(b)
	// Typing and deleting in turn keeps the note at 100 KB whatever b.N is.
	ks := []tea.KeyMsg{keys("x")[0].(tea.KeyMsg), {Type: tea.KeyBackspace}}
	i := 0
	for b.Loop() {
		next, _ := root.Update(ks[i%2])
		i++
		root = next.(Model)
		_ = root.View()
	}
}

// BenchmarkEditorUndo100KB: a word typed and undone in a 100 KB note,
// through Update and View (the note stays 100 KB whatever b.N is).
func BenchmarkEditorUndo100KB(b *testing.B) {
	root := editing100KB(b)
	ks := []tea.KeyMsg{keys("x")[0].(tea.KeyMsg), {Type: tea.KeyCtrlZ}}
	i := 0
	for b.Loop() {
		next, _ := root.Update(ks[i%2])
		i++
		root = next.(Model)
		_ = root.View()
	}
}

func BenchmarkSaveNote100KB(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 100_000 {
		sb.WriteString("A: the quick brown fox jumps over the lazy dog and keeps typing notes @DEU due 2017-06-30\n")
	}
	s := agenda.NoteStore{Dir: b.TempDir()}
	v := agenda.Version{}
	for b.Loop() {
		var err error
		if v, err = s.Save("s", sb.String(), v); err != nil {
			b.Fatal(err)
		}
	}
}

func TestNoteChangedByAnotherRapporteur(t *testing.T) {
	model, dir := notesModel(t, 100, 60)
	store := agenda.NoteStore{Dir: filepath.Join(dir, "notes")}
	m := model.c.Snap.Meeting
	reload := func() {
		n, _ := store.LoadAll([]string{"where-do-we-stand"})
		model = send(model, bundleReloadedMsg{snap: room.Snapshot{Meeting: m, Scores: model.c.Snap.Scores, Texts: n}})
	}
	// Another process writes a note: the detail shows it after the reload.
	store.Overwrite("where-do-we-stand", "D: Written elsewhere\n")
	reload()
	if !strings.Contains(model.View(), "Decision: Written elsewhere") {
		t.Fatalf("the detail does not show a note written elsewhere:\n%s", model.View())
	}
	// Open in the editor with nothing typed: it takes the new text.
	model = send(model, keys("e")...)
	store.Overwrite("where-do-we-stand", "D: Written elsewhere\nD: And more\n")
	reload()
	if got := model.editor().Ed.Value(); got != "D: Written elsewhere\nD: And more" {
		t.Errorf("the editor did not take the new text: %q", got)
	}
	// With unsaved typing: a conflict to resolve.
	model = send(model, typed(" (mine)"))
	store.Overwrite("where-do-we-stand", "third\n")
	reload()
	if model.editor().Conflict == nil || !strings.Contains(model.View(), "Changed on disk meanwhile") {
		t.Error("unsaved typing over a changed note is not a conflict")
	}
}

// TestEditorHelp: ? types in a note; F1 (or ctrl+g) shows every key of the
// editor, and esc comes back to the note.
func TestEditorHelp(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer, Notes: agenda.NoteStore{Dir: t.TempDir()}})
	model = send(model, tea.WindowSizeMsg{Width: 80, Height: 40}, keys("e")[0], keys("?")[0])
	if got := model.editor().Ed.Value(); got != "?" {
		t.Fatalf("? did not type: %q", got)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlG})
	v := model.View()
	for _, want := range []string{"Keys · Note editor", "ctrl+z        undo", "ctrl+v        paste", "ctrl+o        the speaker's name"} {
		if !strings.Contains(v, want) {
			t.Errorf("the editor's help lacks %q:\n%s", want, v)
		}
	}
	model = send(model, esc)
	if model.editor() == nil || !strings.Contains(model.View(), "Notes · 1") {
		t.Errorf("esc did not come back to the note:\n%s", model.View())
	}
}

// TestEditorFind: ctrl+f finds in the note, whatever the case, wrapping
// around; ctrl+p goes back; esc closes and typing goes to the note again.
func TestEditorFind(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer, Notes: agenda.NoteStore{Dir: t.TempDir()}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30}, keys("e")[0])
	model = send(model, typed("Data first\nopen data\nDATA last"))
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlF})
	model = send(model, keys("data")...)
	model = send(model, enter)
	if v := model.View(); !strings.Contains(v, "find: data") || !strings.Contains(v, "1 of 3") {
		t.Fatalf("find:\n%s", v)
	}
	if r, c := model.editor().Ed.CursorLine(); r != 1 || c != 1 {
		t.Errorf("first match at %d:%d", r, c)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlN}, tea.KeyMsg{Type: tea.KeyCtrlN})
	if r, c := model.editor().Ed.CursorLine(); r != 3 || c != 1 {
		t.Errorf("third match at %d:%d", r, c)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlP})
	if r, c := model.editor().Ed.CursorLine(); r != 2 || c != 6 || !strings.Contains(model.View(), "2 of 3") {
		t.Errorf("previous match at %d:%d", r, c)
	}
	model = send(model, esc, keys("!")[0])
	if got := model.editor().Ed.Value(); got != "Data first\nopen !data\nDATA last" {
		t.Errorf("after esc typing goes to the note: %q", got)
	}
}

// TestFilterFindsNotes: the agenda's filter also finds a session by its
// notes, and marks that the match was in the notes.
func TestFilterFindsNotes(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		Texts: map[string]agenda.Note{"sector-specific-value": {Text: "The chair thanked the remarks on procurement.\n"}}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := model.View(); !strings.Contains(v, "  6 ¶ Building sector-specific") || strings.Contains(v, "  5 ¶") {
		t.Errorf("the session with notes is not marked ¶:\n%s", v)
	}
	model = send(model, keys("/remarks")...)
	v := model.View()
	if !strings.Contains(v, "1 of 7 · ✎ 1 in the notes") || !strings.Contains(v, "✎") || !strings.Contains(v, "Building sector-specific") {
		t.Errorf("the filter over the notes:\n%s", v)
	}
	// A delegate who does not read the notes does not find them.
	model = New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, Remote: true,
		Person: &room.Person{Name: "Bo", ID: "bo", Role: room.Delegate},
		Texts:  map[string]agenda.Note{"sector-specific-value": {Text: "The chair thanked the remarks on procurement.\n"}}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("/remarks")...)
	if v := model.View(); !strings.Contains(v, "0 of 7") {
		t.Errorf("a delegate found the rapporteurs' notes:\n%s", v)
	}
}

// TestMinutes: m in the Notes view reads every note in agenda order, typed
// lines as their kind; e edits the session at the top; back in the
// minutes, the note is as written.
func TestMinutes(t *testing.T) {
	m := embeddedMeeting(t)
	dir := t.TempDir()
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer,
		Notes: agenda.NoteStore{Dir: dir},
		Texts: map[string]agenda.Note{
			"where-do-we-stand":     {Text: "Opening remarks.\nD: Adopt the agenda\n"},
			"sector-specific-value": {Text: "Q: Who funds the portals?\n"}}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30}, keys("4")[0], keys("m")[0])
	v := model.View()
	first, second := strings.Index(v, "Session 1 · Where do we stand?"), strings.Index(v, "Session 6 · Building sector-specific")
	if first < 0 || second < first || !strings.Contains(v, "Decision: Adopt the agenda") || !strings.Contains(v, "Open question: Who funds the portals?") {
		t.Fatalf("the minutes:\n%s", v)
	}
	model = send(model, keys("e")...)
	if ne := model.editor(); ne == nil || ne.ID != "where-do-we-stand" {
		t.Fatalf("e did not open session 1's note:\n%s", model.View())
	}
	model = send(model, typed("\nA: Circulate @OECD"), esc)
	if v := model.View(); !strings.Contains(v, "Action: Circulate @OECD") || !strings.Contains(v, "Minutes") {
		t.Errorf("back in the minutes:\n%s", v)
	}
}

// TestGoldenConflict: the conflict shows what differs, line by line, at
// 80×24 and 120×40.
func TestGoldenConflict(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			model, dir := notesModel(t, size[0], size[1])
			path := filepath.Join(dir, "notes", "where-do-we-stand.md")
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte("Opening remarks by the chair.\nD: Adopt the agenda\nKorea presented its portal.\n"), 0o644)
			model = send(model, keys("e")...)
			model = send(model, tea.KeyMsg{Type: tea.KeyCtrlEnd}, typed("\nA: Circulate the slides @OECD"))
			os.WriteFile(path, []byte("Opening remarks by the chair.\nD: Adopt the agenda as amended\nKorea presented its portal.\n"), 0o644)
			model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
			v := model.View()
			checkFrame(t, v, size[0], size[1])
			golden.RequireEqual(t, []byte(v))
		})
	}
}

// TestNotesChecksFiltersAndApproval: a mistyped line is marked in the
// editor and listed under its line in the Notes view; the filters keep
// open, done and overdue actions and say so; s approves the notes, and the
// file says so; confidential lines are in the editor and nowhere else.
func TestNotesChecksFiltersAndApproval(t *testing.T) {
	model, dir := notesModel(t, 100, 40)
	model = send(model, keys("e")...)
	model = send(model, typed("A: Send feedback @XYZ due 2017-13-45"), enter,
		typed("A: [x] Circulate the summary @OECD"), enter,
		typed("A: Publish the methodology @KOR due 2017-05-01"), enter,
		typed("// Spain may block the instrument"), enter, typed("D: Share strategies"))
	model = send(model, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyUp})
	v := model.View()
	for _, want := range []string{"A!A: Send feedback", "line 1: @XYZ is not a delegation of this meeting; due 2017-13-45 is not a date", "  // Spain may block"} {
		if !strings.Contains(v, want) {
			t.Errorf("editor lacks %q:\n%s", want, v)
		}
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS}, esc)
	if v := model.View(); strings.Contains(v, "block the instrument") {
		t.Errorf("the detail shows a confidential line:\n%s", v)
	}
	model = send(model, keys("4")...)
	v = model.View()
	for _, want := range []string{"1 decision · 3 actions (1 overdue) · 0 questions · 0/1 approved · ! 1 to check",
		"A! Send feedback @XYZ", "! line 1: @XYZ is not a delegation of this meeting", "! line 1: due 2017-13-45 is not a date: write YYYY-MM-DD",
		"A✓ Circulate the summary @OECD", "due 2017-05-01 (overdue)", "draft"} {
		if !strings.Contains(v, want) {
			t.Errorf("Notes view lacks %q:\n%s", want, v)
		}
	}
	for _, tt := range []struct{ query, says, has, hasNot string }{
		{"open", "showing open actions", "Publish the methodology", "Circulate"},
		{"done", "showing done actions", "Circulate", "Publish the methodology"},
		{"overdue @kor", "showing overdue actions · owned by @KOR", "Publish the methodology", "Send feedback"},
		{"warn", "showing with warnings", "Send feedback", "Circulate"},
	} {
		m := send(model, keys("/"+tt.query)...)
		v := m.View()
		if !strings.Contains(v, tt.says) || !strings.Contains(v, tt.has) || strings.Contains(v, tt.hasNot) {
			t.Errorf("/%s: want %q and %q, not %q:\n%s", tt.query, tt.says, tt.has, tt.hasNot, v)
		}
		model = send(m, esc) // the screens are shared: clear the filter
	}
	model = send(model, keys("s")...)
	if v := model.View(); !strings.Contains(v, "approved ✓") || !strings.Contains(v, "The notes of session 1 are approved.") || !strings.Contains(v, "1/1 approved") {
		t.Errorf("s did not approve:\n%s", v)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md"))
	if !strings.HasPrefix(string(b), "+++\nstatus = \"approved\"\n+++\nA: Send feedback") {
		t.Errorf("the file after s:\n%s", b)
	}
	model = send(model, keys("s")...)
	b, _ = os.ReadFile(filepath.Join(dir, "notes", "where-do-we-stand.md"))
	if !strings.HasPrefix(string(b), "A: Send feedback") || !strings.Contains(model.View(), "back to draft") {
		t.Errorf("the file after s again:\n%s", b)
	}
	// The Minutes never show a confidential line either.
	model = send(model, keys("m")...)
	if v := model.View(); strings.Contains(v, "block the instrument") || !strings.Contains(v, "Share strategies") {
		t.Errorf("the Minutes:\n%s", v)
	}
}

// TestSearchMouse: a click lands on the row drawn under it, and a click on
// the selected row opens it.
func TestSearchMouse(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlF})
	model = send(model, keys("norway")...)
	v := strings.Split(model.View(), "\n")
	y := -1
	for i, l := range v {
		if strings.Contains(l, "Norway (NOR)") && strings.Contains(l, "member country") {
			y = i
		}
	}
	if y < 0 {
		t.Fatalf("no Norway row:\n%s", model.View())
	}
	click := tea.MouseMsg{X: 10, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	model = send(model, click)
	if l := strings.Split(model.View(), "\n")[y]; !strings.Contains(l, "▸") {
		t.Fatalf("the click did not select the row under it:\n%s", model.View())
	}
	model = send(model, click)
	if model.active != viewDelegations || model.top() != nil {
		t.Errorf("a second click did not open the delegation: view %d\n%s", model.active, model.View())
	}
}

// TestEditorMouseSelectionToClipboard: a drag selects what is drawn under
// it; alt+w puts it on the system clipboard (OSC 52), without its
// confidential lines; a click only moves the cursor.
func TestEditorMouseSelectionToClipboard(t *testing.T) {
	model, _ := notesModel(t, 80, 24)
	model = send(model, keys("e")...)
	model = send(model, typed("Opening by the chair."), enter, typed("// not for the record"), enter, typed("D: Adopt the agenda"))
	// The text starts on screen line 2, after two cells of gutter.
	press := tea.MouseMsg{X: 2 + 8, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	drag := tea.MouseMsg{X: 2 + 5, Y: 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionMotion}
	release := tea.MouseMsg{X: 2 + 5, Y: 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease}
	model = send(model, press, drag, release)
	ne := model.editor()
	if got := ne.Ed.Selected(); got != "by the chair.\n// not for the record\nD: Ad" {
		t.Fatalf("the drag selected %q", got)
	}
	if !strings.Contains(model.View(), "characters selected") {
		t.Errorf("the selection is not said:\n%s", model.View())
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w"), Alt: true})
	if want := osc52("by the chair.\nD: Ad"); !strings.Contains(model.View(), want) {
		t.Errorf("alt+w did not put the selection, without its confidential line, on the clipboard:\n%q", model.View())
	}
	if !strings.Contains(model.View(), "Copied the selection (2 lines) to the clipboard; confidential lines left out.") {
		t.Errorf("the status does not say a line was left out:\n%s", model.View())
	}
	// A click: the cursor moves, nothing is selected.
	model = send(model, tea.MouseMsg{X: 2, Y: 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress},
		tea.MouseMsg{X: 2, Y: 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease})
	if ne := model.editor(); ne.Ed.Selected() != "" || ne.Ed.Row != 1 || ne.Ed.Col != 0 {
		t.Errorf("a click: selected %q, cursor %d:%d", ne.Ed.Selected(), ne.Ed.Row, ne.Ed.Col)
	}
}

// BenchmarkEditorPaste256KB: a 256 KB bracketed paste of 3,500 lines into
// an empty note, through Update and View (what the app does once the
// paste has been read).
func BenchmarkEditorPaste256KB(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 256<<10; i++ {
		fmt.Fprintf(&sb, "[10:%02d] Delegation %d: remarks on open data availability, line %d é中\r", i%60, i%40, i)
	}
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(sb.String()), Paste: true}
	m := embeddedMeeting(b)
	for b.Loop() {
		b.StopTimer()
		root := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(b, m, "2017-05-18T10:30"), FixedClock: true, After: heldTimer,
			Notes: agenda.NoteStore{Dir: b.TempDir()}})
		root = send(root, tea.WindowSizeMsg{Width: 120, Height: 40})
		root = send(root, noteeditor.NoteLoadedMsg{ID: m.Sessions[0].ID})
		b.StartTimer()
		next, _ := root.Update(paste)
		_ = next.(Model).View()
	}
}

// TestUndoAcrossSaves: undo and redo go on across saves (ctrl+s and the
// autosave), and what they bring back is saved like any edit.
func TestUndoAcrossSaves(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	path := filepath.Join(dir, "notes", "where-do-we-stand.md")
	model = send(model, keys("e")...)
	model = send(model, typed("first words"), tea.KeyMsg{Type: tea.KeyCtrlS})
	model = send(model, keys(" and more")...)
	// The autosave: its timer is held in tests; sending its message saves.
	ne := model.editor()
	model = send(model, noteeditor.SaveTickMsg{ID: ne.ID, Gen: ne.Gen})
	if b, _ := os.ReadFile(path); string(b) != "first words and more\n" {
		t.Fatalf("after the autosave: %q", b)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlZ})
	if v := model.editor().Ed.Value(); v != "first words and " {
		t.Errorf("one undo (a word) after saves: %q", v)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlZ}, tea.KeyMsg{Type: tea.KeyCtrlZ}, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b, _ := os.ReadFile(path); string(b) != "first words\n" {
		t.Errorf("undone back past a save, then saved: %q", b)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlY}, tea.KeyMsg{Type: tea.KeyCtrlS})
	if b, _ := os.ReadFile(path); string(b) != "first words \n" {
		t.Errorf("redone and saved: %q", b)
	}
}

// TestExportChartFromScores: x in Scores offers the chart on screen: the
// ranking as SVG, a country's card as PNG, written to the working folder.
func TestExportChartFromScores(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	model = send(model, keys("2x")...)
	if v := model.View(); !strings.Contains(v, "s chart SVG · g chart PNG") {
		t.Fatalf("the export prompt does not offer the chart:\n%s", v)
	}
	model = send(model, keys("s")...)
	b, err := os.ReadFile(filepath.Join(dir, "ranking-2017.svg"))
	if err != nil || !strings.Contains(string(b), "Korea") || !strings.Contains(model.View(), "ranking-2017.svg") {
		t.Errorf("ranking-2017.svg: %v\n%s", err, model.View())
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyEnter}) // Korea's card
	model = send(model, keys("x")...)
	// Drawing a PNG may take longer than send waits for a command (the
	// race detector): run this one to its end.
	next, cmd := model.Update(keys("g")[0])
	model = send(next.(Model), cmd())
	if b, err := os.ReadFile(filepath.Join(dir, "kor-2017.png")); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("kor-2017.png: %v\n%s", err, model.View())
	}
	// Outside Scores the prompt has no chart.
	model = send(model, tea.KeyMsg{Type: tea.KeyEsc})
	model = send(model, keys("1x")...)
	if strings.Contains(model.View(), "chart SVG") {
		t.Errorf("the agenda's export prompt offers a chart")
	}
}

// TestConflictReadableWhenNarrow: at 60×20 a conflict over long lines
// wraps them, so the difference at their end is in sight, and the view
// scrolls to what does not fit.
func TestConflictReadableWhenNarrow(t *testing.T) {
	model, dir := notesModel(t, 60, 20)
	path := filepath.Join(dir, "notes", "where-do-we-stand.md")
	os.MkdirAll(filepath.Dir(path), 0o755)
	long := "Korea presented its portal, its data catalogue and the results of the survey of re-users"
	var more strings.Builder
	for i := range 12 {
		fmt.Fprintf(&more, "line %d of the record\n", i+1)
	}
	os.WriteFile(path, []byte(long+" in 2016.\n"+more.String()), 0o644)
	model = send(model, keys("e")...)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlEnd}, typed("\nA: Circulate the slides @OECD"))
	os.WriteFile(path, []byte(long+" in 2017.\n"+more.String()), 0o644)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS})
	v := model.View()
	checkFrame(t, v, 60, 20)
	if !strings.Contains(v, "in 2016.") || !strings.Contains(v, "in 2017.") {
		t.Fatalf("the difference at the end of a long line is not in sight:\n%s", v)
	}
	if !strings.Contains(v, "↑/↓ pgup/pgdn scroll") {
		t.Fatalf("no way to scroll:\n%s", v)
	}
	for range 30 {
		model = send(model, tea.KeyMsg{Type: tea.KeyDown})
	}
	if v := model.View(); !strings.Contains(v, "Circulate the slides") {
		t.Errorf("scrolled down, yours is not in sight:\n%s", v)
	}
	model = send(model, keys("b")...)
	if model.editor() == nil || model.editor().Conflict != nil {
		t.Errorf("b did not resolve the conflict:\n%s", model.View())
	}
}

// TestStatementsViewLeavesWithEsc: v shows the statements by delegation,
// its footer offers the way back first, and esc goes back.
func TestStatementsViewLeavesWithEsc(t *testing.T) {
	model, _ := notesModel(t, 80, 24)
	model = send(model, keys("e")...)
	model = send(model, typed("Spain: we publish by default"), tea.KeyMsg{Type: tea.KeyCtrlS}, esc)
	model = send(model, keys("4v")...)
	v := model.View()
	lines := strings.Split(v, "\n")
	if !strings.Contains(v, "we publish by default") || !strings.HasPrefix(lines[len(lines)-1], "esc back") {
		t.Fatalf("the statements, and the way back in the footer:\n%s", v)
	}
	model = send(model, esc)
	if v := model.View(); strings.HasPrefix(strings.Split(v, "\n")[len(strings.Split(v, "\n"))-1], "esc back") || !strings.Contains(v, "v by delegation") {
		t.Errorf("esc did not leave the statements:\n%s", v)
	}
}

// TestSearchOpensTheSessionWhenNarrow: at 80 columns, where the detail is
// not beside the list, enter on a session found opens it.
func TestSearchOpensTheSessionWhenNarrow(t *testing.T) {
	model, _ := notesModel(t, 80, 24)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlF})
	model = send(model, keys("Sector-specific")...)
	model = send(model, enter)
	if v := model.View(); !strings.Contains(v, "Session 6") || !model.agenda.FocusDetail {
		t.Errorf("enter on a session found, at 80 columns:\n%s", v)
	}
}

// TestNotesCutLinesSayTheyAre: at 60×16, with a scrollbar, a decision too
// long for its line ends in … before the bar, never cut mid-word silently.
func TestNotesCutLinesSayTheyAre(t *testing.T) {
	model, _ := notesModel(t, 60, 16)
	model = send(model, keys("e")...)
	for i := range 14 {
		model = send(model, typed(fmt.Sprintf("D: decision %d on the publication of the preliminary results of the index", i)), enter)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlS}, esc)
	model = send(model, keys("4")...)
	cut := 0
	for _, l := range strings.Split(model.View(), "\n") {
		if strings.Contains(l, "D  decision") || strings.Contains(l, "Session 1 ·") {
			if !strings.HasSuffix(l, "…│") && !strings.HasSuffix(l, "…┃") {
				t.Errorf("a line cut without …: %q", l)
			}
			cut++
		}
	}
	if cut == 0 {
		t.Fatalf("no decisions listed:\n%s", model.View())
	}
}

// TestRecoveryWrapsAtSixty: at 60 columns the recovery offer wraps what
// it says of the two texts, never cutting "1 only in the journal".
func TestRecoveryWrapsAtSixty(t *testing.T) {
	model, _ := notesModel(t, 60, 20)
	model = send(model, noteeditor.RecoveryMsg{Entries: []agenda.Entry{{Session: "where-do-we-stand", Text: "typed before the crash", At: time.Now()}}})
	v := model.View()
	if !strings.Contains(strings.Join(strings.Fields(v), " "), "1 only in the journal") {
		t.Errorf("the recovery offer cut what it says:\n%s", v)
	}
}
