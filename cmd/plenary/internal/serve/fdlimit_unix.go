//go:build unix

package serve

import "syscall"

// fdLimit is how many files the process may open (its soft limit; Go
// raises it to the hard limit at start), or 0 when unknown.
func fdLimit() uint64 {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) != nil {
		return 0
	}
	return l.Cur
}
