// Package helppage is the full-screen list of the keys of what is on screen.
package helppage

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/ui/common"
)

// HelpPage is the full help of what was on screen when ? was pressed: its
// keys, then the keys that work everywhere, in as many columns as the width
// allows. What does not fit scrolls.
type HelpPage struct {
	c             *common.Common
	title         string
	groups        [][]key.Binding
	width, height int
	lines         []string // laid out for the width
	offset        int
}

func NewHelpPage(c *common.Common, title string, groups [][]key.Binding) *HelpPage {
	return &HelpPage{c: c, title: title, groups: groups}
}

func (h *HelpPage) Place() common.Placement { return common.PlaceScreen }
func (h *HelpPage) Capturing() bool         { return false }
func (h *HelpPage) Title() string           { return "help" }

func (h *HelpPage) SetSize(w, ht int) {
	h.width, h.height = w, ht
	h.lines = helpGrid(h.c.Theme, h.groups, w)
	h.clamp()
}

func (h *HelpPage) room() int { return max(h.height-2, 1) }

func (h *HelpPage) clamp() {
	h.offset = max(min(h.offset, len(h.lines)-h.room()), 0)
}

func (h *HelpPage) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := h.c.Keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.HelpPage.Close):
			return nil, true
		case key.Matches(msg, k.Up):
			h.offset--
		case key.Matches(msg, k.Down):
			h.offset++
		case key.Matches(msg, k.PageUp):
			h.offset -= h.room()
		case key.Matches(msg, k.PageDown):
			h.offset += h.room()
		case key.Matches(msg, k.Top):
			h.offset = 0
		case key.Matches(msg, k.Bottom):
			h.offset = len(h.lines)
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			h.offset -= 3
		case tea.MouseButtonWheelDown:
			h.offset += 3
		}
	}
	h.clamp()
	return nil, false
}

func (h *HelpPage) View() string {
	t := h.c.Theme
	body := h.lines[h.offset:min(h.offset+h.room(), len(h.lines))]
	head := common.Spread(t.Heading.Render("Keys · "+h.title), "", h.width)
	foot := "esc or ? closes"
	if len(h.lines) > h.room() {
		foot = fmt.Sprintf("↑/↓ pgup/pgdn scroll (%d–%d of %d) · %s", h.offset+1, h.offset+len(body), len(h.lines), foot)
	}
	out := make([]string, 0, h.height)
	out = append(out, head)
	out = append(out, body...)
	blank := strings.Repeat(" ", h.width)
	for len(out) < h.height-1 {
		out = append(out, blank)
	}
	out = append(out, common.Fit(t.Subtle.Render(foot), h.width))
	return strings.Join(out, "\n")
}

func (h *HelpPage) ShortHelp() []key.Binding {
	k := h.c.Keys
	return []key.Binding{k.Up, k.Down, k.HelpPage.Close}
}

func (h *HelpPage) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// helpGrid lays every enabled binding out in as many columns as w allows,
// one group after another, each line exactly w wide.
func helpGrid(t *common.Theme, groups [][]key.Binding, w int) []string {
	var keys, descs []string
	kw, dw := 0, 0
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			keys, descs = append(keys, h.Key), append(descs, h.Desc)
			kw, dw = max(kw, ansi.StringWidth(h.Key)), max(dw, ansi.StringWidth(h.Desc))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	colW := kw + 1 + dw + 2
	cols := max((w+2)/colW, 1)
	rows := (len(keys) + cols - 1) / cols
	lines := make([]string, rows)
	for i := range keys {
		r, c := i%rows, i/rows
		cell := t.HelpKey.Render(common.Fit(keys[i], kw)) + " " + t.HelpDesc.Render(common.Fit(descs[i], dw))
		if c > 0 {
			cell = "  " + cell
		}
		lines[r] += cell
	}
	for i := range lines {
		lines[i] = common.Fit(lines[i], w)
	}
	return lines
}
