package agenda

import "testing"

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"The **OECD OURdata Index** and *its* pillars": "The OECD OURdata Index and its pillars",
		"- one\n- two": "• one\n• two",
		"## Heading":   "Heading",
		"see [the charter](https://opendatacharter.net/) now": "see the charter (https://opendatacharter.net/) now",
		"snake_case and 2 * 3 stay, `code` too":               "snake_case and 2 * 3 stay, code too",
		`escaped \*stars\*`:                                   "escaped *stars*",
		"__strong__ and _em_.":                                "strong and em.",
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzMarkdownText(f *testing.F) {
	f.Add("The **OECD** [x](http://a) `c` _e_")
	f.Fuzz(func(t *testing.T, s string) {
		MarkdownText(s) // never panics, always ends
	})
}
