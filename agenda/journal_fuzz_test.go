package agenda

import (
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/data/clean"
)

// FuzzJournal: a journal file, however damaged, never panics the reader,
// and what it accepts has a session id, a time and its text cleaned.
func FuzzJournal(f *testing.F) {
	f.Add("plenary-journal 1\nsession: s1\nbase: -\nat: 2017-05-18T10:42:07Z\n\ntext\n")
	f.Add("plenary-journal 1\nsession: s1\nbase: zz\nat: x\n\n")
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, s string) {
		e, ok := parseJournal(s)
		if ok && (e.Session == "" || e.At.IsZero()) {
			t.Fatalf("accepted an entry without session or time: %+v", e)
		}
		if !ok {
			return
		}
		_, raw, _ := strings.Cut(s, "\n\n")
		if e.Text != clean.Text(raw) {
			t.Fatalf("the text is not the end of the file, cleaned: %q", e.Text)
		}
		if !IsSlug(e.Session) {
			t.Fatalf("accepted session %q", e.Session)
		}
	})
}
