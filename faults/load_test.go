package faults

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadRefusesBadScenarios(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want []string // fragments of the message, all required
	}{
		{"not yaml", "rules: [", []string{"scenario bad.yaml", "not valid YAML or JSON"}},
		{"empty", "", []string{"empty document"}},
		{"top-level typo", "rulez: []", []string{`unknown key "rulez"`, `did you mean "rules"`}},
		{"rule key typo", "rules: [{name: r1, vendor: alpha, action: '*', latncy: 1s}]", []string{`rule "r1" (rules[0])`, `unknown key "latncy"`, `did you mean "latency"`}},
		{"throttle key typo", "rules: [{name: r1, vendor: alpha, action: '*', throttle: {rte: 5/s}}]", []string{`throttle: unknown key "rte"`, `"rate"`}},
		{"unknown vendor", "rules: [{name: r1, vendor: gamma, action: '*', drop: true}]", []string{`vendor "gamma" is not one of alpha, beta`}},
		{"missing vendor", "rules: [{name: r1, action: '*', drop: true}]", []string{"vendor is required (one of alpha, beta)"}},
		{"missing action", "rules: [{name: r1, vendor: alpha, drop: true}]", []string{"action is required"}},
		{"unknown action of a listing vendor", "rules: [{name: r1, vendor: beta, action: GetTokn, drop: true}]", []string{`beta serves no action "GetTokn"; nearest: GetToken`}},
		{"unknown code names the nearest", "rules: [{name: r1, vendor: alpha, action: '*', error: '6000/101'}]", []string{"scenario bad.yaml", `rule "r1"`, `no documented error "6000/101"`, "nearest: 6000/100"}},
		{"ambiguous code lists names", "rules: [{name: r1, vendor: alpha, action: '*', error: '4000/200'}]", []string{"names 2 different rows", "BadName, BadNameAgain"}},
		{"two effects", "rules: [{name: r1, vendor: alpha, action: '*', drop: true, error: Internal}]", []string{"one effect per rule, got error and drop"}},
		{"no effect", "rules: [{name: r1, vendor: alpha, action: '*'}]", []string{"no effect"}},
		{"jitter alone", "rules: [{name: r1, vendor: alpha, action: '*', jitter: 1s, drop: true}]", []string{"jitter needs a latency"}},
		{"bad latency", "rules: [{name: r1, vendor: alpha, action: '*', latency: soon}]", []string{`latency "soon"`}},
		{"bad regex", "rules: [{name: r1, vendor: alpha, action: '*', match: {queueName: '/[/'}, drop: true}]", []string{"bad regular expression"}},
		{"bad rate", "rules: [{name: r1, vendor: alpha, action: '*', throttle: {rate: fast}}]", []string{`rate "fast"`}},
		{"probability out of range", "rules: [{name: r1, vendor: alpha, action: '*', probability: 1.5, drop: true}]", []string{"probability 1.5"}},
		{"negative times", "rules: [{name: r1, vendor: alpha, action: '*', times: -1, drop: true}]", []string{"must not be negative"}},
		{"service of a vendor without", "rules: [{name: r1, vendor: alpha, service: x, action: '*', drop: true}]", []string{"alpha has no services"}},
		{"unknown service", "rules: [{name: r1, vendor: beta, service: three, action: '*', drop: true}]", []string{`service "three" is not one of one, two`}},
		{"bad status", "rules: [{name: r1, vendor: alpha, action: '*', status: 42, body: x}]", []string{"status 42"}},
		{"duplicate names", "rules: [{name: r1, vendor: alpha, action: '*', drop: true}, {name: r1, vendor: alpha, action: '*', drop: true}]", []string{`rule "r1" (rules[1])`, "already used"}},
		{"bad timeout", "rules: [{name: r1, vendor: alpha, action: '*', timeout: later}]", []string{"timeout must be true or a positive duration"}},
		{"wrong type", "rules: [{name: r1, vendor: alpha, action: '*', drop: true, times: many}]", []string{`rule "r1"`, "cannot unmarshal"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEngine(t, nil, "name: good\nrules: [{name: keep, vendor: alpha, action: '*', drop: true}]")
			err := e.Replace(Source{Name: "bad.yaml", Data: []byte(tc.doc)})
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			// The refused document changed nothing.
			snap := e.Snapshot()
			require.Len(t, snap.Rules, 1)
			assert.Equal(t, "keep", snap.Rules[0].Name)
		})
	}
}

func TestLoadAcceptsEveryEffect(t *testing.T) {
	doc := `
name: all
seed: 7
rules:
  - {name: err-by-name, vendor: alpha, action: ListQueue, error: BadName}
  - {name: err-by-code, vendor: alpha, action: ListQueue, error: "6000/100"}
  - {name: err-family, vendor: beta, action: SendThing, error: Invalid.Topic}
  - {name: slow, vendor: alpha, action: "*", latency: 1500ms, jitter: 200ms, probability: 0.5}
  - {name: slow-then-fail, vendor: alpha, action: "*", latency: 10ms, error: Internal}
  - {name: limited, vendor: beta, action: "*", throttle: {rate: 5/s, burst: 2}}
  - {name: gone, vendor: beta, action: GetToken, drop: true, after: 3}
  - {name: rst, vendor: beta, action: GetToken, reset: true}
  - {name: hang, vendor: beta, action: GetToken, timeout: true}
  - {name: hang-30s, vendor: beta, action: GetToken, timeout: 30s}
  - {name: garbage, vendor: beta, service: two, action: "*", status: 502, body: "<html>Bad Gateway</html>", every: 10}
  - {name: empty, vendor: beta, action: "*", status: 200, body: ""}
`
	e := newTestEngine(t, nil, doc)
	snap := e.Snapshot()
	require.Len(t, snap.Rules, 12)
	assert.Equal(t, "all", snap.Name)
	require.NotNil(t, snap.Seed)
	assert.Equal(t, int64(7), *snap.Seed)

	// The snapshot shows each rule as written, with its counters.
	b, err := json.Marshal(snap)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"name":"hang-30s","vendor":"beta","action":"GetToken","timeout":"30s","source":"test.yaml","hits":0,"matched":0`)
	assert.Contains(t, string(b), `"name":"hang","vendor":"beta","action":"GetToken","timeout":true`)
	assert.Contains(t, string(b), `"throttle":{"rate":"5/s","burst":2}`)
	assert.Contains(t, string(b), `"name":"empty","vendor":"beta","action":"*","status":200,"body":""`)
}

func TestJSONDocumentsLoadLikeYAML(t *testing.T) {
	e := newTestEngine(t, nil, `{"name":"j","rules":[{"name":"r","vendor":"alpha","action":"*","match":{"limit":5},"error":"Internal","times":1}]}`)
	eff := e.Apply(call("alpha", "ListQueue", "limit", "5"))
	require.NotNil(t, eff)
	assert.Equal(t, "r", eff.Rule)
	assert.Equal(t, "Internal", eff.Err.Def.Name)
}

func TestYAMLAnchorsShareSettings(t *testing.T) {
	e := newTestEngine(t, nil, `
x-orders: &orders
  vendor: alpha
  match: {queueName: /^orders-/}
rules:
  - {<<: *orders, name: a, action: SendMessage, error: Internal}
  - {<<: *orders, name: b, action: ReceiveMessage, drop: true}
`)
	assert.Equal(t, "a", ruleOf(e.Apply(call("alpha", "SendMessage", "queueName", "orders-1"))))
	assert.Nil(t, e.Apply(call("alpha", "SendMessage", "queueName", "other")))
	assert.Equal(t, "b", ruleOf(e.Apply(call("alpha", "ReceiveMessage", "queueName", "orders-2"))))
}

func TestRulesWithoutNamesGetOne(t *testing.T) {
	e := NewEngine(nil, testVendors()...)
	require.NoError(t, e.Replace(Source{Name: "dir/flaky.yaml", Data: []byte("rules: [{vendor: alpha, action: '*', drop: true}]")}))
	assert.Equal(t, "flaky-rule-1", e.Snapshot().Rules[0].Name)
}

func TestEmptyEngineSnapshot(t *testing.T) {
	e := NewEngine(nil, testVendors()...)
	b, err := json.Marshal(e.Snapshot())
	require.NoError(t, err)
	assert.JSONEq(t, `{"rules":[]}`, string(b))
	assert.Nil(t, e.Apply(call("alpha", "ListQueue")))
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		in    string
		count int
		per   string
		ok    bool
	}{
		{"5/s", 5, "1s", true},
		{"300/m", 300, "1m0s", true},
		{"2/h", 2, "1h0m0s", true},
		{"10/100ms", 10, "100ms", true},
		{"1/2s", 1, "2s", true},
		{"7", 7, "1s", true},
		{"0/s", 0, "", false},
		{"x/s", 0, "", false},
		{"5/fortnight", 0, "", false},
	}
	for _, tc := range cases {
		n, per, err := parseRate(tc.in)
		if !tc.ok {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.count, n, tc.in)
		assert.Equal(t, tc.per, per.String(), tc.in)
	}
}
