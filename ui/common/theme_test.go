package common

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestResolvedPaletteDrawsTheSame: the colours worked out once draw the
// same bytes as lipgloss's own lookup at every Render, in every profile
// and on both backgrounds.
func TestResolvedPaletteDrawsTheSame(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(profile)
			r.SetHasDarkBackground(dark)
			for _, p := range []palette{trueColour, ansi16, mono} {
				q := p.resolved(r)
				// Worked out once: in 256 colours no hex is left to look up
				// at every Render, and no adaptive colour in any profile.
				if c, ok := q.accent.(lipgloss.Color); p.name == "true" && (!ok || (profile == termenv.ANSI256 && strings.HasPrefix(string(c), "#"))) {
					t.Errorf("profile %d: the accent %#v is not resolved", profile, q.accent)
				}
				colours := append([]lipgloss.TerminalColor{p.accent, p.text, p.muted, p.selectBg, p.now, p.next, p.err, p.rule}, p.pillars...)
				resolved := append([]lipgloss.TerminalColor{q.accent, q.text, q.muted, q.selectBg, q.now, q.next, q.err, q.rule}, q.pillars...)
				for i := range colours {
					want := r.NewStyle().Foreground(colours[i]).Background(colours[i]).Render("x")
					got := r.NewStyle().Foreground(resolved[i]).Background(resolved[i]).Render("x")
					if got != want {
						t.Errorf("profile %d, dark %v, %s colour %d: %q, want %q", profile, dark, p.name, i, got, want)
					}
				}
			}
		}
	}
}
