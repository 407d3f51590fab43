// Package noteeditor is the rapporteur's note editor, with autosave, the
// recovery journal, the conflict view, find, and the rescue of a note that
// cannot be saved.
package noteeditor

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
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/textedit"
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

// NoteEditor is a session's note, full screen.
type NoteEditor struct {
	c      *common.Common
	title  string // "1 Where do we stand?", kept if a reload removes the session
	ID     string
	path   string // where the note is kept, to show
	Ed     *textedit.TextEdit
	width  int
	height int

	Base         agenda.Version // the note on disk this text builds on
	Gen          int            // counts changes
	SavedGen     int            // the change last saved
	Saving       bool
	maxTimer     bool
	JTimer       bool
	lastSaved    time.Time
	Err          string
	Notice       string       // what the last key did (copied to the clipboard), until the next
	Conflict     *agenda.Note // the note as it is on disk, when it changed under us
	conflictMemo conflictMemo
	differ       string // how the conflict's two texts differ, said when it arose

	journaled  int           // the change last written to the journal
	journalErr string        // why the last journal write failed; "" when it worked
	saveErr    string        // why the last save failed; "" when it worked
	Adopted    *agenda.Entry // a journal of an earlier run this text was restored from
	RescuedTo  string        // where the person had the text written when quitting
	// ReadOnly names who writes this note when someone else does: the
	// editor then shows it live and takes no typing.
	ReadOnly string
	// ConflictTop is the first line of the conflict view in sight.
	ConflictTop int
	// Revoked says why the person may no longer write this note (their
	// access changed while it was open): it is being saved and closed,
	// and takes no more typing.
	Revoked string
	finding *find // ctrl+f, while open
}

// Messages of the editor, tagged with the session they belong to so that
// late ones for another note are dropped.
type (
	NoteLoadedMsg struct {
		ID   string
		Gen  int // the modal stack's count when the note was asked for
		Note agenda.Note
		Err  error
		// text, when set, replaces the note's text in the editor (a
		// restored journal, from the entry).
		text     *string
		Restored *agenda.Entry
		line     int // where the cursor starts (1-based; 0 the end), from a search
	}
	SaveTickMsg struct {
		ID  string
		Gen int
		max bool
	}
	JournalTickMsg struct{ ID string }
	NoteSavedMsg   struct {
		ID      string
		Gen     int
		Text    string
		version agenda.Version
		Err     error
		Then    afterSave
		Beside  string       // the conflict file written, if any
		Disk    *agenda.Note // on a conflict, the note as it is on disk
	}
	EditorDoneMsg struct {
		id  string
		err error
	}
)

// afterSave is what to do once a save has finished.
type afterSave int

const (
	thenNothing afterSave = iota
	ThenClose
	thenExternal
	ThenQuit
)

func (s NoteSavedMsg) Note() agenda.Note { return agenda.Note{Text: s.Text, Version: s.version} }

func (ne *NoteEditor) Dirty() bool { return ne.Gen != ne.SavedGen }

// OpenNoteAt reads a session's note in a command; the editor opens when it
// is read, with the cursor on a line (1-based; 0 for the first).
func OpenNoteAt(c *common.Common, id string, line int) tea.Cmd {
	if c.Notes.Dir == "" {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Notes are off: this program was given no place to keep them.", Err: true}
		}
	}
	store, gen := c.Notes, c.ModalGen
	return func() tea.Msg {
		n, err := store.Load(id)
		return NoteLoadedMsg{ID: id, Gen: gen, Note: n, Err: err, line: line}
	}
}

func NewNoteEditor(c *common.Common, session int, msg NoteLoadedMsg) *NoteEditor {
	s := &c.Snap.Meeting.Sessions[session]
	ne := &NoteEditor{c: c, title: fmt.Sprintf("%d %s", s.Number, s.Title), ID: msg.ID, Ed: textedit.NewTextEdit(c.Keys.Editor), Base: msg.Note.Version,
		path: clean.Line(c.Notes.Path(msg.ID))}
	// The meeting is read when a line is drawn: a reload that adds a
	// delegation clears the warnings about it (recheck).
	ne.Ed.Warns = func(it agenda.Item) bool { return len(agenda.ItemWarnings(c.Snap.Meeting, it)) > 0 }
	ne.Ed.SetValue(editorText(msg.Note.Text))
	if msg.text != nil {
		ne.Ed.SetValue(editorText(*msg.text))
		ne.Gen = 1 // restored text is not saved yet
		ne.Adopted = msg.Restored
	}
	if msg.line > 0 && msg.line <= len(ne.Ed.Lines) {
		ne.Ed.Row, ne.Ed.Col, ne.Ed.Goal = msg.line-1, 0, -1
		ne.Ed.Follow()
	}
	return ne
}

func (ne *NoteEditor) Place() common.Placement { return common.PlaceScreenHelp }
func (ne *NoteEditor) Capturing() bool         { return true }
func (ne *NoteEditor) Title() string           { return "note editor" }

// Close lets go of the note's lock, and has what shows notes show it as
// it is now.
func (ne *NoteEditor) Close() {
	if ne.c.Room != nil && ne.ReadOnly == "" {
		ne.c.Room.Unlock(ne.ID, ne.c.PersonID())
	}
	ne.c.Ask(common.NoteClosedMsg{})
}

// Layout: a header line, a status line, the text, a line of typed-line help.
func (ne *NoteEditor) SetSize(w, h int) {
	ne.width, ne.height = w, h
	ne.Ed.SetSize(w-2, max(h-3, 1))
}

// Changed schedules what follows an edit: the idle save, the regular save
// while typing goes on, and the journal.
func (ne *NoteEditor) Changed() tea.Cmd {
	ne.Gen++
	id, gen := ne.ID, ne.Gen
	after := ne.c.After
	cmds := []tea.Cmd{after(saveIdle, func(time.Time) tea.Msg { return SaveTickMsg{ID: id, Gen: gen} })}
	if !ne.maxTimer {
		ne.maxTimer = true
		cmds = append(cmds, after(saveEvery, func(time.Time) tea.Msg { return SaveTickMsg{ID: id, max: true} }))
	}
	if !ne.JTimer {
		ne.JTimer = true
		cmds = append(cmds, after(journalWithin, func(time.Time) tea.Msg { return JournalTickMsg{ID: id} }))
	}
	return tea.Batch(cmds...)
}

// Save writes the note in a command; then says what to do afterwards.
func (ne *NoteEditor) Save(then afterSave) tea.Cmd {
	if ne.Conflict != nil && then != ThenQuit {
		return nil // the person decides first
	}
	ne.Saving = true
	id, gen, text, base := ne.ID, ne.Gen, FileText(ne.Ed.Value()), ne.Base
	store, journal, at := ne.c.Notes, ne.c.Journal, ne.c.Wall().In(ne.c.Snap.Meeting.Location)
	conflict := ne.Conflict != nil
	forget := ForgetJournals(journal, id, ne.Adopted)
	if r := ne.c.Room; r != nil {
		// Saved, the note goes to everyone in the room.
		f, who := forget, ne.c.PersonID()
		forget = func() { f(); r.PutNote(id, who, agenda.Note{Text: text, Version: agenda.VersionOf(text)}) }
	}
	return func() tea.Msg {
		if conflict {
			// Quitting in a conflict: keep both, never lose a word.
			p, err := store.SaveBeside(id, text, at)
			if err == nil {
				forget()
			}
			return NoteSavedMsg{ID: id, Gen: gen, Text: text, Err: err, Then: then, Beside: p, version: base}
		}
		v, err := store.Save(id, text, base)
		msg := NoteSavedMsg{ID: id, Gen: gen, Text: text, version: v, Err: err, Then: then}
		switch {
		case err == nil:
			forget()
		case errors.Is(err, agenda.ErrConflict):
			// Read what is on disk now, so the editor can show both sides.
			disk, lerr := store.Load(id)
			if lerr != nil {
				msg.Err = fmt.Errorf("%w; reading it: %w", err, lerr)
			} else {
				msg.Disk = &disk
			}
		}
		return msg
	}
}

// ForgetJournals removes, once the text is saved, this writer's journal of
// the note and the earlier run's journal it was restored from. Journals of
// other writers stay: they are theirs.
func ForgetJournals(journal agenda.Journal, id string, adopted *agenda.Entry) func() {
	var old agenda.Entry
	if adopted != nil {
		old = *adopted
	}
	return func() {
		journal.Remove(id) // best effort: a journal left behind is offered, then found saved
		journal.Discard(old)
	}
}

// JournalMsg reports a journal write: the change it holds, or why it failed.
type JournalMsg struct {
	id   string
	gen  int
	err  error
	then afterSave // thenQuit: the write was the last chance before quitting
}

func (ne *NoteEditor) writeJournal(then afterSave) tea.Cmd {
	e := agenda.Entry{Session: ne.ID, Text: FileText(ne.Ed.Value()), Base: ne.Base, At: ne.c.Wall()}
	journal, gen := ne.c.Journal, ne.Gen
	return func() tea.Msg {
		return JournalMsg{id: e.Session, gen: gen, err: journal.Write(e), then: then}
	}
}

// journalled is what became of a journal write. A failure is shown at once
// and tried again; quitting goes on once the text is in the journal, and
// otherwise asks where to put it.
func (ne *NoteEditor) journalled(msg JournalMsg) tea.Cmd {
	if msg.id != ne.ID {
		return nil
	}
	if msg.err == nil {
		ne.journaled, ne.journalErr = max(ne.journaled, msg.gen), ""
		if msg.then == ThenQuit {
			return tea.Quit
		}
		return nil
	}
	ne.journalErr = msg.err.Error()
	if msg.then == ThenQuit {
		m := RescueMsg{id: ne.ID, text: FileText(ne.Ed.Value()), saveErr: ne.saveErr, journalErr: ne.journalErr}
		return func() tea.Msg { return m }
	}
	if !ne.JTimer {
		ne.JTimer = true
		id := ne.ID
		return ne.c.After(journalRetry, func(time.Time) tea.Msg { return JournalTickMsg{ID: id} })
	}
	return nil
}

// Update handles keys and the editor's messages. done reports that the
// editor closed.
func (ne *NoteEditor) Update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case common.SnapshotMsg:
		ne.Ed.Recheck() // a delegation added clears the warnings about it
		ne.DiskChanged(ne.c.Snap.Texts[ne.ID])
	case common.PersonMsg:
		if ne.ReadOnly != "" || ne.c.MayEdit(ne.ID) {
			return nil, false
		}
		ne.Revoked = "Your access changed: you no longer write this note. It is saved and closed."
		ne.Err = ne.Revoked
		switch {
		case !ne.Dirty():
			return nil, true
		case !ne.Saving:
			return ne.Save(ThenClose), false
		}
	case SaveTickMsg:
		if msg.ID != ne.ID {
			return nil, false
		}
		if msg.max {
			ne.maxTimer = false
		} else if msg.Gen != ne.Gen {
			return nil, false // typing went on; a later tick will save
		}
		if ne.Dirty() && !ne.Saving {
			return ne.Save(thenNothing), false
		}
	case JournalTickMsg:
		if msg.ID == ne.ID {
			ne.JTimer = false
			if ne.Dirty() && ne.journaled != ne.Gen {
				return ne.writeJournal(thenNothing), false
			}
		}
	case JournalMsg:
		return ne.journalled(msg), false
	case NoteSavedMsg:
		return ne.Saved(msg)
	case EditorDoneMsg:
		if msg.err != nil {
			ne.Err = "editor: " + msg.err.Error()
		}
		return OpenNoteAt(ne.c, ne.ID, 0), false
	case tea.KeyMsg:
		if key.Matches(msg, ne.c.Keys.Editor.EditorHelp) {
			// ? types in a note: F1 (or ctrl+g) shows its keys.
			ne.c.Ask(common.HelpMsg{Title: "Note editor", Keys: append(ne.FullHelp(), []key.Binding{ne.c.Keys.HelpPage.Close})})
			return nil, false
		}
		return ne.Key(msg)
	case tea.MouseMsg:
		ne.Mouse(msg)
	}
	return nil, false
}

// editorTop is the screen line of the text's first row: below the title
// and the info line.
const editorTop = 2

// Mouse scrolls with the wheel; a click puts the cursor where it lands and
// a drag selects.
func (ne *NoteEditor) Mouse(msg tea.MouseMsg) {
	e := ne.Ed
	switch {
	case msg.Button == tea.MouseButtonWheelUp:
		for range 3 {
			e.Up()
		}
	case msg.Button == tea.MouseButtonWheelDown:
		for range 3 {
			e.Down()
		}
	case ne.Conflict != nil || msg.Y < editorTop || msg.Y >= editorTop+e.Height:
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		e.Unselect()
		e.MoveTo(e.PosAt(msg.X, msg.Y-editorTop))
		e.Selecting() // a drag from here selects
		e.BreakGroup()
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionMotion && e.Anchor != nil:
		e.MoveTo(e.PosAt(msg.X, msg.Y-editorTop))
	case msg.Action == tea.MouseActionRelease:
		if _, _, ok := e.Selection(); !ok {
			e.Unselect() // a click, not a drag
		}
	}
}

// clipboard puts what the last key copied or cut on the system clipboard.
func (ne *NoteEditor) clipboard() tea.Cmd {
	text := ne.Ed.Copied
	if text == "" {
		return nil
	}
	ne.Ed.Copied = ""
	what := "the line"
	if !strings.HasSuffix(text, "\n") {
		what = "the selection" // a line is copied with its newline
	}
	return func() tea.Msg { return common.ClipboardMsg{What: what, Text: text} }
}

// saveRetry is how long a note that could not be saved waits before it is
// saved again.
const saveRetry = 10 * time.Second

func (ne *NoteEditor) Saved(msg NoteSavedMsg) (tea.Cmd, bool) {
	if msg.ID != ne.ID {
		return nil, false
	}
	ne.Saving = false
	switch {
	case msg.Disk != nil:
		ne.setConflict(*msg.Disk)
		return nil, false
	case msg.Err != nil:
		ne.saveErr = msg.Err.Error()
		if msg.Then == ThenQuit {
			if ne.journaled == ne.Gen {
				return tea.Quit, false // the text is in the journal; the next start offers it
			}
			return ne.writeJournal(ThenQuit), false
		}
		// Tried again in a while, typing or not, until a save works (the
		// journal holds the text meanwhile).
		id, gen := ne.ID, ne.Gen
		return ne.c.After(saveRetry, func(time.Time) tea.Msg { return SaveTickMsg{ID: id, Gen: gen} }), false
	}
	ne.Adopted, ne.saveErr = nil, ""
	ne.Err = ""
	if msg.Beside != "" {
		ne.Err = "saved yours beside the note as " + msg.Beside
	} else {
		ne.Base = msg.version
		ne.c.PutNote(ne.ID, msg.Note())
	}
	if msg.Gen > ne.SavedGen {
		ne.SavedGen = msg.Gen
	}
	ne.lastSaved = ne.c.Wall()
	switch msg.Then {
	case ThenClose:
		if !ne.Dirty() {
			return nil, true
		}
		return ne.Save(ThenClose), false
	case thenExternal:
		return ne.external(), false
	case ThenQuit:
		return tea.Quit, false
	}
	return nil, false
}

// external opens the note in the external editor ($VISUAL, $EDITOR or
// vi, as the program was given); it is read again when the editor exits.
func (ne *NoteEditor) external() tea.Cmd {
	args := append(append([]string(nil), ne.c.Editor...), ne.c.Notes.Path(ne.ID))
	c := exec.Command(args[0], args[1:]...)
	if ne.c.EditorIn != nil {
		c.Stdin = ne.c.EditorIn // bubbletea gives only a command without one its input
	}
	id := ne.ID
	return tea.ExecProcess(c, func(err error) tea.Msg { return EditorDoneMsg{id: id, err: err} })
}

func (ne *NoteEditor) Key(msg tea.KeyMsg) (tea.Cmd, bool) {
	ne.Notice = ""
	if ne.Revoked != "" {
		if key.Matches(msg, ne.c.Keys.Editor.Leave) && !ne.Saving {
			if !ne.Dirty() {
				return nil, true
			}
			return ne.Save(ThenClose), false
		}
		ne.Err = ne.Revoked
		return nil, false
	}
	if msg.Paste && ne.Conflict == nil && ne.finding == nil {
		return ne.paste(string(msg.Runes)), false
	}
	if ne.Conflict != nil {
		return ne.resolve(msg), false
	}
	k := ne.c.Keys.Editor
	if ne.finding != nil && ne.findKey(msg) {
		return nil, false
	}
	if key.Matches(msg, k.Find) {
		ne.finding = &find{}
		return nil, false
	}
	if ne.ReadOnly != "" {
		switch {
		case key.Matches(msg, k.Leave):
			return nil, true
		case addedBytes(msg, k, ne.Ed.Clip) > 0 || key.Matches(msg, k.Backspace, k.Delete, k.KillToEnd, k.KillToStart, k.Save, k.External,
			k.Undo, k.Redo, k.CutWord, k.CutWordForward, k.CutWordBack, k.Cut, k.Paste):
			ne.Err = ne.holder() + " is writing this note: you see it as it is written, read-only."
			return nil, false
		}
		ne.Ed.Update(msg) // moving around, selecting, copying
		return ne.clipboard(), false
	}
	if adds := addedBytes(msg, k, ne.Ed.Clip); adds > 0 && ne.Ed.Size()+adds > agenda.MaxNoteSize {
		ne.Err = fmt.Sprintf("The note is at its %d MiB limit: nothing more is added. Start a note of another session, or save and split it in $EDITOR (ctrl+e).", agenda.MaxNoteSize>>20)
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Save):
		return ne.Save(thenNothing), false
	case key.Matches(msg, k.Leave):
		if _, _, ok := ne.Ed.Selection(); ok {
			ne.Ed.Unselect() // esc first lets the selection go
			return nil, false
		}
		if !ne.Dirty() {
			return nil, true
		}
		return ne.Save(ThenClose), false
	case key.Matches(msg, k.Stamp):
		ne.Ed.InsertStep(ne.c.Now().In(ne.c.Snap.Meeting.Location).Format("[15:04] "))
		return ne.Changed(), false
	case key.Matches(msg, k.Speaker):
		// W3C scribing: "Name: what they said", with the time.
		sp := ne.speaker()
		if sp == "" {
			ne.Err = "No one has the floor in this session (the chair gives it: Q)."
			return nil, false
		}
		ne.Ed.InsertStep(ne.c.Now().In(ne.c.Snap.Meeting.Location).Format("[15:04] ") + sp + ": ")
		return ne.Changed(), false
	case key.Matches(msg, k.External):
		if ne.c.Remote {
			ne.Err = "ctrl+e ($EDITOR) is off over SSH: it would run on the server."
			return nil, false
		}
		return ne.Save(thenExternal), false
	}
	if ne.Ed.Update(msg) {
		return tea.Batch(ne.Changed(), ne.clipboard()), false
	}
	return ne.clipboard(), false
}

// paste types a bracketed paste, its line breaks kept, in one undo step.
func (ne *NoteEditor) paste(s string) tea.Cmd {
	switch {
	case ne.ReadOnly != "":
		ne.Err = ne.holder() + " is writing this note: you see it as it is written, read-only."
		return nil
	case ne.Ed.Size()+len(s) > agenda.MaxNoteSize:
		ne.Err = fmt.Sprintf("The note is at its %d MiB limit: nothing more is added. Start a note of another session, or save and split it in $EDITOR (ctrl+e).", agenda.MaxNoteSize>>20)
		return nil
	}
	ne.Ed.Paste(s)
	return ne.Changed()
}

// whereIsTheText says, after a failed save, where the unsaved text is
// kept, first (a narrow screen cuts the end): the journal is claimed only
// when it holds the text.
func (ne *NoteEditor) whereIsTheText() string {
	switch {
	case ne.journaled == ne.Gen:
		return "Not saved; your text is in the recovery journal. (" + ne.saveErr + ")"
	case ne.journalErr != "":
		return "Not saved, and the recovery journal cannot be written: your text is only on this screen. (" + ne.saveErr + "; " + ne.journalErr + ")"
	}
	return "Not saved: " + ne.saveErr
}

// addedBytes is how much a key adds to the text (typing, pasting, a new
// line, a time stamp), to keep a note under its size cap.
func addedBytes(msg tea.KeyMsg, k common.EditorKeys, clip string) int {
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
func (ne *NoteEditor) speaker() string {
	fl := ne.c.Snap.Floors
	l := fl[ne.ID]
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
	if d, ok := ne.c.Snap.Meeting.Delegation(code); ok && d.Name != "" {
		return d.Name
	}
	return code
}

// resolve handles the conflict choices.
func (ne *NoteEditor) resolve(msg tea.KeyMsg) tea.Cmd {
	disk := *ne.Conflict
	k := ne.c.Keys.Conflict
	nav := ne.c.Keys
	page := max(ne.height-5, 1)
	switch {
	case key.Matches(msg, nav.Up):
		ne.ConflictTop--
	case key.Matches(msg, nav.Down):
		ne.ConflictTop++ // clamped where it is drawn
	case key.Matches(msg, nav.PageUp):
		ne.ConflictTop -= page
	case key.Matches(msg, nav.PageDown):
		ne.ConflictTop += page
	case key.Matches(msg, nav.Top):
		ne.ConflictTop = 0
	case key.Matches(msg, nav.Bottom):
		ne.ConflictTop = 1 << 30
	case key.Matches(msg, k.Mine):
		ne.Conflict = nil
		id, text, gen, store, journal := ne.ID, FileText(ne.Ed.Value()), ne.Gen, ne.c.Notes, ne.c.Journal
		ne.Saving = true
		return func() tea.Msg {
			v, err := store.Overwrite(id, text)
			if err == nil {
				journal.Remove(id)
			}
			return NoteSavedMsg{ID: id, Gen: gen, Text: text, version: v, Err: err}
		}
	case key.Matches(msg, k.Theirs):
		ne.Conflict = nil
		ne.Take(disk)
		id, journal := ne.ID, ne.c.Journal
		return func() tea.Msg { journal.Remove(id); return nil }
	case key.Matches(msg, k.Beside):
		ne.Conflict = nil
		id, text, store, at := ne.ID, FileText(ne.Ed.Value()), ne.c.Notes, ne.c.Wall().In(ne.c.Snap.Meeting.Location)
		ne.Take(disk)
		journal := ne.c.Journal
		return func() tea.Msg {
			p, err := store.SaveBeside(id, text, at)
			if err != nil {
				return common.StatusMsg{Text: "could not save yours beside: " + err.Error(), Err: true}
			}
			journal.Remove(id)
			return common.StatusMsg{Text: "Yours is saved as " + p}
		}
	}
	// In sight: what the view draws below its two heading lines.
	body, _ := ne.conflictBody(ne.width)
	ne.ConflictTop = max(min(ne.ConflictTop, len(body)-max(ne.height-5, 1)), 0)
	return nil
}

// DiskChanged is told that the note changed on disk while open: without
// unsaved typing the editor takes it; with, it is a conflict to resolve. A
// note deleted on disk keeps its text here, unsaved, and says so.
func (ne *NoteEditor) DiskChanged(disk agenda.Note) {
	if disk.Version == ne.Base || ne.Saving {
		return
	}
	if !disk.Version.Exists {
		ne.Base = disk.Version
		if ne.Ed.Size() > 1 {
			ne.Gen++ // unsaved now: the file is gone
			ne.Err = "The note was deleted on disk; your text stays here, unsaved: ctrl+s writes it again."
		}
		return
	}
	if !ne.Dirty() {
		ne.Take(disk)
		return
	}
	ne.setConflict(disk)
}

// setConflict stops saving until the person chooses between their text and
// the note on disk.
func (ne *NoteEditor) setConflict(disk agenda.Note) {
	ne.Conflict = &disk
	ne.differ = diffSummary(disk.Text, FileText(ne.Ed.Value()), "theirs", "yours")
}

// Take replaces the text with the note on disk.
func (ne *NoteEditor) Take(disk agenda.Note) {
	ne.Ed.SetValue(editorText(disk.Text))
	ne.Base = disk.Version
	ne.Gen++
	ne.SavedGen = ne.Gen
	ne.c.PutNote(ne.ID, disk)
}

func (ne *NoteEditor) View() string {
	t := ne.c.Theme
	state := "unsaved"
	switch {
	case ne.Saving:
		state = "saving…"
	case !ne.Dirty() && !ne.lastSaved.IsZero():
		state = "saved " + ne.lastSaved.In(ne.c.Snap.Meeting.Location).Format("15:04:05")
	case !ne.Dirty():
		state = "no changes"
	}
	line, col := ne.Ed.CursorLine()
	right := t.Subtle.Render(fmt.Sprintf("%s · %d words · %d:%d", state, ne.Ed.Words(), line, col))
	head := common.Spread(t.Heading.Render("Notes · "+ne.title), right, ne.width)
	info := t.Subtle.Render(ne.c.Shown(ne.path))
	switch {
	case ne.ReadOnly != "" && ne.Err != "":
		info = t.Error.Render(ne.c.Shown(ne.Err))
	case ne.ReadOnly != "":
		info = t.Next.Render("being edited by " + ne.holder() + " · read-only, live · esc leaves")
	case ne.saveErr != "" && ne.Dirty():
		info = t.Error.Render(ne.c.Shown(ne.whereIsTheText()))
	case ne.Err != "":
		info = t.Error.Render(ne.c.Shown(ne.Err))
	case ne.journalErr != "":
		info = t.Error.Render("The recovery journal cannot be written (" + ne.c.Shown(ne.journalErr) + "); the note itself is still saved as you type.")
	case ne.Notice != "":
		info = t.Next.Render(ne.Notice)
	case ne.Ed.Selected() != "":
		info = t.Next.Render(fmt.Sprintf("%d characters selected · ctrl+x cut · alt+w copy · typing replaces · esc lets go", len([]rune(ne.Ed.Selected()))))
	case ne.lineWarning() != "":
		info = t.Error.Render(fmt.Sprintf("line %d: %s", line, ne.lineWarning()))
	}
	if ne.Conflict != nil {
		info = t.Error.Render("Changed on disk meanwhile: m keep yours · t take theirs · b both (yours beside)")
	}
	if ne.finding != nil && ne.Conflict == nil {
		info = ne.findLine()
	}
	foot := t.Subtle.Render("D: decision · A: action @CODE due YYYY-MM-DD · Q: open question")
	body := ne.Ed.View(t, ne.Conflict == nil)
	if ne.Conflict != nil {
		// What differs, line by line, for the choice.
		body = strings.Join(ne.conflictLines(ne.width, strings.Count(body, "\n")+1), "\n")
	}
	return head + "\n" + common.Fit(info, ne.width) + "\n" + body + "\n" + common.Fit(foot, ne.width)
}

// lineWarning is what is wrong in the typed line under the cursor.
func (ne *NoteEditor) lineWarning() string {
	row, _ := ne.Ed.CursorLine()
	if _, warned := ne.Ed.Kind(row - 1); !warned {
		return ""
	}
	it, _ := agenda.ParseLine(string(ne.Ed.Lines[row-1]))
	var msgs []string
	for _, w := range agenda.ItemWarnings(ne.c.Snap.Meeting, it) {
		msgs = append(msgs, w.Msg)
	}
	return strings.Join(msgs, "; ")
}

func (ne *NoteEditor) ShortHelp() []key.Binding {
	if ne.Conflict != nil {
		k := ne.c.Keys.Conflict
		return []key.Binding{k.Mine, k.Theirs, k.Beside}
	}
	k := ne.c.Keys.Editor
	if ne.ReadOnly != "" {
		return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, ne.c.Keys.Back}
	}
	return []key.Binding{k.Leave, k.Save, k.EditorHelp, k.Undo, k.Find, k.Stamp, k.Speaker, k.External, k.SaveQuit}
}

func (ne *NoteEditor) FullHelp() [][]key.Binding {
	k := ne.c.Keys.Editor
	return [][]key.Binding{ne.ShortHelp(),
		{k.Left, k.Right, k.Up, k.Down, k.WordLeft, k.WordRight, k.Home, k.End, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Select},
		{k.Newline, k.Tab, k.Backspace, k.Delete, k.Redo, k.FindNext, k.FindPrev},
		{k.KillToEnd, k.KillToStart, k.CutWord, k.CutWordBack, k.CutWordForward, k.Cut, k.CopyText, k.Paste}}
}

// Notes are text files: saved with a final newline, which the editor does
// not show as an empty last line.
func FileText(s string) string {
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
	return fmt.Sprintf("%s only in %s, %d only in %s", common.Count(onlyTheirs, "line"), theirName, onlyMine, myName)
}

// holder names who writes the note when someone else does: their name in
// a room (ReadOnly keeps their id), else what ReadOnly says.
func (ne *NoteEditor) holder() string {
	if ne.c.Room != nil {
		return ne.c.Room.NameOf(ne.ReadOnly)
	}
	return ne.ReadOnly
}
