package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestRenderMarkdown(t *testing.T) {
	th := NewTheme(asciiRenderer())
	tests := []struct {
		md    string
		width int
		want  string
	}{
		{"Plain **bold** and *italic* words.", 40, "Plain bold and italic words."},
		{"A [link](http://x) here.", 40, "A link here."},
		{"one two three four five six", 10, "one two\nthree four\nfive six"},
		{"Intro:\n\n- first item that wraps\n- second\n\nAfter.", 16,
			"Intro:\n\n• first item\n  that wraps\n• second\n\nAfter."},
		{"1. one\n2. two", 20, "1. one\n2. two"},
		{"# Heading\nText", 20, "Heading\nText"},
		{"snake_case and 2 * 3 stay", 40, "snake_case and 2 * 3 stay"},
		{`escaped \*stars\* stay`, 40, "escaped *stars* stay"},
		{"averyveryverylongword", 8, "averyver"},
		{"대한민국 공공데이터 정책", 10, "대한민국\n공공데이터\n정책"},
	}
	for _, tt := range tests {
		got := strings.Join(renderMarkdown(th, tt.md, tt.width), "\n")
		if got != tt.want {
			t.Errorf("renderMarkdown(%q, %d) =\n%s\nwant:\n%s", tt.md, tt.width, got, tt.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > tt.width {
				t.Errorf("line %q is wider than %d", l, tt.width)
			}
		}
	}
}
