// Package scoresview is the scores: the ranking table, countries compared
// side by side, and a country's card.
package scoresview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/chart"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/bars"
	"codeberg.org/plenary/plenary/ui/components/list"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// Groups of countries the Scores view can show.
type group int

const (
	GroupAll group = iota
	groupMembers
	groupPartners
	GroupPresenters
	groupMarked
	groupCount
)

func (g group) String() string {
	return [...]string{"all", "OECD members", "partners", "presenters of the session", "marked"}[g]
}

// scoresMode is what the Scores view shows.
type scoresMode int

const (
	ModeTable scoresMode = iota
	ModeCard
	ModeCompare
)

// sortKey is what the table is sorted by: a measure (its index in the
// index's measures, 0 the composite), or one of these.
type sortKey int

const (
	sortChange sortKey = -1
	SortName   sortKey = -2
)

// scoreRow is one row of the table: a country or the average.
type scoreRow struct {
	Code    string
	values  []float64
	Average bool
	Rank    int // the edition's rank on the measure last sorted by; 0 when it has none
}

// ScoresScreen is the ranking table of an edition, the country card and the
// comparison of marked countries.
type ScoresScreen struct {
	c             *common.Common
	width, height int
	Mode          scoresMode
	backTo        int // the agenda's session a comparison was opened from, or -1

	Rows     []scoreRow
	list     list.RowList
	SortBy   sortKey
	rankBy   int // the measure the ranks are on: the last sorted by
	Reverse  bool
	subs     bool // sub-pillar columns instead of pillar columns
	Group    group
	Filter   list.FilterBox
	rendered map[int]string // row cache for the current width and state

	Card    card
	Compare *compareView
}

func NewScoresScreen(c *common.Common) *ScoresScreen {
	s := &ScoresScreen{c: c, Filter: list.NewFilterBox(c.Theme, "country name or code"), rendered: map[int]string{}, backTo: -1}
	s.Compare = newCompareView(c)
	s.Rebuild("")
	return s
}

// measures returns the measure columns shown: the pillars or the sub-pillars.
func (s *ScoresScreen) measures() []int {
	ix := &s.c.Snap.Scores.Index
	var out []int
	for i, m := range ix.Measures() {
		if (m.Level == data.LevelPillar && !s.subs) || (m.Level == data.LevelSub && s.subs) {
			out = append(out, i)
		}
	}
	return out
}

// sortKeys is the order s cycles through.
func (s *ScoresScreen) sortKeys() []sortKey {
	keys := []sortKey{0}
	for _, m := range s.measures() {
		keys = append(keys, sortKey(m))
	}
	return append(keys, sortChange, SortName)
}

func (s *ScoresScreen) SortTitle() string {
	switch s.SortBy {
	case sortChange:
		return "change"
	case SortName:
		return "name"
	}
	return strings.ToLower(s.c.Snap.Scores.Index.Measures()[s.SortBy].Name)
}

// arrow shows the order: ▼ highest first (Z→A for names), ▲ lowest first
// (A→Z).
func (s *ScoresScreen) arrow() string {
	if (s.SortBy == SortName) != s.Reverse {
		return "▲"
	}
	return "▼"
}

// inGroup reports whether a country belongs to the current group.
func (s *ScoresScreen) inGroup(code string, e *data.Edition) bool {
	switch s.Group {
	case groupMembers:
		return data.OECDMember(code, e.Year)
	case groupPartners:
		return !data.OECDMember(code, e.Year)
	case GroupPresenters:
		return s.presenters()[code]
	case groupMarked:
		return s.c.Marked[code]
	}
	return true
}

// groupName names the group shown; the presenters' names their session.
func (s *ScoresScreen) groupName() string {
	if i := s.c.Session(); s.Group == GroupPresenters && i >= 0 {
		return fmt.Sprintf("session %d presenters", s.c.Snap.Meeting.Sessions[i].Number)
	}
	return s.Group.String()
}

// narrowing says what narrows the table, for its slide and its chart:
// "OECD members only · filter: an"; "" when every country shows.
func (s *ScoresScreen) narrowing() string {
	var parts []string
	if s.Group != GroupAll {
		parts = append(parts, s.groupName()+" only")
	}
	if q := strings.TrimSpace(s.Filter.Query); q != "" {
		parts = append(parts, "filter: "+q)
	}
	return clean.Line(strings.Join(parts, " · "))
}

// presenters are the presenters of the session selected in the agenda.
func (s *ScoresScreen) presenters() map[string]bool {
	out := map[string]bool{}
	if i := s.c.Session(); i >= 0 {
		for _, p := range s.c.Snap.Meeting.Sessions[i].Presenters {
			out[p] = true
		}
	}
	return out
}

// Rebuild recomputes the rows from the data and the view's state, keeping
// the cursor on keep (a country code) when it is still shown.
func (s *ScoresScreen) Rebuild(keep string) {
	s.rendered = map[int]string{}
	d := s.c.Snap.Scores
	e := s.c.CurrentEdition()
	s.Rows = s.Rows[:0]
	if e == nil {
		s.list.SetRows(nil, 0)
		return
	}
	es := d.Scores[e.ID]
	q := strings.ToLower(s.Filter.Query)
	for _, r := range es.Rows {
		if !s.inGroup(r.Country, e) {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(r.Country+" "+s.c.CountryName(r.Country)), q) {
			continue
		}
		s.Rows = append(s.Rows, scoreRow{Code: r.Country, values: r.Values})
	}
	// The average row: given or computed, at its place in the order.
	avg := make([]float64, len(d.Index.Measures()))
	for m := range avg {
		avg[m], _ = d.Average(e, m)
	}
	if q == "" || strings.Contains("oecd average", q) {
		s.Rows = append(s.Rows, scoreRow{Code: d.Index.AverageCode, values: avg, Average: true})
	}
	s.sortRows(e)
	sel := make([]bool, len(s.Rows))
	want := 0
	for i, r := range s.Rows {
		sel[i] = true
		if r.Code == keep {
			want = i
		}
	}
	s.list.SetRows(sel, want)
}

func (s *ScoresScreen) sortRows(e *data.Edition) {
	d := s.c.Snap.Scores
	key := func(r scoreRow) float64 {
		switch s.SortBy {
		case sortChange:
			c := d.Change(e, r.Code, 0)
			if c.Status != data.ChangeOK {
				return data.Missing
			}
			return c.Delta
		case SortName:
			return 0
		}
		return r.values[s.SortBy]
	}
	keys := make([]float64, len(s.Rows))
	for i := range s.Rows {
		keys[i] = key(s.Rows[i])
	}
	// Ranks are the edition's, on the measure last sorted by (name and
	// change keep it): a filter or a group never renumbers them.
	if s.SortBy >= 0 {
		s.rankBy = int(s.SortBy)
	}
	if s.rankBy >= len(d.Index.Measures()) {
		s.rankBy = 0
	}
	ranks := d.Scores[e.ID].Ranks(s.rankBy)
	for i := range s.Rows {
		if !s.Rows[i].Average {
			s.Rows[i].Rank = ranks[s.Rows[i].Code]
		}
	}
	idx := make([]int, len(s.Rows))
	for i := range idx {
		idx[i] = i
	}
	names := make([]string, len(s.Rows))
	for i, r := range s.Rows {
		names[i] = s.rowName(r)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ia, ib := idx[a], idx[b]
		if s.SortBy == SortName {
			if s.Reverse {
				return names[ia] > names[ib]
			}
			return names[ia] < names[ib]
		}
		ka, kb := keys[ia], keys[ib]
		if !data.Known(ka) || !data.Known(kb) {
			return data.Known(ka) && !data.Known(kb) // missing last, either way
		}
		if ka != kb {
			return (ka > kb) != s.Reverse
		}
		return names[ia] < names[ib]
	})
	sorted := make([]scoreRow, len(s.Rows))
	for i, j := range idx {
		sorted[i] = s.Rows[j]
	}
	s.Rows = sorted
}

// Reloaded follows new data: the table, and the card or comparison open.
func (s *ScoresScreen) Reloaded() {
	s.Rebuild(s.SelectedCode())
	if s.c.Snap.Scores == nil {
		s.Mode = ModeTable
		return
	}
	switch s.Mode {
	case ModeCard:
		s.Card.Layout()
	case ModeCompare:
		s.Compare.split()
		s.Compare.Refresh()
	}
}

// rowName names a row: the country, or the average.
func (s *ScoresScreen) rowName(r scoreRow) string {
	if r.Average {
		return "OECD average"
	}
	return s.c.CountryName(r.Code)
}

func (s *ScoresScreen) SelectedCode() string {
	if s.list.Cursor < 0 || s.list.Cursor >= len(s.Rows) {
		return ""
	}
	return s.Rows[s.list.Cursor].Code
}

func (s *ScoresScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.list.SetHeight(s.tableHeight())
	s.Filter.Input.Width = max(w/3, 10)
	s.rendered = map[int]string{}
	s.Card.SetSize(w, h)
	s.Compare.SetSize(w, h)
}

// Layout of the table: a title line, the column headings, the rows, then
// the legend and the source.
const scoresChrome = 4

func (s *ScoresScreen) tableHeight() int {
	h := s.height - scoresChrome
	if s.Filter.Shown() {
		h--
	}
	if s.subs {
		h-- // the sub-pillars' key
	}
	return max(h, 1)
}

func (s *ScoresScreen) Capturing() bool { return s.Filter.Focused }

func (s *ScoresScreen) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(common.SnapshotMsg); ok {
		s.Reloaded()
		return nil
	}
	if s.c.Snap.Scores == nil {
		return nil
	}
	switch s.Mode {
	case ModeCard:
		if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, s.c.Keys.Back) {
			s.Mode = ModeTable
			return nil
		}
		return s.Card.Update(msg, s.c.Keys)
	case ModeCompare:
		if s.Compare.Update(msg) {
			s.Mode = ModeTable
			if i := s.backTo; i >= 0 {
				s.backTo = -1
				return func() tea.Msg { return common.JumpMsg{Session: i} }
			}
		}
		return nil
	}
	k := s.c.Keys
	sk := k.Scores
	switch msg := msg.(type) {
	case tea.KeyMsg:
		keep := s.SelectedCode()
		if handled, changed, cmd := s.Filter.Key(msg, k, &s.list); handled {
			if changed {
				s.Rebuild(keep)
			}
			s.list.SetHeight(s.tableHeight())
			return cmd
		}
		switch {
		case s.list.Navigate(msg, k):
		case key.Matches(msg, sk.Group):
			s.Group = (s.Group + 1) % groupCount
			var cmd tea.Cmd
			if s.Group == groupMarked && len(s.c.Marked) == 0 {
				s.Group = GroupAll // an empty group would show the average alone
				cmd = func() tea.Msg { return common.StatusMsg{Text: "No country is marked (space marks one): showing all."} }
			}
			s.Rebuild(keep)
			return cmd
		case key.Matches(msg, sk.Sort):
			keys := s.sortKeys()
			next := 0
			for i, key := range keys {
				if key == s.SortBy {
					next = (i + 1) % len(keys)
				}
			}
			s.SortBy, s.Reverse = keys[next], false
			s.Rebuild(keep)
		case key.Matches(msg, sk.Reverse):
			s.Reverse = !s.Reverse
			s.Rebuild(keep)
		case key.Matches(msg, sk.Subs):
			s.subs = !s.subs
			if s.SortBy > 0 {
				s.SortBy = 0
			}
			s.Rebuild(keep)
			s.list.SetHeight(s.tableHeight())
		case key.Matches(msg, sk.PrevEdition):
			s.switchEdition(-1)
		case key.Matches(msg, sk.NextEdition):
			s.switchEdition(1)
		case key.Matches(msg, sk.Mark):
			if code := s.SelectedCode(); code != "" && code != s.c.Snap.Scores.Index.AverageCode {
				s.c.Marked[code] = !s.c.Marked[code]
				if !s.c.Marked[code] {
					delete(s.c.Marked, code)
				}
				if s.Group == groupMarked {
					s.Rebuild(keep)
				}
				s.rendered = map[int]string{}
				s.list.Move(1)
			}
		case key.Matches(msg, sk.Compare):
			return s.openCompare(s.markedCodes(), nil)
		case key.Matches(msg, sk.Card):
			if code := s.SelectedCode(); code != "" && code != s.c.Snap.Scores.Index.AverageCode {
				s.Card.open(s.c, code)
				s.Mode = ModeCard
			}
		}
	case tea.MouseMsg:
		s.Mouse(msg)
	}
	return nil
}

func (s *ScoresScreen) switchEdition(d int) {
	n := len(s.c.Snap.Scores.Editions)
	next := s.c.Edition + d
	if next < 0 || next >= n {
		return
	}
	s.c.Edition = next
	s.Rebuild(s.SelectedCode())
}

func (s *ScoresScreen) markedCodes() []string {
	var codes []string
	for c := range s.c.Marked {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// openCompare shows codes against the average; absent names delegations
// that were asked for but have no score.
func (s *ScoresScreen) openCompare(codes []string, absent []string) tea.Cmd {
	if len(codes) == 0 && len(absent) == 0 {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Mark countries with space first, then press c to compare them."}
		}
	}
	s.Compare.open(codes, absent, "")
	s.Mode, s.backTo = ModeCompare, -1
	return nil
}

// OpenSessionCompare compares the presenters of session i, opened from
// the agenda: the title names the session and esc goes back to it.
func (s *ScoresScreen) OpenSessionCompare(codes []string, i int) tea.Cmd {
	s.Compare.open(codes, nil, fmt.Sprintf("Session %d presenters", s.c.Snap.Meeting.Sessions[i].Number))
	s.Mode, s.backTo = ModeCompare, i
	return nil
}

func (s *ScoresScreen) Mouse(msg tea.MouseMsg) {
	top := s.listTop()
	if msg.Y == top-1 && msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
		s.clickHeading(msg.X)
		return
	}
	s.list.Mouse(msg, top)
}

// listTop is the line of the first row: after the title, the filter line
// when shown, and the headings.
func (s *ScoresScreen) listTop() int {
	if s.Filter.Shown() {
		return 3
	}
	return 2
}

// clickHeading sorts by the column under x; a second click reverses.
func (s *ScoresScreen) clickHeading(x int) {
	for _, col := range s.Columns() {
		if x >= col.X && x < col.X+col.w && col.sortable {
			if s.SortBy == col.Sort {
				s.Reverse = !s.Reverse
			} else {
				s.SortBy, s.Reverse = col.Sort, false
			}
			s.Rebuild(s.SelectedCode())
			return
		}
	}
}

// Column is one column of the table at the current width.
type Column struct {
	title    string
	X, w     int
	Sort     sortKey // what clicking sorts by, when sortable
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

// Columns lays the table out in the current width: rank, country, measures,
// composite, change, bar. Sub-pillar columns that do not fit are dropped
// from the right, the bar last.
func (s *ScoresScreen) Columns() []Column {
	ix := &s.c.Snap.Scores.Index
	w := s.width
	// Change only when there is a comparable edition to change from (else
	// every row would say n/c: the legend says it once).
	change := 0
	if prev, _ := s.c.Snap.Scores.Previous(s.c.CurrentEdition()); prev != nil {
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
	cols := []Column{{title: "#", X: x, w: rankW, Sort: 0, sortable: true, right: true}}
	x += rankW + 1
	cols = append(cols, Column{title: "Country", X: x, w: nameW, Sort: SortName, sortable: true})
	x += nameW + 1
	for _, m := range measures[:fit] {
		cols = append(cols, Column{title: ix.Measures()[m].Short, X: x, w: valueW, Sort: sortKey(m), sortable: true, right: true})
		x += valueW + 1
	}
	cols = append(cols, Column{title: "Score", X: x, w: valueW, Sort: 0, sortable: true, right: true})
	x += valueW + 1
	if change > 0 {
		cols = append(cols, Column{title: "Change", X: x, w: changeW, Sort: sortChange, sortable: true, right: true})
		x += changeW + 1
	}
	x++
	if w-x >= minBarW {
		cols = append(cols, Column{title: "", X: x, w: w - x})
	}
	return cols
}

// subsKey says what the sub-pillar columns are: their numbers by pillar,
// with the names when they fit, and where each is named in full.
func (s *ScoresScreen) subsKey(w int) string {
	t := s.c.Theme
	ix := &s.c.Snap.Scores.Index
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
			return common.Fit(t.Subtle.Render(l), w)
		}
	}
	return common.Fit(t.Subtle.Render(strings.Join(short, " · ")), w)
}

// longestName is the width of the longest name in the table.
func (s *ScoresScreen) longestName() int {
	n := 0
	for _, r := range s.Rows {
		n = max(n, ansi.StringWidth(s.rowName(r)))
	}
	return n
}

func (s *ScoresScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch s.Mode {
	case ModeCard:
		return []key.Binding{k.Up, k.Down, k.Back}
	case ModeCompare:
		return s.Compare.ShortHelp()
	}
	if s.Filter.Focused {
		return s.Filter.Help(k)
	}
	sk := k.Scores
	return []key.Binding{sk.Sort, sk.Mark, sk.Compare, sk.Card, sk.Group, sk.PrevEdition, sk.NextEdition}
}

func (s *ScoresScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	if s.Mode == ModeCompare {
		return s.Compare.FullHelp()
	}
	sk := k.Scores
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{sk.Sort, sk.Reverse, sk.Subs, sk.PrevEdition, sk.NextEdition, sk.Group},
		{sk.Mark, sk.Compare, sk.Card, k.Filter, k.Back},
	}
}

// Status is what the footer says when nothing else is to be said.
func (s *ScoresScreen) Status() string {
	if s.c.Snap.Scores == nil || s.Mode != ModeTable {
		return "" // the marks are the table's
	}
	return fmt.Sprintf("%d marked", len(s.c.Marked))
}

func (s *ScoresScreen) View() string {
	t := s.c.Theme
	if s.c.Snap.Scores == nil {
		if p := common.ScoresProblem(s.c.Banner); p != "" {
			lines := []string{t.Error.Render("  The scores could not be read:")}
			lines = append(lines, markdown.WrapWords(t, markdown.PlainWords(p), s.width-4, "    ", "    ", 0)...)
			lines = append(lines, "", t.Subtle.Render("  Fix the file: the scores appear as soon as it is saved (plenary check lists every problem)."))
			return common.PadLines(strings.Join(lines, "\n"), s.width, s.height)
		}
		return common.PadLines(t.Subtle.Render("  This bundle has no scores. Add scores.toml and its CSV tables: see docs/bundle.md."), s.width, s.height)
	}
	switch s.Mode {
	case ModeCard:
		return s.Card.View()
	case ModeCompare:
		return s.Compare.View()
	}
	d := s.c.Snap.Scores
	e := s.c.CurrentEdition()
	var lines []string
	title := t.Title.Render(fmt.Sprintf("%s %s", d.Index.Name, e.ID)) + " " + common.StatusBadge(t, e)
	shown := 0
	for _, r := range s.Rows {
		if !r.Average {
			shown++
		}
	}
	arrow := s.arrow()
	info := fmt.Sprintf("%d shown · by %s %s · group: %s", shown, s.SortTitle(), arrow, s.groupName())
	if s.width < 100 {
		info = fmt.Sprintf("%d · %s %s · %s", shown, s.SortTitle(), arrow, s.groupName())
	}
	info = t.Subtle.Render(info)
	lines = append(lines, common.Spread(title, info, s.width))
	if s.Filter.Shown() {
		lines = append(lines, s.Filter.View(t, s.width, ""))
	}
	cols := s.Columns()
	var head strings.Builder
	head.WriteString(strings.Repeat(" ", gutterW))
	x := gutterW
	for _, col := range cols {
		head.WriteString(strings.Repeat(" ", max(col.X-x, 0)))
		title := col.title
		if col.sortable && col.Sort == s.SortBy && !(col.title == "#" && s.SortBy == 0) {
			// The arrow always shows: the title gives way (Avail. → Avail▼).
			if ansi.StringWidth(title)+1 > col.w {
				title = ansi.Truncate(strings.TrimSuffix(title, "."), col.w-1, "")
			}
			title += s.arrow()
		}
		if col.right {
			title = fmt.Sprintf("%*s", col.w, title)
		}
		head.WriteString(t.Label.Render(common.Fit(title, col.w)))
		x = col.X + col.w
	}
	lines = append(lines, common.Fit(head.String(), s.width))
	from, to := s.list.Visible()
	first := len(lines)
	for i := from; i < to; i++ {
		lines = append(lines, common.Fit(s.row(i, cols), s.width))
	}
	s.list.Bar(t, lines[first:], s.width)
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
	for _, r := range s.Rows {
		if !r.Average && r.Rank == 0 {
			// Why a rank is missing: the edition has no value to rank.
			unranked := "— no " + strings.ToLower(d.Index.Measures()[s.rankBy].Name) + " score in " + e.ID
			note = strings.TrimPrefix(note+" · "+unranked, " · ")
			break
		}
	}
	if s.subs {
		lines = lines[:len(lines)-1]
		lines = append(lines, s.subsKey(s.width))
	}
	lines = append(lines, bars.LegendFor(t, d, e, s.width, note))
	lines = append(lines, common.Fit(t.Subtle.Render("Source: "+e.Source), s.width))
	for i := range lines {
		lines[i] = common.Fit(lines[i], s.width)
	}
	return strings.Join(lines[:s.height], "\n")
}

// row draws table row i; rows are cached until the state changes.
func (s *ScoresScreen) row(i int, cols []Column) string {
	selected := i == s.list.Cursor
	if r, ok := s.rendered[i]; ok && !selected {
		return r
	}
	t := s.c.Theme
	d := s.c.Snap.Scores
	e := s.c.CurrentEdition()
	r := s.Rows[i]
	var b strings.Builder
	gutter := "  "
	if s.c.Marked[r.Code] {
		gutter = " " + t.Mark.Render("●")
	}
	if selected {
		gutter = "▸" + gutter[1:]
	}
	b.WriteString(gutter + " ")
	x := gutterW
	avg, _ := d.Average(e, 0)
	for _, col := range cols {
		b.WriteString(strings.Repeat(" ", max(col.X-x, 0)))
		x = max(x, col.X)
		var cell string
		switch {
		case col.title == "#":
			cell = "—"
			if r.Rank > 0 {
				cell = fmt.Sprint(r.Rank)
			}
			if r.Average {
				cell = ""
			}
			cell = fmt.Sprintf("%*s", col.w, cell)
		case col.sortable && col.Sort == SortName:
			name := s.rowName(r)
			if r.Average {
				if _, computed := d.Average(e, 0); computed {
					name += " (computed)"
				}
				cell = t.Average.Render(common.Fit(name, col.w))
			} else {
				cell = common.Fit(name, col.w-6) + " " + t.Codes.Render(fmt.Sprintf("%-5s", r.Code))
			}
		case col.sortable && col.Sort == sortChange:
			cell = bars.ChangeText(t, d.Change(e, r.Code, 0))
			cell = strings.Repeat(" ", max(col.w-ansi.StringWidth(cell), 0)) + cell
		case !col.sortable:
			cell = bars.CompositeBar(t, &d.Index, e, r.values, e.Scale.Max(data.LevelComposite, len(d.Index.Pillars)), col.w, avg)
		default:
			cell = fmt.Sprintf("%*s", col.w, data.Format(r.values[col.Sort]))
			if col.Sort == 0 {
				cell = t.Bold.Render(cell)
			}
		}
		b.WriteString(cell)
		x += ansi.StringWidth(cell)
	}
	out := common.Fit(b.String(), s.width)
	if selected {
		return t.Selected.Render(ansi.Strip(out))
	}
	s.rendered[i] = out
	return out
}

// ShowCard opens a country's card (from a search).
func (s *ScoresScreen) ShowCard(code string) tea.Cmd {
	if s.c.Snap.Scores == nil {
		return nil
	}
	s.Card.open(s.c, code)
	s.Mode = ModeCard
	return nil
}

// ChartOnScreen is the chart of what the view shows — the ranking of the
// rows listed (all, or the group or filter's), the comparison, the
// country's card — or nil outside the Scores view's data. It is made of
// values, so that it can run in a command.
func (s *ScoresScreen) ChartOnScreen() func() (chart.Chart, error) {
	d, e := s.c.Snap.Scores, s.c.CurrentEdition()
	if d == nil || e == nil {
		return nil
	}
	o := chart.Options{Edition: e, Name: s.c.Snap.Meeting.NameOf}
	switch s.Mode {
	case ModeCard:
		code := s.Card.Code
		return func() (chart.Chart, error) { return chart.Country(d, code, o) }
	case ModeCompare:
		o.Countries = append([]string(nil), s.Compare.Codes...)
	default:
		if o.Note = s.narrowing(); o.Note != "" {
			for _, r := range s.Rows {
				if !r.Average {
					o.Countries = append(o.Countries, r.Code)
				}
			}
		}
		if s.SortBy > 0 {
			o.Measure = int(s.SortBy)
		}
	}
	if s.Mode != ModeCompare && len(o.Countries) == 0 && (s.Group != GroupAll || s.Filter.Query != "") {
		return func() (chart.Chart, error) { return chart.Chart{}, fmt.Errorf("no country is listed") }
	}
	return func() (chart.Chart, error) { return chart.Ranking(d, o) }
}

// Selection is what y copies: the comparison, the card or the ranking on
// screen, as a plain table.
func (s *ScoresScreen) Selection() (what, text string) {
	c := s.c
	if c.Snap.Scores == nil {
		return "", ""
	}
	e := c.CurrentEdition()
	switch s.Mode {
	case ModeCompare:
		return "the comparison", scoresText(c, e, s.Compare.Codes, s.Compare.Title)
	case ModeCard:
		return c.CountryName(s.Card.Code), common.PlainLines(RenderCard(c, s.Card.Code, 100))
	}
	var codes []string
	for _, r := range s.Rows {
		if !r.Average {
			codes = append(codes, r.Code)
		}
	}
	return "the ranking", scoresText(c, e, codes, "")
}

// scoresText is countries of an edition as a plain table: composite,
// pillars and the gap to the average, then the average and the source.
func scoresText(c *common.Common, e *data.Edition, codes []string, title string) string {
	d := c.Snap.Scores
	ix := &d.Index
	head := fmt.Sprintf("%s %s (%s)", ix.Name, e.ID, e.Status)
	if title != "" {
		head = title + ": " + head
	}
	cols := []string{"Country", "Score"}
	for _, p := range ix.Pillars {
		cols = append(cols, p.Name)
	}
	cols = append(cols, "Gap to OECD average")
	lines := []string{head, strings.Join(cols, "\t")}
	avg, computed := d.Average(e, 0)
	row := func(name string, vals []float64, gap string) {
		cells := []string{name, data.Format(vals[0])}
		for p := range ix.Pillars {
			cells = append(cells, data.Format(vals[ix.PillarMeasure(p)]))
		}
		lines = append(lines, strings.Join(append(cells, gap), "\t"))
	}
	es := d.Scores[e.ID]
	for _, code := range codes {
		r, ok := es.Row(code)
		if !ok {
			continue
		}
		gap := ""
		if data.Known(r.Values[0]) && data.Known(avg) {
			gap = data.FormatDelta(r.Values[0] - avg)
		}
		row(fmt.Sprintf("%s (%s)", c.CountryName(code), code), r.Values, gap)
	}
	avgs := make([]float64, len(ix.Measures()))
	for m := range avgs {
		avgs[m], _ = d.Average(e, m)
	}
	name := "OECD average"
	if computed {
		name += " (computed)"
	}
	row(name, avgs, "")
	lines = append(lines, "Source: "+e.Source)
	return strings.Join(lines, "\n")
}

// Slide is what p presents: the comparison, the card, or the ranking as
// sorted, with the countries listed when a group or a filter narrows it.
func (sc *ScoresScreen) Slide() (deck.Slide, bool) {
	c := sc.c
	e := c.CurrentEdition()
	if e == nil {
		return deck.Slide{}, false
	}
	switch sc.Mode {
	case ModeCompare:
		title := c.Snap.Scores.Index.Name + " " + e.ID + ": comparison"
		if sc.Compare.Title != "" {
			title = sc.Compare.Title + ": " + c.Snap.Scores.Index.Name + " " + e.ID
		}
		return deck.Slide{ID: "compare", Kind: deck.Compare, Edition: e.ID, Countries: sc.Compare.Asked, Title: title}, true
	case ModeCard:
		return deck.Slide{ID: "country", Kind: deck.Country, Edition: e.ID, Country: sc.Card.Code,
			Title: c.CountryName(sc.Card.Code)}, true
	}
	s := deck.Slide{ID: "ranking", Kind: deck.Ranking, Edition: e.ID, Title: c.Snap.Scores.Index.Name + " " + e.ID}
	if sc.SortBy > 0 {
		s.Measure = c.Snap.Scores.Index.Measures()[sc.SortBy].ID
		s.Title += ": " + c.Snap.Scores.Index.Measures()[sc.SortBy].Name
	}
	if n := sc.narrowing(); n != "" {
		s.Title += " · " + n // the room sees what was left out
		for _, r := range sc.Rows {
			if !r.Average {
				s.Countries = append(s.Countries, r.Code)
			}
		}
	}
	return s, true
}
