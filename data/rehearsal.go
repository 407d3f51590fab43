package data

import (
	"bytes"
	"fmt"
	"io/fs"
)

// rehearsalTimes are illustrative times for the 2017 meeting's sessions,
// which were published without any: a plausible day of two sessions each
// side of lunch. They exist only in the rehearsal bundle, labelled there.
var rehearsalTimes = []struct{ id, start, end string }{
	{"where-do-we-stand", "09:30", "11:00"},
	{"ogd-report", "11:30", "13:00"},
	{"digital-transformation", "14:00", "15:30"},
	{"cooperation-across-borders", "16:00", "17:30"},
	{"ogd-measurement", "09:30", "11:00"},
	{"sector-specific-value", "11:30", "13:00"},
	{"moving-ahead", "14:00", "15:30"},
}

// RehearsalMeeting is the embedded meeting.toml with illustrative session
// times, so that the meeting clock (now, next, breaks, the end of a day)
// can be tried on it: `plenary init --rehearsal` writes it. Its title, its
// description and its first lines say that the times are illustrative.
func RehearsalMeeting() ([]byte, error) {
	src, err := fs.ReadFile(Embedded(), "meeting.toml")
	if err != nil {
		return nil, err
	}
	out := src
	swap := func(old, new string) error {
		if bytes.Count(out, []byte(old)) != 1 {
			return fmt.Errorf("rehearsal: %q is not once in the embedded meeting.toml", old)
		}
		out = bytes.Replace(out, []byte(old), []byte(new), 1)
		return nil
	}
	steps := [][2]string{
		{"# 3rd OECD Expert Group Meeting", "# REHEARSAL BUNDLE: the session times below are illustrative, made up for\n# trying plenary's meeting clock. The real meeting published no times.\n#\n# 3rd OECD Expert Group Meeting"},
		{`title = "3rd OECD Expert Group Meeting on Open Government Data"`, `title = "Rehearsal (illustrative times): 3rd OECD Expert Group Meeting on Open Government Data"`},
		{"timezone = \"Europe/Paris\"\n", "timezone = \"Europe/Paris\"\nspeaking_limit = \"3m\"   # illustrative: a turn at the floor\n"},
		{`description = """` + "\n", `description = """` + "\n*Rehearsal bundle: the session times are illustrative, for trying the meeting clock; the 2017 meeting published none.*\n\n"},
	}
	for _, t := range rehearsalTimes {
		steps = append(steps, [2]string{fmt.Sprintf("id = %q\n", t.id), fmt.Sprintf("id = %q\nstart = %q # illustrative\nend = %q   # illustrative\n", t.id, t.start, t.end)})
	}
	for _, s := range steps {
		if err := swap(s[0], s[1]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
