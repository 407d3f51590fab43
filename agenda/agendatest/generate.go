// Package agendatest generates large meeting bundles for tests and
// benchmarks. The data is illustrative: made up, not from any meeting.
package agendatest

import (
	"fmt"
	"strings"
	"time"
)

var countries = []string{"ARG", "AUS", "AUT", "BEL", "CAN", "CHE", "CHL", "COL", "CZE", "DEU",
	"DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HUN", "IRL", "ISL", "ISR", "ITA", "JPN",
	"KOR", "LTU", "LUX", "LVA", "MEX", "NLD", "NOR", "NZL", "PER", "POL", "PRT", "ROU", "SVK",
	"SVN", "SWE", "TUR", "USA"}

var words = strings.Fields(`open data government access re-use portal quality standards
licence metadata interoperability cooperation transparency anti-corruption procurement
statistics privacy ecosystem innovation literacy monitoring impact availability`)

// Meeting returns the text of a meeting.toml with the given number of
// sessions spread over days, timed back to back in four rooms from 08:00.
func Meeting(sessions, days int) string {
	var b strings.Builder
	b.WriteString(`[meeting]
id = "generated"
title = "Generated meeting (illustrative data)"
organiser = "plenary tests"
venue = "Test venue"
city = "Paris, France"
start = 2030-03-04
end = ` + time.Date(2030, 3, 4+days-1, 0, 0, 0, 0, time.UTC).Format("2006-01-02") + `
timezone = "Europe/Paris"
`)
	for _, c := range countries {
		fmt.Fprintf(&b, "\n[[delegation]]\ncode = %q\nkind = \"member\"\n", c)
	}
	perDay := (sessions + days - 1) / days
	for i := 0; i < sessions; i++ {
		day, slot := i/perDay, i%perDay
		room, n := slot%4, slot/4
		start := 8*60 + n*10
		date := time.Date(2030, 3, 4+day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		fmt.Fprintf(&b, "\n[[session]]\nid = \"s%d\"\nnumber = %d\ndate = %s\n", i+1, i+1, date)
		if start+10 < 24*60 {
			fmt.Fprintf(&b, "start = \"%02d:%02d\"\nend = \"%02d:%02d\"\n", start/60, start%60, (start+10)/60, (start+10)%60)
		}
		fmt.Fprintf(&b, "room = \"Room %c\"\n", 'A'+room)
		fmt.Fprintf(&b, "title = \"Session %d on %s %s and %s\"\n", i+1, words[i%len(words)], words[(i*7)%len(words)], words[(i*13)%len(words)])
		fmt.Fprintf(&b, "presenters = [%q, %q]\n", countries[i%len(countries)], countries[(i*3+1)%len(countries)])
		fmt.Fprintf(&b, "tags = [%q]\n", words[(i*5)%len(words)])
		b.WriteString("summary = \"\"\"\n")
		for p := 0; p < 3; p++ {
			for w := 0; w < 14; w++ {
				b.WriteString(words[(i+p*17+w*3)%len(words)])
				b.WriteByte(' ')
			}
			b.WriteString("**finding** and *follow-up*.\n")
		}
		b.WriteString("\"\"\"\n")
	}
	return b.String()
}
