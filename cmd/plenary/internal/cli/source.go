package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/serve"
)

// Source is where the export commands read a meeting: a bundle on disk
// (the command line), or over SSH the served room as one person may see
// it. The same commands serve both, so flags, help and checks cannot
// drift between them.
type Source struct {
	// person is who asks over SSH; nil on the command line.
	person *room.Person
	// bundle reads a valid meeting and what goes with it; scores reads a
	// bundle whose scores are valid (the meeting may be missing).
	bundle func(cmd *cobra.Command, args []string) (exported, error)
	scores func(cmd *cobra.Command, args []string) (bundle.Loaded, error)
}

// exported is what an export reads.
type exported struct {
	bundle.Loaded
	notes map[string]agenda.Note // as the person may read them; nil when not at all
	snap  room.Snapshot          // the floors and attendance, for the report
	stars func() (map[string]bool, error)
}

// LocalSource reads bundles on disk, DIR or the default one.
func LocalSource() Source {
	return Source{
		bundle: func(cmd *cobra.Command, args []string) (exported, error) {
			_, ld, pl, notes, err := LoadForExport(cmd, args)
			if err != nil {
				return exported{}, err
			}
			floors, _ := pl.Floor.LoadAll(ld.Meeting.SessionIDs(), ld.Meeting.Codes())
			present, _ := pl.Floor.LoadAttendance(ld.Meeting.Codes())
			return exported{Loaded: ld, notes: notes, stars: pl.Stars.Load,
				snap: room.Snapshot{Meeting: ld.Meeting, Floors: floors, Present: present}}, nil
		},
		scores: loadScores,
	}
}

// SSHCommands runs what a person asks for over SSH: the command line's
// export commands, on the served room as that person may see it.
func SSHCommands(s *serve.Server, p *room.Person, args []string, stdout, stderr io.Writer) int {
	return Execute(NewSSHRootCmd(RemoteSource(s, p)), args, stdout, stderr)
}

// RemoteSource is the served room for p: its live snapshot, the notes only
// when p may read them, p's own stars.
func RemoteSource(s *serve.Server, p *room.Person) Source {
	snapshot := func(args []string) (*room.Snapshot, error) {
		if len(args) > 0 {
			return nil, UsageErr("over SSH the meeting is the one served: name no folder (%s)", args[0])
		}
		return s.Room().State().Snapshot, nil
	}
	return Source{
		person: p,
		bundle: func(_ *cobra.Command, args []string) (exported, error) {
			snap, err := snapshot(args)
			if err != nil {
				return exported{}, err
			}
			var notes map[string]agenda.Note
			if p.MayReadNotes() {
				notes = snap.Texts
			}
			stars := s.Places().StarsOf(p.ID)
			return exported{Loaded: bundle.Loaded{Meeting: snap.Meeting, Scores: snap.Scores, Deck: snap.Deck}, notes: notes,
				snap: *snap, stars: stars.Load}, nil
		},
		scores: func(_ *cobra.Command, args []string) (bundle.Loaded, error) {
			snap, err := snapshot(args)
			if err != nil {
				return bundle.Loaded{}, err
			}
			if snap.Scores == nil {
				return bundle.Loaded{}, UsageErr("this meeting has no scores")
			}
			return bundle.Loaded{Meeting: snap.Meeting, Scores: snap.Scores, Deck: snap.Deck}, nil
		},
	}
}

// holdsNotes marks the exports that carry the rapporteurs' notes: over SSH
// they are refused (and hidden from help) to a delegate when the meeting
// does not share the notes.
const holdsNotes = "holds-notes"

// check is the one place an export is allowed or refused for the person
// asking over SSH: nothing is refused on the command line.
func (src Source) check(cmd *cobra.Command) error {
	p := src.person
	if p == nil {
		return nil
	}
	if f := cmd.Flags().Lookup("output"); f != nil && f.Changed {
		return UsageErr("-o: over SSH the output comes to your terminal: redirect it (%s > FILE)", cmd.CommandPath())
	}
	if cmd.Annotations[holdsNotes] != "" && !p.MayReadNotes() {
		return &ExitError{Code: 1, Err: fmt.Errorf("export %s holds the rapporteurs' notes, which are not shared with delegates in this meeting", cmd.Name())}
	}
	return nil
}

// errNoStars says no session is starred.
var errNoStars = errors.New("no session is starred (star sessions with * in the agenda)")
