package floor

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var paris, _ = time.LoadLocation("Europe/Paris")

func at(hm string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", "2017-05-18 "+hm, paris)
	return t
}

func waiting(l *Log) string {
	var out []string
	for _, r := range l.Waiting {
		out = append(out, r.Delegation)
	}
	return strings.Join(out, " ")
}

// TestQueue: order, duplicates refused, withdraw, reorder, give, skip,
// clear, and the marks.
func TestQueue(t *testing.T) {
	var l Log
	l.Open(at("09:32"))
	for _, d := range []string{"ESP", "FRA", "KOR"} {
		if err := l.Ask(d, "", at("09:40")); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Ask("FRA", "", at("09:41")); !errors.Is(err, ErrQueued) {
		t.Errorf("a second request: %v", err)
	}
	if err := l.Ask("", "", at("09:41")); !errors.Is(err, ErrNoCode) {
		t.Errorf("no code: %v", err)
	}
	if waiting(&l) != "ESP FRA KOR" || l.Place("KOR") != 3 || l.Place("DEU") != 0 {
		t.Fatalf("queue %q", waiting(&l))
	}
	if !l.Move(2, -1) || waiting(&l) != "ESP KOR FRA" || l.Move(0, -1) || l.Move(2, 1) {
		t.Errorf("after moves: %q", waiting(&l))
	}
	turn, err := l.Give(at("09:45"))
	if err != nil || turn.Delegation != "ESP" || l.Speaker().Delegation != "ESP" {
		t.Fatalf("give: %+v %v", turn, err)
	}
	if err := l.Ask("ESP", "again", at("09:46")); !errors.Is(err, ErrSpeaking) {
		t.Errorf("the speaker asks again: %v", err)
	}
	if !l.Withdraw("FRA") || l.Withdraw("FRA") || waiting(&l) != "KOR" {
		t.Errorf("withdraw: %q", waiting(&l))
	}
	l.Give(at("09:48"))
	if got := l.Turns[0]; got.End != at("09:48") || l.Speaker().Delegation != "KOR" {
		t.Errorf("the first turn did not end when the floor passed: %+v", got)
	}
	if _, err := l.Give(at("09:50")); !errors.Is(err, ErrNobody) {
		t.Errorf("give with no one waiting: %v", err)
	}
	l.Ask("DEU", "data quality, at some length "+strings.Repeat("x", 100), at("09:50"))
	if r := l.Waiting[0]; len([]rune(r.Topic)) != MaxTopic {
		t.Errorf("topic not shortened: %d", len([]rune(r.Topic)))
	}
	l.Ask("FRA", "", at("09:50"))
	// Skip: the first to the back, with when; drop: off the list.
	if r, ok := l.Skip(at("09:51")); !ok || r.Delegation != "DEU" || waiting(&l) != "FRA DEU" || l.Waiting[1].Skipped != at("09:51") {
		t.Errorf("skip: %q %+v", waiting(&l), l.Waiting)
	}
	if r, ok := l.Drop(1); !ok || r.Delegation != "DEU" || waiting(&l) != "FRA" {
		t.Errorf("drop: %q", waiting(&l))
	}
	if _, ok := l.Drop(5); ok {
		t.Error("dropped past the end")
	}
	l.Drop(0)
	l.Ask("DEU", "", at("09:51"))
	l.Close(at("11:05"))
	if l.Speaker() != nil || len(l.Waiting) != 0 || l.IsOpen() || l.Turns[1].End != at("11:05") {
		t.Errorf("close: %+v", l)
	}
	if err := l.Ask("FRA", "", at("11:06")); !errors.Is(err, ErrClosed) {
		t.Errorf("asking in a closed session: %v", err)
	}
	l.Open(at("11:10")) // reopened: the first opening stays
	if !l.IsOpen() || l.Opened != at("09:32") {
		t.Errorf("reopen: %+v", l)
	}
}

// TestFileRoundTrip: what Encode writes, Parse reads back the same.
func TestFileRoundTrip(t *testing.T) {
	l := Log{Session: "ogd-report"}
	l.Open(at("11:31"))
	l.Ask("ESP", `says "hello" \ there`, at("11:40"))
	l.Ask("FRA", "", at("11:41"))
	l.Give(at("11:42"))
	l.Skip(at("11:44")) // FRA, alone, to the back: skipped
	src := Encode(&l, paris)
	got, probs := Parse(File("ogd-report"), src, map[string]bool{"ESP": true, "FRA": true})
	if got == nil {
		t.Fatalf("%v\n%s", probs, src)
	}
	if got.Session != "ogd-report" || !got.Opened.Equal(l.Opened) || len(got.Turns) != 1 || got.Turns[0].Topic != l.Turns[0].Topic ||
		!got.Turns[0].Start.Equal(at("11:42")) || got.Speaker() == nil || waiting(got) != "FRA" || !got.Waiting[0].Skipped.Equal(at("11:44")) {
		t.Errorf("read back: %+v\n%s", got, src)
	}
	if !strings.Contains(src, "opened = 2017-05-18T11:31:00+02:00") {
		t.Errorf("times are not the meeting's:\n%s", src)
	}
}

// TestParseProblems: every problem at its file:line:col.
func TestParseProblems(t *testing.T) {
	codes := map[string]bool{"ESP": true, "FRA": true}
	for _, tt := range []struct{ name, src, want string }{
		{"syntax", "session = \n", "floor/a.toml:1:"},
		{"local time", "session = \"a\"\nopened = 2017-05-18T09:30:00\n", "floor/a.toml:2:10: opened: needs its offset from UTC (2017-05-18T10:31:00+02:00)"},
		{"unknown key", "session = \"a\"\nchair = \"x\"\n", "floor/a.toml:2:1: chair: unknown table or key"},
		{"unknown delegation", "session = \"a\"\n[[turn]]\ndelegation = \"XXX\"\nstart = 2017-05-18T09:30:00+02:00\n", "floor/a.toml:3:14: turn[1].delegation: \"XXX\" is not a delegation of the meeting"},
		{"end before start", "session = \"a\"\n[[turn]]\ndelegation = \"ESP\"\nstart = 2017-05-18T09:30:00+02:00\nend = 2017-05-18T09:20:00+02:00\n", "floor/a.toml:5:7: turn[1].end: a turn ends after it starts"},
		{"two open turns", "session = \"a\"\n[[turn]]\ndelegation = \"ESP\"\nstart = 2017-05-18T09:30:00+02:00\n[[turn]]\ndelegation = \"FRA\"\nstart = 2017-05-18T09:40:00+02:00\n", "floor/a.toml:2:1: turn[1].end: missing: only the last turn may still be going on"},
		{"waits twice", "session = \"a\"\n[[waiting]]\ndelegation = \"ESP\"\n[[waiting]]\ndelegation = \"ESP\"\n", "floor/a.toml:5:14: waiting[2].delegation: ESP waits twice"},
		{"closed before opened", "session = \"a\"\nopened = 2017-05-18T09:30:00+02:00\nclosed = 2017-05-18T09:00:00+02:00\n", "floor/a.toml:3:10: closed: a session is closed after it was opened"},
	} {
		l, probs := Parse("floor/a.toml", tt.src, codes)
		if l != nil || len(probs) == 0 || !strings.HasPrefix(probs[0].String(), tt.want) {
			t.Errorf("%s: %v", tt.name, probs)
		}
	}
}

func FuzzParse(f *testing.F) {
	l := Log{Session: "a"}
	l.Open(at("09:00"))
	l.Ask("ESP", "x", at("09:01"))
	l.Give(at("09:02"))
	f.Add(Encode(&l, paris))
	f.Add("session = \"a\"\n[[waiting]]\ndelegation = \"\\u001b[2J\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		got, probs := Parse("floor/a.toml", src, nil)
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("a problem without a place: %v", p)
			}
		}
		if got == nil {
			return
		}
		// What is read is written and read back the same.
		again, probs := Parse("floor/a.toml", Encode(got, paris), nil)
		if again == nil || len(again.Turns) != len(got.Turns) || len(again.Waiting) != len(got.Waiting) {
			t.Fatalf("round trip: %v", probs)
		}
	})
}
