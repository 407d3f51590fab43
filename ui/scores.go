package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/chart"
)

// Groups of countries the Scores view can show.
type group int

const (
	groupAll group = iota
	groupMembers
	groupPartners
	groupPresenters
	groupMarked
	groupCount
)

func (g group) String() string {
	return [...]string{"all", "OECD members", "partners", "presenters of the session", "marked"}[g]
}

// scoresMode is what the Scores view shows.
type scoresMode int

const (
	modeTable scoresMode = iota
	modeCard
	modeCompare
)

// sortKey is what the table is sorted by: a measure (its index in the
// index's measures, 0 the composite), or one of these.
type sortKey int

const (
	sortChange sortKey = -1
	sortName   sortKey = -2
)

// scoreRow is one row of the table: a country or the average.
type scoreRow struct {
	code    string
	values  []float64
	average bool
	rank    int // rank on the sort measure; 0 when missing
}

// scoresScreen is the ranking table of an edition, the country card and the
// comparison of marked countries.
type scoresScreen struct {
	c             *common
	width, height int
	mode          scoresMode
	backTo        int // the agenda's session a comparison was opened from, or -1

	rows     []scoreRow
	list     rowList
	sortBy   sortKey
	reverse  bool
	subs     bool // sub-pillar columns instead of pillar columns
	group    group
	filter   filterBox
	rendered map[int]string // row cache for the current width and state

	card    card
	compare *compareView
}

func newScoresScreen(c *common) *scoresScreen {
	s := &scoresScreen{c: c, filter: newFilterBox(c.theme, "country name or code"), rendered: map[int]string{}, backTo: -1}
	s.compare = newCompareView(c)
	s.rebuild("")
	return s
}

// measures returns the measure columns shown: the pillars or the sub-pillars.
func (s *scoresScreen) measures() []int {
	ix := &s.c.snap.Scores.Index
	var out []int
	for i, m := range ix.Measures() {
		if (m.Level == data.LevelPillar && !s.subs) || (m.Level == data.LevelSub && s.subs) {
			out = append(out, i)
		}
	}
	return out
}

// sortKeys is the order s cycles through.
func (s *scoresScreen) sortKeys() []sortKey {
	keys := []sortKey{0}
	for _, m := range s.measures() {
		keys = append(keys, sortKey(m))
	}
	return append(keys, sortChange, sortName)
}

func (s *scoresScreen) sortTitle() string {
	switch s.sortBy {
	case sortChange:
		return "change"
	case sortName:
		return "name"
	}
	return strings.ToLower(s.c.snap.Scores.Index.Measures()[s.sortBy].Name)
}

// arrow shows the order: ▼ highest first (Z→A for names), ▲ lowest first
// (A→Z).
func (s *scoresScreen) arrow() string {
	if (s.sortBy == sortName) != s.reverse {
		return "▲"
	}
	return "▼"
}

// inGroup reports whether a country belongs to the current group.
func (s *scoresScreen) inGroup(code string, e *data.Edition) bool {
	switch s.group {
	case groupMembers:
		return data.OECDMember(code, e.Year)
	case groupPartners:
		return !data.OECDMember(code, e.Year)
	case groupPresenters:
		return s.presenters()[code]
	case groupMarked:
		return s.c.marked[code]
	}
	return true
}

// groupName names the group shown; the presenters' names their session.
func (s *scoresScreen) groupName() string {
	if i := s.c.session(); s.group == groupPresenters && i >= 0 {
		return fmt.Sprintf("session %d presenters", s.c.snap.Meeting.Sessions[i].Number)
	}
	return s.group.String()
}

// presenters are the presenters of the session selected in the agenda.
func (s *scoresScreen) presenters() map[string]bool {
	out := map[string]bool{}
	if i := s.c.session(); i >= 0 {
		for _, p := range s.c.snap.Meeting.Sessions[i].Presenters {
			out[p] = true
		}
	}
	return out
}

// rebuild recomputes the rows from the data and the view's state, keeping
// the cursor on keep (a country code) when it is still shown.
func (s *scoresScreen) rebuild(keep string) {
	s.rendered = map[int]string{}
	d := s.c.snap.Scores
	e := s.c.currentEdition()
	s.rows = s.rows[:0]
	if e == nil {
		s.list.setRows(nil, 0)
		return
	}
	es := d.Scores[e.ID]
	q := strings.ToLower(s.filter.query)
	for _, r := range es.Rows {
		if !s.inGroup(r.Country, e) {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(r.Country+" "+s.c.countryName(r.Country)), q) {
			continue
		}
		s.rows = append(s.rows, scoreRow{code: r.Country, values: r.Values})
	}
	// The average row: given or computed, at its place in the order.
	avg := make([]float64, len(d.Index.Measures()))
	for m := range avg {
		avg[m], _ = d.Average(e, m)
	}
	if q == "" || strings.Contains("oecd average", q) {
		s.rows = append(s.rows, scoreRow{code: d.Index.AverageCode, values: avg, average: true})
	}
	s.sortRows(e)
	sel := make([]bool, len(s.rows))
	want := 0
	for i, r := range s.rows {
		sel[i] = true
		if r.code == keep {
			want = i
		}
	}
	s.list.setRows(sel, want)
}

func (s *scoresScreen) sortRows(e *data.Edition) {
	d := s.c.snap.Scores
	key := func(r scoreRow) float64 {
		switch s.sortBy {
		case sortChange:
			c := d.Change(e, r.code, 0)
			if c.Status != data.ChangeOK {
				return data.Missing
			}
			return c.Delta
		case sortName:
			return 0
		}
		return r.values[s.sortBy]
	}
	keys := make([]float64, len(s.rows))
	for i := range s.rows {
		keys[i] = key(s.rows[i])
	}
	// Ranks count countries only: the average sits among them unranked.
	var countryKeys []float64
	var countryIdx []int
	for i, r := range s.rows {
		if !r.average {
			countryKeys = append(countryKeys, keys[i])
			countryIdx = append(countryIdx, i)
		}
	}
	if s.sortBy != sortName {
		for j, rk := range data.Rank(countryKeys) {
			s.rows[countryIdx[j]].rank = rk
		}
	}
	idx := make([]int, len(s.rows))
	for i := range idx {
		idx[i] = i
	}
	names := make([]string, len(s.rows))
	for i, r := range s.rows {
		names[i] = s.rowName(r)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ia, ib := idx[a], idx[b]
		if s.sortBy == sortName {
			if s.reverse {
				return names[ia] > names[ib]
			}
			return names[ia] < names[ib]
		}
		ka, kb := keys[ia], keys[ib]
		if !data.Known(ka) || !data.Known(kb) {
			return data.Known(ka) && !data.Known(kb) // missing last, either way
		}
		if ka != kb {
			return (ka > kb) != s.reverse
		}
		return names[ia] < names[ib]
	})
	sorted := make([]scoreRow, len(s.rows))
	for i, j := range idx {
		sorted[i] = s.rows[j]
	}
	s.rows = sorted
}

// reloaded follows new data: the table, and the card or comparison open.
func (s *scoresScreen) reloaded() {
	s.rebuild(s.selectedCode())
	if s.c.snap.Scores == nil {
		s.mode = modeTable
		return
	}
	switch s.mode {
	case modeCard:
		s.card.layout()
	case modeCompare:
		s.compare.split()
		s.compare.refresh()
	}
}

// rowName names a row: the country, or the average.
func (s *scoresScreen) rowName(r scoreRow) string {
	if r.average {
		return "OECD average"
	}
	return s.c.countryName(r.code)
}

func (s *scoresScreen) selectedCode() string {
	if s.list.cursor < 0 || s.list.cursor >= len(s.rows) {
		return ""
	}
	return s.rows[s.list.cursor].code
}

func (s *scoresScreen) setSize(w, h int) {
	s.width, s.height = w, h
	s.list.setHeight(s.tableHeight())
	s.filter.input.Width = max(w/3, 10)
	s.rendered = map[int]string{}
	s.card.setSize(w, h)
	s.compare.setSize(w, h)
}

// Layout of the table: a title line, the column headings, the rows, then
// the legend and the source.
const scoresChrome = 4

func (s *scoresScreen) tableHeight() int {
	h := s.height - scoresChrome
	if s.filter.shown() {
		h--
	}
	if s.subs {
		h-- // the sub-pillars' key
	}
	return max(h, 1)
}

func (s *scoresScreen) capturing() bool { return s.filter.focused }

func (s *scoresScreen) update(msg tea.Msg) tea.Cmd {
	if s.c.snap.Scores == nil {
		return nil
	}
	switch s.mode {
	case modeCard:
		if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, s.c.keys.Back) {
			s.mode = modeTable
			return nil
		}
		return s.card.update(msg, s.c.keys)
	case modeCompare:
		if s.compare.update(msg) {
			s.mode = modeTable
			if i := s.backTo; i >= 0 {
				s.backTo = -1
				return func() tea.Msg { return jumpMsg{session: i} }
			}
		}
		return nil
	}
	k := s.c.keys
	sk := k.Scores
	switch msg := msg.(type) {
	case tea.KeyMsg:
		keep := s.selectedCode()
		if handled, changed, cmd := s.filter.key(msg, k, &s.list); handled {
			if changed {
				s.rebuild(keep)
			}
			s.list.setHeight(s.tableHeight())
			return cmd
		}
		switch {
		case s.list.navigate(msg, k):
		case key.Matches(msg, sk.Group):
			s.group = (s.group + 1) % groupCount
			var cmd tea.Cmd
			if s.group == groupMarked && len(s.c.marked) == 0 {
				s.group = groupAll // an empty group would show the average alone
				cmd = func() tea.Msg { return statusMsg{text: "No country is marked (space marks one): showing all."} }
			}
			s.rebuild(keep)
			return cmd
		case key.Matches(msg, sk.Sort):
			keys := s.sortKeys()
			next := 0
			for i, key := range keys {
				if key == s.sortBy {
					next = (i + 1) % len(keys)
				}
			}
			s.sortBy, s.reverse = keys[next], false
			s.rebuild(keep)
		case key.Matches(msg, sk.Reverse):
			s.reverse = !s.reverse
			s.rebuild(keep)
		case key.Matches(msg, sk.Subs):
			s.subs = !s.subs
			if s.sortBy > 0 {
				s.sortBy = 0
			}
			s.rebuild(keep)
			s.list.setHeight(s.tableHeight())
		case key.Matches(msg, sk.PrevEdition):
			s.switchEdition(-1)
		case key.Matches(msg, sk.NextEdition):
			s.switchEdition(1)
		case key.Matches(msg, sk.Mark):
			if code := s.selectedCode(); code != "" && code != s.c.snap.Scores.Index.AverageCode {
				s.c.marked[code] = !s.c.marked[code]
				if !s.c.marked[code] {
					delete(s.c.marked, code)
				}
				if s.group == groupMarked {
					s.rebuild(keep)
				}
				s.rendered = map[int]string{}
				s.list.move(1)
			}
		case key.Matches(msg, sk.Compare):
			return s.openCompare(s.markedCodes(), nil)
		case key.Matches(msg, sk.Card):
			if code := s.selectedCode(); code != "" && code != s.c.snap.Scores.Index.AverageCode {
				s.card.open(s.c, code)
				s.mode = modeCard
			}
		}
	case tea.MouseMsg:
		s.mouse(msg)
	}
	return nil
}

func (s *scoresScreen) switchEdition(d int) {
	n := len(s.c.snap.Scores.Editions)
	next := s.c.edition + d
	if next < 0 || next >= n {
		return
	}
	s.c.edition = next
	s.rebuild(s.selectedCode())
}

func (s *scoresScreen) markedCodes() []string {
	var codes []string
	for c := range s.c.marked {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// openCompare shows codes against the average; absent names delegations
// that were asked for but have no score.
func (s *scoresScreen) openCompare(codes []string, absent []string) tea.Cmd {
	if len(codes) == 0 && len(absent) == 0 {
		return func() tea.Msg {
			return statusMsg{text: "Mark countries with space first, then press c to compare them."}
		}
	}
	s.compare.open(codes, absent, "")
	s.mode, s.backTo = modeCompare, -1
	return nil
}

// openSessionCompare compares the presenters of session i, opened from
// the agenda: the title names the session and esc goes back to it.
func (s *scoresScreen) openSessionCompare(codes []string, i int) tea.Cmd {
	s.compare.open(codes, nil, fmt.Sprintf("Session %d presenters", s.c.snap.Meeting.Sessions[i].Number))
	s.mode, s.backTo = modeCompare, i
	return nil
}

func (s *scoresScreen) mouse(msg tea.MouseMsg) {
	top := s.listTop()
	if msg.Y == top-1 && msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
		s.clickHeading(msg.X)
		return
	}
	s.list.mouse(msg, top)
}

// listTop is the line of the first row: after the title, the filter line
// when shown, and the headings.
func (s *scoresScreen) listTop() int {
	if s.filter.shown() {
		return 3
	}
	return 2
}

// clickHeading sorts by the column under x; a second click reverses.
func (s *scoresScreen) clickHeading(x int) {
	for _, col := range s.columns() {
		if x >= col.x && x < col.x+col.w && col.sortable {
			if s.sortBy == col.sort {
				s.reverse = !s.reverse
			} else {
				s.sortBy, s.reverse = col.sort, false
			}
			s.rebuild(s.selectedCode())
			return
		}
	}
}

// column is one column of the table at the current width.
type column struct {
	title    string
	x, w     int
	sort     sortKey // what clicking sorts by, when sortable
	sortable bool    // false for the bar
	right    bool
}

const (
	gutterW  = 3 // cursor, mark, space
	rankW    = 4
	valueW   = 6
	changeW  = 7
	minBarW  = 10
	minNameW = 14
)

// columns lays the table out in the current width: rank, country, measures,
// composite, change, bar. Sub-pillar columns that do not fit are dropped
// from the right, the bar last.
func (s *scoresScreen) columns() []column {
	ix := &s.c.snap.Scores.Index
	w := s.width
	// Change only when there is a comparable edition to change from (else
	// every row would say n/c: the legend says it once).
	change := 0
	if prev, _ := s.c.snap.Scores.Previous(s.c.currentEdition()); prev != nil {
		change = changeW + 1
	}
	base := min(max(w/5, minNameW), 30)
	measures := s.measures()
	fit := 0 // how many measure columns fit
	for x := gutterW + rankW + 1 + base + 1; fit < len(measures) && x+valueW+1+valueW+1+change <= w; x += valueW + 1 {
		fit++
	}
	// Room left after a bar of minBarW goes to the names, up to the
	// longest (with its code).
	nameW := base
	if spare := w - (gutterW + rankW + 1 + base + 1 + (fit+1)*(valueW+1) + change + 1 + minBarW); spare > 0 {
		nameW += min(spare, max(s.longestName()+6-base, 0))
	}
	x := gutterW
	cols := []column{{title: "#", x: x, w: rankW, sort: 0, sortable: true, right: true}}
	x += rankW + 1
	cols = append(cols, column{title: "Country", x: x, w: nameW, sort: sortName, sortable: true})
	x += nameW + 1
	for _, m := range measures[:fit] {
		cols = append(cols, column{title: ix.Measures()[m].Short, x: x, w: valueW, sort: sortKey(m), sortable: true, right: true})
		x += valueW + 1
	}
	cols = append(cols, column{title: "Score", x: x, w: valueW, sort: 0, sortable: true, right: true})
	x += valueW + 1
	if change > 0 {
		cols = append(cols, column{title: "Change", x: x, w: changeW, sort: sortChange, sortable: true, right: true})
		x += changeW + 1
	}
	x++
	if w-x >= minBarW {
		cols = append(cols, column{title: "", x: x, w: w - x})
	}
	return cols
}

// subsKey says what the sub-pillar columns are: their numbers by pillar,
// with the names when they fit, and where each is named in full.
func (s *scoresScreen) subsKey(w int) string {
	t := s.c.theme
	ix := &s.c.snap.Scores.Index
	var long, short []string
	for p, pl := range ix.Pillars {
		subs := ix.SubMeasures(p)
		if len(subs) == 0 {
			continue
		}
		first, last := ix.Measures()[subs[0]].ID, ix.Measures()[subs[len(subs)-1]].ID
		long = append(long, fmt.Sprintf("%s–%s %s", first, last, pl.Name))
		short = append(short, fmt.Sprintf("%s–%s %s", first, last, pl.Short))
	}
	const where = " · enter: the card names each"
	for _, l := range []string{strings.Join(long, " · ") + where, strings.Join(short, " · ") + where, strings.Join(short, " · ")} {
		if ansi.StringWidth(l) <= w {
			return fit(t.Subtle.Render(l), w)
		}
	}
	return fit(t.Subtle.Render(strings.Join(short, " · ")), w)
}

// longestName is the width of the longest name in the table.
func (s *scoresScreen) longestName() int {
	n := 0
	for _, r := range s.rows {
		n = max(n, ansi.StringWidth(s.rowName(r)))
	}
	return n
}

func (s *scoresScreen) shortHelp() []key.Binding {
	k := s.c.keys
	switch s.mode {
	case modeCard:
		return []key.Binding{k.Up, k.Down, k.Back}
	case modeCompare:
		return s.compare.shortHelp()
	}
	if s.filter.focused {
		return s.filter.help(k)
	}
	sk := k.Scores
	return []key.Binding{sk.Sort, sk.Mark, sk.Compare, sk.Card, sk.Group, sk.PrevEdition, sk.NextEdition}
}

func (s *scoresScreen) fullHelp() [][]key.Binding {
	k := s.c.keys
	if s.mode == modeCompare {
		return s.compare.fullHelp()
	}
	sk := k.Scores
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{sk.Sort, sk.Reverse, sk.Subs, sk.PrevEdition, sk.NextEdition, sk.Group},
		{sk.Mark, sk.Compare, sk.Card, k.Filter, k.Back},
	}
}

// status is what the footer says when nothing else is to be said.
func (s *scoresScreen) status() string {
	if s.c.snap.Scores == nil || s.mode != modeTable {
		return "" // the marks are the table's
	}
	return fmt.Sprintf("%d marked", len(s.c.marked))
}

func (s *scoresScreen) view() string {
	t := s.c.theme
	if s.c.snap.Scores == nil {
		if p := scoresProblem(s.c.banner); p != "" {
			lines := []string{t.Error.Render("  The scores could not be read:")}
			lines = append(lines, wrapWords(t, plainWords(p), s.width-4, "    ", "    ", 0)...)
			lines = append(lines, "", t.Subtle.Render("  Fix the file: the scores appear as soon as it is saved (plenary check lists every problem)."))
			return padLines(strings.Join(lines, "\n"), s.width, s.height)
		}
		return padLines(t.Subtle.Render("  This bundle has no scores. Add scores.toml and its CSV tables: see docs/bundle.md."), s.width, s.height)
	}
	switch s.mode {
	case modeCard:
		return s.card.view()
	case modeCompare:
		return s.compare.view()
	}
	d := s.c.snap.Scores
	e := s.c.currentEdition()
	var lines []string
	title := t.Title.Render(fmt.Sprintf("%s %s", d.Index.Name, e.ID)) + " " + statusBadge(t, e)
	shown := 0
	for _, r := range s.rows {
		if !r.average {
			shown++
		}
	}
	arrow := s.arrow()
	info := fmt.Sprintf("%d shown · by %s %s · group: %s", shown, s.sortTitle(), arrow, s.groupName())
	if s.width < 100 {
		info = fmt.Sprintf("%d · %s %s · %s", shown, s.sortTitle(), arrow, s.groupName())
	}
	info = t.Subtle.Render(info)
	lines = append(lines, spread(title, info, s.width))
	if s.filter.shown() {
		lines = append(lines, s.filter.view(t, s.width, ""))
	}
	cols := s.columns()
	var head strings.Builder
	head.WriteString(strings.Repeat(" ", gutterW))
	x := gutterW
	for _, col := range cols {
		head.WriteString(strings.Repeat(" ", max(col.x-x, 0)))
		title := col.title
		if col.sortable && col.sort == s.sortBy && !(col.title == "#" && s.sortBy == 0) {
			// The arrow always shows: the title gives way (Avail. → Avail▼).
			if ansi.StringWidth(title)+1 > col.w {
				title = ansi.Truncate(strings.TrimSuffix(title, "."), col.w-1, "")
			}
			title += s.arrow()
		}
		if col.right {
			title = fmt.Sprintf("%*s", col.w, title)
		}
		head.WriteString(t.Label.Render(fit(title, col.w)))
		x = col.x + col.w
	}
	lines = append(lines, fit(head.String(), s.width))
	from, to := s.list.visible()
	first := len(lines)
	for i := from; i < to; i++ {
		lines = append(lines, fit(s.row(i, cols), s.width))
	}
	s.list.bar(t, lines[first:], s.width)
	if shown == 0 {
		lines = append(lines, "", t.Subtle.Render(fmt.Sprintf("  No country of the group %q has a %s score (o changes the group).", s.groupName(), e.ID)))
	}
	for len(lines) < s.height-2 {
		lines = append(lines, "")
	}
	prev, nc := d.Previous(e)
	note := ""
	switch {
	case prev != nil:
		note = "change since " + prev.ID
	case nc != nil:
		note = "n/c: not comparable with " + nc.ID + " (" + string(nc.Status) + ")"
	}
	if s.subs {
		lines = lines[:len(lines)-1]
		lines = append(lines, s.subsKey(s.width))
	}
	lines = append(lines, legendFor(t, d, e, s.width, note))
	lines = append(lines, fit(t.Subtle.Render("Source: "+e.Source), s.width))
	for i := range lines {
		lines[i] = fit(lines[i], s.width)
	}
	return strings.Join(lines[:s.height], "\n")
}

// row draws table row i; rows are cached until the state changes.
func (s *scoresScreen) row(i int, cols []column) string {
	selected := i == s.list.cursor
	if r, ok := s.rendered[i]; ok && !selected {
		return r
	}
	t := s.c.theme
	d := s.c.snap.Scores
	e := s.c.currentEdition()
	r := s.rows[i]
	var b strings.Builder
	gutter := "  "
	if s.c.marked[r.code] {
		gutter = " " + t.Mark.Render("●")
	}
	if selected {
		gutter = "▸" + gutter[1:]
	}
	b.WriteString(gutter + " ")
	x := gutterW
	avg, _ := d.Average(e, 0)
	for _, col := range cols {
		b.WriteString(strings.Repeat(" ", max(col.x-x, 0)))
		x = max(x, col.x)
		var cell string
		switch {
		case col.title == "#":
			cell = "—"
			if r.rank > 0 {
				cell = fmt.Sprint(r.rank)
			}
			if r.average {
				cell = ""
			}
			cell = fmt.Sprintf("%*s", col.w, cell)
		case col.sortable && col.sort == sortName:
			name := s.rowName(r)
			if r.average {
				if _, computed := d.Average(e, 0); computed {
					name += " (computed)"
				}
				cell = t.Average.Render(fit(name, col.w))
			} else {
				cell = fit(name, col.w-6) + " " + t.Codes.Render(fmt.Sprintf("%-5s", r.code))
			}
		case col.sortable && col.sort == sortChange:
			cell = changeText(t, d.Change(e, r.code, 0))
			cell = strings.Repeat(" ", max(col.w-ansi.StringWidth(cell), 0)) + cell
		case !col.sortable:
			cell = compositeBar(t, &d.Index, e, r.values, e.Scale.Max(data.LevelComposite, len(d.Index.Pillars)), col.w, avg)
		default:
			cell = fmt.Sprintf("%*s", col.w, data.Format(r.values[col.sort]))
			if col.sort == 0 {
				cell = t.Bold.Render(cell)
			}
		}
		b.WriteString(cell)
		x += ansi.StringWidth(cell)
	}
	out := fit(b.String(), s.width)
	if selected {
		return t.Selected.Render(ansi.Strip(out))
	}
	s.rendered[i] = out
	return out
}

// showCard opens a country's card (from a search).
func (s *scoresScreen) showCard(code string) tea.Cmd {
	if s.c.snap.Scores == nil {
		return nil
	}
	s.card.open(s.c, code)
	s.mode = modeCard
	return nil
}

// chartOnScreen is the chart of what the view shows — the ranking of the
// rows listed (all, or the group or filter's), the comparison, the
// country's card — or nil outside the Scores view's data. It is made of
// values, so that it can run in a command.
func (s *scoresScreen) chartOnScreen() func() (chart.Chart, error) {
	d, e := s.c.snap.Scores, s.c.currentEdition()
	if d == nil || e == nil {
		return nil
	}
	o := chart.Options{Edition: e, Name: s.c.snap.Meeting.NameOf}
	switch s.mode {
	case modeCard:
		code := s.card.code
		return func() (chart.Chart, error) { return chart.Country(d, code, o) }
	case modeCompare:
		o.Countries = append([]string(nil), s.compare.codes...)
	default:
		if s.group != groupAll || s.filter.query != "" {
			for _, r := range s.rows {
				if !r.average {
					o.Countries = append(o.Countries, r.code)
				}
			}
		}
		if s.sortBy > 0 {
			o.Measure = int(s.sortBy)
		}
	}
	if s.mode != modeCompare && len(o.Countries) == 0 && (s.group != groupAll || s.filter.query != "") {
		return func() (chart.Chart, error) { return chart.Chart{}, fmt.Errorf("no country is listed") }
	}
	return func() (chart.Chart, error) { return chart.Ranking(d, o) }
}
