package deck_test

import (
	"os"
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/data"
)

func bundle(t testing.TB) (*agenda.Meeting, *data.Dataset) {
	t.Helper()
	m, probs := agenda.Load(data.Embedded())
	if m == nil {
		t.Fatal(probs)
	}
	d, probs := data.LoadScores(data.Embedded())
	if d == nil {
		t.Fatal(probs)
	}
	return m, d
}

func TestEmbeddedDeck(t *testing.T) {
	m, d := bundle(t)
	dk, probs := deck.Load(data.Embedded(), m, d)
	if dk == nil || len(probs) > 0 {
		t.Fatalf("embedded deck: %v", probs)
	}
	var got []string
	for _, s := range dk.Slides {
		got = append(got, s.ID+":"+string(s.Kind))
	}
	if strings.Join(got, " ") != "ranking:ranking top-five:ranking session-1-presenters:compare korea:country" {
		t.Errorf("slides %v", got)
	}
	if dk.Slides[1].Top != 5 || dk.Index("korea") != 3 || dk.Slides[0].Notes == "" {
		t.Errorf("deck %+v", dk.Slides)
	}
}

func TestDeckProblems(t *testing.T) {
	m, d := bundle(t)
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no slides", `title = "x"`, []string{"deck.toml:1:1: slide: a deck needs at least one [[slide]]"}},
		{"unknown kind", "[[slide]]\ntitle = \"T\"\nkind = \"chart\"\n", []string{
			`deck.toml:3:8: slide[1].kind: "chart" is not a kind (ranking, compare, country, session, text)`}},
		{"unknown edition and measure", "[[slide]]\ntitle = \"T\"\nkind = \"ranking\"\nedition = \"1999\"\nmeasure = \"speed\"\ntop = -1\n", []string{
			`deck.toml:4:11: slide[1].edition: edition "1999" is not in scores.toml`,
			`deck.toml:5:11: slide[1].measure: "speed" is not a measure of OECD OURdata Index`,
			`deck.toml:6:7: slide[1].top: -1 is out of range (0–1000000)`}},
		{"compare without countries", "[[slide]]\ntitle = \"T\"\nkind = \"compare\"\n", []string{
			`deck.toml:1:1: slide[1].countries: a compare slide needs countries or a session whose presenters to compare`}},
		{"unknown country and session", "[[slide]]\ntitle = \"T\"\nkind = \"compare\"\ncountries = [\"KOR\", \"XYZ\"]\nsession = \"nope\"\n", []string{
			`deck.toml:4:21: slide[1].countries: "XYZ" is not an ISO 3166-1 alpha-3 country code`,
			`deck.toml:5:11: slide[1].session: "nope" is not a session id`}},
		{"country slide without country", "[[slide]]\ntitle = \"T\"\nkind = \"country\"\n", []string{
			`deck.toml:1:1: slide[1].country: missing (required for a country slide)`}},
		{"duplicate ids and unknown key", "[[slide]]\nid = \"a\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\n\n[[slide]]\nid = \"a\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"y\"\ncolour = 1\n", []string{
			`deck.toml:8:6: slide[2].id: duplicate id "a" (first used in slide[1])`,
			`deck.toml:12:1: slide[2].colour: unknown key (allowed: id, title, kind, edition, measure, top, countries, session, country, text, notes)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := deck.Parse("deck.toml", tt.src, m, d)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// Score slides in a bundle without scores.
	_, probs := deck.Parse("deck.toml", "[[slide]]\ntitle = \"T\"\nkind = \"ranking\"\n", m, nil)
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "needs scores") {
		t.Errorf("no scores: %v", probs)
	}
}

// FuzzParse: no deck text makes the loader panic, and every problem has a place.
func FuzzParse(f *testing.F) {
	src, err := os.ReadFile("../../data/bundle/deck.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	f.Add("[[slide]]\ntitle = \"T\"\nkind = \"compare\"\ncountries = [\"KOR\", 1]\n")
	f.Add("[[slide]]\nkind = \"text\"\ntext = \"\"\"\n# x\n\"\"\"\n")
	m, d := bundle(f)
	f.Fuzz(func(t *testing.T, src string) {
		dk, probs := deck.Parse("deck.toml", src, m, d)
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 || p.Msg == "" {
				t.Fatalf("problem without a place: %#v", p)
			}
		}
		if dk == nil && probs.Errors() == 0 {
			t.Fatal("no deck and no error")
		}
		if dk != nil && len(dk.Slides) == 0 {
			t.Fatal("a deck without slides")
		}
	})
}
