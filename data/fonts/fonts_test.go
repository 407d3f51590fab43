package fonts_test

import (
	"slices"
	"testing"

	"codeberg.org/plenary/plenary/data/fonts"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestDigitsLineUp: the publication face's digits are all as wide (figures
// line up in a table) and its hyphen is narrower than its en dash ("re-use",
// not "re–use"). (That its zero has no slash is its design: looked at in
// the rendered pages, not measured.)
func TestDigitsLineUp(t *testing.T) {
	f, err := sfnt.Parse(fonts.Sans)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	adv := func(r rune) fixed.Int26_6 {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			t.Fatalf("no glyph for %q", r)
		}
		a, err := f.GlyphAdvance(&buf, g, 1000, 0)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	var widths []fixed.Int26_6
	for r := '0'; r <= '9'; r++ {
		widths = append(widths, adv(r))
	}
	if slices.Min(widths) != slices.Max(widths) {
		t.Errorf("digits of unequal widths: %v", widths)
	}
	if adv('-') >= adv('–') {
		t.Errorf("the hyphen (%v) is as wide as the en dash (%v)", adv('-'), adv('–'))
	}
}

// TestRuns: Korean goes to NanumSquare, Latin with its accents to
// Liberation Sans, and a script neither draws is said to be drawn by none.
func TestRuns(t *testing.T) {
	got := fonts.Runs("Korea (한국) · Türkiye · Château ·ภาษา")
	want := []fonts.Run{{fonts.SansFace, "Korea ("}, {fonts.HangulFace, "한국"}, {fonts.SansFace, ") · Türkiye · Château ·"}, {fonts.None, "ภาษา"}}
	if !slices.Equal(got, want) {
		t.Errorf("runs %+v, want %+v", got, want)
	}
}
