package serve

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// outbox is a served program's output, between its renderer and the
// client.
//
// An SSH channel has no write deadline: a client that stops reading (a
// closed lid, a stalled link) makes a write wait for ever once its window
// is full, and bubbletea writes its frames holding the renderer's lock, so
// the program's loop would wait with it and the session would never end.
// A frame goes to the client at once from the renderer when nothing else
// is on its way (a client that reads keeps its window open, so this does
// not wait, and the frame leaves as soon as it is drawn, not after every
// other program's); while one write waits, later ones queue for the
// drainer, and the program goes on. A write to the client stuck for
// longer than the stall time (the server's guard) or a full queue (more
// than limit bytes) cuts the connection (cut), which ends the session, its
// slot and its locks: a stalled client holds no more than its own
// program, and that not for long.
type outbox struct {
	w     io.Writer
	limit int
	cut   func(reason string)

	mu      sync.Mutex
	buf     []byte // waiting to be written; nil when nothing waits
	writing bool   // a write to the client is under way, Write's or the drainer's
	closed  bool
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

// Write sends p to the client, or queues it while another write is on
// its way.
func (o *outbox) Write(p []byte) (int, error) {
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return 0, errCut
	}
	if o.buf == nil && !o.writing {
		o.writing = true
		o.mu.Unlock()
		for next := p; ; {
			err := o.send(next)
			o.mu.Lock()
			if err != nil {
				o.writing = false
				o.closeLocked()
				o.mu.Unlock()
				return 0, err
			}
			if o.closed && o.buf != nil {
				// Closed meanwhile: the drainer is gone, what queued
				// behind this write goes from here.
				next, o.buf = o.buf, nil
				o.mu.Unlock()
				continue
			}
			o.writing = false
			o.wakeLocked() // what queued meanwhile
			o.mu.Unlock()
			return len(p), nil
		}
	}
	if len(o.buf)+len(p) > o.limit {
		o.closeLocked()
		o.mu.Unlock()
		o.cut("the client stopped reading its output (its outbox is full)")
		return 0, errCut
	}
	if o.buf == nil {
		o.buf = (*o.buffers.Get().(*[]byte))[:0]
	}
	o.buf = append(o.buf, p...)
	o.wakeLocked()
	o.mu.Unlock()
	return len(p), nil
}

// send writes to the client, noting how long it waits.
func (o *outbox) send(p []byte) error {
	o.since.Store(time.Now().UnixNano())
	_, err := o.w.Write(p)
	o.since.Store(0)
	return err
}

// wakeLocked wakes the drainer when something waits.
func (o *outbox) wakeLocked() {
	if o.buf == nil || o.closed {
		return
	}
	select {
	case o.wake <- struct{}{}:
	default: // the drainer is awake already and will find it
	}
}

func (o *outbox) closeLocked() {
	if !o.closed {
		o.closed = true
		close(o.wake)
	}
}

// Close ends the drainer once what waits is written (or cannot be).
func (o *outbox) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.closeLocked()
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
		if o.writing {
			// Write is sending; it wakes the drainer again when it is done.
			o.mu.Unlock()
			if !open {
				return
			}
			continue
		}
		data := o.buf
		o.buf, o.writing = nil, data != nil
		o.mu.Unlock()
		if len(data) > 0 {
			if err := o.send(data); err != nil {
				o.mu.Lock()
				o.writing = false
				o.closeLocked()
				o.buf = nil
				o.mu.Unlock()
				return
			}
		}
		if data != nil && cap(data) <= keepBuffer {
			o.buffers.Put(&data)
		}
		o.mu.Lock()
		o.writing = false
		o.wakeLocked() // what queued meanwhile
		o.mu.Unlock()
		if !open {
			return
		}
	}
}
