package clock

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeReal is a real-time source frozen unless the test moves it, so the
// tests below never depend on the machine's scheduler.
type fakeReal struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeReal) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }

func TestAdvanceSetReset(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	real := &fakeReal{t: base}
	c := New(WithRealTime(real.now))
	defer c.Close()

	assert.Equal(t, base, c.Now())
	c.Advance(31 * time.Second)
	assert.Equal(t, base.Add(31*time.Second), c.Now())
	assert.Equal(t, 31*time.Second, c.Offset())

	target := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	c.Set(target)
	assert.Equal(t, target, c.Now())

	c.Reset()
	assert.Equal(t, base, c.Now())
	assert.Zero(t, c.Offset())
}

func TestTimersFireOnAdvanceInDeadlineOrder(t *testing.T) {
	real := &fakeReal{t: time.Unix(1_700_000_000, 0)}
	c := New(WithRealTime(real.now))
	defer c.Close()

	var got []string
	c.AfterFunc(20*time.Second, func() { got = append(got, "b") })
	c.AfterFunc(10*time.Second, func() { got = append(got, "a") })
	late := c.AfterFunc(time.Hour, func() { got = append(got, "never") })

	c.Advance(9 * time.Second)
	assert.Empty(t, got, "nothing is due before its deadline")
	c.Advance(11 * time.Second)
	assert.Equal(t, []string{"a", "b"}, got)

	assert.True(t, late.Stop())
	c.Advance(2 * time.Hour)
	assert.Equal(t, []string{"a", "b"}, got, "a stopped timer never fires")
	assert.False(t, late.Stop())
}

func TestTimerAlreadyDueFiresImmediately(t *testing.T) {
	c := New()
	defer c.Close()
	fired := false
	c.At(c.Now().Add(-time.Second), func() { fired = true })
	assert.True(t, fired)
}

func TestTimerFiresOnRealTime(t *testing.T) {
	c := New()
	defer c.Close()
	done := make(chan struct{})
	c.AfterFunc(time.Millisecond, func() { close(done) })
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a timer must fire when real time reaches its virtual deadline")
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New()
	defer c.Close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c.AfterFunc(time.Second, func() { mu.Lock(); n++; mu.Unlock() })
		}()
		go func() { defer wg.Done(); _ = c.Now() }()
	}
	wg.Wait()
	c.Advance(2 * time.Second)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, 50, n)
}

func TestAPanickingTimerDoesNotStopTheClock(t *testing.T) {
	var mu sync.Mutex
	var reported []any
	c := New(WithPanicHandler(func(p any) { mu.Lock(); reported = append(reported, p); mu.Unlock() }))
	defer c.Close()
	after := false
	c.AfterFunc(time.Second, func() { panic("boom") })
	c.AfterFunc(2*time.Second, func() { after = true })
	require.NotPanics(t, func() { c.Advance(3 * time.Second) })
	assert.True(t, after, "later timers still fire")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []any{"boom"}, reported)

	// On the clock's own goroutine too (a panic there would kill the process).
	done := make(chan struct{})
	c.AfterFunc(time.Millisecond, func() { defer close(done); panic("on the timer goroutine") })
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("timer never fired")
	}
}

func TestMovesPastTheRangeAreRefused(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(WithRealTime(func() time.Time { return base }))
	tests := []struct {
		name string
		move func() error
		ok   bool
	}{
		{"a year", func() error { return c.TryAdvance(365 * 24 * time.Hour) }, true},
		{"the largest duration", func() error { return c.TryAdvance(2562047 * time.Hour) }, false},
		{"past the range in two steps", func() error { return c.TryAdvance(MaxOffset) }, false},
		{"negative", func() error { return c.TryAdvance(-time.Second) }, false},
		{"year 1", func() error { return c.TrySet(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)) }, false},
		{"year 9999", func() error { return c.TrySet(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) }, false},
		{"year 2100", func() error { return c.TrySet(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)) }, true},
		{"year 1990", func() error { return c.TrySet(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Now()
			err := tt.move()
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrOutOfRange)
			assert.Equal(t, before, c.Now(), "a refused move leaves the clock where it was")
		})
	}
}

func TestTimersFireRightAfterALargeMove(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(WithRealTime(func() time.Time { return base }))
	defer c.Close()
	fired := 0
	c.AfterFunc(100*365*24*time.Hour, func() { fired++ })
	c.AfterFunc(150*365*24*time.Hour, func() { fired++ })
	require.NoError(t, c.TryAdvance(120*365*24*time.Hour))
	assert.Equal(t, 1, fired, "only the timer that came due")
	require.NoError(t, c.TryAdvance(30*365*24*time.Hour))
	assert.Equal(t, 2, fired)
}

// A restored snapshot puts its offset back: timers that the new virtual time
// has passed fire, and an offset out of range leaves the clock alone.
func TestTrySetOffset(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(WithRealTime(func() time.Time { return base }))
	defer c.Close()
	fired := make(chan struct{}, 1)
	c.At(base.Add(time.Hour), func() { fired <- struct{}{} })

	require.NoError(t, c.TrySetOffset(90*time.Minute))
	assert.Equal(t, 90*time.Minute, c.Offset())
	assert.Equal(t, base.Add(90*time.Minute), c.Now())
	select {
	case <-fired:
	default:
		t.Fatal("a timer the restored offset passed did not fire")
	}

	require.NoError(t, c.TrySetOffset(-time.Hour), "a clock set into the past saves a negative offset")
	assert.Equal(t, -time.Hour, c.Offset())
	for _, d := range []time.Duration{MaxOffset + 1, -MaxOffset - 1} {
		assert.ErrorIs(t, c.TrySetOffset(d), ErrOutOfRange)
		assert.Equal(t, -time.Hour, c.Offset(), "a refused offset leaves the clock where it was")
	}
}
