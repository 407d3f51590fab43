// Command plenary is a terminal application for expert group meetings:
// delegates browse the agenda, rapporteurs take notes, the secretariat
// presents scores. See README.md and docs/.
package main

import (
	"io"
	"os"

	"codeberg.org/plenary/plenary/cmd/plenary/internal/cli"

	// Its init must run before bubbletea's (see its doc).
	_ "codeberg.org/plenary/plenary/cmd/plenary/internal/termbg"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return cli.Execute(newRootCmd(), args, stdout, stderr)
}
