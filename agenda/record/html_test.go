package record_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/net/html"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/agendatest"
	"codeberg.org/plenary/plenary/agenda/record"
	"codeberg.org/plenary/plenary/data"
)

// TestReportHTML: the page holds every session and every action; a note
// that tries to run script, style the page, fetch an image or link to
// javascript: gets none of it; line-per-statement notes stay lines; the
// page fetches nothing.
func TestReportHTML(t *testing.T) {
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	notes := map[string]agenda.Note{
		m.Sessions[0].ID: {Text: strings.Join([]string{
			"[09:40] Spain: We publish by default.",
			"[09:44] Korea: Quality first.",
			"A: Circulate the presentations @OECD due 2017-05-31",
			`<script>alert(1)</script><img src=x onerror="alert(2)">`,
			"[a link](javascript:alert(3)) and [the OECD](https://www.oecd.org/) and <https://example.org> and ![img](https://example.org/x.png)",
			`<a href="https://x" onclick="alert(4)">raw</a>`,
			"// confidential: never published",
		}, "\n")},
		m.Sessions[4].ID: {Text: "A: Send comments @KOR due 2017-06-15\nD: Publish the final results"},
	}
	page, err := record.HTML(m.Title, agenda.Report(m, notes, agenda.ReportOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	// A linked contents list, and tables that scroll in a box of their own.
	for _, want := range []string{"<nav aria-label=\"Contents\">", `<a href="#session-1-where-do-we-stand-achievements-and-common-challenges">`, "<div class=\"table\">\n<table>"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "img", "iframe", "object", "link":
				t.Errorf("a <%s> in the page", n.Data)
			}
			for _, a := range n.Attr {
				// The contents' links go to the page's own headings.
				internal := a.Key == "href" && strings.HasPrefix(a.Val, "#") && bytes.Contains(page, []byte(`id="`+a.Val[1:]+`"`))
				if strings.HasPrefix(a.Key, "on") || (a.Key == "href" && !strings.HasPrefix(a.Val, "http") && !internal) || a.Key == "src" {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	all := text.String()
	for _, s := range m.Sessions {
		if !strings.Contains(all, s.Title) {
			t.Errorf("session %d's title is not in the page", s.Number)
		}
	}
	// The handles are left for the Owner column.
	for _, want := range []string{"Circulate the presentations", "Send comments", "Publish the final results", "We publish by default.", "a link and"} {
		if !strings.Contains(all, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(all, "never published") {
		t.Error("a confidential line is in the page")
	}
	// Each statement on its own line.
	if !bytes.Contains(page, []byte("We publish by default.<br />")) {
		t.Errorf("hard wraps lost:\n%s", page)
	}
	if !bytes.Contains(page, []byte(`<a href="https://www.oecd.org/">the OECD</a>`)) {
		t.Errorf("a good link was lost")
	}
}

// TestReportHTMLGolden: the page for the embedded meeting with a few notes,
// as a reader's browser gets it.
func TestReportHTMLGolden(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	notes := map[string]agenda.Note{
		m.Sessions[0].ID: {Text: "+++\nstatus = \"approved\"\n+++\n[09:40] Spain: We publish by default.\nD: Share national strategies\nA: Circulate the presentations @OECD due 2017-05-31"},
		m.Sessions[4].ID: {Text: "A: [x] Send comments @KOR @FRA due 2017-06-15\nQ: How to measure data quality?"},
	}
	page, err := record.HTML(m.Title, agenda.Report(m, notes, agenda.ReportOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("<table>")) || !bytes.Contains(page, []byte("<th>Owner</th>")) {
		t.Errorf("the actions are not a table")
	}
	golden.RequireEqual(t, page)
}

// TestReportPDF: a PDF, with the meeting as its title, of A4 or Letter
// pages; another paper refused.
func TestReportPDF(t *testing.T) {
	m, _ := agenda.Load(data.Embedded())
	for _, paper := range []string{record.A4, record.Letter} {
		b, err := record.PDF(m.Title, agenda.Report(m, nil, agenda.ReportOptions{}), paper)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/Type /Pages")) {
			t.Errorf("%s: not a PDF", paper)
		}
		box := map[string]string{record.A4: "/MediaBox [0 0 595.28 841.89]", record.Letter: "/MediaBox [0 0 612.00 792.00]"}[paper]
		if !bytes.Contains(b, []byte(box)) {
			t.Errorf("%s: no %s", paper, box)
		}
	}
	if _, err := record.PDF(m.Title, "# x", "A3"); err == nil {
		t.Error("A3 was accepted")
	}
}

// BenchmarkReportPDF: the embedded meeting's record, and a 5,000-session
// meeting's (generated, illustrative), as PDF.
func BenchmarkReportPDF(b *testing.B) {
	m, _ := agenda.Load(data.Embedded())
	large, probs := agenda.Parse("meeting.toml", agendatest.Meeting(5000, 10))
	if large == nil {
		b.Fatal(probs)
	}
	for _, tt := range []struct {
		name string
		m    *agenda.Meeting
	}{{"embedded", m}, {"5000-sessions", large}} {
		md := agenda.Report(tt.m, nil, agenda.ReportOptions{})
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := record.PDF(tt.m.Title, md, record.A4); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHTMLOnAPhone: dates in words never wrap ("31 May 2017" is one
// unbreakable span, in the text, never inside a tag or a chart), and a
// chart scrolls in its own box rather than shrink its 11 px labels on a
// 375 px screen.
func TestHTMLOnAPhone(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="100"><title>Ranking</title><text>Source: 31 May 2017</text></svg>`)
	page, err := record.HTMLWith("Record", "# Record\n\n## Thursday\n\nDue 31 May 2017, done 30 June – 1 July 2017.\n\n[a link](https://example.org/?d=31%20May%202017)\n", map[string][]byte{"## Thursday": svg})
	if err != nil {
		t.Fatal(err)
	}
	p := string(page)
	for _, want := range []string{`Due <span class="date">31 May 2017</span>, done <span class="date">30 June – 1 July 2017</span>.`,
		`<div class="chart">` + "\n" + `<svg`, `<text>Source: 31 May 2017</text>`, `div.chart svg { min-width: 800px; }`, `.date { white-space: nowrap; }`} {
		if !strings.Contains(p, want) {
			t.Errorf("the page lacks %q:\n%s", want, p)
		}
	}
}
