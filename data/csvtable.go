package data

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

// csvTable is a CSV file read whole, with the place of every field so that
// problems can be reported at their cell.
type csvTable struct {
	file    string
	header  []string
	hpos    []strict.Pos
	records []csvRecord
	// unterminated: the last line has no newline, as in a file caught
	// while it is being written.
	unterminated bool
}

type csvRecord struct {
	fields []string // sanitised
	raw    []string // as written: numbers are checked on these
	pos    []strict.Pos
	end    strict.Pos // just after the last field
}

// readCSV reads RFC 4180 text with a header row. sep 0 means detect: the
// separator is the character right after the first header term (',' or ';').
// A UTF-8 byte-order mark is skipped. Fields are sanitised.
func readCSV(file, src string, sep rune) (*csvTable, strict.Problems) {
	src = strings.TrimPrefix(src, "\ufeff")
	if sep == 0 {
		sep = detectSeparator(src)
	}
	r := csv.NewReader(strings.NewReader(src))
	r.Comma = sep
	r.FieldsPerRecord = -1
	t := &csvTable{file: file, unterminated: src != "" && !strings.HasSuffix(src, "\n")}
	var probs strict.Problems
	lines := strings.Split(src, "\n")
	// FieldPos counts bytes; problems count characters. The fields of a
	// record come in order, so each count goes on from the last: a 1 MB
	// line costs what its length does, not its square.
	lastLine, lastByte, lastRunes := 0, 0, 0
	toPos := func(line, col int) strict.Pos {
		if line < 1 || line > len(lines) || col-1 > len(lines[line-1]) {
			return strict.Pos{Line: line, Col: col}
		}
		l := lines[line-1]
		if line != lastLine || col-1 < lastByte {
			lastLine, lastByte, lastRunes = line, 0, 0
		}
		lastRunes += utf8.RuneCountInString(l[lastByte : col-1])
		lastByte = col - 1
		return strict.Pos{Line: line, Col: lastRunes + 1}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p := toPos(pe.Line, max(pe.Column, 1))
				probs = append(probs, strict.Problem{File: file, Line: p.Line, Col: p.Col, Msg: clean.Line(pe.Err.Error())})
			} else {
				probs = append(probs, strict.Problem{File: file, Line: 1, Col: 1, Msg: clean.Line(err.Error())})
			}
			return nil, probs
		}
		pos := make([]strict.Pos, len(rec))
		raw := append([]string(nil), rec...)
		for i := range rec {
			rec[i] = clean.Line(rec[i])
			pos[i] = toPos(r.FieldPos(i))
		}
		if t.header == nil {
			t.header, t.hpos = rec, pos
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // blank line
		}
		last := pos[len(pos)-1]
		end := strict.Pos{Line: last.Line, Col: last.Col + utf8.RuneCountInString(raw[len(raw)-1])}
		t.records = append(t.records, csvRecord{fields: rec, raw: raw, pos: pos, end: end})
	}
	if t.header == nil {
		probs = append(probs, strict.Problem{File: file, Line: 1, Col: 1, Msg: "empty file: a header row is needed"})
		return nil, probs
	}
	return t, probs
}

func detectSeparator(src string) rune {
	for _, c := range src {
		switch c {
		case ',', ';', '\t':
			return c
		case '\n':
			return ','
		}
	}
	return ','
}

// column returns the index of the header named name (case-insensitive), or -1.
func (t *csvTable) column(name string) int {
	for i, h := range t.header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// field returns the field i of a record, or "" when the record is short.
func (rec csvRecord) field(i int) string {
	if i < 0 || i >= len(rec.fields) {
		return ""
	}
	return strings.TrimSpace(rec.fields[i])
}

// at returns where field i is, or the end of the record when it is short.
func (rec csvRecord) at(i int) strict.Pos {
	if i >= 0 && i < len(rec.pos) {
		return rec.pos[i]
	}
	if len(rec.pos) == 0 {
		return strict.Pos{Line: 1, Col: 1}
	}
	return rec.pos[len(rec.pos)-1]
}
