package data

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestReadSDMX(t *testing.T) {
	d := mustScores(t)
	tests := []struct {
		file     string
		measures map[string]string
		want     string // observations
		probs    []string
		skipped  int
	}{
		{"sdmx-labels-semicolon.csv", nil, "KOR composite 0.91; FRA composite 0.84", []string{
			`sdmx-labels-semicolon.csv:5:1: warning: unknown area "EU27_2020": 1 row (line 5) left out, not an ISO 3166-1 alpha-3 country`,
			`sdmx-labels-semicolon.csv:6:1: warning: measure "DGI" is not mapped to the index: 1 row (line 6) left out; map it with --measure DGI=ID (one of: composite, availability, accessibility, reuse, 1.1, 1.2, 1.3, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3)`,
		}, 1},
		{"sdmx-labels-semicolon.csv", map[string]string{"DGI": "reuse"}, "KOR composite 0.91; FRA composite 0.84; KOR reuse 0.935", []string{
			`sdmx-labels-semicolon.csv:5:1: warning: unknown area "EU27_2020": 1 row (line 5) left out, not an ISO 3166-1 alpha-3 country`,
		}, 1},
		{"sdmx-plain.csv", map[string]string{"OUR_1": "availability"}, "KOR composite 0.91; KOR availability 0.95; OECD composite 0.48", nil, 0},
		{"sdmx-label-columns.csv", nil, "AUS composite 0.64; CHL composite 0.58", nil, 1},
	}
	for _, tt := range tests {
		src, err := os.ReadFile("testdata/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		imp, probs := ReadSDMX(tt.file, string(src), &d.Index, SDMXOptions{Measures: tt.measures, Period: "2023", SkipUnknownAreas: true})
		if imp == nil {
			t.Fatalf("%s: %v", tt.file, probs)
		}
		var got []string
		for _, o := range imp.Observations {
			got = append(got, fmt.Sprintf("%s %s %g", o.Country, o.Measure, o.Value))
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%s: %s, want %s", tt.file, strings.Join(got, "; "), tt.want)
		}
		var ps []string
		for _, p := range probs {
			ps = append(ps, p.String())
		}
		if strings.Join(ps, "\n") != strings.Join(tt.probs, "\n") {
			t.Errorf("%s problems:\n%s\nwant:\n%s", tt.file, strings.Join(ps, "\n"), strings.Join(tt.probs, "\n"))
		}
		if imp.Skipped != tt.skipped {
			t.Errorf("%s: skipped %d, want %d", tt.file, imp.Skipped, tt.skipped)
		}
	}
}

func TestReadSDMXErrors(t *testing.T) {
	d := mustScores(t)
	tests := []struct{ src, want string }{
		{"country,value\nKOR,1\n", "x.csv:1:1: not an SDMX-CSV file: the first column must be STRUCTURE or DATAFLOW"},
		{"STRUCTURE,STRUCTURE_ID,MEASURE,OBS_VALUE\n", "x.csv:1:1: no REF_AREA column"},
		{"DATAFLOW,STRUCTURE_ID,REF_AREA,MEASURE,OBS_VALUE\ndataflow,x,KOR,OUR,high\n", `x.csv:2:20: OBS_VALUE "high" is not a number`},
		{"DATAFLOW,STRUCTURE_ID,REF_AREA,MEASURE,OBS_VALUE\ndataflow,x,KOR,OUR,0.9\ndataflow,x,KOR,OUR,0.8\n", "x.csv:3:20: second value for KOR composite (first on line 2)"},
		{"DATAFLOW,REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE\ndataflow,KOR,OUR,2021,0.9\n", "x.csv:2:18: TIME_PERIOD 2021 is not 2023: choose the period to import with --period"},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE\ndataflow,KOR,OUR\n", "x.csv:2:17: 3 fields in this row, 4 in the header"},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE\ndataflow,KOR,OUR,0.9,x\n", "x.csv:2:22: 5 fields in this row, 4 in the header"},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE,REF_AREA\n", "x.csv:1:37: column REF_AREA twice (first at column 10)"},
		{"DATAFLOW,ACTION,REF_AREA,MEASURE,OBS_VALUE\ndataflow,X,KOR,OUR,0.9\n", `x.csv:2:10: ACTION "X" is not an SDMX action (I, A, M, R or D)`},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE\ndataflow,EU27_2020,OUR,0.6\n", `x.csv:2:10: REF_AREA "EU27_2020" is not a country (ISO 3166-1 alpha-3) nor the OECD; leave such rows out with --skip-unknown-areas`},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE,UNIT_MULT\ndataflow,KOR,OUR,9,x\n", `x.csv:2:20: UNIT_MULT "x" is not a power of ten (a whole number)`},
		{"DATAFLOW,REF_AREA,MEASURE,OBS_VALUE\ndataflow,KOR,OUR,0x1p-1\n", `x.csv:2:18: OBS_VALUE "0x1p-1" is not a number`},
	}
	for _, tt := range tests {
		_, probs := ReadSDMX("x.csv", tt.src, &d.Index, SDMXOptions{Period: "2023"})
		if len(probs) == 0 || probs[0].String() != tt.want {
			t.Errorf("ReadSDMX(%q) = %v, want %s", tt.src, probs, tt.want)
		}
	}
}

// TestReadSDMXPeriodsAndScales: --period picks one period of a file that
// holds several; UNIT_MULT scales values; the OECD aggregate is the
// average row.
func TestReadSDMXPeriodsAndScales(t *testing.T) {
	d := mustScores(t)
	src := "DATAFLOW,REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n" +
		"dataflow,KOR,OUR,2021,0.5,0\n" +
		"dataflow,KOR,OUR,2023,91,-2\n" +
		"dataflow,OECD,OUR,2023,0.48,\n"
	imp, probs := ReadSDMX("x.csv", src, &d.Index, SDMXOptions{Period: "2023", Select: true})
	if imp == nil || len(imp.Observations) != 2 {
		t.Fatalf("%+v %v", imp, probs)
	}
	if o := imp.Observations[0]; o.Country != "KOR" || o.Value != 0.91 {
		t.Errorf("KOR %+v", o)
	}
	if o := imp.Observations[1]; o.Country != d.Index.AverageCode {
		t.Errorf("the OECD aggregate: %+v", o)
	}
	if len(probs) != 1 || probs[0].String() != "x.csv:2:1: warning: 1 row (line 2) of period 2021 left out: importing 2023" {
		t.Errorf("problems %v", probs)
	}
}

func mustScores(t testing.TB) *Dataset {
	t.Helper()
	d, probs := LoadScores(Embedded())
	if d == nil {
		t.Fatal(probs)
	}
	return d
}

func FuzzReadSDMX(f *testing.F) {
	for _, name := range []string{"sdmx-labels-semicolon.csv", "sdmx-plain.csv", "sdmx-label-columns.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	d := mustScores(f)
	f.Fuzz(func(t *testing.T, src string) {
		imp, probs := ReadSDMX("f.csv", src, &d.Index, SDMXOptions{Measures: map[string]string{"OUR_1": "availability"}, Period: "2023"})
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("problem without a place: %+v", p)
			}
		}
		if imp != nil {
			for _, o := range imp.Observations {
				if _, ok := d.Index.Measure(o.Measure); !ok || !Known(o.Value) {
					t.Fatalf("bad observation %+v", o)
				}
			}
		}
	})
}

func FuzzScoreTable(f *testing.F) {
	f.Add("country,a,b,c,composite\nFRA,0.2,0.2,0.2,0.6\n")
	f.Add("edition,country,measure,value\n2020,FRA,a1,0.9\n")
	f.Add("\ufeffcountry;a\nKOR;0.1\n")
	f.Add("country,a\n\"FRA\n")
	f.Fuzz(func(t *testing.T, src string) {
		fsys := scoresBundle(testIndex, map[string]string{"2020.csv": src, "2022.csv": "country\n", "long.csv": "edition,country,measure,value\n"})
		d, probs := LoadScores(fsys)
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 || p.File == "" {
				t.Fatalf("problem without a place: %+v", p)
			}
		}
		if d == nil && probs.Errors() == 0 {
			t.Fatal("no data and no error")
		}
		if d != nil {
			for _, es := range d.Scores {
				for _, r := range es.Rows {
					for _, v := range r.Values {
						if Known(v) && (v < -0.01 || v > 1.01) {
							t.Fatalf("value out of range kept: %v", v)
						}
					}
				}
			}
		}
	})
}
