// Package bars draws scores as bars: a composite split into its pillars,
// one pillar alone, the change since an edition, and their legends.
package bars

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/common"
)

// stackedBar draws the pillars' contributions one after the other in w
// cells, scaled so that full fills the width. marker, when known, is a value
// on the same scale drawn as │ over the bar (the average). Each pillar has
// its own colour and glyph, so the bar reads without colour too.
func stackedBar(t *common.Theme, parts []float64, full float64, w int, marker float64) string {
	if w <= 0 {
		return ""
	}
	cells, mark := barCells(parts, full, w, marker)
	return drawCells(t, cells, mark)
}

// barCells works out which pillar fills each cell (0 for none) and where
// the marker goes (-1 for nowhere).
func barCells(parts []float64, full float64, w int, marker float64) ([]int, int) {
	cells := make([]int, w)
	cum := 0.0
	start := 0
	for p, v := range parts {
		if !data.Known(v) || v <= 0 {
			continue
		}
		cum += v
		end := min(int(math.Round(cum/full*float64(w))), w)
		for i := start; i < end; i++ {
			cells[i] = p + 1
		}
		start = max(start, end)
	}
	mark := -1
	if data.Known(marker) && marker >= 0 {
		mark = min(int(math.Round(marker/full*float64(w))), w-1)
	}
	return cells, mark
}

// WithValue draws a stacked bar in w cells with its value written just
// after its filled part (and after the marker, when that is further).
func WithValue(t *common.Theme, parts []float64, full float64, w int, marker float64, value string) string {
	return withValueOf(t, parts, false, full, w, marker, value)
}

// withValueOf is withValue for a stack or, whole, one plain run.
func withValueOf(t *common.Theme, parts []float64, whole bool, full float64, w int, marker float64, value string) string {
	value = " " + value
	vw := ansi.StringWidth(value)
	barW := w - vw
	if barW < 1 {
		return common.Fit(value, w)
	}
	cells, mark := barCells(parts, full, barW, marker)
	if whole {
		plain(cells)
	}
	end := barW
	for end > 0 && cells[end-1] == 0 && end-1 != mark {
		end--
	}
	tailMark := -1
	if mark >= end {
		tailMark = mark - end
	}
	headMark := mark
	if mark >= end {
		headMark = -1
	}
	return drawCells(t, cells[:end], headMark) + t.Bold.Render(value) + drawCells(t, cells[end:], tailMark)
}

// drawCells renders runs of equal cells with one style call per run.
func drawCells(t *common.Theme, cells []int, mark int) string {
	var b strings.Builder
	for i := 0; i < len(cells); {
		if i == mark {
			b.WriteString(t.Marker.Render("│"))
			i++
			continue
		}
		j := i
		for j < len(cells) && cells[j] == cells[i] && j != mark {
			j++
		}
		if p := cells[i]; p == 0 {
			b.WriteString(strings.Repeat(" ", j-i))
		} else if p == wholeCell {
			b.WriteString(t.Subtle.Render(strings.Repeat("░", j-i)))
		} else {
			st := t.Pillars[(p-1)%len(t.Pillars)]
			b.WriteString(st.Render(strings.Repeat(common.PillarGlyphs[(p-1)%len(common.PillarGlyphs)], j-i)))
		}
		i = j
	}
	return b.String()
}

// SingleBar draws one value in the style of pillar p.
func SingleBar(t *common.Theme, p int, v, full float64, w int, marker float64) string {
	return stackedBar(t, SingleParts(p, v), full, w, marker)
}

// SingleParts is a stack with one pillar's value, the others missing, so a
// bar of one pillar takes that pillar's glyph and colour.
func SingleParts(p int, v float64) []float64 {
	parts := make([]float64, p+1)
	for i := range parts {
		parts[i] = data.Missing
	}
	parts[p] = v
	return parts
}

// legendOf names the pillars in full, or by their short names.
func legendOf(t *common.Theme, ix *data.Index, short bool) string {
	var parts []string
	for p, pl := range ix.Pillars {
		g := t.Pillars[p%len(t.Pillars)].Render(strings.Repeat(common.PillarGlyphs[p%len(common.PillarGlyphs)], 2))
		name := pl.Name
		if short && pl.Short != "" {
			name = pl.Short
		}
		parts = append(parts, g+" "+name)
	}
	return strings.Join(parts, "  ")
}

// LegendFor is the legend of edition e's bars for a line of w cells: the
// pillars (full names when they fit, else short), the average's mark and
// how the average was had (computed, or given without its pillars), then
// note.
func LegendFor(t *common.Theme, d *data.Dataset, e *data.Edition, w int, note string) string {
	ix := &d.Index
	avg := "  " + t.Marker.Render("│") + " OECD average"
	v, computed := d.Average(e, 0)
	switch {
	case computed && data.Known(v):
		avg += " (computed)"
	case data.Known(v):
		for p := range ix.Pillars {
			if a, _ := d.Average(e, ix.PillarMeasure(p)); !data.Known(a) {
				avg += "  " + t.Subtle.Render("░") + " given without pillars (– not given)"
				break
			}
		}
	}
	if note != "" {
		avg += "  " + t.Subtle.Render(note)
	}
	if l := legendOf(t, ix, false) + avg; ansi.StringWidth(l) <= w {
		return common.Fit(l, w)
	}
	return common.Fit(legendOf(t, ix, true)+avg, w)
}

// contributions returns each pillar's share of the composite on the
// composite's scale: the value itself when the composite is a sum, a part
// of the mean otherwise. When a pillar is not given but the composite is
// (an average published as one number), whole is set and the composite
// comes as one part: drawn as a plain run, never filled in from elsewhere.
func contributions(ix *data.Index, e *data.Edition, values []float64) (parts []float64, whole bool) {
	out := make([]float64, len(ix.Pillars))
	for p := range ix.Pillars {
		v := values[ix.PillarMeasure(p)]
		if !data.Known(v) && data.Known(values[0]) {
			return []float64{values[0]}, true
		}
		if e.Scale.Composition == data.Mean && data.Known(v) {
			v /= float64(len(ix.Pillars))
		}
		out[p] = v
	}
	return out, false
}

// wholeCell marks a cell of a composite drawn without its pillars.
const wholeCell = -1

// plain turns a bar's filled cells into a composite without its pillars.
func plain(cells []int) {
	for i, c := range cells {
		if c != 0 {
			cells[i] = wholeCell
		}
	}
}

// CompositeBar is stackedBar for a composite: by pillar, or plain.
func CompositeBar(t *common.Theme, ix *data.Index, e *data.Edition, values []float64, full float64, w int, marker float64) string {
	if w <= 0 {
		return ""
	}
	parts, whole := contributions(ix, e, values)
	cells, mark := barCells(parts, full, w, marker)
	if whole {
		plain(cells)
	}
	return drawCells(t, cells, mark)
}

// CompositeWithValue is withValue for a composite: by pillar, or plain.
func CompositeWithValue(t *common.Theme, ix *data.Index, e *data.Edition, values []float64, full float64, w int, marker float64) string {
	parts, whole := contributions(ix, e, values)
	return withValueOf(t, parts, whole, full, w, marker, data.Format(values[0]))
}

// ChangeText shows a change as ▲/▼ with its value, or why there is none.
func ChangeText(t *common.Theme, c data.Change) string {
	switch c.Status {
	case data.ChangeNotComparable:
		return t.Subtle.Render("n/c")
	case data.ChangeNoPrevious, data.ChangeMissing:
		return t.Subtle.Render("–")
	}
	switch {
	case c.Delta > 0.0005:
		return t.Up.Render("▲" + data.FormatDelta(c.Delta))
	case c.Delta < -0.0005:
		return t.Down.Render("▼" + data.FormatDelta(c.Delta))
	}
	return t.Subtle.Render("= 0.000")
}

func CountKnown(vs []float64) int {
	n := 0
	for _, v := range vs {
		if data.Known(v) {
			n++
		}
	}
	return n
}
