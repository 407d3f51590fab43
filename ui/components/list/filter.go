package list

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
)

// FilterBox is a live filter line. While it has the keyboard every key goes
// to it; the screen owning it reacts to what happened.
type FilterBox struct {
	Input   textinput.Model
	Focused bool
	Query   string // what is typed, sanitised
}

func NewFilterBox(t *common.Theme, placeholder string) FilterBox {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.PromptStyle = t.Prompt
	ti.Placeholder = placeholder
	ti.PlaceholderStyle = t.Subtle
	ti.TextStyle = t.Style()
	ti.Cursor.Style = t.Style().Reverse(true)
	// A steady cursor: blinking would wake the program twice a second.
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 200
	return FilterBox{Input: ti}
}

// Shown reports whether the filter line takes a line on screen.
func (f *FilterBox) Shown() bool { return f.Focused || f.Query != "" }

func (f *FilterBox) focus() tea.Cmd {
	f.Focused = true
	return f.Input.Focus()
}

func (f *FilterBox) Clear() {
	f.Focused = false
	f.Input.Blur()
	f.Input.SetValue("")
	f.Query = ""
}

// Key handles the filter's keys for the screen that owns it: every key
// while it has the keyboard, / to open it and esc to clear a kept filter.
// It reports whether the key was the filter's and whether the query changed;
// the screen then filters again and lays its list out.
func (f *FilterBox) Key(msg tea.KeyMsg, k common.KeyMap, list *RowList) (handled, changed bool, cmd tea.Cmd) {
	switch {
	case f.Focused:
		changed, cmd = f.Update(msg, k.FilterBox, list)
		return true, changed, cmd
	case key.Matches(msg, k.Filter):
		return true, false, f.focus()
	case key.Matches(msg, k.Back) && f.Query != "":
		f.Clear()
		return true, true, nil
	}
	return false, false, nil
}

// Help is the footer's help while the filter has the keyboard: how to
// leave it.
func (f *FilterBox) Help(k common.KeyMap) []key.Binding {
	return []key.Binding{k.FilterBox.Keep, k.FilterBox.Clear, k.FilterBox.Up, k.FilterBox.Down}
}

// Update takes a key while the filter has the keyboard: esc clears it,
// enter keeps it and gives the keyboard back, ↑/↓ move through the results
// in list. It reports whether the query changed.
func (f *FilterBox) Update(msg tea.KeyMsg, k common.FilterKeys, list *RowList) (changed bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, k.Clear):
		f.Clear()
		return true, nil
	case key.Matches(msg, k.Keep):
		f.Focused = false
		f.Input.Blur()
		return false, nil
	case key.Matches(msg, k.Up):
		list.Move(-1)
		return false, nil
	case key.Matches(msg, k.Down):
		list.Move(1)
		return false, nil
	}
	f.Input, cmd = f.Input.Update(msg)
	if v := clean.Line(f.Input.Value()); v != f.Query {
		f.Query = v
		return true, cmd
	}
	return false, cmd
}

// View draws the filter line in w cells with info at the right.
func (f *FilterBox) View(t *common.Theme, w int, info string) string {
	in := f.Input.View()
	if !f.Focused {
		in = t.Prompt.Render("/ ") + f.Query
	}
	if info == "" {
		return common.Fit(in, w)
	}
	return common.Spread(in, t.Subtle.Render(info), w)
}
