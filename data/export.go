package data

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/plenary/plenary/data/clean"
)

// editionsFor returns the editions to export: one by id, or all.
func (d *Dataset) editionsFor(id string) ([]*Edition, error) {
	if id == "" {
		return d.Editions, nil
	}
	e, ok := d.Edition(id)
	if !ok {
		var ids []string
		for _, e := range d.Editions {
			ids = append(ids, e.ID)
		}
		return nil, fmt.Errorf("no edition %q (editions: %s)", id, strings.Join(ids, ", "))
	}
	return []*Edition{e}, nil
}

// ExportCSV writes the scores as one wide table: a row per edition and
// country, the average last in each edition (marked given or computed), a
// column per measure, empty cells for missing values.
func (d *Dataset) ExportCSV(edition string) (string, error) {
	eds, err := d.editionsFor(edition)
	if err != nil {
		return "", err
	}
	ms := d.Index.Measures()
	var b strings.Builder
	b.WriteString("edition,status,country,name")
	for _, m := range ms {
		b.WriteString("," + csvField(m.ID))
	}
	b.WriteString("\n")
	row := func(e *Edition, code, name string, values []float64) {
		fmt.Fprintf(&b, "%s,%s,%s,%s", csvField(e.ID), e.Status, code, csvField(name))
		for _, v := range values {
			b.WriteString(",")
			if Known(v) {
				b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
		b.WriteString("\n")
	}
	for _, e := range eds {
		for _, r := range d.Scores[e.ID].Rows {
			name, _ := CountryName(r.Country)
			row(e, r.Country, name, r.Values)
		}
		avg, computed := d.averages(e)
		name := "OECD average"
		if computed {
			name += " (computed)"
		}
		row(e, d.Index.AverageCode, name, avg)
	}
	return clean.Text(b.String()), nil
}

// averages returns the average of every measure, and whether any was computed.
func (d *Dataset) averages(e *Edition) ([]float64, bool) {
	out := make([]float64, len(d.Index.Measures()))
	anyComputed := false
	for m := range out {
		v, computed := d.Average(e, m)
		out[m] = v
		if computed && Known(v) {
			anyComputed = true
		}
	}
	return out, anyComputed
}

type jsonValue struct {
	V    float64
	Null bool
}

func (j jsonValue) MarshalJSON() ([]byte, error) {
	if j.Null {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(j.V, 'f', -1, 64)), nil
}

func jsonValues(ms []Measure, vs []float64) map[string]jsonValue {
	out := make(map[string]jsonValue, len(ms))
	for i, m := range ms {
		out[m.ID] = jsonValue{V: vs[i], Null: !Known(vs[i])}
	}
	return out
}

// ExportJSON writes the index, its editions and their scores, missing
// values as null, for other tools.
func (d *Dataset) ExportJSON(edition string) ([]byte, error) {
	eds, err := d.editionsFor(edition)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(d.jsonModel(eds), "", "  ")
	return clean.JSON(b), err
}

// JSONModel is the dataset as plain values for encoding/json, all editions.
func (d *Dataset) JSONModel() any { return d.jsonModel(d.Editions) }

func (d *Dataset) jsonModel(eds []*Edition) any {
	ms := d.Index.Measures()
	type measure struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Level  string `json:"level"`
		Pillar string `json:"pillar,omitempty"`
	}
	type row struct {
		Country string               `json:"country"`
		Name    string               `json:"name"`
		Values  map[string]jsonValue `json:"values"`
	}
	type average struct {
		Code     string               `json:"code"`
		Computed map[string]bool      `json:"computed"`
		Values   map[string]jsonValue `json:"values"`
	}
	type edition struct {
		ID             string   `json:"id"`
		Year           int      `json:"year"`
		Status         Status   `json:"status"`
		ReferenceDate  string   `json:"reference_date,omitempty"`
		ComparableWith []string `json:"comparable_with"`
		Source         string   `json:"source"`
		PillarMax      float64  `json:"pillar_max"`
		SubMax         float64  `json:"sub_max"`
		Composite      string   `json:"composite"`
		Average        average  `json:"average"`
		Rows           []row    `json:"rows"`
	}
	var out struct {
		Index struct {
			ID       string    `json:"id"`
			Name     string    `json:"name"`
			Measures []measure `json:"measures"`
		} `json:"index"`
		Editions []edition `json:"editions"`
	}
	out.Index.ID, out.Index.Name = d.Index.ID, d.Index.Name
	for _, m := range ms {
		jm := measure{ID: m.ID, Name: m.Name, Level: [...]string{"composite", "pillar", "sub-pillar"}[m.Level]}
		if m.Pillar >= 0 && m.Level == LevelSub {
			jm.Pillar = d.Index.Pillars[m.Pillar].ID
		}
		out.Index.Measures = append(out.Index.Measures, jm)
	}
	for _, e := range eds {
		je := edition{ID: e.ID, Year: e.Year, Status: e.Status, ComparableWith: append([]string{}, e.ComparableWith...),
			Source: e.Source, PillarMax: e.Scale.PillarMax, SubMax: e.Scale.SubMax, Composite: string(e.Scale.Composition)}
		if !e.Reference.IsZero() {
			je.ReferenceDate = e.Reference.Format("2006-01-02")
		}
		avg := average{Code: d.Index.AverageCode, Computed: map[string]bool{}}
		vals := make([]float64, len(ms))
		for i, m := range ms {
			v, computed := d.Average(e, i)
			vals[i] = v
			avg.Computed[m.ID] = computed && Known(v)
		}
		avg.Values = jsonValues(ms, vals)
		je.Average = avg
		for _, r := range d.Scores[e.ID].Rows {
			name, _ := CountryName(r.Country)
			je.Rows = append(je.Rows, row{Country: r.Country, Name: name, Values: jsonValues(ms, r.Values)})
		}
		out.Editions = append(out.Editions, je)
	}
	return out
}
