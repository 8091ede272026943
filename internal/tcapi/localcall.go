package tcapi

import (
	"context"
	"encoding/json"
	"time"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// LocalCall describes a call the emulator makes to itself: a resource the
// configuration declares, created at start by the action that creates it.
type LocalCall struct {
	Vendor, Service, Version, Action, Region string
	Account                                  *account.Account
	// Params are the request's parameters, as a client's JSON body has them.
	Params map[string]any
	Now    time.Time
}

// JSONCall shapes c as Decode shapes a POST with a JSON body (the tree, its
// flattened parameters and the body), so the action's own handler binds
// and checks it as it does a client's.
func JSONCall(c LocalCall) (*pipeline.Call, error) {
	body, err := json.Marshal(c.Params)
	if err != nil {
		return nil, err
	}
	tree, err := wire.DecodeJSON(body)
	if err != nil {
		return nil, err
	}
	return &pipeline.Call{Ctx: context.Background(), Vendor: c.Vendor, Service: c.Service, Action: c.Action, Version: c.Version,
		Region: c.Region, Tree: tree, Params: wire.Flatten(tree), Body: body, Account: c.Account, Received: c.Now}, nil
}

// Optional sets params[name] to *v when v is given: a declaration's unset
// number stays out of the call, as a client leaves it out.
func Optional[T any](params map[string]any, name string, v *T) {
	if v != nil {
		params[name] = *v
	}
}

// OptionalString sets params[name] to v unless it is empty.
func OptionalString(params map[string]any, name, v string) {
	if v != "" {
		params[name] = v
	}
}
