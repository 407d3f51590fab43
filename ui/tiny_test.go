package ui

import (
	"fmt"
	"runtime/debug"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestTinyWindows: every view and modal takes windows of any size, from
// 0×0 up — a client's resize to 80×0 or 2×2 while presenting must draw
// the "too small" line, never end the session — and keys pressed there
// do no harm; back at a real size, the screen is whole.
func TestTinyWindows(t *testing.T) {
	sizes := [][2]int{{0, 0}, {1, 1}, {80, 0}, {0, 24}, {2, 2}, {80, 1}, {1, 40}, {3, 3}, {10, 4}, {59, 15}, {60, 16}, {61, 17}}
	ways := []struct {
		name string
		keys []tea.Msg
	}{
		{"agenda", nil},
		{"scores", keys("2")},
		{"compare", append(keys("2"), keys(" jj c")...)},
		{"delegations", keys("3")},
		{"notes", keys("4")},
		{"editor", keys("e")},
		{"present", keys("p")},
		{"deck", keys("P")},
		{"scores slide", append(keys("2"), keys("p")...)},
		{"help", keys("?")},
		{"chair", keys("Q")},
		{"search", []tea.Msg{tea.KeyMsg{Type: tea.KeyCtrlF}}},
		{"filter", keys("/sp")},
		{"export", keys("x")},
	}
	for _, way := range ways {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", way.name, sz[0], sz[1]), func(t *testing.T) {
				model, dir := notesModel(t, 120, 40)
				t.Chdir(dir)
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v\n%s", r, debug.Stack())
					}
				}()
				for _, k := range way.keys {
					model = send(model, k)
				}
				model = send(model, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				_ = model.View()
				for _, k := range []tea.Msg{keys("j")[0], keys("k")[0], tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeySpace}, tea.KeyMsg{Type: tea.KeyPgDown},
					tea.MouseMsg{X: 1, Y: 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}} {
					model = runQuick(model, func() tea.Msg { return k })
					_ = model.View()
				}
				model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40})
				if v := model.View(); len(v) == 0 {
					t.Fatal("nothing drawn back at 120×40")
				}
			})
		}
	}
}
