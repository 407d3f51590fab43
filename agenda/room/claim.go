package room

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/safefs"
)

// ClaimFile is the file a server holds, locked, in the folder it writes
// notes and the floor into (the bundle) for as long as it serves it. The
// lock is the truth, not the file: a server killed leaves the file, and
// its lock goes with the process. (Without file locks, on Windows, no
// server is known to hold a bundle.)
const ClaimFile = "served.lock"

// Holder is the server serving a bundle: what the file says of it.
type Holder struct {
	PID   int
	Addr  string // the address it listens on
	Since time.Time
}

// String names the server: "pid 4242 on [::]:2222 since 18 May 09:00".
func (h Holder) String() string {
	if h.PID <= 0 {
		return "another process"
	}
	s := fmt.Sprintf("pid %d", h.PID)
	if h.Addr != "" {
		s += " on " + clean.Line(h.Addr)
	}
	if !h.Since.IsZero() {
		s += " since " + h.Since.Format("2 Jan 15:04")
	}
	return s
}

// ErrServed says a bundle is served already.
type ErrServed struct{ By Holder }

func (e *ErrServed) Error() string {
	return "the bundle is served already by plenary serve (" + e.By.String() + "): one server per bundle"
}

// Claim is a bundle held by this process's server.
type Claim struct {
	dir     safefs.Dir
	release func()
}

// ClaimBundle takes dir for a server: a second claim, in this process or
// another, gets *ErrServed naming the first. Release gives it back.
func ClaimBundle(dir string, h Holder) (*Claim, error) {
	d := safefs.Dir(dir)
	note := fmt.Sprintf("pid = %d\naddress = %q\nsince = %s\n", h.PID, h.Addr, h.Since.Format(time.RFC3339))
	release, err := d.Lock(ClaimFile, []byte(note))
	if err != nil {
		if by, served := ServedBy(dir); served {
			return nil, &ErrServed{By: by}
		}
		return nil, err
	}
	return &Claim{dir: d, release: release}, nil
}

// Release lets the bundle go: the file is removed while still locked, so
// that a claim racing with it takes a new file, never a stale lock.
func (c *Claim) Release() {
	if c == nil {
		return
	}
	c.dir.Remove(ClaimFile)
	c.release()
}

// ServedBy says whether a server holds dir now, and which.
func ServedBy(dir string) (Holder, bool) {
	d := safefs.Dir(dir)
	if !d.Locked(ClaimFile) {
		return Holder{}, false // none, or a file left by a killed server
	}
	var h Holder
	b, err := d.ReadFile(ClaimFile, 1<<10)
	if err != nil {
		return h, true // a server whose file cannot be read: unnamed
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			continue
		}
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "address":
			h.Addr, _ = strconv.Unquote(v)
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return h, true
}
