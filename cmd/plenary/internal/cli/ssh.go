package cli

import "github.com/spf13/cobra"

// NewSSHRootCmd is the command tree a person runs over SSH: the export
// commands of the command line, reading the served room (src). help lists
// what this person may run.
func NewSSHRootCmd(src Source) *cobra.Command {
	root := &cobra.Command{
		Use:           "ssh HOST",
		Short:         "The served meeting's exports, to your terminal",
		Long:          "Over SSH the exports read the meeting being served, as your role may see it, and write to your terminal: redirect them to a file.",
		Example:       "  ssh -p 2222 HOST export ics --starred > mine.ics\n  ssh -p 2222 HOST export report --format pdf > report.pdf",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	export := NewExportCmd(src)
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
