package ui

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/views/scoresview"
)

// Copying what is selected as text to the clipboard (y): the terminal is
// asked to copy it with OSC 52, which works in most terminals, over SSH,
// and in tmux with set-clipboard on. The sequence rides in the next frames
// (a write of its own could fall inside one the renderer is writing) and
// is dropped after clipFor.

const clipFor = 500 * time.Millisecond

// clipDoneMsg ends the copy of generation gen.
type clipDoneMsg struct{ gen int }

// osc52 asks the terminal to put text on the clipboard.
func osc52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
}

// copySelection copies what the active screen has selected.
func (m *Model) copySelection() tea.Cmd {
	what, text := m.selectionText()
	if text == "" {
		return func() tea.Msg {
			return common.StatusMsg{Text: "Nothing to copy here: select a session, a country or a list."}
		}
	}
	return m.toClipboard(what, text)
}

// toClipboard puts text on the system clipboard, named what in the status.
// Confidential lines never go there.
func (m *Model) toClipboard(what, text string) tea.Cmd {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !agenda.IsConfidential(l) {
			kept = append(kept, l)
		}
	}
	left := ""
	if len(kept) < len(lines) {
		left = "; confidential lines left out"
	}
	text = strings.Join(kept, "\n")
	say := func(s string) {
		m.status = common.StatusMsg{Text: s}
		if ne, ok := m.top().(*noteeditor.NoteEditor); ok {
			ne.Notice = s // the editor covers the status line
		}
	}
	if strings.TrimSpace(text) == "" {
		say("Confidential lines stay in plenary: nothing was put on the clipboard.")
		return nil
	}
	m.clip = osc52(text)
	m.clipGen++
	gen := m.clipGen
	say(fmt.Sprintf("Copied %s (%d lines) to the clipboard%s.", what, strings.Count(text, "\n")+1, left))
	return tea.Tick(clipFor, func(time.Time) tea.Msg { return clipDoneMsg{gen} })
}

// selectionText is what y copies on the active screen, and its name.
func (m *Model) selectionText() (what, text string) {
	c := m.c
	switch m.active {
	case viewAgenda:
		if i := m.agenda.Selected(); i >= 0 {
			return fmt.Sprintf("session %d", c.Snap.Meeting.Sessions[i].Number), sessionText(c, i)
		}
	case viewScores:
		if c.Snap.Scores == nil {
			return "", ""
		}
		e := c.CurrentEdition()
		switch m.scores.Mode {
		case scoresview.ModeCompare:
			return "the comparison", scoresText(c, e, m.scores.Compare.Codes, m.scores.Compare.Title)
		case scoresview.ModeCard:
			return c.CountryName(m.scores.Card.Code), plainLines(scoresview.RenderCard(c, m.scores.Card.Code, 100))
		}
		var codes []string
		for _, r := range m.scores.Rows {
			if !r.Average {
				codes = append(codes, r.Code)
			}
		}
		return "the ranking", scoresText(c, e, codes, "")
	case viewNotes:
		var lines []string
		for _, r := range m.notes.Rows {
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
		if len(lines) > 0 {
			return "the decisions, actions and questions listed", strings.Join(lines, "\n")
		}
	case viewDelegations:
		var lines []string
		for _, r := range m.delegations.Rendered {
			lines = append(lines, strings.TrimRight(ansi.Strip(r), " "))
		}
		return "the delegations", strings.TrimSpace(strings.Join(lines, "\n"))
	}
	return "", ""
}

// sessionText is a session as plain text: what it is, who presents, its
// summary without Markdown.
func sessionText(c *common.Common, i int) string {
	m := c.Snap.Meeting
	s := &m.Sessions[i]
	lines := []string{strings.Join(s.Meta(), " · "), s.Title}
	if s.Chair != "" {
		lines = append(lines, "Chair: "+s.Chair)
	}
	if len(s.Presenters) > 0 {
		var names []string
		for _, p := range s.Presenters {
			d, _ := m.Delegation(p)
			names = append(names, fmt.Sprintf("%s (%s)", d.Name, d.Code))
		}
		lines = append(lines, "Presenters: "+strings.Join(names, ", "))
	}
	if len(s.Speakers) > 0 {
		lines = append(lines, "Speakers: "+strings.Join(s.SpeakerNames(), "; "))
	}
	if s.Summary != "" {
		lines = append(lines, "", agenda.MarkdownText(strings.TrimSpace(s.Summary)))
	}
	return strings.Join(lines, "\n")
}

// scoresText is countries of an edition as a plain table: composite,
// pillars and the gap to the average, then the average and the source.
func scoresText(c *common.Common, e *data.Edition, codes []string, title string) string {
	d := c.Snap.Scores
	ix := &d.Index
	head := fmt.Sprintf("%s %s (%s)", ix.Name, e.ID, e.Status)
	if title != "" {
		head = title + ": " + head
	}
	cols := []string{"Country", "Score"}
	for _, p := range ix.Pillars {
		cols = append(cols, p.Name)
	}
	cols = append(cols, "Gap to OECD average")
	lines := []string{head, strings.Join(cols, "\t")}
	avg, computed := d.Average(e, 0)
	row := func(name string, vals []float64, gap string) {
		cells := []string{name, data.Format(vals[0])}
		for p := range ix.Pillars {
			cells = append(cells, data.Format(vals[ix.PillarMeasure(p)]))
		}
		lines = append(lines, strings.Join(append(cells, gap), "\t"))
	}
	es := d.Scores[e.ID]
	for _, code := range codes {
		r, ok := es.Row(code)
		if !ok {
			continue
		}
		gap := ""
		if data.Known(r.Values[0]) && data.Known(avg) {
			gap = data.FormatDelta(r.Values[0] - avg)
		}
		row(fmt.Sprintf("%s (%s)", c.CountryName(code), code), r.Values, gap)
	}
	avgs := make([]float64, len(ix.Measures()))
	for m := range avgs {
		avgs[m], _ = d.Average(e, m)
	}
	name := "OECD average"
	if computed {
		name += " (computed)"
	}
	row(name, avgs, "")
	lines = append(lines, "Source: "+e.Source)
	return strings.Join(lines, "\n")
}

// plainLines is styled text as plain lines, trailing spaces trimmed.
func plainLines(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
