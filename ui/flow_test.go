package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"codeberg.org/plenary/plenary/agenda"
)

// waiter reads a program's output until all of want has appeared; what it
// reads is gone, so everything expected of one frame is waited for at once.
func waiter(t *testing.T, tm *teatest.TestModel) func(want ...string) {
	return func(want ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, w := range want {
				if !bytes.Contains(b, []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
}

// TestFlowFilterOpenBack drives the real root model in a bubbletea program:
// filter the agenda, open a session, come back, quit.
func TestFlowFilterOpenBack(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Source: "embedded meeting", Renderer: asciiRenderer(),
		Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true})
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(80, 24))
	wait := waiter(t, tm)
	wait("Where do we stand?")
	tm.Type("/cooperation")
	wait("2 of 7")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // keep the filter
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // open session 4
	wait("esc back", "Global challenges call for")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	wait("enter open")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.agenda.Filter.Query != "cooperation" || final.agenda.FocusDetail {
		t.Errorf("final state: query %q, detail %v", final.agenda.Filter.Query, final.agenda.FocusDetail)
	}
	if s := final.c.Snap.Meeting.Sessions[final.agenda.Selected()]; s.Number != 4 {
		t.Errorf("selected session %d, want 4", s.Number)
	}
	if v := final.View(); !strings.Contains(v, "Supporting cooperation") || strings.Contains(v, "Where do we stand?") {
		t.Errorf("final view:\n%s", v)
	}
}

// TestFlowUnicodeFilter sends a non-ASCII key as one rune (Type would split
// it into bytes).
func TestFlowUnicodeFilter(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true})
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(120, 40))
	tm.Type("/")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ü")})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("0 of 7")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.agenda.Filter.Input.Value() != "ü" {
		t.Errorf("filter = %q", final.agenda.Filter.Input.Value())
	}
}

// TestFlowChairAndRapporteur drives the real root model in a program: the
// chair opens session 3 of the rehearsal, adds Spain, gives the floor; the
// rapporteur writes a decision attributed to the speaker with ctrl+o.
func TestFlowChairAndRapporteur(t *testing.T) {
	o, dir := rehearsalOptions(t)
	model := New(o)
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(100, 30))
	wait := waiter(t, tm)
	wait("Break")
	tm.Type("Q")
	wait("Floor · Session 3")
	tm.Type("o")
	wait("Open since 13:58")
	tm.Type("a")
	wait("Who asks for the floor")
	tm.Type("Spain")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Spain (ESP)", "waiting 0 min")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Speaking  Spain (ESP)")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	wait("open")
	tm.Type("e")
	wait("Notes · 3")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlO})
	tm.Type("D: publish")
	wait("Spain: D: publish")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if l := final.c.Snap.Floors["digital-transformation"]; l == nil || l.Speaker() == nil || l.Speaker().Delegation != "ESP" || !l.IsOpen() {
		t.Errorf("the floor at the end: %+v", l)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes", "digital-transformation.md")); string(b) != "[13:58] Spain: D: publish" && string(b) != "[13:58] Spain: D: publish\n" {
		t.Errorf("the note saved on quit: %q", b)
	}
}

// TestFlowSearchAndMinutes: ctrl+f finds a word in the sessions, the notes
// and the countries at once; enter on a note's line opens the editor
// there; the Minutes read every note in agenda order, and e edits the
// session at the top.
func TestFlowSearchAndMinutes(t *testing.T) {
	m := embeddedMeeting(t)
	dir := t.TempDir()
	notes := agenda.NoteStore{Dir: filepath.Join(dir, "notes"), Root: dir}
	texts := map[string]agenda.Note{
		m.Sessions[0].ID: {Text: "Opening.\nKorea: we publish by default\nD: Share strategies\n"},
		m.Sessions[4].ID: {Text: "A: Send comments @KOR due 2017-06-15\n"},
	}
	for id, n := range texts {
		if _, err := notes.Save(id, n.Text, agenda.Version{}); err != nil {
			t.Fatal(err)
		}
		texts[id] = agenda.Note{Text: n.Text, Version: agenda.VersionOf(n.Text)}
	}
	model := New(Options{Meeting: m, Scores: embeddedScores(t), Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		Notes: notes, Texts: texts, Journal: agenda.Journal{Dir: filepath.Join(dir, "journal"), Writer: "test"}, WorkDir: dir})
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(100, 30))
	wait := waiter(t, tm)
	wait("Where do we stand?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	wait("Find:")
	tm.Type("korea")
	wait("Sessions", "Notes", "Session 1, line 2", "we publish by default", "Delegations", "Countries in the scores", "Korea (KOR)")
	// ↓ past the session to the note's line, then open it.
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Notes · 1 Where do we stand?", "2:1")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	tm.Type("4")
	tm.Type("m")
	wait("Minutes", "Session 1 · Where do we stand?", "Decision:", "Session 5")
	tm.Type("e")
	wait("Notes · 1 Where do we stand?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if ne := final.editor(); ne == nil || ne.ID != m.Sessions[0].ID {
		t.Errorf("e in the Minutes did not open session 1's note")
	}
}
