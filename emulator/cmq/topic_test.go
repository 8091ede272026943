package cmq_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// queueSub subscribes queue (created here) to topic with extra params.
func queueSub(t testing.TB, c *cmqclient.Client, topic, queue string, p *cmqclient.Params) {
	t.Helper()
	createQueue(t, c, queue)
	if p == nil {
		p = cmqclient.P()
	}
	call(t, c, "Subscribe", p.Set("topicName", topic).Set("subscriptionName", "sub-"+queue).Set("protocol", "queue").Set("endpoint", queue))
}

// bodies drains a queue and returns the bodies in order.
func bodies(t testing.TB, c *cmqclient.Client, queue string) []string {
	t.Helper()
	out := []string{}
	for {
		r, err := c.Call(t.Context(), "ReceiveMessage", cmqclient.P("queueName", queue, "pollingWaitSeconds", "0"))
		if err != nil {
			e, ok := err.(*cmqclient.Error)
			require.True(t, ok, "%v", err)
			require.Equal(t, 7000, e.Code, e.RawMessage)
			return out
		}
		out = append(out, field[string](t, r, "msgBody"))
	}
}

func TestTagFanOut(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "tags"))
	queueSub(t, c, "tags", "qa", cmqclient.P().List("filterTag", "a"))
	queueSub(t, c, "tags", "qab", cmqclient.P().List("filterTag", "a", "b"))
	queueSub(t, c, "tags", "qb", cmqclient.P().List("filterTag", "b"))
	queueSub(t, c, "tags", "qall", nil)

	call(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "to-a").List("msgTag", "a"))
	// The Python SDK always sends routingKey, empty on tag topics.
	call(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "untagged", "routingKey", ""))
	call(t, c, "BatchPublishMessage", cmqclient.P("topicName", "tags").List("msgBody", "b1", "b2").List("msgTag", "c", "b"))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "only-all").List("msgTag", "zzz"))

	// Delivered to the queues before the publish answered: no waiting.
	assert.Equal(t, []string{"to-a"}, bodies(t, c, "qa"))
	assert.Equal(t, []string{"to-a", "b1", "b2"}, bodies(t, c, "qab"))
	assert.Equal(t, []string{"b1", "b2"}, bodies(t, c, "qb"))
	assert.Equal(t, []string{"to-a", "untagged", "b1", "b2", "only-all"}, bodies(t, c, "qall"))

	// Without the catch-all subscription, a tag nobody filters on matches nothing.
	call(t, c, "Unsubscribe", cmqclient.P("topicName", "tags", "subscriptionName", "sub-qall"))
	e := callErr(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "x").List("msgTag", "zzz"))
	assertCMQError(t, e, 6030, "10730", "no bindingKey or filterTag matches the routingKey or msgTag")
	e = callErr(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "x"))
	assert.Equal(t, "6030/10730", e.CodeModule(), "an untagged message reaches no filtering subscription")
}

func TestBindingKeyFanOut(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "routes", "filterType", "2"))
	queueSub(t, c, "routes", "star", cmqclient.P().List("bindingKey", "1.*.0"))
	queueSub(t, c, "routes", "hash", cmqclient.P().List("bindingKey", "1.#.0"))
	queueSub(t, c, "routes", "either", cmqclient.P().List("bindingKey", "x.y", "#.9"))

	for _, rk := range []string{"1.x.0", "1.2.3.4.4.2.2.0", "1.0", "x.y", "9"} {
		call(t, c, "PublishMessage", cmqclient.P("topicName", "routes", "msgBody", rk, "routingKey", rk))
	}
	e := callErr(t, c, "PublishMessage", cmqclient.P("topicName", "routes", "msgBody", "m", "routingKey", "2.x.0"))
	assert.Equal(t, "6030/10730", e.CodeModule())
	e = callErr(t, c, "PublishMessage", cmqclient.P("topicName", "routes", "msgBody", "m"))
	assert.Equal(t, "4000/10700", e.CodeModule(), "a routing topic needs routingKey")

	assert.Equal(t, []string{"1.x.0"}, bodies(t, c, "star"))
	assert.Equal(t, []string{"1.x.0", "1.2.3.4.4.2.2.0", "1.0"}, bodies(t, c, "hash"))
	assert.Equal(t, []string{"x.y", "9"}, bodies(t, c, "either"))
}

func TestTopicLifecycle(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	id := field[string](t, call(t, c, "CreateTopic", cmqclient.P("topicName", "life", "maxMsgSize", "2048")), "topicId")
	assert.Regexp(t, `^topic-[a-z0-9]+$`, id)
	assert.Equal(t, "4460/10550", callErr(t, c, "CreateTopic", cmqclient.P("topicName", "LIFE")).CodeModule())

	r := call(t, c, "GetTopicAttributes", cmqclient.P("topicName", "life"))
	assert.Equal(t, 2048, field[int](t, r, "maxMsgSize"))
	assert.Equal(t, 86400, field[int](t, r, "msgRetentionSeconds"))
	assert.Equal(t, 1, field[int](t, r, "filterType"))
	assert.Equal(t, 0, field[int](t, r, "msgCount"))
	call(t, c, "SetTopicAttributes", cmqclient.P("topicName", "life", "maxMsgSize", "1024"))
	assert.Equal(t, 1024, field[int](t, call(t, c, "GetTopicAttributes", cmqclient.P("topicName", "life")), "maxMsgSize"))

	r = call(t, c, "ListTopic", cmqclient.P("searchWord", "li"))
	assert.Equal(t, 1, field[int](t, r, "totalCount"))
	assert.Equal(t, []map[string]string{{"topicId": id, "topicName": "life"}}, field[[]map[string]string](t, r, "topicList"))

	queueSub(t, c, "life", "q", nil)
	e := callErr(t, c, "PublishMessage", cmqclient.P("topicName", "life", "msgBody", repeat("x", 1025)))
	assert.Equal(t, "4400/10230", e.CodeModule())
	e = callErr(t, c, "DeleteTopic", cmqclient.P("topicName", "life"))
	assertCMQError(t, e, 4000, "10540", "there exists subscriptions under this topic, please unsubscribe all of them before DeleteTopic")
	call(t, c, "Unsubscribe", cmqclient.P("topicName", "life", "subscriptionName", "sub-q"))
	e = callErr(t, c, "PublishMessage", cmqclient.P("topicName", "life", "msgBody", "m"))
	assert.Equal(t, "6030/10650", e.CodeModule())
	call(t, c, "DeleteTopic", cmqclient.P("topicName", "life"))
	assert.Equal(t, "4000/10600", callErr(t, c, "GetTopicAttributes", cmqclient.P("topicName", "life")).CodeModule())

	// The 30 s recreate lockout, in virtual time.
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateTopic", cmqclient.P("topicName", "life")).CodeModule())
	env.Advance(29 * time.Second)
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateTopic", cmqclient.P("topicName", "life")).CodeModule())
	env.Advance(time.Second)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "life"))
}

func TestThousandTopicsThenOneMore(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	for i := range 1000 {
		call(t, c, "CreateTopic", cmqclient.P("topicName", "t"+n(i)))
	}
	e := callErr(t, c, "CreateTopic", cmqclient.P("topicName", "t1000"))
	assertCMQError(t, e, 4450, "10610", "number of topics has reached the limit")
	// The quota is per account, and deleting frees a slot.
	call(t, clientFor(env, env.Other), "CreateTopic", cmqclient.P("topicName", "t1000"))
	call(t, c, "DeleteTopic", cmqclient.P("topicName", "t0"))
	call(t, c, "CreateTopic", cmqclient.P("topicName", "t1000"))
}

func TestFiveHundredSubscriptionsThenOneMore(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "busy"))
	sub := func(i int) *cmqclient.Params {
		return cmqclient.P("topicName", "busy", "subscriptionName", "s"+n(i), "protocol", "http", "endpoint", "http://127.0.0.1:1/"+n(i))
	}
	for i := range 500 {
		call(t, c, "Subscribe", sub(i))
	}
	e := callErr(t, c, "Subscribe", sub(500))
	assertCMQError(t, e, 4500, "10480", "number of subscription has reached the limit")
	r := call(t, c, "ListSubscriptionByTopic", cmqclient.P("topicName", "busy", "offset ", "490", "limit ", "100"))
	assert.Equal(t, 500, field[int](t, r, "totalCount"))
	assert.Len(t, field[[]map[string]string](t, r, "subscriptionList"), 10)
}

func TestFilterTagCounts(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "ft"))
	sub := func(name string, k int) *cmqclient.Params {
		return cmqclient.P("topicName", "ft", "subscriptionName", name, "protocol", "http", "endpoint", "http://127.0.0.1:1/").List("filterTag", tags(k, "tag")...)
	}
	call(t, c, "Subscribe", sub("five", 5))
	e := callErr(t, c, "Subscribe", sub("six", 6))
	assertCMQError(t, e, 4000, "10670", "too many filterTag")
	e = callErr(t, c, "SetSubscriptionAttributes", cmqclient.P("topicName", "ft", "subscriptionName", "five").List("filterTag", tags(6, "x")...))
	assertCMQError(t, e, 4000, "10490", "number of filterTag exceed limit")
	e = callErr(t, c, "Subscribe", sub("long", 0).List("filterTag", repeat("x", 17)))
	assert.Equal(t, "parameter filterTag value or length is out of range", e.Message)
	e = callErr(t, c, "PublishMessage", cmqclient.P("topicName", "ft", "msgBody", "m").List("msgTag", tags(6, "x")...))
	assertCMQError(t, e, 4000, "10720", "too many msgTag")
}

func TestSubscriptionAttributes(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "sa"))
	id := field[string](t, call(t, c, "Subscribe", cmqclient.P("topicName", "sa", "subscriptionName", "web", "protocol", "HTTP",
		"endpoint", "http://example.com/hook", "notifyStrategy", "BACKOFF_RETRY").List("filterTag", "a", "b")), "subscriptionId")
	assert.Regexp(t, `^subsc-[a-z0-9]+$`, id)

	r := call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName", "web"))
	assert.Equal(t, "1250000001", field[string](t, r, "topicOwner"))
	assert.Equal(t, "http", field[string](t, r, "protocol"))
	assert.Equal(t, "http", field[string](t, r, "protocal"))
	assert.Equal(t, "http://example.com/hook", field[string](t, r, "endpoint"))
	assert.Equal(t, "BACKOFF_RETRY", field[string](t, r, "notifyStrategy"))
	assert.Equal(t, "JSON", field[string](t, r, "notifyContentFormat"))
	assert.Equal(t, []string{"a", "b"}, field[[]string](t, r, "filterTag"))
	assert.Equal(t, []string{"a", "b"}, field[[]string](t, r, "filterTags"))
	assert.Equal(t, []string{}, field[[]string](t, r, "bindingKey"))
	assert.Equal(t, 0, field[int](t, r, "msgCount"))
	assert.NotZero(t, field[int64](t, r, "createTime"))

	// The Go SDK's trailing-space "subscriptionName " key.
	call(t, c, "SetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName ", "web", "notifyContentFormat", "SIMPLIFIED").List("filterTag", "c"))
	r = call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName", "web"))
	assert.Equal(t, "SIMPLIFIED", field[string](t, r, "notifyContentFormat"))
	assert.Equal(t, []string{"c"}, field[[]string](t, r, "filterTag"))
	// The Java SDK's spelling of the action.
	call(t, c, "ClearSUbscriptionFIlterTags", cmqclient.P("topicName", "sa", "subscriptionName", "web"))
	r = call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName", "web"))
	assert.Equal(t, []string{}, field[[]string](t, r, "filterTag"))

	e := callErr(t, c, "SetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName", "web", "notifyStrategy", "NEVER"))
	assert.Equal(t, "4000/10520", e.CodeModule())
	e = callErr(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "sa", "subscriptionName", "nobody"))
	assertCMQError(t, e, 4000, "4440", "subscription is not existed, or deleted")
	e = callErr(t, c, "Unsubscribe", cmqclient.P("topicName", "sa", "subscriptionName", "nobody"))
	assert.Equal(t, "4000/4440", e.CodeModule())

	r = call(t, c, "ListSubscriptionByTopic", cmqclient.P("topicName", "sa", "searchWord ", "we"))
	assert.Equal(t, []map[string]string{{"subscriptionId": id, "subscriptionName": "web", "protocol": "http", "endpoint": "http://example.com/hook"}},
		field[[]map[string]string](t, r, "subscriptionList"))
}

func TestSubscribeEndpointRules(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "ep"))
	createQueue(t, c, "target")
	tests := []struct {
		protocol, endpoint string
		want               string
	}{
		{"http", "http://example.com/", ""},
		{"https", "https://example.com:8443/x?y=1", ""},
		{"queue", "target", ""},
		{"http", "example.com", "4000/10500"},
		{"http", "http://", "4000/10500"},
		{"https", "http://example.com/", "4000/10500"},
		{"queue", "http://target", "4000/10500"},
		{"http", "http://example.com/\tx", "4510/10570"},
		{"http", "http://example.com/" + repeat("p", 500), "4000/10630"},
		{"queue", "Target", "4000/10630"},
		{"sqs", "target", "4000/10510"},
	}
	for i, tt := range tests {
		t.Run(tt.protocol+" "+tt.endpoint, func(t *testing.T) {
			p := cmqclient.P("topicName", "ep", "subscriptionName", "s"+n(i), "protocol", tt.protocol, "endpoint", tt.endpoint)
			if tt.want == "" {
				call(t, c, "Subscribe", p)
				return
			}
			assert.Equal(t, tt.want, callErr(t, c, "Subscribe", p).CodeModule())
		})
	}
}

// Existence is reported before parameter errors, in the spec's order.
func TestCheckOrder(t *testing.T) {
	env := emutest.Start(t)
	c := clientFor(env, env.Default)
	call(t, c, "CreateTopic", cmqclient.P("topicName", "order"))
	tests := []struct {
		name, action string
		p            *cmqclient.Params
		want         string
	}{
		{"Subscribe: topic before name", "Subscribe", cmqclient.P("topicName", "none", "subscriptionName", "_bad", "protocol", "x", "endpoint", "y"), "4000/10600"},
		{"Subscribe: name before protocol", "Subscribe", cmqclient.P("topicName", "order", "subscriptionName", "_bad", "protocol", "x", "endpoint", "y"), "4000/10590"},
		{"Subscribe: missing queue before strategy", "Subscribe", cmqclient.P("topicName", "order", "subscriptionName", "s", "protocol", "queue", "endpoint", "nope", "notifyStrategy", "X"), "4000/10630"},
		{"SetSubscriptionAttributes: topic before tags", "SetSubscriptionAttributes", cmqclient.P("topicName", "none", "subscriptionName", "s").List("filterTag", tags(6, "x")...), "4000/10600"},
		{"SetSubscriptionAttributes: subscription before tags", "SetSubscriptionAttributes", cmqclient.P("topicName", "order", "subscriptionName", "s").List("filterTag", tags(6, "x")...), "4000/4440"},
		{"SendMessage: body before queue", "SendMessage", cmqclient.P("queueName", "none"), "4000/10120"},
		{"SendMessage: delay before queue", "SendMessage", cmqclient.P("queueName", "none", "msgBody", "m", "delaySeconds", "-1"), "4000/10692"},
		{"CreateQueue: range before name", "CreateQueue", cmqclient.P("queueName", "_bad", "maxMsgSize", "1"), "4000/10350"},
		{"PublishMessage: tags before topic", "PublishMessage", cmqclient.P("topicName", "none", "msgBody", "m").List("msgTag", tags(6, "x")...), "4000/10720"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, callErr(t, c, tt.action, tt.p).CodeModule())
		})
	}
}
