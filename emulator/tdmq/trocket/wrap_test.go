package trocket_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
	"github.com/mqmock/mqmock/emulator/tdmq/tdmqtest"
)

// TestDryRunChangesNothing: DryRun answers DryRunOperation when the request
// would succeed, the real error when it would not, and never changes state.
func TestDryRunChangesNothing(t *testing.T) {
	env := emutest.Start(t)
	c := tdmqtest.DefaultSDK(t, env)
	id := tdmqtest.NewInstance(t, c, "dry", "BASIC", "basic_1k")
	tdmqtest.NewTopic(t, c, id, "exists")
	for _, tc := range []struct {
		action string
		params p
		code   string
	}{
		{"CreateInstance", p{"InstanceType": "BASIC", "Name": "dry-two", "SkuCode": "basic_1k", "VpcList": vpc}, "DryRunOperation"},
		{"CreateTopic", p{"InstanceId": id, "Topic": "fresh", "TopicType": "NORMAL"}, "DryRunOperation"},
		{"CreateTopic", p{"InstanceId": id, "Topic": "exists", "TopicType": "NORMAL"}, "UnsupportedOperation.ResourceAlreadyExists"},
		{"DeleteTopic", p{"InstanceId": id, "Topic": "exists"}, "DryRunOperation"},
		{"DeleteInstance", p{"InstanceId": id}, "ResourceInUse"},
		{"DescribeInstance", p{"InstanceId": id}, "DryRunOperation"},
		{"DescribeInstance", p{"InstanceId": "rmq-missing1"}, "ResourceNotFound.Instance"},
	} {
		tc.params["DryRun"] = true
		c.Fail(tc.action, tc.params, tc.code)
	}
	var list struct {
		TotalCount int64
		Data       []struct{ Topic string }
	}
	require.NoError(t, json.Unmarshal(c.OK("DescribeTopicList", p{"InstanceId": id}, nil), &list))
	require.Len(t, list.Data, 1)
	assert.Equal(t, "exists", list.Data[0].Topic)
	var inst struct{ TotalCount int64 }
	require.NoError(t, json.Unmarshal(c.OK("DescribeInstanceList", nil, nil), &inst))
	assert.Equal(t, int64(1), inst.TotalCount)
	c.OK("DescribeInstance", p{"InstanceId": id, "DryRun": false}, nil)
	c.Fail("DescribeInstance", p{"InstanceId": id, "DryRun": 7}, "InvalidParameter")
}

// TestDocumentedRateLimits: with rateLimits on and no override,
// DescribeInstanceList allows 20 calls per second of virtual time; the limit
// is per account and per action; off by default.
func TestDocumentedRateLimits(t *testing.T) {
	// A frozen clock: the bucket refills only when the test advances time.
	env := emutest.Start(t, emutest.Frozen(), tdmqtest.WithOptions(map[string]any{"rateLimits": true}))
	c := tdmqtest.DefaultSDK(t, env)
	burst := func() (limited int) {
		for range 30 {
			if _, err := c.Call("trocket", "DescribeInstanceList", nil); err != nil {
				var se *tcerr.TencentCloudSDKError
				require.True(t, errors.As(err, &se))
				require.Equal(t, "RequestLimitExceeded", se.Code)
				limited++
			}
		}
		return limited
	}
	assert.Equal(t, 10, burst(), "20 of 30 pass in one instant")
	tdmqtest.NewSDK(t, env, env.Other.Tencent.SecretID, env.Other.Tencent.SecretKey).OK("DescribeInstanceList", nil, nil)
	c.OK("DescribeInstance", p{"InstanceId": tdmqtest.NewInstance(t, c, "other-action", "BASIC", "basic_1k")}, nil)
	env.Advance(500 * time.Millisecond)
	assert.Equal(t, 20, burst(), "half a second refills 10")
	env.Advance(time.Hour)
	assert.Equal(t, 10, burst(), "the bucket holds at most one second's worth")

	// The global limits.rateLimits switch turns them on as well.
	global := emutest.Start(t, emutest.Frozen(), emutest.WithConfig(func(c *emulator.Config) { c.Limits.RateLimits = true }))
	gc := tdmqtest.DefaultSDK(t, global)
	for range 20 {
		gc.OK("DescribeInstanceList", nil, nil)
	}
	gc.Fail("DescribeInstanceList", nil, "RequestLimitExceeded")

	off := emutest.Start(t)
	oc := tdmqtest.DefaultSDK(t, off)
	for range 40 {
		oc.OK("DescribeInstanceList", nil, nil)
	}
}
