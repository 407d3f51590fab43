package main

import (
	"fmt"
	"io"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"
)

func newExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export data from a bundle",
	}
	cmd.AddCommand(newExportScoresCmd())
	return cmd
}

func newExportScoresCmd() *cobra.Command {
	var format, edition, output string
	cmd := &cobra.Command{
		Use:   "scores [DIR]",
		Short: "Export the scores as CSV (a wide table) or JSON",
		Example: `  plenary export scores --format csv --edition 2017
  plenary export scores my-meeting --format json -o scores.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBundle(args)
			if err != nil {
				return err
			}
			ld, probs := loadBundle(b)
			if ld.scores == nil {
				printProblems(cmd.ErrOrStderr(), b, probs)
				if ld.scoresProblems {
					return &exitError{code: 1, err: fmt.Errorf("the scores are not valid (plenary check)")}
				}
				return usageErr("%s has no scores", b.label)
			}
			var out []byte
			switch format {
			case "csv":
				s, err := ld.scores.ExportCSV(edition)
				if err != nil {
					return usageErr("%v", err)
				}
				out = []byte(s)
			case "json":
				js, err := ld.scores.ExportJSON(edition)
				if err != nil {
					return usageErr("%v", err)
				}
				out = append(js, '\n')
			default:
				return usageErr("--format %q: want csv or json", format)
			}
			return writeOutput(cmd.OutOrStdout(), output, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv or json")
	cmd.Flags().StringVar(&edition, "edition", "", "only this edition (default: all)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` (atomically) instead of standard output")
	return cmd
}

// writeOutput writes to a file atomically, or to stdout.
func writeOutput(stdout io.Writer, file string, b []byte) error {
	if file == "" {
		_, err := stdout.Write(b)
		return err
	}
	if err := renameio.WriteFile(file, b, 0o644); err != nil {
		return usageErr("%v", err)
	}
	return nil
}
