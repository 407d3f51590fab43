package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
)

// presentation is the projector mode: one slide on the whole screen and a
// slim footer. Slides are laid out when the slide, the data or the size
// changes; View joins the slide and its footer.
type presentation struct {
	c             *common
	deck          *deck.Deck
	adhoc         bool // presenting what was on screen, not the bundle's deck
	slide, page   int
	pages         int
	blank         bool
	width, height int
	body          string // the slide, laid out
	bodyKey       string // what the body was laid out for
	foot          string // the footer, redrawn when the clock moves

	// A follower's view of the room's presentation: lead is what the
	// presenter shows now; detached, the follower looks elsewhere.
	follower bool
	lead     *room.Showing
	detached bool
	// takeOver: the presenter asked to take the room from another;
	// notice says who has the room instead (shown in the footer, where a
	// presenter looks).
	takeOver bool
	notice   string
}

// newFollower is the view of someone following the room's presentation.
func newFollower(c *common, sh *room.Showing) *presentation {
	p := &presentation{c: c, follower: true}
	p.lead = sh
	p.catchUp()
	return p
}

// follow takes the presenter's new slide: shown at once unless the
// follower looks elsewhere.
func (p *presentation) follow(sh *room.Showing) {
	p.lead = sh
	if !p.detached {
		p.catchUp()
	}
	p.foot = p.footer()
}

// catchUp goes to the presenter's slide: in the bundle's deck when it is
// one of its slides (so the follower can look back), else that one slide.
func (p *presentation) catchUp() {
	p.detached = false
	sh := p.lead
	if d := p.c.snap.Deck; sh.FromDeck && d != nil && d.Index(sh.Slide.ID) >= 0 {
		p.deck, p.slide = d, d.Index(sh.Slide.ID)
	} else {
		p.deck, p.slide = &deck.Deck{Slides: []deck.Slide{sh.Slide}}, 0
	}
	p.page, p.blank, p.bodyKey = sh.Page, false, ""
	p.layout()
}

// showing describes the slide on screen, for the room.
func (p *presentation) showing() room.Showing {
	return room.Showing{Slide: p.deck.Slides[p.slide], Index: p.slide, Count: len(p.deck.Slides), Page: p.page, FromDeck: !p.adhoc}
}

func newPresentation(c *common, d *deck.Deck, adhoc bool) *presentation {
	return &presentation{c: c, deck: d, adhoc: adhoc}
}

func (p *presentation) place() placement { return placeScreen }
func (p *presentation) capturing() bool  { return false }

func (p *presentation) setSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// setDeck follows a reloaded deck, staying on the same slide (by id).
func (p *presentation) setDeck(d *deck.Deck) {
	if d == nil || p.adhoc {
		p.bodyKey = "" // the data changed under the same slide
		p.layout()
		return
	}
	id := p.deck.Slides[p.slide].ID
	p.deck = d
	if i := d.Index(id); i >= 0 {
		p.slide = i
	} else {
		p.slide = min(p.slide, len(d.Slides)-1)
	}
	p.bodyKey = ""
	p.layout()
}

// update handles keys and the mouse (the wheel and a click move through
// the slides); done reports that the presentation ended.
func (p *presentation) update(msg tea.Msg) (tea.Cmd, bool) {
	k := p.c.keys.Present
	if mm, ok := msg.(tea.MouseMsg); ok {
		switch {
		case mm.Button == tea.MouseButtonWheelDown, mm.Button == tea.MouseButtonLeft && mm.Action == tea.MouseActionPress:
			msg = tea.KeyMsg{Type: tea.KeyRight}
		case mm.Button == tea.MouseButtonWheelUp:
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		}
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	n := len(p.deck.Slides)
	if p.follower {
		switch {
		case key.Matches(km, p.c.keys.Global.Follow):
			p.catchUp()
			return nil, false
		case key.Matches(km, p.c.keys.Global.Floor):
			// Asking for the floor while following the slides.
			p.c.ask(askFloorMsg{})
			return nil, false
		case key.Matches(km, k.Leave):
			return nil, true
		case key.Matches(km, k.Next, k.Prev, k.First, k.Last):
			p.detached = true // looking back (or ahead): the presenter goes on without you
		}
	}
	switch {
	case key.Matches(km, k.Leave):
		return nil, true
	case !p.follower && key.Matches(km, k.TakeOver):
		p.takeOver = true
	case key.Matches(km, k.Blank):
		p.blank = !p.blank
	case p.blank:
		p.blank = false // any other key brings the slide back
	case key.Matches(km, k.Next):
		if p.page+1 < p.pages {
			p.page++
		} else if p.slide+1 < n {
			p.slide, p.page = p.slide+1, 0
		}
	case key.Matches(km, k.Prev):
		if p.page > 0 {
			p.page--
		} else if p.slide > 0 {
			p.slide, p.page = p.slide-1, 0
		}
	case key.Matches(km, k.First):
		p.slide, p.page = 0, 0
	case key.Matches(km, k.Last):
		p.slide, p.page = n-1, 0
	}
	p.layout()
	return nil, false
}

func (p *presentation) shortHelp() []key.Binding {
	k := p.c.keys.Present
	if p.follower {
		return []key.Binding{p.c.keys.Global.Follow, k.Prev, k.Next, p.c.keys.Global.Floor, k.Leave}
	}
	return []key.Binding{k.Next, k.Prev, k.Blank, k.Leave}
}

func (p *presentation) fullHelp() [][]key.Binding {
	k := p.c.keys.Present
	return [][]key.Binding{{k.Next, k.Prev, k.First, k.Last, k.Blank, k.Leave}}
}

// layout prepares the slide and its footer if anything changed; it runs in
// Update (keys, size, data, clock), so View only joins them.
func (p *presentation) layout() {
	if p.width == 0 {
		return
	}
	k := fmt.Sprintf("%d/%d/%d/%d/%p/%p/%p", p.slide, p.page, p.width, p.height, p.c.snap.Meeting, p.c.snap.Scores, p.deck)
	if k != p.bodyKey {
		p.bodyKey = k
		draw := func() (string, int) {
			return renderSlide(p.c, &p.deck.Slides[p.slide], p.width, p.height-1, p.page)
		}
		if p.c.slides != nil {
			// Followers of the same slide, size and colours share one drawing.
			c := p.c
			key := fmt.Sprintf("%p|%p|%+v|%d|%d|%d|%s", c.snap.Meeting, c.snap.Scores, p.deck.Slides[p.slide], p.page, p.width, p.height, c.theme.Look())
			p.body, p.pages = p.c.slides.render(key, draw)
		} else {
			p.body, p.pages = draw()
		}
		p.page = min(p.page, max(p.pages-1, 0))
	}
	p.foot = p.footer()
}

// tick follows the clock: the footer shows it and the session's time.
func (p *presentation) tick() { p.foot = p.footer() }

func (p *presentation) view() string {
	if p.blank {
		return padLines("", p.width, p.height)
	}
	return p.body + "\n" + p.foot
}

// footer: slide n/N, the clock, the edition's status, a running session's
// time against its plan.
func (p *presentation) footer() string {
	t := p.c.theme
	s := &p.deck.Slides[p.slide]
	left := fmt.Sprintf("%d/%d", p.slide+1, len(p.deck.Slides))
	if p.pages > 1 {
		left += fmt.Sprintf(" (%d/%d)", p.page+1, p.pages)
	}
	if p.notice != "" {
		left = t.Next.Render(p.notice) + t.Subtle.Render(" · "+left)
	}
	if p.follower && p.lead != nil {
		at := fmt.Sprintf("slide %d/%d", p.lead.Index+1, p.lead.Count)
		if p.detached {
			left = fmt.Sprintf("detached · F follows %s (%s) · %s", p.lead.Name, at, left)
		} else {
			name := p.lead.Name
			if p.lead.Away {
				name += " (reconnecting)"
			}
			left = fmt.Sprintf("following %s · %s", name, at)
		}
	}
	if p.c.banner != "" {
		left = t.Error.Render("⚠ data not updated") + t.Subtle.Render(" · "+left)
	}
	// On the right the session's time, the clock and the edition's status;
	// when the title would be cut, the session's time goes, then the status.
	m := p.c.snap.Meeting
	moment := m.AtMarked(p.c.now(), p.c.snap.Marks())
	note := slideClock(m, moment)
	if moment.Over > 0 {
		note = t.Error.Render(note)
	}
	clock := p.c.now().In(m.Location).Format("15:04")
	badge := ""
	if e := slideEdition(p.c, s); e != nil {
		badge = statusBadge(t, e)
	}
	leftText := t.Subtle.Render(left + " · " + s.Title)
	var right string
	for _, parts := range [][]string{{note, clock, badge}, {clock, badge}, {clock}} {
		var keep []string
		for _, part := range parts {
			if part != "" {
				keep = append(keep, part)
			}
		}
		right = strings.Join(keep, t.Subtle.Render(" · "))
		if ansi.StringWidth(leftText)+2+ansi.StringWidth(right) <= p.width {
			break
		}
	}
	return spread(leftText, right, p.width)
}

// slideEdition is the edition a score slide shows, or nil.
func slideEdition(c *common, s *deck.Slide) *data.Edition {
	if c.snap.Scores == nil || (s.Kind != deck.Ranking && s.Kind != deck.Compare && s.Kind != deck.Country) {
		return nil
	}
	if e, ok := c.snap.Scores.Edition(s.Edition); ok {
		return e
	}
	return c.snap.Scores.Latest()
}

// renderSlide lays a slide out in w×h cells and says how many pages it has
// (long rankings continue on further pages).
func renderSlide(c *common, s *deck.Slide, w, h, page int) (string, int) {
	t := c.theme
	var lines []string
	lines = append(lines, slideTitle(t, s.Title, w, h)...)
	e := slideEdition(c, s)
	if e != nil && e.Status == data.Preliminary {
		mark := t.Error.Reverse(true).Render(" PRELIMINARY ")
		lines = append(lines, strings.Repeat(" ", max(w-ansi.StringWidth(mark), 0))+mark)
	}
	room := h - len(lines)
	var body []string
	pages := 1
	needsScores := s.Kind == deck.Ranking || s.Kind == deck.Compare || s.Kind == deck.Country
	if needsScores && e == nil {
		// The scores went away in a reload: say so rather than draw nothing.
		body = []string{"  " + t.Subtle.Render("The bundle has no scores now.")}
		return padLines(strings.Join(append(lines, body...), "\n"), w, h), 1
	}
	switch s.Kind {
	case deck.Ranking:
		body, pages = rankingSlide(c, s, e, w, room-2, page)
	case deck.Compare:
		body = compareSlide(c, s, e, w, room-2)
	case deck.Country:
		body = countrySlide(c, s, e, w, room-2)
	case deck.Session:
		body, pages = pagesOf(sessionSlide(c, s, w), room, page)
	case deck.Text:
		text := renderMarkdown(t, s.Text, min(w-4, 100))
		for i := range text {
			text[i] = "  " + text[i]
		}
		body, pages = pagesOf(text, room, page)
	}
	lines = append(lines, body...)
	if e != nil {
		// Legend and source at the bottom of every score slide.
		for len(lines) < h-2 {
			lines = append(lines, "")
		}
		lines = lines[:min(len(lines), max(h-2, 0))]
		lines = append(lines, legendFor(t, c.snap.Scores, e, w, ""))
		lines = append(lines, fit(t.Subtle.Render("Source: "+e.Source), w))
	}
	return padLines(strings.Join(lines, "\n"), w, h), pages
}

// pagesOf cuts lines into pages of room lines and returns the page asked for.
func pagesOf(lines []string, room, page int) ([]string, int) {
	room = max(room, 1)
	pages := max((len(lines)+room-1)/room, 1)
	page = min(page, pages-1)
	return lines[min(page*room, len(lines)):min((page+1)*room, len(lines))], pages
}

// slideTitle draws a title in the block font when it fits, else in bold.
func slideTitle(t *Theme, title string, w, h int) []string {
	if h >= 20 && blockWidth(title)+4 <= w {
		rows := blockText(title)
		out := make([]string, 0, 7)
		for _, r := range rows {
			out = append(out, "  "+t.Heading.Render(r))
		}
		return append(out, "")
	}
	var out []string
	for _, l := range wrapWords(t, plainWords(title), w-4, "", "", 0) {
		out = append(out, "  "+t.Heading.Render(l))
	}
	return append(out, "")
}

// entry is one bar of a score slide.
type entry struct {
	code, name string
	values     []float64
	rank       int
	average    bool
}

// rankingSlide: rank, name and a full-width bar per country, the average
// among them; long rankings are split into pages of the rows that fit.
func rankingSlide(c *common, s *deck.Slide, e *data.Edition, w, h, page int) ([]string, int) {
	t := c.theme
	d := c.snap.Scores
	ix := &d.Index
	m := 0
	if s.Measure != "" {
		m, _ = ix.Measure(s.Measure)
	}
	only := map[string]bool{}
	for _, code := range s.Countries {
		only[code] = true
	}
	var list []entry
	var keys []float64
	for _, r := range d.Scores[e.ID].Rows {
		if len(only) > 0 && !only[r.Country] {
			continue
		}
		list = append(list, entry{code: r.Country, name: c.countryName(r.Country), values: r.Values})
		keys = append(keys, r.Values[m])
	}
	ranks := data.Rank(keys)
	for i := range list {
		list[i].rank = ranks[i]
	}
	sort.SliceStable(list, func(a, b int) bool {
		ra, rb := list[a].rank, list[b].rank
		if ra == 0 || rb == 0 {
			return ra != 0
		}
		return ra < rb
	})
	if s.Top > 0 && s.Top < len(list) {
		list = list[:s.Top]
	}
	// The average, at its place (or last, as the reference, in a top N).
	avg := make([]float64, len(ix.Measures()))
	for i := range avg {
		avg[i], _ = d.Average(e, i)
	}
	at := len(list)
	for i, en := range list {
		if data.Known(avg[m]) && en.values[m] < avg[m] {
			at = i
			break
		}
	}
	list = append(list[:at], append([]entry{{code: ix.AverageCode, name: "OECD average", values: avg, average: true}}, list[at:]...)...)

	// The height is used: with room to spare, blank lines spread evenly
	// between the rows (one after each at most), so the bars read from afar.
	per := max(h, 1)
	pages := (len(list) + per - 1) / per
	page = min(page, pages-1)
	list = list[page*per : min((page+1)*per, len(list))]
	spare := min(h-len(list), len(list))
	nameW := 0
	for _, en := range list {
		nameW = max(nameW, ansi.StringWidth(en.name))
	}
	nameW = min(nameW, w/4)
	meas := ix.Measures()[m]
	full := e.Scale.Max(meas.Level, len(ix.Pillars))
	barW := max(w-2-4-nameW-1-8, 4)
	var out []string
	for i, en := range list {
		rank := "   "
		if en.rank > 0 {
			rank = fmt.Sprintf("%3d", en.rank)
		}
		var bar string
		if m == 0 {
			bar = compositeWithValue(t, ix, e, en.values, full, barW+8, avg[m])
		} else {
			bar = withValue(t, singleParts(max(meas.Pillar, 0), en.values[m]), full, barW+8, avg[m], data.Format(en.values[m]))
		}
		name := fit(en.name, nameW)
		if en.average {
			name = t.Average.Render(name)
		} else {
			name = t.Bold.Render(name)
		}
		out = append(out, "  "+t.Number.Render(rank)+" "+name+" "+bar)
		if spare > 0 && (i+1)*spare/len(list) > i*spare/len(list) {
			out = append(out, "")
		}
	}
	return out, pages
}

// compareSlide: the countries and the average, each a bar stacked by pillar
// across the width, the value at its end and the gaps below.
func compareSlide(c *common, s *deck.Slide, e *data.Edition, w, h int) []string {
	t := c.theme
	d := c.snap.Scores
	ix := &d.Index
	codes := s.Countries
	if i := c.snap.Meeting.SessionIndex(s.Session); len(codes) == 0 && i >= 0 {
		codes = c.snap.Meeting.PresentingCountries(i)
	}
	es := d.Scores[e.ID]
	var list []entry
	var absent []string
	for _, code := range codes {
		if r, ok := es.Row(code); ok && data.Known(r.Values[0]) {
			list = append(list, entry{code: code, name: c.countryName(code), values: r.Values})
		} else {
			absent = append(absent, fmt.Sprintf("%s — no %s score", c.countryName(code), e.ID))
		}
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].values[0] > list[b].values[0] })
	avg := make([]float64, len(ix.Measures()))
	for i := range avg {
		avg[i], _ = d.Average(e, i)
	}
	list = append(list, entry{code: ix.AverageCode, name: "OECD average", values: avg, average: true})
	nameW := 0
	for _, en := range list {
		nameW = max(nameW, ansi.StringWidth(en.name))
	}
	nameW = min(nameW, w/4)
	full := e.Scale.Max(data.LevelComposite, len(ix.Pillars))
	barW := max(w-2-nameW-1-2, 4)
	gaps := h >= 3*len(list)+len(absent)
	var out []string
	for _, en := range list {
		name := fit(en.name, nameW)
		if en.average {
			name = t.Average.Render(name)
		} else {
			name = t.Bold.Render(name)
		}
		out = append(out, "  "+name+" "+compositeWithValue(t, ix, e, en.values, full, barW, avg[0]))
		if gaps && !en.average {
			var parts []string
			for p, pl := range ix.Pillars {
				v, a := en.values[ix.PillarMeasure(p)], avg[ix.PillarMeasure(p)]
				g := "–"
				if data.Known(v) && data.Known(a) {
					g = data.FormatDelta(v - a)
				}
				parts = append(parts, t.Pillars[p%len(t.Pillars)].Render(pillarGlyphs[p%len(pillarGlyphs)])+" "+pl.Short+" "+g)
			}
			out = append(out, gapLine(t, parts, nameW+3, w), "")
		} else if h >= 2*len(list)+len(absent) {
			out = append(out, "")
		}
	}
	for _, a := range absent {
		out = append(out, "  "+t.Subtle.Render(a))
	}
	return out
}

// gapLine is a compare slide's line of gaps to the average, under the
// bar: indented to the bars when it fits, else from the margin, with a
// shorter label if need be, never cut when it can be helped.
func gapLine(t *Theme, parts []string, indent, w int) string {
	for _, v := range []struct {
		indent int
		label  string
		sep    string
	}{{indent, "vs OECD average: ", "   "}, {indent, "vs average: ", "  "}, {2, "vs average: ", "  "}, {2, "", "  "}} {
		l := strings.Repeat(" ", v.indent) + t.Subtle.Render(v.label) + strings.Join(parts, v.sep)
		if ansi.StringWidth(l) <= w {
			return l
		}
	}
	return fit("  "+strings.Join(parts, "  "), w)
}

// countrySlide: the composite in the block font, the rank, and one bar per
// pillar against the average.
func countrySlide(c *common, s *deck.Slide, e *data.Edition, w, h int) []string {
	t := c.theme
	d := c.snap.Scores
	ix := &d.Index
	es := d.Scores[e.ID]
	r, ok := es.Row(s.Country)
	if !ok {
		return []string{"  " + t.Subtle.Render(fmt.Sprintf("%s has no %s score.", c.countryName(s.Country), e.ID))}
	}
	comp := make([]float64, len(es.Rows))
	at := 0
	for i, row := range es.Rows {
		comp[i] = row.Values[0]
		if row.Country == s.Country {
			at = i
		}
	}
	var out []string
	avg, _ := d.Average(e, 0)
	rank := data.Rank(comp)[at]
	info := fmt.Sprintf("%s · OECD average %s · gap %s", e.RankText(rank, countKnown(comp)), data.Format(avg), data.FormatDelta(r.Values[0]-avg))
	value := data.Format(r.Values[0])
	if h >= 5+3+2*len(ix.Pillars) && blockWidth(value)+4 <= w {
		for _, row := range blockText(value) {
			out = append(out, "  "+t.Bold.Render(row))
		}
		out = append(out, "", "  "+t.Subtle.Render(info), "")
	} else {
		out = append(out, "  "+t.Bold.Render(value)+"  "+t.Subtle.Render(info), "")
	}
	// The pillars' names in full when they fit in two fifths of the width,
	// else all short (the legend below names them in full when it can).
	names := make([]string, len(ix.Pillars))
	nameW := 0
	for p, pl := range ix.Pillars {
		names[p] = pl.Name
		nameW = max(nameW, ansi.StringWidth(pl.Name))
	}
	if nameW > w*2/5 {
		nameW = 0
		for p, pl := range ix.Pillars {
			if pl.Short != "" {
				names[p] = pl.Short
			}
			nameW = max(nameW, ansi.StringWidth(names[p]))
		}
	}
	nameW = min(nameW, w*2/5)
	barW := max(w-2-nameW-1-2-9, 4)
	spaced := h >= len(out)+2*len(ix.Pillars) // the same spacing for every pillar
	for p := range ix.Pillars {
		m := ix.PillarMeasure(p)
		a, _ := d.Average(e, m)
		label := data.Format(r.Values[m])
		if data.Known(r.Values[m]) && data.Known(a) {
			label += "  (" + data.FormatDelta(r.Values[m]-a) + ")"
		}
		bar := withValue(t, singleParts(p, r.Values[m]), e.Scale.Max(data.LevelPillar, len(ix.Pillars)), barW+9, a, label)
		out = append(out, "  "+t.Bold.Render(fit(names[p], nameW))+" "+bar)
		if spaced {
			out = append(out, "")
		}
	}
	return out
}

// sessionSlide: when and where, the presenters and the summary.
func sessionSlide(c *common, s *deck.Slide, w int) []string {
	t := c.theme
	m := c.snap.Meeting
	for i := range m.Sessions {
		ss := &m.Sessions[i]
		if ss.ID != s.Session {
			continue
		}
		out := []string{"  " + t.Subtle.Render(strings.Join(ss.Meta(), " · "))}
		if s.Title != ss.Title {
			for _, l := range wrapWords(t, plainWords(ss.Title), w-4, "", "", 0) {
				out = append(out, "  "+t.Heading.Render(l))
			}
		}
		if len(ss.Presenters) > 0 {
			names := make([]string, len(ss.Presenters))
			for j, p := range ss.Presenters {
				names[j] = c.countryName(p)
			}
			out = append(out, "")
			for _, l := range wrapWords(t, plainWords("Presentations: "+strings.Join(names, ", ")), w-4, "", "", mdBold) {
				out = append(out, "  "+l)
			}
		}
		if ss.Summary != "" {
			out = append(out, "")
			for _, l := range renderMarkdown(t, ss.Summary, min(w-4, 110)) {
				out = append(out, "  "+l)
			}
		}
		return out
	}
	return []string{"  " + t.Subtle.Render("This session is no longer in the agenda.")}
}
