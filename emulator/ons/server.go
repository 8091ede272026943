// Package ons emulates Alibaba Cloud's Message Queue for RocketMQ management
// API (product Ons, version 2019-02-14) over the Alibaba RPC protocol.
package ons

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2019-02-14"

// Server is the ONS vendor: the shared RPC frontend plus this API's state.
type Server struct {
	*aliyunrpc.Frontend
	env   pipeline.Env
	opts  Options
	store *store
	table *pipeline.Table
	// limiter is nil unless Options.RateLimits is on.
	limiter *limiter

	regions            map[string]bool
	unsupportedRegions map[string]bool
	unsupportedActions map[string]bool
}

// New builds the server from the emulator's environment.
func New(env pipeline.Env) (*Server, error) {
	opts := DefaultOptions()
	if err := config.DecodeOptions("ons", env.Options, &opts); err != nil {
		return nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	s := &Server{env: env, opts: opts, store: newStore(opts, env.Clock),
		regions: set(opts.Regions), unsupportedRegions: set(opts.UnsupportedRegions), unsupportedActions: set(opts.UnsupportedActions)}
	opts.RateLimits = opts.RateLimits || env.RateLimits
	if opts.RateLimits {
		s.limiter = newLimiter(documentedRates(), env.Clock.Now)
	}
	s.table = s.actions()
	s.Frontend = aliyunrpc.New(aliyunrpc.Config{
		Vendor:       "ons",
		Product:      "Ons",
		Version:      Version,
		HostID:       "ons.cn-hangzhou.aliyuncs.com",
		Troubleshoot: "https://api.aliyun.com/troubleshoot",
		Catalogue:    catalogue,
		Errors: aliyunrpc.Errors{
			Internal:      errOnsSystemError,
			UnknownAction: errInvalidActionNotFound,
			Malformed:     errBizFieldCheckInvalid,
		},
		Actions:     s.table,
		Accounts:    env.Accounts,
		Credentials: credentials,
		Verify:      env.Verify,
	})
	s.Reset()
	return s, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// Reset implements pipeline.Vendor: back to the configured instances.
func (s *Server) Reset() {
	s.store.reset(s.env.Accounts.All())
	if s.limiter != nil {
		s.limiter.reset()
	}
	s.Frontend.ResetNonces()
}

// State implements pipeline.Vendor.
func (s *Server) State() any { return s.store.snapshot() }

// Throttling is the row a rate limit answers with (Throttling.User, what
// terraform retries on every ONS call); for scenarios' `throttle:` effects.
func (s *Server) Throttling() (*apierr.Def, map[string]*apierr.Def) {
	return errThrottlingUser, nil
}

// credentials are the Alibaba keys of an account: what this door's
// signatures are made with.
func credentials(a *account.Account) aliyunrpc.Credentials {
	return aliyunrpc.Credentials{Secret: a.Alibaba.AccessKeySecret, SecurityToken: a.Alibaba.SecurityToken, Disabled: a.Alibaba.Disabled}
}
