// Package termbg decides, quickly, whether the terminal has a dark background.
//
// bubbletea v1 asks the terminal for its background colour in its package
// init (tea_init.go) and termenv then waits up to 5 s for an answer: a
// terminal that never answers (a serial console, some ssh clients) would
// delay every command by that much. This package's init tells lipgloss a
// background (dark) without asking, so bubbletea's init finds it known and
// asks nothing: --version, check and the exports start at once. The app
// asks once, with Dark and a short deadline, when it opens its screen, and
// gives the answer to its renderer.
//
// It works because Go initialises packages in import-path order among those
// whose imports are ready (Go 1.21+): this package needs only lipgloss and
// x/sys, and its path, codeberg.org/…, sorts before
// github.com/charmbracelet/bubbletea, so its init runs first. The startup
// test in cmd/plenary checks the effect on a terminal that never answers.
package termbg

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
)

// Timeout is how long the terminal may take to answer. Terminals that
// answer do so within a few milliseconds.
const Timeout = 100 * time.Millisecond

func init() {
	lipgloss.SetHasDarkBackground(true) // known, so nobody asks; see Dark
}

// Dark reports whether the terminal on stdin/stdout has a dark background:
// from its answer to OSC 11 when it gives one in time, else from COLORFGBG,
// else dark (most terminals are).
func Dark(getenv func(string) string) bool {
	term := getenv("TERM")
	if !strings.HasPrefix(term, "screen") && !strings.HasPrefix(term, "tmux") && term != "dumb" {
		if reply, ok := query(Timeout); ok {
			if dark, ok := parseOSC11(reply); ok {
				return dark
			}
		}
	}
	if fgbg := getenv("COLORFGBG"); strings.Contains(fgbg, ";") {
		parts := strings.Split(fgbg, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			// ANSI colours 7 and 9–15 are light backgrounds.
			return !(bg == 7 || (bg >= 9 && bg <= 15))
		}
	}
	return true
}

// parseOSC11 reads "…]11;rgb:RRRR/GGGG/BBBB…" and reports whether the colour
// is dark (HSL lightness below one half, as termenv decides).
func parseOSC11(s string) (dark, ok bool) {
	i := strings.Index(s, "rgb:")
	if i < 0 {
		return false, false
	}
	s = s[i+4:]
	if j := strings.IndexAny(s, "\x07\x1b"); j >= 0 {
		s = s[:j]
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return false, false
	}
	var c [3]float64
	for k, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return false, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return false, false
		}
		c[k] = float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	hi := max(c[0], c[1], c[2])
	lo := min(c[0], c[1], c[2])
	return (hi+lo)/2 < 0.5, true
}
