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
// Fixed one-second windows of virtual time: up to the rate passes in each
// second, and advancing the clock opens a new window.
type rateLimiter struct {
	clock       *clock.Clock
	perResource float64
	perAction   float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	second int64 // the virtual Unix second the count is for
	count  float64
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
			return errQPSThrottling.New()
		}
	}
	if r.perAction > 0 && !r.take("a\x00"+acct+"\x00"+call.Action, r.perAction, now) {
		return errFrequencyLimit.New()
	}
	return nil
}

func (r *rateLimiter) take(key string, rate float64, now time.Time) bool {
	b, ok := r.buckets[key]
	if !ok {
		b = &bucket{}
		r.buckets[key] = b
	}
	if sec := now.Unix(); b.second != sec {
		b.second, b.count = sec, 0
	}
	if b.count >= rate {
		return false
	}
	b.count++
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
