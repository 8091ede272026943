package trocket

// Table-driven tests of the 5.x rules that need no HTTP, and the benchmarks
// of CreateTopic and DescribeTopicList (in-process, through the action
// table, so the figures are the emulator's own cost without the network).

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
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

func ptr[T any](v T) *T { return &v }

func TestPage(t *testing.T) {
	for _, tc := range []struct {
		off, lim *int64
		n        int
		from, to int
		wantErr  bool
	}{
		{nil, nil, 50, 0, 20, false},
		{ptr[int64](10), ptr[int64](5), 50, 10, 15, false},
		{ptr[int64](48), nil, 50, 48, 50, false},
		{ptr[int64](60), nil, 50, 50, 50, false},
		{nil, ptr[int64](0), 50, 0, 0, false},
		{ptr[int64](-1), nil, 50, 0, 0, true},
		{nil, ptr[int64](-5), 50, 0, 0, true},
	} {
		from, to, err := page(tc.off, tc.lim, tc.n)
		if tc.wantErr {
			assert.Error(t, err)
			e, ok := apierr.As(err)
			require.True(t, ok)
			assert.Equal(t, errInvalidParameterValue, e.Def)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, [2]int{tc.from, tc.to}, [2]int{from, to})
	}
}

func TestFiltersAndTags(t *testing.T) {
	fs, err := filters([]*filter{
		{Name: ptr("TopicName"), Values: []*string{ptr("ord"), ptr("pay")}},
		{Name: ptr("TopicType"), Values: []*string{ptr("FIFO")}},
	}, "TopicName", "TopicType")
	require.NoError(t, err)
	assert.True(t, fs.fuzzy("TopicName", "orders"))
	assert.True(t, fs.fuzzy("TopicName", "repay"))
	assert.False(t, fs.fuzzy("TopicName", "audit"))
	assert.True(t, fs.exact("TopicType", "FIFO"))
	assert.False(t, fs.exact("TopicType", "NORMAL"))
	assert.True(t, fs.exact("Other", "anything"), "an absent filter matches everything")
	_, err = filters([]*filter{{Name: ptr("Colour")}}, "TopicName")
	assert.Error(t, err)

}

func TestNameRules(t *testing.T) {
	g := &store{}
	for name, ok := range map[string]bool{
		"abc": true, "a-b_c%1": true, "%RETRY%g": true, "ab": false, "has space": false, "slash/no": false,
		string(make([]byte, 101)): false,
	} {
		assert.Equal(t, ok, g.checkTopicName(name) == nil, "topic %q", name)
	}
	g.topicNameMaxLen = 64
	assert.Error(t, g.checkTopicName(fmt.Sprintf("%065d", 0)))
	assert.NoError(t, g.checkTopicName(fmt.Sprintf("%064d", 0)))
	assert.True(t, reservedTopic("%DLQ%billing"))
	assert.True(t, reservedTopic("%RETRY%billing"))
	assert.False(t, reservedTopic("orders%DLQ%"))
	for name, ok := range map[string]bool{"abc": true, "ab": false, "a.b.c": false, "x-y_z": true} {
		assert.Equal(t, ok, instanceName().MatchString(name), "instance %q", name)
	}
	for name, ok := range map[string]bool{"r": true, "role_1-A": true, "": false, "role!": false} {
		assert.Equal(t, ok, roleName().MatchString(name), "role %q", name)
	}
}

// TestRates replaces the test of the rate limiter the table's token
// buckets replaced: the documented rates, the overrides, and the buckets per
// account and action on the virtual clock.
func TestRates(t *testing.T) {
	assert.Equal(t, ratelimit.Per(20, time.Second), rate("DescribeInstanceList", nil))
	assert.Equal(t, ratelimit.Per(200, time.Second), rate("DescribeFusionInstanceList", nil))
	assert.Equal(t, ratelimit.Per(5, time.Second), rate("CreateTopic", map[string]int{"CreateTopic": 5}))
	assert.False(t, rate("CreateTopic", nil).Limited(), "undocumented actions are unlimited")
	assert.False(t, rate("DescribeInstanceList", map[string]int{"DescribeInstanceList": 0}).Limited(), "an override of 0 lifts a limit")

	stopped := time.Unix(1700000000, 0)
	c := clock.New(clock.WithRealTime(func() time.Time { return stopped }))
	t.Cleanup(c.Close)
	call := func(p *Product, action, acct string) string {
		h, ok := p.Table().Lookup(action)
		require.True(t, ok)
		_, err := h(&pipeline.Call{Account: &account.Account{Name: acct}, Tree: map[string]any{}})
		if e, ok := apierr.As(err); ok {
			return e.Code()
		}
		require.NoError(t, err)
		return ""
	}
	p := mustNew(t, pipeline.Env{Clock: c}, Options{RateLimits: true, RateLimitOverrides: map[string]int{"DescribeProductSKUs": 3}}, nil)
	for range 3 {
		assert.Equal(t, "", call(p, "DescribeProductSKUs", "acct"))
	}
	assert.Equal(t, "RequestLimitExceeded", call(p, "DescribeProductSKUs", "acct"))
	assert.Equal(t, "", call(p, "DescribeProductSKUs", "other"), "buckets are per account")
	assert.Equal(t, "", call(p, "DescribeInstanceList", "acct"), "and per action")
	c.Advance(time.Second/3 + time.Millisecond)
	assert.Equal(t, "", call(p, "DescribeProductSKUs", "acct"), "a third of a second refills one token")
	assert.Equal(t, "RequestLimitExceeded", call(p, "DescribeProductSKUs", "acct"))
	c.Advance(time.Hour)
	for range 3 {
		assert.Equal(t, "", call(p, "DescribeProductSKUs", "acct"))
	}
	assert.Equal(t, "RequestLimitExceeded", call(p, "DescribeProductSKUs", "acct"), "the bucket never holds more than the rate")
	p.Reset()
	assert.Equal(t, "", call(p, "DescribeProductSKUs", "acct"), "Reset empties the buckets")

	off := mustNew(t, pipeline.Env{Clock: c}, Options{RateLimitOverrides: map[string]int{"DescribeProductSKUs": 3}}, nil)
	for range 10 {
		assert.Equal(t, "", call(off, "DescribeProductSKUs", "acct"), "off by default")
	}
	global := mustNew(t, pipeline.Env{Clock: c, RateLimits: true}, Options{}, nil)
	for range 20 {
		assert.Equal(t, "", call(global, "DescribeInstanceList", "acct"))
	}
	assert.Equal(t, "RequestLimitExceeded", call(global, "DescribeInstanceList", "acct"), "limits.rateLimits turns them on too")
}

func TestSKUTable(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range skus {
		assert.False(t, seen[s.SkuCode], "duplicate %s", s.SkuCode)
		seen[s.SkuCode] = true
		assert.Contains(t, instanceTypes, s.InstanceType)
		assert.LessOrEqual(t, s.TopicNumLimit, s.TopicNumUpperLimit)
		assert.LessOrEqual(t, s.RetentionLowerLimit, s.DefaultRetention)
		assert.LessOrEqual(t, s.DefaultRetention, s.RetentionUpperLimit)
	}
	// The documented per-edition ranges (tdmq.md §3).
	exp, _ := skuByCode("experiment_500")
	assert.Equal(t, int64(50), exp.TopicNumLimit)
	assert.Equal(t, int64(50), exp.TopicNumUpperLimit)
	assert.Equal(t, int64(72), exp.RetentionUpperLimit)
	for _, s := range skus {
		switch s.InstanceType {
		case "BASIC":
			assert.Equal(t, [2]int64{100, 999}, [2]int64{s.TopicNumLimit, s.TopicNumUpperLimit})
		case "PRO":
			assert.Equal(t, [2]int64{300, 999}, [2]int64{s.TopicNumLimit, s.TopicNumUpperLimit})
		case "PLATINUM":
			assert.Equal(t, [2]int64{1000, 10000}, [2]int64{s.TopicNumLimit, s.TopicNumUpperLimit})
		}
	}
}

func TestZeroEnvWorks(t *testing.T) {
	s := mustNew(t, pipeline.Env{}, Options{}, nil)
	res, err := s.Table().Names(), error(nil)
	require.NoError(t, err)
	assert.Contains(t, res, "CreateTopic")
	h, ok := s.Table().Lookup("DescribeProductSKUs")
	require.True(t, ok)
	_, err = h(&pipeline.Call{Tree: map[string]any{}})
	assert.NoError(t, err)
}

// benchServer is a server with one PLATINUM instance holding n topics.
func benchServer(b *testing.B, n int) (*Product, *pipeline.Call, string) {
	b.Helper()
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(b, err)
	s := mustNew(b, pipeline.Env{Clock: clock.New(), Accounts: reg}, Options{}, nil)
	acct, _ := reg.ByName("default")
	call := func(action string, tree map[string]any) (any, error) {
		h, ok := s.Table().Lookup(action)
		require.True(b, ok)
		return h(&pipeline.Call{Account: acct, Tree: tree})
	}
	res, err := call("CreateInstance", map[string]any{"InstanceType": "PLATINUM", "Name": "bench", "SkuCode": "platinum_1w",
		"VpcList": []any{map[string]any{"VpcId": "vpc-1", "SubnetId": "subnet-1"}}, "MaxTopicNum": "10000"})
	require.NoError(b, err)
	id := res.(createInstanceResp).InstanceId
	for i := range n {
		_, err := call("CreateTopic", map[string]any{"InstanceId": id, "Topic": "topic-" + strconv.Itoa(i), "TopicType": "NORMAL"})
		require.NoError(b, err)
	}
	return s, &pipeline.Call{Account: acct}, id
}

func BenchmarkCreateTopic(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			s, call, id := benchServer(b, n)
			h, _ := s.Table().Lookup("CreateTopic")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				call.Tree = map[string]any{"InstanceId": id, "Topic": "bench-new", "TopicType": "NORMAL"}
				if _, err := h(call); err != nil {
					b.Fatal(err)
				}
				// Keep the instance at n topics: the new topic is the last of
				// the list, so undoing it costs a truncation and a map delete.
				s.store.mu.Lock()
				in := s.store.instances[id]
				in.topicList = in.topicList[:len(in.topicList)-1]
				delete(in.topics, "bench-new")
				s.store.mu.Unlock()
			}
		})
	}
}

func BenchmarkDescribeTopicList(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			s, call, id := benchServer(b, n)
			h, _ := s.Table().Lookup("DescribeTopicList")
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				call.Tree = map[string]any{"InstanceId": id, "Offset": "0", "Limit": "20"}
				if _, err := h(call); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestActionTableMatchesSpec: the 5.x table serves exactly the actions
// tdmq.md §5 details and declines exactly those §8.1 lists — together the 57
// trocket actions of the SDK.
const specPath = "../../../../shared/specs/tdmq.md"

func TestActionTableMatchesSpec(t *testing.T) {
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Skip("spec not present at " + specPath)
	}
	spec := string(b)
	section := func(from, to string) string {
		_, rest, ok := strings.Cut(spec, from)
		require.True(t, ok, "spec has no %q", from)
		body, _, _ := strings.Cut(rest, to)
		return body
	}
	detailed := regexp.MustCompile("(?m)^#### `([A-Za-z]+)`$").FindAllStringSubmatch(section("\n## 5. ", "\n## 6. "), -1)
	inventory := regexp.MustCompile("(?m)^\\| `([A-Za-z]+)` \\|").FindAllStringSubmatch(section("\n### 8.1 ", "\n### 8.2 "), -1)
	require.Len(t, detailed, 34)
	require.Len(t, inventory, 23)

	s := mustNew(t, pipeline.Env{}, Options{}, nil)
	names := s.Table().Names()
	assert.Len(t, names, 57)
	for _, m := range detailed {
		h, ok := s.Table().Lookup(m[1])
		if assert.True(t, ok, "%s is not served", m[1]) {
			_, err := h(&pipeline.Call{Tree: map[string]any{"NoSuchParameter": "x"}})
			e, _ := apierr.As(err)
			require.NotNil(t, e, "%s", m[1])
			assert.NotEqual(t, errUnsupportedOperation, e.Def, "%s is detailed in §5 but declined", m[1])
		}
	}
	for _, m := range inventory {
		h, ok := s.Table().Lookup(m[1])
		if assert.True(t, ok, "%s is not declined", m[1]) {
			_, err := h(&pipeline.Call{Tree: map[string]any{}})
			e, _ := apierr.As(err)
			require.NotNil(t, e)
			assert.Equal(t, errUnsupportedOperation, e.Def, "%s", m[1])
		}
	}
}

// mustNew is New for a test: with no declared resources it cannot fail.
func mustNew(t testing.TB, env pipeline.Env, opts Options, others OtherInstances) *Product {
	t.Helper()
	p, err := New(env, opts, others)
	require.NoError(t, err)
	return p
}
