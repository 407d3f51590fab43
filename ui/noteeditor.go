package ui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
)

// Autosave timing: a save a second after the last keystroke, and at least
// every five seconds while typing goes on; the journal is written at most
// half a second after a change, so a kill loses under a second of typing.
const (
	saveIdle      = time.Second
	saveEvery     = 5 * time.Second
	journalWithin = 500 * time.Millisecond
)

// noteEditor is a session's note, full screen.
type noteEditor struct {
	c      *common
	title  string // "1 Where do we stand?", kept if a reload removes the session
	id     string
	ed     *textEdit
	width  int
	height int

	base      agenda.Version // the note on disk this text builds on
	gen       int            // counts changes
	savedGen  int            // the change last saved
	saving    bool
	maxTimer  bool
	jTimer    bool
	lastSaved time.Time
	err       string
	conflict  *agenda.Note // the note as it is on disk, when it changed under us
}

// Messages of the editor, tagged with the session they belong to so that
// late ones for another note are dropped.
type (
	noteLoadedMsg struct {
		id   string
		note agenda.Note
		err  error
		// text, when set, replaces the note's text in the editor (a restored journal).
		text     *string
		restored bool
	}
	saveTickMsg struct {
		id  string
		gen int
		max bool
	}
	journalTickMsg struct{ id string }
	noteSavedMsg   struct {
		id      string
		gen     int
		text    string
		version agenda.Version
		err     error
		then    afterSave
		beside  string // the conflict file written, if any
	}
	editorDoneMsg struct {
		id  string
		err error
	}
)

// afterSave is what to do once a save has finished.
type afterSave int

const (
	thenNothing afterSave = iota
	thenClose
	thenExternal
	thenQuit
)

func (ne *noteEditor) dirty() bool { return ne.gen != ne.savedGen }

// openNote loads a session's note in a command.
func openNote(c *common, session int) tea.Cmd {
	if c.notes.Dir == "" {
		return func() tea.Msg {
			return statusMsg{text: "Notes are off: this program was given no place to keep them.", err: true}
		}
	}
	id := c.meeting.Sessions[session].ID
	store := c.notes
	return func() tea.Msg {
		n, err := store.Load(id)
		return noteLoadedMsg{id: id, note: n, err: err}
	}
}

func newNoteEditor(c *common, session int, msg noteLoadedMsg, w, h int) *noteEditor {
	s := &c.meeting.Sessions[session]
	ne := &noteEditor{c: c, title: fmt.Sprintf("%d %s", s.Number, s.Title), id: msg.id, ed: newTextEdit(), base: msg.note.Version}
	ne.ed.SetValue(editorText(msg.note.Text))
	if msg.text != nil {
		ne.ed.SetValue(editorText(*msg.text))
		ne.gen = 1 // restored text is not saved yet
	}
	ne.setSize(w, h)
	return ne
}

// Layout: a header line, a status line, the text, a line of typed-line help.
func (ne *noteEditor) setSize(w, h int) {
	ne.width, ne.height = w, h
	ne.ed.SetSize(w-2, max(h-3, 1))
}

// changed schedules what follows an edit: the idle save, the regular save
// while typing goes on, and the journal.
func (ne *noteEditor) changed() tea.Cmd {
	ne.gen++
	id, gen := ne.id, ne.gen
	cmds := []tea.Cmd{tea.Tick(saveIdle, func(time.Time) tea.Msg { return saveTickMsg{id: id, gen: gen} })}
	if !ne.maxTimer {
		ne.maxTimer = true
		cmds = append(cmds, tea.Tick(saveEvery, func(time.Time) tea.Msg { return saveTickMsg{id: id, max: true} }))
	}
	if !ne.jTimer {
		ne.jTimer = true
		cmds = append(cmds, tea.Tick(journalWithin, func(time.Time) tea.Msg { return journalTickMsg{id: id} }))
	}
	return tea.Batch(cmds...)
}

// save writes the note in a command; then says what to do afterwards.
func (ne *noteEditor) save(then afterSave) tea.Cmd {
	if ne.conflict != nil && then != thenQuit {
		return nil // the person decides first
	}
	ne.saving = true
	id, gen, text, base := ne.id, ne.gen, fileText(ne.ed.Value()), ne.base
	store, journal, at := ne.c.notes, ne.c.journal, ne.c.wall()
	conflict := ne.conflict != nil
	return func() tea.Msg {
		if conflict {
			// Quitting in a conflict: keep both, never lose a word.
			p, err := store.SaveBeside(id, text, at)
			if err == nil {
				journal.Remove(id)
			}
			return noteSavedMsg{id: id, gen: gen, text: text, err: err, then: then, beside: p, version: base}
		}
		v, err := store.Save(id, text, base)
		if err == nil {
			journal.Remove(id)
		}
		return noteSavedMsg{id: id, gen: gen, text: text, version: v, err: err, then: then}
	}
}

func (ne *noteEditor) writeJournal() tea.Cmd {
	e := agenda.Entry{Session: ne.id, Text: fileText(ne.ed.Value()), Base: ne.base, At: ne.c.wall()}
	journal := ne.c.journal
	return func() tea.Msg {
		journal.Write(e) // best effort: the note itself is saved within seconds
		return nil
	}
}

// update handles keys and the editor's messages. done reports that the
// editor closed.
func (ne *noteEditor) update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case saveTickMsg:
		if msg.id != ne.id {
			return nil, false
		}
		if msg.max {
			ne.maxTimer = false
		} else if msg.gen != ne.gen {
			return nil, false // typing went on; a later tick will save
		}
		if ne.dirty() && !ne.saving {
			return ne.save(thenNothing), false
		}
	case journalTickMsg:
		if msg.id == ne.id {
			ne.jTimer = false
			if ne.dirty() {
				return ne.writeJournal(), false
			}
		}
	case noteSavedMsg:
		return ne.saved(msg)
	case editorDoneMsg:
		if msg.err != nil {
			ne.err = "editor: " + msg.err.Error()
		}
		return openNoteByID(ne.c, ne.id), false
	case tea.KeyMsg:
		return ne.key(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			ne.ed.Up()
			ne.ed.Up()
			ne.ed.Up()
		case tea.MouseButtonWheelDown:
			ne.ed.Down()
			ne.ed.Down()
			ne.ed.Down()
		}
	}
	return nil, false
}

func openNoteByID(c *common, id string) tea.Cmd {
	store := c.notes
	return func() tea.Msg {
		n, err := store.Load(id)
		return noteLoadedMsg{id: id, note: n, err: err}
	}
}

func (ne *noteEditor) saved(msg noteSavedMsg) (tea.Cmd, bool) {
	if msg.id != ne.id {
		return nil, false
	}
	ne.saving = false
	switch {
	case errors.Is(msg.err, agenda.ErrConflict):
		disk, err := ne.c.notes.Load(ne.id)
		if err != nil {
			ne.err = "save: " + err.Error()
			return nil, false
		}
		ne.conflict = &disk
		return nil, false
	case msg.err != nil:
		ne.err = "not saved: " + msg.err.Error() + " (your text is kept in the recovery journal)"
		return nil, false
	}
	ne.err = ""
	if msg.beside != "" {
		ne.err = "saved yours beside the note as " + msg.beside
	} else {
		ne.base = msg.version
		ne.c.texts[ne.id] = agenda.Note{Text: msg.text, Version: msg.version}
	}
	if msg.gen > ne.savedGen {
		ne.savedGen = msg.gen
	}
	ne.lastSaved = ne.c.wall()
	switch msg.then {
	case thenClose:
		if !ne.dirty() {
			return nil, true
		}
		return ne.save(thenClose), false
	case thenExternal:
		return ne.external(), false
	case thenQuit:
		return tea.Quit, false
	}
	return nil, false
}

// external opens the note in $EDITOR; it is reloaded when the editor exits.
func (ne *noteEditor) external() tea.Cmd {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	args = append(args, ne.c.notes.Path(ne.id))
	c := exec.Command(args[0], args[1:]...)
	id := ne.id
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{id: id, err: err} })
}

var (
	saveKey     = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save"))
	stampKey    = key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "time stamp"))
	externalKey = key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "$EDITOR"))
	leaveKey    = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "save and leave"))
	mineKey     = key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "keep mine"))
	theirsKey   = key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "take theirs"))
	besideKey   = key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "mine beside, take theirs"))
)

func (ne *noteEditor) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	if ne.conflict != nil {
		return ne.resolve(msg), false
	}
	switch {
	case key.Matches(msg, saveKey):
		return ne.save(thenNothing), false
	case key.Matches(msg, leaveKey):
		if !ne.dirty() {
			return nil, true
		}
		return ne.save(thenClose), false
	case key.Matches(msg, stampKey):
		ne.ed.Insert(ne.c.now().In(ne.c.meeting.Location).Format("[15:04] "))
		return ne.changed(), false
	case key.Matches(msg, externalKey):
		return ne.save(thenExternal), false
	}
	if ne.ed.update(msg) {
		return ne.changed(), false
	}
	return nil, false
}

// resolve handles the conflict choices.
func (ne *noteEditor) resolve(msg tea.KeyMsg) tea.Cmd {
	disk := *ne.conflict
	switch {
	case key.Matches(msg, mineKey):
		ne.conflict = nil
		id, text, gen, store, journal := ne.id, fileText(ne.ed.Value()), ne.gen, ne.c.notes, ne.c.journal
		ne.saving = true
		return func() tea.Msg {
			v, err := store.Overwrite(id, text)
			if err == nil {
				journal.Remove(id)
			}
			return noteSavedMsg{id: id, gen: gen, text: text, version: v, err: err}
		}
	case key.Matches(msg, theirsKey):
		ne.conflict = nil
		ne.take(disk)
		id, journal := ne.id, ne.c.journal
		return func() tea.Msg { journal.Remove(id); return nil }
	case key.Matches(msg, besideKey):
		ne.conflict = nil
		id, text, store, at := ne.id, fileText(ne.ed.Value()), ne.c.notes, ne.c.wall()
		ne.take(disk)
		journal := ne.c.journal
		return func() tea.Msg {
			p, err := store.SaveBeside(id, text, at)
			if err != nil {
				return statusMsg{text: "could not save yours beside: " + err.Error(), err: true}
			}
			journal.Remove(id)
			return statusMsg{text: "Yours is saved as " + p}
		}
	}
	return nil
}

// diskChanged is told that the note changed on disk while open: without
// unsaved typing the editor takes it; with, it is a conflict to resolve.
func (ne *noteEditor) diskChanged(disk agenda.Note) {
	if disk.Version == ne.base || ne.saving {
		return
	}
	if !ne.dirty() {
		ne.take(disk)
		return
	}
	ne.conflict = &disk
}

// take replaces the text with the note on disk.
func (ne *noteEditor) take(disk agenda.Note) {
	ne.ed.SetValue(editorText(disk.Text))
	ne.base = disk.Version
	ne.gen++
	ne.savedGen = ne.gen
	ne.c.texts[ne.id] = disk
}

func (ne *noteEditor) view() string {
	t := ne.c.theme
	state := "unsaved"
	switch {
	case ne.saving:
		state = "saving…"
	case !ne.dirty() && !ne.lastSaved.IsZero():
		state = "saved " + ne.lastSaved.In(ne.c.meeting.Location).Format("15:04:05")
	case !ne.dirty():
		state = "no changes"
	}
	line, col := ne.ed.cursorLine()
	right := t.Subtle.Render(fmt.Sprintf("%s · %d words · %d:%d", state, ne.ed.Words(), line, col))
	head := spread(t.Heading.Render("Notes · "+ne.title), right, ne.width)
	info := t.Subtle.Render(ne.c.notes.Path(ne.id))
	if ne.err != "" {
		info = t.Error.Render(ne.err)
	}
	if ne.conflict != nil {
		info = t.Error.Render(fmt.Sprintf("The note changed on disk since you opened it (%s). m keep mine · t take theirs · b save mine beside, take theirs", diffSummary(ne.conflict.Text, fileText(ne.ed.Value()), "theirs", "yours")))
	}
	foot := t.Subtle.Render("D: decision · A: action @CODE due YYYY-MM-DD · Q: open question")
	return head + "\n" + fit(info, ne.width) + "\n" + ne.ed.View(t, ne.conflict == nil) + "\n" + fit(foot, ne.width)
}

func (ne *noteEditor) shortHelp() []key.Binding {
	if ne.conflict != nil {
		return []key.Binding{mineKey, theirsKey, besideKey}
	}
	return []key.Binding{saveKey, leaveKey, stampKey, externalKey}
}

// Notes are text files: saved with a final newline, which the editor does
// not show as an empty last line.
func fileText(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

func editorText(s string) string { return strings.TrimSuffix(s, "\n") }

// diffSummary says how two texts differ, line by line, naming each side.
func diffSummary(theirs, mine, theirName, myName string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	a, b := count(theirs), count(mine)
	onlyTheirs, onlyMine := 0, 0
	for l, n := range a {
		onlyTheirs += max(n-b[l], 0)
	}
	for l, n := range b {
		onlyMine += max(n-a[l], 0)
	}
	return fmt.Sprintf("%d lines only in %s, %d only in %s", onlyTheirs, theirName, onlyMine, myName)
}
