package mqtt

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLimiterDocumentedRate: ApplyToken's 100 calls per second per account
// (mqtt.md §5.3), at one instant and as time passes.
func TestLimiterDocumentedRate(t *testing.T) {
	l := newLimiter(documentedQPS())
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 100; i++ {
		require.True(t, l.allow("default", "ApplyToken", t0), "call %d", i+1)
	}
	assert.False(t, l.allow("default", "ApplyToken", t0), "the 101st call in the same instant")
	assert.True(t, l.allow("other", "ApplyToken", t0), "per account")
	assert.True(t, l.allow("default", "QueryToken", t0), "per action")
	assert.False(t, l.allow("default", "ApplyToken", t0.Add(9*time.Millisecond)), "less than one token refilled")
	assert.True(t, l.allow("default", "ApplyToken", t0.Add(10*time.Millisecond)), "one token per 10 ms")
	assert.False(t, l.allow("default", "ApplyToken", t0.Add(10*time.Millisecond)))

	// A long pause refills to the burst, never beyond.
	t1 := t0.Add(time.Hour)
	for i := 0; i < 100; i++ {
		require.True(t, l.allow("default", "ApplyToken", t1), "call %d after a pause", i+1)
	}
	assert.False(t, l.allow("default", "ApplyToken", t1))
}

func TestLimiterSlowActionAndReset(t *testing.T) {
	l := newLimiter(documentedQPS())
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		require.True(t, l.allow("default", "RevokeToken", t0))
	}
	assert.False(t, l.allow("default", "RevokeToken", t0), "RevokeToken allows 5 per second")
	assert.True(t, l.allow("default", "RevokeToken", t0.Add(200*time.Millisecond)))
	l.reset()
	assert.True(t, l.allow("default", "RevokeToken", t0.Add(200*time.Millisecond)), "reset refills")
	assert.True(t, l.allow("default", "NotAnAction", t0), "actions without a rate are not limited")
}

func TestOptions(t *testing.T) {
	o := DefaultOptions()
	require.NoError(t, o.validate())
	assert.False(t, o.RateLimits, "off by default, like limits.rateLimits")

	o.QPS = map[string]float64{"applytoken": 2}
	rates, err := o.limits()
	require.NoError(t, err)
	assert.Equal(t, 2.0, rates["ApplyToken"], "keys match case-insensitively (viper lower-cases them)")
	assert.Equal(t, 5.0, rates["RevokeToken"])

	for _, bad := range []Options{
		{MessageHistory: 10, QPS: map[string]float64{"Publish": 1}},
		{MessageHistory: 10, QPS: map[string]float64{"ApplyToken": 0}},
		{MessageHistory: 0},
	} {
		assert.Error(t, bad.validate(), "%+v", bad)
	}
}
