package serve

import (
	"bytes"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"codeberg.org/plenary/plenary/agenda/room"
)

// commands runs what a person asks for without a terminal (ssh HOST export
// ics > mine.ics): the command line's own export commands, on the room's
// live data as that person may see it, written to them, never on the
// server. A session without a command and without a terminal is told how
// to join.
func (s *Server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		args := sess.Command()
		if len(args) == 0 {
			if _, _, ok := sess.Pty(); !ok {
				wish.Fatalln(sess, "plenary: the app needs a terminal: ssh -t … (or run a command: ssh … help)")
				return
			}
			s.saving.Add(1)
			defer s.saving.Done()
			next(sess) // the program, until it ends
			if end, ok := sess.Context().Value(endKey).(func()); ok {
				end()
			}
			return
		}
		p, _ := sess.Context().Value(personKey).(*room.Person)
		var errOut bytes.Buffer
		code := s.run(s, p, args, sess, &errOut)
		sess.Stderr().Write(errOut.Bytes())
		if code != 0 {
			s.log.Info("command refused", "person", p.Name, "command", strings.Join(args, " "), "reason", strings.TrimSpace(errOut.String()))
		} else {
			s.log.Info("command", "person", p.Name, "command", strings.Join(args, " "))
		}
		sess.Exit(code)
	}
}
