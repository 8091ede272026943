package faults

import (
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mqmock/mqmock/internal/ratelimit"

	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// rule is one compiled, validated rule.
type rule struct {
	doc     RuleDoc
	source  string
	vendor  string
	service string // "" = any
	action  string // lower-cased; "" = any ("*")
	match   []matcher

	// Effect.
	errDef   *apierr.Def
	errArgs  []string
	latency  time.Duration
	jitter   time.Duration
	throttle *throttle
	drop     bool
	reset    bool
	timeout  bool
	holdFor  time.Duration
	raw      *pipeline.Raw

	// Triggers beyond the counters in doc: prob applies unless certain.
	certain bool
	prob    float64

	// fingerprint identifies the rule's definition, so a file reload keeps
	// the counters of the rules it did not change.
	fingerprint string

	st *ruleState
}

type throttle struct {
	rate     ratelimit.Rate
	scope    string      // "", "account" or "action": what gets a bucket of its own
	def      *apierr.Def // default throttling error
	defByAct map[string]*apierr.Def
	args     []string
}

// bucketKey names the bucket a call draws from.
func (t *throttle) bucketKey(c *pipeline.Call) string {
	switch t.scope {
	case scopeAccount:
		if c.Account != nil {
			return c.Account.Name
		}
		return c.CredentialID
	case scopeAction:
		return strings.ToLower(c.Action)
	}
	return ""
}

// ruleState is what a rule remembers between calls. One lock per rule keeps
// the counters exact under concurrency while unrelated rules never contend.
type ruleState struct {
	// off is a rule switched off (SetEnabled): calls pass it by, uncounted,
	// as if it were not there, until it is switched on again.
	off     atomic.Bool
	mu      sync.Mutex
	seen    int64 // matching calls that reached the rule
	hits    int64 // times the effect was applied
	rng     *rand.Rand
	buckets map[string]*ratelimit.Bucket // by bucketKey: one, or one per account or action
}

// matches checks the rule's conditions; the caller has already matched
// vendor and action.
func (r *rule) matches(c *pipeline.Call) bool {
	if r.service != "" && r.service != c.Service {
		return false
	}
	for i := range r.match {
		if !r.match[i].holds(c) {
			return false
		}
	}
	return true
}

// fire runs the triggers for one matching call and, when they fire, returns
// the effect. Everything a rule decides for one call happens under its lock,
// so `times: 3` fires exactly three times however many callers race.
func (r *rule) fire(c *pipeline.Call, clk *clock.Clock) *pipeline.Effect {
	st := r.st
	st.mu.Lock()
	defer st.mu.Unlock()
	d := r.doc
	if d.Times > 0 && st.hits >= int64(d.Times) {
		return nil // spent: later rules get the call
	}
	st.seen++
	k := st.seen - int64(d.After)
	if k <= 0 {
		return nil
	}
	if d.Every > 1 && k%int64(d.Every) != 0 {
		return nil
	}
	if !r.certain && st.rng.Float64() >= r.prob {
		return nil
	}
	var err *apierr.Error
	switch {
	case r.throttle != nil:
		// Read the clock under the rule's lock, so the bucket sees time
		// move forward in the order the calls take tokens.
		key := r.throttle.bucketKey(c)
		b := st.buckets[key]
		if b == nil {
			b = &ratelimit.Bucket{}
			st.buckets[key] = b
		}
		if b.Take(r.throttle.rate, clk.Now()) {
			return nil // within the rate: served normally
		}
		def := r.throttle.def
		if ad, ok := r.throttle.defByAct[strings.ToLower(c.Action)]; ok {
			def = ad
		}
		err = def.New(r.throttle.args...)
	case r.errDef != nil:
		err = r.errDef.New(r.errArgs...)
	}
	st.hits++
	e := &pipeline.Effect{Rule: d.Name, Err: err, Raw: r.raw, Drop: r.drop, Reset: r.reset, Timeout: r.timeout}
	e.Delay = r.latency
	if r.jitter > 0 {
		// Uniform in [latency-jitter, latency+jitter], never negative.
		e.Delay += time.Duration(st.rng.Int64N(int64(2*r.jitter)+1)) - r.jitter
		if e.Delay < 0 {
			e.Delay = 0
		}
	}
	if r.holdFor > 0 {
		// timeout: 30s — hold that long, then close without an answer.
		e.Delay += r.holdFor
		e.Timeout, e.Drop = false, true
	}
	return e
}

// counts reads the rule's counters.
func (r *rule) counts() (seen, hits int64) {
	r.st.mu.Lock()
	defer r.st.mu.Unlock()
	return r.st.seen, r.st.hits
}
