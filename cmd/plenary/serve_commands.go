package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/room"
)

// commands runs what a person asks for without a terminal (ssh HOST export
// ics > mine.ics): exports, checked by role, written to them, never on the
// server. A session without a command and without a terminal is told how
// to join.
func (s *server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		args := sess.Command()
		if len(args) == 0 {
			if _, _, ok := sess.Pty(); !ok {
				wish.Fatalln(sess, "plenary: the app needs a terminal: ssh -t … (or run a command: export ics, export report, export json, export scores)")
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
		err := s.run(sess, p, args)
		if err != nil {
			fmt.Fprintln(sess.Stderr(), "plenary: "+err.Error())
			s.log.Info("command refused", "person", p.Name, "command", strings.Join(args, " "), "reason", err.Error())
			sess.Exit(1)
			return
		}
		s.log.Info("command", "person", p.Name, "command", strings.Join(args, " "))
		sess.Exit(0)
	}
}

// run runs one command for p, writing to out.
func (s *server) run(sess ssh.Session, p *room.Person, args []string) error {
	if len(args) < 2 || args[0] != "export" {
		return errors.New("unknown command: use export ics [--starred], export report, export json or export scores [--format csv|json] [--edition E]")
	}
	snap := s.room.State().Snapshot
	fs := flag.NewFlagSet(args[1], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	starred := fs.Bool("starred", false, "")
	format := fs.String("format", "csv", "")
	edition := fs.String("edition", "", "")
	if err := fs.Parse(args[2:]); err != nil {
		return fmt.Errorf("export %s: %w", args[1], err)
	}
	var out []byte
	switch args[1] {
	case "ics":
		var ss []*agenda.Session
		var stars map[string]bool
		if *starred {
			stars, _ = agenda.Stars{Path: filepath.Join(filepath.Dir(s.places.stars.Path), "people", p.ID, "starred.toml")}.Load()
		}
		for i := range snap.Meeting.Sessions {
			if !*starred || stars[snap.Meeting.Sessions[i].ID] {
				ss = append(ss, &snap.Meeting.Sessions[i])
			}
		}
		out = []byte(agenda.ICS(snap.Meeting, ss, time.Now()))
	case "report", "json":
		if !p.MayReadNotes() {
			return fmt.Errorf("export %s holds the rapporteurs' notes, which are not shared with delegates in this meeting", args[1])
		}
		if args[1] == "report" {
			out = []byte(agenda.Report(snap.Meeting, snap.Texts, snap.ReportOptions()))
			break
		}
		var scores any
		if snap.Scores != nil {
			scores = snap.Scores.JSONModel()
		}
		b, err := agenda.ExportJSON(snap.Meeting, snap.Texts, scores)
		if err != nil {
			return err
		}
		out = append(b, '\n')
	case "scores":
		if snap.Scores == nil {
			return errors.New("this meeting has no scores")
		}
		var err error
		switch *format {
		case "csv":
			var csv string
			csv, err = snap.Scores.ExportCSV(*edition)
			out = []byte(csv)
		case "json":
			out, err = snap.Scores.ExportJSON(*edition)
			out = append(out, '\n')
		default:
			return fmt.Errorf("--format %q: want csv or json", *format)
		}
		if err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown export %q: ics, report, json or scores", args[1])
	}
	_, err := sess.Write(out)
	return err
}
