package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/data"
)

func newInitCmd() *cobra.Command {
	var force, rehearsal bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write the embedded 2017 meeting to DIR as an editable bundle",
		Example: `  plenary init my-meeting
  plenary init --force my-meeting       # overwrite files that exist
  plenary init --rehearsal rehearsal    # with illustrative session times, to try the clock
  plenary rehearsal --now 2017-05-18T13:20`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return initBundle(cmd, args[0], force, rehearsal)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	cmd.Flags().BoolVar(&rehearsal, "rehearsal", false, "give the sessions illustrative times (the 2017 meeting published none), titled as a rehearsal, to try now, next and breaks")
	return cmd
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
				return usageErr("%s exists; use --force to overwrite", dst)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return usageErr("%w", err)
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
			return usageErr("%w", err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return usageErr("%w", err)
		}
		fmt.Fprintln(cleanWriter{cmd.OutOrStdout()}, "wrote", dst)
	}
	if rehearsal {
		fmt.Fprintf(cleanWriter{cmd.OutOrStdout()}, "The session times are illustrative (the 2017 meeting published none).\nTry the clock during lunch on day 1: plenary %s --now 2017-05-18T13:20\n", dir)
		return nil
	}
	fmt.Fprintf(cleanWriter{cmd.OutOrStdout()}, "Open it with: plenary %s\n", dir)
	return nil
}
