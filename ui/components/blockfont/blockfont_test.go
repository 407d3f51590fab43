package blockfont

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBlockFontCoverage(t *testing.T) {
	for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.%+−-:/" {
		g, ok := blockGlyphs[r]
		if !ok {
			t.Errorf("no glyph for %q", r)
			continue
		}
		w := utf8.RuneCountInString(g[0])
		for _, row := range g {
			if utf8.RuneCountInString(row) != w {
				t.Errorf("glyph %q has rows of different widths", r)
			}
		}
		if r != ' ' && !strings.Contains(strings.Join(g[:], ""), "#") {
			t.Errorf("glyph %q is empty", r)
		}
	}
	rows := BlockText("0.943")
	for _, row := range rows {
		if utf8.RuneCountInString(row) != BlockWidth("0.943") {
			t.Errorf("row %q is not %d wide", row, BlockWidth("0.943"))
		}
	}
	if got := BlockText("Türkiye")[2]; got != BlockText("TURKIYE")[2] {
		t.Errorf("accents are not folded: %q", got)
	}
	if got := BlockText("0.9"); got[4] != " ██  █  ██ " {
		t.Errorf("0.9 bottom row %q", got[4])
	}
}
