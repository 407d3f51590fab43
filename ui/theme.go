package ui

import "github.com/charmbracelet/lipgloss"

// Theme is every style plenary draws with, built once from one renderer so
// that colour profile and background detection are those of the terminal the
// program runs in. Colours are adaptive (light and dark backgrounds) and the
// renderer drops them under NO_COLOR; nothing relies on colour alone.
type Theme struct {
	r *lipgloss.Renderer

	Title     lipgloss.Style // meeting title in the header
	Subtle    lipgloss.Style // secondary text
	Clock     lipgloss.Style
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	Rule      lipgloss.Style
	Day       lipgloss.Style // day headers in lists
	Number    lipgloss.Style
	Time      lipgloss.Style
	Codes     lipgloss.Style // presenter codes
	Selected  lipgloss.Style // the cursor row
	Now       lipgloss.Style
	Next      lipgloss.Style
	Heading   lipgloss.Style // titles in the detail pane
	Label     lipgloss.Style // "Chair", "Presenters" …
	Bold      lipgloss.Style
	Italic    lipgloss.Style
	Tag       lipgloss.Style
	Status    lipgloss.Style
	Error     lipgloss.Style
	Prompt    lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
	Border    lipgloss.Style
	Pillars   []lipgloss.Style // one per pillar, for bars and legends
	Marker    lipgloss.Style   // the average on a bar
	Up, Down  lipgloss.Style   // changes
	Average   lipgloss.Style   // the average row
	Mark      lipgloss.Style   // marked countries
}

// pillarGlyphs tell pillars apart without colour.
var pillarGlyphs = []string{"█", "▓", "▒", "░"}

// The palette: one adaptive colour per meaning.
var (
	colAccent   = lipgloss.AdaptiveColor{Light: "#1F4E8C", Dark: "#7AB4F5"}
	colText     = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#E8E8E8"}
	colMuted    = lipgloss.AdaptiveColor{Light: "#5F5F5F", Dark: "#9A9A9A"}
	colSelectBg = lipgloss.AdaptiveColor{Light: "#D6E4F7", Dark: "#2B3F5E"}
	colNow      = lipgloss.AdaptiveColor{Light: "#1B7A2E", Dark: "#6BD88A"}
	colNext     = lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#F2C46D"}
	colError    = lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF8A80"}
	colRule     = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"}
	colPillars  = []lipgloss.AdaptiveColor{
		{Light: "#1F4E8C", Dark: "#5B9BE6"},
		{Light: "#B35900", Dark: "#F0A050"},
		{Light: "#2E7D32", Dark: "#6CC070"},
		{Light: "#6A1B9A", Dark: "#C08AE0"},
	}
)

// NewTheme builds the styles from r.
func NewTheme(r *lipgloss.Renderer) *Theme {
	s := r.NewStyle
	t := &Theme{
		r:         r,
		Title:     s().Bold(true).Foreground(colAccent),
		Subtle:    s().Foreground(colMuted),
		Clock:     s().Bold(true).Foreground(colText),
		Tab:       s().Foreground(colMuted).Padding(0, 1),
		TabActive: s().Bold(true).Underline(true).Foreground(colAccent).Padding(0, 1),
		Rule:      s().Foreground(colRule),
		Day:       s().Bold(true).Foreground(colAccent),
		Number:    s().Foreground(colMuted),
		Time:      s().Foreground(colText),
		Codes:     s().Foreground(colMuted),
		Selected:  s().Bold(true).Foreground(colText).Background(colSelectBg),
		Now:       s().Bold(true).Foreground(colNow),
		Next:      s().Bold(true).Foreground(colNext),
		Heading:   s().Bold(true).Foreground(colAccent),
		Label:     s().Bold(true).Foreground(colMuted),
		Bold:      s().Bold(true),
		Italic:    s().Italic(true),
		Tag:       s().Foreground(colAccent),
		Status:    s().Foreground(colMuted),
		Error:     s().Bold(true).Foreground(colError),
		Prompt:    s().Bold(true).Foreground(colAccent),
		HelpKey:   s().Bold(true).Foreground(colText),
		HelpDesc:  s().Foreground(colMuted),
		Border:    s().Foreground(colRule),
		Marker:    s().Bold(true).Foreground(colText),
		Up:        s().Foreground(colNow),
		Down:      s().Foreground(colError),
		Average:   s().Italic(true).Bold(true).Foreground(colText),
		Mark:      s().Bold(true).Foreground(colNext),
	}
	for _, c := range colPillars {
		t.Pillars = append(t.Pillars, s().Foreground(c))
	}
	return t
}

// style starts a new style on the theme's renderer, for components (the
// filter's text input) that need styles of their own.
func (t *Theme) style() lipgloss.Style { return t.r.NewStyle() }
