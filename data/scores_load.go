package data

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/plenary/plenary/data/strict"
)

// ScoresFile is the name of the scores description in a bundle.
const ScoresFile = "scores.toml"

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// IsID reports whether s can name a measure or an edition: letters, digits,
// dots, underscores and hyphens, starting with a letter or digit.
func IsID(s string) bool { return idRE.MatchString(s) }

// ignoredColumns may appear in score tables beside the measures; they are
// for people reading the file.
var ignoredColumns = map[string]bool{"name": true, "oecd_member": true, "note": true, "source": true}

// LoadScores reads scores.toml and the CSV tables it names. A bundle without
// scores.toml has no scores: it returns nil and no problem.
func LoadScores(fsys fs.FS) (*Dataset, strict.Problems) {
	src, err := strict.ReadFile(fsys, ScoresFile)
	if err != nil {
		if _, statErr := fs.Stat(fsys, ScoresFile); errors.Is(statErr, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, strict.Problems{{File: ScoresFile, Line: 1, Col: 1, Msg: err.Error()}}
	}
	doc, probs := strict.Decode(ScoresFile, src)
	if doc == nil {
		return nil, probs
	}
	l := &scoresLoader{doc: doc, fsys: fsys, seen: map[string]map[string][]cellAt{}}
	d := l.load()
	all := append(doc.Problems, l.probs...)
	all.Sort()
	if all.Errors() > 0 {
		return nil, all
	}
	return d, all
}

type scoresLoader struct {
	doc   *strict.Doc
	fsys  fs.FS
	d     *Dataset
	probs strict.Problems // problems in CSV files
	limit strict.Limit
	// seen is where each value was read: edition → country → measure.
	seen    map[string]map[string][]cellAt
	files   []string // the files values were read from (cellAt.file)
	fileIDs map[string]int32
}

// at returns where the values of a country in an edition were read.
func (l *scoresLoader) at(edition, country string) []cellAt {
	byCountry := l.seen[edition]
	if byCountry == nil {
		byCountry = map[string][]cellAt{}
		l.seen[edition] = byCountry
	}
	a := byCountry[country]
	if a == nil {
		a = make([]cellAt, len(l.d.Index.measures))
		byCountry[country] = a
	}
	return a
}

// cellAt is where a value was read, kept small (a score file of 4,000
// rows holds 50,000 of them while it loads): file is its index in the
// loader's files plus one, 0 when no value was read.
type cellAt struct {
	file, line, col int32
}

// place is cellAt for a position in file.
func (l *scoresLoader) place(file string, p strict.Pos) cellAt {
	id, ok := l.fileIDs[file]
	if !ok {
		l.files = append(l.files, file)
		id = int32(len(l.files))
		if l.fileIDs == nil {
			l.fileIDs = map[string]int32{}
		}
		l.fileIDs[file] = id
	}
	return cellAt{id, int32(min(p.Line, math.MaxInt32)), int32(min(p.Col, math.MaxInt32))}
}

// where is the file and position a cellAt names.
func (l *scoresLoader) where(c cellAt) (string, strict.Pos) {
	if c.file == 0 {
		return ScoresFile, strict.Pos{Line: 1, Col: 1} // not read from a table
	}
	return l.files[c.file-1], strict.Pos{Line: int(c.line), Col: int(c.col)}
}

func (l *scoresLoader) errAt(file string, p strict.Pos, warn bool, format string, args ...any) {
	if !l.limit.Room(&l.probs, file) {
		return
	}
	l.probs = append(l.probs, strict.Problem{File: file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Warning: warn})
}

func (l *scoresLoader) load() *Dataset {
	doc := l.doc
	doc.Top("index", "edition", "tables")
	d := &Dataset{Scores: map[string]*EditionScores{}}
	l.d = d
	if v, ok := doc.Raw["index"]; ok {
		l.index(v)
	} else {
		doc.At(strict.Pos{Line: 1, Col: 1}, "index", false, "missing [index] table")
		return d
	}
	top := &strict.Table{Doc: doc, M: doc.Raw} // top-level keys were checked above
	type tableRef struct {
		file, edition string
		at            strict.Pos
	}
	var refs []tableRef
	for _, f := range top.Strings("tables") {
		refs = append(refs, tableRef{f, "", doc.ElementPos("", "tables", f)})
	}
	for i, v := range doc.Array("", doc.Raw, "edition") {
		name := fmt.Sprintf("edition[%d]", i+1)
		e, files := l.edition(name, v)
		if e == nil {
			continue
		}
		for _, f := range files {
			refs = append(refs, tableRef{f, e.ID, doc.ElementPos(name, "tables", f)})
		}
	}
	l.checkComparable()
	sort.SliceStable(d.Editions, func(i, j int) bool { return d.Editions[i].Year < d.Editions[j].Year })
	for _, e := range d.Editions {
		d.Scores[e.ID] = &EditionScores{Edition: e, byCountry: map[string]int{}}
	}
	// A file named twice (a pattern and its edition) is read once; a file
	// named by two editions belongs to neither: an error.
	read := map[string]string{}
	for _, ref := range refs {
		if !fs.ValidPath(ref.file) {
			doc.At(ref.at, "tables", false, "%q is not a path inside the bundle", ref.file)
			continue
		}
		files := []string{ref.file}
		if strings.ContainsAny(ref.file, "*?[") {
			// A pattern such as "imports/*.csv" may match nothing yet.
			var err error
			if files, err = fs.Glob(l.fsys, ref.file); err != nil {
				doc.At(ref.at, "tables", false, "%q is not a valid pattern", ref.file)
				continue
			}
		}
		for _, f := range files {
			if first, ok := read[f]; ok {
				if first != "" && ref.edition != "" && first != ref.edition {
					doc.At(ref.at, "tables", false, "%s is listed under editions %s and %s: a table belongs to one", f, first, ref.edition)
				}
				if first == "" {
					read[f] = ref.edition
				}
				continue
			}
			read[f] = ref.edition
			src, err := strict.ReadFile(l.fsys, f)
			if err != nil {
				doc.At(ref.at, "tables", false, "%v", err)
				continue
			}
			l.table(f, src, ref.edition)
		}
	}
	for _, e := range d.Editions {
		es := d.Scores[e.ID]
		sort.Slice(es.Rows, func(i, j int) bool { return es.Rows[i].Country < es.Rows[j].Country })
		for i, r := range es.Rows {
			es.byCountry[r.Country] = i
		}
		l.consistency(es)
		es.computeAverages(len(d.Index.measures))
	}
	return d
}

func (l *scoresLoader) index(v any) {
	doc := l.doc
	t := doc.Table("index", v, "id", "name", "description", "pillar", "pillar_max", "sub_max", "composite", "tolerance", "average")
	ix := &l.d.Index
	ix.ID = t.Line("id", true)
	ix.Name = t.Line("name", true)
	ix.Description = t.String("description", false)
	ix.Scale = l.scale(t, Scale{PillarMax: 1, SubMax: 1, Composition: Mean})
	ix.Tolerance = 0.002
	if tol, ok := t.Float("tolerance", false); ok {
		if tol < 0 || tol > 0.1 {
			t.Errorf("tolerance", "%g is out of range (0–0.1)", tol)
		} else {
			ix.Tolerance = tol
		}
	}
	ix.AverageCode = "OECD"
	if t.Has("average") {
		ix.AverageCode = t.Line("average", true)
	}
	ids := map[string]string{"composite": "index"}
	check := func(table, id string) {
		if id == "" {
			return
		}
		if !idRE.MatchString(id) {
			doc.Errorf(table, "id", "%q is not an id (letters, digits, . _ -)", id)
		} else if first, dup := ids[id]; dup {
			doc.Errorf(table, "id", "duplicate measure id %q (first used in %s)", id, first)
		} else {
			ids[id] = table
		}
	}
	m, _ := v.(map[string]any)
	pillars := doc.Array("index", m, "pillar")
	if len(pillars) == 0 {
		doc.At(doc.TablePos("index"), "index.pillar", false, "an index needs at least one [[index.pillar]]")
	}
	for i, pv := range pillars {
		name := fmt.Sprintf("index.pillar[%d]", i+1)
		pt := doc.Table(name, pv, "id", "name", "short", "sub")
		p := Pillar{ID: pt.Line("id", true), Name: pt.Line("name", true), Short: short(pt)}
		check(name, p.ID)
		pm, _ := pv.(map[string]any)
		for j, sv := range doc.Array(name, pm, "sub") {
			sname := fmt.Sprintf("%s.sub[%d]", name, j+1)
			st := doc.Table(sname, sv, "id", "name", "short")
			s := Measure{ID: st.Line("id", true), Name: st.Line("name", true), Short: short(st)}
			check(sname, s.ID)
			p.Subs = append(p.Subs, s)
		}
		ix.Pillars = append(ix.Pillars, p)
	}
	ix.build()
}

// short reads a column heading: the short name, else the id, cut to 7.
func short(t *strict.Table) string {
	s := t.Line("short", false)
	if s == "" {
		s = t.Line("id", false)
	}
	if r := []rune(s); len(r) > 7 {
		if t.Has("short") {
			t.Errorf("short", "%q is longer than 7 characters", s)
		}
		s = string(r[:7])
	}
	return s
}

// scale reads pillar_max, sub_max and composite from t over base.
func (l *scoresLoader) scale(t *strict.Table, base Scale) Scale {
	s := base
	if v, ok := t.Float("pillar_max", false); ok {
		if v <= 0 {
			t.Errorf("pillar_max", "must be above 0")
		} else {
			s.PillarMax = v
		}
	}
	if v, ok := t.Float("sub_max", false); ok {
		if v <= 0 {
			t.Errorf("sub_max", "must be above 0")
		} else {
			s.SubMax = v
		}
	}
	if t.Has("composite") {
		switch c := Composition(t.Line("composite", true)); c {
		case Sum, Mean:
			s.Composition = c
		default:
			t.Errorf("composite", "%q is not a composition (sum, mean)", string(c))
		}
	}
	return s
}

func (l *scoresLoader) edition(name string, v any) (*Edition, []string) {
	doc := l.doc
	t := doc.Table(name, v, "id", "year", "status", "reference_date", "comparable_with", "source", "tables", "pillar_max", "sub_max", "composite", "covered")
	e := &Edition{ID: t.Line("id", true), Source: t.String("source", false), ComparableWith: t.Strings("comparable_with")}
	e.Year, _ = t.Int("year", true)
	e.Status = Status(t.Line("status", true))
	switch e.Status {
	case Preliminary, Final, Pilot, "":
	default:
		t.Errorf("status", "%q is not a status (preliminary, final, pilot)", string(e.Status))
	}
	if ref, ok := t.Date("reference_date", false); ok {
		e.Reference = ref
	}
	if n, ok := t.Int("covered", false); ok {
		if n < 1 {
			t.Errorf("covered", "%d is not a number of countries (1 or more)", n)
		}
		e.Covered = max(n, 0)
	}
	e.Scale = l.scale(t, l.d.Index.Scale)
	if e.ID == "" {
		return nil, nil
	}
	if !idRE.MatchString(e.ID) {
		t.Errorf("id", "%q is not an edition id (letters, digits, . _ -)", e.ID)
	}
	if _, dup := l.d.Edition(e.ID); dup {
		t.Errorf("id", "duplicate edition %q", e.ID)
		return nil, nil
	}
	l.d.Editions = append(l.d.Editions, e)
	return e, t.Strings("tables")
}

// checkComparable runs once all editions are known.
func (l *scoresLoader) checkComparable() {
	for i, e := range l.d.Editions {
		for _, id := range e.ComparableWith {
			if _, ok := l.d.Edition(id); !ok {
				l.doc.Errorf(fmt.Sprintf("edition[%d]", i+1), "comparable_with", "edition %q is not defined", id)
			}
		}
	}
}

// table reads one CSV table: wide (a column per measure) or long (edition,
// country, measure, value). fixed is the edition of a wide table listed
// under an [[edition]]; rows may also name theirs in an edition column.
func (l *scoresLoader) table(file, src, fixed string) {
	t, probs := readCSV(file, src, 0)
	l.probs = append(l.probs, probs...)
	if t == nil {
		return
	}
	if t.unterminated {
		l.d.Unterminated = append(l.d.Unterminated, file)
	}
	ix := &l.d.Index
	country, edition := t.column("country"), t.column("edition")
	if country < 0 {
		l.errAt(file, strict.Pos{Line: 1, Col: 1}, false, "no country column")
		return
	}
	measureCol, valueCol := t.column("measure"), t.column("value")
	long := measureCol >= 0 && valueCol >= 0
	cols := map[int]int{} // column → measure
	if !long {
		for i, h := range t.header {
			h = strings.TrimSpace(h)
			if i == country || i == edition || ignoredColumns[strings.ToLower(h)] {
				continue
			}
			m, ok := ix.Measure(h)
			if !ok {
				l.errAt(file, t.hpos[i], false, "unknown measure %q (known: %s)", h, l.knownMeasures())
				continue
			}
			cols[i] = m
		}
	}
	for _, rec := range t.records {
		// Every row has the header's fields: a short row is not a row of
		// missing values, and a long one holds values of no column.
		if n := len(rec.fields); n != len(t.header) {
			at := rec.end
			if n > len(t.header) {
				at = rec.at(len(t.header))
			}
			l.errAt(file, at, false, "%d fields in this row, %d in the header", n, len(t.header))
			continue
		}
		code := strings.ToUpper(rec.field(country))
		if code == "" {
			l.errAt(file, rec.at(country), false, "empty country code")
			continue
		}
		if _, ok := CountryName(code); !ok && code != ix.AverageCode {
			l.errAt(file, rec.at(country), false, "unknown country %q (ISO 3166-1 alpha-3, or %s for the average)", code, ix.AverageCode)
			continue
		}
		ed := fixed
		if edition >= 0 && rec.field(edition) != "" {
			ed = rec.field(edition)
		}
		if ed == "" {
			l.errAt(file, rec.at(country), false, "no edition: add an edition column or list %s in an edition's tables", file)
			continue
		}
		e, ok := l.d.Edition(ed)
		if !ok {
			l.errAt(file, rec.at(max(edition, 0)), false, "edition %q is not defined in %s", ed, ScoresFile)
			continue
		}
		if long {
			id := rec.field(measureCol)
			m, ok := ix.Measure(id)
			if !ok {
				l.errAt(file, rec.at(measureCol), false, "unknown measure %q (known: %s)", id, l.knownMeasures())
				continue
			}
			if rec.field(valueCol) == "" {
				// A long table lists values: a missing one is a row left out.
				l.errAt(file, rec.at(valueCol), false, "no value (leave the row out for a missing value)")
				continue
			}
			l.cell(file, rec, valueCol, e, code, m, l.at(e.ID, code))
			continue
		}
		at := l.at(e.ID, code)
		for i := range t.header {
			if m, ok := cols[i]; ok {
				l.cell(file, rec, i, e, code, m, at)
			}
		}
	}
}

func (l *scoresLoader) knownMeasures() string {
	return measureIDs(&l.d.Index)
}

// cell stores one value after checking it.
func (l *scoresLoader) cell(file string, rec csvRecord, col int, e *Edition, code string, m int, seen []cellAt) {
	if rec.field(col) == "" && strings.TrimSpace(rec.raw[col]) == "" {
		return // missing
	}
	at := rec.at(col)
	// Plain decimals only, checked as written: no hex, no exponent, no
	// byte the sanitiser would have dropped (0.9<NUL>43 is not 0.943).
	raw := strings.TrimSpace(rec.raw[col])
	if !plainDecimal(raw) {
		l.errAt(file, at, false, "%q is not a number (write a plain decimal such as 0.943)", raw)
		return
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		l.errAt(file, at, false, "%q is not a number", raw)
		return
	}
	ix := &l.d.Index
	meas := ix.measures[m]
	top := e.Scale.Max(meas.Level, len(ix.Pillars))
	if v < 0 || v > top+ix.Tolerance {
		l.errAt(file, at, false, "%s %s = %s is outside 0–%s for edition %s", code, meas.ID, raw, strconv.FormatFloat(math.Round(top*1e6)/1e6, 'f', -1, 64), e.ID)
		return
	}
	if first := seen[m]; first.file != 0 {
		ff, fp := l.where(first)
		l.errAt(file, at, false, "duplicate value of %s for %s in edition %s (first at %s:%d:%d)", meas.ID, code, e.ID, ff, fp.Line, fp.Col)
		return
	}
	seen[m] = l.place(file, at)
	if _, frac, ok := strings.Cut(raw, "."); ok && len(frac) > e.Decimals {
		e.Decimals = min(len(frac), 6) // beyond, noise from a spreadsheet
	}
	es := l.d.Scores[e.ID]
	var row *Row
	if code == ix.AverageCode {
		if es.Average == nil {
			es.Average = &Row{Country: code, Values: missingValues(len(ix.measures))}
		}
		row = es.Average
	} else {
		i, ok := es.byCountry[code]
		if !ok {
			i = len(es.Rows)
			es.Rows = append(es.Rows, Row{Country: code, Values: missingValues(len(ix.measures))})
			es.byCountry[code] = i
		}
		row = &es.Rows[i]
	}
	row.Values[m] = v
}

// plainDecimal reports whether s is digits with at most one point inside
// them, and an optional minus sign.
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point && digits > 0 && i < len(s)-1:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}

func missingValues(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = Missing
	}
	return v
}

// consistency warns where a composite does not match its pillars, or a
// pillar its sub-pillars, beyond the tolerance.
func (l *scoresLoader) consistency(es *EditionScores) {
	ix := &l.d.Index
	e := es.Edition
	n := len(ix.Pillars)
	rows := es.Rows
	if es.Average != nil {
		rows = append(rows[:len(rows):len(rows)], *es.Average)
	}
	for _, r := range rows {
		if r.Country == ix.AverageCode {
			continue // an average of composites need not be the composite of averages
		}
		sum, known := 0.0, 0
		for p := range ix.Pillars {
			if v := r.Values[ix.PillarMeasure(p)]; Known(v) {
				sum += v
				known++
			}
		}
		if c := r.Values[0]; Known(c) && known == n && n > 0 {
			want := sum
			if e.Scale.Composition == Mean {
				want = sum / float64(n)
			}
			if math.Abs(c-want) > ix.Tolerance {
				file, at := l.where(l.at(e.ID, r.Country)[0])
				l.errAt(file, at, true, "%s composite %.3f is not the %s of its pillars (%.3f) in edition %s", r.Country, c, e.Scale.Composition, want, e.ID)
			}
		}
		for p := range ix.Pillars {
			pv := r.Values[ix.PillarMeasure(p)]
			subs := ix.SubMeasures(p)
			if !Known(pv) || len(subs) == 0 {
				continue
			}
			s := 0.0
			all := true
			for _, m := range subs {
				if !Known(r.Values[m]) {
					all = false
					break
				}
				s += r.Values[m]
			}
			if !all {
				continue
			}
			want := s / float64(len(subs)) / e.Scale.SubMax * e.Scale.PillarMax
			if math.Abs(pv-want) > ix.Tolerance {
				file, at := l.where(l.at(e.ID, r.Country)[ix.PillarMeasure(p)])
				l.errAt(file, at, true, "%s %s %.3f is not the mean of its sub-pillars (%.3f on this scale) in edition %s", r.Country, ix.Pillars[p].ID, pv, want, e.ID)
			}
		}
	}
}
