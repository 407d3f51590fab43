package chart

import (
	"bytes"

	"codeberg.org/go-pdf/fpdf"

	"codeberg.org/plenary/plenary/data/fonts"
)

// PDF is the chart as a one-page PDF of its size at dpi pixels to the inch
// (96 when 0: 800 px are 8⅓ inches), titled and described as its SVG is:
// text as text, in Liberation Sans (embedded, a subset).
func (ch Chart) PDF(dpi float64) ([]byte, error) {
	if !(dpi > 0) {
		dpi = 96
	}
	k := 72 / dpi // points to a pixel
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: float64(ch.W) * k, Ht: float64(ch.H) * k}})
	f.AddUTF8FontFromBytes("LiberationSans", "", fonts.Sans)
	f.AddUTF8FontFromBytes("LiberationSans", "B", fonts.SansBold)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCreator("plenary", true)
	f.SetTitle(ch.Title, true)
	f.SetSubject(ch.Desc, true)
	f.SetLang("en")
	f.AddPage()
	ch.draw(&pdfCanvas{f: f, w: ch.W, h: ch.H, k: k, pt: k, font: "LiberationSans"})
	var b bytes.Buffer
	err := f.Output(&b)
	return b.Bytes(), err
}

// DrawPDF draws the chart into a document at (x, y), width wide (in the
// document's unit, millimetres for a report); font is a family the
// document has (regular and bold). It returns the height drawn.
func (ch Chart) DrawPDF(f *fpdf.Fpdf, x, y, width float64, font string) float64 {
	k := width / float64(ch.W)
	ch.draw(&pdfCanvas{f: f, w: ch.W, h: ch.H, ox: x, oy: y, k: k, pt: k * 72 / 25.4, font: font})
	return float64(ch.H) * k
}

// pdfCanvas draws on fpdf: chart pixels times k, from (ox, oy); font sizes
// in pixels times pt (0: as they are, when a pixel is a point).
type pdfCanvas struct {
	f         *fpdf.Fpdf
	w, h      int
	ox, oy, k float64
	pt        float64
	font      string
}

func (c *pdfCanvas) at(x, y float64) (float64, float64) { return c.ox + x*c.k, c.oy + y*c.k }

func (c *pdfCanvas) size(px float64) float64 {
	if c.pt == 0 {
		return px
	}
	return px * c.pt
}

func rgb(hex string) (int, int, int) {
	c := colour(hex, 255)
	return int(c.R), int(c.G), int(c.B)
}

func (c *pdfCanvas) rect(x, y, w, h float64, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	c.f.SetFillColor(rgb(fill))
	x, y = c.at(x, y)
	c.f.Rect(x, y, w*c.k, h*c.k, "F")
}

func (c *pdfCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	c.f.SetDrawColor(rgb(stroke))
	c.f.SetLineWidth(width * c.k)
	x1, y1 = c.at(x1, y1)
	x2, y2 = c.at(x2, y2)
	c.f.Line(x1, y1, x2, y2)
}

func (c *pdfCanvas) text(x, y, size float64, anchor, fill string, bold bool, s string) {
	style := ""
	if bold {
		style = "B"
	}
	c.f.SetFont(c.font, style, c.size(size))
	c.f.SetTextColor(rgb(fill))
	x, y = c.at(x, y)
	switch w := c.f.GetStringWidth(s); anchor {
	case "end":
		x -= w
	case "middle":
		x -= w / 2
	}
	c.f.Text(x, y, s)
}

func (c *pdfCanvas) watermark(s string) {
	size := max(float64(c.w)/9, 28)
	c.f.SetFont(c.font, "B", c.size(size))
	c.f.SetTextColor(rgb(average))
	c.f.SetAlpha(0.12, "Normal")
	w := c.f.GetStringWidth(s)
	cx, cy := c.at(float64(c.w)/2, float64(c.h)/2)
	c.f.TransformBegin()
	c.f.TransformRotate(20, cx, cy)
	c.f.Text(cx-w/2, cy, s)
	c.f.TransformEnd()
	c.f.SetAlpha(1, "Normal")
}
