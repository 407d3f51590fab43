//go:build unix

package safefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRefused tries what an attacker would put in a bundle: links to files
// outside it, a linked folder, a FIFO, a link to /dev/zero, a file too
// large. Each is refused at once, with a name and a reason.
func TestRefused(t *testing.T) {
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "secret")
	write(t, outside, "id_rsa")
	root := filepath.Join(tmp, "bundle")
	write(t, filepath.Join(root, "ok.md"), "fine")
	write(t, filepath.Join(root, "big.md"), strings.Repeat("x", 2000))
	os.Symlink(outside, filepath.Join(root, "link.md"))
	os.Symlink("ok.md", filepath.Join(root, "inner-link.md"))
	os.Symlink(tmp, filepath.Join(root, "notes"))
	os.Symlink("/dev/zero", filepath.Join(root, "zero.md"))
	if err := unix.Mkfifo(filepath.Join(root, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := Dir(root)
	if b, err := d.ReadFile("ok.md", 100); err != nil || string(b) != "fine" {
		t.Fatalf("ok.md: %q %v", b, err)
	}
	for name, want := range map[string]error{
		"link.md":       ErrSymlink,
		"inner-link.md": ErrSymlink,
		"zero.md":       ErrSymlink,
		"notes/secret":  ErrSymlink,
		"fifo.md":       ErrNotRegular,
		"big.md":        ErrTooLarge,
		"ok.md/x":       ErrNotFolder,
		"missing.md":    fs.ErrNotExist,
		"../secret":     fs.ErrInvalid,
	} {
		done := make(chan error, 1)
		go func() { _, err := d.ReadFile(name, 1000); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, want) {
				t.Errorf("%s: %v, want %v", name, err, want)
			}
			if err != nil && !strings.Contains(err.Error(), strings.SplitN(name, "/", 2)[0]) {
				t.Errorf("%s: the message does not name it: %v", name, err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s: the read blocked", name)
		}
	}
	if _, err := d.ReadDir("notes"); !errors.Is(err, ErrSymlink) {
		t.Errorf("a linked folder was listed: %v", err)
	}
	if _, err := d.FS().Open("fifo.md"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("FS opened a FIFO: %v", err)
	}
}

// TestWrites: a write goes through no link, replaces no link, FIFO or
// folder, makes missing folders, leaves no temporary file and works in a
// folder that is itself a link.
func TestWrites(t *testing.T) {
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real")
	os.MkdirAll(real, 0o755)
	root := filepath.Join(tmp, "root")
	os.Symlink(real, root) // the folder itself may be a link
	d := Dir(root)
	if err := d.WriteFile("notes/a.md", []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(real, "notes", "a.md")); err != nil || string(b) != "one" {
		t.Fatalf("wrote %q %v", b, err)
	}
	os.Symlink(filepath.Join(tmp, "outside"), filepath.Join(real, "notes", "b.md"))
	if err := d.WriteFile("notes/b.md", []byte("x"), 0o644); !errors.Is(err, ErrSymlink) {
		t.Errorf("wrote over a link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(tmp, "outside")); err == nil {
		t.Error("the write went through the link")
	}
	os.Symlink(tmp, filepath.Join(real, "linked"))
	if err := d.WriteFile("linked/c.md", []byte("x"), 0o644); !errors.Is(err, ErrSymlink) {
		t.Errorf("wrote into a linked folder: %v", err)
	}
	unix.Mkfifo(filepath.Join(real, "notes", "f.md"), 0o644)
	if err := d.WriteFile("notes/f.md", []byte("x"), 0o644); !errors.Is(err, ErrNotRegular) {
		t.Errorf("replaced a FIFO: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(real, "notes"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s behind", e.Name())
		}
	}
	if err := d.Remove("notes/a.md"); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove("notes/a.md"); err != nil {
		t.Errorf("removing what is gone: %v", err)
	}
}
