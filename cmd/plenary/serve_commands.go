package main

import (
	"bytes"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda/room"
)

// commands runs what a person asks for without a terminal (ssh HOST export
// ics > mine.ics): the command line's own export commands, on the room's
// live data as that person may see it, written to them, never on the
// server. A session without a command and without a terminal is told how
// to join.
func (s *server) commands(next ssh.Handler) ssh.Handler {
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
		code := execute(newSSHRootCmd(s.remoteSource(p)), args, sess, &errOut)
		sess.Stderr().Write(errOut.Bytes())
		if code != 0 {
			s.log.Info("command refused", "person", p.Name, "command", strings.Join(args, " "), "reason", strings.TrimSpace(errOut.String()))
		} else {
			s.log.Info("command", "person", p.Name, "command", strings.Join(args, " "))
		}
		sess.Exit(code)
	}
}

// newSSHRootCmd is the command tree a person runs over SSH: the export
// commands of the command line, reading the served room (src). help lists
// what this person may run.
func newSSHRootCmd(src source) *cobra.Command {
	root := &cobra.Command{
		Use:           "ssh HOST",
		Short:         "The served meeting's exports, to your terminal",
		Long:          "Over SSH the exports read the meeting being served, as your role may see it, and write to your terminal: redirect them to a file.",
		Example:       "  ssh -p 2222 HOST export ics --starred > mine.ics\n  ssh -p 2222 HOST export report --format pdf > report.pdf",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	export := newExportCmd(src)
	for _, c := range export.Commands() {
		if c.Annotations[holdsNotes] != "" && !src.person.MayReadNotes() {
			c.Hidden = true // refused too (source.check)
		}
		if f := c.Flags().Lookup("output"); f != nil {
			f.Hidden = true // the output comes to the terminal
		}
	}
	root.AddCommand(export)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}
