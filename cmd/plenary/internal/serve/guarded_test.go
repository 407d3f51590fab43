package serve

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// panicky panics where it is told to.
type panicky struct{ where string }

func (p panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok && (ws.Width > maxW || ws.Height > maxH) {
		panic("an unclamped size")
	}
	switch p.where {
	case "update":
		panic("boom in update")
	case "command":
		return p, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a command") })
	}
	return p, nil
}
func (p panicky) View() string {
	if p.where == "view" {
		panic("boom in view")
	}
	return "ok"
}

// TestGuardedPanics: a panic in one session's Update, View or command is
// one log line and the end of that session, never of the server; a huge
// window is clamped.
func TestGuardedPanics(t *testing.T) {
	var logged []string
	report := func(where string, r any) { logged = append(logged, where+": "+fmt.Sprint(r)) }
	g := guarded{m: panicky{}, report: report}
	if _, cmd := g.Update(tea.WindowSizeMsg{Width: 10000, Height: 10000}); cmd != nil || len(logged) != 0 {
		t.Fatalf("a huge window: %v", logged)
	}
	if _, cmd := (guarded{m: panicky{"update"}, report: report}).Update(tea.KeyMsg{}); cmd == nil {
		t.Error("a panic in Update did not end the session")
	}
	if v := (guarded{m: panicky{"view"}, report: report}).View(); !strings.Contains(v, "stopped on an error") {
		t.Errorf("view %q", v)
	}
	_, cmd := (guarded{m: panicky{"command"}, report: report}).Update(tea.KeyMsg{})
	for _, c := range cmd().(tea.BatchMsg) {
		if c != nil {
			c()
		}
	}
	if len(logged) != 3 || !strings.Contains(logged[2], "boom in a command") {
		t.Errorf("logged %q", logged)
	}
}
