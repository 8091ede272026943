// Package trocket is the TDMQ for RocketMQ 5.x product: the actions of
// service trocket (2023-03-08) over instances, topics, consumer groups,
// roles and messages. It knows nothing of the front door that serves it
// (emulator/tdmq assembles that) nor of RocketMQ 4.x beside it: the 4.x
// clusters DescribeFusionInstanceList lists come from the OtherInstances
// function the door hands to New.
//
// The rules live in the store (store*.go); the actions (actions*.go) bind
// parameters, call the store and shape its answers.
package trocket

import (
	"encoding/json"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Product is RocketMQ 5.x.
type Product struct {
	clock    *clock.Clock
	accounts *account.Registry // nil: no accounts, nothing declared
	others   OtherInstances
	table    *pipeline.Table
	store    *store
}

// New builds the product. The zero Env works: with no clock the product
// keeps one of its own, with no account registry no call has an account.
// others lists an account's instances of other products in a region for
// DescribeFusionInstanceList; nil lists none. The accounts' declared
// resources (accounts[].resources.rocketmq5) are created here, and one the
// API refuses is New's error.
func New(env pipeline.Env, opts Options, others OtherInstances) (*Product, error) {
	c := env.Clock
	if c == nil {
		c = clock.New()
	}
	if others == nil {
		others = noOthers{}
	}
	g := &Product{clock: c, accounts: env.Accounts, others: others, store: newStore(opts)}
	g.table = g.actions(opts.RateLimitOverrides, env.RateLimits || opts.RateLimits)
	if err := g.seed(); err != nil {
		return nil, err
	}
	return g, nil
}

// Table is the product's action table (service trocket, 2023-03-08).
func (g *Product) Table() *pipeline.Table { return g.table }

// Reset forgets every resource and empties the rate-limit buckets; the
// accounts' declared resources are created again, as at start.
func (g *Product) Reset() {
	g.store.reset()
	g.table.ResetLimits()
	_ = g.seed() // the same entries into the same empty store passed at start
}

// State is what GET /_mqmock/state shows for 5.x.
func (g *Product) State() any {
	return map[string]any{"instances": g.store.state(g.clock.Now())}
}

// OtherInstances reaches an account's instances of other products (RocketMQ
// 4.x clusters) in a region (X-TC-Region as sent) as of now, for
// DescribeFusionInstanceList: cheap keys in the list's order first, the
// full rows only for the page.
type OtherInstances interface {
	// Scan calls visit with each instance by (creation millisecond, id)
	// until visit returns false, and returns how many instances there are.
	// It holds the other product's lock while visit runs: visit must not
	// take this product's.
	Scan(account, region string, now time.Time, visit func(OtherKey) bool) int
	// Render gives the full instances for keys Scan handed out, in their
	// order.
	Render(keys []OtherKey, now time.Time) []OtherInstance
}

// OtherKey is what DescribeFusionInstanceList orders and filters another
// product's instance by.
type OtherKey struct {
	ID, Name string
	// Version, Type and Status are as in OtherInstance.
	Version, Type, Status string
	Created               time.Time
	// Tags lists the instance's tags; only while Scan's visit runs.
	Tags func() []Tag
	// Ref is the other product's own name for the instance, for Render.
	Ref any
}

// noOthers is the OtherInstances of a product built without any.
type noOthers struct{}

func (noOthers) Scan(string, string, time.Time, func(OtherKey) bool) int { return 0 }
func (noOthers) Render([]OtherKey, time.Time) []OtherInstance            { return nil }

// OtherInstance is an instance of another product as
// DescribeFusionInstanceList lists it beside the 5.x instances: plain
// values in the list's own terms.
type OtherInstance struct {
	ID, Name, Remark string
	// Version is what the list's Version filter selects the instance by.
	Version string
	// Type and Status are its InstanceType and InstanceStatus.
	Type, Status                                     string
	PayMode                                          string
	TopicNumLimit, GroupNumLimit, TopicNum, GroupNum int64
	Tags                                             []Tag
	SkuCode                                          string
	// MessageRetention and MaxMessageDelay are in hours.
	MessageRetention, MaxMessageDelay int64
	// The InstanceItemExtraInfo of the item.
	IsVip                 bool
	VipStatus             int64
	SpecName              string
	NodeCount, MaxStorage int64
	MaxRetention          int64 // hours
	ZoneIDs               []int64
	DeletionProtection    bool
	Created               time.Time
}

// Tag is a resource tag.
type Tag struct{ Key, Value string }

// Save exports the product's state for a snapshot.
func (g *Product) Save() (json.RawMessage, error) { return g.store.saveSnapshot() }

// Load checks a saved state and returns what installs it (frontdoor.Product).
func (g *Product) Load(raw json.RawMessage) (func(), error) { return g.store.loadSnapshot(raw) }
