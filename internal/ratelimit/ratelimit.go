// Package ratelimit is the one token bucket of the emulator: every product's
// documented per-action rate limit and the fault engine's `throttle:` effect
// use it. Time is passed in, never read from the machine, so buckets follow
// the virtual clock: a test waits a limit out by advancing the clock.
//
// A bucket is written as GCRA (it keeps the theoretical arrival time of the
// next call), which is a token bucket counted in whole nanoseconds: no
// floating-point drift at the boundary of a second.
package ratelimit

import (
	"sync"
	"time"
)

// Rate is one token every Every, at most Burst tokens held. The zero Rate
// limits nothing.
type Rate struct {
	Every time.Duration
	Burst int
}

// Per is n calls per period, all of them available at once (burst n).
func Per(n int, period time.Duration) Rate {
	if n <= 0 || period <= 0 {
		return Rate{}
	}
	return Rate{Every: period / time.Duration(n), Burst: n}
}

// PerSecond is q calls per second; a fractional q (0.5) allows one call
// every 1/q seconds, a whole one a burst of q.
func PerSecond(q float64) Rate {
	if q <= 0 {
		return Rate{}
	}
	return Rate{Every: time.Duration(float64(time.Second) / q), Burst: max(1, int(q))}
}

// Limited reports whether the rate limits anything.
func (r Rate) Limited() bool { return r.Every > 0 && r.Burst > 0 }

// Bucket is one token bucket. It is not safe for concurrent use; Limiter
// guards its own.
type Bucket struct {
	tat  time.Time // theoretical arrival time of the next conforming call
	last time.Time // the latest time seen, to notice the clock going back
	seen bool
}

// Take takes one token at now, reporting whether there was one. A refused
// call takes nothing (the gateways do not charge a throttled call). When
// time goes back (a clock reset), what was owed moves back with it.
func (b *Bucket) Take(r Rate, now time.Time) bool {
	if !r.Limited() {
		return true
	}
	if !b.seen {
		b.seen, b.tat, b.last = true, now, now
	}
	if now.Before(b.last) {
		b.tat = b.tat.Add(now.Sub(b.last))
	}
	b.last = now
	tat := b.tat
	if tat.Before(now) {
		tat = now
	}
	if tat.Sub(now) > time.Duration(r.Burst-1)*r.Every {
		return false
	}
	b.tat = tat.Add(r.Every)
	return true
}

// Limiter holds one bucket per key (an account and an action, a queue…).
// The zero value is ready; it is safe for concurrent use.
type Limiter struct {
	mu      sync.Mutex
	buckets map[string]*Bucket
}

// Take takes a token from key's bucket.
func (l *Limiter) Take(key string, r Rate, now time.Time) bool {
	if !r.Limited() {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*Bucket{}
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &Bucket{}
		l.buckets[key] = b
	}
	return b.Take(r, now)
}

// Reset empties every bucket.
func (l *Limiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buckets = nil
}
