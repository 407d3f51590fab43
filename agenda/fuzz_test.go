package agenda_test

import (
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// FuzzParse: no input makes the loader panic, every problem has a place, and
// a meeting that loads holds no escape or control characters.
func FuzzParse(f *testing.F) {
	embedded, err := strict.ReadFile(data.Embedded(), agenda.MeetingFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(embedded)
	f.Add(base + session("start = \"09:00\"\nend = \"10:00\"\npresenters = [\"FRA\"]\n"))
	f.Add("[meeting\n")
	f.Add("a = [[[[[[[[[[]]]]]]]]]]\n")
	f.Add("[[session]]\n[[session]]\nsession = 1\n")
	f.Add("x = \"\"\"\n\"\"\"\"\n[meeting]\n")
	f.Fuzz(func(t *testing.T, src string) {
		m, probs := agenda.Parse("meeting.toml", src)
		for _, p := range probs {
			if p.File != "meeting.toml" || p.Line < 1 || p.Col < 1 || p.Msg == "" {
				t.Fatalf("problem without a place: %#v", p)
			}
			if s := p.String(); clean.Text(s) != s {
				t.Fatalf("problem text is not clean: %q", s)
			}
		}
		if m == nil {
			if probs.Errors() == 0 {
				t.Fatal("no meeting and no error")
			}
			return
		}
		if probs.Errors() > 0 {
			t.Fatal("a meeting despite errors")
		}
		check := func(s string) {
			if strings.ContainsAny(s, "\x1b\r\x07\u009b") {
				t.Fatalf("unsanitised text %q", s)
			}
		}
		check(m.Title)
		check(m.Description)
		for _, s := range m.Sessions {
			check(s.Title)
			check(s.Summary)
			check(s.Chair)
		}
		for _, d := range m.Delegations {
			check(d.Name)
		}
	})
}
