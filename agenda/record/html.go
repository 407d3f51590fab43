// Package record publishes the summary of proceedings: the report that
// agenda.Report writes as Markdown, as one self-contained HTML page
// (inline CSS and SVG, no fetch, light and dark, printable).
package record

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HTML renders a report (agenda.Report's Markdown) as a page titled title.
// Notes are the rapporteurs' text: raw HTML in them is left out, never
// run, and links go only to http(s) and mailto addresses; images (which
// would be fetched) are dropped.
func HTML(title, markdown string) ([]byte, error) { return HTMLWith(title, markdown, nil) }

// HTMLWith is HTML with figures: each is placed after the line of the
// report it names (a session's heading, "### Session 3: …"), or before
// it when the key starts with "<" ("<## Decisions and actions"). The
// figures are plenary's own SVG, put in as they are.
func HTMLWith(title, markdown string, figures map[string][]byte) ([]byte, error) {
	md := mdReader(
		// Hard wraps: a rapporteur's line per statement stays a line.
		// No raw HTML: what a note holds is text. Headings get ids, to link
		// to a session.
		goldmark.WithRendererOptions(gmhtml.WithHardWraps(), gmhtml.WithXHTML()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	// The report's tables (the actions) are plenary's own, "| a | b |"
	// lines: drawn here, their cells through goldmark. (goldmark's table
	// extension compiles regular expressions when the program starts:
	// 3.5 ms of every start, for one table.)
	var body bytes.Buffer
	var text []string
	flush := func() error {
		if len(text) == 0 {
			return nil
		}
		err := md.Convert([]byte(strings.Join(text, "\n")), &body)
		text = text[:0]
		return err
	}
	figure := func(svg []byte) error {
		if err := flush(); err != nil {
			return err
		}
		// The chart in a box that scrolls on a narrow screen rather than
		// shrink its labels below 11 px (its smallest text is 11 px at
		// its own width).
		body.WriteString("<figure>\n<div class=\"chart\">\n")
		body.Write(svg)
		body.WriteString("</div>\n")
		// The chart's own title (escaped in the SVG already) names it.
		if _, rest, ok := bytes.Cut(svg, []byte("<title>")); ok {
			if caption, _, ok := bytes.Cut(rest, []byte("</title>")); ok {
				body.WriteString("<figcaption>")
				body.Write(caption)
				body.WriteString("</figcaption>\n")
			}
		}
		body.WriteString("</figure>\n")
		return nil
	}
	lines := strings.Split(markdown, "\n")
	for i := 0; i < len(lines); i++ {
		if svg, ok := figures["<"+lines[i]]; ok {
			if err := figure(svg); err != nil {
				return nil, err
			}
		}
		if svg, ok := figures[lines[i]]; ok {
			text = append(text, lines[i], "")
			if err := figure(svg); err != nil {
				return nil, err
			}
			continue
		}
		if !isRow(lines[i]) || i+1 >= len(lines) || !isRule(lines[i+1]) {
			text = append(text, lines[i])
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		head := cells(lines[i])
		i += 2
		var rows [][]string
		for ; i < len(lines) && isRow(lines[i]); i++ {
			rows = append(rows, cells(lines[i]))
		}
		i--
		if err := table(&body, md, head, rows); err != nil {
			return nil, err
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	b.WriteString(`<meta name="generator" content="plenary">` + "\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", html.EscapeString(title), css)
	b.Write(unbrokenDates(withContents(body.Bytes())))
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

// dateRE is a date in words as the record writes them: "31 May 2017",
// "18–19 May 2017", "30 June – 1 July 2017".
var dateRE = sync.OnceValue(func() *regexp.Regexp {
	month := `(?:January|February|March|April|May|June|July|August|September|October|November|December)`
	return regexp.MustCompile(`\b\d{1,2}(?:–\d{1,2})?(?: ` + month + `(?: \d{4})? – \d{1,2})? ` + month + ` \d{4}\b`)
})

// unbrokenDates keeps every date in words on one line: in the page's text
// (never inside a tag, nor in a chart) each is a span that does not wrap.
func unbrokenDates(page []byte) []byte {
	var out bytes.Buffer
	for len(page) > 0 {
		lt := bytes.IndexByte(page, '<')
		if lt < 0 {
			lt = len(page)
		}
		out.Write(dateRE().ReplaceAll(page[:lt], []byte(`<span class="date">$0</span>`)))
		page = page[lt:]
		if bytes.HasPrefix(page, []byte("<svg")) {
			// A chart: SVG text takes no HTML span; copied as it is.
			end := bytes.Index(page, []byte("</svg>"))
			if end < 0 {
				end = len(page) - len("</svg>")
			}
			out.Write(page[:end+len("</svg>")])
			page = page[end+len("</svg>"):]
			continue
		}
		gt := bytes.IndexByte(page, '>')
		if gt < 0 {
			gt = len(page) - 1
		}
		out.Write(page[:gt+1])
		page = page[gt+1:]
	}
	return out.Bytes()
}

// safeLinks keeps links to http(s) and mailto; any other destination
// (javascript:, data:, a relative path that means nothing in a mail) is
// dropped and its text stays. Images are links too.
type safeLinks struct{}

// mdReader is the reports' one Markdown reader: links made safe first.
func mdReader(opts ...goldmark.Option) goldmark.Markdown {
	safe := goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 100)))
	return goldmark.New(append([]goldmark.Option{safe}, opts...)...)
}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			if !allowed(string(l.Destination)) {
				drop = append(drop, n)
			}
		case *ast.AutoLink:
			if !allowed(string(l.URL(reader.Source()))) {
				drop = append(drop, n)
			}
		case *ast.Image:
			drop = append(drop, n) // a report fetches nothing
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if _, auto := n.(*ast.AutoLink); auto {
			parent.ReplaceChild(parent, n, ast.NewString(n.(*ast.AutoLink).URL(reader.Source())))
			continue
		}
		// The link's text takes its place.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

func isRow(l string) bool  { return strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|") }
func isRule(l string) bool { return isRow(l) && strings.Trim(l, "|-: ") == "" }

// cells splits a table row at its unescaped bars ("\|" is a bar in a cell).
func cells(l string) []string {
	l = strings.TrimSuffix(strings.TrimPrefix(l, "|"), "|")
	var out []string
	var cur strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l) && l[i+1] == '|':
			cur.WriteByte('|')
			i++
		case l[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(l[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// table writes a table, each cell's Markdown rendered inline.
func table(b *bytes.Buffer, md goldmark.Markdown, head []string, rows [][]string) error {
	cell := func(tag, s string) error {
		var c bytes.Buffer
		if err := md.Convert([]byte(s), &c); err != nil {
			return err
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(c.String()), "<p>"), "</p>")
		fmt.Fprintf(b, "<%s>%s</%s>\n", tag, inner, tag)
		return nil
	}
	// A real table, in a box that scrolls on a narrow screen.
	b.WriteString("<div class=\"table\">\n<table>\n<thead>\n<tr>\n")
	for _, h := range head {
		if err := cell("th", h); err != nil {
			return err
		}
	}
	b.WriteString("</tr>\n</thead>\n<tbody>\n")
	for _, r := range rows {
		b.WriteString("<tr>\n")
		for _, c := range r {
			if err := cell("td", c); err != nil {
				return err
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</div>\n")
	return nil
}

func allowed(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:")
}

// css is the page's style: the screens' accent, readable on a phone,
// light or dark as the reader's system is, and a print layout with a page
// break before each day.
const css = `
:root { --text: #1d2430; --muted: #5b6472; --accent: #0b5cad; --rule: #d5dae1; --bg: #ffffff; --row: #f3f5f8; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e9ee; --muted: #a3abb7; --accent: #6cb4ff; --rule: #3a414c; --bg: #15191f; --row: #1d232b; }
}
html { background: var(--bg); color: var(--text); }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; color: var(--accent); }
h1 + p { color: var(--muted); margin-top: 0; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; color: var(--accent); }
h3 { font-size: 1.1rem; margin-top: 1.75rem; }
h4 { font-size: 1rem; color: var(--muted); margin-bottom: .25rem; }
a { color: var(--accent); }
div.table { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
nav ul { list-style: none; padding-left: 0; }
nav ul ul { padding-left: 1.25rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
tr:nth-child(even) td { background: var(--row); }
em { color: var(--muted); }
svg { max-width: 100%; height: auto; }
figure { margin: 1rem 0; }
div.chart { overflow-x: auto; }
div.chart svg { min-width: 800px; }
.date { white-space: nowrap; }
@media print {
  :root { --text: #000; --muted: #444; --accent: #000; --rule: #999; --bg: #fff; --row: #fff; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h2:first-of-type { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`

// headingRE finds the days' and sessions' headings goldmark wrote, with
// their ids.
var headingRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<h([23]) id="([^"]+)">(.*?)</h[23]>`) })

// withContents puts a linked list of the days and sessions before the
// first of them: the page's contents, as the PDF has.
func withContents(body []byte) []byte {
	found := headingRE().FindAllSubmatchIndex(body, -1)
	if len(found) < 2 {
		return body
	}
	var nav bytes.Buffer
	nav.WriteString("<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ul>\n")
	open := false // a day's list of sessions
	for _, m := range found {
		level, id, text := string(body[m[2]:m[3]]), body[m[4]:m[5]], body[m[6]:m[7]]
		switch {
		case level == "2" && open:
			nav.WriteString("</ul></li>\n")
			open = false
		case level == "3" && !open:
			nav.WriteString("<li><ul>\n") // sessions before any day
			open = true
		}
		fmt.Fprintf(&nav, "<li><a href=\"#%s\">%s</a>", id, text)
		if level == "2" {
			nav.WriteString("\n<ul>\n")
			open = true
			continue
		}
		nav.WriteString("</li>\n")
	}
	if open {
		nav.WriteString("</ul></li>\n")
	}
	nav.WriteString("</ul>\n</nav>\n")
	at := found[0][0]
	return append(append(append([]byte{}, body[:at]...), nav.Bytes()...), body[at:]...)
}
