package strict

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml reports positions for syntax errors only. To place the
// problems we find ourselves (a presenter that is not a delegation, a
// duplicate id) this scanner records where every key and table of a
// document starts: "meeting.title", "session[2].presenters", "session[2]" (1-based).
// It also measures nesting before the decoder sees the text, because the
// decoder recurses without limit.

// Pos is a place in a file, 1-based; columns count characters.
type Pos struct{ Line, Col int }

// keyPos is where a key and its value are, as byte offsets; they become
// lines and columns only when a problem is reported.
type keyPos struct {
	key, val, valEnd int
}

type tomlIndex struct {
	src        string
	lineStarts []int // built on first use
	// marks holds, for long lines, the rune count at every markStep bytes,
	// so that placing a problem costs the same on a 1 MB line as on a short
	// one (built on first use, per line).
	marks map[int][]int
	// cursor holds, per array value, where the last element looked for
	// was found: elements are asked for in the order they were written, so
	// each search goes on from there and placing all of them is linear.
	cursor  map[int]int
	keys    map[string]keyPos
	tables  map[string]int
	arrays  map[string]int // how many [[name]] tables so far
	tooDeep *Pos
}

// maxDepth bounds arrays and inline tables nested in one value, and the
// parts of a dotted key.
const maxDepth = 32

func indexTOML(src string) *tomlIndex {
	ix := &tomlIndex{
		src:    src,
		keys:   make(map[string]keyPos, len(src)/40),
		tables: map[string]int{},
		arrays: map[string]int{},
	}
	table := ""
	i := 0
	for i < len(src) {
		i = skipSpace(src, i)
		if i >= len(src) {
			break
		}
		switch c := src[i]; {
		case c == '\n' || c == '\r':
			i++
		case c == '#':
			i = lineEnd(src, i)
		case c == '[':
			start := i
			arr := strings.HasPrefix(src[i:], "[[")
			end := lineEnd(src, i)
			name := strings.TrimSpace(stripComment(src[i:end]))
			name = strings.TrimSpace(strings.Trim(name, "[]"))
			name = joinKey(splitKey(name))
			if arr {
				n := ix.arrays[name]
				ix.arrays[name] = n + 1
				table = name + "[" + strconv.Itoa(n+1) + "]"
			} else {
				table = name
			}
			ix.tables[table] = start
			if len(splitKey(name)) > maxDepth && ix.tooDeep == nil {
				p := ix.pos(start)
				ix.tooDeep = &p
			}
			i = end
		default:
			start := i
			eq := keyEnd(src, i)
			if eq < 0 {
				i = lineEnd(src, i)
				continue
			}
			parts := splitKey(strings.TrimSpace(src[start:eq]))
			if len(parts) > maxDepth && ix.tooDeep == nil {
				p := ix.pos(start)
				ix.tooDeep = &p
			}
			full := joinKey(parts)
			if table != "" {
				full = table + "." + full
			}
			v := skipSpace(src, eq+1)
			end := ix.valueEnd(v)
			ix.keys[full] = keyPos{key: start, val: v, valEnd: end}
			i = end
		}
	}
	return ix
}

// pos converts a byte offset into a line and a column counted in characters.
func (ix *tomlIndex) pos(off int) Pos {
	if ix.lineStarts == nil {
		ix.lineStarts = append(ix.lineStarts, 0)
		for i := 0; i < len(ix.src); i++ {
			if ix.src[i] == '\n' {
				ix.lineStarts = append(ix.lineStarts, i+1)
			}
		}
	}
	lo, hi := 0, len(ix.lineStarts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ix.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if off > len(ix.src) {
		off = len(ix.src)
	}
	return Pos{Line: lo + 1, Col: runeCol(ix.src, ix.lineStarts[lo], off, ix.lineMarks(lo)) + 1}
}

// markStep is the spacing of the rune counts kept for long lines.
const markStep = 512

// lineMarks returns the rune counts at every markStep bytes of line i when
// it is long, else nil.
func (ix *tomlIndex) lineMarks(i int) []int {
	start, end := ix.lineStarts[i], len(ix.src)
	if i+1 < len(ix.lineStarts) {
		end = ix.lineStarts[i+1]
	}
	if end-start <= 4*markStep {
		return nil
	}
	if m, ok := ix.marks[i]; ok {
		return m
	}
	if ix.marks == nil {
		ix.marks = map[int][]int{}
	}
	m := lineMarks(ix.src[start:end])
	ix.marks[i] = m
	return m
}

// lineMarks counts runes at every markStep bytes of line (a mark may fall
// inside a rune: counts are of runes that start before it).
func lineMarks(line string) []int {
	m := make([]int, 0, len(line)/markStep+1)
	n := 0
	for b := 0; b < len(line); b += markStep {
		m = append(m, n)
		n += utf8.RuneCountInString(line[b:min(b+markStep, len(line))])
	}
	return m
}

// runeCol is the number of runes from start to off, counted from the
// nearest mark below off.
func runeCol(src string, start, off int, marks []int) int {
	k := (off - start) / markStep
	if k == 0 || k > len(marks)-1 {
		if k == 0 || marks == nil {
			return utf8.RuneCountInString(src[start:off])
		}
		k = len(marks) - 1
	}
	from := start + k*markStep
	// A mark inside a rune counts it from the rune's first byte.
	for from > start && !utf8.RuneStart(src[from]) {
		from--
	}
	n := marks[k]
	if from < start+k*markStep {
		n-- // the rune starting before the mark was not counted in marks[k]
	}
	return n + utf8.RuneCountInString(src[from:off])
}

// valueEnd returns the offset after the value starting at i: the end of its
// line once every bracket and multi-line string is closed.
func (ix *tomlIndex) valueEnd(i int) int {
	src := ix.src
	depth := 0
	for i < len(src) {
		c := src[i]
		switch {
		case strings.HasPrefix(src[i:], `"""`):
			i = closeAt(src, i+3, `"""`, true)
		case strings.HasPrefix(src[i:], `'''`):
			i = closeAt(src, i+3, `'''`, false)
		case c == '"':
			i = closeAt(src, i+1, `"`, true)
		case c == '\'':
			i = closeAt(src, i+1, `'`, false)
		case c == '#':
			i = lineEnd(src, i)
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth && ix.tooDeep == nil {
				p := ix.pos(i)
				ix.tooDeep = &p
			}
			i++
		case c == ']' || c == '}':
			depth--
			i++
		case c == '\n':
			if depth <= 0 {
				return i
			}
			i++
		default:
			i++
		}
	}
	return i
}

// element finds the n-th string literal equal to want inside a key's value
// and returns its position, or the value's position when it is not found.
func (ix *tomlIndex) element(kp keyPos, want string, nth int) Pos {
	span := ix.src[kp.val:kp.valEnd]
	if nth == 1 {
		if ix.cursor == nil {
			ix.cursor = map[int]int{}
		}
		q := strconv.Quote(want)
		from := ix.cursor[kp.val]
		j := strings.Index(span[from:], q)
		if j < 0 {
			from, j = 0, strings.Index(span, q)
		}
		if j >= 0 {
			ix.cursor[kp.val] = from + j + len(q)
			return ix.pos(kp.val + from + j)
		}
	}
	// A later occurrence, or a string written with escapes or single quotes.
	var at []int
	for _, q := range []string{strconv.Quote(want), "'" + want + "'"} {
		for from := 0; ; {
			j := strings.Index(span[from:], q)
			if j < 0 {
				break
			}
			at = append(at, from+j)
			from += j + len(q)
		}
	}
	sort.Ints(at)
	if nth >= 1 && nth <= len(at) {
		return ix.pos(kp.val + at[nth-1])
	}
	return ix.pos(kp.val)
}

func closeAt(src string, i int, delim string, escapes bool) int {
	stops := delim[:1] + "\n"
	if escapes {
		stops += "\\"
	}
	for i < len(src) {
		j := strings.IndexAny(src[i:], stops)
		if j < 0 {
			return len(src)
		}
		i += j
		if escapes && src[i] == '\\' {
			i += 2
			continue
		}
		if strings.HasPrefix(src[i:], delim) {
			i += len(delim)
			// A closing """ may be followed by up to two more quotes that
			// belong to the string.
			for len(delim) == 3 && i < len(src) && src[i] == delim[0] {
				i++
			}
			return i
		}
		if len(delim) == 1 && src[i] == '\n' {
			return i // unterminated: the decoder reports it
		}
		i++
	}
	return i
}

func skipSpace(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// keyEnd returns the offset of the '=' that ends a key starting at i, or -1.
func keyEnd(src string, i int) int {
	for i < len(src) {
		switch src[i] {
		case '=':
			return i
		case '\n':
			return -1
		case '"', '\'':
			i = closeAt(src, i+1, src[i:i+1], src[i] == '"')
		default:
			i++
		}
	}
	return -1
}

func stripComment(s string) string {
	if j := strings.IndexByte(s, '#'); j >= 0 && !strings.ContainsAny(s[:j], `"'`) {
		return s[:j]
	}
	return s
}

// splitKey splits a dotted key, honouring quoted parts.
func splitKey(k string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func joinKey(parts []string) string { return strings.Join(parts, ".") }
