package ons

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/ratelimit"
)

// TestDocumentedRates: each action's row carries its limit of ons.md §6.3
// (ApsaraMQ for RocketMQ "API rate limits"), written out here independently
// of actions.go; every other action is unlimited.
func TestDocumentedRates(t *testing.T) {
	perSecond := func(n int) ratelimit.Rate { return ratelimit.Per(n, time.Second) }
	perMinute := func(n int) ratelimit.Rate { return ratelimit.Per(n, time.Minute) }
	want := map[string]ratelimit.Rate{
		"OnsRegionList": perSecond(50), "OnsInstanceBaseInfo": perSecond(50), "OnsInstanceCreate": perSecond(10),
		"OnsInstanceDelete": perSecond(10), "OnsInstanceInServiceList": perSecond(50), "OnsInstanceUpdate": perSecond(10),
		"OnsTopicCreate": perSecond(10), "OnsTopicDelete": perSecond(10), "OnsTopicList": perSecond(10),
		"OnsTopicStatus": perSecond(1), "OnsTopicSubDetail": perSecond(10), "OnsGroupCreate": perSecond(10),
		"OnsGroupDelete": perSecond(10), "OnsGroupList": perSecond(10), "OnsGroupSubDetail": perSecond(10),
		"OnsGroupConsumerUpdate": perSecond(10), "ListTagResources": perSecond(10), "UntagResources": perSecond(10),
		"OnsConsumerAccumulate": perSecond(10), "OnsConsumerStatus": perSecond(10), "OnsConsumerGetConnection": perSecond(10),
		"OnsConsumerResetOffset": perSecond(10), "OnsConsumerTimeSpan": perSecond(10), "OnsMessagePush": perSecond(10),
		"OnsMessageTrace": perSecond(10), "OnsMessageGetByMsgId": perSecond(10), "OnsMessageGetByKey": perSecond(10),
		"OnsMessagePageQueryByTopic": perMinute(10), "OnsTrendTopicInputTps": perMinute(15), "OnsTrendGroupOutputTps": perMinute(15),
	}
	p, err := New(pipeline.Env{})
	require.NoError(t, err)
	got := map[string]ratelimit.Rate{}
	for _, a := range p.actions() {
		if a.Rate.Limited() {
			got[a.Name] = a.Rate
		}
	}
	assert.Equal(t, want, got)
	assert.Equal(t, ratelimit.Rate{Every: time.Second, Burst: 1}, got["OnsTopicStatus"], "the only 1-QPS ONS action")
	assert.Equal(t, ratelimit.Rate{Every: 6 * time.Second, Burst: 10}, got["OnsMessagePageQueryByTopic"])
}

// TestRatesPerAccountOnTheVirtualClock: with rate limits on, the table
// answers Throttling.User per account and action, on the product's clock, and
// a reset forgets what was counted. Without them nothing is limited.
func TestRatesPerAccountOnTheVirtualClock(t *testing.T) {
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(t, err)
	a, b := reg.All()[0], reg.All()[1]
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clock.New(clock.WithRealTime(func() time.Time { return frozen }))
	p, err := New(pipeline.Env{Clock: c, Accounts: reg, RateLimits: true})
	require.NoError(t, err)
	throttled := func(p *Product, action string, acct *account.Account) bool {
		h, ok := p.table.Lookup(action)
		require.True(t, ok, action)
		_, err := h(&pipeline.Call{Action: action, Account: acct, Params: map[string]string{}})
		return codeOf(err) == "Throttling.User"
	}
	assert.False(t, throttled(p, "OnsTopicStatus", a))
	assert.True(t, throttled(p, "OnsTopicStatus", a), "1 per second")
	assert.False(t, throttled(p, "OnsTopicStatus", b), "per account")
	c.Advance(time.Second)
	assert.False(t, throttled(p, "OnsTopicStatus", a), "a second later on the virtual clock")
	assert.True(t, throttled(p, "OnsTopicStatus", a))
	p.Reset()
	assert.False(t, throttled(p, "OnsTopicStatus", a), "a reset forgets the calls counted")
	for i := 0; i < 20; i++ {
		require.False(t, throttled(p, "OpenOnsService", a), "an action without a documented rate")
	}
	for i := 0; i < 10; i++ {
		require.False(t, throttled(p, "OnsMessageTrace", a), "a declined action counts too")
	}
	assert.True(t, throttled(p, "OnsMessageTrace", a))

	off, err := New(pipeline.Env{Clock: c, Accounts: reg})
	require.NoError(t, err)
	for i := 0; i < 5; i++ {
		require.False(t, throttled(off, "OnsTopicStatus", a), "rate limits off")
	}
}
