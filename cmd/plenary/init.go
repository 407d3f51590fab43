package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
)

func newInitCmd() *cobra.Command {
	var force, rehearsal bool
	var from, zone string
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write the embedded 2017 meeting to DIR as an editable bundle, or start one from your agenda",
		Example: `  plenary init my-meeting
  plenary init --force my-meeting       # overwrite files that exist
  plenary init --rehearsal rehearsal    # with illustrative session times, to try the clock
  plenary rehearsal --now 2017-05-18T13:20
  plenary init my-meeting --from schedule.xml   # your agenda: schedule.xml, schedule JSON, Indico, iCalendar`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if from != "" {
				if rehearsal {
					return cli.UsageErr("--from and --rehearsal: one or the other")
				}
				if _, err := os.Stat(filepath.Join(args[0], agenda.MeetingFile)); err == nil && !force {
					return cli.UsageErr("%s exists; use --force to replace it, or plenary import agenda to update it", filepath.Join(args[0], agenda.MeetingFile))
				}
				m, err := readAgenda(from, "auto", zone, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				return newAgenda(cmd, args[0], from, m, false)
			}
			return initBundle(cmd, args[0], force, rehearsal)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "start the bundle from your agenda `FILE` (schedule.xml, schedule JSON, Indico export or iCalendar) instead of the 2017 meeting")
	cmd.Flags().StringVar(&zone, "timezone", "", "with --from: the meeting's IANA time `ZONE`, for files that name none")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	cmd.Flags().BoolVar(&rehearsal, "rehearsal", false, "give the sessions illustrative times (the 2017 meeting published none), titled as a rehearsal, to try now, next and breaks")
	return cmd
}

// bringNotes copies the notes taken on the read-only embedded meeting (kept
// in the user's data folder) into the new bundle's notes/, so that they are
// not left behind; a note already in the bundle stays unless force. Stars
// need nothing: they are kept by meeting, and the bundle is the same meeting.
func bringNotes(cmd *cobra.Command, dir string, force bool) error {
	m, _ := agenda.Load(data.Embedded())
	if m == nil {
		return nil
	}
	pl, err := bundle.PersonalPlaces(bundle.Bundle{FS: data.Embedded()}, m)
	if err != nil {
		return nil // nowhere they could have been taken
	}
	notes, err := pl.Notes.LoadAll(m.SessionIDs())
	if err != nil {
		fmt.Fprintf(clean.Writer{W: cmd.ErrOrStderr()}, "plenary: some notes of the embedded meeting were not read: %v\n", err)
	}
	if len(notes) == 0 {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return cli.UsageErr("%w", err)
	}
	dst := agenda.NoteStore{Dir: filepath.Join(abs, "notes"), Root: abs}
	if err := os.MkdirAll(dst.Dir, 0o755); err != nil {
		return cli.UsageErr("%w", err)
	}
	out := clean.Writer{W: cmd.OutOrStdout()}
	copied := 0
	for _, id := range m.SessionIDs() {
		n, ok := notes[id]
		if !ok {
			continue
		}
		if cur, err := dst.Load(id); err == nil && cur.Version.Exists && !force {
			fmt.Fprintf(out, "kept %s (a note is there already; --force replaces it)\n", dst.Path(id))
			continue
		}
		if _, err := dst.Overwrite(id, n.Text); err != nil {
			return fmt.Errorf("copying the note of %s: %w", id, err)
		}
		fmt.Fprintln(out, "wrote", dst.Path(id))
		copied++
	}
	if copied > 0 {
		fmt.Fprintf(out, "Brought %d note(s) taken on the embedded meeting from %s (left there as they were).\n", copied, pl.Notes.Dir)
	}
	return nil
}

func initBundle(cmd *cobra.Command, dir string, force, rehearsal bool) error {
	src := data.Embedded()
	var files []string
	if err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	}); err != nil {
		return err
	}
	if !force {
		for _, f := range files {
			dst := filepath.Join(dir, filepath.FromSlash(f))
			if _, err := os.Stat(dst); err == nil {
				return cli.UsageErr("%s exists; use --force to overwrite", dst)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return cli.UsageErr("%w", err)
			}
		}
	}
	for _, f := range files {
		b, err := fs.ReadFile(src, f)
		if rehearsal && f == "meeting.toml" {
			b, err = data.RehearsalMeeting()
		}
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return cli.UsageErr("%w", err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return cli.UsageErr("%w", err)
		}
		fmt.Fprintln(clean.Writer{W: cmd.OutOrStdout()}, "wrote", dst)
	}
	if err := bringNotes(cmd, dir, force); err != nil {
		return err
	}
	if rehearsal {
		fmt.Fprintf(clean.Writer{W: cmd.OutOrStdout()}, "The session times are illustrative (the 2017 meeting published none).\nTry the clock during lunch on day 1: plenary %s --now 2017-05-18T13:20\n", dir)
		return nil
	}
	fmt.Fprintf(clean.Writer{W: cmd.OutOrStdout()}, "Open it with: plenary %s\n", dir)
	return nil
}
