package bundle

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Change is what the bundle's watcher reports: the files that changed,
// and an error when it may have missed some (the bundle is read again
// either way).
type Change struct {
	Files []string
	Err   error
}

// debounce is how long the watcher waits after a change for more before
// reporting: editors write a file in several steps (temp file, rename).
const debounce = 40 * time.Millisecond

// Watch watches a bundle folder and its sub-folders (notes/, imports/,
// new ones too) and sends the bundle-relative names of changed files,
// grouped, on the returned channel, with the watcher's errors. Editors that
// save by renaming a new file over the old one are seen because folders,
// not files, are watched.
//
// The folder above the bundle is watched too, for the bundle's own name: a
// bundle folder removed and put back, or swapped for another (mv B B.old;
// ln -s v2 B), is watched again and read again.
func Watch(dir string) (<-chan Change, func() error, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, nil, err
	}
	parent := filepath.Dir(dir)
	// add watches root and the folders under it; the first error is kept
	// (a folder that cannot be watched is a folder whose changes are missed).
	add := func(root string) error {
		var first error
		// The trailing separator follows a bundle folder that is a link.
		filepath.WalkDir(root+string(filepath.Separator), func(p string, d fs.DirEntry, err error) error {
			p = filepath.Clean(p)
			if err == nil && d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != root {
					return filepath.SkipDir // .git and the like
				}
				err = w.Add(p)
			}
			if err != nil && first == nil {
				first = fmt.Errorf("watching %s: %w", p, err)
			}
			return nil
		})
		return first
	}
	if err := add(dir); err != nil {
		w.Close()
		return nil, nil, err
	}
	rootInfo, _ := os.Stat(dir)
	w.Add(parent) // best effort: without it a swapped bundle is not seen
	out := make(chan Change, 1)
	go func() {
		defer close(out)
		pending := map[string]bool{}
		var pendingErr error
		var timer <-chan time.Time
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Dir(ev.Name) == parent && ev.Name != dir {
					continue // a neighbour of the bundle
				}
				if ev.Name == dir {
					// The bundle folder itself came, went or was replaced:
					// watch what is there now and read it all again.
					if fi, err := os.Stat(dir); err == nil && (rootInfo == nil || !os.SameFile(fi, rootInfo)) {
						rootInfo = fi
						if err := add(dir); err != nil && pendingErr == nil {
							pendingErr = err
						}
					} else if err != nil {
						rootInfo = nil
					}
					pending["."] = true
					timer = time.After(debounce)
					continue
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						if err := add(ev.Name); err != nil && pendingErr == nil {
							pendingErr = err
							timer = time.After(debounce)
						}
					}
				}
				if rel, err := filepath.Rel(dir, ev.Name); err == nil && !ignored(rel) {
					pending[filepath.ToSlash(rel)] = true
					timer = time.After(debounce)
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				// Events may have been lost (an overflowing queue): say so,
				// and read the bundle again to be sure.
				if pendingErr == nil {
					pendingErr = fmt.Errorf("watching %s: %w", dir, err)
				}
				timer = time.After(debounce)
			case <-timer:
				names := make([]string, 0, len(pending))
				for n := range pending {
					names = append(names, n)
				}
				timer = nil
				select {
				case out <- Change{Files: names, Err: pendingErr}:
					pending, pendingErr = map[string]bool{}, nil
				default:
					// The app has not taken the last batch yet: it will reload
					// everything anyway, so these names go with the next.
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
