package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/schedule"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/safefs"
)

// maxAgendaFile caps an agenda file read for import: a conference's
// schedule is a few megabytes.
const maxAgendaFile = 64 << 20

func newImportAgendaCmd() *cobra.Command {
	var dir, format, zone string
	var dryRun, prune bool
	cmd := &cobra.Command{
		Use:   "agenda FILE --bundle DIR",
		Short: "Import an agenda: schedule.xml, schedule JSON, an Indico export or an iCalendar file",
		Long: `import agenda reads a conference schedule — frab, pentabarf or pretalx
schedule.xml (older files too), the c3voc/pretalx schedule JSON, or
Indico's export (/export/event/ID.json?detail=contributions or
?detail=sessions; contributions not scheduled are left out), or an
iCalendar file (events with TZID — IANA or Outlook's Windows names —,
all-day events, DTEND or DURATION; repeating events are refused) — and
writes its sessions into the bundle's meeting.toml: titles, dates and times
in the meeting's time zone (sessions may run past midnight), rooms, tracks as
tags, abstracts as summaries (HTML reduced to Markdown text), and the people
who present as speakers (a presenter named by a country, "France" or "FRA",
presents for that delegation). The format is found from the content.

Into a folder without a meeting.toml it writes a new bundle. Into an
existing bundle it updates the sessions it imported before, found by the
source's id (source_id in meeting.toml), adds the new ones and removes those
the source no longer has — but never a session with notes unless --prune —
and says what it added, changed and removed (--dry-run only says it). It
rewrites only the session tables that changed and keeps the rest of
meeting.toml (comments, layout, your own sessions) as it is. Notes, scores,
the deck and stars are never touched. Everything imported passes the checks
of a meeting.toml written by hand; on any problem nothing is written.`,
		Example: `  plenary import agenda schedule.xml --bundle my-meeting
  plenary import agenda https-export.json --bundle my-meeting --dry-run
  plenary import agenda old-frab.xml --bundle my-meeting --timezone Europe/Paris`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := readAgenda(args[0], format, zone, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			return writeAgenda(cmd, dir, args[0], m, dryRun, prune)
		},
	}
	cmd.Flags().StringVar(&dir, "bundle", ".", "the bundle `DIR` to write (a new one when it has no meeting.toml)")
	cmd.Flags().StringVar(&format, "format", "auto", "the file's format: auto, schedule-xml, schedule-json, indico or ics")
	cmd.Flags().StringVar(&zone, "timezone", "", "the meeting's IANA time `ZONE`, for files that name none (Europe/Paris)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "say what would change, write nothing")
	cmd.Flags().BoolVar(&prune, "prune", false, "remove sessions the source no longer has even when they have notes")
	return cmd
}

// readAgenda reads an agenda file given on the command line; what was
// read with a choice made is said on errOut.
func readAgenda(file, format, zone string, errOut io.Writer) (*agenda.Meeting, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, cli.UsageErr("%v", cli.Cause(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, cli.UsageErr("%s is not a regular file", file)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxAgendaFile+1))
	if err != nil {
		return nil, cli.UsageErr("reading %s: %v", file, cli.Cause(err))
	}
	if len(b) > maxAgendaFile {
		return nil, cli.UsageErr("%s is larger than %d MiB", file, maxAgendaFile>>20)
	}
	ok := false
	for _, f := range schedule.Formats {
		ok = ok || string(f) == format
	}
	if !ok {
		return nil, cli.UsageErr("--format %q: one of auto, schedule-xml, schedule-json, indico, ics", format)
	}
	warn := func(w string) { fmt.Fprintf(clean.Writer{W: errOut}, "warning: %s: %s\n", filepath.Base(file), w) }
	m, err := schedule.Read(filepath.Base(file), b, schedule.Options{Format: schedule.Format(format), TimeZone: zone, Warn: warn})
	if err != nil {
		return nil, &cli.ExitError{Code: 1, Err: err}
	}
	return m, nil
}

// writeAgenda writes an imported meeting into dir: a new meeting.toml, or
// an update of the one there.
func writeAgenda(cmd *cobra.Command, dir, from string, m *agenda.Meeting, dryRun, prune bool) error {
	old, err := safefs.Dir(dir).ReadFile(agenda.MeetingFile, safefs.MaxSize) // the bundle's own file, never a link out of it
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return newAgenda(cmd, dir, from, m, dryRun)
	case err != nil:
		return cli.UsageErr("%s: %v", filepath.Join(dir, agenda.MeetingFile), cli.Cause(err))
	}
	return updateAgenda(cmd, dir, string(old), m, dryRun, prune)
}

// newAgenda writes an imported meeting as the bundle's meeting.toml, a new
// one (atomically, over one that is there).
func newAgenda(cmd *cobra.Command, dir, from string, m *agenda.Meeting, dryRun bool) error {
	out := clean.Writer{W: cmd.OutOrStdout()}
	src := agenda.Encode(m, fmt.Sprintf("Imported from %s by plenary import agenda.\nEdit freely: a later import updates the sessions by source_id and keeps the rest.", filepath.Base(from)))
	fmt.Fprintf(out, "%s: a new meeting, %s on %s, %s\n", filepath.Join(dir, agenda.MeetingFile), plural(len(m.Sessions), "session"),
		plural(len(m.Days()), "day"), plural(len(m.Delegations), "delegation"))
	if dryRun {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cli.UsageErr("%v", cli.Cause(err))
	}
	if err := safefs.Dir(dir).WriteFile(agenda.MeetingFile, []byte(src), 0o644); err != nil {
		return cli.UsageErr("writing %s: %v", filepath.Join(dir, agenda.MeetingFile), cli.Cause(err))
	}
	fmt.Fprintf(out, "Open it with: plenary %s\n", dir)
	return nil
}

// updateAgenda imports m again into the bundle in dir and says what
// changed.
func updateAgenda(cmd *cobra.Command, dir, old string, m *agenda.Meeting, dryRun, prune bool) error {
	out := clean.Writer{W: cmd.OutOrStdout()}
	b, err := bundle.Disk(dir)
	if err != nil {
		return err
	}
	hasNotes := func(string) bool { return false }
	var pl *bundle.Places
	if cur, _ := agenda.Parse(agenda.MeetingFile, old); cur != nil {
		if p, err := bundle.PersonalPlaces(b, cur); err == nil {
			pl = &p
			notes, _ := pl.Notes.LoadAll(cur.SessionIDs())
			hasNotes = func(id string) bool { return strings.TrimSpace(notes[id].Text) != "" }
		}
	}
	u, err := agenda.UpdateFrom(old, m, hasNotes, prune)
	if err != nil {
		return &cli.ExitError{Code: 1, Err: err}
	}
	path := filepath.Join(dir, agenda.MeetingFile)
	say := func(what string, lines []string) {
		for _, l := range lines {
			fmt.Fprintf(out, "%s %s\n", what, l)
		}
	}
	say("added:  ", u.Added)
	say("changed:", u.Changed)
	say("removed:", u.Removed)
	say("kept:   ", u.Kept)
	say("meeting:", u.Meeting)
	for _, id := range u.Rewritten {
		fmt.Fprintf(out, "note: the table of session %s was rewritten; the comments in it are gone\n", id)
	}
	switch {
	case u.Empty():
		fmt.Fprintf(out, "%s: nothing to change\n", path)
		return nil
	case dryRun:
		fmt.Fprintf(out, "%s: nothing written (--dry-run)\n", path)
		return nil
	}
	// The notes and floor records of removed sessions go aside first: a
	// session later given the same id never inherits them.
	if pl != nil {
		if err := retireSessions(out, *pl, u.RemovedIDs, time.Now()); err != nil {
			return &cli.ExitError{Code: 1, Err: fmt.Errorf("%v; %s is unchanged", err, path)}
		}
	}
	if err := safefs.Dir(dir).WriteFile(agenda.MeetingFile, []byte(u.Text), 0o644); err != nil {
		return cli.UsageErr("writing %s: %v", path, cli.Cause(err))
	}
	fmt.Fprintf(out, "%s: %s added, %s changed, %s removed\n", path, plural(len(u.Added), "session"), plural(len(u.Changed), "session"), plural(len(u.Removed), "session"))
	return nil
}

// retireSessions moves the notes and floor records of the sessions ids
// (removed from the meeting) into removed/ folders, and says where.
func retireSessions(out io.Writer, pl bundle.Places, ids []string, at time.Time) error {
	for _, id := range ids {
		moved, err := pl.Notes.Retire(id, at)
		if err != nil {
			return fmt.Errorf("the note of %s could not be moved aside: %v", id, cli.Cause(err))
		}
		if moved != "" {
			fmt.Fprintf(out, "moved:   the note of %s to %s\n", id, moved)
		}
		if moved, err = pl.Floor.Retire(id, at); err != nil {
			return fmt.Errorf("the floor record of %s could not be moved aside: %v", id, cli.Cause(err))
		}
		if moved != "" {
			fmt.Fprintf(out, "moved:   the floor record of %s to %s\n", id, moved)
		}
	}
	return nil
}
