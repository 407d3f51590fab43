package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/data"
)

// compareView sets countries side by side against the group average: one
// stacked bar each (overall), or grouped by pillar, drilling into a
// pillar's sub-pillars.
type compareView struct {
	c             *common
	width, height int
	codes         []string // countries with a score in the edition
	asked         []string // every code asked for, for re-checking on edition change
	title         string   // what is compared ("Session 1 presenters"), or ""
	absent        []string // asked for but without a score in the edition
	byPillar      bool
	pillar        int // selected pillar in the grouped view
	drill         bool
	offset        int
	head          string   // prepared by refresh
	body, foot    []string // prepared by refresh
}

func newCompareView(c *common) *compareView { return &compareView{c: c} }

// open compares codes; absent are presenters known to have no score.
func (cv *compareView) open(codes, absent []string, title string) {
	cv.asked = append(append([]string{}, codes...), absent...)
	cv.title = title
	cv.byPillar, cv.drill, cv.pillar, cv.offset = false, false, 0, 0
	cv.split()
	cv.refresh()
}

// split sorts what was asked for into countries with and without a score
// in the current edition.
func (cv *compareView) split() {
	cv.codes, cv.absent = nil, nil
	e := cv.c.currentEdition()
	es := cv.c.snap.Scores.Scores[e.ID]
	for _, code := range cv.asked {
		if r, ok := es.Row(code); ok && data.Known(r.Values[0]) {
			cv.codes = append(cv.codes, code)
		} else {
			cv.absent = append(cv.absent, code)
		}
	}
	// Highest score first, as on a ranking slide.
	sort.SliceStable(cv.codes, func(i, j int) bool {
		a, _ := es.Row(cv.codes[i])
		b, _ := es.Row(cv.codes[j])
		return a.Values[0] > b.Values[0]
	})
}

func (cv *compareView) setSize(w, h int) {
	cv.width, cv.height = w, h
	if cv.asked != nil {
		cv.refresh()
	}
}

// update handles a message; it reports true when the view should close.
func (cv *compareView) update(msg tea.Msg) bool {
	closed := cv.handle(msg)
	if !closed {
		cv.refresh()
	}
	return closed
}

func (cv *compareView) handle(msg tea.Msg) bool {
	k := cv.c.keys
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if mm, ok := msg.(tea.MouseMsg); ok {
			switch mm.Button {
			case tea.MouseButtonWheelUp:
				cv.offset = max(cv.offset-3, 0)
			case tea.MouseButtonWheelDown:
				cv.offset += 3
			}
		}
		return false
	}
	n := len(cv.c.snap.Scores.Index.Pillars)
	sk := k.Scores
	switch {
	case key.Matches(km, k.Back):
		switch {
		case cv.drill:
			cv.drill = false
		case cv.byPillar:
			cv.byPillar = false
		default:
			return true
		}
		cv.offset = 0
	case key.Matches(km, k.Compare.ByPillar):
		cv.byPillar, cv.drill, cv.offset = !cv.byPillar, false, 0
	case key.Matches(km, k.Up):
		if cv.byPillar && !cv.drill {
			cv.pillar = max(cv.pillar-1, 0)
		} else {
			cv.offset = max(cv.offset-1, 0)
		}
	case key.Matches(km, k.Down):
		if cv.byPillar && !cv.drill {
			cv.pillar = min(cv.pillar+1, n-1)
		} else {
			cv.offset++
		}
	case key.Matches(km, k.Top):
		cv.pillar, cv.offset = 0, 0
	case key.Matches(km, k.Bottom):
		cv.pillar, cv.offset = n-1, len(cv.body)
	case key.Matches(km, k.Compare.Drill):
		if cv.byPillar && len(cv.c.snap.Scores.Index.SubMeasures(cv.pillar)) > 0 {
			cv.drill, cv.offset = true, 0
		}
	case key.Matches(km, sk.PrevEdition), key.Matches(km, sk.NextEdition):
		d := 1
		if key.Matches(km, sk.PrevEdition) {
			d = -1
		}
		if next := cv.c.edition + d; next >= 0 && next < len(cv.c.snap.Scores.Editions) {
			cv.c.edition = next
			cv.split()
		}
	}
	return false
}

// toggle is v, named for what it switches to.
func (cv *compareView) toggle() key.Binding {
	b := cv.c.keys.Compare.ByPillar
	if cv.byPillar {
		b.SetHelp(b.Help().Key, "overall")
	}
	return b
}

func (cv *compareView) shortHelp() []key.Binding {
	k := cv.c.keys
	if cv.byPillar && !cv.drill {
		return []key.Binding{k.Up, k.Down, k.Compare.Drill, cv.toggle(), k.Back}
	}
	return []key.Binding{cv.toggle(), k.Scores.PrevEdition, k.Scores.NextEdition, k.Back}
}

func (cv *compareView) fullHelp() [][]key.Binding {
	k := cv.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Compare.Drill, k.Back}, {cv.toggle(), k.Scores.PrevEdition, k.Scores.NextEdition}}
}

// nameWidth fits the longest name, within bounds.
func (cv *compareView) nameWidth() int {
	w := len("OECD average")
	for _, code := range cv.codes {
		w = max(w, ansi.StringWidth(cv.c.countryName(code))+6)
	}
	return min(w, max(cv.width/4, 16))
}

// refresh lays the view out for the current state and size; View only
// chooses which lines show.
func (cv *compareView) refresh() {
	t := cv.c.theme
	d := cv.c.snap.Scores
	e := cv.c.currentEdition()
	what := "overall"
	if cv.byPillar {
		what = "by pillar"
		if cv.drill {
			what = d.Index.Pillars[cv.pillar].Name + ": sub-pillars"
		}
	}
	what0 := "Compare"
	if cv.title != "" {
		what0 += " · " + cv.title
	}
	title := t.Title.Render(fmt.Sprintf("%s · %s %s", what0, d.Index.Name, e.ID)) + " " + statusBadge(t, e)
	cv.head = spread(title, t.Subtle.Render(fmt.Sprintf("%d countries · %s", len(cv.codes), what)), cv.width)
	var body []string
	switch {
	case cv.drill:
		body = cv.groups(d.Index.SubMeasures(cv.pillar), cv.pillar, -1)
	case cv.byPillar:
		var ms []int
		for p := range d.Index.Pillars {
			ms = append(ms, d.Index.PillarMeasure(p))
		}
		body = cv.groups(ms, -1, cv.pillar)
	default:
		body = cv.overall()
	}
	for _, code := range cv.absent {
		body = append(body, fit(t.Subtle.Render(fmt.Sprintf("%s — no %s score", cv.c.countryName(code), e.ID)), cv.width))
	}
	cv.body = body
	cv.follow()
	cv.foot = []string{
		legendFor(t, d, e, cv.width, ""),
		fit(t.Subtle.Render("Source: "+e.Source), cv.width),
	}
}

// room is the number of body lines on screen.
func (cv *compareView) room() int { return max(cv.height-1-2, 1) }

// follow keeps the offset in the body and the selected pillar's group on
// screen.
func (cv *compareView) follow() {
	room := cv.room()
	if cv.byPillar && !cv.drill {
		sel := cv.pillar * (len(cv.codes) + 3) // first line of the selected group
		// Keep the selected pillar's group on screen.
		if sel < cv.offset {
			cv.offset = sel
		}
		if sel+len(cv.codes)+2 > cv.offset+room {
			cv.offset = sel + len(cv.codes) + 2 - room
		}
	}
	cv.offset = max(min(cv.offset, len(cv.body)-room), 0)
}

func (cv *compareView) view() string {
	body, foot := cv.body[cv.offset:], cv.foot
	room := cv.room()
	if len(body) > room {
		body = body[:room]
	}
	// Every prepared line is already exactly the width.
	lines := append([]string{cv.head}, body...)
	blank := strings.Repeat(" ", cv.width)
	for len(lines) < cv.height-len(foot) {
		lines = append(lines, blank)
	}
	lines = append(lines, foot...)
	return strings.Join(lines[:min(len(lines), cv.height)], "\n")
}

// entries are the rows to draw: the countries, then the average.
func (cv *compareView) entries() []string {
	return append(append([]string{}, cv.codes...), cv.c.snap.Scores.Index.AverageCode)
}

func (cv *compareView) label(code string, w int) string {
	t := cv.c.theme
	if code == cv.c.snap.Scores.Index.AverageCode {
		return t.Average.Render(fit("OECD average", w))
	}
	return fit(cv.c.countryName(code), w-6) + " " + t.Codes.Render(fmt.Sprintf("%-5s", code))
}

// overall draws one stacked bar per country scaled to its composite, the
// average marked on every bar, then the gaps per pillar and the change.
func (cv *compareView) overall() []string {
	t := cv.c.theme
	d := cv.c.snap.Scores
	e := cv.c.currentEdition()
	ix := &d.Index
	nameW := cv.nameWidth()
	full := e.Scale.Max(data.LevelComposite, len(ix.Pillars))
	avg, computed := d.Average(e, 0)
	gaps := func(code string) string {
		var parts []string
		for p := range ix.Pillars {
			m := ix.PillarMeasure(p)
			v := d.Value(e, code, m)
			a, _ := d.Average(e, m)
			g := "–"
			if data.Known(v) && data.Known(a) {
				g = data.FormatDelta(v - a)
			}
			parts = append(parts, ix.Measures()[m].Short+" "+g)
		}
		ch := changeText(t, d.Change(e, code, 0))
		return t.Subtle.Render(strings.Join(parts, " · ")+" · change ") + ch
	}
	gapText := map[string]string{}
	gapW := 0
	for _, code := range cv.codes {
		gapText[code] = gaps(code)
		gapW = max(gapW, ansi.StringWidth(gapText[code])+1)
	}
	// On a wide screen the gaps go beside the bars, when the bars keep most of it.
	inline := cv.width-nameW-8-gapW >= cv.width/2
	barW := max(cv.width-nameW-1-7, 10)
	if inline {
		barW = max(barW-gapW, 10)
	}
	var out []string
	for _, code := range cv.entries() {
		isAvg := code == ix.AverageCode
		vals := make([]float64, len(ix.Measures()))
		for m := range vals {
			vals[m] = d.Value(e, code, m)
		}
		bar := compositeWithValue(t, ix, e, vals, full, barW+7, avg)
		line := cv.label(code, nameW) + " " + bar
		if inline && !isAvg {
			line += " " + gapText[code]
		}
		out = append(out, fit(line, cv.width))
		if !inline && !isAvg {
			// Under the bar; indented less on a narrow screen so it fits.
			indent := max(min(nameW+1, cv.width-gapW), 2)
			out = append(out, fit(strings.Repeat(" ", indent)+gapText[code], cv.width))
		}
		if isAvg && computed {
			out = append(out, fit(strings.Repeat(" ", nameW+1)+t.Subtle.Render("computed over the OECD members with data"), cv.width))
		}
	}
	return out
}

// groups draws, for each measure, one bar per country on that measure's
// scale with its value and gap to the average; selected marks a group.
func (cv *compareView) groups(measures []int, pillar, selected int) []string {
	t := cv.c.theme
	d := cv.c.snap.Scores
	e := cv.c.currentEdition()
	ix := &d.Index
	nameW := cv.nameWidth()
	barW := max(cv.width-nameW-4-7-9, 10)
	var out []string
	for gi, m := range measures {
		meas := ix.Measures()[m]
		p := meas.Pillar
		if pillar >= 0 {
			p = pillar
		}
		avg, computed := d.Average(e, m)
		avgNote := "OECD avg " + data.Format(avg)
		if computed {
			avgNote += " (computed)"
		}
		cursor := "  "
		if gi == selected {
			cursor = "▸ "
		}
		title := meas.Name
		if meas.Level == data.LevelSub {
			title = meas.ID + " " + meas.Name
		}
		out = append(out, fit(spread(cursor+t.Heading.Render(title), t.Subtle.Render(avgNote), cv.width), cv.width))
		full := e.Scale.Max(meas.Level, len(ix.Pillars))
		for _, code := range cv.entries() {
			v := d.Value(e, code, m)
			bar := singleBar(t, p, v, full, barW, avg)
			gap := ""
			if code != ix.AverageCode && data.Known(v) && data.Known(avg) {
				gap = data.FormatDelta(v - avg)
			}
			out = append(out, fit("  "+cv.label(code, nameW)+" "+bar+fmt.Sprintf(" %6s %7s", data.Format(v), gap), cv.width))
		}
		out = append(out, strings.Repeat(" ", cv.width))
	}
	return out
}
