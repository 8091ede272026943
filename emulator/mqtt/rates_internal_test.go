package mqtt

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

func rowsOf(t *testing.T, options map[string]any) map[string]pipeline.Action {
	t.Helper()
	p, err := New(pipeline.Env{Options: options})
	require.NoError(t, err)
	rows, err := p.actions()
	require.NoError(t, err)
	out := map[string]pipeline.Action{}
	for _, a := range rows {
		out[a.Name] = a
	}
	return out
}

// TestDocumentedRates: each served action's row carries its calls per
// second of mqtt.md §5.3, written out here independently of actions.go;
// ApplyToken overflows with its own row.
func TestDocumentedRates(t *testing.T) {
	want := map[string]int{
		"ApplyToken": 100, "QueryToken": 100, "RevokeToken": 5, "CreateGroupId": 10, "DeleteGroupId": 10,
		"ListGroupId": 10, "RegisterDeviceCredential": 500, "GetDeviceCredential": 500,
		"RefreshDeviceCredential": 500, "UnRegisterDeviceCredential": 500, "QuerySessionByClientId": 500,
		"BatchQuerySessionByClientIds": 100, "SendMessage": 1000,
	}
	rows := rowsOf(t, nil)
	for name, a := range rows {
		if n, ok := want[name]; ok {
			assert.Equal(t, ratelimit.Per(n, time.Second), a.Rate, name)
		} else {
			assert.True(t, a.Declined, "%s is neither rated nor declined", name)
			assert.False(t, a.Rate.Limited(), name)
		}
	}
	assert.Equal(t, ratelimit.Rate{Every: 10 * time.Millisecond, Burst: 100}, rows["ApplyToken"].Rate)
	assert.Same(t, errApplyTokenOverFlow, rows["ApplyToken"].Throttle)
	assert.Nil(t, rows["QueryToken"].Throttle, "the table's SystemOverFlow")
}

// TestOptions: the qps option overrides documented rates by action name,
// case-insensitively (viper lower-cases keys); anything else is refused.
func TestOptions(t *testing.T) {
	o := DefaultOptions()
	require.NoError(t, o.validate())
	assert.False(t, o.RateLimits, "off by default, like limits.rateLimits")

	rows := rowsOf(t, map[string]any{"qps": map[string]any{"applytoken": 2, "SendMessage": 0.5}})
	assert.Equal(t, ratelimit.PerSecond(2), rows["ApplyToken"].Rate, "keys match case-insensitively")
	assert.Equal(t, ratelimit.Rate{Every: 2 * time.Second, Burst: 1}, rows["SendMessage"].Rate, "a fractional rate")
	assert.Equal(t, ratelimit.Per(5, time.Second), rows["RevokeToken"].Rate)

	for _, bad := range []map[string]any{
		{"messageHistory": 10, "qps": map[string]any{"Publish": 1}},
		{"messageHistory": 10, "qps": map[string]any{"ApplyToken": 0}},
		{"messageHistory": 10, "qps": map[string]any{"QueryMqttTraceDevice": 1}},
		{"messageHistory": 0},
	} {
		_, err := New(pipeline.Env{Options: bad})
		assert.Error(t, err, "%v", bad)
	}
}

// TestRatesOnTheVirtualClock: with rate limits on, ApplyToken allows 100
// calls per second per account and action as a token bucket on the
// product's clock (burst 100, one token every 10 ms), answering its own
// overflow row; another action answers SystemOverFlow; a reset refills.
func TestRatesOnTheVirtualClock(t *testing.T) {
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	a, b := reg.All()[0], reg.All()[1]
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clock.New(clock.WithRealTime(func() time.Time { return frozen }))
	p, err := New(pipeline.Env{Clock: c, Accounts: reg, RateLimits: true})
	require.NoError(t, err)
	// overflow is the throttle row a call answers, nil when it is served.
	overflow := func(action string, acct *account.Account) *apierr.Def {
		h, ok := p.table.Lookup(action)
		require.True(t, ok, action)
		_, err := h(&pipeline.Call{Action: action, Account: acct, Params: map[string]string{}})
		if e, ok := apierr.As(err); ok && (e.Def == errApplyTokenOverFlow || e.Def == errSystemOverFlow) {
			return e.Def
		}
		return nil
	}
	for i := 0; i < 100; i++ {
		require.Nil(t, overflow("ApplyToken", a), "call %d", i+1)
	}
	assert.Same(t, errApplyTokenOverFlow, overflow("ApplyToken", a), "the 101st call in the same instant")
	assert.Nil(t, overflow("ApplyToken", b), "per account")
	assert.Nil(t, overflow("QueryToken", a), "per action")
	c.Advance(9 * time.Millisecond)
	assert.NotNil(t, overflow("ApplyToken", a), "less than one token refilled")
	c.Advance(time.Millisecond)
	assert.Nil(t, overflow("ApplyToken", a), "one token per 10 ms")
	assert.NotNil(t, overflow("ApplyToken", a))

	for i := 0; i < 5; i++ {
		require.Nil(t, overflow("RevokeToken", a))
	}
	assert.Same(t, errSystemOverFlow, overflow("RevokeToken", a), "RevokeToken allows 5 per second")
	p.Reset()
	assert.Nil(t, overflow("RevokeToken", a), "a reset refills")
	assert.Nil(t, overflow("ApplyToken", a))
}
