package main

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/agenda/deck"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/agenda/room"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/clean"
	"codeberg.org/plenary/plenary/data/strict"
)

func newCheckCmd() *cobra.Command {
	var strictly bool
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a bundle: every problem as path:line:col: message",
		Long: `check loads a bundle the way the app does and prints every problem it
finds as path:line:col: message, warnings marked as such, then a summary
line per file. It exits 0 when the bundle is valid (warnings allowed), 1
when it is not; with --strict a warning (two sessions at once in one
room, say) fails it too.`,
		Example: `  plenary check              # the bundle here, or the embedded one
  plenary check my-meeting
  plenary check --strict my-meeting  # warnings fail it too`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := bundle.Open(args)
			if err != nil {
				return err
			}
			out := clean.Writer{W: cmd.OutOrStdout()} // for people: cleaned
			ld, probs := bundle.Load(b)
			// access.toml, for plenary serve, when the bundle has one.
			var access *room.Access
			_, hasAccess := fs.Stat(b.FS, room.AccessFile)
			if hasAccess == nil && ld.Meeting != nil {
				var ap strict.Problems
				access, ap = room.LoadAccess(b.FS, room.AccessFile, ld.Meeting)
				probs = append(probs, ap...)
				probs.Sort()
			}
			// The chair's records of the sessions (floor/), when there are any.
			// The rapporteurs' notes: free text, so only warnings.
			var floors map[string]*floor.Log
			var notes map[string]agenda.Note
			if ld.Meeting != nil {
				if pl, err := bundle.PersonalPlaces(b, ld.Meeting); err == nil {
					var fp strict.Problems
					floors, fp = pl.Floor.LoadAll(ld.Meeting.SessionIDs(), ld.Meeting.Codes())
					probs = append(probs, fp...)
					// Each note through the same safe reader as the app and
					// the exports: a link, a FIFO or a folder in a note's
					// place is an error of that note.
					notes = map[string]agenda.Note{}
					for _, id := range ld.Meeting.SessionIDs() {
						n, err := pl.Notes.Load(id)
						switch {
						case err != nil:
							probs = append(probs, strict.Problem{File: notesDir + "/" + id + ".md", Line: 1, Col: 1, Msg: "cannot be read: " + clean.Line(cli.Cause(err).Error())})
						case n.Version.Exists:
							notes[id] = n
						}
					}
					for id, n := range notes {
						probs = append(probs, agenda.CheckNote(ld.Meeting, notesDir+"/"+id+".md", n.Text)...)
					}
					// Copies kept beside a note in a conflict: still to merge.
					copies, _ := pl.Notes.ConflictCopies()
					for id, names := range copies {
						for _, name := range names {
							probs = append(probs, strict.Problem{File: notesDir + "/" + name, Line: 1, Col: 1, Warning: true,
								Msg: fmt.Sprintf("a rapporteur's text kept beside %s/%s.md when both changed at once: merge what it adds into that note, then delete this copy", notesDir, id)})
						}
					}
					probs.Sort()
				}
			}
			bundle.PrintProblems(out, b, probs)
			valid := true
			summary := func(file string, ok bool, what string) {
				var errs, warns int
				for _, p := range probs {
					inDir := func(dir string) bool { return strings.HasPrefix(p.File, dir+"/") }
					if p.File == file || (file == data.ScoresFile && p.File != agenda.MeetingFile && p.File != deck.File && p.File != room.AccessFile && !inDir(floor.Dir) && !inDir(notesDir) && p.File != notesDir) ||
						(file == floor.Dir && inDir(floor.Dir)) || (file == notesDir && (inDir(notesDir) || p.File == notesDir)) {
						if p.Warning {
							warns++
						} else {
							errs++
						}
					}
				}
				if !ok {
					valid = false
					fmt.Fprintf(out, "%s: invalid: %s, %s\n", clean.Line(b.Path(file)), plural(errs, "error"), plural(warns, "warning"))
					return
				}
				fmt.Fprintf(out, "%s: valid: %s, %s\n", clean.Line(b.Path(file)), clean.Line(what), plural(warns, "warning"))
			}
			if ld.Meeting != nil {
				summary(agenda.MeetingFile, true, plural(len(ld.Meeting.Sessions), "session")+", "+plural(len(ld.Meeting.Delegations), "delegation"))
			} else {
				summary(agenda.MeetingFile, false, "")
			}
			switch {
			case ld.Scores != nil:
				countries := map[string]bool{}
				for _, es := range ld.Scores.Scores {
					for _, r := range es.Rows {
						countries[r.Country] = true
					}
				}
				summary(data.ScoresFile, true, fmt.Sprintf("%s, %s, %s", ld.Scores.Index.Name,
					plural(len(ld.Scores.Editions), "edition"), plural(len(countries), "country")))
			case ld.ScoresProblems:
				summary(data.ScoresFile, false, "")
			}
			switch {
			case ld.Deck != nil:
				summary(deck.File, true, plural(len(ld.Deck.Slides), "slide"))
			case ld.DeckProblems:
				summary(deck.File, false, "")
			}
			switch {
			case access != nil:
				guests := "no guests"
				if access.Guests {
					guests = "guests allowed"
				}
				summary(room.AccessFile, true, plural(len(access.People), "person")+", "+guests)
			case hasAccess == nil && ld.Meeting != nil:
				summary(room.AccessFile, false, "")
			}
			floorErrs := 0
			for _, p := range probs {
				if strings.HasPrefix(p.File, floor.Dir+"/") && !p.Warning {
					floorErrs++
				}
			}
			if len(floors) > 0 || floorErrs > 0 {
				summary(floor.Dir, floorErrs == 0, plural(len(floors), "session record"))
			}
			noteErrs := 0
			for _, p := range probs {
				if strings.HasPrefix(p.File, notesDir+"/") && !p.Warning {
					noteErrs++
				}
			}
			if len(notes) > 0 || noteErrs > 0 {
				var approved, secret int
				for _, n := range notes {
					if agenda.Status(n.Text) == agenda.Approved {
						approved++
					}
					secret += agenda.Confidential(n.Text)
				}
				summary(notesDir, noteErrs == 0, fmt.Sprintf("%s (%d approved), %s never published", plural(len(notes), "note"), approved, plural(secret, "confidential line")))
			}
			if !valid {
				return &cli.ExitError{Code: 1, Err: fmt.Errorf("")}
			}
			if strictly {
				warns := 0
				for _, p := range probs {
					if p.Warning {
						warns++
					}
				}
				if warns > 0 {
					return &cli.ExitError{Code: 1, Err: fmt.Errorf("--strict: %s", plural(warns, "warning"))}
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strictly, "strict", false, "fail on warnings too")
	return cmd
}

func plural(n int, word string) string {
	switch {
	case n == 1:
		return "1 " + word
	case word == "country":
		return fmt.Sprintf("%d countries", n)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// notesDir names the rapporteurs' notes in check's output (they are in
// the bundle's notes/, or beside the embedded meeting's data).
const notesDir = "notes"
