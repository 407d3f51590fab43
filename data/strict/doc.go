// Package strict reads bundle files strictly: TOML documents whose every
// key is checked against what a table allows, values checked for type, and
// every problem reported at its file, line and column.
package strict

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"codeberg.org/plenary/plenary/data/clean"
)

// MaxFileSize caps what is read of a bundle file before decoding.
const MaxFileSize = 16 << 20

// ReadFile reads a bundle file, refusing one larger than MaxFileSize.
func ReadFile(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s not found", name)
		}
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > MaxFileSize {
		return "", fmt.Errorf("%s is larger than %d MiB", name, MaxFileSize>>20)
	}
	return string(b), nil
}

// Doc is a decoded TOML document that knows where each of its keys is and
// collects the problems found in it.
type Doc struct {
	File     string
	Raw      map[string]any
	Problems Problems
	ix       *tomlIndex
	limit    Limit
}

// Decode parses src. It returns nil, with the problem, when the text is not
// TOML or is nested too deep to decode safely.
func Decode(file, src string) (*Doc, Problems) {
	// A byte-order mark is not part of the text: without it, positions
	// are those an editor shows.
	src = strings.TrimPrefix(src, "\ufeff")
	ix := indexTOML(src)
	if ix.tooDeep != nil {
		return nil, Problems{{File: file, Line: ix.tooDeep.Line, Col: ix.tooDeep.Col,
			Msg: fmt.Sprintf("nested more than %d levels deep", maxDepth)}}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			// The decoder counts a newline as the start of the next line;
			// place the error at the byte it names instead.
			p := Pos{pe.Position.Line, max(pe.Position.Col, 1)}
			if pe.Position.Start > 0 && pe.Position.Start < len(src) {
				p = ix.pos(pe.Position.Start)
			}
			return nil, Problems{{File: file, Line: p.Line, Col: p.Col, Msg: clean.Line(pe.Message)}}
		}
		return nil, Problems{{File: file, Line: 1, Col: 1, Msg: clean.Line(err.Error())}}
	}
	return &Doc{File: file, Raw: raw, ix: ix}, nil
}

// At reports a problem at p.
func (d *Doc) At(p Pos, key string, warn bool, format string, args ...any) {
	if !d.limit.Room(&d.Problems, d.File) {
		return
	}
	d.Problems = append(d.Problems, Problem{File: d.File, Line: p.Line, Col: p.Col, Key: key,
		Msg: fmt.Sprintf(format, args...), Warning: warn})
}

// Full reports that no more problems of this file will be listed: a loader
// may skip working out where they are.
func (d *Doc) Full() bool { return d.limit[d.File] > MaxProblems }

// MaxProblems caps the problems listed for one file: past it, a person
// fixes what is listed first (and a hostile file cannot make a check slow).
const MaxProblems = 200

// Limit counts the problems listed per file, to stop at MaxProblems.
type Limit map[string]int

// Room reports whether probs may take another problem of file; at the cap
// it adds, once, an error saying the rest are not listed.
func (l *Limit) Room(probs *Problems, file string) bool {
	if *l == nil {
		*l = Limit{}
	}
	n := (*l)[file]
	(*l)[file] = n + 1
	switch {
	case n < MaxProblems:
		return true
	case n == MaxProblems:
		*probs = append(*probs, Problem{File: file, Line: 1, Col: 1,
			Msg: fmt.Sprintf("more than %d problems: the rest are not listed; fix these first", MaxProblems)})
	}
	return false
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// KeyPos is where a key was written, falling back to its table, then the top.
func (d *Doc) KeyPos(table, key string) Pos {
	if kp, ok := d.ix.keys[join(table, key)]; ok {
		return d.ix.pos(kp.key)
	}
	if table == "" {
		if off, ok := d.ix.tables[key]; ok {
			return d.ix.pos(off)
		}
		if off, ok := d.ix.tables[key+"[1]"]; ok {
			return d.ix.pos(off)
		}
	}
	return d.TablePos(table)
}

// ValPos is where a key's value starts.
func (d *Doc) ValPos(table, key string) Pos {
	if kp, ok := d.ix.keys[join(table, key)]; ok {
		return d.ix.pos(kp.val)
	}
	return d.TablePos(table)
}

// TablePos is where a table starts: its header, or its inline value.
func (d *Doc) TablePos(table string) Pos {
	if off, ok := d.ix.tables[table]; ok {
		return d.ix.pos(off)
	}
	if kp, ok := d.ix.keys[table]; ok {
		return d.ix.pos(kp.val)
	}
	return Pos{1, 1}
}

// ElementPos is where the string want stands in the array value of a key.
func (d *Doc) ElementPos(table, key, want string) Pos { return d.ElementPosNth(table, key, want, 1) }

// ElementPosNth is where the nth occurrence of want is in the array at
// table.key (a duplicate's place is its second).
func (d *Doc) ElementPosNth(table, key, want string, nth int) Pos {
	kp, ok := d.ix.keys[join(table, key)]
	if !ok {
		return d.TablePos(table)
	}
	return d.ix.element(kp, want, nth)
}

// Errorf reports a problem with the value of table.key.
func (d *Doc) Errorf(table, key, format string, args ...any) {
	d.At(d.ValPos(table, key), join(table, key), false, format, args...)
}

// Warnf reports a warning about the value of table.key.
func (d *Doc) Warnf(table, key, format string, args ...any) {
	d.At(d.ValPos(table, key), join(table, key), true, format, args...)
}

// Top checks the top-level keys and tables against those allowed.
func (d *Doc) Top(allowed ...string) {
	ok := map[string]bool{}
	for _, k := range allowed {
		ok[k] = true
	}
	for _, k := range sortedKeys(d.Raw) {
		if !ok[k] {
			d.At(d.KeyPos("", k), clean.Line(k), false, "unknown table or key (allowed: %s)", strings.Join(allowed, ", "))
		}
	}
}

// Array returns the array of tables (such as [[session]]) called name in m;
// table is where m is ("" for the top).
func (d *Doc) Array(table string, m map[string]any, name string) []any {
	v, ok := m[name]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = v[i]
		}
		return out
	case []any:
		return v
	}
	d.At(d.KeyPos(table, name), join(table, name), false, "must be an array of tables ([[%s]]), not %s", join(table, name), TypeName(v))
	return nil
}

// Table is one TOML table and the keys it may hold.
type Table struct {
	Doc  *Doc
	Name string // "meeting", "session[3]"
	M    map[string]any
}

// Table checks that v is a table holding only the allowed keys.
func (d *Doc) Table(name string, v any, allowed ...string) *Table {
	m, ok := v.(map[string]any)
	if !ok {
		d.At(d.TablePos(name), name, false, "must be a table, not %s", TypeName(v))
	}
	known := map[string]bool{}
	for _, k := range allowed {
		known[k] = true
	}
	for _, k := range sortedKeys(m) {
		if !known[k] {
			d.At(d.KeyPos(name, k), join(name, clean.Line(k)), false, "unknown key (allowed: %s)", strings.Join(allowed, ", "))
		}
	}
	return &Table{Doc: d, Name: name, M: m}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Bool reads a boolean; absent is false.
func (t *Table) Bool(key string) bool {
	v, ok := t.M[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.Errorf(key, "must be true or false, not %s", TypeName(v))
	}
	return b
}

// Has reports whether the table holds key.
func (t *Table) Has(key string) bool { _, ok := t.M[key]; return ok }

// Errorf reports a problem with the value of key.
func (t *Table) Errorf(key, format string, args ...any) { t.Doc.Errorf(t.Name, key, format, args...) }

// Warnf reports a warning about the value of key.
func (t *Table) Warnf(key, format string, args ...any) { t.Doc.Warnf(t.Name, key, format, args...) }

func (t *Table) get(key string, required bool) (any, bool) {
	v, ok := t.M[key]
	if !ok && required {
		t.Doc.At(t.Doc.TablePos(t.Name), join(t.Name, key), false, "missing (required)")
	}
	return v, ok
}

// String returns a sanitised string value.
func (t *Table) String(key string, required bool) string {
	v, ok := t.get(key, required)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.Errorf(key, "must be a string, not %s", TypeName(v))
		return ""
	}
	s = clean.Text(s)
	if required && strings.TrimSpace(s) == "" {
		t.Errorf(key, "must not be empty")
	}
	return s
}

// Line returns a sanitised string folded onto one line.
func (t *Table) Line(key string, required bool) string {
	return clean.Line(t.String(key, required))
}

// Int returns an integer value in 0–1,000,000.
func (t *Table) Int(key string, required bool) (int, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.Errorf(key, "must be an integer, not %s", TypeName(v))
		return 0, false
	}
	if n < 0 || n > 1e6 {
		t.Errorf(key, "%d is out of range (0–1000000)", n)
		return 0, false
	}
	return int(n), true
}

// Float returns a finite number; integers are accepted.
func (t *Table) Float(key string, required bool) (float64, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			t.Errorf(key, "must be a finite number")
			return 0, false
		}
		return n, true
	case int64:
		return float64(n), true
	}
	t.Errorf(key, "must be a number, not %s", TypeName(v))
	return 0, false
}

// Strings returns an array of sanitised one-line strings.
func (t *Table) Strings(key string) []string {
	v, ok := t.M[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.Errorf(key, "must be an array of strings, not %s", TypeName(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.Errorf(key, "must be an array of strings; found %s", TypeName(e))
			return nil
		}
		out = append(out, clean.Line(s))
	}
	return out
}

// Date accepts a TOML local date (2017-05-18) or a string holding one, and
// returns it as midnight UTC.
func (t *Table) Date(key string, required bool) (time.Time, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return time.Time{}, false
	}
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			t.Errorf(key, "must be a date without a time of day")
			return time.Time{}, false
		}
		return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC), true
	case string:
		d, err := time.Parse(time.DateOnly, clean.Line(v))
		if err != nil {
			t.Errorf(key, "%q is not a date (want YYYY-MM-DD)", clean.Line(v))
			return time.Time{}, false
		}
		return d, true
	}
	t.Errorf(key, "must be a date (YYYY-MM-DD), not %s", TypeName(v))
	return time.Time{}, false
}

// Instant accepts a TOML offset date-time (2017-05-18T10:31:00+02:00): a
// moment, which a local date-time or a date is not.
func (t *Table) Instant(key string, required bool) (time.Time, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return time.Time{}, false
	}
	tm, ok := v.(time.Time)
	if !ok {
		t.Errorf(key, "must be a date and time with its offset (2017-05-18T10:31:00+02:00), not %s", TypeName(v))
		return time.Time{}, false
	}
	if strings.HasSuffix(tm.Location().String(), "-local") {
		t.Errorf(key, "needs its offset from UTC (2017-05-18T10:31:00+02:00)")
		return time.Time{}, false
	}
	return tm, true
}

// Value returns the raw value of key.
func (t *Table) Value(key string) (any, bool) { v, ok := t.M[key]; return v, ok }

// TypeName names the TOML type of a decoded value for messages.
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T", v)
}

// Quote writes s as a TOML basic string: quotes, backslashes and
// control characters escaped the way TOML (not Go) spells them.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	escape(&b, s, `\n`)
	b.WriteByte('"')
	return b.String()
}

// QuoteText is Quote for prose: text with line breaks is written as a
// multi-line string, so that a summary in a file reads as written.
func QuoteText(s string) string {
	if !strings.Contains(s, "\n") {
		return Quote(s)
	}
	var b strings.Builder
	b.WriteString("\"\"\"\n")
	escape(&b, s, "\n")
	if !strings.HasSuffix(s, "\n") {
		b.WriteString("\\\n") // a line-ending backslash: no newline is added
	}
	b.WriteString(`"""`)
	return b.String()
}

// escape writes s with TOML's escapes, a line break as newline.
func escape(b *strings.Builder, s, newline string) {
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(newline)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}
