package ui

import (
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/ui/common"
)

// TestShared: programs of the same size and colours following the same
// slide draw it and its footer once between them; another size draws its
// own; they share one theme; many programs at once are safe (go test
// -race).
func TestShared(t *testing.T) {
	m := embeddedMeeting(t)
	sc := embeddedScores(t)
	cache := common.NewShared()
	r := room.New(&room.Snapshot{Meeting: m, Scores: sc, Deck: embeddedDeck(t, m, sc)})
	st := r.State()
	r.Join("p-ana").Present("Ana", room.Showing{Slide: st.Snapshot.Deck.Slides[0], Count: 4, FromDeck: true}, false)
	var wg sync.WaitGroup
	views := make([]string, 8)
	themes := make([]*common.Theme, 8)
	for i := range views {
		wg.Go(func() {
			p := &room.Person{Name: "Bo", ID: "p-bo", Role: room.Delegate}
			model := New(Options{Meeting: st.Snapshot.Meeting, Scores: st.Snapshot.Scores, Deck: st.Snapshot.Deck, Renderer: asciiRenderer(),
				Person: p, Member: r.Join(p.ID), Remote: true, Shared: cache, FixedClock: true, Now: fixedAt(t, m, "2017-05-18T10:30")})
			w := 100 + i%2*20 // two sizes
			model = send(model, tea.WindowSizeMsg{Width: w, Height: 30}, roomMsg{state: r.State()})
			views[i], themes[i] = model.View(), model.c.Theme
		})
	}
	wg.Wait()
	if n := len(cache.Entries); n != 6 {
		t.Errorf("%d slides, footers and frames drawn for two sizes", n)
	}
	for _, th := range themes {
		if th != themes[0] {
			t.Error("programs on terminals alike made themes of their own")
		}
	}
	if views[0] != views[2] || views[0] == views[1] {
		t.Error("followers of one size do not see the same frame")
	}
}
