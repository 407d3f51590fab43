package schedule

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

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

// foldedCalendar is a one-event calendar whose description is piece
// folded n times: n continuation lines, as a calendar 3 million lines long
// (12 MB, under the import's cap) has them.
func foldedCalendar(piece []byte, n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Paris\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20170518T090000\r\nDTEND:20170518T100000\r\nSUMMARY:folded\r\nDESCRIPTION:")
	for range n {
		b.WriteString("\r\n ")
		b.Write(piece)
	}
	b.WriteString("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	return b.Bytes()
}

// FuzzICSLinear: whatever a folded line holds, a calendar of 50,000
// folds of it is read in time linear in its size — seconds would mean the
// reader copies the line again for each fold (the quadratic unfolding
// took 3.8 s for 100,000 folds and did not end for 3 million).
func FuzzICSLinear(f *testing.F) {
	f.Add([]byte("abcd"))
	f.Add([]byte("a\\,b:c;d"))
	f.Add([]byte("\""))
	f.Add(bytes.Repeat([]byte("wide line "), 6)) // 3 MB in all
	f.Fuzz(func(t *testing.T, piece []byte) {
		if len(piece) == 0 || len(piece) > 64 || bytes.ContainsAny(piece, "\r\n") {
			return
		}
		cal := foldedCalendar(piece, 50_000)
		start := time.Now()
		Read("fuzz.ics", cal, Options{Format: ICS})
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%d bytes read in %v", len(cal), d)
		}
	})
}

// BenchmarkReadICSFolded12MB reads a calendar of 3 million folded lines
// (12 MB).
func BenchmarkReadICSFolded12MB(b *testing.B) {
	cal := foldedCalendar([]byte("abc"), 3_000_000)
	b.SetBytes(int64(len(cal)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("big.ics", cal, Options{Format: ICS}); err != nil {
			b.Fatal(err)
		}
	}
}
