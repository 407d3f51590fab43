package record

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"codeberg.org/plenary/plenary/data/chart"
	"codeberg.org/plenary/plenary/data/fonts"
)

// Paper sizes for the PDF.
const (
	A4     = "A4"
	Letter = "Letter"
)

// PDF renders a report (agenda.Report's Markdown) as a PDF: a title block
// and a table of contents with page numbers on the first pages, the
// meeting's name in each page's header and "Page n of N" in its footer, a
// new page for each day, tables whose header is drawn again on each page
// they run onto, and bookmarks for the days and sessions. It is set in
// Liberation Sans, Korean in NanumSquare (package fonts: subsets of them
// are embedded); a character neither draws prints as □, and Meta.Warn is
// told which text holds it.
func PDF(title, markdown, paper string) ([]byte, error) {
	return PDFWith(title, markdown, paper, nil, Meta{})
}

// Meta is what a PDF says of itself beside its title: a draft (DRAFT in
// every header and across every page), who issued it, what it is about,
// words to find it by, and its language.
type Meta struct {
	Draft                     bool
	Author, Subject, Keywords string
	Lang                      string // "en" when empty
	// Warn hears of text with characters no embedded face draws (each
	// printed as □), once each; nil: nobody is told.
	Warn func(Missing)
}

// Missing is text holding characters no embedded face draws.
type Missing struct {
	Text  string // the line or cell they are in, as the record has it
	Chars string // the first run of them
}

func (m Missing) String() string {
	r, _ := utf8.DecodeRuneInString(m.Chars)
	return fmt.Sprintf("no font draws %q (U+%04X…) in %q: printed as %s", m.Chars, r, m.Text, missing)
}

// PDFWith is PDF with charts, placed as HTMLWith places figures: after the
// heading line a key names, or before it when the key starts with "<";
// and with meta in its properties.
func PDFWith(title, markdown, paper string, figures map[string]chart.Chart, meta Meta) ([]byte, error) {
	if paper != A4 && paper != Letter {
		return nil, fmt.Errorf("paper %q: A4 or Letter", paper)
	}
	// Two passes: the first finds the page of each heading, the second
	// writes them in the table of contents (which takes as many pages in
	// both, its entries being the same).
	var pages map[int]int
	for pass := 0; pass < 2; pass++ {
		m := meta
		if pass == 0 {
			m.Warn = nil // said once, by the pass that is kept
		}
		p := newPDFWriter(title, paper, pages, m)
		p.figures = figures
		if err := p.document(markdown); err != nil {
			return nil, err
		}
		if pass == 1 {
			var b bytes.Buffer
			err := p.f.Output(&b)
			return b.Bytes(), err
		}
		pages = p.found
	}
	return nil, nil
}

// pdfWriter lays a report out on fpdf.
type pdfWriter struct {
	f     *fpdf.Fpdf
	title string
	md    goldmark.Markdown
	src   []byte
	// headings in order: level, text; pages of each (from the first pass).
	toc   []tocEntry
	pages map[int]int
	found map[int]int
	n     int   // headings met so far
	links []int // the contents' links, one per heading

	figures map[string]chart.Chart

	style  string          // the text's style as inline set it last ("", "B", "I", "BI")
	warn   func(Missing)   // Meta.Warn
	warned map[string]bool // texts already warned of
}

type tocEntry struct {
	level int
	text  string
}

const (
	fontName   = "LiberationSans" // in four styles
	hangulName = "NanumSquare"    // one style: Korean runs
	lineH      = 5.2              // mm, for 10.5 pt text
	missing    = "□"              // a character no embedded face draws
)

func newPDFWriter(title, paper string, pages map[int]int, meta Meta) *pdfWriter {
	draft := meta.Draft
	f := fpdf.New("P", "mm", paper, "")
	f.AddUTF8FontFromBytes(fontName, "", fonts.Sans)
	f.AddUTF8FontFromBytes(fontName, "B", fonts.SansBold)
	f.AddUTF8FontFromBytes(fontName, "I", fonts.SansItalic)
	f.AddUTF8FontFromBytes(fontName, "BI", fonts.SansBoldItalic)
	f.AddUTF8FontFromBytes(hangulName, "", fonts.Hangul)
	f.SetMargins(22, 20, 22)
	f.SetAutoPageBreak(true, 20)
	f.AliasNbPages("{nb}")
	f.SetTitle(title, true)
	f.SetCreator("plenary", true)
	if meta.Author != "" {
		f.SetAuthor(meta.Author, true)
	}
	if meta.Subject != "" {
		f.SetSubject(meta.Subject, true)
	}
	if meta.Keywords != "" {
		f.SetKeywords(meta.Keywords, true)
	}
	lang := meta.Lang
	if lang == "" {
		lang = "en"
	}
	f.SetLang(lang)
	p := &pdfWriter{f: f, title: title, pages: pages, found: map[int]int{},
		md: mdReader(), warn: meta.Warn, warned: map[string]bool{}}
	f.SetHeaderFuncMode(func() {
		if draft {
			watermark(f)
		}
		if f.PageNo() == 1 && !draft {
			return
		}
		f.SetTextColor(90, 100, 114)
		f.CellFormat(0, 5, p.font("", 8.5, p.title), "B", 1, "L", false, 0, "")
		f.Ln(4)
		f.SetTextColor(29, 36, 48)
	}, false) // the page goes on below the header
	f.SetFooterFunc(func() {
		f.SetY(-14)
		f.SetFont(fontName, "", 8.5)
		f.SetTextColor(90, 100, 114)
		f.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "C", false, 0, "")
		f.SetTextColor(29, 36, 48)
	})
	return p
}

// segment is a part of the report: Markdown text, or one of its tables.
type segment struct {
	text  string
	table [][]string // header first
}

func segments(markdown string) []segment {
	var out []segment
	var text []string
	lines := strings.Split(markdown, "\n")
	for i := 0; i < len(lines); i++ {
		if !isRow(lines[i]) || i+1 >= len(lines) || !isRule(lines[i+1]) {
			text = append(text, lines[i])
			continue
		}
		out = append(out, segment{text: strings.Join(text, "\n")})
		text = nil
		t := [][]string{cells(lines[i])}
		for i += 2; i < len(lines) && isRow(lines[i]); i++ {
			t = append(t, cells(lines[i]))
		}
		i--
		out = append(out, segment{table: t})
	}
	return append(out, segment{text: strings.Join(text, "\n")})
}

func (p *pdfWriter) document(markdown string) error {
	segs := segments(markdown)
	// The contents: the days (##) and the sessions (###).
	for _, s := range segs {
		for _, l := range strings.Split(s.text, "\n") {
			switch {
			case strings.HasPrefix(l, "## "):
				p.toc = append(p.toc, tocEntry{2, strings.TrimPrefix(l, "## ")})
			case strings.HasPrefix(l, "### "):
				p.toc = append(p.toc, tocEntry{3, strings.TrimPrefix(l, "### ")})
			}
		}
	}
	f := p.f
	f.AddPage()
	first := true
	for _, s := range segs {
		if s.table != nil {
			p.table(s.table)
			continue
		}
		p.src = []byte(s.text)
		doc := p.md.Parser().Parse(text.NewReader(p.src))
		for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
			p.block(n, &first)
		}
	}
	return f.Error()
}

// contents writes the table of contents after the title block.
func (p *pdfWriter) contents() {
	f := p.f
	f.Ln(4)
	f.SetFont(fontName, "B", 13)
	f.CellFormat(0, 8, "Contents", "", 1, "L", false, 0, "")
	left, _, right, _ := f.GetMargins()
	w, _ := f.GetPageSize()
	for i, e := range p.toc {
		size, indent, style := 10.5, 0.0, "B"
		if e.level == 3 {
			size, indent, style = 9.5, 6, ""
		}
		entry := p.font(style, size, e.text)
		page := "…"
		if n, ok := p.pages[i]; ok {
			page = fmt.Sprint(n)
		}
		// Whole (wrapped, never cut), and a link to its heading.
		avail := w - left - right - indent - 12
		top := f.GetY()
		f.SetX(left + indent)
		f.MultiCell(avail, 5.5, entry, "", "L", false)
		bottom := f.GetY()
		f.SetFont(fontName, style, size)
		f.SetXY(left+indent+avail, bottom-5.5)
		f.CellFormat(12, 5.5, page, "", 1, "R", false, 0, "")
		link := f.AddLink()
		p.links = append(p.links, link)
		f.Link(left+indent, top, avail+12, bottom-top, link)
	}
}

func (p *pdfWriter) block(n ast.Node, first *bool) {
	f := p.f
	switch n := n.(type) {
	case *ast.Heading:
		t := plainText(n, p.src)
		key := strings.Repeat("#", n.Level) + " " + t
		if ch, ok := p.figures["<"+key]; ok {
			p.figure(ch)
		}
		// What must come on the heading's page: the chart drawn under it,
		// or three lines of what follows (which keepLines then leaves at
		// least two of: all of a short block, two or more of a long one).
		next := 3 * lineH
		if ch, ok := p.figures[key]; ok {
			defer p.figure(ch) // under the heading
			next = p.figureHeight(ch) + 4
		}
		switch n.Level {
		case 1:
			f.SetTextColor(11, 60, 93)
			f.MultiCell(0, 9, p.font("B", 20, t), "", "L", false)
			f.SetTextColor(29, 36, 48)
			return
		case 2:
			// The contents come after the title block, before the first
			// section; each day then starts a page.
			participation := t == "Participation" || t == "Delegations"
			if *first {
				*first = false
				p.contents()
			}
			_, y := f.GetXY()
			if !participation || y > 230 {
				// A day on a page of its own; who took part follows the
				// contents where it fits, never a few lines on a page.
				f.AddPage()
			}
			f.Ln(2)
			f.SetFont(fontName, "B", 15)
			f.SetTextColor(11, 60, 93)
		case 3:
			// A session's heading never ends a page: it keeps with what
			// follows it.
			f.SetFont(fontName, "B", 12.5)
			p.keepWithNext(3+float64(p.linesOf(t, 0))*7+1, next)
			f.Ln(3)
		default:
			f.SetFont(fontName, "B", 10.5)
			p.keepWithNext(1+float64(p.linesOf(t, 0))*7+1, next) // nor does the heading of the notes
			f.Ln(1)
			f.SetTextColor(90, 100, 114)
		}
		if n.Level <= 3 {
			p.found[p.n] = f.PageNo()
			if p.n < len(p.links) {
				f.SetLink(p.links[p.n], -1, -1) // where the contents' entry leads
			}
			p.n++
			f.Bookmark(t, n.Level-2, -1)
		}
		size, _ := f.GetFontSize()
		f.MultiCell(0, 7, p.font("B", size, t), "", "L", false)
		f.SetTextColor(29, 36, 48)
		f.Ln(1)
	case *ast.Paragraph:
		f.SetFont(fontName, "", 10.5)
		restore := p.keepLines(p.linesOf(p.blockText(n), 0))
		p.inline(n, "")
		restore()
		f.Ln(lineH + 2)
	case *ast.List:
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			f.SetFont(fontName, "", 10.5)
			restore := p.keepLines(p.linesOf(p.blockText(it), 7))
			left, _, _, _ := f.GetMargins()
			f.SetX(left + 2)
			f.Write(lineH, "•  ")
			f.SetLeftMargin(left + 7)
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				p.inline(c, "")
			}
			f.SetLeftMargin(left)
			restore()
			f.Ln(lineH)
		}
		f.Ln(2)
	case *ast.ThematicBreak:
		f.Ln(3)
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c, first)
		}
	}
}

// inline writes a block's text, its emphasis as bold or italics.
func (p *pdfWriter) inline(n ast.Node, style string) {
	f := p.f
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			p.setStyle(style)
			p.write(string(c.Segment.Value(p.src)))
			if c.HardLineBreak() || c.SoftLineBreak() {
				f.Ln(lineH) // a rapporteur's line per statement stays a line
			}
		case *ast.String:
			p.setStyle(style)
			p.write(string(c.Value))
		case *ast.Emphasis:
			s := style
			if c.Level == 2 {
				s += "B"
			} else {
				s += "I"
			}
			p.inline(c, normStyle(s))
		case *ast.Link:
			p.setStyle(style)
			f.SetTextColor(11, 92, 173)
			f.WriteLinkString(lineH, p.covered(plainText(c, p.src)), string(c.Destination))
			f.SetTextColor(29, 36, 48)
		case *ast.AutoLink:
			u := string(c.URL(p.src))
			f.SetTextColor(11, 92, 173)
			f.WriteLinkString(lineH, p.covered(u), u)
			f.SetTextColor(29, 36, 48)
		default:
			p.inline(c, style)
		}
	}
}

// write flows text at the cursor in pieces of a few words: fpdf's Write
// turns its whole string into runes again for each character, which a
// long paragraph pays for quadratically (a 5,000-session record took
// 2.0 s whole, 1.6 s in pieces of 32 bytes).
//
// Runs of Korean are set in NanumSquare, then the text's own face again; a
// character no face draws prints as □.
func (p *pdfWriter) write(s string) {
	runs := fonts.Runs(s)
	if len(runs) == 1 && runs[0].Face == fonts.SansFace {
		p.writeRun(s)
		return
	}
	size, _ := p.f.GetFontSize()
	for _, r := range runs {
		switch r.Face {
		case fonts.HangulFace:
			p.f.SetFont(hangulName, "", size)
			p.writeRun(r.Text)
			p.f.SetFont(fontName, p.style, size)
		case fonts.None:
			p.missing(s, r.Text)
			p.writeRun(strings.Repeat(missing, utf8.RuneCountInString(r.Text)))
		default:
			p.writeRun(r.Text)
		}
	}
}

// writeRun writes text one face draws, in pieces of about 32 bytes that
// end where a line may: after a space, a hyphen, a dash or a slash. fpdf
// takes a piece that does not fit to the next line whole, so a long word
// breaks at its hyphens ("data-" / "driven"), never inside (only a word
// longer than a whole line is cut, as it must be).
func (p *pdfWriter) writeRun(s string) {
	for len(s) > 0 {
		cut := breakAt(s, 32)
		p.f.Write(lineH, s[:cut])
		s = s[cut:]
	}
}

// breakAt is the end of s's next piece: the last place a line may break
// within n bytes, or the first after them when a word is longer; all of s
// when it has none.
func breakAt(s string, n int) int {
	if len(s) <= n {
		return len(s)
	}
	last := 0
	for i, r := range s {
		if i >= n && last > 0 {
			return last
		}
		switch r {
		case ' ', '-', '/', '–', '—':
			last = i + utf8.RuneLen(r)
		}
	}
	return len(s)
}

// setStyle sets the style of the text written next.
func (p *pdfWriter) setStyle(style string) {
	p.style = style
	p.f.SetFontStyle(style)
}

// font sets the face for s, a heading's or a cell's text drawn in one
// piece: Liberation Sans in style, or NanumSquare when s holds Korean
// (it draws Latin too). It returns s with what no face draws as □.
func (p *pdfWriter) font(style string, size float64, s string) string {
	family := fontName
	for _, r := range fonts.Runs(s) {
		if r.Face == fonts.HangulFace {
			family, style = hangulName, ""
		}
	}
	p.f.SetFont(family, style, size)
	return p.covered(s)
}

// covered is s with every character no embedded face draws as □.
func (p *pdfWriter) covered(s string) string {
	runs := fonts.Runs(s)
	if len(runs) <= 1 && (len(runs) == 0 || runs[0].Face != fonts.None) {
		return s
	}
	var b strings.Builder
	for _, r := range runs {
		if r.Face == fonts.None {
			p.missing(s, r.Text)
			b.WriteString(strings.Repeat(missing, utf8.RuneCountInString(r.Text)))
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// missing tells Meta.Warn once of text holding characters no face draws.
func (p *pdfWriter) missing(text, chars string) {
	key := text + "\x00" + chars
	if p.warn == nil || p.warned[key] {
		return
	}
	p.warned[key] = true
	p.warn(Missing{Text: strings.TrimSpace(text), Chars: chars})
}

// Pages break where a reader expects them: a heading stays with two lines
// of what follows (or its chart), a paragraph or a list item that runs
// onto the next page leaves at least two lines on each (no orphan, no
// widow), and one of three lines or fewer is never cut.

// room is what is left of this page for text, in mm.
func (p *pdfWriter) room() float64 {
	_, h := p.f.GetPageSize()
	_, _, _, bottom := p.f.GetMargins()
	return h - bottom - p.f.GetY()
}

// keepWithNext starts a new page unless a heading of height mm and next
// mm of what follows it fit on this one.
func (p *pdfWriter) keepWithNext(height, next float64) {
	if p.room() < height+next {
		p.f.AddPage()
	}
}

// keepLines prepares a block of n lines: on the next page when fewer than
// two would stay here or it is too short to cut; when only one would go
// over, one more goes with it. It returns what undoes the preparation,
// to call once the block is written.
func (p *pdfWriter) keepLines(n int) func() {
	fit := int(p.room() / lineH)
	switch {
	case n <= fit:
	case fit < 2 || n <= 3:
		p.f.AddPage()
	case n-fit < 2:
		// Two lines go over: the page breaks one line earlier, until the
		// block ends.
		_, _, _, bottom := p.f.GetMargins()
		p.f.SetAutoPageBreak(true, bottom+lineH)
		return func() { p.f.SetAutoPageBreak(true, bottom) }
	}
	return func() {}
}

// linesOf is how many lines text takes in the current font, each of its
// own lines wrapped to the text's width less indent mm.
func (p *pdfWriter) linesOf(text string, indent float64) int {
	left, _, right, _ := p.f.GetMargins()
	w, _ := p.f.GetPageSize()
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += max(len(p.f.SplitText(l, w-left-right-indent)), 1)
	}
	return n
}

// blockText is a block's text with its line breaks, as inline writes it.
func (p *pdfWriter) blockText(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(p.src))
				if c.HardLineBreak() || c.SoftLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimRight(b.String(), "\n")
}

// figureSize is a chart's size on the page, in mm: the width of the text,
// or less for a chart taller than a page's text (the full ranking on
// Letter), which is drawn smaller, centred, rather than over the footer.
func (p *pdfWriter) figureSize(ch chart.Chart) (width, height float64) {
	left, top, right, bottom := p.f.GetMargins()
	w, h := p.f.GetPageSize()
	width = w - left - right
	height = float64(ch.H) * width / float64(ch.W)
	if most := h - top - bottom - 14; height > most { // 14: the page's header
		width, height = width*most/height, most
	}
	return width, height
}

// figureHeight is a chart's height on the page, in mm.
func (p *pdfWriter) figureHeight(ch chart.Chart) float64 {
	_, height := p.figureSize(ch)
	return height
}

// figure draws a chart the width of the text, on the next page when it
// does not fit on this one.
func (p *pdfWriter) figure(ch chart.Chart) {
	f := p.f
	left, _, right, bottom := f.GetMargins()
	w, h := f.GetPageSize()
	width, height := p.figureSize(ch)
	if f.GetY()+height+2 > h-bottom {
		f.AddPage()
	}
	y := f.GetY() + 2
	ch.DrawPDF(f, left+(w-left-right-width)/2, y, width, fontName)
	f.SetTextColor(29, 36, 48)
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	f.SetXY(left, y+height+3)
}

// plainText is the text inside a node, its marks left out.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// normStyle orders an fpdf style ("IB" is "BI").
func normStyle(s string) string {
	out := ""
	if strings.Contains(s, "B") {
		out += "B"
	}
	if strings.Contains(s, "I") {
		out += "I"
	}
	return out
}

// table draws a table whose columns share the width by their content; a
// row that does not fit goes to the next page, under the header again.
func (p *pdfWriter) table(rows [][]string) {
	f := p.f
	left, _, right, bottom := f.GetMargins()
	w, h := f.GetPageSize()
	width := w - left - right
	cols := len(rows[0])
	// Column widths: the longest text of each, at least a share of the
	// page, the first (the action) taking what is left.
	widths := make([]float64, cols)
	for c := 1; c < cols; c++ {
		for i, r := range rows {
			style := ""
			if i == 0 {
				style = "B" // the header
			}
			if c < len(r) {
				widths[c] = max(widths[c], f.GetStringWidth(p.font(style, 9, r[c]))+4)
			}
		}
		widths[c] = min(widths[c], width/float64(cols))
	}
	rest := width
	for c := 1; c < cols; c++ {
		rest -= widths[c]
	}
	widths[0] = rest
	const cellH = 4.6
	var draw func(r []string, style string, fill bool)
	draw = func(r []string, style string, fill bool) {
		f.SetFont(fontName, style, 9)
		lines := 1
		for c := range widths {
			if c < len(r) {
				lines = max(lines, len(f.SplitText(p.font(style, 9, r[c]), widths[c]-2)))
			}
		}
		rowH := float64(lines)*cellH + 1.5
		if f.GetY()+rowH > h-bottom {
			f.AddPage()
			if style == "" {
				draw(rows[0], "B", true) // the header again
			}
		}
		x, y := left, f.GetY()
		if fill {
			f.SetFillColor(232, 236, 241)
			f.Rect(x, y, width, rowH, "F")
		}
		for c := range widths {
			txt := ""
			if c < len(r) {
				txt = r[c]
			}
			f.SetXY(x+1, y+0.75)
			f.MultiCell(widths[c]-2, cellH, p.font(style, 9, txt), "", "L", false)
			x += widths[c]
		}
		f.SetDrawColor(200, 206, 214)
		f.Line(left, y+rowH, left+width, y+rowH)
		f.SetXY(left, y+rowH)
	}
	draw(rows[0], "B", true)
	for _, r := range rows[1:] {
		draw(r, "", false)
	}
	f.Ln(4)
}

// watermark writes DRAFT across the page, light, under what follows (the
// header draws before the page's content).
func watermark(f *fpdf.Fpdf) {
	w, h := f.GetPageSize()
	x, y := f.GetXY()
	const size = 110.0 // points
	lineH := f.PointToUnitConvert(size)
	f.SetFont(fontName, "B", size)
	f.SetTextColor(200, 205, 212)
	f.SetAlpha(0.35, "Normal")
	f.TransformBegin()
	f.TransformRotate(55, w/2, h/2)
	f.SetXY(0, (h-lineH)/2)
	f.CellFormat(w, lineH, "DRAFT", "", 0, "C", false, 0, "")
	f.TransformEnd()
	f.SetAlpha(1, "Normal")
	f.SetTextColor(29, 36, 48)
	f.SetXY(x, y)
}
