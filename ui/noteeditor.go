package ui

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data/clean"
)

// Autosave timing: a save a second after the last keystroke, and at least
// every five seconds while typing goes on; the journal is written at most
// half a second after a change, so a kill loses under a second of typing.
const (
	saveIdle      = time.Second
	saveEvery     = 5 * time.Second
	journalWithin = 500 * time.Millisecond
	journalRetry  = 2 * time.Second // after a failed journal write
)

// noteEditor is a session's note, full screen.
type noteEditor struct {
	c      *common
	title  string // "1 Where do we stand?", kept if a reload removes the session
	id     string
	path   string // where the note is kept, to show
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
	notice    string       // what the last key did (copied to the clipboard), until the next
	conflict  *agenda.Note // the note as it is on disk, when it changed under us
	differ    string       // how the conflict's two texts differ, said when it arose

	journaled  int           // the change last written to the journal
	journalErr string        // why the last journal write failed; "" when it worked
	saveErr    string        // why the last save failed; "" when it worked
	adopted    *agenda.Entry // a journal of an earlier run this text was restored from
	rescuedTo  string        // where the person had the text written when quitting
	// readOnly names who writes this note when someone else does: the
	// editor then shows it live and takes no typing.
	readOnly string
	// revoked says why the person may no longer write this note (their
	// access changed while it was open): it is being saved and closed,
	// and takes no more typing.
	revoked string
	finding *find // ctrl+f, while open
}

// Messages of the editor, tagged with the session they belong to so that
// late ones for another note are dropped.
type (
	noteLoadedMsg struct {
		id   string
		gen  int // the modal stack's count when the note was asked for
		note agenda.Note
		err  error
		// text, when set, replaces the note's text in the editor (a
		// restored journal, from the entry).
		text     *string
		restored *agenda.Entry
		line     int // where the cursor starts (1-based; 0 the end), from a search
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
		beside  string       // the conflict file written, if any
		disk    *agenda.Note // on a conflict, the note as it is on disk
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

func (s noteSavedMsg) note() agenda.Note { return agenda.Note{Text: s.text, Version: s.version} }

func (ne *noteEditor) dirty() bool { return ne.gen != ne.savedGen }

// openNoteAt reads a session's note in a command; the editor opens when it
// is read, with the cursor on a line (1-based; 0 for the first).
func openNoteAt(c *common, id string, line int) tea.Cmd {
	if c.notes.Dir == "" {
		return func() tea.Msg {
			return statusMsg{text: "Notes are off: this program was given no place to keep them.", err: true}
		}
	}
	store, gen := c.notes, c.modalGen
	return func() tea.Msg {
		n, err := store.Load(id)
		return noteLoadedMsg{id: id, gen: gen, note: n, err: err, line: line}
	}
}

func newNoteEditor(c *common, session int, msg noteLoadedMsg) *noteEditor {
	s := &c.snap.Meeting.Sessions[session]
	ne := &noteEditor{c: c, title: fmt.Sprintf("%d %s", s.Number, s.Title), id: msg.id, ed: newTextEdit(c.keys.Editor), base: msg.note.Version,
		path: clean.Line(c.notes.Path(msg.id))}
	// The meeting is read when a line is drawn: a reload that adds a
	// delegation clears the warnings about it (recheck).
	ne.ed.warns = func(it agenda.Item) bool { return len(agenda.ItemWarnings(c.snap.Meeting, it)) > 0 }
	ne.ed.SetValue(editorText(msg.note.Text))
	if msg.text != nil {
		ne.ed.SetValue(editorText(*msg.text))
		ne.gen = 1 // restored text is not saved yet
		ne.adopted = msg.restored
	}
	if msg.line > 0 && msg.line <= len(ne.ed.lines) {
		ne.ed.row, ne.ed.col, ne.ed.goal = msg.line-1, 0, -1
		ne.ed.follow()
	}
	return ne
}

func (ne *noteEditor) place() placement { return placeScreenHelp }
func (ne *noteEditor) capturing() bool  { return true }

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
	after := ne.c.after
	cmds := []tea.Cmd{after(saveIdle, func(time.Time) tea.Msg { return saveTickMsg{id: id, gen: gen} })}
	if !ne.maxTimer {
		ne.maxTimer = true
		cmds = append(cmds, after(saveEvery, func(time.Time) tea.Msg { return saveTickMsg{id: id, max: true} }))
	}
	if !ne.jTimer {
		ne.jTimer = true
		cmds = append(cmds, after(journalWithin, func(time.Time) tea.Msg { return journalTickMsg{id: id} }))
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
	store, journal, at := ne.c.notes, ne.c.journal, ne.c.wall().In(ne.c.snap.Meeting.Location)
	conflict := ne.conflict != nil
	forget := forgetJournals(journal, id, ne.adopted)
	if r := ne.c.room; r != nil {
		// Saved, the note goes to everyone in the room.
		f, who := forget, ne.c.personID()
		forget = func() { f(); r.PutNote(id, who, agenda.Note{Text: text, Version: agenda.VersionOf(text)}) }
	}
	return func() tea.Msg {
		if conflict {
			// Quitting in a conflict: keep both, never lose a word.
			p, err := store.SaveBeside(id, text, at)
			if err == nil {
				forget()
			}
			return noteSavedMsg{id: id, gen: gen, text: text, err: err, then: then, beside: p, version: base}
		}
		v, err := store.Save(id, text, base)
		msg := noteSavedMsg{id: id, gen: gen, text: text, version: v, err: err, then: then}
		switch {
		case err == nil:
			forget()
		case errors.Is(err, agenda.ErrConflict):
			// Read what is on disk now, so the editor can show both sides.
			disk, lerr := store.Load(id)
			if lerr != nil {
				msg.err = fmt.Errorf("%w; reading it: %w", err, lerr)
			} else {
				msg.disk = &disk
			}
		}
		return msg
	}
}

// forgetJournals removes, once the text is saved, this writer's journal of
// the note and the earlier run's journal it was restored from. Journals of
// other writers stay: they are theirs.
func forgetJournals(journal agenda.Journal, id string, adopted *agenda.Entry) func() {
	var old agenda.Entry
	if adopted != nil {
		old = *adopted
	}
	return func() {
		journal.Remove(id) // best effort: a journal left behind is offered, then found saved
		journal.Discard(old)
	}
}

// journalMsg reports a journal write: the change it holds, or why it failed.
type journalMsg struct {
	id   string
	gen  int
	err  error
	then afterSave // thenQuit: the write was the last chance before quitting
}

func (ne *noteEditor) writeJournal(then afterSave) tea.Cmd {
	e := agenda.Entry{Session: ne.id, Text: fileText(ne.ed.Value()), Base: ne.base, At: ne.c.wall()}
	journal, gen := ne.c.journal, ne.gen
	return func() tea.Msg {
		return journalMsg{id: e.Session, gen: gen, err: journal.Write(e), then: then}
	}
}

// journalled is what became of a journal write. A failure is shown at once
// and tried again; quitting goes on once the text is in the journal, and
// otherwise asks where to put it.
func (ne *noteEditor) journalled(msg journalMsg) tea.Cmd {
	if msg.id != ne.id {
		return nil
	}
	if msg.err == nil {
		ne.journaled, ne.journalErr = max(ne.journaled, msg.gen), ""
		if msg.then == thenQuit {
			return tea.Quit
		}
		return nil
	}
	ne.journalErr = msg.err.Error()
	if msg.then == thenQuit {
		m := rescueMsg{id: ne.id, text: fileText(ne.ed.Value()), saveErr: ne.saveErr, journalErr: ne.journalErr}
		return func() tea.Msg { return m }
	}
	if !ne.jTimer {
		ne.jTimer = true
		id := ne.id
		return ne.c.after(journalRetry, func(time.Time) tea.Msg { return journalTickMsg{id: id} })
	}
	return nil
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
			if ne.dirty() && ne.journaled != ne.gen {
				return ne.writeJournal(thenNothing), false
			}
		}
	case journalMsg:
		return ne.journalled(msg), false
	case noteSavedMsg:
		return ne.saved(msg)
	case editorDoneMsg:
		if msg.err != nil {
			ne.err = "editor: " + msg.err.Error()
		}
		return openNoteAt(ne.c, ne.id, 0), false
	case tea.KeyMsg:
		return ne.key(msg)
	case tea.MouseMsg:
		ne.mouse(msg)
	}
	return nil, false
}

// editorTop is the screen line of the text's first row: below the title
// and the info line.
const editorTop = 2

// mouse scrolls with the wheel; a click puts the cursor where it lands and
// a drag selects.
func (ne *noteEditor) mouse(msg tea.MouseMsg) {
	e := ne.ed
	switch {
	case msg.Button == tea.MouseButtonWheelUp:
		for range 3 {
			e.Up()
		}
	case msg.Button == tea.MouseButtonWheelDown:
		for range 3 {
			e.Down()
		}
	case ne.conflict != nil || msg.Y < editorTop || msg.Y >= editorTop+e.height:
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		e.unselect()
		e.moveTo(e.posAt(msg.X, msg.Y-editorTop))
		e.selecting() // a drag from here selects
		e.breakGroup()
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionMotion && e.anchor != nil:
		e.moveTo(e.posAt(msg.X, msg.Y-editorTop))
	case msg.Action == tea.MouseActionRelease:
		if _, _, ok := e.selection(); !ok {
			e.unselect() // a click, not a drag
		}
	}
}

// clipboard puts what the last key copied or cut on the system clipboard.
func (ne *noteEditor) clipboard() tea.Cmd {
	text := ne.ed.copied
	if text == "" {
		return nil
	}
	ne.ed.copied = ""
	what := "the line"
	if !strings.HasSuffix(text, "\n") {
		what = "the selection" // a line is copied with its newline
	}
	return func() tea.Msg { return clipboardMsg{what: what, text: text} }
}

func (ne *noteEditor) saved(msg noteSavedMsg) (tea.Cmd, bool) {
	if msg.id != ne.id {
		return nil, false
	}
	ne.saving = false
	switch {
	case msg.disk != nil:
		ne.setConflict(*msg.disk)
		return nil, false
	case msg.err != nil:
		ne.saveErr = msg.err.Error()
		if msg.then == thenQuit {
			if ne.journaled == ne.gen {
				return tea.Quit, false // the text is in the journal; the next start offers it
			}
			return ne.writeJournal(thenQuit), false
		}
		return nil, false
	}
	ne.adopted, ne.saveErr = nil, ""
	ne.err = ""
	if msg.beside != "" {
		ne.err = "saved yours beside the note as " + msg.beside
	} else {
		ne.base = msg.version
		ne.c.putNote(ne.id, msg.note())
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

// external opens the note in the external editor ($VISUAL, $EDITOR or
// vi, as the program was given); it is read again when the editor exits.
func (ne *noteEditor) external() tea.Cmd {
	args := append(append([]string(nil), ne.c.editor...), ne.c.notes.Path(ne.id))
	c := exec.Command(args[0], args[1:]...)
	if ne.c.editorIn != nil {
		c.Stdin = ne.c.editorIn // bubbletea gives only a command without one its input
	}
	id := ne.id
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{id: id, err: err} })
}

func (ne *noteEditor) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	ne.notice = ""
	if ne.revoked != "" {
		if key.Matches(msg, ne.c.keys.Editor.Leave) && !ne.saving {
			if !ne.dirty() {
				return nil, true
			}
			return ne.save(thenClose), false
		}
		ne.err = ne.revoked
		return nil, false
	}
	if msg.Paste && ne.conflict == nil && ne.finding == nil {
		return ne.paste(string(msg.Runes)), false
	}
	if ne.conflict != nil {
		return ne.resolve(msg), false
	}
	k := ne.c.keys.Editor
	if ne.finding != nil && ne.findKey(msg) {
		return nil, false
	}
	if key.Matches(msg, k.Find) {
		ne.finding = &find{}
		return nil, false
	}
	if ne.readOnly != "" {
		switch {
		case key.Matches(msg, k.Leave):
			return nil, true
		case addedBytes(msg, k, ne.ed.clip) > 0 || key.Matches(msg, k.Backspace, k.Delete, k.KillToEnd, k.KillToStart, k.Save, k.External,
			k.Undo, k.Redo, k.CutWord, k.CutWordForward, k.CutWordBack, k.Cut, k.Paste):
			ne.err = ne.readOnly + " is writing this note: you see it as it is written, read-only."
			return nil, false
		}
		ne.ed.update(msg) // moving around, selecting, copying
		return ne.clipboard(), false
	}
	if adds := addedBytes(msg, k, ne.ed.clip); adds > 0 && ne.ed.Size()+adds > agenda.MaxNoteSize {
		ne.err = fmt.Sprintf("The note is at its %d MiB limit: nothing more is added. Start a note of another session, or save and split it in $EDITOR (ctrl+e).", agenda.MaxNoteSize>>20)
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Save):
		return ne.save(thenNothing), false
	case key.Matches(msg, k.Leave):
		if _, _, ok := ne.ed.selection(); ok {
			ne.ed.unselect() // esc first lets the selection go
			return nil, false
		}
		if !ne.dirty() {
			return nil, true
		}
		return ne.save(thenClose), false
	case key.Matches(msg, k.Stamp):
		ne.ed.InsertStep(ne.c.now().In(ne.c.snap.Meeting.Location).Format("[15:04] "))
		return ne.changed(), false
	case key.Matches(msg, k.Speaker):
		// W3C scribing: "Name: what they said", with the time.
		sp := ne.speaker()
		if sp == "" {
			ne.err = "No one has the floor in this session (the chair gives it: Q)."
			return nil, false
		}
		ne.ed.InsertStep(ne.c.now().In(ne.c.snap.Meeting.Location).Format("[15:04] ") + sp + ": ")
		return ne.changed(), false
	case key.Matches(msg, k.External):
		if ne.c.remote {
			ne.err = "ctrl+e ($EDITOR) is off over SSH: it would run on the server."
			return nil, false
		}
		return ne.save(thenExternal), false
	}
	if ne.ed.update(msg) {
		return tea.Batch(ne.changed(), ne.clipboard()), false
	}
	return ne.clipboard(), false
}

// paste types a bracketed paste, its line breaks kept, in one undo step.
func (ne *noteEditor) paste(s string) tea.Cmd {
	switch {
	case ne.readOnly != "":
		ne.err = ne.readOnly + " is writing this note: you see it as it is written, read-only."
		return nil
	case ne.ed.Size()+len(s) > agenda.MaxNoteSize:
		ne.err = fmt.Sprintf("The note is at its %d MiB limit: nothing more is added. Start a note of another session, or save and split it in $EDITOR (ctrl+e).", agenda.MaxNoteSize>>20)
		return nil
	}
	ne.ed.Paste(s)
	return ne.changed()
}

// whereIsTheText says, after a failed save, where the unsaved text is
// kept, first (a narrow screen cuts the end): the journal is claimed only
// when it holds the text.
func (ne *noteEditor) whereIsTheText() string {
	switch {
	case ne.journaled == ne.gen:
		return "Not saved; your text is in the recovery journal. (" + ne.saveErr + ")"
	case ne.journalErr != "":
		return "Not saved, and the recovery journal cannot be written: your text is only on this screen. (" + ne.saveErr + "; " + ne.journalErr + ")"
	}
	return "Not saved: " + ne.saveErr
}

// addedBytes is how much a key adds to the text (typing, pasting, a new
// line, a time stamp), to keep a note under its size cap.
func addedBytes(msg tea.KeyMsg, k EditorKeys, clip string) int {
	switch {
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		return len(string(msg.Runes))
	case key.Matches(msg, k.Newline):
		return 1
	case key.Matches(msg, k.Tab):
		return 4
	case key.Matches(msg, k.Stamp):
		return len("[15:04] ")
	case key.Matches(msg, k.Speaker):
		return len("[15:04] : ") + 4*256 // a name is a line
	case key.Matches(msg, k.Paste):
		return len(clip)
	}
	return 0
}

// speaker is the name of the delegation that has the floor in the note's
// session (or, failing that, in the session the chair opened), or "".
func (ne *noteEditor) speaker() string {
	fl := ne.c.snap.Floors
	l := fl[ne.id]
	if l == nil || l.Speaker() == nil {
		for _, o := range fl {
			if o.IsOpen() && o.Speaker() != nil {
				l = o
			}
		}
	}
	if l == nil || l.Speaker() == nil {
		return ""
	}
	code := l.Speaker().Delegation
	if d, ok := ne.c.snap.Meeting.Delegation(code); ok && d.Name != "" {
		return d.Name
	}
	return code
}

// resolve handles the conflict choices.
func (ne *noteEditor) resolve(msg tea.KeyMsg) tea.Cmd {
	disk := *ne.conflict
	k := ne.c.keys.Conflict
	switch {
	case key.Matches(msg, k.Mine):
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
	case key.Matches(msg, k.Theirs):
		ne.conflict = nil
		ne.take(disk)
		id, journal := ne.id, ne.c.journal
		return func() tea.Msg { journal.Remove(id); return nil }
	case key.Matches(msg, k.Beside):
		ne.conflict = nil
		id, text, store, at := ne.id, fileText(ne.ed.Value()), ne.c.notes, ne.c.wall().In(ne.c.snap.Meeting.Location)
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
// unsaved typing the editor takes it; with, it is a conflict to resolve. A
// note deleted on disk keeps its text here, unsaved, and says so.
func (ne *noteEditor) diskChanged(disk agenda.Note) {
	if disk.Version == ne.base || ne.saving {
		return
	}
	if !disk.Version.Exists {
		ne.base = disk.Version
		if ne.ed.Size() > 1 {
			ne.gen++ // unsaved now: the file is gone
			ne.err = "The note was deleted on disk; your text stays here, unsaved: ctrl+s writes it again."
		}
		return
	}
	if !ne.dirty() {
		ne.take(disk)
		return
	}
	ne.setConflict(disk)
}

// setConflict stops saving until the person chooses between their text and
// the note on disk.
func (ne *noteEditor) setConflict(disk agenda.Note) {
	ne.conflict = &disk
	ne.differ = diffSummary(disk.Text, fileText(ne.ed.Value()), "theirs", "yours")
}

// take replaces the text with the note on disk.
func (ne *noteEditor) take(disk agenda.Note) {
	ne.ed.SetValue(editorText(disk.Text))
	ne.base = disk.Version
	ne.gen++
	ne.savedGen = ne.gen
	ne.c.putNote(ne.id, disk)
}

func (ne *noteEditor) view() string {
	t := ne.c.theme
	state := "unsaved"
	switch {
	case ne.saving:
		state = "saving…"
	case !ne.dirty() && !ne.lastSaved.IsZero():
		state = "saved " + ne.lastSaved.In(ne.c.snap.Meeting.Location).Format("15:04:05")
	case !ne.dirty():
		state = "no changes"
	}
	line, col := ne.ed.cursorLine()
	right := t.Subtle.Render(fmt.Sprintf("%s · %d words · %d:%d", state, ne.ed.Words(), line, col))
	head := spread(t.Heading.Render("Notes · "+ne.title), right, ne.width)
	info := t.Subtle.Render(ne.path)
	switch {
	case ne.readOnly != "" && ne.err != "":
		info = t.Error.Render(ne.err)
	case ne.readOnly != "":
		info = t.Next.Render("being edited by " + ne.readOnly + " · read-only, live · esc leaves")
	case ne.saveErr != "" && ne.dirty():
		info = t.Error.Render(ne.whereIsTheText())
	case ne.err != "":
		info = t.Error.Render(ne.err)
	case ne.journalErr != "":
		info = t.Error.Render("The recovery journal cannot be written (" + ne.journalErr + "); the note itself is still saved as you type.")
	case ne.notice != "":
		info = t.Next.Render(ne.notice)
	case ne.ed.Selected() != "":
		info = t.Next.Render(fmt.Sprintf("%d characters selected · ctrl+x cut · alt+w copy · typing replaces · esc lets go", len([]rune(ne.ed.Selected()))))
	case ne.lineWarning() != "":
		info = t.Error.Render(fmt.Sprintf("line %d: %s", line, ne.lineWarning()))
	}
	if ne.conflict != nil {
		info = t.Error.Render("Changed on disk meanwhile: m keep yours · t take theirs · b both (yours beside)")
	}
	if ne.finding != nil && ne.conflict == nil {
		info = ne.findLine()
	}
	foot := t.Subtle.Render("D: decision · A: action @CODE due YYYY-MM-DD · Q: open question")
	body := ne.ed.View(t, ne.conflict == nil)
	if ne.conflict != nil {
		// What differs, line by line, for the choice.
		body = strings.Join(ne.conflictLines(ne.width, strings.Count(body, "\n")+1), "\n")
	}
	return head + "\n" + fit(info, ne.width) + "\n" + body + "\n" + fit(foot, ne.width)
}

// lineWarning is what is wrong in the typed line under the cursor.
func (ne *noteEditor) lineWarning() string {
	row, _ := ne.ed.cursorLine()
	if _, warned := ne.ed.kind(row - 1); !warned {
		return ""
	}
	it, _ := agenda.ParseLine(string(ne.ed.lines[row-1]))
	var msgs []string
	for _, w := range agenda.ItemWarnings(ne.c.snap.Meeting, it) {
		msgs = append(msgs, w.Msg)
	}
	return strings.Join(msgs, "; ")
}

func (ne *noteEditor) shortHelp() []key.Binding {
	if ne.conflict != nil {
		k := ne.c.keys.Conflict
		return []key.Binding{k.Mine, k.Theirs, k.Beside}
	}
	k := ne.c.keys.Editor
	if ne.readOnly != "" {
		return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, ne.c.keys.Back}
	}
	return []key.Binding{k.Leave, k.Save, k.EditorHelp, k.Undo, k.Find, k.Stamp, k.Speaker, k.External, k.SaveQuit}
}

func (ne *noteEditor) fullHelp() [][]key.Binding {
	k := ne.c.keys.Editor
	return [][]key.Binding{ne.shortHelp(),
		{k.Left, k.Right, k.Up, k.Down, k.WordLeft, k.WordRight, k.Home, k.End, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Select},
		{k.Newline, k.Tab, k.Backspace, k.Delete, k.Redo, k.FindNext, k.FindPrev},
		{k.KillToEnd, k.KillToStart, k.CutWord, k.CutWordBack, k.CutWordForward, k.Cut, k.CopyText, k.Paste}}
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
	lines := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	a, b := lines(theirs), lines(mine)
	onlyTheirs, onlyMine := 0, 0
	for l, n := range a {
		onlyTheirs += max(n-b[l], 0)
	}
	for l, n := range b {
		onlyMine += max(n-a[l], 0)
	}
	return fmt.Sprintf("%s only in %s, %d only in %s", count(onlyTheirs, "line"), theirName, onlyMine, myName)
}
