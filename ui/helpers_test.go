package ui

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data"
)

// asciiRenderer draws without colour or attributes, so views compare as text.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

func embeddedMeeting(t testing.TB) *agenda.Meeting {
	t.Helper()
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	return m
}

func embeddedScores(t testing.TB) *data.Dataset {
	t.Helper()
	d, probs := data.LoadScores(data.Embedded())
	if d == nil {
		t.Fatal(probs)
	}
	return d
}

func embeddedDeck(t testing.TB, m *agenda.Meeting, d *data.Dataset) *deck.Deck {
	t.Helper()
	dk, probs := deck.Load(data.Embedded(), m, d)
	if dk == nil {
		t.Fatal(probs)
	}
	return dk
}

// fixedAt is 10:30 on the first day of the 2017 meeting, in Paris.
func fixedAt(t testing.TB, m *agenda.Meeting, s string) func() time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02T15:04", s, m.Location)
	if err != nil {
		t.Fatal(err)
	}
	return func() time.Time { return at }
}

// rehearsalOptions is the rehearsal meeting at 13:58 on day 1 (session 3
// runs), its floors, notes and journal in the folder dir it returns.
func rehearsalOptions(t *testing.T) (Options, string) {
	t.Helper()
	src, _ := data.RehearsalMeeting()
	m, probs := agenda.Parse("meeting.toml", string(src))
	if m == nil {
		t.Fatal(probs)
	}
	dir := t.TempDir()
	return Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T13:58"), FixedClock: true,
		Floor: floor.Store{Dir: filepath.Join(dir, "floor"), Root: dir}, Notes: agenda.NoteStore{Dir: filepath.Join(dir, "notes"), Root: dir},
		Journal: agenda.Journal{Dir: filepath.Join(dir, "journal"), Writer: "test"}, WorkDir: dir}, dir
}

func newTestModel(t testing.TB, m *agenda.Meeting, w, h int) Model {
	t.Helper()
	model := New(Options{Meeting: m, Scores: embeddedScores(t), Source: "embedded meeting", Renderer: asciiRenderer(),
		Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true})
	return send(model, tea.WindowSizeMsg{Width: w, Height: h})
}

// send runs msg through Update and any command it returns that yields a
// message of ours (not ticks or blinks), as a program would.
func send(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, cmd := m.Update(msg)
		m = next.(Model)
		m = runCmd(m, cmd)
	}
	return m
}

// heldTimer stands for tea.Tick in tests: the timer never fires by itself
// (runCmd drops it at once); a test that wants it sends its message.
func heldTimer(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerMsg{d: d, msg: fn(time.Time{})} }
}

type timerMsg struct {
	d   time.Duration
	msg tea.Msg
}

// runCmd runs a command as the program would and feeds its message back.
// Commands that do not answer within 200 ms (real timers) and held timers
// are dropped, so tests never wait for them.
func runCmd(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(200 * time.Millisecond):
		return m
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg, timerMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(m, c)
		}
	default:
		return send(m, msg)
	}
	return m
}

func keys(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

var (
	enter    = tea.KeyMsg{Type: tea.KeyEnter}
	esc      = tea.KeyMsg{Type: tea.KeyEsc}
	down     = tea.KeyMsg{Type: tea.KeyDown}
	tab      = tea.KeyMsg{Type: tea.KeyTab}
	shiftTab = tea.KeyMsg{Type: tea.KeyShiftTab}
)
