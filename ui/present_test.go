package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/datatest"
	"codeberg.org/plenary/plenary/data/strict"
)

func presentModel(t testing.TB, w, h int) Model {
	t.Helper()
	m := embeddedMeeting(t)
	d := embeddedScores(t)
	dk, probs := deck.Load(data.Embedded(), m, d)
	if dk == nil {
		t.Fatal(probs)
	}
	model := New(Options{Meeting: m, Scores: d, Deck: dk, Renderer: asciiRenderer(),
		Now: fixedAt(t, m, "2017-05-19T09:40"), FixedClock: true, Present: true})
	return send(model, tea.WindowSizeMsg{Width: w, Height: h})
}

var (
	right = tea.KeyMsg{Type: tea.KeyRight}
	left  = tea.KeyMsg{Type: tea.KeyLeft}
)

func TestGoldenSlides(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {250, 70}} {
		model := presentModel(t, size[0], size[1])
		for i := 0; i < 6; i++ {
			name := fmt.Sprintf("slide%d-page%d-%dx%d", model.presentation().Slide+1, model.presentation().Page+1, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				v := model.View()
				checkFrame(t, v, size[0], size[1])
				golden.RequireEqual(t, []byte(v))
			})
			before := [2]int{model.presentation().Slide, model.presentation().Page}
			model = send(model, right)
			if before == [2]int{model.presentation().Slide, model.presentation().Page} {
				break
			}
		}
	}
}

func TestPresentationKeys(t *testing.T) {
	model := presentModel(t, 80, 24)
	if model.presentation() == nil || model.presentation().Slide != 0 {
		t.Fatal("plenary present does not start on the first slide")
	}
	if model.presentation().Pages < 2 {
		t.Fatalf("the full ranking fits %d page(s) at 80×24; it should continue", model.presentation().Pages)
	}
	model = send(model, right) // page 2 of the ranking
	if model.presentation().Slide != 0 || model.presentation().Page != 1 {
		t.Errorf("→ went to slide %d page %d", model.presentation().Slide, model.presentation().Page)
	}
	model = send(model, keys(" ")...)
	if model.presentation().Slide != 1 {
		t.Errorf("space went to slide %d", model.presentation().Slide)
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyEnd})
	if model.presentation().Slide != 3 {
		t.Errorf("end → slide %d", model.presentation().Slide)
	}
	model = send(model, right) // stays on the last
	model = send(model, left, tea.KeyMsg{Type: tea.KeyBackspace})
	if model.presentation().Slide != 1 {
		t.Errorf("← ← → slide %d", model.presentation().Slide)
	}
	model = send(model, keys("b")...)
	if strings.TrimSpace(model.View()) != "" {
		t.Error("b does not blank the screen")
	}
	model = send(model, keys("b")...)
	if !strings.Contains(model.View(), "Top five") {
		t.Error("b again does not bring the slide back")
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyHome})
	if model.presentation().Slide != 0 {
		t.Errorf("home → slide %d", model.presentation().Slide)
	}
	model = send(model, tea.MouseMsg{Button: tea.MouseButtonWheelDown}, tea.MouseMsg{Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if model.presentation().Slide != 1 {
		t.Errorf("wheel and click → slide %d page %d", model.presentation().Slide, model.presentation().Page)
	}
	model = send(model, tea.MouseMsg{Button: tea.MouseButtonWheelUp}, tea.MouseMsg{Button: tea.MouseButtonWheelUp}, tea.MouseMsg{Button: tea.MouseButtonWheelUp})
	model = send(model, esc)
	if model.presentation() != nil || !strings.Contains(model.View(), "1 Agenda") {
		t.Error("esc does not leave the presentation")
	}
}

func TestSlidesNeverShowNotesAndMarkPreliminary(t *testing.T) {
	model := presentModel(t, 120, 40)
	for i := 0; i < 6; i++ {
		if strings.Contains(model.View(), "Korea first (0.94)") {
			t.Fatal("presenter notes were projected")
		}
		model = send(model, right)
	}
	// A preliminary edition is marked on every slide that shows it.
	model.c.Snap.Scores.Editions[1].Status = data.Preliminary
	model = send(model, tea.KeyMsg{Type: tea.KeyHome})
	for i := 0; i < 5; i++ {
		model.presentation().BodyKey = ""
		model.presentation().Layout()
		if v := model.View(); !strings.Contains(v, "PRELIMINARY") {
			t.Errorf("slide %d has no PRELIMINARY mark", model.presentation().Slide+1)
		}
		model = send(model, right)
	}
}

func TestPresentWhatIsOnScreen(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 100, 30) // no deck
	model = send(model, keys("jjjjp")...)                 // session 5
	if model.presentation() == nil || model.presentation().Deck.Slides[0].Kind != deck.Session {
		t.Fatal("p on the agenda does not present the session")
	}
	if v := model.View(); !strings.Contains(v, "Session 5 · Friday 19 May 2017") || !strings.Contains(v, "Presentations: OECD Secretariat") {
		t.Errorf("session slide:\n%s", v)
	}
	// A long session continues on more pages on a small screen.
	model = send(model, tea.WindowSizeMsg{Width: 60, Height: 20})
	if model.presentation().Pages < 2 {
		t.Errorf("session slide at 60×20: %d page(s)", model.presentation().Pages)
	}
	model = send(model, right)
	if model.presentation().Page != 1 || !strings.Contains(model.View(), "1/1 (2/") {
		t.Errorf("→ on a long session slide: page %d\n%s", model.presentation().Page, model.View())
	}
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30}, esc)
	model = send(model, keys("2p")...)
	if s := model.presentation().Deck.Slides[0]; s.Kind != deck.Ranking || s.Edition != "2017" {
		t.Errorf("p on the scores: %+v", s)
	}
	model = send(model, esc)
	model = send(model, keys("  cp")...)
	if s := model.presentation().Deck.Slides[0]; s.Kind != deck.Compare || strings.Join(s.Countries, " ") != "FRA KOR" {
		t.Errorf("p on a comparison: %+v", s)
	}
	model = send(model, esc, esc)
	model = send(model, keys("3p")...)
	if model.presentation() != nil || !strings.Contains(model.status.Text, "Nothing to present here") {
		t.Error("p on delegations without a deck")
	}
}

func TestLiveReloadKeepsSlideAndShowsBanner(t *testing.T) {
	model := presentModel(t, 120, 40)
	model = send(model, keys("   ")...) // slide 4: Korea (pages first)
	for model.presentation().Deck.Slides[model.presentation().Slide].ID != "korea" {
		model = send(model, right)
	}
	// The scores change on disk: Korea's composite is corrected.
	good := model.c.Snap.Scores
	m := model.c.Snap.Meeting
	fixed := embeddedScores(t)
	kor, _ := fixed.Scores["2017"].Row("KOR")
	kor.Values[0] = 0.95
	newDeck, _ := deck.Load(data.Embedded(), m, fixed)
	model = send(model, bundleReloadedMsg{snap: room.Snapshot{Meeting: m, Scores: fixed, Deck: newDeck}})
	if model.presentation().Deck.Slides[model.presentation().Slide].ID != "korea" {
		t.Errorf("the reload moved the slide to %s", model.presentation().Deck.Slides[model.presentation().Slide].ID)
	}
	if v := model.View(); !strings.Contains(v, "█  █") || !strings.Contains(v, "gap +0.412") {
		t.Errorf("the corrected value is not on the slide:\n%s", v)
	}
	// A broken file: the slide keeps its title and the last good data, and
	// its footer says why to the presenter, who need not leave the slide
	// (followers only see "data not updated").
	broken := room.Snapshot{Problems: strict.Problems{{File: "ourdata-2017.csv", Line: 2, Col: 15, Msg: "KOR availability = 0.9 is outside 0–0.333 for edition 2017"}}}
	model = send(model, bundleReloadedMsg{snap: broken})
	v := model.View()
	if !strings.Contains(v, "gap +0.412") || !strings.Contains(v, "⚠ ourdata-2017.csv:2:15: KOR availability = 0.9 is outside") {
		t.Errorf("the slide under a broken file:\n%s", v)
	}
	if first, _, _ := strings.Cut(v, "\n"); !strings.Contains(first, "█") {
		t.Errorf("the slide's title was covered: %q", first)
	}
	if v := send(model, esc).View(); !strings.Contains(v, "ourdata-2017.csv:2:15: KOR availability = 0.9 is outside") {
		t.Errorf("the presenter does not find the message after leaving:\n%s", v)
	}
	model = send(model, bundleReloadedMsg{snap: room.Snapshot{Meeting: m, Scores: good, Deck: newDeck}})
	if v := model.View(); strings.Contains(v, "ourdata-2017.csv:2:15") || strings.Contains(v, "data not updated") {
		t.Error("the mark stays after the fix")
	}
	// scores.toml removed: the deck goes, the slide says so, nothing crashes.
	model = send(model, bundleReloadedMsg{snap: room.Snapshot{Meeting: m}})
	if v := model.View(); !strings.Contains(v, "The bundle has no scores now.") {
		t.Errorf("without scores:\n%s", v)
	}
	model = send(model, esc, keys("2")[0])
	if v := model.View(); !strings.Contains(v, "This bundle has no scores") {
		t.Errorf("Scores view without scores:\n%s", v)
	}
	model = send(model, tea.MouseMsg{X: 10, Y: 5, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}, keys("sgc")[0])
}

// BenchmarkSlideRender lays out a slide at 250×70 (the full ranking).
func BenchmarkSlideRender(b *testing.B) {
	model := presentModel(b, 250, 70)
	for b.Loop() {
		model.presentation().BodyKey = ""
		model.presentation().Layout()
		_ = model.View()
	}
}

// BenchmarkReload4000Rows is a reload of a 4,000-row scores file, from the
// change to the new frame: parse and check the bundle, swap it in, draw.
func BenchmarkReload4000Rows(b *testing.B) {
	fsys := datatest.Scores(250, 16) // 249 countries × 16 editions = 3,984 rows
	m := embeddedMeeting(b)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(b, m, "2017-05-18T10:30"), FixedClock: true})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40}, keys("2")[0])
	for b.Loop() {
		d, probs := data.LoadScores(fsys)
		if d == nil {
			b.Fatal(probs)
		}
		next, _ := model.Update(bundleReloadedMsg{snap: room.Snapshot{Meeting: m, Scores: d}})
		model = next.(Model)
		_ = model.View()
	}
}
