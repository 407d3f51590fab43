package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/agenda"
)

func newCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a bundle: every problem as path:line:col: message",
		Long: `check loads a bundle the way the app does and prints every problem it
finds as path:line:col: message, warnings marked as such, then a summary.
It exits 0 when the bundle is valid (warnings allowed), 1 when it is not.`,
		Example: `  plenary check              # the bundle here, or the embedded one
  plenary check my-meeting`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBundle(args)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			m, probs := agenda.Load(b.fsys)
			for _, p := range probs {
				fmt.Fprintln(out, b.path(p.File)+p.String()[len(p.File):])
			}
			errs := probs.Errors()
			warns := len(probs) - errs
			if m == nil {
				fmt.Fprintf(out, "%s: invalid: %s, %s\n", b.path(agenda.MeetingFile), plural(errs, "error"), plural(warns, "warning"))
				return &exitError{code: 1, err: fmt.Errorf("")}
			}
			fmt.Fprintf(out, "%s: valid: %s, %s, %s\n", b.path(agenda.MeetingFile),
				plural(len(m.Sessions), "session"), plural(len(m.Delegations), "delegation"), plural(warns, "warning"))
			return nil
		},
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
