//go:build !unix

package serve

// fdLimit: unknown here.
func fdLimit() uint64 { return 0 }
