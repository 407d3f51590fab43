package serve

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// outbox is a served program's output. The program writes into it and
// never waits; one goroutine drains it to the client.
//
// An SSH channel has no write deadline: a client that stops reading (a
// closed lid, a stalled link) makes a plain write wait for ever, and
// bubbletea writes its frames holding the renderer's lock, so the
// program's loop, the window changes queued behind it and at last the
// connection's reader would all wait with it, and the session would never
// end. Here a full outbox (more than limit bytes waiting) or a write to
// the client stuck for longer than the stall time cuts the connection
// (cut), which ends the session, its slot and its locks.
type outbox struct {
	w     io.Writer
	limit int
	cut   func(reason string)

	mu     sync.Mutex
	buf    []byte // waiting to be written; nil when nothing waits
	closed bool
	// buffers are shared by the server's outboxes: an idle session holds
	// none, and the next frame, any session's, reuses one.
	buffers *sync.Pool
	wake    chan struct{}
	since   atomic.Int64 // unix nanoseconds the write under way started, 0 when none
}

// keepBuffer is the largest buffer kept for the next frames: a burst of
// full redraws does not pin megabytes to the pool.
const keepBuffer = 256 << 10

// newBuffers is a pool for outboxes' buffers.
func newBuffers() *sync.Pool {
	return &sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
}

// errCut is what writes get once the outbox is closed.
var errCut = errors.New("the session's output is closed")

// newOutbox starts draining to w until Close or done (the session's end,
// however it ends). cut is called at most once, never with the outbox's
// lock held.
func newOutbox(w io.Writer, limit int, buffers *sync.Pool, cut func(reason string), done <-chan struct{}) *outbox {
	o := &outbox{w: w, limit: limit, buffers: buffers, cut: cut, wake: make(chan struct{}, 1)}
	go o.drain(done)
	return o
}

// Write queues p. It never blocks on the client.
func (o *outbox) Write(p []byte) (int, error) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return 0, errCut
	}
	if len(o.buf)+len(p) > o.limit {
		o.closed = true
		close(o.wake)
		o.mu.Unlock()
		o.cut("the client stopped reading its output (its outbox is full)")
		return 0, errCut
	}
	if o.buf == nil {
		o.buf = (*o.buffers.Get().(*[]byte))[:0]
	}
	o.buf = append(o.buf, p...)
	select {
	case o.wake <- struct{}{}:
	default: // the drainer is awake already and will find it
	}
	o.mu.Unlock()
	return len(p), nil
}

// Close ends the drainer once what waits is written (or cannot be).
func (o *outbox) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.closed {
		o.closed = true
		close(o.wake)
	}
	return nil
}

// Stalled says how long the write under way has waited for the client
// (0 when none waits).
func (o *outbox) Stalled(now time.Time) time.Duration {
	if t := o.since.Load(); t != 0 {
		return now.Sub(time.Unix(0, t))
	}
	return 0
}

// Waiting is how many bytes wait to be written.
func (o *outbox) Waiting() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.buf)
}

func (o *outbox) drain(done <-chan struct{}) {
	for {
		var open bool
		select {
		case _, open = <-o.wake:
		case <-done:
			o.Close()
			return
		}
		o.mu.Lock()
		data := o.buf
		o.buf = nil
		o.mu.Unlock()
		if len(data) > 0 {
			o.since.Store(time.Now().UnixNano())
			_, err := o.w.Write(data)
			o.since.Store(0)
			if err != nil {
				o.mu.Lock()
				if !o.closed {
					o.closed = true
					close(o.wake)
				}
				o.buf = nil
				o.mu.Unlock()
				return
			}
		}
		if data != nil && cap(data) <= keepBuffer {
			o.buffers.Put(&data)
		}
		if !open {
			return
		}
	}
}
