package agenda_test

import (
	"strings"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

// TestEncodeRoundTrip: a meeting written as meeting.toml reads back the
// same, with speakers, source ids, times, limits and text that needs
// escaping.
func TestEncodeRoundTrip(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	s := &m.Sessions[0]
	s.Speakers = []agenda.Speaker{{Name: "Mr. Rolf Alter", Role: "Director of Public Governance, OECD", Delegation: "OECD"}, {Name: `Ana "la" Ruiz\`}}
	s.SourceID = "8d3c-4f1e"
	s.Summary = "Line one with \"quotes\" and a \\ backslash\n\n- a list\ttab"
	m.Sessions[1].Summary = `"""triple"""`
	src, _ := data.RehearsalMeeting()
	timed, probs := agenda.Parse("meeting.toml", string(src))
	if timed == nil {
		t.Fatal(probs)
	}
	timed.Sessions[2].SpeakingLimit = 3 * time.Minute
	for _, m := range []*agenda.Meeting{m, timed} {
		src := agenda.Encode(m, "Imported from schedule.xml\nby plenary")
		if !strings.HasPrefix(src, "# Imported from schedule.xml\n# by plenary\n\n[meeting]\n") {
			t.Errorf("header:\n%s", src[:80])
		}
		back, probs := agenda.Parse("meeting.toml", src)
		if back == nil || len(probs) > 0 {
			t.Fatalf("the encoded meeting does not load: %v\n%s", probs, src)
		}
		a, _ := agenda.ExportJSON(m, nil, nil)
		b, _ := agenda.ExportJSON(back, nil, nil)
		if string(a) != string(b) {
			t.Errorf("round trip differs:\n%s\n---\n%s", a, b)
		}
	}
}
