package chart_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/chart"
)

func scores(t testing.TB) *data.Dataset {
	d, probs := data.LoadScores(data.Embedded())
	if d == nil {
		t.Fatal(probs)
	}
	return d
}

// parsed is what a chart's SVG holds, read back as XML.
type parsed struct {
	texts []string
	rects int
	lines int
}

func parse(t *testing.T, b []byte) parsed {
	t.Helper()
	var p parsed
	d := xml.NewDecoder(bytes.NewReader(b))
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "text":
				inText = true
				p.texts = append(p.texts, "")
			case "rect":
				p.rects++
			case "line":
				p.lines++
			}
		case xml.CharData:
			if inText {
				p.texts[len(p.texts)-1] += string(e)
			}
		case xml.EndElement:
			inText = false
		}
	}
	if err := xml.Unmarshal(b, new(struct{})); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	return p
}

// TestRankingSVG: every country of the 2017 ranking with its value, in
// order, three pillar parts each, the average marked on every bar, the
// legend, the title with index and edition, the source.
func TestRankingSVG(t *testing.T) {
	d := scores(t)
	e, _ := d.Edition("2017")
	ch, err := chart.Ranking(d, chart.Options{Edition: e})
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, ch.SVG())
	all := strings.Join(p.texts, "\n")
	rows := len(d.Scores["2017"].Rows)
	for _, want := range []string{"OECD OURdata Index 2017", "Korea", "0.943", "Data availability", "OECD average", "Source: OECD (2018)", "(Government at a Glance 2017)."} {
		if !strings.Contains(all, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if strings.Index(all, "Korea") > strings.Index(all, "France") {
		t.Errorf("Korea (first in 2017) is drawn after France")
	}
	// A background, three legend squares, a part for each pillar above 0
	// (Turkey's re-use was 0.000 in 2017), and the average's own bar.
	parts := 0
	for _, r := range d.Scores["2017"].Rows {
		for pl := range d.Index.Pillars {
			if v := r.Values[d.Index.PillarMeasure(pl)]; data.Known(v) && v > 0 {
				parts++
			}
		}
	}
	if p.rects != 1+3+parts+1 || parts < 3*rows-3 {
		t.Errorf("%d rects for %d pillar parts of %d countries", p.rects, parts, rows)
	}
	if p.lines < rows {
		t.Errorf("%d lines: the average is not marked on every bar", p.lines)
	}
	if strings.Contains(all, "PRELIMINARY") != (e.Status == data.Preliminary) {
		t.Errorf("the watermark does not follow the edition's status (%s)", e.Status)
	}
}

// TestCompareAndCountrySVG: a comparison draws only the countries named,
// and says which have no score; a country's chart draws its pillars.
func TestCompareAndCountrySVG(t *testing.T) {
	d := scores(t)
	ch, err := chart.Ranking(d, chart.Options{Countries: []string{"fra", "KOR", "MEX"}, Width: 600})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(parse(t, ch.SVG()).texts, "\n")
	if !strings.Contains(all, "France") || !strings.Contains(all, "Korea") || !strings.Contains(all, "Mexico") || strings.Contains(all, "Spain") || strings.Contains(all, "Norway") || strings.Contains(all, "Sweden") {
		t.Errorf("compare:\n%s", all)
	}
	// A country asked for without a score is an empty row, named under
	// the chart; only when no country has one is there nothing to draw.
	ch, err = chart.Ranking(d, chart.Options{Countries: []string{"FRA", "ATA"}, Name: func(c string) string { return map[string]string{"ATA": "Antarctica"}[c] + c }})
	if err != nil || len(ch.Unscored) != 1 || ch.Unscored[0] != "AntarcticaATA" {
		t.Fatalf("a country without a score: %v %q", err, ch.Unscored)
	}
	all = strings.Join(parse(t, ch.SVG()).texts, "\n")
	if !strings.Contains(all, "AntarcticaATA *\nno 2017 score") || !strings.Contains(all, "No 2017 composite score: AntarcticaATA.") || !strings.Contains(all, "FRA") {
		t.Errorf("the unscored row and note:\n%s", all)
	}
	if _, err := chart.Ranking(d, chart.Options{Countries: []string{"ATA", "XYZ"}}); err == nil || !strings.Contains(err.Error(), "for ATA, XYZ") {
		t.Errorf("no country with a score: %v", err)
	}
	ch, err = chart.Country(d, "KOR", chart.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all = strings.Join(parse(t, ch.SVG()).texts, "\n")
	for _, want := range []string{"Korea — OECD OURdata Index", "Data availability", "average"} {
		if !strings.Contains(all, want) {
			t.Errorf("the country chart lacks %q:\n%s", want, all)
		}
	}
	if _, err := chart.Ranking(d, chart.Options{Width: 100}); err == nil {
		t.Error("a width of 100 px was drawn")
	}
}

// BenchmarkRankingSVG: the full 2017 ranking as SVG.
func BenchmarkRankingSVG(b *testing.B) {
	d := scores(b)
	for b.Loop() {
		ch, err := chart.Ranking(d, chart.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ch.SVG()
	}
}

// TestPNG: the chart as a PNG at twice its size, decoded back; the bars'
// colours are in it.
func TestPNG(t *testing.T) {
	d := scores(t)
	ch, err := chart.Ranking(d, chart.Options{Width: 640})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ch.PNG(2)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 1280 || img.Bounds().Dy() != 2*ch.H {
		t.Errorf("size %v, want 1280×%d", img.Bounds(), 2*ch.H)
	}
	seen := map[[3]uint32]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 3 {
		for x := 0; x < img.Bounds().Dx(); x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
		}
	}
	for _, c := range [][3]uint32{{0x0b, 0x3c, 0x5d}, {0x37, 0x78, 0xb6}, {0x5b, 0x8f, 0xc7}} {
		if !seen[c] {
			t.Errorf("no pixel of the pillar colour %02x%02x%02x", c[0], c[1], c[2])
		}
	}
}

// TestChartFile: the comparison in the README is this test's output
// (UPDATE_CHART=1 writes it again).
func TestChartFile(t *testing.T) {
	d := scores(t)
	ch, err := chart.Ranking(d, chart.Options{Countries: []string{"KOR", "FRA", "MEX", "ESP", "NOR", "DEU"}, Width: 640})
	if err != nil {
		t.Fatal(err)
	}
	const file = "testdata/compare-2017.svg"
	if os.Getenv("UPDATE_CHART") != "" {
		if err := os.WriteFile(file, ch.SVG(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(want, ch.SVG()) {
		t.Errorf("%s differs from the chart drawn now (UPDATE_CHART=1 go test ./data/chart writes it): %v", file, err)
	}
}

// TestPreliminaryAndPDF: a preliminary edition is watermarked; the chart as
// a PDF page of its size.
func TestPreliminaryAndPDF(t *testing.T) {
	d := scores(t)
	e, _ := d.Edition("2017")
	prelim := *e
	prelim.Status = data.Preliminary
	ch, err := chart.Ranking(d, chart.Options{Edition: &prelim, Width: 600})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(parse(t, ch.SVG()).texts, "\n")
	if !strings.Contains(all, "PRELIMINARY") || !strings.Contains(all, "OECD OURdata Index 2017 (preliminary)") {
		t.Errorf("a preliminary edition:\n%s", all)
	}
	// A physical size: 600 px at 96 dpi are 450 pt (6¼ in); at 300 dpi,
	// 144 pt. Its title is the chart's.
	b, err := ch.PDF(0)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte(fmt.Sprintf("/MediaBox [0 0 450.00 %.2f]", float64(ch.H)*0.75))) {
		t.Errorf("the PDF at 96 dpi: %v\n%.600s", err, b)
	}
	if !bytes.Contains(b, []byte("/Title (")) {
		t.Error("the chart's PDF has no title")
	}
	if b, err := ch.PDF(300); err != nil || !bytes.Contains(b, []byte(fmt.Sprintf("/MediaBox [0 0 144.00 %.2f]", float64(ch.H)*72/300))) {
		t.Errorf("the PDF at 300 dpi: %v", err)
	}
	// The PNG's watermark is turned as the SVG's and the PDF's are: the
	// pixels it changes (below the title, which also changes) span much
	// more height than a level word of its size would.
	final, err := chart.Ranking(d, chart.Options{Edition: e, Width: 600})
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := ch.PNG(1)
	fb, _ := final.PNG(1)
	pi, err1 := png.Decode(bytes.NewReader(pb))
	fi, err2 := png.Decode(bytes.NewReader(fb))
	if err1 != nil || err2 != nil || pi.Bounds() != fi.Bounds() {
		t.Fatalf("the PNGs: %v %v", err1, err2)
	}
	top, bottom := pi.Bounds().Max.Y, 0
	for y := 80; y < pi.Bounds().Max.Y; y++ {
		for x := 0; x < pi.Bounds().Max.X; x++ {
			if pi.At(x, y) != fi.At(x, y) {
				top, bottom = min(top, y), max(bottom, y)
			}
		}
	}
	if word := 600.0 / 9 * 1.2; float64(bottom-top) < 2*word {
		t.Errorf("the watermark spans %d pixels of height: drawn level (a word is about %.0f)", bottom-top, word)
	}
}

// TestPilotAsPublished: the 2015 pilot published composites only, with two
// decimals: drawn whole, in a colour no pillar has, with a legend saying
// so, and its values as published (0.98, not 0.980).
func TestPilotAsPublished(t *testing.T) {
	d := scores(t)
	var pilot *data.Edition
	for _, e := range d.Editions {
		if e.ID == "2015" {
			pilot = e
		}
	}
	if pilot == nil || pilot.Decimals != 2 {
		t.Fatalf("the pilot's precision: %+v", pilot)
	}
	ch, err := chart.Ranking(d, chart.Options{Edition: pilot})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(ch.SVG())
	all := strings.Join(parse(t, ch.SVG()).texts, "\n")
	for _, want := range []string{"Composite, no pillar split published", "0.98", "OECD average 0.58"} {
		if !strings.Contains(all, want) {
			t.Errorf("the pilot's chart lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "0.980") || strings.Contains(all, "Data availability") || strings.Contains(svg, "#0b3c5d") {
		t.Errorf("the pilot drawn as a pillar, or with digits never published:\n%s", all)
	}
}

// contrast is the WCAG contrast ratio of two "#rrggbb" colours.
func contrast(a, b string) float64 {
	lum := func(h string) float64 {
		var rgb [3]float64
		for i := range rgb {
			var v int
			fmt.Sscanf(h[1+2*i:3+2*i], "%x", &v)
			c := float64(v) / 255
			if c <= 0.03928 {
				rgb[i] = c / 12.92
			} else {
				rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestChartContrast: every bar colour in the ranking's SVG stands 3:1
// against the white page (WCAG 1.4.11), stacked segments are parted by
// white lines, and the average marker has a white halo, so it stands
// apart from every segment it crosses.
func TestChartContrast(t *testing.T) {
	ch, err := chart.Ranking(scores(t), chart.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(ch.SVG())
	fills := regexp.MustCompile(`<rect [^>]*fill="(#[0-9a-f]{6})"`).FindAllStringSubmatch(svg, -1)
	bars := 0
	for _, f := range fills {
		if f[1] == "#ffffff" {
			continue // the page
		}
		bars++
		if r := contrast(f[1], "#ffffff"); r < 3 {
			t.Errorf("a bar in %s stands %.2f:1 against white", f[1], r)
		}
	}
	if bars == 0 {
		t.Fatal("no bars")
	}
	if !strings.Contains(svg, `stroke="#ffffff" stroke-width="1.5"`) {
		t.Error("stacked segments are not parted by white lines")
	}
	if !strings.Contains(svg, `stroke="#ffffff" stroke-width="5"`) {
		t.Error("the average marker has no halo")
	}
}

// TestPartnersMarked: a partner country in a ranking is marked, and the
// note under the chart says the average covers the members only.
func TestPartnersMarked(t *testing.T) {
	ch, err := chart.Ranking(scores(t), chart.Options{Countries: []string{"KOR", "COL"}, Name: func(c string) string { return map[string]string{"KOR": "Korea", "COL": "Colombia"}[c] }})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(parse(t, ch.SVG()).texts, "\n")
	if !strings.Contains(all, "Colombia *") || strings.Contains(all, "Korea *") || !strings.Contains(all, "the OECD average covers the members only") {
		t.Errorf("partners not marked:\n%s", all)
	}
}

// TestAverageBar: the OECD average has a bar of its own, labelled, at its
// place among the countries (between Greece, 0.540, and Ireland, 0.533, in
// 2017), in a colour no country has.
func TestAverageBar(t *testing.T) {
	d := scores(t)
	ch, err := chart.Ranking(d, chart.Options{Name: func(c string) string { return c }})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(ch.SVG())
	texts := parse(t, ch.SVG()).texts
	at := -1 // the bar's label, not the legend's
	for i := range texts[:len(texts)-1] {
		if texts[i] == "OECD average" && texts[i+1] == "0.538" {
			at = i
		}
	}
	if at < 0 || !slices.Contains(texts[:at], "GRC") || !slices.Contains(texts[at:], "IRL") {
		t.Errorf("the average's bar is not between Greece and Ireland: %q", texts)
	}
	if !strings.Contains(svg, `fill="#4d4d4d"`) {
		t.Error("the average's bar is not drawn in its own colour")
	}
	top, err := chart.Ranking(d, chart.Options{Top: 5, Name: func(c string) string { return c }})
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(parse(t, top.SVG()).texts, "\n"); !strings.Contains(all, "top 5 of 35") || !strings.Contains(all, "OECD average\n0.538") {
		t.Errorf("a top 5 keeps the average, last:\n%s", all)
	}
}

// TestValueAxis: a ranking has a value axis — light gridlines behind the
// bars, round values under the last row and the scale's maximum, so a
// pillar's bar reads against its 0.333 (Korea's 0.334 no longer looks
// like a mere full bar).
func TestValueAxis(t *testing.T) {
	d := scores(t)
	for _, c := range []struct {
		measure int
		want    []string
	}{{0, []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}}, {1, []string{"0", "0.1", "0.2", "0.3", "0.333"}}} {
		ch, err := chart.Ranking(d, chart.Options{Measure: c.measure, Name: func(c string) string { return c }})
		if err != nil {
			t.Fatal(err)
		}
		svg := string(ch.SVG())
		texts := parse(t, ch.SVG()).texts
		if !strings.Contains("\x00"+strings.Join(texts, "\x00")+"\x00", "\x00"+strings.Join(c.want, "\x00")+"\x00") {
			t.Errorf("measure %d: no axis reading %q in %q", c.measure, c.want, texts)
		}
		if n := strings.Count(svg, `stroke="#e3e6ea"`); n != len(c.want)-1 {
			t.Errorf("measure %d: %d gridlines, want %d", c.measure, n, len(c.want)-1)
		}
		// Behind the bars: every gridline comes before the first row.
		if strings.LastIndex(svg, `stroke="#e3e6ea"`) > strings.Index(svg, ">KOR<") {
			t.Error("a gridline is drawn over the bars")
		}
	}
}

// BenchmarkRankingPNG draws the 2017 ranking (35 countries) as a PNG at
// twice its size, as for a slide, and encodes it.
func BenchmarkRankingPNG(b *testing.B) {
	d := scores(b)
	ch, err := chart.Ranking(d, chart.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ch.PNG(2); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAspect: a slide-shaped ranking is as high as its shape says, its
// rows sharing the height; one too long for it is refused with the top N
// that fits.
func TestAspect(t *testing.T) {
	d := scores(t)
	ch, err := chart.Ranking(d, chart.Options{Top: 10, Aspect: 16.0 / 9, Name: func(c string) string { return c }})
	if err != nil {
		t.Fatal(err)
	}
	if ch.W != 800 || ch.H != 450 {
		t.Errorf("a 16:9 chart of 800 px is %d×%d", ch.W, ch.H)
	}
	texts := parse(t, ch.SVG()).texts
	for _, want := range []string{"KOR", "FIN", "OECD average", "0.538", "top 10 of 35"} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("the 16:9 chart lacks %q: %q", want, texts)
		}
	}
	if _, err := chart.Ranking(d, chart.Options{Aspect: 16.0 / 9}); err == nil || !strings.Contains(err.Error(), "35 countries do not fit a chart of 800×450 px: keep the first 13 (--top 13)") {
		t.Errorf("all 35 countries at 16:9: %v", err)
	}
	if _, err := chart.Ranking(d, chart.Options{Top: 13, Aspect: 16.0 / 9}); err != nil {
		t.Errorf("the top it said fits does not: %v", err)
	}
}

// TestAverageNeverCrossesAValue: the average's marker on each bar never
// runs through the bar's value (Italy's 0.517 and Poland's 0.480 sat
// across it), read from the SVG: no value's box holds the marker's x.
func TestAverageNeverCrossesAValue(t *testing.T) {
	d := scores(t)
	for _, m := range []int{0, 1, 2, 3} {
		ch, err := chart.Ranking(d, chart.Options{Measure: m, Name: func(c string) string { return c }})
		if err != nil {
			t.Fatal(err)
		}
		svg := string(ch.SVG())
		marker := regexp.MustCompile(`<line x1="([\d.]+)" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" stroke="#c0392b"`).FindAllStringSubmatch(svg, -1)
		if len(marker) < 2 {
			t.Fatalf("measure %d: no average marker", m)
		}
		var ax float64
		fmt.Sscan(marker[1][1], &ax) // [0] is the legend's
		value := regexp.MustCompile(`<text x="([\d.]+)" y="[\d.]+" font-size="12" text-anchor="start"[^>]*>(\d\.\d+)</text>`)
		for _, v := range value.FindAllStringSubmatch(svg, -1) {
			var x float64
			fmt.Sscan(v[1], &x)
			if w := float64(len(v[2])) * 6.7; ax > x-1 && ax < x+w+1 {
				t.Errorf("measure %d: the average's marker at %.1f runs through %s at %.1f–%.1f", m, ax, v[2], x, x+w)
			}
		}
	}
}
