package tdmq

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
)

func ptr5[T any](v T) *T { return &v }

func TestPage5(t *testing.T) {
	for _, tc := range []struct {
		off, lim *int64
		n        int
		from, to int
		wantErr  bool
	}{
		{nil, nil, 50, 0, 20, false},
		{ptr5[int64](10), ptr5[int64](5), 50, 10, 15, false},
		{ptr5[int64](48), nil, 50, 48, 50, false},
		{ptr5[int64](60), nil, 50, 50, 50, false},
		{nil, ptr5[int64](0), 50, 0, 0, false},
		{ptr5[int64](-1), nil, 50, 0, 0, true},
		{nil, ptr5[int64](-5), 50, 0, 0, true},
	} {
		from, to, err := page5(tc.off, tc.lim, tc.n)
		if tc.wantErr {
			assert.Error(t, err)
			e, ok := apierr.As(err)
			require.True(t, ok)
			assert.Equal(t, ErrInvalidParameterValue, e.Def)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, [2]int{tc.from, tc.to}, [2]int{from, to})
	}
}

func TestFiltersAndTags5(t *testing.T) {
	fs, err := filters5([]*filter{
		{Name: ptr5("TopicName"), Values: []*string{ptr5("ord"), ptr5("pay")}},
		{Name: ptr5("TopicType"), Values: []*string{ptr5("FIFO")}},
	}, "TopicName", "TopicType")
	require.NoError(t, err)
	assert.True(t, fs.fuzzy("TopicName", "orders"))
	assert.True(t, fs.fuzzy("TopicName", "repay"))
	assert.False(t, fs.fuzzy("TopicName", "audit"))
	assert.True(t, fs.exact("TopicType", "FIFO"))
	assert.False(t, fs.exact("TopicType", "NORMAL"))
	assert.True(t, fs.exact("Other", "anything"), "an absent filter matches everything")
	_, err = filters5([]*filter{{Name: ptr5("Colour")}}, "TopicName")
	assert.Error(t, err)

	tags := []tag5{{"env", "prod"}, {"team", "mq"}}
	for _, tc := range []struct {
		tf   []*tagFilter
		want bool
	}{
		{nil, true},
		{[]*tagFilter{{TagKey: ptr5("env"), TagValues: []*string{ptr5("prod")}}}, true},
		{[]*tagFilter{{TagKey: ptr5("env"), TagValues: []*string{ptr5("dev"), ptr5("prod")}}}, true},
		{[]*tagFilter{{TagKey: ptr5("env")}}, true},
		{[]*tagFilter{{TagKey: ptr5("env"), TagValues: []*string{ptr5("dev")}}}, false},
		{[]*tagFilter{{TagKey: ptr5("env")}, {TagKey: ptr5("owner")}}, false},
	} {
		assert.Equal(t, tc.want, tagsMatch5(tc.tf, tags), "%v", tc.tf)
	}
}

func TestNameRules5(t *testing.T) {
	g := &gen5{s: &Server{}}
	for name, ok := range map[string]bool{
		"abc": true, "a-b_c%1": true, "%RETRY%g": true, "ab": false, "has space": false, "slash/no": false,
		string(make([]byte, 101)): false,
	} {
		assert.Equal(t, ok, g.checkTopicName5(name) == nil, "topic %q", name)
	}
	g.s.opts.TopicNameMaxLen = 64
	assert.Error(t, g.checkTopicName5(fmt.Sprintf("%065d", 0)))
	assert.NoError(t, g.checkTopicName5(fmt.Sprintf("%064d", 0)))
	assert.True(t, reservedTopic5("%DLQ%billing"))
	assert.True(t, reservedTopic5("%RETRY%billing"))
	assert.False(t, reservedTopic5("orders%DLQ%"))
	for name, ok := range map[string]bool{"abc": true, "ab": false, "a.b.c": false, "x-y_z": true} {
		assert.Equal(t, ok, instanceName5.MatchString(name), "instance %q", name)
	}
	for name, ok := range map[string]bool{"r": true, "role_1-A": true, "": false, "role!": false} {
		assert.Equal(t, ok, roleName5.MatchString(name), "role %q", name)
	}
}

func TestRateLimiter5(t *testing.T) {
	now := time.Unix(1700000000, 0)
	l := newRateLimiter(func() time.Time { return now }, map[string]int{"A": 3})
	for range 3 {
		assert.True(t, l.allow("acct", "A"))
	}
	assert.False(t, l.allow("acct", "A"))
	assert.True(t, l.allow("other", "A"), "buckets are per account")
	assert.True(t, l.allow("acct", "B"), "unlisted actions are unlimited")
	now = now.Add(time.Second/3 + time.Millisecond)
	assert.True(t, l.allow("acct", "A"), "a third of a second refills one token")
	assert.False(t, l.allow("acct", "A"))
	now = now.Add(time.Hour)
	for range 3 {
		assert.True(t, l.allow("acct", "A"))
	}
	assert.False(t, l.allow("acct", "A"), "the bucket never holds more than the rate")
	l.reset()
	assert.True(t, l.allow("acct", "A"))
	assert.Nil(t, rateLimits5(Options{}, false), "off by default")
	assert.Equal(t, 20, rateLimits5(Options{RateLimits: true}, false)["DescribeInstanceList"])
	assert.Equal(t, 20, rateLimits5(Options{}, true)["DescribeInstanceList"], "limits.rateLimits turns them on too")
	assert.Equal(t, 5, rateLimits5(Options{RateLimits: true, RateLimitOverrides: map[string]int{"CreateTopic": 5}}, false)["CreateTopic"])
}

func TestSKUTable5(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range skus5 {
		assert.False(t, seen[s.SkuCode], "duplicate %s", s.SkuCode)
		seen[s.SkuCode] = true
		assert.Contains(t, instanceTypes5, s.InstanceType)
		assert.LessOrEqual(t, s.TopicNumLimit, s.TopicNumUpperLimit)
		assert.LessOrEqual(t, s.RetentionLowerLimit, s.DefaultRetention)
		assert.LessOrEqual(t, s.DefaultRetention, s.RetentionUpperLimit)
	}
	// The documented per-edition ranges (tdmq.md §3).
	exp, _ := skuByCode5("experiment_500")
	assert.Equal(t, int64(50), exp.TopicNumLimit)
	assert.Equal(t, int64(50), exp.TopicNumUpperLimit)
	assert.Equal(t, int64(72), exp.RetentionUpperLimit)
	for _, s := range skus5 {
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

func TestZeroEnvWorks5(t *testing.T) {
	s, err := New(pipeline.Env{})
	require.NoError(t, err)
	res, err := s.v5.table().Names(), error(nil)
	require.NoError(t, err)
	assert.Contains(t, res, "CreateTopic")
	h, ok := s.trocketActions.Lookup("DescribeProductSKUs")
	require.True(t, ok)
	_, err = h(&pipeline.Call{Tree: map[string]any{}})
	assert.NoError(t, err)
}

// benchServer is a server with one PLATINUM instance holding n topics.
func benchServer5(b *testing.B, n int) (*Server, *pipeline.Call, string) {
	b.Helper()
	reg, err := account.NewRegistry(account.Defaults())
	require.NoError(b, err)
	s, err := New(pipeline.Env{Clock: clock.New(), Accounts: reg})
	require.NoError(b, err)
	acct, _ := reg.ByName("default")
	call := func(action string, tree map[string]any) (any, error) {
		h, ok := s.trocketActions.Lookup(action)
		require.True(b, ok)
		return h(&pipeline.Call{Account: acct, Tree: tree})
	}
	res, err := call("CreateInstance", map[string]any{"InstanceType": "PLATINUM", "Name": "bench", "SkuCode": "platinum_1w",
		"VpcList": []any{map[string]any{"VpcId": "vpc-1", "SubnetId": "subnet-1"}}, "MaxTopicNum": "10000"})
	require.NoError(b, err)
	id := res.(createInstance5Resp).InstanceId
	for i := range n {
		_, err := call("CreateTopic", map[string]any{"InstanceId": id, "Topic": "topic-" + strconv.Itoa(i), "TopicType": "NORMAL"})
		require.NoError(b, err)
	}
	return s, &pipeline.Call{Account: acct}, id
}

func BenchmarkCreateTopic5(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			s, call, id := benchServer5(b, n)
			h, _ := s.trocketActions.Lookup("CreateTopic")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				call.Tree = map[string]any{"InstanceId": id, "Topic": "bench-new", "TopicType": "NORMAL"}
				if _, err := h(call); err != nil {
					b.Fatal(err)
				}
				// Keep the instance at n topics: the new topic is the last of
				// the list, so undoing it costs a truncation and a map delete.
				s.v5.mu.Lock()
				in := s.v5.instances[id]
				in.topicList = in.topicList[:len(in.topicList)-1]
				delete(in.topics, "bench-new")
				s.v5.mu.Unlock()
			}
		})
	}
}

func BenchmarkDescribeTopicList5(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("topics=%d", n), func(b *testing.B) {
			s, call, id := benchServer5(b, n)
			h, _ := s.trocketActions.Lookup("DescribeTopicList")
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

// TestActionTableMatchesSpec5: the 5.x table serves exactly the actions
// tdmq.md §5 details and declines exactly those §8.1 lists — together the 57
// trocket actions of the SDK.
func TestActionTableMatchesSpec5(t *testing.T) {
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

	s, err := New(pipeline.Env{})
	require.NoError(t, err)
	names := s.trocketActions.Names()
	assert.Len(t, names, 57)
	for _, m := range detailed {
		h, ok := s.trocketActions.Lookup(m[1])
		if assert.True(t, ok, "%s is not served", m[1]) {
			_, err := h(&pipeline.Call{Tree: map[string]any{"NoSuchParameter": "x"}})
			e, _ := apierr.As(err)
			require.NotNil(t, e, "%s", m[1])
			assert.NotEqual(t, ErrUnsupportedOperation, e.Def, "%s is detailed in §5 but declined", m[1])
		}
	}
	for _, m := range inventory {
		h, ok := s.trocketActions.Lookup(m[1])
		if assert.True(t, ok, "%s is not declined", m[1]) {
			_, err := h(&pipeline.Call{Tree: map[string]any{}})
			e, _ := apierr.As(err)
			require.NotNil(t, e)
			assert.Equal(t, ErrUnsupportedOperation, e.Def, "%s", m[1])
		}
	}
}
