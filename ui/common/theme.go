package common

import (
	"fmt"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is every style plenary draws with, built once from one renderer so
// that colour profile and background detection are those of the terminal the
// program runs in. Colours are adaptive (light and dark backgrounds) and the
// renderer drops them under NO_COLOR; nothing relies on colour alone.
type Theme struct {
	r    *lipgloss.Renderer
	name string // the palette's

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
	Match     lipgloss.Style   // what a search found, in its line
}

// PillarGlyphs tell pillars apart without colour.
var PillarGlyphs = []string{"█", "▓", "▒", "░"}

// palette is one colour per meaning, adaptive to light and dark
// backgrounds. Contrast ratios (WCAG) of the true-colour pairs against a
// black or white background: text ≥ 15; muted 7.5 dark, 6.4 light; accent
// 9.7 / 8.3; now 11.8 / 5.4; next 12.9 / 5.9; error 9.2 / 6.5; pillars
// 7.3–9.8 dark, 4.8–8.3 light; the selected row 8.7 (light text on
// #2B3F5E) and 13.5 (dark text on #D6E4F7). Rules (2.2 / 1.7) are
// decoration only.
type palette struct {
	name                                                string // tells themes apart (the slide cache)
	accent, text, muted, selectBg, now, next, err, rule lipgloss.TerminalColor
	pillars                                             []lipgloss.TerminalColor
	reverse                                             bool // the selected row in reverse video
}

var trueColour = palette{
	name:     "true",
	accent:   lipgloss.AdaptiveColor{Light: "#1F4E8C", Dark: "#7AB4F5"},
	text:     lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#E8E8E8"},
	muted:    lipgloss.AdaptiveColor{Light: "#5F5F5F", Dark: "#9A9A9A"},
	selectBg: lipgloss.AdaptiveColor{Light: "#D6E4F7", Dark: "#2B3F5E"},
	now:      lipgloss.AdaptiveColor{Light: "#1B7A2E", Dark: "#6BD88A"},
	next:     lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#F2C46D"},
	err:      lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF8A80"},
	rule:     lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"},
	pillars: []lipgloss.TerminalColor{
		lipgloss.AdaptiveColor{Light: "#1F4E8C", Dark: "#5B9BE6"},
		lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#F0A050"},
		lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#6CC070"},
		lipgloss.AdaptiveColor{Light: "#6A1B9A", Dark: "#C08AE0"},
	},
}

// ansi16 is for 16-colour terminals (TERM=xterm) and projectors: what the
// true colours degrade to there is weak (grey text is bright black) or
// clashing (white on cyan), so text and secondary text keep the terminal's
// own foreground, colours are the terminal's bright ones on dark and normal
// ones on light backgrounds, and the selected row is reverse video.
var ansi16 = palette{
	name:     "ansi16",
	accent:   lipgloss.AdaptiveColor{Light: "4", Dark: "12"},
	text:     lipgloss.NoColor{},
	muted:    lipgloss.NoColor{},
	selectBg: lipgloss.NoColor{},
	now:      lipgloss.AdaptiveColor{Light: "2", Dark: "10"},
	next:     lipgloss.AdaptiveColor{Light: "5", Dark: "11"},
	err:      lipgloss.AdaptiveColor{Light: "1", Dark: "9"},
	rule:     lipgloss.Color("7"), // decoration: never bright black, which some palettes hide
	pillars: []lipgloss.TerminalColor{
		lipgloss.AdaptiveColor{Light: "4", Dark: "12"},
		lipgloss.AdaptiveColor{Light: "5", Dark: "11"},
		lipgloss.AdaptiveColor{Light: "2", Dark: "10"},
		lipgloss.AdaptiveColor{Light: "6", Dark: "14"},
	},
	reverse: true,
}

// mono has no colour at all (NO_COLOR): meaning is carried by bold,
// underline, reverse video and glyphs.
var mono = palette{
	name:   "mono",
	accent: lipgloss.NoColor{}, text: lipgloss.NoColor{}, muted: lipgloss.NoColor{}, selectBg: lipgloss.NoColor{},
	now: lipgloss.NoColor{}, next: lipgloss.NoColor{}, err: lipgloss.NoColor{}, rule: lipgloss.NoColor{},
	pillars: []lipgloss.TerminalColor{lipgloss.NoColor{}, lipgloss.NoColor{}, lipgloss.NoColor{}, lipgloss.NoColor{}},
	reverse: true,
}

// NewTheme builds the styles from r, in the colours its profile shows
// well: true colour and 256 colours, 16 colours, or none.
func NewTheme(r *lipgloss.Renderer) *Theme {
	switch r.ColorProfile() {
	case termenv.ANSI:
		return newTheme(r, ansi16)
	case termenv.Ascii:
		return newTheme(r, mono)
	}
	return newTheme(r, trueColour)
}

// NewMonoTheme builds attribute-only styles for a renderer that may emit
// bold, underline and reverse but must not colour (NO_COLOR).
func NewMonoTheme(r *lipgloss.Renderer) *Theme { return newTheme(r, mono) }

func newTheme(r *lipgloss.Renderer, p palette) *Theme {
	p = p.resolved(r)
	s := r.NewStyle
	t := &Theme{
		r:         r,
		name:      p.name,
		Title:     s().Bold(true).Foreground(p.accent),
		Subtle:    s().Foreground(p.muted),
		Clock:     s().Bold(true).Foreground(p.text),
		Tab:       s().Foreground(p.muted).Padding(0, 1),
		TabActive: s().Bold(true).Underline(true).Foreground(p.accent).Padding(0, 1),
		Rule:      s().Foreground(p.rule),
		Day:       s().Bold(true).Foreground(p.accent),
		Number:    s().Foreground(p.muted),
		Time:      s().Foreground(p.text),
		Codes:     s().Foreground(p.muted),
		Selected:  s().Bold(true).Foreground(p.text).Background(p.selectBg).Reverse(p.reverse),
		Now:       s().Bold(true).Foreground(p.now),
		Next:      s().Bold(true).Foreground(p.next),
		Heading:   s().Bold(true).Foreground(p.accent),
		Label:     s().Bold(true).Foreground(p.muted),
		Bold:      s().Bold(true),
		Italic:    s().Italic(true),
		Tag:       s().Foreground(p.accent),
		Status:    s().Foreground(p.muted),
		Error:     s().Bold(true).Foreground(p.err),
		Prompt:    s().Bold(true).Foreground(p.accent),
		HelpKey:   s().Bold(true).Foreground(p.text),
		HelpDesc:  s().Foreground(p.muted),
		Border:    s().Foreground(p.rule),
		Marker:    s().Bold(true).Foreground(p.text),
		Up:        s().Foreground(p.now),
		Down:      s().Foreground(p.err),
		Average:   s().Italic(true).Bold(true).Foreground(p.text),
		Mark:      s().Bold(true).Foreground(p.next),
		Match:     s().Bold(true).Underline(true).Foreground(p.next),
	}
	for _, c := range p.pillars {
		t.Pillars = append(t.Pillars, s().Foreground(c))
	}
	return t
}

// resolved is the palette as r draws it, worked out once: the light or
// dark half of each adaptive colour, and in 256 colours the nearest of
// the 256 (lipgloss would otherwise look both up at every Render, and the
// nearest colour is a search in a perceptual space: most of a frame's
// cost on a follower's slide change).
func (p palette) resolved(r *lipgloss.Renderer) palette {
	profile, dark := r.ColorProfile(), r.HasDarkBackground()
	one := func(c lipgloss.TerminalColor) lipgloss.TerminalColor {
		if a, ok := c.(lipgloss.AdaptiveColor); ok {
			c = lipgloss.Color(a.Light)
			if dark {
				c = lipgloss.Color(a.Dark)
			}
		}
		if hex, ok := c.(lipgloss.Color); ok && profile == termenv.ANSI256 {
			if c256, ok := profile.Color(string(hex)).(termenv.ANSI256Color); ok {
				c = lipgloss.Color(fmt.Sprint(int(c256)))
			}
		}
		return c
	}
	q := p
	q.accent, q.text, q.muted, q.selectBg = one(p.accent), one(p.text), one(p.muted), one(p.selectBg)
	q.now, q.next, q.err, q.rule = one(p.now), one(p.next), one(p.err), one(p.rule)
	q.pillars = nil
	for _, c := range p.pillars {
		q.pillars = append(q.pillars, one(c))
	}
	return q
}

// Style starts a new style on the theme's renderer, for components (the
// filter's text input) that need styles of their own.
func (t *Theme) Style() lipgloss.Style { return t.r.NewStyle() }

// Look names how this theme draws (colour profile, background, palette):
// two programs with the same look draw the same bytes.
func (t *Theme) Look() string {
	return fmt.Sprintf("%d|%v|%s", t.r.ColorProfile(), t.r.HasDarkBackground(), t.name)
}
