package serve

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// blockedWriter is a client that stopped reading: every write waits until
// it is let go.
type blockedWriter struct {
	release chan struct{}
	mu      sync.Mutex
	got     bytes.Buffer
}

func (b *blockedWriter) Write(p []byte) (int, error) {
	<-b.release
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.got.Write(p)
}

// TestOutboxNeverWaitsForTheClient: a write waits for the client only
// while it is the one on its way (it holds no more than its own program);
// later writes return at once while the client reads nothing; the write
// to it shows as stalled; past the limit the connection is cut once and
// further writes fail; what was written before reaches a client that
// reads again, in order.
func TestOutboxNeverWaitsForTheClient(t *testing.T) {
	w := &blockedWriter{release: make(chan struct{})}
	var cuts atomic.Int32
	done := make(chan struct{})
	o := newOutbox(w, 1000, newBuffers(), func(string) { cuts.Add(1) }, done)
	first := make(chan error, 1)
	go func() {
		_, err := o.Write(bytes.Repeat([]byte("a"), 100))
		first <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); o.Stalled(time.Now()) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the write to the client is not seen as stalled")
		}
	}
	start := time.Now()
	for range 8 {
		if _, err := o.Write(bytes.Repeat([]byte("x"), 100)); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("writes waited %v behind a client that reads nothing", d)
	}
	// However much waits, 1001 bytes more overflow.
	if _, err := o.Write(bytes.Repeat([]byte("y"), 1001)); err == nil {
		t.Error("a write past the limit was taken")
	}
	o.Write([]byte("z"))
	if cuts.Load() != 1 {
		t.Errorf("cut %d times, want once", cuts.Load())
	}
	close(w.release) // the client reads again
	if err := <-first; err != nil {
		t.Errorf("the first write: %v", err)
	}
	got := func() string {
		w.mu.Lock()
		defer w.mu.Unlock()
		return w.got.String()
	}
	for deadline := time.Now().Add(5 * time.Second); len(got()) < 900 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	close(done)
	if g := got(); g != strings.Repeat("a", 100)+strings.Repeat("x", 800) {
		t.Errorf("the client got %d bytes (%q…)", len(g), g[:min(len(g), 20)])
	}
}
