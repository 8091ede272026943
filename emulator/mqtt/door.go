package mqtt

import (
	"github.com/mqmock/mqmock/internal/aliyunrpc"
	"github.com/mqmock/mqmock/internal/frontdoor"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// NewDoor assembles the MQTT front door: the Alibaba RPC protocol with
// MQTT's names, serving the MQTT product's action table.
func NewDoor(env pipeline.Env) (*frontdoor.Door, error) {
	p, err := New(env)
	if err != nil {
		return nil, err
	}
	rpc := aliyunrpc.New(aliyunrpc.Config{
		Vendor:       "mqtt",
		Product:      "OnsMqtt",
		Version:      Version,
		HostID:       "onsmqtt.cn-hangzhou.aliyuncs.com",
		Troubleshoot: "https://api.aliyun.com/troubleshoot",
		Catalogue:    Catalogue(),
		Errors: aliyunrpc.Errors{
			Internal:      errInternalError,
			UnknownAction: errApiNotSupport,
			Malformed:     errParameterCheckFailed,
			// The seed's own code for a token that does not check out.
			BadSecurityToken: errCheckAccountInfoFailed,
		},
		Actions: p.table,
		// The product's registry: a zero Env gets the built-in accounts.
		Accounts: p.accounts,
		Verify:   env.Verify,
	})
	return &frontdoor.Door{
		Frontend: rpc,
		Tables:   []*pipeline.Table{p.table},
		Products: []*frontdoor.Product{{
			Name:  "mqtt",
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
