package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/ui/views/scoresview"
)

func codes(s *scoresview.ScoresScreen) []string {
	var out []string
	for _, r := range s.Rows {
		out = append(out, r.Code)
	}
	return out
}

func TestScoresSortAndAverageRow(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 120, 40), keys("2")...)
	s := model.scores()
	got := codes(s)
	if got[0] != "KOR" || got[1] != "FRA" {
		t.Fatalf("order starts %v", got[:3])
	}
	// The OECD average (0.538) sits between Greece (0.540) and Ireland (0.533), unranked.
	i := strings.Index(strings.Join(got, " "), "GRC OECD IRL")
	if i < 0 {
		t.Errorf("average row misplaced: %v", got)
	}
	for _, r := range s.Rows {
		if r.Code == "OECD" && r.Rank != 0 {
			t.Error("the average has a rank")
		}
		if r.Code == "IRL" && r.Rank != 17 {
			t.Errorf("Ireland rank %d, want 17 (the average takes no rank)", r.Rank)
		}
	}
	model = send(model, keys("S")...)
	if got := codes(model.scores()); got[0] != "TUR" {
		t.Errorf("reversed order starts with %s, want Türkiye (lowest)", got[0])
	}
	model = send(model, keys("s")...) // by availability
	if model.scores().SortTitle() != "data availability" || codes(model.scores())[0] != "KOR" {
		t.Errorf("sort by %s starts %s", model.scores().SortTitle(), codes(model.scores())[0])
	}
	model = send(model, keys("ss")...) // re-use: Korea 0.334 first
	model = send(model, keys("s")...)  // change: all n/c, order by name
	model = send(model, keys("s")...)  // name
	if model.scores().SortTitle() != "name" || codes(model.scores())[0] != "AUS" {
		t.Errorf("sort by %s starts %s", model.scores().SortTitle(), codes(model.scores())[0])
	}
	model = send(model, keys("s")...) // back to composite
	if model.scores().SortBy != 0 {
		t.Errorf("s does not cycle back to the composite: %d", model.scores().SortBy)
	}
}

func TestScoresGroupsFilterEditions(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 120, 40), keys("2")...)
	count := func() int { return len(model.scores().Rows) - 1 } // less the average
	if count() != 35 {
		t.Fatalf("all: %d", count())
	}
	model = send(model, keys("o")...)
	if count() != 32 {
		t.Errorf("OECD members in 2017: %d, want 32", count())
	}
	model = send(model, keys("o")...)
	if got := strings.Join(codes(model.scores()), " "); count() != 3 || !strings.Contains(got, "COL") || !strings.Contains(got, "LTU") {
		t.Errorf("partners in 2017: %s", got)
	}
	model = send(model, keys("o")...) // presenters of session 1 (selected in the agenda)
	if got := strings.Join(codes(model.scores()), " "); got != "KOR FRA MEX ESP NOR OECD DEU" {
		t.Errorf("presenters of session 1: %s", got)
	}
	model = send(model, keys("oo")...) // marked (none), then all
	model = send(model, keys("/kor")...)
	if got := codes(model.scores()); len(got) != 1 || got[0] != "KOR" {
		t.Errorf("filter kor: %v", got)
	}
	model = send(model, esc)
	model = send(model, keys("[")...)
	if e := model.c.CurrentEdition(); e.ID != "2015" {
		t.Fatalf("[ → edition %s", e.ID)
	}
	if got := codes(model.scores()); strings.Join(got, " ") != "KOR OECD" {
		t.Errorf("2015 pilot rows: %v", got)
	}
	model = send(model, keys("[")...) // no edition before 2015: stays
	model = send(model, keys("]")...)
	if e := model.c.CurrentEdition(); e.ID != "2017" {
		t.Errorf("] → edition %s", e.ID)
	}
}

func TestScoresMarksAndCard(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 120, 40), keys("2")...)
	model = send(model, keys("  ")...)
	if len(model.c.Marked) != 2 || !model.c.Marked["KOR"] || !model.c.Marked["FRA"] {
		t.Fatalf("marked %v", model.c.Marked)
	}
	if !strings.Contains(model.View(), "2 marked") {
		t.Error("the footer does not count the marks")
	}
	model = send(model, keys("k ")...) // unmark France
	if model.c.Marked["FRA"] {
		t.Error("space does not unmark")
	}
	model = send(model, keys("oooo")...) // marked group
	if got := codes(model.scores()); strings.Join(got, " ") != "KOR OECD" {
		t.Errorf("marked group: %v", got)
	}
	model = send(model, enter)
	v := model.View()
	for _, want := range []string{"Korea (KOR) · OECD member since 1996", "rank 1 of 35", "1.3 Implementation", "0.847", "Presented in", "1 Where do we stand?", "Not comparable with 2015 (pilot)"} {
		if !strings.Contains(v, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	model = send(model, esc)
	if model.scores().Mode != scoresview.ModeTable {
		t.Error("esc does not close the card")
	}
}

func TestComparePresentersFromAgenda(t *testing.T) {
	model := newTestModel(t, embeddedMeeting(t), 80, 24)
	model = send(model, keys("c")...)
	if model.active != viewScores || model.scores().Mode != scoresview.ModeCompare {
		t.Fatalf("c in the agenda: view %d mode %d", model.active, model.scores().Mode)
	}
	cv := model.scores().Compare
	if strings.Join(cv.Codes, " ") != "KOR FRA MEX ESP NOR DEU" || strings.Join(cv.Absent, " ") != "ARG" {
		t.Errorf("compare %v, absent %v", cv.Codes, cv.Absent)
	}
	if v := model.View(); !strings.Contains(v, "Argentina — no 2017 score") {
		t.Errorf("absent presenter not named:\n%s", v)
	}
	model = send(model, esc)
	// Session 2 is presented by the secretariat: no country to compare.
	model = send(model, keys("1j")...)
	model = send(model, keys("c")...)
	if model.active != viewAgenda || !strings.Contains(model.status.Text, "No country presented") {
		t.Errorf("c on a session without countries: view %d, status %q", model.active, model.status.Text)
	}
}

func TestScoresHeaderClickSorts(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 120, 40), keys("2")...)
	var name scoresview.Column
	for _, c := range model.scores().Columns() {
		if c.Sort == scoresview.SortName {
			name = c
		}
	}
	// Body line 1 is the headings (line 0 the title); the body starts at 4.
	model = send(model, tea.MouseMsg{X: name.X + 1, Y: 4 + 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if model.scores().SortBy != scoresview.SortName || codes(model.scores())[0] != "AUS" {
		t.Errorf("click on Country: sort %d, first %s", model.scores().SortBy, codes(model.scores())[0])
	}
	model = send(model, tea.MouseMsg{X: name.X + 1, Y: 4 + 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if !model.scores().Reverse {
		t.Error("a second click does not reverse")
	}
}

// TestCompareFromTheAgenda: c on a session compares its presenters under
// the session's name, without the table's marks; esc goes back to the
// agenda, on that session.
func TestCompareFromTheAgenda(t *testing.T) {
	m := embeddedMeeting(t)
	model := send(newTestModel(t, m, 100, 30), keys("jjjc")...)
	v := model.View()
	if !strings.Contains(v, "Compare · Session 4 presenters · OECD OURdata Index 2017") || strings.Contains(v, "marked") {
		t.Fatalf("the comparison of session 4's presenters:\n%s", v)
	}
	if !strings.Contains(v, "│ OECD average") {
		t.Errorf("no legend:\n%s", v)
	}
	model = send(model, esc)
	if model.active != viewAgenda || m.Sessions[model.agenda.Selected()].Number != 4 {
		t.Errorf("esc went to view %d, session %d", model.active, m.Sessions[model.agenda.Selected()].Number)
	}
	// From the table, esc stays in Scores.
	model = send(model, keys("2  c")...)
	model = send(model, esc)
	if model.active != viewScores {
		t.Errorf("esc from a comparison of marked countries left Scores")
	}
}

// TestGroupsSayWhatTheyAre: the presenters' group names its session; the
// marked group with nothing marked says so rather than showing the
// average alone.
func TestGroupsSayWhatTheyAre(t *testing.T) {
	m := embeddedMeeting(t)
	model := send(newTestModel(t, m, 120, 40), keys("2ooo")...)
	if v := model.View(); !strings.Contains(v, "group: session 1 presenters") {
		t.Errorf("the presenters' group:\n%s", v)
	}
	model = send(model, keys("o")...)
	if v := model.View(); !strings.Contains(v, "No country is marked (space marks one): showing all.") || !strings.Contains(v, "group: all") {
		t.Errorf("the marked group with nothing marked:\n%s", v)
	}
}

// TestRanksAreTheEditions: a filter, a group or a sort by name never
// renumbers the countries: the rank shown is the country's in the edition
// (Spain is 7th in 2017, the United Kingdom 5th), and what is projected or
// charted from a narrowed list says what narrowed it.
func TestRanksAreTheEditions(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 120, 40), keys("2")...)
	es := model.c.Snap.Scores.Scores["2017"]
	rankOf := func(code string) int {
		for _, r := range model.scores().Rows {
			if r.Code == code {
				return r.Rank
			}
		}
		t.Fatalf("%s is not listed: %v", code, codes(model.scores()))
		return 0
	}
	shown := func(rank int, name string) bool {
		for _, l := range strings.Split(model.View(), "\n") {
			if f := strings.Fields(strings.TrimLeft(l, "▸ ")); len(f) > 1 && f[0] == fmt.Sprint(rank) && f[1] == name {
				return true
			}
		}
		return false
	}
	if composite := es.Ranks(0); composite["ESP"] != 7 || composite["GBR"] != 5 {
		t.Fatalf("the edition's ranks: Spain %d, the United Kingdom %d", composite["ESP"], composite["GBR"])
	}
	model = send(model, keys("/spain")...)
	if rankOf("ESP") != 7 || !shown(7, "Spain") {
		t.Errorf("filtered to Spain: rank %d\n%s", rankOf("ESP"), model.View())
	}
	model = send(model, esc, esc)
	model = send(model, keys("o")...) // OECD members
	if rankOf("GBR") != 5 || !shown(5, "United") {
		t.Errorf("OECD members: the United Kingdom %d\n%s", rankOf("GBR"), model.View())
	}
	model = send(model, keys("oooo")...) // back to all
	model = send(model, keys("ss")...)   // by accessibility
	if model.scores().SortTitle() != "data accessibility" {
		t.Fatalf("sorted by %s", model.scores().SortTitle())
	}
	m, _ := model.c.Snap.Scores.Index.Measure("accessibility")
	access := es.Ranks(m)
	model = send(model, keys("/an")...)
	model = send(model, enter)
	// Austria leads the pillar and is not listed: France, first listed, keeps its rank.
	if codes(model.scores())[0] != "FRA" || rankOf("FRA") != access["FRA"] || access["AUT"] != 1 || access["FRA"] == 1 {
		t.Errorf("by accessibility under /an: %v, France %d (edition %d), Austria's edition rank %d", codes(model.scores()), rankOf("FRA"), access["FRA"], access["AUT"])
	}
	m, _ = model.c.Snap.Scores.Index.Measure("reuse")
	reuse := es.Ranks(m)
	model = send(model, keys("sss")...) // re-use, change, name: the ranks stay re-use's
	if model.scores().SortTitle() != "name" || rankOf("FRA") != reuse["FRA"] || reuse["FRA"] == access["FRA"] {
		t.Errorf("sorted by %s: France %d, want %d (re-use)", model.scores().SortTitle(), rankOf("FRA"), reuse["FRA"])
	}
	model = send(model, keys("sss")...) // composite, availability, accessibility
	ch, err := model.scores().ChartOnScreen()()
	if err != nil || !strings.Contains(string(ch.SVG()), "filter: an") {
		t.Errorf("the chart of the narrowed list does not say so: %v", err)
	}
	model = send(model, keys("p")...)
	if v := model.View(); !strings.Contains(v, "filter: an") || !strings.Contains(v, fmt.Sprintf("%3d France", access["FRA"])) {
		t.Errorf("the slide of the narrowed list:\n%s", v)
	}
}

// TestScoresStatusUnderSearch: the Scores view's own status line ("2
// marked") is not drawn under the search page, which is about something
// else.
func TestScoresStatusUnderSearch(t *testing.T) {
	model := send(newTestModel(t, embeddedMeeting(t), 100, 30), keys("2")...)
	model = send(model, keys(" j ")...)
	if !strings.Contains(model.View(), "2 marked") {
		t.Fatalf("no marks:\n%s", model.View())
	}
	model = send(model, tea.KeyMsg{Type: tea.KeyCtrlF})
	if v := model.View(); strings.Contains(v, "marked") {
		t.Errorf("the Scores' status shows through the search:\n%s", v)
	}
}
