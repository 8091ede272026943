// Package cmq is the CMQ product: queues, messages, topics and
// subscriptions, their rules and action handlers. The legacy CMQ HTTP API
// (internal/tclegacy) serves it at /v2/index.php; door.go assembles that
// front door. Its management actions are also served over TencentCloud API
// 3.0 (the tdmq Cmq* actions, API3Table) by the TDMQ front door, on the same
// store: one id, one quota, one set of rules per account.
package cmq

import (
	"bytes"
	"encoding/json"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/jsonstream"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Product is CMQ: built once per emulator, whichever doors serve it.
type Product struct {
	env   pipeline.Env
	opts  Options
	table *pipeline.Table
	// api3 is the Cmq* actions of TencentCloud API 3.0 (tdmq 2020-02-17).
	api3 *pipeline.Table
	// params lists each action's parameters for the optional strict mode.
	params map[string][]string
	store  *store
	pusher *pusher
}

// New builds the product from the emulator's environment; with no clock it
// runs on its own.
func New(env pipeline.Env) (*Product, error) {
	opts, err := decodeOptions(env.Options)
	if err != nil {
		return nil, err
	}
	if env.Clock == nil {
		env.Clock = clock.New()
	}
	// The global limits.rateLimits turns CMQ's limits on as well.
	opts.RateLimits = opts.RateLimits || env.RateLimits
	p := &Product{env: env, opts: opts}
	p.store = newStore(env.Clock, opts)
	p.pusher = newPusher(p.store)
	p.table, p.params = p.newTable()
	p.api3 = p.newAPI3Table()
	if err := p.seed(); err != nil {
		return nil, err
	}
	return p, nil
}

// API3Table is the Cmq* actions of service tdmq, 2020-02-17, in API 3.0's
// shapes, for the door that speaks TencentCloud API 3.0.
func (p *Product) API3Table() *pipeline.Table { return p.api3 }

// Reset empties what the API created: every queue, message, topic,
// subscription, lockout, push record and rate-limit bucket goes; scheduled
// push retries do nothing when they fire. The accounts' declared resources
// are created again, as at start.
func (p *Product) Reset() {
	p.store.reset()
	p.pusher.reset()
	p.table.ResetLimits()
	p.api3.ResetLimits()
	_ = p.seed() // the same entries into the same empty store passed at start
}

// State is every account's queues and topics, for the control API: the
// document WriteState streams, encoded.
func (p *Product) State() any {
	var buf bytes.Buffer
	w := jsonstream.New(&buf)
	p.WriteState(w)
	if err := w.Flush(); err != nil {
		return nil
	}
	return json.RawMessage(buf.Bytes())
}

// WriteState streams State's document: the control API's answer for
// thousands of queues and topics is written as it is encoded.
func (p *Product) WriteState(w *jsonstream.Writer) { p.store.writeState(w) }

// Close ends every parked long poll so a graceful shutdown does not wait for
// them.
func (p *Product) Close() { p.store.close() }

// Save exports the product's state for a snapshot.
func (p *Product) Save() (json.RawMessage, error) { return p.store.saveSnapshot() }

// Load checks a saved state and returns what installs it (frontdoor.Product):
// the store's state, and a push log that starts again with it.
func (p *Product) Load(raw json.RawMessage) (func(), error) {
	install, err := p.store.loadSnapshot(raw)
	if err != nil {
		return nil, err
	}
	return func() { install(); p.pusher.reset() }, nil
}
