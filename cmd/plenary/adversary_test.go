package main

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

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
// lock they held within 10 s of going, and a good client is served all
// along.
func TestServeStalledClientsLetGo(t *testing.T) {
	if testing.Short() {
		t.Skip("seconds of stalls; window changes race inside charmbracelet/ssh (see TestServeIdleAndStalled)")
	}
	s := serveBundle(t, false, serveOptions{stall: 3 * time.Second}, "Lucía:rapporteur", "Ana:secretariat")
	ac, _ := s.dial("Ana", "key")
	ana := s.open(ac, 100, 30)
	ana.waitFor("Ana · secretariat")

	var stalled []*stalledClient
	for range 3 {
		stalled = append(stalled, s.stalled("Lucía"))
	}
	// The first opens the note of session 1: it holds the note's lock.
	deadline := time.Now().Add(slowdown * 10 * time.Second)
	for s.server.room.State().Locks["where-do-we-stand"] == "" && time.Now().Before(deadline) {
		io.WriteString(stalled[0].in, "e")
		time.Sleep(200 * time.Millisecond)
	}
	if s.server.room.State().Locks["where-do-we-stand"] == "" {
		t.Fatal("the stalled client never opened the note")
	}
	stop := make(chan struct{})
	var storms sync.WaitGroup
	for _, sc := range stalled {
		storms.Add(1)
		go func() { defer storms.Done(); sc.storm(stop) }()
	}
	// The storm goes on while a good client works.
	for _, k := range []string{"2", "3", "1"} {
		ana.keys(k)
	}
	ana.keys("2")
	ana.waitFor("0.943")
	time.Sleep(2 * time.Second)
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
	for s.server.room.State().Locks["where-do-we-stand"] != "" {
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
	s := serveBundle(t, false, serveOptions{stall: time.Second}, "Bo:delegate")
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
