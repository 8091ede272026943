// Package cmq emulates Tencent Cloud's legacy CMQ HTTP API (queues, messages,
// topics and subscriptions at /v2/index.php).
package cmq

import (
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Server is the CMQ vendor.
type Server struct {
	env     pipeline.Env
	opts    Options
	actions *pipeline.Table
	// params lists each action's parameters for the optional strict mode.
	params map[string][]string
	store  *store
	pusher *pusher
	limits *rateLimiter // nil when rate limits are off
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("cmq", env.Options, &opts); err != nil {
		return nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if env.Clock == nil {
		env.Clock = clock.New()
	}
	s := &Server{env: env, opts: opts}
	s.store = newStore(env.Clock, opts)
	s.pusher = newPusher(s.store)
	s.limits = newRateLimiter(env.Clock, opts, env.RateLimits || opts.RateLimits)
	s.buildActions()
	return s, nil
}

// Reset implements pipeline.Vendor: every queue, message, topic,
// subscription, lockout and push record goes; scheduled push retries do
// nothing when they fire.
func (s *Server) Reset() {
	s.store.reset()
	s.pusher.reset()
	s.limits.reset()
}

// State implements pipeline.Vendor.
func (s *Server) State() any { return s.store.state() }

// Close ends every parked long poll so a graceful shutdown does not wait for
// them (emulator.Closer).
func (s *Server) Close() { s.store.close() }

// ActionNames lists the actions served (scenario validation refuses others).
func (s *Server) ActionNames() []string { return s.actions.Names() }

// Throttling is the row a rate limit answers with (cmq.md §6: 4420 (10250)
// qps throttling, what the per-resource limit answers); for scenarios'
// `throttle:` effects.
func (s *Server) Throttling() (*apierr.Def, map[string]*apierr.Def) { return ErrQPSThrottling, nil }
