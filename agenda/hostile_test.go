package agenda_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

// hostile is what an attacker writes into a note: a new window title
// (OSC 2), the clipboard (OSC 52), a cleared screen (CSI), a C1 CSI, a
// right-to-left override and a zero-width space.
const hostile = "x \x1b]2;PWN\a\x1b]52;c;UFdORUQ=\a\x1b[2J\u009b31m \u202eevil\u202c\u200b\n"

// noControls fails when s holds a control character other than newline and
// tab (and, for iCalendar, the CR of its CRLF line ends), or a hidden one.
func noControls(t *testing.T, what, s string, crlf bool) {
	t.Helper()
	if crlf {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	for i, r := range s {
		if clean.Control(r) {
			t.Fatalf("%s holds %U at byte %d: %q", what, r, i, s[max(i-20, 0):min(i+20, len(s))])
		}
	}
}

func TestHostileNoteIsCleanedOnLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s1.md"), []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := agenda.NoteStore{Dir: dir}.Load("s1")
	if err != nil {
		t.Fatal(err)
	}
	noControls(t, "the loaded note", n.Text, false)
	if n.Text != "x  evil\n" {
		t.Errorf("loaded %q", n.Text)
	}
	// The version is of the bytes on disk, so a save still sees a change
	// made by someone else.
	if _, err := (agenda.NoteStore{Dir: dir}).Save("s1", "mine", agenda.Version{}); err == nil {
		t.Error("saving over a note with the wrong base succeeded")
	}
}

func TestHostileJournalIsCleaned(t *testing.T) {
	j := agenda.Journal{Dir: t.TempDir()}
	if err := j.Write(agenda.Entry{Session: "s1", Text: hostile, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	es := j.Entries()
	if len(es) != 1 {
		t.Fatalf("%d entries", len(es))
	}
	noControls(t, "the journal's text", es[0].Text, false)
	// A journal whose session is not an id is not offered.
	bad := "plenary-journal 1\nsession: ../../x\x1b[2J\nbase: -\nat: 2017-05-18T10:00:00Z\n\ntext"
	if err := os.WriteFile(filepath.Join(j.Dir, "bad.journal"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if es := j.Entries(); len(es) != 1 {
		t.Errorf("a journal with a bad session id was read: %+v", es)
	}
}

// TestExportsEmitNoControls passes hostile text straight to every exporter,
// as a caller that skipped the store would: nothing comes out raw.
func TestExportsEmitNoControls(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	notes := map[string]agenda.Note{}
	for _, s := range m.Sessions {
		notes[s.ID] = agenda.Note{Text: hostile + "D: " + hostile + "A: act @FRA " + hostile}
	}
	noControls(t, "the report", agenda.Report(m, notes, agenda.ReportOptions{}), false)
	var ss []*agenda.Session
	for i := range m.Sessions {
		m.Sessions[i].Title += hostile
		ss = append(ss, &m.Sessions[i])
	}
	noControls(t, "the calendar", agenda.ICS(m, ss, time.Now()), true)
	b, err := agenda.ExportJSON(m, notes, nil)
	if err != nil {
		t.Fatal(err)
	}
	noControls(t, "the JSON", string(b), false)
}

// TestJournalsBelongToTheirWriter: two programs typing into one note keep
// two journals; a save by one removes only its own; a running writer's
// journal is marked live (not to be offered), a finished one's is not.
func TestJournalsBelongToTheirWriter(t *testing.T) {
	dir := t.TempDir()
	a := agenda.Journal{Dir: dir, Writer: "local-1-aaaa"}
	b := agenda.Journal{Dir: dir, Writer: "local-2-bbbb"}
	releaseB, err := b.Claim()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2017, 5, 18, 10, 0, 0, 0, time.UTC)
	a.Write(agenda.Entry{Session: "s1", Text: "typed in a", At: at})
	b.Write(agenda.Entry{Session: "s1", Text: "thirty words typed in b", At: at.Add(time.Second)})
	if err := a.Remove("s1"); err != nil { // a saved
		t.Fatal(err)
	}
	es := a.Entries()
	if len(es) != 1 || es[0].Text != "thirty words typed in b" || es[0].Writer != "local-2-bbbb" {
		t.Fatalf("after a's save: %+v", es)
	}
	if !es[0].Live {
		t.Error("b runs, yet its journal is not marked live")
	}
	releaseB() // b is killed
	c := agenda.Journal{Dir: dir, Writer: "local-3-cccc"}
	es = c.Entries()
	if len(es) != 1 || es[0].Live {
		t.Fatalf("after b ended: %+v", es)
	}
	// A person on a server recovers their own journals only.
	if own := (agenda.Journal{Dir: dir, Writer: "local-1-aaaa", Own: true}).Entries(); len(own) != 0 {
		t.Errorf("another's journal offered: %+v", own)
	}
	if own := (agenda.Journal{Dir: dir, Writer: "local-2-bbbb", Own: true}).Entries(); len(own) != 1 {
		t.Errorf("one's own journal not offered: %+v", own)
	}
	if err := c.Discard(es[0]); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestIDLengthCap: an id too long to name a file is refused with its length.
func TestIDLengthCap(t *testing.T) {
	long := strings.Repeat("a", 329)
	src := "[meeting]\nid = \"m\"\ntitle = \"T\"\norganiser = \"O\"\nstart = 2030-01-01\nend = 2030-01-01\ntimezone = \"UTC\"\n\n" +
		"[[session]]\nid = \"" + long + "\"\nnumber = 1\ndate = 2030-01-01\ntitle = \"S\"\n"
	m, probs := agenda.Parse("meeting.toml", src)
	if m != nil || !strings.Contains(probs.Error(), "is 329 characters long; ids have at most 64") {
		t.Errorf("a 329-character id: %v", probs)
	}
}

// TestJournalLocksDoNotPileUp: a program's lock goes when it ends, and a
// start clears the locks of programs that ended without letting go (a
// kill leaves the file, not the lock).
func TestJournalLocksDoNotPileUp(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		release, err := agenda.Journal{Dir: dir, Writer: fmt.Sprintf("local-%d-aaaa", i)}.Claim()
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	os.WriteFile(filepath.Join(dir, "local-99-dead.lock"), nil, 0o600) // killed: no one holds it
	release, err := agenda.Journal{Dir: dir, Writer: "local-100-bbbb"}.Claim()
	if err != nil {
		t.Fatal(err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != "local-100-bbbb.lock" {
		t.Errorf("locks left while one program runs: %v", left)
	}
	release()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("locks left after the last program: %v", left)
	}
}
