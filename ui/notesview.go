package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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

	// For the summary line: notes with published text, approved ones,
	// typed lines with warnings, overdue actions shown.
	notes, approved, warnings, overdue int
}

type notesRow struct {
	session   int               // index into Meeting.Sessions
	item      *agenda.Item      // nil for a session heading or a blank line
	statement *agenda.Statement // by delegation: a statement
	speaker   string            // by delegation: who speaks next
	warning   string            // what is wrong in the item above
	warned    bool              // the item has warnings (rows below)
	blank     bool
}

func newNotesScreen(c *common) *notesScreen {
	n := &notesScreen{c: c, filter: newFilterBox(c.theme, "@DEU, decision, action, open, done, overdue, warning or words")}
	n.rebuild()
	return n
}

// matches applies the filter: @CODE matches owners; decision, action and
// question match that kind; open, done and overdue match actions so; warning
// matches lines with something wrong; any other word the text.
func (n *notesScreen) matches(it agenda.Item, warned bool, today agenda.Date) bool {
	for _, term := range strings.Fields(strings.ToLower(n.filter.query)) {
		ok := true
		switch word := filterWord(term); {
		case strings.HasPrefix(term, "@"):
			ok = slices.ContainsFunc(it.Owners, func(o string) bool { return strings.EqualFold("@"+o, term) })
		case word == "decision" || word == "action" || word == "question":
			ok = it.Kind.String() == word
		case word == "open":
			ok = it.Kind == agenda.Action && !it.Done
		case word == "done":
			ok = it.Kind == agenda.Action && it.Done
		case word == "overdue":
			ok = it.Overdue(today)
		case word == "warning":
			ok = warned
		default:
			ok = strings.Contains(strings.ToLower(it.Text), term)
		}
		if !ok {
			return false
		}
	}
	return true
}

// filterWord is the filter's keyword a term begins (four letters at
// least: "warn", "decisions"), or "" for a word to find in the text.
func filterWord(term string) string {
	for _, kw := range []string{"decision", "action", "question", "open", "done", "overdue", "warning"} {
		if len(term) >= 4 && strings.HasPrefix(kw+"s", term) {
			return kw
		}
	}
	return ""
}

// filterSays is what the filter keeps, in words, for the filter line.
func filterSays(query string) string {
	var parts []string
	for _, term := range strings.Fields(strings.ToLower(query)) {
		switch word := filterWord(term); {
		case strings.HasPrefix(term, "@"):
			parts = append(parts, "owned by "+strings.ToUpper(term))
		case word == "decision" || word == "action" || word == "question":
			parts = append(parts, word+"s")
		case word == "open" || word == "done" || word == "overdue":
			parts = append(parts, word+" actions")
		case word == "warning":
			parts = append(parts, "with warnings")
		default:
			parts = append(parts, fmt.Sprintf("%q", term))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "showing " + strings.Join(parts, " · ")
}

// rebuild reads the items of every note; notes change while the app runs.
func (n *notesScreen) rebuild() {
	keep := -1
	if n.list.cursor >= 0 && n.list.cursor < len(n.rows) {
		keep = n.rows[n.list.cursor].session
	}
	n.rows = n.rows[:0]
	n.counts = [3]int{}
	n.notes, n.approved, n.warnings, n.overdue = 0, 0, 0, 0
	today := agenda.DateOf(n.c.now().In(n.c.snap.Meeting.Location))
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
		published := strings.TrimSpace(agenda.Published(note.Text)) != ""
		if published {
			n.notes++
			if agenda.Status(note.Text) == agenda.Approved {
				n.approved++
			}
		}
		var items []agenda.Item
		var warns [][]agenda.ItemWarning
		for _, it := range agenda.ParseItems(note.Text) {
			w := agenda.ItemWarnings(n.c.snap.Meeting, it)
			if len(w) > 0 {
				n.warnings++
			}
			if n.matches(it, len(w) > 0, today) {
				items = append(items, it)
				warns = append(warns, w)
				n.counts[it.Kind]++
				if it.Overdue(today) {
					n.overdue++
				}
			}
		}
		// Without a filter every session with notes is listed, to approve it.
		if len(items) == 0 && (n.filter.query != "" || !published) {
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
			n.rows = append(n.rows, notesRow{session: i, item: &items[j], warned: len(warns[j]) > 0})
			sel = append(sel, true)
			for _, w := range warns[j] {
				n.rows = append(n.rows, notesRow{session: i, warning: fmt.Sprintf("line %d: %s", items[j].Line, w.Msg)})
				sel = append(sel, false)
			}
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
		case r.warning != "":
			n.rendered[i] = fit("       "+t.Error.Render("! "+r.warning), w)
		case r.speaker != "":
			n.rendered[i] = fit("  "+t.Label.Render(r.speaker), w)
		case r.statement != nil:
			n.rendered[i] = fit("    "+r.statement.Text, w)
		case r.item == nil:
			status := t.Subtle.Render("draft")
			if agenda.Status(n.c.snap.Texts[s.ID].Text) == agenda.Approved {
				status = t.Now.Render("approved ✓")
			}
			n.rendered[i] = spread(t.Day.Render(fmt.Sprintf("Session %d · %s", s.Number, s.Title)), status, w)
		default:
			it := r.item
			label := map[agenda.ItemKind]string{agenda.Decision: "D", agenda.Action: "A", agenda.Question: "Q"}[it.Kind]
			st := map[agenda.ItemKind]func(...string) string{agenda.Decision: t.Now.Render, agenda.Action: t.Next.Render, agenda.Question: t.Tag.Render}[it.Kind]
			var extra []string
			for _, o := range it.Owners {
				if _, ok := n.c.snap.Meeting.Delegation(o); ok {
					extra = append(extra, n.c.countryName(o))
				}
			}
			switch {
			case it.Done:
				label += "✓"
				extra = append(extra, it.When())
			case it.Overdue(today):
				extra = append(extra, t.Error.Render("due "+it.Due.String()+" (overdue)"))
			case it.When() != "":
				extra = append(extra, it.When())
			}
			if r.warned {
				label += "!" // and the warning on the rows below
			}
			right := t.Subtle.Render(strings.Join(extra, " · "))
			n.rendered[i] = spread("  "+st(fmt.Sprintf("%-2s", label))+" "+it.Text, right, w)
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
				n.c.ask(jumpMsg{session: n.rows[n.list.cursor].session})
				return nil
			}
		case key.Matches(msg, k.Notes.ByDelegation):
			n.byDelegation = !n.byDelegation
			n.rebuild()
		case key.Matches(msg, k.Notes.Minutes):
			n.c.ask(minutesMsg{})
			return nil
		case key.Matches(msg, k.Notes.Approve):
			if n.list.cursor >= 0 && n.list.cursor < len(n.rows) {
				return n.approve(n.rows[n.list.cursor].session)
			}
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
	actions := count(n.counts[agenda.Action], "action")
	if n.overdue > 0 {
		actions += fmt.Sprintf(" (%d overdue)", n.overdue)
	}
	sum := fmt.Sprintf("%s · %s · %s", count(n.counts[agenda.Decision], "decision"), actions, count(n.counts[agenda.Question], "question"))
	if n.notes > 0 {
		sum += fmt.Sprintf(" · %d/%d approved", n.approved, n.notes)
	}
	sum = t.Subtle.Render(sum)
	if n.warnings > 0 {
		sum += t.Subtle.Render(" · ") + t.Error.Render(fmt.Sprintf("! %d to check", n.warnings))
	}
	lines = append(lines, fit(sum, n.width))
	if n.filter.shown() {
		lines = append(lines, n.filter.view(t, n.width, filterSays(n.filter.query)))
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
	lines = append(lines, n.list.draw(t, n.rendered, n.width)...)
	return padLines(strings.Join(lines, "\n"), n.width, n.height)
}

func (n *notesScreen) shortHelp() []key.Binding {
	k := n.c.keys
	if n.filter.focused {
		return n.filter.help(k)
	}
	return []key.Binding{k.Up, k.Down, k.Notes.GoTo, k.Notes.Minutes, k.Notes.Approve, k.Notes.ByDelegation, k.Filter}
}

func (n *notesScreen) fullHelp() [][]key.Binding {
	k := n.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Notes.GoTo, k.Notes.Minutes, k.Notes.Approve, k.Notes.ByDelegation, k.Filter, k.Back}}
}

// approvedMsg is the end of an approval (or its undoing) of session id's
// notes.
type approvedMsg struct {
	id, status string
	number     int
	note       agenda.Note
	err        error
}

// approve toggles session i's notes between draft and approved, saved
// like an edit (through conflict detection, shared with the room).
func (n *notesScreen) approve(i int) tea.Cmd {
	c := n.c
	s := &c.snap.Meeting.Sessions[i]
	note := c.snap.Texts[s.ID]
	status := agenda.Approved
	if agenda.Status(note.Text) == agenda.Approved {
		status = agenda.Draft
	}
	say := func(text string) tea.Cmd { return func() tea.Msg { return statusMsg{text: text} } }
	switch {
	case c.servedBy() != "":
		return say(fmt.Sprintf("Read-only here: the notes of session %d are approved in the served room (%s).", s.Number, c.servedBy()))
	case !c.mayEdit(s.ID):
		return say(fmt.Sprintf("Only the rapporteurs of session %d approve its notes.", s.Number))
	}
	who := c.personID()
	if r := c.room; r != nil {
		if holder, ok := r.Lock(s.ID, who); !ok {
			return say(fmt.Sprintf("%s is writing the notes of session %d: approve them when they leave.", holder, s.Number))
		}
	}
	store, r, id, num := c.notes, c.room, s.ID, s.Number
	text := agenda.WithStatus(note.Text, status)
	return func() tea.Msg {
		v, err := store.Save(id, text, note.Version)
		if r != nil {
			if err == nil {
				r.PutNote(id, who, agenda.Note{Text: text, Version: v})
			}
			r.Unlock(id, who)
		}
		return approvedMsg{id: id, status: status, number: num, note: agenda.Note{Text: text, Version: v}, err: err}
	}
}
