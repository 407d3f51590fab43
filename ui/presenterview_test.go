package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/room"
)

// TestPresenterViewTakesTheRoomBack: a presenter's two programs; the one
// presenting drops; the presenter view says so, and T presents from there
// at the slide reached, while the room waits.
func TestPresenterViewTakesTheRoomBack(t *testing.T) {
	m := embeddedMeeting(t)
	sc := embeddedScores(t)
	r := room.New(&room.Snapshot{Meeting: m, Scores: sc, Deck: embeddedDeck(t, m, sc)})
	r.Grace = time.Minute
	ana := &room.Person{Name: "Ana", ID: "p-ana", Role: room.Secretariat}
	open := func() (Model, *room.Member) {
		mem := r.Join(ana.ID)
		st := r.State()
		model := New(Options{Meeting: st.Snapshot.Meeting, Scores: st.Snapshot.Scores, Deck: st.Snapshot.Deck, Renderer: asciiRenderer(),
			Person: ana, Member: mem, Remote: true, FixedClock: true, Now: fixedAt(t, m, "2017-05-18T10:30")})
		return send(model, tea.WindowSizeMsg{Width: 120, Height: 40}), mem
	}
	right := tea.KeyMsg{Type: tea.KeyRight}
	first, presenting := open()
	send(first, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("P")}, right, right, right)
	view, _ := open()
	view = send(view, roomMsg{state: r.State()})
	if v := view.View(); !strings.Contains(v, "Presenter view · slide 3/4") || strings.Contains(v, "dropped") {
		t.Fatalf("the presenter view:\n%s", v)
	}
	presenting.Leave() // without leaving the presentation: a dropped connection
	view = send(view, roomMsg{state: r.State()})
	if v := view.View(); !strings.Contains(v, "Your presenting screen dropped") || !strings.Contains(v, "T presents from here") {
		t.Fatalf("the presenter view does not say the presenting screen dropped:\n%s", v)
	}
	view = send(view, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("T")})
	if sh := r.State().Showing; sh == nil || sh.Away || sh.Index != 2 {
		t.Fatalf("the room after T: %+v", sh)
	}
	v := view.View()
	if strings.Contains(v, "Presenter view") || !strings.Contains(v, "3/4 · Session 1 presenters") {
		t.Fatalf("T did not present from the presenter view's screen:\n%s", v)
	}
	send(view, right)
	if sh := r.State().Showing; sh.Index != 3 {
		t.Fatalf("the presenter view's screen does not drive the room: %+v", sh)
	}
}
