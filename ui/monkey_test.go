package ui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestRandomKeysNeverCrash presses thousands of random keys, clicks and
// resizes on the whole app (agenda, scores, compare, cards, notes, editor,
// presentation) and checks every frame fits the terminal.
func TestRandomKeysNeverCrash(t *testing.T) {
	model, dir := notesModel(t, 100, 30)
	t.Chdir(dir) // exports land here
	rng := rand.New(rand.NewPCG(5, 18))
	runes := []rune("jkgGhl 1234?/esScv[]gpbx*fneiqrdmt<>@D:A")
	special := []tea.KeyType{tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyUp, tea.KeyDown,
		tea.KeyLeft, tea.KeyRight, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd, tea.KeyBackspace,
		tea.KeyDelete, tea.KeyCtrlS, tea.KeyCtrlT, tea.KeyCtrlK, tea.KeyCtrlU, tea.KeySpace}
	sizes := [][2]int{{100, 30}, {60, 20}, {80, 24}, {59, 15}, {200, 60}, {120, 40}}
	w, h := 100, 30
	for i := 0; i < 3000; i++ {
		var msg tea.Msg
		switch r := rng.IntN(100); {
		case r < 60:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{runes[rng.IntN(len(runes))]}}
		case r < 92:
			msg = tea.KeyMsg{Type: special[rng.IntN(len(special))]}
		case r < 97:
			msg = tea.MouseMsg{X: rng.IntN(w), Y: rng.IntN(h), Button: []tea.MouseButton{tea.MouseButtonLeft, tea.MouseButtonWheelUp, tea.MouseButtonWheelDown}[rng.IntN(3)], Action: tea.MouseActionPress}
		default:
			s := sizes[rng.IntN(len(sizes))]
			w, h = s[0], s[1]
			msg = tea.WindowSizeMsg{Width: w, Height: h}
		}
		next, cmd := model.Update(msg)
		model = next.(Model)
		model = runQuick(model, cmd)
		v := model.View()
		if w >= MinWidth && h >= MinHeight {
			lines := strings.Split(v, "\n")
			for n, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("key %d (%v): line %d is %d wide on a %d-column terminal:\n%s", i, msg, n, lw, w, v)
				}
			}
			if len(lines) > h {
				t.Fatalf("key %d (%v): %d lines on a %d-line terminal (view %d, modals %T, banner %q):\n%s", i, msg, len(lines), h, model.active, model.modals, model.banner, v)
			}
		}
	}
}

// runQuick runs the commands that answer at once (saves, loads, jumps) and
// drops timers.
func runQuick(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				m = runQuick(m, c)
			}
		default:
			next, c := m.Update(msg)
			return runQuick(next.(Model), c)
		}
	case <-time.After(5 * time.Millisecond):
	}
	return m
}
