package agenda

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// A note may open with TOML front matter between two "+++" lines; its one
// key, status, says whether the rapporteurs' text is approved. No status is
// a draft.
const (
	frontFence = "+++"
	Draft      = "draft"
	Approved   = "approved"
)

// ConfidentialPrefix starts a line that is for the rapporteurs and the
// secretariat only: it is never published, exported, copied or shown to
// anyone else.
const ConfidentialPrefix = "//"

// IsConfidential reports whether a line of a note is confidential: after
// its list marker, time stamp and speaker (any of them, in that order),
// what it says starts with //. "- // …", "[11:02] // …" (what ctrl+t
// writes) and "[11:03] Spain: // …" (ctrl+o) are; "see https://…" and
// "and/or // maybe" are text.
func IsConfidential(line string) bool {
	return strings.HasPrefix(afterPrefix(line), ConfidentialPrefix)
}

// frontLines is how many lines the front matter takes, fences included;
// 0 when the note has none (a first "+++" never closed is text).
func frontLines(lines []string) int {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\r") != frontFence {
		return 0
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r") == frontFence {
			return i + 1
		}
	}
	return 0
}

// masked is a note's lines with the front matter and the confidential
// lines blanked: what is read from it keeps its line numbers.
func masked(note string) []string {
	lines := strings.Split(note, "\n")
	n := frontLines(lines)
	for i := range lines {
		if i < n || IsConfidential(lines[i]) {
			lines[i] = ""
		}
	}
	return lines
}

// Published is what of a note may leave the rapporteurs: no front matter,
// no confidential line.
func Published(note string) string {
	lines := strings.Split(note, "\n")
	var out []string
	for _, l := range lines[frontLines(lines):] {
		if !IsConfidential(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Confidential counts a note's confidential lines.
func Confidential(note string) int {
	n := 0
	for _, l := range strings.Split(note, "\n") {
		if IsConfidential(l) {
			n++
		}
	}
	return n
}

// front is the front matter as written.
type front struct {
	Status string `toml:"status"`
}

// Status is a note's status: Approved, or Draft when it says nothing
// else (or cannot be read: plenary check says why).
func Status(note string) string {
	lines := strings.Split(note, "\n")
	n := frontLines(lines)
	if n == 0 {
		return Draft
	}
	var f front
	if _, err := toml.Decode(strings.Join(lines[1:n-1], "\n"), &f); err != nil || f.Status != Approved {
		return Draft
	}
	return Approved
}

// WithStatus is the note with its status set: approved writes the front
// matter, draft takes the status out (and the front matter when nothing
// else is in it).
func WithStatus(note, status string) string {
	lines := strings.Split(note, "\n")
	n := frontLines(lines)
	var keep []string
	if n > 0 {
		for _, l := range lines[1 : n-1] {
			if k, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == "status" {
				continue
			}
			keep = append(keep, l)
		}
	}
	if status == Approved {
		keep = append([]string{`status = "approved"`}, keep...)
	}
	body := strings.Join(lines[n:], "\n")
	if strings.TrimSpace(strings.Join(keep, "")) == "" {
		return body
	}
	return frontFence + "\n" + strings.Join(keep, "\n") + "\n" + frontFence + "\n" + body
}

// CheckNote lists what is wrong in a note as warnings at file:line:col (a
// note is free text: it is never invalid): front matter that cannot be
// read, owners that are not delegations of the meeting, due and done
// dates that are not dates or are far from the meeting.
func CheckNote(m *Meeting, file, note string) strict.Problems {
	var probs strict.Problems
	var limit strict.Limit
	warn := func(line, col int, format string, args ...any) {
		if limit.Room(&probs, file) {
			probs = append(probs, strict.Problem{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
		}
	}
	lines := strings.Split(note, "\n")
	if n := frontLines(lines); n > 0 {
		doc, ps := strict.Decode(file, strings.Join(lines[1:n-1], "\n"))
		for _, p := range ps {
			warn(p.Line+1, p.Col, "front matter: %s", p.Msg)
		}
		if doc != nil {
			for k, v := range doc.Raw {
				line := 2
				for i, l := range lines[1 : n-1] {
					if strings.HasPrefix(strings.TrimSpace(l), k) {
						line = i + 2
						break
					}
				}
				switch s, _ := v.(string); {
				case k != "status":
					warn(line, 1, "front matter: unknown key %q (the one key is status)", clean.Line(k))
				case s != Draft && s != Approved:
					warn(line, 1, "front matter: status must be %q or %q", Draft, Approved)
				}
			}
		}
	} else if len(lines) > 0 && strings.TrimRight(lines[0], " \t\r") == frontFence {
		warn(1, 1, "front matter opened with +++ is never closed: the note reads it as text")
	}
	front := frontLines(lines)
	for i, l := range lines {
		if i < front {
			continue
		}
		switch {
		case IsConfidential(l) && !strings.HasPrefix(strings.TrimLeft(l, " \t"), ConfidentialPrefix):
			// Published by plenary before 2026-12: // after a prefix now
			// keeps the line in.
			warn(i+1, utf8.RuneCountInString(l[:strings.Index(l, ConfidentialPrefix)])+1, "confidential (// after a list marker, time stamp or speaker): no longer published")
		case !IsConfidential(l):
			if at := strayConfidential(l); at >= 0 {
				warn(i+1, utf8.RuneCountInString(l[:at])+1, "// after other text is published: start the line with it (after a time stamp or speaker) to keep it confidential")
			}
		}
	}
	for _, it := range ParseItems(note) {
		line := lines[it.Line-1]
		for _, w := range ItemWarnings(m, it) {
			col := 1
			if i := strings.Index(strings.ToUpper(line), strings.ToUpper(w.At)); i >= 0 {
				col = utf8.RuneCountInString(line[:i]) + 1
			}
			warn(it.Line, col, "%s", w.Msg)
		}
	}
	return probs
}

// strayConfidential is where a line that is published has a // that looks
// meant to hide what follows (after a space, not a URL's "://"), or -1.
func strayConfidential(line string) int {
	for i := strings.Index(line, ConfidentialPrefix); i >= 0; {
		if i > 0 && (line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
		next := strings.Index(line[i+2:], ConfidentialPrefix)
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return -1
}

// ItemWarning is what is wrong in a typed line, and the text it is about.
type ItemWarning struct{ Msg, At string }

// ItemWarnings checks a typed line against the meeting: owners that are
// not delegations, due and done dates that are not dates or are far from
// the meeting (before the year it starts, more than ten years after).
func ItemWarnings(m *Meeting, it Item) []ItemWarning {
	var ws []ItemWarning
	for _, o := range it.Owners {
		if _, ok := m.Delegation(o); !ok {
			ws = append(ws, ItemWarning{fmt.Sprintf("@%s is not a delegation of this meeting", clean.Line(o)), "@" + o})
		}
	}
	plausible := func(d Date) bool {
		return m.Start.IsZero() || (d.Year >= m.Start.Year-1 && d.Year <= m.End.Year+10)
	}
	for _, d := range []struct {
		word, written string
		date          Date
	}{{"due", it.DueWritten, it.Due}, {"done", it.DoneWritten, it.DoneOn}} {
		switch {
		case d.written != "":
			ws = append(ws, ItemWarning{fmt.Sprintf("%s %s is not a date: write YYYY-MM-DD", d.word, clean.Line(d.written)), d.written})
		case !d.date.IsZero() && !plausible(d.date):
			ws = append(ws, ItemWarning{fmt.Sprintf("%s %s is far from the meeting (%s): is the year right?", d.word, d.date, DateSpan(m.Start, m.End)), d.date.String()})
		}
	}
	return ws
}
