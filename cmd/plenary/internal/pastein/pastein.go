// Package pastein takes bracketed pastes out of a terminal's input before
// bubbletea parses it. Bubbletea v1 reads input 256 bytes at a time and
// scans a pending paste again on every read: a 1 MB paste took seconds.
// Here a paste is collected in one pass and bubbletea is given an empty
// stand-in paste, a token, in its place; the program's filter (Filter)
// gives the token's message the text. The token travels in the byte
// stream, so each paste reaches the program where it was in the input.
package pastein

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

const (
	start = "\x1b[200~"
	end   = "\x1b[201~"
	// token is what bubbletea is given for a paste: a paste of one NUL.
	// No real paste reaches bubbletea, so none can stand for a token.
	token = start + "\x00" + end
)

// MaxPaste caps what one paste keeps (the rest is dropped): a note is
// never larger (agenda.MaxNoteSize).
const MaxPaste = 8 << 20

// Reader passes input through but for bracketed pastes.
//
// Read never returns more than its caller asked for and never keeps read
// bytes back while more input is not on its way: over a terminal,
// bubbletea waits for the terminal to be readable before each read, and
// bytes kept here would wait with it.
type Reader struct {
	in    io.Reader
	buf   []byte        // read, not yet passed on (a marker cut in two)
	out   []byte        // passed on, not yet returned (a reader without epoll)
	paste *bytes.Buffer // the paste being read, or nil

	mu     sync.Mutex
	queued []string // pastes whose tokens the filter has not met yet
}

// New filters in.
func New(in io.Reader) *Reader { return &Reader{in: in} }

// Read returns input with each paste replaced by a token. It may return
// no bytes (a paste still arriving): bubbletea then reads again.
func (r *Reader) Read(p []byte) (int, error) {
	if len(r.out) == 0 {
		// What is read may grow by a token's length at most: a paste
		// with text is longer than its token, and an empty one goes.
		room := len(p) - len(r.buf) - len(token)
		if room < 1 {
			room = 1
		}
		chunk := make([]byte, room)
		n, err := r.in.Read(chunk)
		r.buf = append(r.buf, chunk[:n]...)
		r.scan(n == room)
		if err != nil && r.paste == nil {
			r.out, r.buf = append(r.out, r.buf...), r.buf[:0] // the end: nothing is coming
		}
		if len(r.out) == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// scan moves what is in buf to out, pastes as tokens. The start of a
// marker cut by the end of a read waits for the rest: inside a paste
// always (its end is on its way); outside, "ESC [" and more always (no key
// is sent so: a key written with them is on its way, but for alt+[, which
// waits for the next key), a lone ESC only when the read was full (it is
// the esc key, unless more input is on its way: bubbletea reads a
// sequence cut right after its ESC the same way).
func (r *Reader) scan(full bool) {
	for len(r.buf) > 0 {
		if r.paste == nil {
			i := bytes.Index(r.buf, []byte(start))
			if i < 0 {
				keep := cutMarker(r.buf, start)
				if keep == 1 && !full {
					keep = 0
				}
				r.out = append(r.out, r.buf[:len(r.buf)-keep]...)
				r.buf = append(r.buf[:0], r.buf[len(r.buf)-keep:]...)
				return
			}
			r.out = append(r.out, r.buf[:i]...)
			r.buf = r.buf[i+len(start):]
			r.paste = &bytes.Buffer{}
			continue
		}
		i := bytes.Index(r.buf, []byte(end))
		if i < 0 {
			keep := cutMarker(r.buf, end)
			r.add(r.buf[:len(r.buf)-keep])
			r.buf = append(r.buf[:0], r.buf[len(r.buf)-keep:]...)
			return
		}
		r.add(r.buf[:i])
		r.buf = r.buf[i+len(end):]
		if r.paste.Len() > 0 {
			r.mu.Lock()
			r.queued = append(r.queued, r.paste.String())
			r.mu.Unlock()
			r.out = append(r.out, token...)
		}
		r.paste = nil
	}
	r.buf = r.buf[:0]
}

func (r *Reader) add(b []byte) {
	if room := MaxPaste - r.paste.Len(); room > 0 {
		r.paste.Write(b[:min(len(b), room)])
	}
}

// cutMarker is how many bytes at the end of b begin marker.
func cutMarker(b []byte, marker string) int {
	for n := min(len(marker)-1, len(b)); n > 0; n-- {
		if strings.HasPrefix(marker, string(b[len(b)-n:])) {
			return n
		}
	}
	return 0
}

// Filter is the program's message filter (tea.WithFilter): a token's
// paste message gets the text it stands for, as bubbletea would have
// given it (runes; invalid bytes dropped).
func (r *Reader) Filter(_ tea.Model, msg tea.Msg) tea.Msg {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !k.Paste || len(k.Runes) != 1 || k.Runes[0] != 0 {
		return msg
	}
	r.mu.Lock()
	if len(r.queued) == 0 {
		r.mu.Unlock()
		return nil
	}
	text := r.queued[0]
	r.queued = r.queued[1:]
	r.mu.Unlock()
	k.Runes = []rune(strings.ToValidUTF8(text, ""))
	if len(k.Runes) == 0 {
		return nil
	}
	return k
}

// File is a Reader over a terminal. Bubbletea takes it for the terminal
// itself (its descriptor): it sets raw mode on it, waits on it before each
// read, and can cancel the wait (to run $EDITOR); the reads come here.
type File struct {
	*Reader
	f *os.File
}

// NewFile filters the terminal f.
func NewFile(f *os.File) *File { return &File{Reader: New(f), f: f} }

// Fd, Name, Write and Close are the terminal's.
func (f *File) Fd() uintptr                 { return f.f.Fd() }
func (f *File) Name() string                { return f.f.Name() }
func (f *File) Write(b []byte) (int, error) { return f.f.Write(b) }
func (f *File) Close() error                { return f.f.Close() }
