// Package rocketmq is the TDMQ for RocketMQ 4.x product: the RocketMQ*
// actions of service tdmq (2020-02-17) over clusters (virtual and
// dedicated), namespaces, topics, groups, roles and their namespace
// bindings, and the messages sent through the API. It knows nothing of the
// front door that serves it (emulator/tdmq assembles that) nor of RocketMQ
// 5.x beside it: DescribeFusionInstanceList reads ScanClusters and
// Summaries.
//
// The rules live in the store (store*.go); the actions (actions*.go) bind
// parameters, call the store and shape its answers.
package rocketmq

import (
	"encoding/json"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Product is RocketMQ 4.x.
type Product struct {
	clock    *clock.Clock
	accounts *account.Registry // nil: no accounts, nothing declared
	table    *pipeline.Table
	store    *store
}

// New builds the product. The zero Env works: with no clock the product
// keeps one of its own, with no account registry no call has an account.
// The accounts' declared resources (accounts[].resources.rocketmq4) are
// created here, and one the API refuses is New's error.
func New(env pipeline.Env, opts Options) (*Product, error) {
	if err := opts.Limits.validate(); err != nil {
		return nil, err
	}
	c := env.Clock
	if c == nil {
		c = clock.New()
	}
	g := &Product{clock: c, accounts: env.Accounts, store: newStore(opts)}
	g.table = g.actions(opts.RateLimitOverrides, env.RateLimits || opts.RateLimits)
	if err := g.seed(); err != nil {
		return nil, err
	}
	return g, nil
}

// Table is the product's action table (service tdmq, 2020-02-17).
func (g *Product) Table() *pipeline.Table { return g.table }

// Reset forgets every resource and empties the rate-limit buckets; the
// accounts' declared resources are created again, as at start.
func (g *Product) Reset() {
	g.store.reset()
	g.table.ResetLimits()
	_ = g.seed() // the same entries into the same empty store passed at start
}

// State is the control API's view of every 4.x resource.
func (g *Product) State() any { return g.store.state(g.clock.Now()) }

// ScanClusters calls visit with each of an account's clusters in a region
// (X-TC-Region as sent: a cluster belongs to the region its creating call
// named) by (creation millisecond, id), as of now, until visit returns
// false, and returns how many clusters the account has there. visit runs
// under the product's lock: it must not call the product nor take another
// product's lock. A caller lists a page by keeping the keys it needs and
// summarising only those (Summaries).
func (g *Product) ScanClusters(account, region string, now time.Time, visit func(ClusterKey) bool) int {
	return g.store.scan(account, region, now, visit)
}

// Summaries summarises clusters ScanClusters handed out, in refs' order,
// as of now.
func (g *Product) Summaries(refs []ClusterRef, now time.Time) []ClusterSummary {
	return g.store.summaries(refs, now)
}

// Save exports the product's state for a snapshot.
func (g *Product) Save() (json.RawMessage, error) { return g.store.saveSnapshot() }

// Load checks a saved state and returns what installs it (frontdoor.Product).
func (g *Product) Load(raw json.RawMessage) (func(), error) { return g.store.loadSnapshot(raw) }
