package ui

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"codeberg.org/plenary/plenary/data"
)

// averageScores: 2020 has no average row (computed over FRA and DEU);
// 2022 comes from an SDMX import that gives the OECD composite only.
func averageScores(t *testing.T) *data.Dataset {
	t.Helper()
	fsys := fstest.MapFS{
		"scores.toml": {Data: []byte(`[index]
id = "t"
name = "Test index"
pillar_max = 0.333
composite = "sum"
tolerance = 0.002

[[index.pillar]]
id = "a"
name = "Availability"

[[index.pillar]]
id = "b"
name = "Accessibility"

[[index.pillar]]
id = "c"
name = "Re-use"

[[edition]]
id = "2020"
year = 2020
status = "final"
tables = ["2020.csv"]

[[edition]]
id = "2022"
year = 2022
status = "preliminary"
tables = ["2022.csv"]
`)},
		"2020.csv": {Data: []byte("country,a,b,c,composite\nFRA,0.3,0.3,0.28,0.88\nDEU,0.1,0.1,0.1,0.3\n")},
		"2022.csv": {Data: []byte("country,a,b,c,composite\nFRA,0.3,0.3,0.28,0.88\nDEU,0.1,0.1,0.1,0.3\nOECD,,,,0.925\n")},
	}
	d, probs := data.LoadScores(fsys)
	if d == nil {
		t.Fatal(probs)
	}
	return d
}

// TestGoldenAverageRow: an average the source gives is shown as given,
// what it leaves out is missing and its bar is one plain run of the given
// composite; an average the source does not give is computed, and labelled
// so as a whole.
func TestGoldenAverageRow(t *testing.T) {
	m := embeddedMeeting(t)
	d := averageScores(t)
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		for _, c := range []struct {
			name string
			keys string
		}{{"given", "2"}, {"computed", "2["}} {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				model := New(Options{Meeting: m, Scores: d, Renderer: asciiRenderer(), Now: fixedAt(t, m, "2017-05-18T10:30"), FixedClock: true})
				model = send(model, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				model = send(model, keys(c.keys)...)
				v := model.View()
				checkFrame(t, v, size[0], size[1])
				row := ""
				for _, l := range strings.Split(v, "\n") {
					if strings.Contains(l, "OECD average") && row == "" {
						row = l
					}
				}
				if c.name == "computed" && !strings.Contains(v, "│ OECD average (computed)") {
					t.Errorf("the legend does not say the average is computed:\n%s", v)
				}
				switch c.name {
				case "given":
					if !strings.Contains(row, "0.925") || strings.Contains(row, "computed") || strings.Contains(row, "0.200") || (size[0] >= 80 && !strings.Contains(row, "░")) {
						t.Errorf("the given average row: %q", row)
					}
				case "computed":
					if !strings.Contains(row, "0.590") {
						t.Errorf("the computed average row: %q", row)
					}
				}
				golden.RequireEqual(t, []byte(v))
			})
		}
	}
}
