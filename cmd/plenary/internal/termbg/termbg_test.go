package termbg

import "testing"

func TestParseOSC11(t *testing.T) {
	tests := []struct {
		reply    string
		dark, ok bool
	}{
		{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R", true, true},
		{"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[1;1R", false, true},
		{"\x1b]11;rgb:fd/f6/e3\x07", false, true}, // solarized light, 8-bit
		{"\x1b]11;rgb:2828/2c2c/3434\x1b\\", true, true},
		{"\x1b[1;1R", false, false}, // DSR only: no OSC 11 support
		{"\x1b]11;rgb:zz/00/00\x07", false, false},
	}
	for _, tt := range tests {
		dark, ok := parseOSC11(tt.reply)
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("parseOSC11(%q) = %v, %v; want %v, %v", tt.reply, dark, ok, tt.dark, tt.ok)
		}
	}
}

func TestDarkFromEnvironment(t *testing.T) {
	env := func(term, fgbg string) func(string) string {
		return func(k string) string {
			return map[string]string{"TERM": term, "COLORFGBG": fgbg}[k]
		}
	}
	// Under tmux nothing is queried: COLORFGBG decides, else dark.
	if !Dark(env("tmux-256color", "")) {
		t.Error("default should be dark")
	}
	if Dark(env("screen", "0;15")) {
		t.Error("COLORFGBG 0;15 is a light background")
	}
	if !Dark(env("screen", "15;0")) {
		t.Error("COLORFGBG 15;0 is a dark background")
	}
}
