package rocketmq

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/internal/account"
	"github.com/mqmock/mqmock/internal/apierr"
	"github.com/mqmock/mqmock/internal/clock"
	"github.com/mqmock/mqmock/internal/pipeline"
	"github.com/mqmock/mqmock/internal/wire"
)

// Focused tests of the 4.x rules below the HTTP layer: handlers are called
// with a decoded Call, as the pipeline calls them.

type harness struct {
	t     testing.TB
	p     *Product
	clock *clock.Clock
	acct  *account.Account
	table *pipeline.Table
}

func newHarness(t testing.TB, opts ...clock.Option) *harness {
	return newHarnessWith(t, DefaultOptions(), opts...)
}

func newHarnessWith(t testing.TB, options Options, opts ...clock.Option) *harness {
	c := clock.New(opts...)
	t.Cleanup(c.Close)
	p, err := New(pipeline.Env{Clock: c}, options)
	require.NoError(t, err)
	return &harness{t: t, p: p, clock: c, acct: &account.Account{Name: "default"}, table: p.Table()}
}

// do runs one action with params encoded as the SDK would send them.
func (h *harness) do(action string, params map[string]any) (any, error) {
	body, err := json.Marshal(params)
	require.NoError(h.t, err)
	tree, err := wire.DecodeJSON(body)
	require.NoError(h.t, err)
	handler, ok := h.table.Lookup(action)
	require.True(h.t, ok, action)
	return handler(&pipeline.Call{Action: action, Service: "tdmq", Tree: tree, Account: h.acct, Remote: "10.0.0.1:5555"})
}

func (h *harness) ok(action string, params map[string]any) any {
	h.t.Helper()
	out, err := h.do(action, params)
	require.NoError(h.t, err, action)
	return out
}

func (h *harness) code(action string, params map[string]any) string {
	h.t.Helper()
	_, err := h.do(action, params)
	e, ok := apierr.As(err)
	require.True(h.t, ok, "%s: want a catalogue error, got %v", action, err)
	return e.Code()
}

func (h *harness) cluster(name string) string {
	return h.ok("CreateRocketMQCluster", map[string]any{"Name": name}).(clusterIDResponse).ClusterId
}

// The group quota of a virtual cluster is 1500 (1493/115875), counted over
// every namespace.
func TestRocketMQ4GroupQuota(t *testing.T) {
	h := newHarness(t)
	cl := h.cluster("groups")
	for _, ns := range []string{"ns-a", "ns-b"} {
		h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": ns})
	}
	for i := 0; i < 1500; i++ {
		ns := []string{"ns-a", "ns-b"}[i%2]
		h.ok("CreateRocketMQGroupV2", map[string]any{"ClusterId": cl, "Namespace": ns, "GroupId": fmt.Sprintf("group-%04d", i), "ReadEnable": true, "BroadcastEnable": false})
	}
	assert.Equal(t, "LimitExceeded", h.code("CreateRocketMQGroup", map[string]any{"ClusterId": cl, "Namespaces": []string{"ns-a"}, "GroupId": "group-1500", "ReadEnable": true, "BroadcastEnable": false}))
	h.ok("DeleteRocketMQGroup", map[string]any{"ClusterId": cl, "NamespaceId": "ns-a", "GroupId": "group-0000"})
	h.ok("CreateRocketMQGroup", map[string]any{"ClusterId": cl, "Namespaces": []string{"ns-a"}, "GroupId": "group-1500", "ReadEnable": true, "BroadcastEnable": false})
}

// A dedicated cluster's topic quota comes from its Spec; a general cluster
// has 400 and only tdmq_default.
func TestRocketMQ4DedicatedQuotas(t *testing.T) {
	h := newHarness(t)
	vip := func(name, spec, sku string) string {
		p := map[string]any{"Name": name, "Spec": spec, "StorageSize": 200, "ZoneIds": []string{"100001"}, "VpcInfo": map[string]any{"VpcId": "v", "SubnetId": "s"}, "TimeSpan": 1}
		if sku != "" {
			p["GeneralSkuCode"] = sku
		}
		return h.ok("CreateRocketMQVipInstance", p).(clusterIDResponse).ClusterId
	}
	dedicated := vip("dedicated", "rocket-vip-basic-0", "")
	h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": dedicated, "NamespaceId": "dev"})
	for i := 0; i < vipSpecs["rocket-vip-basic-0"].Topics; i++ {
		h.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": dedicated, "Namespace": "dev", "Topic": fmt.Sprintf("t-%03d", i), "Type": "Transaction"})
	}
	assert.Equal(t, "LimitExceeded", h.code("CreateRocketMQTopicV2", map[string]any{"ClusterId": dedicated, "Namespace": "dev", "Topic": "one-more", "Type": "Normal"}))

	// Instance names need not be unique (CreateRocketMQVipInstance lists no
	// duplicate code); virtual cluster names must.
	assert.NotEqual(t, dedicated, vip("dedicated", "rocket-vip-basic-1", ""))
	general := vip("general", "rocket-vip-basic-0", "general-sku")
	assert.Equal(t, "UnsupportedOperation", h.code("CreateRocketMQNamespace", map[string]any{"ClusterId": general, "NamespaceId": "dev"}))
	assert.Equal(t, "UnsupportedOperation", h.code("DeleteRocketMQNamespace", map[string]any{"ClusterId": general, "NamespaceId": defaultNamespace}))
	for i := 0; i < 400; i++ {
		h.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": general, "Namespace": defaultNamespace, "Topic": fmt.Sprintf("t-%03d", i), "Type": "Normal"})
	}
	assert.Equal(t, "LimitExceeded", h.code("CreateRocketMQTopicV2", map[string]any{"ClusterId": general, "Namespace": defaultNamespace, "Topic": "one-more", "Type": "Normal"}))
	// Virtual-cluster deletion does not take dedicated ones, and the
	// reverse: each has its own delete.
	assert.Equal(t, "UnsupportedOperation", h.code("DeleteRocketMQCluster", map[string]any{"ClusterId": general}))
	assert.Equal(t, "ResourceNotFound.Instance", h.code("DeleteRocketMQVipInstance", map[string]any{"ClusterId": h.cluster("virtual")}))
	// Deletion protection refuses the delete until it is turned off.
	h.ok("ModifyRocketMQInstance", map[string]any{"InstanceId": general, "EnableDeletionProtection": true})
	assert.Equal(t, "FailedOperation", h.code("DeleteRocketMQVipInstance", map[string]any{"ClusterId": general}))
	h.ok("ModifyRocketMQInstance", map[string]any{"InstanceId": general, "EnableDeletionProtection": false})
	h.ok("DeleteRocketMQVipInstance", map[string]any{"ClusterId": general})
}

func TestRocketMQ4CheckName(t *testing.T) {
	l := DefaultLimits()
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"abc", true}, {"a-b_c9", true}, {"ab", false}, {string(make([]byte, 65)), false},
		{"with space", false}, {"per%cent", false}, {"点点点", false}, {"", false},
		{"0123456789012345678901234567890123456789012345678901234567890123", true},
	} {
		err := checkName(errInvalidParameter, "Topic", tc.name, l.TopicNameMin, l.TopicNameMax)
		assert.Equal(t, tc.ok, err == nil, "%q: %v", tc.name, err)
	}
}

func TestRocketMQ4Page(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	for _, tc := range []struct {
		offset, limit uint64
		want          []int
	}{
		{0, 2, []int{1, 2}}, {4, 2, []int{5}}, {5, 2, []int{}}, {99, 1, []int{}}, {1, 99, []int{2, 3, 4, 5}},
		{0, ^uint64(0), []int{1, 2, 3, 4, 5}},
	} {
		assert.Equal(t, tc.want, page(items, tc.offset, tc.limit), "%d/%d", tc.offset, tc.limit)
	}
	odd := func(i int) bool { return i%2 == 1 }
	total, pg := filterPage(items, 1, 1, odd)
	assert.Equal(t, uint64(3), total)
	assert.Equal(t, []int{3}, pg)
	total, pg = filterPage(items, 3, 5, odd)
	assert.Equal(t, uint64(3), total)
	assert.Equal(t, []int{}, pg)
}

// Messages live for the retention window (3 days) of virtual time: queries
// stop returning them and the stats move MinOffset past them.
func TestRocketMQ4MessageRetention(t *testing.T) {
	h := newHarness(t)
	cl := h.cluster("retention")
	h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"})
	h.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": "orders", "Type": "Normal", "PartitionNum": 1})
	old := h.ok("SendRocketMQMessage", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "TopicName": "orders", "MsgBody": "old"}).(sendRocketMQMessageResponse).MsgId
	h.clock.Advance(48 * time.Hour)
	before := h.clock.Now().UnixMilli()
	h.ok("SendRocketMQMessage", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "TopicName": "orders", "MsgBody": "new"})
	after := h.clock.Now().UnixMilli()
	h.clock.Advance(25 * time.Hour)

	assert.Equal(t, "ResourceNotFound", h.code("DescribeRocketMQMsg", map[string]any{"ClusterId": cl, "EnvironmentId": "dev", "TopicName": "orders", "MsgId": old, "PulsarMsgId": ""}))
	msgs := h.ok("DescribeRocketMQTopicMsgs", map[string]any{"ClusterId": cl, "EnvironmentId": "dev", "TopicName": "orders", "StartTime": "0", "EndTime": "99999999999999"}).(describeRocketMQTopicMsgsResponse)
	assert.Equal(t, uint64(1), msgs.TotalCount)
	stats := h.ok("DescribeRocketMQTopicStats", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "TopicName": "orders"}).(describeRocketMQTopicStatsResponse)
	require.Len(t, stats.TopicStatsList, 1)
	got := stats.TopicStatsList[0]
	assert.Equal(t, topicStats{BrokerName: cl + "-broker-0", MinOffset: 1, MaxOffset: 2, MessageCount: 1}, topicStats{BrokerName: got.BrokerName, MinOffset: got.MinOffset, MaxOffset: got.MaxOffset, MessageCount: got.MessageCount})
	assert.GreaterOrEqual(t, got.LastUpdateTimestamp, before)
	assert.LessOrEqual(t, got.LastUpdateTimestamp, after)

	// A send drops what retention has expired; the offsets still count it.
	h.clock.Advance(72 * time.Hour)
	h.ok("SendRocketMQMessage", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "TopicName": "orders", "MsgBody": "newest"})
	h.p.store.mu.Lock()
	kept := len(h.p.store.clusters[cl].Namespaces["dev"].Topics.byName["orders"].Messages)
	h.p.store.mu.Unlock()
	assert.Equal(t, 1, kept)
	stats = h.ok("DescribeRocketMQTopicStats", map[string]any{"ClusterId": cl, "NamespaceId": "dev", "TopicName": "orders"}).(describeRocketMQTopicStatsResponse)
	got = stats.TopicStatsList[0]
	assert.Equal(t, [3]int64{2, 3, 1}, [3]int64{got.MinOffset, got.MaxOffset, got.MessageCount})
}

// Two servers never see each other's clusters (no package-level state).
func TestRocketMQ4Isolation(t *testing.T) {
	a, b := newHarness(t), newHarness(t)
	id := a.cluster("only-in-a")
	assert.Equal(t, "ResourceNotFound.Cluster", b.code("DescribeRocketMQCluster", map[string]any{"ClusterId": id}))
	a.p.Reset()
	assert.Equal(t, "ResourceNotFound.Cluster", a.code("DescribeRocketMQCluster", map[string]any{"ClusterId": id}))
}

// With the clock stopped, exactly 20 DescribeRocketMQCluster calls pass per
// second of virtual time, per account.
func TestRocketMQ4RateLimitExact(t *testing.T) {
	stopped := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	limited := DefaultOptions()
	limited.RateLimits = true
	h := newHarnessWith(t, limited, clock.WithRealTime(func() time.Time { return stopped }))
	cl := h.cluster("limited")
	for i := 0; i < 20; i++ {
		h.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl})
	}
	assert.Equal(t, "RequestLimitExceeded", h.code("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}))
	h.acct = &account.Account{Name: "other"}
	assert.Equal(t, "ResourceNotFound.Cluster", h.code("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}), "another account has its own bucket")
	h.acct = &account.Account{Name: "default"}
	h.clock.Advance(100 * time.Millisecond) // refills two tokens
	h.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl})
	h.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl})
	assert.Equal(t, "RequestLimitExceeded", h.code("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}))
	h.p.Reset()
	cl = h.cluster("after-reset")
	h.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl})
}

// Bad input never panics and always answers a catalogue error: every 4.x
// action gets empty, mistyped, null and extreme parameters.
func TestRocketMQ4BadInputNeverPanics(t *testing.T) {
	h := newHarness(t)
	cl := h.cluster("robust")
	h.ok("CreateRocketMQNamespace", map[string]any{"ClusterId": cl, "NamespaceId": "dev"})
	h.ok("CreateRocketMQTopicV2", map[string]any{"ClusterId": cl, "Namespace": "dev", "Topic": "orders", "Type": "Normal"})
	inputs := []map[string]any{
		{},
		{"ClusterId": 7, "Offset": "x", "Limit": true},
		{"ClusterId": nil, "Namespaces": nil, "Filters": []any{nil}, "TagList": []any{nil}},
		{"ClusterId": cl, "Offset": 0, "Limit": 0, "Filters": []map[string]any{{"Values": []any{nil}}}},
		{"ClusterId": cl, "NamespaceId": "dev", "Namespace": "dev", "EnvironmentId": "dev", "Topic": "orders", "TopicName": "orders",
			"Offset": uint64(1<<64 - 1), "Limit": uint64(1<<64 - 1), "PartitionNum": -5, "Type": "Normal", "StartTime": "", "EndTime": "",
			"MsgBody": "", "MsgId": "", "PulsarMsgId": "", "RoleName": "", "RoleNames": []string{""}, "Permissions": []string{}, "GroupId": "",
			"NumOfLatestMsg": -7, "Remark": "", "ZoneIds": []string{}, "Spec": "", "StorageSize": 0, "TimeSpan": 0, "Name": "",
			"VpcInfo": map[string]any{}, "ReadEnable": "yes", "BroadcastEnable": 1, "ResetTimestamp": -1},
		{"Filters": "not-a-list", "TagFilters": map[string]any{"a": 1}, "ClusterIdList": []any{1, 2}},
	}
	for _, name := range h.table.Names() {
		for i, in := range inputs {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s input %d panicked: %v", name, i, r)
					}
				}()
				_, err := h.do(name, in)
				if err != nil {
					_, ok := apierr.As(err)
					assert.True(t, ok, "%s input %d: %v is not a catalogue error", name, i, err)
				}
			}()
		}
	}
}
