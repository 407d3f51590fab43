package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain keeps the tests away from the notes, stars and journals of the
// person running them: their data and state folders are the tests' own
// (a test that needs its own sets them again).
func TestMain(m *testing.M) {
	if role := os.Getenv(loadRole); role != "" {
		os.Exit(loadServer(role))
	}
	dir, err := os.MkdirTemp("", "plenary-test-home")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir+"/data")
	os.Setenv("XDG_STATE_HOME", dir+"/state")
	code := m.Run()
	os.RemoveAll(dir)
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath)) // the binary the end-to-end tests built
	}
	os.Exit(code)
}
