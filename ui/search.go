package ui

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
)

// searchPage finds text everywhere at once (ctrl+f): the sessions, the
// notes (as this user may read them), the delegations and the countries of
// the scores, each match with its line; enter opens it where it is.
type searchPage struct {
	c             *common
	input         textinput.Model
	query         string
	index         *agenda.NoteIndex
	results       []searchResult
	rendered      []string
	list          rowList
	noteTotal     int // lines of notes that match, shown or not
	width, height int
}

type searchKind int

const (
	foundHeading searchKind = iota
	foundSession
	foundNote
	foundDelegation
	foundCountry
)

type searchResult struct {
	kind    searchKind
	session int    // foundSession, foundNote
	line    int    // foundNote: 1-based
	code    string // foundDelegation, foundCountry
	label   string // what it is: "Session 3", "Spain (ESP)"
	context string // the line that matched
}

// maxNoteHits caps the notes' lines listed: past it, the count says more.
const maxNoteHits = 200

func newSearchPage(c *common) *searchPage {
	ti := textinput.New()
	ti.Prompt = "Find: "
	ti.PromptStyle = c.theme.Prompt
	ti.Placeholder = "words in sessions, notes, delegations and countries"
	ti.PlaceholderStyle = c.theme.Subtle
	ti.TextStyle = c.theme.style()
	ti.Cursor.Style = c.theme.style().Reverse(true)
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 200
	ti.Focus()
	s := &searchPage{c: c, input: ti}
	s.reindex()
	return s
}

func (s *searchPage) place() placement { return placeBody }
func (s *searchPage) capturing() bool  { return true }

func (s *searchPage) setSize(w, h int) {
	s.width, s.height = w, h
	s.input.Width = max(w/2, 10)
	s.list.setHeight(max(h-2, 1))
	s.render()
}

// reindex reads the notes again (they changed, or the bundle reloaded).
func (s *searchPage) reindex() {
	s.index = agenda.NewNoteIndex(s.c.snap.Meeting, s.c.noteText)
	s.find()
}

// find lists what matches the query, by kind.
func (s *searchPage) find() {
	s.results = s.results[:0]
	s.noteTotal = 0
	q := strings.ToLower(strings.TrimSpace(s.query))
	if q == "" {
		s.list.setRows(nil, 0)
		s.render()
		return
	}
	m := s.c.snap.Meeting
	var found []searchResult
	heading := func(title string, n int) {
		if n > 0 {
			s.results = append(s.results, searchResult{kind: foundHeading, label: title})
			s.results = append(s.results, found...)
		}
		found = found[:0]
	}
	for i := range m.Sessions {
		se := &m.Sessions[i]
		label := fmt.Sprintf("Session %d", se.Number)
		for _, field := range append([]string{se.Title, agenda.MarkdownText(se.Summary), strings.Join(se.Tags, " "), se.Room, se.Chair}, s.presenterNames(se)...) {
			if line, ok := lineWith(field, q); ok {
				found = append(found, searchResult{kind: foundSession, session: i, label: label, context: line})
				break
			}
		}
	}
	heading("Sessions", len(found))
	hits, total := s.index.Search(q, maxNoteHits)
	s.noteTotal = total
	for _, h := range hits {
		found = append(found, searchResult{kind: foundNote, session: h.Session, line: h.Line,
			label: fmt.Sprintf("Session %d, line %d", m.Sessions[h.Session].Number, h.Line), context: h.Text})
	}
	title := "Notes"
	if total > len(hits) {
		title = fmt.Sprintf("Notes (the first %d of %d lines)", len(hits), total)
	}
	heading(title, len(found))
	for _, d := range m.Delegations {
		if hay := d.Code + " " + d.Name; strings.Contains(strings.ToLower(hay), q) {
			found = append(found, searchResult{kind: foundDelegation, code: d.Code, label: fmt.Sprintf("%s (%s)", d.Name, d.Code), context: kindName(d.Kind)})
		}
	}
	heading("Delegations", len(found))
	if sc := s.c.snap.Scores; sc != nil {
		if e := s.c.currentEdition(); e != nil {
			for _, r := range sc.Scores[e.ID].Rows {
				if hay := r.Country + " " + s.c.countryName(r.Country); strings.Contains(strings.ToLower(hay), q) {
					found = append(found, searchResult{kind: foundCountry, code: r.Country,
						label: fmt.Sprintf("%s (%s)", s.c.countryName(r.Country), r.Country), context: sc.Index.Name + " " + e.ID})
				}
			}
			heading("Countries in the scores", len(found))
		}
	}
	sel := make([]bool, len(s.results))
	for i, r := range s.results {
		sel[i] = r.kind != foundHeading
	}
	s.list.setRows(sel, 0)
	s.render()
}

// presenterNames are a session's presenters by name and code.
func (s *searchPage) presenterNames(se *agenda.Session) []string {
	var out []string
	for _, p := range se.Presenters {
		out = append(out, s.c.countryName(p)+" ("+p+")")
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
	for _, kt := range kindTitles {
		if kt.kind == k {
			return kt.one
		}
	}
	return string(k)
}

func (s *searchPage) render() {
	t := s.c.theme
	w := max(s.width-2, 10)
	q := strings.ToLower(strings.TrimSpace(s.query))
	s.rendered = make([]string, len(s.results))
	for i, r := range s.results {
		if r.kind == foundHeading {
			s.rendered[i] = fit(t.Day.Render(r.label), w)
			continue
		}
		label := clean.Line(r.label)
		room := max(w-ansi.StringWidth(label)-5, 8)
		s.rendered[i] = fit("  "+t.Label.Render(label)+"  "+around(t, clean.Line(r.context), q, room), w)
	}
}

// around is line cut to w cells around the first q in it, q marked.
func around(t *Theme, line, q string, w int) string {
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

// searchGoMsg asks the root to open what was found.
type searchGoMsg struct{ result searchResult }

func (s *searchPage) update(msg tea.Msg) (tea.Cmd, bool) {
	k := s.c.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Search.Close):
			return nil, true
		case key.Matches(msg, k.Search.Open):
			if c := s.list.cursor; c >= 0 && c < len(s.results) {
				r := s.results[c]
				return func() tea.Msg { return searchGoMsg{result: r} }, true
			}
			return nil, false
		case key.Matches(msg, k.Search.Up):
			s.list.move(-1)
			return nil, false
		case key.Matches(msg, k.Search.Down):
			s.list.move(1)
			return nil, false
		case key.Matches(msg, k.Search.PageUp):
			s.list.move(-s.list.height)
			return nil, false
		case key.Matches(msg, k.Search.PageDown):
			s.list.move(s.list.height)
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
		was := s.list.cursor
		if s.list.mouse(msg, 2) && s.list.cursor == was && was >= 0 {
			r := s.results[was]
			return func() tea.Msg { return searchGoMsg{result: r} }, true
		}
	}
	return nil, false
}

func (s *searchPage) view() string {
	t := s.c.theme
	var info string
	switch n := s.found(); {
	case strings.TrimSpace(s.query) == "":
		info = "type to find · enter opens · esc closes"
	case n == 0:
		info = "nothing found"
	default:
		info = count(n, "match")
		if n != 1 {
			info = fmt.Sprintf("%d matches", n)
		}
	}
	lines := []string{spread(s.input.View(), t.Subtle.Render(info), s.width), t.Subtle.Render(strings.Repeat("─", s.width))}
	lines = append(lines, s.list.draw(t, s.rendered, s.width)...)
	return padLines(strings.Join(lines, "\n"), s.width, s.height)
}

// found counts the matches: the rows listed, and the notes' lines past
// the cap.
func (s *searchPage) found() int {
	n := 0
	for _, r := range s.results {
		if r.kind != foundHeading && r.kind != foundNote {
			n++
		}
	}
	return n + s.noteTotal
}

func (s *searchPage) shortHelp() []key.Binding {
	k := s.c.keys.Search
	return []key.Binding{k.Open, k.Up, k.Down, k.Close}
}

func (s *searchPage) fullHelp() [][]key.Binding {
	k := s.c.keys.Search
	return [][]key.Binding{{k.Open, k.Up, k.Down, k.PageUp, k.PageDown, k.Close}}
}
