package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// The detail pane shows summaries written in a small part of Markdown:
// paragraphs, bullet and numbered lists, headings, **bold**, *italic*,
// `code` and [links](url) (shown as their text). Each word is styled on its
// own so that no escape sequence spans a line break: lines can then be
// placed side by side without one pane's bold leaking into the other.

type mdStyle uint8

const (
	mdBold mdStyle = 1 << iota
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

// renderMarkdown lays md out in lines no wider than width.
func renderMarkdown(t *Theme, md string, width int) []string {
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
		out = append(out, wrapWords(t, parseInline(text), width, first, rest, 0)...)
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
			out = append(out, wrapWords(t, parseInline(h), width, "", "", mdBold)...)
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

// parseInline splits text into words of styled pieces.
func parseInline(s string) []word {
	var words []word
	var cur word
	var buf strings.Builder
	style := mdStyle(0)
	emit := func() {
		if buf.Len() > 0 {
			cur = append(cur, piece{buf.String(), style})
			buf.Reset()
		}
	}
	endWord := func() {
		emit()
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && strings.ContainsRune("\\`*_{}[]()#+-.!", rs[i+1]):
			buf.WriteRune(rs[i+1])
			i++
		case unicode.IsSpace(r):
			endWord()
		case style&mdCode == 0 && (r == '*' || r == '_') && i+1 < len(rs) && rs[i+1] == r:
			emit()
			style ^= mdBold
			i++
		case style&mdCode == 0 && (r == '*' || r == '_') && emphasisEdge(rs, i, style&mdItalic != 0):
			emit()
			style ^= mdItalic
		case r == '`':
			emit()
			style ^= mdCode
		case r == '[' && style&mdCode == 0:
			// [text](url) → text; a bracket without a link stays as it is.
			if close := indexRune(rs, i+1, ']'); close > 0 && close+1 < len(rs) && rs[close+1] == '(' {
				if end := indexRune(rs, close+2, ')'); end > 0 {
					// Re-parse the link text in place so it wraps like the rest.
					rest := string(rs[i+1:close]) + string(rs[end+1:])
					rs = append(append([]rune{}, rs[:i]...), []rune(rest)...)
					i--
					continue
				}
			}
			buf.WriteRune(r)
		default:
			buf.WriteRune(r)
		}
	}
	endWord()
	return words
}

// emphasisEdge reports whether the * or _ at i opens (or, when open, closes)
// emphasis rather than being a literal character, as in snake_case or 2 * 3.
func emphasisEdge(rs []rune, i int, open bool) bool {
	prevSpace := i == 0 || unicode.IsSpace(rs[i-1]) || unicode.IsPunct(rs[i-1])
	nextSpace := i+1 >= len(rs) || unicode.IsSpace(rs[i+1]) || unicode.IsPunct(rs[i+1])
	if open {
		return !(i > 0 && unicode.IsSpace(rs[i-1])) && nextSpace
	}
	return prevSpace && !(i+1 >= len(rs) || unicode.IsSpace(rs[i+1]))
}

func indexRune(rs []rune, from int, r rune) int {
	for j := from; j < len(rs); j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}

// wrapWords fills lines of at most width cells; first prefixes the first
// line, rest the others (hanging indent for list items). Words longer than a
// line (URLs) are broken across lines.
func wrapWords(t *Theme, words []word, width int, first, rest string, extra mdStyle) []string {
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

func stylePiece(t *Theme, p piece, extra mdStyle) string {
	st := p.style | extra
	if st == 0 {
		return p.text
	}
	var s lipgloss.Style
	switch {
	case st&mdCode != 0:
		s = t.Tag
	case st&mdBold != 0 && st&mdItalic != 0:
		s = t.Bold.Italic(true)
	case st&mdBold != 0:
		s = t.Bold
	default:
		s = t.Italic
	}
	return s.Render(p.text)
}
