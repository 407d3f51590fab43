// Package serve is plenary's SSH server: everyone in the room joins with
// their SSH client and gets the app, with what their role allows, on the
// live data; sessions, limits, access read live from access.toml, the
// audit log, and the room they share (agenda/room).
package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/pastein"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/sshterm"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/ui"
)

// Options are the flags of plenary serve.
type Options struct {
	Listen, Access, HostKey string
	MaxConns, PerKey        int
	Rate                    int
	Reserve                 int // per cent of maxConns kept for listed people
	MaxAuth, MaxAuthPerAddr int // connections still authenticating
	Idle, Handshake         time.Duration
	Stall                   time.Duration // how long output may wait undrained (tests shorten it)
	Grace                   time.Duration // how long a presentation waits for its dropped presenter
	// Keepalive is how often each client is asked whether it is there;
	// three questions unanswered in a row cut it. 0: 15 s (tests shorten
	// it).
	Keepalive time.Duration
	// Now fixes the room's clock for a rehearsal (plenary serve --now):
	// every program reads it, and the chair's > and < move it for all.
	// Zero: the real clock.
	Now time.Time
	// GraceTimer starts the grace period's timer (room.Room.After); nil:
	// time.AfterFunc.
	GraceTimer func(d time.Duration, f func())
}

// Server is a served meeting: the bundle, the room, who may join, and the
// sessions connected.
type Server struct {
	b      bundle.Bundle
	places bundle.Places // the bundle's notes; journals and stars per person under them
	room   *room.Room
	access atomic.Pointer[room.Access]
	// accessFile: access came from a file, which then may never go
	// without the last valid list staying (only the reload goroutine
	// changes it after the start).
	accessFile bool
	log        *slog.Logger
	opts       Options
	mu         sync.Mutex
	conns      int
	perKey     map[string]int
	guests     int // keyless guests so far, to name them
	guestsIn   int // guests in a session now, keyless or not
	started    time.Time
	rates      map[string]*bucket
	// authenticating counts the connections not yet in a session, overall
	// and by address (connCallback).
	authenticating int
	authBy         map[string]int
	byKey          map[ssh.Session]*live // the live sessions
	stopped        bool
	shared         *ui.Shared    // slides, footers and themes made once for every program alike
	buffers        *sync.Pool    // the outboxes' buffers
	phases         int           // programs' sessions so far, to spread their keepalives
	quit           chan struct{} // closed when the server stops: guard ends
	claim          *room.Claim   // the bundle, held while serving
	// stopWatch ends the bundle's watcher, with the server.
	stopWatch func() error
	// saving counts the programs that have not yet saved what they hold
	// after their end: stopping waits for them.
	saving sync.WaitGroup
	// run runs a command a person asks for over SSH (ssh HOST export …):
	// the command line's own, given by the caller of Start.
	run Commands
}

// Commands runs a command person p asks for over SSH on s, writing to
// stdout and stderr, and returns its exit status.
type Commands func(s *Server, p *room.Person, args []string, stdout, stderr io.Writer) int

// Room is the served room.
func (s *Server) Room() *room.Room { return s.room }

// Places are where the served bundle's notes, journals and stars are.
func (s *Server) Places() bundle.Places { return s.places }

// Options are the server's.
func (s *Server) Options() Options { return s.opts }

// Held counts the sessions open and the connections still authenticating.
func (s *Server) Held() (sessions, authenticating int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, s.authenticating
}

// live is a session being served: its key's fingerprint ("" for a guest)
// and who it is as access.toml said last.
type live struct {
	fp     string
	person *room.Person
	// A program's session (not a command's) is guarded: its output, its
	// keys, and its keepalives (asking: a question is unanswered; missed:
	// how many in a row were not answered; phase: its second in the
	// keepalive period, so that sessions are not all asked at once).
	out    *outbox
	keys   *watchedReader
	asking atomic.Bool
	missed atomic.Int32
	phase  int
	ending atomic.Bool // cut or told to end: not again
}

// ctx keys of a connection: how it authenticated.
type ctxKey string

// Start prepares the server of a bundle and its listener: the room,
// who may join, the host key, the watcher. The caller serves and stops it.
func Start(b bundle.Bundle, o Options, run Commands, out, errOut io.Writer) (*Server, *ssh.Server, net.Listener, error) {
	ld, probs := bundle.Load(b)
	if ld.Meeting == nil {
		bundle.PrintProblems(errOut, b, probs)
		return nil, nil, nil, fmt.Errorf("%s is not valid; run plenary check", b.Label)
	}
	pl, err := bundle.PersonalPlaces(b, ld.Meeting)
	if err != nil {
		return nil, nil, nil, err
	}
	s := &Server{b: b, places: pl, opts: o, run: run, shared: ui.NewShared(), buffers: newBuffers(), quit: make(chan struct{}), started: time.Now(), perKey: map[string]int{}, rates: map[string]*bucket{}, authBy: map[string]int{}, byKey: map[ssh.Session]*live{},
		log: slog.New(slog.NewTextHandler(clean.Writer{W: errOut}, nil))}
	snap := bundle.Snapshot(b, pl)
	if snap.Meeting == nil {
		return nil, nil, nil, errors.New("the bundle could not be read")
	}
	s.room = room.New(&snap)
	s.room.Grace, s.room.After = o.Grace, o.GraceTimer // a presenter's dropped Wi-Fi
	s.room.Event = func(event, person, name, session string) {
		s.log.Info(event, "person", person, "name", name, "session", session)
	}
	acc, err := s.loadAccess(ld.Meeting)
	if err != nil {
		return nil, nil, nil, err
	}
	s.access.Store(acc)

	keyPath := o.HostKey
	if keyPath == "" {
		data, err := bundle.XDGDir("XDG_DATA_HOME", ".local/share")
		if err != nil {
			return nil, nil, nil, err
		}
		keyPath = filepath.Join(data, "plenary", "host_ed25519")
	}
	signer, err := hostKey(keyPath)
	if err != nil {
		return nil, nil, nil, err
	}

	srv, err := wish.NewServer(
		wish.WithAddress(o.Listen),
		func(srv *ssh.Server) error {
			srv.AddHostKey(signer)
			return nil
		},
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithKeyboardInteractiveAuth(s.keyboardInteractive),
		wish.WithIdleTimeout(o.Idle),
		func(srv *ssh.Server) error {
			srv.ConnCallback = s.connCallback
			return nil
		},
		wish.WithMiddleware(
			s.runProgram,
			s.commands,
			s.admit,
			s.recover,
		),
	)
	if err != nil {
		return nil, nil, nil, err
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("listening on %s: %w", o.Listen, err)
	}
	// One writer per bundle: a second server refuses to start, and a
	// local plenary opens it read-only for notes and the floor.
	root := pl.Notes.Root
	if err := os.MkdirAll(root, 0o755); err == nil {
		s.claim, err = room.ClaimBundle(root, room.Holder{PID: os.Getpid(), Addr: ln.Addr().String(), Since: time.Now()})
		var served *room.ErrServed
		switch {
		case errors.As(err, &served):
			ln.Close()
			return nil, nil, nil, fmt.Errorf("%s: %w", b.Label, err)
		case err != nil:
			s.log.Warn("the bundle is not locked: a second server or a local plenary would not be kept from writing", "error", err.Error())
		}
	}
	s.announce(out, ln.Addr(), signer.PublicKey())
	// Each session and each connection authenticating holds a file; the
	// bundle, the watcher and the notes a few more.
	if lim, need := fdLimit(), uint64(o.MaxConns+o.MaxAuth+64); lim != 0 && lim < need {
		s.log.Warn("the file limit is below what the limits may need: raise it (ulimit -n) or lower --max-connections",
			"limit", lim, "need", need)
		fmt.Fprintf(errOut, "plenary: warning: %d files may be opened, and %d sessions with %d connections authenticating need about %d: raise it (ulimit -n %d) or lower --max-connections\n",
			lim, o.MaxConns, o.MaxAuth, need, need)
	}

	// One watcher for the room: a reload reaches every program. It ends
	// with the server.
	if b.Dir != "" {
		changes, stop, err := bundle.Watch(b.Dir)
		if err == nil {
			s.stopWatch = stop
			go s.follow(changes)
		} else {
			s.log.Warn("live reload is off", "error", err)
		}
	}
	go s.guard(s.quit)
	return s, srv, ln, nil
}

// Stop tells the sessions, lets their programs save what they hold, and
// closes the server.
func (s *Server) Stop(srv *ssh.Server, why string) {
	s.log.Info("stopping", "why", why, "sessions", s.room.Members())
	s.mu.Lock()
	if !s.stopped {
		close(s.quit)
	}
	s.stopped = true
	sessions := make([]ssh.Session, 0, len(s.byKey))
	for sess := range s.byKey {
		sessions = append(sessions, sess)
	}
	s.mu.Unlock()
	for _, sess := range sessions {
		// A stalled client would hold this write: it is not waited for.
		go fmt.Fprint(sess.Stderr(), "\r\nThe meeting's server is stopping; your notes are saved.\r\n")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Closing the connections ends every program, which saves its open
	// note on the way out; the process waits for those saves.
	srv.Close()
	saved := make(chan struct{})
	go func() { s.saving.Wait(); close(saved) }()
	select {
	case <-saved:
	case <-ctx.Done():
		s.log.Warn("stopping before every note was saved", "error", ctx.Err())
	}
	if s.stopWatch != nil {
		s.stopWatch()
	}
	s.claim.Release()
}

// announce prints where to join and the host key's fingerprint.
func (s *Server) announce(w io.Writer, addr net.Addr, key gossh.PublicKey) {
	port := "2222"
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(ta.Port)
	}
	fmt.Fprintf(w, "Serving %s on port %s.\n", clean.Line(s.room.State().Snapshot.Meeting.Title), port)
	var hosts []string
	if ta, ok := addr.(*net.TCPAddr); ok && !ta.IP.IsUnspecified() {
		hosts = append(hosts, ta.IP.String())
	} else if ifaces, err := net.InterfaceAddrs(); err == nil {
		for _, a := range ifaces {
			if ipn, ok := a.(*net.IPNet); ok && ipn.IP.To4() != nil && !ipn.IP.IsLoopback() {
				hosts = append(hosts, ipn.IP.String())
			}
		}
	}
	if len(hosts) == 0 {
		hosts = []string{"localhost"}
	}
	sort.Strings(hosts)
	for _, h := range hosts {
		fmt.Fprintf(w, "  ssh -p %s %s\n", port, h)
	}
	fmt.Fprintf(w, "Host key: %s\n", gossh.FingerprintSHA256(key))
	acc := s.access.Load()
	guests := "no guests"
	if acc.Guests {
		guests = "guests allowed"
	}
	people := fmt.Sprintf("%d persons", len(acc.People))
	if len(acc.People) == 1 {
		people = "1 person"
	}
	fmt.Fprintf(w, "Access: %s, %s.\n", people, guests)
	if !s.accessFile {
		fmt.Fprint(w, accessSteps(s.b.Dir))
	}
}

// accessSteps says how to say who may join, when no access.toml does:
// the keys, where they go, a file to start from.
func accessSteps(dir string) string {
	if dir == "" {
		return "No access.toml: everyone joins as a read-only guest. The embedded meeting cannot hold one:\n" +
			"  plenary init my-meeting makes a bundle of it to serve with an access.toml (docs/serving.md)\n"
	}
	where := clean.Line(dir)
	return fmt.Sprintf(`No access.toml: everyone joins as a read-only guest. To name who may join:
  1. Each person makes a key once and sends you the .pub file:
       ssh-keygen -t ed25519 -f ~/.ssh/plenary -C "Ana Martin"
  2. Put the .pub files in %[1]s/keys/ and write %[1]s/access.toml:
       [guests]
       allow = true                  # others still join, read-only
       [[person]]
       name = "Ana Martin"
       role = "secretariat"          # secretariat, rapporteur or delegate
       key_files = ["keys/ana.pub"]
  3. plenary check %[1]s says what is wrong; the server reads the file again
     when it changes. People join with: ssh -i ~/.ssh/plenary -p PORT HOST
  (docs/serving.md)
`, where)
}

// loadAccess reads who may join: --access, else access.toml in the bundle;
// without either, the server admits guests only (read-only delegates).
func (s *Server) loadAccess(m *agenda.Meeting) (*room.Access, error) {
	acc, missing, err := s.readAccess(m)
	if missing {
		s.log.Warn("no access.toml: everyone joins as a read-only guest")
		return &room.Access{Guests: true}, nil
	}
	s.accessFile = err == nil
	return acc, err
}

// readAccess reads the access file; missing says there is none.
func (s *Server) readAccess(m *agenda.Meeting) (acc *room.Access, missing bool, err error) {
	fsys, name := s.b.FS, room.AccessFile
	if s.opts.Access != "" {
		fsys, name = os.DirFS(filepath.Dir(s.opts.Access)), filepath.Base(s.opts.Access)
	} else if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return nil, true, nil
	}
	acc, probs := room.LoadAccess(fsys, name, m)
	if acc == nil {
		for _, p := range probs {
			s.log.Error("access", "problem", p.String())
		}
		first := name + " is not valid"
		if len(probs) > 0 {
			first = clean.Line(probs[0].String())
		}
		return nil, false, fmt.Errorf("%s (plenary check lists its problems)", first)
	}
	return acc, false, nil
}

// follow reads the bundle again on every change and gives the room what it
// read: the new data, or the banner of a broken file over the last good
// data. access.toml is read again too (reaccess).
func (s *Server) follow(changes <-chan bundle.Change) {
	defer s.logPanic("reload")
	for c := range changes {
		if c.Err != nil {
			s.log.Warn("watcher", "error", c.Err)
		}
		snap := bundle.Snapshot(s.b, s.places)
		banner := ""
		if snap.Meeting == nil || snap.Problems.Errors() > 0 {
			banner = clean.Line(snap.Problems.First())
		}
		if snap.Texts == nil {
			snap.Texts = s.room.State().Snapshot.Texts
		}
		s.room.SetSnapshot(&snap, banner)
		if banner != "" {
			s.log.Warn("reloaded", "files", strings.Join(c.Files, " "), "ok", false, "problem", banner)
			continue
		}
		s.log.Info("reloaded", "files", strings.Join(c.Files, " "), "ok", true)
		s.reaccess(snap.Meeting)
	}
}

// reaccess reads access.toml again and applies it to every open session
// at once: a changed role, delegation, sessions or share_notes reaches the
// person's programs; the sessions of people it no longer names end. An
// access file gone, unreadable or invalid never opens the room: the last
// valid list stays, and the log and the secretariat are told.
func (s *Server) reaccess(m *agenda.Meeting) {
	acc, missing, err := s.readAccess(m)
	switch {
	case missing && !s.accessFile:
		acc = &room.Access{Guests: true} // there never was one: still guests only
	case missing:
		err = fmt.Errorf("%s is gone", room.AccessFile)
	}
	if err != nil {
		s.log.Warn("access not taken: the last valid list stays", "problem", err.Error())
		s.room.SetAccess(s.room.State().People, err.Error())
		return
	}
	s.access.Store(acc)
	s.accessFile = s.accessFile || !missing
	s.mu.Lock()
	defer s.mu.Unlock()
	people := map[string]*room.Person{}
	for sess, l := range s.byKey {
		p, reason := s.now(acc, sess, l)
		if p == nil {
			s.end(sess, l.person.Name, reason, "\r\nplenary: "+reason+".\r\n")
			continue
		}
		if !p.Same(l.person) {
			s.log.Info("access changed", "person", p.Name, "role", string(p.Role))
		}
		l.person = p
		people[p.ID] = p
	}
	s.room.SetAccess(people, "")
}

// now is who an open session is under acc, or why it may not go on.
func (s *Server) now(acc *room.Access, sess ssh.Session, l *live) (*room.Person, string) {
	if l.person.Guest {
		if !acc.Guests {
			return nil, "guests are no longer allowed"
		}
		if p, ok := acc.Who(sess.PublicKey()); ok {
			return nil, "your key now names " + p.Name + ": connect again"
		}
		p := *l.person
		p.ShareNotes = acc.ShareNotes
		return &p, ""
	}
	p, ok := acc.Who(sess.PublicKey())
	switch {
	case !ok:
		return nil, "your key is no longer allowed (key removed from access)"
	case p.ID != l.person.ID:
		return nil, "your key now names " + p.Name + ": connect again"
	}
	return p, ""
}

// publicKey admits the keys access.toml names and, when guests are
// allowed, any other key as a guest's. Saying yes here proves nothing: the
// client may only be offering the key; who the session is comes from the
// key it then signed with (person).
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	acc := s.access.Load()
	_, ok := acc.Who(key)
	ok = ok || acc.Guests
	if !ok {
		s.log.Info("key refused", "key", gossh.FingerprintSHA256(key), "remote", ctx.RemoteAddr().String(), "reason", "not in access")
	}
	return ok
}

// keyboardInteractive lets in, with no prompt, a guest, when guests are
// allowed: a temporary one, whatever key was offered before and not
// proven.
func (s *Server) keyboardInteractive(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
	return s.access.Load().Guests
}

// connCallback limits new connections per address, and the connections
// still authenticating (overall and per address: idle handshakes are
// cheap to open and each holds a file descriptor), and bounds the
// handshake's time.
func (s *Server) connCallback(ctx ssh.Context, conn net.Conn) net.Conn {
	host, _, _ := net.SplitHostPort(conn.RemoteAddr().String())
	s.mu.Lock()
	bk, ok := s.rates[host]
	if !ok {
		if len(s.rates) >= maxRateEntries {
			s.forgetRates()
		}
		bk = &bucket{tokens: float64(s.opts.Rate), last: time.Now()}
		s.rates[host] = bk
	}
	reason := ""
	switch {
	case !bk.take(float64(s.opts.Rate)):
		reason = "too many new connections from this address"
	case s.authenticating >= s.opts.MaxAuth:
		reason = fmt.Sprintf("%d connections are authenticating already", s.authenticating)
	case s.authBy[host] >= s.opts.MaxAuthPerAddr:
		reason = fmt.Sprintf("%d connections from this address are authenticating already", s.authBy[host])
	default:
		s.authenticating++
		s.authBy[host]++
	}
	s.mu.Unlock()
	if reason != "" {
		s.log.Info("connection refused", "remote", host, "reason", reason)
		return nil // closed by the SSH server
	}
	// The handshake and authentication have this long; the first session
	// lifts the deadline, and the connection no longer counts as
	// authenticating (nor once closed).
	hc := &handshakeConn{Conn: conn, done: func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.authenticating--
		if s.authBy[host]--; s.authBy[host] <= 0 {
			delete(s.authBy, host)
		}
	}}
	hc.until.Store(time.Now().Add(s.opts.Handshake).UnixNano())
	hc.SetDeadline(time.Time{})
	ctx.SetValue(connKey, hc)
	return hc
}

// maxRateEntries bounds the addresses whose rate is kept: beyond it, those
// whose bucket is full again (no connection for a second) are forgotten.
const maxRateEntries = 4096

// forgetRates drops the buckets that are full again; it runs with s.mu.
func (s *Server) forgetRates() {
	now := time.Now()
	for host, b := range s.rates {
		if now.Sub(b.last).Seconds()*float64(s.opts.Rate)+b.tokens >= float64(s.opts.Rate) {
			delete(s.rates, host)
		}
	}
}

// handshakeConn holds every deadline the SSH library sets (it sets one on
// each read and write, for its idle timeout) within the handshake's time,
// until a session starts.
type handshakeConn struct {
	net.Conn
	until atomic.Int64 // unix nanoseconds; 0 once a session started
	done  func()       // no longer authenticating: called once
	once  sync.Once
}

func (c *handshakeConn) SetDeadline(t time.Time) error {
	if u := c.until.Load(); u != 0 && (t.IsZero() || t.UnixNano() > u) {
		t = time.Unix(0, u)
	}
	return c.Conn.SetDeadline(t)
}

// lift ends the handshake's limit.
func (c *handshakeConn) lift() {
	c.until.Store(0)
	c.Conn.SetDeadline(time.Time{})
	c.once.Do(c.done)
}

func (c *handshakeConn) Close() error {
	c.once.Do(c.done)
	return c.Conn.Close()
}

// bucket is a token bucket: rate tokens a second, as many at most.
type bucket struct {
	tokens float64
	last   time.Time
}

func (b *bucket) take(rate float64) bool {
	now := time.Now()
	b.tokens = min(rate, b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// person is who a session is, from how it authenticated: the key it
// signed with (sess.PublicKey is the key of the method that succeeded,
// never one merely offered), as access.toml names it or as a guest known
// by it; without a key, a temporary guest. And the access list that said
// so.
func (s *Server) person(sess ssh.Session) (*room.Person, string, *room.Access, error) {
	acc := s.access.Load()
	key := sess.PublicKey()
	if key == nil {
		if !acc.Guests {
			return nil, "", acc, errors.New("guests are not allowed")
		}
		s.mu.Lock()
		s.guests++
		n := s.guests
		s.mu.Unlock()
		return acc.Guest(n, s.started), "", acc, nil
	}
	fp := gossh.FingerprintSHA256(key)
	if p, ok := acc.Who(key); ok {
		return p, fp, acc, nil
	}
	if acc.Guests {
		return acc.KeyGuest(fp), fp, acc, nil
	}
	return nil, "", acc, errors.New("this key is not allowed")
}

// admit checks the session against the limits and knows who it is; it
// runs before the commands and the program.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		p, fp, acc, err := s.person(sess)
		if err != nil {
			s.log.Info("session refused", "remote", sess.RemoteAddr().String(), "reason", err.Error())
			wish.Fatalln(sess, "plenary: "+err.Error())
			return
		}
		s.mu.Lock()
		reason := ""
		if now := s.access.Load(); now != acc {
			// access.toml was read again since: this session missed the
			// reload's pass over the open ones, so it takes the new list.
			if np, why := s.now(now, sess, &live{fp: fp, person: p}); np != nil {
				p = np
			} else {
				reason = why
			}
		}
		switch {
		case reason != "":
		case s.stopped:
			reason = "the server is stopping"
		case s.conns >= s.opts.MaxConns:
			reason = fmt.Sprintf("the meeting is full (%d sessions)", s.opts.MaxConns)
		case fp != "" && s.perKey[fp] >= s.opts.PerKey:
			reason = fmt.Sprintf("this key has %d sessions open already", s.opts.PerKey)
		case p.Guest && s.guestsIn >= s.guestSlots():
			reason = fmt.Sprintf("the places for guests are taken (%d); the others are kept for the people invited", s.guestSlots())
		}
		if reason == "" {
			s.conns++
			s.perKey[fp]++
			if p.Guest {
				s.guestsIn++
			}
			s.byKey[sess] = &live{fp: fp, person: p}
		}
		s.mu.Unlock()
		if reason != "" {
			s.log.Info("session refused", "person", p.Name, "reason", reason)
			wish.Fatalln(sess, "plenary: "+reason)
			return
		}
		liftDeadline(sess)
		s.log.Info("session", "person", p.Name, "role", string(p.Role), "key", fp, "remote", sess.RemoteAddr().String(), "command", strings.Join(sess.Command(), " "))
		sess.Context().SetValue(personKey, p)
		defer func() {
			// Window changes that come after the program ended are read
			// and dropped: unread, they would stop the connection's reader
			// (and it would never see the client go).
			if _, winch, ok := sess.Pty(); ok {
				go func() {
					for range winch {
					}
				}()
			}
			s.mu.Lock()
			s.conns--
			s.perKey[fp]--
			if p.Guest {
				s.guestsIn--
			}
			delete(s.byKey, sess)
			s.mu.Unlock()
			s.log.Info("disconnect", "person", p.Name)
		}()
		next(sess)
	}
}

const personKey ctxKey = "plenary-person"

// guestSlots is how many sessions guests may hold: the rest of
// --max-connections (--reserve per cent, at least one) is kept for the
// people access.toml names, so a crowd of guests never shuts out the
// secretariat.
func (s *Server) guestSlots() int {
	kept := (s.opts.MaxConns*s.opts.Reserve + 99) / 100
	return max(s.opts.MaxConns-kept, 0)
}

// liftDeadline ends the handshake's time limit once a session runs.
func liftDeadline(sess ssh.Session) {
	if c, ok := sess.Context().Value(connKey).(*handshakeConn); ok {
		c.lift()
	}
}

const connKey ctxKey = "plenary-conn"

// recover keeps a panic in one session to that session: one log line,
// never the server.
func (s *Server) recover(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in a session", "error", fmt.Sprint(r), "stack", strings.ReplaceAll(string(debug.Stack()), "\n", " | "))
				sess.Exit(1)
			}
		}()
		next(sess)
	}
}

func (s *Server) logPanic(where string) {
	if r := recover(); r != nil {
		s.log.Error("panic", "in", where, "error", fmt.Sprint(r))
	}
}

// runProgram runs the app of a session with a terminal until it ends,
// as wish's bubbletea middleware does, but for window changes: every one
// is read as it comes and only the newest waits for the program. The
// connection's reader hands them over and must never wait for a program
// (one that is writing to a client that stopped reading would hold it, and
// the connection could not even see the client go).
func (s *Server) runProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		program := s.program(sess)
		if program == nil {
			next(sess)
			return
		}
		_, changes, ok := sess.Pty()
		if !ok {
			wish.Fatalln(sess, "no active terminal, skipping")
			return
		}
		ctx, cancel := context.WithCancel(sess.Context())
		newest := make(chan tea.WindowSizeMsg, 1)
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case w, ok := <-changes:
					if !ok {
						return
					}
					select {
					case <-newest: // an older size not yet given: replaced
					default:
					}
					newest <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}
				}
			}
		}()
		go func() {
			for {
				select {
				case <-ctx.Done():
					program.Quit()
					return
				case m := <-newest:
					program.Send(m)
				}
			}
		}()
		if _, err := program.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			s.log.Info("program", "error", err.Error())
		}
		program.Kill() // restores the terminal if the program did not
		cancel()
		next(sess)
	}
}

// program makes the app for a session: its own renderer from the client's
// terminal, its place in the room, its person's notes, journal and stars.
func (s *Server) program(sess ssh.Session) *tea.Program {
	p, _ := sess.Context().Value(personKey).(*room.Person)
	if p == nil {
		return nil
	}
	pty, _, _ := sess.Pty()
	env := append(sess.Environ(), "TERM="+pty.Term)
	renderer, in, noColor := sshterm.Open(sess, env)
	st := s.room.State()
	snap := st.Snapshot
	member := s.room.JoinAs(p.ID, p.Name)
	s.markPresent(p)
	journal := s.places.Journal
	journal.Writer, journal.Own = p.ID, true
	stars := s.places.StarsOf(p.ID)
	if p.Temporary {
		stars = agenda.Stars{} // a guest without a key keeps nothing
	}
	starred, _ := stars.Load()
	opts := ui.Options{Meeting: snap.Meeting, Scores: snap.Scores, Deck: snap.Deck, Texts: snap.Texts,
		Floors: snap.Floors, Floor: s.places.Floor, Attendance: snap.Present,
		Source: s.b.Label, Renderer: renderer, Notes: s.places.Notes, Journal: journal, Stars: stars, Starred: starred,
		Person: p, Member: member, Remote: true, RescueDir: s.places.Rescue, NoColor: noColor, Banner: st.Banner, WorkDir: os.TempDir(), Editor: []string{"false"}, Shared: s.shared}
	if !s.opts.Now.IsZero() {
		base, rm := s.opts.Now, s.room
		opts.Now = func() time.Time { return base.Add(rm.State().Clock) }
		opts.FixedClock = true
	}
	var last atomic.Value
	model := ui.New(opts)
	last.Store(model)
	report := func(where string, r any) {
		s.log.Error("panic in a session", "person", p.Name, "in", where, "error", fmt.Sprint(r),
			"stack", strings.ReplaceAll(string(debug.Stack()), "\n", " | "))
	}
	out := newOutbox(sess, outboxLimit, s.buffers, func(reason string) { s.cut(sess, p.Name, reason) }, sess.Context().Done())
	keys := &watchedReader{r: in}
	keys.last.Store(time.Now().UnixNano())
	s.mu.Lock()
	if l := s.byKey[sess]; l != nil {
		s.phases++
		l.out, l.keys, l.phase = out, keys, s.phases
	}
	s.mu.Unlock()
	// Pastes skip bubbletea's parser (pastein): a 1 MB paste in one pass.
	pastes := pastein.New(keys)
	prog := tea.NewProgram(guarded{m: model, report: report}, tea.WithInput(pastes), tea.WithOutput(out), tea.WithAltScreen(), tea.WithMouseCellMotion(),
		tea.WithoutSignalHandler(), tea.WithoutCatchPanics(), tea.WithFPS(60),
		tea.WithFilter(func(m tea.Model, msg tea.Msg) tea.Msg {
			if g, ok := m.(guarded); ok {
				if um, ok := g.m.(ui.Model); ok {
					last.Store(um)
				}
			}
			return pastes.Filter(m, msg)
		}))
	// When the program has ended (commands runs this after it): whatever
	// it held is saved, and its notes are free.
	sess.Context().SetValue(endKey, func() {
		out.Close()
		member.Leave()
		if um, ok := last.Load().(ui.Model); ok {
			if err := um.Flush(); err != nil {
				s.log.Warn("note", "person", p.Name, "error", err.Error())
			}
		}
	})
	return prog
}

const endKey ctxKey = "plenary-end"

// markPresent marks a delegate's delegation present on the first
// connection of a meeting day, and keeps it.
func (s *Server) markPresent(p *room.Person) {
	snap := s.room.State().Snapshot
	m := snap.Meeting
	if p.Delegation == "" || m == nil {
		return
	}
	today := agenda.DateOf(s.clock().In(m.Location))
	if today.Before(m.Start) || m.End.Before(today) || snap.Present.Present(today.String(), p.Delegation) {
		return
	}
	a, before := s.room.ChangeAttendance(p.ID, func(a floor.Attendance) { a.Set(today.String(), p.Delegation, true) })
	err := s.room.Saving(func() error {
		_, err := s.places.Floor.SaveAttendance(a, before, m.Codes())
		return err
	})
	if err != nil {
		s.log.Warn("attendance", "person", p.Name, "error", err.Error())
	}
}

// watchedReader notes when a key last came.
type watchedReader struct {
	r    io.Reader
	last atomic.Int64
}

func (r *watchedReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// guard looks at every program's session once a second, in one
// goroutine for all: it closes one whose client stopped reading its output
// for the stall time or pressed no key for the idle time, and asks each
// client every keepalive period whether it is there at all (SSH
// keepalives); one that leaves three questions in a row unanswered is cut
// (a dead client goes within a minute).
func (s *Server) guard(quit <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	type guarded struct {
		sess ssh.Session
		l    *live
	}
	var all []guarded
	for second := 0; ; second++ {
		var now time.Time
		select {
		case <-quit:
			return
		case now = <-tick.C:
		}
		all = all[:0]
		s.mu.Lock()
		for sess, l := range s.byKey {
			if l.out != nil {
				all = append(all, guarded{sess, l})
			}
		}
		s.mu.Unlock()
		for _, g := range all {
			s.check(g.sess, g.l, now, second%s.keepaliveTicks() == g.l.phase%s.keepaliveTicks())
		}
	}
}

// keepaliveTicks is the keepalive period, in the guard's seconds.
func (s *Server) keepaliveTicks() int {
	if s.opts.Keepalive <= 0 {
		return 15
	}
	return max(int(s.opts.Keepalive/time.Second), 1)
}

// check is guard's look at one session.
func (s *Server) check(sess ssh.Session, l *live, now time.Time, ask bool) {
	defer s.logPanic("guard")
	if sess.Context().Err() != nil || l.ending.Load() {
		return // ended, or being ended: admit forgets it
	}
	if l.out.Stalled(now) > s.opts.Stall {
		l.ending.Store(true)
		s.cut(sess, l.person.Name, "the client stopped reading its output")
		return
	}
	if now.Sub(time.Unix(0, l.keys.last.Load())) > s.opts.Idle {
		// Said once: ending takes up to a few seconds (the message, then
		// the connection), and the guard looks again every second.
		l.ending.Store(true)
		s.end(sess, l.person.Name, "idle", fmt.Sprintf("\r\nplenary: closed after %v without a key pressed.\r\n", s.opts.Idle))
		return
	}
	if !ask {
		return
	}
	if l.asking.Load() {
		// The last question is still unanswered after a whole period.
		if l.missed.Add(1) >= 3 {
			l.ending.Store(true)
			s.cut(sess, l.person.Name, "no answer to keepalives")
		}
		return
	}
	conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn)
	if !ok {
		return
	}
	l.asking.Store(true)
	go func() {
		// Until the client answers or the connection closes.
		if _, _, err := conn.SendRequest("keepalive@openssh.com", true, nil); err == nil {
			l.missed.Store(0)
		} else {
			l.missed.Add(1)
		}
		l.asking.Store(false)
	}()
}

// outboxLimit is how much output may wait for a client: many full redraws
// of the largest window (maxW×maxH); past it the client is not reading.
const outboxLimit = 8 << 20

// cut ends a session's whole connection at once: its client does not read
// (or is gone), so nothing is said to it. Closing only the channel would
// leave the connection, and with it the session's goroutines, to a client
// that never answers.
func (s *Server) cut(sess ssh.Session, who, reason string) {
	s.log.Info("session ended", "person", who, "reason", reason)
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		c.Close()
	}
	sess.Close()
}

// end tells a session why it ends, closes it, and cuts its connection if
// the client has not gone within a few seconds: a client that reads
// nothing any more cannot keep it.
func (s *Server) end(sess ssh.Session, who, reason, msg string) {
	s.log.Info("session ended", "person", who, "reason", reason)
	go func() {
		defer s.logPanic("end")
		said := make(chan struct{})
		go func() {
			if msg != "" {
				io.WriteString(sess.Stderr(), msg)
			}
			close(said)
		}()
		select {
		case <-said:
		case <-time.After(time.Second):
		}
		sess.Close()
		select {
		case <-sess.Context().Done():
		case <-time.After(3 * time.Second):
			if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
				c.Close()
			}
		}
	}()
}

// hostKey reads the server's ed25519 key, making it on first start (mode
// 0600); a key readable by group or others is refused.
func hostKey(path string) (gossh.Signer, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		block, err := gossh.MarshalPrivateKey(priv, "plenary host key")
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case st.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("the host key %s is readable by others (mode %o): chmod 600 it", path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("the host key %s: %w", path, err)
	}
	return signer, nil
}

// guarded keeps a panic in a served program to its own session: bubbletea's
// own recovery prints to the server's terminal, so it is off, and this
// recovers in Update, View and every command instead, logs one line and
// ends the session.
type guarded struct {
	m      tea.Model
	report func(where string, r any)
}

// maxSize bounds a client's window: a 10000×10000 resize would make frames
// of a hundred megabytes.
const maxW, maxH = 500, 300

func (g guarded) Init() tea.Cmd { return g.wrap(g.m.Init()) }

func (g guarded) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.report("update", r)
			m, cmd = g, tea.Quit
		}
	}()
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		msg = tea.WindowSizeMsg{Width: min(max(ws.Width, 0), maxW), Height: min(max(ws.Height, 0), maxH)}
	}
	next, c := g.m.Update(msg)
	g.m = next
	return g, g.wrap(c)
}

func (g guarded) View() (v string) {
	defer func() {
		if r := recover(); r != nil {
			g.report("view", r)
			v = "plenary stopped on an error; it is logged. Reconnect to continue.\r\n"
		}
	}()
	return g.m.View()
}

// wrap makes a command recover; the commands of a batch are wrapped as
// they come.
func (g guarded) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.report("command", r)
				msg = tea.Quit()
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make(tea.BatchMsg, len(b))
			for i, c := range b {
				out[i] = g.wrap(c)
			}
			return out
		}
		return msg
	}
}

// clock is the room's time: the rehearsal's when serve --now fixed it.
func (s *Server) clock() time.Time {
	if s.opts.Now.IsZero() {
		return time.Now()
	}
	return s.opts.Now.Add(s.room.State().Clock)
}
