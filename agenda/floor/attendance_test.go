package floor

import (
	"strings"
	"testing"
)

// TestParticipation: the sentence the summary opens with, written the way
// the 2017 summary is: members counted, partners and organisations named.
func TestParticipation(t *testing.T) {
	kinds := map[string]string{"FRA": "member", "KOR": "member", "ARG": "partner", "COL": "partner", "PER": "partner", "ROU": "partner", "ODC": "organisation", "OECD": "secretariat"}
	names := map[string]string{"ARG": "Argentina", "COL": "Colombia", "PER": "Peru", "ROU": "Romania", "ODC": "International Open Data Charter Secretariat"}
	kind := func(c string) string { return kinds[c] }
	name := func(c string) string { return names[c] }
	for _, tt := range []struct {
		present []string
		want    string
	}{
		{[]string{"FRA", "KOR", "ARG", "COL", "PER", "ROU", "ODC", "OECD"}, "with the participation of 2 OECD countries and delegates from Argentina, Colombia, Peru and Romania, and of the International Open Data Charter Secretariat"},
		{[]string{"FRA"}, "with the participation of 1 OECD country"},
		{[]string{"ARG"}, "with the participation of delegates from Argentina"},
		{[]string{"ODC"}, "with the participation of the International Open Data Charter Secretariat"},
		{nil, ""},
	} {
		set := map[string]bool{}
		for _, c := range tt.present {
			set[c] = true
		}
		if got := Participation(set, kind, name); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.present, got, tt.want)
		}
	}
}

// TestAttendanceFile: what is written reads back; problems have places.
func TestAttendanceFile(t *testing.T) {
	a := Attendance{}
	a.Set("2017-05-18", "FRA", true)
	a.Set("2017-05-18", "KOR", true)
	a.Set("2017-05-19", "FRA", true)
	a.Set("2017-05-18", "KOR", false)
	src := EncodeAttendance(a)
	got, probs := ParseAttendance(AttendanceFile, src, map[string]bool{"FRA": true, "KOR": true})
	if got == nil || !got.Present("2017-05-18", "FRA") || got.Present("2017-05-18", "KOR") || len(got.Any()) != 1 {
		t.Fatalf("%v %v\n%s", got, probs, src)
	}
	_, probs = ParseAttendance(AttendanceFile, "[[day]]\ndate = 2017-05-18\npresent = [\"XXX\"]\n[[day]]\ndate = 2017-05-18\n", map[string]bool{"FRA": true})
	if len(probs) != 2 || !strings.HasPrefix(probs[0].String(), `floor/attendance.toml:3:11: day[1].present: "XXX" is not a delegation`) ||
		!strings.HasPrefix(probs[1].String(), "floor/attendance.toml:5:8: day[2].date: 2017-05-18 is listed twice") {
		t.Errorf("problems: %v", probs)
	}
}

func FuzzParseAttendance(f *testing.F) {
	f.Add("[[day]]\ndate = 2017-05-18\npresent = [\"FRA\"]\n")
	f.Fuzz(func(t *testing.T, src string) {
		a, probs := ParseAttendance(AttendanceFile, src, nil)
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("a problem without a place: %v", p)
			}
		}
		if a != nil {
			if again, p := ParseAttendance(AttendanceFile, EncodeAttendance(a), nil); again == nil {
				t.Fatalf("round trip: %v", p)
			}
		}
	})
}
