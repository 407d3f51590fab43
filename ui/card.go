package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/data"
)

// card is one country across every edition, with the sessions where it
// presented. It is laid out when opened or resized, and scrolls.
type card struct {
	c             *common
	code          string
	width, height int
	vp            viewport.Model
}

func (cd *card) open(c *common, code string) {
	cd.c, cd.code = c, code
	cd.layout()
	cd.vp.GotoTop()
}

func (cd *card) setSize(w, h int) {
	cd.width, cd.height = w, h
	cd.layout()
}

func (cd *card) layout() {
	cd.vp.Width, cd.vp.Height = cd.width, max(cd.height-1, 1)
	if cd.c == nil {
		return
	}
	cd.vp.SetContent(renderCard(cd.c, cd.code, min(cd.width, maxTextWidth)))
}

func (cd *card) update(msg tea.Msg, k KeyMap) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		scroll(&cd.vp, msg, k)
	case tea.MouseMsg:
		wheel(&cd.vp, msg)
	}
	return nil
}

func (cd *card) view() string {
	back := cd.c.theme.Subtle.Render("esc back · ↑/↓ scroll")
	return padLines(back+"\n"+cd.vp.View(), cd.width, cd.height)
}

// renderCard lays out a country's card.
func renderCard(c *common, code string, width int) string {
	t := c.theme
	d := c.snap.Scores
	ix := &d.Index
	var lines []string
	head := fmt.Sprintf("%s (%s)", c.countryName(code), code)
	member := "not an OECD member"
	if y, ok := data.AccessionYear(code); ok {
		member = fmt.Sprintf("OECD member since %d", y)
	}
	lines = append(lines, t.Heading.Render(head)+t.Subtle.Render(" · "+member), "")
	if c.snap.Meeting != nil {
		var ss []string
		for _, i := range c.snap.Meeting.PresentedBy(code) {
			s := c.snap.Meeting.Sessions[i]
			ss = append(ss, fmt.Sprintf("%d %s", s.Number, s.Title))
		}
		if len(ss) > 0 {
			lines = append(lines, t.Label.Render("Presented in"))
			for _, s := range ss {
				lines = append(lines, wrapWords(t, plainWords(s), width, "  ", "    ", 0)...)
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
			rank = e.RankText(rk, countKnown(comp))
		}
		lines = append(lines, t.Day.Render(fmt.Sprintf("%s %s", ix.Name, e.ID))+" "+statusBadge(t, e)+t.Subtle.Render(" · "+rank))
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
		lines = append(lines, fmt.Sprintf("  %s %s  %s", fit("Score", nameW), t.Bold.Render(data.Format(r.Values[0])), gapText(t, r.Values[0], avg)))
		for p, pl := range ix.Pillars {
			m := ix.PillarMeasure(p)
			a, _ := d.Average(e, m)
			lines = append(lines, fmt.Sprintf("  %s %s  %s", fit(t.Pillars[p%len(t.Pillars)].Render(pillarGlyphs[p%len(pillarGlyphs)])+" "+pl.Name, nameW), data.Format(r.Values[m]), gapText(t, r.Values[m], a)))
			for _, sm := range ix.SubMeasures(p) {
				sub := ix.Measures()[sm]
				a, _ := d.Average(e, sm)
				lines = append(lines, fmt.Sprintf("    %s %s  %s", fit(sub.ID+" "+sub.Name, nameW-2), data.Format(r.Values[sm]), gapText(t, r.Values[sm], a)))
			}
		}
		if c := d.Change(e, code, 0); c.Status == data.ChangeOK {
			lines = append(lines, fmt.Sprintf("  Change since %s: %s", c.From.ID, changeText(t, c)))
		} else if c.Status == data.ChangeNotComparable {
			lines = append(lines, t.Subtle.Render(fmt.Sprintf("  Not comparable with %s (%s)", c.From.ID, c.From.Status)))
		}
		lines = append(lines, t.Subtle.Render("  Source: ")+strings.Join(wrapWords(t, plainWords(e.Source), width-10, "", "          ", 0), "\n"), "")
	}
	if !scored {
		lines = append(lines, t.Subtle.Render("No scores in any edition."))
	}
	return strings.Join(lines, "\n")
}

// gapText is the gap to the average; nothing without a value, and "avg
// not given" when the source's average leaves the measure out.
func gapText(t *Theme, v, avg float64) string {
	if !data.Known(v) {
		return ""
	}
	if !data.Known(avg) {
		return t.Subtle.Render("avg not given")
	}
	return t.Subtle.Render("avg " + data.Format(avg) + " · " + data.FormatDelta(v-avg))
}
