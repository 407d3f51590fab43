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
}

// SDMXImport is what was read from an SDMX-CSV file.
type SDMXImport struct {
	Observations []Observation
	Skipped      int // rows with an empty OBS_VALUE or ACTION D
}

// ReadSDMX reads an OECD Data Explorer export (SDMX-CSV 1.0 or 2.x): an
// optional UTF-8 BOM, ',' or ';' as separator (the character after the first
// header term), a first column STRUCTURE or DATAFLOW, columns found by name,
// "ID: Name" labels in headers and cells, label columns beside code columns,
// and empty OBS_VALUEs. measures maps MEASURE codes to index measure ids
// (OUR maps to the composite unless given). Rows of unmapped measures and
// unknown areas are left out and reported, as warnings, with their lines:
// a dataflow holds other indices too.
func ReadSDMX(file, src string, ix *Index, measures map[string]string) (*SDMXImport, strict.Problems) {
	t, probs := readCSV(file, src, 0)
	if t == nil {
		return nil, probs
	}
	for i := range t.header {
		t.header[i] = codeOf(t.header[i])
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
	for k, v := range measures {
		mapping[k] = v
	}
	unmapped := map[string][]int{}
	unknown := map[string][]int{}
	seen := map[[2]string]int{}
	out := &SDMXImport{}
	for _, rec := range t.records {
		line := rec.at(0).Line
		if strings.EqualFold(rec.field(action), "D") {
			out.Skipped++
			continue
		}
		code := strings.ToUpper(codeOf(rec.field(area)))
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
			unknown[code] = append(unknown[code], line)
			continue
		}
		raw := rec.field(value)
		if raw == "" {
			out.Skipped++
			continue
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			p := rec.at(value)
			probs = append(probs, strict.Problem{File: file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf("OBS_VALUE %q is not a number", raw)})
			continue
		}
		k := [2]string{code, id}
		if first, dup := seen[k]; dup {
			p := rec.at(value)
			probs = append(probs, strict.Problem{File: file, Line: p.Line, Col: p.Col,
				Msg: fmt.Sprintf("second value for %s %s (first on line %d)", code, id, first)})
			continue
		}
		seen[k] = line
		out.Observations = append(out.Observations, Observation{Country: code, Measure: id, Value: v, Line: line})
	}
	for _, m := range sortedKeys(unmapped) {
		lines := unmapped[m]
		probs = append(probs, strict.Problem{File: file, Line: lines[0], Col: 1, Warning: true,
			Msg: fmt.Sprintf("measure %q is not mapped to the index, rows left out (lines %s); map it with --measure %s=ID (one of: %s)", m, lineList(lines), m, measureIDs(ix))})
	}
	for _, a := range sortedKeys(unknown) {
		lines := unknown[a]
		probs = append(probs, strict.Problem{File: file, Line: lines[0], Col: 1, Warning: true,
			Msg: fmt.Sprintf("unknown area %q, rows left out (lines %s): not an ISO 3166-1 alpha-3 country", a, lineList(lines))})
	}
	probs.Sort()
	return out, probs
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
