// Package deck reads deck.toml: the slides the secretariat projects, each
// a ranking, a comparison, a country's card, a session or a text, checked
// against the meeting and the scores of the bundle.
package deck

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/strict"
)

// File is the name of the deck in a bundle.
const File = "deck.toml"

// Kind is what a slide shows.
type Kind string

// The kinds of slide.
const (
	Ranking Kind = "ranking" // a ranking by a measure, top N or all
	Compare Kind = "compare" // listed countries (or a session's presenters) and the average
	Country Kind = "country" // one country's card
	Session Kind = "session" // a session's title, presenters and summary
	Text    Kind = "text"    // Markdown
)

// Slide is one slide. Fields not used by its kind are empty.
type Slide struct {
	ID        string
	Title     string
	Kind      Kind
	Edition   string   // ranking, compare, country: "" means the latest
	Measure   string   // ranking: a measure id; "" means the composite
	Top       int      // ranking: 0 means all
	Countries []string // compare: codes; ranking: limit to these (optional)
	Session   string   // session; compare: compare its presenting countries
	Country   string   // country
	Text      string   // text (Markdown)
	Notes     string   // for the presenter; never projected
}

// Deck is a sequence of slides.
type Deck struct {
	Title  string
	Slides []Slide
}

// Index returns the position of the slide with id, or -1.
func (d *Deck) Index(id string) int {
	for i, s := range d.Slides {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// Load reads and checks deck.toml. A bundle without one has no deck: nil
// and no problem. scores may be nil; slides that need scores then fail.
func Load(fsys fs.FS, m *agenda.Meeting, scores *data.Dataset) (*Deck, strict.Problems) {
	src, err := strict.ReadFile(fsys, File)
	if err != nil {
		if _, statErr := fs.Stat(fsys, File); errors.Is(statErr, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, strict.Problems{{File: File, Line: 1, Col: 1, Msg: err.Error()}}
	}
	return Parse(File, src, m, scores)
}

// Parse reads the text of a deck.
func Parse(file, src string, m *agenda.Meeting, scores *data.Dataset) (*Deck, strict.Problems) {
	doc, probs := strict.Decode(file, src)
	if doc == nil {
		return nil, probs
	}
	doc.Top("title", "slide")
	top := &strict.Table{Doc: doc, M: doc.Raw}
	d := &Deck{Title: top.Line("title", false)}
	ids := map[string]string{}
	slides := doc.Array("", doc.Raw, "slide")
	if len(slides) == 0 {
		doc.At(strict.Pos{Line: 1, Col: 1}, "slide", false, "a deck needs at least one [[slide]]")
	}
	for i, v := range slides {
		name := fmt.Sprintf("slide[%d]", i+1)
		t := doc.Table(name, v, "id", "title", "kind", "edition", "measure", "top", "countries", "session", "country", "text", "notes")
		s := Slide{ID: t.Line("id", false), Title: t.Line("title", true), Kind: Kind(t.Line("kind", true)),
			Edition: t.Line("edition", false), Measure: t.Line("measure", false), Countries: t.Strings("countries"),
			Session: t.Line("session", false), Country: strings.ToUpper(t.Line("country", false)),
			Text: t.String("text", false), Notes: t.String("notes", false)}
		if s.ID == "" {
			s.ID = fmt.Sprintf("slide-%d", i+1)
		} else if !agenda.IsSlug(s.ID) {
			t.Errorf("id", "%q is not a slug (lower-case letters, digits and single hyphens)", s.ID)
		}
		if first, dup := ids[s.ID]; dup {
			t.Errorf("id", "duplicate id %q (first used in %s)", s.ID, first)
		}
		ids[s.ID] = name
		if n, ok := t.Int("top", false); ok {
			s.Top = n
		}
		check(t, &s, m, scores)
		d.Slides = append(d.Slides, s)
	}
	doc.Problems.Sort()
	if doc.Problems.Errors() > 0 {
		return nil, doc.Problems
	}
	return d, doc.Problems
}

// check reports what a slide names that the bundle does not have.
func check(t *strict.Table, s *Slide, m *agenda.Meeting, scores *data.Dataset) {
	needsScores := s.Kind == Ranking || s.Kind == Compare || s.Kind == Country
	switch s.Kind {
	case Ranking, Compare, Country, Session, Text:
	case "":
		return
	default:
		t.Errorf("kind", "%q is not a kind (ranking, compare, country, session, text)", string(s.Kind))
		return
	}
	if needsScores && scores == nil {
		t.Errorf("kind", "a %s slide needs scores, and the bundle has no scores.toml", s.Kind)
		return
	}
	if s.Edition != "" && scores != nil {
		if _, ok := scores.Edition(s.Edition); !ok {
			t.Errorf("edition", "edition %q is not in scores.toml", s.Edition)
		}
	}
	if s.Measure != "" && scores != nil {
		if _, ok := scores.Index.Measure(s.Measure); !ok {
			t.Errorf("measure", "%q is not a measure of %s", s.Measure, scores.Index.Name)
		}
	}
	for _, c := range s.Countries {
		if _, ok := data.CountryName(c); !ok {
			t.Doc.At(t.Doc.ElementPos(t.Name, "countries", c), t.Name+".countries", false, "%q is not an ISO 3166-1 alpha-3 country code", c)
		}
	}
	sessionKnown := func() bool {
		for _, ss := range m.Sessions {
			if ss.ID == s.Session {
				return true
			}
		}
		return false
	}
	switch s.Kind {
	case Compare:
		if len(s.Countries) == 0 && s.Session == "" {
			t.Errorf("countries", "a compare slide needs countries or a session whose presenters to compare")
		}
		if s.Session != "" && !sessionKnown() {
			t.Errorf("session", "%q is not a session id", s.Session)
		}
	case Country:
		if s.Country == "" {
			t.Doc.At(t.Doc.TablePos(t.Name), t.Name+".country", false, "missing (required for a country slide)")
		} else if _, ok := data.CountryName(s.Country); !ok {
			t.Errorf("country", "%q is not an ISO 3166-1 alpha-3 country code", s.Country)
		}
	case Session:
		if s.Session == "" {
			t.Doc.At(t.Doc.TablePos(t.Name), t.Name+".session", false, "missing (required for a session slide)")
		} else if !sessionKnown() {
			t.Errorf("session", "%q is not a session id", s.Session)
		}
	case Text:
		if strings.TrimSpace(s.Text) == "" {
			t.Doc.At(t.Doc.TablePos(t.Name), t.Name+".text", false, "missing (required for a text slide)")
		}
	}
}
