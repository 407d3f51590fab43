package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

// Indico's export API (/export/event/ID.json?detail=contributions or
// ?detail=sessions): an envelope {count, results: [event]}; an event has
// its contributions, or its sessions with theirs.
type indicoExport struct {
	Count   *int          `json:"count"`
	Results []indicoEvent `json:"results"`
}

type indicoEvent struct {
	ID            json.RawMessage      `json:"id"`
	Title         string               `json:"title"`
	Description   string               `json:"description"`
	Timezone      string               `json:"timezone"`
	Location      string               `json:"location"`
	Address       string               `json:"address"`
	Room          string               `json:"room"`
	URL           string               `json:"url"`
	StartDate     *indicoDate          `json:"startDate"`
	EndDate       *indicoDate          `json:"endDate"`
	Contributions []indicoContribution `json:"contributions"`
	Sessions      []indicoSession      `json:"sessions"`
}

type indicoSession struct {
	ID            json.RawMessage      `json:"id"`
	Title         string               `json:"title"`
	Description   string               `json:"description"`
	Room          string               `json:"room"`
	StartDate     *indicoDate          `json:"startDate"`
	EndDate       *indicoDate          `json:"endDate"`
	Contributions []indicoContribution `json:"contributions"`
	// Older exports nest the session's own data.
	Session *struct {
		Title string `json:"title"`
	} `json:"session"`
}

type indicoContribution struct {
	ID          json.RawMessage `json:"id"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	StartDate   *indicoDate     `json:"startDate"`
	EndDate     *indicoDate     `json:"endDate"`
	Duration    float64         `json:"duration"` // minutes
	Room        string          `json:"room"`
	Track       string          `json:"track"`
	Session     string          `json:"session"`
	Presenters  []indicoPerson  `json:"presenters"`
	Speakers    []indicoPerson  `json:"speakers"`
}

type indicoDate struct {
	Date string `json:"date"`
	Time string `json:"time"`
	TZ   string `json:"tz"`
}

type indicoPerson struct {
	FullName    string `json:"fullName"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Affiliation string `json:"affiliation"`
}

// speaker is the person as agendas name people: "Rolf Alter" (Indico's
// fullName says "Alter, Rolf").
func (p indicoPerson) speaker() agenda.Speaker {
	name := strings.TrimSpace(p.FirstName + " " + p.LastName)
	if name == "" {
		name = strings.TrimSpace(p.FullName)
		if last, first, ok := strings.Cut(name, ", "); ok && !strings.Contains(first, ",") {
			name = first + " " + last
		}
	}
	return agenda.Speaker{Name: name, Role: strings.TrimSpace(p.Affiliation)}
}

// at is an Indico date as a time: its own zone, else the event's.
func (d *indicoDate) at(fallback *time.Location) (time.Time, error) {
	loc := fallback
	if d.TZ != "" {
		l, err := time.LoadLocation(d.TZ)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a time zone", d.TZ)
		}
		loc = l
	}
	clock := d.Time
	if len(clock) == 5 {
		clock += ":00"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05", d.Date+" "+clock, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q %q is not a date and a time", d.Date, d.Time)
	}
	return t, nil
}

func readIndico(b []byte, o Options) (conference, []event, error) {
	var x indicoExport
	if err := json.Unmarshal(b, &x); err != nil {
		return conference{}, nil, jsonError(b, err)
	}
	if len(x.Results) == 0 {
		return conference{}, nil, errors.New("results: no event (is the event public, or the export's key right?)")
	}
	if len(x.Results) > 1 {
		return conference{}, nil, fmt.Errorf("results: %d events; import one event at a time", len(x.Results))
	}
	ev := x.Results[0]
	conf := conference{title: ev.Title, url: ev.URL, venue: ev.Location, city: ev.Address}
	fileZone := ev.Timezone
	if fileZone == "" && ev.StartDate != nil {
		fileZone = ev.StartDate.TZ
	}
	loc, name, err := zone(fileZone, o.TimeZone)
	if err != nil {
		return conf, nil, err
	}
	conf.zone = name
	if ev.StartDate != nil {
		conf.start, _ = agenda.ParseDate(ev.StartDate.Date)
	}
	if ev.EndDate != nil {
		conf.end, _ = agenda.ParseDate(ev.EndDate.Date)
	}
	if len(ev.Contributions) == 0 && len(ev.Sessions) == 0 {
		// detail=events: the event alone, without its timetable.
		return conf, nil, errors.New("an Indico export without contributions: export with detail=contributions (or detail=sessions)")
	}
	var events []event
	add := func(where string, c indicoContribution, session, sessionRoom string) error {
		if c.StartDate == nil {
			return nil // not scheduled: not on the agenda
		}
		start, err := c.StartDate.at(loc)
		if err != nil {
			return fmt.Errorf("%s.startDate: %w", where, err)
		}
		e := event{sourceID: strings.Trim(string(c.ID), `"`), start: start, room: firstOf(c.Room, sessionRoom, ev.Room),
			title: c.Title, track: firstOf(c.Track, session, c.Session), summary: summary(c.Description, "")}
		switch {
		case c.EndDate != nil:
			end, err := c.EndDate.at(loc)
			if err != nil {
				return fmt.Errorf("%s.endDate: %w", where, err)
			}
			e.duration = end.Sub(start)
		case c.Duration > 0:
			e.duration = time.Duration(c.Duration * float64(time.Minute))
		}
		for _, p := range append(c.Presenters, c.Speakers...) {
			if s := p.speaker(); s.Name != "" && !hasSpeaker(e.persons, s.Name) {
				e.persons = append(e.persons, s)
			}
		}
		events = append(events, e)
		if len(events) > MaxEvents {
			return fmt.Errorf("more than %d events", MaxEvents)
		}
		return nil
	}
	for i, c := range ev.Contributions {
		if err := add(fmt.Sprintf("results[0].contributions[%d]", i), c, "", ""); err != nil {
			return conf, nil, err
		}
	}
	for i, s := range ev.Sessions {
		title := s.Title
		if title == "" && s.Session != nil {
			title = s.Session.Title
		}
		where := fmt.Sprintf("results[0].sessions[%d]", i)
		if len(s.Contributions) == 0 {
			// A session without contributions is itself on the agenda.
			c := indicoContribution{ID: s.ID, Title: title, Description: s.Description, StartDate: s.StartDate, EndDate: s.EndDate, Room: s.Room}
			if err := add(where, c, "", ""); err != nil {
				return conf, nil, err
			}
			continue
		}
		for j, c := range s.Contributions {
			if err := add(fmt.Sprintf("%s.contributions[%d]", where, j), c, title, s.Room); err != nil {
				return conf, nil, err
			}
		}
	}
	return conf, events, nil
}

func hasSpeaker(ps []agenda.Speaker, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}
