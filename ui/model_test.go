package ui

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/agendatest"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/views/agendaview"
)

func TestGoldenViews(t *testing.T) {
	m := embeddedMeeting(t)
	cases := []struct {
		name string
		keys []tea.Msg
	}{
		{"agenda", nil},
		{"agenda-session4", keys("jjj")},
		{"agenda-detail-focus", append(keys("jjj"), enter)},
		{"filter", keys("/cooperation")},
		{"delegations", keys("3")},
		{"delegations-filter", keys("3/cooperation")},
		{"help", keys("?")},
		{"about", keys("i")},
		{"scores", keys("2")},
		{"scores-subpillars", keys("2v")},
		{"scores-card", append(keys("2"), enter)},
		{"compare", keys("2  c")},
		{"compare-pillars", keys("2  cv")},
		{"compare-drill", append(keys("2  cvj"), enter)},
		{"compare-presenters", keys("c")},
		{"agenda-starred", keys("j*j")},
		{"help-scores", keys("2?")},
	}
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				model := send(newTestModel(t, m, size[0], size[1]), c.keys...)
				view := model.View()
				checkFrame(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// checkFrame asserts the frame fills the terminal exactly: no line wider than
// the screen and exactly as many lines as it is high.
func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Errorf("line %d is %d wide (want %d): %q", i, lw, w, l)
		}
	}
}

func TestFrameAtManySizes(t *testing.T) {
	m := embeddedMeeting(t)
	for _, size := range [][2]int{{60, 16}, {60, 20}, {79, 23}, {99, 30}, {100, 30}, {160, 50}, {250, 70}} {
		model := newTestModel(t, m, size[0], size[1])
		for _, k := range [][]tea.Msg{nil, keys("G"), {enter}, keys("3"), keys("?")} {
			model = send(model, k...)
			checkFrame(t, model.View(), size[0], size[1])
		}
	}
}

func TestTooSmall(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 59, 30)
	if v := model.View(); !strings.HasPrefix(v, "Terminal too small: 59×30") || strings.Contains(v, "\n") {
		t.Errorf("view = %q", v)
	}
	model = send(model, tea.WindowSizeMsg{Width: 80, Height: 15})
	if !strings.HasPrefix(model.View(), "Terminal too small") {
		t.Error("80×15 is too low")
	}
	model = send(model, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(model.View(), "Where do we stand?") {
		t.Error("resizing back does not restore the agenda")
	}
}

func TestNavigation(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	if got := model.agenda.Selected(); got != 0 {
		t.Fatalf("first selected = %d", got)
	}
	model = send(model, keys("jjjj")...)
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 5 {
		t.Errorf("after 4×j on session %d, want 5 (day headers are skipped)", s.Number)
	}
	model = send(model, keys("G")...)
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 7 {
		t.Errorf("G → session %d", s.Number)
	}
	model = send(model, keys("g")...)
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 1 {
		t.Errorf("g → session %d", s.Number)
	}
	model = send(model, tab)
	if model.active != viewScores {
		t.Errorf("tab → view %d", model.active)
	}
	model = send(model, shiftTab)
	if model.active != viewAgenda {
		t.Errorf("shift+tab → view %d", model.active)
	}
}

func TestFilterTakesEveryKey(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	model = send(model, keys("/")...)
	for _, k := range keys("q3?") {
		next, cmd := model.Update(k)
		model = next.(Model)
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatal("q in the filter quit the app")
			}
		}
	}
	if model.active != viewAgenda || model.top() != nil {
		t.Error("keys typed in the filter acted as commands")
	}
	if model.agenda.Filter.Input.Value() != "q3?" {
		t.Errorf("filter = %q", model.agenda.Filter.Input.Value())
	}
	// ctrl+c quits even while typing.
	if _, cmd := model.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil {
		t.Error("ctrl+c in the filter did not quit")
	} else if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("ctrl+c in the filter did not quit")
	}
	// esc clears; then q quits.
	model = send(model, esc)
	if model.agenda.Filter.Query != "" || model.agenda.Filter.Focused {
		t.Error("esc did not clear the filter")
	}
	_, cmd := model.Update(keys("q")[0])
	if cmd == nil {
		t.Fatal("q did not quit")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("q did not quit")
	}
}

func TestFilterMatchesPresentersAndSummaries(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	for _, tt := range []struct {
		q    string
		want []int
	}{
		{"cooperation", []int{4, 6}},
		{"norway", []int{1}}, // presenter full name
		{"ODC", []int{4, 6}}, // presenter code, any case
		{"g20", []int{6}},    // summary text
		{"open data charter", []int{4, 5, 6}},
		{"zzz", nil},
	} {
		model = send(model, esc)
		model = send(model, keys("/"+tt.q)...)
		var got []int
		for _, i := range model.agenda.Matches {
			got = append(got, model.c.Snap.Meeting.Sessions[i].Number)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("filter %q: sessions %v, want %v", tt.q, got, tt.want)
		}
	}
	if v := model.View(); !strings.Contains(v, `No session matches "zzz".`) {
		t.Errorf("no-match message missing:\n%s", v)
	}
}

// TestFilterRoomsAndTracks: the filter finds sessions by their room
// (/janson), and room: and track: look in that field alone (illustrative
// rooms given to the embedded meeting's sessions).
func TestFilterRoomsAndTracks(t *testing.T) {
	m := embeddedMeeting(t)
	m.Sessions[0].Room, m.Sessions[2].Room, m.Sessions[3].Room = "Janson", "K.1.105", "K.1.105 (annex)"
	m.Sessions[1].Tags = append(m.Sessions[1].Tags, "security")
	model := newTestModel(t, m, 80, 24)
	for _, tt := range []struct {
		q    string
		want []int
	}{
		{"janson", []int{1}},
		{"room:k.1.105", []int{3, 4}},
		{"room:annex", []int{4}},
		{"track:security", []int{2}},
		{"room:janson track:security", nil},
		{"room:ourdata", nil}, // a tag is no room
	} {
		model = send(model, esc)
		model = send(model, keys("/"+tt.q)...)
		var got []int
		for _, i := range model.agenda.Matches {
			got = append(got, model.c.Snap.Meeting.Sessions[i].Number)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("filter %q: sessions %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestEnterKeepsFilter(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	model = send(model, keys("/cooperation")...)
	model = send(model, enter)
	if model.agenda.Filter.Focused || model.agenda.Filter.Query != "cooperation" {
		t.Fatalf("enter: filtering=%v query=%q", model.agenda.Filter.Focused, model.agenda.Filter.Query)
	}
	model = send(model, enter)
	v := model.View()
	if !model.agenda.FocusDetail || !strings.Contains(v, "Global challenges call for") {
		t.Errorf("enter did not open session 4:\n%s", v)
	}
	model = send(model, esc)
	if model.agenda.FocusDetail || !strings.Contains(model.View(), "2 of 7") {
		t.Errorf("esc did not return to the filtered list:\n%s", model.View())
	}
}

func TestDelegationJumpsToSession(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 120, 40)
	model = send(model, keys("3")...)
	// Rows: header, CAN, ↳ 4. Move to the session row under Canada.
	model = send(model, down, enter)
	if model.active != viewAgenda {
		t.Fatalf("enter on a session row stays in view %d", model.active)
	}
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 4 {
		t.Errorf("jumped to session %d, want 4", s.Number)
	}
}

func TestMouse(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	// Body starts at line 4; line 4 is the day header, 5 session 1, … 8 session 4.
	model = send(model, tea.MouseMsg{X: 10, Y: 8, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 4 {
		t.Errorf("click selected session %d, want 4", s.Number)
	}
	// Click the Delegations tab.
	tabs, hits := model.tabBar()
	_ = tabs
	model = send(model, tea.MouseMsg{X: hits[2].from + 1, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if model.active != viewDelegations {
		t.Errorf("tab click → view %d", model.active)
	}
}

// TestWheelScrollsDetail: the wheel over the detail pane scrolls the
// detail, not the list.
func TestWheelScrollsDetail(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(300, 3))
	if m == nil {
		t.Fatal(probs)
	}
	model := newTestModel(t, m, 120, 10)
	if model.agenda.Detail.TotalLineCount() <= model.agenda.Detail.Height+3 {
		t.Fatalf("the detail fits: %d lines in %d", model.agenda.Detail.TotalLineCount(), model.agenda.Detail.Height)
	}
	model = send(model, tea.MouseMsg{X: 110, Y: 5, Button: tea.MouseButtonWheelDown})
	if model.agenda.Detail.YOffset != 3 || model.agenda.List.Offset != 0 {
		t.Errorf("wheel over the detail: detail at %d, list at %d", model.agenda.Detail.YOffset, model.agenda.List.Offset)
	}
	model = send(model, tea.MouseMsg{X: 110, Y: 5, Button: tea.MouseButtonWheelUp})
	if model.agenda.Detail.YOffset != 0 {
		t.Errorf("wheel up: detail at %d", model.agenda.Detail.YOffset)
	}
}

func TestWheelScrollsLargeAgenda(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(300, 3))
	if m == nil {
		t.Fatal(probs)
	}
	model := newTestModel(t, m, 80, 24)
	model = send(model, tea.MouseMsg{X: 5, Y: 10, Button: tea.MouseButtonWheelDown})
	if model.agenda.List.Offset != 3 {
		t.Errorf("offset after wheel = %d", model.agenda.List.Offset)
	}
	if model.agenda.List.Cursor < model.agenda.List.Offset {
		t.Error("cursor left above the window")
	}
}

func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	src := `[meeting]
id = "m"
title = "Evil \u001b[2J\u001b]0;X\u0007meeting\r"
start = 2030-01-10
end = 2030-01-10
timezone = "UTC"

[[delegation]]
code = "evil"
name = "Org \u009b31m\u001b]8;;http://x\u0007link"
kind = "organisation"

[[session]]
id = "a"
number = 1
date = 2030-01-10
title = "Title \u001b[2J\u001b]0;X\u0007\r\u009b2Jhere"
presenters = ["evil"]
summary = "Summary \u001b[31mred\u001b[0m \u001bc done"
`
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil {
		t.Fatal(probs)
	}
	model := newTestModel(t, m, 120, 40)
	for _, view := range []string{model.View(), send(model, keys("3")...).View(), send(model, enter).View()} {
		if strings.ContainsAny(view, "\x1b\r\x07\u009b") {
			t.Errorf("escape or control character on screen: %q", view)
		}
		if !strings.Contains(view, "plenary") && !strings.Contains(view, "Evil meeting") {
			t.Errorf("title missing: %s", view)
		}
	}
	if v := model.View(); !strings.Contains(v, "Title here") || !strings.Contains(v, "Summary red done") {
		t.Errorf("sanitised text missing:\n%s", v)
	}
}

func TestWideCharactersKeepColumns(t *testing.T) {
	src := `[meeting]
id = "m"
title = "대한민국 회의"
start = 2030-01-10
end = 2030-01-10
timezone = "Asia/Seoul"

[[delegation]]
code = "KOR"
name = "대한민국"
kind = "member"

[[delegation]]
code = "TUR"
kind = "member"

[[delegation]]
code = "CIV"
kind = "partner"

[[session]]
id = "a"
number = 1
date = 2030-01-10
start = "09:00"
end = "10:00"
title = "대한민국의 공공데이터 개방 정책과 성과에 관한 아주 긴 제목입니다 정말로 깁니다"
presenters = ["KOR", "TUR", "CIV"]

[[session]]
id = "b"
number = 2
date = 2030-01-10
start = "10:00"
end = "11:00"
title = "Türkiye and Côte d'Ivoire"
presenters = ["TUR"]
`
	m, probs := agenda.Parse("meeting.toml", src)
	if m == nil {
		t.Fatal(probs)
	}
	for _, w := range []int{60, 80, 120} {
		model := newTestModel(t, m, w, 24)
		view := model.View()
		checkFrame(t, view, w, 24)
		// The separator of the detail pane, or the right edge, lines up.
		if w >= agendaview.WideWidth {
			col := -1
			for _, l := range strings.Split(view, "\n")[4:7] {
				i := strings.Index(l, "│")
				c := ansi.StringWidth(l[:i])
				if col >= 0 && c != col {
					t.Errorf("at %d columns the pane border moves: %d vs %d", w, c, col)
				}
				col = c
			}
		}
		model = send(model, keys("3")...)
		checkFrame(t, model.View(), w, 24)
	}
}

func TestNowAndNextMarked(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(40, 1))
	if m == nil {
		t.Fatal(probs)
	}
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2030-03-04T08:05"), FixedClock: true})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40})
	v := model.View()
	if !strings.Contains(v, "now    1   08:00–08:10") || !strings.Contains(v, "next   5   08:10–08:20") {
		t.Errorf("now/next not marked:\n%s", v)
	}
	if !strings.Contains(v, "● now running") {
		t.Errorf("detail does not say the session is running:\n%s", v)
	}
}

func TestMeetingClock(t *testing.T) {
	m, probs := agenda.Parse("meeting.toml", agendatest.Meeting(40, 1))
	if m == nil {
		t.Fatal(probs)
	}
	// 08:15: session 5 (08:10–08:20, room A) runs, and 6–8 in rooms B–D;
	// session 9 (08:20) is next.
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2030-03-04T08:15"), FixedClock: true})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40})
	if st := model.agenda.Status(); st != "Now: session 5, 5 min left · 3 more on in other rooms · next: session 9 at 08:20, in 5 min · n jumps to it" {
		t.Errorf("status %q", st)
	}
	model = send(model, keys("n")...)
	if s := model.c.Snap.Meeting.Sessions[model.agenda.Selected()]; s.Number != 5 {
		t.Errorf("n went to session %d", s.Number)
	}
	if v := model.View(); !strings.Contains(v, "● now running · 5 min left (5 min of 10 min)") {
		t.Errorf("detail lacks the countdown:\n%s", v)
	}
	// A rehearsal moves the clock: 08:15 + 5 min puts session 9 on.
	model = send(model, keys(">")...)
	if !strings.Contains(model.View(), "Mon 4 Mar 08:20:00") || !strings.HasPrefix(model.agenda.Status(), "Now: session 9, 10 min left") {
		t.Errorf("> did not move the clock: %q\n%s", model.agenda.Status(), model.View())
	}
	model = send(model, keys("<<")...)
	if !strings.Contains(model.View(), "08:10:00") {
		t.Error("< did not move the clock back")
	}
}

// TestGoldenClock: the meeting clock on the rehearsal bundle (illustrative
// times) before the meeting, during a session, at lunch, in the evening,
// the next morning and after: what the footer says, where the cursor
// starts, the now/next marks. Never an overrun claimed from the plan.
func TestGoldenClock(t *testing.T) {
	src, err := data.RehearsalMeeting()
	if err != nil {
		t.Fatal(err)
	}
	m, probs := agenda.Parse("meeting.toml", string(src))
	if m == nil {
		t.Fatal(probs)
	}
	cases := []struct {
		name, at, status string
		cursor           int // the session number the cursor starts on
	}{
		{"before", "2017-05-15T10:00", "The meeting starts with session 1 on Thu 18 May at 09:30, in 2 days 23 h · n jumps to it", 1},
		{"during", "2017-05-18T10:30", "Now: session 1, 30 min left · next: session 2 at 11:30, in 1 h 00 · n jumps to it", 1},
		{"break", "2017-05-18T13:20", "Break · next: session 3 at 14:00, in 40 min · n jumps to it", 3},
		{"day-ended", "2017-05-18T18:00", "Day 1 ended · next: session 5 tomorrow at 09:30, in 15 h 30 · n jumps to it", 5},
		{"morning", "2017-05-19T08:00", "Day 2 starts with session 5 at 09:30, in 1 h 30 · n jumps to it", 5},
		{"after", "2017-05-19T18:00", "The meeting has ended.", 1},
	}
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, c.at), FixedClock: true})
				model = send(model, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				if st := model.agenda.Status(); st != c.status && st+" · n jumps to it" != c.status {
					t.Errorf("status %q, want %q", st, c.status)
				}
				if got := m.Sessions[model.agenda.Selected()].Number; got != c.cursor {
					t.Errorf("the cursor starts on session %d, want %d", got, c.cursor)
				}
				view := model.View()
				if regexp.MustCompile(`(min|h \d\d) over|over +\d`).MatchString(view) {
					t.Errorf("an overrun claimed from the plan:\n%s", view)
				}
				checkFrame(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
	// Without times, n says so.
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	model = send(model, keys("n")...)
	if !strings.Contains(model.View(), "This meeting's sessions have no times") {
		t.Errorf("n on a meeting without times:\n%s", model.View())
	}
}

// TestCopyAsText: y puts the selected session, the comparison or the
// listed items on the clipboard as plain text (OSC 52 in the next frames).
func TestCopyAsText(t *testing.T) {
	m := embeddedMeeting(t)
	clipboard := func(v string) string {
		t.Helper()
		i := strings.Index(v, "\x1b]52;c;")
		if i < 0 {
			t.Fatalf("no OSC 52 in the frame")
		}
		enc := v[i+len("\x1b]52;c;"):]
		enc = enc[:strings.IndexByte(enc, '\x07')]
		b, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	model := send(newTestModel(t, m, 100, 30), keys("jjjy")...)
	got := clipboard(model.View())
	if !strings.HasPrefix(got, "Session 4 · Thursday 18 May 2017\nSupporting cooperation across borders through open data\nPresenters: Canada (CAN)") || strings.Contains(got, "**") {
		t.Errorf("the session copied:\n%s", got)
	}
	if !strings.Contains(model.View(), "Copied session 4 (7 lines) to the clipboard.") {
		t.Errorf("the copy is not said:\n%s", model.View())
	}
	model = send(model, keys("2  cy")...)
	got = clipboard(model.View())
	for _, want := range []string{"OECD OURdata Index 2017 (final)", "Korea (KOR)\t0.943\t0.316\t0.293\t0.334\t+0.405", "OECD average\t0.538", "Source: OECD (2018)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the comparison copied lacks %q:\n%s", want, got)
		}
	}
	model = send(model, clipDoneMsg{gen: model.clipGen})
	if strings.Contains(model.View(), "\x1b]52") {
		t.Error("the copy stays in the frames")
	}
}

// TestNowInEveryRoom: at 09:45 with two rooms running, both sessions are
// marked now in the agenda; the detail of the one in the other room says
// where and until when (the next of each room: TestMomentInRooms) and its
// page; the list has a room column.
func TestNowInEveryRoom(t *testing.T) {
	m := embeddedMeeting(t)
	// Illustrative: session 2 in a room of its own, at the time of 1.
	m.Sessions[0].Room, m.Sessions[0].Start, m.Sessions[0].End = "Room CC1", 9*60+30, 11*60
	m.Sessions[1].Room, m.Sessions[1].Start, m.Sessions[1].End = "Room CC2", 9*60+30, 10*60+30
	m.Sessions[1].Date, m.Sessions[1].URL = m.Sessions[0].Date, "https://example.org/talk/2"
	m.Sessions[1].Links = []agenda.Link{{Title: "Slides", URL: "https://example.org/s.pdf"}}
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T09:45"), FixedClock: true})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 30})
	nows := 0
	for _, l := range strings.Split(model.View(), "\n") {
		if strings.Contains(l, "now  ") {
			nows++
			// A meeting of several rooms has a room column.
			if !strings.Contains(l, "Room CC1") && !strings.Contains(l, "Room CC2") {
				t.Errorf("no room in the row %q", l)
			}
		}
	}
	if nows != 2 {
		t.Errorf("%d sessions marked now, want 2:\n%s", nows, model.View())
	}
	if v := model.View(); !strings.Contains(v, "Now: session 1, 1 h 15 left · 1 more on in other rooms") {
		t.Errorf("the footer does not count the other room's session:\n%s", v)
	}
	model = send(model, keys("j")...)
	if v := model.View(); !strings.Contains(v, "● now running · Room CC2 · until") || !strings.Contains(v, "Page        https://example.org/talk/2") || !strings.Contains(v, "Links       Slides — https://example.org/s.pdf") {
		t.Errorf("the other room's session's detail:\n%s", v)
	}
}
