// Package clean makes text from data files safe to show in a terminal.
package clean

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Text removes terminal escape sequences (CSI, OSC, DCS, SOS, PM, APC in
// both their 7-bit ESC and 8-bit C1 forms) and every control character except
// newline and tab, so that text from a data file can never move the cursor,
// retitle the window or clear the screen. It also removes the characters
// that reorder or hide text without showing themselves: the bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
// marks (LRM U+200E, RLM U+200F, ALM U+061C), the line and paragraph
// separators (U+2028, U+2029: some terminals break the line there), the
// zero-width space (U+200B), the word joiner (U+2060) and U+FEFF. The
// zero-width joiner and non-joiner (U+200C, U+200D) stay: Persian and Indic
// scripts need them. Invalid UTF-8 becomes U+FFFD.
func Text(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += size
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || Hidden(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// Hidden reports whether r changes the order or the visibility of text
// without being seen: what Text removes besides controls.
func Hidden(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200b || r == 0x200e || r == 0x200f ||
		r == 0x061c || r == 0x2028 || r == 0x2029 || r == 0x2060 || r == 0xfeff
}

// Control reports whether r is a control character Text removes (all but
// newline and tab) or a hidden one.
func Control(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || Hidden(r)
}

// JSON makes encoded JSON safe to print: the control and hidden characters
// that encoding/json leaves as they are (DEL, the C1 controls, the bidi and
// zero-width characters) become \u escapes, which mean the same to a JSON
// reader. Outside strings JSON has none of them, so b stays valid.
func JSON(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && r != '\n' && r != '\t' && Control(r) {
			if out == nil {
				out = append(make([]byte, 0, len(b)+16), b[:i]...)
			}
			out = fmt.Appendf(out, "\\u%04x", r)
		} else if out != nil {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}

// Line sanitises s and folds it onto one line: runs of whitespace,
// newlines and tabs included, become single spaces.
func Line(s string) string {
	if isTidy(s) {
		return s
	}
	return strings.Join(strings.Fields(Text(s)), " ")
}

// isTidy reports whether s is printable ASCII with single inner spaces and
// none at its ends: already a clean line, the common case in data files.
func isTidy(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}

// isPlain reports whether s is printable ASCII, newlines and tabs only: the
// common case, which needs no copy.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == 0x7f || (c < 0x20 && c != '\n' && c != '\t') {
			return false
		}
	}
	return true
}

// skipEscape skips the sequence that follows an ESC at s[i-1] and returns the
// index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-character sequence (ESC c, ESC 7, ESC ( B …): intermediates then a final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte of a control sequence.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c >= 0x7f {
			// Not a valid CSI byte: the sequence is broken; stop here.
			return i - 1
		}
	}
	return i
}

// skipString skips an OSC/DCS-style string up to its terminator: BEL, ST
// (ESC \) or C1 ST. An unterminated string runs to the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0x1b:
			return i
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// Writer sanitises what is written through it with Text: no escape
// sequence or control character but newline and tab gets through. Write
// reports the length it was given (what was dropped was written away).
type Writer struct{ W io.Writer }

func (c Writer) Write(b []byte) (int, error) {
	if _, err := io.WriteString(c.W, Text(string(b))); err != nil {
		return 0, err
	}
	return len(b), nil
}
