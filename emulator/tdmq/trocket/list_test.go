package trocket_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
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

func TestListFilters(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	prod := p{"TagList": []p{{"TagKey": "env", "TagValue": "prod"}}}
	a := tdmqtest.NewInstance(t, c, "orders-prod", "PRO", "pro_4k", prod)
	tdmqtest.NewInstance(t, c, "orders-test", "BASIC", "basic_1k", p{"TagList": []p{{"TagKey": "env", "TagValue": "test"}}})
	tdmqtest.NewInstance(t, c, "audit", "BASIC", "basic_2k")

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
			total, got := names(t, c.OK("DescribeInstanceList", tc.params, nil), "InstanceName")
			assert.Equal(t, tc.total, total)
			assert.Equal(t, tc.want, got)
		})
	}

	// Topics: name, type, tags, and the topics a group subscribes to.
	tdmqtest.NewTopic(t, c, a, "orders-created", prod)
	tdmqtest.NewTopic(t, c, a, "orders-paid", p{"TopicType": "FIFO"})
	tdmqtest.NewTopic(t, c, a, "audit-log", p{"TopicType": "DELAY"})
	tdmqtest.NewGroup(t, c, a, "billing")
	tdmqtest.NewGroup(t, c, a, "auditor")
	tdmqtest.NewGroup(t, c, a, "idle-group")
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
			_, got := names(t, c.OK("DescribeTopicList", tc.params, nil), "Topic")
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
			_, got := names(t, c.OK("DescribeConsumerGroupList", tc.params, nil), "ConsumerGroup")
			assert.Equal(t, tc.want, got)
		})
	}
	_, subs := names(t, c.OK("DescribeTopicListByGroup", p{"InstanceId": a, "ConsumerGroup": "billing"}, nil), "Topic")
	assert.Equal(t, []string{"orders-created", "orders-paid"}, subs)
}

// TestConcurrentCreatesRespectOneCriticalSection: racing creates of one name
// make exactly one topic, and racing creates past the quota stop exactly at
// it.
func TestConcurrentCreatesRespectOneCriticalSection(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "race", "EXPERIMENT", "experiment_500")
	run := func(n int, topic func(i int) string) map[string]int {
		var mu sync.Mutex
		codes := map[string]int{}
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.Call("trocket", "CreateTopic", p{"InstanceId": id, "Topic": topic(i), "TopicType": "NORMAL"})
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
		tdmqtest.NewTopic(t, c, id, fmt.Sprintf("filler-%02d", i))
	}
	many := run(8, func(i int) string { return fmt.Sprintf("topic-%02d", i) })
	assert.Equal(t, map[string]int{"ok": 5, "LimitExceeded.TopicNum": 3}, many)
	total, _ := names(t, c.OK("DescribeTopicList", p{"InstanceId": id, "Limit": 100}, nil), "Topic")
	assert.Equal(t, int64(50), total)
}

func sdkCode(err error) string {
	type coded interface{ GetCode() string }
	if e, ok := err.(coded); ok {
		return e.GetCode()
	}
	return err.Error()
}
