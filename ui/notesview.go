package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
)

// notesScreen lists every decision, action and open question typed in the
// meeting's notes, by session; enter goes to the session.
type notesScreen struct {
	c             *common
	width, height int
	rows          []notesRow
	rendered      []string
	list          rowList
	filter        filterBox
	counts        [3]int
	byDelegation  bool // each session's statements by who made them (v)
}

type notesRow struct {
	session   int               // index into Meeting.Sessions
	item      *agenda.Item      // nil for a session heading or a blank line
	statement *agenda.Statement // by delegation: a statement
	speaker   string            // by delegation: who speaks next
	blank     bool
}

func newNotesScreen(c *common) *notesScreen {
	n := &notesScreen{c: c, filter: newFilterBox(c.theme, "@DEU, decisions, actions, questions or words")}
	n.rebuild()
	return n
}

// matches applies the filter: @CODE matches owners, a kind word matches
// that kind, any other word the text.
func (n *notesScreen) matches(it agenda.Item) bool {
	for _, term := range strings.Fields(strings.ToLower(n.filter.query)) {
		switch {
		case strings.HasPrefix(term, "@"):
			found := false
			for _, o := range it.Owners {
				if strings.EqualFold("@"+o, term) {
					found = true
				}
			}
			if !found {
				return false
			}
		case strings.HasPrefix(term, "decision"), strings.HasPrefix(term, "action"), strings.HasPrefix(term, "question"):
			if !strings.HasPrefix(term, it.Kind.String()) {
				return false
			}
		default:
			if !strings.Contains(strings.ToLower(it.Text), term) {
				return false
			}
		}
	}
	return true
}

// rebuild reads the items of every note; notes change while the app runs.
func (n *notesScreen) rebuild() {
	keep := -1
	if n.list.cursor >= 0 && n.list.cursor < len(n.rows) {
		keep = n.rows[n.list.cursor].session
	}
	n.rows = n.rows[:0]
	n.counts = [3]int{}
	var sel []bool
	want := 0
	for i, s := range n.c.snap.Meeting.Sessions {
		note, ok := n.c.snap.Texts[s.ID]
		if !n.c.mayReadNotes() {
			break // the rapporteurs' notes are not shared with delegates
		}
		if !ok {
			continue
		}
		if n.byDelegation {
			n.addStatements(i, note.Text, keep, &sel, &want)
			continue
		}
		var items []agenda.Item
		for _, it := range agenda.ParseItems(note.Text) {
			if n.matches(it) {
				items = append(items, it)
				n.counts[it.Kind]++
			}
		}
		if len(items) == 0 {
			continue
		}
		if len(n.rows) > 0 {
			n.rows = append(n.rows, notesRow{session: i, blank: true})
			sel = append(sel, false)
		}
		if i == keep {
			want = len(n.rows)
		}
		n.rows = append(n.rows, notesRow{session: i})
		sel = append(sel, true)
		for j := range items {
			n.rows = append(n.rows, notesRow{session: i, item: &items[j]})
			sel = append(sel, true)
		}
	}
	n.list.setRows(sel, want)
	n.render()
}

// addStatements adds session i's attributed statements, grouped by who
// made them (the filter's words match the speaker or the text).
func (n *notesScreen) addStatements(i int, note string, keep int, sel *[]bool, want *int) {
	var ss []agenda.Statement
	for _, s := range agenda.Statements(note) {
		hay := strings.ToLower(s.Speaker + " " + s.Text)
		ok := true
		for _, term := range strings.Fields(strings.ToLower(n.filter.query)) {
			ok = ok && strings.Contains(hay, term)
		}
		if ok {
			ss = append(ss, s)
		}
	}
	if len(ss) == 0 {
		return
	}
	if len(n.rows) > 0 {
		n.rows = append(n.rows, notesRow{session: i, blank: true})
		*sel = append(*sel, false)
	}
	if i == keep {
		*want = len(n.rows)
	}
	n.rows = append(n.rows, notesRow{session: i})
	*sel = append(*sel, true)
	order, said := agenda.BySpeaker(ss)
	for _, who := range order {
		n.rows = append(n.rows, notesRow{session: i, speaker: who})
		*sel = append(*sel, true)
		for j := range said[who] {
			n.rows = append(n.rows, notesRow{session: i, statement: &said[who][j]})
			*sel = append(*sel, true)
		}
	}
}

func (n *notesScreen) setSize(w, h int) {
	n.width, n.height = w, h
	n.filter.input.Width = max(w/3, 10)
	n.list.setHeight(n.listHeight())
	n.render()
}

func (n *notesScreen) listHeight() int {
	h := n.height - 1 // the summary line
	if n.filter.shown() {
		h--
	}
	return max(h, 1)
}

func (n *notesScreen) render() {
	t := n.c.theme
	w := max(n.width-2, 10)
	today := agenda.DateOf(n.c.now().In(n.c.snap.Meeting.Location))
	n.rendered = make([]string, len(n.rows))
	for i, r := range n.rows {
		s := &n.c.snap.Meeting.Sessions[r.session]
		switch {
		case r.blank:
			n.rendered[i] = strings.Repeat(" ", w)
		case r.speaker != "":
			n.rendered[i] = fit("  "+t.Label.Render(r.speaker), w)
		case r.statement != nil:
			n.rendered[i] = fit("    "+r.statement.Text, w)
		case r.item == nil:
			n.rendered[i] = fit(t.Day.Render(fmt.Sprintf("Session %d · %s", s.Number, s.Title)), w)
		default:
			it := r.item
			label := map[agenda.ItemKind]string{agenda.Decision: "D", agenda.Action: "A", agenda.Question: "Q"}[it.Kind]
			st := map[agenda.ItemKind]func(...string) string{agenda.Decision: t.Now.Render, agenda.Action: t.Next.Render, agenda.Question: t.Tag.Render}[it.Kind]
			var extra []string
			for _, o := range it.Owners {
				extra = append(extra, n.c.countryName(o))
			}
			if !it.Due.IsZero() {
				due := "due " + it.Due.String()
				if it.Due.Before(today) {
					due = t.Error.Render(due + " (overdue)")
				}
				extra = append(extra, due)
			}
			right := ""
			if len(extra) > 0 {
				right = t.Subtle.Render(strings.Join(extra, " · "))
			}
			n.rendered[i] = spread("  "+st(label)+"  "+it.Text, right, w)
		}
	}
}

func (n *notesScreen) capturing() bool { return n.filter.focused }

func (n *notesScreen) update(msg tea.Msg) tea.Cmd {
	k := n.c.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if handled, changed, cmd := n.filter.key(msg, k, &n.list); handled {
			if changed {
				n.rebuild()
			}
			n.list.setHeight(n.listHeight())
			return cmd
		}
		switch {
		case n.list.navigate(msg, k):
		case key.Matches(msg, k.Notes.GoTo):
			if n.list.cursor >= 0 && n.list.cursor < len(n.rows) {
				s := n.rows[n.list.cursor].session
				return func() tea.Msg { return jumpMsg{session: s} }
			}
		case key.Matches(msg, k.Notes.ByDelegation):
			n.byDelegation = !n.byDelegation
			n.rebuild()
		case key.Matches(msg, k.Notes.Minutes):
			return func() tea.Msg { return minutesMsg{} }
		}
	case tea.MouseMsg:
		n.list.mouse(msg, n.listTop())
	}
	return nil
}

// listTop is the line of the first row: after the summary and the filter.
func (n *notesScreen) listTop() int {
	if n.filter.shown() {
		return 2
	}
	return 1
}

func (n *notesScreen) view() string {
	t := n.c.theme
	var lines []string
	sum := fmt.Sprintf("%s · %s · %s", count(n.counts[agenda.Decision], "decision"), count(n.counts[agenda.Action], "action"), count(n.counts[agenda.Question], "open question"))
	lines = append(lines, fit(t.Subtle.Render(sum), n.width))
	if n.filter.shown() {
		lines = append(lines, n.filter.view(t, n.width, ""))
	}
	if len(n.rows) == 0 {
		msg := "No decisions, actions or questions yet. In a note (e on a session), start a line with D:, A: or Q:."
		if n.byDelegation {
			msg = "No statements attributed yet. In a note, ctrl+o writes who has the floor (\"Spain: …\"); v lists decisions again."
		}
		if !n.c.mayReadNotes() {
			msg = "The rapporteurs' notes are not shared with delegates in this meeting."
		}
		if n.filter.query != "" {
			msg = fmt.Sprintf("Nothing matches %q.", n.filter.query)
		}
		lines = append(lines, t.Subtle.Render("  "+msg))
	}
	from, to := n.list.visible()
	first := len(lines)
	for i := from; i < to; i++ {
		if i == n.list.cursor {
			lines = append(lines, fit(t.Selected.Render("▸ "+ansi.Strip(n.rendered[i])), n.width))
		} else {
			lines = append(lines, fit("  "+n.rendered[i], n.width))
		}
	}
	n.list.bar(t, lines[first:], n.width)
	return padLines(strings.Join(lines, "\n"), n.width, n.height)
}

func (n *notesScreen) shortHelp() []key.Binding {
	k := n.c.keys
	if n.filter.focused {
		return n.filter.help(k)
	}
	return []key.Binding{k.Up, k.Down, k.Notes.GoTo, k.Notes.Minutes, k.Notes.ByDelegation, k.Filter}
}

func (n *notesScreen) fullHelp() [][]key.Binding {
	k := n.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Notes.GoTo, k.Notes.Minutes, k.Notes.ByDelegation, k.Filter, k.Back}}
}

// count is "1 decision", "2 decisions".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
