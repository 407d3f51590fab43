package floor

import (
	"errors"
	"fmt"
	"io/fs"
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
			out[id] = l
		}
	}
	return out, probs
}

// Save writes a session's record atomically (a temporary file, fsync,
// rename): a crash leaves the old record or the new one.
func (s Store) Save(l *Log, loc *time.Location) error {
	d, name, err := s.file(l.Session)
	if err != nil {
		return err
	}
	return d.WriteFile(name, []byte(Encode(l, loc)), 0o644)
}
