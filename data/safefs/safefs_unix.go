//go:build unix

package safefs

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// split checks a slash-separated name and splits it into its folders and
// its last element.
func split(op, name string) ([]string, string, error) {
	if !fs.ValidPath(name) {
		return nil, "", pathErr(op, name, fs.ErrInvalid)
	}
	if name == "." {
		return nil, ".", nil
	}
	parts := strings.Split(name, "/")
	return parts[:len(parts)-1], parts[len(parts)-1], nil
}

// classify turns the error of an open without following links into one
// that says what was found.
func classify(err error) error {
	switch err {
	case unix.ELOOP, unix.EMLINK: // EMLINK: FreeBSD's O_NOFOLLOW on a link
		return ErrSymlink
	case unix.ENOTDIR:
		return ErrNotFolder
	}
	return err
}

// parent opens the folder that holds name, walking down from d without
// following a link; create makes missing folders on the way.
func (d Dir) parent(op, name string, create bool) (fd int, base string, err error) {
	dirs, base, err := split(op, name)
	if err != nil {
		return -1, "", err
	}
	fd, err = unix.Open(string(d), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err == unix.ENOENT && create {
		if err = os.MkdirAll(string(d), 0o755); err == nil {
			fd, err = unix.Open(string(d), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		}
	}
	if err != nil {
		return -1, "", pathErr(op, string(d), err)
	}
	for i, p := range dirs {
		next, err := unix.Openat(fd, p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err == unix.ENOENT && create {
			if err = unix.Mkdirat(fd, p, 0o755); err == nil || err == unix.EEXIST {
				next, err = unix.Openat(fd, p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
			}
		}
		if err == unix.ENOTDIR {
			// Linux says ENOTDIR for a link opened as a folder without
			// following it: say which it is (for the message only; nothing
			// was opened).
			var st unix.Stat_t
			if unix.Fstatat(fd, p, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
				err = unix.ELOOP
			}
		}
		unix.Close(fd)
		if err != nil {
			return -1, "", pathErr(op, strings.Join(dirs[:i+1], "/"), classify(err))
		}
		fd = next
	}
	return fd, base, nil
}

// open opens name for reading: a regular file or a folder, never through a
// link, never blocking.
func (d Dir) open(name string) (*os.File, error) {
	dfd, base, err := d.parent("open", name, false)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, base, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, pathErr("open", name, classify(err))
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, pathErr("open", name, err)
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG, unix.S_IFDIR:
	default:
		unix.Close(fd)
		return nil, pathErr("open", name, ErrNotRegular)
	}
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, pathErr("open", name, err)
	}
	return os.NewFile(uintptr(fd), name), nil
}

// ReadFile reads a regular file of at most limit bytes.
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
	if st.Size() > limit {
		return nil, tooLarge(name, limit)
	}
	return readLimited(f, name, limit)
}

// ReadDir lists a folder, sorted by name. The entries' Info is read
// without following links, relative to d (not to the working folder).
func (d Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := d.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	if !st.IsDir() {
		return nil, pathErr("readdir", name, ErrNotFolder)
	}
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	sort.Strings(names)
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		p := n
		if name != "." {
			p = name + "/" + n
		}
		info, err := d.lstat(p)
		if err != nil {
			continue // gone since it was listed
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

// lstat describes name without following it.
func (d Dir) lstat(name string) (fs.FileInfo, error) {
	dfd, base, err := d.parent("lstat", name, false)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	var st unix.Stat_t
	if err := unix.Fstatat(dfd, base, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return nil, pathErr("lstat", name, err)
	}
	mode := fs.FileMode(st.Mode & 0o777)
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	case unix.S_IFLNK:
		mode |= fs.ModeSymlink
	case unix.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case unix.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		mode |= fs.ModeDevice
	case unix.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	return fileInfo{name: base, size: st.Size, mode: mode}, nil
}

// fileInfo is what lstat says of a file. (No modification time: nothing
// in plenary reads it, and Stat_t spells it differently on each system.)
type fileInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (fi fileInfo) Name() string       { return fi.name }
func (fi fileInfo) Size() int64        { return fi.size }
func (fi fileInfo) Mode() fs.FileMode  { return fi.mode }
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.mode.IsDir() }
func (fi fileInfo) Sys() any           { return nil }

// WriteFile replaces name with b, atomically and durably, making missing
// folders. What is there must be a regular file or nothing: a link, a FIFO
// or a folder in its place is refused, not replaced.
func (d Dir) WriteFile(name string, b []byte, perm fs.FileMode) error {
	dfd, base, err := d.parent("write", name, true)
	if err != nil {
		return err
	}
	defer unix.Close(dfd)
	var st unix.Stat_t
	switch err := unix.Fstatat(dfd, base, &st, unix.AT_SYMLINK_NOFOLLOW); {
	case err == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK:
		return pathErr("write", name, ErrSymlink)
	case err == nil && st.Mode&unix.S_IFMT != unix.S_IFREG:
		return pathErr("write", name, ErrNotRegular)
	case err != nil && err != unix.ENOENT:
		return pathErr("write", name, err)
	}
	var rnd [6]byte
	rand.Read(rnd[:])
	// A dot and .tmp: the bundle's watcher and its patterns pass it over.
	tmp := "." + base + "." + hex.EncodeToString(rnd[:]) + ".tmp"
	fd, err := unix.Openat(dfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm.Perm()))
	if err != nil {
		return pathErr("write", name, err)
	}
	f := os.NewFile(uintptr(fd), tmp)
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = unix.Renameat(dfd, tmp, dfd, base)
	}
	if err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return pathErr("write", name, err)
	}
	if err := unix.Fsync(dfd); err != nil {
		return pathErr("write", name, err)
	}
	return nil
}

// Remove removes name (a link is removed, never followed); a name that is
// not there is no error.
func (d Dir) Remove(name string) error {
	dfd, base, err := d.parent("remove", name, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer unix.Close(dfd)
	if err := unix.Unlinkat(dfd, base, 0); err != nil && err != unix.ENOENT {
		return pathErr("remove", name, err)
	}
	return nil
}

// Lock takes an exclusive lock on name (made if missing) for as long as
// the program runs or until release: the mark that a writer is alive. The
// system drops it when the process ends, however it ends. note, when
// given, is what the file then says (who holds it).
func (d Dir) Lock(name string, note []byte) (release func(), err error) {
	dfd, base, err := d.parent("lock", name, true)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, base, unix.O_RDWR|unix.O_CREAT|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, pathErr("lock", name, classify(err))
	}
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		unix.Close(fd)
		return nil, pathErr("lock", name, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, pathErr("lock", name, ErrNotRegular)
	}
	if note != nil && unix.Ftruncate(fd, 0) == nil {
		unix.Pwrite(fd, note, 0)
		unix.Fsync(fd)
	}
	return func() { unix.Close(fd) }, nil
}

// Locked reports whether another process holds the lock on name.
func (d Dir) Locked(name string) bool {
	dfd, base, err := d.parent("lock", name, false)
	if err != nil {
		return false
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, base, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	return unix.Flock(fd, unix.LOCK_SH|unix.LOCK_NB) == unix.EWOULDBLOCK
}
