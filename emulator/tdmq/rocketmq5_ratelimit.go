package tdmq

import (
	"sync"
	"time"
)

// Per-action request rate limits (RequestLimitExceeded). The documented 5.x
// limits are on the API pages quoted in tdmq.md §3: 20 requests per second
// for DescribeInstance and DescribeInstanceList, 200 for
// DescribeFusionInstanceList. They are off unless limits.rateLimits or
// tdmq.rateLimits is on;
// Options.RateLimitOverrides sets or replaces a limit per action (for the
// undocumented actions, or a lower rate in tests).
var documentedRateLimits5 = map[string]int{
	"DescribeInstance":           20,
	"DescribeInstanceList":       20,
	"DescribeFusionInstanceList": 200,
}

// rateLimits5 is the effective per-second limit of each limited action. The
// limits are on when the tdmq section says so (tdmq.rateLimits) or the global
// limits.rateLimits does (global).
func rateLimits5(o Options, global bool) map[string]int {
	if !o.RateLimits && !global {
		return nil
	}
	out := map[string]int{}
	for k, v := range documentedRateLimits5 {
		out[k] = v
	}
	for k, v := range o.RateLimitOverrides {
		out[k] = v
	}
	return out
}

// rateLimiter5 is a token bucket per (account, action) on the virtual clock:
// capacity = the per-second rate, refilled continuously. Advancing the clock
// by a second refills a bucket completely.
type rateLimiter5 struct {
	now    func() time.Time
	limits map[string]int
	mu     sync.Mutex
	bucket map[[2]string]*bucket5
}

type bucket5 struct {
	tokens float64
	at     time.Time
}

func newRateLimiter5(now func() time.Time, limits map[string]int) *rateLimiter5 {
	return &rateLimiter5{now: now, limits: limits, bucket: map[[2]string]*bucket5{}}
}

// allow takes one token for the call, reporting false when none is left.
func (l *rateLimiter5) allow(account, action string) bool {
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
		b = &bucket5{tokens: float64(rate), at: now}
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

func (l *rateLimiter5) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bucket = map[[2]string]*bucket5{}
}
