package common

import "sync"

// SlideCache shares laid-out slides among the programs of one process: a
// room of followers of the same slide, size and colours draws it once. It
// is safe for many programs at once; what it holds is never changed.
type SlideCache struct {
	mu      sync.Mutex
	Entries map[string]slideFrame
	order   []string // oldest first, to keep it bounded
}

type slideFrame struct {
	body  string
	pages int
}

// slideCacheSize bounds the cache: a few slides in a few sizes and colour
// profiles.
const slideCacheSize = 64

// NewSlideCache is an empty cache, for Options.Slides.
func NewSlideCache() *SlideCache { return &SlideCache{Entries: map[string]slideFrame{}} }

// Render returns the slide drawn under key (its data, slide, page, size
// and colours), drawing it only when no program has.
func (sc *SlideCache) Render(key string, draw func() (string, int)) (string, int) {
	sc.mu.Lock()
	f, ok := sc.Entries[key]
	sc.mu.Unlock()
	if ok {
		return f.body, f.pages
	}
	body, pages := draw()
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if _, ok := sc.Entries[key]; !ok {
		sc.Entries[key] = slideFrame{body, pages}
		sc.order = append(sc.order, key)
		for len(sc.order) > slideCacheSize {
			delete(sc.Entries, sc.order[0])
			sc.order = sc.order[1:]
		}
	}
	return body, pages
}
