// Command plenary is a terminal application for expert group meetings:
// delegates browse the agenda, rapporteurs take notes, the secretariat
// presents scores. See README.md and docs/.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"codeberg.org/plenary/plenary/data/clean"

	// First import: its init must run before bubbletea's (see its doc).
	_ "codeberg.org/plenary/plenary/cmd/plenary/internal/termbg"
)

// exitError carries the exit status a failure should end with: 1 for an
// invalid bundle, 2 for bad usage or a bundle that cannot be read.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return execute(newRootCmd(), args, stdout, stderr)
}

// execute runs a command tree (the command line's, or an SSH session's)
// on args and returns the exit status. Everything on stderr is for
// people, and may name files or values that came from anyone: it goes
// through the sanitiser.
func execute(cmd *cobra.Command, args []string, stdout, stderr io.Writer) int {
	stderr = clean.Writer{W: stderr}
	cmd.SetArgs(args)
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err.Error() != "" {
			fmt.Fprintln(stderr, "plenary:", ee.err)
		}
		return ee.code
	}
	// Cobra's own errors: unknown flags, wrong argument counts.
	fmt.Fprintln(stderr, "plenary:", err)
	return 2
}
