package cmq_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// TestAPI3TopicsAndSubscriptions walks every topic and subscription action
// of API 3.0 through the Go SDK, with the legacy API on the same store.
func TestAPI3TopicsAndSubscriptions(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	created := env.Clock().Now()

	id := a.topic("news", p{"FilterType": 1})
	assert.Regexp(t, `^topic-[a-z0-9]{10}$`, id)
	assert.Equal(t, cmqTopic{TopicId: id, TopicName: "news", MsgRetentionSeconds: 86400, MaxMsgSize: 1048576, Qps: 5000, FilterType: 1,
		CreateTime: uint64(created.UnixMilli()), LastModifyTime: uint64(created.UnixMilli()), MsgCount: 0, CreateUin: u64(1250000001),
		Tags: []cmqTag{}, Trace: boolp(false), TenantId: "cmq-1250000001", NamespaceName: "CMQ_TOPIC-news", Status: 1, BrokerType: 1,
		SubscriptionCount: 0}, a.topicDetail("news"))
	r := call(t, legacy, "GetTopicAttributes", cmqclient.P("topicName", "news"))
	assert.Equal(t, int64(1048576), field[int64](t, r, "maxMsgSize"))
	assert.Equal(t, int64(86400), field[int64](t, r, "msgRetentionSeconds"))

	// The published example: retention and trace are API 3.0's; legacy
	// reads the retention.
	env.Advance(5 * time.Second)
	a.ok("ModifyCmqTopicAttribute", p{"TopicName": "news", "MaxMsgSize": 1240, "MsgRetentionSeconds": 43200, "Trace": true}, &empty{})
	tp := a.topicDetail("news")
	assert.Equal(t, []uint64{1240, 43200, uint64(env.Clock().Now().UnixMilli())}, []uint64{tp.MaxMsgSize, tp.MsgRetentionSeconds, tp.LastModifyTime})
	assert.True(t, *tp.Trace)
	r = call(t, legacy, "GetTopicAttributes", cmqclient.P("topicName", "news"))
	assert.Equal(t, int64(43200), field[int64](t, r, "msgRetentionSeconds"))
	assert.Equal(t, int64(1240), field[int64](t, r, "maxMsgSize"))

	// A queue subscription with a name only API 3.0 allows; no format given
	// with protocol queue is SIMPLIFIED.
	a.queue("orders", nil)
	subID := a.subscribe("news", "to_orders", p{"Protocol": "queue", "Endpoint": "orders", "FilterTag": []string{"red"}})
	assert.Regexp(t, `^subsc-[a-z0-9]{10}$`, subID)
	// An http subscription made through the legacy API, listed by API 3.0.
	call(t, legacy, "Subscribe", cmqclient.P("topicName", "news", "subscriptionName", "hook", "protocol", "http",
		"endpoint", "http://127.0.0.1:9/hook").List("filterTag", "green"))
	r = call(t, legacy, "ListSubscriptionByTopic", cmqclient.P("topicName", "news"))
	assert.Equal(t, 2, field[int](t, r, "totalCount"))

	subs := a.subscriptions("news")
	assert.Equal(t, uint64(2), subs.TotalCount)
	require.Len(t, subs.SubscriptionSet, 2)
	now := uint64(env.Clock().Now().UnixMilli())
	assert.Equal(t, cmqSubscription{SubscriptionName: "to_orders", SubscriptionId: subID, TopicOwner: u64(1250000001), MsgCount: 0,
		LastModifyTime: now, CreateTime: now, BindingKey: []string{}, Endpoint: "orders", FilterTags: []string{"red"}, Protocol: "queue",
		NotifyStrategy: "EXPONENTIAL_DECAY_RETRY", NotifyContentFormat: "SIMPLIFIED", TopicName: "news"}, subs.SubscriptionSet[0])
	hook := subs.SubscriptionSet[1]
	assert.Equal(t, []string{"hook", "http", "JSON", "http://127.0.0.1:9/hook"}, []string{hook.SubscriptionName, hook.Protocol, hook.NotifyContentFormat, hook.Endpoint})

	var list subscriptionList
	a.ok("DescribeCmqSubscriptionDetail", p{"TopicName": "news", "SubscriptionName": "ook"}, &list)
	assert.Equal(t, uint64(1), list.TotalCount)
	assert.Equal(t, "hook", list.SubscriptionSet[0].SubscriptionName)
	a.ok("DescribeCmqSubscriptionDetail", p{"QueryType": "queue", "QueueName": "orders"}, &list)
	assert.Equal(t, uint64(1), list.TotalCount)
	assert.Equal(t, "to_orders", list.SubscriptionSet[0].SubscriptionName)
	a.ok("DescribeCmqSubscriptionDetail", p{"TopicName": "news", "Offset": 1, "Limit": 0}, &list)
	assert.Equal(t, uint64(2), list.TotalCount)
	assert.Equal(t, "hook", list.SubscriptionSet[0].SubscriptionName)

	// PublishCmqMsg is PublishMessage: the queue holds a copy before the
	// answer; the legacy API receives it.
	var s sent
	a.ok("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "hello", "MsgTag": []string{"red", "blue"}}, &s)
	assert.True(t, s.Result)
	assert.NotEmpty(t, s.MsgId)
	r = call(t, legacy, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	assert.Equal(t, "hello", field[string](t, r, "msgBody"))
	assert.Equal(t, int64(2), a.topicDetail("news").SubscriptionCount)

	a.ok("ModifyCmqSubscriptionAttribute", p{"TopicName": "news", "SubscriptionName": "hook", "NotifyStrategy": "BACKOFF_RETRY", "FilterTags": []string{"ins"}}, &empty{})
	r = call(t, legacy, "GetSubscriptionAttributes", cmqclient.P("topicName", "news", "subscriptionName", "hook"))
	assert.Equal(t, "BACKOFF_RETRY", field[string](t, r, "notifyStrategy"))
	assert.Equal(t, []string{"ins"}, field[[]string](t, r, "filterTags"))
	// An absent or empty list leaves the stored one.
	a.ok("ModifyCmqSubscriptionAttribute", p{"TopicName": "news", "SubscriptionName": "hook", "FilterTags": []string{}, "NotifyContentFormat": "SIMPLIFIED"}, &empty{})
	hook = a.subscriptions("news").SubscriptionSet[1]
	assert.Equal(t, []string{"ins"}, hook.FilterTags)
	assert.Equal(t, "SIMPLIFIED", hook.NotifyContentFormat)

	a.ok("ClearCmqSubscriptionFilterTags", p{"TopicName": "news", "SubscriptionName": "hook"}, &empty{})
	assert.Equal(t, []string{}, a.subscriptions("news").SubscriptionSet[1].FilterTags)

	a.ok("DeleteCmqSubscribe", p{"TopicName": "news", "SubscriptionName": "hook"}, &empty{})
	a.ok("DeleteCmqSubscribe", p{"TopicName": "news", "SubscriptionName": "to_orders"}, &empty{})
	r = call(t, legacy, "ListSubscriptionByTopic", cmqclient.P("topicName", "news"))
	assert.Equal(t, 0, field[int](t, r, "totalCount"))
	a.ok("DeleteCmqTopic", p{"TopicName": "news"}, &empty{})
	a.fail("DescribeCmqTopicDetail", p{"TopicName": "news"}, "ResourceNotFound.Topic")
	var tl topicList
	a.ok("DescribeCmqTopics", nil, &tl)
	assert.Equal(t, uint64(0), tl.TotalCount)
	assert.NotNil(t, tl.TopicList)
}

// TestAPI3RoutingTopic: on a filterType-2 topic MsgTag's one element is the
// routing key, matched against binding keys as the legacy API matches them.
func TestAPI3RoutingTopic(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	a.queue("created", nil)
	a.queue("everything", nil)
	a.topic("orders", p{"FilterType": 2, "Tags": []p{{"TagKey": "env", "TagValue": "prod"}}})
	a.subscribe("orders", "created", p{"Protocol": "queue", "Endpoint": "created", "BindingKey": []string{"order.created"}})
	a.subscribe("orders", "all", p{"Protocol": "QUEUE", "Endpoint": "everything", "BindingKey": []string{"order.#"}})

	var s sent
	a.ok("PublishCmqMsg", p{"TopicName": "orders", "MsgContent": "one", "MsgTag": []string{"order.created"}}, &s)
	a.ok("PublishCmqMsg", p{"TopicName": "orders", "MsgContent": "two", "MsgTag": []string{"order.paid.late"}}, &s)
	r := call(t, legacy, "BatchReceiveMessage", cmqclient.P("queueName", "everything", "numOfMsg", "16", "pollingWaitSeconds", "0"))
	assert.Len(t, field[[]map[string]any](t, r, "msgInfoList"), 2)
	r = call(t, legacy, "BatchReceiveMessage", cmqclient.P("queueName", "created", "numOfMsg", "16", "pollingWaitSeconds", "0"))
	msgs := field[[]map[string]any](t, r, "msgInfoList")
	require.Len(t, msgs, 1)
	assert.Equal(t, "one", msgs[0]["msgBody"])

	// The legacy API publishes to the same topic with routingKey.
	call(t, legacy, "PublishMessage", cmqclient.P("topicName", "orders", "msgBody", "three", "routingKey", "order.created"))
	r = call(t, legacy, "ReceiveMessage", cmqclient.P("queueName", "created", "pollingWaitSeconds", "0"))
	assert.Equal(t, "three", field[string](t, r, "msgBody"))

	tp := a.topicDetail("orders")
	assert.Equal(t, uint64(2), tp.FilterType)
	assert.Equal(t, []cmqTag{{"env", "prod"}}, tp.Tags)
	var tl topicList
	a.ok("DescribeCmqTopics", p{"IsTagFilter": true, "Filters": []p{{"Name": "tag:env", "Values": []string{"prod"}}}}, &tl)
	assert.Equal(t, uint64(1), tl.TotalCount)
	a.ok("DescribeCmqTopics", p{"TopicNameList": []string{"nope"}}, &tl)
	assert.Equal(t, uint64(0), tl.TotalCount)
	a.ok("DescribeCmqTopics", p{"TopicName": "rde"}, &tl)
	assert.Equal(t, uint64(1), tl.TotalCount)
}
