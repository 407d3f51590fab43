package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
	"codeberg.org/plenary/plenary/ui/modals/chairpanel"
	"codeberg.org/plenary/plenary/ui/modals/exportprompt"
	"codeberg.org/plenary/plenary/ui/modals/helppage"
	"codeberg.org/plenary/plenary/ui/modals/noteeditor"
	"codeberg.org/plenary/plenary/ui/modals/presentation"
	"codeberg.org/plenary/plenary/ui/modals/searchpage"
	"codeberg.org/plenary/plenary/ui/views/agendaview"
	"codeberg.org/plenary/plenary/ui/views/delegationsview"
	"codeberg.org/plenary/plenary/ui/views/notesview"
	"codeberg.org/plenary/plenary/ui/views/scoresview"
)

// Minimum terminal size; below it the app shows one line asking for more room.
const (
	MinWidth  = 60
	MinHeight = 16
)

// Options configure a program's root model.
type Options struct {
	Meeting  *agenda.Meeting
	Scores   *data.Dataset      // nil when the bundle has none
	Deck     *deck.Deck         // nil when the bundle has none
	Present  bool               // start in presentation mode (plenary present)
	Source   string             // where the bundle came from, shown in the header
	Renderer *lipgloss.Renderer // the terminal this program draws on
	// NoColor: the person asked for no colour (NO_COLOR); the renderer may
	// still emit bold, underline and reverse video, which carry meaning.
	NoColor bool
	// Now is the clock; nil means the system clock. With FixedClock the
	// time does not move (rehearsals, tests) and nothing ticks.
	Now        func() time.Time
	FixedClock bool
	// Status is the first message on the status line; Banner names a
	// broken file from the start and what was done without it.
	Status string
	Banner string

	// Notes: where they are saved, the recovery journal, the personal stars,
	// and the notes already read. Wall is the real clock (save times); nil
	// means time.Now.
	Notes   agenda.NoteStore
	Journal agenda.Journal
	Stars   agenda.Stars
	Texts   map[string]agenda.Note
	Starred map[string]bool
	// Floor is where the chair's records are kept; Floors those read.
	Floor      floor.Store
	Floors     map[string]*floor.Log
	Attendance floor.Attendance
	Wall       func() time.Time

	// WorkDir is where exports from the app go (x); Editor is the command
	// that ctrl+e runs on a note ($VISUAL or $EDITOR, split into words);
	// the program reads neither from its environment.
	WorkDir string
	Editor  []string
	// EditorInput is the terminal the external editor reads, when the
	// program reads it through a filter (a reader that is not a file would
	// keep the editor's keys); nil: the program's input.
	EditorInput *os.File

	// Person is who uses this program when it is served to a room; nil for
	// a local run, whose one user may do everything. Member is the
	// program's place in the room (nil without one): the room's snapshot,
	// note locks and saved notes reach it. Remote says the program runs on
	// a server for someone elsewhere: nothing runs or is written there but
	// notes and stars ($EDITOR and the in-app exports are off).
	Person *room.Person
	Member *room.Member
	Remote bool
	// RescueDir is where a remote person's note that can be neither saved
	// nor journalled is written when they quit: the server's folder, under
	// a name the program makes. Nobody over SSH names a path on the server.
	RescueDir string
	// Served names the server that serves this bundle when a local program
	// opens it (room.ServedBy): the notes and the floor are the room's, and
	// read-only here. Reloads tell it again (room.Snapshot.Served).
	Served string
	// Shared, given to every program of one server, draws each slide and
	// its footer once for all the followers of the same size and colours,
	// and makes one theme for the terminals alike.
	Shared *common.Shared

	// After makes the editor's timers (autosave, journal); nil means
	// tea.Tick. Tests give one that fires at once or never.
	After func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	// Live reload: Changes delivers the names of bundle files that changed;
	// Reload reads the bundle again. Both nil for a bundle that cannot
	// change (the embedded one).
	Changes <-chan Change
	Reload  func() room.Snapshot
}

type view int

// Views have fixed numbers, the keys that select them.
const (
	viewAgenda      view = 1
	viewScores      view = 2
	viewDelegations view = 3
	viewNotes       view = 4
)

var views = []struct {
	v    view
	name string
}{{viewAgenda, "Agenda"}, {viewScores, "Scores"}, {viewDelegations, "Delegations"}, {viewNotes, "Notes"}}

type tickMsg time.Time

// Model is the root: header, tab bar, the active screen and the footer,
// and the stack of modals over them.
type Model struct {
	c          *common.Common
	source     string
	fixedClock bool

	width, height int
	active        view
	screens       map[view]common.Screen
	agenda        *agendaview.AgendaScreen
	modals        []common.Modal // the top one owns the keyboard and the screen

	changes     <-chan Change
	reloadFn    func() room.Snapshot
	reloading   bool
	reloadAgain bool
	banner      string         // the first problem of a broken bundle, while it is broken
	bannerLine  string         // the banner, laid out
	offset      *time.Duration // the rehearsal clock's, read by the shared clock
	roomClock   time.Duration  // the room's rehearsal clock, as last seen
	// floorRetry: the floor records whose save failed and waits to be
	// tried again, by session id.
	floorRetry map[string]bool
	// helpMemo is the last help line drawn, and the keys and width it was
	// drawn for (shared by the copies of the model, like floorRetry).
	helpMemo *struct{ key, line string }

	presentAtStart bool
	// unfollowed: the person left the room's presentation (esc); F follows
	// again. Everyone else follows by default.
	unfollowed bool
	// joined: the room was seen once. At the first look, a presentation
	// of this person's whose program dropped is taken back here.
	joined bool
	// accessProblem: the room did not take access.toml, read again (the
	// banner says so to the secretariat).
	accessProblem string

	status     common.StatusMsg
	floorStrip string // who speaks and how many wait, for the status line
	clip       string // an OSC 52 copy riding in the frames for a moment
	clipGen    int
	clock      string
	help       string // the footer's help line, for the width and what is on top
	tabs       string
	tabHits    []tabHit
	headLine   [2]string
}

type tabHit struct {
	v        view
	from, to int
}

// New builds the root model for a loaded meeting.
func New(o Options) Model {
	if o.Renderer == nil {
		o.Renderer = lipgloss.DefaultRenderer()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Wall == nil {
		o.Wall = time.Now
	}
	if o.After == nil {
		o.After = tea.Tick
	}
	if o.WorkDir == "" {
		o.WorkDir = "."
	}
	if len(o.Editor) == 0 {
		o.Editor = []string{"vi"}
	}
	if o.Starred == nil {
		o.Starred = map[string]bool{}
	}
	// Names of folders and files come from anyone: cleaned like file contents.
	m := Model{source: clean.Line(o.Source), fixedClock: o.FixedClock, changes: o.Changes, reloadFn: o.Reload,
		active: viewAgenda, status: common.StatusMsg{Text: o.Status}, presentAtStart: o.Present, banner: clean.Line(o.Banner), floorRetry: map[string]bool{}, helpMemo: new(struct{ key, line string })}
	// A rehearsal moves the fixed clock with > and <: the offset is the
	// model's, read by the clock the screens share.
	base, offset := o.Now, new(time.Duration)
	now := func() time.Time { return base().Add(*offset) }
	var theme *common.Theme
	switch {
	case o.Shared != nil:
		theme = o.Shared.Theme(o.Renderer, o.NoColor) // one for the terminals alike
	case o.NoColor:
		theme = common.NewMonoTheme(o.Renderer)
	default:
		theme = common.NewTheme(o.Renderer)
	}
	c := &common.Common{Theme: theme, Keys: common.DefaultKeyMap(), Now: now, Wall: o.Wall, After: o.After,
		Snap:   &room.Snapshot{Meeting: o.Meeting, Scores: o.Scores, Deck: o.Deck, Texts: o.Texts, Floors: o.Floors, Present: o.Attendance, Served: o.Served},
		Marked: map[string]bool{}, Notes: o.Notes, Floor: o.Floor, Journal: o.Journal, Stars: &common.StarWriter{Store: o.Stars},
		Starred: o.Starred, WorkDir: o.WorkDir, Editor: o.Editor, EditorIn: o.EditorInput, Person: o.Person, Member: o.Member, Remote: o.Remote, RescueDir: o.RescueDir, Shared: o.Shared}
	if o.Member != nil {
		c.Room = o.Member.Room()
	}
	var saving sync.Mutex
	c.Saving = func(save func() error) error {
		saving.Lock()
		defer saving.Unlock()
		return save()
	}
	if o.Person != nil {
		m.source = clean.Line(o.Person.Name + " · " + string(o.Person.Role))
	}
	m.c, m.offset = c, offset
	if o.Scores != nil && len(o.Scores.Editions) > 0 {
		c.Edition = len(o.Scores.Editions) - 1
	}
	if o.Banner != "" && !strings.Contains(o.Banner, " — ") {
		m.banner = bannerText(m.banner, c.Snap) // and what is shown without it
	}
	c.Banner = m.banner
	m.agenda = agendaview.NewAgendaScreen(c)
	c.Session = m.agenda.Selected
	// The other views are made when first shown (screen).
	m.screens = map[view]common.Screen{viewAgenda: m.agenda}
	m.clock = m.formatClock()
	m.agenda.SetNow()
	m.agenda.StartAtNow()
	return m
}

// Init starts the clock and looks for notes left unsaved by an earlier run.
func (m Model) Init() tea.Cmd {
	// The tick runs with a fixed clock too: status messages expire in real time.
	return tea.Batch(noteeditor.FindRecovery(m.c.Journal, m.c.Notes), waitForChange(m.changes), waitForRoom(m.c.Member), m.Tick())
}

// Tick fires on the next whole second, so the clock changes when the
// second does.
func (m Model) Tick() tea.Cmd {
	now := m.c.Now()
	return tea.Tick(now.Truncate(time.Second).Add(time.Second).Sub(now), func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update routes messages (see route), then prepares the footer for what
// is now on screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyRunes && len(km.Runes) > 1 && !km.Paste && !m.typing() {
		// bubbletea gives letters read at once as one key ("aFRA"): while
		// no text input has the keyboard each is a key of its own, so that
		// a, which opens a prompt, leaves FRA to the prompt. Once one has
		// it, the rest goes there whole (a long unbracketed paste stays one
		// message).
		var cmds []tea.Cmd
		rest := km.Runes
		for len(rest) > 0 && !m.typing() {
			next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: rest[:1], Alt: km.Alt})
			m, rest = next.(Model), rest[1:]
			cmds = append(cmds, cmd)
		}
		if len(rest) > 0 {
			next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: rest, Alt: km.Alt})
			m = next.(Model)
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	next, cmd := m.route(msg)
	nm := next.(Model)
	// What a child asked of the root (common.ask) is done in this same
	// Update: a key typed right after the one that opens a prompt already
	// meets the prompt, never the screen beneath (a command would arrive
	// after keys that were already read).
	for len(nm.c.Asked) > 0 {
		ask := nm.c.Asked[0]
		nm.c.Asked = nm.c.Asked[1:]
		n2, c2 := nm.route(ask)
		nm, cmd = n2.(Model), tea.Batch(cmd, c2)
	}
	if nm.status.Text != m.status.Text {
		// Messages name files and quote errors: cleaned like file contents.
		nm.status.Text = clean.Line(nm.c.Shown(nm.status.Text))
		if nm.status.Text != "" && !nm.status.Err {
			nm.status.Until = time.Now().Add(common.StatusLife)
		}
	}
	if nm.width > 0 {
		nm.help = nm.helpView()
	}
	return nm, cmd
}

// typing reports whether a text input has the keyboard: a modal's, or the
// active view's (a filter being typed).
func (m *Model) typing() bool {
	if top := m.top(); top != nil {
		return top.Capturing()
	}
	return m.screen(m.active).Capturing()
}

// route routes messages: size first; then a key goes to the modal on top
// (ctrl+c always quits; q and ? too unless the modal takes text), else to
// a screen whose text input has the keyboard, else to the global keys and
// then the active screen; results of commands go to what they belong to.
func (m Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.presentAtStart {
			// plenary present: the deck, or without one the selected session.
			m.presentAtStart = false
			if m.c.Snap.Deck != nil {
				m.presentDeck()
			} else {
				m.presentScreen()
			}
		}
		m.Layout()
		return m, nil
	case tickMsg:
		if !m.status.Until.IsZero() && time.Now().After(m.status.Until) {
			m.status = common.StatusMsg{}
		}
		m.clockMoved()
		return m, m.Tick()
	case common.StatusMsg:
		m.status = msg
		return m, nil
	case chairpanel.FloorAct:
		return m, m.floorAction(msg)
	case notesview.MinutesMsg:
		m.push(notesview.NewMinutesView(m.c))
		return m, nil
	case common.ClipboardMsg:
		return m, m.toClipboard(msg.What, msg.Text)
	case searchpage.SearchGoMsg:
		return m, m.searchGo(msg.Result)
	case common.OpenNoteMsg:
		return m, noteeditor.OpenNoteAt(m.c, msg.ID, 0)
	case common.HelpMsg:
		m.push(helppage.NewHelpPage(m.c, msg.Title, msg.Keys))
		return m, nil
	case common.UnfollowMsg:
		m.unfollowed = true
		return m, nil
	case common.NoteClosedMsg:
		return m, m.notify(msg)
	case notesview.MinutesEditMsg:
		return m, m.agenda.Edit(msg.Session)
	case common.AskFloorMsg:
		return m, m.askFloor()
	case common.AttendMsg:
		return m, m.attend(msg.Code)
	case chairpanel.FloorPromptMsg:
		if m.top() == nil || m.top().Place() != common.PlaceStatus {
			m.push(chairpanel.NewFloorPrompt(m.c, msg.Session, ""))
		}
		return m, nil
	case floorSavedMsg:
		return m, m.floorSaved(msg)
	case floorRetryMsg:
		return m, m.retryFloor(msg.session)
	case clipDoneMsg:
		if msg.gen == m.clipGen {
			m.clip = ""
		}
		return m, nil
	case agendaview.CompareMsg:
		if m.c.Snap.Scores == nil {
			m.status = common.StatusMsg{Text: "This bundle has no scores to compare."}
			return m, nil
		}
		m.switchTo(viewScores)
		m.scores().Rebuild(m.scores().SelectedCode()) // the presenters group follows the agenda
		return m, m.scores().OpenSessionCompare(msg.Codes, msg.Session)
	case common.JumpMsg:
		m.active = viewAgenda
		m.agenda.ShowSession(msg.Session, false)
		m.Layout()
		return m, nil
	case bundleChangedMsg:
		if err := msg.change.Err; err != nil {
			m.status = common.StatusMsg{Text: "live reload: " + clean.Line(err.Error()), Err: true}
		}
		return m, tea.Batch(m.reload(false), waitForChange(m.changes))
	case settleMsg:
		return m, m.reload(true)
	case bundleReloadedMsg:
		return m.Reloaded(msg)
	case roomMsg:
		return m.roomChanged(msg)
	case common.ResumeMsg:
		if sh := m.c.Room.State().Showing; sh != nil && sh.Presenter == m.c.PersonID() && sh.Away && m.top() == nil {
			m.resume(sh)
		}
		return m, nil
	case noteeditor.RescueMsg:
		m.push(noteeditor.NewRescue(m.c, msg))
		return m, nil
	case noteeditor.RescuedMsg:
		return m.rescued(msg)
	case noteeditor.RecoveryMsg:
		m.pushUnder(noteeditor.NewRecovery(m.c, msg))
		return m, nil
	case noteeditor.NoteLoadedMsg:
		return m.noteLoaded(msg)
	case ShutdownMsg:
		return m, tea.Quit
	case noteeditor.SaveTickMsg, noteeditor.JournalTickMsg, noteeditor.JournalMsg, noteeditor.NoteSavedMsg, noteeditor.EditorDoneMsg:
		return m.toEditor(msg)
	case notesview.ApprovedMsg:
		switch {
		case errors.Is(msg.Err, agenda.ErrConflict):
			m.status = common.StatusMsg{Text: fmt.Sprintf("The notes of session %d changed meanwhile: look again, then s.", msg.Number), Err: true}
		case msg.Err != nil:
			m.status = common.StatusMsg{Text: fmt.Sprintf("The notes of session %d were not saved: %v", msg.Number, msg.Err), Err: true}
		default:
			m.c.PutNote(msg.ID, msg.Note)
			if n, ok := m.screens[viewNotes].(*notesview.NotesScreen); ok {
				n.Rebuild()
			}
			m.agenda.IndexNotes()
			say := "approved"
			if msg.Status == agenda.Draft {
				say = "back to draft"
			}
			m.status = common.StatusMsg{Text: fmt.Sprintf("The notes of session %d are %s.", msg.Number, say)}
		}
		return m, nil
	case common.StarsSavedMsg:
		if msg.Err != nil {
			m.status = common.StatusMsg{Text: "stars not saved: " + msg.Err.Error(), Err: true}
		}
		return m, nil
	case tea.KeyMsg:
		return m.Key(msg)
	case tea.MouseMsg:
		return m, m.Mouse(msg)
	}
	return m, nil
}

func (m Model) Key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Paste {
		// A paste is text, never a key: it goes to what takes text without
		// being matched against the bindings (each match spells it whole).
		if top := m.top(); top != nil {
			if !top.Capturing() {
				return m, nil
			}
			cmd, done := top.Update(msg)
			if done {
				m.pop()
			}
			m.broadcast()
			return m, cmd
		}
		if scr := m.screen(m.active); scr.Capturing() {
			return m, scr.Update(msg)
		}
		return m, nil
	}
	k := m.c.Keys.Global
	if key.Matches(msg, k.ForceQuit) {
		return m, m.quit() // always, even while typing; unsaved notes are saved first
	}
	if top := m.top(); top != nil {
		if !top.Capturing() {
			switch {
			case key.Matches(msg, k.Quit):
				return m, m.quit()
			case m.fixedClock && (key.Matches(msg, k.ClockForward) || key.Matches(msg, k.ClockBack)):
				// A rehearsal's clock moves over the panel and the slides too.
				cmd, _ := m.globalKey(msg)
				return m, cmd
			case key.Matches(msg, k.Chair) && top.Place() == common.PlaceSlide:
				// The chair's panel over the slide, on this screen only: the
				// room keeps the slide, and esc comes back to it.
				cmd, _ := m.globalKey(msg)
				return m, cmd
			case key.Matches(msg, k.Help):
				if _, open := top.(*helppage.HelpPage); !open {
					m.push(helppage.NewHelpPage(m.c, top.Title(), append(top.FullHelp(), []key.Binding{k.Help, k.Quit})))
					return m, nil
				}
			}
		}
		cmd, done := top.Update(msg)
		if done {
			m.pop()
		}
		m.broadcast()
		return m, cmd
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys typed faster than one read arrive together; they are
		// still separate keys ("/coop" is / then c, o, o, p).
		var cmds []tea.Cmd
		var next tea.Model = m
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return next, tea.Batch(cmds...)
	}
	scr := m.screen(m.active)
	if scr.Capturing() {
		return m, scr.Update(msg)
	}
	if cmd, done := m.globalKey(msg); done {
		return m, cmd
	}
	m.status = common.StatusMsg{}
	return m, scr.Update(msg)
}

// clockMoved redraws what shows the time.
func (m *Model) clockMoved() {
	m.clock = m.formatClock()
	if m.width > 0 {
		m.prepareHeader()
	}
	m.prepareFloor()
	m.notify(common.ClockMsg{})
}

func (m *Model) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := m.c.Keys.Global
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case m.fixedClock && (key.Matches(msg, k.ClockForward) || key.Matches(msg, k.ClockBack)):
		d := 5 * time.Minute
		if key.Matches(msg, k.ClockBack) {
			d = -d
		}
		if m.c.Room != nil {
			// A served rehearsal has one clock: the chair moves it for all.
			if !m.c.MayChair() {
				m.status = common.StatusMsg{Text: "The room's rehearsal clock is the chair's to move."}
				return nil, true
			}
			m.c.Room.MoveClock(m.c.PersonID(), d)
			return nil, true // every program, this one too, follows the room
		}
		*m.offset += d
		m.clockMoved() // the header shows the new time; the footer what it means
		m.status = common.StatusMsg{}
		return nil, true
	case key.Matches(msg, k.Present), key.Matches(msg, k.PresentDeck):
		if !m.c.MayPresent() {
			m.status = common.StatusMsg{Text: "Only the secretariat presents to the room."}
			return nil, true
		}
		if key.Matches(msg, k.Present) {
			return m.presentScreen(), true
		}
		return m.presentDeck(), true
	case key.Matches(msg, k.Follow):
		if m.c.Room == nil {
			return nil, false
		}
		st := m.c.Room.State()
		if st.Showing == nil || st.Showing.Presenter == m.c.PersonID() {
			m.status = common.StatusMsg{Text: "No one presents to the room now."}
			return nil, true
		}
		m.unfollowed = false
		m.push(presentation.NewFollower(m.c, st.Showing))
		return nil, true
	case key.Matches(msg, k.Floor):
		return m.askFloor(), true
	case key.Matches(msg, k.Chair):
		if by := m.c.ServedBy(); by != "" {
			return common.ServedRefusal(by), true
		}
		if !m.c.MayChair() {
			m.status = common.StatusMsg{Text: "Only the chair (chair = true in access.toml) and the secretariat run the floor."}
			return nil, true
		}
		i := m.floorSession()
		if i < 0 {
			m.status = common.StatusMsg{Text: "Select a session to chair."}
			return nil, true
		}
		m.push(chairpanel.NewChairPanel(m.c, i))
		return nil, true
	case key.Matches(msg, k.Copy):
		return m.copySelection(), true
	case key.Matches(msg, k.Search):
		m.push(searchpage.NewSearchPage(m.c))
		return nil, true
	case key.Matches(msg, k.Export):
		if m.c.Remote {
			m.status = common.StatusMsg{Text: "Over SSH exports come to you: ssh -p PORT HOST export ics > mine.ics (or report, json, scores)."}
			return nil, true
		}
		ep := exportprompt.New(m.c)
		if m.active == viewScores {
			ep.Chart = m.scores().ChartOnScreen()
		}
		m.push(ep)
		return nil, true
	case key.Matches(msg, k.Help):
		m.push(helppage.NewHelpPage(m.c, views[m.active-1].name, m.screenHelp()))
		return nil, true
	case key.Matches(msg, k.About):
		m.switchTo(viewAgenda)
		m.agenda.ShowAbout()
		return nil, true
	case key.Matches(msg, k.Agenda):
		m.switchTo(viewAgenda)
		return nil, true
	case key.Matches(msg, k.Scores):
		m.switchTo(viewScores)
		if m.scores().Group == scoresview.GroupPresenters {
			m.scores().Rebuild(m.scores().SelectedCode())
		}
		return nil, true
	case key.Matches(msg, k.Delegations):
		m.switchTo(viewDelegations)
		return nil, true
	case key.Matches(msg, k.Notes):
		m.switchTo(viewNotes)
		return nil, true
	case key.Matches(msg, k.NextView):
		m.cycle(1)
		return nil, true
	case key.Matches(msg, k.PrevView):
		m.cycle(-1)
		return nil, true
	}
	return nil, false
}

// screenHelp is the full help of the active view and the keys that work
// everywhere.
func (m *Model) screenHelp() [][]key.Binding {
	k := m.c.Keys.Global
	// The keys that work everywhere, as far as this person may use them.
	global := []key.Binding{k.Agenda, k.Scores, k.Delegations, k.Notes, k.NextView, k.PrevView, k.About, k.Search, k.Copy}
	if m.c.MayPresent() {
		global = append(global, k.Present, k.PresentDeck)
	}
	if !m.c.Remote {
		global = append(global, k.Export)
	}
	if m.c.MayAskFloor() {
		global = append(global, k.Floor)
	}
	if m.c.MayChair() {
		global = append(global, k.Chair)
	}
	global = append(global, k.Help, k.Quit, k.ForceQuit)
	if m.fixedClock && (m.c.Room == nil || m.c.MayChair()) {
		global = append(global, k.ClockForward, k.ClockBack)
	}
	if m.c.Room != nil {
		global = append(global, k.Follow)
	}
	return append(m.screen(m.active).FullHelp(), global)
}

func (m *Model) switchTo(v view) {
	if v == viewNotes {
		m.notesScreen().Rebuild() // notes change while the app runs
	}
	if m.active != v {
		m.active = v
		m.status = common.StatusMsg{}
		m.Layout()
	}
}

func (m *Model) cycle(d int) {
	for i, v := range views {
		if v.v == m.active {
			m.switchTo(views[(i+d+len(views))%len(views)].v)
			return
		}
	}
}

// Mouse goes to the modal on top, or to the tab bar and the view under the
// pointer, in the view's own coordinates.
func (m *Model) Mouse(msg tea.MouseMsg) tea.Cmd {
	if top := m.top(); top != nil && top.Place() != common.PlaceStatus {
		if top.Place() == common.PlaceBody {
			msg.Y -= headerLines // in the modal's own coordinates, like a view's
		}
		cmd, done := top.Update(msg)
		if done {
			m.pop()
		}
		return cmd
	}
	if msg.Y == tabLine && msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
		for _, t := range m.tabHits {
			if msg.X >= t.from && msg.X < t.to {
				m.switchTo(t.v)
			}
		}
		return nil
	}
	if msg.Y < headerLines || msg.Y >= headerLines+m.bodyHeight() {
		return nil
	}
	msg.Y -= headerLines
	return m.screen(m.active).Update(msg)
}

// Layout: two header lines, the tab bar, a rule, the body, the banner when
// a file is broken, the status line and the help line. All sizes are
// worked out here.
const (
	headerLines = 4
	tabLine     = 2
)

func (m *Model) footerLines() int {
	if m.bannerText() != "" {
		return 3
	}
	return 2
}

func (m *Model) bodyHeight() int {
	return max(m.height-headerLines-m.footerLines(), 1)
}

// Layout sizes every view and modal and prepares the header; it runs when
// the size, the view, the stack or the banner change.
func (m *Model) Layout() {
	if m.width == 0 {
		return
	}
	h := m.bodyHeight()
	for _, s := range m.screens {
		s.SetSize(m.width, h)
	}
	for _, md := range m.modals {
		m.sizeModal(md)
	}
	m.prepareHeader()
	m.bannerLine = ""
	if b := m.bannerText(); b != "" {
		m.bannerLine = common.Fit(m.c.Theme.Error.Render("⚠ "+b), m.width)
	}
	if m.banner != m.c.Banner {
		m.c.Banner = m.banner
		m.notify(common.BannerMsg{})
	}
	m.help = m.helpView()
}

// helpView is the footer's help line: the keys of what has the keyboard,
// then ? help and q quit, which always show when they work.
func (m *Model) helpView() string {
	var bindings []key.Binding
	capturing := false
	if top := m.top(); top != nil {
		bindings, capturing = top.ShortHelp(), top.Capturing()
	} else {
		scr := m.screen(m.active)
		bindings, capturing = scr.ShortHelp(), scr.Capturing()
	}
	var tail []key.Binding
	if !capturing {
		tail = []key.Binding{m.c.Keys.Global.Help, m.c.Keys.Global.Quit}
		if m.top() == nil && (m.active == viewAgenda || m.active == viewScores) && m.c.MayPresent() {
			// Both ways to present, always in sight where there is
			// something to present: what is on screen, or the deck.
			desc := "present this/deck"
			if m.width < 80 {
				desc = "present"
			}
			tail = append([]key.Binding{key.NewBinding(key.WithKeys("p", "P"), key.WithHelp("p/P", desc))}, tail...)
		}
	}
	return m.helpLine(bindings, tail)
}

// helpLine shows as many bindings as fit on one line before the tail,
// then "…", then the tail, which always shows. (bubbles' help overflows
// the width when the ellipsis itself does not fit.)
func (m *Model) helpLine(bindings, tail []key.Binding) string {
	// The same keys at the same width draw the same line: a follower's
	// slide change, a clock tick or a room change leave it as it was.
	var k strings.Builder
	fmt.Fprint(&k, m.width)
	for _, kb := range append(bindings, tail...) {
		if kb.Enabled() {
			h := kb.Help()
			k.WriteString("\x00" + h.Key + "\x01" + h.Desc)
		}
	}
	if key := k.String(); key != m.helpMemo.key {
		m.helpMemo.key, m.helpMemo.line = key, m.drawHelpLine(bindings, tail)
	}
	return m.helpMemo.line
}

// drawHelpLine lays helpLine out.
func (m *Model) drawHelpLine(bindings, tail []key.Binding) string {
	t := m.c.Theme
	sep := t.Subtle.Render(" • ")
	item := func(kb key.Binding) (string, int) {
		h := kb.Help()
		return t.HelpKey.Render(h.Key) + " " + t.HelpDesc.Render(h.Desc), ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
	}
	var tailS string
	tailW := 0
	for _, kb := range tail {
		s, w := item(kb)
		tailS, tailW = tailS+sep+s, tailW+3+w
	}
	var b strings.Builder
	w := 0
	room := m.width - tailW
	cut := false
	for _, kb := range bindings {
		if !kb.Enabled() {
			continue
		}
		s, iw := item(kb)
		if w > 0 {
			s, iw = sep+s, iw+3
		}
		if w+iw > room-2 { // keep room for " …"
			cut = true
			break
		}
		b.WriteString(s)
		w += iw
	}
	if cut {
		b.WriteString(t.Subtle.Render(" …"))
		w += 2
	}
	if w == 0 && tailS != "" {
		tailS = tailS[len(sep):] // nothing before it to separate from
	}
	return common.Fit(b.String()+tailS, m.width)
}

func (m Model) formatClock() string {
	now := m.c.Now().In(m.c.Snap.Meeting.Location)
	if m.fixedClock && m.c.Room != nil {
		// Everyone in the room sees that this is not the time.
		return "rehearsal · " + now.Format("Mon 2 Jan 2006 15:04")
	}
	return now.Format("Mon 2 Jan 15:04:05 MST")
}

// View joins the parts prepared in Update: the header, the tab bar, the
// view or the modal on top, the banner, the status and the help line.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		return ansi.Truncate(fmt.Sprintf("Terminal too small: %d×%d, need %d×%d", m.width, m.height, MinWidth, MinHeight), m.width, "…")
	}
	top := m.top()
	if top != nil && top.Place() == common.PlaceStatus && len(m.modals) > 1 {
		// A prompt over a whole-screen modal (the topic of a request for
		// the floor, asked over the slide): in its last line, the rest
		// of the slide or panel still in sight.
		if below := m.modals[len(m.modals)-2]; below.Place() != common.PlaceBody && below.Place() != common.PlaceStatus {
			v := below.View()
			if below.Place() == common.PlaceScreenHelp {
				v += "\n" + m.help
			}
			if i := strings.LastIndexByte(v, '\n'); i >= 0 {
				return v[:i+1] + top.View() + m.clip
			}
			return top.View() + m.clip
		}
	}
	if top != nil {
		switch top.Place() {
		case common.PlaceScreen, common.PlaceScreenHelp, common.PlaceSlide:
			v := top.View()
			if m.bannerLine != "" && top.Place() != common.PlaceSlide {
				// A broken file shows over the first line; what is drawn is
				// the last good data. A slide keeps its title: its footer
				// marks the data, the message waits for the presenter.
				_, rest, _ := strings.Cut(v, "\n")
				v = m.bannerView() + "\n" + rest
			}
			if top.Place() == common.PlaceScreenHelp {
				v += "\n" + m.help
			}
			return v + m.clip
		}
	}
	t := m.c.Theme
	var b strings.Builder
	b.WriteString(m.headLine[0])
	b.WriteByte('\n')
	b.WriteString(m.headLine[1])
	b.WriteByte('\n')
	b.WriteString(m.tabs)
	b.WriteByte('\n')
	b.WriteString(t.Rule.Render(strings.Repeat("─", m.width)))
	b.WriteByte('\n')
	if top != nil && top.Place() == common.PlaceBody {
		b.WriteString(top.View())
	} else {
		b.WriteString(m.screen(m.active).View())
	}
	b.WriteByte('\n')
	if m.bannerLine != "" {
		b.WriteString(m.bannerView())
		b.WriteByte('\n')
	}
	if top != nil && top.Place() == common.PlaceStatus {
		b.WriteString(top.View())
	} else {
		st := t.Status
		if m.status.Err {
			st = t.Error
		}
		text := m.status.Text
		if info, ok := m.screen(m.active).(interface{ Status() string }); ok && text == "" && top == nil {
			// The view's own line only while it is what is in sight.
			text = info.Status()
		}
		if m.floorStrip != "" {
			// The floor is always in sight: after a message, else first.
			if m.status.Text != "" {
				text += " · " + m.floorStrip
			} else {
				text = strings.TrimSuffix(m.floorStrip+" · "+text, " · ")
			}
		}
		b.WriteString(common.Fit(st.Render(text), m.width))
	}
	b.WriteByte('\n')
	b.WriteString(m.help + m.clip)
	return b.String()
}

// prepareHeader lays out the two header lines and the tab bar.
func (m *Model) prepareHeader() {
	t := m.c.Theme
	mt := m.c.Snap.Meeting
	m.headLine[0] = common.Spread(t.Title.Render(mt.Title), t.Clock.Render(m.clock), m.width)
	m.headLine[1] = common.Spread(t.Subtle.Render(strings.Join(append(mt.Place(), agenda.DateSpan(mt.Start, mt.End)), " · ")), t.Subtle.Render(m.source), m.width)
	m.tabs, m.tabHits = m.tabBar()
}

// tabBar draws the tabs and says where each one is, for clicks.
func (m *Model) tabBar() (string, []tabHit) {
	t := m.c.Theme
	var parts []string
	var hits []tabHit
	x := 0
	for _, v := range views {
		st := t.Tab
		if v.v == m.active {
			st = t.TabActive
		}
		s := st.Render(fmt.Sprintf("%d %s", v.v, v.name))
		w := ansi.StringWidth(s)
		hits = append(hits, tabHit{v.v, x, x + w})
		x += w
		parts = append(parts, s)
	}
	return common.Fit(strings.Join(parts, ""), m.width), hits
}

// screen is view v's screen, made when first shown: a follower who never
// opens the scores holds none of their rows. What it shows comes from the
// context, so one made late is as one kept up to date.
func (m *Model) screen(v view) common.Screen {
	if s := m.screens[v]; s != nil {
		return s
	}
	var s common.Screen
	switch v {
	case viewScores:
		s = scoresview.NewScoresScreen(m.c)
	case viewDelegations:
		s = delegationsview.NewDelegationsScreen(m.c)
	case viewNotes:
		s = notesview.NewNotesScreen(m.c)
	default:
		s = m.agenda
	}
	m.screens[v] = s
	if m.width > 0 {
		s.SetSize(m.width, m.bodyHeight())
	}
	return s
}

func (m *Model) scores() *scoresview.ScoresScreen {
	return m.screen(viewScores).(*scoresview.ScoresScreen)
}

func (m *Model) notesScreen() *notesview.NotesScreen {
	return m.screen(viewNotes).(*notesview.NotesScreen)
}

func (m *Model) delegations() *delegationsview.DelegationsScreen {
	return m.screen(viewDelegations).(*delegationsview.DelegationsScreen)
}

// Shared is what the programs of one server draw once for all (slides,
// footers, themes): Options.Shared.
type Shared = common.Shared

// NewShared is an empty cache, for Options.Shared.
func NewShared() *Shared { return common.NewShared() }
