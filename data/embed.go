package data

import (
	"embed"
	"io/fs"
)

//go:embed bundle
var bundle embed.FS

// Embedded returns the bundle of the 3rd OECD Expert Group Meeting on Open
// Government Data (Paris, 18–19 May 2017), built from its published summary.
// It is read-only; `plenary init` copies it to disk for editing.
func Embedded() fs.FS {
	sub, err := fs.Sub(bundle, "bundle")
	if err != nil {
		panic(err) // the directory is compiled in; this cannot fail
	}
	return sub
}
