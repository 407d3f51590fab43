// Package notesview lists the sessions' notes (decisions, actions, status)
// and shows a session's minutes.
package notesview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/list"
)

// NotesScreen lists every decision, action and open question typed in the
// meeting's notes, by session; enter goes to the session.
type NotesScreen struct {
	c             *common.Common
	width, height int
	Rows          []notesRow
	rendered      []string
	list          list.RowList
	filter        list.FilterBox
	counts        [3]int
	byDelegation  bool // each session's statements by who made them (v)

	// For the summary line: notes with published text, approved ones,
	// typed lines with warnings, overdue actions shown.
	notes, approved, warnings, overdue int
}

type notesRow struct {
	Session   int               // index into Meeting.Sessions
	Item      *agenda.Item      // nil for a session heading or a blank line
	statement *agenda.Statement // by delegation: a statement
	speaker   string            // by delegation: who speaks next
	warning   string            // what is wrong in the item above
	warned    bool              // the item has warnings (rows below)
	blank     bool
}

func NewNotesScreen(c *common.Common) *NotesScreen {
	n := &NotesScreen{c: c, filter: list.NewFilterBox(c.Theme, "@DEU, decision, action, open, done, overdue, warning or words")}
	n.Rebuild()
	return n
}

// matches applies the filter: @CODE matches owners; decision, action and
// question match that kind; open, done and overdue match actions so; warning
// matches lines with something wrong; any other word the text.
func (n *NotesScreen) matches(it agenda.Item, warned bool, today agenda.Date) bool {
	for _, term := range strings.Fields(strings.ToLower(n.filter.Query)) {
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

// Rebuild reads the items of every note; notes change while the app runs.
func (n *NotesScreen) Rebuild() {
	keep := -1
	if n.list.Cursor >= 0 && n.list.Cursor < len(n.Rows) {
		keep = n.Rows[n.list.Cursor].Session
	}
	n.Rows = n.Rows[:0]
	n.counts = [3]int{}
	n.notes, n.approved, n.warnings, n.overdue = 0, 0, 0, 0
	today := agenda.DateOf(n.c.Now().In(n.c.Snap.Meeting.Location))
	var sel []bool
	want := 0
	for i, s := range n.c.Snap.Meeting.Sessions {
		note, ok := n.c.Snap.Texts[s.ID]
		if !n.c.MayReadNotes() {
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
			w := agenda.ItemWarnings(n.c.Snap.Meeting, it)
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
		if len(items) == 0 && (n.filter.Query != "" || !published) {
			continue
		}
		if len(n.Rows) > 0 {
			n.Rows = append(n.Rows, notesRow{Session: i, blank: true})
			sel = append(sel, false)
		}
		if i == keep {
			want = len(n.Rows)
		}
		n.Rows = append(n.Rows, notesRow{Session: i})
		sel = append(sel, true)
		for j := range items {
			n.Rows = append(n.Rows, notesRow{Session: i, Item: &items[j], warned: len(warns[j]) > 0})
			sel = append(sel, true)
			for _, w := range warns[j] {
				n.Rows = append(n.Rows, notesRow{Session: i, warning: fmt.Sprintf("line %d: %s", items[j].Line, w.Msg)})
				sel = append(sel, false)
			}
		}
	}
	n.list.SetRows(sel, want)
	n.Render()
}

// addStatements adds session i's attributed statements, grouped by who
// made them (the filter's words match the speaker or the text).
func (n *NotesScreen) addStatements(i int, note string, keep int, sel *[]bool, want *int) {
	var ss []agenda.Statement
	for _, s := range n.c.Snap.Meeting.Statements(note) {
		hay := strings.ToLower(s.Speaker + " " + s.Text)
		ok := true
		for _, term := range strings.Fields(strings.ToLower(n.filter.Query)) {
			ok = ok && strings.Contains(hay, term)
		}
		if ok {
			ss = append(ss, s)
		}
	}
	if len(ss) == 0 {
		return
	}
	if len(n.Rows) > 0 {
		n.Rows = append(n.Rows, notesRow{Session: i, blank: true})
		*sel = append(*sel, false)
	}
	if i == keep {
		*want = len(n.Rows)
	}
	n.Rows = append(n.Rows, notesRow{Session: i})
	*sel = append(*sel, true)
	order, said := agenda.BySpeaker(ss)
	for _, who := range order {
		n.Rows = append(n.Rows, notesRow{Session: i, speaker: who})
		*sel = append(*sel, true)
		for j := range said[who] {
			n.Rows = append(n.Rows, notesRow{Session: i, statement: &said[who][j]})
			*sel = append(*sel, true)
		}
	}
}

func (n *NotesScreen) SetSize(w, h int) {
	n.width, n.height = w, h
	n.filter.Input.Width = max(w/3, 10)
	n.list.SetHeight(n.listHeight())
	n.Render()
}

func (n *NotesScreen) listHeight() int {
	h := n.height - 1 // the summary line
	if n.filter.Shown() {
		h--
	}
	return max(h, 1)
}

func (n *NotesScreen) Render() {
	t := n.c.Theme
	w := max(n.width-2, 10)
	today := agenda.DateOf(n.c.Now().In(n.c.Snap.Meeting.Location))
	n.rendered = make([]string, len(n.Rows))
	for i, r := range n.Rows {
		s := &n.c.Snap.Meeting.Sessions[r.Session]
		switch {
		case r.blank:
			n.rendered[i] = strings.Repeat(" ", w)
		case r.warning != "":
			n.rendered[i] = common.Fit("       "+t.Error.Render("! "+r.warning), w)
		case r.speaker != "":
			n.rendered[i] = common.Fit("  "+t.Label.Render(r.speaker), w)
		case r.statement != nil:
			n.rendered[i] = common.Fit("    "+r.statement.Text, w)
		case r.Item == nil:
			status := t.Subtle.Render("draft")
			if agenda.Status(n.c.Snap.Texts[s.ID].Text) == agenda.Approved {
				status = t.Now.Render("approved ✓")
			}
			n.rendered[i] = common.Spread(t.Day.Render(fmt.Sprintf("Session %d · %s", s.Number, s.Title)), status, w)
		default:
			it := r.Item
			label := map[agenda.ItemKind]string{agenda.Decision: "D", agenda.Action: "A", agenda.Question: "Q"}[it.Kind]
			st := map[agenda.ItemKind]func(...string) string{agenda.Decision: t.Now.Render, agenda.Action: t.Next.Render, agenda.Question: t.Tag.Render}[it.Kind]
			var extra []string
			for _, o := range it.Owners {
				if _, ok := n.c.Snap.Meeting.Delegation(o); ok {
					extra = append(extra, n.c.CountryName(o))
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
			n.rendered[i] = common.Spread("  "+st(fmt.Sprintf("%-2s", label))+" "+it.Text, right, w)
		}
	}
}

func (n *NotesScreen) Capturing() bool { return n.filter.Focused }

func (n *NotesScreen) Update(msg tea.Msg) tea.Cmd {
	k := n.c.Keys
	switch msg := msg.(type) {
	case common.SnapshotMsg, common.NoteClosedMsg:
		n.Rebuild()
	case tea.KeyMsg:
		if handled, changed, cmd := n.filter.Key(msg, k, &n.list); handled {
			if changed {
				n.Rebuild()
			}
			n.list.SetHeight(n.listHeight())
			return cmd
		}
		switch {
		case n.list.Navigate(msg, k):
		case key.Matches(msg, k.Notes.GoTo):
			if n.list.Cursor >= 0 && n.list.Cursor < len(n.Rows) {
				n.c.Ask(common.JumpMsg{Session: n.Rows[n.list.Cursor].Session})
				return nil
			}
		case key.Matches(msg, k.Notes.ByDelegation):
			n.byDelegation = !n.byDelegation
			n.Rebuild()
		case n.byDelegation && key.Matches(msg, k.Back):
			n.byDelegation = false // esc leaves the statements, as v does
			n.Rebuild()
		case key.Matches(msg, k.Notes.Minutes):
			n.c.Ask(MinutesMsg{})
			return nil
		case key.Matches(msg, k.Notes.Approve):
			if n.list.Cursor >= 0 && n.list.Cursor < len(n.Rows) {
				return n.approve(n.Rows[n.list.Cursor].Session)
			}
		}
	case tea.MouseMsg:
		n.list.Mouse(msg, n.listTop())
	}
	return nil
}

// listTop is the line of the first row: after the summary and the filter.
func (n *NotesScreen) listTop() int {
	if n.filter.Shown() {
		return 2
	}
	return 1
}

func (n *NotesScreen) View() string {
	t := n.c.Theme
	var lines []string
	actions := common.Count(n.counts[agenda.Action], "action")
	if n.overdue > 0 {
		actions += fmt.Sprintf(" (%d overdue)", n.overdue)
	}
	sum := fmt.Sprintf("%s · %s · %s", common.Count(n.counts[agenda.Decision], "decision"), actions, common.Count(n.counts[agenda.Question], "question"))
	if n.notes > 0 {
		sum += fmt.Sprintf(" · %d/%d approved", n.approved, n.notes)
	}
	sum = t.Subtle.Render(sum)
	if n.warnings > 0 {
		sum += t.Subtle.Render(" · ") + t.Error.Render(fmt.Sprintf("! %d to check", n.warnings))
	}
	lines = append(lines, common.Fit(sum, n.width))
	if n.filter.Shown() {
		lines = append(lines, n.filter.View(t, n.width, filterSays(n.filter.Query)))
	}
	if len(n.Rows) == 0 {
		msg := "No decisions, actions or questions yet. In a note (e on a session), start a line with D:, A: or Q:."
		if n.byDelegation {
			msg = "No statements attributed yet. In a note, ctrl+o writes who has the floor (\"Spain: …\"); v lists decisions again."
		}
		if !n.c.MayReadNotes() {
			msg = "The rapporteurs' notes are not shared with delegates in this meeting."
		}
		if n.filter.Query != "" {
			msg = fmt.Sprintf("Nothing matches %q.", n.filter.Query)
		}
		lines = append(lines, t.Subtle.Render("  "+msg))
	}
	lines = append(lines, n.list.Draw(t, n.rendered, n.width)...)
	return common.PadLines(strings.Join(lines, "\n"), n.width, n.height)
}

func (n *NotesScreen) ShortHelp() []key.Binding {
	k := n.c.Keys
	if n.filter.Focused {
		return n.filter.Help(k)
	}
	if n.byDelegation {
		// The way back first, where the line is cut last.
		return []key.Binding{k.Back, k.Up, k.Down, k.Notes.GoTo, k.Filter}
	}
	return []key.Binding{k.Up, k.Down, k.Notes.GoTo, k.Notes.ByDelegation, k.Notes.Minutes, k.Notes.Approve, k.Filter}
}

func (n *NotesScreen) FullHelp() [][]key.Binding {
	k := n.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Notes.GoTo, k.Notes.Minutes, k.Notes.Approve, k.Notes.ByDelegation, k.Filter, k.Back}}
}

// ApprovedMsg is the end of an approval (or its undoing) of session id's
// notes.
type ApprovedMsg struct {
	ID, Status string
	Number     int
	Note       agenda.Note
	Err        error
}

// approve toggles session i's notes between draft and approved, saved
// like an edit (through conflict detection, shared with the room).
func (n *NotesScreen) approve(i int) tea.Cmd {
	c := n.c
	s := &c.Snap.Meeting.Sessions[i]
	note := c.Snap.Texts[s.ID]
	status := agenda.Approved
	if agenda.Status(note.Text) == agenda.Approved {
		status = agenda.Draft
	}
	say := func(text string) tea.Cmd { return func() tea.Msg { return common.StatusMsg{Text: text} } }
	switch {
	case c.ServedBy() != "":
		return say(fmt.Sprintf("Read-only here: the notes of session %d are approved in the served room (%s).", s.Number, c.ServedBy()))
	case !c.MayEdit(s.ID):
		return say(fmt.Sprintf("Only the rapporteurs of session %d approve its notes.", s.Number))
	}
	who := c.PersonID()
	if r := c.Room; r != nil {
		if holder, ok := r.Lock(s.ID, who); !ok {
			return say(fmt.Sprintf("%s is writing the notes of session %d: approve them when they leave.", holder, s.Number))
		}
	}
	store, r, id, num := c.Notes, c.Room, s.ID, s.Number
	text := agenda.WithStatus(note.Text, status)
	return func() tea.Msg {
		v, err := store.Save(id, text, note.Version)
		if r != nil {
			if err == nil {
				r.PutNote(id, who, agenda.Note{Text: text, Version: v})
			}
			r.Unlock(id, who)
		}
		return ApprovedMsg{ID: id, Status: status, Number: num, Note: agenda.Note{Text: text, Version: v}, Err: err}
	}
}

// Selection is what y copies: the decisions, actions and questions listed.
func (n *NotesScreen) Selection() (what, text string) {
	c := n.c
	var lines []string
	for _, r := range n.Rows {
		if r.Item == nil {
			continue
		}
		it := r.Item
		s := c.Snap.Meeting.Sessions[r.Session]
		label := map[agenda.ItemKind]string{agenda.Decision: "Decision", agenda.Action: "Action", agenda.Question: "Question"}[it.Kind]
		line := fmt.Sprintf("%s (session %d): %s", label, s.Number, it.Text)
		var owners []string
		for _, o := range it.Owners {
			owners = append(owners, c.CountryName(o))
		}
		if len(owners) > 0 {
			line += " — " + strings.Join(owners, ", ")
		}
		if !it.Due.IsZero() {
			line += " — due " + it.Due.String()
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return "", ""
	}
	return "the decisions, actions and questions listed", strings.Join(lines, "\n")
}

// Slide: nothing of this view is presented (p).
func (n *NotesScreen) Slide() (deck.Slide, bool) { return deck.Slide{}, false }
