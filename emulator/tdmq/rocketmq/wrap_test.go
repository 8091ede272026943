package rocketmq_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/mqmock/mqmock/emulator"
	"github.com/mqmock/mqmock/emulator/emutest"
)

const (
	msgDryRun    = "DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used."
	msgRateLimit = "The number of requests exceeds the frequency limit."
)

// TestRocketMQ4DryRun: DryRun runs every check and changes nothing.
func TestRocketMQ4DryRun(t *testing.T) {
	_, c := start(t)
	f := c.fixture()
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "dry-cluster", "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "x", "DryRun": true}, "InvalidParameter", msgBadParam)
	c.fail("CreateRocketMQCluster", map[string]any{"Name": "fixture-cluster", "DryRun": true}, "ResourceInUse", msgInUse)
	c.fail("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("DeleteRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("ModifyRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "Topic": f.topic, "Remark": "dry", "PartitionNum": 8, "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("SendRocketMQMessage", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic, "MsgBody": "x", "DryRun": true}, "DryRunOperation", msgDryRun)
	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": f.cluster, "DryRun": "maybe"}, "InvalidParameter", msgBadParam)

	var list specDescribeClustersResponse
	c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 10, "DryRun": false}, &list)
	assert.Equal(t, uint64(1), list.TotalCount, "the dry create made nothing")
	var topic specDescribeTopicResponse
	c.ok("DescribeRocketMQTopic", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic}, &topic)
	assert.Equal(t, uint64(3), topic.Topic.PartitionNum, "the dry modify changed nothing")
	assert.Empty(t, topic.Topic.Remark)
	var stats specTopicStatsResponse
	c.ok("DescribeRocketMQTopicStats", map[string]any{"ClusterId": f.cluster, "NamespaceId": f.ns, "TopicName": f.topic}, &stats)
	for _, q := range stats.TopicStatsList {
		assert.Zero(t, q.MaxOffset, "the dry send stored nothing")
	}
}

// TestRocketMQ4RateLimits: with tdmq.rateLimits the documented limits apply
// per account and action on the virtual clock (frozen here, so buckets
// refill only when the test advances it); overrides add limits.
func TestRocketMQ4RateLimits(t *testing.T) {
	env, c := start(t, emutest.Frozen(), emutest.WithConfig(func(cfg *emulator.Config) {
		cfg.TDMQ.Options = map[string]any{"rateLimits": true, "rateLimitOverrides": map[string]any{"CreateRocketMQRole": 1}}
	}))
	cl := c.cluster("limited")
	for i := 0; i < 20; i++ {
		c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)
	}
	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, "RequestLimitExceeded", msgRateLimit)
	c.ok("DescribeRocketMQNamespaces", map[string]any{"ClusterId": cl, "Offset": 0, "Limit": 10}, nil) // not limited
	// Another account has its own bucket (and cannot see the cluster).
	newClient(t, env, env.Other).fail("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, "ResourceNotFound.Cluster", msgClusterNotFound)
	env.Advance(100 * time.Millisecond) // two tokens
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)
	c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)
	c.fail("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, "RequestLimitExceeded", msgRateLimit)

	c.ok("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "one"}, nil)
	c.fail("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "two"}, "RequestLimitExceeded", msgRateLimit)
	env.Advance(time.Second)
	c.ok("CreateRocketMQRole", map[string]any{"ClusterId": cl, "RoleName": "two"}, nil)
}

// The global limits.rateLimits turns the 4.x limits on too.
func TestRocketMQ4GlobalRateLimits(t *testing.T) {
	_, c := start(t, emutest.Frozen(), emutest.WithConfig(func(cfg *emulator.Config) { cfg.Limits.RateLimits = true }))
	for i := 0; i < 20; i++ {
		c.ok("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1}, nil)
	}
	c.fail("DescribeRocketMQClusters", map[string]any{"Offset": 0, "Limit": 1}, "RequestLimitExceeded", msgRateLimit)
}

// Without tdmq.rateLimits nothing is limited.
func TestRocketMQ4RateLimitsOff(t *testing.T) {
	_, c := start(t)
	cl := c.cluster("unlimited")
	for i := 0; i < 25; i++ {
		c.ok("DescribeRocketMQCluster", map[string]any{"ClusterId": cl}, nil)
	}
}
