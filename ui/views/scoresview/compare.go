package scoresview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/bars"
)

// compareView sets countries side by side against the group average: one
// stacked bar each (overall), or grouped by pillar, drilling into a
// pillar's sub-pillars.
type compareView struct {
	c             *common.Common
	width, height int
	Codes         []string // countries with a score in the edition
	Asked         []string // every code asked for, for re-checking on edition change
	Title         string   // what is compared ("Session 1 presenters"), or ""
	Absent        []string // asked for but without a score in the edition
	byPillar      bool
	pillar        int // selected pillar in the grouped view
	drill         bool
	offset        int
	head          string   // prepared by refresh
	body, foot    []string // prepared by refresh
}

func newCompareView(c *common.Common) *compareView { return &compareView{c: c} }

// open compares codes; absent are presenters known to have no score.
func (cv *compareView) open(codes, absent []string, title string) {
	cv.Asked = append(append([]string{}, codes...), absent...)
	cv.Title = title
	cv.byPillar, cv.drill, cv.pillar, cv.offset = false, false, 0, 0
	cv.split()
	cv.Refresh()
}

// split sorts what was asked for into countries with and without a score
// in the current edition.
func (cv *compareView) split() {
	cv.Codes, cv.Absent = nil, nil
	e := cv.c.CurrentEdition()
	es := cv.c.Snap.Scores.Scores[e.ID]
	for _, code := range cv.Asked {
		if r, ok := es.Row(code); ok && data.Known(r.Values[0]) {
			cv.Codes = append(cv.Codes, code)
		} else {
			cv.Absent = append(cv.Absent, code)
		}
	}
	// Highest score first, as on a ranking slide.
	sort.SliceStable(cv.Codes, func(i, j int) bool {
		a, _ := es.Row(cv.Codes[i])
		b, _ := es.Row(cv.Codes[j])
		return a.Values[0] > b.Values[0]
	})
}

func (cv *compareView) SetSize(w, h int) {
	cv.width, cv.height = w, h
	if cv.Asked != nil {
		cv.Refresh()
	}
}

// Update handles a message; it reports true when the view should close.
func (cv *compareView) Update(msg tea.Msg) bool {
	closed := cv.handle(msg)
	if !closed {
		cv.Refresh()
	}
	return closed
}

func (cv *compareView) handle(msg tea.Msg) bool {
	k := cv.c.Keys
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
	n := len(cv.c.Snap.Scores.Index.Pillars)
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
		if cv.byPillar && len(cv.c.Snap.Scores.Index.SubMeasures(cv.pillar)) > 0 {
			cv.drill, cv.offset = true, 0
		}
	case key.Matches(km, sk.PrevEdition), key.Matches(km, sk.NextEdition):
		d := 1
		if key.Matches(km, sk.PrevEdition) {
			d = -1
		}
		if next := cv.c.Edition + d; next >= 0 && next < len(cv.c.Snap.Scores.Editions) {
			cv.c.Edition = next
			cv.split()
		}
	}
	return false
}

// toggle is v, named for what it switches to.
func (cv *compareView) toggle() key.Binding {
	b := cv.c.Keys.Compare.ByPillar
	if cv.byPillar {
		b.SetHelp(b.Help().Key, "overall")
	}
	return b
}

func (cv *compareView) ShortHelp() []key.Binding {
	k := cv.c.Keys
	if cv.byPillar && !cv.drill {
		return []key.Binding{k.Up, k.Down, k.Compare.Drill, cv.toggle(), k.Back}
	}
	return []key.Binding{cv.toggle(), k.Scores.PrevEdition, k.Scores.NextEdition, k.Back}
}

func (cv *compareView) FullHelp() [][]key.Binding {
	k := cv.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Compare.Drill, k.Back}, {cv.toggle(), k.Scores.PrevEdition, k.Scores.NextEdition}}
}

// nameWidth fits the longest name, within bounds.
func (cv *compareView) nameWidth() int {
	w := len("OECD average")
	for _, code := range cv.Codes {
		w = max(w, ansi.StringWidth(cv.c.CountryName(code))+6)
	}
	return min(w, max(cv.width/4, 16))
}

// Refresh lays the view out for the current state and size; View only
// chooses which lines show.
func (cv *compareView) Refresh() {
	t := cv.c.Theme
	d := cv.c.Snap.Scores
	e := cv.c.CurrentEdition()
	what := "overall"
	if cv.byPillar {
		what = "by pillar"
		if cv.drill {
			what = d.Index.Pillars[cv.pillar].Name + ": sub-pillars"
		}
	}
	what0 := "Compare"
	if cv.Title != "" {
		what0 += " · " + cv.Title
	}
	title := t.Title.Render(fmt.Sprintf("%s · %s %s", what0, d.Index.Name, e.ID)) + " " + common.StatusBadge(t, e)
	cv.head = common.Spread(title, t.Subtle.Render(fmt.Sprintf("%d countries · %s", len(cv.Codes), what)), cv.width)
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
	for _, code := range cv.Absent {
		body = append(body, common.Fit(t.Subtle.Render(fmt.Sprintf("%s — no %s score", cv.c.CountryName(code), e.ID)), cv.width))
	}
	cv.body = body
	cv.Follow()
	cv.foot = []string{
		bars.LegendFor(t, d, e, cv.width, ""),
		common.Fit(t.Subtle.Render("Source: "+e.Source), cv.width),
	}
}

// room is the number of body lines on screen.
func (cv *compareView) room() int { return max(cv.height-1-2, 1) }

// Follow keeps the offset in the body and the selected pillar's group on
// screen.
func (cv *compareView) Follow() {
	room := cv.room()
	if cv.byPillar && !cv.drill {
		sel := cv.pillar * (len(cv.Codes) + 3) // first line of the selected group
		// Keep the selected pillar's group on screen.
		if sel < cv.offset {
			cv.offset = sel
		}
		if sel+len(cv.Codes)+2 > cv.offset+room {
			cv.offset = sel + len(cv.Codes) + 2 - room
		}
	}
	cv.offset = max(min(cv.offset, len(cv.body)-room), 0)
}

func (cv *compareView) View() string {
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
	return append(append([]string{}, cv.Codes...), cv.c.Snap.Scores.Index.AverageCode)
}

func (cv *compareView) label(code string, w int) string {
	t := cv.c.Theme
	if code == cv.c.Snap.Scores.Index.AverageCode {
		return t.Average.Render(common.Fit("OECD average", w))
	}
	return common.Fit(cv.c.CountryName(code), w-6) + " " + t.Codes.Render(fmt.Sprintf("%-5s", code))
}

// overall draws one stacked bar per country scaled to its composite, the
// average marked on every bar, then the gaps per pillar and the change.
func (cv *compareView) overall() []string {
	t := cv.c.Theme
	d := cv.c.Snap.Scores
	e := cv.c.CurrentEdition()
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
		ch := bars.ChangeText(t, d.Change(e, code, 0))
		return t.Subtle.Render(strings.Join(parts, " · ")+" · change ") + ch
	}
	gapText := map[string]string{}
	gapW := 0
	for _, code := range cv.Codes {
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
		bar := bars.CompositeWithValue(t, ix, e, vals, full, barW+7, avg)
		line := cv.label(code, nameW) + " " + bar
		if inline && !isAvg {
			line += " " + gapText[code]
		}
		out = append(out, common.Fit(line, cv.width))
		if !inline && !isAvg {
			// Under the bar; indented less on a narrow screen so it fits.
			indent := max(min(nameW+1, cv.width-gapW), 2)
			out = append(out, common.Fit(strings.Repeat(" ", indent)+gapText[code], cv.width))
		}
		if isAvg && computed {
			out = append(out, common.Fit(strings.Repeat(" ", nameW+1)+t.Subtle.Render("computed over the OECD members with data"), cv.width))
		}
	}
	return out
}

// groups draws, for each measure, one bar per country on that measure's
// scale with its value and gap to the average; selected marks a group.
func (cv *compareView) groups(measures []int, pillar, selected int) []string {
	t := cv.c.Theme
	d := cv.c.Snap.Scores
	e := cv.c.CurrentEdition()
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
		out = append(out, common.Fit(common.Spread(cursor+t.Heading.Render(title), t.Subtle.Render(avgNote), cv.width), cv.width))
		full := e.Scale.Max(meas.Level, len(ix.Pillars))
		for _, code := range cv.entries() {
			v := d.Value(e, code, m)
			bar := bars.SingleBar(t, p, v, full, barW, avg)
			gap := ""
			if code != ix.AverageCode && data.Known(v) && data.Known(avg) {
				gap = data.FormatDelta(v - avg)
			}
			out = append(out, common.Fit("  "+cv.label(code, nameW)+" "+bar+fmt.Sprintf(" %6s %7s", data.Format(v), gap), cv.width))
		}
		out = append(out, strings.Repeat(" ", cv.width))
	}
	return out
}
