package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
)

// recovery offers the notes that an earlier run typed but did not save
// (found in the journal at start), one at a time: r restores one into the
// editor, d discards it.
type recovery struct {
	c             *common
	entries       []agenda.Entry
	others        []agenda.Entry // being typed by another program now
	width, height int
	body          string // prepared for the first entry, the data and the size
}

// recoveryMsg carries the journals of runs that ended without saving, and
// those of other programs typing now (shown, not offered).
type recoveryMsg struct{ entries, others []agenda.Entry }

func newRecovery(c *common, msg recoveryMsg) *recovery {
	return &recovery{c: c, entries: msg.entries, others: msg.others}
}

func (r *recovery) place() placement { return placeBody }
func (r *recovery) capturing() bool  { return false }

func (r *recovery) setSize(w, h int) {
	r.width, r.height = w, h
	r.prepare()
}

// findRecovery reads the journal for notes whose typing was not saved.
func findRecovery(journal agenda.Journal, store agenda.NoteStore) tea.Cmd {
	if journal.Dir == "" {
		return nil
	}
	return func() tea.Msg {
		var msg recoveryMsg
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
			msg.entries = append(msg.entries, e)
		}
		if len(msg.entries) == 0 {
			return nil
		}
		return msg
	}
}

func (r *recovery) update(msg tea.Msg) (tea.Cmd, bool) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	k := r.c.keys.Recovery
	e := r.entries[0]
	var cmd tea.Cmd
	switch {
	case key.Matches(km, k.Restore):
		store, gen := r.c.notes, r.c.modalGen
		cmd = func() tea.Msg {
			n, err := store.Load(e.Session)
			text := e.Text
			// The text was typed over e.Base: saving checks the note is still that.
			n.Version = e.Base
			return noteLoadedMsg{id: e.Session, gen: gen, note: n, err: err, text: &text, restored: &e}
		}
	case key.Matches(km, k.Discard):
		journal := r.c.journal
		cmd = func() tea.Msg {
			if err := journal.Discard(e); err != nil {
				return statusMsg{text: "the journal could not be removed: " + err.Error(), err: true}
			}
			return nil
		}
	default:
		return nil, false
	}
	r.entries = r.entries[1:]
	r.prepare()
	return cmd, len(r.entries) == 0
}

// prepare lays out the first entry: what the journal holds that the saved
// note does not.
func (r *recovery) prepare() {
	if len(r.entries) == 0 || r.width == 0 {
		r.body = ""
		return
	}
	t := r.c.theme
	e := r.entries[0]
	title := e.Session
	for _, s := range r.c.snap.Meeting.Sessions {
		if s.ID == e.Session {
			title = fmt.Sprintf("Session %d · %s", s.Number, s.Title)
		}
	}
	disk := r.c.snap.Texts[e.Session].Text
	lines := []string{
		t.Error.Render("Unsaved notes were found from an earlier run."),
		"",
		t.Heading.Render(title),
		t.Subtle.Render(fmt.Sprintf("typed until %s · %s", e.At.In(r.c.snap.Meeting.Location).Format("Mon 2 Jan 15:04:05"), diffSummary(disk, e.Text, "the saved note", "the journal"))),
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
	r.body = padLines(strings.Join(lines, "\n"), r.width, r.height)
}

func (r *recovery) view() string { return r.body }

func (r *recovery) shortHelp() []key.Binding {
	k := r.c.keys.Recovery
	return []key.Binding{k.Restore, k.Discard}
}

func (r *recovery) fullHelp() [][]key.Binding { return [][]key.Binding{r.shortHelp()} }
