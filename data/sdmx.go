package data

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/plenary/plenary/data/strict"
)

// Observation is one value read from an import: a country's value of one
// index measure.
type Observation struct {
	Country string
	Measure string // index measure id
	Value   float64
	Line    int
	Col     int // of the value
}

// SDMXImport is what was read from an SDMX-CSV file.
type SDMXImport struct {
	Observations []Observation
	Skipped      int // rows with an empty OBS_VALUE or ACTION D
}

// SDMXOptions say how to read an SDMX-CSV file into an edition.
type SDMXOptions struct {
	// Measures maps MEASURE codes to index measure ids (OUR is the
	// composite unless given).
	Measures map[string]string
	// Period is the TIME_PERIOD the edition's values have. Rows of another
	// period are an error, unless Select is set: then they are left out
	// and listed (a file that holds several editions).
	Period string
	Select bool
	// SkipUnknownAreas leaves rows of areas that are not countries out,
	// listed as warnings, instead of refusing the file.
	SkipUnknownAreas bool
}

// aggregates are REF_AREA codes of the OECD as a whole: the average row.
var aggregates = map[string]bool{"OECD": true}

// sdmxActions are SDMX-CSV's ACTION codes: information, append, merge,
// replace, delete.
var sdmxActions = map[string]bool{"": true, "I": true, "A": true, "M": true, "R": true, "D": true}

// ReadSDMX reads an OECD Data Explorer export (SDMX-CSV 1.0 or 2.x): an
// optional UTF-8 BOM, ',' or ';' as separator (the character after the first
// header term), a first column STRUCTURE or DATAFLOW, columns found by name,
// "ID: Name" labels in headers and cells, label columns beside code columns,
// and empty OBS_VALUEs. Rows of unmapped measures are left out and
// reported, as warnings, with their lines: a dataflow holds other indices
// too. Everything else that does not fit is an error at its place: rows with
// too few or too many fields, a column twice, an unknown ACTION, a period
// not the edition's, an area that is not a country (see SDMXOptions), a
// UNIT_MULT that is not a whole number (values are scaled by 10^UNIT_MULT).
func ReadSDMX(file, src string, ix *Index, opt SDMXOptions) (*SDMXImport, strict.Problems) {
	t, probs := readCSV(file, src, 0)
	if t == nil {
		return nil, probs
	}
	first := map[string]int{}
	for i := range t.header {
		t.header[i] = codeOf(t.header[i])
		if j, dup := first[t.header[i]]; dup && t.header[i] != "" {
			probs = append(probs, strict.Problem{File: file, Line: t.hpos[i].Line, Col: t.hpos[i].Col,
				Msg: fmt.Sprintf("column %s twice (first at column %d)", t.header[i], t.hpos[j].Col)})
		} else {
			first[t.header[i]] = i
		}
	}
	if len(t.header) == 0 || (t.header[0] != "STRUCTURE" && t.header[0] != "DATAFLOW") {
		return nil, append(probs, strict.Problem{File: file, Line: 1, Col: 1,
			Msg: "not an SDMX-CSV file: the first column must be STRUCTURE or DATAFLOW"})
	}
	col := func(name string) int {
		for i, h := range t.header {
			if h == name {
				return i
			}
		}
		return -1
	}
	area, measure, value, action := col("REF_AREA"), col("MEASURE"), col("OBS_VALUE"), col("ACTION")
	period, mult := col("TIME_PERIOD"), col("UNIT_MULT")
	for name, c := range map[string]int{"REF_AREA": area, "MEASURE": measure, "OBS_VALUE": value} {
		if c < 0 {
			probs = append(probs, strict.Problem{File: file, Line: 1, Col: 1, Msg: "no " + name + " column"})
		}
	}
	if probs.Errors() > 0 {
		probs.Sort()
		return nil, probs
	}
	mapping := map[string]string{"OUR": "composite"}
	for k, v := range opt.Measures {
		mapping[k] = v
	}
	errAt := func(p strict.Pos, format string, args ...any) {
		probs = append(probs, strict.Problem{File: file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
	unmapped := map[string][]int{}
	unknown := map[string][]int{}
	otherPeriods := map[string][]int{}
	seen := map[[2]string]int{}
	out := &SDMXImport{}
	for _, rec := range t.records {
		line := rec.at(0).Line
		if n := len(rec.fields); n != len(t.header) {
			// A truncated row is not a row with an empty value.
			at := rec.end
			if n > len(t.header) {
				at = rec.at(len(t.header))
			}
			errAt(at, "%d fields in this row, %d in the header", n, len(t.header))
			continue
		}
		act := strings.ToUpper(codeOf(rec.field(action)))
		if !sdmxActions[act] {
			errAt(rec.at(action), "ACTION %q is not an SDMX action (I, A, M, R or D)", rec.field(action))
			continue
		}
		if act == "D" {
			out.Skipped++
			continue
		}
		if period >= 0 && opt.Period != "" {
			if p := codeOf(rec.field(period)); p != opt.Period {
				if opt.Select {
					otherPeriods[p] = append(otherPeriods[p], line)
				} else {
					errAt(rec.at(period), "TIME_PERIOD %s is not %s: choose the period to import with --period", p, opt.Period)
				}
				continue
			}
		}
		code := strings.ToUpper(codeOf(rec.field(area)))
		if aggregates[code] {
			code = ix.AverageCode
		}
		mcode := codeOf(rec.field(measure))
		id, ok := mapping[mcode]
		if !ok {
			if _, direct := ix.Measure(mcode); direct {
				id, ok = mcode, true
			}
		}
		if !ok {
			unmapped[mcode] = append(unmapped[mcode], line)
			continue
		}
		if _, known := ix.Measure(id); !known {
			unmapped[mcode] = append(unmapped[mcode], line)
			continue
		}
		if _, isCountry := CountryName(code); !isCountry && code != ix.AverageCode {
			if opt.SkipUnknownAreas {
				unknown[code] = append(unknown[code], line)
			} else {
				errAt(rec.at(area), "REF_AREA %q is not a country (ISO 3166-1 alpha-3) nor the OECD; leave such rows out with --skip-unknown-areas", code)
			}
			continue
		}
		raw := strings.TrimSpace(rec.raw[value])
		if raw == "" {
			out.Skipped++
			continue
		}
		v, err := strconv.ParseFloat(raw, 64)
		if !sdmxNumber(raw) || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			errAt(rec.at(value), "OBS_VALUE %q is not a number", raw)
			continue
		}
		if mult >= 0 {
			if m := rec.field(mult); m != "" {
				e, err := strconv.Atoi(codeOf(m))
				if err != nil || e < -20 || e > 20 {
					errAt(rec.at(mult), "UNIT_MULT %q is not a power of ten (a whole number)", m)
					continue
				}
				v *= math.Pow10(e)
			}
		}
		k := [2]string{code, id}
		if first, dup := seen[k]; dup {
			p := rec.at(value)
			probs = append(probs, strict.Problem{File: file, Line: p.Line, Col: p.Col,
				Msg: fmt.Sprintf("second value for %s %s (first on line %d)", code, id, first)})
			continue
		}
		seen[k] = line
		p := rec.at(value)
		out.Observations = append(out.Observations, Observation{Country: code, Measure: id, Value: v, Line: p.Line, Col: p.Col})
	}
	for _, p := range sortedKeys(otherPeriods) {
		lines := otherPeriods[p]
		probs = append(probs, strict.Problem{File: file, Line: lines[0], Col: 1, Warning: true,
			Msg: fmt.Sprintf("%s of period %s left out: importing %s", leftOut(lines), p, opt.Period)})
	}
	for _, m := range sortedKeys(unmapped) {
		lines := unmapped[m]
		probs = append(probs, strict.Problem{File: file, Line: lines[0], Col: 1, Warning: true,
			Msg: fmt.Sprintf("measure %q is not mapped to the index: %s left out; map it with --measure %s=ID (one of: %s)", m, leftOut(lines), m, measureIDs(ix))})
	}
	for _, a := range sortedKeys(unknown) {
		lines := unknown[a]
		probs = append(probs, strict.Problem{File: file, Line: lines[0], Col: 1, Warning: true,
			Msg: fmt.Sprintf("unknown area %q: %s left out, not an ISO 3166-1 alpha-3 country", a, leftOut(lines))})
	}
	probs.Sort()
	return out, probs
}

// sdmxNumber reports whether s is a decimal number as SDMX-CSV writes it:
// a plain decimal, perhaps with an exponent.
func sdmxNumber(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if exp == "" || strings.Trim(exp, "0123456789") != "" {
			return false
		}
	}
	return plainDecimal(mant)
}

// codeOf takes the code from "ID: Name" labels.
func codeOf(s string) string {
	if i := strings.Index(s, ": "); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func sortedKeys(m map[string][]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lineList shows up to five line numbers.
// leftOut counts rows and says where they are: "1 row (line 11)", "3 rows
// (lines 11, 12, 13)".
func leftOut(lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("1 row (line %d)", lines[0])
	}
	return fmt.Sprintf("%d rows (lines %s)", len(lines), lineList(lines))
}

func lineList(lines []int) string {
	var parts []string
	for i, l := range lines {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(lines)-5))
			break
		}
		parts = append(parts, strconv.Itoa(l))
	}
	return strings.Join(parts, ", ")
}

func measureIDs(ix *Index) string {
	var ids []string
	for _, m := range ix.Measures() {
		ids = append(ids, m.ID)
	}
	return strings.Join(ids, ", ")
}

// LongCSV writes observations as a long table for an edition.
func LongCSV(edition string, obs []Observation) string {
	var b strings.Builder
	b.WriteString("edition,country,measure,value\n")
	for _, o := range obs {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", csvField(edition), o.Country, csvField(o.Measure), strconv.FormatFloat(o.Value, 'f', -1, 64))
	}
	return b.String()
}

// csvField quotes a field when it needs it.
func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
