package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
	"sync"

	"codeberg.org/plenary/plenary/data/fonts"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Liberation Sans (package fonts) draws PNG text, as the PDFs': Latin,
// Greek and Cyrillic with their accents, a plain zero.
var regularFont = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(fonts.Sans) })
var boldFont = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(fonts.SansBold) })

// PNG is the chart as a PNG, scale times its size in pixels (2 for
// slides: crisp on a projector).
func (ch Chart) PNG(scale int) ([]byte, error) {
	if scale < 1 || scale > 4 {
		scale = 2
	}
	regular, err := regularFont()
	if err != nil {
		return nil, err
	}
	bold, err := boldFont()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, ch.W*scale, ch.H*scale))
	c := &pngCanvas{img: img, k: float64(scale), regular: regular, bold: bold, faces: map[string]font.Face{}}
	ch.draw(c)
	if c.err != nil {
		return nil, c.err
	}
	var b bytes.Buffer
	err = png.Encode(&b, img)
	return b.Bytes(), err
}

type pngCanvas struct {
	img           *image.RGBA
	k             float64
	regular, bold *opentype.Font
	faces         map[string]font.Face
	err           error
}

func colour(hex string, alpha uint8) color.RGBA {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), alpha}
}

func (c *pngCanvas) rect(x, y, w, h float64, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	r := image.Rect(int(x*c.k+0.5), int(y*c.k+0.5), int((x+w)*c.k+0.5), int((y+h)*c.k+0.5))
	draw.Draw(c.img, r, image.NewUniform(colour(fill, 255)), image.Point{}, draw.Over)
}

func (c *pngCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	// Lines here are vertical or horizontal: a thin rectangle.
	if x1 == x2 {
		c.rect(x1-width/2, y1, width, y2-y1, stroke)
	} else {
		c.rect(x1, y1-width/2, x2-x1, width, stroke)
	}
}

func (c *pngCanvas) face(size float64, bold bool) font.Face {
	key := strconv.FormatFloat(size, 'f', 1, 64) + strconv.FormatBool(bold)
	if f, ok := c.faces[key]; ok {
		return f
	}
	fnt := c.regular
	if bold {
		fnt = c.bold
	}
	f, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size * c.k, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		c.err = err
		return nil
	}
	c.faces[key] = f
	return f
}

func (c *pngCanvas) text(x, y, size float64, anchor, fill string, bold bool, s string) {
	c.drawText(x, y, size, anchor, colour(fill, 255), bold, s)
}

func (c *pngCanvas) drawText(x, y, size float64, anchor string, col color.RGBA, bold bool, s string) {
	f := c.face(size, bold)
	if f == nil {
		return
	}
	d := &font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: f}
	w := d.MeasureString(s)
	px := fixed.Int26_6(x * c.k * 64)
	switch anchor {
	case "end":
		px -= w
	case "middle":
		px -= w / 2
	}
	d.Dot = fixed.Point26_6{X: px, Y: fixed.Int26_6(y * c.k * 64)}
	d.DrawString(s)
}

// watermark is drawn as in the SVG and the PDF: turned 20° up, faint,
// over everything. The word is drawn level on its own image, then turned
// onto the chart.
func (c *pngCanvas) watermark(s string) {
	b := c.img.Bounds()
	w, h := float64(b.Dx())/c.k, float64(b.Dy())/c.k
	f := c.face(max(w/9, 28), true)
	if f == nil {
		return
	}
	m := f.Metrics()
	tw := font.MeasureString(f, s).Ceil()
	th := (m.Ascent + m.Descent).Ceil()
	word := image.NewRGBA(image.Rect(0, 0, tw, th))
	col := colour(average, 255)
	a := uint32(31)                                                                                                            // 0.12 of 255, as the SVG's fill-opacity
	col = color.RGBA{uint8(uint32(col.R) * a / 255), uint8(uint32(col.G) * a / 255), uint8(uint32(col.B) * a / 255), uint8(a)} // premultiplied
	d := &font.Drawer{Dst: word, Src: image.NewUniform(col), Face: f, Dot: fixed.Point26_6{Y: m.Ascent}}
	d.DrawString(s)
	// The word's middle on the chart's; its baseline as the SVG's (the
	// SVG anchors the baseline at the middle).
	sin, cos := math.Sincos(20 * math.Pi / 180)
	sx, sy := float64(tw)/2, float64(m.Ascent.Ceil())
	cx, cy := w/2*c.k, h/2*c.k
	// dst = R·(src − s) + c, R turning counter-clockwise on a screen whose
	// y goes down.
	aff := f64.Aff3{cos, sin, cx - (cos*sx + sin*sy), -sin, cos, cy - (-sin*sx + cos*sy)}
	xdraw.BiLinear.Transform(c.img, aff, word, word.Bounds(), xdraw.Over, nil)
}
