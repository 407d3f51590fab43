// Package markdown renders the Markdown of notes and descriptions into
// styled, wrapped terminal lines.
package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"codeberg.org/plenary/plenary/ui/common"
)

// The detail pane shows summaries written in a small part of Markdown:
// paragraphs, bullet and numbered lists, headings, **bold**, *italic*,
// `code` and [links](url) (shown as their text). Each word is styled on its
// own so that no escape sequence spans a line break: lines can then be
// placed side by side without one pane's bold leaking into the other.

type mdStyle uint8

const (
	MdBold mdStyle = 1 << iota
	mdItalic
	mdCode
)

// piece is a run of text in one style; a word is one or more pieces with no
// space between them ("**Index**:" is a bold piece then a plain one).
type piece struct {
	text  string
	style mdStyle
}

type word []piece

func (w word) width() int {
	n := 0
	for _, p := range w {
		n += ansi.StringWidth(p.text)
	}
	return n
}

// RenderMarkdown lays md out in lines no wider than width.
func RenderMarkdown(t *common.Theme, md string, width int) []string {
	width = max(width, 8)
	var out []string
	var para []string
	listPrefix := ""
	flush := func() {
		if len(para) == 0 {
			return
		}
		text := strings.Join(para, " ")
		para = para[:0]
		first, rest := "", ""
		if listPrefix != "" {
			first, rest = listPrefix, strings.Repeat(" ", ansi.StringWidth(listPrefix))
		}
		out = append(out, WrapWords(t, parseInline(text), width, first, rest, 0)...)
		listPrefix = ""
	}
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		case strings.HasPrefix(trimmed, "#"):
			flush()
			h := strings.TrimSpace(strings.TrimLeft(trimmed, "#"))
			out = append(out, WrapWords(t, parseInline(h), width, "", "", MdBold)...)
		case isBullet(trimmed):
			flush()
			listPrefix = "• "
			para = append(para, strings.TrimSpace(trimmed[2:]))
		case isNumbered(trimmed):
			flush()
			dot := strings.IndexAny(trimmed, ".)")
			listPrefix = trimmed[:dot+1] + " "
			para = append(para, strings.TrimSpace(trimmed[dot+1:]))
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func isBullet(s string) bool {
	return len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' '
}

func isNumbered(s string) bool {
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// inline parses text as one paragraph of CommonMark: no block is ever
// recognised in it (renderMarkdown has taken headings and lists off the
// line), so "> x" or "---" stay text. It holds no state between parses.
var inline = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 100)),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
)

// parseInline splits text into words of styled pieces, reading its
// emphasis, code and links as CommonMark does (goldmark, like the report):
// "2**10 is 1024" has no emphasis, snake_case none either, and a link
// shows its text.
func parseInline(s string) []word {
	src := []byte(s)
	doc := inline.Parse(text.NewReader(src))
	var words []word
	var cur word
	endWord := func() {
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	add := func(t string, style mdStyle) {
		for i, part := range strings.Split(t, " ") {
			if i > 0 {
				endWord()
			}
			if part = strings.TrimFunc(part, unicode.IsSpace); part != "" {
				cur = append(cur, piece{part, style})
			}
		}
	}
	var style mdStyle
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Emphasis:
			bit := mdItalic
			if n.Level >= 2 {
				bit = MdBold
			}
			style ^= bit
		case *ast.CodeSpan:
			if entering {
				var b strings.Builder
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						b.Write(t.Segment.Value(src))
					}
				}
				add(b.String(), style|mdCode)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				// Backslash escapes and character references read as
				// CommonMark writes them: \* is *, &amp; is &.
				v := util.UnescapePunctuations(n.Segment.Value(src))
				add(string(util.ResolveEntityNames(util.ResolveNumericReferences(v))), style)
				if n.SoftLineBreak() || n.HardLineBreak() {
					endWord()
				}
			}
		case *ast.String:
			if entering {
				add(string(n.Value), style)
			}
		case *ast.AutoLink:
			if entering {
				add(string(n.Label(src)), style)
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if entering {
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					add(string(seg.Value(src)), style)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	endWord()
	return words
}

// WrapWords fills lines of at most width cells; first prefixes the first
// line, rest the others (hanging indent for list items). Words longer than a
// line (URLs) are broken across lines.
func WrapWords(t *common.Theme, words []word, width int, first, rest string, extra mdStyle) []string {
	var lines []string
	var b strings.Builder
	prefix := first
	b.WriteString(prefix)
	w := ansi.StringWidth(prefix)
	avail := width
	lineHas := false
	for _, wd := range words {
		ww := wd.width()
		if lineHas && w+1+ww > avail {
			lines = append(lines, b.String())
			b.Reset()
			prefix = rest
			b.WriteString(prefix)
			w = ansi.StringWidth(prefix)
			lineHas = false
		}
		if lineHas {
			b.WriteByte(' ')
			w++
		}
		if w+ww > avail && avail-ansi.StringWidth(rest) >= 2 {
			// A word wider than the line (a URL): broken across lines,
			// never lost.
			for _, p := range wd {
				text := p.text
				for text != "" {
					chunk := ansi.Truncate(text, avail-w, "")
					if chunk == "" {
						lines = append(lines, b.String())
						b.Reset()
						b.WriteString(rest)
						w = ansi.StringWidth(rest)
						if chunk = ansi.Truncate(text, avail-w, ""); chunk == "" {
							_, size := utf8.DecodeRuneInString(text)
							chunk = text[:size] // a rune wider than the line
						}
					}
					q := p
					q.text = chunk
					b.WriteString(stylePiece(t, q, extra))
					w += ansi.StringWidth(chunk)
					text = text[len(chunk):]
				}
			}
		} else if w+ww > avail {
			// Not even two cells to break it into: cut it.
			for _, p := range wd {
				p.text = ansi.Truncate(p.text, max(avail-w, 1), "…")
				b.WriteString(stylePiece(t, p, extra))
				w += ansi.StringWidth(p.text)
				if w >= avail {
					break
				}
			}
		} else {
			for _, p := range wd {
				b.WriteString(stylePiece(t, p, extra))
			}
			w += ww
		}
		lineHas = true
	}
	if lineHas || b.Len() > 0 {
		lines = append(lines, b.String())
	}
	return lines
}

func stylePiece(t *common.Theme, p piece, extra mdStyle) string {
	st := p.style | extra
	if st == 0 {
		return p.text
	}
	var s lipgloss.Style
	switch {
	case st&mdCode != 0:
		s = t.Tag
	case st&MdBold != 0 && st&mdItalic != 0:
		s = t.Bold.Italic(true)
	case st&MdBold != 0:
		s = t.Bold
	default:
		s = t.Italic
	}
	return s.Render(p.text)
}

// PlainWords splits unstyled text into words for wrapWords.
func PlainWords(s string) []word {
	fields := strings.Fields(s)
	out := make([]word, len(fields))
	for i, f := range fields {
		out[i] = word{{text: f}}
	}
	return out
}
