// Package rocketmq is the TDMQ for RocketMQ 4.x product: the RocketMQ*
// actions of service tdmq (2020-02-17) over clusters (virtual and
// dedicated), namespaces, topics, groups, roles and their namespace
// bindings, and the messages sent through the API. It knows nothing of the
// front door that serves it (emulator/tdmq assembles that) nor of RocketMQ
// 5.x beside it: DescribeFusionInstanceList reads Clusters.
package rocketmq

import (
	"sync"
	"time"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Product is RocketMQ 4.x. One mutex guards all its resources, so every
// check and the change it guards happen in one critical section.
type Product struct {
	clock      *clock.Clock
	limits     Limits
	readyAfter time.Duration
	table      *pipeline.Table

	mu       sync.Mutex
	clusters map[string]*cluster
	seq      uint64 // creation order of every resource
	msgSeq   uint64 // message ids
}

// New builds the product. The zero Env works: with no clock the product
// keeps one of its own, with no account registry no call has an account.
func New(env pipeline.Env, opts Options) (*Product, error) {
	if err := opts.Limits.validate(); err != nil {
		return nil, err
	}
	c := env.Clock
	if c == nil {
		c = clock.New()
	}
	g := &Product{clock: c, limits: opts.Limits, readyAfter: opts.ReadyAfter}
	g.table = g.actions(opts.RateLimitOverrides, env.RateLimits || opts.RateLimits)
	g.Reset()
	return g, nil
}

// Table is the product's action table (service tdmq, 2020-02-17).
func (g *Product) Table() *pipeline.Table { return g.table }

// Reset forgets every resource and empties the rate-limit buckets.
func (g *Product) Reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.clusters = map[string]*cluster{}
	g.seq, g.msgSeq = 0, 0
	g.table.ResetLimits()
}

// State is the control API's view of every 4.x resource.
func (g *Product) State() any { return g.state() }

func (g *Product) now() time.Time { return g.clock.Now() }

func (g *Product) next() uint64 { g.seq++; return g.seq }

// accountOf is the account a call acts for: resources are visible only to
// the account that created them.
func accountOf(call *pipeline.Call) string {
	if call.Account == nil {
		return ""
	}
	return call.Account.Name
}
