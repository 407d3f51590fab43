package floor

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"

	"codeberg.org/plenary/plenary/data/safefs"
	"codeberg.org/plenary/plenary/data/strict"
)

// AttendanceFile is where attendance is kept, beside the session records.
const AttendanceFile = Dir + "/attendance.toml"

// Attendance is who was present, by day ("2017-05-18" → delegation codes).
// It is shared: a change is made on a Clone.
type Attendance map[string]map[string]bool

// Clone is a copy that shares nothing with a.
func (a Attendance) Clone() Attendance {
	out := make(Attendance, len(a))
	for d, set := range a {
		out[d] = maps.Clone(set)
	}
	return out
}

// Set marks delegation code present (or not) on day.
func (a Attendance) Set(day, code string, present bool) {
	if a[day] == nil {
		a[day] = map[string]bool{}
	}
	if present {
		a[day][code] = true
	} else {
		delete(a[day], code)
	}
}

// Present reports whether code was present on day.
func (a Attendance) Present(day, code string) bool { return a[day][code] }

// Any is every delegation present on at least one day.
func (a Attendance) Any() map[string]bool {
	out := map[string]bool{}
	for _, set := range a {
		for c := range set {
			out[c] = true
		}
	}
	return out
}

// ParseAttendance reads attendance.toml; codes, when given, are the
// meeting's delegations.
func ParseAttendance(file, src string, codes map[string]bool) (Attendance, strict.Problems) {
	doc, probs := strict.Decode(file, src)
	if doc == nil {
		return nil, probs
	}
	doc.Top("day")
	a := Attendance{}
	for i, v := range doc.Array("", doc.Raw, "day") {
		t := doc.Table(fmt.Sprintf("day[%d]", i+1), v, "date", "present")
		d, ok := t.Date("date", true)
		day := d.Format("2006-01-02")
		if ok && a[day] != nil {
			t.Errorf("date", "%s is listed twice", day)
		}
		set := map[string]bool{}
		for _, c := range t.Strings("present") {
			if codes != nil && !codes[c] {
				t.Errorf("present", "%q is not a delegation of the meeting", c)
			}
			set[c] = true
		}
		if ok {
			a[day] = set
		}
	}
	probs = append(probs, doc.Problems...)
	probs.Sort()
	if probs.Errors() > 0 {
		return nil, probs
	}
	return a, probs
}

// EncodeAttendance writes attendance as TOML, days and codes in order.
func EncodeAttendance(a Attendance) string {
	var b strings.Builder
	b.WriteString("# Who was present, by day, kept by plenary (the chair or the secretariat\n# marks delegations in the Delegations view; over SSH a delegate's first\n# connection of the day marks theirs).\n")
	days := slices.Sorted(maps.Keys(a))
	for _, d := range days {
		codes := slices.Sorted(maps.Keys(a[d]))
		quoted := make([]string, len(codes))
		for i, c := range codes {
			quoted[i] = quote(c)
		}
		fmt.Fprintf(&b, "\n[[day]]\ndate = %s\npresent = [%s]\n", d, strings.Join(quoted, ", "))
	}
	return b.String()
}

// LoadAttendance reads the store's attendance (nil when none is kept).
func (s Store) LoadAttendance(codes map[string]bool) (Attendance, strict.Problems) {
	d, name, err := s.named("attendance.toml")
	if err != nil {
		return nil, strict.Problems{{File: AttendanceFile, Line: 1, Col: 1, Msg: err.Error()}}
	}
	b, err := d.ReadFile(name, strict.MaxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, strict.Problems{{File: AttendanceFile, Line: 1, Col: 1, Msg: err.Error()}}
	}
	return ParseAttendance(AttendanceFile, string(b), codes)
}

// SaveAttendance writes what changed from base to a onto the attendance
// on disk, atomically: marks another program (a second plenary on the
// bundle) wrote meanwhile stay. codes are the meeting's delegations. A
// file that cannot be read as attendance is refused, never written over.
// It returns the attendance written.
func (s Store) SaveAttendance(a, base Attendance, codes map[string]bool) (Attendance, error) {
	d, name, err := s.named("attendance.toml")
	if err != nil {
		return nil, err
	}
	disk, probs := s.LoadAttendance(codes)
	if probs.Errors() > 0 {
		return nil, fmt.Errorf("not written over: %s", probs.First())
	}
	merged := disk.Clone()
	for day, set := range a {
		for code := range set {
			if !base.Present(day, code) {
				merged.Set(day, code, true)
			}
		}
	}
	for day, set := range base {
		for code := range set {
			if !a.Present(day, code) {
				merged.Set(day, code, false)
			}
		}
	}
	return merged, d.WriteFile(name, []byte(EncodeAttendance(merged)), 0o644)
}

// named is the folder the store reads through and a file's name in it.
func (s Store) named(file string) (safefs.Dir, string, error) {
	return safefs.Within(s.Root, s.Dir, file, "floor")
}

// Participation is the sentence a summary of proceedings opens with, from
// the delegations present: members counted, partners and organisations
// named ("with the participation of 20 OECD countries and delegates from
// Argentina, Colombia, Peru and Romania, and of the International Open Data
// Charter Secretariat"). kind and name describe a delegation by its code.
func Participation(present map[string]bool, kind func(code string) string, name func(code string) string) string {
	members := 0
	var partners, orgs []string
	for c := range present {
		switch kind(c) {
		case "member":
			members++
		case "partner":
			partners = append(partners, name(c))
		case "organisation":
			orgs = append(orgs, name(c))
		}
	}
	sort.Strings(partners)
	sort.Strings(orgs)
	var parts []string
	switch members {
	case 0:
	case 1:
		parts = append(parts, "1 OECD country")
	default:
		parts = append(parts, fmt.Sprintf("%d OECD countries", members))
	}
	if len(partners) > 0 {
		parts = append(parts, "delegates from "+list(partners))
	}
	s := "with the participation of " + list(parts)
	if len(parts) == 0 {
		s = ""
	}
	if len(orgs) > 0 {
		of := make([]string, len(orgs))
		for i, o := range orgs {
			of[i] = "the " + o
		}
		if s == "" {
			return "with the participation of " + list(of)
		}
		s += ", and of " + list(of)
	}
	return s
}

// list joins names as English does: "A", "A and B", "A, B and C".
func list(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
