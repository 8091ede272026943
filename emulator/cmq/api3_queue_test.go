package cmq_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// javaUnboxed are the CmqQueue members the Java CMQ SDK reads without a
// null check (tdmq-cmq.md §12.1), plus the counts mqmock promises never to
// send as null.
var javaUnboxed = []string{"MaxMsgHeapNum", "PollingWaitSeconds", "VisibilityTimeout", "MaxMsgSize", "MsgRetentionSeconds",
	"CreateTime", "LastModifyTime", "ActiveMsgNum", "InactiveMsgNum", "RewindSeconds", "RewindMsgNum", "MinMsgTime", "DelayMsgNum",
	"DeadLetterSource", "Tags", "Transaction", "Trace", "CreateUin"}

// TestAPI3QueueLifecycle walks every queue action of API 3.0 through the Go
// SDK, with the legacy API on the same store watching.
func TestAPI3QueueLifecycle(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	created := env.Clock().Now()

	id := a.queue("orders", p{"PollingWaitSeconds": 0, "VisibilityTimeout": 30})
	assert.Regexp(t, `^queue-[a-z0-9]{10}$`, id)

	// The API 3.0 defaults (§5.1), times in milliseconds, the display
	// constants of §9.1.
	raw := a.ok("DescribeCmqQueueDetail", p{"QueueName": "orders"}, nil)
	var m map[string]jsonRaw
	decodeJSON(t, raw, &m)
	nonNullMembers(t, m["QueueDescribe"], javaUnboxed...)
	q := a.detail("orders")
	assert.Equal(t, cmqQueue{
		QueueId: id, QueueName: "orders", Qps: 5000, Bps: 52428800, MaxDelaySeconds: 3600, MaxMsgHeapNum: 10000000,
		PollingWaitSeconds: 0, MsgRetentionSeconds: 3600, VisibilityTimeout: 30, MaxMsgSize: 1048576, RewindSeconds: 0,
		CreateTime: uint64(created.UnixMilli()), LastModifyTime: uint64(created.UnixMilli()),
		DelayMsgNum: u64(0), RewindMsgNum: u64(0), MinMsgTime: u64(0), Transaction: boolp(false),
		DeadLetterSource: []cmqDeadLetterSource{}, CreateUin: u64(1250000001), Tags: []cmqTag{}, Trace: boolp(false),
		TenantId: "cmq-1250000001", NamespaceName: "CMQ_QUEUE-orders", Status: 1, MaxUnackedMsgNum: 100000,
		MaxMsgBacklogSize: 10737418240,
	}, q)
	// The legacy API sees the same queue, with the 3.0 defaults, in seconds.
	r := call(t, legacy, "GetQueueAttributes", cmqclient.P("queueName", "orders"))
	assert.Equal(t, int64(1048576), field[int64](t, r, "maxMsgSize"))
	assert.Equal(t, int64(3600), field[int64](t, r, "msgRetentionSeconds"))
	assert.Equal(t, created.Unix(), field[int64](t, r, "createTime"))

	// A dead-letter queue made through the legacy API; the flattened policy.
	call(t, legacy, "CreateQueue", cmqclient.P("queueName", "legacy-q"))
	env.Advance(20 * time.Second)
	a.ok("ModifyCmqQueueAttribute", p{"QueueName": "orders", "VisibilityTimeout": 60, "DeadLetterQueueName": "legacy-q", "Policy": 0, "MaxReceiveCount": 5}, &empty{})
	q = a.detail("orders")
	assert.Equal(t, uint64(60), q.VisibilityTimeout)
	assert.Equal(t, &cmqDeadLetterPolicy{DeadLetterQueue: "legacy-q", Policy: 0, MaxTimeToLive: 0, MaxReceiveCount: 5}, q.DeadLetterPolicy)
	assert.Equal(t, uint64(env.Clock().Now().UnixMilli()), q.LastModifyTime)
	assert.Equal(t, uint64(created.UnixMilli()), q.CreateTime)
	dlq := a.detail("legacy-q")
	assert.Equal(t, []cmqDeadLetterSource{{QueueId: id, QueueName: "orders"}}, dlq.DeadLetterSource)
	assert.Equal(t, uint64(65536), dlq.MaxMsgSize, "a legacy queue keeps the legacy defaults")
	assert.Equal(t, uint64(345600), dlq.MsgRetentionSeconds)
	r = call(t, legacy, "GetQueueAttributes", cmqclient.P("queueName", "orders"))
	assert.JSONEq(t, `{"deadLetterQueue":"legacy-q","policy":0,"maxReceiveCount":5}`, field[string](t, r, "deadLetterPolicy"))

	var sources struct {
		TotalCount uint64
		QueueSet   []cmqDeadLetterSource
	}
	a.ok("DescribeCmqDeadLetterSourceQueues", p{"DeadLetterQueueName": "legacy-q", "Offset": 0, "Limit": 10}, &sources)
	assert.Equal(t, uint64(1), sources.TotalCount)
	assert.Equal(t, []cmqDeadLetterSource{{QueueId: id, QueueName: "orders"}}, sources.QueueSet)

	a.ok("UnbindCmqDeadLetter", p{"SourceQueueName": "orders"}, &empty{})
	assert.Nil(t, a.detail("orders").DeadLetterPolicy)
	assert.Empty(t, a.detail("legacy-q").DeadLetterSource)
	r = call(t, legacy, "GetQueueAttributes", cmqclient.P("queueName", "orders"))
	assert.NotContains(t, r.Fields, "deadLetterPolicy")

	// Lists: everything, a substring, exact names; paging by Offset alone
	// (as the Java SDK sends it).
	var list queueList
	a.ok("DescribeCmqQueues", p{"Offset": 0, "Limit": 10}, &list)
	assert.Equal(t, uint64(2), list.TotalCount)
	require.Len(t, list.QueueList, 2)
	assert.Equal(t, []string{"orders", "legacy-q"}, []string{list.QueueList[0].QueueName, list.QueueList[1].QueueName})
	a.ok("DescribeCmqQueues", p{"QueueName": "ord"}, &list)
	assert.Equal(t, uint64(1), list.TotalCount)
	assert.Equal(t, "orders", list.QueueList[0].QueueName)
	a.ok("DescribeCmqQueues", p{"QueueNameList": []string{"legacy-q"}}, &list)
	assert.Equal(t, "legacy-q", list.QueueList[0].QueueName)
	a.ok("DescribeCmqQueues", p{"Offset": 1}, &list)
	assert.Equal(t, uint64(2), list.TotalCount)
	assert.Equal(t, "legacy-q", list.QueueList[0].QueueName)
	a.ok("DescribeCmqQueues", p{"Offset": 5}, &list)
	assert.Equal(t, uint64(2), list.TotalCount)
	assert.NotNil(t, list.QueueList)
	assert.Empty(t, list.QueueList)

	// SendCmqMsg is SendMessage: the legacy API receives the message under
	// the same id; a delay may reach the queue's retention (3600 > legacy's
	// usual 3600 cap on a 3.0 queue: the cap is the retention).
	var s sent
	a.ok("SendCmqMsg", p{"QueueName": "orders", "MsgContent": "hello", "DelaySeconds": 0}, &s)
	assert.True(t, s.Result)
	r = call(t, legacy, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	assert.Equal(t, "hello", field[string](t, r, "msgBody"))
	assert.Equal(t, s.MsgId, field[string](t, r, "msgId"))
	sentAt := env.Clock().Now()
	a.ok("SendCmqMsg", p{"QueueName": "orders", "MsgContent": "later", "DelaySeconds": 3600}, &s)
	q = a.detail("orders")
	assert.Equal(t, uint64(1), *q.DelayMsgNum)
	assert.Equal(t, uint64(1), q.InactiveMsgNum)
	assert.Equal(t, uint64(sentAt.Unix()), *q.MinMsgTime, "MinMsgTime stays in seconds")

	// ClearCmqQueue empties every state; the receipt handle dies.
	handle := field[string](t, r, "receiptHandle")
	a.ok("ClearCmqQueue", p{"QueueName": "orders"}, &empty{})
	q = a.detail("orders")
	assert.Equal(t, []uint64{0, 0, 0}, []uint64{q.ActiveMsgNum, q.InactiveMsgNum, *q.DelayMsgNum})
	e := callErr(t, legacy, "DeleteMessage", cmqclient.P("queueName", "orders", "receiptHandle", handle))
	assert.Equal(t, 4430, e.Code)

	// RewindCmqQueue with StartConsumeTime in milliseconds, as published.
	a.ok("ModifyCmqQueueAttribute", p{"QueueName": "orders", "RewindSeconds": 7200}, &empty{})
	env.Advance(10 * time.Second)
	start := env.Clock().Now()
	a.ok("SendCmqMsg", p{"QueueName": "orders", "MsgContent": "again", "DelaySeconds": 0}, &s)
	r = call(t, legacy, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	call(t, legacy, "DeleteMessage", cmqclient.P("queueName", "orders", "receiptHandle", field[string](t, r, "receiptHandle")))
	assert.Equal(t, uint64(1), *a.detail("orders").RewindMsgNum)
	a.ok("RewindCmqQueue", p{"QueueName": "orders", "StartConsumeTime": start.UnixMilli()}, &empty{})
	r = call(t, legacy, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
	assert.Equal(t, "again", field[string](t, r, "msgBody"))
	// … and in seconds, the legacy unit.
	a.ok("RewindCmqQueue", p{"QueueName": "orders", "StartConsumeTime": start.Unix()}, &empty{})

	a.ok("DeleteCmqQueue", p{"QueueName": "orders"}, &empty{})
	a.fail("DescribeCmqQueueDetail", p{"QueueName": "orders"}, "ResourceNotFound")
	callErr(t, legacy, "GetQueueAttributes", cmqclient.P("queueName", "orders"))
}

// TestAPI3QueueExtras: what only API 3.0 sets (tags, trace, transaction,
// retention size) is kept and shown; the tag filters of DescribeCmqQueues.
func TestAPI3QueueExtras(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	a.queue("tagged_q", p{"Trace": true, "Transaction": 1, "FirstQueryInterval": 5, "MaxQueryCount": 3, "RewindSeconds": 600,
		"RetentionSizeInMB": 10240, "Tags": []p{{"TagKey": "env", "TagValue": "prod"}, {"TagKey": "team", "TagValue": "a"}}})
	a.queue("plain", nil)
	q := a.detail("tagged_q")
	assert.True(t, *q.Trace)
	assert.True(t, *q.Transaction)
	assert.Equal(t, &cmqTransactionPolicy{FirstQueryInterval: 5, MaxQueryCount: 3}, q.TransactionPolicy)
	assert.Equal(t, uint64(10240), q.RetentionSizeInMB)
	assert.Equal(t, []cmqTag{{"env", "prod"}, {"team", "a"}}, q.Tags)

	a.ok("ModifyCmqQueueAttribute", p{"QueueName": "tagged_q", "Transaction": 0, "Trace": false}, &empty{})
	q = a.detail("tagged_q")
	assert.False(t, *q.Trace)
	assert.Nil(t, q.TransactionPolicy)
	assert.Len(t, q.Tags, 2, "Modify does not touch tags")

	var list queueList
	for _, c := range []struct {
		params p
		want   []string
	}{
		{p{"IsTagFilter": true, "Filters": []p{{"Name": "tag:env", "Values": []string{"prod"}}}}, []string{"tagged_q"}},
		{p{"IsTagFilter": true, "Filters": []p{{"Name": "tag:env", "Values": []string{"dev"}}}}, []string{}},
		{p{"IsTagFilter": true, "Filters": []p{{"Name": "tag:team"}}}, []string{"tagged_q"}},
		{p{"Filters": []p{{"Name": "tag:env", "Values": []string{"dev"}}}}, []string{"tagged_q", "plain"}},
		{p{"IsTagFilter": true, "Filters": []p{{"Name": "env", "Values": []string{"dev"}}}}, []string{"tagged_q", "plain"}},
		{p{"QueueName": "a", "QueueNameList": []string{"plain", "tagged_q"}}, []string{"tagged_q", "plain"}},
		{p{"QueueName": "_", "QueueNameList": []string{"plain"}}, []string{}},
	} {
		a.ok("DescribeCmqQueues", c.params, &list)
		names := []string{}
		for _, q := range list.QueueList {
			names = append(names, q.QueueName)
		}
		assert.Equal(t, c.want, names, "%v", c.params)
		assert.Equal(t, uint64(len(c.want)), list.TotalCount)
	}
}

// TestAPI3UnknownFieldsIgnored: a field mqmock does not know (a newer SDK's)
// is ignored, not refused (tdmq-cmq.md §3.1).
func TestAPI3UnknownFieldsIgnored(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	a.queue("orders", p{"SomeFutureField": "x", "VisibilityTimeout": 45})
	assert.Equal(t, uint64(45), a.detail("orders").VisibilityTimeout)
	a.ok("DescribeCmqQueues", p{"Limit": 5, "Region": "ap-guangzhou"}, &queueList{})
}

// TestAPI3ListPaging: Limit absent or 0 is 20, at most 50 (tdmq-cmq.md §3.6).
func TestAPI3ListPaging(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	for i := range 25 {
		call(t, legacy, "CreateQueue", cmqclient.P("queueName", fmt.Sprintf("q%02d", i)))
		call(t, legacy, "CreateTopic", cmqclient.P("topicName", fmt.Sprintf("t%02d", i)))
	}
	var ql queueList
	a.ok("DescribeCmqQueues", nil, &ql)
	assert.Equal(t, uint64(25), ql.TotalCount)
	assert.Len(t, ql.QueueList, 20)
	a.ok("DescribeCmqQueues", p{"Limit": 0, "Offset": 20}, &ql)
	assert.Len(t, ql.QueueList, 5)
	assert.Equal(t, "q20", ql.QueueList[0].QueueName)
	a.ok("DescribeCmqQueues", p{"Limit": 50}, &ql)
	assert.Len(t, ql.QueueList, 25)
	var tl topicList
	a.ok("DescribeCmqTopics", p{"Limit": 3, "Offset": 22}, &tl)
	assert.Equal(t, uint64(25), tl.TotalCount)
	assert.Equal(t, []string{"t22", "t23", "t24"}, []string{tl.TopicList[0].TopicName, tl.TopicList[1].TopicName, tl.TopicList[2].TopicName})
	a.fail("DescribeCmqQueues", p{"Limit": 51}, "InvalidParameterValue")
	a.fail("DescribeCmqTopics", p{"Limit": 51}, "InvalidParameterValue")
}

// TestAPI3GetForm: the Node SDK's GET form, flattened with 0-based
// indices, is read like the JSON body (tdmq-cmq.md §3.1).
func TestAPI3GetForm(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	a.queue("orders", nil)
	a.topic("news", p{"FilterType": 1})
	raw := getAPI3(t, env, "CreateCmqSubscribe", "TopicName=news&SubscriptionName=to_orders&Protocol=queue&Endpoint=orders&FilterTag.0=red&FilterTag.1=blue")
	assert.Contains(t, string(raw), `"SubscriptionId":"subsc-`)
	subs := a.subscriptions("news")
	require.Len(t, subs.SubscriptionSet, 1)
	assert.Equal(t, []string{"red", "blue"}, subs.SubscriptionSet[0].FilterTags)
	raw = getAPI3(t, env, "DescribeCmqQueues", "Limit=5&IsTagFilter=false&QueueNameList.0=orders")
	assert.Contains(t, string(raw), `"TotalCount":1`)
	raw = getAPI3(t, env, "SendCmqMsg", "QueueName=orders&MsgContent=hi&DelaySeconds=0")
	assert.Contains(t, string(raw), `"Result":true`)
	raw = getAPI3(t, env, "SendCmqMsg", "QueueName=orders&MsgContent=hi&DelaySeconds=soon")
	assert.Contains(t, string(raw), `"Code":"InvalidParameter"`)
	assert.True(t, strings.Contains(string(raw), "DelaySeconds"), string(raw))
}
