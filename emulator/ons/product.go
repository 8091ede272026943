// Package ons is the ONS product: Alibaba Cloud's Message Queue for RocketMQ
// management API (product Ons, version 2019-02-14) — instances, topics,
// groups and their consumers, messages, tags. Its rules live in the store
// (store*.go), its handlers in actions*.go; door.go puts it behind the ONS
// front door, which speaks the Alibaba RPC protocol.
package ons

import (
	"encoding/json"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2019-02-14"

// Product is ONS: its options, its state and rules, and its action table.
type Product struct {
	clock    *clock.Clock
	accounts *account.Registry // nil: no accounts
	opts     Options
	store    *store
	table    *pipeline.Table
}

// New builds the product from the emulator's environment. A zero Env works:
// the product gets its own clock and has no accounts.
func New(env pipeline.Env) (*Product, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("ons", env.Options, &opts); err != nil {
		return nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.RateLimits = opts.RateLimits || env.RateLimits
	c := env.Clock
	if c == nil {
		c = clock.New()
	}
	p := &Product{clock: c, accounts: env.Accounts, opts: opts, store: newStore(opts, c)}
	p.table = pipeline.NewTable(p.tableSpec(), p.actions()...)
	if err := p.reset(); err != nil {
		return nil, err
	}
	return p, nil
}

// Reset returns to the configured instances with their declared topics and
// groups alone, and forgets every call counted against a rate limit.
func (p *Product) Reset() {
	_ = p.reset() // the same entries into the same empty store passed at start
}

func (p *Product) reset() error {
	var accounts []*account.Account
	if p.accounts != nil {
		accounts = p.accounts.All()
	}
	p.store.reset(accounts)
	p.table.ResetLimits()
	return p.seed(accounts)
}

// State is the product's state for the control API.
func (p *Product) State() any { return p.store.snapshot() }

// Save exports the product's state for a snapshot.
func (p *Product) Save() (json.RawMessage, error) { return p.store.saveSnapshot() }

// Load checks a saved state and returns what installs it (frontdoor.Product).
func (p *Product) Load(raw json.RawMessage) (func(), error) {
	return p.store.loadSnapshot(raw, func(name string) (*account.Account, bool) {
		if p.accounts == nil {
			return nil, false
		}
		return p.accounts.ByName(name)
	})
}
