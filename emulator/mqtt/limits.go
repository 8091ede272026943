package mqtt

import (
	"sync"
	"time"
)

// limiter enforces a rate per (account, action) on the virtual clock: rate
// calls per second with a burst of one second's worth. It is a token bucket
// written as GCRA (each bucket keeps the theoretical arrival time of the
// next call) so that it counts in whole nanoseconds, with no floating-point
// drift at the boundary. Time is passed in: the rule is tested without
// waiting and follows env.Advance.
type limiter struct {
	mu      sync.Mutex
	rates   map[string]float64
	buckets map[bucketKey]time.Time // theoretical arrival time
}

type bucketKey struct{ account, action string }

func newLimiter(rates map[string]float64) *limiter {
	return &limiter{rates: rates, buckets: map[bucketKey]time.Time{}}
}

// allow admits the call or reports false when the account has used up the
// action's burst. Actions without a rate are never limited.
func (l *limiter) allow(account, action string, now time.Time) bool {
	rate, ok := l.rates[action]
	if !ok {
		return true
	}
	interval := time.Duration(float64(time.Second) / rate)
	burst := max(1, int64(rate))
	tolerance := time.Duration(burst-1) * interval
	l.mu.Lock()
	defer l.mu.Unlock()
	k := bucketKey{account, action}
	tat := l.buckets[k]
	if tat.Before(now) {
		tat = now
	}
	if tat.Sub(now) > tolerance {
		return false
	}
	l.buckets[k] = tat.Add(interval)
	return true
}

func (l *limiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.buckets)
}
