package cmq_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// doors is one emulator seen through both front doors, as one account.
type doors struct {
	env    *emutest.Env
	api3   *api3
	legacy *cmqclient.Client
}

// TestBothDoorsOneStore: whatever is created through one door is used
// through the other — queues, topics, subscriptions, messages, deletion,
// the recreate lockout and the quotas are one per account (tdmq-cmq.md
// §10). Each case starts its own emulator, with the quotas lowered to 2
// queues, 2 topics and 1 subscription per topic.
func TestBothDoorsOneStore(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, d doors)
	}{
		{"queue from API 3.0 takes legacy messages", func(t *testing.T, d doors) {
			id := d.api3.queue("orders", nil)
			r := call(t, d.legacy, "ListQueue", cmqclient.P("searchWord", "orders"))
			assert.Equal(t, []map[string]string{{"queueId": id, "queueName": "orders"}}, field[[]map[string]string](t, r, "queueList"), "one id")
			r = call(t, d.legacy, "SendMessage", cmqclient.P("queueName", "orders", "msgBody", "legacy-sent"))
			msgID := field[string](t, r, "msgId")
			assert.Equal(t, uint64(1), d.api3.detail("orders").ActiveMsgNum)
			r = call(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "orders", "pollingWaitSeconds", "0"))
			assert.Equal(t, msgID, field[string](t, r, "msgId"))
			q := d.api3.detail("orders")
			assert.Equal(t, []uint64{0, 1}, []uint64{q.ActiveMsgNum, q.InactiveMsgNum})
		}},
		{"queue from the legacy API takes SendCmqMsg", func(t *testing.T, d doors) {
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "legacy-q", "maxMsgSize", "2048"))
			var list queueList
			d.api3.ok("DescribeCmqQueues", nil, &list)
			require.Equal(t, uint64(1), list.TotalCount)
			assert.Equal(t, uint64(2048), list.QueueList[0].MaxMsgSize)
			var s sent
			d.api3.ok("SendCmqMsg", p{"QueueName": "legacy-q", "MsgContent": "from 3.0", "DelaySeconds": 0}, &s)
			r := call(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "legacy-q", "pollingWaitSeconds", "0"))
			assert.Equal(t, []string{s.MsgId, "from 3.0"}, []string{field[string](t, r, "msgId"), field[string](t, r, "msgBody")})
		}},
		{"SendCmqMsg wakes a legacy long poll", func(t *testing.T, d doors) {
			d.api3.queue("waiting", nil)
			got := make(chan string, 1)
			go func() {
				r, err := d.legacy.Call(t.Context(), "ReceiveMessage", cmqclient.P("queueName", "waiting", "pollingWaitSeconds", "20"))
				if err == nil {
					var body string
					_ = json.Unmarshal(r.Fields["msgBody"], &body)
					got <- body
				}
				close(got)
			}()
			require.Eventually(t, func() bool { return waiters(d.env, "waiting") == 1 }, 5*time.Second, 5*time.Millisecond)
			d.api3.ok("SendCmqMsg", p{"QueueName": "waiting", "MsgContent": "wake", "DelaySeconds": 0}, &sent{})
			assert.Equal(t, "wake", <-got)
		}},
		{"topic and subscription from the legacy API, published through API 3.0", func(t *testing.T, d doors) {
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "inbox"))
			r := call(t, d.legacy, "CreateTopic", cmqclient.P("topicName", "news"))
			topicID := field[string](t, r, "topicId")
			r = call(t, d.legacy, "Subscribe", cmqclient.P("topicName", "news", "subscriptionName", "to-inbox", "protocol", "queue", "endpoint", "inbox").List("filterTag", "a"))
			subID := field[string](t, r, "subscriptionId")
			var tl topicList
			d.api3.ok("DescribeCmqTopics", nil, &tl)
			require.Equal(t, uint64(1), tl.TotalCount)
			assert.Equal(t, []any{topicID, uint64(65536), int64(1)}, []any{tl.TopicList[0].TopicId, tl.TopicList[0].MaxMsgSize, tl.TopicList[0].SubscriptionCount})
			subs := d.api3.subscriptions("news")
			require.Len(t, subs.SubscriptionSet, 1)
			assert.Equal(t, []string{subID, "to-inbox", "inbox", "SIMPLIFIED"}, []string{subs.SubscriptionSet[0].SubscriptionId,
				subs.SubscriptionSet[0].SubscriptionName, subs.SubscriptionSet[0].Endpoint, subs.SubscriptionSet[0].NotifyContentFormat})
			assert.Equal(t, []string{"a"}, subs.SubscriptionSet[0].FilterTags)
			d.api3.ok("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "tagged", "MsgTag": []string{"a"}}, &sent{})
			d.api3.fail("PublishCmqMsg", p{"TopicName": "news", "MsgContent": "untagged-b", "MsgTag": []string{"b"}}, "FailedOperation")
			r = call(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "inbox", "pollingWaitSeconds", "0"))
			assert.Equal(t, "tagged", field[string](t, r, "msgBody"))
		}},
		{"topic and subscription from API 3.0, published through the legacy API", func(t *testing.T, d doors) {
			d.api3.queue("inbox", nil)
			topicID := d.api3.topic("news", nil)
			subID := d.api3.subscribe("news", "to_inbox", p{"Protocol": "queue", "Endpoint": "inbox"})
			r := call(t, d.legacy, "ListTopic", cmqclient.P())
			assert.Equal(t, []map[string]string{{"topicId": topicID, "topicName": "news"}}, field[[]map[string]string](t, r, "topicList"))
			r = call(t, d.legacy, "ListSubscriptionByTopic", cmqclient.P("topicName", "news"))
			assert.Equal(t, subID, field[[]map[string]string](t, r, "subscriptionList")[0]["subscriptionId"])
			r = call(t, d.legacy, "GetSubscriptionAttributes", cmqclient.P("topicName", "news", "subscriptionName", "to_inbox"))
			assert.Equal(t, "SIMPLIFIED", field[string](t, r, "notifyContentFormat"))
			call(t, d.legacy, "PublishMessage", cmqclient.P("topicName", "news", "msgBody", "legacy-published"))
			var body struct{ MsgBody string }
			r = call(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "inbox", "pollingWaitSeconds", "0"))
			body.MsgBody = field[string](t, r, "msgBody")
			assert.Equal(t, "legacy-published", body.MsgBody)
		}},
		{"a legacy publish counts in DescribeCmqTopicDetail", func(t *testing.T, d doors) {
			d.api3.topic("news", nil)
			// An endpoint nothing answers: the push stays pending, retried
			// on the virtual clock, which stands still.
			call(t, d.legacy, "Subscribe", cmqclient.P("topicName", "news", "subscriptionName", "hook", "protocol", "http", "endpoint", "http://127.0.0.1:9/hook"))
			call(t, d.legacy, "PublishMessage", cmqclient.P("topicName", "news", "msgBody", "pending"))
			assert.Equal(t, uint64(1), d.api3.topicDetail("news").MsgCount)
			assert.Equal(t, uint64(1), d.api3.subscriptions("news").SubscriptionSet[0].MsgCount)
			r := call(t, d.legacy, "GetTopicAttributes", cmqclient.P("topicName", "news"))
			assert.Equal(t, 1, field[int](t, r, "msgCount"))
		}},
		{"deletion through either door", func(t *testing.T, d doors) {
			d.api3.queue("q1", nil)
			call(t, d.legacy, "DeleteQueue", cmqclient.P("queueName", "q1"))
			d.api3.fail("DescribeCmqQueueDetail", p{"QueueName": "q1"}, "ResourceNotFound")
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "q2"))
			d.api3.ok("DeleteCmqQueue", p{"QueueName": "q2"}, &empty{})
			assertCMQError(t, callErr(t, d.legacy, "GetQueueAttributes", cmqclient.P("queueName", "q2")), 4000, "10100", "queue is not existed, or deleted")

			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "inbox"))
			d.api3.topic("t1", nil)
			d.api3.subscribe("t1", "s1", p{"Protocol": "queue", "Endpoint": "inbox"})
			// No deleting a topic that has subscriptions, whoever made them.
			d.api3.fail("DeleteCmqTopic", p{"TopicName": "t1"}, "FailedOperation")
			assertCMQError(t, callErr(t, d.legacy, "DeleteTopic", cmqclient.P("topicName", "t1")), 4000, "10540",
				"there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic")
			call(t, d.legacy, "Unsubscribe", cmqclient.P("topicName", "t1", "subscriptionName", "s1"))
			d.api3.fail("DeleteCmqSubscribe", p{"TopicName": "t1", "SubscriptionName": "s1"}, "ResourceNotFound")
			d.api3.ok("DeleteCmqTopic", p{"TopicName": "t1"}, &empty{})
			assertCMQError(t, callErr(t, d.legacy, "GetTopicAttributes", cmqclient.P("topicName", "t1")), 4000, "10600", "topic is not existed, or deleted")
		}},
		{"one 30 s recreate lockout", func(t *testing.T, d doors) {
			d.api3.queue("again", nil)
			d.api3.ok("DeleteCmqQueue", p{"QueueName": "again"}, &empty{})
			assertCMQError(t, callErr(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "AGAIN")), 6040, "10660",
				"it will take some time to release resources of previous queue before you create a new one with the same name, please try later")
			call(t, d.legacy, "CreateTopic", cmqclient.P("topicName", "again"))
			call(t, d.legacy, "DeleteTopic", cmqclient.P("topicName", "again"))
			d.api3.fail("CreateCmqTopic", p{"TopicName": "again"}, "ResourceInUse")
			d.env.Advance(29 * time.Second)
			d.api3.fail("CreateCmqQueue", p{"QueueName": "again"}, "ResourceInUse")
			d.env.Advance(2 * time.Second)
			d.api3.queue("again", nil)
			call(t, d.legacy, "CreateTopic", cmqclient.P("topicName", "again"))
		}},
		{"one name space, case-insensitive", func(t *testing.T, d doors) {
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "Orders"))
			d.api3.fail("CreateCmqQueue", p{"QueueName": "orders"}, "ResourceInUse.Queue")
			d.api3.topic("News", nil)
			assertCMQError(t, callErr(t, d.legacy, "CreateTopic", cmqclient.P("topicName", "news")), 4460, "10550", "topic is already existed")
			d.api3.queue("inbox", nil)
			d.api3.subscribe("News", "sub", p{"Protocol": "queue", "Endpoint": "inbox"})
			assertCMQError(t, callErr(t, d.legacy, "Subscribe", cmqclient.P("topicName", "News", "subscriptionName", "SUB", "protocol", "queue", "endpoint", "inbox")),
				4490, "10470", "subscribtion is already existed")
		}},
		{"one quota per account", func(t *testing.T, d doors) {
			d.api3.queue("q1", nil)
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "q2"))
			d.api3.fail("CreateCmqQueue", p{"QueueName": "q3"}, "LimitExceeded")
			assertCMQError(t, callErr(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "q3")), 4450, "10220", "number of queues has reached the limit")
			call(t, d.legacy, "CreateTopic", cmqclient.P("topicName", "t1"))
			d.api3.topic("t2", nil)
			d.api3.fail("CreateCmqTopic", p{"TopicName": "t3"}, "LimitExceeded.Topics")
			d.api3.subscribe("t1", "s1", p{"Protocol": "queue", "Endpoint": "q1"})
			assertCMQError(t, callErr(t, d.legacy, "Subscribe", cmqclient.P("topicName", "t1", "subscriptionName", "s2", "protocol", "queue", "endpoint", "q2")),
				4500, "10480", "number of subscription has reached the limit")
			call(t, d.legacy, "Subscribe", cmqclient.P("topicName", "t2", "subscriptionName", "s1", "protocol", "queue", "endpoint", "q2"))
			d.api3.fail("CreateCmqSubscribe", p{"TopicName": "t2", "SubscriptionName": "s2", "Protocol": "queue", "Endpoint": "q1"}, "LimitExceeded.Subscriptions")
			// A slot freed through one door is taken through the other.
			call(t, d.legacy, "DeleteQueue", cmqclient.P("queueName", "q2"))
			d.api3.queue("q3", nil)
		}},
		{"accounts stay apart on both doors", func(t *testing.T, d doors) {
			d.api3.queue("mine", nil)
			other := api3Other(t, d.env)
			var list queueList
			other.ok("DescribeCmqQueues", nil, &list)
			assert.Equal(t, uint64(0), list.TotalCount)
			other.fail("DescribeCmqQueueDetail", p{"QueueName": "mine"}, "ResourceNotFound")
			other.queue("mine", nil)
			assert.Equal(t, uint64(1250000002), *other.detail("mine").CreateUin)
			r := call(t, clientFor(d.env, d.env.Other), "ListQueue", cmqclient.P())
			assert.Equal(t, 1, field[int](t, r, "totalCount"))
		}},
		{"one store whatever the region", func(t *testing.T, d doors) {
			d.api3.queue("everywhere", nil) // the SDK's region, ap-guangzhou
			for _, region := range []string{"ap-singapore", "na-ashburn", ""} {
				body := rawAPI3(t, d.env, region, "DescribeCmqQueueDetail", `{"QueueName":"everywhere"}`)
				assert.Contains(t, string(body), `"QueueName":"everywhere"`, "region %q", region)
			}
			body := rawAPI3(t, d.env, "eu-frankfurt", "CreateCmqQueue", `{"QueueName":"from-frankfurt"}`)
			assert.Contains(t, string(body), `"QueueId"`)
			d.api3.detail("from-frankfurt")
			call(t, d.legacy, "GetQueueAttributes", cmqclient.P("queueName", "from-frankfurt"))
		}},
		{"a legacy dead-letter policy is API 3.0's and back", func(t *testing.T, d doors) {
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "dlq"))
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "src", "deadLetterPolicy", `{"deadLetterQueue":"dlq","policy":1,"maxTimeToLive":300}`))
			q := d.api3.detail("src")
			assert.Equal(t, &cmqDeadLetterPolicy{DeadLetterQueue: "dlq", Policy: 1, MaxTimeToLive: 300, MaxReceiveCount: 0}, q.DeadLetterPolicy)
			assert.Equal(t, "src", d.api3.detail("dlq").DeadLetterSource[0].QueueName)
			d.api3.ok("UnbindCmqDeadLetter", p{"SourceQueueName": "src"}, &empty{})
			r := call(t, d.legacy, "GetQueueAttributes", cmqclient.P("queueName", "src"))
			assert.NotContains(t, r.Fields, "deadLetterPolicy")
		}},
		{"a 3.0 queue's long rewind window does not lock legacy clients out", func(t *testing.T, d doors) {
			// §10.6.1: rewindSeconds above msgRetentionSeconds is legal in 3.0;
			// legacy SetQueueAttributes checks the pair only when it sets one.
			d.api3.queue("long", p{"MsgRetentionSeconds": 60, "RewindSeconds": 7200})
			call(t, d.legacy, "SetQueueAttributes", cmqclient.P("queueName", "long", "pollingWaitSeconds", "5"))
			assertCMQError(t, callErr(t, d.legacy, "SetQueueAttributes", cmqclient.P("queueName", "long", "rewindSeconds", "7000")),
				4000, "10700", "rewindSeconds cannot be greater than msgRetentionSeconds")
			// §10.6.2: past its 60 s retention a message is gone for
			// receivers but a rewind still brings it back.
			start := d.env.Clock().Now()
			d.api3.ok("SendCmqMsg", p{"QueueName": "long", "MsgContent": "old", "DelaySeconds": 0}, &sent{})
			d.env.Advance(90 * time.Second)
			assertCMQError(t, callErr(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "long", "pollingWaitSeconds", "0")), 7000, "10200", "no message")
			q := d.api3.detail("long")
			assert.Equal(t, []uint64{0, 1}, []uint64{q.ActiveMsgNum, *q.RewindMsgNum})
			d.api3.ok("RewindCmqQueue", p{"QueueName": "long", "StartConsumeTime": start.Unix()}, &empty{})
			r := call(t, d.legacy, "ReceiveMessage", cmqclient.P("queueName", "long", "pollingWaitSeconds", "0"))
			assert.Equal(t, "old", field[string](t, r, "msgBody"))
			// Once past the rewind window too, it is gone for good.
			d.env.Advance(2 * time.Hour)
			assert.Equal(t, uint64(0), *d.api3.detail("long").RewindMsgNum)
		}},
		{"SendCmqMsg delays up to the queue's retention", func(t *testing.T, d doors) {
			d.api3.queue("slow", p{"MsgRetentionSeconds": 43200})
			d.api3.ok("SendCmqMsg", p{"QueueName": "slow", "MsgContent": "tomorrow", "DelaySeconds": 40000}, &sent{})
			r := call(t, d.legacy, "GetQueueAttributes", cmqclient.P("queueName", "slow"))
			assert.Equal(t, 1, field[int](t, r, "delayMsgNum"))
			assertCMQError(t, callErr(t, d.legacy, "SendMessage", cmqclient.P("queueName", "slow", "msgBody", "x", "delaySeconds", "40000")),
				4000, "10692", "delay seconds is out of range")
			d.api3.fail("SendCmqMsg", p{"QueueName": "slow", "MsgContent": "x", "DelaySeconds": 43201}, "InvalidParameterValue")
		}},
		{"the control API's cmq view holds both doors' resources", func(t *testing.T, d doors) {
			d.api3.queue("via_api3", nil)
			call(t, d.legacy, "CreateQueue", cmqclient.P("queueName", "via-legacy"))
			var state struct {
				Cmq struct {
					Queues []struct{ Name string }
				}
			}
			getJSON(t, d.env.URL("cmq")+"/_mqmock/state?vendor=cmq", &state)
			require.Len(t, state.Cmq.Queues, 2)
			assert.Equal(t, "via_api3", state.Cmq.Queues[0].Name)
			// Resetting tdmq leaves them; resetting cmq empties both views.
			post(t, d.env.URL("tdmq")+"/_mqmock/reset?vendor=tdmq")
			d.api3.detail("via_api3")
			post(t, d.env.URL("cmq")+"/_mqmock/reset?vendor=cmq")
			var list queueList
			d.api3.ok("DescribeCmqQueues", nil, &list)
			assert.Equal(t, uint64(0), list.TotalCount)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(cfg *emulator.Config) {
				cfg.CMQ.Options = map[string]any{"maxQueues": 2, "maxTopics": 2, "maxSubscriptionsPerTopic": 1}
			}))
			c.run(t, doors{env: env, api3: api3Default(t, env), legacy: clientFor(env, env.Default)})
		})
	}
}

func getJSON(t testing.TB, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	decodeJSON(t, body, out)
}

func post(t testing.TB, url string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", nil)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
}
