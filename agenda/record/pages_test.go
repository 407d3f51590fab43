package record_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/record"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/chart"
	"github.com/charmbracelet/x/exp/golden"
)

// TestPageBreaks: on A4 and on Letter, over pages of sessions, paragraphs
// and list items of one to seven lines (each line a token, read back per
// page with pdftotext): a heading is never the last thing on its page but
// keeps two lines of what follows; a block cut by a page leaves at least
// two lines on each; a block of three lines or fewer is never cut.
func TestPageBreaks(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (CI installs poppler-utils: .ci/run)")
	}
	var md strings.Builder
	md.WriteString("# Record\n\n## Thursday\n\n")
	sizes := map[string]int{}
	var order []string // blocks, and headings as "h<n>"
	for i := range 150 {
		if i%6 == 0 {
			fmt.Fprintf(&md, "### Session h%d\n\n", i)
			order = append(order, fmt.Sprintf("h%d", i))
		}
		n := 1 + (i*5+i/7)%7
		id := fmt.Sprintf("b%d", i)
		sizes[id], order = n, append(order, id)
		var lines []string
		for j := 1; j <= n; j++ {
			lines = append(lines, fmt.Sprintf("%sl%d words to fill the line", id, j))
		}
		if i%4 == 3 {
			md.WriteString("- " + strings.Join(lines, "\n  ") + "\n\n")
		} else {
			md.WriteString(strings.Join(lines, "\n") + "\n\n")
		}
	}
	token := regexp.MustCompile(`\b(b\d+)l(\d+)\b|Session (h\d+)`)
	for _, paper := range []string{record.A4, record.Letter} {
		b, err := record.PDF("Record", md.String(), paper)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(file, b, 0o644)
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(out), "\f")
		onPage := map[string]map[int]int{} // block → page → lines there
		headingPage := map[string]int{}
		for pg, text := range pages {
			for _, m := range token.FindAllStringSubmatch(text, -1) {
				if m[3] != "" {
					headingPage[m[3]] = pg
					continue
				}
				if onPage[m[1]] == nil {
					onPage[m[1]] = map[int]int{}
				}
				onPage[m[1]][pg]++
			}
		}
		for i, id := range order {
			if strings.HasPrefix(id, "h") {
				next := order[i+1]
				if onPage[next][headingPage[id]] < min(2, sizes[next]) {
					t.Errorf("%s: the heading of %s ends page %d without two lines of what follows", paper, id, headingPage[id]+1)
				}
				continue
			}
			parts := onPage[id]
			if len(parts) > 1 && sizes[id] <= 3 {
				t.Errorf("%s: %s, of %d lines, is cut: %v", paper, id, sizes[id], parts)
			}
			for pg, n := range parts {
				if len(parts) > 1 && n < 2 {
					t.Errorf("%s: %s leaves %d line on page %d", paper, id, n, pg+1)
				}
			}
		}
		if len(pages) < 8 {
			t.Errorf("%s: only %d pages: the test breaks too few", paper, len(pages))
		}
	}
}

// TestTallChartFitsThePage: the full ranking, taller than a Letter page's
// text, is drawn smaller on a page of its own: every word of it (read
// with pdftotext -bbox) ends within the page's text, above its bottom
// margin (20 mm), where the footer is.
func TestTallChartFitsThePage(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (CI installs poppler-utils: .ci/run)")
	}
	d, probs := data.LoadScores(data.Embedded())
	if d == nil {
		t.Fatal(probs)
	}
	ranking, err := chart.Ranking(d, chart.Options{Width: 500}) // narrow: taller for its width
	if err != nil {
		t.Fatal(err)
	}
	md := "# Record\n\n## Scores\n\nThe ranking.\n\nA line before it.\n\n### The ranking\n\nAfter it.\n"
	b, err := record.PDFWith("Record", md, record.Letter, map[string]chart.Chart{"### The ranking": ranking}, record.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(file, b, 0o644)
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	const limit = 792 - 20*72/25.4 + 1 // Letter's height less the bottom margin, in points
	seen := false
	for i, page := range strings.Split(string(out), "<page ")[1:] {
		words := word.FindAllStringSubmatch(page, -1)
		for j, m := range words {
			if m[2] == "Page" || j > 0 && words[j-1][2] == "Page" || j > 1 && words[j-2][2] == "Page" || j > 2 && words[j-3][2] == "Page" {
				continue // the footer: "Page n of N"
			}
			var bottom float64
			fmt.Sscan(m[1], &bottom)
			if bottom > limit {
				t.Errorf("page %d: %q ends at %.1f pt, below the text's %.1f", i+1, m[2], bottom, limit)
			}
			seen = seen || m[2] == "Türkiye"
		}
	}
	if !seen {
		t.Error("the ranking's last country is not in the PDF")
	}
}

// TestWordsBreakAtHyphens: long words break only at their hyphens and at
// spaces: every line (read back with pdftotext -layout) starts and ends
// with whole pieces of words — between hyphens — never inside one; a
// compound of 60 words breaks at its hyphens too.
func TestWordsBreakAtHyphens(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (CI installs poppler-utils: .ci/run)")
	}
	words := []string{"interoperability-by-design-and-by-default", "government-wide", "machine-readable", "open-government-data-driven-transformation", "re-use", "data", "of", "the", "portals", "demand-driven"}
	var text []string
	for i := range 300 {
		text = append(text, words[(i*7+i/3)%len(words)])
	}
	var compound []string
	for i := range 60 {
		compound = append(compound, []string{"open", "government", "data", "portal", "interoperability"}[i%5])
	}
	piece := map[string]bool{"": true} // "" after a hyphen that ends a line
	for _, w := range append(words, compound...) {
		for _, p := range strings.Split(w, "-") {
			piece[p] = true
		}
	}
	whole := func(token string) bool {
		for _, p := range strings.Split(token, "-") {
			if !piece[p] {
				return false
			}
		}
		return true
	}
	b, err := record.PDF("Record", "# Record\n\n"+strings.Join(text, " ")+"\n\n"+strings.Join(compound, "-")+"\n", record.A4)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(file, b, 0o644)
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output() // lines as printed, never joined
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) == 0 || f[0] == "Page" || f[0] == "Record" {
			continue
		}
		lines++
		if !whole(f[0]) || !whole(f[len(f)-1]) {
			t.Errorf("a line starts or ends inside a word: %q", l)
		}
	}
	if lines < 10 {
		t.Errorf("only %d lines read back", lines)
	}
}

// TestReportPDFTextGolden: the text layer of the embedded meeting's record
// with a few notes, on A4 and on Letter, as pdftotext -layout reads it:
// what a reader copies, searches and has read aloud, page by page (go test
// ./agenda/record -update writes it after a change looked at).
func TestReportPDFTextGolden(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (CI installs poppler-utils: .ci/run)")
	}
	m, _ := agenda.Load(data.Embedded())
	notes := map[string]agenda.Note{
		m.Sessions[0].ID: {Text: "+++\nstatus = \"approved\"\n+++\n[09:40] Spain: We publish by default.\nKorea: 공공데이터 포털 (the national portal).\nD: Share national strategies\nA: Circulate the presentations @OECD due 2017-05-31"},
		m.Sessions[4].ID: {Text: "+++\nstatus = \"approved\"\n+++\nA: [x] Send comments @KOR @FRA due 2017-06-15\nQ: How to measure data quality?"},
	}
	md := agenda.Report(m, notes, agenda.ReportOptions{})
	for _, paper := range []string{record.A4, record.Letter} {
		t.Run(paper, func(t *testing.T) {
			b, err := record.PDF(m.Title, md, paper)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "r.pdf")
			os.WriteFile(file, b, 0o644)
			out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, out)
		})
	}
}
