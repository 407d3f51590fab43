package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/data"
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
	// Now is the clock; nil means the system clock. With FixedClock the
	// time does not move (rehearsals, tests) and nothing ticks.
	Now        func() time.Time
	FixedClock bool
	// Status is the first message on the status line; Banner names a
	// broken file from the start (the bundle opened without it).
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
	Wall    func() time.Time

	// Live reload: Changes delivers the names of bundle files that changed;
	// Reload reads the bundle again. Both nil for a bundle that cannot
	// change (the embedded one).
	Changes <-chan []string
	Reload  func() Snapshot
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

// screen is what every view implements, so the root can route, resize and
// gather help in one place.
type screen interface {
	update(tea.Msg) tea.Cmd
	view() string
	setSize(w, h int)
	capturing() bool // a text input has the keyboard
	shortHelp() []key.Binding
	fullHelp() [][]key.Binding
}

type tickMsg time.Time

// statusMsg sets the status line.
type statusMsg struct {
	text string
	err  bool
}

// Model is the root: header, tab bar, the active screen and the footer.
type Model struct {
	c          *common
	source     string
	fixedClock bool

	width, height int
	active        view
	screens       map[view]screen
	agenda        *agendaScreen
	scores        *scoresScreen
	notes         *notesScreen
	editor        *noteEditor    // the note being edited, nil when none
	recovery      []agenda.Entry // unsaved notes found at start, to restore or discard
	exporting     bool           // x was pressed: the next key picks the export
	delegations   *delegationsScreen

	changes     <-chan []string
	reloadFn    func() Snapshot
	reloading   bool
	reloadAgain bool
	banner      string // the first problem of a broken bundle, while it is broken
	clockOffset *time.Duration

	present        *presentation // the projector mode, nil when not presenting
	presentAtStart bool
	laidFooter     int // footer height the screens were sized for

	fullHelp bool
	status   statusMsg
	clock    string
	bodyTop  int
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
	// A rehearsal moves the fixed clock with > and <: keep the offset here.
	base, offset := o.Now, new(time.Duration)
	o.Now = func() time.Time { return base().Add(*offset) }
	if o.Texts == nil {
		o.Texts = map[string]agenda.Note{}
	}
	if o.Starred == nil {
		o.Starred = map[string]bool{}
	}
	c := &common{theme: NewTheme(o.Renderer), keys: DefaultKeyMap(), now: o.Now, meeting: o.Meeting,
		scores: o.Scores, deck: o.Deck, marked: map[string]bool{}, notes: o.Notes, journal: o.Journal,
		texts: o.Texts, stars: o.Stars, starred: o.Starred, wall: o.Wall}
	if o.Scores != nil && len(o.Scores.Editions) > 0 {
		c.edition = len(o.Scores.Editions) - 1
	}
	a := newAgendaScreen(c)
	c.session = a.selected
	sc := newScoresScreen(c)
	dl := newDelegationsScreen(c)
	m := Model{
		delegations: dl, changes: o.Changes, reloadFn: o.Reload, clockOffset: offset,
		c: c, source: o.Source, fixedClock: o.FixedClock,
		active: viewAgenda, agenda: a, scores: sc,
		notes:   newNotesScreen(c),
		screens: map[view]screen{viewAgenda: a, viewScores: sc, viewDelegations: dl},
		status:  statusMsg{text: o.Status},
	}
	m.screens[viewNotes] = m.notes
	m.presentAtStart = o.Present
	m.banner = o.Banner
	m.clock = m.formatClock()
	a.setNow()
	return m
}

// Init starts the clock and looks for notes left unsaved by an earlier run.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.findRecovery(), waitForChange(m.changes)}
	if !m.fixedClock {
		cmds = append(cmds, m.tick())
	}
	return tea.Batch(cmds...)
}

// tick fires on the next whole second, so the clock changes when the
// second does.
func (m Model) tick() tea.Cmd {
	now := m.c.now()
	return tea.Tick(now.Truncate(time.Second).Add(time.Second).Sub(now), func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update routes messages (see update), then lays the screen out again when
// the footer changed height: help and banners differ from mode to mode.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm := next.(Model)
	if nm.width > 0 && nm.footerLines() != nm.laidFooter {
		nm.layout()
	}
	return nm, cmd
}

// update routes messages: size first, then a focused text input takes every
// key, then global keys, then the active screen.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.presentAtStart {
			m.presentAtStart = false
			m.startPresentation()
		}
		m.layout()
		return m, nil
	case tickMsg:
		m.clock = m.formatClock()
		m.agenda.setNow()
		return m, m.tick()
	case statusMsg:
		m.status = msg
		return m, nil
	case compareMsg:
		if m.c.scores == nil {
			m.status = statusMsg{text: "This bundle has no scores to compare."}
			return m, nil
		}
		m.switchTo(viewScores)
		m.scores.rebuild(m.scores.selectedCode()) // the presenters group follows the agenda
		return m, m.scores.openCompare(msg.codes, nil)
	case jumpMsg:
		m.active = viewAgenda
		m.agenda.focusDetail = false
		m.agenda.selectSession(msg.session)
		m.layout()
		return m, nil
	case bundleChangedMsg:
		return m, tea.Batch(m.reload(), waitForChange(m.changes))
	case bundleReloadedMsg:
		return m.reloaded(msg)
	case recoveryMsg:
		m.recovery = msg.entries
		return m, nil
	case noteLoadedMsg:
		return m.noteLoaded(msg)
	case ShutdownMsg:
		return m, m.quit()
	case saveTickMsg, journalTickMsg, noteSavedMsg, editorDoneMsg:
		return m.toEditor(msg)
	case starsSavedMsg:
		if msg.err != nil {
			m.status = statusMsg{text: "stars not saved: " + msg.err.Error(), err: true}
		}
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return m, m.quit() // always, even while typing; unsaved notes are saved first
		}
		if m.editor != nil {
			return m.toEditor(msg)
		}
		if m.present != nil {
			if m.present.update(msg) {
				m.present = nil
			}
			return m, nil
		}
		if len(m.recovery) > 0 {
			return m, m.recoveryKey(msg)
		}
		if m.exporting {
			return m, m.exportKey(msg)
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
		scr := m.screens[m.active]
		if scr.capturing() {
			return m, scr.update(msg)
		}
		if cmd, done := m.globalKey(msg); done {
			return m, cmd
		}
		m.status = statusMsg{}
		return m, scr.update(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	}
	return m, nil
}

func (m *Model) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case m.fixedClock && (key.Matches(msg, k.ClockForward) || key.Matches(msg, k.ClockBack)):
		d := 5 * time.Minute
		if key.Matches(msg, k.ClockBack) {
			d = -d
		}
		*m.clockOffset += d
		m.clock = m.formatClock()
		m.agenda.setNow()
		m.status = statusMsg{text: "Rehearsal clock: " + m.c.now().In(m.c.meeting.Location).Format("Mon 2 Jan 15:04")}
		return nil, true
	case key.Matches(msg, k.Present):
		return m.startPresentation(), true
	case key.Matches(msg, k.Export):
		m.exporting = true
		m.status = statusMsg{text: exportPrompt()}
		return nil, true
	case key.Matches(msg, k.Help):
		m.fullHelp = !m.fullHelp
		m.layout()
		return nil, true
	case key.Matches(msg, k.Agenda):
		m.switchTo(viewAgenda)
		return nil, true
	case key.Matches(msg, k.Scores):
		m.switchTo(viewScores)
		if m.scores.group == groupPresenters {
			m.scores.rebuild(m.scores.selectedCode())
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

func (m *Model) switchTo(v view) {
	if v == viewNotes {
		m.notes.rebuild() // notes change while the app runs
	}
	if m.active != v {
		m.active = v
		m.status = statusMsg{}
		m.layout()
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

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.present != nil {
		// The wheel and a click move through the slides.
		switch {
		case msg.Button == tea.MouseButtonWheelDown, msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
			m.present.update(tea.KeyMsg{Type: tea.KeyRight})
		case msg.Button == tea.MouseButtonWheelUp:
			m.present.update(tea.KeyMsg{Type: tea.KeyLeft})
		}
		return nil
	}
	if m.editor != nil {
		cmd, _ := m.editor.update(msg)
		return cmd
	}
	if msg.Y == m.bodyTop-2 && msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
		_, hits := m.tabBar()
		for _, t := range hits {
			if msg.X >= t.from && msg.X < t.to {
				m.switchTo(t.v)
			}
		}
		return nil
	}
	if msg.Y < m.bodyTop || msg.Y >= m.bodyTop+m.bodyHeight() {
		return nil
	}
	msg.Y -= m.bodyTop
	return m.screens[m.active].update(msg)
}

// Layout: two header lines, the tab bar, a rule, the body, the status line
// and the help. All sizes are worked out here.
const headerLines = 4

func (m *Model) footerLines() int {
	n := 1 + lipgloss.Height(m.helpView())
	if m.banner != "" {
		n++
	}
	return n
}

func (m *Model) bodyHeight() int {
	return max(m.height-headerLines-m.footerLines(), 1)
}

func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	m.bodyTop = headerLines
	m.laidFooter = m.footerLines()
	h := m.bodyHeight()
	for _, s := range m.screens {
		s.setSize(m.width, h)
	}
	if m.editor != nil {
		m.editor.setSize(m.width, m.height-1)
	}
	if m.present != nil {
		m.present.setSize(m.width, m.height)
	}
}

func (m *Model) helpView() string {
	scr := m.screens[m.active]
	k := m.c.keys
	if m.editor != nil {
		return m.helpLine(append(m.editor.shortHelp(), key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit"))))
	}
	if len(m.recovery) > 0 {
		return m.helpLine([]key.Binding{restoreKey, discardKey})
	}
	if m.exporting {
		return m.helpLine([]key.Binding{reportKey, calendarKey, jsonKey, cancelKey})
	}
	if m.fullHelp {
		global := []key.Binding{k.Agenda, k.Scores, k.Delegations, k.Notes, k.NextView, k.PrevView, k.Present, k.Export, k.Help, k.Quit}
		if m.fixedClock {
			global = append(global, k.ClockForward, k.ClockBack)
		}
		groups := append(scr.fullHelp(), global)
		return m.helpGrid(groups)
	}
	return m.helpLine(append(scr.shortHelp(), k.Help, k.Quit))
}

// helpLine shows as many bindings as fit on one line, then "…". (bubbles'
// help overflows the width when the ellipsis itself does not fit.)
func (m *Model) helpLine(bindings []key.Binding) string {
	t := m.c.theme
	sep := t.Subtle.Render(" • ")
	var b strings.Builder
	w := 0
	for _, kb := range bindings {
		if !kb.Enabled() {
			continue
		}
		h := kb.Help()
		item := t.HelpKey.Render(h.Key) + " " + t.HelpDesc.Render(h.Desc)
		iw := ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc)
		if w > 0 {
			item, iw = sep+item, iw+3
		}
		if w+iw > m.width {
			if w+2 <= m.width {
				b.WriteString(t.Subtle.Render(" …"))
			}
			break
		}
		b.WriteString(item)
		w += iw
	}
	return b.String()
}

// helpGrid lays every binding out in as many columns as the width allows,
// so that full help is complete at 60 columns as well as at 250.
func (m *Model) helpGrid(groups [][]key.Binding) string {
	t := m.c.theme
	var keys, descs []string
	kw, dw := 0, 0
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			keys, descs = append(keys, h.Key), append(descs, h.Desc)
			kw, dw = max(kw, ansi.StringWidth(h.Key)), max(dw, ansi.StringWidth(h.Desc))
		}
	}
	colW := kw + 1 + dw + 2
	cols := max((m.width+2)/colW, 1)
	rows := (len(keys) + cols - 1) / cols
	lines := make([]string, rows)
	for i := range keys {
		r, c := i%rows, i/rows
		cell := t.HelpKey.Render(fit(keys[i], kw)) + " " + t.HelpDesc.Render(fit(descs[i], dw))
		if c > 0 {
			cell = "  " + cell
		}
		lines[r] += cell
	}
	for i := range lines {
		lines[i] = fit(lines[i], m.width)
	}
	// Leave the body at least three lines; say when help was cut.
	if room := m.height - headerLines - 1 - 3; len(lines) > room && room >= 1 {
		lines = lines[:room]
		lines[room-1] = fit(t.Subtle.Render("… more keys on a larger terminal"), m.width)
	}
	return strings.Join(lines, "\n")
}

func (m Model) formatClock() string {
	now := m.c.now().In(m.c.meeting.Location)
	return now.Format("Mon 2 Jan 15:04:05 MST")
}

// View draws the frame from prepared parts.
func (m Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		return ansi.Truncate(fmt.Sprintf("Terminal too small: %d×%d, need %d×%d", m.width, m.height, MinWidth, MinHeight), m.width, "…")
	}
	t := m.c.theme
	mt := m.c.meeting
	if m.editor != nil {
		return m.editor.view() + "\n" + m.helpView()
	}
	if m.present != nil {
		v := m.present.view()
		if m.banner != "" {
			// A broken file shows over the slide, whose data is the last good.
			_, rest, _ := strings.Cut(v, "\n")
			v = m.bannerView() + "\n" + rest
		}
		return v
	}
	var b strings.Builder
	b.WriteString(spread(t.Title.Render(mt.Title), t.Clock.Render(m.clock), m.width))
	b.WriteByte('\n')
	var place []string
	for _, p := range []string{mt.Venue, mt.City, agenda.DateSpan(mt.Start, mt.End)} {
		if p != "" {
			place = append(place, p)
		}
	}
	b.WriteString(spread(t.Subtle.Render(strings.Join(place, " · ")), t.Subtle.Render(m.source), m.width))
	b.WriteByte('\n')
	tabs, _ := m.tabBar()
	b.WriteString(tabs)
	b.WriteByte('\n')
	b.WriteString(t.Rule.Render(strings.Repeat("─", m.width)))
	b.WriteByte('\n')
	if len(m.recovery) > 0 {
		b.WriteString(m.recoveryView())
	} else {
		b.WriteString(m.screens[m.active].view())
	}
	b.WriteByte('\n')
	st := t.Status
	if m.status.err {
		st = t.Error
	}
	if m.banner != "" {
		b.WriteString(m.bannerView())
		b.WriteByte('\n')
	}
	text := m.status.text
	if info, ok := m.screens[m.active].(interface{ status() string }); ok && text == "" {
		text = info.status()
	}
	b.WriteString(fit(st.Render(text), m.width))
	b.WriteByte('\n')
	b.WriteString(m.helpView())
	return b.String()
}

// tabBar draws the tabs and says where each one is, for clicks.
func (m *Model) tabBar() (string, []tabHit) {
	t := m.c.theme
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
	return fit(strings.Join(parts, ""), m.width), hits
}

// spread puts left and right on one line of width w, truncating left first.
func spread(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return fit(right, w)
	}
	left = fit(left, max(w-rw-1, 0))
	return left + " " + right
}
