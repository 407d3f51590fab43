// Package presentation draws slides for the room: the presenter's view,
// the one followers see, and the clock and footer they share.
package presentation

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
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/bars"
	"codeberg.org/plenary/plenary/ui/components/blockfont"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// Presentation is the projector mode: one slide on the whole screen and a
// slim footer. Slides are laid out when the slide, the data or the size
// changes; View joins the slide and its footer.
type Presentation struct {
	c             *common.Common
	Deck          *deck.Deck
	Adhoc         bool // presenting what was on screen, not the bundle's deck
	Slide, Page   int
	Pages         int
	blank         bool
	width, height int
	body          string // the slide, laid out
	BodyKey       string // what the body was laid out for
	foot          string // the footer, redrawn when the clock moves (Refoot)
	frame         string // body and foot joined, once for every View
	// bodyKey and footKey name the body and the footer in c.Shared ("":
	// drawn for this program alone), and so the frame they make.
	bodyKey, footKey string

	// A follower's view of the room's presentation: lead is what the
	// presenter shows now; detached, the follower looks elsewhere.
	Follower bool
	Lead     *room.Showing
	detached bool
	// TakeOver: the presenter asked to take the room from another;
	// notice says who has the room instead (shown in the footer, where a
	// presenter looks).
	TakeOver bool
	Notice   string
}

// NewFollower is the view of someone following the room's presentation.
func NewFollower(c *common.Common, sh *room.Showing) *Presentation {
	p := &Presentation{c: c, Follower: true}
	p.Lead = sh
	p.catchUp()
	return p
}

// Follow takes the presenter's new slide: shown at once unless the
// follower looks elsewhere.
func (p *Presentation) Follow(sh *room.Showing) {
	if sh == p.Lead {
		return // the room changed elsewhere (a lock, a queue): the slide did not
	}
	p.Lead = sh
	if !p.detached {
		p.catchUp() // lays out the slide and its footer
		return
	}
	p.Refoot()
}

// catchUp goes to the presenter's slide: in the bundle's deck when it is
// one of its slides (so the follower can look back), else that one slide.
func (p *Presentation) catchUp() {
	p.detached = false
	sh := p.Lead
	if d := p.c.Snap.Deck; sh.FromDeck && d != nil && d.Index(sh.Slide.ID) >= 0 {
		p.Deck, p.Slide = d, d.Index(sh.Slide.ID)
	} else {
		p.Deck, p.Slide = &deck.Deck{Slides: []deck.Slide{sh.Slide}}, 0
	}
	p.Page, p.blank, p.BodyKey = sh.Page, false, ""
	p.Layout()
}

// Showing describes the slide on screen, for the room.
func (p *Presentation) Showing() room.Showing {
	return room.Showing{Slide: p.Deck.Slides[p.Slide], Index: p.Slide, Count: len(p.Deck.Slides), Page: p.Page, FromDeck: !p.Adhoc}
}

func NewPresentation(c *common.Common, d *deck.Deck, adhoc bool) *Presentation {
	return &Presentation{c: c, Deck: d, Adhoc: adhoc}
}

func (p *Presentation) Place() common.Placement { return common.PlaceSlide }
func (p *Presentation) Capturing() bool         { return false }

func (p *Presentation) Title() string {
	if p.Follower {
		return "following the room"
	}
	return "presentation"
}

// Close gives the room back: whoever presented stops (quitting is leaving,
// without the grace period of a dropped connection).
func (p *Presentation) Close() {
	if !p.Follower && p.c.Room != nil {
		p.c.Room.StopPresenting(p.c.PersonID())
	}
}

func (p *Presentation) SetSize(w, h int) {
	p.width, p.height = w, h
	p.Layout()
}

// SetDeck follows a reloaded deck, staying on the same slide (by id).
func (p *Presentation) SetDeck(d *deck.Deck) {
	if d == nil || p.Adhoc {
		p.BodyKey = "" // the data changed under the same slide
		p.Layout()
		return
	}
	id := p.Deck.Slides[p.Slide].ID
	p.Deck = d
	if i := d.Index(id); i >= 0 {
		p.Slide = i
	} else {
		p.Slide = min(p.Slide, len(d.Slides)-1)
	}
	p.BodyKey = ""
	p.Layout()
}

// Update handles keys and the mouse (the wheel and a click move through
// the slides); done reports that the presentation ended.
func (p *Presentation) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case common.ClockMsg, common.BannerMsg, common.FloorMsg:
		p.Refoot()
		return nil, false
	case common.SnapshotMsg:
		p.SetDeck(p.c.Snap.Deck)
		return nil, false
	case common.PersonMsg:
		return nil, !p.Follower && !p.c.MayPresent()
	}
	k := p.c.Keys.Present
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
	n := len(p.Deck.Slides)
	if p.Follower {
		switch {
		case key.Matches(km, p.c.Keys.Global.Follow):
			p.catchUp()
			return nil, false
		case key.Matches(km, p.c.Keys.Global.Floor):
			// Asking for the floor while following the slides.
			p.c.Ask(common.AskFloorMsg{})
			return nil, false
		case key.Matches(km, k.Leave):
			p.c.Ask(common.UnfollowMsg{}) // until F: the next slide does not bring it back
			return nil, true
		case key.Matches(km, k.Next, k.Prev, k.First, k.Last):
			p.detached = true // looking back (or ahead): the presenter goes on without you
		}
	}
	switch {
	case key.Matches(km, k.Leave):
		return nil, true
	case !p.Follower && key.Matches(km, k.TakeOver):
		p.TakeOver = true
	case key.Matches(km, k.Blank):
		p.blank = !p.blank
	case p.blank:
		p.blank = false // any other key brings the slide back
	case key.Matches(km, k.Next):
		if p.Page+1 < p.Pages {
			p.Page++
		} else if p.Slide+1 < n {
			p.Slide, p.Page = p.Slide+1, 0
		}
	case key.Matches(km, k.Prev):
		if p.Page > 0 {
			p.Page--
		} else if p.Slide > 0 {
			p.Slide, p.Page = p.Slide-1, 0
		}
	case key.Matches(km, k.First):
		p.Slide, p.Page = 0, 0
	case key.Matches(km, k.Last):
		p.Slide, p.Page = n-1, 0
	}
	p.Layout()
	return nil, false
}

func (p *Presentation) ShortHelp() []key.Binding {
	k := p.c.Keys.Present
	if p.Follower {
		return []key.Binding{p.c.Keys.Global.Follow, k.Prev, k.Next, p.c.Keys.Global.Floor, k.Leave}
	}
	return []key.Binding{k.Next, k.Prev, k.Blank, k.Leave}
}

func (p *Presentation) FullHelp() [][]key.Binding {
	k := p.c.Keys.Present
	return [][]key.Binding{{k.Next, k.Prev, k.First, k.Last, k.Blank, k.Leave}}
}

// Layout prepares the slide and its footer if anything changed; it runs in
// Update (keys, size, data, clock), so View only joins them.
func (p *Presentation) Layout() {
	if p.width == 0 {
		return
	}
	k := fmt.Sprintf("%d/%d/%d/%d/%p/%p/%p", p.Slide, p.Page, p.width, p.height, p.c.Snap.Meeting, p.c.Snap.Scores, p.Deck)
	if k != p.BodyKey {
		p.BodyKey = k
		draw := func() (string, int) {
			return renderSlide(p.c, &p.Deck.Slides[p.Slide], p.width, p.height-1, p.Page)
		}
		if p.c.Shared != nil {
			// Followers of the same slide, size and colours share one drawing.
			c := p.c
			// A slide of the bundle's deck is named by its place there,
			// one presented on its own (a ranking from the scores) by
			// what it is.
			slide := fmt.Sprintf("%p#%d", p.Deck, p.Slide)
			if p.Deck != c.Snap.Deck {
				slide = fmt.Sprintf("%+v", p.Deck.Slides[p.Slide])
			}
			key := fmt.Sprintf("%p|%p|%s|%d|%d|%d|%s", c.Snap.Meeting, c.Snap.Scores, slide, p.Page, p.width, p.height, c.Theme.Look())
			p.body, p.Pages = p.c.Shared.Render(key, draw)
			p.bodyKey = key
		} else {
			p.body, p.Pages = draw()
			p.bodyKey = ""
		}
		p.Page = min(p.Page, max(p.Pages-1, 0))
	}
	p.Refoot()
}

func (p *Presentation) View() string {
	if p.blank {
		return common.PadLines("", p.width, p.height)
	}
	if p.frame == "" {
		join := func() string { return p.body + "\n" + p.foot }
		if p.bodyKey != "" && p.footKey != "" {
			// Followers alike share the frame as they share its parts.
			p.frame = p.c.Shared.Text("frame\x00"+p.bodyKey+"\x00"+p.footKey, join)
		} else {
			p.frame = join()
		}
	}
	return p.frame
}

// Refoot draws the footer again: the clock, the floor or the data moved.
func (p *Presentation) Refoot() {
	p.foot, p.frame = p.Footer(), ""
}

// Footer: slide n/N, the clock, the edition's status, a running session's
// time against its plan. Its words are worked out here; drawing them
// (styles, widths) is shared by the followers whose footers read alike.
func (p *Presentation) Footer() string {
	f := p.footerParts()
	if p.c.Shared == nil {
		p.footKey = ""
		return f.draw(p.c.Theme)
	}
	p.footKey = f.key(p.c.Theme)
	return p.c.Shared.Text(p.footKey, func() string { return f.draw(p.c.Theme) })
}

// footer is what a footer says, before it is drawn.
type footer struct {
	at                 string // slide n/N, or whom the follower follows
	notice, place, why string // a notice, the follower's place for the floor, a data warning
	title              string
	note, clock        string // the session's time against its plan, the time
	over               bool   // the session runs over
	edition            *data.Edition
	width              int
}

func (p *Presentation) footerParts() footer {
	f := footer{notice: p.Notice, title: p.Deck.Slides[p.Slide].Title, width: p.width}
	f.at = fmt.Sprintf("%d/%d", p.Slide+1, len(p.Deck.Slides))
	if p.Pages > 1 {
		f.at += fmt.Sprintf(" (%d/%d)", p.Page+1, p.Pages)
	}
	if p.Follower && p.Lead != nil {
		at := fmt.Sprintf("slide %d/%d", p.Lead.Index+1, p.Lead.Count)
		if p.detached {
			f.at = fmt.Sprintf("detached · F follows %s (%s) · %s", p.Lead.Name, at, f.at)
		} else {
			name := p.Lead.Name
			if p.Lead.Away {
				name += " (reconnecting)"
			}
			f.at = fmt.Sprintf("following %s · %s", name, at)
		}
		f.place = p.c.FloorPlace // the status line is under the slide: the place shows here
	}
	if p.c.Banner != "" {
		// The room sees that the data is not updated; the presenter, why,
		// without leaving the slide (file:line:col and what is shown).
		f.why = "⚠ data not updated"
		if !p.Follower {
			f.why = "⚠ " + p.c.Banner
		}
	}
	m := p.c.Snap.Meeting
	moment := m.AtMarked(p.c.Now(), p.c.Snap.Marks())
	f.note, f.over = common.SlideClock(m, moment), moment.Over > 0
	f.clock = p.c.Now().In(m.Location).Format("15:04")
	f.edition = slideEdition(p.c, &p.Deck.Slides[p.Slide])
	return f
}

// key names the footer's drawing among the programs of a server: its
// words, the edition, the width and the theme's look.
func (f footer) key(t *common.Theme) string {
	var b strings.Builder
	for _, s := range []string{"footer", f.at, f.notice, f.place, f.why, f.title, f.note, f.clock, fmt.Sprintf("%v|%p|%d", f.over, f.edition, f.width), t.Look()} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	return b.String()
}

func (f footer) draw(t *common.Theme) string {
	left := f.at
	if f.notice != "" {
		left = t.Next.Render(f.notice) + t.Subtle.Render(" · "+left)
	}
	if f.place != "" {
		left = t.Next.Render(f.place) + t.Subtle.Render(" · "+left)
	}
	if f.why != "" {
		left = t.Error.Render(f.why) + t.Subtle.Render(" · "+left)
	}
	// On the right the session's time, the clock and the edition's status;
	// when the title would be cut, the session's time goes, then the clock.
	note := f.note
	if f.over {
		note = t.Error.Render(note)
	}
	badge := ""
	if f.edition != nil {
		badge = common.StatusBadge(t, f.edition)
	}
	leftText := t.Subtle.Render(left + " · " + f.title)
	var right string
	// The edition's status stays last: a room must know preliminary data.
	options := [][]string{{note, f.clock, badge}, {f.clock, badge}, {badge}}
	if badge == "" {
		options[2] = []string{f.clock}
	}
	for _, parts := range options {
		var keep []string
		for _, part := range parts {
			if part != "" {
				keep = append(keep, part)
			}
		}
		right = strings.Join(keep, t.Subtle.Render(" · "))
		if ansi.StringWidth(leftText)+2+ansi.StringWidth(right) <= f.width {
			break
		}
	}
	return common.Spread(leftText, right, f.width)
}

// slideEdition is the edition a score slide shows, or nil.
func slideEdition(c *common.Common, s *deck.Slide) *data.Edition {
	if c.Snap.Scores == nil || (s.Kind != deck.Ranking && s.Kind != deck.Compare && s.Kind != deck.Country) {
		return nil
	}
	if e, ok := c.Snap.Scores.Edition(s.Edition); ok {
		return e
	}
	return c.Snap.Scores.Latest()
}

// renderSlide lays a slide out in w×h cells and says how many pages it has
// (long rankings continue on further pages).
func renderSlide(c *common.Common, s *deck.Slide, w, h, page int) (string, int) {
	t := c.Theme
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
		return common.PadLines(strings.Join(append(lines, body...), "\n"), w, h), 1
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
		text := markdown.RenderMarkdown(t, s.Text, min(w-4, 100))
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
		lines = append(lines, bars.LegendFor(t, c.Snap.Scores, e, w, ""))
		lines = append(lines, common.Fit(t.Subtle.Render("Source: "+e.Source), w))
	}
	return common.PadLines(strings.Join(lines, "\n"), w, h), pages
}

// pagesOf cuts lines into pages of room lines and returns the page asked for.
func pagesOf(lines []string, room, page int) ([]string, int) {
	room = max(room, 1)
	pages := max((len(lines)+room-1)/room, 1)
	page = min(page, pages-1)
	return lines[min(page*room, len(lines)):min((page+1)*room, len(lines))], pages
}

// slideTitle draws a title in the block font when it fits, else in bold.
func slideTitle(t *common.Theme, title string, w, h int) []string {
	if h >= 20 && blockfont.BlockWidth(title)+4 <= w {
		rows := blockfont.BlockText(title)
		out := make([]string, 0, 7)
		for _, r := range rows {
			out = append(out, "  "+t.Heading.Render(r))
		}
		return append(out, "")
	}
	var out []string
	for _, l := range markdown.WrapWords(t, markdown.PlainWords(title), w-4, "", "", 0) {
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
func rankingSlide(c *common.Common, s *deck.Slide, e *data.Edition, w, h, page int) ([]string, int) {
	t := c.Theme
	d := c.Snap.Scores
	ix := &d.Index
	m := 0
	if s.Measure != "" {
		m, _ = ix.Measure(s.Measure)
	}
	only := map[string]bool{}
	for _, code := range s.Countries {
		only[code] = true
	}
	// The edition's ranks, also on a slide of some of its countries.
	es := d.Scores[e.ID]
	ranks := es.Ranks(m)
	var list []entry
	for _, r := range es.Rows {
		if len(only) > 0 && !only[r.Country] {
			continue
		}
		list = append(list, entry{code: r.Country, name: c.CountryName(r.Country), values: r.Values, rank: ranks[r.Country]})
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
			bar = bars.CompositeWithValue(t, ix, e, en.values, full, barW+8, avg[m])
		} else {
			bar = bars.WithValue(t, bars.SingleParts(max(meas.Pillar, 0), en.values[m]), full, barW+8, avg[m], e.Format(en.values[m]))
		}
		name := common.Fit(en.name, nameW)
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
func compareSlide(c *common.Common, s *deck.Slide, e *data.Edition, w, h int) []string {
	t := c.Theme
	d := c.Snap.Scores
	ix := &d.Index
	codes := s.Countries
	if i := c.Snap.Meeting.SessionIndex(s.Session); len(codes) == 0 && i >= 0 {
		codes = c.Snap.Meeting.PresentingCountries(i)
	}
	es := d.Scores[e.ID]
	var list []entry
	var absent []string
	for _, code := range codes {
		if r, ok := es.Row(code); ok && data.Known(r.Values[0]) {
			list = append(list, entry{code: code, name: c.CountryName(code), values: r.Values})
		} else {
			absent = append(absent, fmt.Sprintf("%s — no %s score", c.CountryName(code), e.ID))
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
		name := common.Fit(en.name, nameW)
		if en.average {
			name = t.Average.Render(name)
		} else {
			name = t.Bold.Render(name)
		}
		out = append(out, "  "+name+" "+bars.CompositeWithValue(t, ix, e, en.values, full, barW, avg[0]))
		if gaps && !en.average {
			var parts []string
			for p, pl := range ix.Pillars {
				v, a := en.values[ix.PillarMeasure(p)], avg[ix.PillarMeasure(p)]
				g := "–"
				if data.Known(v) && data.Known(a) {
					g = data.FormatDelta(v - a)
				}
				parts = append(parts, t.Pillars[p%len(t.Pillars)].Render(common.PillarGlyphs[p%len(common.PillarGlyphs)])+" "+pl.Short+" "+g)
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
func gapLine(t *common.Theme, parts []string, indent, w int) string {
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
	return common.Fit("  "+strings.Join(parts, "  "), w)
}

// countrySlide: the composite in the block font, the rank, and one bar per
// pillar against the average.
func countrySlide(c *common.Common, s *deck.Slide, e *data.Edition, w, h int) []string {
	t := c.Theme
	d := c.Snap.Scores
	ix := &d.Index
	es := d.Scores[e.ID]
	r, ok := es.Row(s.Country)
	if !ok {
		return []string{"  " + t.Subtle.Render(fmt.Sprintf("%s has no %s score.", c.CountryName(s.Country), e.ID))}
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
	info := fmt.Sprintf("%s · OECD average %s · gap %s", e.RankText(rank, bars.CountKnown(comp)), e.Format(avg), e.FormatDelta(r.Values[0]-avg))
	value := e.Format(r.Values[0])
	if h >= 5+3+2*len(ix.Pillars) && blockfont.BlockWidth(value)+4 <= w {
		for _, row := range blockfont.BlockText(value) {
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
		label := e.Format(r.Values[m])
		if data.Known(r.Values[m]) && data.Known(a) {
			label += "  (" + e.FormatDelta(r.Values[m]-a) + ")"
		}
		bar := bars.WithValue(t, bars.SingleParts(p, r.Values[m]), e.Scale.Max(data.LevelPillar, len(ix.Pillars)), barW+9, a, label)
		out = append(out, "  "+t.Bold.Render(common.Fit(names[p], nameW))+" "+bar)
		if spaced {
			out = append(out, "")
		}
	}
	return out
}

// sessionSlide: when and where, the presenters and the summary.
func sessionSlide(c *common.Common, s *deck.Slide, w int) []string {
	t := c.Theme
	m := c.Snap.Meeting
	for i := range m.Sessions {
		ss := &m.Sessions[i]
		if ss.ID != s.Session {
			continue
		}
		out := []string{"  " + t.Subtle.Render(strings.Join(ss.Meta(), " · "))}
		if s.Title != ss.Title {
			for _, l := range markdown.WrapWords(t, markdown.PlainWords(ss.Title), w-4, "", "", 0) {
				out = append(out, "  "+t.Heading.Render(l))
			}
		}
		if len(ss.Presenters) > 0 {
			names := make([]string, len(ss.Presenters))
			for j, p := range ss.Presenters {
				names[j] = c.CountryName(p)
			}
			out = append(out, "")
			for _, l := range markdown.WrapWords(t, markdown.PlainWords("Presentations: "+strings.Join(names, ", ")), w-4, "", "", markdown.MdBold) {
				out = append(out, "  "+l)
			}
		}
		if ss.Summary != "" {
			out = append(out, "")
			for _, l := range markdown.RenderMarkdown(t, ss.Summary, min(w-4, 110)) {
				out = append(out, "  "+l)
			}
		}
		return out
	}
	return []string{"  " + t.Subtle.Render("This session is no longer in the agenda.")}
}
