package agenda_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/plenary/plenary/agenda"
)

func TestNoteStoreSaveAndConflict(t *testing.T) {
	s := agenda.NoteStore{Dir: filepath.Join(t.TempDir(), "notes")}
	n, err := s.Load("s1")
	if err != nil || n.Version.Exists || n.Text != "" {
		t.Fatalf("missing note: %+v %v", n, err)
	}
	v1, err := s.Save("s1", "first", n.Version)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(s.Path("s1")); string(b) != "first" {
		t.Fatalf("file holds %q", b)
	}
	v2, err := s.Save("s1", "second", v1)
	if err != nil || v2 == v1 {
		t.Fatalf("second save: %v", err)
	}
	// Someone else writes the file: saving over it is a conflict.
	if err := os.WriteFile(s.Path("s1"), []byte("theirs"), 0o644); err != nil {
		t.Fatal(err)
	}
	cur, err := s.Save("s1", "mine", v2)
	if !errors.Is(err, agenda.ErrConflict) {
		t.Fatalf("save over another's work: %v", err)
	}
	if b, _ := os.ReadFile(s.Path("s1")); string(b) != "theirs" {
		t.Fatal("a conflicting save overwrote the file")
	}
	// Take theirs: load again; the version matches what Save reported.
	theirs, _ := s.Load("s1")
	if theirs.Text != "theirs" || theirs.Version != cur {
		t.Errorf("take theirs: %+v", theirs)
	}
	// Save mine beside.
	at := time.Date(2017, 5, 18, 10, 42, 7, 0, time.UTC)
	p, err := s.SaveBeside("s1", "mine", at)
	if err != nil || filepath.Base(p) != "s1.conflict-20170518-104207.md" {
		t.Fatalf("beside: %s %v", p, err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine" {
		t.Errorf("beside holds %q", b)
	}
	// Keep mine.
	if _, err := s.Overwrite("s1", "mine"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(s.Path("s1")); string(b) != "mine" {
		t.Errorf("keep mine: %q", b)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestJournal(t *testing.T) {
	j := agenda.Journal{Dir: filepath.Join(t.TempDir(), "journal")}
	at := time.Date(2017, 5, 18, 10, 42, 7, 123, time.UTC)
	base := agenda.Version{Exists: true}
	base.Sum[0] = 7
	if err := j.Write(agenda.Entry{Session: "s1", Text: "typed\n\nwith blank lines", Base: base, At: at}); err != nil {
		t.Fatal(err)
	}
	if err := j.Write(agenda.Entry{Session: "s2", Text: "", At: at.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	es := j.Entries()
	if len(es) != 2 || es[0].Session != "s1" || es[0].Text != "typed\n\nwith blank lines" || es[0].Base != base || !es[0].At.Equal(at) {
		t.Fatalf("entries %+v", es)
	}
	if es[1].Base.Exists {
		t.Error("a new note's base should not exist")
	}
	os.WriteFile(filepath.Join(j.Dir, "bad.journal"), []byte("garbage"), 0o600)
	if len(j.Entries()) != 2 {
		t.Error("a corrupt journal file is not skipped")
	}
	j.Remove("s1")
	if len(j.Entries()) != 1 {
		t.Error("remove")
	}
	if err := j.Remove("never"); err != nil {
		t.Error(err)
	}
}

func TestStars(t *testing.T) {
	s := agenda.Stars{Path: filepath.Join(t.TempDir(), "m", "starred.toml")}
	got, err := s.Load()
	if err != nil || len(got) != 0 {
		t.Fatalf("no file: %v %v", got, err)
	}
	if err := s.Save(map[string]bool{"b": true, "a": true, "c": false}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(s.Path)
	if !strings.Contains(string(b), `starred = ["a", "b"]`) {
		t.Errorf("file: %s", b)
	}
	got, _ = s.Load()
	if len(got) != 2 || !got["a"] || !got["b"] {
		t.Errorf("loaded %v", got)
	}
	os.WriteFile(s.Path, []byte("starred = 3"), 0o644)
	if _, err := s.Load(); err == nil {
		t.Error("a broken stars file is not reported")
	}
}

// TestEmptyNoteLeavesNoFile: a note left empty is not written, and one
// emptied goes.
func TestEmptyNoteLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	s := agenda.NoteStore{Dir: dir}
	v, err := s.Save("a", "", agenda.Version{})
	if err != nil || v.Exists {
		t.Fatalf("%+v %v", v, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.md")); !os.IsNotExist(err) {
		t.Errorf("an empty note left a file: %v", err)
	}
	v, _ = s.Save("a", "text\n", v)
	if _, err := s.Save("a", "", v); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.md")); !os.IsNotExist(err) {
		t.Errorf("an emptied note left a file: %v", err)
	}
}

// TestSaveBesideNeverSharesAName: two conflicts saved in one second keep
// both texts.
func TestSaveBesideNeverSharesAName(t *testing.T) {
	s := agenda.NoteStore{Dir: t.TempDir()}
	at := time.Date(2017, 5, 18, 10, 41, 0, 0, time.UTC)
	p1, err1 := s.SaveBeside("a", "one\n", at)
	p2, err2 := s.SaveBeside("a", "two\n", at)
	if err1 != nil || err2 != nil || p1 == p2 || !strings.HasSuffix(p2, "a.conflict-20170518-104100-2.md") {
		t.Fatalf("%s %v / %s %v", p1, err1, p2, err2)
	}
	if b, _ := os.ReadFile(p1); string(b) != "one\n" {
		t.Errorf("the first was overwritten: %q", b)
	}
}
