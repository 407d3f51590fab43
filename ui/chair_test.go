package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/chairpanel"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
	"codeberg.org/plenary/plenary/ui/views/notesview"
)

// TestChairingAFloor: the chair opens session 3 of the rehearsal, adds
// Spain by name (completed with tab) and France by code, gives the floor;
// everyone's strip says who speaks and how many wait; the record is saved;
// the clock then measures the session's real overrun from the marks.
func TestChairingAFloor(t *testing.T) {
	o, dir := rehearsalOptions(t)
	o.After = heldTimer
	model := New(o)
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Qo")...)
	if v := model.View(); !strings.Contains(v, "Floor · Session 3") || !strings.Contains(v, "Open since 13:58") {
		t.Fatalf("the chair's panel:\n%s", v)
	}
	model = send(model, keys("a")...)
	model = send(model, keys("spa")...)
	model = send(model, tea.KeyMsg{Type: tea.KeyTab}, enter)
	model = send(model, keys("a")...)
	model = send(model, keys("FRA")...)
	model = send(model, enter)
	v := model.View()
	if !strings.Contains(v, " 1  Spain (ESP)") || !strings.Contains(v, " 2  France (FRA)") {
		t.Fatalf("the list of speakers:\n%s", v)
	}
	model = send(model, enter) // the floor to Spain
	if v := model.View(); !strings.Contains(v, "Speaking  Spain (ESP)  0:00 of 3:00") || !strings.Contains(v, "Waiting (1)") {
		t.Fatalf("after giving the floor:\n%s", v)
	}
	model = send(model, esc)
	model.status = common.StatusMsg{} // "Spain (ESP) has the floor." has had its time
	if v := model.View(); !strings.Contains(v, "Floor · session 3 · Spain (ESP) speaking 0:00 of 3:00 · 1 waiting") {
		t.Errorf("no floor strip:\n%s", v)
	}
	// The rapporteur attributes a statement with one key.
	model = send(model, keys("e")...)
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlO})
	model = send(model, keys("D: publish the 2017 results")...)
	if ne := model.editor(); ne == nil || ne.Ed.Value() != "[13:58] Spain: D: publish the 2017 results" {
		t.Fatalf("the speaker's prefix: %v", model.View())
	}
	if it, ok := agenda.ParseLine(model.editor().Ed.Value()); !ok || it.Kind != agenda.Decision || it.Speaker != "Spain" {
		t.Errorf("the attributed line is not Spain's decision: %+v", it)
	}
	model = send(model, esc)
	b, err := os.ReadFile(filepath.Join(dir, "floor", "digital-transformation.toml"))
	if err != nil || !strings.Contains(string(b), "opened = 2017-05-18T13:58:00+02:00") || !strings.Contains(string(b), "delegation = \"ESP\"\nasked = ") {
		t.Errorf("the record on disk: %v\n%s", err, b)
	}
	if l, probs := floor.Parse("floor/x.toml", string(b), o.Meeting.Codes()); l == nil {
		t.Errorf("the record does not read back: %v", probs)
	}
	model = send(model, keys(">")...) // five minutes on: past the 3-minute limit
	model.status = common.StatusMsg{}
	if v := model.View(); !strings.Contains(v, "Spain (ESP) speaking 5:00 of 3:00 · 2:00 over") {
		t.Errorf("the limit's overrun:\n%s", v)
	}
	// 15:30 is the planned end: 20 × 5 min later the session runs over.
	model = send(model, keys(strings.Repeat(">", 19))...)
	if st := model.agenda.Status(); !strings.HasPrefix(st, "Session 3 is 8 min over") {
		t.Errorf("the clock with the marks: %q", st)
	}
}

// TestAttendance: the chair marks delegations present in the Delegations
// view; the rows say it day by day and the report opens with the sentence.
func TestAttendance(t *testing.T) {
	m := embeddedMeeting(t)
	dir := t.TempDir()
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		Floor: floor.Store{Dir: filepath.Join(dir, "floor"), Root: dir}})
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 40}, keys("3")[0])
	model = send(model, keys(" ")...) // Canada, the first row
	if v := model.View(); !strings.Contains(v, "✓ 18 · – 19") || !strings.Contains(v, "Canada (CAN) present on 2017-05-18.") {
		t.Fatalf("after marking Canada:\n%s", v)
	}
	b, err := os.ReadFile(filepath.Join(dir, "floor", "attendance.toml"))
	if err != nil || !strings.Contains(string(b), "date = 2017-05-18\npresent = [\"CAN\"]") {
		t.Errorf("attendance on disk: %v\n%s", err, b)
	}
	r := agenda.Report(m, nil, model.c.Snap.ReportOptions())
	if !strings.Contains(r, "was held on 18 and 19 May 2017 with the participation of 1 OECD country. The meeting also") || !strings.Contains(r, "- **Member countries (1):** Canada\n") {
		t.Errorf("the report's participation:\n%s", r[:min(len(r), 1200)])
	}
	model = send(model, keys(" ")...)
	if v := model.View(); !strings.Contains(v, "– 18 · – 19") {
		t.Errorf("space again marks absent:\n%s", v)
	}
}

// TestNotesByDelegation: v in the Notes view groups each session's
// attributed statements by who made them.
func TestNotesByDelegation(t *testing.T) {
	m := embeddedMeeting(t)
	model := New(Options{Meeting: m, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true,
		Texts: map[string]agenda.Note{"where-do-we-stand": {Text: "[09:40] Spain: We publish by default.\n[09:44] Korea: D: Share the survey\n[09:50] Spain: Quality first."}}})
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30}, keys("4")[0], keys("v")[0])
	var lines []string
	for _, l := range strings.Split(model.View(), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	v := strings.Join(lines, "\n")
	if !strings.Contains(v, "    Spain\n      We publish by default.\n      Quality first.\n    Korea\n      Decision: Share the survey") {
		t.Errorf("grouped by delegation:\n%s", v)
	}
}

// TestTwoWritersKeepEveryRequest: two local programs on one bundle each
// add a delegation to the list from the same record; the second meets the
// first's file, makes its change on it, and both requests are on disk —
// nothing is written over.
func TestTwoWritersKeepEveryRequest(t *testing.T) {
	o, dir := rehearsalOptions(t)
	a := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	b := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	a = send(a, chairpanel.FloorAct{Session: 2, Act: "ask", Code: "ESP"})
	b = send(b, chairpanel.FloorAct{Session: 2, Act: "ask", Code: "FRA"})
	path := filepath.Join(dir, "floor", "digital-transformation.toml")
	text, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(text), `"ESP"`) || !strings.Contains(string(text), `"FRA"`) {
		t.Fatalf("the record after two writers: %v\n%s", err, text)
	}
	if st := b.status.Text; !strings.Contains(st, "changed by another plenary") {
		t.Errorf("the second writer is not told: %q", st)
	}
	if l := b.c.Snap.Floors["digital-transformation"]; l == nil || len(l.Waiting) != 2 {
		t.Errorf("the second writer's list: %+v", l)
	}
	// The first writer's next change meets the second's file in turn.
	send(a, chairpanel.FloorAct{Session: 2, Act: "give"})
	text, _ = os.ReadFile(path)
	if !strings.Contains(string(text), "[[turn]]") || !strings.Contains(string(text), `"FRA"`) {
		t.Errorf("after the first writer gave the floor:\n%s", text)
	}
}

// TestFloorSaveKeepsAnUnreadableRecord: a record on disk that is not one
// (half-written by hand) is kept beside before the chair's is written.
func TestFloorSaveKeepsAnUnreadableRecord(t *testing.T) {
	o, dir := rehearsalOptions(t)
	a := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	os.MkdirAll(filepath.Join(dir, "floor"), 0o755)
	os.WriteFile(filepath.Join(dir, "floor", "digital-transformation.toml"), []byte("session = \"digital-transformation\"\n[[waiting\n"), 0o644)
	a = send(a, chairpanel.FloorAct{Session: 2, Act: "ask", Code: "ESP"})
	kept, _ := filepath.Glob(filepath.Join(dir, "floor", "digital-transformation.outside-*.toml"))
	if len(kept) != 1 {
		t.Fatalf("kept beside: %v (status %q)", kept, a.status.Text)
	}
	if b, _ := os.ReadFile(kept[0]); !strings.Contains(string(b), "[[waiting\n") {
		t.Errorf("the kept record: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "floor", "digital-transformation.toml")); !strings.Contains(string(b), `"ESP"`) {
		t.Errorf("the chair's record was not written: %s", b)
	}
}

// TestChairSeesAFailedSave: a record that cannot be written (a read-only
// disk) is said in the chair's panel, where the chair looks, not only on
// a status line hidden behind it.
func TestChairSeesAFailedSave(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.Floor = floor.Store{Dir: readOnly(t)}
	model := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Q")...)
	if _, ok := model.top().(*chairpanel.ChairPanel); !ok {
		t.Fatalf("no chair's panel: %T", model.top())
	}
	model = send(model, keys("o")...)
	v := model.View()
	if !strings.Contains(v, "Floor · Session 3") || !strings.Contains(v, "⚠ Not saved: ") {
		t.Fatalf("the panel does not say the save failed:\n%s", v)
	}
}

// TestChairAddTakesTheNextKeys: a, then a code typed at once — before any
// command has run — goes to the prompt a opens, never to the panel
// beneath (where A would add and F follow).
func TestChairAddTakesTheNextKeys(t *testing.T) {
	o, _ := rehearsalOptions(t)
	model := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Q")...)
	for _, k := range keys("aFRA") {
		next, _ := model.Update(k) // no command runs between the keys
		model = next.(Model)
	}
	v := model.View()
	if _, ok := model.top().(*chairpanel.FloorPrompt); !ok || !strings.Contains(v, "FRA") {
		t.Fatalf("the keys after a did not reach its prompt (%T):\n%s", model.top(), v)
	}
}

// TestOpenersActBeforeTheNextKey: every modal or view a screen opens is
// open when Update returns, before any command has run — a key typed right
// after the one that opened it meets it, never the screen beneath.
func TestOpenersActBeforeTheNextKey(t *testing.T) {
	o, _ := rehearsalOptions(t)
	tests := []struct {
		name  string
		setup []tea.Msg // run as a program would, commands and all
		key   tea.Msg   // then this key, its commands left unrun
		ok    func(m Model) bool
	}{
		{"minutes from the notes", keys("4"), keys("m")[0], func(m Model) bool { _, ok := m.top().(*notesview.MinutesView); return ok }},
		{"the floor prompt while following", keys("p"), keys("r")[0], func(m Model) bool { _, ok := m.top().(*chairpanel.FloorPrompt); return ok }},
		{"a delegation's session", append(keys("3"), keys("j")...), tea.KeyMsg{Type: tea.KeyEnter}, func(m Model) bool { return m.active == viewAgenda }},
		{"a note's session", keys("4"), tea.KeyMsg{Type: tea.KeyEnter}, func(m Model) bool { return m.active == viewAgenda }},
		{"the presenters compared", keys("kk"), keys("c")[0], func(m Model) bool { return m.active == viewScores }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := o
			o.Scores = embeddedScores(t)
			o.Texts = map[string]agenda.Note{"digital-transformation": {Text: "D: adopt the strategy\n"}}
			model := send(New(o), tea.WindowSizeMsg{Width: 120, Height: 40})
			model = send(model, tt.setup...)
			if p := model.presentation(); p != nil {
				p.Follower = true // r is a follower's key
			}
			next, _ := model.Update(tt.key)
			if m := next.(Model); !tt.ok(m) {
				t.Errorf("not open when Update returned: top %T, view %d\n%s", m.top(), m.active, m.View())
			}
		})
	}
}

// TestKeysReadAtOnce: letters bubbletea read in one go come as one key
// ("aFRA"); each acts as a key of its own until a text input has the
// keyboard, which takes the rest whole.
func TestKeysReadAtOnce(t *testing.T) {
	o, _ := rehearsalOptions(t)
	model := send(New(o), tea.WindowSizeMsg{Width: 120, Height: 40})
	before := model.agenda.Selected()
	next, _ := model.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	model = next.(Model)
	if got := model.agenda.Selected(); got != before+2 {
		t.Errorf("jj read at once moved from %d to %d, want two rows", before, got)
	}
	model = send(model, keys("Q")...)
	next, _ = model.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("aFRA")})
	model = next.(Model)
	if _, ok := model.top().(*chairpanel.FloorPrompt); !ok || !strings.Contains(model.View(), "FRA") {
		t.Fatalf("aFRA read at once: top %T\n%s", model.top(), model.View())
	}
}

// TestChairPanelThroughAReload: the chair's panel keeps its session by id
// when a reload moves it, and closes, without a crash, when a reload
// removes it.
func TestChairPanelThroughAReload(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.After = heldTimer
	model := New(o)
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Qo")...)
	title := o.Meeting.Sessions[2].Title[:40]
	if v := model.View(); !strings.Contains(v, "Floor · Session 3") || !strings.Contains(v, title) {
		t.Fatalf("the chair's panel:\n%s", v)
	}
	src, _ := data.RehearsalMeeting()
	reload := func(drop ...string) {
		// The rehearsal's meeting.toml without the sessions dropped.
		blocks := strings.Split(string(src), "\n[[session]]")
		kept := blocks[:1]
		for _, b := range blocks[1:] {
			if !slices.ContainsFunc(drop, func(id string) bool { return strings.Contains(b, fmt.Sprintf("id = %q", id)) }) {
				kept = append(kept, b)
			}
		}
		m, probs := agenda.Parse("meeting.toml", strings.Join(kept, "\n[[session]]"))
		if m == nil || len(m.Sessions) != len(o.Meeting.Sessions)-len(drop) {
			t.Fatalf("the meeting without %v: %v", drop, probs)
		}
		snap := *model.c.Snap
		snap.Meeting = m
		model = send(model, bundleReloadedMsg{snap: snap})
	}
	first := model.c.Snap.Meeting.Sessions[0].ID
	reload(first) // the session moves up
	if _, ok := model.top().(*chairpanel.ChairPanel); !ok || !strings.Contains(model.View(), title) {
		t.Fatalf("the panel lost its session when it moved:\n%s", model.View())
	}
	if model.c.Snap.Meeting.SessionIndex(first) >= 0 {
		t.Fatal("the reload kept the first session")
	}
	id := o.Meeting.Sessions[2].ID
	reload(first, id)
	if _, ok := model.top().(*chairpanel.ChairPanel); ok {
		t.Fatalf("the panel stays on a session that is gone:\n%s", model.View())
	}
}

// TestChairConfirmsOpeningOnAnotherDay: o on a session dated another day
// than today asks first; another key leaves it closed, o again opens it.
func TestChairConfirmsOpeningOnAnotherDay(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.Now = fixedAt(t, o.Meeting, "2017-05-17T16:00") // the eve of the meeting
	o.After = heldTimer
	model := New(o)
	model = send(model, tea.WindowSizeMsg{Width: 120, Height: 30})
	model = send(model, keys("Q")...)
	model = send(model, keys("o")...)
	if v := model.View(); !strings.Contains(v, "o again opens session 1 now; it is on Thursday 18 May 2017, today is Wednesday 17 May 2017.") || strings.Contains(v, "Open since") {
		t.Fatalf("o on another day:\n%s", v)
	}
	model = send(model, keys("j")...)
	if v := model.View(); strings.Contains(v, "o again opens") || strings.Contains(v, "Open since") {
		t.Fatalf("another key did not cancel:\n%s", v)
	}
	model = send(model, keys("oo")...)
	if v := model.View(); !strings.Contains(v, "Open since 16:00") {
		t.Errorf("o twice did not open the session:\n%s", v)
	}
}

// TestChairReordersSkipsAndDrops: K and J move the entry under the cursor
// and the cursor with it (with Spain, Korea, France waiting, j j K on
// France gives Spain, France, Korea); s sends the first to the back,
// marked; d asks, then takes the selected one off.
func TestChairReordersSkipsAndDrops(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.After = heldTimer
	model := New(o)
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Qo")...)
	for _, code := range []string{"ESP", "KOR", "FRA"} {
		model = send(model, keys("a"+code)...)
		model = send(model, enter)
	}
	order := func() string {
		var out []string
		for _, r := range model.c.Snap.Floors[o.Meeting.Sessions[2].ID].Waiting {
			out = append(out, r.Delegation)
		}
		return strings.Join(out, " ")
	}
	if order() != "ESP KOR FRA" {
		t.Fatalf("queued: %q", order())
	}
	model = send(model, keys("jjK")...)
	if order() != "ESP FRA KOR" || !strings.Contains(model.View(), "▸  2  France") {
		t.Errorf("j j K on France: %q\n%s", order(), model.View())
	}
	model = send(model, keys("J")...)
	if order() != "ESP KOR FRA" {
		t.Errorf("J back: %q", order())
	}
	model = send(model, keys("s")...)
	if order() != "KOR FRA ESP" || !strings.Contains(model.View(), "skipped 13:58") {
		t.Errorf("s: %q\n%s", order(), model.View())
	}
	model = send(model, keys("kkd")...) // Korea, first
	if v := model.View(); !strings.Contains(v, "d again takes Korea (KOR) off the list") || order() != "KOR FRA ESP" {
		t.Fatalf("d asks first: %q\n%s", order(), v)
	}
	model = send(model, keys("d")...)
	if order() != "FRA ESP" {
		t.Errorf("d d: %q\n%s", order(), model.View())
	}
}

// TestChairOverTheSlide: Q while presenting opens the chair's panel on the
// presenter's screen, over the slide, which esc brings back.
func TestChairOverTheSlide(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.After = heldTimer
	model := New(o)
	model = send(model, tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("p")...)
	if _, ok := model.top().(*presentation.Presentation); !ok {
		t.Fatalf("p did not present:\n%s", model.View())
	}
	model = send(model, keys("Q")...)
	if v := model.View(); !strings.Contains(v, "Floor · Session") {
		t.Fatalf("Q over the slide:\n%s", v)
	}
	model = send(model, esc)
	if _, ok := model.top().(*presentation.Presentation); !ok {
		t.Errorf("esc did not come back to the slide:\n%s", model.View())
	}
}

// TestFloorSaveRetried: a floor record that could not be saved stays as
// the chair made it, says so in the panel, and is saved again a while
// later, until a save works.
func TestFloorSaveRetried(t *testing.T) {
	o, _ := rehearsalOptions(t)
	o.After = heldTimer
	tmp := t.TempDir()
	blocker := filepath.Join(tmp, "blocked")
	os.WriteFile(blocker, nil, 0o644) // a file where the floor's folder goes
	o.Floor = floor.Store{Dir: filepath.Join(blocker, "floor"), Root: tmp}
	model := send(New(o), tea.WindowSizeMsg{Width: 100, Height: 30})
	model = send(model, keys("Qo")...)
	id := o.Meeting.Sessions[2].ID
	if v := model.View(); !strings.Contains(v, "⚠ Not saved: ") || !model.floorRetry[id] {
		t.Fatalf("a failed save is not said, or not to be tried again:\n%s", v)
	}
	model = send(model, floorRetryMsg{id}) // the first retry fails too
	if !model.floorRetry[id] {
		t.Fatal("a second failure is not tried again")
	}
	os.Remove(blocker)
	model = send(model, floorRetryMsg{id})
	if _, err := os.Stat(filepath.Join(blocker, "floor", id+".toml")); err != nil {
		t.Fatalf("the retry did not save the record: %v", err)
	}
	if v := model.View(); strings.Contains(v, "⚠ Not saved") || model.floorRetry[id] {
		t.Errorf("the panel still says not saved:\n%s", v)
	}
}
