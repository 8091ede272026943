// Package mqtt emulates Alibaba Cloud's Message Queue for MQTT management API
// (product OnsMqtt, version 2020-04-20) over the Alibaba RPC protocol: group
// ids in two naming modes, tokens on the virtual clock, device credentials,
// sessions whose online state the control API sets, and SendMessage.
package mqtt

import (
	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/config"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Version is the API version served.
const Version = "2020-04-20"

// Server is the MQTT vendor: the shared RPC frontend plus this API's state.
type Server struct {
	*aliyunrpc.Frontend
	env     pipeline.Env
	opts    Options
	store   *store
	limiter *limiter
	table   *pipeline.Table
}

// New builds the server from the emulator's environment. A zero Env works:
// it gets its own clock and the built-in accounts.
func New(env pipeline.Env) (*Server, error) {
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
	rates, _ := opts.limits() // validated above
	s := &Server{env: env, opts: opts, store: newStore(env.Accounts, opts.MessageHistory, opts.CheckParentTopics), limiter: newLimiter(rates)}
	s.table = s.actions()
	s.Frontend = aliyunrpc.New(aliyunrpc.Config{
		Vendor:       "mqtt",
		Product:      "OnsMqtt",
		Version:      Version,
		HostID:       "onsmqtt.cn-hangzhou.aliyuncs.com",
		Troubleshoot: "https://api.aliyun.com/troubleshoot",
		Catalogue:    catalogue,
		Errors: aliyunrpc.Errors{
			Internal:      errInternalError,
			UnknownAction: errApiNotSupport,
			Malformed:     errParameterCheckFailed,
			// The seed's own code for a token that does not check out.
			BadSecurityToken: errCheckAccountInfoFailed,
		},
		Actions:     s.table,
		Accounts:    env.Accounts,
		Credentials: credentials,
		Verify:      env.Verify,
	})
	return s, nil
}

// Reset implements pipeline.Vendor: back to the configured instances, empty.
func (s *Server) Reset() {
	s.store.reset()
	s.limiter.reset()
	s.Frontend.ResetNonces()
}

// State implements pipeline.Vendor.
func (s *Server) State() any { return s.store.state(s.env.Clock.Now()) }

// Throttling is what a rate limit answers with: the seed's SystemOverFlow,
// and ApplyTokenOverFlow for ApplyToken (as the limiter in actions.go); for
// scenarios' `throttle:` effects.
func (s *Server) Throttling() (*apierr.Def, map[string]*apierr.Def) {
	return errSystemOverFlow, map[string]*apierr.Def{"ApplyToken": errApplyTokenOverFlow}
}

// credentials are the Alibaba keys of an account: what this door's
// signatures are made with.
func credentials(a *account.Account) aliyunrpc.Credentials {
	return aliyunrpc.Credentials{Secret: a.Alibaba.AccessKeySecret, SecurityToken: a.Alibaba.SecurityToken, Disabled: a.Alibaba.Disabled}
}
