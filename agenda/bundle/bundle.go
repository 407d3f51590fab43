// Package bundle is a meeting bundle as plenary opens it: a folder on disk
// or the embedded 2017 meeting, everything read from it (meeting, scores,
// deck, notes, the chair's records), where each person's notes, journal
// and stars are kept, and the watcher that says when its files change.
package bundle

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
	"codeberg.org/plenary/plenary/data/safefs"
	"codeberg.org/plenary/plenary/data/strict"
)

// Bundle is where a meeting comes from: a folder on disk or the embedded one.
type Bundle struct {
	FS    fs.FS
	Dir   string // "" for the embedded bundle
	Label string // shown in the header
}

// Path names a bundle file for messages: the Path on disk, or embedded:NAME.
func (b Bundle) Path(name string) string {
	if b.Dir == "" {
		return "embedded:" + name
	}
	return filepath.Join(b.Dir, name)
}

// Open resolves the DIR argument: the folder given, else the current
// folder when it has a meeting.toml, else the embedded meeting.
func Open(args []string) (Bundle, error) {
	if len(args) == 0 {
		if _, err := os.Stat(agenda.MeetingFile); err == nil {
			return Disk(".")
		}
		return Bundle{FS: data.Embedded(), Label: "embedded meeting"}, nil
	}
	return Disk(args[0])
}

// Disk is the bundle in the folder dir, which must hold a meeting.toml.
func Disk(dir string) (Bundle, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Bundle{}, fmt.Errorf("%s: no such folder", dir)
	case err != nil:
		return Bundle{}, fmt.Errorf("%w", err)
	case !st.IsDir():
		return Bundle{}, fmt.Errorf("%s is not a folder (a bundle is a folder with %s)", dir, agenda.MeetingFile)
	}
	// Every file of the bundle is read through safefs: regular files inside
	// the folder only, never through a link.
	fsys := safefs.Dir(dir).FS()
	f, err := fsys.Open(agenda.MeetingFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Bundle{}, fmt.Errorf("%s has no %s (create a bundle there with: plenary init %s)", dir, agenda.MeetingFile, dir)
	case err != nil:
		return Bundle{}, fmt.Errorf("cannot read %s: %w", filepath.Join(dir, agenda.MeetingFile), errors.Unwrap(err))
	}
	f.Close()
	label := dir
	if abs, err := filepath.Abs(dir); err == nil {
		label = abs
		if home, err := os.UserHomeDir(); err == nil && home != "/" {
			if rel, err := filepath.Rel(home, abs); err == nil && !filepath.IsAbs(rel) && rel != ".." && len(rel) >= 2 && rel[:2] != ".." {
				label = filepath.Join("~", rel)
			}
		}
	}
	return Bundle{FS: fsys, Dir: dir, Label: label}, nil
}

// PrintProblems writes problems as path:line:col: message, each file named
// where it is (on disk, or embedded:NAME).
func PrintProblems(w io.Writer, b Bundle, probs strict.Problems) {
	for _, p := range probs {
		q := p
		q.File = b.Path(p.File)
		fmt.Fprintln(w, q.String())
	}
}
