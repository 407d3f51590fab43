// Package safefs reads and writes the files of one folder without ever
// following a symbolic link below it and without reading anything but
// regular files: the promise that a bundle's files (and a person's notes,
// journal and stars) stay where they are said to be. The folder itself may
// be a symbolic link (on macOS /tmp is one); nothing below it may be.
//
// Files are opened without following links and without blocking (a FIFO
// or a device never holds a read up), checked on the open file (never by
// looking at a path and opening it afterwards), and read up to a size cap.
// Writes are atomic and durable: a temporary file in the same folder,
// fsync, rename, fsync of the folder.
package safefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"
)

// Errors of files that are refused, wrapped in *fs.PathError.
var (
	ErrSymlink    = errors.New("is a symbolic link (plenary reads only regular files inside the folder)")
	ErrNotRegular = errors.New("is not a regular file")
	ErrNotFolder  = errors.New("is not a folder")
	ErrTooLarge   = errors.New("is too large")
)

// Dir is a folder on disk.
type Dir string

// MaxSize is the cap ReadFile callers use when they have no other: the
// largest bundle file plenary reads.
const MaxSize = 16 << 20

// pathErr describes a refused or failed name, with the sentinel errors as
// readable messages.
func pathErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// FS is the folder as an fs.FS for the loaders: Open refuses links and
// anything but regular files and folders.
func (d Dir) FS() fs.FS { return dirFS{d} }

type dirFS struct{ d Dir }

func (f dirFS) Open(name string) (fs.File, error) {
	file, err := f.d.open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err == nil && st.IsDir() {
		return &dirFile{File: file, d: f.d, name: name}, nil
	}
	return file, nil
}

// dirFile is an open folder whose entries are described relative to the
// folder, not to the working folder as *os.File's would be.
type dirFile struct {
	*os.File
	d       Dir
	name    string
	entries []fs.DirEntry
	read    bool
}

func (f *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !f.read {
		es, err := f.d.ReadDir(f.name)
		if err != nil {
			return nil, err
		}
		f.entries, f.read = es, true
	}
	if n <= 0 {
		out := f.entries
		f.entries = nil
		return out, nil
	}
	if len(f.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(f.entries))
	out := f.entries[:n]
	f.entries = f.entries[n:]
	return out, nil
}

func (f dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return f.d.ReadDir(name) }

func (f dirFS) ReadFile(name string) ([]byte, error) { return f.d.ReadFile(name, MaxSize) }

// tooLarge is the error of a file over its cap.
// readLimited reads at most limit bytes of an open file; one byte more
// means the file is too large (or grew while being read).
func readLimited(f io.Reader, name string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, pathErr("read", name, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(name, limit)
	}
	return b, nil
}

func tooLarge(name string, limit int64) error {
	return pathErr("read", name, fmt.Errorf("%w (over %s)", ErrTooLarge, size(limit)))
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Within is the folder to read dir's file name through when nothing
// outside root may be reached: root itself (empty: dir), and name's path
// from it. what names dir in the error when dir is not inside root.
func Within(root, dir, name, what string) (Dir, string, error) {
	if root == "" {
		root = dir
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", "", fmt.Errorf("the %s folder %s is not inside %s", what, dir, root)
	}
	return Dir(root), path.Join(filepath.ToSlash(rel), name), nil
}

// Retire moves the file name into folder (both inside d) as
// <stem>-<date><ext>, never over a file there (-2, -3 … after the date),
// and returns its new name; "" when name does not exist. Only a regular
// file of at most limit bytes is moved.
func (d Dir) Retire(name, folder, stem, ext string, at time.Time, limit int64) (string, error) {
	b, err := d.ReadFile(name, limit)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	base := path.Join(folder, stem+"-"+at.Format("2006-01-02"))
	target := base + ext
	for n := 2; ; n++ {
		if _, err := os.Lstat(filepath.Join(string(d), filepath.FromSlash(target))); errors.Is(err, fs.ErrNotExist) {
			break
		} else if n > 1000 {
			return "", pathErr("retire", name, fmt.Errorf("%s: too many files of that name", folder))
		}
		target = fmt.Sprintf("%s-%d%s", base, n, ext)
	}
	if err := d.WriteFile(target, b, 0o644); err != nil {
		return "", err
	}
	return target, d.Remove(name)
}
