package floor

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"

	"codeberg.org/plenary/plenary/data/safefs"
	"codeberg.org/plenary/plenary/data/strict"
)

// Store keeps the records of a meeting's sessions, <Dir>/<session-id>.toml.
// Root is the folder below which no link is followed (the bundle); empty
// means Dir. Only regular files are read.
type Store struct{ Dir, Root string }

func (s Store) file(id string) (safefs.Dir, string, error) { return s.named(id + ".toml") }

// LoadAll reads the records of the sessions ids that have one; codes are
// the meeting's delegations. A record with errors is left out and its
// problems returned (a broken record never stops the meeting).
func (s Store) LoadAll(ids []string, codes map[string]bool) (map[string]*Log, strict.Problems) {
	out := map[string]*Log{}
	var probs strict.Problems
	for _, id := range ids {
		d, name, err := s.file(id)
		if err != nil {
			return out, append(probs, strict.Problem{File: Dir, Line: 1, Col: 1, Msg: err.Error()})
		}
		b, err := d.ReadFile(name, strict.MaxFileSize)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			probs = append(probs, strict.Problem{File: File(id), Line: 1, Col: 1, Msg: err.Error()})
			continue
		}
		l, p := Parse(File(id), string(b), codes)
		probs = append(probs, p...)
		if l != nil {
			if l.Session != id {
				probs = append(probs, strict.Problem{File: File(id), Line: 1, Col: 1, Msg: fmt.Sprintf("session %q in the record of %q", l.Session, id)})
				continue
			}
			l.Version = version(b)
			out[id] = l
		}
	}
	return out, probs
}

// ErrChanged says a record's file is not the version a save started
// from: another program (a second plenary on the bundle) wrote it since.
// Nothing was written; Text is the file now.
type ErrChanged struct {
	Session string
	Version string // of the file now
	Text    []byte
}

func (e *ErrChanged) Error() string {
	return "the floor record of " + e.Session + " was changed on disk by another program"
}

// version names a record's bytes.
func version(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Save writes a session's record atomically (a temporary file, fsync,
// rename): a crash leaves the old record or the new one. base is the
// version of the file the change started from (Log.Version): when the
// file is another now, nothing is written and the error is *ErrChanged.
// It returns the version written.
func (s Store) Save(l *Log, base string, loc *time.Location) (string, error) {
	d, name, err := s.file(l.Session)
	if err != nil {
		return "", err
	}
	cur := ""
	b, err := d.ReadFile(name, strict.MaxFileSize)
	switch {
	case err == nil:
		cur = version(b)
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	if cur != base {
		return "", &ErrChanged{Session: l.Session, Version: cur, Text: b}
	}
	out := []byte(Encode(l, loc))
	if err := d.WriteFile(name, out, 0o644); err != nil {
		return "", err
	}
	return version(out), nil
}

// KeepBeside keeps a record that is about to be written over as
// floor/<id>.outside-<time>.toml (never read as a record; plenary check
// names it): nothing another program wrote is lost. It returns the
// bundle-relative name.
func (s Store) KeepBeside(id string, text []byte, at time.Time) (string, error) {
	name := fmt.Sprintf("%s.outside-%s.toml", id, at.UTC().Format("20060102T150405.000Z"))
	d, base, err := s.named(name)
	if err != nil {
		return "", err
	}
	if err := d.WriteFile(base, text, 0o644); err != nil {
		return "", err
	}
	return Dir + "/" + name, nil
}

// Retire moves session id's record to floor/removed/<id>-<date>.toml: the
// session is gone from the meeting, and one later given its id starts
// with no floor. It returns the bundle-relative name ("" when none).
func (s Store) Retire(id string, at time.Time) (string, error) {
	d, name, err := s.file(id)
	if err != nil {
		return "", err
	}
	moved, err := d.Retire(name, path.Join(path.Dir(name), "removed"), id, ".toml", at, strict.MaxFileSize)
	if moved == "" || err != nil {
		return "", err
	}
	return Dir + "/removed/" + path.Base(moved), nil
}
