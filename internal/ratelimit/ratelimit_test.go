package ratelimit

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestRates(t *testing.T) {
	tests := []struct {
		name string
		got  Rate
		want Rate
	}{
		{"per second", Per(20, time.Second), Rate{50 * time.Millisecond, 20}},
		{"per minute", Per(10, time.Minute), Rate{6 * time.Second, 10}},
		{"float whole", PerSecond(5), Rate{200 * time.Millisecond, 5}},
		{"float fraction", PerSecond(0.5), Rate{2 * time.Second, 1}},
		{"zero", Per(0, time.Second), Rate{}},
		{"negative", PerSecond(-1), Rate{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.got) })
	}
}

func TestBucketBurstThenRefill(t *testing.T) {
	tests := []struct {
		name  string
		rate  Rate
		burst int           // calls allowed at once
		wait  time.Duration // until the next one is allowed
	}{
		{"2/s", Per(2, time.Second), 2, 500 * time.Millisecond},
		{"10/min", Per(10, time.Minute), 10, 6 * time.Second},
		{"1/s", Per(1, time.Second), 1, time.Second},
		{"0.5/s", PerSecond(0.5), 1, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Bucket
			for i := 0; i < tt.burst; i++ {
				assert.True(t, b.Take(tt.rate, t0), "call %d of the burst", i+1)
			}
			assert.False(t, b.Take(tt.rate, t0), "one more at once")
			assert.False(t, b.Take(tt.rate, t0.Add(tt.wait-time.Nanosecond)), "a nanosecond early")
			assert.True(t, b.Take(tt.rate, t0.Add(tt.wait)), "one token back")
			assert.False(t, b.Take(tt.rate, t0.Add(tt.wait)))
		})
	}
}

func TestBucketFullAfterOnePeriod(t *testing.T) {
	var b Bucket
	r := Per(3, time.Second)
	for i := 0; i < 3; i++ {
		assert.True(t, b.Take(r, t0))
	}
	later := t0.Add(time.Second)
	for i := 0; i < 3; i++ {
		assert.True(t, b.Take(r, later), "a full burst again after one period")
	}
	assert.False(t, b.Take(r, later))
}

func TestRefusedCallsCostNothing(t *testing.T) {
	var b Bucket
	r := Per(1, time.Second)
	assert.True(t, b.Take(r, t0))
	for i := 0; i < 100; i++ {
		assert.False(t, b.Take(r, t0.Add(time.Duration(i)*time.Millisecond)))
	}
	assert.True(t, b.Take(r, t0.Add(time.Second)))
}

func TestClockGoingBackDoesNotLockOut(t *testing.T) {
	var b Bucket
	r := Per(1, time.Second)
	assert.True(t, b.Take(r, t0.Add(time.Hour)))
	// A reset puts the clock an hour back: the debt moves back too.
	assert.False(t, b.Take(r, t0))
	assert.True(t, b.Take(r, t0.Add(time.Second)))
}

func TestZeroRateLimitsNothing(t *testing.T) {
	var b Bucket
	var l Limiter
	for i := 0; i < 1000; i++ {
		assert.True(t, b.Take(Rate{}, t0))
		assert.True(t, l.Take("k", Rate{}, t0))
	}
}

func TestLimiterKeysAreIndependentAndReset(t *testing.T) {
	var l Limiter
	r := Per(1, time.Second)
	assert.True(t, l.Take("a", r, t0))
	assert.False(t, l.Take("a", r, t0))
	assert.True(t, l.Take("b", r, t0), "another key has its own bucket")
	l.Reset()
	assert.True(t, l.Take("a", r, t0), "reset empties every bucket")
}

func TestLimiterConcurrentTakesNeverExceedTheBurst(t *testing.T) {
	var l Limiter
	r := Per(50, time.Second)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.Take("k", r, t0) {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 50, allowed)
}

func BenchmarkLimiterTake(b *testing.B) {
	var l Limiter
	r := Per(1_000_000_000, time.Second)
	now := t0
	for b.Loop() {
		now = now.Add(time.Microsecond)
		l.Take("account\x00Action", r, now)
	}
}
