package agendaview

import (
	"fmt"
	"strings"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/components/markdown"
)

// renderSession lays out the detail of session i in width cells. It runs in
// Update when the selection or the size changes, never in View.
// clock is what the meeting clock says of the session ("● now running ·
// 25 min left"), already styled, or "".
func renderSession(c *common.Common, i int, width int, clock string) string {
	m := c.Snap.Meeting
	s := &m.Sessions[i]
	t := c.Theme
	var lines []string
	lines = append(lines, markdown.WrapWords(t, markdown.PlainWords(strings.Join(s.Meta(), " · ")), width, "", "", 0)...)
	if clock != "" {
		lines = append(lines, clock)
	}
	lines = append(lines, "")
	for _, l := range markdown.WrapWords(t, markdown.PlainWords(s.Title), width, "", "", 0) {
		lines = append(lines, t.Heading.Render(l))
	}
	lines = append(lines, "")

	label := func(name string, value []string) {
		if len(value) == 0 {
			return
		}
		const lw = 12
		head := t.Label.Render(fmt.Sprintf("%-*s", lw, name))
		pad := strings.Repeat(" ", lw)
		for j, v := range value {
			first := pad
			if j == 0 {
				first = head
			}
			for k, l := range markdown.WrapWords(t, markdown.PlainWords(v), max(width-lw, 8), "", "", 0) {
				if k == 0 {
					lines = append(lines, first+l)
				} else {
					lines = append(lines, pad+l)
				}
			}
		}
	}
	if v, ok := m.RoomNamed(s.Room); ok && v.Description != "" {
		label("Room", []string{v.Name + " — " + v.Description}) // how to find it
	}
	if s.Chair != "" {
		label("Chair", []string{s.Chair})
	}
	var presenters []string
	for _, code := range s.Presenters {
		d, _ := m.Delegation(code)
		presenters = append(presenters, fmt.Sprintf("%s (%s)", d.Name, d.Code))
	}
	if len(presenters) > 0 {
		label("Presenters", []string{strings.Join(presenters, ", ")})
	}
	if len(s.Speakers) > 0 {
		label("Speakers", s.SpeakerNames())
	}
	if len(s.Tags) > 0 {
		tags := make([]string, len(s.Tags))
		for j, tag := range s.Tags {
			tags[j] = "#" + tag
		}
		label("Tags", []string{strings.Join(tags, " ")})
	}
	if s.URL != "" {
		label("Page", []string{s.URL}) // a terminal opens it with a click
	}
	if len(s.Links) > 0 {
		var ls []string
		for _, l := range s.Links {
			if l.Title != "" {
				ls = append(ls, l.Title+" — "+l.URL)
			} else {
				ls = append(ls, l.URL)
			}
		}
		label("Links", ls)
	}
	if s.Summary != "" {
		lines = append(lines, "")
		lines = append(lines, markdown.RenderMarkdown(t, s.Summary, width)...)
	}
	// What may be published of them: no front matter, no confidential line.
	if note := agenda.PlainNote(c.NoteText(s.ID)); strings.TrimSpace(note) != "" {
		lines = append(lines, "", t.Day.Render("Rapporteur's notes"), "")
		lines = append(lines, markdown.RenderMarkdown(t, note, width)...)
	}
	return strings.Join(lines, "\n")
}

// renderMeeting lays out what the meeting is: where, when, who takes part
// and its description.
func renderMeeting(c *common.Common, width int) string {
	m := c.Snap.Meeting
	t := c.Theme
	var lines []string
	for _, l := range markdown.WrapWords(t, markdown.PlainWords(m.Title), width, "", "", 0) {
		lines = append(lines, t.Heading.Render(l))
	}
	lines = append(lines, "")
	add := func(name, value string) {
		if value == "" {
			return
		}
		const lw = 12
		for k, l := range markdown.WrapWords(t, markdown.PlainWords(value), max(width-lw, 8), "", "", 0) {
			head := strings.Repeat(" ", lw)
			if k == 0 {
				head = t.Label.Render(fmt.Sprintf("%-*s", lw, name))
			}
			lines = append(lines, head+l)
		}
	}
	add("Organiser", m.Organiser)
	add("Where", strings.Join(m.Place(), ", "))
	add("When", agenda.DateSpan(m.Start, m.End))
	add("Time zone", m.TimeZone)
	add("Sessions", fmt.Sprintf("%d over %d days", len(m.Sessions), len(m.Days())))
	var parts []string
	for _, kt := range common.KindTitles {
		n := 0
		for _, d := range m.Delegations {
			if d.Kind == kt.Kind {
				n++
			}
		}
		switch {
		case n == 1:
			parts = append(parts, "1 "+kt.One)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, kt.Plural))
		}
	}
	add("Delegations", strings.Join(parts, ", "))
	add("Web", m.URL)
	if m.Description != "" {
		lines = append(lines, "")
		lines = append(lines, markdown.RenderMarkdown(t, m.Description, width)...)
	}
	return strings.Join(lines, "\n")
}
