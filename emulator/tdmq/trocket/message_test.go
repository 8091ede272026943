package trocket_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// TestMessagesLagAndOffsets follows messages through lag, consumption,
// offset reset, topic stats, retention, dead letters and verification.
func TestMessagesLagAndOffsets(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "flow", "PLATINUM", "platinum_1w")
	tdmqtest.NewTopic(t, c, id, "orders", p{"QueueNum": 3, "MsgTTL": 24})
	tdmqtest.NewGroup(t, c, id, "billing")
	code, _ := control(t, env, http.MethodPost, "/clients", p{"instanceId": id, "consumerGroup": "billing", "clientId": "pop-1",
		"consumeType": "POP", "subscriptions": []p{{"topic": "orders"}}})
	require.Equal(t, http.StatusOK, code)
	// A misspelt key is refused with the control API's error, not ignored.
	code, answer := control(t, env, http.MethodPost, "/clients", p{"instanceId": id, "consumerGroup": "billing", "clientId": "pop-2",
		"consumeType": "POP", "subscription": []p{{"topic": "orders"}}})
	require.Equal(t, http.StatusBadRequest, code)
	require.Contains(t, answer, "error")

	lag := func() int64 {
		var d struct{ ConsumerLag int64 }
		require.NoError(t, json.Unmarshal(c.OK("DescribeConsumerLag", p{"InstanceId": id, "ConsumerGroup": "billing", "SubscribeTopic": "orders"}, nil), &d))
		return d.ConsumerLag
	}
	require.Equal(t, int64(0), lag(), "a new subscription starts at the end")
	start := env.Clock().Now()
	var ids []string
	for i := range 6 {
		var m struct{ MsgId string }
		require.NoError(t, json.Unmarshal(c.OK("SendMessage", p{"InstanceId": id, "Topic": "orders", "MsgBody": "m", "MsgKey": string(rune('a' + i))}, nil), &m))
		ids = append(ids, m.MsgId)
		env.Advance(time.Minute)
	}
	assert.Equal(t, int64(6), lag())

	code, body := control(t, env, http.MethodPost, "/consume", p{"instanceId": id, "consumerGroup": "billing", "topic": "orders", "count": 4})
	require.Equal(t, http.StatusOK, code)
	assert.EqualValues(t, 2, body["lag"])
	assert.Equal(t, int64(2), lag())

	// Per-queue stats add up to the lag; three queues, round robin.
	var stats struct {
		TotalCount int64
		Data       []struct{ QueueId, BrokerOffset, CommitOffset, MessageCount int64 }
	}
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicStats", p{"InstanceId": id, "Topic": "orders", "GroupId": "billing"}, nil), &stats))
	require.Len(t, stats.Data, 3)
	var sum int64
	for _, q := range stats.Data {
		assert.Equal(t, int64(2), q.BrokerOffset)
		sum += q.MessageCount
	}
	assert.Equal(t, int64(2), sum)

	// Reset to the third message's time: lag 4; to -1: lag 0.
	c.OK("ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": start.Add(2 * time.Minute).UnixMilli()}, nil)
	assert.Equal(t, int64(4), lag())
	c.OK("ResetConsumerGroupOffset", p{"InstanceId": id, "Topic": "orders", "ConsumerGroup": "billing", "ResetTimestamp": -1}, nil)
	assert.Equal(t, int64(0), lag())

	// Tracks: consumed messages say so.
	var msg struct {
		MessageTracks []struct{ ConsumerGroup, ConsumeStatus string }
	}
	require.NoError(t, json.Unmarshal(c.OK("DescribeMessage", p{"InstanceId": id, "Topic": "orders", "MsgId": ids[0]}, nil), &msg))
	require.Len(t, msg.MessageTracks, 1)
	assert.Equal(t, "CONSUMED", msg.MessageTracks[0].ConsumeStatus)

	// Query by key, by recent count, and by time window.
	list := func(extra p) (total int64) {
		params := p{"InstanceId": id, "Topic": "orders", "StartTime": start.UnixMilli(), "EndTime": env.Clock().Now().UnixMilli(), "TaskRequestId": ""}
		for k, v := range extra {
			params[k] = v
		}
		var d struct{ TotalCount int64 }
		require.NoError(t, json.Unmarshal(c.OK("DescribeMessageList", params, nil), &d))
		return d.TotalCount
	}
	assert.Equal(t, int64(6), list(nil))
	assert.Equal(t, int64(1), list(p{"MsgKey": "c"}))
	assert.Equal(t, int64(2), list(p{"RecentMessageNum": 2}))
	assert.Equal(t, int64(3), list(p{"EndTime": start.Add(150 * time.Second).UnixMilli()}))

	// Verify consumption: the only client pops, which cannot be pushed to.
	c.Fail("VerifyMessageConsumption", p{"InstanceId": id, "Topic": "orders", "MsgId": ids[1]}, "UnsupportedOperation.UnsupportedConsumerType")
	code, _ = control(t, env, http.MethodPost, "/clients", p{"instanceId": id, "consumerGroup": "billing", "clientId": "push-1",
		"consumeType": "PUSH", "subscriptions": []p{{"topic": "orders"}}})
	require.Equal(t, http.StatusOK, code)
	c.OK("VerifyMessageConsumption", p{"InstanceId": id, "Topic": "orders", "MsgId": ids[1], "ClientId": "push-1"}, nil)
	c.Fail("VerifyMessageConsumption", p{"InstanceId": id, "Topic": "orders", "MsgId": ids[1], "ClientId": "gone"}, "FailedOperation")

	// Dead letters: list them for the group, resend them, count the resends.
	code, _ = control(t, env, http.MethodPost, "/deadletters", p{"instanceId": id, "consumerGroup": "billing", "msgId": ids[2]})
	require.Equal(t, http.StatusOK, code)
	c.Fail("ResendDeadLetterMessage", p{"InstanceId": id, "MessageIds": []string{ids[3]}}, "FailedOperation")
	c.OK("ResendDeadLetterMessage", p{"InstanceId": id, "MessageIds": []string{ids[2]}}, nil)
	var dlq struct {
		TotalCount int64
		Data       []struct {
			MsgId                 string
			DeadLetterResendTimes int64
		}
	}
	require.NoError(t, json.Unmarshal(c.OK("DescribeMessageList", p{"InstanceId": id, "Topic": "orders", "StartTime": 0, "EndTime": env.Clock().Now().UnixMilli(),
		"TaskRequestId": "", "QueryDeadLetterMessage": true, "ConsumerGroup": "billing"}, nil), &dlq))
	require.Len(t, dlq.Data, 1)
	assert.Equal(t, ids[2], dlq.Data[0].MsgId)
	assert.Equal(t, int64(1), dlq.Data[0].DeadLetterResendTimes)

	// Retention: after MsgTTL (24 h) the messages are gone.
	env.Advance(25 * time.Hour)
	c.Fail("DescribeMessage", p{"InstanceId": id, "Topic": "orders", "MsgId": ids[5]}, "ResourceNotFound.Message")
	assert.Equal(t, int64(0), list(p{"StartTime": 0}))

	// Clients go offline through the control API.
	code, _ = control(t, env, http.MethodDelete, "/clients?instanceId="+id+"&clientId=push-1", nil)
	assert.Equal(t, http.StatusOK, code)
	code, _ = control(t, env, http.MethodDelete, "/clients?instanceId="+id+"&clientId=push-1", nil)
	assert.Equal(t, http.StatusNotFound, code)
}

func TestControlRefusesBadInput(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "ctl", "BASIC", "basic_1k")
	for _, tc := range []struct {
		path string
		body p
		want int
	}{
		{"/clients", p{"instanceId": id}, http.StatusBadRequest},
		{"/clients", p{"instanceId": "rmq-none0000", "consumerGroup": "g", "clientId": "c"}, http.StatusNotFound},
		{"/clients", p{"instanceId": id, "consumerGroup": "ghost", "clientId": "c"}, http.StatusNotFound},
		{"/clients", p{"account": "other", "instanceId": id, "consumerGroup": "g", "clientId": "c"}, http.StatusNotFound},
		{"/producers", p{"instanceId": id, "topic": "ghost", "clientId": "c"}, http.StatusNotFound},
		{"/consume", p{"instanceId": id, "consumerGroup": "g", "topic": "t"}, http.StatusNotFound},
		{"/deadletters", p{"instanceId": id, "consumerGroup": "g", "msgId": "x"}, http.StatusNotFound},
	} {
		code, body := control(t, env, http.MethodPost, tc.path, tc.body)
		assert.Equal(t, tc.want, code, "%s %v", tc.path, tc.body)
		assert.NotEmpty(t, body["error"])
	}
}

// TestStateShowsInstances: GET /_mqmock/state lists 5.x instances with
// their resources.
func TestStateShowsInstances(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "visible", "BASIC", "basic_1k")
	tdmqtest.NewTopic(t, c, id, "orders")
	resp, err := http.Get(env.URL("tdmq") + "/_mqmock/state?vendor=tdmq")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var raw map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&raw))
	b, _ := json.Marshal(raw)
	assert.Contains(t, string(b), `"instanceId":"`+id+`"`)
	assert.Contains(t, string(b), `"topics":["orders"]`)
}
