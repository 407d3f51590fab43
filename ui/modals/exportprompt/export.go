// Package exportprompt is the status-line prompt that writes an export
// (calendar, report, JSON, chart) from the app.
package exportprompt

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/renameio/v2"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/data/chart"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui/common"
)

// ExportPrompt is asked by x: the next key picks the export (r the report,
// i a calendar of the starred sessions or all when none is starred, j
// everything as JSON), written to the working folder and named after the
// meeting. It shows on the status line, over the view.
type ExportPrompt struct {
	c     *common.Common
	width int
	line  string // the prompt, laid out for the width
	// Chart is the chart of what the Scores view shows (nil elsewhere),
	// made of values: it runs in the export's command.
	Chart func() (chart.Chart, error)
}

// New is the prompt, for exports of what this program shows.
func New(c *common.Common) *ExportPrompt { return &ExportPrompt{c: c} }

func (e *ExportPrompt) Place() common.Placement { return common.PlaceStatus }
func (e *ExportPrompt) Capturing() bool         { return false }
func (e *ExportPrompt) Title() string           { return "export" }
func (e *ExportPrompt) SetSize(w, _ int) {
	e.width = w
	charts := ""
	if e.Chart != nil {
		charts = " · s chart SVG · g chart PNG"
	}
	e.line = common.Fit(e.c.Theme.Status.Render("Export: r report · i calendar · j JSON"+charts+" · esc cancel, to "+clean.Line(e.c.WorkDir)), w)
}

func (e *ExportPrompt) View() string { return e.line }

func (e *ExportPrompt) ShortHelp() []key.Binding {
	k := e.c.Keys.Export
	if e.Chart != nil {
		return []key.Binding{k.Report, k.Calendar, k.JSON, k.ChartSVG, k.ChartPNG, k.Cancel}
	}
	return []key.Binding{k.Report, k.Calendar, k.JSON, k.Cancel}
}

func (e *ExportPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }

// Update takes the key after x and closes the prompt. The export runs in
// a command on the snapshot of this moment.
func (e *ExportPrompt) Update(msg tea.Msg) (tea.Cmd, bool) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	c := e.c
	k := c.Keys.Export
	snap, mt := c.Snap, c.Snap.Meeting
	var name string
	var build func() ([]byte, error)
	switch {
	case key.Matches(km, k.Report):
		name = mt.ID + "-report.md"
		build = func() ([]byte, error) { return []byte(agenda.Report(mt, snap.Texts, snap.ReportOptions())), nil }
	case key.Matches(km, k.Calendar):
		var ss []*agenda.Session
		for i := range mt.Sessions {
			if c.Starred[mt.Sessions[i].ID] {
				ss = append(ss, &mt.Sessions[i])
			}
		}
		name = mt.ID + "-starred.ics"
		if len(ss) == 0 {
			name = mt.ID + ".ics"
			for i := range mt.Sessions {
				ss = append(ss, &mt.Sessions[i])
			}
		}
		stamp := c.Wall()
		build = func() ([]byte, error) { return []byte(agenda.ICS(mt, ss, stamp)), nil }
	case key.Matches(km, k.JSON):
		name = mt.ID + ".json"
		build = func() ([]byte, error) { return bundle.JSON(mt, snap.Texts, snap.Scores) }
	case e.Chart != nil && key.Matches(km, k.ChartSVG, k.ChartPNG):
		draw, svg := e.Chart, key.Matches(km, k.ChartSVG)
		ch, err := draw()
		if err != nil {
			return func() tea.Msg { return common.StatusMsg{Text: "No chart: " + err.Error(), Err: true} }, true
		}
		name = ch.Name + ".png"
		build = func() ([]byte, error) { return ch.PNG(2) }
		if svg {
			name = ch.Name + ".svg"
			build = func() ([]byte, error) { return ch.SVG(), nil }
		}
	default:
		return func() tea.Msg { return common.StatusMsg{Text: "Export cancelled."} }, true
	}
	path, wall, loc := filepath.Join(c.WorkDir, name), c.Wall, c.Snap.Meeting.Location
	return func() tea.Msg {
		b, err := build()
		if err == nil {
			err = renameio.WriteFile(path, b, 0o644)
		}
		if err != nil {
			return common.StatusMsg{Text: fmt.Sprintf("export failed: %v", err), Err: true}
		}
		return common.StatusMsg{Text: fmt.Sprintf("Wrote %s (%d bytes) at %s", path, len(b), wall().In(loc).Format(time.TimeOnly))}
	}, true
}
