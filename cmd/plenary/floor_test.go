package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/serve"
	"codeberg.org/plenary/plenary/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// The floor is what serving a room costs before plenary does anything: a
// wish + bubbletea v1 server whose programs show frames drawn beforehand
// by plenary (the agenda and each frame of a follower's slides, colours and all, at
// the followers' size) and whose presenter's keys broadcast the slide
// number. The load benchmark drives it with the same clients as plenary,
// so that the difference between the two is plenary's own work.

// floorFrames are the screens the floor shows: before the presentation,
// then slide 1 (its two pages at this size) and slide 2 — the frames a
// follower of plenary goes through when the presenter presses P, → and →.
type floorFrames [4]string

// floorHub is the floor's room: the frame shown and the programs to tell.
type floorHub struct {
	mu     sync.Mutex
	shown  int
	seq    int // presses so far
	progs  map[*tea.Program]bool
	frames floorFrames
}

// floorShow tells a program the frame after the seq-th press: presses
// are told in goroutines that may overtake one another, so a program
// keeps the latest.
type floorShow struct{ seq, shown int }

// press moves the room as plenary's presenter's key would: P and ← to
// slide 1, → to its next page, then to slide 2.
func (h *floorHub) press(key string) {
	h.mu.Lock()
	switch key {
	case "P", "left":
		h.shown = 1
	case "right":
		h.shown = min(h.shown+1, len(h.frames)-1)
	}
	h.seq++
	show := floorShow{h.seq, h.shown}
	progs := make([]*tea.Program, 0, len(h.progs))
	for p := range h.progs {
		progs = append(progs, p)
	}
	h.mu.Unlock()
	for _, p := range progs {
		p.Send(show)
	}
}

// floorModel shows its frame; P, → and ← (anyone's, here the
// presenter's) change the frame for every program.
type floorModel struct {
	hub        *floorHub
	seq, shown int
}

func (m floorModel) Init() tea.Cmd { return nil }

func (m floorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case floorShow:
		if msg.seq > m.seq {
			m.seq, m.shown = msg.seq, msg.shown
		}
	case tea.KeyMsg:
		switch k := msg.String(); k {
		case "P", "left", "right":
			go m.hub.press(k)
		case "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m floorModel) View() string { return m.hub.frames[m.shown] }

// startFloor serves frames on a loopback port with a host key at
// hostKey; anyone gets in. It returns the address and how to stop.
func startFloor(frames floorFrames, hostKey string) (string, func(), error) {
	hub := &floorHub{progs: map[*tea.Program]bool{}, frames: frames}
	program := func(sess ssh.Session) *tea.Program {
		hub.mu.Lock()
		m := floorModel{hub: hub, seq: hub.seq, shown: hub.shown}
		hub.mu.Unlock()
		p := tea.NewProgram(m, append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFPS(60))...)
		hub.mu.Lock()
		hub.progs[p] = true
		hub.mu.Unlock()
		go func() {
			<-sess.Context().Done()
			hub.mu.Lock()
			delete(hub.progs, p)
			hub.mu.Unlock()
		}()
		return p
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(hostKey),
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(program, termenv.Ascii)),
	)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go srv.Serve(ln)
	return ln.Addr().String(), func() { srv.Close() }, nil
}

// capture is a follower of the served room, in this process: a plenary
// program drawing for a 256-colour terminal at w×h, whose latest frame
// the benchmark reads.
type capture struct {
	prog  *tea.Program
	frame *atomic.Value
}

type capturing struct {
	m     tea.Model
	frame *atomic.Value
}

func (c capturing) Init() tea.Cmd { return c.m.Init() }

func (c capturing) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := c.m.Update(msg)
	c.m = m
	c.frame.Store(m.View())
	return c, cmd
}

func (c capturing) View() string { return "" }

func captureFollower(s *served, w, h int) *capture {
	st := s.server.Room().State()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	r.SetHasDarkBackground(true)
	snap := st.Snapshot
	m := ui.New(ui.Options{Meeting: snap.Meeting, Scores: snap.Scores, Deck: snap.Deck, Texts: snap.Texts, Floors: snap.Floors, Attendance: snap.Present,
		Renderer: r, Person: &room.Person{Name: "Guest 0", ID: "capture", Role: room.Delegate, Temporary: true},
		Member: s.server.Room().JoinAs("capture", "Guest 0"), Remote: true, Shared: ui.NewShared(), Editor: []string{"false"}})
	c := &capture{frame: &atomic.Value{}}
	c.frame.Store("")
	c.prog = tea.NewProgram(capturing{m: m, frame: c.frame}, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler())
	go c.prog.Run()
	c.prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
	return c
}

// wait returns the captured frame once it shows marker and is not
// before (the frame before it).
func (c *capture) wait(tb testing.TB, marker, before string) string {
	tb.Helper()
	for deadline := time.Now().Add(patience(10 * time.Second)); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if f := c.frame.Load().(string); strings.Contains(f, marker) && f != before {
			return f
		}
	}
	tb.Fatalf("the captured follower never showed %q:\n%s", marker, c.frame.Load())
	return ""
}

// captureFrames serves the bundle in this process for a moment and
// captures what a follower draws at followW×followH: the agenda, then
// each frame of slides 1 and 2 as Ana presents them.
func captureFrames(b *testing.B) floorFrames {
	s := serveBundle(b, true, serve.Options{}, "Ana:secretariat")
	defer s.server.Stop(s.ssh, "the frames are drawn")
	c := captureFollower(s, followW, followH)
	defer c.prog.Quit()
	var frames floorFrames
	frames[0] = c.wait(b, "Where do we stand?", "")
	ac, _ := s.dial("Ana", "key")
	ana := s.open(ac, followW, followH)
	ana.waitFor("Where do we stand?")
	ana.keys("P")
	frames[1] = c.wait(b, "following Ana · slide 1/4", "")
	ana.keys("\x1b[C")
	frames[2] = c.wait(b, "following Ana · slide 1/4", frames[1])
	ana.keys("\x1b[C")
	frames[3] = c.wait(b, "following Ana · slide 2/4", "")
	return frames
}

// The load servers run in a process of their own (this test binary
// started again with loadRole set), so that what they hold is measured
// apart from the clients'. They print their address, answer each line
// "measure" with their live and resident memory, and stop when their
// input ends.
const (
	loadRole   = "PLENARY_LOAD_SERVER" // "plenary" or "floor"
	loadBundle = "PLENARY_LOAD_BUNDLE" // the bundle plenary serves
	loadFrames = "PLENARY_LOAD_FRAMES" // the floor's frames, JSON
	// loadProfile names a folder for the servers' profiles.
	loadProfile = "PLENARY_LOAD_PROFILE"
)

// loadServer is the server process's side; TestMain runs it for loadRole.
func loadServer(role string) int {
	var addr string
	var stop func()
	switch role {
	case "plenary":
		b, err := bundle.Disk(os.Getenv(loadBundle))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		opts := serve.Options{Listen: "127.0.0.1:0", MaxConns: 1000, PerKey: 1000, Rate: 100000, MaxAuth: 1000, MaxAuthPerAddr: 1000,
			Idle: time.Minute, Handshake: 10 * time.Second, Stall: 10 * time.Second, Grace: 20 * time.Second,
			HostKey: filepath.Join(filepath.Dir(b.Dir), "host_ed25519")}
		srv, sshSrv, ln, err := serve.Start(b, opts, cli.SSHCommands, io.Discard, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		go sshSrv.Serve(ln)
		addr, stop = ln.Addr().String(), func() { srv.Stop(sshSrv, "the run ended") }
	case "floor":
		var frames floorFrames
		raw, err := os.ReadFile(os.Getenv(loadFrames))
		if err == nil {
			err = json.Unmarshal(raw, &frames)
		}
		if err == nil {
			addr, stop, err = startFloor(frames, os.Getenv(loadFrames)+".key")
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	default:
		return 2
	}
	// With loadProfile set, the server's CPU profile for the whole run
	// and its heap at each measure go there (DIR/cpu-ROLE.out,
	// DIR/heap-ROLE.out), for go tool pprof.
	dir := os.Getenv(loadProfile)
	if dir != "" {
		f, err := os.Create(filepath.Join(dir, "cpu-"+role+".out"))
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	fmt.Println(addr)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		l, r := live(), freedRSS()
		if dir != "" {
			if f, err := os.Create(filepath.Join(dir, "heap-"+role+".out")); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
		fmt.Println(l, r)
	}
	stop()
	return 0
}

// loadProcess is a load server as the benchmark sees it.
type loadProcess struct {
	*served
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// startLoad starts a load server of role with env; s gives the people's
// keys (plenary's) and receives the server's log.
func startLoad(b *testing.B, role string, s *served, env ...string) *loadProcess {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, loadRole+"="+role)...)
	cmd.Stderr = s.log
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	p := &loadProcess{served: s, cmd: cmd, in: in, out: bufio.NewReader(out)}
	line, err := p.out.ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		b.Fatalf("the %s server did not start: %v\n%s", role, err, s.log.String())
	}
	s.addr = strings.TrimSpace(line)
	return p
}

// memory is the server's live and resident memory.
func (p *loadProcess) memory(b *testing.B) (live, rss int64) {
	io.WriteString(p.in, "measure\n")
	line, err := p.out.ReadString('\n')
	if _, err2 := fmt.Sscan(line, &live, &rss); err != nil || err2 != nil {
		b.Fatalf("the server's memory: %q %v %v", line, err, err2)
	}
	return live, rss
}

func (p *loadProcess) stop() {
	p.in.Close()
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// BenchmarkFollow200 measures a slide change reaching 200 followers on
// plenary and on the floor, in the same run, with the same clients:
// 200 followers at 120×40 (loopback) each reading its own output, 10
// more that never read theirs (closed lids), and a presenter who moves
// between two slides 100 times. Each follower notes the moment the new
// slide's footer arrives in its reader; a change not seen by all 200
// within 20 s fails. Each server runs in a process of its own, the
// clients in this one. It reports the medians over the runs
// (-benchtime Nx) of p50 and p99 for each, the memory a session adds to
// the server (live objects and stacks after a collection, and resident
// memory once the garbage is returned) and plenary's ratios to the
// floor. It never asserts a time. Bounded: it stops by itself.
func BenchmarkFollow200(b *testing.B) {
	const n, stalled, changes = 200, 10, 100
	frames := captureFrames(b)
	framesFile := filepath.Join(b.TempDir(), "frames.json")
	raw, _ := json.Marshal(frames)
	if err := os.WriteFile(framesFile, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	var app, floor []followRun
	for b.Loop() {
		s := accessBundle(b, true, "Ana:secretariat")
		p := startLoad(b, "plenary", s, loadBundle+"="+s.dir)
		app = append(app, measureFollow(b, p, n, stalled, changes))
		p.stop()
		fs := &served{t: b, keys: map[string]gossh.Signer{"Ana": newSigner(b)}, log: &syncBuffer{}}
		p = startLoad(b, "floor", fs, loadFrames+"="+framesFile)
		floor = append(floor, measureFollow(b, p, n, stalled, changes))
		p.stop()
	}
	a, f := medianRun(app), medianRun(floor)
	b.ReportMetric(ms(a.p50), "p50-ms")
	b.ReportMetric(ms(a.p99), "p99-ms")
	b.ReportMetric(a.mb, "MB/session")
	b.ReportMetric(a.rss, "RSS-MB/session")
	b.ReportMetric(ms(f.p50), "floor-p50-ms")
	b.ReportMetric(ms(f.p99), "floor-p99-ms")
	b.ReportMetric(f.mb, "floor-MB/session")
	b.ReportMetric(f.rss, "floor-RSS-MB/session")
	b.ReportMetric(float64(a.p50)/float64(f.p50), "p50-ratio")
	b.ReportMetric(float64(a.p99)/float64(f.p99), "p99-ratio")
	b.ReportMetric(a.mb/f.mb, "memory-ratio")
	b.ReportMetric(a.rss/f.rss, "RSS-ratio")
}

// followRun is one run's figures: latencies and memory per session.
type followRun struct {
	p50, p99 time.Duration
	mb, rss  float64 // live memory and resident memory a session adds
}

// measureFollow connects stalled and n followers to p, brings every
// follower to slide 1, then measures changes slide changes.
func measureFollow(b *testing.B, p *loadProcess, n, stalled, changes int) followRun {
	beforeLive, beforeRSS := p.memory(b)
	var wg sync.WaitGroup
	for range stalled {
		wg.Go(func() {
			c, err := p.dial("", "none")
			if err != nil {
				b.Error(err)
				return
			}
			sess, _ := c.NewSession()
			sess.RequestPty("xterm-256color", followH, followW, gossh.TerminalModes{})
			sess.StdoutPipe() // never read
			sess.Shell()
		})
	}
	f := follow(b, p.served, n)
	wg.Wait()
	f.round(b, "P", "following Ana · slide 1/4")
	var lat []time.Duration
	for c := range changes {
		lat = append(lat, f.flip(b, c)...)
	}
	afterLive, afterRSS := p.memory(b)
	per := func(a, b int64) float64 { return float64(a-b) / float64(n+stalled) / (1 << 20) }
	return followRun{p50: percentile(lat, 50), p99: percentile(lat, 99), mb: per(afterLive, beforeLive), rss: per(afterRSS, beforeRSS)}
}

// live is the memory the process's objects and goroutine stacks hold
// after a collection: what the sessions keep, without garbage.
func live() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() + s[1].Value.Uint64())
}

// freedRSS is the process's resident memory once the garbage is given
// back to the system.
func freedRSS() int64 {
	debug.FreeOSMemory()
	return rss()
}

// medianRun is the median of each figure over runs.
func medianRun(runs []followRun) followRun {
	var p50, p99 []time.Duration
	var mb, rss []float64
	for _, r := range runs {
		p50, p99, mb, rss = append(p50, r.p50), append(p99, r.p99), append(mb, r.mb), append(rss, r.rss)
	}
	slices.Sort(mb)
	slices.Sort(rss)
	return followRun{p50: percentile(p50, 50), p99: percentile(p99, 50), mb: mb[len(mb)/2], rss: rss[len(rss)/2]}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
