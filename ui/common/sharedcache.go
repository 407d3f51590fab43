package common

import (
	"io"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Shared is what the programs of one server draw once for all: a room of
// followers of the same slide, size and colours lays the slide and its
// footer out once, and programs on terminals alike (colour profile,
// background) use one theme. It is safe for many programs at once; what
// it holds is never changed.
type Shared struct {
	mu      sync.Mutex
	Entries map[string]slideFrame
	order   []string // oldest first, to keep it bounded
	themes  map[themeKey]*Theme
}

type slideFrame struct {
	body  string
	pages int
}

type themeKey struct {
	profile termenv.Profile
	dark    bool
	mono    bool
}

// sharedSize bounds the cache: a few slides, footers and frames in many sizes
// and colour profiles.
const sharedSize = 256

// NewShared is an empty cache, for Options.Shared.
func NewShared() *Shared {
	return &Shared{Entries: map[string]slideFrame{}, themes: map[themeKey]*Theme{}}
}

// Render returns the slide drawn under key (its data, slide, page, size
// and colours), drawing it only when no program has.
func (sc *Shared) Render(key string, draw func() (string, int)) (string, int) {
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
		for len(sc.order) > sharedSize {
			delete(sc.Entries, sc.order[0])
			sc.order = sc.order[1:]
		}
	}
	return body, pages
}

// Text is Render for a line (a footer): drawn once under key.
func (sc *Shared) Text(key string, draw func() string) string {
	s, _ := sc.Render(key, func() (string, int) { return draw(), 0 })
	return s
}

// Theme is the theme for terminals drawn like r (mono: without colour,
// NO_COLOR), made once. Its styles draw on a renderer of the cache's own
// with r's profile and background, so that no program holds another's
// terminal.
func (sc *Shared) Theme(r *lipgloss.Renderer, mono bool) *Theme {
	k := themeKey{r.ColorProfile(), r.HasDarkBackground(), mono}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if t := sc.themes[k]; t != nil {
		return t
	}
	own := lipgloss.NewRenderer(io.Discard)
	own.SetColorProfile(k.profile)
	own.SetHasDarkBackground(k.dark)
	t := NewTheme(own)
	if mono {
		t = NewMonoTheme(own)
	}
	sc.themes[k] = t
	return t
}
