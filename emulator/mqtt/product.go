// Package mqtt is the MQTT product: Alibaba Cloud's Message Queue for MQTT
// management API (product OnsMqtt, version 2020-04-20) — group ids in two
// naming modes, tokens on the virtual clock, device credentials, sessions
// whose online state the control API sets, and SendMessage. Its rules live
// in the store (store*.go), its handlers in actions*.go; door.go puts it
// behind the MQTT front door, which speaks the Alibaba RPC protocol.
package mqtt

import (
	"encoding/json"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2020-04-20"

// Product is MQTT: its options, its state and rules, and its action table.
type Product struct {
	clock    *clock.Clock
	accounts *account.Registry
	opts     Options
	regions  map[string]bool // opts.Regions
	store    *store
	table    *pipeline.Table
}

// New builds the product from the emulator's environment. A zero Env works:
// it gets its own clock and the built-in accounts.
func New(env pipeline.Env) (*Product, error) {
	if env.Clock == nil {
		env.Clock = clock.New()
	}
	if env.Accounts == nil {
		reg, err := account.NewRegistry(account.Defaults())
		if err != nil {
			return nil, err
		}
		env.Accounts = reg
	}
	opts := DefaultOptions()
	if err := config.DecodeOptions("mqtt", env.Options, &opts); err != nil {
		return nil, err
	}
	opts.RateLimits = opts.RateLimits || env.RateLimits
	if err := opts.validate(); err != nil {
		return nil, err
	}
	p := &Product{clock: env.Clock, accounts: env.Accounts, opts: opts, regions: map[string]bool{},
		store: newStore(env.Accounts, opts.MessageHistory, opts.CheckParentTopics)}
	for _, r := range opts.Regions {
		p.regions[r] = true
	}
	rows, err := p.actions()
	if err != nil {
		return nil, err
	}
	p.table = pipeline.NewTable(p.tableSpec(), rows...)
	if err := p.seed(); err != nil {
		return nil, err
	}
	return p, nil
}

// Reset returns to the configured instances with their declared group ids
// alone, and forgets every call counted against a rate limit.
func (p *Product) Reset() {
	p.store.reset()
	p.table.ResetLimits()
	_ = p.seed() // the same entries into the same empty store passed at start
}

// State is the product's state for the control API.
func (p *Product) State() any { return p.store.state(p.clock.Now()) }

// Save exports the product's state for a snapshot.
func (p *Product) Save() (json.RawMessage, error) { return p.store.saveSnapshot() }

// Load checks a saved state and returns what installs it (frontdoor.Product).
func (p *Product) Load(raw json.RawMessage) (func(), error) { return p.store.loadSnapshot(raw) }
