package tdmq_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// names decodes a list response and returns TotalCount and the item names
// under key.
func names(t *testing.T, raw json.RawMessage, key string) (int64, []string) {
	t.Helper()
	var out struct {
		TotalCount int64
		Data       []map[string]any
	}
	require.NoError(t, json.Unmarshal(raw, &out))
	var ns []string
	for _, d := range out.Data {
		ns = append(ns, fmt.Sprint(d[key]))
	}
	return out.TotalCount, ns
}

func TestListFilters5(t *testing.T) {
	env := emutest.Start(t)
	c := defaultSDK(t, env)
	prod := p{"TagList": []p{{"TagKey": "env", "TagValue": "prod"}}}
	a := newInstance(t, c, "orders-prod", "PRO", "pro_4k", prod)
	newInstance(t, c, "orders-test", "BASIC", "basic_1k", p{"TagList": []p{{"TagKey": "env", "TagValue": "test"}}})
	newInstance(t, c, "audit", "BASIC", "basic_2k")

	for _, tc := range []struct {
		name   string
		params p
		want   []string
		total  int64
	}{
		{"fuzzy name", p{"Filters": []p{{"Name": "InstanceName", "Values": []string{"orders"}}}}, []string{"orders-prod", "orders-test"}, 2},
		{"type multi-select", p{"Filters": []p{{"Name": "InstanceType", "Values": []string{"PRO", "BASIC"}}}}, []string{"orders-prod", "orders-test", "audit"}, 3},
		{"type and name", p{"Filters": []p{{"Name": "InstanceType", "Values": []string{"BASIC"}}, {"Name": "InstanceName", "Values": []string{"orders"}}}}, []string{"orders-test"}, 1},
		{"id exact", p{"Filters": []p{{"Name": "InstanceId", "Values": []string{a}}}}, []string{"orders-prod"}, 1},
		{"tag value", p{"TagFilters": []p{{"TagKey": "env", "TagValues": []string{"prod"}}}}, []string{"orders-prod"}, 1},
		{"tag key only", p{"TagFilters": []p{{"TagKey": "env"}}}, []string{"orders-prod", "orders-test"}, 2},
		{"tag missing", p{"TagFilters": []p{{"TagKey": "owner"}}}, nil, 0},
		{"page of a filter", p{"Filters": []p{{"Name": "InstanceName", "Values": []string{"orders"}}}, "Offset": 1, "Limit": 1}, []string{"orders-test"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			total, got := names(t, c.ok("DescribeInstanceList", tc.params, nil), "InstanceName")
			assert.Equal(t, tc.total, total)
			assert.Equal(t, tc.want, got)
		})
	}

	// Topics: name, type, tags, and the topics a group subscribes to.
	newTopic(t, c, a, "orders-created", prod)
	newTopic(t, c, a, "orders-paid", p{"TopicType": "FIFO"})
	newTopic(t, c, a, "audit-log", p{"TopicType": "DELAY"})
	newGroup(t, c, a, "billing")
	newGroup(t, c, a, "auditor")
	newGroup(t, c, a, "idle-group")
	code, _ := control(t, env, http.MethodPost, "/clients", p{"instanceId": a, "consumerGroup": "billing", "clientId": "b1",
		"subscriptions": []p{{"topic": "orders-created"}, {"topic": "orders-paid"}}})
	require.Equal(t, http.StatusOK, code)
	code, _ = control(t, env, http.MethodPost, "/clients", p{"instanceId": a, "consumerGroup": "auditor", "clientId": "a1",
		"subscriptions": []p{{"topic": "audit-log"}}})
	require.Equal(t, http.StatusOK, code)
	for _, tc := range []struct {
		name   string
		params p
		want   []string
	}{
		{"topic fuzzy", p{"Filters": []p{{"Name": "TopicName", "Values": []string{"orders"}}}}, []string{"orders-created", "orders-paid"}},
		{"topic types", p{"Filters": []p{{"Name": "TopicType", "Values": []string{"FIFO", "DELAY"}}}}, []string{"orders-paid", "audit-log"}},
		{"topic tags", p{"TagFilters": []p{{"TagKey": "env", "TagValues": []string{"prod"}}}}, []string{"orders-created"}},
		{"from group", p{"FromGroup": "billing"}, []string{"orders-created", "orders-paid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.params["InstanceId"] = a
			_, got := names(t, c.ok("DescribeTopicList", tc.params, nil), "Topic")
			assert.Equal(t, tc.want, got)
		})
	}

	// Groups: name, orderly, the groups of a topic, sorting by subscriptions.
	for _, tc := range []struct {
		name   string
		params p
		want   []string
	}{
		{"group fuzzy", p{"Filters": []p{{"Name": "ConsumerGroupName", "Values": []string{"audit"}}}}, []string{"auditor"}},
		{"orderly false", p{"Filters": []p{{"Name": "ConsumeMessageOrderly", "Values": []string{"false"}}}}, []string{"billing", "auditor", "idle-group"}},
		{"orderly true", p{"Filters": []p{{"Name": "ConsumeMessageOrderly", "Values": []string{"true"}}}}, nil},
		{"from topic", p{"FromTopic": "audit-log"}, []string{"auditor"}},
		{"by subscriptions desc", p{"SortedBy": "subscribeNum", "SortOrder": "desc"}, []string{"billing", "auditor", "idle-group"}},
		{"by subscriptions asc", p{"SortedBy": "subscribeNum", "SortOrder": "asc"}, []string{"idle-group", "auditor", "billing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.params["InstanceId"] = a
			_, got := names(t, c.ok("DescribeConsumerGroupList", tc.params, nil), "ConsumerGroup")
			assert.Equal(t, tc.want, got)
		})
	}
	_, subs := names(t, c.ok("DescribeTopicListByGroup", p{"InstanceId": a, "ConsumerGroup": "billing"}, nil), "Topic")
	assert.Equal(t, []string{"orders-created", "orders-paid"}, subs)
}

// TestConcurrentCreatesRespectOneCriticalSection5: racing creates of one name
// make exactly one topic, and racing creates past the quota stop exactly at
// it.
func TestConcurrentCreatesRespectOneCriticalSection5(t *testing.T) {
	env := emutest.Start(t)
	c := defaultSDK(t, env)
	id := newInstance(t, c, "race", "EXPERIMENT", "experiment_500")
	run := func(n int, topic func(i int) string) map[string]int {
		var mu sync.Mutex
		codes := map[string]int{}
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.call("trocket", "CreateTopic", p{"InstanceId": id, "Topic": topic(i), "TopicType": "NORMAL"})
				code := "ok"
				if err != nil {
					code = sdkCode(err)
				}
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		return codes
	}
	same := run(8, func(int) string { return "contended" })
	assert.Equal(t, map[string]int{"ok": 1, "UnsupportedOperation.ResourceAlreadyExists": 7}, same)
	for i := range 44 { // 45 topics with "contended"; the race is for the last 5
		newTopic(t, c, id, fmt.Sprintf("filler-%02d", i))
	}
	many := run(8, func(i int) string { return fmt.Sprintf("topic-%02d", i) })
	assert.Equal(t, map[string]int{"ok": 5, "LimitExceeded.TopicNum": 3}, many)
	total, _ := names(t, c.ok("DescribeTopicList", p{"InstanceId": id, "Limit": 100}, nil), "Topic")
	assert.Equal(t, int64(50), total)
}

func sdkCode(err error) string {
	type coded interface{ GetCode() string }
	if e, ok := err.(coded); ok {
		return e.GetCode()
	}
	return err.Error()
}

// TestFusionListsBothGenerations5: DescribeFusionInstanceList lists 4.x
// clusters and 5.x instances together (tdmq.md §5), Version "4" or "5"
// selects one generation, the other filters apply to both, paging spans both.
func TestFusionListsBothGenerations5(t *testing.T) {
	env := emutest.Start(t)
	c := defaultSDK(t, env)
	c4 := newClient4(t, env, env.Default)
	cluster := c4.cluster("fusion-four")
	env.Advance(time.Second) // creation order is the list order
	newInstance(t, c, "fusion-five", "BASIC", "basic_1k")
	newClient4(t, env, env.Other).cluster("fusion-other") // another account's

	total, ids := names(t, c.ok("DescribeFusionInstanceList", p{}, nil), "InstanceId")
	assert.Equal(t, int64(2), total, "one cluster of each generation, the caller's only")
	require.Len(t, ids, 2)
	assert.Equal(t, cluster, ids[0])
	for _, tc := range []struct {
		filter p
		want   []string
	}{
		{p{"Name": "Version", "Values": []string{"5"}}, []string{"5"}},
		{p{"Name": "Version", "Values": []string{"4"}}, []string{"4"}},
		{p{"Name": "Version", "Values": []string{"4", "5"}}, []string{"4", "5"}},
		{p{"Name": "InstanceName", "Values": []string{"four"}}, []string{"4"}},
		{p{"Name": "InstanceType", "Values": []string{"VIRTUAL"}}, []string{"4"}},
		{p{"Name": "InstanceId", "Values": []string{cluster}}, []string{"4"}},
	} {
		total, got := names(t, c.ok("DescribeFusionInstanceList", p{"Filters": []p{tc.filter}}, nil), "Version")
		assert.Equal(t, int64(len(tc.want)), total, "%v", tc.filter)
		assert.Equal(t, tc.want, got, "%v", tc.filter)
	}
	total, got := names(t, c.ok("DescribeFusionInstanceList", p{"Offset": 1, "Limit": 1}, nil), "Version")
	assert.Equal(t, int64(2), total)
	assert.Equal(t, []string{"5"}, got, "paging spans both generations")
	c.fail("DescribeInstanceList", p{"Filters": []p{{"Name": "Version", "Values": []string{"5"}}}}, "InvalidParameterValue")
}
