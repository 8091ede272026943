package mqtt

import (
	"sync"
	"time"
)

// limiter is a token bucket per (account, action) on the virtual clock: rate
// tokens per second, a burst of one second's worth. Time is passed in, so the
// rule is tested without waiting and follows env.Advance.
type limiter struct {
	mu      sync.Mutex
	rates   map[string]float64
	buckets map[bucketKey]*bucket
}

type bucketKey struct{ account, action string }

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rates map[string]float64) *limiter {
	return &limiter{rates: rates, buckets: map[bucketKey]*bucket{}}
}

// allow takes one token for the call, reporting false when the bucket is
// empty. Actions without a rate are never limited.
func (l *limiter) allow(account, action string, now time.Time) bool {
	rate, ok := l.rates[action]
	if !ok {
		return true
	}
	burst := max(rate, 1)
	l.mu.Lock()
	defer l.mu.Unlock()
	k := bucketKey{account, action}
	b, ok := l.buckets[k]
	if !ok {
		b = &bucket{tokens: burst, last: now}
		l.buckets[k] = b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(burst, b.tokens+elapsed.Seconds()*rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *limiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.buckets)
}
