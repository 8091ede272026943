package tdmq_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/mqmock/mqmock/internal/config"
)

const (
	msgDryRun    = "DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used."
	msgRateLimit = "The number of requests exceeds the frequency limit."
)

// TestRocketMQ4DryRun: DryRun runs every check and changes nothing.
func TestRocketMQ4DryRun(t *testing.T) {
	_, c := start4(t)
	f := c.fixture()
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "dry-cluster", "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "x", "DryRun": true}, "InvalidParameter", msgBadParam)
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "fixture-cluster", "DryRun": true}, "ResourceInUse", msgInUse)
	c.fail("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("DeleteRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("ModifyRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic, "Remark": "dry", "PartitionNum": 8, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic, "MsgBody": "x", "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": f.cluster, "DryRun": "maybe"}, "InvalidParameter", msgBadParam)

	var list s4DescribeClustersResponse
	c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10, "DryRun": false}, &list)
	assert.Equal(t, uint64(1), list.TotalCount, "the dry create made nothing")
	var topic s4DescribeTopicResponse
	c.ok("DescribeRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic}, &topic)
	assert.Equal(t, uint64(3), topic.Topic.PartitionNum, "the dry modify changed nothing")
	assert.Empty(t, topic.Topic.Remark)
	var stats s4TopicStatsResponse
	c.ok("DescribeRocketMQTopicStats", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic}, &stats)
	for _, q := range stats.TopicStatsList {
		assert.Zero(t, q.MaxOffset, "the dry send stored nothing")
	}
}

// TestRocketMQ4RateLimits: with tdmq.rateLimits the documented limits apply
// per account and action; overrides add limits. The emulator's clock runs
// with real time, so over HTTP the count is checked within what a second
// of refill allows (the exact count is TestRocketMQ4RateLimitExact's).
func TestRocketMQ4RateLimits(t *testing.T) {
	env, c := start4(t, func(cfg *config.Config) {
		cfg.TDMQ.Options = map[string]any{"rateLimits": true, "rateLimitOverrides": map[string]any{"CreateRocketMQRole": 1}}
	})
	cl := c.cluster("limited")
	ok, limited := 0, 0
	for i := 0; i < 40; i++ {
		_, err := c.call("DescribeRocketMQCluster", map[string]any{"ClusterId": cl})
		var se *tcerr.TencentCloudSDKError
		if errors.As(err, &se) && se.GetCode() == "RequestLimitExceeded" {
			assert.Equal(t, msgRateLimit, se.GetMessage())
			limited++
		} else {
			require.NoError(t, err)
			ok++
		}
	}
	assert.GreaterOrEqual(t, ok, 20)
	assert.Positive(t, limited)
	c.ok("DescribeRocketMQNamespaces", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 10}, nil) // not limited
	env.Advance(time.Second)
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)

	c.ok("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "one"}, nil)
	c.fail("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "two"}, "RequestLimitExceeded", msgRateLimit)
	env.Advance(time.Second)
	c.ok("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "two"}, nil)
}

// Without tdmq.rateLimits nothing is limited.
func TestRocketMQ4RateLimitsOff(t *testing.T) {
	_, c := start4(t)
	cl := c.cluster("unlimited")
	for i := 0; i < 25; i++ {
		c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)
	}
}
