package cmq

import (
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// rateLimiter enforces the documented rate limits when they are on
// (limits.rateLimits or cmq.rateLimits): queries per second per queue or
// topic → 4420/10250, and optionally per account and action → 4480/10460.
// Token buckets on the virtual clock: a burst of up to the rate passes, and
// advancing the clock refills them.
type rateLimiter struct {
	clock       *clock.Clock
	perResource float64
	perAction   float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(c *clock.Clock, o Options, on bool) *rateLimiter {
	if !on {
		return nil
	}
	return &rateLimiter{clock: c, perResource: float64(o.QPSPerResource), perAction: float64(o.QPSPerAccountAction), buckets: map[string]*bucket{}}
}

// check takes a token for the call's resource and account/action; a nil
// limiter (limits off) allows everything.
func (r *rateLimiter) check(call *pipeline.Call) *apierr.Error {
	if r == nil {
		return nil
	}
	now := r.clock.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	acct := accountOf(call)
	if res := call.Params["queueName"] + "\x00" + call.Params["topicName"]; res != "\x00" && r.perResource > 0 {
		if !r.take("r\x00"+acct+"\x00"+res, r.perResource, now) {
			return ErrQPSThrottling.New()
		}
	}
	if r.perAction > 0 && !r.take("a\x00"+acct+"\x00"+call.Action, r.perAction, now) {
		return ErrFrequencyLimit.New()
	}
	return nil
}

func (r *rateLimiter) take(key string, rate float64, now time.Time) bool {
	b, ok := r.buckets[key]
	if !ok {
		b = &bucket{tokens: rate, at: now}
		r.buckets[key] = b
	}
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(rate, b.tokens+d.Seconds()*rate)
	}
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (r *rateLimiter) reset() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buckets = map[string]*bucket{}
}
