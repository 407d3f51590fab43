package data

import (
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRankTies(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		in   []float64
		want []int
	}{
		{[]float64{0.9, 0.8, 0.8, 0.7}, []int{1, 2, 2, 4}},
		{[]float64{0.5, nan, 0.9, 0.5}, []int{2, 0, 1, 2}},
		{[]float64{nan, nan}, []int{0, 0}},
		{[]float64{0.1, 0.1, 0.1}, []int{1, 1, 1}},
		{nil, []int{}},
	}
	for _, tt := range tests {
		if got := Rank(tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Rank(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := RankOrder([]float64{0.5, nan, 0.9, 0.5}); fmt.Sprint(got) != "[2 0 3 1]" {
		t.Errorf("RankOrder puts missing last and keeps ties in order: %v", got)
	}
}

func embeddedScores(t *testing.T) *Dataset {
	t.Helper()
	d, probs := LoadScores(Embedded())
	if d == nil || len(probs) > 0 {
		t.Fatalf("embedded scores: %v", probs)
	}
	return d
}

func TestEmbeddedScores(t *testing.T) {
	d := embeddedScores(t)
	e, ok := d.Edition("2017")
	if !ok || e.Status != Final || e.Year != 2017 {
		t.Fatalf("2017 edition: %+v", e)
	}
	es := d.Scores["2017"]
	if len(es.Rows) != 35 {
		t.Errorf("2017 has %d countries, want 32 members + 3 partners", len(es.Rows))
	}
	comp := make([]float64, len(es.Rows))
	for i, r := range es.Rows {
		comp[i] = r.Values[0]
	}
	order := RankOrder(comp)
	if top := es.Rows[order[0]]; top.Country != "KOR" || Format(top.Values[0]) != "0.943" {
		t.Errorf("first is %s %s, want Korea 0.943", top.Country, Format(top.Values[0]))
	}
	kor, _ := es.Row("KOR")
	want := map[string]string{"availability": "0.316", "accessibility": "0.293", "reuse": "0.334", "1.3": "0.847"}
	for id, w := range want {
		m, _ := d.Index.Measure(id)
		if got := Format(kor.Values[m]); got != w {
			t.Errorf("KOR %s = %s, want %s", id, got, w)
		}
	}
	for _, code := range []string{"HUN", "ISL", "LUX", "ARG", "ROU"} {
		if _, ok := es.Row(code); ok {
			t.Errorf("%s has no 2017 score in the sources", code)
		}
	}
	// The OECD average is given in the data: used as given.
	for id, w := range map[string]string{"composite": "0.538", "availability": "0.178", "accessibility": "0.209", "reuse": "0.151"} {
		m, _ := d.Index.Measure(id)
		v, computed := d.Average(e, m)
		if Format(v) != w || computed {
			t.Errorf("OECD average %s = %s (computed %v), want %s as given", id, Format(v), computed, w)
		}
	}
	// 2015 was a pilot: not comparable.
	if c := d.Change(e, "KOR", 0); c.Status != ChangeNotComparable || c.From.ID != "2015" {
		t.Errorf("change since 2015 = %+v, want not comparable", c)
	}
}

// scoresBundle builds a bundle from scores.toml text and CSV files.
func scoresBundle(toml string, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"scores.toml": {Data: []byte(toml)}}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

const testIndex = `tables = ["long.csv"]

[index]
id = "t"
name = "Test index"
pillar_max = 0.333
composite = "sum"
tolerance = 0.002

[[index.pillar]]
id = "a"
name = "A"
sub = [{ id = "a1", name = "A1" }, { id = "a2", name = "A2" }]

[[index.pillar]]
id = "b"
name = "B"

[[index.pillar]]
id = "c"
name = "C"

[[edition]]
id = "2020"
year = 2020
status = "final"
tables = ["2020.csv"]

[[edition]]
id = "2022"
year = 2022
status = "preliminary"
comparable_with = ["2020"]
tables = ["2022.csv"]
`

func TestAveragesAndChanges(t *testing.T) {
	fsys := scoresBundle(testIndex, map[string]string{
		"2020.csv": "country,a,b,c,composite\nFRA,0.2,0.2,0.2,0.6\nDEU,0.1,0.1,0.1,0.3\nARG,0.3,0.3,0.3,0.9\n",
		"2022.csv": "country,a,b,c,composite\nFRA,0.3,0.2,0.2,0.7\nDEU,,0.1,0.1,\nOECD,0.25,,,0.5\n",
		"long.csv": "edition,country,measure,value\n2022,FRA,a1,0.9\n2022,FRA,a2,0.9\n",
	})
	d, probs := LoadScores(fsys)
	if d == nil {
		t.Fatal(probs)
	}
	e20, _ := d.Edition("2020")
	e22, _ := d.Edition("2022")
	// Computed over members only (Argentina is not an OECD member).
	if v, computed := d.Average(e20, 0); Format(v) != "0.450" || !computed {
		t.Errorf("2020 average = %s computed=%v, want 0.450 computed", Format(v), computed)
	}
	// Given as given; what the given row leaves out is missing, never
	// computed from the countries at hand (here two) beside given values.
	if v, computed := d.Average(e22, 0); Format(v) != "0.500" || computed {
		t.Errorf("2022 composite average = %s computed=%v, want 0.500 given", Format(v), computed)
	}
	b, _ := d.Index.Measure("b")
	if v, computed := d.Average(e22, b); Known(v) || computed {
		t.Errorf("2022 b average = %s computed=%v, want missing, not computed", Format(v), computed)
	}
	if c := d.Change(e22, "FRA", 0); c.Status != ChangeOK || FormatDelta(c.Delta) != "+0.100" || c.From != e20 {
		t.Errorf("FRA change = %+v", c)
	}
	if c := d.Change(e22, "DEU", 0); c.Status != ChangeMissing {
		t.Errorf("DEU change with a missing value = %+v", c)
	}
	if c := d.Change(e20, "FRA", 0); c.Status != ChangeNoPrevious {
		t.Errorf("first edition change = %+v", c)
	}
	if c := d.Change(e22, "OECD", 0); c.Status != ChangeOK || FormatDelta(c.Delta) != "+0.050" {
		t.Errorf("average change = %+v", c)
	}
}

func TestChangeAcrossScales(t *testing.T) {
	toml := strings.Replace(testIndex, "comparable_with = [\"2020\"]", "comparable_with = [\"2020\"]\npillar_max = 1.0\ncomposite = \"mean\"", 1)
	fsys := scoresBundle(toml, map[string]string{
		"2020.csv": "country,a,composite\nFRA,0.2,0.6\n",
		"2022.csv": "country,a,composite\nFRA,0.9,0.7\n",
		"long.csv": "edition,country,measure,value\n",
	})
	d, probs := LoadScores(fsys)
	if d == nil {
		t.Fatal(probs)
	}
	e22, _ := d.Edition("2022")
	a, _ := d.Index.Measure("a")
	// 0.2 on 0–0.333 is 0.601 on 0–1; 0.9 − 0.601 = +0.299.
	if c := d.Change(e22, "FRA", a); FormatDelta(c.Delta) != "+0.299" {
		t.Errorf("pillar change across scales = %s", FormatDelta(c.Delta))
	}
	// The composite was a sum on 0–0.999 and is a mean on 0–1: 0.6 becomes 0.6006.
	if c := d.Change(e22, "FRA", 0); FormatDelta(c.Delta) != "+0.099" {
		t.Errorf("composite change = %s", FormatDelta(c.Delta))
	}
}

func TestScoresProblems(t *testing.T) {
	ok2020 := "country,a,b,c,composite\nFRA,0.2,0.2,0.2,0.6\n"
	tests := []struct {
		name  string
		toml  string
		files map[string]string
		want  []string
	}{
		{"unknown country and measure", testIndex, map[string]string{
			"2020.csv": "country,a,bogus\nXYZ,0.1,0.2\nFRA,0.1,\n",
		}, []string{
			`2020.csv:1:11: unknown measure "bogus" (known: composite, a, b, c, a1, a2)`,
			`2020.csv:2:1: unknown country "XYZ" (ISO 3166-1 alpha-3, or OECD for the average)`,
		}},
		{"outside the scale", testIndex, map[string]string{
			"2020.csv": "country,a,a1,composite\nFRA,0.334,1.5,0.9\nDEU,0.34,-0.1,1.2\n",
		}, []string{
			`2020.csv:2:11: FRA a1 = 1.5 is outside 0–1 for edition 2020`,
			`2020.csv:3:5: DEU a = 0.34 is outside 0–0.333 for edition 2020`,
			`2020.csv:3:10: DEU a1 = -0.1 is outside 0–1 for edition 2020`,
			`2020.csv:3:15: DEU composite = 1.2 is outside 0–0.999 for edition 2020`,
		}},
		{"not a number", testIndex, map[string]string{"2020.csv": "country,a\nFRA,high\nDEU,0x1p-2\nITA,0.1\x0043\nESP,1e-1\nPRT,.5\n"}, []string{
			`2020.csv:2:5: "high" is not a number (write a plain decimal such as 0.943)`,
			`2020.csv:3:5: "0x1p-2" is not a number (write a plain decimal such as 0.943)`,
			`2020.csv:4:5: "0.1\x0043" is not a number (write a plain decimal such as 0.943)`,
			`2020.csv:5:5: "1e-1" is not a number (write a plain decimal such as 0.943)`,
			`2020.csv:6:5: ".5" is not a number (write a plain decimal such as 0.943)`,
		}},
		{"negative within the tolerance", testIndex, map[string]string{"2020.csv": "country,a\nFRA,-0.001\n"}, []string{
			`2020.csv:2:5: FRA a = -0.001 is outside 0–0.333 for edition 2020`,
		}},
		{"rows with too few or too many fields", testIndex, map[string]string{"2020.csv": "country,a,b\nFRA,0.1\nDEU,0.1,0.2,0.3\nKOR,not-a-number\n"}, []string{
			`2020.csv:2:8: 2 fields in this row, 3 in the header`,
			`2020.csv:3:13: 4 fields in this row, 3 in the header`,
			`2020.csv:4:17: 2 fields in this row, 3 in the header`,
		}},
		{"one table under two editions", strings.Replace(testIndex, `tables = ["2022.csv"]`, `tables = ["2022.csv", "2020.csv"]`, 1), map[string]string{"2020.csv": ok2020}, []string{
			`scores.toml:34:23: tables: 2020.csv is listed under editions 2020 and 2022: a table belongs to one`,
		}},
		{"a long row without a value", testIndex, map[string]string{"long.csv": "edition,country,measure,value\n2020,FRA,a,\n"}, []string{
			`long.csv:2:12: no value (leave the row out for a missing value)`,
		}},
		{"duplicate rows", testIndex, map[string]string{
			"2020.csv": "country,a\nFRA,0.1\nFRA,0.2\n",
			"long.csv": "edition,country,measure,value\n2020,FRA,a,0.1\n",
		}, []string{
			`2020.csv:2:5: duplicate value of a for FRA in edition 2020 (first at long.csv:2:12)`,
			`2020.csv:3:5: duplicate value of a for FRA in edition 2020 (first at long.csv:2:12)`,
		}},
		{"edition not defined", testIndex, map[string]string{
			"2020.csv": ok2020,
			"long.csv": "edition,country,measure,value\n2019,FRA,a,0.1\n",
		}, []string{
			`long.csv:2:1: edition "2019" is not defined in scores.toml`,
		}},
		{"composite inconsistent (warning)", testIndex, map[string]string{
			"2020.csv": "country,a,b,c,composite\nFRA,0.2,0.2,0.2,0.7\n",
		}, []string{
			`2020.csv:2:17: warning: FRA composite 0.700 is not the sum of its pillars (0.600) in edition 2020`,
		}},
		{"pillar inconsistent with sub-pillars (warning)", testIndex, map[string]string{
			"2020.csv": "country,a,a1,a2\nFRA,0.3,0.3,0.3\n",
		}, []string{
			`2020.csv:2:5: warning: FRA a 0.300 is not the mean of its sub-pillars (0.100 on this scale) in edition 2020`,
		}},
		{"missing table file", testIndex, map[string]string{}, []string{
			`scores.toml:1:11: tables: long.csv not found`,
			`scores.toml:27:11: tables: 2020.csv not found`,
			`scores.toml:34:11: tables: 2022.csv not found`,
		}},
		{"bad toml", strings.Replace(testIndex, `composite = "sum"`, `composite = "product"`, 1) + "\n[extra]\n", nil, []string{
			`scores.toml:7:13: index.composite: "product" is not a composition (sum, mean)`,
			`scores.toml:36:1: extra: unknown table or key (allowed: index, edition, tables)`,
		}},
		{"comparable with an unknown edition", strings.Replace(testIndex, `comparable_with = ["2020"]`, `comparable_with = ["2019"]`, 1), map[string]string{
			"2020.csv": ok2020,
		}, []string{
			`scores.toml:33:19: edition[2].comparable_with: edition "2019" is not defined`,
		}},
		{"csv syntax", testIndex, map[string]string{"2020.csv": "country,a\nFRA,\"0.1\n"}, []string{
			`2020.csv:2:10: extraneous or missing " in quoted-field`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"2020.csv": "country\n", "2022.csv": "country\n", "long.csv": "edition,country,measure,value\n"}
			if tt.files != nil && len(tt.files) == 0 {
				files = nil
			}
			for k, v := range tt.files {
				files[k] = v
			}
			_, probs := LoadScores(scoresBundle(tt.toml, files))
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestNoScoresFile(t *testing.T) {
	d, probs := LoadScores(fstest.MapFS{"meeting.toml": {}})
	if d != nil || probs != nil {
		t.Errorf("a bundle without scores.toml: %v %v", d, probs)
	}
}

// FuzzScoresTOML: no scores.toml makes the loader panic, and every problem
// has a place.
func FuzzScoresTOML(f *testing.F) {
	src, err := fs.ReadFile(Embedded(), "scores.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	f.Add(testIndex)
	f.Add("[index]\nid = \"x\"\nname = \"X\"\n[[index.pillar]]\nid = \"composite\"\nname = \"dup\"\n")
	f.Add("tables = [\"../../etc/passwd\", \"*[\"]\n[index]\n")
	files := map[string]string{"2020.csv": "country,a,b,c,composite\nFRA,0.2,0.2,0.2,0.6\n", "long.csv": "edition,country,measure,value\n2020,FRA,a1,0.9\n"}
	f.Fuzz(func(t *testing.T, src string) {
		d, probs := LoadScores(scoresBundle(src, files))
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 || p.File == "" {
				t.Fatalf("problem without a place: %+v", p)
			}
		}
		if d == nil && probs.Errors() == 0 {
			t.Fatal("no data and no error")
		}
	})
}

func TestSuspect(t *testing.T) {
	full := "country,a\nFRA,0.1\nDEU,0.1\nITA,0.1\nESP,0.1\nPRT,0.1\nKOR,0.1\n"
	files := func(t2020 string) map[string]string {
		return map[string]string{"2020.csv": t2020, "2022.csv": "country\n", "long.csv": "edition,country,measure,value\n"}
	}
	prev, probs := LoadScores(scoresBundle(testIndex, files(full)))
	if prev == nil {
		t.Fatal(probs)
	}
	for _, tt := range []struct{ name, table, want string }{
		{"the same", full, ""},
		{"one country less", strings.TrimSuffix(full, "KOR,0.1\n"), ""},
		{"cut in the middle", "country,a\nFRA,0.1\nDEU,0.1\nITA,0.1\nESP,0", "2020.csv ends without a newline"},
		{"most countries gone", "country,a\nFRA,0.1\nDEU,0.1\n", "edition 2020 went from 6 countries to 2"},
	} {
		d, probs := LoadScores(scoresBundle(testIndex, files(tt.table)))
		if d == nil {
			t.Fatalf("%s: %v", tt.name, probs)
		}
		if got := d.Suspect(prev); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRehearsalMeeting: the rehearsal bundle's meeting.toml is the embedded
// one with every session timed and the times labelled illustrative.
func TestRehearsalMeeting(t *testing.T) {
	b, err := RehearsalMeeting()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if n := strings.Count(s, "# illustrative"); n != 2*len(rehearsalTimes)+1 { // and the speaking limit
		t.Errorf("%d times labelled illustrative", n)
	}
	for _, want := range []string{"REHEARSAL BUNDLE", "Rehearsal (illustrative times): 3rd", "*Rehearsal bundle:"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
}
