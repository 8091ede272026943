package ons

import (
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// NewDoor assembles the ONS front door: the Alibaba RPC protocol with ONS's
// names, serving the ONS product's action table.
func NewDoor(env pipeline.Env) (*frontdoor.Door, error) {
	p, err := New(env)
	if err != nil {
		return nil, err
	}
	rpc := aliyunrpc.New(aliyunrpc.Config{
		Vendor:       "ons",
		Product:      "Ons",
		Version:      Version,
		HostID:       "ons.cn-hangzhou.aliyuncs.com",
		Troubleshoot: "https://api.aliyun.com/troubleshoot",
		Catalogue:    Catalogue(),
		Errors: aliyunrpc.Errors{
			Internal:      errOnsSystemError,
			UnknownAction: errInvalidActionNotFound,
			Malformed:     errBizFieldCheckInvalid,
		},
		Actions:  p.table,
		Accounts: env.Accounts,
		Verify:   env.Verify,
	})
	return &frontdoor.Door{
		Frontend: rpc,
		Tables:   []*pipeline.Table{p.table},
		Products: []*frontdoor.Product{{
			Name:  "ons",
			State: p.State,
			// The nonces seen are the door's; a reset forgets them with the
			// product's state.
			Reset: func() { p.Reset(); rpc.ResetNonces() },
			Save:  p.Save,
			Load:  p.Load,
			Value: p,
		}},
		Control:   p.Control,
		Claims:    rpc.Claims,
		WrongPort: rpc.WrongPort(),
	}, nil
}
