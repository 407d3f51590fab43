package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after a change for more before
// reporting: editors write a file in several steps (temp file, rename).
const debounce = 40 * time.Millisecond

// watchBundle watches a bundle folder and its sub-folders (notes/, imports/,
// new ones too) and sends the bundle-relative names of changed files,
// grouped, on the returned channel. Editors that save by renaming a new
// file over the old one are seen because folders, not files, are watched.
func watchBundle(dir string) (<-chan []string, func() error, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	add := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != root {
					return filepath.SkipDir // .git and the like
				}
				w.Add(p)
			}
			return nil
		})
	}
	add(dir)
	out := make(chan []string, 1)
	go func() {
		defer close(out)
		pending := map[string]bool{}
		var timer <-chan time.Time
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						add(ev.Name)
					}
				}
				if rel, err := filepath.Rel(dir, ev.Name); err == nil && !ignored(rel) {
					pending[filepath.ToSlash(rel)] = true
					timer = time.After(debounce)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			case <-timer:
				names := make([]string, 0, len(pending))
				for n := range pending {
					names = append(names, n)
				}
				pending = map[string]bool{}
				timer = nil
				select {
				case out <- names:
				default:
					// The app has not taken the last batch yet: it will reload
					// everything anyway, so merge by dropping this one's names
					// into the next.
					for _, n := range names {
						pending[n] = true
					}
					timer = time.After(debounce)
				}
			}
		}
	}()
	return out, w.Close, nil
}

// ignored are files no reload needs: editors' swap and backup files, and
// temporary files of atomic saves.
func ignored(rel string) bool {
	base := filepath.Base(rel)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp")
}
