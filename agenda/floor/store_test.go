package floor

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSaveRefusesAChangedRecord: a save from a version the file no longer
// has writes nothing and says what is there now.
func TestSaveRefusesAChangedRecord(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: filepath.Join(dir, Dir), Root: dir}
	l := &Log{Session: "s1"}
	l.Ask("ESP", "", time.Date(2017, 5, 18, 9, 0, 0, 0, time.UTC))
	v, err := s.Save(l, "", time.UTC)
	if err != nil || v == "" {
		t.Fatal(v, err)
	}
	other := &Log{Session: "s1"}
	other.Ask("FRA", "", time.Date(2017, 5, 18, 9, 1, 0, 0, time.UTC))
	_, err = s.Save(other, "", time.UTC) // it never read the file
	var ch *ErrChanged
	if !errors.As(err, &ch) || ch.Version != v || !strings.Contains(string(ch.Text), `"ESP"`) {
		t.Fatalf("a save over a record it never read: %v", err)
	}
	got, _ := s.LoadAll([]string{"s1"}, nil)
	if got["s1"].Place("ESP") != 1 || got["s1"].Place("FRA") != 0 || got["s1"].Version != v {
		t.Fatalf("the record after a refused save: %+v", got["s1"])
	}
	if _, err := s.Save(other, v, time.UTC); err != nil {
		t.Errorf("a save from the file's version: %v", err)
	}
}

// TestSaveAttendanceKeepsOthersMarks: a change is written onto the file
// as it is now — a mark another program made stays, and a mark this one
// took back goes; a file that is not attendance is never written over.
func TestSaveAttendanceKeepsOthersMarks(t *testing.T) {
	dir := t.TempDir()
	s := Store{Dir: filepath.Join(dir, Dir), Root: dir}
	codes := map[string]bool{"ESP": true, "FRA": true, "CAN": true}
	base := Attendance{"2017-05-18": {"CAN": true}}
	if _, err := s.SaveAttendance(base, nil, codes); err != nil {
		t.Fatal(err)
	}
	// Another program marks France.
	theirs := base.Clone()
	theirs.Set("2017-05-18", "FRA", true)
	if _, err := s.SaveAttendance(theirs, base, codes); err != nil {
		t.Fatal(err)
	}
	// This one, from base, marks Spain and takes Canada back.
	ours := base.Clone()
	ours.Set("2017-05-18", "ESP", true)
	ours.Set("2017-05-18", "CAN", false)
	got, err := s.SaveAttendance(ours, base, codes)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Present("2017-05-18", "FRA") || !got.Present("2017-05-18", "ESP") || got.Present("2017-05-18", "CAN") {
		t.Fatalf("merged attendance %v", got)
	}
	onDisk, _ := s.LoadAttendance(codes)
	if !onDisk.Present("2017-05-18", "FRA") || !onDisk.Present("2017-05-18", "ESP") {
		t.Fatalf("on disk %v", onDisk)
	}
	broken := []byte("[[day]]\ndate = \"not a date\"\n")
	os.WriteFile(filepath.Join(dir, AttendanceFile), broken, 0o644)
	if _, err := s.SaveAttendance(ours, base, codes); err == nil {
		t.Error("a broken attendance file was written over")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, AttendanceFile)); string(b) != string(broken) {
		t.Errorf("the broken file was changed: %q", b)
	}
}
