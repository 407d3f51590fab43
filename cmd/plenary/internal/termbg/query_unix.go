//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package termbg

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// query sends OSC 11 (background colour) followed by DSR (cursor position),
// which every terminal answers, and returns what came back before the DSR
// reply or the deadline. It does nothing unless stdin and stdout are the
// controlling terminal in the foreground.
func query(timeout time.Duration) (string, bool) {
	in, out := int(os.Stdin.Fd()), int(os.Stdout.Fd())
	if !isTerminal(in) || !isTerminal(out) {
		return "", false
	}
	if pgrp, err := unix.IoctlGetInt(in, unix.TIOCGPGRP); err != nil || pgrp != unix.Getpgrp() {
		return "", false
	}
	old, err := unix.IoctlGetTermios(in, ioctlGet)
	if err != nil {
		return "", false
	}
	raw := *old
	raw.Lflag &^= unix.ECHO | unix.ICANON
	if err := unix.IoctlSetTermios(in, ioctlSet, &raw); err != nil {
		return "", false
	}
	defer unix.IoctlSetTermios(in, ioctlSet, old) //nolint:errcheck

	if _, err := os.Stdout.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return "", false
	}
	deadline := time.Now().Add(timeout)
	var got strings.Builder
	buf := make([]byte, 64)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return got.String(), got.Len() > 0
		}
		fds := &unix.FdSet{}
		fds.Set(in)
		tv := unix.NsecToTimeval(left.Nanoseconds())
		n, err := unix.Select(in+1, fds, nil, nil, &tv)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return got.String(), got.Len() > 0
		}
		n, err = unix.Read(in, buf)
		if err != nil || n <= 0 {
			return got.String(), got.Len() > 0
		}
		got.Write(buf[:n])
		// The DSR reply (ESC [ row ; col R) comes last: stop reading there so
		// no keystroke typed after it is taken from the program.
		if s := got.String(); strings.Contains(s, "\x1b[") && strings.HasSuffix(s, "R") {
			return s, true
		}
	}
}

func isTerminal(fd int) bool {
	_, err := unix.IoctlGetTermios(fd, ioctlGet)
	return err == nil
}
