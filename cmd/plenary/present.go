package main

import (
	"fmt"

	"codeberg.org/plenary/plenary/agenda/bundle"
	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"
	"codeberg.org/plenary/plenary/data/clean"
	"github.com/spf13/cobra"
)

func newPresentCmd() *cobra.Command {
	var notes, noMouse bool
	var nowFlag string
	cmd := &cobra.Command{
		Use:   "present [DIR]",
		Short: "Present the bundle's deck (or the agenda) full screen, for a projector",
		Long: `present opens the app in presentation mode on the slides of deck.toml:
rankings, comparisons, country cards, sessions and text, with numbers in a
block font and bars across the screen. → or space: next; ← or backspace:
previous; b: blank screen; ?: the keys; esc: back to the app; q: quit.
Data edited while
presenting shows on the slide as soon as it is saved. --notes prints the
presenter's notes instead (they are never projected).`,
		Example: `  plenary present                  # the embedded deck for session 5
  plenary present my-meeting --now 2017-05-19T09:30
  plenary present --notes > notes.txt`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !notes {
				return runApp(cmd, args, nowFlag, noMouse, true)
			}
			b, err := bundle.Open(args)
			if err != nil {
				return err
			}
			ld, probs := bundle.Load(b)
			if !ld.Valid() {
				bundle.PrintProblems(cmd.ErrOrStderr(), b, probs)
				return &cli.ExitError{Code: 1, Err: fmt.Errorf("%s is not valid (plenary check)", b.Label)}
			}
			if ld.Deck == nil {
				return cli.UsageErr("%s has no deck.toml", b.Label)
			}
			out := clean.Writer{W: cmd.OutOrStdout()} // for people: cleaned
			if ld.Deck.Title != "" {
				fmt.Fprintf(out, "%s\n\n", ld.Deck.Title)
			}
			for i, s := range ld.Deck.Slides {
				fmt.Fprintf(out, "%d. %s\n", i+1, s.Title)
				if s.Notes != "" {
					fmt.Fprintf(out, "   %s\n", s.Notes)
				}
				fmt.Fprintln(out)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&notes, "notes", false, "print the presenter's notes of the deck and exit")
	appFlags(cmd, &nowFlag, &noMouse)
	return cmd
}
