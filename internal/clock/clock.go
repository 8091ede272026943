// Package clock is the emulator's virtual clock: real time plus an offset that
// tests and the control API move. Every rule that depends on time (lockouts,
// retention, visibility timeouts, delays, token expiry, state changes) reads
// it, so a test advances it instead of sleeping.
//
// Timers scheduled on the clock fire when virtual time reaches their deadline,
// whether it gets there by waiting or by an Advance/Set, so long polls wake as
// soon as a delayed message becomes visible in virtual time.
package clock

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

// Clock is safe for concurrent use. The zero value is not usable; use New.
type Clock struct {
	mu     sync.Mutex
	now    func() time.Time // real time source (tests of the clock inject one)
	offset time.Duration
	timers timerHeap
	seq    uint64
	wake   *time.Timer // real timer armed for the earliest virtual deadline
	closed bool
	// onPanic is told of a timer callback that panicked; the clock goes on.
	onPanic func(any)
}

// Option configures a Clock.
type Option func(*Clock)

// WithPanicHandler is told of any timer callback that panics. A callback
// runs on whichever goroutine moved time past it, often the clock's own, so
// an unrecovered panic would take the whole emulator down; the clock
// recovers, reports and goes on.
func WithPanicHandler(f func(any)) Option { return func(c *Clock) { c.onPanic = f } }

// WithRealTime replaces the real time source (for the clock's own tests).
func WithRealTime(now func() time.Time) Option { return func(c *Clock) { c.now = now } }

// New returns a clock that starts at real time with a zero offset.
func New(opts ...Option) *Clock {
	c := &Clock{now: time.Now}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Now is the virtual time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now().Add(c.offset)
}

// Offset is how far virtual time is ahead of real time.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// Advance moves virtual time forward by d (a negative d is refused by the
// control API, not here: tests of "before" paths may need it) and fires every
// timer that became due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	due := c.popDueLocked()
	c.armLocked()
	c.mu.Unlock()
	c.fire(due)
}

// MaxOffset is how far virtual time may be from real time: 200 years, well
// inside what a time.Duration holds (292 years), so no move can wrap the
// clock around and every virtual time formats as RFC 3339.
const MaxOffset = 200 * 365 * 24 * time.Hour

// ErrOutOfRange refuses a move past MaxOffset.
var ErrOutOfRange = errors.New("the virtual clock may be at most 200 years from real time")

// TryAdvance is Advance, refusing a move that would take virtual time more
// than MaxOffset from real time (or a negative d).
func (c *Clock) TryAdvance(d time.Duration) error {
	c.mu.Lock()
	if d < 0 || d > MaxOffset || c.offset+d > MaxOffset {
		c.mu.Unlock()
		return ErrOutOfRange
	}
	c.mu.Unlock()
	c.Advance(d)
	return nil
}

// TrySet is Set, refusing a time more than MaxOffset from real time.
func (c *Clock) TrySet(t time.Time) error {
	c.mu.Lock()
	now := c.now()
	c.mu.Unlock()
	if t.Before(now.Add(-MaxOffset)) || t.After(now.Add(MaxOffset)) {
		return ErrOutOfRange
	}
	c.Set(t)
	return nil
}

// Set moves virtual time to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.offset = t.Sub(c.now())
	due := c.popDueLocked()
	c.armLocked()
	c.mu.Unlock()
	c.fire(due)
}

// TrySetOffset puts virtual time offset ahead of real time (a restored
// snapshot's offset: the virtual time it saved moved on by the real time
// since), firing every timer that became due; an offset past MaxOffset
// either way is refused and the clock does not move.
func (c *Clock) TrySetOffset(offset time.Duration) error {
	if offset < -MaxOffset || offset > MaxOffset {
		return ErrOutOfRange
	}
	c.mu.Lock()
	c.offset = offset
	due := c.popDueLocked()
	c.armLocked()
	c.mu.Unlock()
	c.fire(due)
	return nil
}

// Reset returns the offset to zero. Pending timers keep their virtual
// deadlines and fire when real time reaches them.
func (c *Clock) Reset() {
	c.mu.Lock()
	c.offset = 0
	c.armLocked()
	c.mu.Unlock()
}

// Close stops the real timer; pending timers never fire afterwards.
func (c *Clock) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.wake != nil {
		c.wake.Stop()
	}
	c.timers = nil
}

// Timer is a callback scheduled at a virtual instant.
type Timer struct {
	c     *Clock
	at    time.Time
	fn    func()
	seq   uint64
	index int // position in the heap; -1 once fired or stopped
}

// At schedules fn to run (in its own goroutine-free call from whichever
// goroutine moves time past at) once virtual time reaches at. fn must not
// block for long: it runs on the goroutine that advanced the clock or on the
// clock's real timer.
func (c *Clock) At(at time.Time, fn func()) *Timer {
	c.mu.Lock()
	c.seq++
	t := &Timer{c: c, at: at, fn: fn, seq: c.seq}
	if c.closed {
		t.index = -1
		c.mu.Unlock()
		return t
	}
	heap.Push(&c.timers, t)
	due := c.popDueLocked()
	c.armLocked()
	c.mu.Unlock()
	c.fire(due)
	return t
}

// AfterFunc schedules fn d of virtual time from now.
func (c *Clock) AfterFunc(d time.Duration, fn func()) *Timer { return c.At(c.Now().Add(d), fn) }

// Stop cancels the timer; it reports whether the timer was still pending.
func (t *Timer) Stop() bool {
	c := t.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.index < 0 {
		return false
	}
	heap.Remove(&c.timers, t.index)
	c.armLocked()
	return true
}

func (c *Clock) popDueLocked() []*Timer {
	now := c.now().Add(c.offset)
	var due []*Timer
	for len(c.timers) > 0 && !c.timers[0].at.After(now) {
		due = append(due, heap.Pop(&c.timers).(*Timer))
	}
	return due
}

// armLocked points the real timer at the earliest pending virtual deadline.
func (c *Clock) armLocked() {
	if c.closed {
		return
	}
	if len(c.timers) == 0 {
		if c.wake != nil {
			c.wake.Stop()
		}
		return
	}
	d := c.timers[0].at.Sub(c.now().Add(c.offset))
	if d < 0 {
		d = 0
	}
	if c.wake == nil {
		c.wake = time.AfterFunc(d, c.onWake)
		return
	}
	c.wake.Reset(d)
}

func (c *Clock) onWake() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	due := c.popDueLocked()
	c.armLocked()
	c.mu.Unlock()
	c.fire(due)
}

func (c *Clock) fire(ts []*Timer) {
	for _, t := range ts {
		c.run(t.fn)
	}
}

// run calls one timer callback, containing a panic.
func (c *Clock) run(fn func()) {
	defer func() {
		if p := recover(); p != nil && c.onPanic != nil {
			c.onPanic(p)
		}
	}()
	fn()
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at.Equal(h[j].at) {
		return h[i].seq < h[j].seq
	}
	return h[i].at.Before(h[j].at)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
