package agenda

import (
	"encoding/json"

	"codeberg.org/plenary/plenary/data/clean"
)

// ExportJSON writes the whole bundle for other tools: the meeting, its
// delegations, its sessions with their notes and the decisions, actions
// and questions typed in them, and scores (any JSON-ready value; nil when
// the bundle has none).
func ExportJSON(m *Meeting, notes map[string]Note, scores any) ([]byte, error) {
	type item struct {
		Kind   string   `json:"kind"`
		Text   string   `json:"text"`
		Owners []string `json:"owners,omitempty"`
		Due    string   `json:"due,omitempty"`  // as written when it is not a date
		Done   string   `json:"done,omitempty"` // "done", or "done YYYY-MM-DD"
		Line   int      `json:"line"`
	}
	type speaker struct {
		Name       string `json:"name"`
		Role       string `json:"role,omitempty"`
		Delegation string `json:"delegation,omitempty"`
		ID         string `json:"id,omitempty"`
	}
	type link struct {
		Title string `json:"title,omitempty"`
		URL   string `json:"url"`
	}
	type session struct {
		ID         string    `json:"id"`
		Number     int       `json:"number"`
		Date       string    `json:"date"`
		Start      string    `json:"start,omitempty"`
		End        string    `json:"end,omitempty"`
		Room       string    `json:"room,omitempty"`
		Title      string    `json:"title"`
		Chair      string    `json:"chair,omitempty"`
		Presenters []string  `json:"presenters"`
		Speakers   []speaker `json:"speakers,omitempty"`
		SourceID   string    `json:"source_id,omitempty"`
		URL        string    `json:"url,omitempty"`
		Links      []link    `json:"links,omitempty"`
		Summary    string    `json:"summary,omitempty"`
		Tags       []string  `json:"tags,omitempty"`
		Notes      string    `json:"notes,omitempty"`
		Status     string    `json:"status,omitempty"` // of the notes: draft or approved
		Items      []item    `json:"items,omitempty"`
	}
	type delegation struct {
		Code string `json:"code"`
		Name string `json:"name"`
		Kind Kind   `json:"kind"`
	}
	out := struct {
		Meeting struct {
			ID          string `json:"id"`
			Title       string `json:"title"`
			Organiser   string `json:"organiser,omitempty"`
			Venue       string `json:"venue,omitempty"`
			City        string `json:"city,omitempty"`
			Start       string `json:"start"`
			End         string `json:"end"`
			TimeZone    string `json:"timezone"`
			URL         string `json:"url,omitempty"`
			Description string `json:"description,omitempty"`
		} `json:"meeting"`
		Delegations []delegation `json:"delegations"`
		Sessions    []session    `json:"sessions"`
		Scores      any          `json:"scores"`
	}{Scores: scores}
	mm := &out.Meeting
	mm.ID, mm.Title, mm.Organiser, mm.Venue, mm.City = m.ID, m.Title, m.Organiser, m.Venue, m.City
	mm.Start, mm.End, mm.TimeZone, mm.URL, mm.Description = m.Start.String(), m.End.String(), m.TimeZone, m.URL, m.Description
	out.Delegations = []delegation{}
	for _, d := range m.Delegations {
		out.Delegations = append(out.Delegations, delegation(d))
	}
	out.Sessions = []session{}
	for _, s := range m.Sessions {
		text := notes[s.ID].Text
		if m.ChathamHouse {
			text = m.Unattributed(text) // as in the report: no one named for what was said
		}
		js := session{ID: s.ID, Number: s.Number, Date: s.Date.String(), Start: s.Start.String(), End: s.End.String(),
			Room: s.Room, Title: s.Title, Chair: s.Chair, Presenters: append([]string{}, s.Presenters...), SourceID: s.SourceID, URL: s.URL,
			Summary: s.Summary, Tags: s.Tags, Notes: Published(text)}
		for _, l := range s.Links {
			js.Links = append(js.Links, link(l))
		}
		for _, p := range s.Speakers {
			js.Speakers = append(js.Speakers, speaker(p))
		}
		if js.Notes != "" {
			js.Status = Status(notes[s.ID].Text)
		}
		for _, it := range ParseItems(text) {
			ji := item{Kind: it.Kind.String(), Text: it.Text, Owners: it.Owners, Line: it.Line, Due: it.DueText(), Done: it.DoneText()}
			js.Items = append(js.Items, ji)
		}
		out.Sessions = append(out.Sessions, js)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	return clean.JSON(b), err
}
