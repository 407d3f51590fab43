// Package cli is what plenary's command line and its SSH sessions share:
// the export commands (on a bundle on disk, or on the served room as one
// person may see it), running a command tree, and the exit statuses.
package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/data/clean"
)

// ExitError carries the exit status a failure should end with: 1 for an
// invalid bundle, 2 for bad usage or a bundle that cannot be read.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }

func UsageErr(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

// Execute runs a command tree (the command line's, or an SSH session's)
// on args and returns the exit status. Everything on stderr is for
// people, and may name files or values that came from anyone: it goes
// through the sanitiser.
func Execute(cmd *cobra.Command, args []string, stdout, stderr io.Writer) int {
	stderr = clean.Writer{W: stderr}
	cmd.SetArgs(args)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err.Error() != "" {
			fmt.Fprintln(stderr, "plenary:", ee.Err)
		}
		return ee.Code
	}
	// Cobra's own errors: unknown flags, wrong argument counts.
	fmt.Fprintln(stderr, "plenary:", err)
	return 2
}
