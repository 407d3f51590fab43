package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/agenda/floor"
	"codeberg.org/plenary/plenary/ui"
)

// places is where a person's notes, journal and stars are kept.
type places struct {
	notes   agenda.NoteStore
	floor   floor.Store // the chair's records, beside the notes
	journal agenda.Journal
	stars   agenda.Stars
	// rescue is where a served person's unsavable note goes when they
	// quit (ui.Options.RescueDir): state, beside the journals.
	rescue string
}

// personalPlaces decides where notes go: notes/ in a bundle on disk; for
// the read-only embedded meeting, $XDG_DATA_HOME/plenary/<meeting-id>/notes.
// Stars are personal and always in $XDG_DATA_HOME; the recovery journal is
// state, in $XDG_STATE_HOME, one folder per notes folder.
func personalPlaces(b bundle, m *agenda.Meeting) (places, error) {
	data, err := xdgDir("XDG_DATA_HOME", ".local/share")
	if err != nil {
		return places{}, err
	}
	state, err := xdgDir("XDG_STATE_HOME", ".local/state")
	if err != nil {
		return places{}, err
	}
	personal := filepath.Join(data, "plenary", m.ID)
	notes := filepath.Join(personal, "notes")
	if b.dir != "" {
		abs, err := filepath.Abs(filepath.Join(b.dir, "notes"))
		if err != nil {
			return places{}, err
		}
		notes = abs
	}
	sum := sha256.Sum256([]byte(notes))
	root := personal
	if b.dir != "" {
		if root, err = filepath.Abs(b.dir); err != nil {
			return places{}, err
		}
	}
	return places{
		notes:   agenda.NoteStore{Dir: notes, Root: root},
		floor:   floor.Store{Dir: filepath.Join(filepath.Dir(notes), floor.Dir), Root: root},
		journal: agenda.Journal{Dir: filepath.Join(state, "plenary", m.ID, hex.EncodeToString(sum[:6])), Writer: localWriter()},
		stars:   agenda.Stars{Path: filepath.Join(personal, "starred.toml")},
		rescue:  filepath.Join(state, "plenary", m.ID, "rescue"),
	}, nil
}

// localWriter names this run's journals: local-<pid>-<random>, so that two
// programs typing into one note keep separate journals.
func localWriter() string {
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("local-%d-%s", os.Getpid(), hex.EncodeToString(b[:]))
}

func xdgDir(env, fallback string) (string, error) {
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", usageErr("cannot find a place for notes: set %s or HOME", env)
	}
	return filepath.Join(home, filepath.FromSlash(fallback)), nil
}

// forwardSignals turns SIGINT, SIGTERM and SIGHUP into a message that saves
// and quits; it returns a function that stops it.
func forwardSignals(p *tea.Program) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				p.Send(ui.ShutdownMsg{})
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
