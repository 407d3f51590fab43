package clean

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"keeps\nnewline\tand tab", "keeps\nnewline\tand tab"},
		{"clear\x1b[2Jscreen", "clearscreen"},
		{"title\x1b]0;X\x07here", "titlehere"},
		{"title\x1b]0;X\x1b\\here", "titlehere"},
		{"carriage\rreturn", "carriagereturn"},
		{"c1 csi \u009b31mred", "c1 csi red"},
		{"c1 osc \u009d0;t\u009cend", "c1 osc end"},
		{"dcs \x1bPq#0;2;0;0;0\x1b\\end", "dcs end"},
		{"esc c reset\x1bc", "esc c reset"},
		{"charset \x1b(Bx", "charset x"},
		{"bell\x07 nul\x00 del\x7f", "bell nul del"},
		{"unterminated \x1b]0;never ends", "unterminated "},
		{"trailing esc \x1b", "trailing esc "},
		{"Türkiye 대한민국 Côte d'Ivoire", "Türkiye 대한민국 Côte d'Ivoire"},
		{"bad utf8 \xff!", "bad utf8 \uFFFD!"},
		{"bidi \u202eevil\u202c \u2066iso\u2069", "bidi evil iso"},
		{"zero\u200bwidth\u2060joiner\ufeffbom", "zerowidthjoinerbom"},
		{"marks \u200eLRM\u200f RLM \u061cALM", "marks LRM RLM ALM"},
		{"line\u2028sep\u2029para", "lineseppara"},
		{"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0915\u094d\u200d\u0937", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0915\u094d\u200d\u0937"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("  a\n\tb  \x1b[1mc "); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b[2Jb", "\u009b1;2H", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "대한민국"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		for _, r := range out {
			if Control(r) {
				t.Fatalf("Text(%q) kept control %U", s, r)
			}
		}
		if Text(out) != out {
			t.Fatalf("not idempotent on %q", s)
		}
		if len(out) > len(s)*3 {
			t.Fatalf("output grew: %q", out)
		}
	})
}

func TestJSON(t *testing.T) {
	in := []byte("{\"a\": \"x\u009by\u202ez\x7f\", \"b\": \"대한민국\\n\"}")
	want := `{"a": "x\u009by\u202ez\u007f", "b": "대한민국\n"}`
	if got := string(JSON(in)); got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	if out := []byte(`{"plain": 1}`); &JSON(out)[0] != &out[0] {
		t.Error("clean JSON was copied")
	}
}

func FuzzJSON(f *testing.F) {
	for _, s := range []string{"plain", "x\u009by\u202ez\x7f", "대한민국\n\t\"q\"", "\x00\x1b[2J"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := json.Marshal(map[string]string{"k": s})
		if err != nil {
			return
		}
		out := JSON(b)
		var back map[string]string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("JSON(%s) is not JSON: %v", b, err)
		}
		if back["k"] != string([]rune(s)) && utf8.ValidString(s) {
			t.Fatalf("JSON changed the value: %q → %q", s, back["k"])
		}
		for _, r := range string(out) {
			if Control(r) && r != '\n' {
				t.Fatalf("JSON(%q) kept %U", s, r)
			}
		}
	})
}
