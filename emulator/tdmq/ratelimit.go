package tdmq

import (
	"sync"
	"time"
)

// rateLimiter is a token bucket per (account, action) on the virtual clock:
// capacity = the per-second rate, refilled continuously. Advancing the clock
// by a second refills a bucket completely.
type rateLimiter struct {
	now    func() time.Time
	limits map[string]int
	mu     sync.Mutex
	bucket map[[2]string]*tokenBucket
}

type tokenBucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(now func() time.Time, limits map[string]int) *rateLimiter {
	return &rateLimiter{now: now, limits: limits, bucket: map[[2]string]*tokenBucket{}}
}

// allow takes one token for the call, reporting false when none is left.
func (l *rateLimiter) allow(account, action string) bool {
	rate, ok := l.limits[action]
	if !ok || rate <= 0 {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	k := [2]string{account, action}
	b, ok := l.bucket[k]
	if !ok {
		b = &tokenBucket{tokens: float64(rate), at: now}
		l.bucket[k] = b
	}
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(float64(rate), b.tokens+d.Seconds()*float64(rate))
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *rateLimiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bucket = map[[2]string]*tokenBucket{}
}
