package floor

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// File is the path of session id's record in the bundle.
func File(id string) string { return Dir + "/" + id + ".toml" }

// Parse reads a session's record. codes, when given, are the delegations
// of the meeting: a turn or a request of another is an error. Problems come
// at file:line:col; the log is nil when there are errors.
func Parse(file, src string, codes map[string]bool) (*Log, strict.Problems) {
	doc, probs := strict.Decode(file, src)
	if doc == nil {
		return nil, probs
	}
	doc.Top("session", "opened", "closed", "turn", "waiting")
	top := &strict.Table{Doc: doc, M: doc.Raw}
	l := &Log{Session: top.Line("session", true)}
	l.Opened, _ = top.Instant("opened", false)
	l.Closed, _ = top.Instant("closed", false)
	if !l.Closed.IsZero() && (l.Opened.IsZero() || l.Closed.Before(l.Opened)) {
		top.Errorf("closed", "a session is closed after it was opened")
	}
	code := func(t *strict.Table) string {
		d := t.Line("delegation", true)
		if d != "" && codes != nil && !codes[d] {
			t.Errorf("delegation", "%q is not a delegation of the meeting", d)
		}
		return d
	}
	turns := doc.Array("", doc.Raw, "turn")
	for i, v := range turns {
		t := doc.Table(fmt.Sprintf("turn[%d]", i+1), v, "delegation", "topic", "asked", "start", "end")
		turn := Turn{Delegation: code(t), Topic: shorten(t.Line("topic", false))}
		turn.Asked, _ = t.Instant("asked", false)
		turn.Start, _ = t.Instant("start", true)
		turn.End, _ = t.Instant("end", false)
		if !turn.End.IsZero() && turn.End.Before(turn.Start) {
			t.Errorf("end", "a turn ends after it starts")
		}
		if turn.End.IsZero() && i+1 < len(turns) {
			t.Errorf("end", "missing: only the last turn may still be going on")
		}
		l.Turns = append(l.Turns, turn)
	}
	seen := map[string]bool{}
	for i, v := range doc.Array("", doc.Raw, "waiting") {
		t := doc.Table(fmt.Sprintf("waiting[%d]", i+1), v, "delegation", "topic", "asked", "skipped")
		r := Request{Delegation: code(t), Topic: shorten(t.Line("topic", false))}
		r.Asked, _ = t.Instant("asked", false)
		r.Skipped, _ = t.Instant("skipped", false)
		if seen[r.Delegation] {
			t.Errorf("delegation", "%s waits twice", r.Delegation)
		}
		seen[r.Delegation] = true
		l.Waiting = append(l.Waiting, r)
	}
	probs = append(probs, doc.Problems...)
	probs.Sort()
	if probs.Errors() > 0 {
		return nil, probs
	}
	return l, probs
}

// Encode writes the record as TOML, times in loc with their offset, in the
// order things happened: readable, and a diff shows what the chair did.
func Encode(l *Log, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The floor of session %s, kept by plenary: the chair's marks, the\n# turns taken and the queue, in the meeting's time.\nsession = %s\n", clean.Line(l.Session), quote(l.Session))
	at := func(key string, t time.Time) {
		if !t.IsZero() {
			fmt.Fprintf(&b, "%s = %s\n", key, t.In(loc).Format(time.RFC3339))
		}
	}
	at("opened", l.Opened)
	at("closed", l.Closed)
	for _, t := range l.Turns {
		fmt.Fprintf(&b, "\n[[turn]]\ndelegation = %s\n", quote(t.Delegation))
		if t.Topic != "" {
			fmt.Fprintf(&b, "topic = %s\n", quote(t.Topic))
		}
		at("asked", t.Asked)
		at("start", t.Start)
		at("end", t.End)
	}
	for _, r := range l.Waiting {
		fmt.Fprintf(&b, "\n[[waiting]]\ndelegation = %s\n", quote(r.Delegation))
		if r.Topic != "" {
			fmt.Fprintf(&b, "topic = %s\n", quote(r.Topic))
		}
		at("asked", r.Asked)
		at("skipped", r.Skipped)
	}
	return b.String()
}

// quote writes s, cleaned, as a TOML basic string.
func quote(s string) string { return strict.Quote(clean.Line(s)) }
