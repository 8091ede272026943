package cmq_test

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/cmq/cmqclient"
	"github.com/mqmock/mqmock/emulator/emutest"
)

// snapshotOf is GET /_mqmock/snapshot.
func snapshotOf(t testing.TB, env *emutest.Env) string {
	t.Helper()
	resp, err := http.Get(env.URL("cmq") + "/_mqmock/snapshot")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	return string(body)
}

// restoreSnapshot is PUT /_mqmock/snapshot: its status and body.
func restoreSnapshot(t testing.TB, env *emutest.Env, doc string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, env.URL("cmq")+"/_mqmock/snapshot", strings.NewReader(doc))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// stateOf is GET /_mqmock/state (every queue's message counts, every
// topic's subscriptions).
func stateOf(t testing.TB, env *emutest.Env) string {
	t.Helper()
	var raw json.RawMessage
	getJSON(t, env.URL("cmq")+"/_mqmock/state", &raw)
	return string(raw)
}

// snapshotWorld is what fillForSnapshot made, to be found again.
type snapshotWorld struct {
	// ids are the message ids the SDK saw, by body.
	ids map[string]string
	// deleteMe is the receipt handle of a message still in flight.
	deleteMe string
}

// fillForSnapshot makes, through the SDKs, every kind of state CMQ keeps:
// visible, delayed and in-flight messages, a dead-letter policy and a
// message it moved, topics of both filter types with queue subscriptions
// (one queue subscribed from two topics) and an http one, and recreate
// lockouts. Queues and topics are created out of name order.
func fillForSnapshot(t *testing.T, env *emutest.Env) snapshotWorld {
	c := clientFor(env, env.Default)
	w := snapshotWorld{ids: map[string]string{}}
	send := func(queue, body string, kv ...string) {
		w.ids[body] = field[string](t, call(t, c, "SendMessage", cmqclient.P(append([]string{"queueName", queue, "msgBody", body}, kv...)...)), "msgId")
	}

	// Dead letters first: moving one takes the clock past its visibility.
	createQueue(t, c, "work", "visibilityTimeout", "60")
	createQueue(t, c, "dlq")
	createQueue(t, c, "src", "visibilityTimeout", "30", "deadLetterPolicy", `{"deadLetterQueue":"dlq","policy":0,"maxReceiveCount":1}`)
	send("src", "doomed")
	receive(t, c, "src", "pollingWaitSeconds", "0")
	env.Advance(30 * time.Second)
	// Received once already: the next receive moves it to dlq (and keeps
	// the moved copy in src until a purge).
	callErr(t, c, "ReceiveMessage", cmqclient.P("queueName", "src", "pollingWaitSeconds", "0"))

	send("work", "delete me")
	send("work", "expire me")
	for _, want := range []string{"delete me", "expire me"} {
		m := receive(t, c, "work", "pollingWaitSeconds", "0")
		require.Equal(t, want, m.MsgBody)
		if want == "delete me" {
			w.deleteMe = m.ReceiptHandle
		}
	}
	send("work", "visible")
	send("work", "delayed", "delaySeconds", "120")

	call(t, c, "CreateTopic", cmqclient.P("topicName", "tags"))
	queueSub(t, c, "tags", "qa", cmqclient.P().List("filterTag", "a"))
	queueSub(t, c, "tags", "qb", cmqclient.P().List("filterTag", "b"))
	call(t, c, "CreateTopic", cmqclient.P("topicName", "routes", "filterType", "2"))
	queueSub(t, c, "routes", "qr", cmqclient.P().List("bindingKey", "order.*"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "routes", "subscriptionName", "qa-too", "protocol", "queue", "endpoint", "qa").List("bindingKey", "#"))
	call(t, c, "CreateTopic", cmqclient.P("topicName", "hooks"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "hooks", "subscriptionName", "hook", "protocol", "http", "endpoint", "http://127.0.0.1:1/hook",
		"notifyStrategy", "BACKOFF_RETRY", "notifyContentFormat", "SIMPLIFIED").List("filterTag", "x", "y"))

	createQueue(t, c, "gone")
	call(t, c, "DeleteQueue", cmqclient.P("queueName", "gone"))
	call(t, c, "CreateTopic", cmqclient.P("topicName", "gone-topic"))
	call(t, c, "DeleteTopic", cmqclient.P("topicName", "gone-topic"))
	return w
}

// lists are the answers that show creation order and the indexes: queue
// and topic lists, each topic's subscriptions, the subscriptions whose
// endpoint is qa (the queue subscriptions index) and dlq's sources (the
// dead-letter sources index).
func lists(t *testing.T, env *emutest.Env) map[string]any {
	c := clientFor(env, env.Default)
	a := api3Default(t, env)
	out := map[string]any{}
	answer := func(action string, params *cmqclient.Params) map[string]any {
		var m map[string]any
		require.NoError(t, call(t, c, action, params).Into(&m))
		delete(m, "requestId")
		return m
	}
	out["queues"], out["topics"] = answer("ListQueue", cmqclient.P()), answer("ListTopic", cmqclient.P())
	for _, topic := range []string{"tags", "routes", "hooks"} {
		out["subscriptions of "+topic] = answer("ListSubscriptionByTopic", cmqclient.P("topicName", topic))
		out["detail of "+topic] = a.subscriptions(topic)
	}
	var byQueue subscriptionList
	a.ok("DescribeCmqSubscriptionDetail", p{"QueryType": "queue", "QueueName": "qa"}, &byQueue)
	out["subscriptions to qa"] = byQueue
	out["dlq's sources"] = a.detail("dlq").DeadLetterSource
	return out
}

// A snapshot taken through GET and restored through PUT into a fresh
// emulator is the same CMQ to every client: the same lists in the same
// order, the same messages in the same states with the ids the SDK saw, a
// receipt handle that still deletes its message, a dead-letter policy that
// still moves messages, subscriptions that still route, lockouts still in
// force, and new ids that repeat none of the restored ones.
func TestSnapshotRoundTripsCMQ(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	from := emutest.Start(t, emutest.FrozenAt(at))
	w := fillForSnapshot(t, from)
	doc := snapshotOf(t, from)
	require.Contains(t, doc, `"moved": true`, "the copy moved to dlq is in the document as well")
	wantLists, wantState := lists(t, from), stateOf(t, from)
	require.Len(t, wantLists["subscriptions to qa"].(subscriptionList).SubscriptionSet, 2)
	require.Len(t, wantLists["dlq's sources"], 1)

	to := emutest.Start(t, emutest.FrozenAt(at))
	status, answer := restoreSnapshot(t, to, doc)
	require.Equal(t, http.StatusOK, status, answer)
	assert.Equal(t, wantLists, lists(t, to), "the same lists in the same order")
	assert.JSONEq(t, wantState, stateOf(t, to), "the same messages in the same states")
	var exported, again map[string]any
	require.NoError(t, json.Unmarshal([]byte(doc), &exported))
	require.NoError(t, json.Unmarshal([]byte(snapshotOf(t, to)), &again))
	delete(exported, "savedAt")
	delete(again, "savedAt")
	assert.Equal(t, exported, again, "the restored state exports as it was given")

	c := clientFor(to, to.Default)
	a := api3Default(t, to)

	// The lockouts hold (before the clock moves past them).
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateQueue", cmqclient.P("queueName", "gone")).CodeModule())
	assert.Equal(t, "6040/10660", callErr(t, c, "CreateTopic", cmqclient.P("topicName", "gone-topic")).CodeModule())

	// Messages: only the visible one is received, with the id it was sent
	// with; the old receipt handle deletes the one in flight.
	got := receive(t, c, "work", "pollingWaitSeconds", "0")
	assert.Equal(t, "visible", got.MsgBody)
	assert.Equal(t, w.ids["visible"], got.MsgID)
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "work", "receiptHandle", got.ReceiptHandle))
	assertNoMessage(t, c, "work")
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "work", "receiptHandle", w.deleteMe))
	callErr(t, c, "DeleteMessage", cmqclient.P("queueName", "work", "receiptHandle", w.deleteMe)) // deleted: its handle is spent

	// The dead letter is in dlq under its id; the policy still moves one.
	dead := receive(t, c, "dlq", "pollingWaitSeconds", "0")
	assert.Equal(t, "doomed", dead.MsgBody)
	assert.Equal(t, w.ids["doomed"], dead.MsgID)
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "dlq", "receiptHandle", dead.ReceiptHandle))
	assertNoMessage(t, c, "src")
	fresh := field[string](t, call(t, c, "SendMessage", cmqclient.P("queueName", "src", "msgBody", "doomed too")), "msgId")
	receive(t, c, "src", "pollingWaitSeconds", "0")

	// The other in-flight message comes back after its visibility timeout
	// (60s from its receive), the delayed one after its delay (120s from
	// its send).
	to.Advance(60 * time.Second)
	back := receive(t, c, "work", "pollingWaitSeconds", "0")
	assert.Equal(t, "expire me", back.MsgBody)
	assert.Equal(t, w.ids["expire me"], back.MsgID)
	assert.Equal(t, 2, back.DequeueCount)
	call(t, c, "DeleteMessage", cmqclient.P("queueName", "work", "receiptHandle", back.ReceiptHandle))
	assertNoMessage(t, c, "src") // 60s on: "doomed too" moved
	deadToo := receive(t, c, "dlq", "pollingWaitSeconds", "0")
	assert.Equal(t, "doomed too", deadToo.MsgBody)
	assert.Equal(t, fresh, deadToo.MsgID)
	to.Advance(60 * time.Second)
	assert.Equal(t, "delayed", receive(t, c, "work", "pollingWaitSeconds", "0").MsgBody)

	// New numbers and ids repeat none of the restored ones.
	restored := map[string]bool{w.deleteMe: true}
	for _, id := range w.ids {
		restored[id] = true
	}
	for _, id := range []string{fresh, back.ReceiptHandle} {
		assert.False(t, restored[id], "%s was restored", id)
		n, err := strconv.ParseUint(id, 10, 64)
		require.NoError(t, err)
		for r := range restored {
			rn, _ := strconv.ParseUint(r, 10, 64)
			assert.Greater(t, n, rn, "new numbers follow the restored ones")
		}
	}
	newQueue := a.queue("after", nil)
	assert.NotContains(t, doc, newQueue, "a new queue id is not a restored one")
	assert.NotContains(t, doc, a.subscribe("tags", "after", p{"Protocol": "queue", "Endpoint": "after"}), "nor a new subscription id")

	// Subscriptions still route, by tag and by binding key.
	call(t, c, "PublishMessage", cmqclient.P("topicName", "tags", "msgBody", "to a").List("msgTag", "a"))
	call(t, c, "PublishMessage", cmqclient.P("topicName", "routes", "msgBody", "created", "routingKey", "order.created"))
	assert.Equal(t, []string{"to a", "created"}, bodies(t, c, "qa"))
	assert.Equal(t, []string{}, bodies(t, c, "qb"))
	assert.Equal(t, []string{"created"}, bodies(t, c, "qr"))
	assert.Equal(t, []string{"to a"}, bodies(t, c, "after"))
	var hook subscriptionInfoAnswer
	require.NoError(t, call(t, c, "GetSubscriptionAttributes", cmqclient.P("topicName", "hooks", "subscriptionName", "hook")).Into(&hook))
	assert.Equal(t, subscriptionInfoAnswer{Protocol: "http", Endpoint: "http://127.0.0.1:1/hook", NotifyStrategy: "BACKOFF_RETRY",
		NotifyContentFormat: "SIMPLIFIED", FilterTag: []string{"x", "y"}, BindingKey: []string{}}, hook)

	// The endpoint index goes on in creation order: a new topic's
	// subscription comes after the restored ones; unsubscribing by name
	// takes one out.
	call(t, c, "CreateTopic", cmqclient.P("topicName", "newer"))
	call(t, c, "Subscribe", cmqclient.P("topicName", "newer", "subscriptionName", "newest", "protocol", "queue", "endpoint", "qa"))
	call(t, c, "Unsubscribe", cmqclient.P("topicName", "routes", "subscriptionName", "qa-too"))
	var byQueue subscriptionList
	a.ok("DescribeCmqSubscriptionDetail", p{"QueryType": "queue", "QueueName": "qa"}, &byQueue)
	var names []string
	for _, s := range byQueue.SubscriptionSet {
		names = append(names, s.SubscriptionName)
	}
	assert.Equal(t, []string{"sub-qa", "newest"}, names)
}

// subscriptionInfoAnswer is the part of GetSubscriptionAttributes the
// round trip checks.
type subscriptionInfoAnswer struct {
	Protocol            string   `json:"protocol"`
	Endpoint            string   `json:"endpoint"`
	NotifyStrategy      string   `json:"notifyStrategy"`
	NotifyContentFormat string   `json:"notifyContentFormat"`
	FilterTag           []string `json:"filterTag"`
	BindingKey          []string `json:"bindingKey"`
}

// A CMQ part that breaks the store's rules is refused whole: the answer
// names what is wrong, and the state is as it was.
func TestSnapshotRefusesABadCMQPart(t *testing.T) {
	e := emutest.Start(t, emutest.Frozen())
	fillForSnapshot(t, e)
	good := snapshotOf(t, e)
	before := stateOf(t, e)

	edit := func(fn func(tenant map[string]any)) string {
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(good), &doc))
		part := doc["products"].(map[string]any)["cmq"].(map[string]any)["cmq"].(map[string]any)
		fn(part["tenants"].([]any)[0].(map[string]any))
		out, err := json.Marshal(doc)
		require.NoError(t, err)
		return string(out)
	}
	queue := func(tn map[string]any, name string) map[string]any {
		for _, q := range tn["queues"].([]any) {
			if q.(map[string]any)["name"] == name {
				return q.(map[string]any)
			}
		}
		t.Fatalf("no queue %s", name)
		return nil
	}
	inFlight := func(tn map[string]any) map[string]any {
		for _, m := range queue(tn, "work")["messages"].([]any) {
			if m.(map[string]any)["receiptHandle"] != nil {
				return m.(map[string]any)
			}
		}
		t.Fatal("no message in flight")
		return nil
	}
	subscription := func(tn map[string]any) map[string]any {
		return tn["topics"].([]any)[0].(map[string]any)["subscriptions"].([]any)[0].(map[string]any)
	}
	tests := []struct{ name, body, want string }{
		{"a dead-letter cycle", edit(func(tn map[string]any) {
			queue(tn, "dlq")["deadLetter"] = map[string]any{"queue": "src", "policy": 0, "maxReceiveCount": 1, "maxTimeToLive": 0}
		}), "dead-letter policies form a cycle"},
		{"a receipt handle twice", edit(func(tn map[string]any) {
			var handle any
			for _, m := range queue(tn, "work")["messages"].([]any) {
				if h := m.(map[string]any)["receiptHandle"]; h != nil {
					if handle != nil {
						m.(map[string]any)["receiptHandle"] = handle
					}
					handle = h
				}
			}
		}), "is there twice"},
		{"a handle no client could send", edit(func(tn map[string]any) { inFlight(tn)["receiptHandle"] = "007" }), `receipt handle "007" is not one this emulator makes`},
		{"a message id that is no number", edit(func(tn map[string]any) { inFlight(tn)["id"] = "msg-1" }), `message id "msg-1" is not one this emulator makes`},
		{"an unknown protocol", edit(func(tn map[string]any) { subscription(tn)["protocol"] = "smtp" }), `protocol "smtp" is not one of http, https, queue`},
		{"a subscription id of another shape", edit(func(tn map[string]any) { subscription(tn)["id"] = "subsc-short" }), `subscription id "subsc-short"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, answer := restoreSnapshot(t, e, tt.body)
			require.Equal(t, http.StatusBadRequest, status, answer)
			var refusal struct{ Error string }
			decodeJSON(t, []byte(answer), &refusal)
			assert.Contains(t, refusal.Error, tt.want)
			assert.Contains(t, refusal.Error, "nothing was changed")
			assert.JSONEq(t, before, stateOf(t, e))
		})
	}
}

// A document whose sequence is behind its own numbers (edited by hand)
// still restores, and new numbers follow the greatest restored one: a new
// receipt handle never names a restored message.
func TestSnapshotNumbersFollowTheRestoredOnes(t *testing.T) {
	e := emutest.Start(t, emutest.Frozen())
	w := fillForSnapshot(t, e)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(snapshotOf(t, e)), &doc))
	doc["products"].(map[string]any)["cmq"].(map[string]any)["cmq"].(map[string]any)["seq"] = 0
	edited, err := json.Marshal(doc)
	require.NoError(t, err)
	status, answer := restoreSnapshot(t, e, string(edited))
	require.Equal(t, http.StatusOK, status, answer)

	c := clientFor(e, e.Default)
	id := field[string](t, call(t, c, "SendMessage", cmqclient.P("queueName", "qb", "msgBody", "new")), "msgId")
	n, err := strconv.ParseUint(id, 10, 64)
	require.NoError(t, err)
	for _, r := range append([]string{w.deleteMe}, slices.Collect(maps.Values(w.ids))...) {
		rn, err := strconv.ParseUint(r, 10, 64)
		require.NoError(t, err)
		assert.Greater(t, n, rn)
	}
}
