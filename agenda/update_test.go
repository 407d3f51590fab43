package agenda_test

import (
	"strings"
	"testing"

	"codeberg.org/plenary/plenary/agenda"
)

// TestUpdateKeepsText: a summary whose lines start with "[" or "#" is text,
// not a table or a comment; an update rewrites only the session that
// changed and leaves every other byte as it was.
func TestUpdateKeepsText(t *testing.T) {
	old := `# Hand-kept.
[meeting]
id = "m"
title = "M"
start = 2030-01-10
end = 2030-01-10
timezone = "Europe/Paris"

[[session]]
id = "a"
source_id = "A"
number = 1
date = 2030-01-10
title = "First"
summary = """
[10:30] Spain: a line that starts like a table
# and one like a comment
"""

# Between the sessions.
[[session]]
id = "b"
source_id = "B"
number = 2
date = 2030-01-10
title = "Second"
`
	m, probs := agenda.Parse("meeting.toml", old)
	if m == nil || len(probs) > 0 {
		t.Fatal(probs)
	}
	imported := *m
	imported.Sessions = append([]agenda.Session(nil), m.Sessions...)
	imported.Sessions[1].Title = "Second, renamed"
	u, err := agenda.UpdateFrom(old, &imported, func(string) bool { return false }, false)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(old, `title = "Second"`, `title = "Second, renamed"`, 1)
	if u.Text != want || len(u.Changed) != 1 || len(u.Rewritten) != 0 {
		t.Errorf("update:\n%s\nwant\n%s\n%+v", u.Text, want, u)
	}
	// The session that starts with "[" lines changes: it is replaced whole.
	imported.Sessions[0].Title = "First, renamed"
	u, err = agenda.UpdateFrom(old, &imported, func(string) bool { return false }, false)
	if err != nil || !strings.Contains(u.Text, "# Between the sessions.\n[[session]]\nid = \"b\"") || strings.Count(u.Text, "[10:30] Spain") != 1 {
		t.Errorf("update of the first: %v\n%s", err, u.Text)
	}
}

// TestUpdateLinksDelegations: a person the source names like one of the
// meeting's delegations presents for it.
func TestUpdateLinksDelegations(t *testing.T) {
	old := "[meeting]\nid = \"m\"\ntitle = \"M\"\nstart = 2030-01-10\nend = 2030-01-10\ntimezone = \"Europe/Paris\"\n\n[[delegation]]\ncode = \"ODC\"\nname = \"International Open Data Charter Secretariat\"\nkind = \"organisation\"\n"
	m, probs := agenda.Parse("meeting.toml", old+"\n[[session]]\nid = \"a\"\nsource_id = \"A\"\nnumber = 1\ndate = 2030-01-10\ntitle = \"First\"\n")
	if m == nil {
		t.Fatal(probs)
	}
	m.Sessions[0].Speakers = []agenda.Speaker{{Name: "International Open Data Charter Secretariat"}, {Name: "Ana Ruiz"}}
	u, err := agenda.UpdateFrom(old, m, func(string) bool { return false }, false)
	if err != nil || !strings.Contains(u.Text, `presenters = ["ODC"]`) || !strings.Contains(u.Text, `{ name = "Ana Ruiz" }`) {
		t.Errorf("update: %v\n%s", err, u.Text)
	}
}
