package main

import (
	"flag"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/cmd/plenary/internal/serve"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// long runs the soak and load tests (minutes); CI runs them once.
var long = flag.Bool("long", false, "run the soak and load tests (minutes)")

// followW×followH is a follower's terminal in the load tests.
const followW, followH = 120, 40

// followed is a served room under measure: followers that note when each
// slide reaches them, and the presenter who changes it.
type followed struct {
	s       *served
	want    atomic.Value // the footer of the slide being waited for
	arrived chan time.Time
	n       int
	ana     *screen
	mu      sync.Mutex
	tails   map[int]string // what each follower drew last, for a failure's message
	saw     map[int]string // the marker each saw last
}

// follow connects n guests that follow the presentation, each reading its
// own output, and Ana, who presents.
func follow(tb testing.TB, s *served, n int) *followed {
	f := &followed{s: s, arrived: make(chan time.Time, n), n: n, tails: map[int]string{}, saw: map[int]string{}}
	f.want.Store("\x00")
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := s.dial("", "none")
			if err != nil {
				tb.Error(err)
				return
			}
			sess, _ := c.NewSession()
			sess.RequestPty("xterm-256color", followH, followW, gossh.TerminalModes{})
			out, _ := sess.StdoutPipe()
			sess.Shell()
			go func() {
				buf := make([]byte, 32<<10)
				var tail string
				last := ""
				for {
					k, err := out.Read(buf)
					tail += ansi.Strip(string(buf[:k]))
					if len(tail) > 8192 {
						tail = tail[len(tail)-4096:]
					}
					if w := f.want.Load().(string); w != last && strings.Contains(tail, w) {
						last, tail = w, ""
						f.arrived <- time.Now()
					}
					f.mu.Lock()
					f.tails[i], f.saw[i] = tail, last
					f.mu.Unlock()
					if err != nil {
						return
					}
				}
			}()
		})
	}
	wg.Wait()
	ac, _ := s.dial("Ana", "key")
	f.ana = s.open(ac, followW, followH)
	f.ana.waitFor("Where do we stand?")
	return f
}

// round presses key and waits until every follower shows marker; it
// returns how long each took.
func (f *followed) round(tb testing.TB, key, marker string) []time.Duration {
	f.want.Store(marker)
	start := time.Now()
	io.WriteString(f.ana.in, key)
	var got []time.Duration
	deadline := time.After(20 * time.Second)
	for len(got) < f.n {
		select {
		case t := <-f.arrived:
			got = append(got, t.Sub(start))
		case <-deadline:
			f.mu.Lock()
			missing := ""
			for i := range f.n {
				if f.saw[i] != marker {
					missing = f.tails[i]
				}
			}
			f.mu.Unlock()
			var ended []string
			for _, l := range strings.Split(f.s.log.String(), "\n") {
				if strings.Contains(l, "session ended") || strings.Contains(l, "panic") {
					ended = append(ended, l)
				}
			}
			tb.Fatalf("%d of %d followers saw %q; one that did not drew last:\n%s\nsessions ended:\n%s", len(got), f.n, marker, missing, strings.Join(ended[max(len(ended)-30, 0):], "\n"))
		}
	}
	return got
}

// flip changes the slide forward (c even) or back, and measures it.
func (f *followed) flip(tb testing.TB, c int) []time.Duration {
	if c%2 == 0 {
		return f.round(tb, "\x1b[C\x1b[C", "following Ana · slide 2/4") // past the second page
	}
	return f.round(tb, "\x1b[D", "following Ana · slide 1/4")
}

// quietDial connects as name ("" for a guest) from a goroutine: nothing
// is reported to the test; the caller closes the client.
func quietDial(s *served, name string) (*gossh.Client, error) {
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })}
	if name != "" {
		auth = []gossh.AuthMethod{gossh.PublicKeys(s.keys[name])}
	}
	return gossh.Dial("tcp", s.addr, &gossh.ClientConfig{User: "x", Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
}

// quietStalled is served.stalled for a goroutine: errors are returned,
// never reported to the test (which may have ended).
func quietStalled(s *served, name string) (*stalledClient, error) {
	c, err := quietDial(s, name)
	if err != nil {
		return nil, err
	}
	sess, err := c.NewSession()
	if err == nil {
		err = sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{})
	}
	var in io.WriteCloser
	if err == nil {
		_, err = sess.StdoutPipe() // never read
	}
	if err == nil {
		in, err = sess.StdinPipe()
	}
	if err == nil {
		err = sess.Shell()
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	return &stalledClient{c: c, sess: sess, in: in}, nil
}

// discarding opens a terminal session whose output is read and dropped.
func discarding(c *gossh.Client, w, h int) (*gossh.Session, io.Writer) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, io.Discard
	}
	sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{})
	sess.Stdout = io.Discard
	in, err := sess.StdinPipe()
	if err != nil {
		return sess, io.Discard
	}
	sess.Shell()
	return sess, in
}

func percentile(lat []time.Duration, p int) time.Duration {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[min(len(lat)*p/100, len(lat)-1)]
}

// TestSoakHostileRoom (-long): 200 sessions for 2 minutes, a tenth of them
// hostile — clients that stop reading and storm window changes, resize
// without end, paste 256 KB at a time, or connect and vanish again and
// again — while the secretariat changes slides for 180 followers. Every
// slide reaches every follower, the p99 stays within its normal p99 (twice
// it, plus 100 ms for the hostile clients' own CPU), and once the hostile clients are gone nothing
// they held is left: sessions, places, note locks, handshakes.
func TestSoakHostileRoom(t *testing.T) {
	if !*long {
		t.Skip("a 2-minute soak: go test ./cmd/plenary -run Soak -long")
	}
	const good, hostile = 180, 20
	s := serveBundle(t, true, serve.Options{MaxConns: 1000, PerKey: 1000, Rate: 100000, Stall: 5 * time.Second, Idle: 30 * time.Minute, Handshake: 10 * time.Second, MaxAuth: 1000, MaxAuthPerAddr: 1000}, "Ana:secretariat", "Lucía:rapporteur")
	f := follow(t, s, good)
	f.round(t, "P", "following Ana · slide 1/4")
	var normal []time.Duration
	for c := range 20 {
		normal = append(normal, f.flip(t, c)...)
	}
	p99 := percentile(normal, 99)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	halt := sync.OnceFunc(func() { close(stop); wg.Wait() })
	t.Cleanup(halt) // a failing test stops its hostile clients too
	kinds := []func(i int){
		func(int) { // stalls and storms, vanishes, comes back
			for {
				sc, err := quietStalled(s, "Lucía")
				if err != nil {
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Millisecond):
						continue
					}
				}
				io.WriteString(sc.in, "e") // and holds a note
				quit := make(chan struct{})
				go func() {
					select {
					case <-stop:
					case <-time.After(time.Duration(3+rand.IntN(8)) * time.Second):
					}
					close(quit)
				}()
				sc.storm(quit)
				sc.c.Close()
				select {
				case <-stop:
					return
				default:
				}
			}
		},
		func(int) { // resizes without end, reading
			c, err := quietDial(s, "")
			if err != nil {
				return
			}
			sess, _ := discarding(c, 80, 24)
			if sess == nil {
				return
			}
			for i := 0; ; i++ {
				select {
				case <-stop:
					c.Close()
					return
				case <-time.After(20 * time.Millisecond):
				}
				sess.WindowChange(10+i%60, 20+i%200)
			}
		},
		func(int) { // pastes 256 KB at a time
			c, err := quietDial(s, "Lucía")
			if err != nil {
				return
			}
			_, in := discarding(c, 100, 30)
			paste := "\x1b[200~" + strings.Repeat("pasted words without end ", 10000) + "\x1b[201~"
			for {
				select {
				case <-stop:
					c.Close()
					return
				case <-time.After(2 * time.Second):
				}
				io.WriteString(in, paste)
			}
		},
		func(int) { // connects and vanishes
			for {
				select {
				case <-stop:
					return
				default:
				}
				c, err := quietDial(s, "")
				if err != nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				if sess, err := c.NewSession(); err == nil {
					sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{})
					sess.Shell()
				}
				time.Sleep(200 * time.Millisecond)
				c.Close()
			}
		},
	}
	for i := range hostile {
		wg.Go(func() { kinds[i%len(kinds)](i) })
	}
	var soak []time.Duration
	end := time.Now().Add(2 * time.Minute)
	for c := 0; time.Now().Before(end); c++ {
		soak = append(soak, f.flip(t, c)...)
	}
	halt()
	during := percentile(soak, 99)
	t.Logf("%d slide changes to %d followers; p99 %v before, %v with %d hostile clients", len(soak)/good, good, p99, during, hostile)
	// The hostile clients run in this process, on the same two cores: the
	// margin is their CPU, not the server waiting for them.
	if during > 2*p99+100*time.Millisecond {
		t.Errorf("p99 %v with hostile clients, %v without", during, p99)
	}

	// Nothing the hostile clients held is left: within the stall time and
	// a margin, the room holds exactly the good sessions.
	want := good + 1
	deadline := time.Now().Add(slowdown * 15 * time.Second)
	for {
		st := s.server.Room().State()
		conns, auth := s.server.Held()
		members := s.server.Room().Members()
		if conns == want && members == want && auth == 0 && len(st.Locks) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the hostile clients went: %d sessions, %d programs (want %d), %d authenticating, locks %v", conns, members, want, auth, st.Locks)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
