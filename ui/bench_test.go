package ui

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/agendatest"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/datatest"
)

func largeMeeting(b *testing.B) *agenda.Meeting {
	b.Helper()
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(5000, 10))
	if m == nil {
		b.Fatal(probs)
	}
	return m
}

// BenchmarkCursorMove is one j or k keystroke through Update and View on an
// agenda of 5,000 sessions over 10 days, at 120×40 (list and detail).
func BenchmarkCursorMove(b *testing.B) {
	model := newTestModel(b, largeMeeting(b), 120, 40)
	j, k := keys("j")[0], keys("k")[0]
	i := 0
	for b.Loop() {
		msg := j
		if i/50%2 == 1 {
			msg = k
		}
		i++
		next, _ := model.Update(msg)
		model = next.(Model)
		_ = model.View()
	}
}

// BenchmarkFilterKeystroke is one keystroke in the filter on 5,000
// sessions, through Update and View: typing "data xyz" a letter at a time
// and deleting it again, so it counts narrowing searches, full rescans on
// backspace and queries that match nothing.
func BenchmarkFilterKeystroke(b *testing.B) {
	model := newTestModel(b, largeMeeting(b), 120, 40)
	model = send(model, keys("/")...)
	var cycle []tea.Msg
	cycle = append(cycle, keys("data xyz")...)
	for range 8 {
		cycle = append(cycle, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	i := 0
	for b.Loop() {
		next, _ := model.Update(cycle[i%len(cycle)])
		i++
		model = next.(Model)
		_ = model.View()
	}
}

// BenchmarkFirstFrame is what the app does between loading and the first
// frame: build the root model, size it and draw it (embedded meeting).
func BenchmarkFirstFrame(b *testing.B) {
	m, d := embeddedMeeting(b), embeddedScores(b)
	for b.Loop() {
		model := New(Options{Meeting: m, Scores: d, Source: "embedded meeting", Renderer: asciiRenderer(),
			Now: fixedAt(b, m, "2017-05-18T10:30"), FixedClock: true})
		model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = model.View()
	}
}

func largeScores(b *testing.B) *data.Dataset {
	b.Helper()
	d, probs := data.LoadScores(datatest.Scores(250, 16))
	if d == nil {
		b.Fatal(probs)
	}
	return d
}

func scoresModel(b *testing.B) Model {
	m := embeddedMeeting(b)
	model := New(Options{Meeting: m, Scores: largeScores(b), Renderer: asciiRenderer(),
		Now: fixedAt(b, m, "2017-05-18T10:30"), FixedClock: true})
	return send(model, tea.WindowSizeMsg{Width: 120, Height: 40}, keys("2")[0])
}

// BenchmarkScoresSort is one s keystroke (next sort column) on 249
// countries, through Update and View.
func BenchmarkScoresSort(b *testing.B) {
	model := scoresModel(b)
	s := keys("s")[0]
	for b.Loop() {
		next, _ := model.Update(s)
		model = next.(Model)
		_ = model.View()
	}
}

// BenchmarkScoresFilter types and deletes a letter in the Scores filter.
func BenchmarkScoresFilter(b *testing.B) {
	model := send(scoresModel(b), keys("/")...)
	cycle := []tea.Msg{keys("a")[0], tea.KeyMsg{Type: tea.KeyBackspace}}
	i := 0
	for b.Loop() {
		next, _ := model.Update(cycle[i%2])
		i++
		model = next.(Model)
		_ = model.View()
	}
}

// BenchmarkCompareView lays out and draws the Compare view of 10 countries
// at 250×70 (what a change of edition or mode costs).
func BenchmarkCompareView(b *testing.B) {
	model := scoresModel(b)
	model = send(model, tea.WindowSizeMsg{Width: 250, Height: 70})
	model = send(model, keys("          c")...) // mark ten, compare
	if len(model.scores().Compare.Codes) != 10 {
		b.Fatalf("%d countries in compare", len(model.scores().Compare.Codes))
	}
	for b.Loop() {
		model.scores().Compare.Refresh()
		_ = model.View()
	}
}

// BenchmarkFollowerSlideChange is what one follower's program does when
// the presenter moves to the next slide: the room's new state through
// Update, then View, at 120×40 in 256 colours, with a slide cache shared
// as on a server (the drawing of the slide is paid once for the room).
func BenchmarkFollowerSlideChange(b *testing.B) {
	m := embeddedMeeting(b)
	d := embeddedScores(b)
	dk := embeddedDeck(b, m, d)
	snap := &room.Snapshot{Meeting: m, Scores: d, Deck: dk}
	rm := room.New(snap)
	presenter := rm.Join("ana")
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	slides := NewShared()
	follower := New(Options{Meeting: m, Scores: d, Deck: dk, Renderer: r, Now: fixedAt(b, m, "2017-05-19T09:40"), FixedClock: true,
		Person: &room.Person{Name: "Bo", ID: "bo", Role: room.Delegate}, Member: rm.Join("bo"), Shared: slides})
	follower = send(follower, tea.WindowSizeMsg{Width: 120, Height: 40})
	i := 0
	show := func() {
		s := dk.Slides[i%len(dk.Slides)]
		presenter.Present("Ana", room.Showing{Presenter: "ana", Name: "Ana", Slide: s, Index: i % len(dk.Slides), Count: len(dk.Slides), FromDeck: true}, false)
		i++
	}
	show()
	next, _ := follower.Update(roomMsg{state: rm.State()})
	follower = next.(Model)
	if !strings.Contains(follower.View(), "following Ana") {
		b.Fatalf("not following:\n%s", follower.View())
	}
	for b.Loop() {
		show()
		next, _ := follower.Update(roomMsg{state: rm.State()})
		follower = next.(Model)
		_ = follower.View()
	}
}
