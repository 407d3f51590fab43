package bundle

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
)

// Places is where a person's notes, journal and stars are kept.
type Places struct {
	Notes   agenda.NoteStore
	Floor   floor.Store // the chair's records, beside the notes
	Journal agenda.Journal
	Stars   agenda.Stars
	// Rescue is where a served person's unsavable note goes when they
	// quit (ui.Options.RescueDir): state, beside the journals.
	Rescue string
}

// PersonalPlaces decides where notes go: notes/ in a bundle on disk; for
// the read-only embedded meeting, $XDG_DATA_HOME/plenary/<meeting-id>/notes.
// Stars are personal and always in $XDG_DATA_HOME; the recovery journal is
// state, in $XDG_STATE_HOME, one folder per notes folder.
func PersonalPlaces(b Bundle, m *agenda.Meeting) (Places, error) {
	data, err := XDGDir("XDG_DATA_HOME", ".local/share")
	if err != nil {
		return Places{}, err
	}
	state, err := XDGDir("XDG_STATE_HOME", ".local/state")
	if err != nil {
		return Places{}, err
	}
	personal := filepath.Join(data, "plenary", m.ID)
	notes := filepath.Join(personal, "notes")
	if b.Dir != "" {
		abs, err := filepath.Abs(filepath.Join(b.Dir, "notes"))
		if err != nil {
			return Places{}, err
		}
		notes = abs
	}
	sum := sha256.Sum256([]byte(notes))
	// Stars are keyed by the bundle as well as the meeting: two copies of a
	// meeting (a rehearsal beside the real one) keep their own.
	stars := filepath.Join(personal, "embedded")
	if b.Dir != "" {
		stars = filepath.Join(personal, "bundle-"+hex.EncodeToString(sum[:6]))
	}
	root := personal
	if b.Dir != "" {
		if root, err = filepath.Abs(b.Dir); err != nil {
			return Places{}, err
		}
	}
	return Places{
		Notes:   agenda.NoteStore{Dir: notes, Root: root},
		Floor:   floor.Store{Dir: filepath.Join(filepath.Dir(notes), floor.Dir), Root: root},
		Journal: agenda.Journal{Dir: filepath.Join(state, "plenary", m.ID, hex.EncodeToString(sum[:6])), Writer: LocalWriter()},
		Stars:   agenda.Stars{Path: filepath.Join(stars, "starred.toml"), Legacy: filepath.Join(personal, "starred.toml")},
		Rescue:  filepath.Join(state, "plenary", m.ID, "rescue"),
	}, nil
}

// LocalWriter names this run's journals: local-<pid>-<random>, so that two
// programs typing into one note keep separate journals.
func LocalWriter() string {
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("local-%d-%s", os.Getpid(), hex.EncodeToString(b[:]))
}

func XDGDir(env, fallback string) (string, error) {
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a place for notes: set %s or HOME", env)
	}
	return filepath.Join(home, filepath.FromSlash(fallback)), nil
}

// StarsOf are the stars of a person served over SSH (by their id), kept
// under people/<id>/ beside the local stars.
func (pl Places) StarsOf(id string) agenda.Stars {
	s := agenda.Stars{Path: filepath.Join(filepath.Dir(pl.Stars.Path), "people", id, "starred.toml")}
	if pl.Stars.Legacy != "" {
		s.Legacy = filepath.Join(filepath.Dir(pl.Stars.Legacy), "people", id, "starred.toml")
	}
	return s
}
