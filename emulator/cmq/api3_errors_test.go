package cmq_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// errorFixture is what every error case starts from: queues q (no rewind)
// and dlq; topics t (tags, subscription s → q filtering "x"), r (routing,
// subscription rs → q binding "a.b") and e (no subscription); quotas of 3
// queues, 3 topics and 2 subscriptions per topic; heaps as small as 1.
func errorFixture(t *testing.T) doors {
	env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(cfg *emulator.Config) {
		cfg.CMQ.Options = map[string]any{"maxQueues": 3, "maxTopics": 3, "maxSubscriptionsPerTopic": 2, "minMaxMsgHeapNum": 1}
	}))
	d := doors{env: env, api3: api3Default(t, env), legacy: clientFor(env, env.Default)}
	d.api3.queue("q", p{"MaxMsgSize": 1024})
	d.api3.queue("dlq", nil)
	d.api3.topic("t", p{"MaxMsgSize": 1024})
	d.api3.subscribe("t", "s", p{"Protocol": "queue", "Endpoint": "q", "FilterTag": []string{"x"}})
	d.api3.topic("r", p{"FilterType": 2})
	d.api3.subscribe("r", "rs", p{"Protocol": "queue", "Endpoint": "q", "BindingKey": []string{"a.b"}})
	d.api3.topic("e", nil)
	return d
}

// TestAPI3ErrorRows reproduces each row of tdmq-cmq.md §4 (E1–E25; E26 has
// no 3.0 action, E28 is fault-only, tested with the fault rules) and the
// parameter rules of §3.1, through the Go SDK: the code, and where the
// store refused, the legacy text in the message.
func TestAPI3ErrorRows(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		row    string
		action string
		params p
		code   string
		// message is what the message must also hold (the legacy rule's
		// text where the store refused).
		message string
		pre     func(d doors)
	}{
		// §3.1: missing, mistyped, empty, negative.
		{row: "missing", action: "CreateCmqQueue", params: p{}, code: "MissingParameter", message: "QueueName"},
		{row: "missing", action: "SendCmqMsg", params: p{"QueueName": "q", "MsgContent": "x"}, code: "MissingParameter", message: "DelaySeconds"},
		{row: "missing", action: "RewindCmqQueue", params: p{"QueueName": "q"}, code: "MissingParameter", message: "StartConsumeTime"},
		{row: "missing", action: "DescribeCmqTopicDetail", params: p{}, code: "MissingParameter", message: "TopicName"},
		{row: "missing", action: "DescribeCmqSubscriptionDetail", params: p{}, code: "MissingParameter", message: "TopicName"},
		{row: "missing", action: "DescribeCmqSubscriptionDetail", params: p{"QueryType": "queue"}, code: "MissingParameter", message: "QueueName"},
		{row: "missing", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue"}, code: "MissingParameter", message: "Endpoint"},
		{row: "missing", action: "CreateCmqQueue", params: p{"QueueName": "n", "Tags": []p{{"TagKey": "k"}}}, code: "MissingParameter", message: "Tags.0.TagValue"},
		{row: "type", action: "CreateCmqQueue", params: p{"QueueName": "n", "VisibilityTimeout": "thirty"}, code: "InvalidParameter", message: "VisibilityTimeout"},
		{row: "type", action: "CreateCmqQueue", params: p{"QueueName": "n", "VisibilityTimeout": 1.5}, code: "InvalidParameter", message: "VisibilityTimeout"},
		{row: "type", action: "CreateCmqQueue", params: p{"QueueName": []string{"n"}}, code: "InvalidParameter", message: "QueueName"},
		{row: "type", action: "CreateCmqTopic", params: p{"TopicName": "n", "Trace": "yes"}, code: "InvalidParameter", message: "Trace"},
		{row: "empty", action: "DescribeCmqQueueDetail", params: p{"QueueName": ""}, code: "InvalidParameterValue", message: "QueueName"},
		{row: "negative", action: "DescribeCmqQueues", params: p{"Offset": -1}, code: "InvalidParameterValue", message: "Offset"},
		{row: "negative", action: "RewindCmqQueue", params: p{"QueueName": "q", "StartConsumeTime": -5}, code: "InvalidParameterValue", message: "StartConsumeTime"},
		{row: "negative", action: "SendCmqMsg", params: p{"QueueName": "q", "MsgContent": "x", "DelaySeconds": -1}, code: "InvalidParameterValue", message: "DelaySeconds"},
		{row: "name", action: "CreateCmqQueue", params: p{"QueueName": "1st"}, code: "InvalidParameterValue", message: "QueueName"},
		{row: "name", action: "CreateCmqQueue", params: p{"QueueName": long(65)}, code: "InvalidParameterValue", message: "QueueName"},
		{row: "name", action: "CreateCmqTopic", params: p{"TopicName": "a.b"}, code: "InvalidParameterValue", message: "TopicName"},
		{row: "name", action: "CreateCmqTopic", params: p{"TopicName": "_t"}, code: "InvalidParameterValue", message: "TopicName"},
		{row: "name", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "s s", "Protocol": "queue", "Endpoint": "q"}, code: "InvalidParameterValue", message: "SubscriptionName"},

		// E1: an unknown queue.
		{row: "E1", action: "DescribeCmqQueueDetail", params: p{"QueueName": "nope"}, code: "ResourceNotFound", message: "(10100)queue is not existed, or deleted"},
		{row: "E1", action: "DescribeCmqQueueDetail", params: p{"QueueName": "Q"}, code: "ResourceNotFound", message: "(10100)"},
		{row: "E1", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "nope", "VisibilityTimeout": 5}, code: "ResourceNotFound"},
		{row: "E1", action: "DeleteCmqQueue", params: p{"QueueName": "nope"}, code: "ResourceNotFound"},
		{row: "E1", action: "ClearCmqQueue", params: p{"QueueName": "nope"}, code: "ResourceNotFound"},
		{row: "E1", action: "RewindCmqQueue", params: p{"QueueName": "nope", "StartConsumeTime": 1}, code: "ResourceNotFound"},
		{row: "E1", action: "UnbindCmqDeadLetter", params: p{"SourceQueueName": "nope"}, code: "ResourceNotFound"},
		{row: "E1", action: "SendCmqMsg", params: p{"QueueName": "nope", "MsgContent": "x", "DelaySeconds": 0}, code: "ResourceNotFound"},
		{row: "E1", action: "DescribeCmqDeadLetterSourceQueues", params: p{"DeadLetterQueueName": "nope"}, code: "ResourceNotFound"},
		// E2: an unknown topic.
		{row: "E2", action: "DescribeCmqTopicDetail", params: p{"TopicName": "nope"}, code: "ResourceNotFound.Topic", message: "(10600)topic is not existed, or deleted"},
		{row: "E2", action: "ModifyCmqTopicAttribute", params: p{"TopicName": "nope", "Trace": true}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "DeleteCmqTopic", params: p{"TopicName": "nope"}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "CreateCmqSubscribe", params: p{"TopicName": "nope", "SubscriptionName": "n", "Protocol": "bogus", "Endpoint": "q"}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "DescribeCmqSubscriptionDetail", params: p{"TopicName": "nope"}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "nope", "SubscriptionName": "s"}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "DeleteCmqSubscribe", params: p{"TopicName": "nope", "SubscriptionName": "s"}, code: "ResourceNotFound.Topic"},
		{row: "E2", action: "ClearCmqSubscriptionFilterTags", params: p{"TopicName": "nope", "SubscriptionName": "s"}, code: "ResourceNotFound.Topic"},
		{row: "E2b", action: "PublishCmqMsg", params: p{"TopicName": "nope", "MsgContent": "x"}, code: "ResourceNotFound", message: "(10600)"},
		// E3: an unknown subscription.
		{row: "E3", action: "DeleteCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "nope"}, code: "ResourceNotFound", message: "(4440)subscription is not existed, or deleted"},
		{row: "E3", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "t", "SubscriptionName": "nope", "FilterTags": []string{"1", "2", "3", "4", "5", "6"}}, code: "ResourceNotFound"},
		{row: "E3", action: "ClearCmqSubscriptionFilterTags", params: p{"TopicName": "t", "SubscriptionName": "nope"}, code: "ResourceNotFound"},
		// E4–E6: duplicates, case-insensitive.
		{row: "E4", action: "CreateCmqQueue", params: p{"QueueName": "Q"}, code: "ResourceInUse.Queue", message: "(4460)queue is already existed,case insensitive"},
		{row: "E5", action: "CreateCmqTopic", params: p{"TopicName": "T"}, code: "ResourceInUse.Topic", message: "(10550)topic is already existed"},
		{row: "E6", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "S", "Protocol": "queue", "Endpoint": "dlq"}, code: "ResourceInUse.Subscription", message: "(10470)subscribtion is already existed"},
		// E7: the recreate lockout, whichever door deleted.
		{row: "E7", action: "CreateCmqQueue", params: p{"QueueName": "gone"}, code: "ResourceInUse", message: "(10660)it will take some time",
			pre: func(d doors) {
				call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "gone"))
				call(t, d.legacy, "DeleteQueue", cmqclient.P("queueName", "gone"))
			}},
		{row: "E7", action: "CreateCmqTopic", params: p{"TopicName": "e"}, code: "ResourceInUse", message: "(10660)It will take some time",
			pre: func(d doors) { d.api3.ok("DeleteCmqTopic", p{"TopicName": "e"}, nil) }},
		// E8–E10: quotas.
		{row: "E8", action: "CreateCmqQueue", params: p{"QueueName": "q4"}, code: "LimitExceeded", message: "(10220)number of queues has reached the limit",
			pre: func(d doors) { d.api3.queue("q3", nil) }},
		{row: "E9", action: "CreateCmqTopic", params: p{"TopicName": "t4"}, code: "LimitExceeded.Topics", message: "(10610)number of topics has reached the limit"},
		{row: "E10", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "s3", "Protocol": "queue", "Endpoint": "q"},
			code: "LimitExceeded.Subscriptions", message: "(10480)number of subscription has reached the limit",
			pre: func(d doors) { d.api3.subscribe("t", "s2", p{"Protocol": "queue", "Endpoint": "dlq"}) }},
		// E11: no deleting a topic with subscriptions.
		{row: "E11", action: "DeleteCmqTopic", params: p{"TopicName": "t"}, code: "FailedOperation",
			message: "(10540)there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic"},
		// E12, E13: message size and body.
		{row: "E12", action: "SendCmqMsg", params: p{"QueueName": "q", "MsgContent": long(1025), "DelaySeconds": 0}, code: "InvalidParameterValue", message: "(10230)exceed maximum message size"},
		{row: "E12", action: "PublishCmqMsg", params: p{"TopicName": "t", "MsgContent": long(1025), "MsgTag": []string{"x"}}, code: "InvalidParameterValue", message: "(10230)"},
		{row: "E13", action: "SendCmqMsg", params: p{"QueueName": "q", "MsgContent": "", "DelaySeconds": 0}, code: "InvalidParameterValue", message: "MsgContent"},
		{row: "E13", action: "PublishCmqMsg", params: p{"TopicName": "t", "MsgContent": ""}, code: "InvalidParameterValue", message: "MsgContent"},
		{row: "E13", action: "PublishCmqMsg", params: p{"TopicName": "t"}, code: "MissingParameter", message: "MsgContent"},
		// E14: the queue's heap is full.
		{row: "E14", action: "SendCmqMsg", params: p{"QueueName": "tiny", "MsgContent": "two", "DelaySeconds": 0}, code: "FailedOperation",
			message: "(10240)reach maximum retention number of message",
			pre: func(d doors) {
				d.api3.queue("tiny", p{"MaxMsgHeapNum": 1})
				d.api3.ok("SendCmqMsg", p{"QueueName": "tiny", "MsgContent": "one", "DelaySeconds": 0}, nil)
			}},
		// E15: a delay past the queue's retention (3600 by default on 3.0).
		{row: "E15", action: "SendCmqMsg", params: p{"QueueName": "q", "MsgContent": "x", "DelaySeconds": 3601}, code: "InvalidParameterValue", message: "(10692)delay seconds is out of range"},
		// E16, E17: nothing to publish to.
		{row: "E16", action: "PublishCmqMsg", params: p{"TopicName": "e", "MsgContent": "x"}, code: "FailedOperation",
			message: "(10650)topic has no subscription, please create a subscription before publishing message"},
		{row: "E17", action: "PublishCmqMsg", params: p{"TopicName": "t", "MsgContent": "x", "MsgTag": []string{"y"}}, code: "FailedOperation",
			message: "(10730)no bindingKey or filterTag matches the routingKey or msgTag"},
		{row: "E17", action: "PublishCmqMsg", params: p{"TopicName": "r", "MsgContent": "x", "MsgTag": []string{"a.c"}}, code: "FailedOperation", message: "(10730)"},
		// E18: a routing topic wants its one routing key.
		{row: "E18", action: "PublishCmqMsg", params: p{"TopicName": "r", "MsgContent": "x"}, code: "MissingParameter", message: "(10700)parameters lack of routingKey"},
		{row: "E18", action: "PublishCmqMsg", params: p{"TopicName": "r", "MsgContent": "x", "MsgTag": []string{}}, code: "MissingParameter"},
		// E19: tag and key counts and lengths.
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "FilterTag": []string{"1", "2", "3", "4", "5", "6"}}, code: "InvalidParameterValue", message: "(10670)too many filterTag"},
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "FilterTag": []string{long(17)}}, code: "InvalidParameterValue", message: "(10350)"},
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "r", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "BindingKey": []string{"1", "2", "3", "4", "5", "6"}}, code: "InvalidParameterValue", message: "(10680)too many bindingKey"},
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "r", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "BindingKey": []string{long(65)}}, code: "InvalidParameterValue", message: "(10350)"},
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "r", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "BindingKey": []string{strings.Repeat("a.", 16) + "a"}}, code: "InvalidParameterValue", message: "(10691)too many delimeters"},
		{row: "E19", action: "CreateCmqSubscribe", params: p{"TopicName": "r", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "BindingKey": []string{"1", "2", "3"}, "FilterTag": []string{"4", "5", "6"}}, code: "InvalidParameterValue", message: "(10740)too many filterTag or bindingKey"},
		{row: "E19", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "t", "SubscriptionName": "s", "FilterTags": []string{"1", "2", "3", "4", "5", "6"}}, code: "InvalidParameterValue", message: "(10490)number of filterTag exceed limit"},
		{row: "E19", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "r", "SubscriptionName": "rs", "FilterTags": []string{"1", "2", "3", "4", "5"}}, code: "InvalidParameterValue", message: "(10740)"},
		{row: "E19", action: "PublishCmqMsg", params: p{"TopicName": "t", "MsgContent": "x", "MsgTag": []string{"1", "2", "3", "4", "5", "6"}}, code: "InvalidParameterValue", message: "(10720)too many msgTag"},
		{row: "E19", action: "PublishCmqMsg", params: p{"TopicName": "t", "MsgContent": "x", "MsgTag": []string{long(65)}}, code: "InvalidParameterValue", message: "MsgTag"},
		{row: "E19", action: "PublishCmqMsg", params: p{"TopicName": "r", "MsgContent": "x", "MsgTag": []string{"a.b", "a.c"}}, code: "InvalidParameterValue", message: "(10350)parameter MsgTag"},
		{row: "E19", action: "PublishCmqMsg", params: p{"TopicName": "r", "MsgContent": "x", "MsgTag": []string{strings.Repeat("a.", 16) + "a"}}, code: "InvalidParameterValue", message: "(10691)"},
		// E20: protocol, endpoint, strategy, format.
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "ftp", "Endpoint": "q"}, code: "InvalidParameterValue", message: "(10510)undefined protocol"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "http", "Endpoint": "ftp://x"}, code: "InvalidParameterValue", message: "(10500)endpoint format error"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "http", "Endpoint": "http://a b"}, code: "InvalidParameterValue", message: "(10570)url connot contain any blank characters"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "http", "Endpoint": "http://x/" + long(500)}, code: "InvalidParameterValue", message: "(10630)illegal endpoint"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "nope"}, code: "InvalidParameterValue", message: "(10630)"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "NotifyStrategy": "NEVER"}, code: "InvalidParameterValue", message: "(10520)"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "http", "Endpoint": "http://x", "NotifyContentFormat": "XML"}, code: "InvalidParameterValue", message: "(10530)"},
		{row: "E20", action: "CreateCmqSubscribe", params: p{"TopicName": "t", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q", "NotifyContentFormat": "JSON"}, code: "InvalidParameterValue", message: "(10640)notifyContentFormat of protocol queue must be SIMPLIFIED"},
		{row: "E20", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "t", "SubscriptionName": "s", "NotifyContentFormat": "JSON"}, code: "InvalidParameterValue", message: "(10640)"},
		{row: "E20", action: "ModifyCmqSubscriptionAttribute", params: p{"TopicName": "t", "SubscriptionName": "s", "NotifyStrategy": "NEVER"}, code: "InvalidParameterValue", message: "(10520)"},
		// E21: a routing topic's subscription needs a binding key.
		{row: "E21", action: "CreateCmqSubscribe", params: p{"TopicName": "r", "SubscriptionName": "n", "Protocol": "queue", "Endpoint": "q"}, code: "MissingParameter", message: "(10710)parameters lack of bindingKey"},
		// E22, E23: rewinds.
		{row: "E22", action: "RewindCmqQueue", params: p{"QueueName": "q", "StartConsumeTime": 1}, code: "FailedOperation", message: "(10670)your queue cannot be rewinded"},
		{row: "E23", action: "RewindCmqQueue", params: p{"QueueName": "dlq", "StartConsumeTime": 1}, code: "InvalidParameterValue", message: "(10680)invalid rewind time",
			pre: func(d doors) { d.api3.ok("ModifyCmqQueueAttribute", p{"QueueName": "dlq", "RewindSeconds": 60}, nil) }},
		// E24: ranges and enums.
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "VisibilityTimeout": 0}, code: "InvalidParameterValue", message: "VisibilityTimeout must be between 1 and 43200"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "MsgRetentionSeconds": 29}, code: "InvalidParameterValue", message: "MsgRetentionSeconds must be between 30 and 43200"},
		{row: "E24", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "MsgRetentionSeconds": 43201}, code: "InvalidParameterValue", message: "MsgRetentionSeconds"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "PollingWaitSeconds": 31}, code: "InvalidParameterValue", message: "PollingWaitSeconds"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "MaxMsgSize": 1048577}, code: "InvalidParameterValue", message: "MaxMsgSize"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "RewindSeconds": 1296001}, code: "InvalidParameterValue", message: "RewindSeconds"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "MaxMsgHeapNum": 1000000001}, code: "InvalidParameterValue", message: "MaxMsgHeapNum"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "Transaction": 2}, code: "InvalidParameterValue", message: "Transaction"},
		{row: "E24", action: "CreateCmqQueue", params: p{"QueueName": "n", "RetentionSizeInMB": 5}, code: "InvalidParameterValue", message: "RetentionSizeInMB"},
		{row: "E24", action: "CreateCmqTopic", params: p{"TopicName": "n", "FilterType": 3}, code: "InvalidParameterValue", message: "FilterType"},
		{row: "E24", action: "CreateCmqTopic", params: p{"TopicName": "n", "MsgRetentionSeconds": 59}, code: "InvalidParameterValue", message: "MsgRetentionSeconds"},
		{row: "E24", action: "ModifyCmqTopicAttribute", params: p{"TopicName": "t", "MaxMsgSize": 1023}, code: "InvalidParameterValue", message: "MaxMsgSize"},
		{row: "E24", action: "DescribeCmqSubscriptionDetail", params: p{"QueryType": "all", "TopicName": "t"}, code: "InvalidParameterValue", message: "QueryType"},
		// E25: dead-letter rules.
		{row: "E25", action: "CreateCmqQueue", params: p{"QueueName": "n", "DeadLetterQueueName": "nope", "MaxReceiveCount": 3}, code: "ResourceNotFound", message: "(10100)"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "q", "MaxReceiveCount": 3}, code: "InvalidParameterValue", message: "(10110)"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "dlq", "Policy": 2}, code: "InvalidParameterValue", message: "Policy"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "dlq"}, code: "MissingParameter", message: "MaxReceiveCount"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "dlq", "Policy": 1}, code: "MissingParameter", message: "MaxTimeToLive"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "dlq", "MaxReceiveCount": 1001}, code: "InvalidParameterValue", message: "MaxReceiveCount"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "DeadLetterQueueName": "dlq", "Policy": 1, "MaxTimeToLive": 3600}, code: "InvalidParameterValue", message: "maxTimeToLive must be below msgRetentionSeconds"},
		{row: "E25", action: "ModifyCmqQueueAttribute", params: p{"QueueName": "q", "MsgRetentionSeconds": 600}, code: "InvalidParameterValue", message: "maxTimeToLive",
			pre: func(d doors) {
				d.api3.ok("ModifyCmqQueueAttribute", p{"QueueName": "q", "DeadLetterQueueName": "dlq", "Policy": 1, "MaxTimeToLive": 1200}, nil)
			}},
		{row: "E25", action: "CreateCmqQueue", params: p{"QueueName": "n", "DeadLetterQueueName": "q", "MaxReceiveCount": 3}, code: "InvalidParameterValue", message: "(10110)",
			pre: func(d doors) {
				d.api3.ok("ModifyCmqQueueAttribute", p{"QueueName": "q", "DeadLetterQueueName": "dlq", "MaxReceiveCount": 3}, nil)
			}},
	}
	for _, c := range cases {
		t.Run(c.row+" "+c.action+" "+c.code, func(t *testing.T) {
			d := errorFixture(t)
			if c.pre != nil {
				c.pre(d)
			}
			e := d.api3.fail(c.action, c.params, c.code)
			assert.Contains(t, e.Message, c.message)
		})
	}
}

// TestAPI3DeadLetterSourceLimit: a dead-letter queue takes at most six
// source queues (cmq.md §11.7), whichever door sets the policies.
func TestAPI3DeadLetterSourceLimit(t *testing.T) {
	env := emutest.Start(t, emutest.Frozen())
	a := api3Default(t, env)
	legacy := clientFor(env, env.Default)
	a.queue("dlq", nil)
	for i := range 6 {
		name := "src" + string(rune('a'+i))
		if i%2 == 0 {
			a.queue(name, p{"DeadLetterQueueName": "dlq", "MaxReceiveCount": 3})
		} else {
			call(t, legacy, "CreateQueue", cmqclient.P("queueName", name, "deadLetterPolicy", `{"deadLetterQueue":"dlq","policy":0,"maxReceiveCount":3}`))
		}
	}
	a.fail("CreateCmqQueue", p{"QueueName": "srcg", "DeadLetterQueueName": "dlq", "MaxReceiveCount": 3}, "InvalidParameterValue")
	e := callErr(t, legacy, "CreateQueue", cmqclient.P("queueName", "srcg", "deadLetterPolicy", `{"deadLetterQueue":"dlq","policy":0,"maxReceiveCount":3}`))
	assertCMQError(t, e, 4000, "10110", "request parameters error")
	// A source changing its own policy is not a seventh.
	a.ok("ModifyCmqQueueAttribute", p{"QueueName": "srca", "DeadLetterQueueName": "dlq", "MaxReceiveCount": 9}, &empty{})
	assert.Len(t, a.detail("dlq").DeadLetterSource, 6)
}

// TestAPI3AuthFailure (E27): the account and signature rows are the
// protocol's.
func TestAPI3AuthFailure(t *testing.T) {
	env := emutest.Start(t)
	c := &api3{t: t, sdk: tdmqtest.NewSDK(t, env, env.Default.Tencent.SecretID, "not-the-key")}
	c.fail("DescribeCmqQueues", p{}, "AuthFailure.SignatureFailure")
	c = &api3{t: t, sdk: tdmqtest.NewSDK(t, env, "AKIDunknown", "key")}
	c.fail("CreateCmqQueue", p{"QueueName": "x"}, "AuthFailure.SecretIdNotFound")
}
