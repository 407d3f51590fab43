package pastein

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// got records what a program was given.
type got struct {
	msgs chan tea.KeyMsg
}

func (g got) Init() tea.Cmd { return nil }
func (g got) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		g.msgs <- k
	}
	return g, nil
}
func (g got) View() string { return "" }

// run starts a real bubbletea program reading in through a Reader (or
// straight from in, filtered false) and returns the keys it gets.
func run(t testing.TB, in io.Reader, filtered bool) chan tea.KeyMsg {
	g := got{msgs: make(chan tea.KeyMsg, 1000)}
	opts := []tea.ProgramOption{tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler()}
	if filtered {
		r := New(in)
		opts = append(opts, tea.WithInput(r), tea.WithFilter(r.Filter))
	} else {
		opts = append(opts, tea.WithInput(in))
	}
	p := tea.NewProgram(g, opts...)
	go p.Run()
	t.Cleanup(p.Kill)
	return g.msgs
}

func next(t testing.TB, msgs chan tea.KeyMsg) tea.KeyMsg {
	t.Helper()
	select {
	case k := <-msgs:
		return k
	case <-time.After(10 * time.Second):
		t.Fatal("no key in 10 s")
	}
	return tea.KeyMsg{}
}

// TestPastesInOrder: keys before, between and after pastes arrive in
// order; pastes arrive whole with their line breaks; markers cut by the
// end of a read, empty pastes, invalid UTF-8, and a paste that forges a
// token are handled as bubbletea would.
func TestPastesInOrder(t *testing.T) {
	long := strings.Repeat("Line one pasted\rD: pasted decision\r\n", 3000)
	input := "ab" + start + long + end + "c" + start + end + "d" + start + "x\x00\xffy" + end + start + "\x00" + end + "\x1b"
	pr, pw := io.Pipe()
	msgs := run(t, pr, true)
	go func() {
		// Written in small pieces: markers are cut between reads.
		for b := []byte(input); len(b) > 0; {
			n := piece(b, 7)
			pw.Write(b[:n])
			b = b[n:]
		}
	}()
	want := []string{"ab", "[" + long + "]", "c", "d", "[x\x00y]", "[\x00]", "esc"}
	for _, w := range want {
		if k := next(t, msgs); k.String() != w {
			t.Fatalf("got %q, want %q", k.String()[:min(len(k.String()), 60)], w[:min(len(w), 60)])
		}
	}
}

// TestCutMarker: the start of a marker at the end of a read.
func TestCutMarker(t *testing.T) {
	for _, tt := range []struct {
		b    string
		want int
	}{{"abc", 0}, {"abc\x1b", 1}, {"abc\x1b[", 2}, {"abc\x1b[20", 4}, {"abc\x1b[200", 5}, {"abc\x1b[2x", 0}, {"", 0}} {
		if got := cutMarker([]byte(tt.b), start); got != tt.want {
			t.Errorf("cutMarker(%q) = %d, want %d", tt.b, got, tt.want)
		}
	}
}

// FuzzReader: whatever the input and however it is cut, what bubbletea is
// given is the input with pastes as tokens, and each paste is queued.
func FuzzReader(f *testing.F) {
	f.Add([]byte("ab\x1b[200~hello\x1b[201~c"), uint8(3))
	f.Add([]byte("\x1b[200~\x1b[201~\x1b[200~x"), uint8(1))
	f.Add([]byte("\x1b[20\x1b[200~\x1b[201\x1b[201~"), uint8(5))
	f.Fuzz(func(t *testing.T, in []byte, step uint8) {
		r := New(&slow{b: in, step: int(step%16) + 1})
		var out bytes.Buffer
		p := make([]byte, 256)
		for range 100000 {
			n, err := r.Read(p)
			if n > len(p) {
				t.Fatalf("read %d bytes into %d", n, len(p))
			}
			out.Write(p[:n])
			if err != nil {
				break
			}
		}
		// Outside pastes the bytes are those of the input.
		var want bytes.Buffer
		var pastes []string
		rest := in
		for {
			i := bytes.Index(rest, []byte(start))
			if i < 0 {
				want.Write(rest)
				break
			}
			want.Write(rest[:i])
			rest = rest[i+len(start):]
			j := bytes.Index(rest, []byte(end))
			if j < 0 {
				rest = nil
				break
			}
			if j > 0 {
				pastes = append(pastes, string(rest[:j]))
				want.WriteString(token)
			}
			rest = rest[j+len(end):]
		}
		if !bytes.Equal(out.Bytes(), want.Bytes()) {
			t.Fatalf("gave %q, want %q", out.Bytes(), want.Bytes())
		}
		if strings.Join(r.queued, "|") != strings.Join(pastes, "|") {
			t.Fatalf("queued %q, want %q", r.queued, pastes)
		}
	})
}

// slow reads step bytes at a time, then io.EOF.
type slow struct {
	b    []byte
	step int
}

func (s *slow) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b[:piece(s.b, s.step)])
	s.b = s.b[n:]
	return n, nil
}

// BenchmarkPaste: a paste through a real bubbletea program, from the
// first byte written to the message, with the filter and without.
func BenchmarkPaste(b *testing.B) {
	for _, size := range []int{256 << 10, 1 << 20} {
		for _, filtered := range []bool{true, false} {
			name := map[bool]string{true: "pastein", false: "bubbletea"}[filtered]
			if !filtered && size > 256<<10 {
				continue // over a second a paste
			}
			b.Run(name+"-"+map[int]string{256 << 10: "256KB", 1 << 20: "1MB"}[size], func(b *testing.B) {
				text := strings.Repeat("[10:01] Delegation 3: remarks on open data, line é中\r", size/56)
				for b.Loop() {
					pr, pw := io.Pipe()
					msgs := run(b, pr, filtered)
					go pw.Write([]byte(start + text + end))
					if k := next(b, msgs); len(k.Runes) != len([]rune(text)) {
						b.Fatalf("the paste has %d runes, want %d", len(k.Runes), len([]rune(text)))
					}
					pw.Close()
				}
			})
		}
	}
}

// piece is how much of b to write or read at once, step bytes, but never
// ending right after an ESC: an ESC at the end of a short read is the esc
// key, for bubbletea as here (a terminal writes a sequence whole).
func piece(b []byte, step int) int {
	n := min(len(b), step)
	for n < len(b) && b[n-1] == 0x1b {
		n++
	}
	return n
}
