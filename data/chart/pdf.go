package chart

import (
	"bytes"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// PDF is the chart as a one-page PDF of its size (a pixel is a point):
// text as text, the Go fonts embedded.
func (ch Chart) PDF() ([]byte, error) {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: float64(ch.W), Ht: float64(ch.H)}})
	f.AddUTF8FontFromBytes("go", "", goregular.TTF)
	f.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCreator("plenary", true)
	f.AddPage()
	ch.draw(&pdfCanvas{f: f, w: ch.W, h: ch.H})
	var b bytes.Buffer
	err := f.Output(&b)
	return b.Bytes(), err
}

type pdfCanvas struct {
	f    *fpdf.Fpdf
	w, h int
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
	c.f.Rect(x, y, w, h, "F")
}

func (c *pdfCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	c.f.SetDrawColor(rgb(stroke))
	c.f.SetLineWidth(width)
	c.f.Line(x1, y1, x2, y2)
}

func (c *pdfCanvas) text(x, y, size float64, anchor, fill string, bold bool, s string) {
	style := ""
	if bold {
		style = "B"
	}
	c.f.SetFont("go", style, size)
	c.f.SetTextColor(rgb(fill))
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
	c.f.SetFont("go", "B", size)
	c.f.SetTextColor(rgb(average))
	c.f.SetAlpha(0.12, "Normal")
	w := c.f.GetStringWidth(s)
	c.f.TransformBegin()
	c.f.TransformRotate(20, float64(c.w)/2, float64(c.h)/2)
	c.f.Text(float64(c.w)/2-w/2, float64(c.h)/2, s)
	c.f.TransformEnd()
	c.f.SetAlpha(1, "Normal")
}
