package schedule

import (
	"os"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
)

// fuzzRead: whatever the bytes, reading never panics, and what it reads
// is a meeting.toml that loads without an error.
func fuzzRead(f *testing.F, format Format, seeds ...string) {
	for _, s := range seeds {
		b, err := os.ReadFile("testdata/" + s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read("fuzz", b, Options{Format: format, TimeZone: "Europe/Paris"})
		if err != nil {
			return
		}
		src := agenda.Encode(m, "")
		if back, probs := agenda.Parse("meeting.toml", src); back == nil || probs.Errors() > 0 {
			t.Fatalf("an import that does not load: %v\n%s", probs, src[:min(len(src), 2000)])
		}
		if strings.ContainsAny(src, "\x1b\u202e") {
			t.Fatalf("an escape or a bidi override reached meeting.toml")
		}
	})
}

func FuzzReadXML(f *testing.F)  { fuzzRead(f, XML, "schedule.xml", "old-frab.xml") }
func FuzzReadJSON(f *testing.F) { fuzzRead(f, JSON, "schedule.json") }
