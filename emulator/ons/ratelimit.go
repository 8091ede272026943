package ons

import (
	"sync"
	"time"
)

// rate is a documented per-account limit: at most n calls per period.
type rate struct {
	n      int
	period time.Duration
}

// documentedRates are the per-account limits of ons.md §6.3 (ApsaraMQ for
// RocketMQ "API rate limits", doc-detail/197223), shared by an account and its
// RAM users. Exceeding one answers Throttling.User, the code
// terraform-provider-alicloud retries on every ONS call. Actions without a
// documented limit are not limited.
func documentedRates() map[string]rate {
	perSecond := func(n int) rate { return rate{n, time.Second} }
	perMinute := func(n int) rate { return rate{n, time.Minute} }
	return map[string]rate{
		"OnsRegionList":              perSecond(50),
		"OnsInstanceBaseInfo":        perSecond(50),
		"OnsInstanceCreate":          perSecond(10),
		"OnsInstanceDelete":          perSecond(10),
		"OnsInstanceInServiceList":   perSecond(50),
		"OnsInstanceUpdate":          perSecond(10),
		"OnsTopicCreate":             perSecond(10),
		"OnsTopicDelete":             perSecond(10),
		"OnsTopicList":               perSecond(10),
		"OnsTopicStatus":             perSecond(1),
		"OnsTopicSubDetail":          perSecond(10),
		"OnsGroupCreate":             perSecond(10),
		"OnsGroupDelete":             perSecond(10),
		"OnsGroupList":               perSecond(10),
		"OnsGroupSubDetail":          perSecond(10),
		"OnsGroupConsumerUpdate":     perSecond(10),
		"ListTagResources":           perSecond(10),
		"UntagResources":             perSecond(10),
		"OnsConsumerAccumulate":      perSecond(10),
		"OnsConsumerStatus":          perSecond(10),
		"OnsConsumerGetConnection":   perSecond(10),
		"OnsConsumerResetOffset":     perSecond(10),
		"OnsConsumerTimeSpan":        perSecond(10),
		"OnsMessagePush":             perSecond(10),
		"OnsMessageTrace":            perSecond(10),
		"OnsMessageGetByMsgId":       perSecond(10),
		"OnsMessageGetByKey":         perSecond(10),
		"OnsMessagePageQueryByTopic": perMinute(10),
		"OnsTrendTopicInputTps":      perMinute(15),
		"OnsTrendGroupOutputTps":     perMinute(15),
	}
}

// limiter counts calls per account and action over a sliding window of the
// virtual clock, so a test can wait a limit out with env.Advance.
type limiter struct {
	rates map[string]rate
	now   func() time.Time

	mu    sync.Mutex
	calls map[limiterKey][]time.Time // the recent calls, oldest first
}

type limiterKey struct{ account, action string }

func newLimiter(rates map[string]rate, now func() time.Time) *limiter {
	return &limiter{rates: rates, now: now, calls: map[limiterKey][]time.Time{}}
}

// allow records the call and tells whether it is within the limit. Refused
// calls do not count (the real gateway does not charge a throttled call).
func (l *limiter) allow(account, action string) bool {
	r, limited := l.rates[action]
	if !limited {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	k := limiterKey{account, action}
	recent := l.calls[k]
	i := 0
	for i < len(recent) && !recent[i].After(now.Add(-r.period)) {
		i++
	}
	recent = recent[i:]
	if len(recent) >= r.n {
		l.calls[k] = recent
		return false
	}
	l.calls[k] = append(recent, now)
	return true
}

func (l *limiter) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.calls)
}
