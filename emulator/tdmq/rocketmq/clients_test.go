package rocketmq_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
)

// control calls a 4.x control endpoint and returns its status.
func control(t *testing.T, env *emutest.Env, method, path string, body any) int {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(method, env.URL("tdmq")+"/_mqmock/tdmq/rocketmq4"+path, bytes.NewReader(b))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// TestRocketMQ4ConsumersAndDeadLetters: with consumer clients and dead
// letters put in place through the control API (no RocketMQ client reaches
// mqmock), the consumer list, VerifyRocketMQConsume and
// RetryRocketMQDlqMessage have their success paths, through the SDK.
func TestRocketMQ4ConsumersAndDeadLetters(t *testing.T) {
	env, c := start(t)
	f := c.fixture()
	var sent specSendMessageResponse
	c.ok("SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic, "MsgBody": "hi"}, &sent)
	verify := map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group, "MsgId": sent.MsgId, "TopicName": f.topic}
	group := map[string]any{"clusterId": f.cluster, "namespaceId": f.ns, "groupId": f.group}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range group {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}

	c.fail("VerifyRocketMQConsume", verify, "FailedOperation", msgFailed)

	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/clients", with(map[string]any{"clientId": "c-1", "clientAddr": "10.0.0.1:5000", "version": "V4_9_4"})))
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/clients", with(map[string]any{"clientId": "c-2"})))
	// A misspelt key is refused, not ignored: the client it names would
	// otherwise come online without its address.
	require.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPost, "/clients", with(map[string]any{"clientId": "c-3", "clientAdress": "10.0.0.3:5000"})))
	var conns specConsumerConnectionsResponse
	c.ok("DescribeRocketMQConsumerConnections", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupId": f.group, "Offset": 0, "Limit": 1}, &conns)
	assert.Equal(t, uint64(2), conns.TotalCount)
	require.Len(t, conns.Connections, 1, "paged")
	assert.Equal(t, "c-1", conns.Connections[0].ClientId)
	assert.Equal(t, "10.0.0.1:5000", conns.Connections[0].ClientAddr)
	assert.Equal(t, "JAVA", conns.Connections[0].Language)

	c.ok("VerifyRocketMQConsume", verify, nil)
	verify["ClientId"] = "c-2"
	c.ok("VerifyRocketMQConsume", verify, nil)
	verify["ClientId"] = "c-9"
	c.fail("VerifyRocketMQConsume", verify, "FailedOperation", msgFailed)
	delete(verify, "ClientId")

	// Dead letters.
	retry := map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "GroupName": f.group, "MessageIds": []string{sent.MsgId}}
	c.fail("RetryRocketMQDlqMessage", retry, "ResourceNotFound", msgNotFound)
	require.Equal(t, http.StatusOK, control(t, env, http.MethodPost, "/deadletters", with(map[string]any{"topic": f.topic, "msgId": sent.MsgId})))
	c.ok("DescribeRocketMQMsg", map[string]any{"ClusterId": f.cluster, "EnvironmentId": f.ns, "TopicName": f.group, "MsgId": sent.MsgId, "PulsarMsgId": sent.MsgId, "QueryDlqMsg": true}, nil)
	c.ok("RetryRocketMQDlqMessage", retry, nil)
	c.fail("RetryRocketMQDlqMessage", retry, "ResourceNotFound", msgNotFound)

	// Offline again.
	require.Equal(t, http.StatusOK, control(t, env, http.MethodDelete, "/clients", group))
	c.fail("VerifyRocketMQConsume", verify, "FailedOperation", msgFailed)

	// Control errors are JSON 4xx and change nothing.
	assert.Equal(t, http.StatusNotFound, control(t, env, http.MethodPost, "/clients", map[string]any{"clusterId": f.cluster, "namespaceId": f.ns, "groupId": "nope", "clientId": "x"}))
	assert.Equal(t, http.StatusBadRequest, control(t, env, http.MethodPost, "/clients", group), "no clientId")
	assert.Equal(t, http.StatusNotFound, control(t, env, http.MethodPost, "/deadletters", with(map[string]any{"topic": f.topic, "msgId": "no-such-message"})))
	assert.Equal(t, http.StatusNotFound, control(t, env, http.MethodPost, "/clients", map[string]any{"account": "other", "clusterId": f.cluster, "namespaceId": f.ns, "groupId": f.group, "clientId": "x"}), "another account's group")
}
