package markdown

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"codeberg.org/plenary/plenary/ui/common"
)

func TestRenderMarkdown(t *testing.T) {
	th := common.NewTheme(lipgloss.NewRenderer(io.Discard))
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
		{"2**10 is 1024", 40, "2**10 is 1024"}, // no emphasis without a closing pair
		{"`code *x*` &amp; <b>", 40, "code *x* & <b>"},
		{"> a quote\n---", 40, "> a quote ---"},                   // no block inside a paragraph
		{"averyveryverylongword", 8, "averyver\nyverylon\ngword"}, // broken across lines, never lost
		{"see http://example.org/a/long/path", 12, "see\nhttp://examp\nle.org/a/lon\ng/path"},
		{"대한민국 공공데이터 정책", 10, "대한민국\n공공데이터\n정책"},
	}
	for _, tt := range tests {
		got := strings.Join(RenderMarkdown(th, tt.md, tt.width), "\n")
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

// FuzzRenderMarkdown: any text at any width renders in finite time, with
// no line wider than the width.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{"averyveryverylongword", "see http://example.org/a/long/path", "대한민국 공공데이터 정책", "- **bold** _it_ `code`\n\n1. x", "\x1b[31mred"} {
		f.Add(s, 8)
	}
	t := common.NewTheme(lipgloss.NewRenderer(io.Discard))
	f.Fuzz(func(tt *testing.T, s string, w int) {
		w = 8 + abs(w)%200 // renderMarkdown draws at least 8 cells wide
		for _, l := range RenderMarkdown(t, s, w) {
			if lw := ansi.StringWidth(l); lw > w {
				tt.Fatalf("a line of %d cells at width %d: %q", lw, w, l)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
