//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package termbg

import "golang.org/x/sys/unix"

const (
	ioctlGet = unix.TIOCGETA
	ioctlSet = unix.TIOCSETA
)
