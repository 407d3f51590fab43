package agenda_test

import (
	"fmt"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/agendatest"
	"codeberg.org/plenary/plenary/data"
)

func TestNoteIndex(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	texts := map[string]string{
		m.Sessions[0].ID: "Opening.\nSpain: Remarks on DATA quality\nD: data first; data again\n",
		m.Sessions[2].ID: "ÉTÉ remarks\nnothing",
	}
	x := agenda.NewNoteIndex(m, func(id string) string { return texts[id] })
	hits, total := x.Search("data", 10)
	if total != 2 || len(hits) != 2 || hits[0] != (agenda.NoteHit{Session: 0, Line: 2, Text: "Spain: Remarks on DATA quality"}) || hits[1].Line != 3 {
		t.Errorf("data: %d %+v", total, hits)
	}
	if hits, total := x.Search("  REMARKS ", 1); total != 2 || len(hits) != 1 {
		t.Errorf("remarks, limit 1: %d %+v", total, hits)
	}
	if hits, _ := x.Search("été", 5); len(hits) != 1 || hits[0].Session != 2 || hits[0].Text != "ÉTÉ remarks" {
		t.Errorf("été: %+v", hits)
	}
	for _, q := range []string{"", "   ", "absent", "a\nb"} {
		if hits, total := x.Search(q, 5); total != 0 || hits != nil {
			t.Errorf("%q: %d %+v", q, total, hits)
		}
	}
}

// BenchmarkNoteSearch: a search over 500 notes of 20 KB each (10 MB, more
// than a week of minutes), the index made once.
func BenchmarkNoteSearch(b *testing.B) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(500, 5))
	if m == nil {
		b.Fatal(probs)
	}
	texts := map[string]string{}
	for i, s := range m.Sessions {
		var t strings.Builder
		for j := 0; t.Len() < 20<<10; j++ {
			fmt.Fprintf(&t, "[10:%02d] Delegation %d: remarks on the availability of open data, line %d of session %d\n", j%60, j%40, j, i)
		}
		texts[s.ID] = t.String()
	}
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			agenda.NewNoteIndex(m, func(id string) string { return texts[id] })
		}
	})
	x := agenda.NewNoteIndex(m, func(id string) string { return texts[id] })
	// A rare phrase, and a word on every line (every line is counted).
	for _, q := range []string{"session 499", "open data"} {
		b.Run(strings.ReplaceAll(q, " ", "-"), func(b *testing.B) {
			for b.Loop() {
				if _, total := x.Search(q, 200); total == 0 {
					b.Fatal("nothing found")
				}
			}
		})
	}
}
