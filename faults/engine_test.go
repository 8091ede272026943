package faults

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
)

func TestTriggers(t *testing.T) {
	cases := []struct {
		name string
		rule string
		want []string // per call: the rule that fired, "" for none
	}{
		{"always", "{name: r, vendor: alpha, action: ListQueue, drop: true}", []string{"r", "r", "r"}},
		{"times stops", "{name: r, vendor: alpha, action: ListQueue, drop: true, times: 2}", []string{"r", "r", "", ""}},
		{"after skips", "{name: r, vendor: alpha, action: ListQueue, drop: true, after: 3}", []string{"", "", "", "r", "r"}},
		{"every nth", "{name: r, vendor: alpha, action: ListQueue, drop: true, every: 3}", []string{"", "", "r", "", "", "r", ""}},
		{"after then every then times", "{name: r, vendor: alpha, action: ListQueue, drop: true, after: 1, every: 2, times: 2}", []string{"", "", "r", "", "r", "", "", ""}},
		{"probability 0 never", "{name: r, vendor: alpha, action: ListQueue, drop: true, probability: 0}", []string{"", "", ""}},
		{"probability 1 always", "{name: r, vendor: alpha, action: ListQueue, drop: true, probability: 1}", []string{"r", "r", "r"}},
		{"action is case-insensitive", "{name: r, vendor: alpha, action: listqueue, drop: true}", []string{"r"}},
		{"other action", "{name: r, vendor: alpha, action: SendMessage, drop: true}", []string{"", ""}},
		{"other vendor", "{name: r, vendor: beta, action: '*', drop: true}", []string{"", ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEngine(t, nil, "rules: ["+tc.rule+"]")
			assert.Equal(t, tc.want, fired(e, call("alpha", "ListQueue"), len(tc.want)))
			hits := 0
			for _, w := range tc.want {
				if w != "" {
					hits++
				}
			}
			assert.Equal(t, int64(hits), e.Hits("r"))
			assert.Equal(t, int64(hits), e.Snapshot().Rules[0].Hits)
		})
	}
}

func TestFirstFiringRuleWins(t *testing.T) {
	e := newTestEngine(t, nil, `
rules:
  - {name: first-two, vendor: alpha, action: ListQueue, error: Internal, times: 2}
  - {name: wildcard, vendor: alpha, action: "*", match: {queueName: /^orders-/}, error: BadName}
  - {name: specific, vendor: alpha, action: ListQueue, drop: true}
`)
	// A spent rule, and a rule whose match fails, hand the call on.
	assert.Equal(t, []string{"first-two", "first-two", "wildcard", "wildcard"}, fired(e, call("alpha", "ListQueue", "queueName", "orders-1"), 4))
	assert.Equal(t, []string{"specific"}, fired(e, call("alpha", "ListQueue", "queueName", "payments"), 1))
	// Wildcards apply to actions no rule names.
	assert.Equal(t, []string{"wildcard", ""}, []string{
		ruleOf(e.Apply(call("alpha", "DeleteQueue", "queueName", "orders-9"))),
		ruleOf(e.Apply(call("alpha", "DeleteQueue", "queueName", "nope"))),
	})
}

func ruleOf(e *pipeline.Effect) string {
	if e == nil {
		return ""
	}
	return e.Rule
}

func TestMatching(t *testing.T) {
	region := func(c *pipeline.Call, r string) *pipeline.Call { c.Region = r; return c }
	service := func(c *pipeline.Call, s string) *pipeline.Call { c.Service = s; return c }
	cases := []struct {
		name  string
		match string
		call  *pipeline.Call
		want  bool
	}{
		{"account by key", "match: {account: KEY-A}", call("alpha", "X"), true},
		{"account by name", "match: {account: team-a}", call("alpha", "X"), true},
		{"account regex", "match: {account: /^team-/}", call("alpha", "X"), true},
		{"other account", "match: {account: team-b}", call("alpha", "X"), false},
		{"region", "match: {region: ap-guangzhou}", region(call("alpha", "X"), "ap-guangzhou"), true},
		{"other region", "match: {region: ap-guangzhou}", region(call("alpha", "X"), "ap-beijing"), false},
		{"param exact", "match: {queueName: orders}", call("alpha", "X", "queueName", "orders"), true},
		{"param exact is whole", "match: {queueName: orders}", call("alpha", "X", "queueName", "orders-1"), false},
		{"param regex", "match: {queueName: /^ord/}", call("alpha", "X", "queueName", "orders-1"), true},
		{"anchored regex misses", "match: {queueName: /^ord/}", call("alpha", "X", "queueName", "payments-ord"), false},
		{"anchored alternation", "match: {queueName: /^ord|^pay/}", call("alpha", "X", "queueName", "payments"), true},
		{"anchored case-insensitive", "match: {queueName: '/^(?i)ORD/'}", call("alpha", "X", "queueName", "orders"), true},
		{"unanchored regex", "match: {queueName: /ders/}", call("alpha", "X", "queueName", "orders"), true},
		{"param absent", "match: {queueName: /.*/}", call("alpha", "X"), false},
		{"param key ignores case and blanks", "match: {searchWord: abc}", call("alpha", "X", "SEARCHWORD ", "abc"), true},
		{"number value", "match: {limit: 5}", call("alpha", "X", "limit", "5"), true},
		{"nested parameter", "match: {Tags.0.TagKey: env}", call("alpha", "X", "Tags.0.TagKey", "env"), true},
		{"all must hold", "match: {queueName: orders, limit: 5}", call("alpha", "X", "queueName", "orders", "limit", "6"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEngine(t, nil, "rules:\n  - name: r\n    vendor: alpha\n    action: '*'\n    drop: true\n    "+tc.match+"\n")
			assert.Equal(t, tc.want, e.Apply(tc.call) != nil)
		})
	}
	t.Run("service", func(t *testing.T) {
		e := newTestEngine(t, nil, "rules: [{name: r, vendor: beta, service: two, action: SendThing, drop: true}]")
		assert.NotNil(t, e.Apply(service(call("beta", "SendThing"), "two")))
		assert.Nil(t, e.Apply(service(call("beta", "SendThing"), "one")))
	})
}

func TestErrorEffect(t *testing.T) {
	e := newTestEngine(t, nil, `
rules:
  - {name: family, vendor: beta, action: SendThing, error: Invalid.Topic}
  - {name: slow-fail, vendor: alpha, action: "*", latency: 25ms, error: "6000/100"}
`)
	eff := e.Apply(call("beta", "SendThing"))
	require.NotNil(t, eff)
	assert.Equal(t, "Invalid.Topic", eff.Err.Code())
	assert.Equal(t, "invalid Topic", eff.Err.Message())
	eff = e.Apply(call("alpha", "ListQueue"))
	require.NotNil(t, eff)
	assert.Equal(t, "Internal", eff.Err.Def.Name)
	assert.Equal(t, 25*time.Millisecond, eff.Delay)
	// Every call gets its own error value: handlers downstream may decorate it.
	assert.NotSame(t, eff.Err, e.Apply(call("alpha", "ListQueue")).Err)
}

func TestTransportEffects(t *testing.T) {
	e := newTestEngine(t, nil, `
rules:
  - {name: drop, vendor: beta, action: SendThing, drop: true}
  - {name: reset, vendor: beta, action: GetToken, reset: true}
  - {name: hold, vendor: beta, action: ListThings, match: {mode: hold}, timeout: true}
  - {name: hold-briefly, vendor: beta, action: ListThings, match: {mode: brief}, timeout: 2s}
  - {name: raw, vendor: alpha, action: "*", status: 502, body: "<html>Bad Gateway</html>"}
  - {name: raw-json, vendor: beta, action: ListThings, status: 200, body: '{"Response":', contentType: application/json}
`)
	assert.True(t, e.Apply(call("beta", "SendThing")).Drop)
	assert.True(t, e.Apply(call("beta", "GetToken")).Reset)
	assert.True(t, e.Apply(call("beta", "ListThings", "mode", "hold")).Timeout)
	brief := e.Apply(call("beta", "ListThings", "mode", "brief"))
	assert.True(t, brief.Drop)
	assert.False(t, brief.Timeout)
	assert.Equal(t, 2*time.Second, brief.Delay)
	raw := e.Apply(call("alpha", "ListQueue")).Raw
	require.NotNil(t, raw)
	assert.Equal(t, 502, raw.Status)
	assert.Equal(t, "text/html; charset=utf-8", raw.ContentType)
	assert.Equal(t, "<html>Bad Gateway</html>", string(raw.Body))
	raw = e.Apply(call("beta", "ListThings")).Raw
	assert.Equal(t, "application/json", raw.ContentType)
	assert.Equal(t, `{"Response":`, string(raw.Body))
}

func TestLatencyJitterStaysInRange(t *testing.T) {
	e := newTestEngine(t, nil, "seed: 1\nrules: [{name: r, vendor: alpha, action: '*', latency: 100ms, jitter: 20ms}]")
	lo, hi := time.Hour, time.Duration(0)
	for range 500 {
		d := e.Apply(call("alpha", "X")).Delay
		lo, hi = min(lo, d), max(hi, d)
	}
	assert.GreaterOrEqual(t, lo, 80*time.Millisecond)
	assert.LessOrEqual(t, hi, 120*time.Millisecond)
	assert.Less(t, lo, 90*time.Millisecond, "jitter spreads downwards")
	assert.Greater(t, hi, 110*time.Millisecond, "jitter spreads upwards")
}

func TestSeedRepeatsTheSequence(t *testing.T) {
	doc := "seed: 42\nrules: [{name: r, vendor: alpha, action: '*', probability: 0.3, drop: true}, {name: s, vendor: alpha, action: '*', probability: 0.5, latency: 1ms, jitter: 1ms}]"
	run := func() []string {
		e := newTestEngine(t, nil, doc)
		return fired(e, call("alpha", "X"), 200)
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	n := 0
	for _, r := range a {
		if r == "r" {
			n++
		}
	}
	assert.InDelta(t, 60, n, 30, "about 30%% of 200 calls")

	other := newTestEngine(t, nil, "seed: 43"+doc[len("seed: 42"):])
	assert.NotEqual(t, a, fired(other, call("alpha", "X"), 200), "another seed, another sequence")

	// A rule's own seed overrides the document's.
	own := func(docSeed string) []string {
		e := newTestEngine(t, nil, "seed: "+docSeed+"\nrules: [{name: r, vendor: alpha, action: '*', probability: 0.5, seed: 9, drop: true}]")
		return fired(e, call("alpha", "X"), 100)
	}
	assert.Equal(t, own("1"), own("2"))
}

func TestThrottleOnVirtualClock(t *testing.T) {
	base := time.Now()
	clk := clock.New(clock.WithRealTime(func() time.Time { return base })) // moves only when advanced
	defer clk.Close()
	e := newTestEngine(t, clk, `
rules:
  - {name: limit, vendor: alpha, action: ListQueue, throttle: {rate: 2/s}}
  - {name: tokens, vendor: beta, action: "*", throttle: {rate: 1/m, burst: 1}}
`)
	got := fired(e, call("alpha", "ListQueue"), 4)
	assert.Equal(t, []string{"", "", "limit", "limit"}, got, "burst defaults to the rate")
	assert.Equal(t, "QPS", e.Apply(call("alpha", "ListQueue")).Err.Def.Name)

	clk.Advance(500 * time.Millisecond) // one token back
	assert.Equal(t, []string{"", "limit"}, fired(e, call("alpha", "ListQueue"), 2))
	clk.Advance(10 * time.Second) // refills to the burst, no further
	assert.Equal(t, []string{"", "", "limit"}, fired(e, call("alpha", "ListQueue"), 3))

	// The vendor's per-action code and its default.
	assert.Nil(t, e.Apply(call("beta", "GetToken")))
	assert.Equal(t, "TokenHot", e.Apply(call("beta", "GetToken")).Err.Def.Name)
	assert.Equal(t, "Flow", e.Apply(call("beta", "ListThings")).Err.Def.Name)
	clk.Advance(time.Minute)
	assert.Nil(t, e.Apply(call("beta", "ListThings")))
}

func TestThrottleScopes(t *testing.T) {
	e := newTestEngine(t, nil, `
rules:
  - {name: per-account, vendor: alpha, action: "*", throttle: {rate: 1/h, per: account}}
  - {name: per-action, vendor: beta, action: "*", throttle: {rate: 1/h, per: action}}
`)
	other := call("alpha", "X")
	other.Account, other.CredentialID = nil, "KEY-B"
	assert.Equal(t, []string{"", "per-account"}, fired(e, call("alpha", "X"), 2))
	assert.Equal(t, []string{"", "per-account"}, fired(e, other, 2), "another account has its own bucket")
	assert.Equal(t, []string{"", "per-action"}, fired(e, call("beta", "ListThings"), 2))
	assert.Equal(t, []string{"", "per-action"}, fired(e, call("beta", "SendThing"), 2))

	err := e.Replace(Source{Name: "s.yaml", Data: []byte("rules: [{name: r, vendor: alpha, action: '*', throttle: {rate: 1/s, per: region}}]")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `per "region"`)
}

func TestThrottleErrorOverride(t *testing.T) {
	e := newTestEngine(t, nil, "rules: [{name: r, vendor: alpha, action: '*', throttle: {rate: 1/h, burst: 1, error: Internal}}]")
	assert.Nil(t, e.Apply(call("alpha", "X")))
	assert.Equal(t, "Internal", e.Apply(call("alpha", "X")).Err.Def.Name)
}

// TestCountersAreExactUnderConcurrency: times: 3 fires exactly three times
// across 50 concurrent callers, and every call is counted once.
func TestCountersAreExactUnderConcurrency(t *testing.T) {
	e := newTestEngine(t, nil, `
rules:
  - {name: three, vendor: alpha, action: ListQueue, error: Internal, times: 3}
  - {name: every-5th, vendor: alpha, action: ListQueue, every: 5, drop: true}
`)
	const callers, each = 50, 20
	var three, fifth, none atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range each {
				switch ruleOf(e.Apply(call("alpha", "ListQueue"))) {
				case "three":
					three.Add(1)
				case "every-5th":
					fifth.Add(1)
				default:
					none.Add(1)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	assert.Equal(t, int64(3), three.Load())
	assert.Equal(t, int64(3), e.Hits("three"))
	// 997 calls reached the second rule; every 5th of them fired.
	assert.Equal(t, int64(997/5), fifth.Load())
	assert.Equal(t, int64(997/5), e.Hits("every-5th"))
	assert.Equal(t, int64(callers*each), three.Load()+fifth.Load()+none.Load())
	snap := e.Snapshot()
	assert.Equal(t, int64(3), snap.Rules[0].Matched)
	assert.Equal(t, int64(997), snap.Rules[1].Matched)
}

func TestReloadKeepsCountersOfUnchangedRules(t *testing.T) {
	v1 := "rules: [{name: a, vendor: alpha, action: '*', drop: true, times: 2}, {name: b, vendor: alpha, action: '*', error: Internal}]"
	v2 := "rules: [{name: a, vendor: alpha, action: '*', drop: true, times: 2}, {name: b, vendor: alpha, action: '*', error: BadName}]"
	e := newTestEngine(t, nil, v1)
	assert.Equal(t, []string{"a", "a", "b"}, fired(e, call("alpha", "X"), 3))
	require.NoError(t, e.Reload(Source{Name: "test.yaml", Data: []byte(v2)}))
	assert.Equal(t, int64(2), e.Hits("a"), "a did not change: still spent")
	assert.Equal(t, int64(0), e.Hits("b"), "b changed: fresh counters")
	assert.Equal(t, "BadName", e.Apply(call("alpha", "X")).Err.Def.Name)

	// Replace (the control API) always starts afresh.
	require.NoError(t, e.Replace(Source{Name: "test.yaml", Data: []byte(v2)}))
	assert.Equal(t, []string{"a", "a", "b"}, fired(e, call("alpha", "X"), 3))
}

func TestClear(t *testing.T) {
	e := newTestEngine(t, nil, "rules: [{name: a, vendor: alpha, action: '*', drop: true}]")
	require.True(t, e.Active())
	e.Clear()
	assert.False(t, e.Active())
	assert.Nil(t, e.Apply(call("alpha", "X")))
	assert.Empty(t, e.Snapshot().Rules)
}

func TestSeveralSourcesConcatenate(t *testing.T) {
	e := NewEngine(nil, testVendors()...)
	require.NoError(t, e.Replace(
		Source{Name: "one.yaml", Data: []byte("name: one\nrules: [{name: a, vendor: alpha, action: ListQueue, drop: true, times: 1}]")},
		Source{Name: "two.yaml", Data: []byte("name: two\nrules: [{name: b, vendor: alpha, action: '*', reset: true}]")},
	))
	assert.Equal(t, []string{"a", "b"}, fired(e, call("alpha", "ListQueue"), 2))
	snap := e.Snapshot()
	assert.Equal(t, "one, two", snap.Name)
	require.Len(t, snap.Sources, 2)
	assert.Equal(t, "two.yaml", snap.Rules[1].Source)
	err := e.Replace(
		Source{Name: "one.yaml", Data: []byte("rules: [{name: a, vendor: alpha, action: '*', drop: true}]")},
		Source{Name: "two.yaml", Data: []byte("rules: [{name: a, vendor: alpha, action: '*', drop: true}]")},
	)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "scenario two.yaml")
	assert.Contains(t, err.Error(), "already used by a rule in one.yaml")
}

// TestReplaceWhileServing: calls racing a stream of replacements each see
// one whole set, old or new (run under -race).
func TestReplaceWhileServing(t *testing.T) {
	e := newTestEngine(t, nil, "rules: [{name: old, vendor: alpha, action: '*', error: Internal}]")
	docs := []string{
		"rules: [{name: old, vendor: alpha, action: '*', error: Internal}]",
		"rules: [{name: new, vendor: alpha, action: '*', drop: true}]",
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				eff := e.Apply(call("alpha", "X"))
				if eff == nil || (eff.Rule == "old") != (eff.Err != nil) || (eff.Rule == "new") != eff.Drop {
					bad.Add(1)
				}
			}
		}()
	}
	for i := range 200 {
		require.NoError(t, e.Replace(Source{Name: "s.yaml", Data: []byte(docs[i%2])}))
	}
	close(stop)
	wg.Wait()
	assert.Zero(t, bad.Load())
}

func TestSwitchingARuleOffAndOn(t *testing.T) {
	e := newTestEngine(t, nil, "rules: [{name: a, vendor: alpha, action: '*', drop: true, times: 3}, {name: b, vendor: alpha, action: '*', error: Internal}]")
	assert.Equal(t, []string{"a"}, fired(e, call("alpha", "X"), 1))
	require.NoError(t, e.SetEnabled("a", false))
	assert.Equal(t, []string{"b", "b"}, fired(e, call("alpha", "X"), 2), "an off rule is passed by")
	snap := e.Snapshot()
	assert.True(t, snap.Rules[0].Disabled)
	assert.Equal(t, int64(1), snap.Rules[0].Matched, "and does not count the calls it let by")
	assert.False(t, snap.Rules[1].Disabled)

	// A reload that leaves the rule as it was keeps it off.
	require.NoError(t, e.Reload(Source{Name: "test.yaml", Data: []byte("rules: [{name: a, vendor: alpha, action: '*', drop: true, times: 3}]")}))
	assert.True(t, e.Snapshot().Rules[0].Disabled)
	assert.Nil(t, e.Apply(call("alpha", "X")))

	require.NoError(t, e.SetEnabled("a", true))
	assert.Equal(t, []string{"a", "a", ""}, fired(e, call("alpha", "X"), 3), "back on, with the hit it had: two left of three")

	err := e.SetEnabled("nope", false)
	require.ErrorIs(t, err, ErrNoRule)
	assert.Contains(t, err.Error(), `"nope"`)
	e.Clear()
	require.ErrorIs(t, e.SetEnabled("a", true), ErrNoRule)
}

func TestAddKeepsTheRulesInForce(t *testing.T) {
	e := newTestEngine(t, nil, "name: base\nrules: [{name: a, vendor: alpha, action: ListQueue, drop: true, times: 2}]")
	assert.Equal(t, []string{"a"}, fired(e, call("alpha", "ListQueue"), 1))
	require.NoError(t, e.SetEnabled("a", false))
	require.NoError(t, e.Add(Source{Name: "added", Data: []byte("rules: [{name: b, vendor: alpha, action: '*', error: Internal}]")}))
	snap := e.Snapshot()
	require.Len(t, snap.Rules, 2)
	assert.Equal(t, []string{"a", "b"}, []string{snap.Rules[0].Name, snap.Rules[1].Name}, "appended after the rules in force")
	assert.Equal(t, int64(1), snap.Rules[0].Hits, "counters kept")
	assert.True(t, snap.Rules[0].Disabled, "switches kept")
	assert.Equal(t, "added", snap.Rules[1].Source)
	require.NoError(t, e.SetEnabled("a", true))
	assert.Equal(t, []string{"a", "b"}, fired(e, call("alpha", "ListQueue"), 2))

	// A name in use refuses the whole addition, and a dry run says so first.
	dup := Source{Name: "added", Data: []byte("rules: [{name: a, vendor: alpha, action: '*', drop: true}]")}
	require.ErrorContains(t, e.ValidateAdd(dup), "already used")
	require.ErrorContains(t, e.Add(dup), "already used")
	assert.Len(t, e.Snapshot().Rules, 2)
	require.NoError(t, e.ValidateAdd(Source{Name: "added", Data: []byte("rules: [{name: c, vendor: beta, action: GetToken, drop: true}]")}))
	assert.Len(t, e.Snapshot().Rules, 2, "a dry run changes nothing")

	// To an empty engine, Add is a first load.
	e.Clear()
	require.NoError(t, e.Add(dup))
	assert.Equal(t, []string{"a"}, fired(e, call("alpha", "X"), 1))
}
