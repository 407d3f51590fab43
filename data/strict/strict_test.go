package strict

import (
	"strings"
	"testing"
)

func TestPositions(t *testing.T) {
	src := "top = 1\n[a]\nname = \"x\"\nlist = [\n  \"one\",\n  \"two\",\n]\n[[b]]\nk = 'v'\n[[b]]\nk = \"\"\"\nmulti\n\"\"\"\nafter = 2\n"
	doc, probs := Decode("f.toml", src)
	if doc == nil {
		t.Fatal(probs)
	}
	for _, tt := range []struct {
		got  Pos
		want Pos
	}{
		{doc.KeyPos("", "top"), Pos{1, 1}},
		{doc.ValPos("a", "name"), Pos{3, 8}},
		{doc.ElementPos("a", "list", "two"), Pos{6, 3}},
		{doc.TablePos("b[2]"), Pos{10, 1}},
		{doc.KeyPos("b[2]", "after"), Pos{14, 1}},
		{doc.TablePos("missing"), Pos{1, 1}},
	} {
		if tt.got != tt.want {
			t.Errorf("got %v, want %v", tt.got, tt.want)
		}
	}
}

func TestTableTypes(t *testing.T) {
	doc, _ := Decode("f.toml", "[t]\ns = 1\nn = \"x\"\nf = 0.5\nd = \"2030-02-30\"\nl = [1]\nextra = true\n")
	tb := doc.Table("t", doc.Raw["t"], "s", "n", "f", "d", "l", "missing")
	tb.String("s", true)
	tb.Int("n", true)
	if v, ok := tb.Float("f", true); !ok || v != 0.5 {
		t.Errorf("float %v %v", v, ok)
	}
	tb.Date("d", true)
	tb.Strings("l")
	tb.String("missing", true)
	var got []string
	doc.Problems.Sort()
	for _, p := range doc.Problems {
		got = append(got, p.String())
	}
	want := []string{
		"f.toml:1:1: t.missing: missing (required)",
		"f.toml:2:5: t.s: must be a string, not an integer",
		"f.toml:3:5: t.n: must be an integer, not a string",
		`f.toml:5:5: t.d: "2030-02-30" is not a date (want YYYY-MM-DD)`,
		"f.toml:6:5: t.l: must be an array of strings; found an integer",
		"f.toml:7:1: t.extra: unknown key (allowed: s, n, f, d, l, missing)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestProblemStringIsClean(t *testing.T) {
	p := Problem{File: "imports/\x1b]2;PWN\a\x1b[2Jx.csv", Line: 2, Col: 3, Msg: "bad \u009b31m value"}
	if got := p.String(); got != "imports/x.csv:2:3: bad value" {
		t.Errorf("String() = %q", got)
	}
}
