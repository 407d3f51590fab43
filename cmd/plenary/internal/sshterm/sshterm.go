// Package sshterm gives a program served over SSH its own terminal: a
// lipgloss renderer for the client's colour profile and background, and an
// input stream from which the answers to the background query are taken
// out. The background is asked once, with a bounded wait: a client that
// never answers does not delay the first frame, and an answer that comes
// late is still taken out of the input, never typed as keys.
package sshterm

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Wait is how long the first frame waits for the background's answer.
const Wait = 100 * time.Millisecond

// filterFor is how long answers that come late are looked for in the input.
const filterFor = 5 * time.Second

// query asks for the background colour (OSC 11), then the device
// attributes (DA1), which every terminal answers: the second answer says
// the first will not come.
const query = "\x1b]11;?\x07\x1b[c"

// Open starts the terminal of a session: rw is the session (input and
// output), env its environment (TERM from the PTY request, COLORTERM,
// NO_COLOR when the client sends them). It returns the renderer, the
// input the program reads, and whether colour is off (NO_COLOR): then the
// renderer still draws bold, underline and reverse, which carry meaning.
func Open(rw io.ReadWriter, env []string) (*lipgloss.Renderer, io.Reader, bool) {
	r := lipgloss.NewRenderer(rw, termenv.WithEnvironment(environ(env)), termenv.WithUnsafe(), termenv.WithColorCache(true))
	noColor := NoColor(env)
	if noColor {
		r.SetColorProfile(termenv.ANSI)
	}
	pr, pw := io.Pipe()
	f := &filter{out: pw, bg: make(chan bool, 1), until: time.Now().Add(filterFor)}
	if r.ColorProfile() == termenv.Ascii || noColor {
		// No colour: the background does not matter; nothing is asked.
		f.asked = false
		f.bg <- true
	} else {
		f.asked = true
		io.WriteString(rw, query)
	}
	go f.run(rw)
	select {
	case dark := <-f.bg:
		r.SetHasDarkBackground(dark)
	case <-time.After(Wait):
		r.SetHasDarkBackground(true)
	}
	return r, pr, noColor
}

// NoColor reports whether env asks for no colour on a terminal that can
// show attributes: NO_COLOR set (to anything) and TERM not dumb.
func NoColor(env []string) bool {
	no, dumb := false, false
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "NO_COLOR" && v != "":
			no = true
		case k == "TERM" && (v == "dumb" || v == ""):
			dumb = true
		}
	}
	return no && !dumb
}

// filter copies the input to the program, taking out the answers to the
// query until the DA1 answer has come (or filterFor has passed).
type filter struct {
	out     *io.PipeWriter
	bg      chan bool // dark background, once known
	asked   bool
	until   time.Time
	pending []byte // an answer split across reads
	sent    bool
}

func (f *filter) run(in io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := in.Read(buf)
		if n > 0 {
			data := buf[:n]
			if f.asked && time.Now().Before(f.until) {
				data = f.take(data)
			}
			if len(data) > 0 {
				if _, werr := f.out.Write(data); werr != nil {
					return
				}
			}
		}
		if err != nil {
			f.out.CloseWithError(err)
			return
		}
	}
}

// take removes the answers from data and returns the rest.
func (f *filter) take(data []byte) []byte {
	data = append(f.pending, data...)
	f.pending = nil
	var rest bytes.Buffer
	for len(data) > 0 {
		i := bytes.IndexByte(data, 0x1b)
		if i < 0 {
			rest.Write(data)
			break
		}
		rest.Write(data[:i])
		data = data[i:]
		n, complete, dark, isBG, isDA := answer(data)
		switch {
		case !complete:
			// Perhaps an answer cut in two: keep it for the next read.
			f.pending = append([]byte(nil), data...)
			data = nil
		case n == 0:
			rest.WriteByte(0x1b) // an escape key or another sequence: the program's
			data = data[1:]
		default:
			if isBG {
				f.send(dark)
			}
			if isDA {
				f.send(true) // no background answer came before it: dark by default
				f.asked = false
				rest.Write(data[n:])
				data = nil
				continue
			}
			data = data[n:]
		}
	}
	return rest.Bytes()
}

func (f *filter) send(dark bool) {
	if !f.sent {
		f.sent = true
		f.bg <- dark
	}
}

// answer reads an answer at the start of b (which starts with ESC): its
// length (0 when it is not one), whether it is complete, and what it says.
// Only a sequence already recognisable as an answer is held back when a
// read ends inside it: a lone ESC is the escape key, at once.
func answer(b []byte) (n int, complete, dark, isBG, isDA bool) {
	switch {
	case bytes.HasPrefix(b, []byte("\x1b]11;")):
		for i := 5; i < len(b) && i < 256; i++ {
			switch b[i] {
			case 0x07:
				return i + 1, true, isDark(string(b[5:i])), true, false
			case 0x1b:
				if i+1 >= len(b) {
					return 0, false, false, false, false
				}
				if b[i+1] == '\\' {
					return i + 2, true, isDark(string(b[5:i])), true, false
				}
				return 0, true, false, false, false
			}
		}
		return 0, len(b) >= 256, false, false, false
	case bytes.HasPrefix(b, []byte("\x1b[?")):
		for i := 3; i < len(b) && i < 64; i++ {
			switch c := b[i]; {
			case c == 'c':
				return i + 1, true, false, false, true
			case (c >= '0' && c <= '9') || c == ';':
			default:
				return 0, true, false, false, false
			}
		}
		return 0, len(b) >= 64, false, false, false
	}
	return 0, true, false, false, false
}

// isDark reads rgb:RRRR/GGGG/BBBB and says whether it is dark.
func isDark(s string) bool {
	s = strings.TrimPrefix(s, "rgb:")
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return true
	}
	var sum float64
	for _, p := range parts {
		v, err := strconv.ParseUint(p, 16, 32)
		if err != nil || len(p) == 0 {
			return true
		}
		sum += float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	return sum/3 < 0.5
}

// environ is the client's environment for termenv.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	for _, v := range e {
		if strings.HasPrefix(v, k+"=") {
			return v[len(k)+1:]
		}
	}
	return ""
}
