package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/serve"
	gossh "golang.org/x/crypto/ssh"
)

// stalledClient is a PTY session whose client never reads its output: the
// server's writes fill the channel's window and wait.
type stalledClient struct {
	c    *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser
}

func (s *served) stalled(name string) *stalledClient {
	s.t.Helper()
	c, err := s.dial(name, "key")
	if err != nil {
		s.t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		s.t.Fatal(err)
	}
	if _, err := sess.StdoutPipe(); err != nil { // never read
		s.t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		s.t.Fatal(err)
	}
	return &stalledClient{c: c, sess: sess, in: in}
}

// storm asks for new window sizes every 5 ms until stop is closed: every
// one is a full redraw the client will never read.
func (sc *stalledClient) storm(stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
		if sc.sess.WindowChange(200+i%2*100, 400+i%2*100) != nil {
			return
		}
	}
}

// TestServeStalledClientsLetGo: clients that stop reading, storm window
// changes and then vanish give back their key's sessions and the note
// lock they held within 10 s of going, and 20 followers of the slides keep
// their latency all along.
func TestServeStalledClientsLetGo(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of stalls; window changes race inside charmbracelet/ssh (see TestServeIdleAndStalled)")
	}
	s := serveBundle(t, true, serve.Options{Stall: 3 * time.Second, MaxConns: 100, PerKey: 3, Rate: 1000, MaxAuth: 100, MaxAuthPerAddr: 100},
		"Lucía:rapporteur", "Ana:secretariat")
	var stalled []*stalledClient
	for range 3 {
		stalled = append(stalled, s.stalled("Lucía"))
	}
	// The first opens the note of session 1: it holds the note's lock.
	deadline := time.Now().Add(slowdown * 10 * time.Second)
	for s.server.Room().State().Locks["where-do-we-stand"] == "" && time.Now().Before(deadline) {
		io.WriteString(stalled[0].in, "e")
		time.Sleep(200 * time.Millisecond)
	}
	if s.server.Room().State().Locks["where-do-we-stand"] == "" {
		t.Fatal("the stalled client never opened the note")
	}
	// 20 followers of Ana's slides, who join after: their latency before
	// the storm is their normal. (A client joining while she presents
	// follows the slides and could not open the note.)
	f := follow(t, s, 20)
	f.round(t, "P", "following Ana · slide 1/4")
	var normal []time.Duration
	for c := range 10 {
		normal = append(normal, f.flip(t, c)...)
	}

	stop := make(chan struct{})
	var storms sync.WaitGroup
	for _, sc := range stalled {
		storms.Add(1)
		go func() { defer storms.Done(); sc.storm(stop) }()
	}
	// The followers keep their latency while the storm goes on.
	var during []time.Duration
	for c := range 20 {
		during = append(during, f.flip(t, c)...)
	}
	// The bound is loose: the whole suite may run beside this test on two
	// cores; the soak (-long) holds the tight one.
	if n, d := percentile(normal, 99), percentile(during, 99); d > 3*n+200*time.Millisecond {
		t.Errorf("the followers' p99 went from %v to %v while clients stalled", n, d)
	} else {
		t.Logf("followers' p99: %v, then %v while three clients stalled and stormed", n, d)
	}
	f.ana.keys("\x1b") // the presentation ends: a rapporteur joining after finds the agenda
	close(stop)
	for _, sc := range stalled {
		sc.c.Close() // gone, without a word
	}
	gone := time.Now()
	storms.Wait()

	// Within 10 s Lucía's key joins again and her note is free.
	var lucia *screen
	for {
		c, err := s.dial("Lucía", "key")
		if err == nil {
			_, errOut, err := s.run(c, "export ics")
			if err == nil {
				lucia = s.open(c, 100, 30)
				break
			}
			if !strings.Contains(errOut, "sessions open already") {
				t.Fatalf("export ics: %v %s", err, errOut)
			}
			c.Close()
		}
		if time.Since(gone) > slowdown*10*time.Second {
			t.Fatalf("Lucía's key was still refused %v after her stalled clients went:\n%s", time.Since(gone), s.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	lucia.waitFor("Lucía · rapporteur")
	for s.server.Room().State().Locks["where-do-we-stand"] != "" {
		if time.Since(gone) > slowdown*10*time.Second {
			t.Fatalf("the note's lock was still held %v after its client went", time.Since(gone))
		}
		time.Sleep(100 * time.Millisecond)
	}
	lucia.keys("e")
	lucia.waitFor("Notes · 1 Where do we stand?")
	if strings.Contains(lucia.read(), "being edited by") {
		t.Error("the note was still locked for its writer's stalled session")
	}
	t.Logf("free again %v after the clients went", time.Since(gone).Round(time.Millisecond))
}

// TestServeStalledClientIsCut: a client that stays connected but reads
// nothing loses its connection after the stall time, not only its channel.
func TestServeStalledClientIsCut(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of stalls; window changes race inside charmbracelet/ssh (see TestServeIdleAndStalled)")
	}
	s := serveBundle(t, false, serve.Options{Stall: time.Second}, "Bo:delegate")
	sc := s.stalled("Bo")
	stop := make(chan struct{})
	go sc.storm(stop)
	defer close(stop)
	closed := make(chan error, 1)
	go func() { closed <- sc.c.Wait() }()
	select {
	case <-closed:
	case <-time.After(slowdown * 10 * time.Second):
		t.Fatalf("the connection of a client that reads nothing was kept:\n%s", s.log.String())
	}
	if !strings.Contains(s.log.String(), "stopped reading its output") {
		t.Errorf("the log does not say why:\n%s", s.log.String())
	}
}

// editAccess rewrites the served access.toml with edit.
func (s *served) editAccess(edit func(string) string) {
	s.t.Helper()
	path := filepath.Join(s.dir, "access.toml")
	b, err := os.ReadFile(path)
	if err != nil {
		s.t.Fatal(err)
	}
	after := edit(string(b))
	if after == string(b) {
		s.t.Fatal("the edit changed nothing in access.toml")
	}
	write(s.t, path, after)
}

// TestServeAccessIsLive: a rapporteur demoted in access.toml stops writing
// at once (what she typed is saved, the editor closed); share_notes turned
// off hides new decisions from a connected delegate; access.toml deleted
// keeps the last list (no guest gets in) and the secretariat is told.
func TestServeAccessIsLive(t *testing.T) {
	s := serveBundle(t, false, serve.Options{}, "share_notes", "Lucía:rapporteur", "Ana:secretariat", "Bo:delegate")
	screens := s.join(100, 30, "Lucía", "Ana", "Bo")
	lucia, ana, bo := screens[0], screens[1], screens[2]
	lucia.keys("e")
	lucia.waitFor("Notes · 1 Where do we stand?")
	lucia.keys("D: typed before the demotion")
	lucia.waitFor("D: typed before the demotion")

	s.editAccess(func(a string) string {
		return strings.Replace(a, "name = \"Lucía\"\nrole = \"rapporteur\"", "name = \"Lucía\"\nrole = \"delegate\"", 1)
	})
	lucia.waitFor("Your access changed: you are now a delegate.")
	note := filepath.Join(s.dir, "notes", "where-do-we-stand.md")
	waitFile(note, func(text string) bool { return strings.Contains(text, "D: typed before the demotion") })
	lucia.keys("x")
	lucia.keys("e") // a delegate of a room that shares the notes reads them
	lucia.waitFor("The notes of session 1 are in the detail")
	lucia.keys("\x1b")
	if b, _ := os.ReadFile(note); strings.Contains(string(b), "x") {
		t.Errorf("the demoted rapporteur still typed into the note: %q", b)
	}

	// share_notes off: a decision written after it never reaches Bo.
	bo.keys("4")
	bo.waitFor("typed before the demotion")
	s.editAccess(func(a string) string { return strings.Replace(a, "share_notes = true", "share_notes = false", 1) })
	bo.waitFor("not shared with delegates")
	bo.waitFor("Your access changed: what you may do changed.")
	ana.keys("e")
	ana.waitFor("Notes · 1 Where do we stand?")
	ana.keys("\rD: SECRET AFTER THE CHANGE")
	ana.keys("\x13")
	ana.waitFor("saved")
	waitFile(note, func(text string) bool { return strings.Contains(text, "SECRET AFTER") })
	bo.keys("1")
	bo.waitFor("enter open") // the agenda drawn, so that 4 draws the notes again
	bo.keys("4")
	bo.waitFor("not shared with delegates")
	if strings.Contains(bo.read(), "SECRET AFTER") {
		t.Error("a delegate saw a decision written after share_notes was turned off")
	}
	if out, _, err := s.run(bo.client, "export report"); err == nil && strings.Contains(out, "SECRET AFTER") {
		t.Errorf("a delegate's report holds the notes after share_notes was turned off:\n%s", out)
	}

	// access.toml deleted: the room stays closed to strangers, the people
	// in it stay, the secretariat is told.
	if err := os.Remove(filepath.Join(s.dir, "access.toml")); err != nil {
		t.Fatal(err)
	}
	ana.waitFor("access.toml not taken")
	if c, err := s.dial("", "none"); err == nil {
		if _, _, err := s.run(c, "export ics"); err == nil {
			t.Error("a guest got in after access.toml was deleted")
		}
	}
	bo.keys("1")
	bo.waitFor("Where do we stand?")
	if c, err := s.dial("Bo", "key"); err != nil {
		t.Errorf("Bo's key was refused after access.toml was deleted: %v", err)
	} else if _, _, err := s.run(c, "export ics"); err != nil {
		t.Errorf("Bo's export after access.toml was deleted: %v", err)
	}
	if !strings.Contains(s.log.String(), "the last valid list stays") {
		t.Errorf("the log does not say access was kept:\n%s", s.log.String())
	}
}

// TestServeOneWriterPerBundle: a second server on a served bundle refuses
// to start and names the first; a local plenary beside the server opens
// the notes read-only and runs no floor, and says why; once the server
// stops, the local program writes again.
func TestServeOneWriterPerBundle(t *testing.T) {
	s := serveBundle(t, false, serve.Options{}, "Ana:secretariat")
	b, err := bundle.Disk(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := s.server.Options()
	opts.Listen = "127.0.0.1:0"
	var errOut syncBuffer
	if _, _, _, err := serve.Start(b, opts, cli.SSHCommands, io.Discard, &errOut); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("served already by plenary serve (pid %d on %s since", os.Getpid(), s.addr)) {
		t.Fatalf("a second server on the bundle: %v", err)
	}

	bin := binary(t)
	local := startTmux(t, 120, 30, fmt.Sprintf("%s %s --now 2017-05-18T10:30", bin, s.dir))
	local.waitFor("Read-only: plenary serve has this bundle (pid")
	local.keys("e")
	local.waitFor("read-only, live")
	local.tmux("send-keys", "-t", "main", "-l", "typed beside the server")
	local.waitFor("is writing this note")
	local.keys("Escape")
	local.keys("Q")
	local.waitFor("Read-only here: the floor and the attendance are the served room's")
	if _, err := os.Stat(filepath.Join(s.dir, "floor")); err == nil {
		t.Error("the local program wrote a floor record beside the server")
	}
	if b, _ := os.ReadFile(filepath.Join(s.dir, "notes", "where-do-we-stand.md")); strings.Contains(string(b), "typed beside") {
		t.Error("the local program wrote a note beside the server")
	}

	// The server stops: the local program sees the bundle free again.
	s.server.Stop(s.ssh, "the test stops it")
	local.waitUntil("the banner gone", slowdown*10*time.Second, func(scr string) bool { return !strings.Contains(scr, "Read-only: plenary serve") })
	local.keys("e")
	local.waitFor("Notes · 1")
	local.tmux("send-keys", "-t", "main", "-l", "D: written once the server stopped")
	local.keys("C-s")
	waitFile(filepath.Join(s.dir, "notes", "where-do-we-stand.md"), func(text string) bool { return strings.Contains(text, "once the server stopped") })
}

// TestCheckRefusesLinkedAndFIFONotes: plenary check reads notes through
// the same safe reader as the exports: a note that is a link out of the
// bundle or a FIFO makes the bundle invalid and is named, never read.
func TestCheckRefusesLinkedAndFIFONotes(t *testing.T) {
	dir := newBundle(t)
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	outside := filepath.Join(t.TempDir(), "secret.md")
	write(t, outside, "D: SECRET FROM OUTSIDE\n")
	if err := os.Symlink(outside, filepath.Join(dir, "notes", "where-do-we-stand.md")); err != nil {
		t.Skip(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "notes", "ogd-report.md"), 0o644); err != nil {
		t.Skip(err)
	}
	code, out, _ := runCLI(t, "check", dir)
	for _, want := range []string{"notes/where-do-we-stand.md:1:1: cannot be read: is a symbolic link", "notes/ogd-report.md:1:1: cannot be read: is not a regular file", "notes: invalid: 2 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
	if code == 0 || strings.Contains(out, "SECRET") {
		t.Errorf("check of a bundle with a linked and a FIFO note: exit %d\n%s", code, out)
	}
}

// TestServeTinyWindowsWhilePresenting: a follower and the presenter resize
// to 0×0, 1×1, 80×0 and 2×2 while a slide is shown: nobody's session ends,
// and back at a real size the slide is drawn again.
func TestServeTinyWindowsWhilePresenting(t *testing.T) {
	if testing.Short() {
		t.Skip("window changes race inside charmbracelet/ssh (see TestServeIdleAndStalled)")
	}
	s := serveBundle(t, false, serve.Options{}, "Ana:secretariat", "Bo:delegate")
	screens := s.join(120, 40, "Ana", "Bo")
	ana, bo := screens[0], screens[1]
	ana.keys("P")
	bo.waitFor("following Ana · slide 1/4")
	for i, sz := range [][2]int{{0, 0}, {1, 1}, {80, 0}, {2, 2}, {0, 80}, {3, 1}} {
		for _, sc := range []*screen{ana, bo} {
			if err := sc.sess.WindowChange(sz[1], sz[0]); err != nil {
				t.Fatalf("%dx%d: %v", sz[0], sz[1], err)
			}
		}
		// Another slide, drawn at that size (forth and back: never past
		// the deck's end).
		ana.keys([]string{"\x1b[C", "\x1b[D"}[i%2])
	}
	for _, sc := range []*screen{ana, bo} {
		sc.sess.WindowChange(40, 120)
	}
	bo.waitFor("following Ana · slide 1/4")
	ana.keys("\x1b[C\x1b[C") // past the first slide's second page
	bo.waitFor("following Ana · slide 2/4")
	if strings.Contains(s.log.String(), "panic") {
		t.Errorf("a session panicked:\n%s", s.log.String())
	}
}

// TestServeGuestsLeaveRoomForInvited: guests fill their share of the room
// and no more; the next guest is told why, and the secretariat still gets
// in.
func TestServeGuestsLeaveRoomForInvited(t *testing.T) {
	s := serveBundle(t, true, serve.Options{MaxConns: 5, PerKey: 3, Rate: 100, Reserve: 40}, "Ana:secretariat")
	// 5 places, 40 % kept: 3 for guests.
	if errOut, err := s.guestsIn(3); err == nil || !strings.Contains(errOut, "the places for guests are taken (3)") {
		t.Errorf("a fourth guest: %v %q", err, errOut)
	}
	ac, err := s.dial("Ana", "key")
	if err != nil {
		t.Fatal(err)
	}
	s.open(ac, 80, 24).waitFor("Ana · secretariat")
}

// TestServeAuthenticatingCap: connections that open and never finish
// authenticating are capped per address; the next is closed at once, and
// once they go, a real client gets in.
func TestServeAuthenticatingCap(t *testing.T) {
	s := serveBundle(t, false, serve.Options{MaxConns: 10, PerKey: 3, Rate: 100, MaxAuth: 64, MaxAuthPerAddr: 2}, "Ana:secretariat")
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Read(make([]byte, 64)); err != nil { // the server's version line
			t.Fatalf("an idle connection got no version line: %v", err)
		}
	}
	third, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	third.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := third.Read(make([]byte, 64)); err == nil || n > 0 {
		t.Errorf("a third connection authenticating from one address was served (%d bytes, %v)", n, err)
	}
	third.Close()
	if !strings.Contains(s.log.String(), "2 connections from this address are authenticating already") {
		t.Errorf("the log does not say why:\n%s", s.log.String())
	}
	for _, c := range idle {
		c.Close()
	}
	deadline := time.Now().Add(slowdown * 5 * time.Second)
	for {
		c, err := s.dial("Ana", "key")
		if err == nil {
			if _, _, err = s.run(c, "export ics"); err == nil {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("a real client after the idle ones went: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeCutsADeadLink: a client whose link goes dead (a laptop shut
// mid-session: nothing read, nothing sent, the connection left open) is
// asked whether it is there, leaves three questions unanswered and is cut,
// its slot free again — though it was neither idle long nor stalled on
// output.
func TestServeCutsADeadLink(t *testing.T) {
	s := serveBundle(t, false, serve.Options{Keepalive: time.Second, PerKey: 1, MaxConns: 10, Rate: 100}, "Bo:delegate")
	link := freezable(t, s.addr)
	c, err := gossh.Dial("tcp", link.addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(s.keys["Bo"])},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sc := s.open(c, 100, 30)
	sc.waitFor("Where do we stand?")
	link.frozen.Store(true)
	start := time.Now()
	for !strings.Contains(s.log.String(), "no answer to keepalives") {
		if time.Since(start) > slowdown*15*time.Second {
			t.Fatalf("a dead link was kept %v:\n%s", time.Since(start), s.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for deadline := time.Now().Add(slowdown * 5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if n, _ := s.server.Held(); n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the dead link's session still holds its slot")
		}
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Errorf("cut after %v: before three questions could go unanswered", d)
	}
}

// frozenLink is a TCP relay to a server that can stop passing bytes in
// both directions, as a dead link does, without closing anything.
type frozenLink struct {
	addr   string
	frozen atomic.Bool
}

func freezable(t *testing.T, to string) *frozenLink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	l := &frozenLink{addr: ln.Addr().String()}
	relay := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			for l.frozen.Load() {
				time.Sleep(20 * time.Millisecond) // bytes go nowhere
			}
			if n > 0 {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", to)
			if err != nil {
				in.Close()
				continue
			}
			t.Cleanup(func() { in.Close(); out.Close() })
			go relay(out, in)
			go relay(in, out)
		}
	}()
	return l
}
