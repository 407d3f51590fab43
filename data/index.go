package data

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Level is where a measure sits in an index.
type Level int

// The levels of an index.
const (
	LevelComposite Level = iota
	LevelPillar
	LevelSub
)

// Measure is one column of an index: the composite, a pillar or a sub-pillar.
type Measure struct {
	ID     string
	Name   string
	Short  string // column heading, at most 7 characters
	Level  Level
	Pillar int // index of the pillar for pillars and sub-pillars; -1 for the composite
}

// Index is a composite indicator such as the OECD OURdata Index: a composite
// built from pillars, each built from sub-pillars.
type Index struct {
	ID, Name    string
	Description string
	Pillars     []Pillar
	Scale       Scale   // default scale; an edition may set its own
	Tolerance   float64 // rounding allowed in range and consistency checks
	AverageCode string  // code of the rows that give the group average ("OECD")

	measures []Measure
	byID     map[string]int
}

// Pillar is one pillar of an index with its sub-pillars.
type Pillar struct {
	ID, Name, Short string
	Subs            []Measure // Level LevelSub
}

// Composition says how the composite is made from the pillars.
type Composition string

// Compositions.
const (
	Sum  Composition = "sum"  // composite = sum of pillars (2017: pillars 0–0.333)
	Mean Composition = "mean" // composite = mean of pillars (2023: pillars 0–1)
)

// Scale is the range of each level. Sub-pillars are 0–SubMax, pillars
// 0–PillarMax, and the composite is the sum or the mean of the pillars.
type Scale struct {
	PillarMax   float64
	SubMax      float64
	Composition Composition
}

// Max returns the top of the range of a level.
func (s Scale) Max(l Level, pillars int) float64 {
	switch l {
	case LevelSub:
		return s.SubMax
	case LevelPillar:
		return s.PillarMax
	}
	if s.Composition == Sum {
		return s.PillarMax * float64(pillars)
	}
	return s.PillarMax
}

// Measures returns the composite, then the pillars, then the sub-pillars in
// pillar order; a measure's position here is its index in Row.Values.
func (ix *Index) Measures() []Measure { return ix.measures }

// Measure returns the position of the measure with id.
func (ix *Index) Measure(id string) (int, bool) {
	i, ok := ix.byID[id]
	return i, ok
}

// PillarMeasure returns the position of pillar p in Row.Values.
func (ix *Index) PillarMeasure(p int) int { return 1 + p }

// SubMeasures returns the positions of pillar p's sub-pillars.
func (ix *Index) SubMeasures(p int) []int {
	var out []int
	for i, m := range ix.measures {
		if m.Level == LevelSub && m.Pillar == p {
			out = append(out, i)
		}
	}
	return out
}

// build computes the measure list once the pillars are known.
func (ix *Index) build() {
	ix.measures = []Measure{{ID: "composite", Name: "Composite", Short: "Score", Level: LevelComposite, Pillar: -1}}
	for p, pl := range ix.Pillars {
		ix.measures = append(ix.measures, Measure{ID: pl.ID, Name: pl.Name, Short: pl.Short, Level: LevelPillar, Pillar: p})
	}
	for p, pl := range ix.Pillars {
		for _, s := range pl.Subs {
			s.Level, s.Pillar = LevelSub, p
			ix.measures = append(ix.measures, s)
		}
	}
	ix.byID = make(map[string]int, len(ix.measures))
	for i, m := range ix.measures {
		ix.byID[m.ID] = i
	}
}

// Status is how final an edition's figures are.
type Status string

// Edition statuses.
const (
	Preliminary Status = "preliminary"
	Final       Status = "final"
	Pilot       Status = "pilot"
)

// Edition is one release of an index.
type Edition struct {
	ID             string // label, e.g. "2017"
	Year           int
	Status         Status
	Reference      time.Time // the date the data describes; zero if not given
	ComparableWith []string  // editions a change may be computed against
	Source         string
	Scale          Scale
	// Covered is how many countries the edition scored, when its table
	// publishes fewer of them (a pilot that published only the leader); 0
	// when every score is in the table.
	Covered int
	// Decimals is the precision its tables publish: the most decimals a
	// value of it is written with (0.58 → 2). Its values are shown so,
	// never with digits the source did not give.
	Decimals int
}

// Format shows a value of the edition at its published precision (three
// decimals when it has none), or "–" when missing.
func (e *Edition) Format(v float64) string {
	if !Known(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', e.decimals(), 64)
}

// FormatDelta shows a difference of the edition's values with its sign, at
// its precision.
func (e *Edition) FormatDelta(v float64) string {
	s := strconv.FormatFloat(v, 'f', e.decimals(), 64)
	if !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}

func (e *Edition) decimals() int {
	if e.Decimals == 0 {
		return 3
	}
	return e.Decimals
}

// RankText says where a rank stands: "rank 1 of 35", or "rank 1 of 1
// published (30 covered)" when the edition published only some scores.
func (e *Edition) RankText(rank, known int) string {
	if e.Covered > known {
		return fmt.Sprintf("rank %d of %d published (%d covered)", rank, known, e.Covered)
	}
	return fmt.Sprintf("rank %d of %d", rank, known)
}

// Comparable reports whether changes between e and f mean something.
func (e *Edition) Comparable(f *Edition) bool {
	if e.ID == f.ID {
		return true
	}
	for _, id := range e.ComparableWith {
		if id == f.ID {
			return true
		}
	}
	for _, id := range f.ComparableWith {
		if id == e.ID {
			return true
		}
	}
	return false
}

// Row is one country's scores in one edition, indexed like Index.Measures;
// NaN means missing.
type Row struct {
	Country string
	Values  []float64
}

// Missing is the value of a score that is not known.
var Missing = math.NaN()

// Known reports whether v is a value, not Missing.
func Known(v float64) bool { return !math.IsNaN(v) }

// EditionScores is every row of one edition.
type EditionScores struct {
	Edition *Edition
	Rows    []Row // countries, in code order
	Average *Row  // the group average given in the data, if any

	byCountry map[string]int
	// averages per measure, given or computed, worked out once at load.
	averages []float64
	computed []bool
}

// computeAverages fills in the group average of every measure: the given
// value where there is one, else the mean over the edition's OECD members
// that have a value.
func (es *EditionScores) computeAverages(n int) {
	es.averages = make([]float64, n)
	es.computed = make([]bool, n)
	for m := range es.averages {
		if es.Average != nil {
			es.averages[m] = es.Average.Values[m]
			continue
		}
		sum, k := 0.0, 0
		for _, r := range es.Rows {
			if Known(r.Values[m]) && OECDMember(r.Country, es.Edition.Year) {
				sum += r.Values[m]
				k++
			}
		}
		es.computed[m] = true
		es.averages[m] = Missing
		if k > 0 {
			es.averages[m] = sum / float64(k)
		}
	}
}

// Row returns the row of a country.
func (es *EditionScores) Row(code string) (*Row, bool) {
	i, ok := es.byCountry[code]
	if !ok {
		return nil, false
	}
	return &es.Rows[i], true
}

// Ranks are the countries' ranks in the edition on measure m, highest
// first, ties sharing a rank (1, 2, 2, 4); a country without a value has
// no rank (absent, 0). A list that shows some of the countries shows these
// ranks: a rank belongs to the edition, not to what a filter left.
func (es *EditionScores) Ranks(m int) map[string]int {
	vals := make([]float64, len(es.Rows))
	for i, r := range es.Rows {
		vals[i] = r.Values[m]
	}
	out := make(map[string]int, len(es.Rows))
	for i, rk := range Rank(vals) {
		if rk > 0 {
			out[es.Rows[i].Country] = rk
		}
	}
	return out
}

// Dataset is an index with all its editions' scores.
type Dataset struct {
	Index    Index
	Editions []*Edition // oldest first
	Scores   map[string]*EditionScores
	// Unterminated names the tables whose last line has no newline: valid,
	// but perhaps caught half-written (a live reload waits and reads again).
	Unterminated []string
}

// Suspect reports why d may be a half-written version of prev: a table
// without its final newline, or an edition that lost a third or more of its
// countries (of at least six). "" when nothing looks amiss.
func (d *Dataset) Suspect(prev *Dataset) string {
	if len(d.Unterminated) > 0 {
		return d.Unterminated[0] + " ends without a newline"
	}
	if prev == nil {
		return ""
	}
	for id, old := range prev.Scores {
		cur, ok := d.Scores[id]
		if !ok || len(old.Rows) < 6 {
			continue
		}
		if len(cur.Rows)*3 <= len(old.Rows)*2 {
			return fmt.Sprintf("edition %s went from %d countries to %d", id, len(old.Rows), len(cur.Rows))
		}
	}
	return ""
}

// Edition returns the edition with id.
func (d *Dataset) Edition(id string) (*Edition, bool) {
	for _, e := range d.Editions {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// Latest returns the newest edition.
func (d *Dataset) Latest() *Edition {
	if len(d.Editions) == 0 {
		return nil
	}
	return d.Editions[len(d.Editions)-1]
}

// Previous returns the newest edition before e that a change can be computed
// against, and the newest earlier edition that cannot (so that the screen
// can say "not comparable with the 2015 pilot").
func (d *Dataset) Previous(e *Edition) (comparable, notComparable *Edition) {
	for i := len(d.Editions) - 1; i >= 0; i-- {
		f := d.Editions[i]
		if f.Year > e.Year || (f.Year == e.Year && f.ID >= e.ID) || f == e {
			continue
		}
		if e.Comparable(f) {
			if comparable == nil {
				comparable = f
			}
		} else if notComparable == nil && comparable == nil {
			notComparable = f
		}
	}
	return comparable, notComparable
}

// ChangeStatus says whether a change could be computed.
type ChangeStatus int

// Change statuses.
const (
	ChangeOK            ChangeStatus = iota
	ChangeNoPrevious                 // no earlier edition
	ChangeNotComparable              // the earlier editions are not comparable
	ChangeMissing                    // a value is missing in one of the two editions
)

// Change is the difference of one measure for one country between an edition
// and the previous comparable one, on the later edition's scale.
type Change struct {
	Delta  float64
	From   *Edition
	Status ChangeStatus
}

// Change computes the change of measure m for country since the previous
// comparable edition.
func (d *Dataset) Change(e *Edition, country string, m int) Change {
	prev, nc := d.Previous(e)
	if prev == nil {
		if nc != nil {
			return Change{From: nc, Status: ChangeNotComparable}
		}
		return Change{Status: ChangeNoPrevious}
	}
	cur := d.Value(e, country, m)
	old := d.Value(prev, country, m)
	if !Known(cur) || !Known(old) {
		return Change{From: prev, Status: ChangeMissing}
	}
	l := d.Index.measures[m].Level
	n := len(d.Index.Pillars)
	oldOnCur := old / prev.Scale.Max(l, n) * e.Scale.Max(l, n)
	return Change{Delta: cur - oldOnCur, From: prev, Status: ChangeOK}
}

// Value is a country's (or, for the average code, the group's) value of
// measure m in edition e, or Missing.
func (d *Dataset) Value(e *Edition, country string, m int) float64 {
	es := d.Scores[e.ID]
	if es == nil {
		return Missing
	}
	if country == d.Index.AverageCode {
		v, _ := d.Average(e, m)
		return v
	}
	if r, ok := es.Row(country); ok {
		return r.Values[m]
	}
	return Missing
}

// Average returns the group average of measure m in edition e: as the data
// give it when they give an average row (a measure the row leaves out is
// missing, never filled in from the countries at hand), else the mean over
// the edition's OECD members that have a value; computed says which, and is
// the same for every measure of an edition.
func (d *Dataset) Average(e *Edition, m int) (v float64, computed bool) {
	es := d.Scores[e.ID]
	if es == nil || es.averages == nil {
		return Missing, false
	}
	return es.averages[m], es.computed[m]
}

// Rank ranks values, highest first, with ties sharing a rank (1, 2, 2, 4).
// Missing values get rank 0 and come after every ranked one.
func Rank(values []float64) []int {
	order := RankOrder(values)
	ranks := make([]int, len(values))
	for pos, i := range order {
		if !Known(values[i]) {
			break
		}
		if pos > 0 && values[order[pos-1]] == values[i] {
			ranks[i] = ranks[order[pos-1]]
		} else {
			ranks[i] = pos + 1
		}
	}
	return ranks
}

// RankOrder returns the indexes of values, highest first, missing last, ties
// in their original order.
func RankOrder(values []float64) []int {
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		va, vb := values[order[a]], values[order[b]]
		if !Known(va) {
			return false
		}
		if !Known(vb) {
			return true
		}
		return va > vb
	})
	return order
}

// Format shows a score with three decimals, or "–" when missing.
func Format(v float64) string {
	if !Known(v) {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

// FormatDelta shows a change with its sign.
func FormatDelta(v float64) string {
	s := fmt.Sprintf("%+.3f", v)
	return strings.Replace(s, "-", "−", 1)
}
