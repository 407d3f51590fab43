package agenda

import (
	"codeberg.org/plenary/plenary/data"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Meeting is a loaded meeting.toml: the meeting, who takes part and the
// sessions in agenda order (by date, start time, number).
type Meeting struct {
	ID          string
	Title       string
	Organiser   string
	Venue       string
	City        string
	Start, End  Date
	TimeZone    string
	Location    *time.Location
	URL         string
	Description string // Markdown
	// SpeakingLimit is the time a turn at the floor may take (0: none);
	// ChathamHouse: statements are published without naming who made them.
	SpeakingLimit time.Duration
	ChathamHouse  bool
	// Record names the kind of document the report is ("Summary record",
	// the default; "Summary of proceedings", "Chair's summary").
	Record string

	Delegations []Delegation
	Sessions    []Session
	// Venues are the rooms the meeting describes ([[room]]); empty when
	// it describes none (a session's room is then only its name).
	Venues []Venue

	byCode map[string]int
	byID   map[string]int
}

// Kind says what a delegation is.
type Kind string

// The kinds of delegation.
const (
	Member       Kind = "member"       // an OECD member country
	Partner      Kind = "partner"      // a partner (non-member) country
	Organisation Kind = "organisation" // an international organisation
	Secretariat  Kind = "secretariat"  // the organiser's secretariat
)

var kinds = []Kind{Member, Partner, Organisation, Secretariat}

// Delegation is a country or organisation taking part.
type Delegation struct {
	Code string // ISO 3166-1 alpha-3 for countries, a short slug otherwise
	Name string
	Kind Kind
}

// Link is a session's link: a title (optional) and an http(s) address.
type Link struct {
	Title, URL string
}

// Venue is one of the meeting's rooms, as meeting.toml's [[room]] table
// describes it (in code "venue": agenda/room names the served room).
type Venue struct {
	Name        string
	Description string // where it is, how to find it; optional
}

// Session is one agenda item.
type Session struct {
	ID         string
	Number     int
	Date       Date
	Start, End Clock // NoTime when not given
	Room       string
	Title      string
	Chair      string
	Presenters []string  // delegation codes
	Speakers   []Speaker // people, as real agendas name them
	Summary    string    // Markdown
	Tags       []string
	// SourceID is the session's id in the agenda it was imported from (a
	// schedule's guid, an Indico id, an iCalendar UID): an update finds
	// the session again by it.
	SourceID string
	// URL is the session's own page (its talk page in the conference's
	// system), http(s) only; "" when none. Links are what it points to
	// beside (slides, papers, a recording).
	URL   string
	Links []Link
	// SpeakingLimit overrides the meeting's for this session (0: the
	// meeting's).
	SpeakingLimit time.Duration
}

// Speaker is a person who presents or speaks in a session: "Mr. Rolf
// Alter, Director of Public Governance, OECD".
type Speaker struct {
	Name       string
	Role       string // role or affiliation, optional
	Delegation string // the delegation they speak for, a code; optional
	ID         string // the person's id in the agenda imported from (a guid); optional
}

// String is the speaker as a line: "Rolf Alter (Director of Public
// Governance, OECD)".
func (p Speaker) String() string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// SpeakerNames are the session's speakers as lines, in order.
func (s *Session) SpeakerNames() []string {
	out := make([]string, len(s.Speakers))
	for i, p := range s.Speakers {
		out[i] = p.String()
	}
	return out
}

// NameOf names a delegation or a country code: the meeting's name for it,
// else the country's, else the code.
func (m *Meeting) NameOf(code string) string {
	if d, ok := m.Delegation(code); ok {
		return d.Name
	}
	if n, ok := data.CountryName(code); ok {
		return n
	}
	return code
}

// Limit is the speaking limit per turn in session s (0: none).
func (m *Meeting) Limit(s *Session) time.Duration {
	if s.SpeakingLimit > 0 {
		return s.SpeakingLimit
	}
	return m.SpeakingLimit
}

// Timed reports whether the session has a start time.
func (s *Session) Timed() bool { return s.Start != NoTime }

// TimeRange is "09:00–10:30", "09:00" without an end, or "" untimed.
func (s *Session) TimeRange() string {
	if !s.Timed() {
		return ""
	}
	if s.End == NoTime {
		return s.Start.String()
	}
	return s.Start.String() + "–" + s.End.String()
}

// Meta is what a heading says of a session: number, date, time, room.
func (s *Session) Meta() []string {
	meta := []string{fmt.Sprintf("Session %d", s.Number), s.Date.Long()}
	if t := s.TimeRange(); t != "" {
		meta = append(meta, t)
	}
	if s.Room != "" {
		meta = append(meta, s.Room)
	}
	return meta
}

// StartAt returns the session's start as an instant in loc, if timed.
func (s *Session) StartAt(loc *time.Location) (time.Time, bool) {
	if !s.Timed() {
		return time.Time{}, false
	}
	return s.Date.At(s.Start, loc), true
}

// EndAt returns the session's end as an instant in loc, if it has one.
func (s *Session) EndAt(loc *time.Location) (time.Time, bool) {
	if s.End == NoTime {
		return time.Time{}, false
	}
	return s.Date.At(s.End, loc), true
}

// Delegation returns the delegation with the given code.
func (m *Meeting) Delegation(code string) (Delegation, bool) {
	i, ok := m.byCode[code]
	if !ok {
		return Delegation{}, false
	}
	return m.Delegations[i], true
}

// Place is where the meeting is: the venue and the city, those given.
func (m *Meeting) Place() []string {
	var out []string
	for _, p := range []string{m.Venue, m.City} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// PresentingCountries are the countries (members and partners) among the
// presenters of session i: organisations have no country score.
func (m *Meeting) PresentingCountries(i int) []string {
	var out []string
	for _, p := range m.Sessions[i].Presenters {
		if d, _ := m.Delegation(p); d.Kind == Member || d.Kind == Partner {
			out = append(out, p)
		}
	}
	return out
}

// SessionIndex returns the index in Sessions of the session with the given
// id, or -1.
func (m *Meeting) SessionIndex(id string) int {
	if i, ok := m.byID[id]; ok {
		return i
	}
	return -1
}

// Codes are the delegations' codes, for checking what names them.
func (m *Meeting) Codes() map[string]bool {
	out := make(map[string]bool, len(m.Delegations))
	for _, d := range m.Delegations {
		out[d.Code] = true
	}
	return out
}

// SessionIDs returns the ids of the sessions, in agenda order.
func (m *Meeting) SessionIDs() []string {
	ids := make([]string, len(m.Sessions))
	for i, s := range m.Sessions {
		ids[i] = s.ID
	}
	return ids
}

// Days returns the dates that have sessions, in order.
func (m *Meeting) Days() []Date {
	var days []Date
	for _, s := range m.Sessions {
		if len(days) == 0 || days[len(days)-1] != s.Date {
			days = append(days, s.Date)
		}
	}
	return days
}

// PresentedBy returns the indexes of the sessions in which code presented.
func (m *Meeting) PresentedBy(code string) []int {
	var out []int
	for i, s := range m.Sessions {
		for _, p := range s.Presenters {
			if p == code {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

func (m *Meeting) index() {
	sort.SliceStable(m.Sessions, func(i, j int) bool {
		a, b := &m.Sessions[i], &m.Sessions[j]
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		if a.Start != b.Start {
			// Untimed sessions (NoTime = -1) sort before timed ones of the day.
			return a.Start < b.Start
		}
		return a.Number < b.Number
	})
	m.byCode = make(map[string]int, len(m.Delegations))
	for i, d := range m.Delegations {
		m.byCode[d.Code] = i
	}
	m.byID = make(map[string]int, len(m.Sessions))
	for i, s := range m.Sessions {
		m.byID[s.ID] = i
	}
}

// Date is a civil date without a time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// At returns the instant of clock time c on d in loc.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	if c == NoTime {
		c = 0
	}
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Long formats d as "Thursday 18 May 2017".
func (d Date) Long() string {
	return fmt.Sprintf("%s %d %s %d", d.Weekday(), d.Day, d.Month, d.Year)
}

// Clock is a local time of day in minutes after midnight.
type Clock int

// NoTime marks a session without a time.
const NoTime Clock = -1

// nextDay marks an end after midnight: "01:30 next day".
const nextDay = " next day"

// ParseClock reads HH:MM (24-hour), or "HH:MM next day" for the end of a
// session that runs past midnight.
func ParseClock(s string) (Clock, error) {
	hm, next := strings.CutSuffix(s, nextDay)
	t, err := time.Parse("15:04", hm)
	if err != nil {
		return NoTime, fmt.Errorf("%q is not a time of day (want HH:MM, 24-hour)", s)
	}
	c := Clock(t.Hour()*60 + t.Minute())
	if next {
		c += 24 * 60
	}
	return c, nil
}

func (c Clock) String() string {
	if c == NoTime {
		return ""
	}
	if c >= 24*60 {
		return (c - 24*60).String() + nextDay
	}
	return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)
}
