// Package chart draws the scores as SVG for slides and publications: the
// ranking (or a comparison of some countries) as stacked pillar bars with
// the average marked, and a country's pillars against the average. Text is
// text (searchable, editable); every chart says its index, edition and
// measure in its title and its source under it; a preliminary edition is
// watermarked; the pillars' colours differ in lightness, so they stay
// apart in greyscale print.
package chart

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

// pillarColours are dark, middle and lighter, so that a greyscale print
// tells them apart, each at least 3:1 against the white page (WCAG 1.4.11:
// 11.6, 4.6, 3.4, 4.8, 3.8); stacked, they are parted by white lines, each
// at least 3:1 against them too. More pillars cycle.
var pillarColours = []string{"#0b3c5d", "#3778b6", "#5b8fc7", "#5d7b3a", "#6b8e23"}

const (
	ink     = "#1d2430"
	muted   = "#5b6472"
	rule    = "#c8ced6"
	average = "#c0392b"
	// averageBar is the OECD average's own bar: a grey no country has
	// (8.5:1 against white).
	averageBar = "#4d4d4d"
	// composite is a composite drawn whole: its pillars were not
	// published (the 2015 pilot), so no pillar's colour may stand for it.
	composite  = "#6b7685"
	fontFamily = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"`
)

// Options say what to draw.
type Options struct {
	Edition   *data.Edition // nil: the latest
	Measure   int           // index into Index.Measures(); 0 is the composite
	Countries []string      // Compare: these; Ranking: all when empty
	Width     int           // in pixels; 0 is 800
	// Note says what narrows a ranking ("OECD members only · filter:
	// an"), in its subtitle: the chart never passes for the whole edition.
	Note string
	// Top keeps the first N of a ranking (0: all), for a slide; the
	// subtitle says "top N of M".
	Top int
	// Aspect fixes a ranking's shape, width over height (16/9 for a
	// slide; 0: as tall as its rows need): the rows share the height
	// left, and a ranking too long for it is refused with the --top that
	// fits.
	Aspect float64
	// Name names a country code ("KOR" → "Korea").
	Name func(code string) string
}

// defaults fills what o leaves out and returns the edition's scores.
func (o *Options) defaults(d *data.Dataset) (*data.EditionScores, error) {
	if o.Edition == nil {
		o.Edition = d.Latest()
	}
	if o.Edition == nil {
		return nil, errors.New("the scores have no edition")
	}
	if o.Width <= 0 {
		o.Width = 800
	}
	if o.Width < 320 || o.Width > 4000 {
		return nil, fmt.Errorf("a width of %d px: between 320 and 4000", o.Width)
	}
	if o.Measure < 0 || o.Measure >= len(d.Index.Measures()) {
		return nil, fmt.Errorf("no measure %d", o.Measure)
	}
	if o.Name == nil {
		o.Name = func(c string) string {
			if n, ok := data.CountryName(c); ok {
				return n
			}
			return c
		}
	}
	es := d.Scores[o.Edition.ID]
	if es == nil {
		return nil, fmt.Errorf("edition %s has no scores", o.Edition.ID)
	}
	return es, nil
}

// canvas is what a chart is drawn on: SVG (text as text) or a PNG.
type canvas interface {
	rect(x, y, w, h float64, fill string)
	line(x1, y1, x2, y2 float64, stroke string, width float64)
	text(x, y float64, size float64, anchor, fill string, bold bool, s string)
	watermark(s string)
}

// frame draws what every chart has: the white ground, the title and the
// subtitle on top, the source below, the watermark of a preliminary
// edition over it all (drawn last by finish).
func frame(c canvas, w, h int, title, subtitle string) {
	c.rect(0, 0, float64(w), float64(h), "#ffffff")
	c.text(24, 36, 20, "start", ink, true, title)
	c.text(24, 60, 14, "start", muted, false, subtitle)
}

func finish(c canvas, w, h int, note, source string, preliminary bool) {
	lines := footLines(note, source, w)
	for i, l := range lines {
		c.text(24, float64(h-16-(len(lines)-1-i)*16), 12, "start", muted, false, l)
	}
	if preliminary {
		c.watermark("PRELIMINARY")
	}
}

// footLines are a note on what the chart leaves out, then the source,
// wrapped to the chart's width (about 6.5 pixels a character at 12 px).
func footLines(note, source string, w int) []string {
	if source == "" {
		source = "not given"
	}
	width := max((w-48)*2/13, 20)
	wrap := func(first string, text string) []string {
		var lines []string
		line := first
		for _, word := range strings.Fields(text) {
			if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
				lines = append(lines, line)
				line = word
				continue
			}
			line = strings.TrimPrefix(line+" "+word, " ")
		}
		return append(lines, line)
	}
	var lines []string
	if note != "" {
		lines = wrap("", note)
	}
	return append(lines, wrap("Source:", source)...)
}

// below is the room under a chart's body for its note and source.
func below(note, source string, w int) int { return 40 + 16*len(footLines(note, source, w)) }

// title is the index and edition: "OECD OURdata Index 2017 (preliminary)".
func title(d *data.Dataset, e *data.Edition) string {
	t := d.Index.Name + " " + e.ID
	if e.Status != data.Final && e.Status != "" {
		t += " (" + string(e.Status) + ")"
	}
	return t
}

// parts splits a composite into its pillars' contributions (scaled so that
// they add up to the composite); a value without its pillars is one part.
func parts(d *data.Dataset, e *data.Edition, values []float64, measure int) []float64 {
	if measure != 0 {
		return []float64{values[measure]}
	}
	ix := &d.Index
	out := make([]float64, len(ix.Pillars))
	for p := range ix.Pillars {
		v := values[ix.PillarMeasure(p)]
		if !data.Known(v) {
			return []float64{values[0]}
		}
		if e.Scale.Composition == data.Mean {
			v /= float64(len(ix.Pillars))
		}
		out[p] = v
	}
	return out
}

// Chart is a chart laid out, ready to draw as SVG or PNG.
type Chart struct {
	W, H int // in pixels (a PNG may be drawn at a multiple)
	Name string
	// Unscored names the countries asked for that have no score in the
	// edition: drawn as empty rows, and said under the chart.
	Unscored []string
	// Title names the chart and Desc says its data in words ("Korea
	// 0.943, France 0.848, …"), for who cannot see it: the SVG's <title>
	// and <desc>, a figure's caption.
	Title, Desc string
	draw        func(canvas)
}

// Ranking draws the countries of an edition (all of them, or
// o.Countries in the order of their scores) as bars of one measure, the
// composite stacked by pillar, with the average marked on every bar.
func Ranking(d *data.Dataset, o Options) (Chart, error) {
	es, err := o.defaults(d)
	if err != nil {
		return Chart{}, err
	}
	e := o.Edition
	m := o.Measure
	ms := d.Index.Measures()
	type row struct {
		code    string
		values  []float64
		average bool // the OECD average's own bar
	}
	var rows []row
	want, found := map[string]bool{}, map[string]bool{}
	for _, c := range o.Countries {
		want[strings.ToUpper(c)] = true
	}
	for _, r := range es.Rows {
		if len(want) > 0 && !want[r.Country] {
			continue
		}
		rows = append(rows, row{code: r.Country, values: r.Values})
		found[r.Country] = true
	}
	// Countries asked for without a score are drawn as labelled empty
	// rows and named under the chart: none vanishes.
	var missing []string
	for c := range want {
		if !found[c] {
			missing = append(missing, c)
		}
	}
	sort.Strings(missing)
	if len(rows) == 0 {
		if len(missing) > 0 {
			return Chart{}, fmt.Errorf("no %s score in edition %s for %s", ms[m].Name, e.ID, strings.Join(missing, ", "))
		}
		return Chart{}, fmt.Errorf("edition %s has no scores to draw", e.ID)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].values[m], rows[j].values[m]
		switch {
		case !data.Known(a):
			return false
		case !data.Known(b):
			return true
		}
		return a > b
	})
	of := len(rows)
	if o.Top > 0 && o.Top < len(rows) {
		rows = rows[:o.Top] // a slide's chart: the first N, and said so
	}
	shown := len(rows)
	var unscored []string
	for _, c := range missing {
		rows = append(rows, row{code: c})
		unscored = append(unscored, o.Name(c))
	}
	note := ""
	if len(unscored) > 0 {
		note = fmt.Sprintf("No %s %s score: %s.", e.ID, strings.ToLower(ms[m].Name), strings.Join(unscored, ", "))
	}
	// Partners are marked: the OECD average drawn beside them covers the
	// members only.
	label := func(code string) string {
		if !data.OECDMember(code, e.Year) {
			return o.Name(code) + " *"
		}
		return o.Name(code)
	}
	for _, r := range rows {
		if r.code != "" && !data.OECDMember(r.code, e.Year) {
			note = strings.TrimSpace(note + " * Not an OECD member in " + fmt.Sprint(e.Year) + ": the OECD average covers the members only.")
			break
		}
	}
	full := e.Scale.Max(ms[m].Level, len(d.Index.Pillars))
	avg, computed := d.Average(e, m)
	avgName := "OECD average"
	if computed {
		avgName += " (computed)"
	}
	if data.Known(avg) {
		// The average as a bar of its own, at its place among the
		// countries (as the OECD draws it), besides its mark on each bar.
		avgs := make([]float64, len(ms))
		for i := range avgs {
			avgs[i], _ = d.Average(e, i)
		}
		at := len(rows) - len(unscored)
		for i, r := range rows[:at] {
			if r.values[m] < avg {
				at = i
				break
			}
		}
		rows = append(rows[:at], append([]row{{values: avgs, average: true}}, rows[at:]...)...)
	}
	name := func(r row) string {
		if r.average {
			return avgName
		}
		return label(r.code)
	}

	const top = 84
	rowH, barH := 22.0, 14.0
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, len([]rune(name(r))))
	}
	labelW = min(labelW*7+16, o.Width/3)
	x0 := float64(24 + labelW)
	barW := float64(o.Width) - x0 - 24 - 56 // room for the value after the bar
	// The legend: the pillars and the average marker, in as many lines
	// as the width needs.
	type key struct {
		x, y   float64
		colour string
		label  string
		marker bool
	}
	var keys []key
	legendH := 0
	split, whole := false, false // rows drawn by pillar; rows without their pillars
	for _, r := range rows {
		if r.values == nil {
			continue
		}
		if len(parts(d, e, r.values, 0)) > 1 {
			split = true
		} else {
			whole = true
		}
	}
	if m == 0 && len(d.Index.Pillars) > 1 {
		x, line := 24.0, 0
		add := func(label, colour string, marker bool) {
			w := 30 + float64(len([]rune(label)))*7
			if x+w > float64(o.Width)-24 && x > 24 {
				x, line = 24, line+1
			}
			keys = append(keys, key{x, float64(line * 20), colour, label, marker})
			x += w
		}
		if split {
			for p, pl := range d.Index.Pillars {
				add(pl.Name, pillarColours[p%len(pillarColours)], false)
			}
		}
		if whole {
			add(ms[0].Name+", no pillar split published", composite, false)
		}
		if data.Known(avg) {
			label := "OECD average"
			if computed {
				label += " (computed)"
			}
			add(label, average, true)
		}
		legendH = 28 + 20*line
	}
	ticks := axisTicks(full, barW)
	h := top + legendH + len(rows)*int(rowH) + axisH + below(note, e.Source, o.Width)
	if o.Aspect > 0 {
		// A slide's shape: the rows take what the frame leaves, between
		// 16 px (the labels' own height) and their usual 22 px.
		h = int(math.Round(float64(o.Width) / o.Aspect))
		room := float64(h - (top + legendH + axisH + below(note, e.Source, o.Width)))
		rowH = min(math.Floor(room/float64(len(rows))), 22)
		if rowH < 16 {
			fits := int(room/16) - (len(rows) - shown) // the average's bar and the unscored stay
			n := len(rows)
			if data.Known(avg) {
				n-- // the average's bar is no country
			}
			return Chart{}, fmt.Errorf("%d countries do not fit a chart of %d×%d px: keep the first %d (--top %d) or widen it", n, o.Width, h, max(fits, 0), max(fits, 1))
		}
		barH = math.Round(rowH * 14 / 22)
	}
	subtitle := ms[m].Name
	if data.Known(avg) {
		subtitle += " · OECD average " + e.Format(avg)
	}
	if o.Note != "" {
		subtitle += " · " + clean.Line(o.Note)
	}
	if shown < of {
		subtitle += fmt.Sprintf(" · top %d of %d", shown, of)
	}
	draw := func(c canvas) {
		frame(c, o.Width, h, title(d, e), subtitle)
		y := float64(top)
		for _, k := range keys {
			if k.marker {
				c.line(k.x+6, y+k.y, k.x+6, y+k.y+12, k.colour, 2)
			} else {
				c.rect(k.x, y+k.y, 12, 12, k.colour)
			}
			c.text(k.x+18, y+k.y+11, 12, "start", ink, false, k.label)
		}
		y += float64(legendH)
		// The value axis: light gridlines behind the bars, their values and
		// the scale's maximum under the last row (a pillar's 0.333 shows
		// where a bar is full).
		bottom := y + float64(len(rows))*rowH
		for _, t := range ticks {
			tx := x0 + t.v/full*barW
			if t.v > 0 {
				c.line(tx, y-4, tx, bottom, grid, 1)
			}
			c.text(tx, bottom+14, 11, "middle", muted, false, t.label)
		}
		c.line(x0, y-4, x0, bottom, rule, 1)
		for _, r := range rows {
			c.text(x0-8, y+barH-2, 13, "end", ink, false, name(r))
			if r.average {
				w := avg / full * barW
				c.rect(x0, y, w, barH, averageBar)
				c.text(math.Round(x0+w)+6, y+barH-2, 12, "start", ink, true, e.Format(avg))
				y += rowH
				continue
			}
			if r.values == nil {
				c.text(x0+6, y+barH-2, 12, "start", muted, false, "no "+e.ID+" score")
				y += rowH
				continue
			}
			x := x0
			v := r.values[m]
			ps := parts(d, e, r.values, m)
			for p, part := range ps {
				if !data.Known(part) {
					continue
				}
				w := part / full * barW
				colour := pillarColours[p%len(pillarColours)]
				switch {
				case m != 0:
					colour = pillarColours[max(ms[m].Pillar, 0)%len(pillarColours)]
				case len(ps) == 1 && len(d.Index.Pillars) > 1:
					colour = composite
				}
				c.rect(x, y, w, barH, colour)
				if x > x0 {
					c.line(x, y, x, y+barH, "#ffffff", 1.5) // the segments parted
				}
				x += w
			}
			label := "–"
			if data.Known(v) {
				label = e.Format(v)
			}
			lx := math.Round(x) + 6
			if data.Known(avg) {
				ax := x0 + avg/full*barW
				// A white halo keeps the marker apart from any segment it
				// crosses (the red alone is 1.5:1 against the middle blue).
				c.line(ax, y-2, ax, y+barH+2, "#ffffff", 5)
				c.line(ax, y-2, ax, y+barH+2, average, 2)
				// The value never has the marker through it: one that
				// would is written past it.
				if ax+4 > lx-2 && ax-4 < lx+labelWidth(label) {
					lx = math.Round(ax) + 6
				}
			}
			c.text(lx, y+barH-2, 12, "start", ink, false, label)
			y += rowH
		}
		finish(c, o.Width, h, note, e.Source, e.Status == data.Preliminary)
	}
	var said []string
	for _, r := range rows {
		if r.average {
			continue // said last
		}
		if r.values == nil {
			said = append(said, o.Name(r.code)+" no score")
		} else {
			said = append(said, o.Name(r.code)+" "+e.Format(r.values[m]))
		}
	}
	if data.Known(avg) {
		said = append(said, "OECD average "+e.Format(avg))
	}
	return Chart{W: o.Width, H: h, Name: "ranking-" + e.ID, draw: draw, Unscored: unscored,
		Title: title(d, e) + " · " + subtitle, Desc: strings.Join(said, ", ") + "."}, nil
}

// labelWidth is about how wide a bar's value is drawn (12 px text: 7 px
// a character, a little more than the faces' figures take).
func labelWidth(s string) float64 { return float64(len([]rune(s))) * 7 }

// axisH is the height of the value axis's labels under the rows.
const axisH = 20

// grid is the colour of the value axis's gridlines: light, behind the bars.
const grid = "#e3e6ea"

type tick struct {
	v     float64
	label string
}

// axisTicks are the value axis's marks from 0 to full over width pixels:
// round steps (3 to 6 of them), and full itself, the scale's maximum,
// always — a round mark whose label would touch its label gives way.
func axisTicks(full, width float64) []tick {
	if !(full > 0) {
		return nil
	}
	step := full
	for _, s := range []float64{0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100} {
		if full/s <= 6 {
			step = s
			break
		}
	}
	label := func(v float64) string {
		return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	}
	var out []tick
	for i := 0; ; i++ {
		v := float64(i) * step
		if (full-v)/full*width < 36 {
			break
		}
		out = append(out, tick{v, label(v)})
	}
	// A sum of rounded pillar maxima (3 × 0.333) is the whole scale: 1.
	top := full
	if r := math.Round(full*100) / 100; math.Abs(full-r) <= 0.0015 {
		top = r
	}
	return append(out, tick{full, label(top)})
}

// Country draws one country's pillars against the average: a bar per
// pillar, the average marked.
func Country(d *data.Dataset, code string, o Options) (Chart, error) {
	es, err := o.defaults(d)
	if err != nil {
		return Chart{}, err
	}
	e := o.Edition
	r, ok := es.Row(strings.ToUpper(code))
	if !ok {
		return Chart{}, fmt.Errorf("no score for %s in edition %s", code, e.ID)
	}
	ix := &d.Index
	full := e.Scale.Max(data.LevelPillar, len(ix.Pillars))
	const top, rowH, barH = 96, 34, 18
	labelW := 0
	for _, p := range ix.Pillars {
		labelW = max(labelW, len([]rune(p.Name)))
	}
	labelW = min(labelW*7+16, o.Width/2)
	x0 := float64(24 + labelW)
	barW := float64(o.Width) - x0 - 24 - 120
	h := top + len(ix.Pillars)*rowH + below("", e.Source, o.Width)
	name := o.Name(r.Country)
	subtitle := d.Index.Measures()[0].Name + " " + e.Format(r.Values[0])
	draw := func(c canvas) {
		frame(c, o.Width, h, name+" — "+title(d, e), subtitle)
		y := float64(top)
		for p, pl := range ix.Pillars {
			mi := ix.PillarMeasure(p)
			v := r.Values[mi]
			c.text(x0-8, y+barH-3, 13, "end", ink, false, pl.Name)
			end := x0
			label := "–"
			if data.Known(v) {
				c.rect(x0, y, v/full*barW, barH, pillarColours[p%len(pillarColours)])
				end += v / full * barW
				label = e.Format(v)
			}
			if avg, _ := d.Average(e, mi); data.Known(avg) {
				ax := x0 + avg/full*barW
				c.line(ax, y-3, ax, y+barH+3, "#ffffff", 5)
				c.line(ax, y-3, ax, y+barH+3, average, 2)
				label += " (average " + e.Format(avg) + ")"
			}
			c.text(math.Round(end)+6, y+barH-3, 12, "start", ink, false, label)
			y += rowH
		}
		finish(c, o.Width, h, "", e.Source, e.Status == data.Preliminary)
	}
	said := []string{subtitle}
	for p, pl := range ix.Pillars {
		mi := ix.PillarMeasure(p)
		s := pl.Name + " " + e.Format(r.Values[mi])
		if avg, _ := d.Average(e, mi); data.Known(avg) {
			s += " (average " + e.Format(avg) + ")"
		}
		said = append(said, s)
	}
	return Chart{W: o.Width, H: h, Name: strings.ToLower(r.Country) + "-" + e.ID, draw: draw,
		Title: name + " — " + title(d, e), Desc: strings.Join(said, ", ") + "."}, nil
}
