package agenda_test

import (
	"fmt"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line string
		want string // kind|text|owners|due, or "plain"
	}{
		{"D: Adopt the OURdata 2017 methodology", "decision|Adopt the OURdata 2017 methodology||"},
		{"A: Send country feedback @DEU due 2017-06-30", "action|Send country feedback @DEU|DEU|2017-06-30"},
		{"A: Draft the legal instrument @oecd @FRA", "action|Draft the legal instrument @oecd @FRA|OECD FRA|"},
		{"a: lower-case marker @KOR due 2017-07-01", "action|lower-case marker @KOR|KOR|2017-07-01"},
		{"Q: Should the Expert Group become an OECD body?", "question|Should the Expert Group become an OECD body?||"},
		{"- D: in a list", "decision|in a list||"},
		{"  * A: indented list item @ESP", "action|indented list item @ESP|ESP|"},
		{"A: due date that is not one @DEU due 2017-13-45", "action|due date that is not one @DEU due 2017-13-45|DEU|"},
		{"A: due in words due tomorrow", "action|due in words due tomorrow||"},
		{"[10:30] Q: next steps?", "question|next steps?||"},
		{"- [9:05] D: stamped in a list", "decision|stamped in a list||"},
		{"D:", "plain"},
		{"D:    ", "plain"},
		{"D:no space", "plain"},
		{"Decision: spelled out", "plain"},
		{"email me@example.org", "plain"},
		{"", "plain"},
	}
	for _, tt := range tests {
		it, ok := agenda.ParseLine(tt.line)
		got := "plain"
		if ok {
			due := ""
			if !it.Due.IsZero() {
				due = it.Due.String()
			}
			got = fmt.Sprintf("%s|%s|%s|%s", it.Kind, it.Text, strings.Join(it.Owners, " "), due)
		}
		if got != tt.want {
			t.Errorf("ParseLine(%q) = %s, want %s", tt.line, got, tt.want)
		}
	}
}

func TestParseItemsAndPlainNote(t *testing.T) {
	note := "Discussion\n\nD: Adopt X\nsome text\nA: Follow up @DEU due 2017-06-30\n"
	items := agenda.ParseItems(note)
	if len(items) != 2 || items[0].Line != 3 || items[1].Line != 5 {
		t.Fatalf("items %+v", items)
	}
	want := "Discussion\n\n- **Decision:** Adopt X\n\nsome text\n- **Action:** Follow up @DEU (due 2017-06-30)\n"
	if got := agenda.PlainNote(note); got != want {
		t.Errorf("PlainNote =\n%q\nwant\n%q", got, want)
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"D: x", "A: y @DEU due 2017-06-30", "Q: z?", "- a: w @oecd", "A: due 2017-02-30", "plain",
		"D: \u00a0", "A: \v", "Q: \u3000 ", "A: x due 2017-06-30", "D:  due 2017-06-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		it, ok := agenda.ParseLine(line)
		if !ok {
			return
		}
		if strings.TrimSpace(it.Text) == "" {
			t.Fatalf("an item without text from %q", line)
		}
		if strings.Contains(it.Text, "\n") && !strings.Contains(line, "\n") {
			t.Fatalf("text gained a newline: %q", it.Text)
		}
		for _, o := range it.Owners {
			if !strings.Contains(strings.ToUpper(line), "@"+o) {
				t.Fatalf("owner %q not in %q", o, line)
			}
		}
	})
}

// TestSpeakerPrefix: "[10:32] Spain: D: …" is Spain's decision; a colon in
// an item's text is not a speaker.
func TestSpeakerPrefix(t *testing.T) {
	it, ok := agenda.ParseLine("[10:32] Spain: D: Publish the 2017 results")
	if !ok || it.Kind != agenda.Decision || it.Speaker != "Spain" || it.Stamp != "[10:32]" || it.Text != "Publish the 2017 results" {
		t.Errorf("%+v %v", it, ok)
	}
	it, ok = agenda.ParseLine("A: Circulate: the slides @OECD")
	if !ok || it.Kind != agenda.Action || it.Speaker != "" || it.Text != "Circulate: the slides @OECD" {
		t.Errorf("%+v %v", it, ok)
	}
	if _, ok := agenda.ParseLine("[10:33] Korea: we publish everything"); ok {
		t.Error("a plain statement became an item")
	}
}
