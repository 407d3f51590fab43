package agenda

import (
	"fmt"
	"sort"
	"strings"

	"codeberg.org/plenary/plenary/data/clean"
)

// Report writes the summary of proceedings as Markdown, in the shape of the
// published one: title, dates and venue, participation, then each day's
// sessions with presenters, summary and the rapporteur's notes, and at the
// end every decision, action and open question compiled with owners and
// due dates. notes are the sessions' notes by session id.
func Report(m *Meeting, notes map[string]Note) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", m.Title)
	where := m.Place()
	fmt.Fprintf(&b, "%s", DateSpan(m.Start, m.End))
	if len(where) > 0 {
		fmt.Fprintf(&b, " · %s", strings.Join(where, ", "))
	}
	b.WriteString("\n\n")
	if m.Description != "" {
		b.WriteString(strings.TrimSpace(m.Description) + "\n\n")
	}

	b.WriteString("## Participation\n\n")
	for _, k := range []struct {
		kind  Kind
		title string
	}{{Member, "Member countries"}, {Partner, "Partner countries"}, {Organisation, "Organisations"}, {Secretariat, "Secretariat"}} {
		var names []string
		for _, d := range m.Delegations {
			if d.Kind == k.kind {
				names = append(names, d.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		sort.Strings(names)
		fmt.Fprintf(&b, "- **%s (%d):** %s\n", k.title, len(names), strings.Join(names, ", "))
	}
	b.WriteString("\n")

	type compiled struct {
		Item
		session *Session
	}
	var all []compiled
	var day Date
	for i := range m.Sessions {
		s := &m.Sessions[i]
		if s.Date != day {
			day = s.Date
			fmt.Fprintf(&b, "## %s\n\n", s.Date.Long())
		}
		fmt.Fprintf(&b, "### Session %d: %s\n\n", s.Number, s.Title)
		var meta []string
		if t := s.TimeRange(); t != "" {
			meta = append(meta, t)
		}
		if s.Room != "" {
			meta = append(meta, s.Room)
		}
		if s.Chair != "" {
			meta = append(meta, "Chair: "+s.Chair)
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "*%s*\n\n", strings.Join(meta, " · "))
		}
		if len(s.Presenters) > 0 {
			names := make([]string, len(s.Presenters))
			for j, p := range s.Presenters {
				d, _ := m.Delegation(p)
				names[j] = d.Name
			}
			fmt.Fprintf(&b, "Presentations: %s.\n\n", strings.Join(names, ", "))
		}
		if s.Summary != "" {
			b.WriteString(strings.TrimSpace(s.Summary) + "\n\n")
		}
		if note := strings.TrimSpace(notes[s.ID].Text); note != "" {
			b.WriteString("#### Rapporteur's notes\n\n")
			b.WriteString(strings.TrimSpace(PlainNote(note)) + "\n\n")
			for _, it := range ParseItems(note) {
				all = append(all, compiled{it, s})
			}
		}
	}

	b.WriteString("## Decisions and actions\n\n")
	section := func(kind ItemKind, title string) {
		var items []compiled
		for _, it := range all {
			if it.Kind == kind {
				items = append(items, it)
			}
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		if len(items) == 0 {
			b.WriteString("None recorded.\n\n")
			return
		}
		if kind == Action {
			b.WriteString("| Action | Owner | Due | Session |\n|---|---|---|---|\n")
			for _, it := range items {
				var owners []string
				for _, o := range it.Owners {
					if d, ok := m.Delegation(o); ok {
						owners = append(owners, d.Name)
					} else {
						owners = append(owners, o)
					}
				}
				due := "–"
				if !it.Due.IsZero() {
					due = it.Due.String()
				}
				owner := strings.Join(owners, ", ")
				if owner == "" {
					owner = "–"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", cell(it.Text), cell(owner), due, it.session.Number)
			}
			b.WriteString("\n")
			return
		}
		for i, it := range items {
			fmt.Fprintf(&b, "%d. %s (session %d)\n", i+1, it.Text, it.session.Number)
		}
		b.WriteString("\n")
	}
	section(Decision, "Decisions")
	section(Action, "Actions")
	section(Question, "Open questions")
	// Everything in it was cleaned when read; this makes the promise hold
	// whatever a caller passes in.
	return clean.Text(strings.TrimRight(b.String(), "\n")) + "\n"
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// DateSpan formats a meeting's dates: "18–19 May 2017".
func DateSpan(a, b Date) string {
	switch {
	case a.IsZero():
		return ""
	case a == b:
		return fmt.Sprintf("%d %s %d", a.Day, a.Month, a.Year)
	case a.Year == b.Year && a.Month == b.Month:
		return fmt.Sprintf("%d–%d %s %d", a.Day, b.Day, a.Month, a.Year)
	case a.Year == b.Year:
		return fmt.Sprintf("%d %s – %d %s %d", a.Day, a.Month, b.Day, b.Month, a.Year)
	}
	return fmt.Sprintf("%d %s %d – %d %s %d", a.Day, a.Month, a.Year, b.Day, b.Month, b.Year)
}
