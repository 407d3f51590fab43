package agenda

import (
	"strings"
	"testing"
)

// FuzzJournal: a journal file, however damaged, never panics the reader,
// and what it accepts has a session and a time.
func FuzzJournal(f *testing.F) {
	f.Add("plenary-journal 1\nsession: s1\nbase: -\nat: 2017-05-18T10:42:07Z\n\ntext\n")
	f.Add("plenary-journal 1\nsession: s1\nbase: zz\nat: x\n\n")
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, s string) {
		e, ok := parseJournal(s)
		if ok && (e.Session == "" || e.At.IsZero()) {
			t.Fatalf("accepted an entry without session or time: %+v", e)
		}
		if ok && !strings.HasSuffix(s, e.Text) {
			t.Fatalf("the text is not the end of the file")
		}
	})
}
