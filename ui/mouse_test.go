package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestClicksLandOnWhatIsDrawn clicks every line of every list at several
// sizes, with and without a filter line, and checks that the row the
// cursor goes to is the row drawn under the pointer.
func TestClicksLandOnWhatIsDrawn(t *testing.T) {
	setups := []struct {
		name  string
		steps []tea.Msg
	}{
		{"agenda", nil},
		{"agenda filtered", append(keys("/the"), enter)},
		{"scores", keys("2")},
		{"scores filtered", append(keys("2/a"), enter)},
		{"delegations", keys("3")},
		{"notes", append(keys("e"), typed("D: one\nA: two @FRA\nQ: three"), esc, keys("4")[0])},
	}
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}, {250, 70}} {
		for _, s := range setups {
			t.Run(fmt.Sprintf("%s %dx%d", s.name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				base, _ := notesModel(t, size[0], size[1])
				base = send(base, fresh(s.steps)...)
				if base.top() != nil {
					t.Fatalf("%T open", base.top())
				}
				hits := 0
				for y := headerLines; y < size[1]-2; y++ {
					// The screens are pointers: each click starts afresh.
					model, _ := notesModel(t, size[0], size[1])
					model = send(model, fresh(s.steps)...)
					before, beforeRow := cursorLine(model.View())
					model = send(model, tea.MouseMsg{X: 4, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
					if model.top() != nil || before == y {
						continue
					}
					after, afterRow := cursorLine(model.View())
					if afterRow == beforeRow {
						continue // the same row, elsewhere: a heading's click sorted the table
					}
					if after != y {
						t.Fatalf("a click on line %d put the cursor on line %d:\n%s", y, after, model.View())
					}
					if after == y {
						hits++
					}
				}
				if hits == 0 {
					t.Fatalf("no click selected a row:\n%s", base.View())
				}
			})
		}
	}
}

// cursorLine is the line of the frame that shows the cursor's ▸, or -1,
// and what the row says.
func cursorLine(v string) (int, string) {
	for i, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "▸") {
			return i, l
		}
	}
	return -1, ""
}

// TestTabClicks: a click on a tab's label opens that view, at every width.
func TestTabClicks(t *testing.T) {
	for _, w := range []int{60, 80, 250} {
		model, _ := notesModel(t, w, 24)
		line := strings.Split(model.View(), "\n")[tabLine]
		for _, v := range views {
			label := fmt.Sprintf("%d %s", v.v, v.name)
			x := strings.Index(line, label)
			if x < 0 {
				t.Fatalf("%q not drawn in %q", label, line)
			}
			x = len([]rune(line[:x])) // cells: the bar is ASCII before the label
			model = send(model, tea.MouseMsg{X: x + 1, Y: tabLine, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
			if model.active != v.v {
				t.Errorf("%d cols: a click on %q opened view %d", w, label, model.active)
			}
		}
	}
}

// fresh copies key messages for one subtest: the text input sanitises the
// runes of a key in place, so parallel subtests must not share them.
func fresh(msgs []tea.Msg) []tea.Msg {
	out := make([]tea.Msg, len(msgs))
	for i, m := range msgs {
		if k, ok := m.(tea.KeyMsg); ok {
			k.Runes = append([]rune(nil), k.Runes...)
			m = k
		}
		out[i] = m
	}
	return out
}
