package scoresview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/bars"
	"codeberg.org/plenary/plenary/ui/components/list"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// card is one country across every edition, with the sessions where it
// presented. It is laid out when opened or resized, and scrolls.
type card struct {
	c             *common.Common
	Code          string
	width, height int
	vp            viewport.Model
}

func (cd *card) open(c *common.Common, code string) {
	cd.c, cd.Code = c, code
	cd.Layout()
	cd.vp.GotoTop()
}

func (cd *card) SetSize(w, h int) {
	cd.width, cd.height = w, h
	cd.Layout()
}

func (cd *card) Layout() {
	cd.vp.Width, cd.vp.Height = cd.width, max(cd.height-1, 1)
	if cd.c == nil {
		return
	}
	cd.vp.SetContent(RenderCard(cd.c, cd.Code, min(cd.width, common.MaxTextWidth)))
}

func (cd *card) Update(msg tea.Msg, k common.KeyMap) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		list.Scroll(&cd.vp, msg, k)
	case tea.MouseMsg:
		list.Wheel(&cd.vp, msg)
	}
	return nil
}

func (cd *card) View() string {
	back := cd.c.Theme.Subtle.Render("esc back · ↑/↓ scroll")
	return common.PadLines(back+"\n"+cd.vp.View(), cd.width, cd.height)
}

// RenderCard lays out a country's card.
func RenderCard(c *common.Common, code string, width int) string {
	t := c.Theme
	d := c.Snap.Scores
	ix := &d.Index
	var lines []string
	head := fmt.Sprintf("%s (%s)", c.CountryName(code), code)
	member := "not an OECD member"
	if y, ok := data.AccessionYear(code); ok {
		member = fmt.Sprintf("OECD member since %d", y)
	}
	lines = append(lines, t.Heading.Render(head)+t.Subtle.Render(" · "+member), "")
	if c.Snap.Meeting != nil {
		var ss []string
		for _, i := range c.Snap.Meeting.PresentedBy(code) {
			s := c.Snap.Meeting.Sessions[i]
			ss = append(ss, fmt.Sprintf("%d %s", s.Number, s.Title))
		}
		if len(ss) > 0 {
			lines = append(lines, t.Label.Render("Presented in"))
			for _, s := range ss {
				lines = append(lines, markdown.WrapWords(t, markdown.PlainWords(s), width, "  ", "    ", 0)...)
			}
			lines = append(lines, "")
		}
	}
	scored := false
	for i := len(d.Editions) - 1; i >= 0; i-- {
		e := d.Editions[i]
		es := d.Scores[e.ID]
		r, ok := es.Row(code)
		if !ok {
			continue
		}
		scored = true
		comp := make([]float64, len(es.Rows))
		at := 0
		for j, row := range es.Rows {
			comp[j] = row.Values[0]
			if row.Country == code {
				at = j
			}
		}
		rank := "unranked"
		if rk := data.Rank(comp)[at]; rk > 0 {
			rank = e.RankText(rk, bars.CountKnown(comp))
		}
		lines = append(lines, t.Day.Render(fmt.Sprintf("%s %s", ix.Name, e.ID))+" "+common.StatusBadge(t, e)+t.Subtle.Render(" · "+rank))
		// Names as wide as the longest, leaving room for the value and
		// the gap (about 30 cells).
		nameW := 5
		for p, pl := range ix.Pillars {
			nameW = max(nameW, 2+ansi.StringWidth(pl.Name))
			for _, sm := range ix.SubMeasures(p) {
				sub := ix.Measures()[sm]
				nameW = max(nameW, 2+ansi.StringWidth(sub.ID+" "+sub.Name))
			}
		}
		nameW = max(min(nameW, width-32), 12)
		avg, _ := d.Average(e, 0)
		lines = append(lines, fmt.Sprintf("  %s %s  %s", common.Fit("Score", nameW), t.Bold.Render(e.Format(r.Values[0])), gapText(t, e, r.Values[0], avg)))
		for p, pl := range ix.Pillars {
			m := ix.PillarMeasure(p)
			a, _ := d.Average(e, m)
			lines = append(lines, fmt.Sprintf("  %s %s  %s", common.Fit(t.Pillars[p%len(t.Pillars)].Render(common.PillarGlyphs[p%len(common.PillarGlyphs)])+" "+pl.Name, nameW), e.Format(r.Values[m]), gapText(t, e, r.Values[m], a)))
			for _, sm := range ix.SubMeasures(p) {
				sub := ix.Measures()[sm]
				a, _ := d.Average(e, sm)
				lines = append(lines, fmt.Sprintf("    %s %s  %s", common.Fit(sub.ID+" "+sub.Name, nameW-2), e.Format(r.Values[sm]), gapText(t, e, r.Values[sm], a)))
			}
		}
		if c := d.Change(e, code, 0); c.Status == data.ChangeOK {
			lines = append(lines, fmt.Sprintf("  Change since %s: %s", c.From.ID, bars.ChangeText(t, c)))
		} else if c.Status == data.ChangeNotComparable {
			lines = append(lines, t.Subtle.Render(fmt.Sprintf("  Not comparable with %s (%s)", c.From.ID, c.From.Status)))
		}
		lines = append(lines, t.Subtle.Render("  Source: ")+strings.Join(markdown.WrapWords(t, markdown.PlainWords(e.Source), width-10, "", "          ", 0), "\n"), "")
	}
	if !scored {
		lines = append(lines, t.Subtle.Render("No scores in any edition."))
	}
	return strings.Join(lines, "\n")
}

// gapText is the gap to the average; nothing without a value, and "avg
// not given" when the source's average leaves the measure out.
func gapText(t *common.Theme, e *data.Edition, v, avg float64) string {
	if !data.Known(v) {
		return ""
	}
	if !data.Known(avg) {
		return t.Subtle.Render("avg not given")
	}
	return t.Subtle.Render("avg " + e.Format(avg) + " · " + e.FormatDelta(v-avg))
}
