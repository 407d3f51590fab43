package ui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
)

// Change is what the bundle's watcher reports (bundle.Watch).
type Change = bundle.Change

type (
	bundleChangedMsg  struct{ change Change }
	bundleReloadedMsg struct {
		snap    room.Snapshot
		settled bool // read again after a pause: taken as it is
	}
	settleMsg struct{}
)

// settleTime is how long a reload that looks half-written (a table without
// its last newline, countries gone) waits before the bundle is read again.
const settleTime = 300 * time.Millisecond

// waitForChange waits for the watcher's next report.
func waitForChange(ch <-chan Change) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return nil
		}
		return bundleChangedMsg{change: c}
	}
}

// reload reads the bundle again, in a command; settled says it follows a
// pause for a file that looked half-written.
func (m *Model) reload(settled bool) tea.Cmd {
	if m.reloadFn == nil {
		return nil
	}
	if m.reloading {
		m.reloadAgain = true
		return nil
	}
	m.reloading = true
	fn := m.reloadFn
	return func() tea.Msg { return bundleReloadedMsg{snap: fn(), settled: settled} }
}

// Reloaded swaps in new data when it is valid, keeping what is on screen;
// when it is not, the last good data stays and a banner names the problem
// until the file is fixed.
func (m Model) Reloaded(msg bundleReloadedMsg) (tea.Model, tea.Cmd) {
	m.reloading = false
	var again tea.Cmd
	if m.reloadAgain {
		m.reloadAgain = false
		again = m.reload(false)
	}
	snap := msg.snap
	if snap.Problems.Errors() > 0 || snap.Meeting == nil {
		m.banner = bannerText(clean.Line(snap.Problems.First()), m.c.Snap)
		if !m.status.Err {
			m.status = common.StatusMsg{} // "Bundle fixed" would contradict the banner
		}
		m.Layout()
		return m, again
	}
	if !msg.settled && snap.Scores != nil {
		if why := snap.Scores.Suspect(m.c.Snap.Scores); why != "" {
			// Perhaps caught while being written: wait, then read again.
			m.status = common.StatusMsg{Text: "Reading the scores again in a moment: " + why + "."}
			return m, tea.Batch(again, m.c.After(settleTime, func(time.Time) tea.Msg { return settleMsg{} }))
		}
	}
	hadBanner := m.banner != ""
	m.banner = ""
	again = tea.Batch(again, m.apply(snap))
	m.floorMoved()
	switch {
	case snap.NotesErr != nil:
		m.status = common.StatusMsg{Text: "notes not read again: " + clean.Line(snap.NotesErr.Error()), Err: true}
	case hadBanner:
		m.status = common.StatusMsg{Text: "Bundle fixed: showing the new data."}
	}
	m.Layout()
	return m, again
}

// bannerText is the banner for a problem: what is shown instead. A part
// of the bundle that never loaded is not shown, rather than "last good".
func bannerText(problem string, snap *room.Snapshot) string {
	switch file, _, _ := strings.Cut(problem, ":"); {
	case file == "deck.toml" && snap.Deck == nil:
		return problem + " — no deck until it is fixed"
	case file != "meeting.toml" && file != "deck.toml" && !strings.HasPrefix(file, "notes/") && snap.Scores == nil:
		return problem + " — no scores until it is fixed"
	}
	return problem + " — showing the last good data"
}

// apply swaps a valid snapshot in, keeping the view, the edition (by id)
// and, in every screen and modal, what was selected (by id).
func (m *Model) apply(snap room.Snapshot) tea.Cmd {
	c := m.c
	old := c.Snap
	edition := ""
	if e := c.CurrentEdition(); e != nil {
		edition = e.ID
	}
	if snap.Texts == nil {
		snap.Texts = old.Texts // the notes could not be read at all: keep the last
	}
	snap.Problems, snap.NotesErr = nil, nil
	c.Snap = &snap
	c.Edition = 0
	if c.Snap.Scores != nil && len(c.Snap.Scores.Editions) > 0 {
		c.Edition = len(c.Snap.Scores.Editions) - 1
		for i, e := range c.Snap.Scores.Editions {
			if e.ID == edition {
				c.Edition = i
			}
		}
	}
	return m.notify(common.SnapshotMsg{Old: old})
}

// bannerView is the line that names a broken file, laid out by layout.
func (m *Model) bannerView() string { return m.bannerLine }

// bannerText is what the banner says: the bundle's problem; for the
// secretariat of a served room, an access.toml that was not taken; for a
// local program on a served bundle, that its notes and floor are the
// room's.
func (m *Model) bannerText() string {
	parts := []string{}
	if m.banner != "" {
		parts = append(parts, m.banner)
	}
	if m.accessProblem != "" && m.c.MayPresent() {
		parts = append(parts, "access.toml not taken, the last valid list stays: "+clean.Line(m.accessProblem))
	}
	if by := m.c.ServedBy(); by != "" {
		parts = append(parts, "Read-only: plenary serve has this bundle ("+by+"); notes and the floor are written in the room")
	}
	return strings.Join(parts, " · ")
}
