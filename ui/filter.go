package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/data/clean"
)

// filterBox is a live filter line. While it has the keyboard every key goes
// to it; the screen owning it reacts to what happened.
type filterBox struct {
	input   textinput.Model
	focused bool
	query   string // what is typed, sanitised
}

func newFilterBox(t *Theme, placeholder string) filterBox {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.PromptStyle = t.Prompt
	ti.Placeholder = placeholder
	ti.PlaceholderStyle = t.Subtle
	ti.TextStyle = t.style()
	ti.Cursor.Style = t.style().Reverse(true)
	// A steady cursor: blinking would wake the program twice a second.
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 200
	return filterBox{input: ti}
}

// shown reports whether the filter line takes a line on screen.
func (f *filterBox) shown() bool { return f.focused || f.query != "" }

func (f *filterBox) focus() tea.Cmd {
	f.focused = true
	return f.input.Focus()
}

func (f *filterBox) clear() {
	f.focused = false
	f.input.Blur()
	f.input.SetValue("")
	f.query = ""
}

// key handles the filter's keys for the screen that owns it: every key
// while it has the keyboard, / to open it and esc to clear a kept filter.
// It reports whether the key was the filter's and whether the query changed;
// the screen then filters again and lays its list out.
func (f *filterBox) key(msg tea.KeyMsg, k KeyMap, list *rowList) (handled, changed bool, cmd tea.Cmd) {
	switch {
	case f.focused:
		changed, cmd = f.update(msg, k.FilterBox, list)
		return true, changed, cmd
	case key.Matches(msg, k.Filter):
		return true, false, f.focus()
	case key.Matches(msg, k.Back) && f.query != "":
		f.clear()
		return true, true, nil
	}
	return false, false, nil
}

// help is the footer's help while the filter has the keyboard: how to
// leave it.
func (f *filterBox) help(k KeyMap) []key.Binding {
	return []key.Binding{k.FilterBox.Keep, k.FilterBox.Clear, k.FilterBox.Up, k.FilterBox.Down}
}

// update takes a key while the filter has the keyboard: esc clears it,
// enter keeps it and gives the keyboard back, ↑/↓ move through the results
// in list. It reports whether the query changed.
func (f *filterBox) update(msg tea.KeyMsg, k FilterKeys, list *rowList) (changed bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, k.Clear):
		f.clear()
		return true, nil
	case key.Matches(msg, k.Keep):
		f.focused = false
		f.input.Blur()
		return false, nil
	case key.Matches(msg, k.Up):
		list.move(-1)
		return false, nil
	case key.Matches(msg, k.Down):
		list.move(1)
		return false, nil
	}
	f.input, cmd = f.input.Update(msg)
	if v := clean.Line(f.input.Value()); v != f.query {
		f.query = v
		return true, cmd
	}
	return false, cmd
}

// view draws the filter line in w cells with info at the right.
func (f *filterBox) view(t *Theme, w int, info string) string {
	in := f.input.View()
	if !f.focused {
		in = t.Prompt.Render("/ ") + f.query
	}
	if info == "" {
		return fit(in, w)
	}
	return spread(in, t.Subtle.Render(info), w)
}
