package bundle

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
	"codeberg.org/plenary/plenary/data"
)

// TestDisk: a bundle is a folder with a regular meeting.toml; anything
// else says why.
func TestDisk(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, nil, 0o644)
	linked := filepath.Join(dir, "linked")
	os.Mkdir(linked, 0o755)
	os.WriteFile(filepath.Join(dir, "elsewhere.toml"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(dir, "elsewhere.toml"), filepath.Join(linked, "meeting.toml"))
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(dir, "missing"), "no such folder"},
		{file, "is not a folder"},
		{dir, "has no meeting.toml"},
		{linked, "is a symbolic link"},
	} {
		if _, err := Disk(tt.dir); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Disk(%s) = %v, want %q", tt.dir, err, tt.want)
		}
	}
	t.Chdir(dir)
	b, err := Open(nil)
	if err != nil || b.Dir != "" || b.Path("meeting.toml") != "embedded:meeting.toml" {
		t.Errorf("Open without a meeting here: %+v %v", b, err)
	}
}

// TestLoadAndWatch: the embedded bundle written to a folder loads whole;
// a file saved there is reported by the watcher with its name.
func TestLoadAndWatch(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"meeting.toml", "scores.toml", "deck.toml", "ourdata-2017.csv", "ourdata-2017-subpillars.csv", "ourdata-2015-pilot.csv"} {
		b, err := fs.ReadFile(data.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	b, err := Disk(dir)
	if err != nil {
		t.Fatal(err)
	}
	ld, probs := Load(b)
	if !ld.Valid() || probs.Errors() > 0 || ld.Scores == nil || ld.Deck == nil {
		t.Fatalf("the bundle did not load: %v", probs)
	}
	changes, stop, err := Watch(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	os.WriteFile(filepath.Join(dir, "meeting.toml"), []byte("x"), 0o644)
	select {
	case c := <-changes:
		if len(c.Files) != 1 || c.Files[0] != "meeting.toml" {
			t.Errorf("the watcher reported %v", c.Files)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watcher reported nothing")
	}
}

// TestStarsPerBundle: two copies of one meeting keep their own stars, and
// stars an earlier plenary kept per meeting are found by each copy until
// it saves its own.
func TestStarsPerBundle(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	m := &agenda.Meeting{ID: "egm"}
	places := func(dir string) Places {
		t.Helper()
		pl, err := PersonalPlaces(Bundle{Dir: dir}, m)
		if err != nil {
			t.Fatal(err)
		}
		return pl
	}
	a, b := places(t.TempDir()), places(t.TempDir())
	if a.Stars.Path == b.Stars.Path || a.StarsOf("p-ana").Path == b.StarsOf("p-ana").Path {
		t.Fatalf("two bundles of one meeting share stars: %s", a.Stars.Path)
	}
	// The stars of before, kept per meeting: both copies start from them.
	old := agenda.Stars{Path: a.Stars.Legacy}
	if err := old.Save(map[string]bool{"s1": true}); err != nil {
		t.Fatal(err)
	}
	for _, pl := range []Places{a, b} {
		if got, err := pl.Stars.Load(); err != nil || !got["s1"] {
			t.Errorf("the earlier stars were not found from %s: %v %v", pl.Stars.Path, got, err)
		}
	}
	if err := a.Stars.Save(map[string]bool{"s2": true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Stars.Load(); got["s1"] || !got["s2"] {
		t.Errorf("a's own stars: %v", got)
	}
	if got, _ := b.Stars.Load(); !got["s1"] || got["s2"] {
		t.Errorf("b took a's stars: %v", got)
	}
}
