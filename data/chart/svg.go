package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// SVG is the chart as an SVG document: text as text.
func (ch Chart) SVG() []byte {
	s := &svgCanvas{w: ch.W, h: ch.H}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" %s>`+"\n", ch.W, ch.H, ch.W, ch.H, fontFamily)
	// What the chart is and says, for a screen reader and a search.
	for _, el := range []struct{ name, text string }{{"title", ch.Title}, {"desc", ch.Desc}} {
		if el.text != "" {
			s.b.WriteString("<" + el.name + ">")
			xml.EscapeText(&s.b, []byte(el.text))
			s.b.WriteString("</" + el.name + ">\n")
		}
	}
	ch.draw(s)
	s.b.WriteString("</svg>\n")
	return s.b.Bytes()
}

type svgCanvas struct {
	b    bytes.Buffer
	w, h int
}

func (s *svgCanvas) rect(x, y, w, h float64, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x, y, w, h, fill)
}

func (s *svgCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%g"/>`+"\n", x1, y1, x2, y2, stroke, width)
}

func (s *svgCanvas) text(x, y, size float64, anchor, fill string, bold bool, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" font-size="%g" text-anchor="%s" fill="%s"`, x, y, size, anchor, fill)
	if bold {
		s.b.WriteString(` font-weight="bold"`)
	}
	s.b.WriteString(">")
	xml.EscapeText(&s.b, []byte(t))
	s.b.WriteString("</text>\n")
}

func (s *svgCanvas) watermark(t string) {
	fmt.Fprintf(&s.b, `<text x="%d" y="%d" font-size="%d" text-anchor="middle" fill="%s" fill-opacity="0.12" font-weight="bold" transform="rotate(-20 %d %d)">`,
		s.w/2, s.h/2, max(s.w/9, 28), average, s.w/2, s.h/2)
	xml.EscapeText(&s.b, []byte(t))
	s.b.WriteString("</text>\n")
}
