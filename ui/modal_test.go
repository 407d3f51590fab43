package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/modals/exportprompt"
	"codeberg.org/plenary/plenary/ui/modals/helppage"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
)

// opener is a way to open a modal: a key, whose command may be held back
// (a note being read) and delivered later.
type opener struct {
	name string
	key  tea.KeyMsg
	slow bool // the modal opens when the key's command answers
}

var openers = []opener{
	{"e (note editor)", keys("e")[0].(tea.KeyMsg), true},
	{"p (present the screen)", keys("p")[0].(tea.KeyMsg), false},
	{"P (present the deck)", keys("P")[0].(tea.KeyMsg), false},
	{"x (export prompt)", keys("x")[0].(tea.KeyMsg), false},
	{"? (help page)", keys("?")[0].(tea.KeyMsg), false},
}

// owner says which modal the frame shows, from what a person sees.
func owner(v string) string {
	switch {
	case strings.HasPrefix(v, "Notes · "):
		return "editor"
	case strings.HasPrefix(v, "Keys · "):
		return "help"
	case strings.Contains(v, "Export: r report"):
		return "export"
	case strings.Contains(v, "1 Agenda  2 Scores"):
		return ""
	}
	return "presentation"
}

func topName(m Model) string {
	switch m.top().(type) {
	case *noteeditor.NoteEditor:
		return "editor"
	case *helppage.HelpPage:
		return "help"
	case *exportprompt.ExportPrompt:
		return "export"
	case *presentation.Presentation:
		return "presentation"
	case *noteeditor.Recovery:
		return "recovery"
	}
	return ""
}

// TestModalPairs opens every pair of modals in both orders, with the
// note's read finishing before or after the second key: exactly one modal
// owns the keyboard and the screen, the one on top of the stack; a note
// read late never opens over something opened since; keys go only to the
// top.
func TestModalPairs(t *testing.T) {
	for _, a := range openers {
		for _, b := range openers {
			for _, late := range []bool{false, true} {
				if late && !a.slow {
					continue
				}
				name := fmt.Sprintf("%s then %s", a.name, b.name)
				if late {
					name += ", the note read after"
				}
				t.Run(name, func(t *testing.T) {
					model, _ := notesModelWithDeck(t, 100, 30)
					next, held := model.Update(a.key)
					model = next.(Model)
					if !late {
						model = runCmd(model, held)
						held = nil
					}
					model = send(model, b.key)
					model = runCmd(model, held)

					v := model.View()
					if got, want := owner(v), topName(model); got != want {
						t.Fatalf("the screen shows %q, the stack's top is %q:\n%s", got, want, v)
					}
					if len(strings.Split(v, "\n")) != 30 {
						t.Fatalf("the frame is not 30 lines:\n%s", v)
					}
					seen := map[string]bool{}
					for _, md := range model.modals {
						k := fmt.Sprintf("%T", md)
						if seen[k] {
							t.Fatalf("%s open twice", k)
						}
						seen[k] = true
					}
					if late && model.editor() != nil && len(model.modals) > 1 {
						t.Fatalf("the late note opened over another modal: %T", model.modals)
					}
					// A key goes to the top only: close it and see what is left.
					before := len(model.modals)
					if before > 0 && topName(model) != "editor" {
						model = send(model, esc)
						if len(model.modals) != before-1 {
							t.Fatalf("esc closed %d modals", before-len(model.modals))
						}
					}
				})
			}
		}
	}
}

// notesModelWithDeck is notesModel with the embedded deck, so P presents.
func notesModelWithDeck(t *testing.T, w, h int) (Model, string) {
	t.Helper()
	model, dir := notesModel(t, w, h)
	s := *model.c.Snap
	s.Deck = embeddedDeck(t, s.Meeting, s.Scores)
	model.c.Snap = &s
	return model, dir
}

// TestOutsideEventsUnderModals: a reload, a note saved elsewhere and the
// recovery offer arriving while a modal is open change the data beneath
// and never take the screen from the modal on top.
func TestOutsideEventsUnderModals(t *testing.T) {
	model, _ := notesModel(t, 100, 30)
	model = send(model, keys("?")...)
	snap := *model.c.Snap
	model = send(model, bundleReloadedMsg{snap: snap})
	model = send(model, noteeditor.RecoveryMsg{Entries: []agenda.Entry{{Session: "where-do-we-stand", Text: "typed", At: time.Now()}}})
	if topName(model) != "help" || owner(model.View()) != "help" {
		t.Fatalf("the help page lost the screen to %s:\n%s", topName(model), model.View())
	}
	model = send(model, esc)
	if topName(model) != "recovery" || !strings.Contains(model.View(), "Unsaved notes were found") {
		t.Fatalf("the recovery offer does not show once help closes:\n%s", model.View())
	}
	// While the offer shows, opening keys of the views do nothing.
	model = send(model, keys("2epx")...)
	if topName(model) != "recovery" || model.active != viewAgenda {
		t.Fatalf("keys went past the recovery offer: top %q, view %d", topName(model), model.active)
	}
}
