package tdmq_test

// The SDK-level tests of the door: both services' happy path and a wrong
// secret, through the official Go SDK (tdmqtest).

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

func TestSDKDescribeRocketMQClustersEmpty(t *testing.T) {
	env := emutest.Start(t)
	raw, err := tdmqtest.DefaultSDK(t, env).Call("tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 20})
	require.NoError(t, err)
	var got struct {
		ClusterList []json.RawMessage
		TotalCount  *uint64
		RequestId   string
	}
	require.NoError(t, json.Unmarshal(raw, &got))
	require.NotNil(t, got.TotalCount)
	assert.Equal(t, uint64(0), *got.TotalCount)
	assert.NotNil(t, got.ClusterList, "ClusterList must be [] not null")
	assert.Regexp(t, tdmqtest.RequestID, got.RequestId)
}

func TestSDKDescribeInstanceListEmpty(t *testing.T) {
	env := emutest.Start(t)
	var got struct {
		TotalCount int64
		Data       []json.RawMessage
		RequestId  string
	}
	tdmqtest.DefaultSDK(t, env).OK("DescribeInstanceList", map[string]any{"Offset": 0, "Limit": 20}, &got)
	assert.Equal(t, int64(0), got.TotalCount)
	assert.NotNil(t, got.Data, "Data must be [] not null")
	assert.Regexp(t, tdmqtest.RequestID, got.RequestId)
}

func TestSDKWrongSecretIsSignatureFailure(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.NewSDK(t, env, env.Default.Tencent.SecretID, "not-the-secret")
	for _, svc := range []string{"tdmq", "trocket"} {
		action, params := "DescribeInstanceList", map[string]any{}
		if svc == "tdmq" {
			action, params = "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1}
		}
		se := c.FailIn(svc, action, params, "AuthFailure.SignatureFailure")
		assert.Equal(t, "The provided credentials could not be validated. Please ensure your signature is correct.", se.Message)
	}
}

// TestSDKCmqActionsBesideRocketMQ: version 2020-02-17 is served by RocketMQ
// 4.x's table and CMQ's API 3.0 table together; 2023-03-08 has neither's
// actions.
func TestSDKCmqActionsBesideRocketMQ(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	_, err := c.Call("tdmq", "CreateCmqQueue", map[string]any{"QueueName": "beside"})
	require.NoError(t, err)
	_, err = c.Call("tdmq", "DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1})
	require.NoError(t, err)
	c.FailIn("trocket", "DescribeCmqQueues", map[string]any{}, "InvalidAction")
	c.FailIn("tdmq", "ReceiveCmqMessage", map[string]any{}, "InvalidAction")
}
