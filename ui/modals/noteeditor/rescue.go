package noteeditor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// RescueMsg asks where to put a note that could be neither saved nor
// written to the recovery journal when the person quits.
type RescueMsg struct{ id, text, saveErr, journalErr string }

// RescuedMsg says what became of the rescue: written to path, or not.
type RescuedMsg struct {
	Path string
	Err  error
}

// Rescue is the last resort before quitting with unsaved text: write it
// to a file the person names, or discard it knowingly. It is the one way
// to quit that loses typed text, and it says so.
type Rescue struct {
	c             *common.Common
	msg           RescueMsg
	input         textinput.Model
	err           string
	width, height int
	head          string // laid out for the size
}

func NewRescue(c *common.Common, msg RescueMsg) *Rescue {
	if c.RescueDir != "" {
		return &Rescue{c: c, msg: msg}
	}
	ti := textinput.New()
	ti.Prompt = "file: "
	ti.PromptStyle = c.Theme.Prompt
	ti.Placeholder = "a path, e.g. " + msg.id + "-rescued.md"
	ti.PlaceholderStyle = c.Theme.Subtle
	ti.Focus()
	return &Rescue{c: c, msg: msg, input: ti}
}

func (r *Rescue) Place() common.Placement { return common.PlaceBody }
func (r *Rescue) Capturing() bool         { return true }
func (r *Rescue) Title() string           { return "rescue" }

func (r *Rescue) SetSize(w, h int) {
	r.width, r.height = w, h
	r.input.Width = max(w-8, 10)
	t := r.c.Theme
	lines := []string{
		t.Error.Render("The note could not be saved, nor kept in the recovery journal."),
		"",
		"Saving: " + r.msg.saveErr,
		"Journal: " + r.msg.journalErr,
		"",
		r.Ask(),
		"",
	}
	var out []string
	for _, l := range lines {
		out = append(out, markdown.WrapWords(t, markdown.PlainWords(l), w, "", "", 0)...)
		if l == "" {
			out = append(out, "")
		}
	}
	r.head = strings.Join(out, "\n")
}

// Ask says what the person may do: name a file, or (served) have the
// server keep it in its rescue folder.
func (r *Rescue) Ask() string {
	words := common.Count(len(strings.Fields(r.msg.text)), "word")
	if r.c.RescueDir != "" {
		return fmt.Sprintf("Quitting now would lose %s of typing. Enter writes it on the server, in its rescue folder (%s), where the secretariat finds it under your name; ctrl+d discards it and quits; esc goes back to the note.", words, r.c.RescueDir)
	}
	return fmt.Sprintf("Quitting now would lose %s of typing. Name a file to write it to (relative to %s), or ctrl+d to discard it and quit, esc to go back to the note.", words, r.c.WorkDir)
}

// rescuePath is where the server keeps a served person's rescued note:
// their id, the session's and the time, in the rescue folder. The ids are
// slugs; the folder is the server's.
func (r *Rescue) rescuePath() string {
	who := "someone"
	if r.c.Person != nil {
		who = r.c.Person.ID
	}
	name := fmt.Sprintf("%s-%s-%s.md", who, r.msg.id, r.c.Wall().Format("20060102-150405.000"))
	return filepath.Join(r.c.RescueDir, filepath.Base(filepath.Clean("/"+name)))
}

func (r *Rescue) View() string {
	body := r.head
	if r.c.RescueDir == "" {
		body += "\n" + r.input.View() // served: no path is asked
	}
	if r.err != "" {
		body += "\n" + r.c.Theme.Error.Render(r.err)
	}
	return common.PadLines(body, r.width, r.height)
}

func (r *Rescue) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := r.c.Keys.Rescue
	switch msg := msg.(type) {
	case RescuedMsg:
		if msg.Err != nil {
			r.err = "not written: " + msg.Err.Error()
			return nil, false
		}
		return nil, false // the root quits
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Back):
			return nil, true
		case key.Matches(msg, k.Discard):
			return func() tea.Msg { return RescuedMsg{} }, false
		case key.Matches(msg, k.Write) && r.c.RescueDir != "":
			p, dir, text := r.rescuePath(), r.c.RescueDir, r.msg.text
			return func() tea.Msg {
				err := os.MkdirAll(dir, 0o700)
				if err == nil {
					err = writeNew(p, text)
				}
				return RescuedMsg{Path: p, Err: err}
			}, false
		case r.c.RescueDir != "":
			return nil, false // nothing to type: no path is asked
		case key.Matches(msg, k.Write):
			p := strings.TrimSpace(r.input.Value())
			if p == "" {
				r.err = "type a file name first"
				return nil, false
			}
			if !filepath.IsAbs(p) {
				p = filepath.Join(r.c.WorkDir, p)
			}
			text := r.msg.text
			return func() tea.Msg { return RescuedMsg{Path: p, Err: writeNew(p, text)} }, false
		}
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(msg)
		return cmd, false
	}
	return nil, false
}

// writeNew writes text to a new file (never over one that exists), and
// syncs it.
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (r *Rescue) ShortHelp() []key.Binding {
	k := r.c.Keys.Rescue
	return []key.Binding{k.Write, k.Discard, k.Back}
}

func (r *Rescue) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }
