// Package fonts holds the faces the published record and the charts are
// set in (see README.md for their sources and licences) and says which of
// them draws a character.
package fonts

import (
	_ "embed"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// Liberation Sans: the text of the record and of the charts.
var (
	//go:embed LiberationSans-Regular.ttf
	Sans []byte
	//go:embed LiberationSans-Bold.ttf
	SansBold []byte
	//go:embed LiberationSans-Italic.ttf
	SansItalic []byte
	//go:embed LiberationSans-BoldItalic.ttf
	SansBoldItalic []byte
)

// Hangul is NanumSquare: Korean, which Liberation Sans does not draw.
//
//go:embed NanumSquareR.ttf
var Hangul []byte

// Face names the face that draws a character.
type Face int

const (
	None     Face = iota // no embedded face draws it
	SansFace             // Liberation Sans
	HangulFace
)

// parsed are the faces' character maps, read on the first question (an
// export), never at start-up.
var parsed = sync.OnceValues(func() (*sfnt.Font, *sfnt.Font) {
	s, _ := sfnt.Parse(Sans)
	h, _ := sfnt.Parse(Hangul)
	return s, h
})

// For is the face that draws r: Liberation Sans when it can (white space
// and controls count as drawn), else NanumSquare for Korean, else None.
func For(r rune) Face {
	if r < 0x80 || unicode.IsSpace(r) || unicode.IsControl(r) {
		return SansFace
	}
	s, h := parsed()
	var buf sfnt.Buffer
	if s != nil {
		if g, err := s.GlyphIndex(&buf, r); err == nil && g != 0 {
			return SansFace
		}
	}
	if h != nil {
		if g, err := h.GlyphIndex(&buf, r); err == nil && g != 0 {
			return HangulFace
		}
	}
	return None
}

// Run is a stretch of text that one face draws.
type Run struct {
	Face Face
	Text string
}

// Runs cuts s where the face that draws it changes.
func Runs(s string) []Run {
	var out []Run
	start, face := 0, Face(-1)
	for i, r := range s {
		f := For(r)
		if f != face {
			if i > start {
				out = append(out, Run{face, s[start:i]})
			}
			start, face = i, f
		}
	}
	if len(s) > start {
		out = append(out, Run{face, s[start:]})
	}
	return out
}
