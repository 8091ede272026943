package faults

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

// Two made-up vendors, so the engine's tests stay as vendor-neutral as the
// engine: "alpha" with module-style codes (one code shared by two rows that
// render differently) and "beta" with sub-services and a per-action
// throttling code.
var (
	alphaInternal = &apierr.Def{Name: "Internal", Code: "6000/100", Status: http.StatusOK, Message: "internal error", Seed: true}
	alphaBadName  = &apierr.Def{Name: "BadName", Code: "4000/200", Status: http.StatusOK, Message: "bad name", Seed: true}
	alphaBadNameB = &apierr.Def{Name: "BadNameAgain", Code: "4000/200", Status: http.StatusOK, Message: "bad name, again", Seed: true}
	alphaQPS      = &apierr.Def{Name: "QPS", Code: "4420/300", Status: http.StatusOK, Message: "qps throttling", Seed: true}
	alphaExtra    = &apierr.Def{Name: "Extra", Code: "4000/999", Status: http.StatusOK, Message: "an undocumented one"}
	alphaCat      = apierr.NewCatalogue("alpha", alphaInternal, alphaBadName, alphaBadNameB, alphaQPS, alphaExtra)

	betaFlow     = &apierr.Def{Name: "Flow", Code: "Flow", Status: http.StatusBadRequest, Message: "flow control", Seed: true}
	betaTokenHot = &apierr.Def{Name: "TokenHot", Code: "TokenHot", Status: http.StatusBadRequest, Message: "too many tokens", Seed: true}
	betaFamily   = &apierr.Def{Name: "Invalid.%s", Code: "Invalid.%s", Status: http.StatusBadRequest, Message: "invalid %s", Seed: true}
	betaCat      = apierr.NewCatalogue("beta", betaFlow, betaTokenHot, betaFamily)
)

func testVendors() []Vendor {
	return []Vendor{
		{Name: "alpha", Catalogue: alphaCat, Throttle: alphaQPS},
		{Name: "beta", Catalogue: betaCat, Services: []string{"one", "two"}, Throttle: betaFlow, ThrottleByAction: map[string]*apierr.Def{"GetToken": betaTokenHot},
			Actions: []string{"GetToken", "ListThings", "SendThing"}},
	}
}

func newTestEngine(t testing.TB, clk *clock.Clock, yaml string) *Engine {
	t.Helper()
	if clk == nil {
		clk = clock.New()
	}
	e := NewEngine(clk, testVendors()...)
	require.NoError(t, e.Replace(Source{Name: "test.yaml", Data: []byte(yaml)}))
	return e
}

var testAccount = &account.Account{Name: "team-a"}

func call(vendor, action string, params ...string) *pipeline.Call {
	c := &pipeline.Call{Vendor: vendor, Service: vendor, Action: action, Params: map[string]string{}, Account: testAccount, CredentialID: "KEY-A"}
	for i := 0; i+1 < len(params); i += 2 {
		c.Params[params[i]] = params[i+1]
	}
	return c
}

// fired applies the engine n times to fresh copies of c and lists, for each
// call, the rule that fired ("" for none).
func fired(e *Engine, c *pipeline.Call, n int) []string {
	out := make([]string, n)
	for i := range out {
		cc := *c
		if eff := e.Apply(&cc); eff != nil {
			out[i] = eff.Rule
		}
	}
	return out
}
