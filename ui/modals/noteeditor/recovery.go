package noteeditor

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
)

// Recovery offers the notes that an earlier run typed but did not save
// (found in the journal at start), one at a time: r restores one into the
// editor, d discards it.
type Recovery struct {
	c             *common.Common
	entries       []agenda.Entry
	others        []agenda.Entry // being typed by another program now
	width, height int
	body          string // prepared for the first entry, the data and the size
}

// RecoveryMsg carries the journals of runs that ended without saving, and
// those of other programs typing now (shown, not offered).
type RecoveryMsg struct{ Entries, others []agenda.Entry }

func NewRecovery(c *common.Common, msg RecoveryMsg) *Recovery {
	return &Recovery{c: c, entries: msg.Entries, others: msg.others}
}

func (r *Recovery) Place() common.Placement { return common.PlaceBody }
func (r *Recovery) Capturing() bool         { return false }
func (r *Recovery) Title() string           { return "unsaved notes" }

func (r *Recovery) SetSize(w, h int) {
	r.width, r.height = w, h
	r.Prepare()
}

// FindRecovery reads the journal for notes whose typing was not saved.
func FindRecovery(journal agenda.Journal, store agenda.NoteStore) tea.Cmd {
	if journal.Dir == "" {
		return nil
	}
	return func() tea.Msg {
		var msg RecoveryMsg
		for _, e := range journal.Entries() {
			if e.Live {
				msg.others = append(msg.others, e) // its writer runs: its own to keep
				continue
			}
			n, err := store.Load(e.Session)
			if err == nil && n.Text == e.Text {
				journal.Discard(e) // saved after all
				continue
			}
			msg.Entries = append(msg.Entries, e)
		}
		if len(msg.Entries) == 0 {
			return nil
		}
		return msg
	}
}

func (r *Recovery) Update(msg tea.Msg) (tea.Cmd, bool) {
	if _, ok := msg.(common.SnapshotMsg); ok {
		r.Prepare() // the differences from the notes as they are now
		return nil, false
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	k := r.c.Keys.Recovery
	e := r.entries[0]
	var cmd tea.Cmd
	switch {
	case key.Matches(km, k.Restore):
		store, gen := r.c.Notes, r.c.ModalGen
		cmd = func() tea.Msg {
			n, err := store.Load(e.Session)
			text := e.Text
			// The text was typed over e.Base: saving checks the note is still that.
			n.Version = e.Base
			return NoteLoadedMsg{ID: e.Session, Gen: gen, Note: n, Err: err, text: &text, Restored: &e}
		}
	case key.Matches(km, k.Discard):
		journal := r.c.Journal
		cmd = func() tea.Msg {
			if err := journal.Discard(e); err != nil {
				return common.StatusMsg{Text: "the journal could not be removed: " + err.Error(), Err: true}
			}
			return nil
		}
	default:
		return nil, false
	}
	r.entries = r.entries[1:]
	r.Prepare()
	return cmd, len(r.entries) == 0
}

// Prepare lays out the first entry: what the journal holds that the saved
// note does not.
func (r *Recovery) Prepare() {
	if len(r.entries) == 0 || r.width == 0 {
		r.body = ""
		return
	}
	t := r.c.Theme
	e := r.entries[0]
	title := e.Session
	for _, s := range r.c.Snap.Meeting.Sessions {
		if s.ID == e.Session {
			title = fmt.Sprintf("Session %d · %s", s.Number, s.Title)
		}
	}
	disk := r.c.Snap.Texts[e.Session].Text
	lines := []string{
		t.Error.Render("Unsaved notes were found from an earlier run."),
		"",
		t.Heading.Render(title),
		t.Subtle.Render(fmt.Sprintf("typed until %s · %s", e.At.In(r.c.Snap.Meeting.Location).Format("Mon 2 Jan 15:04:05"), diffSummary(disk, e.Text, "the saved note", "the journal"))),
		"",
	}
	saved := map[string]bool{}
	for _, l := range strings.Split(disk, "\n") {
		saved[l] = true
	}
	shown := 0
	for _, l := range strings.Split(e.Text, "\n") {
		if !saved[l] && strings.TrimSpace(l) != "" && shown < r.height-8 {
			lines = append(lines, t.Now.Render("+ ")+l)
			shown++
		}
	}
	lines = append(lines, "", "r restores it into the note (then saved as usual) · d discards it")
	if len(r.entries) > 1 {
		lines = append(lines, t.Subtle.Render(fmt.Sprintf("%d more after this one", len(r.entries)-1)))
	}
	for _, o := range r.others {
		lines = append(lines, t.Subtle.Render(fmt.Sprintf("Session %s is being typed now by another plenary (%s); its journal stays its own.", o.Session, o.Writer)))
	}
	// Wrapped, not cut: what is said here decides what happens to the text.
	r.body = common.PadLines(ansi.Wrap(strings.Join(lines, "\n"), r.width, " "), r.width, r.height)
}

func (r *Recovery) View() string { return r.body }

func (r *Recovery) ShortHelp() []key.Binding {
	k := r.c.Keys.Recovery
	return []key.Binding{k.Restore, k.Discard}
}

func (r *Recovery) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }
