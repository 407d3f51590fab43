// Package searchpage is the search over sessions, notes, delegations and
// countries; what is chosen is handed back to the root to show.
package searchpage

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/list"
)

// SearchPage finds text everywhere at once (ctrl+f): the sessions, the
// notes (as this user may read them), the delegations and the countries of
// the scores, each match with its line; enter opens it where it is.
type SearchPage struct {
	c             *common.Common
	input         textinput.Model
	query         string
	index         *agenda.NoteIndex
	results       []SearchResult
	rendered      []string
	list          list.RowList
	noteTotal     int // lines of notes that match, shown or not
	width, height int
}

type searchKind int

const (
	foundHeading searchKind = iota
	FoundSession
	FoundNote
	FoundDelegation
	FoundCountry
)

type SearchResult struct {
	Kind    searchKind
	Session int    // foundSession, foundNote
	Line    int    // foundNote: 1-based
	Code    string // foundDelegation, foundCountry
	label   string // what it is: "Session 3", "Spain (ESP)"
	context string // the line that matched
}

// maxNoteHits caps the notes' lines listed: past it, the count says more.
const maxNoteHits = 200

func NewSearchPage(c *common.Common) *SearchPage {
	ti := textinput.New()
	ti.Prompt = "Find: "
	ti.PromptStyle = c.Theme.Prompt
	ti.Placeholder = "words in sessions, notes, delegations and countries"
	ti.PlaceholderStyle = c.Theme.Subtle
	ti.TextStyle = c.Theme.Style()
	ti.Cursor.Style = c.Theme.Style().Reverse(true)
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 200
	ti.Focus()
	s := &SearchPage{c: c, input: ti}
	s.Reindex()
	return s
}

func (s *SearchPage) Place() common.Placement { return common.PlaceBody }
func (s *SearchPage) Capturing() bool         { return true }
func (s *SearchPage) Title() string           { return "search" }

func (s *SearchPage) SetSize(w, h int) {
	s.width, s.height = w, h
	s.input.Width = max(w/2, 10)
	s.list.SetHeight(max(h-2, 1))
	s.Render()
}

// Reindex reads the notes again (they changed, or the bundle reloaded).
func (s *SearchPage) Reindex() {
	s.index = agenda.NewNoteIndex(s.c.Snap.Meeting, s.c.NoteText)
	s.find()
}

// find lists what matches the query, by kind.
func (s *SearchPage) find() {
	s.results = s.results[:0]
	s.noteTotal = 0
	q := strings.ToLower(strings.TrimSpace(s.query))
	if q == "" {
		s.list.SetRows(nil, 0)
		s.Render()
		return
	}
	m := s.c.Snap.Meeting
	var found []SearchResult
	heading := func(title string, n int) {
		if n > 0 {
			s.results = append(s.results, SearchResult{Kind: foundHeading, label: title})
			s.results = append(s.results, found...)
		}
		found = found[:0]
	}
	for i := range m.Sessions {
		se := &m.Sessions[i]
		label := fmt.Sprintf("Session %d", se.Number)
		for _, field := range append([]string{se.Title, agenda.MarkdownText(se.Summary), strings.Join(se.Tags, " "), se.Room, se.Chair}, s.presenterNames(se)...) {
			if line, ok := lineWith(field, q); ok {
				found = append(found, SearchResult{Kind: FoundSession, Session: i, label: label, context: line})
				break
			}
		}
	}
	heading("Sessions", len(found))
	hits, total := s.index.Search(q, maxNoteHits)
	s.noteTotal = total
	for _, h := range hits {
		found = append(found, SearchResult{Kind: FoundNote, Session: h.Session, Line: h.Line,
			label: fmt.Sprintf("Session %d, line %d", m.Sessions[h.Session].Number, h.Line), context: h.Text})
	}
	title := "Notes"
	if total > len(hits) {
		title = fmt.Sprintf("Notes (the first %d of %d lines)", len(hits), total)
	}
	heading(title, len(found))
	for _, d := range m.Delegations {
		if hay := d.Code + " " + d.Name; strings.Contains(strings.ToLower(hay), q) {
			found = append(found, SearchResult{Kind: FoundDelegation, Code: d.Code, label: fmt.Sprintf("%s (%s)", d.Name, d.Code), context: kindName(d.Kind)})
		}
	}
	heading("Delegations", len(found))
	if sc := s.c.Snap.Scores; sc != nil {
		if e := s.c.CurrentEdition(); e != nil {
			for _, r := range sc.Scores[e.ID].Rows {
				if hay := r.Country + " " + s.c.CountryName(r.Country); strings.Contains(strings.ToLower(hay), q) {
					found = append(found, SearchResult{Kind: FoundCountry, Code: r.Country,
						label: fmt.Sprintf("%s (%s)", s.c.CountryName(r.Country), r.Country), context: sc.Index.Name + " " + e.ID})
				}
			}
			heading("Countries in the scores", len(found))
		}
	}
	sel := make([]bool, len(s.results))
	for i, r := range s.results {
		sel[i] = r.Kind != foundHeading
	}
	s.list.SetRows(sel, 0)
	s.Render()
}

// presenterNames are a session's presenters by name and code.
func (s *SearchPage) presenterNames(se *agenda.Session) []string {
	var out []string
	for _, p := range se.Presenters {
		out = append(out, s.c.CountryName(p)+" ("+p+")")
	}
	return out
}

// lineWith is the line of text that holds q (lowered), and whether any does.
func lineWith(text, q string) (string, bool) {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(strings.ToLower(l), q) {
			return l, true
		}
	}
	return "", false
}

// kindName says what a delegation is, in a word.
func kindName(k agenda.Kind) string {
	for _, kt := range common.KindTitles {
		if kt.Kind == k {
			return kt.One
		}
	}
	return string(k)
}

func (s *SearchPage) Render() {
	t := s.c.Theme
	w := max(s.width-2, 10)
	q := strings.ToLower(strings.TrimSpace(s.query))
	s.rendered = make([]string, len(s.results))
	for i, r := range s.results {
		if r.Kind == foundHeading {
			s.rendered[i] = common.Fit(t.Day.Render(r.label), w)
			continue
		}
		label := clean.Line(r.label)
		room := max(w-ansi.StringWidth(label)-5, 8)
		s.rendered[i] = common.Fit("  "+t.Label.Render(label)+"  "+around(t, clean.Line(r.context), q, room), w)
	}
}

// around is line cut to w cells around the first q in it, q marked.
func around(t *common.Theme, line, q string, w int) string {
	rs := []rune(strings.TrimSpace(line))
	lower := []rune(strings.ToLower(string(rs)))
	at, n := -1, len([]rune(q))
	if len(lower) == len(rs) { // lowering kept the letters where they were
		if i := strings.Index(string(lower), q); i >= 0 {
			at = len([]rune(string(lower)[:i]))
		}
	}
	if at < 0 {
		return ansi.Truncate(string(rs), w, "…")
	}
	// A long line starts a third of the way before the match, and no
	// later than it must to fill the width.
	from := 0
	if ansi.StringWidth(string(rs)) > w && at > w/3 {
		from = max(min(at-w/3, len(rs)-w+1), 0)
	}
	before, match, after := string(rs[from:at]), string(rs[at:at+n]), string(rs[at+n:])
	if from > 0 {
		before = "…" + before
	}
	out := before + t.Match.Render(match) + after
	return ansi.Truncate(out, w, "…")
}

// SearchGoMsg asks the root to open what was found.
type SearchGoMsg struct{ Result SearchResult }

func (s *SearchPage) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := s.c.Keys
	switch msg := msg.(type) {
	case common.SnapshotMsg:
		s.Reindex() // what is found is what is written now
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Search.Close):
			return nil, true
		case key.Matches(msg, k.Search.Open):
			if c := s.list.Cursor; c >= 0 && c < len(s.results) {
				r := s.results[c]
				return func() tea.Msg { return SearchGoMsg{Result: r} }, true
			}
			return nil, false
		case key.Matches(msg, k.Search.Up):
			s.list.Move(-1)
			return nil, false
		case key.Matches(msg, k.Search.Down):
			s.list.Move(1)
			return nil, false
		case key.Matches(msg, k.Search.PageUp):
			s.list.Move(-s.list.Height)
			return nil, false
		case key.Matches(msg, k.Search.PageDown):
			s.list.Move(s.list.Height)
			return nil, false
		}
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		if v := clean.Line(s.input.Value()); v != s.query {
			s.query = v
			s.find()
		}
		return cmd, false
	case tea.MouseMsg:
		// The list starts below the header, the input and its rule; a
		// click on the row already selected opens it.
		was := s.list.Cursor
		if s.list.Mouse(msg, 2) && s.list.Cursor == was && was >= 0 {
			r := s.results[was]
			return func() tea.Msg { return SearchGoMsg{Result: r} }, true
		}
	}
	return nil, false
}

func (s *SearchPage) View() string {
	t := s.c.Theme
	var info string
	switch n := s.found(); {
	case strings.TrimSpace(s.query) == "":
		info = "type to find · enter opens · esc closes"
	case n == 0:
		info = "nothing found"
	default:
		info = common.Count(n, "match")
		if n != 1 {
			info = fmt.Sprintf("%d matches", n)
		}
	}
	lines := []string{common.Spread(s.input.View(), t.Subtle.Render(info), s.width), t.Subtle.Render(strings.Repeat("─", s.width))}
	lines = append(lines, s.list.Draw(t, s.rendered, s.width)...)
	return common.PadLines(strings.Join(lines, "\n"), s.width, s.height)
}

// found counts the matches: the rows listed, and the notes' lines past
// the cap.
func (s *SearchPage) found() int {
	n := 0
	for _, r := range s.results {
		if r.Kind != foundHeading && r.Kind != FoundNote {
			n++
		}
	}
	return n + s.noteTotal
}

func (s *SearchPage) ShortHelp() []key.Binding {
	k := s.c.Keys.Search
	return []key.Binding{k.Open, k.Up, k.Down, k.Close}
}

func (s *SearchPage) FullHelp() [][]key.Binding {
	k := s.c.Keys.Search
	return [][]key.Binding{{k.Open, k.Up, k.Down, k.PageUp, k.PageDown, k.Close}}
}
