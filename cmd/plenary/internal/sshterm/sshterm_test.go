package sshterm

import (
	"io"
	"strings"
	"testing"
	"time"
)

// fakeTerm is a client: what the program writes goes to written; what the
// client sends comes from sends, one read each.
type fakeTerm struct {
	sends   chan string
	written strings.Builder
}

func (f *fakeTerm) Read(p []byte) (int, error) {
	s, ok := <-f.sends
	if !ok {
		return 0, io.EOF
	}
	return copy(p, s), nil
}

func (f *fakeTerm) Write(p []byte) (int, error) { return f.written.Write(p) }

func readAll(t *testing.T, r io.Reader, want int) string {
	t.Helper()
	buf := make([]byte, 256)
	var got strings.Builder
	for got.Len() < want {
		n, err := r.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return got.String()
}

func TestAnswerTakenOut(t *testing.T) {
	ft := &fakeTerm{sends: make(chan string, 8)}
	ft.sends <- "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c"
	ft.sends <- "ab\x1b"
	close(ft.sends)
	r, in, _ := Open(ft, []string{"TERM=xterm-256color"})
	if r.HasDarkBackground() {
		t.Error("a white background read as dark")
	}
	if got := readAll(t, in, 3); got != "ab\x1b" {
		t.Errorf("input %q", got)
	}
	if !strings.Contains(ft.written.String(), "\x1b]11;?") {
		t.Error("the background was not asked")
	}
}

// TestSilentClient: a client that never answers costs the first frame at
// most Wait, and its late answer never reaches the program as keys.
func TestSilentClient(t *testing.T) {
	ft := &fakeTerm{sends: make(chan string, 8)}
	start := time.Now()
	r, in, _ := Open(ft, []string{"TERM=xterm-256color"})
	if d := time.Since(start); d > Wait+50*time.Millisecond {
		t.Errorf("waited %v", d)
	}
	if !r.HasDarkBackground() {
		t.Error("no answer should mean the dark default")
	}
	ft.sends <- "\x1b]11;rgb:0000/0000/0000\x07" // late
	ft.sends <- "\x1b[?1;2c"                     // and its DA1
	ft.sends <- "q"
	close(ft.sends)
	if got := readAll(t, in, 1); got != "q" {
		t.Errorf("the late answer reached the program: %q", got)
	}
}

func TestNoColourAsksNothing(t *testing.T) {
	ft := &fakeTerm{sends: make(chan string, 1)}
	ft.sends <- "x"
	close(ft.sends)
	_, in, _ := Open(ft, []string{"TERM=dumb"})
	if ft.written.Len() != 0 {
		t.Errorf("asked %q of a terminal without colour", ft.written.String())
	}
	if got := readAll(t, in, 1); got != "x" {
		t.Errorf("input %q", got)
	}
}
