package strict

import (
	"fmt"
	"sort"
	"strings"

	"codeberg.org/plenary/plenary/data/clean"
)

// Problem is one thing wrong with a bundle file, at a place a person can go to.
type Problem struct {
	File    string // path inside the bundle, e.g. "meeting.toml"
	Line    int    // 1-based
	Col     int    // 1-based, in characters
	Key     string // dotted key, e.g. "session[3].presenters"; may be empty
	Msg     string
	Warning bool
}

// String is the problem as one line, file:line:col: message, cleaned: a
// file name or a value may come from anyone.
func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", p.File, p.Line, p.Col)
	if p.Warning {
		b.WriteString("warning: ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return clean.Line(b.String())
}

// Problems is every problem found in a load, in file order.
type Problems []Problem

// Errors counts the problems that are not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// First is the first error with a count of the others, for a one-line
// banner, or "" when there is no error.
func (ps Problems) First() string {
	for _, p := range ps {
		if !p.Warning {
			if n := ps.Errors(); n > 1 {
				return fmt.Sprintf("%s (and %d more; plenary check lists them)", p, n-1)
			}
			return p.String()
		}
	}
	return ""
}

// Err returns ps as an error when it holds at least one error, else nil.
func (ps Problems) Err() error {
	if ps.Errors() == 0 {
		return nil
	}
	return ps
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders problems by file, line and column.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
