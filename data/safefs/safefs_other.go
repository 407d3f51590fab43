//go:build !unix

package safefs

import (
	"io/fs"
	"os"
	"path"
	"strings"
)

// Without openat, each element of the name is checked with Lstat before
// the file is opened inside an os.Root, which keeps it in the folder.

func (d Dir) check(op, name string) error {
	if !fs.ValidPath(name) {
		return pathErr(op, name, fs.ErrInvalid)
	}
	if name == "." {
		return nil
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, err := os.Lstat(string(d) + "/" + p)
		if err != nil {
			return pathErr(op, p, err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return pathErr(op, p, ErrSymlink)
		}
	}
	return nil
}

func (d Dir) open(name string) (*os.File, error) {
	if err := d.check("open", name); err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || (!st.Mode().IsRegular() && !st.IsDir()) {
		f.Close()
		return nil, pathErr("open", name, ErrNotRegular)
	}
	return f, nil
}

func (d Dir) ReadFile(name string, limit int64) ([]byte, error) {
	f, err := d.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathErr("read", name, err)
	}
	if st.IsDir() {
		return nil, pathErr("read", name, ErrNotRegular)
	}
	return readLimited(f, name, limit)
}

func (d Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := d.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

func (d Dir) WriteFile(name string, b []byte, perm fs.FileMode) error {
	if dir := path.Dir(name); dir != "." {
		if err := os.MkdirAll(string(d)+"/"+dir, 0o755); err != nil {
			return err
		}
		if err := d.check("write", dir); err != nil {
			return err
		}
	}
	if st, err := os.Lstat(string(d) + "/" + name); err == nil && !st.Mode().IsRegular() {
		return pathErr("write", name, ErrNotRegular)
	}
	tmp := string(d) + "/" + path.Dir(name) + "/." + path.Base(name) + ".tmp"
	if err := os.WriteFile(tmp, b, perm); err != nil {
		return err
	}
	return os.Rename(tmp, string(d)+"/"+name)
}

func (d Dir) Remove(name string) error {
	if err := d.check("remove", path.Dir(name)); err != nil {
		return err
	}
	err := os.Remove(string(d) + "/" + name)
	if os.IsNotExist(err) {
		return nil
	}
	return err
}

// Lock and Locked: without flock, every writer is taken for gone once the
// program that wrote it is not running; here none is known to run.
func (d Dir) Lock(name string, note []byte) (func(), error) { return func() {}, nil }

func (d Dir) Locked(name string) bool { return false }
