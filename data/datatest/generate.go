// Package datatest generates large score datasets for tests and benchmarks.
// The figures are illustrative: made up, consistent with their pillars.
package datatest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"

	"codeberg.org/plenary/plenary/data"
)

// Scores returns a bundle with scores.toml and one wide table per edition:
// every ISO 3166-1 country (up to countries of them), three pillars of three
// sub-pillars, editions one year apart, each comparable with the one before.
func Scores(countries, editions int) fstest.MapFS {
	r := rand.New(rand.NewPCG(1, 2))
	all := data.Countries()
	if countries > len(all) {
		countries = len(all)
	}
	fsys := fstest.MapFS{}
	var toml strings.Builder
	toml.WriteString(`[index]
id = "gen"
name = "Generated index (illustrative)"
pillar_max = 0.333
composite = "sum"
`)
	for p := 1; p <= 3; p++ {
		fmt.Fprintf(&toml, "\n[[index.pillar]]\nid = \"p%d\"\nname = \"Pillar %d\"\nsub = [", p, p)
		for s := 1; s <= 3; s++ {
			fmt.Fprintf(&toml, "{ id = \"%d.%d\", name = \"Sub-pillar %d.%d\" }, ", p, s, p, s)
		}
		toml.WriteString("]\n")
	}
	for e := 0; e < editions; e++ {
		year := 2010 + e
		fmt.Fprintf(&toml, "\n[[edition]]\nid = \"%d\"\nyear = %d\nstatus = \"final\"\nsource = \"generated\"\ntables = [\"%d.csv\"]\n", year, year, year)
		if e > 0 {
			fmt.Fprintf(&toml, "comparable_with = [\"%d\"]\n", year-1)
		}
		var csv strings.Builder
		csv.WriteString("country,composite,p1,p2,p3,1.1,1.2,1.3,2.1,2.2,2.3,3.1,3.2,3.3\n")
		for _, c := range all[:countries] {
			var subs [9]float64
			for i := range subs {
				subs[i] = float64(r.IntN(1001)) / 1000
			}
			var pillars [3]float64
			comp := 0.0
			for p := range pillars {
				pillars[p] = (subs[3*p] + subs[3*p+1] + subs[3*p+2]) / 3 * 0.333
				comp += pillars[p]
			}
			fmt.Fprintf(&csv, "%s,%.4f,%.4f,%.4f,%.4f", c.Code, comp, pillars[0], pillars[1], pillars[2])
			for _, s := range subs {
				fmt.Fprintf(&csv, ",%.3f", s)
			}
			csv.WriteString("\n")
		}
		fsys[fmt.Sprintf("%d.csv", year)] = &fstest.MapFile{Data: []byte(csv.String())}
	}
	fsys["scores.toml"] = &fstest.MapFile{Data: []byte(toml.String())}
	return fsys
}
