//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package termbg

import "time"

// query is not implemented here; the environment decides.
func query(time.Duration) (string, bool) { return "", false }
